"""Worker run in a fresh interpreter: time the plan package of one project by stage.

    python -m bench.stages stages PROJECT   # load, schema, rules, pages, feeds, JSON
    python -m bench.stages validate PROJECT # load_dataset() once, cold
    python -m bench.stages probe PROJECT M1,M2 # which page markers fail on the project's data

Prints one JSON line. The package is imported from PROJECT/hooks, so a synthetic project
is measured with exactly the code copied into it. Stages call the package's functions
directly; a stage with nothing that implements it yet is reported as null ("n/a").
"""

from __future__ import annotations

import inspect
import json
import resource
import sys
import time
from pathlib import Path


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _data_files(root: Path, kinds: list[str], site_kinds) -> list[tuple[str, Path, str | None]]:
    """(plan id or None, path, kind) of every data file the dataset would read."""
    data = root / "data"
    files = [(None, data / f"{kind}.yaml", kind) for kind in site_kinds
             if (data / f"{kind}.yaml").exists()]
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.yaml")):
            if path.stem in kinds:
                files.append((folder.name, path, path.stem))
    return files


def _classify(outputs: list[str]) -> str:
    """Which stage a generator belongs to, by the files it produced."""
    suffixes = [name.rsplit(".", 1)[-1].lower() for name in outputs]
    if "ics" in suffixes:
        return "feeds"
    if "json" in suffixes:
        return "json"
    if "md" in suffixes:
        return "pages"
    return "other"


def stages(root: Path) -> dict:
    result: dict = {"stages": {}, "counts": {}}
    timings = result["stages"]

    start = time.perf_counter()
    from ngoplan.check import dataset as dataset_mod
    from ngoplan.check import rules, yamlload
    from ngoplan.check.schemas import SITE_KINDS, plan_kinds
    from ngoplan.check.validate import schema_findings
    timings["import"] = time.perf_counter() - start

    files = _data_files(root, plan_kinds(), SITE_KINDS)
    result["counts"]["data_files"] = len(files)
    result["counts"]["data_bytes"] = sum(path.stat().st_size for _, path, _ in files)

    # The floor for loading: libyaml's event stream alone, no values built (DESIGN.md's
    # performance notes). Run after the timed stages would be warm, so run it first.
    try:
        import yaml
        from yaml.cyaml import CParser

        start = time.perf_counter()
        for _, path, _ in files:
            parser = CParser(path.read_bytes())
            while type(parser.get_event()) is not yaml.StreamEndEvent:
                pass
        result["libyaml_events_only"] = time.perf_counter() - start
    except ImportError:
        result["libyaml_events_only"] = None

    start = time.perf_counter()
    docs = []
    findings = []
    for plan_id, path, kind in files:
        doc, found = yamlload.load(path.relative_to(root).as_posix(), path.read_bytes())
        docs.append((plan_id, kind, doc))
        findings += found
    timings["load"] = time.perf_counter() - start

    # Validators are compiled on first use: that is part of a cold validation.
    start = time.perf_counter()
    for _, kind, doc in docs:
        findings += schema_findings(doc, kind)
    timings["schema"] = time.perf_counter() - start

    dataset = dataset_mod.Dataset(root)
    for plan_id, kind, doc in docs:
        if plan_id is None:
            dataset.site[kind] = doc
        else:
            dataset.plans.setdefault(plan_id, {})[kind] = doc
    # As load_dataset() runs them: without cyclic garbage collection, whose full passes walk
    # the whole loaded dataset again and again (that made this stage look superlinear).
    start = time.perf_counter()
    with yamlload.gc_paused():
        findings += rules.check(dataset)
    timings["rules"] = time.perf_counter() - start
    timings["validation"] = timings["load"] + timings["schema"] + timings["rules"]
    result["counts"]["findings"] = len(findings)
    result["counts"]["calendar_items"] = sum(
        len(docs_.get("calendar").value.get("items", []))
        for docs_ in dataset.plans.values() if docs_.get("calendar") is not None)

    try:
        from ngoplan.web.context import PageContext
        from ngoplan.web.registry import GENERATORS, SiteInfo, load_parts
        from ngoplan.web.render import replace_markers
    except ImportError:
        for stage in ("pages", "feeds", "json"):
            timings[stage] = None
        return result

    start = time.perf_counter()
    load_parts()
    timings["import_parts"] = time.perf_counter() - start

    site = SiteInfo(url="https://testi.invalid/")
    try:
        from ngoplan.web.context import BuildState
        state = BuildState(dataset, site)
    except ImportError:  # a project from before the build state
        state = None
    by_stage: dict[str, float] = {}
    generated_pages: list[tuple[str, str]] = []
    outputs_total = {"pages": 0, "feeds": 0, "json": 0, "other": 0}
    for func in GENERATORS:
        start = time.perf_counter()
        # Generators take the build state; a project from before it passed (dataset, site).
        takes_state = len(inspect.signature(func).parameters) == 1
        outputs = list(func(state) if takes_state else func(dataset, site))
        elapsed = time.perf_counter() - start
        stage = _classify([out.src_uri for out in outputs])
        by_stage[stage] = by_stage.get(stage, 0.0) + elapsed
        result.setdefault("generators", {})[f"{func.__module__}.{func.__name__}"] = round(elapsed, 3)
        outputs_total[stage] += len(outputs)
        generated_pages += [(out.src_uri, out.content) for out in outputs
                            if out.src_uri.endswith(".md") and isinstance(out.content, str)]

    # Time each fragment by marker name, to name the one responsible when pages are slow.
    from ngoplan.web.registry import FRAGMENTS

    per_marker: dict[str, float] = {}

    def timed(name, func):
        def wrapper(*args, **kwargs):
            begun = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                per_marker[name] = per_marker.get(name, 0.0) + time.perf_counter() - begun
        return wrapper

    fragments = {name: timed(name, func) for name, func in FRAGMENTS.items()}
    # Every page's markers, as on_page_content replaces them (the marker comments pass
    # through Markdown unchanged, so the Markdown source gives the same fragments).
    content = root / "content"
    pages = [(p.relative_to(content).as_posix(), p.read_text(encoding="utf-8"))
             for p in sorted(content.rglob("*.md"))] + generated_pages
    start = time.perf_counter()
    for src_uri, text in pages:
        parts = src_uri.split("/")
        plan_id = parts[0] if len(parts) > 1 and parts[0] in dataset.plans else None
        if state is None:
            replace_markers(text, PageContext(dataset, plan_id))
        else:
            replace_markers(text, PageContext(dataset, plan_id, src_uri, state), fragments)
    markers = time.perf_counter() - start
    result["markers"] = round(markers, 3)
    result["markers_by_name"] = {k: round(v, 3) for k, v in
                                 sorted(per_marker.items(), key=lambda kv: -kv[1]) if v >= 0.001}
    timings["pages"] = by_stage.get("pages", 0.0) + markers
    timings["feeds"] = by_stage.get("feeds")
    timings["json"] = by_stage.get("json")
    if "other" in by_stage:
        timings["other_generated"] = by_stage["other"]
    result["counts"]["pages"] = len(pages)
    result["counts"]["generated"] = outputs_total
    return result


