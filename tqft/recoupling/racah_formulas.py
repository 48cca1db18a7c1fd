"""Racah's single-sum formulas, written once against a number context.

Every function takes a :class:`~tqft.exact.QContext` ``ctx`` first and uses only its
interface (quantum factorials, signs, ``q^(1/2)`` powers, square roots of factorial
ratios), so the same code evaluates the
classical symbols (``ctx = CLASSICAL``) and, through the quantum-group contexts, their
q-analogues.  Arguments are colours (``2j``) and doubled projections (``2m``) as produced
by :mod:`tqft.spins`; the public functions in :mod:`tqft.recoupling.wigner` parse and
check their input before calling these.

Formulas (Edmonds, *Angular Momentum in Quantum Mechanics*, (3.7.3) and section 6.3; NIST
DLMF sections 34.2 and 34.4; Racah,
Phys. Rev. 62 (1942) 438; for the q-analogues Kirillov and Reshetikhin 1989):

.. math::

    \\Delta(abc)^2 = \\frac{[a+b-c]!\\,[a-b+c]!\\,[-a+b+c]!}{[a+b+c+1]!}

.. math::

    \\begin{Bmatrix} j_1 & j_2 & j_3 \\\\ j_4 & j_5 & j_6 \\end{Bmatrix}
    = \\prod_{\\text{triads}} \\Delta \\sum_z \\frac{(-1)^z [z+1]!}
      {\\prod_{i=1}^4 [z-\\alpha_i]! \\prod_{j=1}^3 [\\beta_j - z]!}

with triad sums ``alpha = (j1+j2+j3, j1+j5+j6, j4+j2+j6, j4+j5+j3)`` and
``beta = (j1+j2+j4+j5, j2+j3+j5+j6, j3+j1+j6+j4)``.  In a q-context this is the
Kirillov-Reshetikhin q-6j (Racah-Wigner normalisation).  The Clebsch-Gordan coefficient is
Kirillov-Reshetikhin's q-CG (written out in :func:`_cg_core`), which at q = 1 is Racah's
formula with the Condon-Shortley phase; the 3j symbol is
``(-1)^(j1-j2-m3) [2 j3 + 1]^(-1/2) <j1 m1, j2 m2 | j3, -m3>``, which at q = 1 equals
``sympy.physics.wigner.wigner_3j`` exactly.

These are the reference implementations: plain, in the given argument order, without
symmetry reduction or caching.  The q = 1 fast path in
:mod:`tqft.recoupling.fast_classical` is tested against them.
"""

from __future__ import annotations

from typing import Any

from ..exact.context import QContext

__all__ = [
    "clebsch_gordan",
    "ninej",
    "racah_sum",
    "sixj",
    "threej",
    "triangle_coefficient_squared",
    "triangle_factorials",
]


