"""U_q(sl2) algebra: representations, R-matrices, braids and SU(2)_k modular data."""

from .modular import ModularData, format_modular, fusion_rule, modular_data, verlinde_dimension_closed_form

__all__ = ["ModularData", "format_modular", "fusion_rule", "modular_data", "verlinde_dimension_closed_form"]
