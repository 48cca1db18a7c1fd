"""The skeleton of a triangulation: vertices, edges and triangles, vertex links, boundary.

:class:`_Skeleton` computes the vertices, edges and triangles of a gluing table with Regina's
numbering (see :mod:`tqft.topology.triangulation` for the conventions).  The functions
below taking a triangulation first are the implementations of the
:class:`~tqft.topology.triangulation.Triangulation` methods of the same names (the class
binds them as methods): the real boundary and its components, vertex links and validity.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import InvalidTriangulationError
from .isosig import PERM_INDEX, PERMS, SIGN

if TYPE_CHECKING:  # pragma: no cover
    from .triangulation import Triangulation

__all__ = ["EDGE_VERTICES", "BoundaryComponent", "VertexLink"]

#: the vertex pair of each local edge ``0..5`` (Regina's edge numbering)
EDGE_VERTICES: tuple[tuple[int, int], ...] = ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3))
_EDGE_INDEX = {**{p: i for i, p in enumerate(EDGE_VERTICES)}, **{(b, a): i for i, (a, b) in enumerate(EDGE_VERTICES)}}
_EDGE_OTHER = tuple(tuple(v for v in range(4) if v not in p) for p in EDGE_VERTICES)
_FACE_VERTICES = tuple(tuple(v for v in range(4) if v != f) for f in range(4))


# ---------------------------------------------------------------------------------------
# Small value classes
# ---------------------------------------------------------------------------------------
class VertexLink(NamedTuple):
    """The link of a vertex: a triangulated surface with ``triangles`` triangles (the
    degree of the vertex), its Euler characteristic, orientability and boundary."""

    triangles: int
    euler_characteristic: int
    orientable: bool
    has_boundary: bool

    @property
    def is_sphere(self) -> bool:
        return not self.has_boundary and self.euler_characteristic == 2

    @property
    def is_disc(self) -> bool:
        return self.has_boundary and self.euler_characteristic == 1

    @property
    def is_ideal(self) -> bool:
        """A closed link other than the sphere: the vertex is a cusp (Regina: ideal)."""
        return not self.has_boundary and self.euler_characteristic != 2

    @property
    def is_valid(self) -> bool:
        """Sphere, disc or closed surface (Regina's vertex validity)."""
        return not self.has_boundary or self.euler_characteristic == 1

    @property
    def name(self) -> str:
        """``sphere``, ``disc``, ``torus``, ``Klein bottle``, ``genus-g surface``, ... or
        ``invalid (...)`` for a link with boundary other than a disc."""
        chi = self.euler_characteristic
        if self.has_boundary:
            return "disc" if chi == 1 else f"invalid (bounded surface, chi = {chi})"
        if chi == 2:
            return "sphere"
        if self.orientable:
            return "torus" if chi == 0 else f"genus-{(2 - chi) // 2} surface"
        return {1: "projective plane", 0: "Klein bottle"}.get(chi, f"non-orientable genus-{2 - chi} surface")


class BoundaryComponent(NamedTuple):
    """A connected component of the real boundary: its boundary triangles, edges and
    vertices (global indices, sorted) and the surface they form."""

    triangles: tuple[int, ...]
    edges: tuple[int, ...]
    vertices: tuple[int, ...]
    euler_characteristic: int
    orientable: bool

    @property
    def genus(self) -> int:
        """Orientable genus ``(2 - chi) / 2``, or the number of cross-caps ``2 - chi``."""
        chi = self.euler_characteristic
        return (2 - chi) // 2 if self.orientable else 2 - chi


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------
class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, x: int, y: int) -> bool:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return False
        self.parent[ry] = rx
        return True


def _two_colour(n: int, links: Iterable[tuple[int, int, int]]) -> list[int] | None:
    """Signs ``s`` with ``s[a] * s[b] == w`` on every link ``(a, b, w)``, ``s`` = +1 at the
    first node of each component; ``None`` if impossible."""
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for a, b, w in links:
        adj[a].append((b, w))
        adj[b].append((a, w))
    s = [0] * n
    for root in range(n):
        if s[root]:
            continue
        s[root] = 1
        stack = [root]
        while stack:
            a = stack.pop()
            for b, w in adj[a]:
                want = s[a] * w
                if not s[b]:
                    s[b] = want
                    stack.append(b)
                elif s[b] != want:
                    return None
    return s


