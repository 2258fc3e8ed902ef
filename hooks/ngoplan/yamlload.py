"""Safe YAML loading that remembers where every key and value stands.

Values are built straight from libyaml's event stream (DESIGN.md: the fastest way to get
positions), with the YAML 1.2 core schema for plain scalars. Everything a staff member
could write by accident and that could be unsafe or ambiguous is refused with a finding:
tags (a `!!python/...` tag never runs), anchors and aliases (no alias bombs), duplicate
keys, non-text keys, `yes`/`no`/`on`/`off`, invalid UTF-8 and oversized files.
"""

from __future__ import annotations

import gc
import re
import threading
from contextlib import contextmanager, nullcontext
from functools import cache
from dataclasses import dataclass, field

import yaml

from .findings import Finding, format_path

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 50

try:  # libyaml's parser; the CParser name lives in yaml.cyaml, not in yaml itself
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml: same events, slower
    _Parser = yaml.SafeLoader

# Each event as its constructor's arguments, in order (PyYAML's yaml/events.py).
_EVENT_FIELDS = {
    "StreamStartEvent": ("start_mark", "end_mark", "encoding"),
    "StreamEndEvent": ("start_mark", "end_mark"),
    "DocumentStartEvent": ("start_mark", "end_mark", "explicit", "version", "tags"),
    "DocumentEndEvent": ("start_mark", "end_mark", "explicit"),
    "AliasEvent": ("anchor", "start_mark", "end_mark"),
    "ScalarEvent": ("anchor", "tag", "implicit", "value", "start_mark", "end_mark", "style"),
    "SequenceStartEvent": ("anchor", "tag", "implicit", "start_mark", "end_mark", "flow_style"),
    "SequenceEndEvent": ("start_mark", "end_mark"),
    "MappingStartEvent": ("anchor", "tag", "implicit", "start_mark", "end_mark", "flow_style"),
    "MappingEndEvent": ("start_mark", "end_mark"),
}


class _Event(BaseException):
    """An event kept as its bare argument tuple (.args).

    PyYAML's event classes run a Python __init__ for every event, a third of libyaml's
    parsing time. BaseException's constructor is C and keeps its arguments as they come.
    """

    __slots__ = ()


_FAST = {name: type(name, (_Event,), {"__slots__": ()}) for name in _EVENT_FIELDS}
_FIELDS_BY_CLASS = {getattr(yaml, name): (_FAST[name], fields)
                    for name, fields in _EVENT_FIELDS.items()}
_swap_lock = threading.Lock()


class _Adapted:
    """Events of the pure-Python parser in the same tuple form (used only without libyaml)."""

    def __init__(self, parser):
        self._get = parser.get_event

    def get_event(self):
        event = self._get()
        cls, fields = _FIELDS_BY_CLASS[type(event)]
        return cls(*(getattr(event, f) for f in fields))


@contextmanager
def _c_events():
    """libyaml's parser building the tuple events above, for the time of one parse.

    The parser looks its event classes up in its module, so they are swapped there and put
    back afterwards, under a lock. Used only when _c_events_work() has checked that the
    arguments arrive in the order _EVENT_FIELDS expects.
    """
    import yaml._yaml as module

    with _swap_lock:
        saved = {name: getattr(module, name) for name in _FAST}
        for name, cls in _FAST.items():
            setattr(module, name, cls)
        try:
            yield
        finally:
            for name, cls in saved.items():
                setattr(module, name, cls)


def _marks_as_numbers(value):
    return (value.line, value.column, value.index) if hasattr(value, "line") else value


@cache
def _c_events_work(parser_class) -> bool:
    """The fast events carry what PyYAML's own events carry, on a sample with every kind."""
    if getattr(parser_class, "__module__", "") != "yaml._yaml":
        return False
    sample = "%YAML 1.1\n--- !!map\na: &x [b, 'c', {d: e}]\nf: *x\ng: |\n  h\n...\n"
    try:
        expected = []
        parser = parser_class(sample)
        while True:
            event = parser.get_event()
            fields = _FIELDS_BY_CLASS[type(event)][1]
            expected.append((type(event).__name__,
                             tuple(_marks_as_numbers(getattr(event, f)) for f in fields)))
            if type(event) is yaml.StreamEndEvent:
                break
        got = []
        with _c_events():
            parser = parser_class(sample)
            while True:
                event = parser.get_event()
                got.append((type(event).__name__, tuple(map(_marks_as_numbers, event.args))))
                if type(event) is _FAST["StreamEndEvent"]:
                    break
        return got == expected
    except Exception:  # noqa: BLE001  any surprise means: use the ordinary events
        return False

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_AMBIGUOUS_BOOLS = {w for b in ("yes", "no", "on", "off", "y", "n")
                    for w in (b, b.capitalize(), b.upper())}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_FLOAT_SPECIAL = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"),
                  ".nan": float("nan")}


