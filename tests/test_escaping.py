"""Markup in the data never reaches a page as markup: every one-line string of every data
file (both plans and the bilingual fixture county) gets a payload that would break out of
text and attributes, the site is built in both languages, and no built page may hold the
payload raw. Strings the checks refuse with the payload (ids, codes, dates, addresses) are
put back, so the data stays publishable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ngoplan.check.dataset import load_dataset
from ngoplan.check.findings import format_path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "bilingual"
COPIED = ("content", "data", "hooks", "overrides", "schemas", "mkdocs.yml", "mkdocs.sv.yml")
MARK = "<x-inj>"
PAYLOAD = f"\"'>{MARK}</x-inj>"


def _strings(value, path=()):
    """(path, text) of every one-line string, mapping keys excluded."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _strings(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _strings(child, path + (index,))
    elif isinstance(value, str) and "\n" not in value.strip():
        yield path, value


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


def _build(project: Path, config: str, site_dir: Path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
         str(project / config), "--site-dir", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("escaping")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copyfile(source, project / name)
    shutil.copytree(FIXTURE / "data", project / "data", dirs_exist_ok=True)
    shutil.copytree(FIXTURE / "content", project / "content", dirs_exist_ok=True)
    injected = _inject(project)
    assert injected > 500, "most strings of the data carry the payload"
    out = project / "site"
    _build(project, "mkdocs.yml", out)
    _build(project, "mkdocs.sv.yml", out / "sv")
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
