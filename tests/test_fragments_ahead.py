"""Fragments rendered ahead by a forked child while the build renders its pages
(ngoplan.web.ahead): the child's fragments are the build's own bytes, every fragment is
rendered by one process only, a fragment the child fails on is left to the build (which
reports it with its page), a fragment made of other fragments never goes to the child,
and a child is stopped whenever the build stops. Whole builds with and without the child
give the same site: every build test runs with it (a fork is used wherever it is safe).

What forks runs in a fresh interpreter (conftest.in_fresh_interpreter): under
pytest-xdist a thread runs beside the tests, and the build forks no child then."""

from __future__ import annotations

import ast
import dataclasses
import os
import threading
import time

import pytest

from conftest import ROOT, in_fresh_interpreter
from ngoplan.check.dataset import load_dataset
from ngoplan.web import ahead
from ngoplan.web.context import BuildState, PageContext
from ngoplan.web.registry import SiteInfo, load_parts, planned_files
from ngoplan.web.render import fragment_html

SITE = SiteInfo(url="https://example.test/")
PARTS = ROOT / "hooks" / "ngoplan" / "parts"


def _dataset():
    data, findings = load_dataset(ROOT)
    assert not findings, [f.format() for f in findings]
    return data


@pytest.fixture(scope="module")
def dataset():
    return _dataset()


def _pages(dataset) -> list[tuple[str, str]]:
    """The Finnish build's pages with their Markdown: authored, then generated."""
    authored = [(path.relative_to(ROOT / "content").as_posix(), path.read_text(encoding="utf-8"))
                for path in sorted((ROOT / "content").rglob("*.md"))
                if path.relative_to(ROOT / "content").parts[0] != "sv"]
    generated = [(f.src_uri, f.content) for f in planned_files(BuildState(dataset, SITE)).files
                 if f.src_uri.endswith(".md") and isinstance(f.content, str)]
    return authored + generated


def _render(state, key) -> str:
    plan_id, name, arg = key
    return fragment_html(PageContext(state.dataset, plan_id, None, state, neutral=True), name, arg)


def _wait_until(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.01)


def test_keys_come_once_each_grouped_by_plan_without_fragments_made_of_others(dataset):
    plans = sorted(dataset.plans)
    pages = [("index.md", "<!-- data:plans-comparison -->"),
             (f"{plans[0]}/vuosikello.md", "<!-- data:calendar-wheel --><!-- data:calendar-list -->"),
             (f"{plans[1]}/vuosikello.md", "<!-- data:calendar-list -->"),
             (f"{plans[0]}/tulosta.md", "<!-- data:plan-print -->"),
             (f"{plans[0]}/upotus.md", "<!-- data:calendar-list upotus --><!-- data:calendar-wheel upotus -->"),
             (f"{plans[0]}/toinen.md", "<!-- data:calendar-list --><!-- data:ei-tallaista -->")]
    assert ahead.fragment_keys(pages, dataset.plans) == [
        (None, "plans-comparison", None),
        (plans[0], "calendar-wheel", None), (plans[0], "calendar-list", None),
        (plans[0], "calendar-wheel", "upotus"),
        (plans[1], "calendar-list", None)]


def _the_childs_fragments_are_the_builds_own_and_each_is_rendered_once():
    dataset = _dataset()
    keys = ahead.fragment_keys(_pages(dataset), dataset.plans)
    assert len(keys) > 20
    alone = BuildState(dataset, SITE)
    expected = {key: _render(alone, key) for key in keys}
    state = BuildState(dataset, SITE)
    renderer = ahead.FragmentsAhead(state, keys)
    try:
        assert renderer.forked
        state = dataclasses.replace(state, ahead=renderer)
        # The last one is the child's the moment it starts: asked for first, it is waited for.
        _wait_until(lambda: renderer.claimed_by_child() >= 1, "the child to start")
        got = {keys[-1]: _render(state, keys[-1])}
        got |= {key: _render(state, key) for key in keys[:-1]}
    finally:
        renderer.close()
    assert state.stats["fragments rendered ahead"] >= 1
    assert state.stats["fragments rendered ahead"] + state.stats["fragments rendered"] == len(keys)
    differ = [key for key in keys if got[key] != expected[key]]
    assert not differ, differ


