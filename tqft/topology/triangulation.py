"""Triangulated 3-manifolds: gluing tables, skeleton, validity, homology, Pachner moves.

Conventions
-----------
Everything follows Regina [Regina]_, so that results can be compared with it directly.

* Tetrahedra are ``0 .. n-1``, the vertices of each are ``0..3``, and **face** ``i`` of a
  tetrahedron is the triangle opposite vertex ``i``.
* A **gluing** ``(t, f, t2, perm)`` glues face ``f`` of ``t`` to face ``perm[f]`` of
  ``t2``, sending vertex ``i`` of ``t`` to vertex ``perm[i]`` of ``t2``; ``perm`` is a
  tuple of the four images.  The reverse gluing ``(t2, perm[f], t, perm^-1)`` is implied.
* **Local edges** ``0..5`` of a tetrahedron are the vertex pairs ``01, 02, 03, 12, 13,
  23``; the **local triangles** are the faces ``0..3``.
* **Global numbering.**  Vertices, edges and triangles are numbered in order of first
  appearance when the tetrahedra are scanned in order and, within a tetrahedron, the
  local vertices ``0..3``, the local edges ``0..5`` and the faces ``3, 2, 1, 0`` (in that
  order).  This is Regina's numbering: the tests compare it on every example.
* **Embeddings.**  A triangle lists its (one or two) sides ``(tet, face)``, the first one
  first.  An edge lists its ``(tet, local edge)`` embeddings in cyclic order around it,
  each one glued to the next; a boundary edge starts and ends at the boundary.  A vertex
  lists its corners ``(tet, local vertex)`` sorted.
* **Orientation.**  A gluing preserves the orientation of two tetrahedra labelled
  ``0123`` iff its permutation is odd; a triangulation is *oriented* when every gluing
  permutation is odd (Regina's convention).

Validity is Regina's: a triangulation is valid when no edge is identified with itself in
reverse and every vertex link is a sphere, a disc (a vertex on the real boundary) or a
closed surface (an *ideal* vertex: a cusp).  Homology ``H_1`` is that of the manifold with
ideal vertices truncated, as Regina computes it.

The implementation is split over :mod:`.skeleton` (vertices, edges, triangles, vertex links,
boundary components, validity), :mod:`.homology` (``H_1``, :class:`AbelianGroup`) and
:mod:`.pachner` (Pachner moves and random walks): :class:`Triangulation` binds their
functions as methods, and this module re-exports their public names.

References
----------
.. [Regina] B. A. Burton, R. Budney, W. Pettersson et al., *Regina: Software for
   low-dimensional topology*, https://regina-normal.github.io (version 7.4 used for
   comparison).

Examples
--------
>>> t = Triangulation.from_isosig("fvPQcdecedekrsnrs")   # the Poincare homology sphere
>>> t.size, t.f_vector(), t.is_closed(), t.is_orientable()
(5, (1, 6, 10, 5), True, True)
>>> print(t.homology())
0
>>> print(Triangulation.from_isosig("cPcbbbiht").homology())   # figure-eight knot complement
Z
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..errors import InvalidTriangulationError
from . import homology as _homology
from . import pachner as _pachner
from . import skeleton as _skeleton
from .homology import AbelianGroup
from .homology import _abelian_quotient as _abelian_quotient  # re-exported: the tests import it from here
from .isosig import COMPOSE, INVERSE, PERM_INDEX, PERMS, SIGN, Perm, decode_isosig, encode_isosig
from .pachner import Move
from .skeleton import (
    _EDGE_INDEX,
    _FACE_VERTICES,
    EDGE_VERTICES,
    BoundaryComponent,
    VertexLink,
    _index,
    _Skeleton,
    _two_colour,
    _UnionFind,
)

if TYPE_CHECKING:  # pragma: no cover
    import networkx

__all__ = [
    "EDGE_VERTICES",
    "AbelianGroup",
    "BoundaryComponent",
    "Move",
    "Triangulation",
    "VertexLink",
    "from_isosig",
]


# ---------------------------------------------------------------------------------------
# The triangulation
# ---------------------------------------------------------------------------------------
def _perm(value: Any, name: str) -> Perm:
    try:
        p = tuple(value)
    except TypeError:
        p = None
    if p is None or len(p) != 4 or any(not isinstance(x, int) or isinstance(x, bool) for x in p):
        raise InvalidTriangulationError(
            f"{name} = {value!r} must be a permutation of (0, 1, 2, 3) given as 4 ints, e.g. (1, 0, 3, 2)"
        )
    if sorted(p) != [0, 1, 2, 3]:
        raise InvalidTriangulationError(f"{name} = {p} is not a permutation of (0, 1, 2, 3)")
    return p  # type: ignore[return-value]


class Triangulation:
    """A 3-manifold triangulation: ``size`` tetrahedra and a table of face gluings.

    Parameters
    ----------
    size
        Number of tetrahedra (``>= 0``).
    gluings
        ``(tet, face, tet2, perm)`` tuples: face ``face`` of ``tet`` is glued to face
        ``perm[face]`` of ``tet2``, vertex ``i`` going to vertex ``perm[i]``.  Each gluing
        may be given once (the reverse is implied) or from both sides consistently.
        Unglued faces are boundary.

    Raises
    ------
    InvalidTriangulationError
        For an index out of range, a ``perm`` that is not a permutation of ``0..3``, a
        face glued to itself, or a face glued twice in different ways.

    Notes
    -----
    Instances are immutable and hashable; ``==`` compares gluing tables (use
    :meth:`is_isomorphic` for combinatorial isomorphism).  Skeleton data are computed on
    first use and cached.  Conventions: see the module docstring.

    Examples
    --------
    >>> t = Triangulation(1, [(0, 0, 0, (1, 2, 3, 0)), (0, 2, 0, (0, 1, 3, 2))])
    >>> t.isosig(), t.f_vector(), str(t.homology())
    ('bkaagj', (1, 2, 2, 1), '0')
    >>> Triangulation(1, [(0, 0, 0, (0, 1, 2, 3))])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    tqft.errors.InvalidTriangulationError: gluing (0, 0, 0, (0, 1, 2, 3)) glues face 0 of tetrahedron 0 to itself; ...
    """

    __slots__ = ("__dict__", "_dest", "_hash", "_perm", "_size")
    _size: int
    _dest: tuple[int, ...]  # 4 t + f -> 4 t2 + f2, or -1 at a boundary face
    _perm: tuple[int, ...]  # 4 t + f -> index in PERMS of the gluing (0 at a boundary face)
    _hash: int

    def __init__(self, size: int, gluings: Iterable[tuple[int, int, int, Sequence[int]]] = ()) -> None:
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise InvalidTriangulationError(f"size = {size!r} must be a non-negative int (the number of tetrahedra)")
        dest = [-1] * (4 * size)
        perm = [0] * (4 * size)
        try:
            items = list(gluings)
        except TypeError:
            raise InvalidTriangulationError(
                f"gluings = {gluings!r} must be an iterable of (tet, face, tet2, perm) tuples"
            ) from None
        for g in items:
            try:
                t, f, t2, p = g
            except (TypeError, ValueError):
                raise InvalidTriangulationError(f"gluing {g!r} must be a tuple (tet, face, tet2, perm)") from None
            _index(t, "tet", size, "tetrahedron")
            _index(f, "face", 4, "face")
            _index(t2, "tet2", size, "tetrahedron")
            p = _perm(p, "perm")
            f2 = p[f]
            if (t, f) == (t2, f2):
                raise InvalidTriangulationError(
                    f"gluing {(t, f, t2, p)} glues face {f} of tetrahedron {t} to itself; "
                    "a face must be glued to a different face (or left as boundary)"
                )
            pi, ii = PERM_INDEX[p], INVERSE[PERM_INDEX[p]]
            x, y = 4 * t + f, 4 * t2 + f2
            for a, b, q in ((x, y, pi), (y, x, ii)):
                if dest[a] >= 0 and (dest[a], perm[a]) != (b, q):
                    old = (a >> 2, a & 3, dest[a] >> 2, PERMS[perm[a]])
                    raise InvalidTriangulationError(
                        f"gluing {(t, f, t2, p)} conflicts with {old}: face {a & 3} of tetrahedron {a >> 2} "
                        "is glued twice; each face is glued at most once"
                    )
            dest[x], perm[x], dest[y], perm[y] = y, pi, x, ii
        object.__setattr__(self, "_size", size)
        object.__setattr__(self, "_dest", tuple(dest))
        object.__setattr__(self, "_perm", tuple(perm))
        object.__setattr__(self, "_hash", hash((size, self._dest, self._perm)))

    @classmethod
    def _from_table(cls, size: int, dest: Sequence[int], perm: Sequence[int]) -> Triangulation:
        """A triangulation from a consistent raw table (internal: no validation)."""
        obj = cls.__new__(cls)
        object.__setattr__(obj, "_size", size)
        object.__setattr__(obj, "_dest", tuple(dest))
        object.__setattr__(obj, "_perm", tuple(p if d >= 0 else 0 for d, p in zip(dest, perm)))
        object.__setattr__(obj, "_hash", hash((size, obj._dest, obj._perm)))
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Triangulation._from_table, (self._size, self._dest, self._perm))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Triangulation is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Triangulation is immutable: cannot delete {name!r}")

    # --- basic access ----------------------------------------------------------------
    @property
    def size(self) -> int:
        """The number of tetrahedra."""
        return self._size

    def __len__(self) -> int:
        return self._size

    def adjacent(self, tet: int, face: int) -> tuple[int, Perm] | None:
        """``(tet2, perm)`` when face ``face`` of ``tet`` is glued (to face ``perm[face]``
        of ``tet2``), ``None`` when it is a boundary face."""
        _index(tet, "tet", self._size, "tetrahedron")
        _index(face, "face", 4, "face")
        d = self._dest[4 * tet + face]
        return None if d < 0 else (d >> 2, PERMS[self._perm[4 * tet + face]])

    def gluings(self) -> tuple[tuple[int, int, int, Perm], ...]:
        """Each gluing once, from its lexicographically smaller side ``(tet, face)``."""
        out = []
        for x, d in enumerate(self._dest):
            if d > x:
                out.append((x >> 2, x & 3, d >> 2, PERMS[self._perm[x]]))
        return tuple(out)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Triangulation):
            return NotImplemented
        return self._size == other._size and self._dest == other._dest and self._perm == other._perm

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"Triangulation({self._size}, {list(self.gluings())})"

    def __str__(self) -> str:
        return f"Triangulation with {self._size} tetrahedra, isosig {self.isosig()}"

    # --- signatures --------------------------------------------------------------------
    @classmethod
    def from_isosig(cls, sig: str) -> Triangulation:
        """The triangulation of a Regina isomorphism signature (see :mod:`.isosig`)."""
        size, gluings = decode_isosig(sig)
        return cls(size, gluings)

    def isosig(self) -> str:
        """Regina's isomorphism signature (classic type, printable encoding): equal for
        two triangulations iff they are combinatorially isomorphic."""
        if "_isosig" not in self.__dict__:
            self.__dict__["_isosig"] = encode_isosig(self._size, self._dest, self._perm)
        return str(self.__dict__["_isosig"])

    def is_isomorphic(self, other: Triangulation) -> bool:
        """Whether ``other`` is this triangulation up to relabelling (compares signatures)."""
        if not isinstance(other, Triangulation):
            raise InvalidTriangulationError(f"other = {other!r} must be a Triangulation")
        return self._size == other._size and self.isosig() == other.isosig()

    def relabel(self, tets: Sequence[int], perms: Sequence[Sequence[int]]) -> Triangulation:
        """The same triangulation relabelled: tetrahedron ``t`` becomes ``tets[t]`` and its
        vertex ``i`` becomes vertex ``perms[t][i]``."""
        n = self._size
        if sorted(tets) != list(range(n)):
            raise InvalidTriangulationError(f"tets = {list(tets)} must be a permutation of 0..{n - 1}")
        if len(perms) != n:
            raise InvalidTriangulationError(f"perms has {len(perms)} entries; expected one per tetrahedron ({n})")
        sig = [PERM_INDEX[_perm(p, f"perms[{t}]")] for t, p in enumerate(perms)]
        dest, perm = [-1] * (4 * n), [0] * (4 * n)
        for x, d in enumerate(self._dest):
            if d < 0:
                continue
            t, f, t2 = x >> 2, x & 3, d >> 2
            g = COMPOSE[COMPOSE[sig[t2]][self._perm[x]]][INVERSE[sig[t]]]
            y = 4 * tets[t] + PERMS[sig[t]][f]
            dest[y], perm[y] = 4 * tets[t2] + PERMS[g][PERMS[sig[t]][f]], g
        return Triangulation._from_table(n, dest, perm)

    def random_relabel(self, seed: int | None = None) -> Triangulation:
        """A relabelling by a random permutation of the tetrahedra and of each one's
        vertices (reproducible for an integer ``seed``)."""
        rng = random.Random(seed)
        tets = list(range(self._size))
        rng.shuffle(tets)
        return self.relabel(tets, [PERMS[rng.randrange(24)] for _ in range(self._size)])

    # --- skeleton ----------------------------------------------------------------------
    @cached_property
    def _skel(self) -> _Skeleton:
        return _Skeleton(self._size, self._dest, self._perm)

    def count_vertices(self) -> int:
        return len(self._skel.vert_emb)

    def count_edges(self) -> int:
        return len(self._skel.edge_states)

    def count_triangles(self) -> int:
        return len(self._skel.tri_emb)

    def f_vector(self) -> tuple[int, int, int, int]:
        """``(vertices, edges, triangles, tetrahedra)``."""
        return (self.count_vertices(), self.count_edges(), self.count_triangles(), self._size)

    def euler_characteristic(self) -> int:
        """``V - E + F - T`` of the triangulation itself (Regina's ``eulerCharTri``): ideal
        vertices count as points.  ``0`` for a closed 3-manifold."""
        v, e, f, t = self.f_vector()
        return v - e + f - t

    def euler_characteristic_manifold(self) -> int:
        """The Euler characteristic of the manifold with every ideal vertex truncated
        (Regina's ``eulerCharManifold`` for valid triangulations)."""
        chi = self.euler_characteristic()
        for v in range(self.count_vertices()):
            link = self.vertex_link(v)
            if link.is_ideal:
                chi += link.euler_characteristic - 1
        return chi

    def tet_vertices(self, tet: int) -> tuple[int, int, int, int]:
        """Global indices of the vertices ``0..3`` of tetrahedron ``tet``."""
        return self._skel.tet_vert[_index(tet, "tet", self._size, "tetrahedron")]  # type: ignore[return-value]

    def tet_edges(self, tet: int) -> tuple[int, ...]:
        """Global indices of the six edges of ``tet``, in the order ``01, 02, 03, 12, 13, 23``."""
        return self._skel.tet_edge[_index(tet, "tet", self._size, "tetrahedron")]

    def tet_triangles(self, tet: int) -> tuple[int, int, int, int]:
        """Global index of face ``i`` (opposite vertex ``i``) of ``tet``, ``i = 0..3``."""
        return self._skel.tet_tri[_index(tet, "tet", self._size, "tetrahedron")]  # type: ignore[return-value]

    def tet_edge_orientations(self, tet: int) -> tuple[int, ...]:
        """``+1`` where local edge ``k`` of ``tet``, read from its lower to its higher vertex,
        runs along its global edge's direction (that of the edge's first embedding), ``-1``
        where it runs against it."""
        t = _index(tet, "tet", self._size, "tetrahedron")
        return tuple(self._skel.edge_sign[6 * t : 6 * t + 6])

    def triangle_embeddings(self, triangle: int) -> tuple[tuple[int, int], ...]:
        """The sides ``(tet, face)`` of a triangle: one for a boundary triangle, else two."""
        return self._skel.tri_emb[_index(triangle, "triangle", self.count_triangles(), "triangle")]

    def triangle_vertices(self, triangle: int) -> tuple[int, int, int]:
        """The triangle's vertices: those of face ``f`` of its first side ``(t, f)``, in
        increasing local order (the triangle's vertices ``0, 1, 2``)."""
        t, f = self.triangle_embeddings(triangle)[0]
        tv = self._skel.tet_vert[t]
        return tuple(tv[v] for v in _FACE_VERTICES[f])  # type: ignore[return-value]

    def triangle_edges(self, triangle: int) -> tuple[int, int, int]:
        """The triangle's edges; edge ``i`` is opposite the triangle's vertex ``i`` (see
        :meth:`triangle_vertices`)."""
        t, f = self.triangle_embeddings(triangle)[0]
        a, b, c = _FACE_VERTICES[f]
        te = self._skel.tet_edge[t]
        return (te[_EDGE_INDEX[b, c]], te[_EDGE_INDEX[a, c]], te[_EDGE_INDEX[a, b]])

    def edge_embeddings(self, edge: int) -> tuple[tuple[int, int], ...]:
        """The ``(tet, local edge)`` embeddings of an edge, in cyclic order around it (from
        boundary to boundary for a boundary edge); its length is the edge degree."""
        states = self._skel.edge_states[_index(edge, "edge", self.count_edges(), "edge")]
        return tuple((t, _EDGE_INDEX[o[0], o[1]]) for t, o in states)

    def edge_degree(self, edge: int) -> int:
        return len(self.edge_embeddings(edge))

    def edge_vertices(self, edge: int) -> tuple[int, int]:
        """The edge's start and end vertex, in the direction of its first embedding
        (local lower vertex to higher)."""
        t, k = self.edge_embeddings(edge)[0]
        a, b = EDGE_VERTICES[k]
        if self._skel.edge_sign[6 * t + k] < 0:
            a, b = b, a
        return self._skel.tet_vert[t][a], self._skel.tet_vert[t][b]

    def is_edge_valid(self, edge: int) -> bool:
        """False when the edge is identified with itself in reverse."""
        return self._skel.edge_valid[_index(edge, "edge", self.count_edges(), "edge")]

    def vertex_embeddings(self, vertex: int) -> tuple[tuple[int, int], ...]:
        """The corners ``(tet, local vertex)`` of a vertex, sorted; their number is its degree."""
        return self._skel.vert_emb[_index(vertex, "vertex", self.count_vertices(), "vertex")]

    # --- boundary (tqft.topology.skeleton) ----------------------------------------------
    boundary_triangles = _skeleton.boundary_triangles
    boundary_edges = _skeleton.boundary_edges
    boundary_vertices = _skeleton.boundary_vertices
    has_boundary = _skeleton.has_boundary
    boundary_components = _skeleton.boundary_components

    # --- vertex links and validity (tqft.topology.skeleton) ------------------------------
    vertex_link = _skeleton.vertex_link
    invalid_reason = _skeleton.invalid_reason
    is_valid = _skeleton.is_valid
    is_ideal = _skeleton.is_ideal
    is_closed = _skeleton.is_closed

    # --- orientation and connectivity ------------------------------------------------------
    def _tet_signs(self) -> list[int] | None:
        links = [(x >> 2, d >> 2, -SIGN[self._perm[x]]) for x, d in enumerate(self._dest) if d > x]
        return _two_colour(self._size, links)

    def is_orientable(self) -> bool:
        return self._tet_signs() is not None

    def is_oriented(self) -> bool:
        """Whether every gluing permutation is odd (all tetrahedra oriented consistently)."""
        return all(SIGN[p] < 0 for d, p in zip(self._dest, self._perm) if d >= 0)

    def orient(self) -> Triangulation:
        """An oriented copy: tetrahedra whose orientation must flip get vertices 2 and 3
        swapped; the first tetrahedron of each component keeps its labels.

        Raises
        ------
        InvalidTriangulationError
            If the triangulation is not orientable.
        """
        signs = self._tet_signs()
        if signs is None:
            raise InvalidTriangulationError("the triangulation is not orientable, so it cannot be oriented")
        ident = (0, 1, 2, 3)
        return self.relabel(range(self._size), [ident if s > 0 else (0, 1, 3, 2) for s in signs])  # type: ignore[arg-type]

    def components(self) -> tuple[tuple[int, ...], ...]:
        """The tetrahedra of each connected component, components ordered by first tetrahedron."""
        uf = _UnionFind(self._size)
        for x, d in enumerate(self._dest):
            if d >= 0:
                uf.union(x >> 2, d >> 2)
        groups: dict[int, list[int]] = {}
        for t in range(self._size):
            groups.setdefault(uf.find(t), []).append(t)
        return tuple(tuple(g) for g in groups.values())

    def is_connected(self) -> bool:
        """Whether there is at most one component (the empty triangulation is connected)."""
        return len(self.components()) <= 1

    def dual_graph(self) -> networkx.MultiGraph:
        """The dual graph: a node per tetrahedron, an edge per glued pair of faces (with
        attributes ``faces``, ``perm`` and ``triangle``); self-gluings are loops."""
        import networkx as nx

        g = nx.MultiGraph()
        g.add_nodes_from(range(self._size))
        for t, f, t2, p in self.gluings():
            g.add_edge(t, t2, faces=(f, p[f]), perm=p, triangle=self._skel.tet_tri[t][f])
        return g

    # --- homology (tqft.topology.homology) ------------------------------------------------
    homology = _homology.homology
    _homology_dual = _homology._homology_dual
    _homology_cellular = _homology._homology_cellular

    # --- Pachner moves (tqft.topology.pachner) --------------------------------------------
    pachner_2_3 = _pachner.pachner_2_3
    pachner_3_2 = _pachner.pachner_3_2
    pachner_1_4 = _pachner.pachner_1_4
    pachner_4_1 = _pachner.pachner_4_1
    legal_moves = _pachner.legal_moves
    apply_move = _pachner.apply_move
    random_moves = _pachner.random_moves
    _apply = _pachner._apply
    _check_3_2 = _pachner._check_3_2
    _plan_4_1 = _pachner._plan_4_1
    _random_walk = _pachner._random_walk

    # --- Regina ------------------------------------------------------------------------
    def to_regina(self) -> Any:
        """This triangulation as a ``regina.Triangulation3`` (same labels)."""
        regina = _regina()
        tri = regina.Triangulation3()
        tets = [tri.newTetrahedron() for _ in range(self._size)]
        for t, f, t2, p in self.gluings():
            tets[t].join(f, tets[t2], regina.Perm4(*p))
        return tri

    @classmethod
    def from_regina(cls, tri: Any) -> Triangulation:
        """A ``regina.Triangulation3`` as a :class:`Triangulation` (same labels)."""
        gluings = []
        for tet in tri.tetrahedra():
            for f in range(4):
                adj = tet.adjacentTetrahedron(f)
                if adj is not None:
                    g = tet.adjacentGluing(f)
                    gluings.append((tet.index(), f, adj.index(), tuple(g[i] for i in range(4))))
        return cls(tri.size(), gluings)


def _regina() -> Any:
    try:
        import regina
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the Regina converters need the 'regina' package (pip install regina, or tqft's test extra)"
        ) from None
    return regina


def from_isosig(sig: str) -> Triangulation:
    """The triangulation of a Regina isomorphism signature (:meth:`Triangulation.from_isosig`)."""
    return Triangulation.from_isosig(sig)
