"""The site's search index as built (Pagefind, hooks/ngoplan/search.py), without a browser:
what is indexed, in which language, and that no page loads any of it before a search.

What a query finds in a real browser is tests/test_browser_search.py."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from ngoplan.check.dataset import load_dataset
from ngoplan.text import localized
from search_support import bundle, indexed_languages, indexed_pages


@pytest.fixture(scope="module")
def dataset():
    data, findings = load_dataset(ROOT)
    assert not findings, [f.format() for f in findings]
    return data


@pytest.fixture(scope="module")
def pages(built_site):
    return {page["url"]: page for page in indexed_pages(built_site)}


def _html_pages(site: Path) -> dict[str, str]:
    found = {}
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        found["/" + rel.removesuffix("index.html")] = file.read_text(encoding="utf-8")
    return found


def test_the_build_writes_a_finnish_index(built_site):
    assert (bundle(built_site) / "pagefind.js").is_file()
    assert indexed_languages(built_site) == {"fi"}


def test_every_page_is_indexed_except_print_pages_and_404(built_site, pages):
    """The print page repeats the plan's other pages, and so does the embeddable year-clock
    page (for other sites' frames): indexing them would double the index."""
    expected = {url for url in _html_pages(built_site)
                if url != "/404.html" and not url.endswith(("/tulosta/", "/vuosikello/upotus/"))}
    assert set(pages) == expected
    assert any(url.startswith("/kainuu/vuosikello/") for url in pages)
    assert all(page["language"] == "fi" for page in pages.values())


def test_index_holds_the_main_text_not_the_navigation(pages):
    front = pages["/kainuu/"]
    assert front["meta"]["title"]
    # The header, navigation, table of contents and footer are outside data-pagefind-body:
    # the colour toggle's name, the contents title and the footer's statement link.
    for url, page in pages.items():
        assert "Vaihda tummaan" not in page["content"], url
        assert "Sisällysluettelo" not in page["content"], url
    footer_only = [url for url, page in pages.items() if "Saavutettavuusseloste" not in page["content"]]
    assert len(footer_only) > len(pages) - 5


def test_index_holds_words_from_the_data(dataset, pages):
    """Each body's name from the data is in the indexed text of its page."""
    checked = 0
    for plan, docs in dataset.plans.items():
        for body in docs["bodies"].value.get("bodies", []) if "bodies" in docs else []:
            page = pages[f"/{plan}/toimielimet/{body['id']}/"]
            words = re.findall(r"\w{4,}", localized(body["name"]))
            assert words and all(word in page["content"] for word in words), (body["id"], words)
            checked += 1
    assert checked >= 10


def test_no_page_loads_search_data_before_a_search(built_site):
    """Pages reference only the small launcher script; Pagefind's script, its index and
    the dialog's styles are loaded by that script when the reader opens the search."""
    for url, html in _html_pages(built_site).items():
        assert "search_index.json" not in html, url
        assert not re.search(r"""(src|href)=["'][^"']*pagefind""", html), url
        assert not re.search(r"""href=["'][^"']*ngo-search\.css""", html), url
        if url.endswith("/vuosikello/upotus/"):
            continue  # the embeddable page has no site chrome, search included
        assert re.search(r"""<script src="[^"]*assets/ngo-search\.js" defer>""", html), url


def test_search_button_is_hidden_without_javascript_and_dialog_is_named(built_site):
    html = (built_site / "kainuu" / "index.html").read_text(encoding="utf-8")
    button = re.search(r"<button[^>]*data-ngo-search-open[^>]*>", html, re.S).group(0)
    assert " hidden" in button and 'aria-label="Hae sivustolta"' in button
    dialog = re.search(r"<dialog[^>]*>", html, re.S).group(0)
    label = re.search(r'aria-labelledby="([^"]+)"', dialog).group(1)
    assert re.search(rf'<h2 id="{label}"[^>]*>Haku</h2>', html)
    assert re.search(r'<label for="ngo-search-input">Hakusana</label>', html)


def test_words_of_adjacent_terms_and_values_stay_apart(built_site, pages):
    """Pagefind joins the text of <dt> and <dd> (and other tags it does not know as blocks)
    into one word; the index is built from copies with a space before such tags."""
    html = (built_site / "kainuu" / "vuosikello" / "index.html").read_text(encoding="utf-8")
    pairs = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html)
    assert len(pairs) > 5
    content = " ".join(pages["/kainuu/vuosikello/"]["content"].split())
    glued = [f"{term}{value}" for term, value in pairs if f"{term} {value}" not in content]
    assert not glued, glued[:5]


def test_add_to_calendar_links_are_not_indexed(built_site, pages):
    """Each item's "Lisää kalenteriin" block repeats the same link texts (and was over
    half of a year-clock page's bytes): it is on the pages but not in their index. (The
    subscription page names the block in its own text: only the block's own texts are
    looked for on every page.)"""
    from ngoplan.web.i18n import msg

    summary = msg("add.summary", "fi")
    texts = [msg(key, "fi") for key in ("add.ics_note", "add.outlook_personal")]
    year_clock = (built_site / "kainuu" / "vuosikello" / "index.html").read_text(encoding="utf-8")
    assert all(text in year_clock for text in [summary, *texts])
    for url, page in pages.items():
        assert not any(text in page["content"] for text in texts), url
    indexed = pages["/kainuu/vuosikello/"]["content"]
    assert summary not in indexed and "Google" not in indexed


