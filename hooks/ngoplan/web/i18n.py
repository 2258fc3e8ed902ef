"""Interface text in the build's language, and which plans and pages each language has.

One MkDocs build per language (Material's documented way): the Finnish build publishes
every plan at the site root; a build for another language (mkdocs.<lang>.yml, docs_dir
content/<lang>/) publishes under /<lang>/ only the plans that declare that language.
The hook sets the build language once per build with set_language(); templates read
interface text with msg(<key>) and data text with the `t` filter, both in that language.

Catalogues are messages/<lang>.yaml: stable English keys, the text as values. Every
catalogue has the same keys (tested), so a missing Swedish string fails the tests, not
the reader.

Command line: `python -m ngoplan.web.i18n languages [ROOT]` prints the languages besides
Finnish that some plan declares, one a line (the Makefile builds one site per line).
"""

from __future__ import annotations

import posixpath
import sys
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml

from ..cache import memo, running_cache
from .urls import page_url

MAIN = "fi"  # the first language of every plan; its build is the site root
# Generated pages another language's build keeps: entity pages (parts.common.PAGE_FOLDERS),
# rendered from data in the build language. The other generated pages (changelog, print
# version, comparison) are written in Finnish and stay in the Finnish build.
ENTITY_FOLDERS = ("toimielimet", "verkostot")
MESSAGES = Path(__file__).parent.parent / "messages"
# The build language: set once per build by the hook, read by msg() and the templates. A
# context variable, so builds in different threads (a preview server) do not mix.
_LANGUAGE: ContextVar[str] = ContextVar("ngoplan_language", default=MAIN)


CATALOGUE_AREAS = ("catalogue", "label_group", "feed_labels")


def catalogue(lang: str) -> dict[str, str]:
    """messages/<lang>.yaml, read once per cache (again after a catalogue edit)."""
    memos = running_cache().memos
    found = memos.peek("catalogue", lang)  # the fast path: msg() asks on every text
    return found if found is not None else memos.get("catalogue", lang,
                                                     lambda: _read_catalogue(lang))


def _read_catalogue(lang: str) -> dict[str, str]:
    path = MESSAGES / f"{lang}.yaml"
    if not path.exists():
        raise LookupError(f"kielelle '{lang}' ei ole käyttöliittymätekstejä ({path.name})")
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def label_group(group: str, lang: str = MAIN) -> MappingProxyType:
    """code -> label of one group of data codes (e.g. item_kinds), read from the catalogue;
    kept and forgotten together with it."""
    return memo("label_group", (lang, group), lambda: _label_group(group, lang))


def _label_group(group: str, lang: str) -> MappingProxyType:
    prefix = group + "."
    return MappingProxyType({key[len(prefix):]: text for key, text in catalogue(lang).items()
                             if key.startswith(prefix)})


def reload_catalogues() -> None:
    """Forget the catalogues the running cache read and what was worked out from them (a
    catalogue edit does this through Cache.refresh)."""
    running_cache().memos.forget(*CATALOGUE_AREAS)


def catalogue_languages() -> list[str]:
    """Languages with a catalogue, Finnish first."""
    found = sorted(p.stem for p in MESSAGES.glob("*.yaml"))
    return [MAIN] + [lang for lang in found if lang != MAIN]


def set_language(lang: str) -> None:
    catalogue(lang)  # fail early on a language without a catalogue
    _LANGUAGE.set(lang)


def language() -> str:
    return _LANGUAGE.get()


def msg(key: str, lang: str | None = None, **fields) -> str:
    """The interface text `key` in lang (default: the build language); {name} fields are
    filled from keyword arguments. A key ending in _html holds trusted markup from the
    catalogue: it comes back as Markup, and its fields are escaped as they are filled."""
    lang = lang or language()
    try:
        text = catalogue(lang)[key]
    except KeyError:
        raise LookupError(f"käyttöliittymätekstiä '{key}' ei ole kielellä {lang} "
                          f"(hooks/ngoplan/messages/{lang}.yaml)") from None
    if key.endswith("_html"):
        from markupsafe import Markup

        return Markup(text).format(**fields)
    return text.format(**fields) if fields else text


def folder_title(folder: str, default: str) -> str:
    """A navigation section's title for a plan's sub-folder, e.g. toimielimet."""
    return catalogue(language()).get(f"folder.{folder}", default)


def label(group: str, code: str, lang: str | None = None) -> str:
    """The name of a data code, e.g. label("item_kinds", "meeting") -> "kokous"."""
    return msg(f"{group}.{code}", lang)


# --- which plans and pages each language has ---------------------------------------------

def plan_languages(plan: dict) -> list[str]:
    return list(plan.get("languages") or [MAIN])


def plans_in(plans: dict[str, dict], lang: str) -> list[str]:
    """Ids of the plans published in lang: all in the main build, else those declaring it.
    plans maps a plan id to its plan.yaml value."""
    return sorted(pid for pid, plan in plans.items() if lang == MAIN or lang in plan_languages(plan))


def site_languages(plans: dict[str, dict]) -> list[str]:
    """Finnish first, then every other language some plan declares (sorted)."""
    extra = {lang for plan in plans.values() for lang in plan_languages(plan)} - {MAIN}
    return [MAIN] + sorted(extra)


def language_root(lang: str) -> str:
    """The folder of a language's build under the site root ('' for the main language)."""
    return "" if lang == MAIN else f"{lang}/"


