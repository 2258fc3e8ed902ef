"""What a page's fragments may read: the build's state, the page's plan and the page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
import posixpath
import re

from . import i18n
from ..cache import Cache, running_cache
from ..check.dataset import Dataset
from ..model.plan import PlanModel, build_model
from ..model.plan_record import Plan
from .registry import SiteInfo
from .render import Templates
from .urls import page_url



@dataclass(frozen=True)
class BuildState:
    """Everything one build shares, made once at its start and passed explicitly: the
    checked data, the site's root address (feeds and data files are published there), the
    build language, the fragment templates, what fragments work out once per build
    (memo), and the cache across builds (compiled schemas, catalogues, history): the one
    ngoplan.cache.running_cache() gives functions deep inside the build."""

    dataset: Dataset
    site: SiteInfo
    lang: str = i18n.MAIN
    memo: dict = field(default_factory=dict, repr=False, compare=False)
    templates: Templates = field(default_factory=Templates, repr=False, compare=False)
    cache: Cache = field(default_factory=running_cache, repr=False, compare=False)
    # How often a fragment was rendered and how often its output was reused (the print
    # page repeats the plan's other pages): what tests and benchmarks read, not timing.
    stats: Counter = field(default_factory=Counter, repr=False, compare=False)
    # Fragments a forked child renders meanwhile (web/ahead.FragmentsAhead), or None.
    ahead: object = field(default=None, repr=False, compare=False)

    def model(self, plan_id: str) -> PlanModel:
        """The plan's records, built once per build (memo) from the checked data."""
        return plan_model(self.memo, self.dataset, plan_id)


def plan_model(memo: dict, dataset: Dataset, plan_id: str) -> PlanModel:
    key = ("plan-model", plan_id)
    if key not in memo:
        memo[key] = build_model(plan_id, dataset.plans.get(plan_id, {}))
    return memo[key]


# A fragment's output is kept once per build (ngoplan.web.render.fragment_html), so it must
# not depend on the page it is first rendered for. The two things that do are written as
# placeholders and filled in for each page (PageContext.resolve): links, relative to the
# page, and the parts a print page leaves out. Private-use characters: never in data.
LINK_OPEN, LINK_CLOSE = "\ue000", "\ue001"
PRINT_OMIT = ("\ue002", "\ue003")
_PLACEHOLDER = re.compile("\ue000([^\ue001]*)\ue001")
_OMITTED = re.compile("\ue002.*?\ue003", re.S)
PRINT_PAGE = "tulosta.md"  # under each plan's folder (parts/publish.py)


def plan_of_page(src_uri: str, plan_ids) -> str | None:
    """The plan a page belongs to (its first folder, when that is a plan's id), or None for
    the site's own pages."""
    first, slash, _ = src_uri.partition("/")
    return first if slash and first in plan_ids else None


def _relpath(dest: str, base: str) -> str:
    """posixpath.relpath for two site paths without '..' (relpath asks the operating
    system for the working folder on every call: a tenth of a large build's hooks)."""
    if ".." in dest or ".." in base:
        return posixpath.relpath(dest, base)
    to = [p for p in dest.split("/") if p and p != "."]
    start = [p for p in base.split("/") if p and p != "."]
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start) - common) + to[common:]
    return "/".join(parts) if parts else "."


