"""The public site as built: generated pages, links the data implies, the year-clock,
the grant self-check, comparison, open data, escaping and no third-party assets.

Every assertion is derived from the data (load_dataset), not from a copy of output."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from ngoplan.check.dataset import load_dataset

PLACEABLE = {"exact", "all_day", "recurring"}


@pytest.fixture(scope="module")
def dataset():
    data, findings = load_dataset(ROOT)
    assert not findings, [f.format() for f in findings]
    return data


class Page(HTMLParser):
    """Tags with their attributes, in order, plus the text of headings."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[int] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def find(self, tag=None, **attrs):
        return [a for t, a in self.tags if (tag is None or t == tag)
                and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def hrefs(self) -> set[str]:
        return {a["href"] for t, a in self.tags if t == "a" and "href" in a}

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}


def read(site: Path, path: str) -> Page:
    file = site / path
    assert file.exists(), f"{path} puuttuu"
    return Page(file.read_text(encoding="utf-8"))


def plans(dataset):
    return sorted(p for p, docs in dataset.plans.items() if "plan" in docs)


def entries(dataset, plan, kind, key=None):
    docs = dataset.plans[plan]
    return docs[kind].value.get(key or kind, []) if kind in docs else []


def actor_href(dataset, plan, ident, from_folder):
    """Where a page in <plan>/<from_folder>/<x>/ links for an actor id."""
    if any(b["id"] == ident for b in entries(dataset, plan, "bodies")):
        folder = "toimielimet"
    elif any(n["id"] == ident for n in entries(dataset, plan, "networks")):
        folder = "verkostot"
    else:  # organisations are listed on the plan's bodies page
        return ("../#" if from_folder == "toimielimet" else "../../toimielimet/#") + ident
    return f"../{ident}/" if folder == from_folder else f"../../{folder}/{ident}/"


def test_both_plans_have_bodies_and_calendar(dataset):
    # Guards the tests below against passing on empty data.
    assert {"pohjois-karjala", "kainuu"} <= set(plans(dataset))
    for plan in ("pohjois-karjala", "kainuu"):
        assert entries(dataset, plan, "bodies")
        assert entries(dataset, plan, "calendar", "items")


def test_each_body_and_network_page_exists_and_links_where_the_data_says(built_site, dataset):
    for plan in plans(dataset):
        items = entries(dataset, plan, "calendar", "items")
        for kind, folder in (("bodies", "toimielimet"), ("networks", "verkostot")):
            for entry in entries(dataset, plan, kind):
                page = read(built_site, f"{plan}/{folder}/{entry['id']}/index.html")
                links = page.hrefs()
                assert page.headings and page.headings[0] == 1
                refs = [entry.get(k) for k in ("appointed_by", "parent", "coordinator", "proposed_by")]
                refs += entry.get("related_bodies", [])
                refs.append(entry.get("composition", {}).get("ngo_representatives_appointed_by"))
                for ident in filter(None, refs):
                    assert actor_href(dataset, plan, ident, folder) in links, (entry["id"], ident)
                for law in entry.get("legal_basis", []):
                    assert f"../../lainsaadanto/#{law['law']}" in links
                for item in items:
                    organisers = item["organisers"]
                    organisers = organisers["value"] if isinstance(organisers, dict) else organisers
                    if entry["id"] in organisers or entry["id"] == item.get("belongs_to"):
                        assert f"../../vuosikello/#{item['id']}" in links, (entry["id"], item["id"])
                # The reverse relations: who this one appoints or coordinates links back.
                for other in entries(dataset, plan, "bodies") + entries(dataset, plan, "networks"):
                    if entry["id"] in (other.get("appointed_by"), other.get("parent"), other.get("coordinator")):
                        assert actor_href(dataset, plan, other["id"], folder) in links


def _placeable(item, seasons) -> bool:
    (form, value), = item["timing"].items()
    if form in PLACEABLE:
        return True
    return form == "approximate" and ("month" in value or value.get("season") in seasons)


