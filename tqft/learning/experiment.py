"""The inductive-bias experiment: channel allocation decides which correlations a ConvAC learns.

Levine et al. (ICLR 2018, arXiv:1704.01552, "(L)", Sec. 8) train networks of equal size
with a *wide base* (wide early layers) or a *wide tip* (wide deep layers) on a task that
needs short-range correlations and on one that needs long-range correlations; the min-cut
analysis predicts that the wide base wins the first and the wide tip the second.  This
module repeats the experiment with actual ConvACs (product pooling, as in the theory, not
ReLU networks) on a synthetic 1D task where the two kinds of correlation are explicit.

Model (:class:`LogConvAC`)
--------------------------
Tokens ``x_i`` in ``{0 .. V-1}``, ``N = 2^L`` of them; representation ``f_d(x) = exp(E[x, d])``
(learned, ``M`` functions); layer ``l``: 1x1 convolution with ``r_l`` channels and weights
``exp(W_l)`` (positive, shared over positions), then product pooling over pairs; output
``h_y = sum_alpha exp(W_out[y, alpha]) pool_{L-1}(alpha)``.  Everything is computed in log
space -- a convolution is a log-sum-exp, a product pooling a sum -- so nothing overflows
for any depth.  Positive weights keep the logarithms real; generic positive weights have
the same generic ranks as signed ones.  Gradients are exact backpropagation (checked
against finite differences in the tests); training is Adam on softmax cross-entropy.

Tasks (:func:`make_task`)
-------------------------
``"local"``
    ``x_{2j}`` and ``x_{2j+1}`` (siblings of the first pooling) *match* for many pairs
    (label 1: at least ``N/2 - N/8`` of the ``N/2`` pairs) or for few (label 0: at most
    ``N/8``).  A match of two ``V``-ary tokens is a rank-``V`` function of the pair, so
    the network needs entanglement across the *interleaved* partition, whose min-cut is
    ``min(M, r_0)^(N/2)``: it needs ``r_0 >= V``.
``"global"``
    Label 1 when the two halves hold the same number of odd tokens, label 0 when the
    counts differ by at least ``gap`` (default 4).  This couples the two halves only through the root:
    the *left-right* min-cut, ``min(r_{L-1}, r_{L-2}, r_{L-3}^2, ..)``, limits it, while one
    bit per token (rank 2) suffices at the base.  (Shared weights with product pooling make
    every score invariant under swapping siblings, so the task is chosen invariant too:
    pairing token ``i`` with token ``i + N/2`` would not be learnable by any allocation.)

Allocations (:data:`ALLOCATIONS`): ``N = 16``, ``V = M = 4``, two classes, wide base
``(8, 6, 3, 2)`` and wide tip ``(2, 2, 8, 8)``, both exactly 108 weights.

Protocol (:func:`run_experiment`): 20,000 training and 4,000 test samples per task; for
each task and allocation, ``restarts = 6`` seeded initialisations, each trained 3000 Adam
steps (learning rate 0.01, batch 128); the restart with the best *training* accuracy is
selected and its *test* accuracy reported, with the median and every restart's test
accuracy alongside.  Product networks trained from random starts sometimes stay at chance
level on these tasks (the gradient of a correlation-only task vanishes at a random start),
so a best-of-restarts protocol, identical for both allocations, measures what the
architecture can learn rather than one draw.

Result of the default run (``tqft entanglement-experiment``, about 3 minutes on two cores;
see ``docs/entanglement.rst``): local task, wide base 0.999 against wide tip 0.816; global
task, wide tip 0.965 against wide base 0.736 -- the ordering the min-cuts predict.
"""

from __future__ import annotations

import concurrent.futures as cf
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from .convac import convac
from .mincut import min_cut
from .partitions import interleaved, left_right

__all__ = [
    "ALLOCATIONS",
    "ExperimentResult",
    "LogConvAC",
    "TrainResult",
    "make_task",
    "run_experiment",
    "train",
]

#: the two allocations of the default experiment (N = 16, M = V = 4, Y = 2: 108 weights each)
ALLOCATIONS: dict[str, tuple[int, ...]] = {"wide base": (8, 6, 3, 2), "wide tip": (2, 2, 8, 8)}
TASKS = ("local", "global")


