"""Facts the Kainuu plan document states, checked in the loaded data.

Each test names the seed's section; a wrong edit of data/kainuu/ fails here.
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from ngoplan.check.dataset import load_dataset  # noqa: E402

PLAN = "kainuu"
SEASON_MONTHS = {"kevat": [1, 2, 3, 4, 5], "syksy": [8, 9, 10, 11, 12]}


@pytest.fixture(scope="module")
def kainuu():
    dataset, findings = load_dataset(ROOT)
    mine = [f for f in findings if "data/kainuu/" in f.format()]
    assert not mine, "\n".join(f.format() for f in mine)
    return {kind: doc.value for kind, doc in dataset.plans["kainuu"].items()}


def by_id(entries):
    return {entry["id"]: entry for entry in entries}


def unknown(value) -> bool:
    return isinstance(value, dict) and set(value) <= {"unknown", "source"} and bool(value.get("unknown"))


def test_every_data_kind_is_present(kainuu):
    assert set(kainuu) == {"plan", "bodies", "networks", "organisations", "calendar", "grants",
                           "legislation", "monitoring", "goals", "cooperation"}


def test_approval_period_and_date_unknown_update_yearly(kainuu):
    plan = kainuu["plan"]
    assert unknown(plan["approval"]) and plan["approval"]["source"]["document"] == "suunnitelma"
    assert unknown(plan["period"])
    document = by_id(plan["documents"])["suunnitelma"]
    assert unknown(document["date"])
    assert plan["update_rhythm"]["wording"] == "vuosittain"


def test_guiding_documents_and_their_periods(kainuu):
    docs = by_id(kainuu["plan"]["guiding_documents"])
    assert docs["hyvinvointialueen-strategia"]["period"] == {"start": 2022, "end": 2025}
    assert docs["osallisuusohjelma"]["period"] == {"start": 2022, "end": 2029}
    assert docs["osallisuussuunnitelma"]["period"] == {"start": 2025, "end": 2029}
    assert docs["omavalvontasuunnitelma"]["kind"] == "self_monitoring_plan"


def test_scope_excludes_parishes_and_contract_fire_brigades(kainuu):
    texts = " ".join(note["text"] for note in kainuu["plan"]["scope_notes"])
    assert "seurakun" in texts and "sopimuspalokun" in texts


def test_four_values_with_meanings(kainuu):
    values = kainuu["plan"]["values"]
    assert [v["name"] for v in values] == ["Vastuullisuus", "Avoimuus", "Luotettavuus",
                                           "Oikeudenmukaisuus"]
    assert all(isinstance(v["meaning"], str) and len(v["meaning"]) > 40 for v in values)


def test_contact_deputy_and_six_coordination_task_groups(kainuu):
    contact = by_id(kainuu["plan"]["contacts"])["jarjestoyhdyshenkilo"]
    assert "terveyden edistämisen erikoissuunnittelija" in contact["holder"]
    assert contact["deputy"] == "Sosiaalialan erikoissuunnittelija"
    assert len(contact["tasks"]) == 6


def test_placeholder_link_is_unknown_not_a_link(kainuu):
    channels = by_id(kainuu["plan"]["channels"])
    web = channels["kanava-verkkosivut"]["url"]
    assert unknown(web) and "tähän linkki" in web["unknown"]
    for channel in channels.values():
        assert "tähän linkki" not in str(channel.get("url", "")) or unknown(channel["url"])
    assert channels["kanava-kirjaamo"]["url"] == "https://hyvinvointialue.kainuu.fi/kirjaamo"
    for ident in ("kanava-digitaulut", "kanava-sosiaalinen-media"):
        assert "sovitusti, viestinnän kautta" in channels[ident]["note"]


def test_seasons_are_the_display_convention(kainuu):
    seasons = {s["id"]: s["months"] for s in kainuu["plan"]["seasons"]}
    assert seasons == SEASON_MONTHS


def test_jane_fourteen_ngo_seats_two_experts_meets_spring_and_autumn(kainuu):
    jane = by_id(kainuu["bodies"]["bodies"])["jane"]
    assert jane["kind"] == "advisory_board"
    assert jane["composition"]["ngo_seats"] == 14
    assert len(jane["composition"]["expert_members"]) == 2
    assert jane["composition"]["current_members"].startswith("https://www.kainuu.fi/")
    assert "2–3 kertaa keväällä" in jane["rhythm"]["wording"]
    assert "syksyllä" in jane["rhythm"]["wording"]


def test_three_committees_set_by_regional_council_for_2025_2029(kainuu):
    committees = [b for b in kainuu["bodies"]["bodies"] if b["kind"] == "committee"]
    assert len(committees) == 3
    for committee in committees:
        assert committee["appointed_by"] == "aluevaltuusto"
        assert committee["term"] == {"start": 2025, "end": 2029}


def test_statutory_influence_bodies_rest_on_611_2021(kainuu):
    bodies = by_id(kainuu["bodies"]["bodies"])
    for ident in ("vanhusneuvosto", "vammaisneuvosto", "nuorisovaltuusto"):
        assert bodies[ident]["kind"] == "council"
        assert [b["law"] for b in bodies[ident]["legal_basis"]] == ["laki-hyvinvointialueesta"]


def test_yearly_negotiations_with_possible_ngo_representation(kainuu):
    talks = by_id(kainuu["bodies"]["bodies"])["hva-kunta-hyte-neuvottelut"]
    assert talks["kind"] == "negotiation"
    assert talks["rhythm"]["per_year"] == {"min": 1, "max": 1}


def test_networks_as_the_plan_names_them(kainuu):
    networks = by_id(kainuu["networks"]["networks"])
    partnership = [n for n in networks.values() if n["kind"] == "partnership_network"]
    assert len(partnership) == 5
    assert all(n["proposed_by"] == "jane" for n in partnership)
    assert networks["jarjestoammattilaisten-verkosto"]["rhythm"]["wording"] == "2 kertaa keväällä ja syksyllä"
    olka = networks["olka-kainuu"]
    assert olka["coordinator"] == "kainuun-sotu" and "2024–2026" in olka["funding"]
    assert networks["kuntien-jarjestoillat"]["rhythm"]["per_year"] == {"min": 1, "max": 2}
    assert networks["kuntien-jarjestoillat"]["coordinator"] == "kainuun-kunnat"


def test_six_laws_with_finlex_addresses(kainuu):
    laws = by_id(kainuu["legislation"]["laws"])
    numbers = {law.get("number") for law in laws.values()}
    assert numbers == {"611/2021", "612/2021", "1301/2014", "812/2000", "410/2015", None}
    gdpr = [law for law in laws.values() if law["kind"] == "eu_regulation"]
    assert len(gdpr) == 1 and "number" not in gdpr[0]
    for law in laws.values():
        if "number" in law:
            number, year = law["number"].split("/")
            assert law["url"] == f"https://www.finlex.fi/fi/lainsaadanto/{year}/{number}"
    assert [s["section"] for s in laws["laki-hyvinvointialueesta"]["sections"]] == ["14 §"]
    assert [s["section"] for s in laws["laki-sote-jarjestamisesta"]["sections"]] == ["7 §", "10 §"]
    external = {d["id"] for d in kainuu["plan"]["documents"] if d.get("external")}
    assert {law["url_source"]["document"] for law in laws.values()} <= external


def test_grant_rules_are_kainuus(kainuu):
    grants = kainuu["grants"]
    assert [c["statement"] for c in grants["common_criteria"]] == [
        "Yhdistys on rekisteröitynyt Lähellä.fi-palveluun."]
    assert grants["decided_by"] == "aluehallitus"
    assert grants["guidance"] == "https://hyvinvointialue.kainuu.fi/jarjestoyhteistyo"
    assert kainuu["plan"]["grant_guidance"] == grants["guidance"]
    types = by_id(grants["grant_types"])
    operating = types["toiminta-avustus"]
    assert [e["grant"] for e in operating["exclusions"]] == ["kumppanuusavustus"]
    partnership = types["kumppanuusavustus"]
    assert {c["organisation"] for c in partnership["co_funders"]} == {
        "stea", "kainuun-ely-keskus", "kainuun-kunnat"}
    for grant in (operating, partnership):
        assert unknown(grant["application_period"])
        assert "ilmoitettuna hakuaikana" in grant["application_period"]["unknown"]
    premises = types["maksuttomat-toimitilat"]
    assert premises["kind"] == "in_kind"
    assert premises["decided_by"] == "toimitiloista-vastaava-esihenkilo"


def test_no_calendar_item_has_an_exact_date_or_invented_month(kainuu):
    items = kainuu["calendar"]["items"]
    assert items
    for item in items:
        timing = item["timing"]
        assert set(timing) <= {"approximate", "rhythm"}, item["id"]
        assert "month" not in timing.get("approximate", {}), item["id"]
        assert "updated" in item


def test_year_clock_seasons_and_counts(kainuu):
    items = by_id(kainuu["calendar"]["items"])
    for season in ("kevat", "syksy"):
        jane = items[f"jane-{season}-2026"]["timing"]["approximate"]
        assert (jane["year"], jane["season"], jane["count"]) == (2026, season, {"min": 2, "max": 3})
        pros = items[f"ammattilaisverkosto-{season}-2026"]["timing"]["approximate"]
        assert (pros["season"], pros["count"]) == (season, {"min": 2, "max": 2})
    assert items["hva-kunta-hyte-neuvottelut-2026"]["timing"]["rhythm"]["wording"] == "kerran vuodessa"
    assert items["kuntien-jarjestoillat-2026"]["timing"]["rhythm"]["wording"] == "noin 1–2 kertaa vuodessa"
    periods = [i for i in items.values() if i["kind"] == "application_period"]
    assert {i["timing"]["rhythm"]["wording"] for i in periods} == {"ilmoitettuna hakuaikana"}
    assert len(periods) == 2


def test_monitoring_indicators_without_values_and_six_criteria(kainuu):
    monitoring = kainuu["monitoring"]
    indicators = by_id(monitoring["indicators"])
    assert set(indicators) == {"avustustiedot", "avustukset-per-asukas", "kokemustoiminta"}
    assert all(unknown(i["values"]) for i in indicators.values())
    assert indicators["avustukset-per-asukas"]["frequency"] == "valtuustokausittain"
    tool = by_id(monitoring["evaluation_tools"])["yhteistyo-tuokio"]
    assert tool["criteria"] == ["Osallistuminen", "Vuorovaikutus", "Tavoitteellisuus", "Rakenteet",
                                "Tiedon hyödyntäminen", "Johdon tuki yhteistyölle"]
    urls = [link["url"] for link in tool["links"]]
    assert "https://ulapland.fi/wp-content/uploads/sites/3/2025/05/yhteistyotuokio.pdf" in urls


def test_goals_invent_nothing(kainuu):
    goals = kainuu["goals"]["goals"]
    assert len(goals) == 1
    assert unknown(goals[0]["status"]) and unknown(goals[0]["period"])


def test_cooperation_levels_and_example_services(kainuu):
    sections = by_id(kainuu["cooperation"]["sections"])
    for ident, section in (("hyvinvointialueen-taso", "6.1"), ("toimialueet", "6.2"),
                           ("palvelualueet", "6.3"), ("alueellinen-taso", "6.4")):
        assert sections[ident]["source"]["section"].startswith(section)
    assert len(sections["jarjestotoiminta-kainuussa"]["points"]) == 14


def test_every_entity_cites_the_plan_or_an_external_source(kainuu):
    documents = {d["id"] for d in kainuu["plan"]["documents"]}

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("source"), dict):
                assert value["source"]["document"] in documents, value["source"]
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for kind, data in kainuu.items():
        walk(data)
        for key in ("bodies", "networks", "organisations", "items", "grant_types", "laws",
                    "sections", "indicators", "evaluation_tools", "goals", "followers"):
            for entry in data.get(key, []) if isinstance(data, dict) else []:
                assert "source" in entry, (kind, entry.get("id"))


# --- Corrections from checking the published pages against the document ----------------

CONTENT = ROOT / "content" / "kainuu"
SOURCE_LINE = "Lähde: Kainuun hyvinvointialueen järjestöyhteistyön suunnitelma"

# Sentences of the plan document that the site once repeated word for word. Site text is
# the project's own Finnish: none of these may come back (compared without punctuation).
COPIED_FROM_SEED = [
    "ryhmät tukevat tiedonkulkua ja yhteistyötä hyvinvoinnin ja terveyden edistämisessä",
    "monialainen yhteistyö sidosryhmien tuntemus viestintätaidot ja strateginen ajattelu",
    "tarjoavat matalan kynnyksen palveluja vertaistukea kriisiapua ja yhteisöllistä toimintaa",
    "tavoitteena on vahvistaa osallisuutta yhteisöllisyyttä ja ennaltaehkäisevää työtä",
    "järjestöt ovat tärkeä osa hyvinvointialueen palvelujärjestelmää",
    "kattaa sekä sisäisen että ulkoisen viestinnän",
    "vuonna 2022 tulevaisuuden sosiaali ja terveyskeskus kainuuseen hankkeessa",
    "kumppanuudet asukkaiden järjestöjen ja oppilaitosten kanssa koetaan",
    "osallistua ja vaikuttaa alueen palveluihin ja hyvinvointiin",
]


def _words(text: str) -> str:
    import re

    return " ".join(re.findall(r"[0-9a-zåäö]+", text.lower()))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for child in value.values():
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


def _site_texts(kainuu):
    for kind, data in kainuu.items():
        for text in _strings(data):
            yield f"data/kainuu/{kind}", text
    for page in sorted(CONTENT.glob("*.md")):
        yield str(page.relative_to(ROOT)), page.read_text(encoding="utf-8")


def test_no_sentence_copied_from_the_document(kainuu):
    for where, text in _site_texts(kainuu):
        words = _words(text)
        for phrase in COPIED_FROM_SEED:
            assert phrase not in words, (where, phrase)


def test_seasonal_items_are_tentative_and_do_not_repeat_their_season(kainuu):
    """Approximate items are tentative (as their feed entries are); the plan confirms no
    meeting of 2026."""
    for item in kainuu["calendar"]["items"]:
        if "approximate" in item["timing"]:
            assert item["status"] == "tentative", item["id"]
            assert "description" not in item, item["id"]


def test_municipal_ngo_evenings_are_for_ngos_and_coordinated_by_municipalities(kainuu):
    item = by_id(kainuu["calendar"]["items"])["kuntien-jarjestoillat-2026"]
    assert item["audience"] == ["ngos"]
    assert "kainuun-kunnat" in item["organisers"]


def test_joining_the_three_negotiation_mentions_is_marked_as_interpretation(kainuu):
    talks = by_id(kainuu["bodies"]["bodies"])["hva-kunta-hyte-neuvottelut"]
    # The page joins chapters 6.1, 9.1 and 10: a reading of the whole entity, marked.
    assert "ei sano suoraan" in talks["reading"]
    item = by_id(kainuu["calendar"]["items"])["hva-kunta-hyte-neuvottelut-2026"]
    # Chapter 6.1 names no organiser; the county from chapter 10 is a reading.
    assert item["organisers"]["value"] == ["kainuun-hyvinvointialue"]
    assert "järjestäjää ei" in item["organisers"]["reading"]
    # The NGOs' possible representation is said once, in ngo_role.
    assert "Järjestö" not in talks["composition"]["summary"]


def test_partnership_networks_state_jane_once_as_proposer(kainuu):
    for network in kainuu["networks"]["networks"]:
        if network["kind"] == "partnership_network":
            assert network["proposed_by"] == "jane"
            assert "related_bodies" not in network, network["id"]


def test_two_participation_documents_shown_as_written(kainuu):
    docs = by_id(kainuu["plan"]["guiding_documents"])
    relation = docs["osallisuussuunnitelma"]["relation"]
    assert "2022–2029" in relation and "2025–2029" in relation


def test_goal_wording_follows_the_document(kainuu):
    goal = kainuu["goals"]["goals"][0]
    details = " ".join(goal["details"])
    assert "keskeiseksi" in details and "tärkeimmäksi" not in details


def test_partnership_grant_decider_is_marked_as_reading_of_section_8(kainuu):
    grant = by_id(kainuu["grants"]["grant_types"])["kumppanuusavustus"]
    assert "ei erikseen sano" in grant["decided_by"]["reading"]
    for criterion in grant["criteria"]:
        # The template joins alternatives with '; ' and ends with '.'.
        assert not any(a.rstrip().endswith(".") for a in criterion.get("alternatives", []))


def test_premises_are_offered_only_where_possible(kainuu):
    premises = by_id(kainuu["grants"]["grant_types"])["maksuttomat-toimitilat"]
    assert "mahdollisuuksien mukaan" in premises["purpose"]
    assert "application_period" not in premises
    support = by_id(kainuu["cooperation"]["sections"])["toimintaedellytykset"]["summary"]
    assert "mahdollisuuksien mukaan" in support


def test_channel_notes_are_sentences_not_repeating_the_name(kainuu):
    for channel in kainuu["plan"]["channels"]:
        note = channel.get("note")
        if note:
            assert note[0].isupper() and note.endswith("."), channel["id"]
            assert _words(note) not in _words(channel.get("name", "")), channel["id"]


def test_content_says_nothing_the_document_does_not(kainuu):
    """Claims once on the pages that the document does not make."""
    text = {page.name: _words(page.read_text(encoding="utf-8")) for page in CONTENT.glob("*.md")}
    assert "ei kokoonnu eikä päätä" not in text["toimielimet.md"]
    assert "on kirjoittanut" not in text["selkosuomi.md"]
    # The evenings are a forum of municipality, county and NGOs, not an event for residents.
    resident_part = text["selkosuomi.md"].split("mitä tämä tarkoittaa asukkaalle")[1]
    assert "järjestöilto" not in resident_part.split("kuka pitää yhteyttä")[0]
    hytetu = by_id(kainuu["bodies"]["bodies"])["hytetu-ryhmat"]["purpose"]
    assert "kuntien hyte-koordinaattoreiden" not in hytetu


def test_markers_without_data_are_not_on_the_pages(kainuu):
    """Without data these markers only say 'not yet published on this site'; the page
    says instead that the document gives none."""
    if "authors" not in kainuu["plan"]:
        assert "data:plan-authors" not in (CONTENT / "suunnitelma.md").read_text(encoding="utf-8")
    if "figures" not in kainuu["cooperation"]:
        assert "data:cooperation-figures" not in (CONTENT / "yhteistyo.md").read_text(encoding="utf-8")


def test_every_page_names_its_source():
    for page in sorted(CONTENT.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        assert SOURCE_LINE in text or "perustuu Kainuun hyvinvointialueen järjestöyhteistyön" \
            " suunnitelmaan" in text, page.name


def test_plain_language_page_numbers_match_the_data(kainuu):
    """The selkosuomi page retells numbers in words of its own; they must stay the data's."""
    import re

    text = (CONTENT / "selkosuomi.md").read_text(encoding="utf-8")
    bodies = by_id(kainuu["bodies"]["bodies"])
    jane = bodies["jane"]
    allowed = {str(jane["composition"]["ngo_seats"]), "1–10", "2–3"}
    assert "2–3" in jane["rhythm"]["wording"]
    found = set(re.findall(r"\d+(?:–\d+)?", text.split("---", 2)[2]))
    assert found <= allowed, found - allowed
    body = "\n".join(line for line in text.split("---", 2)[2].splitlines()
                     if not line.startswith("#"))
    blocks = re.split(r"\n\s*\n|\n- ", body)
    sentences = [s for b in blocks for s in re.split(r"(?<=[.?!])\s+", b) if s.strip()]
    long = [s for s in sentences if len(s.split()) > 12 and "](" not in s]
    assert not long, long


