"""The whole bilingual path on the fixture plan (tests/fixtures/bilingual/): a copy of the
project plus the invented county `testimaa` (languages fi, sv), built as `make site` does
(Finnish build, then one build per extra language with real strict `mkdocs build`).

Checks: page languages, Swedish search, the Swedish feed, the switcher in both
directions, and that Finnish-only plans stay out of the Swedish section."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from ngoplan.web.i18n import msg
from search_support import indexed_languages, indexed_pages

PLAN = "testimaa"


@pytest.fixture(scope="module")
def site(bilingual_site) -> Path:
    """The bilingual fixture's build (conftest.bilingual_site, shared with the search tests)."""
    return bilingual_site


class _Links(HTMLParser):
    """The html element's lang and the language switcher's links."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.switcher: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and "ngo-alternate" in (attrs.get("class") or ""):
            self.switcher[attrs["hreflang"]] = attrs["href"]


def _page(site: Path, url: str) -> _Links:
    parser = _Links()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser


def _follow(url: str, href: str) -> str:
    """The site path ('' = front page, else ending in /) a relative link on page url leads to."""
    path = posixpath.normpath(posixpath.join("/" + url, href)).strip("/")
    return path + "/" if path else ""


def test_finnish_pages_are_fi_and_swedish_pages_are_sv(site):
    for url in ("", f"{PLAN}/", f"{PLAN}/vuosikello/", "kainuu/"):
        assert _page(site, url).lang == "fi", url
    swedish = sorted((site / "sv").rglob("*.html"))
    assert len(swedish) >= 5
    for path in swedish:
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        assert parser.lang == "sv", path


def test_swedish_pages_show_swedish_data_and_interface_text(site):
    calendar = (site / "sv" / PLAN / "vuosikello" / "index.html").read_text(encoding="utf-8")
    assert "Nämndens möte (test)" in calendar and "Lautakunnan kokous" not in calendar
    # Interface text from the Swedish catalogue, data codes by their Swedish names.
    assert "<dt>Arrangör</dt>" in calendar and "<dt>Järjestäjä</dt>" not in calendar
    assert "<dd>möte</dd>" in calendar
    finnish = (site / PLAN / "vuosikello" / "index.html").read_text(encoding="utf-8")
    assert "Lautakunnan kokous (testi)" in finnish and "Nämndens möte" not in finnish
    assert "<dt>Järjestäjä</dt>" in finnish and "<dd>kokous</dd>" in finnish
    front = (site / "sv" / PLAN / "index.html").read_text(encoding="utf-8")
    assert "inte känt" in front and "ei tiedossa" not in front  # the plan's unknown period
    assert "<dt>Godkänd</dt>" in front


def test_swedish_search_uses_swedish_stemming(site):
    """Each build has its own Pagefind index in its page language (<html lang>), so
    Swedish pages search Swedish words with the Swedish stemmer."""
    assert indexed_languages(site / "sv") == {"sv"}
    assert indexed_languages(site) == {"fi"}
    titles = {page["meta"]["title"] for page in indexed_pages(site / "sv")}
    assert "Årsklocka (testmaterial)" in titles


def test_finnish_only_plans_are_not_in_the_swedish_section(site):
    for plan in ("kainuu", "pohjois-karjala"):
        assert (site / plan / "index.html").exists()
        assert not (site / "sv" / plan).exists()
    locations = {page["url"].split("/")[1] for page in indexed_pages(site / "sv")}
    assert locations <= {"", PLAN}, locations
    front = (site / "sv" / "index.html").read_text(encoding="utf-8")
    assert "Kainuu" not in front and "Pohjois-Karjala" not in front
    assert "Testlands välfärdsområde (testmaterial)" in front


def _events(path: Path):
    from icalendar import Calendar

    calendar = Calendar.from_ical(path.read_bytes())
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_swedish_feed_has_swedish_names_and_language_uids(site):
    calendar, events = _events(site / PLAN / "vuosikello-sv.ics")
    assert str(calendar["X-WR-CALNAME"]) == "Årsklocka: Testlands välfärdsområde (testmaterial)"
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"])
    assert "årsklockans händelser" in str(calendar["X-WR-CALDESC"])
    assert set(events) == {f"{PLAN}-lautakunnan-kokous-sv@vuosikello.jarjestoyhteistyo.invalid",
                           f"{PLAN}-kevatfoorumi-sv@vuosikello.jarjestoyhteistyo.invalid"}
    meeting = events[f"{PLAN}-lautakunnan-kokous-sv@vuosikello.jarjestoyhteistyo.invalid"]
    assert str(meeting["SUMMARY"]) == "Nämndens möte (test)"
    assert str(meeting["LOCATION"]) == "Testlands ämbetshus"
    description = str(meeting["DESCRIPTION"])
    assert "På mötet behandlas testbidrag." in description
    # The link back goes to the Swedish year-clock page.
    assert description.endswith(f"/sv/{PLAN}/vuosikello/#lautakunnan-kokous")
    _, finnish = _events(site / PLAN / "vuosikello.ics")
    assert all(uid.startswith(f"{PLAN}-") and "-sv@" not in uid for uid in finnish)
    assert str(finnish[f"{PLAN}-lautakunnan-kokous@vuosikello.jarjestoyhteistyo.invalid"]
               ["SUMMARY"]) == "Lautakunnan kokous (testi)"
    # Feeds are published once, at the site root.
    assert not list((site / "sv").rglob("*.ics"))


def test_swedish_subscribe_page_offers_the_swedish_feed_first(site):
    html = (site / "sv" / PLAN / "tilaa" / "index.html").read_text(encoding="utf-8")
    first = re.search(r'href="(webcal://[^"]+\.ics)"', html).group(1)
    assert first.endswith(f"/{PLAN}/vuosikello-sv.ics")


def test_switcher_links_the_matching_pages_both_ways(site):
    for url in ("", f"{PLAN}/", f"{PLAN}/vuosikello/", f"{PLAN}/tilaa/"):
        finnish = _page(site, url).switcher
        swedish = _page(site, f"sv/{url}").switcher
        assert _follow(url, finnish["sv"]) == f"sv/{url}"
        assert _follow(url, finnish["fi"]) == url
        assert _follow(f"sv/{url}", swedish["fi"]) == url
        assert _follow(f"sv/{url}", swedish["sv"]) == f"sv/{url}"
        assert (site / url / "index.html").exists() and (site / "sv" / url / "index.html").exists()


def test_switcher_falls_back_when_the_page_is_not_translated(site):
    # toimielimet is Finnish only in the fixture: its Swedish link goes to the plan's front page.
    links = _page(site, f"{PLAN}/toimielimet/").switcher
    assert _follow(f"{PLAN}/toimielimet/", links["sv"]) == f"sv/{PLAN}/"
    # A Finnish-only plan's pages lead to the Swedish front page.
    links = _page(site, "kainuu/").switcher
    assert _follow("kainuu/", links["sv"]) == "sv/"


def test_published_site_has_no_switcher(built_site):
    # The repository's own plans are Finnish-only: one language, no switcher.
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "ngo-alternate" not in html
    assert 'hreflang="sv"' not in html
    assert not (built_site / "sv").exists()


def test_entity_page_title_and_description_are_in_the_page_language(site):
    """A Swedish body page's <title> and meta description are Swedish ("Organ: Testlands
    nämnd – …"), not the Finnish name and "Toimielin:"; no brackets inside brackets when the
    county's name has its own."""
    body = f"{PLAN}/toimielimet/testimaan-lautakunta/index.html"
    for lang, name, category, other in (("sv", "Testlands nämnd", "Organ", "Testimaan lautakunta"),
                                        ("fi", "Testimaan lautakunta", "Toimielin", "Testlands nämnd")):
        html = (site / (f"sv/{body}" if lang == "sv" else body)).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
        assert title.startswith(name) and other not in title, title
        assert description.startswith(f"{category}: {name} – "), description
        assert other not in description and not re.search(r"\([^()]*\(", description), description


