"""Reshetikhin-Turaev invariants of SU(2)_k: the SL(2,Z) representation, lens spaces by
three exact routes, plumbings, Sigma_g x S^1, the Turaev-Walker theorem against Regina's
exact Turaev-Viro invariants, the catalogue identities, the CLI piece, and errors.

Independent witnesses: Regina (``turaevViro``: a different state sum, on triangulations),
mpmath evaluations of the defining trigonometric formulas, the naive Dedekind sum, the
Verlinde closed form without S, and Moebius arithmetic for continued fractions.
"""

from __future__ import annotations

import argparse
import json
import math
from fractions import Fraction

import mpmath
import pytest
import regina
from hypothesis import assume, given
from hypothesis import strategies as st

from tqft.algebra.modular import modular_data, verlinde_dimension_closed_form
from tqft.errors import CostLimitError, InvalidArgumentError, TQFTError
from tqft.identities import get, run_identity_cases
from tqft.identities import reshetikhin_turaev as rt_identities  # registers the identities
from tqft.tqft_models import cli_rt
from tqft.tqft_models.reshetikhin_turaev import (
    abs_squared,
    chain_lens_space,
    dedekind_sum,
    lens_chain,
    lens_gluing_matrix,
    linking_signature,
    rademacher_phi,
    rho,
    rho_closed_form,
    seifert_plumbing,
    sl2z_matrix,
    sl2z_word,
    z_chain,
    z_heegaard,
    z_lens,
    z_lens_closed_form,
    z_plumbing,
    z_s2xs1,
    z_s3,
    z_surface_times_circle,
)

DPS = 40
TOL = mpmath.mpf(10) ** (-DPS + 5)
E8 = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (2, 7)]


def lens_pairs(max_p: int) -> list[tuple[int, int]]:
    return [(p, q) for p in range(1, max_p + 1) for q in range(p) if math.gcd(p, q) == 1]


def regina_cyclotomic_to_tqft(c, r: int):
    """Regina's exact TV_r (an element of Q(zeta_2r), a polynomial in x) as an element of
    tqft's Q(zeta_8r): ``x -> zeta_8r^4 = q``.  Regina's ``evaluate(1)`` puts
    ``x = exp(2 pi i / 2r) = exp(i pi / r)``, the same root as tqft's ``q`` (checked below)."""
    md = modular_data(r - 2)
    assert c.field() == 2 * r
    out = md.field.zero
    if str(c) == "0":
        return out
    poly = c.polynomial()
    for i in range(poly.degree() + 1):
        coeff = poly[i]
        f = Fraction(int(str(coeff.numerator())), int(str(coeff.denominator())))
        if f:
            out = out + md.field.zeta_power(4 * i) * f
    return out


def close(exact, expected) -> bool:
    with mpmath.workdps(DPS + 10):
        return abs(exact.embed(int((DPS + 10) * 3.33)) - expected) < TOL


# --- SL(2,Z): words, matrices, the representation -------------------------------------------

words = st.lists(
    st.one_of(
        st.tuples(st.just("S"), st.integers(-3, 3)),
        st.tuples(st.just("T"), st.integers(-6, 6)),
    ),
    max_size=7,
)


@given(words)
def test_euclid_word_round_trip(word):
    m = sl2z_matrix(word)
    assert sl2z_matrix(sl2z_word(m)) == m
    (a, b), (c, d) = m
    assert a * d - b * c == 1


@given(words, st.sampled_from([1, 2, 3]))
def test_two_words_for_one_matrix_give_one_rho(word, k):
    """rho is linear in the CFT normalisation: any word equals Euclid's word of its matrix."""
    m = sl2z_matrix(word)
    assert rho(word, k) == rho(m, k) == rho(sl2z_word(m), k)
    minus = tuple(tuple(-x for x in row) for row in m)
    assert rho(minus, k) == rho(m, k)  # C = 1 for SU(2)_k


@given(words, st.sampled_from([1, 2, 4]))
def test_twist_normalisation_is_projective_with_the_documented_phase(word, k):
    md = modular_data(k)
    t = sum(n for g, n in word if g == "T")
    phase = md.field.zeta_power(md.k * t)  # exp(2 pi i c t / 24)
    assert rho(word, k, normalisation="twist") == rho(word, k).scale(phase)


