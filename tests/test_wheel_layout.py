"""The year-wheel's layout rules (wheel/layout.py), on the real, fixture and synthetic
plans: lanes never hold two overlapping items, every timed item is drawn or counted, text
is at least 12 CSS px at phone width, and the overflow rule is used only when needed."""

from __future__ import annotations

import pytest

from conftest import ROOT
from bench import synthetic
from ngoplan.check.dataset import load_dataset
from ngoplan.web.i18n import msg
from ngoplan.model.timing import parse_items
from ngoplan.wheel import layout as W
from ngoplan.parts.timing_view import item_view
from ngoplan.parts.yearclock import _wheel_layout


def _layouts(root):
    dataset, findings = load_dataset(root)
    assert findings == []
    for plan_id, docs in sorted(dataset.plans.items()):
        if "calendar" in docs:
            items = sorted((item_view(i) for i in parse_items(docs["calendar"].value,
                                                               docs["plan"].value)),
                           key=lambda i: i.sort)
            yield plan_id, items, _wheel_layout(items, lambda ident: {"name": ident})


@pytest.fixture(scope="module")
def layouts(tmp_path_factory):
    big = tmp_path_factory.mktemp("wheel-layout")
    synthetic.write_data(big / "data", plans=1, items=300, bodies=5, site_data=ROOT / "data", seed=5)
    return [(name, plan, items, layout) for name, root in
            (("real", ROOT), ("fixture", ROOT / "tests" / "fixtures" / "feeds"), ("synthetic", big))
            for plan, items, layout in _layouts(root)]


def test_text_is_at_least_12_css_px_at_phone_width():
    assert W.FONT * W.MIN_PX / W.SIZE >= 12
    # Month names run along the rim, outside the lanes and inside the picture, and fit
    # in their month's arc.
    assert W.MONTH_R - W.FONT * 0.6 > W.R_OUT + 4
    assert W.MONTH_R + W.FONT * 0.6 <= W.SIZE / 2
    for m, lang in ((m, lang) for m in range(1, 13) for lang in ("fi", "sv")):
        assert W.text_width(msg(f"month_short.{m}", lang)) < 2 * 3.1416 * W.MONTH_R / 12 - W.FONT


def test_lanes_hold_no_overlapping_items(layouts):
    for name, plan, items, layout in layouts:
        tracks = len(layout["rings"]) + (1 if layout["more"] else 0)
        assert sum(r["lanes"] for r in layout["rings"]) + (1 if layout["more"] else 0) \
            <= W.lane_budget(max(1, tracks)), (name, plan)
        for ring in layout["rings"]:
            lanes: dict[int, list] = {}
            for mark in ring["marks"]:
                assert 0 <= mark.lane < ring["lanes"], (plan, mark.info.item.id)
                lanes.setdefault(mark.lane, []).append(mark.footprint(mark.radius))
            for spans in lanes.values():
                for i, a in enumerate(spans):
                    assert not any(W._overlaps(a, b) for b in spans[i + 1:]), (name, plan, ring["key"])


def test_every_timed_item_is_drawn_or_counted_once(layouts):
    checked_overflow = False
    for name, plan, items, layout in layouts:
        timed = [i.item.id for i in items if i.wheel]
        drawn = [m.info.item.id for m in layout["placed_marks"]]
        counted = [ident for o in layout["more"] for ident in o["held"].split()]
        assert sorted(drawn + counted) == sorted(timed), (name, plan)
        months = [o["month"] for o in layout["more"]]
        assert len(months) == len(set(months)), (name, plan)
        assert all(int(o["badge"]["text"][1:]) == o["count"] for o in layout["more"])
        if counted:
            checked_overflow = True
            # Counting is the last resort: with the overflow lane the wheel draws more items
            # than any layout that has to fit them all would.
            assert W.fit(W.merge_groups(_groups(layout), 1), overflow=False) is None
    assert checked_overflow, "no layout needed the overflow rule; the synthetic plan is too small"


def _groups(layout):
    marks = [m for r in layout["rings"] for m in r["marks"]]
    held = {ident for o in layout["more"] for ident in o["held"].split()}
    marks += [W.Mark(info, n, "") for n, info in enumerate(
        (m.info for m in layout["marked"] if m.info.item.id in held), start=10_000)]
    return [{"key": "all", "names": ["all"], "marks": marks}]


def test_one_kind_wheel_has_rings_by_organiser(layouts):
    kainuu = next(layout for name, plan, items, layout in layouts if plan == "kainuu")
    names = [ring["names"] for ring in kainuu["rings"]]
    assert len(names) >= 2 and all(len(n) == 1 for n in names), names
    organisers = {m.info.item.organisers[0] for r in kainuu["rings"] for m in r["marks"]}
    assert {n[0] for n in names} == organisers
