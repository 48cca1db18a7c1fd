"""Number contexts: the small interface every recoupling formula is written against.

A *q-context* tells one formula which ring it is computed in.  The Racah sums, the
triangle coefficients and the Kauffman-Lins theta and tetrahedral nets are written once
in terms of

* ``ctx.zero``, ``ctx.one``, ``ctx.from_int(n)`` and the ring operations of its elements
  (``+``, ``-``, ``*``, ``/`` by a nonzero element);
* ``ctx.qint(n)``, the quantum integer ``[n] = (q^n - q^-n) / (q - q^-1)``, and
  ``ctx.qfactorial(n) = [1][2]...[n]`` (cached);
* ``ctx.sign(n) = (-1)^n``;
* ``ctx.sum_values(values)``: the sum of values in the value type;
* ``ctx.sqrt_times(c, r)``: the value ``c * sqrt(r)`` in the context's *value* type,
  which may be richer than the ring (square roots need not exist in the ring);
  ``ctx.value(c)`` for ``c`` itself, and ``ctx.sqrt_factorials(c, numer, denom)`` for
  ``c * sqrt(prod [n]! / prod [m]!)``, the factorised form recoupling radicands are passed in;
* ``ctx.qpower(k) = q^(k/2)`` (1 at q = 1), for the q-phases of Clebsch-Gordan coefficients;
* ``ctx.workspace()``: a context manager for the computation (working precision of a
  numeric context);
* ``ctx.is_zero(x)``, ``ctx.to_mpmath(x, prec)``, ``ctx.to_sympy(x)``;
* ``ctx.admissible(a, b, c)`` for colours, which at a root of unity adds the level bound.

Implemented here: :class:`ClassicalContext` (q = 1, exact rationals, values are
:class:`~tqft.exact.SqrtRational`).  Generic q, roots of unity and an mpmath numeric
context implement the same class (:mod:`tqft.exact.qcontexts`); no formula is copied to
serve them.
"""

from __future__ import annotations

import contextlib
import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any, Generic, TypeVar

import mpmath

from ..errors import NotRepresentableError
from ..spins import admissible as _classical_admissible
from .quadratic import ExactReal, Multiquadratic, SqrtRational

__all__ = ["CLASSICAL", "Q_MINUS_ONE", "ClassicalContext", "QContext", "QMinusOneContext"]

E = TypeVar("E")  # ring elements
V = TypeVar("V")  # values c * sqrt(r)


class QContext(ABC, Generic[E, V]):
    """Abstract number context for q-analogue formulas (see the module docstring).

    Subclasses set :attr:`name` and implement the abstract methods; the factorial cache,
    the sign and the admissibility rule have working defaults.
    """

    #: short name used in messages and reprs, e.g. ``"classical"``
    name: str = "abstract"

    @property
    @abstractmethod
    def zero(self) -> E:
        """Additive identity of the ring."""

    @property
    @abstractmethod
    def one(self) -> E:
        """Multiplicative identity of the ring."""

    @abstractmethod
    def from_int(self, n: int) -> E:
        """The image of the integer ``n`` in the ring."""

    @abstractmethod
    def qint(self, n: int) -> E:
        """The quantum integer ``[n]``."""

    def qfactorial(self, n: int) -> E:
        """The quantum factorial ``[n]! = [1][2]...[n]`` (``[0]! = 1``); cached per context."""
        if n < 0:
            raise ValueError(f"n = {n} must be non-negative for a factorial")
        cache = self.__dict__.setdefault("_qfactorials", [self.one])
        while len(cache) <= n:
            cache.append(cache[-1] * self.qint(len(cache)))
        return cache[n]

    def sign(self, n: int) -> E:
        """``(-1)^n`` as a ring element."""
        return self.one if n % 2 == 0 else -self.one  # type: ignore[operator]

    @abstractmethod
    def sqrt_times(self, coefficient: E, radicand: E) -> V:
        """The value ``coefficient * sqrt(radicand)`` (``radicand`` is a square in no ring we
        can assume, so the value type carries the root)."""

    def qpower(self, k: int) -> E:
        """``q^(k/2)`` (``s^k`` with ``s = q^(1/2)``); 1 at q = 1."""
        return self.one

    def value(self, c: E) -> V:
        """The ring element ``c`` as a value (no square root)."""
        return self.sqrt_times(c, self.one)

    def sqrt_factorials(self, coefficient: E, numer: Sequence[int], denom: Sequence[int]) -> V:
        """``coefficient * sqrt(prod_n [n]! / prod_m [m]!)``: the radicals of recoupling theory.

        Formulas pass radicands in this factorised form so that exact q-contexts can keep
        them canonical (cyclotomic q-primes, :mod:`tqft.exact.radicals`); the default
        multiplies the factorials out and calls :meth:`sqrt_times`."""
        f = self.qfactorial
        radicand = self.one
        for n in numer:
            radicand = radicand * f(n)  # type: ignore[operator]
        for n in denom:
            radicand = radicand / f(n)  # type: ignore[operator]
        return self.sqrt_times(coefficient, radicand)

    def workspace(self) -> contextlib.AbstractContextManager[Any]:
        """Context manager for a computation in this context (working precision of a
        numeric context; nothing for exact ones)."""
        return contextlib.nullcontext()

    def sum_values(self, values: list[V]) -> V:
        """Sum of values of the form ``c * sqrt(r)`` whose total has that form again
        (as every 9j sum does)."""
        total = self.sqrt_times(self.zero, self.one)
        for v in values:
            total = total + v  # type: ignore[operator]
        return total

    def is_zero(self, x: Any) -> bool:
        """Exact (or, for numeric contexts, documented) zero test."""
        return bool(x == self.zero)

    @abstractmethod
    def to_mpmath(self, x: Any, prec: int) -> Any:
        """A value or element as an mpmath number with ``prec`` bits."""

    @abstractmethod
    def to_sympy(self, x: Any) -> Any:
        """A value or element as a sympy expression."""

    def admissible(self, a: int, b: int, c: int) -> bool:
        """Whether colours ``(a, b, c)`` meet at a vertex in this context."""
        return _classical_admissible(a, b, c)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


