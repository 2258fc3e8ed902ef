"""The per-plan changelog, built from a temporary git repository with known revisions."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from ngoplan import history as changelog
from ngoplan.cache import running_cache
from ngoplan.history import describe_data_change, describe_page_change, plan_history

CALENDAR_V1 = """\
items:
  - id: jane-kokous
    title: JANE:n kevätkokous
    kind: meeting
    organisers: [jane]
    audience: [members]
    status: scheduled
    timing:
      exact: {start: 2026-03-10T13:00, end: 2026-03-10T15:00}
    source: {document: suunnitelma, section: "5"}
"""

BODIES_V1 = """\
bodies:
  - id: jane
    name: Järjestöasiain neuvottelukunta
    kind: advisory_board
    purpose: Neuvottelukunta kokoaa järjestöt ja hyvinvointialueen yhteen kaksi kertaa vuodessa.
    composition:
      ngo_seats: 8
    source: {document: suunnitelma, section: "4"}
"""

PAGE_V1 = """\
---
description: Vuosikello.
---

# Vuosikello

Vuoden tapahtumat.

## Näin tilaat

Tilaa kalenteri puhelimeesi.
"""


def git(repo, *args, date=None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Testi", "GIT_AUTHOR_EMAIL": "testi@example.invalid",
           "GIT_COMMITTER_NAME": "Testi", "GIT_COMMITTER_EMAIL": "testi@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True,
                          capture_output=True, text=True, timeout=60).stdout


def write(repo, rel, text):
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(repo, message, date):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory):
    """The plan's start, a moved meeting and more seats, a revision touching only other
    files, a comment-only edit, a page edit plus a new item, and a merged branch."""
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q", "-b", "main")
    write(repo, "data/testi/calendar.yaml", CALENDAR_V1)
    write(repo, "data/testi/bodies.yaml", BODIES_V1)
    write(repo, "content/testi/vuosikello.md", PAGE_V1)
    commit(repo, "start", "2026-01-05T10:00:00+02:00")

    write(repo, "data/testi/calendar.yaml", CALENDAR_V1.replace("2026-03-10T13", "2026-03-17T13")
          .replace("2026-03-10T15", "2026-03-17T15"))
    write(repo, "data/testi/bodies.yaml", BODIES_V1.replace("ngo_seats: 8", "ngo_seats: 9")
          .replace("kaksi kertaa", "kolme kertaa"))
    commit(repo, "moved", "2026-02-14T23:30:00+02:00")

    write(repo, "README.md", "muuta\n")
    write(repo, "data/toinen/plan.yaml", "id: toinen\n")
    commit(repo, "other files only", "2026-03-01T09:00:00+02:00")

    write(repo, "data/testi/bodies.yaml", "# vain kommentti\n" + (repo / "data/testi/bodies.yaml")
          .read_text(encoding="utf-8"))
    commit(repo, "comment only", "2026-03-02T09:00:00+02:00")

    calendar = (repo / "data/testi/calendar.yaml").read_text(encoding="utf-8")
    write(repo, "data/testi/calendar.yaml", calendar + """\
  - id: foorumi
    title: Järjestöfoorumi
    kind: forum
    timing:
      approximate: {year: 2026, wording: kerran syksyllä}
    source: {document: suunnitelma, section: "5"}
