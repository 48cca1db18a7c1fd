"""Closed forms of 3j and 6j symbols with one small spin (tqft.symbolic.closed_forms).

Witnesses: the tables of Edmonds (symbolic equality), the 6j symmetry exchanging b and c
(symbolic), tqft's exact symbols at *every* admissible point with spins up to 20 (all
108 families), sympy.physics.wigner at sample points (an independent implementation), and
hypothesis draws through the public parsing entry point.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from sympy.physics import wigner as sympy_wigner

from tqft.errors import InvalidArgumentError, InvalidSpinError
from tqft.exact import SqrtRational
from tqft.exact.quadratic import from_sympy
from tqft.recoupling import sixj_colours, threej_colours, wigner_3j, wigner_6j
from tqft.spins import admissible
from tqft.symbolic.closed_forms import (
    SMALL_SPINS,
    ClosedForm,
    sixj_closed_form,
    sixj_closed_forms,
    threej_closed_form,
    threej_closed_forms,
)

MAX_COLOUR = 40  # spins up to 20
HALF = sympy.Rational(1, 2)
a, b, c, j = (sympy.Symbol(n, nonnegative=True, rational=True) for n in "abcj")
m = sympy.Symbol("m", rational=True)
s = sympy.Symbol("s")

ALL_6J = [f for k in SMALL_SPINS for f in sixj_closed_forms(k)]
ALL_3J = [f for k in SMALL_SPINS for f in threej_closed_forms(k)]


def _doubled(x: sympy.Expr) -> int:
    return int(2 * x)


def _sixj_points(form: ClosedForm, max_colour: int = MAX_COLOUR):
    """Every admissible (a, b, c) of the family with all six spins <= max_colour / 2 (colours)."""
    k2 = _doubled(form.small)
    d1, d2 = (_doubled(x) for x in form.offsets)
    for cb in range(max_colour + 1):
        cf = cb + d1
        if not 0 <= cf <= max_colour or not admissible(k2, cb, cf):
            continue
        for ca in range(max_colour + 1):
            for cc in range(abs(ca - cb), min(ca + cb, max_colour) + 1, 2):
                ce = cc + d2
                if 0 <= ce <= max_colour and admissible(ca, ce, cf) and admissible(k2, ce, cc):
                    yield ca, cb, cc, k2, ce, cf


def _threej_points(form: ClosedForm, max_colour: int = MAX_COLOUR):
    k2 = _doubled(form.small)
    d, mu = (_doubled(x) for x in form.offsets)
    for cj in range(max_colour + 1):
        cj1 = cj + d
        if not 0 <= cj1 <= max_colour or not admissible(cj1, cj, k2):
            continue
        for cm in range(-cj1, cj1 + 1, 2):
            if abs(cm + mu) <= cj:
                yield cj1, cj, k2, cm, -cm - mu, mu


# --- the families ----------------------------------------------------------------------


def test_families_and_symbols():
    assert SMALL_SPINS == (HALF, 1, sympy.Rational(3, 2), 2)
    assert [len(sixj_closed_forms(k)) for k in SMALL_SPINS] == [4, 9, 16, 25]
    assert [len(threej_closed_forms(k)) for k in SMALL_SPINS] == [4, 9, 16, 25]
    form = sixj_closed_form(HALF, HALF, -HALF)
    assert form.kind == "6j" and form.small == HALF and form.offsets == (HALF, -HALF)
    assert form.free == (a, b, c)  # same names and assumptions as the engine's symbols
    assert form.arguments == (a, b, c, HALF, c - HALF, b + HALF)
    form3 = threej_closed_form(1, -1, 1)
    assert form3.free == (j, m) and form3.arguments == (j - 1, j, 1, m, -m - 1, 1)
    assert form is sixj_closed_form("1/2", Fraction(1, 2), "-1/2")  # cached, any spin syntax
    assert form.value.free_symbols <= {a, b, c}


def test_errors_name_the_argument_and_the_allowed_values():
    with pytest.raises(InvalidSpinError, match=r"small = 5/2 .* 1/2, 1, 3/2, 2"):
        sixj_closed_form("5/2", HALF, HALF)
    with pytest.raises(InvalidSpinError, match="small"):
        threej_closed_form(Fraction(1, 3), 0, 0)
    with pytest.raises(InvalidSpinError, match="small = 0"):
        sixj_closed_forms(0)
    with pytest.raises(InvalidArgumentError, match=r"d1 = 3/2 .* -1/2, 1/2"):
        sixj_closed_form(HALF, "3/2", HALF)
    with pytest.raises(InvalidArgumentError, match=r"d2 = 0 is not an offset for small = 1/2"):
        sixj_closed_form(HALF, HALF, 0)
    with pytest.raises(InvalidArgumentError, match=r"mu = 1/2 .* -1, 0, 1"):
        threej_closed_form(1, 0, HALF)
    form = sixj_closed_form(1, -1, 0)
    with pytest.raises(InvalidArgumentError, match="outside the domain"):
        form.evaluate(0, 0, 0)  # {0 0 0; 1 0 -1}: no such symbol
    with pytest.raises(InvalidArgumentError, match="takes 3 values"):
        form.evaluate(1, 1)
    with pytest.raises(InvalidSpinError, match="b = -1"):
        form.evaluate(1, -1, 1)
    with pytest.raises(InvalidArgumentError, match=r"j - m \+ 1/2 is an integer"):
        threej_closed_form("3/2", HALF, -HALF).evaluate("5/2", HALF)


# --- the derivation --------------------------------------------------------------------


@pytest.mark.parametrize("form", ALL_6J + ALL_3J, ids=lambda f: f.name)
def test_derivation_record(form):
    steps = form.steps
    assert len(steps) == 8
    assert all(isinstance(d, str) and isinstance(e, sympy.Basic) for d, e in steps)
    assert steps[0][0].startswith("Racah's formula")
    assert steps[0][1].has(sympy.Sum)
    lo, hi = steps[1][1]  # the short summation range
    n = sympy.expand(hi - lo)
    assert n.is_Integer and 0 <= n <= 2 * form.small
    assert len(steps[3][1]) == n + 1  # one polynomial per term
    assert steps[5][1].has(sympy.factorial) or steps[5][1].is_Number  # Delta^2 C^2 as factorials
    assert not steps[6][1].has(sympy.factorial)  # ... cancelled into linear factors
    assert steps[-1][1] == form.value
    # value = (-1)^phase * rational * sqrt(radicand), the parts are rational functions
    assert sympy.cancel(form.value.doit() ** 2 - form.rational**2 * form.radicand * (-1) ** (2 * form.phase)) == 0
    assert form.phase.is_polynomial(*form.free) and sympy.degree(form.phase, gen=form.free[0]) <= 1
    for part in (form.rational, form.radicand):
        num, den = sympy.fraction(sympy.together(part))
        assert num.is_polynomial(*form.free) and den.is_polynomial(*form.free)


def test_half_spin_derivation_reads_like_the_textbook():
    form = sixj_closed_form(HALF, HALF, -HALF)
    descriptions = [d for d, _ in form.steps]
    assert "k = 1/2, e = c - 1/2, f = b + 1/2" in descriptions[0]
    assert "t = 0..0" in descriptions[1]
    assert form.steps[1][1] == sympy.Tuple(a + b + c, a + b + c)
    assert form.steps[6][1] == (a - b + c) * (a + b - c + 1) / (2 * c * (2 * b + 1) * (2 * b + 2) * (2 * c + 1))
    assert str(form.value) == "(-1)**(a + b + c)*sqrt((a - b + c)*(a + b - c + 1)/(4*c*(b + 1)*(2*b + 1)*(2*c + 1)))"
    assert form.latex().startswith(r"\begin{Bmatrix} a & b & c \\ \frac{1}{2} & c - \frac{1}{2} & b + \frac{1}{2}")
    assert r"\sqrt{\frac{\left(a - b + c\right)" in form.latex()
    assert threej_closed_form(1, 0, 0).latex().startswith(r"\begin{pmatrix} j & j & 1 \\ m & - m & 0 \end{pmatrix}")


def _assert_same(form: ClosedForm, phase: sympy.Expr, rational: sympy.Expr, radicand: sympy.Expr) -> None:
    """``form`` equals ``(-1)^phase * rational * sqrt(radicand)`` as functions on the domain,
    decided symbolically: the phases differ by an integer constant, the rational parts by a
    constant ``r`` whose sign matches, and ``r^2 * R_form = R_table``."""
    phase, rational, radicand = (sympy.sympify(x).subs(s, sum(form.free[:3])) for x in (phase, rational, radicand))
    shift = sympy.expand(form.phase - phase)
    assert shift.is_Integer, (form.name, shift)
    ratio = sympy.cancel(form.rational / rational)
    assert ratio.is_Number and ratio * (-1) ** shift > 0, (form.name, ratio, shift)
    assert sympy.cancel(ratio**2 * form.radicand / radicand) == 1, form.name


# Edmonds, Table 5 (s = a + b + c); the first and the fourth k = 1 entry are also quoted in
# Varshalovich et al., Table 9.1.
EDMONDS_TABLE_5 = {
    (HALF, HALF, -HALF): (s, 1, (s - 2 * b) * (s - 2 * c + 1) / ((2 * b + 1) * (2 * b + 2) * 2 * c * (2 * c + 1))),
    (HALF, -HALF, -HALF): (s, 1, (s + 1) * (s - 2 * a) / (2 * b * (2 * b + 1) * 2 * c * (2 * c + 1))),
    (1, -1, -1): (
        s,
        1,
        s
        * (s + 1)
        * (s - 2 * a - 1)
        * (s - 2 * a)
        / ((2 * b - 1) * 2 * b * (2 * b + 1) * (2 * c - 1) * 2 * c * (2 * c + 1)),
    ),
    (1, 0, -1): (
        s,
        1,
        2
        * (s + 1)
        * (s - 2 * a)
        * (s - 2 * b)
        * (s - 2 * c + 1)
        / (2 * b * (2 * b + 1) * (2 * b + 2) * (2 * c - 1) * 2 * c * (2 * c + 1)),
    ),
    (1, 1, -1): (
        s,
        1,
        (s - 2 * b - 1)
        * (s - 2 * b)
        * (s - 2 * c + 1)
        * (s - 2 * c + 2)
        / ((2 * b + 1) * (2 * b + 2) * (2 * b + 3) * (2 * c - 1) * 2 * c * (2 * c + 1)),
    ),
    (1, 0, 0): (
        s + 1,
        2 * (b * (b + 1) + c * (c + 1) - a * (a + 1)),
        1 / (2 * b * (2 * b + 1) * (2 * b + 2) * 2 * c * (2 * c + 1) * (2 * c + 2)),
    ),
}

# Edmonds, Table 2
EDMONDS_TABLE_2 = {
    (HALF, HALF, HALF): (j - m - HALF, 1, (j - m + HALF) / ((2 * j + 2) * (2 * j + 1))),
    (1, 1, 1): (j - m - 1, 1, (j - m) * (j - m + 1) / ((2 * j + 3) * (2 * j + 2) * (2 * j + 1))),
    (1, 1, 0): (j - m - 1, 1, 2 * (j + m + 1) * (j - m + 1) / ((2 * j + 3) * (2 * j + 2) * (2 * j + 1))),
    (1, 0, 1): (j - m, 1, 2 * (j - m) * (j + m + 1) / ((2 * j + 2) * (2 * j + 1) * 2 * j)),
    (1, 0, 0): (j - m, 2 * m, 1 / ((2 * j + 2) * (2 * j + 1) * 2 * j)),
}


@pytest.mark.parametrize("key", list(EDMONDS_TABLE_5), ids=str)
def test_sixj_equals_edmonds_table_5(key):
    _assert_same(sixj_closed_form(*key), *EDMONDS_TABLE_5[key])


def test_sixj_brief_quoted_forms():
    """The two forms quoted in the issue, written with s."""
    _assert_same(
        sixj_closed_form(HALF, HALF, -HALF),
        s,
        1,
        (s - 2 * b) * (s - 2 * c + 1) / ((2 * b + 1) * (2 * b + 2) * 2 * c * (2 * c + 1)),
    )
    form = sixj_closed_form(1, 0, 0)
    _assert_same(
        form,
        s + 1,
        2 * (b * (b + 1) + c * (c + 1) - a * (a + 1)),
        1 / (2 * b * (2 * b + 1) * (2 * b + 2) * 2 * c * (2 * c + 1) * (2 * c + 2)),
    )
    table = (-1) ** (a + b + c + 1) * 2 * (b * (b + 1) + c * (c + 1) - a * (a + 1))
    table /= sympy.sqrt(2 * b * (2 * b + 1) * (2 * b + 2) * 2 * c * (2 * c + 1) * (2 * c + 2))
    assert sympy.simplify(form.value.doit() - table) == 0


@pytest.mark.parametrize("key", list(EDMONDS_TABLE_2), ids=str)
def test_threej_equals_edmonds_table_2(key):
    _assert_same(threej_closed_form(*key), *EDMONDS_TABLE_2[key])


@pytest.mark.parametrize("form", ALL_6J, ids=lambda f: f.name)
def test_sixj_forms_respect_the_b_c_symmetry(form):
    """{a b c; k c+d2 b+d1} = {a c b; k b+d1 c+d2}: the family (d2, d1) with b and c exchanged."""
    d1, d2 = form.offsets
    partner = sixj_closed_form(form.small, d2, d1)
    swap = {b: c, c: b}
    _assert_same(form, partner.phase.xreplace(swap), partner.rational.xreplace(swap), partner.radicand.xreplace(swap))


# --- exact values ----------------------------------------------------------------------


@pytest.mark.parametrize("small", SMALL_SPINS, ids=str)
def test_sixj_every_admissible_point_to_spin_20(small):
    """All families of this k, every admissible symbol with all spins <= 20 (833,000 in total)."""
    count = 0
    for form in sixj_closed_forms(small):
        for point in _sixj_points(form):
            assert form.evaluate_doubled(*point[:3]) == sixj_colours(*point), (form.name, point)
            count += 1
    assert count > 50_000


@pytest.mark.parametrize("small", SMALL_SPINS, ids=str)
def test_threej_every_admissible_point_to_spin_20(small):
    count = 0
    for form in threej_closed_forms(small):
        for cj1, cj, k2, cm, _, _ in _threej_points(form):
            value = form.evaluate_doubled(cj, cm)
            assert value == threej_colours(cj1, cj, k2, cm, -cm - _doubled(form.offsets[1]), _doubled(form.offsets[1]))
            count += 1
    assert count > 3_000


@pytest.mark.parametrize("form", ALL_6J + ALL_3J, ids=lambda f: f.name)
def test_symbolic_value_agrees_with_fast_evaluation(form):
    """The sympy expression itself (not the compiled polynomials) at a few points."""
    points = _sixj_points(form, 14) if form.kind == "6j" else _threej_points(form, 14)
    for n, point in enumerate(points):
        if n % 37:
            continue
        xs = point[:3] if form.kind == "6j" else (point[1], point[3])
        values = {x: sympy.Rational(v, 2) for x, v in zip(form.free, xs)}
        assert from_sympy(form.value.xreplace(values).doit()) == form.evaluate_doubled(*xs)


@pytest.mark.parametrize("form", ALL_6J[:13] + ALL_6J[-4:], ids=lambda f: f.name)
def test_sixj_against_sympy_physics_wigner(form):
    """An independent implementation of Racah's formula, at a few points per family."""
    for n, point in enumerate(_sixj_points(form, 12)):
        if n % 53 == 0:
            spins = [sympy.Rational(x, 2) for x in point]
            assert form.evaluate(*spins[:3]) == from_sympy(sympy_wigner.wigner_6j(*spins))


