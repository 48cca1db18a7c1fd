"""The input syntax of ``tqft derive``: recoupling expressions as text.

An expression is written in Python/sympy syntax with these names:

* symbols: ``SixJ(j1..j6)``, ``ThreeJ(j1, j2, j3, m1, m2, m3)``, ``NineJ(j1..j9)``,
  ``RacahW(a, b, c, d, e, f)`` (read as ``(-1)^(a+b+c+d) SixJ(a, b, e, d, c, f)``),
  ``Theta(a, b, c)``, ``Tet(a, b, e, c, d, f)``, ``Loop(j)``, the q-analogues ``QSixJ``,
  ``QThreeJ``, ``QTheta``, ``QTet``, ``QLoop``, ``QInt(n)`` and the symbol ``q``;
  ``Triangle(a, b, c)``, ``KroneckerDelta(a, b)``, ``sqrt``, ``Abs``, ``Max``, ``Min``;
* sums: ``Sum(f, x)`` or ``Sum(f, x, y)`` runs over every admissible value of the
  variables (the range is implied by the triads of the summand and written out in the
  first step of a derivation); ``Sum(f, (x, lo, hi))`` has explicit bounds, in steps of 1;
* every other name is a spin symbol (non-negative integer or half-integer), except the
  names given as integer spins (``integer=``) and projections: names given in
  ``projections=``, and by default every name that starts with ``m`` (``m``, ``m1``,
  ``mp``, ...).  ``^`` means power, as in the papers.

>>> parse("Sum((2*x+1)*SixJ(a, b, x, a, b, f), x)")
Sum((2*x + 1)*SixJ(a, b, x, a, b, f), x)
>>> parse("ThreeJ(j1, j2, j, m1, m2, m)").args[3].is_nonnegative is None
True
>>> parse("SixJ(a, b)")
Traceback (most recent call last):
  ...
tqft.errors.InvalidArgumentError: cannot read 'SixJ(a, b)': SixJ takes exactly 6 arguments (2 given)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import sympy
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

from ..errors import InvalidArgumentError, TQFTError
from . import functions as fn
from .ranges import SpinSum

__all__ = ["parse"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*")
_FUNCTIONS = {
    name: getattr(fn, name)
    for name in (
        "SixJ",
        "ThreeJ",
        "NineJ",
        "Theta",
        "Tet",
        "Loop",
        "QSixJ",
        "QThreeJ",
        "QTheta",
        "QTet",
        "QLoop",
        "QInt",
        "Triangle",
        "InRange",
    )
}
_SYMPY = {
    "KroneckerDelta": sympy.KroneckerDelta,
    "sqrt": sympy.sqrt,
    "Abs": sympy.Abs,
    "Max": sympy.Max,
    "Min": sympy.Min,
    "oo": sympy.oo,
    "Rational": sympy.Rational,
}
#: Longest input accepted (characters).
MAX_INPUT = 5000


def _racah_w(a: Any, b: Any, c: Any, d: Any, e: Any, f: Any) -> sympy.Basic:
    return (-1) ** (a + b + c + d) * fn.SixJ(a, b, e, d, c, f)


def _sum(function: Any, *limits: Any) -> sympy.Basic:
    if not limits:
        raise InvalidArgumentError("Sum(f, ...) needs a summation variable: Sum(f, x) or Sum(f, (x, lo, hi))")
    if all(isinstance(v, sympy.Symbol) for v in limits):
        return SpinSum(function, *limits)
    if all(isinstance(v, (tuple, sympy.Tuple)) and len(v) == 3 for v in limits):
        return sympy.Sum(function, *limits)
    raise InvalidArgumentError(
        f"Sum limits {limits!r}: give summation variables (Sum(f, x, y)) or triples (Sum(f, (x, lo, hi)))"
    )


def parse(text: str, *, integer: Iterable[str] = (), projections: Iterable[str] | None = None) -> sympy.Basic:
    """Read an expression in the input syntax (see the module docstring).

    Raises
    ------
    InvalidArgumentError
        For text that is not an expression in this syntax, naming what went wrong.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidArgumentError(f"expression = {text!r}: give a non-empty expression such as 'Sum(..., x)'")
    if len(text) > MAX_INPUT:
        raise InvalidArgumentError(f"expression has {len(text)} characters; the limit is {MAX_INPUT}")
    integer = set(integer)
    proj = set(projections) if projections is not None else None
    local: dict[str, Any] = dict(_FUNCTIONS)
    local.update(_SYMPY)
    local["RacahW"] = _racah_w
    local["Sum"] = _sum
    local["q"] = fn.q
    for name in set(_NAME.findall(text)):
        if name in local or name.startswith("__"):
            continue
        if name in integer:
            local[name] = fn.integer_spins(name)[0]
        elif (proj is not None and name in proj) or (proj is None and name.startswith("m")):
            local[name] = fn.projections(name)[0]
        else:
            local[name] = fn.spins(name)[0]
    try:
        expr = parse_expr(
            text,
            local_dict=local,
            global_dict={"__builtins__": {}, "Integer": sympy.Integer, "Symbol": sympy.Symbol, "Float": sympy.Float},
            transformations=(*standard_transformations, convert_xor),
            evaluate=True,
        )
    except TQFTError:
        raise
    except Exception as exc:  # sympy's parser raises tokenizer, syntax, type and value errors alike
        raise InvalidArgumentError(f"cannot read {text!r}: {exc}") from None
    if not isinstance(expr, sympy.Basic):
        raise InvalidArgumentError(f"cannot read {text!r}: it is not an expression")
    if any(isinstance(n, sympy.Float) for n in sympy.preorder_traversal(expr)):
        raise InvalidArgumentError(f"cannot read {text!r}: write numbers exactly (1/2, not 0.5)")
    return expr
