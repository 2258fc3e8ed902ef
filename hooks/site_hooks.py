"""The thin MkDocs adapter: load and check data at build start, add generated files,
fill page markers.

All logic lives in the ngoplan package, which knows nothing of MkDocs. A data problem
fails the build with the validator's own lines (PluginError: no traceback, nothing
written to site/). Data, schemas, catalogues and templates are re-read on every build
when they change, so `mkdocs serve` follows edits; an edit to the package's Python needs
a restart, and the log says so.

Between builds the hook keeps the cache (ngoplan.cache) and the state of the build in
progress (ngoplan.web.context.BuildState), made in on_config and passed to every fragment.

One build per language: the build language is theme.language. The Finnish build
(mkdocs.yml) publishes every plan at the site root; another language's build
(mkdocs.<lang>.yml, docs_dir content/<lang>) publishes under <lang>/ only the plans that
declare it. Files other than pages (feeds, data, schemas) are published once, by the
Finnish build.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ngoplan import background, search
from ngoplan.web import ahead, i18n
from ngoplan.check.advice import advise
from ngoplan.cache import PACKAGE, Cache, use_cache
from ngoplan.web.context import BuildState, PageContext, plan_of_page
from ngoplan.check.dataset import load_dataset
from ngoplan.feeds.atom import changes_feed_plan, feed_path
from ngoplan.check.findings import count_line
from ngoplan.web.registry import (GenerationError, SiteInfo, load_parts, planned_files,
                                     write_made)
from ngoplan.web.render import UnknownMarker, replace_markers
from ngoplan.text import localized, theme_text

log = logging.getLogger("mkdocs.plugins.ngoplan")
# The reading order of a plan's pages in the navigation; other pages follow by title.
PLAN_PAGE_ORDER = ("index", "suunnitelma", "selkosuomi", "yhteistyo", "toimielimet",
                   "verkostot", "avustukset", "vuosikello", "tilaa", "lainsaadanto",
                   "seuranta", "tavoitteet", "yhteystiedot", "muutokset", "tulosta")
SITE_PAGE_ORDER = ("index", "vertailu", "avoin-data", "saavutettavuusseloste")
load_parts()


def _code_stamp() -> tuple:
    return tuple((p.as_posix(), p.stat().st_mtime_ns) for p in sorted(PACKAGE.rglob("*.py")))


class _Session:
    """What outlives one build: the cache, the package code's stamp at import, and the
    current build's state and language pages (set by on_config)."""

    def __init__(self):
        self.cache = Cache()
        self.code = _code_stamp()
        self.state: BuildState | None = None
        self.build: i18n.Build | None = None
        # The job writing the deferred generated files, and their File objects in order
        # (on_files to on_env).
        self.deferred: tuple | None = None
        self.indexer: search.Indexer | None = None  # on_env to on_post_build


_session = _Session()


def _stop_fragments_ahead() -> None:
    state = _session.state
    if state is not None and state.ahead is not None:
        state.ahead.close()
        _session.state = dataclasses.replace(state, ahead=None)


def _stop_background() -> None:
    """Stop the feed job, the fragments' child and the search helper of a build that failed
    or ended half-way, and remove any deferred file the job wrote: none stays half-way."""
    _stop_fragments_ahead()
    if _session.deferred is not None:
        job, pending = _session.deferred
        _session.deferred = None
        job.cancel()
        _remove(pending)
    if _session.indexer is not None:
        _session.indexer.cancel()
        _session.indexer = None