""")
    write(repo, "content/testi/vuosikello.md", PAGE_V1.replace("puhelimeesi", "tietokoneeseesi"))
    commit(repo, "page and forum", "2026-04-20T12:00:00+03:00")

    # A pull request merged with a merge commit: the change counts on the merge date.
    git(repo, "switch", "-q", "-c", "ehdotus")
    bodies = (repo / "data/testi/bodies.yaml").read_text(encoding="utf-8")
    write(repo, "data/testi/bodies.yaml", bodies.replace("ngo_seats: 9", "ngo_seats: 10"))
    commit(repo, "seats on a branch", "2026-05-01T10:00:00+03:00")
    git(repo, "switch", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "ehdotus", date="2026-05-03T10:00:00+03:00")
    return repo


def test_revisions_newest_first_with_finnish_dates_and_change_lines(history_repo):
    revisions = plan_history(history_repo, "testi")
    assert [r.date for r in revisions] == ["2026-05-03", "2026-04-20", "2026-02-14", "2026-01-05"]
    merged, newest, moved, start = revisions
    assert merged.changes == ("Toimielin ”Järjestöasiain neuvottelukunta”, järjestöpaikat "
                              "(kokoonpano): ennen 9, nyt 10.",)
    assert "Lisättiin tapahtuma ”Järjestöfoorumi” (”kerran syksyllä”)." in newest.changes
    assert ("Sivu ”Vuosikello”, kohta ”Näin tilaat”: uusi teksti "
            "”Tilaa kalenteri tietokoneeseesi.”.") in newest.changes
    assert ("Tapahtuma ”JANE:n kevätkokous”, ajoitus: ennen 10.3.2026 klo 13.00–15.00, "
            "nyt 17.3.2026 klo 13.00–15.00.") in moved.changes
    assert ("Toimielin ”Järjestöasiain neuvottelukunta”, järjestöpaikat (kokoonpano): "
            "ennen 8, nyt 9.") in moved.changes
    # A changed text is given whole, never as a fragment of a word diff.
    assert ("Toimielin ”Järjestöasiain neuvottelukunta”, tehtävä: uusi teksti ”Neuvottelukunta "
            "kokoaa järjestöt ja hyvinvointialueen yhteen kolme kertaa vuodessa.”.") in moved.changes
    assert len(moved.changes) == 3
    assert any(c.startswith("Tiedot lisättiin: Vuosikello") for c in start.changes)
    assert "Uusi sivu ”Vuosikello”." in start.changes


def test_revisions_without_changes_to_the_plan_do_not_appear(history_repo):
    dates = {r.date for r in plan_history(history_repo, "testi")}
    assert "2026-03-01" not in dates  # only README.md and another plan
    assert "2026-03-02" not in dates  # a comment, no change in the data
    other = plan_history(history_repo, "toinen")
    assert [r.date for r in other] == ["2026-03-01"]


def test_commit_date_is_finnish_local_date(history_repo):
    # 23:30 +02:00 on 14 February is still 14 February in Helsinki, though 21:30 UTC.
    assert "2026-02-14" in {r.date for r in plan_history(history_repo, "testi")}


def test_no_git_history_means_unavailable(tmp_path, history_repo):
    copy = tmp_path / "archive"
    shutil.copytree(history_repo, copy, ignore=shutil.ignore_patterns(".git"))
    assert plan_history(copy, "testi") is None


def test_shallow_clone_means_unavailable(tmp_path, history_repo):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone))
    assert plan_history(clone, "testi") is None


def test_missing_git_binary_means_unavailable(history_repo, monkeypatch):
    monkeypatch.setenv("PATH", "")
    running_cache().memos.forget("history")
    assert plan_history(history_repo, "testi") is None


def test_history_is_cached_by_head(history_repo, monkeypatch):
    first = plan_history(history_repo, "testi")
    calls = []
    real_build = changelog._build
    monkeypatch.setattr(changelog, "_build", lambda *a: calls.append(a) or real_build(*a))
    assert plan_history(history_repo, "testi") == first
    assert calls == []


def test_unknown_and_enum_values_read_as_finnish():
    old = BODIES_V1.replace("ngo_seats: 8", "ngo_seats: {unknown: ei kerrota}").encode()
    new = BODIES_V1.encode()
    assert describe_data_change("bodies", old, new) == [
        "Toimielin ”Järjestöasiain neuvottelukunta”, järjestöpaikat (kokoonpano): "
        "ennen ei tiedossa, nyt 8."]
    cancelled = CALENDAR_V1.replace("status: scheduled", "status: cancelled").encode()
    assert describe_data_change("calendar", CALENDAR_V1.encode(), cancelled) == [
        "Tapahtuma ”JANE:n kevätkokous”, tila: ennen sovittu, nyt peruttu."]


def test_removed_item_and_long_text_rewrite():
    removed = describe_data_change("calendar", CALENDAR_V1.encode(), b"items: []\n")
    assert removed == ["Poistettiin tapahtuma ”JANE:n kevätkokous”."]
    rewritten = BODIES_V1.replace(
        "Neuvottelukunta kokoaa järjestöt ja hyvinvointialueen yhteen kaksi kertaa vuodessa.",
        "Tehtävä on kirjoitettu kokonaan uudelleen, eikä siinä ole enää yhtään samaa sanaa "
        "kuin ennen; lukija näkee vain, että teksti muuttui.")
    lines = describe_data_change("bodies", BODIES_V1.encode(), rewritten.encode())
    assert lines == ["Toimielin ”Järjestöasiain neuvottelukunta”, tehtävä: uusi teksti "
                     "”Tehtävä on kirjoitettu kokonaan uudelleen, eikä siinä ole enää yhtään "
                     "samaa sanaa kuin ennen; lukija näkee vain, että teksti muuttui.”."]


def test_page_whitespace_only_change_is_not_a_change():
    assert describe_page_change("x.md", PAGE_V1.encode(),
                                PAGE_V1.replace("Vuoden tapahtumat.", "Vuoden\ntapahtumat.")
                                .encode()) == []


@pytest.mark.slow
def test_changelog_page_is_built_and_says_history_unavailable_without_git(tmp_path):
    project = copy_project(tmp_path / "project")  # what the build reads, without .git
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for plan in ("pohjois-karjala", "kainuu"):
        html = (site / plan / "muutokset" / "index.html").read_text(encoding="utf-8")
        assert "Muutoshistoria" in html
        assert "historia ei ole saatavilla" in html
        # The Atom feed is still there: valid, no entries, dated by the plan's data.
        import yaml

        updated = yaml.safe_load((project / "data" / plan / "plan.yaml").read_text(encoding="utf-8"))["updated"]
        feed = ET.fromstring((site / plan / "muutokset.xml").read_bytes())
        assert feed.find(f"{ATOM}entry") is None
        assert feed.find(f"{ATOM}updated").text == f"{updated}T00:00:00+00:00"


def test_fragment_renders_days_with_finnish_dates_escaped(history_repo):
    from ngoplan.web.context import PageContext
    from ngoplan.check.dataset import Dataset
    from ngoplan.parts.changelog import plan_changelog

    html = plan_changelog(PageContext(Dataset(root=history_repo), "testi"), None)
    assert '<time datetime="2026-04-20">20.4.2026</time>' in html
    assert '<time datetime="2026-01-05">5.1.2026</time>' in html
    assert html.index("3.5.2026") < html.index("20.4.2026") < html.index("14.2.2026") \
        < html.index("5.1.2026")
    assert "1.5.2026" not in html  # the branch commit's own date is not the published date
    assert "”JANE:n kevätkokous”" in html  # text from YAML went through the template
    assert "historia ei ole saatavilla" not in html


def test_generated_page_per_plan_carries_the_marker():
    from ngoplan.check.dataset import Dataset
    from ngoplan.parts.changelog import changelog_pages
    from ngoplan.web.context import BuildState
    from ngoplan.web.registry import SiteInfo

    pages = list(changelog_pages(BuildState(Dataset(root=ROOT, plans={"a": {}, "b": {}}),
                                            SiteInfo(url="https://example.invalid/"))))
    assert [p.src_uri for p in pages] == ["a/muutokset.md", "b/muutokset.md"]
    assert all("<!-- data:plan-changelog -->" in p.content and "description:" in p.content
               for p in pages)


ORGANISATIONS_V1 = """\
organisations:
  - id: alue
    name: Testilän hyvinvointialue
    kind: county
