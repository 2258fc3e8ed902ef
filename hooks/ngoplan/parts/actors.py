"""Bodies, networks and organisations: index lists, and one generated page per body and
per network (cross-linked, with their year-clock items)."""

from __future__ import annotations

from ..web.i18n import language, msg
from ..web.registry import GeneratedFile, fragment, generator
from ..web.render import capfirst, kind_word
from ..text import entries, localized
from .common import PAGE_FOLDERS, actors, derived, front_matter, nothing_yet, page


def _summary(text: str, limit: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


@generator
def actor_pages(state):
    """<plan>/toimielimet/<id>.md and <plan>/verkostot/<id>.md: front matter + a marker.
    No data text goes into the Markdown body; the fragment renders it escaped."""
    for plan_id, docs in sorted(state.dataset.plans.items()):
        if "plan" not in docs:
            continue
        model = state.model(plan_id)
        lang = language()  # a Swedish build's pages get Swedish titles and descriptions
        county = localized(model.plan.county, lang)
        for kind, folder in PAGE_FOLDERS.items():
            for entry in getattr(model, kind):
                name = localized(entry.name, lang)
                description = _summary(f"{_category(kind, entry)}: {name} – {county}. "
                                       f"{localized(entry.purpose, lang)}")
                marker = "body-page" if kind == "bodies" else "network-page"
                yield GeneratedFile(
                    f"{plan_id}/{folder}/{entry.id}.md",
                    front_matter(name, description) + f"<!-- data:{marker} {entry.id} -->\n")


# Kinds that are not a body or a network proper: the description names them by their kind
# ("Neuvottelut: …", "Verkkopalvelu: Lähellä.fi"), as the page's own kind line does.
_OWN_CATEGORY = (("bodies", "negotiation"), ("networks", "website"), ("networks", "activity"))


def _category(kind: str, entry) -> str:
    if (kind, entry.kind) in _OWN_CATEGORY:
        return capfirst(kind_word("body_kinds" if kind == "bodies" else "network_kinds", entry))
    return msg("actor.category_body" if kind == "bodies" else "actor.category_network")


def _refs(context, ids):
    found = actors(context)
    return [found.link(i) for i in ids if isinstance(i, str)]


def _actor_page(context, ident: str, kind: str) -> str:
    entry = actors(context).get(ident)
    if entry is None or actors(context).kind(ident) != kind:
        raise LookupError(f"tunnistetta '{ident}' ei löydy ({kind})")
    found = actors(context)
    model = derived(context)
    rel = model["relations"].get(ident, {})
    legislation = context.model().legislation
    laws = {law.id: law for law in entries(legislation.laws)} if legislation else {}
    items = model["by_organiser"].get(ident, [])
    return page("actor_page.html", context, entry=entry, kind=kind, rel=rel,
                ref=found.link, refs=lambda ids: _refs(context, ids), laws=laws, items=items,
                vuosikello=context.plan_url("vuosikello.md"),
                lainsaadanto=context.plan_url("lainsaadanto.md"),
                index_url=context.plan_url("toimielimet.md"),
                plan_url=context.plan_url("index.md"), plan=context.plan())


@fragment("body-page")
def body_page(context, arg) -> str:
    return _actor_page(context, arg, "bodies")


@fragment("network-page")
def network_page(context, arg) -> str:
    return _actor_page(context, arg, "networks")


def _actor_index(context, kind: str) -> str:
    model = context.model()
    if not model.has(kind):
        return nothing_yet(context)
    return page("actor_index.html", context, entries=getattr(model, kind), kind=kind,
                ref=actors(context).link)


@fragment("bodies-index")
def bodies_index(context, arg) -> str:
    return _actor_index(context, "bodies")


@fragment("networks-index")
def networks_index(context, arg) -> str:
    return _actor_index(context, "networks")


@fragment("organisations-list")
def organisations_list(context, arg) -> str:
    model = context.model()
    if not model.has("organisations"):
        return nothing_yet(context)
    rel = derived(context)["relations"]
    return page("organisations.html", context, entries=model.organisations, rel=rel,
                refs=lambda ids: _refs(context, ids))
