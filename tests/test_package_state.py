"""The plan package keeps no state between builds by itself: no `global` statement, no
module-level mutable container (dict, list or set, literal or call) and no module-level
value made by a call other than a known immutable constructor (a Jinja Environment made at
import is state: its globals and template cache outlive a build). Constants are
tuples, frozensets or read-only mappings (types.MappingProxyType); per-build values live
on the build state (ngoplan.web.context.BuildState), the cache across builds in one object
(ngoplan.cache.Cache) that the hook holds. A module-level function memoised with
functools.cache or lru_cache is a cache outside it (no edit would ever clear it), so it is
refused too unless CACHED_FUNCTIONS says why it cannot go stale."""

from __future__ import annotations

import ast
from pathlib import Path
from types import MappingProxyType

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hooks" / "ngoplan"
MODULES = sorted(PACKAGE.rglob("*.py"))
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
MUTABLE_NODES = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
# Calls whose result cannot change: immutable values, compiled patterns, paths, time zones,
# classes made by a call (type, namedtuple), loggers (configured by their user).
IMMUTABLE_CALLS = frozenset({
    "frozenset", "tuple", "MappingProxyType", "compile", "Path", "ZoneInfo", "maketrans",
    "float", "max", "ceil", "object", "namedtuple", "type", "getattr", "getLogger",
    # one value per context by design: the build language, set by the hook for each build
    "ContextVar",
    # the views of a read-only mapping
    "values",
    # a binary record layout (struct.Struct): fixed once made
    "Struct",
})
# The package's own read-only objects: each reads what it shows when it is used and keeps
# nothing (render's catalogue messages and month names, registry's views of the parts).
READ_ONLY_CLASSES = frozenset({"_Message", "_Months", "_Fragments", "_Generators", "_FinnishGroup"})


# Memoised module-level functions allowed, each with the reason it cannot go stale.
CACHED_FUNCTIONS = MappingProxyType({
    "web/registry.py:load_parts": "the fixed list of parts is code, not data: the modules "
    "are imported once per process anyway, and a code change needs a restart (the hook says so)",
})
MEMO_DECORATORS = frozenset({"cache", "lru_cache"})


def _memoised(tree: ast.Module) -> list[str]:
    """Module-level functions (and methods) memoised with functools.cache or lru_cache, however spelt
    (from functools import cache as c; import functools as f; @f.lru_cache(maxsize=1))."""
    modules, names = {"functools"}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == "functools"}
        elif isinstance(node, ast.ImportFrom) and node.module == "functools":
            names |= {a.asname or a.name for a in node.names if a.name in MEMO_DECORATORS}
    found = []
    # Module-level functions and the methods of module-level classes (a memoised method
    # keeps its values on the function, shared by every instance); nested ones are per call.
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef)
    functions = [(node, node.name) for node in tree.body if isinstance(node, kinds)]
    functions += [(item, f"{node.name}.{item.name}") for node in tree.body
                  if isinstance(node, ast.ClassDef) for item in node.body
                  if isinstance(item, kinds)]
    for node, name in functions:
        for decorator in node.decorator_list:
            target = decorator.func if isinstance(decorator, ast.Call) else decorator
            if (isinstance(target, ast.Name) and target.id in names) or (
                    isinstance(target, ast.Attribute) and target.attr in MEMO_DECORATORS
                    and isinstance(target.value, ast.Name) and target.value.id in modules):
                found.append(name)
    return found


def _mutable(node) -> bool:
    if isinstance(node, MUTABLE_NODES):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        return name in MUTABLE_CALLS
    return False


def _frozen_dataclasses(tree: ast.Module) -> set[str]:
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            and any(isinstance(d, ast.Call) and any(k.arg == "frozen" and getattr(k.value, "value", False)
                                                    for k in d.keywords)
                    for d in node.decorator_list)}


def _made_by_call(node, allowed: set[str]) -> bool:
    """A value made by calling something not known to give an immutable result (a tuple is
    looked into: its items are the values)."""
    if isinstance(node, ast.Tuple):
        return any(_made_by_call(item, allowed) for item in node.elts)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Call):  # a decorator applied: fragment(name)(func)
            return _made_by_call(func, allowed)
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        return name not in allowed
    return False


def _problems(tree: ast.Module) -> list[str]:
    found = []
    allowed = IMMUTABLE_CALLS | READ_ONLY_CLASSES | _frozen_dataclasses(tree) | {"fragment"}
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
        elif value is not None and _made_by_call(value, allowed):
            names = [ast.unparse(t) for t in targets]
            found.append(f"line {node.lineno}: {', '.join(names)} is made by a call at import "
                         "(state that outlives a build: make it on the build state)")
    return found


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_level_state(module):
    assert _problems(ast.parse(module.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_memoised_module_functions(module):
    """Memos live in the one cache (ngoplan.cache.memo), which a schema, catalogue or
    template edit clears."""
    rel = module.relative_to(PACKAGE).as_posix()
    found = [f"{rel}:{name}" for name in _memoised(ast.parse(module.read_text(encoding="utf-8")))]
    assert [name for name in found if name not in CACHED_FUNCTIONS] == []


def test_every_allowed_memo_exists():
    found = {f"{m.relative_to(PACKAGE).as_posix()}:{name}" for m in MODULES
             for name in _memoised(ast.parse(m.read_text(encoding="utf-8")))}
    assert set(CACHED_FUNCTIONS) <= found


def test_memoised_functions_are_found_however_spelt():
    tree = ast.parse("import functools\nimport functools as ft\n"
                     "from functools import cache, lru_cache as lru, wraps\n"
                     "@cache\ndef a(): pass\n@lru(maxsize=1)\ndef b(): pass\n"
                     "@functools.cache\ndef c(): pass\n@ft.lru_cache()\ndef d(): pass\n"
                     "@wraps(a)\ndef e(): pass\nclass K:\n    @cache\n    def f(self): pass\n"
                     "def g():\n    @cache\n    def h(): pass\n")
    assert _memoised(tree) == ["a", "b", "c", "d", "K.f"]


def test_the_check_can_fail():
    tree = ast.parse("A = {}\nB: list = []\nC = dict(x=1)\nD = (1, 2)\n"
                     "def f():\n    global A\n    cache = {}\n")
    assert len(_problems(tree)) == 4


def test_a_value_made_at_import_is_state():
    tree = ast.parse("import re\nfrom jinja2 import Environment\n"
                     "def _environment():\n    return Environment()\n"
                     "_ENV = _environment()\nENV = Environment()\nPAIR = (1, make())\n"
                     "PATTERN = re.compile('x')\nNAMES = frozenset({'a'})\n"
                     "@dataclass(frozen=True)\nclass P:\n    x: int\nORIGIN = P(0)\n")
    flagged = [line.split(": ", 1)[1].split(" is ")[0] for line in _problems(tree)]
    assert flagged == ["_ENV", "ENV", "PAIR"]


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
