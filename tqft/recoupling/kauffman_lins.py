"""Kauffman-Lins recoupling theory: loop, theta and tetrahedral nets, recoupling coefficients.

Temperley-Lieb recoupling theory normalises trivalent vertices by Jones-Wenzl projectors,
not by unit-norm intertwiners, so its values are rational functions of Kauffman's ``A``
with no square roots.  Everything here is written once against a
:class:`~tqft.exact.QContext` (exact classical, generic q, root of unity, numeric).

Conventions (Kauffman and Lins, *Temperley-Lieb Recoupling Theory and Invariants of
3-Manifolds*, Princeton 1994, chapters 6-10; q = A^2 and ``[n] = (A^{2n} - A^{-2n}) /
(A^2 - A^{-2})``, the quantum integer of :mod:`tqft.exact.qcontexts`).  Arguments are
colours ``a = 2j`` (the number of strands):

* loop value ``Delta_n = (-1)^n [n+1]``;
* theta net, with ``m = (a+b-c)/2``, ``n = (b+c-a)/2``, ``p = (a+c-b)/2``::

      theta(a, b, c) = (-1)^(m+n+p) [m+n+p+1]! [m]! [n]! [p]! / ([m+n]! [n+p]! [m+p]!)

* tetrahedral net ``Tet[A B E; C D F]`` with faces ``(A, D, E)``, ``(B, C, E)``,
  ``(A, B, F)``, ``(C, D, F)``: with face sums ``a_i`` and ``b_j`` the sums of the
  opposite-edge pairs, ``I! = prod_{i,j} [b_j - a_i]!``, ``E! = [A]! [B]! [C]! [D]! [E]! [F]!``::

      Tet = (I! / E!) sum_{max a_i <= s <= min b_j} (-1)^s [s+1]! / (prod_i [s - a_i]! prod_j [b_j - s]!)

* recoupling coefficient ``{a b i; c d j}`` (the change of basis from the channel where
  ``a, d`` meet at ``i`` to the channel where ``a, b`` meet at ``j``)::

      {a b i; c d j} = Tet[a b i; c d j] Delta_i / (theta(a, d, i) theta(b, c, i))

Relation to the unitary (Racah-Wigner) normalisation, checked exactly by the identity
``kl_unitary_relation``::

    {a b c; d e f}_unitary = Tet[a b f; d e c] / sqrt(|theta(a,b,c) theta(a,e,f) theta(d,b,f) theta(d,e,c)|)

(the square root is the product of triangle coefficients ``I! / (E! prod Delta)``, so the
relation holds without sign ambiguity wherever the quantum integers involved are positive:
real q > 0, and q = e^{i pi / r} within the level).
"""

from __future__ import annotations

from typing import Any

from ..errors import AdmissibilityError, InvalidArgumentError
from ..exact.context import QContext
from ..exact.qcontexts import RootOfUnityContext
from .racah_formulas import racah_sum, triangle_factorials

__all__ = [
    "loop",
    "recoupling_coefficient",
    "tet",
    "tet_from_unitary",
    "theta",
    "unitary_from_tet",
]


