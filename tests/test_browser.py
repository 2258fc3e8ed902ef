"""The built site in a real browser (Debian's Chromium through Playwright), beyond the
crawl of every page (tests/browser_crawl.py, run in parts by tests/test_browser_crawl_*.py):
visible keyboard focus, page weights, screenshots, the year-clock list and the grant
checklist without JavaScript, the filters and the grant self-check from the keyboard, axe
with the search dialog open, and the accessibility statement's page.

The site is built once per session (conftest.built_site) and served on 127.0.0.1 at a free
port (conftest.server).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import (ARTIFACTS, AXE_JS, FOCUS_STYLE_JS, collect_axe, focus_visible,
                             format_violations, plan_fronts, site_pages, start_axe)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
STATEMENT_PATH = "/saavutettavuusseloste/"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Uncompressed bytes a page may transfer on a first visit (HTML, CSS, JS, search index).
PAGE_WEIGHT_BUDGET = 1_500_000


@pytest.fixture(scope="module")
def pages(built_site) -> list[str]:
    """Every page of the site."""
    return site_pages(built_site)


def test_statement_page_is_the_statement(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.origin + STATEMENT_PATH)
    heading = page.locator("main h1").inner_text()
    context.close()
    assert heading == "Saavutettavuusseloste"


# The focused element's FOCUS_STYLE_JS and a key telling it from the others (to see when
# focus has come round), in one round trip: null when nothing has focus.
FOCUS_STOP_JS = f"""() => {{
    const info = ({FOCUS_STYLE_JS})();
    if (!info) return null;
    const el = document.activeElement;
    return [info, el.outerHTML.slice(0, 200) + el.getBoundingClientRect().top];
}}"""


def _tab_through(page, limit: int) -> list[dict]:
    """Press Tab until focus comes back to an element seen before (or limit presses)."""
    seen, stops = set(), []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP_JS)
        if stop is None:
            continue
        info, key = stop
        if key in seen:
            break
        seen.add(key)
        stops.append(info)
    return stops


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible(browser, server, pages, scheme):
    """Every Tab stop on the landing page, a plan's front page and the statement shows focus."""
    targets = ["/", STATEMENT_PATH] + plan_fronts(pages)[:1]
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    invisible = []
    for path in targets:
        page.goto(server.origin + path)
        stops = _tab_through(page, limit=120)
        assert len(stops) >= 5, f"{path}: only {len(stops)} Tab stops"
        invisible += [f"{path}: {s['tag']} '{s['text']}' outline={s['outlineStyle']} "
                      f"{s['outlineWidth']}px shadow={s['boxShadow']}"
                      for s in stops if not focus_visible(s)]
    context.close()
    assert not invisible, "focus not visible:\n" + "\n".join(invisible)


