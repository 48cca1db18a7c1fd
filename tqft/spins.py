"""Spins, projections and colours: the one parser every function in tqft uses.

Conventions
-----------
A *spin* ``j`` is a non-negative integer or half-integer.  tqft stores it as its
*colour* ``a = 2j``, a non-negative Python ``int`` (the Kauffman-Lins and WIGXJPF
convention; sympy's ``physics.wigner`` does the same internally with ``_doubled_int``).
A *projection* ``m`` may be negative and is stored as the doubled integer ``2m``.

Admissibility of a triple of colours ``(a, b, c)`` is then integer arithmetic: the sum
``a + b + c`` is even and the triangle inequalities ``|a - b| <= c <= a + b`` hold.

Accepted inputs
---------------
``int`` (and numpy integer scalars, sympy ``Integer``), ``fractions.Fraction`` and any
:class:`numbers.Rational` (sympy ``Rational`` included), strings such as ``"3/2"``,
``"1.5"`` or ``"2"``, :class:`decimal.Decimal`, and floats (Python, numpy, mpmath, sympy
``Float``) **only** when they are exactly an integer or a half-integer.  ``bool`` is
rejected: ``True`` is not a spin.  Anything else raises :class:`~tqft.errors.SpinTypeError`
(wrong type) or :class:`~tqft.errors.InvalidSpinError` (right type, wrong value); both
are ``ValueError`` subclasses and the message names the argument, the value and what is
allowed.

Examples
--------
>>> colour(1)
2
>>> colour("3/2")
3
>>> doubled(-0.5, "m", signed=True)
-1
>>> spin_str(5)
'5/2'
>>> colour("1/3", "j1")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
tqft.errors.InvalidSpinError: j1 = '1/3' is not a spin: expected a non-negative integer or half-integer ...
"""

from __future__ import annotations

import decimal
import numbers
import operator
from fractions import Fraction
from typing import Any

from .errors import AdmissibilityError, InvalidSpinError, SpinTypeError

__all__ = [
    "SpinLike",
    "admissible",
    "colour",
    "doubled",
    "require_admissible",
    "spin",
    "spin_str",
]

#: What the parser accepts; documentation only (the parser checks values, not annotations).
SpinLike = int | Fraction | str | float | numbers.Rational

_ALLOWED = "(int, Fraction, sympy Rational, a string such as '3/2', or a float equal to an integer or half-integer)"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Fraction):
        return str(value)
    try:
        return repr(value)
    except Exception:  # pragma: no cover - a repr that fails is not our concern
        return f"<{type(value).__name__}>"


def _fail(value: Any, name: str, signed: bool, *, wrong_type: bool = False) -> InvalidSpinError:
    what = "a projection" if signed else "a spin"
    allowed = "an integer or half-integer" if signed else "a non-negative integer or half-integer"
    msg = f"{name} = {_show(value)} is not {what}: expected {allowed} {_ALLOWED}"
    if wrong_type:
        return SpinTypeError(msg + f", not an object of type {type(value).__name__}")
    return InvalidSpinError(msg)


def _doubled_rational(num: int, den: int, value: Any, name: str, signed: bool) -> int:
    if den == 1:
        result = 2 * num
    elif den == 2:
        result = num
    else:
        raise _fail(value, name, signed)
    if result < 0 and not signed:
        raise _fail(value, name, signed)
    return result


def _doubled_slow(value: Any, name: str, signed: bool) -> int:
    if isinstance(value, bool):
        raise _fail(value, name, signed, wrong_type=True)
    if isinstance(value, numbers.Integral):
        return _doubled_rational(operator.index(value), 1, value, name, signed)
    if isinstance(value, numbers.Rational):
        return _doubled_rational(int(value.numerator), int(value.denominator), value, name, signed)
    if isinstance(value, str):
        try:
            frac = Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise _fail(value, name, signed) from None
        return _doubled_rational(frac.numerator, frac.denominator, value, name, signed)
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise _fail(value, name, signed)
        frac = Fraction(value)
        return _doubled_rational(frac.numerator, frac.denominator, value, name, signed)
    if isinstance(value, complex) or (isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real)):
        raise _fail(value, name, signed, wrong_type=True)
    try:
        as_float = float(value)
    except (TypeError, ValueError):
        raise _fail(value, name, signed, wrong_type=True) from None
    try:
        same = bool(as_float == value)
    except Exception:
        same = False
    if not same or as_float != as_float or as_float in (float("inf"), float("-inf")):
        raise _fail(value, name, signed)
    twice = 2.0 * as_float
    if not twice.is_integer():
        raise _fail(value, name, signed)
    result = int(twice)
    if result < 0 and not signed:
        raise _fail(value, name, signed)
    return result


