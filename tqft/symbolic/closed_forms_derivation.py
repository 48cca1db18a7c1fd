"""The derivation engine behind :mod:`tqft.symbolic.closed_forms`: a Racah single sum with
one small spin, reduced symbolically to ``(-1)^phase * P/Q * sqrt(R)``.

Racah's formulas for the 3j and the 6j symbol are single sums of the shape

.. math::

    \\sum_z (-1)^z \\frac{[(z+1)!]}{\\prod_i (z-\\alpha_i)!\\,\\prod_j (\\beta_j-z)!}

(the numerator ``(z+1)!`` for the 6j symbol only), multiplied by a square root of a ratio
of factorials.  When one spin ``k`` is a small number and the others are symbols, some
``beta_q - alpha_p`` is a small integer ``n <= 2k`` independent of the symbols, so with
``z = alpha_p + t`` only ``t = 0..n`` can contribute (``1/(negative integer)! = 0``).
:func:`reduce_racah_sum` then

1. finds the pair ``(alpha_p, beta_q)`` with the smallest constant difference ``n``;
2. writes every term as a *polynomial* times one common factor
   ``C = (-1)^alpha_p (alpha_p+1)! / (prod_i (alpha_p - alpha_i + n)! prod_j (beta_j - alpha_p)!)``,
   using ``(X+t)! = X! (X+1)...(X+t)`` for the numerator and the *largest* argument
   ``(Y+n)!`` as the base of each denominator factorial, ``1/(Y+t)! = (Y+t+1)...(Y+n)/(Y+n)!``.
   Every base argument is non-negative on the admissible domain (it is ``beta_q - alpha_i``
   or ``beta_j - alpha_p``, and ``beta_j >= alpha_i`` for all ``i, j`` are exactly the
   selection rules: triangle inequalities, and ``|m| <= j`` for the 3j symbol), so ``C`` is a finite non-zero number
   there, and a term with ``z < alpha_i`` is zero because its polynomial contains the
   factor ``0``: the reduction is valid at every admissible point, not just generically;
3. sums the ``n + 1`` polynomials into ``P`` and factors it;
4. puts the triangle coefficients and ``C^2`` under one square root and cancels the
   factorials class by class (arguments differing by an integer constant), which leaves a
   product of linear factors, each *strictly positive* on the domain (``(X+u)`` with
   ``X!`` a factorial of the formula and ``u >= 1``);
5. combines ``P`` with the root (equal factors merge; even powers leave the root) and
   returns the phase, the rational part and the radicand.

The sign is carried symbolically: every factorial is positive and the triangle
coefficients are positive square roots, so the sign is ``(-1)^alpha_p`` times the sign of
``P`` -- no sample point is needed.

References: G. Racah, Phys. Rev. 62 (1942) 438; A. R. Edmonds, *Angular Momentum in
Quantum Mechanics* (1957), (3.7.3) and (6.3.7).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy

from ..errors import DerivationError

__all__ = ["Reduction", "reduce_racah_sum"]

Z = sympy.Symbol("z", integer=True)
Delta = sympy.Function("Delta")

Step = tuple[str, sympy.Expr]


@dataclass(frozen=True)
class Reduction:
    """Result of :func:`reduce_racah_sum`: ``value = (-1)**phase * rational * sqrt(radicand)``.

    ``numerator`` and ``denominator`` list the factors of the rational part as
    ``(polynomial, exponent)``; ``radicand_numerator`` / ``radicand_denominator`` the linear
    factors left under the root (each positive on the admissible domain);
    ``coefficient`` is the positive rational constant in front and ``radicand_constant``
    the square-free integer under the root.
    """

    phase: sympy.Expr
    coefficient: sympy.Rational
    numerator: tuple[tuple[sympy.Expr, int], ...]
    denominator: tuple[tuple[sympy.Expr, int], ...]
    radicand_constant: sympy.Integer
    radicand_numerator: tuple[sympy.Expr, ...]
    radicand_denominator: tuple[sympy.Expr, ...]
    steps: tuple[Step, ...]

    @property
    def rational(self) -> sympy.Expr:
        """The rational part ``K * P / Q`` (evaluated sympy expression)."""
        p = sympy.Mul(*(g**e for g, e in self.numerator))
        q = sympy.Mul(*(g**e for g, e in self.denominator))
        return self.coefficient * p / q

    @property
    def radicand(self) -> sympy.Expr:
        """The expression under the square root (evaluated sympy expression)."""
        return self.radicand_constant * sympy.Mul(*self.radicand_numerator) / sympy.Mul(*self.radicand_denominator)

    @property
    def value(self) -> sympy.Expr:
        """``(-1)**phase * K P/Q * sqrt(R)``, kept unevaluated so that it prints in table form."""
        return table_form(self)


def _product(const: sympy.Rational, factors: Sequence[sympy.Expr]) -> sympy.Expr:
    """``const * prod(factors)`` without sympy distributing the number over a lone sum."""
    body = sympy.Mul(*factors)
    if const == 1:
        return body
    if isinstance(body, sympy.Add):
        return sympy.Mul(const, body, evaluate=False)
    return const * body


def _quotient(top: sympy.Expr, bottom: sympy.Expr) -> sympy.Expr:
    if bottom == 1:
        return top
    return sympy.Mul(top, sympy.Pow(bottom, -1, evaluate=False), evaluate=False)


def _root(top: sympy.Expr, bottom: sympy.Expr) -> sympy.Expr:
    """``sqrt(top / bottom)`` kept as one root (sympy would split off positive factors)."""
    if bottom == 1:
        return sympy.Pow(top, sympy.S.Half, evaluate=False)
    if isinstance(top, sympy.Add) or isinstance(bottom, sympy.Add):
        inner = top / bottom
        if isinstance(inner, sympy.Add):  # a number was distributed over the sum
            inner = _quotient(top, bottom)
    else:
        inner = top / bottom
    return sympy.Pow(inner, sympy.S.Half, evaluate=False)


def table_form(r: Reduction) -> sympy.Expr:
    """The closed form as an unevaluated sympy product in the layout of the tables.

    ``(-1)^phase sqrt(K^2 f N/D)`` when the rational part is a constant ``K``;
    ``(-1)^phase K P / (Q sqrt(D))`` when only a denominator is left under the root;
    otherwise ``(-1)^phase K P sqrt(f N/D) / Q``.
    """
    k = r.coefficient
    p = sympy.Mul(*(g**e for g, e in r.numerator))
    q = sympy.Mul(*(g**e for g, e in r.denominator))
    f = r.radicand_constant
    factors: list[sympy.Expr] = []
    if r.phase != 0:
        factors.append(sympy.Pow(-1, r.phase, evaluate=False))
    if p == 1 and q == 1:
        c = k**2 * f
        top = _product(sympy.Integer(c.p), r.radicand_numerator)
        bottom = _product(sympy.Integer(c.q), r.radicand_denominator)
        factors.append(_root(top, bottom) if (top, bottom) != (1, 1) else sympy.Integer(1))
    else:
        numerator = _product(sympy.Integer(k.p), [p])
        bottom = _product(sympy.Integer(k.q), [q])
        if f == 1 and not r.radicand_numerator:  # K P / (Q sqrt(D))
            if r.radicand_denominator:
                root = _root(sympy.Mul(*r.radicand_denominator), sympy.Integer(1))
                bottom = root if bottom == 1 else sympy.Mul(bottom, root, evaluate=False)
            factors.append(_quotient(numerator, bottom))
        else:  # K P / Q * sqrt(f N / D)
            factors.append(_quotient(numerator, bottom))
            factors.append(_root(_product(f, r.radicand_numerator), sympy.Mul(*r.radicand_denominator)))
    if len(factors) == 1:
        return factors[0]
    return sympy.Mul(*factors, evaluate=False)


# --- factorial bookkeeping ---------------------------------------------------------------


def _factorial_expr(facts: dict[sympy.Expr, int]) -> sympy.Expr:
    """A factorial multiset ``{argument: exponent}`` as a sympy product (for the steps)."""
    return sympy.Mul(*(sympy.factorial(x) ** e for x, e in facts.items() if e))


def cancel_factorials(facts: dict[sympy.Expr, int]) -> tuple[sympy.Rational, dict[sympy.Expr, int]]:
    """Cancel a product of factorials ``prod x!^e`` into a constant times linear factors.

    Arguments are grouped by their non-constant part ``X``; within a group they differ by
    integers, and ``(X+c)! = (X+c0)! (X+c0+1)...(X+c)`` with ``c0`` the smallest constant of
    the group.  The exponents of each group must add up to zero (otherwise the product is
    not a rational function; :class:`DerivationError`).  Returns ``(constant, {factor:
    exponent})`` with every factor ``X+u``, ``u > c0``.
    """
    classes: dict[sympy.Expr, list[tuple[sympy.Rational, int]]] = defaultdict(list)
    for arg, e in facts.items():
        if e:
            c0, rest = sympy.expand(arg).as_coeff_Add()
            classes[rest].append((sympy.Rational(c0), e))
    const = sympy.Rational(1)
    linear: dict[sympy.Expr, int] = defaultdict(int)
    for rest, items in classes.items():
        if rest == 0:
            for c0, e in items:
                if not c0.is_Integer or c0 < 0:
                    raise DerivationError(f"factorial of {c0} in the formula")
                const *= sympy.factorial(c0) ** e
            continue
        if sum(e for _, e in items) != 0:
            raise DerivationError(f"factorials of {rest} + const do not cancel: {items}")
        low = min(c0 for c0, _ in items)
        for c0, e in items:
            steps = c0 - low
            if not steps.is_Integer:
                raise DerivationError(f"arguments {rest} + {c0} and {rest} + {low} differ by a non-integer")
            for u in range(1, int(steps) + 1):
                linear[rest + low + u] += e
    return const, {f: e for f, e in linear.items() if e}


# --- the reduction ----------------------------------------------------------------------


def _constant_pair(alphas: Sequence[sympy.Expr], betas: Sequence[sympy.Expr]) -> tuple[int, int, int]:
    """``(n, p, q)``: the smallest constant ``beta_q - alpha_p`` (ties: smallest ``p``, ``q``)."""
    found = []
    for p, al in enumerate(alphas):
        for q, be in enumerate(betas):
            d = sympy.expand(be - al)
            if d.is_Number:
                if not d.is_Integer or d < 0:
                    raise DerivationError(f"beta_{q + 1} - alpha_{p + 1} = {d}: the family is empty")
                found.append((int(d), p, q))
    if not found:
        raise DerivationError("no alpha_i, beta_j differ by a constant: the sum is not short")
    return min(found)


def _terms(
    ap: sympy.Expr, n: int, alphas: Sequence[sympy.Expr], betas: Sequence[sympy.Expr], rising: bool
) -> list[sympy.Expr]:
    """The ``n + 1`` terms divided by the common factor, each a product of linear factors."""
    out = []
    for t in range(n + 1):
        factors: list[sympy.Expr] = []
        if rising:  # (z+1)! = (ap+1)! (ap+2) ... (ap+1+t)
            factors += [ap + u for u in range(2, t + 2)]
        for al in alphas:  # 1/(z - al)! = (ap-al+t+1) ... (ap-al+n) / (ap-al+n)!
            base = sympy.expand(ap - al)
            factors += [base + u for u in range(t + 1, n + 1)]
        for be in betas:  # 1/(be - z)! = (be-ap) (be-ap-1) ... (be-ap-t+1) / (be-ap)!
            base = sympy.expand(be - ap)
            factors += [base - u for u in range(t)]
        out.append(sympy.Mul(sympy.Integer(-1) ** t, *factors))
    return out


def _orient(g: sympy.Expr, free: Sequence[sympy.Symbol]) -> tuple[sympy.Expr, int]:
    """A factor of ``P`` in a readable orientation: ``(g', s)`` with ``g = s * g'``, ``s = +-1``;
    the factor is flipped when most of its coefficients are negative (``b + c - a``, not
    ``a - b - c``)."""
    coeffs = sympy.Poly(g, *free).coeffs()
    if sum(1 for x in coeffs if x < 0) > sum(1 for x in coeffs if x > 0):
        return sympy.expand(-g), -1
    return g, 1


def _normalise_phase(phase: sympy.Expr, free: Sequence[sympy.Symbol]) -> sympy.Expr:
    """Reduce the constant of a phase exponent to ``(-1, 1]`` (the exponent is an integer on
    the domain, so shifting it by an even integer does not change ``(-1)^phase``); flip the
    sign of the whole exponent when most symbol coefficients are negative."""
    phase = sympy.expand(phase)
    coeffs = [phase.coeff(x) for x in free]
    if sum(1 for x in coeffs if x < 0) > sum(1 for x in coeffs if x > 0):
        phase = -phase
    c0, rest = phase.as_coeff_Add()
    c0 = sympy.Rational(c0)
    c0 = c0 - 2 * sympy.floor((c0 + 1) / 2)
    if c0 == -1:
        c0 = sympy.Integer(1)
    return rest + c0


def reduce_racah_sum(
    *,
    formula: sympy.Expr,
    formula_description: str,
    symbol_shape: str,
    root_description: str,
    prefactor_phase: sympy.Expr,
    root_factorials: dict[sympy.Expr, int],
    alphas: Sequence[sympy.Expr],
    betas: Sequence[sympy.Expr],
    rising: bool,
    free: Sequence[sympy.Symbol],
) -> Reduction:
    """Reduce ``(-1)^prefactor_phase sqrt(prod x!^e) sum_z (-1)^z [(z+1)!] / (prod (z-alpha_i)!
    prod (beta_j-z)!)`` to table form.

    Parameters
    ----------
    formula, formula_description
        The formula with the family's arguments substituted, and its description (the
        first step of the record).
    symbol_shape, root_description
        How the formula factors in front of the sum (``"Delta(a b c) ... Delta(k e c)"``)
        and what the factorials under the root are, for the step descriptions.
    prefactor_phase
        Exponent of the phase in front of the sum (``j1 - j2 - m3`` for the 3j symbol).
    root_factorials
        ``{argument: exponent}`` of the factorials under the square root in front of the
        sum (squared triangle coefficients, and ``(j +- m)!`` for the 3j symbol).
    alphas, betas
        The lower and upper limits of the factorials in the denominator of the sum.
    rising
        Whether the sum has the numerator ``(z+1)!`` (Racah's 6j formula).
    free
        The symbols of the family.

    Returns
    -------
    Reduction
        Phase, rational part, radicand and the recorded steps.

    Raises
    ------
    DerivationError
        If no ``beta_q - alpha_p`` is constant, or the factorials do not cancel.
    """
    steps: list[Step] = [(formula_description, formula)]
    n, p, q = _constant_pair(alphas, betas)
    ap = sympy.expand(alphas[p])
    steps.append(
        (
            f"summation range: beta_{q + 1} - alpha_{p + 1} = {n} does not depend on the spins, so "
            f"z = alpha_{p + 1} + t with t = 0..{n} (alpha_{p + 1} = {ap}); every other term has a factor "
            "1/(negative integer)! = 0",
            sympy.Tuple(ap, ap + n),
        )
    )
    # common factor C = (-1)^ap (ap+1)! / (prod (ap - al + n)! prod (be - ap)!)
    common: dict[sympy.Expr, int] = defaultdict(int)
    if rising:
        common[ap + 1] += 1
    for al in alphas:
        common[sympy.expand(ap - al + n)] -= 1
    for be in betas:
        common[sympy.expand(be - ap)] -= 1
    common_expr = sympy.Pow(-1, ap, evaluate=False) * _factorial_expr(common)
    steps.append(
        (
            "common factor C of the terms (each factorial argument is >= 0 on the admissible domain: "
            "numerator factorials at t = 0, denominator factorials at t = n)",
            common_expr,
        )
    )
    terms = _terms(ap, n, alphas, betas, rising)
    steps.append(
        (
            "the terms t = 0..n divided by C, polynomials by (X+t)!/X! = (X+1)...(X+t) and "
            "(Y+n)!/(Y+t)! = (Y+t+1)...(Y+n)",
            sympy.Tuple(*terms),
        )
    )
    total = sympy.expand(sympy.Add(*terms))
    if total == 0:
        raise DerivationError("the sum vanishes identically")
    coeff, factors = sympy.factor_list(total, *free)
    steps.append((f"P = sum of the terms, factored; the symbol is {symbol_shape} * C * P", sympy.factor(total)))

    # everything under one root: Delta^2 (and (j+-m)!) times C^2
    root: dict[sympy.Expr, int] = defaultdict(int)
    for x, e in root_factorials.items():
        root[sympy.expand(x)] += e
    for x, e in common.items():
        root[x] += 2 * e
    steps.append((f"{root_description} and C^2 under one square root (C = (-1)^alpha_p |C|)", _factorial_expr(root)))
    const, linear = cancel_factorials(root)
    steps.append(
        (
            "factorial ratios cancelled class by class: (X+c)!/(X+c0)! = (X+c0+1)...(X+c); every factor "
            "left is positive on the admissible domain",
            const * sympy.Mul(*(f**e for f, e in linear.items())),
        )
    )

    # atoms: primitive polynomial -> exponent (half-integers for the root)
    atoms: dict[sympy.Expr, sympy.Rational] = defaultdict(lambda: sympy.Rational(0))
    root_const = sympy.Rational(const)
    for f, e in linear.items():
        content, prim = f.as_content_primitive()
        if content < 0:
            content, prim = -content, -prim
        root_const *= sympy.Rational(content) ** e
        atoms[prim] += sympy.Rational(e, 2)
    sign = 1 if coeff > 0 else -1
    outside = abs(sympy.Rational(coeff))
    for g, e in factors:
        g = sympy.expand(g)
        if g in atoms:
            atoms[g] += e
        elif sympy.expand(-g) in atoms:
            atoms[sympy.expand(-g)] += e
            sign *= (-1) ** e
        else:
            g2, s = _orient(g, free)
            content, prim = g2.as_content_primitive()
            if content < 0:
                content, prim = -content, -prim
            outside *= sympy.Rational(content) ** e
            atoms[prim] += e
            sign *= s**e
    numerator, denominator, rad_num, rad_den = [], [], [], []
    for g, e in atoms.items():
        whole = int(sympy.sign(e) * sympy.floor(abs(e)))
        half = e - whole
        if whole > 0:
            numerator.append((g, whole))
        elif whole < 0:
            denominator.append((g, -whole))
        if half > 0:
            rad_num.append(g)
        elif half < 0:
            rad_den.append(g)
    # sqrt(u/v) = sqrt(u v) / v and u v = s^2 f
    uv = int(root_const.p * root_const.q)
    square, free_part = _squarefree(uv)
    outside *= sympy.Rational(square, root_const.q)
    phase = sympy.expand(prefactor_phase + ap + (0 if sign > 0 else 1))
    phase = _normalise_phase(phase, free)
    key = _sort_key(free)
    red = Reduction(
        phase=phase,
        coefficient=outside,
        numerator=tuple(sorted(numerator, key=lambda ge: key(ge[0]))),
        denominator=tuple(sorted(denominator, key=lambda ge: key(ge[0]))),
        radicand_constant=sympy.Integer(free_part),
        radicand_numerator=tuple(sorted(rad_num, key=key)),
        radicand_denominator=tuple(sorted(rad_den, key=key)),
        steps=(),
    )
    steps.append(
        (
            "square root simplified: even powers taken out of the root, factors of P merged with "
            "equal factors under the root, the sign of P moved into the phase",
            table_form(red),
        )
    )
    return Reduction(**{**red.__dict__, "steps": tuple(steps)})


def _sort_key(free: Sequence[sympy.Symbol]) -> Callable[[sympy.Expr], tuple[int, str]]:
    """Order factors by the number of symbols they involve, then as printed."""

    def key(g: sympy.Expr) -> tuple[int, str]:
        return (len(g.free_symbols), str(g))

    return key


def _squarefree(n: int) -> tuple[int, int]:
    """``n = s^2 f`` with ``f`` square-free (small integers only)."""
    s, f = 1, 1
    for prime, e in sympy.factorint(n).items():
        s *= prime ** (e // 2)
        if e % 2:
            f *= prime
    return s, f