def _lse(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """log-sum-exp over the last axis and the softmax weights (its gradient)."""
    m = a.max(axis=-1, keepdims=True)
    e = np.exp(a - m)
    s = e.sum(axis=-1, keepdims=True)
    return (m + np.log(s))[..., 0], e / s


class LogConvAC:
    """A ConvAC with positive shared weights, evaluated in log space.

    Parameters: ``E`` (``V x M``, log representation values), ``W0 .. W{L-1}``
    (``r_l x r_{l-1}``, log conv weights, ``r_{-1} = M``) and ``out`` (``Y x r_{L-1}``);
    pooling windows of 2.  ``log h_y(x)`` is :meth:`forward`'s output.

    >>> net = LogConvAC(8, vocab=3, reps=3, channels=(3, 2, 2), classes=2, seed=0)
    >>> net.forward(np.zeros((1, 8), dtype=int))[0].shape
    (1, 2)
    >>> net.parameter_count()
    23
    """

    def __init__(
        self,
        inputs: int,
        vocab: int,
        reps: int,
        channels: Sequence[int],
        classes: int = 2,
        *,
        seed: int = 0,
        init_scale: float = 1.0,
    ) -> None:
        self.model = convac(inputs, tuple(channels), reps)  # validates sizes (window 2)
        if vocab < 1 or classes < 2:
            raise InvalidArgumentError(f"vocab = {vocab} must be >= 1 and classes = {classes} >= 2")
        rng = np.random.default_rng(seed)
        dims = (reps, *channels)
        self.params: dict[str, np.ndarray] = {"E": rng.normal(0.0, init_scale, (vocab, reps))}
        for level in range(len(channels)):
            self.params[f"W{level}"] = rng.normal(0.0, init_scale, (dims[level + 1], dims[level]))
        self.params["out"] = rng.normal(0.0, init_scale, (classes, dims[-1]))
        self.layers = len(channels)

    def parameter_count(self) -> int:
        """Weights excluding the representation table ``E`` (as in
        :meth:`~tqft.learning.convac.ConvAC.parameter_count` with ``shared=True``)."""
        return sum(v.size for k, v in self.params.items() if k != "E")

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
        """Log scores ``(batch, classes)`` and the cache for :meth:`gradients`."""
        h = self.params["E"][x]  # (B, n, M)
        cache = []
        for level in range(self.layers):
            out, soft = _lse(h[..., None, :] + self.params[f"W{level}"])  # (B, n, r)
            cache.append((h, soft))
            b, n, r = out.shape
            h = out.reshape(b, n // 2, 2, r).sum(axis=2)
        h = h[:, 0, :]
        scores, soft = _lse(h[:, None, :] + self.params["out"])
        cache.append((h, soft))
        return scores, cache

    def loss_and_gradients(self, x: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
        """Mean softmax cross-entropy and its exact gradient (backpropagation through the
        log-sum-exps: the gradient of ``log sum exp z`` is ``softmax z``)."""
        scores, cache = self.forward(x)
        total, prob = _lse(scores)
        rows = np.arange(len(y))
        loss = float((total - scores[rows, y]).mean())
        g = prob.copy()
        g[rows, y] -= 1.0
        g /= len(y)
        grads: dict[str, np.ndarray] = {}
        _, soft = cache[-1]
        gz = g[:, :, None] * soft  # (B, Y, r)
        grads["out"] = gz.sum(axis=0)
        gh = gz.sum(axis=1)[:, None, :]  # (B, 1, r)
        for level in range(self.layers - 1, -1, -1):
            _, soft = cache[level]
            gout = np.repeat(gh, 2, axis=1)  # product pooling: each child receives the parent's gradient
            gz = gout[..., None] * soft  # (B, n, r, d)
            grads[f"W{level}"] = gz.sum(axis=(0, 1))
            gh = gz.sum(axis=2)
        ge = np.zeros_like(self.params["E"])
        np.add.at(ge, x, gh)
        grads["E"] = ge
        return loss, grads

    def accuracy(self, x: np.ndarray, y: np.ndarray) -> float:
        """Fraction of ``x`` classified as ``y``."""
        return float((self.forward(x)[0].argmax(axis=1) == y).mean())


def make_task(
    task: str, inputs: int, vocab: int, samples: int, seed: int = 0, gap: int = 4
) -> tuple[np.ndarray, np.ndarray]:
    """``(x, y)`` for ``"local"`` or ``"global"`` (see the module docstring), classes
    balanced by construction.

    >>> x, y = make_task("local", 8, 4, 5, seed=1)
    >>> x.shape, sorted(set(y.tolist())) <= [0, 1]
    ((5, 8), True)
    """
    if task not in TASKS:
        raise InvalidArgumentError(f"task = {task!r} must be one of {TASKS}")
    if inputs % 2 or inputs < 4:
        raise InvalidArgumentError(f"inputs = {inputs} must be even and at least 4")
    if vocab < 2 or (task == "global" and vocab % 2):
        raise InvalidArgumentError(f"vocab = {vocab} must be >= 2 (and even for the global task)")
    rng = np.random.default_rng(seed)
    half = inputs // 2
    x = rng.integers(0, vocab, size=(samples, inputs))
    y = rng.integers(0, 2, size=samples)
    if task == "local":
        lo, hi = inputs // 8, half - inputs // 8
        for t in range(samples):
            m = int(rng.integers(hi, half + 1)) if y[t] else int(rng.integers(0, lo + 1))
            chosen = set(rng.choice(half, m, replace=False).tolist())
            for j in range(half):
                a = x[t, 2 * j]
                if j in chosen:
                    x[t, 2 * j + 1] = a
                else:
                    x[t, 2 * j + 1] = (a + rng.integers(1, vocab)) % vocab
        return x, y
    if gap < 1 or gap > half:
        raise InvalidArgumentError(f"gap = {gap} must be between 1 and {half}")
    for t in range(samples):
        while True:
            cl, cr = int(rng.integers(0, half + 1)), int(rng.integers(0, half + 1))
            if y[t]:
                cr = cl
                break
            if abs(cl - cr) >= gap:
                break
        bits = np.zeros(inputs, dtype=np.int64)
        bits[rng.choice(half, cl, replace=False)] = 1
        bits[half + rng.choice(half, cr, replace=False)] = 1
        x[t] = 2 * rng.integers(0, vocab // 2, size=inputs) + bits
    return x, y


@dataclass(frozen=True)
class TrainResult:
    """One training run: final training loss, training and test accuracy, seconds."""

    loss: float
    train_accuracy: float
    test_accuracy: float
    seconds: float


def train(
    net: LogConvAC,
    data: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    *,
    steps: int = 3000,
    lr: float = 0.01,
    batch: int = 128,
    seed: int = 0,
) -> TrainResult:
    """Adam (``beta = 0.9, 0.999``) on minibatches; ``data = (x_train, y_train, x_test, y_test)``.
    Training accuracy is measured on the first 4000 training samples."""
    start = time.perf_counter()
    xtr, ytr, xte, yte = data
    rng = np.random.default_rng(seed)
    mom = {k: np.zeros_like(v) for k, v in net.params.items()}
    sq = {k: np.zeros_like(v) for k, v in net.params.items()}
    loss = float("nan")
    for t in range(1, steps + 1):
        idx = rng.integers(0, len(ytr), batch)
        loss, grads = net.loss_and_gradients(xtr[idx], ytr[idx])
        for k, g in grads.items():
            mom[k] = 0.9 * mom[k] + 0.1 * g
            sq[k] = 0.999 * sq[k] + 0.001 * g * g
            net.params[k] -= lr * (mom[k] / (1 - 0.9**t)) / (np.sqrt(sq[k] / (1 - 0.999**t)) + 1e-8)
    return TrainResult(loss, net.accuracy(xtr[:4000], ytr[:4000]), net.accuracy(xte, yte), time.perf_counter() - start)


@dataclass(frozen=True)
class ExperimentResult:
    """Rows ``(task, allocation name, channels, parameters, interleaved min-cut, left-right
    min-cut, selected test accuracy, median test accuracy, all test accuracies)``, and the
    settings used."""

    rows: tuple[dict[str, Any], ...]
    settings: dict[str, Any] = field(default_factory=dict)

    def table(self) -> str:
        """A plain-text table."""
        head = f"{'task':7s} {'allocation':10s} {'channels':14s} {'params':>6s} {'cut(inter)':>10s} {'cut(L-R)':>8s}"
        head += f" {'test acc':>8s} {'median':>7s}  restarts"
        lines = [head]
        for r in self.rows:
            accs = " ".join(f"{a:.3f}" for a in r["test_accuracies"])
            lines.append(
                f"{r['task']:7s} {r['allocation']:10s} {','.join(map(str, r['channels'])):14s} {r['parameters']:6d} "
                f"{r['cut_interleaved']:10d} {r['cut_left_right']:8d} {r['test_accuracy']:8.3f} "
                f"{r['median_test_accuracy']:7.3f}  {accs}"
            )
        return "\n".join(lines)

    def prediction_holds(self) -> bool:
        """Wide base beats wide tip on ``local`` and wide tip beats wide base on ``global``
        (selected test accuracies), for the default allocation names."""
        acc = {(r["task"], r["allocation"]): r["test_accuracy"] for r in self.rows}
        try:
            return bool(
                acc["local", "wide base"] > acc["local", "wide tip"]
                and acc["global", "wide tip"] > acc["global", "wide base"]
            )
        except KeyError:
            return False


def _job(args: tuple[str, tuple[int, ...], int, int, int, int, int, int, float, int, int]) -> TrainResult:
    task, channels, inputs, vocab, train_n, test_n, steps, restart, lr, data_seed, gap = args
    xtr, ytr = make_task(task, inputs, vocab, train_n, seed=data_seed, gap=gap)
    xte, yte = make_task(task, inputs, vocab, test_n, seed=data_seed + 1, gap=gap)
    net = LogConvAC(inputs, vocab, vocab, channels, 2, seed=1000 + restart)
    return train(net, (xtr, ytr, xte, yte), steps=steps, lr=lr, seed=restart)


def run_experiment(
    *,
    inputs: int = 16,
    vocab: int = 4,
    allocations: dict[str, tuple[int, ...]] | None = None,
    tasks: Sequence[str] = TASKS,
    train_samples: int = 20_000,
    test_samples: int = 4_000,
    steps: int = 3000,
    restarts: int = 6,
    lr: float = 0.01,
    gap: int = 4,
    seed: int = 0,
    executor: cf.Executor | None = None,
    jobs: int | None = None,
    progress: bool = False,
) -> ExperimentResult:
    """Train every allocation on every task (``restarts`` seeded runs each) and report.

    ``executor``: any :class:`concurrent.futures.Executor` (default: a process pool with
    ``jobs`` workers; ``jobs=1`` runs in this process).  Ctrl-C stops the run (the
    exception propagates after pending jobs are cancelled).  The default settings are the
    documented experiment (about three minutes on two cores).
    """
    allocs = dict(ALLOCATIONS if allocations is None else allocations)
    for task in tasks:
        if task not in TASKS:
            raise InvalidArgumentError(f"task = {task!r} must be one of {TASKS}")
    if restarts < 1 or steps < 1:
        raise InvalidArgumentError(f"restarts = {restarts} and steps = {steps} must be positive")
    work = [
        (task, name, r, (task, tuple(ch), inputs, vocab, train_samples, test_samples, steps, r, lr, seed, gap))
        for task in tasks
        for name, ch in allocs.items()
        for r in range(restarts)
    ]
    results: dict[tuple[str, str, int], TrainResult] = {}
    own = executor is None and (jobs or 2) > 1
    pool: cf.Executor | None = cf.ProcessPoolExecutor(max_workers=jobs) if own else executor
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(work), desc="experiment", unit="run")
    try:
        if pool is None:
            for task, name, r, args in work:
                results[task, name, r] = _job(args)
                if bar is not None:
                    bar.update()
        else:
            futures = {pool.submit(_job, args): (task, name, r) for task, name, r, args in work}
            try:
                for fut in cf.as_completed(futures):
                    results[futures[fut]] = fut.result()
                    if bar is not None:
                        bar.update()
            except KeyboardInterrupt:
                for fut in futures:
                    fut.cancel()
                raise
    finally:
        if bar is not None:
            bar.close()
        if own and pool is not None:
            pool.shutdown(cancel_futures=True)
    rows = []
    for task in tasks:
        for name, ch in allocs.items():
            runs = [results[task, name, r] for r in range(restarts)]
            chosen = max(runs, key=lambda t: (t.train_accuracy, -t.loss))
            net = convac(inputs, tuple(ch), vocab)
            rows.append(
                {
                    "task": task,
                    "allocation": name,
                    "channels": list(ch),
                    "parameters": net.parameter_count(classes=2, shared=True),
                    "cut_interleaved": min_cut(net, interleaved(inputs)).value,
                    "cut_left_right": min_cut(net, left_right(inputs)).value,
                    "test_accuracy": chosen.test_accuracy,
                    "train_accuracy": chosen.train_accuracy,
                    "median_test_accuracy": float(np.median([t.test_accuracy for t in runs])),
                    "test_accuracies": [t.test_accuracy for t in runs],
                    "seconds": sum(t.seconds for t in runs),
                }
            )
    settings = {
        "inputs": inputs,
        "vocab": vocab,
        "reps": vocab,
        "train_samples": train_samples,
        "test_samples": test_samples,
        "steps": steps,
        "restarts": restarts,
        "lr": lr,
        "gap": gap,
        "seed": seed,
        "batch": 128,
    }
    return ExperimentResult(tuple(rows), settings)
