"""A new plan's data files, built from the schemas: every required value that may be
unknown is `{unknown: "ei vielä kirjattu"}`, every list empty, the schema's keys listed
with their Finnish titles as comments, written as YAML text."""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path

from ..check.schemas import schema_dir

NOT_YET = "ei vielä kirjattu"
PLAN_DOCUMENT = "suunnitelma"  # the id of the plan's own document in plan.yaml
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


class NewPlanError(Exception):
    """Bad input; the message is Finnish and says the fix."""


# --- data: built from the schemas ---------------------------------------------------------

def _schemas(directory: Path) -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(directory.glob("*.schema.json"))}


def _resolve(node: dict, here: str, schemas: dict[str, dict]) -> tuple[dict, str]:
    """Follow $ref (within a file or to another schema file) to the schema it names."""
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        here = target or here
        node = schemas[here]
        for part in filter(None, pointer.split("/")):
            node = node[part]
    return node, here


def _allows_unknown(node: dict, here: str, schemas: dict[str, dict]) -> bool:
    """True when `{unknown: reason}` is valid here (an object with only `unknown` required)."""
    node, here = _resolve(node, here, schemas)
    for option in node.get("anyOf", []) + node.get("oneOf", []):
        option, where = _resolve(option, here, schemas)
        if "anyOf" in option and _allows_unknown(option, where, schemas):
            return True
        props = option.get("properties", {})
        if option.get("type") == "object" and "unknown" in props \
                and set(option.get("required", [])) <= {"unknown", "source"}:
            return True
    return False


def _skeleton(node: dict, here: str, schemas: dict[str, dict], given: dict, path: str):
    """The least a required value can be while saying nothing: unknown, an empty list, or an
    object of its required keys. `given` holds values the template sets (by key path)."""
    if path in given:
        return given[path]
    if _allows_unknown(node, here, schemas):
        if _needs_source(node, here, schemas):
            return {"unknown": NOT_YET, "source": _source()}
        return {"unknown": NOT_YET}
    node, here = _resolve(node, here, schemas)
    if node is schemas.get("defs.schema.json", {}).get("$defs", {}).get("source"):
        return _source()
    if node.get("type") == "array" and not node.get("minItems"):
        return []
    if node.get("type") == "object" or "properties" in node:
        return {key: _skeleton(node["properties"][key], here, schemas, given, f"{path}.{key}")
                for key in node.get("required", [])}
    if "anyOf" in node:  # e.g. text: a plain string or language versions
        return _skeleton(node["anyOf"][0], here, schemas, given, path)
    if node.get("type") == "string" and not node.get("format") and not node.get("enum"):
        return NOT_YET
    raise NewPlanError(
        f"uuden suunnitelman pohja ei osaa täyttää pakollista kohtaa {path.lstrip('.')}: "
        "lisää sille arvo ngoplan/newplan/data.py:n pohjaan (template_values)")


def _needs_source(node: dict, here: str, schemas: dict[str, dict]) -> bool:
    """True when the only unknown form this value accepts also requires a source."""
    node, here = _resolve(node, here, schemas)
    for option in node.get("anyOf", []):
        option, _ = _resolve(option, here, schemas)
        if "unknown" in option.get("properties", {}):
            return "source" in option.get("required", [])
    return False


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
        ".status": {"value": "draft", "source": _source()},
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
    schemas = _schemas(directory)
    name = f"{kind}.schema.json"
    schema = schemas[name]
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
            resolved = _resolve(sub, name, schemas)[0]
            if _allows_unknown(sub, name, schemas):
                value = {"unknown": NOT_YET}
            else:
                lines.append("#   (valinnainen; lisää, jos lähde kertoo)")
                continue
        else:
            value = _skeleton(sub, name, schemas, given, f".{key}")
        lines += _yaml({key: value})
    if not any(line and not line.startswith("#") for line in lines):
        lines.append("{}")  # every key is optional: an empty mapping, not an empty file
    return "\n".join(lines) + "\n"
