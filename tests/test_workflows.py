"""The staff path: CI workflows, the validator's annotations, editor and pre-commit setup,
and the contributor guide quoting real validator messages."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from ngoplan.check import schemas
from ngoplan.check.dataset import load_dataset

WORKFLOWS = ROOT / ".github" / "workflows"
PR = WORKFLOWS / "tarkistukset.yml"
DEPLOY = WORKFLOWS / "julkaisu.yml"


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and "jobs" in data, path
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(data: dict):
    for job in data["jobs"].values():
        yield from job["steps"]


def uses(data: dict, action: str) -> list[dict]:
    return [s for s in steps(data) if s.get("uses", "").split("@")[0] == action]


def make_targets_run(data: dict) -> list[str]:
    return [m for s in steps(data) if "run" in s
            for m in re.findall(r"\bmake\s+(?:--[a-z-]+\s+)*([a-z-]+)", s["run"])]


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.M))


def test_every_workflow_is_valid_yaml_with_jobs_and_pinned_actions():
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert {f.name for f in files} >= {PR.name, DEPLOY.name}
    for path in files:
        data = workflow(path)
        assert data["on"], path
        for job in data["jobs"].values():
            assert job["runs-on"].startswith("ubuntu-")
            assert job["steps"]
            for step in job["steps"]:
                assert ("uses" in step) != ("run" in step), step
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_pull_request_workflow_checks_tests_builds_and_uploads_preview():
    data = workflow(PR)
    assert "pull_request" in data["on"]
    assert data["permissions"] == {"contents": "read"}
    assert set(data["jobs"]) == {"check", "test"}
    for job in data["jobs"].values():
        checkout = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
        assert checkout and checkout[0]["with"]["fetch-depth"] == 0
    check = data["jobs"]["check"]["steps"]
    setup = [s for s in check if s.get("uses", "").startswith("actions/setup-python@")][0]
    assert str(setup["with"]["python-version"]) == "3.11"
    assert setup["with"]["cache"] == "pip"
    cached = setup["with"]["cache-dependency-path"].split()
    assert sorted(cached) == sorted(p.name for p in ROOT.glob("requirements*.txt"))
    runs = [s.get("run", "") for s in check]
    assert runs.index("make validate") < runs.index("make site")
    upload = [s for s in check if s.get("uses", "").startswith("actions/upload-artifact@")][0]
    assert upload["with"]["path"].rstrip("/") == "site"
    assert check.index(upload) > runs.index("make site")
    # The preview is opened at http://127.0.0.1:8000/ (CONTRIBUTING.md) and says it is one.
    site_step = [s for s in check if s.get("run") == "make site"][0]
    assert site_step["env"] == {"SITE_URL": "http://127.0.0.1:8000/", "SITE_PREVIEW": "1"}
    test = data["jobs"]["test"]
    assert test["container"].startswith("python:3.11-")  # Debian: real chromium via apt
    assert "make test" in [s.get("run") for s in test["steps"]]
    cache = [s for s in test["steps"] if s.get("uses", "").startswith("actions/cache@")][0]
    assert "hashFiles('requirements*.txt')" in cache["with"]["key"]


def test_deploy_workflow_publishes_main_to_pages_with_full_history_and_site_url():
    data = workflow(DEPLOY)
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert uses(data, "actions/checkout")[0]["with"]["fetch-depth"] == 0
    pages = uses(data, "actions/configure-pages")[0]
    site_step = [s for s in build["steps"] if s.get("run") == "make site"][0]
    assert site_step["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % pages["id"]
    assert build["steps"].index(pages) < build["steps"].index(site_step)
    assert [s.get("run") for s in build["steps"]].index("make validate") < \
        build["steps"].index(site_step)
    artifact = uses(data, "actions/upload-pages-artifact")[0]
    assert artifact["with"]["path"].rstrip("/") == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_mkdocs_reads_site_url_from_the_environment():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL,", text, flags=re.M)


def test_workflows_run_only_makefile_targets_that_the_suite_exercises():
    used = make_targets_run(workflow(PR)) + make_targets_run(workflow(DEPLOY))
    assert set(used) == {"validate", "changes", "ids", "site", "test"}
    assert set(used) <= makefile_targets()


def test_pull_request_checks_ids_against_the_base_commit():
    """make ids runs the command tests/test_idstability.py checks, against the base."""
    recipe = subprocess.run(["make", "-n", "-B", "ids", "since=abc123"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"python -m ngoplan ids \"abc123\" \.\.", recipe)
    [step] = [s for s in workflow(PR)["jobs"]["check"]["steps"]
              if re.search(r"\bmake ids\b", s.get("run", ""))]
    assert 'since="$BASE"' in step["run"]
    assert step["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"


def test_pull_request_summary_lists_the_changes_since_the_base_commit():
    """make changes runs the command tests/test_changelog.py checks, and the pull
    request's checks write its sentences to the job summary."""
    recipe = subprocess.run(["make", "-n", "-B", "changes", "since=abc123"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"python -m ngoplan changes \"abc123\" \.\.", recipe)
    step = [s for s in workflow(PR)["jobs"]["check"]["steps"] if "make" in s.get("run", "")
            and "changes" in s.get("run", "")][0]
    assert "$GITHUB_STEP_SUMMARY" in step["run"] and 'since="$BASE"' in step["run"]
    assert step["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"


def dry_run(target: str) -> str:
    return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True,
                          text=True, timeout=60).stdout


def test_make_site_is_the_strict_build_the_suite_runs():
    """conftest.mkdocs_build (used by every build test) runs the same strict build."""
    recipe = dry_run("site")
    assert re.search(r"mkdocs build --strict .*--site-dir site", recipe)
    import inspect
    import conftest
    assert '"build", "--strict"' in inspect.getsource(conftest.mkdocs_build)


def test_make_test_runs_pytest_over_the_suite():
    recipe = dry_run("test")
    # The whole suite (no path, no -k or -m selection), on every core.
    assert re.search(r"python -m pytest -n auto --dist loadfile --no-loadscope-reorder\s*$", recipe, flags=re.M)


def copy_project(tmp_path: Path) -> Path:
    """What `make validate` needs, with the repository's ready .venv linked in."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, project / name)  # keeps mtimes: make sees .venv current
    for name in ("data", "hooks", "schemas"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def make_validate(project: Path, github: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run(["make", "--no-print-directory", "validate"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    """Two deliberate mistakes: a Finnish-style date and a message needing escapes."""
    project = copy_project(tmp_path_factory.mktemp("validate"))
    plan = project / "data" / "kainuu" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    lines = text.splitlines()
    updated = next(i for i, line in enumerate(lines) if line.startswith("updated: "))
    kind = lines.index("document_kind: suunnitelma")
    lines[updated] = "updated: 22.11.2026"
    lines[kind] = "document_kind: 50%"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project, updated + 1, kind + 1


def test_make_validate_prints_github_annotations_under_github_actions(broken_project):
    project, date_line, kind_line = broken_project
    result = make_validate(project, github=True)
    assert result.returncode != 0
    out = result.stdout.splitlines()
    assert (f"data/kainuu/plan.yaml:{date_line}:10: error: updated: '22.11.2026' ei ole "
            "olemassa oleva päivämäärä; kirjoita päivä muodossa VVVV-KK-PP, esimerkiksi "
            "2026-03-15") in out
    assert (f"::error file=data/kainuu/plan.yaml,line={date_line},col=10::updated: "
            "'22.11.2026' ei ole olemassa oleva päivämäärä; kirjoita päivä muodossa "
            "VVVV-KK-PP, esimerkiksi 2026-03-15") in out
    # '%' must be escaped as %25 in workflow command data, or GitHub garbles the message.
    kind = [line for line in out if line.startswith(f"::error file=data/kainuu/plan.yaml,line={kind_line},")]
    assert len(kind) == 1 and "'50%25'" in kind[0] and "'50%'" not in kind[0]
    annotations = [line for line in out if line.startswith("::error ")]
    errors = [line for line in out if ": error: " in line]
    assert len(annotations) == len(errors) == 2
    # The repository's site-level warnings (publisher etc.) are counted apart.
    assert re.fullmatch(r"2 virhettä(, \d+ varoitust?a)?\.", out[-1])


def test_make_validate_prints_no_annotations_outside_github(broken_project):
    project, _, _ = broken_project
    result = make_validate(project, github=False)
    assert result.returncode != 0
    assert "::error" not in result.stdout
    assert re.fullmatch(r"2 virhettä(, \d+ varoitust?a)?\.", result.stdout.splitlines()[-1])


def test_make_validate_passes_on_the_repository_data_under_github_actions(tmp_path):
    result = make_validate(copy_project(tmp_path), github=True)
    assert result.returncode == 0, result.stdout
    # Warnings (what to settle before publication) are allowed; errors are not.
    assert re.fullmatch(r"Ei virheitä(, \d+ varoitust?a)?\.", result.stdout.strip().splitlines()[-1])
    assert "::error" not in result.stdout and ": error:" not in result.stdout


def test_pre_commit_hook_runs_the_validator_on_data_and_schema_changes():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    assert hook["language"] == "system" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("data/kainuu/plan.yaml", "data/site.yaml", "schemas/calendar.schema.json"):
        assert files.search(path), path
    for path in ("README.md", "content/kainuu/index.md", "hooks/ngoplan/check/rules.py"):
        assert not files.search(path), path
    argv = shlex.split(hook["entry"])
    assert argv[-3:] == ["ngoplan", "validate", "."]
    result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"Ei virheitä(, \d+ varoitust?a)?\.", result.stdout.strip().splitlines()[-1])


def test_vscode_maps_every_schema_to_its_data_files_and_recommends_yaml_extension():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    kinds = schemas.kinds()
    assert sorted(Path(k).name.removesuffix(".schema.json") for k in mapping) == sorted(kinds)
    data_files = [p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yaml")]
    for schema_path, globs in mapping.items():
        assert (ROOT / schema_path).is_file(), schema_path
        kind = Path(schema_path).name.removesuffix(".schema.json")
        for data_file in data_files:
            expected = Path(data_file).stem == kind and (
                kind in schemas.SITE_KINDS) == (data_file.count("/") == 1)
            assert any(fnmatch(data_file, g) for g in globs) == expected, (data_file, globs)
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_every_data_file_names_its_schema_for_the_editor():
    for path in (ROOT / "data").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (ROOT / "schemas" / f"{path.stem}.schema.json").resolve(), path


def test_codeowners_example_covers_every_plan_folder_with_marked_placeholders():
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "ESIMERKKI" in text
    active = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert active == []  # placeholders stay inactive until real teams are filled in
    for plan in sorted(p.name for p in (ROOT / "data").iterdir() if p.is_dir()):
        for area in ("data", "content"):
            assert re.search(rf"^# /{area}/{plan}/\s+@ESIMERKKI-organisaatio/\S+", text,
                             flags=re.M), (area, plan)


def test_pull_request_template_has_a_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[ \] ", text, flags=re.M)) >= 4


def test_contributing_quotes_messages_the_validator_really_prints(tmp_path):
    """Each error quoted in CONTRIBUTING.md comes from the validator (line numbers in the
    guide are illustrative, so only the message after the position is compared)."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    quoted = re.findall(r"^data/\S+:\d+:\d+: error: (.*)$", guide, flags=re.M)
    assert len(quoted) >= 8
    data = tmp_path / "data"
    breaks = [
        ("pohjois-karjala/calendar.yaml", "    title: JANEn kokoukset", "    titel: JANEn kokoukset"),
        ("pohjois-karjala/calendar.yaml", "    updated: 2026-11-22\n", "    updated: 22.11.2026\n"),
        ("pohjois-karjala/calendar.yaml", "    title: JANEn kokoukset", "    title JANEn kokoukset"),
        ("pohjois-karjala/calendar.yaml", "    kind: meeting\n    organisers: [jane]",
         "    kind: meeting\n   organisers: [jane]"),
        ("pohjois-karjala/calendar.yaml", "    source: {document: asiakirja, section: 2 Pohjois-"
         "Karjalan järjestökenttä}\n\n  - id: kumppanuuspoyta", "\n  - id: kumppanuuspoyta"),
        ("kainuu/plan.yaml", "document_kind: suunnitelma", "document_kind: muistio"),
        ("pohjois-karjala/calendar.yaml", "    status: practice\n", "    status: yes\n"),
        ("pohjois-karjala/calendar.yaml", "organisers: [jane]", "organisers: [jame]"),
        ("pohjois-karjala/calendar.yaml", "  - id: kumppanuuspoyta-kokoukset",
         "  - id: jane-kokoukset"),
        ("kainuu/plan.yaml", "https://hyvinvointialue.kainuu.fi/jarjestoyhteistyo",
         "hyvinvointialue.kainuu.fi/jarjestoyhteistyo"),
    ]
    printed: set[str] = set()
    for rel, old, new in breaks:
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(ROOT / "data", data)
        text = (data / rel).read_text(encoding="utf-8")
        if old not in text:
            pytest.fail(f"the data changed; update this test and CONTRIBUTING.md: {old!r}")
        (data / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
        _, findings = load_dataset(tmp_path)  # what `make validate` prints, in-process
        assert findings, (rel, new)
        printed.update(f.format().split(": error: ", 1)[1] for f in findings)
    for message in quoted:
        shortened = message.removesuffix("...").rstrip()
        assert any(p.startswith(shortened) for p in printed), message


ACTIONLINT = ROOT / ".venv" / "bin" / "actionlint"


def actionlint(*paths: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """actionlint (pinned in requirements-dev.txt: its wheel ships the binary)."""
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, paths)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_actionlint_passes_on_every_workflow():
    """Types, expressions, action inputs, and actions on a runtime GitHub removes (node20)."""
    result = actionlint()
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_an_outdated_action_and_a_bad_expression(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    text = PR.read_text(encoding="utf-8")
    broken = workflows / "rikki.yml"
    broken.write_text(text.replace("actions/checkout@v7", "actions/checkout@v4", 1)
                      .replace("github.event.pull_request.base.sha", "steps.perusversio.outputs.sha"),
                      encoding="utf-8")
    result = actionlint(broken, cwd=tmp_path)
    assert result.returncode == 1
    assert 'runtime "node20" is deprecated' in result.stdout
    assert 'property "perusversio" is not defined' in result.stdout


def test_preview_build_says_on_every_page_that_it_is_a_preview(tmp_path):
    from conftest import mkdocs_build

    site = tmp_path / "site"
    result = mkdocs_build(ROOT, site, {"SITE_PREVIEW": "1", "SITE_URL": "http://127.0.0.1:8000/"})
    assert result.returncode == 0, result.stderr
    from ngoplan.web import i18n

    notice = i18n.catalogue("fi")["preview.notice"]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        if "/assets/" in page.as_posix():
            continue
        html = page.read_text(encoding="utf-8")
        assert f'<p class="ngo-preview-notice">{notice}</p>' in html, page
    feed_links = (site / "kainuu" / "tilaa" / "index.html").read_text(encoding="utf-8")
    assert "127.0.0.1:8000/kainuu/vuosikello.ics" in feed_links
