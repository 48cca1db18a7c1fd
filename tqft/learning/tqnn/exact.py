"""Exact topological quantum neural networks: amplitudes, archetypes, the (M3) transition matrix.

Amplitudes
----------
A state is a closed planar spin network ``H`` (an encoded image, :mod:`.encodings`).  The
Noui-Perez projector ``P`` acts trivially on planar networks, so the physical inner product
factorises (M3; REFERENCES.md, section 1)::

    <H_out | P | H_in> = conj(<H_out>) <H_in>,

where ``<H>`` is the Kauffman-Lins evaluation.  The default context is M3's classical point
q = -1 (loop value ``Delta_n = n + 1``); q = 1 and ``q = e^{i pi / r}`` (quantum recoupling,
cyclotomic numbers) work too.  The normalised transition probability of (M3), also (M2)
Eq. 34 at the level of exact amplitudes, is::

    A(H, H') = |<H> <H'>|^2 / max(|<H>|^4, |<H'>|^4) = min(s, s') / max(s, s'),  s = |<H>|^2,

so ``A`` is symmetric, ``A(H, H) = 1``, ``0 <= A <= 1``, and ``A(H, H') = 1`` exactly when
``|<H>| = |<H'>|``: the states fall into *blocks* of equal ``|<H>|``, the training-free
grouping the transition matrix induces.

Zero amplitudes do occur (312 of the 38,759 N = 2 states below vanish at q = -1), and the
formula is then ``0/0`` for two of them.  ``zeros="identity"`` (the default, as in
:func:`tqft.spin_network.honeycomb.transition_matrix`) sets ``A = 1`` when both vanish, so
``A_ii = 1`` always; ``zeros="m3"`` sets ``A = 0`` whenever one of them vanishes, as the
M3 code does (``PerezNouiProbability`` of idea.deploy), so a vanishing state has a zero row.
``A = 0`` when exactly one vanishes under both conventions.

The (M3) family
---------------
The authors' notebook (github.com/lullimat/arXiv-2310.03632, ``ExactEvalHexagonalSN.ipynb``,
with ``idpy/SpinNetworks/Honeycombs.py`` of github.com/lullimat/idea.deploy) enumerates the
*cycle-sum colourings* of the ``N x N`` hexagonal patch: every simple cycle of the graph may
be laid on it ``m >= 0`` times, an edge's colour is the number of cycles through it, and the
states are all multiplicity vectors ``m`` with ``c_min <= sum(m) <= c_max`` -- ``(1, 6)`` for
``N = 2`` (14 cycles, 38,759 states) and ``(1, 2)`` for ``N = 3`` (280 cycles, 39,620 states);
the notebook sizes both transition matrices at about 6 GB in float32, and both counts give
5.6 and 5.8 GB.  Every such colouring is admissible (a cycle uses two of the three edges at
a vertex).  M3 plots the matrix with rows and columns sorted by the row sums
``S_i = sum_j A_ij`` (their Figs. 15 and 16); :attr:`TransitionStudy.ranking` is that order.

At a root of unity a colouring that violates the level bound has no network; as in the
M3 code (where an inadmissible theta net is zero) it is given amplitude 0.

Archetypes
----------
M and M2 compare an input state with one output state per class.  :func:`class_archetypes`
picks it without training: ``method="medoid"`` takes the class member with the largest
transition-probability sum to its own class (M3's row sum ``S`` restricted to the class),
``method="mean"`` encodes the pixelwise class mean rounded half up (the exact analogue of
the class-mean colours ``jbar`` of M2 Eq. 35).  :func:`classify` returns the class whose
archetype has the largest ``A`` with the input.

References
----------
(M) arXiv:2007.00142; (M2) arXiv:2210.13741; (M3) M. Lulli, A. Marciano, E. Zappala,
arXiv:2310.03632; (M4) Fields, Glazebrook, Marciano, Fortschr. Phys. 70 (2022) 2200104
(the Noui-Perez projector).

>>> from tqft.learning.tqnn.exact import amplitude, transition_probability
>>> amplitude([1, 2, 3, 4], [1, 1, 1, 1])
Fraction(21, 5)
>>> transition_probability([1, 1, 1, 1], [2, 2, 2, 2])
Fraction(60025, 186624)
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import time
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import gmpy2
import mpmath
import networkx as nx

from ...errors import AdmissibilityError, CostLimitError, InvalidArgumentError
from ...exact.context import ClassicalContext, QContext
from ...exact.matrix import ExactMatrix
from ...exact.qcontexts import RootOfUnityContext, parse_context
from ...spin_network.honeycomb import honeycomb
from ...spin_network.network import SpinNetwork
from ...spin_network.plan import plan, resolve
from .encodings import EncodedImage, _edge_key, edge_keys, encode

__all__ = [
    "M3_COLOURS",
    "MAX_STATES",
    "ZEROS",
    "Archetype",
    "Block",
    "TransitionStudy",
    "amplitude",
    "class_archetypes",
    "classify",
    "count_states",
    "evaluation",
    "group_by_amplitude",
    "norm2",
    "patch_cycles",
    "patch_network",
    "patch_symmetries",
    "transition_matrix",
    "transition_matrix_study",
    "transition_probability",
    "transition_report",
]

#: the colour ranges (c_min, c_max) of the M3 notebook, by N
M3_COLOURS: dict[int, tuple[int, int]] = {2: (1, 6), 3: (1, 2)}
#: the largest number of states :func:`transition_matrix_study` enumerates unless told otherwise
MAX_STATES = 100_000
#: the largest N whose simple cycles are enumerated (N = 4 has 18,370; N = 5 far more)
MAX_CYCLE_N = 4


# ------------------------------------------------------------------------------ amplitudes
def _exact_real_context(context: Any) -> QContext[Any, Any]:
    ctx = parse_context(context)
    if not isinstance(ctx, ClassicalContext | RootOfUnityContext):
        raise InvalidArgumentError(
            f"context = {ctx.name!r}: transition probabilities are compared exactly, so the context must be "
            "q = 1, q = -1 or a root of unity q = e^{i pi / r} ('root:r'), whose evaluations are real"
        )
    return ctx


def evaluation(state: Any, context: Any = "-1", **encode_options: Any) -> Any:
    """``<H>`` of a state: an :class:`~.encodings.EncodedImage`, a
    :class:`~tqft.spin_network.network.SpinNetwork` or an image (encoded with
    ``encode_options``, hexagonal by default)."""
    if isinstance(state, EncodedImage):
        return state.evaluate(context)
    if isinstance(state, SpinNetwork):
        return state.evaluate(context)
    return encode(state, context=context, **encode_options).evaluate(context)


def _value(x: Any, ctx: QContext[Any, Any], encode_options: Mapping[str, Any]) -> Any:
    if isinstance(x, bool):
        raise InvalidArgumentError(f"state = {x!r}: expected an image, an encoded image, a network or a value")
    if isinstance(x, int | Fraction) or (hasattr(x, "conjugate") and not isinstance(x, list | tuple | str)):
        if getattr(x, "ndim", 0):  # a numpy array is an image (a numpy scalar is a value)
            return evaluation(x, ctx, **encode_options)
        return x
    return evaluation(x, ctx, **encode_options)


def amplitude(state_in: Any, state_out: Any = None, context: Any = "-1", **encode_options: Any) -> Any:
    """``<H_out | P | H_in> = conj(<H_out>) <H_in>`` (M3), exactly; ``state_out = None`` is
    the empty network (``<H_out> = 1``).  States as in :func:`evaluation`, or values."""
    ctx = parse_context(context)
    v_in = _value(state_in, ctx, encode_options)
    if state_out is None:
        return v_in
    v_out = _value(state_out, ctx, encode_options)
    return (v_out.conjugate() if hasattr(v_out, "conjugate") else v_out) * v_in


def norm2(value: Any, context: Any = "-1") -> Any:
    """``|v|^2 = v conj(v)``, a Fraction whenever it is rational."""
    if isinstance(value, int | Fraction):
        return Fraction(value) ** 2
    c = value * value.conjugate()
    if hasattr(c, "is_rational") and c.is_rational():
        return c.to_fraction()
    return c


def _sign(x: Any) -> int:
    if isinstance(x, int | Fraction):
        return (x > 0) - (x < 0)
    return int(x.sign())


ZEROS = ("identity", "m3")


def _zeros(zeros: str) -> str:
    if zeros not in ZEROS:
        raise InvalidArgumentError(
            f"zeros = {zeros!r}: expected 'identity' (A = 1 between two vanishing states) or 'm3'"
        )
    return zeros


def _ratio(si: Any, sj: Any, zeros: str = "identity") -> Any:
    """``min(si, sj) / max(si, sj)`` with the zero conventions of the module docstring."""
    zi, zj = _sign(si) == 0, _sign(sj) == 0
    if zi and zj:
        return Fraction(1) if zeros == "identity" else Fraction(0)
    if zi or zj:
        return Fraction(0)
    return si / sj if _sign(sj - si) >= 0 else sj / si


def transition_probability(
    a: Any, b: Any, context: Any = "-1", *, zeros: str = "identity", **encode_options: Any
) -> Any:
    """``A(a, b) = |<a><b>|^2 / max(|<a>|^4, |<b>|^4)`` (M3; M2 Eq. 34), exactly; ``a, b``
    are states (as in :func:`evaluation`) or their values."""
    ctx = _exact_real_context(context)
    return _ratio(norm2(_value(a, ctx, encode_options)), norm2(_value(b, ctx, encode_options)), _zeros(zeros))


def transition_matrix(
    states: Sequence[Any], context: Any = "-1", *, zeros: str = "identity", **encode_options: Any
) -> ExactMatrix:
    """The exact transition matrix ``A_ij`` of a (small) list of states."""
    ctx = _exact_real_context(context)
    _zeros(zeros)
    s = [norm2(_value(x, ctx, encode_options)) for x in states]
    rows = [[_ratio(si, sj, zeros) for sj in s] for si in s]
    return ExactMatrix.from_rows(rows, Fraction(0), Fraction(1))


def _descending(values: Iterable[Any]) -> list[Any]:
    def cmp(x: Any, y: Any) -> int:
        return _sign(y - x)

    return sorted(values, key=functools.cmp_to_key(cmp))


def group_by_amplitude(states: Sequence[Any], context: Any = "-1", **encode_options: Any) -> list[list[int]]:
    """The training-free grouping: indices of ``states`` with equal ``|<H>|`` (the blocks
    ``A_ij = 1`` of the transition matrix), blocks by decreasing ``|<H>|``.

    >>> group_by_amplitude([[1, 1, 1, 1], [2, 2, 2, 2], [1, 2, 3, 4], [1, 1, 1, 1]])
    [[0, 3], [1], [2]]
    """
    ctx = _exact_real_context(context)
    groups: dict[Any, list[int]] = {}
    for i, x in enumerate(states):
        groups.setdefault(norm2(_value(x, ctx, encode_options)), []).append(i)
    return [groups[k] for k in _descending(groups)]


# ------------------------------------------------------------------------------ archetypes
@dataclass(frozen=True)
class Archetype:
    """The output state of one class: the encoded image, its ``|<H>|^2`` and (medoid) the
    index of the class member it is."""

    label: Hashable
    state: EncodedImage
    norm2: Any
    member: int | None


def class_archetypes(
    classes: Mapping[Hashable, Sequence[Any]], method: str = "medoid", context: Any = "-1", **encode_options: Any
) -> dict[Hashable, Archetype]:
    """One archetype per class (see the module docstring); ``classes`` maps a label to its
    images.  Ties between medoids go to the first member."""
    ctx = _exact_real_context(context)
    if method not in ("medoid", "mean"):
        raise InvalidArgumentError(f"method = {method!r}: expected 'medoid' or 'mean'")
    out: dict[Hashable, Archetype] = {}
    for label, members in classes.items():
        if not len(members):
            raise InvalidArgumentError(f"class {label!r} has no members: an archetype needs at least one")
        encoded = [m if isinstance(m, EncodedImage) else encode(m, context=ctx, **encode_options) for m in members]
        if method == "mean":
            size = {e.n for e in encoded}
            if len(size) != 1:
                raise InvalidArgumentError(f"class {label!r} mixes image sizes {sorted(size)}: the mean needs one N")
            n = size.pop()
            mean = [
                [
                    math.floor(Fraction(sum(e.pixels[y][x] for e in encoded), len(encoded)) + Fraction(1, 2))
                    for x in range(n)
                ]
                for y in range(n)
            ]
            first = encoded[0]
            state = encode(mean, first.scheme, first.link_colour, intertwiner=first.intertwiner, context=ctx)
            out[label] = Archetype(label, state, norm2(state.evaluate(ctx)), None)
            continue
        s = [norm2(e.evaluate(ctx)) for e in encoded]
        totals = [sum((_ratio(si, sj) for sj in s), Fraction(0)) for si in s]
        best = 0
        for i in range(1, len(totals)):
            if _sign(totals[i] - totals[best]) > 0:
                best = i
        out[label] = Archetype(label, encoded[best], s[best], best)
    return out


def classify(state: Any, archetypes: Mapping[Hashable, Archetype], context: Any = "-1", **encode_options: Any) -> Any:
    """The label whose archetype has the largest transition probability with ``state``
    (the first such label on an exact tie)."""
    ctx = _exact_real_context(context)
    if not archetypes:
        raise InvalidArgumentError("archetypes is empty: classify needs at least one class")
    s = norm2(_value(state, ctx, encode_options))
    best_label, best = None, None
    for label, arch in archetypes.items():
        p = _ratio(s, arch.norm2)
        if best is None or _sign(p - best) > 0:
            best_label, best = label, p
    return best_label


# ------------------------------------------------------------------------------ the M3 family
def patch_symmetries(n: int) -> tuple[tuple[int, ...], ...]:
    """The symmetries of the hexagonal ``n x n`` patch (identity, rotation by 180 degrees,
    the reflection ``(x, y) -> (y, x)`` and their product) as permutations of the edge
    order of :func:`~.encodings.edge_keys`: ``colours'[k] = colours[perm[k]]`` is the
    colouring of the transformed image."""
    keys = edge_keys(n, "hexagonal")
    index = {k: i for i, k in enumerate(keys)}
    maps = (
        lambda x, y: (x, y),
        lambda x, y: (n - 1 - x, n - 1 - y),
        lambda x, y: (y, x),
        lambda x, y: (n - 1 - y, n - 1 - x),
    )
    perms = []
    for f in maps:
        sigma = {}
        for i in range(n * n):
            y, x = divmod(i, n)
            u, v = f(x, y)
            sigma[i] = v * n + u
        perm = [0] * len(keys)
        for k, key in enumerate(keys):
            if key[0] == "link":
                a, b = sorted((sigma[key[1]], sigma[key[2]]))
                image: tuple[Any, ...] = ("link", a, b)
            else:
                image = ("outer", sigma[key[1]])
            perm[index[image]] = k
        perms.append(tuple(perm))
    return tuple(perms)


@functools.lru_cache(maxsize=8)
def patch_cycles(n: int) -> tuple[tuple[int, ...], ...]:
    """The simple cycles of the hexagonal ``n x n`` patch graph as sorted tuples of edge
    indices (order of :func:`~.encodings.edge_keys`), sorted by length and then
    lexicographically.  ``N = 1`` has the one loop; ``N = 2`` has 14 cycles, ``N = 3`` 280.

    >>> [len(patch_cycles(n)) for n in (1, 2, 3)]
    [1, 14, 280]
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidArgumentError(f"n = {n!r}: expected an image side N >= 1")
    if n > MAX_CYCLE_N:
        raise CostLimitError(
            f"n = {n} exceeds MAX_CYCLE_N = {MAX_CYCLE_N}: the number of simple cycles of the patch grows "
            "exponentially (14, 280 and 18,370 for N = 2, 3, 4)"
        )
    if n == 1:
        return ((0,),)
    ref = honeycomb([[1] * n for _ in range(n)])
    index = {k: i for i, k in enumerate(edge_keys(n))}
    g = nx.Graph()
    for name in ref.edges:
        u, v = ref.ends(name)
        if g.has_edge(u, v):
            raise AssertionError("internal error: the patch graph has parallel edges")
        g.add_edge(u, v, k=index[_edge_key(name, n)])
    cycles = []
    for nodes in nx.simple_cycles(g):
        cycles.append(tuple(sorted(g.edges[nodes[i], nodes[(i + 1) % len(nodes)]]["k"] for i in range(len(nodes)))))
    return tuple(sorted(cycles, key=lambda c: (len(c), c)))


