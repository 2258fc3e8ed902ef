"""Year-clock iCalendar feeds: calendar items -> RFC 5545 bytes. Pure; knows nothing of MkDocs.
The feeds are assembled here from events (events.py), paths (paths.py) and the byte-level
format and time zone (icsformat.py).

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
- Europe/Helsinki is a compact RRULE-based VTIMEZONE written in icsformat (icalendar's generated
  RDATE-list form is mishandled by Outlook); it is always present, so even a feed without
  events has one component, as RFC 5545 requires.
- Folding is done in icsformat, not by icalendar: at most 75 octets a line, never inside a UTF-8
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

import datetime as dt

from ..model.timing import CalendarItem
from ..text import localized
from .events import FeedContext, build_event, feed_labels, feed_languages
from .icsformat import TZID, helsinki_timezone, lines as _lines
from .paths import item_ics_path, organiser_feed_path, page_path, plan_feed_path

PRODID = "-//Järjestöyhteistyön suunnitelmat//vuosikello//FI"


def feed_organisers(items) -> list[str]:
    """Organisers with at least one item in the feed (rhythm-only organisers get none)."""
    return sorted({org for item in items if item.in_feed for org in item.organisers})


def _calendar_head(ctx: FeedContext, name: str, path: str, lang: str):
    from icalendar import Calendar, vDuration

    labels = feed_labels(lang)
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
        name = f"{feed_labels(lang)['calendar']}: {localized(self.ctx.county, lang)}"
        return self.feed(items, name=name, path=plan_feed_path(self.ctx.plan_id, lang), lang=lang)

    def organiser(self, items, organiser_id: str, lang: str = "fi") -> bytes:
        own = [item for item in items if organiser_id in item.organisers]
        org = localized(self.ctx.organiser_names.get(organiser_id, organiser_id), lang)
        name = f"{feed_labels(lang)['calendar']}: {org} ({localized(self.ctx.county, lang)})"
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


def _feeds(plan_id: str, items, languages):
    """(site path, what the feed holds) of every feed of one plan, in a fixed order: per
    language the whole year-clock, each organiser's feed and each item's file."""
    for lang in feed_languages(languages):
        yield plan_feed_path(plan_id, lang), ("plan", None, lang)
        for org in feed_organisers(items):
            yield organiser_feed_path(plan_id, org, lang), ("organiser", org, lang)
        for item in items:
            if item.in_feed:
                yield item_ics_path(plan_id, item.id, lang), ("item", item, lang)


def feed_paths(plan_id: str, items, languages=("fi",)) -> list[str]:
    """The site paths feed_files() gives, in its order, without making any feed."""
    return [path for path, _ in _feeds(plan_id, items, languages)]


def feed_files(items, ctx: FeedContext, languages=("fi",)) -> list[tuple[str, bytes]]:
    """Every feed of one plan as (site path, bytes), in the order of feed_paths()."""
    writer = _Writer(ctx)
    files = []
    for path, (kind, what, lang) in _feeds(ctx.plan_id, items, languages):
        if kind == "plan":
            files.append((path, writer.plan(items, lang)))
        elif kind == "organiser":
            files.append((path, writer.organiser(items, what, lang)))
        else:
            files.append((path, writer.item(what, lang)))
    return files
