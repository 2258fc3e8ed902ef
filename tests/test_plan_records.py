"""The plan model: frozen, typed records built once per build from the checked data, and
parts that read them instead of the raw YAML values.

Every record type must be a frozen dataclass whose fields all carry an annotation; the
records built from both real plans and from a synthetic plan must hold the data's ids, in
its order, with each value of its declared type (a list the data gives is a tuple, an id
a str). The parts must not go back to indexing the raw lists of a migrated kind.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import pytest

from conftest import ROOT
from bench import synthetic
from ngoplan.check.dataset import load_dataset
from ngoplan.model import actors as actor_records
from ngoplan.model import grants as grant_records
from ngoplan.model import plan as plan_records
from ngoplan.model import plan_record
from ngoplan.model import topics as topic_records
from ngoplan.model import records
from ngoplan.model.plan import ACTOR_RECORDS, build_model
from ngoplan.text import is_unknown
from ngoplan.web.context import BuildState, PageContext
from ngoplan.web.registry import SiteInfo

SITE = SiteInfo("https://esimerkki.invalid/")
PARTS = ROOT / "hooks" / "ngoplan" / "parts"
FEEDS = ROOT / "hooks" / "ngoplan" / "feeds" / "calendars.py"
# Kinds whose entries the parts read as records only (the model's readers).
MIGRATED = frozenset({"plan", "calendar", "bodies", "networks", "organisations", "grants",
                      "legislation", "goals"})
RECORD_MODULES = (actor_records, grant_records, plan_record, topic_records, plan_records)


def _record_types():
    found = {}
    for module in RECORD_MODULES:
        for name, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                found[name] = value
    return found


@pytest.fixture(scope="module")
def datasets(tmp_path_factory):
    real, findings = load_dataset(ROOT)
    assert findings == []
    root = tmp_path_factory.mktemp("synthetic-records")
    synthetic.write_data(root / "data", plans=1, items=12, bodies=9, site_data=ROOT / "data", seed=5)
    made, findings = load_dataset(root)
    assert findings == []
    return {"real": real, "synthetic": made}


def test_every_record_type_is_a_frozen_annotated_dataclass():
    types = _record_types()
    assert {"Body", "Network", "Organisation", "Composition", "Grants", "GrantType", "Plan",
            "SourceDocument", "Contact", "Law", "Goal", "PlanModel"} <= set(types)
    for name, cls in types.items():
        assert dataclasses.is_dataclass(cls), name
        assert cls.__dataclass_params__.frozen, name
        for spec in dataclasses.fields(cls):
            assert spec.type not in ("", None, "Any"), (name, spec.name)
        assert set(cls.__annotations__) <= {f.name for f in dataclasses.fields(cls)}, name


def _typed(value, annotation: str) -> bool:
    """The value fits the field's (string) annotation as the records declare them."""
    options = [part.strip() for part in annotation.split("|")]
    if value is None:
        return "None" in options or "object" in options
    for option in options:
        if option == "object":
            return True
        if option.startswith("tuple"):
            if isinstance(value, tuple):
                return True
            continue
        if option in ("str", "bool", "int", "dict") and type(value).__name__ == option:
            return True
        if option.startswith("frozenset") and isinstance(value, frozenset):
            return True
        if type(value).__name__ == option.rsplit(".", 1)[-1]:  # dt.date, Composition
            return True
    return False


