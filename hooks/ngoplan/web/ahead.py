"""Page fragments rendered ahead by a forked child while the build renders the pages.

A fragment's output does not depend on the page it is rendered for (render.fragment_html
keeps it once per build, plan, marker, argument and language), so a copy of the build
process (os.fork: the loaded data shared copy-on-write) can render some of them on the
machine's other core. Both take fragments from one list: the build each as its page
needs it, the child from the back of the list; a lock and one shared byte per fragment
keep each fragment to one of them, and the child goes on until every fragment is taken,
so the two share the work whatever each one's speed. The child sends each fragment
through a pipe; a thread here files them until the build asks for one.

Without fork (or where forking is unsafe: another thread runs, as in `mkdocs serve`) the
build renders every fragment itself, as it does a fragment the child failed on, so errors
are raised in the build with the page that has the marker.
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
import struct
import threading
from collections.abc import Iterable

from .. import background
from .registry import load_parts, reuses_fragments
from .context import PageContext, plan_of_page
from .render import MARKER, fragment_html

Key = tuple  # (plan id or None, marker name, argument or None)
_FRAME = struct.Struct("<iBQ")  # index, 1 = rendered / 0 = failed, length of the text
# Who renders each key, one byte per key in memory both processes share.
_FREE, _BUILD, _CHILD = 0, 1, 2


def fragment_keys(pages: Iterable[tuple[str, str]], plan_ids) -> list[Key]:
    """The fragments of pages (src_uri, Markdown text) in the order the pages come, each
    once, but for those made of other fragments (registry.fragment(reuses=)): rendered
    in the child, they would render again what the build already has. Markers pass
    through Markdown unchanged, so the source names what the page will hold (a marker
    shown as code is rendered for nothing, never missed; an unknown one is left to the
    build, which reports it)."""
    fragments = load_parts().fragments
    keys: dict[Key, None] = {}
    for src_uri, text in pages:
        plan_id = plan_of_page(src_uri, plan_ids)
        for match in MARKER.finditer(text):
            name, arg = match.group(1), match.group(2)
            if name in fragments and not reuses_fragments(fragments[name], arg):
                keys.setdefault((plan_id, name, arg), None)
    # A plan's fragments together: its pages share what fragments work out once per build
    # and plan (actor lookups, calendar links, the wheel's layout), so each process should
    # hold whole plans. The build still asks in page order: one it asks for early is its
    # own from then on (FragmentsAhead.take), wherever it stands in the list.
    plan_order = {plan_id: n for n, plan_id in enumerate(dict.fromkeys(k[0] for k in keys))}
    return sorted(keys, key=lambda key: plan_order[key[0]])


class FragmentsAhead:
    """The child that renders keys from the back; take() gives the build a fragment the
    child rendered, or None when the build renders it itself."""

    def __init__(self, state, keys: list[Key]):
        self._keys = keys
        self._index = {key: i for i, key in enumerate(keys)}
        try:
            # A semaphore both processes share (needs /dev/shm; without it, no child).
            self._lock = multiprocessing.Lock()
        except (OSError, ImportError):
            self._lock = None
        self._owner = mmap.mmap(-1, max(1, len(keys)))  # all _FREE
        self._next_from_back = len(keys) - 1  # the child's own cursor
        self._done: dict[int, str | None] = {}
        self._ended = False
        self._arrived = threading.Condition()
        self._pid: int | None = None
        self._reader: threading.Thread | None = None
        if len(keys) > 1 and self._lock is not None and background.can_fork():
            self._start(state)

    def _start(self, state) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the build
            try:
                os.close(read)
                # Work that must be done before the pages are written (the feeds' child)
                # goes first on the other core; this child takes what time is left.
                os.nice(10)
                with os.fdopen(write, "wb") as pipe:
                    self._render_from_back(state, pipe)
            finally:
                os._exit(0)
        os.close(write)
        self._pid = pid
        self._reader = threading.Thread(target=self._receive, args=(read,), daemon=True,
                                        name="ngoplan-fragments-ahead")
        self._reader.start()

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def claimed_by_child(self) -> int:
        """How many fragments the child has taken so far (rendered or in hand)."""
        with self._lock:
            return self._owner[:len(self._keys)].count(_CHILD)

    def _claim_from_back(self) -> int | None:
        with self._lock:
            index = self._next_from_back
            while index >= 0 and self._owner[index] != _FREE:
                index -= 1
            self._next_from_back = index - 1
            if index < 0:
                return None
            self._owner[index] = _CHILD
            return index

    def _render_from_back(self, state, pipe) -> None:
        while (index := self._claim_from_back()) is not None:
            plan_id, name, arg = self._keys[index]
            try:
                context = PageContext(state.dataset, plan_id, None, state, neutral=True)
                text = fragment_html(context, name, arg).encode("utf-8")
                ok = 1
            except Exception:  # noqa: BLE001 - the build renders it again and reports it
                text, ok = b"", 0
            pipe.write(_FRAME.pack(index, ok, len(text)) + text)
            pipe.flush()

    def _receive(self, read: int) -> None:
        with os.fdopen(read, "rb") as pipe:
            while header := pipe.read(_FRAME.size):
                if len(header) < _FRAME.size:
                    break
                index, ok, size = _FRAME.unpack(header)
                text = pipe.read(size)
                if len(text) < size:
                    break
                with self._arrived:
                    self._done[index] = text.decode("utf-8") if ok else None
                    self._arrived.notify_all()
        with self._arrived:
            self._ended = True
            self._arrived.notify_all()

    def take(self, key: Key) -> str | None:
        """The child's fragment for key; None: the build renders it (the child has not
        claimed it, failed on it, or ended without it)."""
        index = self._index.get(key)
        if index is None or self._pid is None:
            return None
        with self._lock:
            if self._owner[index] != _CHILD:  # free (or already the build's): the build's
                self._owner[index] = _BUILD
                return None
        with self._arrived:
            while index not in self._done and not self._ended:
                self._arrived.wait()
            return self._done.pop(index, None)

    def close(self) -> None:
        """Stop the child (done or not) and its reader."""
        if self._pid is not None:
            background.kill_and_reap(self._pid)
            self._pid = None
        if self._reader is not None:
            self._reader.join()
            self._reader = None
        self._done.clear()


# A child costs a fork and a copy of each page of memory it touches, more than it saves
# on a small site: it starts from this many bytes of data (about a thousand calendar items).
WORTH_FROM_BYTES = 1_000_000


def start(state, pages: Iterable[tuple[str, str]]) -> FragmentsAhead | None:
    """The child for the fragments of pages (in the build's language: the process's,
    which the child inherits), or None for a site too small to gain from one; pages are
    read only for a child (an iterable: a small site's pages are not read here)."""
    if state.dataset.size < WORTH_FROM_BYTES:
        return None
    return FragmentsAhead(state, fragment_keys(pages, state.dataset.plans))
