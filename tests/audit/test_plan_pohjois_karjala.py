"""The Pohjois-Karjala plan: the facts its document states, checked in the loaded data.

Each expectation below comes from the seed document (section named in the comment), so an
edit that changes a fact, drops it or invents a date fails here.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from ngoplan.check.dataset import load_dataset
from ngoplan.web.render import MARKER

PLAN = "pohjois-karjala"
KINDS = ("plan", "bodies", "networks", "organisations", "calendar", "grants", "legislation",
         "monitoring", "goals", "cooperation")
AREAS = {"pohjoinen": 2, "etelainen": 2, "lantinen": 2, "keskinen": 3}
PAGES = ("index", "suunnitelma", "yhteistyo", "toimielimet", "avustukset", "vuosikello", "tilaa",
         "lainsaadanto", "seuranta", "tavoitteet", "yhteystiedot")


@pytest.fixture(scope="module")
def data():
    dataset, findings = load_dataset(ROOT)
    own = [f.format() for f in findings if f"data/{PLAN}/" in f.format()]
    assert not own, "\n".join(own)
    return {kind: doc.value for kind, doc in dataset.plans[PLAN].items()}


def by_id(entries):
    return {entry["id"]: entry for entry in entries}


def is_unknown(value):
    return isinstance(value, dict) and "unknown" in value


def walk(value):
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from walk(child)
    elif isinstance(value, list):
        for child in value:
            yield from walk(child)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_present_with_schema_line(data, kind):
    assert kind in data
    first = (ROOT / "data" / PLAN / f"{kind}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"


def test_every_entity_names_its_source(data):
    documents = {d["id"] for d in data["plan"]["documents"]}
    for kind, value in data.items():
        for mapping in walk(value):
            is_entity = "id" in mapping and mapping is not value and mapping["id"] not in documents
            if is_entity:
                assert "source" in mapping, (kind, mapping["id"])
            if isinstance(mapping.get("source"), dict):
                assert mapping["source"]["document"] in documents, (kind, mapping)


def test_approval_by_the_board_30_1_2025_section_10(data):
    approval = data["plan"]["approval"]
    assert approval["body"] == "hyte-lautakunta"
    assert approval["date"] == "2025-01-30"
    assert approval["section"] == "§ 10"
    assert data["plan"]["update_rhythm"]["wording"] == "valtuustokausittain"
    assert "seasons" not in data["plan"]  # the document states none


def test_values_listed_without_meanings_and_three_authors(data):
    values = data["plan"]["values"]
    assert [v["name"] for v in values] == ["asiakaslähtöisyys", "avarakatseisuus", "turvallisuus",
                                           "yhdenvertaisuus", "vastuullisuus"]
    assert all(is_unknown(v["meaning"]) for v in values)
    assert len(data["plan"]["authors"]) == 3


def test_contacts_have_tasks_but_no_named_holders(data):
    contacts = by_id(data["plan"]["contacts"])
    assert set(contacts) == {"kumppanuuspaallikko", "jarjestoyhdyshenkilo"}
    assert all(is_unknown(c["holder"]) for c in contacts.values())
    tasks = " ".join(contacts["jarjestoyhdyshenkilo"]["tasks"])
    for word in ("järjestöavustusprosessi", "etäkahvit", "kuntien järjestötapaamisiin"):
        assert word in tasks


def test_channels_from_section_3_3(data):
    urls = {c["id"]: c.get("url") for c in data["plan"]["channels"]}
    assert urls["siunsote-jarjestoyhteistyo-sivu"] == "https://www.siunsote.fi/jarjestoyhteistyo"
    assert urls["lahella-palvelu"] == "https://lähellä.fi/"
    assert is_unknown(urls["lahella-uutiskirje"])
    assert data["plan"]["grant_guidance"] == "https://www.siunsote.fi/jarjestoavustukset"


def test_jane_16_plus_16_two_experts_about_six_times_a_year(data):
    jane = by_id(data["bodies"]["bodies"])["jane"]
    assert jane["short_name"] == "JANE"
    # "(16 + 16)": members and deputies 16 each is a reading, marked as one
    assert jane["composition"]["members"]["value"] == 16 and jane["composition"]["members"]["reading"]
    assert jane["composition"]["deputies"]["value"] == 16 and jane["composition"]["deputies"]["reading"]
    # "kaksi asiantuntijajäsentä": one row with its count, not the same text twice
    assert jane["composition"]["expert_members"] == [{"who": "Pohjois-Karjalan hyvinvointialue", "count": 2}]
    assert jane["rhythm"]["wording"] == "noin kuusi kertaa vuodessa"
    assert "per_year" not in jane["rhythm"]  # "noin" is not an exact count
    assert any("POKAT" in task for task in jane["tasks"])


def test_four_partnership_groups_with_ngo_seats_appointed_by_jane(data):
    bodies = by_id(data["bodies"]["bodies"])
    groups = {b["id"]: b for b in bodies.values() if b["kind"] == "partnership_group"}
    assert set(groups) == {f"kumppanuusryhma-{area}" for area in AREAS}
    for area, seats in AREAS.items():
        group = groups[f"kumppanuusryhma-{area}"]
        comp = group["composition"]
        assert comp["ngo_seats"] == seats
        assert [(s["members"], s["deputies"]) for s in comp["ngo_seats_by_area"]] == [(seats, seats)]
        assert comp["ngo_representatives_appointed_by"] == "jane"
        assert is_unknown(group["municipalities"])  # which municipalities: not stated
        # Section 4: the groups were set up for the statutory negotiations; the document
        # does not make the negotiations a body above them.
        assert "parent" not in group
        assert len(group["themes"]) == 6


def test_partnership_table_negotiations_and_influence_bodies(data):
    bodies = by_id(data["bodies"]["bodies"])
    table = bodies["kumppanuuspoyta"]
    assert table["rhythm"]["per_year"] == {"min": 2, "max": 4}
    assert table["coordinator"] == "pksotu"
    negotiation = bodies["lakisaateiset-neuvottelut"]
    assert negotiation["legal_basis"] == [{"law": "jarjestamislaki", "sections": ["6 §", "7 §"]}]
    assert negotiation["rhythm"]["per_year"] == {"min": 1, "max": 1}
    assert bodies["osallisuusvaliokunta"]["composition"]["ngo_representatives_appointed_by"] == "jane"
    for council in ("lapsi-ja-perheasiainneuvosto", "vammaisneuvosto", "vanhusneuvosto"):
        assert bodies[council]["kind"] == "council"
    board = bodies["hyte-lautakunta"]
    assert board["legal_basis"] == [{"law": "hallintosaanto-2022", "sections": ["9 §"]}]


def test_laws_cited_with_finlex_addresses_and_typos_noted(data):
    laws = by_id(data["legislation"]["laws"])
    assert {law.get("number") for law in laws.values()} == {"611/2021", "612/2021", None}
    for law in laws.values():
        if "number" in law:
            number, year = law["number"].split("/")
            assert law["url"] == f"https://finlex.fi/fi/lainsaadanto/{year}/{number}"
            assert law["url_source"]["document"] == f"finlex-{number}-{year}"
    organising = laws["jarjestamislaki"]
    assert [s["section"] for s in organising["sections"]] == ["6–7 §", "7 §", "6 § ja 7 §"]
    notes = " ".join(organising["notes"])
    assert "612/202”" in notes and "järjestelemisestä" in notes
    assert "Alueelliset kumppanuusryhmät" in notes
    rules = laws["hallintosaanto-2022"]
    assert rules["kind"] == "regulation" and rules["sections"][0]["section"] == "9 §"
    assert is_unknown(rules["url"])
    documents = by_id(data["plan"]["documents"])
    assert documents["finlex-612-2021"]["external"] is True


def test_grant_criteria_and_types(data):
    grants = data["grants"]
    # Section 3.2: the board decides operating grants only; who decides agreements and
    # premises is not stated, so no plan-wide decider may spill over to them.
    assert "decided_by" not in grants
    assert grants["guidance"] == "https://www.siunsote.fi/jarjestoavustukset"
    criteria = by_id(grants["common_criteria"])
    home = criteria["hakijan-kotipaikka-ja-kohderyhma"]["alternatives"]
    assert len(home) == 2
    assert "rekisteröity yleishyödyllinen" in home[0] and "Pohjois-Karjalassa" in home[0]
    assert "maakuntarajojen yli" in home[1] and "kokonaan pohjoiskarjalaisille" in home[1]
    assert "lakisääteisiin tehtäviin" in criteria["toiminta-liittyy-hyvinvointialueen-tehtaviin"]["statement"]
    types = by_id(grants["grant_types"])
    assert {t["kind"] for t in types.values()} == {"operating_grant", "agreement", "in_kind"}
    operating = types["toiminta-avustus"]
    assert operating["decided_by"] == "hyte-lautakunta"
    assert [t for t in types if "decided_by" in types[t]] == ["toiminta-avustus"]
    for other in ("sopimukset", "tilat"):
        assert is_unknown(types[other]["application_period"])
    assert is_unknown(operating["application_period"])
    # Kainuu's rules stay in Kainuu: no Lähellä.fi registration, no co-funders here.
    text = repr(grants)
    assert "Lähellä" not in text and "co_funders" not in text


def test_calendar_has_rhythms_only_never_a_date(data):
    items = by_id(data["calendar"]["items"])
    assert data["plan"]["plan_year"] == 2026
    for item in items.values():
        assert list(item["timing"]) == ["rhythm"], item["id"]
        assert not re.search(r"\b(20\d\d-\d\d|tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)",
                             repr(item["timing"]))
        assert item["updated"]
    wording = {i: item["timing"]["rhythm"]["wording"] for i, item in items.items()}
    assert wording["jane-kokoukset"] == "noin kuusi kertaa vuodessa"
    assert wording["kumppanuuspoyta-kokoukset"] == "2–4 kertaa vuodessa"
    assert wording["kumppanuusryhmien-neuvottelut"] == "kerran vuodessa"
    assert wording["kumppanuusryhmien-tapaamiset"] == "2–3 kertaa vuodessa"
    assert wording["jarjestofoorumit"] == "1–3 kertaa vuodessa"
    assert wording["lautakunnan-seuranta"] == "vuosittain"
    assert is_unknown(wording["etakahvit"])
    assert items["jarjestofoorumit"]["mode"] == "online_or_hybrid"
    assert items["jarjestofoorumit"]["organisers"] == ["siun-sote", "jane"]
    assert items["etakahvit"]["mode"] == "online"
    assert items["avustushaku"]["status"] == "tentative"


def test_monitoring_followers_and_survey_2023(data):
    followers = {f["who"]: f for f in data["monitoring"]["followers"]}
    assert followers["hyte-lautakunta"]["frequency"] == "vuosittain"
    assert "osallisuusohjelman" in followers["osallisuusvaliokunta"]["what"]
    assert "indicators" not in data["monitoring"]  # the document names none
    survey = by_id(data["monitoring"]["surveys"])["pk-jarjestokysely"]
    assert survey["organiser"] == "pksotu"
    (round_2023,) = survey["rounds"]
    assert round_2023["year"] == 2023 and round_2023["respondents"] == 184
    assert "44" in " ".join(round_2023["findings"])


def test_seven_goals_2025_2028_all_with_unknown_status(data):
    goals = data["goals"]["goals"]
    assert len(goals) == 7
    for goal in goals:
        assert goal["period"] == {"start": 2025, "end": 2028}
        assert goal["status"] == {"unknown": "Asiakirja ei kerro tavoitteiden tilaa."}
    assert any("11.6.2024" in b["text"] for b in data["goals"]["background"])


def test_ngo_field_figure_and_picture_not_included(data):
    figure = by_id(data["cooperation"]["figures"])["yhdistyksia-pohjois-karjalassa"]
    assert figure["value"] == 3795 and figure["as_of"] == "2024-09-25"
    sections = by_id(data["cooperation"]["sections"])
    assert "Kuva 1" in sections["yhdyspintarakenteet"]["title"]
    assert "ei ole" in sections["yhdyspintarakenteet"]["summary"]
    networks = by_id(data["networks"]["networks"])
    assert networks["olka"]["coordinator"] == "pksotu"
    assert "2026" in networks["olka"]["funding"]


def test_pages_cover_every_cooperation_section_and_name_their_sources(data):
    shown = set()
    for page in PAGES:
        text = (ROOT / "content" / PLAN / f"{page}.md").read_text(encoding="utf-8")
        assert text.startswith("---\ndescription: "), page
        assert re.search(r"^# \S", text, re.M), page
        assert text.rstrip().splitlines()[-1].startswith("*Lähde: "), page
        for name, arg in MARKER.findall(text):
            if name == "cooperation-section":
                shown.add(arg)
    assert shown == set(by_id(data["cooperation"]["sections"]))


# --- Fact-check regressions: each test names the seed passage it protects. ---

SEED_NGRAM = 8  # a run of this many words shared with the seed counts as copied


def seed_words() -> list[str]:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("pohjois-karjala_*.txt"))
    if not seeds:  # the seed sits outside the repository; the data carries the facts
        pytest.skip("Pohjois-Karjalan lähdeasiakirja ei ole saatavilla")
    return words(seeds[0].read_text(encoding="utf-8"))


def words(text: str) -> list[str]:
    return re.findall(r"[\wåäö§–-]+", text.replace("-\n", "-").lower())


def own_texts(data):
    """Every text the plan's data and pages show, minus quotations (”…”), links and ids."""
    def strings(value):
        if isinstance(value, dict):
            for key, child in value.items():
                if key not in ("id", "url", "source", "themes", "represented", "points"):
                    yield from strings(child)
        elif isinstance(value, list):
            for child in value:
                yield from strings(child)
        elif isinstance(value, str) and not value.startswith(("http://", "https://")):
            yield value
    for kind, value in data.items():
        for text in strings(value):
            yield f"data/{PLAN}/{kind}.yaml", text
    for page in sorted((ROOT / "content" / PLAN).glob("*.md")):
        body = page.read_text(encoding="utf-8").split("---", 2)[-1]
        yield page.name, MARKER.sub(" ", body)