def test_entity_pages_are_in_both_languages_and_finnish_only_pages_are_not(site):
    body = f"{PLAN}/toimielimet/testimaan-lautakunta/"
    assert _follow(f"sv/{body}", _page(site, f"sv/{body}").switcher["fi"]) == body
    assert _follow(body, _page(site, body).switcher["sv"]) == f"sv/{body}"
    assert (site / "sv" / body / "index.html").exists()
    for finnish_only in ("muutokset", "tulosta", "vertailu"):
        assert not (site / "sv" / PLAN / finnish_only).exists()
        assert not (site / "sv" / finnish_only).exists()
    # The Swedish build copies the site's stylesheets; data files stay at the root.
    assert (site / "sv" / "assets" / "site.css").exists()
    assert all(path.parent.name == "pagefind" for path in (site / "sv").rglob("*.json"))


def test_swedish_footer_is_swedish_and_its_statement_link_resolves(site):
    """The statement is published once, by the Finnish build: Swedish pages link up to it."""
    html = (site / "sv" / PLAN / "index.html").read_text(encoding="utf-8")
    footer = html[html.index('class="ngo-footer-links"'):]
    href = footer.split('href="', 1)[1].split('"', 1)[0]
    target = _follow(f"sv/{PLAN}/", href)
    assert target == "saavutettavuusseloste/"
    assert (site / target / "index.html").exists()
    assert msg("footer.statement", "sv") in footer and 'hreflang="fi"' in footer
    assert msg("footer.statement", "fi") not in footer


