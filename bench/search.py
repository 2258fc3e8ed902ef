"""The search stage of `make bench`: what search costs a reader, the site (Pagefind)
against stock Material's search, and first paint against a bare Material build.

For the repository and synthetic sites of 1, 5 and 22 plans, in the same run:
- the site built as `make site` builds it (Pagefind indexing included): build time, HTML
  size and pages, per plan; the Pagefind bundle on disk; Pagefind's indexing time alone;
- the plain Material site of the same pages' text (bench/plain.py, print pages left out
  of its search as in the site), built with Material's search plugin: the "before";
- in Debian's Chromium, the request log of a page view and of queries, in bytes of the
  files served (our server sends files as they are, uncompressed; Pagefind's index files
  are gzip inside, Material's index is plain JSON, so its gzip size is given too):
  Pagefind: the page view (launcher script), the first query (Pagefind's script, its
  WebAssembly, the index chunks and the fragments of the results shown) and each later
  query; Material: everything its search loads, which stock Material loads on every page
  view and which a "load on first use" variant would load with the first query;
- Lighthouse (npm, mobile, simulated throttling) performance on each real plan's front
  page, the site against the plain Material site, alternating runs, medians.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

# The browser tests' way to serve a site and find Debian's Chromium (here its full build,
# the one a reader runs), so both measure alike.
from tests.browser_support import CHROMIUM_ARGS, chromium_path
from tests.browser_support import SiteServer as Served

from .common import ROOT, mkdocs_build, rounded, run, snapshot
from .plain import write_plain_site
from .project import synthetic_project

SIZES = [(1, 500), (5, 500), (22, 500)]
QUICK_SIZES = [(1, 100), (5, 100)]
# The Finnish forms of the search issue; each site is asked the same words.
QUERIES = ("avustuksista", "kokoukset", "neuvottelukunnan")
PAGE_VIEW_LIMIT_KB = 150
QUERY_LIMIT_KB = 300
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
def _file(site: Path, url: str) -> Path:
    rel = urlsplit(url).path.lstrip("/")
    return site / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def _size(site: Path, url: str) -> int:
    file = _file(site, url)
    return file.stat().st_size if file.is_file() else 0


def _kb(value: int | float | None) -> float | None:
    return None if value is None else round(value / 1000, 1)


def _dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 2)


def _html_mb(site: Path) -> float:
    return round(sum(p.stat().st_size for p in site.rglob("*.html")) / 2**20, 2)


def _exclude_print_pages(plain: Path) -> None:
    """The site keeps print pages out of search; so does the plain site it is compared to."""
    for page in (plain / "docs").rglob("tulosta/index.md"):
        page.write_text("---\nsearch:\n  exclude: true\n---\n\n" + page.read_text(encoding="utf-8"),
                        encoding="utf-8")


def _prune_navigation(plain: Path) -> None:
    """Material writes the whole navigation into every page unless navigation.prune is on
    (the site has it); at 22 plans that makes the plain build take many minutes without
    changing its search index, so the synthetic sizes' plain sites prune too."""
    import yaml

    config_path = plain / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["theme"]["features"] = ["navigation.prune"]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _front_pages(site: Path) -> list[str]:
    return sorted("/" + p.parent.parent.name + "/" for p in site.glob("*/vuosikello/index.html"))


def _browse(site: Path, start: str, action) -> dict:
    from playwright.sync_api import sync_playwright

    with Served(site) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(headless_build=False), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        log: list[str] = []
        context.on("requestfinished", lambda request: log.append(request.url))
        page = context.new_page()
        try:
            return action(page, served.origin + start, log)
        finally:
            context.close()
            browser.close()


def _is_pagefind(url: str) -> bool:
    path = urlsplit(url).path
    return "/pagefind/" in path or "ngo-search" in path


def _is_material_search(url: str) -> bool:
    path = urlsplit(url).path
    return "search_index.json" in path or "/workers/search" in path or "/lunr/" in path


def pagefind_costs(site: Path, start: str) -> dict:
    """Bytes of a page view and of each query, from the request log."""
    def action(page, url, log):
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        view = [u for u in log if _is_pagefind(u)]
        queries = []
        for index, query in enumerate(QUERIES):
            begin = len(log)
            if index == 0:
                page.keyboard.press("/")
                page.wait_for_function("document.getElementById('ngo-search').open")
            page.fill("#ngo-search-input", "")
            page.keyboard.type(query)
            page.wait_for_function(
                "(q) => document.querySelector('.ngo-search__status').textContent.includes(q)",
                arg=query, timeout=60_000)
            page.wait_for_load_state("networkidle")
            asked = [u for u in log[begin:] if _is_pagefind(u)]
            queries.append({"query": query, "results": page.locator(".ngo-search__result").count(),
                            "status": page.locator(".ngo-search__status").inner_text(),
                            "bytes": sum(_size(site, u) for u in asked),
                            "requests": len(asked)})
        return {"page_view_bytes": sum(_size(site, u) for u in view),
                "page_view_index_requests": [urlsplit(u).path for u in view if "/pagefind/" in u],
                "queries": queries}
    return _browse(site, start, action)


