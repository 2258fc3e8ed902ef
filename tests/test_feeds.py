"""Year-clock feeds: bytes, two independent parsers, time zones, UIDs, determinism.

The fixture county (tests/fixtures/feeds/data/testimaa, invented test data) has every
timing form, a cancelled item, a recurrence with dropped occurrences and text that needs
escaping and folding. The real plans are checked through the built site.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from ngoplan.feeds import events as feed_events, ical, icsformat, paths as feed_paths
from ngoplan.model.timing import Approximate, parse_items
from ngoplan.web.context import BuildState, PageContext
from ngoplan.check.dataset import load_dataset
from ngoplan.web.registry import FRAGMENTS, SiteInfo, load_parts

load_parts()
from ngoplan.parts import feeds  # noqa: E402  (registered by load_parts)

FIXTURE = Path(__file__).parent / "fixtures" / "feeds"
PLAN = "testimaa"
SITE = SiteInfo("https://esimerkki.invalid/polku/")
HEL = ZoneInfo("Europe/Helsinki")
UID_DOMAIN = "testi.vuosikello.invalid"


@pytest.fixture(scope="module")
def dataset():
    data, findings = load_dataset(FIXTURE)
    assert findings == [], [f.format() for f in findings]
    return data


@pytest.fixture(scope="module")
def raw_items(dataset):
    return {item["id"]: item for item in dataset.plans[PLAN]["calendar"].value["items"]}


@pytest.fixture(scope="module")
def files(dataset) -> dict[str, bytes]:
    built = feeds.plan_feed_files(dataset, PLAN, SITE)
    paths = [path for path, _ in built]
    assert len(paths) == len(set(paths))
    return dict(built)


@pytest.fixture(scope="module")
def main_feed(files) -> bytes:
    return files[feed_paths.plan_feed_path(PLAN)]


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


def escape(text: str) -> str:
    """RFC 5545 TEXT escaping, written independently of the code under test."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def events(data: bytes) -> dict[str, dict[str, str]]:
    """UID -> {property name with parameters: value} from the unfolded lines."""
    found, current = {}, None
    for line in unfold(data):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found[current["UID"]] = current
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


def uid_of(item_id: str) -> str:
    return f"{PLAN}-{item_id}@{UID_DOMAIN}"


# --- bytes --------------------------------------------------------------------------------

def test_fixture_has_every_timing_form_and_the_hard_cases(raw_items):
    forms = {next(iter(item["timing"])) for item in raw_items.values()}
    assert forms == {"exact", "all_day", "recurring", "approximate", "rhythm"}
    assert any(item["status"] == "cancelled" for item in raw_items.values())
    assert any(item["timing"].get("recurring", {}).get("except") for item in raw_items.values())
    text = repr(raw_items)
    for char in (",", ";", "\\\\", "\\n", "ä", "ö"):
        assert char in text


def test_every_feed_uses_crlf_only_and_ends_with_crlf(files):
    for path, data in files.items():
        assert data.endswith(b"\r\n"), path
        assert b"\n" not in data.replace(b"\r\n", b""), path
        assert b"\r" not in data.replace(b"\r\n", b""), path


def test_lines_are_at_most_75_octets_and_folds_split_no_character_or_escape(files):
    folded = 0
    for path, data in files.items():
        lines = data.split(b"\r\n")[:-1]
        for index, line in enumerate(lines):
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # a split multi-byte character fails here
            continues = index + 1 < len(lines) and lines[index + 1].startswith(b" ")
            if continues:
                folded += 1
                trailing = len(line) - len(line.rstrip(b"\\"))
                assert trailing % 2 == 0, f"{path}: an escape is split after {line!r}"
    assert folded > 20  # the fixture's long Finnish text really is folded


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aäöÅ€😀\\;,\n x")), max_size=400),
       st.integers(min_value=0, max_value=70))
def test_fold_property(text, prefix):
    line = "DESCRIPTION:" + "x" * prefix + escape(text)
    folded = icsformat.fold(line)
    parts = folded.split("\r\n")
    for index, part in enumerate(parts):
        encoded = part.encode("utf-8")
        assert len(encoded) <= 75
        if index:
            assert part.startswith(" ")
        if index + 1 < len(parts):
            assert (len(part) - len(part.rstrip("\\"))) % 2 == 0
    assert folded.replace("\r\n ", "") == line


