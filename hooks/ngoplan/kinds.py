"""The data kinds: which file holds which entities, their id namespace and their nouns.

One row per list of entities with ids. Rules (unique ids, references), page contexts,
the change log and the feeds read this table; which values refer to which namespace is
declared in the schemas (`"x-ref": "bodies"` beside an id), not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class EntityList:
    file: str  # the data kind: data/<plan>/<file>.yaml
    key: str  # the list in that file
    namespace: str  # what an x-ref names
    noun_fi: str
    noun_sv: str
    where_fi: str  # "from these" (elative): the Finnish phrase a message names the namespace with
    actor: bool = False  # can organise, coordinate, decide (has a feed and a page or list)


ENTITY_LISTS = (
    EntityList("plan", "documents", "documents", "lähdeasiakirja", "källdokument",
               "lähdeasiakirjoista (plan.yaml, documents)"),
    EntityList("plan", "seasons", "seasons", "kausi", "säsong", "kausista (plan.yaml, seasons)"),
    EntityList("plan", "contacts", "contacts", "yhteystieto", "kontaktuppgift",
               "yhteystiedoista (plan.yaml, contacts)"),
    EntityList("calendar", "items", "items", "tapahtuma", "händelse",
               "vuosikellon tapahtumista (calendar.yaml)"),
    EntityList("bodies", "bodies", "bodies", "toimielin", "organ", "toimielimistä (bodies.yaml)",
               actor=True),
    EntityList("networks", "networks", "networks", "verkosto", "nätverk",
               "verkostoista (networks.yaml)", actor=True),
    EntityList("organisations", "organisations", "organisations", "organisaatio",
               "organisation", "organisaatioista (organisations.yaml)", actor=True),
    EntityList("grants", "grant_types", "grant_types", "avustusmuoto", "understödsform",
               "avustusmuodoista (grants.yaml)"),
    EntityList("legislation", "laws", "laws", "laki", "lag", "laeista (legislation.yaml)"),
    EntityList("goals", "goals", "goals", "tavoite", "mål", "tavoitteista (goals.yaml)"),
)

BY_NAMESPACE = MappingProxyType({entry.namespace: entry for entry in ENTITY_LISTS})
# Bodies, networks and organisations: the kinds that organise, coordinate and decide.
ACTOR_KINDS = tuple(entry.file for entry in ENTITY_LISTS if entry.actor)
# A data kind's main list of entities (plan.yaml has two small ones and is not listed).
MAIN_LISTS = tuple(entry.key for entry in ENTITY_LISTS if entry.file != "plan")
LIST_OF_KIND = MappingProxyType({entry.file: entry.key for entry in ENTITY_LISTS
                                 if entry.file != "plan"})
NOUNS_FI = MappingProxyType({entry.key: entry.noun_fi for entry in ENTITY_LISTS})
