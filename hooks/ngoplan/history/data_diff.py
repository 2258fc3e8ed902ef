"""Two versions of one data file -> Finnish sentences a reader understands.

Each sentence names the entity and the field that changed ("Toimielin ”JANE”,
järjestöpaikat (kokoonpano): ennen 16, nyt 18.") and gives the new text whole; a change
that only touches punctuation, capitals or spacing says that the wording was clarified.
Field titles and enum labels come from the JSON Schemas and the message catalogue, so
no English key or code reaches a reader. Ids read as the names the entities had at that
revision (a Names object per revision, passed in).

Personal data: values of personal fields (a person's name, an e-mail address) are never
shown as old values, and a value that is no longer anywhere in the current data is not
shown at all (Names.hidden).

It compares the files' mappings, not the plan records (ngoplan.model): an old revision
need not pass today's schema, and the walk follows the schema key by key, whatever kind.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from ..kinds import MAIN_LISTS, NOUNS_FI
from ..text import is_unknown
from ..check.schemawalk import Schema
from .fields import WORDING_FIELDS, PersonalFields, enum_labels
from .names import BROKEN, Names, Parsed, parse, text_of
from .words import ValueWords

# Entities' nouns from the kinds table, and those of lists inside entities.
ENTITY_NOUNS = MappingProxyType({
    **NOUNS_FI, "sections": "osio", "indicators": "mittari", "contacts": "yhteystieto",
    "channels": "kanava",
})
SHORT = 70  # texts up to this long read as values ("ennen …, nyt …")
_WORDS = re.compile(r"\w+")


def describe_data_change(kind: str, before: bytes | None, after: bytes | None,
                         path: str = "", names: Names | dict | None = None,
                         parsed: Parsed | None = None) -> list[str]:
    """Finnish sentences for the difference between two versions of one data file; names
    (a Names, or a dict id -> name at that revision) turn references into names."""
    if not isinstance(names, Names):
        names = Names(names)
    read = parsed or parse
    old, new = read(path or kind, before), read(path or kind, after)
    return DataDiff(kind, names.with_own(old, new)).describe(old, new, before != after)


class DataDiff(ValueWords):
    """One data kind's schema and one revision's names: compares two parsed versions."""

    def __init__(self, kind: str, names: Names):
        self.schema = Schema(kind)
        self.is_personal = PersonalFields(self.schema, kind)
        self.names = names
        self.kind_title = self.schema.title(self.schema.top(), kind)

    def describe(self, old, new, differ: bool = True) -> list[str]:
        if old is BROKEN or new is BROKEN:
            return [f"Tietoja muutettiin: {self.kind_title}."] if differ else []
        if old is None and new is None:
            return []
        if old is None:
            return [f"Tiedot lisättiin: {self.kind_title}{_count_note(new)}."]
        if new is None:
            return [f"Tiedot poistettiin: {self.kind_title}."]
        out: list[str] = []
        self.compare(self.schema.top(), self.kind_title, [], "", old, new, out)
        return out

    # --- structure ---------------------------------------------------------------------

    def compare(self, node, subject: str, titles: list[str], key, old, new, out: list[str]):
        """Compare old and new at one place; key is the data key of that place."""
        if old == new:
            return
        schema = self.schema
        if self.is_personal(node):
            self.personal(subject, titles, old, new, out)
            return
        if isinstance(old, dict) and isinstance(new, dict) and not _is_leaf_map(old, new):
            if key == "timing" and _is_timing(old, new):
                before, after = self.timing(old, node), self.timing(new, node)
                if before != after:
                    out.append(_line(subject, titles, f"ennen {before}, nyt {after}"))
                    return
            for name in list(old) + [k for k in new if k not in old]:
                if name in WORDING_FIELDS:
                    continue
                child = schema.child(node, name)
                # A reading mark's value is the field itself: "järjestöpaikat", not "määrä".
                reading_value = name == "value" and any(isinstance(v, dict) and "reading" in v for v in (old, new))
                self.compare(child, subject, titles if reading_value else titles + [schema.title(child, name)],
                          name, old.get(name), new.get(name), out)
            return
        if isinstance(old, list) and isinstance(new, list) or \
                old is None and isinstance(new, list) or new is None and isinstance(old, list):
            self.compare_list(node, subject, titles, key, old or [], new or [], out)
            return
        self.leaf(node, subject, titles, old, new, out)

    def compare_list(self, node, subject, titles, key, old: list, new: list, out):
        schema = self.schema
        item = schema.child(node, 0)
        if (_is_entity_list(old) or _is_entity_list(new)) and \
                all(isinstance(v, dict) and "id" in v for v in old + new):
            noun = ENTITY_NOUNS.get(key)
            before = {e["id"]: e for e in old}
            after = {e["id"]: e for e in new}

            def said(verb, entity, extra=""):
                name = self.entity_name(item, entity)
                if noun:
                    return f"{verb.capitalize()} {noun} {name}{extra}."
                return _line(subject, titles, f"{verb} {name}{extra}")

            for ident, entity in after.items():
                if ident not in before:
                    extra = ""
                    if isinstance(entity.get("timing"), dict):
                        extra = f" ({self.timing(entity['timing'], schema.child(item, 'timing'))})"
                    out.append(said("lisättiin", entity, extra))
            for ident, entity in before.items():
                if ident not in after:
                    out.append(said("poistettiin", entity))
            for ident, entity in after.items():
                if ident in before and before[ident] != entity:
                    name = self.changed_entity_name(item, before[ident], entity)
                    if name is None:
                        title = titles[-1] if titles else (noun or "kohta")
                        name = title[:1].lower() + title[1:]
                        if noun:
                            name = ""
                    name = (f"{noun[:1].upper()}{noun[1:]} {name}".rstrip() if noun
                            else f"{subject}, {name}")
                    self.compare(item, name, [], ident, before[ident], entity, out)
            return
        if all(not isinstance(v, (dict, list)) for v in old + new):
            if self.is_personal(item):
                self.personal(subject, titles, old, new, out)
                return
            labels = enum_labels(node)
            ref = schema.is_ref(node)
            added = [v for v in new if v not in old]
            removed = [v for v in old if v not in new]
            parts = []
            if added:
                parts.append("lisättiin " + ", ".join(self.short(v, labels, ref) for v in added))
            if removed:
                parts.append("poistettiin " + ", ".join(self.short(v, labels, ref) for v in removed))
            if parts:
                out.append(_line(subject, titles, "; ".join(parts)))
            return
        if not old or not new:
            values = new or old
            verb = "lisättiin" if new else "poistettiin"
            words = [self.summary(item, v) and f"”{self.summary(item, v)}”"
                     or isinstance(v, dict) and self.entry_words(item, v) for v in values]
            if len(values) <= 5 and all(words):
                out.append(_line(subject, titles, f"{verb} " + "; ".join(words)))
            else:
                what = "1 kohta" if len(values) == 1 else f"{len(values)} kohtaa"
                out.append(_line(subject, titles, f"{verb} {what}"))
            return
        if len(old) == len(new):
            for a, b in zip(old, new):
                place = self.place(item, titles, a, b)
                self.compare(item, f"{subject}, {place}", [], key, a, b, out)
            return
        for values, other, verb in ((new, old, "lisättiin"), (old, new, "poistettiin")):
            for value in values:
                if value not in other:
                    text = self.summary(item, value)
                    if text:
                        out.append(_line(subject, titles, f"{verb} ”{text}”"))
                    elif isinstance(value, dict) and self.entry_words(item, value):
                        out.append(_line(subject, titles, f"{verb} {self.entry_words(item, value)}"))
                    else:
                        out.append(_line(subject, titles, f"{verb} kohta"))

    def personal(self, subject, titles, old, new, out):
        """A person's name or address: the old value is never repeated, and a new one only
        while the current data still holds it."""
        values = new if isinstance(new, list) else [new]
        shown = [text_of(v) for v in values if text_of(v) and text_of(v) not in self.names.hidden]
        if new is None or new == [] or is_unknown(new):
            out.append(_line(subject, titles, "tieto poistettiin"))
        elif len(shown) == len(values) and shown:
            out.append(_line(subject, titles, "nyt " + ", ".join(f"”{v}”" for v in shown)))
        else:
            out.append(_line(subject, titles, "tieto muuttui"))

    def leaf(self, node, subject, titles, old, new, out):
        labels = enum_labels(node)
        ref = self.schema.is_ref(node)
        for value, other, verb in ((old, new, "lisättiin"), (new, old, "poistettiin")):
            if value is None and isinstance(other, dict) and not _is_leaf_map(other, other) \
                    and text_of(other) is None:
                out.append(_line(subject, titles, f"tiedot {verb}"))
                return
        if _is_long(old) or _is_long(new):
            change = _text_change(old, new)
            if change:
                out.append(_line(subject, titles, change))
            return
        before, after = (self.entry_words(node, v) if isinstance(v, dict) and text_of(v) is None
                         and not _is_leaf_map(v, v) and self.entry_words(node, v)
                         else self.short(v, labels, ref) for v in (old, new))
        if labels is not None and "muu arvo" in (before, after):
            out.append(_line(subject, titles, "tietoa muutettiin"))
            return
        if before == after:  # the same for a reader: a new reason for an unknown, {fi: x} -> x
            return
        out.append(_line(subject, titles, f"ennen {before}, nyt {after}"))


def _count_note(value) -> str:
    """' (12 kohtaa)' for a file whose main content is one list of entities."""
    if isinstance(value, dict):
        for key in MAIN_LISTS:
            if isinstance(value.get(key), list):
                count = len(value[key])
                return " (1 kohta)" if count == 1 else f" ({count} kohtaa)"
    return ""


def _is_entity_list(value) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value))


def _label(titles: list[str]) -> str:
    """The changed field's Finnish title; its parent's title in brackets when nested
    ('järjestöpaikat (kokoonpano)', 'nimi (ruotsiksi)')."""
    if not titles:
        return ""
    inner = titles[-1]
    if len(titles) == 1:
        return inner
    if inner in ("suomeksi", "ruotsiksi", "englanniksi"):
        return f"{titles[-2]} ({inner})"
    if inner.lower() == titles[-2].lower():  # composition.text is 'kokoonpano' in 'kokoonpano'
        return inner
    return f"{inner} ({titles[-2][:1].lower()}{titles[-2][1:]})"


def _line(subject: str, titles: list[str], rest: str) -> str:
    label = _label(titles)
    # A goal's text is titled "Tavoite" like the goal itself: "Tavoite, tavoite: …" says it twice.
    if label and label.casefold() != subject.casefold():
        label = label[:1].lower() + label[1:]
        return f"{subject}, {label}: {rest}."
    return f"{subject}: {rest}."


def _is_leaf_map(old: dict, new: dict) -> bool:
    """Maps shown as one value: {unknown: ...}, {min, max}, {document, section}."""
    for value in (old, new):
        keys = set(value)
        if "unknown" in keys or keys <= {"min", "max"} or keys <= {"document", "section", "note"}:
            return True
    return False


def _is_timing(old: dict, new: dict) -> bool:
    forms = {"exact", "all_day", "recurring", "approximate", "rhythm"}
    return len(old) == 1 and len(new) == 1 and set(old) <= forms and set(new) <= forms


def _is_long(value) -> bool:
    text = text_of(value)
    return text is not None and (len(text) > SHORT or "\n" in text.strip())


def only_rewording(before: str, after: str) -> bool:
    """The same words in the same order; only punctuation, capitals or spacing differ."""
    return _WORDS.findall(before.lower()) == _WORDS.findall(after.lower())


def _text_change(old, new) -> str | None:
    """A long text's change: the new text whole, or that the wording was clarified;
    None when nothing a reader sees changed (spacing, line breaks)."""
    before, after = text_of(old), text_of(new)
    if after is None:
        return "teksti poistettiin"
    whole = " ".join(after.split())
    if before is None:
        return f"uusi teksti ”{whole}”"
    if " ".join(before.split()) == whole:
        return None
    if only_rewording(before, after):
        return "sanamuotoa tarkennettiin"
    return f"uusi teksti ”{whole}”"