def _a_fragment_the_child_fails_on_is_left_to_the_build():
    dataset = _dataset()
    plan = sorted(dataset.plans)[0]
    missing = (plan, "body-page", "ei-tallaista-toimielinta")
    keys = [(plan, "plan-summary", None), missing]
    state = BuildState(dataset, SITE)
    renderer = ahead.FragmentsAhead(state, keys)
    try:
        _wait_until(lambda: renderer.claimed_by_child() >= 1, "the child to start")
        assert renderer.take(missing) is None
        with pytest.raises(LookupError, match="ei-tallaista-toimielinta"):
            _render(dataclasses.replace(state, ahead=renderer), missing)
    finally:
        renderer.close()


def _closing_stops_a_child_that_is_still_working():
    dataset = _dataset()
    keys = ahead.fragment_keys(_pages(dataset), dataset.plans)
    renderer = ahead.FragmentsAhead(BuildState(dataset, SITE), keys)
    pid = renderer._pid
    assert pid is not None
    renderer.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # already reaped: no process is left behind
    assert renderer.take(keys[-1]) is None  # the build renders everything from now on


def _no_child_while_another_thread_runs():
    dataset = _dataset()
    """As in `mkdocs serve`, whose server threads a forked child would inherit half-way."""
    keys = ahead.fragment_keys(_pages(dataset), dataset.plans)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        renderer = ahead.FragmentsAhead(BuildState(dataset, SITE), keys)
    finally:
        release.set()
        other.join()
    assert not renderer.forked
    assert renderer.take(keys[-1]) is None
    renderer.close()


def _calls_fragment_html(func: ast.FunctionDef) -> bool:
    return any(isinstance(node, ast.Call) and getattr(node.func, "id", None) == "fragment_html"
               for node in ast.walk(func))


def test_every_fragment_made_of_others_says_so():
    """A fragment that calls fragment_html must be marked fragment(reuses=...): in the child
    it would render again every fragment the build already holds."""
    unmarked = []
    for path in sorted(PARTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            marks = [d for d in node.decorator_list
                     if isinstance(d, ast.Call) and getattr(d.func, "id", None) == "fragment"]
            if marks and _calls_fragment_html(node) and not any(
                    k.arg == "reuses" for k in marks[0].keywords):
                unmarked.append(f"{path.name}: {node.name}")
    assert not unmarked, unmarked
    assert load_parts().fragments["plan-print"].ngoplan_reuses is True  # the check sees them


def test_the_childs_fragments_are_the_builds_own_and_each_is_rendered_once():
    in_fresh_interpreter("test_fragments_ahead", "_the_childs_fragments_are_the_builds_own_and_each_is_rendered_once")


def test_a_fragment_the_child_fails_on_is_left_to_the_build():
    in_fresh_interpreter("test_fragments_ahead", "_a_fragment_the_child_fails_on_is_left_to_the_build")


def test_closing_stops_a_child_that_is_still_working():
    in_fresh_interpreter("test_fragments_ahead", "_closing_stops_a_child_that_is_still_working")


def test_no_child_while_another_thread_runs():
    in_fresh_interpreter("test_fragments_ahead", "_no_child_while_another_thread_runs")


def test_a_small_site_gets_no_child(dataset, monkeypatch):
    """The repository's two plans are too small to gain from a child; from the threshold on
    a site gets one (where forking is safe)."""
    pages = _pages(dataset)
    assert dataset.size == sum(p.stat().st_size for p in (ROOT / "data").rglob("*.yaml"))
    assert 0 < dataset.size < ahead.WORTH_FROM_BYTES
    assert ahead.start(BuildState(dataset, SITE), pages) is None
    monkeypatch.setattr(ahead, "WORTH_FROM_BYTES", 0)
    renderer = ahead.start(BuildState(dataset, SITE), pages)
    assert isinstance(renderer, ahead.FragmentsAhead)
    renderer.close()
