"""plan.yaml as a frozen record: the county and its document, its source documents,
contacts and seasons. Field names are the schema's keys; see records.py for what stays as
the checked value and what None means. The approval and the status stay as the data has
them (their own `reading` key is what the templates' reading() macro shows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .records import day, given, listed, needed, readings_field, records_of, records_or_unknown
from .timing import Season


@dataclass(frozen=True, kw_only=True)
class SourceDocument:
    """A document the data's sources point at (plan.yaml documents)."""

    id: str
    title: object  # text
    url: object  # an address or {unknown: reason}
    publisher: object = None  # text or {unknown: reason}
    date: dt.date | object = given(day)  # or {unknown: reason}
    external: bool | None = None  # true: another public source, not the plan itself


@dataclass(frozen=True, kw_only=True)
class Contact:
    id: str
    role: object  # text
    holder: object  # text or {unknown: reason}
    source: dict
    deputy: object = None
    email: str | None = None
    tasks: tuple[object, ...] | None = given(tuple)


def _seasons(value: list) -> tuple[Season, ...]:
    return tuple(Season(s["id"], s["name"], tuple(s["months"])) for s in value)


@dataclass(frozen=True, kw_only=True)
class Plan:
    id: str
    county: object  # text
    title: object  # text
    document_kind: str  # suunnitelma | asiakirja: the document's own word for itself
    languages: tuple[str, ...] = needed(tuple)  # the first is the main language (fi)
    updated: dt.date = needed(day)
    documents: tuple[SourceDocument, ...] = needed(records_of(SourceDocument))
    approval: object  # {body, date, section, source, reading?} or {unknown, source}
    period: object  # {start, end} years or {unknown: reason}
    update_rhythm: object  # {wording, source}
    plan_year: int
    source: dict
    county_short: object = None
    status: object = None  # {value: draft | approved, source, reading?, not_recorded?}
    # Lists the data may give as {unknown: reason} (not recorded yet); entries as checked.
    authors: tuple[object, ...] | object = given(listed)
    aim: object = None  # {text, source} or {unknown: reason}
    values: tuple[object, ...] | object = given(listed)
    guiding_documents: tuple[object, ...] | object = given(listed)
    scope_notes: tuple[object, ...] | object = given(listed)
    contacts: tuple[Contact, ...] | object = given(records_or_unknown(Contact))
    channels: tuple[object, ...] | object = given(listed)
    seasons: tuple[Season, ...] = given(_seasons, default=())
    grant_guidance: object = None  # an address or {unknown: reason}
    readings: tuple = readings_field()
