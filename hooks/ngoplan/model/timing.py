"""The one timing model: calendar items as frozen dataclasses, built from validated
calendar.yaml and plan.yaml.

Parsing assumes the data passed its schema and the cross-file rules (dataset.py): it
turns strings into dates and resolves seasons, nothing more. Text values stay as the
data has them (a string or a {fi, sv, en} map, or {unknown: reason}); read them with
text.localized(). Times are naive local Finnish times; the feed adds the time zone.

The forms, and what each promises:

- Exact: a start and end date-time.                 one occurrence
- AllDay: a day or an inclusive range of days.      one occurrence
- Recurring: a dateutil.rrule expansion.            one occurrence per date
- Approximate: a month or a season of a year (or only the year), as the source words it,
  maybe with an expected count.                     a period, no occurrence
- Rhythm: a frequency without any period ("noin kuusi kertaa vuodessa"), or unknown when
  its wording is {unknown: reason}.                 neither

Pages derive their words, list groups and wheel placements from these records
(parts/timing_view.py); the feeds (ical.py) write them as events. `period()` is what both
agree on: the first and last day an item can fall on, or None when it has no period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from types import MappingProxyType
from typing import Union

from dateutil import rrule

from ..text import is_reading, plain

_FREQUENCIES = MappingProxyType({"weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY, "yearly": rrule.YEARLY})


@dataclass(frozen=True)
class Season:
    id: str
    name: object  # text
    months: tuple[int, ...]  # in order; may run across the new year ([12, 1, 2])


@dataclass(frozen=True)
class Occurrence:
    """One time an item happens: date-times for timed forms, dates for all-day ones
    (end inclusive, as the data says)."""

    start: dt.date | dt.datetime
    end: dt.date | dt.datetime


@dataclass(frozen=True)
class Exact:
    start: dt.datetime
    end: dt.datetime
    form = "exact"

    def occurrences(self) -> tuple[Occurrence, ...]:
        return (Occurrence(self.start, self.end),)

    def period(self) -> tuple[dt.date, dt.date]:
        return self.start.date(), self.end.date()


@dataclass(frozen=True)
class AllDay:
    start: dt.date
    last: dt.date  # inclusive, as the data says; the feed's DTEND is the day after
    form = "all_day"

    def occurrences(self) -> tuple[Occurrence, ...]:
        return (Occurrence(self.start, self.last),)

    def period(self) -> tuple[dt.date, dt.date]:
        return self.start, self.last


@dataclass(frozen=True)
class Recurring:
    start: dt.datetime  # first occurrence
    end: dt.datetime
    frequency: str  # weekly | monthly | yearly
    interval: int
    until: dt.date  # last possible day (inclusive)
    skipped: tuple[dt.date, ...]  # the data's `except`
    form = "recurring"

    def rule(self) -> rrule.rrule:
        """The RFC 5545 rule the feed writes as RRULE (a month without the start's day is
        skipped, as RFC 5545 and dateutil both do)."""
        return rrule.rrule(_FREQUENCIES[self.frequency], dtstart=self.start, interval=self.interval,
                           until=dt.datetime.combine(self.until, dt.time.max))

    def occurrences(self, limit: int = 1000) -> tuple[Occurrence, ...]:
        """Every occurrence from start to until, minus the skipped dates (at most limit)."""
        duration = self.end - self.start
        skipped = set(self.skipped)
        found = []
        for start in self.rule():
            if len(found) >= limit:
                break
            if start.date() not in skipped:
                found.append(Occurrence(start, start + duration))
        return tuple(found)

    def period(self) -> tuple[dt.date, dt.date] | None:
        found = self.occurrences()
        return (found[0].start.date(), found[-1].end.date()) if found else None


@dataclass(frozen=True)
class Approximate:
    year: int
    wording: object  # text, as the source words it
    month: int | None = None
    season: Season | None = None
    count: tuple[int, int] | None = None
    form = "approximate"

    def occurrences(self) -> tuple[Occurrence, ...]:
        return ()  # a period, not a time: nobody knows the day

    @property
    def months(self) -> tuple[int, ...]:
        """The months the source's period covers, in order; () when only the year is known."""
        if self.month is not None:
            return (self.month,)
        if self.season is not None:
            return self.season.months
        return ()

    def span(self) -> tuple[dt.date, dt.date]:
        """First day and the day after the last day of the month, season or year."""
        months = self.months or (1, 12)
        first_month, last_month = months[0], months[-1]
        start = dt.date(self.year, first_month, 1)
        # A season written across the new year (e.g. [11, 12, 1]) ends in the next year.
        end_year = self.year + (1 if last_month < first_month else 0)
        end = (dt.date(end_year + 1, 1, 1) if last_month == 12
               else dt.date(end_year, last_month + 1, 1))
        return start, end

    def period(self) -> tuple[dt.date, dt.date] | None:
        """The month's or season's days; None for a year alone (no period to place)."""
        if not self.months:
            return None
        start, after = self.span()
        return start, after - dt.timedelta(days=1)


