"""Language versions without a site build: message catalogues, which plans and pages each
language has, the switcher's links, the `languages` command and the missing-translation
error on the bilingual fixture plan (tests/fixtures/bilingual/)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ngoplan.web import i18n
from ngoplan.check.dataset import load_dataset

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "bilingual"
BASE = ROOT / "tests" / "invalid" / "base"
# msg("key") in templates and Python, msg('key', ...) too.
MSG_CALL = re.compile(r"""\bmsg\(\s*["']([A-Za-z0-9_.]+)["']""")
FIELD = re.compile(r"\{([a-z_]+)\}")


def _catalogues() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((ROOT / "hooks" / "ngoplan" / "messages").glob("*.yaml"))}


def _used_keys() -> dict[str, set[str]]:
    """Every msg key used, with the files using it."""
    used: dict[str, set[str]] = {}
    sources = [*(ROOT / "hooks").rglob("*.py"), *(ROOT / "hooks").rglob("*.html"),
               *(ROOT / "overrides").rglob("*.html")]
    for path in sources:
        for key in MSG_CALL.findall(path.read_text(encoding="utf-8")):
            used.setdefault(key, set()).add(path.relative_to(ROOT).as_posix())
    return used


def test_catalogues_exist_for_finnish_and_swedish():
    assert {"fi", "sv"} <= set(_catalogues())
    assert i18n.catalogue_languages()[0] == "fi"


def test_catalogues_have_the_same_keys_and_fields():
    catalogues = _catalogues()
    keys = set(catalogues["fi"])
    for lang, messages in catalogues.items():
        assert set(messages) == keys, (lang, set(messages) ^ keys)
        for key, text in messages.items():
            assert isinstance(text, str) and text.strip(), (lang, key)
            # A placeholder in one language and not another would fail at build time.
            assert set(FIELD.findall(text)) == set(FIELD.findall(catalogues["fi"][key])), (lang, key)


# One Swedish word for each thing the site names in many texts (the word a reader sees on
# one page must be the word on the next): {the word used: words that must not be}.
SWEDISH_TERMS = {"årsklocka": ["årshjul"], "bidrag": ["understöd"]}


def test_swedish_catalogue_names_each_thing_with_one_word():
    texts = _catalogues()["sv"]
    for used, others in SWEDISH_TERMS.items():
        assert any(used in text.casefold() for text in texts.values()), used
        stray = {key: text for key, text in texts.items()
                 if any(other in text.casefold() for other in others)}
        assert not stray, f"use '{used}': {stray}"


def test_every_key_used_exists_in_every_catalogue():
    used = _used_keys()
    assert used, "no msg() calls found: the scan is broken"
    for lang, messages in _catalogues().items():
        # A key ending in "." is a prefix completed at run time (msg("language_in." ~ lang)).
        missing = {key: sorted(files) for key, files in used.items()
                   if (not any(k.startswith(key) for k in messages) if key.endswith(".")
                       else key not in messages)}
        assert not missing, (lang, missing)


def test_every_plan_language_has_a_name_in_every_catalogue():
    import json

    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    languages = schema["properties"]["languages"]["items"]["enum"]
    for lang, messages in _catalogues().items():
        assert all(f"language_in.{code}" in messages for code in languages), lang


def test_msg_reads_the_build_language_and_fills_fields():
    try:
        i18n.set_language("sv")
        assert i18n.msg("language_name") == "Svenska"
        assert i18n.msg("language_name", "fi") == "Suomi"
    finally:
        i18n.set_language("fi")
    assert i18n.msg("language_name") == "Suomi"


def test_unknown_key_and_language_fail_loudly():
    with pytest.raises(LookupError, match="nonexistent_key"):
        i18n.msg("nonexistent_key")
    with pytest.raises(LookupError, match="xx"):
        i18n.set_language("xx")
    assert i18n.language() == "fi"


PLANS = {"a": {"languages": ["fi"]}, "b": {"languages": ["fi", "sv"]}, "c": {}}


def test_plans_in_each_language():
    assert i18n.plans_in(PLANS, "fi") == ["a", "b", "c"]
    assert i18n.plans_in(PLANS, "sv") == ["b"]
    assert i18n.site_languages(PLANS) == ["fi", "sv"]
    assert i18n.site_languages({"a": {"languages": ["fi"]}}) == ["fi"]


PAGES = {"fi": {"index.md", "b/index.md", "b/vuosikello.md", "b/toimielimet.md", "a/index.md"},
         "sv": {"index.md", "b/index.md", "b/vuosikello.md"}}


def _hrefs(lang, src):
    return {link["lang"]: link["href"] for link in i18n.alternates(lang, ["fi", "sv"], src, PAGES)}


def test_switcher_links_to_the_same_page_in_both_directions():
    assert _hrefs("fi", "b/vuosikello.md") == {"fi": "./", "sv": "../../sv/b/vuosikello/"}
    assert _hrefs("sv", "b/vuosikello.md") == {"fi": "../../../b/vuosikello/", "sv": "./"}
    assert _hrefs("fi", "index.md") == {"fi": "./", "sv": "sv/"}
    assert _hrefs("sv", "index.md") == {"fi": "../", "sv": "./"}


def test_switcher_falls_back_to_the_plan_front_page_then_the_site_front_page():
    assert _hrefs("fi", "b/toimielimet.md")["sv"] == "../../sv/b/"
    assert _hrefs("fi", "a/index.md")["sv"] == "../sv/"


def test_root_alternates_are_relative_to_each_build():
    assert [a["link"] for a in i18n.root_alternates("fi", ["fi", "sv"])] == ["./", "sv/"]
    assert [a["link"] for a in i18n.root_alternates("sv", ["fi", "sv"])] == ["../", "./"]


def _languages(root: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    result = subprocess.run([sys.executable, "-m", "ngoplan.web.i18n", "languages", str(root)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _fixture_project(tmp_path: Path) -> Path:
    """The bilingual fixture plan as the only plan, with the base fixture's site files."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("site.yaml", "accessibility.yaml", "sanasto.txt"):
        shutil.copyfile(BASE / name, data / name)
    shutil.copytree(FIXTURE / "data" / "testimaa", data / "testimaa")
    return tmp_path


def test_languages_command_lists_only_declared_extra_languages(tmp_path):
    # The published seed plans are Finnish-only: no other build runs for them.
    assert _languages(ROOT) == ""
    assert _languages(_fixture_project(tmp_path)) == "sv\n"


def test_bilingual_fixture_is_valid(tmp_path):
    _, findings = load_dataset(_fixture_project(tmp_path))
    assert findings == []


def _replace(path: Path, old: str, new: str) -> int:
    """Replace old (once) in path; the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def _validate(root: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run([sys.executable, "-m", "ngoplan", "validate", str(root)],
                            capture_output=True, text=True, env=env, cwd=root, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_missing_translation_is_reported_at_file_line_col(tmp_path):
    root = _fixture_project(tmp_path)
    bodies = root / "data" / "testimaa" / "bodies.yaml"
    calendar = root / "data" / "testimaa" / "calendar.yaml"
    # A plain string in a bilingual plan is Finnish only.
    name_line = _replace(bodies, "name: {fi: Testimaan lautakunta, sv: Testlands nämnd}",
                         "name: Testimaan lautakunta")
    # A map without sv.
    place_line = _replace(calendar, "place: {fi: Testimaan virastotalo, sv: Testlands ämbetshus}",
                          "place: {fi: Testimaan virastotalo}")
    lines = _validate(root)
    assert lines[-1].startswith("2 virhettä")  # warnings (staff hints) may follow
    name_error, place_error = sorted(line for line in lines[:-1] if ": error: " in line)
    assert name_error.startswith(f"data/testimaa/bodies.yaml:{name_line}:11: error: "
                                 "bodies[0].name: käännös puuttuu: ruotsinkielinen (sv)")
    assert place_error.startswith(f"data/testimaa/calendar.yaml:{place_line}:12: error: "
                                  "items[0].place: käännös puuttuu: ruotsinkielinen (sv)")
    # The message says how to fix it.
    assert "{fi: ..., sv: ...}" in name_error


def test_every_data_code_has_a_name_in_every_catalogue():
    from ngoplan.parts.common import LABELS

    for lang, messages in _catalogues().items():
        missing = [f"{group}.{code}" for group, codes in LABELS.items() for code in codes
                   if f"{group}.{code}" not in messages]
        assert not missing, (lang, missing)
    assert i18n.label("item_kinds", "meeting", "sv") == "möte"
    # Python code still reads LABELS; the Finnish catalogue must say the same.
    finnish = _catalogues()["fi"]
    assert {f"{g}.{c}": name for g, codes in LABELS.items() for c, name in codes.items()} == {
        f"{g}.{c}": finnish[f"{g}.{c}"] for g, codes in LABELS.items() for c in codes}


def test_html_messages_escape_their_fields():
    text = i18n.msg("subscribe.single_html", "fi", url='x" onclick="y')
    assert 'href="x&#34; onclick=&#34;y"' in text
    assert "<a " in text  # the catalogue's own markup stays


def test_entity_folders_match_the_generated_page_folders():
    from ngoplan.parts.common import PAGE_FOLDERS

    assert set(i18n.ENTITY_FOLDERS) == set(PAGE_FOLDERS.values())


def test_other_builds_keep_entity_pages_of_their_plans_only():
    build = i18n.Build("sv", ["fi", "sv"], {"fi": {"a", "b"}, "sv": {"b"}},
                       {"fi": set(), "sv": set()}, Path("."))
    assert build.keeps("b/toimielimet/x.md")
    assert not build.keeps("a/toimielimet/x.md")  # a Finnish-only plan
    assert not build.keeps("b/muutokset.md")  # a Finnish generated page
    assert not build.keeps("b/vuosikello.ics")  # files live at the site root
    assert build.pages == {"fi": {"a/toimielimet/x.md", "b/toimielimet/x.md", "b/muutokset.md"},
                           "sv": {"b/toimielimet/x.md"}}
