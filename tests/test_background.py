"""Generated files made in a forked child while the pages are rendered: the same files as
made in the build's own process, and a failure there stops the build with the same Finnish
error and nothing written."""

from __future__ import annotations

import logging
import os
import signal
import sys

import pytest

from conftest import ROOT
from ngoplan.check.dataset import load_dataset
from ngoplan import background
from ngoplan.web.context import BuildState
from ngoplan.web.registry import SiteInfo, generated_files, made_contents, planned_files

SITE = SiteInfo(url="https://example.org/")


@pytest.fixture(params=[True, False], ids=["forked", "serial"])
def fork(request, monkeypatch):
    """Both ways a job runs. Under pytest-xdist the worker has threads, so can_fork() says
    no; forking here is still safe: the child only computes, pickles and exits."""
    monkeypatch.setattr(background, "can_fork", lambda: request.param)
    return request.param


@pytest.fixture(scope="module")
def dataset():
    loaded, findings = load_dataset(ROOT)
    assert findings == []
    return loaded


def _fail(message):
    raise ValueError(message)


def test_a_job_gives_its_value_in_a_child_and_here(fork):
    job = background.Job(lambda: {"pid": os.getpid(), "bytes": b"\x00" * 300_000})
    assert job.forked is fork
    value = job.result()
    assert value["bytes"] == b"\x00" * 300_000  # more than a pipe holds at once
    assert (value["pid"] != os.getpid()) is fork


def test_an_error_in_the_work_is_the_same_error_in_a_child_and_here(fork):
    job = background.Job(lambda: _fail("rikki"))
    with pytest.raises(background.JobError, match="^rikki$"):
        job.result()


@pytest.mark.parametrize("death, said", [(lambda: os._exit(3), "paluuarvoon 3"),
                                         (lambda: os.kill(os.getpid(), signal.SIGKILL),
                                          "signaaliin 9")])
def test_a_child_that_dies_is_an_error_not_a_hang(monkeypatch, death, said):
    monkeypatch.setattr(background, "can_fork", lambda: True)
    job = background.Job(death)
    with pytest.raises(background.JobError, match=said):
        job.result()


def test_a_cancelled_child_is_reaped(monkeypatch):
    import time

    monkeypatch.setattr(background, "can_fork", lambda: True)
    job = background.Job(lambda: time.sleep(60))
    pid = job._pid
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # gone: no zombie left behind


def test_planned_files_are_the_generated_files_in_their_order(dataset, fork):
    whole = list(generated_files(BuildState(dataset, SITE)))
    planned = planned_files(BuildState(dataset, SITE))
    assert [f.src_uri for f in planned.files] == [f.src_uri for f in whole]
    assert planned.deferred, "the feeds are made later"
    state = BuildState(dataset, SITE)
    made = background.Job(lambda: made_contents(planned.deferred, state)).result()
    deferred = [f.src_uri for f in planned.files if f.content is None]
    assert [path for path, _ in made] == deferred
    assert any(path.endswith(".ics") for path in deferred)
    expected = {f.src_uri: f.content for f in whole}
    assert {path: content for path, content in made} == {p: expected[p] for p in deferred}
    assert all(f.content == expected[f.src_uri] for f in planned.files if f.content is not None)


def test_a_failing_generator_stops_the_build_in_finnish_and_writes_nothing(
        tmp_path, monkeypatch, caplog, fork):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from ngoplan.parts import feeds

    def broken(dataset, plan_id, site, model=None):
        raise ValueError(f"rikki prosessissa {os.getpid()}")

    monkeypatch.setattr(feeds, "plan_feed_files", broken)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # MkDocs imports the hook module under this name: leave the tests' own as it was.
    monkeypatch.setitem(sys.modules, "site_hooks", sys.modules.get("site_hooks"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "vanha.html").write_text("edellinen rakennus", encoding="utf-8")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build(config)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    prefix = ("Tiedostoja ei saatu tehtyä tiedoista, sivustoa ei rakennettu: "
              "calendar_feeds: ValueError: rikki prosessissa ")
    assert [e[:len(prefix)] for e in errors] == [prefix]
    assert (errors[0][len(prefix):] != str(os.getpid())) is fork
    assert not any(path.is_file() for path in site.rglob("*"))


def test_write_made_writes_nothing_when_a_generator_fails(tmp_path):
    from ngoplan.web.registry import GenerationError, GeneratedFile, write_made

    def good(state):
        yield GeneratedFile("a/yksi.ics", b"BEGIN:VCALENDAR\r\n")
        yield GeneratedFile("a/kaksi.txt", "teksti\n")

    def bad(state):
        yield GeneratedFile("b/kolme.ics", b"x")
        raise ValueError("rikki")

    dest = {name: str(tmp_path / name) for name in ("a/yksi.ics", "a/kaksi.txt", "b/kolme.ics")}
    with pytest.raises(GenerationError, match="bad: ValueError: rikki"):
        write_made((good, bad), None, dest)
    assert list(tmp_path.iterdir()) == []
    assert write_made((good,), None, dest) == ["a/yksi.ics", "a/kaksi.txt"]
    assert (tmp_path / "a" / "kaksi.txt").read_bytes() == "teksti\n".encode()
    with pytest.raises(GenerationError, match="ei ilmoitettu"):
        write_made((good,), None, {"a/yksi.ics": dest["a/yksi.ics"]})
