"""The accessibility statement (saavutettavuusseloste) from data/accessibility.yaml.

The statement's page (content/saavutettavuusseloste.md) places one marker per section of
the EU model statement; the text around the facts lives in the templates, the facts in
data, so staff update the statement by editing YAML.
"""

from __future__ import annotations

from types import MappingProxyType

from ..web.registry import fragment
from ..web.render import render

STATUS_LABELS = MappingProxyType({
    "full": "täyttää saavutettavuusvaatimukset",
    "partial": "täyttää saavutettavuusvaatimukset osittain",
    "none": "ei täytä saavutettavuusvaatimuksia",
})
METHOD_LABELS = MappingProxyType({"self": "itsearviointi", "third_party": "ulkopuolisen arvioijan arviointi"})
# Shown for a contact the site's owner has not named yet (never a guessed name).
NOT_NAMED = "ei vielä nimetty"


def _statement(context) -> dict:
    doc = context.dataset.site.get("accessibility")
    if doc is None:
        raise LookupError("data/accessibility.yaml puuttuu; saavutettavuusseloste tarvitsee sen")
    return doc.value


def _sources(statement: dict) -> dict:
    return {entry["id"]: entry for entry in statement["documents"]}


def _resolve(statement: dict, source: dict) -> dict:
    """A fact's source with its document; an unknown document id fails the build."""
    documents = _sources(statement)
    if source["document"] not in documents:
        raise LookupError(f"data/accessibility.yaml: lähdettä '{source['document']}' ei ole "
                          f"documents-luettelossa; tunnetut: {', '.join(sorted(documents))}")
    return {**source, "doc": documents[source["document"]]}


def _render(name: str, context, **extra) -> str:
    statement = _statement(context)
    return render(context, f"accessibility_{name}.html", s=statement, NOT_NAMED=NOT_NAMED, **extra)


@fragment("accessibility-status")
def status(context, arg) -> str:
    return _render("status", context, status_label=STATUS_LABELS[_statement(context)["status"]["level"]])


@fragment("accessibility-gaps")
def gaps(context, arg) -> str:
    return _render("gaps", context)


@fragment("accessibility-assessment")
def assessment(context, arg) -> str:
    statement = _statement(context)
    return _render("assessment", context,
                   method_label=METHOD_LABELS[statement["assessment"]["method"]])


@fragment("accessibility-feedback")
def feedback(context, arg) -> str:
    statement = _statement(context)
    site = context.dataset.site["site"].value
    return _render("feedback", context, publisher=site["publisher"],
                   source=_resolve(statement, statement["feedback"]["source"]))


@fragment("accessibility-supervisor")
def supervisor(context, arg) -> str:
    statement = _statement(context)
    sup = statement["supervisor"]
    return _render("supervisor", context, source=_resolve(statement, sup["source"]),
                   legal_basis=_resolve(statement, sup["legal_basis"]))


@fragment("accessibility-sources")
def sources(context, arg) -> str:
    return _render("sources", context)
