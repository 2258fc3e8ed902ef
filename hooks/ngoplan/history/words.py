"""A data value or a listed entity as the words a change sentence uses: Finnish dates,
labels for codes, names for ids, 'ei tiedossa', a timing as the year-clock says it, an
entry named by its own words. DataDiff builds its sentences on these (ValueWords is its
base: the schema, the revision's names and the personal fields are the diff's)."""

from __future__ import annotations

import re

from ..text import fi_date, is_unknown, localized
from .fields import WORDING_FIELDS, enum_labels
from .names import HIDDEN, NAME_KEYS, text_of

_SUMMARY_KEYS = ("text", "title", "name", "wording", "summary", "description")
_PLACE_KEYS = ("section", "title", "name", "label", "year", "document", "role")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATETIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})")


class ValueWords:
    """Words for values of one data kind at one revision; set by the subclass: schema
    (check.schemawalk.Schema), names (names.Names), is_personal (fields.PersonalFields)."""

    def place(self, item, titles, old, new) -> str:
        """A list entry as a phrase: 'pykälä 7 §', 'nimi ”X”' or the list's title, never
        its position."""
        schema = self.schema
        for value in (new, old):
            if isinstance(value, dict):
                for key in _PLACE_KEYS:
                    raw = value.get(key)
                    if raw is None or isinstance(raw, bool) or is_unknown(raw):
                        continue
                    text = text_of(raw) or (str(raw) if isinstance(raw, int) else None)
                    if text:
                        child = schema.child(item, key)
                        if self.is_personal(child) and (
                                value is old or text in self.names.hidden
                                or isinstance(old, dict) and old.get(key) != raw):
                            continue  # never an old name; a changed name is the change
                        title = schema.title(child, "").lower()
                        if key == "document":
                            text = self.names.name(text)
                        if key == "section" and title:
                            return f"{title} {text}"  # 'pykälä 7 §'
                        return f"{title} ”{text}”" if title else f"”{text}”"
        if isinstance(old, dict) and isinstance(new, dict):
            # Named by words that did not change (the changed words are the news), if short.
            same = {k: v for k, v in new.items() if old.get(k) == v}
            text = self.summary(item, same)
            if text and len(text) <= 80:
                return f"kohta ”{text}”"
        list_title = titles[-1] if titles else "kohta"
        return list_title[:1].lower() + list_title[1:]

    def changed_entity_name(self, item, old: dict, new: dict) -> str | None:
        """A changed entity's ”name”: its name now (or before, when the name went), else
        its own words that did not change (changed words are the news, not a name)."""
        for value in (new, old):
            for key in NAME_KEYS:
                if key in value and not is_unknown(value[key]) and text_of(value[key]):
                    child = self.schema.child(item, key)
                    if self.is_personal(child) and (value is old or
                                                           localized(value[key]) in self.names.hidden):
                        continue
                    return f"”{localized(value[key])}”"
        same = {k: v for k, v in new.items() if old.get(k) == v and k != "id"}
        if same:
            name = self.entity_name(item, {**same, "id": ""})
            return None if name == "””" else name
        return None

    def entity_name(self, item, entity: dict) -> str:
        """”Name” of a listed entity; a person's name only while the current data has it
        (”id” when it has no name or words)."""
        for key in NAME_KEYS:
            if key in entity and not is_unknown(entity[key]):
                name = localized(entity[key])
                if self.is_personal(self.schema.child(item, key)) and name in self.names.hidden:
                    return HIDDEN
                return f"”{name}”"
        if isinstance(entity.get("entity"), str):  # a channel named by its entity
            return f"”{self.names.name(entity['entity'])}”"
        for key in ("what", *_SUMMARY_KEYS):  # no name: its own words
            if key in entity and text_of(entity[key]) is not None:
                return f"”{' '.join(text_of(entity[key]).split())}”"
        return f"”{entity.get('id', '')}”"

    def entry_words(self, item, value: dict) -> str:
        """A list entry without a name or text as its fields: 'kuka ”X”, määrä 2'."""
        words = []
        for key, raw in value.items():
            child = self.schema.child(item, key)
            if key in ("id", "source", "note") or key in WORDING_FIELDS or isinstance(raw, (dict, list)) \
                    or self.is_personal(child):
                continue
            words.append(f"{self.schema.title(child, key).lower()} "
                         f"{self.short(raw, enum_labels(child), self.schema.is_ref(child))}")
        return ", ".join(words)

    def summary(self, item, value) -> str | None:
        """A list entry's own words (not a person's name), or None."""
        if isinstance(value, dict):
            for key in _SUMMARY_KEYS:
                if key in value and text_of(value[key]) is not None:
                    if self.is_personal(self.schema.child(item, key)):
                        continue
                    return " ".join(text_of(value[key]).split())
            return None
        if self.is_personal(item):
            return None
        text = text_of(value)
        short = " ".join(text.split()) if text is not None else self.short(value).strip("”")
        return None if short == "muu arvo" else short

    # --- values ------------------------------------------------------------------------

    def short(self, value, labels: dict | None = None, ref: bool = False) -> str:
        """A value as a reader sees it: Finnish dates, labels for codes, names for ids,
        'ei tiedossa'."""
        if value is None:
            return "ei merkitty"
        if is_unknown(value):
            return "ei tiedossa"
        if isinstance(value, bool):
            return "kyllä" if value else "ei"
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, dict) and set(value) <= {"min", "max"}:
            low, high = value.get("min"), value.get("max")
            return str(low) if low == high else f"{low}–{high}"
        if isinstance(value, dict) and "document" in value:
            document = value.get("document")
            document = self.names.name(document) if isinstance(document, str) else document
            return f"{document}, {value.get('section', '')}".strip(", ")
        if isinstance(value, list):
            return ", ".join(self.short(v, labels, ref) for v in value) or "ei mitään"
        text = text_of(value)
        if text is None:
            return "muu arvo"
        if ref:
            return f"”{self.names.name(text)}”"
        if labels is not None:
            return labels.get(text, "muu arvo")  # an enum: never show the English code
        if _DATE.match(text):
            return fi_date(text)
        match = _DATETIME.match(text)
        if match:
            return f"{fi_date(match.group(1))} klo {int(match.group(2))}.{match.group(3)}"
        return f"”{' '.join(text.split())}”"

    def timing(self, value, node) -> str:
        """One timing form in words, as the year-clock would say it."""
        if not isinstance(value, dict) or len(value) != 1:
            return self.short(value)
        (form, spec), = value.items()
        if not isinstance(spec, dict):
            return self.short(spec)
        if form == "exact":
            return self.span(spec.get("start"), spec.get("end"))
        if form == "all_day":
            start, end = spec.get("start"), spec.get("end")
            return self.short(start) if not end or end == start \
                else f"{self.short(start)}–{self.short(end)}"
        if form == "recurring":
            schema = self.schema
            labels = enum_labels(schema.child(schema.child(node, "recurring"), "frequency")) or {}
            often = labels.get(spec.get("frequency"), str(spec.get("frequency")))
            interval = spec.get("interval", 1)
            if interval and interval != 1:
                often += f" ({interval} välein)"
            return (f"{often} {self.span(spec.get('start'), spec.get('end'))} alkaen, "
                    f"viimeistään {self.short(spec.get('until'))}")
        if form in ("approximate", "rhythm"):
            wording = spec.get("wording")
            return "ei tiedossa" if is_unknown(wording) or wording is None \
                else f"”{localized(wording)}”"
        return self.short(spec)

    def span(self, start, end) -> str:
        first, last = self.short(start), self.short(end)
        if isinstance(start, str) and isinstance(end, str) and start[:10] == end[:10] \
                and "klo" in last:
            return f"{first}–{last.split('klo ', 1)[1]}"
        return f"{first} – {last}"
