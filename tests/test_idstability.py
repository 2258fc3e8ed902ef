"""Ids stay stable across revisions (ngoplan/idstability.py): removing a published id is a
warning, reusing a removed id for something else an error; renames and restores are fine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from ngoplan import idstability

CALENDAR = """\
items:
  - id: jane-kevat
    title: JANEn kokoukset keväällä
    timing: {approximate: {season: kevat}}
  - id: foorumi
    title: Järjestöfoorumi
"""
BODIES = """\
bodies:
  - id: jane
    name: Järjestöasiain neuvottelukunta
    members:
      - id: asiantuntija
        name: Asiantuntijajäsen
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Testi", "GIT_AUTHOR_EMAIL": "testi@testi.invalid",
           "GIT_COMMITTER_NAME": "Testi", "GIT_COMMITTER_EMAIL": "testi@testi.invalid"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def write(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository whose main holds one published revision of an invented plan."""
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "data/testi/calendar.yaml", CALENDAR)
    write(tmp_path, "data/testi/bodies.yaml", BODIES)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "julkaistu")
    return tmp_path


def findings(repo: Path, revision: str | None = "main"):
    return [(f.severity, f.file, f.path) for f in idstability.check(repo, revision)[1]]


def test_unchanged_renamed_and_new_ids_are_fine(repo):
    write(repo, "data/testi/calendar.yaml", CALENDAR.replace("Järjestöfoorumi", "Järjestöjen foorumi")
          + "  - id: uusi-tilaisuus\n    title: Uusi tilaisuus\n")
    assert findings(repo) == []


def test_removing_a_published_id_is_a_warning(repo):
    write(repo, "data/testi/calendar.yaml", CALENDAR.split("  - id: foorumi")[0])
    write(repo, "data/testi/bodies.yaml", BODIES.split("    members:")[0])
    assert findings(repo) == [
        ("warning", "data/testi/bodies.yaml", "bodies.members[id=asiantuntija]"),
        ("warning", "data/testi/calendar.yaml", "items[id=foorumi]"),
    ]
    [finding] = [f for f in idstability.check(repo, "main")[1] if "foorumi" in f.path]
    assert "'foorumi' (Järjestöfoorumi)" in finding.message and "poistettu" in finding.message


def test_reusing_a_removed_id_for_something_else_is_an_error(repo):
    write(repo, "data/testi/calendar.yaml", CALENDAR.split("  - id: foorumi")[0])
    git(repo, "commit", "-qam", "foorumi poistettu")  # published without the forum
    write(repo, "data/testi/calendar.yaml", CALENDAR.split("  - id: foorumi")[0]
          + "  - id: foorumi\n    title: Avustusinfo\n")
    [finding] = idstability.check(repo, "main")[1]
    assert (finding.severity, finding.file, finding.line, finding.col) == \
        ("error", "data/testi/calendar.yaml", 5, 9)
    assert "'foorumi'" in finding.message and "Järjestöfoorumi" in finding.message
    assert "Anna uusi tunniste" in finding.message


def test_a_removed_id_used_in_another_file_is_reuse_too(repo):
    write(repo, "data/testi/calendar.yaml", CALENDAR.split("  - id: foorumi")[0])
    git(repo, "commit", "-qam", "foorumi poistettu")
    # Another file is another namespace: its own addresses, so no clash there.
    write(repo, "data/testi/bodies.yaml", BODIES + "  - id: foorumi\n    name: Foorumi\n")
    assert findings(repo) == []


def test_restoring_a_removed_entry_as_it_was_is_fine(repo):
    write(repo, "data/testi/calendar.yaml", CALENDAR.split("  - id: foorumi")[0])
    git(repo, "commit", "-qam", "foorumi poistettu vahingossa")
    write(repo, "data/testi/calendar.yaml", CALENDAR)
    assert findings(repo) == []


def test_default_revision_is_the_newest_tag(repo):
    git(repo, "tag", "v1")
    write(repo, "data/testi/calendar.yaml", CALENDAR.split("  - id: foorumi")[0])
    git(repo, "commit", "-qam", "foorumi poistettu, ei vielä julkaistu")
    assert findings(repo, None) == [("warning", "data/testi/calendar.yaml", "items[id=foorumi]")]


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    return subprocess.run([sys.executable, "-m", "ngoplan", "ids", *args, str(root)],
                          capture_output=True, text=True, env=env, cwd=root, timeout=60)


def test_cli_prints_findings_and_fails_only_on_reuse(repo):
    write(repo, "data/testi/calendar.yaml", CALENDAR.split("  - id: foorumi")[0])
    result = run_cli(repo, "main")
    assert result.returncode == 0, result.stderr
    assert "data/testi/calendar.yaml:1:1: warning: items[id=foorumi]: tunniste 'foorumi'" in result.stdout
    assert result.stdout.splitlines()[-1] == "Ei virheitä, 1 varoitus."


@pytest.mark.parametrize(("setup", "expected"), [
    ("unknown", "versiota 'ei-tallaista' ei löydy"),
    ("no-git", "versiohistoriaa ei ole"),
])
def test_bad_revision_or_no_history_is_a_finnish_error(tmp_path_factory, repo, setup, expected):
    root = repo
    if setup == "no-git":  # a downloaded archive: outside any repository
        root = tmp_path_factory.mktemp("lataus")
        write(root, "data/testi/calendar.yaml", CALENDAR)
    result = run_cli(root, "ei-tallaista")
    assert result.returncode == 2
    assert result.stderr.startswith("virhe: ") and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_repository_keeps_the_ids_of_its_previous_revision():
    """This repository's own history: the working tree against the last commit."""
    if idstability.git.repository(ROOT) is None:
        pytest.skip("ei versiohistoriaa (ladattu kopio)")
    _, found = idstability.check(ROOT, "HEAD")
    assert not [f.format() for f in found if f.is_error]