def test_no_sentence_copied_from_the_seed(data):
    """Site text is the project's own Finnish: no run of 8 words taken from the seed
    (quoted slogans excepted). Lists of names (themes, represented, points) are facts."""
    seed = seed_words()
    grams = {tuple(seed[i:i + SEED_NGRAM]) for i in range(len(seed) - SEED_NGRAM + 1)}
    copied = []
    for where, text in own_texts(data):
        w = words(re.sub(r"”[^”]*”", " ", text))
        for i in range(len(w) - SEED_NGRAM + 1):
            if tuple(w[i:i + SEED_NGRAM]) in grams:
                copied.append(f"{where}: {' '.join(w[i:i + SEED_NGRAM])}")
    assert not copied, "\n".join(copied)


def test_jane_16_plus_16_is_shown_as_a_reading(data):
    """Section 2 writes '(16 + 16)' only; members vs deputies, and the NGO seats, are the
    site's reading, each marked where the value is."""
    composition = by_id(data["bodies"]["bodies"])["jane"]["composition"]
    assert "16 + 16" in composition["summary"]
    for key in ("members", "deputies", "ngo_seats"):
        assert "16 + 16" in composition[key]["reading"], key


def test_approval_is_marked_as_read_from_the_cover(data):
    """The cover names the board, date and § but never says 'hyväksytty': approval and the
    plan's status are readings of the cover."""
    plan = data["plan"]
    assert plan["approval"]["source"]["section"] == "Kansilehti"
    assert "kansilehde" in plan["approval"]["reading"]
    assert plan["status"]["value"] == "approved" and "kansilehde" in plan["status"]["reading"]
    assert plan["status"]["source"]["section"] == "Kansilehti"
    plain = (ROOT / "content" / PLAN / "selkosuomi.md").read_text(encoding="utf-8")
    # The plain-language page agrees: handled on that day, approval marked as a reading.
    assert "käsitteli" in plain and "tulkinta" in plain and "ei sanota suoraan" in " ".join(plain.split())


