"""Exact square roots of quantum-factorial ratios: the value type of the q-contexts.

Every q-recoupling value has the form ``c * sqrt(R)`` where ``R`` is a ratio of products
of quantum factorials.  Quantum integers factor into *cyclotomic q-primes*

.. math::

    [n] = \\prod_{d \\mid n,\\ d > 1} \\Psi_d, \\qquad
    \\Psi_d(s) = s^{-2\\varphi(d)}\\,\\Phi_d(s^4), \\qquad s = q^{1/2},

(``Phi_d`` the d-th cyclotomic polynomial; ``Psi_d`` is invariant under ``q -> 1/q`` and
``Psi_d(1) = Phi_d(1)``, which is ``p`` for ``d = p^k`` and ``1`` otherwise), so that
``[n]!`` contains ``Psi_d`` exactly ``floor(n/d)`` times -- the q-analogue of Legendre's
formula.  A radicand is therefore an exponent vector ``{d: e_d}``; its square part moves
into the coefficient and what is left is a *square-free key* ``S = {d : e_d odd}``.

A :class:`QRadical` is a finite sum ``sum_S c_S sqrt(P_S)`` with ``P_S = prod_{d in S}
Psi_d`` and ``c_S`` in the context's ring.  At generic q the ``sqrt(P_S)`` are linearly
independent over ``Q(s)`` (distinct ``S`` involve distinct irreducible factors of
``Phi_d(s^4)``), so the representation is canonical and equality is exact and complete.

Branches.  Generic q: ``sqrt`` is the root that is positive for real ``s > 0`` (every
``Psi_d`` is positive there), which is the branch that continues to the q = 1 values.  Root
of unity: principal square root of the real number ``P_S`` under the field's named
embedding (``i sqrt(|P_S|)`` when negative); products use
``sqrt(x) sqrt(y) = -sqrt(xy)`` exactly when both are negative.

At a root of unity the ``sqrt(P_S)`` may be linearly dependent over ``Q(zeta)``.  Equal
canonical forms still prove equality; *different* forms are compared through the
embedding with ball arithmetic, and if the balls cannot separate them an error is
raised rather than a guess returned (see :meth:`QRadical.__eq__`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import InvalidArgumentError, NotRepresentableError

if TYPE_CHECKING:
    from .qcontexts import ExactQContext

__all__ = ["QRadical", "psi_exponents"]

Key = frozenset[int]
_EMPTY: Key = frozenset()


@lru_cache(maxsize=4096)
def _qfactorial_psi(n: int) -> tuple[tuple[int, int], ...]:
    """``((d, floor(n/d)) for d = 2..n)``: the Psi-exponents of ``[n]!``."""
    return tuple((d, n // d) for d in range(2, n + 1))


def psi_exponents(numer: Iterable[int], denom: Iterable[int]) -> dict[int, int]:
    """Psi-exponent vector of ``prod [n]! / prod [m]!`` (``n`` in numer, ``m`` in denom)."""
    e: dict[int, int] = {}
    for n in numer:
        for d, k in _qfactorial_psi(n):
            e[d] = e.get(d, 0) + k
    for n in denom:
        for d, k in _qfactorial_psi(n):
            e[d] = e.get(d, 0) - k
    return e


class QRadical:
    """A sum ``sum_S c_S sqrt(P_S)`` over square-free Psi-keys (see the module docstring).

    Built by the q-contexts (``ctx.sqrt_factorials``, ``ctx.value``); arithmetic with ring
    elements and ints is supported.
    """

    __slots__ = ("ctx", "terms")

    def __init__(self, ctx: ExactQContext, terms: dict[Key, Any]) -> None:
        self.ctx = ctx
        self.terms = {k: v for k, v in terms.items() if v != 0}

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.ctx.name, list(self.terms.items())))

    # -- ring structure ----------------------------------------------------------------
    def _coerce(self, other: Any) -> QRadical | None:
        if isinstance(other, QRadical):
            if other.ctx is not self.ctx:
                raise InvalidArgumentError(
                    f"cannot combine values of the contexts {self.ctx.name!r} and {other.ctx.name!r}"
                )
            return other
        try:
            c = self.ctx.element(other)
        except (TypeError, ValueError):
            return None
        return QRadical(self.ctx, {_EMPTY: c})

    def __add__(self, other: Any) -> QRadical:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        out = dict(self.terms)
        for k, v in o.terms.items():
            out[k] = out[k] + v if k in out else v
        return QRadical(self.ctx, out)

    __radd__ = __add__

    def __neg__(self) -> QRadical:
        return QRadical(self.ctx, {k: -v for k, v in self.terms.items()})

    def __sub__(self, other: Any) -> QRadical:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return self + (-o)

    def __rsub__(self, other: Any) -> QRadical:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return o + (-self)

    def __mul__(self, other: Any) -> QRadical:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        out: dict[Key, Any] = {}
        for k1, c1 in self.terms.items():
            for k2, c2 in o.terms.items():
                key, factor = self.ctx._radical_product(k1, k2)
                c = c1 * c2 * factor
                out[key] = out[key] + c if key in out else c
        return QRadical(self.ctx, out)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> QRadical:
        if isinstance(other, QRadical):
            if not other.terms:
                raise ZeroDivisionError(f"division of {self} by zero")
            if len(other.terms) != 1:
                raise NotRepresentableError("division by a sum of several radicals is not supported")
            ((key, c),) = other.terms.items()
            # 1 / (c sqrt(P)) = sqrt(P) / (c P): the value 1/sqrt(P) has key P and coefficient 1/P
            inv_key = QRadical(self.ctx, {key: 1 / (c * self.ctx._key_product(key))})
            return self * inv_key
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        c = o.ring_value()
        if c == 0:
            raise ZeroDivisionError(f"division of {self} by zero")
        return QRadical(self.ctx, {k: v / c for k, v in self.terms.items()})

    def __pow__(self, k: int) -> QRadical:
        if k < 0:
            return QRadical(self.ctx, {_EMPTY: self.ctx.one}) / (self ** (-k))
        result = QRadical(self.ctx, {_EMPTY: self.ctx.one})
        for _ in range(k):
            result = result * self
        return result

    # -- predicates --------------------------------------------------------------------
    def is_zero(self) -> bool:
        """Exact: no terms (complete at generic q; sound at roots of unity, see ``__eq__``)."""
        return not self.terms

    def __bool__(self) -> bool:
        return not self.is_zero()

    def in_ring(self) -> bool:
        """Whether the value is an element of the ring (no square root left)."""
        return set(self.terms) <= {_EMPTY}

    def ring_value(self) -> Any:
        """The value as a ring element (raises if a square root remains)."""
        if not self.in_ring():
            raise NotRepresentableError(f"{self} involves square roots; it is not in the ring")
        return self.terms.get(_EMPTY, self.ctx.zero)

    def square(self) -> Any:
        """The square, which for a single-term value lies in the ring."""
        return (self * self).ring_value()

    def __eq__(self, other: object) -> bool:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        diff = self - o
        if diff.is_zero():
            return True
        return self.ctx._radical_is_zero(diff)

    def __hash__(self) -> int:
        if self.in_ring():
            return hash(self.ring_value())
        return hash(frozenset(self.terms.items()))

    # -- output ----------------------------------------------------------------------
    def to_mpmath(self, prec: int = 53, **at: Any) -> Any:
        """The value as an mpmath number (``q=`` is required at generic q)."""
        return self.ctx.to_mpmath(self, prec, **at)

    def to_sympy(self) -> Any:
        return self.ctx.to_sympy(self)

    def _sympy_(self) -> Any:
        return self.to_sympy()

    def _parts(self) -> list[tuple[Key, Any]]:
        return sorted(self.terms.items(), key=lambda kv: (len(kv[0]), sorted(kv[0])))

    def _render(self, latex: bool) -> str:
        """Each square root is written as the root of its radicand ``prod Psi_d`` expanded
        in the ring (a Laurent polynomial in q, or an element of ``Q(zeta)``)."""
        if not self.terms:
            return "0"
        parts = []
        for key, c in self._parts():
            coeff = (c.latex() if hasattr(c, "latex") else str(c)) if latex else str(c)
            if not key:
                parts.append(coeff)
                continue
            radicand = self.ctx._key_product(key)
            if latex:
                root = f"\\sqrt{{{radicand.latex()}}}"
                parts.append(root if coeff == "1" else f"\\left({coeff}\\right) {root}")
            else:
                root = f"sqrt({radicand})"
                parts.append(root if coeff == "1" else f"({coeff})*{root}")
        return " + ".join(parts)

    def __str__(self) -> str:
        return self._render(latex=False)

    def __repr__(self) -> str:
        return f"<QRadical {self} in {self.ctx.name}>"

    def latex(self) -> str:
        return self._render(latex=True)

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def _rebuild(context_name: str, terms: list[tuple[Key, Any]]) -> QRadical:
    """Unpickle a value into the (cached) context of the same name."""
    from .qcontexts import parse_context

    ctx = parse_context(context_name)
    return QRadical(ctx, {k: ctx.element(v) for k, v in terms})  # type: ignore[arg-type, attr-defined]
