"""Command-line front end of :mod:`tqft.semiclassical` (the ``tqft asymptotics`` command).

::

    tqft asymptotics 6j 1 1 1 1 1 1 --scale 10:10000:30 [--plot out.png] [--json]
    tqft asymptotics 6j 2 3 4 3 2 3 --formula forbidden --scale 10:3000:15
    tqft asymptotics 3j 2 3 4 1 1 -2 --scale 10:3000:15
    tqft asymptotics edmonds 10 12 15 1 1 -1 [--symmetric]     # a b c f mu nu
    tqft asymptotics q6j 1 1 1 1 1 1 --r0 5 --scale 4:16:6
    tqft asymptotics perceptron 2 [0] --scale 10:10000:20     # sigma [offset]
    tqft asymptotics classifier [--classes 3 --links 8 --samples 3000 --seed 0]

Each scan prints the table of exact values, formula values and errors, and the fitted
exponent with its uncertainty against theory (:mod:`tqft.semiclassical.convergence`).
Negative half-integer projections look like options to argparse: put the options first
and everything positional after ``--``:
``tqft asymptotics --scale 10:100:5 -- 3j 1/2 1 3/2 -1/2 1 -1/2``.  (Negative integers
such as ``-2`` need no ``--``.)

:func:`add_parser` adds the sub-command to an ``argparse`` sub-parser collection and
:func:`run` executes a parsed command, returning the exit status (0 on success; bad input
raises a :class:`~tqft.errors.TQFTError`, which ``tqft`` reports on one line with status
2; an interrupted scan prints what it computed and returns 130).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..errors import InvalidArgumentError

__all__ = ["COMMANDS", "add_parser", "run"]

#: the sub-commands this module adds
COMMANDS = ("asymptotics",)

_KINDS = ("6j", "3j", "edmonds", "q6j", "perceptron", "classifier")
_DEFAULT_SCALES = {
    "6j": "10:10000:30",
    "3j": "10:3000:20",
    "edmonds": "4:1024:12",
    "q6j": "4:16:6",
    "perceptron": "10:10000:20",
}
_ARITY = {"6j": (6,), "3j": (6,), "edmonds": (6,), "q6j": (6,), "perceptron": (1, 2), "classifier": (0,)}


def add_parser(subparsers: Any) -> None:
    """Add ``asymptotics`` to ``subparsers`` (from ``parser.add_subparsers()``)."""
    p = subparsers.add_parser(
        "asymptotics",
        help="convergence of Ponzano-Regge and other recoupling asymptotics to exact values",
        description="Scan j -> lambda j, compare exact values (through mpmath) with an asymptotic formula, and fit "
        "the decay exponent of the error. KIND is 6j (Ponzano-Regge, forbidden region, uniform), 3j, edmonds "
        "(a b c f mu nu: {la lb lc; lb+nu la+mu f}), q6j (Taylor-Woodward, r = lambda r0), perceptron (sigma "
        "[offset]: the Gaussian form of the unit heat-kernel amplitude at jbar = lambda) or classifier (the "
        "softmax-linear equivalence of (M2) Eq. 33, derived in sympy and checked on synthetic data).",
    )
    p.add_argument("kind", choices=_KINDS, help="what to study")
    p.add_argument("params", nargs="*", help="spins / projections / parameters of KIND (see above)")
    p.add_argument(
        "--formula",
        default=None,
        choices=("ponzano-regge", "forbidden", "uniform"),
        help="6j only: the formula (default: ponzano-regge for a Euclidean shape, forbidden otherwise)",
    )
    p.add_argument("--symmetric", action="store_true", help="edmonds only: the midpoint version of the formula")
    p.add_argument("--r0", type=int, default=None, metavar="R", help="q6j only: r = lambda * R (required)")
    p.add_argument(
        "--q-numeric",
        action="store_true",
        help="q6j only: evaluate the q-Racah sum in mpmath at two precisions instead of exactly (large r)",
    )
    p.add_argument("--scale", default=None, metavar="S", help="start:stop:count (log-spaced) or a comma list")
    p.add_argument(
        "--error",
        default=None,
        choices=("quadrature", "envelope", "relative", "rms"),
        help="error measure (default quadrature for oscillating formulas, relative otherwise)",
    )
    p.add_argument("--window", type=int, default=4, metavar="W", help="members per scale of window measures (4)")
    p.add_argument("--dps", type=int, default=30, metavar="D", help="decimal digits of every evaluation (30)")
    p.add_argument("--corrections", type=int, default=2, metavar="K", help="lambda^-k terms in the fit (2)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--plot", default=None, metavar="PATH", help="save a log-log plot (needs matplotlib)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--classes", type=int, default=3, metavar="K", help="classifier only: classes (3)")
    p.add_argument("--links", type=int, default=8, metavar="L", help="classifier only: links per input (8)")
    p.add_argument("--samples", type=int, default=3000, metavar="N", help="classifier only: samples (3000)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="classifier only: data seed (0)")


def _family(args: argparse.Namespace) -> Any:
    from .convergence import family
    from .geometry import Regime, Tetrahedron

    params = list(args.params)
    kind = args.kind
    if len(params) not in _ARITY[kind]:
        want = " or ".join(str(n) for n in _ARITY[kind])
        raise InvalidArgumentError(f"params = {params!r}: {kind} takes {want} values")
    if kind != "6j" and args.formula is not None:
        raise InvalidArgumentError(f"--formula applies to 6j only, not {kind}")
    if kind != "edmonds" and args.symmetric:
        raise InvalidArgumentError(f"--symmetric applies to edmonds only, not {kind}")
    if kind != "q6j" and (args.r0 is not None or args.q_numeric):
        raise InvalidArgumentError(f"--r0 and --q-numeric apply to q6j only, not {kind}")
    if kind == "6j":
        formula = args.formula
        if formula is None:
            from ..spins import colour

            cols = [colour(v, f"j{k}") for k, v in enumerate(params, start=1)]
            shape = Tetrahedron([c for c in cols]) if all(cols) else None
            formula = "forbidden" if shape is not None and shape.regime is Regime.NON_EUCLIDEAN else "ponzano-regge"
        return family(formula, *params)
    if kind == "3j":
        return family("3j", *params)
    if kind == "edmonds":
        return family("edmonds-symmetric" if args.symmetric else "edmonds", *params)
    if kind == "q6j":
        return family("taylor-woodward", *params, r0=args.r0, q_numeric=args.q_numeric)
    return family("perceptron", params[0], params[1] if len(params) > 1 else 0)


def _classifier(args: argparse.Namespace) -> int:
    from .perceptron import classifier_report, decision_boundary, derive_softmax_equivalence

    if args.params:
        raise InvalidArgumentError(f"params = {args.params!r}: classifier takes no positional parameters")
    derivation = derive_softmax_equivalence(links=3, classes=3)
    report = classifier_report(args.classes, args.links, args.samples, args.seed)
    boundary = {
        "linear": float(decision_boundary(2, 10, 2)),
        "eq34": float(decision_boundary(2, 10, 2, "eq34")),
    }
    if args.json:
        payload = {
            "derivation": {
                "holds": derivation.holds,
                "weights": [str(w) for w in derivation.weights],
                "bias": str(derivation.bias),
                "residual": str(derivation.residual),
                "softmax_residual": str(derivation.softmax_residual),
                "eq34_outside": str(derivation.eq34_outside),
                "eq34_curvature": str(derivation.eq34_curvature),
                "unshared_curvature": str(derivation.unshared_curvature),
            },
            "numeric": report,
            "boundary_jbar_2_10_sigma_2": boundary,
        }
        print(json.dumps(payload, indent=2))
        return 0
    print("symbolic (sympy, 3 links, 3 classes; Delta an arbitrary positive function):")
    print(f"  W_k = {derivation.weights}, b_k = {derivation.bias}")
    print(f"  log|A_k|^2 - g(x) - (W_k.x + b_k) = {derivation.residual}")
    print(f"  softmax(Wx + b)_k - |A_k|^2 / sum_m |A_m|^2 = {derivation.softmax_residual}")
    print(f"  Eq. 34 where P_x >= P_k, P_m: extra logit difference = {derivation.eq34_inside}")
    print(f"  Eq. 34 where P_k > P_x >= P_m: extra logit difference = {derivation.eq34_outside}")
    print(f"    its curvature in x_0 for Delta(x) = 2x + 1: {derivation.eq34_curvature} (not linear)")
    print(f"  per-class sigma: coefficient of x_0^2 in the logit difference = {derivation.unshared_curvature}")
    print(f"  equivalence holds (and breaks where stated): {derivation.holds}")
    print(
        f"numeric ({report['samples']} samples, {report['classes']} classes, {report['links']} links, "
        f"pooled sigma = {report['sigma']:.4f}; softmax accuracy {report['softmax_accuracy']:.4f}):"
    )
    for norm, label in (
        ("eq33", "Eq. 33 amplitudes"),
        ("exact", "exact heat-kernel coefficients / N"),
        ("unit", "unit-normalised coherent states"),
        ("eq34", "Eq. 34 normalisation"),
    ):
        r = report[norm]
        print(
            f"  {label:<36} argmax agreement {r['agreement']:.4f}, max |p - softmax| {r['max_probability_gap']:.2e}, "
            f"disagreements with P_x >= max P_k: {r['disagreements_outside_region']}"
        )
    shifted = report["unit_shifted_bias_agreement"]
    print(f"  unit-normalised states against the bias shifted by log||c_k||^2: {shifted:.4f}")
    print(
        f"one link, jbar = 2 vs 10, sigma = 2: boundary {boundary['linear']:.4f} (softmax-linear), "
        f"{boundary['eq34']:.4f} (Eq. 34)"
    )
    return 0


def run(args: argparse.Namespace) -> int:
    """Execute a parsed ``tqft asymptotics`` command; returns the exit status."""
    if args.kind == "classifier":
        return _classifier(args)
    from .convergence import plot, scan

    fam = _family(args)
    scales = args.scale or _DEFAULT_SCALES[args.kind]
    res = scan(
        fam,
        scales,
        error=args.error,
        window=args.window,
        dps=args.dps,
        corrections=args.corrections,
        jobs=args.jobs,
        progress=not (args.no_progress or args.json),
    )
    if args.plot:
        plot(res, args.plot)
    if args.json:
        payload = res.as_dict()
        if args.plot:
            payload["plot"] = args.plot
        print(json.dumps(payload, indent=2))
    else:
        print(res.table())
        if args.plot:
            print(f"plot: {args.plot}")
    return 130 if res.interrupted else 0
