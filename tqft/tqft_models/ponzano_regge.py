"""The Ponzano-Regge state sum (q = 1) with a cutoff, and gauge fixing along a maximal tree.

Ponzano & Regge (1968) proposed the sum over SU(2) spins on the edges of a triangulation
of products of 6j symbols as a model of 3D quantum gravity; it is the q -> 1 limit of
Turaev-Viro, and it diverges.  Here it is computed exactly (rationals) with an explicit
regularisation:

* **cutoff**: every spin is at most ``L`` (colours ``0 .. 2L``); admissibility is the
  classical one (parity and triangle inequalities, no level bound);
* weights in Kauffman-Lins form at ``q = 1``, as in :mod:`tqft.tqft_models.turaev_viro`:
  ``Delta_a = (-1)^a (a + 1)`` per edge, ``Tet`` per tetrahedron, ``1/theta`` per
  triangle; their product is ``prod (-1)^(2j) (2j+1) prod {6j}`` up to the sign
  convention of the unitary 6j symbols, exactly as for Turaev-Viro;
* **gauge** (how the vertex divergences are treated):

  - ``"vertex"``: divide by ``D_L^2 = sum_{a <= 2L} Delta_a^2`` per vertex, Ponzano and
    Regge's own prescription (the q = 1 analogue of Turaev-Viro's ``D^-2``);
  - ``"tree"``: fix the spins of the edges of a maximal tree ``T`` of the 1-skeleton to 0
    and drop the vertex factors (Freidel & Louapre, Nucl. Phys. B 662 (2003) 279,
    "Ponzano-Regge model revisited I: gauge fixing, observables and interacting spinning
    particles").  This removes the translational symmetry at the vertices, one per edge
    of ``T``; ``T`` has ``V - 1`` edges.

What remains divergent.  After tree gauge fixing the sum still grows with ``L`` when the
manifold has flat SU(2) connections with continuous stabilisers or positive-dimensional
moduli (Barrett & Naish-Guzmán, Class. Quantum Grav. 26 (2009) 155014, who gauge-fix
the rotational symmetry as well and show the model is then the integral of Reidemeister
torsion over flat connections where that converges): the trivial connection of
``S^2 x S^1`` (``H^1 != 0``) and the abelian connections of lens spaces contribute
powers of ``L``.  :func:`growth` measures these powers on a sequence of cutoffs;
the docs give the measured exponents.  For a one-vertex triangulation the tree is
empty and both gauges agree up to the single factor ``D_L^2``.

Relation to Turaev-Viro: at ``q = exp(i pi / r)`` the level bound plays the role of the
cutoff ``L = (r - 2)/2``; :func:`compare_with_turaev_viro` tabulates
``TV_r(M) D_r^(2(V-1))`` (Turaev-Viro with the tree's worth of vertex factors removed)
against the tree-gauge-fixed ``PR_L(M)`` as ``r`` grows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import networkx as nx
import numpy as np

from ..errors import InvalidArgumentError
from ..spins import colour
from .state_sum import CellData
from .turaev_viro import TriangulationLike, closed_cells, exact_values, turaev_viro_numeric

__all__ = ["PRSpec", "compare_with_turaev_viro", "growth", "maximal_tree", "ponzano_regge"]

_LOCAL_EDGES = ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3))

#: largest cutoff accepted (colours up to 2L; the cost grows like L^(active edges))
MAX_CUTOFF = 200


@dataclass(frozen=True)
class PRSpec:
    """The classical (q = 1) specification with spins ``<= cutoff`` (stored as ``2L``)."""

    twice_cutoff: int

    @property
    def order(self) -> int:
        return 1

    @property
    def colours(self) -> np.ndarray:
        return np.arange(0, self.twice_cutoff + 1, dtype=np.int64)

    @property
    def max_colour(self) -> int:
        return self.twice_cutoff

    @property
    def level_zero(self) -> int:
        return 0

    def admissible(self, a: int, b: int, c: int) -> bool:
        return (a + b + c) % 2 == 0 and a <= b + c and b <= a + c and c <= a + b


def _spec(cutoff: Any) -> PRSpec:
    twice = colour(cutoff, "cutoff")
    if not 0 <= twice <= 2 * MAX_CUTOFF:
        raise InvalidArgumentError(f"cutoff = {cutoff!r} must be a spin between 0 and {MAX_CUTOFF}")
    return PRSpec(twice)


def maximal_tree(tri: TriangulationLike) -> list[int]:
    """Edges (global indices) of a maximal tree of the 1-skeleton (a spanning forest when
    the triangulation is disconnected), by networkx's minimum spanning tree on the
    edge-index weights, so the choice is deterministic."""
    graph = nx.MultiGraph()
    graph.add_nodes_from(range(tri.count_vertices()))
    seen: set[int] = set()
    for t in range(tri.size):
        verts = tri.tet_vertices(t)  # type: ignore[attr-defined]
        for k, e in enumerate(tri.tet_edges(t)):
            if e in seen:
                continue
            seen.add(e)
            i, j = _LOCAL_EDGES[k]
            graph.add_edge(verts[i], verts[j], key=e, weight=e)
    tree = nx.minimum_spanning_edges(graph, algorithm="kruskal", weight="weight", keys=True, data=False)
    return sorted(int(key) for _, _, key in tree)


def _cells(tri: TriangulationLike, gauge: str) -> CellData:
    cells = closed_cells(tri)
    if gauge == "vertex":
        return cells
    if gauge == "tree":
        tree = maximal_tree(tri)
        return CellData(
            n_edges=cells.n_edges,
            tets=cells.tets,
            triangles=cells.triangles,
            theta_faces=cells.theta_faces,
            weighted_edges=cells.weighted_edges,
            open_edges=(),
            vertices=0,
            fixed=tuple((e, 0) for e in tree),
        )
    raise InvalidArgumentError(f"gauge = {gauge!r} must be 'vertex' or 'tree'")


def ponzano_regge(tri: TriangulationLike, cutoff: Any, *, gauge: str = "tree") -> Fraction:
    """The regularised Ponzano-Regge sum of a closed triangulation, exactly (a rational).

    ``cutoff`` is the largest spin ``L`` (integer or half-integer); ``gauge`` is
    ``"tree"`` (spins on a maximal tree fixed to 0) or ``"vertex"`` (``D_L^-2`` per
    vertex).  See the module docstring for the conventions.
    """
    spec = _spec(cutoff)
    _, values = exact_values(_cells(tri, gauge), spec)  # type: ignore[arg-type]
    return values[0].to_fraction() if values else Fraction(0)


def growth(tri: TriangulationLike, cutoffs: Sequence[Any], *, gauge: str = "tree") -> dict[str, Any]:
    """``PR_L`` at each cutoff and the fitted power ``alpha`` in ``|PR_L| ~ C L^alpha``
    (least squares on ``log |PR_L|`` against ``log L`` over the cutoffs with a nonzero
    value, with the standard error of the slope)."""
    values = [ponzano_regge(tri, c, gauge=gauge) for c in cutoffs]
    xs = [math.log(float(Fraction(colour(c, "cutoff"), 2))) for c, v in zip(cutoffs, values, strict=True) if v]
    ys = [math.log(abs(float(v))) for v in values if v]
    fit: dict[str, Any] = {"cutoffs": list(cutoffs), "values": values}
    if len(xs) >= 3:
        slope, intercept, err = _fit(xs, ys)
        fit.update(alpha=slope, alpha_error=err, log_constant=intercept)
    return fit


def _fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = my - slope * mx
    resid = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    err = math.sqrt(resid / (n - 2) / sxx) if n > 2 else float("nan")
    return slope, intercept, err


def compare_with_turaev_viro(tri: TriangulationLike, rs: Sequence[int]) -> list[dict[str, Any]]:
    """For each ``r``: ``TV_r(M)`` (float, at ``q = exp(i pi / r)``), the Turaev-Viro sum
    with ``V - 1`` vertex factors removed, ``TV_r D_r^(2(V-1))``, and the tree-gauge-fixed
    ``PR_L`` at the matching cutoff ``L = (r - 2)/2``."""
    rows = []
    V = tri.count_vertices()
    for r in rs:
        tv = turaev_viro_numeric(tri, r)
        d2 = r / (2 * math.sin(math.pi / r) ** 2)
        pr = ponzano_regge(tri, Fraction(r - 2, 2), gauge="tree")
        rows.append({"r": r, "cutoff": Fraction(r - 2, 2), "tv": tv, "tv_tree": tv * d2 ** (V - 1), "pr_tree": pr})
    return rows
