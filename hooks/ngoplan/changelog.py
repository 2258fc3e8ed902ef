"""A plan's change history from git, in Finnish words.

Each revision that changed a plan's data (data/<plan>/*.yaml) or text (content/<plan>/*.md)
becomes a list of sentences: an item added or removed, a timing changed from one value to
another, a seat count changed, a text edited (naming the changed words, not the whole
text). Revisions whose changes make no difference to the data or the text (comments,
formatting, reordering) do not appear.

Git is read with one `git log` and one `git cat-file --batch`, the result cached per HEAD
commit. Git problems never fail a build: without a usable full history (a downloaded
archive, a shallow clone, no git) `plan_history` returns None and the page says the
history is unavailable. Knows nothing of MkDocs.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import i18n, schemas
from .text import is_unknown, localized
from .yamlload import load

MAX_REVISIONS = 300  # commits read from git (over all plans); older history is not shown
MAX_LINES = 25  # sentences per revision; the rest is counted
GIT_TIMEOUT = 30  # seconds per git call
SHORT = 70  # texts up to this long are quoted whole; longer ones get a word diff
_ZERO = "0" * 40

_cache: dict[tuple[str, str], dict[str, list["Revision"]]] = {}
# id -> name of the plan's entities at the revision being described (set per call of
# describe_data_change; a build describes one file at a time).
_names: dict[str, str] = {}


@dataclass(frozen=True)
class Revision:
    commit: str
    date: str  # YYYY-MM-DD, the commit date in Finnish time
    changes: tuple[str, ...]


# ---------------------------------------------------------------------------- git


def _git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
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


def _repository(root: Path) -> tuple[str, str] | None:
    """(HEAD commit, root's path prefix inside the repository), or None when the full
    history is not there."""
    out = _git(root, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository",
                      "--show-prefix", "HEAD"])
    if out is None:
        return None
    lines = out.decode("utf-8", "replace").split("\n")
    if len(lines) < 4 or lines[0] != "true" or lines[1] != "false":
        return None
    return lines[3].strip(), lines[2].strip()


def _log(root: Path, limit: int) -> list[tuple[str, int, list[tuple[str, str, str]]]] | None:
    """Commits touching data/ or content/, newest first: (sha, unix time, [(old blob, new
    blob, path from repository top)]). Merges count as their diff to the first parent,
    which is what changed on the published branch."""
    out = _git(root, ["log", "--first-parent", "-m", "--no-renames", "--raw", "--no-abbrev",
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


def _blobs(root: Path, shas: set[str]) -> dict[str, bytes] | None:
    """Read many blobs with one `git cat-file --batch`, keyed by the request (a blob sha
    or '<commit>:<path>'); missing objects are left out."""
    if not shas:
        return {}
    order = sorted(shas)
    out = _git(root, ["cat-file", "--batch"], stdin="".join(s + "\n" for s in order).encode())
    if out is None:
        return None
    blobs: dict[str, bytes] = {}
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
        blobs[request] = out[pos:pos + size]
        pos += size + 1
    return blobs


def _commit_date(stamp: int) -> str:
    try:
        from zoneinfo import ZoneInfo
        zone = ZoneInfo("Europe/Helsinki")
    except Exception:  # no time zone data: UTC is a day off at most around midnight
        zone = _dt.timezone.utc
    return _dt.datetime.fromtimestamp(stamp, zone).date().isoformat()


# ---------------------------------------------------------------------------- history


def plan_history(root: Path, plan_id: str) -> list[Revision] | None:
    """The plan's revisions, newest first; None when the history is unavailable."""
    histories = _histories(Path(root))
    if histories is None:
        return None
    return histories.get(plan_id, [])


def _histories(root: Path) -> dict[str, list[Revision]] | None:
    repo = _repository(root)
    if repo is None:
        return None
    head, prefix = repo
    key = (str(root.resolve()), head)
    if key not in _cache:
        built = _build(root, prefix)
        if built is None:
            return None
        _cache.clear()  # one HEAD at a time is enough for a build or a preview
        _cache[key] = built
    return _cache[key]


def _plan_file(path: str, prefix: str) -> tuple[str, str, str] | None:
    """('data' | 'content', plan id, file name) for a plan's data or page file."""
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


def _build(root: Path, prefix: str) -> dict[str, list[Revision]] | None:
    commits = _log(root, MAX_REVISIONS)
    if commits is None:
        return None
    wanted = set()
    for _, _, files in commits:
        for old, new, path in files:
            if _plan_file(path, prefix):
                wanted.update(s for s in (old, new) if s != _ZERO)
    # The plan files as they were before the oldest revision read, so that every
    # revision's full set of files is known: ids resolve to names of that revision.
    base: dict[str, str] = {}
    if commits:
        oldest = commits[-1][0]
        listing = _git(root, ["ls-tree", "-r", "--full-tree", f"{oldest}^", "--", prefix + "data"])
        for line in (listing or b"").decode("utf-8", "replace").split("\n"):
            meta, _, path = line.partition("\t")
            fields = meta.split()
            if len(fields) == 3 and fields[1] == "blob" and _plan_file(path, prefix):
                base[path] = fields[2]
                wanted.add(fields[2])
    blobs = _blobs(root, wanted)
    if blobs is None:
        return None
    states = _states(commits, base, prefix)
    name_cache: dict[str, dict[str, str]] = {}

    def names_at(plan: str, trees) -> dict[str, str]:
        merged: dict[str, str] = {}
        for tree in trees:  # later trees win: the newer name
            for path, blob in sorted(tree.items()):
                where = _plan_file(path, prefix)
                if where is None or where[1] != plan or where[0] != "data":
                    continue
                if blob not in name_cache:
                    name_cache[blob] = _names_in(_parse(path, blobs.get(blob)))
                merged.update(name_cache[blob])
        return merged

    result: dict[str, list[Revision]] = {}
    for (sha, stamp, files), (tree_before, tree_after) in zip(commits, states):
        per_plan: dict[str, list[str]] = {}
        for old, new, path in sorted(files, key=lambda f: f[2]):
            where = _plan_file(path, prefix)
            if where is None:
                continue
            area, plan, name = where
            before = None if old == _ZERO else blobs.get(old)
            after = None if new == _ZERO else blobs.get(new)
            if area == "data":
                lines = describe_data_change(name.removesuffix(".yaml"), before, after, path,
                                             names=names_at(plan, (tree_before, tree_after)))
            else:
                lines = describe_page_change(name, before, after)
            per_plan.setdefault(plan, []).extend(lines)
        for plan, lines in per_plan.items():
            if lines:
                if len(lines) > MAX_LINES:
                    rest = len(lines) - MAX_LINES + 1
                    lines = lines[:MAX_LINES - 1] + [f"… ja {rest} muuta muutosta."]
                result.setdefault(plan, []).append(
                    Revision(sha, _commit_date(stamp), tuple(lines)))
    return result


def _states(commits, base: dict[str, str], prefix: str):
    """(plan data files before, after) each commit, as {path: blob}, newest first."""
    state = dict(base)
    states = []
    for _, _, files in reversed(commits):
        before = dict(state)
        for _old, new, path in files:
            if not _plan_file(path, prefix):
                continue
            if new == _ZERO:
                state.pop(path, None)
            else:
                state[path] = new
        states.append((before, dict(state)))
    return list(reversed(states))


def _names_in(value, found: dict[str, str] | None = None) -> dict[str, str]:
    """id -> Finnish name of every named entity anywhere in a parsed data file."""
    found = {} if found is None else found
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            for key in _NAME_KEYS:
                if key in value and not is_unknown(value[key]) and _text_of(value[key]):
                    found[value["id"]] = _text_of(value[key])
                    break
        for child in value.values():
            _names_in(child, found)
    elif isinstance(value, list):
        for child in value:
            _names_in(child, found)
    return found


# ---------------------------------------------------------------------------- data


ENTITY_NOUNS = {
    "items": "tapahtuma", "bodies": "toimielin", "networks": "verkosto",
    "organisations": "organisaatio", "grant_types": "avustusmuoto", "laws": "laki",
    "goals": "tavoite", "documents": "lähdeasiakirja", "seasons": "kausi",
    "sections": "osio", "indicators": "mittari", "contacts": "yhteystieto",
    "channels": "kanava",
}
_NAME_KEYS = ("title", "name", "short_name", "role", "label")
_SUMMARY_KEYS = ("text", "title", "name", "wording", "summary", "description")
_LANGS = {"fi", "sv", "en"}
_ENUM_LABEL = re.compile(r"([A-Za-z0-9_]+) = ([^,.;]+)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATETIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})")


def _parse(name: str, raw: bytes | None):
    if raw is None:
        return None
    doc, findings = load(name, raw)
    return doc.value if doc.complete and not findings else _BROKEN


_BROKEN = object()


class _Schema:
    """Finnish titles and enum labels for a data kind, by walking its JSON Schema."""

    def __init__(self, kind: str):
        try:
            self.root = schemas.raw_schema(kind)
        except KeyError:
            self.root = {}

    def top(self):
        return (self.root, self.root)

    def child(self, node, key):
        if node is None:
            return None
        schema, root = node
        schema, root = schemas.resolve(schema, root)
        for option in [schema, *schema.get("anyOf", []), *schema.get("oneOf", [])]:
            option, option_root = schemas.resolve(option, root)
            if isinstance(key, int):
                if isinstance(option.get("items"), dict):
                    return option["items"], option_root
            elif key in option.get("properties", {}):
                return option["properties"][key], option_root
        return None

    @staticmethod
    def title(node, fallback: str) -> str:
        if node is None:
            return fallback
        schema, root = node
        while True:
            if "title" in schema:
                return schema["title"]
            if "$ref" not in schema:
                return fallback
            schema, root = schemas.resolve({"$ref": schema["$ref"]}, root)

    @staticmethod
    def labels(node) -> dict[str, str] | None:
        """Finnish labels of enum values, from descriptions like 'a = yksi, b = kaksi' on
        the field or its list items; None when the field is not an enum."""
        if node is None:
            return None
        schema, root = schemas.resolve(*node)
        text = schema.get("description", "")
        if "enum" not in schema and isinstance(schema.get("items"), dict):
            schema, root = schemas.resolve(schema["items"], root)
            text += " " + schema.get("description", "")
        if "enum" not in schema:
            return None
        # The schema text may explain a code ('ei tiedossa (lähde ei kerro)'): readers get
        # the short name only, from the message catalogue when it names every code.
        labels = {k: re.sub(r"\s*\(.*", "", v).strip() for k, v in _ENUM_LABEL.findall(text)}
        group = _catalogue_group(schema["enum"])
        if group:
            labels.update({code: i18n.label(group, code, i18n.MAIN) for code in schema["enum"]
                           if isinstance(code, str)})
        return labels

    @staticmethod
    def is_ref(node) -> bool:
        """Whether the field holds ids of other entities (or a list of them)."""
        if node is None:
            return False
        schema, root = node
        for _ in range(2):
            if str(schema.get("$ref", "")).endswith("/$defs/id"):
                return True
            schema, root = schemas.resolve(schema, root)
            if not isinstance(schema.get("items"), dict):
                return False
            schema = schema["items"]
        return False


def _catalogue_group(codes) -> str | None:
    """The smallest message-catalogue label group that names every code of an enum."""
    wanted = {c for c in codes if isinstance(c, str)}
    if not wanted:
        return None
    groups: dict[str, set[str]] = {}
    for key in i18n.catalogue(i18n.MAIN):
        group, _, code = key.partition(".")
        if code:
            groups.setdefault(group, set()).add(code)
    fits = [g for g, known in groups.items() if wanted <= known]
    return min(fits, key=lambda g: (len(groups[g]), g)) if fits else None


def describe_data_change(kind: str, before: bytes | None, after: bytes | None,
                         path: str = "", names: dict[str, str] | None = None) -> list[str]:
    """Finnish sentences for the difference between two versions of one data file; names
    (id -> name at that revision) turn references into the entities' names."""
    _names.clear()
    _names.update(names or {})
    old_value, new_value = _parse(path or kind, before), _parse(path or kind, after)
    for value in (old_value, new_value):  # the file's own entities name themselves
        if value is not None and value is not _BROKEN:
            for ident, name in _names_in(value).items():
                _names.setdefault(ident, name)
    schema = _Schema(kind)
    kind_title = schema.title(schema.top(), kind)
    old, new = old_value, new_value
    if old is _BROKEN or new is _BROKEN:
        return [f"Tietoja muutettiin: {kind_title}."] if before != after else []
    if old is None and new is None:
        return []
    if old is None:
        return [f"Tiedot lisättiin: {kind_title}{_count_note(new)}."]
    if new is None:
        return [f"Tiedot poistettiin: {kind_title}."]
    out: list[str] = []
    _walk(schema, schema.top(), kind_title, [], "", old, new, out)
    return out


_MAIN_LISTS = ("items", "bodies", "networks", "organisations", "grant_types", "laws", "goals")


def _count_note(value) -> str:
    """' (12 kohtaa)' for a file whose main content is one list of entities."""
    if isinstance(value, dict):
        for key in _MAIN_LISTS:
            if isinstance(value.get(key), list):
                count = len(value[key])
                return f" (1 kohta)" if count == 1 else f" ({count} kohtaa)"
    return ""


def _is_entity_list(value) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value))


