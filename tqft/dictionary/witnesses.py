"""Executable witnesses of the ML <-> TQFT dictionary (``dictionary/*.toml``).

Each entry of the dictionary names one function here in its ``[witness]`` table.  A
witness takes no arguments, runs a small deterministic example through tqft, compares two
independently obtained sides (a published reference value, a closed form, or a second
computation through different code) and returns a
:class:`~tqft.identities.core.CheckResult` ``(passed, lhs, rhs)``.  Each runs in well under
a second (the sympy derivation behind :func:`bias` takes about one).

The functions live in four topical modules and are re-exported here, so every entry can
name ``tqft.dictionary.witnesses.<function>``:

* :mod:`~tqft.dictionary.witnesses_tqnn` -- images as spin networks, amplitudes, the (M3)
  transition matrix, archetypes ((M), (M2), (M3));
* :mod:`~tqft.dictionary.witnesses_perceptron` -- the semiclassical TQNN perceptron of (M2)
  Eqs. 33-37 and its softmax form;
* :mod:`~tqft.dictionary.witnesses_tqft` -- intertwiners, the Noui-Perez projector (M4),
  recoupling, 2D cobordisms, Turaev-Viro gluing and invariance, Ponzano-Regge;
* :mod:`~tqft.dictionary.witnesses_entanglement` -- ConvACs as tree tensor networks, exact
  Schmidt ranks and min-cuts ((L): Claim 1, Theorem 2, Claim 7, Appendix D, Sec. 8).

Each witness ``f`` is a thin wrapper around a private ``_check_*`` function that takes the
example as arguments; the tests call those with perturbed examples to show that the
comparisons can fail.

>>> from tqft.dictionary.witnesses import pixel_value
>>> pixel_value().passed
True
"""

from __future__ import annotations

from .witnesses_entanglement import (
    architecture_design,
    channel_number,
    convac_tensor_network,
    correlations,
    entanglement_entropy_bound,
    forward_score,
    generic_weights,
    inductive_bias,
    long_range_correlations,
    pooling_geometry,
    pooling_window,
    product_pooling,
    representation_layer,
    shallow_network,
    short_range_correlations,
    theorem2_lower_bound,
)
from .witnesses_perceptron import (
    bias,
    decision_boundary_shift,
    deep_neural_network,
    loss_function,
    softmax_perceptron,
    training_free_classifier,
    weights,
)
from .witnesses_tqft import (
    activation_function,
    cosmological_constant,
    generalisation,
    hidden_layer,
    identity_layer,
    latent_marginalisation,
    measurement,
    neuron,
    noui_perez_projector,
    parallel_layers,
    ponzano_regge_limit,
    quantum_neural_network,
    recoupling_move,
    sequential_measurement,
)
from .witnesses_tqnn import (
    class_similarity,
    clustering,
    dataset_symmetry,
    forward_pass,
    image,
    input_features,
    input_sample,
    neighbouring_pixels,
    output_layer,
    pixel_value,
)

__all__ = [
    "activation_function",
    "architecture_design",
    "bias",
    "channel_number",
    "class_similarity",
    "clustering",
    "convac_tensor_network",
    "correlations",
    "cosmological_constant",
    "dataset_symmetry",
    "decision_boundary_shift",
    "deep_neural_network",
    "entanglement_entropy_bound",
    "forward_pass",
    "forward_score",
    "generalisation",
    "generic_weights",
    "hidden_layer",
    "identity_layer",
    "image",
    "inductive_bias",
    "input_features",
    "input_sample",
    "latent_marginalisation",
    "long_range_correlations",
    "loss_function",
    "measurement",
    "neighbouring_pixels",
    "neuron",
    "noui_perez_projector",
    "output_layer",
    "parallel_layers",
    "pixel_value",
    "ponzano_regge_limit",
    "pooling_geometry",
    "pooling_window",
    "product_pooling",
    "quantum_neural_network",
    "recoupling_move",
    "representation_layer",
    "sequential_measurement",
    "shallow_network",
    "short_range_correlations",
    "softmax_perceptron",
    "theorem2_lower_bound",
    "training_free_classifier",
    "weights",
]
