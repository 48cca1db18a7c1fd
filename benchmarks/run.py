"""Speed of tqft's exact recoupling against sympy (exact) and WIGXJPF (floating point).

Run from the repository root after ``pip install -e '.[bench]'``::

    python benchmarks/run.py            # the full comparison (about two minutes)
    python benchmarks/run.py --quick    # every 16th tuple of the loop, fewer repeats

Every ratio is measured in the same run on the same machine.  tqft's symbol caches are
emptied before every timed tqft run, so each canonical symbol is computed once per run
(static tables -- primes, factorials -- stay warm, as sympy's factorial list does).
Single symbols are timed as the best of several repeats; the loop is timed once.

Benchmarks (the targets are those of the foundation issue):

1. All 6j symbols with every spin an integer in 0..7 (8^6 = 262,144 calls, zeros
   included), arguments passed as Python ints (doubled ints to WIGXJPF).
   Targets: sympy / tqft >= 100, tqft / WIGXJPF <= 8.
   Also reported, without a target: every *admissible* 6j with spins in {0, 1/2, ..., 7}
   (250,244 calls, half-integers as ``Fraction``) against WIGXJPF.
2. One 6j with all spins 1000: sympy / tqft >= 30 (WIGXJPF shown for reference).
3. One 9j with all spins 20: sympy / tqft >= 100.
4. One 6j with all spins 10,000, exact: seconds, not minutes.

Also reported: the same symbols through the generic number-context formulas
(``context=tqft.CLASSICAL``), the measurement behind the specialised q = 1 kernel.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import sys
import time
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any

import sympy
from _timing import best_time
from sympy.physics import wigner as sw

import tqft
from tqft.recoupling import clear_caches, wigner_6j, wigner_9j
from tqft.spins import admissible

try:
    import pywigxjpf as wig
except ImportError:  # pragma: no cover - the bench extra installs it
    wig = None


def loop_time(
    func: Callable[..., Any], calls: Iterable[tuple[Any, ...]], before: Callable[[], None] | None = None
) -> float:
    if before is not None:
        before()
    start = time.perf_counter()
    for args in calls:
        func(*args)
    return time.perf_counter() - start


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="every 16th tuple of the loops, fewer repeats")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if wig is None:
        print("pywigxjpf is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    step = 16 if args.quick else 1
    reps = 2 if args.quick else 5
    wig.wig_table_init(2 * 10_000, 9)
    wig.wig_temp_init(2 * 10_000)
    results: dict[str, Any] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "tqft": tqft.__version__,
        "sympy": sympy.__version__,
    }

    # 1. the loop ------------------------------------------------------------------
    ints = list(itertools.product(range(8), repeat=6))[::step]
    colours = [tuple(2 * j for j in t) for t in ints]
    sw.wigner_6j(7, 7, 7, 7, 7, 7)  # let sympy build its factorial table
    wigner_6j(7, 7, 7, 7, 7, 7)  # let tqft build its prime tables
    t_sympy = loop_time(sw.wigner_6j, ints)
    t_tqft = loop_time(wigner_6j, ints, before=clear_caches)
    t_wig = loop_time(wig.wig6jj, colours)
    loop_ok = t_sympy / t_tqft >= 100 and t_tqft / t_wig <= 8
    results["loop_int_spins_0_7"] = {
        "calls": len(ints),
        "sympy_s": t_sympy,
        "tqft_s": t_tqft,
        "wigxjpf_s": t_wig,
        "sympy_over_tqft": t_sympy / t_tqft,
        "tqft_over_wigxjpf": t_tqft / t_wig,
    }
    print(f"1. all 6j, integer spins 0..7: {len(ints)} calls")
    print(f"   sympy {t_sympy:8.3f} s   tqft {t_tqft:6.3f} s   WIGXJPF (float) {t_wig:6.3f} s")
    print(
        f"   sympy/tqft = {t_sympy / t_tqft:7.1f}x (target >= 100)"
        f"   tqft/WIGXJPF = {t_tqft / t_wig:5.2f}x (target <= 8)   {verdict(loop_ok)}"
    )

    halves = [Fraction(k, 2) if k % 2 else k // 2 for k in range(15)]
    adm = [
        t
        for t in itertools.product(range(15), repeat=6)
        if admissible(t[0], t[1], t[2])
        and admissible(t[0], t[4], t[5])
        and admissible(t[3], t[1], t[5])
        and admissible(t[3], t[4], t[2])
    ][::step]
    spins = [tuple(halves[k] for k in t) for t in adm]
    t_tqft_h = loop_time(wigner_6j, spins, before=clear_caches)
    t_wig_h = loop_time(wig.wig6jj, adm)
    results["loop_admissible_half_integer_0_7"] = {
        "calls": len(adm),
        "tqft_s": t_tqft_h,
        "wigxjpf_s": t_wig_h,
        "tqft_over_wigxjpf": t_tqft_h / t_wig_h,
    }
    print(
        f"   admissible 6j, spins 0, 1/2, ..., 7 (Fractions): {len(adm)} calls: tqft {t_tqft_h:.3f} s, "
        f"WIGXJPF {t_wig_h:.3f} s, tqft/WIGXJPF = {t_tqft_h / t_wig_h:.2f}x (no target)"
    )

    # 2. and 3. single symbols ------------------------------------------------------
    def single(
        label: str, key: str, sympy_call, tqft_call, wig_call, target: float, sympy_reps: int
    ) -> tuple[bool, float]:
        t_s = best_time(sympy_call, sympy_reps)
        t_t = best_time(tqft_call, reps, before=clear_caches)
        t_w = best_time(wig_call, reps)
        ok = t_s / t_t >= target
        results[key] = {"sympy_s": t_s, "tqft_s": t_t, "wigxjpf_s": t_w, "sympy_over_tqft": t_s / t_t}
        print(
            f"{label} sympy {t_s * 1e3:7.1f} ms  tqft {t_t * 1e3:6.2f} ms  WIGXJPF {t_w * 1e3:6.2f} ms   "
            f"sympy/tqft = {t_s / t_t:6.1f}x (target >= {target:g})  {verdict(ok)}"
        )
        return ok, t_t

    ok2, s_tqft = single(
        "2. one 6j, all spins 1000:",
        "sixj_1000",
        lambda: sw.wigner_6j(*[1000] * 6),
        lambda: wigner_6j(*[1000] * 6),
        lambda: wig.wig6jj(*[2000] * 6),
        30,
        max(1, reps // 2),
    )
    ok3, n_tqft = single(
        "3. one 9j, all spins 20:  ",
        "ninej_20",
        lambda: sw.wigner_9j(*[20] * 9),
        lambda: wigner_9j(*[20] * 9),
        lambda: wig.wig9jj(*[40] * 9),
        100,
        reps,
    )

    # 4. one 6j at spin 10,000 ------------------------------------------------------
    big_tqft = best_time(lambda: wigner_6j(*[10_000] * 6), 1 if args.quick else 3, before=clear_caches)
    big_wig = best_time(lambda: wig.wig6jj(*[20_000] * 6), 3)
    value = wigner_6j(*[10_000] * 6)
    ok4 = big_tqft < 10
    results["sixj_10000"] = {
        "tqft_s": big_tqft,
        "wigxjpf_s": big_wig,
        "value_float": float(value),
        "numerator_bits": abs(value.numerator).bit_length(),
        "denominator_bits": value.denominator.bit_length(),
        "radicand_bits": value.radicand.bit_length(),
    }
    print(
        f"4. one 6j, all spins 10000, exact: tqft {big_tqft:.3f} s (WIGXJPF float {big_wig * 1e3:.1f} ms); "
        f"value {float(value):.12e} with a {abs(value.numerator).bit_length()}-bit numerator  {verdict(ok4)}"
    )

    # 5. why a specialised q = 1 kernel: the generic-context formulas on the same symbols
    r6 = best_time(lambda: wigner_6j(*[1000] * 6, context=tqft.CLASSICAL), 1)
    r9 = best_time(lambda: wigner_9j(*[20] * 9, context=tqft.CLASSICAL), 1 if args.quick else 3)
    results["reference_path"] = {
        "sixj_1000_s": r6,
        "ninej_20_s": r9,
        "fast_speedup_6j": r6 / s_tqft,
        "fast_speedup_9j": r9 / n_tqft,
    }
    print(
        f"5. generic-context formulas (CLASSICAL, no kernel): 6j@1000 {r6 * 1e3:.0f} ms, 9j@20 {r9 * 1e3:.1f} ms; "
        f"the q = 1 kernel is {r6 / s_tqft:.0f}x and {r9 / n_tqft:.0f}x faster"
    )

    all_ok = loop_ok and ok2 and ok3 and ok4
    results["all_targets_met"] = all_ok
    if args.quick:
        results["quick"] = True
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=2)
    print("all targets met" if all_ok else "some targets missed")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
