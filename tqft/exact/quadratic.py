"""Exact real numbers built from square roots of rationals.

Two immutable types:

* :class:`SqrtRational` -- ``c * sqrt(r)`` with ``c`` rational and ``r`` a square-free
  positive integer.  Every SU(2) recoupling value (3j, 6j, 9j, Clebsch-Gordan, Racah W)
  has this form; the set is closed under products and quotients.
* :class:`Multiquadratic` -- a finite sum ``sum_k c_k sqrt(r_k)`` over *distinct*
  square-free radicands ``r_k``, i.e. an element of a multiquadratic field
  ``Q(sqrt(p_1), ..., sqrt(p_n))``.  Sums of recoupling values, and therefore both
  sides of every identity, live here.

Canonical form and equality
---------------------------
Both types are stored canonically (coefficient in lowest terms, square-free radicand,
zero terms dropped, terms sorted by radicand), so equality is structural and exact:
square roots of distinct square-free integers are linearly independent over Q, hence
two canonical forms are equal exactly when the numbers are.  The two types compare equal
to each other and to ``int`` / :class:`~fractions.Fraction` / ``float`` with the same value,
and hash consistently with them.  Exact zero is the empty sum; ``SqrtRational(0)`` has
radicand 1.

Conversions
-----------
``sympy.sympify(x)`` (through ``_sympy_``), ``x.latex()`` and ``_repr_latex_`` (Jupyter),
``x.to_mpmath(dps=50)`` (correct to the requested precision, via
:mod:`tqft.exact.numeric`), ``float(x)``; :func:`from_sympy` goes the other way.

>>> x = SqrtRational("-1/3", 2)
>>> x
SqrtRational('-1/3', 2)
>>> print(x, x * x, x * SqrtRational(1, 6))
-sqrt(2)/3 2/9 -2*sqrt(3)/3
>>> print(x + SqrtRational(1, 8))
5*sqrt(2)/3
>>> print(Multiquadratic({1: "1/2", 3: "1/6"}))
1/2 + sqrt(3)/6
"""

from __future__ import annotations

import decimal
import math
import numbers
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, overload

import mpmath

from ..errors import CostLimitError, InvalidArgumentError, NotRepresentableError
from .numeric import approximate, evaluate, sign_of
from .primes import squarefree_decomposition

__all__ = ["ExactReal", "Multiquadratic", "SqrtRational", "exact", "from_sympy"]

Terms = tuple[tuple[int, Fraction], ...]
RationalLike = int | Fraction | numbers.Rational | str

# Inverting a multiquadratic number with k distinct primes under its roots costs about 4^k
# coefficient operations (measured: k = 10 in about 0.3 s, k = 12 in about 8 s).
_MAX_INVERSE_PRIMES = 10
#: Largest number of decimal digits :meth:`ExactReal.decimal` produces.
MAX_DIGITS = 100_000
_BITS_PER_DIGIT = 3.3219280948873626


def _fraction(value: Any, name: str) -> Fraction:
    if isinstance(value, bool):
        raise InvalidArgumentError(f"{name} = {value!r} must be a rational number, not a bool")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            pass
    elif isinstance(value, float) and math.isfinite(value):
        return Fraction(value)
    raise InvalidArgumentError(
        f"{name} = {value!r} must be a rational number (int, Fraction, sympy Rational, "
        "a string such as '-3/7', or a finite float)"
    )


def _as_exact(value: Any) -> ExactReal | None:
    """Coerce an operand of arithmetic: exact types pass, rationals and floats convert."""
    if isinstance(value, ExactReal):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return SqrtRational._make(value, 1, 1)
    if isinstance(value, (Fraction, numbers.Rational)):
        return SqrtRational._make(int(value.numerator), int(value.denominator), 1)
    if isinstance(value, (float, decimal.Decimal)) or (isinstance(value, numbers.Real) and _is_float_like(value)):
        try:
            f = Fraction(value) if isinstance(value, (float, decimal.Decimal)) else Fraction(float(value))
        except (ValueError, OverflowError):  # nan, inf
            return None
        return SqrtRational._make(f.numerator, f.denominator, 1)
    return None


