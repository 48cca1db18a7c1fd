"""Recoupling moves: local rewrites of a spin network into a linear combination of networks.

Each move replaces a small planar pattern of a network by a combination of simpler (or
differently coupled) patterns, with coefficients from Kauffman-Lins recoupling theory, so
that the evaluation is preserved exactly in every q-context:

=========================  ===============================================  =========================================
move                       pattern                                          result
=========================  ===============================================  =========================================
:func:`f_move`             an edge ``j`` between two trivalent vertices     ``sum_i {a b i; c d j}`` x the edge ``i``
                           with externals ``a, b`` and ``c, d``             in the other planar channel
:func:`remove_bubble`      two edges ``a, b`` joining trivalent ``u, v``    ``delta(c, c') theta(a, b, c) / Delta_c``
                           (third edges ``c`` at ``u``, ``c'`` at ``v``)    x one edge ``c``
:func:`reduce_triangle`    a triangular face with externals ``a, b, c``     ``Tet / theta(a, b, c)`` x one vertex
:func:`remove_loop`        a closed loop of colour ``n`` (a component)      ``Delta_n`` x the rest
=========================  ===============================================  =========================================

Conventions
-----------
Trivalent vertices are Kauffman-Lins vertices and every closed value is the planar
(Kauffman-Lins) evaluation of :mod:`tqft.spin_network.evaluate`; the coefficients are
the functions :func:`~tqft.recoupling.kauffman_lins.loop` (``Delta_n = (-1)^n [n+1]``),
:func:`~tqft.recoupling.kauffman_lins.theta`, :func:`~tqft.recoupling.kauffman_lins.tet`
and :func:`~tqft.recoupling.kauffman_lins.recoupling_coefficient` of
:mod:`tqft.recoupling.kauffman_lins`, with the sections of Kauffman and Lins [KL] cited
there (theta net 6.4, tetrahedral net 8.5, recoupling theorem 10.2).

* **F-move** (recoupling theorem, [KL] 10.2).  For externals ``a, b, c, d`` in cyclic
  order, the diagram in which ``a, b`` meet at an edge ``j`` (and ``c, d`` at its other
  end) is ``sum_i {a b i; c d j}`` times the diagram in which ``d, a`` meet at an edge
  ``i`` (and ``b, c`` at its other end), where
  ``{a b i; c d j} = Tet[a b i; c d j] Delta_i / (theta(a, d, i) theta(b, c, i))``.
* **Bubble** (Schur's lemma).  A two-leg diagram is a multiple of the identity of its
  colour (zero if the two legs differ); closing both sides gives
  ``bubble = delta(c, c') theta(a, b, c) / Delta_c`` x the strand ``c``.
* **Triangle** (Schur's lemma for three legs).  A triangular face with externals ``a, b,
  c`` (at ``u, v, w``) and internal edges ``p = uv``, ``q = vw``, ``r = wu`` is a multiple of
  the vertex ``(a, b, c)``; closing both with a vertex ``(a, b, c)`` gives the tetrahedron
  with vertex triads ``(a, p, r), (b, p, q), (c, q, r), (a, b, c)``, i.e.
  ``triangle = Tet[a b p; q r c] / theta(a, b, c)`` x the vertex.  This is the "merge"
  coefficient of the evaluation sweep (an F-move followed by a bubble removal).
* **Loop**: a closed loop of colour ``n`` disjoint from the rest evaluates to
  ``Delta_n`` and factors out (planar evaluation is multiplicative on disjoint unions).

At a root of unity ``q = e^{i pi / r}`` every sum runs over the level-admissible colours
only and a triangle whose new vertex would break the level bound gives the zero
combination: the discarded parts are negligible morphisms, which have zero trace, so
the moves hold exactly for closed networks there too, as does the level-truncated
evaluation sweep of :mod:`tqft.spin_network.evaluate`.

Ribbon structure
----------------
Rotations are counter-clockwise lists of darts (see :mod:`tqft.spin_network.network`).
The moves rewrite only the darts of the pattern, in place, so vertices outside the
pattern keep their rotations (and comb or crossing intertwiners) and a planar network
stays planar.  Names are kept where possible: the F-move keeps the edge's name and both
vertex names, bubble removal keeps the name of the third edge ``c`` at the first vertex,
triangle reduction keeps the first vertex's name for the new vertex.

References
----------
[KL] L. H. Kauffman and S. L. Lins, *Temperley-Lieb Recoupling Theory and Invariants of
3-Manifolds*, Annals of Mathematics Studies 134, Princeton University Press, 1994.

Examples
--------
>>> from tqft.spin_network import SpinNetwork
>>> from tqft.spin_network.moves import f_move, find_bubbles, remove_bubble
>>> tet = SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2)
>>> combo = f_move(tet, "e")
>>> len(combo), combo.evaluate() == tet.evaluate()
(3, True)
>>> theta = SpinNetwork.theta(1, 1, 2)
>>> find_bubbles(theta)
[('a', 'b'), ('a', 'c'), ('b', 'c')]
>>> remove_bubble(theta, "a", "b", "A").evaluate() == theta.evaluate("A")
True
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import AdmissibilityError, InvalidArgumentError
from ..exact.context import QContext
from ..exact.qcontexts import NumericQContext, RootOfUnityContext, parse_context
from ..recoupling.kauffman_lins import loop, recoupling_coefficient, tet, theta
from .network import Dart, SpinNetwork
from .plan import plan

__all__ = [
    "LinearCombination",
    "MoveError",
    "f_move",
    "find_bubbles",
    "find_loops",
    "find_triangles",
    "reduce_triangle",
    "remove_bubble",
    "remove_loop",
]


class MoveError(InvalidArgumentError):
    """The pattern a recoupling move needs is not present where the move was asked for
    (an edge that is not between two distinct trivalent vertices, two edges that do not
    form a bubble, three vertices that do not bound a triangular face, a component that
    is not a loop)."""


def _same_context(a: QContext[Any, Any], b: QContext[Any, Any]) -> bool:
    if a is b:
        return True
    if type(a) is not type(b) or a.name != b.name:
        return False
    if isinstance(a, NumericQContext) and isinstance(b, NumericQContext):
        return bool(a.q == b.q) and a.prec == b.prec
    return True


@dataclass(frozen=True)
class LinearCombination:
    """An immutable formal sum ``sum_k c_k N_k`` of spin networks.

    The coefficients ``c_k`` are ring elements of :attr:`context`, the q-context the move
    was made in (a :class:`~fractions.Fraction` at q = 1 and q = -1, a rational function
    of q at generic q, a cyclotomic number at a root of unity, an mpmath complex number in a
    numeric context), in the Kauffman-Lins normalisation.  The networks are fresh copies
    owned by the combination; do not modify them in place.

    Examples
    --------
    >>> from tqft.spin_network import SpinNetwork
    >>> from tqft.spin_network.moves import remove_loop
    >>> combo = remove_loop(SpinNetwork.loop(2), "e", "-1")
    >>> combo  # doctest: +ELLIPSIS
    LinearCombination(context='q=-1', terms=[(Fraction(3, 1), <SpinNetwork: 0 vertices, 0 edges, ...>)])
    >>> len(combo), combo.evaluate()
    (1, Fraction(3, 1))
    """

    terms: tuple[tuple[Any, SpinNetwork], ...]
    context: QContext[Any, Any]

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[tuple[Any, SpinNetwork]]:
        return iter(self.terms)

    def __getitem__(self, index: int) -> tuple[Any, SpinNetwork]:
        return self.terms[index]

    def evaluate(self, context: Any = None) -> Any:
        """``sum_k c_k evaluate(N_k)`` (Kauffman-Lins normalisation) as a ring element.

        Parameters
        ----------
        context : QContext or str, optional
            Must be the context the move was made in (the coefficients live there);
            ``None`` means that context.

        Returns
        -------
        A ring element of :attr:`context` (its zero for the empty combination).  Terms with
        the same ribbon graph (the terms of one move) share one absorption order, planned
        by :func:`~tqft.spin_network.evaluate.plan` for the first of them.

        Raises
        ------
        InvalidArgumentError
            If ``context`` is a different context.
        AdmissibilityError, NetworkStructureError, NonPlanarError
            From :func:`~tqft.spin_network.evaluate.evaluate` on a term.

        Examples
        --------
        >>> from tqft.spin_network import SpinNetwork
        >>> from tqft.spin_network.moves import f_move
        >>> print(f_move(SpinNetwork.theta(1, 1, 2), "c", "root:5").evaluate())
        -z20^6 + z20^4 + 1
        """
        ctx = self.context if context is None else parse_context(context)
        if not _same_context(ctx, self.context):
            raise InvalidArgumentError(
                f"context = {ctx.name!r}: the coefficients of this combination are elements of "
                f"{self.context.name!r}; evaluate it there (context=None)"
            )
        total = ctx.zero
        shape: Any = None
        order: list[Hashable] = []
        with ctx.workspace():
            for coef, net in self.terms:
                if _shape(net) != shape:
                    shape, order = _shape(net), plan(net)
                total = total + coef * net.evaluate(ctx, order=order)
        return total

    def __repr__(self) -> str:
        inner = ", ".join(f"({c!r}, {n!r})" for c, n in self.terms)
        return f"LinearCombination(context={self.context.name!r}, terms=[{inner}])"

    def __str__(self) -> str:
        if not self.terms:
            return "0"
        return " + ".join(f"({c}) * {n!r}" for c, n in self.terms)


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------


def _shape(net: SpinNetwork) -> tuple[Any, ...]:
    """The ribbon graph of ``net`` without its colours: networks of equal shape (such as the
    terms of one F-move) can share one absorption order."""
    return (
        [(name, rec.u, rec.v) for name, rec in net._edges.items()],
        net._rotation,
        net._intertwiners,
        net._boundary,
    )


def _level_rule(ctx: QContext[Any, Any]) -> str:
    if isinstance(ctx, RootOfUnityContext):
        return f" and a + b + c <= 2(r - 2) = {2 * (ctx.r - 2)}"
    return ""


def _require_edge(net: SpinNetwork, edge: Hashable, move: str, what: str = "edge") -> None:
    if edge not in net._edges:
        shown = list(net.edges)[:8]
        more = ", ..." if len(net.edges) > 8 else ""
        raise MoveError(f"{move}: {what} = {edge!r} is not an edge of the network (edges: {shown!r}{more})")


def _require_trivalent(net: SpinNetwork, vertex: Hashable, move: str, where: str, ctx: QContext[Any, Any]) -> None:
    """Raise unless ``vertex`` is an internal trivalent vertex admissible in ``ctx``."""
    if vertex not in net._rotation or vertex in net.boundary:
        kind = "a boundary point" if vertex in net.boundary else "not a vertex of the network"
        raise MoveError(f"{move}: {where} {vertex!r} is {kind}; the move needs a trivalent vertex there")
    cols = net.colours_at(vertex)
    if len(cols) != 3:
        raise MoveError(
            f"{move}: {where} {vertex!r} has valence {len(cols)} (colours {cols}); the move needs a trivalent "
            "vertex there"
        )
    if not ctx.admissible(*cols):
        raise AdmissibilityError(
            f"{move}: {where} {vertex!r} has colours {cols}, which are not admissible in {ctx.name}: the sum must "
            f"be even, each at most the sum of the other two{_level_rule(ctx)}"
        )


def _rotated(rot: Sequence[Dart], first: Dart) -> list[Dart]:
    """The cyclic list ``rot`` rotated so that it starts at ``first``."""
    i = list(rot).index(first)
    return list(rot[i:]) + list(rot[:i])


def _move_dart(net: SpinNetwork, dart: Dart, vertex: Hashable) -> None:
    """Re-attach the end ``dart`` of its edge to ``vertex`` (rotations are updated by the caller)."""
    rec = net._edges[dart[0]]
    if dart[1] == 0:
        rec.u = vertex
    else:
        rec.v = vertex


def _delete_vertex(net: SpinNetwork, vertex: Hashable) -> None:
    net._rotation.pop(vertex, None)
    net._intertwiners.pop(vertex, None)
    net.positions.pop(vertex, None)


# ---------------------------------------------------------------------------------------
# F-move
# ---------------------------------------------------------------------------------------


def f_move(net: SpinNetwork, edge: Hashable, context: Any = None) -> LinearCombination:
    """The F-move (6j change of basis) on ``edge``.

    Let ``edge`` (colour ``j``) run from ``u`` (its end 0) to ``v``, with counter-clockwise
    rotations ``(edge, x, y)`` at ``u`` and ``(edge, z, w)`` at ``v``; going around the pair,
    the externals read ``x, y, z, w`` in cyclic order and ``x, y`` meet ``z, w`` through
    ``j``.  The recoupling theorem ([KL] 10.2, with ``a, b, c, d = x, y, z, w``) gives

        N = sum_i {x y i; z w j} N_i,   {x y i; z w j} = Tet[x y i; z w j] Delta_i / (theta(x, w, i) theta(y, z, i)),

    where in ``N_i`` the edge (same name, colour ``i``) joins ``u``, now with rotation
    ``(edge, w, x)``, to ``v``, now with rotation ``(edge, y, z)``: the ends of ``y`` and
    ``w`` change places, so ``w, x`` meet ``y, z`` through ``i``.  The sum runs over the
    colours ``i`` admissible (in the context) with ``(w, x)`` and with ``(y, z)``; a term is
    kept even if its coefficient vanishes.

    Parameters
    ----------
    net : SpinNetwork
        The network (closed or open; it is not modified).
    edge : hashable
        An edge joining two distinct trivalent vertices.
    context : QContext or str, optional
        Where the coefficients are computed (default q = 1); see
        :func:`~tqft.exact.qcontexts.parse_context`.

    Returns
    -------
    LinearCombination
        One term per admissible new colour ``i``, in increasing order of ``i``.

    Raises
    ------
    MoveError
        If ``edge`` is not an edge, is a self-loop, or an end vertex is not trivalent.
    AdmissibilityError
        If an end vertex is not admissible in the context.

    Examples
    --------
    >>> from tqft.spin_network import SpinNetwork
    >>> tet = SpinNetwork.tetrahedron(1, 1, 2, 1, 1, 2)
    >>> combo = f_move(tet, "f", "A")
    >>> [n.colour("f") for _, n in combo]
    [0, 2]
    >>> combo.evaluate() == tet.evaluate("A"), all(n.genus() == 0 for _, n in combo)
    (True, True)
    """
    ctx = parse_context(context)
    move = f"f_move on edge {edge!r}"
    _require_edge(net, edge, "f_move")
    u, v = net.ends(edge)
    if u == v:
        raise MoveError(
            f"{move}: the edge is a self-loop at vertex {u!r}; the F-move needs an edge joining two distinct "
            "trivalent vertices"
        )
    _require_trivalent(net, u, move, "its end-0 vertex", ctx)
    _require_trivalent(net, v, move, "its end-1 vertex", ctx)
    j = net.colour(edge)
    _, x, y = _rotated(net._rotation[u], (edge, 0))
    _, z, w = _rotated(net._rotation[v], (edge, 1))
    cx, cy, cz, cw = (net.colour(d[0]) for d in (x, y, z, w))
    terms = []
    for i in range(max(abs(cw - cx), abs(cy - cz)), min(cw + cx, cy + cz) + 1, 2):
        if not (ctx.admissible(cw, cx, i) and ctx.admissible(cy, cz, i)):
            continue
        coef = recoupling_coefficient(ctx, cx, cy, i, cz, cw, j)
        new = net.copy()
        new._edges[edge].colour = i
        _move_dart(new, w, u)
        _move_dart(new, y, v)
        new._rotation[u] = [(edge, 0), w, x]
        new._rotation[v] = [(edge, 1), y, z]
        terms.append((coef, new))
    return LinearCombination(tuple(terms), ctx)


# ---------------------------------------------------------------------------------------
# bubbles
# ---------------------------------------------------------------------------------------


def _bubble_vertices(
    net: SpinNetwork, e1: Hashable, e2: Hashable, ctx: QContext[Any, Any]
) -> tuple[Hashable, Hashable]:
    move = f"remove_bubble on edges {e1!r}, {e2!r}"
    _require_edge(net, e1, "remove_bubble", "e1")
    _require_edge(net, e2, "remove_bubble", "e2")
    if e1 == e2:
        raise MoveError(f"{move}: e1 and e2 are the same edge; a bubble is two distinct edges joining two vertices")
    u, v = net.ends(e1)
    if u == v:
        raise MoveError(f"{move}: e1 = {e1!r} is a self-loop at {u!r}; a bubble joins two distinct vertices")
    if set(net.ends(e2)) != {u, v}:
        raise MoveError(
            f"{move}: e1 joins {u!r} and {v!r} but e2 joins {net.ends(e2)[0]!r} and {net.ends(e2)[1]!r}; "
            "a bubble is two edges joining the same two vertices"
        )
    _require_trivalent(net, u, move, "vertex", ctx)
    _require_trivalent(net, v, move, "vertex", ctx)
    return u, v


def remove_bubble(net: SpinNetwork, e1: Hashable, e2: Hashable, context: Any = None) -> LinearCombination:
    """Remove the bubble formed by ``e1`` and ``e2`` (Schur's lemma).

    ``e1`` (colour ``a``) and ``e2`` (colour ``b``) join the same two trivalent vertices
    ``u`` (the end 0 of ``e1``) and ``v``, whose third edges are ``c`` at ``u`` and ``c'`` at
    ``v``.  Then

        N = delta(c, c') theta(a, b, c) / Delta_c  N',

    where ``N'`` has ``u``, ``v``, ``e1``, ``e2`` removed and ``c`` and ``c'`` joined into one
    edge named ``c`` (its end at ``u`` is moved to where ``c'`` ended; ``c'`` is deleted).
    When ``c`` and ``c'`` are the same edge (a theta net), ``N'`` is a loop of colour ``c``
    on a bivalent vertex named ``u``.  When ``c != c'`` as colours the result is the empty
    (zero) combination.

    The identity holds whichever side of the cycle ``e1 e2`` the edges ``c`` and ``c'``
    leave on: when they leave on opposite sides the cycle separates the network and both
    sides vanish unless ``c = c' = 0``, where the formula reads ``Delta_a`` x the product.

    Parameters
    ----------
    net : SpinNetwork
        The network (not modified).
    e1, e2 : hashable
        Two distinct edges joining the same two distinct trivalent vertices.
    context : QContext or str, optional
        Where the coefficient is computed (default q = 1).

    Returns
    -------
    LinearCombination
        One term, or none when ``c != c'``.

    Raises
    ------
    MoveError
        If the edges do not form a bubble between two trivalent vertices.
    AdmissibilityError
        If ``u`` or ``v`` is not admissible in the context.

    Examples
    --------
    >>> from tqft.spin_network import SpinNetwork
    >>> theta = SpinNetwork.theta(2, 2, 2)
    >>> combo = remove_bubble(theta, "a", "b")
    >>> combo.terms[0][0], combo.terms[0][1].evaluate()   # theta / Delta_2, and Delta_2
    (Fraction(-1, 1), Fraction(3, 1))
    """
    ctx = parse_context(context)
    u, v = _bubble_vertices(net, e1, e2, ctx)
    (c_dart,) = [d for d in net._rotation[u] if d[0] not in (e1, e2)]
    (c2_dart,) = [d for d in net._rotation[v] if d[0] not in (e1, e2)]
    c, c2 = c_dart[0], c2_dart[0]
    cc, cc2 = net.colour(c), net.colour(c2)
    if cc != cc2:
        return LinearCombination((), ctx)
    coef = theta(ctx, net.colour(e1), net.colour(e2), cc) / loop(ctx, cc)
    new = net.copy()
    for e in (e1, e2):
        del new._edges[e]
    if c == c2:
        # a theta net: the strand c closes up into a loop on a bivalent vertex named u
        _delete_vertex(new, v)
        rec = new._edges[c]
        rec.u = rec.v = u
        new._rotation[u] = [(c, 0), (c, 1)]
        new.positions.pop(u, None)
    else:
        far = SpinNetwork.opposite(c2_dart)  # the end of c' away from v
        s = new.dart_vertex(far)
        _move_dart(new, c_dart, s)
        del new._edges[c2]
        new._rotation[s] = [c_dart if d == far else d for d in new._rotation[s]]
        _delete_vertex(new, u)
        _delete_vertex(new, v)
    return LinearCombination(((coef, new),), ctx)


def find_bubbles(net: SpinNetwork) -> list[tuple[Hashable, Hashable]]:
    """All pairs of distinct edges joining the same two distinct trivalent vertices.

    Pairs are listed in the order of the network's edges (each pair once, first edge
    first); every pair is a valid argument of :func:`remove_bubble`.

    Examples
    --------
    >>> from tqft.spin_network import SpinNetwork
    >>> find_bubbles(SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2))
    []
    """
    tri = {x for x in net.vertices if len(net._rotation[x]) == 3}
    out = []
    edges = list(net._edges)
    for k, e in enumerate(edges):
        u, v = net.ends(e)
        if u == v or u not in tri or v not in tri:
            continue
        for f in edges[k + 1 :]:
            if set(net.ends(f)) == {u, v}:
                out.append((e, f))
    return out


# ---------------------------------------------------------------------------------------
# triangles
# ---------------------------------------------------------------------------------------


def _triangle_faces(net: SpinNetwork) -> list[list[Dart]]:
    """Faces of length three through three distinct trivalent vertices and three distinct edges."""
    out = []
    boundary = set(net.boundary)
    for face in net.faces():
        if len(face) != 3:
            continue
        verts = [net.dart_vertex(d) for d in face]
        if len(set(verts)) != 3 or len({d[0] for d in face}) != 3:
            continue
        if any(x in boundary or len(net._rotation[x]) != 3 for x in verts):
            continue
        out.append(face)
    return out


def find_triangles(net: SpinNetwork) -> list[tuple[Hashable, Hashable, Hashable]]:
    """Triangles that are faces: three distinct trivalent vertices pairwise joined by three
    distinct edges bounding a face of the ribbon structure.

    Each triangle is listed once, as its vertices in the order the face boundary visits
    them; every entry is a valid argument of :func:`reduce_triangle`.

    Examples
    --------
    >>> from tqft.spin_network import SpinNetwork
    >>> sorted(sorted(t) for t in find_triangles(SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2)))
    [['W', 'X', 'Y'], ['W', 'X', 'Z'], ['W', 'Y', 'Z'], ['X', 'Y', 'Z']]
    """
    return [tuple(net.dart_vertex(d) for d in face) for face in _triangle_faces(net)]  # type: ignore[misc]


def reduce_triangle(
    net: SpinNetwork, triangle: tuple[Hashable, Hashable, Hashable], context: Any = None
) -> LinearCombination:
    """Replace a triangular face by a single trivalent vertex.

    Let the triangle have vertices ``u, v, w`` with externals ``a`` at ``u``, ``b`` at ``v``,
    ``c`` at ``w`` and internal edges ``p = uv``, ``q = vw``, ``r = wu``.  By Schur's lemma
    it is a multiple of the vertex ``(a, b, c)``; closing both with a vertex ``(a, b, c)``
    (a tetrahedron with vertex triads ``(a, p, r)``, ``(b, p, q)``, ``(c, q, r)``,
    ``(a, b, c)``, i.e. ``Tet[a b p; q r c]`` in the face convention of [KL] 8.5, against a
    theta net, [KL] 6.4) gives

        N = Tet[a b p; q r c] / theta(a, b, c)  N',

    where in ``N'`` the three vertices are replaced by one vertex named ``u`` carrying
    ``a, b, c`` in the counter-clockwise order in which they leave the triangle.  If
    ``(a, b, c)`` is not admissible in the context (e.g. above the level at a root of
    unity) the triangle is negligible and the result is the empty (zero) combination.

    Parameters
    ----------
    net : SpinNetwork
        The network (not modified).
    triangle : tuple of three vertices
        Trivalent vertices bounding a triangular face, in any order.  If several
        triangular faces have these vertices (possible only with multiple edges), the
        first one found is used.
    context : QContext or str, optional
        Where the coefficient is computed (default q = 1).

    Returns
    -------
    LinearCombination
        One term, or none when ``(a, b, c)`` is not admissible in the context.

    Raises
    ------
    MoveError
        If the vertices are not three distinct trivalent vertices bounding a triangular face.
    AdmissibilityError
        If one of them is not admissible in the context.

    Examples
    --------
    >>> from tqft.spin_network import SpinNetwork
    >>> tet = SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2)
    >>> combo = reduce_triangle(tet, ("X", "Y", "Z"))
    >>> [(coef, n.evaluate()) for coef, n in combo]     # Tet / theta times a theta net
    [(Fraction(-1, 2), Fraction(-3, 1))]
    """
    ctx = parse_context(context)
    try:
        u, v, w = triangle
    except (TypeError, ValueError):
        raise MoveError(f"reduce_triangle: triangle = {triangle!r} must be a tuple of three vertices") from None
    move = f"reduce_triangle on {triangle!r}"
    if len({u, v, w}) != 3:
        raise MoveError(f"{move}: the three vertices must be distinct")
    for x in (u, v, w):
        _require_trivalent(net, x, move, "vertex", ctx)
    faces = [f for f in _triangle_faces(net) if {net.dart_vertex(d) for d in f} == {u, v, w}]
    if not faces:
        raise MoveError(
            f"{move}: these vertices do not bound a triangular face (three edges joining them pairwise with "
            "every external edge outside); find_triangles lists the triangles of the network"
        )
    face = faces[0]
    inner = {d[0] for d in face}
    ext: dict[Hashable, Dart] = {}
    for x in (u, v, w):
        (ext[x],) = [d for d in net._rotation[x] if d[0] not in inner]
    # ccw order of the externals: at u the rotation is (a, edge to t1, edge to t2) with the
    # triangle's vertices u, t1, t2 in counter-clockwise order; the new vertex lists a, b, c so
    rot_u = _rotated(net._rotation[u], ext[u])
    t1 = net.dart_vertex(SpinNetwork.opposite(rot_u[1]))
    t2 = v if t1 == w else w
    p = next(d[0] for d in face if {net.dart_vertex(d), net.dart_vertex(SpinNetwork.opposite(d))} == {u, v})
    q = next(d[0] for d in face if {net.dart_vertex(d), net.dart_vertex(SpinNetwork.opposite(d))} == {v, w})
    r = next(d[0] for d in face if {net.dart_vertex(d), net.dart_vertex(SpinNetwork.opposite(d))} == {w, u})
    a, b, c = (net.colour(ext[x][0]) for x in (u, v, w))
    if not ctx.admissible(a, b, c):
        return LinearCombination((), ctx)
    coef = tet(ctx, a, b, net.colour(p), net.colour(q), net.colour(r), c) / theta(ctx, a, b, c)
    new = net.copy()
    pos = [net.positions[x] for x in (u, v, w) if x in net.positions]
    for e in (p, q, r):
        del new._edges[e]
    _delete_vertex(new, v)
    _delete_vertex(new, w)
    for x in (v, w):
        _move_dart(new, ext[x], u)
    new._rotation[u] = [ext[u], ext[t1], ext[t2]]
    if len(pos) == 3:
        new.positions[u] = (sum(pt[0] for pt in pos) / 3, sum(pt[1] for pt in pos) / 3)
    return LinearCombination(((coef, new),), ctx)


# ---------------------------------------------------------------------------------------
# loops
# ---------------------------------------------------------------------------------------


def _component(net: SpinNetwork, start: Hashable) -> list[Hashable]:
    seen = [start]
    known = {start}
    for x in seen:
        for e, end in net._rotation[x]:
            y = net.dart_vertex((e, 1 - end))
            if y not in known:
                known.add(y)
                seen.append(y)
    return seen


def find_loops(net: SpinNetwork) -> list[tuple[Hashable, ...]]:
    """The closed loops of the network: connected components made of bivalent vertices only
    (a cycle), each as its vertices in order of first appearance.

    Examples
    --------
    >>> from tqft.spin_network import SpinNetwork
    >>> find_loops(SpinNetwork.loop(3)), find_loops(SpinNetwork.theta(1, 1, 0))
    ([('v',)], [])
    """
    out = []
    done: set[Hashable] = set()
    boundary = set(net.boundary)
    for x in net.vertices:
        if x in done:
            continue
        comp = _component(net, x)
        done.update(comp)
        if all(y not in boundary and len(net._rotation[y]) == 2 for y in comp):
            out.append(tuple(comp))
    return out


def remove_loop(net: SpinNetwork, component: Hashable | Iterable[Hashable], context: Any = None) -> LinearCombination:
    """Remove a closed loop: ``N = Delta_n N'`` with ``N'`` the network without it.

    A closed loop is a connected component all of whose vertices are bivalent (a cycle of
    bivalent vertices, e.g. :meth:`SpinNetwork.loop`), so all its edges have one colour
    ``n`` and it is disjoint from the rest; its value is ``Delta_n = (-1)^n [n+1]`` and
    planar evaluation is multiplicative on disjoint unions.

    Parameters
    ----------
    net : SpinNetwork
        The network (not modified).
    component : hashable or iterable of hashables
        The loop, named by one of its edges, by one of its vertices, or by the collection
        of all its vertices (tried in that order).
    context : QContext or str, optional
        Where ``Delta_n`` is computed (default q = 1).

    Returns
    -------
    LinearCombination
        One term.

    Raises
    ------
    MoveError
        If the argument names no edge or vertex, or the component is not a loop of
        bivalent vertices, or a collection of vertices is not exactly one loop.
    AdmissibilityError
        If the loop's bivalent vertices join edges of different colours.

    Examples
    --------
    >>> from tqft.spin_network import SpinNetwork
    >>> print(remove_loop(SpinNetwork.loop(1), "v", "A").terms[0][0])
    -A^2 - A^(-2)
    """
    ctx = parse_context(context)
    given: set[Hashable] | None = None
    if isinstance(component, Hashable) and component in net._edges:
        start = net.ends(component)[0]
    elif isinstance(component, Hashable) and component in net._rotation:
        start = component
    elif isinstance(component, Iterable) and not isinstance(component, str | bytes):
        given = set(component)
        unknown = [x for x in given if x not in net._rotation]
        if not given or unknown:
            raise MoveError(
                f"remove_loop: component = {component!r} names no edge or vertex of the network"
                + (f" (unknown vertices {unknown!r})" if unknown else "")
            )
        start = next(iter(given))
    else:
        raise MoveError(f"remove_loop: component = {component!r} names no edge or vertex of the network")
    comp = _component(net, start)
    if given is not None and given != set(comp):
        raise MoveError(
            f"remove_loop: the vertices {sorted(map(repr, given))} are not one whole component; the "
            f"component of {start!r} has the vertices {sorted(map(repr, comp))}"
        )
    boundary = set(net.boundary)
    for x in comp:
        if x in boundary or len(net._rotation[x]) != 2:
            val = 1 if x in boundary else len(net._rotation[x])
            raise MoveError(
                f"remove_loop: component = {component!r} is not a closed loop: vertex {x!r} of its component has "
                f"valence {val}; a loop is a component of bivalent vertices only"
            )
    colours = {net.colour(e) for x in comp for e, _ in net._rotation[x]}
    if len(colours) != 1:
        raise AdmissibilityError(
            f"remove_loop: component = {component!r} has edges of colours {sorted(colours)}; a bivalent vertex joins "
            "two edges of equal colour"
        )
    (n,) = colours
    new = net.copy()
    gone = set(comp)
    for e in [e for e, rec in new._edges.items() if rec.u in gone]:
        del new._edges[e]
    for x in comp:
        _delete_vertex(new, x)
    return LinearCombination(((loop(ctx, n), new),), ctx)
