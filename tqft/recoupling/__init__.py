"""Exact SU(2) recoupling theory.

* :mod:`~tqft.recoupling.wigner` -- the public symbols: :func:`clebsch_gordan`,
  :func:`wigner_3j`, :func:`wigner_6j`, :func:`wigner_9j`, :func:`racah_w`.
* :mod:`~tqft.recoupling.racah_formulas` -- Racah's formulas written once against a
  number context (the reference implementation, and the route to q-analogues).
* :mod:`~tqft.recoupling.fast_classical` -- the q = 1 kernel (Horner recurrences and
  prime-factorised factorials).
* :mod:`~tqft.recoupling.symmetry` -- canonical forms and the 72 / 144 / 72 symmetry groups.
"""

from .wigner import (
    MAX_SPIN,
    MAX_SPIN_9J,
    MAX_SPIN_REFERENCE,
    MAX_SPIN_REFERENCE_9J,
    cache_info,
    clear_caches,
    clebsch_gordan,
    ninej_colours,
    racah_w,
    sixj_colours,
    spin_limit,
    threej_colours,
    wigner_3j,
    wigner_6j,
    wigner_9j,
)

__all__ = [
    "MAX_SPIN",
    "MAX_SPIN_9J",
    "MAX_SPIN_REFERENCE",
    "MAX_SPIN_REFERENCE_9J",
    "cache_info",
    "clear_caches",
    "clebsch_gordan",
    "ninej_colours",
    "racah_w",
    "sixj_colours",
    "spin_limit",
    "threej_colours",
    "wigner_3j",
    "wigner_6j",
    "wigner_9j",
]
