"""The semiclassical TQNN perceptron against the softmax-linear classifier ((M2), Eqs. 33-37).

Each case is one seed: a seeded synthetic data set of edge colours
(:func:`tqft.semiclassical.perceptron.synthetic_data`, classes of different sizes, with the
number of classes and edges drawn from the seed), on which
:class:`~tqft.learning.tqnn.perceptron.TQNNPerceptron` is fitted with one shared sigma.
No external data and no optional dependency: the checks run with the core install.

* ``tqnn_shared_sigma_softmax``: with one shared sigma and Eq. 33 (no normalisation), the
  class of the largest amplitude is a best class of ``softmax(W x + b)``,
  ``W_k = 2 jbar_k / sigma^2``, ``b_k = -|jbar_k|^2 / sigma^2``, on every input; and the
  normalised amplitudes ``|A_k|^2 / sum_m |A_m|^2`` equal the softmax probabilities (to
  ``1e-9``: float64 arithmetic over a few dozen terms).  Per-class widths, or Eq. 34, would
  fail it.
* ``tqnn_eq34_region``: with Eq. 34, decisions still equal the softmax-linear ones on every
  input with ``P_x = prod Delta_x^2 >= max_k P_k`` (there ``max(P_x, P_k) = P_x`` for every
  class); the inputs include the data shifted by a constant large enough to be in that
  region, so the check is never vacuous.

Decisions are compared with ties allowed (a choice agrees when its linear logit is within
``1e-9`` relative of the best), as :func:`tqft.semiclassical.perceptron.classifier_agreement`
does.
"""

from __future__ import annotations

import random

import numpy as np

from ..learning.tqnn.perceptron import TQNNPerceptron, softmax_agreement
from ..semiclassical.perceptron import synthetic_data
from .core import CheckResult, Domain, integer, registrar

__all__ = ["case_data"]

_REFERENCE = "(M2) arXiv:2210.13741, Eqs. 33-37; Bianchi, Magliaro, Perini, PRD 82 (2010) 024012"


def case_data(name: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The seeded data of one case: integer colours ``(samples, edges)`` and labels."""
    rng = random.Random(f"{name}:{seed}")
    classes, links = rng.randint(2, 5), rng.randint(3, 12)
    x, y = synthetic_data(classes, links, 60 * classes, seed=rng.randrange(2**31))
    return x.astype(np.int64), y


def _shared_sigma_softmax(seed: int) -> CheckResult:
    x, y = case_data("tqnn_shared_sigma_softmax", seed)
    model = TQNNPerceptron("shared", "eq33").fit(x, y)
    agreement = softmax_agreement(model, x)
    # the probabilities, from W and b computed here (not through linear_classifier)
    spins = model.spins(x)
    s2 = float(model.variances_[0, 0])
    logits = spins @ (2 * model.means_ / s2).T - np.sum(model.means_**2, axis=1) / s2
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    gap = float(np.max(np.abs(e / e.sum(axis=1, keepdims=True) - model.predict_proba(x))))
    ok = agreement.agree == agreement.samples and gap < 1e-9
    return CheckResult(ok, (agreement.agree, f"gap {gap:.1e}"), (agreement.samples, "gap < 1e-9"))


def _eq34_region(seed: int) -> CheckResult:
    x, y = case_data("tqnn_eq34_region", seed)
    model = TQNNPerceptron("shared", "eq34").fit(x, y)
    # shift the inputs (colours) by a constant until every one has P_x >= max_k P_k
    log_pk = float(np.max(2 * np.log(2 * model.means_ + 1).sum(axis=1)))
    shift = 0
    while np.min(2 * np.log(x[:, model.edges_] + 2 * shift + 1).sum(axis=1)) < log_pk:
        shift += 1
    inputs = np.concatenate([x, x + 2 * shift])
    agreement = softmax_agreement(model, inputs)
    spins = model.spins(inputs)
    inside = 2 * np.log(2 * spins + 1).sum(axis=1) >= log_pk
    ok = agreement.disagreements_outside_region == 0 and int(inside.sum()) >= len(x)
    return CheckResult(
        ok,
        (agreement.disagreements_outside_region, f"{int(inside.sum())} inputs in the region"),
        (0, f">= {len(x)}"),
    )


_register = registrar(
    default_max_spin=5, random_max_spin=40, tags=("tqnn", "semiclassical"), domain=Domain((integer("seed", 0),))
)

_register(
    "tqnn_shared_sigma_softmax",
    "TQNN perceptron with one shared sigma (Eq. 33) = softmax(Wx + b), W = 2 jbar/sigma^2, b = -|jbar|^2/sigma^2",
    r"\arg\max_k |A_k(x)|^2 = \arg\max_k \big(W_k \cdot x + b_k\big),\quad"
    r"\frac{|A_k|^2}{\sum_m |A_m|^2} = \operatorname{softmax}(Wx + b)_k",
    _shared_sigma_softmax,
    _REFERENCE,
)

_register(
    "tqnn_eq34_region",
    "TQNN perceptron with Eq. 34 = softmax-linear wherever P_x >= max_k P_k",
    r"P_x \ge \max_k P_k \implies \arg\max_k \frac{|A_k(x)|^2}{\max(P_x, P_k)} = \arg\max_k (W_k \cdot x + b_k)",
    _eq34_region,
    _REFERENCE,
)
