"""A composed YAML node tree turned into plain values (YAML 1.2 core schema for plain
scalars), each value's and key's line and column kept in a Document; the walk refuses
tags, anchors and aliases, duplicate and non-text keys, `yes`/`no`/`on`/`off` and too deep
nesting, each with a Finnish finding."""

from __future__ import annotations

from dataclasses import dataclass, field
import re
from types import MappingProxyType

import yaml

from .findings import Finding, format_path

MAX_DEPTH = 50
# The one tag the loader gives every plain value (yamlload: it skips YAML 1.1 resolving).
UNRESOLVED = "tag:ngoplan,2026:unresolved"

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_AMBIGUOUS_BOOLS = frozenset({w for b in ("yes", "no", "on", "off", "y", "n")
                    for w in (b, b.capitalize(), b.upper())})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_FLOAT_SPECIAL = MappingProxyType({".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"),
                  ".nan": float("nan")})


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

    def __getstate__(self) -> dict:
        # A copy made by pickle (a document loaded in another process) has new containers
        # with new ids: positions travel in the order of a walk of the value instead, and
        # the memo stays behind (it is worked out again where needed) but for the
        # content hash the data cache keys on.
        state = dict(self.__dict__)
        state["positions"] = [self.positions.get(id(c)) for c in _containers(self.value)]
        state["memo"] = {"sha": self.memo["sha"]} if "sha" in self.memo else {}
        return state

    def __setstate__(self, state: dict) -> None:
        in_order = state.pop("positions")
        self.__dict__.update(state)
        self.positions = {id(c): p for c, p in zip(_containers(self.value), in_order)
                          if p is not None}

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


