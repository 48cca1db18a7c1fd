"""Benchmark: exact evaluation of the hexagonal spin networks of arXiv:2310.03632 (M3).

Run ``python benchmarks/bench_spin_network.py`` (``--quick`` for a short run).  Prints a
table and writes ``benchmarks/results/spin_network.json``.

Anchors:

* the authors' own code (M3): about 4 s for a 3x3 image with pixel colours 1..9 and about
  14 s for a 4x4 image with all colours 2 (figures quoted in issue 4; their code is not
  public, so the ratio is against those figures);
* in the same run: the sweep with a naive absorption order (vertices in row order) instead
  of the planned one, which shows what the planner buys.

Every value is exact (q = -1, loop value n + 1, the M3 convention) and is checked against
the value at q = 1 through the sign relation ``(-1)^(sum of pixels)``.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
from pathlib import Path

from _timing import best_time

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tqft.exact import Q_MINUS_ONE
from tqft.spin_network.evaluate import run_sweep
from tqft.spin_network.honeycomb import honeycomb
from tqft.spin_network.plan import plan, resolve

AUTHORS = {"3x3 colours 1..9": 4.0, "4x4 all 2": 14.0}


def run_case(pixels, context="-1", order=None) -> tuple[float, object, int]:
    net = honeycomb(pixels)
    value = None

    def go():
        nonlocal value
        value = net.evaluate(context, order=order)

    t = best_time(go, 3 if len(pixels) <= 36 else 1)
    res = resolve(net)
    sweep = run_sweep(res, Q_MINUS_ONE, plan(net, res))
    return t, value, sweep.max_states


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    out: dict[str, object] = {"machine": platform.platform(), "python": platform.python_version()}
    rows = []

    # the two anchored cases
    for label, pixels in (("3x3 colours 1..9", list(range(1, 10))), ("4x4 all 2", [2] * 16)):
        t, value, states = run_case(pixels)
        assert value == (-1) ** sum(pixels) * honeycomb(pixels).evaluate()
        rows.append({"case": label, "seconds": t, "max_states": states, "authors_seconds": AUTHORS[label],
                     "speedup_vs_authors": AUTHORS[label] / t, "value": str(value)})  # fmt: skip
        print(f"{label:22s} {t * 1e3:9.2f} ms   states {states:6d}   authors {AUTHORS[label]:.0f} s -> "
              f"{AUTHORS[label] / t:8.0f}x faster   value {value}")  # fmt: skip

    # 8x8 with colours <= 2: the worst case (all 2) and random images
    for n in (8,):
        t, value, states = run_case([2] * n * n)
        rows.append({"case": f"{n}x{n} all 2", "seconds": t, "max_states": states, "target_seconds": 10.0})
        print(f"{n}x{n} all 2{'':14s} {t:9.3f} s    states {states:6d}   (target <= 10 s)")
        rng = random.Random(n)
        times = []
        for _ in range(3 if args.quick else 10):
            px = [rng.randint(0, 2) for _ in range(n * n)]
            tt, v, _ = run_case(px)
            assert v == (-1) ** sum(px) * honeycomb(px).evaluate()
            times.append(tt)
        rows.append({"case": f"{n}x{n} random colours 0..2", "seconds_max": max(times),
                     "seconds_median": sorted(times)[len(times) // 2]})  # fmt: skip
        print(f"{n}x{n} random 0..2       median {sorted(times)[len(times) // 2]:.3f} s, max {max(times):.3f} s")

    # naive order, same run (anchor for the planner)
    net = honeycomb([2] * 36)
    naive = sorted(net.vertices, key=lambda p: (p[1], p[0]))
    t_naive = best_time(lambda: net.evaluate("-1", order=naive), 1)
    t_plan = best_time(lambda: net.evaluate("-1"), 3)
    rows.append({"case": "6x6 all 2, naive row order vs planned", "naive_seconds": t_naive, "planned_seconds": t_plan,
                 "ratio": t_naive / t_plan})  # fmt: skip
    print(f"6x6 all 2: naive row order {t_naive:.2f} s vs planned {t_plan:.3f} s  ({t_naive / t_plan:.0f}x)")

    # growth with N (all colours c) and with colour (N = 4)
    growth = []
    for c in (1, 2):
        for n in range(2, (9 if args.quick else 11) if c == 1 else (9 if args.quick else 10)):
            t, _, states = run_case([c] * n * n)
            growth.append({"colour": c, "N": n, "seconds": t, "max_states": states})
            print(f"growth: colour {c} N {n:2d}: {t:8.3f} s  states {states}")
    for c in range(1, 7 if args.quick else 9):
        t, _, states = run_case([c] * 16)
        growth.append({"colour": c, "N": 4, "seconds": t, "max_states": states})
        print(f"growth: N 4 colour {c}: {t:8.3f} s  states {states}")
    out["growth"] = growth

    # other contexts on the anchored cases
    for ctx in ("1", "A", "root:12"):
        for label, pixels in (("3x3 colours 1..9", list(range(1, 10))), ("4x4 all 2", [2] * 16)):
            try:
                t, _, _ = run_case(pixels, ctx)
            except Exception as exc:  # level-inadmissible at the root of unity
                print(f"context {ctx}: {label}: {type(exc).__name__}")
                continue
            rows.append({"case": f"{label}, context {ctx}", "seconds": t})
            print(f"context {ctx:8s} {label:22s} {t * 1e3:9.2f} ms")
    out["cases"] = rows
    path = Path(__file__).resolve().parent / "results" / "spin_network.json"
    path.write_text(json.dumps(out, indent=1))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