def _is_float_like(value: Any) -> bool:
    """numpy / mpmath / sympy floats whose value is exactly a Python float."""
    try:
        return bool(float(value) == value)
    except (TypeError, ValueError, OverflowError):
        return False


def _fmt_monomial(num: int, den: int, rad: int, *, latex: bool = False) -> str:
    """sympy-style printing of ``num/den * sqrt(rad)``: ``-sqrt(2)/3``, ``3*sqrt(5)/7``."""
    sign = "-" if num < 0 else ""
    n = abs(num)
    if rad == 1:
        if latex:
            return f"{sign}\\frac{{{n}}}{{{den}}}" if den != 1 else f"{sign}{n}"
        return f"{sign}{n}/{den}" if den != 1 else f"{sign}{n}"
    root = f"\\sqrt{{{rad}}}" if latex else f"sqrt({rad})"
    if latex:
        top = root if n == 1 else f"{n} {root}"
        return f"{sign}\\frac{{{top}}}{{{den}}}" if den != 1 else f"{sign}{top}"
    top = root if n == 1 else f"{n}*{root}"
    return f"{sign}{top}/{den}" if den != 1 else f"{sign}{top}"


def _join(parts: list[str]) -> str:
    if not parts:
        return "0"
    out = parts[0]
    for p in parts[1:]:
        out += f" - {p[1:]}" if p.startswith("-") else f" + {p}"
    return out


