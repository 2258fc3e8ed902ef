"""A layered (Sugiyama-style) drawing of a small directed graph, for the structure diagram.

Pure geometry: no plan knowledge, no MkDocs. Nodes bring their own size; the result is
node rectangles and edge polylines in SVG user units. Every edge runs from a lower rank
to a higher one (edges closing a cycle are reversed for layering and drawn the right way
round), crossings are reduced by barycentre sweeps, and no segment passes through a box:

- boxes of one rank sit in one band (top-aligned in it); a band's boxes never overlap,
- an edge leaves its box straight down into the empty gap below the band, runs across
  it along a channel of its own (shared only by the lines of one box's bus), and drops
  into its target from above,
- an edge that skips ranks passes each band between them through a slot of its own
  (a dummy node) that the boxes of that band keep clear of.

A component that is too wide for the width asked for top-to-bottom is drawn left to
right (rank along x), which keeps fans of many children narrow; components are packed
into rows like words in a paragraph.
"""

from __future__ import annotations

from collections.abc import Callable

from .ranks import components, crossings, isotonic, ranks
from .shapes import Box, Drawing, Part, Route, Spacing, moved, pack


def _layout_component(nodes: list[str], edges: list[tuple[str, str, str]],
                      size: dict[str, tuple[float, float]], across: bool, sp: Spacing):
    """One connected component in its own frame. across=False: ranks top to bottom
    (breadth = box width); across=True: ranks left to right (breadth = box height).
    Returns (width, height, boxes, routes)."""
    rank, reversed_ = ranks(nodes, [(a, b) for a, b, _ in edges])
    breadth = {n: size[n][1] if across else size[n][0] for n in nodes}
    depth = {n: size[n][0] if across else size[n][1] for n in nodes}
    top = max(rank.values()) + 1
    order: list[list] = [[] for _ in range(top)]
    down: dict = {}
    up: dict = {}
    chains = []
    for i, (a, b, style) in enumerate(edges):
        if a == b:
            continue
        if i in reversed_:
            a, b = b, a
        chain = [a] + [("dummy", i, r) for r in range(rank[a] + 1, rank[b])] + [b]
        for r, n in enumerate(chain[1:-1], start=rank[a] + 1):
            breadth[n], depth[n], rank[n] = sp.slot, 0.0, r
        for x, y in zip(chain, chain[1:]):
            down.setdefault(x, []).append(y)
            up.setdefault(y, []).append(x)
        chains.append((i, chain))
    for n in nodes:
        down.setdefault(n, [])
        up.setdefault(n, [])
    # Initial order: depth-first from the sources in input order.
    seen: set = set()

    def visit(n):
        stack = [n]
        while stack:
            m = stack.pop()
            if m in seen:
                continue
            seen.add(m)
            order[rank[m]].append(m)
            stack.extend(reversed(down.get(m, [])))

    for n in sorted(nodes, key=lambda n: rank[n]):
        visit(n)
    for _, chain in chains:
        for n in chain:
            visit(n)
    best = [list(layer) for layer in order]
    best_count = crossings(order, down)
    for sweep in range(16):
        going_down = sweep % 2 == 0
        rng = range(1, top) if going_down else range(top - 2, -1, -1)
        for r in rng:
            ref = {n: i for i, n in enumerate(order[r - 1 if going_down else r + 1])}
            nbrs = up if going_down else down
            keyed = []
            for i, n in enumerate(order[r]):
                linked = [ref[m] for m in nbrs[n] if m in ref]
                keyed.append((sum(linked) / len(linked) if linked else i, i, n))
            order[r] = [n for *_, n in sorted(keyed, key=lambda k: (k[0], k[1]))]
        count = crossings(order, down)
        if count < best_count:
            best, best_count = [list(layer) for layer in order], count
    order = best
    # Breadth positions (centres): each band packed, then pulled towards its neighbours.
    centre: dict = {}
    for layer in order:
        at = 0.0
        for n in layer:
            centre[n] = at + breadth[n] / 2
            at += breadth[n] + sp.sep

    def gap_between(a, b):
        dummy = isinstance(a, tuple) or isinstance(b, tuple)
        return (breadth[a] + breadth[b]) / 2 + (sp.slot if dummy else sp.sep)

    for sweep in range(12):
        going_down = sweep % 2 == 0
        rng = range(1, top) if going_down else range(top - 2, -1, -1)
        for r in rng:
            layer = order[r]
            nbrs = up if going_down else down
            targets, weights = [], []
            for n in layer:
                linked = [centre[m] for m in nbrs[n]]
                targets.append(sum(linked) / len(linked) if linked else centre[n])
                weights.append((4.0 if isinstance(n, tuple) else 1.0) if linked else 0.05)
            seps = [gap_between(a, b) for a, b in zip(layer, layer[1:])]
            for n, c in zip(layer, isotonic(targets, weights, seps)):
                centre[n] = c
    low = min(centre[n] - breadth[n] / 2 for layer in order for n in layer)
    for n in centre:
        centre[n] -= low
    extent = max(centre[n] + breadth[n] / 2 for layer in order for n in layer)
    # Orthogonal routing, as in an organisation chart: an edge drops from its box to a
    # channel (a level in the gap below the band), runs along it and drops to its target.
    # Each (upper end, kind, direction) has a channel of its own per gap, so lines that
    # share a channel are one bus from one box; lines of different boxes never overlap.
    segments: dict[int, list] = {}  # gap index -> [(channel key, chain index, j)]
    for i, chain in chains:
        for j, (x, _) in enumerate(zip(chain, chain[1:])):
            key = (x, edges[i][2], i in reversed_)
            segments.setdefault(rank[x], []).append((key, i, j))
    channels: dict[int, dict] = {}
    for g, found in segments.items():
        keys = sorted(dict.fromkeys(k for k, _, _ in found),
                      key=lambda k: (centre[k[0]], str(k[1]), k[2]))
        channels[g] = {k: t for t, k in enumerate(keys)}
    band_depth = [max((depth[n] for n in layer), default=0.0) for layer in order]
    gaps = [max(sp.gap, 2 * sp.lead + (len(channels.get(g, {})) + 1) * sp.channel)
            for g in range(top)]
    band_start = []
    at = 0.0
    for g, d in enumerate(band_depth):
        band_start.append(at)
        at += d + gaps[g]
    total_depth = at - gaps[-1]

    def level(g, key):
        """The channel's depth in gap g (between band g and band g + 1)."""
        count = len(channels[g])
        inner = gaps[g] - 2 * sp.lead
        return band_start[g] + band_depth[g] + sp.lead + inner * (channels[g][key] + 1) / (count + 1)

    def xy(u, v):
        return (v, u) if across else (u, v)

    boxes = {}
    for n in nodes:
        u0, v0 = centre[n] - breadth[n] / 2, band_start[rank[n]]
        x, y = xy(u0, v0)
        boxes[n] = Box(n, x, y, size[n][0], size[n][1])
    # Ports: lines leave a box one per bus (its kind), and enter it one per line, spread
    # along its side in the order of where they come from or go to.
    outs: dict = {}
    ins: dict = {}
    for i, chain in chains:
        key = (edges[i][2], i in reversed_)
        outs.setdefault(chain[0], {}).setdefault(key, []).append(centre[chain[1]])
        ins.setdefault(chain[-1], []).append((centre[chain[-2]], i))

    def spread(n, count):
        width = min(breadth[n] * 0.7, sp.port * (count - 1))
        return [centre[n] - width / 2 + (width * j / (count - 1) if count > 1 else width / 2)
                for j in range(count)]

    out_port: dict = {}
    in_port: dict = {}
    for n, buses in outs.items():
        ordered = sorted(buses, key=lambda k: (sum(buses[k]) / len(buses[k]), str(k)))
        out_port.update({(n, k): p for k, p in zip(ordered, spread(n, len(ordered)))})
    for n, entries in ins.items():
        entries.sort()
        in_port.update({(i, n): p for (_, i), p in zip(entries, spread(n, len(entries)))})
    routes = []
    for i, chain in chains:
        kind = (edges[i][2], i in reversed_)
        a, b = chain[0], chain[-1]
        u = out_port[(a, kind)]
        pts = [(u, band_start[rank[a]] + depth[a])]
        for x, y in zip(chain, chain[1:]):
            g = rank[x]
            v = level(g, (x, edges[i][2], i in reversed_))
            nu = in_port[(i, b)] if y == b else centre[y]
            pts += [(u, v), (nu, v)]
            u = nu
        pts.append((u, band_start[rank[b]]))
        clean = [pts[0]]
        for p in pts[1:]:
            if p != clean[-1]:
                clean.append(p)
        # Points in a straight line add nothing.
        points = [clean[0]]
        for p, q in zip(clean[1:], clean[2:] + [None]):
            if q is not None and (p[0] == points[-1][0] == q[0] or p[1] == points[-1][1] == q[1]):
                continue
            points.append(p)
        points = tuple(xy(u, v) for u, v in points)
        src, dst, style = edges[i]
        if i in reversed_:
            points = tuple(reversed(points))
        routes.append(Route(src, dst, style, points))
    width, height = xy(extent, total_depth)
    return width, height, boxes, routes


