"""The ``tqft`` command.

::

    tqft verify [--max-spin J] [--random N --seed S] [--only NAME ...] [--jobs N] [--list] [--json]
    tqft 3j  j1 j2 j3 m1 m2 m3        [--latex | --digits N | --json]
    tqft cg  j1 j2 j3 m1 m2 m3        (sympy's order: <j1 m1; j2 m2 | j3 m3>)
    tqft 6j  j1 j2 j3 j4 j5 j6
    tqft racah a b c d e f            (Racah W(abcd; ef))
    tqft 9j  j1 ... j9                (rows j1 j2 j3 / j4 j5 j6 / j7 j8 j9)

    tqft modular K [--digits N | --latex | --json]   (SU(2)_K: S and T exactly)
    tqft jones (--pd CODE | --braid WORD) [--method bracket|markov] [--colour N] [--latex | --json]

    tqft spin-network evaluate FILE [--q Q] [--normalisation kl|unitary] [--latex | --digits N | --json]
                                      (FILE: JSON, see tqft.spin_network.io; default q = 1)
    tqft honeycomb N --pixels 1,2,3,4 [--q Q] [--normalisation kl|unitary] [--latex | --digits N | --json]
    tqft entanglement --inputs 16 --channels 4,4,2,2 --partition interleaved [--exact-rank] [--json]
    tqft entanglement-design | entanglement-study | entanglement-experiment  (see --help)
                     [--draw FILE.png] [--order-info]
                                      (hexagonal image encoding of arXiv:2310.03632; default q = -1)

    tqft lookup TERM [--direction ml|tqft|both] [--source M2] [--status theorem] [--tag T]
                     [--limit N] [--run-witness] [--json]
    tqft lookup --list [--source M2] [--status theorem] [--run-witness] [--json]
                                      (the ML <-> TQFT dictionary, tqft.dictionary)

    --q generic | A | root:r | root:r:k | 0.9+0.1j
                                      (3j, cg, 6j, racah: the q-analogue in that context;
                                      spin-network, honeycomb: also classical and -1)

Spins are written as ``1``, ``3/2``, ``1.5``.  Exit status: 0 on success, 1 when an
identity fails, 2 for bad input (one line on stderr, no traceback), 130 when a sweep is
interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from . import __version__
from .errors import TQFTError
from .exact.quadratic import MAX_DIGITS, SqrtRational

__all__ = ["build_parser", "main"]


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage dump) so that bad input reads cleanly."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _symbols() -> dict[str, tuple[Callable[..., Any], tuple[str, ...], str]]:
    from .recoupling import clebsch_gordan, racah_w, wigner_3j, wigner_6j, wigner_9j

    return {
        "3j": (wigner_3j, ("j1", "j2", "j3", "m1", "m2", "m3"), "Wigner 3j symbol (j1 j2 j3; m1 m2 m3)"),
        "cg": (clebsch_gordan, ("j1", "j2", "j3", "m1", "m2", "m3"), "Clebsch-Gordan <j1 m1; j2 m2 | j3 m3>"),
        "6j": (wigner_6j, ("j1", "j2", "j3", "j4", "j5", "j6"), "Wigner 6j symbol {j1 j2 j3; j4 j5 j6}"),
        "racah": (racah_w, ("a", "b", "c", "d", "e", "f"), "Racah W(a b c d; e f)"),
        "9j": (wigner_9j, tuple(f"j{k}" for k in range(1, 10)), "Wigner 9j symbol, rows j1..j3, j4..j6, j7..j9"),
    }


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``tqft`` command."""
    parser = _Parser(prog="tqft", description="Exact TQFT and recoupling computations.")
    parser.add_argument("--version", action="version", version=f"tqft {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    verify = sub.add_parser("verify", help="check the identity catalogue exactly")
    verify.add_argument(
        "--max-spin",
        type=str,
        default=None,
        metavar="J",
        help="exhaustive bound on every spin (default: each identity's own bound)",
    )
    verify.add_argument(
        "--random", type=int, default=0, metavar="N", help="also check N seeded random cases per identity"
    )
    verify.add_argument("--seed", type=int, default=0, metavar="S", help="seed for --random (default 0)")
    verify.add_argument(
        "--only", action="append", default=None, metavar="NAME", help="run only this identity (repeatable)"
    )
    verify.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="worker processes (default: all cores; 1 runs in-process)"
    )
    verify.add_argument("--list", action="store_true", help="list the identities and exit")
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    modular = sub.add_parser(
        "modular", help="SU(2)_k modular data: S and T exactly", description="S and T of SU(2)_k, exactly"
    )
    modular.add_argument("k", help="the level k >= 1")
    mfmt = modular.add_mutually_exclusive_group()
    mfmt.add_argument("--latex", action="store_true", help="print LaTeX")
    mfmt.add_argument("--json", action="store_true", help="print JSON (closed forms, field elements)")
    modular.add_argument("--digits", type=int, default=None, metavar="N", help="also print N-digit decimals")

    jones = sub.add_parser(
        "jones",
        help="Jones polynomial of a knot or link (KnotInfo conventions)",
        description="Jones polynomial V(t), V(unknot) = 1, from a PD code or a braid word (KnotInfo conventions)",
    )
    src = jones.add_mutually_exclusive_group(required=True)
    src.add_argument("--pd", metavar="CODE", help="PD code, e.g. '[[1,5,2,4],[3,1,4,6],[5,3,6,2]]' or 'X[1,5,2,4] ...'")
    src.add_argument("--braid", metavar="WORD", help="braid word, e.g. '1,1,1' or '1 -2 1 -2'")
    jones.add_argument(
        "--method",
        choices=("bracket", "markov"),
        default="bracket",
        help="bracket: Kauffman bracket over a planar frontier (default); markov: Markov trace of the R-matrix "
        "braid representation (needs --braid)",
    )
    jones.add_argument("--colour", type=int, default=None, metavar="N", help="coloured Jones J_N (needs --braid)")
    jfmt = jones.add_mutually_exclusive_group()
    jfmt.add_argument("--latex", action="store_true", help="print LaTeX")
    jfmt.add_argument("--json", action="store_true", help="print JSON")

    _add_spin_network_parsers(sub)

    for piece in _pieces():
        piece.add_parser(sub)

    for name, (_, params, title) in _symbols().items():
        p = sub.add_parser(name, help=title, description=title)
        for param in params:
            p.add_argument(param, help="a spin such as 1, 3/2 or 1.5" if param[0] != "m" else "a projection")
        fmt = p.add_mutually_exclusive_group()
        fmt.add_argument("--latex", action="store_true", help="print LaTeX")
        fmt.add_argument("--digits", type=int, default=None, metavar="N", help="print N significant digits")
        fmt.add_argument("--json", action="store_true", help="print JSON with the exact value and its parts")
        if name != "9j":
            p.add_argument(
                "--q",
                default=None,
                metavar="Q",
                help="quantum deformation: generic (rational in q), A (Kauffman's A, q = A^2), root:r "
                "(q = e^{i pi/r}), root:r:k, or a complex number such as 0.9+0.1j (default: q = 1, exact)",
            )
    return parser