def triangle_factorials(a: int, b: int, c: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Arguments of ``Delta(a, b, c)^2`` as (numerator, denominator) factorial arguments."""
    return ((a + b - c) // 2, (a - b + c) // 2, (-a + b + c) // 2), ((a + b + c) // 2 + 1,)


def triangle_coefficient_squared(ctx: QContext[Any, Any], a: int, b: int, c: int) -> Any:
    """``Delta(a, b, c)^2`` for an admissible triple of colours (see module docstring)."""
    f = ctx.qfactorial
    num, den = triangle_factorials(a, b, c)
    return f(num[0]) * f(num[1]) * f(num[2]) / f(den[0])


def racah_sum(ctx: QContext[Any, Any], alphas: tuple[int, ...], betas: tuple[int, ...]) -> Any:
    """``sum_z (-1)^z [z+1]! / (prod [z - alpha_i]! prod [beta_j - z]!)``, z over its range.

    ``alphas`` and ``betas`` are the triad sums and the sums of opposite pairs in spin
    units (integers); the range is ``max(alphas) <= z <= min(betas)``.
    """
    f = ctx.qfactorial
    total = ctx.zero
    for z in range(max(alphas), min(betas) + 1):
        den = ctx.one
        for al in alphas:
            den = den * f(z - al)
        for be in betas:
            den = den * f(be - z)
        total = total + ctx.sign(z) * f(z + 1) / den
    return total


def _zero_value(ctx: QContext[Any, Any]) -> Any:
    return ctx.value(ctx.zero)


def sixj(ctx: QContext[Any, Any], a: int, b: int, c: int, d: int, e: int, f: int) -> Any:
    """The 6j symbol ``{a b c; d e f}`` of colours in context ``ctx`` (zero if inadmissible).

    In a q-context this is the Racah-Wigner (unitary) q-6j symbol of Kirillov and
    Reshetikhin: the same formula with quantum factorials.
    """
    triads = ((a, b, c), (a, e, f), (d, b, f), (d, e, c))
    if not all(ctx.admissible(*t) for t in triads):
        return _zero_value(ctx)
    numer: list[int] = []
    denom: list[int] = []
    for t in triads:
        n, m = triangle_factorials(*t)
        numer.extend(n)
        denom.extend(m)
    alphas = tuple(sum(t) // 2 for t in triads)
    betas = ((a + b + d + e) // 2, (b + c + e + f) // 2, (c + a + f + d) // 2)
    return ctx.sqrt_factorials(racah_sum(ctx, alphas, betas), numer, denom)


def _projections_ok(ctx: QContext[Any, Any], a: int, b: int, c: int, x: int, y: int, z: int) -> bool:
    if x + y != z or not ctx.admissible(a, b, c):
        return False
    return all(abs(m) <= j and (j - m) % 2 == 0 for j, m in ((a, x), (b, y), (c, z)))


def _cg_core(ctx: QContext[Any, Any], a: int, b: int, c: int, x: int, y: int, z: int, with_dim: bool) -> Any:
    """``<a x, b y | c z>`` (``with_dim``) or the same without ``sqrt([c+1])``.

    Kirillov-Reshetikhin's q-Clebsch-Gordan formula, written with ``[n]`` symmetric in
    ``q <-> 1/q`` (their q is our ``q^2``)::

        q^{(j1+j2-j)(j1+j2+j+1)/2 + (j1 m2 - j2 m1)} sqrt([2j+1] Delta^2 prod [j +- m]!)
          * sum_k (-1)^k q^{-k (j1+j2+j+1)} / ([k]! [j1+j2-j-k]! [j1-m1-k]! [j2+m2-k]!
                                               [j-j2+m1+k]! [j-j1-m2+k]!)

    At q = 1 it is Racah's formula (DLMF 34.2.4 up to the 3j phase).
    """
    n1 = (a + b - c) // 2
    big = (a + b + c) // 2 + 1
    f = ctx.qfactorial
    lo = max(0, (b - c - x) // 2, (a - c + y) // 2)
    hi = min(n1, (a - x) // 2, (b + y) // 2)
    total = ctx.zero
    for k in range(lo, hi + 1):
        den = (
            f(k)
            * f(n1 - k)
            * f((a - x) // 2 - k)
            * f((b + y) // 2 - k)
            * f((c - b + x) // 2 + k)
            * f((c - a - y) // 2 + k)
        )
        total = total + ctx.sign(k) * ctx.qpower(-2 * k * big) / den
    total = total * ctx.qpower(n1 * big + (a * y - b * x) // 2)
    numer, denom = triangle_factorials(a, b, c)
    numer_l = list(numer)
    denom_l = list(denom)
    for j, m in ((a, x), (b, y), (c, z)):
        numer_l += [(j + m) // 2, (j - m) // 2]
    if with_dim:
        numer_l.append(c + 1)
        denom_l.append(c)
    return ctx.sqrt_factorials(total, numer_l, denom_l)


def clebsch_gordan(ctx: QContext[Any, Any], a: int, b: int, c: int, x: int, y: int, z: int) -> Any:
    """The (q-)Clebsch-Gordan coefficient ``<j1 m1, j2 m2 | j m>`` (colours, doubled projections).

    Zero unless ``m1 + m2 = m``, ``|m_i| <= j_i`` with ``j_i - m_i`` integral and the triple is
    admissible in ``ctx``.  Condon-Shortley phase at q = 1.
    """
    if not _projections_ok(ctx, a, b, c, x, y, z):
        return _zero_value(ctx)
    return _cg_core(ctx, a, b, c, x, y, z, with_dim=True)


def threej(ctx: QContext[Any, Any], a: int, b: int, c: int, x: int, y: int, z: int) -> Any:
    """The (q-)3j symbol ``(a b c; x y z)`` of colours and doubled projections.

    ``(j1 j2 j3; m1 m2 m3)_q = (-1)^(j1 - j2 - m3) [2 j3 + 1]^(-1/2) <j1 m1, j2 m2 | j3, -m3>_q``
    (the classical relation, DLMF 34.2.4, carried to q); at q = 1 it equals
    ``sympy.physics.wigner.wigner_3j`` exactly.
    """
    if not _projections_ok(ctx, a, b, c, x, y, -z):
        return _zero_value(ctx)
    core = _cg_core(ctx, a, b, c, x, y, -z, with_dim=False)
    return core * ctx.value(ctx.sign((a - b - z) // 2))


def ninej(ctx: QContext[Any, Any], colours: tuple[int, ...]) -> Any:
    """The 9j symbol of nine colours (row-major) as a sum of products of three 6j symbols.

    ``{a b c; d e f; g h i} = sum_x (-1)^(2x) (2x+1) {a b c; f i x} {d e f; b x h} {g h i; x a d}``
    (DLMF 34.6.2 for the transposed array; the 9j is invariant under transposition).
    """
    a, b, c, d, e, f, g, h, i = colours
    triads = ((a, b, c), (d, e, f), (g, h, i), (a, d, g), (b, e, h), (c, f, i))
    if not all(ctx.admissible(*t) for t in triads):
        return _zero_value(ctx)
    lo = max(abs(a - i), abs(d - h), abs(b - f))
    hi = min(a + i, d + h, b + f)
    terms = []
    for x in range(lo, hi + 1, 2):
        w = ctx.value(ctx.sign(x) * ctx.qint(x + 1))
        terms.append(w * sixj(ctx, a, b, c, f, i, x) * sixj(ctx, d, e, f, b, x, h) * sixj(ctx, g, h, i, x, a, d))
    return ctx.sum_values(terms)
