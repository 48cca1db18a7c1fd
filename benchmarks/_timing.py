"""The one timer of the benchmark scripts: the best of ``repeat`` calls, garbage collector off.

``before()`` runs untimed before each call (e.g. to clear caches, so every call is cold);
``setup()`` also runs untimed, and its result is passed to ``func`` (e.g. an object to build
outside the timing).  ``best_of`` returns the best time and the last value, ``best_time``
only the time.  Scripts run as ``python benchmarks/<name>.py``, which puts this folder on
the path.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

__all__ = ["best_of", "best_time"]


def best_of(
    func: Callable[..., Any],
    repeat: int = 3,
    before: Callable[[], Any] | None = None,
    *,
    setup: Callable[[], Any] | None = None,
) -> tuple[float, Any]:
    """``(minimum seconds over repeat calls, the last value)``, as ``timeit`` measures."""
    out, value = float("inf"), None
    gc.disable()
    try:
        for _ in range(repeat):
            if before is not None:
                before()
            args = (setup(),) if setup is not None else ()
            start = time.perf_counter()
            value = func(*args)
            out = min(out, time.perf_counter() - start)
    finally:
        gc.enable()
    return out, value


def best_time(
    func: Callable[..., Any],
    repeat: int = 3,
    before: Callable[[], Any] | None = None,
    *,
    setup: Callable[[], Any] | None = None,
) -> float:
    """The minimum seconds of :func:`best_of`."""
    return best_of(func, repeat, before, setup=setup)[0]
