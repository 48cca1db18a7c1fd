"""The semiclassical TQNN perceptron of (M2), Eqs. 33-37, fitted to edge colours.

An input is the vector of edge colours ``a_l`` of a spin network (e.g. the hexagonal
encoding of an image, :mod:`tqft.learning.tqnn.data`); its spins are ``x_l = a_l / 2`` and
``Delta_{x} = 2x + 1`` (= ``a + 1``, the classical loop value).  For each class ``k`` the
training images give a mean spin ``jbar_kl`` on every edge (Eq. 35) and a variance
``sigma_kl^2`` (Eq. 36); with ``xi = 0`` (Eq. 37, planar data) the class amplitude is
Eq. 33 and the classifier picks the class with the largest (normalised) amplitude:

.. math:: \\log |A_k(x)|^2 = \\sum_l \\Big[ 2\\log\\Delta_{x_l}
   - \\frac{(x_l - \\bar j_{kl})^2}{\\sigma_{kl}^2} \\Big], \\qquad
   \\log s_k(x) = \\log |A_k(x)|^2 - \\max\\big(\\log P_x, \\log P_k\\big),

``P_x = prod_l Delta_{x_l}^2`` and ``P_k = prod_l Delta_{jbar_kl}^2`` (Eq. 34).
``normalisation="eq33"`` uses ``log |A_k|^2``, ``"eq34"`` (default) ``log s_k``.

Everything is evaluated in log space in numpy ``float64``: these scores are numerical, not
exact (an MNIST image has 2349 edges; ``|A_k|^2`` itself would under- or overflow, its
logarithm does not).  Class probabilities are the scores normalised over the classes,
``|A_k|^2 / sum_m |A_m|^2`` (a softmax of the log scores).

Widths (``sigma=``)
-------------------
* ``"per-class"`` (default): ``sigma_kl^2`` per class and edge, the population variance
  (``ddof = 0``) of the class's training spins on that edge.  With class-dependent widths the
  ``-x_l^2 / sigma_kl^2`` terms no longer cancel: a quadratic classifier (it is Gaussian naive
  Bayes without the ``log sigma`` normalisation of a density, plus the ``Delta`` factors).
* ``"shared"``: one ``sigma^2``, the within-class variance pooled over all samples and edges
  (:func:`tqft.semiclassical.perceptron.fit_classes`).  Then ``log |A_k|^2 = g(x) + W_k . x +
  b_k`` with ``W_k = 2 jbar_k / sigma^2``, ``b_k = -|jbar_k|^2 / sigma^2``: under ``"eq33"``
  the decisions are *exactly* those of ``softmax(W x + b)``
  (:func:`tqft.semiclassical.perceptron.linear_classifier`, :func:`softmax_agreement`);
  Eq. 34 breaks this where ``P_x < P_k`` for some class.

Zero variance
-------------
An edge whose colour is the same for every training image of a class has ``sigma_kl^2 =
0`` and Eq. 33 is then a delta function.  Policy (both parts are parameters):

* ``variance_floor`` (default ``1/48``): every variance is raised to at least this value.
  ``1/48`` is the variance of a uniform distribution over one colour step (a spin step of
  ``1/2``: ``(1/2)^2 / 12``), i.e. the spread that rounding to integer colours alone hides.
  Must be positive.
* ``drop_constant_edges`` (default ``True``): edges whose colour is the same in *every*
  training image (all classes) are removed before fitting.  Under ``"eq33"`` they cancel
  between classes anyway (every class has the same mean and floored width there), so the
  decisions do not change; under ``"eq34"`` they also drop out of ``P_x`` and ``P_k``.

References: (M2) arXiv:2210.13741, Eqs. 33-37; REFERENCES.md section 5;
:mod:`tqft.semiclassical.perceptron` for the derivation of the softmax equivalence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ...errors import InvalidArgumentError
from ...semiclassical import perceptron as _sc

__all__ = [
    "DEFAULT_VARIANCE_FLOOR",
    "NORMALISATIONS",
    "SIGMAS",
    "TQNNPerceptron",
    "colours_to_spins",
    "decision_changes",
    "log_amplitudes",
    "softmax_agreement",
]

NORMALISATIONS = ("eq34", "eq33")
SIGMAS = ("per-class", "shared")
#: the variance of a uniform distribution over one colour step (spin step 1/2)
DEFAULT_VARIANCE_FLOOR = 1.0 / 48.0
_CHUNK = 4_000_000  # elements of the (rows, classes, edges) temporary per block


def colours_to_spins(x: Any, name: str = "X") -> np.ndarray:
    """Edge colours ``a`` (non-negative integers, shape ``(samples, edges)``) as spins ``a / 2``.

    >>> colours_to_spins([[0, 1, 4]]).tolist()
    [[0.0, 0.5, 2.0]]
    """
    arr = np.asarray(x)
    if arr.ndim != 2:
        raise InvalidArgumentError(f"{name} must be a 2-d array (samples, edges) of colours; got shape {arr.shape}")
    if not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise InvalidArgumentError(f"{name} must hold colours (non-negative integers); got dtype {arr.dtype}")
    values = arr.astype(np.float64)
    if values.size and (not np.all(np.isfinite(values)) or values.min() < 0 or np.any(values != np.rint(values))):
        raise InvalidArgumentError(f"{name} must hold colours: non-negative integers (twice the spins)")
    return values / 2.0


def log_amplitudes(x: Any, means: Any, variances: Any, normalisation: str = "eq34") -> np.ndarray:
    """``log`` of the class scores for spins ``x`` ``(samples, L)``, class means ``(K, L)`` and
    per-class, per-edge variances ``(K, L)`` (or anything broadcastable to it): Eq. 33
    (``"eq33"``) or Eq. 33 over Eq. 34's ``max(P_x, P_k)`` (``"eq34"``), shape ``(samples, K)``.

    With one variance for every class and edge this is
    :func:`tqft.semiclassical.perceptron.scores` (same ``"eq33"`` / ``"eq34"``); here the
    quadratic term is accumulated in blocks of samples, so large inputs (MNIST: 2349 edges)
    need little memory.

    Spins ``(1, 2)`` against a class at the same point and one at the origin, unit widths:
    ``2 log(3 * 5)``, and the same minus ``|x|^2 = 5``:

    >>> s = log_amplitudes([[1.0, 2.0]], [[1.0, 2.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 1.0]], "eq33")
    >>> [round(v, 4) for v in s[0].tolist()]
    [5.4161, 0.4161]
    """
    if normalisation not in NORMALISATIONS:
        raise InvalidArgumentError(f"normalisation = {normalisation!r} must be one of {', '.join(NORMALISATIONS)}")
    xs = np.asarray(x, dtype=np.float64)
    mu = np.asarray(means, dtype=np.float64)
    var = np.broadcast_to(np.asarray(variances, dtype=np.float64), mu.shape)
    if xs.ndim != 2 or mu.ndim != 2 or xs.shape[1] != mu.shape[1]:
        raise InvalidArgumentError(f"x {xs.shape} and means {mu.shape} must be (samples, L) and (K, L)")
    if np.any(~(var > 0)):
        raise InvalidArgumentError("every variance must be positive (apply a variance floor)")
    inv = 1.0 / var
    log_px = 2.0 * np.log(2.0 * xs + 1.0).sum(axis=1)
    quad = np.empty((len(xs), len(mu)))
    step = max(1, _CHUNK // max(1, mu.size))
    for start in range(0, len(xs), step):
        block = xs[start : start + step, None, :] - mu[None, :, :]
        quad[start : start + step] = np.einsum("skl,kl->sk", block * block, inv)
    out = log_px[:, None] - quad
    if normalisation == "eq34":
        log_pk = 2.0 * np.log(2.0 * mu + 1.0).sum(axis=1)
        out = out - np.maximum(log_px[:, None], log_pk[None, :])
    return out


@dataclass(frozen=True)
class _Fit:
    classes: np.ndarray  # (K,) the labels
    edges: np.ndarray  # (L,) kept input columns
    means: np.ndarray  # (K, L) jbar, spins
    raw_variances: np.ndarray  # (K, L) Eq. 36 per class and edge, spins^2
    pooled_variance: float  # the shared sigma^2 before the floor
    n_features: int


class TQNNPerceptron:
    """The semiclassical TQNN perceptron of (M2), Eqs. 33-37 (see the module docstring).

    Parameters
    ----------
    sigma
        ``"per-class"`` (Eq. 36 per class and edge) or ``"shared"`` (one pooled sigma).
    normalisation
        ``"eq34"`` (default) or ``"eq33"`` (the unnormalised amplitude).
    variance_floor
        Lower bound for every variance, in spin units (default ``1/48``, one colour step).
    drop_constant_edges
        Remove edges constant over the whole training set before fitting.

    Examples
    --------
    >>> X = [[0, 2, 4], [0, 2, 6], [0, 8, 10], [0, 10, 10]]
    >>> clf = TQNNPerceptron().fit(X, [3, 3, 7, 7])
    >>> clf.predict([[0, 2, 5], [0, 9, 9]]).tolist()
    [3, 7]
    >>> clf.means_.tolist(), clf.edges_.tolist()
    ([[1.0, 2.5], [4.5, 5.0]], [1, 2])
    """

    def __init__(
        self,
        sigma: str = "per-class",
        normalisation: str = "eq34",
        variance_floor: float = DEFAULT_VARIANCE_FLOOR,
        drop_constant_edges: bool = True,
    ) -> None:
        if sigma not in SIGMAS:
            raise InvalidArgumentError(f"sigma = {sigma!r} must be one of {', '.join(SIGMAS)}")
        if normalisation not in NORMALISATIONS:
            raise InvalidArgumentError(f"normalisation = {normalisation!r} must be one of {', '.join(NORMALISATIONS)}")
        if (
            isinstance(variance_floor, bool)
            or not isinstance(variance_floor, (int, float))
            or not np.isfinite(variance_floor)
            or variance_floor <= 0
        ):
            raise InvalidArgumentError(f"variance_floor = {variance_floor!r} must be a positive number")
        self.sigma = sigma
        self.normalisation = normalisation
        self.variance_floor = float(variance_floor)
        self.drop_constant_edges = bool(drop_constant_edges)
        self._fit: _Fit | None = None

    def __repr__(self) -> str:
        return (
            f"TQNNPerceptron(sigma={self.sigma!r}, normalisation={self.normalisation!r}, "
            f"variance_floor={self.variance_floor!r}, drop_constant_edges={self.drop_constant_edges!r})"
        )

    # --- fitting ------------------------------------------------------------------------------

    def fit(self, X: Any, y: Any) -> TQNNPerceptron:
        """Eqs. 35-36 on training colours ``X`` ``(samples, edges)`` and labels ``y``."""
        xs = colours_to_spins(X)
        labels = np.asarray(y)
        if labels.ndim != 1 or len(labels) != len(xs):
            raise InvalidArgumentError(
                f"y must be 1-d with one label per row of X; got {labels.shape} for X {xs.shape}"
            )
        classes, index = np.unique(labels, return_inverse=True)
        if len(classes) < 2:
            raise InvalidArgumentError(f"y has {len(classes)} class: at least two are needed")
        edges = np.arange(xs.shape[1])
        if self.drop_constant_edges:
            edges = np.flatnonzero(np.any(xs != xs[:1], axis=0))
        if len(edges) == 0:
            raise InvalidArgumentError("every edge is constant over the training set: nothing to classify on")
        xk = xs[:, edges]
        try:
            model = _sc.fit_classes(xk, index)  # Eq. 35, and Eq. 36 pooled
            means, pooled = model.means, model.sigma**2
        except InvalidArgumentError:  # zero within-class variance everywhere: the floor decides
            means = np.stack([xk[index == k].mean(axis=0) for k in range(len(classes))])
            pooled = 0.0
        raw = np.stack([np.mean((xk[index == k] - means[k]) ** 2, axis=0) for k in range(len(classes))])
        self._fit = _Fit(classes, edges, means, raw, float(pooled), xs.shape[1])
        return self

    def _fitted(self) -> _Fit:
        if self._fit is None:
            raise InvalidArgumentError("this TQNNPerceptron is not fitted yet: call fit(X, y) first")
        return self._fit

    # --- fitted quantities (spin units) -------------------------------------------------------

    @property
    def classes_(self) -> np.ndarray:
        """The class labels, in the order of the score columns."""
        return self._fitted().classes

    @property
    def edges_(self) -> np.ndarray:
        """Indices of the input edges the model uses (all, unless constant edges are dropped)."""
        return self._fitted().edges

    @property
    def means_(self) -> np.ndarray:
        """``jbar_kl`` (Eq. 35), spins, shape ``(K, len(edges_))``."""
        return self._fitted().means

    @property
    def raw_variances_(self) -> np.ndarray:
        """``sigma_kl^2`` of Eq. 36 per class and edge, before the floor."""
        return self._fitted().raw_variances

    @property
    def variances_(self) -> np.ndarray:
        """The widths the scores use, ``(K, len(edges_))``: ``max(sigma_kl^2, floor)``, or the
        floored pooled ``sigma^2`` everywhere for ``sigma="shared"``."""
        fit = self._fitted()
        if self.sigma == "shared":
            return np.full(fit.means.shape, max(fit.pooled_variance, self.variance_floor))
        return np.maximum(fit.raw_variances, self.variance_floor)

    @property
    def zero_variance_(self) -> int:
        """How many (class, edge) pairs had ``sigma_kl^2 = 0`` before the floor."""
        return int(np.sum(self._fitted().raw_variances == 0))

    def class_model(self) -> _sc.ClassModel:
        """The shared-sigma model as a :class:`tqft.semiclassical.perceptron.ClassModel`
        (means over :attr:`edges_`, spins); only for ``sigma="shared"``."""
        if self.sigma != "shared":
            raise InvalidArgumentError("class_model() needs sigma='shared': per-class widths are not one ClassModel")
        fit = self._fitted()
        return _sc.ClassModel(fit.means, float(np.sqrt(max(fit.pooled_variance, self.variance_floor))))

    def linear_form(self) -> tuple[np.ndarray, np.ndarray]:
        """``(W, b)`` with ``W_k = 2 jbar_k / sigma^2``, ``b_k = -|jbar_k|^2 / sigma^2`` acting on
        the spins of :attr:`edges_` (``sigma="shared"`` only):
        :func:`tqft.semiclassical.perceptron.linear_classifier`."""
        return _sc.linear_classifier(self.class_model())

    def spins(self, X: Any) -> np.ndarray:
        """The spins of the used edges of colour vectors ``X``."""
        fit = self._fitted()
        xs = colours_to_spins(X)
        if xs.shape[1] != fit.n_features:
            raise InvalidArgumentError(f"X has {xs.shape[1]} edges; the model was fitted on {fit.n_features}")
        return xs[:, fit.edges]

    # --- scoring ------------------------------------------------------------------------------

    def decision_function(self, X: Any) -> np.ndarray:
        """``log`` scores ``(samples, K)``: Eq. 33 (``"eq33"``) or Eq. 33 / Eq. 34 (``"eq34"``)."""
        xs = self.spins(X)
        if self.sigma == "shared":  # tqft.semiclassical.perceptron.scores, in blocks of samples
            model = self.class_model()
            step = max(1, _CHUNK // max(1, model.means.size))
            blocks = [_sc.scores(xs[i : i + step], model, self.normalisation) for i in range(0, len(xs), step)]
            return np.concatenate(blocks) if blocks else np.empty((0, model.classes))
        return log_amplitudes(xs, self.means_, self.variances_, self.normalisation)

    def predict_proba(self, X: Any) -> np.ndarray:
        """The scores normalised over the classes, ``s_k / sum_m s_m``."""
        s = self.decision_function(X)
        e = np.exp(s - s.max(axis=1, keepdims=True))
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def predict(self, X: Any) -> np.ndarray:
        """The label of the largest score (the first class on an exact tie)."""
        return np.asarray(self.classes_[np.argmax(self.decision_function(X), axis=1)])

    def score(self, X: Any, y: Any) -> float:
        """Accuracy on ``(X, y)``."""
        return float(np.mean(self.predict(X) == np.asarray(y)))


def softmax_agreement(model: TQNNPerceptron, X: Any) -> _sc.Agreement:
    """How often a fitted shared-sigma model decides like ``softmax(W x + b)``
    (:func:`tqft.semiclassical.perceptron.classifier_agreement`, with the model's
    normalisation): fraction 1 for ``"eq33"``; for ``"eq34"`` the disagreements all lie
    where ``P_x < max_k P_k`` (``disagreements_outside_region == 0``)."""
    return _sc.classifier_agreement(model.spins(X), model.class_model(), model.normalisation)


def decision_changes(a: TQNNPerceptron, b: TQNNPerceptron, X: Any) -> float:
    """The fraction of inputs on which two fitted models decide differently.

    >>> X, y = [[0, 2], [2, 4], [8, 8], [10, 8]], [0, 0, 1, 1]
    >>> m33 = TQNNPerceptron(normalisation="eq33").fit(X, y)
    >>> decision_changes(m33, TQNNPerceptron().fit(X, y), X)
    0.0
    """
    pa, pb = a.predict(X), b.predict(X)
    return float(np.mean(pa != pb)) if len(pa) else 0.0
