"""Every 3j and 6j with spins <= 3 against sympy.physics.wigner, exactly; plus CG, Racah W,
9j, seeded random larger cases, and the fast kernel against the reference formulas."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest
import sympy
from sympy.physics import wigner as sw

from tqft.exact import CLASSICAL, SqrtRational, from_sympy
from tqft.recoupling import (
    clear_caches,
    clebsch_gordan,
    ninej_colours,
    racah_w,
    sixj_colours,
    threej_colours,
    wigner_3j,
    wigner_6j,
    wigner_9j,
)
from tqft.spins import admissible


def half(c: int) -> Fraction:
    return Fraction(c, 2)


def sympy_value(func, *colours):
    """sympy's exact value, or 0 where sympy raises for a selection-rule violation."""
    try:
        return from_sympy(func(*[sympy.Rational(c, 2) for c in colours]))
    except ValueError:
        return SqrtRational(0)


def test_all_threej_every_m_spins_up_to_3():
    """All (j1 j2 j3; m1 m2 m3) with 2j <= 6 and every |m| <= j (m-sum zero or not)."""
    checked = nonzero = 0
    for a, b, c in itertools.product(range(7), repeat=3):
        for x, y, z in itertools.product(range(-a, a + 1, 2), range(-b, b + 1, 2), range(-c, c + 1, 2)):
            ours = threej_colours(a, b, c, x, y, z)
            assert ours == sympy_value(sw.wigner_3j, a, b, c, x, y, z), (a, b, c, x, y, z)
            checked += 1
            nonzero += bool(ours)
    assert checked == 28**3 and nonzero > 1000


def test_all_sixj_spins_up_to_3():
    """All 7^6 = 117,649 six-tuples with 2j <= 6, zeros included."""
    clear_caches()
    nonzero = 0
    for args in itertools.product(range(7), repeat=6):
        ours = sixj_colours(*args)
        assert ours == sympy_value(sw.wigner_6j, *args), args
        nonzero += bool(ours)
    assert nonzero > 2500


def test_clebsch_gordan_and_racah_w_spins_up_to_2():
    for a, b, c in itertools.product(range(5), repeat=3):
        for x, y in itertools.product(range(-a, a + 1, 2), range(-b, b + 1, 2)):
            for z in {x + y, -x - y, c if c % 2 == (x + y) % 2 else x + y}:
                args = [half(v) for v in (a, b, c, x, y, z)]
                assert clebsch_gordan(*args) == sympy_value(sw.clebsch_gordan, a, b, c, x, y, z), args
    for args in itertools.product(range(5), repeat=6):
        assert racah_w(*[half(v) for v in args]) == sympy_value(sw.racah, *args), args


def _admissible_9j(m):
    a, b, c, d, e, f, g, h, i = m
    return all(admissible(*t) for t in ((a, b, c), (d, e, f), (g, h, i), (a, d, g), (b, e, h), (c, f, i)))


def test_all_admissible_ninej_spins_up_to_1_and_random_ones():
    count = 0
    for m in itertools.product(range(3), repeat=9):
        ours = ninej_colours(*m)
        if _admissible_9j(m):
            count += 1
            assert ours == sympy_value(sw.wigner_9j, *m), m
        else:
            assert ours == 0
    assert count > 200
    rng = random.Random(2024)
    done = 0
    while done < 40:
        m = tuple(rng.randint(0, 8) for _ in range(9))
        if _admissible_9j(m):
            assert ninej_colours(*m) == sympy_value(sw.wigner_9j, *m), m
            done += 1


def test_seeded_random_larger_symbols():
    rng = random.Random(7)
    done = 0
    while done < 60:
        c = [rng.randint(0, 60) for _ in range(6)]
        a, b, cc, d, e, f = c
        if all(admissible(*t) for t in ((a, b, cc), (a, e, f), (d, b, f), (d, e, cc))):
            assert sixj_colours(*c) == sympy_value(sw.wigner_6j, *c), c
            done += 1
    done = 0
    while done < 60:
        a, b, c = (rng.randint(0, 80) for _ in range(3))
        if not admissible(a, b, c):
            continue
        x, y = rng.randrange(-a, a + 1, 2), rng.randrange(-b, b + 1, 2)
        if abs(x + y) <= c:
            assert threej_colours(a, b, c, x, y, -x - y) == sympy_value(sw.wigner_3j, a, b, c, x, y, -x - y)
            done += 1


