"""Shared helpers: timing subprocesses with their peak memory, copying the repository."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a fresh clone would not have, or what a build must not see.
SNAPSHOT_IGNORE = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "results",
                                         ".pytest_cache", ".hypothesis", "test-artifacts",
                                         "__pycache__", "*.pyc")


def env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1"}


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    split: dict | None = None


def run(cmd: list[str], *, cwd: Path, timeout: float = 900, pythonpath: Path | None = None) -> Run:
    """Run a command; its wall time and its own peak resident memory.

    The child is reaped with os.wait4, whose rusage belongs to that one child (ru_maxrss is
    in KiB on Linux). Output goes to temporary files, so no pipe can fill up and block.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        environment = env()
        if pythonpath is not None:
            environment["PYTHONPATH"] = str(pythonpath)
        proc = subprocess.Popen(cmd, cwd=cwd, env=environment, stdout=out, stderr=err, text=True)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, out.read(), err.read())


def mkdocs_build(project: Path, site_dir: Path, *, strict: bool = True, timeout: float = 900,
                 split: bool = False) -> Run:
    """A full build in a fresh process. split: through bench.timed_build, which also writes
    where the time went (Run.split)."""
    args = ["build", "--quiet", "--clean", "--strict" if strict else "--no-strict",
            "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)]
    if not split:
        return run([sys.executable, "-m", "mkdocs", *args], cwd=project, timeout=timeout)
    out = site_dir.parent / f"{site_dir.name}-split.json"
    result = run([sys.executable, "-m", "bench.timed_build", str(out), *args], cwd=project,
                 timeout=timeout, pythonpath=ROOT)
    if result.returncode == 0:
        result.split = summarize_split(json.loads(out.read_text(encoding="utf-8")), result.seconds)
    return result


INSIDE_POPULATE = ("page_read_source", "page_markdown", "page_content")
INSIDE_BUILD_PAGE = ("page_context", "template_context", "post_page")


def summarize_split(raw: dict, wall: float) -> dict:
    """Seconds by who spends them: the site's hooks, search, Markdown, theme, the rest."""
    events = raw["events"]
    hooks = {name: t for origin, names in events.items() if "hook" in origin.lower()
             for name, t in names.items()}
    by_origin = {origin: sum(names.values()) for origin, names in events.items()}
    inside_populate = sum(t for names in events.values() for n, t in names.items() if n in INSIDE_POPULATE)
    inside_build = sum(t for names in events.values() for n, t in names.items() if n in INSIDE_BUILD_PAGE)
    markdown = raw["steps"].get("populate_page", 0.0) - inside_populate
    theme = raw["steps"].get("build_page", 0.0) - inside_build
    accounted = sum(by_origin.values()) + markdown + theme
    return {
        "hooks": round(sum(hooks.values()), 3),
        "hooks_by_event": {k: round(v, 3) for k, v in sorted(hooks.items(), key=lambda kv: -kv[1])},
        "search": round(sum(t for o, t in by_origin.items() if "search" in o), 3),
        "other_plugins": round(sum(t for o, t in by_origin.items()
                                   if "search" not in o and "hook" not in o.lower()), 3),
        "markdown": round(markdown, 3),
        "theme_templates": round(theme, 3),
        "startup_and_rest": round(wall - accounted, 3),
    }


def worker(mode: str, project: Path, *args: str, timeout: float = 900) -> tuple[dict, Run]:
    """Run bench.stages in a fresh interpreter (cold: nothing imported, nothing cached)."""
    result = run([sys.executable, "-m", "bench.stages", mode, str(project), *args], cwd=ROOT,
                 timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"bench.stages {mode} failed:\n{result.stderr[-3000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    data["max_rss_mb"] = round(result.max_rss_mb, 1)
    return data, result


PROJECT_PARTS = ("mkdocs.yml", "hooks", "schemas", "overrides", "content", "data")


def make_base(dest: Path, source: str = "worktree") -> Path:
    """One copy of the project for the whole run, so edits made meanwhile change nothing.

    A local git clone, so that pages built from the history (the change log) have it;
    source "worktree" then lays the working tree's files over the clone (what you are
    working on), "head" keeps the last commit (what a fresh clone builds). Without git,
    the working tree is copied.
    """
    cloned = subprocess.run(["git", "clone", "--quiet", str(ROOT), str(dest)],
                            capture_output=True).returncode == 0
    if cloned and source == "head":
        return dest
    if source == "head":
        raise RuntimeError("--source head needs git and a repository")
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        path, target = ROOT / name, dest / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        if path.is_dir():
            shutil.copytree(path, target, ignore=SNAPSHOT_IGNORE)
        elif path.exists():
            shutil.copy2(path, target)
    return dest


def snapshot(base: Path, dest: Path, *, content: bool = True, data: bool = True,
             history: bool = True) -> Path:
    """A copy of the base project at dest (optionally without content/, data/ or .git)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS + ((".git",) if history else ()):
        if (name == "content" and not content) or (name == "data" and not data):
            continue
        path = base / name
        if path.is_dir():
            shutil.copytree(path, dest / name, symlinks=True)
        elif path.exists():
            shutil.copy2(path, dest / name)
    return dest


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def rounded(value, digits: int = 3):
    return None if value is None else round(value, digits)
