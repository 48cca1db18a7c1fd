"""Triangulated 3-manifolds: invariance under Pachner moves and relabelling, checked exactly.

Every case is one named triangulation (index ``m`` into :data:`MANIFOLDS`) and a seed;
the seed fixes a random sequence of Pachner moves (:meth:`~tqft.topology.triangulation.
Triangulation.random_moves`) and a random relabelling, so a failing case can be replayed
exactly.  The manifolds cover closed orientable (lens spaces, the Poincare sphere, the
Weeks manifold), closed non-orientable (``RP^2 x S^1``, the twisted ``S^2`` bundle), ideal
(figure-eight and Whitehead link complements, the Gieseking manifold) and bounded (a
layered solid torus) triangulations.

What a pass proves: Pachner moves preserve the homeomorphism type, so ``H_1`` (computed
from the cell complex), validity, closedness, orientability, the boundary surfaces and
the non-sphere vertex links (cusps, boundary vertices) must not change; so must
``V - E + F - T`` (each move changes the f-vector by a multiple of ``(0, 1, 2, 1)`` or
``(1, 4, 6, 3)``).  The isomorphism
signature is a relabelling invariant that decodes to an isomorphic triangulation.  The
lens-space identity compares the layered construction with the closed form
``H_1(L(p, q)) = Z_p`` and with the classification ``L(p, q) = L(p, q^{-1})``.

Parameters: ``m`` (which manifold), ``seed`` (plain integers); ``tqft verify --max-spin J``
sweeps seeds ``0 .. 2J``.  Lens spaces: ``p >= 1``, ``0 <= q < p`` coprime (``q = 0``
only for ``p = 1``).
"""

from __future__ import annotations

from collections.abc import Callable
from math import gcd
from typing import Any

from ..topology.census import CENSUS, layered_solid_torus, lens_space, poincare_sphere, s2xs1, three_sphere, weeks
from ..topology.triangulation import Triangulation
from .core import CheckResult, Domain, integer, registrar

__all__ = ["MANIFOLDS", "case_triangulations"]

_REFERENCE = (
    "Pachner, Europ. J. Combin. 12 (1991) 129; Burton, arXiv:1110.6080 (isomorphism signatures); "
    "Regina (regina-normal.github.io) as the independent system"
)

#: the triangulations the identities run over: (name, constructor)
MANIFOLDS: tuple[tuple[str, Callable[[], Triangulation]], ...] = (
    ("S^3", three_sphere),
    ("S^2 x S^1", s2xs1),
    ("L(2,1)", lambda: lens_space(2, 1)),
    ("L(3,1)", lambda: lens_space(3, 1)),
    ("L(5,2)", lambda: lens_space(5, 2)),
    ("L(13,5)", lambda: lens_space(13, 5)),
    ("Poincare sphere", poincare_sphere),
    ("Weeks manifold", weeks),
    ("figure-eight knot complement", lambda: Triangulation.from_isosig(CENSUS["figure8"])),
    ("Whitehead link complement", lambda: Triangulation.from_isosig(CENSUS["whitehead"])),
    ("LST(3,5,8)", lambda: layered_solid_torus(3, 5)),
    # Regina's Example3.rp2xs1(), gieseking() and twistedSphereBundle() (tests compare)
    ("RP^2 x S^1", lambda: Triangulation.from_isosig("dLQbcccajqs")),
    ("Gieseking manifold", lambda: Triangulation.from_isosig("bkaaid")),
    ("S^2 x~ S^1", lambda: Triangulation.from_isosig("cPcbbbajs")),
)

_DOMAIN = Domain((integer("m", 0, len(MANIFOLDS) - 1), integer("seed", 0)))


def case_triangulations(m: int, seed: int) -> tuple[Triangulation, Triangulation]:
    """Manifold ``m`` and the result of ``6 + seed % 10`` random Pachner moves on it."""
    tri = MANIFOLDS[m][1]()
    return tri, tri.random_moves(6 + seed % 10, seed=seed)


