"""The year-clock page: the wheel (SVG drawn at build time, geometry in wheel/layout.py),
rhythms without a period, the list of every item grouped by month with filters, and a
chrome-less page per plan for embedding the wheel and the list in another site."""

from __future__ import annotations

import json
import re

from ..web.i18n import label, language, msg
from ..web.registry import GeneratedFile, fragment, generator
from ..web.render import MONTHS, capfirst, fragment_html
from ..text import localized, theme_text
from ..wheel import layout as W
from .common import ITEM_KINDS, actors, derived, nothing_yet, page
from .timing_view import month_short, month_span

SCRIPT = "assets/ngoplan.js"
EMBED = "vuosikello/upotus.md"  # under each plan's folder
EMBED_HEIGHT = 900  # the snippet's iframe height in CSS px (no script resizes it)
# On the embed page a link that leaves the page (not "#…") opens in the embedding page's
# window, not inside the small frame. Templates write every link as <a href="…".
_LEAVING_LINK = re.compile(r'<a href="(?!#)')


def _leave_frame(html: str, embed: bool) -> str:
    return _LEAVING_LINK.sub('<a target="_top" href="', html) if embed else html


def _plan_and_items(context):
    if not context.model().has("calendar"):
        return None, None
    return context.plan(), derived(context)["items"]


def list_groups(items) -> list[dict]:
    """The list's sections in order: months and seasons by their first month, then the
    items with no month ("Ajankohta ei tiedossa")."""
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
    return [groups[k] for k in sorted(groups)]


def _numbered(groups) -> tuple[dict[str, int], dict[str, str]]:
    """Each item's number (its place in the list) and its list section's anchor."""
    numbers, anchors = {}, {}
    for group in groups:
        for info in group["items"]:
            numbers[info.item.id] = len(numbers) + 1
            anchors[info.item.id] = group["anchor"]
    return numbers, anchors


def _ring_groups(marks: list[W.Mark], ref) -> list[dict]:
    """Rings by kind, or by first organiser when the wheel has one kind only."""
    kinds = {m.info.item.kind for m in marks}
    organisers = {m.info.item.organisers[0] for m in marks if m.info.item.organisers}
    by_organiser = len(kinds) == 1 and len(organisers) > 1
    order = list(ITEM_KINDS)

    def ring_order(mark):
        kind = mark.info.item.kind
        return (0 if by_organiser else order.index(kind) if kind in order else len(order),
                mark.number)

    rings: dict[str, dict] = {}
    for mark in sorted(marks, key=ring_order):
        item = mark.info.item
        key = item.organisers[0] if by_organiser else item.kind
        name = localized(ref(key)["name"], language()) if by_organiser else label("item_kinds", key)
        rings.setdefault(key, {"key": key, "names": [name], "marks": []})["marks"].append(mark)
    return list(rings.values())


def wheel_layout(context, items) -> dict:
    """The wheel's layout, once per page context's plan and language (the wheel and the
    list both read it)."""
    cache = derived(context)
    if "wheel" not in cache:
        cache["wheel"] = _wheel_layout(items, actors(context).link)
    return cache["wheel"]


def _wheel_layout(items, ref) -> dict:
    groups = list_groups(items)
    numbers, anchors = _numbered(groups)
    marked = [W.Mark(info, numbers[info.item.id], anchors[info.item.id])
              for group in groups for info in group["items"] if info.wheel]
    fitted = W.best_fit(_ring_groups(marked, ref)) if marked else {
        "rings": [], "inner": W.R_MIN, "lane_w": W.LANE_MAX, "more": [], "more_r": None, "placed": 0}
    for ring in fitted["rings"]:
        for mark in ring["marks"]:
            info = mark.info
            words = localized(info.words_text, language()) if info.words_text is not None else ""
            title = localized(info.item.title, language())
            labels = [f"{mark.number} · {title}"]
            if info.approximate and words:
                labels = [f"{mark.number} · {title} ({words})", f"{mark.number} · {words}"]
            W.draw(mark, fitted["lane_w"], labels, f"ngo-wheel-label-{info.item.id}")
    inner = fitted["inner"]
    months = []
    for m in range(12):
        x1, y1 = W.point(m, inner - 4)
        x2, y2 = W.point(m, W.R_OUT + 4)
        months.append({"n": m + 1, "name": month_short(m + 1), "x1": x1, "y1": y1, "x2": x2,
                       "y2": y2, "path": W.arc_path(m, m + 1, round(W.MONTH_R, 2),
                                                    reverse=3 < m + 0.5 < 9),
                       "sector": _sector(m, inner - 4, W.R_OUT + 4)})
    placed = [m for r in fitted["rings"] for m in r["marks"]]
    return {**fitted, "months": months, "numbers": numbers, "marked": marked,
            "placed_marks": placed}