# --- The same facts as the renderers show them ----------------------------------------

@pytest.fixture(scope="module")
def render_fragment():
    from ngoplan.web.context import PageContext
    from ngoplan.web.registry import FRAGMENTS, load_parts

    load_parts()
    dataset, _ = load_dataset(ROOT)

    def render(name, page, arg=None):
        return FRAGMENTS[name](PageContext(dataset, "kainuu", page=f"kainuu/{page}"), arg)
    return render


def _section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_premises_show_no_announced_application_period(render_fragment):
    html = render_fragment("grant-types", "avustukset.md")
    premises = _section(html, "maksuttomat-toimitilat")
    assert "ilmoitetaan myöhemmin" not in premises
    assert "Hakuaika" in premises and "ei tiedossa" in premises
    # The grants that are applied for 'ilmoitettuna hakuaikana' still say so.
    assert "ilmoitetaan myöhemmin" in _section(html, "toiminta-avustus")


def test_year_clock_list_shows_seasonal_items_as_tentative(render_fragment, kainuu):
    html = render_fragment("calendar-list", "vuosikello.md")
    for item in kainuu["calendar"]["items"]:
        start = html.index(f'id="{item["id"]}"')
        entry = html[start:html.find("</li>", start)]
        if "approximate" in item["timing"]:
            assert "alustava" in entry and "vahvistettu" not in entry, item["id"]


