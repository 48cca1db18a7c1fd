"""Jones polynomials of 13-crossing knots: tqft's frontier bracket against regina.

Run from the repository root::

    python benchmarks/bench_jones.py             # all 9,988 thirteen-crossing knots of KnotInfo
    python benchmarks/bench_jones.py --quick     # the first 300 of them
    python benchmarks/bench_jones.py --json      # figures as JSON on stdout (or --json PATH)

Knots: KnotInfo's 13-crossing knots from ``database_knotinfo`` when it is installed
(``pip install database_knotinfo``), else the 13-crossing knots of the vendored fixture
``tqft/topology/data/knots.json``.  regina (``pip install regina``) is required.

What is timed, per knot, on the same PD code (a Python list of lists) in the same run:

* **end to end** -- ``tqft.topology.jones(pd)`` (parse, validate, orient, bracket,
  normalise) against ``regina.Link.fromPD(pd).jones()`` (build the link, compute).  Both
  start from the same list, so construction is inside the timed region for both.
* **polynomial only** -- the diagram built outside the timed region for both:
  ``jones(diagram)`` on a prebuilt :class:`~tqft.topology.LinkDiagram` against
  ``link.jones()`` on a freshly built ``regina.Link`` (regina caches the polynomial on the
  link, so every repeat gets a new one).

Each knot is timed ``--repeat`` times and the minimum is kept; the ratio is tqft / regina
per knot, summarised by its median, mean and maximum.  Every tqft result is compared with
regina's (same variable ``x = t^(1/2)``, same sign convention); a mismatch fails the run.
"""

from __future__ import annotations

import argparse
import ast
import json
import platform
import statistics
import sys
from importlib import resources
from typing import Any

from _timing import best_time

from tqft.exact.laurent import Laurent
from tqft.topology import LinkDiagram, jones


def load_knots(limit: int | None) -> tuple[str, list[tuple[str, list[list[int]]]]]:
    try:
        from database_knotinfo import link_list, version
    except ImportError:
        data = json.loads(resources.files("tqft.topology").joinpath("data/knots.json").read_text())
        rows = [(r["name"], ast.literal_eval(r["pd"])) for r in data["knots"] if r["crossing_number"] == 13]
        source = "vendored fixture tqft/topology/data/knots.json"
    else:
        rows = [
            (r["name"], ast.literal_eval(r["pd_notation"])) for r in link_list()[1:] if r["crossing_number"] == "13"
        ]
        source = f"database_knotinfo {version()}"
    return source, rows[:limit] if limit else rows


def regina_laurent(poly: Any) -> Laurent:
    if poly.isZero():
        return Laurent()
    return Laurent({e: poly[e].pythonValue() for e in range(poly.minExp(), poly.maxExp() + 1)})


def summary(ratios: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(ratios),
        "mean": statistics.fmean(ratios),
        "max": max(ratios),
        "min": min(ratios),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the first 300 knots")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N knots")
    parser.add_argument("--repeat", type=int, default=None, help="timings per knot, minimum kept (default 3)")
    parser.add_argument("--show", type=int, default=12, help="per-knot lines to print (default 12)")
    parser.add_argument(
        "--json", nargs="?", const="-", default=None, metavar="PATH", help="write JSON to PATH (stdout if none)"
    )
    args = parser.parse_args(argv)
    try:
        import regina
    except ImportError:
        print("regina is not installed: pip install regina", file=sys.stderr)
        return 2
    limit = args.limit if args.limit is not None else (300 if args.quick else None)
    repeat = args.repeat if args.repeat is not None else 3
    source, knots = load_knots(limit)
    out = sys.stderr if args.json == "-" else sys.stdout

    rows = []
    mismatches = []
    for name, pd in knots:
        ours = jones(pd)
        theirs = regina_laurent(regina.Link.fromPD(pd).jones())
        if ours != theirs:
            mismatches.append(name)
        diagram = LinkDiagram(pd)
        t_e2e = best_time(lambda pd=pd: jones(pd), repeat)
        r_e2e = best_time(lambda pd=pd: regina.Link.fromPD(pd).jones(), repeat)
        t_poly = best_time(lambda k=diagram: jones(k), repeat)
        r_poly = best_time(lambda link: link.jones(), repeat, setup=lambda pd=pd: regina.Link.fromPD(pd))
        rows.append(
            {
                "name": name,
                "tqft_ms": 1e3 * t_e2e,
                "regina_ms": 1e3 * r_e2e,
                "ratio": t_e2e / r_e2e,
                "tqft_poly_ms": 1e3 * t_poly,
                "regina_poly_ms": 1e3 * r_poly,
                "ratio_poly": t_poly / r_poly,
            }
        )

    ratios = [r["ratio"] for r in rows]
    ratios_poly = [r["ratio_poly"] for r in rows]
    result = {
        "source": source,
        "knots": len(rows),
        "repeat": repeat,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "regina": regina.versionString(),
        "mismatches": mismatches,
        "end_to_end": {
            "tqft_ms_mean": statistics.fmean(r["tqft_ms"] for r in rows),
            "regina_ms_mean": statistics.fmean(r["regina_ms"] for r in rows),
            "ratio": summary(ratios),
        },
        "polynomial_only": {
            "tqft_ms_mean": statistics.fmean(r["tqft_poly_ms"] for r in rows),
            "regina_ms_mean": statistics.fmean(r["regina_poly_ms"] for r in rows),
            "ratio": summary(ratios_poly),
        },
        "per_knot": rows,
    }

    print(f"Jones polynomial, {len(rows)} thirteen-crossing knots ({source}), best of {repeat}", file=out)
    print(f"{'knot':>10} {'tqft ms':>9} {'regina ms':>10} {'ratio':>6}   (end to end: PD list -> polynomial)", file=out)
    worst = sorted(rows, key=lambda r: -r["ratio"])[:3] if args.show else []
    for label, group in (("", rows[: args.show]), ("largest ratios:", worst)):
        if label:
            print(f"{label:>10}", file=out)
        for r in group:
            print(f"{r['name']:>10} {r['tqft_ms']:9.3f} {r['regina_ms']:10.3f} {r['ratio']:6.2f}", file=out)
    for title, key in (("end to end", "end_to_end"), ("polynomial only", "polynomial_only")):
        s = result[key]
        rs = s["ratio"]
        print(
            f"{title:>16}: tqft {s['tqft_ms_mean']:.3f} ms, regina {s['regina_ms_mean']:.3f} ms per knot (mean); "
            f"tqft/regina median {rs['median']:.2f}, mean {rs['mean']:.2f}, max {rs['max']:.2f}",
            file=out,
        )
    print("all results agree with regina" if not mismatches else f"MISMATCH on {mismatches}", file=out)
    if args.json == "-":
        json.dump(result, sys.stdout, indent=1)
        print()
    elif args.json:
        with open(args.json, "w") as fh:
            json.dump(result, fh, indent=1)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
