"""The site's search in a real browser (Debian's Chromium through Playwright), by keyboard
only: Finnish inflected forms find their pages, Swedish pages search Swedish, a page view
loads no search data and one query stays within its byte budget, and closing the dialog
gives focus back to its button. axe with the dialog open: tests/test_browser.py (the crawl of
every page: tests/browser_crawl.py).

What was indexed (without a browser): tests/test_search_index.py."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import ARTIFACTS, SiteServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DESKTOP = {"width": 1280, "height": 900}
# Issue budget: search bytes a page view may load before any search, and one query.
PAGE_VIEW_LIMIT = 150_000
QUERY_LIMIT = 300_000
SHOWN = 5  # results the dialog shows at once
# An inflected form a reader types, and the page (path suffix) it must find.
FINNISH_FORMS = [
    ("avustuksista", "/avustukset/"),       # elative plural of avustus: the grants pages
    ("kokoukset", "/vuosikello/"),          # plural of kokous: the year-clock's meetings
    ("neuvottelukunnan", "/toimielimet/jane/"),  # genitive of neuvottelukunta: JANE
]




def _tab_to(page, selector: str, limit: int = 60) -> bool:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def _search_by_keyboard(page, query: str) -> None:
    """From anywhere on the page: Tab to the header's search button, Enter, type, wait."""
    assert _tab_to(page, "[data-ngo-search-open]"), "search button not reached by Tab"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ngo-search-input'")
    page.keyboard.type(query)
    page.wait_for_function("(q) => document.querySelector('.ngo-search__status').textContent.includes(q)",
                           arg=query)


def _result_paths(page) -> list[str]:
    links = page.locator(".ngo-search__result > a.ngo-search__link")
    return [urlsplit(links.nth(i).evaluate("a => a.href")).path for i in range(links.count())]


@pytest.mark.parametrize("query,suffix", FINNISH_FORMS)
def test_finnish_form_finds_its_page_by_keyboard(browser, server, query, suffix):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server.origin + "/")
    _search_by_keyboard(page, query)
    found = _result_paths(page)
    assert len(found) <= SHOWN, found
    assert any(path.endswith(suffix) for path in found), f"{query}: {found}"
    # The dialog is named, and its count is in a live region.
    assert page.get_by_role("dialog", name="Haku").is_visible()
    assert page.locator(".ngo-search__status[role=status]").inner_text().strip()
    # Enter in the field moves to the first result; Tab goes on to the expected one.
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('ngo-search__link')")
    for _ in range(4 * SHOWN):
        href = page.evaluate("document.activeElement.href || ''")
        if urlsplit(href).path.endswith(suffix):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail(f"{query}: no Tab stop leads to a page ending in {suffix}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path.endswith(suffix)
    context.close()


def test_closing_the_dialog_returns_focus_to_its_button(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server.origin + "/kainuu/")
    _search_by_keyboard(page, "kunta")
    # Esc in a search field first clears it (the browser's own behaviour), then closes.
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('ngo-search').open")
    assert page.evaluate("document.activeElement.matches('[data-ngo-search-open]')")
    # The Close button does the same.
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('ngo-search').open")
    assert _tab_to(page, "[data-ngo-search-close]", limit=10)
    page.keyboard.press("Enter")
    page.wait_for_function("!document.getElementById('ngo-search').open")
    assert page.evaluate("document.activeElement.matches('[data-ngo-search-open]')")
    context.close()


def _is_search(url: str) -> bool:
    path = urlsplit(url).path
    return "/pagefind/" in path or "ngo-search" in path or "search_index" in path


def _file_size(site: Path, url: str) -> int:
    """Bytes of the file a URL serves (the test server sends files as they are; Chromium
    reports no body size for a worker's script)."""
    rel = urlsplit(url).path.lstrip("/")
    file = site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
    return file.stat().st_size if file.is_file() else 0


def test_page_view_loads_no_search_data_and_a_query_stays_small(browser, server, built_site):
    """The request log of page views: Pagefind's files and the index are requested only
    after the reader opens the search; the launcher script is all a page view costs."""
    context = browser.new_context(viewport=DESKTOP)
    log: list[tuple[str, int]] = []
    context.on("requestfinished", lambda request: log.append((request.url, _file_size(built_site, request.url))))
    page = context.new_page()
    views = {}
    for path in ("/", "/kainuu/", "/pohjois-karjala/vuosikello/"):
        start = len(log)
        page.goto(server.origin + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        views[path] = [entry for entry in log[start:] if _is_search(entry[0])]
    for path, requests in views.items():
        assert not [url for url, _ in requests if "/pagefind/" in url or "search_index" in url], \
            f"{path}: search data loaded before any search: {requests}"
        assert sum(size for _, size in requests) <= PAGE_VIEW_LIMIT, (path, requests)
    assert any("ngo-search.js" in url for url, _ in views["/"]), "the launcher script was not loaded"
    start = len(log)
    _search_by_keyboard(page, "avustuksista")
    page.wait_for_load_state("networkidle")
    query = [entry for entry in log[start:] if _is_search(entry[0])]
    query_bytes = sum(size for _, size in query)
    assert any("/pagefind/" in url for url, _ in query), query
    assert query_bytes <= QUERY_LIMIT, query
    context.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-bytes.json").write_text(json.dumps({
        "page_views": {path: sum(s for _, s in r) for path, r in views.items()},
        "first_query": query_bytes,
        "first_query_requests": [(urlsplit(u).path, s) for u, s in query],
    }, indent=2), encoding="utf-8")


def test_swedish_pages_search_swedish(browser, bilingual_site):
    """A Swedish inflected form finds the Swedish page, from the Swedish index only; the
    dialog speaks Swedish."""
    with SiteServer(bilingual_site) as swedish:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(swedish.origin + "/sv/testimaa/")
        assert page.evaluate("document.documentElement.lang") == "sv"
        _search_by_keyboard(page, "mötena")  # definite plural; the page says möte, mötet
        found = _result_paths(page)
        assert "/sv/testimaa/vuosikello/" in found, found
        assert all(path.startswith("/sv/") for path in found), found
        assert page.get_by_role("dialog", name="Sökning").is_visible()
        assert "resultat" in page.locator(".ngo-search__status").inner_text()
        # The Finnish word of the same item finds nothing in the Swedish index.
        page.fill("#ngo-search-input", "")
        page.keyboard.type("kokous")
        page.wait_for_function("document.querySelector('.ngo-search__status').textContent.includes('kokous')")
        assert _result_paths(page) == []
        context.close()