def _check_record(record, where: str):
    for spec in dataclasses.fields(record):
        value = getattr(record, spec.name)
        assert not isinstance(value, list), f"{where}.{spec.name} is a list, not a tuple"
        assert _typed(value, spec.type), f"{where}.{spec.name}: {value!r} is not {spec.type}"
        children = value if isinstance(value, tuple) else (value,)
        for child in children:
            if dataclasses.is_dataclass(child):
                _check_record(child, f"{where}.{spec.name}")


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_records_hold_the_data_ids_with_declared_types(datasets, which):
    dataset = datasets[which]
    assert dataset.plans
    for plan_id, docs in dataset.plans.items():
        model = build_model(plan_id, docs)
        assert model.id == plan_id
        assert model.files == frozenset(docs)
        plan = docs["plan"].value
        _check_record(model.plan, f"{plan_id}.plan")
        assert model.plan.id == plan["id"] == plan_id
        assert model.plan.updated.isoformat() == plan["updated"]
        assert [d.id for d in model.plan.documents] == [d["id"] for d in plan["documents"]]
        assert [s.id for s in model.plan.seasons] == [s["id"] for s in plan.get("seasons", [])]
        contacts = plan.get("contacts")
        if isinstance(contacts, list):
            assert [c.id for c in model.plan.contacts] == [c["id"] for c in contacts]
        for kind, cls in ACTOR_RECORDS.items():
            records_of_kind = getattr(model, kind)
            data = docs[kind].value[kind] if kind in docs else []
            assert [r.id for r in records_of_kind] == [e["id"] for e in data], (plan_id, kind)
            for record, entry in zip(records_of_kind, data):
                assert type(record) is cls
                _check_record(record, f"{plan_id}.{kind}.{record.id}")
                assert model.actor(record.id) is record
                assert model.actor_kind(record.id) == kind
                # the reading marks of the record's own values, as the data has them
                assert dict(record.readings) == {k: v["reading"] for k, v in entry.items()
                                                  if isinstance(v, dict) and "reading" in v
                                                  and "value" in v}
        if "grants" in docs:
            grants = docs["grants"].value
            _check_record(model.grants, f"{plan_id}.grants")
            assert [t.id for t in model.grants.grant_types] == [t["id"] for t in grants["grant_types"]]
            assert [c.id for c in model.grants.common_criteria or ()] == [
                c["id"] for c in grants.get("common_criteria", [])]
            assert [[c.id for c in t.criteria or ()] for t in model.grants.grant_types] == [
                [c["id"] for c in t.get("criteria", [])] for t in grants["grant_types"]]
        else:
            assert model.grants is None
        for kind, key in (("legislation", "laws"), ("goals", "goals")):
            record = getattr(model, kind)
            if kind not in docs:
                assert record is None
                continue
            _check_record(record, f"{plan_id}.{kind}")
            value = docs[kind].value[key]
            if is_unknown(value):
                assert getattr(record, key) == value
            else:
                assert [e.id for e in getattr(record, key)] == [e["id"] for e in value]
        assert [i.id for i in model.items] == [
            i["id"] for i in (docs["calendar"].value["items"] if "calendar" in docs else [])]


def test_records_cannot_be_changed(datasets):
    plan_id, docs = next(iter(datasets["real"].plans.items()))
    body = build_model(plan_id, docs).bodies[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        body.name = "toinen"


def test_parsing_keeps_unknown_lists_and_turns_lists_into_tuples():
    source = {"document": "d", "section": "1"}
    body = records.parse_record(actor_records.Body, {
        "id": "b", "name": "B", "kind": "council", "purpose": "P", "source": source,
        "municipalities": {"unknown": "ei kerrottu"}, "tasks": ["a", "b"],
        "composition": {"summary": "S", "members": 3, "source": source,
                                      "ngo_seats": {"value": 2, "reading": "laskettu"}}})
    assert is_unknown(body.municipalities)
    assert body.tasks == ("a", "b") and body.themes is None
    assert body.composition.readings == (("ngo_seats", "laskettu"),)
    assert body.legal_basis is None and body.plural is False


def test_the_model_is_built_once_per_build(datasets):
    dataset = datasets["real"]
    plan_id = sorted(dataset.plans)[0]
    state = BuildState(dataset, SITE)
    first = PageContext(dataset, plan_id, f"{plan_id}/index.md", state).model()
    again = PageContext(dataset, plan_id, f"{plan_id}/toimielimet.md", state).model()
    assert first is again is state.model(plan_id)
    assert BuildState(dataset, SITE).model(plan_id) is not first  # a new build, new records


def _raw_reads(tree: ast.AST) -> list[str]:
    """Places where a part reads a migrated kind's raw data: context.index("bodies"),
    optional("networks"), docs["organisations"], .get("bodies")."""
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("index", "optional", "plan_doc", "get")
                and node.args and isinstance(node.args[0], ast.Constant)
                and node.args[0].value in MIGRATED):
            found.append(f"line {node.lineno}: {node.func.attr}({node.args[0].value!r})")
        elif (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant)
              and node.slice.value in MIGRATED):
            found.append(f"line {node.lineno}: [{node.slice.value!r}]")
    return found


