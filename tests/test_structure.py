"""The structure diagram (parts/structure.py, ngoplan/diagram/), checked on its geometry.

The SVG is parsed back from the built pages (and from fragments rendered for synthetic
plans): no line segment passes through a box, no box overlaps another, every body and
network is drawn, no label is cut short. The browser tests at the end measure the drawn
text against its box, save screenshots at phone and desktop widths in both colour schemes
and run axe-core on the plans' bodies pages.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT

from bench import synthetic
from ngoplan import diagram
from ngoplan.web.context import PageContext
from ngoplan.check.dataset import load_dataset
from ngoplan.parts.structure import structure_diagram

SVG = "{http://www.w3.org/2000/svg}"
PLANS = ("pohjois-karjala", "kainuu")
ELLIPSIS = "\u2026"


# --- Geometry helpers ----------------------------------------------------------------

def _points(d: str) -> list[tuple[float, float]]:
    assert re.fullmatch(r"M[-\d., L]+", d), d  # only straight segments are drawn
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", d)]


def _cuts_interior(a, b, box, inset: float = 0.5) -> bool:
    """True when segment a-b passes through the inside of box (x, y, w, h) shrunk by
    inset (touching the border, where a line starts or ends, is allowed)."""
    x0, y0 = box[0] + inset, box[1] + inset
    x1, y1 = box[0] + box[2] - inset, box[1] + box[3] - inset
    if x1 <= x0 or y1 <= y0:
        return False
    # Liang-Barsky clipping: is any part of the segment strictly inside?
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q <= 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
    return t1 - t0 > 1e-9


def _overlap(a, b) -> bool:
    return (a[0] < b[0] + b[2] and b[0] < a[0] + a[2]
            and a[1] < b[1] + b[3] and b[1] < a[1] + a[3])


def _problems(boxes: dict[str, tuple], lines: list[tuple[str, str, list]]) -> list[str]:
    """Every segment that enters a box, and every pair of overlapping boxes."""
    found = []
    for src, dst, pts in lines:
        assert src in boxes and dst in boxes, (src, dst)
        for a, b in zip(pts, pts[1:]):
            for ident, box in boxes.items():
                if _cuts_interior(a, b, box):
                    found.append(f"{src}->{dst}: segment {a}-{b} crosses {ident}")
    ids = sorted(boxes)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if _overlap(boxes[a], boxes[b]):
                found.append(f"boxes {a} and {b} overlap")
    return found


def _svgs(html: str) -> list[ET.Element]:
    found = re.findall(r'<svg class="ngo-structure-(?:wide|narrow)".*?</svg>', html, re.S)
    return [ET.fromstring(svg) for svg in found]


def _parse(svg: ET.Element):
    boxes, labels = {}, {}
    for g in svg.iter(f"{SVG}g"):
        if "ngo-node" not in (g.get("class") or ""):
            continue
        rect = g.find(f"{SVG}rect")
        boxes[g.get("data-id")] = tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))
        labels[g.get("data-id")] = ["".join(t.itertext()) for t in g.iter(f"{SVG}tspan")]
    lines = [(p.get("data-from"), p.get("data-to"), _points(p.get("d")))
             for p in svg.iter(f"{SVG}path") if "ngo-edge " in (p.get("class") or "")]
    return boxes, labels, lines


def _samples(svg: ET.Element) -> list[list[tuple[float, float]]]:
    """The line samples beside the components' captions."""
    return [_points(p.get("d")) for p in svg.iter(f"{SVG}path")
            if "ngo-edge-sample" in (p.get("class") or "")]


def _names(entries: list[dict]) -> dict[str, str]:
    """What each box says: the name, and the short name when the name lacks it."""
    out = {}
    for entry in entries:
        name, short = entry["name"], entry.get("short_name")
        name = name if isinstance(name, str) else name["fi"]
        short = short if isinstance(short, str) or short is None else short["fi"]
        out[entry["id"]] = f"{name} ({short})" if short and short not in name else name
    return out


def _check_svg(svg: ET.Element, must_show: set[str], names: dict[str, str]) -> None:
    boxes, labels, lines = _parse(svg)
    assert must_show <= set(boxes), must_show - set(boxes)
    assert not _problems(boxes, lines), "\n".join(_problems(boxes, lines))
    for pts in _samples(svg):
        assert not any(_cuts_interior(pts[0], pts[-1], box) for box in boxes.values())
    for ident, text in labels.items():
        assert text and all(line.strip() for line in text), ident
        assert not any(line.endswith(ELLIPSIS) for line in text), (ident, text)
    # The drawn lines read back as the box's name (spaces between tspans where the name
    # has them; a hyphen where a word was broken).
    for g in svg.iter(f"{SVG}g"):
        if "ngo-node" in (g.get("class") or "") and g.get("data-id") in names:
            text = "".join(g.find(f"{SVG}text").itertext())
            assert names[g.get("data-id")].replace("-", "") == text.replace("-", ""), text
    # Everything lies inside the drawing's own area.
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    for ident, (x, y, w, h) in boxes.items():
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height, ident
    for _, _, pts in lines:
        assert all(0 <= x <= width and 0 <= y <= height for x, y in pts)


