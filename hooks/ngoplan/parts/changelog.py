"""The per-plan changelog page <plan>/muutokset.md and its fragment.

The page is generated (never authored) and carries one marker; the fragment reads the
plan's history from git through ngoplan.history, which never fails the build.
"""

from __future__ import annotations

from itertools import groupby

from ..history import plan_history
from ..registry import GeneratedFile, fragment, generator
from ..render import render

PAGE = "muutokset.md"

# Fixed Finnish text only: nothing from YAML is joined into this Markdown.
_MARKDOWN = """---
description: Mitä suunnitelman tietoihin ja sivuihin on muutettu ja milloin, uusimmat ensin.
---

# Muutoshistoria

Tällä sivulla näkyy, mitä tämän suunnitelman tietoihin ja sivuihin on muutettu. Uusimmat
muutokset ovat ylimpänä. Luettelo syntyy automaattisesti sivuston versionhistoriasta:
se kertoo muutokset omin sanoin eikä toista koko tekstiä. Päivämäärä on se päivä, jolloin
muutos tallennettiin sivuston lähdetietoihin.

<!-- data:plan-changelog -->
"""


@generator
def changelog_pages(dataset, site):
    for plan_id in sorted(dataset.plans):
        yield GeneratedFile(f"{plan_id}/{PAGE}", _MARKDOWN)


@fragment("plan-changelog")
def plan_changelog(context, arg) -> str:
    if context.plan_id is None:
        raise LookupError("plan-changelog toimii vain suunnitelman sivuilla")
    revisions = plan_history(context.dataset.root, context.plan_id)
    days = None
    if revisions is not None:
        days = [(date, [line for rev in group for line in rev.changes])
                for date, group in groupby(revisions, key=lambda rev: rev.date)]
    return render("changelog.html", days=days)
