"""Command-line front end of :mod:`tqft.learning` (the ``tqft entanglement*`` commands).

::

    tqft entanglement --inputs 16 --channels 4,4,2,2 --partition interleaved [--exact-rank] [--json]
    tqft entanglement --image 8x8 --window 2x2 --channels 4,4,4 --partition checkerboard --certificate
    tqft entanglement-design --inputs 64 --reps 4 --budget 300 --partition interleaved --partition left-right
    tqft entanglement-study [--groups 16:6000,64:2000,256:600,1024:200] [--jobs N] [--json PATH]
    tqft entanglement-experiment [--restarts 6] [--steps 3000] [--jobs N] [--json PATH]

:func:`add_parser` adds the four sub-commands to an ``argparse`` sub-parser collection and
:func:`run` executes a parsed command, returning the exit status (0 on success; bad input
raises a :class:`~tqft.errors.TQFTError`, which ``tqft`` reports on one line with status
2; an interrupted study or experiment returns 130).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from ..errors import InvalidArgumentError

__all__ = ["COMMANDS", "add_parser", "run"]

#: the sub-commands this module adds
COMMANDS = ("entanglement", "entanglement-design", "entanglement-study", "entanglement-experiment")


def _ints(text: str, name: str) -> tuple[int, ...]:
    try:
        values = tuple(int(x) for x in text.replace(" ", "").split(",") if x)
    except ValueError:
        raise InvalidArgumentError(f"{name} = {text!r} must be comma-separated integers, e.g. 4,4,2,2") from None
    if not values:
        raise InvalidArgumentError(f"{name} = {text!r} is empty")
    return values


def _network_args(p: argparse.ArgumentParser, partition_help: str, many: bool = False) -> None:
    size = p.add_mutually_exclusive_group(required=True)
    size.add_argument("--inputs", type=int, metavar="N", help="number of inputs of a 1D network")
    size.add_argument("--image", metavar="HxW", help="an image network, e.g. 8x8 (pixels numbered row-major)")
    if many:
        p.add_argument("--partition", action="append", required=True, metavar="P", help=partition_help)
    else:
        p.add_argument("--partition", required=True, metavar="P", help=partition_help)
    p.add_argument("--reps", type=int, default=2, metavar="M", help="representation functions M (default 2)")
    p.add_argument(
        "--window",
        default="2",
        metavar="W",
        help="pooling window: 2 (default), 3, a list such as 2,2,4, or 2x2 (square pooling, images)",
    )
    p.add_argument(
        "--ordering",
        default="zorder",
        choices=("zorder", "rowmajor", "columnmajor", "mirror"),
        help="pooling geometry of an image network (default zorder)",
    )


PARTITION_HELP = (
    "left-right, interleaved, segments:XI, random:SEED, an A/B string such as AABB..., or for images "
    "checkerboard, top-bottom, left-right-2d, blocks:BHxBW"
)


def add_parser(subparsers: Any) -> None:
    """Add ``entanglement``, ``entanglement-design``, ``entanglement-study`` and
    ``entanglement-experiment`` to ``subparsers`` (from ``parser.add_subparsers()``)."""
    ent = subparsers.add_parser(
        "entanglement",
        help="min-cut bounds (Claims 1, 7, Theorem 2 of Levine et al.) and exact Schmidt rank of a ConvAC",
        description="Entanglement of a convolutional arithmetic circuit across a partition of its inputs: "
        "min-cut upper bounds with certificates, Theorem 2's lower bound, and optionally the exact rank.",
    )
    _network_args(ent, PARTITION_HELP)
    ent.add_argument("--channels", required=True, metavar="R", help="channel numbers r_0,..,r_{L-1}, e.g. 4,4,2,2")
    ent.add_argument("--exact-rank", action="store_true", help="compute the exact Schmidt rank (mod 2^31-1)")
    ent.add_argument("--samples", type=int, default=None, metavar="K", help="product vectors per side (default: bound)")
    ent.add_argument("--trials", type=int, default=1, metavar="T", help="independent primes for the rank (1-3)")
    ent.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the random weights (default 0)")
    ent.add_argument("--dense", action="store_true", help="also the dense rank over Q (small N only)")
    ent.add_argument("--entropy", action="store_true", help="entanglement entropy in bits (small N only)")
    ent.add_argument("--certificate", action="store_true", help="check the cut and a networkx max-flow dual")
    ent.add_argument("--show-cut", action="store_true", help="list the cut edges")
    ent.add_argument("--json", action="store_true", help="print JSON")

    des = subparsers.add_parser(
        "entanglement-design",
        help="channel allocation maximising min-cuts of chosen partitions under a parameter budget",
        description="Search channel numbers (from --values) within --budget weights that maximise the product of "
        "the min-cut bounds of the given partitions (weighted by --importance).",
    )
    _network_args(des, PARTITION_HELP + " (repeatable)", many=True)
    des.add_argument("--budget", type=int, required=True, metavar="B", help="maximum number of weights")
    des.add_argument("--values", default="1,2,3,4,6,8,12,16", metavar="V", help="allowed channel numbers")
    des.add_argument("--importance", default=None, metavar="W", help="integer weight per partition, e.g. 1,3")
    des.add_argument("--unshared", action="store_true", help="count unshared (locally connected) weights")
    des.add_argument("--classes", type=int, default=1, metavar="Y", help="output classes counted (default 1)")
    des.add_argument("--top", type=int, default=5, metavar="K", help="allocations to list (default 5)")
    des.add_argument("--json", action="store_true", help="print JSON")

    stu = subparsers.add_parser(
        "entanglement-study",
        help="Appendix-D-style study: how often the exact rank falls below the min-cut",
        description="Exact ranks against min-cut bounds on random ConvAC configurations (Appendix D of Levine et "
        "al. at N = 16, and larger N).",
    )
    stu.add_argument(
        "--groups", default=None, metavar="G", help="N:cases pairs, default 16:6000,64:2000,256:600,1024:200"
    )
    stu.add_argument("--max-bound", type=int, default=512, metavar="B", help="redraw cases with a larger min-cut")
    stu.add_argument("--seed", type=int, default=0, metavar="S", help="seed (default 0)")
    stu.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: all cores)")
    stu.add_argument("--no-float", action="store_true", help="skip the float-SVD comparison at N = 16")
    stu.add_argument("--json", default=None, metavar="PATH", help="write all cases and summaries as JSON ('-': stdout)")
    stu.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    exp = subparsers.add_parser(
        "entanglement-experiment",
        help="inductive-bias experiment: wide-base vs wide-tip ConvACs on local and global tasks",
        description="Train log-space ConvACs with equal parameter counts (wide base 8,6,3,2 vs wide tip 2,2,8,8) on "
        "a task needing short-range correlations and one needing long-range correlations.",
    )
    exp.add_argument("--steps", type=int, default=3000, metavar="S", help="Adam steps per run (default 3000)")
    exp.add_argument("--restarts", type=int, default=6, metavar="R", help="seeded restarts per cell (default 6)")
    exp.add_argument("--train-samples", type=int, default=20_000, metavar="N", help="training set size")
    exp.add_argument("--seed", type=int, default=0, metavar="S", help="data seed (default 0)")
    exp.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: all cores)")
    exp.add_argument("--json", default=None, metavar="PATH", help="write the results as JSON ('-': stdout)")
    exp.add_argument("--no-progress", action="store_true", help="hide the progress bar")


def _model(args: argparse.Namespace, channels: tuple[int, ...] | None) -> Any:
    from .convac import convac, image_convac

    ch = channels if channels is not None else (1,)
    window: Any = args.window
    if window != "2x2":
        win = _ints(window, "--window")
        window = win[0] if len(win) == 1 else win
    if args.image is not None:
        h, _, w = args.image.lower().partition("x")
        try:
            height, width = int(h), int(w)
        except ValueError:
            raise InvalidArgumentError(f"--image = {args.image!r} must look like 8x8") from None
        if channels is None:
            n = height * width
            ch = (1,) * _layers_for(n, window)
        return image_convac(height, width, ch, args.reps, window, args.ordering)
    if args.inputs is None or args.inputs < 2:
        raise InvalidArgumentError(f"--inputs = {args.inputs} must be at least 2")
    if channels is None:
        ch = (1,) * _layers_for(args.inputs, window)
    return convac(args.inputs, ch, args.reps, window)


def _layers_for(n: int, window: Any) -> int:
    if window == "2x2":
        window = 4
    if isinstance(window, tuple):
        return len(window)
    layers = round(math.log(n, window))
    if window**layers != n:
        raise InvalidArgumentError(f"inputs = {n} is not a power of the window {window}")
    return layers


def _edge(e: Any) -> str:
    return "-".join("(" + ",".join(str(x) for x in node) + ")" for node in e)


def _entanglement(args: argparse.Namespace) -> int:
    from .convac import random_weights
    from .mincut import check_certificate, min_cut, theorem2_bound
    from .partitions import parse_partition
    from .schmidt import dense_rank, entanglement_entropy, schmidt_rank

    net = _model(args, _ints(args.channels, "--channels"))
    part = parse_partition(args.partition, net.inputs, net.shape)
    text = not args.json
    plain = min_cut(net, part, weights="plain")
    delta = min_cut(net, part, weights="delta", certify=args.certificate and net.inputs <= 4096)
    lower = theorem2_bound(net, part)
    out: dict[str, Any] = {
        "network": {
            "inputs": net.inputs,
            "reps": net.reps,
            "channels": list(net.channels),
            "windows": list(net.windows),
            "geometry": net.geometry,
            "parameters_unshared": net.parameter_count(),
            "parameters_shared": net.parameter_count(shared=True),
        },
        "partition": {"name": part.name, "size_a": len(part.a), "a": sorted(part.a)},
        "claim1_plain_mincut": plain.value,
        "claim7_delta_mincut": delta.value,
        "theorem2_lower_bound": lower.value,
        "theorem2_base": lower.base,
        "cut_edges": [_edge(e) for e in delta.edges],
    }
    if text:  # print as results arrive, so a later cost-limit error keeps the bounds on screen
        a_text = part.to_string() if net.inputs <= 64 else f"|A| = {len(part.a)} of {net.inputs}"
        print(
            f"ConvAC: N = {net.inputs}, M = {net.reps}, channels {net.channels}, windows {net.windows}, "
            f"geometry {net.geometry}"
        )
        print(f"partition {part.name or 'given'}: {a_text}")
        print(f"Claim 1 min-cut (plain product):      {_num(plain.value)}")
        print(f"Claim 7 min-cut (delta-once):         {_num(delta.value)}   ({len(delta.edges)} cut edges)")
        print(f"Theorem 2 lower bound (generic):      {_num(lower.value)}   (p = {lower.base})", flush=True)
        if args.show_cut:
            for e in delta.edges:
                print(f"  cut {_edge(e)}")
    if args.certificate:
        report = check_certificate(net, part, delta)
        out["certificate"] = {"ok": report.ok, "minimal": report.minimal, "problems": list(report.problems)}
        if text:
            status = "valid" if report.ok else "INVALID: " + "; ".join(report.problems)
            minimal = {True: "minimal (dual flow checked)", False: "flow check failed", None: "no dual flow (N > 4096)"}
            print(f"certificate: {status}; {minimal[report.minimal]}", flush=True)
    if args.exact_rank:
        res = schmidt_rank(net, part, seed=args.seed, samples=args.samples, trials=args.trials)
        out["rank"] = {
            "value": res.rank,
            "certified_equal_to_bound": res.certified,
            "primes": list(res.primes),
            "samples": res.samples,
            "error_bound": str(res.error_bound),
            "saturated": res.saturated,
            "seconds": round(res.seconds, 3),
        }
        if text:
            if res.certified:
                tag = "= bound (certified)"
            elif res.saturated:
                tag = f"(all {res.samples} samples independent: rank >= {res.samples}, below the bound's reach)"
            else:
                tag = f"< bound (probability of an undercount <= {float(res.error_bound):.1e})"
            print(f"exact Schmidt rank mod {res.primes[0]}: {_num(res.rank)} {tag}  [{res.seconds:.3f} s]", flush=True)
    if args.dense:
        weights = random_weights(net, seed=args.seed, low=-1000, high=1000)
        out["dense_rank_over_Q"] = dense_rank(net, part, weights)
        if text:
            print(f"dense rank over Q (weights in [-1000, 1000]): {out['dense_rank_over_Q']}")
    if args.entropy:
        out["entropy_bits"] = entanglement_entropy(net, part, seed=args.seed)
        if text:
            print(f"entanglement entropy (Gaussian weights): {out['entropy_bits']:.6f} bits")
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


def _num(v: int) -> str:
    return str(v) if v < 10**15 else f"2^{math.log2(v):.3f} ({v.bit_length()} bits)"


def _design(args: argparse.Namespace) -> int:
    from .design import design_channels
    from .partitions import parse_partition

    net = _model(args, None)
    parts = {p: parse_partition(p, net.inputs, net.shape) for p in dict.fromkeys(args.partition)}
    importance = None if args.importance is None else list(_ints(args.importance, "--importance"))
    res = design_channels(
        net.inputs,
        parts,
        args.budget,
        values=_ints(args.values, "--values"),
        importance=importance,
        reps=net.reps,
        window=net.windows,
        order=net.order,
        shared=not args.unshared,
        classes=args.classes,
        top=args.top,
    )
    if args.json:
        print(
            json.dumps(
                {
                    "partitions": list(res.partitions),
                    "budget": res.budget,
                    "evaluated": res.evaluated,
                    "top": [
                        {"channels": list(a.channels), "parameters": a.parameters, "bounds": [str(b) for b in a.bounds]}
                        for a in res.top
                    ],
                },
                indent=2,
            )
        )
        return 0
    print(f"{res.evaluated} maximal allocations within {res.budget} weights; partitions: {', '.join(res.partitions)}")
    print(f"{'channels':24s} {'params':>6s}  min-cuts")
    for a in res.top:
        print(f"{','.join(map(str, a.channels)):24s} {a.parameters:6d}  {', '.join(_num(b) for b in a.bounds)}")
    return 0


def _write_json(path: str | None, payload: Any) -> None:
    if path is None:
        return
    if path == "-":
        json.dump(payload, sys.stdout, indent=1)
        print()
    else:
        with open(path, "w") as fh:
            json.dump(payload, fh, indent=1)


def _study(args: argparse.Namespace) -> int:
    from .study import DEFAULT_GROUPS, run_study

    groups = DEFAULT_GROUPS
    if args.groups:
        try:
            groups = tuple((int(a), int(b)) for a, b in (g.split(":") for g in args.groups.split(",")))
        except ValueError:
            raise InvalidArgumentError(f"--groups = {args.groups!r} must look like 16:3000,64:600") from None
    if args.jobs is not None and args.jobs < 1:
        raise InvalidArgumentError(f"--jobs = {args.jobs} must be at least 1")
    res = run_study(
        groups,
        seed=args.seed,
        max_bound=args.max_bound,
        float_rank=not args.no_float,
        jobs=args.jobs,
        progress=not args.no_progress and sys.stderr.isatty(),
    )
    out = sys.stderr if args.json == "-" else sys.stdout
    print(res.table(), file=out)
    for s in res.summaries():
        for ex in s["examples_below"][:3]:
            print(f"  N={s['n']} below bound: {ex}", file=out)
    print(f"{len(res.cases)} cases in {res.seconds:.1f} s{' (interrupted)' if res.interrupted else ''}", file=out)
    _write_json(
        args.json,
        {
            "settings": res.settings,
            "seconds": res.seconds,
            "interrupted": res.interrupted,
            "summaries": res.summaries(),
            "cases": res.cases,
        },
    )
    return 130 if res.interrupted else 0


def _experiment(args: argparse.Namespace) -> int:
    from .experiment import run_experiment

    if args.jobs is not None and args.jobs < 1:
        raise InvalidArgumentError(f"--jobs = {args.jobs} must be at least 1")
    res = run_experiment(
        steps=args.steps,
        restarts=args.restarts,
        train_samples=args.train_samples,
        seed=args.seed,
        jobs=args.jobs,
        progress=not args.no_progress and sys.stderr.isatty(),
    )
    out = sys.stderr if args.json == "-" else sys.stdout
    print(res.table(), file=out)
    print(f"predicted ordering (wide base wins local, wide tip wins global): {res.prediction_holds()}", file=out)
    _write_json(
        args.json, {"settings": res.settings, "rows": list(res.rows), "prediction_holds": res.prediction_holds()}
    )
    return 0


def run(args: argparse.Namespace) -> int:
    """Execute one of :data:`COMMANDS` (``args.command``); returns the exit status."""
    handlers = {
        "entanglement": _entanglement,
        "entanglement-design": _design,
        "entanglement-study": _study,
        "entanglement-experiment": _experiment,
    }
    try:
        handler = handlers[args.command]
    except (KeyError, AttributeError):
        raise InvalidArgumentError(f"command = {getattr(args, 'command', None)!r} is not one of {COMMANDS}") from None
    return handler(args)
