"""Running the identity catalogue: sweeps over an Executor, with progress and a report.

:func:`run_catalogue` splits every selected identity's cases (exhaustive up to a bound,
plus seeded random draws) into chunks and maps them over a
:class:`concurrent.futures.Executor`.  By default that is a local
:class:`~concurrent.futures.ProcessPoolExecutor`; any executor works, in particular a
``dask.distributed`` client's ``client.get_executor()``, which runs the sweep on a
cluster (the workers need tqft installed).  Chunks are sent as ``(identity name, cases)``
and the worker looks the identity up in its own registry, so nothing unpicklable
crosses the process boundary.

Cases are generated lazily and only a bounded number of chunks is queued, so a sweep of
millions of cases runs in constant memory; :func:`plan` counts the cases first (up to a
limit) so that the command can warn before a sweep that would take hours.  Progress is a
tqdm bar over cases.  Ctrl-C cancels the chunks not yet started and returns a report
marked ``interrupted`` with what was checked.
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..errors import InvalidArgumentError
from .core import Identity, catalogue, get

__all__ = ["CatalogueReport", "IdentityReport", "plan", "run_catalogue", "run_identity_cases"]

MAX_FAILURES_KEPT = 5
_IN_FLIGHT = 64  # chunks queued on the executor at any time


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


@dataclass(frozen=True)
class PlannedSweep:
    """What a run will check for one identity: its exhaustive bound, random draws, and the
    number of exhaustive cases (``None`` when counting stopped at ``count_limit``)."""

    identity: Identity
    max_spin: float | None
    random: int
    seed: int
    exhaustive_cases: int | None

    def cases(self) -> Iterator[tuple[int, ...]]:
        """The cases, generated lazily (exhaustive first, then the seeded random ones)."""
        yield from self.identity.cases(self.max_spin)
        if self.random:
            yield from self.identity.random_cases(self.random, seed=self.seed, max_spin=self.max_spin)

    @property
    def total(self) -> int | None:
        return None if self.exhaustive_cases is None else self.exhaustive_cases + self.random


#: Plans with more exhaustive cases than this are reported as large before they run.
LARGE_SWEEP = 1_000_000


def plan(
    identities: Iterable[Identity],
    *,
    max_spin: float | None = None,
    random: int = 0,
    seed: int = 0,
    count_limit: int = LARGE_SWEEP,
) -> list[PlannedSweep]:
    """Plan a run: exhaustive cases up to ``max_spin`` (each identity's default when
    ``None``) plus ``random`` seeded draws (spins up to ``max_spin`` if given).

    The exhaustive cases are counted (not stored) up to ``count_limit``, so that a sweep
    that would take hours can be reported before it starts.
    """
    out = []
    for identity in {i.name: i for i in identities}.values():  # each identity once
        count = sum(1 for _ in itertools.islice(identity.cases(max_spin), count_limit + 1))
        out.append(PlannedSweep(identity, max_spin, random, seed, count if count <= count_limit else None))
    return out


def _chunked(cases: Iterator[tuple[int, ...]], size: int) -> Iterator[list[tuple[int, ...]]]:
    while chunk := list(itertools.islice(cases, size)):
        yield chunk


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
    planned: Sequence[PlannedSweep] | None = None,
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
        Cases per unit of work.  Cases are generated lazily and at most
        ``_IN_FLIGHT`` chunks are queued at a time, so memory stays flat on huge sweeps.
    planned
        A plan from :func:`plan` (then ``names``, ``max_spin``, ``random`` and ``seed``
        are ignored).
    """
    for label, value, least in (("jobs", jobs, 1), ("chunk_size", chunk_size, 1), ("random", random, 0)):
        if value is not None and (not isinstance(value, int) or value < least):
            raise InvalidArgumentError(f"{label} = {value!r} must be an integer >= {least}")
    if planned is None:
        if isinstance(names, str):
            names = [names]
        selected = catalogue() if not names else tuple(get(n) for n in dict.fromkeys(names))
        planned = plan(selected, max_spin=max_spin, random=random, seed=seed)
    totals = [p.total for p in planned]
    reports = {p.identity.name: IdentityReport(p.identity.name) for p in planned}
    start = time.perf_counter()
    bar = None
    if progress:
        from tqdm.auto import tqdm

        known = None if any(t is None for t in totals) else sum(t for t in totals if t is not None)
        bar = tqdm(total=known, unit="case", desc="tqft verify", dynamic_ncols=True)

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
    in_flight: set[cf.Future[IdentityReport]] = set()
    try:
        if executor is None and jobs == 1:
            for item in planned:
                for chunk in _chunked(item.cases(), chunk_size):
                    absorb(run_identity_cases(item.identity.name, chunk))
        else:
            if executor is None:
                own_pool = executor = cf.ProcessPoolExecutor(max_workers=jobs)
            for item in planned:
                for chunk in _chunked(item.cases(), chunk_size):
                    if len(in_flight) >= _IN_FLIGHT:
                        done, in_flight = cf.wait(in_flight, return_when=cf.FIRST_COMPLETED)
                        for fut in done:
                            absorb(fut.result())
                    in_flight.add(executor.submit(run_identity_cases, item.identity.name, chunk))
            while in_flight:
                done, in_flight = cf.wait(in_flight, return_when=cf.FIRST_COMPLETED)
                for fut in done:
                    absorb(fut.result())
    except KeyboardInterrupt:
        interrupted = True
        for fut in in_flight:
            fut.cancel()
    finally:
        if bar is not None:
            bar.close()
        if own_pool is not None:
            own_pool.shutdown(wait=not interrupted, cancel_futures=True)
    return CatalogueReport(
        [reports[p.identity.name] for p in planned],
        time.perf_counter() - start,
        interrupted,
    )