# --- The layout on its own ---------------------------------------------------------

def test_the_geometry_check_can_fail():
    box = (10.0, 10.0, 50.0, 20.0)
    assert _cuts_interior((0, 20), (100, 20), box)       # straight through
    assert _cuts_interior((20, 0), (40, 40), box)        # diagonally through
    assert not _cuts_interior((35, 30), (35, 60), box)   # leaves from the bottom border
    assert not _cuts_interior((0, 0), (100, 5), box)     # passes above
    assert _problems({"a": box, "b": (50.0, 0.0, 30.0, 30.0)}, []) == ["boxes a and b overlap"]


def _random_graph(rng: random.Random, count: int, edge_count: int):
    sizes = {f"n{i}": (rng.uniform(60, 200), rng.uniform(30, 90)) for i in range(count)}
    names = list(sizes)
    styles = ("parent", "appoints", "coordinates", "proposes", "names", "related")
    edges = [(rng.choice(names), rng.choice(names), rng.choice(styles)) for _ in range(edge_count)]
    return sizes, edges


@pytest.mark.parametrize("seed", range(40))
def test_random_graphs_have_no_line_through_a_box(seed):
    """Cycles, self-loops, repeated edges, long edges and wide fans included."""
    rng = random.Random(seed)
    sizes, edges = _random_graph(rng, rng.randint(2, 30), rng.randint(1, 45))
    width = rng.choice((340.0, 660.0))
    drawing = diagram.layout(sizes, edges, width)
    lines = [(r.src, r.dst, list(r.points)) for r in drawing.routes]
    boxes = {k: (b.x, b.y, b.w, b.h) for k, b in drawing.boxes.items()}
    assert not _problems(boxes, lines), "\n".join(_problems(boxes, lines))
    linked = {n for a, b, _ in edges if a != b for n in (a, b)}
    assert set(drawing.boxes) == linked
    assert len(drawing.routes) == sum(1 for a, b, _ in edges if a != b)
    for route in drawing.routes:  # each line starts at its source and ends at its target
        for end, ident in ((route.points[0], route.src), (route.points[-1], route.dst)):
            x, y, w, h = boxes[ident]
            assert x - 0.01 <= end[0] <= x + w + 0.01 and y - 0.01 <= end[1] <= y + h + 0.01


def test_deciding_lines_run_one_way():
    """A chain of appointments is drawn top to bottom; a fan too wide for the width is
    drawn left to right rather than cut into rows."""
    sizes = {n: (100.0, 40.0) for n in "abcd"}
    drawing = diagram.layout(sizes, [("a", "b", "appoints"), ("b", "c", "appoints"),
                                     ("a", "d", "parent")], 660.0)
    assert drawing.directions == ["down"]
    assert drawing.boxes["a"].y < drawing.boxes["b"].y < drawing.boxes["c"].y
    assert drawing.boxes["a"].y < drawing.boxes["d"].y
    fan = {n: (120.0, 40.0) for n in ["p"] + [f"c{i}" for i in range(12)]}
    wide = diagram.layout(fan, [("p", f"c{i}", "names") for i in range(12)], 340.0)
    assert wide.directions == ["right"]
    assert all(wide.boxes[f"c{i}"].x > wide.boxes["p"].x + 120 for i in range(12))
    assert wide.width <= 340


def test_crossings_are_removed_where_possible():
    """Two parents sharing a child, their other children given crosswise: the drawing
    untangles them (each parent's children on its own side of the shared one)."""
    order = ["p", "q", "y1", "x1", "y2", "x2", "c"]
    # The shared child first: a depth-first order alone puts it left of everything.
    edges = [("p", "c", "appoints"), ("q", "c", "appoints"), ("p", "x1", "parent"),
             ("q", "y1", "parent"), ("p", "x2", "parent"), ("q", "y2", "parent")]
    drawing = diagram.layout({n: (80.0, 30.0) for n in order}, edges, 660.0)
    mid = {n: drawing.boxes[n].x + 40 for n in order}
    xs, ys = [mid["x1"], mid["x2"]], [mid["y1"], mid["y2"]]
    assert max(xs) < mid["c"] < min(ys) or max(ys) < mid["c"] < min(xs), mid
    assert (mid["p"] < mid["q"]) == (max(xs) < min(ys))


