"""U_q(sl2) algebra: representations, R-matrices, braids and SU(2)_k modular data."""

from .modular import ModularData, fusion_rule, modular_data, verlinde_dimension_closed_form
from .modular_format import format_modular

__all__ = ["ModularData", "format_modular", "fusion_rule", "modular_data", "verlinde_dimension_closed_form"]

# U_q(sl2): modules and Hopf structure, R-matrix and braiding, Markov traces (Jones polynomials)
from .braids import coloured_jones, jones_from_braid, jones_value, markov_trace, quantum_trace
from .hopf import antipode, coproduct, counit, generators
from .representations import UqModule, irrep, tensor_product
from .rmatrix import braid_representation, braiding, r_matrix, r_matrix_inverse, twist

__all__ += [
    "UqModule",
    "antipode",
    "braid_representation",
    "braiding",
    "coloured_jones",
    "coproduct",
    "counit",
    "generators",
    "irrep",
    "jones_from_braid",
    "jones_value",
    "markov_trace",
    "quantum_trace",
    "r_matrix",
    "r_matrix_inverse",
    "tensor_product",
    "twist",
]
