"""Identities of the 3D state sums: Turaev-Viro invariance, gluing, Turaev-Walker.

Every case is exact (values in ``Q(zeta_N)`` compared structurally).

* ``tv_pachner_invariance`` -- a seeded random sequence of Pachner moves (2-3, 3-2, 1-4,
  4-1) on a built-in triangulation leaves ``TV_r`` unchanged (Turaev-Viro; the 2-3 move
  is the Biedenharn-Elliott identity, the 1-4 move the orthogonality relation).
* ``tv_gluing`` -- cutting a closed triangulation into a random region and its
  complement, ``TV_r(M) = sum_b Z(A)_b Z(B)_b mu_S(b)``
  (:func:`tqft.tqft_models.cobordism3d.glue_regions`).
* ``turaev_walker_lens`` -- ``TV_r(L(p,q)) = |Z_RT(L(p,q))|^2`` at level ``k = r - 2``,
  for every ``p <= 12``, every ``q`` coprime to ``p`` and ``r = 3..12`` (Turaev-Walker;
  ``Z_RT`` from the SL(2,Z) representation, :func:`tqft.tqft_models.reshetikhin_turaev.z_lens`).
* ``tv_odd_splitting`` -- for odd ``r`` the all-spin invariant at a primitive ``r``-th root
  of unity is the integer-spin (SO(3)) invariant times ``TV_3`` at a primitive cube root
  of unity (a Kirby-Melvin-type splitting; the left side is checked against Regina's
  ``parity=False`` values in the tests).
* ``tv_normalisation`` -- ``TV_r(S^3) = D^-2`` and ``TV_r(S^2 x S^1) = 1``.
"""

from __future__ import annotations

import math
import random
from functools import lru_cache
from typing import Any

from .core import CheckResult, Domain, integer, registrar

__all__: list[str] = []

_REFERENCE = "Turaev & Viro, Topology 31 (1992) 865; Turaev, Quantum Invariants (1994); Walker (1991)"

_register = registrar(default_max_spin=6, random_max_spin=40, tags=("tqft", "Turaev-Viro", "state sum"))

_BUILTINS = ("s3", "s2xs1", "poincare", "lens:5,2", "lens:7,3", "lens:8,3")


@lru_cache(maxsize=64)
def _builtin(name: str) -> Any:
    from ..tqft_models.cli_state_sums import resolve_triangulation

    return resolve_triangulation(name)


@lru_cache(maxsize=512)
def _tv(signature: str, r: int, integer_spins: bool = False, order: int = 0) -> Any:
    from ..topology.triangulation import Triangulation
    from ..tqft_models.turaev_viro import turaev_viro

    return turaev_viro(Triangulation.from_isosig(signature), r, integer_spins=integer_spins, order=order or None)


def _r_from(seed: int, low: int = 3, high: int = 8) -> int:
    return low + seed % (high - low + 1)


# --- Pachner invariance --------------------------------------------------------------------------


def _pachner(r: int, seed: int) -> CheckResult:
    rng = random.Random(f"pachner:{r}:{seed}")
    name = rng.choice(_BUILTINS)
    tri = _builtin(name)
    moved = tri.random_moves(rng.randint(1, 8), seed=seed)
    lhs = _tv(moved.isosig(), r)
    rhs = _tv(tri.isosig(), r)
    return CheckResult(lhs == rhs, (name, moved.isosig(), lhs), rhs)


_register(
    "tv_pachner_invariance",
    "Turaev-Viro invariance under random Pachner moves",
    r"TV_r(\mathcal{T}') = TV_r(\mathcal{T}) \text{ for } \mathcal{T}' \text{ obtained by 2-3, 3-2, 1-4, 4-1 moves}",
    _pachner,
    _REFERENCE,
    domain=Domain((integer("r", 3, 8), integer("seed", 0))),
)


# --- gluing ---------------------------------------------------------------------------------------


def _gluing(r: int, seed: int) -> CheckResult:
    from ..tqft_models.cobordism3d import glue_regions

    rng = random.Random(f"gluing:{r}:{seed}")
    tri = _builtin(rng.choice(("poincare", "lens:7,3", "lens:8,3"))).random_moves(rng.randint(0, 4), seed=seed)
    if tri.size < 2:
        tri = _builtin("poincare")
    part = rng.sample(range(tri.size), rng.randint(1, tri.size - 1))
    glued, _, _ = glue_regions(tri, part, r)
    return CheckResult(glued == _tv(tri.isosig(), r), (tri.isosig(), sorted(part), glued), _tv(tri.isosig(), r))


