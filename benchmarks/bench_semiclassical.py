"""Speed of the semiclassical studies (the targets of issue 6), and the convergence table.

Run from the repository root::

    python benchmarks/bench_semiclassical.py            # everything (about a minute)
    python benchmarks/bench_semiclassical.py --quick    # the two targets only

Prints a report and writes ``benchmarks/results/semiclassical.json`` (``--json PATH`` to
write elsewhere).  Every ratio is measured in the same run on the same machine.

Targets
-------
1. The exact 6j symbol with all six spins 10,000, to 50 significant digits: at most 5 s.
   Timed cold (symbol caches emptied), best of 3: ``wigner_6j`` (exact, prime-factorised
   kernel) and the correctly rounded 50-digit decimal of the exact value.
   Anchors in the same run:
   * WIGXJPF (``pywigxjpf``, the bench extra) at the same spins: double precision, so it
     can confirm about 14 of the 50 digits, not all of them; its time is shown.
   * sympy's ``wigner_6j`` (exact) at all spins 1,000, where it still finishes: exact
     equality with tqft and the time ratio.
   * The three-term recursion in ``j1`` (DLMF 34.5.11, identity ``sixj_recursion``) checked
     *exactly* at all spins 10,000: an exact witness of the value itself.
2. A 30-point Ponzano-Regge convergence scan of ``{1 1 1; 1 1 1}`` up to ``lambda = 10^4``
   (quadrature error, window 4, 30 digits): at most 60 s, cold caches.

Also (not timed against a target): the convergence table of every formula with its
fitted exponent -- the table of ``docs/semiclassical.rst``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
from _timing import best_of

import tqft
from tqft.identities import get as get_identity
from tqft.recoupling import clear_caches, wigner_6j
from tqft.semiclassical.convergence import family, scan

try:
    import pywigxjpf as wig
except ImportError:  # pragma: no cover - the bench extra installs it
    wig = None

ROOT = Path(__file__).resolve().parent.parent
SPIN = 10_000


def bench_exact_sixj(quick: bool) -> dict[str, Any]:
    def compute() -> tuple[Any, str]:
        value = wigner_6j(*[SPIN] * 6)
        return value, value.decimal(50)

    seconds, (value, digits) = best_of(compute, 1 if quick else 3, clear_caches)
    out: dict[str, Any] = {
        "spins": SPIN,
        "seconds": round(seconds, 4),
        "target_seconds": 5.0,
        "value_50_digits": digits,
        "note": "correctly rounded to 50 significant digits; mpmath's format drops a trailing zero",
        "radicand_bits": value.radicand.bit_length(),
        "numerator_bits": abs(value.numerator).bit_length(),
        "denominator_bits": value.denominator.bit_length(),
    }
    with mpmath.workdps(60):
        mp_value = value.to_mpmath(60)
    if wig is not None:
        wig.wig_table_init(2 * SPIN, 9)
        wig.wig_temp_init(2 * SPIN)
        t_wig, w = best_of(lambda: wig.wig6jj(*[2 * SPIN] * 6), 1)
        with mpmath.workdps(60):
            rel = abs(mpmath.mpf(w) / mp_value - 1)
        out["wigxjpf"] = {
            "seconds": round(t_wig, 5),
            "value": repr(w),
            "relative_difference": mpmath.nstr(rel, 3),
            "note": "double precision: confirms the leading ~14 digits only",
        }
    if not quick:
        from sympy.physics.wigner import wigner_6j as sympy_6j

        small = 1000
        t_sympy, s_value = best_of(lambda: sympy_6j(*[small] * 6), 1)
        t_tqft, t_value = best_of(lambda: wigner_6j(*[small] * 6), 3, clear_caches)
        out["sympy_anchor"] = {
            "spins": small,
            "sympy_seconds": round(t_sympy, 4),
            "tqft_seconds": round(t_tqft, 5),
            "ratio_sympy_over_tqft": round(t_sympy / t_tqft, 1),
            "exactly_equal": bool(t_value == s_value),
        }
    identity = get_identity("sixj_recursion")
    t_rec, result = best_of(lambda: identity.check(*[2 * SPIN] * 6), 1, clear_caches)
    out["recursion_witness"] = {"identity": "sixj_recursion (DLMF 34.5.11), exact", "passed": result.passed}
    out["recursion_witness"]["seconds"] = round(t_rec, 3)
    return out


def bench_scan() -> dict[str, Any]:
    clear_caches()
    fam = family("ponzano-regge", 1, 1, 1, 1, 1, 1)
    start = time.perf_counter()
    res = scan(fam, "10:10000:30", window=4, dps=30, progress=False)
    seconds = time.perf_counter() - start
    assert res.fit is not None
    return {
        "family": "ponzano-regge {1 1 1; 1 1 1}, lambda = 10 .. 10^4, 30 points, window 4, 30 digits",
        "seconds": round(seconds, 3),
        "target_seconds": 60.0,
        "exponent": res.fit.exponent,
        "stderr": res.fit.stderr,
        "agrees_with_minus_one": res.agrees(),
        "rows": [{"scale": r.scale, "error": mpmath.nstr(r.error, 6)} for r in res.rows],
    }


#: the studies of the documentation's convergence table
STUDIES: tuple[tuple[str, tuple[Any, ...], dict[str, Any], str, int], ...] = (
    ("ponzano-regge", (1, 1, 1, 1, 1, 1), {}, "10:10000:30", 4),
    ("ponzano-regge", (Fraction(3, 2), 2, Fraction(3, 2), 3, Fraction(5, 2), 3), {}, "16:4096:16", 4),
    ("forbidden", (2, 3, 4, 3, 2, 3), {}, "10:4096:16", 2),
    ("uniform", (1, 1, 1, 1, 1, 1), {}, "10:4096:16", 4),
    ("3j", (2, 3, 4, 1, 1, -2), {}, "10:4096:16", 4),
    ("edmonds", (10, 12, 15, 1, 1, -1), {}, "4:1024:12", 2),
    ("edmonds", (10, 12, 15, 2, 0, 0), {}, "4:1024:12", 2),
    ("edmonds-symmetric", (10, 12, 15, 1, 1, -1), {}, "4:1024:12", 2),
    ("taylor-woodward", (1, 1, 1, 1, 1, 1), {"r0": 5, "q_numeric": True}, "4:64:12", 3),
    ("perceptron", (2, 0), {}, "10:10000:20", 2),
)


def bench_table() -> list[dict[str, Any]]:
    rows = []
    for formula, params, kwargs, scales, window in STUDIES:
        start = time.perf_counter()
        res = scan(family(formula, *params, **kwargs), scales, window=window, dps=30, progress=False)
        assert res.fit is not None
        rows.append(
            {
                "family": res.family.describe(),
                "scales": scales,
                "error_measure": res.error,
                "exponent": round(res.fit.exponent, 4),
                "stderr": round(res.fit.stderr, 4),
                "expected": res.expected,
                "agrees": res.agrees(),
                "first_error": mpmath.nstr(res.rows[0].error, 4),
                "last_error": mpmath.nstr(res.rows[-1].error, 4),
                "seconds": round(time.perf_counter() - start, 2),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the two targets only, fewer repeats")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "semiclassical.json"))
    args = parser.parse_args(argv)

    report: dict[str, Any] = {
        "tqft": tqft.__version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "mpmath": mpmath.__version__,
    }
    sixj = bench_exact_sixj(args.quick)
    report["exact_sixj_10000"] = sixj
    print(f"exact 6j, all spins {SPIN}, to 50 digits: {sixj['seconds']:.3f} s (target <= 5 s)")
    print(f"  value = {sixj['value_50_digits']}")
    if "wigxjpf" in sixj:
        w = sixj["wigxjpf"]
        print(f"  WIGXJPF (double): {w['seconds']:.4f} s, relative difference {w['relative_difference']} ({w['note']})")
    if "sympy_anchor" in sixj:
        s = sixj["sympy_anchor"]
        print(
            f"  sympy at spins {s['spins']}: {s['sympy_seconds']:.3f} s vs tqft {s['tqft_seconds']:.4f} s "
            f"(ratio {s['ratio_sympy_over_tqft']}), exactly equal: {s['exactly_equal']}"
        )
    r = sixj["recursion_witness"]
    print(f"  exact three-term recursion at spins {SPIN}: passed = {r['passed']} ({r['seconds']:.2f} s)")

    sc = bench_scan()
    report["ponzano_regge_scan"] = sc
    print(
        f"Ponzano-Regge scan, 30 points to lambda = 10^4: {sc['seconds']:.2f} s (target <= 60 s); "
        f"exponent {sc['exponent']:.4f} +- {sc['stderr']:.4f}"
    )
    if not args.quick:
        table = bench_table()
        report["convergence_table"] = table
        print("convergence table:")
        for row in table:
            print(
                f"  {row['family']:<60} {row['scales']:>12}  p = {row['exponent']:+.4f} +- {row['stderr']:.4f} "
                f"(theory {row['expected']}, agrees: {row['agrees']})  {row['seconds']:.1f} s"
            )
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {path}")
    ok = sixj["seconds"] <= 5.0 and sc["seconds"] <= 60.0 and r["passed"] and sc["agrees_with_minus_one"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
