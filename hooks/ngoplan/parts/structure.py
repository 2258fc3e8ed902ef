"""The structure diagram: the plan's bodies and networks and the relations between them
as an inline SVG drawing (laid out by ngoplan.diagram), with its text equivalent."""

from __future__ import annotations

from types import MappingProxyType

from .. import diagram
from ..web.i18n import language, msg
from ..web.registry import fragment
from ..text import localized
from .common import actors, nothing_yet, page

# A layered drawing (ngoplan.diagram) in two variants from one model: "wide" for a desktop
# column and "narrow" for a phone, switched by the figure's own width in CSS. Both draw
# every body and network; the text equivalent after the figure says the same in words.

FONT, LINE, PAD_X, PAD_Y = 14.0, 18.0, 10.0, 8.0
# variant: (drawing width, widest text line in a box, how much wider a box may grow to
# keep a word whole or save a line, spacing), in SVG px = CSS px (the drawing is never
# scaled). The narrow one fits two ranks side by side in a 360 px phone's column (324 px).
VARIANTS = MappingProxyType({
    "wide": (660.0, 190.0, 1.15, diagram.Spacing()),
    "narrow": (316.0, 120.0, 1.0, diagram.Spacing(gap=36.0, lead=10.0, sep=12.0))})
# Relation kinds in the order the legend and the text equivalent list them; parent and
# appoints are both "deciding" lines and share a look.
RELATIONS = ("parent", "appoints", "coordinates", "proposes", "names", "related")
LEGEND = MappingProxyType({
    "parent": "decides", "appoints": "decides", "coordinates": "coordinates",
    "proposes": "proposes", "names": "names", "related": "related"})
WORDS = MappingProxyType({
    "parent": "structure.rel_parent", "appoints": "structure.rel_appoints",
    "coordinates": "structure.rel_coordinates", "proposes": "structure.rel_proposes",
    "names": "structure.rel_names_ngo_reps", "related": "structure.rel_related"})


def _relations(entries) -> list[tuple[str, str, str]]:
    """(from, to, kind) in data order; `from` is the deciding or acting side. entries: the
    body and network records (a network has no parent, appointer or composition)."""
    found = []
    for entry in entries:
        parent = getattr(entry, "parent", None)
        appointed_by = getattr(entry, "appointed_by", None)
        if parent:
            found.append((parent, entry.id, "parent"))
        if appointed_by and appointed_by != parent:
            found.append((appointed_by, entry.id, "appoints"))
        if entry.coordinator:
            found.append((entry.coordinator, entry.id, "coordinates"))
        # Kainuu's partnership networks were proposed by JANE; Pohjois-Karjala's JANE names
        # the NGO members of the area groups: both are lines a reader looks for.
        if getattr(entry, "proposed_by", None):
            found.append((entry.proposed_by, entry.id, "proposes"))
        composition = getattr(entry, "composition", None)
        names = composition.ngo_representatives_appointed_by if composition else None
        if isinstance(names, str):
            found.append((names, entry.id, "names"))
        for body in getattr(entry, "related_bodies", None) or ():
            found.append((entry.id, body, "related"))
    return [r for r in found if isinstance(r[0], str) and isinstance(r[1], str) and r[0] != r[1]]


def _label(entry, lang: str) -> str:
    """The box text: the full name, and the short name when the name does not contain it."""
    name = localized(entry.name, lang)
    short = localized(entry.short_name, lang) if entry.short_name else ""
    return f"{name} ({short})" if short and short not in name else name


def _box_lines(label: str, max_text: float, slack: float) -> tuple[list[str], float, float]:
    # Syllable hyphenation follows Finnish rules; other languages' long words widen the box.
    hyphenate = language() == "fi"
    lines = diagram.wrap(label, max_text, FONT, hyphenate=hyphenate, slack=slack)
    widest = max(diagram.text_width(line, FONT) for line in lines)
    if widest > max_text:  # a long word widened the box: let the other lines use it too
        lines = diagram.wrap(label, widest, FONT, hyphenate=hyphenate, slack=slack)
    # A little more width is worth it when it saves a line (no "ry" alone on the last one).
    roomier = diagram.wrap(label, max(widest, max_text) * slack, FONT, hyphenate=hyphenate,
                           slack=slack)
    if len(roomier) < len(lines):
        lines = roomier
    widest = max(diagram.text_width(line, FONT) for line in lines)
    w = widest + 2 * PAD_X
    return lines, max(w, 72.0), len(lines) * LINE + 2 * PAD_Y


SAMPLE = 30.0  # length of the line sample before a caption


def _caption_kind(edges) -> str | None:
    """A component whose lines are all of one kind gets that kind as its caption."""
    kinds = {kind for _, _, kind in edges}
    return kinds.pop() if len(kinds) == 1 else None


def _caption_room(edges) -> tuple[float, float]:
    kind = _caption_kind(edges)
    if kind is None:
        return (0.0, 0.0)
    text = msg(f"structure.edge_label.{kind}")
    return (SAMPLE + 8 + diagram.text_width(text, FONT), LINE + 10)


