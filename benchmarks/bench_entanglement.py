"""Speed of tqft's exact ConvAC entanglement computations (the targets of issue 7).

Run from the repository root::

    python benchmarks/bench_entanglement.py           # full run (the networkx anchors take ~2 minutes)
    python benchmarks/bench_entanglement.py --quick   # networkx anchor at 4,096 inputs instead of 65,536

Prints a report and writes ``benchmarks/results/entanglement.json`` (``--json PATH`` to
write elsewhere).  Every ratio is measured in the same run on the same machine.

Targets
-------
1. Exact Schmidt rank for ``N = 1024`` inputs, pooling window 2, channels up to 16:
   at most 60 s.  Network ``M = 2``, ``r = (2, 3, 4, 5, 6, 8, 10, 12, 16, 16)``, 1D and as a
   32x32 image (Z-order pooling); partitions whose min-cut is certifiable (a rank ``R``
   needs an ``R x R`` matrix): left-right, top-bottom, a segment, an image block, random
   sets of 8 and 10 inputs (min-cuts 16 .. 1024).  Each rank is certified equal to the
   bound or reported otherwise.
2. Min-cut bound for ``N = 65,536`` inputs: at most 1 s.  Tree method (exact integers,
   cut edges included) on 1D networks with ``r_l = 16`` and with mixed channels, and on a
   256x256 image; partitions left-right, interleaved, segments of 16, random balanced,
   checkerboard, a central block.

Anchors (same run)
------------------
* min-cut: networkx's default max-flow (``preflow_push``) on the *unreduced* TN graph,
  with exact integer capacities ``log2(dim)`` (every dimension a power of 2); graph
  construction is timed separately and not counted in the ratio.
* rank: (a) the naive version of the same sampling -- the ``K x K`` matrix by ``K``
  batched evaluations of the whole network, no sharing of one-sided subtrees -- on the
  same weights and vectors (the two matrices are compared entry by entry); (b) the dense
  exact rank at ``N = 16`` (FLINT over Q, and modulo p) against the sampled rank.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from _timing import best_of

from tqft.learning import (
    block,
    checkerboard,
    convac,
    dense_rank,
    from_indices,
    image_convac,
    interleaved,
    left_right,
    min_cut,
    random_balanced,
    random_weights,
    schmidt_rank,
    segments,
    top_bottom,
)
from tqft.learning.schmidt import PRIMES, _matmul_mod, _node_types, _rank_mod, _sampled_matrix

ROOT = Path(__file__).resolve().parent.parent
CHANNELS_1024 = (2, 3, 4, 5, 6, 8, 10, 12, 16, 16)


# --- anchors ------------------------------------------------------------------------------------


def networkx_min_cut_seconds(net: Any, part: Any) -> tuple[float, float, int]:
    """(build seconds, max-flow seconds, value) with networkx preflow-push on integer capacities."""
    import networkx as nx

    start = time.perf_counter()
    tn = net.tensor_network()
    g = nx.Graph()
    for u, v, d in tn.edges(data=True):
        g.add_edge(u, v, capacity=d["dim"].bit_length() - 1)  # log2 of a power of two
    for i in range(net.inputs):
        if i in part.a:
            g.add_edge("s", ("input", i))
        else:
            g.add_edge(("input", i), "t")
    build = time.perf_counter() - start
    start = time.perf_counter()
    value, _ = nx.minimum_cut(g, "s", "t")
    return build, time.perf_counter() - start, 2**value


def naive_sampled_matrix(net: Any, tensors: list[np.ndarray], top: np.ndarray, types: Any, k: int, p: int, seed: int):
    """The same K x K sample matrix as tqft's, evaluating the whole network for every row."""
    rng = np.random.default_rng(seed)
    m = net.reps
    vecs = [rng.integers(0, p, size=(k, m), dtype=np.int64) for _ in range(net.inputs)]
    s = np.empty((k, k), dtype=np.int64)
    for a in range(k):
        level0 = []
        for j in range(net.inputs):
            x = vecs[j][a : a + 1].repeat(k, axis=0) if types[0][j] == 0 else vecs[j]
            level0.append(_matmul_mod(x, tensors[0][j], p))
        cur = np.stack(level0, axis=1)  # (k, N, r0)
        for level in range(net.layers):
            b, n, r = cur.shape
            pooled = cur.reshape(b, n // 2, 2, r)
            pooled = pooled[:, :, 0, :] * pooled[:, :, 1, :] % p
            if level + 1 < net.layers:
                cur = np.stack([_matmul_mod(pooled[:, g, :], tensors[level + 1][g], p) for g in range(n // 2)], axis=1)
            else:
                s[a] = _matmul_mod(pooled[:, 0, :], top[:, None], p)[:, 0]
    return s


# --- benchmarks -------------------------------------------------------------------------------------


def bench_rank(quick: bool) -> dict[str, Any]:
    net = convac(1024, CHANNELS_1024, 2)
    img = image_convac(32, 32, CHANNELS_1024, 2)
    rng = random.Random(0)
    cases = [
        ("left-right", net, left_right(1024)),
        ("32x32 top-bottom (Z-order)", img, top_bottom(32, 32)),
        ("segment 100..139", net, from_indices(1024, range(100, 140))),
        ("32x32 block 3x5 at (5, 9)", img, block(32, 32, 5, 9, 3, 5)),
        ("random 8 inputs", net, from_indices(1024, rng.sample(range(1024), 8))),
        ("random 10 inputs", net, from_indices(1024, rng.sample(range(1024), 10))),
    ]
    rows = []
    for name, model, part in cases:
        seconds, res = best_of(lambda model=model, part=part: schmidt_rank(model, part, seed=1), 1 if quick else 2)
        rows.append(
            {
                "partition": name,
                "geometry": model.geometry,
                "bound": res.bound,
                "rank": res.rank,
                "certified": res.certified,
                "samples": res.samples,
                "seconds": seconds,
            }
        )
    # anchor (a): naive evaluation of the same sample matrix, one case
    name, model, part = cases[4] if quick else cases[3]
    weights = random_weights(model, seed=3)
    p = PRIMES[0]
    tensors = [np.mod(t, p) for t in weights.tensors]
    top = np.mod(weights.top, p)
    mask = part.mask()
    types = _node_types(model, [0 if mask[i] else 1 for i in model.order])
    k = min_cut(model, part).value
    ours_s, ours = best_of(lambda: _sampled_matrix(model, tensors, top, types, k, p, np.random.default_rng(9)), 1)
    naive_s, naive = best_of(lambda: naive_sampled_matrix(model, tensors, top, types, k, p, 9), 1)
    same = bool((ours == naive).all())
    rank_s, rank = best_of(lambda: _rank_mod(ours, p), 1)
    anchor_a = {
        "partition": name,
        "samples": k,
        "tqft_matrix_seconds": ours_s,
        "naive_matrix_seconds": naive_s,
        "ratio_naive_over_tqft": naive_s / ours_s,
        "matrices_identical": same,
        "rank": rank,
        "rank_seconds": rank_s,
    }
    # anchor (b): dense exact rank at N = 16
    small = convac(16, (7, 11, 13, 3), 2)
    dense_rows = []
    for part in (interleaved(16), random_balanced(16, 4)):
        w = random_weights(small, seed=5)
        sampled_s, sampled = best_of(lambda part=part, w=w: schmidt_rank(small, part, w, seed=2), 3)
        modp_s, modp = best_of(lambda part=part, w=w: dense_rank(small, part, w, prime=PRIMES[1]), 3)
        wq = random_weights(small, seed=5, low=-1000, high=1000)
        q_s, q = best_of(lambda part=part, wq=wq: dense_rank(small, part, wq), 1)
        dense_rows.append(
            {
                "partition": part.to_string(),
                "bound": sampled.bound,
                "sampled_rank": sampled.rank,
                "dense_rank_mod_p": modp,
                "dense_rank_over_Q": q,
                "sampled_seconds": sampled_s,
                "dense_mod_p_seconds": modp_s,
                "dense_over_Q_seconds": q_s,
                "ratio_dense_mod_p_over_sampled": modp_s / sampled_s,
                "ratio_dense_over_Q_over_sampled": q_s / sampled_s,
            }
        )
    return {
        "target_seconds": 60.0,
        "channels": list(CHANNELS_1024),
        "cases": rows,
        "max_seconds": max(r["seconds"] for r in rows),
        "all_certified": all(r["certified"] for r in rows),
        "anchor_naive_sampling": anchor_a,
        "anchor_dense_n16": dense_rows,
    }


def bench_min_cut(quick: bool) -> dict[str, Any]:
    n = 65536
    nets = {
        "r_l = 16": convac(n, (16,) * 16, 2),
        "mixed r_l": convac(n, (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 16), 2),
        "256x256 Z-order": image_convac(256, 256, (16,) * 16, 2),
    }
    parts = {
        "left-right": left_right(n),
        "interleaved": interleaved(n),
        "segments xi=16": segments(n, 16),
        "random balanced": random_balanced(n, 1),
    }
    rows = []
    for net_name, net in nets.items():
        chosen = dict(parts)
        if net.shape is not None:
            chosen = {
                "checkerboard": checkerboard(256, 256),
                "block 100x60 at (50, 70)": block(256, 256, 50, 70, 100, 60),
            }
        for part_name, part in chosen.items():
            seconds, cut = best_of(lambda net=net, part=part: min_cut(net, part), 3)
            rows.append(
                {
                    "network": net_name,
                    "partition": part_name,
                    "value_bits": cut.value.bit_length(),
                    "cut_edges": len(cut.edges),
                    "seconds": seconds,
                }
            )
    anchor_n = 4096 if quick else n
    anchor_net = convac(anchor_n, (16,) * (anchor_n.bit_length() - 1), 2)
    anchors = []
    for part in (left_right(anchor_n), interleaved(anchor_n)):
        build, flow, value = networkx_min_cut_seconds(anchor_net, part)
        tree_s, cut = best_of(lambda part=part: min_cut(anchor_net, part), 3)
        anchors.append(
            {
                "inputs": anchor_n,
                "partition": part.name,
                "networkx_build_seconds": build,
                "networkx_preflow_push_seconds": flow,
                "tree_seconds": tree_s,
                "ratio_networkx_over_tree": flow / tree_s,
                "values_agree": value == cut.value,
            }
        )
    return {
        "target_seconds": 1.0,
        "inputs": n,
        "cases": rows,
        "max_seconds": max(r["seconds"] for r in rows),
        "anchor_networkx_unreduced": anchors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="networkx anchor at 4,096 inputs; fewer repeats")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "entanglement.json"), metavar="PATH")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "quick": args.quick,
    }
    result["min_cut"] = mc = bench_min_cut(args.quick)
    print(f"Min-cut bound, N = {mc['inputs']:,} inputs (tree method, exact, cut edges included; target <= 1 s)")
    for r in mc["cases"]:
        print(
            f"  {r['network']:16s} {r['partition']:26s} {r['seconds']:7.3f} s  "
            f"({r['value_bits']} bits, {r['cut_edges']} edges)"
        )
    for a in mc["anchor_networkx_unreduced"]:
        print(
            f"  anchor N = {a['inputs']:,} {a['partition']}: "
            f"networkx preflow-push {a['networkx_preflow_push_seconds']:.2f} s "
            f"(+ {a['networkx_build_seconds']:.2f} s to build the graph) vs tree {a['tree_seconds']:.3f} s: "
            f"ratio {a['ratio_networkx_over_tree']:.0f}x; values agree: {a['values_agree']}"
        )
    print(f"  max {mc['max_seconds']:.3f} s: target {'met' if mc['max_seconds'] <= 1 else 'NOT met'}")
    result["rank"] = rk = bench_rank(args.quick)
    print(f"Exact Schmidt rank, N = 1024, channels {rk['channels']} (target <= 60 s)")
    for r in rk["cases"]:
        tag = "certified = bound" if r["certified"] else "below bound"
        print(f"  {r['partition']:28s} bound {r['bound']:5d} rank {r['rank']:5d} ({tag}) {r['seconds']:7.2f} s")
    a = rk["anchor_naive_sampling"]
    print(
        f"  anchor naive sampling ({a['partition']}, K = {a['samples']}): {a['naive_matrix_seconds']:.2f} s vs "
        f"{a['tqft_matrix_seconds']:.2f} s: ratio {a['ratio_naive_over_tqft']:.1f}x; identical matrices: "
        f"{a['matrices_identical']}"
    )
    for d in rk["anchor_dense_n16"]:
        print(
            f"  anchor dense N = 16 ({d['partition']}): sampled {d['sampled_seconds']:.3f} s, dense mod p "
            f"{d['dense_mod_p_seconds']:.3f} s ({d['ratio_dense_mod_p_over_sampled']:.1f}x), dense over Q "
            f"{d['dense_over_Q_seconds']:.2f} s ({d['ratio_dense_over_Q_over_sampled']:.0f}x); ranks "
            f"{d['sampled_rank']}/{d['dense_rank_mod_p']}/{d['dense_rank_over_Q']} (bound {d['bound']})"
        )
    print(f"  max {rk['max_seconds']:.2f} s: target {'met' if rk['max_seconds'] <= 60 else 'NOT met'}")
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {path}")
    ok = mc["max_seconds"] <= 1 and rk["max_seconds"] <= 60 and a["matrices_identical"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
