"""Human text in the data: plain Finnish strings or {fi, sv, en} maps, and unknowns."""

from __future__ import annotations

import datetime as dt
import html


def localized(value, lang: str = "fi") -> str:
    """The text in one language; Finnish when that language is missing (validated earlier)."""
    if isinstance(value, dict):
        return value.get(lang) or value.get("fi", "")
    return "" if value is None else str(value)


def is_unknown(value) -> bool:
    return isinstance(value, dict) and "unknown" in value


def entries(value) -> list:
    """A list that the data may give as {unknown: reason} (not recorded yet): its entries,
    none while unknown. Pages say which case holds; code that counts or looks up uses this."""
    return [] if value is None or is_unknown(value) else value


def theme_text(text: str) -> str:
    """Text for the theme's templates (page titles, descriptions, navigation titles). The
    theme prints these without escaping (and unescapes titles in <title>), so angle
    brackets become lookalike quotes and the rest is HTML-escaped here."""
    return html.escape(str(text).replace("<", "\u2039").replace(">", "\u203a"), quote=True)


def fi_date(value) -> str:
    """A day the Finnish way: 2025-01-30 (ISO text, or a date) -> 30.1.2025. Other values
    come back as text unchanged."""
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    if not isinstance(value, str) or len(value) < 10:
        return str(value)
    year, month, day = value[:10].split("-")
    return f"{int(day)}.{int(month)}.{year}"


def is_reading(value) -> bool:
    """A value the source does not state word for word: {value: 16, reading: why}. The
    pages show "tulkinta: why" beside it and the open data keeps the same shape."""
    return isinstance(value, dict) and "reading" in value and "value" in value


def plain(value):
    """The value itself, whether or not it is marked as a reading."""
    return value["value"] if is_reading(value) else value