@dataclass
class PageContext:
    dataset: Dataset
    plan_id: str | None
    # The page's source path (content/-relative); None when rendered outside a page.
    page: str | None = None
    # The build this page belongs to; None in tests that render one fragment alone.
    state: BuildState | None = None
    _indexes: dict = field(default_factory=dict, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)
    _templates: Templates | None = field(default=None, repr=False)
    # True: rendering for any page of the plan (links and print-only parts as placeholders).
    neutral: bool = False

    @property
    def is_print(self) -> bool:
        """The plan's print version: it leaves out what is of no use on paper."""
        return self.page is not None and self.page.endswith("/" + PRINT_PAGE)

    def neutral_context(self) -> PageContext:
        """This plan's context for rendering fragments that any page may reuse: one per build,
        plan and language, so its indexes and actor lookups are built once."""
        key = ("neutral-context", self.plan_id, i18n.language())
        if key not in self.memo:
            self.memo[key] = PageContext(self.dataset, self.plan_id, None, self.state, neutral=True)
        return self.memo[key]

    def resolve(self, html: str) -> str:
        """Fill a neutral fragment's placeholders for this page."""
        if LINK_OPEN not in html and PRINT_OMIT[0] not in html:
            return html
        if PRINT_OMIT[0] in html:
            if self.is_print:
                html = _OMITTED.sub("", html)
            else:
                html = html.replace(PRINT_OMIT[0], "").replace(PRINT_OMIT[1], "")
        links: dict[str, str] = {}

        def link(match):
            target = match.group(1)
            if target not in links:
                links[target] = self.url(target)
            return links[target]
        return _PLACEHOLDER.sub(link, html)

    @property
    def memo(self) -> dict:
        """Values worked out once per build (per context when there is no build)."""
        return self.state.memo if self.state is not None else self._memo

    @property
    def site(self) -> SiteInfo:
        if self.state is None:
            raise LookupError("sivuston osoite puuttuu: sivu ei kuulu mihinkään rakennukseen")
        return self.state.site

    @property
    def templates(self) -> Templates:
        """The build's templates (the context's own when there is no build)."""
        if self.state is not None:
            return self.state.templates
        if self._templates is None:
            self._templates = Templates()
        return self._templates

    def for_plan(self, plan_id: str | None) -> PageContext:
        """The same page and build, looking at another plan (the comparison page)."""
        if self.neutral:
            return PageContext(self.dataset, plan_id, None, self.state, neutral=True)
        return PageContext(self.dataset, plan_id, self.page, self.state)

    def optional(self, kind: str) -> dict | None:
        """The plan's checked data of a kind that has no records (monitoring.yaml,
        cooperation.yaml, accessibility.yaml), or None while that file does not exist yet."""
        if self.plan_id is None:
            raise LookupError("tämä merkintä toimii vain suunnitelman sivuilla (content/<suunnitelma>/)")
        doc = self.dataset.plans.get(self.plan_id, {}).get(kind)
        return None if doc is None else doc.value

    def plan(self) -> Plan:
        """The page's plan.yaml as a record."""
        plan = self.model().plan
        if plan is None:
            raise LookupError("suunnitelman plan.yaml puuttuu")
        return plan

    def model(self) -> PlanModel:
        """The page's plan as records, built once per build (per context without one)."""
        if self.plan_id is None:
            raise LookupError("tämä merkintä toimii vain suunnitelman sivuilla (content/<suunnitelma>/)")
        return plan_model(self.memo, self.dataset, self.plan_id)

    def url(self, target: str) -> str:
        """A relative link from this page to a site path such as 'kainuu/vuosikello.md'
        (a page) or 'assets/ngoplan.js' (a file); '#anchor' suffixes are kept. Pages are
        in the build's language; files (feeds, data) exist once, at the site root, so a
        build for another language links them one folder up."""
        if self.neutral:
            return LINK_OPEN + target + LINK_CLOSE
        path, _, anchor = target.partition("#")
        base = page_url(self.page or "index.md")
        dest = page_url(path)
        if not path.endswith(".md"):
            dest = "../" * i18n.language_root(i18n.language()).count("/") + dest
        rel = _relpath(dest or ".", base or ".")
        if path.endswith(".md"):
            rel = "./" if rel == "." else rel + "/"
        return rel + ("#" + anchor if anchor else "")

    def plan_url(self, target: str) -> str:
        """url() for a path inside the page's plan folder."""
        return self.url(f"{self.plan_id}/{target}")
