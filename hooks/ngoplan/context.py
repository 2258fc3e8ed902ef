"""What a page's fragments may read: the page's plan and the whole dataset."""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Dataset

INDEXED = {"bodies": "bodies", "networks": "networks", "organisations": "organisations",
           "calendar": "items", "grants": "grant_types", "legislation": "laws", "goals": "goals"}


@dataclass
class PageContext:
    dataset: Dataset
    plan_id: str | None

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
        docs = self.dataset.plans.get(self.plan_id, {})
        if kind not in docs:
            return {}
        return {entry["id"]: entry for entry in docs[kind].value.get(INDEXED[kind], [])}
