"""Shared helpers of the dictionary witnesses (:mod:`tqft.dictionary.witnesses`).

A witness compares two independently obtained sides; these helpers turn lists of such
comparisons into one :class:`~tqft.identities.core.CheckResult` whose ``lhs`` and ``rhs``
show every pair, so a failure says which comparison broke.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..identities.core import CheckResult

__all__ = ["close", "close_pairs", "equal_pairs", "merge"]


def equal_pairs(pairs: Sequence[tuple[Any, Any]]) -> CheckResult:
    """Exact comparison of every ``(computed, expected)`` pair with ``==``."""
    lhs = tuple(p[0] for p in pairs)
    rhs = tuple(p[1] for p in pairs)
    return CheckResult(all(bool(a == b) for a, b in pairs), lhs, rhs)


def close(computed: Any, expected: Any, rel: float) -> bool:
    """``|computed - expected| <= rel * max(1, |expected|)``, both sides converted to float
    (for the comparisons of floating-point scores only)."""
    return abs(float(computed) - float(expected)) <= rel * max(1.0, abs(float(expected)))


def close_pairs(pairs: Sequence[tuple[Any, Any]], rel: Any) -> CheckResult:
    """Relative comparison ``|computed - expected| <= rel * |expected|`` of every pair, in the
    arithmetic of the values (mpmath numbers keep their precision)."""
    lhs = tuple(p[0] for p in pairs)
    rhs = tuple(p[1] for p in pairs)
    return CheckResult(all(bool(abs(a - b) <= rel * abs(b)) for a, b in pairs), lhs, rhs)


def merge(*results: CheckResult) -> CheckResult:
    """One result for several checks: passed when all passed, sides collected in order."""
    return CheckResult(all(r.passed for r in results), tuple(r.lhs for r in results), tuple(r.rhs for r in results))
