"""Command line: `python -m ngoplan validate [ROOT]` checks all data without building."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .dataset import load_dataset
from .findings import count_line


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "validate":
        print("käyttö: python -m ngoplan validate [HAKEMISTO]", file=sys.stderr)
        return 2
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    if not (root / "data").is_dir():
        print(f"{root}: data/-kansiota ei löydy", file=sys.stderr)
        return 2
    _, findings = load_dataset(root)
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in findings:
        print(finding.format())
        if github:
            print(finding.format_github())
    print(count_line(len(findings)))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
