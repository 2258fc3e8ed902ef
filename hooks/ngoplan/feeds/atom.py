"""A plan's changes as an Atom feed (RFC 4287), `<plan>/muutokset.xml`, written by feedgen.

One entry per revision that changed the plan (ngoplan.history): the changelog page's
sentences, dated by the commit, linked to the changelog's day and to the plan's pages that
show what changed. Ids are tag URIs, `tag:<uid_domain>,2026:<plan>/<commit>` (the feed's
own: `tag:<uid_domain>,2026:<plan>/muutokset`): like calendar UIDs they never contain the
site's address, so a rebuild or a move to another domain does not make readers see every
entry again. Without git history the feed is valid and empty, `updated` from the plan's
own `updated` date: no clock, so two builds of one commit give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import escape

from ..text import fi_date

TAG_YEAR = 2026  # part of every id: never change it


def feed_path(plan_id: str) -> str:
    return f"{plan_id}/muutokset.xml"


def changes_feed_plan(src_uri: str, plans) -> str | None:
    """The plan whose change feed a page announces (a page under <plan>/), else None."""
    plan_id, _, rest = src_uri.partition("/")
    return plan_id if rest and plan_id in plans else None


def plan_sitemap(site_url: str, plan_id: str) -> bytes:
    """<plan>/sitemap.xml: the plan's front page and changelog (sitemaps.org 0.9).

    Why it exists: Material's script fetches sitemap.xml beside the target of every
    <link rel="alternate"> in a page's head (it maps language versions that way), so the
    change feed's link makes each page view ask for <plan>/sitemap.xml. A small, valid
    file answers that instead of the 404 page."""
    urls = "".join(f"<url><loc>{escape(site_url + plan_id + path)}</loc></url>"
                   for path in ("/", "/muutokset/"))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
            ).encode("utf-8")


def feed_id(uid_domain: str, plan_id: str) -> str:
    return f"tag:{uid_domain},{TAG_YEAR}:{plan_id}/muutokset"


def entry_id(uid_domain: str, plan_id: str, commit: str) -> str:
    return f"tag:{uid_domain},{TAG_YEAR}:{plan_id}/{commit}"


@dataclass(frozen=True)
class AtomContext:
    plan_id: str
    county: str  # the feed's author and part of its title
    uid_domain: str
    site_url: str  # with a trailing slash
    plan_updated: dt.date  # `updated` of a feed without entries
    page_urls: dict  # plan page name ('vuosikello') -> absolute URL, for pages that exist
    page_titles: dict  # plan page name -> its title, for the entry's links
    changelog_url: str  # the changelog page's absolute URL


def _content(revision, ctx: AtomContext) -> str:
    """The entry's HTML: the sentences, then links to the changed pages."""
    items = "".join(f"<li>{escape(line)}</li>" for line in revision.changes)
    html = f"<ul>{items}</ul>"
    pages = [page for page in revision.pages if page in ctx.page_urls]
    if pages:
        links = ", ".join(f'<a href="{escape(ctx.page_urls[p])}">{escape(ctx.page_titles.get(p, p))}</a>'
                          for p in pages)
        html += f"<p>Muuttuneet sivut: {links}</p>"
    return html


def changes_feed(revisions, ctx: AtomContext) -> bytes:
    """The Atom document; revisions newest first (None or [] gives a feed without entries)."""
    from feedgen.feed import FeedGenerator

    revisions = list(revisions or [])
    feed = FeedGenerator()
    feed.id(feed_id(ctx.uid_domain, ctx.plan_id))
    feed.title(f"Muutokset: {ctx.county}")
    feed.subtitle("Mitä järjestöyhteistyön suunnitelman tietoihin ja sivuihin on muutettu.")
    feed.author({"name": ctx.county})
    feed.link(href=ctx.changelog_url, rel="alternate", type="text/html")
    feed.link(href=ctx.site_url + feed_path(ctx.plan_id), rel="self",
              type="application/atom+xml")
    feed.language("fi")
    feed.generator(generator="feedgen")  # without its version or address: stable bytes
    newest = (dt.datetime.fromtimestamp(revisions[0].timestamp, dt.timezone.utc) if revisions
              else dt.datetime.combine(ctx.plan_updated, dt.time(), dt.timezone.utc))
    feed.updated(newest)
    for revision in revisions:
        when = dt.datetime.fromtimestamp(revision.timestamp, dt.timezone.utc)
        entry = feed.add_entry(order="append")
        entry.id(entry_id(ctx.uid_domain, ctx.plan_id, revision.commit))
        count = len(revision.changes)
        entry.title(f"{fi_date(revision.date)}: "
                    + ("1 muutos" if count == 1 else f"{count} muutosta"))
        entry.updated(when)
        entry.published(when)
        # One link (rel=alternate, the default): feedgen 1.0.0 drops an entry link's rel
        # and type, so "related" links would turn into several alternates, which RFC 4287
        # (4.1.1) forbids. The changed pages are linked from the content instead.
        entry.link(href=f"{ctx.changelog_url}#muutokset-{revision.date}")
        entry.content(_content(revision, ctx), type="html")
    return feed.atom_str(pretty=True)
