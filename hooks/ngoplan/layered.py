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
from dataclasses import dataclass, field
from types import MappingProxyType

# Advance widths (per 1000 em) of Helvetica and its metric twins Arial, Liberation Sans,
# Arimo and Nimbus Sans: the diagram's CSS asks for these faces, so a label measured here
# fits its box on Windows, macOS, iOS and Linux (Android's Roboto is narrower still).
_WIDTHS = MappingProxyType({
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191,
    "(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278,
    ":": 278, ";": 278, "<": 584, "=": 584, ">": 584, "?": 556, "@": 1015,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722,
    "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667,
    "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667,
    "Y": 667, "Z": 611, "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278,
    "g": 556, "h": 556, "i": 222, "j": 222, "k": 500, "l": 222, "m": 833, "n": 556,
    "o": 556, "p": 556, "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500,
    "w": 722, "x": 500, "y": 500, "z": 500, "\u2013": 556, "\u2014": 1000,
    "\u00ae": 737, "\u2026": 1000,
    **{c: 556 for c in "0123456789"},
    "ä": 556, "å": 556, "ö": 556, "Ä": 667, "Å": 667, "Ö": 778, "é": 556, "ü": 556, "Ü": 722,
})
_DEFAULT_WIDTH = 700
_MARGIN = 1.05  # hinting and rounding differences between renderers


def text_width(text: str, size: float) -> float:
    """The drawn width of text at font size `size` (px), erring on the wide side."""
    return sum(_WIDTHS.get(c, _DEFAULT_WIDTH) for c in text) / 1000 * size * _MARGIN


def _words(text: str) -> list[tuple[str, str]]:
    """(word, glue before it): a space between words; nothing inside a compound, which
    may also break after its hyphen or dash ("Hva–kunta–Hyte-neuvottelut")."""
    out = []
    for word in text.split():
        start, glue = 0, " "
        for i, char in enumerate(word[:-1]):
            if char in "-\u2013" and i > 0:
                out.append((word[start:i + 1], glue))
                start, glue = i + 1, ""
        out.append((word[start:], glue))
    return out


_VOWELS = frozenset("aeiouyäöåAEIOUYÄÖÅ")


# Common last parts of compounds in the names of bodies and networks: a syllable break
# before one of them is also the seam of the compound.
_HEADS = ("verkosto", "neuvosto", "neuvottelu", "valiokunta", "lautakunta", "kunta",
          "ryhmä", "toimin", "toimij", "järjest", "yhdisty", "asiain", "asioiden", "tapaami",
          "illat", "palvelu", "hallitu", "valtuusto", "keskus", "sairai", "ammattilai",
          "yhteistyö", "suunnittelija", "turva", "edusta", "alue")


# Vowel pairs that stay in one syllable (diphthongs); other pairs of different vowels
# may be split (järjestö-ammattilaisten).
_DIPHTHONGS = frozenset({"ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu", "iu", "ou", "ey", "iy",
               "äy", "öy", "ie", "uo", "yö"})


def _syllable_breaks(word: str) -> list[int]:
    """Where a Finnish word may be hyphenated, keeping at least two letters on each side:
    before a consonant that comes before a vowel (Osal-li-suus-va-lio-kun-ta), and between
    two different vowels that are not a diphthong."""
    low = word.lower()
    found = []
    for i in range(2, len(word) - 2):
        if not (low[i - 1].isalpha() and low[i].isalpha()):
            continue
        if low[i] not in _VOWELS and low[i + 1] in _VOWELS:
            found.append(i)
        elif (low[i - 1] in _VOWELS and low[i] in _VOWELS and low[i - 1] != low[i]
              and low[i - 1:i + 1] not in _DIPHTHONGS):
            found.append(i)
    return found


def _hyphenate(word: str, width: float, size: float, slack: float) -> list[str]:
    """A word too wide for a line, split at syllable breaks into parts that fit (each but
    the last ending in a hyphen); a part with no break that fits stays whole."""
    parts = []
    if text_width(word, size) <= width * slack:  # a little wider box reads better
        return [word]
    if any(c in word for c in "./@:_") or any(c.isdigit() for c in word):
        return [word]  # an address, a file name or a number is never broken
    while text_width(word, size) > width:
        fits = [i for i in _syllable_breaks(word) if text_width(word[:i] + "-", size) <= width]
        if not fits:
            break
        # A break between the parts of a compound reads best (kumppanuus-verkosto).
        seam = {i: max((len(h) for h in _HEADS if word[i:].lower().startswith(h)), default=0)
                for i in fits}
        at = max(fits, key=lambda i: (seam[i], i))  # the longest known part, else the last
        parts.append(word[:at] + "-")
        word = word[at:]
    return parts + [word]


def wrap(text: str, width: float, size: float, hyphenate: bool = False,
         slack: float = 1.15) -> list[str]:
    """Greedy lines no wider than `width`. A word wider than `width` * `slack` is
    hyphenated at a syllable break when `hyphenate` (Finnish); otherwise it gets a line
    of its own and the box grows to it. Nothing is ever cut off."""
    lines: list[str] = []
    for word, glue in _words(text):
        if lines and text_width(lines[-1] + glue + word, size) <= width:
            lines[-1] += glue + word
            continue
        pieces = _hyphenate(word, width, size, slack) if hyphenate else [word]
        lines.extend(pieces)
    return lines


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


