"""Markup in the data never reaches a page as markup: every one-line string of every data
file (both plans and the bilingual fixture county) gets a payload that would break out of
text and attributes, the site is built in both languages, and no built page may hold the
payload raw. Strings the checks refuse with the payload (ids, codes, dates, addresses) are
put back, so the data stays publishable."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import BILINGUAL, build_languages, copy_project, data_strings

from ngoplan.check.dataset import load_dataset
from ngoplan.check.findings import format_path

MARK = "<x-inj>"
PAYLOAD = f"\"'>{MARK}</x-inj>"


def _strings(value):
    """(path, text) of every one-line string, mapping keys excluded."""
    return ((path, text) for path, text in data_strings(value) if "\n" not in text.strip())


def _set(value, path, new):
    for part in path[:-1]:
        value = value[part]
    value[path[-1]] = new


def _inject(project: Path) -> int:
    """Payload into every string; then put back those the checks refuse, until clean."""
    files = {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (project / "data").rglob("*.yaml")}
    originals = {}
    for path, value in files.items():
        for where, text in list(_strings(value)):
            originals[(path, format_path(where))] = (where, text)
            _set(value, where, text + " " + PAYLOAD)

    def write():
        for path, value in files.items():
            path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")

    write()
    for _ in range(6):
        _, findings = load_dataset(project)
        if not findings:
            break
        for finding in findings:
            key = (project / finding.file, finding.path)
            assert key in originals, finding.format()
            where, text = originals.pop(key)
            _set(files[project / finding.file], where, text)
        write()
    _, findings = load_dataset(project)
    assert findings == []
    return len(originals)


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("escaping"), fixture=BILINGUAL)
    injected = _inject(project)
    assert injected > 500, "most strings of the data carry the payload"
    out = project / "site"
    assert build_languages(project, out) == ["sv"]
    return out


def test_no_page_in_either_language_holds_raw_markup_from_the_data(injected_site):
    pages = sorted(injected_site.rglob("*.html"))
    assert any("/sv/" in p.as_posix() for p in pages)
    raw = [p.relative_to(injected_site).as_posix() for p in pages
           if MARK in p.read_text(encoding="utf-8")]
    assert raw == []
    # The payload is shown, escaped: the county's name on its plan's front page, both languages.
    for page in ("testimaa/index.html", "sv/testimaa/index.html"):
        assert "&lt;x-inj&gt;" in (injected_site / page).read_text(encoding="utf-8"), page
