"""One calendar item as a VEVENT: its title, its text (facts, source, the link back to the
item's anchor) and its times, in a feed language's words from the message catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from types import MappingProxyType

from ..cache import memo
from ..model.timing import AllDay, Approximate, CalendarItem, Exact, Recurring
from ..text import fi_date, is_unknown, localized
from .icsformat import local as _local
from .paths import item_anchor_url, uid

FEED_TEXTS = ("approximate", "cancelled", "tentative", "approx_line", "count", "mode", "place",
              "organisers", "audience", "status", "source", "more", "unknown", "calendar",
              "caldesc")
CODE_GROUPS = MappingProxyType({"modes": "modes", "kinds": "item_kinds", "audiences": "audiences"})


def feed_languages(languages) -> list[str]:
    """The declared languages that have an interface catalogue (a feed needs its words)."""
    from ..web.i18n import catalogue_languages

    available = catalogue_languages()
    return [lang for lang in languages if lang in available]


def feed_labels(lang: str) -> dict:
    """The feed's words in one language, from the message catalogue (messages/<lang>.yaml);
    worked out once per catalogue, kept and forgotten with it in the running cache."""
    return memo("feed_labels", lang, lambda: _feed_labels(lang))


def _feed_labels(lang: str) -> dict:
    from ..web.i18n import catalogue, msg

    labels = {key: msg(f"feed.{key}", lang) for key in FEED_TEXTS}
    for name, group in CODE_GROUPS.items():
        prefix = group + "."
        labels[name] = {key[len(prefix):]: text for key, text in catalogue(lang).items()
                        if key.startswith(prefix)}
    labels["kinds"] = {code: text[:1].upper() + text[1:] for code, text in labels["kinds"].items()}
    return labels


@dataclass(frozen=True)
class FeedContext:
    """What every feed of one plan needs besides its items."""

    plan_id: str
    county: object  # text: the calendar's name
    title: object  # text: the plan's title
    uid_domain: str
    refresh_hours: int
    plan_updated: dt.date  # fallback for items without `updated`
    site_url: str  # with a trailing slash
    use_directory_urls: bool = True
    organiser_names: dict = field(default_factory=dict)  # id -> text
    document_titles: dict = field(default_factory=dict)  # id -> text


def event_summary(item: CalendarItem, lang: str) -> str:
    """The event's title: approximate and cancelled items say so first."""
    labels = feed_labels(lang)
    title = localized(item.title, lang)
    if isinstance(item.timing, Approximate):
        title = f"{labels['approximate']}: {title} ({localized(item.timing.wording, lang)})"
    if item.status == "cancelled":
        title = f"{labels['cancelled']}: {title}"
    return title


def event_description(item: CalendarItem, ctx: FeedContext, lang: str) -> str:
    """The event's text: description, approximate span, facts, source, link back."""
    labels = feed_labels(lang)
    paragraphs = []
    if item.description is not None:
        paragraphs.append(localized(item.description, lang))
    timing = item.timing
    if isinstance(timing, Approximate):
        first, after = timing.span()
        approx = [labels["approx_line"].format(wording=localized(timing.wording, lang),
                                               first=fi_date(first),
                                               last=fi_date(after - dt.timedelta(days=1)))]
        if timing.count is not None:
            low, high = timing.count
            approx.append(f"{labels['count']}: {low}" if low == high
                          else f"{labels['count']}: {low}–{high}")
        paragraphs.append("\n".join(approx))
    facts = [f"{labels['mode']}: {labels['modes'][item.mode]}"]
    if item.place is not None:
        place = labels["unknown"] if is_unknown(item.place) else localized(item.place, lang)
        facts.append(f"{labels['place']}: {place}")
    names = [localized(ctx.organiser_names.get(org, org), lang) for org in item.organisers]
    facts.append(f"{labels['organisers']}: {', '.join(names)}")
    facts.append(f"{labels['audience']}: "
                 + ", ".join(labels["audiences"][who] for who in item.audience))
    if item.status in ("cancelled", "tentative"):
        state = labels["cancelled"].lower() if item.status == "cancelled" else labels["tentative"]
        facts.append(f"{labels['status']}: {state}")
    for link in item.links:
        if not is_unknown(link["url"]):
            facts.append(f"{localized(link['title'], lang)}: {link['url']}")
    document = item.source["document"]
    facts.append(f"{labels['source']}: "
                 f"{localized(ctx.document_titles.get(document, document), lang)}, "
                 f"{item.source['section']}")
    paragraphs.append("\n".join(facts))
    # Apps ignore URL; the link back to the item's anchor is the description's last line.
    paragraphs.append(f"{labels['more']}: "
                      + item_anchor_url(ctx.site_url, ctx.plan_id, item.id, ctx.use_directory_urls,
                                        lang))
    return "\n\n".join(paragraphs)


def build_event(item: CalendarItem, ctx: FeedContext, lang: str = "fi"):
    """The VEVENT of one item (callers skip rhythm items: they have no time)."""
    from icalendar import Event

    timing = item.timing
    event = Event()
    event.add("uid", uid(ctx.plan_id, item.id, ctx.uid_domain, lang))
    day = item.updated or ctx.plan_updated
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("summary", event_summary(item, lang))
    if isinstance(timing, Exact):
        event.add("dtstart", _local(timing.start))
        event.add("dtend", _local(timing.end))
    elif isinstance(timing, AllDay):
        event.add("dtstart", timing.start)
        event.add("dtend", timing.last + dt.timedelta(days=1))
    elif isinstance(timing, Recurring):
        event.add("dtstart", _local(timing.start))
        event.add("dtend", _local(timing.end))
        # With a TZID start, UNTIL must be UTC: the end of the last possible day in Helsinki.
        last = _local(dt.datetime.combine(timing.until, dt.time(23, 59, 59)))
        rule = {"freq": timing.frequency, "until": last.astimezone(dt.timezone.utc)}
        if timing.interval != 1:
            rule["interval"] = timing.interval
        event.add("rrule", rule)
        if timing.skipped:
            event.add("exdate", [_local(dt.datetime.combine(d, timing.start.time()))
                                 for d in timing.skipped])
    elif isinstance(timing, Approximate):
        first, after = timing.span()
        event.add("dtstart", first)
        event.add("dtend", after)
    else:
        raise ValueError(f"{item.id}: a rhythm without a period has no place in a feed")
    event.add("description", event_description(item, ctx, lang))
    if item.place is not None and not is_unknown(item.place):
        event.add("location", localized(item.place, lang))
    if item.status == "cancelled":
        event.add("status", "CANCELLED")
    elif item.status == "tentative" or isinstance(timing, Approximate):
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    timed = isinstance(timing, (Exact, Recurring)) and item.status != "cancelled"
    event.add("transp", "OPAQUE" if timed else "TRANSPARENT")
    event.add("categories", [feed_labels(lang)["kinds"][item.kind]])
    event.add("url", item_anchor_url(ctx.site_url, ctx.plan_id, item.id, ctx.use_directory_urls,
                                     lang))
    return event
