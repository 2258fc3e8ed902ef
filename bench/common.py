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


def run(cmd: list[str], *, cwd: Path, timeout: float = 900) -> Run:
    """Run a command; its wall time and its own peak resident memory.

    The child is reaped with os.wait4, whose rusage belongs to that one child (ru_maxrss is
    in KiB on Linux). Output goes to temporary files, so no pipe can fill up and block.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env(), stdout=out, stderr=err, text=True)
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


def mkdocs_build(project: Path, site_dir: Path, *, strict: bool = True, timeout: float = 900) -> Run:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean",
           "--strict" if strict else "--no-strict",
           "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)]
    return run(cmd, cwd=project, timeout=timeout)


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

    source "worktree" copies the working tree (what you are working on); "head" exports the
    last commit (what a fresh clone builds).
    """
    dest.mkdir(parents=True, exist_ok=True)
    if source == "head":
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD", *PROJECT_PARTS],
                                 cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        return dest
    for name in PROJECT_PARTS:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, dest / name, ignore=SNAPSHOT_IGNORE)
        elif path.exists():
            shutil.copy2(path, dest / name)
    return dest


def snapshot(base: Path, dest: Path, *, content: bool = True, data: bool = True) -> Path:
    """A copy of the base project at dest (optionally without content/ or data/)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        if (name == "content" and not content) or (name == "data" and not data):
            continue
        path = base / name
        if path.is_dir():
            shutil.copytree(path, dest / name)
        elif path.exists():
            shutil.copy2(path, dest / name)
    return dest


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def rounded(value, digits: int = 3):
    return None if value is None else round(value, digits)
