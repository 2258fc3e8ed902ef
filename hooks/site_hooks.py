"""The thin MkDocs adapter: load and check data at build start, add generated files,
fill page markers.

All logic lives in the ngoplan package, which knows nothing of MkDocs. A data problem
fails the build with the validator's own lines (PluginError: no traceback, nothing
written to site/). Data is re-read on every build, so `mkdocs serve` follows edits.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ngoplan.context import PageContext
from ngoplan.dataset import load_dataset
from ngoplan.findings import count_line
from ngoplan.registry import SiteInfo, generated_files, load_parts
from ngoplan.render import UnknownMarker, replace_markers

log = logging.getLogger("mkdocs.plugins.ngoplan")
load_parts()
_state: dict = {}


def on_config(config, **_):
    root = Path(config.config_file_path).parent
    dataset, findings = load_dataset(root)
    if findings:
        lines = [f.format() for f in findings] + [count_line(len(findings))]
        raise PluginError("Tiedoissa on virheitä, sivustoa ei rakennettu:\n" + "\n".join(lines))
    _state["dataset"] = dataset
    url = config.site_url or "http://127.0.0.1:8000/"
    _state["site"] = SiteInfo(url=url if url.endswith("/") else url + "/",
                              use_directory_urls=config.use_directory_urls)
    return config


def on_files(files, *, config, **_):
    for generated in generated_files(_state["dataset"], _state["site"]):
        if files.get_file_from_path(generated.src_uri) is not None:
            raise PluginError(f"content/{generated.src_uri} on myös luotu tiedoista; "
                              "poista käsin kirjoitettu tiedosto tai nimeä se toisin")
        files.append(File.generated(config, generated.src_uri, content=generated.content))
    return files


def on_page_content(html, *, page, **_):
    parts = page.file.src_uri.split("/")
    plan_id = parts[0] if len(parts) > 1 and parts[0] in _state["dataset"].plans else None
    try:
        return replace_markers(html, PageContext(_state["dataset"], plan_id, page.file.src_uri))
    except (UnknownMarker, LookupError) as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None
