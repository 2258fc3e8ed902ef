"""The plan package keeps no state between builds by itself: no `global` statement and no
module-level mutable container (dict, list or set, literal or call). Constants are
tuples, frozensets or read-only mappings (types.MappingProxyType); per-build values live
on the build state (ngoplan.web.context.BuildState), the cache across builds in one object
(ngoplan.cache.Cache) that the hook holds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hooks" / "ngoplan"
MODULES = sorted(PACKAGE.rglob("*.py"))
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
MUTABLE_NODES = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)


def _mutable(node) -> bool:
    if isinstance(node, MUTABLE_NODES):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        return name in MUTABLE_CALLS
    return False


def _problems(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"line {node.lineno}: global {', '.join(node.names)}")
    for node in tree.body:  # module level only: values inside functions are per call
        targets, value = [], None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        if value is not None and _mutable(value):
            names = [ast.unparse(t) for t in targets]
            if names != ["__all__"]:
                found.append(f"line {node.lineno}: {', '.join(names)} is a mutable container")
    return found


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_level_state(module):
    assert _problems(ast.parse(module.read_text(encoding="utf-8"))) == []


def test_the_check_can_fail():
    tree = ast.parse("A = {}\nB: list = []\nC = dict(x=1)\nD = (1, 2)\n"
                     "def f():\n    global A\n    cache = {}\n")
    assert len(_problems(tree)) == 4


def test_every_part_with_markers_or_generators_is_listed():
    """Parts register nothing by being imported: a module left out of PARTS is not used."""
    import importlib

    from ngoplan.web.registry import PARTS, load_parts

    for path in sorted((PACKAGE / "parts").glob("*.py")):
        if path.stem == "__init__" or path.stem in PARTS:
            continue
        module = importlib.import_module(f"ngoplan.parts.{path.stem}")
        marked = [name for name, value in vars(module).items()
                  if getattr(value, "__module__", None) == module.__name__
                  and (hasattr(value, "ngoplan_marker") or hasattr(value, "ngoplan_generator"))]
        assert marked == [], f"parts/{path.name} is missing from registry.PARTS"
    assert "calendar-subscribe" in load_parts().fragments