def test_wheel_has_every_placeable_item_and_no_rhythm_only_item(built_site, dataset):
    for plan in plans(dataset):
        seasons = {s["id"] for s in dataset.plans[plan]["plan"].value.get("seasons", [])}
        items = entries(dataset, plan, "calendar", "items")
        page = read(built_site, f"{plan}/vuosikello/index.html")
        # A group, not an img: its marks are links that assistive technology must reach.
        wheels = page.find("svg", role="group")
        wheel = [a for a in wheels if "data-ngo-wheel" in a]
        assert len(wheel) == 1
        assert wheel[0].get("aria-labelledby") and wheel[0].get("aria-describedby")
        on_wheel = {a["data-item"] for _, a in page.tags if "data-item" in a}
        on_wheel |= {ident for _, a in page.tags if "data-items" in a for ident in a["data-items"].split()}
        expected = {i["id"] for i in items if _placeable(i, seasons)}
        assert on_wheel == expected


def test_every_calendar_item_has_its_anchor_and_organiser_links(built_site, dataset):
    for plan in plans(dataset):
        page = read(built_site, f"{plan}/vuosikello/index.html")
        ids = page.ids()
        links = page.hrefs()
        for item in entries(dataset, plan, "calendar", "items"):
            assert item["id"] in ids
            organisers = item["organisers"]
            for org in organisers["value"] if isinstance(organisers, dict) else organisers:
                target = actor_href(dataset, plan, org, "x").replace("../../", "../")
                assert target in links, (item["id"], org)


def test_grant_self_check_has_one_checkbox_per_criterion(built_site, dataset):
    for plan in plans(dataset):
        grants = dataset.plans[plan].get("grants")
        if grants is None:
            continue
        criteria = [c["id"] for c in grants.value.get("common_criteria", [])]
        for grant in grants.value["grant_types"]:
            criteria += [c["id"] for c in grant.get("criteria", [])]
        page = read(built_site, f"{plan}/avustukset/index.html")
        forms = [a for t, a in page.tags if t == "form" and "data-ngo-check" in a]
        assert len(forms) == 1
        checks = [a for a in page.find("input", type="checkbox") if "data-grant" in a]
        boxes = [a["value"] for a in checks]
        assert sorted(boxes) == sorted(criteria)
        labels = {a.get("for") for a in page.find("label")}
        for box in checks:
            assert box["id"] in labels
        # The script is local and the form names the county's own guidance when known.
        scripts = [a["src"] for a in page.find("script") if "src" in a]
        assert any(s.endswith("assets/ngoplan.js") for s in scripts)
        guidance = dataset.plans[plan]["plan"].value.get("grant_guidance", grants.value["guidance"])
        if isinstance(guidance, str):
            assert guidance in page.hrefs()


# A sentence that ends before its own bracketed addition: "…kumppanuusavustusta. (katso …)".
_PERIOD_BEFORE_BRACKET = re.compile(r"\. \((?:<[^>]+>)?\w")


def test_a_bracketed_addition_stays_inside_its_sentence(built_site, dataset):
    """A cross-reference or note in brackets goes before the sentence's period; the grant
    exclusions' "katso" links were written after it."""
    found = {page.relative_to(built_site).as_posix(): _PERIOD_BEFORE_BRACKET.findall(
                 page.read_text(encoding="utf-8"))
             for page in built_site.rglob("*.html")}
    assert not {page: hits for page, hits in found.items() if hits}
    exclusions = [e for plan in dataset.plans.values() if "grants" in plan
                  for t in plan["grants"].value.get("grant_types", [])
                  for e in t.get("exclusions", []) if "grant" in e]
    assert exclusions, "no exclusion refers to another grant type: nothing checked"


def test_comparison_page_lists_every_plan(built_site, dataset):
    text = (built_site / "vertailu" / "index.html").read_text(encoding="utf-8")
    page = Page(text)
    for plan in plans(dataset):
        county = dataset.plans[plan]["plan"].value["county"]
        assert (county if isinstance(county, str) else county["fi"]) in text
        assert f"../{plan}/" in page.hrefs()
        for body in entries(dataset, plan, "bodies"):
            assert f"../{plan}/toimielimet/{body['id']}/" in page.hrefs()


def test_comparison_counts_stand_as_labels(built_site):
    """A count after a noun is a label ("ehtoja: 1"); "ehtoja 1" is not Finnish."""
    text = " ".join(re.sub(r"<[^>]+>", " ", (built_site / "vertailu" / "index.html")
                           .read_text(encoding="utf-8")).split())
    assert "ehtoja: " in text
    assert not re.search(r"\b(?:ehtoja|järjestöpaikkoja) \d", text)


