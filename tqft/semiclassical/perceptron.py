"""The perceptron as the large-spin limit of the TQNN classifier of (M2), Eqs. 33-37.

Heat-kernel coherent states (Bianchi, Magliaro, Perini, PRD 82 (2010) 024012; Thiemann)
------------------------------------------------------------------------------------------
On one link, the heat-kernel coherent state peaked on the complexified element
``exp((xi + i eta) tau_3)`` has the spin-``j`` coefficient

.. math:: c(j) = (2j+1)\\, e^{-t j(j+1)}\\, \\chi_j(\\xi + i\\eta), \\qquad
   \\chi_j(z) = \\frac{\\sin((2j+1) z/2)}{\\sin(z/2)},

``j`` running over ``0, 1/2, 1, ...``.  Completing the square gives, *exactly*,

.. math:: c(j) = N\\, \\Delta_j\\, e^{-(j - \\bar j)^2/(2\\sigma^2)}\\, e^{-i\\xi(j + 1/2)}
   \\big(1 - e^{i(2j+1)(\\xi + i\\eta)}\\big),

with ``Delta_j = 2j + 1`` (the classical loop value), ``sigma^2 = 1/(2t)``,
``jbar = eta/(2t) - 1/2`` and ``N = e^{t (jbar + 1/2)^2 + t/4} / (-2i sin((xi + i eta)/2))``
independent of ``j``.  So (M2)'s Eq. 33, ``A(j) ~ Delta_j exp(-(j - jbar)^2/(2 sigma^2))
exp(-i xi j)``, is the coefficient up to the constant ``N`` (and the constant phase
``e^{-i xi/2}``) and a relative correction ``e^{-(2j+1) eta}``, exponentially small in
``j jbar / sigma^2``: :func:`coherent_coefficient` and :func:`gaussian_coefficient`.

What converges like a power of ``jbar`` is the *normalised* amplitude: the unit coherent
state divides by the norm ``||c||`` (a sum over all spins, computed here to the working
precision), while its Gaussian large-spin form replaces the sum by Laplace's leading term
``sum_j Delta_j^2 e^{-(j - jbar)^2/sigma^2} ~ 2 sqrt(pi) sigma (2 jbar + 1)^2`` (spins
spaced by 1/2).  The next Laplace term, ``4 sqrt(pi) sigma^3``, gives the relative error
``sqrt(1 + 2 sigma^2/(2 jbar + 1)^2) - 1 ~ sigma^2 / (2 jbar + 1)^2``: exponent ``-2`` at
fixed ``sigma`` (:mod:`tqft.semiclassical.convergence`, formula ``"perceptron"``).

The classifier
--------------
For an input of spins ``x = (x_l)`` and classes ``k`` with means ``jbar_k`` and one shared
``sigma``, Eq. 33 gives ``log |A_k(x)|^2 = g(x) + W_k . x + b_k`` with

.. math:: W_k = \\frac{2 \\bar j_k}{\\sigma^2}, \\qquad b_k = -\\frac{|\\bar j_k|^2}{\\sigma^2},
   \\qquad g(x) = \\sum_l 2\\log\\Delta_{x_l} - \\frac{|x|^2}{\\sigma^2},

so ``|A_k|^2 / sum_m |A_m|^2 = softmax(W x + b)_k`` *exactly*, and the class maximising
the amplitude is the softmax-linear classifier's choice.  The ``Delta_{x_l}`` factors and
``|x|^2`` depend only on the input and cancel between classes; the phases ``e^{-i xi x}``
have modulus one.  :func:`derive_softmax_equivalence` does this in sympy.

Where it breaks:

* Eq. 34 normalises by ``max(|prod Delta_x|^2, |prod Delta_jbar_k|^2)``.  Where
  ``P_x = prod_l Delta_{x_l}^2 >= max_k P_k`` (``P_k = prod_l Delta_{jbar_kl}^2``) the
  denominator is ``P_x`` for every class, a class-independent factor, and the equivalence
  survives.  Where ``P_x < P_k`` for some class ``k``, that class's score loses
  ``log(P_k / P_x)``: a term that depends on the class *and* on ``x`` through
  ``sum_l 2 log(2 x_l + 1)``, which is not linear in ``x``.  The classifier is then not
  softmax-linear and its decisions can differ (unless all ``P_k`` are equal).
* Per-class ``sigma_k`` leave ``-|x|^2/sigma_k^2`` class-dependent: a quadratic classifier.
* Unit-normalised coherent states divide by ``||c_k||``: a class-dependent constant, i.e.
  only a shift of the bias, ``b_k -> b_k - log ||c_k / N_k||^2`` -- still softmax-linear.

:func:`classifier_agreement` checks all of this numerically.

References: (M2) arXiv:2210.13741, Eqs. 33-37; Bianchi, Magliaro, Perini, PRD 82 (2010)
024012; REFERENCES.md section 5.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np

from ..errors import InvalidArgumentError
from .geometry import working_precision as _precision

__all__ = [
    "ClassModel",
    "Derivation",
    "classifier_agreement",
    "classifier_report",
    "coherent_coefficient",
    "coherent_norm_squared",
    "decision_boundary",
    "derive_softmax_equivalence",
    "fit_classes",
    "gaussian_coefficient",
    "heat_kernel_coefficient",
    "linear_classifier",
    "normalisation_constant",
    "scores",
    "synthetic_data",
]


def _real(value: Any, name: str, *, positive: bool = False, nonneg: bool = False) -> Any:
    if isinstance(value, bool):
        raise InvalidArgumentError(f"{name} = {value!r} must be a real number, not a bool")
    try:
        x = mpmath.mpf(value.numerator) / value.denominator if isinstance(value, Fraction) else mpmath.mpf(value)
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"{name} = {value!r} must be a real number") from None
    if not mpmath.isfinite(x):
        raise InvalidArgumentError(f"{name} = {value!r} must be finite")
    if positive and x <= 0:
        raise InvalidArgumentError(f"{name} = {value!r} must be positive")
    if nonneg and x < 0:
        raise InvalidArgumentError(f"{name} = {value!r} must be non-negative")
    return x


def _spin_value(j: Any, name: str = "j") -> Any:
    x = _real(j, name, nonneg=True)
    if not mpmath.isint(2 * x):
        raise InvalidArgumentError(f"{name} = {j!r} must be a spin: a non-negative integer or half-integer")
    return x


def _params(jbar: Any, sigma: Any, xi: Any) -> tuple[Any, Any, Any, Any]:
    jb = _real(jbar, "jbar", nonneg=True)
    s = _real(sigma, "sigma", positive=True)
    x = _real(xi, "xi")
    t = 1 / (2 * s * s)
    eta = 2 * t * (jb + mpmath.mpf(1) / 2)
    return jb, s, x, (t, eta)


def heat_kernel_coefficient(j: Any, jbar: Any, sigma: Any, xi: Any = 0, *, dps: int | None = None) -> Any:
    """The spin-``j`` coefficient ``c(j) = (2j+1) e^{-t j(j+1)} chi_j(xi + i eta)`` of the
    heat-kernel coherent state with ``t = 1/(2 sigma^2)`` and ``eta = 2t(jbar + 1/2)``
    (so that it peaks at ``jbar`` with width ``sigma``), straight from the definition (an
    mpmath complex number; it grows like ``e^{t jbar^2}``).

    >>> mpmath.nstr(heat_kernel_coefficient(1, 1, 1), 10)
    '(6.296057131 + 0.0j)'
    """
    with _precision(dps):
        jj = _spin_value(j)
        _, _, x, (t, eta) = _params(jbar, sigma, xi)
        z = mpmath.mpc(x, eta)
        chi = mpmath.sin((2 * jj + 1) * z / 2) / mpmath.sin(z / 2)
        return +((2 * jj + 1) * mpmath.exp(-t * jj * (jj + 1)) * chi)


def _reduced(jj: Any, jb: Any, s: Any, x: Any, eta: Any) -> Any:
    """``c(j) / N`` in the factored form of the module docstring."""
    gauss = (2 * jj + 1) * mpmath.exp(-((jj - jb) ** 2) / (2 * s * s))
    phase = mpmath.expj(-x * (jj + mpmath.mpf(1) / 2))
    tail = 1 - mpmath.expj((2 * jj + 1) * x) * mpmath.exp(-(2 * jj + 1) * eta)
    return gauss * phase * tail


def normalisation_constant(jbar: Any, sigma: Any, xi: Any = 0) -> Any:
    """``N = e^{t (jbar + 1/2)^2 + t/4} / (-2i sin((xi + i eta)/2))`` with ``c(j) = N * (c(j)/N)``."""
    jb, _, x, (t, eta) = _params(jbar, sigma, xi)
    z = mpmath.mpc(x, eta)
    return mpmath.exp(t * (jb + mpmath.mpf(1) / 2) ** 2 + t / 4) / (-2j * mpmath.sin(z / 2))


def _norm_cutoff(jb: Any, s: Any) -> tuple[int, int]:
    """Colour range outside which ``Delta^2 e^{-(j - jbar)^2 / sigma^2}`` is below the precision."""
    digits = mpmath.mp.dps + 10
    width = s * mpmath.sqrt(digits * math.log(10) + 2 * math.log(float(2 * jb + 3)) + 10)
    lo = max(0, int(mpmath.floor(2 * (jb - width))))
    hi = int(mpmath.ceil(2 * (jb + width))) + 1
    return lo, hi


def coherent_norm_squared(jbar: Any, sigma: Any, xi: Any = 0, *, dps: int | None = None) -> Any:
    """``||c / N||^2 = sum_{j = 0, 1/2, ...} |c(j) / N|^2``, summed over every spin whose term
    is above the working precision (the rest is below ``10^-(dps + 10)`` relative)."""
    with _precision(dps):
        jb, s, x, (_, eta) = _params(jbar, sigma, xi)
        lo, hi = _norm_cutoff(jb, s)
        return mpmath.fsum(abs(_reduced(mpmath.mpf(c) / 2, jb, s, x, eta)) ** 2 for c in range(lo, hi + 1))


def coherent_coefficient(
    j: Any, jbar: Any, sigma: Any, xi: Any = 0, *, normalised: bool = True, dps: int | None = None
) -> Any:
    """The exact heat-kernel coefficient divided by ``N``: ``c(j)/N`` (``normalised=False``),
    or the unit-normalised amplitude ``(c(j)/N) / ||c/N||`` (default; the global phase of
    ``N`` is dropped).  Real when ``xi = 0``.

    >>> mpmath.nstr(coherent_coefficient(10, 10, 2, dps=20), 12)
    '0.372201963957'
    """
    with _precision(dps):
        jj = _spin_value(j)
        jb, s, x, (_, eta) = _params(jbar, sigma, xi)
        value = _reduced(jj, jb, s, x, eta)
        if normalised:
            value = value / mpmath.sqrt(coherent_norm_squared(jbar, sigma, xi))
        return +(value.real if x == 0 else value)


def gaussian_coefficient(
    j: Any, jbar: Any, sigma: Any, xi: Any = 0, *, normalised: bool = True, dps: int | None = None
) -> Any:
    """(M2) Eq. 33 for one link, ``Delta_j e^{-(j - jbar)^2/(2 sigma^2)} e^{-i xi (j + 1/2)}``;
    with ``normalised=True`` (default) divided by Laplace's leading norm
    ``sqrt(2 sqrt(pi) sigma) (2 jbar + 1)``: the Gaussian large-spin form of
    :func:`coherent_coefficient`.

    >>> mpmath.nstr(gaussian_coefficient(10, 10, 2, dps=20), 12)
    '0.375562772232'
    """
    with _precision(dps):
        jj = _spin_value(j)
        jb, s, x, _ = _params(jbar, sigma, xi)
        value = (2 * jj + 1) * mpmath.exp(-((jj - jb) ** 2) / (2 * s * s)) * mpmath.expj(-x * (jj + mpmath.mpf(1) / 2))
        if normalised:
            value = value / (mpmath.sqrt(2 * mpmath.sqrt(mpmath.pi) * s) * (2 * jb + 1))
        return +(value.real if x == 0 else value)


# --- the classifier ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassModel:
    """Class means ``jbar`` (shape ``(K, L)``) and one shared ``sigma`` (Eqs. 35-36 pooled)."""

    means: np.ndarray
    sigma: float

    @property
    def classes(self) -> int:
        return int(self.means.shape[0])


def fit_classes(x: Any, y: Any) -> ClassModel:
    """Eq. 35 (per-class means of every link) and Eq. 36 pooled into one ``sigma``: the
    within-class variance over all samples and links.

    >>> m = fit_classes([[1, 2], [3, 4], [7, 8], [9, 10]], [0, 0, 1, 1])
    >>> m.means.tolist(), m.sigma
    ([[2.0, 3.0], [8.0, 9.0]], 1.0)
    """
    xa = np.asarray(x, dtype=float)
    ya = np.asarray(y)
    if xa.ndim != 2 or ya.ndim != 1 or len(ya) != len(xa):
        raise InvalidArgumentError(f"x must be (samples, links) and y (samples,); got {xa.shape} and {ya.shape}")
    if np.any(xa < 0):
        raise InvalidArgumentError("x must hold spins (non-negative)")
    labels = sorted(set(ya.tolist()))
    if labels != list(range(len(labels))):
        raise InvalidArgumentError(f"y = {labels[:10]}...: labels must be 0 .. K-1")
    means = np.stack([xa[ya == k].mean(axis=0) for k in labels])
    var = float(np.mean((xa - means[ya]) ** 2))
    if var <= 0:
        raise InvalidArgumentError("the within-class variance is zero: sigma would be 0")
    return ClassModel(means, math.sqrt(var))


def linear_classifier(model: ClassModel) -> tuple[np.ndarray, np.ndarray]:
    """``W_k = 2 jbar_k / sigma^2`` and ``b_k = -|jbar_k|^2 / sigma^2``."""
    s2 = model.sigma**2
    return 2 * model.means / s2, -np.sum(model.means**2, axis=1) / s2


_NORMALISATIONS = ("eq33", "exact", "unit", "eq34")


def scores(x: Any, model: ClassModel, normalisation: str = "eq33") -> np.ndarray:
    """``log`` of the class scores, shape ``(samples, K)``.

    ``"eq33"``: ``log |A_k(x)|^2`` of Eq. 33; ``"exact"``: the exact heat-kernel coefficients
    ``|c_k(x)/N_k|^2`` (Eq. 33 times ``|1 - e^{-(2x+1) eta}|^2`` per link, ``xi = 0``);
    ``"unit"``: unit-normalised coherent states ``|c_k(x)|^2 / ||c_k||^2`` (norm by the sum
    over spins, per link); ``"eq34"``: Eq. 33 divided by ``max(P_x, P_k)``.
    """
    if normalisation not in _NORMALISATIONS:
        raise InvalidArgumentError(f"normalisation = {normalisation!r} must be one of {', '.join(_NORMALISATIONS)}")
    xa = np.asarray(x, dtype=float)
    mu = model.means
    s2 = model.sigma**2
    log_dx = 2 * np.log(2 * xa + 1).sum(axis=1)  # log P_x
    out = log_dx[:, None] - ((xa[:, None, :] - mu[None, :, :]) ** 2).sum(axis=2) / s2
    if normalisation == "exact" or normalisation == "unit":
        eta = (mu + 0.5) / s2  # 2t(jbar + 1/2) with t = 1/(2 sigma^2)
        tail = np.log1p(-np.exp(-(2 * xa[:, None, :] + 1) * eta[None, :, :]))
        out = out + 2 * tail.sum(axis=2)
    if normalisation == "unit":
        with mpmath.workdps(20):
            norms = np.array(
                [[float(mpmath.log(coherent_norm_squared(m, model.sigma))) for m in row] for row in mu]
            ).sum(axis=1)
        out = out - norms[None, :]
    if normalisation == "eq34":
        log_pk = 2 * np.log(2 * mu + 1).sum(axis=1)
        out = out - np.maximum(log_dx[:, None], log_pk[None, :])
    return out


@dataclass(frozen=True)
class Agreement:
    """How often the amplitude's argmax equals the softmax-linear classifier's."""

    normalisation: str
    samples: int
    agree: int
    max_probability_gap: float
    disagreements_outside_region: int

    @property
    def fraction(self) -> float:
        return self.agree / self.samples if self.samples else 1.0


def classifier_agreement(x: Any, model: ClassModel, normalisation: str = "eq33") -> Agreement:
    """Compare the amplitude classifier (normalisation as in :func:`scores`) with
    ``softmax(W x + b)`` of :func:`linear_classifier`.

    An input counts as agreeing when the amplitude's choice is a best class of the linear
    classifier (ties, e.g. an input equidistant from two means, agree).
    ``max_probability_gap`` is the largest difference between the softmax probabilities and
    the normalised scores; ``disagreements_outside_region`` counts disagreements at inputs
    with ``P_x >= max_k P_k``, where the Eq. 34 normalisation is class-independent (the
    derivation says it must be zero).
    """
    xa = np.asarray(x, dtype=float)
    w, b = linear_classifier(model)
    logits = xa @ w.T + b
    s = scores(xa, model, normalisation)
    p_lin = _softmax(logits)
    p_amp = _softmax(s)
    # a choice agrees when it is (one of) the linear classifier's best: exact ties count
    chosen = logits[np.arange(len(xa)), np.argmax(s, axis=1)]
    best = logits.max(axis=1)
    agree = chosen >= best - 1e-9 * (1 + np.abs(best))
    log_dx = 2 * np.log(2 * xa + 1).sum(axis=1)
    log_pk = 2 * np.log(2 * model.means + 1).sum(axis=1)
    inside = log_dx >= log_pk.max()
    return Agreement(
        normalisation,
        len(xa),
        int(agree.sum()),
        float(np.max(np.abs(p_lin - p_amp))) if len(xa) else 0.0,
        int(np.sum(~agree & inside)),
    )


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def decision_boundary(jbar1: Any, jbar2: Any, sigma: Any, normalisation: str = "eq33") -> Any:
    """The input ``x`` (one link) where two classes score equally, between their means.

    For ``"eq33"`` it is the softmax-linear boundary ``(jbar1 + jbar2)/2``; for ``"eq34"``
    the normalisation moves it (mpmath root).

    >>> float(decision_boundary(2, 10, 2))
    6.0
    >>> round(float(decision_boundary(2, 10, 2, "eq34")), 4)
    6.2229
    """
    a, b = _real(jbar1, "jbar1", nonneg=True), _real(jbar2, "jbar2", nonneg=True)
    s = _real(sigma, "sigma", positive=True)
    if a == b:
        raise InvalidArgumentError("jbar1 and jbar2 must differ")
    if normalisation not in ("eq33", "eq34"):
        raise InvalidArgumentError(f"normalisation = {normalisation!r} must be 'eq33' or 'eq34'")

    def score(x: Any, m: Any) -> Any:
        val = 2 * mpmath.log(2 * x + 1) - (x - m) ** 2 / s**2
        if normalisation == "eq34":
            val -= max(2 * mpmath.log(2 * x + 1), 2 * mpmath.log(2 * m + 1))
        return val

    return mpmath.findroot(lambda x: score(x, a) - score(x, b), (min(a, b), max(a, b)), solver="anderson")


# --- sympy derivation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Derivation:
    """The symbolic results of :func:`derive_softmax_equivalence` (sympy expressions)."""

    log_amplitude: Any  # log |A_k|^2 for class k, expanded
    input_part: Any  # g(x), the class-independent part
    weights: Any  # W_k (a list of sympy expressions, one per link)
    bias: Any  # b_k
    residual: Any  # log|A_k|^2 - g(x) - (W_k . x + b_k): must be 0
    softmax_residual: Any  # softmax_k(Wx + b) - |A_k|^2 / sum_m |A_m|^2: must be 0
    eq34_inside: Any  # log s_k - log s_m - (logit_k - logit_m) where P_x >= P_k, P_m: must be 0
    eq34_outside: Any  # the same where P_k > P_x >= P_m: the extra, input-dependent term
    eq34_curvature: Any  # d^2/dx_1^2 of eq34_outside for Delta_x = 2x + 1: nonzero
    unshared_curvature: Any  # coefficient of x_1^2 in the logit difference with sigma_k != sigma_m

    @property
    def holds(self) -> bool:
        """True when the residuals vanish and the breaking terms do not."""
        import sympy

        zero = all(sympy.simplify(e) == 0 for e in (self.residual, self.softmax_residual, self.eq34_inside))
        return zero and sympy.simplify(self.eq34_curvature) != 0 and sympy.simplify(self.unshared_curvature) != 0


def derive_softmax_equivalence(links: int = 3, classes: int = 3) -> Derivation:
    """Derive, in sympy, that with one shared ``sigma`` the Eq. 33 amplitudes give exactly
    the softmax-linear classifier with ``W_k = 2 jbar_k / sigma^2``, ``b_k = -|jbar_k|^2 /
    sigma^2``, and where Eq. 34's normalisation and per-class widths break it.

    ``Delta`` is an arbitrary positive function (``Delta(x) = 2x + 1`` only for the
    curvature of the breaking term).

    >>> d = derive_softmax_equivalence(2, 2)
    >>> d.weights, d.bias
    ([2*jbar_0_0/sigma**2, 2*jbar_0_1/sigma**2], (-jbar_0_0**2 - jbar_0_1**2)/sigma**2)
    >>> d.holds
    True
    """
    import sympy

    if not isinstance(links, int) or links < 1 or not isinstance(classes, int) or classes < 2:
        raise InvalidArgumentError(f"links = {links!r} >= 1 and classes = {classes!r} >= 2 are required")
    sigma = sympy.Symbol("sigma", positive=True)
    xs = sympy.symbols(f"x_0:{links}", positive=True)
    xis = sympy.symbols(f"xi_0:{links}", real=True)
    jb = [[sympy.Symbol(f"jbar_{k}_{i}", positive=True) for i in range(links)] for k in range(classes)]
    delta = sympy.Function("Delta", positive=True)

    def amplitude(k: int, widths: Sequence[Any] | None = None) -> Any:
        w = widths[k] if widths is not None else sigma
        return sympy.Mul(
            *[
                delta(xs[i]) * sympy.exp(-((xs[i] - jb[k][i]) ** 2) / (2 * w**2)) * sympy.exp(-sympy.I * xis[i] * xs[i])
                for i in range(links)
            ]
        )

    def mod2(expr: Any) -> Any:
        return sympy.simplify(sympy.expand_complex(expr * sympy.conjugate(expr)))

    amp2 = [mod2(amplitude(k)) for k in range(classes)]
    log_amp = [sympy.expand(sympy.expand_log(sympy.log(a), force=True)) for a in amp2]
    g = sum(2 * sympy.log(delta(x)) - x**2 / sigma**2 for x in xs)
    weights = [[2 * jb[k][i] / sigma**2 for i in range(links)] for k in range(classes)]
    bias = [-sum(jb[k][i] ** 2 for i in range(links)) / sigma**2 for k in range(classes)]
    logits = [sum(weights[k][i] * xs[i] for i in range(links)) + bias[k] for k in range(classes)]
    residual = sympy.simplify(log_amp[0] - g - logits[0])
    softmax0 = sympy.exp(logits[0]) / sum(sympy.exp(z) for z in logits)
    ratio0 = amp2[0] / sum(amp2)
    softmax_residual = sympy.simplify(sympy.powsimp(sympy.expand(softmax0 - ratio0), force=True))
    # Eq. 34: s_k = |A_k|^2 / max(P_x, P_k)
    log_px = sum(2 * sympy.log(delta(x)) for x in xs)
    log_pk = [sum(2 * sympy.log(delta(jb[k][i])) for i in range(links)) for k in range(classes)]
    # inside the region P_x >= P_0, P_1 both maxima are P_x
    inside = (log_amp[0] - log_px) - (log_amp[1] - log_px) - (logits[0] - logits[1])
    # outside: P_0 > P_x >= P_1
    outside = (log_amp[0] - log_pk[0]) - (log_amp[1] - log_px) - (logits[0] - logits[1])
    outside = sympy.simplify(outside)
    two_x_plus_one = sympy.Lambda(sympy.Symbol("u"), 2 * sympy.Symbol("u") + 1)
    curvature = sympy.diff(outside.subs(delta, two_x_plus_one), xs[0], 2)
    # per-class widths: the x_0^2 coefficient of the logit difference
    s_k = sympy.symbols("sigma_0:2", positive=True)
    la = [sympy.expand(sympy.expand_log(sympy.log(mod2(amplitude(k, s_k))), force=True)) for k in range(2)]
    unshared = sympy.Poly(sympy.expand(la[0] - la[1]), xs[0]).coeff_monomial(xs[0] ** 2)
    return Derivation(
        log_amplitude=log_amp[0],
        input_part=g,
        weights=weights[0],
        bias=bias[0],
        residual=residual,
        softmax_residual=softmax_residual,
        eq34_inside=sympy.simplify(inside),
        eq34_outside=outside,
        eq34_curvature=sympy.simplify(curvature),
        unshared_curvature=sympy.simplify(unshared),
    )


def synthetic_data(
    classes: int = 3, links: int = 8, samples: int = 3000, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A seeded toy data set of spin configurations: class ``k`` has link means
    ``2 + 3k + (pattern)`` and Gaussian noise of width 1.5, rounded to non-negative integers.

    The classes differ in overall size, so inputs of a small class often have
    ``P_x < P_k`` for the larger classes -- the region where Eq. 34 differs from the
    softmax-linear classifier.

    >>> x, y = synthetic_data(2, 3, 4, seed=1)
    >>> x.shape, sorted(set(y.tolist()))
    ((4, 3), [0, 1])
    """
    for name, value, least in (("classes", classes, 2), ("links", links, 1), ("samples", samples, classes)):
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise InvalidArgumentError(f"{name} = {value!r} must be an integer >= {least}")
    rng = np.random.default_rng(seed)
    pattern = rng.integers(0, 3, size=(classes, links))
    means = 2 + 3 * np.arange(classes)[:, None] + pattern
    y = np.arange(samples) % classes
    x = np.clip(np.rint(means[y] + rng.normal(0, 1.5, size=(samples, links))), 0, None)
    return x.astype(float), y


