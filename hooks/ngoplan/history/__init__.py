"""A plan's change history from git, in Finnish words.

Each revision that changed a plan's data (data/<plan>/*.yaml) or text (content/<plan>/*.md)
becomes a list of sentences (data_diff, page_diff): an item added or removed, a timing
changed from one value to another, a text given anew. Revisions whose changes make no
difference a reader sees (comments, formatting, reordering) do not appear.

Git is read with one `git log` and one `git cat-file --batch` (git.py), the result cached
per HEAD commit. Git problems never fail a build: without a usable full history (a
downloaded archive, a shallow clone, no git) `plan_history` returns None and the page
says the history is unavailable. `changes_since` (for `make changes`) raises
HistoryError with a Finnish message instead. Knows nothing of MkDocs.

Personal data: a person's name or an e-mail address that the current data (the working
tree) no longer holds is never shown, whatever revision it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ..cache import memo
from . import git
from .data_diff import describe_data_change
from .git import plan_file
from .names import Names, Parsed, names_in
from .page_diff import describe_page_change
from .personal import current_personal, hidden_values, scrub

__all__ = ["HistoryError", "Revision", "changes_since", "describe_data_change",
           "describe_page_change", "plan_history"]

MAX_REVISIONS = 300  # commits read from git (over all plans); older history is not shown
MAX_LINES = 25  # sentences per revision; the rest is counted
# The plan page where a data kind's facts are read (links from the changelog's feed).
KIND_PAGES = MappingProxyType({"plan": "index", "bodies": "toimielimet", "networks": "verkostot",
              "grants": "avustukset", "calendar": "vuosikello", "legislation": "lainsaadanto",
              "goals": "tavoitteet", "monitoring": "seuranta", "cooperation": "yhteistyo",
              "organisations": "yhteistyo"})


class HistoryError(Exception):
    """The history cannot be read; the message is Finnish and says what to do."""


@dataclass(frozen=True)
class Revision:
    commit: str
    date: str  # YYYY-MM-DD, the commit date in Finnish time
    changes: tuple[str, ...]
    timestamp: int = 0  # the commit time (Unix seconds)
    pages: tuple[str, ...] = ()  # the plan's pages that show what changed ('vuosikello')


def plan_history(root: Path, plan_id: str) -> list[Revision] | None:
    """The plan's revisions, newest first; None when the history is unavailable."""
    histories = _histories(Path(root))
    if histories is None:
        return None
    return histories.get(plan_id, [])


def _histories(root: Path) -> dict[str, list[Revision]] | None:
    repo = git.repository(root)
    if repo is None:
        return None
    head, prefix = repo
    current = current_personal(root)
    # Kept in the running cache for one HEAD at a time: enough for a build or a preview.
    return memo("history", (str(root.resolve()), head, prefix, current),
                lambda: _build(root.resolve(), prefix, current), latest_only=True)


def _describe(area: str, name: str, before, after, path: str, names: Names,
              parsed: Parsed | None = None) -> list[str]:
    if area == "data":
        return describe_data_change(name.removesuffix(".yaml"), before, after, path, names, parsed)
    return describe_page_change(name, before, after)


def _page_of(area: str, name: str) -> str:
    stem = name.removesuffix(".yaml").removesuffix(".md")
    return KIND_PAGES.get(stem, "index") if area == "data" else stem


def _limited(lines: list[str]) -> list[str]:
    lines = list(dict.fromkeys(lines))  # two identical removals read as one sentence
    if len(lines) > MAX_LINES:
        rest = len(lines) - MAX_LINES + 1
        # "samassa tallennuksessa": a date lists several revisions, so the count says whose.
        return lines[:MAX_LINES - 1] + [f"… ja {rest} muuta muutosta samassa tallennuksessa."]
    return lines