@pytest.mark.parametrize("k", [1, 2, 3, 6])
def test_modular_relations(k):
    md = modular_data(k)
    s, t = rho("S", k), rho("T", k)
    assert s == md.S and t == md.T
    assert s @ s == md.C
    assert rho("S T S T S T", k) == rho("S^2", k) == rho("S^-2", k)
    assert rho("S^4", k) == rho("", k)
    twist = rho("S T S T S T", k, "twist")
    assert twist == (s @ s).scale(md.st_phase("twist"))
    # two words of -1 with different T-exponent sums differ by exp(2 pi i c (3 - 0)/24) under Theta
    assert rho("S T S T S T", k, "twist") == rho("S S", k, "twist").scale(md.central_phase)


def test_word_parsing():
    assert sl2z_matrix("S T^2 S^-1 T^(-3)") == sl2z_matrix([("S", 1), ("T", 2), ("S", -1), ("T", -3)])
    assert sl2z_matrix("ST^2*S") == sl2z_matrix("S T^2 S")
    assert sl2z_matrix("") == ((1, 0), (0, 1))


@given(st.integers(-50, 50), st.integers(1, 40))
def test_dedekind_sum_reciprocity_against_the_definition(h, c):
    def saw(x: Fraction) -> Fraction:
        return Fraction(0) if x.denominator == 1 else x - math.floor(x) - Fraction(1, 2)

    naive = sum((saw(Fraction(j, c)) * saw(Fraction(h * j, c)) for j in range(1, c)), Fraction(0))
    assert dedekind_sum(h, c) == naive


@pytest.mark.parametrize("c", range(1, 30))
def test_dedekind_sum_closed_form_at_h_1(c):
    assert dedekind_sum(1, c) == Fraction((c - 1) * (c - 2), 12 * c)


@given(words, st.integers(-5, 5), st.integers(-5, 5))
def test_rademacher_phi_properties(word, m, n):
    u = sl2z_matrix(word)
    (a, b), (c, d) = u
    shifted = sl2z_matrix([("T", m), *word, ("T", n)])
    assert rademacher_phi(shifted) == rademacher_phi(u) + m + n
    assert rademacher_phi(((-a, -b), (-c, -d))) == rademacher_phi(u)
    assert rademacher_phi(((d, -b), (-c, a))) == -rademacher_phi(u)


@given(st.lists(st.integers(-6, 6), min_size=1, max_size=6))
def test_phi_of_a_chain_is_framing_sum_minus_three_signature(chain):
    """Kirby-Melvin: Phi(S T^a1 S ... T^am S) = sum a_i - 3 sigma (the framing correction)."""
    word = [("S", 1)]
    for a in chain:
        word += [("T", a), ("S", 1)]
    b_plus, b_minus, _ = linking_signature(chain, [(i, i + 1) for i in range(len(chain) - 1)])
    assert rademacher_phi(sl2z_matrix(word)) == sum(chain) - 3 * (b_plus - b_minus)


def test_linking_signature_against_eigenvalues():
    import numpy as np

    for fr, edges in [([-2] * 8, E8), ([0, 1, -1], [(0, 1), (1, 2)]), ([0, 0, 0], [(0, 1), (1, 2)]), ([3, 0], [])]:
        m = np.diag(np.array(fr, dtype=float))
        for i, j in edges:
            m[i, j] = m[j, i] = 1
        ev = np.linalg.eigvalsh(m)
        assert linking_signature(fr, edges) == (
            int((ev > 1e-9).sum()),
            int((ev < -1e-9).sum()),
            int((abs(ev) <= 1e-9).sum()),
        )


@pytest.mark.parametrize("k", [1, 2, 3])
@pytest.mark.parametrize("matrix", [[[2, 1], [9, 5]], [[1, 0], [-3, 1]], [[13, 3], [-22, -5]], [[0, -1], [1, 4]]])
def test_jeffrey_rho_equals_the_word_product(matrix, k):
    assert rho_closed_form(matrix, k) == rho(matrix, k)


