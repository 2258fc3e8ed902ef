"""One cache for a run of builds (`make serve` rebuilds on every edit), one invalidation.

It keeps each data file's load and schema findings by the file's content hash and each
plan's cross-file findings by its files' hashes, so a rebuild after editing one file
re-checks only that file. Everything else a check or a page reads from disk (schemas,
message catalogues, templates) is stamped: when any of those files changes, everything
cached is forgotten, so the next build reads them all again. The plan package's own
Python is not reloaded (see site_hooks: it says in the log that a restart is needed).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _stamp(folders) -> tuple:
    return tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
                 for folder in folders for p in sorted(Path(folder).rglob("*")) if p.is_file())


class Cache:
    def __init__(self):
        self.files: dict[str, tuple] = {}  # rel path -> (hash, document, findings)
        self.rules: dict[str, tuple] = {}  # plan id -> (its files' hashes, findings)
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
        from .web import i18n
        from .check import schemas

        self.files.clear()
        self.rules.clear()
        schemas.reload_schemas()
        i18n.reload_catalogues()
        # The feeds' words are worked out from the catalogue once per language.
        from .feeds.events import feed_labels

        feed_labels.cache_clear()
        self._templates = None
