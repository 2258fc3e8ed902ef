"""`make new-plan`: a new county's plan as a valid draft, built from the schemas; bad input
writes nothing; the site-level settings to decide before publication are warned about."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_build
from ngoplan.check import advice
from ngoplan import newplan
from ngoplan.check.dataset import load_dataset
from ngoplan.web.render import MARKER
from ngoplan.check.schemas import plan_kinds

BASE = ROOT / "tests" / "invalid" / "base"
COUNTY = "Testin hyvinvointialue"


def copy_project(tmp_path: Path) -> Path:
    """The repository without its outputs, with the ready .venv linked in (make sees it
    current because the requirements keep their mtimes)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv*", "site", "node_modules", ".git", "test-artifacts", "__pycache__", "bench"))
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "MAKEFLAGS")}
    return subprocess.run(["make", "--no-print-directory", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def tree(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix()
                  for p in (project / "data").rglob("*")) + sorted(
        p.relative_to(project).as_posix() for p in (project / "content").rglob("*"))


@pytest.fixture(scope="module")
def new_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("newplan"))
    result = make(project, "new-plan", "id=testi", f"county={COUNTY}")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, result


def test_make_new_plan_writes_every_kind_and_page_then_validates(new_project):
    project, result = new_project
    assert {p.stem for p in (project / "data" / "testi").glob("*.yaml")} == set(plan_kinds())
    assert {p.stem for p in (project / "content" / "testi").glob("*.md")} == \
        {name for name, *_ in newplan.PAGES}
    # make validate ran after writing: its count line closes the output, without errors.
    assert re.search(r"^Ei virheitä(, \d+ varoitust?a)?\.$", result.stdout, flags=re.M), result.stdout
    dataset, findings = load_dataset(project)
    assert not [f for f in findings if f.is_error], [f.format() for f in findings]
    assert set(dataset.plans["testi"]) == set(plan_kinds())


def test_new_plan_is_a_draft_with_every_fact_not_yet_recorded(new_project):
    project, _ = new_project
    plan = yaml.safe_load((project / "data" / "testi" / "plan.yaml").read_text(encoding="utf-8"))
    assert plan["id"] == "testi" and plan["county"] == COUNTY
    assert plan["title"] == "Testin hyvinvointialueen järjestöyhteistyön suunnitelma"
    for key in ("approval", "period"):
        assert plan[key]["unknown"] == "ei vielä kirjattu", key
    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    if "status" in schema["properties"]:
        assert "draft" in json.dumps(plan["status"])
    # No list holds an invented entry; every unknown gives the same reason.
    for kind in plan_kinds():
        text = (project / "data" / "testi" / f"{kind}.yaml").read_text(encoding="utf-8")
        value = yaml.safe_load(text)
        reasons = re.findall(r"^\s*unknown: (.+)", text, flags=re.M)
        assert all(r.strip('"') == "ei vielä kirjattu" for r in reasons), (kind, reasons)
        lists = {k: v for k, v in value.items() if isinstance(v, list) and k != "languages"}
        assert all(v == [] for k, v in lists.items() if k != "documents"), (kind, lists)


def test_each_data_file_names_its_schema_and_lists_every_key_with_its_title(new_project):
    project, _ = new_project
    for kind in plan_kinds():
        lines = (project / "data" / "testi" / f"{kind}.yaml").read_text(encoding="utf-8").splitlines()
        assert lines[0] == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
        schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        for key, sub in schema["properties"].items():
            assert f"# {key}: {sub['title']}" in "\n".join(lines), (kind, key)


def test_every_page_has_its_markers_a_placeholder_and_a_source_line(new_project):
    project, _ = new_project
    for name, h1, _description, sections in newplan.PAGES:
        text = (project / "content" / "testi" / f"{name}.md").read_text(encoding="utf-8")
        front, body = text.split("---\n", 2)[1:]
        assert yaml.safe_load(front)["description"]
        assert body.lstrip().startswith(f"# {h1.format(county=COUNTY)}\n")
        expected = [m for _h, _t, markers in sections for m in markers]
        assert [m.group(1) for m in MARKER.finditer(body)] == expected, name
        assert "Tälle sivulle" in body or "Vuosikello" in body or "tilata" in body, name
        assert body.rstrip().endswith("ei vielä kirjattu.*"), name


@pytest.mark.slow
def test_new_plan_builds_and_is_listed_in_navigation_comparison_and_open_data(new_site):
    site, _ = new_site  # a strict build of the project with the new plan (fixture below)
    for name, *_ in newplan.PAGES:
        page = "index.html" if name == "index" else f"{name}/index.html"
        assert (site / "testi" / page).exists(), page
    assert (site / "testi" / "vuosikello.ics").exists() and (site / "testi" / "data.json").exists()
    for listing in ("index.html", "vertailu/index.html", "avoin-data/index.html"):
        assert 'href="testi/' in (site / listing).read_text(encoding="utf-8") or \
            'href="../testi/' in (site / listing).read_text(encoding="utf-8"), listing
    # The navigation of another plan's page leads to the new plan.
    assert "testi/" in (site / "kainuu" / "index.html").read_text(encoding="utf-8")
    data = json.loads((site / "testi" / "data.json").read_text(encoding="utf-8"))
    assert "ei vielä kirjattu" in json.dumps(data, ensure_ascii=False)


@pytest.fixture(scope="module")
def new_site(new_project, tmp_path_factory):
    """The new plan's pages as text (tags dropped), built once for the page tests."""
    project, _ = new_project
    site = tmp_path_factory.mktemp("newsite")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    pages = {}
    for path in (site / "testi").rglob("index.html"):
        body = path.read_text(encoding="utf-8").split('<article', 1)[1].split("</article>", 1)[0]
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))
        pages[path.parent.relative_to(site / "testi").as_posix().strip(".")] = text
    return site, pages