def doubled(value: Any, name: str = "j", *, signed: bool = False) -> int:
    """Return ``2 * value`` as an ``int`` for an integer or half-integer ``value``.

    Parameters
    ----------
    value
        The number to parse; see the module docstring for the accepted types.
    name
        The argument's name, used in the error message.
    signed
        Allow negative values (projections ``m``).  Spins are parsed with ``False``.

    Raises
    ------
    InvalidSpinError
        If the value is not an integer or half-integer, or is negative while
        ``signed`` is false.
    SpinTypeError
        If the object cannot represent a number (a list, ``None``, a complex number,
        ``bool``).
    """
    if type(value) is int:  # the hot path: no isinstance chain for plain ints
        if value >= 0 or signed:
            return value + value
        raise _fail(value, name, signed)
    if type(value) is Fraction:
        den = value.denominator
        if den == 1 or den == 2:
            return _doubled_rational(value.numerator, den, value, name, signed)
        raise _fail(value, name, signed)
    return _doubled_slow(value, name, signed)


def colour(value: Any, name: str = "j") -> int:
    """Parse a spin ``j`` and return its colour ``2j`` (a non-negative ``int``).

    >>> colour(0), colour(Fraction(1, 2)), colour(2.5)
    (0, 1, 5)
    """
    kind = type(value)
    if kind is int:
        if value >= 0:
            return value + value
    elif kind is Fraction:  # inlined: half-integer Fractions are the common non-int spins
        den = value.denominator
        if den == 2:
            num = value.numerator
            if num > 0:
                return num
        elif den == 1:
            num = value.numerator
            if num >= 0:
                return num + num
    return doubled(value, name)


def spin(c: int) -> Fraction:
    """The spin ``c / 2`` of a colour ``c``, as a :class:`~fractions.Fraction`.

    >>> spin(3)
    Fraction(3, 2)
    """
    return Fraction(c, 2)


def spin_str(c: int) -> str:
    """Print the spin of colour ``c`` the way physicists write it: ``'1'``, ``'3/2'``.

    Also used for doubled projections: ``spin_str(-3) == '-3/2'``.
    """
    return str(c // 2) if c % 2 == 0 else f"{c}/2"


def admissible(a: int, b: int, c: int) -> bool:
    """Whether colours ``(a, b, c)`` are admissible at a trivalent vertex (q = 1).

    Admissible means ``a + b + c`` even and ``|a - b| <= c <= a + b``.  At a root of unity
    the quantum-group contexts add ``a + b + c <= 2(r - 2)``.

    >>> admissible(2, 2, 2), admissible(1, 1, 1), admissible(2, 2, 6)
    (True, False, False)
    """
    return (a + b + c) % 2 == 0 and abs(a - b) <= c <= a + b


def require_admissible(a: int, b: int, c: int, where: str = "triple") -> None:
    """Raise :class:`~tqft.errors.AdmissibilityError` unless ``(a, b, c)`` is admissible.

    ``where`` names the place (a vertex, an argument triple) for the message.
    """
    if not admissible(a, b, c):
        spins = ", ".join(spin_str(x) for x in (a, b, c))
        reason = (
            "the spins do not sum to an integer"
            if (a + b + c) % 2
            else "they violate the triangle inequality |j1 - j2| <= j3 <= j1 + j2"
        )
        raise AdmissibilityError(
            f"{where} has spins ({spins}), which are not admissible: {reason}; "
            "an admissible triple has an integer sum and satisfies the triangle inequalities"
        )
