"""A fragment is rendered once per build, plan, marker, argument and language and reused
by every page that shows it (ngoplan.web.render.fragment_html): the print page repeats the
plan's other pages. What differs between pages (links relative to the page, the parts a
print page leaves out) is filled in per page, so a page showing a reused fragment must get
exactly what it would get alone."""

from __future__ import annotations

import pytest

from conftest import ROOT
from ngoplan.check.dataset import load_dataset
from ngoplan.web.context import LINK_OPEN, PRINT_OMIT, BuildState, PageContext
from ngoplan.web.registry import SiteInfo
from ngoplan.web.render import replace_markers

SITE = SiteInfo(url="https://example.test/")
# The year-clock list on its own page, on a page one folder deeper (the embed's depth)
# and inside the print page; the print page after the pages whose fragments it repeats.
PAGES = (("vuosikello.md", "<h1>x</h1><!-- data:calendar-rhythms --><!-- data:calendar-list -->"),
         ("vuosikello/syvempi.md", "<h1>x</h1><!-- data:calendar-list -->"),
         ("vuosikello/upotus.md", "<!-- data:calendar-list upotus -->"),
         ("tulosta.md", "<h1>x</h1><!-- data:plan-print -->"))

@pytest.fixture(scope="module")
def dataset():
    data, findings = load_dataset(ROOT)
    assert not findings, [f.format() for f in findings]
    return data

def _plan(dataset) -> str:
    """A plan with calendar items someone can add to a calendar (the print page drops them)."""
    return next(p for p, docs in sorted(dataset.plans.items()) if "calendar" in docs)

def render_pages(dataset, plan: str, state_per_page: bool) -> tuple[dict[str, str], BuildState]:
    shared = BuildState(dataset, SITE)
    out = {}
    for page, markers in PAGES:
        state = BuildState(dataset, SITE) if state_per_page else shared
        out[page] = replace_markers(markers, PageContext(dataset, plan, f"{plan}/{page}", state))
    return out, shared

def test_reused_fragments_are_right_for_each_page(dataset):
    plan = _plan(dataset)
    shared, state = render_pages(dataset, plan, state_per_page=False)
    alone, _ = render_pages(dataset, plan, state_per_page=True)
    # calendar-list three times (deeper page, embed, print), calendar-rhythms once
    assert state.stats["fragments reused"] >= 4
    for page, _ in PAGES:
        assert shared[page] == alone[page], page
        assert LINK_OPEN not in shared[page] and PRINT_OMIT[0] not in shared[page]
    # Where the pages must differ: links from the page's own folder, and no add-to-calendar
    # group on paper.
    assert 'src="../../assets/ngoplan.js"' in shared["vuosikello.md"]
    assert 'src="../../../assets/ngoplan.js"' in shared["vuosikello/syvempi.md"]
    assert "ngo-add-calendar" in shared["vuosikello.md"]
    assert "ngo-add-calendar" in shared["vuosikello/syvempi.md"]
    assert "ngo-add-calendar" not in shared["tulosta.md"]
    # The embed's links leave the frame; the year-clock page's stay.
    assert 'target="_top"' in shared["vuosikello/upotus.md"]
    assert 'target="_top"' not in shared["vuosikello.md"]
    assert 'class="ngo-calendar"' in shared["tulosta.md"]

def test_the_comparison_can_fail(dataset, monkeypatch):
    """Rendering for the first page and reusing that as it is (no placeholders) gives the
    deeper page and the print page the wrong links and groups: the test above sees it."""
    monkeypatch.setattr(PageContext, "neutral_context", lambda self: self)
    plan = _plan(dataset)
    shared, _ = render_pages(dataset, plan, state_per_page=False)
    alone, _ = render_pages(dataset, plan, state_per_page=True)
    assert shared["vuosikello.md"] == alone["vuosikello.md"]
    assert shared["vuosikello/syvempi.md"] != alone["vuosikello/syvempi.md"]
    assert shared["tulosta.md"] != alone["tulosta.md"]

def test_each_fragment_is_rendered_once_per_plan_argument_and_language(dataset):
    plan = _plan(dataset)
    state = BuildState(dataset, SITE)
    for page in ("a.md", "b/c.md", "a.md"):
        replace_markers("<!-- data:calendar-list --><!-- data:calendar-wheel upotus -->",
                        PageContext(dataset, plan, f"{plan}/{page}", state))
    assert state.stats["fragments rendered"] == 2
    assert state.stats["fragments reused"] == 4
    # Another plan is another fragment.
    other = next(p for p in sorted(dataset.plans) if p != plan and "plan" in dataset.plans[p])
    replace_markers("<!-- data:calendar-list -->", PageContext(dataset, other, f"{other}/a.md", state))
    assert state.stats["fragments rendered"] == 3