def test_audience_is_unknown_where_the_document_names_none(kainuu, render_fragment):
    """Section 10 says what is followed, not for whom: the audience is 'unknown', not a guess."""
    items = by_id(kainuu["calendar"]["items"])
    for ident in ("avustustietojen-seuranta-2026", "kokemustoiminnan-seuranta-2026",
                  "avustukset-per-asukas-seuranta", "suunnitelman-paivitys-2026"):
        assert items[ident]["audience"] == ["unknown"], ident
    for item in items.values():
        assert "unknown" not in item["audience"] or item["audience"] == ["unknown"], item["id"]
    html = render_fragment("calendar-list", "vuosikello.md")
    start = html.index('id="avustustietojen-seuranta-2026"')
    entry = html[start:html.find("</li>", start)]
    assert "<dt>Kenelle</dt><dd>ei tiedossa</dd>" in entry
    assert "kaikki asukkaat" not in html


def test_every_audience_code_has_a_finnish_label_on_pages_and_in_feeds():
    """An audience code without a label would break the build (pages) or a feed."""
    import json

    from ngoplan.feeds import events
    from ngoplan.parts.common import AUDIENCES

    schema = json.loads((ROOT / "schemas" / "calendar.schema.json").read_text(encoding="utf-8"))
    codes = set(schema["properties"]["items"]["items"]["properties"]["audience"]["items"]["enum"])
    assert "unknown" in codes
    assert set(AUDIENCES) == codes and AUDIENCES["unknown"] == "ei tiedossa"
    for lang in events.feed_languages(["fi", "sv", "en"]):
        assert set(events.feed_labels(lang)["audiences"]) == codes, lang


