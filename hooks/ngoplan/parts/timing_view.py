"""How the pages show an item's time, derived from the one timing model (model/timing.py):
the site's words, the list group it is filed under, its placements on the year-wheel and
its sort key. Words are in the build language (the catalogue's time.* texts)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..web.i18n import msg
from ..model.timing import AllDay, Approximate, CalendarItem, Exact, Recurring, Season


@dataclass(frozen=True)
class Placement:
    """A shape on the wheel, on a 0..12 month scale from 1 January. `form` is mark (a day),
    arc (a date range) or approx (a month or season); `end` may pass 12 when a season runs
    across the new year."""

    form: str
    start: float
    end: float


@dataclass(frozen=True)
class ItemView:
    item: CalendarItem
    words: str  # the site's own words for the time ("" when only the source's wording is shown)
    words_text: object  # the source's wording (text), or None
    group: tuple  # ("month", m) | ("season", id, first month) | ("unknown",)
    wheel: tuple[Placement, ...]  # empty: the item has no period and stays off the wheel
    sort: tuple

    @property
    def form(self) -> str:
        return self.item.timing.form

    @property
    def approximate(self) -> bool:
        return isinstance(self.item.timing, Approximate)

    @property
    def season(self) -> Season | None:
        return self.item.timing.season if self.approximate else None

    @property
    def months(self) -> frozenset[int]:
        """Months (1..12) the wheel's shapes touch."""
        found = set()
        for shape in self.wheel:
            first = int(shape.start)
            last = max(first, int(shape.end - 1e-9)) if shape.end > shape.start else first
            found.update(m % 12 + 1 for m in range(first, last + 1))
        return frozenset(found)


def month_short(month: int) -> str:
    """The wheel's and month spans' short month name in the build language (tammi, jan)."""
    return msg(f"month_short.{month}")


def month_span(months) -> str:
    months = list(months)
    if not months:
        return ""
    if len(months) == 1:
        return msg(f"month.{months[0]}")
    return msg("time.month_span", first=month_short(months[0]), last=month_short(months[-1]),
               last_full=msg(f"month.{months[-1]}"))


def _d(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def _t(moment: dt.datetime) -> str:
    return f"{moment.hour:02d}.{moment.minute:02d}"


def _frac(day: dt.date, end_of_day: bool = False) -> float:
    """A date's position on the wheel: months elapsed since 1 January (0..12)."""
    days = calendar.monthrange(day.year, day.month)[1]
    return day.month - 1 + (day.day - (0 if end_of_day else 1)) / days


def _runs(months) -> list[tuple[int, int]]:
    """[1,2,3,8,9] -> [(1,3),(8,9)]; [12,1,2] -> [(12,14)]: a season's contiguous runs,
    one run across the new year."""
    runs: list[tuple[int, int]] = []
    for month in months:
        if runs and month == runs[-1][1] % 12 + 1:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((month, month))
    return runs


def item_view(item: CalendarItem) -> ItemView:
    timing = item.timing
    key = item.id
    if isinstance(timing, Exact):
        start, end = timing.start, timing.end
        words = (msg("time.same_day", date=_d(start.date()), start=_t(start), end=_t(end))
                 if start.date() == end.date() else
                 msg("time.range", start_date=_d(start.date()), start=_t(start),
                     end_date=_d(end.date()), end=_t(end)))
        at = _frac(start.date())
        return ItemView(item, words, None, ("month", start.month), (Placement("mark", at, at),),
                        (start.isoformat(timespec="minutes"), key))
    if isinstance(timing, AllDay):
        start, last = timing.start, timing.last
        words = _d(start) if start == last else f"{_d(start)}–{_d(last)}"
        wheel = (Placement("mark", _frac(start), _frac(start)) if start == last
                 else Placement("arc", _frac(start), _frac(last, end_of_day=True)))
        return ItemView(item, words, None, ("month", start.month), (wheel,),
                        (start.isoformat(), key))
    if isinstance(timing, Recurring):
        every = (msg(f"time.every.{timing.frequency}") if timing.interval == 1
                 else msg(f"time.every_n.{timing.frequency}", n=timing.interval))
        words = msg("time.recurring", every=every, start_date=_d(timing.start.date()),
                    start=_t(timing.start), end=_t(timing.end), until=_d(timing.until))
        if timing.skipped:
            words += msg("time.except", dates=", ".join(_d(d) for d in timing.skipped))
        wheel = tuple(Placement("mark", _frac(o.start.date()), _frac(o.start.date()))
                      for o in timing.occurrences())
        return ItemView(item, words, None, ("month", timing.start.month), wheel,
                        (timing.start.isoformat(timespec="minutes"), key))
    if isinstance(timing, Approximate):
        year = timing.year
        if timing.month is not None:
            month = timing.month
            return ItemView(item, msg("time.month_year", month=msg(f"month.{month}"), year=year),
                            timing.wording, ("month", month),
                            (Placement("approx", month - 1, month),),
                            (f"{year}-{month:02d}-00", key))
        if timing.season is not None:
            months = timing.season.months
            return ItemView(item, msg("time.season", year=year, months=month_span(months)),
                            timing.wording, ("season", timing.season.id, months[0]),
                            tuple(Placement("approx", a - 1, b) for a, b in _runs(months)),
                            (f"{year}-{months[0]:02d}-00", key))
        return ItemView(item, msg("time.year_only", year=year), timing.wording, ("unknown",), (),
                        (f"{year}-99", key))
    # A rhythm: described beside the wheel, never placed on it.
    return ItemView(item, "", timing.wording, ("unknown",), (), ("9999", key))
