"""Exact cyclotomic fields ``Q(zeta_n)`` with a named complex embedding.

An element of ``Q(zeta_n)`` is stored as its unique representative of degree
``< phi(n)`` in ``Q[x] / Phi_n(x)`` (FLINT ``fmpq_poly``), so equality is exact and
structural, inverses come from the extended Euclidean algorithm, and the Galois
automorphism ``sigma_k : zeta -> zeta^k`` (``gcd(k, n) = 1``) is a substitution followed
by reduction.

Embedding
---------
"Positive", "real part" and every number printed with digits mean nothing in
``Q(zeta_n)`` until an embedding into the complex numbers is chosen.  A field carries one
named embedding, ``zeta_n -> exp(2 pi i k / n)`` with ``k`` coprime to ``n`` (default
``k = 1``, the *principal* embedding), shown in its ``repr``; :meth:`CyclotomicField.embed`
and :meth:`Cyclotomic.sign` go through it and nothing else does.  Numbers come from FLINT's
ball arithmetic (``acb``), so a requested number of bits is guaranteed, and the sign of a
nonzero real element is decided exactly by refining until the ball excludes zero.

For U_q(sl2) at ``q = exp(i pi / r)`` the quantum-group contexts use ``n = 4r``, whose
generator ``zeta_4r = exp(i pi / (2r))`` is ``q^(1/2)``; ``q`` generates the subfield
``Q(zeta_2r)``.

References: Washington, *Introduction to Cyclotomic Fields*, ch. 2; the FLINT/Arb
documentation for ``fmpq_poly`` and ``acb``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache
from typing import Any

import flint
import mpmath

from ..errors import InvalidArgumentError, NotRepresentableError

__all__ = ["Cyclotomic", "CyclotomicField", "cyclotomic_field"]

_Q = flint.fmpq_poly

#: largest conductor accepted (phi(n) <= 10^5 keeps every product below a second)
MAX_CONDUCTOR = 200_000


def _totient(n: int) -> int:
    result, m, p = n, n, 2
    while p * p <= m:
        if m % p == 0:
            while m % p == 0:
                m //= p
            result -= result // p
        p += 1
    if m > 1:
        result -= result // m
    return result


class CyclotomicField:
    """The field ``Q(zeta_n)`` with the embedding ``zeta_n -> exp(2 pi i k / n)``.

    Build it with :func:`cyclotomic_field` (cached), not directly.

    Examples
    --------
    >>> K = cyclotomic_field(8)
    >>> z = K.zeta
    >>> z**4 == -1, (z + z**-1) ** 2 == 2
    (True, True)
    >>> K
    CyclotomicField(8, embedding=1)
    """

    def __init__(self, n: int, embedding: int = 1) -> None:
        self.n = n
        self.embedding = embedding
        self.degree = _totient(n)
        self.modulus = _Q(flint.fmpz_poly.cyclotomic(n))
        self._zeta = Cyclotomic(self, _Q([0, 1]) % self.modulus)
        self._powers: dict[int, Cyclotomic] = {}

    # -- elements ---------------------------------------------------------------------
    @property
    def zeta(self) -> Cyclotomic:
        """The generator ``zeta_n``."""
        return self._zeta

    def zeta_power(self, k: int) -> Cyclotomic:
        """``zeta_n^k`` for any integer ``k`` (cached)."""
        k %= self.n
        p = self._powers.get(k)
        if p is None:
            p = Cyclotomic(self, _Q([0] * k + [1]) % self.modulus)
            self._powers[k] = p
        return p

    def __call__(self, value: Any) -> Cyclotomic:
        """Coerce an int, Fraction, or element of this field."""
        if isinstance(value, Cyclotomic):
            if value.field is not self:
                raise InvalidArgumentError(f"value = {value!r} lies in {value.field!r}, not in {self!r}")
            return value
        if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
            return Cyclotomic(self, _Q([flint.fmpq(Fraction(value).numerator, Fraction(value).denominator)]))
        raise InvalidArgumentError(f"value = {value!r} cannot be converted into {self!r}")

    @property
    def zero(self) -> Cyclotomic:
        return self(0)

    @property
    def one(self) -> Cyclotomic:
        return self(1)

    # -- embedding -------------------------------------------------------------------------
    def embed(self, x: Cyclotomic, prec: int = 53) -> Any:
        """``x`` under the field's embedding as an mpmath ``mpc`` with ``prec`` correct bits."""
        ball = self._ball(x, prec + 10)
        re, im = ball.real, ball.imag
        # a part whose ball contains 0 is exactly 0 when the element is real / imaginary
        re_zero = re.contains(0) and x.conjugate() == -x
        im_zero = im.contains(0) and x.conjugate() == x
        with mpmath.workprec(prec + 10):
            out = mpmath.mpc(0 if re_zero else _arb_to_mpf(re), 0 if im_zero else _arb_to_mpf(im))
        with mpmath.workprec(prec):
            return +out

    def _ball(self, x: Cyclotomic, prec: int) -> Any:
        old = flint.ctx.prec
        try:
            guard = 20 + self.degree.bit_length()
            work = prec + guard
            while True:
                flint.ctx.prec = work
                z = (flint.acb(0, 2 * self.embedding) * flint.acb.pi() / self.n).exp()
                val = flint.acb_poly(x.poly)(z) if not x.poly.is_zero() else flint.acb(0)
                if _rel_ok(val, prec) or work > 64 * prec + 10_000:
                    return val
                work *= 2
        finally:
            flint.ctx.prec = old

    def __repr__(self) -> str:
        return f"CyclotomicField({self.n}, embedding={self.embedding})"


