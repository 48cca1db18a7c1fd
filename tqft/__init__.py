"""tqft: exact computation in topological quantum field theory and its bridge to ML.

The foundation is exact arithmetic (:mod:`tqft.exact`) and SU(2) recoupling theory
(:mod:`tqft.recoupling`), checked by a catalogue of identities (:mod:`tqft.identities`)
that the ``tqft verify`` command runs.

>>> from tqft import wigner_6j
>>> print(wigner_6j(1, 2, 3, 2, 1, 2))
sqrt(21)/105
"""

from .errors import (
    AdmissibilityError,
    CostLimitError,
    InvalidArgumentError,
    InvalidSpinError,
    NotRepresentableError,
    SpinTypeError,
    TQFTError,
)
from .exact import CLASSICAL, Multiquadratic, SqrtRational
from .recoupling import clebsch_gordan, racah_w, wigner_3j, wigner_6j, wigner_9j

__version__ = "0.1.0"

__all__ = [
    "CLASSICAL",
    "AdmissibilityError",
    "CostLimitError",
    "InvalidArgumentError",
    "InvalidSpinError",
    "Multiquadratic",
    "NotRepresentableError",
    "SpinTypeError",
    "SqrtRational",
    "TQFTError",
    "__version__",
    "clebsch_gordan",
    "racah_w",
    "wigner_3j",
    "wigner_6j",
    "wigner_9j",
]
