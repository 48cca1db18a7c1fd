"""Exact evaluation of planar spin networks by a recoupling sweep (a path decomposition).

Algorithm
---------
The network is absorbed one trivalent piece at a time into a growing disc ``S``.  The
edges leaving ``S`` (its *frontier*, in counter-clockwise order) carry the state of the
absorbed part: an invariant vector in ``V_{c_1} (x) ... (x) V_{c_m}``, stored by its
coordinates in the comb (fusion-tree) basis with spine colours
``0 = y_0, y_1 = c_1, ..., y_{m-1} = c_m, y_m = 0``.  Absorbing a piece is one local
Kauffman-Lins recoupling step on the comb:

* **split** a leg ``c`` into ``(a, b)``: an F-move, ``sum_z {a b z; y_{i+1} y_i c}``
  (:func:`~tqft.recoupling.kauffman_lins.recoupling_coefficient`);
* **merge** two adjacent legs ``(a, b)`` into ``c``: an F-move followed by bubble removal,
  which collapses to the triangle coefficient ``Tet[y_i a c; b y_{i+2} y_{i+1}] /
  theta(y_i, y_{i+2}, c)``;
* **cap** two adjacent legs of equal colour ``c``: ``theta(y_i, c, y_{i+1}) / Delta_{y_i}``
  (and ``y_{i+2} = y_i``);
* **rotate** the comb's base point by one leg (needed only when the legs to be merged
  straddle it): ``m - 3`` F-moves.

No state sum is ever enumerated: the cost is the number of comb labels of the frontier
(the dimension of the boundary intertwiner space, bounded by the frontier width, i.e. a
path-width of the planar graph) times the local colour ranges.  The order of absorption
comes from :func:`tqft.spin_network.plan.plan`, which scores candidate orders by the
summed dimension of the frontier's intertwiner spaces.
Every coefficient is one formula of :mod:`tqft.recoupling.kauffman_lins`, written once
against a :class:`~tqft.exact.QContext`, so the same sweep runs at q = 1, at q = -1 (loop
value ``n + 1``), at generic q (rational functions), at roots of unity (cyclotomic numbers,
level-truncated recoupling, which evaluates closed networks exactly because negligible
morphisms have zero trace) and numerically.

Normalisations
--------------
``normalisation="kl"`` (default): Kauffman-Lins vertices, no square roots; a loop is
``Delta_n = (-1)^n [n+1]``, a theta net ``theta(a, b, c)``, a tetrahedral net ``Tet``.
``normalisation="unitary"``: every trivalent vertex is divided by ``sqrt|theta(a, b, c)|``
(the Racah-Wigner normalisation, where the tetrahedral net is the unitary 6j symbol
``{a b c; d e f} = Tet[a b f; d e c] / sqrt|theta theta theta theta|`` and a theta net is
``(-1)^{(a+b+c)/2}``); networks with comb or crossing vertices must use ``"kl"``.

Non-planar networks
-------------------
The sweep needs a planar ribbon structure.  A non-planar network is evaluated by drawing it
with explicit crossings (:class:`~tqft.spin_network.network.Crossing` vertices), which
makes it planar; crossings need ``A = q^{1/2}`` in the context, so they evaluate at q = 1,
generic q, roots of unity and numeric q, but not at q = -1.  A ribbon structure of positive
genus without crossings raises :class:`~tqft.spin_network.network.NonPlanarError`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import gmpy2

from ..errors import InvalidArgumentError, NotRepresentableError, TQFTError
from ..exact.context import ClassicalContext, QContext, QMinusOneContext
from ..exact.qcontexts import parse_context
from ..recoupling.kauffman_lins import loop, tet, theta
from ..recoupling.racah_formulas import triangle_factorials
from ..spins import admissible as _classical_admissible
from .network import Crossing, Dart, Intertwiner, NetworkStructureError, NonPlanarError, SpinNetwork
from .plan import Piece, Resolved, attach, closed_pair, group_sizes, opposite, plan, resolve

__all__ = ["BoundaryVector", "Sweep", "evaluate", "evaluate_open", "run_sweep"]

Key = tuple[tuple[int, ...], tuple[int, ...], Any]  # (leg colours, spine y_1..y_{m-1}, pending term)


# ---------------------------------------------------------------------------------------
# the numeric sweep
# ---------------------------------------------------------------------------------------


class _Coefficients:
    """Memoised Kauffman-Lins coefficients of the sweep's moves in one context.

    In the exact classical contexts (q = 1 and q = -1, whose ring is the rationals) the
    sweep computes in :class:`gmpy2.mpq` (GMP rationals, several times faster than
    :class:`fractions.Fraction`) and converts the result back; every other context uses
    its own ring elements."""

    def __init__(self, ctx: QContext[Any, Any]) -> None:
        self.ctx = ctx
        self._memo: dict[tuple[Any, ...], Any] = {}
        self.rational = isinstance(ctx, ClassicalContext)
        if self.rational:
            self.lift: Callable[[Any], Any] = lambda x: gmpy2.mpq(x.numerator, x.denominator)
            self.lower: Callable[[Any], Any] = lambda x: Fraction(int(x.numerator), int(x.denominator))
            self.adm: Callable[[int, int, int], bool] = _classical_admissible
        else:
            self.lift = self.lower = lambda x: x
            self.adm = ctx.admissible

    def _get(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        v = self._memo.get(key)
        if v is None:
            v = self._memo[key] = self.lift(make())
        return v

    def theta(self, a: int, b: int, c: int) -> Any:
        return self._get(("theta", a, b, c), lambda: theta(self.ctx, a, b, c))

    def loop(self, n: int) -> Any:
        return self._get(("loop", n), lambda: loop(self.ctx, n))

    def tet(self, a: int, b: int, e: int, c: int, d: int, f: int) -> Any:
        return self._get(("tet", a, b, e, c, d, f), lambda: tet(self.ctx, a, b, e, c, d, f))

    def merge(self, yi: int, a: int, b: int, c: int, yj: int, ymid: int) -> Any:
        """Coefficient of merging legs ``a, b`` (spine ``yi, ymid, yj``) into ``c``."""
        key = ("merge", yi, a, b, c, yj, ymid)
        v = self._memo.get(key)
        if v is None:
            v = self._memo[key] = self.tet(yi, a, c, b, yj, ymid) / self.theta(yi, yj, c)
        return v

    def split(self, a: int, b: int, z: int, yj: int, yi: int, c: int) -> Any:
        """Coefficient of splitting leg ``c`` (spine ``yi, yj``) into ``a, b`` through ``z``."""
        return self.recouple(a, b, z, yj, yi, c)

    def cap(self, yi: int, c: int, ymid: int) -> Any:
        key = ("cap", yi, c, ymid)
        v = self._memo.get(key)
        if v is None:
            v = self._memo[key] = self.theta(yi, c, ymid) / self.loop(yi)
        return v

    def recouple(self, p: int, q: int, i: int, r: int, s: int, j: int) -> Any:
        """``{p q i; r s j}`` of :func:`~tqft.recoupling.kauffman_lins.recoupling_coefficient`."""
        key = ("F", p, q, i, r, s, j)
        v = self._memo.get(key)
        if v is None:
            v = self._memo[key] = (
                self.tet(p, q, i, r, s, j) * self.loop(i) / (self.theta(p, s, i) * self.theta(q, r, i))
            )
        return v


def _add(out: dict[Key, Any], key: Key, value: Any) -> None:
    old = out.get(key)
    out[key] = value if old is None else old + value


#: the colours of the legs a step creates, from the state key's leg colours and pending term
NewColours = Callable[[tuple[int, ...], Any], tuple[int, ...]]


def _op_split(state: dict[Key, Any], i: int, colours: NewColours, co: _Coefficients) -> dict[Key, Any]:
    """Leg ``i`` (colour ``c``) splits into two legs ``a, b``: an F-move onto the comb."""
    out: dict[Key, Any] = {}
    adm = co.adm
    for (legs, spine, pend), val in state.items():
        a, b = colours(legs, pend)
        c = legs[i]
        if not adm(a, b, c):
            continue
        full = (0, *spine, 0)
        yi, yj = full[i], full[i + 1]
        nl = (*legs[:i], a, b, *legs[i + 1 :])
        for z in range(abs(yi - a), yi + a + 1, 2):
            if not (adm(yi, a, z) and adm(z, b, yj)):
                continue
            coef = co.split(a, b, z, yj, yi, c)
            ns = (*full[1 : i + 1], z, *full[i + 1 : -1])
            _add(out, (nl, ns, pend), val * coef)
    return out


def _op_merge(state: dict[Key, Any], i: int, colours: NewColours, co: _Coefficients) -> dict[Key, Any]:
    """Legs ``i, i + 1`` merge into one leg of colour ``c``: ``Tet / theta``."""
    out: dict[Key, Any] = {}
    adm = co.adm
    for (legs, spine, pend), val in state.items():
        (c,) = colours(legs, pend)
        a, b = legs[i], legs[i + 1]
        if not adm(a, b, c):
            continue
        full = (0, *spine, 0)
        yi, ymid, yj = full[i], full[i + 1], full[i + 2]
        if not adm(yi, c, yj):
            continue
        coef = co.merge(yi, a, b, c, yj, ymid)
        nl = (*legs[:i], c, *legs[i + 2 :])
        ns = full[1 : i + 1] + full[i + 2 : -1]
        _add(out, (nl, ns, pend), val * coef)
    return out


def _op_cap(state: dict[Key, Any], i: int, co: _Coefficients) -> dict[Key, Any]:
    out: dict[Key, Any] = {}
    for (legs, spine, pend), val in state.items():
        c = legs[i]
        if legs[i + 1] != c:
            continue
        full = (0, *spine, 0)
        yi, ymid, yj = full[i], full[i + 1], full[i + 2]
        if yi != yj:
            continue
        coef = co.cap(yi, c, ymid)
        nl = legs[:i] + legs[i + 2 :]
        # drop y_{i+1} and y_{i+2} (= y_i); when the legs are the last two, y_{i+2} is the
        # fixed end y_m = 0, so y_i = 0 becomes the new end and is dropped instead
        ns = full[1:i] if i + 2 == len(legs) else full[1 : i + 1] + full[i + 3 : -1]
        _add(out, (nl, ns, pend), val * coef)
    return out


def _op_rotate(state: dict[Key, Any], co: _Coefficients) -> dict[Key, Any]:
    """Move leg 0 to the end of the comb: ``m - 3`` F-moves, each one pass over the state.

    After step ``t`` the spine is ``(z_1, ..., z_{t+1}, y_{t+2}, ..., y_{m-1})``: leg ``c_0``
    hangs at the vertex ``(c_0, z_{t+1}, y_{t+2})`` and step ``t + 1`` moves it past leg
    ``c_{t+2}`` with ``{c_0 z_{t+1} z_{t+2}; c_{t+2} y_{t+3} y_{t+2}}``."""
    m = len(next(iter(state))[0]) if state else 0
    if m <= 2:
        return {(k[0][1:] + k[0][:1], k[1], k[2]): v for k, v in state.items()}
    adm = co.adm
    cur: dict[Key, Any] = {}
    for (legs, spine, pend), val in state.items():
        _add(cur, (legs, (legs[1], *spine[1:]), pend), val)
    for t in range(1, m - 2):
        nxt: dict[Key, Any] = {}
        for (legs, spine, pend), val in cur.items():
            c0, ct1 = legs[0], legs[t + 1]
            zt, yj, ynext = spine[t - 1], spine[t], spine[t + 1]
            for z in range(abs(zt - ct1), zt + ct1 + 1, 2):
                if not (adm(zt, ct1, z) and adm(c0, ynext, z)):
                    continue
                coef = co.recouple(c0, zt, z, ct1, ynext, yj)
                _add(nxt, (legs, (*spine[:t], z, *spine[t + 1 :]), pend), val * coef)
        cur = nxt
    out: dict[Key, Any] = {}
    for (legs, spine, pend), val in cur.items():
        _add(out, (legs[1:] + legs[:1], (*spine[:-1], legs[0]), pend), val)
    return out


def _drop_zeros(state: dict[Key, Any], co: _Coefficients) -> dict[Key, Any]:
    if co.rational:
        return {k: v for k, v in state.items() if v != 0}
    return {k: v for k, v in state.items() if not co.ctx.is_zero(v)}


class Sweep:
    """The state of a sweep: the frontier darts, the comb coordinates of the absorbed part
    (keys: leg colours, spine, pending comb term) and the largest number of labels held."""

    def __init__(self, res: Resolved, ctx: QContext[Any, Any]) -> None:
        self.res = res
        self.ctx = ctx
        self.co = _Coefficients(ctx)
        self.frontier: list[Dart] = []
        self.state: dict[Key, Any] = {((), (), None): self.co.lift(ctx.one)}
        self.terms: dict[Hashable, dict[tuple[int, ...], Any]] = {}
        self.max_states = 1
        self.left = group_sizes(res)

    def colour_of(self, dart: Dart, pend: Any) -> int:
        col = self.res.colour[dart[0]]
        if col is not None:
            return col
        return int(pend[1][self.res.internal_slot[dart[0]]])

    def fan_out(self, piece: Piece) -> None:
        group = piece.group
        it = self.res.groups[group]
        cols = self.res.net.colours_at(group)
        terms = self._terms(group, it, cols)
        out: dict[Key, Any] = {}
        for (legs, spine, _pend), val in self.state.items():
            for t, coef in terms.items():
                _add(out, (legs, spine, (group, t)), val * coef)
        self.state = out

    def _terms(self, group: Hashable, it: Any, cols: tuple[int, ...]) -> dict[tuple[int, ...], Any]:
        if group not in self.terms:
            if isinstance(it, Crossing | Intertwiner):
                terms = it.expansion(self.ctx, cols)
            else:
                raise NetworkStructureError(f"vertex {group!r}: unknown intertwiner {it!r}")
            self.terms[group] = {k: self.co.lift(v) for k, v in terms.items() if not self.ctx.is_zero(v)}
        return self.terms[group]

    def absorb(self, name: Hashable) -> None:
        piece = self.res.pieces[name]
        grouped = piece.group in self.res.groups
        if grouped and not any(isinstance(k[2], tuple) and k[2][0] == piece.group for k in self.state):
            self.fan_out(piece)
        live = [d for d in self.frontier if opposite(d) not in self.res.boundary_darts]
        if not live:
            self._start(piece)
        else:
            self._attach(piece)
        while (i := closed_pair(self.frontier)) is not None:
            if i == len(self.frontier) - 1:
                self.state = _op_rotate(self.state, self.co)
                self.frontier = self.frontier[1:] + self.frontier[:1]
                i -= 1
            self.state = _op_cap(self.state, i, self.co)
            self.frontier = self.frontier[:i] + self.frontier[i + 2 :]
        self.left[piece.group] -= 1
        if grouped and not self.left[piece.group]:
            out: dict[Key, Any] = {}
            for (legs, spine, _pend), val in self.state.items():
                _add(out, (legs, spine, None), val)
            self.state = out
        self.state = _drop_zeros(self.state, self.co)
        self.max_states = max(self.max_states, len(self.state))

    def _start(self, piece: Piece) -> None:
        """A piece not attached to the absorbed part: tensor its comb onto the right of the
        frontier (a disjoint union)."""
        out: dict[Key, Any] = {}
        adm = self.co.adm
        for (legs, spine, pend), val in self.state.items():
            cols = tuple(self.colour_of(d, pend) for d in piece.darts)
            if len(cols) == 3 and not adm(*cols):
                continue
            if len(cols) == 2 and cols[0] != cols[1]:
                continue
            new_spine = (cols[0], cols[2]) if len(cols) == 3 else (cols[0],)
            # closed frontier so far: its spine ends at 0, so concatenating combs is direct
            if legs:
                spine2 = (*spine, 0, *new_spine)
            else:
                spine2 = new_spine
            _add(out, (legs + cols, spine2, pend), val)
        self.state = out
        self.frontier = self.frontier + list(piece.darts)

    def _attach(self, piece: Piece) -> None:
        att = attach(self.frontier, piece)
        if att is None:
            raise NonPlanarError(f"piece {piece.name!r} does not attach planarly to the absorbed region")
        start, k, new = att
        m = len(self.frontier)
        while start + k > m:  # the block straddles the comb's base point
            self.state = _op_rotate(self.state, self.co)
            self.frontier = self.frontier[1:] + self.frontier[:1]
            start -= 1
        co = self.co
        n = len(piece.darts)

        fixed = tuple(self.res.colour[d[0]] for d in new)

        def new_colours(legs: tuple[int, ...], pend: Any) -> tuple[int, ...]:
            if None not in fixed:
                return fixed  # type: ignore[return-value]
            return tuple(self.colour_of(d, pend) for d in new)

        if n == 3 and k == 1:
            self.state = _op_split(self.state, start, new_colours, co)
        elif n == 3 and k == 2:
            self.state = _op_merge(self.state, start, new_colours, co)
        elif n == 3 and k == 3:
            # merge the first two legs into the colour of the third, then cap the pair
            merged = _op_merge(self.state, start, lambda legs, pend: (legs[start + 2],), co)
            self.state = _op_cap(merged, start, co)
        elif n == 2 and k == 1:
            pass  # a bivalent vertex only relabels the leg
        elif n == 2 and k == 2:
            self.state = _op_cap(self.state, start, co)
        else:  # pragma: no cover - excluded by attach
            raise TQFTError(f"internal error: piece of valence {n} with {k} attached legs")
        self.frontier = self.frontier[:start] + new + self.frontier[start + k :]


@dataclass(frozen=True)
class BoundaryVector:
    """The value of an open network: coordinates in the comb basis of its boundary space.

    ``colours`` are the boundary colours in the network's declared boundary order and
    ``coefficients`` maps spine labels ``(y_1, ..., y_{m-1})`` (``y_1 = c_1``,
    ``y_{m-1} = c_m``) to ring elements of ``context``; see
    :mod:`tqft.spin_network.boundary` for the space, its inner product and its bases."""

    colours: tuple[int, ...]
    coefficients: dict[tuple[int, ...], Any]
    context: Any


def _prepare(
    net: SpinNetwork, context: Any, order: Sequence[Hashable] | None
) -> tuple[Resolved, QContext[Any, Any], list[Hashable]]:
    ctx = parse_context(context)
    net.check(ctx)
    res = resolve(net)
    if order is None:
        seq = plan(net, res)
    else:
        seq = _order_from_vertices(res, order)
    return res, ctx, seq


def _order_from_vertices(res: Resolved, order: Sequence[Hashable]) -> list[Hashable]:
    seq: list[Hashable] = []
    for v in order:
        if v in res.pieces:
            seq.append(v)
        elif v in res.groups:
            seq.extend(p for p in res.pieces if res.pieces[p].group == v)
        else:
            raise InvalidArgumentError(f"order contains {v!r}, which is not a vertex of the network")
    if sorted(map(repr, seq)) != sorted(map(repr, res.pieces)):
        raise InvalidArgumentError("order must list every vertex of the network exactly once")
    return seq


def run_sweep(res: Resolved, ctx: QContext[Any, Any], seq: list[Hashable]) -> Sweep:
    sweep = Sweep(res, ctx)
    with ctx.workspace():
        for name in seq:
            sweep.absorb(name)
    return sweep


def evaluate(
    net: SpinNetwork,
    context: Any = None,
    *,
    normalisation: str = "kl",
    order: Sequence[Hashable] | None = None,
) -> Any:
    """The evaluation of a closed spin network.

    Parameters
    ----------
    net : SpinNetwork
        A closed network (no boundary points); planar, or made planar with crossings.
    context : QContext or str, optional
        ``None``/``"classical"`` (q = 1), ``"-1"`` (q = -1, loop value ``n + 1``: the
        convention of arXiv:2310.03632), ``"generic"``/``"A"``, ``"root:r"``, a complex
        number, or any :class:`~tqft.exact.QContext`.
    normalisation : {"kl", "unitary"}
        Kauffman-Lins vertices (ring element of the context, no square roots) or unit-norm
        vertices (a value with square roots); see the module docstring.
    order : sequence, optional
        Absorption order (a sequence of vertices of the network); default :func:`plan`.

    Returns
    -------
    A ring element of the context (``"kl"``) or a value ``c sqrt(r)`` (``"unitary"``).

    Raises
    ------
    AdmissibilityError, NetworkStructureError, NonPlanarError

    Examples
    --------
    >>> from tqft.spin_network import SpinNetwork
    >>> SpinNetwork.loop(3).evaluate("-1")
    Fraction(4, 1)
    >>> print(SpinNetwork.theta(1, 1, 2).evaluate("A"))
    A^4 + 1 + A^(-4)
    """
    if normalisation not in ("kl", "unitary"):
        raise InvalidArgumentError(f"normalisation = {normalisation!r}: expected 'kl' or 'unitary'")
    if net.boundary:
        raise InvalidArgumentError(
            f"the network has {len(net.boundary)} boundary points; evaluate closed networks, or use "
            "evaluate_open for a boundary state"
        )
    res, ctx, seq = _prepare(net, context, order)
    sweep = run_sweep(res, ctx, seq)
    raw = sweep.state.get(((), (), None))
    value = ctx.zero if raw is None else sweep.co.lower(raw)
    if normalisation == "kl":
        return value
    return _unitary(net, ctx, value)


def _unitary(net: SpinNetwork, ctx: QContext[Any, Any], value: Any) -> Any:
    if isinstance(ctx, QMinusOneContext):
        raise NotRepresentableError(
            "unitary normalisation at q = -1 needs square roots of negative quantum factorials; "
            "the q = -1 context (loop value n + 1) is a Kauffman-Lins context: use normalisation='kl'"
        )
    numer: list[int] = []
    denom: list[int] = []
    for v in net.vertices:
        cols = net.colours_at(v)
        if len(cols) >= 4:
            raise InvalidArgumentError(
                f"vertex {v!r} has valence {len(cols)}: unitary normalisation is defined for networks "
                "of bivalent and trivalent vertices only; use normalisation='kl'"
            )
        if len(cols) == 3:
            # 1/|theta(a,b,c)| = [a]![b]![c]! / ([m+n+p+1]! [m]! [n]! [p]!)
            mnp, (total,) = triangle_factorials(*cols)
            numer.extend(cols)
            denom.extend([total, *mnp])
    return ctx.sqrt_factorials(value, numer, denom)


def evaluate_open(
    net: SpinNetwork,
    context: Any = None,
    *,
    order: Sequence[Hashable] | None = None,
) -> BoundaryVector:
    """The boundary state of an open network: its Kauffman-Lins coordinates in the comb basis
    of the boundary legs, in the network's declared boundary order."""
    if not net.boundary:
        raise InvalidArgumentError("the network has no boundary points; use evaluate for closed networks")
    bare = [e for e in net.edges if all(p in net.boundary for p in net.ends(e))]
    if bare:
        # a strand between two boundary points: put a bivalent vertex on it so the sweep sees it
        net = net.copy()
        for e in bare:
            _u, v = net.ends(e)
            col = net.colour(e)
            mid = ("__strand__", e)
            net._edges[e].v = mid
            net._rotation[mid] = [(e, 1)]
            net.add_edge(("__strand__", e, 1), mid, v, col)
            net._rotation[v] = [(("__strand__", e, 1), 1)]
            net._rotation[mid] = [(e, 1), (("__strand__", e, 1), 0)]
    res, ctx, seq = _prepare(net, context, order)
    sweep = run_sweep(res, ctx, seq)
    target = [net.rotation(p)[0] for p in net.boundary]
    frontier = [opposite(d) for d in sweep.frontier]
    if sorted(map(repr, frontier)) != sorted(map(repr, target)):
        raise TQFTError("internal error: the final frontier is not the boundary")
    state = sweep.state
    m = len(frontier)
    for _ in range(m):
        if frontier == target:
            break
        state = _op_rotate(state, sweep.co)
        frontier = frontier[1:] + frontier[:1]
    if frontier != target:
        raise NonPlanarError(
            f"the boundary points {list(net.boundary)!r} are not in counter-clockwise order around the network"
        )
    coeffs = {spine: sweep.co.lower(v) for (legs, spine, _p), v in state.items() if v != 0 and not ctx.is_zero(v)}
    cols = tuple(net.colour(d[0]) for d in target)
    return BoundaryVector(cols, coeffs, ctx)