def test_swedish_organiser_and_item_feeds_exist_and_are_linked(site):
    """Organiser and item feeds in Swedish for a plan that declares sv, published once at
    the root (vuosikello-sv/), and the Swedish pages link them."""
    org = site / PLAN / "vuosikello-sv" / "testimaan-lautakunta.ics"
    calendar, events = _events(org)
    assert str(calendar["X-WR-CALNAME"]).startswith("Årsklocka: Testlands nämnd")
    assert all(uid.endswith("-sv@vuosikello.jarjestoyhteistyo.invalid") for uid in events)
    item = site / PLAN / "vuosikello-sv" / "tapahtumat" / "lautakunnan-kokous.ics"
    _, events = _events(item)
    assert [str(e["SUMMARY"]) for e in events.values()] == ["Nämndens möte (test)"]
    subscribe = (site / "sv" / PLAN / "tilaa" / "index.html").read_text(encoding="utf-8")
    assert f"/{PLAN}/vuosikello-sv/testimaan-lautakunta.ics" in subscribe
    year_clock = (site / "sv" / PLAN / "vuosikello" / "index.html").read_text(encoding="utf-8")
    assert "<summary>Lägg till i kalendern</summary>" in year_clock
    assert 'href="../../../testimaa/vuosikello-sv/tapahtumat/lautakunnan-kokous.ics"' in year_clock
    assert "En kopia som läggs till så här uppdateras inte" in year_clock
    finnish = (site / PLAN / "vuosikello" / "index.html").read_text(encoding="utf-8")
    assert 'href="tapahtumat/lautakunnan-kokous.ics"' in finnish


def test_root_404_page_offers_both_languages(site):
    """GitHub Pages serves only the root 404.html, also for a missing /sv/ address."""
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Sivua ei löytynyt</h1>" in html
    swedish = re.search(r'<div lang="sv"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "Sidan hittades inte" in swedish
    assert re.search(r'<a href="[^"]*/sv/" hreflang="sv">', swedish)


def test_finnish_pages_of_the_bilingual_fixture_pass_proofreading(site):
    """The project's own Finnish text on the fixture's pages (catalogue texts the real
    plans do not reach, such as the Swedish-language links) is known to Voikko or listed."""
    from spelling_support import unknown_project_words

    assert unknown_project_words(site.parent, site) == {}
