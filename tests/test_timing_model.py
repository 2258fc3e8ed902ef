"""One timing model: the wheel, the list and the feed say the same thing about every item.

Every calendar item of the real plans, of the fixture plans and of synthetic plans goes
through the model (ngoplan.model.timing), the page layer (parts.timing_view: the wheel's
shapes and the list's group) and the feed (read back with vobject, which expands RRULE and
EXDATE with dateutil on its own). Each item's wheel months, list group and feed instants
must agree; the expectations are computed from the feed bytes, not from the model.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject

from conftest import ROOT
from bench import synthetic
from ngoplan.feeds import paths
from ngoplan.check.dataset import load_dataset
from ngoplan.model.timing import Approximate, Exact, Recurring, Rhythm, parse_items
from ngoplan.parts.timing_view import item_view
from ngoplan.web.registry import SiteInfo, load_parts

load_parts()
from ngoplan.parts import feeds  # noqa: E402  (registered by load_parts)

SITE = SiteInfo("https://esimerkki.invalid/")
HEL = ZoneInfo("Europe/Helsinki")
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def synthetic_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic-timing")
    synthetic.write_data(root / "data", plans=2, items=3 * len(synthetic.TIMING_FORMS) + 7,
                         bodies=3, site_data=ROOT / "data", seed=3)
    return root


@pytest.fixture(scope="module")
def bilingual_root(tmp_path_factory) -> Path:
    """The bilingual fixture plan with the repository's site-level files beside it."""
    root = tmp_path_factory.mktemp("bilingual-timing")
    shutil.copytree(FIXTURES / "bilingual" / "data", root / "data")
    for path in (ROOT / "data").glob("*.yaml"):
        shutil.copyfile(path, root / "data" / path.name)
    return root


@pytest.fixture(scope="module")
def roots(synthetic_root, bilingual_root) -> dict[str, Path]:
    return {"real": ROOT, "feeds": FIXTURES / "feeds", "bilingual": bilingual_root,
            "synthetic": synthetic_root}


def _feed_events(dataset, plan_id) -> dict[str, object]:
    built = dict(feeds.plan_feed_files(dataset, plan_id, SITE))
    data = built[paths.plan_feed_path(plan_id)].decode("utf-8")
    calendar = vobject.readOne(data)
    return {event.uid.value: event for event in getattr(calendar, "vevent_list", [])}


def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return (value.astimezone(HEL) if value.tzinfo else value).date()
    return value


def _instants(event) -> list[dt.date]:
    """The feed's start days of one event, RRULE and EXDATE expanded by vobject."""
    if hasattr(event, "rrule"):
        return sorted(_day(moment) for moment in event.getrruleset())
    return [_day(event.dtstart.value)]


def _months_between(first: dt.date, last: dt.date) -> set[int]:
    months, day = set(), first.replace(day=1)
    while day <= last:
        months.add(day.month)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def _every_item(roots):
    for name, root in roots.items():
        dataset, findings = load_dataset(root)
        assert findings == [], [f.format() for f in findings]
        for plan_id, docs in sorted(dataset.plans.items()):
            if "plan" not in docs or "calendar" not in docs:
                continue
            events = _feed_events(dataset, plan_id)
            uid_domain = dataset.site["site"].value["uid_domain"]
            for item in parse_items(docs["calendar"].value, docs["plan"].value):
                yield (f"{name}/{plan_id}/{item.id}", item,
                       events.get(paths.uid(plan_id, item.id, uid_domain)))


def test_wheel_list_and_feed_agree_for_every_item(roots):
    checked, forms = 0, set()
    problems = []
    for where, item, event in _every_item(roots):
        view = item_view(item)
        forms.add(item.timing.form)
        checked += 1
        if isinstance(item.timing, Rhythm):
            # Described beside the wheel: no shape, the "no time" group, no feed event.
            if view.wheel or view.group != ("unknown",) or event is not None:
                problems.append(f"{where}: a rhythm is on the wheel, in a month or in the feed")
            continue
        if event is None:
            problems.append(f"{where}: not in the feed")
            continue
        start = _day(event.dtstart.value)
        if isinstance(item.timing, Approximate):
            after = _day(event.dtend.value)  # exclusive: the day after the period
            if not item.timing.months:
                # Only a year: a whole-year tentative entry in the feed, nothing on the wheel.
                if view.wheel or view.group != ("unknown",) or (start, after) != (
                        dt.date(item.timing.year, 1, 1), dt.date(item.timing.year + 1, 1, 1)):
                    problems.append(f"{where}: a year-only time placed or fed wrong")
                continue
            feed_months = _months_between(start, after - dt.timedelta(days=1))
            if view.months != feed_months:
                problems.append(f"{where}: wheel months {sorted(view.months)} but the feed "
                                f"spans {sorted(feed_months)}")
            if any(shape.form != "approx" for shape in view.wheel):
                problems.append(f"{where}: an approximate time drawn as exact")
            listed = ({view.group[1]} if view.group[0] == "month"
                      else set(item.timing.season.months) if view.group[0] == "season" else set())
            if listed != feed_months:
                problems.append(f"{where}: listed under {view.group} but the feed spans "
                                f"{sorted(feed_months)}")
            continue
        instants = _instants(event)
        if isinstance(item.timing, (Exact, Recurring)):
            model_days = [_day(o.start) for o in item.timing.occurrences()]
        else:
            model_days = [item.timing.start]
        if instants != model_days:
            problems.append(f"{where}: the feed's days {instants} differ from the model's {model_days}")
        if isinstance(item.timing, (Exact, Recurring)) or item.timing.start == item.timing.last:
            wheel_months = {int(shape.start) + 1 for shape in view.wheel}
            if wheel_months != {day.month for day in instants}:
                problems.append(f"{where}: wheel marks in {sorted(wheel_months)}, the feed in "
                                f"{sorted({d.month for d in instants})}")
            if len(view.wheel) != len(instants) or any(s.form != "mark" for s in view.wheel):
                problems.append(f"{where}: {len(view.wheel)} wheel marks for {len(instants)} events")
        else:  # an all-day range
            last = _day(event.dtend.value) - dt.timedelta(days=1)
            if view.months != _months_between(start, last) or view.wheel[0].form != "arc":
                problems.append(f"{where}: wheel arc months {sorted(view.months)}, feed {start}–{last}")
        # Listed under the month of the feed's DTSTART (a recurrence's first rule date).
        if view.group != ("month", start.month):
            problems.append(f"{where}: listed under {view.group}, the feed starts {start}")
    assert not problems, "\n".join(problems)
    # The check saw the real plans and every form the schema has.
    assert forms == {"exact", "all_day", "recurring", "approximate", "rhythm"}, forms
    assert checked > 60, checked
