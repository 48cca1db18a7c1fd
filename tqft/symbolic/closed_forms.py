"""Closed forms of 3j and 6j symbols with one small spin, derived from Racah's formulas.

Families
--------
*6j symbols* ``{a b c; k e f}`` with the small spin ``k`` in :data:`SMALL_SPINS` (1/2, 1,
3/2, 2) in the fourth position.  The triads ``(k, b, f)`` and ``(k, e, c)`` force
``f = b + d1`` and ``e = c + d2`` with ``d1, d2`` in ``-k, -k+1, ..., k``; each pair
``(d1, d2)`` is one family with the free spins ``a, b, c`` (the layout of Edmonds,
Table 5, and Varshalovich et al., section 9.5).

*3j symbols* ``(j+d, j, k; m, -m-mu, mu)`` with ``k`` small in the third column,
``d, mu`` in ``-k..k``; each pair ``(d, mu)`` is one family with the free spin ``j`` and
projection ``m`` (the layout of Edmonds, Table 2, and Varshalovich et al., section 8.5).

Each closed form is *derived* when first requested (and cached): Racah's single sum with
the family's arguments substituted is reduced symbolically by
:func:`tqft.symbolic.closed_forms_derivation.reduce_racah_sum` -- the short summation
range, the terms as polynomials times one common factorial factor, their sum factored,
the triangle coefficients and the common factor cancelled under one square root -- to
the table form ``(-1)^phase * P/Q * sqrt(R)``.  :attr:`ClosedForm.steps` records the
derivation.  Nothing is typed in from a table; the tests compare the results with the
tables, with :func:`tqft.recoupling.wigner_6j` / :func:`~tqft.recoupling.wigner_3j` at
every admissible point with spins up to 20, and with ``sympy.physics.wigner``.

Conventions
-----------
Phases are those of Edmonds and ``sympy.physics.wigner`` (Condon-Shortley):
``(j1 j2 j3; m1 m2 m3) = (-1)^(j1-j2-m3) Delta(j1 j2 j3) sqrt(prod_i (j_i+m_i)!(j_i-m_i)!)
sum_z (-1)^z / (z! (j3-j2+z+m1)! (j3-j1+z-m2)! (j1+j2-j3-z)! (j1-z-m1)! (j2-z+m2)!)``
(Edmonds (3.7.3)) and Racah's single sum for the 6j symbol (Edmonds (6.3.7)), as in
:mod:`tqft.recoupling.racah_formulas`.  Spins are ``sympy.Symbol(name, nonnegative=True,
rational=True)``, projections ``sympy.Symbol(name, rational=True)``; a phase
``(-1)**E`` has an exponent ``E`` that is an integer on the family's domain.

References
----------
A. R. Edmonds, *Angular Momentum in Quantum Mechanics* (Princeton, 1957), Tables 2 and 5;
D. A. Varshalovich, A. N. Moskalev and V. K. Khersonskii, *Quantum Theory of Angular
Momentum* (World Scientific, 1988), Tables 8.x and 9.x; G. Racah, Phys. Rev. 62 (1942) 438.

Examples
--------
>>> form = sixj_closed_form("1/2", "1/2", "-1/2")
>>> form
sixj_closed_form('1/2', '1/2', '-1/2')
>>> print(form.name)
{a b c; 1/2 c-1/2 b+1/2}
>>> form.arguments
(a, b, c, 1/2, c - 1/2, b + 1/2)
>>> form.value
(-1)**(a + b + c)*sqrt((a - b + c)*(a + b - c + 1)/(4*c*(b + 1)*(2*b + 1)*(2*c + 1)))
>>> print(form.evaluate(2, "3/2", "1/2"))
sqrt(10)/10
>>> threej_closed_form("1/2", "1/2", "1/2").value
(-1)**(j - m - 1/2)*sqrt((2*j - 2*m + 1)/(4*(j + 1)*(2*j + 1)))
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache, lru_cache
from typing import Any

import sympy

from ..errors import InvalidArgumentError, InvalidSpinError
from ..exact.primes import squarefree_decomposition
from ..exact.quadratic import SqrtRational
from ..spins import admissible, colour, doubled, spin_str
from .closed_forms_derivation import Delta, Reduction, Z, reduce_racah_sum

__all__ = [
    "SMALL_SPINS",
    "ClosedForm",
    "sixj_closed_form",
    "sixj_closed_forms",
    "threej_closed_form",
    "threej_closed_forms",
]

#: The small spins k with derived families: 1/2, 1, 3/2, 2.
SMALL_SPINS: tuple[sympy.Rational, ...] = tuple(sympy.Rational(n, 2) for n in (1, 2, 3, 4))

_A, _B, _C, _J = (sympy.Symbol(n, nonnegative=True, rational=True) for n in "abcj")
_M = sympy.Symbol("m", rational=True)
_ZERO = SqrtRational._make(0, 1, 1)


@lru_cache(maxsize=1 << 14)
def _squarefree(n: int) -> tuple[int, int]:
    return squarefree_decomposition(n)


class _Evaluator:
    """Exact evaluation of ``(-1)^phase * K * P/Q * sqrt(f * N/D)`` at doubled integers.

    The polynomials are compiled, once, into a Python function of the doubled free
    variables ``X = 2x`` with integer coefficients (the scale factors ``2^-deg`` are folded
    into the constants), so evaluation is integer arithmetic only.
    """

    def __init__(self, red: Reduction, free: tuple[sympy.Symbol, ...], arguments: tuple[sympy.Expr, ...]) -> None:
        scale = Fraction(1)

        def compile_poly(g: sympy.Expr) -> tuple[str, Fraction]:
            # c x^e = c 2^-|e| X^e: integer coefficients after multiplying by the common denominator
            terms = [
                (Fraction(int(c.p), int(c.q)) / 2 ** sum(e), e) for e, c in sympy.Poly(g, *free, domain="QQ").terms()
            ]
            den = math.lcm(*(c.denominator for c, _ in terms)) if terms else 1
            parts = []
            for c, e in terms:
                factors = [str(int(c * den))] + [f"X{i}" if k == 1 else f"X{i}**{k}" for i, k in enumerate(e) if k]
                parts.append("*".join(factors))
            return "(" + (" + ".join(parts) or "0") + ")", Fraction(1, den)

        phase_src, phase_scale = compile_poly(red.phase)
        if phase_scale.numerator != 1:
            raise AssertionError(phase_scale)
        p_src, q_src = ["1"], ["1"]
        for g, e in red.numerator:
            src, s = compile_poly(g)
            p_src.append(src if e == 1 else f"{src}**{e}")
            scale *= s**e
        for g, e in red.denominator:
            src, s = compile_poly(g)
            q_src.append(src if e == 1 else f"{src}**{e}")
            scale /= s**e
        radicand = Fraction(int(red.radicand_constant))
        n_src, d_src = [], []
        for g in red.radicand_numerator:
            src, s = compile_poly(g)
            n_src.append(src)
            radicand *= s
        for g in red.radicand_denominator:
            src, s = compile_poly(g)
            d_src.append(src)
            radicand /= s
        # K * sqrt(u/v) = K * s / v * sqrt(f) with u v = s^2 f
        root, self.rad = squarefree_decomposition(radicand.numerator * radicand.denominator)
        k = Fraction(red.coefficient.p, red.coefficient.q) * scale * Fraction(root, radicand.denominator)
        self.num, self.den = k.numerator, k.denominator
        self.phase_den = phase_scale.denominator
        args_src = [compile_poly(2 * x) for x in arguments]
        names = ", ".join(f"X{i}" for i in range(len(free)))
        source = (
            f"def _value({names}):\n"
            f"    return ({phase_src}, {' * '.join(p_src)}, {' * '.join(q_src)}, "
            f"({', '.join(n_src)}{',' if n_src else ''}), ({', '.join(d_src)}{',' if d_src else ''}))\n"
            f"def _arguments({names}):\n"
            f"    return ({', '.join(s for s, _ in args_src)},)\n"
        )
        self.source = source
        namespace: dict[str, Any] = {}
        exec(compile(source, "<closed form>", "exec"), namespace)  # integer polynomials generated above
        self.parts: Callable[..., tuple[int, int, int, tuple[int, ...], tuple[int, ...]]] = namespace["_value"]
        self.arguments: Callable[..., tuple[int, ...]] = namespace["_arguments"]

    def __call__(self, *xs: int) -> SqrtRational:
        phase, p, q, ns, ds = self.parts(*xs)
        if p == 0:
            return _ZERO
        num = p * self.num
        den = q * self.den
        rad = self.rad
        for v in ns + ds:
            s, f = _squarefree(v)
            g = math.gcd(rad, f)
            num *= s * g
            rad = (rad // g) * (f // g)
        for v in ds:
            den *= v
        if (phase // self.phase_den) & 1:
            num = -num
        return SqrtRational._reduced(num, den, rad)


def _admissible_doubled(kind: str, args: tuple[int, ...]) -> bool:
    """Selection rules in colours (and doubled projections for the 3j symbol)."""
    if kind == "6j":
        a, b, c, d, e, f = args
        if min(args) < 0:
            return False
        return all(admissible(*t) for t in ((a, b, c), (a, e, f), (d, b, f), (d, e, c)))
    j1, j2, j3, m1, m2, m3 = args
    if min(j1, j2, j3) < 0 or m1 + m2 + m3 or not admissible(j1, j2, j3):
        return False
    return all(abs(m) <= j and not (j - m) & 1 for j, m in ((j1, m1), (j2, m2), (j3, m3)))


@dataclass(frozen=True)
class ClosedForm:
    """A derived closed form of a family of 3j or 6j symbols with one small spin.

    Attributes
    ----------
    kind
        ``"3j"`` or ``"6j"``.
    small
        The small spin ``k``.
    offsets
        ``(d1, d2)`` for ``{a b c; k, c+d2, b+d1}``; ``(d, mu)`` for ``(j+d, j, k; m, -m-mu, mu)``.
    free
        The free symbols: ``(a, b, c)`` or ``(j, m)``.
    arguments
        The six arguments of the symbol as expressions in ``free``.
    value
        The closed form ``(-1)**phase * rational * sqrt(radicand)``, an unevaluated sympy
        product in the layout of the tables (``.doit()`` evaluates it).
    conditions
        The admissibility conditions under which the closed form equals the symbol.
    steps
        The derivation: ``(description, sympy expression)`` pairs.
    phase, rational, radicand
        The parts of ``value``: an exponent that is an integer on the domain, a rational
        function ``P/Q`` (``P`` factored) and a product of linear factors, each positive on
        the domain.
    """

    kind: str
    small: sympy.Rational
    offsets: tuple[sympy.Rational, ...]
    free: tuple[sympy.Symbol, ...]
    arguments: tuple[sympy.Expr, ...]
    value: sympy.Expr
    conditions: tuple[str, ...]
    steps: tuple[tuple[str, sympy.Expr], ...]
    phase: sympy.Expr
    rational: sympy.Expr
    radicand: sympy.Expr
    _evaluator: _Evaluator = field(repr=False, compare=False, hash=False)

    @property
    def name(self) -> str:
        """``{a b c; 1/2 c-1/2 b+1/2}`` or ``(j+1/2 j 1/2; m -m-1/2 1/2)``."""
        top = " ".join(str(x).replace(" ", "") for x in self.arguments[:3])
        bottom = " ".join(str(x).replace(" ", "") for x in self.arguments[3:])
        return f"{{{top}; {bottom}}}" if self.kind == "6j" else f"({top}; {bottom})"

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"

    def __repr__(self) -> str:
        maker = "sixj_closed_form" if self.kind == "6j" else "threej_closed_form"
        return f"{maker}({', '.join(repr(str(x)) for x in (self.small, *self.offsets))})"

    def evaluate(self, *values: Any) -> SqrtRational:
        """The closed form at numeric values of :attr:`free`, exactly.

        Parameters
        ----------
        *values
            One number per free symbol (spins for ``a, b, c`` or ``j``, a projection for
            ``m``), in any form :mod:`tqft.spins` accepts.

        Raises
        ------
        InvalidSpinError
            If a value is not an integer or half-integer (or a spin is negative).
        InvalidArgumentError
            If the point violates :attr:`conditions` (there the symbol is zero and the
            closed form means nothing).

        Examples
        --------
        >>> print(sixj_closed_form(1, 0, 0).evaluate(1, 1, 1))
        1/6
        >>> print(threej_closed_form("1/2", "1/2", "1/2").evaluate(3, "5/2"))
        sqrt(14)/28
        """
        if len(values) != len(self.free):
            raise InvalidArgumentError(
                f"{self.name} takes {len(self.free)} values ({', '.join(map(str, self.free))}), got {len(values)}"
            )
        xs = tuple(doubled(v, str(x), signed=True) if x == _M else colour(v, str(x)) for x, v in zip(self.free, values))
        return self.evaluate_doubled(*xs)

    def evaluate_doubled(self, *xs: int, check: bool = True) -> SqrtRational:
        """:meth:`evaluate` at the doubled values ``2x`` (ints), the fast path of the sweeps.

        With ``check=False`` the point is trusted to satisfy :attr:`conditions`.
        """
        if check and not _admissible_doubled(self.kind, self._evaluator.arguments(*xs)):
            point = ", ".join(f"{x} = {spin_str(v)}" for x, v in zip(self.free, xs))
            raise InvalidArgumentError(
                f"{point} is outside the domain of the closed form {self.name}; it holds when "
                + "; ".join(self.conditions)
            )
        return self._evaluator(*xs)

    def latex(self) -> str:
        """``\\begin{Bmatrix}...\\end{Bmatrix} = ...`` (``pmatrix`` for 3j symbols).

        >>> lhs, rhs = threej_closed_form(1, 0, 0).latex().split(" = ")
        >>> print(lhs)
        \\begin{pmatrix} j & j & 1 \\\\ m & - m & 0 \\end{pmatrix}
        >>> print(rhs)
        \\left(-1\\right)^{j - m} \\frac{m}{\\sqrt{j \\left(j + 1\\right) \\left(2 j + 1\\right)}}
        """
        env = "Bmatrix" if self.kind == "6j" else "pmatrix"
        top = " & ".join(sympy.latex(x) for x in self.arguments[:3])
        bottom = " & ".join(sympy.latex(x) for x in self.arguments[3:])
        return f"\\begin{{{env}}} {top} \\\\ {bottom} \\end{{{env}}} = {sympy.latex(self.value)}"

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


# --- input checking ---------------------------------------------------------------------


def _small(small: Any) -> int:
    k2 = doubled(small, "small")
    if not 1 <= k2 <= 4:
        raise InvalidSpinError(
            f"small = {spin_str(k2)} is not a small spin with derived closed forms: expected one of 1/2, 1, 3/2, 2"
        )
    return k2


def _offset(value: Any, name: str, k2: int) -> int:
    d2 = doubled(value, name, signed=True)
    if abs(d2) > k2 or (k2 - d2) % 2:
        allowed = ", ".join(spin_str(x) for x in range(-k2, k2 + 1, 2))
        raise InvalidArgumentError(
            f"{name} = {spin_str(d2)} is not an offset for small = {spin_str(k2)}: expected one of {allowed}"
        )
    return d2


def _half(n: int) -> sympy.Rational:
    return sympy.Rational(n, 2)


# --- 6j --------------------------------------------------------------------------------


def _triad_factorials(x: sympy.Expr, y: sympy.Expr, w: sympy.Expr) -> list[tuple[sympy.Expr, int]]:
    """``Delta(x y w)^2`` as ``(argument, exponent)`` pairs (arguments may coincide)."""
    return [(x + y - w, 1), (x - y + w, 1), (-x + y + w, 1), (x + y + w + 1, -1)]


def _merge(target: dict[sympy.Expr, int], extra: list[tuple[sympy.Expr, int]]) -> None:
    for x, e in extra:
        x = sympy.expand(x)
        target[x] = target.get(x, 0) + e


@cache
def _sixj(k2: int, d12: int, d22: int) -> ClosedForm:
    a, b, c = _A, _B, _C
    k, d1, d2 = _half(k2), _half(d12), _half(d22)
    e, f = c + d2, b + d1
    triads = ((a, b, c), (a, e, f), (k, b, f), (k, e, c))
    alphas = tuple(sympy.expand(sum(t)) for t in triads)
    betas = tuple(sympy.expand(x) for x in (a + b + k + e, b + c + e + f, c + a + f + k))
    root: dict[sympy.Expr, int] = {}
    for t in triads:
        _merge(root, _triad_factorials(*t))
    summand = (-1) ** Z * sympy.factorial(Z + 1)
    summand /= sympy.Mul(*(sympy.factorial(Z - x) for x in alphas), *(sympy.factorial(x - Z) for x in betas))
    formula = sympy.Mul(*(Delta(*t) for t in triads)) * sympy.Sum(
        summand, (Z, sympy.Max(*alphas, evaluate=False), sympy.Min(*betas, evaluate=False))
    )
    red = reduce_racah_sum(
        formula=formula,
        formula_description=f"Racah's formula for {{a b c; k e f}} with k = {k}, e = {e}, f = {f}",
        symbol_shape="Delta(a b c) Delta(a e f) Delta(k b f) Delta(k e c)",
        root_description="the four triangle coefficients Delta^2",
        prefactor_phase=sympy.Integer(0),
        root_factorials=root,
        alphas=alphas,
        betas=betas,
        rising=True,
        free=(a, b, c),
    )
    conditions = [
        "a, b, c are non-negative integers or half-integers and a + b + c is an integer",
        "|b - c| <= a <= b + c",
    ]
    conditions.append(f"|{sympy.expand(f - e)}| <= a <= {sympy.expand(e + f)}")
    for x, d in ((b, d1), (c, d2)):
        if k - d > 0:
            conditions.append(f"{x} >= {(k - d) / 2}")
    arguments = (a, b, c, k, e, f)
    return ClosedForm(
        kind="6j",
        small=k,
        offsets=(d1, d2),
        free=(a, b, c),
        arguments=arguments,
        value=red.value,
        conditions=tuple(dict.fromkeys(conditions)),
        steps=red.steps,
        phase=red.phase,
        rational=red.rational,
        radicand=red.radicand,
        _evaluator=_Evaluator(red, (a, b, c), arguments),
    )


def sixj_closed_form(small: Any, d1: Any, d2: Any) -> ClosedForm:
    """The derived closed form of ``{a b c; k, c + d2, b + d1}`` (``k = small``).

    Parameters
    ----------
    small
        ``k``, one of :data:`SMALL_SPINS` (1/2, 1, 3/2, 2), in any form :mod:`tqft.spins` accepts.
    d1, d2
        The offsets ``f - b`` and ``e - c``: ``-k, -k+1, ..., k``.

    Returns
    -------
    ClosedForm
        Free symbols ``(a, b, c)``; cached, derived on the first call.

    Raises
    ------
    InvalidSpinError
        If ``small`` is not one of 1/2, 1, 3/2, 2.
    InvalidArgumentError
        If an offset is not one of ``-k, ..., k``.

    Notes
    -----
    Racah's single sum (Edmonds (6.3.7)) reduced by
    :func:`~tqft.symbolic.closed_forms_derivation.reduce_racah_sum`; phase convention of
    Edmonds and ``sympy.physics.wigner.wigner_6j``.  Compare Edmonds, Table 5, and
    Varshalovich et al., section 9.5 (Tables 9.1, 9.2).

    Examples
    --------
    >>> sixj_closed_form(1, 0, 0).value
    (-1)**(a + b + c + 1)*((-a**2 - a + b**2 + b + c**2 + c)/((2*sqrt(b*c*(b + 1)*(2*b + 1)*(c + 1)*(2*c + 1)))))
    >>> print(sixj_closed_form(1, 0, 0).evaluate(1, 1, 1))
    1/6
    """
    k2 = _small(small)
    return _sixj(k2, _offset(d1, "d1", k2), _offset(d2, "d2", k2))


def sixj_closed_forms(small: Any) -> tuple[ClosedForm, ...]:
    """All ``(2k+1)^2`` 6j families with the small spin ``k`` (``d1``, then ``d2``, increasing).

    >>> [f.offsets for f in sixj_closed_forms("1/2")]
    [(-1/2, -1/2), (-1/2, 1/2), (1/2, -1/2), (1/2, 1/2)]
    """
    k2 = _small(small)
    return tuple(_sixj(k2, x, y) for x in range(-k2, k2 + 1, 2) for y in range(-k2, k2 + 1, 2))


# --- 3j --------------------------------------------------------------------------------


@cache
def _threej(k2: int, dd: int, mu2: int) -> ClosedForm:
    j, m = _J, _M
    k, d, mu = _half(k2), _half(dd), _half(mu2)
    j1, j2, j3, m1, m2, m3 = j + d, j, k, m, -m - mu, mu
    root: dict[sympy.Expr, int] = {}
    _merge(root, _triad_factorials(j1, j2, j3))
    for x, y in ((j1, m1), (j2, m2), (j3, m3)):
        _merge(root, [(x + y, 1), (x - y, 1)])
    alphas = (sympy.Integer(0), sympy.expand(j2 - j3 - m1), sympy.expand(j1 - j3 + m2))
    betas = (sympy.expand(j1 + j2 - j3), sympy.expand(j1 - m1), sympy.expand(j2 + m2))
    summand = (-1) ** Z / sympy.Mul(*(sympy.factorial(Z - x) for x in alphas), *(sympy.factorial(x - Z) for x in betas))
    sqrt_part = sympy.sqrt(
        sympy.Mul(*(sympy.factorial(x + y) * sympy.factorial(x - y) for x, y in ((j1, m1), (j2, m2), (j3, m3))))
    )
    formula = (
        sympy.Pow(-1, j1 - j2 - m3, evaluate=False)
        * Delta(j1, j2, j3)
        * sqrt_part
        * sympy.Sum(summand, (Z, sympy.Max(*alphas, evaluate=False), sympy.Min(*betas, evaluate=False)))
    )
    red = reduce_racah_sum(
        formula=formula,
        formula_description=(
            f"Racah's formula (Edmonds (3.7.3)) for (j1 j2 j3; m1 m2 m3) with j1 = {j1}, j2 = j, j3 = {k}, "
            f"m1 = m, m2 = {m2}, m3 = {mu}"
        ),
        symbol_shape="(-1)^(j1-j2-m3) Delta(j1 j2 j3) sqrt(prod (j_i+m_i)! (j_i-m_i)!)",
        root_description="Delta(j1 j2 j3)^2, the factorials (j_i+m_i)! (j_i-m_i)!",
        prefactor_phase=sympy.expand(j1 - j2 - m3),
        root_factorials=root,
        alphas=alphas,
        betas=betas,
        rising=False,
        free=(j, m),
    )
    parity = j - m + (d - sympy.floor(d))  # j1 - m1 up to an integer
    conditions = [f"j is a non-negative integer or half-integer and {parity} is an integer"]
    if k - d > 0:
        conditions.append(f"j >= {(k - d) / 2}")
    conditions.append(f"|m| <= {j1}")
    conditions.append(f"|{sympy.expand(m + mu)}| <= j")
    arguments = (j1, j2, j3, m1, m2, m3)
    return ClosedForm(
        kind="3j",
        small=k,
        offsets=(d, mu),
        free=(j, m),
        arguments=arguments,
        value=red.value,
        conditions=tuple(dict.fromkeys(conditions)),
        steps=red.steps,
        phase=red.phase,
        rational=red.rational,
        radicand=red.radicand,
        _evaluator=_Evaluator(red, (j, m), arguments),
    )


def threej_closed_form(small: Any, d: Any, mu: Any) -> ClosedForm:
    """The derived closed form of ``(j+d, j, k; m, -m-mu, mu)`` (``k = small``).

    Parameters
    ----------
    small
        ``k``, one of :data:`SMALL_SPINS` (1/2, 1, 3/2, 2).
    d, mu
        The offset ``j1 - j2`` and the projection ``m3``: ``-k, -k+1, ..., k``.

    Returns
    -------
    ClosedForm
        Free symbols ``(j, m)``; cached, derived on the first call.

    Raises
    ------
    InvalidSpinError
        If ``small`` is not one of 1/2, 1, 3/2, 2.
    InvalidArgumentError
        If ``d`` or ``mu`` is not one of ``-k, ..., k``.

    Notes
    -----
    Racah's formula in Edmonds' form (3.7.3), phase ``(-1)^(j1-j2-m3)`` as in
    ``sympy.physics.wigner.wigner_3j``.  Compare Edmonds, Table 2, and Varshalovich et al.,
    section 8.5 (Tables 8.1-8.4, written there for Clebsch-Gordan coefficients).

    Examples
    --------
    >>> threej_closed_form(1, 0, 0).value
    (-1)**(j - m)*(m/(sqrt(j*(j + 1)*(2*j + 1))))
    """
    k2 = _small(small)
    return _threej(k2, _offset(d, "d", k2), _offset(mu, "mu", k2))


def threej_closed_forms(small: Any) -> tuple[ClosedForm, ...]:
    """All ``(2k+1)^2`` 3j families with the small spin ``k`` (``d``, then ``mu``, increasing)."""
    k2 = _small(small)
    return tuple(_threej(k2, x, y) for x in range(-k2, k2 + 1, 2) for y in range(-k2, k2 + 1, 2))