def _components(nodes: list[str], edges: list[tuple[str, str, str]]) -> list[list[str]]:
    parent = {n: n for n in nodes}

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b, _ in edges:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for n in nodes:  # input order within and between components
        groups.setdefault(find(n), []).append(n)
    return list(groups.values())


def _ranks(nodes: list[str], edges: list[tuple[str, str]]) -> tuple[dict[str, int], set[int]]:
    """Longest-path ranks after reversing the edges that close cycles (found by a
    depth-first search in input order). Returns ranks and the indexes of reversed edges."""
    out: dict[str, list[int]] = {n: [] for n in nodes}
    for i, (a, _) in enumerate(edges):
        out[a].append(i)
    state: dict[str, int] = {}
    reversed_: set[int] = set()
    for root in nodes:
        if root in state:
            continue
        stack = [(root, iter(out[root]))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            for i in it:
                b = edges[i][1]
                if state.get(b) == 1:
                    reversed_.add(i)
                elif b not in state:
                    state[b] = 1
                    stack.append((b, iter(out[b])))
                    break
            else:
                state[node] = 2
                stack.pop()
    directed = [(b, a) if i in reversed_ else (a, b) for i, (a, b) in enumerate(edges)]
    preds: dict[str, list[str]] = {n: [] for n in nodes}
    succs: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in directed:
        if a != b:
            preds[b].append(a)
            succs[a].append(b)
    rank: dict[str, int] = {}
    pending = {n: len(set(preds[n])) for n in nodes}
    queue = [n for n in nodes if pending[n] == 0]
    while queue:
        n = queue.pop(0)
        rank[n] = max((rank[p] + 1 for p in preds[n]), default=0)
        for s in dict.fromkeys(succs[n]):
            pending[s] -= 1
            if pending[s] == 0:
                queue.append(s)
    # A source sits just above its nearest child rather than at the top.
    for n in nodes:
        if not preds[n] and succs[n]:
            rank[n] = min(rank[s] for s in succs[n]) - 1
    return rank, reversed_


def _crossings(order: list[list], down: dict) -> int:
    total = 0
    for r in range(len(order) - 1):
        pos = {n: i for i, n in enumerate(order[r + 1])}
        pairs = [(i, pos[s]) for i, n in enumerate(order[r]) for s in down[n]]
        for k, (a, b) in enumerate(pairs):
            for c, d in pairs[k + 1:]:
                if (a - c) * (b - d) < 0:
                    total += 1
    return total


def _isotonic(targets: list[float], weights: list[float], seps: list[float]) -> list[float]:
    """Positions closest (weighted least squares) to targets with each at least seps[i]
    after the one before it: pool-adjacent-violators on the offset-free positions."""
    offsets = [0.0]
    for s in seps:
        offsets.append(offsets[-1] + s)
    blocks: list[list[float]] = []  # [weighted sum, weight, count]
    for t, w, o in zip(targets, weights, offsets):
        blocks.append([(t - o) * w, w, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w2, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w2
            blocks[-1][2] += c
    out = []
    for s, w, c in blocks:
        out.extend([s / w] * int(c))
    return [z + o for z, o in zip(out, offsets)]


def _layout_component(nodes: list[str], edges: list[tuple[str, str, str]],
                      size: dict[str, tuple[float, float]], across: bool, sp: Spacing):
    """One connected component in its own frame. across=False: ranks top to bottom
    (breadth = box width); across=True: ranks left to right (breadth = box height).
    Returns (width, height, boxes, routes)."""
    rank, reversed_ = _ranks(nodes, [(a, b) for a, b, _ in edges])
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
    best_count = _crossings(order, down)
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
        count = _crossings(order, down)
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
            for n, c in zip(layer, _isotonic(targets, weights, seps)):
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


def _shift(boxes, routes, dx, dy):
    return ({n: Box(n, b.x + dx, b.y + dy, b.w, b.h) for n, b in boxes.items()},
            [Route(r.src, r.dst, r.style, tuple((x + dx, y + dy) for x, y in r.points))
             for r in routes])


def shifted(drawing: Drawing, dx: float, dy: float) -> Drawing:
    """The same drawing moved by (dx, dy), its size unchanged."""
    boxes, routes = _shift(drawing.boxes, drawing.routes, dx, dy)
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


def layout(sizes: dict[str, tuple[float, float]], edges: list[tuple[str, str, str]],
           width: float, spacing: Spacing = Spacing(),
           header: Callable[[list[tuple[str, str, str]]], tuple[float, float]] | None = None,
           ) -> Drawing:
    """Lay out the nodes that have edges (sizes: id -> (w, h), in input order) within
    `width` where possible. Nodes without edges are left to the caller. `header(edges)`
    may reserve (width, height) above a component for a caption."""
    edges = [e for e in edges if e[0] in sizes and e[1] in sizes and e[0] != e[1]]
    linked = [n for n in sizes if any(n in (a, b) for a, b, _ in edges)]
    groups = _components(linked, edges)
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
        boxes, routes = _shift(boxes, routes, dx + (pw - w) / 2, dy + head[1])
        drawing.boxes.update(boxes)
        drawing.routes.extend(routes)
        drawing.parts.append(Part(dx, dy, pw, ph, head, tuple(own)))
    return drawing
