"""Bodies, networks and organisations: index lists, one generated page per body and per
network (cross-linked, with their year-clock items) and the structure diagram."""

from __future__ import annotations

import html
import json

from ..i18n import msg
from ..registry import GeneratedFile, fragment, generator
from ..text import localized
from .common import PAGE_FOLDERS, actors, derived, nothing_yet, page


def head_text(text: str) -> str:
    """Text for a page's front matter. The theme puts titles and descriptions into the
    page head and navigation without escaping (and unescapes titles in <title>), so angle
    brackets become lookalike quotes and the rest is HTML-escaped here."""
    return html.escape(text.replace("<", "\u2039").replace(">", "\u203a"), quote=True)


def front_matter(title: str, description: str, *, searchable: bool = True) -> str:
    # JSON strings are valid YAML scalars, so any text is quoted safely.
    return ("---\ntitle: " + json.dumps(head_text(title), ensure_ascii=False)
            + "\ndescription: " + json.dumps(head_text(description), ensure_ascii=False)
            + ("" if searchable else "\nsearch:\n  exclude: true")
            + "\n---\n\n")


def _summary(text: str, limit: int = 150) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


@generator
def actor_pages(dataset, site):
    """<plan>/toimielimet/<id>.md and <plan>/verkostot/<id>.md: front matter + a marker.
    No data text goes into the Markdown body; the fragment renders it escaped."""
    for plan_id, docs in sorted(dataset.plans.items()):
        if "plan" not in docs:
            continue
        county = localized(docs["plan"].value["county"])
        for kind, folder in PAGE_FOLDERS.items():
            if kind not in docs:
                continue
            what = "Toimielin" if kind == "bodies" else "Verkosto"
            for entry in docs[kind].value.get(kind, []):
                name = localized(entry["name"])
                description = _summary(f"{what}: {name} ({county}). {localized(entry['purpose'])}")
                marker = "body-page" if kind == "bodies" else "network-page"
                yield GeneratedFile(
                    f"{plan_id}/{folder}/{entry['id']}.md",
                    front_matter(name, description) + f"<!-- data:{marker} {entry['id']} -->\n")


def _refs(context, ids):
    found = actors(context)
    return [found.link(i) for i in ids if isinstance(i, str)]


def _actor_page(context, ident: str, kind: str) -> str:
    entry = context.index(kind).get(ident)
    if entry is None:
        raise LookupError(f"tunnistetta '{ident}' ei löydy ({kind})")
    found = actors(context)
    model = derived(context)
    rel = model["relations"].get(ident, {})
    laws = context.index("legislation")
    items = model["by_organiser"].get(ident, [])
    return page("actor_page.html", context, entry=entry, kind=kind, rel=rel,
                ref=found.link, refs=lambda ids: _refs(context, ids), laws=laws, items=items,
                vuosikello=context.plan_url("vuosikello.md"),
                lainsaadanto=context.plan_url("lainsaadanto.md"),
                index_url=context.plan_url("toimielimet.md"),
                plan_url=context.plan_url("index.md"), plan=context.plan())


@fragment("body-page")
def body_page(context, arg) -> str:
    return _actor_page(context, arg, "bodies")


@fragment("network-page")
def network_page(context, arg) -> str:
    return _actor_page(context, arg, "networks")


def _actor_index(context, kind: str) -> str:
    data = context.optional(kind)
    if data is None:
        return nothing_yet(context)
    return page("actor_index.html", context, entries=data.get(kind, []), kind=kind,
                ref=actors(context).link)


@fragment("bodies-index")
def bodies_index(context, arg) -> str:
    return _actor_index(context, "bodies")


@fragment("networks-index")
def networks_index(context, arg) -> str:
    return _actor_index(context, "networks")


@fragment("organisations-list")
def organisations_list(context, arg) -> str:
    data = context.optional("organisations")
    if data is None:
        return nothing_yet(context)
    rel = derived(context)["relations"]
    return page("organisations.html", context, entries=data.get("organisations", []), rel=rel,
                refs=lambda ids: _refs(context, ids))


# --- Structure diagram ----------------------------------------------------------------

BOX_W, BOX_H, GAP_X, GAP_Y, PER_ROW, CHARS = 170, 62, 20, 46, 4, 24


def _wrap(text: str, width: int = CHARS, lines: int = 3) -> list[str]:
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return out


