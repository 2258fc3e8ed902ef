"""The site's search index: Pagefind (its service mode) fed each page as the build writes
it, the index written after the last page.

Pagefind reads each page's language from <html lang> (Finnish and Swedish get their own
Snowball stemmer and their own index) and indexes only the elements marked
data-pagefind-body (overrides/main.html: a page's main text). It writes <site>/pagefind/:
the script, and the index split into chunks and per-page fragments that the browser loads
only when a query needs them.

Pagefind separates words only at the boundaries of the elements it knows as blocks (p, li,
td, div, headings, ...), so "<dt>Alueen kunnat</dt><dd>ei tiedossa</dd>" would be indexed
as the one word "kunnatei"; and it keeps typographic quotes and the ellipsis as part of a
word (”avustukset” would not be found by avustukset). Pagefind therefore gets a copy of
each page's text with a space before each such tag and plain quotes; the published pages
are not changed. The copy holds only what Pagefind reads (<html lang>, the head and the
data-pagefind-body element) without the elements it would leave out whole
(data-pagefind-ignore="all": each item's add-to-calendar links, over half of a year-clock
page's bytes), so that Pagefind does not parse them at all.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import queue
import re
import shutil
import struct
import subprocess
import sys
import threading
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
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


def _element_end(html: str, start: int, tag: str) -> int:
    """The offset after the end tag of the element whose start tag begins at start (same
    tags nested inside counted); after its start tag when it has no end tag."""
    start_tag_end = html.find(">", start) + 1 or len(html)
    if tag.lower() in _VOID:
        return start_tag_end
    tags = re.compile(rf"<(/?){tag}\b", re.I)  # the re module keeps compiled patterns
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


def _request(message_id: int, payload: dict) -> bytes:
    """One message to Pagefind's service (pagefind --service): base64 of its JSON and a
    comma."""
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload})
                            .encode("utf-8")) + b","


class _Service:
    """Pagefind's service mode, spoken directly: the Python API of the same version
    (PyPI pagefind 1.5.2) reads one answer per 0.1 s (asyncio.sleep before each), which
    is a minute for a 554-page site, longer than the build it would run beside."""

    _FILES = 2**31  # the message id of the final request: answers come in their own order

    def __init__(self):
        self._process = subprocess.Popen([str(executable()), "--service"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._ids = itertools.count(1)
        self._answers: queue.Queue = queue.Queue()
        self.errors: list[str] = []
        # Answers are read as they come, so that Pagefind never waits on a full pipe.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._send({"type": "NewIndex", "config": None})
        answer = self._answers.get()
        if answer is None or answer["payload"].get("type") != "NewIndex":
            raise SearchIndexError(f"Pagefind ei aloittanut hakemistoa: {self.errors or answer}")
        self._index = answer["payload"]["index_id"]

    def _send(self, payload: dict, message_id: int | None = None) -> None:
        self._process.stdin.write(_request(message_id or next(self._ids), payload))
        self._process.stdin.flush()

    def _read(self) -> None:
        stream = self._process.stdout
        pending: list[bytes] = []  # the parts of a message not yet ended (the index: MBs)
        while chunk := stream.read1(1 << 16):
            *ended, rest = chunk.split(b",")
            for part in ended:
                pending.append(part)
                self._answer(json.loads(base64.b64decode(b"".join(pending))))
                pending.clear()
            if rest:
                pending.append(rest)
        self._answers.put(None)  # the service ended

    def _answer(self, answer: dict) -> None:
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error":
            self.errors.append(f"{payload.get('message')} "
                               f"({(payload.get('original_message') or '')[:200]})")
        if answer.get("message_id") in (1, self._FILES):  # NewIndex, GetFiles
            self._answers.put(answer)

    def add(self, dest_uri: str, html: str) -> None:
        """The page at dest_uri (relative to the site root: Pagefind makes its URL of it
        as it does of a file under --site)."""
        self._send({"type": "AddFile", "index_id": self._index, "file_path": dest_uri,
                    "file_contents": spaced(indexed_part(html))})

    def write(self, output: Path) -> None:
        """The index's files, from Pagefind's memory, written here: when the service is
        asked to write them itself (WriteFiles), it answers before its last writes have
        reached the disk and ends with its input, leaving a file cut at 32 kB."""
        self._send({"type": "GetFiles", "index_id": self._index}, self._FILES)
        answer = self._answers.get()
        self._process.stdin.close()
        self._process.wait()
        if self.errors or answer is None or answer["payload"].get("type") != "GetFiles":
            raise SearchIndexError("Hakuhakemistoa ei saatu tehtyä (Pagefind):\n"
                                   + "\n".join(self.errors or [str(answer)[:500]]))
        shutil.rmtree(output, ignore_errors=True)
        for file in answer["payload"]["files"]:
            path = output / file["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(file["content"]))


def index_site(site_dir: Path) -> None:
    """Write the search index of the pages under site_dir into site_dir/pagefind/, in the
    order of their paths."""
    indexer = Indexer(site_dir)
    for page in sorted(site_dir.rglob("*.html")):
        dest_uri = page.relative_to(site_dir).as_posix()
        if not dest_uri.startswith(BUNDLE + "/"):
            indexer.add(dest_uri, page.read_text(encoding="utf-8"))
    indexer.finish()


class Indexer:
    """The search index of pages handed over as the build writes them: a helper process (a
    fresh interpreter, not a fork: safe in a preview server too) hands each page, as
    Pagefind reads it, to a Pagefind service, which indexes it meanwhile on the other
    core; after the last page only writing the index remains. The build hands over every
    HTML file it writes, its pages and its static templates (404.html) alike."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(Path(__file__).parent.parent)] + [p for p in [os.environ.get("PYTHONPATH")] if p])}
        self._helper = subprocess.Popen(
            [sys.executable, "-m", "ngoplan.search", str(self.site_dir / BUNDLE)],
            stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        # The pages go to the helper from a thread: the build does not wait for the
        # helper when the other core is busy (the helper catches up by finish()).
        self._pages: queue.SimpleQueue = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send, daemon=True, name="ngoplan-search")
        self._sender.start()

    def _send(self) -> None:
        while (frame := self._pages.get()) is not None:
            try:
                self._helper.stdin.write(frame)
            except OSError:
                pass  # the helper has ended: finish() says why

    def add(self, dest_uri: str, html: str) -> None:
        """A page as written to site_dir/dest_uri; pages outside the index (no
        data-pagefind-body: print, embed, 404) are left out, as Pagefind leaves them out
        once any page has the mark."""
        if "data-pagefind-body" not in html:
            return
        # Encoded as MkDocs writes the page file, so the index is made of the file's text.
        name, page = dest_uri.encode("utf-8"), html.encode("utf-8", errors="xmlcharrefreplace")
        self._pages.put(struct.pack("<IQ", len(name), len(page)) + name)
        self._pages.put(page)

    def finish(self) -> None:
        self._pages.put(None)  # the end of the helper's input: it writes the index
        self._sender.join()
        _, error = self._helper.communicate()  # closes its input: the index is written
        if self._helper.returncode != 0:
            raise SearchIndexError("Hakuhakemistoa ei saatu tehtyä: hakemiston tekijä "
                                   f"päättyi virheeseen {self._helper.returncode}\n"
                                   + error.decode("utf-8", "replace").strip())

    def cancel(self) -> None:
        self._helper.kill()
        self._pages.put(None)
        self._sender.join()
        self._helper.communicate()


def _indexes(output: str) -> None:
    """The helper: (name, page) frames from stdin -> Pagefind's service; at the end of
    the input the index is written to output."""
    try:
        service = _Service()
        stream = sys.stdin.buffer
        while header := stream.read(12):
            name_size, size = struct.unpack("<IQ", header)
            dest_uri = stream.read(name_size).decode("utf-8")
            service.add(dest_uri, stream.read(size).decode("utf-8"))
        service.write(Path(output))
    except SearchIndexError as exc:
        sys.exit(str(exc))
    except OSError as exc:  # Pagefind ended half-way
        sys.exit(f"Pagefind päättyi kesken: {exc}")


if __name__ == "__main__":
    _indexes(sys.argv[1])
