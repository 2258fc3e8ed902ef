"""Safe YAML loading that remembers where every key and value stands.

libyaml composes the node tree (`yaml.compose` on the C loader; no Python object is
constructed from a tag) and a walk turns it into plain values with the YAML 1.2 core schema
for plain scalars, keeping each value's line and column. Everything a staff member could
write by accident and that could be unsafe or ambiguous is refused with a finding: tags (a
`!!python/...` tag never runs), anchors and aliases (no alias bombs), duplicate keys,
non-text keys, `yes`/`no`/`on`/`off`, invalid UTF-8, oversized and too deeply nested files.
"""

from __future__ import annotations

from contextlib import contextmanager
import gc
import re

import yaml

from .findings import Finding
from .yamlerrors import yaml_error
from .yamlwalk import MAX_DEPTH, UNRESOLVED, Document, LoadError, Walk, too_deep

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Document", "LoadError", "gc_paused", "load"]

MAX_BYTES = 10 * 1024 * 1024
# libyaml's composer recurses in C once per nesting level and crashes the interpreter some
# ten thousand levels deep; a file that might nest this deep is measured event by event first.
_SAFE_NESTING = 1000
_DEEP_PREFIX = re.compile(r"^[ ?-]{%d}" % (_SAFE_NESTING // 2), re.M)


class _Unresolved:
    """Composing asks the loader for each plain value's YAML 1.1 type, which the walk below
    does not use (it reads plain values by YAML 1.2); answering with one tag saves most of
    the composing time. Explicit tags are kept as written, and refused by the walk
    (yamlwalk)."""

    def resolve(self, kind, value, implicit):
        return UNRESOLVED


_PythonLoader = type("_PythonLoader", (_Unresolved, yaml.SafeLoader), {})
try:  # libyaml; the pure-Python loader gives the same nodes, slower
    _Loader = type("_Loader", (_Unresolved, yaml.CSafeLoader), {})
except AttributeError:
    _Loader = _PythonLoader


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
        if text.count("[") + text.count("{") >= _SAFE_NESTING or _DEEP_PREFIX.search(text):
            _check_depth(file, text)
        with gc_paused():
            node = yaml.compose(text, Loader=_Loader)
            if node is not None:
                Walk(doc, text, findings).root(node)
        doc.complete = doc.value is not None
    except LoadError as exc:
        findings.append(exc.finding)
    except yaml.YAMLError as exc:
        findings.append(yaml_error(file, text, exc))
    if not findings and doc.value is None:
        findings.append(Finding(file, 1, 1, "(tiedosto)",
                                "tiedosto on tyhjä; kirjoita tiedostoon sen tiedot "
                                "(katso data/README.md)"))
    return doc, findings


def _check_depth(file: str, text: str) -> None:
    """Refuse a file nested deeper than MAX_DEPTH, reading its events without recursion."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            if depth >= MAX_DEPTH:
                raise too_deep(file, event.start_mark)
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