"""

LAWS_V1 = """\
laws:
  - id: laki-x
    name: Laki järjestöyhteistyöstä
    kind: act
    sections:
      - section: 7 §
        requirement: Alueen on kuultava järjestöjä.
      - section: 9 §
        requirement: Alueen on tiedotettava järjestöille.
"""


@pytest.fixture(scope="module")
def reference_repo(tmp_path_factory):
    """A reference added while the organisation had its first name, renamed later; a law's
    section rewritten; an audience made unknown."""
    repo = tmp_path_factory.mktemp("refs")
    git(repo, "init", "-q", "-b", "main")
    write(repo, "data/testi/organisations.yaml", ORGANISATIONS_V1)
    write(repo, "data/testi/calendar.yaml", CALENDAR_V1)
    write(repo, "data/testi/legislation.yaml", LAWS_V1)
    commit(repo, "start", "2026-01-05T10:00:00+02:00")
    write(repo, "data/testi/calendar.yaml", CALENDAR_V1.replace("[jane]", "[jane, alue]"))
    commit(repo, "organiser", "2026-02-05T10:00:00+02:00")
    write(repo, "data/testi/organisations.yaml", ORGANISATIONS_V1.replace("Testilän", "Uusi"))
    commit(repo, "renamed", "2026-03-05T10:00:00+02:00")
    write(repo, "data/testi/legislation.yaml",
          LAWS_V1.replace("kuultava järjestöjä", "kuultava järjestöjä vuosittain"))
    commit(repo, "section", "2026-04-05T10:00:00+02:00")
    write(repo, "data/testi/calendar.yaml", CALENDAR_V1.replace("[jane]", "[jane, alue]")
          .replace("audience: [members]", "audience: [unknown]"))
    commit(repo, "audience", "2026-05-05T10:00:00+02:00")
    return repo


def _changes(repo, date):
    return next(r.changes for r in plan_history(repo, "testi") if r.date == date)


def test_reference_shows_the_name_at_that_revision(reference_repo):
    lines = _changes(reference_repo, "2026-02-05")
    assert lines == ("Tapahtuma ”JANE:n kevätkokous”, järjestäjät: lisättiin "
                     "”Testilän hyvinvointialue”.",)
    assert not any("”alue”" in line for line in lines)


def test_list_entry_reads_as_a_phrase_not_a_position(reference_repo):
    lines = _changes(reference_repo, "2026-04-05")
    assert len(lines) == 1
    assert lines[0].startswith("Laki ”Laki järjestöyhteistyöstä”, pykälä 7 §, vaatimus: ")
    assert "pykälät 1" not in lines[0] and "requirement" not in lines[0]
    assert not re.search(r"\(\w+ \d+\)", lines[0])


def test_enum_change_shows_the_catalogue_label(reference_repo):
    from ngoplan.web import i18n

    lines = _changes(reference_repo, "2026-05-05")
    assert lines == (f"Tapahtuma ”JANE:n kevätkokous”, kenelle: lisättiin "
                     f"{i18n.label('audiences', 'unknown')}; poistettiin "
                     f"{i18n.label('audiences', 'members')}.",)
    assert "(" not in lines[0]


def test_unknown_id_falls_back_to_the_id_in_quotes():
    changed = CALENDAR_V1.replace("[jane]", "[jane, tuntematon]").encode()
    assert describe_data_change("calendar", CALENDAR_V1.encode(), changed,
                                names={"jane": "JANE"}) == [
        "Tapahtuma ”JANE:n kevätkokous”, järjestäjät: lisättiin ”tuntematon”."]


def test_a_single_reference_field_shows_the_name_not_the_id():
    """A field holding one id ({$ref: id, x-ref: laws}) reads as the entity's name, as a
    list of ids does: 'lisättiin laki ”Laki järjestöyhteistyöstä”', never the raw id."""
    with_basis = BODIES_V1.replace("    source:", "    coordinator: alue\n"
                                   "    legal_basis:\n      - law: laki-x\n    source:")
    lines = describe_data_change("bodies", BODIES_V1.encode(), with_basis.encode(),
                                 names={"laki-x": "Laki järjestöyhteistyöstä",
                                        "alue": "Testilän hyvinvointialue"})
    text = " ".join(lines)
    assert "”Laki järjestöyhteistyöstä”" in text and "”Testilän hyvinvointialue”" in text, lines
    assert "laki-x" not in text and "”alue”" not in text, lines


GOALS_V1 = """\
goals:
  - id: olka
    text: Varmistetaan OLKA-toiminnan jatkuminen ja sen edellytykset.
    period: {start: 2025, end: 2028}
    status:
      unknown: Asiakirja ei kerro tavoitteiden tilaa.
    source: {document: suunnitelma, section: "6.1"}
