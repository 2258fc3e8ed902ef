"""Reading git: a few plumbing commands, read-only, never failing.

Every function returns None when git cannot answer (no git, not a repository, a shallow
clone, a timeout): callers say that the history is unavailable instead of failing.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

GIT_TIMEOUT = 30  # seconds per git call
ZERO = "0" * 40  # git's "no object" (a file added or deleted)


def run(root: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    """Run git in root; None on any failure (missing git, not a repository, timeout)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY")}
    # Read-only: never take the index lock another git process may hold.
    env.update(GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    try:
        result = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root,
                                input=stdin, capture_output=True, timeout=GIT_TIMEOUT, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def repository(root: Path) -> tuple[str, str] | None:
    """(HEAD commit, root's path prefix inside the repository), or None when the full
    history is not there."""
    out = run(root, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository",
                     "--show-prefix", "HEAD"])
    if out is None:
        return None
    lines = out.decode("utf-8", "replace").split("\n")
    if len(lines) < 4 or lines[0] != "true" or lines[1] != "false":
        return None
    return lines[3].strip(), lines[2].strip()


def resolve(root: Path, revision: str) -> str | None:
    """The commit a revision name (sha, branch, tag, HEAD~1) points at, or None."""
    if not revision or revision.startswith("-"):
        return None
    out = run(root, ["rev-parse", "--verify", "--quiet", "--end-of-options",
                     f"{revision}^{{commit}}"])
    return out.decode().strip() if out else None


def log(root: Path, limit: int) -> list[tuple[str, int, list[tuple[str, str, str]]]] | None:
    """Commits touching data/ or content/, newest first: (sha, unix time, [(old blob, new
    blob, path from repository top)]). Merges count as their diff to the first parent,
    which is what changed on the published branch."""
    out = run(root, ["log", "--first-parent", "-m", "--no-renames", "--raw", "--no-abbrev",
                     "--no-color", f"--max-count={limit}", "--format=%x01%H %ct",
                     "--", "data", "content"])
    if out is None:
        return None
    commits = []
    for line in out.decode("utf-8", "replace").split("\n"):
        if line.startswith("\x01"):
            sha, _, stamp = line[1:].partition(" ")
            commits.append((sha, int(stamp or 0), []))
        elif line.startswith(":") and commits:
            meta, _, path = line.partition("\t")
            fields = meta.split()
            if len(fields) >= 4:
                commits[-1][2].append((fields[2], fields[3], path))
    return commits


def tree(root: Path, commit: str, paths: list[str]) -> dict[str, str] | None:
    """{path from repository top: blob sha} of the files under paths at a commit."""
    listing = run(root, ["ls-tree", "-r", "--full-tree", commit, "--", *paths])
    if listing is None:
        return None
    found = {}
    for line in listing.decode("utf-8", "replace").split("\n"):
        meta, _, path = line.partition("\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == "blob":
            found[path] = fields[2]
    return found


def blobs(root: Path, shas: set[str]) -> dict[str, bytes] | None:
    """Read many blobs with one `git cat-file --batch`, keyed by the request (a blob sha
    or '<commit>:<path>'); missing objects are left out."""
    if not shas:
        return {}
    order = sorted(shas)
    out = run(root, ["cat-file", "--batch"], stdin="".join(s + "\n" for s in order).encode())
    if out is None:
        return None
    found: dict[str, bytes] = {}
    pos = 0
    for request in order:
        end = out.find(b"\n", pos)
        if end < 0:
            break
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3:  # "<request> missing"
            continue
        size = int(header[2])
        found[request] = out[pos:pos + size]
        pos += size + 1
    return found


def commit_date(stamp: int) -> str:
    """YYYY-MM-DD of a commit time in Finnish time."""
    return commit_time(stamp).date().isoformat()


def commit_time(stamp: int) -> dt.datetime:
    try:
        from zoneinfo import ZoneInfo
        zone = ZoneInfo("Europe/Helsinki")
    except Exception:  # no time zone data: UTC is a day off at most around midnight
        zone = dt.timezone.utc
    return dt.datetime.fromtimestamp(stamp, zone)


def plan_file(path: str, prefix: str = "") -> tuple[str, str, str] | None:
    """('data' | 'content', plan id, file name) for a repository path that is a plan's
    data or page file (under prefix, the repository's path to the project), else None."""
    if prefix:
        if not path.startswith(prefix):
            return None
        path = path[len(prefix):]
    parts = path.split("/")
    if len(parts) != 3:
        return None
    area, plan, name = parts
    if area == "data" and name.endswith(".yaml") and not name.startswith("."):
        return area, plan, name
    if area == "content" and name.endswith(".md"):
        return area, plan, name
    return None
