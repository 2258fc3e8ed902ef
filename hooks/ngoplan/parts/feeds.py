"""Year-clock feeds as generated static files, and the subscribe page fragment.

Paths and addresses come from ngoplan.ical (plan_feed_path, organiser_feed_path,
item_ics_path, webcal_url, google_subscribe_url); other parts link feeds through
feed_links() below.
"""

from __future__ import annotations

from .. import i18n, ical
from ..model.timing import Approximate, Rhythm, parse_items
from ..registry import GeneratedFile, SiteInfo, fragment, generator
from ..render import render
from ..text import localized

ACTOR_KINDS = ("bodies", "networks", "organisations")
# The fragment needs absolute feed addresses; the generator, which runs before any page
# is rendered, records the site it built them for.
_site: dict[str, SiteInfo] = {}


def _value(docs, kind):
    doc = docs.get(kind)
    return None if doc is None else doc.value


def plan_items(dataset, plan_id: str):
    docs = dataset.plans[plan_id]
    return parse_items(_value(docs, "calendar"), docs["plan"].value)


def feed_context(dataset, plan_id: str, site: SiteInfo) -> ical.FeedContext:
    import datetime as dt

    docs = dataset.plans[plan_id]
    plan = docs["plan"].value
    site_data = dataset.site["site"].value
    names = {}
    for kind in ACTOR_KINDS:
        value = _value(docs, kind)
        for entry in (value or {}).get(kind, []):
            names[entry["id"]] = entry["name"]
    return ical.FeedContext(
        plan_id=plan_id, county=plan["county"], title=plan["title"],
        uid_domain=site_data["uid_domain"], refresh_hours=site_data["feed_refresh_hours"],
        plan_updated=dt.date.fromisoformat(plan["updated"]), site_url=site.url,
        use_directory_urls=site.use_directory_urls, organiser_names=names,
        document_titles={d["id"]: d["title"] for d in plan.get("documents", [])})


def plan_feed_files(dataset, plan_id: str, site: SiteInfo) -> list[tuple[str, bytes]]:
    ctx = feed_context(dataset, plan_id, site)
    languages = dataset.plans[plan_id]["plan"].value.get("languages", ["fi"])
    return ical.feed_files(plan_items(dataset, plan_id), ctx, languages)


@generator
def calendar_feeds(dataset, site: SiteInfo):
    _site["current"] = site
    for plan_id in sorted(dataset.plans):
        if "plan" not in dataset.plans[plan_id]:
            continue
        for path, content in plan_feed_files(dataset, plan_id, site):
            yield GeneratedFile(path, content)


def item_ics(plan_id: str, item: dict) -> str | None:
    """Site path of an item's "add to calendar" file (a calendar.yaml item as a dict), or
    None for a rhythm without a period, which has no file. Link it from a page with
    PageContext.url(item_ics(...)) and the text "Lisää kalenteriin"."""
    return None if "rhythm" in item["timing"] else ical.item_ics_path(plan_id, item["id"])


def organiser_feed(dataset, plan_id: str, organiser_id: str) -> str | None:
    """Site path of an organiser's own feed, or None when it has no item in the feeds."""
    if organiser_id in ical.feed_organisers(plan_items(dataset, plan_id)):
        return ical.organiser_feed_path(plan_id, organiser_id)
    return None


def feed_links(site_url: str, path: str) -> dict:
    """The addresses of one feed: https (download), webcal and Google's add-by-URL."""
    url = site_url + path
    return {"path": path, "url": url, "webcal": ical.webcal_url(url),
            "google": ical.google_subscribe_url(url)}


def _season_text(season: dict) -> dict:
    months = season["months"]
    first, last = i18n.msg(f"month.{months[0]}"), i18n.msg(f"month.{months[-1]}")
    return {"name": season["name"], "months": first if len(months) == 1 else f"{first}–{last}"}


@fragment("calendar-subscribe")
def calendar_subscribe(context, arg) -> str:
    site = _site.get("current")
    if site is None:
        raise LookupError("kalenterisyötteitä ei ole luotu ennen tilaussivua")
    plan_id = context.plan_id
    if plan_id is None:
        raise LookupError("tämä merkintä toimii vain suunnitelman sivuilla (content/<suunnitelma>/)")
    items = plan_items(context.dataset, plan_id)
    ctx = feed_context(context.dataset, plan_id, site)
    plan = context.dataset.plans[plan_id]["plan"].value
    in_feed = [item for item in items if item.in_feed]
    organisers = [{"id": org, "name": ctx.organiser_names.get(org, org),
                   "count": sum(1 for item in in_feed if org in item.organisers),
                   **feed_links(site.url, ical.organiser_feed_path(plan_id, org))}
                  for org in ical.feed_organisers(items)]
    # The page's own language's feed first; the plan's other languages' feeds after it.
    lang = i18n.language()
    languages = [other for other in plan.get("languages", ["fi"]) if other != lang]
    return render(
        "subscribe.html",
        plan=plan,
        feed=feed_links(site.url, ical.plan_feed_path(plan_id, lang)),
        other_languages=[{"lang": lang, **feed_links(site.url, ical.plan_feed_path(plan_id, lang))}
                         for lang in languages],
        event_count=len(in_feed),
        approximate_count=sum(1 for item in in_feed if isinstance(item.timing, Approximate)),
        rhythms=[item for item in items if isinstance(item.timing, Rhythm)],
        seasons=[_season_text(s) for s in plan.get("seasons", [])],
        organisers=organisers,
        refresh_hours=ctx.refresh_hours,
        calendar_page=ctx.site_url + ical.page_path(plan_id, "vuosikello", site.use_directory_urls,
                                                    lang),
        county=localized(plan["county"], lang),
    )
