"""Personal data in a plan's history: the names and e-mail addresses the working tree holds
now, those some older version held that the current data no longer does (hidden), and
removing hidden values from a finished sentence. A person who left is never named."""

from __future__ import annotations

from pathlib import Path
import re

from ..cache import memo
from .fields import PERSONAL_FIELDS, personal_values
from .git import plan_file
from .names import HIDDEN, parse

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Data kinds with a personal field other than e-mail (e-mail addresses are found in
# every file by their form): only these files are parsed for personal values.
PERSONAL_KINDS = frozenset(kind for kind, *_ in PERSONAL_FIELDS)


def _personal_in(kind: str, name: str, raw: bytes, read=parse) -> set[str]:
    found = set(_EMAIL.findall(raw.decode("utf-8", "replace")))
    if kind in PERSONAL_KINDS:
        found |= personal_values(kind, read(name, raw))
    return found


def current_personal(root: Path) -> frozenset[str]:
    """The personal values (names, e-mail addresses) the working tree's data and pages
    hold; cached by the files' sizes and times, as a build asks once per plan."""
    paths = []
    for pattern in ("data/*/*.yaml", "content/*/*.md"):
        paths += sorted(Path(root).glob(pattern))
    try:
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    except OSError:
        stamp = None
    if stamp is None:
        return _personal_of(tuple(paths))
    # Kept in the running cache for one working tree at a time.
    return memo("personal", stamp, lambda: _personal_of(tuple(paths)), latest_only=True)


def _personal_of(paths) -> frozenset[str]:
    found: set[str] = set()
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        kind = path.stem if path.suffix == ".yaml" else ""
        found |= _personal_in(kind, path.name, raw)
    return frozenset(found)


def hidden_values(raw_files, current: frozenset[str], read=parse) -> frozenset[str]:
    """Personal values some version of the files held that the current data does not."""
    seen: set[str] = set()
    for path, raw in raw_files:
        if raw is None:
            continue
        where = plan_file(path)
        kind = where[2].removesuffix(".yaml") if where and where[0] == "data" else ""
        seen |= _personal_in(kind, where[2] if where else path, raw, read)
    return frozenset(value for value in seen - current if len(value.strip()) >= 3)


def scrub(line: str, hidden: frozenset[str]) -> str:
    """Remove hidden personal values from a finished sentence (the last safeguard)."""
    for value in sorted(hidden, key=len, reverse=True):
        if value in line:
            line = line.replace(f"”{value}”", HIDDEN).replace(value, HIDDEN)
    return line