def _arb_to_mpf(a: Any) -> Any:
    m, e = a.mid().man_exp()
    return mpmath.ldexp(mpmath.mpf(int(m)), int(e))


def _rel_ok(val: Any, prec: int) -> bool:
    """Whether both parts of the ball are known to ``prec`` bits relative to ``|val|``."""
    mag = abs(val).upper()
    rad = max(val.real.rad(), val.imag.rad())
    if rad == 0:
        return True
    if mag == 0:
        return False
    return bool(rad < mag * flint.arb(2) ** (-prec))


def cyclotomic_field(n: int, embedding: int = 1) -> CyclotomicField:
    """The cached field ``Q(zeta_n)`` with embedding ``zeta_n -> exp(2 pi i * embedding / n)``.

    Raises
    ------
    InvalidArgumentError
        if ``n < 1``, ``n > MAX_CONDUCTOR`` or ``embedding`` is not coprime to ``n``.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidArgumentError(f"n = {n!r} must be a positive integer (the conductor of Q(zeta_n))")
    if n > MAX_CONDUCTOR:
        raise InvalidArgumentError(f"n = {n} exceeds MAX_CONDUCTOR = {MAX_CONDUCTOR}")
    if isinstance(embedding, bool) or not isinstance(embedding, int) or math.gcd(embedding, n) != 1:
        raise InvalidArgumentError(
            f"embedding = {embedding!r} must be an integer coprime to n = {n}: zeta_n must map to a primitive root"
        )
    return _field(n, embedding % n)


@lru_cache(maxsize=256)
def _field(n: int, embedding: int) -> CyclotomicField:
    """One field object per (n, embedding mod n), so equal fields are identical."""
    return CyclotomicField(n, embedding)


class Cyclotomic:
    """An element of a :class:`CyclotomicField` (immutable, exact).

    It prints as its reduced polynomial in ``zN = zeta_N`` (degree below ``phi(N)``), e.g.
    ``-z20^6 + z20^4 - 1``; the complex number it stands for depends on the field's named
    embedding (:meth:`embed`).

    Examples
    --------
    >>> K = cyclotomic_field(12)
    >>> q = K.zeta
    >>> s = q**2 + q**-2          # 2 cos(pi/3) = 1
    >>> s == 1, s.is_real(), (q + q**-1).is_real()
    (True, True, True)
    >>> (q + q**-1) ** 2 == 3     # (2 cos(pi/6))^2
    True
    >>> (q - q**-1).sign_imag()
    1
    """

    __slots__ = ("_hash", "field", "poly")

    def __init__(self, field: CyclotomicField, poly: Any) -> None:
        self.field = field
        self.poly = poly
        self._hash: int | None = None

    # -- arithmetic ----------------------------------------------------------------
    def _other(self, other: Any) -> Cyclotomic | None:
        if isinstance(other, Cyclotomic):
            if other.field is not self.field:
                raise InvalidArgumentError(f"cannot combine elements of {self.field!r} and {other.field!r}")
            return other
        if isinstance(other, (int, Fraction)) and not isinstance(other, bool):
            return self.field(other)
        return None

    def _new(self, poly: Any) -> Cyclotomic:
        return Cyclotomic(self.field, poly)

    def __add__(self, other: Any) -> Cyclotomic:
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self._new(self.poly + o.poly)

    __radd__ = __add__

    def __sub__(self, other: Any) -> Cyclotomic:
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self._new(self.poly - o.poly)

    def __rsub__(self, other: Any) -> Cyclotomic:
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self._new(o.poly - self.poly)

    def __neg__(self) -> Cyclotomic:
        return self._new(-self.poly)

    def __mul__(self, other: Any) -> Cyclotomic:
        o = self._other(other)
        if o is None:
            return NotImplemented
        prod = self.poly * o.poly
        if prod.degree() >= self.field.degree:
            prod = prod % self.field.modulus
        return self._new(prod)

    __rmul__ = __mul__

    def inverse(self) -> Cyclotomic:
        """The multiplicative inverse (extended Euclid with ``Phi_n``)."""
        if self.poly.is_zero():
            raise ZeroDivisionError(f"division by zero in {self.field!r}")
        if self.poly.degree() == 0:
            return self._new(_Q([1 / self.poly[0]]))
        g, s, _ = self.poly.xgcd(self.field.modulus)
        return self._new((s / g[0]) % self.field.modulus)

    def __truediv__(self, other: Any) -> Cyclotomic:
        o = self._other(other)
        if o is None:
            return NotImplemented
        return self * o.inverse()

    def __rtruediv__(self, other: Any) -> Cyclotomic:
        o = self._other(other)
        if o is None:
            return NotImplemented
        return o * self.inverse()

    def __pow__(self, k: int) -> Cyclotomic:
        if k < 0:
            return self.inverse() ** (-k)
        result = self.field.one
        base = self
        while k:
            if k & 1:
                result = result * base
            base = base * base
            k >>= 1
        return result

    def __eq__(self, other: object) -> bool:
        o = self._other(other)
        if o is None:
            return NotImplemented
        return bool(self.poly == o.poly)

    def __hash__(self) -> int:
        if self._hash is None:
            if self.poly.degree() <= 0:
                c = self.poly[0]
                self._hash = hash(Fraction(int(c.p), int(c.q)))
            else:
                self._hash = hash((self.field.n, str(self.poly)))
        return self._hash

    def __bool__(self) -> bool:
        return not self.poly.is_zero()

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.field.n, self.field.embedding, self._terms()))

    # -- Galois structure ---------------------------------------------------------------
    def galois(self, k: int) -> Cyclotomic:
        """The image under ``sigma_k : zeta_n -> zeta_n^k`` (``k`` coprime to ``n``)."""
        n = self.field.n
        if math.gcd(k, n) != 1:
            raise InvalidArgumentError(f"k = {k} must be coprime to n = {n} for sigma_k to be an automorphism")
        k %= n
        result = self.field.zero
        for i, c in enumerate(self.poly.coeffs()):
            if c != 0:
                result = result + self.field.zeta_power(i * k) * Fraction(int(c.p), int(c.q))
        return result

    def conjugate(self) -> Cyclotomic:
        """Complex conjugation (``sigma_{-1}``; it commutes with every embedding)."""
        return self.galois(-1)

    def is_real(self) -> bool:
        """Whether the element lies in the maximal real subfield ``Q(zeta_n + zeta_n^-1)``."""
        return self == self.conjugate()

    def is_rational(self) -> bool:
        return self.poly.degree() <= 0

    def to_fraction(self) -> Fraction:
        """The element as a Fraction (raises unless rational)."""
        if not self.is_rational():
            raise NotRepresentableError(f"{self} is not rational")
        c = self.poly[0]
        return Fraction(int(c.p), int(c.q))

    def trace(self) -> Fraction:
        """The field trace to Q (sum of all Galois conjugates)."""
        n = self.field.n
        total = self.field.zero
        for k in range(1, n + 1):  # k = n only counts for n = 1, where Q(zeta_1) = Q
            if math.gcd(k, n) == 1:
                total = total + self.galois(k)
        return total.to_fraction()

    # -- numbers and signs ---------------------------------------------------------------
    def embed(self, prec: int = 53) -> Any:
        """Value under the field's named embedding (mpmath ``mpc``, ``prec`` correct bits)."""
        return self.field.embed(self, prec)

    def to_mpmath(self, prec: int = 53) -> Any:
        return self.embed(prec)

    def decimal(self, digits: int) -> str:
        """``digits`` correct significant decimals of the embedded value (``a + bi`` when
        not real).

        >>> cyclotomic_field(8).zeta.decimal(12)
        '0.707106781187 + 0.707106781187i'
        """
        if not self:
            return "0"
        prec = int(digits * 3.33) + 16
        v = self.embed(prec)
        with mpmath.workprec(prec):  # abs() rounds to the working precision
            re = mpmath.nstr(v.real, digits, min_fixed=-math.inf, max_fixed=math.inf)
            if self.is_real():
                return str(re)
            im = mpmath.nstr(abs(v.imag), digits, min_fixed=-math.inf, max_fixed=math.inf)
        return f"{re} {'-' if v.imag < 0 else '+'} {im}i"

    def __complex__(self) -> complex:
        return complex(self.embed(60))

    def sign(self) -> int:
        """Sign of a *real* element under the named embedding (exact: -1, 0 or 1)."""
        if not self.is_real():
            raise NotRepresentableError(f"{self} is not real, so it has no sign; use sign_imag or embed")
        return self._sign_part("real")

    def sign_imag(self) -> int:
        """Sign of the imaginary part under the named embedding (exact)."""
        return self.__sub__(self.conjugate())._sign_part("imag")

    def _sign_part(self, part: str) -> int:
        if self.poly.is_zero():
            return 0
        # a nonzero algebraic number: refine until the ball excludes zero (always terminates)
        prec = 64
        while True:
            ball = self.field._ball(self, prec)
            comp = ball.real if part == "real" else ball.imag
            if comp > 0:
                return 1
            if comp < 0:
                return -1
            prec *= 2

    # -- output ---------------------------------------------------------------------
    def _terms(self) -> list[tuple[int, Fraction]]:
        return [(i, Fraction(int(c.p), int(c.q))) for i, c in enumerate(self.poly.coeffs()) if c != 0]

    def __str__(self) -> str:
        if self.poly.is_zero():
            return "0"
        z = f"z{self.field.n}"
        parts: list[str] = []
        for i, c in reversed(self._terms()):
            mono = "" if i == 0 else (z if i == 1 else f"{z}^{i}")
            mag = abs(c)
            body = str(mag) if not mono else (mono if mag == 1 else f"{mag}*{mono}")
            parts.append(("-" if c < 0 else ("+" if parts else "")) + body)
        return " ".join(parts).replace("+", "+ ").replace(" -", " - ") if len(parts) > 1 else parts[0]

    def __repr__(self) -> str:
        return f"<Cyclotomic {self} in Q(zeta_{self.field.n})>"

    def latex(self) -> str:
        if self.poly.is_zero():
            return "0"
        z = f"\\zeta_{{{self.field.n}}}"
        out = ""
        for i, c in reversed(self._terms()):
            mono = "" if i == 0 else (z if i == 1 else f"{z}^{{{i}}}")
            mag = abs(c)
            num = f"\\frac{{{mag.numerator}}}{{{mag.denominator}}}" if mag.denominator != 1 else str(mag)
            body = num if not mono else (mono if mag == 1 else f"{num} {mono}")
            out += ("-" if c < 0 else ("+" if out else "")) + body
        return out

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"

    def to_sympy(self) -> Any:
        """A sympy expression in ``exp(2 pi I k / n)`` (``k`` = the field's embedding)."""
        import sympy

        z = sympy.exp(2 * sympy.pi * sympy.I * self.field.embedding / self.field.n)
        return sympy.Add(*[sympy.Rational(c.numerator, c.denominator) * z**i for i, c in self._terms()])

    def _sympy_(self) -> Any:
        return self.to_sympy()


def _rebuild(n: int, embedding: int, terms: list[tuple[int, Fraction]]) -> Cyclotomic:
    """Unpickle an element (FLINT polynomials do not pickle themselves)."""
    field = cyclotomic_field(n, embedding)
    out = field.zero
    for i, c in terms:
        out = out + field.zeta_power(i) * c
    return out
