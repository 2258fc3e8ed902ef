"""Schema validation of one loaded document, with findings in plain Finnish.

One checking path: jsonschema-rs answers whether a document is valid (fast, every file,
every build); only when it is not does jsonschema walk the document to say what is wrong,
and then only the list items the gate rejects."""

from __future__ import annotations

import difflib
from types import MappingProxyType

from .findings import Finding, did_you_mean, format_path
from .schemas import gate, raw_schema, validator
from .yamlwalk import Document

_TYPE_NAMES = MappingProxyType({
    "string": "tekstiä", "integer": "kokonaisluku", "number": "luku", "boolean": "true tai false",
    "object": "avain–arvo-rakenne", "array": "luettelo (rivit alkavat '- ')", "null": "tyhjä",
})


def _describe(value) -> str:
    if value is None:
        return "tyhjä arvo"
    if isinstance(value, bool):
        return f"totuusarvo {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"luku {value}"
    if isinstance(value, str):
        return f"teksti {_quote(value)}"
    if isinstance(value, list):
        return "luettelo"
    return "avain–arvo-rakenne"


def _number_hint(error) -> str:
    """A count or a year typed in words ('kahdeksan') or quoted ('2026'): say how to fix it."""
    if not isinstance(error.instance, str):
        return ""
    # The error itself, or an anyOf branch about the same value (not one inside it).
    wanted = [e.validator_value for e in [error, *(error.context or [])]
              if e.validator == "type" and (e is error or not e.relative_path)]
    types = {w for v in wanted for w in ([v] if isinstance(v, str) else v)}
    if not types & {"integer", "number"}:
        return ""
    if error.instance.strip().lstrip("-").isdigit():
        return " Poista lainausmerkit luvun ympäriltä."
    return " Kirjoita pelkkä luku numeroina."


def _calendar_hint(value) -> str:
    """Which part of a date that has the right shape does not exist: the month or the day."""
    import calendar
    import re
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", value) if isinstance(value, str) else None
    if not found:
        return ""
    year, month, day = (int(x) for x in found.groups())
    if not 1 <= month <= 12:
        return f"kuukautta {found.group(2)} ei ole (kuukaudet ovat 01–12)"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"päivää {found.group(3)} ei ole kuukaudessa {found.group(2)}/{year}"
    return ""


def _quote(value) -> str:
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return f"'{text}'"


def _allowed_keys(schema: dict) -> list[str]:
    return sorted(schema.get("properties", {}))


def _branches(error) -> list[list]:
    """The sub-errors of an anyOf/oneOf error, grouped by the branch they come from."""
    groups: dict = {}
    for sub in error.context:
        groups.setdefault(sub.relative_schema_path[0], []).append(sub)
    return list(groups.values())


def _fit(errors) -> tuple[int, int, int]:
    """How badly a value misses one branch: (wrong type, wrong keys or values, errors).

    A branch whose type does not match the value says nothing useful about it; among the
    others, the one needing the fewest key changes is the one the editor meant.
    """
    mismatches = 0
    for error in errors:
        if error.path:
            continue
        if error.validator == "type":
            return (1, 0, 0)
        if error.validator in ("anyOf", "oneOf") and error.context:
            best = min(_fit(branch) for branch in _branches(error))
            if best[0]:
                return (1, 0, 0)
            mismatches += best[1]
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            mismatches += sum(1 for key in error.instance if key not in allowed)
        elif error.validator == "required" and isinstance(error.instance, dict):
            mismatches += sum(1 for key in error.validator_value if key not in error.instance)
        else:
            mismatches += 1
    return (0, mismatches, len(errors))