def test_labels_wrap_and_are_never_cut():
    text = "Hyvinvointialueen ja kuntien hyte-neuvottelut (Hva–kunta–Hyte-neuvottelut)"
    lines = diagram.wrap(text, 120.0, 14.0, hyphenate=True)
    assert len(lines) > 2
    assert "".join(lines).replace("-", "").replace(" ", "") == text.replace("-", "").replace(" ", "")
    assert all(diagram.text_width(line, 14.0) <= 120.0 * 1.15 for line in lines)
    # Finnish syllable breaks only: before a consonant followed by a vowel.
    assert diagram.wrap("Osallisuusvaliokunta", 80.0, 14.0, hyphenate=True) == \
        ["Osallisuus-", "valiokunta"]
    parts = diagram.wrap("Osallisuusvaliokunta", 60.0, 14.0, hyphenate=True)
    assert len(parts) > 2 and "".join(p.rstrip("-") for p in parts) == "Osallisuusvaliokunta"
    for part, after in zip(parts, parts[1:]):
        assert part.endswith("-") and part[-2] in "aeiouyäö" or part[-2] not in "aeiouyäö"
        assert after[0] not in "aeiouyäö" and after[1] in "aeiouyäö"
    assert diagram.wrap("Lapsi- ja perheasiainneuvosto", 1000.0, 14.0) == \
        ["Lapsi- ja perheasiainneuvosto"]
    # An address is never broken inside.
    assert diagram.wrap("yhdistysyhteistyo.fi-sivustolla", 60.0, 14.0, hyphenate=True) == \
        ["yhdistysyhteistyo.fi-", "sivustolla"]
    # Without hyphenation (Swedish) a long word widens the box instead.
    assert diagram.wrap("Organisationsrepresentanterna", 80.0, 14.0) == \
        ["Organisationsrepresentanterna"]


# --- The real plans, as built ------------------------------------------------------

def _entries(plan: str, kind: str) -> list[dict]:
    import yaml

    data = yaml.safe_load((ROOT / "data" / plan / f"{kind}.yaml").read_text(encoding="utf-8"))
    return data.get(kind, [])


def _ids(plan: str, kind: str) -> set[str]:
    return {entry["id"] for entry in _entries(plan, kind)}


@pytest.mark.slow
@pytest.mark.parametrize("plan", PLANS)
def test_built_diagram_geometry(built_site, plan):
    html = (built_site / plan / "toimielimet" / "index.html").read_text(encoding="utf-8")
    svgs = _svgs(html)
    assert len(svgs) == 2, "a wide and a narrow drawing"
    everyone = _ids(plan, "bodies") | _ids(plan, "networks")
    assert everyone
    names = _names([e for kind in ("bodies", "networks", "organisations")
                    for e in _entries(plan, kind)])
    for svg in svgs:
        _check_svg(svg, everyone, names)
    assert ELLIPSIS not in "".join(svgs[0].itertext())
    # Text at its drawn size: the drawing is wider than a phone only where it must be.
    narrow = float(svgs[1].get("width"))
    # 324 px: the column of a 360 px wide phone, less the frame's padding.
    assert narrow <= 324, f"{plan}: the narrow drawing ({narrow}px) is wider than a phone column"
    assert float(svgs[0].get("width")) <= 688


@pytest.mark.slow
@pytest.mark.parametrize("plan", PLANS)
def test_legend_and_text_equivalent_are_complete(built_site, plan):
    html = (built_site / plan / "toimielimet" / "index.html").read_text(encoding="utf-8")
    figure = html[html.index('<figure class="ngo-figure ngo-structure"'):]
    caption = figure[figure.index("<figcaption"):figure.index("</figcaption>")]
    from ngoplan.web import i18n

    for look in ("decides", "coordinates", "proposes", "names", "related"):
        assert i18n.msg(f"structure.legend.{look}", "fi").split(":")[0] in caption
    details = figure[figure.index('<details class="ngo-text-equivalent"'):figure.index("</details>")]
    boxes, _, lines = _parse(_svgs(html)[0])
    # Every line of the drawing is one item of the list, and every box is named in it.
    assert details.count("<li>") >= len(lines)
    for ident in _ids(plan, "bodies") | _ids(plan, "networks"):
        assert re.search(rf'href="[^"]*\b{ident}/"', details), f"{plan}: {ident} not in the list"
    assert 'role="region"' in figure and 'tabindex="0"' in figure and "aria-label=" in figure


