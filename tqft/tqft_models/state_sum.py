"""The Turaev-Viro state sum as a contraction: planning and a vectorised sweep over edges.

A state sum over edge colourings of a triangulated 3-manifold is a sum of products of
local factors: a weight per edge, a factor per triangle, a tetrahedral symbol per
tetrahedron.  It is computed here by *variable elimination along an edge order*: edges
are coloured one at a time; a factor is multiplied in as soon as all its edges are
coloured, and an edge is summed out as soon as every factor that contains it has been
multiplied in.  The state is a table indexed by the colours of the *active* edges
(coloured, not yet summed out), held as numpy arrays: ``keys`` (one row of colours per
entry) and ``values`` (one row per lane, one column per entry).  Admissibility of every
triangle is applied at the step that completes it, so inadmissible partial colourings
never enter the table.  The largest table is the cost; the planner picks the edge order
that keeps it small (greedy from every start edge, scored by the predicted table sizes).

Edges that are never summed out are *open*: the result is then a table indexed by their
colours, which is how a triangulation with boundary gives a vector
(:mod:`tqft.tqft_models.cobordism3d`).

Two arithmetics share the sweep: residues modulo primes (exact, see
:mod:`tqft.tqft_models.modular_lanes`) and float64 (numeric).  Both are vectorised over
*lanes*; each lane is one evaluation point ``q``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..errors import CostLimitError

__all__ = ["CellData", "Plan", "Tables", "plan", "sweep"]

#: tables larger than this (entries x lanes) are refused before any work is done
MAX_TABLE_ENTRIES = 60_000_000


@dataclass(frozen=True)
class CellData:
    """The cells of a (part of a) triangulation that a state sum needs.

    * ``tets``: six edge indices per tetrahedron, in the order of vertex pairs
      ``(01, 02, 03, 12, 13, 23)``;
    * ``triangles``: every triangle as three edge indices (admissibility is imposed on all);
    * ``theta_faces``: indices into ``triangles`` of the triangles that carry the factor
      ``1/theta`` (the interior ones);
    * ``weighted_edges``: edges that carry the loop value ``Delta`` (the interior ones);
    * ``open_edges``: edges not summed over (the boundary), in output order;
    * ``vertices``: the number of vertices that carry ``D^-2`` (the interior ones);
    * ``fixed``: ``(edge, colour)`` pairs, edges whose colour is fixed (a gauge fixing).
    """

    n_edges: int
    tets: tuple[tuple[int, int, int, int, int, int], ...]
    triangles: tuple[tuple[int, int, int], ...]
    theta_faces: tuple[int, ...]
    weighted_edges: frozenset[int]
    open_edges: tuple[int, ...] = ()
    vertices: int = 0
    fixed: tuple[tuple[int, int], ...] = ()


@dataclass
class Plan:
    """An edge order with, for each step, the factors that fire and the edges summed out."""

    order: list[int]
    fire_triangles: list[list[int]]
    fire_tets: list[list[int]]
    eliminate: list[list[int]]
    predicted: list[float]  # predicted table size after each step

    @property
    def peak(self) -> float:
        return max(self.predicted, default=1.0)


def _factor_scopes(cells: CellData) -> list[tuple[str, int, frozenset[int]]]:
    out: list[tuple[str, int, frozenset[int]]] = []
    out.extend(("tri", i, frozenset(t)) for i, t in enumerate(cells.triangles))
    out.extend(("tet", i, frozenset(t)) for i, t in enumerate(cells.tets))
    return out


def _simulate(
    cells: CellData, order: Sequence[int], n: int, scopes: list[tuple[str, int, frozenset[int]]], rho: float
) -> Plan:
    position = {e: i for i, e in enumerate(order)}
    fire_tri: list[list[int]] = [[] for _ in order]
    fire_tet: list[list[int]] = [[] for _ in order]
    last_use = {e: position[e] for e in order}
    for kind, idx, scope in scopes:
        step = max(position[e] for e in scope)
        (fire_tri if kind == "tri" else fire_tet)[step].append(idx)
        for e in scope:
            last_use[e] = max(last_use[e], step)
    open_set = set(cells.open_edges)
    eliminate: list[list[int]] = [[] for _ in order]
    for e in order:
        if e not in open_set:
            eliminate[last_use[e]].append(e)
    # model of the table size after a step (before summing out): n^(active edges) times
    # the admissible fraction rho of a triple for each completed triangle among them,
    # capped so that constraints never count for more than the edges they involve
    predicted: list[float] = []
    active: set[int] = set()
    live_triangles: list[frozenset[int]] = []
    for step, e in enumerate(order):
        active.add(e)
        live_triangles.extend(frozenset(cells.triangles[t]) for t in fire_tri[step])
        live_triangles = [t for t in live_triangles if t & active]
        constraints = min(len(live_triangles), len(active))
        predicted.append(float(n) ** len(active) * rho**constraints)
        active -= set(eliminate[step])
    return Plan(list(order), fire_tri, fire_tet, eliminate, predicted)


def plan(cells: CellData, n: int, rho: float = 0.5) -> Plan:
    """The cheapest edge order found: greedy from every start edge, each step taking the
    edge that leaves the fewest active edges (ties: the one completing most triangles);
    orders are compared by their predicted peak and total table sizes (``rho`` is the
    fraction of admissible triples, used by the size model)."""
    scopes = _factor_scopes(cells)
    edges = sorted({e for t in cells.tets for e in t} | {e for t in cells.triangles for e in t} | set(cells.open_edges))
    incident: dict[int, list[frozenset[int]]] = {e: [] for e in edges}
    for _, _, scope in scopes:
        for e in scope:
            incident[e].append(scope)
    open_set = set(cells.open_edges)
    best: Plan | None = None
    for start in edges:
        done: set[int] = set()
        order: list[int] = []
        candidates = [start]
        while True:
            pick = None
            pick_key: tuple[int, int, int] | None = None
            for e in candidates:
                trial = done | {e}
                active = sum(1 for x in trial if x in open_set or not all(s <= trial for s in incident[x]))
                completes = sum(1 for s in incident[e] if s <= trial)
                key = (active, -completes, e)
                if pick_key is None or key < pick_key:
                    pick, pick_key = e, key
            assert pick is not None
            done.add(pick)
            order.append(pick)
            if len(order) == len(edges):
                break
            candidates = [e for e in edges if e not in done]
        p = _simulate(cells, order, n, scopes, rho)
        if best is None or (p.peak, sum(p.predicted)) < (best.peak, sum(best.predicted)):
            best = p
    if best is None:  # no edges at all
        best = Plan([], [], [], [], [])
    return best


@dataclass
class Tables:
    """Per-lane local factors: ``delta[:, a]``, ``inv_theta[:, code3]`` (zero where the triple
    is not admissible), the admissibility mask ``admissible[code3]``, and ``tet(colours)``
    returning per-lane tetrahedral values for rows of six colours.

    ``mul(x, y)`` and ``reduce(x)`` are the ring operations (modular or float);
    ``colours`` are the allowed colours; ``base`` encodes triples/6-tuples as integers.
    """

    colours: np.ndarray
    base: int
    delta: np.ndarray
    inv_theta: np.ndarray
    admissible: np.ndarray
    tet: Callable[[np.ndarray], np.ndarray]
    mul: Callable[[np.ndarray, np.ndarray], np.ndarray]
    reduce: Callable[[np.ndarray], np.ndarray]
    lanes: int
    dtype: type = np.int64
    _cache_codes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _cache_vals: np.ndarray | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def tet_values(self, cols: np.ndarray) -> np.ndarray:
        """Tetrahedral values for rows of six colours, memoised by their code.  Tables are
        shared between calls (and threads), so the memo is read and extended under a lock."""
        with self._lock:
            return self._tet_values(cols)

    def _tet_values(self, cols: np.ndarray) -> np.ndarray:
        b = self.base
        codes = ((((cols[:, 0] * b + cols[:, 1]) * b + cols[:, 2]) * b + cols[:, 3]) * b + cols[:, 4]) * b + cols[:, 5]
        uniq, inverse = np.unique(codes, return_inverse=True)
        cache = self._cache_codes
        if cache.size:
            pos = np.searchsorted(cache, uniq)
            pos_c = np.minimum(pos, cache.size - 1)
            hit = cache[pos_c] == uniq
        else:
            pos_c = np.zeros(uniq.size, dtype=np.int64)
            hit = np.zeros(uniq.size, dtype=bool)
        vals: np.ndarray = np.empty((self.lanes, uniq.size), dtype=self.dtype)
        if hit.any():
            assert self._cache_vals is not None
            vals[:, hit] = self._cache_vals[:, pos_c[hit]]
        miss = ~hit
        if miss.any():
            new_codes = uniq[miss]
            digits = np.empty((new_codes.size, 6), dtype=np.int64)
            rest = new_codes.copy()
            for i in range(5, -1, -1):
                digits[:, i] = rest % b
                rest //= b
            new_vals = self.tet(digits)
            vals[:, miss] = new_vals
            all_codes = np.concatenate([cache, new_codes])
            all_vals = new_vals if self._cache_vals is None else np.concatenate([self._cache_vals, new_vals], axis=1)
            srt = np.argsort(all_codes, kind="stable")
            self._cache_codes = all_codes[srt]
            self._cache_vals = all_vals[:, srt]
        return vals[:, inverse]


def sweep(
    cells: CellData,
    tables: Tables,
    the_plan: Plan,
    max_entries: int = MAX_TABLE_ENTRIES,
    stats: dict[str, int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Run the contraction.  Returns ``(keys, values)``: one row of ``keys`` per colouring of
    the open edges (columns in ``cells.open_edges`` order) and the per-lane sums in the
    columns of ``values`` (shape ``(lanes, rows)``).  Closed complexes give one row.

    ``stats``, when given, receives ``peak`` (the largest table, in colourings) and
    ``tets`` (the number of distinct tetrahedral symbols computed)."""
    if the_plan.peak * tables.lanes > 20 * max_entries:
        raise CostLimitError(
            f"the state sum would hold about {the_plan.peak:.3g} colourings x {tables.lanes} lanes "
            f"(limit {max_entries:.3g} entries); use a smaller r or a triangulation with fewer edges "
            f"(e.g. simplify it), or raise tqft.tqft_models.state_sum.MAX_TABLE_ENTRIES"
        )
    cols_allowed = tables.colours
    fixed = {e: np.array([c], dtype=np.int64) for e, c in cells.fixed}
    b = tables.base
    keys = np.zeros((1, 0), dtype=np.int64)
    values: np.ndarray = np.ones((tables.lanes, 1), dtype=tables.dtype)
    active: list[int] = []
    tri = cells.triangles
    for step, e in enumerate(the_plan.order):
        K = keys.shape[0]
        choices = fixed.get(e, cols_allowed)
        n = choices.size
        if K * n * tables.lanes > 4 * max_entries:
            raise CostLimitError(
                f"the state sum would grow to {K * n} colourings x {tables.lanes} lanes at edge {e} "
                f"(limit {max_entries:.3g} entries); use a smaller r or a triangulation with fewer edges, "
                f"or raise tqft.tqft_models.state_sum.MAX_TABLE_ENTRIES"
            )
        rows = np.repeat(np.arange(K), n)
        newc = np.tile(choices, K)
        pos = {x: i for i, x in enumerate(active)}

        def column(
            x: int,
            e: int = e,
            keys: np.ndarray = keys,
            rows: np.ndarray = rows,
            newc: np.ndarray = newc,
            pos: dict[int, int] = pos,
        ) -> np.ndarray:
            return newc if x == e else keys[rows, pos[x]]

        fired = the_plan.fire_triangles[step]
        codes3 = []
        if fired:
            mask = np.ones(rows.size, dtype=bool)
            for t in fired:
                x, y, z = tri[t]
                c3 = (column(x) * b + column(y)) * b + column(z)
                codes3.append(c3)
                mask &= tables.admissible[c3]
            rows, newc = rows[mask], newc[mask]
            codes3 = [c[mask] for c in codes3]
        keys = np.concatenate([keys[rows], newc[:, None]], axis=1)
        active.append(e)
        values = values[:, rows]
        if e in cells.weighted_edges:
            values = tables.mul(values, tables.delta[:, newc])
        theta_set = set(cells.theta_faces)
        for t, c3 in zip(fired, codes3, strict=True):
            if t in theta_set:
                values = tables.mul(values, tables.inv_theta[:, c3])
        for t in the_plan.fire_tets[step]:
            idx = [active.index(x) for x in cells.tets[t]]
            values = tables.mul(values, tables.tet_values(keys[:, idx]))
        drop = the_plan.eliminate[step]
        if drop and keys.shape[0]:
            kept = [i for i, x in enumerate(active) if x not in drop]
            active = [active[i] for i in kept]
            keys = keys[:, kept]
            if kept:
                code = np.zeros(keys.shape[0], dtype=np.int64)
                for j in range(keys.shape[1]):
                    code = code * b + keys[:, j]
                srt = np.argsort(code, kind="stable")
                code = code[srt]
                starts = np.flatnonzero(np.concatenate([[True], code[1:] != code[:-1]]))
                values = tables.reduce(np.add.reduceat(values[:, srt], starts, axis=1))
                keys = keys[srt[starts]]
            else:
                values = tables.reduce(values.sum(axis=1, keepdims=True))
                keys = np.zeros((1, 0), dtype=np.int64)
        elif drop:
            active = [x for x in active if x not in drop]
            keys = np.zeros((0, len(active)), dtype=np.int64)
            values = np.zeros((tables.lanes, 0), dtype=tables.dtype)
        if stats is not None:
            stats["peak"] = max(stats.get("peak", 0), int(rows.size))
        if keys.shape[0] * tables.lanes > max_entries:
            raise CostLimitError(
                f"the state sum grew to {keys.shape[0]} colourings x {tables.lanes} lanes (limit {max_entries:.3g})"
            )
    if stats is not None:
        stats["tets"] = int(tables._cache_codes.size)
    if keys.shape[0] == 0:
        return np.zeros((0, len(cells.open_edges)), dtype=np.int64), np.zeros((tables.lanes, 0), dtype=tables.dtype)
    order = [active.index(x) for x in cells.open_edges]
    return keys[:, order], values


def estimate_cost(cells: CellData, n: int, rho: float = 0.5) -> float:
    """Predicted peak table size for ``n`` colours per edge (see :func:`plan`)."""
    return plan(cells, n, rho).peak