def test_copies_hold_only_what_pagefind_reads():
    """The copy keeps <html lang>, the head and the data-pagefind-body element, and drops
    the elements marked data-pagefind-ignore="all" (nested ones of the same tag
    included) with a space in their place."""
    from ngoplan.search import indexed_part

    page = ('<!doctype html><html lang="fi"><head><title>T</title></head><body>'
            '<nav>Valikko</nav><article class="a" data-pagefind-body><h1>Otsikko</h1>'
            '<p>alku<details data-pagefind-ignore="all"><details>sisä</details>Lisää'
            '</details>loppu</p><article>sisäkkäinen</article><p>viimeinen</p></article>'
            '<footer>Alatunniste</footer><script>x</script></body></html>')
    assert indexed_part(page) == (
        '<!doctype html><html lang="fi"><head><title>T</title></head><body>'
        '<article class="a" data-pagefind-body><h1>Otsikko</h1><p>alku loppu</p>'
        '<article>sisäkkäinen</article><p>viimeinen</p></article></body></html>')
    unmarked = '<html lang="fi"><body><p data-pagefind-ignore="all">x</p></body></html>'
    assert indexed_part(unmarked) == unmarked


def test_typographic_quotes_are_not_part_of_indexed_words():
    from ngoplan.search import spaced

    assert spaced("<p>”avustukset”…</p><dl><dt>A</dt><dd>B</dd></dl>") == \
        '<p>"avustukset"... </p> <dl> <dt>A </dt> <dd>B </dd> </dl>'


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}


def _fragments(bundle_dir: Path) -> dict[str, bytes]:
    """The indexed pages (named by their content's hash) and Pagefind's own scripts: what
    does not depend on the order pages were indexed in (the word index numbers pages in
    that order)."""
    return {name: data for name, data in _tree(bundle_dir).items()
            if name.startswith("fragment/") or name.endswith((".js", ".css"))}


def test_pages_handed_over_while_written_give_the_same_index(built_site, tmp_path):
    """The build hands each page to the Indexer as it writes it (Pagefind's service
    indexes it meanwhile); the index must be what index_site() makes of the finished
    site. Both hand the pages in the order of their paths here, so the indexes are the
    same byte for byte; the build hands them in its own order, which numbers the pages
    differently."""
    import shutil

    from ngoplan import search

    whole, streamed = tmp_path / "whole", tmp_path / "streamed"
    for site in (whole, streamed):
        shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    search.index_site(whole)
    indexer = search.Indexer(streamed)
    for page in sorted(streamed.rglob("*.html")):
        indexer.add(page.relative_to(streamed).as_posix(), page.read_text(encoding="utf-8"))
    indexer.finish()
    assert _tree(streamed / "pagefind") == _tree(whole / "pagefind")
    assert _fragments(whole / "pagefind") == _fragments(built_site / "pagefind")
    assert len(_fragments(whole / "pagefind")) > 20


def test_the_build_hands_every_html_file_it_writes_to_the_index(tmp_path, monkeypatch):
    """Pages through on_post_page, static templates (404.html) through on_post_template:
    the Indexer is handed every HTML file the build writes, so nothing needs a walk of the
    site folder afterwards."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ngoplan import search

    handed = []

    class Recording(search.Indexer):
        def add(self, dest_uri: str, html: str) -> None:
            handed.append(dest_uri)
            super().add(dest_uri, html)

    monkeypatch.setattr(search, "Indexer", Recording)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # MkDocs imports the hook module under this name: leave the tests' own as it was.
    monkeypatch.setitem(sys.modules, "site_hooks", sys.modules.get("site_hooks"))
    site = tmp_path / "site"
    build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))
    written = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                     if search.BUNDLE not in path.relative_to(site).parts)
    assert "404.html" in handed
    assert sorted(handed) == written


def test_the_service_indexes_what_pagefind_indexes_of_the_copies(built_site, tmp_path):
    """Pagefind run once over the pages as copies on disk (the command line's --site)
    makes the same page records as its service fed page by page."""
    import subprocess

    from ngoplan import search

    copies = tmp_path / "copies"
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in html and search.BUNDLE not in page.parts:
            copy = copies / page.relative_to(built_site)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(search.spaced(search.indexed_part(html)), encoding="utf-8")
    cli = tmp_path / "cli"
    result = subprocess.run([str(search.executable()), "--site", str(copies), "--output-path",
                             str(bundle(cli)), "--silent"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert _fragments(bundle(cli)) == _fragments(bundle(built_site))
    assert indexed_languages(cli) == indexed_languages(built_site) == {"fi"}


def test_a_failed_helper_is_a_finnish_error_and_writes_no_index(tmp_path):
    from ngoplan import search

    indexer = search.Indexer(tmp_path)
    indexer._helper.kill()
    indexer._helper.wait()
    indexer.add("a/index.html", "<html data-pagefind-body></html>")
    with pytest.raises(search.SearchIndexError, match="Hakuhakemistoa ei saatu tehtyä"):
        indexer.finish()
    assert not (tmp_path / search.BUNDLE).exists()


def test_a_cancelled_indexer_stops_its_helper_and_pagefind(tmp_path):
    import time

    from ngoplan import search

    indexer = search.Indexer(tmp_path)
    deadline = time.monotonic() + 10
    while not (service := _children(indexer._helper.pid)):  # Pagefind's service starts
        assert time.monotonic() < deadline, "the helper started no Pagefind service"
        time.sleep(0.05)
    indexer.cancel()
    assert indexer._helper.returncode is not None
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() and _state(pid) != "Z" for pid in service):
        assert time.monotonic() < deadline, "Pagefind's service outlived its helper"
        time.sleep(0.1)
    assert not (tmp_path / search.BUNDLE).exists()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
