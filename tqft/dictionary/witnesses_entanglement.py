"""Dictionary witnesses for the ConvAC / tensor-network / entanglement correspondence of (L).

Ranks are exact: :func:`~tqft.learning.schmidt.dense_rank` forms the coefficient tensor with
Python integers and takes the rank of its matricization over ``Q`` (FLINT), and
:func:`~tqft.learning.schmidt.schmidt_rank` evaluates the network on random product vectors
and takes the rank modulo a prime (a certified lower bound; equal to the min-cut means the
generic rank is the min-cut).  Min-cuts are exact integers from
:mod:`tqft.learning.mincut`.  Every weight and sample is seeded.

References: (L) Levine, Yakira, Cohen, Shashua, ICLR 2018, arXiv:1704.01552 (Claim 1,
Theorem 2, Claim 7, Appendix D, the experiments of Sec. 8); Cohen and Shashua, ICLR 2017
(pooling geometry); Cohen, Sharir, Shashua, COLT 2016 (the shallow CP network).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Sequence
from typing import Any

import flint
import numpy as np

from ..identities.core import CheckResult
from ..learning import (
    ConvAC,
    ConvACWeights,
    blocks,
    check_certificate,
    convac,
    dense_rank,
    design_channels,
    entanglement_entropy,
    from_indices,
    image_convac,
    interleaved,
    left_right,
    left_right_2d,
    min_cut,
    random_balanced,
    random_weights,
    schmidt_rank,
    segments,
    theorem2_bound,
)
from ..learning.partitions import Partition
from ..learning.schmidt import schmidt_spectrum
from .witnesses_core import close, equal_pairs

__all__ = [
    "architecture_design",
    "channel_number",
    "contract_tensor_network",
    "convac_tensor_network",
    "correlations",
    "entanglement_entropy_bound",
    "forward_score",
    "generic_weights",
    "inductive_bias",
    "long_range_correlations",
    "pooling_geometry",
    "pooling_window",
    "product_pooling",
    "representation_layer",
    "shallow_network",
    "short_range_correlations",
    "theorem2_lower_bound",
]


# --- ConvAC <-> tree tensor network --------------------------------------------------------------


def _legs(model: ConvAC, node: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """The neighbours of a TN node in the order of its tensor's axes."""
    kind, level = node[0], node[1]
    top = model.layers
    if kind == "A":
        j = node[2]
        up = [] if level == top else [("delta", level, j // model.windows[level])]
        down = [("input", model.order[j])] if level == 0 else [("delta", level - 1, j)]
        return down + up
    k = node[2]
    return [("A", level, j) for j in model.groups(level)[k]] + [("A", level + 1, k)]


def _node_tensor(model: ConvAC, w: ConvACWeights, node: tuple[Any, ...]) -> np.ndarray:
    kind, level = node[0], node[1]
    if kind == "A":
        return w.top.astype(object) if level == model.layers else w.tensors[level][node[2]].astype(object)
    r = model.channels[level]
    order = len(model.groups(level)[node[2]]) + 1
    delta = np.zeros((r,) * order, dtype=object)
    for i in range(r):
        delta[(i,) * order] = 1
    return delta


def contract_tensor_network(model: ConvAC, w: ConvACWeights) -> np.ndarray:
    """Contract the networkx TN of :meth:`~tqft.learning.convac.ConvAC.tensor_network` edge by
    edge (exact, object dtype): the coefficient tensor ``A^y``, axes in input order.

    An independent route to :meth:`~tqft.learning.convac.ConvACWeights.coefficient_tensor`,
    which multiplies the layers out; here only the graph, its node tensors (weights and
    delta-tensors) and ``np.tensordot`` are used."""
    graph = model.tensor_network()

    def down(node: tuple[Any, ...], parent: Hashable | None) -> tuple[list[Hashable], np.ndarray]:
        legs = _legs(model, node)
        if set(legs) != set(graph.neighbors(node)):  # the axis convention must match the graph
            raise AssertionError(f"legs of {node} do not match the TN graph")
        labels: list[Hashable] = list(legs)
        tensor = _node_tensor(model, w, node)
        for child in legs:
            if child == parent or child[0] == "input":
                continue
            child_labels, child_tensor = down(child, node)
            axis = labels.index(child)
            tensor = np.tensordot(child_tensor, tensor, axes=([child_tensor.ndim - 1], [axis]))
            labels = child_labels[:-1] + labels[:axis] + labels[axis + 1 :]
        if parent is not None:  # the bond to the parent goes last
            axis = labels.index(parent)
            tensor = np.moveaxis(tensor, axis, -1)
            labels = labels[:axis] + labels[axis + 1 :] + [parent]
        return labels, tensor

    labels, tensor = down(("A", model.layers, 0), None)
    perm = [labels.index(("input", i)) for i in range(model.inputs)]
    return np.transpose(tensor, perm)


def _check_convac(model: ConvAC, seed: int) -> CheckResult:
    import networkx as nx

    w = random_weights(model, seed=seed)
    by_layers = w.coefficient_tensor()
    by_graph = contract_tensor_network(model, w)
    graph = model.tensor_network()
    return equal_pairs(
        [
            (bool(np.array_equal(by_layers, by_graph)), True),
            (int(np.count_nonzero(by_graph)), by_graph.size),
            (nx.is_tree(graph), True),
            (sum(1 for _, d in graph.nodes(data="kind") if d == "input"), model.inputs),
        ]
    )


def convac_tensor_network() -> CheckResult:
    """A convolutional arithmetic circuit (ConvAC) is a tree tensor network: its coefficient
    tensor ``A^y`` is the contraction of a tree of weight tensors and delta-tensors (L).

    Example: ``N = 8`` inputs, ``M = 2``, channels ``(3, 2, 2)``, seeded integer weights
    (uniform below ``2^31``, so no entry vanishes).  The tensor obtained by multiplying the
    layers out must equal, entry by entry and exactly, the contraction of the networkx tree
    (weight nodes, delta nodes, open input legs) edge by edge; the graph must be a tree with
    ``N`` open legs.
    """
    return _check_convac(convac(8, (3, 2, 2), 2), 4)


# --- score function <-> many-body wave function --------------------------------------------------


def _forward(model: ConvAC, w: ConvACWeights, reps: np.ndarray) -> Any:
    """The ConvAC forward pass on representation vectors ``reps[i]`` (exact integers):
    1x1 convolutions and product pooling, layer by layer."""
    nodes = [reps[model.order[j]].astype(object) @ w.tensors[0][j].astype(object) for j in range(model.inputs)]
    for level in range(model.layers):
        pooled = [np.prod(np.stack([nodes[j] for j in group]), axis=0) for group in model.groups(level)]
        if level + 1 < model.layers:
            nodes = [pooled[k] @ w.tensors[level + 1][k].astype(object) for k in range(len(pooled))]
        else:
            return pooled[0] @ w.top.astype(object)
    raise AssertionError("unreachable")


def _check_forward_score(model: ConvAC, seed: int, samples: int) -> CheckResult:
    rng = np.random.default_rng(seed)
    w = random_weights(model, seed=seed)
    a = w.coefficient_tensor()
    pairs: list[tuple[Any, Any]] = []
    for _ in range(samples):
        reps = rng.integers(1, 10, size=(model.inputs, model.reps))
        amplitude = a
        for i in range(model.inputs):  # <A, (x)_i f(x_i)>: contract input 0 each time
            amplitude = np.tensordot(reps[i].astype(object), amplitude, axes=([0], [0]))
        pairs.append((_forward(model, w, reps), amplitude.item() if hasattr(amplitude, "item") else amplitude))
    pairs.append((all(p[1] != 0 for p in pairs), True))  # not vacuous: the scores are non-zero
    return equal_pairs(pairs)


def forward_score() -> CheckResult:
    """The score of a ConvAC is a many-body wave function: ``h_y(x) = sum_d A^y_{d_1..d_N}
    prod_i f_{d_i}(x_i)``, the overlap of the state ``A^y`` with a product state (L).

    Example: a 1D ConvAC with ``N = 9``, ``M = 2``, windows 3, channels ``(3, 2)``, and five
    seeded inputs given by their representation vectors.  The layer-by-layer forward pass
    (1x1 convolutions, product pooling) must equal the contraction of the coefficient
    tensor with the product state, exactly (and not vanish).
    """
    return _check_forward_score(convac(9, (3, 2), 2, 3), 6, 5)


# --- correlations <-> entanglement (Schmidt rank) ------------------------------------------------


def _check_correlations(model: ConvAC, parts: Sequence[Partition], seed: int) -> CheckResult:
    w = random_weights(model, seed=seed)
    pairs = []
    for part in parts:
        dense = dense_rank(model, part, w)  # rank of the matricization over Q
        sampled = schmidt_rank(model, part, w, seed=seed + 1, samples=64).rank  # from function values
        pairs.append((dense, sampled))
    return equal_pairs(pairs)


def correlations() -> CheckResult:
    """The correlations a network models between two groups of inputs (its separation rank)
    are the entanglement of the state across that partition: the Schmidt rank of the
    matricization ``[A^y]_{A,B}`` (L).

    Example: ``N = 8``, ``M = 2``, channels ``(3, 5, 7)``, one set of seeded weights, four
    partitions.  The rank of the function, measured from its values on 64 random product
    inputs per side (modulo a prime), must equal the rank of the matricized coefficient
    tensor computed over ``Q``.
    """
    parts = [left_right(8), interleaved(8), segments(8, 2), from_indices(8, [0, 1, 3, 7])]
    return _check_correlations(convac(8, (3, 5, 7), 2), parts, 0)


# --- inductive bias <-> min-cut (Claim 1) --------------------------------------------------------


def _check_inductive_bias(model: ConvAC, parts: Sequence[Partition], seed: int) -> CheckResult:
    w = random_weights(model, seed=seed)
    pairs: list[tuple[Any, Any]] = []
    for part in parts:
        cut = min_cut(model, part, weights="plain", certify=True)
        report = check_certificate(model, part, cut)
        pairs.append(((dense_rank(model, part, w), report.ok, report.minimal), (cut.value, True, True)))
    return equal_pairs(pairs)


def inductive_bias() -> CheckResult:
    """The inductive bias of a ConvAC -- which correlations it can express -- is controlled by
    min-cuts of its tensor network: ``rank [A^y]_{A,B} <= min_C prod_{e in C} dim(e)``
    (L, Claim 1), attained for generic weights here.

    Example: ``N = 8``, ``M = 2``, channels ``(3, 5, 7)``, seeded integer weights, four
    partitions (left-right, interleaved, pairs, an irregular one).  The exact rank over
    ``Q`` must equal the multiplicative min-cut (5, 16, 9, 12), whose cut must be a valid
    separating set with a dual flow proving it minimal.
    """
    parts = [left_right(8), interleaved(8), segments(8, 2), from_indices(8, [0, 1, 3, 7])]
    return _check_inductive_bias(convac(8, (3, 5, 7), 2), parts, 1)


# --- channel number <-> bond dimension -----------------------------------------------------------


def _check_channel_number(reps: int, widths: Sequence[int], seed: int) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    for r in widths:
        model = convac(2, (r,), reps)
        part = from_indices(2, [0])
        graph = model.tensor_network()
        dims = {d for u, v, d in graph.edges(data="dim") if "delta" in (u[0], v[0])}
        rank = dense_rank(model, part, random_weights(model, seed=seed + r))
        pairs.append(((r, rank, dims), (r, min(r, reps), {r})))
    return equal_pairs(pairs)


def channel_number() -> CheckResult:
    """The number of channels of a layer is the bond dimension of the corresponding edges of
    the tensor network (L).

    Example: two inputs with ``M = 4`` and one hidden layer of ``r = 1..6`` channels.  Every
    edge at the delta-tensor must carry dimension ``r``, and the exact rank of the 4x4
    coefficient matrix must be ``min(r, M)``: the bond dimension caps the entanglement
    until the input legs do.
    """
    return _check_channel_number(4, range(1, 7), 10)


# --- Theorem 2 <-> min-cut with powers of p ------------------------------------------------------


def _check_theorem2(seed: int, published: tuple[int, int, int]) -> CheckResult:
    general = convac(8, (3, 5, 7), 2)
    lr = left_right(8)
    w = random_weights(general, seed=seed)
    pairs: list[tuple[Any, Any]] = [
        # (L)'s example where Theorem 2 is not tight: min-cut 5, Theorem-2 bound 4, rank 5
        ((min_cut(general, lr).value, theorem2_bound(general, lr).value, dense_rank(general, lr, w)), published)
    ]
    powers = convac(8, (4, 2, 8), 2)  # every bond dimension a power of 2
    wp = random_weights(powers, seed=seed)
    for part in (lr, interleaved(8), from_indices(8, [0, 2, 3, 6])):
        bound = theorem2_bound(powers, part).value
        pairs.append(((bound, dense_rank(powers, part, wp)), (min_cut(powers, part).value,) * 2))
    return equal_pairs(pairs)


def theorem2_lower_bound() -> CheckResult:
    """The expressiveness a randomly initialised network has almost surely is bounded below
    by the min-cut with bond dimensions rounded down to powers of ``p`` (L, Theorem 2).

    Example: (L)'s network ``N = 8``, ``M = 2``, channels ``(3, 5, 7)``, left-right: min-cut 5,
    Theorem-2 bound 4 and exact generic rank 5 (the published numbers); and channels
    ``(4, 2, 8)`` (all powers of 2), where the lower bound, the exact rank and the min-cut
    must coincide on three partitions.
    """
    return _check_theorem2(2, (5, 4, 5))


# --- product pooling <-> delta-tensor ------------------------------------------------------------


def _delta(r: int, order: int) -> np.ndarray:
    out = np.zeros((r,) * order, dtype=np.int64)
    for i in range(r):
        out[(i,) * order] = 1
    return out


def _check_product_pooling(r: int, seed: int) -> CheckResult:
    rng = np.random.default_rng(seed)
    u, v, t = (rng.integers(-9, 10, size=r) for _ in range(3))
    d3, d4 = _delta(r, 3), _delta(r, 4)
    pairs: list[tuple[Any, Any]] = [
        (np.einsum("i,j,ijk->k", u, v, d3).tolist(), (u * v).tolist()),
        (np.einsum("i,j,l,ijlk->k", u, v, t, d4).tolist(), (u * v * t).tolist()),
    ]
    # a delta-tensor has rank r across every split of its legs (what Claim 7 uses)
    for split in ((1, 2), (2, 1)):
        mat = d3.reshape(r ** split[0], r ** split[1]).tolist()
        pairs.append((int(flint.fmpz_mat(mat).rank()), r))
    mat = d4.reshape(r * r, r * r).tolist()
    pairs.append((int(flint.fmpz_mat(mat).rank()), r))
    return equal_pairs(pairs)


def product_pooling() -> CheckResult:
    """Product pooling is contraction with a delta-tensor (L).

    Example: ``r = 5`` channels, seeded integer channel vectors.  Pooling two (three)
    children by the entrywise product must equal contracting them with the order-3
    (order-4) delta-tensor; and the delta-tensor must have rank ``r`` across every split of
    its legs (computed exactly), which is why its cut counts its dimension once.
    """
    return _check_product_pooling(5, 3)


# --- pooling window <-> delta-once weights (Claim 7) ---------------------------------------------


def _check_pooling_window() -> CheckResult:
    net = image_convac(4, 4, (3, 5), window="2x2")
    part = blocks(4, 4, 1, 2)
    plain = min_cut(net, part, weights="plain").value
    delta = min_cut(net, part).value
    rank = schmidt_rank(net, part)
    line = convac(8, (3, 5, 7), 2)
    equal_for_window_2 = all(
        min_cut(line, p, weights="plain").value == min_cut(line, p).value
        for p in (left_right(8), interleaved(8), from_indices(8, [0, 1, 3, 7]))
    )
    return equal_pairs(
        [
            ((rank.rank, rank.certified), (delta, True)),
            (plain > delta, True),
            (equal_for_window_2, True),
        ]
    )


def pooling_window() -> CheckResult:
    """A pooling window of ``w`` positions is an order-``(w+1)`` delta-tensor whose edges count
    its dimension once in the cut weight (L, Claim 7).

    Example: a 4x4 image with 2x2 pooling windows, ``M = 2``, channels ``(3, 5)``, and the
    partition into 1x2 blocks.  The certified exact rank must be the delta-once min-cut
    (81), strictly below the plain product of Claim 1 (256); for windows of 2 the two
    weights must agree (``N = 8``, three partitions).
    """
    return _check_pooling_window()


# --- pooling geometry <-> which partitions are entangled -----------------------------------------


def _check_pooling_geometry(channels: Sequence[int]) -> CheckResult:
    part = left_right_2d(4, 4)
    pairs: list[tuple[Any, Any]] = []
    cuts = {}
    for ordering in ("zorder", "mirror", "rowmajor", "columnmajor"):
        net = image_convac(4, 4, channels, ordering=ordering)
        cut = min_cut(net, part).value
        res = schmidt_rank(net, part)
        cuts[ordering] = cut
        pairs.append(((ordering, res.rank, res.certified), (ordering, cut, True)))
    pairs.append((max(cuts, key=lambda k: cuts[k]), "mirror"))
    return equal_pairs(pairs)


def pooling_geometry() -> CheckResult:
    """The pooling geometry decides which partitions of the input the network can entangle:
    pooling mirror pixels together supports left-right (symmetry) correlations (L, after
    Cohen and Shashua 2017).

    Example: a 4x4 image, ``M = 2``, channels ``(2, 2, 2, 2)``, the left-right partition,
    four pooling orders.  The certified exact rank must equal the min-cut for each order,
    and the mirror order must give the largest (256, against 4 for Z-order, 16 row-major,
    2 column-major).
    """
    return _check_pooling_geometry((2, 2, 2, 2))


# --- shallow network <-> CP decomposition --------------------------------------------------------


def _check_shallow(n: int, reps: int, terms: int, seed: int) -> CheckResult:
    model = convac(n, (terms,), reps, (n,))
    w = random_weights(model, seed=seed)
    pairs: list[tuple[Any, Any]] = []
    for size in range(1, n // 2 + 1):
        part = from_indices(n, range(size))
        closed = min(terms, reps ** min(size, n - size))
        pairs.append(((size, dense_rank(model, part, w), min_cut(model, part).value), (size, closed, closed)))
    return equal_pairs(pairs)


def shallow_network() -> CheckResult:
    """A shallow network (one hidden layer, global product pooling) is a CP decomposition
    with ``K`` terms; its entanglement is ``min(K, M^min(|A|, |B|))`` (L, Claim 7 with an
    order-``N+1`` delta-tensor; Cohen, Sharir, Shashua 2016).

    Example: ``N = 6``, ``M = 2``, ``K = 5``.  For ``|A| = 1, 2, 3`` the exact rank over ``Q``
    and the delta-once min-cut must both be ``min(5, 2^|A|) = 2, 4, 5``.
    """
    return _check_shallow(6, 2, 5, 7)


# --- wide base <-> short-range, wide tip <-> long-range correlations -----------------------------


def _interleaved_form(reps: int, channels: Sequence[int], n: int) -> int:
    return min(reps, channels[0]) ** (n // 2)


def _left_right_form(reps: int, channels: Sequence[int], n: int) -> int:
    depth = len(channels)
    return min(
        [channels[-1]] + [channels[lv] ** (2 ** (depth - 2 - lv)) for lv in range(depth - 1)] + [reps ** (n // 2)]
    )


def _check_range(base: Sequence[int], tip: Sequence[int], reps: int, n: int, long_range: bool) -> CheckResult:
    part = left_right(n) if long_range else interleaved(n)
    form = _left_right_form if long_range else _interleaved_form
    pairs: list[tuple[Any, Any]] = []
    cuts = []
    for channels in (base, tip):
        net = convac(n, channels, reps)
        cut = min_cut(net, part).value
        cuts.append(cut)
        pairs.append((cut, form(reps, channels, n)))
        if cut <= 256:
            res = schmidt_rank(net, part)
            pairs.append(((res.rank, res.certified), (cut, True)))
    budget = [convac(n, c, reps).parameter_count(classes=2, shared=True) for c in (base, tip)]
    pairs.append((budget[0], budget[1]))
    pairs.append((cuts[1] > cuts[0] if long_range else cuts[0] > cuts[1], True))
    return equal_pairs(pairs)


def short_range_correlations() -> CheckResult:
    """Short-range correlations need wide early layers (a wide base) (L, Sec. 8).

    Example: ``N = 16``, ``M = 4``, wide base ``(8, 6, 3, 2)`` against wide tip ``(2, 2, 8, 8)``
    (the same 108 shared weights with two classes).  The interleaved min-cut must be the
    closed form ``min(M, r_0)^(N/2)``: 65536 for the wide base against 256 for the wide
    tip, whose rank is certified equal to it.
    """
    return _check_range((8, 6, 3, 2), (2, 2, 8, 8), 4, 16, long_range=False)


def long_range_correlations() -> CheckResult:
    """Long-range correlations need wide deep layers (a wide tip) (L, Sec. 8).

    Example: the same two networks.  The left-right min-cut must be the closed form
    ``min(r_3, r_2, r_1^2, r_0^4, M^8)``: 2 for the wide base against 4 for the wide tip,
    each certified equal to the exact rank.
    """
    return _check_range((8, 6, 3, 2), (2, 2, 8, 8), 4, 16, long_range=True)


# --- representation layer <-> input legs of dimension M ------------------------------------------


def _check_representation(n: int, channels: Sequence[int], reps_values: Sequence[int], seed: int) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    for reps in reps_values:
        model = convac(n, channels, reps)
        w = random_weights(model, seed=seed)
        for i in range(n):
            part = from_indices(n, [i])
            cut = min_cut(model, part)
            pairs.append(((reps, i, dense_rank(model, part, w), cut.value), (reps, i, reps, reps)))
            pairs.append((cut.edges, ((("input", i), ("A", 0, model.order.index(i))),)))
    return equal_pairs(pairs)


def representation_layer() -> CheckResult:
    """The representation layer (``M`` functions per input) is the set of open legs of
    dimension ``M`` of the tensor network (L).

    Example: ``N = 4`` with wide hidden layers ``(9, 9)`` and ``M = 2, 3``.  Separating one
    input from the rest, the exact rank must be ``M`` and the min-cut must be the input's
    own leg, of weight ``M``.
    """
    return _check_representation(4, (9, 9), (2, 3), 5)


# --- architecture design <-> maximising min-cuts under a budget ----------------------------------


def _check_design(n: int, reps: int, budget: int, values: Sequence[int]) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    layers = int(math.log2(n))
    for part in (left_right(n), interleaved(n)):
        found = design_channels(n, [part], budget, values=values, reps=reps).best
        brute = max(
            min_cut(convac(n, c, reps), part).value
            for c in itertools.product(values, repeat=layers)
            if convac(n, c, reps).parameter_count(shared=True) <= budget
        )
        used = convac(n, found.channels, reps).parameter_count(shared=True)
        pairs.append(((part.name, found.bounds[0], used <= budget), (part.name, brute, True)))
    return equal_pairs(pairs)


def architecture_design() -> CheckResult:
    """Designing an architecture for a task (allocating channels under a parameter budget)
    is maximising the min-cut of the partitions the task needs (L, design consequence of
    Claim 1).

    Example: ``N = 16``, ``M = 4``, channels from ``{1, 2, 4, 8}``, 60 shared weights.  For the
    left-right and the interleaved partition, the min-cut reached by
    :func:`~tqft.learning.design.design_channels` must be the maximum over all 256 channel
    tuples within the budget, found here by brute force.
    """
    return _check_design(16, 4, 60, (1, 2, 4, 8))


# --- entanglement entropy <-> correlation strength -----------------------------------------------


def _check_entropy(seed: int) -> CheckResult:
    model = convac(2, (2,), 2)
    part = from_indices(2, [0])
    eye = np.stack([np.eye(2), np.eye(2)])[:, :, :]
    bell = ConvACWeights(model, (eye,), np.ones(2))  # A = sum_g e_g (x) e_g: maximally entangled
    spectrum = schmidt_spectrum(model, part, bell)
    s_bell = entanglement_entropy(model, part, bell)
    s_random = entanglement_entropy(model, part, seed=seed)
    rank = dense_rank(model, part, random_weights(model, seed=seed))
    ok = close(s_bell, 1.0, 1e-12) and all(close(x, 0.5, 1e-12) for x in spectrum) and 0.0 < s_random < math.log2(rank)
    return CheckResult(ok, (s_bell, spectrum.tolist(), s_random), (1.0, [0.5, 0.5], f"(0, log2 {rank})"))


def entanglement_entropy_bound() -> CheckResult:
    """The strength of the correlations a network models across a partition is measured by
    the entanglement entropy of its state, at most ``log2`` of the Schmidt rank (L).

    Example: two inputs, ``M = 2``, two channels.  Identity weights give ``A = e_0 (x) e_0 +
    e_1 (x) e_1``, a maximally entangled state: Schmidt coefficients ``(1/2, 1/2)`` and
    entropy exactly 1 bit ``= log2 2``; seeded Gaussian weights must give an entropy strictly
    between 0 and ``log2`` of the exact rank (2).
    """
    return _check_entropy(3)


# --- random initialisation <-> generic weights attain the min-cut (Appendix D) -------------------


def _check_generic(channels: Sequence[int], count: int, seed: int) -> CheckResult:
    model = convac(16, channels, 2)
    rng = np.random.default_rng(seed)
    pairs: list[tuple[Any, Any]] = []
    for _ in range(count):
        part = random_balanced(16, rng)
        res = schmidt_rank(model, part, seed=seed)
        pairs.append(
            ((part.to_string(), res.rank, res.certified), (part.to_string(), min_cut(model, part).value, True))
        )
    return equal_pairs(pairs)


def generic_weights() -> CheckResult:
    """Randomly initialised weights reach the maximal entanglement the architecture allows:
    the rank equals the min-cut for almost all weights, with rare exceptions (L, Appendix D;
    an empirical observation beyond Theorem 2).

    Example: ``N = 16``, ``M = 2``, channels ``(2, 3, 5, 7)`` (not powers of one integer, so
    Theorem 2 does not apply), six seeded random balanced partitions.  The certified exact
    rank of seeded random weights must equal the min-cut on each.
    """
    return _check_generic((2, 3, 5, 7), 6, 11)
