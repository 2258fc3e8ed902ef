"""Legal framework, monitoring, development goals and the forms of cooperation."""

from __future__ import annotations

from ..web.registry import fragment
from .common import actors, derived, missing_list, nothing_yet, page


@fragment("legislation")
def legislation(context, arg) -> str:
    data = context.model().legislation
    if data is None:
        return nothing_yet(context)
    missing = missing_list(context, data.laws)
    if missing is not None:
        return missing
    # Which bodies rest on each law: the reverse of bodies' legal_basis.
    based: dict[str, list[str]] = {}
    for body in context.model().bodies:
        for basis in body.legal_basis or ():
            based.setdefault(basis.law, []).append(body.id)
    return page("legislation.html", context, laws=data.laws, based=based,
                ref=actors(context).link)


@fragment("monitoring")
def monitoring(context, arg) -> str:
    data = context.optional("monitoring")
    if data is None or not any(key in data for key in MONITORING_PARTS):
        return nothing_yet(context)
    return page("monitoring.html", context, mon=data, ref=actors(context).link)


# monitoring.yaml's parts; the file may give none of them yet.
MONITORING_PARTS = ("followers", "indicators", "surveys", "evaluation_tools", "update")


@fragment("goals")
def goals(context, arg) -> str:
    data = context.model().goals
    if data is None:
        return nothing_yet(context)
    return page("goals.html", context, g=data, missing=missing_list(context, data.goals))


@fragment("cooperation-section")
def cooperation_section(context, arg) -> str:
    data = context.optional("cooperation")
    if data is None:
        return nothing_yet(context)
    sections = {s["id"]: s for s in data.get("sections", [])}
    if arg is None:
        raise LookupError("cooperation-section tarvitsee aiheen tunnisteen, esimerkiksi "
                          "<!-- data:cooperation-section " + (next(iter(sections), "aihe")) + " -->")
    if arg not in sections:
        raise LookupError(f"yhteistyön aihetta '{arg}' ei ole cooperation.yaml-tiedostossa; "
                          f"tunnetut: {', '.join(sections)}")
    return page("cooperation_section.html", context, s=sections[arg], ref=actors(context).link)


@fragment("cooperation-figures")
def cooperation_figures(context, arg) -> str:
    data = context.optional("cooperation")
    if data is None or "figures" not in data:
        return nothing_yet(context)
    missing = missing_list(context, data["figures"])
    if missing is not None:
        return missing
    return page("cooperation_figures.html", context, figures=data["figures"])


# Kinds of item that are occasions to meet (not meetings of a body's members).
OPEN_KINDS = ("forum", "event")


@fragment("open-forums")
def open_forums(context, arg) -> str:
    """Forums and events open to every association (audience: ngos), from the year-clock,
    for the cooperation page: a reader looking for where to take part finds them there."""
    if not context.model().has("calendar"):
        return nothing_yet(context)
    items = [info for info in derived(context)["items"]
             if info.item.kind in OPEN_KINDS and "ngos" in info.item.audience]
    return page("open_forums.html", context, items=items, ref=actors(context).link,
                vuosikello=context.plan_url("vuosikello.md"))
