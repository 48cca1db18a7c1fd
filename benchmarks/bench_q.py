"""Benchmarks of the quantum-group layer (issue 3).

    python benchmarks/bench_q.py [--quick] [--json]

1. **Backend for generic q.**  The same q-6j formulas (``racah_formulas.sixj``) in the
   FLINT-backed generic context (``tqft.exact.qcontexts.generic_q``) and in a context whose
   ring is sympy's ``QQ.frac_field(s)`` (defined below, for this comparison only), on the
   same symbols; both results are checked equal.  symengine is timed on the Racah sum
   alone: it has no canonical form for rational functions, so its sum must still be
   normalised (here by ``sympy.cancel``) before two values can be compared.
2. **q-6j at r = 12 for all admissible labels**: every level-10 admissible 6-tuple of
   colours (one per 144-symmetry class and all of them), exact in ``Q(zeta_48)`` and
   numeric (mpmath, 53 bits, ``numeric_q(e^{i pi/12})``); time per symbol, and the two
   agree to 1e-12 on every symbol.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from typing import Any

import mpmath
import sympy

from tqft.exact.context import QContext
from tqft.exact.qcontexts import generic_q, numeric_q, root_of_unity
from tqft.recoupling import racah_formulas as rf
from tqft.recoupling.symmetry import sixj_canonical


class _SympyFracContext(QContext[Any, Any]):
    """Generic q over sympy's rational function field ``QQ(s)`` (comparison only)."""

    name = "sympy-frac"

    def __init__(self) -> None:
        self.field, self.s = sympy.field("s", sympy.QQ)

    @property
    def zero(self) -> Any:
        return self.field(0)

    @property
    def one(self) -> Any:
        return self.field(1)

    def from_int(self, n: int) -> Any:
        return self.field(n)

    def qint(self, n: int) -> Any:
        q = self.s**2
        return (q**n - q ** (-n)) / (q - q ** (-1))

    def sqrt_times(self, coefficient: Any, radicand: Any) -> Any:
        return (coefficient, radicand)

    def to_mpmath(self, x: Any, prec: int, **at: Any) -> Any:  # pragma: no cover - unused
        raise NotImplementedError

    def to_sympy(self, x: Any) -> Any:  # pragma: no cover - unused
        raise NotImplementedError


def _sixj_cases(max_colour: int, level_r: int | None = None) -> list[tuple[int, ...]]:
    ctx = root_of_unity(level_r) if level_r else None
    out = []
    for c in itertools.product(range(max_colour + 1), repeat=6):
        a, b, cc, d, e, f = c
        triads = ((a, b, cc), (a, e, f), (d, b, f), (d, e, cc))
        ok = all(sum(t) % 2 == 0 and abs(t[0] - t[1]) <= t[2] <= t[0] + t[1] for t in triads)
        if ok and ctx is not None:
            ok = all(ctx.admissible(*t) for t in triads)
        if ok:
            out.append(c)
    return out