def material_costs(site: Path, start: str) -> dict:
    """What Material's search loads (all on the page view), raw and gzipped."""
    def action(page, url, log):
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # the worker fetches the index after start-up
        page.wait_for_load_state("networkidle")
        loaded = sorted({u for u in log if _is_material_search(u)})
        raw = sum(_size(site, u) for u in loaded)
        zipped = sum(len(gzip.compress(_file(site, u).read_bytes(), 6)) for u in loaded
                     if _file(site, u).is_file())
        index = site / "search" / "search_index.json"
        return {"page_view_bytes": raw, "page_view_gzip_bytes": zipped,
                "files": [urlsplit(u).path for u in loaded],
                "index_bytes": index.stat().st_size if index.exists() else None}
    return _browse(site, start, action)


def _index_time(project: Path, site: Path) -> dict | None:
    """Pagefind's indexing alone, as the build's hook runs it, on the built site: wall time
    and CPU time (Pagefind's process included; wall time on a busy machine is mostly
    waiting for a core)."""
    code = ("import resource, sys, time; from pathlib import Path; from ngoplan import search; "
            "t = time.perf_counter(); search.index_site(Path(sys.argv[1])); "
            "c = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(time.perf_counter() - t, time.process_time() + c.ru_utime + c.ru_stime)")
    result = run([sys.executable, "-c", code, str(site)], cwd=project, pythonpath=project / "hooks")
    if result.returncode != 0:
        return None
    wall, cpu = (float(v) for v in result.stdout.strip().splitlines()[-1].split())
    return {"wall_s": rounded(wall), "cpu_s": rounded(cpu)}


def measure_site(project: Path, work: Path, label: str, plans: int, *, prune: bool = False,
                 built: tuple[Path, float] | None = None) -> dict:
    """built: (site, build seconds) of this project already built in the same run (the
    series builds the same synthetic sizes): measured instead of building it again."""
    site, plain = work / f"{label}-site", work / f"{label}-plain"
    if built is not None:
        site, seconds = built
    else:
        build = mkdocs_build(project, site)
        if build.returncode != 0:
            return {"label": label, "error": "build failed: " + build.stderr[-2000:]}
        seconds = build.seconds
    write_plain_site(site, plain, site_name="Vertailu")
    _exclude_print_pages(plain)
    if prune:
        _prune_navigation(plain)
    plain_build = mkdocs_build(plain, plain / "site", strict=False)
    if plain_build.returncode != 0:
        return {"label": label, "error": "plain build failed: " + plain_build.stderr[-2000:]}
    start = _front_pages(site)[0]
    pages = sum(1 for _ in site.rglob("*.html"))
    row = {
        "label": label, "plans": plans, "pages": pages,
        "build_s": rounded(seconds), "build_s_per_plan": rounded(seconds / plans),
        "build_reused_from_series": built is not None,
        "html_mb": _html_mb(site), "html_mb_per_plan": round(_html_mb(site) / plans, 2),
        "pagefind_bundle_mb": _dir_mb(site / "pagefind"),
        "pagefind_index_s": _index_time(project, site),
        "plain_build_s": rounded(plain_build.seconds),
        "start_page": start,
        "pagefind": pagefind_costs(site, start),
        "material": material_costs(plain / "site", start),
    }
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(plain / "site", ignore_errors=True)
    return row


def _lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": chromium_path(headless_build=False)}
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance,accessibility", "--output=json",
         f"--output-path={out}", "--quiet", "--max-wait-for-load=60000",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError("lighthouse failed: " + result.stderr[-1500:])
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {"performance": report["categories"]["performance"]["score"],
            "accessibility": report["categories"]["accessibility"]["score"],
            "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "failed_accessibility": sorted(
                ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]
                if (audits[ref["id"]].get("score") is not None and audits[ref["id"]]["score"] < 1
                    and ref.get("weight", 0) > 0))}


