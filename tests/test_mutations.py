"""Property: no edit of valid data ends in a traceback.

Random mutations of the valid base plan (tests/invalid/base/) — keys deleted, values of
the wrong type, junk strings, numbers and nested structures, list items duplicated, lines
dropped or re-indented, random bytes in the YAML text — always give either no findings or
findings that print as `data/<file>.yaml:LINE:COL: error: <path>: <message>` on one line,
with LINE and COL counting from 1. Runs are derandomised, without an example database, so
CI sees the same examples every time.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ngoplan.check.dataset import load_dataset
from ngoplan.check.findings import count_line
from ngoplan.check.schemas import gate, validator
from ngoplan.check.validate import _errors
from ngoplan.check.yamlload import load

BASE = Path(__file__).resolve().parent / "invalid" / "base"
FILES = sorted(p.relative_to(BASE).as_posix() for p in BASE.rglob("*.yaml"))
LINE = re.compile(r"data/[^\n]+?\.yaml:([0-9]+):([0-9]+): error: [^\n]+: [^\n]+")

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TRICKY = st.sampled_from([
    "yes", "no", "on", "off", "~", "null", "2026-02-30", "2026-13-01T25:00", "javascript:alert(1)",
    "data:text/html,x", "https://lähellä.fi/", "mailto:", "testilautakunta", "kevat", "olematon",
    "&a", "*a", "!!python/object/apply:os.system", "<<", "{", "[", "- ", ": ", "\t", "#", "---",
    "\ufeff", "\u2028", "Ä" * 200, "",
])
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
           | TRICKY)
JUNK = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=8) | TRICKY | st.integers(), inner, max_size=3),
    max_leaves=8)


class _NoAliasDumper(yaml.SafeDumper):
    """Writes repeated objects out in full: an alias would only test the alias refusal."""

    def ignore_aliases(self, data):
        return True


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mutations")
    shutil.copytree(BASE, root / "data")
    return root


def _base_value(rel: str):
    doc, findings = load(f"data/{rel}", (BASE / rel).read_bytes())
    assert findings == []
    return doc.value


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, path + (index,))


def _get(value, path):
    for part in path:
        value = value[part]
    return value


def _mutate(data, value):
    """One random edit of the value tree, in place; returns the (possibly new) root."""
    path = data.draw(st.sampled_from(list(_paths(value))), label="path")
    operation = data.draw(st.sampled_from(
        ["delete", "replace", "retype", "insert", "duplicate"]), label="operation")
    if not path:
        return data.draw(JUNK, label="root") if operation in ("replace", "retype") else value
    parent, last = _get(value, path[:-1]), path[-1]
    node = parent[last]
    if operation == "delete":
        del parent[last]
    elif operation == "replace":
        parent[last] = data.draw(JUNK, label="junk")
    elif operation == "retype":
        parent[last] = data.draw(st.sampled_from(
            [str(node), [node], {"x": node}, None, 0, True]), label="retyped")
    elif operation == "insert" and isinstance(node, dict):
        node[data.draw(st.text(max_size=10) | TRICKY, label="key")] = data.draw(JUNK)
    elif operation == "duplicate" and isinstance(node, list) and node:
        node.insert(data.draw(st.integers(0, len(node))), copy.deepcopy(
            node[data.draw(st.integers(0, len(node) - 1))]))
    return value


def _same_verdict_as_jsonschema(rel: str, content: bytes):
    """The gate (jsonschema-rs) and plain jsonschema agree on validity."""
    doc, _ = load(f"data/{rel}", content)
    if not doc.complete:
        return
    kind = Path(rel).stem
    errors = list(validator(kind).iter_errors(doc.value))
    assert gate(kind).is_valid(doc.value) == (not errors), [e.message for e in errors]
    if errors:  # explaining only what the gate rejects finds problems exactly where they are
        assert sorted(tuple(map(str, e.absolute_path)) for e in _errors(doc.value, kind)) == \
            sorted(tuple(map(str, e.absolute_path)) for e in errors)


def _check(project: Path, rel: str, content: bytes):
    _same_verdict_as_jsonschema(rel, content)
    target = project / "data" / rel
    original = target.read_bytes()
    target.write_bytes(content)
    try:
        dataset, findings = load_dataset(project)
    finally:
        target.write_bytes(original)
    for finding in findings:
        line = finding.format()
        match = LINE.fullmatch(line)
        assert match, line
        assert int(match.group(1)) >= 1 and int(match.group(2)) >= 1, line
        assert finding.line >= 1 and finding.col >= 1, line
        assert "\n" not in finding.format_github(), line
    if not findings:
        assert count_line(0) == "Ei virheitä."
        assert dataset.plans["testi"], "a clean dataset has its plan's documents"
    return findings


def test_base_is_clean(project):
    assert _check(project, "testi/plan.yaml", (BASE / "testi/plan.yaml").read_bytes()) == []


@SETTINGS
@given(data=st.data())
def test_value_mutations_never_crash(project, data):
    rel = data.draw(st.sampled_from(FILES), label="file")
    value = _base_value(rel)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        value = _mutate(data, value)
    text = yaml.dump(value, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False)
    _check(project, rel, text.encode("utf-8"))


@SETTINGS
@given(data=st.data())
def test_byte_mutations_never_crash(project, data):
    rel = data.draw(st.sampled_from(FILES), label="file")
    raw = bytearray((BASE / rel).read_bytes())
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        at = data.draw(st.integers(0, len(raw)), label="at")
        cut = data.draw(st.integers(0, 4), label="cut")
        raw[at:at + cut] = data.draw(st.binary(max_size=6) | TRICKY.map(str.encode), label="bytes")
    _check(project, rel, bytes(raw))


@SETTINGS
@given(data=st.data())
def test_line_mutations_never_crash(project, data):
    rel = data.draw(st.sampled_from(FILES), label="file")
    lines = (BASE / rel).read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        index = data.draw(st.integers(0, len(lines) - 1), label="line")
        operation = data.draw(st.sampled_from(["drop", "copy", "indent", "dedent"]))
        if operation == "drop" and len(lines) > 1:
            del lines[index]
        elif operation == "copy":
            lines.insert(index, lines[index])
        elif operation == "indent":
            lines[index] = " " * data.draw(st.integers(1, 4)) + lines[index]
        elif operation == "dedent":
            lines[index] = lines[index].lstrip(" ")
    _check(project, rel, "".join(lines).encode("utf-8"))
