"""Helpers for the browser tests: serve a built site on 127.0.0.1, start Debian's
Chromium through Playwright, run axe-core in a page.

Playwright's own browser download is never used: the tests drive the system Chromium
(`/usr/bin/chromium`, or the path in the CHROMIUM environment variable).
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


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        raise RuntimeError(
            f"Chromiumia ei löydy polusta {path}. Asenna Debianin paketit chromium ja "
            "chromium-driver (make test tekee sen Debianissa) tai aseta CHROMIUM=/polku.")
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


# axe.run started in a page without waiting for it, so that pages in other renderer
# processes (the other colour scheme) load and check at the same time; collected later.
START_AXE_JS = """(tags) => {
    window.__ngoAxe = axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
    }).then(result => result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(n => n.target.join(' ')),
        summaries: v.nodes.map(n => n.failureSummary)})));
}"""
COLLECT_AXE_JS = "() => window.__ngoAxe"


def start_axe(page) -> None:
    """Start axe-core's WCAG 2.0/2.1 A+AA rules in the page; collect_axe() gets the result.

    axe is injected here unless the context preloads it (context.add_init_script with
    AXE_JS, which is faster when many pages are checked).
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    page.evaluate(START_AXE_JS, AXE_TAGS)


def collect_axe(page) -> list[dict]:
    """The violations of the axe run started by start_axe(), each with its targets."""
    return page.evaluate(COLLECT_AXE_JS)


def run_axe(page) -> list[dict]:
    start_axe(page)
    return collect_axe(page)


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
# that is not run (tests/test_browser_statement.py compares the two).
STATEMENT_CHECKS = {
    "axe-vaalea": "test_browser.py::test_axe_finds_no_violations_in_light_scheme",
    "axe-tumma": "test_browser.py::test_axe_finds_no_violations_in_dark_scheme",
    "ei-ulkopuolisia-pyyntoja": "test_browser.py::test_no_request_leaves_the_site",
    "luettava-ilman-javascriptia": "test_browser.py::test_every_page_readable_without_javascript",
    "alalaidan-linkki-selosteeseen": "test_browser.py::test_every_footer_links_to_accessibility_statement",
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