def lighthouse(base: Path, work: Path, runs: int) -> dict:
    """Each real plan's front page: the site vs the plain Material site, alternating."""
    if not LIGHTHOUSE.exists():
        return {"error": "lighthouse is not installed (npm ci)"}
    project = snapshot(base, work / "lh-repo")
    site, plain = work / "lh-site", work / "lh-plain"
    if mkdocs_build(project, site).returncode != 0:
        return {"error": "build failed"}
    write_plain_site(site, plain, site_name="Vertailu")
    _exclude_print_pages(plain)
    if mkdocs_build(plain, plain / "site", strict=False).returncode != 0:
        return {"error": "plain build failed"}
    fronts = _front_pages(site)
    results: dict = {"runs": runs, "pages": {}}
    with Served(site) as ours, Served(plain / "site") as bare:
        for front in fronts:
            measured = {"site": [], "plain": []}
            for index in range(runs):
                order = ("site", "plain") if index % 2 == 0 else ("plain", "site")
                for which in order:
                    origin = ours.origin if which == "site" else bare.origin
                    measured[which].append(_lighthouse(origin + front, work / f"lh-{which}.json"))
            summary = {}
            for which, values in measured.items():
                summary[which] = {
                    "performance_median": statistics.median(v["performance"] for v in values),
                    "performance_runs": [v["performance"] for v in values],
                    "accessibility_min": min(v["accessibility"] for v in values),
                    "fcp_ms_median": statistics.median(v["fcp_ms"] for v in values),
                    "lcp_ms_median": statistics.median(v["lcp_ms"] for v in values),
                    "tbt_ms_median": statistics.median(v["tbt_ms"] for v in values),
                    "failed_accessibility": sorted({a for v in values for a in v["failed_accessibility"]}),
                }
            results["pages"][front] = summary
    return results


def search_stage(base: Path, work: Path, *, quick: bool, lighthouse_runs: int,
                 sizes: list[tuple[int, int]] | None = None, progress: Path | None = None,
                 built: dict | None = None) -> dict:
    """progress: a JSON file rewritten after each site, so a stopped run keeps its rows.
    built: (plans, items) -> (project, site, build seconds) that the same run's series
    built already; those sizes are measured from them, not built a second time."""
    built = built or {}
    rows = []
    load = [round(v, 1) for v in os.getloadavg()]
    result = {"rows": rows, "queries": list(QUERIES), "load_average": load}

    def done(label: str) -> None:
        print(f"  search {label}: done", file=sys.stderr, flush=True)
        if progress:
            progress.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")

    sizes = (QUICK_SIZES if quick else SIZES) if sizes is None else sizes
    if sizes:
        repo = snapshot(base, work / "search-repo")
        plans = len([p for p in (repo / "data").iterdir() if p.is_dir()])
        rows.append(measure_site(repo, work, "repository", plans))
        done("repository")
    for count, items in sizes:
        if (count, items) in built:
            project, site, seconds = built[(count, items)]
            rows.append(measure_site(project, work, f"{count}×{items}", count, prune=True,
                                     built=(site, seconds)))
        else:
            project, _ = synthetic_project(base, work / f"search-{count}x{items}", plans=count,
                                           items=items, bodies=10)
            rows.append(measure_site(project, work, f"{count}×{items}", count, prune=True))
        shutil.rmtree(project, ignore_errors=True)
        done(f"{count}×{items}")
    if lighthouse_runs:
        try:
            result["lighthouse"] = lighthouse(base, work, lighthouse_runs)
        except Exception as exc:  # noqa: BLE001 - the byte figures stand without it
            result["lighthouse"] = {"error": f"{type(exc).__name__}: {exc}"[:2000]}
    return result


# --- report -------------------------------------------------------------------------------

HEADER = ["site", "pages", "build s", "build s/plan", "HTML MB/plan", "Pagefind index s (CPU s)",
          "Material: page view kB (gzip)", "Pagefind: page view kB", "Pagefind: 1st query kB",
          "Pagefind: later query kB (max)", "results (3 queries)"]


def _index_cell(value) -> str:
    if isinstance(value, dict):
        return f"{value['wall_s']:.2f} (CPU {value['cpu_s']:.2f})"
    return "n/a" if value is None else f"{value:.2f}"


def rows(results: dict) -> list[list[str]]:
    out = []
    for row in results.get("rows", []):
        if "error" in row:
            out.append([row["label"], "error"] + [""] * (len(HEADER) - 2))
            continue
        queries = row["pagefind"]["queries"]
        material = row["material"]
        out.append([
            row["label"], str(row["pages"]), f"{row['build_s']:.1f}", f"{row['build_s_per_plan']:.2f}",
            f"{row['html_mb_per_plan']:.2f}", _index_cell(row.get("pagefind_index_s")),
            f"{_kb(material['page_view_bytes'])} ({_kb(material['page_view_gzip_bytes'])})",
            f"{_kb(row['pagefind']['page_view_bytes'])}",
            f"{_kb(queries[0]['bytes'])}",
            f"{_kb(max(q['bytes'] for q in queries[1:]))}" if len(queries) > 1 else "n/a",
            " / ".join(str(q["results"]) for q in queries),
        ])
    return out


