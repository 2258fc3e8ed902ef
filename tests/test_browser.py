"""The built site in a real browser (Debian's Chromium through Playwright): axe-core's
WCAG 2.0/2.1 A and AA rules on every page in both colour schemes, no request to any other
host, every page readable without JavaScript, the accessibility statement linked from
every footer, visible keyboard focus, and page weights.

The site is built once per session (conftest.built_site), served on 127.0.0.1 at a free
port, and every page is visited once per colour scheme; the tests assert on that crawl.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from browser_support import (ARTIFACTS, AXE_JS, CHROMIUM_ARGS, FOCUS_STYLE_JS,
                             HIDDEN_CONTENT_JS, MAIN_CONTENT, SiteServer, chromium_path,
                             focus_visible, format_violations, run_axe, same_origin,
                             site_pages)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
STATEMENT_PATH = "/saavutettavuusseloste/"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Uncompressed bytes a page may transfer on a first visit (HTML, CSS, JS, search index).
PAGE_WEIGHT_BUDGET = 1_500_000


@pytest.fixture(scope="module")
def server(built_site):
    with SiteServer(built_site) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def pages(built_site) -> list[str]:
    found = site_pages(built_site)
    assert "/" in found and "/404.html" in found and STATEMENT_PATH in found, found
    return found


def _visit_all(browser, server, pages, **context_options) -> dict:
    """Open every page in one fresh context; record requests, axe violations, footer links."""
    javascript = context_options.get("java_script_enabled", True)
    context = browser.new_context(viewport=DESKTOP, **context_options)
    if javascript:
        context.add_init_script(path=str(AXE_JS))
    # Every request of the context is logged; a late one (the search worker fetching its
    # index) lands on the page being visited next, or on the last page when closing.
    log: list[list[str]] = [[]]
    context.on("request", lambda request: log[-1].append(request.url))
    page = context.new_page()
    visits = {}
    for path in pages:
        log.append([])
        response = page.goto(server.origin + path, wait_until="load")
        visit = {"status": response.status if response else None, "requests": log[-1]}
        if javascript:
            visit["axe"] = run_axe(page)
        else:
            visit["main_text"] = page.locator(MAIN_CONTENT).inner_text()
            visit["hidden"] = page.evaluate(HIDDEN_CONTENT_JS, MAIN_CONTENT)
        footer_link = page.locator("footer a[data-ngo-link='saavutettavuusseloste']")
        visit["statement_links"] = [footer_link.nth(i).evaluate("a => a.href")
                                    for i in range(footer_link.count())]
        visits[path] = visit
    context.close()
    assert not log[0], f"requests before the first page: {log[0]}"
    return visits


@pytest.fixture(scope="module")
def light_visits(browser, server, pages):
    return _visit_all(browser, server, pages, color_scheme="light")


@pytest.fixture(scope="module")
def dark_visits(browser, server, pages):
    return _visit_all(browser, server, pages, color_scheme="dark")


@pytest.fixture(scope="module")
def nojs_visits(browser, server, pages):
    return _visit_all(browser, server, pages, color_scheme="light", java_script_enabled=False)


def test_every_page_is_served(light_visits, pages):
    assert set(light_visits) == set(pages)
    wrong = {path: v["status"] for path, v in light_visits.items() if v["status"] != 200}
    assert not wrong, f"pages not served: {wrong}"


def _violations(visits: dict, scheme: str) -> dict:
    return {(scheme, path): v["axe"] for path, v in visits.items() if v["axe"]}


def test_axe_finds_no_violations_in_light_scheme(light_visits):
    found = _violations(light_visits, "light")
    assert not found, "axe-core violations:\n" + format_violations(found)


def test_axe_finds_no_violations_in_dark_scheme(dark_visits):
    found = _violations(dark_visits, "dark")
    assert not found, "axe-core violations:\n" + format_violations(found)


def test_dark_scheme_is_really_dark(browser, server):
    """Material picks the slate scheme from prefers-color-scheme: the dark run tests it."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server.origin + "/")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    context.close()
    assert scheme == "slate"


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


def test_statement_page_is_the_statement(light_visits, browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.origin + STATEMENT_PATH)
    heading = page.locator("main h1").inner_text()
    context.close()
    assert heading == "Saavutettavuusseloste"


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
    targets = ["/", STATEMENT_PATH] + [p for p in pages if p.count("/") == 2 and p != STATEMENT_PATH][:1]
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
    plan_fronts = [p for p in pages if p.count("/") == 2 and p != STATEMENT_PATH]
    measured = {path: _first_visit_bytes(browser, server, path, built_site)
                for path in ["/"] + plan_fronts[:1] + [p for p in pages if p.endswith("/vuosikello/")][:1]}
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-weights.json").write_text(json.dumps(measured, indent=2), encoding="utf-8")
    heavy = {p: m["bytes"] for p, m in measured.items() if m["bytes"] > PAGE_WEIGHT_BUDGET}
    assert all(m["bytes"] > 0 for m in measured.values())
    assert not heavy, f"pages over {PAGE_WEIGHT_BUDGET} bytes: {heavy}"


@pytest.mark.parametrize("viewport_name", ["puhelin", "tietokone"])
def test_screenshots_saved(browser, server, pages, viewport_name):
    """Screenshots for a reviewer to look at (not compared): front page and plan fronts."""
    viewport = PHONE if viewport_name == "puhelin" else DESKTOP
    targets = {"etusivu": "/", "saavutettavuusseloste": STATEMENT_PATH}
    for p in pages:
        if p.count("/") == 2 and p != STATEMENT_PATH:
            targets.setdefault("suunnitelma-" + p.strip("/"), p)
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
