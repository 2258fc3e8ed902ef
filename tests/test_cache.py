"""One cache across builds (`make serve`), one invalidation: an edit to a schema, a
message catalogue or a template is seen by the next build without a restart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ngoplan.web import i18n
from ngoplan.check import schemas
from ngoplan.cache import Cache, running_cache, using_cache
from ngoplan.check.dataset import load_dataset

ROOT = Path(__file__).resolve().parents[1]
INVALID = ROOT / "tests" / "invalid"


def _project(tmp_path: Path) -> Path:
    shutil.copytree(INVALID / "base", tmp_path / "data")
    shutil.copyfile(INVALID / "testi/calendar/organisers_dangling.yaml",
                    tmp_path / "data/testi/calendar.yaml")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    return tmp_path


def test_a_schema_edit_reaches_the_cross_file_rules(tmp_path, monkeypatch):
    """The rules read the schemas (which values are references), so a schema edit must
    not leave the previous build's rule findings in place."""
    project = _project(tmp_path)
    monkeypatch.setattr(schemas, "schema_dir", lambda: project / "schemas")
    schemas.reload_schemas()
    try:
        cache = Cache()
        _, findings = load_dataset(project, cache)
        assert [f.path for f in findings] == ["items[0].organisers[1]"]
        # Organisers become free text: nothing to resolve any more.
        path = project / "schemas" / "calendar.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        text = json.dumps(schema, ensure_ascii=False)
        assert '"x-ref": ["bodies", "networks", "organisations"]' in text
        schema = json.loads(text.replace('"x-ref": ["bodies", "networks", "organisations"]',
                                         '"description": "vapaa teksti"'))
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
        _, findings = load_dataset(project, cache)
        assert findings == []
    finally:
        monkeypatch.undo()
        schemas.reload_schemas()


def test_unchanged_files_are_not_checked_again(tmp_path, monkeypatch):
    project = _project(tmp_path)
    cache = Cache()
    first, _ = load_dataset(project, cache)
    second, _ = load_dataset(project, cache)
    assert second.plans["testi"]["plan"] is first.plans["testi"]["plan"]
    (project / "data/testi/plan.yaml").write_text(
        (project / "data/testi/plan.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third, _ = load_dataset(project, cache)
    assert third.plans["testi"]["plan"] is not first.plans["testi"]["plan"]
    assert third.plans["testi"]["calendar"] is first.plans["testi"]["calendar"]


def test_schemas_compile_once_for_a_run_of_builds(tmp_path, monkeypatch):
    """The compiled schemas live in the cache the builds share (make serve): a rebuild
    that checks every file again compiles nothing; a schema edit compiles anew."""
    project = _project(tmp_path)
    monkeypatch.setattr(schemas, "schema_dir", lambda: project / "schemas")
    compiled = []
    make_gate = schemas._make_gate
    monkeypatch.setattr(schemas, "_make_gate", lambda *a: compiled.append(a[0]) or make_gate(*a))
    cache = Cache()
    load_dataset(project, cache)
    first = sorted(compiled)
    assert "calendar" in first and len(first) == len(set(first))
    cache.files.clear()  # as if every data file had been edited
    cache.rules.clear()
    load_dataset(project, cache)
    assert sorted(compiled) == first
    path = project / "schemas" / "calendar.schema.json"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_dataset(project, cache)
    assert len(compiled) > len(first)


def test_a_catalogue_edit_is_read_by_the_next_build(tmp_path, monkeypatch):
    messages = tmp_path / "messages"
    shutil.copytree(i18n.MESSAGES, messages)
    monkeypatch.setattr(i18n, "MESSAGES", messages)
    cache = Cache()
    monkeypatch.setattr(cache, "watched", lambda: (messages,))
    with using_cache(cache):  # as the hook does for each build
        cache.refresh()
        assert i18n.msg("unknown", "fi") != "muutettu teksti"
        fi = messages / "fi.yaml"
        text = fi.read_text(encoding="utf-8")
        fi.write_text(text + '\nunknown: "muutettu teksti"\n', encoding="utf-8")
        assert cache.refresh() is True
        assert i18n.msg("unknown", "fi") == "muutettu teksti"
        # Labels the Python code reads (Finnish-only pages, the change log) follow too.
        from ngoplan.parts.common import ITEM_KINDS
        from ngoplan.feeds.events import feed_labels

        assert feed_labels("fi")["kinds"]["meeting"] != "Tapaaminen"  # read before the edit
        fi.write_text(fi.read_text(encoding="utf-8") + 'item_kinds.meeting: "tapaaminen"\n',
                      encoding="utf-8")
        assert cache.refresh() is True
        assert ITEM_KINDS["meeting"] == "tapaaminen"
        assert feed_labels("fi")["kinds"]["meeting"] == "Tapaaminen"  # the feeds' words too


def test_labels_follow_a_reloaded_catalogue_at_the_old_address(tmp_path, monkeypatch):
    """A reloaded catalogue is a new dict that may get the freed one's address: the
    Finnish labels must not be remembered by the catalogue's id() (simulated here by an
    id() that gives every object the same number)."""
    from ngoplan.parts import common

    messages = tmp_path / "messages"
    messages.mkdir()
    fi = messages / "fi.yaml"
    monkeypatch.setattr(i18n, "MESSAGES", messages)
    monkeypatch.setattr(common, "id", lambda _: 1, raising=False)
    try:
        fi.write_text('modes.onsite: "ennen"\n', encoding="utf-8")
        running_cache().clear()
        assert common.MODES["onsite"] == "ennen"
        fi.write_text('modes.onsite: "jälkeen"\n', encoding="utf-8")
        running_cache().clear()
        assert common.MODES["onsite"] == "jälkeen"
    finally:
        monkeypatch.undo()
        running_cache().clear()


def test_a_template_edit_is_read_by_the_next_build(tmp_path, monkeypatch):
    from ngoplan.web import render

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "probe.html").write_text("ennen", encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", folder)
    cache = Cache()
    monkeypatch.setattr(cache, "watched", lambda: (folder,))
    cache.refresh()
    first = cache.templates
    assert first.render("probe.html") == "ennen"
    assert cache.templates is first  # compiled once for a run of builds
    (folder / "probe.html").write_text("jälkeen, pidempi", encoding="utf-8")
    assert cache.refresh() is True
    assert cache.templates is not first
    assert cache.templates.render("probe.html") == "jälkeen, pidempi"
