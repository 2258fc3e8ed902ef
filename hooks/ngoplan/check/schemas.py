"""The schema registry: one JSON Schema (draft 2020-12) per data kind in schemas/.

A data file's kind is its file name: data/<plan>/bodies.yaml is checked against
schemas/bodies.schema.json; data/site.yaml against schemas/site.schema.json. The schemas
are read and compiled once per cache (ngoplan.cache: once for a run of builds, again after
a schema edit), not once per build.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..cache import memo, running_cache

SHARED = "defs"  # $defs shared by all kinds; not a data kind itself
SITE_KINDS = ("site", "accessibility")  # files directly under data/

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_LOCAL_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?\Z")
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+\Z")
LINK_SCHEMES = ("https", "http", "mailto")


def _iso(value, pattern: re.Pattern, parse) -> bool:
    """A string in the exact ISO shape that also names a real day or time (no 2026-13-01)."""
    if not isinstance(value, str):
        return True
    if not pattern.match(value):
        return False
    try:
        parse(value)
    except ValueError:
        return False
    return True


def is_date(value) -> bool:
    return _iso(value, _DATE, _dt.date.fromisoformat)


def is_local_datetime(value) -> bool:
    return _iso(value, _LOCAL_DATETIME, _dt.datetime.fromisoformat)


def is_email(value) -> bool:
    return not isinstance(value, str) or bool(_EMAIL.match(value))


def is_link(value) -> bool:
    """https/http with a host (internationalised names allowed), or mailto with an address."""
    if not isinstance(value, str):
        return True
    if any(c.isspace() or ord(c) < 32 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES or value[: len(scheme)].lower() != scheme:
        return False
    if scheme == "mailto":
        return is_email(parts.path) and bool(parts.path)
    if not value[len(scheme):].startswith("://"):
        return False
    try:
        host = parts.hostname
    except ValueError:
        return False
    if not host or "." not in host.strip("."):
        return False
    try:
        host.encode("idna")
    except UnicodeError:
        return False
    return True


SCHEMA_AREAS = ("raw_schemas", "schema_registry", "schema_rs_registry", "gate", "validator")


SCHEMAS = Path(__file__).resolve().parents[3] / "schemas"  # the repository's schemas/


def schema_dir() -> Path:
    return SCHEMAS


def _raw_schemas(directory: Path) -> dict[str, dict]:
    return memo("raw_schemas", directory, lambda: {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(directory.glob("*.schema.json"))})


def kinds(directory: Path | None = None) -> list[str]:
    """Every data kind that has a schema (the shared $defs file excluded)."""
    return [k for k in _raw_schemas(directory or schema_dir()) if k != SHARED]


def plan_kinds(directory: Path | None = None) -> list[str]:
    return [k for k in kinds(directory) if k not in SITE_KINDS]


def raw_schema(kind: str, directory: Path | None = None) -> dict:
    return _raw_schemas(directory or schema_dir())[kind]


def _registry(directory: Path):
    return memo("schema_registry", directory, lambda: _make_registry(directory))


def _make_registry(directory: Path):
    from referencing import Registry, Resource

    resources = []
    for name, schema in _raw_schemas(directory).items():
        resource = Resource.from_contents(schema)
        resources.append((f"{name}.schema.json", resource))
    return Registry().with_resources(resources)


def formats() -> dict:
    """The formats the schemas use, each a function value -> bool (non-strings pass)."""
    return {"date": is_date, "local-datetime": is_local_datetime, "email": is_email,
            "link": is_link}


# Schemas have no $id: each is registered under this base, so that a relative
# "$ref": "defs.schema.json#/..." resolves the same way in both libraries.
BASE_URI = "https://ngoplan.invalid/schemas/"


def gate(kind: str, directory: Path | None = None):
    """The yes/no check of one data kind (jsonschema-rs, formats checked): the fast gate
    every file passes through; jsonschema runs only to explain a file that fails it."""
    directory = directory or schema_dir()
    return memo("gate", (kind, directory), lambda: _make_gate(kind, directory))


def _make_gate(kind: str, directory: Path):
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(
        raw_schema(kind, directory), formats=formats(), validate_formats=True,
        registry=_rs_registry(directory), base_uri=f"{BASE_URI}{kind}.schema.json")


def _rs_registry(directory: Path):
    return memo("schema_rs_registry", directory, lambda: _make_rs_registry(directory))


def _make_rs_registry(directory: Path):
    import jsonschema_rs

    return jsonschema_rs.Registry([(f"{BASE_URI}{name}.schema.json", schema)
                                   for name, schema in _raw_schemas(directory).items()])


def validator(kind: str, directory: Path | None = None):
    """jsonschema's Draft 2020-12 validator for one data kind, formats checked: it says
    what is wrong (paths, the failing keyword, anyOf branches) for the Finnish messages."""
    directory = directory or schema_dir()
    return memo("validator", (kind, directory), lambda: _make_validator(kind, directory))


def _make_validator(kind: str, directory: Path):
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    for name, check in formats().items():
        checker.checks(name)(check)
    return Draft202012Validator(raw_schema(kind, directory), registry=_registry(directory),
                                format_checker=checker)


def reload_schemas() -> None:
    """Forget every schema the running cache read and compiled; the next use reads
    schemas/ again (a schema edit does this through Cache.refresh)."""
    running_cache().memos.forget(*SCHEMA_AREAS)


def resolve(schema: dict, root: dict, directory: Path | None = None) -> tuple[dict, dict]:
    """Follow $refs (into another file or into $defs); returns (schema, its file's root)."""
    directory = directory or schema_dir()
    while "$ref" in schema:
        file, _, pointer = schema["$ref"].partition("#")
        if file:
            root = raw_schema(file.removesuffix(".schema.json"), directory)
        schema = root
        for part in filter(None, pointer.split("/")):
            schema = schema[part]
    return schema, root
