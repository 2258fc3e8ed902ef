"""HTML fragments from data, rendered by Jinja2 templates with autoescape.

Authored pages carry markers `<!-- data:NAME -->` (or `<!-- data:NAME ARG -->`); the hook
replaces each with the fragment rendered here. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .registry import FRAGMENTS
from .text import is_unknown, localized

MARKER = re.compile(r"<!--\s*data:([a-z0-9-]+)(?:\s+([a-z0-9-]+))?\s*-->")
UNKNOWN_TEXT = "ei tiedossa"


class UnknownMarker(Exception):
    pass


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["t"] = localized
    env.tests["unknown"] = is_unknown
    env.globals["UNKNOWN_TEXT"] = UNKNOWN_TEXT
    env.filters["fi_date"] = fi_date
    return env


def fi_date(value) -> str:
    """2025-01-30 -> 30.1.2025, the Finnish way."""
    if not isinstance(value, str) or len(value) < 10:
        return str(value)
    year, month, day = value[:10].split("-")
    return f"{int(day)}.{int(month)}.{year}"


_ENV = _environment()


def render(template: str, **context) -> str:
    return _ENV.get_template(template).render(**context)


def replace_markers(html: str, context) -> str:
    """Replace every marker in a page's HTML; an unknown marker is an error."""
    def substitute(match):
        name, arg = match.group(1), match.group(2)
        if name not in FRAGMENTS:
            known = ", ".join(sorted(FRAGMENTS))
            raise UnknownMarker(f"tuntematon merkintä '<!-- data:{name} -->'; tunnetut: {known}")
        return FRAGMENTS[name](context, arg)
    return MARKER.sub(substitute, html)

