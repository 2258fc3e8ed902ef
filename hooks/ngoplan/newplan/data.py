"""A new plan's data files, built from the schemas: every required value that may be
unknown is `{unknown: "ei vielä kirjattu"}`, every list empty, the schema's keys listed
with their Finnish titles as comments, written as YAML text."""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path

from ..check.schemas import raw_schema, resolve, schema_dir

NOT_YET = "ei vielä kirjattu"
PLAN_DOCUMENT = "suunnitelma"  # the id of the plan's own document in plan.yaml
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


class NewPlanError(Exception):
    """Bad input; the message is Finnish and says the fix."""


# --- data: built from the schemas ---------------------------------------------------------

def _allows_unknown(node: dict, root: dict, directory: Path) -> bool:
    """True when `{unknown: reason}` is valid here (an object with only `unknown` required).
    root is the schema file node is in; $refs are followed by check.schemas.resolve."""
    node, root = resolve(node, root, directory)
    for option in node.get("anyOf", []) + node.get("oneOf", []):
        option, where = resolve(option, root, directory)
        if "anyOf" in option and _allows_unknown(option, where, directory):
            return True
        props = option.get("properties", {})
        if option.get("type") == "object" and "unknown" in props \
                and set(option.get("required", [])) <= {"unknown", "source"}:
            return True
    return False


def _skeleton(node: dict, root: dict, directory: Path, given: dict, path: str):
    """The least a required value can be while saying nothing: unknown, an empty list, or an
    object of its required keys. `given` holds values the template sets (by key path)."""
    if path in given:
        return given[path]
    if _allows_unknown(node, root, directory):
        if _needs_source(node, root, directory):
            return {"unknown": NOT_YET, "source": _source()}
        return {"unknown": NOT_YET}
    node, root = resolve(node, root, directory)
    if node is _defs(directory).get("$defs", {}).get("source"):
        return _source()
    if node.get("type") == "array" and not node.get("minItems"):
        return []
    if node.get("type") == "object" or "properties" in node:
        return {key: _skeleton(node["properties"][key], root, directory, given, f"{path}.{key}")
                for key in node.get("required", [])}
    if "anyOf" in node:  # e.g. text: a plain string or language versions
        return _skeleton(node["anyOf"][0], root, directory, given, path)
    if node.get("type") == "string" and not node.get("format") and not node.get("enum"):
        return NOT_YET
    raise NewPlanError(
        f"uuden suunnitelman pohja ei osaa täyttää pakollista kohtaa {path.lstrip('.')}: "
        "lisää sille arvo ngoplan/newplan/data.py:n pohjaan (template_values)")


def _needs_source(node: dict, root: dict, directory: Path) -> bool:
    """True when the only unknown form this value accepts also requires a source."""
    node, root = resolve(node, root, directory)
    for option in node.get("anyOf", []):
        option, _ = resolve(option, root, directory)
        if "unknown" in option.get("properties", {}):
            return "source" in option.get("required", [])
    return False


def _defs(directory: Path) -> dict:
    """The shared $defs file, or nothing while a schema folder has none."""
    try:
        return raw_schema("defs", directory)
    except KeyError:
        return {}


def _source() -> dict:
    return {"document": PLAN_DOCUMENT, "section": NOT_YET}


def document_title(county: str) -> str:
    """The plan's title in the genitive only where the county name's form is certain."""
    if county.endswith("hyvinvointialue"):
        return county + "en järjestöyhteistyön suunnitelma"
    return "Järjestöyhteistyön suunnitelma"


def template_values(plan_id: str, county: str, today: _dt.date) -> dict[str, dict]:
    """Per kind, the values a new plan needs that are not 'not recorded yet' (by key path)."""
    title = document_title(county)
    plan = {
        ".id": plan_id,
        ".county": county,
        ".title": title,
        ".document_kind": "suunnitelma",
        ".languages": ["fi"],
        ".updated": today,
        ".plan_year": today.year,
        ".documents": [{"id": PLAN_DOCUMENT, "title": title, "url": {"unknown": NOT_YET}}],
        ".source": _source(),
        ".status": {"value": "draft", "not_recorded": NOT_YET, "source": _source()},
    }
    return {"plan": plan}


_PLAIN = re.compile(r"[A-Za-zÅÄÖåäö][\w .,–-]*\Z")


def yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if _PLAIN.match(value) and value.lower() not in ("yes", "no", "on", "off", "true", "false",
                                                     "null", "y", "n"):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def _yaml(value, indent: int = 0) -> list[str]:
    """Block YAML for the small values a skeleton holds (dicts, lists, scalars)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, (dict, list)) and child:
                lines.append(f"{pad}{key}:")
                lines += _yaml(child, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_flow(child)}")
    elif isinstance(value, list):
        for child in value:
            inner = _yaml(child, indent + 2)
            lines.append(f"{pad}- {inner[0].lstrip()}")
            lines += inner[1:]
    else:
        lines.append(pad + yaml_scalar(value))
    return lines


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return yaml_scalar(value)


def data_file(kind: str, plan_id: str, county: str, today: _dt.date,
              directory: Path | None = None) -> str:
    """One data file of a new plan: the schema's keys as Finnish comments, required values
    from the template or unknown, optional keys left as comments to fill in."""
    directory = directory or schema_dir()
    name = f"{kind}.schema.json"
    schema = raw_schema(kind, directory)
    given = template_values(plan_id, county, today).get(kind, {})
    props = schema.get("properties", {})
    lines = [f"# yaml-language-server: $schema=../../schemas/{name}",
             f"# {schema.get('title', kind)}: {schema.get('description', '')}".rstrip(),
             f"# Uusi suunnitelma: tiedot puuttuvat vielä ({NOT_YET}). Täytä ne lähdeasiakirjasta;",
             "# jokaisella tiedolla on lähde (source: {document, section}). Ohje: CONTRIBUTING.md.",
             ""]
    for key, sub in props.items():
        required = key in schema.get("required", []) or f".{key}" in given
        help_line = f"# {key}: {sub.get('title', '')} – {sub.get('description', '')}"
        lines.append(help_line.rstrip(" –"))
        if not required:
            if _allows_unknown(sub, schema, directory):
                value = {"unknown": NOT_YET}
            else:
                lines.append("#   (valinnainen; lisää, jos lähde kertoo)")
                continue
        else:
            value = _skeleton(sub, schema, directory, given, f".{key}")
        lines += _yaml({key: value})
    if not any(line and not line.startswith("#") for line in lines):
        lines.append("{}")  # every key is optional: an empty mapping, not an empty file
    return "\n".join(lines) + "\n"
