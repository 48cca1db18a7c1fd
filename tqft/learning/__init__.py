"""The machine-learning side: ConvAC tensor networks and their entanglement.

Levine, Yakira, Cohen, Shashua, *Deep Learning and Quantum Entanglement: Fundamental
Connections with Implications to Network Design*, ICLR 2018, arXiv:1704.01552 ("(L)"):
a convolutional arithmetic circuit (ConvAC) computes a score whose coefficient tensor is
a tree tensor network, and the entanglement it can express across a partition of its
inputs is bounded by a min-cut of that network.

* :mod:`~tqft.learning.convac` -- the model, its tree TN (networkx, bond dimensions,
  delta-tensors), pooling geometries, weights and the dense coefficient tensor;
* :mod:`~tqft.learning.partitions` -- left-right, interleaved, segments, 2D blocks,
  checkerboard, arbitrary partitions;
* :mod:`~tqft.learning.mincut` -- Claim 1, Claim 7 and Theorem 2 bounds, exact, with cut
  certificates and dual flows (:func:`~tqft.learning.mincut.check_certificate`);
* :mod:`~tqft.learning.schmidt` -- exact Schmidt ranks (sampled modulo a prime, or dense
  over Q) and entanglement entropies;
* :mod:`~tqft.learning.design` -- channel allocation under a parameter budget;
* :mod:`~tqft.learning.experiment` -- the inductive-bias experiment (log-space ConvACs);
* :mod:`~tqft.learning.study` -- the Appendix-D-style study of rank deficits;
* :mod:`~tqft.learning.cli` -- the ``tqft entanglement*`` commands.

>>> from tqft.learning import convac, interleaved, min_cut, schmidt_rank
>>> net = convac(16, (4, 4, 2, 2))
>>> min_cut(net, interleaved(16)).value, schmidt_rank(net, interleaved(16)).rank
(256, 256)
"""

from .convac import ConvAC, ConvACWeights, convac, image_convac, random_weights
from .design import design_channels
from .mincut import CertificateReport, LogCapacity, MinCut, check_certificate, min_cut, theorem2_bound
from .partitions import (
    Partition,
    balanced_partitions,
    block,
    blocks,
    checkerboard,
    from_indices,
    from_string,
    interleaved,
    left_right,
    left_right_2d,
    random_balanced,
    segments,
    top_bottom,
)
from .schmidt import SchmidtRank, dense_rank, entanglement_entropy, schmidt_rank

__all__ = [
    "CertificateReport",
    "ConvAC",
    "ConvACWeights",
    "LogCapacity",
    "MinCut",
    "Partition",
    "SchmidtRank",
    "balanced_partitions",
    "block",
    "blocks",
    "check_certificate",
    "checkerboard",
    "convac",
    "dense_rank",
    "design_channels",
    "entanglement_entropy",
    "from_indices",
    "from_string",
    "image_convac",
    "interleaved",
    "left_right",
    "left_right_2d",
    "min_cut",
    "random_balanced",
    "random_weights",
    "schmidt_rank",
    "segments",
    "theorem2_bound",
    "top_bottom",
]
