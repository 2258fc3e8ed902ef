"""Proofreading with Voikko: the project's own text must pass; data words are warnings.

The word list (data/sanasto.txt) is reviewed here: every entry sits in a section (names,
abbreviations, seed errors), a kept seed error says why, and no entry is a word Voikko
already knows (the list holds only what it must).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spelling_support import unknown_project_words

from ngoplan.check.advice import advise
from ngoplan.check.dataset import load_dataset
from ngoplan.spelling import SECTIONS, WORD_LIST, check_spelling, open_speller, read_word_list, words

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def speller():
    found = open_speller(ROOT)
    assert found is not None, "Voikko puuttuu: make voikko (Debian: voikko-fi, libvoikko1)"
    return found


def test_word_list_is_reviewed(speller):
    entries = read_word_list(ROOT / WORD_LIST)
    assert 40 <= len(entries) <= 200
    seen = set()
    for entry in entries:
        where = f"{WORD_LIST}:{entry.line}"
        assert entry.section in SECTIONS, f"{where}: '{entry.word}' ei ole missään osiossa"
        assert entry.word not in seen, f"{where}: '{entry.word}' on jo luettelossa"
        seen.add(entry.word)
        assert " " not in entry.word, f"{where}: yksi sana riville"
        if entry.section == "lähteen virheet":
            assert entry.note, f"{where}: kerro, missä lähteen virhe on ja miksi se säilytetään"
        # Only what Voikko does not know: otherwise the entry hides nothing and only ages.
        assert not speller.voikko.spell(entry.word), f"{where}: Voikko tuntee jo sanan '{entry.word}'"
    abbreviations = {e.word for e in entries if e.section == "lyhenteet"}
    assert {"JANE", "OLKA", "STEA"} <= abbreviations


@pytest.mark.parametrize("text, unknown", [
    ("Hakemuksia ei käsitellä avustuksta varten.", ["avustuksta"]),
    ("JANEn kokous, JANE:n jäsenet ja STEAlta haettu avustus.", []),
    ("OLKA-toiminta ja sosiaali- ja terveysjärjestöt huhti–kesäkuussa.", []),
    ("Katso https://www.siunsote.fi/jarjestoavustukset tai siunsote.fi/x ja tieto@example.fi.", []),
    ("Xyzzy-toiminta", ["Xyzzy-toiminta"]),
    ("Kausi 2026: 12 kertaa.", []),
])
def test_speller_reads_text_as_a_reader_does(speller, text, unknown):
    assert speller.unknown(text) == unknown


def test_words_keep_hanging_hyphens_and_drop_addresses():
    assert words("sosiaali- ja terveys, EU:n ja www.example.fi") == ["sosiaali-", "ja", "terveys", "EU:n", "ja"]


def test_data_words_are_warnings_with_a_suggestion(tmp_path):
    """A misspelt word in a plan's data gives a warning (never an error) at its value, with
    Voikko's suggestion, in the validator's one-line format."""
    shutil.copytree(ROOT / "tests" / "invalid" / "base", tmp_path / "data")
    shutil.copyfile(ROOT / WORD_LIST, tmp_path / WORD_LIST)
    calendar = tmp_path / "data" / "testi" / "calendar.yaml"
    text = calendar.read_text(encoding="utf-8")
    calendar.write_text(text.replace("title: Testikokous", "title: Testikokous avustuksta varten", 1),
                        encoding="utf-8")
    dataset, errors = load_dataset(tmp_path)
    assert errors == []
    found = [f for f in check_spelling(dataset) if "avustuksta" in f.message]
    assert len(found) == 1
    assert found[0].format().startswith("data/testi/calendar.yaml:5:12: warning: items[0].title: "
                                        "tuntematon sana 'avustuksta' (ehdotus: avustusta)")
    assert not found[0].is_error
    assert found[0] in advise(dataset)


def test_the_real_plans_give_no_spelling_warnings():
    """Both seed plans' data words are known (the audit checks this strictly too)."""
    dataset, _ = load_dataset(ROOT)
    assert [f.format() for f in check_spelling(dataset)] == []


def test_project_text_on_built_pages_is_known(built_site):
    """Templates, catalogues and authored pages, as rendered: every word Voikko knows or
    the word list lists. Words from the data are left to make validate's warnings."""
    assert unknown_project_words(ROOT, built_site) == {}
