"""The perceptron as the large-spin limit: heat-kernel amplitudes and the classifier."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from tqft.errors import InvalidArgumentError
from tqft.semiclassical import perceptron as pc


@pytest.fixture(autouse=True)
def _twenty_digits():
    """Every test here runs at 20 digits; the global precision is restored afterwards
    (a module-level assignment leaked into the doctests that run later)."""
    with mpmath.workdps(20):
        yield


@pytest.mark.parametrize(("j", "jbar", "sigma", "xi"), [(1, 1, 1, "0.3"), ("5/2", 3, "1.5", "0.7"), (7, 6, 2, 0)])
def test_completing_the_square_is_exact(j, jbar, sigma, xi):
    """c(j) from the character equals N * Delta_j * Gaussian * phase * (1 - e^{i(2j+1)z})."""
    direct = pc.heat_kernel_coefficient(j, jbar, sigma, xi)
    factored = pc.normalisation_constant(jbar, sigma, xi) * pc.coherent_coefficient(
        j, jbar, sigma, xi, normalised=False
    )
    assert abs(direct / factored - 1) < mpmath.mpf(10) ** -15


def test_eq33_is_the_coefficient_up_to_exponentially_small_terms():
    jbar, sigma = 8, 2
    eta = (jbar + mpmath.mpf(1) / 2) / mpmath.mpf(sigma) ** 2  # 2 t (jbar + 1/2) with t = 1/(2 sigma^2)
    for j in (6, 8, 10):
        ratio = pc.coherent_coefficient(j, jbar, sigma, normalised=False) / pc.gaussian_coefficient(
            j, jbar, sigma, normalised=False
        )
        assert abs(ratio - (1 - mpmath.exp(-(2 * j + 1) * eta))) < mpmath.mpf(10) ** -18


def test_norm_is_the_full_sum():
    jbar, sigma = 5, "1.5"
    with mpmath.workdps(30):
        direct = mpmath.fsum(
            abs(pc.coherent_coefficient(mpmath.mpf(c) / 2, jbar, sigma, normalised=False)) ** 2 for c in range(0, 200)
        )
        assert abs(pc.coherent_norm_squared(jbar, sigma) / direct - 1) < mpmath.mpf(10) ** -28


@pytest.mark.parametrize(("jbar", "sigma"), [(50, 2), (200, 3), (1000, "2.5")])
def test_gaussian_form_error_is_laplace_next_term(jbar, sigma):
    """Relative error of the unit amplitude's Gaussian form: sqrt(1 + 2 s^2/(2 jbar + 1)^2) - 1."""
    s = mpmath.mpf(sigma)
    err = pc.gaussian_coefficient(jbar, jbar, sigma) / pc.coherent_coefficient(jbar, jbar, sigma) - 1
    predicted = mpmath.sqrt(1 + 2 * s**2 / (2 * jbar + 1) ** 2) - 1
    assert abs(err / predicted - 1) < 1e-6


def test_bad_input():
    with pytest.raises(InvalidArgumentError, match="sigma = 0 must be positive"):
        pc.coherent_coefficient(1, 1, 0)
    with pytest.raises(InvalidArgumentError, match=r"j = 0\.3 must be a spin"):
        pc.coherent_coefficient(0.3, 1, 1)
    with pytest.raises(InvalidArgumentError, match="jbar = -1 must be non-negative"):
        pc.gaussian_coefficient(1, -1, 1)
    with pytest.raises(InvalidArgumentError, match=r"labels must be 0 \.\. K-1"):
        pc.fit_classes([[1.0], [2.0]], [1, 2])
    with pytest.raises(InvalidArgumentError, match="normalisation"):
        pc.scores([[1.0]], pc.ClassModel(np.array([[1.0], [2.0]]), 1.0), "eq35")
    with pytest.raises(InvalidArgumentError, match="must differ"):
        pc.decision_boundary(2, 2, 1)


def test_symbolic_derivation():
    d = pc.derive_softmax_equivalence(links=3, classes=3)
    sigma = sympy.Symbol("sigma", positive=True)
    jb = [sympy.Symbol(f"jbar_0_{i}", positive=True) for i in range(3)]
    assert d.weights == [2 * j / sigma**2 for j in jb]
    assert sympy.simplify(d.bias + sum(j**2 for j in jb) / sigma**2) == 0
    assert d.residual == 0 and d.softmax_residual == 0 and d.eq34_inside == 0
    assert d.eq34_outside != 0 and sympy.simplify(d.eq34_curvature) != 0
    assert d.holds


def test_exact_scores_against_the_coefficients():
    """The "exact" and "unit" scores from the closed forms, against mpmath coefficients."""
    model = pc.ClassModel(np.array([[2.0, 5.0], [4.0, 1.0]]), 1.5)
    x = np.array([[3.0, 4.0], [0.0, 1.0]])
    exact = pc.scores(x, model, "exact")
    unit = pc.scores(x, model, "unit")
    for n in range(2):
        for k in range(2):
            with mpmath.workdps(30):
                coeffs = [
                    pc.coherent_coefficient(x[n, i], model.means[k, i], model.sigma, normalised=False) for i in range(2)
                ]
                units = [pc.coherent_coefficient(x[n, i], model.means[k, i], model.sigma) for i in range(2)]
                log_exact = float(mpmath.fsum(2 * mpmath.log(abs(c)) for c in coeffs))
                log_unit = float(mpmath.fsum(2 * mpmath.log(abs(c)) for c in units))
            assert exact[n, k] == pytest.approx(log_exact, abs=1e-9)
            assert unit[n, k] == pytest.approx(log_unit, abs=1e-9)


def test_classifier_report():
    rep = pc.classifier_report(3, 8, 1500, seed=4)
    assert rep["eq33"]["agreement"] == 1.0 and rep["eq33"]["max_probability_gap"] < 1e-10
    assert rep["exact"]["agreement"] == 1.0
    assert rep["unit_shifted_bias_agreement"] == 1.0
    assert rep["eq34"]["disagreements_outside_region"] == 0


def test_decision_boundary_moves_under_eq34():
    assert float(pc.decision_boundary(2, 10, 2)) == pytest.approx(6.0)
    moved = float(pc.decision_boundary(2, 10, 2, "eq34"))
    assert moved > 6.1
    # at the moved boundary the two Eq. 34 scores agree, at the linear one they do not
    x = np.array([[moved], [6.0]])
    model = pc.ClassModel(np.array([[2.0], [10.0]]), 2.0)
    s = pc.scores(x, model, "eq34")
    assert abs(s[0, 0] - s[0, 1]) < 1e-9 and abs(s[1, 0] - s[1, 1]) > 0.1


@given(
    st.lists(st.integers(0, 14), min_size=6, max_size=6),
    st.lists(st.lists(st.integers(0, 20), min_size=3, max_size=3), min_size=5, max_size=30),
    st.integers(2, 8),
)
def test_eq34_only_differs_where_the_normalisation_depends_on_the_class(means, xs, sigma2):
    """Property of the derivation: with one sigma, Eq. 33 always gives the softmax-linear
    choice, and Eq. 34 can only differ at inputs with P_x < max_k P_k."""
    model = pc.ClassModel(np.array(means, dtype=float).reshape(2, 3), float(np.sqrt(sigma2)))
    x = np.array(xs, dtype=float)
    assert pc.classifier_agreement(x, model, "eq33").fraction == 1.0
    assert pc.classifier_agreement(x, model, "eq34").disagreements_outside_region == 0
