"""The semiclassical limit: geometry, asymptotic formulas, convergence studies, identities.

Every formula has a second witness: exact values (tqft.recoupling, itself checked against
sympy), closed forms (regular polytopes of S^3, DLMF special cases), or an independent
construction (coordinates, a different expansion).
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import math
from fractions import Fraction

import mpmath
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tqft import wigner_3j, wigner_6j
from tqft.errors import AdmissibilityError, InvalidArgumentError, TQFTError
from tqft.identities import semiclassical as sc_identities
from tqft.identities.core import get
from tqft.semiclassical import (
    Regime,
    RegimeError,
    SphericalTetrahedron,
    Tetrahedron,
    cayley_menger_closed_form,
    edmonds_6j,
    ponzano_regge,
    ponzano_regge_forbidden,
    qsixj_tetrahedron,
    semiclassical_3j,
    sixj_tetrahedron,
    sixj_uniform,
    taylor_woodward,
    wigner_small_d,
)
from tqft.semiclassical import cli as sc_cli
from tqft.semiclassical import convergence as conv
from tqft.semiclassical.geometry import SIXJ_EDGES, SIXJ_FACES


@pytest.fixture(autouse=True)
def _twenty_digits():
    """Every test here runs at 20 digits; the global precision is restored afterwards
    (a module-level assignment leaked into the doctests that run later)."""
    with mpmath.workdps(20):
        yield


# --- geometry ------------------------------------------------------------------------------


def test_regular_tetrahedron_exact():
    t = Tetrahedron([1] * 6)
    assert t.is_exact and t.regime is Regime.EUCLIDEAN
    assert t.volume_squared() == Fraction(1, 72)
    assert all(t.face_area_squared(f) == Fraction(3, 16) for f in (1, 2, 3, 4))
    assert all(str(t.dihedral_cosine(e)) == "-1/3" for e in range(1, 7))  # exterior angle
    interior = t.dihedral_angles("interior")
    assert all(abs(a - mpmath.acos(mpmath.mpf(1) / 3)) < mpmath.mpf(10) ** -18 for a in interior)


def test_labelling_faces_are_the_triads():
    # each face's three edges meet pairwise at vertices: the face opposite vertex k avoids k
    for k, face in enumerate(SIXJ_FACES, start=1):
        vertices = set().union(*(SIXJ_EDGES[e] for e in face))
        assert vertices == {1, 2, 3, 4} - {k}


def _coords_tetrahedron(points):
    """Edge lengths (6j order) and outward-normal exterior angles from coordinates."""
    p = [mpmath.matrix(x) for x in points]

    def dist(a, b):
        d = p[a - 1] - p[b - 1]
        return mpmath.sqrt(sum(d[i] ** 2 for i in range(3)))

    lengths = [dist(*SIXJ_EDGES[e]) for e in range(1, 7)]

    def cross(u, v):
        return mpmath.matrix([u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]])

    def normal(opposite):  # outward unit normal of the face opposite `opposite`
        a, b, c = (p[v - 1] for v in (1, 2, 3, 4) if v != opposite)
        n = cross(b - a, c - a)
        if sum(n[i] * (p[opposite - 1] - a)[i] for i in range(3)) > 0:
            n = -n
        return n / mpmath.sqrt(sum(n[i] ** 2 for i in range(3)))

    angles = []
    for e in range(1, 7):
        i, k = (v for v in (1, 2, 3, 4) if v not in SIXJ_EDGES[e])
        ni, nk = normal(i), normal(k)
        angles.append(mpmath.acos(sum(ni[t] * nk[t] for t in range(3))))
    return lengths, angles


@given(st.lists(st.integers(-9, 9), min_size=12, max_size=12))
def test_angles_match_coordinates(xs):
    points = [xs[3 * k : 3 * k + 3] for k in range(4)]
    u, v, w = ([points[k][i] - points[0][i] for i in range(3)] for k in (1, 2, 3))
    triple = (
        u[0] * (v[1] * w[2] - v[2] * w[1]) - u[1] * (v[0] * w[2] - v[2] * w[0]) + u[2] * (v[0] * w[1] - v[1] * w[0])
    )
    volume = Fraction(abs(triple), 6)  # exact, from integer coordinates
    assume(volume > Fraction(1, 2))
    lengths, expected = _coords_tetrahedron(points)
    t = Tetrahedron(lengths)
    assert t.regime is Regime.EUCLIDEAN
    for a, b in zip(t.dihedral_angles(), expected):
        assert abs(a - b) < mpmath.mpf(10) ** -12
    assert abs(mpmath.mpf(volume.numerator) / volume.denominator - t.volume()) < mpmath.mpf(10) ** -12


# lengths in [2, 3.9]: every face is a triangle; both regimes occur
lengths_exact = st.lists(
    st.fractions(min_value=2, max_value=Fraction(39, 10), max_denominator=10), min_size=6, max_size=6
)


@given(lengths_exact)
def test_cayley_menger_and_sine_law_exact(ls):
    t = Tetrahedron(ls)
    assert t.cayley_menger() == cayley_menger_closed_form(ls)
    assert t.regime in (Regime.EUCLIDEAN, Regime.FLAT, Regime.NON_EUCLIDEAN)
    for e, pair in SIXJ_EDGES.items():
        i, k = (v for v in (1, 2, 3, 4) if v not in pair)
        lhs = t.dihedral_sine_squared(e)
        assert lhs == Fraction(9, 4) * t.volume_squared() * ls[e - 1] ** 2 / (
            t.face_area_squared(i) * t.face_area_squared(k)
        )
        assert lhs + t.dihedral_cosine(e).square() == 1


def test_flat_and_non_euclidean_regimes():
    rect = Tetrahedron([3, 4, 5, 3, 4, 5])  # a 3x4 rectangle with its diagonals
    assert rect.regime is Regime.FLAT and rect.volume() == 0
    assert sorted(float(a) for a in rect.dihedral_angles()) == pytest.approx([0, 0, math.pi, math.pi, math.pi, math.pi])
    far = sixj_tetrahedron(20, 30, 40, 30, 20, 30)
    assert far.regime is Regime.NON_EUCLIDEAN
    for e, theta in enumerate(far.dihedral_angles(), start=1):
        assert theta.real in (0, mpmath.pi)  # the branch V = +i|V|: Re theta on a flat pattern
        assert abs(mpmath.cos(theta) - far.dihedral_cosine(e).to_mpmath(20)) < mpmath.mpf(10) ** -15
    with pytest.raises(RegimeError, match="non-euclidean tetrahedron"):
        far.volume()
    assert Tetrahedron([1, 1, 5, 1, 1, 1]).regime is Regime.DEGENERATE


def test_geometry_bad_input():
    with pytest.raises(InvalidArgumentError, match="six edge lengths"):
        Tetrahedron([1, 2, 3])
    with pytest.raises(InvalidArgumentError, match="l3 = -1 must be a positive length"):
        Tetrahedron([1, 1, -1, 1, 1, 1])
    with pytest.raises(InvalidArgumentError, match="edge = 7"):
        Tetrahedron([1] * 6).dihedral_cosine(7)
    with pytest.raises(InvalidArgumentError, match=r"l2 = 4.0 must be an arc length in \(0, pi\)"):
        SphericalTetrahedron([1, 4, 1, 1, 1, 1])
    with pytest.raises(InvalidArgumentError, match="exceeds"):
        qsixj_tetrahedron(3, 3, 3, 3, 3, 3, r=6)


@pytest.mark.parametrize(
    ("polytope", "cells"),
    [
        # (edge, volume of a cell, dihedral angle), built inside the test at 20 digits
        ("5-cell", lambda: (mpmath.acos(mpmath.mpf(-1) / 4), 2 * mpmath.pi**2 / 5, 2 * mpmath.pi / 3)),
        ("16-cell", lambda: (mpmath.pi / 2, mpmath.pi**2 / 8, mpmath.pi / 2)),
        ("600-cell", lambda: (mpmath.pi / 5, mpmath.pi**2 / 300, 2 * mpmath.pi / 5)),
    ],
)
def test_spherical_tetrahedra_of_regular_polytopes(polytope, cells):
    """Regular polytopes tile S^3 (volume 2 pi^2) by congruent regular tetrahedra."""
    edge, volume, dihedral = cells()
    t = SphericalTetrahedron([edge] * 6)
    assert t.is_realisable()
    assert abs(t.volume() - volume) < mpmath.mpf(10) ** -17
    assert all(abs(a - dihedral) < mpmath.mpf(10) ** -17 for a in t.dihedral_angles())


def test_spherical_small_limit_and_schlafli():
    small = SphericalTetrahedron([mpmath.mpf("1e-4") * x for x in (3, 4, 4, 3, 4, 4)])
    flat = Tetrahedron([3, 4, 4, 3, 4, 4])
    assert abs(small.volume() / mpmath.mpf("1e-12") - flat.volume()) < mpmath.mpf(10) ** -6
    # det G = 36 V^2 (1 + O(l^2)) for small tetrahedra
    assert abs(small.gram_determinant() / (36 * mpmath.mpf("1e-24") * flat.volume() ** 2) - 1) < mpmath.mpf(10) ** -6
    # Schläfli's formula for the volume routine: dV/dl_1 = (1/2) sum_e l_e dtheta_e/dl_1
    base = [mpmath.mpf(x) for x in ("0.9", "1.1", "1.0", "1.2", "0.8", "1.05")]

    def with_first(x, fn):
        return fn(SphericalTetrahedron([x, *base[1:]]))

    dv = mpmath.diff(lambda x: with_first(x, lambda t: t.volume()), base[0])
    rhs = mpmath.diff(
        lambda x: mpmath.fsum(b * a for b, a in zip(base, with_first(x, lambda t: t.dihedral_angles()))), base[0]
    )
    assert abs(dv - rhs / 2) < mpmath.mpf(10) ** -12


def test_spherical_not_realisable():
    t = qsixj_tetrahedron("1/2", "1/2", 1, "1/2", "1/2", 1, r=7)  # q-admissible, but no spherical tetrahedron
    assert not t.is_realisable()
    with pytest.raises(RegimeError, match="not the arc lengths of a spherical tetrahedron"):
        t.volume()


# --- asymptotic formulas against exact values --------------------------------------------------


def _quadrature_error(exact, osc):
    """|exact - A cos Phi| relative to the amplitude (one point)."""
    return abs(exact - osc.value()) / abs(osc.amplitude)


@pytest.mark.parametrize("j", [(60,) * 6, (40, 50, 60, 50, 40, 55), ("101/2", 40, "101/2", 40, "101/2", 40)])
def test_ponzano_regge_against_exact(j):
    exact = wigner_6j(*j).to_mpmath(20)
    osc = ponzano_regge(*j, terms=True)
    assert _quadrature_error(exact, osc) < 0.01
    assert ponzano_regge(*j) == osc.value()


def test_ponzano_regge_rejects_bad_input():
    with pytest.raises(AdmissibilityError, match=r"triad \(j1, j2, j3\)"):
        ponzano_regge(1, 1, 3, 1, 1, 1)
    with pytest.raises(RegimeError, match=r"non-euclidean.*use ponzano_regge_forbidden"):
        ponzano_regge(20, 30, 40, 30, 20, 30)
    with pytest.raises(RegimeError, match="euclidean tetrahedron"):
        ponzano_regge_forbidden(10, 10, 10, 10, 10, 10)
    with pytest.raises(InvalidArgumentError, match="dps"):
        ponzano_regge(10, 10, 10, 10, 10, 10, dps=2)


@pytest.mark.parametrize("j", [(200, 300, 400, 300, 200, 300), (100, 100, 100, 100, 100, 190)])
def test_forbidden_region_against_exact(j):
    exact = wigner_6j(*j).to_mpmath(20)
    approx = ponzano_regge_forbidden(*j)
    assert abs(approx / exact - 1) < 0.03
    assert abs(sixj_uniform(*j) / exact - 1) < 0.03


def test_uniform_approximation_at_the_caustic():
    """Across the caustic of {100 100 100; 100 100 x} (flat at x = 173.2): the uniform formula
    stays within 0.1 % where Ponzano-Regge is off by up to 40 %."""
    worst_pr, worst_uniform = 0, 0
    for x in (170, 172, 173, 174, 175, 176):
        j = (100, 100, 100, 100, 100, x)
        exact = wigner_6j(*j).to_mpmath(20)
        pr = ponzano_regge(*j) if x <= 173 else ponzano_regge_forbidden(*j)
        worst_pr = max(worst_pr, abs(pr / exact - 1))
        worst_uniform = max(worst_uniform, abs(sixj_uniform(*j) / exact - 1))
    assert worst_uniform < 1e-3 < 0.1 < worst_pr
    with pytest.raises(RegimeError, match="does not oscillate"):
        sixj_uniform(100, 100, 100, 100, 100, 176, terms=True)


@pytest.mark.parametrize(
    "args",
    [(80, 120, 160, 40, 40, -80), (60, 45, 75, -20, 35, -15), ("121/2", 50, "141/2", "-41/2", 30, "-19/2")],
)
def test_semiclassical_3j_against_exact(args):
    exact = wigner_3j(*args).to_mpmath(20)
    osc = semiclassical_3j(*args, terms=True)
    assert _quadrature_error(exact, osc) < 0.02


def test_semiclassical_3j_limit_of_6j_convention():
    """The sign convention (-1)^(2j1 + 2j2 + J + 2R) of the 6j -> 3j limit the formula uses."""
    a, b, c, m1, m2 = Fraction(5, 2), Fraction(3, 2), 3, Fraction(3, 2), Fraction(-3, 2)
    three = wigner_3j(a, b, c, m1, m2, -m1 - m2).to_mpmath(20)
    for big in (Fraction(3000), Fraction(6001, 2)):
        six = wigner_6j(a, b, c, big - m2, big + m1, big).to_mpmath(20) * mpmath.sqrt(2 * big + 1)
        sign = (-1) ** int(2 * a + 2 * b + (a + b + c) + 2 * big)
        assert abs(sign * six / three - 1) < 1e-3


def test_semiclassical_3j_bad_input():
    with pytest.raises(InvalidArgumentError, match=r"selection rule.*m1 \+ m2 \+ m3 != 0"):
        semiclassical_3j(2, 2, 2, 1, 1, 1)
    with pytest.raises(RegimeError, match="outside the classically allowed region"):
        semiclassical_3j(10, 10, 10, 10, -10, 0)


def test_wigner_small_d_witnesses():
    beta = mpmath.mpf("0.7")
    c, s = mpmath.cos(beta / 2), mpmath.sin(beta / 2)
    assert abs(wigner_small_d("1/2", "1/2", "1/2", beta) - c) < 1e-18
    assert abs(wigner_small_d("1/2", "1/2", "-1/2", beta) + s) < 1e-18
    assert abs(wigner_small_d(1, 1, 0, beta) + mpmath.sin(beta) / mpmath.sqrt(2)) < 1e-18
    for f in range(5):  # DLMF 34.8.1: d^f_00 = P_f(cos beta)
        assert abs(wigner_small_d(f, 0, 0, beta) - mpmath.legendre(f, mpmath.cos(beta))) < 1e-18
    j = Fraction(5, 2)  # orthogonality of the rows of d^j(beta)
    ms = [Fraction(k, 2) for k in range(-5, 6, 2)]
    for m in ms:
        for n in ms:
            dot = mpmath.fsum(wigner_small_d(j, k, m, beta) * wigner_small_d(j, k, n, beta) for k in ms)
            assert abs(dot - (1 if m == n else 0)) < 1e-18
    with pytest.raises(InvalidArgumentError, match="projections of j"):
        wigner_small_d(1, 2, 0, beta)


@pytest.mark.parametrize(
    "j", [(100, 120, 150, 119, 101, 1), (200, 260, 300, "521/2", "399/2", "3/2"), (200, 260, 300, 260, 200, 2)]
)
def test_edmonds_against_exact(j):
    exact = wigner_6j(*j).to_mpmath(20)
    assert abs(edmonds_6j(*j) / exact - 1) < 5e-3
    assert abs(edmonds_6j(*j, symmetric=True) / exact - 1) < 2e-4
    with pytest.raises(InvalidArgumentError, match="j2 positive"):
        edmonds_6j(1, 0, 1, 1, 1, 1)


def test_taylor_woodward_against_exact_and_flat_limit():
    exact = wigner_6j(16, 16, 16, 16, 16, 16, context="root:112").to_mpmath(80).real
    osc = taylor_woodward(16, 16, 16, 16, 16, 16, 112, terms=True)
    assert _quadrature_error(exact, osc) < 0.01
    # r -> infinity at fixed spins: Ponzano-Regge
    pr = ponzano_regge(3, 3, 3, 3, 3, 4, terms=True)
    tw = taylor_woodward(3, 3, 3, 3, 3, 4, 10**5, terms=True)
    assert abs(tw.amplitude / pr.amplitude * mpmath.expj(tw.phase - pr.phase) - 1) < 1e-7
    with pytest.raises(InvalidArgumentError, match="not q-admissible at r = 6"):
        taylor_woodward(2, 2, 2, 2, 2, 2, 6)
    with pytest.raises(RegimeError, match="spherical tetrahedron"):
        taylor_woodward("1/2", "1/2", 1, "1/2", "1/2", 1, 7)
    with pytest.raises(InvalidArgumentError, match="r = 2"):
        taylor_woodward(1, 1, 1, 1, 1, 1, 2)


# --- convergence machinery -----------------------------------------------------------------


def test_parse_scale():
    assert conv.parse_scale("10:10000:4") == [10, 100, 1000, 10000]
    assert conv.parse_scale("5,3,5") == [3, 5]
    assert conv.parse_scale([7, 2]) == [2, 7]
    for bad in ("10:5:3", "a:b:c", "10:100", "1:2:1", "x,y"):
        with pytest.raises(InvalidArgumentError, match="scale"):
            conv.parse_scale(bad)
    with pytest.raises(InvalidArgumentError, match="positive integers"):
        conv.parse_scale([0, 3])


def test_fit_exponent_recovers_powers():
    xs = [10 * 2**k for k in range(10)]
    fit = conv.fit_exponent(xs, [0.3 * x**-1.5 * (1 + 2 / x - 5 / x**2) for x in xs])
    assert abs(fit.exponent + 1.5) < 1e-3 and fit.agrees_with(-1.5) and not fit.agrees_with(-1.4)
    with pytest.raises(InvalidArgumentError, match="at least 5 points"):
        conv.fit_exponent([1, 2, 3, 4], [1, 0.5, 0.3, 0.25])


def test_family_validation():
    assert conv.family("ponzano-regge", 1, 1, 1, 1, 1, 1).member(3) == (3,) * 6
    with pytest.raises(RegimeError, match="base shape"):
        conv.family("forbidden", 1, 1, 1, 1, 1, 1)
    with pytest.raises(InvalidArgumentError, match="r0"):
        conv.family("taylor-woodward", 1, 1, 1, 1, 1, 1)
    with pytest.raises(InvalidArgumentError, match="r0"):
        conv.family("ponzano-regge", 1, 1, 1, 1, 1, 1, r0=5)
    with pytest.raises(InvalidArgumentError, match="formula = 'nope'"):
        conv.family("nope", 1)
    with pytest.raises(InvalidArgumentError, match="sigma = -1 must be positive"):
        conv.family("perceptron", -1, 0)
    with pytest.raises(InvalidArgumentError, match="takes the parameters"):
        conv.family("3j", 1, 1, 1)
    fam = conv.family("forbidden", 2, 3, 4, 3, 2, 3)  # lengths j + 1/2 at lambda = 1 are still Euclidean
    with pytest.raises(InvalidArgumentError, match="scale: lambda = 1 is outside the formula's regime"):
        conv.scan(fam, [1, 2, 3, 4, 5], progress=False)


def test_scan_quadrature_error_ignores_zeros_of_the_cosine():
    fam = conv.family("ponzano-regge", 1, 1, 1, 1, 1, 1)
    quad = conv.scan(fam, "10:1000:12", progress=False, dps=20)
    rel = conv.scan(fam, "10:1000:12", progress=False, dps=20, error="relative")
    assert quad.agrees() and all(r.method == "quadrature" for r in quad.rows)
    errors = [float(r.error) for r in quad.rows]
    assert errors == sorted(errors, reverse=True)  # smooth: no spikes at zeros of the cosine
    ratios = [float(b.error / a.error) for a, b in zip(quad.rows, rel.rows)]
    assert max(ratios) > 10 * min(ratios)  # the pointwise relative error spikes
    assert abs(quad.fit.exponent + 1) < 0.01
    payload = json.loads(json.dumps(quad.as_dict()))
    assert payload["agrees"] and payload["expected_exponent"] == -1 and len(payload["rows"]) == len(quad.rows)
    assert "fitted exponent" in quad.table()


def test_scan_other_formulas():
    checks = [
        (conv.family("forbidden", 2, 3, 4, 3, 2, 3), "16:512:7", -1),
        (conv.family("3j", 2, 3, 4, 1, 1, -2), "16:512:7", -1),
        (conv.family("edmonds", 10, 12, 15, 1, 1, -1), "4:256:7", -1),
        (conv.family("edmonds", 10, 12, 15, 2, 0, 0), "4:256:7", -2),  # mu = nu = 0: DLMF 34.8.1
        (conv.family("edmonds-symmetric", 10, 12, 15, 1, 1, -1), "4:256:7", -2),
        (conv.family("perceptron", 2, "1/2"), "10:5000:8", -2),
    ]
    for fam, scales, expected in checks:
        res = conv.scan(fam, scales, progress=False, dps=20, window=3)
        assert res.expected == expected and res.agrees(), res.table()
        assert not res.fit.agrees_with(expected + 0.5)  # falsifiable: the error bars are tight


def test_scan_errors_and_measures():
    fam = conv.family("edmonds", 10, 12, 15, 1, 1, -1)
    with pytest.raises(InvalidArgumentError, match="does not oscillate"):
        conv.scan(fam, "4:64:5", error="quadrature", progress=False)
    osc = conv.family("ponzano-regge", 1, 1, 1, 1, 1, 1)
    for kwargs, match in (
        ({"error": "bogus"}, "error = 'bogus'"),
        ({"window": 1}, "window = 1"),
        ({"dps": 3}, "dps = 3"),
        ({"jobs": 0}, "jobs = 0"),
    ):
        with pytest.raises(InvalidArgumentError, match=match):
            conv.scan(osc, "10:20:3", progress=False, **kwargs)
    env = conv.scan(osc, "10:40:3", error="envelope", progress=False)
    assert all(r.method == "envelope" and r.error < 0.1 for r in env.rows)
    assert env.fit is None and "too few points" in env.notes[0]


def test_scan_degenerate_phases_fall_back_to_rms():
    # m = 0: the phase is constant modulo pi from one member to the next
    res = conv.scan(conv.family("3j", 3, 4, 3, 0, 0, 0), "10:40:3", progress=False, dps=20)
    assert all(r.method == "rms (degenerate phases)" for r in res.rows)
    assert res.notes and "degenerate phases" in res.notes[0]


def test_scan_executor_and_interrupt(monkeypatch):
    fam = conv.family("ponzano-regge", 1, 1, 1, 1, 1, 1)
    serial = conv.scan(fam, "10:80:5", progress=False, dps=20)
    with cf.ThreadPoolExecutor(2) as pool:
        threaded = conv.scan(fam, "10:80:5", progress=False, dps=20, executor=pool)
    assert [(r.scale, r.error) for r in serial.rows] == [(r.scale, r.error) for r in threaded.rows]
    calls = []
    original = conv._point

    def interrupting(*args, **kwargs):
        if len(calls) == 3:
            raise KeyboardInterrupt
        calls.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(conv, "_point", interrupting)
    res = conv.scan(fam, "10:80:5", progress=False, dps=20)
    assert res.interrupted and [r.scale for r in res.rows] == calls == [10, 17, 28]


def test_numeric_qsixj_matches_exact():
    fam = conv.family("taylor-woodward", 1, 1, 1, 1, 1, 1, r0=5)
    num = conv.family("taylor-woodward", 1, 1, 1, 1, 1, 1, r0=5, q_numeric=True)
    for lam in (3, 6):
        assert abs(fam.exact(lam, 25) - num.exact(lam, 25)) < mpmath.mpf(10) ** -22


def test_taylor_woodward_scan_against_exact():
    """The q-6j scan, exact cyclotomic values: the error decays (pre-asymptotically)."""
    res = conv.scan(conv.family("taylor-woodward", 1, 1, 1, 1, 1, 1, r0=5), [4, 6, 9], window=2, progress=False)
    errors = [float(r.error) for r in res.rows]
    assert errors == sorted(errors, reverse=True) and errors[-1] < 0.005


def test_plot_writes_png(tmp_path):
    import matplotlib  # noqa: F401  (the test extra installs it)

    res = conv.scan(conv.family("perceptron", 2, 0), "10:1000:6", progress=False, dps=20)
    path = tmp_path / "conv.png"
    conv.plot([res], str(path))
    assert path.read_bytes()[:4] == b"\x89PNG"


@given(st.integers(0, 10_000))
def test_local_decay_of_ponzano_regge(seed):
    """For random well-shaped tetrahedra the quadrature error falls by 3..17 from lambda to
    4 lambda: between lambda^-0.8 and lambda^-2.05 (theory: lambda^-1 asymptotically)."""
    fam = sc_identities.base_family("ponzano-regge", seed)
    res = conv.scan(fam, [32, 128], window=4, progress=False, dps=20)
    ratio = float(res.rows[0].error / res.rows[1].error)
    assert 3 < ratio < 17


# --- identities --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "ponzano_regge_exponent",
        "ponzano_regge_forbidden_exponent",
        "semiclassical_3j_exponent",
        "edmonds_exponent",
        "perceptron_gaussian_exponent",
        "taylor_woodward_flat_limit",
    ],
)
def test_exponent_identities(name):
    identity = get(name)
    for seed in (0, 1):
        result = identity(seed)
        assert result.passed, (result.lhs, result.rhs)


@pytest.mark.parametrize(
    "name", ["cayley_menger_closed_form", "tetrahedron_projection_law", "dihedral_sine_volume", "schlafli_identity"]
)
def test_geometry_identities(name):
    identity = get(name)
    cases = list(identity.cases(1))
    assert len(cases) >= 10
    assert all(identity(*case).passed for case in cases[:40])


def test_schlafli_check_is_falsifiable():
    """Without the length weights the sum of angle derivatives is not zero."""
    base = [mpmath.mpf(x) for x in ("2.5", "3", "2", "2.5", "3", "3.5")]

    def unweighted(x):
        return mpmath.fsum(Tetrahedron([x, *base[1:]]).dihedral_angles())

    assert abs(mpmath.diff(unweighted, base[0])) > 0.01


def test_exponent_identity_rejects_wrong_theory():
    fam = sc_identities.base_family("ponzano-regge", 3)
    res = conv.scan(fam, sc_identities.SCALES["ponzano-regge"][0], progress=False, dps=20)
    assert res.agrees() and not res.fit.agrees_with(-0.9) and not res.fit.agrees_with(-1.1)


# --- command line --------------------------------------------------------------------------------


def _cli(argv, capsys):
    parser = argparse.ArgumentParser(prog="tqft")
    sub = parser.add_subparsers(dest="command")
    sc_cli.add_parser(sub)
    args = parser.parse_args(argv)
    status = sc_cli.run(args)
    return status, capsys.readouterr().out


def test_cli_table_json_and_errors(capsys, tmp_path):
    status, out = _cli(
        ["asymptotics", "6j", "1", "1", "1", "1", "1", "1", "--scale", "10:160:5", "--no-progress"], capsys
    )
    assert status == 0 and "theory -1: agrees" in out
    plot = tmp_path / "p.png"
    status, out = _cli(
        ["asymptotics", "3j", "2", "3", "4", "1", "1", "-2", "--scale", "10:100:5", "--json", "--plot", str(plot)],
        capsys,
    )
    payload = json.loads(out)
    assert status == 0 and payload["family"]["formula"] == "3j" and plot.exists()
    status, out = _cli(
        ["asymptotics", "6j", "20", "30", "40", "30", "20", "30", "--scale", "2:20:5", "--no-progress"], capsys
    )
    assert status == 0 and "forbidden" in out  # the formula follows the regime of the shape
    status, out = _cli(
        ["asymptotics", "--scale", "10:40:3", "--no-progress", "--", "3j", "3/2", "1", "3/2", "-1/2", "0", "1/2"],
        capsys,
    )
    assert status == 0 and "3j: 3/2 1 3/2 -1/2 0 1/2" in out
    for argv, match in (
        (["asymptotics", "6j", "1", "1"], "6j takes 6 values"),
        (["asymptotics", "3j", "1", "1", "1", "0", "0", "0", "--r0", "3"], "--r0"),
        (["asymptotics", "q6j", "1", "1", "1", "1", "1", "1"], "r0"),
    ):
        with pytest.raises(TQFTError, match=match):
            _cli(argv, capsys)


def test_cli_classifier(capsys):
    status, out = _cli(["asymptotics", "classifier", "--samples", "300", "--links", "4"], capsys)
    assert status == 0 and "equivalence holds (and breaks where stated): True" in out
    assert "Eq. 34" in out and "boundary 6.0000 (softmax-linear)" in out
