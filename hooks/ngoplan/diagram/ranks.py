"""Layering and ordering for the layered drawing: connected components, ranks (edges
that close a cycle reversed), counting crossings between bands, and placing a band's
boxes as near their targets as their order allows (isotonic regression)."""

from __future__ import annotations

def components(nodes: list[str], edges: list[tuple[str, str, str]]) -> list[list[str]]:
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


def ranks(nodes: list[str], edges: list[tuple[str, str]]) -> tuple[dict[str, int], set[int]]:
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


def crossings(order: list[list], down: dict) -> int:
    total = 0
    for r in range(len(order) - 1):
        pos = {n: i for i, n in enumerate(order[r + 1])}
        pairs = [(i, pos[s]) for i, n in enumerate(order[r]) for s in down[n]]
        for k, (a, b) in enumerate(pairs):
            for c, d in pairs[k + 1:]:
                if (a - c) * (b - d) < 0:
                    total += 1
    return total


def isotonic(targets: list[float], weights: list[float], seps: list[float]) -> list[float]:
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
