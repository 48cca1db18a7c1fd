"""Command-line front end of the 3D state sums (``tqft tv`` and ``tqft ponzano-regge``).

::

    tqft tv SIGNATURE --r 5 [--digits N] [--integer-spins] [--order N] [--latex | --json]
    tqft tv poincare weeks lens:7,2 --r 7 [--jobs N]      # several: a batch with a progress bar
    tqft tv SIGNATURE --r 12 --numeric [--root M]        # float64 state sum at q = exp(i pi M / r)
    tqft ponzano-regge SIGNATURE --cutoff 4 [--gauge tree|vertex] [--json]
    tqft ponzano-regge SIGNATURE --growth 2,4,8,16        # fitted power of the cutoff

A triangulation is an isomorphism signature (Regina's format) or a built-in name:
``s3``, ``s2xs1``, ``poincare``, ``weeks``, ``lens:P,Q``.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..errors import InvalidArgumentError

__all__ = ["COMMANDS", "add_parser", "emit_exact", "resolve_triangulation", "run"]

COMMANDS = ("tv", "ponzano-regge")
MAX_DIGITS = 10_000


def resolve_triangulation(text: str) -> Any:
    """A triangulation from a signature or a built-in name (``s3``, ``s2xs1``,
    ``poincare``, ``weeks``, ``lens:P,Q``)."""
    from ..topology import census
    from ..topology.triangulation import Triangulation

    name = text.strip()
    if name.lower().startswith("lens:"):
        try:
            p, q = (int(x) for x in name[5:].split(","))
        except ValueError:
            raise InvalidArgumentError(
                f"triangulation = {text!r}: write a lens space as lens:P,Q, e.g. lens:7,2"
            ) from None
        return census.lens_space(p, q)
    builtins = {
        "s3": census.three_sphere,
        "s2xs1": census.s2xs1,
        "poincare": census.poincare_sphere,
        "weeks": census.weeks,
    }
    if name.lower() in builtins:
        return builtins[name.lower()]()
    return Triangulation.from_isosig(name)


def add_parser(subparsers: Any) -> None:
    """Add ``tv`` and ``ponzano-regge`` to ``subparsers``."""
    tv = subparsers.add_parser(
        "tv",
        help="Turaev-Viro invariant TV_r of closed triangulations (exact in Q(zeta_2r))",
        description="Turaev-Viro invariants, normalised so that TV(S^3) = D^-2 and TV(S^2 x S^1) = 1; "
        "exact in the cyclotomic field (principal embedding q = exp(i pi / r)).",
    )
    tv.add_argument("triangulations", nargs="+", metavar="TRIANGULATION", help="isomorphism signature or built-in name")
    tv.add_argument("--r", type=int, required=True, help="r >= 3 (level r - 2)")
    tv.add_argument(
        "--integer-spins", action="store_true", help="SO(3) variant: integer spins, q = exp(2 pi i / r), odd r"
    )
    tv.add_argument("--order", type=int, default=None, help="order of q: 2r (default) or r (odd r)")
    tv.add_argument("--numeric", action="store_true", help="float64 state sum instead of the exact value")
    tv.add_argument("--root", type=int, default=1, help="with --numeric: q = exp(2 pi i ROOT / order)")
    tv.add_argument("--jobs", type=int, default=None, help="worker processes for several triangulations")
    fmt = tv.add_mutually_exclusive_group()
    fmt.add_argument("--digits", type=int, default=None, metavar="N", help="print N significant digits")
    fmt.add_argument("--latex", action="store_true", help="print LaTeX")
    fmt.add_argument("--json", action="store_true", help="print JSON")

    pr = subparsers.add_parser(
        "ponzano-regge",
        help="Ponzano-Regge state sum (q = 1) with a spin cutoff, exact",
        description="The regularised Ponzano-Regge sum: spins <= cutoff; gauge 'tree' fixes the spins on a "
        "maximal tree of the 1-skeleton to 0, 'vertex' divides by D_L^2 per vertex.",
    )
    pr.add_argument("triangulation", metavar="TRIANGULATION", help="isomorphism signature or built-in name")
    pr.add_argument("--cutoff", default="2", help="largest spin L (default 2)")
    pr.add_argument("--gauge", choices=("tree", "vertex"), default="tree")
    pr.add_argument("--growth", default=None, metavar="L1,L2,...", help="fit |PR_L| ~ C L^alpha over these cutoffs")
    pr.add_argument("--json", action="store_true", help="print JSON")


def _digits(args: argparse.Namespace) -> None:
    if args.digits is not None and not 1 <= args.digits <= MAX_DIGITS:
        raise InvalidArgumentError(f"--digits = {args.digits} must be between 1 and {MAX_DIGITS}")


def emit_exact(args: argparse.Namespace, value: Any, payload: dict[str, Any]) -> None:
    """Print an exact cyclotomic value as ``--json`` (``payload`` plus ``exact``, ``latex``
    and a 30-digit ``value``), ``--latex``, ``--digits N`` or plainly."""
    if getattr(args, "json", False):
        print(
            json.dumps({**payload, "exact": str(value), "latex": value.latex(), "value": value.decimal(30)}, indent=2)
        )
    elif getattr(args, "latex", False):
        print(value.latex())
    elif getattr(args, "digits", None) is not None:
        print(value.decimal(args.digits))
    else:
        print(value)


def _tv(args: argparse.Namespace) -> int:
    from .batch import turaev_viro_batch
    from .turaev_viro import TVSpec, turaev_viro, turaev_viro_numeric

    _digits(args)
    spec = TVSpec(args.r, args.integer_spins, args.order or 0)
    tris = [resolve_triangulation(t) for t in args.triangulations]
    if args.numeric:
        for name, tri in zip(args.triangulations, tris, strict=True):
            value = turaev_viro_numeric(tri, args.r, integer_spins=args.integer_spins, order=spec.order, root=args.root)
            print(json.dumps({"triangulation": name, "r": args.r, "value": value}) if args.json else f"{value!r}")
        return 0
    if len(tris) == 1:
        values: list[Any] = [turaev_viro(tris[0], args.r, integer_spins=args.integer_spins, order=spec.order)]
    else:
        import concurrent.futures as cf

        executor = cf.ProcessPoolExecutor(max_workers=args.jobs) if args.jobs else None
        result = turaev_viro_batch(tris, args.r, integer_spins=args.integer_spins, order=spec.order, executor=executor)
        if executor is not None:
            executor.shutdown()
        if result.interrupted:
            print("tqft tv: interrupted", flush=True)
        values = result.values
    for name, tri, value in zip(args.triangulations, tris, values, strict=True):
        if value is None:
            continue
        if len(tris) > 1 and not (args.json or args.latex or args.digits is not None):
            print(f"{name}: {value}")
            continue
        payload = {
            "triangulation": name,
            "isosig": tri.isosig(),
            "r": args.r,
            "integer_spins": args.integer_spins,
            "order": spec.order,
        }
        emit_exact(args, value, payload)
    return 0


def _pr(args: argparse.Namespace) -> int:
    from .ponzano_regge import growth, ponzano_regge

    tri = resolve_triangulation(args.triangulation)
    if args.growth:
        cutoffs = [x.strip() for x in args.growth.split(",") if x.strip()]
        fit = growth(tri, cutoffs, gauge=args.gauge)
        if args.json:
            print(json.dumps({**fit, "values": [str(v) for v in fit["values"]]}, indent=2))
        else:
            for c, v in zip(fit["cutoffs"], fit["values"], strict=True):
                print(f"L = {c}: {float(v):.6g}  ({v})")
            if "alpha" in fit:
                print(f"|PR_L| ~ C L^alpha, alpha = {fit['alpha']:.3f} +- {fit['alpha_error']:.3f}")
        return 0
    value = ponzano_regge(tri, args.cutoff, gauge=args.gauge)
    if args.json:
        print(json.dumps({"cutoff": args.cutoff, "gauge": args.gauge, "exact": str(value), "value": float(value)}))
    else:
        print(value)
    return 0


def run(args: argparse.Namespace) -> int:
    """Execute a parsed ``tv`` or ``ponzano-regge`` command."""
    if args.command == "tv":
        return _tv(args)
    return _pr(args)
