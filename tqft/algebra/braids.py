"""Markov traces of the U_q(sl2) braid representations: the Jones and coloured Jones polynomials.

Convention (Turaev's enhanced Yang-Baxter operators)
----------------------------------------------------
For the braiding ``c`` of :mod:`tqft.algebra.rmatrix` on ``V = V_j`` the pair
``(c, mu = K)`` is an enhanced Yang-Baxter operator: ``K (x) K`` commutes with ``c`` and
the partial quantum trace is the twist,

.. math::

    \\mathrm{tr}_2\\big(c\\,(1 \\otimes K)\\big) = \\theta_j\\, \\mathrm{id}_V, \\qquad
    \\mathrm{tr}_2\\big(c^{-1} (1 \\otimes K)\\big) = \\theta_j^{-1}\\, \\mathrm{id}_V, \\qquad
    \\theta_j = q^{2j(j+1)}

(``markov_partial_trace``), so that (Turaev 1988, section 3; Kassel ch. X for Markov
traces)

.. math::

    J_V(\\hat b) = \\frac{\\theta_j^{-w(b)}}{[2j+1]}\\, \\mathrm{tr}_{V^{\\otimes n}}\\big(\\rho(b) K^{\\otimes n}\\big)

is invariant under conjugation and Markov stabilisation, with ``J(unknot) = 1``
(:func:`markov_trace`; ``w`` is the writhe, the exponent sum of the word).  For the
fundamental representation this is the Jones polynomial with

.. math::

    t = q^{-2}, \\qquad t^{1/2} = -q^{-1} = -s^{-2},

fixed by the skein relation: ``q^{1/2} c - q^{-1/2} c^{-1} = (q - q^{-1})`` and
``theta = q^{3/2}`` give ``q^2 J(L_+) - q^{-2} J(L_-) = (q - q^{-1}) J(L_0)``, which is
Jones' ``t^{-1} V(L_+) - t V(L_-) = (t^{1/2} - t^{-1/2}) V(L_0)`` exactly when
``t^{1/2} = -q^{-1}``.  Check values: ``sigma_1^3`` (right-handed trefoil, KnotInfo 3_1)
gives ``t + t^3 - t^4`` and ``sigma_1^2`` (Hopf link, LinkInfo L2a1{1}) gives
``-t^(1/2) - t^(5/2)``.  For knots only integer powers of ``t`` occur and the sign of
``t^(1/2)`` does not matter.

The coloured Jones polynomial ``J_n`` (colour ``n``, spin ``n/2``, the ``(n+1)``-dimensional
representation; KnotAtlas' ``ColouredJones[K, n]`` with its ``q`` equal to our ``t``) is the
same trace on ``V_{n/2}^{(x) k}``, divided by ``[n + 1]`` so that ``J_n(unknot) = 1`` and
corrected by ``theta_{n/2}^{-w}`` (zero framing); ``J_1`` is the Jones polynomial.

Speed.  ``K^{(x) n}`` and ``rho(b)`` preserve the total weight, so the trace is a sum over
weight spaces: ``tr(rho(b) K^{(x) n}) = sum_w q^w tr(rho(b)|_{W_w})`` (doubled total weight
``w``).  :func:`markov_trace` applies the generators to the basis vectors of one weight
space at a time (``dim W_w <= binomial(n, n/2)`` for the fundamental), never forming the
``(2j+1)^n`` matrix.

References
----------
* [Jon] V. F. R. Jones, "A polynomial invariant for knots via von Neumann algebras",
  Bull. AMS 12 (1985) 103-111; "Hecke algebra representations of braid groups and link
  polynomials", Ann. of Math. 126 (1987) 335-388.
* [Tur] V. G. Turaev, "The Yang-Baxter equation and invariants of links", Invent. Math.
  92 (1988) 527-553.
* [Kas] C. Kassel, *Quantum Groups*, Springer 1995, ch. X (braids, Markov traces).
* [Hab] K. Habiro, "On the quantum sl2 invariants of knots and integral homology
  spheres", Geom. Topol. Monogr. 4 (2002); G. Masbaum, "Skein-theoretical derivation of
  some formulas of Habiro", Algebr. Geom. Topol. 3 (2003) 537-556 (the cyclotomic formula
  for the trefoil used in the tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import product
from typing import Any

from ..errors import InvalidArgumentError, NotRepresentableError
from ..exact.context import QContext
from ..exact.laurent import Laurent
from ..exact.matrix import ExactMatrix
from ..exact.qcontexts import generic_q
from ..exact.ratfunc import RationalFunction
from ..spins import colour as parse_colour
from .rmatrix import local_braiding, parse_braid_word

__all__ = [
    "coloured_jones",
    "jones_from_braid",
    "jones_value",
    "markov_trace",
    "quantum_trace",
    "weight_space_traces",
    "writhe",
]


def writhe(word: Sequence[int]) -> int:
    """The exponent sum of a braid word (the writhe of its closure).

    >>> writhe([1, -2, 1, -2])
    0
    """
    letters, _ = parse_braid_word(word)
    return sum(1 if g > 0 else -1 for g in letters)


def quantum_trace(matrix: ExactMatrix, spin: Any, n_strands: int, ctx: QContext[Any, Any]) -> Any:
    """``tr(M K^{(x) n})`` for a matrix ``M`` on ``V_j^{(x) n}`` (Kronecker basis).

    The unnormalised, unframed Markov trace of a full braid matrix (for instance from
    :func:`tqft.algebra.rmatrix.braid_representation`); :func:`markov_trace` computes the
    same number weight space by weight space.

    Raises
    ------
    InvalidArgumentError
        If the shape does not match ``(2j+1)^n``.
    """
    a = parse_colour(spin, "spin")
    if isinstance(n_strands, bool) or not isinstance(n_strands, int) or n_strands < 1:
        raise InvalidArgumentError(f"n_strands = {n_strands!r} must be a positive integer")
    dim = (a + 1) ** n_strands
    if matrix.shape != (dim, dim):
        raise InvalidArgumentError(
            f"matrix has shape {matrix.shape}, but V_j^(x){n_strands} with colour {a} has dimension {dim}"
        )
    total = ctx.zero
    for (i, k), v in matrix.nonzero():
        if i == k:
            w = 0
            for _ in range(n_strands):
                i, p = divmod(i, a + 1)
                w += a - 2 * p
            total = total + v * ctx.qpower(2 * w)
    return total


def weight_space_traces(word: Any, n_strands: Any, spin: Any, ctx: QContext[Any, Any]) -> dict[int, Any]:
    """``{w: tr(rho(b) restricted to the weight space W_w)}`` over doubled total weights ``w``.

    Parameters
    ----------
    word, n_strands
        A braid word and its number of strands (see
        :func:`tqft.algebra.rmatrix.parse_braid_word`).
    spin : spin-like
        The colour of every strand.
    ctx : QContext
        The number context.

    Returns
    -------
    dict
        Trace of the braid on each weight space (the graded character of the braid).
    """
    letters, n = parse_braid_word(word, n_strands)
    return _weight_space_traces(letters, n, parse_colour(spin, "spin"), ctx)


def _weight_space_traces(letters: tuple[int, ...], n: int, a: int, ctx: QContext[Any, Any]) -> dict[int, Any]:
    j = Fraction(a, 2)
    pos, neg = local_braiding(j, ctx, False), local_braiding(j, ctx, True)
    weights = range(a, -a - 1, -2)
    spaces: dict[int, list[tuple[int, ...]]] = {}
    for t in product(weights, repeat=n):
        spaces.setdefault(sum(t), []).append(t)
    used = sorted({abs(g) for g in letters})
    out: dict[int, Any] = {}
    for w, basis in spaces.items():
        index = {t: k for k, t in enumerate(basis)}
        # transitions[g][k] = [(k', coefficient)]: the letter g on the k-th basis vector
        transitions: dict[int, list[list[tuple[int, Any]]]] = {}
        for i in used:
            for sign, table in ((1, pos), (-1, neg)):
                rows = []
                for t in basis:
                    images = []
                    for (x2, y2), c in table.get((t[i - 1], t[i]), ()):
                        images.append((index[(*t[: i - 1], x2, y2, *t[i + 1 :])], c))
                    rows.append(images)
                transitions[sign * i] = rows
        total = ctx.zero
        for k in range(len(basis)):
            vec: dict[int, Any] = {k: ctx.one}
            for g in reversed(letters):  # rho(w_1) ... rho(w_m) applied to e_k: last letter first
                rows = transitions[g]
                nxt: dict[int, Any] = {}
                for src, c in vec.items():
                    for dst, coef in rows[src]:
                        v = c * coef
                        nxt[dst] = nxt[dst] + v if dst in nxt else v
                vec = nxt
            if k in vec:
                total = total + vec[k]
        out[w] = total
    return out


def markov_trace(
    word: Any,
    n_strands: Any = None,
    spin: Any = "1/2",
    ctx: QContext[Any, Any] | None = None,
    *,
    normalised: bool = True,
) -> Any:
    """The quantum invariant of the closure of a braid coloured by ``V_j`` (Turaev's Markov trace).

    Parameters
    ----------
    word : sequence of int
        ``i`` for ``sigma_i`` (positive crossing, KnotInfo convention), ``-i`` for
        ``sigma_i^{-1}``.
    n_strands : int or None
        Number of strands (``None``: ``max |i| + 1``).
    spin : spin-like
        The colour of every strand (default ``1/2``, the Jones polynomial).
    ctx : QContext or None
        The number context; ``None`` means generic q.
    normalised : bool
        Divide by ``[2j + 1]`` so that the unknot gives 1 (default).  With ``False`` the
        unknot gives the quantum dimension ``[2j + 1]``.

    Returns
    -------
    ring element
        ``theta_j^{-w} tr(rho(b) K^{(x) n}) / [2j+1]`` in ``ctx``'s ring; for the fundamental
        at generic q, ``V(t)`` at ``t = q^-2`` (see the module docstring).

    Raises
    ------
    InvalidArgumentError
        For a malformed word or ``n_strands``.
    InvalidSpinError
        If ``spin`` is not a spin.
    NotRepresentableError
        If ``normalised`` and ``[2j + 1] = 0`` in ``ctx`` (``2j + 1`` a multiple of ``r`` at
        ``q = e^{i pi / r}``).

    Examples
    --------
    >>> print(markov_trace([1, 1, 1]))
    q^(-2) + q^(-6) - q^(-8)
    >>> from tqft.exact.qcontexts import root_of_unity
    >>> markov_trace([1, 1, 1], ctx=root_of_unity(5)) == jones_value(jones_from_braid([1, 1, 1]), root_of_unity(5))
    True
    """
    ctx = generic_q() if ctx is None else ctx
    letters, n = parse_braid_word(word, n_strands)
    a = parse_colour(spin, "spin")
    total = ctx.zero
    for w, tr in _weight_space_traces(letters, n, a, ctx).items():
        total = total + tr * ctx.qpower(2 * w)  # K^(x)n is q^w on the doubled weight w
    w_b = sum(1 if g > 0 else -1 for g in letters)
    if w_b:
        total = total * ctx.qpower(-w_b * a * (a + 2))  # theta_j^-w, theta_j = s^(a(a+2))
    if normalised:
        dim = ctx.qint(a + 1)
        if dim == ctx.zero:
            raise NotRepresentableError(
                f"spin = {spin!r}: the quantum dimension [{a + 1}] vanishes in {ctx.name}; "
                "use normalised=False or a spin below the level"
            )
        total = total / dim
    return total


def _to_t(value: Any) -> Laurent:
    """A generic-q invariant (a Laurent polynomial in ``s`` with even exponents) as a
    Laurent polynomial in ``x = t^(1/2)`` under ``s^2 = q = -1/x``."""
    if not isinstance(value, RationalFunction) or not value.is_laurent():
        raise NotRepresentableError(f"the Markov trace {value} is not a Laurent polynomial in q^(1/2)")
    out: dict[int, int] = {}
    for k, c in value.num.to_dict().items():
        if k % 2:
            raise NotRepresentableError(f"the Markov trace {value} has an odd power of q^(1/2)")
        half = k // 2  # q^half = (-1/x)^half
        out[-half] = -c if half % 2 else c
    return Laurent(out)


def jones_from_braid(word: Any, n_strands: Any = None) -> Laurent:
    """The Jones polynomial of the closure of a braid, by the Markov trace of the R-matrix.

    Parameters
    ----------
    word : sequence of int
        ``i`` for ``sigma_i`` (the positive crossing of KnotInfo's braid notation), ``-i``
        for its inverse.
    n_strands : int or None
        Number of strands (``None``: ``max |i| + 1``; an empty word is the unknot).

    Returns
    -------
    Laurent
        ``V(t)`` in the variable ``x = t^(1/2)``: exponent ``k`` means ``t^(k/2)``; print it
        with ``poly.format("t", Fraction(1, 2))``.  ``V(unknot) = 1``.

    Raises
    ------
    InvalidArgumentError
        For a malformed word or ``n_strands``.

    Notes
    -----
    Computed at generic q (exact rational functions of ``s = q^(1/2)``) and converted with
    ``t^(1/2) = -q^(-1)`` (module docstring); conventions of KnotInfo / LinkInfo.

    Examples
    --------
    >>> from fractions import Fraction
    >>> jones_from_braid([1, 1, 1]).format("t", Fraction(1, 2))
    '-t^4 + t^3 + t'
    >>> jones_from_braid([1, -2, 1, -2]).format("t", Fraction(1, 2))
    't^2 - t + 1 - t^(-1) + t^(-2)'
    """
    return _to_t(markov_trace(word, n_strands, Fraction(1, 2), generic_q()))


def coloured_jones(word: Any, n: int, n_strands: Any = None) -> Laurent:
    """The coloured Jones polynomial ``J_n`` of the closure of a braid (colour ``n``, spin ``n/2``).

    Parameters
    ----------
    word : sequence of int
        The braid word (as in :func:`jones_from_braid`).
    n : int
        The colour, ``n >= 0``: every component is coloured by the ``(n+1)``-dimensional
        irreducible representation (KnotAtlas' ``ColouredJones[K, n]``).
    n_strands : int or None
        Number of strands.

    Returns
    -------
    Laurent
        ``J_n`` in ``x = t^(1/2)`` (``t = q^-2``, ``t^(1/2) = -q^-1`` as for the Jones
        polynomial), normalised by ``J_n(unknot) = 1`` (the trace is divided by ``[n+1]``)
        and with the writhe corrected by ``theta_{n/2}^{-w}`` (zero framing).  ``J_1`` is
        the Jones polynomial and ``J_0 = 1``; for a knot it is KnotAtlas' polynomial in
        their ``q = t``.

    Raises
    ------
    InvalidArgumentError
        If ``n`` is not a non-negative integer, or the word is malformed.

    Examples
    --------
    >>> from fractions import Fraction
    >>> coloured_jones([1, 1, 1], 2).format("t", Fraction(1, 2))
    't^11 - t^10 - t^9 + t^8 - t^7 + t^5 + t^2'
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidArgumentError(f"n = {n!r} must be a non-negative integer colour (dimension n + 1)")
    return _to_t(markov_trace(word, n_strands, Fraction(n, 2), generic_q()))


def jones_value(poly: Laurent, ctx: QContext[Any, Any]) -> Any:
    """The value of a polynomial in ``t^(1/2)`` at ``t^(1/2) = -q^(-1)`` in ``ctx``'s ring.

    Specialises :func:`jones_from_braid` / :func:`coloured_jones` to the q of a context, so
    that it can be compared with :func:`markov_trace` computed directly there (e.g. at
    ``q = e^{i pi / r}``).
    """
    if not isinstance(poly, Laurent):
        raise InvalidArgumentError(f"poly = {poly!r} must be a Laurent polynomial in t^(1/2)")
    total = ctx.zero
    for k, c in poly.to_dict().items():
        term = ctx.qpower(-2 * k) * c  # (-q^-1)^k = (-1)^k s^(-2k)
        total = total + (-term if k % 2 else term)
    return total
