"""Exact number systems and the q-context interface.

* :class:`SqrtRational` -- ``c * sqrt(r)``, the form of every SU(2) recoupling value.
* :class:`Multiquadratic` -- canonical sums of those, so identities compare exactly.
* :class:`QContext` / :data:`CLASSICAL` -- the ring interface recoupling formulas use.
* :mod:`tqft.exact.primes` -- prime-factorised factorials for the q = 1 fast path.
"""

from .context import CLASSICAL, ClassicalContext, QContext
from .quadratic import ExactReal, Multiquadratic, SqrtRational, exact, from_sympy

__all__ = [
    "CLASSICAL",
    "ClassicalContext",
    "ExactReal",
    "Multiquadratic",
    "QContext",
    "SqrtRational",
    "exact",
    "from_sympy",
]
