"""Correct staff edits never fail the staff's checks.

Four edits a county makes in ordinary pull requests, applied to a copy of the repository:
a changed seat count, a new body, a calendar item with a real date, and a network's new
name (its id kept: ids never change). Then the checks a pull request runs: `make
validate`, a strict build, and the general test modules (`make test` without the browser
tests; the audit is not among them). All must pass: a check that fails here pins a seed
value and belongs in the audit.

This runs the suite inside a test, so it lives in the audit (`make audit`), not in
`make test`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

EDITS = [
    # JANE gets two more NGO seats after a new decision.
    ("data/pohjois-karjala/bodies.yaml", "      ngo_seats:\n        value: 16\n", "      ngo_seats:\n        value: 18\n"),
    # A new body: a coordination group the county sets up.
    ("data/kainuu/bodies.yaml", "  - id: aluehallitus\n", """\
  - id: jarjestoyhteistyon-koordinaatioryhma
    name: Järjestöyhteistyön koordinaatioryhmä
    kind: coordination
    purpose: Valmistelee järjestöyhteistyön suunnitelman päivityksen.
    source: {document: suunnitelma, section: 6.1 Järjestöyhteistyö hyvinvointialueen tasolla}
  - id: aluehallitus
"""),
    # A meeting whose date has been agreed.
    ("data/kainuu/calendar.yaml", "items:\n", """\
items:
  - id: jane-kokous-2026-03-10
    title: JANEn kokous
    kind: meeting
    organisers: [jane]
    audience: [members]
    mode: unknown
    status: scheduled
    timing:
      exact:
        start: 2026-03-10T13:00
        end: 2026-03-10T15:00
    updated: 2026-11-30
    source: {document: suunnitelma, section: 6.1 Järjestöyhteistyö hyvinvointialueen tasolla}
"""),
    # A network is renamed; its id (the page address and calendar UIDs) stays.
    ("data/kainuu/networks.yaml", "    name: Kainuun järjestöammattilaisten verkosto\n",
     "    name: Kainuun järjestötyöntekijöiden verkosto\n"),
]


TOP_LEVEL_SKIPPED = {".git", "site", "node_modules", "test-artifacts", ".pytest_cache",
                     ".hypothesis", ".venv", ".venv-properdocs"}
GIT_ENV = {"GIT_AUTHOR_NAME": "Testi", "GIT_AUTHOR_EMAIL": "testi@testi.invalid",
           "GIT_COMMITTER_NAME": "Testi", "GIT_COMMITTER_EMAIL": "testi@testi.invalid"}


def _skip(directory: str, names: list[str]) -> set[str]:
    top = Path(directory) == ROOT
    return {n for n in names if n == "__pycache__" or (top and n in TOP_LEVEL_SKIPPED)}


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, env={**os.environ, **GIT_ENV}, check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    """A copy of the repository in a repository of its own (never the original's .git):
    the published state as one commit, the four edits as the next, like a pull request."""
    project = tmp_path_factory.mktemp("staff") / "project"
    shutil.copytree(ROOT, project, symlinks=True, ignore=_skip)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "Julkaistu versio")
    for name in (".venv", ".venv-properdocs", "node_modules"):
        if (ROOT / name).exists():
            (project / name).symlink_to(ROOT / name)
    for rel, old, new in EDITS:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{rel}: the data changed; update this edit: {old!r}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    _git(project, "commit", "-qam", "Neljä tavallista muutosta")
    return project


def test_ids_of_the_published_version_are_kept(edited):
    result = run(edited, "make", "--no-print-directory", "ids", "since=HEAD~1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "Ei virheitä.", result.stdout


def run(project: Path, *argv: str, timeout: int = 1200) -> subprocess.CompletedProcess:
    # Nothing of this run's own pytest (an xdist worker's variables would tell the inner
    # run it is a worker too).
    env = {k: v for k, v in os.environ.items()
           if k not in ("GITHUB_ACTIONS", "MAKEFLAGS", "PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST")
           and not k.startswith("PYTEST_XDIST_")}
    return subprocess.run(argv, cwd=project, env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_make_validate_passes(edited):
    result = run(edited, "make", "--no-print-directory", "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": error:" not in result.stdout


def test_strict_build_passes_and_shows_the_edits(edited, tmp_path):
    site = tmp_path / "site"
    result = run(edited, sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert (site / "kainuu" / "toimielimet" / "jarjestoyhteistyon-koordinaatioryhma" / "index.html").exists()
    assert "Kainuun järjestötyöntekijöiden verkosto" in (
        site / "kainuu" / "verkostot" / "jarjestoammattilaisten-verkosto" / "index.html"
    ).read_text(encoding="utf-8")
    assert "jane-kokous-2026-03-10" in (site / "kainuu" / "vuosikello.ics").read_text(encoding="utf-8")


def test_general_test_modules_pass(edited):
    result = run(edited, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 "-m", "not browser", "-x")
    tail = "\n".join(result.stdout.splitlines()[-40:])
    assert result.returncode == 0, tail + result.stderr[-2000:]
