"""Symbolic derivations (issue 9): how long a checked derivation takes, against sympy.

Run from the repository root::

    python benchmarks/bench_symbolic.py        # prints the table, writes benchmarks/results/symbolic.json

Measured in one run on one machine:

* every standard derivation of :data:`tqft.identities.symbolic.DERIVATIONS`: the rewrite
  alone (``check=False``) and the whole derivation with its exact check (12 nonzero
  samples at q = 1, 4 at generic q); best of 3;
* the anchor: sympy's ``cg_simp`` (``sympy.physics.quantum.cg``), the only sympy routine
  that simplifies recoupling sums, on the 3j/Clebsch-Gordan orthogonality sum over two
  projections, against our derivation of the same sum; the ratio is ours / sympy.  sympy
  does no check, and its answer ``delta_{c c'} delta_{gamma gamma'}`` lacks the triangle
  condition (it is wrong for c > a + b), so the comparison is of speed only;
* the small-spin closed forms: deriving every family (k = 1/2, 1, 3/2, 2; 3j and 6j)
  from Racah's formulas with the caches cleared.
"""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path

from _timing import best_time


def main() -> None:
    import sympy
    from sympy.physics.quantum.cg import CG, cg_simp

    from tqft.identities.symbolic import DERIVATIONS
    from tqft.symbolic import closed_forms, derive
    from tqft.symbolic.parsing import parse

    rows = []
    print(f"{'derivation':34} {'rewrite':>10} {'with check':>11}")
    for name, text, _, _ in DERIVATIONS:
        expr = parse(text)
        rewrite = best_time(lambda expr=expr: derive(expr, check=False))
        checked = best_time(lambda expr=expr: derive(expr))
        rows.append({"derivation": name, "rewrite_s": rewrite, "checked_s": checked})
        print(f"{name:34} {rewrite * 1e3:8.1f} ms {checked * 1e3:9.1f} ms")

    a, b, c, cp, al, be, ga, gp = sympy.symbols("a b c cp alpha beta gamma gammap")
    cg_sum = sympy.Sum(CG(a, al, b, be, c, ga) * CG(a, al, b, be, cp, gp), (al, -a, a), (be, -b, b))
    sympy_time = best_time(lambda: cg_simp(cg_sum))
    ours_expr = parse("Sum((2*j+1)*ThreeJ(j1,j2,j,m1,m2,m)*ThreeJ(j1,j2,jp,m1,m2,mp), m1, m2)")
    ours_rewrite = best_time(lambda: derive(ours_expr, check=False))
    ours_checked = best_time(lambda: derive(ours_expr))
    print(
        f"\nanchor, orthogonality over two projections: sympy cg_simp {sympy_time * 1e3:.1f} ms; "
        f"tqft rewrite {ours_rewrite * 1e3:.1f} ms (ratio {ours_rewrite / sympy_time:.1f}), "
        f"with the exact check {ours_checked * 1e3:.1f} ms (ratio {ours_checked / sympy_time:.1f})"
    )

    def all_families() -> int:
        closed_forms._sixj.cache_clear()  # derive from scratch: the families are cached per process
        closed_forms._threej.cache_clear()
        count = 0
        for k in closed_forms.SMALL_SPINS:
            count += len(closed_forms.sixj_closed_forms(k)) + len(closed_forms.threej_closed_forms(k))
        return count

    start = time.perf_counter()
    families = all_families()
    cold = time.perf_counter() - start
    print(f"small-spin closed forms: {families} families derived from Racah's formulas in {cold:.2f} s (cold)")

    out = {
        "machine": platform.platform(),
        "python": platform.python_version(),
        "derivations": rows,
        "anchor": {
            "sympy_cg_simp_s": sympy_time,
            "tqft_rewrite_s": ours_rewrite,
            "tqft_checked_s": ours_checked,
            "ratio_rewrite": ours_rewrite / sympy_time,
            "ratio_checked": ours_checked / sympy_time,
        },
        "closed_forms": {"families": families, "cold_s": cold},
    }
    path = Path(__file__).parent / "results" / "symbolic.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