def _explain(error) -> list:
    """The errors worth showing for one error: anyOf/oneOf resolved to the intended branch."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    branches = _branches(error)
    fits = [_fit(branch) for branch in branches]
    best = min(fits)
    if best[0]:
        return [error]  # no branch has the value's type: the anyOf's own help is clearest
    branch = branches[fits.index(best)]
    return [shown for sub in branch for shown in _explain(sub)]


def _messages(error):
    """(path, message, point_at_key) for each problem one jsonschema error stands for."""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = _allowed_keys(schema)
        for key in sorted(k for k in error.instance if k not in allowed):
            close = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f" Tarkoititko '{close[0]}'?" if close else ""
            yield (tuple(error.absolute_path) + (key,),
                   f"tuntematon avain '{key}'.{suggestion} Sallitut avaimet: {', '.join(allowed)}",
                   True)
        return
    yield _message(error)


def _message(error) -> tuple[tuple, str, bool]:
    """(path, message, point_at_key) for one jsonschema error."""
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    help_text = schema.get("description", "")
    if kind == "required":
        missing = [k for k in error.validator_value if k not in (value or {})]
        props = schema.get("properties", {})
        names = [f"'{k}' ({props[k]['title']})" if props.get(k, {}).get("title") else f"'{k}'"
                 for k in missing]
        if len(names) == 1:
            return path, f"pakollinen avain {names[0]} puuttuu; lisää se tähän kohtaan", False
        return path, (f"pakolliset avaimet {', '.join(names)} puuttuvat; lisää ne tähän "
                      "kohtaan"), False
    if kind == "enum" and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
        allowed = ", ".join(str(v) for v in error.validator_value)
        return path, f"pitää olla yksi sallituista arvoista ({allowed}), nyt {_describe(value)}", False
    if kind == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        names = " tai ".join(_TYPE_NAMES.get(t, t) for t in wanted)
        hint = _number_hint(error)
        return path, f"pitää olla {names}, nyt {_describe(value)}" + (f".{hint}" if hint else ""), False
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        close = did_you_mean(value, error.validator_value)
        if close:
            return path, (f"arvo {_quote(value)} ei ole sallittu.{close} Sallitut arvot: "
                          f"{allowed}"), False
        return path, f"arvo {_quote(value)} ei ole sallittu; sallitut arvot: {allowed}", False
    if kind == "const":
        return path, f"arvon pitää olla {_quote(error.validator_value)}, nyt {_describe(value)}", False
    if kind == "pattern" and "format" in schema:
        # The pattern repeats the format for editors that do not know the project's
        # formats; its failure is the format's, explained the same way.
        kind, fmt = "format", schema["format"]
    elif kind == "format":
        fmt = error.validator_value
    if kind == "format":
        wrong = _calendar_hint(value)
        if fmt == "date":
            if wrong:
                return path, f"{_quote(value)} ei ole olemassa oleva päivämäärä: {wrong}", False
            return path, (f"{_quote(value)} ei ole olemassa oleva päivämäärä; kirjoita päivä "
                          "muodossa VVVV-KK-PP, esimerkiksi 2026-03-15"), False
        if fmt == "local-datetime":
            if wrong:
                return path, f"{_quote(value)} ei ole kelvollinen aika: {wrong}", False
            return path, (f"{_quote(value)} ei ole kelvollinen aika; kirjoita muodossa "
                          "VVVV-KK-PPTHH:MM, esimerkiksi 2026-03-15T14:00 (Suomen aikaa)"), False
        if fmt == "link":
            return path, (f"{_quote(value)} ei ole sallittu osoite; osoitteen pitää alkaa "
                          "https://, http:// tai mailto: ja sisältää verkkotunnus"), False
        if fmt == "email":
            return path, (f"{_quote(value)} ei ole sähköpostiosoite; kirjoita muodossa "
                          "nimi@esimerkki.fi"), False
    if kind == "pattern":
        if "a-z0-9" in error.validator_value:
            return path, (f"{_quote(value)} ei kelpaa tunnisteeksi; käytä vain pieniä kirjaimia "
                          "a–z, numeroita ja väliviivoja (esimerkiksi jane-kokous)"), False
        if error.validator_value == "\\S":
            return path, "teksti on tyhjä; kirjoita teksti tai poista avain", False
        return path, f"{_quote(value)} on väärän muotoinen. {help_text}".strip(), False
    if kind == "minLength":
        return path, "teksti on tyhjä; kirjoita teksti tai poista avain", False
    if kind == "maxLength":
        return path, f"teksti on liian pitkä (enintään {error.validator_value} merkkiä)", False
    if kind == "minItems":
        return path, f"luettelossa pitää olla vähintään {error.validator_value} kohta(a)", False
    if kind == "uniqueItems":
        return path, "luettelossa on sama arvo kahdesti; poista toistuva arvo", False
    if kind in ("minimum", "maximum"):
        word = "vähintään" if kind == "minimum" else "enintään"
        return path, f"arvon pitää olla {word} {error.validator_value}, nyt {value}", False
    if kind == "minProperties" or kind == "maxProperties":
        allowed = ", ".join(_allowed_keys(schema))
        return path, f"kirjoita tähän täsmälleen yksi näistä: {allowed}", False
    if kind in ("anyOf", "oneOf"):
        title = schema.get("title", "arvo")
        return path, (f"{title}: {help_text or 'arvo on väärän muotoinen'} Nyt {_describe(value)}."
                      f"{_number_hint(error)}"), False
    return path, f"{error.message}. {help_text}".strip(), False


def _errors(value, kind: str):
    """jsonschema's errors for an invalid document. A top-level list's items are explained
    only where the gate finds a problem inside them: at 10,000 items with one typo, the
    other 9,999 are not walked again."""
    explain = validator(kind)
    if not isinstance(value, dict):
        yield from explain.iter_errors(value)
        return
    failing: dict[str, set[int]] = {}
    whole = False  # a problem outside any top-level list item
    for error in gate(kind).iter_errors(value):
        where = list(error.instance_path)
        if len(where) >= 2 and isinstance(where[0], str) and isinstance(where[1], int):
            failing.setdefault(where[0], set()).add(where[1])
        else:
            whole = True
    if whole:
        yield from explain.iter_errors(value)
        return
    props = raw_schema(kind).get("properties", {})
    for key, indexes in failing.items():
        items = props.get(key, {}).get("items")
        first = len(props.get(key, {}).get("prefixItems", ()))  # those have their own schemas
        if not isinstance(items, dict) or not isinstance(value.get(key), list) \
                or min(indexes) < first:
            yield from explain.iter_errors(value)
            return
    for key, indexes in failing.items():
        for index in sorted(indexes):
            for error in explain.descend(value[key][index], props[key]["items"], path=index):
                error.path.appendleft(key)
                yield error


def schema_findings(doc: Document, kind: str) -> list[Finding]:
    """Every schema problem in the document, one finding per problem."""
    if gate(kind).is_valid(doc.value):
        return []
    findings = []
    seen = set()
    for top in _errors(doc.value, kind):
        for error in _explain(top):
            for path, message, at_key in _messages(error):
                line, col = doc.position(path, key=at_key)
                key = (line, col, message)
                if key not in seen:
                    seen.add(key)
                    findings.append(Finding(doc.file, line, col, format_path(path), message))
    return findings
