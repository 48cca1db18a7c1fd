"""How often is a ConvAC's generic rank below its min-cut?  An Appendix-D-style study.

Appendix D of Levine et al. (ICLR 2018, arXiv:1704.01552, "(L)") takes ``N = 16``,
``M = 2``, channel numbers ``r_0 .. r_3`` distinct values from ``{2, 3, 5, 7, 11, 13}``
(360 arrangements) and all 6435 balanced partitions, computes ranks from float SVDs, and
reports about 1300 of the 2.3 million configurations below the min-cut bound, none by more
than 10 %.  This module repeats the experiment with *exact* ranks
(:func:`~tqft.learning.schmidt.schmidt_rank`, modulo ``2^31 - 1``, a deficient rank
re-checked with three primes) and extends it to far larger ``N``.

Groups (:func:`run_study`):

``N = 16``
    The paper's setting, sampled: a uniformly random arrangement and a uniformly random
    balanced partition per case.  The float rank of the same network with Gaussian weights
    (``numpy.linalg.matrix_rank``, default tolerance) is computed alongside, to measure how
    often a float SVD disagrees with the exact rank.
``N = 64, 256, 1024, ...``
    ``M = 2``, window 2, ``L = log2 N`` channel numbers drawn (with repetition) from
    ``{2, 3, 5, 7, 11, 13}``; partitions from three families whose min-cut stays small
    enough to certify: a random set of ``2..10`` inputs, a contiguous segment at a random
    offset, a union of 2-4 short segments ("clusters"), and (for square ``N``) a random
    rectangle of the image under Z-order pooling.
    Cases whose min-cut exceeds ``max_bound`` are redrawn, so the larger groups sample
    partitions with moderate entanglement (as the exact rank needs a ``bound x bound``
    matrix).

Per case: the min-cut bound (Claim 1; window 2 so delta = plain), Theorem 2's lower
bound, the exact rank (and whether it is certified equal to the bound).  A rank below the
bound is a genuine deficit with probability ``>= 1 - error_bound`` (recorded; about
``10^-17`` after the three-prime re-check).  Every case is replayable from
``(seed, N, index)``.

Result of the default run (``tqft entanglement-study``, 8800 cases, about eleven minutes on
two cores; table in ``docs/entanglement.rst``): 2 of 6000 cases below the bound at
``N = 16`` (rank 172 against 176), 1 of 2000 at ``N = 64`` (184 against 200, the largest
deficit, 8 %), none of 800 at ``N = 256, 1024``; float ranks disagreed with exact ones in 9
of the 6000 ``N = 16`` cases, always by undercounting a rank equal to the bound.
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import math
import os
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidArgumentError
from .convac import ConvAC, convac, image_convac, random_weights
from .mincut import min_cut, theorem2_bound
from .partitions import Partition, random_balanced
from .schmidt import matricization, schmidt_rank

__all__ = ["StudyResult", "run_study", "study_case", "summarise"]

PRIMES_SET = (2, 3, 5, 7, 11, 13)
#: default groups: N and number of cases
DEFAULT_GROUPS: tuple[tuple[int, int], ...] = ((16, 6000), (64, 2000), (256, 600), (1024, 200))


def _config(seed: int, n: int, index: int, max_bound: int) -> tuple[ConvAC, Partition, str]:
    rng = random.Random(f"study:{seed}:{n}:{index}")
    layers = n.bit_length() - 1
    if n == 16:
        channels = tuple(rng.sample(PRIMES_SET, 4))
        net = convac(16, channels, 2)
        part = random_balanced(16, np.random.default_rng(rng.getrandbits(32)))
        return net, part, "balanced"
    for _ in range(1000):
        channels = tuple(rng.choice(PRIMES_SET) for _ in range(layers))
        side = math.isqrt(n)
        families = (
            ("subset", "segment", "clusters", "rectangle") if side * side == n else ("subset", "segment", "clusters")
        )
        family = rng.choice(families)
        if family == "rectangle":
            net = image_convac(side, side, channels, 2)
            h, w = rng.randint(1, side - 1), rng.randint(1, side - 1)
            top, left = rng.randint(0, side - h), rng.randint(0, side - w)
            a = frozenset(r * side + c for r in range(top, top + h) for c in range(left, left + w))
        else:
            net = convac(n, channels, 2)
            if family == "subset":
                a = frozenset(rng.sample(range(n), rng.randint(2, 10)))
            elif family == "clusters":
                a = frozenset()
                for _ in range(rng.randint(2, 4)):
                    length = rng.randint(1, 8)
                    start = rng.randint(0, n - length)
                    a |= frozenset(range(start, start + length))
            else:
                length = rng.randint(1, n // 2)
                start = rng.randint(0, n - length)
                a = frozenset(range(start, start + length))
        part = Partition(n, a, family)
        if min_cut(net, part).value <= max_bound:
            return net, part, family
    raise RuntimeError(f"no configuration with min-cut <= {max_bound} found for N = {n}")  # pragma: no cover


def study_case(seed: int, n: int, index: int, max_bound: int = 512, float_rank: bool = True) -> dict[str, Any]:
    """One case of the study (deterministic in ``(seed, n, index)``), as a dict."""
    net, part, family = _config(seed, n, index, max_bound)
    bound = min_cut(net, part).value
    lower = theorem2_bound(net, part).value
    res = schmidt_rank(net, part, seed=index)
    if not res.certified:  # re-check a deficit with fresh samples and three primes
        res = schmidt_rank(net, part, seed=10**6 + index, trials=3)
    out: dict[str, Any] = {
        "n": n,
        "index": index,
        "family": family,
        "channels": list(net.channels),
        "geometry": net.geometry,
        "partition": part.to_string() if n <= 64 else sorted(part.a),
        "bound": bound,
        "theorem2": lower,
        "rank": res.rank,
        "certified": res.certified,
        "error_bound": float(res.error_bound),
    }
    if float_rank and n <= 16:
        w = random_weights(net, seed=index, dtype="float")
        mat = matricization(np.asarray(w.coefficient_tensor(), dtype=np.float64), part)
        out["float_rank"] = int(np.linalg.matrix_rank(mat))
    return out


def _chunk(args: tuple[int, int, Sequence[int], int, bool]) -> list[dict[str, Any]]:
    seed, n, indices, max_bound, float_rank = args
    return [study_case(seed, n, i, max_bound, float_rank) for i in indices]


@dataclass
class StudyResult:
    """All cases (dicts, see :func:`study_case`), per-``N`` summaries, settings, and
    whether the run was interrupted (then the summaries cover the cases done)."""

    cases: list[dict[str, Any]]
    settings: dict[str, Any] = field(default_factory=dict)
    interrupted: bool = False
    seconds: float = 0.0

    def summaries(self) -> list[dict[str, Any]]:
        """One summary per ``N`` (see :func:`summarise`)."""
        sizes = sorted({c["n"] for c in self.cases})
        return [summarise([c for c in self.cases if c["n"] == n]) for n in sizes]

    def table(self) -> str:
        """The summary table as text."""
        head = (
            f"{'N':>5} {'cases':>6} {'below bound':>12} {'fraction':>9} {'max deficit':>11} "
            f"{'Thm2 < bound':>12} {'rank = bound there':>18} {'float != exact':>14}"
        )
        lines = [head]
        for s in self.summaries():
            flt = "-" if s["float_disagree"] is None else str(s["float_disagree"])
            lines.append(
                f"{s['n']:5d} {s['cases']:6d} {s['below']:12d} {s['below_fraction']:9.2e} "
                f"{100 * s['max_relative_deficit']:10.2f}% {s['theorem2_not_tight']:12d} "
                f"{s['rank_equals_bound_when_theorem2_not_tight']:18d} {flt:>14s}"
            )
        return "\n".join(lines)


def summarise(cases: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Counts for one group: cases, ``below`` (rank < bound), its fraction, the largest and
    mean relative deficit ``1 - rank/bound`` among them, cases where Theorem 2's bound is
    below the min-cut and how many of those still have rank = bound, Theorem-2 violations
    (should be 0), and float-rank disagreements (``N = 16``)."""
    below = [c for c in cases if c["rank"] < c["bound"]]
    not_tight = [c for c in cases if c["theorem2"] < c["bound"]]
    floats = [c for c in cases if "float_rank" in c]
    deficits = [Fraction(c["bound"] - c["rank"], c["bound"]) for c in below]
    return {
        "n": cases[0]["n"] if cases else 0,
        "cases": len(cases),
        "below": len(below),
        "below_fraction": len(below) / len(cases) if cases else 0.0,
        "max_relative_deficit": float(max(deficits)) if deficits else 0.0,
        "mean_relative_deficit": float(sum(deficits) / len(deficits)) if deficits else 0.0,
        "theorem2_not_tight": len(not_tight),
        "rank_equals_bound_when_theorem2_not_tight": sum(1 for c in not_tight if c["rank"] == c["bound"]),
        "theorem2_violations": sum(1 for c in cases if c["rank"] < c["theorem2"]),
        "float_disagree": sum(1 for c in floats if c["float_rank"] != c["rank"]) if floats else None,
        "examples_below": [
            {k: c[k] for k in ("index", "channels", "partition", "bound", "rank", "theorem2")} for c in below[:10]
        ],
    }