@pytest.mark.parametrize("module", sorted(PARTS.glob("*.py")) + [FEEDS], ids=lambda p: p.name)
def test_parts_read_migrated_kinds_as_records(module):
    assert _raw_reads(ast.parse(module.read_text(encoding="utf-8"))) == []


def test_page_contexts_offer_no_raw_entity_lists():
    """The raw per-kind index (context.index) is gone: fragments find entities in the model."""
    assert not hasattr(PageContext, "index") and not hasattr(PageContext, "plan_doc")


def test_the_raw_read_check_finds_raw_reads():
    code = ('a = context.index("bodies")\nb = docs["networks"].value\n'
            'c = context.optional("organisations")\nd = context.optional("monitoring")\n')
    assert len(_raw_reads(ast.parse(code))) == 3


def test_rendering_every_page_builds_each_plans_records_once(datasets, monkeypatch):
    """All generated files and every page's markers of a build: one model per plan."""
    from ngoplan.feeds import calendars as feed_calendars
    from ngoplan.web import context as context_module
    from ngoplan.web.registry import generated_files, load_parts
    from ngoplan.web.render import replace_markers

    load_parts()
    built = []

    def counting(plan_id, docs):
        built.append(plan_id)
        return build_model(plan_id, docs)

    monkeypatch.setattr(context_module, "build_model", counting)
    # The feeds make their own only when a caller outside a build gives them none.
    monkeypatch.setattr(feed_calendars, "build_model", counting)
    dataset = datasets["real"]
    state = BuildState(dataset, SITE)
    generated = [(g.src_uri, g.content) for g in generated_files(state)]
    content = ROOT / "content"
    pages = [(p.relative_to(content).as_posix(), p.read_text(encoding="utf-8"))
             for p in sorted(content.rglob("*.md"))]
    pages += [(src, text) for src, text in generated if src.endswith(".md")]
    for src, text in pages:
        parts = src.split("/")
        plan_id = parts[0] if len(parts) > 1 and parts[0] in dataset.plans else None
        replace_markers(text, PageContext(dataset, plan_id, src, state))
    assert sorted(built) == sorted(dataset.plans)


def test_a_key_without_a_record_field_is_refused():
    """A schema key added without its field would vanish from every page: refused instead."""
    with pytest.raises(records.RecordError, match="Organisation has no field for nickname"):
        records.parse_record(actor_records.Organisation, {
            "id": "o", "name": "O", "kind": "association", "source": {}, "nickname": "x"})


@pytest.mark.parametrize("kind,cls", [
    ("bodies", actor_records.Body), ("networks", actor_records.Network),
    ("organisations", actor_records.Organisation)])
def test_each_entity_record_has_a_field_for_every_schema_key(kind, cls):
    """The schema's keys for one entry of the kind's list are the record's fields."""
    import json
    from dataclasses import fields

    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    entity = schema["properties"][kind]["items"]["properties"]
    names = {spec.name for spec in fields(cls) if not spec.metadata.get("readings")}
    assert set(entity) == names, (sorted(set(entity) - names), sorted(names - set(entity)))