def _build(root: Path, prefix: str, current: frozenset[str]) -> dict[str, list[Revision]] | None:
    commits = git.log(root, MAX_REVISIONS)
    if commits is None:
        return None
    wanted = set()
    for _, _, files in commits:
        for old, new, path in files:
            if plan_file(path, prefix):
                wanted.update(s for s in (old, new) if s != git.ZERO)
    # The plan files as they were before the oldest revision read, so that every
    # revision's full set of files is known: ids resolve to names of that revision.
    base: dict[str, str] = {}
    if commits:
        listing = git.tree(root, f"{commits[-1][0]}^", [prefix + "data"]) or {}
        base = {path: blob for path, blob in listing.items() if plan_file(path, prefix)}
        wanted.update(base.values())
    blobs = git.blobs(root, wanted)
    if blobs is None:
        return None
    paths = {}
    for _, _, files in commits:
        for old, new, path in files:
            paths[old] = paths[new] = path
    for path, blob in base.items():
        paths[blob] = path
    parsed = Parsed()
    hidden = hidden_values(((paths.get(sha, "")[len(prefix):], raw) for sha, raw in blobs.items()),
                     current, parsed)
    states = _states(commits, base, prefix)
    name_cache: dict[str, dict[str, str]] = {}

    def names_at(plan: str, trees) -> Names:
        merged: dict[str, str] = {}
        for tree in trees:  # later trees win: the newer name
            for path, blob in sorted(tree.items()):
                where = plan_file(path, prefix)
                if where is None or where[1] != plan or where[0] != "data":
                    continue
                if blob not in name_cache:
                    name_cache[blob] = names_in(parsed(path, blobs.get(blob)))
                merged.update(name_cache[blob])
        return Names(merged, hidden)

    result: dict[str, list[Revision]] = {}
    for (sha, stamp, files), (tree_before, tree_after) in zip(commits, states):
        per_plan: dict[str, list[str]] = {}
        pages: dict[str, list[str]] = {}
        for old, new, path in sorted(files, key=lambda f: f[2]):
            where = plan_file(path, prefix)
            if where is None:
                continue
            area, plan, name = where
            before = None if old == git.ZERO else blobs.get(old)
            after = None if new == git.ZERO else blobs.get(new)
            lines = _describe(area, name, before, after, path,
                              names_at(plan, (tree_before, tree_after)), parsed)
            if lines:
                per_plan.setdefault(plan, []).extend(scrub(line, hidden) for line in lines)
                if after is not None and _page_of(area, name) not in pages.get(plan, []):
                    pages.setdefault(plan, []).append(_page_of(area, name))
        for plan, lines in per_plan.items():
            result.setdefault(plan, []).append(Revision(
                sha, git.commit_date(stamp), tuple(_limited(lines)), stamp,
                tuple(pages.get(plan, ()))))
    return result


def _states(commits, base: dict[str, str], prefix: str):
    """(plan data files before, after) each commit, as {path: blob}, newest first."""
    state = dict(base)
    states = []
    for _, _, files in reversed(commits):
        before = dict(state)
        for _old, new, path in files:
            if not plan_file(path, prefix):
                continue
            if new == git.ZERO:
                state.pop(path, None)
            else:
                state[path] = new
        states.append((before, dict(state)))
    return list(reversed(states))


def changes_since(root: Path, revision: str) -> dict[str, list[str]]:
    """What a reader would see change between a revision and the working tree, as the
    changelog's sentences, by plan (plans in id order, no plan without changes)."""
    root = Path(root)
    repo = git.repository(root)
    if repo is None:
        raise HistoryError(
            "Versiohistoriaa ei löydy: tämä kansio ei ole git-työkopio, git puuttuu tai "
            "kopio on tehty ilman koko historiaa (git clone --depth). Hae koko historia "
            "komennolla git fetch --unshallow tai tee täysi kopio.")
    _head, prefix = repo
    commit = git.resolve(root, revision)
    if commit is None:
        raise HistoryError(
            f"Versiota '{revision}' ei löydy. Anna haaran nimi (esimerkiksi origin/main), "
            "tunniste tai commitin tunniste, jonka git log näyttää.")
    old_tree = git.tree(root, commit, [prefix + "data", prefix + "content"])
    if old_tree is None:
        raise HistoryError(f"Version '{revision}' tiedostoja ei voitu lukea gitistä.")
    old_files = {path[len(prefix):]: blob for path, blob in old_tree.items()
                 if plan_file(path, prefix)}
    old_raw = git.blobs(root, set(old_files.values()))
    if old_raw is None:
        raise HistoryError(f"Version '{revision}' tiedostoja ei voitu lukea gitistä.")
    before = {path: old_raw.get(blob) for path, blob in old_files.items()}
    after = {}
    for area, pattern in (("data", "data/*/*.yaml"), ("content", "content/*/*.md")):
        for path in root.glob(pattern):
            rel = path.relative_to(root).as_posix()
            if plan_file(rel):
                after[rel] = path.read_bytes()
    current = current_personal(root)
    parsed = Parsed()
    hidden = hidden_values(before.items(), current, parsed)
    plans: dict[str, list[str]] = {}
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        area, plan, name = plan_file(path)
        names: dict[str, str] = {}
        for files in (before, after):  # the newer name wins
            for other, raw in sorted(files.items()):
                where = plan_file(other)
                if where[0] == "data" and where[1] == plan:
                    names.update(names_in(parsed(other, raw)))
        lines = _describe(area, name, old, new, path, Names(names, hidden), parsed)
        if lines:
            plans.setdefault(plan, []).extend(scrub(line, hidden) for line in lines)
    return {plan: list(dict.fromkeys(lines)) for plan, lines in sorted(plans.items())}