@dataclass(frozen=True)
class Rhythm:
    wording: object  # text or {unknown: reason}
    per_year: tuple[int, int] | None = None
    form = "rhythm"

    @property
    def unknown(self) -> bool:
        """Not even a rhythm is known (the source does not say how often)."""
        return isinstance(self.wording, dict) and "unknown" in self.wording

    def occurrences(self) -> tuple[Occurrence, ...]:
        return ()

    def period(self) -> None:
        return None


Timing = Union[Exact, AllDay, Recurring, Approximate, Rhythm]


@dataclass(frozen=True)
class CalendarItem:
    id: str
    title: object
    kind: str
    organisers: tuple[str, ...]
    audience: tuple[str, ...]
    mode: str
    status: str  # scheduled | tentative | cancelled
    timing: Timing
    source: dict
    place: object = None  # text, {unknown: reason} or None when not given
    description: object = None
    updated: dt.date | None = None
    links: tuple = ()
    belongs_to: str | None = None  # the body or network whose meeting this is
    # Room for the language-and-truth work: a field-level reading mark (field name -> why
    # the value is a reading, not the source's words) sits beside `unknown`; keep it a
    # defaulted field so that every record stays valid without it.
    readings: tuple = field(default=(), compare=False)

    @property
    def in_feed(self) -> bool:
        """Rhythms without any period are described on the page, never put in a feed."""
        return not isinstance(self.timing, Rhythm)

    @property
    def placed(self) -> bool:
        """The item has a period: it is drawn on the year-wheel's months."""
        return self.timing.period() is not None


def _count(value) -> tuple[int, int] | None:
    return None if value is None else (value["min"], value["max"])


def parse_seasons(plan: dict) -> dict[str, Season]:
    return {s["id"]: Season(s["id"], s["name"], tuple(s["months"])) for s in plan.get("seasons", [])}


def parse_timing(timing: dict, seasons: dict[str, Season]) -> Timing:
    (form, value), = timing.items()  # the schema allows exactly one form
    if form == "exact":
        return Exact(dt.datetime.fromisoformat(value["start"]), dt.datetime.fromisoformat(value["end"]))
    if form == "all_day":
        start = dt.date.fromisoformat(value["start"])
        return AllDay(start, dt.date.fromisoformat(value["end"]) if "end" in value else start)
    if form == "recurring":
        return Recurring(dt.datetime.fromisoformat(value["start"]),
                         dt.datetime.fromisoformat(value["end"]),
                         value["frequency"], value.get("interval", 1),
                         dt.date.fromisoformat(value["until"]),
                         tuple(dt.date.fromisoformat(d) for d in value.get("except", [])))
    if form == "approximate":
        season = seasons.get(value["season"]) if "season" in value else None
        return Approximate(value["year"], value["wording"], value.get("month"), season,
                           _count(value.get("count")))
    if form == "rhythm":
        return Rhythm(value["wording"], _count(value.get("per_year")))
    raise ValueError(f"unknown timing form {form}")


def parse_item(item: dict, seasons: dict[str, Season]) -> CalendarItem:
    return CalendarItem(
        id=item["id"], title=item["title"], kind=item["kind"],
        organisers=tuple(plain(item["organisers"])), audience=tuple(item["audience"]),
        mode=item["mode"], status=item["status"],
        timing=parse_timing(item["timing"], seasons), source=item["source"],
        place=item.get("place"), description=item.get("description"),
        updated=dt.date.fromisoformat(item["updated"]) if "updated" in item else None,
        links=tuple(item.get("links", ())), belongs_to=item.get("belongs_to"),
        readings=tuple((key, value["reading"]) for key, value in item.items() if is_reading(value)))


def parse_items(calendar: dict | None, plan: dict) -> tuple[CalendarItem, ...]:
    """All items of a plan's calendar.yaml value (None when the plan has no calendar yet)."""
    if not calendar:
        return ()
    seasons = parse_seasons(plan)
    return tuple(parse_item(item, seasons) for item in calendar.get("items", []))