def _first_visit_bytes(browser, server, path: str, site: Path) -> dict:
    """Bytes a first visit transfers (our server sends files uncompressed) and gzip -6 size."""
    context = browser.new_context(viewport=DESKTOP)
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    page.goto(server.origin + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    sizes = {}
    for request in finished:
        measured = request.sizes()
        sizes[request.url] = measured["responseBodySize"] + measured["responseHeadersSize"]
    context.close()
    compressed = 0
    for url in sizes:
        rel = urlsplit(url).path.lstrip("/")
        file = site / (rel + "index.html" if rel.endswith("/") or not rel else rel)
        compressed += len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else 0
    return {"requests": len(sizes), "bytes": sum(sizes.values()), "gzip_bytes": compressed,
            "urls": sorted(urlsplit(u).path for u in sizes)}


def test_page_weights_within_budget(browser, server, pages, built_site):
    measured = {path: _first_visit_bytes(browser, server, path, built_site)
                for path in ["/"] + plan_fronts(pages)[:1] + _all_plan_pages(pages, "/vuosikello/")}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-weights.json").write_text(json.dumps(measured, indent=2), encoding="utf-8")
    heavy = {p: m["bytes"] for p, m in measured.items() if m["bytes"] > PAGE_WEIGHT_BUDGET}
    assert all(m["bytes"] > 0 for m in measured.values())
    assert not heavy, f"pages over {PAGE_WEIGHT_BUDGET} bytes: {heavy}"


def _feature_pages(pages: list[str]) -> dict[str, str]:
    """The pages the feature tests and screenshots use, found in the built site."""
    found = {
        "etusivu": "/",
        "toimielin": next((p for p in pages if "/toimielimet/" in p and p.count("/") == 4), None),
        "vuosikello": next((p for p in pages if p.endswith("/vuosikello/")), None),
        "avustukset": next((p for p in pages if p.endswith("/avustukset/")), None),
    }
    missing = [name for name, path in found.items() if path is None]
    assert not missing, f"pages missing from the site: {missing}"
    return found


@pytest.mark.parametrize("viewport_name", ["puhelin", "tietokone"])
def test_screenshots_saved(browser, server, pages, viewport_name):
    """Screenshots for a reviewer to look at (not compared), and no sideways scrolling."""
    viewport = PHONE if viewport_name == "puhelin" else DESKTOP
    targets = {**_feature_pages(pages), "saavutettavuusseloste": STATEMENT_PATH}
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport, color_scheme="light")
    page = context.new_page()
    for name, path in targets.items():
        page.goto(server.origin + path, wait_until="load")
        file = out / f"{name}-{viewport_name}.png"
        page.screenshot(path=str(file), full_page=True)
        assert file.stat().st_size > 1000, file
        # Nothing sticks out sideways: a phone must not need horizontal scrolling (WCAG 1.4.10).
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} at {viewport_name} width scrolls sideways by {overflow}px"
    context.close()


def _all_plan_pages(pages: list[str], suffix: str) -> list[str]:
    found = [p for p in pages if p.endswith(suffix) and p.count("/") == 3]
    assert found, f"no {suffix} pages in the site"
    return found


def test_year_clock_list_and_grant_checklist_work_without_javascript(browser, server, pages):
    """Without JavaScript every year-clock item is listed and the grant checklist is a
    working form: its checkboxes are shown, labelled, reachable by Tab and ticked by Space."""
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    for path in _all_plan_pages(pages, "/vuosikello/"):
        page.goto(server.origin + path)
        items = page.locator(".ngo-item")
        assert items.count() > 0, path
        hidden = [items.nth(i).get_attribute("id") for i in range(items.count())
                  if not items.nth(i).is_visible()]
        assert not hidden, f"{path}: year-clock items hidden without JavaScript: {hidden}"
        assert all(items.nth(i).get_attribute("id") for i in range(items.count())), path
        # The filters need JavaScript, so they are not offered without it.
        assert not page.locator("form[data-ngo-filters]").is_visible(), path
    for path in _all_plan_pages(pages, "/avustukset/"):
        page.goto(server.origin + path)
        form = page.locator("form[data-ngo-check]")
        assert form.count() == 1 and form.is_visible(), path
        boxes = form.locator("input[type=checkbox]")
        assert boxes.count() > 0, path
        for i in range(boxes.count()):
            box = boxes.nth(i)
            label = form.locator(f"label[for='{box.get_attribute('id')}']")
            assert box.is_visible() and label.is_visible() and label.inner_text().strip(), (path, i)
        first = boxes.nth(0).get_attribute("id")
        stops = _tab_until(page, f"input#{first}")
        assert stops is not None, f"{path}: first checkbox not reached by Tab without JavaScript"
        page.keyboard.press("Space")
        assert boxes.nth(0).is_checked(), f"{path}: Space does not tick the checkbox"
    context.close()


