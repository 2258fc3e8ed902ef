"""Human text in the data: plain Finnish strings or {fi, sv, en} maps, and unknowns."""

from __future__ import annotations


def localized(value, lang: str = "fi") -> str:
    """The text in one language; Finnish when that language is missing (validated earlier)."""
    if isinstance(value, dict):
        return value.get(lang) or value.get("fi", "")
    return "" if value is None else str(value)


def is_unknown(value) -> bool:
    return isinstance(value, dict) and "unknown" in value