"""


def test_a_goal_text_change_names_the_goal_once():
    """A goal's text field is titled like the goal: 'Tavoite: uusi teksti ”…”', not
    'Tavoite, tavoite: …'."""
    changed = GOALS_V1.replace("ja sen edellytykset", "ja jatkumisen edellytykset")
    lines = describe_data_change("goals", GOALS_V1.encode(), changed.encode())
    assert lines and all(not re.match(r"(\w+), \1:", line, re.I) for line in lines), lines
    assert any("jatkumisen edellytykset" in line for line in lines), lines


# --- sentences a reader understands (no fragments, nothing empty) ----------------------

def test_a_rewording_says_the_wording_was_clarified():
    reworded = BODIES_V1.replace("kaksi kertaa vuodessa.", "kaksi kertaa vuodessa")
    assert describe_data_change("bodies", BODIES_V1.encode(), reworded.encode()) == [
        "Toimielin ”Järjestöasiain neuvottelukunta”, tehtävä: sanamuotoa tarkennettiin."]
    spaced = BODIES_V1.replace("kaksi kertaa", "kaksi  kertaa")
    assert describe_data_change("bodies", BODIES_V1.encode(), spaced.encode()) == []


def test_list_entries_are_quoted_whole():
    long_task = ("Päättää käytössään olevien määrärahojen rajoissa järjestöjen ja yhdistysten "
                 "toiminta-avustuksista sekä kumppanuussopimuksista.")
    old = BODIES_V1 + "    tasks:\n      - Kokoontuu.\n"
    new = BODIES_V1 + f"    tasks:\n      - Kokoontuu.\n      - {long_task}\n"
    lines = describe_data_change("bodies", old.encode(), new.encode())
    assert lines == [f"Toimielin ”Järjestöasiain neuvottelukunta”, tehtävät: lisättiin ”{long_task}”."]


def test_page_sections_never_quote_markup_or_fragments():
    marked = PAGE_V1.replace("Tilaa kalenteri puhelimeesi.",
                             "Tilaa [kalenteri](tilaa.md) puhelimeesi.\n\n<!-- data:x -->")
    lines = describe_page_change("vuosikello.md", PAGE_V1.encode(), marked.encode())
    assert lines == ["Sivu ”Vuosikello”, kohta ”Näin tilaat”: tekstiä muutettiin."]
    emptied = PAGE_V1.replace("## Näin tilaat\n", "## \n")
    assert all("””" not in line for line in
               describe_page_change("vuosikello.md", PAGE_V1.encode(), emptied.encode()))


def test_no_sentence_in_the_real_history_is_a_fragment():
    """Over this repository's own history: no word-diff fragments, no clipped text, no
    empty quotes, and every sentence ends as a sentence."""
    for plan in ("pohjois-karjala", "kainuu"):
        revisions = plan_history(ROOT, plan)
        if revisions is None:
            pytest.skip("no full git history in this checkout")
        for revision in revisions:
            assert revision.changes
            for line in revision.changes:
                assert "muutettiin muotoon" not in line and "…”" not in line, line
                assert "””" not in line and line.endswith("."), line


def test_changelog_page_has_no_empty_heading(history_repo):
    from ngoplan.web.context import PageContext
    from ngoplan.check.dataset import Dataset
    from ngoplan.parts.changelog import plan_changelog

    html = plan_changelog(PageContext(Dataset(root=history_repo), "testi"), None)
    for section in re.findall(r"<section.*?</section>", html, re.S):
        assert re.search(r"<h2[^>]*>.*\S.*</h2>", section) and "<li>" in section


# --- personal data does not come back through the history ------------------------------

PLAN_V1 = """\
id: testi
authors:
  - name: Anna Esimerkkinen
    organisation: Testiyhdistys ry
