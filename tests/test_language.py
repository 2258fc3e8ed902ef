"""Generated Finnish (and Swedish) stays grammatical whatever the data holds.

A catalogue text is a sentence with holes. Finnish inflects, so a hole filled from the
data must stand where the form the data gives is right: as a label's value after a colon,
in brackets, or opening the text. A hole never has a suffix glued to it, and a count never
governs a noun (1 kohtaa), because the number is only known when the page is built.
"""

from __future__ import annotations

import re

import pytest

from ngoplan.web.i18n import catalogue

FIELD = re.compile(r"\{(\w+)\}")
# Holes the code fills with text from the data (names, titles, reasons, wordings).
DATA_FIELDS = {"document", "owner", "season", "reason", "text", "title", "wording", "name",
               "organiser", "body"}
# Holes filled with a number: a noun after one would need the singular for 1.
COUNT_FIELDS = {"count", "met", "total", "shown", "hours"}
LANGS = ("fi", "sv")


def _texts(lang):
    return [(key, str(text)) for key, text in catalogue(lang).items()]


@pytest.mark.parametrize("lang", LANGS)
def test_no_hole_has_a_suffix_or_prefix_glued_to_it(lang):
    """'{last}kuu' or 'asiakirja{ssa}' builds a word from a value: the form is a guess."""
    for key, text in _texts(lang):
        for match in FIELD.finditer(text):
            before = text[:match.start()][-1:]
            after = text[match.end():][:1]
            assert not (before.isalpha() or after.isalpha()), (lang, key, text)


@pytest.mark.parametrize("lang", LANGS)
def test_data_values_stand_where_their_given_form_is_right(lang):
    """A value from the data opens the text or stands after a colon, a dash or an opening
    bracket: 'Mainittu asiakirjassa {document}' needs the title in the inessive."""
    for key, text in _texts(lang):
        visible = re.sub(r"<[^>]+>", "", text)
        for match in FIELD.finditer(visible):
            if match.group(1) not in DATA_FIELDS:
                continue
            before = visible[:match.start()].rstrip()
            assert before == "" or before[-1] in ":(–\"”", (lang, key, text)


@pytest.mark.parametrize("lang", LANGS)
def test_no_count_governs_a_noun(lang):
    """'{count} kohtaa' reads '1 kohtaa' for one: a count stands as a label's value (or
    the noun comes from the catalogue in the right number, as {events} does)."""
    for key, text in _texts(lang):
        for match in FIELD.finditer(text):
            if match.group(1) not in COUNT_FIELDS:
                continue
            rest = text[match.end():]
            if rest.startswith(" {"):
                continue  # the noun is itself a hole filled with the right number's form
            if key.endswith((".many", "_many")) and key[:-4] + "one" in catalogue(lang):
                continue  # the plural variant: its singular sibling (".one") covers 1
            if key.endswith("_html") and match.group(1) == "hours":
                continue  # "{hours} tunnin välein": a frequency set once in data/site.yaml, never 1
            assert not re.match(r"\s+[^\W\d_]", rest), (lang, key, text)


def test_labels_are_nouns_not_verbs_waiting_for_a_subject():
    """A definition-list label whose value is a name must not be a verb in the singular:
    'Päättää: Kainuun kunnat' or 'Järjestää: Kainuun kunnat' break with a plural name."""
    fi = catalogue("fi")
    for key in ("grants.decided_by", "grants.decided_by_general", "calendar.organised_by",
                "next.organised_by", "actor.meets", "actors.meets", "contacts.holder",
                "actor.ngo_reps_named_by", "organisations.coordinates", "organisations.proposes",
                "actor.rel_coordinates", "actor.rel_appoints", "actor.related_bodies",
                "monitoring.what"):
        first = fi[key].split()[0].strip(":").lower()
        assert first not in {"päättää", "järjestää", "kokoontuu", "hoitaa", "nimeää",
                             "koordinoi", "asettaa", "liittyy", "on", "seuraa"}, key


def test_every_kind_has_a_plural_label():
    """Names that mean several (plural: true) take the kind's plural: 'Kainuun kunnat' is
    not 'kunta'."""
    for lang in LANGS:
        texts = catalogue(lang)
        for group in ("body_kinds", "network_kinds", "org_kinds"):
            codes = {k.split(".", 1)[1] for k in texts if k.startswith(group + ".")}
            plural = {k.split(".", 1)[1] for k in texts if k.startswith(group + "_plural.")}
            assert codes == plural, (lang, group, codes ^ plural)


def test_swedish_wording_says_what_the_finnish_says():
    """'förfluten punkt' is not Swedish for a past item (passerad); 'faller bort … så att de
    inte hamnar i kalendern' read as if Google dropped occurrences, where the Finnish says
    some occurrences are not held and the file keeps them out."""
    sv = catalogue("sv")
    assert "förfluten" not in sv["wheel.legend_past"]
    assert "faller bort" not in sv["add.no_google_skipped"]
    assert "hålls inte" in sv["add.no_google_skipped"]


def test_print_page_names_the_support_forms_as_the_grants_page_does():
    """The print page's section lists every support form (agreements and premises too), so
    its title is the grants page's 'Tuen muodot', not 'Avustusmuodot'."""
    for lang in LANGS:
        texts = catalogue(lang)
        assert texts["print.part.grant_types"] == texts["grants.types"], lang


@pytest.mark.parametrize("lang", LANGS)
def test_the_countys_grant_page_is_not_called_a_guide(lang):
    """Both plans give the county's web page for grants ('lisätietoja'; criteria published
    there), not a grant guide: the site calls it a page, in the catalogue and the pages'
    own texts."""
    guide = {"fi": "avustusohje", "sv": "bidragsanvisning"}[lang]
    found = [key for key, text in _texts(lang) if guide in text.casefold()]
    assert not found, found
    if lang == "fi":
        from conftest import ROOT
        pages = [p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.md")
                 if guide in p.read_text(encoding="utf-8").casefold()
                 or "avustusten ohjeet" in p.read_text(encoding="utf-8").casefold()]
        assert not pages, pages