def _modular_command(args: argparse.Namespace) -> int:
    from .algebra.modular import modular_data
    from .algebra.modular_format import format_modular

    try:
        k = int(args.k)
    except ValueError:
        raise _UsageError(f"tqft modular: k = {args.k!r} must be a positive integer (the level)") from None
    if args.digits is not None and not 1 <= args.digits <= MAX_DIGITS:
        raise _UsageError(f"tqft modular: --digits = {args.digits} must be between 1 and {MAX_DIGITS}")
    if args.json:
        print(json.dumps(modular_data(k).to_json(digits=args.digits), indent=2))
    else:
        print(format_modular(k, digits=args.digits, latex=args.latex))
    return 0


def _jones_command(args: argparse.Namespace) -> int:
    from fractions import Fraction

    from .topology import LinkDiagram, braid_to_pd, format_jones, jones, parse_braid

    if args.colour is not None or args.method == "markov":
        if args.braid is None:
            raise _UsageError("tqft jones: --method markov and --colour need --braid (a braid word)")
    if args.colour is not None:
        from .algebra.braids import coloured_jones

        if args.colour < 1:
            raise _UsageError(f"tqft jones: --colour = {args.colour} must be at least 1")
        braid = parse_braid(args.braid)
        diagram = braid_to_pd(braid)
        value = coloured_jones(list(braid.word), args.colour, braid.strands)
    elif args.braid is not None:
        braid = parse_braid(args.braid)
        diagram = braid_to_pd(braid)
        value = jones(braid if args.method == "markov" else diagram, method=args.method)
    else:
        diagram = LinkDiagram.from_pd(args.pd)
        value = jones(diagram)
    if args.json:
        payload = {
            "crossings": diagram.num_crossings,
            "components": diagram.num_components,
            "writhe": diagram.writhe,
            "method": args.method,
            "colour": args.colour if args.colour is not None else 1,
            "jones": format_jones(value),
            "variable": "t^(1/2)",
            "coefficients": {str(e): c for e, c in sorted(value.to_dict().items())},
        }
        print(json.dumps(payload, indent=2))
    elif args.latex:
        print(value.latex("t", Fraction(1, 2)))
    else:
        print(format_jones(value))
    return 0


