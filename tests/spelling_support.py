"""The project's own text on built pages, proofread with Voikko (see ngoplan.spelling).

A word on a Finnish page is the project's when it does not occur in the data: templates,
catalogues and authored pages put it there. Such a word must be known (Voikko or the
reviewed word list data/sanasto.txt); words from the data are warnings in make validate.
SVG drawings are left out: their labels repeat the text equivalent beside them.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from ngoplan.spelling import open_speller, words

SKIPPED_TAGS = ("script", "style", "code", "pre", "svg")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Text(HTMLParser):
    """Visible Finnish text: leaves out scripts, code, drawings and any element marked as
    another language (lang="sv" on the root 404 page's Swedish part)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: is its content skipped

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = (self._skipping() or tag in SKIPPED_TAGS
                or not (attrs.get("lang") or "fi").startswith("fi"))
        if not skip:
            for name in ("title", "alt", "aria-label"):
                if attrs.get(name):
                    self.parts.append(attrs[name])
        if tag not in VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._skipping():
            self.parts.append(data)


def page_text(html: str) -> str:
    start, end = html.find("<article"), html.find("</article>")
    parser = _Text()
    parser.feed(html[start:end] if start >= 0 and end > start else html)
    return " ".join(parser.parts)


def data_words(project: Path) -> set[str]:
    """Every word anywhere in the project's data files (values, comments too: a word in a
    comment is still the county's word, not the template's)."""
    found: set[str] = set()
    for path in (project / "data").rglob("*.yaml"):
        found.update(words(path.read_text(encoding="utf-8")))
    return found


def unknown_project_words(project: Path, site: Path) -> dict[str, str]:
    """word -> first page where it appears, for unknown words on Finnish pages that the
    data does not hold."""
    speller = open_speller(project)
    assert speller is not None, "Voikko puuttuu: make voikko (Debian: voikko-fi, libvoikko1)"
    from_data = data_words(project)
    found: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if '<html lang="fi"' not in html[:400]:
            continue
        for word in speller.unknown(page_text(html)):
            if word not in from_data:
                found.setdefault(word, page.relative_to(site).as_posix())
    return found