_register(
    "tv_gluing",
    "Gluing: TV of a closed manifold is the pairing of its two halves",
    r"TV_r(A \cup_S B) = \sum_b Z(A)_b\, Z(B)_b\, \mu_S(b)",
    _gluing,
    _REFERENCE,
    domain=Domain((integer("r", 3, 7), integer("seed", 0))),
)


# --- Turaev-Walker ------------------------------------------------------------------------------


def _lens_pairs(p: int) -> list[int]:
    return [q for q in range(p) if math.gcd(p, q) == 1] if p > 1 else [0]


def _turaev_walker(r: int, p: int) -> CheckResult:
    from ..algebra.modular import modular_data
    from ..topology import census
    from ..tqft_models.reshetikhin_turaev import z_lens

    md = modular_data(r - 2)
    lhs, rhs, ok = [], [], True
    for q in _lens_pairs(p):
        z = z_lens(p, q, r - 2)
        abs2 = z * z.conjugate()
        tv = md.lift(_tv(census.lens_space(p, q).isosig(), r))
        lhs.append(tv)
        rhs.append(abs2)
        ok = ok and tv == abs2
    return CheckResult(ok, tuple(lhs), tuple(rhs))


_register(
    "turaev_walker_lens",
    "Turaev-Walker on lens spaces: TV_r(L(p,q)) = |Z_RT(L(p,q))|^2",
    r"TV_r(L(p,q)) = |Z_{RT}^{SU(2)_{r-2}}(L(p,q))|^2,\ \text{all } q \perp p",
    _turaev_walker,
    "Turaev (1991), Walker (1991); Jeffrey, CMP 147 (1992) 563",
    domain=Domain((integer("r", 3, 12), integer("p", 1, 12))),
)


# --- odd r splitting ----------------------------------------------------------------------------


def _odd_splitting(r: int, seed: int) -> CheckResult:
    from ..topology.triangulation import Triangulation
    from ..tqft_models.turaev_viro import turaev_viro

    if r % 2 == 0:
        r += 1
    rng = random.Random(f"odd:{r}:{seed}")
    name = rng.choice(("poincare", "lens:7,2", "lens:8,3", "lens:6,1", "weeks"))
    sig = _builtin(name).isosig()
    tri = Triangulation.from_isosig(sig)
    lhs = turaev_viro(tri, r, order=r)
    rhs = _tv(sig, r, True) * _tv(sig, 3, False, 3).to_fraction()
    return CheckResult(lhs == rhs, (name, lhs), rhs)


_register(
    "tv_odd_splitting",
    "Odd r: TV at a primitive r-th root of unity = SO(3) invariant x TV_3 (order 3)",
    r"TV_r(M; e^{2\pi i/r}) = TV_r^{SO(3)}(M)\, TV_3(M; e^{2\pi i/3}),\ r \text{ odd}",
    _odd_splitting,
    "Kirby & Melvin, Invent. Math. 105 (1991) 473 (the analogous splitting of RT invariants)",
    domain=Domain((integer("r", 5, 11), integer("seed", 0))),
)


# --- normalisation --------------------------------------------------------------------------------


def _normalisation(r: int) -> CheckResult:
    from ..tqft_models.turaev_viro import total_dimension_squared

    s3 = _tv(_builtin("s3").isosig(), r)
    s2s1 = _tv(_builtin("s2xs1").isosig(), r)
    d2 = total_dimension_squared(r)
    return CheckResult(s3 * d2 == 1 and s2s1 == 1, (s3 * d2, s2s1), (1, 1))


_register(
    "tv_normalisation",
    "TV(S^3) = D^-2 and TV(S^2 x S^1) = 1",
    r"TV_r(S^3) = \mathcal{D}^{-2},\quad TV_r(S^2\times S^1) = 1",
    _normalisation,
    _REFERENCE,
    domain=Domain((integer("r", 3, 24),)),
)
