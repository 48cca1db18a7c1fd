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

import operator
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from math import gcd
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import InvalidArgumentError, InvalidTriangulationError
from .isosig import COMPOSE, INVERSE, PERM_INDEX, PERMS, SIGN, Perm, decode_isosig, encode_isosig

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

#: the vertex pair of each local edge ``0..5`` (Regina's edge numbering)
EDGE_VERTICES: tuple[tuple[int, int], ...] = ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3))
_EDGE_INDEX = {**{p: i for i, p in enumerate(EDGE_VERTICES)}, **{(b, a): i for i, (a, b) in enumerate(EDGE_VERTICES)}}
_EDGE_OTHER = tuple(tuple(v for v in range(4) if v not in p) for p in EDGE_VERTICES)
_FACE_VERTICES = tuple(tuple(v for v in range(4) if v != f) for f in range(4))
_SWAP23 = PERM_INDEX[0, 1, 3, 2]


# ---------------------------------------------------------------------------------------
# Small value classes
# ---------------------------------------------------------------------------------------
def _as_int(x: Any) -> int:
    """``x`` as an int (an ``int``, sympy or numpy integer; not a bool), else ``TypeError``."""
    if isinstance(x, bool):
        raise TypeError
    return operator.index(x)


def _normalise_torsion(values: Iterable[int]) -> tuple[int, ...]:
    """Invariant factors ``d1 | d2 | ...`` (all > 1) of ``sum Z/v``."""
    values = list(values)
    if any(v < 1 for v in values):
        raise InvalidArgumentError(
            f"torsion = {tuple(values)} must contain positive orders (a free summand Z goes in the rank)"
        )
    ds = [v for v in values if v != 1]
    ds.sort()
    changed = True
    while changed:  # replace (a, b) by (gcd, lcm) until each divides the next
        changed = False
        for i in range(len(ds)):
            for j in range(i + 1, len(ds)):
                a, b = ds[i], ds[j]
                if b % a:
                    g = gcd(a, b)
                    ds[i], ds[j] = g, a // g * b
                    changed = True
        ds = sorted(d for d in ds if d != 1)
    return tuple(ds)


@dataclass(frozen=True)
class AbelianGroup:
    """A finitely generated abelian group ``Z^rank + Z_d1 + ... + Z_dk``.

    ``torsion`` is normalised to invariant factors ``d1 | d2 | ... | dk`` (all ``> 1``), so
    two groups are equal iff they are isomorphic.  ``str`` is Regina's format.

    >>> print(AbelianGroup(2, (4, 2)))
    2 Z + Z_2 + Z_4
    >>> print(AbelianGroup(0, (2, 3)))
    Z_6
    >>> AbelianGroup(1, (6,)) == AbelianGroup(1, (2, 3))
    True
    """

    rank: int
    torsion: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        try:
            rank = _as_int(self.rank)
            torsion = [_as_int(d) for d in self.torsion]
        except TypeError:
            raise InvalidArgumentError(
                f"AbelianGroup({self.rank!r}, {self.torsion!r}): the rank and the torsion orders must be ints"
            ) from None
        if rank < 0:
            raise InvalidArgumentError(f"rank = {rank} must be non-negative")
        object.__setattr__(self, "rank", rank)
        object.__setattr__(self, "torsion", _normalise_torsion(torsion))

    def is_trivial(self) -> bool:
        return self.rank == 0 and not self.torsion

    @property
    def order(self) -> int | None:
        """The order of a finite group (``None`` when the rank is positive)."""
        if self.rank:
            return None
        n = 1
        for d in self.torsion:
            n *= d
        return n

    def _parts(self, z: str, zn: str) -> list[str]:
        parts = []
        if self.rank:
            parts.append(z if self.rank == 1 else f"{self.rank} {z}")
        i = 0
        while i < len(self.torsion):
            d = self.torsion[i]
            m = self.torsion.count(d)
            parts.append(zn.format(d) if m == 1 else f"{m} " + zn.format(d))
            i += m
        return parts

    def __str__(self) -> str:
        return " + ".join(self._parts("Z", "Z_{}")) or "0"

    def _repr_latex_(self) -> str:
        body = r" \oplus ".join(self._parts(r"\mathbb{Z}", r"\mathbb{{Z}}_{{{}}}")) or "0"
        return f"${body}$"


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