def _containers(value):
    """Every mapping and list in value, in one fixed order (depth first)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            yield node
            stack.extend(reversed(node.values()))
        elif isinstance(node, list):
            yield node
            stack.extend(reversed(node))


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


def too_deep(file: str, mark, path=()) -> LoadError:
    return LoadError(Finding(file, mark.line + 1, mark.column + 1, format_path(path),
                             f"rakenne on liian syvä (yli {MAX_DEPTH} tasoa)"))


_PLAIN_SPECIAL = _NULLS | _TRUE | _FALSE
_NUMERIC_START = frozenset("0123456789+-.")
_PROPERTY = re.compile(r"[!&][^\s]*")


class Walk:
    """Plain values from a composed node tree, with positions; refuses what YAML allows
    but the data must not use. Goes in document order, so the first problem is reported."""

    def __init__(self, doc: Document, text: str, findings: list[Finding]):
        self.doc, self.text, self.findings = doc, text, findings
        # A node written with a tag or an anchor starts at its '!' or '&'; without either
        # character in the file no node needs looking at.
        self.properties = "!" in text or "&" in text

    def fail(self, mark, path, message):
        raise LoadError(Finding(self.doc.file, mark.line + 1, mark.column + 1,
                                format_path(path), message))

    def _properties(self, node) -> tuple[str | None, str | None]:
        """(anchor, tag) as written before the node, each None when absent."""
        anchor = tag = None
        index = node.start_mark.index
        while self.text[index:index + 1] in ("!", "&"):
            token = _PROPERTY.match(self.text, index).group()
            if token[0] == "&":
                anchor = token[1:]
            else:
                tag = token
            index += len(token)
            while self.text[index:index + 1] in (" ", "\t", "\n", "\r"):
                index += 1
        return anchor, tag

    def _check_properties(self, node, path) -> bool:
        """Refuses an anchor or a tag; True when the node carries the '!' tag (plain text)."""
        if not self.properties or self.text[node.start_mark.index:node.start_mark.index + 1] \
                not in ("!", "&"):
            return False
        anchor, tag = self._properties(node)
        if anchor is not None:
            self.fail(node.start_mark, path, f"ankkuri '&{anchor}' ei ole käytössä; poista se")
        if tag is not None and tag != "!":
            shown = node.tag if node.tag not in (UNRESOLVED, None) and not node.tag.startswith("!") \
                else tag
            self.fail(node.start_mark, path, f"tagi '{shown}' ei ole sallittu; poista se ja "
                                             "kirjoita arvo tavallisena tekstinä")
        return tag == "!"

    def root(self, node) -> None:
        mark = node.start_mark
        self.doc.root_position = (mark.line + 1, mark.column + 1)
        self.doc.value = self.value(node, (), 0)

    def scalar(self, node, path: tuple):
        """The plain value of a scalar node (YAML 1.2 core schema for plain scalars)."""
        text = node.value
        if node.style or (self.properties and self._check_properties(node, path)):
            return text  # quoted, block or '!'-tagged: always text
        if text in _AMBIGUOUS_BOOLS:
            # Not fatal: the rest of the file is still checked.
            mark = node.start_mark
            self.findings.append(Finding(
                self.doc.file, mark.line + 1, mark.column + 1, format_path(path),
                f"arvo '{text}' on epäselvä; kirjoita teksti lainausmerkkeihin "
                f"(\"{text}\") tai totuusarvo muodossa true tai false"))
            return text
        if text[:1] in _NUMERIC_START and text or text in _PLAIN_SPECIAL:
            return _resolve_plain(text)
        return text

    def value(self, node, path: tuple, depth: int):
        """The plain value of a node at path; depth counts the collections around it."""
        if type(node) is yaml.ScalarNode:
            return self.scalar(node, path)
        if self.properties:
            self._check_properties(node, path)
        if depth >= MAX_DEPTH:
            raise too_deep(self.doc.file, node.start_mark, path)
        if type(node) is yaml.MappingNode:
            return self.mapping(node, path, depth + 1)
        return self.sequence(node, path, depth + 1)

    def mapping(self, node, path: tuple, depth: int) -> dict:
        result: dict = {}
        keys: dict = {}
        values: dict = {}
        self.doc.positions[id(result)] = (keys, values)
        text, properties, Scalar = self.text, self.properties, yaml.ScalarNode
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if type(key_node) is not Scalar:
                self.fail(mark, path, "avaimen pitää olla tekstiä, ei lista tai rakenne")
            if properties and text[mark.index:mark.index + 1] in ("!", "&"):
                self.fail(mark, path, "avaimissa ei voi käyttää tageja (!) eikä ankkureita (&)")
            key = key_node.value
            if key in result or key == "<<":
                if key == "<<":
                    self.fail(mark, path, "yhdistämisavain '<<' ei ole käytössä; kirjoita arvot auki")
                self.fail(mark, path + (key,),
                          f"avain '{key}' on jo annettu rivillä {keys[key][0]}; "
                          "poista toinen tai yhdistä niiden tiedot")
            keys[key] = (mark.line + 1, mark.column + 1)
            where = value_node.start_mark
            values[key] = (where.line + 1, where.column + 1)
            if type(value_node) is Scalar:
                if value_node.style or not properties:
                    value = value_node.value
                    if not value_node.style and (value[:1] in _NUMERIC_START and value
                                                 or value in _PLAIN_SPECIAL
                                                 or value in _AMBIGUOUS_BOOLS):
                        value = self.scalar(value_node, path + (key,))
                    result[key] = value
                else:
                    result[key] = self.scalar(value_node, path + (key,))
            else:
                result[key] = self.value(value_node, path + (key,), depth)
        return result

    def sequence(self, node, path: tuple, depth: int) -> list:
        result: list = []
        values: list = []
        self.doc.positions[id(result)] = (None, values)
        Scalar = yaml.ScalarNode
        for index, item in enumerate(node.value):
            where = item.start_mark
            values.append((where.line + 1, where.column + 1))
            if type(item) is Scalar:
                result.append(self.scalar(item, path + (index,)))
            else:
                result.append(self.value(item, path + (index,), depth))
        return result