"""Synthetic, schema-valid plans for benchmarks and tests: N plans x M calendar items x K bodies.

Everything written here is invented test data (the county names say so); it is never
published. The output is deterministic for a given seed, covers every timing form the
calendar schema knows (exact, all-day day and range, recurring, approximate month,
approximate season with a count, rhythm with and without a count, rhythm unknown) and
every status, and references only ids that exist, so `load_dataset` finds nothing wrong.
Plans fill the plan's optional parts (values, scope notes, contacts, channels) unless
asked not to (optional_parts=False: a minimal plan).

    python -m bench.synthetic OUT_DIR --plans 22 --items 500 --bodies 10 [--seed 0]

writes OUT_DIR/data/ and OUT_DIR/content/<plan>/ (the authored pages of each plan, with
the markers of the page contract in README.md).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

REPOSITORY_DATA = Path(__file__).resolve().parents[1] / "data"
YEAR = 2026
DOCUMENT = "testiaineisto"
SEASONS = [{"id": "kevat", "name": "kevät", "months": [1, 2, 3, 4, 5]},
           {"id": "syksy", "name": "syksy", "months": [8, 9, 10, 11, 12]}]
TIMING_FORMS = ("exact", "all_day", "all_day_range", "recurring", "approximate_month",
                "approximate_season", "rhythm", "rhythm_unknown")
ITEM_KINDS = ("meeting", "forum", "negotiation", "application_period", "deadline", "report",
              "evaluation", "event")
AUDIENCES = ("members", "ngos", "ngo_staff", "public", "municipalities", "professionals",
             "decision_makers")
MODES = ("in_person", "online", "hybrid", "online_or_hybrid", "unknown")
BODY_KINDS = ("advisory_board", "council", "committee", "board", "partnership_group",
              "partnership_table", "negotiation", "municipal_group", "coordination")
NETWORK_KINDS = ("network", "partnership_network", "activity")
# Invented words for invented titles. '&', '<' and quotes test escaping on the way to HTML.
WORDS = ("hyvinvointi", "osallisuus", "liikunta", "kulttuuri", "nuoret", "ikäihmiset",
         "perheet", "mielenterveys", "päihdetyö", "vapaaehtoistyö", "lähiöt", "kylät",
         "avustukset", "yhdyspinta", "viestintä", "arviointi", "kumppanuus", "osaaminen")
SPICE = ("järjestöt & kunnat", "<testi>", '"lainaus"', "Åbo–Turku", "ääkköset öäå")
PAGES = {
    "index.md": ("Perustiedot", ["plan-summary", "plan-key-numbers", "plan-next-items"]),
    "suunnitelma.md": ("Suunnitelma", ["plan-aim", "plan-values", "plan-guiding-documents",
                                       "plan-scope", "plan-authors", "plan-sources"]),
    "yhteistyo.md": ("Yhteistyön muodot", ["cooperation-figures"]),
    "toimielimet.md": ("Toimielimet ja verkostot", ["structure-diagram", "bodies-index",
                                                    "networks-index", "organisations-list"]),
    "avustukset.md": ("Avustukset", ["grants-overview", "grant-types", "grant-check"]),
    "vuosikello.md": ("Vuosikello", ["calendar-wheel", "calendar-rhythms", "calendar-list"]),
    "tilaa.md": ("Tilaa vuosikello", ["calendar-subscribe"]),
    "lainsaadanto.md": ("Lainsäädäntö", ["legislation"]),
    "seuranta.md": ("Seuranta", ["monitoring"]),
    "tavoitteet.md": ("Tavoitteet", ["goals"]),
    "yhteystiedot.md": ("Yhteystiedot", ["plan-contacts", "plan-channels"]),
}


def plan_ids(count: int) -> list[str]:
    return [f"testi-{index:02d}" for index in range(1, count + 1)]


def _source(section: str = "Keksitty testiaineisto") -> dict:
    return {"document": DOCUMENT, "section": section}


def _phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _sentence(rng: random.Random) -> str:
    text = f"Keksitty kuvaus: {_phrase(rng, 12)}."
    if rng.random() < 0.2:
        text += f" Mukana {rng.choice(SPICE)}."
    return text


def _plan(plan_id: str, number: int, optional_parts: bool) -> dict:
    plan = {
        "id": plan_id,
        "county": f"Testialue {number} (keksitty)",
        "title": f"Testialueen {number} järjestöyhteistyön suunnitelma (keksitty testiaineisto)",
        "document_kind": "suunnitelma",
        "languages": ["fi"],
        "updated": f"{YEAR}-01-15",
        "plan_year": YEAR,
        "documents": [{"id": DOCUMENT, "title": "Keksitty testiaineisto",
                       "url": {"unknown": "Keksitty aineisto, ei verkko-osoitetta."}}],
        "approval": {"unknown": "Keksitty aineisto, ei hyväksyjää.", "source": _source()},
        "period": {"start": YEAR, "end": YEAR + 3},
        "update_rhythm": {"wording": "vuosittain", "source": _source()},
        "seasons": SEASONS,
        "source": _source(),
    }
    if optional_parts:
        plan["values"] = [{"name": f"Testiarvo {index}", "meaning": f"Keksitty arvo {index}.",
                           "source": _source()} for index in (1, 2, 3)]
        plan["scope_notes"] = [{"text": "Keksitty rajaus.", "source": _source()}]
        plan["contacts"] = [{"id": "yhdyshenkilo", "role": "järjestöyhdyshenkilö",
                             "holder": {"unknown": "Keksitty aineisto."},
                             "email": "testi@testi.invalid", "source": _source()}]
        plan["channels"] = [{"id": "uutiskirje", "name": "Testiuutiskirje", "purpose": "information",
                             "url": "https://testi.invalid/uutiskirje", "source": _source()}]
    return plan


def _bodies(rng: random.Random, count: int) -> list[dict]:
    bodies = []
    for index in range(1, count + 1):
        body = {"id": f"toimielin-{index}",
                "name": f"Testitoimielin {index}: {_phrase(rng, 2)}",
                "kind": BODY_KINDS[index % len(BODY_KINDS)],
                "purpose": _sentence(rng),
                "source": _source()}
        if index % 2:
            per_year = rng.randint(2, 8)
            body["rhythm"] = {"wording": f"noin {per_year} kertaa vuodessa",
                              "per_year": {"min": per_year, "max": per_year},
                              "source": _source()}
        if index > 1 and index % 3 == 0:
            body["parent"] = "toimielin-1"
        bodies.append(body)
    return bodies


def _networks(rng: random.Random, count: int) -> list[dict]:
    return [{"id": f"verkosto-{index}", "name": f"Testiverkosto {index}: {_phrase(rng, 2)}",
             "kind": NETWORK_KINDS[index % len(NETWORK_KINDS)], "purpose": _sentence(rng),
             "source": _source()} for index in range(1, count + 1)]


def _organisations() -> list[dict]:
    return [{"id": "testialue", "name": "Testialueen hyvinvointialue (keksitty)", "kind": "county",
             "source": _source()},
            {"id": "testiyhdistys", "name": "Testiyhdistys ry (keksitty)", "kind": "association",
             "source": _source()}]


def _timing(rng: random.Random, form: str) -> dict:
    month, day, hour = rng.randint(1, 11), rng.randint(1, 28), rng.randint(8, 16)
    date = f"{YEAR}-{month:02d}-{day:02d}"
    if form == "exact":
        return {"exact": {"start": f"{date}T{hour:02d}:00", "end": f"{date}T{hour + 2:02d}:00"}}
    if form == "all_day":
        return {"all_day": {"start": date}}
    if form == "all_day_range":
        return {"all_day": {"start": date, "end": f"{YEAR}-{month + 1:02d}-{day:02d}"}}
    if form == "recurring":
        return {"recurring": {"start": f"{YEAR}-01-{day:02d}T{hour:02d}:00",
                              "end": f"{YEAR}-01-{day:02d}T{hour + 1:02d}:30",
                              "frequency": rng.choice(("weekly", "monthly")), "interval": 2,
                              "until": f"{YEAR}-12-20", "except": [f"{YEAR}-07-{day:02d}"]}}
    if form == "approximate_month":
        return {"approximate": {"year": YEAR, "month": month, "wording": "kuun aikana"}}
    if form == "approximate_season":
        low = rng.randint(1, 3)
        return {"approximate": {"year": YEAR, "season": rng.choice(("kevat", "syksy")),
                                "count": {"min": low, "max": low + 1},
                                "wording": f"{low}–{low + 1} kertaa kauden aikana"}}
    if form == "rhythm":
        return {"rhythm": {"wording": "noin kuusi kertaa vuodessa",
                           "per_year": {"min": 5, "max": 7}}}
    return {"rhythm": {"wording": {"unknown": "Keksitty aineisto: rytmiä ei kerrota."}}}


def _items(rng: random.Random, count: int, actors: list[str]) -> list[dict]:
    items = []
    for index in range(1, count + 1):
        form = TIMING_FORMS[(index - 1) % len(TIMING_FORMS)]
        status = "cancelled" if index % 13 == 0 else (
            "tentative" if form.startswith("approximate") else
            "practice" if form.startswith("rhythm") else "scheduled")
        item = {"id": f"tapahtuma-{index}",
                "title": f"Testitapahtuma {index}: {_phrase(rng, 3)}",
                "kind": ITEM_KINDS[index % len(ITEM_KINDS)],
                "organisers": sorted(set(rng.sample(actors, k=min(2, len(actors))))),
                "audience": sorted(set(rng.sample(AUDIENCES, k=2))),
                "mode": MODES[index % len(MODES)],
                "status": status,
                "timing": _timing(rng, form),
                "description": _sentence(rng),
                "source": _source()}
        if index % 4 == 0:
            item["place"] = {"unknown": "Paikka ilmoitetaan myöhemmin."} if index % 8 else "Testitalo"
        if index % 5 == 0:
            item["updated"] = f"{YEAR}-01-{rng.randint(1, 28):02d}"
        if index % 7 == 0:
            item["links"] = [{"title": "Keksitty linkki",
                              "url": f"https://testi.invalid/{index}?a=1&b=2"}]
        items.append(item)
    return items


def _write(path: Path, schema: str, value: dict) -> None:
    """A plan's data file (data/<plan>/<kind>.yaml), with the schema line editors read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(value, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                     allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json\n"
                    "# Keksitty testiaineisto (synteettinen), ei oikean hyvinvointialueen tietoja.\n"
                    + text, encoding="utf-8")


