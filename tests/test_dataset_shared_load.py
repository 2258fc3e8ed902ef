"""Loading data in two processes (ngoplan.check.dataset._check_files): with many bytes to
read, a forked child checks the larger files at the end of the list while the build
checks the rest. The result must be what one process gives: the same documents (values
and positions), the same findings in the same order, and every file in the cache; and a
child that dies leaves its files to the build.

Each check runs in a fresh interpreter (conftest.in_fresh_interpreter): under
pytest-xdist a thread runs beside the tests, and the loader forks no child then."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from conftest import ROOT, in_fresh_interpreter
from ngoplan.check import dataset as dataset_mod
from ngoplan.cache import Cache

INVALID = ROOT / "tests" / "invalid"


def _load(root, share: bool, cache: Cache | None = None):
    dataset_mod._SHARE_FROM_BYTES = 0 if share else 10**12
    return dataset_mod.load_dataset(root, cache)


def _documents(dataset) -> dict:
    docs = {("site", kind): doc for kind, doc in dataset.site.items()}
    docs |= {(plan, kind): doc for plan, kinds in dataset.plans.items() for kind, doc in kinds.items()}
    # Positions are kept by each container's id, which differs between two loads: compared
    # in the order of a walk of the value, as a copy carries them.
    return {key: (doc.file, doc.value, doc.__getstate__()["positions"], doc.complete)
            for key, doc in docs.items()}


def _counting_forks() -> list:
    forks = []
    real_fork = os.fork
    os.fork = lambda: forks.append(1) or real_fork()
    return forks


def _two_processes_load_what_one_does() -> None:
    forks = _counting_forks()
    cache = Cache()
    shared, shared_findings = _load(ROOT, share=True, cache=cache)
    assert forks, "no child was forked: the test would compare one process with itself"
    alone, alone_findings = _load(ROOT, share=False)
    assert shared_findings == alone_findings == []
    assert _documents(shared) == _documents(alone)
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yaml")}
    assert files <= set(cache.files), sorted(files - set(cache.files))


def _two_processes_find_what_one_does() -> None:
    """Broken files in both halves: the same findings, file by file, in the same order."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(INVALID / "base", root / "data")
        calendars = sorted((root / "data").rglob("calendar.yaml"))
        plans = sorted((root / "data").rglob("plan.yaml"))
        assert calendars and plans and "plan_year:" in plans[0].read_text(encoding="utf-8")
        calendars[-1].write_text(calendars[-1].read_text(encoding="utf-8") + "\nitems: [\n",
                                 encoding="utf-8")
        plans[0].write_text(plans[0].read_text(encoding="utf-8").replace("plan_year:", "plan_yaer:", 1),
                            encoding="utf-8")
        forks = _counting_forks()
        _, shared = _load(root, share=True)
        assert forks
        _, alone = _load(root, share=False)
    assert len(alone) >= 2
    assert [f.format() for f in shared] == [f.format() for f in alone]


def _a_child_that_dies_leaves_its_files_to_the_build() -> None:
    parent = os.getpid()
    real_check = dataset_mod._check_file

    def dies_in_the_child(*args):
        if os.getpid() != parent:
            os._exit(3)
        return real_check(*args)

    dataset_mod._check_file = dies_in_the_child
    shared, findings = _load(ROOT, share=True)
    dataset_mod._check_file = real_check
    alone, _ = _load(ROOT, share=False)
    assert findings == []
    assert _documents(shared) == _documents(alone)


def test_two_processes_load_what_one_does():
    in_fresh_interpreter("test_dataset_shared_load", "_two_processes_load_what_one_does")


def test_two_processes_find_what_one_does():
    in_fresh_interpreter("test_dataset_shared_load", "_two_processes_find_what_one_does")


def test_a_child_that_dies_leaves_its_files_to_the_build():
    in_fresh_interpreter("test_dataset_shared_load", "_a_child_that_dies_leaves_its_files_to_the_build")