def _q_symbol_command(args: argparse.Namespace, func: Callable[..., Any], params: tuple[str, ...]) -> int:
    from .exact.context import ClassicalContext
    from .exact.qcontexts import parse_context

    values = [getattr(args, p) for p in params]
    ctx = parse_context(args.q)
    if type(ctx) is ClassicalContext:
        args.q = None
        return _symbol_command(args)
    result = func(*values, context=ctx)
    info = {"symbol": args.command, "arguments": dict(zip(params, values)), "q": ctx.name}
    _value_output(args.command, args, ctx, result, info)
    return 0


def _symbol_command(args: argparse.Namespace) -> int:
    func, params, _ = _symbols()[args.command]
    if getattr(args, "q", None) is not None:
        return _q_symbol_command(args, func, params)
    values = [getattr(args, p) for p in params]
    result: SqrtRational = func(*values)
    if args.json:
        digits = 30
        payload = {
            "symbol": args.command,
            "arguments": dict(zip(params, values)),
            "exact": str(result),
            "latex": result.latex(),
            "numerator": str(result.numerator),
            "denominator": str(result.denominator),
            "radicand": str(result.radicand),
            "value": result.decimal(digits),
        }
        print(json.dumps(payload, indent=2))
    elif args.latex:
        print(result.latex())
    elif args.digits is not None:
        if not 1 <= args.digits <= MAX_DIGITS:
            raise _UsageError(f"tqft {args.command}: --digits = {args.digits} must be between 1 and {MAX_DIGITS}")
        print(result.decimal(args.digits))
    else:
        print(result)
    return 0


