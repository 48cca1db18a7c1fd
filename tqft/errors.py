"""The exception hierarchy of tqft.

Every error that tqft raises on purpose derives from :class:`TQFTError`, and also from
the built-in exception that says what kind of mistake it is (``ValueError`` for a value
outside the allowed set, ``TypeError`` for an argument of the wrong type), so that
``except ValueError`` keeps working in code that does not know about tqft.

Messages name the argument, repeat the offending value and say what is allowed, e.g.::

    j1 = 1/3 is not a spin: expected a non-negative integer or half-integer ...
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

__all__ = [
    "AdmissibilityError",
    "CostLimitError",
    "DerivationError",
    "DictionaryError",
    "InvalidArgumentError",
    "InvalidSpinError",
    "InvalidTriangulationError",
    "MissingExtraError",
    "NotRepresentableError",
    "SpinTypeError",
    "TQFTError",
    "temporary_limits",
]


class TQFTError(Exception):
    """Base class of every error raised deliberately by tqft."""


class InvalidArgumentError(TQFTError, ValueError):
    """An argument has an allowed type but a value outside the allowed set."""


class InvalidSpinError(InvalidArgumentError):
    """A spin or projection is not an integer or half-integer, or has the wrong sign."""


class SpinTypeError(InvalidSpinError, TypeError):
    """A spin was given as an object of a type that cannot hold a spin (list, complex, ...)."""


class InvalidTriangulationError(InvalidArgumentError):
    """A gluing table, isomorphism signature or Pachner move does not describe a valid
    (or a legal) triangulation; the message names the tetrahedron, face or move."""


class AdmissibilityError(InvalidArgumentError):
    """A triple of spins is not admissible where admissibility is required.

    The Wigner symbols themselves never raise this: a selection-rule violation makes
    them exactly zero.  It is raised by constructions that *need* an admissible triple,
    such as a trivalent vertex of a spin network.
    """


class DictionaryError(InvalidArgumentError):
    """An entry of the ML <-> TQFT dictionary (a ``dictionary/<id>.toml`` file) breaks the
    schema of :mod:`tqft.dictionary.schema`, or its witness cannot be imported; the
    message names the file, the key, the offending value and what is allowed."""


class NotRepresentableError(TQFTError, ArithmeticError):
    """An exact operation has no result in the number system at hand.

    Examples: the square root of a negative rational in the real multiquadratic numbers,
    or the inverse of an element with too many square roots to invert affordably.
    """


class MissingExtraError(TQFTError, ImportError):
    """An optional dependency (an *extra* of the package) is not installed; the message
    names the package and the ``pip install`` command that brings it."""


class CostLimitError(TQFTError, ValueError):
    """A computation would exceed a configured size limit; raised before any work is done.

    The message states the estimated size and how to raise the limit.
    """


@contextlib.contextmanager
def temporary_limits(limits: dict[str, int], value: int) -> Iterator[None]:
    """Set every entry of a module's cost-limit table to ``value`` for the ``with`` block,
    restoring the old limits afterwards (even on error).  Behind
    :func:`tqft.recoupling.wigner.spin_limit` and :func:`tqft.algebra.modular.level_limit`."""
    old = dict(limits)
    limits.update(dict.fromkeys(limits, value))
    try:
        yield
    finally:
        limits.update(old)


class DerivationError(TQFTError, ArithmeticError):
    """A symbolic derivation failed its exact check: at some admissible spins its start and
    its result differ (the message gives the spins and both values), or it could not be
    checked at all.  A derivation is never returned unchecked."""