def _entity_name(entity: dict) -> str:
    for key in _NAME_KEYS:
        if key in entity and not is_unknown(entity[key]):
            return localized(entity[key])
    for key in ("what", *_SUMMARY_KEYS):  # no name: its own words, clipped
        if key in entity and _text_of(entity[key]) is not None:
            return _clip(_text_of(entity[key]), 60)
    return entity["id"]


def _label(titles: list[str]) -> str:
    """The changed field's Finnish title; its parent's title in brackets when nested
    ('järjestöpaikat (kokoonpano)', 'nimi (ruotsiksi)')."""
    if not titles:
        return ""
    inner = titles[-1]
    if len(titles) == 1:
        return inner
    if inner in ("suomeksi", "ruotsiksi", "englanniksi"):
        return f"{titles[-2]} ({inner})"
    if inner.lower() == titles[-2].lower():  # composition.text is 'kokoonpano' in 'kokoonpano'
        return inner
    return f"{inner} ({titles[-2][:1].lower()}{titles[-2][1:]})"


def _line(subject: str, titles: list[str], rest: str) -> str:
    label = _label(titles)
    if label:
        label = label[:1].lower() + label[1:]
        return f"{subject}, {label}: {rest}."
    return f"{subject}: {rest}."


def _walk(schema: _Schema, node, subject: str, titles: list[str], key, old, new,
          out: list[str]):
    """Compare old and new at one place; key is the data key of that place."""
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict) and not _is_leaf_map(old, new):
        if key == "timing" and _is_timing(old, new):
            before, after = _timing(old, schema, node), _timing(new, schema, node)
            if before != after:
                out.append(_line(subject, titles, f"ennen {before}, nyt {after}"))
                return
        for name in list(old) + [k for k in new if k not in old]:
            child = schema.child(node, name)
            _walk(schema, child, subject, titles + [schema.title(child, name)], name,
                  old.get(name), new.get(name), out)
        return
    if isinstance(old, list) and isinstance(new, list) or \
            old is None and isinstance(new, list) or new is None and isinstance(old, list):
        _walk_list(schema, node, subject, titles, key, old or [], new or [], out)
        return
    _leaf(schema, node, subject, titles, old, new, out)


