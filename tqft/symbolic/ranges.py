"""Admissibility: the triads of recoupling symbols, and the summation ranges they imply.

A sum written without bounds, :class:`SpinSum` (``Sum(f, x)`` in the input syntax), runs
over every value of ``x`` for which the summand can be nonzero.  For a spin ``x`` that is
``max |u - v| <= x <= min (u + v)`` over the triads ``(u, v, x)`` of the recoupling symbols
of the summand, in steps of 1 (every such triad fixes ``x`` modulo 1); for a projection
``m`` standing in the column of a spin ``j`` of a 3j symbol it is ``-j <= m <= j``.
:func:`explicit_limits` writes these bounds out; projection variables become the inner
sums, so that their bounds may depend on a summed spin.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sympy

from ..errors import InvalidArgumentError
from .functions import NineJ, RecouplingSymbol, SixJ, Tet, Theta, ThreeJ, is_spin_symbol

__all__ = ["SpinSum", "admissible_range", "explicit_limits", "triad_pairs", "triads"]

_TRIADS: dict[type, tuple[tuple[int, int, int], ...]] = {
    ThreeJ: ((0, 1, 2),),
    SixJ: ((0, 1, 2), (0, 4, 5), (3, 1, 5), (3, 4, 2)),
    NineJ: ((0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8)),
    Theta: ((0, 1, 2),),
    Tet: ((0, 4, 1), (1, 3, 2), (0, 1, 5), (3, 4, 5)),
}


def triads(node: RecouplingSymbol) -> Iterator[tuple[sympy.Basic, sympy.Basic, sympy.Basic]]:
    """The triples of arguments of a recoupling symbol that must be admissible for it to be nonzero."""
    for cls, positions in _TRIADS.items():
        if isinstance(node, cls):
            for i, j, k in positions:
                yield node.args[i], node.args[j], node.args[k]
            return


def triad_pairs(x: sympy.Symbol, symbols: Sequence[RecouplingSymbol]) -> list[tuple[sympy.Basic, sympy.Basic]]:
    """The pairs ``(u, v)`` of the triads ``(u, v, x)`` with ``u, v`` free of ``x``."""
    out = []
    for s in symbols:
        for t in triads(s):
            if x in t:
                others = [v for v in t if v != x]
                if len(others) == 2 and not any(x in v.free_symbols for v in others):
                    out.append((others[0], others[1]))
    return out


def _unique(xs: list[sympy.Basic]) -> list[sympy.Basic]:
    out: list[sympy.Basic] = []
    for v in xs:
        if not any(v == w or sympy.expand(v - w) == 0 for w in out):
            out.append(v)
    return out


def admissible_range(x: sympy.Symbol, symbols: Sequence[RecouplingSymbol]) -> tuple[sympy.Basic, sympy.Basic] | None:
    """``(Max |u - v|, Min (u + v))`` over the triads ``(u, v, x)`` of ``symbols``; None if none."""
    pairs = triad_pairs(x, symbols)
    if not pairs:
        return None
    lows = _unique([sympy.Abs(u - v) for u, v in pairs])
    highs = _unique([u + v for u, v in pairs])
    return sympy.Max(*lows), sympy.Min(*highs)


def _projection_range(m: sympy.Symbol, symbols: Sequence[RecouplingSymbol]) -> tuple[sympy.Basic, sympy.Basic] | None:
    for s in symbols:
        if isinstance(s, ThreeJ):
            for k in range(3):
                if s.args[k + 3] == m and m not in s.args[k].free_symbols:
                    j = s.args[k]
                    return -j, j
    return None


def explicit_limits(function: sympy.Basic, variables: Sequence[sympy.Symbol]) -> list[tuple[Any, ...]]:
    """The limits ``(x, lo, hi)`` implied by admissibility, inner (projections) first."""
    symbols = [n for n in sympy.preorder_traversal(function) if isinstance(n, RecouplingSymbol)]
    inner: list[tuple[sympy.Symbol, Any]] = []
    outer: list[tuple[sympy.Symbol, Any]] = []
    for x in variables:
        if is_spin_symbol(x):
            bounds = admissible_range(x, symbols)
            (outer if bounds else inner).append((x, bounds))
        else:
            inner.append((x, _projection_range(x, symbols)))
    out = []
    for x, bounds in inner + outer:
        if bounds is None:
            raise InvalidArgumentError(
                f"the sum over {x} has no bounds and no triad (u, v, {x}) or 3j column (j, {x}) in its summand "
                f"implies them; write Sum(f, ({x}, lo, hi))"
            )
        out.append((x, *bounds))
    return out


class SpinSum(sympy.Expr):
    """``SpinSum(f, x, ...)``: the sum of ``f`` over every admissible value of the variables.

    The range is implied by the summand (see the module docstring); ``.explicit()`` is the
    same sum as a :class:`sympy.Sum` with the bounds written out.

    >>> from tqft.symbolic.functions import SixJ, spins
    >>> a, b, c, d, f, x = spins("a b c d f x")
    >>> SpinSum((2*x + 1) * SixJ(a, b, x, c, d, f), x).explicit()
    Sum((2*x + 1)*SixJ(a, b, x, c, d, f), (x, Max(Abs(a - b), Abs(c - d)), Min(a + b, c + d)))
    """

    is_commutative = True

    def __new__(cls, function: Any, *variables: sympy.Symbol) -> SpinSum:
        if not variables or not all(isinstance(v, sympy.Symbol) for v in variables):
            raise InvalidArgumentError(f"SpinSum needs summation variables (symbols), not {variables!r}")
        return sympy.Expr.__new__(cls, sympy.sympify(function), *variables)

    @property
    def function(self) -> sympy.Basic:
        return self.args[0]

    @property
    def variables(self) -> tuple[sympy.Symbol, ...]:
        return tuple(self.args[1:])

    @property
    def free_symbols(self) -> set[sympy.Basic]:
        return self.function.free_symbols - set(self.variables)

    def explicit(self) -> sympy.Sum:
        """The same sum with the admissible bounds written out."""
        return sympy.Sum(self.function, *explicit_limits(self.function, self.variables))

    def _eval_is_real(self) -> bool | None:
        return self.function.is_real

    def _sympystr(self, printer: Any) -> str:
        return f"Sum({printer._print(self.function)}, {', '.join(printer._print(v) for v in self.variables)})"

    def _latex(self, printer: Any) -> str:
        under = ", ".join(printer._print(v) for v in self.variables)
        return rf"\sum_{{{under}}} {printer.parenthesize(self.function, 50)}"