def count_states(n_cycles: int, c_min: int, c_max: int) -> int:
    """Multiplicity vectors on ``n_cycles`` cycles with total between ``c_min`` and ``c_max``.

    >>> count_states(14, 1, 6), count_states(280, 1, 2)
    (38759, 39620)
    """
    return sum(math.comb(s + n_cycles - 1, n_cycles - 1) for s in range(c_min, c_max + 1))


@functools.lru_cache(maxsize=8)
def _patch_template(n: int) -> tuple[tuple[Any, ...], tuple[tuple[Any, Any], ...], dict[Any, list[Any]], list[Any]]:
    """Edge names (in the order of ``edge_keys``), their ends, the rotations and an
    absorption order of the hexagonal ``n x n`` patch (``n >= 2``)."""
    ref = honeycomb([[1] * n for _ in range(n)])
    keys = edge_keys(n)
    index = {k: i for i, k in enumerate(keys)}
    names: list[Any] = [None] * len(keys)
    for name in ref.edges:
        names[index[_edge_key(name, n)]] = name
    ends = tuple(ref.ends(name) for name in names)
    rotation = {v: [d[0] for d in ref.rotation(v)] for v in ref.vertices}
    return tuple(names), ends, rotation, plan(ref, resolve(ref))


def patch_network(colours: Sequence[int], n: int) -> SpinNetwork:
    """The hexagonal ``n x n`` patch graph with any edge colours (order of
    :func:`~.encodings.edge_keys`), e.g. a cycle-sum colouring; not checked for
    admissibility.

    >>> patch_network((2, 2, 2, 2, 2, 1, 1, 1, 1), 2).evaluate("-1")
    Fraction(3, 1)
    """
    if n == 1:
        return SpinNetwork.loop(colours[0])
    names, ends, rotation, _order = _patch_template(n)
    if len(colours) != len(names):
        raise InvalidArgumentError(
            f"colours has {len(colours)} entries: the {n} x {n} patch has {len(names)} edges (3N^2 - 3)"
        )
    edges = {name: (u, v, c) for name, (u, v), c in zip(names, ends, colours, strict=True)}
    return SpinNetwork.from_edges(edges, rotation)