def _representatives(cases: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """One 6-tuple per 144-symmetry class (the first in lexicographic order)."""
    reps: dict[Any, tuple[int, ...]] = {}
    for c in cases:
        reps.setdefault(sixj_canonical(*c), c)
    return sorted(reps.values())


def bench_backend(quick: bool) -> dict[str, Any]:
    top = 4 if quick else 6
    cases = _representatives(_sixj_cases(top))
    cases = [c for c in cases if max(c) >= top - 2][: (40 if quick else 120)]
    flint_ctx = generic_q()
    sym_ctx = _SympyFracContext()
    t0 = time.perf_counter()
    flint_vals = [rf.sixj(flint_ctx, *c) for c in cases]
    t_flint = time.perf_counter() - t0
    t0 = time.perf_counter()
    sym_vals = []
    for c in cases:
        a, b, cc, d, e, f = c
        triads = ((a, b, cc), (a, e, f), (d, b, f), (d, e, cc))
        alphas = tuple(sum(t) // 2 for t in triads)
        betas = ((a + b + d + e) // 2, (b + cc + e + f) // 2, (cc + a + f + d) // 2)
        sym_vals.append(rf.racah_sum(sym_ctx, alphas, betas))
    t_sympy = time.perf_counter() - t0
    # the Racah sums must agree: compare through sympy expressions in s = q^(1/2)
    s = sympy.Symbol("s", positive=True)
    mismatches = 0
    for c, sv in zip(cases[:10], sym_vals[:10]):
        a, b, cc, d, e, f = c
        triads = ((a, b, cc), (a, e, f), (d, b, f), (d, e, cc))
        alphas = tuple(sum(t) // 2 for t in triads)
        betas = ((a + b + d + e) // 2, (b + cc + e + f) // 2, (cc + a + f + d) // 2)
        fv = rf.racah_sum(flint_ctx, alphas, betas)
        expr_f = fv.num.to_sympy(s) / fv.den.to_sympy(s)
        expr_s = sv.as_expr().subs(sympy.Symbol("s"), s)
        if sympy.cancel(expr_f - expr_s) != 0:
            mismatches += 1
    # symengine: raw sum, then one sympy.cancel per symbol to reach a comparable form
    t_symengine = None
    try:
        import symengine as se

        se_s = se.Symbol("s")
        q = se_s**2

        def se_qint(n: int) -> Any:
            return sum(q ** (n - 1 - 2 * k) for k in range(n)) if n else se.Integer(0)

        facts: dict[int, Any] = {0: se.Integer(1)}

        def se_fact(n: int) -> Any:
            if n not in facts:
                facts[n] = se_fact(n - 1) * se_qint(n)
            return facts[n]

        t0 = time.perf_counter()
        for c in cases:
            a, b, cc, d, e, f = c
            triads = ((a, b, cc), (a, e, f), (d, b, f), (d, e, cc))
            alphas = tuple(sum(t) // 2 for t in triads)
            betas = ((a + b + d + e) // 2, (b + cc + e + f) // 2, (cc + a + f + d) // 2)
            total = se.Integer(0)
            for z in range(max(alphas), min(betas) + 1):
                den = se.Integer(1)
                for al in alphas:
                    den = den * se_fact(z - al)
                for be in betas:
                    den = den * se_fact(be - z)
                total = total + (-1) ** z * se_fact(z + 1) / den
            sympy.cancel(sympy.sympify(str(total)))
        t_symengine = time.perf_counter() - t0
    except ImportError:  # pragma: no cover - symengine is optional here
        pass
    n = len(cases)
    return {
        "symbols": n,
        "max_colour": top,
        "flint_ms_per_symbol": 1e3 * t_flint / n,
        "sympy_frac_field_ms_per_symbol (Racah sum only)": 1e3 * t_sympy / n,
        "symengine+cancel_ms_per_symbol (Racah sum only)": None if t_symengine is None else 1e3 * t_symengine / n,
        "ratio_sympy_over_flint": t_sympy / t_flint,
        "ratio_symengine_over_flint": None if t_symengine is None else t_symengine / t_flint,
        "mismatches_in_first_10": mismatches,
        "flint_values_nonzero": sum(1 for v in flint_vals if not v.is_zero()),
    }


def bench_root12(quick: bool) -> dict[str, Any]:
    r = 12
    all_cases = _sixj_cases(r - 2, level_r=r)
    classes = _representatives(all_cases)
    run = classes[:300] if quick else classes
    exact_ctx = root_of_unity(r)
    t0 = time.perf_counter()
    exact = [rf.sixj(exact_ctx, *c) for c in run]
    t_exact = time.perf_counter() - t0
    num_ctx = numeric_q(mpmath.exp(1j * mpmath.pi / r), 53)
    t0 = time.perf_counter()
    with num_ctx.workspace():
        numeric = [rf.sixj(num_ctx, *c) for c in run]
    t_num = time.perf_counter() - t0
    worst = 0.0
    for e, v in zip(exact, numeric):
        worst = max(worst, float(abs(exact_ctx.to_mpmath(e, 60) - v)))
    # every admissible label (not only one per symmetry class), exact and numeric
    labels = all_cases[:2000] if quick else all_cases
    t0 = time.perf_counter()
    for c in labels:
        rf.sixj(exact_ctx, *c)
    t_all_exact = time.perf_counter() - t0
    t0 = time.perf_counter()
    with num_ctx.workspace():
        for c in labels:
            rf.sixj(num_ctx, *c)
    t_all_num = time.perf_counter() - t0
    return {
        "all_labels_timed": len(labels),
        "all_labels_exact_seconds": t_all_exact,
        "all_labels_exact_ms_per_symbol": 1e3 * t_all_exact / len(labels),
        "all_labels_numeric_seconds": t_all_num,
        "all_labels_numeric_ms_per_symbol": 1e3 * t_all_num / len(labels),
        "r": r,
        "admissible_labels": len(all_cases),
        "symmetry_classes": len(classes),
        "timed": len(run),
        "exact_ms_per_symbol": 1e3 * t_exact / len(run),
        "numeric_ms_per_symbol": 1e3 * t_num / len(run),
        "max_abs_difference_exact_vs_numeric": worst,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller workloads")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    results = {"backend": bench_backend(args.quick), "root12": bench_root12(args.quick)}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for section, data in results.items():
            print(f"[{section}]")
            for k, v in data.items():
                print(f"  {k}: {v:.4g}" if isinstance(v, float) else f"  {k}: {v}")
    ok = (
        results["backend"]["mismatches_in_first_10"] == 0
        and results["root12"]["max_abs_difference_exact_vs_numeric"] < 1e-12
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
