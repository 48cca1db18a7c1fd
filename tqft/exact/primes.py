"""Primes, prime-factorised factorials and square-free parts.

This is the arithmetic under the q = 1 fast path (the WIGXJPF method of Johansson and
Forssén, SIAM J. Sci. Comput. 38 (2016) A376): a product of factorials is carried as a
vector of prime exponents, so square roots of such products split into a rational part
and a square-free radicand without factoring any big integer.

* :func:`primes_up_to` -- a cached sieve.
* :func:`factorial_exponents` -- exponents of every prime ``p <= P`` in ``n!`` for a batch of
  ``n`` (a table for small ``n``, Legendre's formula ``sum_k floor(n / p^k)`` beyond it).
* :func:`prime_power_product` -- ``prod p^e`` by a balanced product tree.
* :func:`squarefree_decomposition` -- ``n = s^2 * f`` with ``f`` square-free, for general
  integers (trial division, then sympy's factorisation for a large cofactor).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Sequence

import gmpy2
import numpy as np

from ..errors import CostLimitError

__all__ = [
    "factorial_exponents",
    "first_primes",
    "prime_count",
    "prime_power_product",
    "primes_up_to",
    "squarefree_decomposition",
]

_lock = threading.Lock()
_sieve_limit = 0
_primes: np.ndarray = np.zeros(0, dtype=np.int64)

# Exponent table: row n holds the exponents of the first _TABLE_PRIMES primes in n!.
_TABLE_MAX = 1024
_TRIAL_LIMIT = 1 << 16
_FACTOR_BITS = 64  # composite cofactors beyond this are not factored (CostLimitError)
_table: np.ndarray | None = None


def _extend_sieve(n: int) -> None:
    global _sieve_limit, _primes
    limit = max(n, 2 * _sieve_limit, 1024)
    flags = np.ones(limit + 1, dtype=bool)
    flags[:2] = False
    for p in range(2, math.isqrt(limit) + 1):
        if flags[p]:
            flags[p * p :: p] = False
    _primes = np.nonzero(flags)[0].astype(np.int64)
    _sieve_limit = limit


def primes_up_to(n: int) -> np.ndarray:
    """All primes ``<= n`` as an ``int64`` numpy array (a read-only view of a cache).

    >>> primes_up_to(20).tolist()
    [2, 3, 5, 7, 11, 13, 17, 19]
    """
    if n > _sieve_limit:
        with _lock:
            if n > _sieve_limit:
                _extend_sieve(n)
    view = _primes[: prime_count(n)]
    view.flags.writeable = False
    return view


def first_primes(k: int) -> list[int]:
    """The first ``k`` primes as a list of Python ints.

    >>> first_primes(5)
    [2, 3, 5, 7, 11]
    """
    while len(_primes) < k:
        with _lock:
            _extend_sieve(2 * max(_sieve_limit, 1024))
    return _primes[:k].tolist()


def prime_count(n: int) -> int:
    """Number of primes ``<= n`` (``pi(n)``); extends the sieve if needed."""
    if n > _sieve_limit:
        primes_up_to(n)
    return int(np.searchsorted(_primes, n, side="right"))


def _build_table() -> np.ndarray:
    primes = primes_up_to(_TABLE_MAX)
    # exps[n, i] = exponent of primes[i] in n (not n!), then a cumulative sum gives n!.
    exps = np.zeros((_TABLE_MAX + 1, len(primes)), dtype=np.int64)
    for i, p in enumerate(primes.tolist()):
        pk = p
        while pk <= _TABLE_MAX:
            exps[pk::pk, i] += 1
            pk *= p
    table = np.cumsum(exps, axis=0)
    table.flags.writeable = False
    return table


def factorial_exponents(ns: Sequence[int] | np.ndarray, nprimes: int) -> np.ndarray:
    """Exponents of the first ``nprimes`` primes in ``n!`` for every ``n`` in ``ns``.

    Returns an ``int64`` array of shape ``(len(ns), nprimes)``.  ``nprimes`` must cover
    every prime ``<= max(ns)`` for the rows to be complete factorisations.

    >>> factorial_exponents([5, 6], 3).tolist()   # 5! = 2^3 3 5, 6! = 2^4 3^2 5
    [[3, 1, 1], [4, 2, 1]]
    """
    global _table
    arr = np.asarray(ns, dtype=np.int64)
    if arr.size == 0:
        return np.zeros((0, nprimes), dtype=np.int64)
    nmax = int(arr.max())
    if nmax <= _TABLE_MAX and nprimes <= prime_count(_TABLE_MAX):
        if _table is None:
            with _lock:
                if _table is None:
                    _table = _build_table()
        return _table[arr, :nprimes]
    # Legendre: e_p(n!) = sum_k floor(n / p^k), vectorised over (n, p).
    prime_count(2)  # make sure the sieve exists
    while len(_primes) < nprimes:
        with _lock:
            _extend_sieve(2 * max(_sieve_limit, 1024))
    primes = _primes[:nprimes]
    out = np.zeros((arr.size, nprimes), dtype=np.int64)
    col = arr[:, None]
    pk = primes.copy()
    live = pk <= nmax
    while live.any():
        out[:, live] += col // pk[live]
        # p^k grows past nmax after at most log2(nmax) rounds; cap to avoid int64 overflow
        pk = np.where(live, pk * primes, nmax + 1)
        live = pk <= nmax
    return out


def prime_power_product(primes: Iterable[int], exponents: Iterable[int]) -> int:
    """``prod p**e`` over pairs with ``e > 0``, multiplied in a balanced tree.

    Balanced multiplication keeps products of thousands of prime powers (6j symbols at
    spin 10^4) quasi-linear instead of quadratic.

    >>> prime_power_product([2, 3, 5], [3, 0, 1])
    40
    """
    factors = [gmpy2.mpz(p) ** e for p, e in zip(primes, exponents) if e > 0]
    if not factors:
        return 1
    while len(factors) > 1:
        paired = [factors[i] * factors[i + 1] for i in range(0, len(factors) - 1, 2)]
        if len(factors) % 2:
            paired.append(factors[-1])
        factors = paired
    return int(factors[0])


def squarefree_decomposition(n: int) -> tuple[int, int]:
    """Write a positive integer as ``n = s**2 * f`` with ``f`` square-free; return ``(s, f)``.

    Prime factors below 2^16 are removed by trial division over the cached sieve (every
    radicand of a recoupling formula with spins below about 16,000 is that smooth); a remaining
    cofactor is tested for being a perfect square or prime (sympy's BPSW test); a composite
    cofactor of at most 64 bits is factored by sympy, a larger one raises
    :class:`~tqft.errors.CostLimitError` instead of running for hours.  Radicands of
    recoupling values never get there: they are ratios of factorials.

    >>> squarefree_decomposition(72)   # 72 = 6^2 * 2
    (6, 2)
    """
    if n <= 0:
        raise ValueError(f"n = {n} must be a positive integer")
    s = 1
    f = 1
    m = gmpy2.mpz(n)
    cofactor_is_prime = False
    for p in primes_up_to(_TRIAL_LIMIT).tolist():
        if m == 1:
            break
        if p * p > m:
            cofactor_is_prime = True  # no factor <= sqrt(m) remains
            break
        if m % p == 0:
            m, k = gmpy2.remove(m, p)
            s *= p ** (k // 2)
            if k % 2:
                f *= p
    if m > 1:
        root, exact = gmpy2.iroot(m, 2)
        if exact:
            s *= int(root)
        elif cofactor_is_prime:
            f *= int(m)
        else:
            from sympy import factorint, isprime

            if isprime(int(m)):
                f *= int(m)
            elif m.bit_length() > _FACTOR_BITS:
                raise CostLimitError(
                    f"reducing sqrt({n}) to a square-free radicand needs the factorisation of a "
                    f"{m.bit_length()}-bit composite with no prime factor below {_TRIAL_LIMIT}; the limit "
                    f"is {_FACTOR_BITS} bits (radicands of recoupling values never get here: they are "
                    "ratios of factorials)"
                )
            else:
                for p, k in factorint(int(m)).items():
                    s *= p ** (k // 2)
                    if k % 2:
                        f *= p
    return int(s), int(f)
