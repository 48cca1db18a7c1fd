"""Turaev-Viro invariants of many triangulations over an Executor, with progress.

:func:`turaev_viro_batch` sends isomorphism signatures (strings, so nothing unpicklable
crosses a process boundary) to a :class:`concurrent.futures.Executor` -- a local
:class:`~concurrent.futures.ProcessPoolExecutor` by default, or a ``dask.distributed``
client's ``client.get_executor()`` to run on a cluster (the workers need tqft) -- and
collects exact values in input order.  A tqdm bar counts finished triangulations;
Ctrl-C cancels what has not started and returns what was computed, marked
``interrupted``.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import InvalidArgumentError
from ..exact.cyclotomic import Cyclotomic

__all__ = ["BatchResult", "turaev_viro_batch"]


@dataclass
class BatchResult:
    """Values in input order (``None`` where not computed) and whether the run was interrupted."""

    signatures: list[str]
    values: list[Cyclotomic | None] = field(default_factory=list)
    interrupted: bool = False

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(zip(self.signatures, self.values, strict=True))


def _worker(signature: str, r: int, integer_spins: bool, order: int | None) -> Cyclotomic:
    from ..topology.triangulation import Triangulation
    from .turaev_viro import turaev_viro

    return turaev_viro(Triangulation.from_isosig(signature), r, integer_spins=integer_spins, order=order)


def _signature(item: object) -> str:
    if isinstance(item, str):
        return item
    isosig = getattr(item, "isosig", None)
    if callable(isosig):
        return str(isosig())
    raise InvalidArgumentError(
        f"triangulation = {item!r} must be an isomorphism signature or an object with an isosig() method"
    )


def turaev_viro_batch(
    triangulations: Iterable[object],
    r: int,
    *,
    integer_spins: bool = False,
    order: int | None = None,
    executor: cf.Executor | None = None,
    progress: bool = True,
) -> BatchResult:
    """``TV_r`` of every triangulation (signatures or triangulation objects), exactly.

    Bad input is reported before any work starts: every signature is parsed and the
    parameters are validated in this process first.
    """
    from ..topology.triangulation import Triangulation
    from .turaev_viro import TVSpec

    TVSpec(r, integer_spins, order or 0)  # validates r and the variant
    signatures = [_signature(t) for t in triangulations]
    for s in signatures:
        Triangulation.from_isosig(s)  # raises InvalidTriangulationError naming the signature
    result = BatchResult(signatures, [None] * len(signatures))
    own = executor is None
    pool = executor or cf.ProcessPoolExecutor(max_workers=max(1, os.cpu_count() or 1))
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(signatures), unit="triangulation", desc=f"TV_{r}")
    futures: dict[cf.Future[Cyclotomic], int] = {}
    try:
        futures = {pool.submit(_worker, s, r, integer_spins, order): i for i, s in enumerate(signatures)}
        for fut in cf.as_completed(futures):
            result.values[futures[fut]] = fut.result()
            if bar is not None:
                bar.update(1)
    except KeyboardInterrupt:
        result.interrupted = True
        for fut in futures:
            fut.cancel()
    finally:
        if bar is not None:
            bar.close()
        if own:
            pool.shutdown(wait=not result.interrupted, cancel_futures=True)
    return result
