"""HTML fragments from data, rendered by Jinja2 templates with autoescape.

Authored pages carry markers `<!-- data:NAME -->` (or `<!-- data:NAME ARG -->`); the hook
replaces each with the fragment rendered here. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Undefined, select_autoescape

from . import i18n
from .registry import load_parts
from ..text import fi_date, is_reading, is_unknown, localized, plain

MARKER = re.compile(r"<!--\s*data:([a-z0-9-]+)(?:\s+([a-z0-9-]+))?\s*-->")
SAFE_SCHEMES = ("https://", "http://", "mailto:")
_HEADING = re.compile(r"<(/?)h([1-6])\b")
TEMPLATES = Path(__file__).parent.parent / "templates"


class _Message:
    """A catalogue text read when it is shown, so one value serves every build language
    (templates write {{ UNKNOWN_TEXT }}; the hook sets the language per build)."""

    def __init__(self, key: str):
        self.key = key

    def __str__(self) -> str:
        return i18n.msg(self.key)

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))

    def __eq__(self, other) -> bool:
        return str(self) == other

    def __hash__(self) -> int:
        return hash(self.key)


class _Months(Sequence):
    """Month names in the build language: MONTHS[0] is January."""

    def __getitem__(self, index):
        if isinstance(index, int) and -12 <= index < 12:  # one name, not all twelve
            return i18n.msg(f"month.{index % 12 + 1}")
        return [i18n.msg(f"month.{n}") for n in range(1, 13)][index]

    def __len__(self) -> int:
        return 12


UNKNOWN_TEXT = _Message("unknown")
LATER_TEXT = _Message("later")
MONTHS = _Months()


class UnknownMarker(Exception):
    pass


def given(value) -> bool:
    """The `given` test: the data says something here. A record's field the data left out
    is None; a field another kind's record lacks (a network has no `area`) is undefined."""
    return value is not None and not isinstance(value, Undefined)


def _localized(value) -> str:
    """The `t` filter: data text in the build language."""
    return localized(value, i18n.language())


def _environment(folder: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # No check of each template file's time on every use (an include per list item
        # made that a stat call per item): the cache makes a new environment when a
        # template changes (Cache.refresh), and a standalone Templates is made per use.
        auto_reload=False,
    )
    env.filters["t"] = _localized
    env.globals["msg"] = i18n.msg
    env.globals["label"] = i18n.label
    env.tests["unknown"] = is_unknown
    env.tests["reading"] = is_reading
    env.tests["given"] = given
    env.tests["several_sections"] = several_sections
    env.tests["said_in"] = said_in
    env.filters["plain"] = plain
    env.globals["UNKNOWN_TEXT"] = UNKNOWN_TEXT
    env.globals["LATER_TEXT"] = LATER_TEXT
    env.globals["MONTHS"] = MONTHS
    env.filters["fi_date"] = fi_date
    env.filters["fi_datetime"] = fi_datetime
    env.filters["safe_url"] = safe_url
    env.filters["fi_number"] = fi_number
    env.filters["capfirst"] = capfirst
    env.globals["doc_words"] = doc_words
    env.globals["kind_label"] = kind_label
    env.filters["period"] = period
    env.filters["trim_period"] = trim_period
    # Network kinds that are not groups of people: they never meet, so no meeting line.
    env.globals["NON_MEETING"] = ("website", "activity")
    # Timing forms with a date: the rest are approximate (month, season, year) or rhythms.
    env.globals["PLACED_FORMS"] = PLACED_FORMS
    env.globals.update(load_parts().template_globals)  # helpers parts offer (per item links)
    return env


class Templates:
    """The fragment templates: a Jinja environment made on first use and kept with what
    it compiled. The build state holds one (the hook passes the cache's, which the cache
    replaces when a template, catalogue or schema changes; Jinja also re-reads a template
    whose file changed)."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or TEMPLATES
        self._env: Environment | None = None

    def render(self, template: str, **values) -> str:
        if self._env is None:
            self._env = _environment(self.folder)
        return self._env.get_template(template).render(**values)


PLACED_FORMS = ("exact", "all_day", "recurring")
_TRAILING_TAGS = re.compile(r"((?:\s|</[a-z]+>)*)$")


def _markup(value):
    from markupsafe import Markup, escape

    return value if isinstance(value, Markup) else Markup(escape(value))


def period(value):
    """End a sentence with a period unless its visible text already ends in one (data
    text often does: "kerrotaan myöhemmin.." must not happen). Use as a filter block."""
    from markupsafe import Markup

    html = _markup(value)
    visible = re.sub(r"<[^>]+>", "", str(html)).rstrip()
    if not visible or visible[-1] in ".!?…:":
        return html
    return Markup(str(html).rstrip()) + Markup(".")


# A source's section text that names two or more numbered sections: "6.1 X ja 10 Y",
# "3.1 X, 3.2 Y ja 5 Z". The numbers are the data's own; the label agrees with them.
_MORE_SECTIONS = re.compile(r"^\d+(?:\.\d+)*\.?\s.*?(?:,| ja) \d+(?:\.\d+)*\.?\s")


def several_sections(section) -> bool:
    """The `several_sections` test: "kohdat", not "kohta", before this section text."""
    return isinstance(section, str) and bool(_MORE_SECTIONS.match(section))


def trim_period(value):
    """Drop a final period before a closing bracket: "(ei tiedossa – syy.)" reads badly."""
    from markupsafe import Markup

    html = str(_markup(value)).rstrip()
    tail = _TRAILING_TAGS.search(html).group(1)
    body = html[: len(html) - len(tail)]
    return Markup(body[:-1] + tail if body.endswith(".") else html)


def doc_words(plan) -> dict[str, str]:
    """The plan's own word for itself (document_kind: suunnitelma or asiakirja) in the
    forms catalogue texts need: {doc}, {doc_gen}, {doc_ine} and capitalised {Doc}..."""
    # A record, or {} where a fragment is shown without a plan.
    kind = getattr(plan, "document_kind", None) or "suunnitelma"
    words = {"doc": i18n.msg(f"document.{kind}"), "doc_gen": i18n.msg(f"document.{kind}.gen"),
             "doc_ine": i18n.msg(f"document.{kind}.ine")}
    return words | {key.capitalize(): capfirst(value) for key, value in words.items()}


def _field(entry, key: str):
    """A record's attribute or, for entries still read as data (guiding documents), its key."""
    return entry.get(key) if isinstance(entry, dict) else getattr(entry, key, None)


