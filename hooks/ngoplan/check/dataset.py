"""Load and check all data: every file, then the rules that span files.

The result is either a Dataset (nothing wrong) or a list of findings. Given a Cache (the
hook keeps one across `make serve` rebuilds), a file's load and schema findings are kept
by its content hash, so a rebuild after editing one file re-reads only that file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import rules
from .. import background
from ..cache import Cache, running_cache, using_cache
from .findings import Finding
from .schemas import SITE_KINDS, plan_kinds
from .validate import schema_findings
from .yamlload import gc_paused, load
from .yamlwalk import Document


@dataclass
class Dataset:
    root: Path
    site: dict[str, Document] = field(default_factory=dict)
    plans: dict[str, dict[str, Document]] = field(default_factory=dict)
    size: int = 0  # bytes of the data files read: how large a site is (web/ahead.py)


def _check_file(cache: Cache, root: Path, path: Path, kind: str) -> tuple[Document, list[Finding]]:
    raw = path.read_bytes()
    rel = path.relative_to(root).as_posix()
    digest = hashlib.sha256(raw).hexdigest()
    cached = cache.files.get(rel)
    if cached is not None and cached[0] == digest:
        return cached[1], cached[2]
    doc, findings = load(rel, raw)
    doc.memo["sha"] = digest
    if doc.complete:
        # A value the loader already flagged (yes/no/on/off) needs no second message.
        flagged = {(f.line, f.col) for f in findings}
        findings = findings + [f for f in schema_findings(doc, kind)
                               if (f.line, f.col) not in flagged]
    cache.files[rel] = (digest, doc, findings)  # one entry per file: old versions go
    return doc, findings


# Below this many bytes of data files to read afresh, a second process would cost more
# than it saves (a fork, and the child's documents sent back whole).
_SHARE_FROM_BYTES = 2_000_000


def _check_files(cache: Cache, root: Path, files: list[tuple[Path, str, int]]) -> dict:
    """_check_file() of each (path, kind, size): {path: (doc, findings)}. With many bytes to
    read afresh, a forked child (ngoplan.background) loads the larger files at the end of
    the list meanwhile (a plan's calendar is most of its data) and sends back its
    documents, which then enter this process's cache as its own would."""
    fresh = [(path, kind, size) for path, kind, size in files
             if cache.files.get(path.relative_to(root).as_posix()) is None]
    total = sum(size for _, _, size in fresh)
    child_share: list[tuple[Path, str]] = []
    if total >= _SHARE_FROM_BYTES:
        taken = 0
        for path, kind, size in reversed(fresh):
            if taken + size > total / 2:
                break
            child_share.append((path, kind))
            taken += size
    job = None
    if child_share:
        def load_share():
            return [(path, _check_file(cache, root, path, kind)) for path, kind in child_share]
        job = background.Job(load_share)
        if not job.forked:
            job, child_share = None, []
    results: dict = {}
    skipped = {path for path, _ in child_share}
    for path, kind, _ in files:
        if path not in skipped:
            results[path] = _check_file(cache, root, path, kind)
    if job is not None:
        try:
            for path, (doc, found) in job.result():
                cache.files[path.relative_to(root).as_posix()] = (doc.memo["sha"], doc, found)
                results[path] = (doc, found)
        except background.JobError:
            # The child died (out of memory, killed): this process reads them itself.
            for path, kind in child_share:
                results[path] = _check_file(cache, root, path, kind)
    return results


def _missing(rel: str, what: str) -> Finding:
    return Finding(rel, 1, 1, "(tiedosto)", f"tiedosto puuttuu; {what}")


def load_dataset(root: Path, cache: Cache | None = None) -> tuple[Dataset, list[Finding]]:
    """Read data/ under root. Findings are empty only when everything can be published.
    Without a cache every file is checked afresh (with the running cache's compiled
    schemas). The cache is the running one while the files are checked."""
    if cache is None:
        cache = Cache(memos=running_cache().memos)
    with using_cache(cache):
        cache.refresh()
        with gc_paused():
            return _load_dataset(root, cache)


def _load_dataset(root: Path, cache: Cache) -> tuple[Dataset, list[Finding]]:
    root = Path(root)
    data = root / "data"
    dataset = Dataset(root)
    findings: list[Finding] = []
    kinds = plan_kinds()
    site_files = [(data / f"{kind}.yaml", kind) for kind in SITE_KINDS]
    folders = sorted(p for p in data.iterdir() if p.is_dir())
    plan_files = {folder: [path for path in sorted(folder.iterdir())
                           if path.suffix in (".yaml", ".yml") and not path.name.startswith(".")]
                  for folder in folders}
    existing = [(path, kind) for path, kind in site_files if path.exists()] + [
        (path, path.stem) for paths in plan_files.values() for path in paths
        if path.suffix == ".yaml" and path.stem in kinds]
    to_check = [(path, kind, path.stat().st_size) for path, kind in existing]
    dataset.size = sum(size for _, _, size in to_check)
    checked = _check_files(cache, root, to_check)
    for path, kind in site_files:
        if not path.exists():
            findings.append(_missing(f"data/{kind}.yaml", "sivuston yhteiset tiedot ovat tässä tiedostossa"))
            continue
        doc, found = checked[path]
        findings += found
        dataset.site[kind] = doc
    for path in sorted(data.glob("*.y*ml")):
        if path.stem not in SITE_KINDS:
            findings.append(Finding(path.relative_to(root).as_posix(), 1, 1, "(tiedosto)",
                                    "tuntematon tiedosto; data/-kansion juuressa on vain "
                                    + ", ".join(f"{k}.yaml" for k in SITE_KINDS)
                                    + " ja suunnitelmien kansiot"))
    broken: set[str] = set()
    for folder in folders:
        before = len(findings)
        docs: dict[str, Document] = {}
        for path in plan_files[folder]:
            rel = path.relative_to(root).as_posix()
            if path.suffix == ".yml" or path.stem not in kinds:
                findings.append(Finding(rel, 1, 1, "(tiedosto)",
                                        "tuntematon tiedosto; sallitut tiedostot: "
                                        + ", ".join(f"{k}.yaml" for k in kinds)))
                continue
            doc, found = checked[path]
            findings += found
            if not found:
                docs[path.stem] = doc
        if not (folder / "plan.yaml").exists():
            findings.append(_missing(f"data/{folder.name}/plan.yaml",
                                     "jokaisella suunnitelmalla on plan.yaml (katso data/README.md)"))
        dataset.plans[folder.name] = docs
        if len(findings) > before:
            broken.add(folder.name)
    findings += rules.check(dataset, broken, cache.rules)
    return dataset, sorted(set(findings))
