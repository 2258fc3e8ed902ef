"""RFC 5545 bytes and the one time zone: lines folded at 75 octets, a calendar component
serialised with CRLF, and Europe/Helsinki as a compact RRULE-based VTIMEZONE."""

from __future__ import annotations

import datetime as dt

TZID = "Europe/Helsinki"
FOLD_LIMIT = 75  # octets per line, CRLF excluded


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


def lines(component) -> list[str]:
    return [fold(str(line)) for line in component.content_lines() if str(line)]


def serialize(calendar) -> bytes:
    return ("\r\n".join(lines(calendar)) + "\r\n").encode("utf-8")


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


def local(value: dt.datetime):
    from zoneinfo import ZoneInfo

    return value.replace(tzinfo=ZoneInfo(TZID))
