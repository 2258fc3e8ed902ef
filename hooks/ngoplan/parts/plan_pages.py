"""The plan's own facts: front page essentials, the about-the-plan page, contacts and
channels, and the landing page's list of plans."""

from __future__ import annotations

from ..i18n import msg
from ..registry import fragment
from ..render import PLACED_FORMS
from ..render import render
from .common import actors, derived, nothing_yet, page


@fragment("plan-summary")
def plan_summary(context, arg) -> str:
    return page("plan_summary.html", context, plan=context.plan(), ref=actors(context).link,
                suunnitelma=context.plan_url("suunnitelma.md"))


@fragment("plans-list")
def plans_list(context, arg) -> str:
    plans = [docs["plan"].value for _, docs in sorted(context.dataset.plans.items())
             if "plan" in docs]
    return render("plans_list.html", plans=plans, url=context.url)


def _count(context, kind):
    return len(context.index(kind)) if context.optional(kind) is not None else None


@fragment("plan-key-numbers")
def plan_key_numbers(context, arg) -> str:
    bodies = context.index("bodies")
    seats = [b["composition"]["ngo_seats"] for b in bodies.values()
             if isinstance(b.get("composition", {}).get("ngo_seats"), int)]
    items = derived(context)["items"]
    has_calendar = context.optional("calendar") is not None

    def forms(*names):
        return sum(1 for i in items if i.form in names) if has_calendar else None

    numbers = [
        ("numbers.bodies", _count(context, "bodies"), "toimielimet.md"),
        ("numbers.networks", _count(context, "networks"), "toimielimet.md"),
        ("numbers.ngo_seats", sum(seats) if seats else None, "toimielimet.md"),
        ("numbers.grant_types", _count(context, "grants"), "avustukset.md"),
        ("numbers.items", len(items) if has_calendar else None, "vuosikello.md"),
        # Only a date is a known time: a month or season is approximate, a rhythm is none.
        ("numbers.items_exact", forms(*PLACED_FORMS), "vuosikello.md"),
        ("numbers.items_approximate", forms("approximate"), "vuosikello.md"),
        ("numbers.items_no_time", forms("rhythm"), "vuosikello.md"),
    ]
    return page("key_numbers.html", context,
                numbers=[(msg(key), value, context.plan_url(target)) for key, value, target in numbers])


@fragment("plan-next-items")
def plan_next_items(context, arg) -> str:
    """Items from the data's own date on (never the build clock): deterministic builds."""
    if context.optional("calendar") is None:
        return nothing_yet(context)
    plan = context.plan()
    since = plan["updated"]
    items = derived(context)["items"]
    upcoming = [i for i in items if i.wheel and i.sort[0][:10] >= since[:7]][:5]
    rhythm = [i for i in items if not i.wheel]
    return page("next_items.html", context, upcoming=upcoming, rhythm=rhythm, since=since,
                plan=plan, vuosikello=context.plan_url("vuosikello.md"), ref=actors(context).link)


def _plan_list(key, template):
    def render_part(context, arg) -> str:
        plan = context.plan()
        if key not in plan:
            return nothing_yet(context)
        return page(template, context, plan=plan, entries=plan[key], ref=actors(context).link)
    return render_part


PLAN_LISTS = tuple(
    fragment(_name)(_plan_list(_key, _name.replace("-", "_") + ".html"))
    for _name, _key in (("plan-aim", "aim"), ("plan-values", "values"),
                        ("plan-guiding-documents", "guiding_documents"),
                        ("plan-scope", "scope_notes"), ("plan-authors", "authors"),
                        ("plan-sources", "documents"), ("plan-contacts", "contacts"),
                        ("plan-channels", "channels")))