@dataclass
class Document:
    """A loaded file: its value plus (line, col) of each value and each mapping key.

    Positions are kept beside each container (keyed by its id) rather than by full path,
    so loading does not build a path tuple for every value.
    """

    file: str
    value: object = None
    complete: bool = False  # the whole file was read; schema checks can run
    root_position: tuple = (1, 1)
    # id(container) -> (key positions or None, value positions): dicts for mappings,
    # a list for sequences.
    positions: dict = field(default_factory=dict, repr=False)
    # What later checks worked out from this document (it does not change once loaded).
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def position(self, path, *, key: bool = False) -> tuple[int, int]:
        """Where the value (or its key) at path stands; falls back to the nearest parent."""
        node, found = self.value, self.root_position
        path = tuple(path)
        for index, part in enumerate(path):
            maps = self.positions.get(id(node))
            if maps is None:
                break
            keys, values = maps
            if type(node) is dict and isinstance(part, str) and part in node:
                if key and index == len(path) - 1:
                    return keys[part]
            elif type(node) is list and type(part) is int and 0 <= part < len(node):
                pass
            else:
                break
            found = values[part]
            node = node[part]
        return found


class LoadError(Exception):
    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(finding.format())


def _resolve_plain(text: str):
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    first = text[0]
    if first.isdigit() or first in "+-.":
        if _INT.match(text):
            return int(text)
        if _INT_OCT.match(text):
            return int(text[2:], 8)
        if _INT_HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text) and any(c.isdigit() for c in text):
            return float(text)
        if text.lower() in _FLOAT_SPECIAL:
            return _FLOAT_SPECIAL[text.lower()]
    return text


