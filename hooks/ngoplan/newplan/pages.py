"""A new plan's content pages: one page per topic with its markers and a short Finnish
text saying what belongs there."""

from __future__ import annotations

from .data import NOT_YET, yaml_scalar, document_title

# --- content: one page per topic, with its markers ----------------------------------------

# (file, H1, meta description, [(heading, text saying what belongs there, markers)]).
# Headings and texts are the site's own Finnish; {county} is the county's name as given,
# used only where its form (the nominative) fits.
PAGES: tuple[tuple[str, str, str, tuple[tuple[str | None, str, tuple[str, ...]], ...]], ...] = (
    ("index", "{county}", "{county}: järjestöyhteistyön suunnitelma lyhyesti.", (
        (None, "Tälle sivulle kirjoitetaan lyhyesti, mitä suunnitelma kertoo hyvinvointialueen "
               "ja järjestöjen yhteistyöstä.", ("plan-summary",)),
        ("Keskeiset luvut", "", ("plan-key-numbers",)),
        ("Vuosikellossa seuraavaksi", "", ("plan-next-items",)),
    )),
    ("suunnitelma", "Suunnitelmasta", "Mihin järjestöyhteistyön suunnitelma pyrkii ja mihin "
     "arvoihin ja asiakirjoihin se perustuu.", (
        (None, "Tälle sivulle kirjoitetaan, mihin suunnitelma pyrkii ja mihin se liittyy.", ()),
        ("Tavoite", "", ("plan-aim",)),
        ("Arvot", "", ("plan-values",)),
        ("Ohjaavat asiakirjat", "", ("plan-guiding-documents",)),
        ("Mitä suunnitelma ei kata", "", ("plan-scope",)),
        ("Laatijat", "", ("plan-authors",)),
        ("Lähteet", "", ("plan-sources",)),
    )),
    ("yhteistyo", "Yhteistyön muodot", "Millä tasoilla ja tavoilla hyvinvointialue ja järjestöt "
     "tekevät yhteistyötä.", (
        (None, "Tälle sivulle kirjoitetaan, millä tasoilla ja tavoilla hyvinvointialue ja "
               "järjestöt tekevät yhteistyötä. Jokainen aihe kirjataan tiedostoon "
               "cooperation.yaml, ja sille lisätään tälle sivulle oma otsikko ja merkintä.", ()),
        ("Järjestökenttä lukuina", "", ("cooperation-figures",)),
    )),
    ("toimielimet", "Toimielimet ja verkostot", "Toimielimet, verkostot ja muut tahot, joissa "
     "hyvinvointialue ja järjestöt tapaavat.", (
        (None, "Tälle sivulle tulevat toimielimet, verkostot ja muut tahot, jotka suunnitelma "
               "mainitsee.", ("structure-diagram",)),
        ("Toimielimet", "", ("bodies-index",)),
        ("Verkostot", "", ("networks-index",)),
        ("Muut tahot", "", ("organisations-list",)),
    )),
    ("avustukset", "Avustukset ja tilat", "Miten hyvinvointialue tukee järjestöjä: "
     "avustukset, ehdot ja tilat.", (
        (None, "Tälle sivulle tulevat avustukset ja muu tuki järjestöille sekä niiden ehdot.",
         ("grants-overview",)),
        ("Avustusmuodot", "", ("grant-types",)),
        ("Sopiiko avustus yhdistyksellesi?", "", ("grant-check",)),
    )),
    ("vuosikello", "Vuosikello", "Järjestöyhteistyön vuosikello: kokoukset, neuvottelut, "
     "tilaisuudet ja avustushaut.", (
        (None, "Vuosikelloon tulevat järjestöyhteistyön kokoukset, neuvottelut, tilaisuudet, "
               "avustushaut ja seuranta.", ("calendar-wheel",)),
        ("Kuinka usein", "", ("calendar-rhythms",)),
        ("Kaikki tapahtumat", "", ("calendar-list",)),
    )),
    ("tilaa", "Vuosikellon tilaaminen", "Näin tilaat järjestöyhteistyön vuosikellon omaan "
     "kalenteriisi.", (
        (None, "Vuosikellon voi tilata omaan kalenterisovellukseen. Tilattu kalenteri "
               "päivittyy itsestään, kun vuosikelloon tulee muutoksia.", ("calendar-subscribe",)),
    )),
    ("lainsaadanto", "Lainsäädäntö", "Lait, joihin järjestöyhteistyön suunnitelma "
     "viittaa.", (
        (None, "Tälle sivulle tulevat lait, joihin suunnitelma viittaa, ja mitä ne "
               "edellyttävät.", ("legislation",)),
    )),
    ("seuranta", "Seuranta ja arviointi", "Miten järjestöyhteistyötä seurataan ja "
     "arvioidaan.", (
        (None, "Tälle sivulle tulee, kuka seuraa yhteistyötä, miten ja kuinka usein.",
         ("monitoring",)),
    )),
    ("tavoitteet", "Kehittämistavoitteet", "Järjestöyhteistyön kehittämistavoitteet ja "
     "niiden tila.", (
        (None, "Tälle sivulle tulevat järjestöyhteistyön kehittämistavoitteet.", ("goals",)),
    )),
    ("yhteystiedot", "Yhteystiedot ja viestintäkanavat", "Järjestöyhteistyön yhteyshenkilöt "
     "ja viestintäkanavat.", (
        (None, "Tälle sivulle tulevat järjestöyhteistyön yhteyshenkilöt ja kanavat, joilla "
               "tieto kulkee.", ()),
        ("Yhteyshenkilöt", "", ("plan-contacts",)),
        ("Viestintäkanavat", "", ("plan-channels",)),
    )),
    ("selkosuomi", "Selkosuomeksi", "Järjestöyhteistyön suunnitelma selkosuomeksi.", (
        (None, "Tälle sivulle kirjoitetaan suunnitelman tärkein sisältö selkosuomeksi, "
               "kun suunnitelman tiedot on kirjattu.", ()),
    )),
)


def content_page(name: str, county: str) -> str:
    for file, h1, description, sections in PAGES:
        if file == name:
            break
    else:
        raise KeyError(name)
    lines = ["---", f"description: {yaml_scalar(description.format(county=county))}", "---", "",
             f"# {h1.format(county=county)}", ""]
    for heading, text, markers in sections:
        if heading:
            lines += [f"## {heading}", ""]
        if text:
            lines += [text, ""]
        for marker in markers:
            lines += [f"<!-- data:{marker} -->", ""]
    lines.append(f"*Lähde: {document_title(county)}, {NOT_YET}.*")
    return "\n".join(lines) + "\n"
