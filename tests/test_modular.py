"""SU(2)_k modular data: closed forms for small k, independent mpmath numerics from the
defining trigonometric formulas, the catalogue identities for k = 1..10, rendering, and
errors."""

from __future__ import annotations

import json
from fractions import Fraction

import mpmath
import pytest
import sympy

from tqft.algebra.modular import (
    MAX_LEVEL,
    MAX_LEVEL_VERLINDE,
    ModularData,
    fusion_rule,
    level_limit,
    modular_data,
    verlinde_dimension_closed_form,
)
from tqft.algebra.modular_format import format_modular
from tqft.errors import CostLimitError, InvalidArgumentError, TQFTError
from tqft.exact.cyclotomic import cyclotomic_field
from tqft.exact.qcontexts import root_of_unity
from tqft.identities import get, run_identity_cases
from tqft.identities import modular as modular_identities

IDENTITIES = [
    "modular_s_symmetric_unitary",
    "modular_s_squared",
    "modular_st_cubed",
    "verlinde_fusion",
    "verlinde_dimension",
    "quantum_dimension",
    "twist_from_t",
    "verlinde_diagonalisation",
]
DPS = 50
TOL = mpmath.mpf(10) ** (-DPS)


def _close(exact, expected) -> bool:
    """Exact cyclotomic ``exact`` (through its embedding) agrees with mpmath ``expected`` to 50 digits."""
    with mpmath.workdps(DPS + 10):
        if isinstance(expected, str | sympy.Basic):
            value = sympy.N(expected, DPS + 10)
            re, im = value.as_real_imag()
            expected = mpmath.mpc(mpmath.mpf(str(re)), mpmath.mpf(str(im)))
        return abs(exact.embed(int((DPS + 10) * 3.33)) - expected) < TOL


# --- exactness of the construction --------------------------------------------------------


@pytest.mark.parametrize("k", [1, 2, 3, 7, 30])
def test_sqrt_2r_from_gauss_sum_is_the_positive_root(k):
    md = modular_data(k)
    assert md.sqrt_2r * md.sqrt_2r == 2 * (k + 2)
    assert md.sqrt_2r.is_real() and md.sqrt_2r.sign() == 1
    assert all(md.S[a, b].is_real() for a in md.labels for b in md.labels)


# --- closed forms for small k ----------------------------------------------------------------


def test_level_1_closed_form():
    md = modular_data(1)
    z = cyclotomic_field(24).zeta
    sqrt2 = z**3 + z**-3  # 2 cos(pi/4)
    assert sqrt2 * sqrt2 == 2
    h = 1 / sqrt2
    assert md.S.to_rows() == [[h, h], [h, -h]]
    assert md.T.to_rows() == [[z**-1, 0], [0, z**5]]  # exp(2 pi i (h - c/24)), h = (0, 1/4), c = 1
    assert md.twist(1) == z**6  # the semion: theta = i
    assert md.central_charge == 1 and md.conformal_weight(1) == Fraction(1, 4)
    assert md.fusion_tensor() == (((1, 0), (0, 1)), ((0, 1), (1, 0)))  # Z/2 fusion
    assert md.total_dimension_squared == 2


def test_level_2_is_ising():
    md = modular_data(2)
    z = md.field.zeta
    sqrt2 = z**4 + z**-4  # 2 cos(pi/4) in Q(zeta_32)
    assert [md.quantum_dimension(a) for a in md.labels] == [1, sqrt2, 1]
    half = Fraction(1, 2)
    assert md.S.to_rows() == [[half, sqrt2 / 2, half], [sqrt2 / 2, 0, -sqrt2 / 2], [half, -sqrt2 / 2, half]]
    assert [md.conformal_weight(a) for a in md.labels] == [0, Fraction(3, 16), Fraction(1, 2)]
    assert md.central_charge == Fraction(3, 2)
    assert md.twist(2) == -1 and md.twist(1) == z**6  # exp(2 pi i 3/16)
    # sigma x sigma = 1 + psi, psi x psi = 1, sigma x psi = sigma
    assert [md.fusion_coefficient(1, 1, c) for c in md.labels] == [1, 0, 1]
    assert [md.fusion_coefficient(2, 2, c) for c in md.labels] == [1, 0, 0]
    assert [md.fusion_coefficient(1, 2, c) for c in md.labels] == [0, 1, 0]
    assert md.total_dimension_squared == 4
    assert [md.verlinde_dimension(g) for g in range(4)] == [1, 3, 10, 36]


def test_level_3_golden_ratio():
    md = modular_data(3)
    phi = md.quantum_dimension(2)
    assert phi * phi == phi + 1 and phi.sign() == 1  # the golden ratio (1 + sqrt 5)/2
    sqrt5 = 2 * phi - 1
    assert sqrt5 * sqrt5 == 5
    assert md.quantum_dimension(1) == phi and md.quantum_dimension(3) == 1
    assert [md.fusion_coefficient(2, 2, c) for c in md.labels] == [1, 0, 1, 0]  # tau x tau = 1 + tau
    assert md.total_dimension_squared == 5 + sqrt5
    assert md.central_charge == Fraction(9, 5)
    assert md.verlinde_dimension(2) == 20


