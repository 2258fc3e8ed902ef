"""`make validate` as a command: `python -m ngoplan validate ROOT` with hooks/ on the path.

Runs on copies of the invented base plan (tests/invalid/base/), never on the repository's
own data, so these tests do not depend on the plans being edited at the same time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "invalid" / "base"
INVALID = ROOT / "tests" / "invalid"


def _project(tmp_path: Path, **replacements: str) -> Path:
    """A copy of the base plan; replacements map a data file to an invalid fixture."""
    shutil.copytree(BASE, tmp_path / "data")
    for target, fixture in replacements.items():
        shutil.copyfile(INVALID / fixture, tmp_path / "data" / target)
    return tmp_path


def _validate(root: Path, *, github: bool = False, cwd: Path | None = None):
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["PYTHONPATH"] = str(ROOT / "hooks")
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "-m", "ngoplan", "validate", str(root)],
                          capture_output=True, text=True, env=env, cwd=cwd or root, timeout=120)


def test_clean_data_exits_0_with_no_errors(tmp_path):
    result = _validate(_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Ei virheitä.\n"
    assert result.stderr == ""


def test_broken_file_prints_the_documented_line_and_count(tmp_path):
    root = _project(tmp_path, **{"testi/calendar.yaml": "testi/calendar/kind_bad_enum.yaml"})
    result = _validate(root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/testi/calendar.yaml:6:11: error: items[0].kind: arvo 'kokous' ei ole sallittu; "
        "sallitut arvot: meeting, forum, negotiation, application_period, deadline, report, "
        "evaluation, event",
        "1 virhe.",
    ]
    assert "Traceback" not in result.stderr
    assert "::error" not in result.stdout


def test_all_problems_in_one_pass_then_the_count(tmp_path):
    root = _project(tmp_path, **{
        "testi/calendar.yaml": "testi/calendar/kind_bad_enum.yaml",
        "testi/plan.yaml": "testi/plan/updated_invalid_date.yaml",
        "site.yaml": "site/feed_refresh_hours_wrong_type.yaml",
    })
    result = _validate(root)
    assert result.returncode == 1
    # The invalid site.yaml fixture is not ready to publish either: its warnings count apart.
    lines = [line for line in result.stdout.splitlines() if ": warning: " not in line]
    assert re.fullmatch(r"3 virhettä(, \d+ varoitust?a)?\.", lines[-1])
    assert [line.split(":", 1)[0] for line in lines[:-1]] == [
        "data/site.yaml", "data/testi/calendar.yaml", "data/testi/plan.yaml"]
    for line in lines[:-1]:
        assert re.fullmatch(r"data/\S+\.yaml:[1-9][0-9]*:[1-9][0-9]*: error: \S+: .+", line), line


def test_github_actions_adds_error_annotations(tmp_path):
    root = _project(tmp_path, **{"testi/plan.yaml": "testi/plan/updated_invalid_date.yaml"})
    result = _validate(root, github=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("data/testi/plan.yaml:8:10: error: updated: '2026-02-30' ei ole olemassa "
                        "oleva päivämäärä: päivää 30 ei ole kuukaudessa 02/2026")
    assert lines[1] == ("::error file=data/testi/plan.yaml,line=8,col=10::updated: '2026-02-30' "
                        "ei ole olemassa oleva päivämäärä: päivää 30 ei ole kuukaudessa 02/2026")
    assert lines[2] == "1 virhe."


def test_github_annotation_escapes_percent_and_newlines():
    from ngoplan.check.findings import Finding

    line = Finding("data/a.yaml", 2, 3, "x", "100 % valmis\nuusi rivi").format_github()
    assert line == "::error file=data/a.yaml,line=2,col=3::x: 100 %25 valmis\\nuusi rivi"


def test_unreadable_yaml_gives_a_line_not_a_traceback(tmp_path):
    root = _project(tmp_path)
    (root / "data" / "testi" / "goals.yaml").write_bytes(b"goals: [\x00\xff\n\t- {")
    result = _validate(root, github=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr == ""
    assert result.stdout.splitlines()[0].startswith("data/testi/goals.yaml:1:")
    assert result.stdout.splitlines()[-1] == "1 virhe."


def test_runs_from_the_hooks_folder_like_make_validate(tmp_path):
    """make validate runs `cd hooks && python -m ngoplan validate ..`: paths stay data/..."""
    root = _project(tmp_path, **{"testi/calendar.yaml": "testi/calendar/status_missing.yaml"})
    result = _validate(root, cwd=ROOT / "hooks")
    assert result.returncode == 1
    assert result.stdout.startswith("data/testi/calendar.yaml:4:5: error: items[0]: pakollinen "
                                    "avain 'status' (Tila) puuttuu")


def test_missing_data_folder_is_a_usage_error(tmp_path):
    result = _validate(tmp_path)
    assert result.returncode == 2
    assert "data/" in result.stderr and "Traceback" not in result.stderr


def _first_goal_warning(dataset):
    """A stand-in warning check: flags the first goal of every plan that has goals."""
    from ngoplan.check.advice import warning

    for docs in dataset.plans.values():
        if "goals" in docs and docs["goals"].value.get("goals"):
            yield warning(docs["goals"], ("goals", 0, "id"), "100 % vihje\nkahdella rivillä")


def _validate_in_process(root: Path, monkeypatch, capsys, *, github: bool = False):
    from ngoplan.check import advice
    from ngoplan.__main__ import main

    monkeypatch.setattr(advice, "CHECKS", (_first_goal_warning,))
    if github:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = main(["validate", str(root)])
    return code, capsys.readouterr().out.splitlines()


def test_warnings_are_printed_but_do_not_fail(tmp_path, monkeypatch, capsys):
    code, lines = _validate_in_process(_project(tmp_path), monkeypatch, capsys)
    assert code == 0
    assert len(lines) == 2
    assert re.fullmatch(r"data/testi/goals\.yaml:[1-9][0-9]*:[1-9][0-9]*: warning: goals\[0\]\.id: "
                        r"100 % vihje\\nkahdella rivillä", lines[0]), lines[0]
    assert lines[1] == "Ei virheitä, 1 varoitus."


def test_errors_and_warnings_are_counted_apart(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, **{"testi/calendar.yaml": "testi/calendar/kind_bad_enum.yaml"})
    code, lines = _validate_in_process(root, monkeypatch, capsys, github=True)
    assert code == 1
    assert lines[-1] == "1 virhe, 1 varoitus."
    assert [line.split(": ")[1] for line in lines if line.startswith("data/")] == ["error", "warning"]
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations[0].startswith("::error file=data/testi/calendar.yaml,")
    assert re.fullmatch(r"::warning file=data/testi/goals\.yaml,line=\d+,col=\d+::goals\[0\]\.id: "
                        r"100 %25 vihje\\nkahdella rivillä", annotations[1]), annotations[1]


def test_count_line_in_finnish():
    from ngoplan.check.findings import count_line

    assert count_line(0) == "Ei virheitä."
    assert count_line(0, 1) == "Ei virheitä, 1 varoitus."
    assert count_line(2, 3) == "2 virhettä, 3 varoitusta."
    assert count_line(1, 0) == "1 virhe."


def test_a_check_yielding_an_error_still_gives_a_warning(tmp_path):
    from ngoplan.check.advice import advise
    from ngoplan.check.dataset import load_dataset
    from ngoplan.check.findings import Finding

    def strict(_dataset):
        yield Finding("data/testi/plan.yaml", 1, 1, "id", "vihje")

    dataset, errors = load_dataset(_project(tmp_path))
    assert errors == []
    assert [f.severity for f in advise(dataset, (strict, strict))] == ["warning"]
