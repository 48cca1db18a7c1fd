"""Exact SU(2) recoupling coefficients: Clebsch-Gordan, Wigner 3j, 6j, 9j and Racah W.

Conventions
-----------
Phases are those of ``sympy.physics.wigner`` (Condon-Shortley; Edmonds' definitions; NIST
DLMF chapter 34), and the tests compare every 3j and 6j with spins up to 3 against sympy
exactly:

* ``wigner_3j(j1, j2, j3, m1, m2, m3)`` -- Racah's formula with the phase
  ``(-1)^(j1 - j2 - m3)`` (Edmonds (3.7.3)).
* ``clebsch_gordan(j1, j2, j3, m1, m2, m3)`` = ``<j1 m1; j2 m2 | j3 m3>`` =
  ``(-1)^(j1 - j2 + m3) sqrt(2 j3 + 1) (j1 j2 j3; m1 m2 -m3)`` (DLMF 34.1.1).  The argument
  order is sympy's: the three spins first, then the three projections.
* ``wigner_6j(j1, ..., j6)`` = ``{j1 j2 j3; j4 j5 j6}`` with triads ``(j1 j2 j3)``,
  ``(j1 j5 j6)``, ``(j4 j2 j6)``, ``(j4 j5 j3)``; Racah's single sum (Edmonds section 6.3,
  DLMF section 34.4).
* ``racah_w(a, b, c, d, e, f)`` = ``W(abcd; ef)`` = ``(-1)^(a+b+c+d) {a b e; d c f}``.
* ``wigner_9j(j1, ..., j9)`` -- rows ``(j1 j2 j3)``, ``(j4 j5 j6)``, ``(j7 j8 j9)``;
  ``sum_x (-1)^(2x) (2x+1) {j1 j4 j7; j8 j9 x}{j2 j5 j8; j4 x j6}{j3 j6 j9; x j1 j2}``
  (DLMF 34.6.2).

Selection rules
---------------
A symbol whose arguments violate a selection rule (a triad with a half-integer sum or
violating the triangle inequality, ``m1 + m2 + m3 != 0``, ``|m| > j``, ``j - m`` not an
integer) is an *exact zero*, not an error.  (sympy raises ``ValueError`` for some of these
cases; tqft returns 0 as WIGXJPF does.)  Arguments that are not spins at all raise
:class:`~tqft.errors.InvalidSpinError` naming the argument.

Values and speed
----------------
Every function returns a :class:`~tqft.exact.SqrtRational`.  By default the q = 1 kernel of
:mod:`tqft.recoupling.fast_classical` is used after reducing the arguments to a canonical
representative of their symmetry class (72 symmetries for 3j and 9j, 144 for 6j), which
is the key of a bounded LRU cache (:func:`cache_info`, :func:`clear_caches`).  Passing
``context=`` evaluates the plain single-sum formulas of
:mod:`tqft.recoupling.racah_formulas` in that number context instead (no symmetry
reduction, no cache); with ``context=CLASSICAL`` this is the reference implementation the
fast path is tested against.

Cost guard: a symbol whose largest spin exceeds the limit of its path raises
:class:`~tqft.errors.CostLimitError` before any work: :data:`MAX_SPIN` (100,000) for the fast
3j, 6j, Clebsch-Gordan and Racah W, :data:`MAX_SPIN_9J` (1,000) for the fast 9j, and
:data:`MAX_SPIN_REFERENCE` (1,000) / :data:`MAX_SPIN_REFERENCE_9J` (100) with ``context=``.
Each is set so that the largest allowed symbol takes seconds; :func:`spin_limit` lifts
them all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ..errors import CostLimitError, InvalidArgumentError, temporary_limits
from ..exact.context import ClassicalContext, QContext
from ..exact.qcontexts import parse_context
from ..exact.quadratic import SqrtRational
from ..spins import colour, doubled, spin_str
from . import fast_classical, racah_formulas
from .symmetry import canonical_square, regge_square

__all__ = [
    "MAX_SPIN",
    "MAX_SPIN_9J",
    "MAX_SPIN_REFERENCE",
    "MAX_SPIN_REFERENCE_9J",
    "cache_info",
    "clear_caches",
    "clebsch_gordan",
    "ninej_colours",
    "racah_w",
    "sixj_colours",
    "spin_limit",
    "threej_colours",
    "wigner_3j",
    "wigner_6j",
    "wigner_9j",
]

ZERO = SqrtRational._make(0, 1, 1)
_ONE = SqrtRational._make(1, 1, 1)
_MINUS_ONE = SqrtRational._make(-1, 1, 1)

#: Largest spin accepted by the fast path of the 3j, 6j, Clebsch-Gordan and Racah W
#: functions (a 6j at spin 10^4 takes about 0.2 s, at 5 * 10^4 about 4 s).
MAX_SPIN = 100_000
#: Largest spin of the fast 9j (cost grows like spin^3: spin 1000 takes about 10 s).
MAX_SPIN_9J = 1_000
#: Largest spin with ``context=`` (the plain formulas, hundreds of times slower): 3j and 6j
#: (a classical 6j at spin 1000 takes about a second).
MAX_SPIN_REFERENCE = 1_000
#: ... and the 9j with ``context=`` (spin 100 takes a few seconds).
MAX_SPIN_REFERENCE_9J = 100

# current limits as colours; spin_limit() overrides all of them
_limits = {
    "fast": 2 * MAX_SPIN,
    "fast 9j": 2 * MAX_SPIN_9J,
    "reference": 2 * MAX_SPIN_REFERENCE,
    "reference 9j": 2 * MAX_SPIN_REFERENCE_9J,
}

CACHE_SIZE = 1 << 16

_threej_cached = lru_cache(maxsize=CACHE_SIZE)(fast_classical.threej_from_regge)
_ninej_cached = lru_cache(maxsize=CACHE_SIZE // 4)(fast_classical.ninej)


@lru_cache(maxsize=CACHE_SIZE)
def _sixj_cached(a1: int, a2: int, a3: int, a4: int, b1: int, b2: int, b3: int) -> SqrtRational:
    return fast_classical.sixj_from_triads((a1, a2, a3, a4), (b1, b2, b3))


@lru_cache(maxsize=256)
def _sqrt_int(n: int) -> SqrtRational:
    return SqrtRational(1, n)


def cache_info() -> dict[str, Any]:
    """Hit and miss counts of the symbol caches (keys are canonical forms)."""
    return {
        "3j": _threej_cached.cache_info(),
        "6j": _sixj_cached.cache_info(),
        "9j": _ninej_cached.cache_info(),
    }


def clear_caches() -> None:
    """Empty the symbol caches (benchmarks do this to measure cold computations)."""
    _threej_cached.cache_clear()
    _sixj_cached.cache_clear()
    _ninej_cached.cache_clear()


@contextlib.contextmanager
def spin_limit(max_spin: Any) -> Iterator[None]:
    """Temporarily allow spins up to ``max_spin`` for every symbol and path (a context
    manager); the defaults are :data:`MAX_SPIN`, :data:`MAX_SPIN_9J`,
    :data:`MAX_SPIN_REFERENCE` and :data:`MAX_SPIN_REFERENCE_9J`.

    >>> with spin_limit(200_000):
    ...     pass
    """
    new = colour(max_spin, "max_spin")
    with temporary_limits(_limits, new):
        yield


def _guard(largest_colour: int, symbol: str, path: str = "fast") -> None:
    limit = _limits[path]
    if largest_colour > limit:
        growth = "spin^3" if path.endswith("9j") else "spin^2"
        raise CostLimitError(
            f"{symbol} with spin {spin_str(largest_colour)} exceeds the limit of {spin_str(limit)} for the "
            f"{path} path: exact evaluation time grows like {growth} and integers grow to about "
            "4*spin*log2(spin) bits; raise the limit with tqft.recoupling.spin_limit(...) if you mean it"
        )


# --- colour-level entry points (no parsing) ------------------------------------------


def threej_colours(a: int, b: int, c: int, x: int, y: int, z: int) -> SqrtRational:
    """``wigner_3j`` on colours ``a, b, c`` and doubled projections ``x, y, z`` (ints).

    Skips parsing; the caller guarantees non-negative ``a, b, c``.
    """
    if x + y + z or (a + b + c) & 1 or (a - x) & 1 or (b - y) & 1 or (c - z) & 1:
        return ZERO
    if abs(x) > a or abs(y) > b or abs(z) > c or c > a + b or c < abs(a - b):
        return ZERO
    _guard(max(a, b, c), "3j symbol")
    key, odd = canonical_square(regge_square(a, b, c, x, y, z))
    value = _threej_cached(key)
    if odd and ((a + b + c) >> 1) & 1:
        return -value
    return value


def sixj_colours(a: int, b: int, c: int, d: int, e: int, f: int) -> SqrtRational:
    """``wigner_6j`` on colours (non-negative ints), without parsing: the hot path."""
    s1 = a + b + c
    s2 = a + e + f
    s3 = d + b + f
    s4 = d + e + c
    if (s1 | s2 | s3 | s4) & 1:
        return ZERO
    t1 = a + b + d + e
    t2 = b + c + e + f
    t3 = c + a + f + d
    # The twelve triangle inequalities are exactly t_j >= s_i for all i, j.
    if min(t1, t2, t3) < max(s1, s2, s3, s4):
        return ZERO
    limit = _limits["fast"]
    if t1 > limit or t2 > limit or t3 > limit:  # cheap necessary condition
        _guard(max(a, b, c, d, e, f), "6j symbol")
    al = sorted((s1 >> 1, s2 >> 1, s3 >> 1, s4 >> 1))
    be = sorted((t1 >> 1, t2 >> 1, t3 >> 1))
    return _sixj_cached(al[0], al[1], al[2], al[3], be[0], be[1], be[2])


def _triads9_ok(m: tuple[int, ...]) -> bool:
    a, b, c, d, e, f, g, h, i = m
    for x, y, z in ((a, b, c), (d, e, f), (g, h, i), (a, d, g), (b, e, h), (c, f, i)):
        if (x + y + z) & 1 or z > x + y or z < abs(x - y):
            return False
    return True


def ninej_colours(*m: int) -> SqrtRational:
    """``wigner_9j`` on nine colours (row-major), without parsing."""
    if len(m) != 9:
        raise TypeError(f"ninej_colours takes 9 colours, got {len(m)}")
    if not _triads9_ok(m):
        return ZERO
    _guard(max(m), "9j symbol", "fast 9j")
    key, odd = canonical_square(m)
    value = _ninej_cached(key)
    if odd and (sum(m) >> 1) & 1:
        return -value
    return value


# --- public, parsing entry points ---------------------------------------------------


def wigner_3j(
    j1: Any, j2: Any, j3: Any, m1: Any, m2: Any, m3: Any, *, context: QContext[Any, Any] | str | None = None
) -> Any:
    """Wigner 3j symbol ``(j1 j2 j3; m1 m2 m3)``, exactly.

    Parameters
    ----------
    j1, j2, j3
        Spins (non-negative integers or half-integers, in any form :mod:`tqft.spins` accepts).
    m1, m2, m3
        Projections (integers or half-integers).
    context
        ``None`` for the fast exact q = 1 path; a :class:`~tqft.exact.QContext` or its name
        (``"generic"``, ``"A"``, ``"root:5"``, ``"0.9+0.1j"``, see
        :func:`~tqft.exact.qcontexts.parse_context`) to evaluate the (q-)Racah formula there.

    Returns
    -------
    SqrtRational
        ``c * sqrt(r)``; exactly zero when a selection rule fails.

    Raises
    ------
    InvalidSpinError
        If an argument is not an integer or half-integer (or a spin is negative).

    Notes
    -----
    Phase convention of Edmonds (3.7.3) and ``sympy.physics.wigner.wigner_3j``:
    ``(j1 j2 j3; m1 m2 m3) = (-1)^(j1-j2-m3) Delta(j1 j2 j3) sqrt(prod (j_i+m_i)!(j_i-m_i)!) sum_k ...``.
    Invariant under the 72 symmetries (column permutations and ``m -> -m`` with the factor
    ``(-1)^(j1+j2+j3)``, Regge's), which reduce arguments to a cached canonical form.

    Examples
    --------
    >>> print(wigner_3j(1, 1, 0, 1, -1, 0))
    sqrt(3)/3
    >>> print(wigner_3j("1/2", "1/2", 1, "1/2", "-1/2", 0))
    sqrt(6)/6
    >>> wigner_3j(1, 1, 3, 0, 0, 0)   # triangle rule: exact zero
    SqrtRational(0)
    """
    a, b, c = colour(j1, "j1"), colour(j2, "j2"), colour(j3, "j3")
    x, y, z = doubled(m1, "m1", signed=True), doubled(m2, "m2", signed=True), doubled(m3, "m3", signed=True)
    if context is not None:
        _guard(max(a, b, c), "3j symbol", "reference")
        ctx = parse_context(context)
        with ctx.workspace():
            return racah_formulas.threej(ctx, a, b, c, x, y, z)
    return threej_colours(a, b, c, x, y, z)


def clebsch_gordan(
    j1: Any, j2: Any, j3: Any, m1: Any, m2: Any, m3: Any, *, context: QContext[Any, Any] | str | None = None
) -> Any:
    """Clebsch-Gordan coefficient ``<j1 m1; j2 m2 | j3 m3>``, exactly (sympy's argument order).

    ``<j1 m1; j2 m2 | j3 m3> = (-1)^(j1 - j2 + m3) sqrt(2 j3 + 1) (j1 j2 j3; m1 m2 -m3)``
    (Condon-Shortley phase; ``sympy.physics.wigner.clebsch_gordan``).  With ``context=`` a
    q-context (or its name), the Kirillov-Reshetikhin q-Clebsch-Gordan coefficient
    (:func:`tqft.recoupling.racah_formulas.clebsch_gordan`; e.g.
    ``<1/2 1/2, 1/2 -1/2 | 1 0>_q = q^(-1/2) / sqrt([2])``), equal to this one at q = 1.

    >>> print(clebsch_gordan("1/2", "1/2", 1, "1/2", "-1/2", 0))
    sqrt(2)/2
    >>> print(clebsch_gordan("1/2", "1/2", 0, "1/2", "-1/2", 0))
    sqrt(2)/2
    >>> print(clebsch_gordan("1/2", "1/2", 0, "-1/2", "1/2", 0))
    -sqrt(2)/2
    """
    a, b, c = colour(j1, "j1"), colour(j2, "j2"), colour(j3, "j3")
    x, y, z = doubled(m1, "m1", signed=True), doubled(m2, "m2", signed=True), doubled(m3, "m3", signed=True)
    if context is not None:
        _guard(max(a, b, c), "Clebsch-Gordan coefficient", "reference")
        ctx = parse_context(context)
        with ctx.workspace():
            return racah_formulas.clebsch_gordan(ctx, a, b, c, x, y, z)
    w = threej_colours(a, b, c, x, y, -z)
    if not w:
        return ZERO
    w = w * _sqrt_int(c + 1)
    return -w if ((a - b + z) >> 1) & 1 else w


def wigner_6j(
    j1: Any, j2: Any, j3: Any, j4: Any, j5: Any, j6: Any, *, context: QContext[Any, Any] | str | None = None
) -> Any:
    """Wigner 6j symbol ``{j1 j2 j3; j4 j5 j6}``, exactly.

    Parameters
    ----------
    j1, ..., j6
        Spins in any form :mod:`tqft.spins` accepts.
    context
        ``None`` for the fast exact q = 1 path, or a :class:`~tqft.exact.QContext` or its name
        (``"generic"``, ``"root:5"``, ...): the Kirillov-Reshetikhin q-6j symbol there.

    Returns
    -------
    SqrtRational
        Exactly zero unless the four triads ``(j1 j2 j3)``, ``(j1 j5 j6)``, ``(j4 j2 j6)``,
        ``(j4 j5 j3)`` are admissible.

    Notes
    -----
    Racah's single-sum formula (Edmonds section 6.3, DLMF section 34.4), sympy's phase.  The value depends only on
    the triad sums and the opposite-pair sums, each up to order (144 symmetries); sorted,
    they are the cache key.

    Examples
    --------
    >>> print(wigner_6j(1, 2, 3, 2, 1, 2))
    sqrt(21)/105
    >>> print(wigner_6j(3, 3, 3, 3, 3, 3))
    -1/14
    >>> wigner_6j(1, 1, 1, 1, 1, 3)   # (1 1 3) violates the triangle rule
    SqrtRational(0)
    """
    if (
        context is None
        and type(j1) is int
        and type(j2) is int
        and type(j3) is int
        and type(j4) is int
        and type(j5) is int
        and type(j6) is int
        and (j1 | j2 | j3 | j4 | j5 | j6) >= 0  # OR of ints is negative iff one is
    ):
        return sixj_colours(j1 + j1, j2 + j2, j3 + j3, j4 + j4, j5 + j5, j6 + j6)
    a, b, c = colour(j1, "j1"), colour(j2, "j2"), colour(j3, "j3")
    d, e, f = colour(j4, "j4"), colour(j5, "j5"), colour(j6, "j6")
    if context is not None:
        _guard(max(a, b, c, d, e, f), "6j symbol", "reference")
        ctx = parse_context(context)
        with ctx.workspace():
            return racah_formulas.sixj(ctx, a, b, c, d, e, f)
    return sixj_colours(a, b, c, d, e, f)


def racah_w(a: Any, b: Any, c: Any, d: Any, e: Any, f: Any, *, context: QContext[Any, Any] | str | None = None) -> Any:
    """Racah W coefficient ``W(a b c d; e f) = (-1)^(a+b+c+d) {a b e; d c f}``, exactly.

    Same convention as ``sympy.physics.wigner.racah``.

    >>> print(racah_w(1, 1, 1, 1, 1, 1))
    1/6
    """
    ca, cb, cc = colour(a, "a"), colour(b, "b"), colour(c, "c")
    cd, ce, cf = colour(d, "d"), colour(e, "e"), colour(f, "f")
    if context is not None:
        _guard(max(ca, cb, cc, cd, ce, cf), "Racah W coefficient", "reference")
        ctx = parse_context(context)
        with ctx.workspace():
            six = racah_formulas.sixj(ctx, ca, cb, ce, cd, cc, cf)
            return six * ctx.value(ctx.sign((ca + cb + cc + cd) // 2))
    six = sixj_colours(ca, cb, ce, cd, cc, cf)
    # (a+b+c+d) is an integer whenever the symbol is nonzero
    return -six if ((ca + cb + cc + cd) >> 1) & 1 else six


def wigner_9j(
    j1: Any,
    j2: Any,
    j3: Any,
    j4: Any,
    j5: Any,
    j6: Any,
    j7: Any,
    j8: Any,
    j9: Any,
    *,
    context: QContext[Any, Any] | str | None = None,
) -> Any:
    """Wigner 9j symbol with rows ``(j1 j2 j3)``, ``(j4 j5 j6)``, ``(j7 j8 j9)``, exactly.

    Zero unless all six row and column triads are admissible.  Computed as the single
    sum over ``x`` of ``(-1)^(2x) (2x+1)`` times three 6j symbols (DLMF 34.6.2), with all
    Racah sums batched and the x-sum carried out on integers; agrees with
    ``sympy.physics.wigner.wigner_9j``.  72 symmetries (row and column permutations with
    the sign ``(-1)^(sum of spins)`` for odd ones, transposition) give the cache key.

    >>> print(wigner_9j(1, 1, 1, 1, 1, 1, 1, 1, 0))
    1/18
    >>> print(wigner_9j("1/2", "1/2", 0, "1/2", "1/2", 1, 1, 1, 1))
    sqrt(6)/18
    """
    m = tuple(colour(v, f"j{k}") for k, v in enumerate((j1, j2, j3, j4, j5, j6, j7, j8, j9), start=1))
    if context is not None:
        _guard(max(m), "9j symbol", "reference 9j")
        ctx = parse_context(context)
        if not isinstance(ctx, ClassicalContext):
            raise InvalidArgumentError(
                f"context = {ctx.name!r}: the 9j symbol is implemented at q = 1 only (its q-analogue depends on "
                "a choice of braiding); use the classical context"
            )
        return racah_formulas.ninej(ctx, m)
    return ninej_colours(*m)
