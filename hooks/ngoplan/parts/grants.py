"""Grants: principles and who decides, each grant type in full, and the self-check form
built from the criteria data (a plain checklist; a local script only adds a summary)."""

from __future__ import annotations

from ..text import entries
from ..web.registry import fragment
from .common import actors, nothing_yet, page
from .yearclock import SCRIPT


@fragment("grants-overview")
def grants_overview(context, arg) -> str:
    model = context.model()
    grants = model.grants
    if grants is None:
        return nothing_yet(context)
    # Whom to ask and where grants are discussed: the contacts and forums grants.yaml names.
    plan = context.plan()
    contacts = {c.id: c for c in entries(plan.contacts)}
    calendar = {item.id: item for item in model.items}
    return page("grants_overview.html", context, g=grants, ref=actors(context).link,
                contacts=[contacts[i] for i in grants.contacts or () if i in contacts],
                forums=[calendar[i] for i in grants.forums or () if i in calendar],
                yhteystiedot=context.plan_url("yhteystiedot.md"),
                vuosikello=context.plan_url("vuosikello.md"))


@fragment("grant-types")
def grant_types(context, arg) -> str:
    model = context.model()
    if model.grants is None:
        return nothing_yet(context)
    items = [item for item in model.items if item.kind == "application_period"]
    return page("grant_types.html", context, g=model.grants, ref=actors(context).link,
                application_items=items, vuosikello=context.plan_url("vuosikello.md"))


@fragment("grant-check")
def grant_check(context, arg) -> str:
    grants = context.model().grants
    if grants is None:
        return nothing_yet(context)
    plan = context.plan()
    guidance = grants.guidance if plan.grant_guidance is None else plan.grant_guidance
    return page("grant_check.html", context, g=grants, guidance=guidance,
                script=context.url(SCRIPT), plan=plan)
