"""Projects the benchmarks build: a snapshot of the repository, or a synthetic one.

A synthetic project is the repository's code, schemas, theme overrides and site-level
pages with the real plans replaced by invented ones from bench.synthetic.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .common import ROOT, SNAPSHOT_IGNORE, run, snapshot, worker

from . import synthetic


def real_plan_ids(base: Path) -> set[str]:
    return {p.name for p in (base / "data").iterdir() if p.is_dir()}


def _copy_site_content(base: Path, dest: Path) -> None:
    """content/ without the real plans' folders: the site-level pages and assets."""
    real = real_plan_ids(base)
    content = base / "content"
    (dest / "content").mkdir(parents=True, exist_ok=True)
    for entry in content.iterdir():
        if entry.name in real:
            continue
        if entry.is_dir():
            shutil.copytree(entry, dest / "content" / entry.name, ignore=SNAPSHOT_IGNORE)
        else:
            shutil.copy2(entry, dest / "content" / entry.name)


def unusable_markers(project: Path) -> dict[str, str]:
    """Markers of the page contract whose fragment fails on synthetic data, with the error.

    The build would fail on them, so the benchmark leaves them out and reports them; the
    test suite (tests/test_synthetic.py) writes every marker and so catches such failures.
    Runs with the project's own copy of the package.
    """
    markers = [name for _, names in synthetic.PAGES.values() for name in names]
    result, _ = worker("probe", project, ",".join(markers))
    if result["findings"]:
        raise RuntimeError("synthetic data has findings:\n" + "\n".join(result["findings"]))
    return result["failing"]


def synthetic_project(base: Path, dest: Path, *, plans: int, items: int, bodies: int, seed: int = 0,
                      probe: bool = True) -> tuple[Path, dict[str, str]]:
    """Write a buildable project with invented plans; returns it and the markers left out."""
    snapshot(base, dest, content=False, data=False, history=False)
    _copy_site_content(base, dest)
    # In a child process: this process stays small, and on Linux a child's peak memory
    # starts from its parent's size at the moment it is started.
    generated = run([sys.executable, "-m", "bench.synthetic", str(dest), "--plans", str(plans),
                     "--items", str(items), "--bodies", str(bodies), "--seed", str(seed),
                     "--site-data", str(base / "data")], cwd=ROOT, pythonpath=ROOT / "hooks")
    if generated.returncode != 0:
        raise RuntimeError("generating synthetic plans failed:\n" + generated.stderr[-2000:])
    skipped = unusable_markers(dest) if probe else {}
    if skipped:
        synthetic.write_content(dest / "content", synthetic.plan_ids(plans), skip_markers=set(skipped))
    return dest, skipped
