"""Turaev-Viro invariants of closed triangulated 3-manifolds, exactly and numerically.

Conventions
-----------
Turaev & Viro, *State sum invariants of 3-manifolds and quantum 6j-symbols*, Topology 31
(1992) 865, with the tetrahedral symbols in Kauffman-Lins form (Kauffman & Lins,
*Temperley-Lieb Recoupling Theory*, 1994; :mod:`tqft.recoupling.kauffman_lins`), so that
no square roots occur.  For ``r >= 3`` and ``q`` a primitive ``2r``-th root of unity
(``q = exp(i pi / r)`` in the principal embedding), colours ``a = 2j`` run over
``0 .. r - 2``; a triangle ``(a, b, c)`` is admissible when ``a + b + c`` is even, the
triangle inequalities hold and ``a + b + c <= 2(r - 2)``.  For a closed triangulation
with ``V`` vertices::

    TV_r(M) = D^(-2V) sum_{admissible colourings} prod_edges Delta_a
              prod_tetrahedra Tet / prod_triangles theta

with ``Delta_a = (-1)^a [a + 1]``, ``theta`` and ``Tet`` the Kauffman-Lins theta and
tetrahedral nets and ``D^2 = sum_a Delta_a^2 = r / (2 sin^2(pi / r))``.  This equals the
usual form with unitary (symmetric) 6j symbols ``|Tet| / sqrt(prod theta)``: each
triangle is shared by two tetrahedra.  The normalisation gives ``TV(S^3) = D^-2`` and
``TV(S^2 x S^1) = 1`` (both tested), the same as Regina's ``turaevViro(r)``.

*Integer-spin variant* (``integer_spins=True``, odd ``r`` only): colours restricted to
even ``a`` (integer spins ``0 .. (r - 3)/2``), ``q = exp(2 pi i / r)`` a primitive
``r``-th root of unity, and ``D^2`` summed over the same colours.  This is the SO(3)
invariant used in the volume conjecture of Chen-Yang and Detcherry-Kalfagianni-Yang;
again ``TV(S^3) = D^-2`` and ``TV(S^2 x S^1) = 1``.

Results
-------
:func:`turaev_viro` returns a :class:`~tqft.exact.cyclotomic.Cyclotomic` in
``Q(zeta_N)``, ``N = 2r`` (``N = r`` for the integer-spin variant), whose principal
embedding ``zeta_N -> exp(2 pi i / N)`` is the value at ``q = zeta_N``; other roots of
unity are Galois conjugates (:meth:`~tqft.exact.cyclotomic.Cyclotomic.galois`).  It is
computed modulo primes and reconstructed (:mod:`tqft.tqft_models.modular_lanes`); the
sum itself is a contraction over an edge order (:mod:`tqft.tqft_models.state_sum`).
:func:`turaev_viro_numeric` runs the same contraction in float64 at any root
``q = exp(i pi m / r)`` as an independent check; for digits of the exact value use
``turaev_viro(...).to_mpmath(prec)``.

>>> from tqft.topology import census
>>> from tqft.tqft_models.turaev_viro import turaev_viro
>>> print(turaev_viro(census.three_sphere(), 5))
1/10*z10^3 - 1/10*z10^2 + 1/5
>>> turaev_viro(census.s2xs1(), 7) == 1
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from ..errors import InvalidArgumentError, InvalidTriangulationError
from ..exact.cyclotomic import Cyclotomic, cyclotomic_field
from . import modular_lanes as ml
from .state_sum import CellData, Tables, plan, sweep

__all__ = [
    "TVSpec",
    "closed_cells",
    "total_dimension_squared",
    "turaev_viro",
    "turaev_viro_numeric",
]


class TriangulationLike(Protocol):
    """What the state sums read from a triangulation (:class:`tqft.topology.triangulation.Triangulation`)."""

    @property
    def size(self) -> int: ...

    def tet_edges(self, t: int) -> tuple[int, ...]: ...

    def tet_triangles(self, t: int) -> tuple[int, ...]: ...

    def triangle_edges(self, f: int) -> tuple[int, ...]: ...

    def count_vertices(self) -> int: ...

    def count_edges(self) -> int: ...

    def count_triangles(self) -> int: ...

    def is_closed(self) -> bool: ...


MAX_R = 60


def _check_r(r: Any) -> int:
    if isinstance(r, bool) or not isinstance(r, int | np.integer) or not 3 <= int(r) <= MAX_R:
        raise InvalidArgumentError(f"r = {r!r} must be an integer with 3 <= r <= {MAX_R} (q = exp(i pi / r))")
    return int(r)


@dataclass(frozen=True)
class TVSpec:
    """Which Turaev-Viro invariant.

    * ``r``: the level is ``r - 2``; colours ``0 .. r - 2``;
    * ``integer_spins``: only even colours (integer spins), odd ``r`` only;
    * ``order``: ``q`` is a primitive ``order``-th root of unity; ``2r`` (default for all
      spins) or, for odd ``r``, ``r`` (default for integer spins).  With all spins and
      ``order = r`` this is Regina's ``turaevViro(r, parity=False)``.
    """

    r: int
    integer_spins: bool = False
    order: int = 0

    def __post_init__(self) -> None:
        _check_r(self.r)
        if self.integer_spins and self.r % 2 == 0:
            raise InvalidArgumentError(
                f"integer_spins=True needs an odd r (q = exp(2 pi i / r) of odd order); got r = {self.r}"
            )
        if self.order == 0:
            object.__setattr__(self, "order", self.r if self.integer_spins else 2 * self.r)
        allowed = (2 * self.r, self.r) if self.r % 2 else (2 * self.r,)
        if self.order not in allowed:
            raise InvalidArgumentError(
                f"order = {self.order!r}: q must be a primitive root of unity of order "
                f"{' or '.join(map(str, allowed))} for r = {self.r} (order r is possible for odd r only)"
            )

    @property
    def colours(self) -> np.ndarray:
        step = 2 if self.integer_spins else 1
        return np.arange(0, self.r - 1, step, dtype=np.int64)

    def admissible(self, a: int, b: int, c: int) -> bool:
        return (a + b + c) % 2 == 0 and a <= b + c and b <= a + c and c <= a + b and a + b + c <= 2 * (self.r - 2)

    @property
    def max_colour(self) -> int:
        return self.r - 2

    @property
    def level_zero(self) -> int:
        """``[n] = 0`` exactly when this divides ``n`` (0: never, the classical case)."""
        return self.r


class SpecLike(Protocol):
    """What the local factors need from a state-sum specification (:class:`TVSpec`, or
    :class:`~tqft.tqft_models.ponzano_regge.PRSpec` at q = 1)."""

    @property
    def order(self) -> int: ...

    @property
    def colours(self) -> np.ndarray: ...

    @property
    def max_colour(self) -> int: ...

    @property
    def level_zero(self) -> int: ...

    def admissible(self, a: int, b: int, c: int) -> bool: ...


# -- local factors, vectorised over lanes ------------------------------------------------------


class _Ring:
    """Modular (``moduli`` given) or float64 arithmetic on lane-major arrays."""

    def __init__(self, moduli: np.ndarray | None) -> None:
        self.moduli = moduli

    @property
    def dtype(self) -> type:
        return np.int64 if self.moduli is not None else np.float64

    def _m(self, x: np.ndarray) -> np.ndarray:
        assert self.moduli is not None
        return self.moduli if np.ndim(x) == 2 else self.moduli[:, 0]

    def mul(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        if self.moduli is None:
            return x * y
        prod = x * y
        return prod % self._m(prod)

    def reduce(self, x: np.ndarray) -> np.ndarray:
        return x if self.moduli is None else x % self._m(x)

    def neg(self, x: np.ndarray) -> np.ndarray:
        return -x if self.moduli is None else (-x) % self._m(x)


def _quantum_integers(spec: SpecLike, ring: _Ring, q: np.ndarray, nmax: int) -> np.ndarray:
    """``[n]`` for ``n = 0 .. nmax`` on every lane; ``[n] = 0`` exactly when ``r | n``
    (``[n] = n`` in the classical case, ``order = 1``)."""
    lanes = q.shape[0]
    out: np.ndarray = np.zeros((lanes, nmax + 1), dtype=ring.dtype)
    if spec.order == 1:
        out[:] = np.arange(nmax + 1, dtype=ring.dtype)
        return out
    if ring.moduli is None:
        # q = exp(i theta): [n] = sin(n theta) / sin(theta)
        theta = q[:, 0]
        for n in range(nmax + 1):
            out[:, n] = 0.0 if n % spec.level_zero == 0 else np.sin(n * theta) / np.sin(theta)
        return out
    p = ring.moduli
    qinv = ml.mod_inverse(q, p)
    den = ml.mod_inverse((q - qinv) % p, p)
    qn = np.ones_like(q)
    qni = np.ones_like(q)
    for n in range(nmax + 1):
        out[:, n : n + 1] = ((qn - qni) % p) * den % p
        qn = qn * q % p
        qni = qni * qinv % p
    if np.any(out[:, [n for n in range(1, nmax + 1) if n % spec.level_zero]] == 0):  # pragma: no cover - p = 1 mod N
        raise ArithmeticError("a quantum integer below the level vanished modulo a lane prime")
    return out


def _tables(spec: SpecLike, ring: _Ring, q: np.ndarray) -> Tables:
    colours = spec.colours
    cmax = spec.max_colour
    # quantum factorials are invertible below the level (everywhere in the classical case)
    r = spec.level_zero or 2 * cmax + 3
    base = cmax + 1
    fmax = 2 * cmax + 2
    qint = _quantum_integers(spec, ring, q, fmax)
    lanes = q.shape[0]
    fact: np.ndarray = np.ones((lanes, fmax + 1), dtype=ring.dtype)
    for n in range(1, fmax + 1):
        fact[:, n] = ring.mul(fact[:, n - 1], qint[:, n])
    # inverse factorials exist below the level only; larger arguments never occur in a
    # denominator of an admissible colouring
    inv_fact = np.zeros_like(fact)
    low = fact[:, :r]
    inv_fact[:, :r] = 1.0 / low if ring.moduli is None else ml.mod_inverse(low, ring.moduli)

    delta: np.ndarray = np.zeros((lanes, base), dtype=ring.dtype)
    for a in range(base):
        delta[:, a] = qint[:, a + 1] if a % 2 == 0 else ring.neg(qint[:, a + 1])

    grid = np.stack(np.meshgrid(colours, colours, colours, indexing="ij"), axis=-1).reshape(-1, 3)
    ga, gb, gc = grid[:, 0], grid[:, 1], grid[:, 2]
    level_ok = ga + gb + gc <= 2 * cmax if spec.level_zero else np.ones(ga.size, dtype=bool)
    keep = ((ga + gb + gc) % 2 == 0) & (ga <= gb + gc) & (gb <= ga + gc) & (gc <= ga + gb) & level_ok
    triples = grid[keep]
    a, b, c = triples[:, 0], triples[:, 1], triples[:, 2]
    codes = (a * base + b) * base + c
    admissible = np.zeros(base**3, dtype=bool)
    admissible[codes] = True
    half = (a + b + c) // 2
    # theta(a, b, c) = (-1)^s [s+1]! [s-a]! [s-b]! [s-c]! / ([a]! [b]! [c]!), s = (a+b+c)/2;
    # 1/theta needs only inverse factorials below the level and one inverse of [s+1]!
    num = ring.mul(ring.mul(inv_fact[:, half - a], inv_fact[:, half - b]), inv_fact[:, half - c])
    num = ring.mul(num, ring.mul(ring.mul(fact[:, a], fact[:, b]), fact[:, c]))
    num = ring.mul(num, inv_fact[:, half + 1])
    inv_theta: np.ndarray = np.zeros((lanes, base**3), dtype=ring.dtype)
    inv_theta[:, codes] = np.where(half % 2 == 0, num, ring.neg(num))

    def tet(cols: np.ndarray) -> np.ndarray:
        e01, e02, e03, e12, e13, e23 = (cols[:, i] for i in range(6))
        faces = [(e12, e13, e23), (e02, e03, e23), (e01, e03, e13), (e01, e02, e12)]
        a = np.stack([(x + y + z) // 2 for x, y, z in faces], axis=1)
        total = cols.sum(axis=1)
        b = np.stack([(total - e01 - e23) // 2, (total - e02 - e13) // 2, (total - e03 - e12) // 2], axis=1)
        prefactor: np.ndarray = np.ones((lanes, cols.shape[0]), dtype=ring.dtype)
        for i in range(4):
            for j in range(3):
                prefactor = ring.mul(prefactor, fact[:, b[:, j] - a[:, i]])
        for k in range(6):
            prefactor = ring.mul(prefactor, inv_fact[:, cols[:, k]])
        lo = a.max(axis=1)
        hi = b.min(axis=1)
        acc: np.ndarray = np.zeros((lanes, cols.shape[0]), dtype=ring.dtype)
        for s in range(int(lo.min()), int(hi.max()) + 1):
            valid = (lo <= s) & (s <= hi)
            if not valid.any():
                continue
            idx = np.flatnonzero(valid)
            term = fact[:, s + 1][:, None] * np.ones((1, idx.size), dtype=ring.dtype)
            for i in range(4):
                term = ring.mul(term, inv_fact[:, s - a[idx, i]])
            for j in range(3):
                term = ring.mul(term, inv_fact[:, b[idx, j] - s])
            if s % 2:
                term = ring.neg(term)
            acc[:, idx] = ring.reduce(acc[:, idx] + term)
        return ring.mul(prefactor, acc)

    return Tables(
        colours=colours,
        base=base,
        delta=delta,
        inv_theta=inv_theta,
        admissible=admissible,
        tet=tet,
        mul=ring.mul,
        reduce=ring.reduce,
        lanes=lanes,
        dtype=ring.dtype,
    )


def _rho(tables: Tables) -> float:
    """Fraction of admissible triples among the allowed colours (for the cost model)."""
    n = tables.colours.size
    return float(tables.admissible.sum()) / n**3


def _dimension_squared_lanes(tables: Tables, ring: _Ring) -> np.ndarray:
    d = tables.delta[:, tables.colours]
    return ring.reduce(ring.mul(d, d).sum(axis=1, keepdims=True))


# -- cells of a closed triangulation -------------------------------------------------------------


def closed_cells(tri: TriangulationLike) -> CellData:
    """The :class:`~tqft.tqft_models.state_sum.CellData` of a closed triangulation: every
    edge weighted, every triangle carrying ``1/theta``, every vertex ``D^-2``."""
    if not tri.is_closed():
        raise InvalidTriangulationError(
            "the triangulation is not closed (it has boundary, ideal vertices or is invalid); "
            "Turaev-Viro invariants of closed manifolds need a closed triangulation -- use "
            "tqft.tqft_models.cobordism3d for manifolds with boundary"
        )
    tets = tuple(tuple(int(e) for e in tri.tet_edges(t)) for t in range(tri.size))
    triangles = tuple(tuple(int(e) for e in tri.triangle_edges(f)) for f in range(tri.count_triangles()))
    return CellData(
        n_edges=tri.count_edges(),
        tets=tets,  # type: ignore[arg-type]
        triangles=triangles,  # type: ignore[arg-type]
        theta_faces=tuple(range(len(triangles))),
        weighted_edges=frozenset(range(tri.count_edges())),
        open_edges=(),
        vertices=tri.count_vertices(),
    )


# -- exact values ---------------------------------------------------------------------------------

#: primes per attempt (the last one confirms the reconstruction); doubled until it succeeds
_FIRST_PRIMES = 3


@lru_cache(maxsize=16)
def _lane_tables(spec: SpecLike, lanes: ml.LaneSet) -> tuple[_Ring, Tables]:
    """Local factors for one spec and lane set, built once per process (their memo of
    tetrahedral symbols keeps growing with use)."""
    ring = _Ring(lanes.moduli)
    return ring, _tables(spec, ring, lanes.q)


def lane_sums(cells: CellData, spec: TVSpec, lanes: ml.LaneSet) -> tuple[np.ndarray, np.ndarray]:
    """The normalised state sum (``D^-2`` per vertex of ``cells.vertices``) on every lane:
    ``(keys, values)`` as in :func:`~tqft.tqft_models.state_sum.sweep`."""
    ring, tables = _lane_tables(spec, lanes)
    keys, values = sweep(cells, tables, plan(cells, tables.colours.size, _rho(tables)))
    if cells.vertices:
        d2 = _dimension_squared_lanes(tables, ring)
        factor = ml.mod_pow(ml.mod_inverse(d2, lanes.moduli), cells.vertices, lanes.moduli)
        values = ring.mul(values, factor)
    return keys, values


def exact_values(cells: CellData, spec: TVSpec) -> tuple[np.ndarray, list[Cyclotomic]]:
    """Exact state-sum values for every colouring of the open edges (one value when closed)."""
    count = _FIRST_PRIMES
    primes: list[int] = []
    values_by_prime: list[np.ndarray] = []
    keys_ref: np.ndarray | None = None
    while True:
        new = ml.lane_primes(spec.order, count)[len(primes) :]
        lanes = ml.LaneSet(spec.order, tuple(new))
        keys, vals = lane_sums(cells, spec, lanes)
        if keys_ref is None:
            keys_ref = keys
        elif not np.array_equal(keys, keys_ref):  # pragma: no cover - deterministic sweep
            raise ArithmeticError("state-sum tables differ between primes")
        primes.extend(new)
        values_by_prime.append(vals)
        all_lanes = ml.LaneSet(spec.order, tuple(primes))
        if keys_ref.shape[0] == 0:
            return keys_ref, []
        out = ml.reconstruct(all_lanes, np.concatenate(values_by_prime, axis=0))
        if out is not None:
            return keys_ref, out
        count *= 2
        if count > 64:  # pragma: no cover - coefficients of thousands of digits
            raise ArithmeticError("rational reconstruction did not stabilise with 64 primes")


def _as_spec(r: int, integer_spins: bool, order: int | None = None) -> TVSpec:
    return TVSpec(_check_r(r), bool(integer_spins), int(order or 0))


def turaev_viro(tri: TriangulationLike, r: int, *, integer_spins: bool = False, order: int | None = None) -> Cyclotomic:
    """The Turaev-Viro invariant ``TV_r(M)`` of a closed triangulation, exactly.

    The result lies in ``Q(zeta_N)`` with ``N = 2r`` (``N = r`` for ``integer_spins``),
    principal embedding ``q = zeta_N``; see the module docstring for the normalisation.

    >>> from tqft.topology import census
    >>> tv = turaev_viro(census.lens_space(7, 2), 5)
    >>> print(tv)
    -1/10*z10^3 + 1/10*z10^2 + 3/10
    >>> tv.decimal(20)
    '0.36180339887498948482'
    >>> turaev_viro(census.lens_space(5, 2), 5) == 0
    True
    """
    spec = _as_spec(r, integer_spins, order)
    cells = closed_cells(tri)
    _, values = exact_values(cells, spec)
    field = cyclotomic_field(spec.order)
    return values[0] if values else field.zero


def turaev_viro_numeric(
    tri: TriangulationLike, r: int, *, integer_spins: bool = False, order: int | None = None, root: int = 1
) -> float:
    """``TV_r(M)`` in float64 at ``q = exp(2 pi i root / N)`` (``N = 2r``, or ``r`` for
    integer spins), by the same contraction in floating point: an independent check of
    :func:`turaev_viro`, and a fast estimate when only a few digits are wanted.

    ``root`` must be a unit modulo ``N``.
    """
    spec = _as_spec(r, integer_spins, order)
    N = spec.order
    if isinstance(root, bool) or not isinstance(root, int) or math.gcd(root, N) != 1:
        raise InvalidArgumentError(f"root = {root!r} must be an integer coprime to N = {N} (q = exp(2 pi i root / N))")
    cells = closed_cells(tri)
    ring = _Ring(None)
    q = np.array([[2 * math.pi * root / N]])
    tables = _tables(spec, ring, q)
    _, values = sweep(cells, tables, plan(cells, tables.colours.size, _rho(tables)))
    total = float(values.sum()) if values.size else 0.0
    d2 = float(_dimension_squared_lanes(tables, ring)[0, 0])
    return total / d2**cells.vertices


def total_dimension_squared(r: int, *, integer_spins: bool = False, order: int | None = None) -> Cyclotomic:
    """``D^2 = sum_a Delta_a^2`` over the allowed colours, exactly in ``Q(zeta_N)``.

    >>> print(total_dimension_squared(5))
    -2*z10^3 + 2*z10^2 + 6
    """
    spec = _as_spec(r, integer_spins, order)
    K = cyclotomic_field(spec.order)
    z = K.zeta
    zi = z ** (spec.order - 1)
    total = K.zero
    for a in spec.colours:
        qa = (z ** (int(a) + 1) - zi ** (int(a) + 1)) / (z - zi)
        total = total + qa * qa
    return total