def _check_colour(n: Any, name: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidArgumentError(f"{name} = {n!r} must be a colour: a non-negative integer (twice the spin)")


def _require(ctx: QContext[Any, Any], names: str, *triple: int) -> None:
    if not ctx.admissible(*triple):
        raise AdmissibilityError(
            f"({names}) = {triple} is not admissible in {ctx.name}: the sum must be even, the triangle "
            "inequalities must hold" + (" and a + b + c <= 2(r - 2)" if isinstance(ctx, RootOfUnityContext) else "")
        )


def loop(ctx: QContext[Any, Any], n: int) -> Any:
    """``Delta_n = (-1)^n [n + 1]``, the value of a loop of colour ``n``.

    >>> from tqft.exact.qcontexts import generic_q
    >>> print(loop(generic_q("A"), 1))
    -A^2 - A^(-2)
    """
    _check_colour(n, "n")
    return ctx.sign(n) * ctx.qint(n + 1)


def theta(ctx: QContext[Any, Any], a: int, b: int, c: int) -> Any:
    """The theta net ``theta(a, b, c)`` (Kauffman-Lins section 6.4); raises if inadmissible.

    >>> from tqft.exact import CLASSICAL
    >>> theta(CLASSICAL, 1, 1, 2)   # m, n, p = 0, 1, 1: 3! 0! 1! 1! / (1! 2! 1!) = 3
    Fraction(3, 1)
    """
    for v, nm in ((a, "a"), (b, "b"), (c, "c")):
        _check_colour(v, nm)
    _require(ctx, "a, b, c", a, b, c)
    m, n, p = (a + b - c) // 2, (b + c - a) // 2, (a + c - b) // 2
    f = ctx.qfactorial
    return ctx.sign(m + n + p) * f(m + n + p + 1) * f(m) * f(n) * f(p) / (f(a) * f(b) * f(c))


def _tet_data(
    a: int, b: int, e: int, c: int, d: int, f: int
) -> tuple[tuple[tuple[int, int, int], ...], tuple[int, ...]]:
    faces = ((a, d, e), (b, c, e), (a, b, f), (c, d, f))
    pairs = ((b + d + e + f) // 2, (a + c + e + f) // 2, (a + b + c + d) // 2)
    return faces, pairs


def tet(ctx: QContext[Any, Any], a: int, b: int, e: int, c: int, d: int, f: int) -> Any:
    """The tetrahedral net ``Tet[a b e; c d f]`` (Kauffman-Lins section 8.5); raises if a face
    is inadmissible.

    >>> from tqft.exact.qcontexts import generic_q
    >>> print(tet(generic_q("A"), 2, 2, 2, 2, 2, 2))
    (A^12 + 2*A^4 + 2*A^(-4) + A^(-12))/(A^4 + 2 + A^(-4))
    """
    for v, nm in ((a, "a"), (b, "b"), (e, "e"), (c, "c"), (d, "d"), (f, "f")):
        _check_colour(v, nm)
    faces, pairs = _tet_data(a, b, e, c, d, f)
    for face, nm in zip(faces, ("a, d, e", "b, c, e", "a, b, f", "c, d, f")):
        _require(ctx, nm, *face)
    alphas = tuple(sum(t) // 2 for t in faces)
    fac = ctx.qfactorial
    i_fact = ctx.one
    for al in alphas:
        for be in pairs:
            i_fact = i_fact * fac(be - al)
    e_fact = fac(a) * fac(b) * fac(c) * fac(d) * fac(e) * fac(f)
    return i_fact / e_fact * racah_sum(ctx, alphas, pairs)


def recoupling_coefficient(ctx: QContext[Any, Any], a: int, b: int, i: int, c: int, d: int, j: int) -> Any:
    """``{a b i; c d j} = Tet[a b i; c d j] Delta_i / (theta(a, d, i) theta(b, c, i))``
    (Kauffman-Lins section 10.2)."""
    return tet(ctx, a, b, i, c, d, j) * loop(ctx, i) / (theta(ctx, a, d, i) * theta(ctx, b, c, i))


def _unitary_triads(a: int, b: int, c: int, d: int, e: int, f: int) -> tuple[tuple[int, int, int], ...]:
    return ((a, b, c), (a, e, f), (d, b, f), (d, e, c))


def _theta_root_parts(
    ctx: QContext[Any, Any], a: int, b: int, c: int, d: int, e: int, f: int
) -> tuple[Any, list[int], list[int]]:
    """``I!/E!`` and the factorial lists of ``prod Delta^2`` for the tetrahedron of a
    unitary 6j, so that ``sqrt|prod theta| = (I!/E!) / sqrt(prod Delta^2)``."""
    fac = ctx.qfactorial
    numer: list[int] = []
    denom: list[int] = []
    i_fact = ctx.one
    for t in _unitary_triads(a, b, c, d, e, f):
        n, m = triangle_factorials(*t)
        numer.extend(n)
        denom.extend(m)
        for k in n:
            i_fact = i_fact * fac(k)
    e_fact = fac(a) * fac(b) * fac(c) * fac(d) * fac(e) * fac(f)
    return i_fact / e_fact, numer, denom


def unitary_from_tet(ctx: QContext[Any, Any], a: int, b: int, c: int, d: int, e: int, f: int) -> Any:
    """The unitary 6j ``{a b c; d e f}`` computed from Kauffman-Lins nets:
    ``Tet[a b f; d e c] / sqrt|theta theta theta theta|`` (see the module docstring)."""
    t = tet(ctx, a, b, f, d, e, c)
    ratio, numer, denom = _theta_root_parts(ctx, a, b, c, d, e, f)
    # 1 / sqrt|prod theta| = sqrt(prod Delta^2) / (I!/E!)
    return ctx.sqrt_factorials(t / ratio, numer, denom)


def tet_from_unitary(ctx: QContext[Any, Any], value: Any, a: int, b: int, c: int, d: int, e: int, f: int) -> Any:
    """``Tet[a b f; d e c]`` from the unitary 6j ``value = {a b c; d e f}`` (inverse of
    :func:`unitary_from_tet`); the result has no square roots left."""
    ratio, numer, denom = _theta_root_parts(ctx, a, b, c, d, e, f)
    return value * ctx.sqrt_factorials(ratio, denom, numer)
