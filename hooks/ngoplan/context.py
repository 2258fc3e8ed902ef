"""What a page's fragments may read: the page's plan, the page itself and the dataset."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from . import i18n
from .dataset import Dataset

INDEXED = {"bodies": "bodies", "networks": "networks", "organisations": "organisations",
           "calendar": "items", "grants": "grant_types", "legislation": "laws", "goals": "goals"}


def page_url(src_uri: str) -> str:
    """The URL path (from the site root, no leading slash) of a page with directory URLs:
    a/b.md -> a/b/, a/index.md -> a/, index.md -> ''. Other files keep their path."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@dataclass
class PageContext:
    dataset: Dataset
    plan_id: str | None
    # The page's source path (content/-relative); None when rendered outside a page.
    page: str | None = None
    _indexes: dict = field(default_factory=dict, repr=False)

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
                                   {e["id"]: e for e in docs[kind].value.get(INDEXED[kind], [])})
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
