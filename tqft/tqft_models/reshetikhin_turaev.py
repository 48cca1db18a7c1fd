"""Reshetikhin-Turaev invariants of SU(2)_k, exact in ``Q(zeta_{8(k+2)})``: the SL(2,Z)
representation, lens spaces, plumbings, ``S^3``, ``S^2 x S^1`` and ``Sigma_g x S^1``.

All values lie in the field of :func:`~tqft.algebra.modular.modular_data` ``(k)``:
``K = Q(zeta_N)``, ``N = 8r``, ``r = k + 2``, principal embedding
``zeta_N -> exp(2 pi i / N)``, so ``q = zeta_N^4 = exp(i pi / r)``.

Normalisation
-------------
``Z(S^3) = S_00 = 1/D`` and ``Z(S^2 x S^1) = 1``, with ``D^2 = sum_a d_a^2 =
r / (2 sin^2(pi/r))`` (Witten's normalisation; ``|Z|^2`` is then the Turaev-Viro
invariant with ``TV(S^3) = D^-2``, the Turaev-Walker theorem).  ``Z`` is multiplicative
up to ``S_00``: ``Z(M1 # M2) = Z(M1) Z(M2) / Z(S^3)``; reversing the orientation
conjugates ``Z``.

The SL(2,Z) representation (phase convention)
---------------------------------------------
``rho(S) = S`` and ``rho(T) = T = diag(exp(2 pi i (h_a - c/24)))`` (the CFT
normalisation of :attr:`~tqft.algebra.modular.ModularData.T`), with
``S = [[0, -1], [1, 0]]`` and ``T = [[1, 1], [0, 1]]`` as integer matrices.  These
satisfy ``S^4 = 1`` and ``(ST)^3 = S^2 = C``: the defining relations of SL(2,Z), so
``rho`` is a *linear* representation and two words for one matrix give the same ``rho``
exactly (and since ``C = 1`` for SU(2)_k, ``rho(-A) = rho(A)``).  With the ribbon twist
``Theta = exp(2 pi i c/24) T`` instead of ``T`` (``normalisation="twist"``) the map is
only projective: ``(S Theta)^3 = exp(2 pi i c/8) S^2``, and
``rho_Theta(w) = exp(2 pi i c t(w)/24) rho(w)`` where ``t(w)`` is the total exponent of
``T`` in the word ``w``, so two words of one matrix differ by
``exp(2 pi i c (t(w1) - t(w2))/24)``.

Framing and lens spaces
-----------------------
For ``U = [[a, b], [c, d]]`` in SL(2,Z), gluing two solid tori by ``U`` gives the lens
space ``M_U = L(|c|, sign(c) a)`` (``S^2 x S^1`` when ``c = 0``).  The canonically framed
invariant is

``Z(M_U) = exp(2 pi i c_k Phi(U) / 24) rho(U)_00``,   ``c_k = 3k/(k+2)``,

with the Rademacher function ``Phi(U) = b/d`` (``c = 0``) and
``(a + d)/c - 12 sign(c) s(d, |c|)`` otherwise (``s`` the Dedekind sum), an integer with
``Phi(T^m U T^n) = Phi(U) + m + n`` [RG; J; FG; KM].  The factor removes the
dependence on ``U`` within its double coset ``T^Z U T^Z``, i.e. on the framing: for a
chain of unknots with framings ``a_1 .. a_m``, ``U = S T^a_1 S ... S T^a_m S`` and
``Phi(U) = sum a_i - 3 sigma`` (``sigma`` the signature of the linking matrix), which
is exactly the signature correction of the surgery formula below [KM].

*Orientation.*  ``L(p, q)`` is ``-p/q`` surgery on the unknot, the quotient of ``S^3`` by
``(z, w) -> (zeta_p z, zeta_p^q w)`` [GS, sec. 5.3]; it bounds the negative-definite chain
with framings ``-b_1 .. -b_m``, ``p/q = b_1 - 1/(b_2 - ...)``, ``b_i >= 2``.  Its gluing
matrix is ``U = [[q, (q q* - 1)/p], [p, q*]]`` with ``q q* = 1 mod p``
(:func:`lens_gluing_matrix`).  ``L(p, q) = L(p, q*)`` and ``L(p, -q) = -L(p, q)``, so
``Z(L(p, q*)) = Z(L(p, q))`` and ``Z(L(p, -q)) = conj Z(L(p, q))``.

Three independent routes
------------------------
``method="heegaard"`` (default): ``rho(U)_00`` from a word in S and T found by Euclid's
algorithm, times the Rademacher phase.  ``method="surgery"``: the Reshetikhin-Turaev
surgery formula [RT; T, ch. II; KM] on the chain of unknots (:func:`z_plumbing`)

``Z(M_L) = D^(-1-m) (p^+/D)^(-b_+) (p^-/D)^(-b_-) sum_colours prod_i d_(a_i) theta_(a_i)^(n_i) <L>``,

with the Gauss sums ``p^+- = sum_a theta_a^(+-1) d_a^2`` and ``b_+-`` the numbers of
positive / negative eigenvalues of the linking matrix.  ``method="closed-form"``:
Jeffrey's Gauss-sum formula (from quadratic reciprocity),

``Z(L(p, q)) = i / sqrt(2rp) exp(6 pi i s(q, p) / r) sum_(e = +-1) e exp(-i pi e/(rp))
sum_(n mod p) exp(2 pi i n (q* r n + e q* - 1) / p)``,

evaluated in ``Q(zeta_(8rp))`` and brought down to ``Q(zeta_8r)`` by exact linear
algebra (which certifies that it lies there).  The three agree exactly (tests and
:mod:`tqft.identities.reshetikhin_turaev`).

References
----------
* [J] L. C. Jeffrey, *Chern-Simons-Witten invariants of lens spaces and torus bundles,
  and the semiclassical approximation*, Commun. Math. Phys. 147 (1992) 563-604
  (the formula for ``rho(U)``, ``c != 0``, and the lens-space invariant).
* [FG] D. S. Freed, R. E. Gompf, *Computer calculation of Witten's 3-manifold invariant*,
  Commun. Math. Phys. 141 (1991) 79-117.
* [KM] R. Kirby, P. Melvin, *The 3-manifold invariants of Witten and Reshetikhin-Turaev
  for sl(2, C)*, Invent. Math. 105 (1991) 473-545.
* [RT] N. Reshetikhin, V. G. Turaev, Invent. Math. 103 (1991) 547-597; [T] V. G. Turaev,
  *Quantum Invariants of Knots and 3-Manifolds* (de Gruyter 1994), ch. II.
* [BEW] B. C. Berndt, R. J. Evans, K. S. Williams, *Gauss and Jacobi Sums* (Wiley 1998), ch. 1.
* [RG] H. Rademacher, E. Grosswald, *Dedekind Sums* (MAA 1972): ``s(h, k)``, reciprocity,
  ``Phi``.  [GS] R. Gompf, A. Stipsicz, *4-Manifolds and Kirby Calculus* (AMS 1999).

Examples
--------
>>> z = z_lens(7, 2, 3)
>>> z == z_lens(7, 4, 3) == z_lens(7, 2, 3, method="surgery") == z_lens(7, 2, 3, method="closed-form")
True
>>> z_lens(7, 5, 3) == z.conjugate() != z
True
>>> z_lens(1, 0, 3) == modular_data(3).S[0, 0], z_lens(0, 1, 3) == 1
(True, True)
>>> a = abs_squared(z_lens(3, 1, 2)); a, a.is_real()
(<Cyclotomic 1/4 in Q(zeta_32)>, True)
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

import flint

from ..algebra.modular import ModularData, modular_data
from ..errors import CostLimitError, InvalidArgumentError
from ..exact.cyclotomic import Cyclotomic, CyclotomicField, cyclotomic_field
from ..exact.matrix import ExactMatrix

__all__ = [
    "MAX_CLOSED_FORM_CONDUCTOR",
    "abs_squared",
    "chain_lens_space",
    "dedekind_sum",
    "lens_chain",
    "lens_gluing_matrix",
    "linking_signature",
    "rademacher_phi",
    "rho",
    "rho_closed_form",
    "seifert_plumbing",
    "sl2z_matrix",
    "sl2z_word",
    "z_chain",
    "z_heegaard",
    "z_lens",
    "z_lens_closed_form",
    "z_plumbing",
    "z_s2xs1",
    "z_s3",
    "z_surface_times_circle",
]

#: largest conductor ``8 r |c|`` in which the Gauss-sum closed forms are evaluated
MAX_CLOSED_FORM_CONDUCTOR = 20_000

Matrix2 = tuple[tuple[int, int], tuple[int, int]]
Word = tuple[tuple[str, int], ...]

_METHODS = ("heegaard", "surgery", "closed-form")


# --- argument checking -------------------------------------------------------------------------


def _int(value: Any, name: str, low: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidArgumentError(f"{name} = {value!r} must be an integer (got {type(value).__name__})")
    v = int(value)
    if low is not None and v < low:
        raise InvalidArgumentError(f"{name} = {v} must be an integer >= {low}")
    return v


def _lens_args(p: Any, q: Any) -> tuple[int, int]:
    """``(p, q mod p)`` after checking ``p >= 0`` and ``gcd(p, q) = 1`` (``L(0, +-1) = S^2 x S^1``)."""
    p, q = _int(p, "p", 0), _int(q, "q")
    if math.gcd(p, q) != 1:
        allowed = "q = 1 or -1 (L(0, 1) = S^2 x S^1)" if p == 0 else f"q coprime to p = {p}"
        raise InvalidArgumentError(f"q = {q} is not allowed for the lens space L({p}, q): need {allowed}")
    return (0, 1) if p == 0 else (p, q % p)


def _matrix(m: Any) -> Matrix2:
    """An SL(2,Z) matrix from nested sequences of integers (checked)."""
    try:
        (a, b), (c, d) = m
        a, b, c, d = (_int(x, "matrix entry") for x in (a, b, c, d))
    except (TypeError, ValueError) as exc:
        if isinstance(exc, InvalidArgumentError):
            raise
        raise InvalidArgumentError(f"matrix = {m!r} must be a 2x2 integer matrix [[a, b], [c, d]]") from None
    if a * d - b * c != 1:
        raise InvalidArgumentError(f"matrix = {m!r} has determinant {a * d - b * c}, not 1: it is not in SL(2,Z)")
    return ((a, b), (c, d))


# --- SL(2,Z): words and matrices ------------------------------------------------------------------

_TOKEN = re.compile(r"\s*([ST])(?:\^\(?\s*([+-]?\d+)\s*\)?)?\s*\*?")


def _word(word: Any) -> Word:
    """A word as ``(("S", n), ("T", m), ...)`` from a string ``"S T^2 S T^-1"`` or pairs."""
    if isinstance(word, str):
        pos, out = 0, []
        while pos < len(word):
            m = _TOKEN.match(word, pos)
            if m is None or m.end() == pos:
                raise InvalidArgumentError(
                    f"word = {word!r} is not a word in S and T: expected tokens like S, T, T^3, T^-2, S^-1 "
                    f"(problem at position {pos})"
                )
            out.append((m.group(1), int(m.group(2)) if m.group(2) else 1))
            pos = m.end()
        return tuple(out)
    try:
        pairs = tuple((str(g), _int(n, "exponent")) for g, n in word)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, InvalidArgumentError):
            raise
        raise InvalidArgumentError(f"word = {word!r} must be a string or a sequence of (letter, exponent)") from None
    for g, _ in pairs:
        if g not in ("S", "T"):
            raise InvalidArgumentError(f"word letter {g!r} must be 'S' or 'T'")
    return pairs


def _mul(x: Matrix2, y: Matrix2) -> Matrix2:
    (a, b), (c, d) = x
    (e, f), (g, h) = y
    return ((a * e + b * g, a * f + b * h), (c * e + d * g, c * f + d * h))


def sl2z_matrix(word: Any) -> Matrix2:
    """The integer matrix of a word in ``S = [[0, -1], [1, 0]]`` and ``T = [[1, 1], [0, 1]]``.

    Parameters
    ----------
    word : str or sequence
        A string such as ``"S T^2 S T^-1"`` or pairs ``(letter, exponent)`` such as
        ``[("S", 1), ("T", 2), ("S", 1), ("T", -1)]``.

    Examples
    --------
    >>> sl2z_matrix("S T S T S T"), sl2z_matrix("S^2")
    (((-1, 0), (0, -1)), ((-1, 0), (0, -1)))
    """
    out: Matrix2 = ((1, 0), (0, 1))
    for g, n in _word(word):
        if g == "T":
            out = _mul(out, ((1, n), (0, 1)))
        else:
            for _ in range(n % 4):
                out = _mul(out, ((0, -1), (1, 0)))
    return out


def sl2z_word(matrix: Any) -> Word:
    """A word in S and T for an SL(2,Z) matrix, by Euclid's algorithm.

    ``A = T^(n_1) S T^(n_2) S ... T^(n_m) S (S^2)^e T^n`` with ``n_i = floor(a/c)`` at each
    step (``A -> S^-1 T^-n A`` lowers ``|c|``); the word has ``O(log |c|)`` letters.

    Raises
    ------
    InvalidArgumentError
        if ``matrix`` is not a 2x2 integer matrix of determinant 1.

    Examples
    --------
    >>> w = sl2z_word([[2, 1], [9, 5]]); w
    (('T', 0), ('S', 1), ('T', -5), ('S', 1), ('T', -2), ('S', 1), ('T', 0))
    >>> sl2z_matrix(w)
    ((2, 1), (9, 5))
    """
    m = _matrix(matrix)
    out: list[tuple[str, int]] = []
    while m[1][0] != 0:
        (a, b), (c, d) = m
        n = a // c
        out += [("T", n), ("S", 1)]
        # S^-1 T^-n A = [[c, d], [-(a - n c), -(b - n d)]]
        m = ((c, d), (-(a - n * c), -(b - n * d)))
    (a, b), (_, d) = m  # a = d = +-1
    if a == -1:
        out.append(("S", 2))
    out.append(("T", b * a))
    return tuple(out)


def _element(element: Any) -> Word:
    """A word from a word or from an integer matrix (decomposed by :func:`sl2z_word`)."""
    if isinstance(element, str):
        return _word(element)
    try:
        if len(element) == 0:
            return ()  # the empty word: the identity
        first = element[0]
    except (TypeError, IndexError, KeyError):
        raise InvalidArgumentError(f"element = {element!r} must be a word in S, T or a 2x2 SL(2,Z) matrix") from None
    if isinstance(first, str) or (isinstance(first, Sequence) and len(first) == 2 and isinstance(first[0], str)):
        return _word(element)
    return sl2z_word(element)


# --- Dedekind sums and the Rademacher function --------------------------------------------


def dedekind_sum(h: int, c: int) -> Fraction:
    """The Dedekind sum ``s(h, c) = sum_(j=1)^(c-1) ((j/c)) ((h j/c))``, ``c >= 1``.

    ``((x)) = x - floor(x) - 1/2`` for non-integral ``x`` and ``0`` otherwise.  Computed by
    the reciprocity law ``s(h, c) + s(c, h) = (h/c + c/h + 1/(h c))/12 - 1/4``
    (``gcd(h, c) = 1``, ``h, c > 0``) in ``O(log c)`` steps [RG].

    Raises
    ------
    InvalidArgumentError
        unless ``h`` is an integer and ``c`` an integer ``>= 1``.

    Examples
    --------
    >>> dedekind_sum(1, 3), dedekind_sum(2, 5), dedekind_sum(-2, 5)
    (Fraction(1, 18), Fraction(0, 1), Fraction(0, 1))
    >>> dedekind_sum(3, 7)
    Fraction(-1, 14)
    """
    h, c = _int(h, "h"), _int(c, "c", 1)
    g = math.gcd(h, c)
    h, c = (h // g) % (c // g), c // g
    total, sign = Fraction(0), 1
    while h:  # gcd(h, c) = 1 and 0 < h < c throughout
        total += sign * (Fraction(h * h + c * c + 1, 12 * h * c) - Fraction(1, 4))
        h, c, sign = c % h, h, -sign
    return total


def rademacher_phi(matrix: Any) -> int:
    """Rademacher's ``Phi(U)`` for ``U = [[a, b], [c, d]]`` in SL(2,Z), an integer.

    ``Phi(U) = b/d`` if ``c = 0``, else ``(a + d)/c - 12 sign(c) s(d, |c|)`` [RG; J; KM].
    ``Phi(-U) = Phi(U)``, ``Phi(T^m U T^n) = Phi(U) + m + n``, ``Phi(U^-1) = -Phi(U)``, ``Phi(S) = 0``.

    Raises
    ------
    InvalidArgumentError
        if ``matrix`` is not in SL(2,Z).
    ArithmeticError
        if the value is not an integer (it always is; this is a check).

    Examples
    --------
    >>> rademacher_phi([[1, 5], [0, 1]]), rademacher_phi([[0, -1], [1, 0]]), rademacher_phi([[2, 1], [9, 5]])
    (5, 0, -1)
    """
    (a, b), (c, d) = _matrix(matrix)
    if c == 0:
        value = Fraction(b, d)
    else:
        value = Fraction(a + d, c) - 12 * (1 if c > 0 else -1) * dedekind_sum(d, abs(c))
    if value.denominator != 1:
        raise ArithmeticError(f"Phi({matrix!r}) = {value} is not an integer")
    return int(value)


# --- the representation ----------------------------------------------------------------------


def _check_normalisation(normalisation: str) -> None:
    if normalisation not in ("cft", "twist"):
        raise InvalidArgumentError(f"normalisation = {normalisation!r} must be 'cft' (rho(T) = T) or 'twist' (Theta)")


def _t_exponent(md: ModularData, normalisation: str) -> list[int]:
    """Exponent of ``zeta_N`` on the diagonal of ``T`` (``"cft"``) or ``Theta`` (``"twist"``)."""
    shift = md.k if normalisation == "cft" else 0
    return [2 * a * (a + 2) - shift for a in md.labels]


def rho(element: Any, k: int, normalisation: str = "cft") -> ExactMatrix:
    """The exact matrix ``rho(A)`` of ``A`` in SL(2,Z) on the SU(2)_k conformal blocks.

    Parameters
    ----------
    element : str, sequence, or 2x2 integer matrix
        A word in S and T (``"S T^3 S"`` or pairs ``(letter, exponent)``), or a matrix,
        which is first written as a word by :func:`sl2z_word`.
    k : int
        The level.
    normalisation : {"cft", "twist"}
        ``"cft"``: ``rho(T) = T`` (``(ST)^3 = S^2``; a linear representation, so the result
        depends only on the matrix); ``"twist"``: ``rho(T) = Theta``, projective, the result
        depends on the word through ``exp(2 pi i c t(w)/24)`` (module docstring).

    Returns
    -------
    ExactMatrix
        ``(k+1) x (k+1)`` over ``Q(zeta_(8(k+2)))``, indexed by colours.

    Examples
    --------
    >>> rho("S T S T S T", 3) == rho("S S", 3) == rho([[-1, 0], [0, -1]], 3) == modular_data(3).C
    True
    >>> rho("S T^2", 2) == rho([[0, -1], [1, 2]], 2)
    True
    """
    _check_normalisation(normalisation)
    md = modular_data(k)
    zero, one = md.field.zero, md.field.one
    exps = _t_exponent(md, normalisation)
    out = ExactMatrix.identity(md.rank, zero, one)
    for g, n in _element(element):
        if g == "T":
            out = out @ ExactMatrix.diagonal([md.field.zeta_power(n * e) for e in exps], zero, one)
        elif n % 4 == 2:
            out = out @ md.C
        elif n % 4:
            out = out @ (md.S if n % 4 == 1 else md.S @ md.C)
    return out


def _rho00(md: ModularData, word: Word) -> Cyclotomic:
    """``rho(w)_00`` (CFT normalisation) by row-vector products: ``O(len(w) (k+1)^2)``."""
    field, s = md.field, md.S
    exps = _t_exponent(md, "cft")
    v = [field.one] + [field.zero] * md.k
    for g, n in word:
        if g == "T":
            v = [x * field.zeta_power(n * e) if x else x for x, e in zip(v, exps)]
        elif n % 2:  # S^2 = C = 1 for SU(2)_k
            v = [sum((v[a] * s[a, b] for a in md.labels if v[a]), field.zero) for b in md.labels]
    return v[0]


def _phase24(md: ModularData, m: int) -> Cyclotomic:
    """``exp(2 pi i c m / 24)`` with ``c = 3k/(k+2)``: ``zeta_N^(k m)``."""
    return md.field.zeta_power(md.k * m)


# --- Heegaard route ---------------------------------------------------------------------------


def lens_gluing_matrix(p: int, q: int) -> Matrix2:
    """The gluing matrix ``U = [[q, (q q* - 1)/p], [p, q*]]`` of ``L(p, q)``.

    ``q`` is reduced to ``0 <= q < p`` and ``q*`` is its inverse mod ``p`` in the same range
    (``L(1, 0) = S^3`` gives ``U = S``; ``L(0, 1) = S^2 x S^1`` gives ``U = 1``).  It is the
    matrix ``+-S T^(-b_1) S ... S T^(-b_m) S`` of the chain :func:`lens_chain`.

    Raises
    ------
    InvalidArgumentError
        if ``p < 0`` or ``gcd(p, q) != 1``.

    Examples
    --------
    >>> lens_gluing_matrix(9, 2), lens_gluing_matrix(1, 0), lens_gluing_matrix(0, -1)
    (((2, 1), (9, 5)), ((0, -1), (1, 0)), ((1, 0), (0, 1)))
    """
    p, q = _lens_args(p, q)
    if p == 0:
        return ((1, 0), (0, 1))
    qs = pow(q, -1, p) if p > 1 else 0
    return ((q, (q * qs - 1) // p), (p, qs))


def z_heegaard(matrix: Any, k: int) -> Cyclotomic:
    """``Z(M_U) = exp(2 pi i c Phi(U)/24) rho(U)_00``: the canonically framed invariant of
    the lens space ``M_U = L(|c|, sign(c) a)`` glued from two solid tori by ``U``.

    Raises
    ------
    InvalidArgumentError
        if ``matrix`` is not in SL(2,Z) or ``k`` is not a level.

    Examples
    --------
    >>> z_heegaard([[2, 1], [9, 5]], 3) == z_heegaard([[2, 11], [9, 50]], 3) == z_lens(9, 2, 3)
    True
    """
    md = modular_data(k)
    u = _matrix(matrix)
    return _phase24(md, rademacher_phi(u)) * _rho00(md, sl2z_word(u))


def z_lens(p: int, q: int, k: int, method: str = "heegaard") -> Cyclotomic:
    """The SU(2)_k Reshetikhin-Turaev invariant of the lens space ``L(p, q)``, exactly.

    Parameters
    ----------
    p, q : int
        Coprime, ``p >= 0``; ``q`` is taken mod ``p``.  ``L(1, q) = S^3``, ``L(0, 1) = S^2 x S^1``.
        ``L(p, q)`` is ``-p/q`` surgery on the unknot (module docstring).
    k : int
        The level, ``r = k + 2``.
    method : {"heegaard", "surgery", "closed-form"}
        Which independent formula evaluates it (they agree exactly): :func:`z_heegaard`
        on :func:`lens_gluing_matrix`, :func:`z_chain` on :func:`lens_chain`, or
        :func:`z_lens_closed_form` (needs ``p >= 1``).

    Returns
    -------
    Cyclotomic
        In ``Q(zeta_(8(k+2)))``; ``Z(S^3) = S_00 = 1/D``, ``Z(S^2 x S^1) = 1``.

    Raises
    ------
    InvalidArgumentError
        for ``p < 0``, ``gcd(p, q) != 1``, a bad level or method.

    Examples
    --------
    >>> z = z_lens(7, 2, 2)
    >>> z_lens(7, 4, 2) == z, z_lens(7, 5, 2) == z.conjugate()      # 2 * 4 = 1, -2 = 5 mod 7
    (True, True)
    >>> z_lens(2, 1, 1) == 0                                          # TV_3(RP^3) = 0
    True
    """
    p, q = _lens_args(p, q)
    if method == "heegaard":
        return z_heegaard(lens_gluing_matrix(p, q), k)
    if method == "surgery":
        return z_chain(lens_chain(p, q), k)
    if method == "closed-form":
        return z_lens_closed_form(p, q, k)
    raise InvalidArgumentError(f"method = {method!r} must be one of {', '.join(_METHODS)}")


def z_s3(k: int) -> Cyclotomic:
    """``Z(S^3) = Z(L(1, 0)) = S_00 = 1/D`` (via :func:`z_lens`).

    >>> z_s3(2) * modular_data(2).total_dimension == 1
    True
    """
    return z_lens(1, 0, k)


def z_s2xs1(k: int) -> Cyclotomic:
    """``Z(S^2 x S^1) = Z(L(0, 1)) = 1`` (via :func:`z_lens`: ``rho(1)_00 = 1``).

    >>> z_s2xs1(5) == 1
    True
    """
    return z_lens(0, 1, k)


def z_surface_times_circle(g: int, k: int) -> Cyclotomic:
    """``Z(Sigma_g x S^1) = Tr_(V(Sigma_g)) 1 = dim V(Sigma_g) = sum_a S_0a^(2-2g)``, the
    Verlinde dimension (:meth:`~tqft.algebra.modular.ModularData.verlinde_dimension`).

    Raises
    ------
    InvalidArgumentError
        unless ``g >= 0`` is an integer and ``k`` a level.

    Examples
    --------
    >>> [z_surface_times_circle(g, 3) for g in range(3)]
    [<Cyclotomic 1 in Q(zeta_40)>, <Cyclotomic 4 in Q(zeta_40)>, <Cyclotomic 20 in Q(zeta_40)>]
    """
    md = modular_data(k)
    return md.field(md.verlinde_dimension(g))


def abs_squared(z: Cyclotomic) -> Cyclotomic:
    """``|z|^2 = z conj(z)``, exact, in the real subfield of ``z``'s field.

    Complex conjugation is the Galois automorphism ``zeta -> zeta^-1``, which commutes with
    every embedding, so the result is ``|z|^2`` under each of them.

    Raises
    ------
    InvalidArgumentError
        if ``z`` is not a :class:`~tqft.exact.cyclotomic.Cyclotomic`.

    Examples
    --------
    >>> abs_squared(z_s3(1)) == modular_data(1).S[0, 0] ** 2
    True
    """
    if not isinstance(z, Cyclotomic):
        raise InvalidArgumentError(f"z = {z!r} must be an exact cyclotomic number (tqft Cyclotomic)")
    return z * z.conjugate()


# --- surgery route -------------------------------------------------------------------------------


def _edge_pairs(n: int, edges: Sequence[Any]) -> list[tuple[int, int]]:
    out = []
    for e in edges:
        try:
            i, j = (_int(v, "edge vertex", 0) for v in e)
        except (TypeError, ValueError) as exc:
            if isinstance(exc, InvalidArgumentError):
                raise
            raise InvalidArgumentError(f"edge = {e!r} must be a pair of vertex indices") from None
        if i >= n or j >= n or i == j:
            raise InvalidArgumentError(f"edge = {e!r} must join two distinct vertices among 0..{n - 1}")
        out.append((i, j))
    return out


def linking_signature(framings: Sequence[int], edges: Sequence[tuple[int, int]] = ()) -> tuple[int, int, int]:
    """``(b_+, b_-, b_0)`` of the linking matrix of a plumbing: diagonal ``framings``,
    ``1`` for each edge; by exact symmetric (congruence) elimination over Q.

    Raises
    ------
    InvalidArgumentError
        if a framing is not an integer or an edge does not join two distinct vertices.

    Examples
    --------
    >>> linking_signature([-2, -2, -2], [(0, 1), (1, 2)]), linking_signature([0]), linking_signature([0, 0], [(0, 1)])
    ((0, 3, 0), (0, 0, 1), (1, 1, 0))
    """
    n = len(framings)
    m = [[Fraction(0)] * n for _ in range(n)]
    for i, e in enumerate(framings):
        m[i][i] = Fraction(_int(e, f"framings[{i}]"))
    for i, j in _edge_pairs(n, edges):
        m[i][j] += 1
        m[j][i] += 1
    pos = neg = 0
    rest = list(range(n))
    while rest:
        piv = next((i for i in rest if m[i][i] != 0), None)
        if piv is None:
            pair = next(((i, j) for i in rest for j in rest if i != j and m[i][j] != 0), None)
            if pair is None:
                break  # the remaining block is zero
            i, j = pair  # row/column i += row/column j makes m[i][i] = 2 m[i][j] != 0 (m[j][j] = 0)
            for t in range(n):
                m[i][t] += m[j][t]
            for t in range(n):
                m[t][i] += m[t][j]
            piv = i
        d = m[piv][piv]
        pos, neg = pos + (d > 0), neg + (d < 0)
        rest.remove(piv)
        for i in rest:
            f = m[i][piv] / d
            if f:
                for j in rest:
                    m[i][j] -= f * m[piv][j]
        for i in rest:
            m[i][piv] = m[piv][i] = Fraction(0)
    return pos, neg, n - pos - neg


def _forest(n: int, edges: Sequence[Any]) -> list[list[int]]:
    adj: list[list[int]] = [[] for _ in range(n)]
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in _edge_pairs(n, edges):
        if find(i) == find(j):
            raise InvalidArgumentError(
                f"edge = {(i, j)!r} closes a cycle: the plumbing graph must be a forest (a disjoint union of trees)"
            )
        parent[find(i)] = find(j)
        adj[i].append(j)
        adj[j].append(i)
    return adj


def z_plumbing(framings: Sequence[int], edges: Sequence[tuple[int, int]], k: int) -> Cyclotomic:
    """Surgery on a plumbing forest of unknots, by the Reshetikhin-Turaev surgery formula.

    Vertex ``i`` is an unknot with framing ``framings[i]``; an edge is a clasp (a Hopf-link
    summand), so a path is a chain and a star with centre framing ``e`` gives a Seifert
    fibred space over ``S^2``.  The coloured link evaluates to
    ``<L> = prod_edges (S_(a b)/S_00) / prod_v d_(a_v)^(deg v - 1)`` (connected sums of
    Hopf links), and

    ``Z = D^(-1-n) (p^+/D)^(-b_+) (p^-/D)^(-b_-) sum_a prod_v d_(a_v) theta_(a_v)^(e_v) <L>``

    with the Gauss sums ``p^+-`` (:meth:`~tqft.algebra.modular.ModularData.gauss_sum`) and
    ``(b_+, b_-)`` from :func:`linking_signature` [RT; T, ch. II; KM].  The sum is
    done leaf by leaf (``O(n (k+1)^2)``).

    Raises
    ------
    InvalidArgumentError
        if a framing is not an integer, an edge is bad, or the graph has a cycle.

    Examples
    --------
    >>> z_plumbing([-1], [], 2) == z_s3(2) == z_plumbing([], [], 2)
    True
    >>> e8 = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (2, 7)]   # the Poincare sphere, twice
    >>> z_plumbing([-2] * 8, e8, 3) == z_plumbing([1, 2, 3, 5], [(0, 1), (0, 2), (0, 3)], 3)
    True
    """
    md = modular_data(k)
    n = len(framings)
    fr = [_int(e, f"framings[{i}]") for i, e in enumerate(framings)]
    adj = _forest(n, edges)
    field, labels = md.field, md.labels
    d = [md.quantum_dimension(a) for a in labels]
    d_inv = [x.inverse() for x in d]
    theta = [md.twist(a) for a in labels]
    s00_inv = md.total_dimension
    hopf = [[md.S[a, b] * s00_inv for b in labels] for a in labels]  # S_ab / S_00

    def weight(v: int) -> list[Cyclotomic]:
        """``d_a^(2 - deg v) theta_a^(e_v)`` for every colour ``a``."""
        power = 2 - len(adj[v])
        return [(d[a] if power > 0 else d_inv[a]) ** abs(power) * theta[a] ** fr[v] for a in labels]

    seen = [False] * n
    total = field.one
    for root in range(n):
        if seen[root]:
            continue
        order, stack, par = [], [root], {root: -1}
        seen[root] = True
        while stack:
            v = stack.pop()
            order.append(v)
            for w in adj[v]:
                if not seen[w]:
                    seen[w], par[w] = True, v
                    stack.append(w)
        f: dict[int, list[Cyclotomic]] = {}
        for v in reversed(order):  # leaves first
            vec = weight(v)
            for w in adj[v]:
                if par.get(w) == v:
                    child = f.pop(w)
                    msg = [sum((hopf[a][b] * child[b] for b in labels), field.zero) for a in labels]
                    vec = [x * y for x, y in zip(vec, msg)]
            f[v] = vec
        total = total * sum(f[root], field.zero)
    b_plus, b_minus, _ = linking_signature(fr, edges)
    dim = md.total_dimension
    unit_plus, unit_minus = md.gauss_sum(1) / dim, md.gauss_sum(-1) / dim
    return total * dim ** (-1 - n) * unit_plus ** (-b_plus) * unit_minus ** (-b_minus)


def z_chain(framings: Sequence[int], k: int) -> Cyclotomic:
    """Surgery on a chain of unknots with the given framings (:func:`z_plumbing` on a path):
    the lens space :func:`chain_lens_space` ``(framings)``.

    >>> z_chain([-3, -2], 3) == z_chain([-2, 2], 3) == z_chain([-2, 1, -1], 3) == z_lens(5, 2, 3)
    True
    """
    return z_plumbing(framings, [(i, i + 1) for i in range(len(framings) - 1)], k)


def lens_chain(p: int, q: int) -> tuple[int, ...]:
    """Framings ``(-b_1, ..., -b_m)`` of the negative-definite chain bounding ``L(p, q)``,
    ``p/q = b_1 - 1/(b_2 - ...)``, ``b_i >= 2`` (``(-1,)`` for ``S^3``, ``(0,)`` for ``S^2 x S^1``).

    >>> lens_chain(9, 2), lens_chain(7, 3), lens_chain(1, 0), lens_chain(0, 1)
    ((-5, -2), (-3, -2, -2), (-1,), (0,))
    """
    p, q = _lens_args(p, q)
    if p <= 1:
        return (-p,)
    out = []
    while q:
        b = -(-p // q)
        out.append(-b)
        p, q = q, b * q - p
    return tuple(out)


def chain_lens_space(framings: Sequence[int]) -> tuple[int, int]:
    """``(p, q)``, ``0 <= q < p`` (or ``(0, 1)``), with surgery on the chain equal to ``L(p, q)``.

    The chain is ``x``-surgery on the unknot, ``x = a_1 - 1/(a_2 - ...)`` (slam dunks; a
    zero denominator gives ``x = oo``), computed as the Moebius image of ``oo`` under the
    product of ``[[a_i, -1], [1, 0]]``; ``-p/q = x`` [GS, sec. 5.3].

    >>> chain_lens_space([-5, -2]), chain_lens_space([-2, 1, -1]), chain_lens_space([0, 0]), chain_lens_space([0])
    ((9, 2), (5, 2), (1, 0), (0, 1))
    """
    num, den = 1, 0
    for i, a in reversed(list(enumerate(framings))):
        a = _int(a, f"framings[{i}]")
        num, den = a * num - den, num
    if num == 0:
        return (0, 1)
    p = abs(num)
    return (p, (-den * (1 if num > 0 else -1)) % p) if p > 1 else (1, 0)


def seifert_plumbing(fibres: Sequence[tuple[int, int]], e: int = 0) -> tuple[list[int], list[tuple[int, int]]]:
    """``(framings, edges)`` of a star plumbing for the Seifert fibred space
    ``S^2(e; (a_1, b_1), ..., (a_n, b_n))``: an ``e``-framed unknot (vertex 0) with ``n``
    meridians of surgery coefficients ``a_i / b_i``, each written as a chain
    ``a_i/b_i = c_1 - 1/(c_2 - ...)`` (``c_j = ceil`` of the remainder; slam dunks [GS, sec. 5.3]).

    With ``e = 0`` this is Regina's ``Example3.sfsOverSphere(a1, b1, a2, b2, a3, b3)`` up to
    orientation (checked against its Turaev-Viro invariants in the tests).

    Raises
    ------
    InvalidArgumentError
        unless every fibre has ``a_i >= 1``, ``b_i != 0`` and ``gcd(a_i, b_i) = 1``.

    Examples
    --------
    >>> seifert_plumbing([(2, 1), (3, 1), (5, -4)])
    ([0, 2, 3, -1, 4], [(0, 1), (0, 2), (0, 3), (3, 4)])
    """
    framings, edges = [_int(e, "e")], []
    for i, fibre in enumerate(fibres):
        try:
            a, b = (_int(v, f"fibres[{i}]") for v in fibre)
        except (TypeError, ValueError) as exc:
            if isinstance(exc, InvalidArgumentError):
                raise
            raise InvalidArgumentError(f"fibres[{i}] = {fibre!r} must be a pair (a, b) of integers") from None
        if a < 1 or b == 0 or math.gcd(a, b) != 1:
            raise InvalidArgumentError(f"fibres[{i}] = {fibre!r}: need a >= 1, b != 0 and gcd(a, b) = 1")
        x, prev = Fraction(a, b), 0
        while True:
            c = -((-x.numerator) // x.denominator)
            framings.append(c)
            edges.append((prev, len(framings) - 1))
            prev = len(framings) - 1
            if x == c:
                break
            x = 1 / (c - x)
    return framings, edges


# --- closed forms (Gauss sums) -----------------------------------------------------------------


@lru_cache(maxsize=64)
def _sqrt_of(m: int) -> Cyclotomic:
    """The positive ``sqrt(M)/2 = sqrt(M/4)`` in ``Q(zeta_M)``, ``M = 0 mod 4``, from the Gauss sum
    ``G_M = sum_(n mod M) zeta_M^(n^2) = (1 + i) sqrt(M)`` [BEW, ch. 1]."""
    field = cyclotomic_field(m)
    counts: dict[int, int] = {}
    for n in range(m):
        counts[n * n % m] = counts.get(n * n % m, 0) + 1
    gauss = sum((field.zeta_power(e) * c for e, c in counts.items()), field.zero)
    return gauss / (2 * (1 + field.zeta_power(m // 4)))  # sqrt(M)/2


def _closed_field(r: int, c: int) -> CyclotomicField:
    m = 8 * r * abs(c)
    if m > MAX_CLOSED_FORM_CONDUCTOR:
        raise CostLimitError(
            f"the Gauss-sum closed form for r = {r}, |c| = {abs(c)} needs Q(zeta_{m}), above "
            f"MAX_CLOSED_FORM_CONDUCTOR = {MAX_CLOSED_FORM_CONDUCTOR}; use method='heegaard' or 'surgery'"
        )
    return cyclotomic_field(m)


@lru_cache(maxsize=32)
def _descent_system(big: int, small: int) -> tuple[Any, Any, int]:
    """``B`` (columns: ``zeta_small^j`` in the basis of ``Q(zeta_big)``) and ``(B^T B)``."""
    kf, sf = cyclotomic_field(big), cyclotomic_field(small)
    step = big // small
    cols = [kf.zeta_power(step * j).poly for j in range(sf.degree)]
    b = flint.fmpq_mat(kf.degree, sf.degree)
    for j, col in enumerate(cols):
        for i, c in enumerate(col.coeffs()):
            b[i, j] = c
    return b, b.transpose() * b, kf.degree


def _descend(x: Cyclotomic, field: CyclotomicField) -> Cyclotomic:
    """``x`` in ``Q(zeta_M)`` rewritten in the subfield ``field = Q(zeta_N)``, ``N | M``.

    Solves ``B c = x`` exactly (normal equations, then a full check), which also certifies
    that ``x`` lies in the subfield.

    Raises
    ------
    ArithmeticError
        if ``x`` is not in the subfield.
    """
    big, small = x.field.n, field.n
    b, btb, deg = _descent_system(big, small)
    vec = flint.fmpq_mat(deg, 1)
    for i, c in enumerate(x.poly.coeffs()):
        vec[i, 0] = c
    sol = btb.solve(b.transpose() * vec)
    if b * sol != vec:
        raise ArithmeticError(f"{x} does not lie in Q(zeta_{small})")
    return sum(
        (field.zeta_power(j) * Fraction(int(sol[j, 0].p), int(sol[j, 0].q)) for j in range(field.degree)), field.zero
    )


def _jeffrey_entry(u: Matrix2, alpha: int, beta: int, r: int, kf: CyclotomicField, phi: int) -> Cyclotomic:
    """Jeffrey's ``rho(U)_(alpha beta)`` (``alpha = a + 1``) in ``kf = Q(zeta_(8 r |c|))``, ``c != 0``."""
    (a, _), (c, d) = u
    m, sgn = kf.n, (1 if c > 0 else -1)
    total = kf.zero
    for eps in (1, -1):
        for n in range(abs(c)):
            x = eps * beta + 2 * r * n
            # exp(i pi X / (2 r c)) = zeta_M^(2 sign(c) X),  M = 8 r |c|
            total = total + kf.zeta_power(2 * sgn * (a * alpha * alpha - 2 * alpha * x + d * x * x)) * eps
    i = kf.zeta_power(m // 4)
    # i sign(c) / sqrt(2 r |c|) * exp(-i pi Phi / 4);  sqrt(2 r |c|) = sqrt(M) / 2 = _sqrt_of(M)
    return total * i * sgn * kf.zeta_power(-phi * r * abs(c)) / _sqrt_of(m)


def rho_closed_form(matrix: Any, k: int) -> ExactMatrix:
    """``rho(U)`` from Jeffrey's Gauss-sum formula (``c != 0``), independent of any word:

    ``rho(U)_(alpha beta) = i sign(c) / sqrt(2r|c|) exp(-i pi Phi(U)/4) sum_(+-) sum_(n mod c)
    +- exp(i pi/(2rc) [a alpha^2 - 2 alpha (+-beta + 2rn) + d (+-beta + 2rn)^2])``

    with ``alpha = a + 1``, ``beta = b + 1`` for colours ``a, b`` [J].  Entries are
    computed in ``Q(zeta_(8r|c|))`` and brought down to ``Q(zeta_(8r))`` exactly.

    Raises
    ------
    InvalidArgumentError
        if the matrix is not in SL(2,Z) or has ``c = 0`` (then ``rho(U) = +-T^n``).
    CostLimitError
        if ``8 r |c| > MAX_CLOSED_FORM_CONDUCTOR``.

    Examples
    --------
    >>> rho_closed_form([[2, 1], [9, 5]], 2) == rho([[2, 1], [9, 5]], 2)
    True
    """
    u = _matrix(matrix)
    if u[1][0] == 0:
        raise InvalidArgumentError(f"matrix = {matrix!r} has c = 0: the closed form needs c != 0 (rho = T^n there)")
    md = modular_data(k)
    kf = _closed_field(md.r, u[1][0])
    phi = rademacher_phi(u)
    rows = [[_descend(_jeffrey_entry(u, a + 1, b + 1, md.r, kf, phi), md.field) for b in md.labels] for a in md.labels]
    return ExactMatrix.from_rows(rows, md.field.zero, md.field.one)


def z_lens_closed_form(p: int, q: int, k: int) -> Cyclotomic:
    """Jeffrey's closed formula for ``Z(L(p, q))``, ``p >= 1``, as a Gauss sum over ``n mod p``:

    ``Z(L(p,q)) = i / sqrt(2rp) exp(6 pi i s(q,p)/r) sum_(e=+-1) e exp(-i pi e/(rp))
    sum_(n=0)^(p-1) exp(2 pi i n (q* r n + e q* - 1)/p)``

    (``q q* = 1 mod p``, ``s`` the Dedekind sum).  This is
    ``exp(2 pi i c Phi(U)/24) rho(U)_00`` for :func:`lens_gluing_matrix` ``U`` with
    ``rho(U)_00`` from [J] and ``Phi(U) = (q + q*)/p - 12 s(q*, p)``, simplified with
    ``s(q*, p) = s(q, p)``.  Evaluated in ``Q(zeta_(8rp))`` and brought down to
    ``Q(zeta_(8r))`` by exact linear algebra (a certificate that it lies there).

    Raises
    ------
    InvalidArgumentError
        if ``p < 1`` (``S^2 x S^1`` has no such sum) or ``gcd(p, q) != 1``.
    CostLimitError
        if ``8 r p > MAX_CLOSED_FORM_CONDUCTOR``.

    Examples
    --------
    >>> z_lens_closed_form(5, 2, 3) == z_lens(5, 2, 3)
    True
    """
    p, q = _lens_args(p, q)
    if p < 1:
        raise InvalidArgumentError("p = 0: the closed form is a sum over n mod p and needs p >= 1")
    md = modular_data(k)
    r = md.r
    kf = _closed_field(r, p)
    m = kf.n  # 8 r p;  zeta_M^(4 r) = exp(i pi / p), zeta_M^8 = exp(2 pi i / (r p))
    qs = pow(q, -1, p) if p > 1 else 0
    s6p = 6 * p * dedekind_sum(q, p)  # an integer
    if s6p.denominator != 1:
        raise ArithmeticError(f"6 p s(q, p) = {s6p} is not an integer")
    total = kf.zero
    for eps in (1, -1):
        inner = kf.zero
        for n in range(p):
            inner = inner + kf.zeta_power(8 * r * (n * (qs * r * n + eps * qs - 1) % p))
        total = total + inner * kf.zeta_power(-4 * eps) * eps
    # exp(6 pi i s / r) = zeta_M^(24 p s) = zeta_M^(4 * 6 p s);  sqrt(2 r p) = _sqrt_of(M)
    value = total * kf.zeta_power(m // 4) * kf.zeta_power(4 * int(s6p)) / _sqrt_of(m)
    return _descend(value, md.field)
