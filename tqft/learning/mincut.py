"""Min-cut bounds on the entanglement of a ConvAC, exact, with checkable certificates.

Levine, Yakira, Cohen, Shashua, ICLR 2018, arXiv:1704.01552 ("(L)") bound the rank of the
matricization ``[A^y]_{A,B}`` of a ConvAC's coefficient tensor (the Schmidt number of the
state) by cuts of its tree tensor network (:meth:`~tqft.learning.convac.ConvAC.tensor_network`).
A *cut* is a set ``C`` of TN edges whose removal leaves no path between an input of ``A``
and an input of ``B``.

* **Claim 1** (window 2): ``rank <= min_C W_C`` with the *multiplicative* weight
  ``W_C = prod_{e in C} dim(e)`` (``weights="plain"``).
* **Claim 7** (any windows, delta-tensors): the same with ``W~_C``, where the edges of one
  delta-tensor contribute its dimension once (``weights="delta"``): a delta-tensor of
  dimension ``r`` has rank ``r`` across every split of its legs.  For window 2 the two
  minima agree (cutting two legs of an order-3 delta is never better than cutting the
  third); for wider windows the plain minimum can be strictly larger than the true rank,
  so ``"delta"`` is the default and the valid bound.
* **Theorem 2**: for almost all weights ``rank >= max_p min_C W^p_C`` where ``W^p`` uses
  every bond dimension rounded down to a power of ``p``, ``p^floor(log_p dim)``.  Hence
  rank = min-cut when all bond dimensions (``M`` and every ``r_l``) are powers of one
  integer.  The bound can be strictly below the generic rank: ``N = 8, M = 2,
  r = (3, 5, 7)``, left-right: min-cut 5, Theorem-2 bound 4, generic rank 5.

Exactness: minima of products, never logarithms
-----------------------------------------------
A min-cut over products is a min-cut with capacities ``log dim(e)``; floats would make
near-ties (``2^3`` against ``7 + 1``) unreliable.  Two exact methods are provided:

``method="tree"`` (default; :func:`min_cut`)
    Dynamic programming on the tree with Python integers.  Root the TN at the top tensor;
    for a node ``v`` and a side ``s`` let ``c(v, s)`` be the least weight of an edge set
    inside the subtree of ``v`` that separates ``v`` (placed on side ``s``) and every
    ``A`` input below it from every ``B`` input below it.  Then, for plain weights,
    ``c(v, s) = prod_children min(c(u, s), dim(v, u) c(u, 1 - s))`` and
    ``c(input i, s) = 1`` if ``s`` is the side of ``i``, else infinity.  *Proof*: subtrees of
    different children share no edge, so a separating set inside ``v``'s subtree is a
    disjoint union of one per child subtree plus possibly the child edge; the weight is the
    product of the parts, and as all factors are positive integers the minimum of a product
    of independent choices is the product of the minima.  Each child either lies on ``v``'s
    side (edge kept) or on the other side (edge cut, factor ``dim``): a cut with the child on
    the other side but the edge kept would join the two sides.  For delta weights a
    delta-tensor ``d`` of dimension ``r`` joining children ``u_1..u_w`` to parent ``v`` is a
    hyperedge: ``c(v, s) = min(prod_i c(u_i, s), r prod_i min(c(u_i, 0), c(u_i, 1)))`` (all
    legs on ``s`` at no cost, or split once at cost ``r``).  The minimum over both sides of
    the root is the min-cut; recording the arg-minima and walking down gives the cut edges.
    All arithmetic is on exact integers (the bound for an interleaved partition of 65,536
    inputs has about 33,000 bits), ``O(N)`` operations in all.
``method="networkx"``
    networkx max-flow on the TN.  When every bond dimension is a power of one integer ``b``
    (always so for Theorem 2's rounded weights) the capacities are the integers
    ``log_b dim`` and networkx's default ``preflow_push`` runs on them.  Otherwise
    :func:`networkx.algorithms.flow.edmonds_karp` runs with capacities in the ordered
    group ``(Q_{>0}, *)`` written additively (:class:`LogCapacity`: ``a + b`` is the product,
    ``a - b`` the quotient, ``0`` is ``1``, order is the order of ``Q``).  ``log`` is an
    order-preserving isomorphism of this group onto a subgroup of ``(R, +)``, and
    Edmonds-Karp uses only group operations and comparisons and stops after ``O(VE)``
    shortest augmenting paths whatever the capacities, so max-flow min-cut holds verbatim and
    every flow value is an exact positive rational.  Delta weights use the hyperedge gadget
    (Lawler 1973): nodes ``in_d -> out_d`` with capacity ``r``, arcs ``v -> in_d`` and
    ``out_d -> v`` of infinite capacity for every leg ``v``.  The maximum flow (products of
    rationals along arcs) is a *dual certificate*: its value equals the cut's weight, and by
    weak duality no cut is lighter.

Certificates
------------
:class:`MinCut` carries the cut edges; :func:`check_certificate` re-checks, independently
of how the cut was found, that the edges exist in the TN, that removing them separates
``A`` from ``B``, that their weight is the claimed value, and -- when a flow is attached
(``method="networkx"``, or :func:`min_cut` with ``certify=True``) -- that the flow is
feasible (``1 <= f <= dim`` on each arc, inflow product = outflow product at each node)
and has value equal to the cut weight, which proves minimality.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..errors import CostLimitError, InvalidArgumentError
from .convac import ConvAC, Node
from .partitions import Partition

__all__ = [
    "CertificateReport",
    "LogCapacity",
    "MinCut",
    "Theorem2Bound",
    "check_certificate",
    "flow_network",
    "min_cut",
    "round_to_power",
    "theorem2_bases",
    "theorem2_bound",
]

WEIGHTS = ("delta", "plain")
METHODS = ("tree", "networkx")

#: largest TN (in nodes) that ``method="networkx"`` accepts; Edmonds-Karp with rational
#: capacities is O(V E^2) in the worst case
MAX_NETWORKX_NODES = 200_000

Edge = tuple[Node, Node]


# --- the ordered group (Q_{>0}, *) written additively ----------------------------------------


class LogCapacity:
    """``log(value)`` for a positive rational ``value``, as an exact additive number.

    ``a + b`` multiplies, ``a - b`` divides, ``k * a`` raises to the integer power ``k``,
    the integer ``0`` is the identity ``log 1``, comparisons compare values, and
    ``float("inf")`` is larger than everything.  This is what lets networkx's max-flow run
    on multiplicative weights exactly.

    >>> a, b = LogCapacity(6), LogCapacity(4)
    >>> (a - b).value, (a + b).value, a > b, 0 < b, 2 * b == LogCapacity(16)
    (Fraction(3, 2), Fraction(24, 1), True, True, True)
    """

    __slots__ = ("value",)

    def __init__(self, value: int | Fraction) -> None:
        v = Fraction(value)
        if v <= 0:
            raise InvalidArgumentError(f"LogCapacity value = {value!r} must be a positive rational")
        self.value = v

    @staticmethod
    def _v(x: Any) -> Fraction | None:
        if isinstance(x, LogCapacity):
            return x.value
        if isinstance(x, int) and x == 0:
            return Fraction(1)
        return None

    def __add__(self, other: Any) -> LogCapacity:
        v = self._v(other)
        if v is None:
            return NotImplemented
        return LogCapacity(self.value * v)

    __radd__ = __add__

    def __sub__(self, other: Any) -> LogCapacity:
        v = self._v(other)
        if v is None:
            return NotImplemented
        return LogCapacity(self.value / v)

    def __rsub__(self, other: Any) -> LogCapacity:
        v = self._v(other)
        if v is None:
            return NotImplemented
        return LogCapacity(v / self.value)

    def __neg__(self) -> LogCapacity:
        return LogCapacity(1 / self.value)

    def __mul__(self, k: Any) -> LogCapacity:
        if isinstance(k, int) and not isinstance(k, bool):
            return LogCapacity(self.value**k)
        return NotImplemented

    __rmul__ = __mul__

    def _cmp(self, other: Any) -> int | None:
        if isinstance(other, float) and math.isinf(other):
            return -1 if other > 0 else 1
        v = self._v(other)
        if v is None:
            return None
        return (self.value > v) - (self.value < v)

    def __lt__(self, other: Any) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c < 0  # type: ignore[return-value]

    def __le__(self, other: Any) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c <= 0  # type: ignore[return-value]

    def __gt__(self, other: Any) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c > 0  # type: ignore[return-value]

    def __ge__(self, other: Any) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c >= 0  # type: ignore[return-value]

    def __eq__(self, other: object) -> bool:
        c = self._cmp(other)
        return False if c is None else c == 0

    def __hash__(self) -> int:
        return hash(("LogCapacity", self.value))

    def __bool__(self) -> bool:
        return self.value != 1

    def __repr__(self) -> str:
        return f"LogCapacity({self.value})"


def _as_value(x: Any) -> Fraction:
    """The multiplicative value of a networkx flow quantity (``0`` means ``1``)."""
    if isinstance(x, LogCapacity):
        return x.value
    if isinstance(x, int) and x == 0:
        return Fraction(1)
    raise InvalidArgumentError(f"unexpected flow quantity {x!r}")


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MinCut:
    """A minimum cut and its certificate.

    Attributes
    ----------
    value
        ``min_C W_C`` (plain) or ``min_C W~_C`` (delta), an exact integer.
    edges
        The cut edges, each ``(u, v)`` with ``u`` on ``A``'s side of the cut.
    weights
        ``"plain"`` (Claim 1) or ``"delta"`` (Claim 7).
    base
        ``p`` when every dimension was rounded down to a power of ``p`` (Theorem 2), else
        ``None``.
    method
        ``"tree"`` or ``"networkx"``.
    flow
        A maximum flow on the flow network of :func:`flow_network` as ``((u, v), f)`` pairs
        with ``f > 1`` the multiplicative flow on arc ``u -> v`` (dual certificate), or
        ``None``.
    """

    value: int
    edges: tuple[Edge, ...]
    weights: str
    base: int | None
    method: str
    flow: tuple[tuple[Edge, Fraction], ...] | None = None

    @property
    def exponent(self) -> int | None:
        """``log_p value`` when ``base = p`` (an integer), else ``None``."""
        if self.base is None:
            return None
        e, v = 0, self.value
        while v > 1:
            v //= self.base
            e += 1
        return e


@dataclass(frozen=True)
class Theorem2Bound:
    """``max_p min_C W^p_C`` (Theorem 2 of (L)): the value, the maximising ``p`` and its cut."""

    value: int
    base: int
    cut: MinCut
    per_base: tuple[tuple[int, int], ...]

    @property
    def exponent(self) -> int:
        """``log_p value``."""
        e = self.cut.exponent
        return 0 if e is None else e


@dataclass(frozen=True)
class CertificateReport:
    """Outcome of :func:`check_certificate`: ``ok`` (the cut is valid and its weight is the
    claimed value), ``minimal`` (``True`` if an attached flow proves it minimal, ``None``
    if no flow was attached) and the list of ``problems`` found."""

    ok: bool
    minimal: bool | None
    problems: tuple[str, ...]

    def __bool__(self) -> bool:
        return self.ok and self.minimal is not False


# --- dimensions -----------------------------------------------------------------------------


def round_to_power(dim: int, p: int) -> int:
    """``p^floor(log_p dim)``: the largest power of ``p`` not above ``dim`` (exact).

    >>> round_to_power(7, 2), round_to_power(9, 3), round_to_power(2, 3)
    (4, 9, 1)
    """
    if p < 2 or dim < 1:
        raise InvalidArgumentError(f"round_to_power needs p >= 2 and dim >= 1, got p = {p}, dim = {dim}")
    q = 1
    while q * p <= dim:
        q *= p
    return q


def _dims(model: ConvAC, base: int | None) -> tuple[int, tuple[int, ...]]:
    m, r = model.reps, model.channels
    if base is None:
        return m, r
    return round_to_power(m, base), tuple(round_to_power(x, base) for x in r)


def _check_args(model: ConvAC, partition: Partition, weights: str, method: str) -> None:
    if not isinstance(model, ConvAC):
        raise InvalidArgumentError(f"model = {model!r} must be a ConvAC (tqft.learning.convac)")
    if not isinstance(partition, Partition):
        raise InvalidArgumentError(f"partition = {partition!r} must be a Partition (tqft.learning.partitions)")
    if partition.size != model.inputs:
        raise InvalidArgumentError(f"partition has {partition.size} inputs but the model has inputs = {model.inputs}")
    if weights not in WEIGHTS:
        raise InvalidArgumentError(f"weights = {weights!r} must be one of {WEIGHTS}")
    if method not in METHODS:
        raise InvalidArgumentError(f"method = {method!r} must be one of {METHODS}")


# --- the tree dynamic programme --------------------------------------------------------------


def _tree_min_cut(model: ConvAC, partition: Partition, weights: str, base: int | None) -> MinCut:
    m, r = _dims(model, base)
    order = model.order
    in_a = partition.mask()
    leaf_side = [0 if in_a[i] else 1 for i in order]  # 0 = A, 1 = B
    # cost[level] = (costs with the node on A, costs with the node on B) for ("A", level, j)
    ca = [1 if s == 0 else m for s in leaf_side]
    cb = [m if s == 0 else 1 for s in leaf_side]
    costs = [(ca, cb)]
    delta = weights == "delta"
    for level in range(model.layers):
        w, rl = model.windows[level], r[level]
        na: list[int] = []
        nb: list[int] = []
        for k in range(len(ca) // w):
            lo = k * w
            if delta:
                ua = ub = split = 1
                for j in range(lo, lo + w):
                    a, b = ca[j], cb[j]
                    ua *= a
                    ub *= b
                    split *= a if a <= b else b
                split *= rl
                na.append(ua if ua <= split else split)
                nb.append(ub if ub <= split else split)
            else:
                da = db = 1
                for j in range(lo, lo + w):
                    a, b = ca[j], cb[j]
                    x = b * rl
                    da *= a if a <= x else x
                    y = a * rl
                    db *= b if b <= y else y
                x, y = db * rl, da * rl
                na.append(da if da <= x else x)
                nb.append(db if db <= y else y)
        ca, cb = na, nb
        costs.append((ca, cb))
    value = min(ca[0], cb[0])
    edges = _trace(model, costs, leaf_side, m, r, delta, 0 if ca[0] <= cb[0] else 1)
    return MinCut(value, edges, weights, base, "tree")


def _trace(
    model: ConvAC,
    costs: list[tuple[list[int], list[int]]],
    leaf_side: list[int],
    m: int,
    r: tuple[int, ...],
    delta: bool,
    top_side: int,
) -> tuple[Edge, ...]:
    """Walk the arg-minima down from the top and list the cut edges (A-side node first)."""
    top = model.layers
    sides = [top_side]  # sides of ("A", level, j) at the current level
    cut: list[Edge] = []

    def oriented(u: Node, su: int, v: Node) -> Edge:
        return (u, v) if su == 0 else (v, u)

    for level in range(top - 1, -1, -1):
        ca, cb = costs[level]
        w, rl = model.windows[level], r[level]
        child_sides = [0] * len(ca)
        for k, s in enumerate(sides):
            lo = k * w
            parent = ("A", level + 1, k)
            d = ("delta", level, k)
            if delta:
                unsplit = 1
                split = rl
                for j in range(lo, lo + w):
                    unsplit *= ca[j] if s == 0 else cb[j]
                    split *= min(ca[j], cb[j])
                if unsplit <= split:
                    for j in range(lo, lo + w):
                        child_sides[j] = s
                    continue
                legs = [(parent, s)]
                for j in range(lo, lo + w):
                    cs = 0 if ca[j] <= cb[j] else 1
                    child_sides[j] = cs
                    legs.append((("A", level, j), cs))
                ds = 0 if 2 * sum(1 for _, x in legs if x == 0) >= len(legs) else 1
                for node, x in legs:
                    if x != ds:
                        cut.append(oriented(d, ds, node))
            else:
                da = db = 1
                for j in range(lo, lo + w):
                    da *= min(ca[j], cb[j] * rl)
                    db *= min(cb[j], ca[j] * rl)
                mine, other = (da, db) if s == 0 else (db, da)
                ds = s if mine <= other * rl else 1 - s
                if ds != s:
                    cut.append(oriented(parent, s, d))
                for j in range(lo, lo + w):
                    same, flip = (ca[j], cb[j]) if ds == 0 else (cb[j], ca[j])
                    cs = ds if same <= flip * rl else 1 - ds
                    child_sides[j] = cs
                    if cs != ds:
                        cut.append(oriented(d, ds, ("A", level, j)))
        sides = child_sides
    for j, (s, t) in enumerate(zip(sides, leaf_side)):
        if s != t:
            cut.append(oriented(("A", 0, j), s, ("input", model.order[j])))
    return tuple(cut)


# --- networkx max-flow on exact multiplicative capacities ------------------------------------


def _common_base(dims: Iterable[int]) -> int | None:
    """The smallest ``b >= 2`` with every ``dim > 1`` a power of ``b`` (``None`` if there is
    none; ``2`` when every dimension is 1)."""
    ds = sorted({d for d in dims if d > 1})
    if not ds:
        return 2
    d0 = ds[0]
    for e in range(d0.bit_length(), 0, -1):
        b = round(d0 ** (1 / e))
        for c in (b - 1, b, b + 1):
            if c >= 2 and c**e == d0:
                if all(_log_exact(d, c) is not None for d in ds):
                    return c
    return None


def _log_exact(d: int, b: int) -> int | None:
    k = 0
    while d > 1 and d % b == 0:
        d //= b
        k += 1
    return k if d == 1 else None


def flow_network(
    model: ConvAC,
    partition: Partition,
    weights: str = "delta",
    base: int | None = None,
    exponent_base: int | None = None,
) -> Any:
    """The s-t flow network whose minimum cut is the min-cut of (L): a
    :class:`networkx.DiGraph` with source ``"s"`` (arcs of infinite capacity to the inputs
    of ``A``) and sink ``"t"``.  Plain weights: both arcs of every TN edge with capacity
    ``dim``.  Delta weights: input legs as arcs both ways, each delta-tensor ``d`` replaced
    by ``("in", d) -> ("out", d)`` with capacity ``r`` and infinite arcs ``v -> ("in", d)``,
    ``("out", d) -> v`` for its legs ``v``.  Arcs without a ``capacity`` attribute are
    infinite (networkx's convention).

    Capacities are :class:`LogCapacity` values, or -- with ``exponent_base = b``, when every
    (rounded) dimension is a power of ``b`` -- the integers ``log_b dim``, which any networkx
    max-flow handles exactly and fast.
    """
    import networkx as nx

    _check_args(model, partition, weights, "networkx")
    tn = model.tensor_network(max_nodes=MAX_NETWORKX_NODES)
    m, r = _dims(model, base)

    def capacity(dim: int) -> Any:
        if exponent_base is None:
            return LogCapacity(dim)
        k = _log_exact(dim, exponent_base)
        if k is None:
            raise InvalidArgumentError(f"dimension {dim} is not a power of exponent_base = {exponent_base}")
        return k

    g = nx.DiGraph()
    for i in range(model.inputs):
        if i in partition.a:
            g.add_edge("s", ("input", i))
        else:
            g.add_edge(("input", i), "t")

    def dim_of(u: Node, v: Node) -> int:
        if u[0] == "input" or v[0] == "input":
            return m
        level = u[1] if u[0] == "delta" else v[1]
        return r[level]

    for u, v in tn.edges():
        if weights == "delta" and (u[0] == "delta" or v[0] == "delta"):
            continue
        c = capacity(dim_of(u, v))
        g.add_edge(u, v, capacity=c)
        g.add_edge(v, u, capacity=c)
    if weights == "delta":
        for d, data in tn.nodes(data=True):
            if data["kind"] != "delta":
                continue
            hin, hout = ("in", d), ("out", d)
            g.add_edge(hin, hout, capacity=capacity(r[d[1]]))
            for v in tn[d]:
                g.add_edge(v, hin)
                g.add_edge(hout, v)
    return g


def _networkx_min_cut(
    model: ConvAC, partition: Partition, weights: str, base: int | None, flow_func: Callable[..., Any] | None
) -> MinCut:
    import networkx as nx
    from networkx.algorithms.flow import edmonds_karp, preflow_push

    m, r = _dims(model, base)
    b = _common_base((m, *r))
    g = flow_network(model, partition, weights, base, exponent_base=b)
    if b is None:
        func = edmonds_karp if flow_func is None else flow_func
    else:
        func = preflow_push if flow_func is None else flow_func
    residual = func(g, "s", "t", capacity="capacity")
    raw = residual.graph["flow_value"]
    if b is None:
        value = _as_value(raw)
    else:
        value = Fraction(b ** int(raw))
    if value.denominator != 1:  # pragma: no cover - a cut weight is a product of integers
        raise ArithmeticError(f"non-integral cut value {value}")
    # source side: reachable from s along arcs with residual capacity
    open_arcs = nx.DiGraph()
    open_arcs.add_nodes_from(residual)
    open_arcs.add_edges_from((u, v) for u, v, d in residual.edges(data=True) if d["flow"] < d["capacity"])
    source_side = {"s"} | nx.descendants(open_arcs, "s")
    tn = model.tensor_network(max_nodes=MAX_NETWORKX_NODES)
    cut: list[Edge] = []
    for u, v in tn.edges():
        delta_edge = weights == "delta" and (u[0] == "delta" or v[0] == "delta")
        if delta_edge:
            d, x = (u, v) if u[0] == "delta" else (v, u)
            if ("in", d) in source_side and ("out", d) not in source_side:
                # a split delta-tensor: put it on the source side, cut its legs to the sink side
                if x not in source_side:
                    cut.append((d, x))
            continue
        if (u in source_side) != (v in source_side):
            cut.append((u, v) if u in source_side else (v, u))
    flows = []
    for u, v, d in residual.edges(data=True):
        f = d["flow"]
        if b is None:
            if isinstance(f, LogCapacity) and f > 0:
                flows.append(((u, v), f.value))
        elif f > 0:
            flows.append(((u, v), Fraction(b**f)))
    return MinCut(int(value), tuple(cut), weights, base, "networkx", tuple(flows))


# --- public front ends ----------------------------------------------------------------------


def min_cut(
    model: ConvAC,
    partition: Partition,
    *,
    weights: str = "delta",
    method: str = "tree",
    base: int | None = None,
    certify: bool = False,
    flow_func: Callable[..., Any] | None = None,
) -> MinCut:
    """The min-cut bound on ``rank [A^y]_{A,B}`` with its cut edges.

    Parameters
    ----------
    model, partition
        The network and the partition ``(A, B)`` of its inputs.
    weights
        ``"delta"`` (Claim 7 of (L): a delta-tensor's edges count once; the valid bound
        for every window; default) or ``"plain"`` (Claim 1: the plain product, equal to
        ``"delta"`` for window 2).
    method
        ``"tree"`` (exact integer dynamic programme, ``O(N)``; default) or ``"networkx"``
        (Edmonds-Karp on :class:`LogCapacity` capacities; also returns the flow).
    base
        Round every bond dimension down to a power of ``base`` first (Theorem 2's ``W^p``).
    certify
        With ``method="tree"``, also run networkx and attach its flow as the dual
        certificate (after checking both methods agree).
    flow_func
        Any networkx max-flow function for ``method="networkx"`` (default Edmonds-Karp).

    Returns
    -------
    MinCut
        Exact value, the cut edges, and (networkx) the maximum flow.

    Examples
    --------
    The paper's example where Theorem 2 is not tight (see :func:`theorem2_bound`):

    >>> from tqft.learning import convac, left_right
    >>> cut = min_cut(convac(8, (3, 5, 7)), left_right(8))
    >>> cut.value, cut.edges
    (5, ((('A', 2, 1), ('delta', 1, 1)),))
    >>> bool(check_certificate(convac(8, (3, 5, 7)), left_right(8), cut))
    True
    """
    _check_args(model, partition, weights, method)
    if base is not None and (isinstance(base, bool) or not isinstance(base, int) or base < 2):
        raise InvalidArgumentError(f"base = {base!r} must be an integer >= 2 (or None)")
    if method == "networkx":
        if flow_func is not None and not callable(flow_func):
            raise InvalidArgumentError(f"flow_func = {flow_func!r} must be a networkx max-flow function")
        return _networkx_min_cut(model, partition, weights, base, flow_func)
    cut = _tree_min_cut(model, partition, weights, base)
    if certify:
        dual = _networkx_min_cut(model, partition, weights, base, flow_func)
        if dual.value != cut.value:  # pragma: no cover - would be a bug in one of the methods
            raise ArithmeticError(f"tree min-cut {cut.value} != networkx max-flow {dual.value}")
        cut = MinCut(cut.value, cut.edges, cut.weights, cut.base, "tree", dual.flow)
    return cut


def theorem2_bases(model: ConvAC) -> list[int]:
    """The bases ``p`` that :func:`theorem2_bound` must try: ``2 .. isqrt(D)`` and every
    distinct dimension ``d >= 2`` (``D`` the largest dimension).

    *Why these suffice.*  For ``p > isqrt(D)`` every dimension ``d < p^2``, so ``d`` rounds
    to ``p`` if ``d >= p`` and to 1 otherwise; between two consecutive distinct dimensions
    the set of edges that keep a factor ``p`` is fixed, hence so is the least number ``e``
    of them a cut must contain, and ``p^e`` is largest at the upper end of the interval --
    a dimension.  Beyond ``D`` every weight is 1.

    >>> from tqft.learning import convac
    >>> theorem2_bases(convac(8, (3, 5, 7)))
    [2, 3, 5, 7]
    """
    dims = {model.reps, *model.channels}
    top = max(dims)
    return sorted(set(range(2, math.isqrt(top) + 1)) | {d for d in dims if d >= 2})


def theorem2_bound(
    model: ConvAC, partition: Partition, *, weights: str = "delta", method: str = "tree", max_work: int = 10**8
) -> Theorem2Bound:
    """Theorem 2's lower bound ``max_p min_C W^p_C`` (valid for almost all weights).

    ``p`` runs over :func:`theorem2_bases` (every ``p >= 2`` is covered: the others cannot
    give more); ``per_base`` lists ``(p, min_C W^p_C)`` for those bases.  Raises
    :class:`~tqft.errors.CostLimitError` when ``bases x nodes`` exceeds ``max_work`` (huge
    channel numbers).

    >>> from tqft.learning import convac, left_right
    >>> t = theorem2_bound(convac(8, (3, 5, 7)), left_right(8))
    >>> t.value, t.base, t.per_base
    (4, 2, ((2, 4), (3, 1), (5, 1), (7, 1)))
    """
    _check_args(model, partition, weights, method)
    bases = theorem2_bases(model)
    work = len(bases) * sum(model.level_sizes)
    if work > max_work:
        raise CostLimitError(
            f"Theorem 2 needs {len(bases):,} bases x {sum(model.level_sizes):,} nodes = {work:,} node updates "
            f"> max_work = {max_work:,} (channel numbers up to {max(model.reps, *model.channels):,})"
        )
    best: MinCut | None = None
    per = []
    for p in bases:
        cut = min_cut(model, partition, weights=weights, method=method, base=p)
        per.append((p, cut.value))
        if best is None or cut.value > best.value:
            best = cut
    if best is None:  # every dimension is 1: nothing to round, the bound is 1
        best = min_cut(model, partition, weights=weights, method=method, base=2)
        per.append((2, best.value))
    assert best.base is not None
    return Theorem2Bound(best.value, best.base, best, tuple(per))


# --- certificates ---------------------------------------------------------------------------


def cut_weight(model: ConvAC, edges: Iterable[Edge], weights: str = "delta", base: int | None = None) -> int:
    """``W_C`` (plain) or ``W~_C`` (delta) of an edge set, from the edges' ``dim``."""
    m, r = _dims(model, base)
    total = 1
    seen: set[Node] = set()
    for u, v in edges:
        if u[0] == "input" or v[0] == "input":
            total *= m
            continue
        d = u if u[0] == "delta" else v
        if d[0] != "delta":
            raise InvalidArgumentError(f"edge {(u, v)} is not an edge of the ConvAC tensor network")
        if weights == "delta":
            if d in seen:
                continue
            seen.add(d)
        total *= r[d[1]]
    return total


def check_certificate(model: ConvAC, partition: Partition, cut: MinCut) -> CertificateReport:
    """Check a cut independently of the method that found it.

    1. every edge is an edge of the TN (:meth:`~tqft.learning.convac.ConvAC.tensor_network`);
    2. removing the edges leaves no path from an input of ``A`` to one of ``B``;
    3. the weight (plain product, or delta-once, after rounding to powers of ``cut.base``)
       equals ``cut.value``;
    4. if ``cut.flow`` is present: it is a feasible flow of :func:`flow_network` (each arc's
       multiplicative flow ``f`` satisfies ``1 < f <= capacity``, and at every node other
       than ``s``, ``t`` the product of inflows equals the product of outflows) whose value
       (product out of ``s``) equals ``cut.value`` -- then the cut is minimal by weak
       duality.

    Returns a :class:`CertificateReport`; ``bool(report)`` is true when all checks pass.
    """
    import networkx as nx

    _check_args(model, partition, cut.weights, cut.method)
    problems: list[str] = []
    tn = model.tensor_network()
    edges: list[Edge] = [(e[0], e[1]) for e in cut.edges]
    missing = [e for e in edges if not tn.has_edge(*e)]
    if missing:
        problems.append(f"{len(missing)} cut edges are not TN edges, e.g. {missing[0]}")
    else:
        rest = tn.copy()
        rest.remove_edges_from(edges)
        for comp in nx.connected_components(rest):
            sides = {node[1] in partition.a for node in comp if node[0] == "input"}
            if len(sides) == 2:
                problems.append("the cut does not separate A from B (a component holds inputs of both)")
                break
        weight = cut_weight(model, edges, cut.weights, cut.base)
        if weight != cut.value:
            problems.append(f"the cut edges weigh {weight}, not the claimed {cut.value}")
    minimal: bool | None = None
    if cut.flow is not None:
        flow_problems = _check_flow(model, partition, cut)
        problems += flow_problems
        minimal = not flow_problems
    return CertificateReport(not problems, minimal, tuple(problems))


def _check_flow(model: ConvAC, partition: Partition, cut: MinCut) -> list[str]:
    assert cut.flow is not None
    g = flow_network(model, partition, cut.weights, cut.base)
    problems: list[str] = []
    balance: dict[Any, Fraction] = {}
    for (u, v), f in cut.flow:
        if not g.has_edge(u, v):
            problems.append(f"flow on {(u, v)}, which is not an arc of the flow network")
            continue
        f = Fraction(f)
        if f <= 1:
            problems.append(f"flow {f} on {(u, v)} is not a positive log-flow (must exceed 1)")
        c = g.edges[u, v].get("capacity")
        if c is not None and f > c.value:
            problems.append(f"flow {f} on {(u, v)} exceeds its capacity {c.value}")
        balance[u] = balance.get(u, Fraction(1)) / f
        balance[v] = balance.get(v, Fraction(1)) * f
    for node, b in balance.items():
        if node not in ("s", "t") and b != 1:
            problems.append(f"flow is not conserved at {node} (in/out = {b})")
            break
    value = 1 / balance.get("s", Fraction(1))
    if value != cut.value:
        problems.append(f"flow value {value} differs from the cut value {cut.value}")
    return problems
