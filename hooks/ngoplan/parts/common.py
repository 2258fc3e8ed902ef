"""Shared by the site's parts: Finnish labels for the data's codes, and actor lookup
(bodies, networks and organisations referenced by id)."""

from __future__ import annotations

import calendar
import datetime as dt

from ..i18n import catalogue
from ..render import render

LABEL_GROUPS = ("body_kinds", "network_kinds", "org_kinds", "item_kinds", "audiences", "modes",
                "statuses", "grant_kinds", "goal_statuses", "channel_purposes", "guiding_kinds",
                "law_kinds")


def _finnish_group(group: str) -> dict[str, str]:
    """code -> Finnish label, read from the Finnish message catalogue (its only home)."""
    prefix = group + "."
    return {key[len(prefix):]: text for key, text in catalogue("fi").items()
            if key.startswith(prefix)}


# Finnish labels for code-to-word lookups in Python (Finnish-only pages and the changelog);
# templates use label() in the build's language.
LABELS = {group: _finnish_group(group) for group in LABEL_GROUPS}
BODY_KINDS, NETWORK_KINDS, ORG_KINDS, ITEM_KINDS, AUDIENCES, MODES, STATUSES, GRANT_KINDS, \
    GOAL_STATUSES, CHANNEL_PURPOSES, GUIDING_KINDS, LAW_KINDS = LABELS.values()

ACTOR_KINDS = ("bodies", "networks", "organisations")
# Generated pages per actor kind (organisations are listed on the bodies page instead).
PAGE_FOLDERS = {"bodies": "toimielimet", "networks": "verkostot"}


class Actors:
    """Bodies, networks and organisations of one plan, by id, with link targets."""

    def __init__(self, context):
        self.context = context
        self.by_id: dict[str, tuple[str, dict]] = {}
        for kind in ACTOR_KINDS:
            for ident, entry in context.index(kind).items():
                self.by_id[ident] = (kind, entry)

    def kind(self, ident) -> str | None:
        found = self.by_id.get(ident) if isinstance(ident, str) else None
        return found[0] if found else None

    def get(self, ident) -> dict | None:
        found = self.by_id.get(ident) if isinstance(ident, str) else None
        return found[1] if found else None

    def href(self, ident: str) -> str:
        kind = self.kind(ident)
        if kind in PAGE_FOLDERS:
            return self.context.plan_url(f"{PAGE_FOLDERS[kind]}/{ident}.md")
        if kind == "organisations":
            return self.context.plan_url(f"toimielimet.md#{ident}")
        return ""

    def link(self, ident: str) -> dict:
        """What a template needs to show a reference: name and (maybe) a link."""
        entry = self.get(ident)
        return {"id": ident, "name": entry["name"] if entry else ident,
                "href": self.href(ident) if entry else "", "known": entry is not None}


def actors(context) -> Actors:
    """One Actors per page context (fragments on a page share it)."""
    cached = context._indexes.get("_actors")
    if cached is None:
        cached = context._indexes["_actors"] = Actors(context)
    return cached


def page(template: str, context, **values) -> str:
    """Render a fragment template with the labels and link helpers every part uses."""
    docs = {}
    if context.plan_id is not None and "plan" in context.dataset.plans.get(context.plan_id, {}):
        docs = {d["id"]: d for d in context.plan().get("documents", [])}
    return render(template, L=LABELS, ctx=context, docs=docs, **values)


def nothing_yet(context) -> str:
    """A fragment whose data file is missing: one neutral sentence that fits any subject
    (the heading above the marker says what the missing thing is)."""
    has_plan = context.plan_id is not None and "plan" in context.dataset.plans.get(context.plan_id, {})
    return render("nothing_yet.html", plan=context.plan() if has_plan else {})


# --- Plan-wide derived data, built once per build and plan (pages share it) ---------

_derived: dict = {"dataset": None, "plans": {}}


def derived(context) -> dict:
    """Reverse relations and calendar groupings of the context's plan, computed once per
    dataset: every body and network page reads them, so per-page scans would be quadratic."""
    if _derived["dataset"] is not context.dataset:
        _derived["dataset"] = context.dataset
        _derived["plans"] = {}
    from ..i18n import language
    plans = _derived["plans"]
    key = (context.plan_id, language())  # timing words are in the build language
    if key not in plans:
        plans[key] = _build(context)
    return plans[key]


def _build(context) -> dict:
    rel: dict[str, dict[str, list[str]]] = {}

    def add(target, relation, source):
        if isinstance(target, str):
            rel.setdefault(target, {}).setdefault(relation, []).append(source)

    for kind in ("bodies", "networks"):
        for ident, entry in context.index(kind).items():
            add(entry.get("appointed_by"), "appoints", ident)
            add(entry.get("parent"), "children", ident)
            add(entry.get("coordinator"), "coordinates", ident)
            add(entry.get("proposed_by"), "proposes", ident)
            add(entry.get("composition", {}).get("ngo_representatives_appointed_by"),
                "names_ngo_reps", ident)
            for body in entry.get("related_bodies", []):
                add(body, "related_networks", ident)
    plan = context.plan() if "plan" in context.dataset.plans.get(context.plan_id, {}) else {}
    seasons = {s["id"]: s for s in plan.get("seasons", [])}
    items = [timing_info(item, seasons) for item in context.index("calendar").values()]
    by_organiser: dict[str, list[dict]] = {}
    for info in items:
        for org in info["item"]["organisers"]:
            by_organiser.setdefault(org, []).append(info)
    for group in by_organiser.values():
        group.sort(key=lambda i: i["sort"])
    items.sort(key=lambda i: i["sort"])
    return {"relations": rel, "items": items, "by_organiser": by_organiser, "seasons": seasons}


