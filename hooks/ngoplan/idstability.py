"""Ids stay stable across revisions: `python -m ngoplan ids [REVISION] [ROOT]`.

Ids become page addresses, anchors and calendar UIDs, so they outlive any one revision:
- an id of the published revision that the working tree no longer has is a warning
  (subscribers lose the event; links to it break);
- an id that a published revision had, that was later removed, and that the working tree
  uses again for something else (another kind of thing, or another name) is an error:
  old links and calendar entries would point at the new thing.
Restoring a removed entry as it was (same kind, same name) is fine, and so is renaming
an entry while its id stays.

The published revision is the one given (a pull request's base), else the newest tag,
else `origin/main` or `main`. Git is read through ngoplan.history.git (read-only).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from .check.findings import Finding, print_report
from .history import git

MAX_COMMITS = 2000  # history walked for removed ids; older commits are not read


class IdHistoryError(Exception):
    """Git cannot answer; the message is Finnish and says what to do."""


@dataclass(frozen=True)
class Entry:
    """What an id names: the data file and list it is in, and the entry's name."""

    file: str  # data/<plan>/<kind>.yaml
    where: str  # list path, e.g. items or grant_types.criteria
    name: str  # the entry's name or title (Finnish), "" when it has none

    def same_thing(self, other: "Entry") -> bool:
        return (self.file, self.where) == (other.file, other.where) and self.name == other.name


def _name(entry: dict) -> str:
    for key in ("name", "title"):
        value = entry.get(key)
        if isinstance(value, dict):
            value = value.get("fi")
        if isinstance(value, str):
            return " ".join(value.split())
    return ""


def ids_in(file: str, value) -> dict[tuple[str, str], Entry]:
    """Every entry with an id in one data file: {(file, id): Entry}. Ids are keyed per file,
    since each file's ids are their own namespace (and own addresses)."""
    found: dict[tuple[str, str], Entry] = {}

    def visit(node, path: tuple[str, ...]):
        if isinstance(node, dict):
            ident = node.get("id")
            if isinstance(ident, str) and path:
                found.setdefault((file, ident), Entry(file, ".".join(path), _name(node)))
            for key, child in node.items():
                if isinstance(key, str) and key != "source":
                    visit(child, path + (key,))
        elif isinstance(node, list):
            for child in node:
                visit(child, path)

    visit(value, ())
    return found


def _load(raw: bytes | str):
    try:
        return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None  # a broken file: `make validate` reports it; nothing to compare


def _plan_file(path: str) -> bool:
    return re.fullmatch(r"data/[a-z0-9-]+/[a-z_]+\.yaml", path) is not None


def working_tree(root: Path) -> dict[tuple[str, str], Entry]:
    found: dict[tuple[str, str], Entry] = {}
    for path in sorted((root / "data").glob("*/*.yaml")):
        rel = path.relative_to(root).as_posix()
        found |= ids_in(rel, _load(path.read_bytes()))
    return found


def published_revision(root: Path, revision: str | None) -> str:
    if git.repository(root) is None:
        raise IdHistoryError(
            "versiohistoriaa ei ole (ei git-kopiota tai vain osittainen kopio): tunnisteiden "
            "pysyvyyttä ei voi tarkistaa. Hae koko historia (git fetch --unshallow).")
    candidates = [revision] if revision else []
    if not revision:
        tag = git.run(root, ["describe", "--tags", "--abbrev=0"])
        candidates += ([tag.decode().strip()] if tag else []) + ["origin/main", "main"]
    for name in candidates:
        commit = git.resolve(root, name)
        if commit:
            return commit
    raise IdHistoryError(
        f"versiota {revision!r} ei löydy: anna julkaistu versio, esimerkiksi "
        "make ids since=origin/main" if revision else
        "julkaistua versiota ei löydy (ei tagia, origin/main- eikä main-haaraa): anna se, "
        "esimerkiksi make ids since=<versio>")


