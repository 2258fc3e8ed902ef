"""Command line.

`python -m ngoplan validate [ROOT]` checks all data without building; prints errors and
warnings, exits 1 only on an error.
`python -m ngoplan new-plan ROOT ID COUNTY` starts a new plan as a valid draft
(ngoplan/newplan/; `make new-plan id=<id> county="<name>"`).
`python -m ngoplan ids [REVISION] [ROOT]` checks that no id of the published revision was
removed (a warning) or reused for something else after its removal (an error)
(ngoplan/idstability.py; `make ids since=<revision>`).
`python -m ngoplan changes REVISION [ROOT]` prints what a reader would see change between
a git revision and the working tree, in the changelog's sentences, grouped by plan
(`make changes since=<revision>`; a pull request's checks write it to the job summary).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .check.advice import advise
from .check.dataset import load_dataset
from .check.findings import print_report


USAGE = ("käyttö: python -m ngoplan validate [HAKEMISTO]\n"
         "       python -m ngoplan changes VERSIO [HAKEMISTO]\n"
         "       python -m ngoplan new-plan HAKEMISTO TUNNISTE NIMI\n"
         "       python -m ngoplan ids [VERSIO] [HAKEMISTO]")


def changes(argv: list[str]) -> int:
    from .history import HistoryError, changes_since
    from .text import localized

    if not argv or not argv[0]:
        print("Anna versio, johon verrataan: make changes since=origin/main", file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    try:
        plans = changes_since(root, argv[0])
    except HistoryError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not plans:
        print(f"Lukijalle näkyviä muutoksia ei ole version {argv[0]} jälkeen.")
        return 0
    dataset, _ = load_dataset(root)
    for plan_id, lines in plans.items():
        docs = dataset.plans.get(plan_id, {})
        county = localized(docs["plan"].value.get("county")) if "plan" in docs else plan_id
        print(f"## {county} ({plan_id})\n")
        for line in lines:
            print(f"- {line}")
        print()
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "changes":
        return changes(argv[1:])
    if argv and argv[0] == "ids":
        from .idstability import main as ids

        return ids(argv[1:])
    if argv and argv[0] == "new-plan":
        from .newplan import main as new_plan

        return new_plan(argv[1:])
    if not argv or argv[0] != "validate":
        print(USAGE, file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    if not (root / "data").is_dir():
        print(f"{root}: data/-kansiota ei löydy", file=sys.stderr)
        return 2
    dataset, errors = load_dataset(root)
    # Warnings are hints: printed with the errors, in file order, but never a failure.
    findings = sorted(errors + advise(dataset))
    print_report(findings)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
