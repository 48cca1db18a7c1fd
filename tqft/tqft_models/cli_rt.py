"""Command-line front end of the Reshetikhin-Turaev invariants (``tqft rt``).

::

    tqft rt lens P Q --k K [--method heegaard|surgery|closed-form]
    tqft rt s3 --k K
    tqft rt s2xs1 --k K
    tqft rt surface-bundle --genus G --k K                (Sigma_g x S^1)
    tqft rt plumbing -2 -2 -2 -2 -2 -2 -2 -2 --edges 0-1,1-2,2-3,3-4,4-5,5-6,2-7 --k K
                                                          (surgery on a plumbing forest;
                                                           default edges: a chain)

Every form takes ``--abs2`` (print ``|Z|^2`` instead of ``Z``) and one of ``--digits N``
(decimals from the exact value through mpmath), ``--latex`` or ``--json``.  Values are
exact elements of ``Q(zeta_{8(k+2)})``, printed as polynomials in ``z{8(k+2)}`` =
``exp(2 pi i / (8(k+2)))``; normalisation ``Z(S^3) = 1/D``, ``Z(S^2 x S^1) = 1``
(:mod:`tqft.tqft_models.reshetikhin_turaev`).

:func:`add_parser` adds the command to an ``argparse`` sub-parser collection and
:func:`run` executes a parsed command, returning 0; bad input raises a
:class:`~tqft.errors.TQFTError`.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InvalidArgumentError
from .cli_state_sums import emit_exact

__all__ = ["COMMANDS", "add_parser", "run"]

#: the sub-commands this module adds
COMMANDS = ("rt",)
#: largest number of digits printed with ``--digits``
MAX_DIGITS = 10_000


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--k", type=int, required=True, metavar="K", help="the level k >= 1 (r = k + 2)")
    p.add_argument("--abs2", action="store_true", help="print |Z|^2 (the Turaev-Viro invariant) instead of Z")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--digits", type=int, default=None, metavar="N", help="print N significant digits")
    fmt.add_argument("--latex", action="store_true", help="print LaTeX")
    fmt.add_argument("--json", action="store_true", help="print JSON (exact, LaTeX and a 30-digit value)")


def add_parser(subparsers: Any) -> None:
    """Add ``rt`` (with ``lens``, ``s3``, ``s2xs1``, ``surface-bundle``, ``plumbing``) to ``subparsers``."""
    rt = subparsers.add_parser(
        "rt",
        help="SU(2)_k Reshetikhin-Turaev invariants (lens spaces, S^3, S^2 x S^1, Sigma_g x S^1, plumbings)",
        description="Reshetikhin-Turaev invariants of SU(2)_k, exact in Q(zeta_8(k+2)) with q = exp(i pi/(k+2)); "
        "Z(S^3) = 1/D, Z(S^2 x S^1) = 1; L(p, q) is -p/q surgery on the unknot, canonically framed.",
    )
    kinds = rt.add_subparsers(dest="manifold", metavar="MANIFOLD", required=True)
    lens = kinds.add_parser("lens", help="the lens space L(p, q)", description="Z(L(p, q)), gcd(p, q) = 1, p >= 0")
    lens.add_argument("p", type=int, help="p >= 0 (L(0, 1) = S^2 x S^1, L(1, 0) = S^3)")
    lens.add_argument("q", type=int, help="q coprime to p (taken mod p)")
    lens.add_argument(
        "--method",
        choices=("heegaard", "surgery", "closed-form"),
        default="heegaard",
        help="SL(2,Z) gluing matrix (default), surgery on a chain of unknots, or Jeffrey's Gauss sum",
    )
    _common(lens)
    _common(kinds.add_parser("s3", help="the 3-sphere: S_00 = 1/D"))
    _common(kinds.add_parser("s2xs1", help="S^2 x S^1: 1"))
    bundle = kinds.add_parser("surface-bundle", help="Sigma_g x S^1: the Verlinde dimension")
    bundle.add_argument("--genus", type=int, required=True, metavar="G", help="genus g >= 0")
    _common(bundle)
    plumb = kinds.add_parser(
        "plumbing",
        help="surgery on a plumbing forest of framed unknots (chains: lens spaces; stars: Seifert spaces)",
        description="Surgery on unknots with the given framings, clasped along the edges (a forest).",
    )
    plumb.add_argument("framings", type=int, nargs="+", metavar="FRAMING", help="integer framings, e.g. -2 -3")
    plumb.add_argument(
        "--edges", default=None, metavar="I-J,...", help="clasps as vertex pairs, e.g. 0-1,1-2 (default: a chain)"
    )
    _common(plumb)


def _edges(text: str | None, n: int) -> list[tuple[int, int]]:
    if text is None:
        return [(i, i + 1) for i in range(n - 1)]
    out = []
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        try:
            i, j = (int(x) for x in part.split("-"))
        except ValueError:
            raise InvalidArgumentError(f"--edges = {text!r} must be pairs like 0-1,1-2 (vertex indices)") from None
        out.append((i, j))
    return out


def _evaluate(args: argparse.Namespace) -> tuple[str, Any]:
    from . import reshetikhin_turaev as rt

    if args.manifold == "lens":
        return f"L({args.p}, {args.q})", rt.z_lens(args.p, args.q, args.k, method=args.method)
    if args.manifold == "s3":
        return "S^3", rt.z_s3(args.k)
    if args.manifold == "s2xs1":
        return "S^2 x S^1", rt.z_s2xs1(args.k)
    if args.manifold == "surface-bundle":
        return f"Sigma_{args.genus} x S^1", rt.z_surface_times_circle(args.genus, args.k)
    edges = _edges(args.edges, len(args.framings))
    return f"plumbing {list(args.framings)} along {edges}", rt.z_plumbing(args.framings, edges, args.k)


def run(args: argparse.Namespace) -> int:
    """Execute a parsed ``rt`` command: print the invariant; return 0."""
    from . import reshetikhin_turaev as rt

    if args.digits is not None and not 1 <= args.digits <= MAX_DIGITS:
        raise InvalidArgumentError(f"--digits = {args.digits} must be between 1 and {MAX_DIGITS}")
    name, z = _evaluate(args)
    value = rt.abs_squared(z) if args.abs2 else z
    n = value.field.n
    payload = {
        "manifold": name,
        "k": args.k,
        "r": args.k + 2,
        "quantity": "|Z|^2" if args.abs2 else "Z",
        "normalisation": "Z(S^3) = 1/D, Z(S^2 x S^1) = 1",
        "field": {"conductor": n, "embedding": f"z{n} = exp(2 pi i/{n})", "q": f"z{n}^4 = exp(i pi/{args.k + 2})"},
    }
    if args.json:
        payload["sympy"] = str(value.to_sympy())
    emit_exact(args, value, payload)
    return 0
