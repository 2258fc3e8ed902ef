"""The safe loader: values, positions, and what it refuses (yamlload.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ngoplan.check import yamlload
from ngoplan.check.yamlload import load

INVALID = Path(__file__).resolve().parent / "invalid"


def _load(text: str):
    return load("data/x.yaml", text.encode("utf-8"))


def test_libyaml_parser_is_used():
    """The C parser is several times faster; PyYAML names it yaml.cyaml.CParser."""
    assert yaml.__with_libyaml__
    assert issubclass(yamlload._Loader, yaml.CSafeLoader)


def test_values_follow_the_yaml_1_2_core_schema():
    doc, findings = _load(
        "a: 12\nb: -3\nc: 1.5\nd: true\ne: null\nf: ~\ng: 2026-02-01\nh: 2026-03-10T13:00\n"
        "i: '12'\nj: 0o17\nk: 0x1F\nl: .inf\nm: 010\nn: ! 12\no: 1_000\np: 12:30\n")
    assert findings == []
    assert doc.value == {"a": 12, "b": -3, "c": 1.5, "d": True, "e": None, "f": None,
                         "g": "2026-02-01", "h": "2026-03-10T13:00", "i": "12", "j": 15,
                         "k": 31, "l": float("inf"), "m": 10, "n": "12", "o": "1_000",
                         "p": "12:30"}


def test_positions_of_values_and_keys():
    doc, _ = _load("# comment\nitems:\n  - id: a\n    when: {start: x}\n  - [1, 2]\n")
    assert doc.position(()) == (2, 1)
    assert doc.position(("items",)) == (3, 3)
    assert doc.position(("items",), key=True) == (2, 1)
    assert doc.position(("items", 0)) == (3, 5)
    assert doc.position(("items", 0, "id")) == (3, 9)
    assert doc.position(("items", 0, "id"), key=True) == (3, 5)
    assert doc.position(("items", 0, "when", "start")) == (4, 19)
    assert doc.position(("items", 1, 1)) == (5, 9)


def test_missing_path_falls_back_to_nearest_parent():
    doc, _ = _load("a:\n  b: 1\n")
    assert doc.position(("a", "missing", 3)) == (2, 3)
    assert doc.position(("nothing",)) == (1, 1)
    assert doc.position(("a", "b", "deeper")) == (2, 6)


def test_bom_is_accepted_and_positions_unchanged():
    doc, findings = load("data/x.yaml", b"\xef\xbb\xbfa: 1\nb: 2\n")
    assert findings == []
    assert doc.value == {"a": 1, "b": 2}
    assert doc.position(("b",)) == (2, 4)


@pytest.mark.parametrize("word", ["yes", "No", "ON", "off", "y", "N"])
def test_yaml_1_1_booleans_are_reported_where_they_stand(word):
    doc, findings = _load(f"a:\n  b: {word}\n")
    assert [(f.line, f.col, f.path) for f in findings] == [(2, 6, "a.b")]
    assert f"'{word}'" in findings[0].message and "lainausmerkkeihin" in findings[0].message
    assert doc.value == {"a": {"b": word}}


def test_quoted_yaml_1_1_booleans_are_text():
    doc, findings = _load("a: 'yes'\nb: \"off\"\n")
    assert findings == [] and doc.value == {"a": "yes", "b": "off"}


@pytest.mark.parametrize("text, line, col, fragment", [
    ("a: !!python/object/apply:os.system ['echo x']\n", 1, 4, "tagi"),
    ("a: !custom x\n", 1, 4, "tagi '!custom'"),
    ("a: &x 1\nb: *x\n", 1, 4, "ankkuri '&x'"),
    ("a: *x\n", 1, 4, "ankkurit ja viittaukset"),
    ("a: 1\na: 2\n", 2, 1, "avain 'a' on jo annettu rivillä 1"),
    ("? [a]\n: 1\n", 1, 3, "avaimen pitää olla tekstiä"),
    ("<<: {a: 1}\n", 1, 1, "yhdistämisavain"),
    ("a: 1\n---\nb: 2\n", 2, 1, "useampi YAML-dokumentti"),
    ("a:\n\t- b\n", 2, 1, "sarkainmerkki"),
    ("a: [1, 2\n", 2, 1, "sulkua ei ole suljettu (avattu rivillä 1, sarake 4)"),
    ("a: \"x\n", 2, 1, "lainausmerkki tai sulku jäi sulkematta"),
    ("a: b: c\n", 1, 5, "kaksoispiste"),
    ("a: x\x07y\n", 1, 5, "ohjausmerkki U+0007"),
    ("", 1, 1, "tiedosto on tyhjä"),
    ("# vain kommentti\n", 1, 1, "tiedosto on tyhjä"),
])
def test_refusals_are_findings_with_positions(text, line, col, fragment):
    _, findings = _load(text)
    assert len(findings) == 1, findings
    assert (findings[0].line, findings[0].col) == (line, col)
    assert fragment in findings[0].message


def test_non_utf8_byte_is_located():
    _, findings = load("data/x.yaml", "a: 1\nb: ä\n".encode("latin-1"))
    assert [(f.line, f.col) for f in findings] == [(2, 4)]
    assert "0xe4" in findings[0].message


def test_depth_is_limited():
    _, findings = _load("a: " + "[" * 200 + "]" * 200 + "\n")
    assert len(findings) == 1 and "liian syvä" in findings[0].message


def test_oversized_input_is_refused_without_parsing():
    _, findings = load("data/x.yaml", b"#" * (yamlload.MAX_BYTES + 1))
    assert len(findings) == 1 and "liian suuri" in findings[0].message


def test_python_parser_gives_the_same_results(monkeypatch):
    """Without libyaml (a PyYAML build without it) the findings and values are the same."""
    fixtures = sorted(p for p in INVALID.rglob("*.yaml") if "base" not in p.parts)
    fixtures += sorted((INVALID / "base").rglob("*.yaml"))
    fast = [load("data/x.yaml", p.read_bytes()) for p in fixtures]
    monkeypatch.setattr(yamlload, "_Loader", yamlload._PythonLoader)
    slow = [load("data/x.yaml", p.read_bytes()) for p in fixtures]
    for path, (doc_c, found_c), (doc_py, found_py) in zip(fixtures, fast, slow):
        assert doc_c.value == doc_py.value, path
        assert found_c == found_py, path


def test_libyaml_is_left_as_it_is():
    """Loading changes nothing inside PyYAML: other users of libyaml get its own objects."""
    import yaml._yaml as module

    doc, findings = _load("a: [1, 'b']\n")
    assert findings == [] and doc.value == {"a": [1, "b"]}
    assert module.ScalarEvent is yaml.ScalarEvent
    assert module.MappingStartEvent is yaml.MappingStartEvent
    assert yaml.load("a: 1", Loader=yaml.CSafeLoader) == {"a": 1}


def test_very_deep_nesting_is_refused_without_crashing():
    """libyaml's composer recurses in C: a deep file is measured before it is composed."""
    for text in ("[" * 100_000 + "]" * 100_000, "a: " + "[" * 60 + "]" * 60,
                 "".join("  " * i + "- \n" for i in range(0)) + "- " * 5000 + "x\n"):
        _, findings = _load(text)
        assert len(findings) == 1, text[:20]
        assert "liian syvä" in findings[0].message