# --- independent numerics from the defining formulas -----------------------------------------


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 8, 13])
def test_against_trigonometric_formulas_at_50_digits(k):
    md = modular_data(k)
    r = k + 2
    with mpmath.workdps(DPS + 10):
        pi = mpmath.pi
        c = mpmath.mpf(3 * k) / r
        for a in md.labels:
            for b in md.labels:
                assert _close(md.S[a, b], mpmath.sqrt(mpmath.mpf(2) / r) * mpmath.sin(pi * (a + 1) * (b + 1) / r))
            h = mpmath.mpf(a * (a + 2)) / (4 * r)
            assert _close(md.T[a, a], mpmath.exp(2j * pi * (h - c / 24)))
            assert _close(md.twist(a), mpmath.exp(2j * pi * h))
            assert _close(md.quantum_dimension(a), mpmath.sin(pi * (a + 1) / r) / mpmath.sin(pi / r))
        assert _close(md.total_dimension_squared, r / (2 * mpmath.sin(pi / r) ** 2))
        assert _close(md.central_phase, mpmath.exp(2j * pi * c / 8))
        assert _close(md.gauss_sum(1), mpmath.sqrt(r / (2 * mpmath.sin(pi / r) ** 2)) * mpmath.exp(2j * pi * c / 8))
        for g in range(4):
            expected = (mpmath.mpf(r) / 2) ** (g - 1) * mpmath.fsum(
                mpmath.sin(pi * j / r) ** (2 - 2 * g) for j in range(1, r)
            )
            assert abs(md.verlinde_dimension(g) - expected) < TOL * max(1, expected)


@pytest.mark.parametrize("k", [1, 4, 9])
def test_quantum_dimension_is_the_quantum_integer_in_both_embeddings(k):
    """d_a = [a+1]_q: numerically through both fields' embeddings, and exactly by the lift."""
    md, qg = modular_data(k), root_of_unity(k + 2)
    for a in md.labels:
        qint = qg.qint(a + 1)
        with mpmath.workdps(DPS + 10):
            assert abs(md.quantum_dimension(a).embed(200) - qint.embed(200)) < TOL
        assert md.lift(qint) == md.quantum_dimension(a)
    assert md.lift(qg.q) == md.q and md.lift(qg.s) ** 2 == md.q


def test_lift_respects_a_non_principal_embedding():
    md = modular_data(3)  # N = 40
    x = cyclotomic_field(20, embedding=3).zeta  # zeta_20 -> exp(6 pi i / 20)
    with mpmath.workdps(30):
        assert abs(md.lift(x).embed(100) - x.embed(100)) < mpmath.mpf(10) ** -25


# --- fusion and Verlinde --------------------------------------------------------------------------


def test_fusion_rule_is_q_admissibility():
    for k in range(1, 7):
        qg = root_of_unity(k + 2)
        for a in range(k + 1):
            for b in range(k + 1):
                for c in range(k + 1):
                    assert fusion_rule(k, a, b, c) == int(qg.admissible(a, b, c))


def test_fusion_matrices_commute_and_verlinde_agrees_with_the_rule():
    md = modular_data(6)
    mats = [md.fusion_matrix(a) for a in md.labels]
    assert mats == [md.fusion_matrix(a, method="rule") for a in md.labels]
    for x in mats:
        for y in mats:
            assert x @ y == y @ x
    assert mats[0] == mats[0].identity(md.rank, 0, 1)


@pytest.mark.parametrize("k", [1, 2, 5])
def test_verlinde_dimension_closed_form_values(k):
    assert [verlinde_dimension_closed_form(k, g) for g in range(6)] == [
        modular_data(k).verlinde_dimension(g) for g in range(6)
    ]
    if k == 1:
        assert verlinde_dimension_closed_form(1, 5) == 32


def test_st_phase_depends_on_the_normalisation_of_t():
    """(S Theta)^3 is *not* S^2: the phase exp(2 pi i c/8) is real content, not a convention slip."""
    for k in range(1, 5):
        md = modular_data(k)
        st = md.S @ md.twist_matrix
        assert st @ st @ st != md.S @ md.S
        assert st @ st @ st == (md.S @ md.S).scale(md.st_phase("twist"))
        assert md.st_phase("cft") == 1


# --- the catalogue identities ---------------------------------------------------------------------


