"""Where a plan's feeds and pages are published and the addresses apps subscribe with:
feed paths (relative to the site root), page paths, webcal and Google links, and UIDs."""

from __future__ import annotations

from urllib.parse import quote

from ..web.urls import page_url


def plan_feed_path(plan_id: str, lang: str = "fi") -> str:
    return f"{plan_id}/vuosikello.ics" if lang == "fi" else f"{plan_id}/vuosikello-{lang}.ics"


def _feed_folder(plan_id: str, lang: str) -> str:
    """Finnish feeds under vuosikello/, another language's under vuosikello-<lang>/ (the
    language never shares a folder with ids, so no organiser id can clash with it)."""
    return f"{plan_id}/vuosikello" if lang == "fi" else f"{plan_id}/vuosikello-{lang}"


def organiser_feed_path(plan_id: str, organiser_id: str, lang: str = "fi") -> str:
    return f"{_feed_folder(plan_id, lang)}/{organiser_id}.ics"


def item_ics_path(plan_id: str, item_id: str, lang: str = "fi") -> str:
    return f"{_feed_folder(plan_id, lang)}/tapahtumat/{item_id}.ics"


def page_path(plan_id: str, page: str, use_directory_urls: bool = True, lang: str = "fi") -> str:
    """The site path of an authored plan page such as 'vuosikello' or 'tilaa'; pages in
    another language than Finnish are under <lang>/ (one site build per language)."""
    prefix = "" if lang == "fi" else f"{lang}/"
    return prefix + page_url(f"{plan_id}/{page}.md", use_directory_urls)


def item_anchor_url(site_url: str, plan_id: str, item_id: str, use_directory_urls: bool = True,
                    lang: str = "fi") -> str:
    return f"{site_url}{page_path(plan_id, 'vuosikello', use_directory_urls, lang)}#{item_id}"


def webcal_url(url: str) -> str:
    """webcal:// asks the operating system's calendar app to subscribe."""
    return "webcal://" + url.split("://", 1)[1]


def google_subscribe_url(url: str) -> str:
    """Google takes the webcal address percent-encoded in cid, not a plain webcal link."""
    return "https://calendar.google.com/calendar/render?cid=" + quote(webcal_url(url), safe="")


def uid(plan_id: str, item_id: str, uid_domain: str, lang: str = "fi") -> str:
    suffix = "" if lang == "fi" else f"-{lang}"
    return f"{plan_id}-{item_id}{suffix}@{uid_domain}"