def _verify_command(args: argparse.Namespace) -> int:
    from .identities import catalogue, get, run_catalogue
    from .identities.runner import LARGE_SWEEP, plan
    from .spins import doubled

    if args.list:
        for identity in catalogue():
            print(f"{identity.name:26s} {identity.title}  [{identity.reference}]")
        return 0
    max_spin = None
    if args.max_spin is not None:
        max_spin = doubled(args.max_spin, "--max-spin") / 2
    if args.random < 0:
        raise _UsageError(f"tqft verify: --random = {args.random} must be non-negative")
    if args.jobs is not None and args.jobs < 1:
        raise _UsageError(f"tqft verify: --jobs = {args.jobs} must be at least 1")
    selected = [get(name) for name in dict.fromkeys(args.only)] if args.only else list(catalogue())
    planned = plan(selected, max_spin=max_spin, random=args.random, seed=args.seed)
    for item in planned:
        if item.exhaustive_cases is None:
            print(
                f"tqft verify: {item.identity.name} has more than {LARGE_SWEEP:,} cases at this bound; "
                "the sweep may take hours (Ctrl-C stops it and reports what was checked)",
                file=sys.stderr,
            )
    report = run_catalogue(
        planned=planned,
        jobs=args.jobs,
        progress=not args.no_progress and not args.json and sys.stderr.isatty(),
    )
    if args.json:
        print(
            json.dumps(
                {
                    "ok": report.ok,
                    "interrupted": report.interrupted,
                    "wall_seconds": round(report.wall_seconds, 3),
                    "identities": [
                        {
                            "name": r.name,
                            "cases": r.cases,
                            "passed": r.passed,
                            "failed": r.failed,
                            "seconds": round(r.seconds, 3),
                            "failures": [dict(zip(("case", "lhs", "rhs"), f)) for f in r.failures],
                        }
                        for r in report.identities
                    ],
                },
                indent=2,
            )
        )
    else:
        width = max(len(r.name) for r in report.identities)
        print(f"{'identity':{width}s}  {'cases':>8s}  {'passed':>8s}  {'failed':>6s}  {'cpu s':>7s}")
        for r in report.identities:
            mark = "" if r.ok else "  FAIL"
            print(f"{r.name:{width}s}  {r.cases:8d}  {r.passed:8d}  {r.failed:6d}  {r.seconds:7.2f}{mark}")
        status = "interrupted" if report.interrupted else ("all passed" if report.ok else f"{report.failed} FAILED")
        print(
            f"{'total':{width}s}  {report.cases:8d}  {report.cases - report.failed:8d}  {report.failed:6d}  "
            f"wall {report.wall_seconds:.1f} s: {status}"
        )
        for r in report.identities:
            for case, lhs, rhs in r.failures:
                print(f"FAILED {r.name}: {case}\n  lhs = {lhs}\n  rhs = {rhs}")
    if report.interrupted:
        return 130
    return 0 if report.ok else 1


_Q_HELP = (
    "the context: classical (q = 1), -1 (q = -1, A = i: loop value n + 1), generic (rational in q), "
    "A (Kauffman's A, q = A^2), root:r (q = e^{i pi/r}), root:r:k, or a complex number such as 0.9+0.1j"
)


def _add_value_format_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--normalisation",
        choices=("kl", "unitary"),
        default="kl",
        help="kl: Kauffman-Lins vertices, no square roots (default); unitary: each trivalent vertex divided by "
        "sqrt|theta(a, b, c)| (Racah-Wigner)",
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--latex", action="store_true", help="print LaTeX")
    fmt.add_argument("--digits", type=int, default=None, metavar="N", help="print N significant digits")
    fmt.add_argument("--json", action="store_true", help="print JSON with the exact value and the network's size")


def _add_spin_network_parsers(sub: Any) -> None:
    network = sub.add_parser(
        "spin-network",
        help="spin networks stored as JSON files (the tqft-spin-network format)",
        description="Spin networks stored as JSON files in the tqft-spin-network format (tqft.spin_network.io).",
    )
    actions = network.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    evaluate = actions.add_parser(
        "evaluate",
        help="evaluate a closed spin network exactly",
        description="Evaluate a closed spin network exactly (Kauffman-Lins recoupling sweep).",
    )
    evaluate.add_argument("file", metavar="FILE", help="a JSON file in the tqft-spin-network format ('-': stdin)")
    evaluate.add_argument("--q", default=None, metavar="Q", help=_Q_HELP + " (default: classical, exact)")
    _add_value_format_options(evaluate)

    honeycomb = sub.add_parser(
        "honeycomb",
        help="evaluate the hexagonal spin network of an N x N image (arXiv:2310.03632)",
        description="Evaluate the hexagonal spin network that encodes an N x N image (Lulli, Marciano, Zappala, "
        "arXiv:2310.03632): one hexagonal cell per pixel, a loop of the pixel's colour around each cell.",
    )
    honeycomb.add_argument("n", metavar="N", help="the image size (the image is N x N)")
    honeycomb.add_argument(
        "--pixels", required=True, metavar="P", help="the N^2 pixel colours, comma-separated, row by row: 1,2,3,4"
    )
    honeycomb.add_argument(
        "--q",
        default="-1",
        metavar="Q",
        help=_Q_HELP + " (default: -1, the convention of arXiv:2310.03632, where a loop of colour n is n + 1)",
    )
    _add_value_format_options(honeycomb)
    honeycomb.add_argument(
        "--draw", default=None, metavar="FILE", help="also save a drawing, e.g. out.png (needs matplotlib)"
    )
    honeycomb.add_argument(
        "--order-info", action="store_true", help="also print the planned sweep: pieces and summed frontier dimension"
    )


