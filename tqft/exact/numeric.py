"""Numerical views of exact multiquadratic numbers, with guaranteed precision.

An exact value ``sum_k c_k sqrt(r_k)`` (``c_k`` rational, ``r_k`` distinct square-free)
is evaluated in mpmath at a working precision that is raised until a rigorous error
bound shows that the requested number of bits is correct.  Cancellation between terms
therefore costs time, never accuracy.  A nonzero exact value is never reported as zero:
square roots of distinct square-free integers are linearly independent over Q, so a
canonical nonzero sum has a nonzero value and the loop terminates.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import mpmath

__all__ = ["approximate", "evaluate", "sign_of"]

Terms = Sequence[tuple[int, Fraction]]


def approximate(terms: Terms, prec: int) -> tuple[mpmath.mpf, mpmath.mpf]:
    """Value and a rigorous absolute error bound at working precision ``prec`` bits."""
    ctx = mpmath.mp
    with mpmath.workprec(prec):
        total = ctx.zero
        magnitude = ctx.zero
        for rad, coef in terms:
            term = ctx.mpf(coef.numerator) / coef.denominator
            if rad != 1:
                term *= ctx.sqrt(rad)
            total += term
            magnitude += abs(term)
        # each term carries at most 4 roundings (int->mpf twice, /, *, sqrt), each sum one;
        # a relative 2^(1-prec) per rounding is a safe over-estimate.
        bound = magnitude * (len(terms) + 5) * ctx.ldexp(1, 2 - prec)
    return total, bound


def _separation_bits(terms: Terms) -> int:
    """Bits of precision that certainly separate a nonzero value from zero.

    For ``x = sum c_k sqrt(r_k)`` with ``n`` irrational terms, the product of its ``2^n``
    conjugates is a nonzero rational whose denominator divides ``D^(2^n)`` (``D`` the
    product of the coefficients' denominators), and every conjugate is at most
    ``S = sum |c_k| sqrt(r_k)`` in size.  Hence ``|x| >= D^(-2^n) S^(1 - 2^n)``, and a
    relative error below that bound (over ``S``) decides the sign.  Only a non-canonical
    zero (repeated radicands that cancel) can exhaust it.
    """
    n = sum(1 for r, _ in terms if r != 1)
    log_d = sum(c.denominator.bit_length() for _, c in terms)
    log_s = max(abs(c.numerator).bit_length() + r.bit_length() // 2 + 1 for r, c in terms) + len(terms).bit_length()
    return (1 << n) * (log_d + log_s + 2) + 64


def _check_work(work: int, terms: Terms) -> None:
    if work > 2 * _separation_bits(terms) + 128:
        raise ArithmeticError("could not separate the value from zero; the terms are not canonical")


def evaluate(terms: Terms, prec: int) -> mpmath.mpf:
    """``sum c sqrt(r)`` as an mpmath ``mpf`` with ``prec`` correct bits (relative).

    The result is an mpf rounded to ``prec`` bits; it is exactly zero only for the
    empty sum.
    """
    if not terms:
        return mpmath.mpf(0)
    work = prec + 20
    while True:
        value, bound = approximate(terms, work)
        if value != 0 and bound <= abs(value) * mpmath.ldexp(1, -prec - 2):
            with mpmath.workprec(prec):
                return +value
        work *= 2
        _check_work(work, terms)


def sign_of(terms: Terms) -> int:
    """Sign (-1, 0 or 1) of ``sum c sqrt(r)``, decided exactly."""
    if not terms:
        return 0
    if len(terms) == 1:
        return 1 if terms[0][1] > 0 else -1
    work = 64
    while True:
        value, bound = approximate(terms, work)
        if abs(value) > bound:
            return 1 if value > 0 else -1
        work *= 2
        _check_work(work, terms)