def on_config(config, **_):
    lang = config.theme["language"]
    _stop_background()  # a build that ended without on_env or on_build_error
    # Every build in this context reads the session's cache (catalogues, compiled schemas,
    # history), also from functions deep in the package that have no state at hand.
    use_cache(_session.cache)
    try:
        i18n.set_language(lang)
    except LookupError as exc:
        raise PluginError(str(exc)) from None
    if _code_stamp() != _session.code:
        # Modules already imported cannot be swapped safely mid-session (parts hold each
        # other's functions and classes); say so plainly instead of showing stale output.
        log.warning("hooks/ngoplan-pakkauksen Python-koodi on muuttunut: pysäytä esikatselu "
                    "(Ctrl+C) ja käynnistä se uudelleen (make serve), jotta muutos näkyy")
    root = Path(config.config_file_path).parent
    try:
        dataset, findings = load_dataset(root, _session.cache)
    except ImportError as exc:
        # A .venv older than requirements.txt: say how to mend it, not a traceback.
        raise PluginError(f"Python-paketti {exc.name} puuttuu: ympäristö on vanhempi kuin "
                          "requirements.txt. Aja make install.") from None
    if findings:
        lines = [f.format() for f in findings] + [count_line(len(findings))]
        raise PluginError("Tiedoissa on virheitä, sivustoa ei rakennettu:\n" + "\n".join(lines))
    # Warnings are staff hints: logged as INFO so that --strict does not fail on them.
    for finding in advise(dataset):
        log.info(finding.format())
    plans = {pid: docs["plan"].value for pid, docs in dataset.plans.items() if "plan" in docs}
    build = _session.build = i18n.Build.of(lang, plans, Path(config.docs_dir))
    dataset = dataclasses.replace(
        dataset, plans={pid: dataset.plans[pid] for pid in sorted(build.plans[lang])})
    if build.root_alternates():
        config.extra["alternate"] = [{**alt, "name": theme_text(alt["name"])}
                                     for alt in build.root_alternates()]
    url = config.site_url or "http://127.0.0.1:8000/"
    # Generators get the site root: feeds and data files are published there once.
    site = SiteInfo(url=url if url.endswith("/") else url + "/",
                    use_directory_urls=config.use_directory_urls)
    # The cache's templates: compiled once for a run of builds, made anew when one changes.
    _session.state = BuildState(dataset, site, lang, templates=_session.cache.templates,
                                cache=_session.cache)
    # The checked data lives until the build ends: the collector's full passes need not walk
    # it again and again while pages are rendered (on_post_build and on_build_error thaw it).
    gc.freeze()
    config.site_url = build.site_url(url)
    return config


def _generation_failed(exc) -> PluginError:
    return PluginError(f"Tiedostoja ei saatu tehtyä tiedoista, sivustoa ei rakennettu: {exc}")


def on_files(files, *, config, **_):
    build, state = _session.build, _session.state
    try:
        planned = planned_files(state)
    except GenerationError as exc:
        raise _generation_failed(exc) from None
    pending = []
    for generated in planned.files:
        if not build.keeps(generated.src_uri):
            continue
        if files.get_file_from_path(generated.src_uri) is not None:
            raise PluginError(f"content/{generated.src_uri} on myös luotu tiedoista; "
                              "poista käsin kirjoitettu tiedosto tai nimeä se toisin")
        if generated.content is None:
            # Written straight into the site folder by the job below (joined in on_env);
            # MkDocs then finds the file already in place and leaves it.
            dest = str(Path(config.site_dir, generated.src_uri))
            file = File.generated(config, generated.src_uri, abs_src_path=dest)
            pending.append(file)
        else:
            file = File.generated(config, generated.src_uri, content=generated.content)
        files.append(file)
    for rel in build.shared_files():
        if files.get_file_from_path(rel) is None:
            files.append(File(rel, str(build.main_docs), config.site_dir, config.use_directory_urls))
    if pending:
        # The feeds are made and written by a forked child on the other core while this
        # process renders the pages (ngoplan.background); on_env waits for them.
        dest = {file.src_uri: file.abs_src_path for file in pending}
        work = functools.partial(write_made, planned.deferred, state, dest)
        _session.deferred = (background.Job(work), pending)
    # A plan's generated pages (its bodies' and networks' pages, its print page) right after
    # its own pages: MkDocs renders pages in this order, so each plan's pages are rendered
    # together, and the child below can take whole plans from the end.
    plan_order = {plan_id: n for n, plan_id in enumerate(sorted(state.dataset.plans))}
    files = Files(sorted(files, key=lambda file: plan_order.get(
        plan_of_page(file.src_uri, plan_order), -1)))
    # Then a child that renders page fragments from the last page back while this process
    # works from the first page on (ngoplan.web.ahead); on_env stops it.
    pages = ((file.src_uri, file.content_string) for file in files.documentation_pages())
    renderer = ahead.start(state, pages)
    _session.state = dataclasses.replace(state, ahead=renderer)
    return files