class ExactReal(ABC):
    """Common interface of the exact real types: equality, order, conversions."""

    __slots__ = ()

    @abstractmethod
    def terms(self) -> Terms:
        """The canonical terms ``((radicand, coefficient), ...)``, sorted by radicand."""

    # --- equality, hashing, order ---------------------------------------------------
    def __eq__(self, other: object) -> bool:
        o = _as_exact(other)
        if o is None:
            return NotImplemented
        return self.terms() == o.terms()

    def __hash__(self) -> int:
        t = self.terms()
        if not t:
            return 0
        if len(t) == 1 and t[0][0] == 1:
            return hash(t[0][1])  # agrees with hash(int) and hash(Fraction)
        return hash(t)

    def __bool__(self) -> bool:
        return bool(self.terms())

    @property
    def sign(self) -> int:
        """-1, 0 or 1, decided exactly (by interval-checked evaluation when needed)."""
        return sign_of(self.terms())

    def _cmp(self, other: Any) -> int | None:
        o = _as_exact(other)
        if o is None:
            if isinstance(other, float) and math.isinf(other):
                return -1 if other > 0 else 1
            return None
        return (self - o).sign

    def __lt__(self, other: Any) -> bool:
        if isinstance(other, float) and math.isnan(other):
            return False
        c = self._cmp(other)
        return NotImplemented if c is None else c < 0

    def __le__(self, other: Any) -> bool:
        if isinstance(other, float) and math.isnan(other):
            return False
        c = self._cmp(other)
        return NotImplemented if c is None else c <= 0

    def __gt__(self, other: Any) -> bool:
        if isinstance(other, float) and math.isnan(other):
            return False
        c = self._cmp(other)
        return NotImplemented if c is None else c > 0

    def __ge__(self, other: Any) -> bool:
        if isinstance(other, float) and math.isnan(other):
            return False
        c = self._cmp(other)
        return NotImplemented if c is None else c >= 0

    # --- conversions ---------------------------------------------------------------
    def is_rational(self) -> bool:
        """Whether the value is rational (no square root left)."""
        t = self.terms()
        return not t or (len(t) == 1 and t[0][0] == 1)

    def to_fraction(self) -> Fraction:
        """The value as a :class:`~fractions.Fraction`; raises if it is irrational."""
        t = self.terms()
        if not t:
            return Fraction(0)
        if len(t) == 1 and t[0][0] == 1:
            return t[0][1]
        raise NotRepresentableError(f"{self} is irrational and has no Fraction value")

    def to_mpmath(self, dps: int | None = None, *, prec: int | None = None) -> mpmath.mpf:
        """The value as an mpmath ``mpf`` correct to ``dps`` decimal digits (or ``prec`` bits).

        Without arguments the current ``mpmath.mp`` precision is used.  The number is
        computed from the exact value; cancellation is handled by raising the working
        precision, so every returned digit is right (up to the final rounding).

        The mpf carries the requested bits; mpmath prints it at the *current* ``mp.dps``,
        so use :func:`mpmath.nstr` (or raise ``mp.dps``) to see them:

        >>> mpmath.nstr(SqrtRational(1, 2).to_mpmath(dps=30), 30)
        '1.41421356237309504880168872421'
        """
        if prec is None:
            if dps is not None and (not isinstance(dps, int) or dps < 1):
                raise InvalidArgumentError(f"dps = {dps!r} must be a positive integer")
            prec = mpmath.mp.prec if dps is None else math.ceil(dps * _BITS_PER_DIGIT) + 1
        elif not isinstance(prec, int) or prec < 2:
            raise InvalidArgumentError(f"prec = {prec!r} must be an integer >= 2 (bits)")
        return evaluate(self.terms(), prec)

    def decimal(self, digits: int) -> str:
        """The value correctly rounded to ``digits`` significant decimal digits (a string
        in :func:`mpmath.nstr`'s format).

        Rounding is to nearest: rational values are divided exactly (ties to even);
        irrational ones are evaluated with a rigorous error bound until both ends of the
        error interval round to the same string (an irrational number is never a tie).

        >>> SqrtRational("1/105", 21).decimal(5)
        '0.043644'
        """
        if not isinstance(digits, int) or isinstance(digits, bool) or digits < 1:
            raise InvalidArgumentError(f"digits = {digits!r} must be a positive integer")
        if digits > MAX_DIGITS:
            raise CostLimitError(f"digits = {digits} exceeds the limit of {MAX_DIGITS} decimal digits")
        terms = self.terms()
        if not terms:
            return "0.0"
        if self.is_rational():
            q = terms[0][1]
            ctx = decimal.Context(
                prec=digits, rounding=decimal.ROUND_HALF_EVEN, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN
            )
            rounded = ctx.divide(decimal.Decimal(q.numerator), decimal.Decimal(q.denominator))
            with mpmath.workdps(digits + 10):
                return str(mpmath.nstr(mpmath.mpf(str(rounded)), digits))
        work = math.ceil(digits * _BITS_PER_DIGIT) + 24
        while True:
            value, bound = approximate(terms, work)
            with mpmath.workprec(work + 8):
                low, high = value - bound, value + bound
                text = mpmath.nstr(low, digits)
                if text == mpmath.nstr(high, digits):
                    return str(text)
            work *= 2

    def __float__(self) -> float:
        """The nearest double (correctly rounded); ``OverflowError`` beyond the float range."""
        terms = self.terms()
        if self.is_rational():
            return float(terms[0][1]) if terms else 0.0
        work = 80
        while True:
            value, bound = approximate(terms, work)
            with mpmath.workprec(work + 8):
                low, high = float(value - bound), float(value + bound)
            if low == high:
                if math.isinf(low):
                    raise OverflowError(f"{self} is too large to convert to float")
                return low
            work *= 2

    def __floor__(self) -> int:
        prec = max(64, self._magnitude_bits() + 64)
        while True:
            with mpmath.workprec(prec):
                guess = int(mpmath.floor(self.to_mpmath(prec=prec)))
            # the evaluation is accurate to far better than 1, so at most one step is needed
            for _ in range(3):
                if self < guess:
                    guess -= 1
                elif self >= guess + 1:
                    guess += 1
                else:
                    return guess
            prec *= 2

    def __ceil__(self) -> int:
        return -math.floor(-self)

    def __trunc__(self) -> int:
        return math.floor(self) if self.sign >= 0 else math.ceil(self)

    def __int__(self) -> int:
        return self.__trunc__()

    def _magnitude_bits(self) -> int:
        """A crude upper bound on log2 of the absolute value (for choosing a precision)."""
        return max(
            (
                abs(c.numerator).bit_length() - c.denominator.bit_length() + r.bit_length() // 2 + 2
                for r, c in self.terms()
            ),
            default=0,
        )

    def _sympy_(self) -> Any:
        import sympy

        total = sympy.S.Zero
        for rad, coef in self.terms():
            c = sympy.Rational(coef.numerator, coef.denominator)
            total += c if rad == 1 else c * sympy.Pow(sympy.Integer(rad), sympy.S.Half, evaluate=False)
        return total

    def latex(self) -> str:
        r"""LaTeX source without delimiters, e.g. ``-\frac{\sqrt{2}}{3}``."""
        return _join([_fmt_monomial(c.numerator, c.denominator, r, latex=True) for r, c in self.terms()])

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"

    def __str__(self) -> str:
        return _join([_fmt_monomial(c.numerator, c.denominator, r) for r, c in self.terms()])

    # --- arithmetic: products are type-specific, sums go through Multiquadratic ------
    @abstractmethod
    def __mul__(self, other: Any) -> ExactReal:
        """Exact product (``SqrtRational`` times a rational or ``SqrtRational`` stays one)."""

    @abstractmethod
    def __rmul__(self, other: Any) -> ExactReal:
        """Exact product with the number on the left (``int``, ``Fraction``)."""

    @abstractmethod
    def __truediv__(self, other: Any) -> ExactReal:
        """Exact quotient; raises ``ZeroDivisionError`` for an exact zero divisor."""

    @abstractmethod
    def __neg__(self) -> ExactReal:
        """Exact negation."""

    @abstractmethod
    def __pow__(self, exponent: int) -> ExactReal:
        """Exact integer power."""

    def __add__(self, other: Any) -> Multiquadratic:
        o = _as_exact(other)
        if o is None:
            return NotImplemented
        return Multiquadratic._add_terms(self.terms(), o.terms(), 1)

    __radd__ = __add__

    def __sub__(self, other: Any) -> Multiquadratic:
        o = _as_exact(other)
        if o is None:
            return NotImplemented
        return Multiquadratic._add_terms(self.terms(), o.terms(), -1)

    def __rsub__(self, other: Any) -> Multiquadratic:
        o = _as_exact(other)
        if o is None:
            return NotImplemented
        return Multiquadratic._add_terms(o.terms(), self.terms(), -1)


