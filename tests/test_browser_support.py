"""Which Chromium the browser tests start, and that the installers provide it."""

from __future__ import annotations

import re

import browser_support
import pytest
from browser_support import FULL_CHROMIUM, HEADLESS_CHROMIUM, ROOT


@pytest.fixture
def builds(tmp_path, monkeypatch):
    """Both builds as files in tmp_path, no CHROMIUM set; returns (headless, full)."""
    headless, full = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    headless.touch()
    full.touch()
    monkeypatch.setattr(browser_support, "HEADLESS_CHROMIUM", str(headless))
    monkeypatch.setattr(browser_support, "FULL_CHROMIUM", str(full))
    monkeypatch.delenv("CHROMIUM", raising=False)
    return headless, full


def test_tests_take_the_headless_build_and_benchmarks_the_full_one(builds):
    headless, full = builds
    assert browser_support.chromium_path() == str(headless)
    assert browser_support.chromium_path(headless_build=False) == str(full)


def test_without_the_headless_build_the_full_one_is_used(builds):
    headless, full = builds
    headless.unlink()
    assert browser_support.chromium_path() == str(full)


def test_chromium_variable_wins(builds, tmp_path, monkeypatch):
    own = tmp_path / "own-chromium"
    own.touch()
    monkeypatch.setenv("CHROMIUM", str(own))
    assert browser_support.chromium_path() == browser_support.chromium_path(False) == str(own)


def test_missing_browser_is_a_finnish_error(builds, monkeypatch):
    monkeypatch.setenv("CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(RuntimeError, match="Chromiumia ei löydy polusta /nonexistent/chromium"):
        browser_support.chromium_path()


def test_make_and_ci_install_both_builds():
    """`make test` (the Makefile's browser target) and .ci/run install the packages whose
    files browser_support starts, and check for those very paths."""
    for name in ("Makefile", ".ci/run"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert re.search(r"chromium chromium-driver chromium-headless-shell", text), name
        assert HEADLESS_CHROMIUM in text and FULL_CHROMIUM in text, name
