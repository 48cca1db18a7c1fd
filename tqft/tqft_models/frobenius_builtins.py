"""Built-in commutative Frobenius algebras: group algebra centres, Verlinde algebras, polynomials.

They are :class:`~tqft.tqft_models.frobenius.FrobeniusAlgebra` instances (see
:mod:`tqft.tqft_models.frobenius` for the 2D TQFT of an algebra); every name here is
re-exported by :mod:`tqft.tqft_models.frobenius`.

Built-in algebras
-----------------
* :func:`group_algebra` -- the centre of the group algebra ``Q[G]``, basis the class sums,
  ``eps(g) = delta_{g,e} / |G|`` on group elements.  In the basis of central idempotents
  ``e_rho = (dim rho / |G|) sum_g chi_rho(g^-1) g`` one has ``eps(e_rho) = (dim rho / |G|)^2``,
  so ``h = sum_rho e_rho / eps(e_rho)`` and ``Z(Sigma_g) = sum_rho (|G| / dim rho)^(2g-2)``,
  which is ``|Hom(pi_1 Sigma_g, G)| / |G|`` by Mednykh's formula [Mednykh 1978; Snyder].
* :func:`verlinde_algebra` -- the fusion ring of SU(2)_k over ``Q``, basis the colours
  ``[0] .. [k]``, ``[a][b] = sum_c N_ab^c [c]``, ``eps([a]) = delta_{a0}``; the idempotents
  ``S_0x sum_a S_ax [a]`` have ``eps = S_0x^2``, so ``Z(Sigma_g) = sum_x S_0x^(2-2g)``, the
  Verlinde dimension.  ``basis="idempotent"`` gives the same TQFT in that basis over
  ``Q(zeta_{8(k+2)})``.
* :func:`polynomial_algebra` -- ``Q[x]/(p)`` with ``eps(x^i) = delta_{i, n-1}`` (``n = deg p``,
  ``p`` monic), whose handle element is ``p'(x)``; :func:`truncated_polynomial_algebra` is
  ``p = x^n``, with ``h = n x^(n-1)``: ``Z(S^2) = 0`` and ``Z(Sigma_g) = 0`` for ``g >= 2``
  when ``n > 1``, ``Z(T^2) = n``.

References
----------
* [Mednykh 1978] A. D. Mednykh, Soviet Math. Dokl. 19 (1978) 318-320; N. Snyder,
  *Mednykh's formula via lattice topological quantum field theories*, arXiv:math/0703073.
* [DMS] Di Francesco, Mathieu, Senechal, *Conformal Field Theory*, sec. 16.1-16.2 (fusion).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..errors import CostLimitError, InvalidArgumentError, NotRepresentableError
from .frobenius import FrobeniusAlgebra

__all__ = [
    "MAX_GROUP_ORDER",
    "GroupAlgebraCentre",
    "algebra_from_spec",
    "group_algebra",
    "named_group",
    "polynomial_algebra",
    "surface_group_homomorphisms",
    "truncated_polynomial_algebra",
    "verlinde_algebra",
]

#: largest group order accepted by :func:`group_algebra`
MAX_GROUP_ORDER = 5000


# --- group algebras ----------------------------------------------------------------------------------

_GROUP = re.compile(r"^(S|A|Z|C|D|Q)(\d+)$")


def _dicyclic(n: int) -> Any:
    """The dicyclic group of order ``4n`` (``Q8`` for ``n = 2``) as its regular permutation
    representation: elements ``a^k x^s`` (``a^(2n) = 1``, ``x^2 = a^n``, ``x a x^-1 = a^-1``)."""
    from sympy.combinatorics import Permutation, PermutationGroup

    order = 4 * n
    idx = {(k, s): k + 2 * n * s for k in range(2 * n) for s in (0, 1)}

    def times(g: tuple[int, int], h: tuple[int, int]) -> tuple[int, int]:
        (k, s), (l_, t) = g, h
        if s == 0:
            return ((k + l_) % (2 * n), t)
        # x a^l = a^-l x, and x x = a^n
        return ((k - l_ + n) % (2 * n), 0) if t else ((k - l_) % (2 * n), 1)

    gens = [(1, 0), (0, 1)]
    perms = [Permutation([idx[times(g, h)] for h in sorted(idx, key=idx.__getitem__)], size=order) for g in gens]
    return PermutationGroup(perms)


def named_group(name: str) -> Any:
    """A sympy ``PermutationGroup`` by name: ``Sn`` (symmetric), ``An`` (alternating), ``Zn``
    or ``Cn`` (cyclic), ``Dn`` (dihedral of order ``2n``, so ``D4`` has order 8), ``Qm``
    (dicyclic of order ``m``, ``m`` divisible by 4: ``Q8`` quaternion), ``V4`` (Klein), and
    direct products written with ``x``: ``Z2xZ2``, ``S3xZ2``.

    Raises
    ------
    InvalidArgumentError
        for an unknown name.
    """
    from sympy.combinatorics.group_constructs import DirectProduct
    from sympy.combinatorics.named_groups import AlternatingGroup, CyclicGroup, DihedralGroup, SymmetricGroup

    allowed = "Sn, An, Zn, Cn, Dn (order 2n), Q4n (dicyclic, Q8), V4, or products such as Z2xZ2"
    if not isinstance(name, str):
        raise InvalidArgumentError(f"group = {name!r} must be a name ({allowed}) or a sympy PermutationGroup")
    parts = name.replace(" ", "").split("x")
    if len(parts) > 1:
        return DirectProduct(*(named_group(p) for p in parts))
    if name in ("V4", "K4"):
        return DirectProduct(CyclicGroup(2), CyclicGroup(2))
    mt = _GROUP.match(name.strip())
    n = int(mt.group(2)) if mt else 0
    if mt is None or n < 1 or (mt.group(1) == "Q" and (n % 4 or n < 8)) or n > 1000:
        raise InvalidArgumentError(f"group = {name!r} is not a known group name: expected {allowed}")
    kind = mt.group(1)
    if kind == "Q":
        return _dicyclic(n // 4)
    maker = {"S": SymmetricGroup, "A": AlternatingGroup, "Z": CyclicGroup, "C": CyclicGroup, "D": DihedralGroup}
    return maker[kind](n)


def _elements(group: Any) -> tuple[list[tuple[int, ...]], tuple[tuple[int, ...], ...]]:
    """Elements (array forms) and generators of a permutation group, with a size guard."""
    from sympy.combinatorics import PermutationGroup

    if not isinstance(group, PermutationGroup):
        raise InvalidArgumentError(f"group = {group!r} must be a sympy PermutationGroup or a group name")
    order = int(group.order())
    if order > MAX_GROUP_ORDER:
        raise CostLimitError(f"the group has order {order} > MAX_GROUP_ORDER = {MAX_GROUP_ORDER}")
    n = group.degree
    elems = sorted(tuple(p.array_form) + tuple(range(len(p.array_form), n)) for p in group.generate())
    gens = tuple(tuple(g.array_form) + tuple(range(len(g.array_form), n)) for g in group.generators)
    return elems, gens


def _mul(p: tuple[int, ...], q: tuple[int, ...]) -> tuple[int, ...]:
    """``p o q`` (apply ``q`` first)."""
    return tuple(p[i] for i in q)


def _inv(p: tuple[int, ...]) -> tuple[int, ...]:
    out = [0] * len(p)
    for i, x in enumerate(p):
        out[x] = i
    return tuple(out)


def _order(p: tuple[int, ...]) -> int:
    e, x, k = tuple(range(len(p))), p, 1
    while x != e:
        x, k = _mul(p, x), k + 1
    return k


class GroupAlgebraCentre(FrobeniusAlgebra):
    """The centre of ``Q[G]`` (see :func:`group_algebra`), with the class data.

    Attributes
    ----------
    order : int
        ``|G|``.
    class_sizes : tuple of int
        ``|C_i|`` per basis element.
    representatives : tuple of tuple of int
        A representative of each class (permutation array form).
    """

    order: int
    class_sizes: tuple[int, ...]
    representatives: tuple[tuple[int, ...], ...]

    def handle_eigenvalues(self) -> list[Fraction]:
        """Eigenvalues of the handle operator with multiplicity, from its characteristic
        polynomial over ``Q`` (FLINT): ``(|G| / dim rho)^2`` per irreducible ``rho``.

        Raises
        ------
        NotRepresentableError
            if the polynomial has an irrational root (it cannot, for a group algebra).
        """
        import flint

        d = self.dimension
        mat = flint.fmpq_mat(
            d, d, [flint.fmpq(x.numerator, x.denominator) for row in self.handle_operator.to_rows() for x in row]
        )
        _, factors = mat.charpoly().factor()
        roots: list[Fraction] = []
        for f, mult in factors:
            if f.degree() != 1:
                raise NotRepresentableError(f"the handle operator has the irrational eigenvalues of {f}")
            root = -f[0] / f[1]
            roots.extend([Fraction(int(root.p), int(root.q))] * mult)
        return sorted(roots)

    def irrep_degrees(self) -> tuple[int, ...]:
        """Degrees of the irreducible complex representations, ``|G| / sqrt(lambda)`` over the
        handle eigenvalues ``lambda`` (each checked to give an integer dividing ``|G|``)."""
        degrees = []
        for lam in self.handle_eigenvalues():
            num, den = _isqrt_exact(lam.numerator), _isqrt_exact(lam.denominator)
            deg = Fraction(self.order) * den / num if num and den else Fraction(0)
            if deg.denominator != 1 or deg <= 0 or self.order % int(deg):
                raise ArithmeticError(f"handle eigenvalue {lam} does not give a degree dividing |G| = {self.order}")
            degrees.append(int(deg))
        return tuple(sorted(degrees))


def _isqrt_exact(n: int) -> int:
    import math

    r = math.isqrt(n)
    return r if r * r == n else 0


@lru_cache(maxsize=32)
def _named_group_algebra(name: str) -> GroupAlgebraCentre:
    return _group_algebra(named_group(name), name)


def group_algebra(group: Any) -> GroupAlgebraCentre:
    """The centre ``Z(Q[G])`` of a finite group algebra as a Frobenius algebra.

    Basis: the class sums ``C_i = sum_{g in class i} g``, named ATLAS-style by element order
    and a letter (``1a, 2a, 3a, ...``; classes sorted by element order, size, then
    representative).  ``C_i C_j = sum_k a_ij^k C_k`` with ``a_ij^k = #{x in C_i : x^-1 z_k in C_j}``
    for a representative ``z_k`` of class ``k``.  Counit ``eps(g) = delta_{g,e} / |G|`` on group
    elements, so ``eps(C_i) = 1/|G|`` for the identity class and ``0`` otherwise; then
    ``Z(Sigma_g) = sum_rho (|G| / dim rho)^(2g-2) = |Hom(pi_1 Sigma_g, G)| / |G|`` (module docstring).

    Parameters
    ----------
    group : str or sympy ``PermutationGroup``
        A name understood by :func:`named_group` (``"S3"``, ``"Q8"``, ``"A5"``, ...) or a group.

    Raises
    ------
    InvalidArgumentError
        for an unknown name or a non-group.
    CostLimitError
        if ``|G| > MAX_GROUP_ORDER``.

    Examples
    --------
    >>> A = group_algebra("S3")
    >>> A.basis, A.class_sizes
    (('1a', '2a', '3a'), (1, 3, 2))
    >>> [A.closed_surface(g) for g in range(3)]     # sum over dims 1, 1, 2 of (6/d)^(2g-2)
    [Fraction(1, 6), Fraction(3, 1), Fraction(81, 1)]
    >>> A.irrep_degrees()
    (1, 1, 2)
    """
    if isinstance(group, str):
        return _named_group_algebra(group.replace(" ", ""))
    return _group_algebra(group, None)


def _group_algebra(group: Any, name: str | None) -> GroupAlgebraCentre:
    elems, gens = _elements(group)
    order = len(elems)
    identity = tuple(range(len(elems[0])))
    class_of: dict[tuple[int, ...], int] = {}
    classes: list[list[tuple[int, ...]]] = []
    for x in elems:
        if x in class_of:
            continue
        orbit, frontier = {x}, [x]
        while frontier:
            y = frontier.pop()
            for s in gens:
                z = _mul(_mul(s, y), _inv(s))
                if z not in orbit:
                    orbit.add(z)
                    frontier.append(z)
        classes.append(sorted(orbit))
        for y in orbit:
            class_of[y] = -1
    orders = [_order(c[0]) for c in classes]
    perm = sorted(range(len(classes)), key=lambda i: (orders[i], len(classes[i]), classes[i][0]))
    classes = [classes[i] for i in perm]
    orders = [orders[i] for i in perm]
    for i, c in enumerate(classes):
        for y in c:
            class_of[y] = i
    r = len(classes)
    mult = [[[0] * r for _ in range(r)] for _ in range(r)]
    for k, ck in enumerate(classes):
        z = ck[0]
        for x in elems:
            mult[class_of[x]][class_of[_mul(_inv(x), z)]][k] += 1
    letters: dict[int, int] = {}
    names = []
    for o in orders:
        letters[o] = letters.get(o, 0) + 1
        names.append(f"{o}{_letter(letters[o] - 1)}")
    unit = [1 if c[0] == identity else 0 for c in classes]
    counit = [Fraction(u_, order) for u_ in unit]
    title = f"centre of Q[{name}]" if name else f"centre of Q[G], |G| = {order}"
    alg = GroupAlgebraCentre(names, mult, unit, counit, name=title + " (eps(g) = delta_{g,e}/|G|)")
    alg.order = order
    alg.class_sizes = tuple(len(c) for c in classes)
    alg.representatives = tuple(c[0] for c in classes)
    return alg


def _letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        s = chr(ord("a") + rem) + s
    return s


@lru_cache(maxsize=32)
def _commutator_counts(group: Any) -> tuple[tuple[tuple[int, ...], ...], dict[tuple[int, ...], int]]:
    elems, _ = _elements(named_group(group) if isinstance(group, str) else group)
    counts: dict[tuple[int, ...], int] = {}
    for a in elems:
        ia = _inv(a)
        for b in elems:
            z = _mul(_mul(a, b), _mul(ia, _inv(b)))
            counts[z] = counts.get(z, 0) + 1
    return tuple(elems), counts


def surface_group_homomorphisms(group: Any, genus: int) -> int:
    """``|Hom(pi_1 Sigma_g, G)|``: the number of ``(a_1, b_1, ..., a_g, b_g)`` in ``G^(2g)``
    with ``[a_1, b_1] ... [a_g, b_g] = e``, counted directly in the group (no characters).

    The count of ``(a, b)`` with ``[a, b] = z`` is tabulated once, then convolved ``g`` times.
    By Mednykh's formula it equals ``|G| sum_rho (|G| / dim rho)^(2g-2)``.

    >>> [surface_group_homomorphisms("S3", g) for g in range(3)]
    [1, 18, 486]
    """
    if isinstance(genus, bool) or not isinstance(genus, int) or genus < 0:
        raise InvalidArgumentError(f"genus = {genus!r} must be an integer >= 0")
    elems, counts = _commutator_counts(group.replace(" ", "") if isinstance(group, str) else group)
    identity = tuple(range(len(elems[0])))
    f: dict[tuple[int, ...], int] = {identity: 1}
    for _ in range(genus):
        nxt: dict[tuple[int, ...], int] = {}
        for z, a in f.items():
            for w, b in counts.items():
                x = _mul(z, w)
                nxt[x] = nxt.get(x, 0) + a * b
        f = nxt
    return f.get(identity, 0)


# --- the Verlinde algebra ------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def verlinde_algebra(k: int, basis: str = "fusion") -> FrobeniusAlgebra:
    """The Verlinde (fusion) algebra of SU(2)_k as a Frobenius algebra.

    Parameters
    ----------
    k : int
        The level, ``1 <= k <= MAX_LEVEL_VERLINDE`` (see :mod:`tqft.algebra.modular`).
    basis : {"fusion", "idempotent"}
        ``"fusion"``: basis ``[0] .. [k]`` (colours ``a = 2j``) over ``Q``,
        ``[a][b] = sum_c N_ab^c [c]`` from :meth:`~tqft.algebra.modular.ModularData.fusion_tensor`
        (the Verlinde formula), unit ``[0]``, ``eps([a]) = delta_{a0}``.  ``"idempotent"``: basis
        ``e0 .. ek`` with ``e_x e_y = delta_xy e_x``, unit ``sum_x e_x``, ``eps(e_x) = S_0x^2``,
        over ``Q(zeta_{8(k+2)})``; it is the same TQFT, ``[a] = sum_x (S_ax / S_0x) e_x``.

    With either, ``Z(Sigma_g) = sum_x S_0x^(2-2g) = modular_data(k).verlinde_dimension(g)``.

    >>> [verlinde_algebra(2).closed_surface(g) for g in range(4)]
    [Fraction(1, 1), Fraction(3, 1), Fraction(10, 1), Fraction(36, 1)]
    """
    from ..algebra.modular import modular_data

    md = modular_data(k)
    labels = range(md.rank)
    if basis == "fusion":
        n = md.fusion_tensor("verlinde")
        names = [f"[{a}]" for a in labels]
        unit = [1 if a == 0 else 0 for a in labels]
        return FrobeniusAlgebra(names, n, unit, unit, name=f"Verlinde algebra of SU(2)_{md.k} (eps([a]) = delta_a0)")
    if basis != "idempotent":
        raise InvalidArgumentError(f"basis = {basis!r} must be 'fusion' or 'idempotent'")
    zero, one = md.field.zero, md.field.one
    mult = {(x, x): {x: one} for x in labels}
    counit = [md.S[0, x] * md.S[0, x] for x in labels]
    return FrobeniusAlgebra(
        [f"e{x}" for x in labels],
        mult,
        [one] * md.rank,
        counit,
        name=f"Verlinde algebra of SU(2)_{md.k}, idempotent basis (eps(e_x) = S_0x^2)",
        zero=zero,
        one=one,
    )


# --- polynomial algebras ---------------------------------------------------------------------------


def polynomial_algebra(coefficients: Sequence[Any], counit: Sequence[Any] | None = None) -> FrobeniusAlgebra:
    """``Q[x] / (p)`` with ``p = a_0 + a_1 x + ... + a_n x^n`` (lowest degree first), basis
    ``1, x, ..., x^(n-1)``.

    The default counit is ``eps(x^i) = delta_{i, n-1}`` for ``i < n`` (the coefficient of
    ``x^(n-1)`` after dividing by ``a_n``; non-degenerate for every ``p``), whose handle
    element is ``p'(x) / a_n``.

    Raises
    ------
    InvalidArgumentError
        if ``n < 1``, ``a_n = 0`` or a coefficient is not exact.
    FrobeniusAxiomError
        if a given ``counit`` is degenerate.

    >>> A = polynomial_algebra([-2, 0, 1])          # Q[x]/(x^2 - 2)
    >>> A.format_element(A.handle_element), [A.closed_surface(g) for g in range(4)]
    ('2*x', [Fraction(0, 1), Fraction(2, 1), Fraction(0, 1), Fraction(16, 1)])
    """
    coeffs = list(coefficients)
    if len(coeffs) < 2 or coeffs[-1] == 0:
        raise InvalidArgumentError(
            f"coefficients = {coeffs!r} must list a_0, ..., a_n (n >= 1) of p = a_0 + ... + a_n x^n with a_n != 0"
        )
    for c in coeffs:
        if isinstance(c, bool) or not isinstance(c, (int, Fraction)):
            raise InvalidArgumentError(f"coefficient {c!r} must be an int or Fraction")
    n = len(coeffs) - 1
    monic = [Fraction(c) / Fraction(coeffs[-1]) for c in coeffs[:-1]]
    # powers[e] = coordinates of x^e mod p, e = 0 .. 2n - 2
    powers: list[list[Fraction]] = [[Fraction(int(i == e)) for i in range(n)] for e in range(n)]
    for _ in range(n, 2 * n - 1):
        prev = powers[-1]
        shifted = [Fraction(0), *prev[:-1]]
        top = prev[-1]
        powers.append([s - top * a for s, a in zip(shifted, monic)])
    mult = [[powers[i + j] for j in range(n)] for i in range(n)]
    names = ["1", "x"] + [f"x^{i}" for i in range(2, n)]
    eps = list(counit) if counit is not None else [int(i == n - 1) for i in range(n)]
    terms = []
    for i in range(n, -1, -1):
        c = coeffs[i]
        mono = "" if i == 0 else "x" if i == 1 else f"x^{i}"
        if c:
            terms.append(str(c) if not mono else mono if c == 1 else f"-{mono}" if c == -1 else f"{c}*{mono}")
    label = "Q[x]/(" + " + ".join(terms).replace("+ -", "- ") + ")"
    return FrobeniusAlgebra(names[:n], mult, [int(i == 0) for i in range(n)], eps, name=label)


def truncated_polynomial_algebra(n: int) -> FrobeniusAlgebra:
    """``Q[x] / (x^n)`` with ``eps(x^(n-1)) = 1`` and ``eps(x^i) = 0`` otherwise.

    Its handle element is ``h = n x^(n-1)``, so ``Z(S^2) = eps(1) = [n = 1]``,
    ``Z(T^2) = n`` and ``Z(Sigma_g) = eps(n^g x^(g(n-1))) = 0`` for ``g >= 2``, ``n >= 2``.
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 1000:
        raise InvalidArgumentError(f"n = {n!r} must be an integer 1 <= n <= 1000")
    return polynomial_algebra([0] * n + [1])