def classifier_report(classes: int = 3, links: int = 8, samples: int = 3000, seed: int = 0) -> dict[str, Any]:
    """The numeric side of the equivalence on :func:`synthetic_data`: Eqs. 35-36 fitted with
    one pooled ``sigma``, then every normalisation of :func:`scores` against the
    softmax-linear classifier (see the module docstring for what to expect).

    >>> rep = classifier_report(3, 6, 600, seed=2)
    >>> rep["eq33"]["agreement"], rep["eq33"]["max_probability_gap"] < 1e-12
    (1.0, True)
    >>> rep["eq34"]["agreement"] < 1.0, rep["eq34"]["disagreements_outside_region"]
    (True, 0)
    >>> rep["unit_shifted_bias_agreement"]
    1.0
    """
    x, y = synthetic_data(classes, links, samples, seed)
    model = fit_classes(x, y)
    w, b = linear_classifier(model)
    out: dict[str, Any] = {
        "classes": classes,
        "links": links,
        "samples": samples,
        "sigma": model.sigma,
        "softmax_accuracy": float(np.mean(np.argmax(x @ w.T + b, axis=1) == y)),
    }
    # unit-normalised states: the class-dependent norm only shifts the bias
    with mpmath.workdps(20):
        log_norms = np.array(
            [sum(float(mpmath.log(coherent_norm_squared(m, model.sigma))) for m in row) for row in model.means]
        )
    shifted = x @ w.T + b - log_norms
    out["unit_shifted_bias_agreement"] = float(
        np.mean(np.argmax(shifted, axis=1) == np.argmax(scores(x, model, "unit"), axis=1))
    )
    for norm in _NORMALISATIONS:
        agreement = classifier_agreement(x, model, norm)
        out[norm] = {
            "agreement": agreement.fraction,
            "max_probability_gap": agreement.max_probability_gap,
            "disagreements_outside_region": agreement.disagreements_outside_region,
            "accuracy": float(np.mean(np.argmax(scores(x, model, norm), axis=1) == y)),
        }
    return out
