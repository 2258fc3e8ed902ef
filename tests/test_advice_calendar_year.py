"""`make validate` warns when a plan's calendar year is over (ngoplan.check.advice)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from conftest import ROOT
from ngoplan.check.advice import CHECKS, check_calendar_year_over
from ngoplan.check.dataset import load_dataset

FIXTURE = ROOT / "tests" / "fixtures" / "feeds"


def _dataset():
    dataset, findings = load_dataset(FIXTURE)
    assert findings == []
    return dataset


def test_no_warning_during_the_year_or_on_its_last_day():
    dataset = _dataset()
    year = dataset.plans["testimaa"]["plan"].value["plan_year"]
    for today in (dt.date(year, 1, 1), dt.date(year, 12, 31), dt.date(year - 1, 6, 1)):
        assert list(check_calendar_year_over(dataset, today)) == [], today


def test_warning_at_plan_year_when_the_year_is_over():
    dataset = _dataset()
    year = dataset.plans["testimaa"]["plan"].value["plan_year"]
    found = list(check_calendar_year_over(dataset, dt.date(year + 1, 1, 1)))
    assert len(found) == 1
    warning = found[0]
    assert warning.severity == "warning" and not warning.is_error
    assert warning.file == "data/testimaa/plan.yaml" and warning.path == "plan_year"
    line = (FIXTURE / warning.file).read_text(encoding="utf-8").splitlines()[warning.line - 1]
    assert line.startswith("plan_year:"), line
    assert f"vuosi {year} on päättynyt" in warning.message and str(year + 1) in warning.message
    assert check_calendar_year_over in CHECKS


def test_validate_prints_the_warning_once_the_year_is_over(tmp_path):
    """The real command, with the clock set forward by a wrapper that fakes date.today()."""
    dataset = _dataset()
    year = dataset.plans["testimaa"]["plan"].value["plan_year"]
    runner = tmp_path / "run.py"
    runner.write_text(
        "import datetime, runpy, sys\n"
        "class FakeDate(datetime.date):\n"
        "    @classmethod\n"
        f"    def today(cls): return cls({year + 2}, 3, 1)\n"
        "datetime.date = FakeDate\n"
        "sys.argv = ['ngoplan', 'validate', sys.argv[1]]\n"
        "runpy.run_module('ngoplan', run_name='__main__')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run([sys.executable, str(runner), str(FIXTURE)], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if ": warning: plan_year:" in line]
    assert len(lines) == 1 and lines[0].startswith("data/testimaa/plan.yaml:"), result.stdout
