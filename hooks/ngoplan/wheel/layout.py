"""The year-wheel's geometry, computed at build time from the pages' item views.

The rules (the page states them in words, wheel.rule_* in the catalogues):

- Rings: one per item kind; when every item on the wheel is of one kind, one per (first)
  organiser instead. When lanes are short, the smallest groups share one ring ("muut"):
  the number of rings is the one that gives the most items a mark of their own (ties: more
  rings).
- Lanes: items of a ring that overlap in time, their numbers and labels included, go to
  separate lanes. The wheel has a fixed number of lanes (as many as fit at phone size);
  each ring gets one and the rest go to the rings that need them most. When items still do
  not fit, the outermost lane of the wheel holds one mark per month ("+N") for them, which
  links to that month in the list.
- Forms: a day is a numbered dot; a date range a solid band; a month or a season a light
  band with an outline and the source's wording; a recurrence a row of small dots with
  its number at the first.
- Text is at least 12 CSS px when the wheel is drawn at its narrowest (MIN_PX, the column of
  a 390 px phone). A label is written along its band only when it fits there; otherwise the
  number alone stands for the item, keyed to the list.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

SIZE, CENTRE = 600, 300
MIN_PX = 358  # the wheel's width in a 390 px viewport (Material's column), measured
FONT = math.ceil(12 * SIZE / MIN_PX)  # user units that are >= 12 CSS px at MIN_PX
CHAR = 0.62 * FONT  # a generous average glyph width, so estimated labels never run over
R_MIN, R_OUT = 78, 262
MONTH_R = R_OUT + 4 + 3 + FONT * 0.6  # month names run along the rim, outside it
RING_GAP, LANE_MIN, LANE_MAX = 6, 32, 58
DOT_R = 4


def lane_budget(rings: int) -> int:
    return int((R_OUT - R_MIN - RING_GAP * (rings - 1)) // LANE_MIN)


MAX_RINGS = max(k for k in range(1, 12) if lane_budget(k) >= k)


def text_width(text: str) -> float:
    return len(text) * CHAR


def point(frac: float, radius: float) -> tuple[float, float]:
    """Month fraction 0..12 -> point; January starts at twelve o'clock, clockwise."""
    angle = frac / 12 * 2 * math.pi
    return (round(CENTRE + radius * math.sin(angle), 2), round(CENTRE - radius * math.cos(angle), 2))


def arc_path(start: float, end: float, radius: float, reverse: bool = False) -> str:
    """An SVG arc from start to end (month units); reversed arcs run counter-clockwise, so
    that text along them in the lower half reads left to right."""
    end = max(end, start + 0.02)
    (x1, y1), (x2, y2) = point(start, radius), point(end, radius)
    large = 1 if end - start > 6 else 0
    if reverse:
        return f"M{x2},{y2} A{radius},{radius} 0 {large} 0 {x1},{y1}"
    return f"M{x1},{y1} A{radius},{radius} 0 {large} 1 {x2},{y2}"


def months_of(width: float, radius: float) -> float:
    """A length in user units as a span of months at a radius."""
    return width / (2 * math.pi * radius / 12)


@dataclass
class Mark:
    """One item on the wheel: its view, number, where it sits and what it draws."""

    info: object  # parts.timing_view.ItemView
    number: int
    anchor: str  # the list group it is filed under (for overflow marks)
    lane: int = -1
    radius: float = 0
    shapes: list = field(default_factory=list)  # dicts for the template
    label: dict | None = None  # text along a band
    badge: dict | None = None  # the number in a dot or on a band

    start: float = 0
    end: float = 0

    def __post_init__(self):
        self.start = min(p.start for p in self.info.wheel)
        self.end = max(p.end for p in self.info.wheel)

    def badge_width(self) -> float:
        return max(2 * 0.78 * FONT, text_width(str(self.number)) + 8)

    def footprint(self, radius: float) -> tuple[float, float]:
        """The span of months this item covers in a lane at radius, number included."""
        half = months_of(self.badge_width() / 2 + 3, radius)
        first = self.info.wheel[0]
        if first.form == "mark":
            return self.start - half, self.end + half
        centre = (self.start + self.end) / 2
        return min(self.start, centre - half), max(self.end, centre + half)


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return any(a[0] < b[1] + shift and b[0] + shift < a[1] for shift in (-12, 0, 12))