def kind_word(group: str, entry) -> str:
    """An entity's kind as a word from the catalogue: the plural label when the record says
    the name means several (plural: true), so the number comes from the data, never from
    guessing at the name."""
    plural = _field(entry, "plural") is True  # grant types and documents have none
    return i18n.label(group + ("_plural" if plural else ""), _field(entry, "kind"))


def said_in(word: str, name) -> bool:
    """The `said_in` test: the name (a text, or one per language) already says the word,
    so writing the word after it would repeat it ("Kainuun kunnat – kunnat")."""
    return word.casefold() in localized(name, i18n.language()).casefold()


def kind_label(group: str, entry, name=None) -> str:
    """kind_word() to show after the entity's name (entry.name, or the given one), or ""
    where the name already says it ("Toiminta-avustus (toiminta-avustus)") and for the
    kind "other" ("Lähellä.fi – muu" tells the reader nothing)."""
    if _field(entry, "kind") == "other":
        return ""
    word = kind_word(group, entry)
    return "" if said_in(word, _field(entry, "name") if name is None else name) else word


def capfirst(value) -> str:
    """Upper-case the first character only: Jinja's capitalize lowers the rest
    (EU-asetus -> Eu-asetus)."""
    text = str(value)
    return text[:1].upper() + text[1:]


def fi_datetime(value) -> str:
    """2026-03-15T14:00 -> 15.3.2026 klo 14.00 (kl. 14.00 in Swedish: the same numbers)."""
    if not isinstance(value, str) or "T" not in value:
        return fi_date(value)
    date, time = value.split("T", 1)
    return f"{fi_date(date)} {i18n.msg('clock')} {time[:5].replace(':', '.')}"


def fi_number(value) -> str:
    """1200000 -> 1 200 000 and 2.5 -> 2,5 (Finnish separators, no-break spaces)."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0")
    else:
        text = f"{int(value):,}"
    return text.replace(",", "\u00a0").replace(".", ",")


def safe_url(value) -> str:
    """A link target only when it is http(s) or mailto; the schema checks this too, but a
    template must never emit a javascript: or data: address even from unchecked data."""
    if isinstance(value, str) and value.strip().lower().startswith(SAFE_SCHEMES):
        return value.strip()
    return ""


def render(context, template: str, **values) -> str:
    """A template rendered with the templates of the context's build."""
    return context.templates.render(template, **values)


def _rebase_headings(fragment: str, level: int) -> str:
    """Fragments write their top headings as h2; shift them under the page's heading."""
    shift = level - 2
    if shift == 0 or "<h" not in fragment:
        return fragment
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", fragment)


def fragment_html(context, name: str, arg: str | None, fragments=None) -> str:
    """A marker's fragment, rendered once per build, plan, argument and language: the print
    page repeats the plan's other pages, and the embed page the year-clock list. Within a
    build the output is neutral (placeholders for links and print-only parts, which the
    caller fills with context.resolve()); without a build, the page's own output.
    fragments: as for replace_markers."""
    func = (load_parts().fragments if fragments is None else fragments)[name]
    state = context.state
    if state is None:
        return func(context, arg)
    key = ("fragment", context.plan_id, name, arg, i18n.language())
    if key in state.memo:
        state.stats["fragments reused"] += 1
        return state.memo[key]
    if state.ahead is not None:  # a forked child's share of the build (web/ahead.py)
        html = state.ahead.take((context.plan_id, name, arg))
        if html is not None:
            state.stats["fragments rendered ahead"] += 1
            state.memo[key] = html
            return html
    state.stats["fragments rendered"] += 1
    neutral = context if context.neutral else context.neutral_context()
    state.memo[key] = html = func(neutral, arg)
    return html


def replace_markers(html: str, context, fragments=None) -> str:
    """Replace every marker in a page's HTML; an unknown marker is an error.

    A fragment's headings start one level below the heading that precedes the marker,
    so headings stay in order whichever heading an author puts a marker under.
    fragments: marker name -> function, the parts' own unless given (benchmarks time them)."""
    FRAGMENTS = load_parts().fragments if fragments is None else fragments
    out: list[str] = []
    last = 0
    level = 2
    for match in MARKER.finditer(html):
        name, arg = match.group(1), match.group(2)
        if name not in FRAGMENTS:
            known = ", ".join(sorted(FRAGMENTS))
            raise UnknownMarker(f"tuntematon merkintä '<!-- data:{name} -->'; tunnetut: {known}")
        before = html[last:match.start()]
        found = list(_HEADING.finditer(before))
        opening = [m for m in found if not m.group(1)]
        if opening:
            level = int(opening[-1].group(2)) + 1
        out.append(before)
        fragment = fragment_html(context, name, arg, FRAGMENTS)
        out.append(_rebase_headings(fragment if context.neutral else context.resolve(fragment), level))
        last = match.end()
    out.append(html[last:])
    return "".join(out)
