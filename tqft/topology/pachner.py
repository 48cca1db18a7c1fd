"""Pachner moves on triangulations: 2-3, 3-2, 1-4 and 4-1, their legality, random walks.

The functions taking a triangulation first are the implementations of the
:class:`~tqft.topology.triangulation.Triangulation` methods of the same names (the class
binds them as methods).  A move removes some tetrahedra (the others keep their order) and
appends the new ones; on an oriented triangulation the result is oriented.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, NamedTuple

from ..errors import InvalidTriangulationError
from .isosig import COMPOSE, INVERSE, PERM_INDEX, PERMS, SIGN
from .skeleton import _FACE_VERTICES, _index

if TYPE_CHECKING:  # pragma: no cover
    from .triangulation import Triangulation

__all__ = ["Move"]


_SWAP23 = PERM_INDEX[0, 1, 3, 2]


class Move(NamedTuple):
    """A Pachner move: ``kind`` is ``"2-3"`` (on a triangle), ``"3-2"`` (an edge),
    ``"1-4"`` (a tetrahedron) or ``"4-1"`` (a vertex); ``face`` is its global index."""

    kind: str
    face: int


# ---------------------------------------------------------------------------------------
# The moves
# ---------------------------------------------------------------------------------------
def _apply(tri: Triangulation, old: list[tuple[int, tuple[int, ...]]], new: list[tuple[int, ...]]) -> Triangulation:
    """Replace the tetrahedra ``old`` (each with the abstract label of its vertices) by
    tetrahedra with vertex labels ``new``; faces are matched by their label sets."""
    from .triangulation import Triangulation  # at call time: triangulation.py imports this module

    n = tri._size
    removed = {t for t, _ in old}
    keep = [t for t in range(n) if t not in removed]
    index = {t: i for i, t in enumerate(keep)}
    size = len(keep) + len(new)
    dest, perm = [-1] * (4 * size), [0] * (4 * size)

    def glue(x: int, y: int, g: int) -> None:
        dest[x], perm[x], dest[y], perm[y] = y, g, x, INVERSE[g]

    for x, d in enumerate(tri._dest):
        if d >= 0 and (x >> 2) not in removed and (d >> 2) not in removed:
            dest[4 * index[x >> 2] + (x & 3)] = 4 * index[d >> 2] + (d & 3)
            perm[4 * index[x >> 2] + (x & 3)] = tri._perm[x]
    new_face: dict[frozenset[int], tuple[int, int]] = {}
    for k, lab in enumerate(new):
        X = len(keep) + k
        for h in range(4):
            key = frozenset(lab[:h] + lab[h + 1 :])
            if key in new_face:  # an internal face of the new tetrahedra
                Y, h2 = new_face.pop(key)
                other = new[Y - len(keep)]
                pair = tuple(other.index(lab[i]) if i != h else h2 for i in range(4))
                glue(4 * X + h, 4 * Y + h2, PERM_INDEX[pair])  # type: ignore[index]
            else:
                new_face[key] = (X, h)
    outer: dict[tuple[int, int], tuple[int, int, int]] = {}  # old (t, g) -> new (X, h, mu)
    for t, lab in old:
        for g in range(4):
            key = frozenset(lab[:g] + lab[g + 1 :])
            if key in new_face:
                X, h = new_face[key]
                nl = new[X - len(keep)]
                back = tuple(lab.index(nl[i]) if i != h else g for i in range(4))
                outer[t, g] = (X, h, PERM_INDEX[back])  # type: ignore[index]
    for (t, g), (X, h, mu) in outer.items():
        d = tri._dest[4 * t + g]
        if d < 0:
            continue
        q = tri._perm[4 * t + g]
        if (d >> 2, d & 3) in outer:
            Y, h2, mu2 = outer[d >> 2, d & 3]
            glue(4 * X + h, 4 * Y + h2, COMPOSE[COMPOSE[INVERSE[mu2]][q]][mu])
        else:
            glue(4 * X + h, 4 * index[d >> 2] + (d & 3), COMPOSE[q][mu])
    if tri.is_oriented():  # label the new tetrahedra to keep the orientation
        sign = [1] * len(keep) + [0] * len(new)
        todo = list(range(len(keep), size))
        while todo:
            rest = []
            for X in todo:
                for h in range(4):
                    d = dest[4 * X + h]
                    if d >= 0 and sign[d >> 2]:
                        sign[X] = -sign[d >> 2] * SIGN[perm[4 * X + h]]
                        break
                else:
                    rest.append(X)
            if len(rest) == len(todo):
                sign[rest[0]] = 1
                rest = rest[1:]
            todo = rest
        flips = [PERMS[_SWAP23] if s < 0 else (0, 1, 2, 3) for s in sign]
        return Triangulation._from_table(size, dest, perm).relabel(range(size), flips)  # type: ignore[arg-type]
    return Triangulation._from_table(size, dest, perm)


def _illegal(move: str, what: str, reason: str) -> InvalidTriangulationError:
    return InvalidTriangulationError(f"the {move} move on {what} is illegal: {reason}")


def pachner_2_3(tri: Triangulation, triangle: int) -> Triangulation:
    """Replace the two tetrahedra on an interior triangle by three around a new edge.

    The removed tetrahedra are dropped (the others keep their order) and the new ones
    appended; if the triangulation is oriented, so is the result.

    Raises
    ------
    InvalidTriangulationError
        If the triangle is on the boundary or both its sides lie in one tetrahedron.
    """
    f = _index(triangle, "triangle", tri.count_triangles(), "triangle")
    emb = tri._skel.tri_emb[f]
    if len(emb) == 1:
        raise _illegal("2-3", f"triangle {f}", "it is a boundary triangle (it needs two tetrahedra)")
    (t0, f0), (t1, _) = emb
    if t0 == t1:
        raise _illegal("2-3", f"triangle {f}", f"both sides lie in tetrahedron {t0} (it needs two distinct)")
    p = PERMS[tri._perm[4 * t0 + f0]]
    a, b, c = _FACE_VERTICES[f0]
    lab0 = [0] * 4
    lab1 = [0] * 4
    for label, v in enumerate((a, b, c)):
        lab0[v] = label
        lab1[p[v]] = label
    lab0[f0], lab1[p[f0]] = 3, 4
    return _apply(tri, [(t0, tuple(lab0)), (t1, tuple(lab1))], [(3, 4, 1, 2), (3, 4, 0, 2), (3, 4, 0, 1)])


def _check_3_2(tri: Triangulation, e: int) -> str | None:
    sk = tri._skel
    if sk.edge_boundary[e]:
        return "it is a boundary edge"
    if not sk.edge_valid[e]:
        return "it is identified with itself in reverse"
    if len(sk.edge_states[e]) != 3:
        return f"it has degree {len(sk.edge_states[e])}, not 3"
    if len({t for t, _ in sk.edge_states[e]}) != 3:
        return "its three embeddings are not in three distinct tetrahedra"
    return None


def pachner_3_2(tri: Triangulation, edge: int) -> Triangulation:
    """Replace the three tetrahedra around a degree-3 edge by two sharing a triangle.

    Raises
    ------
    InvalidTriangulationError
        Unless the edge is interior, valid, of degree 3, in three distinct tetrahedra.
    """
    e = _index(edge, "edge", tri.count_edges(), "edge")
    reason = _check_3_2(tri, e)
    if reason:
        raise _illegal("3-2", f"edge {e}", reason)
    old = []
    for i, (t, o) in enumerate(tri._skel.edge_states[e]):
        lab = [0] * 4
        lab[o[0]], lab[o[1]], lab[o[2]], lab[o[3]] = 3, 4, i, (i - 1) % 3
        old.append((t, tuple(lab)))
    return _apply(tri, old, [(0, 1, 2, 3), (0, 1, 2, 4)])


def pachner_1_4(tri: Triangulation, tet: int) -> Triangulation:
    """Cone a tetrahedron from a new interior vertex into four; new tetrahedron ``i``
    replaces vertex ``i`` by the new vertex (so face ``i`` of the old one is its face ``i``)."""
    t = _index(tet, "tet", tri._size, "tetrahedron")
    return _apply(tri, [(t, (0, 1, 2, 3))], [tuple(4 if j == i else j for j in range(4)) for i in range(4)])


def _plan_4_1(tri: Triangulation, v: int) -> list[tuple[int, tuple[int, ...]]] | str:
    corners = tri._skel.vert_emb[v]
    link = tri.vertex_link(v)
    if not link.is_sphere:
        return f"its link is a {link.name}, not a sphere"
    if len(corners) != 4:
        return f"it has degree {len(corners)}, not 4"
    if len({t for t, _ in corners}) != 4:
        return "its four corners are not in four distinct tetrahedra"
    t0, x0 = corners[0]
    lab0 = tuple(4 if i == x0 else i for i in range(4))
    plan = [(t0, lab0)]
    for y in range(4):
        if y == x0:
            continue
        d = tri._dest[4 * t0 + y]
        q = PERMS[tri._perm[4 * t0 + y]]
        lab = [x0] * 4
        for z in range(4):
            if z != y:
                lab[q[z]] = lab0[z]
        plan.append((d >> 2, tuple(lab)))
    if len({t for t, _ in plan}) != 4:
        return "its four corners are not in four distinct tetrahedra"
    for i in range(1, 4):  # the other three must be glued pairwise as in a cone
        for j in range(1, 4):
            (ti, li), (tj, lj) = plan[i], plan[j]
            if i == j:
                continue
            miss = next(iter(set(range(5)) - set(lj)))
            g = li.index(miss)
            d = tri._dest[4 * ti + g]
            if d < 0 or d >> 2 != tj:
                return "the four tetrahedra around it are not glued as the cone on a tetrahedron"
            q = PERMS[tri._perm[4 * ti + g]]
            if any(lj[q[w]] != li[w] for w in range(4) if w != g):
                return "the four tetrahedra around it are not glued as the cone on a tetrahedron"
    return plan


def pachner_4_1(tri: Triangulation, vertex: int) -> Triangulation:
    """Replace the four tetrahedra around a degree-4 vertex by one.

    Raises
    ------
    InvalidTriangulationError
        Unless the vertex link is a sphere (no boundary, ideal or invalid vertex), the
        vertex has degree 4 in four distinct tetrahedra glued as the cone on a
        tetrahedron's boundary.
    """
    v = _index(vertex, "vertex", tri.count_vertices(), "vertex")
    plan = _plan_4_1(tri, v)
    if isinstance(plan, str):
        raise _illegal("4-1", f"vertex {v}", plan)
    return _apply(tri, plan, [(0, 1, 2, 3)])


def legal_moves(tri: Triangulation) -> tuple[Move, ...]:
    """Every legal Pachner move, ordered 2-3, 3-2, 1-4, 4-1 and by face index."""
    sk = tri._skel
    moves = [Move("2-3", f) for f, emb in enumerate(sk.tri_emb) if len(emb) == 2 and emb[0][0] != emb[1][0]]
    moves += [Move("3-2", e) for e in range(len(sk.edge_states)) if _check_3_2(tri, e) is None]
    moves += [Move("1-4", t) for t in range(tri._size)]
    moves += [
        Move("4-1", v)
        for v in range(len(sk.vert_emb))
        if len(sk.vert_emb[v]) == 4 and not isinstance(_plan_4_1(tri, v), str)
    ]
    return tuple(moves)


def apply_move(tri: Triangulation, move: Move | tuple[str, int]) -> Triangulation:
    """Perform ``Move(kind, face)``."""
    kind, face = move
    methods = {"2-3": tri.pachner_2_3, "3-2": tri.pachner_3_2, "1-4": tri.pachner_1_4, "4-1": tri.pachner_4_1}
    if kind not in methods:
        raise InvalidTriangulationError(f"move kind = {kind!r} is not one of {sorted(methods)}")
    return methods[kind](face)


def random_moves(tri: Triangulation, count: int, seed: int | None = 0) -> Triangulation:
    """The result of ``count`` random legal Pachner moves (reproducible for a seed).

    Each step picks a kind of move with weights ``2-3: 1``, ``3-2: 1 + x/2``,
    ``1-4: 0.2`` (``0.02`` once ``x >= 4``), ``4-1: 1 + x/2``, where ``x`` is the number
    of tetrahedra gained so far, among the kinds with a legal move, then a face of that
    kind uniformly; so the size drifts back instead of growing without bound.
    """
    return _random_walk(tri, count, seed)[-1]


def _random_walk(start: Triangulation, count: int, seed: int | None = 0) -> list[Triangulation]:
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise InvalidTriangulationError(f"count = {count!r} must be a non-negative int")
    rng = random.Random(seed)
    walk = [start]
    tri = start
    for _ in range(count):
        by_kind: dict[str, list[int]] = {}
        for m in tri.legal_moves():
            by_kind.setdefault(m.kind, []).append(m.face)
        if not by_kind:
            break
        x = max(0, tri.size - start.size)
        weight = {"2-3": 1.0, "3-2": 1 + x / 2, "1-4": 0.2 if x < 4 else 0.02, "4-1": 1 + x / 2}
        kinds = sorted(by_kind)
        kind = rng.choices(kinds, [weight[k] for k in kinds])[0]
        tri = tri.apply_move(Move(kind, rng.choice(by_kind[kind])))
        walk.append(tri)
    return walk