# --- specifications ----------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def algebra_from_spec(spec: str) -> FrobeniusAlgebra:
    """A built-in algebra from a short specification (used by ``tqft cobordism --algebra``):

    * ``group:NAME`` -- :func:`group_algebra` (``group:S3``, ``group:Q8``, ``group:Z2xZ2``);
    * ``verlinde:K`` -- :func:`verlinde_algebra` ``(K)``; ``verlinde:K:idempotent`` in the
      idempotent basis;
    * ``poly:N`` -- :func:`truncated_polynomial_algebra` ``(N)``, ``Q[x]/(x^N)``;
    * ``poly:a0,a1,...,an`` -- :func:`polynomial_algebra`, ``Q[x]/(a0 + a1 x + ... + an x^n)``
      (at least two coefficients; fractions such as ``1/2`` allowed).

    >>> algebra_from_spec("poly:1,0,1").name
    'Q[x]/(x^2 + 1)'
    """
    allowed = "group:NAME, verlinde:K[:idempotent], poly:N or poly:a0,a1,...,an"
    kind, _, arg = spec.strip().partition(":")
    try:
        if kind == "group" and arg:
            return group_algebra(arg)
        if kind == "verlinde" and arg:
            level, _, basis = arg.partition(":")
            return verlinde_algebra(int(level), basis or "fusion")
        if kind == "poly" and arg:
            values = [Fraction(x) for x in arg.split(",")]
            if len(values) == 1:
                return truncated_polynomial_algebra(int(arg))
            return polynomial_algebra([int(v) if v.denominator == 1 else v for v in values])
    except ValueError as exc:
        if isinstance(exc, InvalidArgumentError):
            raise
        raise InvalidArgumentError(f"--algebra = {spec!r}: {exc}; expected {allowed}") from None
    raise InvalidArgumentError(f"--algebra = {spec!r} is not a known algebra: expected {allowed}")
