"""Invalid fixtures: each a minimal variant of one file of the valid base plan.

tests/invalid/base/ is a small invented plan (`testi`, plus the bilingual `testi-sv`)
that uses every data kind. A fixture tests/invalid/<folder>/<kind>/<key>_<reason>.yaml
replaces base/<folder>/<kind>.yaml (site/<name>.yaml replaces base/site.yaml).
tests/invalid/expected.tsv lists the findings each fixture must produce, exactly: file,
line, column, key path and a fragment of the message. A row of dashes means the fixture is
valid. Fixtures and table are checked both ways.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ngoplan.check.dataset import load_dataset
from ngoplan.check.yamlload import MAX_BYTES

INVALID = Path(__file__).resolve().parent / "invalid"
BASE = INVALID / "base"
LINE_FORMAT = r"^data/[^:]+\.yaml:[1-9][0-9]*:[1-9][0-9]*: error: [^:]+: .+$"


def _fixtures() -> list[str]:
    return sorted(p.relative_to(INVALID).as_posix() for p in INVALID.rglob("*.yaml")
                  if BASE not in p.parents)


def _expected() -> dict[str, list[dict]]:
    table: dict[str, list[dict]] = {}
    with open(INVALID / "expected.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows = table.setdefault(row["fixture"], [])
            if row["file"] != "-":
                rows.append(row)
    return table


def _target(fixture: str) -> Path:
    """The base file a fixture replaces: testi/calendar/x.yaml -> testi/calendar.yaml."""
    return Path(*Path(fixture).parts[:-1]).with_suffix(".yaml")


def _copy_base(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "data")
    return tmp_path


def _check(tmp_path: Path, fixture: str):
    root = _copy_base(tmp_path)
    target = root / "data" / _target(fixture)
    assert target.exists(), f"{fixture}: base has no {_target(fixture)} to replace"
    shutil.copyfile(INVALID / fixture, target)
    return load_dataset(root)


def test_base_is_valid(tmp_path):
    _, findings = load_dataset(_copy_base(tmp_path))
    assert [f.format() for f in findings] == []


def test_base_uses_every_data_kind():
    from ngoplan.check.schemas import plan_kinds

    assert sorted(p.stem for p in (BASE / "testi").glob("*.yaml")) == sorted(plan_kinds())
    assert (BASE / "site.yaml").exists()


def test_every_fixture_has_an_expectation_and_every_expectation_a_fixture():
    fixtures = set(_fixtures())
    table = set(_expected())
    assert sorted(fixtures - table) == [], "fixtures without a row in expected.tsv"
    assert sorted(table - fixtures) == [], "rows in expected.tsv without a fixture"
    assert len(fixtures) >= 30


def test_fixture_names_say_key_and_reason():
    for fixture in _fixtures():
        assert "_" in Path(fixture).stem, fixture
        assert Path(fixture).parts[0] in ("site", "testi", "testi-sv"), fixture


@pytest.mark.parametrize("fixture", _fixtures())
def test_fixture_gives_exactly_the_expected_findings(tmp_path, fixture):
    _, findings = _check(tmp_path, fixture)
    expected = _expected()[fixture]
    got = [f.format() for f in findings]
    assert len(findings) == len(expected), "\n".join(got)
    unmatched = list(findings)
    for row in expected:
        match = [f for f in unmatched
                 if (f.file, f.line, f.col, f.path) ==
                 (row["file"], int(row["line"]), int(row["col"]), row["path"])
                 and row["message"] in f.message]
        assert match, f"no finding for {row}; got:\n" + "\n".join(got)
        unmatched.remove(match[0])
    for line in got:
        assert re.match(LINE_FORMAT, line), line


def test_python_tag_runs_nothing(tmp_path, capfd, monkeypatch):
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: calls.append(a))
    _, findings = _check(tmp_path, "testi/calendar/title_python_tag.yaml")
    assert calls == []
    assert "pwned" not in capfd.readouterr().out
    assert any("python/object/apply" in f.message for f in findings)


def test_alias_bomb_refused_at_first_anchor(tmp_path):
    """Refusing anchors means nothing is ever expanded: time and memory stay bounded."""
    dataset, findings = _check(tmp_path, "testi/calendar/items_alias_bomb.yaml")
    assert len(findings) == 1 and "&a" in findings[0].message
    assert "calendar" not in dataset.plans["testi"]


def test_oversized_file_refused_before_parsing(tmp_path):
    root = _copy_base(tmp_path)
    target = root / "data" / "testi" / "calendar.yaml"
    filler = b"# " + b"x" * 97 + b"\n"
    target.write_bytes(target.read_bytes() + filler * (MAX_BYTES // len(filler) + 1))
    _, findings = load_dataset(root)
    assert [(f.file, f.line, f.col, f.path) for f in findings] == [
        ("data/testi/calendar.yaml", 1, 1, "(tiedosto)")]
    assert "liian suuri" in findings[0].message


def test_file_just_under_the_limit_is_read(tmp_path):
    root = _copy_base(tmp_path)
    target = root / "data" / "testi" / "calendar.yaml"
    text = target.read_bytes()
    filler = b"# " + b"x" * 97 + b"\n"
    target.write_bytes(text + filler * ((MAX_BYTES - len(text)) // len(filler)))
    assert target.stat().st_size <= MAX_BYTES
    _, findings = load_dataset(root)
    assert findings == []


def test_text_under_a_reference_key_name_is_not_read_as_a_reference(tmp_path):
    """An author's `organisation` is text (a co-funder's is an id): the schema decides, so an
    id-shaped organisation name that names no organisation is still valid text."""
    root = _copy_base(tmp_path)
    plan = root / "data" / "testi" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8")
                    + "authors:\n  - name: Testi Tekijä\n    organisation: muu-yhdistys\n",
                    encoding="utf-8")
    _, findings = load_dataset(root)
    assert [f.format() for f in findings] == []


def _editor_validator(kind: str):
    """What an editor's JSON Schema support does: Draft 2020-12 with the schemas' own
    cross-file $refs, but none of the project's format functions (formats unchecked)."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = INVALID.parent.parent / "schemas"
    registry = Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8"))))
        for p in schemas.glob("*.schema.json"))
    schema = json.loads((schemas / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry)


def _schema_failures() -> list[str]:
    """The fixtures the schema itself rejects (others are refused by the YAML loader or the
    cross-file rules, which an editor does not run)."""
    from ngoplan.check.schemas import gate
    from ngoplan.check.yamlload import load

    failing = []
    for fixture in _fixtures():
        doc, _ = load(f"data/{_target(fixture).as_posix()}", (INVALID / fixture).read_bytes())
        if doc.complete and not gate(_target(fixture).stem).is_valid(doc.value):
            failing.append(fixture)
    return failing


@pytest.mark.parametrize("fixture", _schema_failures())
def test_an_editor_without_the_custom_formats_rejects_schema_failures(fixture):
    """Every schema failure is also visible to an editor: each custom format has a pattern."""
    from ngoplan.check.yamlload import load

    doc, _ = load(f"data/{_target(fixture).as_posix()}", (INVALID / fixture).read_bytes())
    assert not _editor_validator(_target(fixture).stem).is_valid(doc.value)


def test_every_custom_format_has_a_pattern():
    from ngoplan.check.schemas import formats

    schemas = INVALID.parent.parent / "schemas"
    found = 0
    for path in schemas.glob("*.schema.json"):
        def walk(node):
            nonlocal found
            if isinstance(node, dict):
                if node.get("format") in formats():
                    found += 1
                    assert "pattern" in node, f"{path.name}: format {node['format']} without pattern"
                for child in node.values():
                    walk(child)
            elif isinstance(node, list):
                for child in node:
                    walk(child)
        walk(json.loads(path.read_text(encoding="utf-8")))
    assert found >= len(formats())
