"""A real strict build of the repository, and a broken data file failing it cleanly."""

from __future__ import annotations


import pytest

from conftest import ROOT, copy_project, mkdocs_build


def test_repository_builds_strict(built_site):
    assert (built_site / "index.html").exists()
    for plan in ("pohjois-karjala", "kainuu"):
        assert (built_site / plan / "index.html").exists()


def test_broken_data_fails_build_with_error_line_and_no_traceback(tmp_path):
    # What the build reads, not the whole checkout (its virtual environments are large).
    project = copy_project(tmp_path / "project")
    plan = project / "data" / "kainuu" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("document_kind: suunnitelma", "document_kind: muistio"),
                    encoding="utf-8")
    line = text.splitlines().index("document_kind: suunnitelma") + 1
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert f"data/kainuu/plan.yaml:{line}:16: error: document_kind: arvo 'muistio'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists() or not any(site.iterdir())


def test_data_warnings_are_logged_as_info_so_strict_builds_pass(monkeypatch, caplog):
    """Warnings are staff hints: the build logs them below WARNING (--strict fails on that)."""
    import logging
    from types import SimpleNamespace

    import site_hooks
    from ngoplan.check import advice

    def hint(dataset):
        plan = dataset.plans["kainuu"]["plan"]
        yield advice.warning(plan, ("id",), "vihje")

    monkeypatch.setattr(advice, "CHECKS", (hint,))
    config = SimpleNamespace(theme={"language": "fi"}, config_file_path=str(ROOT / "mkdocs.yml"),
                             docs_dir=str(ROOT / "content"), site_url="https://example.org/",
                             use_directory_urls=True, extra={})
    with caplog.at_level(logging.DEBUG, logger="mkdocs"):
        site_hooks.on_config(config)
    found = [r for r in caplog.records if ": warning: id: vihje" in r.getMessage()]
    assert [r.levelno for r in found] == [logging.INFO]
    assert found[0].name.startswith("mkdocs.plugins.")
    assert found[0].getMessage().startswith("data/kainuu/plan.yaml:")


def test_a_changed_package_says_a_restart_is_needed(monkeypatch, caplog):
    """The preview cannot reload the plan package's Python safely: it says so in its log."""
    import logging
    from types import SimpleNamespace

    import site_hooks

    monkeypatch.setattr(site_hooks._session, "code", ())
    config = SimpleNamespace(theme={"language": "fi"}, config_file_path=str(ROOT / "mkdocs.yml"),
                             docs_dir=str(ROOT / "content"), site_url="https://example.org/",
                             use_directory_urls=True, extra={})
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        site_hooks.on_config(config)
    restart = [r for r in caplog.records if "käynnistä se uudelleen" in r.getMessage()]
    assert [r.levelno for r in restart] == [logging.WARNING]


def test_a_missing_package_says_run_make_install_not_a_traceback(monkeypatch):
    """A .venv older than requirements.txt (here: jsonschema-rs not installed) stops the
    build with the mend in Finnish, as MkDocs' PluginError, not an ImportError traceback."""
    import sys
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    import site_hooks
    from ngoplan.cache import Cache
    from ngoplan.check import schemas

    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)  # import now raises ImportError
    monkeypatch.setattr(site_hooks._session, "cache", Cache())
    schemas.reload_schemas()
    config = SimpleNamespace(theme={"language": "fi"}, config_file_path=str(ROOT / "mkdocs.yml"),
                             docs_dir=str(ROOT / "content"), site_url="https://example.org/",
                             use_directory_urls=True, extra={})
    try:
        with pytest.raises(PluginError) as raised:
            site_hooks.on_config(config)
    finally:
        monkeypatch.undo()
        schemas.reload_schemas()
    assert "Python-paketti jsonschema_rs puuttuu" in str(raised.value)
    assert "Aja make install" in str(raised.value)


def test_requirements_point_to_readme_sections_that_exist():
    """A requirements file's 'README.md, "Section"' pointer names a heading of README.md."""
    import re
    headings = {line.lstrip("#").strip() for line in
                (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("#")}
    pointers = [(path.name, name) for path in sorted(ROOT.glob("requirements*.txt"))
                for name in re.findall(r'README\.md, "([^"]+)"', path.read_text(encoding="utf-8"))]
    assert pointers
    assert [p for p in pointers if p[1] not in headings] == []