def test_statutory_negotiations_are_not_an_organiser(data):
    """Section 4: the four groups meet for the negotiations; the negotiations organise nothing."""
    item = by_id(data["calendar"]["items"])["kumppanuusryhmien-neuvottelut"]
    assert item["organisers"] == [f"kumppanuusryhma-{area}" for area in AREAS]
    # ...but they are the statutory negotiations: the negotiations' page lists the item
    # (it said "no items organised by this body", as if the calendar had none of them).
    assert item["belongs_to"] == "lakisaateiset-neuvottelut"


def test_plain_language_page_keeps_to_the_seed():
    """Selkosuomi: two authors are from the Sosiaaliturvayhdistys, one from a county project;
    OLKA is a point, volunteer and peer work and theme days (section 2), nothing about
    patients' relatives; the cover shows a board meeting, not an approval."""
    text = (ROOT / "content" / PLAN / "selkosuomi.md").read_text(encoding="utf-8")
    assert "Sosiaaliturvayhdistyksestä" in text
    assert "Siun sote on kirjoittanut" not in text
    assert "läheisi" not in text and "voittoa" not in text
    # "hyväksyi" only inside the sentence that marks the approval as a reading
    assert all("ei sanota suoraan" in text.split("hyväksyi")[i - 1][-120:] for i in range(1, text.count("hyväksyi") + 1))
    for word in ("OLKA-piste", "vertaistoimintaa", "teemapäiviä"):
        assert word in text
    long = [line for line in text.splitlines()
            if not line.startswith(("---", "description:", "title:", "[", "("))
            and len(line.split()) > 12]
    assert not long, long  # selkokieli: short lines, one thing at a time


