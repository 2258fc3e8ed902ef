"""What a page's fragments may read: the build's state, the page's plan and the page."""

from __future__ import annotations

from dataclasses import dataclass, field
import posixpath

from . import i18n
from ..check.dataset import Dataset
from ..kinds import LIST_OF_KIND
from .registry import SiteInfo
from .render import Templates
from .urls import page_url



@dataclass(frozen=True)
class BuildState:
    """Everything one build shares, made once at its start and passed explicitly: the
    checked data, the site's root address (feeds and data files are published there), the
    build language, the fragment templates, and what fragments work out once per build
    (memo)."""

    dataset: Dataset
    site: SiteInfo
    lang: str = i18n.MAIN
    memo: dict = field(default_factory=dict, repr=False, compare=False)
    templates: Templates = field(default_factory=Templates, repr=False, compare=False)


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
        return PageContext(self.dataset, plan_id, self.page, self.state)

    def plan_doc(self, kind: str):
        if self.plan_id is None:
            raise LookupError("tämä merkintä toimii vain suunnitelman sivuilla (content/<suunnitelma>/)")
        return self.dataset.plans[self.plan_id][kind]

    def optional(self, kind: str) -> dict | None:
        """The plan's data of one kind, or None while that file does not exist yet."""
        if self.plan_id is None:
            raise LookupError("tämä merkintä toimii vain suunnitelman sivuilla (content/<suunnitelma>/)")
        doc = self.dataset.plans.get(self.plan_id, {}).get(kind)
        return None if doc is None else doc.value

    def plan(self) -> dict:
        return self.plan_doc("plan").value

    def index(self, kind: str) -> dict:
        if kind not in self._indexes:
            docs = self.dataset.plans.get(self.plan_id, {})
            self._indexes[kind] = ({} if kind not in docs else
                                   {e["id"]: e for e in docs[kind].value.get(LIST_OF_KIND[kind], [])})
        return self._indexes[kind]

    def url(self, target: str) -> str:
        """A relative link from this page to a site path such as 'kainuu/vuosikello.md'
        (a page) or 'assets/ngoplan.js' (a file); '#anchor' suffixes are kept. Pages are
        in the build's language; files (feeds, data) exist once, at the site root, so a
        build for another language links them one folder up."""
        path, _, anchor = target.partition("#")
        base = page_url(self.page or "index.md")
        dest = page_url(path)
        if not path.endswith(".md"):
            dest = "../" * i18n.language_root(i18n.language()).count("/") + dest
        rel = posixpath.relpath(dest or ".", base or ".")
        if path.endswith(".md"):
            rel = "./" if rel == "." else rel + "/"
        return rel + ("#" + anchor if anchor else "")

    def plan_url(self, target: str) -> str:
        """url() for a path inside the page's plan folder."""
        return self.url(f"{self.plan_id}/{target}")
