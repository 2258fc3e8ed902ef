"""The exit path from MkDocs: ProperDocs (pinned in requirements-properdocs.txt, its own
.venv-properdocs) builds the same mkdocs.yml into the same pages and feeds.

A generator that ignored the hooks (Zensical 0.1 does) would "build successfully" without a
single generated page; these tests would fail on that loudly: every page the data makes
must exist, and the search index must hold words that only the data holds.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from ngoplan.check.dataset import load_dataset
from search_support import indexed_pages

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
pytestmark = pytest.mark.slow


def site_files(site: Path) -> set[str]:
    """Every output file but the theme's own assets (the same wheel writes them)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith("assets/")}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    if not PROPERDOCS.exists():
        pytest.fail("ProperDocs puuttuu: aja make test (se asentaa .venv-properdocs-ympäristön) "
                    "tai make .venv-properdocs/.installed")
    site = tmp_path_factory.mktemp("properdocs") / "site"
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "SITE_PREVIEW")}
    result = subprocess.run([str(PROPERDOCS), "build", "--strict", "--config-file",
                             str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return site


def test_properdocs_is_the_pinned_fork_without_mkdocs():
    version = subprocess.run([str(PROPERDOCS), "--version"], capture_output=True, text=True)
    assert "1.6.7" in version.stdout
    # The fork answers `import mkdocs` itself; a real mkdocs in its environment would hide it.
    probe = subprocess.run([str(PROPERDOCS.parent / "python"), "-c",
                            "import importlib.util as u; print(u.find_spec('mkdocs') is None)"],
                           capture_output=True, text=True)
    assert probe.stdout.strip() == "True"


def test_same_pages_feeds_and_data_as_mkdocs(properdocs_site, built_site):
    theirs, ours = site_files(properdocs_site), site_files(built_site)
    assert theirs == ours, {"only ProperDocs": sorted(theirs - ours)[:20],
                            "only MkDocs": sorted(ours - theirs)[:20]}
    feeds = sorted(f for f in ours if f.endswith((".ics", ".json", ".xml")) and "search" not in f)
    assert any(f.endswith("vuosikello.ics") for f in feeds)
    _, mismatch, errors = filecmp.cmpfiles(built_site, properdocs_site, feeds, shallow=False)
    assert not mismatch and not errors, (mismatch, errors)


def test_every_page_the_data_makes_exists(properdocs_site):
    dataset, findings = load_dataset(ROOT)
    assert not [f for f in findings if f.is_error]
    expected = []
    for plan_id, docs in dataset.plans.items():
        expected += [f"{plan_id}/index.html", f"{plan_id}/data.json", f"{plan_id}/vuosikello.ics",
                     f"{plan_id}/muutokset/index.html", f"{plan_id}/tulosta/index.html"]
        for kind, folder in (("bodies", "toimielimet"), ("networks", "verkostot")):
            for entry in docs[kind].value.get(kind, []) if kind in docs else []:
                expected.append(f"{plan_id}/{folder}/{entry['id']}/index.html")
    expected += ["index.html", "vertailu/index.html"]
    missing = [page for page in expected if not (properdocs_site / page).exists()]
    assert not missing, missing
    # Markers were replaced: no page keeps a `data:` comment.
    for page in properdocs_site.rglob("*.html"):
        assert "<!-- data:" not in page.read_text(encoding="utf-8"), page


def indexed_text(site: Path) -> str:
    """All text the site's search holds: each indexed page's title and text (Pagefind's
    bundle, read by tests/search_support.py)."""
    return " ".join(f"{p['meta'].get('title', '')} {p['content']}" for p in indexed_pages(site))


def test_search_index_holds_words_from_the_data(properdocs_site):
    dataset, _ = load_dataset(ROOT)
    text = indexed_text(properdocs_site)
    names = [body["name"] for docs in dataset.plans.values() if "bodies" in docs
             for body in docs["bodies"].value["bodies"] if isinstance(body.get("name"), str)]
    assert len(names) > 5
    missing = [name for name in names if name not in text]
    assert not missing, missing