def _is_leaf_map(old: dict, new: dict) -> bool:
    """Maps shown as one value: {unknown: ...}, {min, max}, {document, section}."""
    for value in (old, new):
        keys = set(value)
        if "unknown" in keys or keys <= {"min", "max"} or keys <= {"document", "section", "note"}:
            return True
    return False


def _is_timing(old: dict, new: dict) -> bool:
    forms = {"exact", "all_day", "recurring", "approximate", "rhythm"}
    return len(old) == 1 and len(new) == 1 and set(old) <= forms and set(new) <= forms


def _walk_list(schema, node, subject, titles, key, old: list, new: list, out):
    item = schema.child(node, 0)
    if _is_entity_list(old) or _is_entity_list(new):
        if all(isinstance(v, dict) and "id" in v for v in old + new):
            noun = ENTITY_NOUNS.get(key)
            before = {e["id"]: e for e in old}
            after = {e["id"]: e for e in new}

            def said(verb, entity, extra=""):
                if noun:
                    return f"{verb.capitalize()} {noun} ”{_entity_name(entity)}”{extra}."
                return _line(subject, titles, f"{verb} ”{_entity_name(entity)}”{extra}")

            for ident, entity in after.items():
                if ident not in before:
                    extra = ""
                    if isinstance(entity.get("timing"), dict):
                        extra = f" ({_timing(entity['timing'], schema, schema.child(item, 'timing'))})"
                    out.append(said("lisättiin", entity, extra))
            for ident, entity in before.items():
                if ident not in after:
                    out.append(said("poistettiin", entity))
            for ident, entity in after.items():
                if ident in before and before[ident] != entity:
                    name = (f"{noun[:1].upper()}{noun[1:]} ”{_entity_name(entity)}”" if noun
                            else f"{subject}, ”{_entity_name(entity)}”")
                    _walk(schema, item, name, [], ident, before[ident], entity, out)
            return
    if all(not isinstance(v, (dict, list)) for v in old + new):
        labels = schema.labels(node)
        ref = schema.is_ref(node)
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        parts = []
        def words(values):
            if sum(_is_long(v) for v in values) > 2:
                return f"{len(values)} kohtaa"
            return ", ".join(_short(v, labels, ref) if not _is_long(v) else f"”{_clip(v)}”"
                             for v in values)
        if added:
            parts.append("lisättiin " + words(added))
        if removed:
            parts.append("poistettiin " + words(removed))
        if parts:
            out.append(_line(subject, titles, "; ".join(parts)))
        return
    if not old or not new:
        count = len(new or old)
        what = "1 kohta" if count == 1 else f"{count} kohtaa"
        out.append(_line(subject, titles, f"lisättiin {what}" if new else f"poistettiin {what}"))
        return
    if len(old) == len(new):
        for a, b in zip(old, new):
            place = _place(schema, item, titles, a, b)
            _walk(schema, item, f"{subject}, {place}", [], key, a, b, out)
        return
    for value in new:
        if value not in old:
            out.append(_line(subject, titles, f"lisättiin ”{_summary(value)}”"))
    for value in old:
        if value not in new:
            out.append(_line(subject, titles, f"poistettiin ”{_summary(value)}”"))


