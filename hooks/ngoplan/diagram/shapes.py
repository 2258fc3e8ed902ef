"""The structure diagram's geometry as records (boxes, edge routes, packed components, a
whole drawing) and the moves on them: shifting a drawing, packing rectangles in rows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Box:
    id: str
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Route:
    src: str
    dst: str
    style: str
    points: tuple[tuple[float, float], ...]


@dataclass
class Drawing:
    width: float = 0.0
    height: float = 0.0
    boxes: dict[str, Box] = field(default_factory=dict)
    routes: list[Route] = field(default_factory=list)
    # Per component: "down" (top to bottom) or "right" (left to right).
    directions: list[str] = field(default_factory=list)
    parts: list = field(default_factory=list)


@dataclass(frozen=True)
class Spacing:
    gap: float = 64.0       # between bands (ranks)
    lead: float = 12.0      # straight part of an edge at each end of a gap
    sep: float = 18.0       # between boxes of one band
    slot: float = 10.0      # breadth a passing edge reserves in a band
    port: float = 14.0      # between edge ends on one side of a box
    channel: float = 9.0    # between the horizontal runs of two buses in one gap
    row_gap: float = 36.0   # between packed rows of components
    col_gap: float = 36.0   # between components in a row


@dataclass(frozen=True)
class Part:
    """One packed component: its area, the edges it draws and the room above it the
    caller asked for (a caption)."""
    x: float
    y: float
    w: float
    h: float
    header: tuple[float, float]
    edges: tuple[tuple[str, str, str], ...]


def moved(boxes, routes, dx, dy):
    """Boxes and routes moved by (dx, dy)."""
    return ({n: Box(n, b.x + dx, b.y + dy, b.w, b.h) for n, b in boxes.items()},
            [Route(r.src, r.dst, r.style, tuple((x + dx, y + dy) for x, y in r.points))
             for r in routes])


def shifted(drawing: Drawing, dx: float, dy: float) -> Drawing:
    """The same drawing moved by (dx, dy), its size unchanged."""
    boxes, routes = moved(drawing.boxes, drawing.routes, dx, dy)
    parts = [Part(p.x + dx, p.y + dy, p.w, p.h, p.header, p.edges) for p in drawing.parts]
    return Drawing(drawing.width, drawing.height, boxes, routes, list(drawing.directions), parts)


def pack(items: list[tuple[float, float]], width: float, col_gap: float,
         row_gap: float) -> tuple[list[tuple[float, float]], float, float]:
    """Offsets of rectangles laid out in rows (like words in a paragraph), each row
    centred; returns offsets, total width and total height."""
    rows: list[list[int]] = []
    row_width = 0.0
    for i, (w, _) in enumerate(items):
        if rows and row_width + col_gap + w <= width:
            rows[-1].append(i)
            row_width += col_gap + w
        else:
            rows.append([i])
            row_width = w
    widths = [sum(items[i][0] for i in row) + col_gap * (len(row) - 1) for row in rows]
    total_w = max(widths, default=0.0)
    offsets: list[tuple[float, float]] = [(0.0, 0.0)] * len(items)
    y = 0.0
    for row, row_w in zip(rows, widths):
        x = (total_w - row_w) / 2
        for i in row:
            offsets[i] = (x, y)
            x += items[i][0] + col_gap
        y += max(items[i][1] for i in row) + row_gap
    return offsets, total_w, max(0.0, y - row_gap)
