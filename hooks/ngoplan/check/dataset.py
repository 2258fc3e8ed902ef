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
    for kind in SITE_KINDS:
        path = data / f"{kind}.yaml"
        if not path.exists():
            findings.append(_missing(f"data/{kind}.yaml", "sivuston yhteiset tiedot ovat tässä tiedostossa"))
            continue
        doc, found = _check_file(cache, root, path, kind)
        findings += found
        dataset.site[kind] = doc
    for path in sorted(data.glob("*.y*ml")):
        if path.stem not in SITE_KINDS:
            findings.append(Finding(path.relative_to(root).as_posix(), 1, 1, "(tiedosto)",
                                    "tuntematon tiedosto; data/-kansion juuressa on vain "
                                    + ", ".join(f"{k}.yaml" for k in SITE_KINDS)
                                    + " ja suunnitelmien kansiot"))
    broken: set[str] = set()
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        before = len(findings)
        docs: dict[str, Document] = {}
        for path in sorted(folder.iterdir()):
            rel = path.relative_to(root).as_posix()
            if path.suffix not in (".yaml", ".yml") or path.name.startswith("."):
                continue
            if path.suffix == ".yml" or path.stem not in kinds:
                findings.append(Finding(rel, 1, 1, "(tiedosto)",
                                        "tuntematon tiedosto; sallitut tiedostot: "
                                        + ", ".join(f"{k}.yaml" for k in kinds)))
                continue
            doc, found = _check_file(cache, root, path, path.stem)
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
