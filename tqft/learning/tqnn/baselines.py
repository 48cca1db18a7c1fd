"""The trained single-layer baselines of (M2)'s comparison: softmax and hard-sigmoid perceptrons.

Both are one dense layer ``z = W u + b`` on the *standardised* input ``u = (x - mean) / std``
(mean and standard deviation of each feature over the training set; a feature constant on
the training set gets ``std = 1``), trained in numpy with Adam (Kingma & Ba, arXiv:1412.6980;
``beta = (0.9, 0.999)``, ``eps = 1e-8``) on shuffled minibatches, weights drawn from
``N(0, 0.01^2)``, biases zero, a small L2 penalty on ``W``.  A fixed ``seed`` makes the
initialisation and the shuffling, hence the model, reproducible.  Training uses one BLAS
thread (through threadpoolctl, which comes with scikit-learn, when it is installed).

* :class:`SoftmaxPerceptron`: multinomial logistic regression, ``p = softmax(z)``, mean
  cross-entropy loss; predicts ``argmax z``.
* :class:`HardSigmoidPerceptron`: ``o_k = hard_sigmoid(z_k) = clip(0.2 z_k + 0.5, 0, 1)`` (the
  piecewise-linear sigmoid of Keras and Courbariaux et al., arXiv:1511.00363), one output per
  class trained one-vs-rest against the one-hot targets with the mean squared error (the
  gradient flows where ``0 < 0.2 z + 0.5 < 1``); predicts ``argmax o`` with ties (saturated
  outputs) broken by the larger ``z`` -- which, the hard sigmoid being non-decreasing, is
  ``argmax z``.

(M2) reports a softmax perceptron and a hard-sigmoid perceptron on the same MNIST encoding but
their optimiser, loss, epochs and learning rate are not given in the text available to us:
the choices above (:class:`TrainingConfig`) are ours and documented as such.

>>> rng = np.random.default_rng(0)
>>> X = np.concatenate([rng.normal(0, 1, (40, 3)), rng.normal(3, 1, (40, 3))])
>>> y = np.repeat([0, 1], 40)
>>> SoftmaxPerceptron().fit(X, y).score(X, y) > 0.95, HardSigmoidPerceptron().fit(X, y).score(X, y) > 0.95
(True, True)
"""

from __future__ import annotations

import abc
import contextlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...errors import InvalidArgumentError

__all__ = ["HardSigmoidPerceptron", "SoftmaxPerceptron", "Standardiser", "TrainingConfig", "hard_sigmoid"]