def validate(root: Path) -> dict:
    start = time.perf_counter()
    from ngoplan.check.dataset import load_dataset
    imported = time.perf_counter() - start
    start = time.perf_counter()
    _, findings = load_dataset(root)
    elapsed = time.perf_counter() - start
    return {"import": imported, "validation": elapsed, "findings": len(findings),
            "first_findings": [f.format() for f in findings[:5]]}


def probe(root: Path, markers: str = "") -> dict:
    """Which of the markers (comma-separated) fail on this project's first plan."""
    from ngoplan.check.dataset import load_dataset
    from ngoplan.web.context import BuildState, PageContext
    from ngoplan.web.registry import FRAGMENTS, SiteInfo, generated_files, load_parts

    load_parts()
    dataset, findings = load_dataset(root)
    if findings:
        return {"findings": [f.format() for f in findings[:10]], "failing": {}}
    # As in a build: generated files first (a fragment may link to what they made).
    site = SiteInfo(url="https://testi.invalid/")
    state = BuildState(dataset, site)
    list(generated_files(state))
    plan_id = sorted(dataset.plans)[0]
    failing: dict[str, str] = {}
    for name in filter(None, markers.split(",")):
        if name not in FRAGMENTS:
            failing[name] = "not registered"
            continue
        try:
            FRAGMENTS[name](PageContext(dataset, plan_id, f"{plan_id}/index.md", state), None)
        except Exception as exc:  # noqa: BLE001 - any failure is reported, not hidden
            failing[name] = f"{type(exc).__name__}: {exc}"[:200]
    return {"findings": [], "failing": failing}


MODES = {"stages": stages, "validate": validate, "probe": probe}


def main(argv: list[str]) -> int:
    mode, root = argv[0], Path(argv[1]).resolve()
    sys.path.insert(0, str(root / "hooks"))
    result = MODES[mode](root, *argv[2:])
    result["peak_rss_mb"] = _peak_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
