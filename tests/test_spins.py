"""The spin parser: every accepted form, every rejected form, and the error messages."""

from __future__ import annotations

import decimal
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from tqft.errors import AdmissibilityError, InvalidSpinError, SpinTypeError, TQFTError
from tqft.spins import admissible, colour, doubled, require_admissible, spin, spin_str

ACCEPTED = [
    (0, 0),
    (3, 6),
    (Fraction(5, 2), 5),
    (Fraction(4, 2), 4),
    (sympy.Rational(3, 2), 3),
    (sympy.Integer(2), 4),
    (sympy.S.Half, 1),
    ("3/2", 3),
    (" 2 ", 4),
    ("1.5", 3),
    ("0", 0),
    (1.5, 3),
    (2.0, 4),
    (np.int8(3), 6),
    (np.int64(7), 14),
    (np.uint16(1), 2),
    (np.float32(0.5), 1),
    (np.float64(2.5), 5),
    (sympy.Float(1.5), 3),
    (mpmath.mpf("0.5"), 1),
    (decimal.Decimal("2.5"), 5),
]


@pytest.mark.parametrize(("value", "expected"), ACCEPTED, ids=[repr(v) for v, _ in ACCEPTED])
def test_accepted_forms(value, expected):
    assert colour(value) == expected
    assert type(colour(value)) is int


REJECTED_VALUES = [
    Fraction(1, 3),
    "1/3",
    "abc",
    "",
    "1/0",
    0.3,
    1.25,
    float("nan"),
    float("inf"),
    -1,
    Fraction(-1, 2),
    "-3/2",
    -0.5,
    np.int32(-2),
    decimal.Decimal("0.1"),
    decimal.Decimal("NaN"),
    mpmath.mpf("0.1"),
    sympy.Rational(2, 3),
]


@pytest.mark.parametrize("value", REJECTED_VALUES, ids=[repr(v) for v in REJECTED_VALUES])
def test_rejected_values_name_argument_value_and_rule(value):
    with pytest.raises(InvalidSpinError) as info:
        colour(value, "j4")
    message = str(info.value)
    assert message.startswith("j4 = ")
    assert "non-negative integer or half-integer" in message
    assert isinstance(info.value, ValueError) and isinstance(info.value, TQFTError)


REJECTED_TYPES = [None, [1], (1,), 1 + 2j, True, False, sympy.Symbol("x"), object(), {1: 2}]


@pytest.mark.parametrize("value", REJECTED_TYPES, ids=[repr(v) for v in REJECTED_TYPES])
def test_rejected_types_are_type_errors(value):
    with pytest.raises(SpinTypeError) as info:
        colour(value, "j1")
    assert isinstance(info.value, TypeError) and isinstance(info.value, ValueError)
    assert str(info.value).startswith("j1 = ")
    assert type(value).__name__ in str(info.value)


def test_signed_projections():
    assert doubled(-1, "m", signed=True) == -2
    assert doubled("-3/2", "m", signed=True) == -3
    assert doubled(Fraction(-1, 2), "m", signed=True) == -1
    assert doubled(-0.5, "m", signed=True) == -1
    with pytest.raises(InvalidSpinError, match=r"m2 = -1/3 is not a projection: expected an integer or half-integer"):
        doubled(Fraction(-1, 3), "m2", signed=True)


@given(st.integers(min_value=0, max_value=10**30))
def test_roundtrip_through_strings(c):
    assert colour(spin_str(c)) == c
    assert colour(spin(c)) == c
    assert colour(Fraction(c, 2)) == c


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_signed_roundtrip(c):
    assert doubled(spin_str(c), signed=True) == c
    assert doubled(Fraction(c, 2), signed=True) == c
    assert doubled(c / 2, signed=True) == c  # exact: |c| < 2^53


@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))
def test_admissible_is_parity_and_triangle(a, b, c):
    expected = (a + b + c) % 2 == 0 and c <= a + b and a <= b + c and b <= a + c
    assert admissible(a, b, c) == expected
    assert admissible(a, b, c) == admissible(b, c, a) == admissible(c, b, a)


def test_require_admissible_messages():
    require_admissible(2, 2, 2)
    with pytest.raises(AdmissibilityError, match=r"vertex v3 has spins \(1/2, 1/2, 1/2\).*integer sum"):
        require_admissible(1, 1, 1, "vertex v3")
    with pytest.raises(AdmissibilityError, match=r"\(1, 1, 3\).*triangle"):
        require_admissible(2, 2, 6)