# --- Synthetic plans with many bodies -------------------------------------------------

@pytest.mark.parametrize("bodies", [1, 12, 60])
def test_synthetic_plans(tmp_path, bodies):
    synthetic.write_data(tmp_path / "data", plans=1, items=4, bodies=bodies,
                         site_data=ROOT / "data")
    dataset, findings = load_dataset(tmp_path)
    assert not findings
    plan = synthetic.plan_ids(1)[0]
    html = structure_diagram(PageContext(dataset, plan, page=f"{plan}/toimielimet.md"), None)
    docs = dataset.plans[plan]
    everyone = {e["id"] for e in docs["bodies"].value["bodies"]} | \
        {e["id"] for e in docs["networks"].value["networks"]}
    svgs = _svgs(html)
    assert len(svgs) == 2
    names = _names(docs["bodies"].value["bodies"] + docs["networks"].value["networks"])
    for svg in svgs:
        _check_svg(svg, everyone, names)


def test_synthetic_plan_with_every_kind_of_relation(tmp_path):
    """The generator draws only parent lines: add the other kinds (and a cycle) to its data."""
    synthetic.write_data(tmp_path / "data", plans=1, items=4, bodies=24, site_data=ROOT / "data")
    dataset, _ = load_dataset(tmp_path)
    plan = synthetic.plan_ids(1)[0]
    docs = dataset.plans[plan]
    bodies = docs["bodies"].value["bodies"]
    networks = docs["networks"].value["networks"]
    orgs = [o["id"] for o in docs["organisations"].value["organisations"]]
    rng = random.Random(3)
    for i, body in enumerate(bodies[1:], start=1):
        if i % 4 == 1:
            body["appointed_by"] = bodies[rng.randrange(0, i)]["id"]
        if i % 5 == 2:
            body["coordinator"] = rng.choice(orgs)
        if i % 6 == 3:
            # summary and source: what the schema requires of a composition
            composition = body.setdefault("composition", {"summary": "Kokoonpano.",
                                                          "source": body["source"]})
            composition["ngo_representatives_appointed_by"] = bodies[rng.randrange(len(bodies))]["id"]
    bodies[0]["appointed_by"] = bodies[5]["id"]  # a cycle through the parent relation
    for network in networks:
        network["proposed_by"] = bodies[rng.randrange(len(bodies))]["id"]
        network["related_bodies"] = [b["id"] for b in rng.sample(bodies, 3)]
    html = structure_diagram(PageContext(dataset, plan, page=f"{plan}/toimielimet.md"), None)
    everyone = {e["id"] for e in bodies} | {e["id"] for e in networks}
    for svg in _svgs(html):
        _check_svg(svg, everyone, _names(bodies + networks))
        styles = {p.get("class").split()[1] for p in svg.iter(f"{SVG}path")
                  if "ngo-edge " in (p.get("class") or "")}
        assert {"ngo-edge-parent", "ngo-edge-appoints", "ngo-edge-coordinates",
                "ngo-edge-names", "ngo-edge-proposes", "ngo-edge-related"} <= styles


# --- In a browser ----------------------------------------------------------------------



# Per shown drawing: each label's drawn box against its rectangle (px), and the frame.
MEASURE_JS = """() => {
  const fig = document.querySelector('figure.ngo-structure');
  const svg = [...fig.querySelectorAll('svg[class^="ngo-structure-"]')]
    .find(s => s.getBoundingClientRect().width > 0);
  const out = [];
  for (const g of svg.querySelectorAll('g.ngo-node')) {
    const r = g.querySelector('rect').getBBox(), t = g.querySelector('text').getBBox();
    out.push({id: g.dataset.id, over: Math.max(r.x - t.x, t.x + t.width - r.x - r.width,
                                               r.y - t.y, t.y + t.height - r.y - r.height)});
  }
  const head = svg.querySelector('.ngo-structure-heading');
  if (head) {  // the heading of the unrelated boxes stays inside the drawing
    const t = head.getBBox(), w = svg.viewBox.baseVal.width;
    out.push({id: 'heading', over: Math.max(-t.x, t.x + t.width - w)});
  }
  const frame = fig.querySelector('.ngo-structure-frame');
  const size = parseFloat(getComputedStyle(svg.querySelector('text')).fontSize);
  return {variant: svg.getAttribute('class'), labels: out, fontSize: size,
          frame: frame.clientWidth, drawing: svg.getBoundingClientRect().width,
          page: document.documentElement.scrollWidth - innerWidth};
}"""