_PLACE_KEYS = ("section", "title", "name", "label", "year", "document", "role")


def _place(schema, item, titles, old, new) -> str:
    """A list entry as a phrase: 'pykälä 7 §', 'nimi ”X”' or the list's title, never
    its position."""
    for value in (new, old):
        if isinstance(value, dict):
            for key in _PLACE_KEYS:
                raw = value.get(key)
                if raw is None or isinstance(raw, bool) or is_unknown(raw):
                    continue
                text = _text_of(raw) or (str(raw) if isinstance(raw, int) else None)
                if text:
                    if len(text) > 60:
                        continue
                    title = schema.title(schema.child(item, key), "").lower()
                    if key == "document":
                        text = _names.get(text, text)
                    if key == "section" and title:
                        return f"{title} {text}"  # 'pykälä 7 §'
                    return f"{title} ”{text}”" if title else f"”{text}”"
    for value in (new, old):
        text = _summary(value) if isinstance(value, dict) else None
        if text and text != "muu arvo":
            return f"kohta ”{_clip(text, 50)}”"
    list_title = titles[-1] if titles else "kohta"
    return list_title[:1].lower() + list_title[1:]


def _leaf(schema, node, subject, titles, old, new, out):
    labels = schema.labels(node)
    ref = schema.is_ref(node)
    for value, other, verb in ((old, new, "lisättiin"), (new, old, "poistettiin")):
        if value is None and isinstance(other, dict) and not _is_leaf_map(other, other) \
                and _text_of(other) is None:
            out.append(_line(subject, titles, f"tiedot {verb}"))
            return
    if _is_long(old) or _is_long(new):
        out.append(_line(subject, titles, _text_change(old, new)))
        return
    before, after = _short(old, labels, ref), _short(new, labels, ref)
    if labels is not None and "muu arvo" in (before, after):
        out.append(_line(subject, titles, "tietoa muutettiin"))
        return
    if before == after:
        if not (is_unknown(old) and is_unknown(new)):  # a changed reason for an unknown is not news
            out.append(_line(subject, titles, "tietoa tarkennettiin"))
        return
    out.append(_line(subject, titles, f"ennen {before}, nyt {after}"))


