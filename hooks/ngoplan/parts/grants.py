"""Grants: principles and who decides, each grant type in full, and the self-check form
built from the criteria data (a plain checklist; a local script only adds a summary)."""

from __future__ import annotations

from ..text import entries
from ..web.registry import fragment
from .common import actors, nothing_yet, page
from .yearclock import SCRIPT


def _grants(context):
    return context.optional("grants")


@fragment("grants-overview")
def grants_overview(context, arg) -> str:
    data = _grants(context)
    if data is None:
        return nothing_yet(context)
    # Whom to ask and where grants are discussed: the contacts and forums grants.yaml names.
    plan = context.plan()
    contacts = {c["id"]: c for c in entries(plan.get("contacts"))}
    calendar = context.index("calendar")
    return page("grants_overview.html", context, g=data, ref=actors(context).link,
                contacts=[contacts[i] for i in data.get("contacts", []) if i in contacts],
                forums=[calendar[i] for i in data.get("forums", []) if i in calendar],
                yhteystiedot=context.plan_url("yhteystiedot.md"),
                vuosikello=context.plan_url("vuosikello.md"))


@fragment("grant-types")
def grant_types(context, arg) -> str:
    data = _grants(context)
    if data is None:
        return nothing_yet(context)
    items = [i for i in context.index("calendar").values() if i["kind"] == "application_period"]
    return page("grant_types.html", context, g=data, ref=actors(context).link,
                application_items=items, vuosikello=context.plan_url("vuosikello.md"))


@fragment("grant-check")
def grant_check(context, arg) -> str:
    data = _grants(context)
    if data is None:
        return nothing_yet(context)
    plan = context.plan()
    guidance = plan.get("grant_guidance", data.get("guidance"))
    return page("grant_check.html", context, g=data, guidance=guidance,
                script=context.url(SCRIPT), plan=plan)