@pytest.mark.parametrize("name", IDENTITIES)
def test_identity_k_1_to_10(name):
    identity = get(name)
    cases = list(identity.cases())
    assert [c[0] for c in cases][:1] == [1] and max(c[0] for c in cases) == 10
    report = run_identity_cases(name, cases + identity.random_cases(3, seed=2))
    assert report.ok, report.failures
    assert identity.format_case(cases[-1]).startswith("k=10")


def test_identity_domain_and_cases():
    assert len(list(get("verlinde_dimension").cases())) == 60  # k = 1..10, g = 0..5
    assert get("modular_s_squared")(3).passed
    with pytest.raises(InvalidArgumentError):
        get("modular_s_squared")(0)
    assert modular_identities.MAX_GENUS_CHECKED == 5


def test_a_wrong_s_fails_the_checks(monkeypatch):
    """The checks can fail: one S entry with the wrong sign breaks S^2 = C, unitarity and (ST)^3."""
    md = ModularData(3)  # a private instance, not the cached one
    s = md.S
    entries = dict(s.entries)
    entries[(0, 1)] = -entries[(0, 1)]
    md.S = type(s)(s.rows, s.cols, entries, s.zero, s.one)
    monkeypatch.setattr(modular_identities, "modular_data", lambda k: md)
    for name in ("modular_s_squared", "modular_s_symmetric_unitary", "modular_st_cubed"):
        assert not get(name).check(3).passed, name


# --- rendering -------------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [1, 2, 3, 6])
def test_json_closed_forms_are_the_exact_numbers(k):
    md = modular_data(k)
    data = md.to_json(digits=20)
    json.dumps(data)
    for a in md.labels:
        for b in md.labels:
            entry = data["S"][a][b]
            assert _close(md.S[a, b], sympy.sympify(entry["exact"]))
        assert _close(md.T[a, a], sympy.sympify(data["T"][a]["exact"]))
        assert _close(md.quantum_dimension(a), sympy.sympify(data["quantum_dimensions"][a]["exact"]))
    assert data["central_charge"] == str(md.central_charge)
    assert data["field"]["conductor"] == 8 * (k + 2)


def test_format_modular_text_and_latex():
    text = format_modular(3, digits=6)
    assert "sqrt(2/5)*sin(2*pi/5)" in text and "exp(2*pi*I*(-3/40))" in text and "0.601501" in text
    latex = format_modular(2, latex=True, digits=3)
    assert latex.count("\\begin{pmatrix}") == 4 and "\\sqrt{\\tfrac{1}{2}}" in latex
    assert str(modular_data(2)) == format_modular(2)
    assert "rank 3" in repr(modular_data(2))


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "3", Fraction(3), None])
def test_invalid_levels(bad):
    with pytest.raises(InvalidArgumentError, match=r"k = .* SU\(2\)_k needs an integer k >= 1"):
        modular_data(bad)
    with pytest.raises(ValueError):
        ModularData(bad)


def test_huge_level_hits_the_cost_limit_and_can_be_lifted():
    with pytest.raises(CostLimitError, match=f"k = {MAX_LEVEL + 1} exceeds the limit of {MAX_LEVEL}.*level_limit"):
        modular_data(MAX_LEVEL + 1)
    with pytest.raises(CostLimitError):
        modular_data(10**9)
    with level_limit(MAX_LEVEL + 1):
        assert modular_data(MAX_LEVEL + 1).rank == MAX_LEVEL + 2
    with pytest.raises(CostLimitError, match="full Verlinde tensor"):
        modular_data(MAX_LEVEL_VERLINDE + 1).fusion_tensor()
    assert modular_data(MAX_LEVEL_VERLINDE + 1).fusion_coefficient(7, 9, 4) == 1  # single coefficients are cheap


def test_invalid_labels_and_options():
    md = modular_data(3)
    for bad in (-1, 4, 1.5, True):
        with pytest.raises(InvalidArgumentError, match=r"not a label of SU\(2\)_3"):
            md.quantum_dimension(bad)
        with pytest.raises(InvalidArgumentError, match="not a label"):
            fusion_rule(3, 0, bad, 1)
    with pytest.raises(InvalidArgumentError, match="method = 'x'"):
        md.fusion_coefficient(1, 1, 0, method="x")
    with pytest.raises(InvalidArgumentError, match="normalisation"):
        md.st_phase("modular")
    with pytest.raises(InvalidArgumentError, match="sign = 2"):
        md.gauss_sum(2)
    for g in (-1, 1.5):
        with pytest.raises(InvalidArgumentError, match="g = "):
            md.verlinde_dimension(g)
    with pytest.raises(CostLimitError, match="MAX_GENUS"):
        md.verlinde_dimension(10**6)
    with pytest.raises(InvalidArgumentError, match="does not divide N = 40"):
        md.lift(cyclotomic_field(7).zeta)
    with pytest.raises(InvalidArgumentError, match="digits"):
        format_modular(3, digits=0)
    with pytest.raises(TQFTError):
        md.lift(3)