def test_text_is_escaped_in_every_text_property(main_feed, raw_items, dataset):
    found = events(main_feed)
    item = raw_items["kevatkokous"]
    event = found[uid_of("kevatkokous")]
    assert event["SUMMARY"] == escape(item["title"])
    assert event["LOCATION"] == escape(item["place"])
    assert event["DESCRIPTION"].startswith(escape(item["description"]) + "\\n\\n")
    body_name = dataset.plans[PLAN]["bodies"].value["bodies"][0]["name"]
    assert escape(body_name) in event["DESCRIPTION"]
    assert escape(item["source"]["section"]) in event["DESCRIPTION"]
    for line in unfold(main_feed):
        name, _, value = line.partition(":")
        # After escaping, a comma or semicolon in TEXT is always preceded by a backslash.
        if name in ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALDESC", "NAME"):
            assert not re.search(r"(?<!\\)(\\\\)*[,;]", value.replace("\\\\", "")), line


# --- parsers ------------------------------------------------------------------------------

def _expected_span(item, plan):
    """(start, end) the data means: aware datetimes, or dates with an exclusive end."""
    timing = item["timing"]
    if "exact" in timing or "recurring" in timing:
        value = timing.get("exact") or timing["recurring"]
        return tuple(dt.datetime.fromisoformat(value[k]).replace(tzinfo=HEL) for k in ("start", "end"))
    if "all_day" in timing:
        start = dt.date.fromisoformat(timing["all_day"]["start"])
        last = dt.date.fromisoformat(timing["all_day"].get("end", timing["all_day"]["start"]))
        return start, last + dt.timedelta(days=1)
    approx = timing["approximate"]
    if "month" in approx:
        months = [approx["month"]]
    else:
        months = next(s["months"] for s in plan["seasons"] if s["id"] == approx["season"])
    start = dt.date(approx["year"], months[0], 1)
    end_year = approx["year"] + (months[-1] < months[0])
    end = dt.date(end_year + (months[-1] == 12), months[-1] % 12 + 1, 1)
    return start, end


def _same(got, expected):
    if isinstance(expected, dt.datetime):
        assert isinstance(got, dt.datetime) and got.tzinfo is not None
        assert got.astimezone(dt.timezone.utc) == expected.astimezone(dt.timezone.utc)
    else:
        assert type(got) is dt.date and got == expected


def test_icalendar_parses_every_feed_and_times_match_the_data(files, main_feed, raw_items, dataset):
    import icalendar

    plan = dataset.plans[PLAN]["plan"].value
    for path, data in files.items():
        icalendar.Calendar.from_ical(data)
    calendar = icalendar.Calendar.from_ical(main_feed)
    seen = set()
    for event in calendar.walk("VEVENT"):
        item_id = str(event["UID"]).split("@")[0].removeprefix(f"{PLAN}-")
        start, end = _expected_span(raw_items[item_id], plan)
        _same(event.decoded("DTSTART"), start)
        _same(event.decoded("DTEND"), end)
        seen.add(item_id)
    in_feed = {i for i, item in raw_items.items() if "rhythm" not in item["timing"]}
    assert seen == in_feed


def test_vobject_parses_every_feed_with_its_own_time_zone(files, main_feed, raw_items, dataset):
    import vobject

    plan = dataset.plans[PLAN]["plan"].value
    for path, data in files.items():
        vobject.readOne(data.decode("utf-8"))
    calendar = vobject.readOne(main_feed.decode("utf-8"))
    checked = 0
    for event in calendar.vevent_list:
        item_id = event.uid.value.split("@")[0].removeprefix(f"{PLAN}-")
        start, end = _expected_span(raw_items[item_id], plan)
        _same(event.dtstart.value, start)
        _same(event.dtend.value, end)
        if isinstance(start, dt.datetime):
            # vobject builds the zone from the feed's VTIMEZONE, not from a tz database.
            assert "tzical" in type(event.dtstart.value.tzinfo).__name__
            checked += 1
    assert checked >= 3


def test_times_across_the_dst_changes(main_feed):
    import vobject

    calendar = vobject.readOne(main_feed.decode("utf-8"))
    by_uid = {e.uid.value: e for e in calendar.vevent_list}
    spring = by_uid[uid_of("kevatkokous")]  # 28.3. 18:30 EET -> 29.3. 04:30 EEST
    assert spring.dtstart.value.astimezone(dt.timezone.utc) == dt.datetime(2026, 3, 28, 16, 30, tzinfo=dt.timezone.utc)
    assert spring.dtend.value.astimezone(dt.timezone.utc) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.timezone.utc)
    autumn = by_uid[uid_of("syyskokous")]  # 25.10. 02:30 EEST -> 05:00 EET
    assert autumn.dtstart.value.astimezone(dt.timezone.utc) == dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.timezone.utc)
    assert autumn.dtend.value.astimezone(dt.timezone.utc) == dt.datetime(2026, 10, 25, 3, 0, tzinfo=dt.timezone.utc)