class _HexEvaluator:
    """Evaluations of colourings of one hexagonal patch, with a fixed absorption order and a
    cache over the orbits of the patch symmetries."""

    def __init__(self, n: int, ctx: QContext[Any, Any], use_symmetry: bool) -> None:
        self.n, self.ctx = n, ctx
        self.keys = edge_keys(n)
        self.perms = patch_symmetries(n) if use_symmetry and n > 1 else (tuple(range(len(self.keys))),)
        self.order = _patch_template(n)[3] if n > 1 else None

    def canonical(self, colours: tuple[int, ...]) -> tuple[int, ...]:
        return min(tuple(colours[p] for p in perm) for perm in self.perms)

    def value(self, colours: tuple[int, ...]) -> Any:
        net = patch_network(colours, self.n)
        if isinstance(self.ctx, RootOfUnityContext):
            try:
                net.check(self.ctx)
            except AdmissibilityError:
                return self.ctx.zero
        return net.evaluate(self.ctx, order=self.order)


@dataclass(frozen=True)
class Block:
    """States with one value of ``|<H>|^2``: ``A_ij = 1`` inside, ``< 1`` across."""

    norm2: Any
    magnitude: Any
    size: int
    row_sum: Any
    rank: int
    example: int


@dataclass
class TransitionStudy:
    """The (M3) transition-matrix study of the cycle-sum colourings of an ``N x N`` patch.

    ``states[i]`` is a configuration (the cycles laid down, as a non-decreasing tuple of
    indices into ``cycles``), ``colourings[state_colouring[i]]`` its edge colours (order of
    :func:`~.encodings.edge_keys`) and ``values[...]`` their ``<H>``.  ``blocks`` are the
    classes of equal ``|<H>|``, by decreasing ``|<H>|``; ``state_block[i]`` is the block of
    state ``i``; ``ranking`` lists the blocks by increasing row sum ``S`` (M3's order).
    """

    n: int
    colours: tuple[int, int]
    context: str
    cycles: tuple[tuple[int, ...], ...]
    states: tuple[tuple[int, ...], ...]
    colourings: tuple[tuple[int, ...], ...]
    state_colouring: tuple[int, ...]
    values: tuple[Any, ...]
    blocks: tuple[Block, ...]
    state_block: tuple[int, ...]
    ranking: tuple[int, ...]
    evaluations: int
    seconds: float
    edge_keys: tuple[tuple[Any, ...], ...] = field(default=())
    zeros: str = "identity"

    def value(self, i: int) -> Any:
        """``<H_i>``."""
        return self.values[self.state_colouring[i]]

    def entry(self, i: int, j: int) -> Any:
        """``A_ij`` exactly."""
        return _ratio(self.blocks[self.state_block[i]].norm2, self.blocks[self.state_block[j]].norm2, self.zeros)

    def row_sum(self, i: int) -> Any:
        """``S_i = sum_j A_ij`` exactly."""
        return self.blocks[self.state_block[i]].row_sum

    def matrix(self, max_entries: int = 1_000_000) -> ExactMatrix:
        """The full ``A`` as an :class:`~tqft.exact.matrix.ExactMatrix` (states in the order
        of :attr:`states`); refused above ``max_entries`` entries."""
        m = len(self.states)
        if m * m > max_entries:
            raise CostLimitError(
                f"the transition matrix has {m:,}^2 = {m * m:,} entries > max_entries = {max_entries:,}; "
                "entry(i, j), row_sum(i) and blocks describe it without building it"
            )
        s = [self.blocks[b].norm2 for b in self.state_block]
        return ExactMatrix.from_rows([[_ratio(x, y, self.zeros) for y in s] for x in s], Fraction(0), Fraction(1))

    def grouping(self) -> list[list[int]]:
        """The training-free grouping: state indices per block (blocks by decreasing ``|<H>|``)."""
        out: list[list[int]] = [[] for _ in self.blocks]
        for i, b in enumerate(self.state_block):
            out[b].append(i)
        return out

    def state_ranking(self) -> list[int]:
        """All states by increasing ``S_i`` (ties by block, then by index): M3's axis order."""
        pos = {b: r for r, b in enumerate(self.ranking)}
        return sorted(range(len(self.states)), key=lambda i: (pos[self.state_block[i]], i))

    def describe_state(self, i: int) -> str:
        counts = Counter(self.states[i])
        return " + ".join(f"{k}*C{c}" if k > 1 else f"C{c}" for c, k in sorted(counts.items()))

    def format(self, top: int = 8) -> str:
        """A text report (the ``tqft tqnn transition-matrix N`` output)."""
        lengths = Counter(len(c) for c in self.cycles)
        blocks = self.blocks
        sizes = Counter(b.size for b in blocks)
        lo, hi = self.colours
        lines = [
            f"(M3) transition matrix: hexagonal N = {self.n}, link colour = sum, context {self.context}"
            + (" (loop value n + 1)" if self.context == parse_context("-1").name else ""),
            f"cycles: {len(self.cycles)} (by length: "
            + ", ".join(f"{k}: {v}" for k, v in sorted(lengths.items()))
            + ")",
            f"states: multisets of {lo}..{hi} cycles: {len(self.states):,} "
            f"({len(self.colourings):,} distinct colourings, {self.evaluations:,} evaluated up to symmetry, "
            f"{self.seconds:.1f} s)",
            "A_ij = |<H_i><H_j>|^2 / max(|<H_i>|^4, |<H_j>|^4) = min(s_i, s_j) / max(s_i, s_j), s = |<H>|^2",
            f"blocks (A_ij = 1 <=> |<H_i>| = |<H_j>|): {len(blocks):,}; singletons {sizes.get(1, 0):,}; "
            f"largest block {max(b.size for b in blocks):,} states",
        ]
        zero = [b for b in blocks if _sign(b.norm2) == 0]
        if zero:
            lines.append(
                f"vanishing states (<H> = 0): {zero[0].size:,}; A between two of them = "
                + ("1 (zeros='identity')" if self.zeros == "identity" else "0 (zeros='m3', as in the M3 code)")
            )
        lines += [
            "",
            f"{'block':>6} {'|<H>|':>24} {'decimal':>12} {'size':>6} {'S (row sum)':>14} {'rank':>6}  example",
        ]

        def row(k: int) -> str:
            b = blocks[k]
            return (
                f"{k:>6} {_short(b.magnitude):>24} {_decimal(b.magnitude, self.context, 6):>12} {b.size:>6} "
                f"{_decimal(b.row_sum, self.context, 8):>14} {b.rank:>6}  {self.describe_state(b.example)}"
            )

        shown = list(range(min(top, len(blocks))))
        tail = [k for k in range(max(len(blocks) - top, 0), len(blocks)) if k not in shown]
        lines += [row(k) for k in shown]
        if tail:
            if tail[0] > shown[-1] + 1:
                lines.append(f"{'...':>6}")
            lines += [row(k) for k in tail]
        lines.append("")
        lines.append("ranking (increasing S, as in M3 Figs. 15-16):")
        first, last = self.ranking[:3], self.ranking[-3:]
        lines.append(
            "  lowest S: "
            + ", ".join(f"block {k} (|<H>| {_decimal(blocks[k].magnitude, self.context, 6)})" for k in first)
        )
        lines.append(
            "  highest S: "
            + ", ".join(f"block {k} (|<H>| {_decimal(blocks[k].magnitude, self.context, 6)})" for k in last)
        )
        lines.append(
            f"cycles: C0..C{len(self.cycles) - 1} as edge-index sets, "
            "edges in the order of tqft.learning.tqnn.encodings.edge_keys"
        )
        return "\n".join(lines)

    def to_dict(self, exact_row_sums: bool = False) -> dict[str, Any]:
        """A JSON-ready summary: counts, cycles, and every block (exact ``|<H>|^2``, size,
        row sum as a decimal -- exact too with ``exact_row_sums`` --, rank, an example)."""
        return {
            "n": self.n,
            "scheme": "hexagonal",
            "link_colour": "sum",
            "colours": list(self.colours),
            "context": self.context,
            "edge_keys": [list(k) for k in self.edge_keys],
            "cycles": [list(c) for c in self.cycles],
            "states": len(self.states),
            "colourings": len(self.colourings),
            "evaluations": self.evaluations,
            "blocks": [
                {
                    "norm2": str(b.norm2),
                    "magnitude": str(b.magnitude),
                    "size": b.size,
                    "row_sum": str(b.row_sum) if exact_row_sums else _decimal(b.row_sum, self.context, 30),
                    "rank": b.rank,
                    "example": {
                        "cycles": list(self.states[b.example]),
                        "colours": list(self.colourings[self.state_colouring[b.example]]),
                        "value": str(self.value(b.example)),
                    },
                }
                for b in self.blocks
            ],
            "ranking": list(self.ranking),
            "seconds": round(self.seconds, 3),
        }

    def to_json(self, exact_row_sums: bool = False) -> str:
        return json.dumps(self.to_dict(exact_row_sums), indent=1)