contacts:
  - id: yhdyshenkilo
    role: Järjestöyhdyshenkilö
    holder: Ville Poistettava
    email: ville.poistettava@example.invalid
    source: {document: suunnitelma, section: "3"}
"""


@pytest.fixture(scope="module")
def personal_repo(tmp_path_factory):
    """A contact person and an author who are later removed from the data."""
    repo = tmp_path_factory.mktemp("personal")
    git(repo, "init", "-q", "-b", "main")
    write(repo, "data/testi/plan.yaml", PLAN_V1)
    commit(repo, "start", "2026-01-05T10:00:00+02:00")
    write(repo, "data/testi/plan.yaml", PLAN_V1.replace(
        "contacts:", "  - name: Toinen Laatija\n    organisation: X\ncontacts:"))
    commit(repo, "second author", "2026-02-05T10:00:00+02:00")
    write(repo, "data/testi/plan.yaml", PLAN_V1.replace("holder: Ville Poistettava", "holder: Uusi Hoitaja"))
    commit(repo, "new holder", "2026-03-05T10:00:00+02:00")
    write(repo, "data/testi/plan.yaml", """\
id: testi
authors:
  - name: Toinen Laatija
    organisation: X
contacts:
  - id: yhdyshenkilo
    role: Järjestöyhdyshenkilö
    holder: {unknown: ei nimetty}
    source: {document: suunnitelma, section: "3"}
