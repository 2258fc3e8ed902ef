"""Laws (legislation.yaml) and development goals (goals.yaml) as frozen records. Field
names are the schemas' keys; see records.py for what stays as the checked value and what
None means. Either list may be {unknown: reason} (not recorded yet): then it stays so."""

from __future__ import annotations

from dataclasses import dataclass

from .records import given, needed, readings_field, records_of, records_or_unknown


@dataclass(frozen=True, kw_only=True)
class LawSection:
    section: str  # e.g. "7 §"
    requirement: object  # text
    source: dict


@dataclass(frozen=True, kw_only=True)
class Law:
    id: str
    name: object  # text
    kind: str  # act | eu_regulation | regulation
    summary: object
    url: object  # an address or {unknown: reason}
    source: dict
    number: str | None = None  # e.g. 612/2021
    sections: tuple[LawSection, ...] | None = given(records_of(LawSection))
    url_source: dict | None = None
    notes: tuple[object, ...] | None = given(tuple)
    readings: tuple = readings_field()


@dataclass(frozen=True, kw_only=True)
class Legislation:
    laws: tuple[Law, ...] | object = needed(records_or_unknown(Law))


@dataclass(frozen=True, kw_only=True)
class Background:
    text: object
    source: dict


@dataclass(frozen=True, kw_only=True)
class Goal:
    id: str
    text: object
    period: object  # {start, end} years or {unknown: reason}
    status: object  # {value, source} or {unknown: reason}
    source: dict
    details: tuple[object, ...] | None = given(tuple)
    readings: tuple = readings_field()


@dataclass(frozen=True, kw_only=True)
class Goals:
    goals: tuple[Goal, ...] | object = needed(records_or_unknown(Goal))
    background: tuple[Background, ...] | None = given(records_of(Background))
