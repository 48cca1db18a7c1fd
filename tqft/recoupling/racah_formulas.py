"""Racah's single-sum formulas, written once against a number context.

Every function takes a :class:`~tqft.exact.QContext` ``ctx`` first and uses only its
interface (quantum factorials, signs, ``sqrt_times``), so the same code evaluates the
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
``beta = (j1+j2+j4+j5, j2+j3+j5+j6, j3+j1+j6+j4)``.  The 3j symbol uses Racah's formula in
the form (and with the Condon-Shortley phase) of ``sympy.physics.wigner.wigner_3j``.

These are the reference implementations: plain, in the given argument order, without
symmetry reduction or caching.  The q = 1 fast path in
:mod:`tqft.recoupling.fast_classical` is tested against them.
"""

from __future__ import annotations

from typing import Any

from ..exact.context import QContext

__all__ = ["ninej", "racah_sum", "sixj", "threej", "triangle_coefficient_squared"]


def triangle_coefficient_squared(ctx: QContext[Any, Any], a: int, b: int, c: int) -> Any:
    """``Delta(a, b, c)^2`` for an admissible triple of colours (see module docstring)."""
    f = ctx.qfactorial
    return f((a + b - c) // 2) * f((a - b + c) // 2) * f((-a + b + c) // 2) / f((a + b + c) // 2 + 1)


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
    return ctx.sqrt_times(ctx.zero, ctx.one)


def sixj(ctx: QContext[Any, Any], a: int, b: int, c: int, d: int, e: int, f: int) -> Any:
    """The 6j symbol ``{a b c; d e f}`` of colours in context ``ctx`` (zero if inadmissible)."""
    triads = ((a, b, c), (a, e, f), (d, b, f), (d, e, c))
    if not all(ctx.admissible(*t) for t in triads):
        return _zero_value(ctx)
    radicand = ctx.one
    for t in triads:
        radicand = radicand * triangle_coefficient_squared(ctx, *t)
    alphas = tuple(sum(t) // 2 for t in triads)
    betas = ((a + b + d + e) // 2, (b + c + e + f) // 2, (c + a + f + d) // 2)
    return ctx.sqrt_times(racah_sum(ctx, alphas, betas), radicand)


def threej(ctx: QContext[Any, Any], a: int, b: int, c: int, x: int, y: int, z: int) -> Any:
    """The 3j symbol ``(a b c; x y z)`` (colours, doubled projections) at q = 1 phases.

    Zero unless ``x + y + z = 0``, each ``|m| <= j`` with ``j - m`` integral, and the
    triple is admissible.  (The q-analogue multiplies terms by powers of q; that factor
    belongs to the quantum-group contexts and is 1 here.)
    """
    if x + y + z != 0 or not ctx.admissible(a, b, c):
        return _zero_value(ctx)
    for j, m in ((a, x), (b, y), (c, z)):
        if abs(m) > j or (j - m) % 2:
            return _zero_value(ctx)
    f = ctx.qfactorial
    radicand = triangle_coefficient_squared(ctx, a, b, c)
    for j, m in ((a, x), (b, y), (c, z)):
        radicand = radicand * f((j + m) // 2) * f((j - m) // 2)
    # sympy.physics.wigner.wigner_3j's sum, in spin units
    lo = max(0, (a + y - c) // 2, (b - x - c) // 2)
    hi = min((b + y) // 2, (a - x) // 2, (a + b - c) // 2)
    total = ctx.zero
    for k in range(lo, hi + 1):
        den = (
            f(k)
            * f(k + (c - a - y) // 2)
            * f((b + y) // 2 - k)
            * f((a - x) // 2 - k)
            * f(k + (c - b + x) // 2)
            * f((a + b - c) // 2 - k)
        )
        total = total + ctx.sign(k) / den
    return ctx.sqrt_times(ctx.sign((a - b - z) // 2) * total, radicand)


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
        w = ctx.sqrt_times(ctx.sign(x) * ctx.from_int(x + 1), ctx.one)
        terms.append(w * sixj(ctx, a, b, c, f, i, x) * sixj(ctx, d, e, f, b, x, h) * sixj(ctx, g, h, i, x, a, d))
    return ctx.sum_values(terms)
