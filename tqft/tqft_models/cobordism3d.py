"""Turaev-Viro on 3-manifolds with boundary: state vectors, linear maps and gluing.

A triangulated 3-manifold ``M`` with boundary (or any set ``R`` of tetrahedra of a
triangulation, a *region*) gives a vector in the space spanned by the admissible
colourings ``b`` of its boundary edges::

    Z(R)_b = D^(-2 V_int) sum_{colourings of interior edges}
             prod_{interior edges} Delta prod_{tetrahedra} Tet / prod_{interior triangles} theta

(the Kauffman-Lins form of :mod:`tqft.tqft_models.turaev_viro`; boundary edges, triangles
and vertices carry no weight).  The missing weights are the *measure* of the boundary
surface ``S``::

    mu_S(b) = D^(-2 V_S) prod_{edges of S} Delta_{b_e} / prod_{triangles of S} theta(b_f)

so that gluing is a pairing: if a closed triangulation is the union of two regions ``A``
and ``B`` meeting along ``S``, then ``TV(M) = sum_b Z(A)_b Z(B)_b mu_S(b)`` exactly
(:func:`glue_regions`, checked by the identity ``tv_gluing``).  With the boundary split
into incoming and outgoing components, ``Z`` is a matrix (:class:`Cobordism3D`) and gluing
along a common surface is matrix composition with ``mu_S`` on the diagonal.

The state vectors are exact (:class:`~tqft.exact.cyclotomic.Cyclotomic` in
``Q(zeta_N)``), computed like closed invariants: modulo primes over the same edge-elimination
sweep, with the boundary edges kept open.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import InvalidArgumentError, InvalidTriangulationError
from ..exact.cyclotomic import Cyclotomic, cyclotomic_field
from .state_sum import CellData
from .turaev_viro import TVSpec, _as_spec, exact_values

__all__ = [
    "Cobordism3D",
    "Region",
    "StateVector",
    "glue_regions",
    "state_vector",
    "surface_measure",
]


class _Tri(Protocol):
    @property
    def size(self) -> int: ...

    def tet_edges(self, t: int) -> tuple[int, ...]: ...

    def tet_triangles(self, t: int) -> tuple[int, ...]: ...

    def tet_vertices(self, t: int) -> tuple[int, ...]: ...

    def triangle_edges(self, f: int) -> tuple[int, ...]: ...


# vertices of the face opposite vertex i
_FACE_VERTICES = ((1, 2, 3), (0, 2, 3), (0, 1, 3), (0, 1, 2))


@dataclass(frozen=True)
class Region:
    """A set of tetrahedra of a triangulation and its cells.

    ``boundary_triangles``: triangles with exactly one side in the region (this includes
    the triangulation's own boundary); ``interior_triangles``: both sides in the region.
    Edges and vertices are *boundary* when they lie on a boundary triangle.
    """

    tets: tuple[int, ...]
    interior_triangles: tuple[int, ...]
    boundary_triangles: tuple[int, ...]
    interior_edges: tuple[int, ...]
    boundary_edges: tuple[int, ...]
    interior_vertices: tuple[int, ...]
    boundary_vertices: tuple[int, ...]
    triangle_edges: dict[int, tuple[int, int, int]]
    tet_edges: dict[int, tuple[int, ...]]

    @classmethod
    def of(cls, tri: _Tri, tets: Iterable[int] | None = None) -> Region:
        chosen = tuple(sorted(set(range(tri.size) if tets is None else (int(t) for t in tets))))
        for t in chosen:
            if not 0 <= t < tri.size:
                raise InvalidArgumentError(f"tetrahedron {t} does not exist: the triangulation has {tri.size}")
        if not chosen:
            raise InvalidArgumentError("a region needs at least one tetrahedron")
        sides: dict[int, int] = {}
        tri_vertices: dict[int, tuple[int, ...]] = {}
        edges: set[int] = set()
        vertices: set[int] = set()
        tet_edges: dict[int, tuple[int, ...]] = {}
        for t in chosen:
            tv = tri.tet_vertices(t)
            te = tuple(int(e) for e in tri.tet_edges(t))
            tet_edges[t] = te
            edges.update(te)
            vertices.update(tv)
            for i, f in enumerate(tri.tet_triangles(t)):
                sides[f] = sides.get(f, 0) + 1
                tri_vertices[f] = tuple(tv[v] for v in _FACE_VERTICES[i])
        interior_t = tuple(sorted(f for f, k in sides.items() if k == 2))
        boundary_t = tuple(sorted(f for f, k in sides.items() if k == 1))
        triangle_edges = {f: tuple(int(e) for e in tri.triangle_edges(f)) for f in sides}
        b_edges = {e for f in boundary_t for e in triangle_edges[f]}
        b_vertices = {v for f in boundary_t for v in tri_vertices[f]}
        return cls(
            tets=chosen,
            interior_triangles=interior_t,
            boundary_triangles=boundary_t,
            interior_edges=tuple(sorted(edges - b_edges)),
            boundary_edges=tuple(sorted(b_edges)),
            interior_vertices=tuple(sorted(vertices - b_vertices)),
            boundary_vertices=tuple(sorted(b_vertices)),
            triangle_edges=triangle_edges,  # type: ignore[arg-type]
            tet_edges=tet_edges,
        )

    def cells(self) -> CellData:
        triangles = sorted(self.triangle_edges)
        index = {f: i for i, f in enumerate(triangles)}
        interior = set(self.interior_triangles)
        return CellData(
            n_edges=len(set(self.interior_edges) | set(self.boundary_edges)),
            tets=tuple(self.tet_edges[t] for t in self.tets),  # type: ignore[misc]
            triangles=tuple(self.triangle_edges[f] for f in triangles),
            theta_faces=tuple(index[f] for f in triangles if f in interior),
            weighted_edges=frozenset(self.interior_edges),
            open_edges=self.boundary_edges,
            vertices=len(self.interior_vertices),
        )


@dataclass(frozen=True)
class StateVector:
    """``Z(R)``: exact values on the admissible colourings of the boundary edges.

    ``edges`` are global edge indices of the triangulation (the coordinates of a
    colouring, in this order); colourings not listed have value 0.
    """

    spec: TVSpec
    edges: tuple[int, ...]
    colourings: tuple[tuple[int, ...], ...]
    values: tuple[Cyclotomic, ...]

    def __getitem__(self, colouring: Sequence[int]) -> Cyclotomic:
        key = tuple(int(c) for c in colouring)
        if len(key) != len(self.edges):
            raise InvalidArgumentError(
                f"colouring = {colouring!r} has {len(key)} entries; the boundary has {len(self.edges)} edges"
            )
        return self.as_dict().get(key, cyclotomic_field(self.spec.order).zero)

    def as_dict(self) -> dict[tuple[int, ...], Cyclotomic]:
        return dict(zip(self.colourings, self.values, strict=True))

    def __len__(self) -> int:
        return len(self.colourings)


def state_vector(region: Region, r: int, *, integer_spins: bool = False, order: int | None = None) -> StateVector:
    """``Z(R)`` of a region (all boundary colourings, exactly)."""
    spec = _as_spec(r, integer_spins, order)
    keys, values = exact_values(region.cells(), spec)
    colourings = tuple(tuple(int(c) for c in row) for row in keys)
    return StateVector(spec, region.boundary_edges, colourings, tuple(values))


class _Local:
    """Exact ``Delta``, ``theta`` and ``D^2`` in ``Q(zeta_N)`` for one spec."""

    def __init__(self, spec: TVSpec) -> None:
        K = cyclotomic_field(spec.order)
        z = K.zeta
        zi = z ** (spec.order - 1)
        top = 2 * spec.r
        qint = [(z**n - zi**n) / (z - zi) for n in range(top + 1)]
        fact = [K.one]
        for n in range(1, top + 1):
            fact.append(fact[-1] * qint[n])
        self.K, self.qint, self.fact, self.spec = K, qint, fact, spec
        self.d2 = sum((self.delta(int(a)) ** 2 for a in spec.colours), K.zero)

    def delta(self, a: int) -> Cyclotomic:
        return self.qint[a + 1] if a % 2 == 0 else -self.qint[a + 1]

    def theta(self, a: int, b: int, c: int) -> Cyclotomic:
        s = (a + b + c) // 2
        f = self.fact
        value = f[s + 1] * f[s - a] * f[s - b] * f[s - c] / (f[a] * f[b] * f[c])
        return value if s % 2 == 0 else -value


def surface_measure(
    spec: TVSpec,
    edges: Sequence[int],
    triangles: Iterable[tuple[int, int, int]],
    vertices: int,
    colouring: Sequence[int],
) -> Cyclotomic:
    """``mu_S(b) = D^(-2 V_S) prod_e Delta_{b_e} / prod_f theta(b_f)`` for a triangulated
    surface ``S`` with ``vertices`` vertices, edges ``edges`` (global indices, the order of
    ``colouring``) and triangles given by their three global edge indices."""
    local = _local(spec)
    pos = {e: i for i, e in enumerate(edges)}
    value = local.K.one
    for e in edges:
        value = value * local.delta(int(colouring[pos[e]]))
    for x, y, z in triangles:
        value = value / local.theta(int(colouring[pos[x]]), int(colouring[pos[y]]), int(colouring[pos[z]]))
    return value / local.d2**vertices


_LOCAL_CACHE: dict[TVSpec, _Local] = {}


def _local(spec: TVSpec) -> _Local:
    if spec not in _LOCAL_CACHE:
        _LOCAL_CACHE[spec] = _Local(spec)
    return _LOCAL_CACHE[spec]


def glue_regions(
    tri: _Tri, part: Iterable[int], r: int, *, integer_spins: bool = False, order: int | None = None
) -> tuple[Cyclotomic, StateVector, StateVector]:
    """Cut a closed triangulation into the region ``part`` and its complement and glue the
    halves back: returns ``(sum_b Z(A)_b Z(B)_b mu_S(b), Z(A), Z(B))``, which equals
    ``TV_r(M)`` (the ``tv_gluing`` identity)."""
    spec = _as_spec(r, integer_spins, order)
    a_tets = set(int(t) for t in part)
    b_tets = set(range(tri.size)) - a_tets
    if not a_tets or not b_tets:
        raise InvalidArgumentError(f"part = {sorted(a_tets)!r} must be a proper non-empty set of tetrahedra")
    A, B = Region.of(tri, a_tets), Region.of(tri, b_tets)
    if set(A.boundary_triangles) != set(B.boundary_triangles):
        raise InvalidTriangulationError("the triangulation has boundary: both halves must meet along the same surface")
    vA = state_vector(A, spec.r, integer_spins=spec.integer_spins, order=spec.order)
    vB = state_vector(B, spec.r, integer_spins=spec.integer_spins, order=spec.order)
    surface_edges = A.boundary_edges
    triangles = [A.triangle_edges[f] for f in A.boundary_triangles]
    n_vertices = len(A.boundary_vertices)
    b_dict = vB.as_dict()
    total = cyclotomic_field(spec.order).zero
    for colouring, value in zip(vA.colourings, vA.values, strict=True):
        other = b_dict.get(colouring)
        if other is None:
            continue
        total = total + value * other * surface_measure(spec, surface_edges, triangles, n_vertices, colouring)
    return total, vA, vB


class Cobordism3D:
    """A triangulated 3-manifold with boundary as a linear map between boundary state spaces.

    ``incoming`` and ``outgoing`` partition the boundary triangles (``incoming`` is given;
    the rest is outgoing).  :meth:`matrix` has one row per admissible colouring of the
    outgoing boundary edges and one column per colouring of the incoming ones; an edge
    lying on both parts would make the split ill-defined and is refused.
    """

    def __init__(self, tri: _Tri, incoming: Iterable[int], r: int, *, integer_spins: bool = False) -> None:
        self.region = Region.of(tri)
        self.spec = _as_spec(r, integer_spins)
        inc = set(int(f) for f in incoming)
        bad = inc - set(self.region.boundary_triangles)
        if bad:
            raise InvalidArgumentError(f"incoming = {sorted(bad)!r}: not boundary triangles of the triangulation")
        self.incoming = tuple(sorted(inc))
        self.outgoing = tuple(f for f in self.region.boundary_triangles if f not in inc)
        te = self.region.triangle_edges
        self.in_edges = tuple(sorted({e for f in self.incoming for e in te[f]}))
        self.out_edges = tuple(sorted({e for f in self.outgoing for e in te[f]}))
        shared = set(self.in_edges) & set(self.out_edges)
        if shared:
            raise InvalidArgumentError(
                f"edges {sorted(shared)!r} lie on both the incoming and outgoing boundary; "
                "choose incoming as a union of boundary components"
            )
        self.vector = state_vector(self.region, r, integer_spins=integer_spins)

    def matrix(self) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]], list[list[Any]]]:
        """``(row colourings, column colourings, entries)`` of ``Z`` (out x in), exactly."""
        pos = {e: i for i, e in enumerate(self.vector.edges)}
        rows: dict[tuple[int, ...], int] = {}
        cols: dict[tuple[int, ...], int] = {}
        entries: dict[tuple[int, int], Cyclotomic] = {}
        for colouring, value in zip(self.vector.colourings, self.vector.values, strict=True):
            out_key = tuple(colouring[pos[e]] for e in self.out_edges)
            in_key = tuple(colouring[pos[e]] for e in self.in_edges)
            i = rows.setdefault(out_key, len(rows))
            j = cols.setdefault(in_key, len(cols))
            entries[i, j] = value
        zero = cyclotomic_field(self.spec.order).zero
        table = [[entries.get((i, j), zero) for j in range(len(cols))] for i in range(len(rows))]
        return list(rows), list(cols), table