# --- lens spaces ----------------------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 2, 3, 4, 7])
def test_normalisation(k):
    md = modular_data(k)
    r = k + 2
    assert z_s3(k) == md.S[0, 0] == z_lens(1, 0, k) == z_lens(1, 5, k) == z_chain([-1], k) == z_chain([1], k)
    assert z_s3(k) * md.total_dimension == 1
    assert z_s2xs1(k) == 1 == z_lens(0, 1, k) == z_lens(0, -1, k) == z_chain([0], k)
    with mpmath.workdps(DPS):
        assert close(abs_squared(z_s3(k)), 2 * mpmath.sin(mpmath.pi / r) ** 2 / r)


@pytest.mark.parametrize("k", [1, 2, 3, 5])
@pytest.mark.parametrize(("p", "q"), lens_pairs(12))
def test_three_routes_agree_exactly(p, q, k):
    z = z_lens(p, q, k)
    assert z == z_lens(p, q, k, method="surgery") == z_lens(p, q, k, method="closed-form")
    assert z.field is modular_data(k).field


@pytest.mark.parametrize("k", [1, 3, 4])
@pytest.mark.parametrize("p", range(1, 13))
def test_lens_p_1_against_the_trigonometric_surgery_formula(p, k):
    """L(p, 1) is -p surgery on the unknot: Z = e^{2 pi i c/8} sum_a S_0a^2 theta_a^-p, in mpmath."""
    r = k + 2
    with mpmath.workdps(DPS + 10):
        c = mpmath.mpf(3 * k) / r
        total = mpmath.mpc(0)
        for a in range(k + 1):
            s0a = mpmath.sqrt(mpmath.mpf(2) / r) * mpmath.sin(mpmath.pi * (a + 1) / r)
            total += s0a**2 * mpmath.expjpi(-2 * p * mpmath.mpf(a * (a + 2)) / (4 * r))
        expected = mpmath.expjpi(2 * c / 8) * total
        assert close(z_lens(p, 1, k), expected)


@pytest.mark.parametrize("k", [2, 5])
@pytest.mark.parametrize(("p", "q"), [(5, 2), (7, 3), (11, 4), (12, 7), (31, 12)])
def test_jeffrey_formula_in_floating_point(p, q, k):
    """Jeffrey's sum evaluated by mpmath (no cyclotomic arithmetic, no descent)."""
    r = k + 2
    qs = pow(q, -1, p)
    with mpmath.workdps(DPS + 10):
        total = mpmath.mpc(0)
        for eps in (1, -1):
            inner = sum(mpmath.expjpi(2 * mpmath.mpf(n * (qs * r * n + eps * qs - 1)) / p) for n in range(p))
            total += eps * mpmath.expjpi(-mpmath.mpf(eps) / (r * p)) * inner
        s = sum(
            (mpmath.mpf(j) / p - mpmath.floor(mpmath.mpf(j) / p) - 0.5)
            * ((mpmath.mpf(q * j) / p) - mpmath.floor(mpmath.mpf(q * j) / p) - 0.5)
            for j in range(1, p)
            if (q * j) % p
        )
        expected = 1j / mpmath.sqrt(2 * r * p) * mpmath.expjpi(6 * s / r) * total
        assert close(z_lens(p, q, k), expected)


@pytest.mark.parametrize("k", [1, 2, 3])
@pytest.mark.parametrize(("p", "q"), lens_pairs(9))
def test_homeomorphism_and_orientation(p, q, k):
    z = z_lens(p, q, k)
    qs = pow(q, -1, p) if p > 1 else 0
    assert z_lens(p, qs, k) == z
    assert z_lens(p, -q, k) == z.conjugate() == z_lens(p, p - q, k)
    assert abs_squared(z_lens(p, -qs, k)) == abs_squared(z)


