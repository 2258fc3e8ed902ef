"""Which fields of a data kind a data diff treats specially, read from its JSON Schema
(the one walker, check.schemawalk): personal fields, whose values are never repeated, and
enum fields, whose codes read as Finnish labels."""

from __future__ import annotations

import re

from ..web import i18n
from ..check import schemas
from ..check.schemawalk import Schema
from .names import LANGUAGE_KEYS, BROKEN

# Fields that hold a person's name (beside every e-mail field, found by its schema type):
# (data kind, keys from the file's top, list positions left out).
PERSONAL_FIELDS = frozenset({("plan", "authors", "name"), ("plan", "contacts", "holder"),
                   ("plan", "contacts", "deputy")})
# Fields that only steer how the site's sentences are formed (a plural name), not facts.
WORDING_FIELDS = frozenset({"plural"})
_ENUM_LABEL = re.compile(r"([A-Za-z0-9_]+) = ([^,.;]+)")


def personal_values(kind: str, value) -> set[str]:
    """Every value of a personal field in one parsed data file (names, e-mail addresses),
    in each of its languages."""
    schema = Schema(kind)
    found: set[str] = set()
    if value is not None and value is not BROKEN:
        for _node, data in schema.find(value, PersonalFields(schema, kind)):
            if isinstance(data, str):
                found.add(data)
            elif isinstance(data, dict) and set(data) <= LANGUAGE_KEYS:
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