def _m(key: str, **fields) -> str:
    from ..i18n import msg
    return msg(key, **fields)


def month_short(month: int) -> str:
    """The wheel's and month spans' short month name in the build language (tammi, jan)."""
    return _m(f"month_short.{month}")


def _d(value: str) -> str:
    year, month, day = value[:10].split("-")
    return f"{int(day)}.{int(month)}.{year}"


def _t(value: str) -> str:
    return value[11:16].replace(":", ".")


def month_span(months) -> str:
    months = list(months)
    if not months:
        return ""
    if len(months) == 1:
        return _m(f"month.{months[0]}")
    return _m("time.month_span", first=month_short(months[0]), last=month_short(months[-1]))


def timing_info(item: dict, seasons: dict) -> dict:
    """How an item's time is shown: words, the month it is grouped under, wheel placement.
    Words are in the build language (the catalogue's time.* texts).

    form: exact | all_day | recurring | approximate | rhythm. 'wheel' is a list of
    (kind, start_fraction, end_fraction) on a 0..12 month scale, empty when the item has
    no period (rhythms, or an approximate time with only a year)."""
    (form, value), = item["timing"].items()
    info = {"item": item, "form": form, "words": "", "words_text": None, "group": None,
            "wheel": [], "approximate": form == "approximate", "season": None}
    if form == "exact":
        start, end = value["start"], value["end"]
        same_day = start[:10] == end[:10]
        info["words"] = (_m("time.same_day", date=_d(start), start=_t(start), end=_t(end))
                         if same_day else
                         _m("time.range", start_date=_d(start), start=_t(start),
                            end_date=_d(end), end=_t(end)))
        info["group"] = ("month", int(start[5:7]))
        info["wheel"] = [("mark", _frac(start), _frac(start))]
        info["sort"] = (start[:16], item["id"])
    elif form == "all_day":
        start, end = value["start"], value.get("end", value["start"])
        info["words"] = _d(start) if start == end else f"{_d(start)}–{_d(end)}"
        info["group"] = ("month", int(start[5:7]))
        info["wheel"] = ([("mark", _frac(start), _frac(start))] if start == end
                         else [("arc", _frac(start), _frac(end, end_of_day=True))])
        info["sort"] = (start, item["id"])
    elif form == "recurring":
        step = value.get("interval", 1)
        every = (_m(f"time.every.{value['frequency']}") if step == 1
                 else _m(f"time.every_n.{value['frequency']}", n=step))
        info["words"] = _m("time.recurring", every=every, start_date=_d(value["start"]),
                           start=_t(value["start"]), end=_t(value["end"]),
                           until=_d(value["until"]))
        if value.get("except"):
            info["words"] += _m("time.except", dates=", ".join(_d(d) for d in value["except"]))
        info["group"] = ("month", int(value["start"][5:7]))
        info["wheel"] = [("mark", _frac(day), _frac(day)) for day in occurrences(value)]
        info["sort"] = (value["start"][:16], item["id"])
    elif form == "approximate":
        info["words_text"] = value["wording"]
        year = value["year"]
        if "month" in value:
            month = value["month"]
            info["group"] = ("month", month)
            info["wheel"] = [("approx", month - 1, month)]
            info["sort"] = (f"{year}-{month:02d}-00", item["id"])
            info["words"] = _m("time.month_year", month=_m(f"month.{month}"), year=year)
        elif value.get("season") in seasons:
            season = seasons[value["season"]]
            months = season["months"]
            info["season"] = season
            info["group"] = ("season", season["id"], months[0])
            info["wheel"] = [("approx", a - 1, b) for a, b in _runs(months)]
            info["sort"] = (f"{year}-{months[0]:02d}-00", item["id"])
            info["words"] = _m("time.season", year=year, months=month_span(months))
        else:
            info["group"] = ("unknown",)
            info["sort"] = (f"{year}-99", item["id"])
            info["words"] = _m("time.year_only", year=year)
    else:  # rhythm: described beside the wheel, never placed on it
        info["words_text"] = value["wording"]
        info["group"] = ("unknown",)
        info["sort"] = ("9999", item["id"])
    return info


def _frac(value: str, end_of_day: bool = False) -> float:
    """A date's position on the wheel: months elapsed since 1 January (0..12)."""
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:10])
    days = calendar.monthrange(year, month)[1]
    return month - 1 + (day - (0 if end_of_day else 1)) / days


def _runs(months):
    """[1,2,3,8,9] -> [(1,3),(8,9)]: contiguous month runs of a season."""
    runs = []
    for month in months:
        if runs and month == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def occurrences(value: dict, limit: int = 400) -> list[str]:
    """Dates (YYYY-MM-DD) of a recurring item, from start to until, minus exceptions."""
    start = dt.date.fromisoformat(value["start"][:10])
    until = dt.date.fromisoformat(value["until"])
    skipped = set(value.get("except", []))
    step = value.get("interval", 1)
    out = []
    n = 0
    while len(out) < limit:
        if value["frequency"] == "weekly":
            day = start + dt.timedelta(weeks=n * step)
        else:
            months = n * step * (12 if value["frequency"] == "yearly" else 1)
            year, month = divmod(start.month - 1 + months, 12)
            year += start.year
            month += 1
            if start.day > calendar.monthrange(year, month)[1]:
                n += 1  # RFC 5545: a month without that day is skipped
                continue
            day = dt.date(year, month, start.day)
        if day > until:
            break
        if day.isoformat() not in skipped:
            out.append(day.isoformat())
        n += 1
    return out