def _pieces(span: tuple[float, float]) -> list[tuple[float, float]]:
    """A span on the 0..12 circle as pieces inside [0, 12) (a span across the new year is two)."""
    a, b = span
    if b - a >= 12:
        return [(0.0, 12.0)]
    a, b = a % 12, a % 12 + (b - a)
    return [(a, b)] if b <= 12 else [(a, 12.0), (0.0, b - 12)]


class Lane:
    """Disjoint pieces of one lane, sorted, so that a fit test is two bisections."""

    def __init__(self):
        self.starts: list[float] = []
        self.ends: list[float] = []

    def fits(self, span: tuple[float, float]) -> bool:
        for a, b in _pieces(span):
            i = bisect.bisect_left(self.starts, b)  # pieces starting before b
            if i and self.ends[i - 1] > a:
                return False
        return True

    def add(self, span: tuple[float, float]) -> None:
        for a, b in _pieces(span):
            i = bisect.bisect_left(self.starts, a)
            self.starts.insert(i, a)
            self.ends.insert(i, b)


def _in_order(marks: list[Mark]) -> list[Mark]:
    return sorted(marks, key=lambda m: (m.start, -(m.end - m.start), m.number))


def assign_lanes(marks: list[Mark], radii: list[float]) -> list[Mark]:
    """Greedy lanes in time order; returns the marks that found no lane."""
    lanes = [Lane() for _ in radii]
    left = []
    for mark in _in_order(marks):
        for lane, radius in enumerate(radii):
            span = mark.footprint(radius)
            if lanes[lane].fits(span):
                lanes[lane].add(span)
                mark.lane, mark.radius = lane, radius
                break
        else:
            left.append(mark)
    return left


def lanes_needed(marks: list[Mark], cap: int) -> int:
    """Lanes the marks need at the wheel's middle radius (one greedy pass, opening a lane
    when none fits), counted up to cap + 1: more than the wheel has is all we need to know."""
    radius = (R_MIN + R_OUT) / 2
    lanes: list[Lane] = []
    for mark in _in_order(marks):
        span = mark.footprint(radius)
        for lane in lanes:
            if lane.fits(span):
                lane.add(span)
                break
        else:
            if len(lanes) > cap:
                break
            lanes.append(Lane())
            lanes[-1].add(span)
    return max(1, len(lanes))


def allocate(needs: list[int], budget: int) -> list[int]:
    """Lanes per ring: one each, then one at a time to the ring that lacks the most."""
    alloc = [1] * len(needs)
    for _ in range(budget - len(needs)):
        lacking = [need - have for need, have in zip(needs, alloc)]
        if max(lacking) <= 0:
            break
        alloc[lacking.index(max(lacking))] += 1
    return alloc


def _rotation(frac: float) -> float:
    """Degrees that turn horizontal text along the circle at frac, never upside down."""
    degrees = frac / 12 * 360
    return round(degrees - 180 if 90 < degrees < 270 else degrees, 1)


def badge(text: str, frac: float, radius: float, lane_w: float) -> dict:
    """A number at a place: a dot for one or two characters, a pill along the circle for
    more (a dot that size would not fit in its lane)."""
    x, y = point(frac, radius)
    if len(text) <= 2:
        return {"x": x, "y": y, "r": round(min(lane_w / 2 - 1, max(FONT * 0.72, text_width(text) / 2 + 3)), 1),
                "text": text}
    width, height = text_width(text) + 10, lane_w - 2
    return {"x": x, "y": y, "w": round(width, 1), "h": round(height, 1), "rotate": _rotation(frac),
            "text": text}