@pytest.mark.slow
def test_new_plan_pages_never_say_the_document_lacks_what_nobody_recorded(new_site):
    """Lists nobody has filled in are {unknown: "ei vielä kirjattu"} and shown with that
    reason; no page claims the county's document lacks something."""
    _, pages = new_site
    for name, text in pages.items():
        assert "ei ole suunnitelmassa" not in text, name
    for name, heading in (("suunnitelma", "Tavoite"), ("suunnitelma", "Arvot"), ("yhteystiedot", "Yhteyshenkilöt"),
                          ("yhteystiedot", "Viestintäkanavat"), ("yhteistyo", "Järjestökenttä lukuina"),
                          ("lainsaadanto", "Lainsäädäntö"), ("tavoitteet", "Kehittämistavoitteet"),
                          ("seuranta", "Kuka seuraa"), ("seuranta", "Mittarit")):
        after = pages[name].split(heading, 1)[1]
        assert "ei tiedossa – ei vielä kirjattu" in after[:200], (name, heading, after[:200])


@pytest.mark.slow
def test_new_plan_structure_diagram_says_why_it_is_missing(new_site):
    _, pages = new_site
    assert "Rakennekaaviota ei ole, koska tiedoissa ei ole yhtään toimielintä eikä verkostoa." \
        in pages["toimielimet"]


@pytest.mark.slow
def test_new_plan_has_no_empty_goals_table(new_site):
    site, _ = new_site
    assert "<table" not in (site / "testi" / "tavoitteet" / "index.html").read_text(
        encoding="utf-8").split("<article", 1)[1]


@pytest.mark.slow
def test_new_plan_draft_notice_does_not_claim_anyone_read_its_text(new_site):
    _, pages = new_site
    for name in ("", "tulosta"):
        assert "tekstinsä perusteella" not in pages[name], name
        assert "Suunnitelman tietoja ei ole vielä kirjattu tälle sivustolle." in pages[name], name
    assert "luonnos – ei vielä kirjattu" in pages[""]


@pytest.mark.slow
def test_empty_calendar_has_its_own_sentences(new_site):
    """With no items at all, no sentence speaks of items that have (or lack) a time."""
    _, pages = new_site
    for name in ("vuosikello", "tilaa", "tulosta"):
        text = pages[name]
        assert "Kaikilla vuosikellon kohdilla" not in text, name
        assert "ei kerro yhdellekään" not in text, name
        assert "Kohdat ja niiden rytmit kerrotaan alla" not in text, name
        assert "Vuosikellossa ei ole vielä yhtään kohtaa" in text, name
    assert "Vuosikellossa ei ole vielä yhtään kohtaa, joten kello on tyhjä." in pages["vuosikello"]
    assert "Vuosikellossa ei ole vielä yhtään kohtaa." in pages[""]  # front page, next items
    assert "joiden päivä tai kuukausi olisi tiedossa" not in pages[""]


@pytest.mark.slow
def test_grants_page_without_grants(new_site):
    _, pages = new_site
    text = pages["avustukset"]
    assert "0:" not in text
    assert text.count("Tiedoissa ei ole yhtään avustusmuotoa.") == 2  # overview and section
    assert "Yhteenveto on vain apuväline. Hyvinvointialue päättää avustuksista." in text


@pytest.mark.slow
def test_draft_is_marked_in_landing_list_and_comparison(new_site):
    """CONTRIBUTING.md promises the draft marking where a reader picks a plan."""
    site, _ = new_site
    landing = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="testi/"[^<]*>Testin hyvinvointialue</a>: [^<]*suunnitelma \(luonnos\)</li>',
                     landing), landing
    comparison = (site / "vertailu" / "index.html").read_text(encoding="utf-8")
    assert re.search(r">Testin hyvinvointialue</a> \(luonnos\)", comparison)
    assert "luonnos<span class=\"ngo-reason\"> – ei vielä kirjattu</span>" in comparison