def _index(value: Any, name: str, bound: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidTriangulationError(f"{name} = {value!r} must be an int ({what} 0..{bound - 1})")
    if not 0 <= value < bound:
        allowed = f"{what} 0..{bound - 1}" if bound else f"there are no {what}s"
        raise InvalidTriangulationError(f"{name} = {value} is out of range ({allowed})")
    return value


# ---------------------------------------------------------------------------------------
# The skeleton
# ---------------------------------------------------------------------------------------
class _Skeleton:
    """Vertices, edges and triangles of a gluing table (computed once, on demand)."""

    def __init__(self, n: int, dest: tuple[int, ...], perm: tuple[int, ...]) -> None:
        # triangles
        tri_of = [-1] * (4 * n)
        self.tri_emb: list[tuple[tuple[int, int], ...]] = []
        for x in (4 * t + f for t in range(n) for f in (3, 2, 1, 0)):  # Regina's scanning order
            if tri_of[x] < 0:
                tri_of[x] = len(self.tri_emb)
                d = dest[x]
                if d >= 0:
                    tri_of[d] = len(self.tri_emb)
                    self.tri_emb.append(((x >> 2, x & 3), (d >> 2, d & 3)))
                else:
                    self.tri_emb.append(((x >> 2, x & 3),))
        self.tet_tri = [tuple(tri_of[4 * t : 4 * t + 4]) for t in range(n)]
        # edges: walk around each edge; a state (t, (v0, v1, v2, v3)) is edge v0 v1 of t,
        # and the walk leaves through face v3
        edge_of = [-1] * (6 * n)
        self.edge_sign = [1] * (6 * n)  # local low->high direction vs the edge's direction
        self.edge_states: list[list[tuple[int, tuple[int, int, int, int]]]] = []
        self.edge_valid: list[bool] = []
        self.edge_boundary: list[bool] = []
        for x in range(6 * n):
            if edge_of[x] >= 0:
                continue
            e = len(self.edge_states)
            t, k = divmod(x, 6)
            (a, b), (c, d) = EDGE_VERTICES[k], _EDGE_OTHER[k]
            edge_of[x] = e
            valid, boundary = True, False
            fwd = [(t, (a, b, c, d))]
            back: list[tuple[int, tuple[int, int, int, int]]] = []
            for states, first in ((fwd, (t, (a, b, c, d))), (back, (t, (a, b, d, c)))):
                tt, (v0, v1, v2, v3) = first
                while True:
                    dd = dest[4 * tt + v3]
                    if dd < 0:
                        boundary = True
                        break
                    p = PERMS[perm[4 * tt + v3]]
                    t2, w0, w1 = dd >> 2, p[v0], p[v1]
                    y = 6 * t2 + _EDGE_INDEX[w0, w1]
                    if edge_of[y] >= 0:  # back at an embedding already listed
                        if self.edge_sign[y] != (1 if w0 < w1 else -1):
                            valid = False
                        break
                    edge_of[y] = e
                    self.edge_sign[y] = 1 if w0 < w1 else -1
                    tt, (v0, v1, v2, v3) = t2, (w0, w1, p[v3], p[v2])
                    states.append((tt, (v0, v1, v2, v3)))
                if not boundary and valid and states is fwd:
                    break  # a closed cycle: no need to walk backwards
            chain = [(s, (o[0], o[1], o[3], o[2])) for s, o in reversed(back)] + fwd
            self.edge_states.append(chain)
            self.edge_valid.append(valid)
            self.edge_boundary.append(boundary)
        self.tet_edge = [tuple(edge_of[6 * t : 6 * t + 6]) for t in range(n)]
        # vertices
        vert_of = [-1] * (4 * n)
        self.vert_emb: list[tuple[tuple[int, int], ...]] = []
        for x in range(4 * n):
            if vert_of[x] >= 0:
                continue
            v = len(self.vert_emb)
            vert_of[x] = v
            corners = [x]
            for y in corners:
                t, u = divmod(y, 4)
                for f in range(4):
                    dd = dest[4 * t + f]
                    if f != u and dd >= 0:
                        z = 4 * (dd >> 2) + PERMS[perm[4 * t + f]][u]
                        if vert_of[z] < 0:
                            vert_of[z] = v
                            corners.append(z)
            self.vert_emb.append(tuple(divmod(y, 4) for y in sorted(corners)))  # type: ignore[misc]
        self.tet_vert = [tuple(vert_of[4 * t : 4 * t + 4]) for t in range(n)]


# ---------------------------------------------------------------------------------------
# Boundary
# ---------------------------------------------------------------------------------------
def boundary_triangles(tri: Triangulation) -> tuple[int, ...]:
    """Triangles with one side only (the real boundary)."""
    return tuple(i for i, e in enumerate(tri._skel.tri_emb) if len(e) == 1)


def boundary_edges(tri: Triangulation) -> tuple[int, ...]:
    """Edges lying in some boundary triangle."""
    return tuple(i for i, b in enumerate(tri._skel.edge_boundary) if b)


def boundary_vertices(tri: Triangulation) -> tuple[int, ...]:
    """Vertices lying in some boundary triangle (ideal vertices are not included)."""
    out = {v for f in tri.boundary_triangles() for v in tri.triangle_vertices(f)}
    return tuple(sorted(out))


def has_boundary(tri: Triangulation) -> bool:
    """Whether there are boundary triangles (real boundary; cusps do not count)."""
    return any(len(e) == 1 for e in tri._skel.tri_emb)


def boundary_components(tri: Triangulation) -> tuple[BoundaryComponent, ...]:
    """The components of the real boundary, joined along boundary edges, in order of
    their first triangle; each with its edges, vertices, Euler characteristic and
    orientability."""
    sk = tri._skel
    bt = tri.boundary_triangles()
    pos = {f: i for i, f in enumerate(bt)}
    uf = _UnionFind(len(bt))
    links = []  # orientation of the boundary surface: triangles at the two ends of an edge
    for e in tri.boundary_edges():
        states = sk.edge_states[e]
        (t0, o0), (t1, o1) = states[0], states[-1]
        a = pos[sk.tet_tri[t0][o0[2]]]
        b = pos[sk.tet_tri[t1][o1[3]]]
        uf.union(a, b)
        same = SIGN[PERM_INDEX[o0]] == SIGN[PERM_INDEX[o1]]
        links.append((a, b, 1 if same else -1))
    groups: dict[int, list[int]] = {}
    for i in range(len(bt)):
        groups.setdefault(uf.find(i), []).append(i)
    out = []
    for members in groups.values():
        tris = tuple(bt[i] for i in members)
        edges = sorted({e for f in tris for e in tri.triangle_edges(f)})
        verts = sorted({v for f in tris for v in tri.triangle_vertices(f)})
        root = uf.find(members[0])
        orientable = _two_colour(len(bt), [lk for lk in links if uf.find(lk[0]) == root]) is not None
        chi = len(verts) - len(edges) + len(tris)
        out.append(BoundaryComponent(tris, tuple(edges), tuple(verts), chi, orientable))
    return tuple(out)


# ---------------------------------------------------------------------------------------
# Vertex links and validity
# ---------------------------------------------------------------------------------------
def vertex_link(tri: Triangulation, vertex: int) -> VertexLink:
    """The link of a vertex as a triangulated surface (one triangle per corner)."""
    sk = tri._skel
    corners = tri.vertex_embeddings(vertex)
    index = {c: i for i, c in enumerate(corners)}
    boundary_sides = 0
    links = []
    ends: set[tuple[int, int]] = set()
    for (t, x), i in index.items():
        for f in range(4):
            if f == x:
                continue
            d = tri._dest[4 * t + f]
            if d < 0:
                boundary_sides += 1
            else:
                j = index[d >> 2, PERMS[tri._perm[4 * t + f]][x]]
                if (t, x) <= corners[j]:
                    links.append((i, j, -SIGN[tri._perm[4 * t + f]]))
        for y in range(4):
            if y == x:
                continue
            k = _EDGE_INDEX[x, y]
            e = sk.tet_edge[t][k]
            end = 0 if not sk.edge_valid[e] else int((x < y) != (sk.edge_sign[6 * t + k] > 0))
            ends.add((e, end))
    faces = len(corners)
    edges = (3 * faces + boundary_sides) // 2
    chi = len(ends) - edges + faces
    return VertexLink(faces, chi, _two_colour(faces, links) is not None, boundary_sides > 0)


def invalid_reason(tri: Triangulation) -> str | None:
    """Why the triangulation is invalid (the first offending edge or vertex), or ``None``."""
    for e, ok in enumerate(tri._skel.edge_valid):
        if not ok:
            return f"edge {e} is identified with itself in reverse"
    for v in range(tri.count_vertices()):
        link = tri.vertex_link(v)
        if not link.is_valid:
            return f"the link of vertex {v} is a surface with boundary other than a disc ({link.name})"
    return None


def is_valid(tri: Triangulation) -> bool:
    """Regina's validity: no edge identified with itself in reverse, and every vertex
    link a sphere, a disc or a closed surface (ideal vertex)."""
    return tri.invalid_reason() is None


def is_ideal(tri: Triangulation) -> bool:
    """Whether some vertex link is a closed surface other than the sphere (a cusp)."""
    return any(tri.vertex_link(v).is_ideal for v in range(tri.count_vertices()))


def is_closed(tri: Triangulation) -> bool:
    """Valid, no boundary triangles, and every vertex link a sphere.  (Regina's
    ``isClosed()`` differs on invalid triangulations: it ignores edges identified with
    themselves in reverse.)"""
    return (
        tri.is_valid()
        and not tri.has_boundary()
        and all(tri.vertex_link(v).is_sphere for v in range(tri.count_vertices()))
    )