def test_pages_do_not_retype_counts_the_markers_render():
    """Counts (goals, contacts, levels) come from the data; prose must not restate them."""
    for page in sorted((ROOT / "content" / PLAN).glob("*.md")):
        if page.name == "selkosuomi.md":  # the plain-language summary stands alone
            continue
        text = page.read_text(encoding="utf-8").lower()
        for word in ("seitsemän", "kaksi keskeistä", "kolme tasoa", "kolmeen tasoon"):
            assert word not in text, (page.name, word)


def test_rendered_grants_and_law_pages(built_site):
    """Agreements and premises show no decider; the administrative rules are no 'asetus';
    the contact's holder is labelled as a holder; no English enum code leaks."""
    grants = (built_site / PLAN / "avustukset" / "index.html").read_text(encoding="utf-8")
    for grant in ("sopimukset", "tilat"):
        section = grants.split(f'id="{grant}"', 1)[1].split("</section>", 1)[0]
        decider = section.split("<dt>Päättäjä</dt>", 1)[1].split("</dd>", 1)[0]
        assert "ngo-unknown" in decider and "lautakunta" not in decider.lower(), grant
    assert "pohjoiskarjalaisille.." not in grants and "Pohjois-Karjalassa.;" not in grants
    laws = (built_site / PLAN / "lainsaadanto" / "index.html").read_text(encoding="utf-8")
    assert "Asetus." not in laws
    contacts = (built_site / PLAN / "yhteystiedot" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Tehtävän hoitaja</dt>" in contacts
    for page in built_site.joinpath(PLAN).rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for code in ("partnership_group", "advisory_board", "online_or_hybrid", "operating_grant"):
            assert code not in html.split('<article', 1)[-1].split('</article>', 1)[0], (page, code)


def test_committee_is_labelled_valiokunta(built_site):
    """Section 4 names an osallisuusvaliokunta; the 'committee' kind must not read 'toimikunta'."""
    page = (built_site / PLAN / "toimielimet" / "osallisuusvaliokunta" / "index.html")
    html = page.read_text(encoding="utf-8")
    # The name already says valiokunta, so the kind line does not repeat it.
    assert '<p class="ngo-kind">Valiokunta.' not in html and "Toimikunta" not in html
    from ngoplan.web.i18n import label
    assert label("body_kinds", "committee", "fi") == "valiokunta"


def test_each_fact_about_influence_bodies_is_written_once(data):
    """The councils' pages say once that NGO representatives sit there (composition) and once
    that who names them is unknown; JANE's appointing role is shown by the data reference."""
    bodies = by_id(data["bodies"]["bodies"])
    for council in ("lapsi-ja-perheasiainneuvosto", "vammaisneuvosto", "vanhusneuvosto"):
        body = bodies[council]
        assert "edustaj" not in body["purpose"]
        assert "edustaj" in body["composition"]["summary"]
    assert "ngo_role" not in bodies["osallisuusvaliokunta"]
    grants = by_id(data["grants"]["grant_types"])
    assert "details" not in grants["toiminta-avustus"]  # the board's 9 § task is on its page


def test_claims_keep_to_the_seed_wording(data):
    """Section 3.2.1 gives www.siunsote.fi/jarjestoavustukset for 'lisätietoja', not as the
    application guide itself; 6.1 'huomioidaan osana palvelukokonaisuuksia' is taken into
    account, not made part of the services; section 2's kumppanuuspöytä gathers the social
    and health organisations, not all of them."""
    plain = " ".join((ROOT / "content" / PLAN / "selkosuomi.md").read_text(encoding="utf-8").split())
    assert "tarkat ohjeet ovat" not in plain and "Lisää tietoa avustuksista" in plain
    assert "otetaan mukaan palveluihin" not in plain and "otetaan huomioon palveluissa" in plain
    sections = by_id(data["cooperation"]["sections"])
    field = " ".join(sections["jarjestokentta"]["summary"].split())
    assert "kumppanuuspöytä kokoaa sosiaali- ja terveysalan järjestöt" in field


def test_tools_are_named_as_tools_not_as_essive_list_items(data):
    """Section 3.1: the county offers the tools (intra, its website, Miunhyvinvointi.fi) and,
    besides them, induction and training; a list of 'työvälineenä intra' read as broken
    Finnish after 'tarjota työntekijöille seuraavat:'."""
    level = by_id(data["cooperation"]["sections"])["toimialueiden-taso"]
    assert not any(p.startswith("työvälineenä") for p in level["points"]), level["points"]
    assert level["points"][0] == "intra" and len(level["points"]) == 3
    summary = " ".join(level["summary"].split())
    assert "työvälineiden lisäksi riittävästi perehdytystä ja koulutusta" in summary
    assert not summary.endswith("seuraavat:")


def test_olka_goal_says_whose_conditions(data):
    """6.1: commitment and the conditions for OLKA to go on after 2026; 'ja sen
    edellytykset' left open whose conditions were meant."""
    texts = [g["text"] for g in data["goals"]["goals"] if "OLKA" in g["text"]]
    assert texts and not any(re.search(r"\bsen edellytykset", t) for t in texts)
    assert any("jatkumisen edellytykset" in t for t in texts)


def test_authored_pages_use_finnish_quotation_marks():
    """Finnish quotes are ” ” (the generated text uses them too), not "…"."""
    for page in sorted((ROOT / "content" / PLAN).glob("*.md")):
        body = page.read_text(encoding="utf-8").split("---", 2)[-1]
        prose = re.sub(r"`[^`]*`|<[^>]+>", " ", body)
        assert '"' not in prose, page.name


def test_survey_round_reads_as_one_label(built_site):
    """Section 6: the 2023 survey, n=184; shown 'Kysely 2023, vastaajia: 184', not
    '2023: vastaajia: 184' (two labels in a row)."""
    html = (built_site / PLAN / "seuranta" / "index.html").read_text(encoding="utf-8")
    words = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Kysely 2023, vastaajia: 184" in words
    assert not re.search(r"\b\d{4}: vastaajia:", words)


def test_goal_details_do_not_repeat_the_goal(data):
    """6.1's third goal: developing guidance to the organisations' activity is in the goal's
    own text; a detail saying it again read twice in the same table cell."""
    goal = by_id(data["goals"]["goals"])["jarjestot-palvelukokonaisuuksissa"]
    assert "ohjaamista järjestöjen toimintaan kehitetään" in goal["text"]
    assert not any("ohjausta" in d and "kehitetään" in d for d in goal.get("details", [])), goal["details"]


def test_plain_language_avoids_participle_phrases():
    """Selkokieli: 'rahalla tuettavan toiminnan' (a participle phrase) is hard to read; a
    relative clause says it plainly."""
    plain = (ROOT / "content" / PLAN / "selkosuomi.md").read_text(encoding="utf-8")
    assert "tuettavan" not in plain and "rahan pitää mennä toimintaan" in plain
