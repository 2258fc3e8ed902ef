"""What libyaml's refusals mean for an editor: each parser or composer error as a finding
that names the place and the fix in plain Finnish."""

from __future__ import annotations

import re

import yaml

from .findings import Finding, format_path

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # events only: no values resolved


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


_COMPOSER_PROBLEMS = (
    ("but found another document",
     "tiedostossa on useampi YAML-dokumentti (---); jätä tiedostoon vain yksi"),
    ("found undefined alias",
     "ankkurit ja viittaukset (& ja *) eivät ole käytössä; kirjoita arvo auki"),
)


def _path_at(text: str, mark) -> tuple:
    """The key path of the node that starts at mark, from the events (after a failure only:
    the composer's errors do not say where in the structure they are)."""
    stack: list = []  # per open collection: [is mapping, next key or index, awaiting key]
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
                top = stack[-1] if stack else None
                if top is not None and top[0] and top[2]:  # a key
                    top[1], top[2] = getattr(event, "value", None), False
                    continue
                start = event.start_mark
                if (start.line, start.column) == (mark.line, mark.column):
                    return tuple(frame[1] for frame in stack)
                if top is not None and not top[0]:
                    top[1] += 1
                elif top is not None:
                    top[2] = True
                if isinstance(event, yaml.CollectionStartEvent):
                    is_map = isinstance(event, yaml.MappingStartEvent)
                    if top is not None and not top[0]:
                        top[1] -= 1  # the index stays on this item while inside it
                    stack.append([is_map, None if is_map else 0, is_map])
            elif isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                if stack:
                    top = stack[-1]
                    if top[0]:
                        top[2] = True
                    else:
                        top[1] += 1
    except yaml.YAMLError:
        pass
    return ()


def yaml_error(file: str, text: str, exc: yaml.YAMLError) -> Finding:
    """The finding for a file libyaml could not read: where, and what to do, in Finnish."""
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_error(file, text, exc)
    if isinstance(exc, yaml.composer.ComposerError):
        if "duplicate anchor" in (exc.context or ""):  # the first anchor is the one refused
            mark = exc.context_mark
            name = re.match(r"&([^\s,\]\}]*)", text[mark.index:])
            return Finding(file, mark.line + 1, mark.column + 1,
                           format_path(_path_at(text, mark)), f"ankkuri '&{name.group(1) if name else ''}' ei ole käytössä; poista se")
        for needle, message in _COMPOSER_PROBLEMS:
            if needle in (exc.problem or ""):
                mark = exc.problem_mark
                return Finding(file, mark.line + 1, mark.column + 1,
                               format_path(_path_at(text, mark)), message)
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