@pytest.mark.parametrize("form", ALL_3J[:13] + ALL_3J[-4:], ids=lambda f: f.name)
def test_threej_against_sympy_physics_wigner(form):
    for n, point in enumerate(_threej_points(form, 16)):
        if n % 11 == 0:
            spins = [sympy.Rational(x, 2) for x in point]
            assert form.evaluate(spins[1], spins[3]) == from_sympy(sympy_wigner.wigner_3j(*spins))


@st.composite
def sixj_cases(draw):
    form = draw(st.sampled_from(ALL_6J))
    d1, d2 = form.offsets
    k = form.small
    bb = draw(st.integers(0, MAX_COLOUR)) / sympy.Integer(2)
    cc = draw(st.integers(0, MAX_COLOUR)) / sympy.Integer(2)
    lo, hi = abs(bb - cc), bb + cc
    aa = lo + draw(st.integers(0, int(hi - lo)))
    spins = (aa, bb, cc, k, cc + d2, bb + d1)
    return form, spins


@given(sixj_cases())
def test_sixj_hypothesis(case):
    """Random points through the public entry point (strings, Fractions); off the domain
    (a negative spin or a triad that fails) the closed form refuses to answer."""
    form, spins = case
    colours = [int(2 * x) for x in spins]
    aa, bb, cc = (Fraction(str(x)) for x in spins[:3])
    ca, cb, cc2, k2, ce, cf = colours
    ok = min(colours) >= 0 and all(admissible(*t) for t in ((ca, ce, cf), (k2, cb, cf), (k2, ce, cc2)))
    if not ok:
        with pytest.raises(InvalidArgumentError):
            form.evaluate(aa, bb, str(cc))
        return
    assert form.evaluate(aa, bb, str(cc)) == wigner_6j(*(Fraction(str(x)) for x in spins))


