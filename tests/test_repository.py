"""The repository tracks sources only: no symbolic link and nothing an install makes."""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT

# What `make install` and `make test` create in the checkout (the .gitignore names them).
MADE_BY_INSTALL = (".venv", ".venv-properdocs", "node_modules")


def _tracked() -> list[tuple[str, str]]:
    """(mode, path) of every file git tracks."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listing = subprocess.run(["git", "ls-files", "-s", "-z"], cwd=ROOT, capture_output=True,
                             check=True).stdout.decode("utf-8").split("\0")
    return [(line.split()[0], line.split("\t", 1)[1]) for line in listing if line]


def test_no_symbolic_link_is_tracked():
    """A committed link (an environment linked into a second checkout, say) would replace
    the real folder in every checkout that takes the commit."""
    links = [path for mode, path in _tracked() if mode == "120000"]
    assert not links, f"symbolic links in the repository: {links}"


def test_nothing_an_install_makes_is_tracked_or_unignored():
    tracked = [path for _, path in _tracked() if path.split("/")[0] in MADE_BY_INSTALL]
    assert not tracked, tracked
    for name in MADE_BY_INSTALL:
        # Checked as a file name too: a symbolic link is not a directory to git.
        ignored = subprocess.run(["git", "check-ignore", "-q", "--no-index", name], cwd=ROOT)
        assert ignored.returncode == 0, f"{name} is not ignored by .gitignore"