def _short(x: Any, width: int = 24) -> str:
    text = str(x)
    return text if len(text) <= width else text[: width - 3] + "..."


def _decimal(x: Any, context: str, digits: int) -> str:
    if isinstance(x, int | Fraction):
        with mpmath.workdps(digits + 5):
            v = mpmath.mpf(x.numerator) / x.denominator
            return mpmath.nstr(v, digits)
    v = parse_context(context).to_mpmath(x, 4 * digits + 20)
    return mpmath.nstr(mpmath.re(v), digits)


def _row_sums(sorted_s: list[Any], sizes: list[int], zeros: str) -> list[Any]:
    """``S_k = (1/s_k) sum_{l<k} n_l s_l + n_k + s_k sum_{l>k} n_l / s_l`` for ``s`` in
    increasing order (prefix sums; ``S = n_k`` or ``0`` for the zero block)."""
    rational = all(isinstance(s, Fraction) for s in sorted_s)
    lift = (lambda q: gmpy2.mpq(q.numerator, q.denominator)) if rational else (lambda q: q)
    vals = [lift(s) for s in sorted_s]
    m = len(vals)
    low = [lift(Fraction(0))] * (m + 1)
    for k in range(m):
        low[k + 1] = low[k] + sizes[k] * vals[k]
    high = [lift(Fraction(0))] * (m + 1)
    for k in range(m - 1, -1, -1):
        high[k] = high[k + 1] + (sizes[k] / vals[k] if _sign_any(vals[k]) else 0)
    out = []
    for k in range(m):
        if not _sign_any(vals[k]):
            out.append(Fraction(sizes[k]) if zeros == "identity" else Fraction(0))
            continue
        total = low[k] / vals[k] + sizes[k] + vals[k] * high[k + 1]
        out.append(Fraction(int(total.numerator), int(total.denominator)) if rational else total)
    return out


