"""Spin-network identities: every recoupling move preserves the evaluation, exactly.

Each move of :mod:`tqft.spin_network.moves` is checked on a fixed small planar graph whose
edge colours are the identity's parameters (every vertex admissible by construction of
the domain), at every place in the graph where the move applies: the evaluation of the
network equals the evaluation of the linear combination the move returns.  Each identity
comes twice: at q = 1 (exact rationals) and, with the level parameter ``r`` first
(:meth:`~tqft.identities.core.Domain.at_levels`), at generic q (rational functions) and at
``q = e^{i pi / r}``, ``r = 3..12`` (cyclotomic numbers, level-admissible colours only).

=====================================  ====================================================
identity                               graph and where the move is applied
=====================================  ====================================================
``spin_network_f_move``                triangular prism, F-move on a triangle edge and a
                                       vertical edge (every edge up to symmetry)
``spin_network_bubble``                a theta net whose third edge carries a bubble; both
                                       bubbles (the inserted one and the theta's own)
``spin_network_triangle``              triangular prism, both triangular faces
``spin_network_loop``                  a tetrahedron with two disjoint loops (one on three
                                       bivalent vertices, one on one), each removed
``spin_network_order_independence``    the cube, along several absorption orders (greedy
                                       sweeps from spread-out starts, one reversed)
``spin_network_unitary_tet_6j``        the tetrahedron in unitary normalisation against
                                       the Racah-Wigner 6j (q = 1 only)
=====================================  ====================================================

The ``q_`` variants carry the same statements at generic q and roots of unity.  The graph
builders (:func:`prism`, :func:`cube`, :func:`bubbled_theta`, :func:`tetrahedron_with_loops`)
are public so that tests and examples can reuse them.

References: L. H. Kauffman and S. L. Lins, *Temperley-Lieb Recoupling Theory and
Invariants of 3-Manifolds* (Princeton, 1994), recoupling theorem and theta / tetrahedral
nets (sections 10.2, 6.4, 8.5, as cited in :mod:`tqft.recoupling.kauffman_lins`);
A. R. Edmonds, *Angular Momentum in Quantum Mechanics* (1957), (6.3.7) for the 6j symbol.

>>> from tqft.identities import get
>>> get("spin_network_f_move")(2, 2, 2, 2, 2, 2, 2, 2, 2).passed
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from ..exact.context import CLASSICAL, QContext
from ..recoupling.wigner import wigner_6j
from ..spin_network.moves import (
    LinearCombination,
    f_move,
    find_bubbles,
    find_loops,
    find_triangles,
    reduce_triangle,
    remove_bubble,
    remove_loop,
)
from ..spin_network.network import SpinNetwork
from ..spin_network.plan import greedy_order, order_cost, resolve, start_candidates
from ..spins import spin
from .core import CheckResult, Domain, Identity, compare, coupled, free, level_context, register
from .recoupling import sixj_domain

__all__ = [
    "BUBBLED_THETA_DOMAIN",
    "CUBE_DOMAIN",
    "CUBE_EDGES",
    "F_MOVE_EDGES",
    "PRISM_DOMAIN",
    "PRISM_EDGES",
    "TETRAHEDRON_WITH_LOOPS_DOMAIN",
    "absorption_orders",
    "bubbled_theta",
    "cube",
    "prism",
    "tetrahedron_with_loops",
]


# --- graph families ----------------------------------------------------------------------


def _straight_line(
    edges: Mapping[Any, tuple[Any, Any, int]], positions: Mapping[Any, tuple[float, float]]
) -> SpinNetwork:
    """A network drawn with straight edges at ``positions``: each rotation is its edges
    sorted by angle (counter-clockwise), so a crossing-free drawing gives a planar network."""
    net = SpinNetwork.from_edges(edges)
    for x in net.vertices:
        x0, y0 = positions[x]

        def angle(dart: tuple[Hashable, int], x0: float = x0, y0: float = y0) -> float:
            x1, y1 = positions[net.dart_vertex(SpinNetwork.opposite(dart))]
            return math.atan2(y1 - y0, x1 - x0)

        net.set_rotation(x, [d[0] for d in sorted(net.rotation(x), key=angle)])
    net.positions = dict(positions)
    return net


def _ring(names: list[Any], radius: float) -> dict[Any, tuple[float, float]]:
    n = len(names)
    return {
        x: (radius * math.cos(math.pi / 2 + 2 * math.pi * k / n), radius * math.sin(math.pi / 2 + 2 * math.pi * k / n))
        for k, x in enumerate(names)
    }


#: edge names of :func:`prism` in parameter order
PRISM_EDGES = ("T12", "T23", "T31", "V1", "V2", "V3", "B12", "B31", "B23")


def prism(t12: int, t23: int, t31: int, v1: int, v2: int, v3: int, b12: int, b31: int, b23: int) -> SpinNetwork:
    """The triangular prism: triangles ``t1 t2 t3`` (edges ``T12, T23, T31``) inside
    ``b1 b2 b3`` (edges ``B12, B23, B31``), joined by ``V1, V2, V3``; drawn planar.

    >>> prism(2, 2, 2, 2, 2, 2, 2, 2, 2).evaluate()
    Fraction(-3, 4)
    """
    edges = {
        "T12": ("t1", "t2", t12), "T23": ("t2", "t3", t23), "T31": ("t3", "t1", t31),
        "V1": ("t1", "b1", v1), "V2": ("t2", "b2", v2), "V3": ("t3", "b3", v3),
        "B12": ("b1", "b2", b12), "B23": ("b2", "b3", b23), "B31": ("b3", "b1", b31),
    }  # fmt: skip
    return _straight_line(edges, {**_ring(["t1", "t2", "t3"], 1.0), **_ring(["b1", "b2", "b3"], 2.0)})


#: colours of the prism with every vertex admissible: t1 = (T12, T31, V1), t2 = (T12, T23, V2),
#: t3 = (T23, T31, V3), b1 = (B12, B31, V1), b2 = (B12, B23, V2), b3 = (B23, B31, V3)
PRISM_DOMAIN = Domain(
    (
        free("T12"),
        free("T23"),
        free("T31"),
        coupled("V1", 0, 2),
        coupled("V2", 0, 1),
        coupled("V3", 1, 2),
        free("B12"),
        coupled("B31", 6, 3),
        coupled("B23", 6, 4),
    ),
    triads=((8, 7, 5),),
)


def cube(*colours: int) -> SpinNetwork:
    """The cube: squares ``0 1 2 3`` (edges ``b01, b12, b23, b30``) inside ``4 5 6 7``
    (edges ``t45, t56, t67, t74``) joined by ``v04, v15, v26, v37``; the twelve colours in
    the order of :data:`CUBE_EDGES`.

    >>> cube(*[2] * 12).evaluate()
    Fraction(3, 2)
    """
    (b01, b12, b23, b30, v04, v15, v26, v37, t45, t74, t56, t67) = colours
    edges = {
        "b01": (0, 1, b01), "b12": (1, 2, b12), "b23": (2, 3, b23), "b30": (3, 0, b30),
        "v04": (0, 4, v04), "v15": (1, 5, v15), "v26": (2, 6, v26), "v37": (3, 7, v37),
        "t45": (4, 5, t45), "t56": (5, 6, t56), "t67": (6, 7, t67), "t74": (7, 4, t74),
    }  # fmt: skip
    return _straight_line(edges, {**_ring([0, 1, 2, 3], 1.0), **_ring([4, 5, 6, 7], 2.0)})


#: edge names of :func:`cube` in parameter order
CUBE_EDGES = ("b01", "b12", "b23", "b30", "v04", "v15", "v26", "v37", "t45", "t74", "t56", "t67")

CUBE_DOMAIN = Domain(
    (
        free("b01"),
        free("b12"),
        free("b23"),
        free("b30"),
        coupled("v04", 0, 3),
        coupled("v15", 0, 1),
        coupled("v26", 1, 2),
        coupled("v37", 2, 3),
        free("t45"),
        coupled("t74", 8, 4),
        coupled("t56", 8, 5),
        coupled("t67", 10, 6),
    ),
    triads=((11, 9, 7),),
)


def bubbled_theta(a: int, b: int, c: int, d: int, p: int, q: int) -> SpinNetwork:
    """A theta net ``u, v`` (outer edges ``a``, ``b``) whose middle edge carries a bubble:
    ``u --c-- s ==(p, q)== t --d-- v``; vertex triads ``(a, b, c)``, ``(a, b, d)``,
    ``(c, p, q)``, ``(d, p, q)``.  It has two bubbles, ``(p, q)`` and ``(a, b)``, and its
    value vanishes unless ``c = d`` (Schur).

    >>> bubbled_theta(1, 1, 2, 2, 1, 1).evaluate()   # theta(1, 1, 2)^2 / Delta_2
    Fraction(3, 1)
    """
    net = SpinNetwork.from_edges(
        {
            "a": ("u", "v", a),
            "b": ("u", "v", b),
            "c": ("u", "s", c),
            "p": ("s", "t", p),
            "q": ("s", "t", q),
            "d": ("t", "v", d),
        },
        rotation={"u": ["c", "a", "b"], "v": ["a", "d", "b"], "s": ["p", "c", "q"], "t": ["d", "p", "q"]},
    )
    net.positions = {"u": (0.0, 0.0), "s": (1.0, 0.0), "t": (2.0, 0.0), "v": (3.0, 0.0)}
    return net


BUBBLED_THETA_DOMAIN = Domain(
    (free("a"), free("b"), coupled("c", 0, 1), coupled("d", 0, 1), free("p"), coupled("q", 4, 2)),
    triads=((3, 4, 5),),
)


def tetrahedron_with_loops(a: int, b: int, e: int, c: int, d: int, f: int, n: int, m: int) -> SpinNetwork:
    """``Tet[a b e; c d f]`` (:meth:`SpinNetwork.tetrahedron`) with two disjoint loops: colour
    ``n`` on the three bivalent vertices ``l0, l1, l2`` and colour ``m`` on the single
    bivalent vertex ``o`` (a self-loop).

    >>> tet = SpinNetwork.tetrahedron(*[2] * 6).evaluate()
    >>> tetrahedron_with_loops(2, 2, 2, 2, 2, 2, 1, 2).evaluate() == -2 * 3 * tet   # Delta_1 Delta_2 Tet
    True
    """
    net = SpinNetwork.tetrahedron(a, b, e, c, d, f)
    for k in range(3):
        net.add_edge(f"n{k}", f"l{k}", f"l{(k + 1) % 3}", n)
    net.add_edge("m", "o", "o", m)
    return net


_SIXJ = sixj_domain("j1", "j2", "j3", "j4", "j5", "j6")

#: the six colours of a 6j symbol (tetrahedron ``_tet_args``) and the two loop colours
TETRAHEDRON_WITH_LOOPS_DOMAIN = Domain((*_SIXJ.params, free("n"), free("m")), triads=_SIXJ.triads)


def _tet_args(j1: int, j2: int, j3: int, j4: int, j5: int, j6: int) -> tuple[int, int, int, int, int, int]:
    """Tetrahedron arguments ``(A, B, E, C, D, F)`` whose vertex triads are the four triads
    ``(j1 j2 j3), (j1 j5 j6), (j4 j2 j6), (j4 j5 j3)`` of a 6j symbol: the net
    ``Tet[j1 j2 j6; j4 j5 j3]`` (the argument order of
    :func:`~tqft.recoupling.kauffman_lins.unitary_from_tet`)."""
    return (j1, j2, j6, j4, j5, j3)


# --- checks --------------------------------------------------------------------------------


def _moves_preserve(ctx: QContext[Any, Any], net: SpinNetwork, combos: list[LinearCombination]) -> CheckResult:
    """``evaluate(net) == combo.evaluate()`` for every combination (first failure returned)."""
    before = net.evaluate(ctx)
    if not combos:  # a check must have something to compare
        return CheckResult(False, before, "no place to apply the move")
    result = CheckResult(True, before, before)
    for combo in combos:
        result = compare(before, combo.evaluate())
        if not result.passed:
            return result
    return result


#: edges of the prism the F-move identity moves: one per orbit of the prism's symmetry group
#: (a triangle edge and a vertical edge), which with every colouring enumerated covers
#: the F-move on every edge of every colouring up to symmetry
F_MOVE_EDGES = ("T12", "V1")


def _f_moves(ctx: QContext[Any, Any], colours: tuple[int, ...]) -> CheckResult:
    net = prism(*colours)
    return _moves_preserve(ctx, net, [f_move(net, e, ctx) for e in F_MOVE_EDGES])


def _bubbles(ctx: QContext[Any, Any], colours: tuple[int, ...]) -> CheckResult:
    net = bubbled_theta(*colours)
    return _moves_preserve(ctx, net, [remove_bubble(net, e1, e2, ctx) for e1, e2 in find_bubbles(net)])


def _triangles(ctx: QContext[Any, Any], colours: tuple[int, ...]) -> CheckResult:
    net = prism(*colours)
    return _moves_preserve(ctx, net, [reduce_triangle(net, t, ctx) for t in find_triangles(net)])


def _loops(ctx: QContext[Any, Any], colours: tuple[int, ...]) -> CheckResult:
    *six, n, m = colours
    net = tetrahedron_with_loops(*_tet_args(*six), n, m)
    combos = [remove_loop(net, loop_vertices, ctx) for loop_vertices in find_loops(net)]
    # and both loops removed in turn: Delta_n Delta_m times the tetrahedron
    first = remove_loop(net, "n0", ctx)
    ((c1, rest),) = first.terms
    ((c2, bare),) = remove_loop(rest, "o", ctx).terms
    combos.append(LinearCombination(((c1 * c2, bare),), ctx))
    return _moves_preserve(ctx, net, combos)


def absorption_orders(net: SpinNetwork, count: int = 3) -> list[list[Hashable]]:
    """Distinct explicit absorption orders of a trivalent planar network: greedy sweeps
    (:func:`tqft.spin_network.evaluate.plan`'s candidates) from ``count`` spread-out start
    vertices, plus the reverse of the first one (on the sphere the complement of a disc
    is a disc, so a reversed sweep is again valid; it is kept only if it attaches
    planarly).

    >>> orders = absorption_orders(cube(*[2] * 12))
    >>> len(orders) >= 3 and all(sorted(o) == list(range(8)) for o in orders)
    True
    """
    res = resolve(net)
    orders: list[list[Hashable]] = []
    for start in start_candidates(res, count):
        order = greedy_order(res, start)
        if order not in orders:
            orders.append(order)
    reverse = list(reversed(orders[0]))
    if reverse not in orders and order_cost(res, reverse) is not None:
        orders.append(reverse)
    return orders


def _orders(ctx: QContext[Any, Any], colours: tuple[int, ...]) -> CheckResult:
    net = cube(*colours)
    orders = absorption_orders(net)
    if len(orders) < 2:
        return CheckResult(False, orders, "fewer than two absorption orders")
    reference = net.evaluate(ctx, order=orders[0])
    result = CheckResult(True, reference, reference)
    for order in orders[1:]:
        result = compare(reference, net.evaluate(ctx, order=order))
        if not result.passed:
            return result
    return result


def _unitary_tet(*args: int) -> CheckResult:
    net = SpinNetwork.tetrahedron(*_tet_args(*args))
    return compare(net.evaluate(normalisation="unitary"), wigner_6j(*(spin(a) for a in args)))


# --- registration -----------------------------------------------------------------------------

_KL = "Kauffman-Lins 1994"


def _register_pair(
    name: str,
    title: str,
    statement: str,
    domain: Domain,
    body: Callable[[QContext[Any, Any], tuple[int, ...]], CheckResult],
    spins: tuple[float, float, float, float],
    reference: str,
    tags: tuple[str, ...],
) -> None:
    """Register ``name`` at q = 1 and ``q_name`` at generic q and the roots of unity; ``spins``
    are (default, random) bounds at q = 1, then at the levels."""

    def classical(*colours: int) -> CheckResult:
        return body(CLASSICAL, colours)

    def quantum(r: int, *colours: int) -> CheckResult:
        return body(level_context(r), colours)

    register(Identity(name, title + " (q = 1)", statement, domain, classical, spins[0], spins[1], reference, tags))
    register(
        Identity(
            "q_" + name,
            title + " (generic q and q = e^{i pi/r}, r = 3..12)",
            statement,
            domain.at_levels(),
            quantum,
            spins[2],
            spins[3],
            reference,
            ("q", *tags),
        )
    )


_register_pair(
    "spin_network_f_move",
    "F-move on the edges of the triangular prism preserves the evaluation",
    r"\langle N \rangle = \sum_i \begin{Bmatrix} a & b & i \\ c & d & j \end{Bmatrix}"
    r"\langle N_{j \to i} \rangle,\quad \begin{Bmatrix} a & b & i \\ c & d & j \end{Bmatrix} = "
    r"\frac{\mathrm{Tet}\begin{bmatrix} a & b & i \\ c & d & j \end{bmatrix}\Delta_i}{\theta(a,d,i)\theta(b,c,i)}",
    PRISM_DOMAIN,
    _f_moves,
    (1, 2, 0.5, 1),
    _KL + ", 10.2 (recoupling theorem)",
    ("spin network", "6j", "move"),
)

_register_pair(
    "spin_network_bubble",
    "bubble removal (Schur) on a theta net with an inserted bubble preserves the evaluation",
    r"\langle N \rangle = \delta_{c c'} \frac{\theta(a, b, c)}{\Delta_c} \langle N_{\text{bubble} \to c} \rangle",
    BUBBLED_THETA_DOMAIN,
    _bubbles,
    (1.5, 3, 1, 2),
    _KL + ", 6.4 (theta net) with Schur's lemma",
    ("spin network", "move"),
)

_register_pair(
    "spin_network_triangle",
    "triangle reduction on both triangular faces of the prism preserves the evaluation",
    r"\langle N \rangle = \frac{\mathrm{Tet}\begin{bmatrix} a & b & p \\ q & r & c \end{bmatrix}}"
    r"{\theta(a, b, c)} \langle N_{\triangle \to Y} \rangle",
    PRISM_DOMAIN,
    _triangles,
    (1, 2, 0.5, 1),
    _KL + ", 8.5 and 6.4 (tetrahedral and theta nets) with Schur's lemma",
    ("spin network", "6j", "move"),
)

_register_pair(
    "spin_network_loop",
    "removing a disjoint loop of colour n multiplies by Delta_n (tetrahedron with two loops)",
    r"\langle N \sqcup O_n \rangle = \Delta_n \langle N \rangle,\quad \Delta_n = (-1)^n [n+1]",
    TETRAHEDRON_WITH_LOOPS_DOMAIN,
    _loops,
    (1, 2, 0.5, 1.5),
    _KL + ", 4.3 (loop value)",
    ("spin network", "move"),
)

_register_pair(
    "spin_network_order_independence",
    "the evaluation of the cube does not depend on the absorption order",
    r"\mathrm{sweep}_{\sigma}(N) = \mathrm{sweep}_{\tau}(N)\ \text{for absorption orders}\ \sigma, \tau",
    CUBE_DOMAIN,
    _orders,
    (1, 1.5, 0.5, 1),
    "tqft.spin_network.evaluate (recoupling sweep); " + _KL + ", 10.2",
    ("spin network", "evaluation"),
)

register(
    Identity(
        name="spin_network_unitary_tet_6j",
        title="unitary tetrahedral network = Racah-Wigner 6j symbol (q = 1)",
        statement=r"\mathrm{Tet}\begin{bmatrix} a & b & f \\ d & e & c \end{bmatrix}_{\text{unitary}}"
        r" = \begin{Bmatrix} a & b & c \\ d & e & f \end{Bmatrix}",
        domain=_SIXJ,
        check=_unitary_tet,
        default_max_spin=2,
        random_max_spin=6,
        reference=_KL + ", 8.5 and 10.2; Edmonds 1957, (6.3.7)",
        tags=("spin network", "6j", "unitary"),
    )
)