def _value_output(command: str, args: argparse.Namespace, ctx: Any, value: Any, info: dict[str, Any]) -> None:
    """Print a spin-network value like the symbol commands print theirs (exact by default;
    ``--latex``, ``--digits N``, ``--json`` with ``exact``, ``latex`` and a 30-digit ``value``)."""
    from fractions import Fraction

    import mpmath

    from .exact.context import ClassicalContext
    from .exact.qcontexts import GenericQContext, NumericQContext, RootOfUnityContext

    if args.digits is not None and not 1 <= args.digits <= MAX_DIGITS:
        raise _UsageError(f"tqft {command}: --digits = {args.digits} must be between 1 and {MAX_DIGITS}")
    if isinstance(ctx, ClassicalContext):
        exact = value if isinstance(value, SqrtRational) else SqrtRational(Fraction(value))
        if args.json:
            payload = {
                **info,
                "exact": str(exact),
                "latex": exact.latex(),
                "numerator": str(exact.numerator),
                "denominator": str(exact.denominator),
                "radicand": str(exact.radicand),
                "value": exact.decimal(30),
            }
            print(json.dumps(payload, indent=2))
        elif args.latex:
            print(exact.latex())
        elif args.digits is not None:
            print(exact.decimal(args.digits))
        else:
            print(exact)
        return
    generic = isinstance(ctx, GenericQContext)
    numeric = isinstance(ctx, NumericQContext)

    def digits(n: int) -> str:
        if generic:
            raise _UsageError(
                f"tqft {command}: --digits needs a number: with --q {args.q} the value is a function of q; "
                "use --q root:r or a complex q"
            )
        number = ctx.to_mpmath(value, int(n * 3.33) + 16)
        if number.imag == 0:
            number = number.real
        return str(mpmath.nstr(number, n))

    if args.json:
        payload = {**info, "exact": None if numeric else str(value), "latex": None if numeric else value.latex()}
        if not generic:
            payload["value"] = digits(30)
        print(json.dumps(payload, indent=2))
    elif args.latex:
        if numeric:
            raise _UsageError(f"tqft {command}: --latex needs an exact q (classical, -1, generic, A or root:r)")
        print(value.latex())
    elif args.digits is not None or numeric:
        print(digits(args.digits if args.digits is not None else 15))
    elif isinstance(ctx, RootOfUnityContext):
        k = ctx.field.embedding  # zeta_4r -> exp(2 pi i k / 4r) = q^(1/2)
        angle = "i pi" if k == 1 else f"{k} i pi"
        print(f"{value}    (z{4 * ctx.r} = exp({angle}/{2 * ctx.r}) = q^(1/2); value {digits(15)})")
    else:
        print(value)


def _spin_network_command(args: argparse.Namespace) -> int:
    from .exact.qcontexts import parse_context
    from .spin_network.evaluate import evaluate
    from .spin_network.io import from_json, load

    command = "spin-network evaluate"
    ctx = parse_context(args.q)
    try:
        net = from_json(sys.stdin.read()) if args.file == "-" else load(args.file)
    except OSError as exc:
        raise _UsageError(f"tqft {command}: cannot read FILE = {args.file!r}: {exc.strerror or exc}") from None
    value = evaluate(net, ctx, normalisation=args.normalisation)
    info = {
        "file": args.file,
        "q": ctx.name,
        "normalisation": args.normalisation,
        "vertices": len(net.vertices),
        "edges": len(net.edges),
    }
    _value_output(command, args, ctx, value, info)
    return 0