def test_a_page_does_not_cite_one_place_twice(built_site):
    """Two source lines side by side name two places: a body's page lists its rhythm's
    source only where it names another section than the body's own source."""
    line = r'<p class="ngo-source">((?:(?!</p>).)*)</p>'
    pair = re.compile(line + r"\s*" + line, re.S)
    checked = 0
    for page in built_site.rglob("index.html"):
        for first, second in pair.findall(page.read_text(encoding="utf-8")):
            checked += 1
            assert first.split(". ", 1)[0] != second.split(". ", 1)[0], str(page.relative_to(built_site))
    assert checked, "no page has two source lines side by side: nothing checked"


def test_open_data_json_equals_the_data_and_schemas_are_published(built_site, dataset):
    for plan in plans(dataset):
        data = json.loads((built_site / plan / "data.json").read_text(encoding="utf-8"))
        assert data["plan"] == plan
        assert set(data["files"]) == set(dataset.plans[plan])
        for kind, doc in dataset.plans[plan].items():
            assert data["files"][kind] == json.loads(json.dumps(doc.value))
    for schema in (ROOT / "schemas").glob("*.schema.json"):
        published = built_site / "schemas" / schema.name
        assert published.read_bytes() == schema.read_bytes()
    links = read(built_site, "avoin-data/index.html").hrefs()
    for plan in plans(dataset):
        assert f"../{plan}/data.json" in links


def test_landing_page_lists_plans_from_data(built_site, dataset):
    links = read(built_site, "index.html").hrefs()
    for plan in plans(dataset):
        assert f"{plan}/" in links


ASSET_TAGS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
              ("video", "src"), ("audio", "src"), ("embed", "src"), ("link", "href"),
              ("image", "href"), ("use", "href"), ("object", "data")}


