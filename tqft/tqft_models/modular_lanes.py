"""Exact cyclotomic values from computations modulo primes ("lanes").

A value ``x`` in the cyclotomic field ``Q(zeta_N)`` is determined by its images under the
ring maps ``Z[zeta_N][1/d] -> F_p``, ``zeta_N -> w^k``, where ``p = 1 (mod N)`` is a prime,
``w`` an element of order exactly ``N`` in ``F_p`` and ``k`` runs over the units modulo
``N``: writing ``x = sum_{i < phi(N)} c_i zeta^i``, the ``phi(N)`` images
``sum_i c_i w^(k i)`` form an invertible Vandermonde system for the ``c_i mod p``
(the ``w^k`` are the distinct roots of ``Phi_N`` in ``F_p``).  Coefficients modulo
several primes are combined by the Chinese remainder theorem and lifted to rationals by
rational reconstruction (Wang's algorithm: the unique ``a/b`` with
``|a|, b <= sqrt(M/2)`` congruent to the residue modulo ``M``, when it exists).  The lift
is accepted only when one further prime, not used for it, agrees: a wrong lift would have
to agree with an independent residue by chance (probability about ``1/p`` per
coefficient, ``p ~ 2^31``).

A *lane* is one pair ``(p, k)``.  A computation that is a polynomial expression in
``q = zeta`` with denominators prime to ``p`` (quantum factorials below the level, say)
is run once per lane, vectorised over lanes with numpy ``int64`` (every residue is
below ``2^31``, so a product of two fits in 63 bits).  When the value is fixed by the
automorphism ``zeta -> zeta^-1`` (real elements, such as every Turaev-Viro state sum),
only the units ``k < N/2`` are evaluated and the others are read off by symmetry.

This module is the arithmetic; :mod:`tqft.tqft_models.turaev_viro` runs state sums on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import flint
import gmpy2
import numpy as np

from ..errors import NotRepresentableError
from ..exact.cyclotomic import Cyclotomic, cyclotomic_field

__all__ = ["LaneSet", "lane_primes", "reconstruct", "root_of_order"]

#: every prime is below this bound, so products of two residues fit in int64
PRIME_BOUND = 1 << 31


def _prime_factors(n: int) -> list[int]:
    out, m, d = [], n, 2
    while d * d <= m:
        if m % d == 0:
            out.append(d)
            while m % d == 0:
                m //= d
        d += 1
    if m > 1:
        out.append(m)
    return out


@lru_cache(maxsize=256)
def _lane_primes(N: int, count: int, below: int) -> tuple[int, ...]:
    out: list[int] = []
    p = (below - 1) // N * N + 1
    if p >= below:
        p -= N
    while len(out) < count and p > N:
        if gmpy2.is_prime(p):
            out.append(p)
        p -= N
    return tuple(out)


def lane_primes(N: int, count: int, below: int = PRIME_BOUND) -> list[int]:
    """The ``count`` largest primes ``p < below`` with ``p = 1 (mod N)``.

    >>> lane_primes(10, 2, below=100)
    [71, 61]
    """
    return list(_lane_primes(N, count, below))


@lru_cache(maxsize=1024)
def root_of_order(N: int, p: int) -> int:
    """The smallest-base element of exact multiplicative order ``N`` in ``F_p``
    (``N`` divides ``p - 1``): ``g^((p-1)/N)`` for the first ``g = 2, 3, ...`` that works.

    >>> w = root_of_order(8, 17); pow(w, 8, 17), pow(w, 4, 17)
    (1, 16)
    """
    if (p - 1) % N:
        raise ValueError(f"N = {N} does not divide p - 1 = {p - 1}")
    factors = _prime_factors(N)
    g = 2
    while True:
        w = pow(g, (p - 1) // N, p)
        if all(pow(w, N // ell, p) != 1 for ell in factors):
            return w
        g += 1


@dataclass(frozen=True)
class LaneSet:
    """Lanes for ``Q(zeta_N)``: primes ``p_1 > p_2 > ...`` (``p = 1 mod N``) and, for each, the
    evaluation points ``q = w^k``.

    ``real=True`` keeps the units ``k < N/2`` only (enough for values fixed by
    ``zeta -> zeta^-1``).  Arrays (numpy ``int64``, one row per lane):

    * :attr:`moduli` -- ``p`` of each lane, shape ``(L, 1)``;
    * :attr:`q` -- ``q`` of each lane, shape ``(L, 1)``.
    """

    N: int
    primes: tuple[int, ...]
    real: bool = True

    @property
    def units(self) -> tuple[int, ...]:
        N = self.N
        ks = [k for k in range(1, N) if math.gcd(k, N) == 1]
        if self.real and N > 2:
            ks = [k for k in ks if 2 * k < N]
        return tuple(ks) if N > 1 else (0,)

    @property
    def per_prime(self) -> int:
        return len(self.units)

    @property
    def size(self) -> int:
        return self.per_prime * len(self.primes)

    @property
    def moduli(self) -> np.ndarray:
        return np.repeat(np.array(self.primes, dtype=np.int64), self.per_prime).reshape(-1, 1)

    @property
    def q(self) -> np.ndarray:
        out: list[int] = []
        for p in self.primes:
            w = root_of_order(self.N, p) if self.N > 1 else 1
            out.extend(pow(w, k, p) for k in self.units)
        return np.array(out, dtype=np.int64).reshape(-1, 1)

    def split(self, values: np.ndarray) -> list[np.ndarray]:
        """Rows of a lane-major array grouped by prime."""
        m = self.per_prime
        return [values[i * m : (i + 1) * m] for i in range(len(self.primes))]


def _coefficients_mod_p(lanes: LaneSet, rows: np.ndarray, p: int) -> np.ndarray:
    """Solve the Vandermonde system of one prime: ``rows`` (per_prime x K) are the values
    at ``q = w^k`` for the lane units; returns the ``phi(N) x K`` coefficients mod ``p``."""
    N = lanes.N
    if N <= 2:
        return rows % p
    all_units = [k for k in range(1, N) if math.gcd(k, N) == 1]
    lane_index = {k: i for i, k in enumerate(lanes.units)}
    # values at every unit: the conjugate k -> N - k has the same value for real elements
    idx = [lane_index[k] if k in lane_index else lane_index[N - k] for k in all_units]
    rhs = rows[idx]
    # exact modular product with Python ints (phi and K are small)
    return (_vandermonde_inverse(N, p).dot(rhs.astype(object))) % p


@lru_cache(maxsize=256)
def _vandermonde_inverse(N: int, p: int) -> np.ndarray:
    """Inverse modulo ``p`` of ``(w^(k i))`` over the units ``k`` and ``i < phi(N)``."""
    w = root_of_order(N, p)
    all_units = [k for k in range(1, N) if math.gcd(k, N) == 1]
    phi = len(all_units)
    inv = flint.nmod_mat([[pow(w, k * i, p) for i in range(phi)] for k in all_units], p).inv()
    return np.array([[int(inv[i, j]) for j in range(phi)] for i in range(phi)], dtype=object)


def _rational_reconstruction(a: int, m: int) -> Fraction | None:
    """Wang's rational reconstruction: ``n/d = a (mod m)`` with ``|n|, d <= sqrt(m/2)``."""
    a %= m
    bound = gmpy2.isqrt(m // 2)
    r0, r1 = m, a
    s0, s1 = 0, 1
    while r1 > bound:
        qq = r0 // r1
        r0, r1 = r1, r0 - qq * r1
        s0, s1 = s1, s0 - qq * s1
    if s1 == 0 or abs(s1) > bound or math.gcd(int(r1), int(abs(s1))) != 1:
        return None
    return Fraction(int(r1), int(s1))


def reconstruct(lanes: LaneSet, values: np.ndarray, embedding: int = 1) -> list[Cyclotomic] | None:
    """Cyclotomic numbers from lane values, or ``None`` if the primes do not suffice.

    ``values`` has shape ``(L, K)`` (K numbers at once).  All primes but the last are used
    for CRT and rational reconstruction; the last one must then agree with the lifted
    coefficients, otherwise ``None`` is returned and the caller adds primes.
    """
    if len(lanes.primes) < 2:
        raise ValueError("reconstruction needs at least two primes (one of them to confirm)")
    per_prime = lanes.split(values)
    coeff_mod = [_coefficients_mod_p(lanes, rows, p) for rows, p in zip(per_prime, lanes.primes, strict=True)]
    use = lanes.primes[:-1]
    modulus = math.prod(use)
    phi, K = coeff_mod[0].shape
    field = cyclotomic_field(max(lanes.N, 1), embedding)
    check_p = lanes.primes[-1]
    out: list[Cyclotomic] = []
    for col in range(K):
        coeffs: list[Fraction] = []
        for i in range(phi):
            residue, m = 0, 1
            for cm, p in zip(coeff_mod[:-1], use, strict=True):
                r = int(cm[i, col])
                # CRT step: x = residue (mod m), x = r (mod p)
                t = ((r - residue) * pow(m, -1, p)) % p
                residue += m * t
                m *= p
            frac = _rational_reconstruction(residue, modulus)
            if frac is None:
                return None
            if (frac.numerator - frac.denominator * int(coeff_mod[-1][i, col])) % check_p:
                return None
            coeffs.append(frac)
        poly = flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) for c in coeffs])
        out.append(Cyclotomic(field, poly))
    return out


