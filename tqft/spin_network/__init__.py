"""Spin networks: coloured ribbon graphs, exact evaluation, boundary state spaces,
recoupling moves and the hexagonal image encoding of Lulli, Marciano and Zappala.

* :mod:`~tqft.spin_network.network`: :class:`SpinNetwork` (networkx underneath), comb
  intertwiners and crossings, validation, faces and genus of the ribbon structure;
* :mod:`~tqft.spin_network.plan`: pieces, frontiers and the absorption order of a sweep;
* :mod:`~tqft.spin_network.evaluate`: evaluation of closed and open networks in any
  q-context by a recoupling sweep;
* :mod:`~tqft.spin_network.boundary`: boundary state spaces, splittings, pairings, inner
  products, changes of basis, cutting a network into two boundary states;
* :mod:`~tqft.spin_network.moves`: recoupling moves returning linear combinations;
* :mod:`~tqft.spin_network.honeycomb`: the hexagonal image encoding of arXiv:2310.03632;
* :mod:`~tqft.spin_network.io` and :mod:`~tqft.spin_network.draw`: the JSON format and
  drawings (matplotlib, extra ``plot``).
"""

from .boundary import BoundarySpace, cut, inner, pair
from .evaluate import BoundaryVector, evaluate, evaluate_open
from .honeycomb import honeycomb, transition_blocks, transition_matrix
from .network import Crossing, Intertwiner, NetworkStructureError, NonPlanarError, SpinNetwork
from .plan import plan

__all__ = [
    "BoundarySpace",
    "BoundaryVector",
    "Crossing",
    "Intertwiner",
    "NetworkStructureError",
    "NonPlanarError",
    "SpinNetwork",
    "cut",
    "evaluate",
    "evaluate_open",
    "honeycomb",
    "inner",
    "pair",
    "plan",
    "transition_blocks",
    "transition_matrix",
]
