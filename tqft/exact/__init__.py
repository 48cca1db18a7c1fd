"""Exact number systems and the q-context interface.

* :class:`SqrtRational` -- ``c * sqrt(r)``, the form of every SU(2) recoupling value.
* :class:`Multiquadratic` -- canonical sums of those, so identities compare exactly.
* :class:`Laurent`, :class:`RationalFunction` -- integer Laurent polynomials and rational
  functions of ``s = q^(1/2)`` (FLINT).
* :func:`cyclotomic_field` / :class:`Cyclotomic` -- ``Q(zeta_n)`` with a named embedding.
* :class:`QRadical` -- canonical square roots of quantum-factorial ratios.
* :class:`ExactMatrix` -- sparse exact matrices over any of these rings.
* :class:`QContext` / :data:`CLASSICAL`, :func:`generic_q`, :func:`root_of_unity`,
  :func:`numeric_q`, :func:`parse_context` -- the ring interface recoupling formulas use.
* :mod:`tqft.exact.primes` -- prime-factorised factorials for the q = 1 fast path.
"""

from .context import CLASSICAL, Q_MINUS_ONE, ClassicalContext, QContext, QMinusOneContext
from .cyclotomic import Cyclotomic, CyclotomicField, cyclotomic_field
from .laurent import Laurent
from .matrix import ExactMatrix
from .qcontexts import generic_q, numeric_q, parse_context, root_of_unity
from .quadratic import ExactReal, Multiquadratic, SqrtRational, exact, from_sympy
from .radicals import QRadical
from .ratfunc import RationalFunction

__all__ = [
    "CLASSICAL",
    "Q_MINUS_ONE",
    "ClassicalContext",
    "Cyclotomic",
    "CyclotomicField",
    "ExactMatrix",
    "ExactReal",
    "Laurent",
    "Multiquadratic",
    "QContext",
    "QMinusOneContext",
    "QRadical",
    "RationalFunction",
    "SqrtRational",
    "cyclotomic_field",
    "exact",
    "from_sympy",
    "generic_q",
    "numeric_q",
    "parse_context",
    "root_of_unity",
]
