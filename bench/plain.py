"""The plain Material site: the same pages' text with no hooks, for the overhead ratio.

Each built HTML page of the repository becomes one Markdown page at the same address,
holding the page's main text (the article) with its headings, paragraphs, list items and
table cells. The plain site uses the same MkDocs, the same theme and language, the same
search plugin and Markdown extensions, and nothing else.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from pathlib import Path

import yaml

BLOCKS = {"p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "pre", "blockquote",
          "summary", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "div", "section", "text"}
SKIP = {"script", "style", "nav", "template"}


class _Article(HTMLParser):
    """Text of the page's <article>, one Markdown block per HTML block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # nesting inside <article>, 0 = outside
        self.skip = 0
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.prefix = ""

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(self.prefix + escape(text, quote=False))
        self.current = []
        self.prefix = ""

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
            return
        if not self.depth:
            return
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCKS:
            self._flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.prefix = "#" * int(tag[1:]) + " "
            elif tag == "li":
                self.prefix = "- "

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self._flush()
            self.depth -= 1
        elif self.depth and tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif self.depth and tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.current.append(data)


def page_text(html: str) -> str:
    parser = _Article()
    parser.feed(html)
    parser.close()
    return "\n\n".join(parser.blocks) + "\n"


def source_path(html_path: Path, site: Path) -> str:
    """foo/bar/index.html -> foo/bar/index.md: the same address with directory URLs."""
    return html_path.relative_to(site).with_suffix(".md").as_posix()


def write_plain_site(built_site: Path, dest: Path, *, site_name: str) -> int:
    """A plain Material project at dest with one page per built page; returns the count."""
    docs = dest / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    count = 0
    for html_path in sorted(built_site.rglob("*.html")):
        if html_path.name == "404.html" and html_path.parent == built_site:
            continue  # MkDocs makes its own 404 page for both sites
        text = page_text(html_path.read_text(encoding="utf-8"))
        target = docs / source_path(html_path, built_site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text or "# Sivu\n", encoding="utf-8")
        count += 1
    config = {
        "site_name": site_name,
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "fi", "font": False},
        "plugins": [{"search": {"lang": "fi"}}],
        "markdown_extensions": ["attr_list", {"toc": {"permalink": False}}],
    }
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return count
