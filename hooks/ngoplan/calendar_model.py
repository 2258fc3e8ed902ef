"""Calendar items as frozen dataclasses, built from validated calendar.yaml and plan.yaml.

Parsing assumes the data passed its schema and the cross-file rules (dataset.py): it
turns strings into dates and resolves seasons, nothing more. Text values stay as the
data has them (a string or a {fi, sv, en} map, or {unknown: reason}); read them with
text.localized(). Times are naive local Finnish times; the feed adds the time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Season:
    id: str
    name: object  # text
    months: tuple[int, ...]


@dataclass(frozen=True)
class Exact:
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class AllDay:
    start: dt.date
    last: dt.date  # inclusive, as the data says; the feed's DTEND is the day after


@dataclass(frozen=True)
class Recurring:
    start: dt.datetime  # first occurrence
    end: dt.datetime
    frequency: str  # weekly | monthly | yearly
    interval: int
    until: dt.date  # last possible day (inclusive)
    skipped: tuple[dt.date, ...]  # the data's `except`


@dataclass(frozen=True)
class Approximate:
    year: int
    wording: object  # text, as the source words it
    month: int | None = None
    season: Season | None = None
    count: tuple[int, int] | None = None

    def span(self) -> tuple[dt.date, dt.date]:
        """First day and the day after the last day of the month, season or year."""
        if self.month is not None:
            first_month = last_month = self.month
        elif self.season is not None:
            first_month, last_month = self.season.months[0], self.season.months[-1]
        else:
            first_month, last_month = 1, 12
        start = dt.date(self.year, first_month, 1)
        # A season written across the new year (e.g. [11, 12, 1]) ends in the next year.
        end_year = self.year + (1 if last_month < first_month else 0)
        end = (dt.date(end_year + 1, 1, 1) if last_month == 12
               else dt.date(end_year, last_month + 1, 1))
        return start, end


@dataclass(frozen=True)
class Rhythm:
    wording: object  # text or {unknown: reason}
    per_year: tuple[int, int] | None = None


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

    @property
    def in_feed(self) -> bool:
        """Rhythms without any period are described on the page, never put in a feed."""
        return not isinstance(self.timing, Rhythm)


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
        season = seasons[value["season"]] if "season" in value else None
        return Approximate(value["year"], value["wording"], value.get("month"), season,
                           _count(value.get("count")))
    if form == "rhythm":
        return Rhythm(value["wording"], _count(value.get("per_year")))
    raise ValueError(f"unknown timing form {form}")


def parse_item(item: dict, seasons: dict[str, Season]) -> CalendarItem:
    return CalendarItem(
        id=item["id"], title=item["title"], kind=item["kind"],
        organisers=tuple(item["organisers"]), audience=tuple(item["audience"]),
        mode=item["mode"], status=item["status"],
        timing=parse_timing(item["timing"], seasons), source=item["source"],
        place=item.get("place"), description=item.get("description"),
        updated=dt.date.fromisoformat(item["updated"]) if "updated" in item else None,
        links=tuple(item.get("links", ())))


def parse_items(calendar: dict | None, plan: dict) -> tuple[CalendarItem, ...]:
    """All items of a plan's calendar.yaml value (None when the plan has no calendar yet)."""
    if not calendar:
        return ()
    seasons = parse_seasons(plan)
    return tuple(parse_item(item, seasons) for item in calendar.get("items", []))
