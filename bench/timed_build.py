"""`mkdocs build` with the time of each plugin event, by plugin, written as JSON.

    python -m bench.timed_build OUT.json mkdocs build --strict -f mkdocs.yml -d SITE

Runs the MkDocs command line in this process and wraps PluginCollection.run_event (same
loop as MkDocs 1.6, plus a clock) and the build's two per-page steps, so the build's time
can be split into: the site's hooks by event, Material's search plugin, Markdown
conversion, and page rendering with the theme's templates. Nothing else changes.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict

start = time.perf_counter()

from mkdocs import plugins  # noqa: E402
from mkdocs.commands import build as build_mod  # noqa: E402

EVENTS: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
STEPS: dict[str, float] = defaultdict(float)


def run_event(self, name, item=None, **kwargs):
    pass_item = item is not None
    for method in self.events[name]:
        origin = self._event_origins.get(method, "<unknown>")
        self._current_plugin = origin
        begun = time.perf_counter()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        EVENTS[origin][name] += time.perf_counter() - begun
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def _timed(name, func):
    def wrapper(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            STEPS[name] += time.perf_counter() - begun
    return wrapper


def main(argv: list[str]) -> int:
    out, command = argv[0], argv[1:]
    if command[:1] == ["mkdocs"]:
        command = command[1:]
    plugins.PluginCollection.run_event = run_event
    # Markdown conversion (page_markdown, page_content events run inside) and rendering
    # with the theme (page_context, post_page events run inside).
    build_mod._populate_page = _timed("populate_page", build_mod._populate_page)
    build_mod._build_page = _timed("build_page", build_mod._build_page)
    imported = time.perf_counter() - start
    from mkdocs.__main__ import cli

    code = 0
    try:
        cli.main(args=command, prog_name="mkdocs", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code or 0
    except Exception as exc:  # noqa: BLE001 - reported as a failed build
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        code = 1
    total = time.perf_counter() - start
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"import_mkdocs": imported, "in_process": total,
                   "events": {origin: dict(names) for origin, names in EVENTS.items()},
                   "steps": dict(STEPS)}, handle)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
