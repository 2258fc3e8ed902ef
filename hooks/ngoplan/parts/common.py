"""Shared by the site's parts: Finnish labels for the data's codes, and actor lookup
(bodies, networks and organisations referenced by id)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType

from markupsafe import Markup

from ..web.i18n import label_group
from ..kinds import ACTOR_KINDS
from ..model.actors import Actor
from ..text import is_unknown, theme_text
from ..web.render import render
from .timing_view import item_view

LABEL_GROUPS = ("body_kinds", "network_kinds", "org_kinds", "item_kinds", "audiences", "modes",
                "statuses", "grant_kinds", "goal_statuses", "channel_purposes", "guiding_kinds",
                "law_kinds")


class _FinnishGroup(Mapping):
    """code -> Finnish label of one group, read from the Finnish message catalogue (its only
    home) when used, so the preview shows a catalogue edit without a restart."""

    def __init__(self, group: str):
        self.group = group

    def _codes(self) -> MappingProxyType:
        # Worked out once per catalogue and forgotten with it (not keyed by the catalogue's
        # id(): a reloaded catalogue can get the freed one's address).
        return label_group(self.group, "fi")

    def __getitem__(self, code):
        return self._codes()[code]

    def __iter__(self):
        return iter(self._codes())

    def __len__(self):
        return len(self._codes())


# Finnish labels for code-to-word lookups in Python (Finnish-only pages and the changelog);
# templates use label() in the build's language.
LABELS = MappingProxyType({group: _FinnishGroup(group) for group in LABEL_GROUPS})
BODY_KINDS, NETWORK_KINDS, ORG_KINDS, ITEM_KINDS, AUDIENCES, MODES, STATUSES, GRANT_KINDS, \
    GOAL_STATUSES, CHANNEL_PURPOSES, GUIDING_KINDS, LAW_KINDS = LABELS.values()

# Generated pages per actor kind (organisations are listed on the bodies page instead).
PAGE_FOLDERS = MappingProxyType({"bodies": "toimielimet", "networks": "verkostot"})


class Actors:
    """Bodies, networks and organisations of one plan (records), by id, with link targets."""

    def __init__(self, context):
        self.context = context
        self.model = context.model()

    def kind(self, ident) -> str | None:
        return self.model.actor_kind(ident)

    def get(self, ident) -> Actor | None:
        return self.model.actor(ident)

    def href(self, ident: str) -> str:
        kind = self.kind(ident)
        if kind in PAGE_FOLDERS:
            return self.context.plan_url(f"{PAGE_FOLDERS[kind]}/{ident}.md")
        if kind == "organisations":
            return self.context.plan_url(f"toimielimet.md#{ident}")
        return ""

    def link(self, ident: str) -> dict:
        """What a template needs to show a reference: name and (maybe) a link."""
        entry = self.get(ident)
        return {"id": ident, "name": entry.name if entry else ident,
                "href": self.href(ident) if entry else "", "known": entry is not None}


def actors(context) -> Actors:
    """One Actors per page context (fragments on a page share it)."""
    cached = context._indexes.get("_actors")
    if cached is None:
        cached = context._indexes["_actors"] = Actors(context)
    return cached


def page(template: str, context, **values) -> str:
    """Render a fragment template with the labels and link helpers every part uses."""
    docs = {}
    if context.plan_id is not None and "plan" in context.dataset.plans.get(context.plan_id, {}):
        docs = {d.id: d for d in context.plan().documents}
    return render(context, template, L=LABELS, ctx=context, docs=docs, **values)


def nothing_yet(context) -> str:
    """A fragment whose data file or key is missing: one neutral sentence that fits any
    subject and claims nothing about the document (the heading says what is missing)."""
    has_plan = context.plan_id is not None and "plan" in context.dataset.plans.get(context.plan_id, {})
    return render(context, "nothing_yet.html", plan=context.plan() if has_plan else {},
                  key="nothing_yet")


def missing_list(context, value) -> str | None:
    """What a list's fragment shows instead of entries, chosen by what the data says: the
    reason while the list is `{unknown: reason}` (not recorded yet), 'the document has none'
    for an empty list `[]`; None when there are entries to show."""
    if is_unknown(value):
        return Markup(render(context, "not_recorded.html", value=value))
    if not value:
        return Markup(render(context, "nothing_yet.html", plan=context.plan(),
                             key="none_in_document"))
    return None


def front_matter(title: str, description: str, *, searchable: bool = True) -> str:
    """The front matter of a generated page: its title and description (escaped for the
    theme), and whether search indexes it."""
    # JSON strings are valid YAML scalars, so any text is quoted safely.
    return ("---\ntitle: " + json.dumps(theme_text(title), ensure_ascii=False)
            + "\ndescription: " + json.dumps(theme_text(description), ensure_ascii=False)
            + ("" if searchable else "\nsearch:\n  exclude: true")
            + "\n---\n\n")


# --- Plan-wide derived data, built once per build and plan (pages share it) ---------

def derived(context) -> dict:
    """Reverse relations and calendar groupings of the context's plan, computed once per
    build: every body and network page reads them, so per-page scans would be quadratic."""
    from ..web.i18n import language
    key = ("derived", context.plan_id, language())  # timing words are in the build language
    if key not in context.memo:
        context.memo[key] = _build(context)
    return context.memo[key]


def _build(context) -> dict:
    rel: dict[str, dict[str, list[str]]] = {}

    def add(target, relation, source):
        if isinstance(target, str):
            rel.setdefault(target, {}).setdefault(relation, []).append(source)

    model = context.model()
    for body in model.bodies:
        add(body.appointed_by, "appoints", body.id)
        add(body.parent, "children", body.id)
        add(body.coordinator, "coordinates", body.id)
        if body.composition is not None:
            add(body.composition.ngo_representatives_appointed_by, "names_ngo_reps", body.id)
    for network in model.networks:
        add(network.coordinator, "coordinates", network.id)
        add(network.proposed_by, "proposes", network.id)
        for body in network.related_bodies or ():
            add(body, "related_networks", network.id)
    seasons = {s.id: s for s in model.plan.seasons} if model.plan is not None else {}
    # The one timing model; the pages' words, groups and wheel shapes derive from it.
    items = sorted((item_view(item) for item in model.items), key=lambda i: i.sort)
    by_organiser: dict[str, list] = {}
    for info in items:
        # An item is listed on its organisers' pages and on the page of the body or
        # network whose meeting it is (belongs_to), which is not its organiser.
        for org in dict.fromkeys(info.item.organisers + (info.item.belongs_to,)):
            if org:
                by_organiser.setdefault(org, []).append(info)
    return {"relations": rel, "items": items, "by_organiser": by_organiser, "seasons": seasons}
