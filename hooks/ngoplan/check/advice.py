"""Warnings: hints for staff that never stop a build or `make validate`.

To add one, write `def check_x(dataset) -> Iterable[Finding]` (docstring: the rule and
why) and list it in CHECKS. `warning(doc, path, message)` makes a finding at a value's
place. A check sees only documents that passed their schemas
(`dataset.plans[plan_id][kind]`, `dataset.site[kind]`) and must allow a kind to be
missing: a plan with a broken file still gets its other files' warnings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable

from .findings import Finding, format_path


def warning(doc, path: tuple, message: str) -> Finding:
    """A warning at the value `path` leads to in a loaded document (its key when missing)."""
    line, col = doc.position(path)
    return Finding(doc.file, line, col, format_path(path), message, "warning")


def check_calendar_year_over(dataset, today: dt.date | None = None) -> Iterable[Finding]:
    """A plan whose calendar year (plan.yaml `plan_year`) is over gets a warning.

    The year-wheel says "Vuosikello 2026" all through 2027 otherwise; builds never read the
    clock (they stay reproducible), so `make validate` is where staff hear of it.
    """
    today = today or dt.date.today()
    for plan_id, docs in sorted(dataset.plans.items()):
        doc = docs.get("plan")
        year = doc.value.get("plan_year") if doc is not None else None
        if isinstance(year, int) and today.year > year:
            yield warning(doc, ("plan_year",),
                          f"vuosikellon vuosi {year} on päättynyt (tänään on "
                          f"{today.day}.{today.month}.{today.year}). Kun vuoden {year + 1} "
                          f"ajankohdat on päätetty, vie ne calendar.yaml-tiedostoon ja muuta "
                          f"plan_year-arvoksi {year + 1}; siihen asti sivusto näyttää vuoden "
                          f"{year} vuosikellon.")


def _unknown(value) -> bool:
    return isinstance(value, dict) and "unknown" in value


def check_site_ready_to_publish(dataset) -> Iterable[Finding]:
    """What must be settled before the first publication, once for the whole site: the
    publisher (data/site.yaml), a feedback contact for the accessibility statement
    (data/accessibility.yaml) and the calendar UID domain, which must never change after
    publication (a `.invalid` placeholder today). CONTRIBUTING.md, "Uusi hyvinvointialue
    tunnissa", lists them.
    """
    site = dataset.site.get("site")
    if site is not None:
        if _unknown(site.value.get("publisher")):
            yield warning(site, ("publisher",),
                          "sivuston julkaisijaa ei ole nimetty. Nimeä julkaisija ennen "
                          "ensimmäistä julkaisua.")
        domain = site.value.get("uid_domain")
        if isinstance(domain, str) and domain.endswith(".invalid"):
            yield warning(site, ("uid_domain",),
                          f"kalenterin UID-verkkotunnus {domain} on paikkamerkki. Valitse "
                          "ennen ensimmäistä julkaisua oma verkkotunnus (esimerkiksi "
                          "vuosikello.hyvinvointialue.fi) äläkä muuta sitä sen jälkeen: "
                          "muuten tilaajien kalentereissa näkyy jokainen tapahtuma kahdesti.")
    statement = dataset.site.get("accessibility")
    feedback = statement.value.get("feedback") if statement is not None else None
    if isinstance(feedback, dict):
        if _unknown(feedback.get("handler")):
            yield warning(statement, ("feedback", "handler"),
                          "saavutettavuuspalautteen käsittelijää ei ole nimetty. Laki "
                          "(306/2019) edellyttää selosteeseen palautekanavan: nimeä käsittelijä "
                          "ennen ensimmäistä julkaisua.")
        if _unknown(feedback.get("email")) and _unknown(feedback.get("form")):
            yield warning(statement, ("feedback", "email"),
                          "saavutettavuuspalautteelle ei ole sähköpostiosoitetta eikä "
                          "lomaketta. Anna ainakin toinen ennen ensimmäistä julkaisua.")


def check_spelling(dataset) -> Iterable[Finding]:
    """Words in the data that Voikko does not know and the word list does not list (see
    ngoplan.spelling): a warning with Voikko's suggestion."""
    from ..spelling import check_spelling as spelling

    return spelling(dataset)


# The warning checks, in the order they run. Keep it an explicit tuple: nothing registers
# itself by being imported.
CHECKS: tuple[Callable[..., Iterable[Finding]], ...] = (
    check_calendar_year_over,
    check_site_ready_to_publish,
    check_spelling,
)


def advise(dataset, checks=None) -> list[Finding]:
    """Every check's findings (CHECKS unless given), as warnings, sorted, no duplicates."""
    found = set()
    for check in CHECKS if checks is None else checks:
        for finding in check(dataset):
            if finding.is_error:
                finding = dataclasses.replace(finding, severity="warning")
            found.add(finding)
    return sorted(found)
