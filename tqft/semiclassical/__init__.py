"""The semiclassical limit: tetrahedron geometry, recoupling asymptotics, convergence
studies, and the perceptron as the large-spin limit of a TQNN classifier.

* :mod:`~tqft.semiclassical.geometry` -- Euclidean tetrahedra from six edge lengths
  (Cayley-Menger volume, dihedral angles, regime) and the classical triangle of the 3j
  symbol; :mod:`~tqft.semiclassical.spherical` -- spherical tetrahedra for the q-deformed
  case.
* :mod:`~tqft.semiclassical.asymptotics` -- Ponzano-Regge (allowed and forbidden regions),
  the uniform Airy approximation, the semiclassical 3j symbol, Edmonds' formula,
  Taylor-Woodward for q-6j symbols at roots of unity; mpmath at any precision.
* :mod:`~tqft.semiclassical.families` -- the scaling families ``j -> lambda j`` of each
  formula, their exact and asymptotic values;
  :mod:`~tqft.semiclassical.convergence` -- scans comparing them, an error measure that
  ignores the zeros of the oscillation, fitted decay exponents with uncertainties, tables
  and plots.
* :mod:`~tqft.semiclassical.perceptron` -- heat-kernel coherent amplitudes against their
  Gaussian large-spin form, and the softmax-linear classifier they reduce to.

>>> import mpmath
>>> from tqft.semiclassical import ponzano_regge
>>> mpmath.nstr(ponzano_regge(50, 50, 50, 50, 50, 50, dps=20), 6)
'-0.000110159'
"""

from .asymptotics import (
    Oscillation,
    edmonds_6j,
    ponzano_regge,
    ponzano_regge_forbidden,
    semiclassical_3j,
    sixj_uniform,
    taylor_woodward,
    wigner_small_d,
)
from .geometry import Regime, RegimeError, Tetrahedron, cayley_menger_closed_form, sixj_tetrahedron, threej_geometry
from .spherical import SphericalTetrahedron, qsixj_tetrahedron

__all__ = [
    "Oscillation",
    "Regime",
    "RegimeError",
    "SphericalTetrahedron",
    "Tetrahedron",
    "cayley_menger_closed_form",
    "edmonds_6j",
    "ponzano_regge",
    "ponzano_regge_forbidden",
    "qsixj_tetrahedron",
    "semiclassical_3j",
    "sixj_tetrahedron",
    "sixj_uniform",
    "taylor_woodward",
    "threej_geometry",
    "wigner_small_d",
]
