"""What a data diff may say about ids and people at one revision: the names of the
plan's entities by id (Names), the personal values that must not be shown (Names.hidden),
and data files parsed once by their bytes (Parsed)."""

from __future__ import annotations

from ..check.yamlload import load
from ..text import is_unknown, localized

NAME_KEYS = ("title", "name", "short_name", "role", "label")
LANGUAGE_KEYS = frozenset({"fi", "sv", "en"})
HIDDEN = "(henkilötieto poistettu)"


class Names:
    """What a description may say about ids and people at one revision: id -> name of
    the plan's entities, and the personal values that must not be shown (hidden)."""

    def __init__(self, names: dict[str, str] | None = None, hidden=frozenset()):
        self.by_id = dict(names or {})
        self.hidden = frozenset(hidden)

    def name(self, ident: str) -> str:
        found = self.by_id.get(ident, ident)
        if found.startswith(_ALIAS):  # a channel named by its entity: the entity's name
            found = self.by_id.get(found[len(_ALIAS):], found[len(_ALIAS):])
        return found

    def with_own(self, *values) -> "Names":
        """These names plus those the described file's own versions give."""
        merged = dict(self.by_id)
        for value in values:
            if value is not None and value is not BROKEN:
                for ident, name in names_in(value).items():
                    merged.setdefault(ident, name)
        return Names(merged, self.hidden)


def parse(name: str, raw: bytes | None):
    if raw is None:
        return None
    doc, findings = load(name, raw)
    return doc.value if doc.complete and not findings else BROKEN


BROKEN = object()
_ALIAS = "\0entity:"  # names_in's mark for an entry whose name is its entity's


def names_in(value, found: dict[str, str] | None = None) -> dict[str, str]:
    """id -> Finnish name of every named entity anywhere in a parsed data file."""
    found = {} if found is None else found
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            for key in NAME_KEYS:
                if key in value and not is_unknown(value[key]) and text_of(value[key]):
                    found[value["id"]] = text_of(value[key])
                    break
            else:
                if isinstance(value.get("entity"), str):
                    found.setdefault(value["id"], _ALIAS + value["entity"])
        for child in value.values():
            names_in(child, found)
    elif isinstance(value, list):
        for child in value:
            names_in(child, found)
    return found


class Parsed:
    """Parsed data files by their bytes: a history reads each version once, though it
    compares it twice and takes names from it."""

    def __init__(self):
        self.values: dict[bytes, object] = {}

    def __call__(self, name: str, raw: bytes | None):
        if raw is None:
            return None
        if raw not in self.values:
            self.values[raw] = parse(name, raw)
        return self.values[raw]


def text_of(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and set(value) <= LANGUAGE_KEYS and "fi" in value:
        return localized(value)
    return None

