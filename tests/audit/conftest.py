"""The audit: transcription checks of the seed plans, run by `make audit`, not `make test`.

They pin values as the seed documents state them, so a correct staff edit (two more seats
after a new decision) fails here by design. A failure names the document and section the
value came from, read from the `source` of the entities the failing check looks at.
"""

from __future__ import annotations

import ast
import inspect
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

from ngoplan.check.dataset import load_dataset  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "seed(section): the seed section a check comes from, where the entities "
        "it looks at do not name it")


@cache
def _sources(plan: str) -> tuple[str, dict[str, list[str]], dict[str, list[str]]]:
    """The plan's own document title and the sections its sources name, per entity id and
    per top-level key of a data file (`seasons`, `goals`)."""
    dataset, _ = load_dataset(ROOT)
    kinds = dataset.plans.get(plan, {})
    plan_doc = kinds["plan"].value if "plan" in kinds else {}
    documents = {d.get("id"): d for d in plan_doc.get("documents", []) if isinstance(d, dict)}
    own = [d for d in documents.values() if not d.get("external")]
    title = own[0].get("title", plan) if own else plan
    sections: dict[str, list[str]] = {}
    by_key: dict[str, list[str]] = {}

    def walk(value, inherited=None, into=None):
        if isinstance(value, dict):
            source = value.get("source")
            here = inherited
            if isinstance(source, dict) and isinstance(source.get("section"), str):
                doc = documents.get(source.get("document"), {})
                here = source["section"] if not doc.get("external") else None
            for ident, table in ((value.get("id"), sections), (into, by_key)):
                if isinstance(ident, str) and here and here not in table.setdefault(ident, []):
                    table[ident].append(here)
            for child in value.values():
                walk(child, here, into)
        elif isinstance(value, list):
            for child in value:
                walk(child, inherited, into)

    for doc in kinds.values():
        if isinstance(doc.value, dict):
            for key, child in doc.value.items():
                walk(child, None, key)
    return title, sections, by_key


def seed_note(item: pytest.Item) -> str:
    """Finnish lines for a failed check: the document and sections its values came from."""
    plan = getattr(item.module, "PLAN", None)
    if plan is None:
        return ""
    title, sections, by_key = _sources(plan)
    marker = item.get_closest_marker("seed")
    named = list(marker.args) if marker else []
    if not named:
        literals = {n.value for n in ast.walk(ast.parse(inspect.getsource(item.function).lstrip()))
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        named = sorted({s for ident in literals for s in sections.get(ident, [])})
        named = named or sorted({s for key in literals for s in by_key.get(key, [])})
    where = ", ".join(f"kohta {s}" for s in named) if named else "koko asiakirja"
    path = Path(item.module.__file__).relative_to(ROOT)
    return (
        f"Tarkistettu arvo tulee asiakirjasta: {title}, {where}.\n"
        f"Jos tieto on muuttunut uuden päätöksen tai asiakirjan vuoksi, päivitä tämä "
        f"tarkistus ({path}) samassa muutoksessa. Muuten korjaa tieto lähteen mukaiseksi.")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and isinstance(item, pytest.Function):
        note = seed_note(item)
        if note:
            report.sections.append(("Lähde", note))
    return report