def _tab_until(page, selector: str, limit: int = 250):
    """Press Tab until the element matching selector has focus; the number of presses."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return count
    return None


def _assert_focus_shown(page, what: str):
    info = page.evaluate(FOCUS_STYLE_JS)
    assert info is not None and focus_visible(info), f"{what}: focus not visible: {info}"


# The keyboard behaviour tests run in the light scheme: the dark one changes only colours
# (the crawl checks every page's layout in both), and focus is drawn by the same rules in
# both (test_keyboard_focus_is_visible tabs through pages in each scheme).
def test_year_clock_filters_work_from_the_keyboard(browser, server, pages):
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    for path in _all_plan_pages(pages, "/vuosikello/"):
        page.goto(server.origin + path)
        form = page.locator("form[data-ngo-filters]")
        assert form.is_visible(), f"{path}: filters not shown with JavaScript"
        items = page.locator(".ngo-item")
        total = items.count()
        for name in ("kind", "organiser", "audience"):
            # From the page start to the first filter, then on to the next with Tab.
            assert _tab_until(page, f"form[data-ngo-filters] select[name={name}]"), \
                f"{path}: filter {name} not reached by Tab"
            _assert_focus_shown(page, f"{path} filter {name}")
            page.keyboard.press("ArrowDown")  # the first real choice after "kaikki"
            value = page.locator(f"form[data-ngo-filters] select[name={name}]").input_value()
            assert value, f"{path}: ArrowDown did not choose a {name}"
            shown = [items.nth(i) for i in range(total) if items.nth(i).is_visible()]
            assert 0 < len(shown) <= total, (path, name, len(shown), total)
            option = page.locator(f"form[data-ngo-filters] select[name={name}] option:checked")
            promised = re.search(r"\((\d+)\)\s*$", option.inner_text())
            if promised:
                assert len(shown) == int(promised.group(1)), (path, name, option.inner_text())
            attribute = {"kind": "data-kind", "organiser": "data-organiser",
                         "audience": "data-audience"}[name]
            wrong = [item.get_attribute("id") for item in shown
                     if value not in (item.get_attribute(attribute) or "").split()]
            assert not wrong, f"{path}: filter {name}={value} shows other items: {wrong}"
            status = page.locator(".ngo-filter-status").inner_text()
            assert f"{len(shown)} / {total}" in status, status
            page.keyboard.press("Home")  # back to "kaikki"
            assert page.locator(".ngo-item:visible").count() == total, f"{path}: reset failed"
    context.close()


def test_grant_self_check_works_from_the_keyboard(browser, server, pages):
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    for path in _all_plan_pages(pages, "/avustukset/"):
        page.goto(server.origin + path)
        form = page.locator("form[data-ngo-check]")
        boxes = form.locator("input[type=checkbox]")
        total = boxes.count()
        assert total > 0, path
        first = boxes.nth(0).get_attribute("id")
        assert _tab_until(page, f"input#{first}"), f"{path}: checklist not reached by Tab"
        _assert_focus_shown(page, f"{path} first checkbox")
        page.keyboard.press("Space")
        result = form.locator(".ngo-check-result")
        assert boxes.nth(0).is_checked()
        assert result.locator("li").count() == total - 1, result.inner_text()
        for i in range(1, total):
            page.keyboard.press("Tab")
            assert page.evaluate("(id) => document.activeElement.id === id",
                                 boxes.nth(i).get_attribute("id")), f"{path}: Tab order, box {i}"
            _assert_focus_shown(page, f"{path} checkbox {i}")
            page.keyboard.press("Space")
        assert all(boxes.nth(i).is_checked() for i in range(total))
        assert result.locator("li").count() == 0, result.inner_text()
        assert str(total) in result.inner_text()
        page.keyboard.press("Tab")
        _assert_focus_shown(page, f"{path} summary button")
        assert page.evaluate("document.activeElement.tagName") == "BUTTON"
        page.keyboard.press("Enter")
        assert result.inner_text().strip(), f"{path}: Enter on the button gives no summary"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_search_open(browser, server, scheme):
    """The search dialog (opened with the "/" key on a desktop, the header button on a
    phone) with results listed: the open dialog is checked like every page."""
    found = {}
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        context.add_init_script(path=str(AXE_JS))
        page = context.new_page()
        page.goto(server.origin + "/")
        if viewport is DESKTOP:
            page.keyboard.press("/")
        else:
            page.locator("[data-ngo-search-open]").click()
        page.wait_for_function("document.activeElement && document.activeElement.id === 'ngo-search-input'")
        page.keyboard.type("avustus")
        page.wait_for_selector(".ngo-search__result")
        page.wait_for_function("document.querySelector('.ngo-search__status').textContent.includes('avustus')")
        start_axe(page)
        violations = collect_axe(page)
        if violations:
            found[(scheme, f"/ (haku auki, {viewport['width']} px)")] = violations
        context.close()
    assert not found, "axe-core violations:\n" + format_violations(found)
