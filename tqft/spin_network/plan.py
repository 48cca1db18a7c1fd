"""Planning a spin-network sweep: pieces, frontiers and the absorption order.

A network is resolved into bivalent and trivalent *pieces* (:func:`resolve`: comb and
crossing vertices become chains of trivalent pieces absorbed consecutively).  The sweep of
:mod:`tqft.spin_network.evaluate` absorbs them one at a time into a disc whose *frontier*
is the counter-clockwise list of darts leaving it; this module simulates the frontier
without any numbers (:func:`next_frontier`, :func:`final_frontier`), checks that each
absorption is planar (:func:`attach`), and chooses an order (:func:`plan`) by the summed
dimension of the frontier's intertwiner spaces (:func:`order_cost`), the number of comb
labels the sweep will hold.

Orientation: with ``sigma`` the counter-clockwise successor at a vertex and ``alpha`` the
other end of an edge, the frontier dart after ``d`` is the first of ``sigma(d),
sigma(alpha(sigma(d))), ...`` that leaves the disc; a piece attaches planarly when its darts
into the disc are consecutive in its rotation and appear in reverse order, consecutively,
on the frontier, and its other darts then replace them in rotation order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from ..spins import admissible as _classical_admissible
from .network import Dart, Intertwiner, NonPlanarError, SpinNetwork

__all__ = [
    "Piece",
    "Resolved",
    "attach",
    "closed_pair",
    "final_frontier",
    "greedy_order",
    "group_sizes",
    "next_frontier",
    "opposite",
    "order_cost",
    "plan",
    "resolve",
    "start_candidates",
]


@dataclass(frozen=True)
class Piece:
    """A bivalent or trivalent piece of a resolved network: its darts in ccw order, the
    original vertex (``group``) it comes from and its index in that vertex's comb."""

    name: Hashable
    darts: tuple[Dart, ...]
    group: Hashable
    index: int


@dataclass
class Resolved:
    """A network resolved into bivalent/trivalent pieces, with the variable internal edges
    of comb/crossing vertices (colour taken from the vertex's term)."""

    net: SpinNetwork
    pieces: dict[Hashable, Piece]
    dart_piece: dict[Dart, Hashable]
    colour: dict[Hashable, int | None]
    internal_slot: dict[Hashable, int]  # internal edge -> position in its group's term
    groups: dict[Hashable, Any]  # vertex -> Intertwiner / Crossing
    boundary_darts: set[Dart]


def resolve(net: SpinNetwork) -> Resolved:
    """Split every vertex of valence ``n >= 4`` into its comb of ``n - 2`` trivalent pieces."""
    pieces: dict[Hashable, Piece] = {}
    dart_piece: dict[Dart, Hashable] = {}
    colour: dict[Hashable, int | None] = {e: net.colour(e) for e in net.edges}
    slot: dict[Hashable, int] = {}
    groups: dict[Hashable, Any] = {}
    bset = set(net.boundary)
    boundary_darts = {net.rotation(p)[0] for p in net.boundary}
    for v in net.vertices:
        rot = net.rotation(v)
        n = len(rot)
        if n <= 3:
            pieces[v] = Piece(v, rot, v, 0)
            continue
        groups[v] = net.intertwiner(v)
        internal = [("__int__", v, k) for k in range(2, n - 1)]
        for k, e in enumerate(internal):
            colour[e] = None
            slot[e] = k
        for k in range(1, n - 1):
            darts: tuple[Dart, ...]
            if k == 1:
                darts = (rot[0], rot[1], (internal[0], 0))
            elif k == n - 2:
                darts = ((internal[-1], 1), rot[n - 2], rot[n - 1])
            else:
                darts = ((internal[k - 2], 1), rot[k], (internal[k - 1], 0))
            pieces[("__piece__", v, k)] = Piece(("__piece__", v, k), darts, v, k)
    for name, piece in pieces.items():
        for d in piece.darts:
            dart_piece[d] = name
    for point in bset:
        dart_piece[net.rotation(point)[0]] = ("__boundary__", point)
    return Resolved(net, pieces, dart_piece, colour, slot, groups, boundary_darts)


def opposite(d: Dart) -> Dart:
    """The other end of a dart's edge."""
    return (d[0], 1 - d[1])


def attach(frontier: list[Dart], piece: Piece) -> tuple[int, int, list[Dart]] | None:
    """How ``piece`` attaches to the frontier: ``(start, k, new_legs)`` with the in-block of
    ``k`` legs starting at cyclic position ``start``, or None if it does not attach
    planarly (in-legs not contiguous, or in the wrong orientation)."""
    pos = {d: i for i, d in enumerate(frontier)}
    ins = [i for i, d in enumerate(piece.darts) if opposite(d) in pos]
    k = len(ins)
    n = len(piece.darts)
    if k == 0:
        return None
    m = len(frontier)
    # the in-darts in the piece's ccw order must be consecutive and appear reversed in the frontier
    for j0 in ins:
        # candidate: piece.darts[j0] is alpha(f_1), the first frontier leg of the block
        start = pos[opposite(piece.darts[j0])]
        ok = True
        for t in range(k):
            d = piece.darts[(j0 - t) % n]
            if opposite(d) not in pos or pos[opposite(d)] != (start + t) % m:
                ok = False
                break
        if ok:
            new = [piece.darts[(j0 + 1 + t) % n] for t in range(n - k)]
            return start, k, new
    return None