def _text_of(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and set(value) <= _LANGS and "fi" in value:
        return localized(value)
    return None


def _is_long(value) -> bool:
    text = _text_of(value)
    return text is not None and (len(text) > SHORT or "\n" in text.strip())


def _short(value, labels: dict | None = None, ref: bool = False) -> str:
    """A value as a reader sees it: Finnish dates, labels for codes, names for ids,
    'ei tiedossa'."""
    if value is None:
        return "ei merkitty"
    if is_unknown(value):
        return "ei tiedossa"
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict) and set(value) <= {"min", "max"}:
        low, high = value.get("min"), value.get("max")
        return str(low) if low == high else f"{low}–{high}"
    if isinstance(value, dict) and "document" in value:
        document = value.get("document")
        document = _names.get(document, document) if isinstance(document, str) else document
        return f"{document}, {value.get('section', '')}".strip(", ")
    if isinstance(value, list):
        return ", ".join(_short(v, labels, ref) for v in value) or "ei mitään"
    text = _text_of(value)
    if text is None:
        return "muu arvo"
    if ref:
        return f"”{_names.get(text, text)}”"
    if labels is not None:
        return labels.get(text, "muu arvo")  # an enum: never show the English code
    if _DATE.match(text):
        return _fi_date(text)
    match = _DATETIME.match(text)
    if match:
        return f"{_fi_date(match.group(1))} klo {int(match.group(2))}.{match.group(3)}"
    return f"”{text}”"


