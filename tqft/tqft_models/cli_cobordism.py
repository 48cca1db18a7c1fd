"""Command-line front end of 2D cobordisms and Frobenius-algebra TQFTs (``tqft cobordism``).

::

    tqft cobordism "m . (m x 1) . (1 x D) . D"                 normal form (genus 2, 1 -> 1)
    tqft cobordism "m . D" --algebra verlinde:3                 and the matrix Z
    tqft cobordism surface 2 --algebra group:S3                 Z(Sigma_2) = 81
    tqft cobordism surface 1 2 1 --algebra poly:3 --check       genus 1, 2 -> 1; Z two ways
    tqft cobordism "e . h^3 . u" --algebra poly:1,0,-2 --json
    tqft cobordism surface 0 --algebra group:A5 --describe      the algebra and Z(Sigma_g), g <= 4

The cobordism is an expression of :mod:`tqft.topology.cobordism2d` (quote it, or pass its
tokens separately), or ``surface G [IN OUT]`` for the connected genus-``G`` surface.
Algebras (:func:`~tqft.tqft_models.frobenius.algebra_from_spec`): ``group:NAME`` (centre of
``Q[G]``: ``S3``, ``Q8``, ``D4``, ``A4``, ``S4``, ``A5``, ``Z5``, ``Z2xZ2``, ...),
``verlinde:K`` (SU(2)_K fusion ring), ``verlinde:K:idempotent``, ``poly:N`` (``Q[x]/(x^N)``),
``poly:a0,a1,...,an`` (``Q[x]/(a0 + ... + an x^n)``).

The matrix has rows indexed by the output tensor basis and columns by the input tensor
basis, lexicographic with circle 0 the most significant factor; ``.`` marks a zero.
Exit status: 0 on success, 1 when ``--check`` finds the two evaluations different (a bug),
2 for bad input (raised as :class:`~tqft.errors.TQFTError`).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..errors import InvalidArgumentError

__all__ = ["COMMANDS", "add_parser", "run"]

#: the sub-commands this module adds
COMMANDS = ("cobordism",)

#: matrices with more cells than this are printed as a list of nonzero entries
TABLE_CELLS = 400


def add_parser(subparsers: Any) -> None:
    """Add ``cobordism`` to ``subparsers`` (from ``parser.add_subparsers()``)."""
    p = subparsers.add_parser(
        "cobordism",
        help="2D cobordisms: normal form, and Z from a commutative Frobenius algebra",
        description="Normal form of a 2D oriented cobordism written in generators (1 u e m D t h, "
        "'.' for composition, 'x' for disjoint union, ^ for powers) and its image under the 2D TQFT of a "
        "commutative Frobenius algebra.",
    )
    p.add_argument(
        "cobordism",
        nargs="+",
        metavar="EXPR",
        help="an expression such as '(m x 1) . (1 x D)' (quoted or as separate tokens), or 'surface G [IN OUT]'",
    )
    p.add_argument(
        "--algebra",
        metavar="SPEC",
        default=None,
        help="group:NAME, verlinde:K[:idempotent], poly:N or poly:a0,a1,...,an (default: normal form only)",
    )
    p.add_argument("--check", action="store_true", help="also evaluate the word generator by generator and compare")
    p.add_argument("--describe", action="store_true", help="print the algebra's structure and Z(Sigma_g), g <= 4")
    p.add_argument("--max-entries", type=int, default=200, metavar="N", help="nonzero entries listed (default 200)")
    p.add_argument("--json", action="store_true", help="print JSON")


def _expression(tokens: list[str]) -> Any:
    from ..topology.cobordism2d import Atom, parse_expression

    if tokens and tokens[0] == "surface" and len(tokens) in (2, 4):
        try:
            params = tuple(int(t) for t in tokens[1:])
        except ValueError:
            raise InvalidArgumentError(
                f"surface {' '.join(tokens[1:])!r}: expected 'surface G' or 'surface G IN OUT' with integers"
            ) from None
        if any(x < 0 for x in params):
            raise InvalidArgumentError(f"surface {' '.join(tokens[1:])}: genus and circle counts must be >= 0")
        return Atom("surface", params)
    return parse_expression(" ".join(tokens))


def _table(matrix: Any, rows: list[str], cols: list[str]) -> list[str]:
    cells = [
        ["." if matrix[i, j] == matrix.zero else str(matrix[i, j]) for j in range(matrix.cols)]
        for i in range(matrix.rows)
    ]
    width = max([len(c) for r in cells for c in r] + [len(c) for c in cols])
    head = max(len(r) for r in rows)
    lines = [" " * (head + 2) + "".join("  " + c.rjust(width) for c in cols)]
    for label, row in zip(rows, cells):
        lines.append(f"  {label.rjust(head)}" + "".join("  " + c.rjust(width) for c in row))
    return lines


def run(args: argparse.Namespace) -> int:
    """Execute ``cobordism`` (``args.command``); returns the exit status."""
    from ..topology.cobordism2d import Cobordism, parse_cobordism
    from .frobenius import algebra_from_spec

    if getattr(args, "command", None) not in COMMANDS:
        raise InvalidArgumentError(f"command = {getattr(args, 'command', None)!r} is not one of {COMMANDS}")
    if args.max_entries < 0:
        raise InvalidArgumentError(f"--max-entries = {args.max_entries} must be >= 0")
    expr = _expression(list(args.cobordism))
    c: Cobordism = parse_cobordism(expr)
    word = c.to_expression(generators_only=True)
    out: dict[str, Any] = {
        "expression": str(expr),
        "source": c.source,
        "target": c.target,
        "euler_characteristic": c.euler_characteristic,
        "genus": c.genus,
        "components": [{"genus": k.genus, "inputs": list(k.inputs), "outputs": list(k.outputs)} for k in c.components],
        "normal_form": str(c.to_expression()),
        "generator_word": str(word),
    }
    text: list[str] = [
        f"cobordism: {expr}",
        f"normal form: {c.source} -> {c.target}, {len(c.components)} component(s), "
        f"Euler characteristic {c.euler_characteristic}, total genus {c.genus}",
        *(f"  {k}" for k in c.components),
        f"as surfaces: {out['normal_form']}",
        f"in generators: {word}",
    ]
    status = 0
    if args.algebra is not None:
        alg = algebra_from_spec(args.algebra)
        z = alg.Z(c)
        rows, cols = alg.tensor_basis(c.target), alg.tensor_basis(c.source)
        nonzero = sorted(z.nonzero())
        out["algebra"] = {"spec": args.algebra, "name": alg.name, "dimension": alg.dimension, "basis": list(alg.basis)}
        out["rows"], out["columns"] = rows, cols
        text.append(f"algebra: {alg}")
        if args.describe:
            surfaces = {g: alg.closed_surface(g) for g in range(5)}
            out["algebra"]["closed_surfaces"] = {str(g): str(v) for g, v in surfaces.items()}
            text += ["  " + line for line in alg.describe().splitlines()]
            text.append("  Z(Sigma_g), g = 0..4: " + ", ".join(str(v) for v in surfaces.values()))
        if c.source == c.target == 0:
            value = z[0, 0]
            out["value"] = str(value)
            text.append(f"Z = {value}")
        else:
            out["matrix_shape"] = [z.rows, z.cols]
            out["nonzero"] = [[rows[i], cols[j], str(v)] for (i, j), v in nonzero]
            text.append(
                f"Z: {z.rows} x {z.cols} matrix, A^(x){c.source} -> A^(x){c.target} "
                "(rows: outputs, columns: inputs, lexicographic tensor basis)"
            )
            if z.rows * z.cols <= TABLE_CELLS:
                text += _table(z, rows, cols)
            else:
                shown = nonzero[: args.max_entries]
                text += [f"  {rows[i]} <- {cols[j]}: {v}" for (i, j), v in shown]
                if len(nonzero) > len(shown):
                    text.append(f"  ... {len(nonzero) - len(shown)} more nonzero entries (--max-entries)")
        if args.check:
            agree = alg.evaluate(expr) == z
            out["check"] = {"word_equals_normal_form": agree}
            text.append(
                "check: Z(word, generator by generator) == Z(normal form): " + ("yes" if agree else "NO (a bug)")
            )
            status = 0 if agree else 1
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print("\n".join(text))
    return status
