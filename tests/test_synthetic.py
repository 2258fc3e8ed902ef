"""The synthetic plan generator (bench.synthetic) at a tiny size.

The benchmarks build national-scale sites from this generator; these tests make a schema
or page-contract change that breaks it fail here, not in the next benchmark run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

from bench import synthetic
from ngoplan.check.dataset import load_dataset

PLANS, ITEMS, BODIES = 2, 2 * len(synthetic.TIMING_FORMS) + 10, 4


def _generate(root: Path, seed: int = 0) -> list[str]:
    return synthetic.write_data(root / "data", plans=PLANS, items=ITEMS, bodies=BODIES,
                                seed=seed, site_data=ROOT / "data")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    _generate(root)
    return root


def test_generated_data_has_no_findings(generated):
    dataset, findings = load_dataset(generated)
    assert [f.format() for f in findings] == []
    assert sorted(dataset.plans) == synthetic.plan_ids(PLANS)


def test_sizes_are_as_asked(generated):
    dataset, _ = load_dataset(generated)
    for docs in dataset.plans.values():
        assert len(docs["calendar"].value["items"]) == ITEMS
        assert len(docs["bodies"].value["bodies"]) == BODIES


def test_every_timing_form_and_status_of_the_schema_is_generated(generated):
    schema = json.loads((ROOT / "schemas" / "calendar.schema.json").read_text(encoding="utf-8"))
    timing = schema["properties"]["items"]["items"]["properties"]["timing"]["properties"]
    statuses = schema["properties"]["items"]["items"]["properties"]["status"]["enum"]
    dataset, _ = load_dataset(generated)
    items = dataset.plans[synthetic.plan_ids(1)[0]]["calendar"].value["items"]
    assert {next(iter(item["timing"])) for item in items} == set(timing)
    assert {item["status"] for item in items} == set(statuses)
    all_day = [item["timing"]["all_day"] for item in items if "all_day" in item["timing"]]
    assert any("end" in t for t in all_day) and any("end" not in t for t in all_day)
    approximate = [item["timing"]["approximate"] for item in items if "approximate" in item["timing"]]
    assert any("month" in t for t in approximate) and any("season" in t for t in approximate)
    rhythm = [item["timing"]["rhythm"]["wording"] for item in items if "rhythm" in item["timing"]]
    assert any(isinstance(w, dict) and "unknown" in w for w in rhythm)


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    for name, seed in (("a", 0), ("b", 0), ("c", 1)):
        _generate(tmp_path / name, seed)
    calendar = "data/testi-02/calendar.yaml"
    same = [(tmp_path / name / calendar).read_bytes() for name in ("a", "b", "c")]
    assert same[0] == same[1]
    assert same[0] != same[2]


def test_a_plan_does_not_depend_on_how_many_plans_there_are(tmp_path):
    synthetic.write_data(tmp_path / "one" / "data", plans=1, items=ITEMS, bodies=BODIES,
                         site_data=ROOT / "data")
    _generate(tmp_path / "two")
    calendar = "data/testi-01/calendar.yaml"
    assert (tmp_path / "one" / calendar).read_bytes() == (tmp_path / "two" / calendar).read_bytes()


def test_files_say_they_are_invented(generated):
    for path in (generated / "data" / "testi-01").glob("*.yaml"):
        head = path.read_text(encoding="utf-8").splitlines()[:2]
        assert head[0] == f"# yaml-language-server: $schema=../../schemas/{path.stem}.schema.json"
        assert "Keksitty testiaineisto" in head[1]


@pytest.mark.slow
def test_strict_build_of_a_generated_project(tmp_path):
    """Every page of the contract with all its markers, built strictly: nothing left out."""
    from bench.common import make_base
    from bench.project import synthetic_project

    base = make_base(tmp_path / "base")
    project, skipped = synthetic_project(base, tmp_path / "project", plans=PLANS, items=ITEMS,
                                         bodies=BODIES, probe=False)
    assert skipped == {}
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for plan_id in synthetic.plan_ids(PLANS):
        for page in synthetic.PAGES:
            built = tmp_path / "site" / plan_id / page.replace(".md", "/index.html").replace(
                "index/index.html", "index.html")
            assert built.is_file(), built
        year_clock = (tmp_path / "site" / plan_id / "vuosikello" / "index.html").read_text(encoding="utf-8")
        assert "Testitapahtuma 1:" in year_clock