def _sign_any(x: Any) -> int:
    if isinstance(x, int | Fraction) or type(x).__name__ == "mpq":
        return (x > 0) - (x < 0)
    return int(x.sign())


def transition_matrix_study(
    n: int,
    colours: tuple[int, int] | None = None,
    context: Any = "-1",
    *,
    progress: bool = False,
    max_states: int = MAX_STATES,
    use_symmetry: bool = True,
    zeros: str = "identity",
) -> TransitionStudy:
    """The (M3) transition matrix of the cycle-sum colourings of the hexagonal ``n x n`` patch.

    Parameters
    ----------
    n
        Patch side (1 to 4).
    colours
        ``(c_min, c_max)``: how many cycles (with multiplicity) are laid down; default the M3
        notebook's ``(1, 6)`` for ``N = 2``, ``(1, 2)`` for ``N = 3``, ``(1, 1)`` otherwise.
    context
        ``"-1"`` (M3's classical point, default), ``"1"`` or ``"root:r"``.
    progress
        Show a tqdm bar over the evaluations (interrupt with Ctrl-C).
    max_states
        Refuse (:class:`~tqft.errors.CostLimitError`) to enumerate more states.
    use_symmetry
        Evaluate one colouring per orbit of :func:`patch_symmetries` (the evaluation is
        invariant; checked by the identity ``tqnn_patch_symmetry``).
    zeros
        ``"identity"`` or ``"m3"``: ``A`` between two vanishing states (module docstring).

    >>> study = transition_matrix_study(2, (1, 1))
    >>> len(study.states), len(study.blocks), study.blocks[0].magnitude
    (14, 1, Fraction(2, 1))
    """
    ctx = _exact_real_context(context)
    _zeros(zeros)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidArgumentError(f"n = {n!r}: expected an image side N >= 1")
    lo, hi = colours if colours is not None else M3_COLOURS.get(n, (1, 1))
    if not (isinstance(lo, int) and isinstance(hi, int)) or lo < 1 or hi < lo:
        raise InvalidArgumentError(f"colours = {(lo, hi)!r}: expected integers 1 <= c_min <= c_max")
    cycles = patch_cycles(n)
    total = count_states(len(cycles), lo, hi)
    if total > max_states:
        raise CostLimitError(
            f"N = {n} with {lo}..{hi} cycles has {total:,} states > max_states = {max_states:,} "
            f"({len(cycles):,} cycles; the transition matrix would have {total * total:,} entries); "
            "pass max_states=... to go ahead"
        )
    start = time.perf_counter()
    evaluator = _HexEvaluator(n, ctx, use_symmetry)
    e = len(evaluator.keys)
    states: list[tuple[int, ...]] = []
    colour_index: dict[tuple[int, ...], int] = {}
    state_colouring: list[int] = []
    for s in range(lo, hi + 1):
        for combo in itertools.combinations_with_replacement(range(len(cycles)), s):
            vec = [0] * e
            for c in combo:
                for k in cycles[c]:
                    vec[k] += 1
            key = tuple(vec)
            states.append(combo)
            state_colouring.append(colour_index.setdefault(key, len(colour_index)))
    colourings = list(colour_index)
    canon = [evaluator.canonical(c) for c in colourings]
    todo = list(dict.fromkeys(canon))
    values_by_canon: dict[tuple[int, ...], Any] = {}
    iterator: Iterable[tuple[int, ...]] = todo
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(todo, desc=f"TQNN N={n}", unit="network")
        iterator = bar
    try:
        for colouring in iterator:
            values_by_canon[colouring] = evaluator.value(colouring)
    finally:
        if bar is not None:
            bar.close()
    values = [values_by_canon[c] for c in canon]
    # blocks
    s_of_colouring = [norm2(v) for v in values]
    state_s = [s_of_colouring[k] for k in state_colouring]
    sizes_by_s: dict[Any, int] = Counter(state_s)
    descending = _descending(sizes_by_s)
    ascending = descending[::-1]
    sums = _row_sums(ascending, [sizes_by_s[s] for s in ascending], zeros)
    row_sum = dict(zip(ascending, sums, strict=True))
    block_of = {s: k for k, s in enumerate(descending)}

    def by_row_sum(a: int, b: int) -> int:
        return _cmp_rank(a, b, descending, row_sum)

    ranking = sorted(range(len(descending)), key=functools.cmp_to_key(by_row_sum))
    rank_of = {k: r for r, k in enumerate(ranking)}
    state_block = [block_of[s] for s in state_s]
    example: dict[int, int] = {}
    for i, b in enumerate(state_block):
        example.setdefault(b, i)
    blocks = tuple(
        Block(s, _magnitude(values[state_colouring[example[k]]]), sizes_by_s[s], row_sum[s], rank_of[k], example[k])
        for k, s in enumerate(descending)
    )
    return TransitionStudy(
        n=n,
        colours=(lo, hi),
        context=ctx.name,
        cycles=cycles,
        states=tuple(states),
        colourings=tuple(colourings),
        state_colouring=tuple(state_colouring),
        values=tuple(values),
        blocks=blocks,
        state_block=tuple(state_block),
        ranking=tuple(ranking),
        evaluations=len(todo),
        seconds=time.perf_counter() - start,
        edge_keys=evaluator.keys,
        zeros=zeros,
    )


def _cmp_rank(a: int, b: int, descending: list[Any], row_sum: Mapping[Any, Any]) -> int:
    d = _sign(row_sum[descending[a]] - row_sum[descending[b]])
    return d if d else (a > b) - (a < b)


def _magnitude(v: Any) -> Any:
    """``|v|`` of a real value."""
    return -v if _sign(v) < 0 else v


def transition_report(
    n: int,
    colours: tuple[int, int] | None = None,
    context: Any = "-1",
    *,
    progress: bool = False,
    top: int = 8,
    zeros: str = "identity",
    max_states: int = MAX_STATES,
) -> str:
    """:meth:`TransitionStudy.format` of :func:`transition_matrix_study` (the text of
    ``tqft tqnn transition-matrix N``)."""
    study = transition_matrix_study(n, colours, context, progress=progress, zeros=zeros, max_states=max_states)
    return study.format(top=top)