@pytest.mark.seed("9.1 Tiedon jakaminen järjestöjen ja hyvinvointialueen välillä")
def test_kainuu_plan_is_a_draft_as_its_text_shows(kainuu):
    """'Valmis järjestöyhteistyön suunnitelma julkaistaan …' and a placeholder link: the
    plan presents itself as unfinished, so its status is draft, marked as a reading."""
    status = kainuu["plan"]["status"]
    assert status["value"] == "draft"
    assert "valmis järjestöyhteistyön suunnitelma julkaistaan" in status["reading"]
    assert "tähän linkki" in status["reading"]


@pytest.mark.seed("8.2 Kumppanuusavustukset")
def test_partnership_grant_decider_is_a_reading(kainuu):
    """Section 8 names the regional government for general grants; that it decides on
    partnership grants too is the site's reading, not the plan's words."""
    types = by_id(kainuu["grants"]["grant_types"])
    decider = types["kumppanuusavustus"]["decided_by"]
    assert decider["value"] == "aluehallitus" and "kumppanuusavustuksia" in decider["reading"]
    assert types["toiminta-avustus"]["decided_by"] == "aluehallitus"


@pytest.mark.seed("6.2 Järjestöyhteistyö toimialueilla")
def test_partnership_networks_are_only_proposed(kainuu):
    """JANE proposed the partnership networks; the plan does not say they operate."""
    proposed = [n["id"] for n in kainuu["networks"]["networks"] if n.get("stage") == "proposed"]
    assert len(proposed) == 5
    assert all(by_id(kainuu["networks"]["networks"])[n]["proposed_by"] == "jane" for n in proposed)


