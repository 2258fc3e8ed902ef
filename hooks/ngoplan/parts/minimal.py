"""First-pass renderings of markers that have no full part yet: a plain list of entries,
or an honest 'not yet' when the plan's data file does not exist."""

from __future__ import annotations

from ..registry import FRAGMENTS, fragment
from ..render import render

# marker -> (data kind, list key, what in Finnish)
SIMPLE = {
    "cooperation-section": ("cooperation", "sections", "yhteistyön muodot"),
    "cooperation-figures": ("cooperation", "figures", "järjestökentän luvut"),
    "legislation": ("legislation", "laws", "lainsäädäntö"),
    "monitoring": ("monitoring", "indicators", "seurannan mittarit"),
    "goals": ("goals", "goals", "kehittämistavoitteet"),
}


def _simple(kind, key, what):
    def render_simple(context, arg) -> str:
        data = context.optional(kind)
        if data is None:
            return render("nothing_yet.html", what=what)
        entries = data.get(key, []) if key else []
        return render("simple_list.html", entries=entries, what=what)
    return render_simple


for _name, (_kind, _key, _what) in SIMPLE.items():
    # A full part registers the marker itself; this is only the fallback.
    if _name not in FRAGMENTS:
        fragment(_name)(_simple(_kind, _key, _what))
