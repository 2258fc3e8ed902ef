"""`make bench`: what the site costs at seed size and at national scale.

    python -m bench [--quick] [--budget SECONDS] [--only PARTS] [--update-doc]

Prints a table and writes bench/results/bench-<time>.json and latest.json (plus
latest.md, the figures table of BENCHMARKS.md). --update-doc rewrites both figure sections
of BENCHMARKS.md (figures, and search per reader) from this one run. The search part
measures the series' own builds of its sizes instead of building them again.
Definitions: BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import report
from .common import ROOT, make_base, median, mkdocs_build, rounded, snapshot, worker
from .plain import write_plain_site
from .project import synthetic_project
from .search import search_stage
from .serve import measure_serve

RESULTS = ROOT / "bench" / "results"
BODIES = 10  # K: bodies per plan in every synthetic size
BASE_SERIES = [(1, 100), (5, 500), (22, 500)]
GROWTH_LIMIT = 1.3  # a stage "grows faster than linear" when time/size grows by more than this
GROWTH_FLOOR_S = 0.25  # below this a stage is too fast to judge its growth
PARTS = ("overhead", "stages", "validation", "serve", "series", "search")
# Seconds the series leaves for the search part (its 1×500 site, the plain Material sites
# of each size, Chromium and Lighthouse: about 6 minutes idle with 3 Lighthouse runs).
SEARCH_RESERVE_S = 420.0


def environment() -> dict:
    def version(module):
        try:
            from importlib.metadata import version as v
            return v(module)
        except Exception:  # noqa: BLE001
            return None

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                    cwd=ROOT, capture_output=True, text=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = None, None
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "cpu_count": os.cpu_count(),
        "cpus_usable": affinity,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
        "commit": commit,
        # Other work on the machine inflates every figure; the load shows how much.
        "load_average_at_start": [round(v, 1) for v in os.getloadavg()],
        "uncommitted_changes": dirty,
    }


def overhead(base: Path, work: Path, pairs: int) -> dict:
    """Repository build vs plain Material build of the same pages, alternating, per pair."""
    repo = snapshot(base, work / "repo")
    # Warms the disk cache, gives the pages, and splits one build's time by who spends it.
    first = mkdocs_build(repo, work / "repo-site", split=True)
    if first.returncode != 0:
        return {"error": "repository build failed: " + first.stderr[-2000:]}
    pages = write_plain_site(work / "repo-site", work / "plain", site_name="Vertailu")
    repo_times, plain_times, ratios = [], [], []
    for index in range(pairs):
        # Alternate which build goes first, so drift on a busy machine hits both alike.
        order = ("repo", "plain") if index % 2 == 0 else ("plain", "repo")
        times = {}
        for which in order:
            project = repo if which == "repo" else work / "plain"
            result = mkdocs_build(project, work / f"{which}-site-{index}", strict=which == "repo")
            if result.returncode != 0:
                return {"error": f"{which} build failed: " + result.stderr[-2000:]}
            times[which] = result.seconds
        repo_times.append(times["repo"])
        plain_times.append(times["plain"])
        ratios.append(times["repo"] / times["plain"])
    return {
        "pages": pages,
        "pairs": pairs,
        "repo_build_s": rounded(median(repo_times)),
        "plain_build_s": rounded(median(plain_times)),
        "ratio": rounded(median(ratios)),
        "ratios": [rounded(r) for r in ratios],
        "repo_runs_s": [rounded(t) for t in repo_times],
        "plain_runs_s": [rounded(t) for t in plain_times],
        "repo_max_rss_mb": round(first.max_rss_mb, 1),
        "repo_split_s": first.split,
        "repo_split_build_s": rounded(first.seconds),
    }


def serve_both(base: Path, work: Path, edits: int) -> dict:
    """Rebuild after a data edit in the repository, and after a page edit in the plain
    Material site of the same pages (what MkDocs and the theme alone cost per rebuild)."""
    repo = snapshot(base, work / "serve")
    result = measure_serve(repo, edits=edits)
    first = mkdocs_build(repo, work / "serve-site")
    if first.returncode == 0:
        plain = work / "serve-plain"
        write_plain_site(work / "serve-site", plain, site_name="Vertailu")
        try:
            result["plain"] = measure_serve(plain, edits=edits, target=plain / "docs" / "index.md")
        except Exception as exc:  # noqa: BLE001 - the comparison is extra information
            result["plain"] = {"error": f"{type(exc).__name__}: {exc}"[:1000]}
    return result


def stages_of(project: Path, repeats: int) -> dict:
    """Cold stage breakdown, and load_dataset() alone, each in fresh interpreters."""
    breakdown, _ = worker("stages", project)
    cold = []
    for _ in range(repeats):
        result, _ = worker("validate", project)
        if result["findings"]:
            return {**breakdown, "error": "findings: " + "; ".join(result["first_findings"])}
        cold.append(result["validation"])
    breakdown["validation_cold_s"] = rounded(median(cold))
    breakdown["validation_cold_runs_s"] = [rounded(v) for v in cold]
    breakdown["stages"] = {k: rounded(v) for k, v in breakdown["stages"].items()}
    breakdown["libyaml_events_only"] = rounded(breakdown.get("libyaml_events_only"))
    return breakdown


def validation_10k(base: Path, work: Path, repeats: int) -> dict:
    project, _ = synthetic_project(base, work / "v10k", plans=1, items=10_000, bodies=BODIES, probe=False)
    return stages_of(project, repeats)


def _size_mb(path: Path) -> float | None:
    return round(path.stat().st_size / 2**20, 1) if path.exists() else None


def _growth(previous: dict, current: dict) -> dict[str, float]:
    """time/item growth factor of each stage and the build from one size to the next."""
    scale = current["items"] / previous["items"]
    factors = {}
    pairs = [("build", previous["build_s"], current["build_s"])]
    for stage, value in current["stages"].items():
        pairs.append((stage, previous["stages"].get(stage), value))
    for name, before, after in pairs:
        if before and after and after >= GROWTH_FLOOR_S and name not in ("import", "import_parts"):
            factors[name] = round((after / before) / scale, 2)
    return factors


def series(base: Path, work: Path, deadline: float, sizes: list[tuple[int, int]], extend: bool,
           keep: dict | None = None) -> dict:
    """keep: sizes (plans, items) whose project and site stay for a later part (the search
    part measures them), filled as size -> (project, site, build seconds)."""
    rows = []
    stop = None
    planned = list(sizes)
    while planned:
        plans, items = planned.pop(0)
        if rows and (plans, items) not in sizes:
            # Sizes beyond the named ones only while they fit: predict this size from the
            # last one (linear, with slack).
            last = rows[-1]
            estimate = (last["build_s"] + last["stages_total_s"]) * (plans * items) / last["items"] * 1.3
            if time.monotonic() + estimate > deadline:
                stop = f"time budget: {plans}×{items} would take about {estimate:.0f} s"
                break
        folder = work / f"series-{plans}x{items}"
        project, skipped = synthetic_project(base, folder, plans=plans, items=items, bodies=BODIES)
        breakdown, _ = worker("stages", project)
        if breakdown["counts"]["findings"]:
            return {"rows": rows, "error": f"{plans}×{items}: synthetic data has findings"}
        build = mkdocs_build(project, folder / "site", split=True)
        if build.returncode != 0:
            return {"rows": rows, "error": f"{plans}×{items} build failed: {build.stderr[-2000:]}"}
        stage_times = {k: v for k, v in breakdown["stages"].items() if v is not None}
        row = {
            "plans": plans, "items_per_plan": items, "bodies_per_plan": BODIES,
            "items": plans * items,
            "data_mb": round(breakdown["counts"]["data_bytes"] / 2**20, 2),
            "pages": sum(1 for _ in (folder / "site").rglob("*.html")),
            "html_mb": round(sum(p.stat().st_size for p in (folder / "site").rglob("*.html")) / 2**20, 1),
            # The search bundle on disk (Pagefind: script, index chunks, page fragments);
            # a reader loads only a query's share of it (the search part of the run).
            "search_index_mb": round(sum(p.stat().st_size for p in (folder / "site" / "pagefind").rglob("*")
                                         if p.is_file()) / 2**20, 1),
            "build_s": rounded(build.seconds),
            "build_max_rss_mb": round(build.max_rss_mb, 1),
            "build_split_s": build.split,
            "stages": {k: rounded(v) for k, v in breakdown["stages"].items()},
            "stages_total_s": rounded(sum(v for k, v in stage_times.items()
                                          if k not in ("validation",))),
            "stages_max_rss_mb": breakdown["max_rss_mb"],
            "markers_by_name": breakdown.get("markers_by_name", {}),
            "generators": breakdown.get("generators", {}),
            "markers_left_out": skipped,
        }
        if rows:
            row["growth"] = _growth(rows[-1], row)
            faster = {k: v for k, v in row["growth"].items() if v > GROWTH_LIMIT}
            if faster:
                row["superlinear"] = faster
        rows.append(row)
        print(f"  series {plans}×{items}: build {row['build_s']} s, "
              f"{row['build_max_rss_mb']} MB", file=sys.stderr, flush=True)
        if not planned and extend:
            if row.get("superlinear") and plans * items > 22 * 500:
                stop = "a stage grew faster than linear: " + ", ".join(row["superlinear"])
                break
            planned.append((plans * 2, items))  # beyond national scale: double the plans
        if keep is not None and (plans, items) in keep:
            keep[(plans, items)] = (project, folder / "site", build.seconds)
        else:
            shutil.rmtree(folder / "site", ignore_errors=True)
    return {"rows": rows, "stopped": stop or "all sizes done"}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and sizes (a smoke run)")
    parser.add_argument("--budget", type=float, default=1200.0,
                        help="seconds for the whole run; the series stops growing before it, "
                             "leaving time for the search part when that runs")
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated: " + ", ".join(PARTS))
    parser.add_argument("--source", choices=("worktree", "head"), default="worktree",
                        help="measure the working tree (default) or the last commit")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page and site in the search part (0: none)")
    parser.add_argument("--update-doc", action="store_true",
                        help="rewrite both figure sections of BENCHMARKS.md (the figures and "
                             "search per reader) from this run")
    args = parser.parse_args(argv)
    parts = [p for p in args.only.split(",") if p]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    started = time.monotonic()
    deadline = started + args.budget
    # The search part runs after the series and reuses the series' builds of its sizes.
    from .search import QUICK_SIZES, SIZES
    search_sizes = QUICK_SIZES if args.quick else SIZES
    shared: dict | None = {size: None for size in search_sizes} if "search" in parts else None
    series_deadline = deadline - (SEARCH_RESERVE_S if "search" in parts and not args.quick else 0)
    results: dict = {"environment": environment(), "quick": args.quick,
                     "definitions": report.DEFINITIONS}
    with tempfile.TemporaryDirectory(prefix="ngoplan-bench-") as tmp:
        work = Path(tmp)
        base = make_base(work / "base", args.source)
        results["environment"]["source"] = args.source
        if args.source == "head":
            results["environment"]["uncommitted_changes"] = False  # the commit is what ran
        steps = {
            "overhead": lambda: overhead(base, work / "overhead", 3 if args.quick else 5),
            "stages": lambda: stages_of(snapshot(base, work / "stages"), 3),
            "validation": lambda: validation_10k(base, work, 1 if args.quick else 3),
            "serve": lambda: serve_both(base, work, 3 if args.quick else 5),
            "series": lambda: series(base, work, series_deadline,
                                     BASE_SERIES[:2] if args.quick else BASE_SERIES,
                                     extend=not args.quick, keep=shared),
            "search": lambda: search_stage(
                base, work, quick=args.quick, lighthouse_runs=args.lighthouse_runs,
                built={size: done for size, done in (shared or {}).items() if done}),
        }
        for part in PARTS:
            if part not in parts:
                continue
            print(f"bench: {part}…", file=sys.stderr, flush=True)
            begun = time.monotonic()
            try:
                results[part] = steps[part]()
            except Exception as exc:  # noqa: BLE001 - one failing part must not hide the others
                results[part] = {"error": f"{type(exc).__name__}: {exc}"[:3000]}
            results[part]["elapsed_s"] = round(time.monotonic() - begun, 1)
    results["total_s"] = round(time.monotonic() - started, 1)
    results["environment"]["load_average_at_end"] = [round(v, 1) for v in os.getloadavg()]
    # A child's peak memory on Linux starts from this process's size when it was started.
    results["environment"]["launcher_max_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = json.dumps(results, indent=2, ensure_ascii=False)
    (RESULTS / f"bench-{stamp}.json").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    figures = report.markdown(results)
    (RESULTS / "latest.md").write_text(figures, encoding="utf-8")
    print(report.table(results))
    print(f"\nJSON: {(RESULTS / f'bench-{stamp}.json').relative_to(ROOT)}")
    if args.update_doc:
        # Both figure sections from this one run: the targets and series, and search per reader.
        report.update_doc(ROOT / "BENCHMARKS.md", report.markdown(results, with_search=False))
        if results.get("search", {}).get("rows") or results.get("search", {}).get("lighthouse"):
            from . import search
            env = results["environment"]
            search.update_doc(ROOT / "BENCHMARKS.md", results["search"],
                              how=f"`python -m bench` (commit `{env['commit']}`), the same run as "
                                  f"the figures section above, {args.lighthouse_runs} Lighthouse "
                                  "runs per page and site")
        print("BENCHMARKS.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