def test_what_cooperation_can_bring_stays_a_possibility(kainuu):
    # Chapter 1: "Järjestöyhteistyön avulla voidaan täydentää ..., tukea uusien
    # toimintamallien kehittämisessä ja ... säästää kustannuksia": a possibility, not a fact.
    section = by_id(kainuu["cooperation"]["sections"])["yhteistyon-merkitys"]
    points = [p for p in section["points"] if "toimintamalli" in p or "kustannuks" in p]
    assert len(points) == 2 and all(re.search(r"\b(voidaan|voi)\b", p) for p in points), points
    # Chapter 4: coordinated cooperation "tulee nähdä strategisena osana" (ought, not is).
    meaning = by_id(kainuu["cooperation"]["sections"])["jarjestojen-merkitys"]["summary"]
    assert "nähtävä strategisena osana" in " ".join(meaning.split())


def test_supporting_organisations_stays_what_the_plan_calls_key(kainuu):
    # Chapter 8: "Niiden toimintaedellytysten tukeminen on keskeistä, jotta ..." says what
    # matters, not that the county does it ("Siksi hyvinvointialue tukee").
    summary = " ".join(by_id(kainuu["cooperation"]["sections"])["toimintaedellytykset"]["summary"].split())
    assert "tukeminen on keskeistä" in summary and "hyvinvointialue tukee" not in summary, summary