def plan(net: SpinNetwork, resolved: Resolved | None = None, starts: int = 6) -> list[Hashable]:
    """An absorption order of the resolved pieces that keeps the sweep's state small.

    Candidates: greedy orders from up to ``starts`` start pieces (spread over the graph by
    breadth-first distance), each absorbing next the attachable piece that gives the
    shortest frontier (ties: more legs absorbed, no base-point rotation), and, when the
    network has drawing positions, sweeps along twelve directions.  Each candidate is
    scored by :func:`order_cost` (the summed dimensions of the frontier's intertwiner
    spaces, i.e. the number of comb labels the sweep will hold) and the cheapest is
    returned.  The pieces of one comb vertex are absorbed consecutively."""
    res = resolved if resolved is not None else resolve(net)
    if not res.pieces:
        return []
    best: tuple[int, list[Hashable]] | None = None
    for order in _candidate_orders(res, starts):
        cost = order_cost(res, order)
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, order)
    if best is None:
        raise NonPlanarError(
            "no absorption order attaches every piece planarly: the ribbon structure has genus "
            f"{res.net.genus()}; draw crossings explicitly with Crossing vertices"
        )
    return best[1]


def _candidate_orders(res: Resolved, starts: int) -> list[list[Hashable]]:
    out = []
    for s in start_candidates(res, starts):
        try:
            out.append(greedy_order(res, s))
        except NonPlanarError:
            continue
    pos = res.net.positions
    if pos and all(res.pieces[p].group in pos for p in res.pieces):
        for k in range(12):
            ang = math.pi * k / 12
            cx, cy = math.cos(ang), math.sin(ang)

            def key(p: Hashable, cx: float = cx, cy: float = cy) -> tuple[float, float]:
                x, y = pos[res.pieces[p].group]
                return (round(x * cx + y * cy, 9), round(-x * cy + y * cx, 9))

            out.append(sorted(res.pieces, key=key))
    return out


def _frontier_dimension(colours: Sequence[Sequence[int]], adm: Callable[[int, int, int], bool]) -> int:
    """Number of comb labels of a frontier whose legs take the given colour sets."""
    counts = {0: 1}
    for cs in colours:
        nxt: dict[int, int] = {}
        for y, c in counts.items():
            for col in cs:
                for z in range(abs(y - col), y + col + 1, 2):
                    if adm(y, col, z):
                        nxt[z] = nxt.get(z, 0) + c
        counts = nxt
    return counts.get(0, 0)


def order_cost(res: Resolved, order: Sequence[Hashable]) -> int | None:
    """The summed frontier dimensions of an absorption order (None if the order does not
    attach every piece planarly); a proxy for the sweep's running time."""
    colour_sets: dict[Hashable, tuple[int, ...]] = {}
    for e, col in res.colour.items():
        if col is not None:
            colour_sets[e] = (col,)
    for e, slot in res.internal_slot.items():
        group = e[1]  # type: ignore[index]
        it = res.groups[group]
        if isinstance(it, Intertwiner):
            colour_sets[e] = tuple(sorted({k[slot] for k in it.terms}))
        else:
            a, b = res.net.colours_at(group)[:2]
            colour_sets[e] = tuple(range(abs(a - b), a + b + 1, 2))
    frontier: list[Dart] = []
    total = 0
    left = group_sizes(res)
    open_group: Hashable | None = None
    for name in order:
        piece = res.pieces[name]
        if open_group is not None and piece.group != open_group:
            return None  # the pieces of a comb vertex must be absorbed consecutively
        left[piece.group] -= 1
        open_group = piece.group if left[piece.group] else None
        step = next_frontier(res, frontier, piece)
        if step is None:
            return None
        frontier = step
        total += _frontier_dimension([colour_sets[d[0]] for d in frontier], _classical_admissible)
    return total


def next_frontier(res: Resolved, frontier: list[Dart], piece: Piece) -> list[Dart] | None:
    """The frontier after absorbing ``piece`` (None if it does not attach planarly).  A piece
    starts a new component only when the frontier has no live legs (boundary legs stay)."""
    if all(opposite(d) in res.boundary_darts for d in frontier):
        return _closed_pair_free(frontier + list(piece.darts))
    att = attach(frontier, piece)
    return None if att is None else _apply_frontier(frontier, *att)


def final_frontier(res: Resolved, order: Sequence[Hashable]) -> list[Dart]:
    """The frontier left after absorbing every piece in ``order``: for an open network, its
    boundary legs in counter-clockwise order (starting at the comb's base point)."""
    frontier: list[Dart] = []
    for name in order:
        step = next_frontier(res, frontier, res.pieces[name])
        if step is None:
            raise NonPlanarError(f"piece {name!r} does not attach planarly to the absorbed region")
        frontier = step
    return frontier


