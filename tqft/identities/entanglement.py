"""Entanglement of ConvACs: Claim 1, Claim 7 and Theorem 2 of Levine et al., checked exactly.

Levine, Yakira, Cohen, Shashua, *Deep Learning and Quantum Entanglement*, ICLR 2018,
arXiv:1704.01552 ("(L)").  Every case is one seeded random configuration -- a ConvAC
(inputs, representation functions ``M``, channels, pooling windows and geometry) and a
partition ``(A, B)`` of its inputs -- drawn from ``(L, seed)`` (:func:`configuration`), so a
failing case can be replayed exactly.  Ranks are exact modulo ``p = 2^31 - 1``
(:func:`tqft.learning.schmidt.schmidt_rank`), cross-checked over ``Q`` for ``N <= 8``
(:func:`~tqft.learning.schmidt.dense_rank`); bounds are exact integers with checked
certificates (:mod:`tqft.learning.mincut`).

Parameters: ``L`` (number of layers) and ``seed`` (plain integers).  ``tqft verify
--max-spin J`` sweeps seeds ``0 .. 2J``; the default sweep (``J = 6``) takes a few seconds.

What a pass proves: a sampled rank is a certified *lower* bound on the rank over ``Q``
(module docstring of :mod:`tqft.learning.schmidt`), and the min-cut is an upper bound over
every field.  So "rank = bound" and "rank >= Theorem-2 bound" are proofs for those weights;
"rank <= bound" is tested with more samples than the bound (a violation would show as a
larger rank) and, for ``N <= 8``, with the dense rank over ``Q``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from ..learning.convac import ConvAC, convac, image_convac, random_weights
from ..learning.mincut import check_certificate, min_cut, theorem2_bound
from ..learning.partitions import Partition, interleaved, left_right, segments
from ..learning.schmidt import dense_rank, schmidt_rank
from .core import CheckResult, Domain, integer, registrar

__all__ = ["configuration"]

_REFERENCE = "Levine, Yakira, Cohen, Shashua, ICLR 2018 (arXiv:1704.01552)"
#: largest min-cut bound a case may have (keeps every case at a few milliseconds)
MAX_CASE_BOUND = 256

_DOMAIN = Domain((integer("L", 2, 4), integer("seed", 0)))


def _network(rng: random.Random, layers: int, kind: str, dims: Callable[[], int], reps: int) -> ConvAC:
    channels = tuple(dims() for _ in range(layers))
    if kind == "window2":
        return convac(2**layers, channels, reps)
    if kind == "image":
        side = 2 ** (layers // 2)
        ordering = rng.choice(("zorder", "rowmajor", "columnmajor"))
        return image_convac(side * (2 if layers % 2 else 1), side, channels, reps, 2, ordering)
    if kind == "window3":
        return convac(3**layers, channels, reps, 3)
    if kind == "2x2":
        return image_convac(2**layers, 2**layers, channels, reps, "2x2")
    # mixed windows (2, 3) or (3, 2, ..)
    windows = tuple(rng.choice((2, 3)) for _ in range(layers))
    n = 1
    for w in windows:
        n *= w
    return convac(n, channels, reps, windows)


def configuration(
    name: str, layers: int, seed: int, *, kinds: tuple[str, ...] = ("window2",), powers: bool = False
) -> tuple[ConvAC, Partition]:
    """The seeded random network and partition of one case.

    ``kinds`` are the pooling families to draw from (``"window2"``, ``"image"``,
    ``"window3"``, ``"2x2"``, ``"mixed"``); with ``powers`` every bond dimension is a power
    of one integer ``p`` (``M = p^a``, ``r_l = p^(b_l)``).  Partitions: left-right,
    interleaved, segments, or a random subset, redrawn until the min-cut is at most
    :data:`MAX_CASE_BOUND`.

    >>> net, part = configuration("demo", 2, 0)
    >>> net.inputs, part.size
    (4, 4)
    """
    rng = random.Random(f"{name}:{layers}:{seed}")
    for _ in range(100):
        kind = rng.choice(kinds)
        if powers:
            p = rng.choice((2, 2, 3))
            reps = p ** rng.randint(1, 2 if p == 2 else 1)
            top = 3 if p == 2 else 2

            def power(p: int = p, top: int = top) -> int:
                return int(p ** rng.randint(0, top))

            net = _network(rng, layers, kind, power, reps)
        else:
            reps = rng.randint(2, 3)
            net = _network(rng, layers, kind, lambda: rng.choice((1, *range(2, 10), *range(2, 10))), reps)
        n = net.inputs
        family = rng.choice(("random", "random", "named"))
        if family == "named" and n % 2 == 0:
            options = [left_right(n), interleaved(n)] + [segments(n, xi) for xi in (2, 4) if xi < n]
            part = rng.choice(options)
        else:
            size = rng.randint(1, n - 1) if n < 6 else rng.randint(2, n - 2)
            part = Partition(n, frozenset(rng.sample(range(n), size)), "random")
        if min_cut(net, part).value <= MAX_CASE_BOUND:
            return net, part
    raise RuntimeError(f"no configuration with a min-cut <= {MAX_CASE_BOUND} for {name}, L={layers}, seed={seed}")


_register = registrar(
    default_max_spin=10, random_max_spin=200, tags=("entanglement", "ConvAC", "min-cut"), domain=_DOMAIN
)


def _seed(layers: int, seed: int) -> int:
    return 7919 * layers + seed


# --- Claim 1 / Claim 7: rank <= min-cut --------------------------------------------------------


def _rank_le_mincut(layers: int, seed: int) -> CheckResult:
    net, part = configuration("rank_le_mincut", layers, seed, kinds=("window2", "image", "window3", "2x2", "mixed"))
    delta = min_cut(net, part, weights="delta").value
    plain = min_cut(net, part, weights="plain").value
    # more samples than the bound: a rank above the bound would be seen
    rank = schmidt_rank(net, part, seed=_seed(layers, seed), samples=delta + 3).rank
    lhs: list[Any] = [rank, delta]
    rhs: list[Any] = [delta, plain]
    ok = rank <= delta <= plain
    if net.inputs <= 8:
        w = random_weights(net, seed=_seed(layers, seed), low=-4, high=4)
        exact = dense_rank(net, part, w)
        lhs.append(exact)
        rhs.append(delta)
        ok = ok and exact <= delta
    return CheckResult(ok, tuple(lhs), tuple(rhs))


_register(
    "convac_rank_le_mincut",
    "ConvAC: rank [A^y]_{A,B} <= delta-once min-cut <= plain min-cut (Claims 1, 7)",
    r"\operatorname{rank}[\mathcal{A}^y]_{A,B} \le \min_{C} \tilde W_C \le \min_C \prod_{e \in C} c_e",
    _rank_le_mincut,
    f"{_REFERENCE}, Claim 1 and Claim 7",
)


# --- Theorem 2: rank = min-cut when every bond dimension is a power of one integer ----------


def _rank_eq_mincut_powers(layers: int, seed: int) -> CheckResult:
    net, part = configuration("rank_eq_mincut_powers", layers, seed, kinds=("window2", "image"), powers=True)
    bound = min_cut(net, part).value
    lower = theorem2_bound(net, part).value
    rank = schmidt_rank(net, part, seed=_seed(layers, seed)).rank
    return CheckResult(rank == bound == lower, (rank, lower), (bound, bound))


_register(
    "convac_rank_eq_mincut_powers",
    "ConvAC with M, r_l powers of one p: rank = min-cut = Theorem-2 bound",
    r"M, r_l \in p^{\mathbb{N}} \Rightarrow \operatorname{rank}[\mathcal{A}^y]_{A,B} = \min_C W_C"
    r" = \max_q \min_C W^q_C",
    _rank_eq_mincut_powers,
    f"{_REFERENCE}, Theorem 2",
)


# --- Theorem 2: the lower bound for general channels --------------------------------------------


def _theorem2_lower_bound(layers: int, seed: int) -> CheckResult:
    net, part = configuration("theorem2_lower_bound", layers, seed, kinds=("window2", "image"))
    lower = theorem2_bound(net, part).value
    bound = min_cut(net, part).value
    rank = schmidt_rank(net, part, seed=_seed(layers, seed)).rank
    return CheckResult(lower <= rank <= bound, (lower, rank), (rank, bound))


_register(
    "convac_theorem2_lower_bound",
    "ConvAC: max_p min_C W^p_C <= rank <= min_C W_C for generic weights",
    r"\max_p \min_C \prod_{e \in C} p^{\lfloor \log_p c_e \rfloor} \le \operatorname{rank}[\mathcal{A}^y]_{A,B}"
    r" \le \min_C \prod_{e \in C} c_e",
    _theorem2_lower_bound,
    f"{_REFERENCE}, Theorem 2",
)


# --- certificates ---------------------------------------------------------------------------


def _mincut_certificates(layers: int, seed: int) -> CheckResult:
    net, part = configuration(
        "mincut_certificates", layers, seed, kinds=("window2", "image", "window3", "2x2", "mixed")
    )
    values, checks = [], []
    for weights in ("delta", "plain"):
        tree = min_cut(net, part, weights=weights)
        flow = min_cut(net, part, weights=weights, method="networkx")
        values.append((tree.value, flow.value))
        checks.append(bool(check_certificate(net, part, tree)) and bool(check_certificate(net, part, flow)))
        checks.append(check_certificate(net, part, flow).minimal is True)
    p = theorem2_bound(net, part)
    pflow = min_cut(net, part, method="networkx", base=p.base)
    values.append((p.value, pflow.value))
    checks.append(bool(check_certificate(net, part, p.cut)) and check_certificate(net, part, pflow).minimal is True)
    window2 = all(w == 2 for w in net.windows)
    same = values[0][0] == values[1][0] if window2 else values[0][0] <= values[1][0]
    ok = all(a == b for a, b in values) and all(checks) and same
    return CheckResult(ok, tuple(values), tuple(checks))


_register(
    "convac_mincut_certificates",
    "ConvAC min-cuts: tree DP = networkx max-flow, cuts and dual flows check",
    r"\min_C \tilde W_C = \max_f |f| \text{ (tree DP = exact max-flow)}, \quad"
    r"\tilde W \le W, \ \tilde W = W \text{ for window } 2",
    _mincut_certificates,
    f"{_REFERENCE}, Claims 1 and 7 (min-cut); max-flow min-cut over (Q_{{>0}}, *)",
)


# --- the shallow (CP) network --------------------------------------------------------------


def _shallow_rank(layers: int, seed: int) -> CheckResult:
    rng = random.Random(f"shallow:{layers}:{seed}")
    n = rng.randint(2, 3 + 2 * layers)
    reps = rng.randint(2, 3)
    k = rng.randint(1, 40)
    net = convac(n, (k,), reps, (n,))
    a = frozenset(rng.sample(range(n), rng.randint(1, n - 1)))
    part = Partition(n, a)
    closed = min(k, reps ** min(len(a), n - len(a)))
    res = schmidt_rank(net, part, seed=seed)
    return CheckResult(res.rank == closed == res.bound, (res.rank, res.bound), (closed, closed))


_register(
    "convac_shallow_rank",
    "Shallow ConvAC (CP, K terms): rank = min(K, M^min(|A|,|B|)) = delta-once min-cut",
    r"\operatorname{rank}\Big[\sum_{k=1}^{K} \lambda_k \bigotimes_i a^{(k,i)}\Big]_{A,B} = \min(K, M^{\min(|A|,|B|)})",
    _shallow_rank,
    f"{_REFERENCE}, Claim 7 (delta-tensor of order N+1); Cohen, Sharir, Shashua COLT 2016",
)


# --- closed forms of the min-cut ---------------------------------------------------------------


def _closed_forms(layers: int, seed: int) -> CheckResult:
    rng = random.Random(f"closed:{layers}:{seed}")
    big = 2 + 3 * layers  # L = 2..3 default; random cases go to deeper networks
    depth = rng.randint(layers, big)
    r = tuple(rng.randint(1, 12) for _ in range(depth))
    m = rng.randint(2, 5)
    n = 2**depth
    net = convac(n, r, m)
    lr_form = min([r[-1]] + [r[lv] ** (2 ** (depth - 2 - lv)) for lv in range(depth - 1)] + [m ** (n // 2)])
    inter_form = min(m, r[0]) ** (n // 2)
    k = rng.randint(1, depth - 1)
    xi = 2**k
    c_k = min([r[k], r[k - 1]] + [r[lv] ** (2 ** (k - 1 - lv)) for lv in range(k - 1)] + [m**xi])
    seg_form = c_k ** (n // (2 * xi))
    lhs = (min_cut(net, left_right(n)).value, min_cut(net, interleaved(n)).value, min_cut(net, segments(n, xi)).value)
    rhs = (lr_form, inter_form, seg_form)
    return CheckResult(lhs == rhs, lhs, rhs)


_register(
    "convac_mincut_closed_forms",
    "ConvAC window 2: left-right, interleaved and segment min-cuts in closed form",
    r"\min_C W_C = \min(r_{L-1}, r_{L-2}, r_{L-3}^2, \dots, r_0^{N/4}, M^{N/2}) \text{ (left-right)}, \quad"
    r"\min(M, r_0)^{N/2} \text{ (interleaved)}",
    _closed_forms,
    f"{_REFERENCE}, Sec. 6 (corollaries of Claim 1, re-derived on the graph)",
)
