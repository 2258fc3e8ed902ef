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
import shutil
import sys
from pathlib import Path

from ..check.schemas import plan_kinds
from .data import ID, NOT_YET, NewPlanError, data_file, document_title, template_values
from .pages import PAGES, content_page

__all__ = ["ID", "NOT_YET", "PAGES", "NewPlanError", "check_input", "content_page", "data_file",
           "document_title", "main", "new_plan", "template_values"]


def check_input(root: Path, plan_id: str, county: str) -> None:
    if not plan_id or not plan_id.strip():
        raise NewPlanError("tunniste puuttuu: anna se muodossa id=etela-savo (pienet kirjaimet "
                           "a–z, numerot ja väliviivat)")
    if not ID.match(plan_id):
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