@pytest.mark.browser
def test_narrowest_phone_shrinks_the_drawing_a_little_instead_of_scrolling(browser, server):
    """At 320 px (the narrowest width WCAG's reflow asks for) the narrow drawing is a few
    pixels wider than the column: it shrinks to fit, staying at least 90 % of full size."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    for plan in PLANS:
        page.goto(f"{server.origin}/{plan}/toimielimet/", wait_until="load")
        info = page.evaluate(MEASURE_JS)
        frame = page.evaluate("document.querySelector('.ngo-structure-frame').scrollWidth")
        natural = page.evaluate("[...document.querySelectorAll('svg.ngo-structure-narrow')]"
                                ".map(s => s.width.baseVal.value)[0]")
        assert info["variant"] == "ngo-structure-narrow", plan
        assert frame <= info["frame"], f"{plan}: the diagram scrolls sideways in its frame"
        assert info["drawing"] >= 0.9 * natural, (plan, info["drawing"], natural)
    context.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_in_a_browser(browser, server, width, scheme):
    """Labels fit their boxes as drawn, a phone gets the narrow drawing that fits its
    column at full text size, no page scrolls sideways, axe finds nothing on the narrow
    drawing (the wide one: the crawl); screenshots
    of each diagram are saved for a reviewer."""
    from browser_support import (ARTIFACTS, FOCUS_STYLE_JS, focus_visible, format_violations,
                                 run_axe)

    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    violations = {}
    for plan in PLANS:
        page.goto(f"{server.origin}/{plan}/toimielimet/", wait_until="load")
        info = page.evaluate(MEASURE_JS)
        assert info["fontSize"] >= 14
        wrong = [label for label in info["labels"] if label["over"] > 1]
        assert not wrong, f"{plan} {width}px: text sticks out of its box: {wrong}"
        assert info["page"] <= 0, f"{plan} {width}px: the page scrolls sideways"
        if width == 390:
            assert info["variant"] == "ngo-structure-narrow"
            assert info["drawing"] <= info["frame"], info
        else:
            assert info["variant"] == "ngo-structure-wide"
        # The whole figure from a full-page shot (an element shot would put the sticky
        # header over the top of a tall figure).
        box = page.locator("figure.ngo-structure").bounding_box()
        top = box["y"] + page.evaluate("scrollY")
        page.screenshot(path=str(out / f"rakenne-{plan}-{width}-{scheme}.png"), full_page=True,
                        clip={"x": box["x"], "y": top, "width": box["width"], "height": box["height"]})
        # The scroll frame is reached by Tab and shows it has focus.
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('ngo-structure-frame')"):
                break
        else:
            pytest.fail(f"{plan}: Tab never reaches the diagram's frame")
        assert focus_visible(page.evaluate(FOCUS_STYLE_JS)), f"{plan}: no visible focus on the frame"
        # Next come the boxes, links to their pages, each with a visible focus too.
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE_JS)
        assert focused["tag"] == "a" and page.evaluate(
            "!!document.activeElement.closest('svg') && !!document.activeElement.querySelector('rect')")
        assert focus_visible(focused), f"{plan}: no visible focus on a box: {focused}"
        # At 1280 px the crawl of tests/browser_crawl.py checks this page in both schemes
        # (the wide drawing); the narrow drawing is only seen here.
        found = run_axe(page) if width == 390 else []
        if found:
            violations[(scheme, f"/{plan}/toimielimet/ {width}px")] = found
    context.close()
    assert not violations, format_violations(violations)


def test_swedish_build_draws_swedish_names_and_words(tmp_path):
    """A plan that declares sv: the Swedish build's boxes, legend and list are Swedish."""
    import shutil

    from ngoplan.web import i18n

    data = tmp_path / "data"
    data.mkdir()
    for name in ("site.yaml", "accessibility.yaml"):
        shutil.copyfile(ROOT / "tests" / "invalid" / "base" / name, data / name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "bilingual" / "data" / "testimaa",
                    data / "testimaa")
    dataset, findings = load_dataset(tmp_path)
    assert not findings
    before = i18n.language()
    i18n.set_language("sv")
    try:
        html = structure_diagram(PageContext(dataset, "testimaa", page="testimaa/toimielimet.md"), None)
    finally:
        i18n.set_language(before)
    for svg in _svgs(html):
        _, labels, _ = _parse(svg)
        assert labels == {"testimaan-lautakunta": ["Testlands nämnd"]}
        assert "".join(svg.find(f"{SVG}title").itertext()) == i18n.msg("structure.title", "sv")
    assert i18n.msg("structure.legend.decides", "sv") in html
    assert i18n.msg("structure.unlinked", "sv") in html
    assert i18n.msg("structure.legend.decides", "fi") not in html
