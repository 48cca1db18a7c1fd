"""Laurent polynomials with integer coefficients, on FLINT's ``fmpz_poly``.

A :class:`Laurent` is ``x^shift * p(x)`` with ``p`` an integer polynomial not divisible by
``x`` (so every Laurent polynomial has exactly one representation, and ``==`` and ``hash``
are structural).  The variable has no name of its own: the owner decides what it means
(``s = q^(1/2)`` in the quantum-group contexts, Kauffman's ``A`` in the bracket,
``t^(1/2)`` for the Jones polynomial) and passes the name to :meth:`Laurent.format`,
:meth:`Laurent.latex` and :meth:`Laurent.to_sympy`, with an ``exponent_scale`` when one
step of ``x`` is a fractional power of the printed variable.

Why FLINT: products and gcds of the dense integer polynomials of q-factorials run in C
with asymptotically fast algorithms; ``benchmarks/bench_q.py`` measures the rational
functions built on this class against sympy's and symengine's on the same q-6j symbols.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import flint

from ..errors import InvalidArgumentError, NotRepresentableError

__all__ = ["Laurent"]

_FZ = flint.fmpz_poly


def _strip(poly: Any, shift: int) -> tuple[Any, int]:
    """Move factors of x out of ``poly`` into ``shift``; zero gets shift 0."""
    if poly.is_zero():
        return poly, 0
    coeffs = poly.coeffs()
    k = 0
    while coeffs[k] == 0:
        k += 1
    if k:
        poly = _FZ(coeffs[k:])
    return poly, shift + k


class Laurent:
    """An integer Laurent polynomial ``x^shift * poly(x)`` (canonical, immutable).

    Parameters
    ----------
    coefficients : mapping exponent -> int, iterable of ints, or ``fmpz_poly``
        A mapping gives the coefficient of each exponent (exponents may be negative);
        a sequence gives the coefficients of ``x^shift, x^(shift+1), ...``.
    shift : int
        Exponent of the first coefficient when ``coefficients`` is a sequence.

    Examples
    --------
    >>> x = Laurent.gen()
    >>> (x + x**-1) ** 2
    Laurent({-2: 1, 0: 2, 2: 1})
    >>> print((x - 1) * (x + 1))
    x^2 - 1
    >>> Laurent({-1: 1, 1: -1}).format("t", exponent_scale=Fraction(1, 2))
    '-t^(1/2) + t^(-1/2)'
    """

    __slots__ = ("_hash", "poly", "shift")

    poly: Any
    shift: int

    def __init__(self, coefficients: Any = (), shift: int = 0) -> None:
        if isinstance(coefficients, _FZ):
            poly = coefficients
        elif isinstance(coefficients, Mapping):
            items = {int(k): int(v) for k, v in coefficients.items() if v}
            if not items:
                poly, shift = _FZ([]), 0
            else:
                lo = min(items)
                dense = [0] * (max(items) - lo + 1)
                for k, v in items.items():
                    dense[k - lo] = v
                poly, shift = _FZ(dense), lo
        elif isinstance(coefficients, Iterable):
            poly = _FZ([int(c) for c in coefficients])
        else:
            raise InvalidArgumentError(
                f"coefficients = {coefficients!r} must be a mapping exponent -> int, a sequence of ints or an fmpz_poly"
            )
        self.poly, self.shift = _strip(poly, int(shift))
        self._hash: int | None = None

    @classmethod
    def _raw(cls, poly: Any, shift: int) -> Laurent:
        obj = cls.__new__(cls)
        obj.poly, obj.shift = _strip(poly, shift)
        obj._hash = None
        return obj

    # -- constructors ---------------------------------------------------------------
    @classmethod
    def gen(cls) -> Laurent:
        """The variable ``x``."""
        return cls._raw(_FZ([0, 1]), 0)

    @classmethod
    def monomial(cls, exponent: int, coefficient: int = 1) -> Laurent:
        """``coefficient * x^exponent``."""
        return cls._raw(_FZ([int(coefficient)]), int(exponent))

    @classmethod
    def constant(cls, c: int) -> Laurent:
        """The constant ``c``."""
        return cls._raw(_FZ([int(c)]), 0)

    # -- inspection -----------------------------------------------------------------
    def is_zero(self) -> bool:
        return bool(self.poly.is_zero())

    def is_monomial(self) -> bool:
        """Whether this is ``c * x^k`` with ``c != 0``."""
        return self.poly.degree() == 0

    @property
    def min_degree(self) -> int:
        """Lowest exponent with a nonzero coefficient (raises for zero)."""
        if self.is_zero():
            raise NotRepresentableError("the zero Laurent polynomial has no lowest degree")
        return self.shift

    @property
    def max_degree(self) -> int:
        """Highest exponent with a nonzero coefficient (raises for zero)."""
        if self.is_zero():
            raise NotRepresentableError("the zero Laurent polynomial has no highest degree")
        return self.shift + self.poly.degree()

    def to_dict(self) -> dict[int, int]:
        """``{exponent: coefficient}`` for the nonzero coefficients."""
        return {self.shift + i: int(c) for i, c in enumerate(self.poly.coeffs()) if c}

    def coefficient(self, exponent: int) -> int:
        """The coefficient of ``x^exponent``."""
        i = exponent - self.shift
        if i < 0 or i > self.poly.degree():
            return 0
        return int(self.poly[i])

    def span(self) -> int:
        """``max_degree - min_degree`` (0 for zero)."""
        return 0 if self.is_zero() else int(self.poly.degree())

    # -- arithmetic -----------------------------------------------------------------
    @staticmethod
    def _coerce(other: Any) -> Laurent | None:
        if isinstance(other, Laurent):
            return other
        if isinstance(other, int) and not isinstance(other, bool):
            return Laurent._raw(_FZ([other]), 0)
        return None

    def __add__(self, other: Any) -> Laurent:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        if o.is_zero():
            return self
        if self.is_zero():
            return o
        lo = min(self.shift, o.shift)
        a = self.poly if self.shift == lo else self.poly.left_shift(self.shift - lo)
        b = o.poly if o.shift == lo else o.poly.left_shift(o.shift - lo)
        return Laurent._raw(a + b, lo)

    __radd__ = __add__

    def __neg__(self) -> Laurent:
        return Laurent._raw(-self.poly, self.shift)

    def __sub__(self, other: Any) -> Laurent:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return self + (-o)

    def __rsub__(self, other: Any) -> Laurent:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return o + (-self)

    def __mul__(self, other: Any) -> Laurent:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return Laurent._raw(self.poly * o.poly, self.shift + o.shift)

    __rmul__ = __mul__

    def __pow__(self, n: int) -> Laurent:
        if n < 0:
            if not self.is_monomial():
                raise NotRepresentableError(f"{self} is not a unit of Z[x, 1/x]; only monomials ±x^k have inverses")
            c = int(self.poly[0])
            if c not in (1, -1):
                raise NotRepresentableError(f"{self} is not a unit of Z[x, 1/x]: coefficient {c} is not ±1")
            return Laurent._raw(_FZ([c ** (-n)]), self.shift * n)
        return Laurent._raw(self.poly**n, self.shift * n)

    def divexact(self, other: Laurent) -> Laurent:
        """``self / other`` when the quotient is a Laurent polynomial; raises otherwise."""
        if other.is_zero():
            raise ZeroDivisionError("division of a Laurent polynomial by zero")
        q, r = divmod(self.poly, other.poly)
        if not r.is_zero():
            raise NotRepresentableError(f"{other} does not divide {self} in Z[x, 1/x]")
        return Laurent._raw(q, self.shift - other.shift)

    def __eq__(self, other: object) -> bool:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return self.shift == o.shift and self.poly == o.poly

    def __hash__(self) -> int:
        if self._hash is None:
            if self.is_zero():
                self._hash = 0
            elif self.is_monomial() and self.shift == 0:
                self._hash = hash(int(self.poly[0]))  # agrees with int
            else:
                self._hash = hash((self.shift, tuple(int(c) for c in self.poly.coeffs())))
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (Laurent, (self.to_dict(),))

    def __bool__(self) -> bool:
        return not self.is_zero()

    # -- substitutions ----------------------------------------------------------------
    def bar(self) -> Laurent:
        """The image under ``x -> 1/x`` (the bar involution; mirror image for knots)."""
        return self.substitute_power(-1)

    def substitute_power(self, k: int) -> Laurent:
        """The image under ``x -> x^k`` (``k`` a nonzero integer)."""
        if k == 0:
            raise InvalidArgumentError("k = 0: substituting x -> x^0 is not an automorphism; use evaluate(1)")
        if self.is_zero():
            return self
        coeffs = self.poly.coeffs()
        if k > 0:
            dense = [0] * ((len(coeffs) - 1) * k + 1)
            dense[::k] = coeffs
            return Laurent._raw(_FZ(dense), self.shift * k)
        rev = _FZ(coeffs[::-1])
        top = self.shift + len(coeffs) - 1
        out = Laurent._raw(rev, -top)
        return out if k == -1 else out.substitute_power(-k)

    def evaluate(self, x: Any) -> Any:
        """The value at ``x`` (int, Fraction, mpmath number, ...), by Horner's rule.

        Exact for exact ``x``; ``x = 0`` is allowed only when no negative power occurs.
        """
        if self.is_zero():
            return 0
        acc: Any = 0
        for c in reversed(self.poly.coeffs()):
            acc = acc * x + int(c)
        if self.shift >= 0:
            return acc * x**self.shift
        if isinstance(x, int):
            x = Fraction(x)
        return acc / x ** (-self.shift)

    # -- output -----------------------------------------------------------------------
    def format(self, var: str = "x", exponent_scale: Fraction | int = 1, *, descending: bool = True) -> str:
        """Human-readable form in the variable ``var``; an exponent ``k`` prints as ``k * exponent_scale``."""
        if self.is_zero():
            return "0"
        items = sorted(self.to_dict().items(), reverse=descending)
        parts: list[str] = []
        for k, c in items:
            e = Fraction(k) * exponent_scale
            if e == 0:
                mono = ""
            elif e == 1:
                mono = var
            elif e.denominator == 1 and e > 0:
                mono = f"{var}^{e.numerator}"
            else:
                mono = f"{var}^({e})"
            mag = abs(c)
            body = str(mag) if not mono else (mono if mag == 1 else f"{mag}*{mono}")
            if not parts:
                parts.append(("-" if c < 0 else "") + body)
            else:
                parts.append((" - " if c < 0 else " + ") + body)
        return "".join(parts)

    def latex(self, var: str = "x", exponent_scale: Fraction | int = 1) -> str:
        """LaTeX form (descending powers)."""
        if self.is_zero():
            return "0"
        parts: list[str] = []
        for k, c in sorted(self.to_dict().items(), reverse=True):
            e = Fraction(k) * exponent_scale
            mono = "" if e == 0 else (var if e == 1 else f"{var}^{{{e}}}")
            mag = abs(c)
            body = str(mag) if not mono else (mono if mag == 1 else f"{mag} {mono}")
            sign = "-" if c < 0 else ("+" if parts else "")
            parts.append(f"{' ' if parts else ''}{sign}{' ' if parts else ''}{body}")
        return "".join(parts)

    def to_sympy(self, var: Any = "x", exponent_scale: Fraction | int = 1) -> Any:
        """A sympy expression in the symbol ``var`` (a name or a sympy Symbol)."""
        import sympy

        v = sympy.Symbol(var) if isinstance(var, str) else var
        scale = sympy.Rational(Fraction(exponent_scale).numerator, Fraction(exponent_scale).denominator)
        return sympy.Add(*[sympy.Integer(c) * v ** (k * scale) for k, c in self.to_dict().items()])

    def _sympy_(self) -> Any:
        return self.to_sympy()

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"Laurent({self.to_dict()!r})"
