"""Helpers for the browser tests: serve a built site on 127.0.0.1, start Debian's
Chromium through Playwright, run axe-core in a page.

Playwright's own browser download is never used: the tests drive the system Chromium,
Debian's headless build of it (package chromium-headless-shell) when it is installed,
else `/usr/bin/chromium`, or the path in the CHROMIUM environment variable.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# The WCAG 2.0 and 2.1 rules at levels A and AA (axe-core's tag names).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The rules among them whose result depends on colours: all a colour scheme can change when
# the page's structure and layout stay the same (LAYOUT_SIGNATURE_JS checks that).
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The one part a colour scheme changes beyond colours: the scheme toggle shows the button
# that switches to the other scheme. The dark pass checks it with every rule.
SCHEME_TOGGLE = "[data-md-component=palette]"
# Pages checked at the same time, each in its own browser context (its own renderer
# process), so that one page's axe run overlaps another's loading and a second core works.
# Under pytest-xdist (`make test`) every core already runs a test process, and a second
# context only adds work (the crawl of 72 pages: 104 s of CPU with two, 91 s with one).
WORKERS = int(os.environ.get("BROWSER_WORKERS", "0")) or (
    1 if "PYTEST_XDIST_WORKER" in os.environ else max(2, os.cpu_count() or 2))


# Debian's two builds of the same Chromium release. The tests run the headless one: the same
# Blink and V8 without the browser's window layer, which the tests never show (the whole
# suite: 279 s of CPU with it against 387 s with the full browser, in paired runs). The
# benchmarks' Lighthouse figures come from the full browser, as a reader's is.
FULL_CHROMIUM = "/usr/bin/chromium"
HEADLESS_CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"


def chromium_path(headless_build: bool = True) -> str:
    """CHROMIUM if set; else the headless build when asked for and installed, else the full one."""
    path = os.environ.get("CHROMIUM") or (
        HEADLESS_CHROMIUM if headless_build and Path(HEADLESS_CHROMIUM).exists() else FULL_CHROMIUM)
    if not Path(path).exists():
        raise RuntimeError(
            f"Chromiumia ei löydy polusta {path}. Asenna Debianin paketit chromium, "
            "chromium-headless-shell ja chromium-driver (make test tekee sen Debianissa) "
            "tai aseta CHROMIUM=/polku.")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


class SiteServer:
    """A built site served over HTTP on 127.0.0.1 at a free port, in a thread."""

    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


def site_pages(site: Path) -> list[str]:
    """Every generated HTML page as a URL path ("/", "/kainuu/", "/404.html")."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        if rel == "index.html":
            paths.append("/")
        elif rel.endswith("/index.html"):
            paths.append("/" + rel.removesuffix("index.html"))
        else:
            paths.append("/" + rel)
    return paths


def plan_fronts(pages: list[str]) -> list[str]:
    """Each plan's front page: the folder that holds a year-clock page."""
    fronts = sorted({"/" + p.split("/")[1] + "/" for p in pages if p.endswith("/vuosikello/")})
    assert fronts and all(front in pages for front in fronts), fronts
    return fronts


# axe.run started in a page without waiting for it, so that pages in other renderer
# processes load and check at the same time; collected later. `checks` is a list of
# {include: selector or null (the whole page), rules: [...] or null (AXE_TAGS)}, run in turn.
# False (nothing started) when axe is not in the page.
START_AXE_JS = """([checks, tags]) => {
    if (typeof window.axe === 'undefined') return false;
    const report = result => result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(n => n.target.join(' ')),
        summaries: v.nodes.map(n => n.failureSummary)}));
    window.__ngoAxe = checks.reduce((done, check) => done.then(async found => {
        const context = check.include ? {include: [check.include]} : document;
        if (check.include && !document.querySelector(check.include)) return found;
        const runOnly = check.rules ? {type: 'rule', values: check.rules}
                                    : {type: 'tag', values: tags};
        const result = await axe.run(context, {runOnly: runOnly, resultTypes: ['violations']});
        return found.concat(report(result));
    }), Promise.resolve([]));
    return true;
}"""
COLLECT_AXE_JS = "() => window.__ngoAxe"


def start_axe(page, checks: list[dict] | None = None) -> None:
    """Start axe-core in the page; collect_axe() gets the result. By default every WCAG
    2.0/2.1 A+AA rule on the whole page; `checks` narrows it (see START_AXE_JS).

    axe is injected here unless the context preloads it (context.add_init_script with
    AXE_JS, which is faster when many pages are checked).
    """
    args = [checks or [{"include": None, "rules": None}], AXE_TAGS]
    if not page.evaluate(START_AXE_JS, args):  # false: axe is not in the page yet
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
        assert page.evaluate(START_AXE_JS, args), "axe-core did not load"


