"""The schema registry: one JSON Schema (draft 2020-12) per data kind in schemas/.

A data file's kind is its file name: data/<plan>/bodies.yaml is checked against
schemas/bodies.schema.json; data/site.yaml against schemas/site.schema.json. Validators
are compiled once per process.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

SHARED = "defs"  # $defs shared by all kinds; not a data kind itself
SITE_KINDS = ("site", "accessibility")  # files directly under data/

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_LOCAL_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?\Z")
_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+\Z")
LINK_SCHEMES = ("https", "http", "mailto")


def is_date(value) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_local_datetime(value) -> bool:
    if not isinstance(value, str):
        return True
    if not _LOCAL_DATETIME.match(value):
        return False
    try:
        _dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


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


@cache
def schema_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "schemas"


@cache
def _raw_schemas(directory: Path) -> dict[str, dict]:
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(directory.glob("*.schema.json"))}


def kinds(directory: Path | None = None) -> list[str]:
    """Every data kind that has a schema (the shared $defs file excluded)."""
    return [k for k in _raw_schemas(directory or schema_dir()) if k != SHARED]


def plan_kinds(directory: Path | None = None) -> list[str]:
    return [k for k in kinds(directory) if k not in SITE_KINDS]


def raw_schema(kind: str, directory: Path | None = None) -> dict:
    return _raw_schemas(directory or schema_dir())[kind]


@cache
def _registry(directory: Path):
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


@cache
def gate(kind: str, directory: Path | None = None):
    """The yes/no check of one data kind (jsonschema-rs, formats checked): the fast gate
    every file passes through; jsonschema runs only to explain a file that fails it."""
    import jsonschema_rs

    directory = directory or schema_dir()
    return jsonschema_rs.Draft202012Validator(
        raw_schema(kind, directory), formats=formats(), validate_formats=True,
        registry=_rs_registry(directory), base_uri=f"{BASE_URI}{kind}.schema.json")


@cache
def _rs_registry(directory: Path):
    import jsonschema_rs

    return jsonschema_rs.Registry([(f"{BASE_URI}{name}.schema.json", schema)
                                   for name, schema in _raw_schemas(directory).items()])


@cache
def validator(kind: str, directory: Path | None = None):
    """jsonschema's Draft 2020-12 validator for one data kind, formats checked: it says
    what is wrong (paths, the failing keyword, anyOf branches) for the Finnish messages."""
    from jsonschema import Draft202012Validator, FormatChecker

    directory = directory or schema_dir()
    checker = FormatChecker(formats=())
    for name, check in formats().items():
        checker.checks(name)(check)
    return Draft202012Validator(raw_schema(kind, directory), registry=_registry(directory),
                                format_checker=checker)


def reload_schemas() -> None:
    """Forget every schema read and compiled so far; the next use reads schemas/ again."""
    for cached in (_raw_schemas, _registry, _rs_registry, validator, gate):
        cached.cache_clear()


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
