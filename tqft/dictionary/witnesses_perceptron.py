"""Dictionary witnesses for the semiclassical TQNN perceptron of (M2), Eqs. 33-37.

The classifier scores are floating point (numpy ``float64``, as in
:mod:`tqft.learning.tqnn.perceptron`); each witness recomputes them independently from the
equations -- class statistics as exact :class:`fractions.Fraction`, logarithms in mpmath --
and compares within ``1e-9``.  The asymptotic witness compares mpmath values at 30 digits.

Data: a small seeded-by-hand set of edge colours (three classes, four edges), or
:func:`tqft.semiclassical.perceptron.synthetic_data` with a fixed seed.

References: (M2) arXiv:2210.13741, Eqs. 33-37; Bianchi, Magliaro, Perini, PRD 82 (2010)
024012 (heat-kernel coherent states); REFERENCES.md section 5 (the softmax equivalence).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np

from ..identities.core import CheckResult
from ..learning.tqnn.perceptron import DEFAULT_VARIANCE_FLOOR, TQNNPerceptron
from ..semiclassical.perceptron import (
    coherent_coefficient,
    decision_boundary,
    derive_softmax_equivalence,
    gaussian_coefficient,
    synthetic_data,
)
from .witnesses_core import close, close_pairs, equal_pairs, merge

__all__ = [
    "COLOURS",
    "LABELS",
    "bias",
    "decision_boundary_shift",
    "deep_neural_network",
    "loss_function",
    "softmax_perceptron",
    "training_free_classifier",
    "weights",
]

#: edge colours (twice the spins) of nine training samples, three classes, four edges
COLOURS: tuple[tuple[int, ...], ...] = (
    (2, 4, 6, 1),
    (4, 4, 8, 3),
    (2, 6, 6, 1),
    (10, 2, 0, 5),
    (12, 4, 2, 5),
    (10, 0, 0, 7),
    (6, 10, 12, 2),
    (8, 12, 10, 4),
    (6, 8, 14, 2),
)
LABELS: tuple[int, ...] = (0, 0, 0, 1, 1, 1, 2, 2, 2)

#: inputs that are not training samples
QUERIES: tuple[tuple[int, ...], ...] = ((3, 5, 7, 2), (11, 2, 1, 6), (7, 10, 12, 3), (6, 6, 6, 3), (0, 0, 0, 0))


def _statistics(x: Sequence[Sequence[int]], y: Sequence[int]) -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    """Eq. 35 means and Eq. 36 population variances per class and edge, in spin units."""
    classes = sorted(set(y))
    means, variances = [], []
    for k in classes:
        rows = [[Fraction(c, 2) for c in row] for row, lab in zip(x, y, strict=True) if lab == k]
        mu = [sum(col, Fraction(0)) / len(rows) for col in zip(*rows, strict=True)]
        var = [
            sum(((v - m) ** 2 for v in col), Fraction(0)) / len(rows)
            for col, m in zip(zip(*rows, strict=True), mu, strict=True)
        ]
        means.append(mu)
        variances.append(var)
    return means, variances


def _pooled(x: Sequence[Sequence[int]], y: Sequence[int], means: list[list[Fraction]]) -> Fraction:
    """Eq. 36 pooled over all samples and edges: the shared ``sigma^2``."""
    total = sum(
        (
            (Fraction(c, 2) - m) ** 2
            for row, lab in zip(x, y, strict=True)
            for c, m in zip(row, means[lab], strict=True)
        ),
        Fraction(0),
    )
    return total / (len(x) * len(x[0]))


# --- weights <-> spins and coherent-state parameters ---------------------------------------------


def _check_weights(x: Sequence[Sequence[int]], y: Sequence[int]) -> CheckResult:
    model = TQNNPerceptron("shared", "eq33").fit(np.array(x), np.array(y))
    means, _ = _statistics(x, y)
    s2 = max(_pooled(x, y, means), Fraction(DEFAULT_VARIANCE_FLOOR))
    w, b = model.linear_form()
    want_w = [[2 * m / s2 for m in row] for row in means]
    want_b = [-sum((m * m for m in row), Fraction(0)) / s2 for row in means]
    ok = (
        model.edges_.tolist() == list(range(len(x[0])))
        and all(close(a, e, 1e-12) for a, e in zip(model.means_.ravel(), [m for r in means for m in r], strict=True))
        and close(model.variances_[0, 0], s2, 1e-12)
        and all(close(a, e, 1e-12) for a, e in zip(w.ravel(), [v for r in want_w for v in r], strict=True))
        and all(close(a, e, 1e-12) for a, e in zip(b, want_b, strict=True))
    )
    lhs = (model.means_.tolist(), float(model.variances_[0, 0]), w.tolist(), b.tolist())
    rhs = (
        [[float(m) for m in r] for r in means],
        float(s2),
        [[float(v) for v in r] for r in want_w],
        [float(v) for v in want_b],
    )
    return CheckResult(ok, lhs, rhs)


def weights() -> CheckResult:
    """The weights of the network are the spins and coherent-state parameters of the class
    states: the mean spins ``jbar`` (Eq. 35), the width ``sigma`` (Eq. 36) and, for planar
    data, ``xi = 0`` (Eq. 37) (M2).

    Example: nine samples of four edge colours in three classes.  The fitted TQNN perceptron
    (one shared sigma) must hold the class means of the spins and the pooled within-class
    variance recomputed here with exact fractions, and its linear weights and biases must be
    ``W_k = 2 jbar_k / sigma^2``, ``b_k = -|jbar_k|^2 / sigma^2`` (to ``1e-12``).
    """
    return _check_weights(COLOURS, LABELS)


# --- training-free classifier <-> TQNN perceptron ------------------------------------------------


def _eq34_scores(x: Sequence[int], means: list[list[Fraction]], variances: list[list[Fraction]]) -> list[Any]:
    """``log s_k(x)`` of Eqs. 33-34 with per-class, per-edge widths (floored), in mpmath."""
    floor = Fraction(DEFAULT_VARIANCE_FLOOR)
    spins = [Fraction(c, 2) for c in x]
    log_px = sum(2 * mpmath.log(2 * s + 1) for s in spins)
    out = []
    for mu, var in zip(means, variances, strict=True):
        quad = sum(((s - m) ** 2 / max(v, floor) for s, m, v in zip(spins, mu, var, strict=True)), Fraction(0))
        log_pk = sum(2 * mpmath.log(2 * m + 1) for m in mu)
        out.append(log_px - mpmath.mpf(quad.numerator) / quad.denominator - max(log_px, log_pk))
    return out


def _check_training_free(x: Sequence[Sequence[int]], y: Sequence[int], queries: Sequence[Sequence[int]]) -> CheckResult:
    model = TQNNPerceptron().fit(np.array(x), np.array(y))  # per-class sigma, Eq. 34: one pass, no optimiser
    means, variances = _statistics(x, y)
    inputs = [*x, *queries]
    got = model.decision_function(np.array(inputs))
    ok = True
    want_labels = []
    with mpmath.workdps(30):
        for row, scores in zip(inputs, got, strict=True):
            want = _eq34_scores(row, means, variances)
            ok &= all(close(a, float(e), 1e-9) for a, e in zip(scores, want, strict=True))
            want_labels.append(max(range(len(want)), key=lambda k, w=want: (w[k], -k)))  # type: ignore[misc]
    labels = model.predict(np.array(inputs)).tolist()
    return CheckResult(ok and labels == want_labels, labels, want_labels)


def training_free_classifier() -> CheckResult:
    """A classifier that needs no training (no optimisation) is the TQFT perceptron: class
    amplitudes from Eqs. 33-34 with statistics of the training data (M2).

    Example: the nine-sample data set, per-class and per-edge widths, Eq. 34 normalisation.
    The log-scores of :class:`~tqft.learning.tqnn.perceptron.TQNNPerceptron` on the training
    samples and five new inputs must match Eqs. 33-34 evaluated here from exact class
    statistics in mpmath (to ``1e-9``), and the predicted classes must be the argmax.
    """
    return _check_training_free(COLOURS, LABELS, QUERIES)


# --- loss <-> quadratic spin deviation -----------------------------------------------------------


def _check_loss(x: Sequence[Sequence[int]], y: Sequence[int], queries: Sequence[Sequence[int]]) -> CheckResult:
    model = TQNNPerceptron("shared", "eq33").fit(np.array(x), np.array(y))
    means, _ = _statistics(x, y)
    s2 = float(model.variances_[0, 0])
    inputs = [*x, *queries]
    scores = model.decision_function(np.array(inputs))
    ok = True
    nearest = []
    for row, sc in zip(inputs, scores, strict=True):
        spins = [Fraction(c, 2) for c in row]
        g = sum(2 * float(mpmath.log(2 * s + 1)) for s in spins)
        dist = [sum(((s - m) ** 2 for s, m in zip(spins, mu, strict=True)), Fraction(0)) for mu in means]
        # -log|A_k|^2 + sum 2 log Delta = squared deviation / sigma^2
        ok &= all(close((g - a) * s2, float(d), 1e-9) for a, d in zip(sc, dist, strict=True))
        nearest.append(min(range(len(dist)), key=lambda k, d=dist: (d[k], k)))  # type: ignore[misc]
    labels = model.predict(np.array(inputs)).tolist()
    return CheckResult(ok and labels == nearest, labels, nearest)


def loss_function() -> CheckResult:
    """The loss of a class is the quadratic spin deviation ``sum_l (j_l - jbar_l)^2 /
    (2 sigma^2)`` in the exponent of the semiclassical amplitude (M2, Eq. 33).

    Example: the nine-sample data set with one shared sigma.  For every training sample and
    five new inputs, ``sum_l 2 log Delta_{x_l} - log |A_k(x)|^2`` times ``sigma^2`` must be
    the squared distance of the spins to the class mean (exact fractions), and the
    predicted class must be the nearest class mean, found here by exact comparison.
    """
    return _check_loss(COLOURS, LABELS, QUERIES)


# --- softmax perceptron <-> shared-sigma semiclassical TQNN --------------------------------------


def _check_softmax(classes: int, links: int, samples: int, seed: int) -> CheckResult:
    x, y = synthetic_data(classes, links, samples, seed=seed)
    xi = x.astype(np.int64)
    model = TQNNPerceptron("shared", "eq33").fit(xi, y)
    spins = model.spins(xi)
    s2 = float(model.variances_[0, 0])
    mu = model.means_
    logits = spins @ (2 * mu / s2).T - np.sum(mu * mu, axis=1) / s2
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    soft = e / e.sum(axis=1, keepdims=True)
    proba = model.predict_proba(xi)
    gap = float(np.max(np.abs(soft - proba)))
    same = bool(np.array_equal(np.argmax(soft, axis=1), np.argmax(proba, axis=1)))
    return CheckResult(gap < 1e-9 and same, (f"max |p - softmax| = {gap:.1e}", same), ("< 1e-9", True))


def softmax_perceptron() -> CheckResult:
    """A softmax perceptron is the semiclassical TQNN with one shared width sigma, without
    Eq. 34's normalisation (M2 Eqs. 33-37; REFERENCES.md section 5).

    Example: 150 seeded synthetic samples, 3 classes, 6 edges.  The class probabilities
    ``|A_k|^2 / sum_m |A_m|^2`` must equal ``softmax(W x + b)`` with ``W_k = 2 jbar_k /
    sigma^2``, ``b_k = -|jbar_k|^2 / sigma^2`` computed here from the fitted means (to
    ``1e-9``), with identical decisions on every sample.
    """
    return _check_softmax(3, 6, 150, 5)


# --- bias <-> -|jbar|^2 / sigma^2 ----------------------------------------------------------------


def _check_bias(links: int, classes: int) -> CheckResult:
    import sympy

    d = derive_softmax_equivalence(links, classes)
    sigma = sympy.Symbol("sigma", positive=True)
    jbar = [sympy.Symbol(f"jbar_0_{i}", positive=True) for i in range(links)]
    expected_bias = -sum(j**2 for j in jbar) / sigma**2
    expected_weights = [2 * j / sigma**2 for j in jbar]
    lhs = (sympy.simplify(d.residual), sympy.simplify(d.softmax_residual), sympy.simplify(d.bias - expected_bias))
    lhs += tuple(sympy.simplify(w - e) for w, e in zip(d.weights, expected_weights, strict=True))
    return equal_pairs([(v, 0) for v in lhs])


def bias() -> CheckResult:
    """The bias of the perceptron is ``-|jbar_k|^2 / sigma^2``, the part of the Gaussian
    exponent that depends on the class only (M2 Eq. 33; REFERENCES.md section 5).

    Example: two links, two classes, in sympy with ``Delta`` an arbitrary positive
    function.  ``log |A_k|^2`` minus the class-independent part minus ``W_k x + b_k`` must
    simplify to 0 with ``b_k = -|jbar_k|^2 / sigma^2`` and ``W_k = 2 jbar_k / sigma^2``
    written here, and ``|A_k|^2 / sum |A_m|^2 - softmax_k`` must simplify to 0.
    """
    return _check_bias(2, 2)


# --- decision boundary <-> equal-amplitude locus -------------------------------------------------


def _bisect_eq34(a: Any, b: Any, sigma: Any) -> Any:
    """Independent root of the Eq. 34 score difference of two one-link classes."""

    def diff(x: Any) -> Any:
        def score(m: Any) -> Any:
            return (
                2 * mpmath.log(2 * x + 1)
                - (x - m) ** 2 / sigma**2
                - max(2 * mpmath.log(2 * x + 1), 2 * mpmath.log(2 * m + 1))
            )

        return score(a) - score(b)

    lo, hi = mpmath.mpf(min(a, b)), mpmath.mpf(max(a, b))
    for _ in range(200):
        mid = (lo + hi) / 2
        if (diff(lo) > 0) == (diff(mid) > 0):
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _check_decision_boundary(a: int, b: int, sigma: int) -> CheckResult:
    with mpmath.workdps(30):
        linear = decision_boundary(a, b, sigma)
        shifted = decision_boundary(a, b, sigma, "eq34")
        independent = _bisect_eq34(a, b, mpmath.mpf(sigma))
        ok_shift = bool(abs(shifted - independent) < mpmath.mpf(10) ** -20)
        moved = bool(abs(shifted - Fraction(a + b, 2)) > mpmath.mpf(10) ** -3)
    return equal_pairs([(linear, mpmath.mpf(a + b) / 2), ((ok_shift, moved), (True, True))])


def decision_boundary_shift() -> CheckResult:
    """A decision boundary is the locus of equal class amplitudes; Eq. 34's normalisation
    moves it off the linear one (M2 Eqs. 33-34).

    Example: one link, class means ``jbar = 2`` and ``10``, ``sigma = 2``.  Under Eq. 33 the
    boundary must be the midpoint 6 exactly (a linear classifier); under Eq. 34 it must be
    the root found here by an independent bisection (to ``1e-20``), away from 6 (6.2229).
    """
    return _check_decision_boundary(2, 10, 2)


# --- deep network <-> semiclassical (large-spin) limit -------------------------------------------


def _check_semiclassical(jbars: Sequence[int], sigma: int, offsets: Sequence[Fraction]) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    with mpmath.workdps(30):
        errors = []
        for jb in jbars:
            closed = mpmath.sqrt(1 + 2 * mpmath.mpf(sigma) ** 2 / (2 * mpmath.mpf(jb) + 1) ** 2) - 1
            for off in offsets:
                j = Fraction(jb) + off
                exact = coherent_coefficient(j, jb, sigma, dps=30)
                gauss = gaussian_coefficient(j, jb, sigma, dps=30)
                pairs.append((gauss / exact - 1, closed))
            errors.append(pairs[-len(offsets)][0])
        deviation = close_pairs(pairs, mpmath.mpf(10) ** -9)
        # the computed deviation falls like jbar^-2: each doubling of jbar divides it by about 4
        decay = close_pairs([(errors[i] / errors[i + 1], 4) for i in range(len(errors) - 1)], mpmath.mpf(1) / 8)
    return merge(deviation, decay)


def deep_neural_network() -> CheckResult:
    """A deep neural network is the semiclassical (large-spin) limit of a quantum neural
    network (M claim 2; M2 makes it concrete for the perceptron) -- proposed, checked here
    on its exact ingredient: the heat-kernel coherent amplitude tends to the Gaussian of Eq. 33.

    Example: ``sigma = 2``, peak spins ``jbar = 10, 20, 40, 80`` and spins ``jbar`` and
    ``jbar + 3/2``.  The ratio of Eq. 33's normalised Gaussian to the exact unit-normalised
    coherent amplitude must be ``sqrt(1 + 2 sigma^2 / (2 jbar + 1)^2)`` (Laplace's next
    term; to ``1e-9`` relative), so the deviation falls like ``jbar^-2``.
    """
    return _check_semiclassical((10, 20, 40, 80), 2, (Fraction(0), Fraction(3, 2)))