@given(st.integers(1, 40).flatmap(lambda p: st.tuples(st.just(p), st.integers(0, max(p - 1, 0)))))
def test_lens_chain_is_minus_p_over_q_surgery(pq):
    p, q = pq
    assume(math.gcd(p, q) == 1)
    chain = lens_chain(p, q)
    assert chain_lens_space(chain) == (p, q)
    if p > 1:
        assert all(a <= -2 for a in chain)
        x = Fraction(chain[-1])
        for a in reversed(chain[:-1]):
            x = a - 1 / x
        assert x == Fraction(-p, q)  # L(p, q) = -p/q surgery
        u = lens_gluing_matrix(p, q)
        word = [("S", 1)]
        for a in chain:
            word += [("T", a), ("S", 1)]
        assert sl2z_matrix(word) in (u, tuple(tuple(-x for x in row) for row in u))


@given(st.lists(st.integers(-4, 4), min_size=1, max_size=5), st.sampled_from([1, 2, 3]))
def test_any_chain_equals_its_lens_space(chain, k):
    """Kirby invariance: every chain of framed unknots (zeros, +-1 and positive entries
    included) gives Z of the lens space read off from its continued fraction."""
    p, q = chain_lens_space(chain)
    assert z_chain(chain, k) == z_lens(p, q, k)


@pytest.mark.parametrize("k", [1, 3])
def test_gluing_matrix_double_coset(k):
    (a, b), (c, d) = lens_gluing_matrix(12, 5)
    z = z_lens(12, 5, k)
    for m, n in ((1, 1), (-4, 2), (0, 7)):
        u = ((a + m * c, b + m * d + n * (a + m * c)), (c, d + n * c))
        assert z_heegaard(u, k) == z


# --- plumbings, Seifert spaces, connected sums, Sigma_g x S^1 ------------------------------


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_poincare_sphere_two_plumbings(k):
    """-E8 plumbing and the star (1; 2, 3, 5): the same oriented Poincare sphere."""
    star = [(0, 1), (0, 2), (0, 3)]
    z = z_plumbing([-2] * 8, E8, k)
    assert z == z_plumbing([1, 2, 3, 5], star, k)
    assert z_plumbing([-1, -2, -3, -5], star, k) == z.conjugate()  # the mirror


@pytest.mark.parametrize("k", [1, 2, 4])
def test_connected_sum_is_a_forest(k):
    z = z_plumbing([-2, -3, -2], [(1, 2)], k)  # L(2,1) # L(5,2)
    assert z == z_lens(2, 1, k) * z_lens(5, 2, k) / z_s3(k)


@pytest.mark.parametrize("k", [1, 2, 3, 5])
@pytest.mark.parametrize("g", range(5))
def test_surface_times_circle(g, k):
    z = z_surface_times_circle(g, k)
    assert z == verlinde_dimension_closed_form(k, g)
    if g == 0:
        assert z == z_s2xs1(k)
    if g == 1:
        assert z == k + 1 == rho("", k).trace()  # T^3 = mapping torus of the identity


# --- Turaev-Walker with Regina as the witness ---------------------------------------------


@pytest.mark.parametrize("r", [4, 5, 7])
def test_regina_root_is_q(r):
    """Regina's x is exp(i pi / r) = our q: its evaluate(1), its float state sum, and our
    image of its exact value all agree numerically."""
    tv = regina.Example3.lens(7, 2).turaevViro(r, True)
    ours = regina_cyclotomic_to_tqft(tv, r)
    assert abs(complex(ours) - tv.evaluate(1)) < 1e-12
    assert abs(complex(ours) - regina.Example3.lens(7, 2).turaevViroApprox(r, 1)) < 1e-9
    assert ours == abs_squared(z_lens(7, 2, r - 2))


@pytest.mark.parametrize("r", range(3, 9))
def test_turaev_walker_lens_spaces_subset(r):
    for p, q in lens_pairs(7):
        tv = regina.Example3.lens(p, q).turaevViro(r, True)
        assert regina_cyclotomic_to_tqft(tv, r) == abs_squared(z_lens(p, q, r - 2)), (p, q, r)


@pytest.mark.slow
def test_turaev_walker_full_table():
    """|Z_RT(L(p, q))|^2 = TV_r(L(p, q)) exactly for every p <= 12, q coprime, r = 3..12."""
    count = 0
    for p, q in lens_pairs(12):
        tri = regina.Example3.lens(p, q)
        for r in range(3, 13):
            tv = tri.turaevViro(r, True)
            assert regina_cyclotomic_to_tqft(tv, r) == abs_squared(z_lens(p, q, r - 2)), (p, q, r)
            count += 1
    assert count == 460