def verdicts(results: dict) -> list[str]:
    lines = []
    for row in results.get("rows", []):
        if "error" in row:
            lines.append(f"{row['label']}: ERROR {row['error'][:300]}")
            continue
        view = row["pagefind"]["page_view_bytes"] / 1000
        worst = max(q["bytes"] for q in row["pagefind"]["queries"]) / 1000
        material = row["material"]["page_view_bytes"] / 1000
        lines.append(
            f"{row['label']}: Pagefind page view {view:.1f} kB (≤ {PAGE_VIEW_LIMIT_KB}: "
            f"{'met' if view <= PAGE_VIEW_LIMIT_KB else 'MISSED'}), worst query {worst:.1f} kB "
            f"(≤ {QUERY_LIMIT_KB}: {'met' if worst <= QUERY_LIMIT_KB else 'MISSED'}); Material "
            f"{material:.1f} kB on every page view, or on the first query if loaded on first use "
            f"(≤ {QUERY_LIMIT_KB}: {'met' if material <= QUERY_LIMIT_KB else 'MISSED'})")
    return lines


def lighthouse_lines(results: dict) -> list[str]:
    block = results.get("lighthouse") or {}
    if "error" in block:
        return [f"Lighthouse: error — {block['error'].splitlines()[0]}"]
    lines = []
    for front, summary in block.get("pages", {}).items():
        site, plain = summary["site"], summary["plain"]
        lines.append(
            f"Lighthouse mobile {front}: performance {site['performance_median']:.2f} "
            f"(runs {site['performance_runs']}) vs bare Material {plain['performance_median']:.2f} "
            f"(runs {plain['performance_runs']}), {'at least' if site['performance_median'] >= plain['performance_median'] else 'BELOW'} "
            f"bare Material; FCP {site['fcp_ms_median']} vs {plain['fcp_ms_median']} ms, LCP "
            f"{site['lcp_ms_median']} vs {plain['lcp_ms_median']} ms, TBT {site['tbt_ms_median']} vs "
            f"{plain['tbt_ms_median']} ms; accessibility {site['accessibility_min']:.2f} "
            f"(bare Material {plain['accessibility_min']:.2f}"
            + (f", failing: {', '.join(plain['failed_accessibility'])}" if plain["failed_accessibility"] else "")
            + ")" + (f"; site failing: {', '.join(site['failed_accessibility'])}" if site["failed_accessibility"] else ""))
    return lines


def table(results: dict) -> str:
    from .report import _grid

    return "\n".join(["Search (Pagefind) vs Material's search, per reader:",
                      _grid(HEADER, rows(results))] + verdicts(results) + lighthouse_lines(results))


def markdown(results: dict) -> str:
    from .report import _md_table

    return "\n".join([_md_table(HEADER, rows(results)), ""]
                     + [f"- {line}" for line in verdicts(results) + lighthouse_lines(results)])


def main(argv: list[str]) -> int:
    """`python -m bench.search [--quick] [--lighthouse-runs N]`: this stage alone."""
    import argparse
    import tempfile

    from .common import make_base

    parser = argparse.ArgumentParser(prog="python -m bench.search")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--sizes", default=None,
                        help="synthetic sizes N×M, comma-separated (e.g. 1x500,22x500); 'none' for "
                             "Lighthouse alone; default 1, 5 and 22 plans × 500 items")
    parser.add_argument("--output", default="search-latest.json", help="file name in bench/results/")
    parser.add_argument("--update-doc", action="store_true",
                        help="rewrite the search figures in BENCHMARKS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ngoplan-bench-search-") as tmp:
        work = Path(tmp)
        base = make_base(work / "base")
        out = ROOT / "bench" / "results"
        out.mkdir(parents=True, exist_ok=True)
        sizes = None
        if args.sizes:
            sizes = [] if args.sizes == "none" else [
                tuple(int(n) for n in size.replace("×", "x").split("x")) for size in args.sizes.split(",")]
        results = search_stage(base, work, quick=args.quick, lighthouse_runs=args.lighthouse_runs,
                               sizes=sizes, progress=out / args.output)
    (out / args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(results))
    if args.update_doc:
        update_doc(ROOT / "BENCHMARKS.md", results)
        print("BENCHMARKS.md updated")
    return 0


START, END = "<!-- search:start -->", "<!-- search:end -->"


def update_doc(path: Path, results: dict, how: str | None = None) -> None:
    """Replace the figures between the search markers of BENCHMARKS.md. how: what measured
    them, as Markdown (default: this part alone)."""
    import time

    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    how = how or (f"`python -m bench.search --lighthouse-runs "
                  f"{(results.get('lighthouse') or {}).get('runs', 0)}`")
    stamp = (f"Measured {time.strftime('%Y-%m-%d')} by {how}; load average "
             f"(1 min) {results.get('load_average', ['?'])[0]} at the start of this part.")
    path.write_text(f"{head}{START}\n{stamp}\n\n{markdown(results)}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
