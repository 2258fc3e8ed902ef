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
"""

from __future__ import annotations

import re
from types import MappingProxyType

from ..web import i18n
from ..check import schemas
from ..kinds import MAIN_LISTS, NOUNS_FI
from ..text import fi_date, is_unknown, localized
from ..check.schemawalk import Schema
from ..check.yamlload import load

# Entities' nouns from the kinds table, and those of lists inside entities.
ENTITY_NOUNS = MappingProxyType({
    **NOUNS_FI, "sections": "osio", "indicators": "mittari", "contacts": "yhteystieto",
    "channels": "kanava",
})
# Fields that hold a person's name (beside every e-mail field, found by its schema type):
# (data kind, keys from the file's top, list positions left out).
PERSONAL_FIELDS = frozenset({("plan", "authors", "name"), ("plan", "contacts", "holder"),
                   ("plan", "contacts", "deputy")})
# Fields that only steer how the site's sentences are formed (a plural name), not facts.
WORDING_FIELDS = frozenset({"plural"})
SHORT = 70  # texts up to this long read as values ("ennen …, nyt …")
NAME_KEYS = ("title", "name", "short_name", "role", "label")
_SUMMARY_KEYS = ("text", "title", "name", "wording", "summary", "description")
_PLACE_KEYS = ("section", "title", "name", "label", "year", "document", "role")
_LANGS = frozenset({"fi", "sv", "en"})
_ENUM_LABEL = re.compile(r"([A-Za-z0-9_]+) = ([^,.;]+)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATETIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})")
_WORDS = re.compile(r"\w+")
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


def personal_values(kind: str, value) -> set[str]:
    """Every value of a personal field in one parsed data file (names, e-mail addresses),
    in each of its languages."""
    schema = Schema(kind)
    found: set[str] = set()
    if value is not None and value is not BROKEN:
        for _node, data in schema.find(value, PersonalFields(schema, kind)):
            if isinstance(data, str):
                found.add(data)
            elif isinstance(data, dict) and set(data) <= _LANGS:
                found.update(v for v in data.values() if isinstance(v, str))
    return {text for text in found if text.strip()}


class PersonalFields:
    """Which nodes of a data kind's schema hold a person's name or an e-mail address."""

    def __init__(self, schema: Schema, kind: str):
        self.ids = set()
        for field_kind, *keys in PERSONAL_FIELDS:
            node = schema.top() if field_kind == kind else None
            for key in keys:
                node = schema.child(node, key)
                if node is not None and "items" in schemas.resolve(*node)[0]:
                    node = schema.child(node, 0)
            if node is not None:
                self.ids.add(id(node[0]))

    def __call__(self, node) -> bool:
        """A person's name or an e-mail address."""
        if node is None:
            return False
        schema, _root = node
        return id(schema) in self.ids or str(schema.get("$ref", "")).endswith("/$defs/email")


def enum_labels(node) -> dict[str, str] | None:
    """Finnish labels of enum values, from descriptions like 'a = yksi, b = kaksi' on the
    field or its list items; None when the field is not an enum."""
    if node is None:
        return None
    schema, root = schemas.resolve(*node)
    text = schema.get("description", "")
    if "enum" not in schema and isinstance(schema.get("items"), dict):
        schema, root = schemas.resolve(schema["items"], root)
        text += " " + schema.get("description", "")
    if "enum" not in schema:
        return None
    # The schema text may explain a code ('ei tiedossa (lähde ei kerro)'): readers get
    # the short name only, from the message catalogue when it names every code.
    labels = {k: re.sub(r"\s*\(.*", "", v).strip() for k, v in _ENUM_LABEL.findall(text)}
    group = _catalogue_group(schema["enum"])
    if group:
        labels.update({code: i18n.label(group, code, i18n.MAIN) for code in schema["enum"]
                       if isinstance(code, str)})
    return labels


def _catalogue_group(codes) -> str | None:
    """The smallest message-catalogue label group that names every code of an enum."""
    wanted = {c for c in codes if isinstance(c, str)}
    if not wanted:
        return None
    groups: dict[str, set[str]] = {}
    for key in i18n.catalogue(i18n.MAIN):
        group, _, code = key.partition(".")
        if code:
            groups.setdefault(group, set()).add(code)
    fits = [g for g, known in groups.items() if wanted <= known]
    return min(fits, key=lambda g: (len(groups[g]), g)) if fits else None




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


class DataDiff:
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
    if label:
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


def text_of(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and set(value) <= _LANGS and "fi" in value:
        return localized(value)
    return None


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


