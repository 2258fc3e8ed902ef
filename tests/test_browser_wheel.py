"""The year-wheel in a real browser (Debian's Chromium through Playwright).

Pages: both real plans' year-clock pages (the repository's site) and a fixture site with
dated items: the invented county of tests/fixtures/feeds (every timing form) and one
synthetic plan of 60 items, about five a month: every lane fills up and most months get an
overflow mark ("+N"); test_fixture_wheel_has_every_form_and_overflow checks that they do.

Checked on each wheel, at 390 px and 1280 px (in the dark scheme: that nothing of it
moved, see _visit_all): every timed item has a
mark (its own or its month's "+N" mark) that is a link to its list entry and has a name;
every list entry of a placed item links back; text is at least 12 CSS px; no two pieces of
text overlap (per glyph, from the browser's own layout); axe finds nothing on the fixture's
wheel and embed pages in either scheme (the real ones: the crawl of tests/browser_crawl.py). Screenshots go to test-artifacts/screenshots/ for a reviewer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import (ARTIFACTS, AXE_JS, FOCUS_STYLE_JS, FORGET_SCHEME_JS,
                             SCHEME_ATTRIBUTES_JS, SiteServer, collect_axe, focus_visible,
                             format_violations, start_axe, to_dark)
from conftest import ROOT, copy_project
from bench import synthetic

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FIXTURE = ROOT / "tests" / "fixtures" / "feeds"
# More items add list entries of the same template, not new wheel cases: at 60 items nine
# months of twelve already overflow.
SYNTHETIC_ITEMS = 60
VIEWPORTS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}
COPIED = ("hooks", "overrides", "schemas", "mkdocs.yml")


def _fixture_project(dest: Path) -> Path:
    """The site's code and site-level pages with two invented plans: testimaa (the feed
    fixture) and one synthetic plan."""
    copy_project(dest, COPIED)
    real = {p.name for p in (ROOT / "data").iterdir() if p.is_dir()}
    shutil.copytree(ROOT / "content", dest / "content",
                    ignore=lambda folder, names: [n for n in names if Path(folder) == ROOT / "content"
                                                  and n in real])
    ids = synthetic.write_data(dest / "data", plans=1, items=SYNTHETIC_ITEMS, bodies=6,
                               site_data=ROOT / "data", seed=7)
    shutil.copytree(FIXTURE / "data" / "testimaa", dest / "data" / "testimaa")
    synthetic.write_content(dest / "content", ids + ["testimaa"])
    return dest


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    project = _fixture_project(tmp_path_factory.mktemp("wheel-project"))
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(site)], capture_output=True, text=True, env=env, cwd=project,
                            timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return site



def _wheel_pages(site: Path) -> list[str]:
    return sorted(f"/{p.parent.parent.name}/vuosikello/" for p in site.glob("*/vuosikello/index.html"))


# Per wheel: each mark's link and name, the items it stands for, list entries' links back,
# and every rendered glyph of the wheel's text with its box in CSS px.
WHEEL_JS = """() => {
    const svg = document.querySelector('svg[data-ngo-wheel]');
    if (!svg) return null;
    const scale = svg.getScreenCTM().a;
    const marks = [...svg.querySelectorAll('a.ngo-mark')].map(a => ({
        id: a.id, href: a.getAttribute('href'), name: a.getAttribute('aria-label') || '',
        items: (a.dataset.item || a.dataset.items || '').split(' ').filter(Boolean),
        text: a.textContent.trim(), focusable: a.tabIndex >= 0,
        // How many elements the link's target names: counted here, not by a round trip per mark.
        targets: (a.getAttribute('href') || '').startsWith('#')
            ? document.querySelectorAll(`[id="${CSS.escape(a.getAttribute('href').slice(1))}"]`).length : 0,
    }));
    const glyphs = [];
    const sizes = [];
    svg.querySelectorAll('text').forEach((text, t) => {
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        sizes.push({text: text.textContent, px});
        const ctm = text.getScreenCTM();
        for (let i = 0; i < text.getNumberOfChars(); i++) {
            const ch = text.textContent[i];
            if (!ch || !ch.trim()) continue;
            const e = text.getExtentOfChar(i);
            const pts = [[e.x, e.y], [e.x + e.width, e.y], [e.x, e.y + e.height], [e.x + e.width, e.y + e.height]]
                .map(([x, y]) => new DOMPoint(x, y).matrixTransform(ctm));
            const xs = pts.map(p => p.x), ys = pts.map(p => p.y);
            // The cell's corners in order (rotated text gives a rotated rectangle).
            const quad = [pts[0], pts[1], pts[3], pts[2]].map(p => [p.x, p.y]);
            glyphs.push({t, ch, quad, x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys)});
        }
    });
    const back = [...document.querySelectorAll('li.ngo-item .ngo-to-wheel a')].map(a => ({
        item: a.closest('li.ngo-item').id, href: a.getAttribute('href')}));
    const items = [...document.querySelectorAll('li.ngo-item')].map(li => li.id);
    return {marks, glyphs, sizes, back, items, width: svg.getBoundingClientRect().width};
}"""


def _shrunk(quad, by: float):
    """A convex quadrilateral moved towards its centre by `by` px on every side (roughly)."""
    cx = sum(p[0] for p in quad) / 4
    cy = sum(p[1] for p in quad) / 4
    out = []
    for x, y in quad:
        dx, dy = x - cx, y - cy
        length = (dx * dx + dy * dy) ** 0.5 or 1
        out.append((x - dx / length * by * 1.42, y - dy / length * by * 1.42))
    return out


def _quads_overlap(a, b) -> bool:
    """Separating axis test for two convex quadrilaterals."""
    for quad in (a, b):
        for i in range(4):
            (x1, y1), (x2, y2) = quad[i], quad[(i + 1) % 4]
            nx, ny = y2 - y1, x1 - x2
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            if max(pa) <= min(pb) or max(pb) <= min(pa):
                return False
    return True


def _overlaps(glyphs: list[dict], shrink: float = 1.0) -> list[str]:
    """Pairs of glyphs of different text elements whose cells overlap (the exact, possibly
    rotated cells, shrunk by 1 px: a cell is a little larger than the ink)."""
    found = []
    boxes = sorted(glyphs, key=lambda g: g["x1"])
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b["x1"] > a["x2"]:
                break
            if a["t"] != b["t"] and a["y1"] < b["y2"] and b["y1"] < a["y2"] \
                    and _quads_overlap(_shrunk(a["quad"], shrink), _shrunk(b["quad"], shrink)):
                found.append(f"'{a['ch']}' of text {a['t']} and '{b['ch']}' of text {b['t']} "
                             f"at ({a['x1']:.0f}, {a['y1']:.0f})")
    return found


def _check_wheel(info: dict | None, path: str, viewport: str) -> list[str]:
    """The problems of one wheel as WHEEL_JS read it."""
    problems = []
    if info is None:
        return [f"{path}: no wheel"]
    listed = set(info["items"])
    for mark in info["marks"]:
        where = f"{path} @{viewport} mark {mark['id']}"
        if not mark["focusable"] or not mark["href"] or not mark["href"].startswith("#"):
            problems.append(f"{where}: not a focusable in-page link")
        if not mark["name"].strip() or not mark["text"]:
            problems.append(f"{where}: no name or no visible number/label")
        if mark["href"] and mark["targets"] != 1:
            problems.append(f"{where}: its target {mark['href']} is not on the page")
        problems += [f"{where}: stands for {item}, which is not in the list"
                     for item in mark["items"] if item not in listed]
    problems += [f"{path} @{viewport}: text '{s['text']}' is {s['px']:.1f} px"
                 for s in info["sizes"] if s["px"] < 11.95]
    problems += [f"{path} @{viewport}: {o}" for o in _overlaps(info["glyphs"])]
    marks_by_item = {item: mark["id"] for mark in info["marks"] for item in mark["items"]}
    backs = {b["item"]: b["href"] for b in info["back"]}
    for item, mark_id in marks_by_item.items():
        if backs.get(item) != f"#{mark_id}":
            problems.append(f"{path}: list entry {item} does not link back to {mark_id} "
                            f"({backs.get(item)})")
    return problems


def _timed_items(site: Path, path: str) -> set[str]:
    """Items the list says have a period (data-end), read from the built HTML."""
    import re
    html = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r'<li id="([^"]+)" class="ngo-item[^"]*"[^>]*data-end="', html))


def _shoot(page, out: Path, label: str, path: str, viewport: str, scheme: str) -> None:
    name = path.strip("/").replace("/", "-")
    box = page.evaluate("""() => { const r = document.querySelector('figure.ngo-wheel')
        .getBoundingClientRect(); return {x: r.x + scrollX, y: r.y + scrollY,
        width: r.width, height: r.height}; }""")
    page.screenshot(path=str(out / f"vuosikello-{label}-{name}-{viewport}-{scheme}.png"),
                    full_page=True, clip=box)


def _visit_all(browser, site: Path, label: str) -> list[str]:
    """Each wheel page at both widths: checked in the light scheme, then switched to the
    dark scheme in place (browser_support.to_dark). Nothing the checks measure depends on
    colour, so in the dark scheme the wheel's marks, links and every glyph's box, and the
    page's width, must equal the light ones (then every check gives the same result);
    if they differ, that is reported and the checks run again in the dark scheme."""
    problems = []
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    width_js = "document.documentElement.scrollWidth - window.innerWidth"
    with SiteServer(site) as server:
        for viewport, size in VIEWPORTS.items():
            context = browser.new_context(viewport=size, color_scheme="light")
            context.add_init_script(FORGET_SCHEME_JS)
            page = context.new_page()
            for path in _wheel_pages(site):
                page.goto(server.origin + path, wait_until="load")
                _shoot(page, out, label, path, viewport, "light")
                light = page.evaluate(WHEEL_JS)
                problems += _check_wheel(light, path, f"{viewport} light")
                timed = _timed_items(site, path)
                on_wheel = {i for m in light["marks"] for i in m["items"]}
                if timed != on_wheel:
                    problems.append(f"{path}: timed items not on the wheel: {sorted(timed - on_wheel)}; "
                                    f"on the wheel but not timed: {sorted(on_wheel - timed)}")
                overflow = page.evaluate(width_js)
                if overflow > 0:
                    problems.append(f"{path} @{viewport}: scrolls sideways by {overflow}px")
                to_dark(page)
                scheme = page.evaluate(SCHEME_ATTRIBUTES_JS).get("data-md-color-scheme")
                if scheme != "slate":
                    problems.append(f"{path} @{viewport}: not in the dark scheme ({scheme})")
                _shoot(page, out, label, path, viewport, "dark")
                dark = page.evaluate(WHEEL_JS)
                if (dark, page.evaluate(width_js)) != (light, overflow):
                    problems.append(f"{path} @{viewport}: the wheel's marks or text differ "
                                    "between the light and dark scheme")
                    problems += _check_wheel(dark, path, f"{viewport} dark")
                page.emulate_media(color_scheme="light")
            context.close()
    return problems


def test_real_wheels(browser, built_site):
    problems = _visit_all(browser, built_site, "oikea")
    assert not problems, "\n".join(problems)


def test_fixture_wheels(browser, fixture_site):
    problems = _visit_all(browser, fixture_site, "testi")
    assert not problems, "\n".join(problems)


def test_fixture_wheel_has_every_form_and_overflow(fixture_site):
    html = (fixture_site / "testimaa" / "vuosikello" / "index.html").read_text(encoding="utf-8")
    for form in ("ngo-form-exact", "ngo-form-all_day", "ngo-form-recurring", "ngo-approx",
                 "ngo-band-approx", "ngo-band\"", "ngo-dot", "ngo-cancelled"):
        assert form in html, form
    big = next(p for p in _wheel_pages(fixture_site) if "testimaa" not in p)
    big_html = (fixture_site / big.strip("/") / "index.html").read_text(encoding="utf-8")
    overflowing = big_html.count('class="ngo-mark ngo-more"')
    assert overflowing >= 6 and "data-items=" in big_html, \
        f"the synthetic wheel should overflow in most months; {overflowing} overflow marks"


# The synthetic plan's pages: axe on the wheel (full lanes, overflow marks: what the plan is
# there for). Its list holds dozens of entries of the template testimaa's whole pages
# already show in every timing form.
WHEEL_ONLY = [{"include": "figure.ngo-wheel", "rules": None}]


def _axe_pages(site: Path) -> dict[str, list[dict] | None]:
    """Each wheel and embed page with the axe checks it gets (None: the whole page)."""
    pages = {}
    for path in _wheel_pages(site):
        checks = None if path.startswith("/testimaa/") else WHEEL_ONLY
        pages[path] = pages[path.replace("/vuosikello/", "/vuosikello/upotus/")] = checks
    assert list(pages.values()).count(None) == 2 and len(pages) == 4, pages
    return pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_wheel_and_embed_pages(browser, fixture_site, scheme):
    """The fixture site's wheels (every timing form; overflow marks) and their embed pages.
    The real plans' wheel and embed pages are pages of the repository's site: the crawl of
    tests/browser_crawl.py checks them with axe in both schemes like every other page."""
    found = {}
    with SiteServer(fixture_site) as server:
        context = browser.new_context(viewport=VIEWPORTS["1280"], color_scheme=scheme)
        context.add_init_script(path=str(AXE_JS))
        page = context.new_page()
        for path, checks in _axe_pages(fixture_site).items():
            page.goto(server.origin + path, wait_until="load")
            assert page.locator("figure.ngo-wheel").count() == 1, path
            start_axe(page, checks)
            violations = collect_axe(page)
            if violations:
                found[(scheme, path)] = violations
        context.close()
    assert not found, "axe-core violations:\n" + format_violations(found)


def test_wheel_marks_take_focus_visibly_and_skip_link_passes_them(browser, fixture_site):
    with SiteServer(fixture_site) as server:
        context = browser.new_context(viewport=VIEWPORTS["390"])
        page = context.new_page()
        page.goto(server.origin + "/testimaa/vuosikello/")
        skip = page.locator(".ngo-skip-wheel a")
        skip.focus()
        assert skip.is_visible(), "the skip link is not shown when focused"
        info = page.evaluate(FOCUS_STYLE_JS)
        assert focus_visible(info), info
        page.keyboard.press("Tab")
        first_mark = page.evaluate("document.activeElement.matches('a.ngo-mark')")
        assert first_mark, "Tab after the skip link does not reach the wheel's first mark"
        assert focus_visible(page.evaluate(FOCUS_STYLE_JS))
        page.locator("svg[data-ngo-wheel]").screenshot(
            path=str(ARTIFACTS / "screenshots" / "vuosikello-testi-kohdistus-390.png"))
        page.keyboard.press("Enter")
        target = page.evaluate("location.hash")
        assert target and page.locator(f"li.ngo-item{target}").count() == 1, target
        page.goto(server.origin + "/testimaa/vuosikello/")
        page.locator(".ngo-skip-wheel a").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash").endswith("-key")
        page.keyboard.press("Tab")
        assert not page.evaluate("document.activeElement.matches('a.ngo-mark')")
        context.close()


def test_embed_page_has_no_site_chrome_and_no_cookies(browser, built_site):
    with SiteServer(built_site) as server:
        context = browser.new_context(viewport=VIEWPORTS["390"])
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        for path in _wheel_pages(built_site):
            embed = path + "upotus/"
            page.goto(server.origin + embed, wait_until="load")
            assert page.locator("header.md-header, nav.md-nav, .md-search").count() == 0, embed
            page.screenshot(path=str(ARTIFACTS / "screenshots" /
                                     f"vuosikello-upotus-{path.strip('/').split('/')[0]}-390.png"))
            assert page.locator("svg[data-ngo-wheel]").count() == 1
            assert page.locator("li.ngo-item").count() > 0
            assert all(url.startswith(server.origin) for url in requests), requests
        assert context.cookies() == []
        context.close()
    for path in _wheel_pages(built_site):
        html = (built_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        assert "&lt;iframe src=&#34;" in html and f"{path}upotus/" in html, path