def _honeycomb_command(args: argparse.Namespace) -> int:
    from .exact.qcontexts import parse_context
    from .spin_network.evaluate import evaluate
    from .spin_network.honeycomb import honeycomb, parse_pixels
    from .spin_network.plan import order_cost, plan, resolve

    try:
        n = int(args.n)
    except ValueError:
        n = 0
    if n < 1:
        raise _UsageError(f"tqft honeycomb: N = {args.n!r} must be a positive integer (the image is N x N)")
    pixels = parse_pixels(args.pixels, n)
    ctx = parse_context(args.q)
    net = honeycomb(pixels)
    if args.draw is not None:
        from .spin_network.draw import save

        try:
            save(net, args.draw, labels=n <= 12)
        except (OSError, ValueError) as exc:
            raise _UsageError(f"tqft honeycomb: cannot write --draw {args.draw!r}: {exc}") from None
    info: dict[str, Any] = {
        "n": n,
        "pixels": pixels,
        "q": ctx.name,
        "normalisation": args.normalisation,
        "vertices": len(net.vertices),
        "edges": len(net.edges),
    }
    if args.order_info:
        res = resolve(net)
        order = plan(net, res)
        info["plan"] = {"pieces": len(order), "cost": order_cost(res, order)}
        if not args.json:
            print(
                f"plan: {len(order)} pieces, cost {info['plan']['cost']} "
                "(summed dimensions of the frontier's intertwiner spaces)"
            )
    if args.draw is not None:
        info["drawing"] = args.draw
    value = evaluate(net, ctx, normalisation=args.normalisation)
    _value_output("honeycomb", args, ctx, value, info)
    return 0


_VALUE_OPTIONS = {"--digits", "--q"}


def _normalise(argv: list[str]) -> list[str]:
    """Let projections like ``-1/2`` be positional arguments of the symbol commands.

    argparse treats ``-1/2`` as an unknown option.  For a symbol command, every token
    that does not start with ``--`` (and is not the value of ``--digits``) is positional,
    so the tokens are regrouped as ``COMMAND [options] -- positionals``.
    """
    if not argv or argv[0] not in _symbols() or "--" in argv:
        return argv
    options: list[str] = []
    positionals: list[str] = []
    rest = iter(argv[1:])
    for token in rest:
        if token.startswith("--"):
            options.append(token)
            if token in _VALUE_OPTIONS:
                options.append(next(rest, ""))
        elif token in ("-h",):
            options.append(token)
        else:
            positionals.append(token)
    return [argv[0], *options, "--", *positionals]


#: modules that add sub-commands: each has ``COMMANDS``, ``add_parser(sub)`` and ``run(args)``
_PIECE_MODULES = (
    "tqft.learning.cli",
    "tqft.tqft_models.cli_state_sums",
    "tqft.tqft_models.cli_cobordism",
    "tqft.topology.cli_triangulation",
    "tqft.tqft_models.cli_rt",
    "tqft.semiclassical.cli",
    "tqft.learning.tqnn.cli",
    "tqft.dictionary.cli",
    "tqft.symbolic.cli",
)


def _pieces() -> list[Any]:
    import importlib

    return [importlib.import_module(name) for name in _PIECE_MODULES]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``tqft`` command; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(_normalise(list(sys.argv[1:] if argv is None else argv)))
        if args.command is None:
            parser.print_help()
            return 2
        if args.command == "verify":
            return _verify_command(args)
        if args.command == "modular":
            return _modular_command(args)
        if args.command == "jones":
            return _jones_command(args)
        if args.command == "spin-network":
            return _spin_network_command(args)
        if args.command == "honeycomb":
            return _honeycomb_command(args)
        for piece in _pieces():
            if args.command in piece.COMMANDS:
                return int(piece.run(args))
        return _symbol_command(args)
    except _UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except TQFTError as exc:
        print(f"tqft: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("tqft: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (``tqft lookup x | head``): stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
