"""Where the site's parts plug in: page fragments (markers) and generated files.

Each module in ngoplan/parts/ registers what it provides with the decorators below; the
hook asks this module for everything, so adding a part never touches the hook.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable, Iterable

# Marker name -> function(context: PageContext, arg: str | None) -> HTML.
FRAGMENTS: dict[str, Callable] = {}
# Functions(dataset, site: SiteInfo) -> iterable of GeneratedFile.
GENERATORS: list[Callable] = []


@dataclass(frozen=True)
class SiteInfo:
    """What generators need to know about the site being built."""

    url: str  # site_url with a trailing slash
    use_directory_urls: bool = True


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build adds: a Markdown page (src_uri ends in .md) or a static file."""

    src_uri: str
    content: str | bytes


def fragment(name: str):
    def register(func):
        if name in FRAGMENTS:
            raise ValueError(f"marker {name} registered twice")
        FRAGMENTS[name] = func
        return func
    return register


def generator(func):
    GENERATORS.append(func)
    return func


def load_parts() -> None:
    """Import every module in ngoplan.parts so that its registrations run (once)."""
    from . import parts

    for info in pkgutil.iter_modules(parts.__path__):
        importlib.import_module(f"{parts.__name__}.{info.name}")


def generated_files(dataset, site: SiteInfo) -> Iterable[GeneratedFile]:
    for func in GENERATORS:
        yield from func(dataset, site)
