"""The per-plan changelog page <plan>/muutokset.md, its fragment, and its Atom feed
<plan>/muutokset.xml.

The page is generated (never authored) and carries one marker; the fragment and the feed
read the plan's history from git through ngoplan.history, which never fails the build.
"""

from __future__ import annotations

from itertools import groupby

from ..feeds import atom, paths
from ..history import plan_history
from ..history.page_diff import page_parts
from ..model.plan_record import Plan
from ..web.registry import GeneratedFile, fragment, generator
from ..web.render import render
from ..text import localized

PAGE = "muutokset.md"

# Fixed Finnish text only: nothing from YAML is joined into this Markdown.
_MARKDOWN = """---
description: Mitä suunnitelman tietoihin ja sivuihin on muutettu ja milloin, uusimmat ensin.
---

# Muutoshistoria

Tällä sivulla näkyy, mitä tämän suunnitelman tietoihin ja sivuihin on muutettu. Uusimmat
muutokset ovat ylimpänä. Luettelo syntyy automaattisesti sivuston versionhistoriasta:
jokainen rivi kertoo, mikä tieto muuttui ja missä, ja yleensä myös uuden tekstin kokonaan.
Sivun pitkästä kohdasta tai kohdasta, jossa on linkkejä tai luetteloita, rivi kertoo vain,
että tekstiä muutettiin.
Päivämäärä on se päivä, jolloin muutos tallennettiin sivuston lähdetietoihin.

<!-- data:plan-changelog -->
"""


@generator
def changelog_pages(state):
    dataset, site = state.dataset, state.site
    for plan_id in sorted(dataset.plans):
        yield GeneratedFile(f"{plan_id}/{PAGE}", _MARKDOWN)
        if "plan" in dataset.plans[plan_id] and "site" in dataset.site:
            yield GeneratedFile(atom.feed_path(plan_id),
                                changes_feed(dataset, state.model(plan_id).plan, site))
            yield GeneratedFile(f"{plan_id}/sitemap.xml", atom.plan_sitemap(site.url, plan_id))


def _plan_page_address(site, plan_id: str, name: str) -> str:
    return site.url + paths.page_path(plan_id, name, site.use_directory_urls)


def atom_context(dataset, plan: Plan, site) -> atom.AtomContext:
    plan_id = plan.id
    urls, titles = {}, {}
    for path in sorted((dataset.root / "content" / plan_id).glob("*.md")):
        _, title, _ = page_parts(path.read_bytes())
        urls[path.stem] = _plan_page_address(site, plan_id, path.stem)
        titles[path.stem] = title or path.stem
    return atom.AtomContext(
        plan_id=plan_id, county=localized(plan.county),
        uid_domain=dataset.site["site"].value["uid_domain"], site_url=site.url,
        plan_updated=plan.updated, page_urls=urls,
        page_titles=titles, changelog_url=_plan_page_address(site, plan_id, "muutokset"))


def changes_feed(dataset, plan: Plan, site) -> bytes:
    """The plan's Atom feed of changes (plan: its record; the history itself is read from
    git as data, ngoplan.history)."""
    return atom.changes_feed(plan_history(dataset.root, plan.id), atom_context(dataset, plan, site))


@fragment("plan-changelog")
def plan_changelog(context, arg) -> str:
    if context.plan_id is None:
        raise LookupError("plan-changelog toimii vain suunnitelman sivuilla")
    revisions = plan_history(context.dataset.root, context.plan_id)
    days = None
    if revisions is not None:
        days = [(date, [line for rev in group for line in rev.changes])
                for date, group in groupby(revisions, key=lambda rev: rev.date)]
    return render(context, "changelog.html", days=days,
                  feed_url=context.url(atom.feed_path(context.plan_id)))