def _at(root: Path, commit: str, prefix: str, cache: dict[str, dict]) -> dict[tuple[str, str], Entry]:
    """The ids of one commit's data files (files parsed once per blob across commits)."""
    listing = git.tree(root, commit, [prefix + "data"]) or {}
    files = {path.removeprefix(prefix): sha for path, sha in listing.items()
             if _plan_file(path.removeprefix(prefix))}
    wanted = {sha for sha in files.values() if sha not in cache}
    raw = git.blobs(root, wanted) or {}
    for sha in wanted:
        cache[sha] = {"raw": raw.get(sha)}
    found: dict[tuple[str, str], Entry] = {}
    for path, sha in sorted(files.items()):
        key = ("ids", path)
        if key not in cache[sha]:
            cache[sha][key] = ids_in(path, _load(cache[sha]["raw"] or b""))
        found |= cache[sha][key]
    return found


def check(root: Path, revision: str | None = None) -> tuple[str, list[Finding]]:
    """(the published commit compared with, findings) for the working tree under root."""
    root = Path(root)
    published = published_revision(root, revision)
    repo = git.repository(root)
    prefix = repo[1] if repo else ""
    out = git.run(root, ["rev-list", "--first-parent", f"--max-count={MAX_COMMITS}",
                         published, "--", prefix + "data"])
    commits = out.decode().split() if out else []
    cache: dict[str, dict] = {}
    base = _at(root, published, prefix, cache)
    ever: dict[tuple[str, str], Entry] = {}
    for commit in reversed(commits):  # oldest first: the newest use of an id wins
        ever |= _at(root, commit, prefix, cache)
    ever |= base
    now = working_tree(root)
    findings = []
    short = published[:10]
    for key in sorted(set(base) - set(now)):
        file, ident = key
        old = base[key]
        findings.append(Finding(
            file, 1, 1, f"{old.where}[id={ident}]",
            f"tunniste '{ident}' ({old.name or 'nimetön'}) on julkaistussa versiossa {short}, "
            "mutta se on nyt poistettu: sen sivun linkit lakkaavat toimimasta ja kalenterin "
            "tilaajilta katoaa tapahtuma. Jos asia on vain siirtynyt tai muuttunut, pidä "
            "tunniste ja muuta muita tietoja; poista vain, jos asia on todella lakannut.",
            "warning"))
    for key in sorted(set(now) - set(base)):
        file, ident = key
        old, new = ever.get(key), now[key]
        if old is None or old.same_thing(new):
            continue  # a new id, or a removed entry restored as it was
        line, col = _position(root / file, ident)
        findings.append(Finding(
            file, line, col, f"{new.where}[id={ident}]",
            f"tunniste '{ident}' oli aiemmin käytössä toisella asialla ({old.name or old.where},"
            f" {old.file}) ja se poistettiin. Tunnistetta ei käytetä uudelleen: vanhat "
            "linkit ja kalenterimerkinnät osoittaisivat uuteen asiaan. Anna uusi tunniste.",
            "error"))
    return published, sorted(findings)


def _position(path: Path, ident: str) -> tuple[int, int]:
    """Line and column of `id: <ident>` in a file (1, 1 when not found)."""
    pattern = re.compile(r"\bid:\s*['\"]?" + re.escape(ident) + r"['\"]?\s*(#.*)?$")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1, 1
    for number, line in enumerate(lines, 1):
        match = pattern.search(line)
        if match:
            return number, line.index(ident, match.start()) + 1
    return 1, 1


def main(argv: list[str]) -> int:
    revision = argv[0] if argv and argv[0] else None
    root = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    try:
        published, findings = check(root, revision)
    except IdHistoryError as error:
        print(f"virhe: {error}", file=sys.stderr)
        return 2
    print(f"Tunnisteet verrattuna julkaistuun versioon {published[:10]}:")
    print_report(findings)
    return 1 if any(f.is_error for f in findings) else 0