class Move(NamedTuple):
    """A Pachner move: ``kind`` is ``"2-3"`` (on a triangle), ``"3-2"`` (an edge),
    ``"1-4"`` (a tetrahedron) or ``"4-1"`` (a vertex); ``face`` is its global index."""

    kind: str
    face: int


# ---------------------------------------------------------------------------------------
# Integer linear algebra
# ---------------------------------------------------------------------------------------
def _abelian_quotient(gens: int, rows: list[dict[int, int]]) -> AbelianGroup:
    """``Z^gens`` modulo the span of ``rows`` (sparse), by exact integer elimination to a
    diagonal form (a Smith normal form up to the divisibility normalisation)."""
    a = [dict(r) for r in rows]
    a = [{c: v for c, v in r.items() if v} for r in a]
    a = [r for r in a if r]
    diagonal: list[int] = []
    while a:
        # pivot: the entry of smallest absolute value
        i, j = min(((i, j) for i, r in enumerate(a) for j in r), key=lambda ij: abs(a[ij[0]][ij[1]]))
        while True:
            piv = a[i][j]
            done = True
            for r_i, r in enumerate(a):  # clear column j below/above the pivot
                if r_i == i or j not in r:
                    continue
                q = r[j] // piv
                for c, v in a[i].items():
                    nv = r.get(c, 0) - q * v
                    if nv:
                        r[c] = nv
                    else:
                        r.pop(c, None)
                if j in r:
                    done = False
            row = a[i]
            for c in list(row):  # clear row i (column operations)
                if c == j:
                    continue
                q = row[c] // piv
                if q:
                    for r in a:
                        if j in r:
                            nv = r.get(c, 0) - q * r[j]
                            if nv:
                                r[c] = nv
                            else:
                                r.pop(c, None)
                if c in row:
                    done = False
            if done:
                break
            # a smaller remainder exists in row i or column j: move the pivot there
            cands = [(i, c) for c in a[i] if c != j] + [(r_i, j) for r_i, r in enumerate(a) if r_i != i and j in r]
            i, j = min(cands, key=lambda ij: abs(a[ij[0]][ij[1]]))
        diagonal.append(abs(a[i][j]))
        del a[i]
        for r in a:
            r.pop(j, None)
        a = [r for r in a if r]
    return AbelianGroup(gens - len(diagonal), tuple(d for d in diagonal if d != 1))


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
# The triangulation
# ---------------------------------------------------------------------------------------
def _index(value: Any, name: str, bound: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidTriangulationError(f"{name} = {value!r} must be an int ({what} 0..{bound - 1})")
    if not 0 <= value < bound:
        allowed = f"{what} 0..{bound - 1}" if bound else f"there are no {what}s"
        raise InvalidTriangulationError(f"{name} = {value} is out of range ({allowed})")
    return value


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

    # --- boundary -----------------------------------------------------------------------
    def boundary_triangles(self) -> tuple[int, ...]:
        """Triangles with one side only (the real boundary)."""
        return tuple(i for i, e in enumerate(self._skel.tri_emb) if len(e) == 1)

    def boundary_edges(self) -> tuple[int, ...]:
        """Edges lying in some boundary triangle."""
        return tuple(i for i, b in enumerate(self._skel.edge_boundary) if b)

    def boundary_vertices(self) -> tuple[int, ...]:
        """Vertices lying in some boundary triangle (ideal vertices are not included)."""
        out = {v for f in self.boundary_triangles() for v in self.triangle_vertices(f)}
        return tuple(sorted(out))

    def has_boundary(self) -> bool:
        """Whether there are boundary triangles (real boundary; cusps do not count)."""
        return any(len(e) == 1 for e in self._skel.tri_emb)

    def boundary_components(self) -> tuple[BoundaryComponent, ...]:
        """The components of the real boundary, joined along boundary edges, in order of
        their first triangle; each with its edges, vertices, Euler characteristic and
        orientability."""
        sk = self._skel
        bt = self.boundary_triangles()
        pos = {f: i for i, f in enumerate(bt)}
        uf = _UnionFind(len(bt))
        links = []  # orientation of the boundary surface: triangles at the two ends of an edge
        for e in self.boundary_edges():
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
            edges = sorted({e for f in tris for e in self.triangle_edges(f)})
            verts = sorted({v for f in tris for v in self.triangle_vertices(f)})
            root = uf.find(members[0])
            orientable = _two_colour(len(bt), [lk for lk in links if uf.find(lk[0]) == root]) is not None
            chi = len(verts) - len(edges) + len(tris)
            out.append(BoundaryComponent(tris, tuple(edges), tuple(verts), chi, orientable))
        return tuple(out)

    # --- vertex links and validity -------------------------------------------------------
    def vertex_link(self, vertex: int) -> VertexLink:
        """The link of a vertex as a triangulated surface (one triangle per corner)."""
        sk = self._skel
        corners = self.vertex_embeddings(vertex)
        index = {c: i for i, c in enumerate(corners)}
        boundary_sides = 0
        links = []
        ends: set[tuple[int, int]] = set()
        for (t, x), i in index.items():
            for f in range(4):
                if f == x:
                    continue
                d = self._dest[4 * t + f]
                if d < 0:
                    boundary_sides += 1
                else:
                    j = index[d >> 2, PERMS[self._perm[4 * t + f]][x]]
                    if (t, x) <= corners[j]:
                        links.append((i, j, -SIGN[self._perm[4 * t + f]]))
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

    def invalid_reason(self) -> str | None:
        """Why the triangulation is invalid (the first offending edge or vertex), or ``None``."""
        for e, ok in enumerate(self._skel.edge_valid):
            if not ok:
                return f"edge {e} is identified with itself in reverse"
        for v in range(self.count_vertices()):
            link = self.vertex_link(v)
            if not link.is_valid:
                return f"the link of vertex {v} is a surface with boundary other than a disc ({link.name})"
        return None

    def is_valid(self) -> bool:
        """Regina's validity: no edge identified with itself in reverse, and every vertex
        link a sphere, a disc or a closed surface (ideal vertex)."""
        return self.invalid_reason() is None

    def is_ideal(self) -> bool:
        """Whether some vertex link is a closed surface other than the sphere (a cusp)."""
        return any(self.vertex_link(v).is_ideal for v in range(self.count_vertices()))

    def is_closed(self) -> bool:
        """Valid, no boundary triangles, and every vertex link a sphere.  (Regina's
        ``isClosed()`` differs on invalid triangulations: it ignores edges identified with
        themselves in reverse.)"""
        return (
            self.is_valid()
            and not self.has_boundary()
            and all(self.vertex_link(v).is_sphere for v in range(self.count_vertices()))
        )

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

    # --- homology --------------------------------------------------------------------------
    def homology(self, method: str = "cellular") -> AbelianGroup:
        """``H_1(M; Z)`` of the manifold, ideal vertices truncated (Regina's ``homology()``).

        Parameters
        ----------
        method
            ``"cellular"`` (default): edges modulo triangle boundaries in the cell complex
            of the triangulation with every ideal vertex truncated (its link's vertices,
            edges and triangles added as cells).  ``"dual"``: the dual 2-skeleton --
            interior triangles modulo the cycles around interior edges, as Regina does.
            Both reduce a relation matrix to diagonal form over the integers, exactly.

        Raises
        ------
        InvalidTriangulationError
            If the triangulation is not valid (:meth:`invalid_reason` says why), or for an
            unknown ``method``.
        """
        if method not in ("cellular", "dual"):
            raise InvalidTriangulationError(f"method = {method!r} is not 'cellular' or 'dual'")
        reason = self.invalid_reason()
        if reason is not None:
            raise InvalidTriangulationError(f"homology needs a valid triangulation, but {reason}")
        return self._homology_dual() if method == "dual" else self._homology_cellular()

    def _homology_dual(self) -> AbelianGroup:
        sk = self._skel
        uf = _UnionFind(self._size)
        coord: dict[int, int] = {}
        for f, emb in enumerate(sk.tri_emb):
            if len(emb) == 2 and not uf.union(emb[0][0], emb[1][0]):
                coord[f] = len(coord)
        rows = []
        for e, states in enumerate(sk.edge_states):
            if sk.edge_boundary[e]:
                continue
            row: dict[int, int] = {}
            for t, o in states:
                f = sk.tet_tri[t][o[3]]
                if f in coord:
                    s = 1 if sk.tri_emb[f][0] == (t, o[3]) else -1
                    row[coord[f]] = row.get(coord[f], 0) + s
            rows.append(row)
        return _abelian_quotient(len(coord), rows)

    def _homology_cellular(self) -> AbelianGroup:
        sk = self._skel
        nv, ne = self.count_vertices(), self.count_edges()
        ideal = [self.vertex_link(v).is_ideal for v in range(nv)]

        def end_of(t: int, x: int, y: int) -> int:  # 0-cell at the end near x of edge xy of t
            k = _EDGE_INDEX[x, y]
            e = sk.tet_edge[t][k]
            if not ideal[sk.tet_vert[t][x]]:
                return sk.tet_vert[t][x]
            return nv + 2 * e + int((x < y) != (sk.edge_sign[6 * t + k] > 0))

        # 1-cells: edges, then link edges (triangle, corner) at ideal corners
        cells: list[tuple[int, int]] = []
        for states in sk.edge_states:
            t, o = states[0]
            cells.append((end_of(t, o[0], o[1]), end_of(t, o[1], o[0])))
        link_edge: dict[tuple[int, int], int] = {}
        for f, emb in enumerate(sk.tri_emb):
            t, i = emb[0]
            u = _FACE_VERTICES[i]
            for c in range(3):
                if ideal[sk.tet_vert[t][u[c]]]:
                    a, b = (u[j] for j in range(3) if j != c)
                    link_edge[f, c] = len(cells)
                    cells.append((end_of(t, u[c], a), end_of(t, u[c], b)))
        uf = _UnionFind(nv + 2 * ne)
        coord: dict[int, int] = {}
        for i, (a, b) in enumerate(cells):
            if not uf.union(a, b):
                coord[i] = len(coord)
        rows: list[dict[int, int]] = []

        def add(row: dict[int, int], cell: int, s: int) -> None:
            if cell in coord:
                row[coord[cell]] = row.get(coord[cell], 0) + s

        def corner_edge(t: int, x: int, y: int, z: int) -> tuple[int, int]:
            """The link edge at corner x of the face of t through x, y, z, and +1 if it
            runs from the end of xy to the end of xz, else -1."""
            g = 6 - x - y - z
            f = sk.tet_tri[t][g]
            t0, i0 = sk.tri_emb[f][0]
            if (t0, i0) == (t, g):
                back = (0, 1, 2, 3)
            else:
                back = PERMS[INVERSE[self._perm[4 * t0 + i0]]]  # t's labels -> first side's
            u = _FACE_VERTICES[i0]
            c = u.index(back[x])
            a, _ = (u[j] for j in range(3) if j != c)
            return link_edge[f, c], (1 if back[y] == a else -1)

        for emb in sk.tri_emb:  # truncated triangles
            t, i = emb[0]
            u = _FACE_VERTICES[i]
            row: dict[int, int] = {}
            for j in range(3):
                x, y = u[j], u[(j + 1) % 3]
                k = _EDGE_INDEX[x, y]
                add(row, sk.tet_edge[t][k], sk.edge_sign[6 * t + k] * (1 if x < y else -1))
                if ideal[sk.tet_vert[t][y]]:
                    cell, s = corner_edge(t, y, x, u[(j + 2) % 3])
                    add(row, cell, s)
            rows.append(row)
        for v in range(nv):  # link triangles at ideal vertices
            if not ideal[v]:
                continue
            for t, x in sk.vert_emb[v]:
                ys = [w for w in range(4) if w != x]
                row = {}
                for j in range(3):
                    cell, s = corner_edge(t, x, ys[j], ys[(j + 1) % 3])
                    add(row, cell, s)
                rows.append(row)
        return _abelian_quotient(len(coord), rows)

    # --- Pachner moves ---------------------------------------------------------------------
    def _apply(self, old: list[tuple[int, tuple[int, ...]]], new: list[tuple[int, ...]]) -> Triangulation:
        """Replace the tetrahedra ``old`` (each with the abstract label of its vertices) by
        tetrahedra with vertex labels ``new``; faces are matched by their label sets."""
        n = self._size
        removed = {t for t, _ in old}
        keep = [t for t in range(n) if t not in removed]
        index = {t: i for i, t in enumerate(keep)}
        size = len(keep) + len(new)
        dest, perm = [-1] * (4 * size), [0] * (4 * size)

        def glue(x: int, y: int, g: int) -> None:
            dest[x], perm[x], dest[y], perm[y] = y, g, x, INVERSE[g]

        for x, d in enumerate(self._dest):
            if d >= 0 and (x >> 2) not in removed and (d >> 2) not in removed:
                dest[4 * index[x >> 2] + (x & 3)] = 4 * index[d >> 2] + (d & 3)
                perm[4 * index[x >> 2] + (x & 3)] = self._perm[x]
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
            d = self._dest[4 * t + g]
            if d < 0:
                continue
            q = self._perm[4 * t + g]
            if (d >> 2, d & 3) in outer:
                Y, h2, mu2 = outer[d >> 2, d & 3]
                glue(4 * X + h, 4 * Y + h2, COMPOSE[COMPOSE[INVERSE[mu2]][q]][mu])
            else:
                glue(4 * X + h, 4 * index[d >> 2] + (d & 3), COMPOSE[q][mu])
        if self.is_oriented():  # label the new tetrahedra to keep the orientation
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

    def _illegal(self, move: str, what: str, reason: str) -> InvalidTriangulationError:
        return InvalidTriangulationError(f"the {move} move on {what} is illegal: {reason}")

    def pachner_2_3(self, triangle: int) -> Triangulation:
        """Replace the two tetrahedra on an interior triangle by three around a new edge.

        The removed tetrahedra are dropped (the others keep their order) and the new ones
        appended; if the triangulation is oriented, so is the result.

        Raises
        ------
        InvalidTriangulationError
            If the triangle is on the boundary or both its sides lie in one tetrahedron.
        """
        f = _index(triangle, "triangle", self.count_triangles(), "triangle")
        emb = self._skel.tri_emb[f]
        if len(emb) == 1:
            raise self._illegal("2-3", f"triangle {f}", "it is a boundary triangle (it needs two tetrahedra)")
        (t0, f0), (t1, _) = emb
        if t0 == t1:
            raise self._illegal("2-3", f"triangle {f}", f"both sides lie in tetrahedron {t0} (it needs two distinct)")
        p = PERMS[self._perm[4 * t0 + f0]]
        a, b, c = _FACE_VERTICES[f0]
        lab0 = [0] * 4
        lab1 = [0] * 4
        for label, v in enumerate((a, b, c)):
            lab0[v] = label
            lab1[p[v]] = label
        lab0[f0], lab1[p[f0]] = 3, 4
        return self._apply([(t0, tuple(lab0)), (t1, tuple(lab1))], [(3, 4, 1, 2), (3, 4, 0, 2), (3, 4, 0, 1)])

    def _check_3_2(self, e: int) -> str | None:
        sk = self._skel
        if sk.edge_boundary[e]:
            return "it is a boundary edge"
        if not sk.edge_valid[e]:
            return "it is identified with itself in reverse"
        if len(sk.edge_states[e]) != 3:
            return f"it has degree {len(sk.edge_states[e])}, not 3"
        if len({t for t, _ in sk.edge_states[e]}) != 3:
            return "its three embeddings are not in three distinct tetrahedra"
        return None

    def pachner_3_2(self, edge: int) -> Triangulation:
        """Replace the three tetrahedra around a degree-3 edge by two sharing a triangle.

        Raises
        ------
        InvalidTriangulationError
            Unless the edge is interior, valid, of degree 3, in three distinct tetrahedra.
        """
        e = _index(edge, "edge", self.count_edges(), "edge")
        reason = self._check_3_2(e)
        if reason:
            raise self._illegal("3-2", f"edge {e}", reason)
        old = []
        for i, (t, o) in enumerate(self._skel.edge_states[e]):
            lab = [0] * 4
            lab[o[0]], lab[o[1]], lab[o[2]], lab[o[3]] = 3, 4, i, (i - 1) % 3
            old.append((t, tuple(lab)))
        return self._apply(old, [(0, 1, 2, 3), (0, 1, 2, 4)])

    def pachner_1_4(self, tet: int) -> Triangulation:
        """Cone a tetrahedron from a new interior vertex into four; new tetrahedron ``i``
        replaces vertex ``i`` by the new vertex (so face ``i`` of the old one is its face ``i``)."""
        t = _index(tet, "tet", self._size, "tetrahedron")
        return self._apply([(t, (0, 1, 2, 3))], [tuple(4 if j == i else j for j in range(4)) for i in range(4)])

    def _plan_4_1(self, v: int) -> list[tuple[int, tuple[int, ...]]] | str:
        corners = self._skel.vert_emb[v]
        link = self.vertex_link(v)
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
            d = self._dest[4 * t0 + y]
            q = PERMS[self._perm[4 * t0 + y]]
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
                d = self._dest[4 * ti + g]
                if d < 0 or d >> 2 != tj:
                    return "the four tetrahedra around it are not glued as the cone on a tetrahedron"
                q = PERMS[self._perm[4 * ti + g]]
                if any(lj[q[w]] != li[w] for w in range(4) if w != g):
                    return "the four tetrahedra around it are not glued as the cone on a tetrahedron"
        return plan

    def pachner_4_1(self, vertex: int) -> Triangulation:
        """Replace the four tetrahedra around a degree-4 vertex by one.

        Raises
        ------
        InvalidTriangulationError
            Unless the vertex link is a sphere (no boundary, ideal or invalid vertex), the
            vertex has degree 4 in four distinct tetrahedra glued as the cone on a
            tetrahedron's boundary.
        """
        v = _index(vertex, "vertex", self.count_vertices(), "vertex")
        plan = self._plan_4_1(v)
        if isinstance(plan, str):
            raise self._illegal("4-1", f"vertex {v}", plan)
        return self._apply(plan, [(0, 1, 2, 3)])

    def legal_moves(self) -> tuple[Move, ...]:
        """Every legal Pachner move, ordered 2-3, 3-2, 1-4, 4-1 and by face index."""
        sk = self._skel
        moves = [Move("2-3", f) for f, emb in enumerate(sk.tri_emb) if len(emb) == 2 and emb[0][0] != emb[1][0]]
        moves += [Move("3-2", e) for e in range(len(sk.edge_states)) if self._check_3_2(e) is None]
        moves += [Move("1-4", t) for t in range(self._size)]
        moves += [
            Move("4-1", v)
            for v in range(len(sk.vert_emb))
            if len(sk.vert_emb[v]) == 4 and not isinstance(self._plan_4_1(v), str)
        ]
        return tuple(moves)

    def apply_move(self, move: Move | tuple[str, int]) -> Triangulation:
        """Perform ``Move(kind, face)``."""
        kind, face = move
        methods = {"2-3": self.pachner_2_3, "3-2": self.pachner_3_2, "1-4": self.pachner_1_4, "4-1": self.pachner_4_1}
        if kind not in methods:
            raise InvalidTriangulationError(f"move kind = {kind!r} is not one of {sorted(methods)}")
        return methods[kind](face)

    def random_moves(self, count: int, seed: int | None = 0) -> Triangulation:
        """The result of ``count`` random legal Pachner moves (reproducible for a seed).

        Each step picks a kind of move with weights ``2-3: 1``, ``3-2: 1 + x/2``,
        ``1-4: 0.2`` (``0.02`` once ``x >= 4``), ``4-1: 1 + x/2``, where ``x`` is the number
        of tetrahedra gained so far, among the kinds with a legal move, then a face of that
        kind uniformly; so the size drifts back instead of growing without bound.
        """
        return self._random_walk(count, seed)[-1]

    def _random_walk(self, count: int, seed: int | None = 0) -> list[Triangulation]:
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise InvalidTriangulationError(f"count = {count!r} must be a non-negative int")
        rng = random.Random(seed)
        walk = [self]
        tri = self
        for _ in range(count):
            by_kind: dict[str, list[int]] = {}
            for m in tri.legal_moves():
                by_kind.setdefault(m.kind, []).append(m.face)
            if not by_kind:
                break
            x = max(0, tri.size - self.size)
            weight = {"2-3": 1.0, "3-2": 1 + x / 2, "1-4": 0.2 if x < 4 else 0.02, "4-1": 1 + x / 2}
            kinds = sorted(by_kind)
            kind = rng.choices(kinds, [weight[k] for k in kinds])[0]
            tri = tri.apply_move(Move(kind, rng.choice(by_kind[kind])))
            walk.append(tri)
        return walk

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
