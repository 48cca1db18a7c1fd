"""Command-line front end of :mod:`tqft.topology.triangulation` (``tqft triangulation``).

::

    tqft triangulation SPEC [--moves N] [--seed S] [--json]

``SPEC`` is a Regina isomorphism signature (``fvPQcdecedekrsnrs``), a census name (``s3``,
``s2xs1``, ``rp3``, ``poincare``, ``weeks``, ``figure8``, ...) or a lens space
(``lens:5,2`` or ``L(5,2)``); see :func:`tqft.topology.census.lookup`.  A signature that
starts with ``-`` (63 or more tetrahedra) goes after ``--``.  The command prints the size,
f-vector, validity, closedness, orientability, vertex links, ``H_1`` and the canonical
signature; with ``--moves N`` it also applies ``N`` random Pachner moves (seeded by
``--seed``) and prints the new triangulation's size, ``H_1`` and signature.

:func:`add_parser` adds the sub-command to an ``argparse`` sub-parser collection and
:func:`run` executes it, returning the exit status (0; bad input raises a
:class:`~tqft.errors.TQFTError`, which ``tqft`` reports on one line with status 2).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..errors import InvalidArgumentError

__all__ = ["COMMANDS", "add_parser", "run"]

#: the sub-commands this module adds
COMMANDS = ("triangulation",)


def add_parser(subparsers: Any) -> None:
    """Add ``triangulation`` to ``subparsers`` (from ``parser.add_subparsers()``)."""
    p = subparsers.add_parser(
        "triangulation",
        help="a 3-manifold triangulation: f-vector, validity, H_1, isosig, random Pachner moves",
        description="Describe a triangulated 3-manifold given by a Regina isomorphism signature, a census name "
        "(s3, s2xs1, rp3, poincare, weeks, figure8, ...) or a lens space (lens:p,q or L(p,q)).",
    )
    p.add_argument("spec", metavar="SPEC", help="isosig, census name or lens:p,q (put -- before a sig starting '-')")
    p.add_argument("--moves", type=int, default=0, metavar="N", help="apply N random Pachner moves (default 0)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the random moves (default 0)")
    p.add_argument("--json", action="store_true", help="print JSON")


def _describe(tri: Any) -> dict[str, Any]:
    valid = tri.is_valid()
    links: dict[str, int] = {}
    for v in range(tri.count_vertices()):
        name = tri.vertex_link(v).name
        links[name] = links.get(name, 0) + 1
    return {
        "tetrahedra": tri.size,
        "f_vector": list(tri.f_vector()),
        "valid": valid,
        "invalid_reason": tri.invalid_reason(),
        "closed": tri.is_closed(),
        "orientable": tri.is_orientable(),
        "connected": tri.is_connected(),
        "boundary_components": len(tri.boundary_components()),
        "vertex_links": links,
        "H1": str(tri.homology()) if valid else None,
        "isosig": tri.isosig(),
    }


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def run(args: argparse.Namespace) -> int:
    """Execute ``tqft triangulation`` (``args.command`` must be in :data:`COMMANDS`)."""
    from .census import lookup

    if getattr(args, "command", None) not in COMMANDS:
        raise InvalidArgumentError(f"command = {getattr(args, 'command', None)!r} is not one of {COMMANDS}")
    if args.moves < 0:
        raise InvalidArgumentError(f"--moves = {args.moves} must be non-negative")
    tri = lookup(args.spec)
    out: dict[str, Any] = {"spec": args.spec, **_describe(tri)}
    moved = None
    if args.moves:
        moved = tri.random_moves(args.moves, seed=args.seed)
        out["after_moves"] = {"moves": args.moves, "seed": args.seed, **_describe(moved)}
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"triangulation {args.spec}: {tri.size} tetrahedra, f-vector {tri.f_vector()}")
    print(
        f"valid: {_yes(out['valid'])}  closed: {_yes(out['closed'])}  orientable: {_yes(out['orientable'])}  "
        f"connected: {_yes(out['connected'])}  boundary components: {out['boundary_components']}"
    )
    if out["invalid_reason"]:
        print(f"invalid: {out['invalid_reason']}")
    print("vertex links: " + (", ".join(f"{n} {name}" for name, n in out["vertex_links"].items()) or "none"))
    print(f"H_1: {out['H1'] if out['H1'] is not None else 'undefined (invalid triangulation)'}")
    print(f"isosig: {out['isosig']}")
    if moved is not None:
        after = out["after_moves"]
        print(
            f"after {args.moves} random Pachner moves (seed {args.seed}): {moved.size} tetrahedra, "
            f"f-vector {moved.f_vector()}, H_1: {after['H1']}, isosig: {after['isosig']}"
        )
    return 0