def on_page_context(context, *, page, **_):
    """The language switcher's links (this page in each language when it exists there),
    and the message catalogue for theme overrides (msg with a catalogue key)."""
    context["ngoplan_alternates"] = [{**alt, "name": theme_text(alt["name"])}
                                     for alt in _session.build.page_alternates(page.file.src_uri)]
    context["msg"] = i18n.msg
    # Relative, so the address (and the sitemap Material's script fetches beside it)
    # stays on whatever host serves the site.
    state = _session.state
    plan_id = changes_feed_plan(page.file.src_uri, state.dataset.plans)
    context["ngoplan_changes_feed"] = plan_id and PageContext(
        state.dataset, plan_id, page.file.src_uri, state).url(feed_path(plan_id))
    return context


def on_template_context(context, **_):
    context["msg"] = i18n.msg  # static pages such as 404.html
    return context


def _page_context(src_uri: str) -> PageContext:
    state = _session.state
    return PageContext(state.dataset, plan_of_page(src_uri, state.dataset.plans), src_uri, state)


def on_page_content(html, *, page, **_):
    try:
        return replace_markers(html, _page_context(page.file.src_uri))
    except (UnknownMarker, LookupError) as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None


def _nav_name(item) -> str:
    """The file stem of a page, or the folder name of a section."""
    if item.is_page:
        return item.file.src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    for child in item.children:
        if child.is_page:
            return child.file.src_uri.split("/")[-2]
        if child.is_section:
            return _nav_name(child)
    return ""


def _ordered(items, order):
    def key(item):
        name = _nav_name(item)
        return (order.index(name) if name in order else len(order), item.title or "")
    return sorted(items, key=key)


def on_nav(nav, **_):
    """Plan sections are named after their county and list pages in reading order."""
    plans = _session.state.dataset.plans
    for item in nav.items:
        if item.is_section and _nav_name(item) in plans:
            plan = plans[_nav_name(item)]["plan"].value
            # The theme prints navigation titles as they are: escaped here.
            item.title = theme_text(localized(plan["county"], i18n.language()))
            for child in item.children:
                if child.is_section:
                    child.title = theme_text(i18n.folder_title(_nav_name(child), child.title))
            item.children = _ordered(item.children, PLAN_PAGE_ORDER)
    nav.items = sorted(nav.items, key=lambda item: (
        0 if _nav_name(item) == "index" else 2 if _nav_name(item) in SITE_PAGE_ORDER else 1,
        SITE_PAGE_ORDER.index(_nav_name(item)) if _nav_name(item) in SITE_PAGE_ORDER else 0,
        item.title or ""))
    return nav


def on_env(env, *, config, **_):
    """The deferred generated files, written by their job, before MkDocs writes any file:
    a failure leaves the site folder as empty as the clean step left it. The search index's helper
    starts here, to take the pages as they are written (on_post_page)."""
    _stop_fragments_ahead()  # every page has its fragments now
    _session.indexer = search.Indexer(Path(config.site_dir))
    if _session.deferred is None:
        return env
    job, pending = _session.deferred
    _session.deferred = None
    try:
        written = job.result()
    except background.JobError as exc:
        _remove(pending)
        raise _generation_failed(exc) from None
    if written != [file.src_uri for file in pending]:  # write_made refuses only unknown ones
        _remove(pending)
        raise PluginError("Tiedostoja ei saatu tehtyä tiedoista: generaattorin tekemät "
                          "tiedostot eivät ole ne, jotka se ilmoitti etukäteen "
                          "(hooks/ngoplan, registry.generator)")
    return env


def on_post_page(output, *, page, **_):
    """The page as MkDocs writes it, to the search index's helper."""
    if _session.indexer is not None:
        _session.indexer.add(page.file.dest_uri, output)
    return output


def on_post_template(output_content, *, template_name, **_):
    """A static template as MkDocs writes it (404.html), to the search index's helper as a
    page is: the helper then has every HTML file the build writes."""
    if _session.indexer is not None and template_name.endswith(".html"):
        _session.indexer.add(template_name, output_content)
    return output_content


def _remove(files) -> None:
    """The deferred files a failed or stopped job may have written: none stay half-way."""
    for file in files:
        Path(file.abs_src_path).unlink(missing_ok=True)


def on_build_error(**_):
    _stop_background()
    gc.unfreeze()


def on_post_build(config, **_):
    """The search index over the pages just written (ngoplan.search: Pagefind)."""
    gc.unfreeze()
    indexer, _session.indexer = _session.indexer, None
    try:
        if indexer is None:
            search.index_site(Path(config.site_dir))
        else:
            indexer.finish()
    except search.SearchIndexError as exc:
        raise PluginError(str(exc)) from None
