"""One cache for a run of builds (`make serve` rebuilds on every edit), one invalidation.

It keeps each data file's load and schema findings by the file's content hash and each
plan's cross-file findings by its files' hashes, so a rebuild after editing one file
re-checks only that file. Everything worked out from what a check or a page reads from
disk (compiled schemas, message catalogues and the labels read from them, templates, the
history read from git) is kept in the same object, and the schema, catalogue and template
files are stamped: when any of them changes, everything cached is forgotten, so the next
build reads them all again. The plan package's own Python is not reloaded (see site_hooks:
it says in the log that a restart is needed).

Functions called from deep inside a build with no state at hand (a message lookup, a
schema check, the history) reach the cache with running_cache(): the hook sets its cache
for the build with use_cache(); a command or a test without one gets one made for its
context (thread), so schemas still compile once per process there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The cache of the build running in this context; set by the hook (use_cache) or made on
# first use. A context variable, so builds in different threads do not share it by accident.
_RUNNING: ContextVar[Cache | None] = ContextVar("ngoplan_cache", default=None)


def _stamp(folders) -> tuple:
    return tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
                 for folder in folders for p in sorted(Path(folder).rglob("*")) if p.is_file())


class Memos:
    """Values worked out once from the schemas, the catalogues, the templates or git, by
    area and key (e.g. ("gate", ("plan", schemas/))); forgotten all at once by clear()."""

    def __init__(self):
        self._values: dict[tuple, object] = {}

    def get(self, area: str, key, make: Callable[[], object], *, latest_only: bool = False):
        """make()'s value for key in area, made once until clear(); latest_only keeps one
        key per area (the history: one HEAD, one working tree at a time)."""
        try:
            return self._values[area, key]
        except KeyError:
            pass
        value = make()
        if latest_only:
            for old in [k for k in self._values if k[0] == area]:
                del self._values[old]
        self._values[area, key] = value
        return value

    def peek(self, area: str, key):
        """The value kept for key in area, or None."""
        return self._values.get((area, key))

    def forget(self, *areas: str) -> None:
        for old in [k for k in self._values if k[0] in areas]:
            del self._values[old]

    def clear(self) -> None:
        self._values.clear()


class Cache:
    def __init__(self, memos: Memos | None = None):
        self.files: dict[str, tuple] = {}  # rel path -> (hash, document, findings)
        self.rules: dict[str, tuple] = {}  # plan id -> (its files' hashes, findings)
        # Shared with another cache when given (a one-off check keeps the compiled schemas).
        self.memos = Memos() if memos is None else memos
        self._stamp: tuple | None = None
        self._templates = None

    @property
    def templates(self):
        """The fragment templates, compiled once for a run of builds until clear()."""
        if self._templates is None:
            from .web.render import Templates

            self._templates = Templates()
        return self._templates

    def watched(self) -> tuple[Path, ...]:
        from .check.schemas import schema_dir

        return (schema_dir(), PACKAGE / "messages", PACKAGE / "templates")

    def refresh(self) -> bool:
        """Forget everything when a schema, catalogue or template changed since the last
        call; True when it did (the first call only takes the stamp)."""
        stamp = _stamp(self.watched())
        changed = self._stamp is not None and stamp != self._stamp
        if changed:
            self.clear()
        self._stamp = stamp
        return changed

    def clear(self) -> None:
        """Forget every check, compiled schema, catalogue and what was read from them."""
        self.files.clear()
        self.rules.clear()
        self.memos.clear()
        self._templates = None


def running_cache() -> Cache:
    """The cache of the build running in this context (see the module's text)."""
    cache = _RUNNING.get()
    if cache is None:
        cache = Cache()
        _RUNNING.set(cache)
    return cache


def use_cache(cache: Cache) -> None:
    """Make cache the running one for this context (the hook, at the start of each build)."""
    _RUNNING.set(cache)


@contextmanager
def using_cache(cache: Cache) -> Iterator[Cache]:
    """cache is the running one inside the block, the previous one again after it."""
    token = _RUNNING.set(cache)
    try:
        yield cache
    finally:
        _RUNNING.reset(token)


def memo(area: str, key, make: Callable[[], object], *, latest_only: bool = False):
    """running_cache().memos.get(...): for functions deep inside a build."""
    return running_cache().memos.get(area, key, make, latest_only=latest_only)
