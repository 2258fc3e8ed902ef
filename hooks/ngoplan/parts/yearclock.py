"""The year-clock page: the wheel (SVG drawn at build time), rhythms without a period,
and the list of every item grouped by month with filters."""

from __future__ import annotations

import math

from ..text import localized
from .common import ITEM_KINDS, actors, derived, nothing_yet, page
from .timing_view import month_short, month_span
from ..registry import fragment
from ..i18n import label, language, msg
from ..render import MONTHS, capfirst

SIZE, CENTRE, INNER, OUTER, LABEL_R = 440, 220, 64, 176, 198
SCRIPT = "assets/ngoplan.js"


def _point(frac: float, radius: float) -> tuple[float, float]:
    """Month fraction 0..12 -> point; January starts at twelve o'clock, clockwise."""
    angle = frac / 12 * 2 * math.pi
    return (round(CENTRE + radius * math.sin(angle), 2), round(CENTRE - radius * math.cos(angle), 2))


def _arc(start: float, end: float, radius: float) -> str:
    end = max(end, start + 0.08)  # a visible sliver even for a one-day range
    (x1, y1), (x2, y2) = _point(start, radius), _point(end, radius)
    large = 1 if end - start > 6 else 0
    return f"M{x1},{y1} A{radius},{radius} 0 {large} 1 {x2},{y2}"


def _plan_and_items(context):
    data = context.optional("calendar")
    if data is None:
        return None, None
    return context.plan(), derived(context)["items"]


@fragment("calendar-wheel")
def calendar_wheel(context, arg) -> str:
    plan, items = _plan_and_items(context)
    if items is None:
        return nothing_yet(context)
    placed = [i for i in items if i.wheel]
    kinds = [k for k in ITEM_KINDS if any(i.item.kind == k for i in placed)]
    ring_w = (OUTER - INNER) / max(1, len(kinds))
    rings = []
    for n, kind in enumerate(kinds):
        radius = INNER + ring_w * (n + 0.5)
        marks = []
        for info in placed:
            if info.item.kind != kind:
                continue
            shapes = []
            for form, start, end in ((p.form, p.start, p.end) for p in info.wheel):
                if form == "mark":
                    x, y = _point(start, radius)
                    shapes.append({"form": "mark", "x": x, "y": y})
                else:
                    shapes.append({"form": form, "d": _arc(start, end, radius)})
            marks.append({"info": info, "shapes": shapes})
        rings.append({"kind": kind, "n": n, "r": round(INNER + ring_w * n, 2),
                      "mid": round(radius, 2), "w": round(ring_w, 2), "marks": marks})
    months = []
    for m in range(12):
        x1, y1 = _point(m, INNER - 6)
        x2, y2 = _point(m, OUTER + 4)
        lx, ly = _point(m + 0.5, LABEL_R)
        months.append({"name": month_short(m + 1), "x1": x1, "y1": y1, "x2": x2, "y2": y2,
                       "lx": lx, "ly": ly})
    rhythm_only = [i for i in items if not i.wheel]
    return page("calendar_wheel.html", context, rings=rings, months=months, size=SIZE,
                centre=CENTRE, inner=INNER, outer=OUTER, plan=plan, placed=placed,
                rhythm_only=rhythm_only, script=context.url(SCRIPT),
                has_approx=any(i.approximate for i in placed))


@fragment("calendar-rhythms")
def calendar_rhythms(context, arg) -> str:
    plan, items = _plan_and_items(context)
    if items is None:
        return nothing_yet(context)
    found = actors(context)
    return page("calendar_rhythms.html", context, items=[i for i in items if not i.wheel],
                ref=found.link)


@fragment("calendar-list")
def calendar_list(context, arg) -> str:
    plan, items = _plan_and_items(context)
    if items is None:
        return nothing_yet(context)
    found = actors(context)
    groups: dict[tuple, dict] = {}
    for info in items:
        group = info.group
        if group[0] == "month":
            key, title, anchor = (group[1], 1), capfirst(MONTHS[group[1] - 1]), f"kk-{group[1]}"
        elif group[0] == "season":
            season = info.season
            key = (group[2], 0)
            title = f"{capfirst(localized(season.name, language()))} ({month_span(season.months)})"
            anchor = f"kausi-{season.id}"
        else:
            key, title, anchor = (99, 0), msg("calendar.no_time_group"), "ei-ajankohtaa"
        groups.setdefault(key, {"title": title, "anchor": anchor, "items": []})["items"].append(info)
    ordered = [groups[k] for k in sorted(groups)]
    facets = {"kind": {}, "organiser": {}, "audience": {}}
    for info in items:
        item = info.item
        facets["kind"].setdefault(item.kind, []).append(info)
        for org in item.organisers:
            facets["organiser"].setdefault(org, []).append(info)
        for aud in item.audience:
            facets["audience"].setdefault(aud, []).append(info)
    return page("calendar_list.html", context, groups=ordered, plan=plan, ref=found.link,
                facets=facets, script=context.url(SCRIPT), seasons=plan.get("seasons", []),
                month_span=month_span)
