"""The TQNN perceptron digits table (issue 8, items 3-4): accuracies, timings, anchors.

Run from the repository root (needs the ``tqnn`` extra: ``pip install -e '.[tqnn]'``)::

    python benchmarks/bench_tqnn.py            # digits and the 5,000-image MNIST sample
    python benchmarks/bench_tqnn.py --quick    # the digits table only

Prints the tables and writes ``benchmarks/results/tqnn.json`` (``--json PATH`` elsewhere).
Every time and ratio is measured in the same run on the same machine.

Target: each table (:func:`tqft.learning.tqnn.digits.digits_table`, one command) in under
5 minutes on 2 cores.

Anchors and extra measurements, on the same split and the same edge-colour features:

* scikit-learn's ``LogisticRegression`` (lbfgs, standardised features): its accuracy beside
  our softmax perceptron, and the fit + predict time ratios ``ours / sklearn`` for the TQNN
  perceptron and for the softmax perceptron;
* scikit-learn's ``GaussianNB``: per-class, per-edge Gaussians like the TQNN perceptron with
  per-class widths, but with the ``log sigma`` normalisation of a density and without the
  ``Delta`` factors and Eq. 34;
* the TQNN perceptron's accuracy against the pixel scale (raw pixels as colours, or rescaled
  to ``0..max_colour``) and against the variance floor;
* the three models over several split seeds (mean, min, max).

(M2)'s MNIST figures (TQNN perceptron 0.86, softmax perceptron 0.90, hard-sigmoid perceptron
0.87) are the paper's, on the full MNIST with its own split; they are printed for reference.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

import tqft
from tqft.learning.tqnn.baselines import SoftmaxPerceptron, TrainingConfig
from tqft.learning.tqnn.data import (
    DATASETS,
    edge_colours,
    load_digits_images,
    load_mnist_images,
    rescale_pixels,
    stratified_split,
)
from tqft.learning.tqnn.digits import PAPER_MNIST, digits_table
from tqft.learning.tqnn.perceptron import TQNNPerceptron

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 300.0


def timed(func: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = func()
    return time.perf_counter() - start, value


def features(dataset: str, max_colour: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    _, top, _ = DATASETS[dataset]
    images, y = (load_digits_images if dataset == "digits" else load_mnist_images)()
    return edge_colours(rescale_pixels(images, top, max_colour)), y


def anchors(dataset: str, seed: int = 0) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from sklearn.preprocessing import StandardScaler

    X, y = features(dataset)
    train, test = stratified_split(y, 0.2, seed)
    xtr, ytr, xte, yte = X[train], y[train], X[test], y[test]

    def sklearn_lr() -> float:
        scaler = StandardScaler().fit(xtr)
        model = LogisticRegression(max_iter=2000).fit(scaler.transform(xtr), ytr)
        return float(model.score(scaler.transform(xte), yte))

    t_lr, acc_lr = timed(sklearn_lr)
    t_nb, acc_nb = timed(lambda: float(GaussianNB().fit(xtr, ytr).score(xte, yte)))
    t_tqnn, acc_tqnn = timed(lambda: TQNNPerceptron().fit(xtr, ytr).score(xte, yte))
    t_soft, acc_soft = timed(lambda: SoftmaxPerceptron(TrainingConfig(seed=seed)).fit(xtr, ytr).score(xte, yte))
    return {
        "sklearn_logistic_regression": {"accuracy": acc_lr, "fit_predict_seconds": round(t_lr, 4)},
        "sklearn_gaussian_nb": {"accuracy": acc_nb, "fit_predict_seconds": round(t_nb, 4)},
        "tqnn_perceptron": {"accuracy": acc_tqnn, "fit_predict_seconds": round(t_tqnn, 4)},
        "softmax_perceptron": {"accuracy": acc_soft, "fit_predict_seconds": round(t_soft, 4)},
        "ratio_tqnn_over_sklearn_lr": round(t_tqnn / t_lr, 4),
        "ratio_softmax_over_sklearn_lr": round(t_soft / t_lr, 4),
    }


def scale_and_floor(dataset: str, seed: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = {"max_colour": {}, "variance_floor": {}}
    for max_colour in (None, 16, 4, 1):
        X, y = features(dataset, max_colour)
        train, test = stratified_split(y, 0.2, seed)
        acc = TQNNPerceptron().fit(X[train], y[train]).score(X[test], y[test])
        out["max_colour"][str(max_colour)] = acc
    X, y = features(dataset)
    train, test = stratified_split(y, 0.2, seed)
    for floor in (1 / 48, 0.25, 1.0, 4.0):
        acc = TQNNPerceptron(variance_floor=floor).fit(X[train], y[train]).score(X[test], y[test])
        out["variance_floor"][f"{floor:.4g}"] = acc
    return out


def seeds(dataset: str, count: int) -> dict[str, Any]:
    rows: dict[str, list[float]] = {}
    for seed in range(count):
        table = digits_table(seed, dataset)
        for row in table.rows:
            rows.setdefault(row.name, []).append(row.accuracy)
    return {
        name: {"mean": float(np.mean(v)), "min": float(np.min(v)), "max": float(np.max(v)), "seeds": count}
        for name, v in rows.items()
    }


def bench(dataset: str, seed_count: int) -> dict[str, Any]:
    wall, table = timed(lambda: digits_table(0, dataset))
    print(table.format())
    print(f"one command, wall clock: {wall:.2f} s (target <= {TARGET_SECONDS:.0f} s)\n")
    anchor = anchors(dataset)
    print(
        f"anchors: sklearn LogisticRegression {anchor['sklearn_logistic_regression']['accuracy']:.4f} "
        f"({anchor['sklearn_logistic_regression']['fit_predict_seconds']:.2f} s), "
        f"GaussianNB {anchor['sklearn_gaussian_nb']['accuracy']:.4f}; "
        f"time ratio TQNN / sklearn LR = {anchor['ratio_tqnn_over_sklearn_lr']:.3f}, "
        f"softmax perceptron / sklearn LR = {anchor['ratio_softmax_over_sklearn_lr']:.3f}"
    )
    sweep = scale_and_floor(dataset)
    print(f"TQNN perceptron vs pixel scale (max_colour): {sweep['max_colour']}")
    print(f"TQNN perceptron vs variance floor: {sweep['variance_floor']}")
    spread = seeds(dataset, seed_count)
    print(f"over {seed_count} split seeds:")
    for name, s in spread.items():
        print(f"  {name:<46} mean {s['mean']:.4f}  [{s['min']:.4f}, {s['max']:.4f}]")
    print()
    return {
        "table": table.to_dict(),
        "wall_seconds": round(wall, 3),
        "target_seconds": TARGET_SECONDS,
        "anchors": anchor,
        "scale_and_floor": sweep,
        "seeds": spread,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the digits table only")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "tqnn.json"))
    args = parser.parse_args(argv)
    import sklearn

    report: dict[str, Any] = {
        "tqft": tqft.__version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "paper_mnist": PAPER_MNIST,
        "paper_note": "(M2) arXiv:2210.13741 on the full 70,000-image MNIST, the paper's split; not measured here",
    }
    report["digits"] = bench("digits", 5)
    if not args.quick:
        report["mnist_5k"] = bench("mnist", 3)
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {path}")
    ok = all(report[k]["wall_seconds"] <= TARGET_SECONDS for k in ("digits", "mnist_5k") if k in report)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
