"""Bodies, networks and organisations (bodies.yaml, networks.yaml, organisations.yaml) as
frozen records. Field names are the schemas' keys; see records.py for what stays as the
checked value (text, {unknown: reason}, readings) and what None means."""

from __future__ import annotations

from dataclasses import dataclass

from .records import given, listed, readings_field, record_of, records_of


@dataclass(frozen=True, kw_only=True)
class LegalBasis:
    law: str  # a laws id (legislation.yaml)
    sections: tuple[str, ...] | None = given(tuple)


@dataclass(frozen=True, kw_only=True)
class AreaSeats:
    area: object  # text
    members: int
    deputies: int


@dataclass(frozen=True, kw_only=True)
class Composition:
    summary: object  # text
    source: dict
    # counts: an int, {unknown: reason} or a reading {value: n, reading: why}
    members: object = None
    deputies: object = None
    ngo_seats: object = None
    ngo_seats_by_area: tuple[AreaSeats, ...] | None = given(records_of(AreaSeats))
    # each a text or {who: text, count: n}, as the data has it
    expert_members: tuple[object, ...] | None = given(tuple)
    represented: tuple[object, ...] | None = given(tuple)
    ngo_representatives_appointed_by: str | None = None  # a bodies id
    current_members: object = None  # an address or {unknown: reason}
    readings: tuple = readings_field()


@dataclass(frozen=True, kw_only=True)
class Actor:
    """What every kind that organises, coordinates or decides has."""

    id: str
    name: object  # text
    kind: str
    source: dict
    short_name: object = None
    plural: bool = False  # the name means several (the kind's plural label is used)
    links: tuple[dict, ...] | None = given(tuple)
    readings: tuple = readings_field()


@dataclass(frozen=True, kw_only=True)
class Body(Actor):
    purpose: object
    reading: object = None  # text: why the body itself is the site's reading of the source
    legal_basis: tuple[LegalBasis, ...] | None = given(records_of(LegalBasis))
    composition: Composition | None = given(record_of(Composition))
    rhythm: object = None  # {wording, per_year?, source} as the data has it
    coordinator: str | None = None  # a body, network or organisation id
    area: object = None
    municipalities: tuple[object, ...] | object = given(listed)  # or {unknown: reason}
    parent: str | None = None  # a bodies id
    appointed_by: str | None = None  # a bodies id
    term: object = None  # {start: year, end: year}
    tasks: tuple[object, ...] | None = given(tuple)
    themes: tuple[object, ...] | None = given(tuple)
    ngo_role: object = None


@dataclass(frozen=True, kw_only=True)
class Network(Actor):
    purpose: object
    members: object = None
    theme: object = None
    coordinator: str | None = None  # a body, network or organisation id
    stage: str | None = None  # "proposed": the source only says it was proposed
    proposed_by: str | None = None
    related_bodies: tuple[str, ...] | None = given(tuple)
    rhythm: object = None
    funding: object = None
    county_participation: object = None


@dataclass(frozen=True, kw_only=True)
class Organisation(Actor):
    description: object = None
