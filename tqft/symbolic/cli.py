"""Command-line front end of :mod:`tqft.symbolic` (the ``tqft derive`` command).

::

    tqft derive "Sum((2*x+1)*(2*f+1)*SixJ(a,b,x,c,d,f)*SixJ(a,b,x,c,d,g), x)"
    tqft derive "NineJ(a,b,c,d,e,f,g,h,i)" --expand ninej_as_sixj_sum
    tqft derive "SixJ(a,b,c,1/2,c-1/2,b+1/2)" --latex [--output derivation.tex]
    tqft derive EXPR [--integer n,k] [--projections m1,m2] [--no-closed-forms]
                     [--samples N --seed S --max-spin J] [--json]

The input syntax is that of :func:`tqft.symbolic.parsing.parse` (``Sum(f, x)`` sums over
the admissible values of ``x``).  The steps are printed as text, or with ``--latex`` as a
LaTeX document (to stdout or ``--output``).  Exit status 0 when the derivation is
checked, 1 when its exact check fails, 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import sympy

from ..errors import DerivationError

__all__ = ["COMMANDS", "add_parser", "run"]

#: the sub-commands this module adds
COMMANDS = ("derive",)

_PREAMBLE = r"""\documentclass{article}
\usepackage{amsmath,amssymb}
\begin{document}
"""


def add_parser(subparsers: Any) -> None:
    """Add ``derive`` to ``subparsers``."""
    from .rules import SUM_RULES

    p = subparsers.add_parser(
        "derive",
        help="simplify a recoupling expression with symbolic spins, step by step, checked exactly",
        description="Apply orthogonality, the Racah sum rule, Biedenharn-Elliott, the 9j sum, the single sums, 3j "
        "orthogonality, their q-analogues, symmetries and small-spin closed forms to EXPR; print every step "
        "with the identity used, and check the result by exact evaluation at random admissible spins.",
    )
    p.add_argument("expression", help='e.g. "Sum((2*x+1)*SixJ(a,b,x,a,b,f), x)" (see tqft.symbolic.parsing)')
    p.add_argument("--latex", action="store_true", help="write the derivation as a LaTeX document")
    p.add_argument("--output", "-o", default=None, help="file for --latex (default: stdout)")
    p.add_argument("--json", action="store_true", help="print the derivation as JSON")
    p.add_argument(
        "--expand",
        action="append",
        default=[],
        choices=sorted(r.name for r in SUM_RULES if r.expandable),
        help="read this identity from right to left first (repeatable)",
    )
    p.add_argument("--integer", default="", help="comma-separated names of integer spins")
    p.add_argument("--projections", default=None, help="comma-separated names of projections (default: names m*)")
    p.add_argument("--no-closed-forms", action="store_true", help="keep 3j/6j symbols with small spins")
    p.add_argument("--samples", type=int, default=None, help="nonzero random substitutions in the check")
    p.add_argument("--seed", type=int, default=0, help="seed of the check")
    p.add_argument("--max-spin", default=None, help="largest spin substituted in the check")


def _names(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [t.strip() for t in text.split(",") if t.strip()]


def run(args: argparse.Namespace) -> int:
    """Execute ``tqft derive``; returns the exit status."""
    from .engine import derive
    from .parsing import parse

    expr = parse(args.expression, integer=_names(args.integer) or (), projections=_names(args.projections))
    try:
        result = derive(
            expr,
            expand=args.expand,
            closed_forms=not args.no_closed_forms,
            samples=args.samples,
            seed=args.seed,
            max_spin=args.max_spin,
        )
    except DerivationError as exc:
        print(f"tqft derive: {exc}")
        return 1
    if args.json:
        print(
            json.dumps(
                {
                    "start": sympy.sstr(result.start),
                    "result": sympy.sstr(result.result),
                    "result_latex": sympy.latex(result.result),
                    "steps": [
                        {
                            "rule": s.rule,
                            "title": s.title,
                            "substitution": {k: sympy.sstr(v) for k, v in s.substitution},
                            "note": s.note,
                            "after": sympy.sstr(s.after),
                        }
                        for s in result.steps
                    ],
                    "check": {
                        "samples": result.check.samples,
                        "nonzero": result.check.nonzero,
                        "seed": result.check.seed,
                        "max_spin": str(result.check.max_spin),
                    },
                },
                indent=2,
            )
        )
        return 0
    if args.latex:
        doc = _PREAMBLE + result.latex() + "\n\\end{document}\n"
        if args.output:
            Path(args.output).write_text(doc, encoding="utf-8")
            print(f"wrote {args.output}")
        else:
            print(doc, end="")
        return 0
    print(result.text())
    return 0