BILINGUAL = Path(__file__).parent / "fixtures" / "bilingual"
BASE = Path(__file__).parent / "invalid" / "base"
SYSTEM_PYTHON = "/usr/bin/python3"


def _every_feed(tmp_path: Path) -> list[Path]:
    """Every feed of the fixture plans and the real plans, written out as files."""
    import shutil

    bilingual = tmp_path / "bilingual"
    (bilingual / "data").mkdir(parents=True)
    for name in ("site.yaml", "accessibility.yaml"):
        shutil.copyfile(BASE / name, bilingual / "data" / name)
    shutil.copytree(BILINGUAL / "data" / "testimaa", bilingual / "data" / "testimaa")
    written = []
    for number, root in enumerate((FIXTURE, bilingual, ROOT)):
        data, findings = load_dataset(root)
        assert findings == [], [f.format() for f in findings]
        for plan_id in sorted(data.plans):
            for path, content in feeds.plan_feed_files(data, plan_id, SITE):
                out = tmp_path / "out" / str(number) / path
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(content)
                written.append(out)
    return written


def test_libical_reads_every_feed_without_an_error(tmp_path):
    """libical (Evolution, GNOME, KDE) marks what it cannot accept with X-LIC-ERROR, and
    RFC 5546's rules too: METHOD:PUBLISH would demand an ORGANIZER in every event."""
    if not Path(SYSTEM_PYTHON).exists():
        pytest.fail("libical-testi tarvitsee järjestelmän Python 3:n (/usr/bin/python3): make libical")
    paths = _every_feed(tmp_path)
    assert len(paths) > 20 and any("/sv/" in str(p) or "-sv" in str(p) for p in paths)
    result = subprocess.run([SYSTEM_PYTHON, str(Path(__file__).parent / "libical_check.py"),
                             *map(str, paths)], capture_output=True, text=True, timeout=300)
    assert result.returncode != 2, "libical puuttuu: asenna se komennolla make libical"
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(paths)} files checked" in result.stdout


def test_icalendar_and_vobject_read_every_feed_too(tmp_path):
    """The same files (Swedish organiser and item feeds included) through the two Python
    parsers: one VCALENDAR each, every event with its UID and start."""
    import icalendar
    import vobject

    for path in _every_feed(tmp_path):
        data = path.read_bytes()
        calendar = icalendar.Calendar.from_ical(data)
        parsed = vobject.readOne(data.decode("utf-8"))
        assert parsed.name == "VCALENDAR", path
        uids = sorted(str(e["UID"]) for e in calendar.walk("VEVENT"))
        assert uids == sorted(e.uid.value for e in getattr(parsed, "vevent_list", [])), path
        assert all("DTSTART" in e for e in calendar.walk("VEVENT")), path
        if "-sv" in str(path.relative_to(tmp_path)):
            assert all(uid.split("@")[0].endswith("-sv") for uid in uids), path


