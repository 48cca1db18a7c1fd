"""U_q(sl2) as a Hopf algebra: elements, coproduct, counit, antipode, multiplication.

Elements of U_q are kept as non-commutative polynomials in the four letters ``E, F, K,
Ki`` (:class:`UqElement`, ``Ki = K^-1``), tensors of them as :class:`UqTensor`; they are
compared through their action on modules (:meth:`~tqft.algebra.representations.UqModule.act`),
which is how the Hopf axioms are verified (identity ``uq_hopf_axioms``).

Conventions (Kassel, *Quantum Groups*, VII.1)::

    Delta(K) = K (x) K,  Delta(E) = 1 (x) E + E (x) K,  Delta(F) = K^-1 (x) F + F (x) 1,
    eps(E) = eps(F) = 0, eps(K) = 1,  S(E) = -E K^-1,  S(F) = -K F,  S(K^+-1) = K^-+1.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from typing import Any

from ..errors import InvalidArgumentError
from ..exact.context import QContext
from ..exact.matrix import ExactMatrix
from .representations import GENERATORS, UqModule, Word

__all__ = ["UqElement", "UqTensor", "antipode", "coproduct", "counit", "generators", "multiply"]


# -- the algebra: non-commutative polynomials in E, F, K, K^-1 --------------------------------


class UqElement:
    """An element of U_q(sl2) written as a non-commutative polynomial in ``E, F, K, Ki``.

    The polynomial is not reduced modulo the relations: two elements are compared through
    their action on modules (:meth:`UqModule.act`).  Coefficients lie in the ring of
    ``ctx``.  Build elements from :func:`generators` with ``+``, ``-``, ``*`` and ``**``.

    Examples
    --------
    >>> from tqft.exact.qcontexts import generic_q
    >>> from tqft.algebra.representations import irrep
    >>> ctx = generic_q()
    >>> E, F, K, Ki = generators(ctx)
    >>> V = irrep(1, ctx)
    >>> (K * E * Ki - E * ctx.q ** 2).act_on(V).is_zero()
    True
    """

    __slots__ = ("ctx", "terms")

    def __init__(self, ctx: QContext[Any, Any], terms: dict[Word, Any]) -> None:
        self.ctx = ctx
        self.terms = {w: c for w, c in terms.items() if c != ctx.zero}

    @classmethod
    def scalar(cls, ctx: QContext[Any, Any], c: Any) -> UqElement:
        """``c * 1``."""
        return cls(ctx, {(): c})

    def _coerce(self, other: Any) -> UqElement | None:
        if isinstance(other, UqElement):
            if other.ctx is not self.ctx:
                raise InvalidArgumentError(f"cannot combine elements of {self.ctx.name} and {other.ctx.name}")
            return other
        return None

    def __add__(self, other: Any) -> UqElement:
        o = self._coerce(other)
        if o is None:
            o = UqElement.scalar(self.ctx, other)
        out = dict(self.terms)
        for w, c in o.terms.items():
            out[w] = out[w] + c if w in out else c
        return UqElement(self.ctx, out)

    __radd__ = __add__

    def __neg__(self) -> UqElement:
        return UqElement(self.ctx, {w: -c for w, c in self.terms.items()})

    def __sub__(self, other: Any) -> UqElement:
        o = self._coerce(other)
        return self + (-(o if o is not None else UqElement.scalar(self.ctx, other)))

    def __rsub__(self, other: Any) -> UqElement:
        return (-self) + other

    def __mul__(self, other: Any) -> UqElement:
        o = self._coerce(other)
        if o is None:
            return UqElement(self.ctx, {w: c * other for w, c in self.terms.items()})
        out: dict[Word, Any] = {}
        for w1, c1 in self.terms.items():
            for w2, c2 in o.terms.items():
                w = w1 + w2
                c = c1 * c2
                out[w] = out[w] + c if w in out else c
        return UqElement(self.ctx, out)

    def __rmul__(self, other: Any) -> UqElement:
        return UqElement(self.ctx, {w: other * c for w, c in self.terms.items()})

    def __pow__(self, k: int) -> UqElement:
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise InvalidArgumentError(f"k = {k!r}: only non-negative integer powers of an element are defined")
        out = UqElement.scalar(self.ctx, self.ctx.one)
        for _ in range(k):
            out = out * self
        return out

    def act_on(self, module: UqModule) -> ExactMatrix:
        """The matrix of this element on ``module`` (same as ``module.act(self)``)."""
        return module.act(self)

    def __repr__(self) -> str:
        parts = [f"({c})*{'*'.join(w) or '1'}" for w, c in self.terms.items()]
        return f"<UqElement {' + '.join(parts) or '0'}>"


def generators(ctx: QContext[Any, Any]) -> tuple[UqElement, UqElement, UqElement, UqElement]:
    """``(E, F, K, K^-1)`` as elements of U_q over ``ctx``."""
    return tuple(UqElement(ctx, {(g,): ctx.one}) for g in GENERATORS)  # type: ignore[return-value]


class UqTensor:
    """An element of ``U_q^{(x) n}``: a sum of ``c * w_1 (x) ... (x) w_n`` over words ``w_i``.

    Produced by :func:`coproduct`; acts on ``V_1 (x) ... (x) V_n`` by :meth:`act`.
    """

    __slots__ = ("ctx", "legs", "terms")

    def __init__(self, ctx: QContext[Any, Any], legs: int, terms: dict[tuple[Word, ...], Any]) -> None:
        self.ctx = ctx
        self.legs = legs
        self.terms = {w: c for w, c in terms.items() if c != ctx.zero}

    def __add__(self, other: UqTensor) -> UqTensor:
        if not isinstance(other, UqTensor) or other.legs != self.legs:
            return NotImplemented
        out = dict(self.terms)
        for w, c in other.terms.items():
            out[w] = out[w] + c if w in out else c
        return UqTensor(self.ctx, self.legs, out)

    def __neg__(self) -> UqTensor:
        return UqTensor(self.ctx, self.legs, {w: -c for w, c in self.terms.items()})

    def __sub__(self, other: UqTensor) -> UqTensor:
        return self + (-other)

    def __mul__(self, other: Any) -> UqTensor:
        """Product in ``U_q^{(x) n}`` (leg by leg), or by a scalar."""
        if not isinstance(other, UqTensor):
            return UqTensor(self.ctx, self.legs, {w: c * other for w, c in self.terms.items()})
        if other.legs != self.legs:
            raise InvalidArgumentError(f"cannot multiply tensors with {self.legs} and {other.legs} legs")
        out: dict[tuple[Word, ...], Any] = {}
        for w1, c1 in self.terms.items():
            for w2, c2 in other.terms.items():
                w = tuple(a + b for a, b in zip(w1, w2))
                c = c1 * c2
                out[w] = out[w] + c if w in out else c
        return UqTensor(self.ctx, self.legs, out)

    def flip(self) -> UqTensor:
        """The image under the flip ``a (x) b -> b (x) a`` (two legs): ``Delta^op`` from ``Delta``."""
        if self.legs != 2:
            raise InvalidArgumentError(f"flip needs a tensor with 2 legs, not {self.legs}")
        return UqTensor(self.ctx, 2, {(w[1], w[0]): c for w, c in self.terms.items()})

    def act(self, modules: Sequence[UqModule]) -> ExactMatrix:
        """The matrix on ``modules[0] (x) ... (x) modules[n-1]`` (Kronecker basis)."""
        if len(modules) != self.legs:
            raise InvalidArgumentError(
                f"modules: a tensor with {self.legs} legs acts on {self.legs} modules, not {len(modules)}"
            )
        dim = 1
        for m in modules:
            dim *= m.dim
        total = ExactMatrix.zeros(dim, dim, self.ctx.zero, self.ctx.one)
        for words, c in self.terms.items():
            factors = [m.act(UqElement(self.ctx, {w: self.ctx.one})) for m, w in zip(modules, words)]
            total = total + reduce(ExactMatrix.kron, factors).scale(c)
        return total

    def __repr__(self) -> str:
        return f"<UqTensor {self.legs} legs, {len(self.terms)} terms>"


_DELTA: dict[str, tuple[tuple[str, str], ...]] = {
    # Kassel VII.1: Delta(E) = 1 (x) E + E (x) K, Delta(F) = K^-1 (x) F + F (x) 1
    "E": (("", "E"), ("E", "K")),
    "F": (("Ki", "F"), ("F", "")),
    "K": (("K", "K"),),
    "Ki": (("Ki", "Ki"),),
}


def _delta_word(word: Word) -> dict[tuple[Word, Word], int]:
    out: dict[tuple[Word, Word], int] = {((), ()): 1}
    for g in word:
        nxt: dict[tuple[Word, Word], int] = {}
        for (left, right), c in out.items():
            for a, b in _DELTA[g]:
                key = (left + ((a,) if a else ()), right + ((b,) if b else ()))
                nxt[key] = nxt.get(key, 0) + c
        out = nxt
    return out


def coproduct(x: UqElement | UqTensor, leg: int = 0) -> UqTensor:
    """``Delta`` (Kassel VII.1) applied to an element, or to leg ``leg`` of a tensor.

    ``coproduct(coproduct(x), 0)`` is ``(Delta (x) id) Delta(x)`` and
    ``coproduct(coproduct(x), 1)`` is ``(id (x) Delta) Delta(x)``.

    Raises
    ------
    InvalidArgumentError
        If ``leg`` is not a leg of the tensor.

    Examples
    --------
    >>> from tqft.exact.qcontexts import generic_q
    >>> E, F, K, Ki = generators(generic_q())
    >>> sorted(coproduct(E).terms)
    [((), ('E',)), (('E',), ('K',))]
    """
    if isinstance(x, UqElement):
        x = UqTensor(x.ctx, 1, {(w,): c for w, c in x.terms.items()})
    if isinstance(leg, bool) or not isinstance(leg, int) or not 0 <= leg < x.legs:
        raise InvalidArgumentError(f"leg = {leg!r} must be an integer in 0..{x.legs - 1}")
    out: dict[tuple[Word, ...], Any] = {}
    for words, c in x.terms.items():
        for (left, right), k in _delta_word(words[leg]).items():
            key = (*words[:leg], left, right, *words[leg + 1 :])
            v = c * k
            out[key] = out[key] + v if key in out else v
    return UqTensor(x.ctx, x.legs + 1, out)


def counit(x: UqElement | UqTensor, leg: int = 0) -> Any:
    """The counit ``epsilon`` (Kassel VII.1): ``epsilon(E) = epsilon(F) = 0``, ``epsilon(K^+-1) = 1``.

    On an element it returns a scalar; on a tensor it is applied to leg ``leg`` and the
    result has one leg fewer (an element when one leg is left), so
    ``counit(coproduct(x), 0)`` is ``(epsilon (x) id) Delta(x)``.
    """
    if isinstance(x, UqElement):
        total = x.ctx.zero
        for w, c in x.terms.items():
            if "E" not in w and "F" not in w:
                total = total + c
        return total
    if isinstance(leg, bool) or not isinstance(leg, int) or not 0 <= leg < x.legs:
        raise InvalidArgumentError(f"leg = {leg!r} must be an integer in 0..{x.legs - 1}")
    out: dict[tuple[Word, ...], Any] = {}
    for words, c in x.terms.items():
        if "E" in words[leg] or "F" in words[leg]:
            continue
        key = words[:leg] + words[leg + 1 :]
        out[key] = out[key] + c if key in out else c
    if x.legs == 2:
        return UqElement(x.ctx, {k[0]: c for k, c in out.items()})
    return UqTensor(x.ctx, x.legs - 1, out)


_S: dict[str, tuple[int, Word]] = {
    # Kassel VII.1: S(E) = -E K^-1, S(F) = -K F, S(K) = K^-1
    "E": (-1, ("E", "Ki")),
    "F": (-1, ("K", "F")),
    "K": (1, ("Ki",)),
    "Ki": (1, ("K",)),
}


def antipode(x: UqElement | UqTensor, leg: int = 0) -> Any:
    """The antipode ``S`` (an algebra anti-automorphism; Kassel VII.1), on an element or on
    leg ``leg`` of a tensor."""
    if isinstance(x, UqTensor):
        if isinstance(leg, bool) or not isinstance(leg, int) or not 0 <= leg < x.legs:
            raise InvalidArgumentError(f"leg = {leg!r} must be an integer in 0..{x.legs - 1}")
        out: dict[tuple[Word, ...], Any] = {}
        for words, c in x.terms.items():
            sign, image = _antipode_word(words[leg])
            key = (*words[:leg], image, *words[leg + 1 :])
            v = c if sign > 0 else -c
            out[key] = out[key] + v if key in out else v
        return UqTensor(x.ctx, x.legs, out)
    res: dict[Word, Any] = {}
    for w, c in x.terms.items():
        sign, image = _antipode_word(w)
        v = c if sign > 0 else -c
        res[image] = res[image] + v if image in res else v
    return UqElement(x.ctx, res)


def _antipode_word(word: Word) -> tuple[int, Word]:
    sign = 1
    out: Word = ()
    for g in reversed(word):  # S(ab) = S(b) S(a)
        s, img = _S[g]
        sign *= s
        out = out + img
    return sign, out


def multiply(t: UqTensor) -> UqElement:
    """The multiplication ``m : U_q (x) U_q -> U_q`` (concatenation of the two legs)."""
    if t.legs != 2:
        raise InvalidArgumentError(f"multiply needs a tensor with 2 legs, not {t.legs}")
    out: dict[Word, Any] = {}
    for (a, b), c in t.terms.items():
        w = a + b
        out[w] = out[w] + c if w in out else c
    return UqElement(t.ctx, out)