def test_the_front_page_promises_no_dates_the_plans_lack():
    # Kainuu's plan gives seasons, not dates: the site says what the plans tell of when.
    text = " ".join((ROOT / "content" / "index.md").read_text(encoding="utf-8").split())
    assert "milloin tärkeät kokoukset" not in text
    assert "mitä suunnitelma kertoo tärkeiden kokousten ja hakujen ajankohdista" in text


def test_the_wellbeing_report_is_not_called_a_plan(kainuu):
    # Chapter 4 names "Hyvinvointikertomus", a report; 4.1 names "hyvinvointisuunnitelma".
    docs = by_id(kainuu["plan"]["guiding_documents"])
    assert docs["hyvinvointikertomus"]["kind"] == "welfare_report"
    assert docs["hyvinvointisuunnitelma"]["kind"] == "welfare_plan"


def test_the_approval_is_unknown_without_presupposing_one(kainuu):
    # The document says nothing of an approval; the reason must not ask who approved it.
    reason = kainuu["plan"]["approval"]["unknown"]
    assert "onko se hyväksytty" in reason and "hyväksyi" not in reason


def test_kainuu_text_uses_finnish_quotation_marks(kainuu):
    """Finnish quotes are ” ” (as the generated text and Pohjois-Karjala's pages), not "…":
    in the authored pages' prose and in every text of the data."""
    for page in sorted((ROOT / "content" / "kainuu").glob("*.md")):
        body = page.read_text(encoding="utf-8").split("---", 2)[-1]
        assert '"' not in re.sub(r"`[^`]*`|<[^>]+>", " ", body), page.name
    stray = [s for s in _strings(kainuu) if '"' in s]
    assert not stray, stray[:3]


def test_events_for_organisations_are_not_said_to_be_open_to_all(built_site):
    # 6.4: the municipal evenings are held "yhteistyössä kunnan, hyvinvointialueen ja
    # järjestöjen kanssa"; unlike Pohjois-Karjala's forums ("avoimia kaikille
    # järjestötoimijoille") the Kainuu plan says nowhere that an event is open to all.
    page = (built_site / "kainuu" / "yhteistyo" / "index.html").read_text(encoding="utf-8")
    words = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Kuntien järjestöillat" in words
    assert "kaikille järjestöille" not in words.casefold()


def test_the_unfilled_link_is_one_bracket_not_two(built_site):
    # 9.1 "Hyvinvointialueen verkkosivut (tähän linkki …)": the channel's name carries no
    # brackets of its own, so "(osoite ei tiedossa: …)" is not a second bracket beside it.
    page = (built_site / "kainuu" / "yhteystiedot" / "index.html").read_text(encoding="utf-8")
    words = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "Hyvinvointialueen verkkosivut, osallistu ja vaikuta -sivusto (osoite" in words
    assert not re.search(r"\) \(osoite", words)