def counterpart(src_uri: str, pages: set[str]) -> str:
    """The page in another language's pages that matches src_uri: the same source path,
    else the same plan's front page, else that language's front page."""
    if src_uri in pages:
        return src_uri
    folder = src_uri.split("/")[0]
    if "/" in src_uri and f"{folder}/index.md" in pages:
        return f"{folder}/index.md"
    return "index.md"


def alternates(lang: str, languages: list[str], src_uri: str,
               pages: dict[str, set[str]]) -> list[dict]:
    """Links from one page (src_uri in lang's build) to each language's matching page.
    pages maps each language to the source paths its build has. Links are relative, so
    the site works under any path (e.g. a project's GitHub Pages address)."""
    here = language_root(lang) + page_url(src_uri)
    links = []
    for other in languages:
        target = src_uri if other == lang else counterpart(src_uri, pages.get(other, set()))
        there = language_root(other) + page_url(target)
        rel = posixpath.relpath(there or ".", here or ".")
        href = "./" if rel == "." else rel + "/"
        links.append({"lang": other, "name": msg("language_name", other), "href": href,
                      "current": other == lang, "same_page": target == src_uri})
    return links


def root_alternates(lang: str, languages: list[str]) -> list[dict]:
    """Material's extra.alternate: each language's front page, relative to this build's
    root (Material's `url` filter makes them relative to each page)."""
    out = []
    for other in languages:
        rel = posixpath.relpath(language_root(other) or ".", language_root(lang) or ".")
        out.append({"name": msg("language_name", other), "lang": other,
                    "link": "./" if rel == "." else rel + "/"})
    return out


def authored_pages(docs_dir: Path, exclude: tuple[str, ...] = ()) -> set[str]:
    """Markdown source paths under docs_dir (posix, relative), skipping top-level folders
    in exclude (the main build's docs_dir holds the other languages' folders)."""
    pages = set()
    for path in docs_dir.rglob("*.md"):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.split("/")[0] not in exclude:
            pages.add(rel)
    return pages


@dataclass
class Build:
    """What one language's build publishes, and what the other languages' builds have
    (for the switcher). docs_dir is this build's; other languages' docs live in
    <main docs_dir>/<lang>/."""

    lang: str
    languages: list[str]  # the site's languages, Finnish first
    plans: dict[str, set[str]]  # language -> ids of the plans published in it
    pages: dict[str, set[str]]  # language -> page source paths its build has
    main_docs: Path
    generated: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, lang: str, plans: dict[str, dict], docs_dir: Path) -> "Build":
        languages = site_languages(plans)
        if lang not in languages:
            languages = [lang]
        main_docs = Path(docs_dir) if lang == MAIN else Path(docs_dir).parent
        pages = {other: authored_pages(main_docs, tuple(languages[1:])) if other == MAIN
                 else authored_pages(main_docs / other) for other in languages}
        return cls(lang, languages, {other: set(plans_in(plans, other)) for other in languages},
                   pages, main_docs)

    @property
    def main(self) -> bool:
        return self.lang == MAIN

    def site_url(self, url: str) -> str:
        """This build's address: the site root, or <root><lang>/ for another language."""
        url = url if url.endswith("/") else url + "/"
        return url if self.main or url.endswith(f"/{self.lang}/") else url + f"{self.lang}/"

    def keeps(self, src_uri: str) -> bool:
        """Whether this build publishes a generated file, noting generated pages for the
        switcher. Pages of a plan exist in every language that has the plan; files other
        than pages (feeds, data, schemas) and Finnish-only generated pages are the main build's."""
        parts = src_uri.split("/")
        translated = (src_uri.endswith(".md") and len(parts) == 3
                      and parts[1] in ENTITY_FOLDERS)
        if translated:
            for other, plan_ids in self.plans.items():
                if parts[0] in plan_ids:
                    self.pages[other].add(src_uri)
        elif src_uri.endswith(".md"):
            self.pages[MAIN].add(src_uri)
        return self.main or (translated and parts[0] in self.plans[self.lang])

    def shared_files(self) -> list[str]:
        """Stylesheets, scripts and pictures of the main docs, which another language's
        build copies (it has only its own pages)."""
        if self.main:
            return []
        out = []
        for path in sorted(self.main_docs.rglob("*")):
            rel = path.relative_to(self.main_docs).as_posix()
            if (path.is_file() and path.suffix != ".md" and not path.name.startswith(".")
                    and rel.split("/")[0] not in self.languages):
                out.append(rel)
        return out

    def page_alternates(self, src_uri: str) -> list[dict]:
        if len(self.languages) < 2:
            return []
        return alternates(self.lang, self.languages, src_uri, self.pages)

    def root_alternates(self) -> list[dict]:
        return root_alternates(self.lang, self.languages) if len(self.languages) > 1 else []


def declared_languages(root: Path) -> list[str]:
    """Languages besides Finnish that some data/<plan>/plan.yaml declares. A quick read for
    the Makefile; the main build validates everything before any other build runs."""
    plans = {}
    for path in sorted((Path(root) / "data").glob("*/plan.yaml")):
        with path.open(encoding="utf-8") as handle:
            value = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if isinstance(value, dict):
            plans[path.parent.name] = value
    return site_languages(plans)[1:]


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "languages":
        print("käyttö: python -m ngoplan.web.i18n languages [HAKEMISTO]", file=sys.stderr)
        return 2
    for lang in declared_languages(Path(argv[1]) if len(argv) > 1 else Path.cwd()):
        print(lang)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