def _summary(value) -> str:
    if isinstance(value, dict):
        for key in _SUMMARY_KEYS:
            if key in value and _text_of(value[key]) is not None:
                return _clip(_text_of(value[key]))
    text = _text_of(value)
    return _clip(text) if text is not None else _short(value).strip("”")


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _text_change(old, new) -> str:
    """Name the changed words (up to three short spans); otherwise just say it changed."""
    before, after = _text_of(old), _text_of(new)
    if before is None:
        return "teksti lisättiin"
    if after is None:
        return "teksti poistettiin"
    words_a, words_b = before.split(), after.split()
    ops = [op for op in difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False)
           .get_opcodes() if op[0] != "equal"]
    if not ops:
        return "tekstin muotoilua muutettiin"
    if len(ops) > 3 or any(max(i2 - i1, j2 - j1) > 8 for _, i1, i2, j1, j2 in ops):
        return "tekstiä muutettiin"
    parts = []
    for tag, i1, i2, j1, j2 in ops:
        gone, came = " ".join(words_a[i1:i2]), " ".join(words_b[j1:j2])
        if tag == "replace":
            parts.append(f"”{gone}” muutettiin muotoon ”{came}”")
        elif tag == "delete":
            parts.append(f"poistettiin ”{gone}”")
        else:
            parts.append(f"lisättiin ”{came}”")
    return "; ".join(parts)


