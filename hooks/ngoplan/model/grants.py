"""Grants (grants.yaml) as frozen records: the plan-wide principles, criteria and decider,
and each grant type. Field names are the schema's keys; see records.py for what stays as
the checked value and what None means."""

from __future__ import annotations

from dataclasses import dataclass

from .records import given, readings_field, records_of


@dataclass(frozen=True, kw_only=True)
class Principle:
    text: object  # text
    source: dict


@dataclass(frozen=True, kw_only=True)
class Criterion:
    id: str
    statement: object  # text: a claim an association can answer yes or no
    source: dict
    alternatives: tuple[object, ...] | None = given(tuple)


@dataclass(frozen=True, kw_only=True)
class Exclusion:
    text: object
    source: dict
    grant: str | None = None  # the grant_types id it refers to


@dataclass(frozen=True, kw_only=True)
class CoFunder:
    organisation: str  # an organisations id
    note: object = None


@dataclass(frozen=True, kw_only=True)
class GrantType:
    id: str
    name: object  # text
    kind: str  # operating_grant | partnership_grant | agreement | in_kind
    purpose: object
    source: dict
    criteria: tuple[Criterion, ...] | None = given(records_of(Criterion))
    exclusions: tuple[Exclusion, ...] | None = given(records_of(Exclusion))
    co_funders: tuple[CoFunder, ...] | None = given(records_of(CoFunder))
    decided_by: object = None  # an actor id, or a reading {value: id, reading: why}
    application: object = None  # text or {unknown: reason}
    application_period: object = None  # {unknown: reason}
    agreement: object = None
    reporting: object = None  # text or {unknown: reason}
    details: tuple[object, ...] | None = given(tuple)
    readings: tuple = readings_field()


@dataclass(frozen=True, kw_only=True)
class Grants:
    guidance: object  # an address or {unknown: reason}
    grant_types: tuple[GrantType, ...] = given(records_of(GrantType), default=())
    principles: tuple[Principle, ...] | None = given(records_of(Principle))
    common_criteria: tuple[Criterion, ...] | None = given(records_of(Criterion))
    decided_by: str | None = None  # a body, network or organisation id
    contacts: tuple[str, ...] | None = given(tuple)  # contacts ids (plan.yaml)
    forums: tuple[str, ...] | None = given(tuple)  # calendar item ids
    decision_note: object = None
    readings: tuple = readings_field()
