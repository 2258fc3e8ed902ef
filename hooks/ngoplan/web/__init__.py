"""Making the web pages: the build state and page contexts, the parts registry, fragments
rendered by templates, page addresses and the interface languages."""