@pytest.mark.parametrize("r", [3, 4, 5, 6, 7])
def test_turaev_walker_other_manifolds(r):
    k = r - 2
    cases = [
        (regina.Example3.threeSphere(), z_s3(k)),
        (regina.Example3.s2xs1(), z_s2xs1(k)),
        (regina.Example3.poincare(), z_plumbing([-2] * 8, E8, k)),
        (regina.Example3.threeTorus(), z_surface_times_circle(1, k)),
        (regina.Example3.rp3rp3(), z_plumbing([-2, -2], [], k)),
    ]
    for tri, z in cases:
        assert regina_cyclotomic_to_tqft(tri.turaevViro(r, True), r) == abs_squared(z)


@pytest.mark.parametrize("fibres", [((2, 1), (3, 1), (5, 1)), ((2, -1), (3, 1), (5, 1)), ((2, 1), (3, 2), (5, -3))])
@pytest.mark.parametrize("r", [4, 5, 6])
def test_turaev_walker_seifert_spaces(fibres, r):
    tri = regina.Example3.sfsOverSphere(*(x for f in fibres for x in f))
    framings, edges = seifert_plumbing(fibres)
    assert regina_cyclotomic_to_tqft(tri.turaevViro(r, True), r) == abs_squared(z_plumbing(framings, edges, r - 2))


# --- the catalogue -------------------------------------------------------------------------

IDENTITIES = [
    "rt_lens_expansion_independence",
    "rt_lens_homeomorphism",
    "rt_lens_closed_form",
    "rt_sl2z_closed_form",
    "rt_sl2z_relations",
    "rt_surface_times_circle",
]


@pytest.mark.parametrize("name", IDENTITIES)
def test_identities(name):
    identity = get(name)
    cases = list(identity.cases())
    assert cases
    report = run_identity_cases(name, cases + identity.random_cases(3, seed=2))
    assert report.passed == report.cases, report.failures


def test_identity_check_can_fail(monkeypatch):
    """The checks compare real values: a closed form that returned the mirror is caught."""
    assert get("rt_lens_closed_form").check(3, 7, 2).passed
    monkeypatch.setattr(rt_identities, "z_lens_closed_form", lambda p, q, k: z_lens(p, -q, k))
    assert not get("rt_lens_closed_form").check(3, 7, 2).passed
    monkeypatch.setattr(rt_identities, "z_lens", lambda p, q, k: z_lens(p, 1, k))
    assert not get("rt_lens_homeomorphism").check(3, 7, 2).passed


# --- CLI -----------------------------------------------------------------------------------


def _run(argv, capsys):
    parser = argparse.ArgumentParser()
    cli_rt.add_parser(parser.add_subparsers(dest="command"))
    assert cli_rt.run(parser.parse_args(argv)) == 0
    return capsys.readouterr().out.strip()


def test_cli_lens(capsys):
    assert cli_rt.COMMANDS == ("rt",)
    out = _run(["rt", "lens", "9", "2", "--k", "3"], capsys)
    assert out == str(z_lens(9, 2, 3))
    for method in ("surgery", "closed-form"):
        assert _run(["rt", "lens", "9", "2", "--k", "3", "--method", method], capsys) == out
    assert _run(["rt", "lens", "9", "-2", "--k", "3"], capsys) == str(z_lens(9, 2, 3).conjugate())
    digits = _run(["rt", "lens", "9", "2", "--k", "3", "--digits", "40"], capsys)
    re, sign, im = digits.split(" ")  # "a - bi"
    assert sign == "-" and im.endswith("i")
    with mpmath.workdps(50):
        v = z_lens(9, 2, 3).embed(200)
        assert abs(mpmath.mpf(re) - v.real) < mpmath.mpf(10) ** -38
        assert abs(-mpmath.mpf(im[:-1]) - v.imag) < mpmath.mpf(10) ** -38
    assert _run(["rt", "lens", "3", "1", "--k", "2", "--abs2"], capsys) == "1/4"
    assert _run(["rt", "lens", "3", "1", "--k", "2", "--abs2", "--latex"], capsys) == r"\frac{1}{4}"


