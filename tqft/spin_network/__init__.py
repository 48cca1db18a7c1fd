"""Spin networks: coloured ribbon graphs, exact evaluation, boundary state spaces,
recoupling moves and the hexagonal image encoding of Lulli, Marciano and Zappala.

* :mod:`~tqft.spin_network.network`: :class:`SpinNetwork` (networkx underneath), comb
  intertwiners and crossings, validation, faces and genus of the ribbon structure;
* :mod:`~tqft.spin_network.evaluate`: evaluation of closed and open networks in any
  q-context by a recoupling sweep;
"""

from .evaluate import BoundaryVector, evaluate, evaluate_open, plan
from .network import Crossing, Intertwiner, NetworkStructureError, NonPlanarError, SpinNetwork

__all__ = [
    "BoundaryVector",
    "Crossing",
    "Intertwiner",
    "NetworkStructureError",
    "NonPlanarError",
    "SpinNetwork",
    "evaluate",
    "evaluate_open",
    "plan",
]