def _chunks(groups: Sequence[tuple[int, int]], size: int) -> Iterator[tuple[int, list[int]]]:
    for n, count in groups:
        it = iter(range(count))
        while chunk := list(itertools.islice(it, size)):
            yield n, chunk


def _limit_blas_threads() -> None:
    """Best effort: one BLAS thread in this (worker) process.  One float SVD per case with
    as many workers as cores is many times slower when every worker also runs a BLAS thread
    per core.  Uses threadpoolctl when installed, else OpenBLAS's own setter in the library
    numpy ships; does nothing when neither is found (only speed is affected)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        pass
    else:
        threadpool_limits(1)
        return
    import ctypes
    import glob

    libdir = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
    for path in glob.glob(os.path.join(libdir, "*openblas*")):
        try:
            lib = ctypes.CDLL(path)
        except OSError:  # pragma: no cover
            continue
        for name in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_", "openblas_set_num_threads"):
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return


def run_study(
    groups: Sequence[tuple[int, int]] = DEFAULT_GROUPS,
    *,
    seed: int = 0,
    max_bound: int = 512,
    float_rank: bool = True,
    executor: cf.Executor | None = None,
    jobs: int | None = None,
    progress: bool = False,
    chunk: int = 10,
) -> StudyResult:
    """Run the study: ``groups`` is a sequence of ``(N, cases)`` (``N`` a power of two,
    ``N = 16`` meaning the paper's setting).

    Work is split into chunks of ``chunk`` cases and mapped over ``executor`` (default: a
    process pool with ``jobs`` workers; ``jobs=1`` runs in this process; a
    ``dask.distributed`` client's ``get_executor()`` works too).  A tqdm bar shows progress
    when ``progress``; Ctrl-C cancels the pending chunks and returns the cases done, marked
    ``interrupted``.  The default groups take about ten minutes on two cores.
    """
    for n, count in groups:
        if n < 4 or n & (n - 1) or count < 0:
            raise InvalidArgumentError(f"group (N = {n}, cases = {count}): N must be a power of two >= 4, cases >= 0")
    if max_bound < 1:
        raise InvalidArgumentError(f"max_bound = {max_bound} must be positive")
    start = time.perf_counter()
    cases: list[dict[str, Any]] = []
    total = sum(c for _, c in groups)
    tasks = [(seed, n, idx, max_bound, float_rank) for n, idx in _chunks(groups, chunk)]
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, desc="study", unit="case")
    own = executor is None and (jobs or 2) > 1
    pool: cf.Executor | None = (
        cf.ProcessPoolExecutor(max_workers=jobs, initializer=_limit_blas_threads) if own else executor
    )
    interrupted = False
    futures: list[cf.Future[list[dict[str, Any]]]] = []
    try:
        if pool is None:
            for t in tasks:
                cases += _chunk(t)
                if bar is not None:
                    bar.update(len(t[2]))
        else:
            futures += [pool.submit(_chunk, t) for t in tasks]
            for fut in cf.as_completed(futures):
                done = fut.result()
                cases += done
                if bar is not None:
                    bar.update(len(done))
    except KeyboardInterrupt:
        interrupted = True
        for f in futures:
            f.cancel()
    finally:
        if bar is not None:
            bar.close()
        if own and pool is not None:
            pool.shutdown(wait=not interrupted, cancel_futures=True)
    cases.sort(key=lambda c: (c["n"], c["index"]))
    settings = {"groups": [list(g) for g in groups], "seed": seed, "max_bound": max_bound, "float_rank": float_rank}
    return StudyResult(cases, settings, interrupted, time.perf_counter() - start)
