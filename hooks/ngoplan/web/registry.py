"""Where the site's parts plug in: page fragments (markers) and generated files.

The parts are the modules listed in PARTS, in this order; within a part, its decorated
functions in the order they are written. The decorators only mark a function: importing a
module registers nothing, so what a build uses is exactly what PARTS lists.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Callable, Iterable

# The modules of ngoplan/parts/ that provide markers or generated files, in the order their
# files are generated (the order of the site's pages in the sitemap and search index). The
# others there (common, timing_view) are helpers.
PARTS = ("accessibility", "changelog", "feeds", "grants", "plan_pages", "actors", "structure",
         "publish", "topics", "yearclock")


@dataclass(frozen=True)
class SiteInfo:
    """What generators need to know about the site being built."""

    url: str  # site_url with a trailing slash
    use_directory_urls: bool = True


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build adds: a Markdown page (src_uri ends in .md) or a static file."""

    src_uri: str
    content: str | bytes | None  # None: not made yet (planned_files)


def fragment(name: str, *, reuses: bool | tuple = False):
    """Marks func(context: PageContext, arg: str | None) -> HTML as the marker `name`.

    reuses: the fragment is made of other fragments (render.fragment_html, the build's
    memo), for every argument (True) or for the arguments listed. Such a fragment is
    rendered where the others are kept, never ahead in another process (web/ahead.py)."""
    def mark(func):
        func.ngoplan_marker = name
        func.ngoplan_reuses = reuses
        return func
    return mark


def reuses_fragments(func, arg: str | None) -> bool:
    """Whether the fragment func, for arg, is made of other fragments (fragment(reuses=))."""
    reuses = getattr(func, "ngoplan_reuses", False)
    return reuses is True or (isinstance(reuses, tuple) and arg in reuses)


def template_global(func):
    """Marks func as callable from every template by its own name (a part's per-item
    helper that templates include, such as calendar_actions)."""
    func.ngoplan_template_global = True
    return func


def generator(func=None, *, paths=None):
    """Marks func(state: BuildState) -> iterable of GeneratedFile (the state's dataset,
    site address and plan records).

    paths(state) -> the src_uris func yields, in its order, worked out without making the
    contents: then a build may make them later or in another process (planned_files,
    made_contents), for files no page reads while it is rendered."""
    def mark(func):
        func.ngoplan_generator = True
        func.ngoplan_paths = paths
        return func
    return mark if func is None else mark(func)


@dataclass(frozen=True)
class Parts:
    fragments: Mapping[str, Callable]  # marker name -> function
    generators: tuple[Callable, ...]
    template_globals: Mapping[str, Callable]  # name -> function, for every template


@cache
def load_parts() -> Parts:
    """The markers and generators of the modules in PARTS (imported once per process)."""
    fragments: dict[str, Callable] = {}
    generators = []
    template_globals: dict[str, Callable] = {}
    for name in PARTS:
        module = importlib.import_module(f"ngoplan.parts.{name}")
        found = []
        for value in vars(module).values():  # functions, and tuples of made ones
            found += value if isinstance(value, tuple) else [value]
        for value in found:
            if getattr(value, "__module__", None) != module.__name__:
                continue  # imported from elsewhere: listed where it is defined
            marker = getattr(value, "ngoplan_marker", None)
            if marker is not None:
                if marker in fragments:
                    raise ValueError(f"marker {marker} defined twice")
                fragments[marker] = value
            if getattr(value, "ngoplan_generator", False):
                generators.append(value)
            if getattr(value, "ngoplan_template_global", False):
                template_globals[value.__name__] = value
    return Parts(MappingProxyType(fragments), tuple(generators), MappingProxyType(template_globals))


class _Fragments(Mapping):
    """A read-only view of load_parts().fragments: FRAGMENTS[name](context, arg)."""

    def __getitem__(self, name):
        return load_parts().fragments[name]

    def __iter__(self):
        return iter(load_parts().fragments)

    def __len__(self):
        return len(load_parts().fragments)


class _Generators(Sequence):
    """A read-only view of load_parts().generators."""

    def __getitem__(self, index):
        return load_parts().generators[index]

    def __len__(self):
        return len(load_parts().generators)


FRAGMENTS = _Fragments()
GENERATORS = _Generators()


def generated_files(state) -> Iterable[GeneratedFile]:
    """Every generator's files for one build (state: the build's BuildState)."""
    for func in load_parts().generators:
        yield from func(state)


class GenerationError(Exception):
    """A generator failed; the message names it and says why."""


def _generated(func, state) -> list[GeneratedFile]:
    try:
        return list(func(state))
    except Exception as exc:  # the build must say which generator failed, not a traceback
        raise GenerationError(f"{func.__name__}: {type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True)
class PlannedFiles:
    """The generated files of a build, in generated_files() order: those of generators
    that can say their paths in advance without content (None), the rest made."""

    files: tuple[GeneratedFile, ...]
    deferred: tuple[Callable, ...]  # the generators whose contents are still to be made


def planned_files(state) -> PlannedFiles:
    files: list[GeneratedFile] = []
    deferred = []
    for func in load_parts().generators:
        if func.ngoplan_paths is None:
            files += _generated(func, state)
        else:
            files += [GeneratedFile(path, None) for path in func.ngoplan_paths(state)]
            deferred.append(func)
    return PlannedFiles(tuple(files), tuple(deferred))


def made_contents(generators, state) -> list[tuple[str, str | bytes]]:
    """(src_uri, content) of every file the deferred generators make, in their order."""
    return [(made.src_uri, made.content) for func in generators
            for made in _generated(func, state)]


def write_made(generators, state, dest: Mapping[str, str]) -> list[str]:
    """Make the deferred generators' files and write each to dest[src_uri] (its path in
    the site folder); returns their src_uris in order. All are made before any is
    written, so a failing generator writes nothing."""
    made = made_contents(generators, state)
    unknown = [src_uri for src_uri, _ in made if src_uri not in dest]
    if unknown:
        raise GenerationError(f"tiedostoa {unknown[0]} ei ilmoitettu etukäteen (generator(paths=))")
    for src_uri, content in made:
        path = Path(dest[src_uri])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return [src_uri for src_uri, _ in made]
