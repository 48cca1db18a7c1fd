"""Exact numbers: canonical forms, arithmetic, conversions, hashing, precision."""

from __future__ import annotations

import math
import pickle
from fractions import Fraction

import mpmath
import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import multiquadratics, rationals, sqrt_rationals

from tqft.errors import CostLimitError, InvalidArgumentError, NotRepresentableError
from tqft.exact import Multiquadratic, SqrtRational, exact, from_sympy
from tqft.exact.numeric import evaluate, sign_of
from tqft.exact.primes import (
    factorial_exponents,
    first_primes,
    prime_power_product,
    primes_up_to,
    squarefree_decomposition,
)

# --- primes and factorials ----------------------------------------------------------


def test_sieve_against_sympy():
    assert primes_up_to(5000).tolist() == list(sympy.primerange(2, 5001))
    assert first_primes(1000) == list(sympy.primerange(2, sympy.prime(1000) + 1))


@pytest.mark.parametrize("ns", [[0, 1, 2, 10, 97, 1000, 1024], [1025, 5000, 40001]])
def test_factorial_exponents_table_and_legendre_agree_with_sympy(ns):
    nprimes = len(primes_up_to(max(ns)))
    rows = factorial_exponents(ns, nprimes)
    primes = first_primes(nprimes)
    for n, row in zip(ns, rows.tolist()):
        expected = sympy.factorint(math.factorial(n)) if n < 2000 else None
        if expected is not None:
            assert {p: e for p, e in zip(primes, row) if e} == expected
        else:  # Legendre against the direct sum for a few primes
            for p, e in list(zip(primes, row))[:50]:
                assert e == sum(n // p**k for k in range(1, 64) if p**k <= n)


@given(st.integers(1, 10**40))
@example(32_589_158_477_190_044_729)  # = 87337 * 326257 * 1143707681: a 65-bit rough composite cofactor
def test_squarefree_decomposition(n):
    try:
        s, f = squarefree_decomposition(n)
    except CostLimitError:
        # the documented refusal: what is left after removing every prime below 2^16 is a
        # composite of more than 64 bits that is not a square
        rough = n
        for p in sympy.primerange(2, 1 << 16):
            while rough % p == 0:
                rough //= p
        assert rough.bit_length() > 64 and not sympy.isprime(rough) and math.isqrt(rough) ** 2 != rough
        return
    assert s * s * f == n
    assert all(k == 1 for k in sympy.factorint(f).values())


def test_squarefree_decomposition_of_large_smooth_and_rough_numbers():
    n = math.factorial(3000)
    s, f = squarefree_decomposition(n)
    assert s * s * f == n and f == math.prod(p for p, k in sympy.factorint(n, limit=3001).items() if k % 2)
    p, q = sympy.prime(10**5), sympy.prime(10**5 + 7)  # cofactor beyond trial division
    assert squarefree_decomposition(p * p * q * 12) == (2 * p, 3 * q)
    with pytest.raises(ValueError):
        squarefree_decomposition(0)


def test_prime_power_product():
    assert prime_power_product([2, 3, 5, 7], [10, 0, 3, 1]) == 2**10 * 5**3 * 7
    assert prime_power_product([], []) == 1


# --- SqrtRational -------------------------------------------------------------------


def test_canonical_form():
    x = SqrtRational(1, 8)
    assert (x.numerator, x.denominator, x.radicand) == (2, 1, 2)
    assert SqrtRational(3, "1/12") == SqrtRational("1/2", 3)
    assert SqrtRational("6/4", "9/4") == SqrtRational("9/4")
    z = SqrtRational(0, 7)
    assert (z.numerator, z.denominator, z.radicand) == (0, 1, 1) and not z
    assert SqrtRational(5, 0) == 0
    assert SqrtRational.sqrt("8/3") == SqrtRational("2/3", 6)
    assert SqrtRational.from_square("2/9", -1) == SqrtRational("-1/3", 2)


def test_bad_constructor_arguments():
    with pytest.raises(NotRepresentableError, match="radicand = -2 must be non-negative"):
        SqrtRational(1, -2)
    with pytest.raises(InvalidArgumentError, match="coefficient = 'x' must be a rational"):
        SqrtRational("x")
    with pytest.raises(InvalidArgumentError, match="coefficient = True"):
        SqrtRational(True)
    with pytest.raises(InvalidArgumentError, match="radicand = nan"):
        SqrtRational(1, float("nan"))


@given(sqrt_rationals(), sqrt_rationals())
def test_arithmetic_agrees_with_sympy(x, y):
    sx, sy = sympy.sympify(x), sympy.sympify(y)
    assert from_sympy(sx) == x
    assert sympy.simplify(sympy.sympify(x * y) - sx * sy) == 0
    assert sympy.simplify(sympy.sympify(x + y) - (sx + sy)) == 0
    assert sympy.simplify(sympy.sympify(x - y) - (sx - sy)) == 0
    if y:
        assert sympy.simplify(sympy.sympify(x / y) - sx / sy) == 0


@given(sqrt_rationals(), sqrt_rationals(), sqrt_rationals())
def test_field_laws(x, y, z):
    assert x * y == y * x
    assert (x * y) * z == x * (y * z)
    assert x * (y + z) == x * y + x * z
    assert (x + y) - y == x
    if y:
        assert (x / y) * y == x
    assert x**2 == x * x
    negated = -x
    assert -negated == x and abs(x) >= 0


@given(sqrt_rationals(), rationals)
def test_mixed_with_rationals(x, q):
    assert x * q == x * SqrtRational(q)
    assert q * x == x * q
    assert x + q == q + x
    assert (x + q) - q == x
    if q:
        assert (x / q) * q == x and q / (q / x if x else 1) == (x if x else q)


@given(sqrt_rationals())
def test_str_matches_sympy_and_repr_roundtrips(x):
    assert str(x) == str(sympy.sympify(x))
    assert eval(repr(x), {"SqrtRational": SqrtRational}) == x
    assert pickle.loads(pickle.dumps(x)) == x


@given(sqrt_rationals(), sqrt_rationals())
def test_hash_consistent_with_equality(x, y):
    if x == y:
        assert hash(x) == hash(y)
    assert hash(x) == hash(Multiquadratic(x))
    if x.radicand == 1:
        assert hash(x) == hash(x.coefficient) and x == x.coefficient
    assert hash(SqrtRational(3)) == hash(3) and SqrtRational(3) == 3 and SqrtRational("1/2") == 0.5


def test_latex_forms():
    assert SqrtRational("-1/3", 2).latex() == r"-\frac{\sqrt{2}}{3}"
    assert SqrtRational("3/7", 5).latex() == r"\frac{3 \sqrt{5}}{7}"
    assert SqrtRational(2, 3).latex() == r"2 \sqrt{3}"
    assert SqrtRational("-5/2").latex() == r"-\frac{5}{2}"
    assert SqrtRational(0).latex() == "0"
    assert SqrtRational(1, 2)._repr_latex_() == r"$\sqrt{2}$"
    assert Multiquadratic({1: "1/2", 3: "-1/6"}).latex() == r"\frac{1}{2} - \frac{\sqrt{3}}{6}"


def test_exact_zero_stays_zero():
    zero = SqrtRational(1, 2) - SqrtRational(1, 2)
    assert zero == 0 and not zero and str(zero) == "0" and hash(zero) == 0
    assert zero.terms() == () and zero.to_mpmath(dps=50) == 0 and float(zero) == 0.0
    assert sign_of(()) == 0 and evaluate((), 100) == 0


# --- Multiquadratic -----------------------------------------------------------------


@given(multiquadratics(), multiquadratics(), multiquadratics())
def test_multiquadratic_ring_laws(x, y, z):
    assert x + y == y + x
    assert x * (y + z) == x * y + x * z
    assert (x * y) * z == x * (y * z)
    assert x - x == 0


@given(multiquadratics())
def test_multiquadratic_inverse(x):
    if x:
        assert x * (1 / x) == 1
        assert (x / x) == 1
        assert x**-2 * x**2 == 1


@given(multiquadratics())
def test_multiquadratic_numeric_and_sympy_views(x):
    expected = sympy.N(sympy.sympify(x), 60)
    with mpmath.workdps(60):
        value = x.to_mpmath(dps=50)
        assert abs(value - mpmath.mpf(str(expected))) <= mpmath.mpf(10) ** -48 * max(1, abs(value))
    assert from_sympy(sympy.sympify(x)) == x
    assert eval(repr(x), {"Multiquadratic": Multiquadratic}) == x
    assert pickle.loads(pickle.dumps(x)) == x


def test_cancellation_costs_time_not_digits():
    # sqrt(2) - 665857/470832 = 1.59e-12: a float evaluation would lose 12 digits
    x = SqrtRational(1, 2) - Fraction(665857, 470832)
    with mpmath.workdps(80):
        exact = mpmath.sqrt(2) - mpmath.mpf(665857) / 470832
        got = x.to_mpmath(dps=40)
        assert abs(got - exact) <= abs(exact) * mpmath.mpf(10) ** -39
    assert x.sign == -1 and x < 0 and float(x) == pytest.approx(float(exact), rel=1e-15)


def test_signs_are_decided_exactly():
    # the counter-example of STYLE.md: sqrt(2) - 2 is negative
    assert (SqrtRational(1, 2) - 2).sign == -1
    assert SqrtRational(1, 2) < 2 < SqrtRational(1, 5)
    assert Multiquadratic({2: 1, 3: 1}) > Multiquadratic({5: 1, 1: Fraction(1, 10)})
    big = Multiquadratic({2: 10**20, 3: -(10**20)})
    assert big.sign == -1 and abs(big) == -big


def test_multiquadratic_constructor_and_errors():
    assert Multiquadratic({8: 1, 2: -2}) == 0
    assert Multiquadratic([(2, 1), (2, 1)]) == SqrtRational(2, 2)
    assert Multiquadratic(3) == 3 and Multiquadratic(SqrtRational(1, 3)).as_sqrt_rational() == SqrtRational(1, 3)
    with pytest.raises(NotRepresentableError, match="not of the form"):
        Multiquadratic({2: 1, 3: 1}).as_sqrt_rational()
    with pytest.raises(NotRepresentableError, match="irrational"):
        Multiquadratic({2: 1}).to_fraction()
    with pytest.raises(ZeroDivisionError):
        SqrtRational(1, 2) / Multiquadratic()
    with pytest.raises(ZeroDivisionError):
        Multiquadratic({2: 1}) / 0
    with pytest.raises(InvalidArgumentError, match="cannot add"):
        Multiquadratic.sum([1, "x"])


def test_inverse_cost_limit():
    primes = list(sympy.primerange(2, 80))  # 22 independent roots: about 4^22 operations
    x = Multiquadratic({p: 1 for p in primes})
    with pytest.raises(CostLimitError, match="22 independent square roots costs about 4\\^22"):
        1 / x


def test_from_sympy_and_exact():
    assert from_sympy(sympy.sqrt(8) / 3 + 1) == Multiquadratic({1: 1, 2: Fraction(2, 3)})
    assert from_sympy(sympy.sqrt(sympy.Rational(1, 3)) ** 3) == SqrtRational("1/9", 3)
    assert exact("3/4") == Fraction(3, 4) and exact(sympy.Rational(1, 2)) == 0.5
    for bad in (sympy.pi, sympy.Symbol("x"), sympy.sqrt(-2), sympy.cbrt(2)):
        with pytest.raises(NotRepresentableError):
            from_sympy(bad)


def test_comparisons_with_other_types():
    x = SqrtRational(1, 2)
    assert (x == "sqrt(2)") is False
    assert x.__eq__(object()) is NotImplemented
    assert x == sympy.sqrt(2)  # sympy compares through _sympy_
    with pytest.raises(TypeError):
        _ = x < "a"


# --- correctly rounded views (review findings) ----------------------------------------


@given(sqrt_rationals(nonzero=True), st.integers(1, 40))
def test_decimal_is_correctly_rounded(x, digits):
    text = x.decimal(digits)
    with mpmath.workprec(4 * digits + 200):
        exact = x.to_mpmath(prec=4 * digits + 200)
        expected = mpmath.nstr(exact, digits)
    assert text == expected


def test_decimal_examples_and_ties():
    assert SqrtRational("1/105", 21).decimal(5) == "0.043644"  # 0.0436435780...
    assert SqrtRational("1/8").decimal(2) == "0.12"  # exact tie: half to even
    assert SqrtRational("3/8").decimal(2) == "0.38"
    assert SqrtRational(0).decimal(7) == "0.0"
    with pytest.raises(InvalidArgumentError, match="digits = 0"):
        SqrtRational(1, 2).decimal(0)
    with pytest.raises(CostLimitError, match="exceeds the limit"):
        SqrtRational(1, 2).decimal(10**9)


@given(sqrt_rationals(), sqrt_rationals())
def test_float_is_correctly_rounded(x, y):
    z = x + y
    got = float(z)
    if z.is_rational():
        assert got == float(z.to_fraction())
    else:
        with mpmath.workprec(300):
            exact = z.to_mpmath(prec=300)
            # the nearest double: no other double is closer
            assert abs(mpmath.mpf(got) - exact) <= abs(mpmath.mpf(math.nextafter(got, math.inf)) - exact)
            assert abs(mpmath.mpf(got) - exact) <= abs(mpmath.mpf(math.nextafter(got, -math.inf)) - exact)


def test_float_rounding_regressions_and_overflow():
    x = Fraction(1) + Fraction(1, 2**53) + Fraction(1, 2**61)
    assert float(SqrtRational(x)) == float(x) == 1.0000000000000002
    hard = SqrtRational("11/391514760", 15432206790)  # 60-bit evaluation used to round this wrongly
    with mpmath.workprec(400):
        exact = hard.to_mpmath(prec=400)
        below, above = math.nextafter(float(exact), -math.inf), math.nextafter(float(exact), math.inf)
        nearest = min((below, float(exact), above), key=lambda f: abs(mpmath.mpf(f) - exact))
    assert float(hard) == nearest
    with pytest.raises(OverflowError):
        float(SqrtRational(10**400))
    with pytest.raises(OverflowError):
        float(SqrtRational(10**400, 2))


def test_floor_ceil_trunc_are_exact():
    assert math.floor(SqrtRational(10**20 + 1)) == 10**20 + 1
    big = SqrtRational(10**30, 2)
    assert math.floor(big) == math.isqrt(2 * 10**60)
    assert math.floor(SqrtRational(1, 2)) == 1 and math.ceil(SqrtRational(1, 2)) == 2
    assert math.ceil(SqrtRational(-1, 2)) == -1 and int(SqrtRational("-7/2")) == -3
    assert math.floor(Multiquadratic({2: 1, 3: -1})) == -1 and math.trunc(Multiquadratic({2: 1, 3: -1})) == 0


def test_comparisons_with_infinities_and_nan():
    x = SqrtRational(1, 2)
    assert x < math.inf and x > -math.inf
    assert not (x < math.nan) and not (x > math.nan) and not (x <= math.nan) and not (x >= math.nan)


def test_bad_numeric_precisions():
    for kwargs in ({"prec": 0}, {"prec": -3}, {"dps": 0}, {"dps": 1.5}):
        with pytest.raises(InvalidArgumentError):
            SqrtRational(1, 2).to_mpmath(**kwargs)


def test_constructor_and_exact_reject_bad_input_clearly():
    import decimal

    import numpy as np

    for bad in (None, [(2,)], [(2, 1, 3)], float("nan"), object()):
        with pytest.raises(InvalidArgumentError):
            Multiquadratic(bad)
    assert Multiquadratic("1/2") == Fraction(1, 2) and Multiquadratic(sympy.sqrt(2)) == SqrtRational(1, 2)
    assert exact(np.float32(0.5)) == exact(decimal.Decimal("0.5")) == Fraction(1, 2)
    with pytest.raises(InvalidArgumentError, match="value = None"):
        exact(None)


def test_inverse_uses_a_coprime_basis_not_factorisation():
    p, q = sympy.nextprime(2**100), sympy.nextprime(2**101)
    x = Multiquadratic({p: 1, q: 3, 2: 1, 2 * p: -5})
    assert x * (1 / x) == 1
    with pytest.raises(CostLimitError, match="about 4\\^11"):
        1 / Multiquadratic({r: 1 for r in sympy.primerange(2, 32)})


def test_reducing_a_huge_non_smooth_radicand_reports_cost():
    p, q = sympy.nextprime(2**100), sympy.nextprime(2**101)
    assert SqrtRational(1, p).radicand == p  # a large prime is recognised (BPSW), not factored
    with pytest.raises(CostLimitError, match="202-bit composite"):
        SqrtRational(1, p * q)  # square-free or not? only a factorisation could tell
    with pytest.raises(CostLimitError, match="302-bit composite"):
        SqrtRational(1, p * q * p)


def test_sign_of_non_canonical_zero_raises_instead_of_looping():
    with pytest.raises(ArithmeticError, match="not canonical"):
        sign_of(((2, Fraction(1)), (8, Fraction(-1, 2))))