def _sector(month: int, r1: float, r2: float) -> str:
    (ax, ay), (bx, by) = W.point(month, r2), W.point(month + 1, r2)
    (cx, cy), (dx, dy) = W.point(month + 1, r1), W.point(month, r1)
    return f"M{ax},{ay} A{r2},{r2} 0 0 1 {bx},{by} L{cx},{cy} A{r1},{r1} 0 0 0 {dx},{dy} Z"


def _iso(day) -> str:
    return day.isoformat() if day is not None else ""


@fragment("calendar-wheel")
def calendar_wheel(context, arg) -> str:
    plan, items = _plan_and_items(context)
    if items is None:
        return nothing_yet(context)
    embed = arg == "upotus"
    layout = wheel_layout(context, items)
    snippet = None
    if not embed:
        site = context.state.site if context.state is not None else None
        if site is not None:
            src = site.url + f"{context.plan_id}/{EMBED[:-3]}/"
            title = msg("wheel.title", year=plan.plan_year) + " – " + localized(plan.county, language())
            snippet = (f'<iframe src="{src}" title="{title}" width="100%" '
                       f'height="{EMBED_HEIGHT}" style="border:0" loading="lazy"></iframe>')
    html = page("calendar_wheel.html", context, plan=plan, W=W, layout=layout, iso=_iso,
                rhythm_only=[i for i in items if not i.wheel], script=context.url(SCRIPT),
                has_approx=any(m.info.approximate for m in layout["marked"]),
                has_arc=any(m.info.wheel[0].form == "arc" for m in layout["marked"]),
                has_recurring=any(m.info.form == "recurring" for m in layout["marked"]),
                has_day=any(m.info.wheel[0].form == "mark" for m in layout["marked"]),
                embed=embed, snippet=snippet)
    return _leave_frame(html, embed)


@fragment("calendar-rhythms")
def calendar_rhythms(context, arg) -> str:
    plan, items = _plan_and_items(context)
    if items is None:
        return nothing_yet(context)
    found = actors(context)
    return page("calendar_rhythms.html", context, items=[i for i in items if not i.wheel],
                any_items=bool(items), ref=found.link)


@fragment("calendar-list", reuses=("upotus",))
def calendar_list(context, arg) -> str:
    if arg == "upotus":
        # The embed page's list is the year-clock page's, with links leaving the frame:
        # rendered once per build (render.fragment_html).
        return _leave_frame(fragment_html(context, "calendar-list", None), True)
    plan, items = _plan_and_items(context)
    if items is None:
        return nothing_yet(context)
    found = actors(context)
    groups = list_groups(items)
    numbers, _ = _numbered(groups)
    layout = wheel_layout(context, items)
    on_wheel = {m.info.item.id for m in layout["placed_marks"]}
    in_overflow = {ident: f"ngo-wheel-more-{o['month']}" for o in layout["more"]
                   for ident in o["held"].split()}
    facets = {"kind": {}, "organiser": {}, "audience": {}}
    for info in items:
        item = info.item
        facets["kind"].setdefault(item.kind, []).append(info)
        for org in item.organisers:
            facets["organiser"].setdefault(org, []).append(info)
        for aud in item.audience:
            facets["audience"].setdefault(aud, []).append(info)
    return page("calendar_list.html", context, groups=groups, plan=plan, ref=found.link,
                facets=facets, script=context.url(SCRIPT), seasons=plan.seasons,
                month_span=month_span, numbers=numbers, on_wheel=on_wheel,
                in_overflow=in_overflow, iso=_iso)


@generator
def embed_pages(state):
    """<plan>/vuosikello/upotus/: the wheel and the list without the site's navigation, for
    an <iframe> in another site (not in the navigation or the search)."""
    dataset = state.dataset
    for plan_id, docs in sorted(dataset.plans.items()):
        if "plan" not in docs or "calendar" not in docs:
            continue
        plan = state.model(plan_id).plan
        county = localized(plan.county)
        title = f"{msg('wheel.title', 'fi', year=plan.plan_year)} – {county}"
        yield GeneratedFile(f"{plan_id}/{EMBED}", (
            "---\ntemplate: upotus.html\ntitle: " + json.dumps(theme_text(title), ensure_ascii=False)
            + "\ndescription: " + json.dumps(theme_text(msg("embed.description", "fi", county=county)),
                                             ensure_ascii=False)
            + "\nsearch:\n  exclude: true\n---\n\n"
            + "<!-- data:calendar-wheel upotus -->\n\n<!-- data:calendar-list upotus -->\n"))
