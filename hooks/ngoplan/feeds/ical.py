"""Year-clock iCalendar feeds: calendar items -> RFC 5545 bytes. Pure; knows nothing of MkDocs.

Feed paths (relative to the site root; see the *_path helpers):
  <plan>/vuosikello.ics                          the plan's whole year-clock (Finnish)
  <plan>/vuosikello-<lang>.ics                   the same in another declared language
  <plan>/vuosikello/<organiser-id>.ics           one organiser's items
  <plan>/vuosikello/tapahtumat/<item-id>.ics     one item, for "add to calendar"
  <plan>/vuosikello-<lang>/...                   the same two in another declared language

Choices calendar apps depend on:
- UID is `<plan>-<item id>[-<lang>]@<uid_domain>`: never the site address, so moving the
  site to a county's own domain does not duplicate anyone's events.
- DTSTAMP and LAST-MODIFIED are the item's `updated` date (else the plan's) at 00:00 UTC:
  no clock, no git, so two builds of one commit are byte-identical.
- SEQUENCE is omitted (= 0): the data keeps no history of time changes, and a SEQUENCE
  derived from `updated` would also rise on typo fixes. Subscribed calendars are refreshed
  whole and matched by UID; LAST-MODIFIED tells an edit apart.
- Europe/Helsinki is a compact RRULE-based VTIMEZONE written here (icalendar's generated
  RDATE-list form is mishandled by Outlook); it is always present, so even a feed without
  events has one component, as RFC 5545 requires.
- Folding is done here, not by icalendar: at most 75 octets a line, never inside a UTF-8
  character or a backslash escape.
- Approximate periods become all-day spans over the month/season, STATUS:TENTATIVE,
  TRANSP:TRANSPARENT, titled as approximate. All-day items are TRANSPARENT too: a
  weeks-long application period must not block anyone's busy time. Timed meetings are
  OPAQUE. Cancelled items stay, STATUS:CANCELLED, TRANSPARENT, titled as cancelled.
- Rhythms without any period are not in any feed.
- No METHOD: a published feed is not an iTIP message. METHOD:PUBLISH would require an
  ORGANIZER in every event (RFC 5546, 3.2.1; libical reports each one without), which
  needs an address the plans do not give, and makes Outlook and Apple show invitations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from functools import cache
from types import MappingProxyType
from urllib.parse import quote

from ..model.timing import AllDay, Approximate, CalendarItem, Exact, Recurring
from ..text import fi_date, is_unknown, localized
from ..web.urls import page_url

TZID = "Europe/Helsinki"
PRODID = "-//Järjestöyhteistyön suunnitelmat//vuosikello//FI"
FOLD_LIMIT = 75  # octets per line, CRLF excluded

FEED_TEXTS = ("approximate", "cancelled", "tentative", "approx_line", "count", "mode", "place",
              "organisers", "audience", "status", "source", "more", "unknown", "calendar",
              "caldesc")
CODE_GROUPS = MappingProxyType({"modes": "modes", "kinds": "item_kinds", "audiences": "audiences"})


def feed_languages(languages) -> list[str]:
    """The declared languages that have an interface catalogue (a feed needs its words)."""
    from ..web.i18n import catalogue_languages

    available = catalogue_languages()
    return [lang for lang in languages if lang in available]


@cache
def _labels(lang: str) -> dict:
    """The feed's words in one language, from the message catalogue (messages/<lang>.yaml)."""
    from ..web.i18n import catalogue, msg

    labels = {key: msg(f"feed.{key}", lang) for key in FEED_TEXTS}
    for name, group in CODE_GROUPS.items():
        prefix = group + "."
        labels[name] = {key[len(prefix):]: text for key, text in catalogue(lang).items()
                        if key.startswith(prefix)}
    labels["kinds"] = {code: text[:1].upper() + text[1:] for code, text in labels["kinds"].items()}
    return labels


# --- paths and addresses ------------------------------------------------------------------

def plan_feed_path(plan_id: str, lang: str = "fi") -> str:
    return f"{plan_id}/vuosikello.ics" if lang == "fi" else f"{plan_id}/vuosikello-{lang}.ics"


def _feed_folder(plan_id: str, lang: str) -> str:
    """Finnish feeds under vuosikello/, another language's under vuosikello-<lang>/ (the
    language never shares a folder with ids, so no organiser id can clash with it)."""
    return f"{plan_id}/vuosikello" if lang == "fi" else f"{plan_id}/vuosikello-{lang}"


def organiser_feed_path(plan_id: str, organiser_id: str, lang: str = "fi") -> str:
    return f"{_feed_folder(plan_id, lang)}/{organiser_id}.ics"


def item_ics_path(plan_id: str, item_id: str, lang: str = "fi") -> str:
    return f"{_feed_folder(plan_id, lang)}/tapahtumat/{item_id}.ics"


