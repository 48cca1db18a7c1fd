"""Exact evaluation of symbolic recoupling expressions at numeric spins.

:func:`exact_value` walks a sympy expression built from the symbols of
:mod:`tqft.symbolic.functions`, rational numbers, ``+``, ``*``, integer powers, square roots
of rationals (of quantum integers at generic q), phases ``(-1)^e``, powers of ``q``,
``KroneckerDelta``, ``Abs``, ``Max``, ``Min`` and finite sums ``Sum(f, (x, lo, hi))``, and
returns the exact number: an :class:`~tqft.exact.ExactReal` at q = 1 (sums of square
roots of rationals) or a :class:`~tqft.exact.radicals.QRadical` at generic q (the
expression contains a q-symbol, ``QInt`` or ``q``).  Nothing passes through floats and
sympy's own simplifier is never asked whether something is zero.

Conventions.

* ``Sum(f, (x, lo, hi))`` runs over ``x = lo, lo + 1, ...`` while ``x <= hi`` (sympy's
  reading), and is **empty when hi < lo** (not sympy's Karr convention, where such a sum is
  minus a sum): a spin sum whose admissible range is empty is zero.
* In a product the indicators (``Triangle``, ``InRange``, ``KroneckerDelta``) are evaluated
  first and a zero one ends the product, so a factor they guard (such as ``1/theta`` at an
  inadmissible triple) is never evaluated there.
* ``(-1)^e`` must have an integer exponent wherever the rest of its product is nonzero;
  otherwise :class:`~tqft.errors.NotRepresentableError` (the expression is not real there).
  Factors are evaluated left to right after the non-phase ones, so a phase next to an exact
  zero is never evaluated.
* The Kauffman-Lins nets are zero off the admissible set (their numeric functions raise).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy

from ..errors import InvalidArgumentError, NotRepresentableError
from ..exact.context import CLASSICAL
from ..exact.qcontexts import ExactQContext, generic_q
from ..exact.quadratic import ExactReal, Multiquadratic, SqrtRational
from ..recoupling import kauffman_lins as kl
from ..recoupling import racah_formulas as rf
from ..recoupling.wigner import ninej_colours, sixj_colours, threej_colours
from ..spins import admissible
from .functions import (
    InRange,
    Loop,
    NineJ,
    QInt,
    RecouplingSymbol,
    SixJ,
    Tet,
    Theta,
    ThreeJ,
    Triangle,
    q,
)
from .ranges import SpinSum

__all__ = ["MAX_TERMS", "exact_value", "is_quantum", "numeric", "to_sympy"]

#: Largest number of terms one sum may have in an evaluation (a guard against typos such as
#: an upper limit of 10**6; the checks substitute small spins).
MAX_TERMS = 20_000


def is_quantum(expr: sympy.Basic) -> bool:
    """Whether ``expr`` involves q (a q-symbol, ``QInt`` or the symbol ``q``)."""
    if q in expr.free_symbols:
        return True
    return any((isinstance(node, RecouplingSymbol) and node.quantum) or isinstance(node, QInt) for node in _nodes(expr))


def _nodes(expr: sympy.Basic) -> Any:
    return sympy.preorder_traversal(expr)


@lru_cache(maxsize=1)
def _generic() -> ExactQContext:
    return generic_q("q")


def numeric(expr: sympy.Basic, env: Mapping[sympy.Symbol, Fraction]) -> Fraction:
    """A spin-arithmetic expression (no recoupling symbols) as an exact :class:`~fractions.Fraction`."""
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    if expr.is_Symbol:
        try:
            return env[expr]
        except KeyError:
            raise InvalidArgumentError(f"symbol {expr} has no value: give every free spin a number") from None
    if expr.is_Add:
        return sum((numeric(a, env) for a in expr.args), Fraction(0))
    if expr.is_Mul:
        out = Fraction(1)
        for a in expr.args:
            out *= numeric(a, env)
        return out
    if expr.is_Pow and expr.exp.is_Integer:
        return numeric(expr.base, env) ** int(expr.exp)
    if isinstance(expr, sympy.Abs):
        return abs(numeric(expr.args[0], env))
    if isinstance(expr, sympy.Max):
        return max(numeric(a, env) for a in expr.args)
    if isinstance(expr, sympy.Min):
        return min(numeric(a, env) for a in expr.args)
    if isinstance(expr, sympy.floor):
        v = numeric(expr.args[0], env)
        return Fraction(v.numerator // v.denominator)
    raise InvalidArgumentError(f"{expr} is not a rational expression in the spins (in {type(expr).__name__})")


def _colour(v: Fraction, name: str) -> int | None:
    c = 2 * v
    if c.denominator != 1:
        raise NotRepresentableError(f"{name} = {v} is not an integer or half-integer")
    return int(c) if c >= 0 else None


class _Evaluator:
    def __init__(self, quantum: bool) -> None:
        self.quantum = quantum
        self.ctx: Any = _generic() if quantum else CLASSICAL

    # -- constants ------------------------------------------------------------------------
    def rational(self, v: Fraction) -> Any:
        if not self.quantum:
            return SqrtRational(v)
        ctx = self.ctx
        return ctx.value(ctx.from_int(v.numerator)) / ctx.value(ctx.from_int(v.denominator))

    def zero(self) -> Any:
        return self.rational(Fraction(0))

    def is_zero(self, x: Any) -> bool:
        return not x if not self.quantum else bool(x == self.zero())

    # -- the walk -------------------------------------------------------------------------
    def ev(self, e: sympy.Basic, env: dict[sympy.Symbol, Fraction]) -> Any:
        if e.is_Rational:
            return self.rational(Fraction(int(e.p), int(e.q)))
        if e.is_Symbol:
            if e == q:
                if not self.quantum:
                    raise InvalidArgumentError("q appears in an expression evaluated at q = 1")
                return self.ctx.value(self.ctx.qpower(2))
            return self.rational(numeric(e, env))
        if e.is_Add:
            terms = [self.ev(a, env) for a in e.args]
            if not self.quantum:
                return Multiquadratic.sum(terms)
            return self.ctx.sum_values(terms)
        if e.is_Mul:
            return self.product(e.args, env)
        if e.is_Pow:
            return self.power(e, env)
        if isinstance(e, sympy.Sum):
            return self.sum(e, env)
        if isinstance(e, SpinSum):
            return self.sum(e.explicit(), env)
        if isinstance(e, RecouplingSymbol):
            return self.symbol(e, env)
        if isinstance(e, QInt):
            n = numeric(e.args[0], env)
            if n.denominator != 1:
                raise NotRepresentableError(f"[{n}]: the quantum integer needs an integer")
            return self.qint(int(n))
        if isinstance(e, (Triangle, InRange, sympy.KroneckerDelta)):
            vals = [numeric(a, env) for a in e.args]
            return self.rational(Fraction(int(e.func(*(sympy.Rational(v.numerator, v.denominator) for v in vals)))))
        if isinstance(e, (sympy.Abs, sympy.Max, sympy.Min, sympy.floor)):
            return self.rational(numeric(e, env))
        raise InvalidArgumentError(f"cannot evaluate {e} exactly (unsupported {type(e).__name__})")

    def qint(self, n: int) -> Any:
        if not self.quantum:
            return SqrtRational(n)
        v = self.ctx.value(self.ctx.qint(abs(n)))
        return v if n >= 0 else -v

    def product(self, factors: tuple[sympy.Basic, ...], env: dict[sympy.Symbol, Fraction]) -> Any:
        phases = [f for f in factors if f.is_Pow and f.base == -1]
        out = self.rational(Fraction(1))
        # indicators first: a 0/1 factor guards the rest (e.g. 1/theta where theta = 0)
        guards = [f for f in factors if isinstance(f, (Triangle, InRange, sympy.KroneckerDelta))]
        for f in guards:
            if self.is_zero(self.ev(f, env)):
                return self.zero()
        for f in factors:
            if (f.is_Pow and f.base == -1) or f in guards:
                continue
            out = out * self.ev(f, env)
            if self.is_zero(out):
                return out
        for f in phases:
            out = out * self.phase(f.exp, env)
        return out

    def phase(self, exponent: sympy.Basic, env: dict[sympy.Symbol, Fraction]) -> Any:
        k = numeric(exponent, env)
        if k.denominator != 1:
            raise NotRepresentableError(f"(-1)^({exponent}) = (-1)^({k}) is not real; the expression is complex there")
        return self.rational(Fraction(-1 if k.numerator % 2 else 1))

    def power(self, e: sympy.Pow, env: dict[sympy.Symbol, Fraction]) -> Any:
        base, exp = e.base, e.exp
        if base == -1:
            return self.phase(exp, env)
        if base == q:
            k = numeric(exp, env) * 2
            if not self.quantum or k.denominator != 1:
                raise NotRepresentableError(f"q^({exp}) needs 2*exponent integral at generic q")
            return self.ctx.value(self.ctx.qpower(int(k)))
        k2 = numeric(exp, env) * 2
        if k2.denominator != 1:
            raise NotRepresentableError(f"{e}: only integer powers and square roots are exact here")
        half = int(k2)
        if half % 2 == 0:
            value = self.ev(base, env)
            n = half // 2
            if n >= 0:
                return value**n
            if self.is_zero(value):
                raise NotRepresentableError(f"{e}: division by zero at {dict(env)}")
            return self.rational(Fraction(1)) / value ** (-n)
        # a square root: of a rational (q = 1) or of a product of quantum integers (generic q)
        root = self.sqrt(base, env)
        rest = (half - 1) // 2 if half > 0 else (half + 1) // 2
        if rest:
            value = self.ev(base, env)
            root = root * value**rest if rest > 0 else root / value ** (-rest)
        return root if half > 0 else self.rational(Fraction(1)) / root

    def sqrt(self, base: sympy.Basic, env: dict[sympy.Symbol, Fraction]) -> Any:
        if not self.quantum:
            value = self.ev(base, env)
            if not value.is_rational():
                raise NotRepresentableError(f"sqrt({base}) of an irrational number is not supported")
            r = value.to_fraction()
            if r < 0:
                raise NotRepresentableError(f"sqrt({base}) = sqrt({r}) is not real")
            return SqrtRational.sqrt(r)
        ints: list[int] = []
        for f in sympy.Mul.make_args(base):
            if isinstance(f, QInt):
                ints.append(int(numeric(f.args[0], env)))
            elif f.is_Pow and isinstance(f.base, QInt) and f.exp.is_Integer:
                ints.extend([int(numeric(f.base.args[0], env))] * int(f.exp))
            else:
                raise NotRepresentableError(f"sqrt({base}) at generic q: only products of quantum integers")
        if any(n <= 0 for n in ints):
            raise NotRepresentableError(f"sqrt({base}) with a quantum integer [n], n <= 0")
        return self.ctx.sqrt_factorials(self.ctx.one, tuple(ints), tuple(n - 1 for n in ints))

    def sum(self, e: sympy.Sum, env: dict[sympy.Symbol, Fraction]) -> Any:
        return self._sum(e.function, list(e.limits), env)

    def _sum(self, body: sympy.Basic, limits: list[Any], env: dict[sympy.Symbol, Fraction]) -> Any:
        if not limits:
            return self.ev(body, env)
        lim, rest = limits[-1], limits[:-1]  # sympy's order: the first limit is the innermost sum
        if len(lim) != 3:
            raise InvalidArgumentError(
                f"the sum over {lim[0]} has no explicit range; make it explicit first "
                "(tqft.symbolic.derive states the admissible range)"
            )
        x, lo, hi = lim
        a, b = numeric(lo, env), numeric(hi, env)
        count = 0 if b < a else int((b - a) // 1) + 1
        if count > MAX_TERMS:
            raise InvalidArgumentError(f"the sum over {x} from {a} to {b} has {count} terms (limit {MAX_TERMS})")
        terms = []
        for k in range(count):
            inner = dict(env)
            inner[x] = a + k
            terms.append(self._sum(body, rest, inner))
        if not terms:
            return self.zero()
        return Multiquadratic.sum(terms) if not self.quantum else self.ctx.sum_values(terms)

    def symbol(self, e: RecouplingSymbol, env: dict[sympy.Symbol, Fraction]) -> Any:
        vals = [numeric(a, env) for a in e.args]
        names = type(e).arg_names or tuple(f"j{k}" for k in range(1, len(vals) + 1))
        cols: list[int] = []
        for k, (v, name) in enumerate(zip(vals, names)):
            if k in type(e).signed:
                c = 2 * v
                if c.denominator != 1:
                    raise NotRepresentableError(f"{name} = {v} is not an integer or half-integer")
                cols.append(int(c))
                continue
            col = _colour(v, name)
            if col is None:
                return self.zero()  # a negative spin (e.g. b - 1 at b = 0): the symbol vanishes
            cols.append(col)
        if self.quantum != type(e).quantum:
            raise InvalidArgumentError(f"{e} mixes q = 1 and q-symbols in one expression")
        if isinstance(e, ThreeJ):
            if self.quantum:
                return self.ctx.value(self.ctx.zero) if not admissible(*cols[:3]) else rf.threej(self.ctx, *cols)
            return threej_colours(*cols)
        if isinstance(e, SixJ):
            if self.quantum:
                return rf.sixj(self.ctx, *cols)
            return sixj_colours(*cols)
        if isinstance(e, NineJ):
            return ninej_colours(*cols)
        if isinstance(e, Theta):
            if not admissible(*cols):
                return self.zero()
            return self._ring(kl.theta(self.ctx, *cols))
        if isinstance(e, Tet):
            ca, cb, ce, cc, cd, cf = cols
            faces = ((ca, cd, ce), (cb, cc, ce), (ca, cb, cf), (cc, cd, cf))
            if not all(admissible(*t) for t in faces):
                return self.zero()
            return self._ring(kl.tet(self.ctx, *cols))
        if isinstance(e, Loop):
            return self._ring(kl.loop(self.ctx, cols[0]))
        raise InvalidArgumentError(f"no evaluation for {type(e).__name__}")  # pragma: no cover

    def _ring(self, x: Any) -> Any:
        if not self.quantum:
            return SqrtRational(x)
        return self.ctx.value(x)


def exact_value(expr: Any, values: Mapping[Any, Any] | None = None, *, quantum: bool | None = None) -> ExactReal | Any:
    """The exact value of ``expr`` with spins ``values`` substituted.

    Parameters
    ----------
    expr
        A sympy expression (see the module docstring for what may occur).
    values
        ``{symbol: number}``; numbers are ints, Fractions, strings such as ``"3/2"`` or sympy
        rationals.  Every free symbol except ``q`` needs a value.
    quantum
        Evaluate at generic q (``True``) or at q = 1 (``False``); default: generic q exactly
        when the expression involves q.

    Returns
    -------
    ExactReal or QRadical
        Exact; an exact zero is ``== 0``.

    Examples
    --------
    >>> from tqft.symbolic.functions import SixJ, spins
    >>> a, b, x = spins("a b x")
    >>> expr = sympy.Sum((2 * x + 1) * SixJ(a, b, x, a, b, sympy.S(1) / 2), (x, abs(a - b), a + b))
    >>> print(exact_value(expr, {a: 1, b: "3/2"}))   # (-1)^(2(a+b)), (a, b, 1/2) admissible
    -1
    """
    expr = sympy.sympify(expr)
    env: dict[sympy.Symbol, Fraction] = {}
    for k, v in (values or {}).items():
        key = sympy.Symbol(k) if isinstance(k, str) else k
        if isinstance(k, str):
            matches = [s for s in expr.free_symbols if s.name == k]
            key = matches[0] if matches else key
        env[key] = Fraction(str(v)) if not isinstance(v, sympy.Basic) else Fraction(int(v.p), int(v.q))
    quantum = is_quantum(expr) if quantum is None else quantum
    return _Evaluator(quantum).ev(expr, env)


def to_sympy(value: Any, *, quantum: bool = False) -> sympy.Expr:
    """An exact value as a sympy expression (in the symbol :data:`~tqft.symbolic.functions.q` at generic q)."""
    if quantum:
        return sympy.sympify(_generic().to_sympy(value))
    return sympy.sympify(value)