def collect_axe(page) -> list[dict]:
    """The violations of the axe run started by start_axe(), each with its targets."""
    return page.evaluate(COLLECT_AXE_JS)


def run_axe(page, checks: list[dict] | None = None) -> list[dict]:
    start_axe(page, checks)
    return collect_axe(page)


# JavaScript: a hash of the page's structure and layout (every element's tag, classes, box
# and own text, and the document's size), without its colours and the scheme toggle. Equal in two colour
# schemes means the scheme changed nothing but how the page is painted.
LAYOUT_SIGNATURE_JS = """async (toggle) => {
    // Measured once fonts are in and two frames have been drawn, so layout has settled.
    await document.fonts.ready;
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    let hash = 5381, count = 0;
    const add = (text) => {
        for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
    };
    add(document.documentElement.scrollWidth + 'x' + document.documentElement.scrollHeight);
    for (const el of document.body.querySelectorAll('*')) {
        if (el.closest(toggle)) continue;  // the scheme toggle: checked on its own
        const box = el.getBoundingClientRect();
        const own = [...el.childNodes].filter(n => n.nodeType === 3)
            .map(n => n.textContent.trim()).join(' ');
        const classes = typeof el.className === 'string' ? el.className : '';
        add(`${el.tagName}|${classes}|${Math.round(box.x)},${Math.round(box.y)},` +
            `${Math.round(box.width)},${Math.round(box.height)}|${own}`);
        count++;
    }
    return `${count}:${hash.toString(16)}`;
}"""


# Body attributes a colour scheme sets (Material's palette; overrides/upotus.html).
SCHEME_ATTRIBUTES_JS = """() => Object.fromEntries([...document.body.attributes]
    .filter(a => a.name.startsWith('data-md-color-')).map(a => [a.name, a.value]))"""
# Both in one round trip: {scheme: SCHEME_ATTRIBUTES_JS, layout: LAYOUT_SIGNATURE_JS}.
SCHEME_AND_LAYOUT_JS = f"""async (toggle) => {{
    const scheme = ({SCHEME_ATTRIBUTES_JS})();
    return {{scheme: scheme, layout: await ({LAYOUT_SIGNATURE_JS})(toggle)}};
}}"""
# Run first in every page of the crawl: forgets the scheme Material stored on the previous
# page (localStorage "<scope>.__palette"), so each page picks its scheme from the browser's
# preference as on a first visit.
FORGET_SCHEME_JS = """Object.keys(localStorage).filter(k => k.endsWith('.__palette'))
    .forEach(k => localStorage.removeItem(k));"""
# Material's palette picks, on a first visit, the scheme whose media query the browser
# matches; it reads the preference only while loading, so on a loaded page the same
# choice is made through its own control (the radio input its toggle works). False when
# the page has no palette.
PICK_PREFERRED_SCHEME_JS = """() => {
    const inputs = [...document.querySelectorAll('[data-md-component=palette] input')];
    const preferred = inputs.find(i => matchMedia(i.getAttribute('data-md-color-media')).matches);
    if (!preferred) return false;
    preferred.click();
    return true;
}"""
SWITCHED_TO_DARK_JS = """() => document.body.getAttribute('data-md-color-scheme') === 'slate'
    && !document.body.hasAttribute('data-md-color-switching')"""


def to_dark(page) -> str:
    """The loaded page in the dark scheme as a reader whose browser asks for it gets it:
    the browser's preference becomes dark (so the site's and the browser's own
    prefers-color-scheme styles apply), then Material's palette is set to the scheme it
    would pick for that preference on load; a page without the palette (the embed page
    reads the preference only while loading) is reloaded. Returns "switched" or
    "reloaded"; test_dark_scheme_is_really_dark compares the result with dark loads."""
    page.emulate_media(color_scheme="dark")
    if page.evaluate(PICK_PREFERRED_SCHEME_JS):
        page.wait_for_function(SWITCHED_TO_DARK_JS, timeout=15_000)
        return "switched"
    page.reload(wait_until="load")
    return "reloaded"


