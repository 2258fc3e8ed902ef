"""Year-clock feeds as generated static files, the subscribe page fragment, and the
"add to calendar" group templates include per item (add_to_calendar.html).

Paths, addresses and links come from ngoplan.feeds (ical, calendars).
"""

from __future__ import annotations

from ..web import i18n
from ..feeds import events, ical, paths
from ..web.context import PRINT_OMIT
from ..feeds.calendars import (can_add, event_links, feed_context, feed_links, item_ics,
                               organiser_feed, plan_feed_files, plan_feed_paths, plan_items)
from ..model.timing import Approximate, Rhythm
from ..web.registry import GeneratedFile, SiteInfo, fragment, generator, template_global
from ..web.render import render
from ..text import fi_date, localized

__all__ = ["calendar_actions", "feed_context", "feed_links", "item_ics", "organiser_feed",
           "plan_feed_files", "plan_items"]

def _feed_paths(state):
    dataset = state.dataset
    return [path for plan_id in sorted(dataset.plans) if "plan" in dataset.plans[plan_id]
            for path in plan_feed_paths(dataset, plan_id, state.model(plan_id))]


# The feeds are most of the generated files' cost (every item's own .ics), and no page
# reads them: the build may make them in another process while the pages are rendered.
@generator(paths=_feed_paths)
def calendar_feeds(state):
    dataset, site = state.dataset, state.site
    for plan_id in sorted(dataset.plans):
        if "plan" not in dataset.plans[plan_id]:
            continue
        for path, content in plan_feed_files(dataset, plan_id, site, state.model(plan_id)):
            yield GeneratedFile(path, content)


def _season_text(season) -> dict:
    months = season.months
    first, last = i18n.msg(f"month.{months[0]}"), i18n.msg(f"month.{months[-1]}")
    return {"name": season.name, "months": first if len(months) == 1 else f"{first}–{last}"}


@fragment("calendar-subscribe")
def calendar_subscribe(context, arg) -> str:
    site = context.site  # absolute feed addresses: the build's site root
    plan_id = context.plan_id
    if plan_id is None:
        raise LookupError("tämä merkintä toimii vain suunnitelman sivuilla (content/<suunnitelma>/)")
    items = context.model().items
    ctx = feed_context(context.dataset, plan_id, site, context.model())
    plan = context.plan()
    in_feed = [item for item in items if item.in_feed]
    # The page's own language's feeds first; the plan's other languages' feeds after it.
    lang = i18n.language()
    feed_lang = lang if lang in events.feed_languages(plan.languages) else "fi"
    organisers = [{"id": org, "name": ctx.organiser_names.get(org, org),
                   "count": sum(1 for item in in_feed if org in item.organisers),
                   **feed_links(site.url, paths.organiser_feed_path(plan_id, org, feed_lang))}
                  for org in ical.feed_organisers(items)]
    languages = [other for other in plan.languages if other != lang]
    return render(
        context,
        "subscribe.html",
        plan=plan,
        feed=feed_links(site.url, paths.plan_feed_path(plan_id, lang)),
        other_languages=[{"lang": lang, **feed_links(site.url, paths.plan_feed_path(plan_id, lang))}
                         for lang in languages],
        event_count=len(in_feed),
        item_count=len(items),
        approximate_count=sum(1 for item in in_feed if isinstance(item.timing, Approximate)),
        rhythms=[item for item in items if isinstance(item.timing, Rhythm)],
        seasons=[_season_text(s) for s in plan.seasons],
        organisers=organisers,
        refresh_hours=ctx.refresh_hours,
        calendar_page=ctx.site_url + paths.page_path(plan_id, "vuosikello", site.use_directory_urls,
                                                    lang),
        county=localized(plan.county, lang),
    )


@template_global
def calendar_actions(context, item):
    """The add-to-calendar group's data for one item (a model CalendarItem) on a page of
    its plan, in the build language; None when the item has no time a calendar can hold.
    Templates call it through add_to_calendar.html."""
    site = context.state.site if context.state is not None else None
    if site is None or context.plan_id is None or not can_add(item):
        return None
    if context.is_print:
        return None  # the print version: links to press are of no use on paper
    # The feed language, once per plan (finding the catalogues reads the folder).
    lang_key = ("feed-language", context.plan_id, i18n.language())
    if lang_key not in context.memo:
        lang = i18n.language()
        feed_langs = events.feed_languages(context.plan().languages)
        context.memo[lang_key] = lang if lang in feed_langs else "fi"
    lang = context.memo[lang_key]
    # The same item's links on the year-clock page and on each organiser's page: made once
    # per build (they are absolute addresses, the same on every page).
    key = ("event-links", context.plan_id, item.id, lang)
    links = context.memo.get(key)
    if links is None:
        feed_key = ("feed-context", context.plan_id)
        if feed_key not in context.memo:
            context.memo[feed_key] = feed_context(context.dataset, context.plan_id, site,
                                                  context.model())
        links = context.memo[key] = event_links(item, context.memo[feed_key], lang)
    return {"links": links, "ics": context.url(links.ics), "approximate": links.span is not None,
            "first": fi_date(links.span[0]) if links.span else None,
            "last": fi_date(links.span[1]) if links.span else None,
            "wording": item.timing.wording if links.span else None,
            "subscribe": context.plan_url("tilaa.md"),
            # Marks what a print page leaves out, when rendered for any page of the plan.
            "omit": PRINT_OMIT if context.neutral else ("", "")}

