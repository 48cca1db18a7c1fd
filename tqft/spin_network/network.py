"""Spin networks: coloured ribbon graphs with intertwiners at the vertices.

A :class:`SpinNetwork` is a multigraph (a :class:`networkx.MultiGraph` underneath, so
multiple edges and self-loops are allowed) with

* a **colour** ``a = 2j`` on every edge (a non-negative integer: the number of strands of
  the Jones-Wenzl projector in Kauffman-Lins language, twice the spin in SU(2) language);
* a **ribbon structure**: at every vertex the incident edge-ends in counter-clockwise
  cyclic order (a rotation system; a self-loop appears twice);
* an **intertwiner** at every vertex: trivalent vertices carry the unique (Kauffman-Lins)
  intertwiner of their three colours; bivalent vertices join two edges of equal colour;
  a vertex of valence ``n >= 4`` carries a vector in the *comb* basis of its intertwiner
  space (:class:`Intertwiner`), i.e. a named trivalent splitting with internal colours;
* **boundary points**: univalent nodes in a fixed order, one per open edge.  A network
  with boundary points is a vector in the boundary state space
  (:mod:`tqft.spin_network.boundary`).

Conventions
-----------
Trivalent vertices are Kauffman-Lins vertices (three Jones-Wenzl projectors joined
without crossings; Kauffman and Lins, *Temperley-Lieb Recoupling Theory*, 1994, ch. 4),
so a loop of colour ``n`` is ``Delta_n = (-1)^n [n+1]``, the theta net is
``theta(a, b, c)`` and the tetrahedral net is ``Tet`` of
:mod:`tqft.recoupling.kauffman_lins`.  The comb splitting of an ``n``-valent vertex with
edge-ends ``e_1, ..., e_n`` in rotation order and internal colours ``(x_2, ..., x_{n-2})``
is the planar tree ``(((e_1 e_2)_{x_2} e_3)_{x_3} ... e_{n-1})_{x_{n-2}}`` closed with
``e_n``: the first trivalent vertex joins ``e_1, e_2, x_2``, the last ``x_{n-2}, e_{n-1}, e_n``.

Examples
--------
>>> from tqft.spin_network import SpinNetwork
>>> theta = SpinNetwork.theta(1, 1, 2)
>>> theta.evaluate()                 # Kauffman-Lins, q = 1
Fraction(3, 1)
>>> SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2).evaluate(normalisation="unitary")
SqrtRational('1/6')
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..errors import AdmissibilityError, InvalidArgumentError, TQFTError

if TYPE_CHECKING:
    from ..exact.context import QContext

__all__ = [
    "Crossing",
    "Dart",
    "Intertwiner",
    "NetworkStructureError",
    "NonPlanarError",
    "SpinNetwork",
    "ribbon_faces",
]

#: a half-edge: (edge name, end) with end 0 at the edge's first vertex and 1 at its second
Dart = tuple[Hashable, int]


def _next_dart(rotation: Mapping[Hashable, Sequence[Dart]]) -> dict[Dart, Dart]:
    nxt: dict[Dart, Dart] = {}
    for rot in rotation.values():
        for i, d in enumerate(rot):
            nxt[d] = rot[(i + 1) % len(rot)]
    return nxt


def ribbon_faces(rotation: Mapping[Hashable, Sequence[Dart]]) -> list[list[Dart]]:
    """Faces of a rotation system ``{vertex: darts in counter-clockwise order}`` (a dart is
    ``(edge, end)``), as cycles of darts: the orbits of ``d -> sigma(alpha(d))``, ``alpha``
    the other end of the edge and ``sigma`` the next end counter-clockwise."""
    nxt = _next_dart(rotation)
    seen: set[Dart] = set()
    out = []
    for rot in rotation.values():
        for d in rot:
            if d in seen:
                continue
            face = []
            x = d
            while x not in seen:
                seen.add(x)
                face.append(x)
                x = nxt[(x[0], 1 - x[1])]
            out.append(face)
    return out


class NetworkStructureError(InvalidArgumentError):
    """A spin network is malformed: a rotation that does not list the incident edges, a
    bivalent vertex with unequal colours, a boundary point of valence other than one, ..."""


class NonPlanarError(TQFTError, ValueError):
    """A network's ribbon structure has positive genus where a planar one is required."""


