"""Projects the benchmarks build: a snapshot of the repository, or a synthetic one.

A synthetic project is the repository's code, schemas, theme overrides and site-level
pages with the real plans replaced by invented ones from ngoplan.synthetic.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .common import ROOT, SNAPSHOT_IGNORE, snapshot, worker

sys.path.insert(0, str(ROOT / "hooks"))

from ngoplan import synthetic  # noqa: E402  (the hook folder is the package's home)


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
    ids = synthetic.write_data(dest / "data", plans=plans, items=items, bodies=bodies, seed=seed,
                               site_data=base / "data")
    skipped = unusable_markers(dest) if probe else {}
    synthetic.write_content(dest / "content", ids, skip_markers=set(skipped))
    return dest, skipped