def _neighbours(res: Resolved, name: Hashable) -> list[Hashable]:
    out = []
    for d in res.pieces[name].darts:
        other = res.dart_piece.get(opposite(d))
        if other is not None and other in res.pieces:
            out.append(other)
    return out


def start_candidates(res: Resolved, starts: int) -> list[Hashable]:
    """Up to ``starts`` start pieces: two peripheral ones (double-sweep breadth-first search)
    and others spread by distance from the first."""
    names = list(res.pieces)
    if len(names) <= starts:
        return names
    index = {x: i for i, x in enumerate(names)}
    picks: list[Hashable] = []
    far = names[0]
    for _ in range(2):
        dist = _bfs(res, far)
        far = max(dist, key=lambda x: (dist[x], -index[x]))
        picks.append(far)
    dist = _bfs(res, picks[0])
    ordered = sorted(dist, key=lambda x: dist[x])
    step = max(1, len(ordered) // starts)
    for x in ordered[::step]:
        if x not in picks:
            picks.append(x)
        if len(picks) >= starts:
            break
    return picks


def _bfs(res: Resolved, src: Hashable) -> dict[Hashable, int]:
    dist = {src: 0}
    queue = [src]
    for x in queue:
        for y in _neighbours(res, x):
            if y not in dist:
                dist[y] = dist[x] + 1
                queue.append(y)
    return dist


def greedy_order(res: Resolved, start: Hashable) -> list[Hashable]:
    """The greedy absorption order from the piece ``start``: each step absorbs the
    attachable piece giving the shortest frontier (ties: more legs absorbed, no base-point
    rotation, then by name); the pieces of one comb vertex are absorbed consecutively."""
    remaining = set(res.pieces)
    order: list[Hashable] = []
    frontier: list[Dart] = []
    current: Hashable | None = None
    left = group_sizes(res)
    while remaining:
        if all(opposite(d) in res.boundary_darts for d in frontier):
            # new component (or first piece)
            pick = start if start in remaining else next(p for p in res.pieces if p in remaining)
            step = next_frontier(res, frontier, res.pieces[pick])
            assert step is not None
            frontier = step
            order.append(pick)
            remaining.discard(pick)
            left[res.pieces[pick].group] -= 1
            current = res.pieces[pick].group if left[res.pieces[pick].group] else None
            continue
        frontier_owners = {res.dart_piece.get(opposite(d)) for d in frontier}
        cands = [p for p in frontier_owners if p in remaining]
        if current is not None:
            cands = [p for p in cands if res.pieces[p].group == current]
        best: tuple[tuple[int, int, int], Hashable, tuple[int, int, list[Dart]]] | None = None
        for p in cands:
            att = attach(frontier, res.pieces[p])
            if att is None:
                continue
            start_pos, k, new = att
            m = len(frontier)
            wraps = start_pos + k > m
            score = (m - k + len(new), -k, int(wraps))
            if best is None or score < best[0] or (score == best[0] and repr(p) < repr(best[1])):
                best = (score, p, att)
        if best is None:
            raise NonPlanarError(
                "the sweep found no piece that attaches planarly to the absorbed region: the ribbon "
                f"structure has genus {res.net.genus()}; draw crossings explicitly with Crossing vertices"
            )
        _, p, (start_pos, k, new) = best
        frontier = _apply_frontier(frontier, start_pos, k, new)
        order.append(p)
        remaining.discard(p)
        piece = res.pieces[p]
        left[piece.group] -= 1
        current = piece.group if left[piece.group] else None
    return order


def group_sizes(res: Resolved) -> dict[Hashable, int]:
    sizes: dict[Hashable, int] = {}
    for p in res.pieces.values():
        sizes[p.group] = sizes.get(p.group, 0) + 1
    return sizes


def _apply_frontier(frontier: list[Dart], start: int, k: int, new: list[Dart]) -> list[Dart]:
    m = len(frontier)
    if start + k > m:  # the block wraps: the sweep rotates the comb first
        frontier = frontier[start:] + frontier[:start]
        start = 0
    return _closed_pair_free(frontier[:start] + new + frontier[start + k :])


def closed_pair(frontier: list[Dart]) -> int | None:
    """Position ``i`` such that legs ``i`` and ``i + 1`` (cyclically) are the two ends of one
    edge (a self-loop or an edge closed by the last absorption), or None."""
    m = len(frontier)
    for i in range(m):
        if m >= 2 and frontier[(i + 1) % m] == opposite(frontier[i]):
            return i
    return None


def _closed_pair_free(frontier: list[Dart]) -> list[Dart]:
    while (i := closed_pair(frontier)) is not None:
        if i == len(frontier) - 1:
            frontier = frontier[1:] + frontier[:1]
            i -= 1
        frontier = frontier[:i] + frontier[i + 2 :]
    return frontier