def _decode(file: str, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise LoadError(Finding(file, 1, 1, "(tiedosto)",
                                f"tiedosto on liian suuri ({len(raw)} tavua, enintään "
                                f"{MAX_BYTES} tavua); jaa tiedot pienempiin tiedostoihin"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise LoadError(Finding(file, line, col, "(tiedosto)",
                                f"tiedosto ei ole UTF-8-merkistöä (tavu 0x{raw[exc.start]:02x}); "
                                "tallenna tiedosto UTF-8-muodossa")) from None
    return text[1:] if text.startswith("\ufeff") else text


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n", line)
    row = lines[line - 1] if len(lines) >= line else ""
    return row[col - 1: col]


# libyaml's problem texts, in the order they are tried, and what they mean for an editor.
_PROBLEMS = (
    ("mapping values are not allowed",
     "kaksoispiste (:) on kohdassa, jossa sitä ei voi olla; jos arvossa on kaksoispiste, "
     "kirjoita arvo lainausmerkkeihin, muuten tarkista rivin sisennys"),
    ("could not find expected ':'",
     "rivillä pitäisi olla avain ja kaksoispiste (avain: arvo); tarkista tämän ja edellisen "
     "rivin kaksoispisteet ja sisennys"),
    ("did not find expected key",
     "sisennys ei täsmää: saman tason avainten pitää alkaa samasta sarakkeesta"),
    ("did not find expected '-' indicator",
     "luettelon kohdat alkavat merkeillä '- ' samasta sarakkeesta; tarkista sisennys"),
    ("found unexpected end of stream",
     "tiedosto loppui kesken: lainausmerkki tai sulku jäi sulkematta"),
    ("found unknown escape character",
     "lainausmerkeissä (\"...\") kenoviiva (\\) aloittaa erikoismerkin; kirjoita kenoviiva "
     "kahdesti (\\\\) tai käytä heittomerkkejä ('...')"),
    ("did not find expected node content",
     "arvo puuttuu tai tässä on ylimääräinen pilkku tai merkki"),
    ("found character that cannot start any token",
     "tällä merkillä ei voi alkaa arvo (esimerkiksi @ tai `); kirjoita arvo lainausmerkkeihin"),
    ("did not find expected <document start>",
     "tiedoston lopun merkin (...) jälkeen on vielä tekstiä; poista '...'-rivi"),
    ("did not find expected comment or line break",
     "arvon jälkeen rivillä on vielä tekstiä; kirjoita koko arvo lainausmerkkeihin"),
)


def _reader_error(file: str, text: str, exc: yaml.reader.ReaderError) -> Finding:
    """A character YAML does not allow anywhere (control characters such as NUL or BEL)."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    col = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return Finding(file, line, col, "(tiedosto)",
                   f"tiedostossa on ohjausmerkki U+{code:04X}, jota YAML ei salli; poista se")


def _yaml_error(file: str, text: str, exc: yaml.YAMLError) -> Finding:
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_error(file, text, exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context_mark", None)
    opened = (f" (kohta alkoi rivillä {context.line + 1}, sarake {context.column + 1})"
              if context and (context.line, context.column) != (line - 1, col - 1) else "")
    # libyaml's message does not name the tab; the character at the mark does.
    if "tab character" in problem or _char_at(text, line, col) == "\t":
        message = ("sisennyksessä on sarkainmerkki (tab); YAML sallii sisennykseen vain "
                   "välilyönnit, korvaa sarkain välilyönneillä")
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        opened = opened.replace("kohta alkoi", "avattu")
        closing = "]" if "]" in problem else "}"
        message = f"sulkua ei ole suljettu{opened}; lisää puuttuva '{closing}' tai pilkku"
    else:
        for needle, meaning in _PROBLEMS:
            if needle in problem:
                head, _, tail = meaning.partition(";")
                message = f"{head}{opened};{tail}" if tail else f"{head}{opened}"
                break
        else:
            message = (f"YAML-rakenne on virheellinen ({problem}){opened}; tarkista sisennykset, "
                       "kaksoispisteet ja lainausmerkit tällä rivillä")
    return Finding(file, line, col, "(tiedosto)", message)


@contextmanager
def gc_paused():
    """No cyclic garbage collection while building many small acyclic objects.

    A big file creates hundreds of thousands of dicts, lists and tuples; each collection
    pass would walk all of them again (a third of the load time). Nothing built here forms
    cycles, so nothing is left for the collector to find afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(file: str, raw: bytes) -> tuple[Document, list[Finding]]:
    """Load one YAML file. Returns the document and the findings (empty when clean)."""
    try:
        text = _decode(file, raw)
    except LoadError as exc:
        return Document(file), [exc.finding]
    doc = Document(file)
    findings: list[Finding] = []
    try:
        fast = _c_events_work(_Parser)
        with gc_paused(), (_c_events() if fast else nullcontext()):
            parser = _Parser(text)
            _build(doc, parser if fast else _Adapted(parser), findings)
        doc.complete = doc.value is not None
    except LoadError as exc:
        findings.append(exc.finding)
    except yaml.YAMLError as exc:
        findings.append(_yaml_error(file, text, exc))
    if not findings and doc.value is None:
        findings.append(Finding(file, 1, 1, "(tiedosto)",
                                "tiedosto on tyhjä; kirjoita tiedostoon sen tiedot "
                                "(katso data/README.md)"))
    return doc, findings


_PLAIN_SPECIAL = _NULLS | _TRUE | _FALSE


def _build(doc: Document, parser, findings: list[Finding]) -> None:
    """Values from libyaml's events; one pass, no intermediate node tree."""
    file = doc.file
    positions = doc.positions
    get_event = parser.get_event
    Scalar, MappingStart, SequenceStart = (
        _FAST["ScalarEvent"], _FAST["MappingStartEvent"], _FAST["SequenceStartEvent"])
    MappingEnd, SequenceEnd, Alias = (
        _FAST["MappingEndEvent"], _FAST["SequenceEndEvent"], _FAST["AliasEvent"])
    DocumentStart, StreamEnd = _FAST["DocumentStartEvent"], _FAST["StreamEndEvent"]
    ambiguous, special, numeric = _AMBIGUOUS_BOOLS, _PLAIN_SPECIAL, "0123456789+-."
    resolve = _resolve_plain

    # The container being filled, its position maps, the key waiting for its value, and a
    # stack of the enclosing ones; each stack frame also keeps where its child sits.
    container = None
    is_dict = False
    key_positions = value_positions = None
    pending = pending_position = None
    stack: list[tuple] = []
    documents = 0

    def fail(mark, path, message):
        raise LoadError(Finding(file, mark.line + 1, mark.column + 1, format_path(path), message))

    def child_path() -> tuple:
        """The path of the value that comes next."""
        base = container_path()
        if container is None:
            return base
        return base + ((pending,) if is_dict else (len(container),))

    def container_path() -> tuple:
        return tuple(frame[5] for frame in stack)[1:] if stack else ()

    while True:
        event = get_event()
        cls = type(event)
        if cls is Scalar:
            anchor, tag, _, text, mark, _, style = event.args
            if is_dict and pending is None:  # a key
                if tag is not None or anchor is not None:
                    fail(mark, container_path(), "avaimissa ei voi käyttää tageja (!) eikä "
                                                 "ankkureita (&)")
                key = text
                if key == "<<":
                    fail(mark, container_path(), "yhdistämisavain '<<' ei ole käytössä; "
                                                 "kirjoita arvot auki")
                if key in container:
                    fail(mark, container_path() + (key,),
                         f"avain '{key}' on jo annettu rivillä {key_positions[key][0]}; "
                         "poista toinen tai yhdistä niiden tiedot")
                pending = key
                pending_position = (mark.line + 1, mark.column + 1)
                continue
            if anchor is not None:
                fail(mark, child_path(), f"ankkuri '&{anchor}' ei ole käytössä; poista se")
            if tag is not None:
                if tag != "!":
                    fail(mark, child_path(), f"tagi '{tag}' ei ole sallittu; poista se ja "
                                             "kirjoita arvo tavallisena tekstinä")
                value = text  # '!' makes a plain scalar text
            elif style:  # quoted or block: always text
                value = text
            elif text in ambiguous:
                # Not fatal: the rest of the file is still checked.
                findings.append(Finding(
                    file, mark.line + 1, mark.column + 1, format_path(child_path()),
                    f"arvo '{text}' on epäselvä; kirjoita teksti lainausmerkkeihin "
                    f"(\"{text}\") tai totuusarvo muodossa true tai false"))
                value = text
            elif text[:1] in numeric and text or text in special:
                value = resolve(text)
            else:
                value = text
            position = (mark.line + 1, mark.column + 1)
            if is_dict:
                container[pending] = value
                value_positions[pending] = position
                key_positions[pending] = pending_position
                pending = None
            elif container is not None:
                container.append(value)
                value_positions.append(position)
            else:
                doc.value = value
                doc.root_position = position
            continue
        if cls is MappingStart or cls is SequenceStart:
            anchor, tag, _, mark, _, _ = event.args
            if is_dict and pending is None:
                fail(mark, container_path(), "avaimen pitää olla tekstiä, ei lista tai rakenne")
            if anchor is not None:
                fail(mark, child_path(), f"ankkuri '&{anchor}' ei ole käytössä; poista se")
            if tag is not None and tag != "!":
                fail(mark, child_path(), f"tagi '{tag}' ei ole sallittu; poista se ja "
                                         "kirjoita arvo tavallisena tekstinä")
            if len(stack) >= MAX_DEPTH:
                fail(mark, child_path(), f"rakenne on liian syvä (yli {MAX_DEPTH} tasoa)")
            position = (mark.line + 1, mark.column + 1)
            if cls is MappingStart:
                new, new_keys, new_values = {}, {}, {}
            else:
                new, new_keys, new_values = [], None, []
            positions[id(new)] = (new_keys, new_values)
            if is_dict:
                where = pending
                container[pending] = new
                value_positions[pending] = position
                key_positions[pending] = pending_position
            elif container is not None:
                where = len(container)
                container.append(new)
                value_positions.append(position)
            else:
                where = None
                doc.value = new
                doc.root_position = position
            stack.append((container, is_dict, key_positions, value_positions, pending, where))
            container, is_dict = new, cls is MappingStart
            key_positions, value_positions, pending = new_keys, new_values, None
            continue
        if cls is MappingEnd or cls is SequenceEnd:
            container, is_dict, key_positions, value_positions, _, _ = stack.pop()
            pending = None
            continue
        if cls is Alias:
            mark = event.args[1]
            if is_dict and pending is None:
                fail(mark, container_path(), "avaimen pitää olla tekstiä, ei lista tai rakenne")
            fail(mark, child_path(), "ankkurit ja viittaukset (& ja *) eivät ole käytössä; "
                                     "kirjoita arvo auki")
        if cls is StreamEnd:
            return
        if cls is DocumentStart:
            documents += 1
            if documents > 1:
                fail(event.args[0], (), "tiedostossa on useampi YAML-dokumentti (---); "
                                           "jätä tiedostoon vain yksi")
        if event is None:
            return  # only after the stream's end, which returned above
        # StreamStart and DocumentEnd need nothing.
