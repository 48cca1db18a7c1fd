"""Running the identity catalogue: sweeps over an Executor, with progress and a report.

:func:`run_catalogue` splits every selected identity's cases (exhaustive up to a bound,
plus seeded random draws) into chunks and maps them over a
:class:`concurrent.futures.Executor`.  By default that is a local
:class:`~concurrent.futures.ProcessPoolExecutor`; any executor works, in particular a
``dask.distributed`` client's ``client.get_executor()``, which runs the sweep on a
cluster (the workers need tqft installed).  Chunks are sent as ``(identity name, cases)``
and the worker looks the identity up in its own registry, so nothing unpicklable
crosses the process boundary.

Progress is a tqdm bar over cases.  Ctrl-C cancels the chunks not yet started and
returns a report marked ``interrupted``.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .core import Identity, catalogue, get

__all__ = ["CatalogueReport", "IdentityReport", "plan", "run_catalogue", "run_identity_cases"]

MAX_FAILURES_KEPT = 5


@dataclass
class IdentityReport:
    """Outcome of one identity's sweep."""

    name: str
    cases: int = 0
    passed: int = 0
    seconds: float = 0.0
    #: up to five failures as (formatted case, lhs, rhs) strings
    failures: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.cases - self.passed

    @property
    def ok(self) -> bool:
        return self.cases == self.passed


@dataclass
class CatalogueReport:
    """Reports of every identity in a run, in catalogue order."""

    identities: list[IdentityReport]
    wall_seconds: float
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.interrupted and all(r.ok for r in self.identities)

    @property
    def cases(self) -> int:
        return sum(r.cases for r in self.identities)

    @property
    def failed(self) -> int:
        return sum(r.failed for r in self.identities)


def run_identity_cases(name: str, cases: Sequence[tuple[int, ...]]) -> IdentityReport:
    """Check ``cases`` of identity ``name`` in this process (the unit of work of a sweep)."""
    identity = get(name)
    report = IdentityReport(name)
    start = time.perf_counter()
    for case in cases:
        result = identity.check(*case)
        report.cases += 1
        if result.passed:
            report.passed += 1
        elif len(report.failures) < MAX_FAILURES_KEPT:
            report.failures.append((identity.format_case(case), str(result.lhs), str(result.rhs)))
    report.seconds = time.perf_counter() - start
    return report


def plan(
    identities: Iterable[Identity],
    *,
    max_spin: float | None = None,
    random: int = 0,
    seed: int = 0,
) -> list[tuple[Identity, list[tuple[int, ...]]]]:
    """The cases a run will check: exhaustive up to ``max_spin`` (each identity's default
    when ``None``) and ``random`` seeded draws (with spins up to ``max_spin`` if given)."""
    work = []
    for identity in identities:
        cases = list(identity.cases(max_spin))
        if random:
            cases.extend(identity.random_cases(random, seed=seed, max_spin=max_spin))
        work.append((identity, cases))
    return work


def _chunks(cases: list[tuple[int, ...]], size: int) -> list[list[tuple[int, ...]]]:
    return [cases[i : i + size] for i in range(0, len(cases), size)] or [[]]


def run_catalogue(
    names: Sequence[str] | None = None,
    *,
    max_spin: float | None = None,
    random: int = 0,
    seed: int = 0,
    executor: cf.Executor | None = None,
    jobs: int | None = None,
    progress: bool = True,
    chunk_size: int = 64,
) -> CatalogueReport:
    """Check identities exactly and report.

    Parameters
    ----------
    names
        Identities to run (default: the whole catalogue).
    max_spin
        Exhaustive bound on every spin; ``None`` uses each identity's default.
    random, seed
        Number of seeded random cases per identity and the seed.
    executor
        Where chunks run.  ``None`` creates a process pool with ``jobs`` workers (all
        cores by default); ``jobs=1`` runs in this process without a pool.  A
        ``dask.distributed`` client's ``get_executor()`` is accepted like any other.
    progress
        Show a tqdm progress bar (on stderr).
    chunk_size
        Cases per unit of work.
    """
    selected = catalogue() if not names else tuple(get(n) for n in names)
    work = plan(selected, max_spin=max_spin, random=random, seed=seed)
    total = sum(len(c) for _, c in work)
    reports = {identity.name: IdentityReport(identity.name) for identity, _ in work}
    start = time.perf_counter()
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, unit="case", desc="tqft verify", dynamic_ncols=True)

    def absorb(part: IdentityReport) -> None:
        rep = reports[part.name]
        rep.cases += part.cases
        rep.passed += part.passed
        rep.seconds += part.seconds
        rep.failures.extend(part.failures[: MAX_FAILURES_KEPT - len(rep.failures)])
        if bar is not None:
            bar.update(part.cases)

    interrupted = False
    own_pool = None
    jobs = jobs or os.cpu_count() or 1
    try:
        if executor is None and jobs == 1:
            for identity, cases in work:
                for chunk in _chunks(cases, chunk_size):
                    absorb(run_identity_cases(identity.name, chunk))
        else:
            if executor is None:
                own_pool = executor = cf.ProcessPoolExecutor(max_workers=jobs)
            futures = [
                executor.submit(run_identity_cases, identity.name, chunk)
                for identity, cases in work
                for chunk in _chunks(cases, chunk_size)
            ]
            try:
                for fut in cf.as_completed(futures):
                    absorb(fut.result())
            except KeyboardInterrupt:
                for fut in futures:
                    fut.cancel()
                raise
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if bar is not None:
            bar.close()
        if own_pool is not None:
            own_pool.shutdown(wait=not interrupted, cancel_futures=True)
    return CatalogueReport(
        [reports[identity.name] for identity, _ in work],
        time.perf_counter() - start,
        interrupted,
    )