def test_libical_check_finds_errors(tmp_path, main_feed):
    """The check above can fail: an event with METHOD:PUBLISH and no ORGANIZER, and a
    date-time libical cannot read."""
    publish = main_feed.replace(b"CALSCALE:GREGORIAN\r\n", b"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n")
    broken = re.sub(rb"DTSTART;TZID=Europe/Helsinki:2", b"DTSTART;TZID=Europe/Helsinki:x", main_feed)
    assert publish != main_feed and broken != main_feed
    for name, content in (("publish.ics", publish), ("broken.ics", broken)):
        (tmp_path / name).write_bytes(content)
        result = subprocess.run([SYSTEM_PYTHON, str(Path(__file__).parent / "libical_check.py"),
                                 str(tmp_path / name)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 1 and "X-LIC-ERROR" in result.stdout, result.stdout


def test_no_itip_method_in_any_feed(files):
    for content in files.values():
        assert b"\r\nMETHOD:" not in content


def test_vtimezone_is_compact_rrule_form_and_agrees_with_the_tz_database(files):
    import vobject

    for path, data in files.items():
        lines = unfold(data)
        tzids = {m.group(1) for line in lines for m in re.finditer(r";TZID=([^;:]+)", line)}
        defined = {line.removeprefix("TZID:") for line in lines if line.startswith("TZID:")}
        assert tzids <= defined, path
        assert defined == {"Europe/Helsinki"}
        assert not any(line.startswith("RDATE") for line in lines), path
        assert sum(line.startswith("RRULE:FREQ=YEARLY;BYDAY=-1SU") for line in lines) == 2
    zone = vobject.readOne(files[feed_paths.plan_feed_path(PLAN)].decode("utf-8")).vtimezone.gettzinfo()
    moment = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    while moment < dt.datetime(2032, 1, 1, tzinfo=dt.timezone.utc):
        # The same instant, as the feed's zone and the tz database see it.
        assert moment.astimezone(zone).utcoffset() == moment.astimezone(HEL).utcoffset(), moment
        near_change = moment.month in (3, 10) and moment.day >= 24
        moment += dt.timedelta(hours=1) if near_change else dt.timedelta(hours=31)


def test_recurrence_expands_to_the_data_minus_the_exceptions(main_feed, raw_items):
    import vobject

    rule = raw_items["verkostotapaaminen"]["timing"]["recurring"]
    first = dt.datetime.fromisoformat(rule["start"])
    until = dt.date.fromisoformat(rule["until"])
    skipped = {dt.date.fromisoformat(d) for d in rule["except"]}
    expected, day = [], first
    while day.date() <= until:
        if day.date() not in skipped:
            expected.append(day.replace(tzinfo=HEL).astimezone(dt.timezone.utc))
        day += dt.timedelta(weeks=rule["interval"])
    calendar = vobject.readOne(main_feed.decode("utf-8"))
    event = next(e for e in calendar.vevent_list if e.uid.value == uid_of("verkostotapaaminen"))
    got = [d.astimezone(dt.timezone.utc) for d in event.getrruleset(addRDate=True)]
    assert got == expected
    assert len(expected) > 10 and skipped  # crosses both DST changes, drops two dates


# --- meaning ------------------------------------------------------------------------------

def test_approximate_items_are_tentative_transparent_all_day_and_say_so(main_feed, raw_items):
    found = events(main_feed)
    approximate = [i for i, item in raw_items.items() if "approximate" in item["timing"]]
    assert len(approximate) == 3
    for item_id in approximate:
        event = found[uid_of(item_id)]
        wording = raw_items[item_id]["timing"]["approximate"]["wording"]
        assert event["STATUS"] == "TENTATIVE" and event["TRANSP"] == "TRANSPARENT"
        assert "DTSTART;VALUE=DATE" in event and "DTEND;VALUE=DATE" in event
        assert event["SUMMARY"].startswith("Likimääräinen: ") and escape(wording) in event["SUMMARY"]
        assert "likimääräinen" in event["DESCRIPTION"] and escape(wording) in event["DESCRIPTION"]


def test_all_day_end_is_exclusive(main_feed):
    found = events(main_feed)
    assert found[uid_of("hakuaika")]["DTSTART;VALUE=DATE"] == "20260427"
    assert found[uid_of("hakuaika")]["DTEND;VALUE=DATE"] == "20260601"  # last day 31.5.
    assert found[uid_of("maarapaiva")]["DTEND;VALUE=DATE"] == "20270101"  # one day, 31.12.
    assert found[uid_of("talvitapaaminen")]["DTEND;VALUE=DATE"] == "20270301"  # Nov–Feb


def test_cancelled_item_is_kept_as_cancelled(main_feed):
    event = events(main_feed)[uid_of("peruttu-seminaari")]
    assert event["STATUS"] == "CANCELLED" and event["TRANSP"] == "TRANSPARENT"
    assert event["SUMMARY"].startswith("Peruttu: ")


def test_rhythms_are_in_no_feed_and_get_no_file(files, raw_items):
    rhythms = [i for i, item in raw_items.items() if "rhythm" in item["timing"]]
    assert rhythms
    for item_id in rhythms:
        assert feed_paths.item_ics_path(PLAN, item_id) not in files
        for data in files.values():
            assert f"UID:{uid_of(item_id)}".encode() not in data


def test_descriptions_end_with_the_anchor_and_state_mode_and_place(main_feed):
    for uid, event in events(main_feed).items():
        item_id = uid.split("@")[0].removeprefix(f"{PLAN}-")
        anchor = f"{SITE.url}{PLAN}/vuosikello/#{item_id}"
        assert event["DESCRIPTION"].endswith(anchor), uid
        assert "Toteutustapa: " in event["DESCRIPTION"]
    found = events(main_feed)
    assert "Toteutustapa: hybridi" in found[uid_of("kevatkokous")]["DESCRIPTION"]
    assert "Toteutustapa: verkossa\\n" in found[uid_of("syyskokous")]["DESCRIPTION"]
    assert "LOCATION" not in found[uid_of("syyskokous")]  # place unknown: said in DESCRIPTION
    assert "Paikka: ei tiedossa" in found[uid_of("syyskokous")]["DESCRIPTION"]


def test_calendar_properties(main_feed):
    lines = unfold(main_feed)
    head = lines[:lines.index("BEGIN:VTIMEZONE")]
    props = dict(line.split(":", 1) for line in head[1:])
    assert props["PRODID"] == "-//Järjestöyhteistyön suunnitelmat//vuosikello//FI"
    assert props["VERSION"] == "2.0"
    assert props["X-WR-CALNAME"] == props["NAME"] == "Vuosikello: Testimaan hyvinvointialue"
    assert props["X-WR-CALDESC"] == props["DESCRIPTION"]
    assert props["REFRESH-INTERVAL;VALUE=DURATION"] == props["X-PUBLISHED-TTL"] == "PT12H"
    assert props["URL"] == f"{SITE.url}{PLAN}/vuosikello/"
    assert props["SOURCE;VALUE=URI"] == f"{SITE.url}{PLAN}/vuosikello.ics"


def test_timestamps_come_from_the_data(main_feed, raw_items, dataset):
    plan_updated = dataset.plans[PLAN]["plan"].value["updated"].replace("-", "")
    for uid, event in events(main_feed).items():
        item = raw_items[uid.split("@")[0].removeprefix(f"{PLAN}-")]
        day = item["updated"].replace("-", "") if "updated" in item else plan_updated
        assert event["DTSTAMP"] == event["LAST-MODIFIED"] == f"{day}T000000Z"
        assert "SEQUENCE" not in event


# --- identity and determinism -------------------------------------------------------------

def test_uids_follow_the_rule_and_are_unique_in_every_feed(files):
    for path, data in files.items():
        uids = [line[4:] for line in unfold(data) if line.startswith("UID:")]
        assert len(uids) == len(set(uids)), path
        for uid in uids:
            assert re.fullmatch(rf"{PLAN}-[a-z0-9-]+@{re.escape(UID_DOMAIN)}", uid)


def test_uids_survive_a_new_site_address_and_an_unrelated_edit(dataset, files):
    moved = dict(feeds.plan_feed_files(dataset, PLAN, SiteInfo("https://hyvinvointialue.invalid/")))
    assert moved.keys() == files.keys()
    for path in files:
        assert events(moved[path]).keys() == events(files[path]).keys()
        assert b"esimerkki.invalid" not in moved[path]

    edited = copy.deepcopy(dataset.plans[PLAN]["calendar"].value)
    edited["items"][0]["description"] = "Muutettu kuvaus."
    plan = dataset.plans[PLAN]["plan"].value
    ctx = feeds.feed_context(dataset, PLAN, SITE)
    before = events(ical.plan_feed(parse_items(dataset.plans[PLAN]["calendar"].value, plan), ctx))
    after = events(ical.plan_feed(parse_items(edited, plan), ctx))
    assert before.keys() == after.keys()
    changed = [uid for uid in before if before[uid] != after[uid]]
    assert changed == [uid_of(edited["items"][0]["id"])]


def test_language_feed_gets_language_uids(dataset):
    ctx = feeds.feed_context(dataset, PLAN, SITE)
    items = feeds.plan_items(dataset, PLAN)
    uids = events(ical.plan_feed(items, ctx, "sv")).keys()
    assert uids and all(uid.endswith(f"-sv@{UID_DOMAIN}") for uid in uids)
    assert feed_paths.plan_feed_path(PLAN, "sv") != feed_paths.plan_feed_path(PLAN)


_BUILD = """
import hashlib, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from ngoplan.check.dataset import load_dataset
from ngoplan.web.registry import SiteInfo
from ngoplan.parts import feeds
for root in sys.argv[2:]:
    data, findings = load_dataset(Path(root))
    assert not findings
    for plan_id in sorted(data.plans):
        for path, content in feeds.plan_feed_files(data, plan_id, SiteInfo("https://a.invalid/")):
            print(path, hashlib.sha256(content).hexdigest())
"""


def test_two_builds_are_byte_identical_whatever_the_clock_zone_or_hash_seed():
    outputs = []
    for tz, seed in (("UTC", "1"), ("America/New_York", "2")):
        env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", _BUILD, str(ROOT / "hooks"), str(FIXTURE), str(ROOT)],
                                capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") > 5
    for plan_id in ("testimaa", "kainuu", "pohjois-karjala"):
        assert f"{plan_id}/vuosikello.ics " in outputs[0]


def test_uids_are_unique_across_plans():
    data, findings = load_dataset(ROOT)
    assert findings == []
    seen: dict[str, str] = {}
    for plan_id in data.plans:
        for path, content in feeds.plan_feed_files(data, plan_id, SITE):
            if path == feed_paths.plan_feed_path(plan_id):
                for uid in events(content):
                    assert uid not in seen, (uid, plan_id, seen.get(uid))
                    seen[uid] = plan_id


def test_plan_with_only_rhythms_gives_a_valid_empty_feed(dataset):
    import icalendar
    import vobject

    items = [i for i in feeds.plan_items(dataset, PLAN) if not i.in_feed]
    data = ical.plan_feed(items, feeds.feed_context(dataset, PLAN, SITE))
    assert b"BEGIN:VEVENT" not in data and b"BEGIN:VTIMEZONE" in data
    assert icalendar.Calendar.from_ical(data).walk("VEVENT") == []
    assert vobject.readOne(data.decode("utf-8")).name == "VCALENDAR"


# --- helpers and the subscribe page -------------------------------------------------------

def test_subscribe_addresses():
    url = "https://esimerkki.invalid/kainuu/vuosikello.ics"
    assert feed_paths.webcal_url(url) == "webcal://esimerkki.invalid/kainuu/vuosikello.ics"
    assert feed_paths.google_subscribe_url(url) == (
        "https://calendar.google.com/calendar/render?cid="
        "webcal%3A%2F%2Fesimerkki.invalid%2Fkainuu%2Fvuosikello.ics")
    assert feed_paths.item_ics_path("kainuu", "x") == "kainuu/vuosikello/tapahtumat/x.ics"
    assert feed_paths.organiser_feed_path("kainuu", "jane") == "kainuu/vuosikello/jane.ics"


def test_organiser_feeds_hold_only_their_items(files, raw_items):
    for org in ("testi-neuvottelukunta", "testi-lautakunta"):
        uids = set(events(files[feed_paths.organiser_feed_path(PLAN, org)]))
        expected = {uid_of(i) for i, item in raw_items.items()
                    if org in item["organisers"] and "rhythm" not in item["timing"]}
        assert uids == expected and uids


def test_subscribe_fragment(dataset, files, raw_items):
    # The feed addresses come from the build's state, whether or not the feed generator
    # has run yet.
    html = FRAGMENTS["calendar-subscribe"](PageContext(dataset, PLAN, state=BuildState(dataset, SITE)), None)
    feed = f"{SITE.url}{PLAN}/vuosikello.ics"
    assert f'href="webcal://esimerkki.invalid/polku/{PLAN}/vuosikello.ics"' in html
    assert feed_paths.google_subscribe_url(feed).replace("&", "&amp;") in html
    for org in ("testi-neuvottelukunta", "testi-lautakunta"):
        assert f"{SITE.url}{feed_paths.organiser_feed_path(PLAN, org)}" in html
    for item_id, item in raw_items.items():
        if "rhythm" in item["timing"]:
            assert f"#{item_id}" in html
    assert "Likimääräinen" in html and "kevät: tammikuu–toukokuu" in html
    assert "Lähde ei kerro, kuinka usein työryhmä kokoontuu." in html
    assert '"TJN"' not in html and "&#34;TJN&#34;" in html  # names are escaped


def test_built_site_has_both_plans_feeds(built_site):
    import icalendar

    data, _ = load_dataset(ROOT)
    for plan_id in ("pohjois-karjala", "kainuu"):
        feed = built_site / plan_id / "vuosikello.ics"
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        items = feeds.plan_items(data, plan_id)
        assert len(calendar.walk("VEVENT")) == sum(item.in_feed for item in items)
        for item in items:
            assert (built_site / feed_paths.item_ics_path(plan_id, item.id)).exists() == item.in_feed
        for org in ical.feed_organisers(items):
            assert (built_site / feed_paths.organiser_feed_path(plan_id, org)).exists()
        for item in items:
            if isinstance(item.timing, Approximate):
                assert feed_paths.uid(plan_id, item.id, data.site["site"].value["uid_domain"]).encode() \
                    in feed.read_bytes().replace(b"\r\n ", b"")


@pytest.mark.parametrize("plan_id", ["pohjois-karjala", "kainuu"])
def test_subscribe_fragment_for_the_real_plans(plan_id):
    data, findings = load_dataset(ROOT)
    assert findings == []
    html = FRAGMENTS["calendar-subscribe"](PageContext(data, plan_id, state=BuildState(data, SITE)), None)
    items = feeds.plan_items(data, plan_id)
    count = sum(item.in_feed for item in items)
    assert ("Syötteessä ei ole nyt yhtään tapahtumaa" in html) == (count == 0)
    if count:
        assert f"Syötteessä on nyt {count} " in html
    for item in items:
        if not item.in_feed:
            assert f'#{item.id}"' in html  # every rhythm is listed with a link to it


def test_link_helpers_point_at_generated_files(dataset, files, raw_items):
    for item_id, item in raw_items.items():
        path = feeds.item_ics(PLAN, item)
        assert (path in files) if path else "rhythm" in item["timing"]
    for org in ("testi-neuvottelukunta", "testi-lautakunta", "ei-ole"):
        path = feeds.organiser_feed(dataset, PLAN, org)
        assert (path in files) if path else org == "ei-ole"


# --- "Lisää kalenteriin" on each item ------------------------------------------------------

from urllib.parse import parse_qs, urlsplit  # noqa: E402

from ngoplan.feeds import calendars  # noqa: E402


def _query(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {
        key: values[0] for key, values in parse_qs(parts.query, strict_parsing=True).items()}


@pytest.fixture(scope="module")
def model_items(dataset):
    return {item.id: item for item in feeds.plan_items(dataset, PLAN)}


@pytest.fixture(scope="module")
def ctx(dataset):
    return feeds.feed_context(dataset, PLAN, SITE)


def test_google_and_outlook_links_of_a_meeting_across_the_dst_change(model_items, ctx):
    links = calendars.event_links(model_items["kevatkokous"], ctx)
    base, google = _query(links.google)
    assert base == "https://calendar.google.com/calendar/render"
    assert google["action"] == "TEMPLATE" and google["ctz"] == "Europe/Helsinki"
    assert google["dates"] == "20260328T183000/20260329T043000"  # Helsinki wall-clock times
    assert google["text"] == feed_events.event_summary(model_items["kevatkokous"], "fi")
    assert google["details"].endswith(f"{SITE.url}{PLAN}/vuosikello/#kevatkokous")
    assert google["location"]
    for url, host in ((links.outlook_personal, "outlook.live.com"),
                      (links.outlook_work, "outlook.office.com")):
        base, outlook = _query(url)
        assert base == f"https://{host}/calendar/0/action/compose"
        # The night the clocks go forward: the end is in summer time.
        assert outlook["startdt"] == "2026-03-28T18:30:00+02:00"
        assert outlook["enddt"] == "2026-03-29T04:30:00+03:00"
        assert outlook["allday"] == "false" and outlook["subject"] == google["text"]
    assert links.ics == feed_paths.item_ics_path(PLAN, "kevatkokous") and links.span is None


def test_all_day_and_approximate_links_cover_the_same_days_as_the_feed(model_items, ctx, main_feed):
    found = events(main_feed)
    for item_id in ("hakuaika", "foorumi", "talvitapaaminen", "kesakuun-arviointi", "maarapaiva"):
        links = calendars.event_links(model_items[item_id], ctx)
        event = found[uid_of(item_id)]
        start, end = event["DTSTART;VALUE=DATE"], event["DTEND;VALUE=DATE"]
        assert _query(links.google)[1]["dates"] == f"{start}/{end}"
        outlook = _query(links.outlook_work)[1]
        assert outlook["allday"] == "true"
        assert (outlook["startdt"], outlook["enddt"]) == (
            f"{start[:4]}-{start[4:6]}-{start[6:]}", f"{end[:4]}-{end[4:6]}-{end[6:]}")
        approximate = isinstance(model_items[item_id].timing, Approximate)
        assert _query(links.google)[1]["text"].startswith("Likimääräinen: ") == approximate
        assert (links.span is not None) == approximate


def test_recurring_item_links_keep_the_rule_or_point_to_the_file(model_items, ctx):
    import dataclasses

    item = model_items["verkostotapaaminen"]
    links = calendars.event_links(item, ctx)
    # Dropped dates: no web link can carry them, nor Outlook a recurrence at all.
    assert item.timing.skipped and links.google is None and links.outlook_personal is None
    plain = dataclasses.replace(item, timing=dataclasses.replace(item.timing, skipped=()))
    links = calendars.event_links(plain, ctx)
    recur = _query(links.google)[1]["recur"]
    assert re.fullmatch(r"RRULE:FREQ=[A-Z]+;UNTIL=\d{8}T\d{6}Z(;INTERVAL=\d+)?", recur)
    assert links.outlook_personal is None and links.outlook_work is None


def _calendar_list(dataset, page="testimaa/vuosikello.md", plan=PLAN) -> str:
    return FRAGMENTS["calendar-list"](PageContext(dataset, plan, page, BuildState(dataset, SITE)), None)


def _item_html(html: str, item_id: str) -> str:
    start = html.index(f'<li id="{item_id}"')
    end = html.find('<li id="', start + 1)
    return html[start:] if end < 0 else html[start:end]


def test_every_item_with_a_time_has_the_group_in_the_year_clock_list(dataset, model_items, files):
    html = _calendar_list(dataset)
    for item_id, item in model_items.items():
        block = _item_html(html, item_id)
        offered = item.in_feed and item.status != "cancelled"
        assert ("ngo-add-calendar" in block) == offered, item_id
        if not offered:
            continue
        assert "<summary>Lisää kalenteriin</summary>" in block
        ics = re.search(r'<a href="([^"]+\.ics)">Kalenteritiedosto', block).group(1)
        assert posixpath.normpath(posixpath.join(f"{PLAN}/vuosikello/", ics)) \
            == feed_paths.item_ics_path(PLAN, item_id) and feed_paths.item_ics_path(PLAN, item_id) in files
        assert "Näin lisätty kopio ei päivity" in block and 'href="../tilaa/"' in block
        if item.timing.form != "recurring":
            assert "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;" in block
            assert "https://outlook.live.com/calendar/0/action/compose?" in block
            assert "https://outlook.office.com/calendar/0/action/compose?" in block
            assert "Outlook.com (henkilökohtainen Microsoft-tili)" in block
            assert "Microsoft 365 (työ- tai oppilaitostili)" in block
        else:
            assert "kalenteritiedostona" in block
        if isinstance(item.timing, Approximate):
            first, last = item.timing.span()
            last = last - dt.timedelta(days=1)
            assert (f"Kalenteriin tulee koko jakso {first.day}.{first.month}.{first.year}–"
                    f"{last.day}.{last.month}.{last.year} koko päivän merkintänä") in block
            assert "”Likimääräinen”" in block
        assert "<script" not in block


def test_organiser_page_has_the_group_for_its_items(dataset, model_items):
    context = PageContext(dataset, PLAN, "testimaa/toimielimet/testi-lautakunta.md",
                          BuildState(dataset, SITE))
    html = FRAGMENTS["body-page"](context, "testi-lautakunta")
    own = [i for i, item in model_items.items() if "testi-lautakunta" in item.organisers
           and item.in_feed and item.status != "cancelled"]
    assert own and html.count('class="ngo-add-calendar"') == len(own)
    for item_id in own:
        assert f'href="../../vuosikello/tapahtumat/{item_id}.ics"' in html


def test_subscribe_page_promises_what_the_pages_link(dataset):
    from ngoplan.web import i18n

    list(feeds.calendar_feeds(BuildState(dataset, SITE)))
    for lang, words in (("fi", ("Lisää kalenteriin", "Google-kalenteriin", "Outlook.com",
                                "Microsoft 365", "ei päivity")),
                        ("sv", ("Lägg till i kalendern", "Google Kalender", "Outlook.com",
                                "Microsoft 365", "uppdateras inte"))):
        text = i18n.msg("subscribe.single_html", lang, url="x")
        assert all(word in text for word in words), (lang, text)
        assert i18n.msg("add.summary", lang) in text


def test_subscribe_instructions_name_links_the_page_has_in_both_languages(tmp_path):
    """'Select the link X above' names a link the page really shows, in Finnish and in
    Swedish; the single-event line names the group the year-clock really has."""
    from ngoplan.web import i18n

    _every_feed(tmp_path)  # writes the bilingual project with site files
    data, findings = load_dataset(tmp_path / "bilingual")
    assert findings == []
    try:
        for lang in ("fi", "sv"):
            i18n.set_language(lang)
            html = FRAGMENTS["calendar-subscribe"](
                PageContext(data, PLAN, f"{PLAN}/tilaa.md", BuildState(data, SITE, lang)), None)
            for key in ("subscribe.google_1_html", "subscribe.apple_1_html"):
                named = re.search(r"<em>(.+?)</em>", i18n.msg(key)).group(1)
                assert re.search(rf">{re.escape(named)}</a>", html), (lang, key, named)
            group = i18n.msg("add.summary")
            assert f"<em>{group}</em>" in html
            listing = FRAGMENTS["calendar-list"](
                PageContext(data, PLAN, f"{PLAN}/vuosikello.md", BuildState(data, SITE, lang)), None)
            assert f"<summary>{group}</summary>" in listing
            for key in ("add.google", "add.outlook_personal", "add.outlook_work"):
                assert f">{i18n.msg(key)}</a>" in listing, (lang, key)
    finally:
        i18n.set_language("fi")


def test_approximate_events_promise_no_announcement(main_feed):
    """The plans never say that exact days will be announced: an approximate event says
    only that they are not known yet (an unknown stays unknown, it is not a promise)."""
    text = " ".join(unfold(main_feed))
    assert "ilmoitetaan myöhemmin" not in text
    assert text.count("tarkkoja päiviä ei ole vielä tiedossa") == 3  # the fixture's three