def write_data(data_dir: Path, *, plans: int, items: int, bodies: int, site_data: Path,
               seed: int = 0, optional_parts: bool = True) -> list[str]:
    """Write data/<plan>/*.yaml for `plans` invented plans; returns the plan ids.

    Site-level files (data/*.yaml: the publisher, the accessibility statement, ...) are not
    plans: they are copied from site_data (a repository's data/ folder), so a synthetic site
    is the same site with other plans.
    """
    if plans < 1 or items < 0 or bodies < 1:
        raise ValueError("plans and bodies must be at least 1, items at least 0")
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    for path in sorted(Path(site_data).glob("*.yaml")):
        shutil.copyfile(path, data_dir / path.name)
    ids = plan_ids(plans)
    for number, plan_id in enumerate(ids, start=1):
        # One generator per plan: a plan's data does not depend on how many plans there are.
        rng = random.Random(f"{seed}-{plan_id}")
        folder = data_dir / plan_id
        body_list = _bodies(rng, bodies)
        network_list = _networks(rng, max(1, bodies // 3))
        organisation_list = _organisations()
        actors = [entry["id"] for entry in body_list + network_list + organisation_list]
        _write(folder / "plan.yaml", "plan", _plan(plan_id, number, optional_parts))
        _write(folder / "bodies.yaml", "bodies", {"bodies": body_list})
        _write(folder / "networks.yaml", "networks", {"networks": network_list})
        _write(folder / "organisations.yaml", "organisations", {"organisations": organisation_list})
        _write(folder / "calendar.yaml", "calendar", {"items": _items(rng, items, actors)})
    return ids


def write_content(content_dir: Path, ids: list[str], *, skip_markers=frozenset()) -> None:
    """Write each plan's authored pages (front matter, H1, a sentence, the page's markers)."""
    content_dir = Path(content_dir)
    for plan_id in ids:
        for name, (title, markers) in PAGES.items():
            path = content_dir / plan_id / name
            path.parent.mkdir(parents=True, exist_ok=True)
            body = "".join(f"<!-- data:{marker} -->\n\n" for marker in markers
                           if marker not in skip_markers)
            path.write_text(f"---\ndescription: {title}, keksitty testisuunnitelma.\n---\n\n"
                            f"# {title}\n\nTämä sivu on keksittyä testiaineistoa.\n\n{body}",
                            encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=1)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--bodies", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--site-data", type=Path, default=REPOSITORY_DATA,
                        help="copy the site-level data/*.yaml files from this folder")
    args = parser.parse_args(argv)
    ids = write_data(args.out / "data", plans=args.plans, items=args.items, bodies=args.bodies,
                     seed=args.seed, site_data=args.site_data)
    write_content(args.out / "content", ids)
    print(f"{len(ids)} suunnitelmaa, {args.items} tapahtumaa ja {args.bodies} toimielintä kussakin: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
