"""The R-matrix of U_q(sl2) on ``V_a (x) V_b``, the braiding, the twist, braid group representations.

Convention
----------
With the coproduct of Kassel VII.1 (``Delta(E) = 1 (x) E + E (x) K``,
``Delta(F) = K^-1 (x) F + F (x) 1``; :mod:`tqft.algebra.representations`) the universal
R-matrix is

.. math::

    R = q^{H \\otimes H / 2} \\sum_{n \\ge 0} q^{n(n-1)/2} \\frac{(q - q^{-1})^n}{[n]!} E^n \\otimes F^n,

the specialisation of Drinfeld's formula for ``U_h(sl2)`` (``q = e^{h/2}``, ``K = e^{hH/2}``;
Kassel XVII.4 for ``U_h``, and VIII.2 for quasitriangular bialgebras), where ``q^{H (x) H/2}``
acts on ``v_m (x) v_n`` by ``q^{2mn} = s^{4mn}``, an integer power of ``s = q^(1/2)`` since
``4mn`` is the product of the doubled weights.  On ``V_a (x) V_b`` the sum stops at
``n = min(a, b)``, and ``E^n / [n]!`` acts by q-binomials, so every entry is a Laurent
polynomial in ``s``:

.. math::

    R (v_x \\otimes v_y) = \\sum_n s^{n(n-1) + (x + 2n)(y - 2n)} (q - q^{-1})^n [n]!
    \\begin{bmatrix} \\alpha + n \\\\ n \\end{bmatrix} \\begin{bmatrix} \\beta + n \\\\ n \\end{bmatrix}
    v_{x + 2n} \\otimes v_{y - 2n},

with doubled weights ``x, y``, ``alpha = (a + x)/2``, ``beta = (b - y)/2``.  No division
occurs, so the same formula holds at a root of unity (for every spin) and at ``q = 1``,
where ``R = 1``.  That ``R Delta(x) R^-1 = Delta^op(x)`` for ``x = E, F, K`` is verified
exactly by the catalogue (``r_matrix_intertwines``), as are Yang-Baxter and the braid
relation.  The inverse is ``R^-1 = (sum_n (-1)^n q^{-n(n-1)/2} (q - q^-1)^n / [n]! E^n (x) F^n)
q^{-H (x) H / 2}``.

The braiding is ``c_{V,W} = tau o R : V (x) W -> W (x) V`` (``tau`` the flip).  On the
fundamental representation its eigenvalues are ``q^(1/2)`` (triplet) and ``-q^(-3/2)``
(singlet), so

.. math::

    q^{1/2} c - q^{-1/2} c^{-1} = (q - q^{-1})\\, \\mathrm{id}

(the Hecke relation; ``hecke_relation``).  In general ``c_{V_j, V_j}`` acts on the
summand ``V_J`` of ``V_j (x) V_j`` by ``(-1)^{2j - J} q^{J(J+1) - 2j(j+1)}``
(:func:`braiding_eigenvalue`): the square is ``theta_J / theta_j^2`` and the sign is the
classical one (``c -> tau`` as ``q -> 1``, symmetric on ``V_J`` iff ``2j - J`` is even).
The twist is ``theta_{V_j} = q^{2 j (j+1)} = q^{a(a+2)/2}`` (:func:`twist`), the scalar for
which ``theta_{V (x) W} = c_{W,V} c_{V,W} (theta_V (x) theta_W)`` (Kassel XIV.3, ribbon
categories; ``ribbon_twist``); at ``q = e^{i pi / r}`` it is ``exp(2 pi i h_a)`` with
``h_a = a(a+2) / (4r)``, the conformal weight of SU(2)_{r-2}.

Braid groups.  ``sigma_i`` (a positive letter ``i`` in a braid word) acts on
``V^{(x) n}`` as ``c`` on the factors ``i, i+1`` (1-based) and ``sigma_i^{-1}`` (letter
``-i``) as ``c^{-1}``; a word acts left to right as a product of matrices
``rho(w_1) rho(w_2) ...``.  ``sigma_i`` is the *positive* crossing of the standard
(KnotInfo) convention: the closure of ``sigma_1^3`` is the right-handed trefoil, whose
Jones polynomial ``t + t^3 - t^4`` is what :func:`tqft.algebra.braids.jones_from_braid`
returns for it.

References
----------
* [Kas] C. Kassel, *Quantum Groups*, Springer 1995: VIII.2 (quasitriangular bialgebras,
  Yang-Baxter), XIV.3 (ribbon categories), XVII.4 (the universal R-matrix of U_h(sl2)).
* [KR] A. N. Kirillov and N. Yu. Reshetikhin (1989), see
  :mod:`tqft.algebra.representations`.
* [Tur] V. G. Turaev, *Quantum Invariants of Knots and 3-Manifolds*, de Gruyter 1994, I.1.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import product
from typing import Any

from ..errors import InvalidArgumentError
from ..exact.context import QContext
from ..exact.matrix import ExactMatrix
from ..spins import colour as parse_colour
from ..spins import spin_str
from .representations import qbinomial

__all__ = [
    "braid_generator",
    "braid_representation",
    "braiding",
    "braiding_eigenvalue",
    "flip_matrix",
    "local_braiding",
    "parse_braid_word",
    "r_matrix",
    "r_matrix_inverse",
    "r_matrix_legs",
    "twist",
]


def _theta_coefficient(ctx: QContext[Any, Any], n: int, inverse: bool) -> Any:
    """``q^{+-n(n-1)/2} (q - q^-1)^n [n]! (-1)^n`` (sign only for the inverse)."""
    q = ctx.qpower(2)
    qm = ctx.qpower(-2)
    c = ctx.qpower(-n * (n - 1) if inverse else n * (n - 1)) * ctx.qfactorial(n)
    for _ in range(n):
        c = c * (q - qm)
    return -c if inverse and n % 2 else c


@lru_cache(maxsize=1024)
def _r_terms(ctx: QContext[Any, Any], a: int, b: int, inverse: bool) -> tuple[tuple[int, int, int, Any], ...]:
    """``(x, y, n, coefficient)``: ``R^{+-1} (v_x (x) v_y)`` has ``coefficient`` on
    ``v_(x+2n) (x) v_(y-2n)`` (doubled weights)."""
    out = []
    for x in range(a, -a - 1, -2):
        for y in range(b, -b - 1, -2):
            alpha, beta = (a + x) // 2, (b - y) // 2
            for n in range(0, min((a - x) // 2, (b + y) // 2) + 1):
                c = _theta_coefficient(ctx, n, inverse) * qbinomial(ctx, alpha + n, n) * qbinomial(ctx, beta + n, n)
                # R = q^{H(x)H/2} Theta: the diagonal factor acts after Theta, on the image;
                # R^-1 = Theta^-1 q^{-H(x)H/2}: the diagonal factor acts first, on (x, y)
                c = c * (ctx.qpower(-x * y) if inverse else ctx.qpower((x + 2 * n) * (y - 2 * n)))
                if c != ctx.zero:
                    out.append((x, y, n, c))
    return tuple(out)


def _index(a: int, x: int) -> int:
    """Basis index ``p = j - m`` of the doubled weight ``x`` in ``V_(a/2)``."""
    return (a - x) // 2


def _spins(a: Any, b: Any) -> tuple[int, int]:
    return parse_colour(a, "a"), parse_colour(b, "b")


def r_matrix(a: Any, b: Any, ctx: QContext[Any, Any]) -> ExactMatrix:
    """The matrix of the universal R-matrix on ``V_a (x) V_b``.

    Parameters
    ----------
    a, b : spin-like
        The spins of the two factors (any spins; parsed by :func:`tqft.spins.colour`).
    ctx : QContext
        Generic q, a root of unity, classical (``R = 1``) or numeric.

    Returns
    -------
    ExactMatrix
        ``(2a+1)(2b+1)`` square, Kronecker basis ``v_x (x) v_y`` (left factor major, each
        factor in the order ``m = j, ..., -j``).

    Raises
    ------
    InvalidSpinError
        If ``a`` or ``b`` is not a spin.

    Notes
    -----
    ``R = q^{H (x) H/2} sum_n q^{n(n-1)/2} (q - q^-1)^n / [n]! E^n (x) F^n`` (see the
    module docstring), the R-matrix for the coproduct of Kassel VII.1.

    Examples
    --------
    >>> from tqft.exact.qcontexts import generic_q
    >>> print(r_matrix("1/2", "1/2", generic_q()))
    [           q^(1/2)                   0                   0                   0]
    [                 0            q^(-1/2)  q^(1/2) - q^(-3/2)                   0]
    [                 0                   0            q^(-1/2)                   0]
    [                 0                   0                   0             q^(1/2)]
    """
    ca, cb = _spins(a, b)
    return _r_matrix(ctx, ca, cb, False)


def r_matrix_inverse(a: Any, b: Any, ctx: QContext[Any, Any]) -> ExactMatrix:
    """The inverse of :func:`r_matrix` on ``V_a (x) V_b``, from the closed formula
    ``R^-1 = (sum_n (-1)^n q^{-n(n-1)/2} (q - q^-1)^n / [n]! E^n (x) F^n) q^{-H (x) H/2}``."""
    ca, cb = _spins(a, b)
    return _r_matrix(ctx, ca, cb, True)


@lru_cache(maxsize=512)
def _r_matrix(ctx: QContext[Any, Any], a: int, b: int, inverse: bool) -> ExactMatrix:
    entries: dict[tuple[int, int], Any] = {}
    for x, y, n, c in _r_terms(ctx, a, b, inverse):
        col = _index(a, x) * (b + 1) + _index(b, y)
        row = _index(a, x + 2 * n) * (b + 1) + _index(b, y - 2 * n)
        entries[(row, col)] = c
    dim = (a + 1) * (b + 1)
    return ExactMatrix(dim, dim, entries, ctx.zero, ctx.one)


def r_matrix_legs(spins: Sequence[Any], i: int, j: int, ctx: QContext[Any, Any], inverse: bool = False) -> ExactMatrix:
    """``R_{ij}`` on ``V_{j_1} (x) ... (x) V_{j_n}``: the first leg of R on factor ``i``, the
    second on factor ``j`` (1-based, ``i != j``; ``R_{21}`` is the flipped R-matrix).

    Parameters
    ----------
    spins : sequence of spin-like
        The spins of the factors.
    i, j : int
        Distinct factor positions in ``1..n``.
    ctx : QContext
        The number context.
    inverse : bool
        Use ``R^-1`` instead of ``R``.

    Raises
    ------
    InvalidArgumentError
        If ``i``, ``j`` are not distinct positions.

    Examples
    --------
    >>> from tqft.exact.qcontexts import generic_q
    >>> ctx = generic_q()
    >>> r12 = r_matrix_legs(["1/2", 1], 1, 2, ctx)
    >>> r12 == r_matrix("1/2", 1, ctx)
    True
    """
    colours = tuple(parse_colour(v, f"spins[{k}]") for k, v in enumerate(spins))
    n = len(colours)
    for name, v in (("i", i), ("j", j)):
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= n:
            raise InvalidArgumentError(f"{name} = {v!r} must be a factor position in 1..{n}")
    if i == j:
        raise InvalidArgumentError(f"i = j = {i}: R_ij needs two distinct factors")
    return _r_legs(ctx, colours, i - 1, j - 1, bool(inverse))


@lru_cache(maxsize=512)
def _r_legs(ctx: QContext[Any, Any], colours: tuple[int, ...], i: int, j: int, inverse: bool) -> ExactMatrix:
    terms: dict[tuple[int, int], list[tuple[int, Any]]] = {}
    for x, y, n, c in _r_terms(ctx, colours[i], colours[j], inverse):
        terms.setdefault((x, y), []).append((n, c))
    dims = [c + 1 for c in colours]
    strides = [1] * len(colours)
    for k in range(len(colours) - 2, -1, -1):
        strides[k] = strides[k + 1] * dims[k + 1]
    entries: dict[tuple[int, int], Any] = {}
    for col, t in enumerate(product(*[range(d) for d in dims])):
        x = colours[i] - 2 * t[i]
        y = colours[j] - 2 * t[j]
        for n, c in terms.get((x, y), ()):
            row = col - n * strides[i] + n * strides[j]  # x + 2n lowers index i by n, y - 2n raises j
            entries[(row, col)] = c
    dim = strides[0] * dims[0]
    return ExactMatrix(dim, dim, entries, ctx.zero, ctx.one)


def flip_matrix(a: Any, b: Any, ctx: QContext[Any, Any]) -> ExactMatrix:
    """The flip ``tau : V_a (x) V_b -> V_b (x) V_a``, ``v (x) w -> w (x) v``."""
    ca, cb = _spins(a, b)
    return _flip(ctx, ca, cb)


@lru_cache(maxsize=512)
def _flip(ctx: QContext[Any, Any], a: int, b: int) -> ExactMatrix:
    entries = {(k * (a + 1) + i, i * (b + 1) + k): ctx.one for i in range(a + 1) for k in range(b + 1)}
    dim = (a + 1) * (b + 1)
    return ExactMatrix(dim, dim, entries, ctx.zero, ctx.one)


def braiding(a: Any, b: Any, ctx: QContext[Any, Any], inverse: bool = False) -> ExactMatrix:
    """The braiding ``c_{V_a, V_b} = tau o R : V_a (x) V_b -> V_b (x) V_a``, or its inverse.

    Parameters
    ----------
    a, b : spin-like
        Spins of the two factors of the *source* of ``c_{V_a, V_b}``.
    ctx : QContext
        The number context.
    inverse : bool
        Return ``c_{V_a, V_b}^{-1} = R^{-1} o tau : V_b (x) V_a -> V_a (x) V_b``.

    Returns
    -------
    ExactMatrix

    Examples
    --------
    >>> from tqft.exact.qcontexts import generic_q
    >>> ctx = generic_q()
    >>> c = braiding("1/2", "1/2", ctx)
    >>> c @ braiding("1/2", "1/2", ctx, inverse=True) == ExactMatrix.identity(4, ctx.zero, ctx.one)
    True
    """
    ca, cb = _spins(a, b)
    return _braiding(ctx, ca, cb, bool(inverse))


@lru_cache(maxsize=512)
def _braiding(ctx: QContext[Any, Any], a: int, b: int, inverse: bool) -> ExactMatrix:
    if inverse:
        return _r_matrix(ctx, a, b, True) @ _flip(ctx, b, a)
    return _flip(ctx, a, b) @ _r_matrix(ctx, a, b, False)


def twist(spin: Any, ctx: QContext[Any, Any]) -> Any:
    """The twist ``theta_{V_j} = q^{2 j (j + 1)} = s^{a(a+2)}`` (colour ``a = 2j``).

    It is the scalar with ``theta_{V (x) W} = c_{W,V} c_{V,W} (theta_V (x) theta_W)``
    (Kassel XIV.3) for the braiding of this module; ``ribbon_twist`` verifies it.

    Examples
    --------
    >>> from tqft.exact.qcontexts import generic_q
    >>> print(twist("1/2", generic_q()))
    q^(3/2)
    """
    a = parse_colour(spin, "spin")
    return ctx.qpower(a * (a + 2))


def braiding_eigenvalue(a: Any, c: Any, ctx: QContext[Any, Any]) -> Any:
    """The eigenvalue of ``c_{V_a, V_a}`` on the summand ``V_c`` of ``V_a (x) V_a``.

    ``(-1)^{2a - c} q^{c(c+1) - 2a(a+1)}`` for spins ``a``, ``c`` (``c = 2a, 2a - 1, ..., 0``).

    Raises
    ------
    InvalidArgumentError
        If ``V_c`` is not a summand of ``V_a (x) V_a``.

    Notes
    -----
    ``c^2 = theta_{V_c} theta_{V_a}^{-2}`` on ``V_c`` by the ribbon relation, and the sign
    is fixed by ``q -> 1``, where ``c`` becomes the flip, which is ``+1`` on the symmetric
    summands ``V_{2a}, V_{2a-2}, ...`` and ``-1`` on the others (Reshetikhin 1987;
    Kirby and Melvin, Invent. Math. 105 (1991), lemma 3.3 style).  Verified exactly by
    ``braiding_eigenvalues`` on the highest-weight vectors of the summands.

    Examples
    --------
    >>> from tqft.exact.qcontexts import generic_q
    >>> ctx = generic_q()
    >>> print(braiding_eigenvalue("1/2", 1, ctx), "|", braiding_eigenvalue("1/2", 0, ctx))
    q^(1/2) | -q^(-3/2)
    """
    ca = parse_colour(a, "a")
    cc = parse_colour(c, "c")
    if cc > 2 * ca or cc % 2:
        allowed = ", ".join(spin_str(k) for k in range(2 * ca, -1, -2))
        raise InvalidArgumentError(
            f"c = {spin_str(cc)}: V_c is a summand of V_a (x) V_a for a = {spin_str(ca)} "
            f"only when c is one of {allowed}"
        )
    # exponent of s: 2 J(J+1) - 4 j(j+1) with J = cc/2, j = ca/2
    value = ctx.qpower(cc * (cc + 2) // 2 - ca * (ca + 2))
    return -value if (ca - cc // 2) % 2 else value


# -- braid words and braid group representations -----------------------------------------------


def parse_braid_word(word: Any, n_strands: Any = None) -> tuple[tuple[int, ...], int]:
    """Validate a braid word and its number of strands.

    Parameters
    ----------
    word : sequence of int
        Letters ``i`` (``sigma_i``) and ``-i`` (``sigma_i^{-1}``), ``1 <= i < n_strands``.
    n_strands : int or None
        Number of strands; ``None`` means ``max |i| + 1`` (1 for the empty word).

    Returns
    -------
    (tuple of int, int)

    Raises
    ------
    InvalidArgumentError
        If a letter is 0, not an int, or out of range, or ``n_strands < 1``.

    Examples
    --------
    >>> parse_braid_word([1, -2, 1, -2])
    ((1, -2, 1, -2), 3)
    """
    bad = f"word = {word!r} must be a sequence of nonzero integers (i for sigma_i, -i for its inverse)"
    if isinstance(word, (str, bytes)):
        raise InvalidArgumentError(bad)
    if not isinstance(word, Sequence):
        try:
            word = list(word)
        except TypeError:
            raise InvalidArgumentError(bad) from None
    letters = []
    for k, g in enumerate(word):
        if isinstance(g, bool) or not isinstance(g, int) or g == 0:
            raise InvalidArgumentError(
                f"word[{k}] = {g!r} must be a nonzero integer (i for sigma_i, -i for sigma_i^-1)"
            )
        letters.append(int(g))
    needed = max((abs(g) for g in letters), default=0) + 1
    if n_strands is None:
        n = needed
    else:
        if isinstance(n_strands, bool) or not isinstance(n_strands, int) or n_strands < 1:
            raise InvalidArgumentError(f"n_strands = {n_strands!r} must be a positive integer")
        if n_strands < needed:
            raise InvalidArgumentError(
                f"n_strands = {n_strands} is too small for the letter {needed - 1}: sigma_i needs i + 1 strands"
            )
        n = n_strands
    return tuple(letters), n


def braid_generator(i: int, n_strands: int, spin: Any, ctx: QContext[Any, Any], inverse: bool = False) -> ExactMatrix:
    """``rho(sigma_i^{+-1}) = id^{(x)(i-1)} (x) c^{+-1} (x) id^{(x)(n-i-1)}`` on ``V_j^{(x) n}``.

    Raises
    ------
    InvalidArgumentError
        Unless ``1 <= i < n_strands``.
    """
    if isinstance(n_strands, bool) or not isinstance(n_strands, int) or n_strands < 2:
        raise InvalidArgumentError(f"n_strands = {n_strands!r} must be an integer >= 2 for a braid generator")
    if isinstance(i, bool) or not isinstance(i, int) or not 1 <= i < n_strands:
        raise InvalidArgumentError(
            f"i = {i!r} must be an integer in 1..{n_strands - 1} (sigma_i on {n_strands} strands)"
        )
    (g,), n = parse_braid_word([-i if inverse else i], n_strands)
    a = parse_colour(spin, "spin")
    return _generator(ctx, a, abs(g), n, g < 0)


@lru_cache(maxsize=256)
def _generator(ctx: QContext[Any, Any], a: int, i: int, n: int, inverse: bool) -> ExactMatrix:
    left = ExactMatrix.identity((a + 1) ** (i - 1), ctx.zero, ctx.one)
    right = ExactMatrix.identity((a + 1) ** (n - i - 1), ctx.zero, ctx.one)
    return left.kron(_braiding(ctx, a, a, inverse)).kron(right)


def braid_representation(word: Any, n_strands: Any, spin: Any, ctx: QContext[Any, Any]) -> ExactMatrix:
    """The matrix of a braid on ``V_j^{(x) n}``: ``rho(w_1) rho(w_2) ... rho(w_k)``.

    Parameters
    ----------
    word : sequence of int
        ``i`` for ``sigma_i`` (positive crossing, KnotInfo convention), ``-i`` for its inverse.
    n_strands : int or None
        Number of strands (``None``: ``max |i| + 1``).
    spin : spin-like
        The colour of every strand.
    ctx : QContext
        The number context.

    Returns
    -------
    ExactMatrix
        ``(2j+1)^n`` square.  The dimension grows exponentially; for traces use
        :func:`tqft.algebra.braids.markov_trace`, which works weight space by weight space.

    Raises
    ------
    InvalidArgumentError
        For a malformed word or too few strands.
    InvalidSpinError
        If ``spin`` is not a spin.

    Examples
    --------
    >>> from tqft.exact.qcontexts import generic_q
    >>> ctx = generic_q()
    >>> lhs = braid_representation([1, 2, 1], 3, "1/2", ctx)
    >>> lhs == braid_representation([2, 1, 2], 3, "1/2", ctx)
    True
    """
    letters, n = parse_braid_word(word, n_strands)
    a = parse_colour(spin, "spin")
    out = ExactMatrix.identity((a + 1) ** n, ctx.zero, ctx.one)
    for g in letters:
        out = out @ _generator(ctx, a, abs(g), n, g < 0)
    return out


def local_braiding(
    spin: Any, ctx: QContext[Any, Any], inverse: bool = False
) -> dict[tuple[int, int], list[tuple[tuple[int, int], Any]]]:
    """``c^{+-1}`` on ``V_j (x) V_j`` as a table on doubled weights.

    ``table[(x, y)]`` lists ``((x', y'), coefficient)`` with
    ``c (v_x (x) v_y) = sum coefficient * v_x' (x) v_y'``; used by the weight-space Markov
    trace of :mod:`tqft.algebra.braids`.
    """
    a = parse_colour(spin, "spin")
    return _local(ctx, a, bool(inverse))


@lru_cache(maxsize=256)
def _local(ctx: QContext[Any, Any], a: int, inverse: bool) -> dict[tuple[int, int], list[tuple[tuple[int, int], Any]]]:
    table: dict[tuple[int, int], list[tuple[tuple[int, int], Any]]] = {}
    if not inverse:
        # c = tau R: v_x (x) v_y -> R -> v_(x+2n) (x) v_(y-2n) -> tau -> v_(y-2n) (x) v_(x+2n)
        for x, y, n, c in _r_terms(ctx, a, a, False):
            table.setdefault((x, y), []).append(((y - 2 * n, x + 2 * n), c))
    else:
        # c^-1 = R^-1 tau: v_x (x) v_y -> v_y (x) v_x -> v_(y+2n) (x) v_(x-2n)
        for y, x, n, c in _r_terms(ctx, a, a, True):
            table.setdefault((x, y), []).append(((y + 2 * n, x - 2 * n), c))
    return table