@dataclass(frozen=True)
class TrainingConfig:
    """Minibatch Adam: ``epochs`` passes over the shuffled training set in batches of
    ``batch_size``, step ``learning_rate``, L2 penalty ``l2 |W|^2 / 2``, RNG ``seed``."""

    epochs: int = 30
    batch_size: int = 64
    learning_rate: float = 1e-3
    l2: float = 1e-4
    seed: int = 0

    def __post_init__(self) -> None:
        for name in ("epochs", "batch_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InvalidArgumentError(f"{name} = {value!r} must be a positive integer")
        for name, positive in (("learning_rate", True), ("l2", False)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not np.isfinite(value):
                raise InvalidArgumentError(f"{name} = {value!r} must be a finite number")
            if value < 0 or (positive and value == 0):
                raise InvalidArgumentError(f"{name} = {value!r} must be {'positive' if positive else 'non-negative'}")
        if not isinstance(self.seed, int) or isinstance(self.seed, bool):
            raise InvalidArgumentError(f"seed = {self.seed!r} must be an integer")


def hard_sigmoid(z: Any) -> np.ndarray:
    """``clip(0.2 z + 0.5, 0, 1)``.

    >>> hard_sigmoid([-3.0, 0.0, 1.0, 3.0]).tolist()
    [0.0, 0.5, 0.7, 1.0]
    """
    return np.clip(0.2 * np.asarray(z, dtype=np.float64) + 0.5, 0.0, 1.0)


class Standardiser:
    """Per-feature ``(x - mean) / std`` with the training set's mean and std (``std = 1``
    where a feature is constant)."""

    def fit(self, X: Any) -> Standardiser:
        x = np.asarray(X, dtype=np.float64)
        self.mean_ = x.mean(axis=0)
        std = x.std(axis=0)
        self.scale_ = np.where(std > 0, std, 1.0)
        return self

    def transform(self, X: Any) -> np.ndarray:
        return np.asarray((np.asarray(X, dtype=np.float64) - self.mean_) / self.scale_)


def _single_threaded_blas() -> contextlib.AbstractContextManager[Any]:
    """One BLAS thread while training, through threadpoolctl when it is installed (it comes
    with scikit-learn): the minibatch products are small, and on a loaded 2-core machine
    OpenBLAS threads make training several times slower."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - the tqnn extra brings it
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True))


class _LinearPerceptron(abc.ABC):
    """One dense layer on standardised inputs, trained by minibatch Adam; subclasses give
    the loss gradient with respect to ``z``."""

    name = "linear"

    def __init__(self, config: TrainingConfig | None = None) -> None:
        self.config = config if config is not None else TrainingConfig()
        self.loss_history_: list[float] = []

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.config!r})"

    @abc.abstractmethod
    def _loss_grad(self, z: np.ndarray, onehot: np.ndarray) -> tuple[float, np.ndarray]:
        """The mean loss of scores ``z`` against one-hot labels and its gradient in ``z``."""

    def fit(self, X: Any, y: Any) -> _LinearPerceptron:
        """Train on features ``X`` ``(samples, features)`` and labels ``y``."""
        x = np.asarray(X, dtype=np.float64)
        labels = np.asarray(y)
        if x.ndim != 2 or labels.ndim != 1 or len(labels) != len(x) or len(x) == 0:
            raise InvalidArgumentError(
                f"X must be (samples, features) and y (samples,); got {x.shape} and {labels.shape}"
            )
        if not np.all(np.isfinite(x)):
            raise InvalidArgumentError("X must be finite")
        self.classes_, index = np.unique(labels, return_inverse=True)
        if len(self.classes_) < 2:
            raise InvalidArgumentError("y must have at least two classes")
        cfg = self.config
        self.standardiser_ = Standardiser().fit(x)
        u = self.standardiser_.transform(x)
        d = u.shape[1]
        k = len(self.classes_)
        onehot = np.eye(k)[index]
        rng = np.random.default_rng(cfg.seed)
        params = [rng.normal(0.0, 0.01, (d, k)), np.zeros(k)]
        self.loss_history_ = []
        with _single_threaded_blas():
            self._train(u, onehot, params, rng)
        self.coef_, self.intercept_ = params
        return self

    def _train(self, u: np.ndarray, onehot: np.ndarray, params: list[np.ndarray], rng: np.random.Generator) -> None:
        cfg = self.config
        n = len(u)
        m1 = [np.zeros_like(p) for p in params]
        m2 = [np.zeros_like(p) for p in params]
        b1, b2, eps = 0.9, 0.999, 1e-8
        step = 0
        for _ in range(cfg.epochs):
            order = rng.permutation(n)
            total = 0.0
            for start in range(0, n, cfg.batch_size):
                batch = order[start : start + cfg.batch_size]
                ub = u[batch]
                z = ub @ params[0] + params[1]
                loss, dz = self._loss_grad(z, onehot[batch])
                total += loss * len(batch)
                grads = [ub.T @ dz / len(batch) + cfg.l2 * params[0], dz.mean(axis=0)]
                step += 1
                for i, g in enumerate(grads):
                    m1[i] = b1 * m1[i] + (1 - b1) * g
                    m2[i] = b2 * m2[i] + (1 - b2) * g * g
                    hat1 = m1[i] / (1 - b1**step)
                    hat2 = m2[i] / (1 - b2**step)
                    params[i] = params[i] - cfg.learning_rate * hat1 / (np.sqrt(hat2) + eps)
            self.loss_history_.append(total / n)

    def decision_function(self, X: Any) -> np.ndarray:
        """The pre-activations ``z = W u + b``, shape ``(samples, K)``."""
        if not hasattr(self, "coef_"):
            raise InvalidArgumentError(f"this {type(self).__name__} is not fitted yet: call fit(X, y) first")
        x = np.asarray(X, dtype=np.float64)
        if x.ndim != 2 or x.shape[1] != self.coef_.shape[0]:
            raise InvalidArgumentError(f"X must be (samples, {self.coef_.shape[0]}); got {x.shape}")
        return np.asarray(self.standardiser_.transform(x) @ self.coef_ + self.intercept_)

    def predict(self, X: Any) -> np.ndarray:
        """The predicted labels."""
        z = self.decision_function(X)
        return np.asarray(self.classes_[np.argmax(z, axis=1)])

    def score(self, X: Any, y: Any) -> float:
        """Accuracy on ``(X, y)``."""
        return float(np.mean(self.predict(X) == np.asarray(y)))


class SoftmaxPerceptron(_LinearPerceptron):
    """Multinomial logistic regression trained by minibatch Adam (see the module docstring)."""

    name = "softmax perceptron"

    def _loss_grad(self, z: np.ndarray, onehot: np.ndarray) -> tuple[float, np.ndarray]:
        p = _softmax(z)
        loss = float(-np.mean(np.log(np.sum(p * onehot, axis=1) + 1e-300)))
        return loss, p - onehot

    def predict_proba(self, X: Any) -> np.ndarray:
        """``softmax(z)``."""
        return _softmax(self.decision_function(X))


class HardSigmoidPerceptron(_LinearPerceptron):
    """One-vs-rest hard-sigmoid outputs trained on the mean squared error (module docstring)."""

    name = "hard-sigmoid perceptron"

    def _loss_grad(self, z: np.ndarray, onehot: np.ndarray) -> tuple[float, np.ndarray]:
        out = hard_sigmoid(z)
        diff = out - onehot
        linear = (z > -2.5) & (z < 2.5)  # where 0 < 0.2 z + 0.5 < 1
        loss = float(np.mean(np.sum(diff * diff, axis=1)))
        return loss, 2.0 * diff * 0.2 * linear

    def predict_proba(self, X: Any) -> np.ndarray:
        """The hard-sigmoid outputs (not normalised over the classes)."""
        return hard_sigmoid(self.decision_function(X))