def test_large_spin_sixj_against_sympy():
    # all spins 200 (sympy needs ~50 ms); spins 1000 are covered by the recursion identity
    assert wigner_6j(*[200] * 6) == from_sympy(sw.wigner_6j(*[200] * 6))
    assert wigner_6j(300, 250, 150, 200, 220, 180) == from_sympy(sw.wigner_6j(300, 250, 150, 200, 220, 180))


@pytest.mark.parametrize("seed", range(3))
def test_fast_kernel_equals_reference_formulas(seed):
    """The q = 1 kernel (Horner + prime exponents) against the plain Racah sums in the
    classical context, from small spins into the numpy (large) path."""
    rng = random.Random(seed)
    for bound in (6, 40, 400):
        done = 0
        while done < 15:
            c = [rng.randint(0, bound) for _ in range(6)]
            a, b, cc, d, e, f = c
            if all(admissible(*t) for t in ((a, b, cc), (a, e, f), (d, b, f), (d, e, cc))):
                spins = [half(v) for v in c]
                assert wigner_6j(*spins) == wigner_6j(*spins, context=CLASSICAL), c
                done += 1
        done = 0
        while done < 15:
            a, b, c3 = (rng.randint(0, bound) for _ in range(3))
            if admissible(a, b, c3):
                x, y = rng.randrange(-a, a + 1, 2), rng.randrange(-b, b + 1, 2)
                spins = [half(v) for v in (a, b, c3, x, y, -x - y)]
                assert wigner_3j(*spins) == wigner_3j(*spins, context=CLASSICAL)
                assert clebsch_gordan(*spins) == clebsch_gordan(*spins, context=CLASSICAL)
                done += 1
    done = 0
    while done < 5:
        m = tuple(rng.randint(0, 60) for _ in range(9))
        if _admissible_9j(m):
            assert wigner_9j(*map(half, m)) == wigner_9j(*map(half, m), context=CLASSICAL), m
            done += 1


def test_racah_w_generic_context_and_phase():
    for args in itertools.product(range(0, 5, 2), repeat=6):
        spins = [half(v) for v in args]
        assert racah_w(*spins) == racah_w(*spins, context=CLASSICAL)


def test_selection_rule_zeros_are_exact():
    zero = SqrtRational(0)
    assert wigner_3j(1, 1, 1, 1, 1, 1) == zero  # m-sum
    assert wigner_3j(1, 1, 3, 0, 0, 0) == zero  # triangle
    assert wigner_3j(1, 1, 1, 0, 0, 0) == zero  # odd J with all m = 0: a genuine (nontrivial) zero
    assert wigner_3j(1, "1/2", "1/2", "1/2", 0, "-1/2") == zero  # j - m not integral
    assert wigner_3j(1, 1, 1, 2, -1, -1) == zero  # |m| > j
    assert wigner_6j("1/2", "1/2", "1/2", 1, 1, 1) == zero  # half-integer triad sum (sympy raises)
    assert wigner_9j(1, 1, 1, 1, 1, 1, 1, 1, 3) == zero
    for v in (wigner_3j(1, 1, 3, 0, 0, 0), wigner_6j(1, 1, 1, 1, 1, 3)):
        assert v.terms() == () and str(v) == "0" and v.to_mpmath(dps=30) == 0


def test_int64_guard_counts_negative_lower_bounds():
    """Factors z + 1 - lower grow with -lower; the dtype choice must see that (review L)."""
    import numpy as np

    from tqft.recoupling.fast_classical import hypergeometric_numerators

    lower = np.array([[0, -3 * 10**9, -3 * 10**9]], dtype=np.int64)
    upper = np.array([[5, 5, 5]], dtype=np.int64)
    _, (p,) = hypergeometric_numerators(lower, upper, ())
    q = 1
    expected = 1
    for z in range(4, -1, -1):  # the same recurrence on Python integers
        d = (z + 1) * (z + 1 + 3 * 10**9) ** 2
        n = (5 - z) ** 3
        expected, q = d * q - n * expected, d * q
    assert p == expected
