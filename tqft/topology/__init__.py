"""Knots and links: diagrams, the Kauffman bracket and the Jones polynomial.

* :mod:`~tqft.topology.notation` -- reading PD codes and braid words (KnotInfo, Knot Atlas
  and Mathematica forms), never with ``eval``.
* :mod:`~tqft.topology.knots` -- :class:`LinkDiagram`: orientation, crossing signs,
  writhe, mirror image, braid closure, connected sum.
* :mod:`~tqft.topology.bracket` -- the Kauffman bracket by a planar-frontier sweep.
* :mod:`~tqft.topology.jones` -- the Jones polynomial (``method=`` selects the
  algorithm), closed forms, KnotInfo-style text.

Conventions are KnotInfo's: PD crossings counterclockwise from the incoming
under-strand, ``sigma_i`` a positive crossing, ``V(unknot) = 1`` and the right-handed
trefoil ``t + t^3 - t^4``.

>>> from tqft.topology import jones, format_jones
>>> format_jones(jones("X[1,5,2,4] X[3,1,4,6] X[5,3,6,2]"))
't + t^3 - t^4'
"""

from .bracket import frontier_order, kauffman_bracket
from .census import CENSUS, layered_solid_torus, lens_space, poincare_sphere, s2xs1, three_sphere, weeks
from .jones import (
    METHODS,
    format_jones,
    jones,
    jones_torus_2,
    jones_torus_knot,
    jones_unlink,
    parse_jones,
    to_t,
)
from .knots import LinkDiagram, as_diagram, braid_to_pd, connected_sum, disjoint_union
from .notation import Braid, KnotInputError, KnotTypeError, parse_braid, parse_pd
from .triangulation import AbelianGroup, Triangulation, from_isosig

__all__ = [
    "CENSUS",
    "METHODS",
    "AbelianGroup",
    "Braid",
    "KnotInputError",
    "KnotTypeError",
    "LinkDiagram",
    "Triangulation",
    "as_diagram",
    "braid_to_pd",
    "connected_sum",
    "disjoint_union",
    "format_jones",
    "from_isosig",
    "frontier_order",
    "jones",
    "jones_torus_2",
    "jones_torus_knot",
    "jones_unlink",
    "kauffman_bracket",
    "layered_solid_torus",
    "lens_space",
    "parse_braid",
    "parse_jones",
    "parse_pd",
    "poincare_sphere",
    "s2xs1",
    "three_sphere",
    "to_t",
    "weeks",
]
