"""Claims no stronger than the source, for any plan.

Where the data holds a reading (a value the source does not state word for word), it is
written as a reading mark - `{value: 16, reading: why}`, or a `reading` key on an object
such as an approval - never only in a note. The page shows "tulkinta: why" beside the
value, and the open data keeps the same shape.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import yaml
from conftest import data_strings

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted(p.parent.name for p in (ROOT / "data").glob("*/plan.yaml"))
# Words that say a text is the site's interpretation.
INTERPRETING = re.compile(r"\btulki|\btulkin", re.I)


def _load(plan: str) -> dict:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "data" / plan).glob("*.yaml"))}


def _readings(value):
    """Every reading text in a data value (Finnish)."""
    for path, text in data_strings(value):
        if "reading" in path[-2:] and (path[-1] == "reading" or path[-1] == "fi"):
            yield path, text


def _visible(html: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split()).lower()


def test_interpretations_are_marked_not_only_noted():
    """A note that says the site interprets ("tulkinta", "tulkittu") is a reading without
    its mark: write the value as {value: ..., reading: ...} instead."""
    for plan in PLANS:
        for kind, data in _load(plan).items():
            for path, text in data_strings(data):
                if INTERPRETING.search(text):
                    assert "reading" in path, f"data/{plan}/{kind}.yaml {path}: {text[:80]}"


def test_every_reading_is_shown_beside_its_value(built_site):
    """Each reading text appears on its plan's pages right after 'tulkinta:'."""
    for plan in PLANS:
        pages = " ".join(_visible(p.read_text(encoding="utf-8"))
                         for p in (built_site / plan).rglob("index.html")
                         if "muutokset" not in p.parts and "tulosta" not in p.parts)
        for kind, data in _load(plan).items():
            for path, text in _readings(data):
                start = " ".join(text.split())[:40].lower()
                assert f"tulkinta: {start}" in pages, f"data/{plan}/{kind}.yaml {path}"


def test_open_data_keeps_the_reading_marks(built_site):
    for plan in PLANS:
        published = json.loads((built_site / plan / "data.json").read_text(encoding="utf-8"))
        texts = {text for _, text in _readings(published)}
        for kind, data in _load(plan).items():
            for path, text in _readings(data):
                assert text in texts, f"data/{plan}/{kind}.yaml {path}"


def test_a_summed_figure_says_it_includes_a_reading(built_site):
    """A front-page sum over values of which one is a reading carries the mark too."""
    for plan in PLANS:
        bodies = _load(plan).get("bodies", {}).get("bodies", [])
        read = [b for b in bodies if isinstance(b.get("composition", {}).get("ngo_seats"), dict)
                and "reading" in b["composition"]["ngo_seats"]]
        front = _visible((built_site / plan / "index.html").read_text(encoding="utf-8"))
        figure = front.split("järjestöpaikat toimielimissä", 1)[1][:300]
        assert ("tulkinta:" in figure) == bool(read), plan


def test_draft_plans_say_so_on_the_front_page_and_summary(built_site):
    """plan.yaml status draft: a notice on the front page and on the plain-language page."""
    for plan in PLANS:
        status = _load(plan)["plan"].get("status", {}).get("value")
        for page in ("index.html", "selkosuomi/index.html"):
            path = built_site / plan / page
            if path.exists():
                shown = "ngo-draft" in path.read_text(encoding="utf-8")
                assert shown == (status == "draft"), (plan, page)


def test_no_scheduled_item_without_a_date():
    """'sovittu' claims an agreed date (the validator's rule status_fits_timing)."""
    for plan in PLANS:
        for item in _load(plan).get("calendar", {}).get("items", []):
            if item["status"] == "scheduled":
                assert next(iter(item["timing"])) in ("exact", "all_day", "recurring"), item["id"]


def _organisers_read(plan: str) -> list[str]:
    """Ids of calendar items whose organisers are a reading ({value: [...], reading: why})."""
    items = _load(plan).get("calendar", {}).get("items", [])
    return [i["id"] for i in items if isinstance(i.get("organisers"), dict)]


def test_a_read_organiser_is_marked_in_every_list_that_names_it(built_site):
    """The rhythm list, the front page's next items and the open forums name an item's
    organiser in one line: where the organiser is a reading, that line marks it too."""
    checked = 0
    for plan in PLANS:
        for ident in _organisers_read(plan):
            for page in (built_site / plan).rglob("index.html"):
                if "muutokset" in page.parts or "tulosta" in page.parts:
                    continue
                for item in re.findall(r"<li\b(?:(?!<li\b).)*?</li>", page.read_text(encoding="utf-8"), re.S):
                    shown = _visible(item)
                    if f'#{ident}"' in item and "järjestäjä" in shown:
                        checked += 1
                        assert "tulkinta" in shown, (str(page.relative_to(built_site)), shown[:200])
    assert checked, "no list names a read organiser: nothing checked"
    # The year-clock's index by organiser groups the item under its (read) organiser.
    for plan in PLANS:
        for ident in _organisers_read(plan):
            page = (built_site / plan / "vuosikello" / "index.html").read_text(encoding="utf-8")
            facets = page.split('class="ngo-filter-index"', 1)[1].split("</nav>", 1)[0]
            by_organiser = facets.split("<strong>Järjestäjä</strong>", 1)[1].split("<strong>", 1)[0]
            line = next(li for li in re.findall(r"<li>.*?</li>", by_organiser, re.S) if f'#{ident}"' in li)
            after = line.split(f'#{ident}"', 1)[1].split("<a ", 1)[0]
            assert "tulkinta" in _visible(after), (plan, ident)


def test_an_unknown_approval_is_not_presupposed(built_site):
    """A plan whose approval is unknown: no page asks who approved it or when ("kuka sen
    hyväksyi"), which would say it was approved."""
    for plan in PLANS:
        approval = _load(plan)["plan"].get("approval")
        if not (isinstance(approval, dict) and "unknown" in approval):
            continue
        for page in (built_site / plan).rglob("index.html"):
            if "muutokset" in page.parts:  # the history quotes earlier texts as they were
                continue
            shown = _visible(page.read_text(encoding="utf-8"))
            assert not re.search(r"\b(?:hyväksyi|on hyväksynyt|hyväksyttiin)\b", shown), str(page)


def test_a_reading_has_no_brackets_inside_its_brackets(built_site):
    """A reading is shown as '(tulkinta: …)'; a reading text with its own brackets read
    '(tulkinta: … (16 + 16) …)'. Write the inner part with commas or quotation marks; a
    quotation from the source keeps its own brackets (”(tähän linkki …)”)."""
    for plan in PLANS:
        for kind, data in _load(plan).items():
            for path, text in _readings(data):
                own = re.sub(r"”[^”]*”", " ", text)
                assert "(" not in own and ")" not in own, f"data/{plan}/{kind}.yaml {path}: {text[:80]}"
