"""Shared test helpers: the repository root, a strict MkDocs build into a temp dir, and the
builds several modules read (the repository's site, the bilingual fixture county's)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual"
# What a copy of the project needs to build (content and data: the fixture's may be added).
PROJECT_FILES = ("content", "data", "hooks", "overrides", "schemas", "mkdocs.yml", "mkdocs.sv.yml")


def mkdocs_build(project: Path, site_dir: Path, env_extra: dict | None = None,
                 config: str = "mkdocs.yml"):
    """A real `mkdocs build --strict` of project into site_dir; returns the CompletedProcess.
    Without SITE_URL from the caller's environment, so feed links are the local default."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update({"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env_extra or {})})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir),
         "--config-file", str(project / config)],
        capture_output=True, text=True, env=env, cwd=project, timeout=900)


def in_fresh_interpreter(module: str, function: str, timeout: float = 600) -> None:
    """Run module.function() (a test's body without fixtures) in a new Python process and
    fail with its output when it fails. pytest-xdist's workers run threads, and the build
    forks no child where another thread runs, so what must fork is tested alone."""
    paths = [str(ROOT / "hooks"), str(ROOT / "tests"), str(ROOT)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-c", f"import {module}; {module}.{function}()"],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout)
    assert result.returncode == 0, f"{module}.{function}():\n{result.stdout[-3000:]}{result.stderr[-5000:]}"


def copy_project(dest: Path, names=PROJECT_FILES, fixture: Path | None = None) -> Path:
    """The repository's files (names) copied into dest, with a fixture's data and content
    folders (an invented county) added on top."""
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copyfile(source, dest / name)
    if fixture is not None:
        shutil.copytree(fixture / "data", dest / "data", dirs_exist_ok=True)
        shutil.copytree(fixture / "content", dest / "content", dirs_exist_ok=True)
    return dest


def data_strings(value, path=()):
    """(key path, text) of every string in a loaded data value; mapping keys are not values."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from data_strings(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from data_strings(child, path + (index,))
    elif isinstance(value, str):
        yield path, value


def build_languages(project: Path, site: Path) -> list[str]:
    """The site as `make site` builds it: Finnish into site, then each extra language some
    plan declares into site/<lang>; returns those languages."""
    env = {**os.environ, "PYTHONPATH": str(project / "hooks")}
    languages = subprocess.run([sys.executable, "-m", "ngoplan.web.i18n", "languages", str(project)],
                               capture_output=True, text=True, env=env, timeout=60,
                               check=True).stdout.split()
    for config, out in [("mkdocs.yml", site)] + [(f"mkdocs.{lang}.yml", site / lang) for lang in languages]:
        result = mkdocs_build(project, out, config=config)
        assert result.returncode == 0, result.stderr[-3000:]
    return languages


def pytest_collection_modifyitems(items):
    """The longest work first: under pytest-xdist (`make test`: -n auto --dist loadfile
    --no-loadscope-reorder, a module's tests on one worker, so each module-scoped fixture
    is made once) no worker then starts it when the others are nearly done. The browser
    modules go first, the crawl's parts (test_browser_crawl_*.py) at their head: xdist
    hands out modules in this order, one to each worker first, so the parts are crawled
    side by side; the rest keep file order."""
    items.sort(key=lambda item: 0 if "crawl" in item.fixturenames
               else 1 if item.get_closest_marker("browser") else 2)


def _built_once(request, tmp_path_factory, name: str, make) -> Path:
    """make(folder) -> path inside folder, run once per test run: under pytest-xdist the first
    worker to ask makes it under a lock in the run's shared temp folder, the rest reuse it.
    A worker is known by its config (workerinput), not by the environment: a pytest run
    started by a test inherits the worker's variables but has a temp folder of its own, and
    the folder "shared" with nobody would be the parent of every run's (a stale build)."""
    if not hasattr(request.config, "workerinput"):
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            folder.mkdir(exist_ok=True)
            done.write_text(str(make(folder)), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


def _build_repository(folder: Path) -> Path:
    result = mkdocs_build(ROOT, folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="session")
def built_site(request, tmp_path_factory) -> Path:
    """The repository's site, built once per test run."""
    return _built_once(request, tmp_path_factory, "site", _build_repository)


def _build_bilingual(folder: Path) -> Path:
    project = copy_project(folder, fixture=BILINGUAL)
    assert build_languages(project, project / "site") == ["sv"]
    return project / "site"


@pytest.fixture(scope="session")
def bilingual_site(request, tmp_path_factory) -> Path:
    """The repository with the bilingual fixture county (tests/fixtures/bilingual: testimaa,
    Finnish and Swedish), built once per test run as `make site` does."""
    return _built_once(request, tmp_path_factory, "bilingual", _build_bilingual)


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for every browser test module (Playwright's own download is never used)."""
    from playwright.sync_api import sync_playwright

    from browser_support import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server(built_site):
    """The repository's built site served on a free local port."""
    from browser_support import SiteServer

    with SiteServer(built_site) as running:
        yield running
