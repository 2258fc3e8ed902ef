"""The site's search index: Pagefind run over a built site.

Pagefind reads each page's language from <html lang> (Finnish and Swedish get their own
Snowball stemmer and their own index) and indexes only the elements marked
data-pagefind-body (overrides/main.html: a page's main text). It writes <site>/pagefind/:
the script, and the index split into chunks and per-page fragments that the browser loads
only when a query needs them.

Pagefind separates words only at the boundaries of the elements it knows as blocks (p, li,
td, div, headings, ...), so "<dt>Alueen kunnat</dt><dd>ei tiedossa</dd>" would be indexed
as the one word "kunnatei"; and it keeps typographic quotes and the ellipsis as part of a
word (”avustukset” would not be found by avustukset). The pages are therefore indexed
from copies with a space before each such tag and plain quotes; the published pages are
not changed. The copies hold only what Pagefind reads (<html lang>, the head and the
data-pagefind-body element) without the elements it would leave out whole
(data-pagefind-ignore="all": each item's add-to-calendar links, over half of a year-clock
page's bytes), so that Pagefind does not parse them at all.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

BUNDLE = "pagefind"  # the folder under the site root
# Tags that end a word in the browser but not in Pagefind's parser.
_UNSPACED_BLOCKS = re.compile(
    r"<(/?)(dt|dd|dl|th|tr|ol|caption|figcaption|figure|summary|details|blockquote|table|"
    r"thead|tbody|tfoot|pre|hr|br|main|header|aside|address)\b", re.I)

# Punctuation that Pagefind would keep in a word, as the punctuation it strips. Replaced
# one by one: str.translate with a mapping is a per-character Python lookup, 40 times
# slower on a site of 60 MB.
_PUNCTUATION = (("”", '"'), ("“", '"'), ("„", '"'), ("»", '"'), ("«", '"'), ("…", "... "))


class SearchIndexError(Exception):
    """The index could not be written; the message says why in Finnish."""


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("Hakuhakemiston tekevä Pagefind puuttuu (Python-paketti "
                               "pagefind-bin). Aja make install.") from None
    return get_executable()


_BODY = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-body\b")
_IGNORED = 'data-pagefind-ignore="all"'
_TAG_NAME = re.compile(r"<([a-zA-Z][\w-]*)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
_TAGS: dict[str, re.Pattern] = {}


def _element_end(html: str, start: int, tag: str) -> int:
    """The offset after the end tag of the element whose start tag begins at start (same
    tags nested inside counted); after its start tag when it has no end tag."""
    start_tag_end = html.find(">", start) + 1 or len(html)
    if tag.lower() in _VOID:
        return start_tag_end
    tags = _TAGS.get(tag) or _TAGS.setdefault(tag, re.compile(rf"<(/?){tag}\b", re.I))
    depth = 0
    for found in tags.finditer(html, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return html.find(">", found.end()) + 1 or len(html)
    return start_tag_end


def indexed_part(html: str) -> str:
    """What Pagefind reads of a page marked data-pagefind-body: everything up to the end
    of the head (<html lang>, the title), then the marked element without the elements
    marked data-pagefind-ignore="all" (a space in their place: words on both sides stay
    apart). A page without the mark is returned whole."""
    body = _BODY.search(html)
    if body is None:
        return html
    head_end = html.find("</head>", 0, body.start())
    head = html[:head_end + len("</head>")] if head_end >= 0 else ""
    end = _element_end(html, body.start(), body.group(1))
    parts, pos = [head, "<body>"], body.start()
    while (at := html.find(_IGNORED, pos, end)) >= 0:
        start = html.rfind("<", pos, at)
        parts += [html[pos:start], " "]
        pos = _element_end(html, start, _TAG_NAME.match(html, start).group(1))
    parts += [html[pos:end], "</body></html>"]
    return "".join(parts)


def spaced(html: str) -> str:
    """The page with a space before every block tag Pagefind would not split words at,
    and plain quotes for typographic ones."""
    html = _UNSPACED_BLOCKS.sub(r" <\1\2", html)
    for old, new in _PUNCTUATION:
        if old in html:
            html = html.replace(old, new)
    return html


def _copy(pages: Path, dest_uri: str, html: str) -> None:
    copy = pages / dest_uri
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(spaced(indexed_part(html)), encoding="utf-8")


def _run_pagefind(pages: Path, site_dir: Path) -> None:
    output = site_dir / BUNDLE
    shutil.rmtree(output, ignore_errors=True)
    try:
        result = subprocess.run([str(executable()), "--site", str(pages),
                                 "--output-path", str(output), "--silent"],
                                capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Hakuhakemistoa ei saatu tehtyä: {exc}") from None
    if result.returncode != 0:
        raise SearchIndexError("Hakuhakemistoa ei saatu tehtyä (Pagefind):\n"
                               + (result.stderr or result.stdout).strip())


def _copy_the_rest(site_dir: Path, pages: Path, done: set[str]) -> None:
    for page in site_dir.rglob("*.html"):
        dest_uri = page.relative_to(site_dir).as_posix()
        if dest_uri in done:
            continue
        html = page.read_text(encoding="utf-8")
        # Pagefind leaves out pages without data-pagefind-body when any page has it
        # (the print pages, the embeds, 404): no need to copy them.
        if "data-pagefind-body" in html:
            _copy(pages, dest_uri, html)


def index_site(site_dir: Path) -> None:
    """Write the search index of the pages under site_dir into site_dir/pagefind/."""
    site_dir = Path(site_dir)
    with tempfile.TemporaryDirectory(prefix="ngoplan-search-") as tmp:
        _copy_the_rest(site_dir, Path(tmp), set())
        _run_pagefind(Path(tmp), site_dir)


class Indexer:
    """index_site() for pages handed over as the build writes them: a helper process (a
    fresh interpreter, not a fork: safe in a preview server too) makes the spaced copies
    meanwhile, on the other core, so that only Pagefind itself runs after the last page.
    finish() copies any page that was not handed over (404.html) as index_site() does."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)
        self._tmp = tempfile.TemporaryDirectory(prefix="ngoplan-search-")
        self._done: set[str] = set()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(Path(__file__).parent.parent)] + [p for p in [os.environ.get("PYTHONPATH")] if p])}
        self._helper = subprocess.Popen([sys.executable, "-m", "ngoplan.search", self._tmp.name],
                                        stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

    def add(self, dest_uri: str, html: str) -> None:
        """A page as written to site_dir/dest_uri; pages outside the index (no
        data-pagefind-body: print, embed) are left out, as index_site() leaves them."""
        if "data-pagefind-body" not in html:
            return
        self._done.add(dest_uri)
        # Encoded as MkDocs writes the page file, so the copy is the file's text.
        name, page = dest_uri.encode("utf-8"), html.encode("utf-8", errors="xmlcharrefreplace")
        try:
            self._helper.stdin.write(struct.pack("<IQ", len(name), len(page)) + name)
            self._helper.stdin.write(page)
        except OSError:
            pass  # the helper has ended: finish() says why

    def finish(self) -> None:
        try:
            _, error = self._helper.communicate()  # closes its input: the copies end
            if self._helper.returncode != 0:
                raise SearchIndexError("Hakuhakemistoa ei saatu tehtyä: sivujen kopiointi "
                                       f"päättyi virheeseen {self._helper.returncode}\n"
                                       + error.decode("utf-8", "replace").strip())
            pages = Path(self._tmp.name)
            _copy_the_rest(self.site_dir, pages, self._done)
            _run_pagefind(pages, self.site_dir)
        finally:
            self._tmp.cleanup()

    def cancel(self) -> None:
        self._helper.kill()
        self._helper.communicate()
        self._tmp.cleanup()


def _copies(folder: str) -> None:
    """The helper: (name, page) frames from stdin -> spaced copies under folder."""
    pages = Path(folder)
    stream = sys.stdin.buffer
    while header := stream.read(12):
        name_size, size = struct.unpack("<IQ", header)
        dest_uri = stream.read(name_size).decode("utf-8")
        _copy(pages, dest_uri, stream.read(size).decode("utf-8"))


if __name__ == "__main__":
    _copies(sys.argv[1])
