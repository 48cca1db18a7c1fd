"""Channel allocation as an inductive bias: choose ``r_0 .. r_{L-1}`` under a budget.

Levine et al. (ICLR 2018, arXiv:1704.01552, "(L)", Sec. 6-7 and the design
consequence of Claim 1) read the min-cut bound as a design rule: the entanglement a
ConvAC can express across a partition is at most its min-cut, and which channels the
min-cut runs through depends on the partition.  For pooling window 2 and ``N = 2^L``:

* interleaved (short-range) partition: ``min-cut = min(M, r_0)^(N/2)`` -- only the first
  layer matters;
* left-right (long-range) partition:
  ``min-cut = min(r_{L-1}, r_{L-2}, r_{L-3}^2, r_{L-4}^4, .., r_0^(N/4), M^(N/2))`` -- the
  deepest layers are the bottleneck;
* segments of length ``xi = 2^k``: ``c_k^(N/(2 xi))`` with ``c_k = min(r_k, r_{k-1},
  r_{k-2}^2, .., M^xi)`` (``r_L`` absent) -- the layers around level ``k``.

(These closed forms are checked against the graph min-cut in the tests.)  So wide early
layers serve short-range correlations and wide deep layers long-range ones.

:func:`design_channels` searches channel tuples drawn from ``values`` whose parameter
count fits ``budget`` and maximises the weighted product ``prod_P bound_P^(w_P)`` of the
min-cut bounds of the partitions of interest (equivalently ``sum_P w_P log bound_P``,
compared exactly as integers).  Because every min-cut is non-decreasing in every ``r_l``,
only *maximal* tuples (no single channel can move to the next value within the budget)
are evaluated; the best ones are then *trimmed* (channels lowered while the score holds)
so that the answer shows where width is needed.  Ties are broken by fewer parameters,
then lexicographically.

>>> from tqft.learning import interleaved, left_right
>>> short = design_channels(16, [interleaved(16)], budget=60, values=(1, 2, 4, 8), reps=4)
>>> long = design_channels(16, [left_right(16)], budget=60, values=(1, 2, 4, 8), reps=4)
>>> short.best.channels, long.best.channels
((4, 1, 1, 1), (2, 2, 4, 4))
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..errors import CostLimitError, InvalidArgumentError
from .convac import ConvAC, convac
from .mincut import min_cut
from .partitions import Partition

__all__ = ["Allocation", "DesignResult", "design_channels", "parameter_count"]

#: default cap on the number of maximal allocations evaluated
MAX_CANDIDATES = 200_000


@dataclass(frozen=True)
class Allocation:
    """One channel allocation: its channels, parameter count, the min-cut bound for each
    partition (in the order given), and the score ``prod bound_P^(w_P)`` (exact)."""

    channels: tuple[int, ...]
    parameters: int
    bounds: tuple[int, ...]
    score: int

    @property
    def log2_score(self) -> float:
        """``log2(score)`` for display (the comparison itself is exact)."""
        return math.log2(self.score) if self.score > 0 else float("-inf")


@dataclass(frozen=True)
class DesignResult:
    """The search: ``best`` allocation, the ``top`` ones (best first), ``evaluated``
    candidates, and the partition names."""

    best: Allocation
    top: tuple[Allocation, ...]
    evaluated: int
    partitions: tuple[str, ...]
    budget: int


def parameter_count(reps: int, channels: Sequence[int], sizes: Sequence[int], classes: int, shared: bool) -> int:
    """Weights of a ConvAC: ``sum_l s_l r_{l-1} r_l + Y r_{L-1}`` (``r_{-1} = M``), with
    ``s_l = 1`` for shared (convolutional) weights or ``s_l = N_l`` positions otherwise.
    (Same convention as :meth:`~tqft.learning.convac.ConvAC.parameter_count`.)"""
    dims = (reps, *channels)
    total = sum((1 if shared else sizes[level]) * dims[level] * dims[level + 1] for level in range(len(channels)))
    return total + classes * channels[-1]


def _maximal(
    values: Sequence[int], layers: int, reps: int, sizes: Sequence[int], classes: int, shared: bool, budget: int
) -> Iterator[tuple[int, ...]]:
    """Channel tuples within the budget that cannot raise one channel to the next value."""
    vals = sorted(set(values))
    low = vals[0]

    def cost(ch: Sequence[int]) -> int:
        return parameter_count(reps, ch, sizes, classes, shared)

    def rec(prefix: list[int]) -> Iterator[tuple[int, ...]]:
        k = len(prefix)
        if k == layers:
            yield tuple(prefix)
            return
        for v in vals:
            trial = [*prefix, v] + [low] * (layers - k - 1)
            if cost(trial) > budget:
                break
            prefix.append(v)
            yield from rec(prefix)
            prefix.pop()

    for ch in rec([]):
        if cost(ch) > budget:
            continue
        maximal = True
        for i, v in enumerate(ch):
            nxt = [x for x in vals if x > v]
            if nxt and cost((*ch[:i], nxt[0], *ch[i + 1 :])) <= budget:
                maximal = False
                break
        if maximal:
            yield ch


def design_channels(
    inputs: int,
    partitions: Sequence[Partition] | Mapping[str, Partition],
    budget: int,
    *,
    values: Sequence[int] = (1, 2, 3, 4, 6, 8, 12, 16),
    importance: Sequence[int] | None = None,
    reps: int = 2,
    window: int | Sequence[int] = 2,
    order: Sequence[int] | None = None,
    shared: bool = True,
    classes: int = 1,
    top: int = 5,
    max_candidates: int = MAX_CANDIDATES,
    progress: bool = False,
    trim: bool = True,
) -> DesignResult:
    """Channel numbers maximising the weighted min-cuts of ``partitions`` within ``budget``.

    Parameters
    ----------
    inputs, reps, window, order
        The network (see :func:`~tqft.learning.convac.convac`); ``L = len(channels)`` is
        fixed by ``inputs`` and ``window``.
    partitions
        The partitions of interest (a sequence, or a mapping name -> partition).
    budget
        Maximum number of weights (:func:`parameter_count`, ``shared`` and ``classes`` as
        given).
    values
        Allowed channel numbers.
    importance
        Non-negative integer weight ``w_P`` per partition (default all 1): the score is
        ``prod_P bound_P^(w_P)`` (Claim 7 min-cuts, exact).
    top
        How many allocations to keep in the result.
    max_candidates, progress
        Cost limit on the number of maximal allocations (raises
        :class:`~tqft.errors.CostLimitError` when exceeded) and a tqdm progress bar.
    trim
        Lower the channels of the best allocations one step at a time, deepest layer first,
        while the score is unchanged: the result then shows which layers the min-cuts
        actually use (default ``True``).  Without it the best *maximal* allocation is
        returned, which spends leftover budget where it does not matter.
    """
    if isinstance(partitions, Mapping):
        names = tuple(str(k) for k in partitions)
        parts = tuple(partitions.values())
    else:
        parts = tuple(partitions)
        names = tuple(p.name or p.to_string() for p in parts)
    if not parts:
        raise InvalidArgumentError("partitions is empty: give at least one partition of interest")
    w = tuple(1 for _ in parts) if importance is None else tuple(importance)
    if len(w) != len(parts) or any(not isinstance(x, int) or x < 0 for x in w):
        raise InvalidArgumentError(f"importance = {importance!r} must be one non-negative integer per partition")
    if not values or any(not isinstance(v, int) or v < 1 for v in values):
        raise InvalidArgumentError(f"values = {values!r} must be positive integers")
    probe = convac(inputs, (1,) * _layers(inputs, window), reps, window, order)
    sizes = probe.level_sizes
    minimum = parameter_count(reps, (min(values),) * probe.layers, sizes, classes, shared)
    if budget < minimum:
        raise InvalidArgumentError(
            f"budget = {budget} is below the smallest allocation's {minimum} parameters (all channels {min(values)})"
        )
    candidates = list(_maximal(values, probe.layers, reps, sizes, classes, shared, budget))
    if len(candidates) > max_candidates:
        raise CostLimitError(
            f"{len(candidates):,} maximal allocations > max_candidates = {max_candidates:,}; use fewer values"
        )
    iterator: Sequence[tuple[int, ...]] | Iterator[tuple[int, ...]] = candidates
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(candidates, desc="design", unit="allocation")
    scored: list[Allocation] = []
    for ch in iterator:
        net = ConvAC(probe.inputs, reps, ch, probe.windows, probe.order)
        bounds = tuple(min_cut(net, p).value for p in parts)
        score = math.prod(b**k for b, k in zip(bounds, w))
        scored.append(Allocation(ch, parameter_count(reps, ch, sizes, classes, shared), bounds, score))
    evaluated = len(scored)
    scored.sort(key=lambda a: (-a.score, a.parameters, a.channels))
    if trim:
        seen: set[tuple[int, ...]] = set()
        trimmed = []
        for alloc in scored[: max(top, 1) * 4]:
            t = _trim(alloc, parts, w, probe, values, reps, sizes, classes, shared)
            if t.channels not in seen:
                seen.add(t.channels)
                trimmed.append(t)
        scored = sorted(trimmed, key=lambda a: (-a.score, a.parameters, a.channels))
    return DesignResult(scored[0], tuple(scored[:top]), evaluated, names, budget)


def _trim(
    alloc: Allocation,
    parts: Sequence[Partition],
    w: Sequence[int],
    probe: ConvAC,
    values: Sequence[int],
    reps: int,
    sizes: Sequence[int],
    classes: int,
    shared: bool,
) -> Allocation:
    """Lower channels one step at a time while the score stays the same (deepest layer
    first), so the allocation keeps only the width its min-cuts use."""
    vals = sorted(set(values))
    ch = list(alloc.channels)
    changed = True
    while changed:
        changed = False
        for i in reversed(range(len(ch))):
            lower = [v for v in vals if v < ch[i]]
            if not lower:
                continue
            trial = (*ch[:i], lower[-1], *ch[i + 1 :])
            net = ConvAC(probe.inputs, reps, trial, probe.windows, probe.order)
            bounds = tuple(min_cut(net, p).value for p in parts)
            if math.prod(b**k for b, k in zip(bounds, w)) == alloc.score:
                ch = list(trial)
                changed = True
    chs = tuple(ch)
    net = ConvAC(probe.inputs, reps, chs, probe.windows, probe.order)
    bounds = tuple(min_cut(net, p).value for p in parts)
    return Allocation(chs, parameter_count(reps, chs, sizes, classes, shared), bounds, alloc.score)


def _layers(inputs: int, window: int | Sequence[int]) -> int:
    if isinstance(window, int):
        if window < 2:
            raise InvalidArgumentError(f"window = {window} must be at least 2")
        layers, n = 0, inputs
        while n > 1 and n % window == 0:
            n //= window
            layers += 1
        if n != 1:
            raise InvalidArgumentError(f"inputs = {inputs} is not a power of window = {window}")
        return layers
    return len(tuple(window))
