"""A fast yes/no check of data against the schemas, compiled to Python closures.

jsonschema explains every problem well but costs milliseconds per calendar item (each
`$ref` goes through its resolver). Most data is valid, so the schemas are also compiled
here into plain functions that only answer "valid or not". validate.py runs jsonschema
only where this check says no: on a whole file, and inside lists only on the items that
fail. jsonschema stays the judge of what is reported; a keyword this compiler does not
know makes the schema "not compiled" and jsonschema checks everything, as before.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .schemas import _raw_schemas, formats, schema_dir

# Keywords that only describe (no effect on validity).
_ANNOTATIONS = {"$schema", "$id", "$comment", "$defs", "definitions", "title", "description",
                "examples", "default", "deprecated", "readOnly", "writeOnly"}


class Unsupported(Exception):
    """The schema uses a keyword the compiler does not know; use jsonschema alone."""


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}


def _equal(a, b) -> bool:
    """JSON equality as jsonschema sees it: true is not 1, 1 is 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if _is_number(a) and _is_number(b):
        return a == b
    return a is None and b is None


def _unique(items: list) -> bool:
    if all(type(i) is str for i in items):
        return len(set(items)) == len(items)
    return not any(_equal(items[i], items[j])
                   for i in range(len(items)) for j in range(i + 1, len(items)))


class _Compiler:
    def __init__(self, directory: Path):
        self.raw = _raw_schemas(directory)
        self.formats = formats()
        self.by_id: dict[int, object] = {}  # id(schema dict) -> check, for the items hook
        self.refs: dict[tuple[str, str], object] = {}

    def ref(self, ref: str, file: str):
        target, _, pointer = ref.partition("#")
        if target:
            file = target.rsplit("/", 1)[-1].removesuffix(".schema.json")
            if file not in self.raw:
                raise Unsupported(ref)
        key = (file, pointer)
        if key not in self.refs:
            node = self.raw[file]
            for part in filter(None, pointer.split("/")):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            cell: list = []
            self.refs[key] = lambda v: cell[0](v)  # placeholder while compiling (recursion)
            cell.append(self.compile(node, file))
            self.refs[key] = cell[0]
        return self.refs[key]

    def compile(self, schema, file: str):
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS)
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        checks = [make(self, schema, file) for key, make in _KEYWORDS.items() if key in schema]
        checks = [c for c in checks if c is not None]
        if not checks:
            check = lambda v: True  # noqa: E731
        elif len(checks) == 1:
            check = checks[0]
        else:
            def check(v, checks=tuple(checks)):
                for c in checks:
                    if not c(v):
                        return False
                return True
        self.by_id[id(schema)] = check
        return check


def _ref(c, s, f):
    return c.ref(s["$ref"], f)


def _type(c, s, f):
    wanted = s["type"] if isinstance(s["type"], list) else [s["type"]]
    tests = [_TYPES[t] for t in wanted]
    if len(tests) == 1:
        return tests[0]
    return lambda v: any(t(v) for t in tests)


def _enum(c, s, f):
    options = s["enum"]
    if all(isinstance(o, str) for o in options):
        allowed = frozenset(options)
        return lambda v: type(v) is str and v in allowed
    return lambda v: any(_equal(v, o) for o in options)


def _const(c, s, f):
    expected = s["const"]
    return lambda v: _equal(v, expected)


def _properties(c, s, f):
    props = [(k, c.compile(sub, f)) for k, sub in s["properties"].items()]

    def check(v):
        if type(v) is not dict:
            return True
        for key, sub in props:
            if key in v and not sub(v[key]):
                return False
        return True
    return check


def _additional(c, s, f):
    if "patternProperties" in s:
        raise Unsupported("patternProperties")
    known = frozenset(s.get("properties", {}))
    extra = c.compile(s["additionalProperties"], f)
    if s["additionalProperties"] is False:
        return lambda v: type(v) is not dict or known.issuperset(v)
    return lambda v: type(v) is not dict or all(extra(v[k]) for k in v if k not in known)


def _required(c, s, f):
    required = tuple(s["required"])
    return lambda v: type(v) is not dict or all(k in v for k in required)


def _min_properties(c, s, f):
    n = s["minProperties"]
    return lambda v: type(v) is not dict or len(v) >= n


def _max_properties(c, s, f):
    n = s["maxProperties"]
    return lambda v: type(v) is not dict or len(v) <= n