def _variant(order: list[str], labels: dict, kinds: dict, hrefs: dict, edges,
             variant: str) -> dict:
    width, max_text, slack, spacing = VARIANTS[variant]
    lines, sizes = {}, {}
    for ident in order:
        lines[ident], w, h = _box_lines(labels[ident], max_text, slack)
        sizes[ident] = (w, h)
    # Drawn edges: "related" is laid out body above network (it points at no one).
    drawn = [(b, a, k) if k == "related" else (a, b, k) for a, b, k in edges]
    drawing = diagram.layout(sizes, drawn, width, spacing, header=_caption_room)
    alone = [i for i in order if i not in drawing.boxes]
    heading, head_top = [], 0.0
    if alone:
        # Bodies and networks the data relates to nothing: a labelled group of their own.
        head_top = drawing.height + (spacing.row_gap * 1.5 if drawing.boxes else 0.0)
        # Bold glyphs are up to a tenth wider than the regular ones measured.
        heading = diagram.wrap(msg("structure.unlinked_heading"), width / 1.12, FONT)
        top = head_top + len(heading) * LINE + spacing.sep / 2
        offsets, flow_w, flow_h = diagram.pack([sizes[i] for i in alone], width, spacing.sep,
                                               spacing.sep)
        full_w = max(drawing.width, flow_w)
        drawing = diagram.shifted(drawing, (full_w - drawing.width) / 2, 0.0)
        dx = (full_w - flow_w) / 2
        for ident, (x, y) in zip(alone, offsets):
            drawing.boxes[ident] = diagram.Box(ident, x + dx, top + y, *sizes[ident])
        drawing.width, drawing.height = full_w, top + flow_h
    margin = 4.0  # room for strokes at the edges
    captions = []
    for part in drawing.parts:
        kind = _caption_kind(part.edges)
        if kind is None:
            continue
        x = part.x + (part.w - part.header[0]) / 2 + margin
        y = part.y + LINE * 0.75 + margin
        captions.append({"look": LEGEND[kind], "x1": _r(x), "x2": _r(x + SAMPLE),
                         "line_y": _r(y - 4.5), "tx": _r(x + SAMPLE + 8), "ty": _r(y),
                         "text": msg(f"structure.edge_label.{kind}")})
    boxes = []
    for ident in order:
        b = drawing.boxes[ident]
        n = len(lines[ident])
        first = b.y + (b.h - n * LINE) / 2 + LINE * 0.75
        boxes.append({"id": ident, "kind": kinds[ident], "href": hrefs[ident],
                      "x": _r(b.x + margin), "y": _r(b.y + margin), "w": _r(b.w), "h": _r(b.h),
                      "cx": _r(b.x + margin + b.w / 2),
                      "lines": [(line, _r(first + k * LINE + margin), glue)
                                for k, (line, glue) in enumerate(
                                    zip(lines[ident], _glues(labels[ident], lines[ident])))]})
    routes = [{"style": r.style, "src": r.src, "dst": r.dst,
               "d": "M" + " L".join(f"{_r(x + margin)},{_r(y + margin)}" for x, y in r.points)}
              for r in drawing.routes]
    return {"name": variant, "width": _r(drawing.width + 2 * margin),
            "height": _r(drawing.height + 2 * margin), "boxes": boxes, "routes": routes,
            "heading": [(line, _r(head_top + (k + 0.75) * LINE + margin))
                        for k, line in enumerate(heading)],
            "heading_x": _r(drawing.width / 2 + margin), "directions": drawing.directions,
            "captions": captions}


def _glues(label: str, lines: list[str]) -> list[str]:
    """What joins each line to the next in the label: a space where the label has one,
    nothing at a hyphen. Written between the lines' tspans, it makes the drawn text read
    as the name: the box's link is named by its text (WCAG 2.5.3, label in name)."""
    glues, at = [], 0
    for line in lines:
        piece = line if label.startswith(line, at) else line[:-1]  # a hyphen we added
        at += len(piece)
        glue = " " if label[at:at + 1] == " " else ""
        at += len(glue)
        glues.append(glue)
    glues[-1] = ""
    return glues


def _r(value: float) -> float:
    return round(value, 1)


def diagram_model(context) -> dict | None:
    """Everything the diagram template draws, or None when the plan has no bodies or
    networks. Nodes: every body and network, and the organisations some relation names."""
    model = context.model()
    if not model.bodies and not model.networks:
        return None
    found = actors(context)
    lang = language()
    relations = [r for r in _relations(model.bodies + model.networks)
                 if found.kind(r[0]) and found.kind(r[1])]
    order = [entry.id for entry in model.bodies + model.networks]
    for a, b, _ in relations:
        for ident in (a, b):
            if ident not in order:
                order.append(ident)
    labels = {i: _label(found.get(i), lang) for i in order}
    kinds = {i: found.kind(i) for i in order}
    hrefs = {i: found.href(i) for i in order}
    variants = [_variant(order, labels, kinds, hrefs, relations, v) for v in VARIANTS]
    # The text equivalent: one line per relation, grouped by kind, in data order.
    linked = {i for a, b, _ in relations for i in (a, b)}
    text = [{"src": found.link(a), "words": msg(WORDS[kind]), "dst": found.link(b)}
            for a, b, kind in sorted(relations, key=lambda r: RELATIONS.index(r[2]))]
    # The legend names every kind of line (a reader comparing plans sees the same key).
    legend = list(dict.fromkeys(LEGEND.values()))
    return {"variants": variants, "text": text, "legend": legend,
            "box_kinds": [k for k in ("bodies", "networks", "organisations")
                          if k in kinds.values()],
            "unlinked": [found.link(i) for i in order if i not in linked],
            "count": len(order)}


@fragment("structure-diagram")
def structure_diagram(context, arg) -> str:
    model = diagram_model(context)
    if model is None:
        if not context.model().has("bodies") and not context.model().has("networks"):
            return nothing_yet(context)
        return page("nothing_yet.html", context, plan=context.plan(), key="structure.empty")
    return page("structure_diagram.html", context, legend_of=LEGEND, **model)
