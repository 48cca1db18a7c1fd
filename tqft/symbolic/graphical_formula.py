"""The pieces of a graphical-reduction formula: coefficients of the moves and the nested product.

The coefficient functions are the Kauffman-Lins formulas of :mod:`tqft.spin_network.moves`
with spins instead of colours, as sympy expressions in
:class:`~tqft.symbolic.functions.Theta`, :class:`~tqft.symbolic.functions.Tet` and
:class:`~tqft.symbolic.functions.Loop` (their q-versions with ``quantum=True``).
:func:`theta_symbol` and :func:`tet_symbol` put the symmetric nets in a canonical form, so
that equal factors are recognised and cancel.

:class:`Formula` is the formula under construction in :func:`tqft.symbolic.graphical.reduce_network`:
a product of factors inside nested sums (one level per F-move), with exponents collected
per level, the factors placed at the outermost level their symbols allow, and the
indicators (``KroneckerDelta``, ``Triangle``) put *first* in every (unevaluated) product so
that :func:`~tqft.symbolic.evaluate.exact_value` meets a zero indicator before a
``1/theta`` that vanishes with it.

References
----------
[KL] L. H. Kauffman and S. L. Lins, *Temperley-Lieb Recoupling Theory and Invariants of
3-Manifolds*, Annals of Mathematics Studies 134, Princeton University Press, 1994.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import sympy

from .functions import Loop, QLoop, QTet, QTheta, Tet, Theta, Triangle

__all__ = [
    "Formula",
    "Level",
    "bubble_coefficient",
    "fmove_coefficient",
    "loop_value",
    "tet_symbol",
    "theta_symbol",
    "triad_key",
    "triangle_coefficient",
]


def theta_symbol(a: Any, b: Any, c: Any, quantum: bool = False) -> sympy.Expr:
    """``theta(a, b, c)`` (Kauffman-Lins, [KL] 6.4) with its arguments sorted (it is symmetric).

    >>> from tqft.symbolic.functions import spins
    >>> c, a, b = spins("c a b")
    >>> theta_symbol(c, a, b)
    Theta(a, b, c)
    """
    args = sorted(map(sympy.sympify, (a, b, c)), key=sympy.default_sort_key)
    return (QTheta if quantum else Theta)(*args)


TET_EDGES = (("X", "Z"), ("Z", "Y"), ("X", "Y"), ("Y", "W"), ("W", "X"), ("Z", "W"))


def tet_symbol(a: Any, b: Any, e: Any, c: Any, d: Any, f: Any, quantum: bool = False) -> sympy.Expr:
    """``Tet[a b e; c d f]`` ([KL] 8.5) in a canonical form among its 24 symmetric forms.

    The tetrahedral net is invariant under the symmetries of the tetrahedron (its value
    depends on the planar graph only, and mirror images have equal Kauffman-Lins values);
    with vertices ``X = (a, d, e)``, ``Y = (b, c, e)``, ``Z = (a, b, f)``, ``W = (c, d, f)``
    the 24 relabellings of the vertices give the 24 forms, and the least in sympy's sort
    order is returned.

    >>> from tqft.symbolic.functions import spins
    >>> a, b, c, d, e, f = spins("a b c d e f")
    >>> tet_symbol(f, e, d, c, b, a) == tet_symbol(a, b, c, d, e, f)
    False
    >>> tet_symbol(b, a, e, d, c, f) == tet_symbol(a, b, e, c, d, f)
    True
    """
    edge = {frozenset(pair): sympy.sympify(x) for pair, x in zip(TET_EDGES, (a, b, e, c, d, f))}
    best: tuple[Any, ...] | None = None
    best_key: tuple[Any, ...] = ()
    for perm in itertools.permutations("XYZW"):
        name = dict(zip("XYZW", perm))
        args = tuple(edge[frozenset((name[p], name[q]))] for p, q in TET_EDGES)
        key = tuple(sympy.default_sort_key(x) for x in args)
        if best is None or key < best_key:
            best, best_key = args, key
    assert best is not None
    return (QTet if quantum else Tet)(*best)


def loop_value(j: Any, quantum: bool = False) -> sympy.Expr:
    """``Delta_{2j} = (-1)^{2j} [2j + 1]``, the value of a loop of spin ``j`` ([KL] 6.3)."""
    return (QLoop if quantum else Loop)(j)


def bubble_coefficient(a: Any, b: Any, c: Any, quantum: bool = False) -> sympy.Expr:
    """``theta(a, b, c) / Delta_{2c}``: a bubble ``a, b`` on a strand ``c`` is this times the strand.

    Schur's lemma ([KL] 6.5): the two-leg diagram is a multiple of the identity of ``c``;
    closing both sides gives the factor (times ``delta(c, c')`` for legs ``c``, ``c'``).
    """
    return theta_symbol(a, b, c, quantum) / loop_value(c, quantum)


def triangle_coefficient(a: Any, b: Any, c: Any, p: Any, q: Any, r: Any, quantum: bool = False) -> sympy.Expr:
    """``Tet[a b p; q r c] / theta(a, b, c)``: a triangle with legs ``a, b, c`` and sides
    ``p`` (between the legs ``a`` and ``b``), ``q`` (``b, c``), ``r`` (``c, a``) is this times
    the vertex ``(a, b, c)``.

    Schur's lemma for three legs ([KL] 8.5, the convention of
    :func:`tqft.spin_network.moves.reduce_triangle`): closing the triangle and the vertex
    with a vertex ``(a, b, c)`` gives the tetrahedron with vertex triads ``(a, p, r)``,
    ``(b, p, q)``, ``(c, q, r)``, ``(a, b, c)`` and the theta net.
    """
    return tet_symbol(a, b, p, q, r, c, quantum) / theta_symbol(a, b, c, quantum)


def fmove_coefficient(x: Any, y: Any, z: Any, w: Any, j: Any, i: Any, quantum: bool = False) -> sympy.Expr:
    """The recoupling coefficient ``{x y i; z w j} = Tet[x y i; z w j] Delta_{2i} /
    (theta(x, w, i) theta(y, z, i))`` ([KL] 10.2, :func:`tqft.recoupling.kauffman_lins.recoupling_coefficient`).

    For an edge ``j`` with legs ``x, y`` at one end and ``z, w`` at the other (in cyclic
    order), the diagram is ``sum_i {x y i; z w j}`` times the diagram in which ``w, x``
    meet ``y, z`` through an edge ``i`` (:func:`tqft.spin_network.moves.f_move`).
    """
    return (
        tet_symbol(x, y, i, z, w, j, quantum)
        * loop_value(i, quantum)
        / (theta_symbol(x, w, i, quantum) * theta_symbol(y, z, i, quantum))
    )


def triad_key(t: Sequence[sympy.Expr]) -> tuple[sympy.Expr, ...]:
    """A triad as a sorted tuple of expanded expressions (equal triads, equal keys)."""
    return tuple(sorted((sympy.expand(x) for x in t), key=sympy.default_sort_key))


class Level:
    """The factors at one depth of the nested sums (depth 0: outside every sum)."""

    def __init__(self, limit: tuple[sympy.Symbol, sympy.Expr, sympy.Expr] | None) -> None:
        self.limit = limit
        self.powers: dict[sympy.Expr, int] = {}
        self.indicators: dict[sympy.Expr, sympy.Expr | None] = {}  # indicator -> the theta it protects


class Formula:
    """A product of factors inside nested sums, with exponents collected per level."""

    def __init__(self, quantum: bool, unconditional: set[tuple[sympy.Expr, ...]]) -> None:
        self.quantum = quantum
        self.constant: sympy.Expr = sympy.S.One
        self.levels = [Level(None)]
        self.sum_vars: list[sympy.Symbol] = []
        self.unconditional = unconditional
        self.zero = False

    def level_of(self, expr: sympy.Basic) -> int:
        syms = expr.free_symbols
        return max((k for k, s in enumerate(self.sum_vars, start=1) if s in syms), default=0)

    def multiply(self, expr: sympy.Expr) -> None:
        """Multiply by ``expr``: each factor goes to the outermost level its sum variables allow."""
        for f in sympy.Mul.make_args(sympy.sympify(expr)):
            if f.is_Rational:
                self.constant *= f
                self.zero = self.zero or f == 0
                continue
            base, exp = f.as_base_exp()
            if not exp.is_Integer:
                base, exp = f, sympy.S.One
            if isinstance(base, sympy.KroneckerDelta):
                self.levels[self.level_of(base)].indicators[base] = None
                continue
            level = self.levels[self.level_of(base)]
            level.powers[base] = level.powers.get(base, 0) + int(exp)
            if not level.powers[base]:
                del level.powers[base]

    def guard(self, triple: Sequence[sympy.Expr]) -> str:
        """``Triangle(triple)`` unless the triple is known to be admissible; says what it did."""
        if triad_key(triple) in self.unconditional:
            return ""
        g = Triangle(*triple)
        if g == 0:
            self.zero = True
            return f"{sympy.sstr(tuple(triple))} is not admissible: the network is 0"
        if g == 1:
            return ""
        if self._fold(triple):
            var = self.sum_vars[self.level_of(sympy.Tuple(*triple)) - 1]
            return f"{sympy.sstr(g)} restricts the range of {var}"
        self.levels[self.level_of(g)].indicators[g] = theta_symbol(
            triple[0], triple[1], triple[2], quantum=self.quantum
        )
        return f"the factor {sympy.sstr(g)} makes the triangle 0 when its legs are not admissible"

    def _fold(self, triple: Sequence[sympy.Expr]) -> bool:
        """Restrict the innermost sum containing the triple instead of adding ``Triangle``.

        When the triple is ``(p, q, i)`` with ``i`` the variable of that sum and ``p, q``
        free of it, ``Triangle(p, q, i) = 1`` exactly for ``|p - q| <= i <= p + q`` (the
        integrality of ``p + q + i`` holds on the whole range: every vertex triad has an
        integral sum), so the indicator becomes part of the range.
        """
        k = self.level_of(sympy.Tuple(*triple))
        if k == 0:
            return False
        var = self.sum_vars[k - 1]
        rest = [x for x in triple if x != var]
        if len(rest) != 2 or any(var in x.free_symbols for x in rest):
            return False
        p, q = rest
        level = self.levels[k]
        assert level.limit is not None
        _, lo, hi = level.limit
        level.limit = (var, sympy.Max(lo, sympy.Abs(p - q)), sympy.Min(hi, p + q))
        return True

    def open_sum(self, var: sympy.Symbol, lo: sympy.Expr, hi: sympy.Expr) -> None:
        self.levels.append(Level((var, lo, hi)))
        self.sum_vars.append(var)

    def expr(self, remainder: sympy.Expr | None = None) -> sympy.Expr:
        """The formula (times ``remainder`` in the innermost sum), indicators first in every product."""
        if self.zero:
            return sympy.S.Zero
        inner: sympy.Expr | None = None
        for k in range(len(self.levels) - 1, -1, -1):
            level = self.levels[k]
            kept = [
                g for g, protects in level.indicators.items() if protects is None or level.powers.get(protects, 0) < 0
            ]
            factors: list[sympy.Expr] = sorted(kept, key=sympy.default_sort_key)
            if k == 0 and self.constant != 1:
                factors.insert(0, self.constant)
            factors += [b**e for b, e in sorted(level.powers.items(), key=lambda be: sympy.default_sort_key(be[0]))]
            if k == len(self.levels) - 1 and remainder is not None:
                factors.append(remainder)
            if inner is not None:
                factors.append(inner)
            body = _product(factors)
            inner = sympy.Sum(body, level.limit) if level.limit is not None else body
        assert inner is not None
        return inner


def _product(factors: list[sympy.Expr]) -> sympy.Expr:
    if not factors:
        return sympy.S.One
    if len(factors) == 1:
        return factors[0]
    return sympy.Mul(*factors, evaluate=False)
