"""The schema registry: every data file has a schema, every schema is used and helps editors.

Data files are those under data/ (the repository's plans) and tests/invalid/base/ (the
invented plan the invalid fixtures vary). A file's kind is its name: bodies.yaml is
checked against schemas/bodies.schema.json.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from ngoplan.check.schemas import SHARED, SITE_KINDS, kinds, schema_dir

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = schema_dir()
BASE = ROOT / "tests" / "invalid" / "base"
# (folder that stands for data/, file): site kinds directly in it, plan kinds one level down.
DATA_FILES = sorted(
    [(ROOT / "data", p) for p in (ROOT / "data").glob("*.yaml")]
    + [(ROOT / "data", p) for p in (ROOT / "data").glob("*/*.yaml")]
    + [(BASE, p) for p in BASE.glob("*.yaml")]
    + [(BASE, p) for p in BASE.glob("*/*.yaml")])
SCHEMA_FILES = sorted(SCHEMAS.glob("*.schema.json"))
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")
# Words that would give away an untranslated English title or description.
ENGLISH = re.compile(r"\b(the|and|of|is|are|for|with|which|this)\b", re.IGNORECASE)


def _id(item):
    return item[1].relative_to(ROOT).as_posix() if isinstance(item, tuple) else item.name


def _properties(node, where="#"):
    """Every (location, name, property schema) in a schema, however deeply nested."""
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            yield f"{where}/properties/{name}", name, child
        for key, child in node.items():
            yield from _properties(child, f"{where}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _properties(child, f"{where}/{index}")


def test_there_are_data_files_and_schemas():
    assert len(DATA_FILES) > 10
    assert {p.name for p in SCHEMA_FILES} >= {"defs.schema.json", "plan.schema.json",
                                              "site.schema.json", "calendar.schema.json"}


@pytest.mark.parametrize("item", DATA_FILES, ids=_id)
def test_every_data_file_has_a_schema(item):
    top, path = item
    kind = path.stem
    assert kind in kinds(), f"no schemas/{kind}.schema.json"
    if path.parent == top:
        assert kind in SITE_KINDS, f"{kind}.yaml belongs in a plan folder"
    else:
        assert kind not in SITE_KINDS, f"{kind}.yaml belongs directly under data/"


@pytest.mark.parametrize("schema", [p for p in SCHEMA_FILES if p.name != f"{SHARED}.schema.json"],
                         ids=_id)
def test_every_schema_is_used(schema):
    kind = schema.name.removesuffix(".schema.json")
    assert any(path.stem == kind for _, path in DATA_FILES), f"no data file uses {schema.name}"


@pytest.mark.parametrize("item", DATA_FILES, ids=_id)
def test_data_file_names_its_schema_on_the_first_line(item):
    _, path = item
    first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0] + "\n"
    match = SCHEMA_LINE.fullmatch(first)
    assert match, f"{path.name}: first line must be '# yaml-language-server: $schema=...'"
    target = Path(os.path.normpath(path.parent / match.group(1)))
    assert target == SCHEMAS / f"{path.stem}.schema.json", f"points at {target}"


@pytest.mark.parametrize("schema", SCHEMA_FILES, ids=_id)
def test_schema_is_valid_draft_2020_12(schema):
    contents = json.loads(schema.read_text(encoding="utf-8"))
    assert contents.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(contents)
    # No $id: editors then resolve "defs.schema.json#..." next to the file itself instead
    # of fetching it from an address that does not exist.
    assert "$id" not in contents


@pytest.mark.parametrize("schema", SCHEMA_FILES, ids=_id)
def test_every_property_has_a_finnish_title_and_description(schema):
    contents = json.loads(schema.read_text(encoding="utf-8"))
    problems = []
    for where, name, prop in _properties(contents):
        for word in ("title", "description"):
            text = prop.get(word) if isinstance(prop, dict) else None
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{where}: no {word}")
            elif ENGLISH.search(text):
                problems.append(f"{where}: {word} looks English: {text!r}")
        if isinstance(prop, dict) and prop.get("title", "").strip() == name:
            problems.append(f"{where}: title is the key itself")
    assert problems == []


@pytest.mark.parametrize("schema", [p for p in SCHEMA_FILES if p.name != f"{SHARED}.schema.json"],
                         ids=_id)
def test_objects_are_strict(schema):
    """additionalProperties: false everywhere, so a typo in a key is always reported."""
    contents = json.loads(schema.read_text(encoding="utf-8"))
    loose = []

    def walk(node, where):
        if isinstance(node, dict):
            if "properties" in node and node.get("additionalProperties") is not False:
                loose.append(where)
            for key, child in node.items():
                walk(child, f"{where}/{key}")
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, f"{where}/{index}")

    walk(contents, "#")
    assert loose == []


def _id_refs(node, key=None):
    """(property name, schema node) of every use of the shared id type."""
    if isinstance(node, dict):
        if node.get("$ref") in ("defs.schema.json#/$defs/id", "#/$defs/id"):
            yield key, node
        props = node.get("properties", {})
        for name, child in props.items():
            # A reading mark {value, reading}: its value is the field's own reference.
            reading_value = name == "value" and "reading" in props
            yield from _id_refs(child, key if reading_value else name)
        for word in ("items", "anyOf", "$defs", "prefixItems"):
            child = node.get(word)
            children = child.values() if isinstance(child, dict) and word == "$defs" else (
                child if isinstance(child, list) else [child] if child else [])
            for grandchild in children:
                yield from _id_refs(grandchild, key if word in ("items", "anyOf") else None)


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=_id)
def test_every_reference_declares_its_namespace(path):
    """The reference rule follows the schema: an id-typed value other than an entity's own
    id says where it points (x-ref: a namespace of kinds.ENTITY_LISTS, or a list of them)."""
    from ngoplan.kinds import BY_NAMESPACE

    schema = json.loads(path.read_text(encoding="utf-8"))
    for key, node in _id_refs(schema):
        if key in ("id", None):
            assert "x-ref" not in node, f"{path.name}: an entity's own id refers to nothing"
            continue
        targets = node.get("x-ref")
        assert targets, f"{path.name}: '{key}' is an id without x-ref"
        targets = [targets] if isinstance(targets, str) else targets
        assert set(targets) <= set(BY_NAMESPACE), f"{path.name}: '{key}': unknown {targets}"