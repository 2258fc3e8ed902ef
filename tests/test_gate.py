"""The yes/no gate (jsonschema-rs) agrees with jsonschema, which explains failures.

The gate decides which data jsonschema never looks at, so where the two disagree a
problem would go unreported. The mutation test compares them on random edits; these
cases are the corners of JSON Schema where Python and JSON differ.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from ngoplan.check.schemas import gate, kinds, validator
from ngoplan.check.validate import _errors
from ngoplan.check.yamlload import load

BASE = Path(__file__).resolve().parent / "invalid" / "base"


def _base(kind: str):
    path = BASE / f"{kind}.yaml"
    if not path.exists():
        path = next(BASE.glob(f"*/{kind}.yaml"))
    doc, findings = load("data/x.yaml", path.read_bytes())
    assert findings == []
    return doc.value


def _agree(kind: str, value) -> bool:
    errors = list(validator(kind).iter_errors(value))
    assert gate(kind).is_valid(value) == (not errors), [e.message for e in errors]
    return not errors


@pytest.mark.parametrize("kind", kinds())
def test_every_kind_base_is_valid(kind):
    assert _agree(kind, _base(kind))


def _edit(kind, path, new):
    value = copy.deepcopy(_base(kind))
    node = value
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = new
    return value


@pytest.mark.parametrize("kind, path, new, valid", [
    ("plan", ("plan_year",), 2026.0, True),  # JSON Schema: 2026.0 is an integer
    ("plan", ("plan_year",), True, False),  # true is not 1
    ("plan", ("plan_year",), 2026.5, False),
    ("plan", ("languages",), ["fi", "fi"], False),
    ("plan", ("languages",), ["fi", True], False),
    ("plan", ("languages",), ["fi", "sv"], True),
    ("plan", ("languages",), ["sv"], False),  # prefixItems: fi first
    ("plan", ("seasons", 0, "months"), [1, 1.0], False),  # 1 and 1.0 are the same number
    ("plan", ("seasons", 0, "months"), [1, 13], False),
    ("plan", ("updated",), "2026-02-30", False),
    ("plan", ("updated",), "2026-2-3", False),
    ("plan", ("id",), "Testi", False),
    ("plan", ("county",), {"fi": "x", "sv": "y"}, True),
    ("plan", ("county",), {"fi": " "}, False),
    ("plan", ("county",), {"sv": "y"}, False),
    ("calendar", ("items", 0, "timing"), {}, False),
    ("calendar", ("items", 0, "mode"), None, False),
    ("calendar", ("items", 0, "links", 0, "url"), "https://lähellä.fi/", True),
    ("calendar", ("items", 0, "links", 0, "url"), "javascript:alert(1)", False),
    ("calendar", ("items", 0, "links", 0, "url"), {"unknown": "ei"}, True),
    ("calendar", ("items", 0, "links", 0, "url"), "mailto:a@b.fi", True),
    ("calendar", ("items", 0, "timing", "exact", "start"), "2026-03-10T25:00", False),
    ("site", ("feed_refresh_hours",), 0, False),
    ("site", ("feed_refresh_hours",), 168, True),
])
def test_corner_cases(kind, path, new, valid):
    assert _agree(kind, _edit(kind, path, new)) is valid


def test_only_failing_items_are_explained():
    """Explaining only the items the gate rejects gives jsonschema's own errors and paths."""
    value = _base("calendar")
    items = [copy.deepcopy(value["items"][0]) for _ in range(50)]
    for index, item in enumerate(items):
        item["id"] = f"kokous-{index}"
    items[7]["kind"] = "kokous"
    items[31]["timing"] = {"exact": {"start": "2026-02-30T10:00", "end": "x"}}
    value["items"] = items
    plain = sorted((tuple(e.absolute_path), e.message)
                   for e in validator("calendar").iter_errors(value))
    skipping = sorted((tuple(e.absolute_path), e.message) for e in _errors(value, "calendar"))
    assert skipping == plain
    assert {path[:2] for path, _ in plain} == {("items", 7), ("items", 31)}