def test_no_external_url_in_any_asset_reference(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for file in pages:
        page = Page(file.read_text(encoding="utf-8"))
        for tag, attrs in page.tags:
            for name in ("src", "href", "data", "srcset"):
                value = attrs.get(name)
                if value is None or (tag, name) not in ASSET_TAGS | {("img", "srcset")}:
                    continue
                if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                    continue  # not fetched by the browser
                assert not re.match(r"^(https?:)?//", value), f"{file}: <{tag} {name}={value}>"
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
        assert "@import url(http" not in text


def test_generated_pages_have_description_lang_and_headings_in_order(built_site, dataset):
    generated = ["vertailu/index.html"]
    for plan in plans(dataset):
        generated.append(f"{plan}/tulosta/index.html")
        generated += [f"{plan}/toimielimet/{b['id']}/index.html" for b in entries(dataset, plan, "bodies")]
        generated += [f"{plan}/verkostot/{n['id']}/index.html" for n in entries(dataset, plan, "networks")]
        generated += [f"{plan}/{name}/index.html" for name in
                      ("vuosikello", "avustukset", "toimielimet", "seuranta", "tavoitteet")]
    for path in generated:
        text = (built_site / path).read_text(encoding="utf-8")
        page = Page(text)
        html = page.find("html")[0]
        assert html.get("lang") == "fi", path
        descriptions = page.find("meta", name="description")
        assert descriptions and len(descriptions[0]["content"]) > 30, path
        article = Page(text[text.find("<article"):text.find("</article>")])
        levels = article.headings
        assert levels and levels[0] == 1 and levels.count(1) == 1, path
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{path}: h{before} -> h{after}"


def test_svg_figures_have_text_alternatives(built_site, dataset):
    for plan in plans(dataset):
        for name in ("vuosikello", "toimielimet"):
            page = read(built_site, f"{plan}/{name}/index.html")
            ids = page.ids()
            svgs = page.find("svg")
            assert svgs, (plan, name)
            for svg in svgs:
                if svg.get("role") != "img":
                    continue
                for ref in svg["aria-labelledby"].split():
                    assert ref in ids


def test_print_styles_and_one_page_print_version(built_site, dataset):
    css = (built_site / "assets" / "site.css").read_text(encoding="utf-8")
    assert "@media print" in css
    for plan in plans(dataset):
        page = read(built_site, f"{plan}/tulosta/index.html")
        ids = page.ids()
        for body in entries(dataset, plan, "bodies"):
            assert body["id"] in ids


@pytest.mark.slow
def test_script_in_a_name_is_escaped_everywhere(tmp_path, dataset):
    project = copy_project(tmp_path / "project")  # what the build reads
    plan = "kainuu"
    body = entries(dataset, plan, "bodies")[0]
    path = project / "data" / plan / "bodies.yaml"
    text = path.read_text(encoding="utf-8")
    name = body["name"] if isinstance(body["name"], str) else body["name"]["fi"]
    assert f"name: {name}\n" in text
    evil = '<script>alert("x")</script> & "lainaus"'
    text = text.replace(f"name: {name}\n", f"name: '{name} {evil}'\n", 1)
    path.write_text(text, encoding="utf-8")
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for file in site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        assert "<script>alert" not in html, file
        assert 'alert("x")</script>' not in html, file
    body_page = (site / plan / "toimielimet" / body["id"] / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;lainaus&#34;" in body_page
    data = json.loads((site / plan / "data.json").read_text(encoding="utf-8"))
    assert any(evil in b["name"] for b in data["files"]["bodies"]["bodies"])


def test_embed_page_links_that_leave_the_page_open_outside_the_frame(built_site, dataset):
    """On <plan>/vuosikello/upotus/ (shown in another site's <iframe>) a link to another
    page must open in the embedding window, not inside the small frame; in-page links stay."""
    for plan in plans(dataset):
        links = read(built_site, f"{plan}/vuosikello/upotus/index.html").find("a")
        leaving = [a for a in links if not a.get("href", "#").startswith("#")]
        assert leaving, plan  # the organisers' and feeds' links at least
        assert [a["href"] for a in leaving if a.get("target") != "_top"] == [], plan
        in_page = [a for a in links if a.get("href", "").startswith("#")]
        assert in_page and all("target" not in a for a in in_page), plan


# The classes the wheel's marks are drawn with (templates/calendar_wheel.html).
WHEEL_SHAPES = {"ngo-badge", "ngo-badge-text", "ngo-band", "ngo-band-edge", "ngo-band-approx",
                "ngo-dot", "ngo-more", "ngo-today", "ngo-swatch-past"}


def test_wheel_legend_keys_are_drawn_with_the_wheels_own_shapes(built_site, dataset):
    """Each legend entry's key is a small SVG using the classes the wheel's marks use (so
    it looks like them and survives printing without backgrounds), hidden from screen
    readers because the entry's text says the same."""
    checked = 0
    for plan in plans(dataset):
        html = (built_site / plan / "vuosikello" / "index.html").read_text(encoding="utf-8")
        legend = re.search(r'<ul class="ngo-legend">(.*?)</ul>', html, re.S).group(1)
        # Entries hidden until the browser marks today and past items have no static mark.
        entries_ = re.findall(r"<li\b(?![^>]*\bhidden\b)[^>]*>(.*?)</li>", legend, re.S)
        checked += len(entries_)
        start = html.index("<svg", html.index("data-ngo-wheel-figure"))
        wheel = html[start:html.index("</svg>", start)]
        for entry in entries_:
            assert entry.startswith('<svg class="ngo-swatch"') and 'aria-hidden="true"' in entry, entry
            key = entry[:entry.index("</svg>")]
            classes = set(re.findall(r'class="(ngo-[a-z0-9-]+)"', key))
            # A ring's key shows the ring's colour; any other key shows a mark's shape.
            rings = {c for c in classes if c.startswith("ngo-ring-")}
            shapes = rings or classes - {"ngo-swatch", "ngo-swatch-plain", "ngo-swatch-text"}
            assert shapes and shapes <= WHEEL_SHAPES | rings, entry
            # At least one of the key's shapes is drawn on this wheel (a recurrence's small
            # dots may all hide under its first badge when its dates are close together).
            assert any(re.search(rf'class="(?:[^"]* )?{shape}(?: [^"]*)?"', wheel)
                       for shape in shapes), (plan, shapes)
    assert checked >= 3  # Kainuu's wheel has two rings and approximate marks


def test_a_draft_status_read_from_the_text_is_listed_as_a_reading(built_site, dataset):
    """Where plans are listed (landing page, comparison), a draft status the site read from
    the plan's text says it is the site's reading, never a bare "(luonnos)"."""
    landing = (built_site / "index.html").read_text(encoding="utf-8")
    comparison = (built_site / "vertailu" / "index.html").read_text(encoding="utf-8")
    read = 0
    for plan in plans(dataset):
        status = dataset.plans[plan]["plan"].value.get("status", {})
        if status.get("value") != "draft" or "reading" not in status:
            continue
        read += 1
        county = dataset.plans[plan]["plan"].value["county"]
        item = re.search(rf'href="{plan}/"[^>]*>{re.escape(county)}</a>:[^<]*</li>', landing).group(0)
        assert item.endswith("(sivuston tulkinnan mukaan luonnos)</li>"), item
        assert re.search(rf">{re.escape(county)}</a> \(sivuston tulkinnan mukaan luonnos\)", comparison)
    assert read  # Kainuu's draft status is a reading of its text


def test_a_label_is_followed_by_one_value_not_a_second_label(built_site):
    """'Tuen muodot: 3: Toiminta-avustus, …' reads as two labels in a row; a definition
    list's value never starts with a count and a colon."""
    checked = 0
    for page in built_site.rglob("index.html"):
        for value in re.findall(r"<dd>((?:(?!</dd>).)*)</dd>", page.read_text(encoding="utf-8"), re.S):
            checked += 1
            text = " ".join(re.sub(r"<[^>]+>", " ", value).split())
            assert not re.match(r"\d+:", text), (str(page.relative_to(built_site)), text[:80])
    assert checked


def test_no_two_brackets_side_by_side(built_site):
    """'Kalenteritiedosto (.ics) (Applen Kalenteri, …)' and 'verkkosivut (…) (osoite ei
    tiedossa: …)' read as two asides in a row: a dash or a comma joins the second one."""
    checked = 0
    for page in built_site.rglob("index.html"):
        if "muutokset" in page.parts:  # the history quotes earlier texts as they were
            continue
        text = page.read_text(encoding="utf-8")
        if "<article" not in text:
            continue
        checked += 1
        article = text.split("<article", 1)[1].split("</article>", 1)[0]
        words = " ".join(re.sub(r"<[^>]+>", "", article).split())
        assert ") (" not in words, (str(page.relative_to(built_site)),
                                    words[max(0, words.find(") (") - 60):words.find(") (") + 40])
    assert checked


def test_each_follower_says_what_it_follows_under_a_label(built_site):
    """'Lautakunta: Järjestöyhteistyö … pohjalta' read as a sentence missing its verb: each
    follower on a monitoring page is followed by the label, then what it follows."""
    pages = [p for p in built_site.glob("*/seuranta/index.html")]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        section = html.split(">Kuka seuraa", 1)[1].split("</ul>", 1)[0]
        items = re.findall(r"<li>(.*?)</li>", section, re.S)
        assert items, page
        for item in items:
            assert re.search(r"</a><br>Seurannan kohde: \S", item), item[:200]


def test_a_channels_purpose_does_not_repeat_its_name(built_site):
    """'Yhteistyöfoorumit – yhteistyöfoorumi' said the same thing twice (and in the singular
    after a plural name): a channel's purpose label is never already in its name."""
    from ngoplan.web.i18n import catalogue

    labels = [text for key, text in catalogue("fi").items() if key.startswith("channel_purposes.")]
    checked = 0
    for page in built_site.glob("*/yhteystiedot/index.html"):
        section = page.read_text(encoding="utf-8").split('class="ngo-channels"', 1)[1]
        for item in re.findall(r"<li[^>]*>(.*?)</li>", section.split("</ul>", 1)[0], re.S):
            name, _, rest = re.sub(r"<[^>]+>", "", item).partition(" – ")
            purpose = [label for label in labels if rest.startswith(label)]
            # Left out when the name says it; never said twice.
            assert not purpose or purpose[0].casefold() not in name.casefold(), item
            checked += 1
    assert checked > 5


def test_no_name_is_followed_by_the_kind_other(built_site):
    """'Lähellä.fi-järjestötietopalvelu – muu' said nothing about the organisation, nor
    'Talousarvio – muu asiakirja' about the document: the kind 'other' is not shown after a
    name."""
    from ngoplan.web.i18n import catalogue

    others = {text for key, text in catalogue("fi").items()
              if key.endswith(".other") and key.split(".")[0].endswith("kinds")
              or key.endswith("_plural.other")}
    assert {"muu", "muut"} <= others
    found = []
    for page in built_site.rglob("*.html"):
        text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(built_site)}: {m.group(0)}"
                  for m in re.finditer(r"\S+ – (muu|muut)\b[.,]?", text)]
    assert not found, found
