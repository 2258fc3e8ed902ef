"""Safe YAML loading that remembers where every key and value stands.

Values are built straight from libyaml's event stream (DESIGN.md: the fastest way to get
positions), with the YAML 1.2 core schema for plain scalars. Everything a staff member
could write by accident and that could be unsafe or ambiguous is refused with a finding:
tags (a `!!python/...` tag never runs), anchors and aliases (no alias bombs), duplicate
keys, non-text keys, `yes`/`no`/`on`/`off`, invalid UTF-8 and oversized files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .findings import Finding, format_path

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 50

try:  # libyaml's parser; the CParser name lives in yaml.cyaml, not in yaml itself
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml: same events, slower
    _Parser = yaml.SafeLoader

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
    """A loaded file: its value plus (line, col) of each value and each mapping key."""

    file: str
    value: object = None
    value_pos: dict = field(default_factory=dict)
    key_pos: dict = field(default_factory=dict)
    complete: bool = False  # the whole file was read; schema checks can run

    def position(self, path, *, key: bool = False) -> tuple[int, int]:
        """Where the value (or its key) at path stands; falls back to the nearest parent."""
        path = tuple(path)
        if key and path in self.key_pos:
            return self.key_pos[path]
        while path not in self.value_pos and path:
            path = path[:-1]
        return self.value_pos.get(path, (1, 1))


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


def load(file: str, raw: bytes) -> tuple[Document, list[Finding]]:
    """Load one YAML file. Returns the document and the findings (empty when clean)."""
    try:
        text = _decode(file, raw)
    except LoadError as exc:
        return Document(file), [exc.finding]
    doc = Document(file)
    findings: list[Finding] = []
    try:
        _build(doc, _Parser(text), findings)
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


def _build(doc: Document, parser, findings: list[Finding]) -> None:
    file = doc.file
    value_pos = doc.value_pos
    key_pos = doc.key_pos
    # Stack frames: [container, path, pending_key, pending_key_pos]
    stack: list[list] = []
    documents = 0
    ScalarEvent, MappingStartEvent, SequenceStartEvent = (
        yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
    MappingEndEvent, SequenceEndEvent, AliasEvent = (
        yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent)
    DocumentStartEvent, StreamEndEvent = yaml.DocumentStartEvent, yaml.StreamEndEvent

    def fail(mark, path, message):
        raise LoadError(Finding(file, mark.line + 1, mark.column + 1, format_path(path), message))

    while True:
        event = parser.get_event()
        cls = type(event)
        if cls is StreamEndEvent:
            return
        if cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                fail(event.start_mark, (), "tiedostossa on useampi YAML-dokumentti (---); "
                                           "jätä tiedostoon vain yksi")
            continue
        if cls is MappingEndEvent or cls is SequenceEndEvent:
            frame = stack.pop()
            if not stack:
                doc.value = frame[0]
            continue
        if cls not in (ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent):
            continue  # DocumentEnd, StreamStart

        parent = stack[-1] if stack else None
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1)

        # A scalar in a mapping waiting for its key is that key.
        if parent is not None and type(parent[0]) is dict and parent[2] is None:
            if cls is not ScalarEvent:
                fail(mark, parent[1], "avaimen pitää olla tekstiä, ei lista tai rakenne")
            if event.tag is not None or event.anchor is not None:
                fail(mark, parent[1], "avaimissa ei voi käyttää tageja (!) eikä ankkureita (&)")
            key = event.value
            if key == "<<":
                fail(mark, parent[1], "yhdistämisavain '<<' ei ole käytössä; kirjoita arvot auki")
            if key in parent[0]:
                first = key_pos[parent[1] + (key,)]
                fail(mark, parent[1] + (key,),
                     f"avain '{key}' on jo annettu rivillä {first[0]}; poista toinen "
                     "tai yhdistä niiden tiedot")
            parent[2] = key
            parent[3] = position
            continue

        if parent is None:
            path: tuple = ()
        elif type(parent[0]) is dict:
            path = parent[1] + (parent[2],)
            key_pos[path] = parent[3]
        else:
            path = parent[1] + (len(parent[0]),)

        if cls is AliasEvent:
            fail(mark, path, "ankkurit ja viittaukset (& ja *) eivät ole käytössä; "
                             "kirjoita arvo auki")
        if event.anchor is not None:
            fail(mark, path, f"ankkuri '&{event.anchor}' ei ole käytössä; poista se")
        if event.tag is not None and event.tag != "!":
            fail(mark, path, f"tagi '{event.tag}' ei ole sallittu; poista se ja kirjoita "
                             "arvo tavallisena tekstinä")

        if cls is ScalarEvent:
            text = event.value
            if event.style or event.tag == "!":  # quoted, block or '!': always text
                value = text
            else:
                if text in _AMBIGUOUS_BOOLS:
                    # Not fatal: the rest of the file is still checked.
                    findings.append(Finding(
                        file, position[0], position[1], format_path(path),
                        f"arvo '{text}' on epäselvä; kirjoita teksti lainausmerkkeihin "
                        f"(\"{text}\") tai totuusarvo muodossa true tai false"))
                    value = text
                else:
                    value = _resolve_plain(text)
        else:
            if len(stack) >= MAX_DEPTH:
                fail(mark, path, f"rakenne on liian syvä (yli {MAX_DEPTH} tasoa)")
            value = {} if cls is MappingStartEvent else []

        value_pos[path] = position
        if parent is None:
            doc.value = value
        elif type(parent[0]) is dict:
            parent[0][parent[2]] = value
            parent[2] = None
        else:
            parent[0].append(value)
        if cls is not ScalarEvent:
            stack.append([value, path, None, None])
