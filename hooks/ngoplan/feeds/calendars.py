"""A plan's year-clock feeds as site files, their addresses, and one item's "add to
calendar" choices.

Add to calendar: the item's own .ics file, a Google Calendar event link and Outlook on the
web event links (outlook.live.com for personal Microsoft accounts, outlook.office.com for
work and school accounts in Microsoft 365: they are different services). The web links
are plain addresses built here, so no script runs on the page. They cannot carry
STATUS:TENTATIVE, so an approximate item's title starts with "Likimääräinen:" as in the
feed, and the page says which span the calendar will show. Neither Outlook link can carry
a recurrence, nor Google's an excluded date: those items offer the .ics file instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from ..model.plan import PlanModel, build_model
from ..model.timing import AllDay, Approximate, CalendarItem, Exact, Recurring
from ..text import is_unknown, localized
from . import events, ical, icsformat, paths

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_PERSONAL = "https://outlook.live.com/calendar/0/action/compose"
OUTLOOK_WORK = "https://outlook.office.com/calendar/0/action/compose"
_HEL = ZoneInfo(icsformat.TZID)


def _model(dataset, plan_id: str, model: PlanModel | None) -> PlanModel:
    """The build's records of the plan (BuildState.model); made here only when a caller
    outside a build (a test, a script) has none."""
    return model if model is not None else build_model(plan_id, dataset.plans[plan_id])


def plan_items(dataset, plan_id: str, model: PlanModel | None = None):
    return _model(dataset, plan_id, model).items


def feed_context(dataset, plan_id: str, site, model: PlanModel | None = None) -> events.FeedContext:
    model = _model(dataset, plan_id, model)
    plan = model.plan
    site_data = dataset.site["site"].value
    return events.FeedContext(
        plan_id=plan_id, county=plan.county, title=plan.title,
        uid_domain=site_data["uid_domain"], refresh_hours=site_data["feed_refresh_hours"],
        plan_updated=plan.updated, site_url=site.url,
        use_directory_urls=site.use_directory_urls,
        organiser_names={ident: record.name for ident, (_, record) in model.actors.items()},
        document_titles={d.id: d.title for d in plan.documents})


def plan_feed_files(dataset, plan_id: str, site, model: PlanModel | None = None) -> list[tuple[str, bytes]]:
    model = _model(dataset, plan_id, model)
    ctx = feed_context(dataset, plan_id, site, model)
    return ical.feed_files(model.items, ctx, model.plan.languages)


def plan_feed_paths(dataset, plan_id: str, model: PlanModel | None = None) -> list[str]:
    """The site paths plan_feed_files() gives, in its order, without making the feeds."""
    model = _model(dataset, plan_id, model)
    return ical.feed_paths(plan_id, model.items, model.plan.languages)


def item_ics(plan_id: str, item: dict, lang: str = "fi") -> str | None:
    """Site path of an item's "add to calendar" file (a calendar.yaml item as a dict), or
    None for a rhythm without a period, which has no file."""
    return None if "rhythm" in item["timing"] else paths.item_ics_path(plan_id, item["id"], lang)


def organiser_feed(dataset, plan_id: str, organiser_id: str, lang: str = "fi") -> str | None:
    """Site path of an organiser's own feed, or None when it has no item in the feeds."""
    if organiser_id in ical.feed_organisers(plan_items(dataset, plan_id)):
        return paths.organiser_feed_path(plan_id, organiser_id, lang)
    return None


def feed_links(site_url: str, path: str) -> dict:
    """The addresses of one feed: https (download), webcal and Google's add-by-URL."""
    url = site_url + path
    return {"path": path, "url": url, "webcal": paths.webcal_url(url),
            "google": paths.google_subscribe_url(url)}


# --- add to calendar ----------------------------------------------------------------------

@dataclass(frozen=True)
class EventLinks:
    """One item's "add to calendar" choices. Web links are None where the service cannot
    hold the item faithfully (a recurrence in Outlook, skipped dates in Google)."""

    ics: str  # site path of the item's own .ics file
    google: str | None
    outlook_personal: str | None
    outlook_work: str | None
    span: tuple[dt.date, dt.date] | None  # an approximate item: the days the calendar shows


def can_add(item: CalendarItem) -> bool:
    """Items with a time a calendar can hold; a cancelled item is not offered."""
    return item.in_feed and item.status != "cancelled"


def _google_dates(timing) -> str:
    if isinstance(timing, (Exact, Recurring)):
        return f"{timing.start:%Y%m%dT%H%M%S}/{timing.end:%Y%m%dT%H%M%S}"
    if isinstance(timing, AllDay):
        return f"{timing.start:%Y%m%d}/{timing.last + dt.timedelta(days=1):%Y%m%d}"
    first, after = timing.span()
    return f"{first:%Y%m%d}/{after:%Y%m%d}"


def _rrule(timing: Recurring) -> str:
    last = dt.datetime.combine(timing.until, dt.time(23, 59, 59), _HEL).astimezone(dt.timezone.utc)
    rule = f"RRULE:FREQ={timing.frequency.upper()};UNTIL={last:%Y%m%dT%H%M%SZ}"
    return rule + (f";INTERVAL={timing.interval}" if timing.interval != 1 else "")


def _outlook_times(timing) -> dict:
    if isinstance(timing, Exact):
        return {"startdt": timing.start.replace(tzinfo=_HEL).isoformat(),
                "enddt": timing.end.replace(tzinfo=_HEL).isoformat(), "allday": "false"}
    if isinstance(timing, AllDay):
        first, after = timing.start, timing.last + dt.timedelta(days=1)
    else:
        first, after = timing.span()
    return {"startdt": first.isoformat(), "enddt": after.isoformat(), "allday": "true"}


def event_links(item: CalendarItem, ctx: events.FeedContext, lang: str = "fi") -> EventLinks:
    """The add-to-calendar choices of an item with a time (callers check can_add)."""
    timing = item.timing
    title = events.event_summary(item, lang)
    details = events.event_description(item, ctx, lang)
    place = None if item.place is None or is_unknown(item.place) else localized(item.place, lang)
    google = {"action": "TEMPLATE", "text": title, "dates": _google_dates(timing),
              "details": details, "ctz": icsformat.TZID}
    if place:
        google["location"] = place
    google_url: str | None = None
    if isinstance(timing, Recurring):
        if not timing.skipped:
            google["recur"] = _rrule(timing)
            google_url = f"{GOOGLE}?{urlencode(google, quote_via=quote)}"
    else:
        google_url = f"{GOOGLE}?{urlencode(google, quote_via=quote)}"
    outlook = None
    if not isinstance(timing, Recurring):
        query = {"rru": "addevent", "subject": title, "body": details, **_outlook_times(timing)}
        if place:
            query["location"] = place
        outlook = urlencode(query, quote_via=quote)
    span = None
    if isinstance(timing, Approximate):
        first, after = timing.span()
        span = (first, after - dt.timedelta(days=1))
    return EventLinks(
        ics=paths.item_ics_path(ctx.plan_id, item.id, lang), google=google_url,
        outlook_personal=f"{OUTLOOK_PERSONAL}?{outlook}" if outlook else None,
        outlook_work=f"{OUTLOOK_WORK}?{outlook}" if outlook else None, span=span)