def _check_colour(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidArgumentError(
            f"{where} = {value!r} is not a colour: expected a non-negative integer (twice the spin)"
        )
    return int(value)


@dataclass(frozen=True)
class Intertwiner:
    """A vector in the comb basis of the intertwiner space at a vertex of valence ``n >= 4``.

    ``terms`` maps tuples of internal colours ``(x_2, ..., x_{n-2})`` of the comb splitting
    (see the module docstring) to coefficients (Python ints or Fractions, or ring elements
    of the context the network is evaluated in).  ``Intertwiner.comb(x2, ...)`` is one basis
    vector.

    >>> Intertwiner.comb(2).terms
    {(2,): 1}
    """

    terms: Mapping[tuple[int, ...], Any]

    @classmethod
    def comb(cls, *internal: int) -> Intertwiner:
        """The comb basis vector with internal colours ``internal``."""
        return cls({tuple(internal): 1})

    def expansion(self, ctx: QContext[Any, Any], colours: Sequence[int]) -> dict[tuple[int, ...], Any]:
        """The terms as ring elements of ``ctx`` for a vertex whose edge-ends have ``colours``."""
        out = {}
        for key, coef in self.terms.items():
            if isinstance(coef, int | Fraction):
                coef = ctx.one * coef
            out[tuple(key)] = coef
        return out


@dataclass(frozen=True)
class Crossing:
    """A crossing of two strands, as a 4-valent vertex.

    The edge-ends in rotation order are ``(a_in, b_in, a_out, b_out)``: strand ``a`` runs
    from end 0 to end 2, strand ``b`` from end 1 to end 3, and ``a`` passes **over** ``b``
    when ``over`` is true.  Its comb expansion is the braiding of Kauffman-Lins recoupling
    theory (Kauffman and Lins 1994, section 9.7): with ``lambda^{ab}_c =
    (-1)^{(a+b-c)/2} A^{[c(c+2) - a(a+2) - b(b+2)]/2}``,

        crossing = sum_c (Delta_c / theta(a, b, c)) lambda^{ab}_c  [a, b fused to c, split to b, a]

    and the under-crossing uses ``A -> A^{-1}``.  The context must hold ``A = q^{1/2}``
    (``ctx.qpower``); at q = 1 both crossings agree.
    """

    over: bool = True

    def expansion(self, ctx: QContext[Any, Any], colours: Sequence[int]) -> dict[tuple[int, ...], Any]:
        from ..recoupling.kauffman_lins import loop, theta

        a, b, a2, b2 = colours
        if a != a2 or b != b2:
            raise NetworkStructureError(
                f"crossing with colours {tuple(colours)}: strand colours must agree on both sides "
                "(ends 0 and 2, ends 1 and 3)"
            )
        # rotation order (a_in, b_in, a_out, b_out): the comb joins a_in, b_in into c and
        # splits c into a_out, b_out
        out: dict[tuple[int, ...], Any] = {}
        sign = 1 if self.over else -1
        for c in range(abs(a - b), a + b + 1, 2):
            if not ctx.admissible(a, b, c):
                continue
            exponent = sign * (c * (c + 2) - a * (a + 2) - b * (b + 2)) // 2
            lam = ctx.sign((a + b - c) // 2) * ctx.qpower(exponent)
            out[(c,)] = lam * loop(ctx, c) / theta(ctx, a, b, c)
        return out


@dataclass
class _Edge:
    u: Hashable
    v: Hashable
    colour: int | None  # None: an internal edge of a resolved vertex, coloured per term


@dataclass
class SpinNetwork:
    """A coloured ribbon graph; see the module docstring for the conventions.

    Build with :meth:`add_edge` (edge name, two end nodes, colour), then
    :meth:`set_rotation` for vertices whose counter-clockwise order is not the order in
    which their edges were added, :meth:`set_intertwiner` for vertices of valence >= 4, and
    :meth:`add_boundary` for open ends.  :meth:`check` validates everything and names the
    offending vertex.
    """

    _edges: dict[Hashable, _Edge] = field(default_factory=dict)
    _rotation: dict[Hashable, list[Dart]] = field(default_factory=dict)
    _intertwiners: dict[Hashable, Any] = field(default_factory=dict)
    _boundary: list[Hashable] = field(default_factory=list)
    positions: dict[Hashable, tuple[float, float]] = field(default_factory=dict)

    # -- construction --------------------------------------------------------------------
    def add_edge(self, name: Hashable, u: Hashable, v: Hashable, colour: int) -> SpinNetwork:
        """Add an edge ``name`` from ``u`` to ``v`` with ``colour``; its end 0 is at ``u``.

        The edge-end is appended to the rotation of ``u`` and ``v`` (counter-clockwise order
        of insertion unless :meth:`set_rotation` says otherwise)."""
        if name in self._edges:
            raise NetworkStructureError(f"edge {name!r} already exists")
        self._edges[name] = _Edge(u, v, _check_colour(colour, f"colour of edge {name!r}"))
        self._rotation.setdefault(u, []).append((name, 0))
        self._rotation.setdefault(v, []).append((name, 1))
        return self

    def set_rotation(self, vertex: Hashable, edges: Sequence[Hashable]) -> SpinNetwork:
        """Set the counter-clockwise order of the edges at ``vertex`` (a self-loop is listed
        twice: first its end 0, then its end 1)."""
        if vertex not in self._rotation:
            raise NetworkStructureError(f"vertex {vertex!r} has no edges")
        darts: list[Dart] = []
        seen: dict[Hashable, int] = {}
        for e in edges:
            if e not in self._edges:
                raise NetworkStructureError(f"rotation of vertex {vertex!r}: unknown edge {e!r}")
            rec = self._edges[e]
            if rec.u == rec.v == vertex:
                end = seen.get(e, 0)
                seen[e] = end + 1
            elif rec.u == vertex:
                end = 0
            elif rec.v == vertex:
                end = 1
            else:
                raise NetworkStructureError(f"rotation of vertex {vertex!r}: edge {e!r} is not incident to it")
            darts.append((e, end))
        if sorted(map(repr, darts)) != sorted(map(repr, self._rotation[vertex])):
            raise NetworkStructureError(
                f"rotation of vertex {vertex!r} lists {list(edges)!r}, but its edge-ends are "
                f"{[d[0] for d in self._rotation[vertex]]!r}: each must appear exactly once (self-loops twice)"
            )
        self._rotation[vertex] = darts
        return self

    def set_intertwiner(self, vertex: Hashable, intertwiner: Intertwiner | Crossing) -> SpinNetwork:
        """Attach an intertwiner (comb-basis vector or crossing) to a vertex of valence >= 4."""
        if vertex not in self._rotation:
            raise NetworkStructureError(f"vertex {vertex!r} has no edges")
        self._intertwiners[vertex] = intertwiner
        return self

    def add_boundary(self, point: Hashable) -> SpinNetwork:
        """Declare the univalent node ``point`` a boundary point (order of declaration is the
        order of the boundary legs)."""
        if point in self._boundary:
            raise NetworkStructureError(f"boundary point {point!r} declared twice")
        self._boundary.append(point)
        return self

    # -- views ---------------------------------------------------------------------------
    @property
    def boundary(self) -> tuple[Hashable, ...]:
        """Boundary points, in order."""
        return tuple(self._boundary)

    @property
    def vertices(self) -> tuple[Hashable, ...]:
        """Internal vertices (boundary points excluded), in insertion order."""
        b = set(self._boundary)
        return tuple(v for v in self._rotation if v not in b)

    @property
    def edges(self) -> tuple[Hashable, ...]:
        return tuple(self._edges)

    def colour(self, edge: Hashable) -> int:
        c = self._edges[edge].colour
        assert c is not None
        return c

    def ends(self, edge: Hashable) -> tuple[Hashable, Hashable]:
        rec = self._edges[edge]
        return rec.u, rec.v

    def rotation(self, vertex: Hashable) -> tuple[Dart, ...]:
        """Edge-ends at ``vertex`` in counter-clockwise order."""
        return tuple(self._rotation[vertex])

    def intertwiner(self, vertex: Hashable) -> Any:
        return self._intertwiners.get(vertex)

    def dart_vertex(self, dart: Dart) -> Hashable:
        rec = self._edges[dart[0]]
        return rec.u if dart[1] == 0 else rec.v

    @staticmethod
    def opposite(dart: Dart) -> Dart:
        return (dart[0], 1 - dart[1])

    def colours_at(self, vertex: Hashable) -> tuple[int, ...]:
        return tuple(self.colour(e) for e, _ in self._rotation[vertex])

    def graph(self) -> nx.MultiGraph:
        """A networkx view: nodes carry ``boundary`` and ``rotation``, edges ``colour``."""
        g = nx.MultiGraph()
        for v, rot in self._rotation.items():
            g.add_node(v, boundary=v in self._boundary, rotation=[d[0] for d in rot])
        for name, rec in self._edges.items():
            g.add_edge(rec.u, rec.v, key=name, colour=rec.colour)
        return g

    def copy(self) -> SpinNetwork:
        return SpinNetwork(
            {k: _Edge(r.u, r.v, r.colour) for k, r in self._edges.items()},
            {v: list(rot) for v, rot in self._rotation.items()},
            dict(self._intertwiners),
            list(self._boundary),
            dict(self.positions),
        )

    def __repr__(self) -> str:
        return (
            f"<SpinNetwork: {len(self.vertices)} vertices, {len(self._edges)} edges, "
            f"{len(self._boundary)} boundary points, colours "
            f"{sorted({r.colour for r in self._edges.values() if r.colour is not None})}>"
        )

    # -- validation ----------------------------------------------------------------------
    def check(self, ctx: QContext[Any, Any] | None = None) -> None:
        """Validate the structure and the admissibility of every trivalent vertex in ``ctx``
        (q = 1 rules when ``ctx`` is None; roots of unity add the level bound).

        Raises :class:`NetworkStructureError` or :class:`~tqft.errors.AdmissibilityError`,
        naming the vertex and its colours."""
        from ..exact.context import CLASSICAL

        ctx = ctx if ctx is not None else CLASSICAL
        for p in self._boundary:
            if p not in self._rotation or len(self._rotation[p]) != 1:
                raise NetworkStructureError(
                    f"boundary point {p!r} has valence {len(self._rotation.get(p, []))}; it must end exactly one edge"
                )
        for v in self.vertices:
            cols = self.colours_at(v)
            n = len(cols)
            if n == 1:
                raise NetworkStructureError(
                    f"vertex {v!r} has valence 1 (colour {cols[0]}); open ends must be declared with add_boundary"
                )
            if n == 2 and cols[0] != cols[1]:
                raise AdmissibilityError(
                    f"vertex {v!r} is bivalent with colours {cols}: a bivalent vertex joins two edges of equal colour"
                )
            if n == 3 and not ctx.admissible(*cols):
                level = getattr(ctx, "r", None)
                rule = " and a + b + c <= 2(r - 2) = " + str(2 * (level - 2)) if isinstance(level, int) else ""
                raise AdmissibilityError(
                    f"vertex {v!r} has colours {cols}, which are not admissible in {ctx.name}: "
                    f"the sum must be even, each at most the sum of the other two{rule}"
                )
            if n >= 4 and v not in self._intertwiners:
                raise NetworkStructureError(
                    f"vertex {v!r} has valence {n} (colours {cols}); give it an intertwiner "
                    "(Intertwiner.comb(...) or Crossing()) with set_intertwiner"
                )
            if n >= 4 and isinstance(self._intertwiners[v], Intertwiner):
                for key in self._intertwiners[v].terms:
                    _check_comb(v, cols, tuple(key), ctx)

    # -- topology of the ribbon structure -------------------------------------------------
    def faces(self) -> list[list[Dart]]:
        """Faces of the ribbon structure, as cycles of darts (orbits of ``d -> sigma(alpha(d))``,
        ``alpha`` the other end of the edge, ``sigma`` the next end counter-clockwise)."""
        return ribbon_faces(self._rotation)

    def _sigma(self) -> dict[Dart, Dart]:
        return _next_dart(self._rotation)

    def genus(self) -> int:
        """Genus of the closed surface the ribbon structure embeds the network in (summed over
        connected components); 0 means planar.  Boundary points are joined to one extra
        vertex in their declared order first, so an open network is planar only if its
        boundary points lie on one face in that cyclic order."""
        net = self._capped()
        g = net.graph()
        v = g.number_of_nodes()
        e = g.number_of_edges()
        f = len(net.faces())
        c = nx.number_connected_components(g)
        chi2 = 2 * c - (v - e + f)
        return chi2 // 2

    def _capped(self) -> SpinNetwork:
        """The network with all boundary points joined to one new vertex (in reverse order,
        so that the boundary reads counter-clockwise around the network)."""
        if not self._boundary:
            return self
        net = self.copy()
        cap = ("__cap__",)
        for i, p in enumerate(self._boundary):
            net.add_edge(("__cap__", i), p, cap, self.colour(self._rotation[p][0][0]))
        net._rotation[cap] = list(reversed(net._rotation[cap]))
        net._boundary = []
        return net

    def is_planar(self) -> bool:
        return self.genus() == 0

    # -- evaluation ---------------------------------------------------------------------
    def evaluate(
        self,
        context: Any = None,
        *,
        normalisation: str = "kl",
        order: Sequence[Hashable] | None = None,
    ) -> Any:
        """Evaluate a closed network; see :func:`tqft.spin_network.evaluate.evaluate`."""
        from .evaluate import evaluate

        return evaluate(self, context, normalisation=normalisation, order=order)

    def draw(self, ax: Any = None, **kwargs: Any) -> Any:
        """Draw with matplotlib; see :func:`tqft.spin_network.draw.draw`."""
        from .draw import draw

        return draw(self, ax=ax, **kwargs)

    # -- standard networks ---------------------------------------------------------------
    @classmethod
    def loop(cls, n: int) -> SpinNetwork:
        """A single loop of colour ``n`` (a bivalent vertex with a self-loop); evaluates to
        ``Delta_n``."""
        return cls().add_edge("e", "v", "v", n)

    @classmethod
    def theta(cls, a: int, b: int, c: int) -> SpinNetwork:
        """The theta net: two vertices joined by edges ``a, b, c``."""
        net = cls()
        for name, col in (("a", a), ("b", b), ("c", c)):
            net.add_edge(name, "u", "v", col)
        net.set_rotation("v", ["c", "b", "a"])
        return net

    @classmethod
    def tetrahedron(cls, a: int, b: int, e: int, c: int, d: int, f: int) -> SpinNetwork:
        """The tetrahedral net ``Tet[a b e; c d f]`` of Kauffman-Lins: faces ``(a, d, e)``,
        ``(b, c, e)``, ``(a, b, f)``, ``(c, d, f)`` are its vertices."""
        # vertices: X = (a, d, e), Y = (b, c, e), Z = (a, b, f), W = (c, d, f)
        edges = {"a": ("X", "Z", a), "b": ("Z", "Y", b), "c": ("Y", "W", c), "d": ("W", "X", d),
                 "e": ("X", "Y", e), "f": ("Z", "W", f)}  # fmt: skip
        net = cls()
        for name, (u, v, col) in edges.items():
            net.add_edge(name, u, v, col)
        # a planar drawing: X, Y, Z on a triangle around W
        net.set_rotation("X", ["a", "d", "e"])
        net.set_rotation("Y", ["e", "c", "b"])
        net.set_rotation("Z", ["b", "f", "a"])
        net.set_rotation("W", ["c", "d", "f"])
        return net

    @classmethod
    def from_edges(
        cls,
        edges: Mapping[Hashable, tuple[Hashable, Hashable, int]],
        rotation: Mapping[Hashable, Sequence[Hashable]] | None = None,
        boundary: Iterable[Hashable] = (),
        intertwiners: Mapping[Hashable, Intertwiner | Crossing] | None = None,
    ) -> SpinNetwork:
        """Build from ``{edge: (u, v, colour)}``, optional rotations, boundary points and
        intertwiners."""
        net = cls()
        for name, (u, v, col) in edges.items():
            net.add_edge(name, u, v, col)
        for vertex, rot in (rotation or {}).items():
            net.set_rotation(vertex, rot)
        for p in boundary:
            net.add_boundary(p)
        for vertex, it in (intertwiners or {}).items():
            net.set_intertwiner(vertex, it)
        return net

    def relabel(self, prefix: Any) -> SpinNetwork:
        """A copy with every vertex and edge name ``x`` replaced by ``(prefix, x)``."""
        f: Callable[[Any], Any] = lambda x: (prefix, x)  # noqa: E731
        net = SpinNetwork()
        for name, rec in self._edges.items():
            net._edges[f(name)] = _Edge(f(rec.u), f(rec.v), rec.colour)
        for v, rot in self._rotation.items():
            net._rotation[f(v)] = [(f(e), end) for e, end in rot]
        net._intertwiners = {f(v): it for v, it in self._intertwiners.items()}
        net._boundary = [f(p) for p in self._boundary]
        net.positions = {f(v): p for v, p in self.positions.items()}
        return net


def _check_comb(vertex: Hashable, cols: tuple[int, ...], internal: tuple[int, ...], ctx: Any) -> None:
    n = len(cols)
    if len(internal) != n - 3:
        raise NetworkStructureError(
            f"vertex {vertex!r} has valence {n}: its comb splitting needs {n - 3} internal colours, got {internal!r}"
        )
    spine = [cols[0], *internal, cols[-1]]
    for k, (x, leg, y) in enumerate(zip(spine[:-1], cols[1:-1], spine[1:], strict=True)):
        if not ctx.admissible(x, leg, y):
            raise AdmissibilityError(
                f"vertex {vertex!r}: comb splitting with internal colours {internal!r} has the inadmissible "
                f"triple {(x, leg, y)} at its trivalent vertex {k + 1}"
            )