def page_path(plan_id: str, page: str, use_directory_urls: bool = True, lang: str = "fi") -> str:
    """The site path of an authored plan page such as 'vuosikello' or 'tilaa'; pages in
    another language than Finnish are under <lang>/ (one site build per language)."""
    prefix = "" if lang == "fi" else f"{lang}/"
    return prefix + page_url(f"{plan_id}/{page}.md", use_directory_urls)


def item_anchor_url(site_url: str, plan_id: str, item_id: str, use_directory_urls: bool = True,
                    lang: str = "fi") -> str:
    return f"{site_url}{page_path(plan_id, 'vuosikello', use_directory_urls, lang)}#{item_id}"


def webcal_url(url: str) -> str:
    """webcal:// asks the operating system's calendar app to subscribe."""
    return "webcal://" + url.split("://", 1)[1]


def google_subscribe_url(url: str) -> str:
    """Google takes the webcal address percent-encoded in cid, not a plain webcal link."""
    return "https://calendar.google.com/calendar/render?cid=" + quote(webcal_url(url), safe="")


def uid(plan_id: str, item_id: str, uid_domain: str, lang: str = "fi") -> str:
    suffix = "" if lang == "fi" else f"-{lang}"
    return f"{plan_id}-{item_id}{suffix}@{uid_domain}"


def feed_organisers(items) -> list[str]:
    """Organisers with at least one item in the feed (rhythm-only organisers get none)."""
    return sorted({org for item in items if item.in_feed for org in item.organisers})


# --- bytes --------------------------------------------------------------------------------

def fold(line: str) -> str:
    """Fold one content line at <= 75 octets (continuations start with a space), never
    inside a UTF-8 character or a backslash escape. Works on the encoded bytes: fast."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_LIMIT:
        return line
    parts = []
    start, limit = 0, FOLD_LIMIT
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: step back
            cut -= 1
        backslashes = 0
        while cut - 1 - backslashes >= 0 and data[cut - 1 - backslashes] == 0x5C:  # backslash
            backslashes += 1
        if backslashes % 2:  # the escape's backslash would end the line: move it on
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, FOLD_LIMIT - 1  # continuation lines start with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def _lines(component) -> list[str]:
    return [fold(str(line)) for line in component.content_lines() if str(line)]


def serialize(calendar) -> bytes:
    return ("\r\n".join(_lines(calendar)) + "\r\n").encode("utf-8")


# --- building -----------------------------------------------------------------------------

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


def helsinki_timezone():
    """Europe/Helsinki with the EU rules as RRULEs (last Sunday of March/October, 01 UTC)."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    for cls, start, before, after, name, month in (
            (TimezoneDaylight, dt.datetime(1970, 3, 29, 3, 0), 2, 3, "EEST", 3),
            (TimezoneStandard, dt.datetime(1970, 10, 25, 4, 0), 3, 2, "EET", 10)):
        part = cls()
        part.add("dtstart", start)
        part.add("tzoffsetfrom", dt.timedelta(hours=before))
        part.add("tzoffsetto", dt.timedelta(hours=after))
        part.add("tzname", name)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        zone.add_component(part)
    return zone


def _local(value: dt.datetime):
    from zoneinfo import ZoneInfo

    return value.replace(tzinfo=ZoneInfo(TZID))


def event_summary(item: CalendarItem, lang: str) -> str:
    """The event's title: approximate and cancelled items say so first."""
    labels = _labels(lang)
    title = localized(item.title, lang)
    if isinstance(item.timing, Approximate):
        title = f"{labels['approximate']}: {title} ({localized(item.timing.wording, lang)})"
    if item.status == "cancelled":
        title = f"{labels['cancelled']}: {title}"
    return title


def event_description(item: CalendarItem, ctx: FeedContext, lang: str) -> str:
    """The event's text: description, approximate span, facts, source, link back."""
    labels = _labels(lang)
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
    event.add("categories", [_labels(lang)["kinds"][item.kind]])
    event.add("url", item_anchor_url(ctx.site_url, ctx.plan_id, item.id, ctx.use_directory_urls,
                                     lang))
    return event


def _calendar_head(ctx: FeedContext, name: str, path: str, lang: str):
    from icalendar import Calendar, vDuration

    labels = _labels(lang)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    description = labels["caldesc"].format(
        title=localized(ctx.title, lang),
        url=ctx.site_url + page_path(ctx.plan_id, "tilaa", ctx.use_directory_urls, lang))
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", TZID)
    refresh = dt.timedelta(hours=ctx.refresh_hours)
    calendar.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(refresh))
    calendar.add("url", ctx.site_url + page_path(ctx.plan_id, "vuosikello", ctx.use_directory_urls,
                                                 lang))
    calendar.add("source", ctx.site_url + path, parameters={"VALUE": "URI"})
    calendar.add_component(helsinki_timezone())
    return calendar