def layout(sizes: dict[str, tuple[float, float]], edges: list[tuple[str, str, str]],
           width: float, spacing: Spacing = Spacing(),
           header: Callable[[list[tuple[str, str, str]]], tuple[float, float]] | None = None,
           ) -> Drawing:
    """Lay out the nodes that have edges (sizes: id -> (w, h), in input order) within
    `width` where possible. Nodes without edges are left to the caller. `header(edges)`
    may reserve (width, height) above a component for a caption."""
    edges = [e for e in edges if e[0] in sizes and e[1] in sizes and e[0] != e[1]]
    linked = [n for n in sizes if any(n in (a, b) for a, b, _ in edges)]
    groups = components(linked, edges)
    parts = []
    drawing = Drawing()
    for group in groups:
        members = set(group)
        own = [e for e in edges if e[0] in members and e[1] in members]
        head = header(own) if header else (0.0, 0.0)
        tall = _layout_component(group, own, sizes, False, spacing)
        chosen, direction = tall, "down"
        if tall[0] > width:
            wide = _layout_component(group, own, sizes, True, spacing)
            if wide[0] <= width or wide[0] < tall[0]:
                chosen, direction = wide, "right"
        drawing.directions.append(direction)
        parts.append((chosen, head, own))
    sizes_ = [(max(w, head[0]), h + head[1]) for (w, h, _, _), head, _ in parts]
    offsets, drawing.width, drawing.height = pack(sizes_, width, spacing.col_gap,
                                                  spacing.row_gap)
    for ((w, h, boxes, routes), head, own), (pw, ph), (dx, dy) in zip(parts, sizes_, offsets):
        boxes, routes = moved(boxes, routes, dx + (pw - w) / 2, dy + head[1])
        drawing.boxes.update(boxes)
        drawing.routes.extend(routes)
        drawing.parts.append(Part(dx, dy, pw, ph, head, tuple(own)))
    return drawing