class SqrtRational(ExactReal):
    """An exact number ``c * sqrt(r)``: rational ``c``, square-free integer ``r >= 1``.

    Parameters
    ----------
    coefficient
        A rational (``int``, ``Fraction``, sympy ``Rational``, a string ``"-3/7"`` or a
        float, which is converted exactly).
    radicand
        A non-negative rational; it is reduced, so ``SqrtRational(1, 8)`` is stored as
        ``2 * sqrt(2)``.  Reducing a huge radicand needs its factorisation; the recoupling
        kernels never do this because they build values from prime exponents.

    Notes
    -----
    Products, quotients and integer powers stay :class:`SqrtRational`; sums and
    differences are :class:`Multiquadratic` (also when the radicands agree, so that the
    type of a sum never depends on the values).

    >>> SqrtRational(1, 8)
    SqrtRational(2, 2)
    >>> SqrtRational(3, "1/12") == SqrtRational("1/2", 3)
    True
    """

    __slots__ = ("_den", "_hash", "_num", "_rad")

    _num: int
    _den: int
    _rad: int
    _hash: int | None

    def __new__(cls, coefficient: RationalLike = 0, radicand: RationalLike = 1) -> SqrtRational:
        c = _fraction(coefficient, "coefficient")
        r = _fraction(radicand, "radicand")
        if r < 0:
            raise NotRepresentableError(f"radicand = {r} must be non-negative: sqrt of a negative number is not real")
        if c == 0 or r == 0:
            return cls._make(0, 1, 1)
        # sqrt(p/q) = sqrt(p*q)/q and p*q = s^2 f
        s, f = squarefree_decomposition(r.numerator * r.denominator)
        c = c * s / r.denominator
        return cls._make(c.numerator, c.denominator, f)

    @classmethod
    def _make(cls, num: int, den: int, rad: int) -> SqrtRational:
        """Trusted constructor: ``num/den`` in lowest terms, ``den > 0``, ``rad`` square-free."""
        self = object.__new__(cls)
        if num == 0:
            den = rad = 1
        self._num = num
        self._den = den
        self._rad = rad
        self._hash = None
        return self

    @classmethod
    def _reduced(cls, num: int, den: int, rad: int) -> SqrtRational:
        """``num/den * sqrt(rad)`` with ``rad`` square-free and ``num/den`` not yet reduced."""
        if den < 0:
            num, den = -num, -den
        g = math.gcd(num, den)
        if g != 1:
            num //= g
            den //= g
        return cls._make(num, den, rad)

    @classmethod
    def sqrt(cls, value: RationalLike) -> SqrtRational:
        """The non-negative square root of a non-negative rational.

        >>> SqrtRational.sqrt("8/3")
        SqrtRational('2/3', 6)
        """
        return cls(1, value)

    @classmethod
    def from_square(cls, square: RationalLike, sign: int) -> SqrtRational:
        """The number whose square is ``square`` and whose sign is ``sign`` (+1 or -1)."""
        root = cls(1, square)
        return root if sign >= 0 else -root

    # --- accessors -----------------------------------------------------------------
    @property
    def coefficient(self) -> Fraction:
        """The rational factor ``c``."""
        return Fraction(self._num, self._den)

    @property
    def radicand(self) -> int:
        """The square-free integer ``r`` (1 for rational values)."""
        return self._rad

    @property
    def numerator(self) -> int:
        """Numerator of the coefficient."""
        return self._num

    @property
    def denominator(self) -> int:
        """Denominator of the coefficient (positive)."""
        return self._den

    @property
    def sign(self) -> int:
        return (self._num > 0) - (self._num < 0)

    def square(self) -> Fraction:
        """The rational ``(c sqrt(r))^2 = c^2 r``."""
        return Fraction(self._num * self._num * self._rad, self._den * self._den)

    def terms(self) -> Terms:
        if self._num == 0:
            return ()
        return ((self._rad, Fraction(self._num, self._den)),)

    # --- fast paths ----------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if type(other) is SqrtRational:
            return self._num == other._num and self._den == other._den and self._rad == other._rad
        return super().__eq__(other)

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = self._hash = super().__hash__()
        return h

    def __bool__(self) -> bool:
        return self._num != 0

    def __repr__(self) -> str:
        c = str(self._num) if self._den == 1 else f"'{self._num}/{self._den}'"
        return f"SqrtRational({c})" if self._rad == 1 else f"SqrtRational({c}, {self._rad})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_sqrt_rational, (self._num, self._den, self._rad))

    def __neg__(self) -> SqrtRational:
        return SqrtRational._make(-self._num, self._den, self._rad)

    def __pos__(self) -> SqrtRational:
        return self

    def __abs__(self) -> SqrtRational:
        return self if self._num >= 0 else -self

    @overload
    def __mul__(self, other: SqrtRational | int | Fraction) -> SqrtRational: ...

    @overload
    def __mul__(self, other: Multiquadratic) -> Multiquadratic: ...

    def __mul__(self, other: Any) -> Any:
        if type(other) is not SqrtRational:
            if isinstance(other, Multiquadratic):
                return Multiquadratic._mul_terms(self.terms(), other.terms())
            o = _as_exact(other)
            if o is None:
                return NotImplemented
            other = o
        g = math.gcd(self._rad, other._rad)
        rad = (self._rad // g) * (other._rad // g)
        return SqrtRational._reduced(self._num * other._num * g, self._den * other._den, rad)

    __rmul__ = __mul__

    @overload
    def __truediv__(self, other: SqrtRational | int | Fraction) -> SqrtRational: ...

    @overload
    def __truediv__(self, other: Multiquadratic) -> Multiquadratic: ...

    def __truediv__(self, other: Any) -> Any:
        if type(other) is not SqrtRational:
            if isinstance(other, Multiquadratic):
                return Multiquadratic._mul_terms(self.terms(), other._inverse_terms())
            o = _as_exact(other)
            if o is None:
                return NotImplemented
            other = o
        if other._num == 0:
            raise ZeroDivisionError("division by an exact zero")
        # c1 sqrt(r1) / (c2 sqrt(r2)) = c1 / (c2 r2) * sqrt(r1 r2)
        g = math.gcd(self._rad, other._rad)
        rad = (self._rad // g) * (other._rad // g)
        return SqrtRational._reduced(self._num * other._den * g, self._den * other._num * other._rad, rad)

    def __rtruediv__(self, other: Any) -> ExactReal:
        o = _as_exact(other)
        if o is None:
            return NotImplemented
        return o / self

    def __pow__(self, exponent: int) -> SqrtRational:
        if not isinstance(exponent, int) or isinstance(exponent, bool):
            return NotImplemented
        if exponent < 0:
            return SqrtRational._make(1, 1, 1) / (self ** (-exponent))  # type: ignore[return-value]
        half, odd = divmod(exponent, 2)
        base = Fraction(self._num * self._num * self._rad, self._den * self._den) ** half
        if odd:
            return SqrtRational._reduced(base.numerator * self._num, base.denominator * self._den, self._rad)
        return SqrtRational._make(base.numerator, base.denominator, 1)


def _rebuild_sqrt_rational(num: int, den: int, rad: int) -> SqrtRational:
    return SqrtRational._make(num, den, rad)


class Multiquadratic(ExactReal):
    """An exact sum ``sum_k c_k sqrt(r_k)`` over distinct square-free radicands ``r_k``.

    Parameters
    ----------
    terms
        A mapping ``{radicand: coefficient}`` or an iterable of ``(radicand, coefficient)``
        pairs, or a single number (``int``, ``Fraction``, :class:`SqrtRational`, ...).
        Radicands may be any positive rationals; they are reduced and like terms merged.

    Notes
    -----
    Arithmetic (``+ - * /`` and integer powers) is exact; the inverse of a sum with
    ``k`` distinct primes under its square roots is found by conjugating one prime at a
    time (``1/(A + B sqrt(p)) = (A - B sqrt(p)) / (A^2 - p B^2)``), which costs about
    ``4^k`` coefficient operations; with more than 10 independent square roots a
    :class:`~tqft.errors.CostLimitError` is raised before any work.

    >>> x = Multiquadratic({2: 1, 3: 1})
    >>> print(x * x)
    5 + 2*sqrt(6)
    >>> (1 / x) * x == 1
    True
    """

    __slots__ = ("_hash", "_terms")

    _terms: Terms
    _hash: int | None

    def __new__(cls, terms: Any = ()) -> Multiquadratic:
        if not isinstance(terms, (Mapping, list, tuple)):
            return cls._from_terms(exact(terms).terms())
        items = list(terms.items()) if isinstance(terms, Mapping) else list(terms)
        acc: dict[int, Fraction] = {}
        for item in items:
            if not isinstance(item, tuple) or len(item) != 2:
                raise InvalidArgumentError(
                    f"terms item = {item!r} must be a (radicand, coefficient) pair; "
                    "pass a mapping {radicand: coefficient} or a list of pairs"
                )
            rad, coef = item
            mono = SqrtRational(coef, rad)
            if mono._num:
                acc[mono._rad] = acc.get(mono._rad, Fraction(0)) + Fraction(mono._num, mono._den)
        return cls._from_dict(acc)

    @classmethod
    def _from_terms(cls, terms: Terms) -> Multiquadratic:
        self = object.__new__(cls)
        self._terms = terms
        self._hash = None
        return self

    @classmethod
    def _from_dict(cls, acc: dict[int, Fraction]) -> Multiquadratic:
        return cls._from_terms(tuple(sorted((r, c) for r, c in acc.items() if c)))

    @classmethod
    def _add_terms(cls, a: Terms, b: Terms, sign: int) -> Multiquadratic:
        acc = dict(a)
        for r, c in b:
            acc[r] = acc.get(r, 0) + (c if sign > 0 else -c)
        return cls._from_dict(acc)

    @classmethod
    def _mul_terms(cls, a: Terms, b: Terms) -> Multiquadratic:
        acc: dict[int, Fraction] = {}
        for r1, c1 in a:
            for r2, c2 in b:
                g = math.gcd(r1, r2)
                r = (r1 // g) * (r2 // g)
                acc[r] = acc.get(r, 0) + c1 * c2 * g
        return cls._from_dict(acc)

    @staticmethod
    def sum(values: Iterable[Any]) -> Multiquadratic:
        """Exact sum of many values, accumulated in one dictionary (faster than ``+``)."""
        acc: dict[int, Fraction] = {}
        for v in values:
            e = _as_exact(v)
            if e is None:
                raise InvalidArgumentError(f"cannot add {v!r} ({type(v).__name__}) exactly")
            if type(e) is SqrtRational:
                if e._num:
                    acc[e._rad] = acc.get(e._rad, 0) + Fraction(e._num, e._den)
            else:
                for r, c in e.terms():
                    acc[r] = acc.get(r, 0) + c
        return Multiquadratic._from_dict(acc)

    def terms(self) -> Terms:
        return self._terms

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = self._hash = super().__hash__()
        return h

    def __repr__(self) -> str:
        inner = ", ".join(f"{r}: {c.numerator}" if c.denominator == 1 else f"{r}: '{c}'" for r, c in self._terms)
        return f"Multiquadratic({{{inner}}})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Multiquadratic._from_terms, (self._terms,))

    def as_sqrt_rational(self) -> SqrtRational:
        """The same number as a :class:`SqrtRational`; raises if it has two or more terms."""
        t = self._terms
        if not t:
            return SqrtRational._make(0, 1, 1)
        if len(t) == 1:
            return SqrtRational._make(t[0][1].numerator, t[0][1].denominator, t[0][0])
        raise NotRepresentableError(f"{self} is not of the form rational * sqrt(rational)")

    def __neg__(self) -> Multiquadratic:
        return Multiquadratic._from_terms(tuple((r, -c) for r, c in self._terms))

    def __pos__(self) -> Multiquadratic:
        return self

    def __abs__(self) -> Multiquadratic:
        return -self if self.sign < 0 else self

    def __mul__(self, other: Any) -> Multiquadratic:
        o = _as_exact(other)
        if o is None:
            return NotImplemented
        return Multiquadratic._mul_terms(self._terms, o.terms())

    __rmul__ = __mul__

    def _inverse_terms(self) -> Terms:
        if not self._terms:
            raise ZeroDivisionError("division by an exact zero")
        basis = _coprime_basis([r for r, _ in self._terms if r > 1])
        if len(basis) > _MAX_INVERSE_PRIMES:
            raise CostLimitError(
                f"inverting a multiquadratic number with {len(self._terms)} terms and "
                f"{len(basis)} independent square roots costs about 4^{len(basis)} operations; "
                f"the limit is {_MAX_INVERSE_PRIMES}"
            )
        return _inverse(self._terms, basis)

    def __truediv__(self, other: Any) -> Multiquadratic:
        o = _as_exact(other)
        if o is None:
            return NotImplemented
        if type(o) is SqrtRational:
            if not o:
                raise ZeroDivisionError("division by an exact zero")
            inv = SqrtRational._make(1, 1, 1) / o
            return Multiquadratic._mul_terms(self._terms, inv.terms())
        return Multiquadratic._mul_terms(self._terms, o._inverse_terms())  # type: ignore[attr-defined]

    def __rtruediv__(self, other: Any) -> Multiquadratic:
        o = _as_exact(other)
        if o is None:
            return NotImplemented
        return Multiquadratic._mul_terms(o.terms(), self._inverse_terms())

    def __pow__(self, exponent: int) -> Multiquadratic:
        if not isinstance(exponent, int) or isinstance(exponent, bool):
            return NotImplemented
        base = self if exponent >= 0 else Multiquadratic._from_terms(self._inverse_terms())
        result = Multiquadratic._from_terms(((1, Fraction(1)),))
        n = abs(exponent)
        while n:
            if n & 1:
                result = result * base
            n >>= 1
            if n:
                base = base * base
        return result


def _coprime_basis(radicands: list[int]) -> list[int]:
    """Pairwise coprime integers > 1 whose products give every radicand (no factoring).

    Each square-free radicand is the product of a subset of the basis, so conjugating
    ``sqrt(q)`` for one basis element ``q`` is a field automorphism of the multiquadratic
    field, whatever the (unknown) prime factors of ``q``.
    """
    basis: list[int] = []
    for r in radicands:
        pending = [r]
        while pending:
            x = pending.pop()
            for i, b in enumerate(basis):
                g = math.gcd(x, b)
                if g > 1:
                    del basis[i]
                    pending.extend(v for v in (g, x // g, b // g) if v > 1)
                    break
            else:
                basis.append(x)
    return sorted(set(basis))


def _inverse(terms: Terms, basis: list[int]) -> Terms:
    if len(terms) == 1:
        r, c = terms[0]
        return ((r, 1 / (c * r)),)
    q = next(b for b in basis if any(r % b == 0 for r, _ in terms))
    rest = [b for b in basis if b != q]
    a = tuple((r, c) for r, c in terms if r % q)
    b = tuple((r // q, c) for r, c in terms if r % q == 0)
    # x = a + sqrt(q) b  =>  1/x = (a - sqrt(q) b) / (a^2 - q b^2), and a^2 - q b^2 has no sqrt(q)
    a2 = Multiquadratic._mul_terms(a, a).terms()
    qb2 = tuple((r, c * q) for r, c in Multiquadratic._mul_terms(b, b).terms())
    inv_norm = _inverse(Multiquadratic._add_terms(a2, qb2, -1).terms(), rest)
    conj = a + tuple((r * q, -c) for r, c in b)
    return Multiquadratic._mul_terms(conj, inv_norm).terms()


def exact(value: Any) -> ExactReal:
    """Coerce ``value`` (int, Fraction, sympy expression, exact number) to an exact real.

    >>> exact(3) * exact("1/3")
    SqrtRational(1)
    """
    e = _as_exact(value)
    if e is not None:
        return e
    if isinstance(value, str):
        return SqrtRational(value)
    if hasattr(value, "_sympy_") or type(value).__module__.startswith("sympy"):
        return from_sympy(value)
    raise InvalidArgumentError(
        f"value = {value!r} ({type(value).__name__}) is not an exact real: expected an int, Fraction, "
        "finite float or Decimal, a string such as '-3/7', a sympy expression, or an exact tqft number"
    )


def from_sympy(expr: Any) -> ExactReal:
    """Convert a sympy expression built from rationals and square roots of rationals.

    Accepts ``Rational``, ``sqrt`` of a rational, and sums, products and integer powers of
    those; anything else raises :class:`~tqft.errors.NotRepresentableError`.

    >>> import sympy
    >>> from_sympy(-sympy.sqrt(2) / 3)
    SqrtRational('-1/3', 2)
    """
    import sympy

    expr = sympy.sympify(expr)
    if expr.is_Rational:
        return SqrtRational._make(int(expr.p), int(expr.q), 1)
    if expr.is_Add:
        return Multiquadratic.sum(from_sympy(a) for a in expr.args)
    if expr.is_Mul:
        result: ExactReal = SqrtRational._make(1, 1, 1)
        for a in expr.args:
            result = result * from_sympy(a)
        return result
    if expr.is_Pow:
        base, e = expr.args
        if e.is_Rational and e.q == 2 and base.is_Rational and base >= 0:
            root = SqrtRational(1, sympy.Rational(base))
            return root ** int(e.p)
        if e.is_Integer:
            return from_sympy(base) ** int(e)  # type: ignore[operator]
    raise NotRepresentableError(f"{expr} is not a sum of rational multiples of square roots of rationals")
