"""A real strict build of the repository, and a broken data file failing it cleanly."""

from __future__ import annotations

import shutil

from conftest import ROOT, mkdocs_build


def test_repository_builds_strict(built_site):
    assert (built_site / "index.html").exists()
    for plan in ("pohjois-karjala", "kainuu"):
        assert (built_site / plan / "index.html").exists()


def test_broken_data_fails_build_with_error_line_and_no_traceback(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", "node_modules", ".git", "test-artifacts", "__pycache__"))
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
