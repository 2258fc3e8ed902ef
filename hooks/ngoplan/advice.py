"""Warnings: hints for staff that never stop a build or `make validate`.

To add one, write `def check_x(dataset) -> Iterable[Finding]` (docstring: the rule and
why) and list it in CHECKS. `warning(doc, path, message)` makes a finding at a value's
place. A check sees only documents that passed their schemas
(`dataset.plans[plan_id][kind]`, `dataset.site[kind]`) and must allow a kind to be
missing: a plan with a broken file still gets its other files' warnings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from .findings import Finding, format_path


def warning(doc, path: tuple, message: str) -> Finding:
    """A warning at the value `path` leads to in a loaded document (its key when missing)."""
    line, col = doc.position(path)
    return Finding(doc.file, line, col, format_path(path), message, "warning")


# The warning checks, in the order they run. Keep it an explicit tuple: nothing registers
# itself by being imported.
CHECKS: tuple[Callable[..., Iterable[Finding]], ...] = ()


def advise(dataset, checks=None) -> list[Finding]:
    """Every check's findings (CHECKS unless given), as warnings, sorted, no duplicates."""
    found = set()
    for check in CHECKS if checks is None else checks:
        for finding in check(dataset):
            if finding.is_error:
                finding = dataclasses.replace(finding, severity="warning")
            found.add(finding)
    return sorted(found)