@fragment("structure-diagram")
def structure_diagram(context, arg) -> str:
    bodies = context.index("bodies")
    networks = context.index("networks")
    if not bodies and not networks:
        return nothing_yet(context)
    found = actors(context)
    # Layers: bodies by depth under their parent or appointer, then networks, then the
    # organisations that coordinate something (they have no page but are part of the web).
    depth: dict[str, int] = {}

    def level(ident, seen=()):
        if ident in depth:
            return depth[ident]
        entry = bodies[ident]
        up = entry.get("parent") or entry.get("appointed_by")
        value = 0 if up not in bodies or up in seen or up == ident else level(up, seen + (ident,)) + 1
        depth[ident] = value
        return value

    layers: dict[int, list[str]] = {}
    for ident in bodies:
        layers.setdefault(level(ident), []).append(ident)
    base = max(layers) + 1 if layers else 0
    if networks:
        layers[base] = list(networks)
        base += 1
    coordinators = sorted({e["coordinator"] for e in list(bodies.values()) + list(networks.values())
                           if e.get("coordinator") and found.kind(e["coordinator"]) == "organisations"})
    if coordinators:
        layers[base] = coordinators
    # Rows of at most PER_ROW boxes keep the drawing legible on a phone.
    rows: list[list[str]] = []
    for key in sorted(layers):
        members = layers[key]
        for start in range(0, len(members), PER_ROW):
            rows.append(members[start:start + PER_ROW])
    widest = max(len(r) for r in rows)
    width = widest * BOX_W + (widest + 1) * GAP_X
    height = len(rows) * BOX_H + (len(rows) + 1) * GAP_Y
    pos: dict[str, tuple[float, float]] = {}
    boxes = []
    for r, row in enumerate(rows):
        offset = (width - (len(row) * BOX_W + (len(row) - 1) * GAP_X)) / 2
        y = GAP_Y + r * (BOX_H + GAP_Y)
        for c, ident in enumerate(row):
            x = offset + c * (BOX_W + GAP_X)
            pos[ident] = (x, y)
            entry = found.get(ident)
            label = localized(entry.get("short_name") or entry["name"])
            boxes.append({"id": ident, "x": round(x, 1), "y": y, "kind": found.kind(ident),
                          "lines": _wrap(label)})
    edges = []
    relations = []

    def connect(src, dst, style, words):
        if src in pos and dst in pos and src != dst:
            (x1, y1), (x2, y2) = pos[src], pos[dst]
            # From the bottom (or top) centre of one box to the other's facing edge.
            if y1 < y2:
                a, b = (x1 + BOX_W / 2, y1 + BOX_H), (x2 + BOX_W / 2, y2)
            elif y1 > y2:
                a, b = (x1 + BOX_W / 2, y1), (x2 + BOX_W / 2, y2 + BOX_H)
            else:
                a = (x1 + (BOX_W if x1 < x2 else 0), y1 + BOX_H / 2)
                b = (x2 + (0 if x1 < x2 else BOX_W), y2 + BOX_H / 2)
            edges.append({"x1": round(a[0], 1), "y1": round(a[1], 1), "x2": round(b[0], 1),
                          "y2": round(b[1], 1), "style": style})
        if src in found.by_id and dst in found.by_id:
            relations.append({"src": found.link(src), "dst": found.link(dst), "words": words})

    for ident, entry in list(bodies.items()) + list(networks.items()):
        if entry.get("parent"):
            connect(entry["parent"], ident, "parent", msg("structure.rel_parent"))
        if entry.get("appointed_by") and entry.get("appointed_by") != entry.get("parent"):
            connect(entry["appointed_by"], ident, "appoints", msg("structure.rel_appoints"))
        if entry.get("coordinator"):
            connect(entry["coordinator"], ident, "coordinates", msg("structure.rel_coordinates"))
        # Kainuu's partnership networks were proposed by JANE; Pohjois-Karjala's JANE names
        # the NGO members of the area groups: both are lines a reader looks for.
        if entry.get("proposed_by"):
            connect(entry["proposed_by"], ident, "proposes", msg("structure.rel_proposes"))
        names = entry.get("composition", {}).get("ngo_representatives_appointed_by")
        if names:
            connect(names, ident, "names", msg("structure.rel_names_ngo_reps"))
        for body in entry.get("related_bodies", []):
            connect(ident, body, "related", msg("structure.rel_related"))
    return page("structure_diagram.html", context, boxes=boxes, edges=edges, width=width,
                height=height, box_w=BOX_W, box_h=BOX_H, relations=relations,
                rows=[[found.link(i) | {"kind": found.kind(i)} for i in row] for row in rows])
