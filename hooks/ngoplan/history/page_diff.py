"""Two versions of an authored page (content/<plan>/*.md) -> Finnish sentences.

A page is compared by its title, its description and its sections (text under each
heading): a section added or removed is named; a changed section gets its new text
whole when it is plain prose of reasonable length, otherwise the sentence says that its
text changed (the reader finds the new text on the page, which the changelog links).
Markup, markers and line breaks are never quoted.
"""

from __future__ import annotations

import re

from .data_diff import only_rewording

QUOTE_LIMIT = 400  # characters of plain prose quoted whole
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MARKUP = re.compile(r"[<>\[\]`*_|{}#]|^\s*[-+] |^\s*\d+\. ", re.M)


def page_parts(raw: bytes | None):
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
    return description, title, [(h, "\n".join(body).strip()) for h, body in sections]


def _plain(text: str) -> str:
    return " ".join(text.split())


def _section_change(old: str, new: str) -> str | None:
    if _plain(old) == _plain(new):
        return None
    if only_rewording(old, new):
        return "sanamuotoa tarkennettiin"
    if not new.strip():
        return "teksti poistettiin"
    if len(_plain(new)) <= QUOTE_LIMIT and not _MARKUP.search(new):
        return f"uusi teksti ”{_plain(new)}”"
    return "tekstiä muutettiin"


def describe_page_change(name: str, before: bytes | None, after: bytes | None) -> list[str]:
    """Finnish sentences for the difference between two versions of an authored page."""
    old_desc, old_title, old_sections = page_parts(before)
    new_desc, new_title, new_sections = page_parts(after)
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
    change = _section_change(old_desc, new_desc)
    if change:
        out.append(f"{page}, sivun kuvaus: {change}.")
    old_map, new_map = dict(old_sections), dict(new_sections)
    for heading, body in new_sections:
        if heading not in old_map:
            if heading:
                out.append(f"{page}: lisättiin kohta ”{heading}”.")
            continue
        change = _section_change(old_map[heading], body)
        if change:
            where = f"kohta ”{heading}”" if heading else "johdanto"
            out.append(f"{page}, {where}: {change}.")
    for heading, _ in old_sections:
        if heading and heading not in new_map:
            out.append(f"{page}: poistettiin kohta ”{heading}”.")
    return out