def require_invertible(values: np.ndarray, moduli: np.ndarray, what: str) -> None:
    """Raise if any lane value is zero modulo its prime (an unlucky prime; callers
    choose primes so that this cannot happen for the quantities they divide by)."""
    if np.any(values % moduli == 0):
        raise NotRepresentableError(f"{what} vanishes modulo a lane prime; it cannot be inverted there")


def mod_inverse(values: np.ndarray, moduli: np.ndarray) -> np.ndarray:
    """Elementwise modular inverse (Fermat), for int64 arrays broadcast against ``moduli``."""
    return mod_pow(values, moduli - 2, moduli)


def mod_pow(base: np.ndarray, exponent: np.ndarray | int, moduli: np.ndarray) -> np.ndarray:
    """Elementwise ``base^exponent mod p`` by square-and-multiply on int64 arrays."""
    b = np.broadcast_to(base % moduli, np.broadcast_shapes(np.shape(base), np.shape(moduli))).copy()
    e = np.broadcast_to(np.asarray(exponent, dtype=np.int64), b.shape).copy()
    result = np.ones_like(b)
    while np.any(e > 0):
        odd = (e & 1).astype(bool)
        result = np.where(odd, (result * b) % moduli, result)
        b = (b * b) % moduli
        e >>= 1
    return result