def _fi_date(iso: str) -> str:
    year, month, day = iso[:10].split("-")
    return f"{int(day)}.{int(month)}.{year}"


def _timing(value, schema: _Schema, node) -> str:
    """One timing form in words, as the year-clock would say it."""
    if not isinstance(value, dict) or len(value) != 1:
        return _short(value)
    (form, spec), = value.items()
    if not isinstance(spec, dict):
        return _short(spec)
    if form == "exact":
        return _span(spec.get("start"), spec.get("end"))
    if form == "all_day":
        start, end = spec.get("start"), spec.get("end")
        return _short(start) if not end or end == start else f"{_short(start)}–{_short(end)}"
    if form == "recurring":
        labels = schema.labels(schema.child(schema.child(node, "recurring"), "frequency"))
        often = labels.get(spec.get("frequency"), str(spec.get("frequency")))
        interval = spec.get("interval", 1)
        if interval and interval != 1:
            often += f" ({interval} välein)"
        return (f"{often} {_span(spec.get('start'), spec.get('end'))} alkaen, "
                f"viimeistään {_short(spec.get('until'))}")
    if form in ("approximate", "rhythm"):
        wording = spec.get("wording")
        return "ei tiedossa" if is_unknown(wording) or wording is None else f"”{localized(wording)}”"
    return _short(spec)


def _span(start, end) -> str:
    first, last = _short(start), _short(end)
    if isinstance(start, str) and isinstance(end, str) and start[:10] == end[:10] and "klo" in last:
        return f"{first}–{last.split('klo ', 1)[1]}"
    return f"{first} – {last}"


# ---------------------------------------------------------------------------- pages


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _page_parts(raw: bytes | None):
    """(description, H1, [(heading, normalised text)]) of a Markdown page."""
    text = raw.decode("utf-8", "replace") if raw is not None else ""
    description = ""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end > 0:
            front, text = text[4:end], text[end + 4:]
            for line in front.splitlines():
                if line.startswith("description:"):
                    description = line.partition(":")[2].strip().strip("\"'")
    title = ""
    sections: list[list] = [["", []]]
    fence = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if match and len(match.group(1)) == 1 and not title:
            title = match.group(2)
        elif match:
            sections.append([match.group(2), []])
        else:
            sections[-1][1].append(line)
    return description, title, [(h, " ".join(" ".join(body).split())) for h, body in sections]


def describe_page_change(name: str, before: bytes | None, after: bytes | None) -> list[str]:
    """Finnish sentences for the difference between two versions of an authored page."""
    old_desc, old_title, old_sections = _page_parts(before)
    new_desc, new_title, new_sections = _page_parts(after)
    title = new_title or old_title or name.removesuffix(".md")
    if before is None and after is None:
        return []
    if before is None:
        return [f"Uusi sivu ”{title}”."]
    if after is None:
        return [f"Sivu ”{title}” poistettiin."]
    out = []
    page = f"Sivu ”{title}”"
    if old_title != new_title:
        out.append(f"Sivun otsikko muuttui: ennen ”{old_title}”, nyt ”{new_title}”.")
    if old_desc != new_desc:
        out.append(f"{page}: sivun kuvausta muutettiin.")
    old_map, new_map = dict(old_sections), dict(new_sections)
    for heading, body in new_sections:
        if heading not in old_map:
            out.append(f"{page}: lisättiin kohta ”{heading}”.")
        elif old_map[heading] != body:
            where = f"kohta ”{heading}”" if heading else "johdanto"
            out.append(f"{page}, {where}: {_text_change(old_map[heading], body)}.")
    for heading, _ in old_sections:
        if heading not in new_map:
            out.append(f"{page}: poistettiin kohta ”{heading}”.")
    return out