@pytest.mark.parametrize(("plan_id", "county", "expected"), [
    ("kainuu", COUNTY, "data/kainuu/ on jo olemassa"),
    ("Testi", COUNTY, "tunniste 'Testi' ei kelpaa"),
    ("etelä-savo", COUNTY, "tunniste 'etelä-savo' ei kelpaa"),
    ("testi alue", COUNTY, "ei kelpaa"),
    ("", COUNTY, "tunniste puuttuu: anna se muodossa id=etela-savo"),
    ("testi", "", "hyvinvointialueen nimi puuttuu"),
    ("testi", "   ", "hyvinvointialueen nimi puuttuu"),
])
def test_bad_input_is_a_finnish_error_and_writes_nothing(tmp_path, plan_id, county, expected):
    project = tmp_path / "project"
    for name in ("data", "content"):
        shutil.copytree(ROOT / name, project / name)
    before = tree(project)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "ngoplan", "new-plan",
                             str(project), plan_id, county],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("virhe: ") and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert tree(project) == before


def test_make_new_plan_with_bad_input_fails_before_validating(tmp_path):
    project = copy_project(tmp_path)
    before = tree(project)
    result = make(project, "new-plan", "id=kainuu", f"county={COUNTY}")
    assert result.returncode != 0
    assert "data/kainuu/ on jo olemassa" in result.stderr
    assert "virhettä" not in result.stdout and "Ei virheitä" not in result.stdout
    assert tree(project) == before


def test_a_required_key_the_template_cannot_fill_is_named(tmp_path):
    """A schema that gains a required key with no unknown form fails with its path."""
    schemas = tmp_path / "schemas"
    shutil.copytree(ROOT / "schemas", schemas)
    path = schemas / "bodies.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["established"] = {"title": "Perustettu", "type": "integer"}
    schema["required"].append("established")
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(newplan.NewPlanError, match=r"pakollista kohtaa established"):
        newplan.data_file("bodies", "testi", COUNTY, dt.date(2026, 1, 1), directory=schemas)


def test_title_inflects_only_a_name_whose_genitive_is_certain():
    assert newplan.document_title("Kainuun hyvinvointialue") == \
        "Kainuun hyvinvointialueen järjestöyhteistyön suunnitelma"
    assert newplan.document_title("Helsingin kaupunki") == "Järjestöyhteistyön suunnitelma"


def base_dataset(tmp_path: Path, **edits: tuple[str, str]):
    """tests/invalid/base (a ready-to-publish invented site), with text replacements."""
    shutil.copytree(BASE, tmp_path / "data")
    for name, (old, new) in edits.items():
        path = tmp_path / "data" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    dataset, findings = load_dataset(tmp_path)
    assert not [f for f in findings if f.is_error], [f.format() for f in findings]
    return dataset


def warned(dataset) -> set[tuple[str, str]]:
    return {(f.file, f.path) for f in advice.advise(dataset, [advice.check_site_ready_to_publish])}


def test_settled_publication_settings_give_no_warning(tmp_path):
    assert warned(base_dataset(tmp_path)) == set()
    assert advice.check_site_ready_to_publish in advice.CHECKS


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("site", "publisher: Testiaineiston julkaisija", "publisher: {unknown: ei vielä nimetty}",
     {("data/site.yaml", "publisher")}),
    ("site", "uid_domain: vuosikello.testi.example", "uid_domain: vuosikello.testi.invalid",
     {("data/site.yaml", "uid_domain")}),
    ("accessibility", "handler: Testiaineiston palautteen käsittelijä",
     "handler: {unknown: ei vielä nimetty}", {("data/accessibility.yaml", "feedback.handler")}),
    ("accessibility", "email: saavutettavuus@testi.example", "email: {unknown: ei vielä}",
     {("data/accessibility.yaml", "feedback.email")}),
])
def test_each_unsettled_publication_setting_is_warned_about(tmp_path, file, old, new, expected):
    assert warned(base_dataset(tmp_path, **{file: (old, new)})) == expected


def test_the_repository_warns_while_its_publisher_is_not_named():
    dataset, _ = load_dataset(ROOT)
    site = yaml.safe_load((ROOT / "data" / "site.yaml").read_text(encoding="utf-8"))
    found = warned(dataset)
    assert (("data/site.yaml", "publisher") in found) == isinstance(site["publisher"], dict)
    assert (("data/site.yaml", "uid_domain") in found) == site["uid_domain"].endswith(".invalid")


def test_new_plan_shows_how_to_declare_seasons(new_project):
    """A new plan has no seasons; its plan.yaml comment gives the form to add one, since a
    calendar item's season must name one (the error then says the set is empty)."""
    project, _ = new_project
    text = (project / "data" / "testi" / "plan.yaml").read_text(encoding="utf-8")
    assert not re.search(r"^seasons:", text, flags=re.M)
    line = next(x for x in text.splitlines() if x.startswith("# seasons:"))
    assert "[{id: kevat, name: kevät, months: [1, 2, 3, 4, 5]}]" in line
