"""ConvAC entanglement (Levine et al., ICLR 2018): models, partitions, min-cut bounds with
certificates, exact Schmidt ranks, design, the experiment's model, the study and the CLI.

Independent witnesses: brute-force minimum cuts by enumerating every side assignment of
small trees; networkx max-flow on LogCapacity capacities on random graphs against brute
force; closed forms for left-right, interleaved and segment partitions; dense ranks over
Q (FLINT fmpz) and modulo a prime against the sampled rank; the coefficient tensor
against an einsum of the defining formula; finite-difference gradients.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from tqft.errors import CostLimitError, InvalidArgumentError, TQFTError
from tqft.identities import entanglement as entanglement_identities
from tqft.identities import get, run_identity_cases
from tqft.learning import (
    Partition,
    balanced_partitions,
    block,
    blocks,
    check_certificate,
    checkerboard,
    convac,
    dense_rank,
    design_channels,
    entanglement_entropy,
    from_indices,
    from_string,
    image_convac,
    interleaved,
    left_right,
    left_right_2d,
    min_cut,
    random_weights,
    schmidt_rank,
    segments,
    theorem2_bound,
    top_bottom,
)
from tqft.learning import cli as learning_cli
from tqft.learning.experiment import LogConvAC, make_task, run_experiment, train
from tqft.learning.mincut import LogCapacity, MinCut, cut_weight, flow_network, round_to_power
from tqft.learning.partitions import count_balanced, parse_partition
from tqft.learning.schmidt import PRIMES, matricization, schmidt_spectrum
from tqft.learning.study import run_study, study_case, summarise

IDENTITIES = [
    "convac_rank_le_mincut",
    "convac_rank_eq_mincut_powers",
    "convac_theorem2_lower_bound",
    "convac_mincut_certificates",
    "convac_shallow_rank",
    "convac_mincut_closed_forms",
]


# --- brute force ------------------------------------------------------------------------------


def brute_min_cut(net, part, weights):
    """Minimum over every side assignment of the non-input nodes (delta-tensors too for plain
    weights; for delta weights a delta-tensor costs r iff its legs are not all on one side)."""
    tn = net.tensor_network()
    side = {("input", i): (0 if i in part.a else 1) for i in range(net.inputs)}
    free = [v for v, d in tn.nodes(data=True) if d["kind"] != "input" and (weights == "plain" or d["kind"] != "delta")]
    deltas = [v for v, d in tn.nodes(data=True) if d["kind"] == "delta"]
    best = None
    for bits in itertools.product((0, 1), repeat=len(free)):
        side.update(zip(free, bits))
        total = 1
        for u, v, d in tn.edges(data=True):
            if weights == "delta" and (u[0] == "delta" or v[0] == "delta"):
                continue
            if side[u] != side[v]:
                total *= d["dim"]
        if weights == "delta":
            for dl in deltas:
                if len({side[x] for x in tn[dl]}) == 2:
                    total *= net.channels[dl[1]]
        if best is None or total < best:
            best = total
    return best


SMALL_NETS = [
    lambda r: convac(4, r[:2], 2),
    lambda r: convac(3, r[:1], 2, 3),
    lambda r: convac(6, r[:2], 2, (2, 3)),
    lambda r: convac(6, r[:2], 3, (3, 2)),
    lambda r: image_convac(2, 2, r[:1], 2, "2x2"),
]


@settings(max_examples=40, deadline=None)
@given(
    kind=st.integers(0, len(SMALL_NETS) - 1),
    r=st.lists(st.integers(1, 7), min_size=3, max_size=3),
    data=st.data(),
)
def test_tree_min_cut_equals_brute_force_and_networkx(kind, r, data):
    net = SMALL_NETS[kind](r)
    a = data.draw(st.sets(st.integers(0, net.inputs - 1), min_size=1, max_size=net.inputs - 1))
    part = Partition(net.inputs, frozenset(a))
    for weights in ("plain", "delta"):
        tree = min_cut(net, part, weights=weights)
        flow = min_cut(net, part, weights=weights, method="networkx")
        assert tree.value == flow.value == brute_min_cut(net, part, weights)
        assert check_certificate(net, part, tree).ok
        report = check_certificate(net, part, flow)
        assert report.ok and report.minimal is True
    assert min_cut(net, part, weights="delta").value <= min_cut(net, part, weights="plain").value


def test_brute_force_delta_at_eight_inputs():
    rng = random.Random(3)
    for _ in range(4):
        net = convac(8, tuple(rng.randint(1, 6) for _ in range(3)), rng.randint(2, 3))
        part = Partition(8, frozenset(rng.sample(range(8), rng.randint(1, 7))))
        assert min_cut(net, part).value == brute_min_cut(net, part, "delta")
        assert min_cut(net, part, weights="plain").value == min_cut(net, part).value  # window 2


# --- LogCapacity: exact multiplicative max-flow on arbitrary graphs ------------------------------


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(3, 7),
    edges=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(1, 12)), min_size=3, max_size=14),
)
def test_log_capacity_max_flow_is_the_product_min_cut(n, edges):
    from networkx.algorithms.flow import edmonds_karp, shortest_augmenting_path

    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    for u, v, c in edges:
        u, v = u % n, v % n
        if u != v:
            g.add_edge(u, v, capacity=LogCapacity(c))
    s, t = 0, n - 1
    # brute force over all s-t node cuts: min product of crossing capacities
    best = None
    inner = list(range(1, n - 1))
    for bits in itertools.product((0, 1), repeat=len(inner)):
        source = {s} | {v for v, b in zip(inner, bits) if b}
        w = math.prod(d["capacity"].value for u, v, d in g.edges(data=True) if u in source and v not in source)
        best = w if best is None or w < best else best
    for func in (edmonds_karp, shortest_augmenting_path):
        value, _ = nx.minimum_cut(g, s, t, flow_func=func)
        assert (Fraction(1) if value == 0 else value.value) == best


def test_log_capacity_algebra():
    a, b = LogCapacity(6), LogCapacity(Fraction(3, 2))
    assert (a + b).value == 9 and (a - b).value == 4 and (-b).value == Fraction(2, 3)
    assert 0 + a == a and a - 0 == a and (0 - a).value == Fraction(1, 6)
    assert 3 * b == LogCapacity(Fraction(27, 8)) and a * 0 == LogCapacity(1)
    assert a > b > 0 and not LogCapacity(1) and a < float("inf") and min(a, b) is b
    assert hash(LogCapacity(4)) == hash(2 * LogCapacity(2))
    with pytest.raises(InvalidArgumentError, match="positive rational"):
        LogCapacity(0)


# --- closed forms ---------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(depth=st.integers(2, 11), m=st.integers(2, 5), data=st.data())
def test_closed_forms_window_two(depth, m, data):
    r = tuple(data.draw(st.lists(st.integers(1, 12), min_size=depth, max_size=depth)))
    n = 2**depth
    net = convac(n, r, m)
    left_right_form = min([r[-1]] + [r[lv] ** (2 ** (depth - 2 - lv)) for lv in range(depth - 1)] + [m ** (n // 2)])
    assert min_cut(net, left_right(n)).value == left_right_form
    assert min_cut(net, interleaved(n)).value == min(m, r[0]) ** (n // 2)
    k = data.draw(st.integers(1, depth - 1))
    c_k = min([r[k], r[k - 1]] + [r[lv] ** (2 ** (k - 1 - lv)) for lv in range(k - 1)] + [m ** (2**k)])
    assert min_cut(net, segments(n, 2**k)).value == c_k ** (n // 2 ** (k + 1))


def test_shallow_network_closed_form():
    # one hidden layer with global pooling: an order-(N+1) delta-tensor (Claim 7)
    for n, m, k, a in [(6, 2, 5, (0, 1, 2)), (5, 3, 40, (1, 3)), (4, 2, 3, (0,))]:
        net = convac(n, (k,), m, (n,))
        part = from_indices(n, a)
        closed = min(k, m ** min(len(a), n - len(a)))
        assert min_cut(net, part).value == closed
        small = min(len(a), n - len(a))
        assert min_cut(net, part, weights="plain").value == min(m, k) ** small  # overcounts the delta-tensor
        assert schmidt_rank(net, part).rank == closed


# --- the paper's facts ------------------------------------------------------------------------


def test_theorem2_can_be_strictly_below_the_generic_rank():
    """N = 8, M = 2, r = (3, 5, 7), left-right: min-cut 5, Theorem-2 bound 4, generic rank 5."""
    net, part = convac(8, (3, 5, 7), 2), left_right(8)
    assert min_cut(net, part).value == 5
    t2 = theorem2_bound(net, part)
    assert (t2.value, t2.base, t2.exponent) == (4, 2, 2)
    res = schmidt_rank(net, part)
    assert res.rank == 5 and res.certified and res.error_bound == 0
    assert dense_rank(net, part, random_weights(net, seed=2, low=-50, high=50)) == 5


def test_square_pooling_plain_weight_exceeds_the_rank():
    """2x2 windows: four children per delta-tensor; the plain product overcounts (Claim 7)."""
    net = image_convac(4, 4, (3, 5), 2, "2x2")
    part = blocks(4, 4, 1, 2)
    plain, delta = min_cut(net, part, weights="plain").value, min_cut(net, part).value
    assert (plain, delta) == (256, 81)
    assert schmidt_rank(net, part, samples=90).rank == 81


def test_a_generic_rank_below_the_min_cut():
    """A deficit found by the study (N = 16, Appendix-D channels): rank 172 < min-cut 176,
    seen with two seeds, two primes and the dense rank modulo a third prime."""
    net, part = convac(16, (7, 11, 13, 3), 2), from_string("AAAAABBBBBBBAAAB")
    assert min_cut(net, part).value == 176 and theorem2_bound(net, part).value == 128
    for seed in (0, 1):
        res = schmidt_rank(net, part, seed=seed, trials=2, samples=180)
        assert res.rank == 172 and not res.certified and res.error_bound < Fraction(1, 10**8)
    assert dense_rank(net, part, random_weights(net, seed=5), prime=PRIMES[2]) == 172


def test_powers_of_one_integer_attain_the_bound():
    for r, m, part in [
        ((4, 2, 8), 2, interleaved(8)),
        ((9, 3, 3), 3, segments(8, 2)),
        ((1, 4, 2, 8), 4, left_right(16)),
    ]:
        net = convac(2 ** len(r), r, m)
        bound = min_cut(net, part).value
        assert theorem2_bound(net, part).value == bound == schmidt_rank(net, part).rank


# --- ranks: sampled vs dense --------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), layers=st.integers(2, 3), m=st.integers(2, 3), data=st.data())
def test_sampled_rank_equals_dense_rank(seed, layers, m, data):
    r = tuple(data.draw(st.lists(st.integers(1, 6), min_size=layers, max_size=layers)))
    net = convac(2**layers, r, m)
    a = data.draw(st.sets(st.integers(0, net.inputs - 1), min_size=1, max_size=net.inputs - 1))
    part = Partition(net.inputs, frozenset(a))
    w = random_weights(net, seed=seed, low=-30, high=30)
    bound = min_cut(net, part).value
    fast = schmidt_rank(net, part, w, seed=seed, samples=bound + 2, trials=2).rank
    over_q = dense_rank(net, part, w)
    assert fast == over_q <= bound
    assert dense_rank(net, part, w, prime=PRIMES[0]) == fast
    assert theorem2_bound(net, part).value <= schmidt_rank(net, part, seed=seed).rank <= bound


def test_dense_tensor_matches_the_defining_formula():
    net = convac(4, (3, 2), 2)
    w = random_weights(net, seed=4, low=-5, high=5)
    a0, a1, top = w.tensors[0].astype(object), w.tensors[1].astype(object), w.top.astype(object)
    expected = np.empty((2, 2, 2, 2), dtype=object)
    for d in itertools.product(range(2), repeat=4):
        expected[d] = sum(
            top[g]
            * math.prod(
                sum(a1[k][al, g] * a0[2 * k][d[2 * k], al] * a0[2 * k + 1][d[2 * k + 1], al] for al in range(3))
                for k in range(2)
            )
            for g in range(2)
        )
    assert (w.coefficient_tensor() == expected).all()
    # a pooling geometry permutes the axes: mirror order pools (0, 3) and (1, 2)
    mirror = convac(4, (3, 2), 2, order=(0, 3, 1, 2))
    wm = type(w)(mirror, w.tensors, w.top)
    assert (wm.coefficient_tensor() == np.transpose(expected, (0, 2, 3, 1))).all()


def test_sampled_rank_against_rank_bound_with_extra_samples():
    rng = random.Random(7)
    for _ in range(15):
        net = image_convac(4, 4, (rng.randint(1, 5), rng.randint(1, 5)), rng.randint(2, 3), "2x2")
        part = Partition(16, frozenset(rng.sample(range(16), rng.randint(1, 4))))
        bound = min_cut(net, part).value
        res = schmidt_rank(net, part, samples=bound + 5, seed=rng.randint(0, 99))
        assert res.rank <= bound and res.samples == bound + 5


def test_entropy_bounds_and_product_states():
    net = convac(8, (2, 3, 4), 2)
    for part in (left_right(8), interleaved(8), segments(8, 2)):
        rank = schmidt_rank(net, part).rank
        s = entanglement_entropy(net, part)
        assert 0 < s <= math.log2(rank) + 1e-9
        lam = schmidt_spectrum(net, part)
        assert abs(lam.sum() - 1) < 1e-12 and (np.diff(lam) <= 1e-15).all()
    product = convac(8, (2, 2, 1), 2)  # r_{L-1} = 1: the halves are not entangled
    assert entanglement_entropy(product, left_right(8)) < 1e-12
    assert abs(entanglement_entropy(product, left_right(8), base=math.e)) < 1e-12


def test_primes_are_the_largest_below_two_to_the_31():
    assert list(PRIMES) == [2**31 - 1, sympy.prevprime(2**31 - 1), sympy.prevprime(sympy.prevprime(2**31 - 1))]


# --- certificates ---------------------------------------------------------------------------


def test_certificate_check_rejects_bad_certificates():
    net, part = convac(8, (2, 3, 2), 2), segments(8, 2)
    cut = min_cut(net, part, method="networkx")
    assert check_certificate(net, part, cut).ok
    assert not check_certificate(net, part, MinCut(cut.value, cut.edges[1:], "delta", None, "tree"))
    assert not check_certificate(net, part, MinCut(cut.value + 1, cut.edges, "delta", None, "tree"))
    fake = (((("input", 0), ("input", 1))),)
    assert "not TN edges" in check_certificate(net, part, MinCut(2, fake, "delta", None, "tree")).problems[0]
    assert cut.flow
    (arc, f), *rest = cut.flow
    bad = MinCut(cut.value, cut.edges, "delta", None, "networkx", ((arc, f * 2), *rest))
    report = check_certificate(net, part, bad)
    assert not report and report.minimal is False
    # a non-minimal but valid cut: all A input legs
    legs = tuple((("A", 0, j), ("input", j)) for j in range(8) if j in part.a)
    heavy = MinCut(2**4, legs, "plain", None, "tree")
    assert check_certificate(net, part, heavy).ok and cut_weight(net, legs, "plain") == 16


def test_certificates_on_large_networks_and_networkx_agree():
    net = convac(256, (2, 3, 4, 5, 6, 7, 8, 9), 2)
    rng = np.random.default_rng(0)
    for part in (left_right(256), interleaved(256), from_indices(256, rng.choice(256, 20, replace=False).tolist())):
        cut = min_cut(net, part, certify=True)
        report = check_certificate(net, part, cut)
        assert report.ok and report.minimal is True
    powers = convac(1024, (16,) * 10, 2)  # integer exponent capacities: preflow-push
    for part in (interleaved(1024), segments(1024, 8)):
        assert min_cut(powers, part, method="networkx").value == min_cut(powers, part).value


def test_flow_network_structure():
    net, part = convac(4, (2, 3), 2), interleaved(4)
    g = flow_network(net, part, "delta")
    assert g.edges[("in", ("delta", 0, 0)), ("out", ("delta", 0, 0))]["capacity"] == LogCapacity(2)
    assert "capacity" not in g.edges["s", ("input", 0)]
    assert flow_network(net, part, "plain", exponent_base=None).number_of_nodes() == 2 + 2 * 4 + 2 * 3
    with pytest.raises(InvalidArgumentError, match="not a power"):
        flow_network(net, part, "plain", exponent_base=2)


@settings(max_examples=40, deadline=None)
@given(layers=st.integers(2, 4), m=st.integers(1, 30), data=st.data())
def test_theorem2_bases_cover_every_base(layers, m, data):
    r = tuple(data.draw(st.lists(st.integers(1, 40), min_size=layers, max_size=layers)))
    net = convac(2**layers, r, m)
    a = data.draw(st.sets(st.integers(0, net.inputs - 1), min_size=1, max_size=net.inputs - 1))
    part = Partition(net.inputs, frozenset(a))
    every = max(min_cut(net, part, base=p).value for p in range(2, max(m, *r) + 2))
    assert theorem2_bound(net, part).value == every
    with pytest.raises(CostLimitError, match="max_work"):
        theorem2_bound(convac(4, (10**6, 3), 2), left_right(4), max_work=1000)


def test_round_to_power():
    assert [round_to_power(d, 2) for d in (1, 2, 3, 7, 8, 9)] == [1, 2, 2, 4, 8, 8]
    assert round_to_power(26, 3) == 9 and round_to_power(27, 3) == 27
    with pytest.raises(InvalidArgumentError):
        round_to_power(4, 1)


# --- networks, partitions, errors -----------------------------------------------------------------


def test_tensor_network_shape():
    net = image_convac(4, 4, (3, 2), 3, "2x2")
    g = net.tensor_network()
    assert nx.is_tree(g)
    assert g.number_of_nodes() == 16 + 16 + 4 + 4 + 1 + 1
    for v, d in g.nodes(data=True):
        if d["kind"] == "delta":
            assert g.degree(v) == 5 and len(d["shape"]) == 5
        if d["kind"] == "input":
            assert g.degree(v) == 1
    assert {d["dim"] for u, v, d in g.edges(data=True) if "input" in (u[0], v[0])} == {3}
    assert image_convac(2, 4, (2, 2, 2), ordering="zorder").order == (0, 1, 4, 5, 2, 3, 6, 7)
    assert image_convac(2, 4, (2, 2, 2), ordering="mirror").order == (0, 3, 1, 2, 4, 7, 5, 6)
    assert image_convac(2, 4, (2, 2, 2), ordering="columnmajor").order == (0, 4, 1, 5, 2, 6, 3, 7)


def test_parameter_counts():
    net = convac(16, (4, 4, 2, 2), 2)
    assert net.parameter_count(shared=True) == 2 * 4 + 4 * 4 + 4 * 2 + 2 * 2 + 2
    assert net.parameter_count() == 16 * 8 + 8 * 16 + 4 * 8 + 2 * 4 + 2
    assert net.parameter_count(classes=10, shared=True) == 38 - 2 + 20


def test_partitions():
    assert left_right(4).to_string() == "AABB" and interleaved(4).to_string() == "ABAB"
    assert segments(8, 3).to_string() == "AAABBBAA"
    assert checkerboard(2, 2).to_string() == "ABBA" and top_bottom(2, 2).to_string() == "AABB"
    assert left_right_2d(2, 2).to_string() == "ABAB"
    assert block(3, 3, 1, 1, 1, 1).a == {4}
    assert count_balanced(16) == 6435 and sum(1 for _ in balanced_partitions(6)) == 10
    assert from_string("0101").a == {0, 2} and left_right(4).swap().a == {2, 3}
    assert parse_partition("random:3", 8).balanced
    assert parse_partition("blocks:2x1", 4, (2, 2)).to_string() == "ABAB"
    assert parse_partition("BBAA", 4).a == {2, 3}
    assert "65 inputs" in repr(from_indices(65, [0]))


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: convac(16, (4, 4, 2), 2), "product of the pooling windows"),
        (lambda: convac(8, (4, 0, 2), 2), r"channels\[1\] = 0"),
        (lambda: convac(8, (2, 2, 2), 2, (2, 2, 1)), r"windows\[2\] = 1"),
        (lambda: convac(4, (2, 2), 2, order=(0, 1, 1, 2)), "permutation"),
        (lambda: convac(1, (2,), 2), "inputs = 1"),
        (lambda: image_convac(3, 4, (2,), window=12, ordering="zorder"), "power-of-two"),
        (lambda: image_convac(2, 2, (2,), window="2x2", ordering="rowmajor"), "zorder"),
        (lambda: image_convac(2, 2, (2,), ordering="spiral"), "ordering = 'spiral'"),
        (lambda: Partition(4, frozenset()), "non-empty"),
        (lambda: Partition(4, frozenset({5})), "range"),
        (lambda: segments(8, 8), "xi = 8"),
        (lambda: from_string("ABX"), "A/B"),
        (lambda: parse_partition("checkerboard", 16), "image"),
        (lambda: parse_partition("segments:x", 16), "segments:x"),
        (lambda: parse_partition("diagonal", 16), "not one of"),
        (lambda: min_cut(convac(4, (2, 2)), left_right(8)), "partition has 8 inputs"),
        (lambda: min_cut(convac(4, (2, 2)), left_right(4), weights="log"), "weights = 'log'"),
        (lambda: min_cut(convac(4, (2, 2)), left_right(4), method="float"), "method = 'float'"),
        (lambda: min_cut(convac(4, (2, 2)), left_right(4), base=1), "base = 1"),
        (lambda: random_weights(convac(4, (2, 2)), dtype="complex"), "dtype"),
        (lambda: schmidt_rank(convac(4, (2, 2)), left_right(4), trials=4), "trials = 4"),
        (lambda: schmidt_rank(convac(4, (2, 2)), left_right(4), samples=0), "samples = 0"),
        (lambda: design_channels(16, [], 10), "partitions is empty"),
        (lambda: design_channels(16, [left_right(16)], 3), "budget = 3"),
    ],
)
def test_errors_name_the_argument(call, match):
    with pytest.raises(TQFTError, match=match):
        call()


def test_cost_limits_fail_fast():
    big = convac(4096, (16,) * 12, 2)
    with pytest.raises(CostLimitError, match="max_samples"):
        schmidt_rank(big, interleaved(4096))
    with pytest.raises(CostLimitError, match="max_work"):
        schmidt_rank(convac(64, (2,) * 6, 2), segments(64, 2), max_samples=10**6, max_work=10)
    with pytest.raises(CostLimitError, match="max_nodes"):
        convac(2**20, (2,) * 20).tensor_network()
    with pytest.raises(CostLimitError, match="max_entries"):
        random_weights(convac(32, (2,) * 5)).coefficient_tensor()
    with pytest.raises(CostLimitError):
        convac(2**23, (2,) * 23)
    # the tree bound itself needs no graph: 2^20 inputs take well under a second
    assert min_cut(convac(2**20, (3,) * 20, 2), left_right(2**20)).value == 3


def test_saturated_samples_give_a_lower_bound_only():
    net, part = convac(16, (4, 4, 2, 2), 2), interleaved(16)
    res = schmidt_rank(net, part, samples=100)
    assert res.rank == 100 and res.saturated and not res.certified and res.error_bound == 1


def test_matricization_orders_rows_by_a():
    t = np.arange(8).reshape(2, 2, 2)
    m = matricization(t, from_string("BAB"))
    assert m.shape == (2, 4) and m[1, 0] == t[0, 1, 0] and m[0, 3] == t[1, 0, 1]


# --- design ------------------------------------------------------------------------------------


def test_design_moves_width_deeper_as_the_partition_becomes_longer_range():
    picks = {}
    for xi in (1, 2, 4, 8, 16, 32):
        part = interleaved(64) if xi == 1 else segments(64, xi)
        best = design_channels(64, [part], 300, values=(1, 2, 4, 8, 16), reps=4).best
        picks[xi] = best.channels
        # the centre of mass of log-width
        assert best.parameters <= 300
    centre = {
        xi: sum(i * math.log2(c) for i, c in enumerate(ch)) / sum(math.log2(c) for c in ch) for xi, ch in picks.items()
    }
    assert all(centre[a] < centre[b] for a, b in itertools.pairwise((1, 2, 4, 8, 16, 32)))
    assert picks[1] == (4, 1, 1, 1, 1, 1) and picks[32][-2:] == (8, 8)


def test_design_weighted_and_untrimmed():
    both = design_channels(16, {"short": interleaved(16), "long": left_right(16)}, 80, values=(1, 2, 4, 8), reps=4)
    assert both.partitions == ("short", "long")
    assert both.best.score == both.best.bounds[0] * both.best.bounds[1]
    raw = design_channels(16, [left_right(16)], 80, values=(1, 2, 4, 8), reps=4, trim=False)
    assert raw.best.score == design_channels(16, [left_right(16)], 80, values=(1, 2, 4, 8), reps=4).best.score
    heavy = design_channels(16, [interleaved(16), left_right(16)], 80, values=(1, 2, 4, 8), importance=(0, 1), reps=4)
    assert heavy.best.score == heavy.best.bounds[1]


# --- the experiment's model ----------------------------------------------------------------------


def test_log_convac_gradients_match_finite_differences():
    net = LogConvAC(8, vocab=3, reps=3, channels=(3, 2, 2), classes=2, seed=0)
    rng = np.random.default_rng(1)
    x, y = rng.integers(0, 3, (6, 8)), rng.integers(0, 2, 6)
    _, grads = net.loss_and_gradients(x, y)
    for name, value in net.params.items():
        idx = tuple(int(rng.integers(0, s)) for s in value.shape)
        old = value[idx]
        value[idx] = old + 1e-6
        up = net.loss_and_gradients(x, y)[0]
        value[idx] = old - 1e-6
        down = net.loss_and_gradients(x, y)[0]
        value[idx] = old
        assert abs((up - down) / 2e-6 - grads[name][idx]) < 1e-6 * max(1.0, abs(grads[name][idx])) + 1e-8


def test_log_convac_is_the_convac_in_log_space():
    """exp(forward) equals the product-pooling network evaluated directly."""
    net = LogConvAC(4, vocab=2, reps=2, channels=(2, 3), classes=2, seed=3)
    x = np.array([[0, 1, 1, 0]])
    e, w0, w1, out = (np.exp(net.params[k]) for k in ("E", "W0", "W1", "out"))
    rep = e[x[0]]  # (4, M)
    conv0 = rep @ w0.T  # (4, r0)
    pool0 = conv0[0::2] * conv0[1::2]
    conv1 = pool0 @ w1.T
    score = out @ (conv1[0] * conv1[1])
    assert np.allclose(np.exp(net.forward(x)[0][0]), score)


def test_tasks_have_the_stated_labels():
    x, y = make_task("local", 16, 4, 200, seed=2)
    matches = (x[:, 0::2] == x[:, 1::2]).sum(axis=1)
    assert ((matches >= 6) == (y == 1)).all() and ((matches <= 2) == (y == 0)).all()
    x, y = make_task("global", 16, 4, 200, seed=2)
    odd = x % 2
    diff = np.abs(odd[:, :8].sum(1) - odd[:, 8:].sum(1))
    assert ((diff == 0) == (y == 1)).all() and (diff[y == 0] >= 4).all()
    assert 0.3 < y.mean() < 0.7
    with pytest.raises(InvalidArgumentError, match="task = 'both'"):
        make_task("both", 16, 4, 5)


def test_training_learns_the_local_task_and_the_runner_reports():
    xtr, ytr = make_task("local", 8, 2, 2000, seed=0)
    xte, yte = make_task("local", 8, 2, 500, seed=1)
    net = LogConvAC(8, 2, 2, (4, 2, 2), 2, seed=2)
    before = net.loss_and_gradients(xtr[:500], ytr[:500])[0]
    res = train(net, (xtr, ytr, xte, yte), steps=300, lr=0.02, seed=2)
    assert res.loss < before / 10 and res.test_accuracy > 0.95
    out = run_experiment(
        inputs=8,
        vocab=2,
        allocations={"a": (2, 2, 2)},
        steps=20,
        restarts=1,
        train_samples=200,
        test_samples=100,
        jobs=1,
    )
    assert [r["task"] for r in out.rows] == ["local", "global"] and "cut(L-R)" in out.table()
    assert out.rows[0]["parameters"] == 2 * 2 + 2 * 2 + 2 * 2 + 2 * 2
    assert not out.prediction_holds()  # no "wide base" / "wide tip" rows


# --- the study ---------------------------------------------------------------------------------


def test_study_cases_are_reproducible_and_summarised():
    a = study_case(0, 16, 3)
    assert a == study_case(0, 16, 3)
    assert a["bound"] >= a["rank"] >= a["theorem2"] and "float_rank" in a
    assert len(set(a["channels"])) == 4 and a["partition"].count("A") == 8
    res = run_study(((16, 4), (64, 3)), jobs=1, max_bound=64)
    assert [c["n"] for c in res.cases] == [16] * 4 + [64] * 3 and not res.interrupted
    assert all(c["bound"] <= 64 for c in res.cases if c["n"] == 64)
    table = res.table()
    assert "below bound" in table and len(res.summaries()) == 2
    fake = [dict(a, rank=a["bound"] - 1, theorem2=0), dict(a, rank=a["bound"])]
    s = summarise(fake)
    assert s["below"] == 1 and s["max_relative_deficit"] == pytest.approx(1 / a["bound"])
    with pytest.raises(InvalidArgumentError, match="power of two"):
        run_study(((12, 1),), jobs=1)


# --- identities ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", IDENTITIES)
def test_identities_pass_their_sweep(name):
    assert entanglement_identities.configuration  # the module registered the identities
    identity = get(name)
    cases = list(identity.cases())
    assert len(cases) >= 10
    report = run_identity_cases(name, cases + identity.random_cases(4, seed=3))
    assert report.ok, report.failures


# --- CLI ----------------------------------------------------------------------------------------


def _cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="tqft")
    learning_cli.add_parser(parser.add_subparsers(dest="command"))
    return learning_cli.run(parser.parse_args(list(argv)))


def test_cli_entanglement_text_and_json(capsys):
    assert (
        _cli("entanglement", "--inputs", "16", "--channels", "4,4,2,2", "--partition", "interleaved", "--exact-rank")
        == 0
    )
    out = capsys.readouterr().out
    assert "Claim 7 min-cut (delta-once):         256" in out and "256 = bound (certified)" in out
    assert (
        _cli(
            "entanglement",
            "--inputs",
            "8",
            "--channels",
            "3,5,7",
            "--partition",
            "left-right",
            "--exact-rank",
            "--certificate",
            "--dense",
            "--entropy",
            "--json",
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["claim1_plain_mincut"] == 5 and data["theorem2_lower_bound"] == 4 and data["rank"]["value"] == 5
    assert data["certificate"] == {"ok": True, "minimal": True, "problems": []} and data["dense_rank_over_Q"] == 5
    assert (
        _cli(
            "entanglement",
            "--image",
            "4x4",
            "--window",
            "2x2",
            "--channels",
            "3,5",
            "--partition",
            "blocks:1x2",
            "--show-cut",
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "plain product):      256" in out and out.count("  cut (delta") == 8


def test_cli_design_study_experiment(capsys, tmp_path):
    assert (
        _cli(
            "entanglement-design",
            "--inputs",
            "16",
            "--reps",
            "4",
            "--budget",
            "60",
            "--values",
            "1,2,4,8",
            "--partition",
            "interleaved",
        )
        == 0
    )
    assert "4,1,1,1" in capsys.readouterr().out
    assert _cli("entanglement-design", "--inputs", "16", "--budget", "60", "--partition", "left-right", "--json") == 0
    assert json.loads(capsys.readouterr().out)["top"]
    path = tmp_path / "study.json"
    assert _cli("entanglement-study", "--groups", "16:2", "--jobs", "1", "--json", str(path), "--no-progress") == 0
    assert json.loads(path.read_text())["summaries"][0]["cases"] == 2
    assert "below bound" in capsys.readouterr().out


def test_cli_errors():
    with pytest.raises(InvalidArgumentError, match="--channels"):
        _cli("entanglement", "--inputs", "16", "--channels", "4,x", "--partition", "interleaved")
    with pytest.raises(InvalidArgumentError, match="not one of"):
        _cli("entanglement", "--inputs", "16", "--channels", "4,4,2,2", "--partition", "zigzag")
    with pytest.raises(InvalidArgumentError, match="--groups"):
        _cli("entanglement-study", "--groups", "16-3")
    with pytest.raises(InvalidArgumentError, match="--image"):
        _cli("entanglement", "--image", "4by4", "--channels", "2,2", "--partition", "checkerboard")
    with pytest.raises(InvalidArgumentError, match="command"):
        learning_cli.run(argparse.Namespace(command="entangle"))
    assert set(learning_cli.COMMANDS) == {
        "entanglement",
        "entanglement-design",
        "entanglement-study",
        "entanglement-experiment",
    }
