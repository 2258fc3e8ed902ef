"""The built site in a real browser (Debian's Chromium through Playwright): axe-core's
WCAG 2.0/2.1 A and AA rules on every page in both colour schemes, no request to any other
host, every page readable without JavaScript, the accessibility statement linked from
every footer, visible keyboard focus, and page weights.

The site is built once per session (conftest.built_site), served on 127.0.0.1 at a free
port, and crawled once (_crawl: each page light with every rule, then switched to dark in
place for the colour rules; and without JavaScript), WORKERS pages at a time; the tests
assert on that crawl.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import (ARTIFACTS, AXE_COLOUR_RULES, AXE_JS, FOCUS_STYLE_JS,
                             FORGET_SCHEME_JS, SCHEME_ATTRIBUTES_JS, to_dark,
                             HIDDEN_CONTENT_JS, LAYOUT_SIGNATURE_JS, MAIN_CONTENT,
                             SCHEME_TOGGLE, WORKERS, collect_axe, focus_visible, format_violations, same_origin,
                             site_pages, start_axe)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
STATEMENT_PATH = "/saavutettavuusseloste/"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Uncompressed bytes a page may transfer on a first visit (HTML, CSS, JS, search index).
PAGE_WEIGHT_BUDGET = 1_500_000




@pytest.fixture(scope="module")
def pages(built_site) -> list[str]:
    found = site_pages(built_site)
    assert "/" in found and "/404.html" in found and STATEMENT_PATH in found, found
    # The wheel's embed pages are crawled too (tests/test_browser_wheel.py relies on it).
    assert any(path.endswith("/vuosikello/upotus/") for path in found), found
    return found


# The dark pass: axe's colour rules on the whole page and every rule on the scheme toggle.
# The dark scheme changes only colours and the toggle (the dark test compares each page's
# structure and layout with the light one), so the rules that do not depend on colour
# would give the light pass's result again.
DARK_AXE = [{"include": None, "rules": AXE_COLOUR_RULES}, {"include": SCHEME_TOGGLE, "rules": None}]
def _crawl(browser, server, pages) -> dict[str, dict[str, dict]]:
    """Open every page with and without JavaScript; {"light"|"dark"|"no-js": {path: visit}}.

    With JavaScript each page is checked in the light scheme, then switched to the dark
    scheme in place (to_dark) and checked again, so a page is loaded once for both
    schemes. WORKERS browser contexts of each kind (each its own renderer process) take
    the pages in rounds: a round starts axe in every context before collecting any
    result, so the checks run side by side (one context each under pytest-xdist). Per page: its requests, the body's colour
    scheme attributes, the layout signature and axe violations (with JavaScript) or main
    text and hidden content (without), and the footer's statement links.
    """
    sessions = {"js": [], "no-js": []}
    for kind in sessions:
        for _ in range(WORKERS):
            context = browser.new_context(viewport=DESKTOP, color_scheme="light",
                                          java_script_enabled=kind == "js")
            if kind == "js":
                context.add_init_script(path=str(AXE_JS))
                context.add_init_script(FORGET_SCHEME_JS)
            # Every request of the context is logged; a late one (a script fetching data
            # after load) lands on the page this context visits next, or on its last page.
            log: list[list[str]] = [[]]
            context.on("request", lambda request, log=log: log[-1].append(request.url))
            sessions[kind].append((kind, context, context.new_page(), log))
    visits: dict[str, dict[str, dict]] = {"light": {}, "dark": {}, "no-js": {}}
    dark_logs = []

    def footer_links(page) -> list[str]:
        links = page.locator("footer a[data-ngo-link='saavutettavuusseloste']")
        return [links.nth(i).evaluate("a => a.href") for i in range(links.count())]

    for first in range(0, len(pages), WORKERS):
        batch = pages[first:first + WORKERS]
        light = []
        for (_, _, page, log), path in zip(sessions["js"], batch):
            log.append([])
            response = page.goto(server.origin + path, wait_until="load")
            visit = visits["light"][path] = {
                "status": response.status if response else None, "requests": log[-1],
                "scheme": page.evaluate(SCHEME_ATTRIBUTES_JS),
                "layout": page.evaluate(LAYOUT_SIGNATURE_JS, SCHEME_TOGGLE)}
            start_axe(page)
            light.append((page, log, path, visit))
        for (_, _, page, log), path in zip(sessions["no-js"], batch):
            log.append([])
            response = page.goto(server.origin + path, wait_until="load")
            visits["no-js"][path] = {
                "status": response.status if response else None, "requests": log[-1],
                "main_text": page.locator(MAIN_CONTENT).inner_text(),
                "hidden": page.evaluate(HIDDEN_CONTENT_JS, MAIN_CONTENT),
                "statement_links": footer_links(page)}
        dark = []
        for page, log, path, visit in light:
            visit["axe"] = collect_axe(page)
            visit["statement_links"] = footer_links(page)
            log.append([])
            how = to_dark(page)
            visit_dark = visits["dark"][path] = {
                "status": visit["status"], "how": how,
                "scheme": page.evaluate(SCHEME_ATTRIBUTES_JS),
                "layout": page.evaluate(LAYOUT_SIGNATURE_JS, SCHEME_TOGGLE)}
            # The page's requests in both schemes (filled in when the crawl ends).
            dark_logs.append((visit_dark, visit["requests"], log[-1]))
            start_axe(page, DARK_AXE)
            dark.append((page, visit_dark))
        for page, visit_dark in dark:
            visit_dark["axe"] = collect_axe(page)
            page.emulate_media(color_scheme="light")
    for kind, items in sessions.items():
        for _, context, page, log in items:
            context.close()
            assert not log[0], f"{kind}: requests before the first page: {log[0]}"
    for visit_dark, before, after in dark_logs:
        visit_dark["requests"] = before + after
    return visits


@pytest.fixture(scope="module")
def crawl(browser, server, pages):
    return _crawl(browser, server, pages)


@pytest.fixture(scope="module")
def light_visits(crawl):
    return crawl["light"]


@pytest.fixture(scope="module")
def dark_visits(crawl):
    return crawl["dark"]


@pytest.fixture(scope="module")
def nojs_visits(crawl):
    return crawl["no-js"]


def test_every_page_is_served(light_visits, pages):
    assert set(light_visits) == set(pages)
    wrong = {path: v["status"] for path, v in light_visits.items() if v["status"] != 200}
    assert not wrong, f"pages not served: {wrong}"


def _violations(visits: dict, scheme: str) -> dict:
    return {(scheme, path): v["axe"] for path, v in visits.items() if v["axe"]}


def test_axe_finds_no_violations_in_light_scheme(light_visits):
    dark = [path for path, visit in light_visits.items()
            if visit["scheme"].get("data-md-color-scheme") != "default"]
    assert not dark, f"not in the light scheme in the light pass: {dark}"
    found = _violations(light_visits, "light")
    assert not found, "axe-core violations:\n" + format_violations(found)


def _settled_layout(browser, server, path: str, scheme: str) -> str:
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(server.origin + path, wait_until="networkidle")
    signature = page.evaluate(LAYOUT_SIGNATURE_JS, SCHEME_TOGGLE)
    context.close()
    return signature


def test_axe_finds_no_violations_in_dark_scheme(light_visits, dark_visits, browser, server):
    """Every page has the same elements, texts and boxes in both schemes but for the
    scheme toggle, so the dark scheme changes only how they are painted; and in the dark
    scheme axe's colour rules pass on every page and every rule on the toggle (the rules
    that do not depend on colour ran in the light pass)."""
    assert set(dark_visits) == set(light_visits)
    light = [path for path, visit in dark_visits.items()
             if visit["scheme"].get("data-md-color-scheme") != "slate"]
    assert not light, f"not in the dark scheme in the dark pass: {light}"
    differ = [path for path, visit in light_visits.items()
              if visit["layout"] != dark_visits[path]["layout"]]
    # A page measured while a script was still placing something is measured again, alone.
    differ = [path for path in differ
              if _settled_layout(browser, server, path, "light")
              != _settled_layout(browser, server, path, "dark")]
    assert not differ, f"layout differs between the light and dark scheme: {differ}"
    found = _violations(dark_visits, "dark")
    assert not found, "axe-core violations:\n" + format_violations(found)


def _templates(pages: list[str]) -> list[str]:
    """One page of each page template: the landing page, a plan's page, the 404 page (the
    theme's main.html and 404.html) and a wheel's embed page (overrides/upotus.html)."""
    embed = next(path for path in pages if path.endswith("/vuosikello/upotus/"))
    return ["/", _plan_fronts(pages)[0], "/404.html", embed]


def test_dark_scheme_is_really_dark(browser, server, pages, dark_visits):
    """The dark pass checks what a reader whose browser asks for the dark scheme gets: a
    page of each template loaded in a dark browser has the same scheme attributes (what
    the theme's colours key on) as the crawl's page switched in place, and Material's pages
    switched themselves (only the embed page, which has no palette, was reloaded)."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    loaded = {}
    for path in _templates(pages):
        page.goto(server.origin + path, wait_until="load")
        loaded[path] = page.evaluate(SCHEME_ATTRIBUTES_JS)
    context.close()
    assert loaded["/"]["data-md-color-scheme"] == "slate", loaded
    assert {path: dark_visits[path]["scheme"] for path in loaded} == loaded
    reloaded = sorted(path for path, visit in dark_visits.items() if visit["how"] == "reloaded")
    assert reloaded == sorted(path for path in pages if path.endswith("/vuosikello/upotus/")), reloaded


def test_no_request_leaves_the_site(light_visits, dark_visits, nojs_visits, server):
    outside = []
    for name, visits in (("light", light_visits), ("dark", dark_visits), ("no-js", nojs_visits)):
        for path, visit in visits.items():
            # The page itself is in the log: the log is being recorded.
            assert any(urlsplit(url).path == path for url in visit["requests"]), (name, path)
            outside += [f"{name} {path}: {url}" for url in visit["requests"]
                        if not same_origin(url, server.origin)]
    assert not outside, "requests to other hosts:\n" + "\n".join(outside)


def test_every_page_readable_without_javascript(nojs_visits):
    problems = []
    for path, visit in nojs_visits.items():
        if not visit["main_text"].strip():
            problems.append(f"{path}: main content is empty without JavaScript")
        problems += [f"{path}: hidden without JavaScript: {item}" for item in visit["hidden"]]
    assert not problems, "\n".join(problems)


def test_every_footer_links_to_accessibility_statement(light_visits, nojs_visits, server):
    target = server.origin + STATEMENT_PATH
    missing = [f"{name} {path}: {visit['statement_links']}"
               for name, visits in (("js", light_visits), ("no-js", nojs_visits))
               for path, visit in visits.items() if visit["statement_links"] != [target]]
    assert not missing, "footer link to the accessibility statement missing or wrong:\n" + "\n".join(missing)


def test_statement_page_is_the_statement(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.origin + STATEMENT_PATH)
    heading = page.locator("main h1").inner_text()
    context.close()
    assert heading == "Saavutettavuusseloste"


def _plan_fronts(pages: list[str]) -> list[str]:
    """Each plan's front page: the folder that holds a year-clock page."""
    fronts = sorted({"/" + p.split("/")[1] + "/" for p in pages if p.endswith("/vuosikello/")})
    assert fronts and all(front in pages for front in fronts), fronts
    return fronts


def _tab_through(page, limit: int) -> list[dict]:
    """Press Tab until focus comes back to an element seen before (or limit presses)."""
    seen, stops = set(), []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_STYLE_JS)
        if info is None:
            continue
        key = page.evaluate("() => { const e = document.activeElement; "
                            "return e.outerHTML.slice(0, 200) + e.getBoundingClientRect().top; }")
        if key in seen:
            break
        seen.add(key)
        stops.append(info)
    return stops


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible(browser, server, pages, scheme):
    """Every Tab stop on the landing page, a plan's front page and the statement shows focus."""
    targets = ["/", STATEMENT_PATH] + _plan_fronts(pages)[:1]
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
                for path in ["/"] + _plan_fronts(pages)[:1] + _all_plan_pages(pages, "/vuosikello/")}
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