_NAME_SLOT = "NAMESLOT0x0"
_PATH_SLOT = "PATHSLOT0x0"


def _calendar_head_props(name: str, source_url: str):
    """Only the properties that differ between feeds, in their order in the head."""
    from icalendar import Calendar

    props = Calendar()
    props.add("name", name)
    props.add("x-wr-calname", name)
    props.add("source", source_url, parameters={"VALUE": "URI"})
    return [line for line in _lines(props) if not line.startswith(("BEGIN:", "END:"))]


def build_calendar(items, ctx: FeedContext, *, name: str, path: str, lang: str = "fi"):
    """A VCALENDAR (icalendar object) of the feed items among items, published at path."""
    calendar = _calendar_head(ctx, name, path, lang)
    for item in items:
        if item.in_feed:
            calendar.add_component(build_event(item, ctx, lang))
    return calendar


class _Writer:
    """Serialises each event once, however many feeds it appears in (plan, organiser,
    item): the same item gives the same bytes in every feed, and a build does the work once."""

    def __init__(self, ctx: FeedContext):
        self.ctx = ctx
        self.events: dict[tuple[str, str], list[str]] = {}
        self.heads: dict[str, list[str]] = {}

    def event(self, item: CalendarItem, lang: str) -> list[str]:
        key = (item.id, lang)
        if key not in self.events:
            self.events[key] = _lines(build_event(item, self.ctx, lang))
        return self.events[key]

    def feed(self, items, *, name: str, path: str, lang: str = "fi") -> bytes:
        lines = self.head(name, path, lang)
        for item in items:
            if item.in_feed:
                lines += self.event(item, lang)
        lines.append("END:VCALENDAR")
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")

    def head(self, name: str, path: str, lang: str) -> list[str]:
        """The calendar's lines before its events. Only NAME, X-WR-CALNAME and SOURCE differ
        between the feeds of one plan and language, so the rest (the time zone above all,
        the larger part of a one-event feed) is built once and those three are swapped in."""
        if lang not in self.heads:
            template = _lines(_calendar_head(self.ctx, _NAME_SLOT, _PATH_SLOT, lang))
            self.heads[lang] = template[:-1]  # without END:VCALENDAR
        varying = _calendar_head_props(name, self.ctx.site_url + path)
        by_slot = dict(zip(("NAME", "X-WR-CALNAME", "SOURCE"), varying))
        return [by_slot[line.split(":", 1)[0].split(";", 1)[0]]
                if _NAME_SLOT in line or _PATH_SLOT in line else line
                for line in self.heads[lang]]

    def plan(self, items, lang: str = "fi") -> bytes:
        name = f"{_labels(lang)['calendar']}: {localized(self.ctx.county, lang)}"
        return self.feed(items, name=name, path=plan_feed_path(self.ctx.plan_id, lang), lang=lang)

    def organiser(self, items, organiser_id: str, lang: str = "fi") -> bytes:
        own = [item for item in items if organiser_id in item.organisers]
        org = localized(self.ctx.organiser_names.get(organiser_id, organiser_id), lang)
        name = f"{_labels(lang)['calendar']}: {org} ({localized(self.ctx.county, lang)})"
        return self.feed(own, name=name, lang=lang,
                         path=organiser_feed_path(self.ctx.plan_id, organiser_id, lang))

    def item(self, item: CalendarItem, lang: str = "fi") -> bytes:
        return self.feed([item], name=localized(item.title, lang), lang=lang,
                         path=item_ics_path(self.ctx.plan_id, item.id, lang))


def plan_feed(items, ctx: FeedContext, lang: str = "fi") -> bytes:
    return _Writer(ctx).plan(items, lang)


def organiser_feed(items, ctx: FeedContext, organiser_id: str, lang: str = "fi") -> bytes:
    return _Writer(ctx).organiser(items, organiser_id, lang)


def item_feed(item: CalendarItem, ctx: FeedContext, lang: str = "fi") -> bytes:
    return _Writer(ctx).item(item, lang)


def feed_files(items, ctx: FeedContext, languages=("fi",)) -> list[tuple[str, bytes]]:
    """Every feed of one plan as (site path, bytes), in a fixed order: per language the
    whole year-clock, each organiser's feed and each item's file."""
    writer = _Writer(ctx)
    files = []
    for lang in feed_languages(languages):
        files.append((plan_feed_path(ctx.plan_id, lang), writer.plan(items, lang)))
        files += [(organiser_feed_path(ctx.plan_id, org, lang), writer.organiser(items, org, lang))
                  for org in feed_organisers(items)]
        files += [(item_ics_path(ctx.plan_id, item.id, lang), writer.item(item, lang))
                  for item in items if item.in_feed]
    return files