def _items(c, s, f):
    start = len(s.get("prefixItems", []))
    sub = c.compile(s["items"], f)
    if start == 0:
        return lambda v: type(v) is not list or all(sub(i) for i in v)
    return lambda v: type(v) is not list or all(sub(i) for i in v[start:])


def _prefix_items(c, s, f):
    subs = [c.compile(p, f) for p in s["prefixItems"]]
    return lambda v: type(v) is not list or all(sub(i) for sub, i in zip(subs, v))


def _min_items(c, s, f):
    n = s["minItems"]
    return lambda v: type(v) is not list or len(v) >= n


def _max_items(c, s, f):
    n = s["maxItems"]
    return lambda v: type(v) is not list or len(v) <= n


def _unique_items(c, s, f):
    if not s["uniqueItems"]:
        return None
    return lambda v: type(v) is not list or _unique(v)


def _min_length(c, s, f):
    n = s["minLength"]
    return lambda v: type(v) is not str or len(v) >= n


def _max_length(c, s, f):
    n = s["maxLength"]
    return lambda v: type(v) is not str or len(v) <= n


def _pattern(c, s, f):
    search = re.compile(s["pattern"]).search
    return lambda v: type(v) is not str or search(v) is not None


def _format(c, s, f):
    check = c.formats.get(s["format"])
    return check  # unknown formats are not asserted (as in jsonschema)


def _bound(op):
    def make(c, s, f):
        limit = s[op]
        compare = {"minimum": lambda v: v >= limit, "maximum": lambda v: v <= limit,
                   "exclusiveMinimum": lambda v: v > limit,
                   "exclusiveMaximum": lambda v: v < limit}[op]
        return lambda v: not _is_number(v) or compare(v)
    return make


def _any_of(c, s, f):
    subs = [c.compile(b, f) for b in s["anyOf"]]
    return lambda v: any(sub(v) for sub in subs)


def _one_of(c, s, f):
    subs = [c.compile(b, f) for b in s["oneOf"]]
    return lambda v: sum(1 for sub in subs if sub(v)) == 1


def _all_of(c, s, f):
    subs = [c.compile(b, f) for b in s["allOf"]]
    return lambda v: all(sub(v) for sub in subs)


def _not(c, s, f):
    sub = c.compile(s["not"], f)
    return lambda v: not sub(v)


# The order puts cheap, often failing checks first.
_KEYWORDS = {
    "type": _type, "enum": _enum, "const": _const, "required": _required,
    "additionalProperties": _additional, "minProperties": _min_properties,
    "maxProperties": _max_properties, "properties": _properties, "minItems": _min_items,
    "maxItems": _max_items, "uniqueItems": _unique_items, "prefixItems": _prefix_items,
    "items": _items, "minLength": _min_length, "maxLength": _max_length, "pattern": _pattern,
    "format": _format, "minimum": _bound("minimum"), "maximum": _bound("maximum"),
    "exclusiveMinimum": _bound("exclusiveMinimum"),
    "exclusiveMaximum": _bound("exclusiveMaximum"), "anyOf": _any_of, "oneOf": _one_of,
    "allOf": _all_of, "not": _not, "$ref": _ref,
}


@cache
def _compiled(directory: Path) -> _Compiler:
    return _Compiler(directory)


@cache
def checker(kind: str, directory: Path | None = None):
    """A function value -> bool for one data kind, or None when it cannot be compiled."""
    compiler = _compiled(directory or schema_dir())
    try:
        return compiler.compile(compiler.raw[kind], kind)
    except Unsupported:
        return None


def subschema_checker(schema: dict, directory: Path | None = None):
    """The compiled check of one part of a schema (an `items` schema), if it was compiled."""
    return _compiled(directory or schema_dir()).by_id.get(id(schema))


def items_skipping_valid(original, directory: Path):
    """jsonschema's `items` keyword, descending only into items the compiled check rejects.

    Errors and their paths are jsonschema's own; valid items (most of them) cost
    microseconds instead of milliseconds.
    """
    def items(validator, items_schema, instance, schema):
        check = subschema_checker(items_schema, directory) if isinstance(items_schema, dict) else None
        if check is None or not isinstance(instance, list):
            yield from original(validator, items_schema, instance, schema)
            return
        for index in range(len(schema.get("prefixItems", [])), len(instance)):
            if not check(instance[index]):
                yield from validator.descend(instance=instance[index], schema=items_schema,
                                             path=index)
    return items