def format_violations(found: dict[tuple[str, str], list[dict]]) -> str:
    """One line per (scheme, page, rule, target) for the assertion message."""
    lines = []
    for (scheme, path), violations in sorted(found.items()):
        for v in violations:
            for target, summary in zip(v["targets"], v["summaries"]):
                detail = " ".join((summary or "").split())[:200]
                lines.append(f"{scheme} {path}: {v['id']} ({v['impact']}) at {target}: {detail}")
    return "\n".join(lines)


def same_origin(url: str, origin: str) -> bool:
    """True for the site's own address and for in-page data the browser makes itself."""
    return url == origin or url.startswith(origin + "/") or url.startswith(("data:", "blob:", "about:"))


# JavaScript run in a page: text-bearing elements of the page's content (the article inside
# <main>; the navigation sidebars are Material's) that are not rendered. Content in a closed
# <details> counts as shown: its summary opens it without JavaScript. Parts marked with the
# `hidden` attribute are the site's declared JavaScript-only controls (filters, result
# boxes), which the script reveals; the feature tests check that the content they act on
# (the grant checklist, the year-clock list) is shown without JavaScript.
MAIN_CONTENT = "main .md-content"
HIDDEN_CONTENT_JS = """(selector) => {
    const main = document.querySelector(selector);
    if (!main) return ['(no ' + selector + ' element)'];
    const hidden = [];
    for (const el of main.querySelectorAll('p, li, dd, dt, td, th, h1, h2, h3, h4, h5, h6, figcaption, label, legend, summary, caption')) {
        if (!el.textContent.trim()) continue;
        if (el.closest('details:not([open])') && !el.closest('summary')) continue;
        if (el.closest('[hidden]')) continue;
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) {
            hidden.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ': '
                        + el.textContent.trim().slice(0, 60));
        }
    }
    return hidden;
}"""

# The content's text as shown (innerText, what Playwright's inner_text() reads; "" when
# there is no such element) and HIDDEN_CONTENT_JS's list, in one round trip.
MAIN_TEXT_AND_HIDDEN_JS = f"""(selector) => {{
    const main = document.querySelector(selector);
    return {{text: main ? main.innerText : '', hidden: ({HIDDEN_CONTENT_JS})(selector)}};
}}"""

# JavaScript: how the focused element shows focus (outline or box-shadow), and where it is.
FOCUS_STYLE_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(),
        text: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40),
        id: el.id, cls: el.className && el.className.baseVal === undefined ? el.className : '',
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
        boxShadow: style.boxShadow,
        width: box.width, height: box.height,
    };
}"""


def focus_visible(info: dict) -> bool:
    """A focus indicator is drawn: an outline of 2px or more, or a box shadow."""
    outline = info["outlineStyle"] not in ("none", "hidden") and info["outlineWidth"] >= 2
    shadow = info["boxShadow"] not in ("none", "")
    return outline or shadow


# The automated checks the accessibility statement may list (data/accessibility.yaml,
# assessment.checks), each with the test that performs it: the statement claims no check
# that is not run (tests/test_browser_statement.py compares the two). The crawl's tests are
# in browser_crawl.py, run by the test modules that import it (test_browser_crawl_*.py).
STATEMENT_CHECKS = {
    "axe-vaalea": "browser_crawl.py::test_axe_finds_no_violations_in_light_scheme",
    "axe-tumma": "browser_crawl.py::test_axe_finds_no_violations_in_dark_scheme",
    "ei-ulkopuolisia-pyyntoja": "browser_crawl.py::test_no_request_leaves_the_site",
    "luettava-ilman-javascriptia": "browser_crawl.py::test_every_page_readable_without_javascript",
    "alalaidan-linkki-selosteeseen": "browser_crawl.py::test_every_footer_links_to_accessibility_statement",
    "nakyva-kohdistus": "test_browser.py::test_keyboard_focus_is_visible",
    "vuosikello-ja-tarkistuslista-ilman-javascriptia":
        "test_browser.py::test_year_clock_list_and_grant_checklist_work_without_javascript",
    "vuosikellon-suodattimet-nappaimistolla":
        "test_browser.py::test_year_clock_filters_work_from_the_keyboard",
    "avustusten-tarkistuslista-nappaimistolla":
        "test_browser.py::test_grant_self_check_works_from_the_keyboard",
    "ei-vaakavieritysta-puhelimessa": "test_browser.py::test_screenshots_saved",
    "haku-auki": "test_browser.py::test_axe_finds_no_violations_with_search_open",
    "haku-nappaimistolla": "test_browser_search.py::test_finnish_form_finds_its_page_by_keyboard",
}
