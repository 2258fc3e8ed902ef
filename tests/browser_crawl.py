"""The crawl of the built site in a real browser (Debian's Chromium through Playwright):
axe-core's WCAG 2.0/2.1 A and AA rules on every page in both colour schemes, no request to
any other host, every page readable without JavaScript, and the accessibility statement
linked from every footer.

The site is built once per session (conftest.built_site), served on 127.0.0.1 at a free
port, and crawled once (_crawl: each page light with every rule, then switched to dark in
place for the colour rules; and without JavaScript), WORKERS pages at a time; the tests
assert on that crawl.

Not a test module itself: the crawl is split in HALVES parts, each run by a test module
that imports these fixtures and tests and sets HALF (tests/test_browser_crawl_1.py: 0,
_2.py: 1), so that under pytest-xdist (`--dist loadfile` sends a module to one worker)
the parts are crawled side by side. Part HALF is every HALVES-th page of the site from
the HALF-th on (`site_pages(...)[HALF::HALVES]`), so together the parts are every page,
each once; tests/test_browser_statement.py checks that the modules name every part.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser_support import (AXE_COLOUR_RULES, AXE_JS, FORGET_SCHEME_JS, LAYOUT_SIGNATURE_JS,
                             MAIN_CONTENT, MAIN_TEXT_AND_HIDDEN_JS, SCHEME_AND_LAYOUT_JS,
                             SCHEME_ATTRIBUTES_JS, SCHEME_TOGGLE, WORKERS, collect_axe,
                             format_violations, plan_fronts, same_origin, site_pages, start_axe,
                             to_dark)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
HALVES = 2
STATEMENT_PATH = "/saavutettavuusseloste/"
DESKTOP = {"width": 1280, "height": 900}
EMBED_SUFFIX = "/vuosikello/upotus/"


@pytest.fixture(scope="module")
def pages(request, built_site) -> list[str]:
    """This module's part of the site's pages (its HALF)."""
    found = site_pages(built_site)
    assert "/" in found and "/404.html" in found and STATEMENT_PATH in found, found
    # The wheel's embed pages are crawled too (tests/test_browser_wheel.py relies on it).
    assert any(path.endswith(EMBED_SUFFIX) for path in found), found
    half = request.module.HALF
    assert half in range(HALVES), half
    return found[half::HALVES]


# The dark pass: axe's colour rules on the whole page and every rule on the scheme toggle.
# The dark scheme changes only colours and the toggle (the dark test compares each page's
# structure and layout with the light one), so the rules that do not depend on colour
# would give the light pass's result again.
DARK_AXE = [{"include": None, "rules": AXE_COLOUR_RULES}, {"include": SCHEME_TOGGLE, "rules": None}]


def _crawl(browser, server, pages) -> dict[str, dict[str, dict]]:
    """Open each of pages with and without JavaScript; {"light"|"dark"|"no-js": {path: visit}}.

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
        return page.locator("footer a[data-ngo-link='saavutettavuusseloste']").evaluate_all(
            "links => links.map(a => a.href)")

    for first in range(0, len(pages), WORKERS):
        batch = pages[first:first + WORKERS]
        light = []
        for (_, _, page, log), path in zip(sessions["js"], batch):
            log.append([])
            response = page.goto(server.origin + path, wait_until="load")
            visit = visits["light"][path] = {
                "status": response.status if response else None, "requests": log[-1],
                **page.evaluate(SCHEME_AND_LAYOUT_JS, SCHEME_TOGGLE)}
            start_axe(page)
            light.append((page, log, path, visit))
        for (_, _, page, log), path in zip(sessions["no-js"], batch):
            log.append([])
            response = page.goto(server.origin + path, wait_until="load")
            main = page.evaluate(MAIN_TEXT_AND_HIDDEN_JS, MAIN_CONTENT)
            visits["no-js"][path] = {
                "status": response.status if response else None, "requests": log[-1],
                "main_text": main["text"], "hidden": main["hidden"],
                "statement_links": footer_links(page)}
        dark = []
        for page, log, path, visit in light:
            visit["axe"] = collect_axe(page)
            visit["statement_links"] = footer_links(page)
            log.append([])
            how = to_dark(page)
            visit_dark = visits["dark"][path] = {
                "status": visit["status"], "how": how,
                **page.evaluate(SCHEME_AND_LAYOUT_JS, SCHEME_TOGGLE)}
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


def _templates(pages: list[str], site: list[str]) -> list[str]:
    """One page of each page template among pages (this part of the site's pages): the
    landing page, a plan's page (the theme's main.html: a plan's front page when this part
    has one), the 404 page (404.html) and a wheel's embed page (overrides/upotus.html).
    Every part has main.html pages; the others are each in some part (the pages fixture
    checks that the site has them), so the parts together check every template."""
    special = {"/", "/404.html"}
    embeds = [path for path in pages if path.endswith(EMBED_SUFFIX)]
    plain = [path for path in plan_fronts(site) if path in pages] + [
        path for path in pages if path not in special and path not in embeds]
    assert plain, f"no main.html page in this part: {pages}"
    return [path for path in pages if path in special] + plain[:1] + embeds[:1]


def test_dark_scheme_is_really_dark(browser, server, built_site, pages, dark_visits):
    """The dark pass checks what a reader whose browser asks for the dark scheme gets: a
    page of each template loaded in a dark browser has the same scheme attributes (what
    the theme's colours key on) as the crawl's page switched in place, and Material's pages
    switched themselves (only the embed pages, which have no palette, were reloaded)."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    loaded = {}
    for path in _templates(pages, site_pages(built_site)):
        page.goto(server.origin + path, wait_until="load")
        loaded[path] = page.evaluate(SCHEME_ATTRIBUTES_JS)
    context.close()
    light = {path: scheme for path, scheme in loaded.items()
             if scheme.get("data-md-color-scheme") != "slate"}
    assert not light, f"not dark when loaded in a dark browser: {light}"
    assert {path: dark_visits[path]["scheme"] for path in loaded} == loaded
    reloaded = sorted(path for path, visit in dark_visits.items() if visit["how"] == "reloaded")
    assert reloaded == sorted(path for path in pages if path.endswith(EMBED_SUFFIX)), reloaded


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


