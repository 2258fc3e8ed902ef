"""The accessibility statement: its data claims only checks the browser tests run, its
tool versions are the pinned ones, its sources resolve, and its page renders the data
(unknown contacts as "ei vielä nimetty", an unconfirmed supervisor flagged for staff).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from browser_support import STATEMENT_CHECKS
from conftest import ROOT
from ngoplan.web.context import PageContext
from ngoplan.check.dataset import load_dataset
from ngoplan.parts import accessibility
from ngoplan.check.schemas import raw_schema

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def dataset():
    data, findings = load_dataset(ROOT)
    assert not [f for f in findings if f.file == "data/accessibility.yaml"], findings
    return data


@pytest.fixture
def statement(dataset) -> dict:
    return dataset.site["accessibility"].value


def _context(dataset, statement=None, site=None) -> PageContext:
    """A page context whose site-level data may be replaced (for rendering variants)."""
    fake = copy.copy(dataset)
    fake.site = dict(dataset.site)
    for kind, value in (("accessibility", statement), ("site", site)):
        if value is not None:
            doc = copy.copy(dataset.site[kind])
            doc.value = value
            fake.site[kind] = doc
    return PageContext(fake, None)


def test_statement_lists_exactly_the_checks_the_tests_run(statement):
    claimed = [check["id"] for check in statement["assessment"]["checks"]]
    assert sorted(claimed) == sorted(STATEMENT_CHECKS), (
        "data/accessibility.yaml assessment.checks and tests/browser_support.py "
        "STATEMENT_CHECKS must name the same checks")
    for check, test in STATEMENT_CHECKS.items():
        file, _, name = test.partition("::")
        source = (TESTS / file).read_text(encoding="utf-8")
        assert re.search(rf"^def {re.escape(name)}\(", source, re.M), f"{check}: {test} missing"
        if not file.startswith("test_"):
            # A shared module's tests run where a test module imports them all.
            assert _importers(Path(file).stem), f"{check}: no test module runs {file}"


def _importers(module: str) -> list[str]:
    """The test modules that import every public name of module (its tests and fixtures)."""
    return [path.name for path in sorted(TESTS.glob("test_*.py"))
            if re.search(rf"^from {module} import \*", path.read_text(encoding="utf-8"), re.M)]


def test_the_crawl_parts_are_every_page():
    """The crawl (tests/browser_crawl.py) runs in parts, each a test module with its HALF:
    together they must be the parts 0 .. HALVES - 1, each once, so every page is crawled."""
    import browser_crawl

    halves = []
    for name in _importers("browser_crawl"):
        source = (TESTS / name).read_text(encoding="utf-8")
        halves += [int(half) for half in re.findall(r"^HALF = (\d+)$", source, re.M)]
    assert sorted(halves) == list(range(browser_crawl.HALVES)), halves


def test_statement_tool_versions_are_the_pinned_ones(statement):
    tools = {tool["name"]: tool["version"] for tool in statement["assessment"]["tools"]}
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert tools["axe-core"] == package["devDependencies"]["axe-core"]
    installed = json.loads((ROOT / "node_modules/axe-core/package.json").read_text(encoding="utf-8"))
    assert installed["version"] == tools["axe-core"]
    pins = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert f"playwright=={tools['Playwright']}" in pins.splitlines()


def test_every_source_names_a_listed_document(statement):
    ids = [doc["id"] for doc in statement["documents"]]
    assert len(ids) == len(set(ids))
    sources = [statement["feedback"]["source"], statement["supervisor"]["source"],
               statement["supervisor"]["legal_basis"]]
    assert all(source["document"] in ids for source in sources)


def test_every_schema_property_has_finnish_help():
    """Editors show title and description on hover: every property has both."""
    missing = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, child in node.get("properties", {}).items():
                if not (child.get("title") and child.get("description")):
                    missing.append(".".join(path + [key]))
                walk(child, path + [key])
            if "items" in node:
                walk(node["items"], path + ["[]"])
    walk(raw_schema("accessibility"), [])
    assert not missing


def test_statement_renders_its_data(dataset, statement):
    context = _context(dataset)
    html = "".join(func(context, None) for func in (
        accessibility.status, accessibility.gaps, accessibility.assessment,
        accessibility.feedback, accessibility.supervisor, accessibility.sources))
    assert accessibility.STATUS_LABELS[statement["status"]["level"]] in html
    for check in statement["assessment"]["checks"]:
        assert f'id="tarkistus-{check["id"]}"' in html
    for gap in statement["gaps"]:
        assert f'id="puute-{gap["id"]}"' in html
    assert statement["supervisor"]["name"] in html
    assert statement["supervisor"]["url"] in html
    assert "kahden viikon" in html
    for doc in statement["documents"]:
        assert f'href="{doc["url"]}"' in html


def test_unnamed_publisher_and_contacts_show_as_not_named(dataset, statement):
    site = copy.deepcopy(dataset.site["site"].value)
    site["publisher"] = {"unknown": "Ei päätetty."}
    data = copy.deepcopy(statement)
    data["feedback"]["handler"] = {"unknown": "Ei päätetty."}
    data["feedback"]["email"] = {"unknown": "Ei päätetty."}
    data["feedback"]["form"] = {"unknown": "Sivustolla ei ole palautelomaketta."}
    html = accessibility.feedback(_context(dataset, data, site), None)
    assert html.count(accessibility.NOT_NAMED) == 3
    # A form is not a contact to be named: its reason stands alone.
    assert re.search(r"<dt>Palautelomake</dt>\s*<dd><span class=\"ngo-unknown\">Sivustolla ei ole", html)
    data["feedback"]["email"] = "saavutettavuus@example.fi"
    site["publisher"] = "Esimerkin hyvinvointialue"
    html = accessibility.feedback(_context(dataset, data, site), None)
    assert 'href="mailto:saavutettavuus@example.fi"' in html
    assert "Esimerkin hyvinvointialue" in html


def test_unconfirmed_supervisor_is_flagged_and_confirmed_is_not(dataset, statement):
    data = copy.deepcopy(statement)
    data["supervisor"]["confirmed"] = False
    data["supervisor"]["note"] = "Tarkista tämä."
    flagged = accessibility.supervisor(_context(dataset, data), None)
    assert "Tieto odottaa vahvistusta" in flagged and "Tarkista tämä." in flagged
    data["supervisor"]["confirmed"] = True
    confirmed = accessibility.supervisor(_context(dataset, data), None)
    assert "Tieto odottaa vahvistusta" not in confirmed


def test_text_from_data_is_escaped(dataset, statement):
    data = copy.deepcopy(statement)
    data["gaps"][0]["title"] = "<script>alert(1)</script>"
    html = accessibility.gaps(_context(dataset, data), None)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_unknown_source_document_fails(dataset, statement):
    data = copy.deepcopy(statement)
    data["supervisor"]["source"] = {"document": "ei-ole", "section": "1"}
    with pytest.raises(LookupError, match="ei-ole"):
        accessibility.supervisor(_context(dataset, data), None)


def test_statement_page_has_every_section(built_site):
    html = (built_site / "saavutettavuusseloste" / "index.html").read_text(encoding="utf-8")
    for heading in ("Saavutettavuuden tila", "Tunnetut puutteet", "Miten saavutettavuus on arvioitu",
                    "Palaute ja yhteystiedot", "Valvontaviranomainen"):
        assert f">{heading}</h2>" in html
    assert "<!-- data:" not in html


def test_a_decided_fix_is_not_shown_as_unknown(statement):
    """'Korjaus: ei tiedossa (…ei ole tarkoitus…)' contradicts itself: a fix that is decided
    against is known and is written as text, not {unknown: …}."""
    decided = re.compile(r"ei ole tarkoitus|ei korjata|ei suunnitte", re.I)
    for gap in statement["gaps"]:
        fix = gap["fix"]
        if isinstance(fix, dict) and "unknown" in fix:
            assert not decided.search(fix["unknown"]), gap["id"]
