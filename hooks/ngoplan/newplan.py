"""`python -m ngoplan new-plan ROOT ID COUNTY`: start a new county's plan as a valid draft.

Writes data/<id>/ (one file per data kind) and content/<id>/ (every page with its markers
and a short Finnish text saying what belongs there). The data files are built from the
schemas: every required value that may be unknown is `{unknown: "ei vielä kirjattu"}`,
every list is empty, and each file lists the schema's keys with their Finnish titles as
comments, so a new required key in a schema needs no change here. Only what the command
line gives (id, county name) and what a draft must say (its status, the year) is set.

Bad input writes nothing: an existing id, an id that is not a slug, an empty county name.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import shutil
import sys
from pathlib import Path

from .check.schemas import plan_kinds, schema_dir

NOT_YET = "ei vielä kirjattu"
PLAN_DOCUMENT = "suunnitelma"  # the id of the plan's own document in plan.yaml
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


class NewPlanError(Exception):
    """Bad input; the message is Finnish and says the fix."""


# --- data: built from the schemas ---------------------------------------------------------

def _schemas(directory: Path) -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(directory.glob("*.schema.json"))}


def _resolve(node: dict, here: str, schemas: dict[str, dict]) -> tuple[dict, str]:
    """Follow $ref (within a file or to another schema file) to the schema it names."""
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        here = target or here
        node = schemas[here]
        for part in filter(None, pointer.split("/")):
            node = node[part]
    return node, here


def _allows_unknown(node: dict, here: str, schemas: dict[str, dict]) -> bool:
    """True when `{unknown: reason}` is valid here (an object with only `unknown` required)."""
    node, here = _resolve(node, here, schemas)
    for option in node.get("anyOf", []) + node.get("oneOf", []):
        option, where = _resolve(option, here, schemas)
        if "anyOf" in option and _allows_unknown(option, where, schemas):
            return True
        props = option.get("properties", {})
        if option.get("type") == "object" and "unknown" in props \
                and set(option.get("required", [])) <= {"unknown", "source"}:
            return True
    return False


def _skeleton(node: dict, here: str, schemas: dict[str, dict], given: dict, path: str):
    """The least a required value can be while saying nothing: unknown, an empty list, or an
    object of its required keys. `given` holds values the template sets (by key path)."""
    if path in given:
        return given[path]
    if _allows_unknown(node, here, schemas):
        if _needs_source(node, here, schemas):
            return {"unknown": NOT_YET, "source": _source()}
        return {"unknown": NOT_YET}
    node, here = _resolve(node, here, schemas)
    if node is schemas.get("defs.schema.json", {}).get("$defs", {}).get("source"):
        return _source()
    if node.get("type") == "array" and not node.get("minItems"):
        return []
    if node.get("type") == "object" or "properties" in node:
        return {key: _skeleton(node["properties"][key], here, schemas, given, f"{path}.{key}")
                for key in node.get("required", [])}
    if "anyOf" in node:  # e.g. text: a plain string or language versions
        return _skeleton(node["anyOf"][0], here, schemas, given, path)
    if node.get("type") == "string" and not node.get("format") and not node.get("enum"):
        return NOT_YET
    raise NewPlanError(
        f"uuden suunnitelman pohja ei osaa täyttää pakollista kohtaa {path.lstrip('.')}: "
        "lisää sille arvo ngoplan/newplan.py:n pohjaan (template_values)")


def _needs_source(node: dict, here: str, schemas: dict[str, dict]) -> bool:
    """True when the only unknown form this value accepts also requires a source."""
    node, here = _resolve(node, here, schemas)
    for option in node.get("anyOf", []):
        option, _ = _resolve(option, here, schemas)
        if "unknown" in option.get("properties", {}):
            return "source" in option.get("required", [])
    return False


def _source() -> dict:
    return {"document": PLAN_DOCUMENT, "section": NOT_YET}


def document_title(county: str) -> str:
    """The plan's title in the genitive only where the county name's form is certain."""
    if county.endswith("hyvinvointialue"):
        return county + "en järjestöyhteistyön suunnitelma"
    return "Järjestöyhteistyön suunnitelma"


def template_values(plan_id: str, county: str, today: _dt.date) -> dict[str, dict]:
    """Per kind, the values a new plan needs that are not 'not recorded yet' (by key path)."""
    title = document_title(county)
    plan = {
        ".id": plan_id,
        ".county": county,
        ".title": title,
        ".document_kind": "suunnitelma",
        ".languages": ["fi"],
        ".updated": today,
        ".plan_year": today.year,
        ".documents": [{"id": PLAN_DOCUMENT, "title": title, "url": {"unknown": NOT_YET}}],
        ".source": _source(),
        ".status": {"value": "draft", "source": _source()},
    }
    return {"plan": plan}


_PLAIN = re.compile(r"[A-Za-zÅÄÖåäö][\w .,–-]*\Z")


def _yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if _PLAIN.match(value) and value.lower() not in ("yes", "no", "on", "off", "true", "false",
                                                     "null", "y", "n"):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def _yaml(value, indent: int = 0) -> list[str]:
    """Block YAML for the small values a skeleton holds (dicts, lists, scalars)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, (dict, list)) and child:
                lines.append(f"{pad}{key}:")
                lines += _yaml(child, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_flow(child)}")
    elif isinstance(value, list):
        for child in value:
            inner = _yaml(child, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
    else:
        lines.append(pad + _yaml_scalar(value))
    return lines


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _yaml_scalar(value)


def data_file(kind: str, plan_id: str, county: str, today: _dt.date,
              directory: Path | None = None) -> str:
    """One data file of a new plan: the schema's keys as Finnish comments, required values
    from the template or unknown, optional keys left as comments to fill in."""
    directory = directory or schema_dir()
    schemas = _schemas(directory)
    name = f"{kind}.schema.json"
    schema = schemas[name]
    given = template_values(plan_id, county, today).get(kind, {})
    props = schema.get("properties", {})
    lines = [f"# yaml-language-server: $schema=../../schemas/{name}",
             f"# {schema.get('title', kind)}: {schema.get('description', '')}".rstrip(),
             f"# Uusi suunnitelma: tiedot puuttuvat vielä ({NOT_YET}). Täytä ne lähdeasiakirjasta;",
             "# jokaisella tiedolla on lähde (source: {document, section}). Ohje: CONTRIBUTING.md.",
             ""]
    for key, sub in props.items():
        required = key in schema.get("required", []) or f".{key}" in given
        help_line = f"# {key}: {sub.get('title', '')} – {sub.get('description', '')}"
        lines.append(help_line.rstrip(" –"))
        if not required:
            resolved = _resolve(sub, name, schemas)[0]
            if _allows_unknown(sub, name, schemas):
                value = {"unknown": NOT_YET}
            else:
                lines.append("#   (valinnainen; lisää, jos lähde kertoo)")
                continue
        else:
            value = _skeleton(sub, name, schemas, given, f".{key}")
        lines += _yaml({key: value})
    if not any(line and not line.startswith("#") for line in lines):
        lines.append("{}")  # every key is optional: an empty mapping, not an empty file
    return "\n".join(lines) + "\n"


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
    lines = ["---", f"description: {_yaml_scalar(description.format(county=county))}", "---", "",
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


# --- the command --------------------------------------------------------------------------

def check_input(root: Path, plan_id: str, county: str) -> None:
    if not ID.match(plan_id or ""):
        raise NewPlanError(
            f"tunniste {plan_id!r} ei kelpaa: käytä vain pieniä kirjaimia a–z, numeroita ja "
            "väliviivoja (ei ääkkösiä eikä välilyöntejä), esimerkiksi id=etela-savo")
    if plan_id in ("assets", "search", "sv", "en", "schemas", "vertailu"):
        raise NewPlanError(f"tunniste {plan_id!r} on sivuston oma kansio: valitse toinen tunniste")
    if not county or not county.strip():
        raise NewPlanError('hyvinvointialueen nimi puuttuu: anna se muodossa '
                           'county="Etelä-Savon hyvinvointialue"')
    for where in (root / "data" / plan_id, root / "content" / plan_id):
        if where.exists():
            raise NewPlanError(
                f"{where.relative_to(root).as_posix()}/ on jo olemassa: suunnitelma {plan_id!r} on "
                "jo aloitettu. Valitse toinen tunniste; tunnistetta ei käytetä uudelleen.")


def new_plan(root: Path, plan_id: str, county: str, today: _dt.date | None = None) -> list[Path]:
    """Write the new plan's files; on any error nothing is left behind."""
    root = Path(root)
    county = (county or "").strip()
    check_input(root, plan_id, county)
    today = today or _dt.date.today()
    files = {root / "data" / plan_id / f"{kind}.yaml":
             data_file(kind, plan_id, county, today) for kind in plan_kinds()}
    files |= {root / "content" / plan_id / f"{name}.md": content_page(name, county)
              for name, *_ in PAGES}
    made = [root / "data" / plan_id, root / "content" / plan_id]
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except BaseException:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return sorted(files)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print('käyttö: make new-plan id=TUNNISTE county="Hyvinvointialueen nimi"', file=sys.stderr)
        return 2
    root, plan_id, county = Path(argv[0]), argv[1], argv[2]
    try:
        written = new_plan(root, plan_id, county)
    except NewPlanError as error:
        print(f"virhe: {error}", file=sys.stderr)
        return 1
    print(f"Uusi suunnitelma {plan_id}: {len(written)} tiedostoa kansioihin "
          f"data/{plan_id}/ ja content/{plan_id}/.")
    print("Seuraavaksi: CONTRIBUTING.md, kohta Uusi hyvinvointialue tunnissa.")
    return 0
