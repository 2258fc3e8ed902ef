"""Command line: `python -m ngoplan validate [ROOT]` checks all data without building.

Prints errors and warnings; exits 1 only on an error."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .advice import advise
from .dataset import load_dataset
from .findings import summary


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "validate":
        print("käyttö: python -m ngoplan validate [HAKEMISTO]", file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    if not (root / "data").is_dir():
        print(f"{root}: data/-kansiota ei löydy", file=sys.stderr)
        return 2
    dataset, errors = load_dataset(root)
    # Warnings are hints: printed with the errors, in file order, but never a failure.
    findings = sorted(errors + advise(dataset))
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in findings:
        print(finding.format())
        if github:
            print(finding.format_github())
    print(summary(findings))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