""")
    commit(repo, "people removed", "2026-04-05T10:00:00+02:00")
    return repo


GONE = ("Anna Esimerkkinen", "Ville Poistettava", "ville.poistettava@example.invalid",
        "Uusi Hoitaja")


def test_removed_names_and_addresses_do_not_come_back(personal_repo):
    revisions = plan_history(personal_repo, "testi")
    text = "\n".join(line for revision in revisions for line in revision.changes)
    assert len(revisions) == 4
    for value in GONE:
        assert value not in text, value
    assert "Toinen Laatija" in text  # still in the data: may be named
    assert "Yhteystieto ”Järjestöyhdyshenkilö”, tehtävänimike: tieto muuttui." in text


def test_old_values_of_contact_fields_are_never_shown(personal_repo):
    # Even while the new holder is in the data, the old one is not repeated.
    old, new = PLAN_V1.encode(), PLAN_V1.replace("Ville Poistettava", "Uusi Hoitaja").encode()
    lines = describe_data_change("plan", old, new)
    assert lines == ["Yhteystieto ”Järjestöyhdyshenkilö”, tehtävänimike: nyt ”Uusi Hoitaja”."]


def test_changes_since_hides_removed_people_too(personal_repo):
    from ngoplan.history import changes_since

    changes = changes_since(personal_repo, "HEAD~3")
    text = "\n".join(changes["testi"])
    assert changes and all(value not in text for value in GONE), text


# --- make changes -----------------------------------------------------------------------

def test_changes_since_speaks_in_sentences_by_plan(history_repo, tmp_path):
    from ngoplan.history import changes_since

    assert changes_since(history_repo, "HEAD") == {}
    changes = changes_since(history_repo, "HEAD~1")
    assert changes == {"testi": ["Toimielin ”Järjestöasiain neuvottelukunta”, järjestöpaikat "
                                 "(kokoonpano): ennen 9, nyt 10."]}


def test_changes_since_reads_the_working_tree(tmp_path, history_repo):
    from ngoplan.history import changes_since

    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(history_repo), str(work))
    bodies = (work / "data/testi/bodies.yaml").read_text(encoding="utf-8")
    write(work, "data/testi/bodies.yaml", bodies.replace("ngo_seats: 10", "ngo_seats: 12"))
    write(work, "data/uusi/plan.yaml", "id: uusi\n")
    changes = changes_since(work, "HEAD")
    assert list(changes) == ["testi", "uusi"]
    assert changes["testi"] == ["Toimielin ”Järjestöasiain neuvottelukunta”, järjestöpaikat "
                                "(kokoonpano): ennen 10, nyt 12."]


def test_changes_cli_errors_are_finnish(tmp_path, history_repo):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    for root, revision, words in ((history_repo, "ei-tallaista", "Versiota 'ei-tallaista' ei löydy"),
                                  (tmp_path, "HEAD", "Versiohistoriaa ei löydy")):
        result = subprocess.run([sys.executable, "-m", "ngoplan", "changes", revision, str(root)],
                                capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 2 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    result = subprocess.run([sys.executable, "-m", "ngoplan", "changes", "HEAD~1", str(history_repo)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "järjestöpaikat (kokoonpano): ennen 9, nyt 10." in result.stdout


# --- the Atom feed (<plan>/muutokset.xml) ----------------------------------------------

import datetime as dt  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"


def _atom(repo, site_url="https://esimerkki.invalid/", revisions="history"):
    from ngoplan.feeds import atom

    ctx = atom.AtomContext(
        plan_id="testi", county="Testin hyvinvointialue", uid_domain="testi.invalid",
        site_url=site_url, plan_updated=dt.date(2026, 6, 1),
        page_urls={"vuosikello": f"{site_url}testi/vuosikello/"},
        page_titles={"vuosikello": "Vuosikello"}, changelog_url=f"{site_url}testi/muutokset/")
    return atom.changes_feed(plan_history(repo, "testi") if revisions == "history" else revisions,
                             ctx)


def _check_rfc4287(data: bytes) -> ET.Element:
    """RFC 4287's required elements, read with a plain XML parser."""
    root = ET.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert root.find(f"{ATOM}author/{ATOM}name").text  # no entry has its own author
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        alternates = [link for link in entry.findall(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) <= 1 and (alternates or entry.find(f"{ATOM}content") is not None)
        dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
    dt.datetime.fromisoformat(root.find(f"{ATOM}updated").text)
    return root


def test_atom_feed_parses_and_has_one_entry_per_revision(history_repo):
    import feedparser

    data = _atom(history_repo)
    _check_rfc4287(data)
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    revisions = plan_history(history_repo, "testi")
    assert len(parsed.entries) == len(revisions) == 4
    for entry, revision in zip(parsed.entries, revisions):
        assert entry.id == f"tag:testi.invalid,2026:testi/{revision.commit}"
        assert entry.link == f"https://esimerkki.invalid/testi/muutokset/#muutokset-{revision.date}"
        assert dt.datetime(*entry.updated_parsed[:6], tzinfo=dt.timezone.utc).timestamp() \
            == revision.timestamp  # dated by the commit
        for line in revision.changes:
            assert line in entry.content[0].value
    assert parsed.feed.updated.startswith("2026-05-03T")
    newest = parsed.entries[1].content[0].value  # the page edit links the page
    assert 'href="https://esimerkki.invalid/testi/vuosikello/"' in newest


def test_atom_ids_are_stable_across_builds_and_site_moves(history_repo):
    first, again = _atom(history_repo), _atom(history_repo)
    assert first == again
    moved = _atom(history_repo, site_url="https://jarjestot.example.invalid/")
    ids = [e.find(f"{ATOM}id").text for e in ET.fromstring(first).iter(f"{ATOM}entry")]
    assert ids == [e.find(f"{ATOM}id").text for e in ET.fromstring(moved).iter(f"{ATOM}entry")]
    assert ET.fromstring(first).find(f"{ATOM}id").text == \
        ET.fromstring(moved).find(f"{ATOM}id").text == "tag:testi.invalid,2026:testi/muutokset"


def test_atom_feed_without_history_is_valid_and_empty(tmp_path, history_repo):
    import feedparser

    data = _atom(tmp_path, revisions=None)
    root = _check_rfc4287(data)
    assert root.find(f"{ATOM}entry") is None
    assert root.find(f"{ATOM}updated").text == "2026-06-01T00:00:00+00:00"  # the plan's date
    assert not feedparser.parse(data).bozo
    copy = tmp_path / "archive"
    shutil.copytree(history_repo, copy, ignore=shutil.ignore_patterns(".git"))
    assert _atom(copy) == data


def test_atom_feed_does_not_republish_removed_people(personal_repo):
    from ngoplan.feeds import atom

    ctx = atom.AtomContext(plan_id="testi", county="T", uid_domain="t.invalid",
                           site_url="https://t.invalid/", plan_updated=dt.date(2026, 1, 1),
                           page_urls={}, page_titles={}, changelog_url="https://t.invalid/m/")
    text = atom.changes_feed(plan_history(personal_repo, "testi"), ctx).decode("utf-8")
    assert "<entry>" in text
    for value in GONE:
        assert value not in text


def test_built_site_announces_the_change_feed_on_plan_pages(built_site):
    import feedparser

    for plan in ("pohjois-karjala", "kainuu"):
        feed = (built_site / plan / "muutokset.xml").read_bytes()
        _check_rfc4287(feed)
        assert not feedparser.parse(feed).bozo
        for page, href in (("index.html", "muutokset.xml"),
                           ("vuosikello/index.html", "../muutokset.xml"),
                           ("toimielimet/index.html", "../muutokset.xml")):
            html = (built_site / plan / page).read_text(encoding="utf-8")
            # Relative: Material's script fetches sitemap.xml beside every alternate link,
            # which must stay on the host that serves the site, and find a file there.
            assert (f'<link rel="alternate" type="application/atom+xml" href="{href}"'
                    in html), (plan, page)
        sitemap = ET.fromstring((built_site / plan / "sitemap.xml").read_bytes())
        assert sitemap.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
        assert len(sitemap) == 2
        html = (built_site / plan / "muutokset" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<a href="\.\./muutokset\.xml" type="application/atom\+xml">'
                         r'Seuraa muutoksia</a>', html)
    front = (built_site / "index.html").read_text(encoding="utf-8")
    assert "application/atom+xml" not in front  # not a plan's page


def test_wording_flags_are_not_news_and_unnamed_entries_show_their_fields():
    plural = BODIES_V1.replace("    kind: advisory_board\n", "    kind: advisory_board\n    plural: true\n")
    assert describe_data_change("bodies", BODIES_V1.encode(), plural.encode()) == []
    old = BODIES_V1.replace("      ngo_seats: 8\n", "      ngo_seats: 8\n      expert_members:\n"
                            "        - Hyvinvointialueen asiantuntija\n")
    new = BODIES_V1.replace("      ngo_seats: 8\n", "      ngo_seats: 8\n      expert_members:\n"
                            "        - {who: Hyvinvointialue, count: 2}\n")
    lines = describe_data_change("bodies", old.encode(), new.encode())
    assert not any(line.endswith("lisättiin kohta.") for line in lines), lines
    assert any("Hyvinvointialue" in line and "2" in line for line in lines), lines


def test_make_changes_says_the_four_staff_edits_in_one_sentence_each(tmp_path):
    """The pull request summary for the audit's four correct staff edits (a seat count,
    a new body, a dated meeting, a renamed network): exactly one sentence per edit."""
    from audit.test_staff_edits import EDITS

    project = tmp_path / "project"
    for name in ("data", "content"):
        shutil.copytree(ROOT / name, project / name)
    git(project, "init", "-q", "-b", "main")
    commit(project, "published", "2026-11-01T10:00:00+02:00")
    for rel, old, new in EDITS:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:  # e.g. inside the audit's copy, where the edits are made
            pytest.skip(f"{rel} no longer holds the text the audit's edit changes")
        path.write_text(text.replace(old, new), encoding="utf-8")
    commit(project, "four edits", "2026-11-02T10:00:00+02:00")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    result = subprocess.run([sys.executable, "-m", "ngoplan", "changes", "HEAD~1", str(project)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert lines == [
        "- Lisättiin toimielin ”Järjestöyhteistyön koordinaatioryhmä”.",
        "- Lisättiin tapahtuma ”JANEn kokous” (10.3.2026 klo 13.00–15.00).",
        "- Verkosto ”Kainuun järjestötyöntekijöiden verkosto”, nimi: ennen ”Kainuun "
        "järjestöammattilaisten verkosto”, nyt ”Kainuun järjestötyöntekijöiden verkosto”.",
        "- Toimielin ”Pohjois-Karjalan järjestöasiain neuvottelukunta”, järjestöpaikat "
        "(kokoonpano): ennen 16, nyt 18.",
    ], result.stdout
    assert "## Kainuun hyvinvointialue (kainuu)" in result.stdout
    assert result.stdout.index("(kainuu)") < result.stdout.index("(pohjois-karjala)")