def test_cli_json_and_others(capsys):
    data = json.loads(_run(["rt", "lens", "7", "3", "--k", "2", "--json"], capsys))
    assert data["exact"] == str(z_lens(7, 3, 2)) and data["field"]["conductor"] == 32
    assert data["manifold"] == "L(7, 3)" and data["quantity"] == "Z"
    assert _run(["rt", "s3", "--k", "2", "--digits", "10"], capsys) == "0.5"
    assert _run(["rt", "s2xs1", "--k", "3"], capsys) == "1"
    assert _run(["rt", "surface-bundle", "--genus", "2", "--k", "3"], capsys) == "20"
    e8 = ["rt", "plumbing", *(["-2"] * 8), "--edges", "0-1,1-2,2-3,3-4,4-5,5-6,2-7", "--k", "3"]
    assert _run(e8, capsys) == str(z_plumbing([-2] * 8, E8, 3))
    assert _run(["rt", "plumbing", "-3", "-2", "--k", "3"], capsys) == str(z_lens(5, 2, 3))


def test_cli_errors():
    parser = argparse.ArgumentParser()
    cli_rt.add_parser(parser.add_subparsers(dest="command"))
    with pytest.raises(InvalidArgumentError, match="q = 4"):
        cli_rt.run(parser.parse_args(["rt", "lens", "6", "4", "--k", "3"]))
    with pytest.raises(InvalidArgumentError, match="--digits"):
        cli_rt.run(parser.parse_args(["rt", "s3", "--k", "3", "--digits", "0"]))
    with pytest.raises(InvalidArgumentError, match="--edges"):
        cli_rt.run(parser.parse_args(["rt", "plumbing", "1", "2", "--edges", "0:1", "--k", "3"]))


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: z_lens(6, 4, 3), r"q = 4 .*L\(6, q\).*coprime"),
        (lambda: z_lens(0, 2, 3), r"q = 2 .*q = 1 or -1"),
        (lambda: z_lens(-3, 1, 3), r"p = -3 must be an integer >= 0"),
        (lambda: z_lens(5, 2, 0), r"k = 0"),
        (lambda: z_lens(5, 2, True), r"k = True"),
        (lambda: z_lens(5.0, 2, 3), r"p = 5.0 must be an integer"),
        (lambda: z_lens(5, 2, 3, method="magic"), r"method = 'magic'"),
        (lambda: z_lens_closed_form(0, 1, 3), r"p = 0"),
        (lambda: rho([[1, 2], [3, 4]], 2), r"determinant -2"),
        (lambda: rho("S X", 2), r"word = 'S X'"),
        (lambda: rho("S", 2, normalisation="ribbon"), r"normalisation = 'ribbon'"),
        (lambda: rho_closed_form([[1, 3], [0, 1]], 2), r"c = 0"),
        (lambda: dedekind_sum(1, 0), r"c = 0"),
        (lambda: z_plumbing([1, 1, 1], [(0, 1), (1, 2), (2, 0)], 2), r"cycle"),
        (lambda: z_plumbing([1, 1], [(0, 5)], 2), r"edge = \(0, 5\)"),
        (lambda: z_plumbing([1, "a"], [], 2), r"framings\[1\] = 'a'"),
        (lambda: seifert_plumbing([(2, 0)]), r"fibres\[0\]"),
        (lambda: abs_squared(0.5), r"z = 0.5"),
        (lambda: z_surface_times_circle(-1, 2), r"g = -1"),
    ],
)
def test_bad_input_raises(call, match):
    with pytest.raises(InvalidArgumentError, match=match):
        call()


def test_cost_limit_of_the_closed_form():
    with pytest.raises(CostLimitError, match="MAX_CLOSED_FORM_CONDUCTOR"):
        z_lens_closed_form(1001, 2, 3)
    assert issubclass(CostLimitError, TQFTError)
    assert z_lens(1001, 2, 3) == z_lens(1001, 2, 3, method="surgery")  # the other routes are cheap
