"""Exact rational functions of one variable with integer coefficients (FLINT backend).

A :class:`RationalFunction` is ``num / den`` with ``num``, ``den`` integer Laurent
polynomials (:class:`~tqft.exact.laurent.Laurent`) in lowest terms: the denominator is a
polynomial with nonzero constant term, positive leading coefficient, and no common
factor (content included) with the numerator.  The representation is unique, so ``==``
and ``hash`` are structural.

In the quantum-group contexts the variable is ``s = q^(1/2)``, which is Kauffman's ``A``
under ``q = A^2``; quantum integers are Laurent polynomials in ``s^2 = q``.  The element
carries the name under which it prints (``"q"`` with exponents halved, or ``"A"``).

Backend choice: FLINT ``fmpz_poly`` arithmetic and gcd.  ``benchmarks/bench_q.py`` times
the generic-q 6j symbols with this backend, with sympy's ``QQ.frac_field`` and with
symengine on the same symbols; the figures are in the README.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import flint

from ..errors import InvalidArgumentError
from .laurent import Laurent

__all__ = ["RationalFunction"]

_FZ = flint.fmpz_poly
_ONE = _FZ([1])

#: (name, exponent scale) of the printed variable; ("q", 1/2) prints s^k as q^(k/2)
Variable = tuple[str, Fraction]
VAR_Q: Variable = ("q", Fraction(1, 2))
VAR_A: Variable = ("A", Fraction(1))


class RationalFunction:
    """An exact rational function ``num(s) / den(s)`` in lowest terms (immutable).

    Examples
    --------
    >>> s = RationalFunction.gen()
    >>> q = s**2
    >>> qint3 = (q**3 - q**-3) / (q - q**-1)
    >>> print(qint3)
    q^2 + 1 + q^(-2)
    >>> qint3.is_laurent(), qint3(1)
    (True, Fraction(3, 1))
    >>> print(1 / (1 + q))
    1/(q + 1)
    """

    __slots__ = ("_hash", "den", "num", "var")

    num: Laurent
    den: Laurent
    var: Variable
    _hash: int | None

    def __init__(self, num: Laurent | int, den: Laurent | int = 1, var: Variable = VAR_Q) -> None:
        n = num if isinstance(num, Laurent) else Laurent.constant(num)
        d = den if isinstance(den, Laurent) else Laurent.constant(den)
        self._set(n.poly, n.shift - d.shift, d.poly, var)

    def _set(self, npoly: Any, shift: int, dpoly: Any, var: Variable) -> None:
        if dpoly.is_zero():
            raise ZeroDivisionError("rational function with zero denominator")
        self.var = var
        self._hash = None
        if npoly.is_zero():
            self.num, self.den = Laurent(), Laurent.constant(1)
            return
        # dpoly may carry powers of x; move them to the shift
        dl = Laurent._raw(dpoly, 0)
        shift -= dl.shift
        dpoly = dl.poly
        if dpoly.degree() > 0 or dpoly[0] != 1:
            g = npoly.gcd(dpoly)
            if not g.is_one():
                npoly = npoly // g
                dpoly = dpoly // g
            if dpoly[dpoly.degree()] < 0:
                npoly, dpoly = -npoly, -dpoly
        self.num = Laurent._raw(npoly, shift)
        self.den = Laurent._raw(dpoly, 0)

    @classmethod
    def _make(cls, npoly: Any, shift: int, dpoly: Any, var: Variable) -> RationalFunction:
        obj = cls.__new__(cls)
        obj._set(npoly, shift, dpoly, var)
        return obj

    @classmethod
    def gen(cls, var: Variable = VAR_Q) -> RationalFunction:
        """The variable ``s`` (``q^(1/2)``, or ``A``)."""
        return cls(Laurent.gen(), 1, var)

    @classmethod
    def from_laurent(cls, p: Laurent, var: Variable = VAR_Q) -> RationalFunction:
        return cls(p, 1, var)

    # -- inspection ------------------------------------------------------------------------
    def is_laurent(self) -> bool:
        """Whether the denominator is a constant ``1`` (a Laurent polynomial in ``s``)."""
        return bool(self.den.poly.is_one())

    def is_constant(self) -> bool:
        return self.num.is_zero() or (self.num.shift == 0 and self.num.poly.degree() == 0 and self.den.span() == 0)

    def is_zero(self) -> bool:
        return self.num.is_zero()

    def constant_value(self) -> Fraction:
        """The value of a constant rational function as a Fraction."""
        if not self.is_constant():
            raise InvalidArgumentError(f"{self} is not constant")
        if self.num.is_zero():
            return Fraction(0)
        return Fraction(int(self.num.poly[0]), int(self.den.poly[0]))

    # -- arithmetic ---------------------------------------------------------------------
    def _coerce(self, other: Any) -> RationalFunction | None:
        if isinstance(other, RationalFunction):
            return other
        if isinstance(other, int) and not isinstance(other, bool):
            return RationalFunction._make(_FZ([other]), 0, _ONE, self.var)
        if isinstance(other, Fraction):
            return RationalFunction._make(_FZ([other.numerator]), 0, _FZ([other.denominator]), self.var)
        if isinstance(other, Laurent):
            return RationalFunction(other, 1, self.var)
        return None

    def __add__(self, other: Any) -> RationalFunction:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        if o.num.is_zero():
            return self
        if self.num.is_zero():
            return o if o.var == self.var else RationalFunction(o.num, o.den, self.var)
        a, b, c, d = self.num, self.den, o.num, o.den
        if b.poly == d.poly:
            n = a + c
            return RationalFunction._make(n.poly, n.shift, b.poly, self.var)
        n = a * d + c * b
        return RationalFunction._make(n.poly, n.shift, b.poly * d.poly, self.var)

    __radd__ = __add__

    def __neg__(self) -> RationalFunction:
        obj = RationalFunction.__new__(RationalFunction)
        obj.num, obj.den, obj.var, obj._hash = -self.num, self.den, self.var, None
        return obj

    def __sub__(self, other: Any) -> RationalFunction:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return self + (-o)

    def __rsub__(self, other: Any) -> RationalFunction:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return o + (-self)

    def __mul__(self, other: Any) -> RationalFunction:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        if self.num.is_zero() or o.num.is_zero():
            return RationalFunction._make(_FZ([]), 0, _ONE, self.var)
        return RationalFunction._make(
            self.num.poly * o.num.poly, self.num.shift + o.num.shift, self.den.poly * o.den.poly, self.var
        )

    __rmul__ = __mul__

    def inverse(self) -> RationalFunction:
        if self.num.is_zero():
            raise ZeroDivisionError("division by the zero rational function")
        return RationalFunction._make(self.den.poly, -self.num.shift, self.num.poly, self.var)

    def __truediv__(self, other: Any) -> RationalFunction:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        if o.num.is_zero():
            raise ZeroDivisionError("division by the zero rational function")
        return RationalFunction._make(
            self.num.poly * o.den.poly, self.num.shift - o.num.shift, self.den.poly * o.num.poly, self.var
        )

    def __rtruediv__(self, other: Any) -> RationalFunction:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return o / self

    def __pow__(self, k: int) -> RationalFunction:
        if k < 0:
            return self.inverse() ** (-k)
        return RationalFunction._make(self.num.poly**k, self.num.shift * k, self.den.poly**k, self.var)

    def __eq__(self, other: object) -> bool:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return self.num == o.num and self.den == o.den

    def __hash__(self) -> int:
        if self._hash is None:
            if self.is_constant():
                self._hash = hash(self.constant_value())  # agrees with int and Fraction
            else:
                self._hash = hash((self.num, self.den))
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (RationalFunction, (self.num, self.den, self.var))

    def __bool__(self) -> bool:
        return not self.num.is_zero()

    # -- substitutions and values -----------------------------------------------------------
    def bar(self) -> RationalFunction:
        """The image under ``s -> 1/s`` (``q -> 1/q``)."""
        return RationalFunction(self.num.bar(), self.den.bar(), self.var)

    def substitute_power(self, k: int) -> RationalFunction:
        """The image under ``s -> s^k``."""
        return RationalFunction(self.num.substitute_power(k), self.den.substitute_power(k), self.var)

    def __call__(self, s: Any) -> Any:
        """The value at ``s`` (exact for int/Fraction/cyclotomic input, numeric for mpmath)."""
        if isinstance(s, int) and not isinstance(s, bool):
            s = Fraction(s)
        d = self.den.evaluate(s)
        if d == 0:
            raise ZeroDivisionError(f"{self} has a pole at s = {s}")
        return self.num.evaluate(s) / d

    # -- output ---------------------------------------------------------------------------
    def with_variable(self, var: Variable) -> RationalFunction:
        obj = RationalFunction.__new__(RationalFunction)
        obj.num, obj.den, obj.var, obj._hash = self.num, self.den, var, self._hash
        return obj

    def _balanced(self) -> tuple[Laurent, Laurent]:
        """Numerator and denominator for display: a palindromic denominator of even degree
        ``2k`` is shown centred (times ``s^-k``, as are quantum integers) when that keeps
        the printed exponents integral."""
        coeffs = self.den.poly.coeffs()
        deg = len(coeffs) - 1
        if deg > 0 and deg % 2 == 0 and (deg // 2 * self.var[1]).denominator == 1 and coeffs == coeffs[::-1]:
            shift = Laurent.monomial(-(deg // 2))
            return self.num * shift, self.den * shift
        return self.num, self.den

    def __str__(self) -> str:
        name, scale = self.var
        num, den = self._balanced()
        n = num.format(name, scale)
        if self.is_laurent():
            return n
        d = den.format(name, scale)
        n = n if len(num.to_dict()) == 1 and not n.startswith("-") else f"({n})"
        d = d if len(den.to_dict()) == 1 else f"({d})"
        return f"{n}/{d}"

    def __repr__(self) -> str:
        return f"<RationalFunction {self}>"

    def latex(self) -> str:
        name, scale = self.var
        num, den = self._balanced()
        n = num.latex(name, scale)
        if self.is_laurent():
            return n
        return f"\\frac{{{n}}}{{{den.latex(name, scale)}}}"

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"

    def to_sympy(self, symbol: Any = None) -> Any:
        """A sympy expression in the printed variable (``q`` with half-integer powers, or ``A``)."""
        import sympy

        name, scale = self.var
        v = sympy.Symbol(name, positive=True) if symbol is None else symbol
        return self.num.to_sympy(v, scale) / self.den.to_sympy(v, scale)

    def _sympy_(self) -> Any:
        return self.to_sympy()