@lru_cache(maxsize=4096)
def _factorial(n: int) -> Fraction:
    return Fraction(math.factorial(n))


class ClassicalContext(QContext[Fraction, ExactReal]):
    """q = 1: ring elements are :class:`~fractions.Fraction`, values are :class:`SqrtRational`.

    ``[n] = n`` and ``[n]! = n!``.  ``sqrt_times`` reduces the radicand to its square-free
    part by trial division; radicands of recoupling formulas are factorial ratios, whose
    prime factors never exceed the largest factorial argument.

    This context is the reference implementation of the formulas at q = 1.  The public
    Wigner functions use a specialised kernel with prime-factorised factorials
    (:mod:`tqft.recoupling.fast_classical`) by default and are tested against it.
    """

    name = "classical"

    @property
    def zero(self) -> Fraction:
        return Fraction(0)

    @property
    def one(self) -> Fraction:
        return Fraction(1)

    def from_int(self, n: int) -> Fraction:
        return Fraction(n)

    def qint(self, n: int) -> Fraction:
        return Fraction(n)

    def qfactorial(self, n: int) -> Fraction:
        if n < 0:
            raise ValueError(f"n = {n} must be non-negative for a factorial")
        return _factorial(n)

    def sign(self, n: int) -> Fraction:
        return Fraction(1 if n % 2 == 0 else -1)

    def sqrt_times(self, coefficient: Fraction, radicand: Fraction) -> SqrtRational:
        if coefficient == 0:
            return SqrtRational._make(0, 1, 1)
        return SqrtRational(coefficient, radicand)

    def sum_values(self, values: list[ExactReal]) -> SqrtRational:
        # Multiquadratic.sum accumulates in one dict; a 9j sum collapses to one radicand
        return Multiquadratic.sum(values).as_sqrt_rational()

    def to_mpmath(self, x: Any, prec: int) -> Any:
        if isinstance(x, ExactReal):
            return x.to_mpmath(prec=prec)
        with mpmath.workprec(prec):
            return mpmath.mpf(x.numerator) / x.denominator

    def to_sympy(self, x: Any) -> Any:
        import sympy

        if isinstance(x, ExactReal):
            return x._sympy_()
        return sympy.Rational(x.numerator, x.denominator)


#: The shared classical context.
CLASSICAL = ClassicalContext()


class QMinusOneContext(ClassicalContext):
    """q = -1 (Kauffman's ``A = i``): the classical point where a loop of colour ``n`` is ``n + 1``.

    Ring elements are :class:`~fractions.Fraction`.  The quantum integer is the limit
    ``[n] = (q^n - q^-n)/(q - q^-1) -> (-1)^(n-1) n`` as ``q -> -1``, hence
    ``[n]! = (-1)^(n(n-1)/2) n!`` and the Kauffman-Lins loop ``Delta_n = (-1)^n [n+1] = n + 1``.
    This is the normalisation in which Lulli, Marciano and Zappala (arXiv:2310.03632,
    "M3") evaluate hexagonal spin networks; Kauffman-Lins values of *planar* networks here
    and at q = 1 differ by a sign that depends only on the network (the Temperley-Lieb
    automorphism ``e_i -> -e_i``, ``Delta -> -Delta``), which the spin-network tests check.

    Only Kauffman-Lins (square-root-free) quantities live here: ``q^(1/2) = A = i`` is not
    rational, so :meth:`qpower` of an odd exponent and square roots of negative numbers
    raise :class:`~tqft.errors.NotRepresentableError` instead of returning a wrong real.

    >>> Q_MINUS_ONE.qint(2), Q_MINUS_ONE.sign(1) * Q_MINUS_ONE.qint(2)
    (Fraction(-2, 1), Fraction(2, 1))
    """

    name = "q=-1"

    def qint(self, n: int) -> Fraction:
        return Fraction(n if n % 2 == 1 else -n)

    def qfactorial(self, n: int) -> Fraction:
        if n < 0:
            raise ValueError(f"n = {n} must be non-negative for a factorial")
        f = _factorial(n)
        return f if (n * (n - 1) // 2) % 2 == 0 else -f

    def qpower(self, k: int) -> Fraction:
        if k % 2:
            raise NotRepresentableError(
                f"q^({k}/2) = i^{k} at q = -1 is not rational; the q = -1 context holds only "
                "Kauffman-Lins quantities (use q = 1 or a numeric context for braiding phases)"
            )
        return Fraction(-1 if (k // 2) % 2 else 1)

    def sqrt_times(self, coefficient: Fraction, radicand: Fraction) -> SqrtRational:
        if radicand < 0 and coefficient != 0:
            raise NotRepresentableError(
                f"sqrt({radicand}) at q = -1 is not real; unitary normalisations are defined where "
                "quantum integers are positive (q = 1, real q > 0, q = e^(i pi/r) within the level)"
            )
        return super().sqrt_times(coefficient, radicand)


#: The shared context at q = -1 (loop value ``n + 1``).
Q_MINUS_ONE = QMinusOneContext()
