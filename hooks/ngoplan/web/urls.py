"""Where a page is published: the one place that turns a page's source path into its URL."""

from __future__ import annotations


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL path (from the site root, no leading slash) of a page: a/b.md -> a/b/,
    a/index.md -> a/, index.md -> '' with directory URLs, else a/b.html. Other files keep
    their path."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"
