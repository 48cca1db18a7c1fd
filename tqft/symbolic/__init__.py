"""Symbolic recoupling calculus: expressions with symbolic spins, derivations with a checked trace.

* :mod:`~tqft.symbolic.functions` -- 3j, 6j, 9j, theta, tet, loop symbols and their
  q-analogues as sympy functions of symbolic spins; spin and projection symbols.
* :mod:`~tqft.symbolic.evaluate` -- exact evaluation of such expressions at numeric spins.
* :mod:`~tqft.symbolic.patterns`, :mod:`~tqft.symbolic.rules` -- symmetries, phases, and the
  sum rules as patterns.
* :mod:`~tqft.symbolic.engine` -- :func:`derive`: simplification with a step-by-step trace.
* :mod:`~tqft.symbolic.derivation` -- the trace (text and LaTeX) and its exact check.
* :mod:`~tqft.symbolic.closed_forms` -- 3j and 6j symbols with one small spin, derived from
  Racah's formulas.
* :mod:`~tqft.symbolic.graphical` -- graphical reduction of spin networks with symbolic colours.
* :mod:`~tqft.symbolic.parsing` -- the input syntax of ``tqft derive``.
"""

from .derivation import CheckReport, Derivation, Step, check_equal
from .engine import derive, simplify
from .evaluate import exact_value
from .functions import (
    InRange,
    Loop,
    NineJ,
    QInt,
    QLoop,
    QSixJ,
    QTet,
    QTheta,
    QThreeJ,
    SixJ,
    Tet,
    Theta,
    ThreeJ,
    Triangle,
    integer_spins,
    projections,
    q,
    spins,
)
from .graphical import SymbolicNetwork, reduce_network
from .ranges import SpinSum

__all__ = [
    "CheckReport",
    "Derivation",
    "InRange",
    "Loop",
    "NineJ",
    "QInt",
    "QLoop",
    "QSixJ",
    "QTet",
    "QTheta",
    "QThreeJ",
    "SixJ",
    "SpinSum",
    "Step",
    "SymbolicNetwork",
    "Tet",
    "Theta",
    "ThreeJ",
    "Triangle",
    "check_equal",
    "derive",
    "exact_value",
    "integer_spins",
    "projections",
    "q",
    "reduce_network",
    "simplify",
    "spins",
]