def draw(mark: Mark, lane_w: float, labels: list[str], path_id: str) -> None:
    """Fill in mark.shapes, mark.badge and mark.label for its lane."""
    band = lane_w - 6
    radius = mark.radius
    first = mark.info.wheel[0]
    if first.form == "mark":
        mark.badge = badge(str(mark.number), first.start, radius, lane_w)
        clear = months_of(mark.badge_width() / 2 + DOT_R, radius)
        for place in mark.info.wheel[1:]:
            if abs(place.start - first.start) > clear:
                x, y = point(place.start, radius)
                mark.shapes.append({"form": "dot", "x": x, "y": y, "r": DOT_R})
        return
    for place in mark.info.wheel:
        mark.shapes.append({"form": place.form, "d": arc_path(place.start, place.end, radius),
                            "w": round(band, 1)})
    # The label runs along the longest piece of the band, when it fits there.
    longest = max(mark.info.wheel, key=lambda p: p.end - p.start)
    room = (longest.end - longest.start) * 2 * math.pi * radius / 12 - FONT
    fitting = next((text for text in labels if text_width(text) <= room), None)
    middle = (longest.start + longest.end) / 2
    if fitting is None:
        mark.badge = badge(str(mark.number), middle, radius, lane_w)
        return
    reverse = 3 < middle % 12 < 9  # the lower half: run the text path the other way
    mark.label = {"id": path_id, "text": fitting,
                  "d": arc_path(longest.start, longest.end, radius, reverse=reverse)}


def merge_groups(groups: list[dict], rings: int) -> list[dict]:
    """The largest rings - 1 groups keep their own ring; the rest share the last one."""
    if len(groups) <= rings:
        return groups
    keep = sorted(sorted(groups, key=lambda g: -len(g["marks"]))[:rings - 1], key=groups.index)
    rest = [g for g in groups if g not in keep]
    shared = {"key": "muut", "names": [n for g in rest for n in g["names"]], "other": True,
              "marks": sorted((m for g in rest for m in g["marks"]), key=lambda m: m.number)}
    return keep + [shared]


def fit(groups: list[dict], overflow: bool) -> dict | None:
    """Rings, lanes and marks for these groups, with or without the wheel's overflow lane;
    None when it cannot be drawn (too few lanes, or items left over without one)."""
    rings = [{**g, "marks": [Mark(m.info, m.number, m.anchor) for m in g["marks"]]} for g in groups]
    tracks = len(rings) + (1 if overflow else 0)
    budget = lane_budget(tracks) - (1 if overflow else 0)
    if budget < len(rings):
        return None
    needs = [lanes_needed(r["marks"], budget) for r in rings]
    alloc = allocate(needs, budget)
    if not overflow and any(need > have for need, have in zip(needs, alloc)):
        return None  # cannot fit without counting some items
    gaps = RING_GAP * (tracks - 1)
    lane_w = min(LANE_MAX, (R_OUT - R_MIN - gaps) / (sum(alloc) + (1 if overflow else 0)))
    radius = R_OUT - (sum(alloc) + (1 if overflow else 0)) * lane_w - gaps
    inner, left = radius, []
    for n, (ring, lanes) in enumerate(zip(rings, alloc)):
        radii = [radius + (j + 0.5) * lane_w for j in range(lanes)]
        ring.update(n=n, r1=round(radius, 2), r2=round(radius + lanes * lane_w, 2), lanes=lanes)
        left += assign_lanes(ring["marks"], radii)
        ring["marks"] = [m for m in ring["marks"] if m.lane >= 0]
        radius += lanes * lane_w + RING_GAP
    if left and not overflow:
        return None
    more = []
    if overflow:
        by_month: dict[int, list[Mark]] = {}
        for mark in left:
            by_month.setdefault(int(mark.start) % 12, []).append(mark)
        for month, held in sorted(by_month.items()):
            held.sort(key=lambda m: m.number)
            more.append({"month": month + 1, "count": len(held), "href": f"#{held[0].anchor}",
                         "held": " ".join(m.info.item.id for m in held),
                         "badge": badge(f"+{len(held)}", month + 0.5, radius + lane_w / 2, lane_w)})
    return {"rings": rings, "inner": round(inner, 2), "lane_w": lane_w, "more": more,
            "more_r": (round(radius, 2), round(radius + lane_w, 2)) if overflow else None,
            "placed": sum(len(r["marks"]) for r in rings)}


def best_fit(groups: list[dict]) -> dict:
    """The layout that gives the most items their own mark (ties: more rings)."""
    best = None
    for rings in range(1, min(len(groups), MAX_RINGS) + 1):
        merged = merge_groups(groups, rings)
        found = fit(merged, overflow=False) or fit(merged, overflow=True)
        if found and (best is None or found["placed"] >= best["placed"]):
            best = found
    return best
