"""One plan's records, built once per build from its checked data files (PlanModel).

The build state (ngoplan.web.context.BuildState.model) builds it on first use and keeps it
for the build; pages, the comparison and the generated pages read it instead of the
YAML values. A data kind the plan has no file for gives no records (`has()` tells the
difference from a file with an empty list).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..kinds import ACTOR_KINDS, LIST_OF_KIND
from .actors import Actor, Body, Network, Organisation
from .grants import Grants
from .plan_record import Plan
from .records import parse_record
from .timing import CalendarItem, parse_items
from .topics import Goals, Legislation

# The record type of each actor kind's entries (kinds.ACTOR_KINDS names the kinds).
ACTOR_RECORDS = MappingProxyType({"bodies": Body, "networks": Network,
                                  "organisations": Organisation})


@dataclass(frozen=True, kw_only=True)
class PlanModel:
    id: str
    files: frozenset[str]  # the data kinds the plan has a file for
    plan: Plan | None  # None only for a plan folder without plan.yaml (never published)
    # id -> (kind, record) of every body, network and organisation
    actors: Mapping[str, tuple[str, Actor]] = field(repr=False)
    bodies: tuple[Body, ...] = ()
    networks: tuple[Network, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    items: tuple[CalendarItem, ...] = ()
    grants: Grants | None = None  # None while the plan has no grants.yaml
    legislation: Legislation | None = None  # None while it has no legislation.yaml
    goals: Goals | None = None  # None while it has no goals.yaml

    def has(self, kind: str) -> bool:
        """The plan has a file of this data kind (its list may still be empty)."""
        return kind in self.files

    def actor(self, ident) -> Actor | None:
        found = self.actors.get(ident) if isinstance(ident, str) else None
        return found[1] if found else None

    def actor_kind(self, ident) -> str | None:
        found = self.actors.get(ident) if isinstance(ident, str) else None
        return found[0] if found else None


def _entries(docs: Mapping, kind: str) -> list:
    doc = docs.get(kind)
    return [] if doc is None else doc.value.get(LIST_OF_KIND[kind], [])


def build_model(plan_id: str, docs: Mapping) -> PlanModel:
    """The records of one plan from its checked documents (kind -> Document)."""
    actors = {kind: tuple(parse_record(ACTOR_RECORDS[kind], entry) for entry in _entries(docs, kind))
              for kind in ACTOR_KINDS}
    by_id = {record.id: (kind, record) for kind in ACTOR_KINDS for record in actors[kind]}
    plan = docs["plan"].value if "plan" in docs else {}
    calendar = docs["calendar"].value if "calendar" in docs else None
    files = {kind: parse_record(cls, docs[kind].value)
             for kind, cls in (("grants", Grants), ("legislation", Legislation), ("goals", Goals))
             if kind in docs}
    return PlanModel(id=plan_id, files=frozenset(docs),
                     plan=parse_record(Plan, plan) if "plan" in docs else None,
                     items=parse_items(calendar, plan), actors=MappingProxyType(by_id),
                     **files, **actors)