def _invariants(t: Triangulation) -> tuple[Any, ...]:
    # 1-4 and 4-1 moves add and remove sphere vertices; every other link is untouched
    links = sorted(name for name in (t.vertex_link(v).name for v in range(t.count_vertices())) if name != "sphere")
    boundary = sorted((b.euler_characteristic, b.orientable) for b in t.boundary_components())
    return (
        str(t.homology()),
        t.is_valid(),
        t.is_closed(),
        t.is_orientable(),
        t.is_connected(),
        t.euler_characteristic(),
        links,
        boundary,
    )


_register = registrar(
    default_max_spin=(len(MANIFOLDS) - 1) / 2,
    random_max_spin=100,
    tags=("triangulation", "3-manifold"),
    domain=_DOMAIN,
)


def _pachner_invariants(m: int, seed: int) -> CheckResult:
    tri, moved = case_triangulations(m, seed)
    lhs, rhs = _invariants(moved), _invariants(tri)
    return CheckResult(lhs == rhs, lhs, rhs)


_register(
    "triangulation_pachner_invariants",
    "Pachner moves preserve H_1, validity, closedness, orientability, links, boundary and V-E+F-T",
    r"T \to T' \text{ by Pachner moves} \implies H_1(T') \cong H_1(T),\ \chi(T') = \chi(T)",
    _pachner_invariants,
    _REFERENCE,
)


def _relabel_invariance(m: int, seed: int) -> CheckResult:
    tri, moved = case_triangulations(m, seed)
    lhs = (tri.random_relabel(seed).isosig(), moved.random_relabel(seed + 1).isosig())
    rhs = (tri.isosig(), moved.isosig())
    return CheckResult(lhs == rhs, lhs, rhs)


_register(
    "triangulation_isosig_relabelling",
    "the isomorphism signature is invariant under relabelling tetrahedra and vertices",
    r"\operatorname{sig}(\sigma \cdot T) = \operatorname{sig}(T)",
    _relabel_invariance,
    _REFERENCE,
)


def _round_trip(m: int, seed: int) -> CheckResult:
    _, moved = case_triangulations(m, seed)
    shuffled = moved.random_relabel(seed)
    back = Triangulation.from_isosig(shuffled.isosig())
    lhs = (back.isosig(), back.f_vector(), str(back.homology()), back.is_isomorphic(moved))
    rhs = (moved.isosig(), moved.f_vector(), str(moved.homology()), True)
    return CheckResult(lhs == rhs, lhs, rhs)


_register(
    "triangulation_isosig_round_trip",
    "decoding a signature gives an isomorphic triangulation with the same signature",
    r"\operatorname{sig}(\operatorname{decode}(\operatorname{sig}(T))) = \operatorname{sig}(T)",
    _round_trip,
    _REFERENCE,
)


def _homology_complexes(m: int, seed: int) -> CheckResult:
    _, moved = case_triangulations(m, seed)
    lhs, rhs = moved.homology("cellular"), moved.homology("dual")
    return CheckResult(lhs == rhs, str(lhs), str(rhs))


_register(
    "triangulation_homology_cell_vs_dual",
    "H_1 from the (truncated) cell complex equals H_1 from the dual 2-skeleton",
    r"H_1(C_\bullet(T)) \cong H_1(C_\bullet(T^*))",
    _homology_complexes,
    _REFERENCE,
)


def _lens_ok(t: tuple[int, ...]) -> bool:
    p, q = t
    return q < p and gcd(p, q) == 1


def _lens(p: int, q: int) -> CheckResult:
    t = lens_space(p, q)
    inverse = lens_space(p, pow(q, -1, p)) if p > 1 else t
    lhs = (str(t.homology()), t.is_closed(), t.is_orientable(), t.euler_characteristic(), inverse.isosig())
    rhs = ("0" if p == 1 else f"Z_{p}", True, True, 0, t.isosig())
    return CheckResult(lhs == rhs, lhs, rhs)


_register(
    "lens_space_homology",
    "the layered lens space L(p,q) is closed, orientable, H_1 = Z_p, and L(p,q) = L(p,q^{-1})",
    r"H_1(L(p,q)) = \mathbb{Z}_p,\quad L(p,q) \cong L(p,q^{-1})",
    _lens,
    "Jaco, Rubinstein, arXiv:math/0603601 (layered lens spaces); Burton, PhD thesis (2003), sec. 1.3",
    domain=Domain((integer("p", 1), integer("q", 0)), where=_lens_ok),
)
