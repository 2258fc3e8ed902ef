"""The plan's own facts: front page essentials, the about-the-plan page, contacts and
channels, and the landing page's list of plans."""

from __future__ import annotations

from ..web.i18n import language, msg
from ..web.registry import fragment
from ..web.render import PLACED_FORMS, doc_words
from ..web.render import render
from ..text import is_reading, localized, plain
from .common import actors, derived, missing_list, nothing_yet, page


@fragment("plan-summary")
def plan_summary(context, arg) -> str:
    return page("plan_summary.html", context, plan=context.plan(), ref=actors(context).link, standalone=False,
                suunnitelma=context.plan_url("suunnitelma.md"))


@fragment("plan-status")
def plan_status(context, arg) -> str:
    """The draft notice alone, for pages that do not show the whole summary (selkosuomi)."""
    return page("plan_status.html", context, plan=context.plan(), standalone=True)


@fragment("plans-list")
def plans_list(context, arg) -> str:
    plans = [context.for_plan(plan_id).model().plan for plan_id, docs
             in sorted(context.dataset.plans.items()) if "plan" in docs]
    return render(context, "plans_list.html", plans=plans, url=context.url)


@fragment("plan-key-numbers")
def plan_key_numbers(context, arg) -> str:
    """Each figure counts one kind, and its label says which: a negotiation is not a body,
    a website or a proposal is not a working network, premises are not a grant. A sum that
    includes a reading says so beside the figure."""
    model = context.model()
    bodies, networks = model.bodies, model.networks
    grants = model.grants
    seats, read = [], []
    for body in bodies:
        value = body.composition.ngo_seats if body.composition else None
        if isinstance(plain(value), int):
            seats.append(plain(value))
            if is_reading(value):
                read.append(localized(body.name, language()))
    items = derived(context)["items"]
    has_calendar = model.has("calendar")
    has_bodies = model.has("bodies")
    has_networks = model.has("networks")

    def forms(*names):
        return sum(1 for i in items if i.form in names) if has_calendar else None

    def count(entries, present, test):
        return sum(1 for e in entries if test(e)) if present else None

    money = ("operating_grant", "partnership_grant")
    types = grants.grant_types if grants is not None else ()
    proposed = count(networks, has_networks, lambda n: n.stage == "proposed")
    numbers = [
        ("numbers.bodies", count(bodies, has_bodies, lambda b: b.kind != "negotiation"),
         "toimielimet.md", None),
        ("numbers.negotiations", count(bodies, has_bodies, lambda b: b.kind == "negotiation"),
         "toimielimet.md", None),
        ("numbers.networks", count(networks, has_networks, lambda n: n.kind in
                                   ("network", "partnership_network") and n.stage is None),
         "toimielimet.md", None),
        ("numbers.ngo_seats", sum(seats) if seats else None, "toimielimet.md",
         (msg("numbers.ngo_seats_reading_one", names=read[0]) if len(read) == 1 else
          msg("numbers.ngo_seats_reading_many", names=", ".join(read))) if read else None),
        ("numbers.grant_types", sum(1 for t in types if t.kind in money) if grants is not None else None,
         "avustukset.md", None),
        ("numbers.other_support", sum(1 for t in types if t.kind not in money) if grants is not None else None,
         "avustukset.md", None),
        ("numbers.items", len(items) if has_calendar else None, "vuosikello.md", None),
        # Only a date is a known time: a month or season is approximate, a rhythm is none.
        ("numbers.items_exact", forms(*PLACED_FORMS), "vuosikello.md", None),
        ("numbers.items_approximate", forms("approximate"), "vuosikello.md", None),
        ("numbers.items_no_time", forms("rhythm"), "vuosikello.md", None),
    ]
    if proposed:
        numbers.insert(3, ("numbers.proposed_networks", proposed, "toimielimet.md", None))
    words = doc_words(context.plan())  # "asiakirjan mukaan" where the plan calls itself so
    return page("key_numbers.html", context,
                numbers=[(msg(key, **words), value, context.plan_url(target), why)
                         for key, value, target, why in numbers])


@fragment("plan-next-items")
def plan_next_items(context, arg) -> str:
    """Items from the data's own date on (never the build clock): deterministic builds."""
    if not context.model().has("calendar"):
        return nothing_yet(context)
    plan = context.plan()
    since = plan.updated.isoformat()
    items = derived(context)["items"]
    upcoming = [i for i in items if i.wheel and i.sort[0][:10] >= since[:7]][:5]
    rhythm = [i for i in items if not i.wheel]
    return page("next_items.html", context, upcoming=upcoming, rhythm=rhythm, since=since,
                any_items=bool(items),
                plan=plan, vuosikello=context.plan_url("vuosikello.md"), ref=actors(context).link)


def _plan_list(key, template):
    def render_part(context, arg) -> str:
        plan = context.plan()
        value = getattr(plan, key)
        if value is None:
            return nothing_yet(context)
        missing = missing_list(context, value)
        if missing is not None:
            return missing
        return page(template, context, plan=plan, entries=value, ref=actors(context).link)
    return render_part


PLAN_LISTS = tuple(
    fragment(_name)(_plan_list(_key, _name.replace("-", "_") + ".html"))
    for _name, _key in (("plan-aim", "aim"), ("plan-values", "values"),
                        ("plan-guiding-documents", "guiding_documents"),
                        ("plan-scope", "scope_notes"), ("plan-authors", "authors"),
                        ("plan-sources", "documents"), ("plan-contacts", "contacts"),
                        ("plan-channels", "channels")))
