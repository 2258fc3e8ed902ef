"""Reading the site's search index (Pagefind's bundle in <site>/pagefind/) in tests.

Pagefind stores each indexed page as a fragment: gzip of b"pagefind_dcd" + JSON with the
page's url, its indexed text (content) and meta (title). The language of each index is
in the name of its metadata file, pagefind.<lang>_<hash>.pf_meta. What the browser's
search finds is checked by tests/test_browser_search.py; these helpers let the fast
tests see what was indexed without a browser.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

BUNDLE = "pagefind"
SIGNATURE = b"pagefind_dcd"


def bundle(site: Path) -> Path:
    return site / BUNDLE


def indexed_languages(site: Path) -> set[str]:
    """The languages Pagefind made an index for (one per <html lang> it met)."""
    return {path.name.split(".")[1].split("_")[0] for path in bundle(site).glob("pagefind.*.pf_meta")}


def indexed_pages(site: Path) -> list[dict]:
    """Every indexed page: {"url", "content", "meta": {"title", ...}, "language"}."""
    pages = []
    for path in sorted((bundle(site) / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(SIGNATURE), path
        page = json.loads(raw[len(SIGNATURE):])
        page["language"] = path.name.split("_")[0]
        pages.append(page)
    return pages