@given(st.sampled_from(ALL_3J), st.integers(0, MAX_COLOUR), st.integers(-MAX_COLOUR - 4, MAX_COLOUR + 4))
def test_threej_hypothesis(form, cj, cm):
    d, mu = (_doubled(x) for x in form.offsets)
    k2 = _doubled(form.small)
    args = (cj + d, cj, k2, cm, -cm - mu, mu)
    symbol = wigner_3j(*(Fraction(x, 2) for x in args)) if cj + d >= 0 else SqrtRational(0)
    try:
        value = form.evaluate(Fraction(cj, 2), Fraction(cm, 2))
    except InvalidArgumentError:
        assert symbol == 0  # outside the domain the symbol vanishes (or has a negative spin)
        return
    assert value == symbol


# --- the catalogue identities ----------------------------------------------------------


def test_catalogue_identities():
    from tqft.identities import closed_forms as _  # noqa: F401  (registers the identities)
    from tqft.identities import get, run_identity_cases

    for name in ("sixj_small_spin_closed_form", "threej_small_spin_closed_form"):
        identity = get(name)
        cases = list(identity.cases(max_spin=3))
        assert len(cases) > 100
        report = run_identity_cases(name, cases + identity.random_cases(10, seed=3))
        assert report.ok, report.failures
        assert identity(*cases[-1]).passed
    assert get("sixj_small_spin_closed_form").format_case((2, 2, 2, 1, 1, 3)) == "a=1, b=1, c=1, 2k=1, e=1/2, f=3/2"
