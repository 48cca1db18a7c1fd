"""2D TQFTs from commutative Frobenius algebras, exactly.

A commutative Frobenius algebra ``(A, m, u, eps)`` -- a commutative associative unital
algebra with a linear form ``eps`` whose pairing ``<a, b> = eps(ab)`` is non-degenerate --
is the same thing as a 2D TQFT ``Z: 2Cob -> Vect`` [Abrams 1996; Kock, Thm. 3.3.2]:
``Z(n circles) = A^{(x) n}`` and the generators go to

=================  ===========================================================
cobordism          linear map
=================  ===========================================================
``u: 0 -> 1``      ``1 -> 1_A``
``e: 1 -> 0``      ``eps``
``m: 2 -> 1``      multiplication
``D: 1 -> 2``      ``Delta(a) = sum_ij B^ij (a e_i) (x) e_j`` with ``B^ij`` the inverse of
                   the Gram matrix ``B_ij = eps(e_i e_j)`` (so ``Delta(1)`` is the copairing)
``t: 2 -> 2``      ``a (x) b -> b (x) a``
``h = m . D``      multiplication by the *handle element* ``h = m(Delta(1)) = sum_ij B^ij e_i e_j``
=================  ===========================================================

[Kock, sec. 2.3-2.4].  Hence ``Z(Sigma_g) = eps(h^g)`` for the closed genus-``g`` surface,
``Z(T^2) = eps(h) = dim A``, and for ``g >= 1`` also ``Z(Sigma_g) = Tr(L_h^(g-1))``
(``Tr L_a = eps(h a)``).

Matrices
--------
``Z(c)`` for ``c: m -> n`` is an :class:`~tqft.exact.matrix.ExactMatrix` of shape
``(d^n, d^m)`` (``d = dim A``): rows are indexed by the output tensor basis, columns by the
input tensor basis, both in lexicographic order with circle 0 the most significant factor,
``e_{i_0} (x) ... (x) e_{i_{k-1}} -> sum_r i_r d^(k-1-r)``.  This is the order of
:meth:`ExactMatrix.kron <tqft.exact.matrix.ExactMatrix.kron>`, so
``Z(f | g) = Z(f).kron(Z(g))``.  :meth:`FrobeniusAlgebra.tensor_basis` lists the labels.

Two independent evaluations are provided: :meth:`FrobeniusAlgebra.Z` works from the
normal form (each component of genus ``g`` with ``i`` inputs and ``o`` outputs is
``Delta^(o) . h^g . m^(i)``, closed components are the scalars ``eps(h^g)``), and
:meth:`FrobeniusAlgebra.evaluate` composes the matrices of the generators along a word.
Their agreement on every word is the content of the Abrams-Kock theorem, tested with
hypothesis and in :mod:`tqft.identities.frobenius`.

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
* [Kock] J. Kock, *Frobenius Algebras and 2D Topological Quantum Field Theories*, LMS Student
  Texts 59 (Cambridge 2004), ch. 2 (Frobenius algebras, comultiplication from the pairing)
  and ch. 3 (the equivalence with 2D TQFTs).
* [Abrams 1996] L. Abrams, J. Knot Theory Ramifications 5 (1996) 569-587.
* [Mednykh 1978] A. D. Mednykh, Soviet Math. Dokl. 19 (1978) 318-320; N. Snyder,
  *Mednykh's formula via lattice topological quantum field theories*, arXiv:math/0703073.
* [DMS] Di Francesco, Mathieu, Senechal, *Conformal Field Theory*, sec. 16.1-16.2 (fusion).

Examples
--------
>>> A = truncated_polynomial_algebra(3)
>>> A.handle_element
(Fraction(0, 1), Fraction(0, 1), Fraction(3, 1))
>>> [A.closed_surface(g) for g in range(4)]
[Fraction(0, 1), Fraction(3, 1), Fraction(0, 1), Fraction(0, 1)]
>>> V = verlinde_algebra(3)
>>> V.format_element(V.handle_element)      # sum_a [a][a] = 4[0] + 2[2]
'4*[0] + 2*[2]'
>>> print(V.Z("m . D"))
[4  0  2  0]
[0  6  0  2]
[2  0  6  0]
[0  2  0  4]
>>> V.Z("m . D").trace() == V.closed_surface(2) == 20     # closing the handle up: Sigma_2
True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from ..errors import CostLimitError, InvalidArgumentError, NotRepresentableError
from ..exact.cyclotomic import Cyclotomic
from ..exact.matrix import ExactMatrix
from ..topology.cobordism2d import MAX_CIRCLES, Cobordism, Expr, expand, interpret, parse_cobordism, parse_expression

__all__ = [
    "MAX_GROUP_ORDER",
    "MAX_MATRIX_ENTRIES",
    "FrobeniusAlgebra",
    "FrobeniusAxiomError",
    "GroupAlgebraCentre",
    "Relation",
    "algebra_from_spec",
    "group_algebra",
    "named_group",
    "polynomial_algebra",
    "surface_group_homomorphisms",
    "truncated_polynomial_algebra",
    "verlinde_algebra",
]

#: largest ``d^(m+n)`` for a matrix ``Z(c)``, ``c: m -> n`` (raise CostLimitError above)
MAX_MATRIX_ENTRIES = 2**22
#: largest group order accepted by :func:`group_algebra`
MAX_GROUP_ORDER = 5000


class FrobeniusAxiomError(InvalidArgumentError):
    """The structure constants do not define a commutative Frobenius algebra; the message
    names the axiom and the basis elements where it fails."""


class Relation(NamedTuple):
    """One relation of :meth:`FrobeniusAlgebra.check_frobenius_relations`: both sides as matrices."""

    passed: bool
    lhs: Any
    rhs: Any


# --- rings and small linear algebra -------------------------------------------------------------


def _ring(values: Iterable[Any], zero: Any, one: Any) -> tuple[Any, Any, Any]:
    """``(zero, one, convert)`` for the entries: Fraction for ints and Fractions, the field of
    any Cyclotomic entry, or the given ``zero`` and ``one``."""
    if zero is not None or one is not None:
        if zero is None or one is None:
            raise InvalidArgumentError("zero and one must be given together (the ring's identities)")
        return zero, one, lambda x: one * x if isinstance(x, (int, Fraction)) else x
    field = None
    for v in values:
        if isinstance(v, Cyclotomic):
            if field is not None and v.field is not field:
                raise InvalidArgumentError(f"entries lie in two fields, {field!r} and {v.field!r}")
            field = v.field
        elif isinstance(v, bool) or not isinstance(v, (int, Fraction)):
            raise InvalidArgumentError(
                f"entry = {v!r} ({type(v).__name__}) is not exact: expected int, Fraction or Cyclotomic "
                "(or pass zero= and one= of another exact field)"
            )
    if field is not None:
        return field.zero, field.one, field
    return Fraction(0), Fraction(1), Fraction


def _inverse(rows: list[list[Any]], zero: Any, one: Any) -> tuple[list[list[Any]] | None, list[Any] | None]:
    """Gauss-Jordan: ``(inverse, None)``, or ``(None, v)`` with ``v != 0`` in the kernel."""
    n = len(rows)
    a = [list(r) + [one if i == j else zero for j in range(n)] for i, r in enumerate(rows)]
    pivots: list[int] = []
    r = 0
    for col in range(n):
        piv = next((i for i in range(r, n) if a[i][col] != zero), None)
        if piv is None:
            continue
        a[r], a[piv] = a[piv], a[r]
        inv = one / a[r][col]
        a[r] = [x * inv for x in a[r]]
        for i in range(n):
            if i != r and a[i][col] != zero:
                f = a[i][col]
                a[i] = [x - f * y for x, y in zip(a[i], a[r])]
        pivots.append(col)
        r += 1
    if r == n:
        return [row[n:] for row in a], None
    free = next(c for c in range(n) if c not in pivots)
    v = [zero] * n
    v[free] = one
    for i, pc in enumerate(pivots):
        v[pc] = -a[i][free]
    return None, v


def _digits(index: int, base: int, length: int) -> list[int]:
    out = [0] * length
    for r in range(length - 1, -1, -1):
        index, out[r] = divmod(index, base)
    return out


# --- the algebra -----------------------------------------------------------------------------------


class FrobeniusAlgebra:
    """A commutative Frobenius algebra given exactly by structure constants, and its 2D TQFT.

    Parameters
    ----------
    basis_names : sequence of str
        Names of the basis elements ``e_0 .. e_{d-1}`` (distinct).
    mult : ``d x d x d`` nested sequence, or mapping ``(i, j) -> {k: c}``
        ``e_i e_j = sum_k mult[i][j][k] e_k`` (in a mapping, absent entries are zero).
    unit : sequence of length ``d``
        Coordinates of ``1_A``.
    counit : sequence of length ``d``
        ``eps(e_i)``.
    name : str, optional
        A description for printing.
    zero, one : optional
        The identities of another exact field; by default entries are ``int``/``Fraction``
        (computed in ``Fraction``) or :class:`~tqft.exact.cyclotomic.Cyclotomic` (in their field).

    Raises
    ------
    FrobeniusAxiomError
        unless multiplication is commutative, associative and unital, and the Frobenius
        form ``eps(ab)`` is non-degenerate; the message names the axiom and the basis
        elements (or the radical element) where it fails.
    InvalidArgumentError
        for malformed input (shapes, names, inexact entries).

    Examples
    --------
    >>> A = FrobeniusAlgebra(["1", "x"], [[[1, 0], [0, 1]], [[0, 1], [1, 0]]], [1, 0], [0, 1])
    >>> A.comultiply(A.unit_vector)          # Q[x]/(x^2 - 1): Delta(1) = 1 (x) x + x (x) 1
    (Fraction(0, 1), Fraction(1, 1), Fraction(1, 1), Fraction(0, 1))
    >>> [A.closed_surface(g) for g in range(4)]      # h = 2x: eps((2x)^g) = 0, 2, 0, 8
    [Fraction(0, 1), Fraction(2, 1), Fraction(0, 1), Fraction(8, 1)]
    >>> try:                                  # Q[x]/(x^2) with eps(1) = 1, eps(x) = 0
    ...     FrobeniusAlgebra(["1", "x"], [[[1, 0], [0, 1]], [[0, 1], [0, 0]]], [1, 0], [1, 0])
    ... except FrobeniusAxiomError as exc:
    ...     print(exc)  # doctest: +NORMALIZE_WHITESPACE
    counit = [1, 0]: the Frobenius form eps(ab) is degenerate:
    a = x has eps(a e_j) = 0 for every basis element e_j
    """

    def __init__(
        self,
        basis_names: Sequence[str],
        mult: Any,
        unit: Sequence[Any],
        counit: Sequence[Any],
        *,
        name: str | None = None,
        zero: Any = None,
        one: Any = None,
    ) -> None:
        names = tuple(basis_names)
        if not names or any(not isinstance(b, str) or not b for b in names) or len(set(names)) != len(names):
            raise InvalidArgumentError(f"basis_names = {list(basis_names)!r} must be distinct non-empty strings")
        d = len(names)
        self.basis = names
        self.dimension = d
        self.name = name or f"Frobenius algebra of dimension {d}"
        sparse = self._read_mult(mult, d)
        unit, counit = list(unit), list(counit)
        for label, vec in (("unit", unit), ("counit", counit)):
            if len(vec) != d:
                raise InvalidArgumentError(f"{label} has {len(vec)} entries; expected {d} (one per basis element)")
        everything = [*unit, *counit, *(c for row in sparse for cell in row for c in cell.values())]
        self.zero, self.one, convert = _ring(everything, zero, one)
        self._mult: list[list[dict[int, Any]]] = [
            [{k: convert(c) for k, c in cell.items() if c != 0} for cell in row] for row in sparse
        ]
        self.unit_vector: tuple[Any, ...] = tuple(convert(x) for x in unit)
        self.counit_vector: tuple[Any, ...] = tuple(convert(x) for x in counit)
        self._check_algebra()
        gram = [[self._eps_dict(self._mult[i][j]) for j in range(d)] for i in range(d)]
        inverse, kernel = _inverse(gram, self.zero, self.one)
        if inverse is None:
            assert kernel is not None
            raise FrobeniusAxiomError(
                f"counit = [{', '.join(map(str, counit))}]: the Frobenius form eps(ab) is degenerate: "
                f"a = {self.format_element(kernel)} has eps(a e_j) = 0 for every basis element e_j"
            )
        self._gram, self._gram_inverse = gram, inverse
        self._component_cache: dict[tuple[int, int, int], ExactMatrix] = {}

    @staticmethod
    def _read_mult(mult: Any, d: int) -> list[list[dict[int, Any]]]:
        out: list[list[dict[int, Any]]] = [[{} for _ in range(d)] for _ in range(d)]
        if isinstance(mult, Mapping):
            for key, value in mult.items():
                if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(x, int) for x in key)):
                    raise InvalidArgumentError(f"mult key {key!r} must be a pair (i, j) of basis indices")
                i, j = key
                if not (0 <= i < d and 0 <= j < d):
                    raise InvalidArgumentError(f"mult key {key!r} is outside 0..{d - 1}")
                cell = value if isinstance(value, Mapping) else dict(enumerate(value))
                if any(not isinstance(k, int) or not 0 <= k < d for k in cell):
                    raise InvalidArgumentError(f"mult[{key}] = {value!r} names an index outside 0..{d - 1}")
                out[i][j] = dict(cell)
            return out
        rows = list(mult)
        if len(rows) != d:
            raise InvalidArgumentError(f"mult has {len(rows)} rows; expected {d} (mult[i][j][k], d = {d})")
        for i, row in enumerate(rows):
            row = list(row)
            if len(row) != d:
                raise InvalidArgumentError(f"mult[{i}] has {len(row)} entries; expected {d}")
            for j, coefficients in enumerate(row):
                coeffs = list(coefficients)
                if len(coeffs) != d:
                    raise InvalidArgumentError(f"mult[{i}][{j}] has {len(coeffs)} coefficients; expected {d}")
                out[i][j] = dict(enumerate(coeffs))
        return out

    # -- element arithmetic ------------------------------------------------------------------
    def _eps_dict(self, x: Mapping[int, Any]) -> Any:
        total = self.zero
        for k, c in x.items():
            total = total + c * self.counit_vector[k]
        return total

    def _times_basis(self, x: Mapping[int, Any], j: int) -> dict[int, Any]:
        out: dict[int, Any] = {}
        for i, a in x.items():
            for k, c in self._mult[i][j].items():
                out[k] = out[k] + a * c if k in out else a * c
        return {k: v for k, v in out.items() if v != self.zero}

    def _vec(self, x: Sequence[Any], name: str = "x") -> dict[int, Any]:
        v = list(x)
        if len(v) != self.dimension:
            raise InvalidArgumentError(f"{name} has {len(v)} coordinates; expected {self.dimension}")
        return {i: c for i, c in enumerate(v) if c != 0}

    def _dense(self, x: Mapping[int, Any]) -> tuple[Any, ...]:
        return tuple(x.get(i, self.zero) for i in range(self.dimension))

    def multiply(self, x: Sequence[Any], y: Sequence[Any]) -> tuple[Any, ...]:
        """The product of two elements given by coordinates."""
        xs, ys = self._vec(x), self._vec(y, "y")
        out: dict[int, Any] = {}
        for j, b in ys.items():
            for k, c in self._times_basis(xs, j).items():
                out[k] = out[k] + b * c if k in out else b * c
        return self._dense(out)

    def counit_value(self, x: Sequence[Any]) -> Any:
        """``eps(x)``."""
        return self._eps_dict(self._vec(x))

    def comultiply(self, x: Sequence[Any]) -> tuple[Any, ...]:
        """``Delta(x)`` as coordinates in the tensor basis of ``A (x) A`` (lexicographic)."""
        col = ExactMatrix(self.dimension, 1, {(i, 0): c for i, c in self._vec(x).items()}, self.zero, self.one)
        return tuple((self.comultiplication_matrix @ col)[r, 0] for r in range(self.dimension**2))

    def basis_vector(self, i: int | str) -> tuple[Any, ...]:
        """Coordinates of a basis element (by index or name)."""
        k = self.basis.index(i) if isinstance(i, str) and i in self.basis else i
        if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k < self.dimension:
            raise InvalidArgumentError(f"i = {i!r} is not a basis index 0..{self.dimension - 1} or name {self.basis}")
        return self._dense({k: self.one})

    def format_element(self, x: Sequence[Any]) -> str:
        """``x`` written in the basis names, e.g. ``2*x + 1/2*x^2``."""
        terms = []
        for c, b in zip(x, self.basis):
            if c == 0:
                continue
            s = str(c)
            if b == "1":
                terms.append(s if " " not in s else f"({s})")
            elif s == "1":
                terms.append(b)
            elif s == "-1":
                terms.append(f"-{b}")
            else:
                terms.append(f"({s})*{b}" if " " in s else f"{s}*{b}")
        return " + ".join(terms).replace("+ -", "- ") or "0"

    # -- axioms -----------------------------------------------------------------------------
    def _check_algebra(self) -> None:
        d, b = self.dimension, self.basis
        for i in range(d):
            for j in range(i + 1, d):
                if self._mult[i][j] != self._mult[j][i]:
                    raise FrobeniusAxiomError(
                        f"mult is not commutative: {b[i]}*{b[j]} = {self.format_element(self._dense(self._mult[i][j]))}"
                        f" but {b[j]}*{b[i]} = {self.format_element(self._dense(self._mult[j][i]))}"
                    )
        unit = {i: c for i, c in enumerate(self.unit_vector) if c != self.zero}
        for j in range(d):
            if self._times_basis(unit, j) != {j: self.one}:
                got = self.format_element(self._dense(self._times_basis(unit, j)))
                raise FrobeniusAxiomError(
                    f"unit = {self.format_element(self.unit_vector)} is not a unit: 1*{b[j]} = {got}, not {b[j]}"
                )
        for i in range(d):
            for j in range(d):
                left_ij = self._mult[i][j]
                for k in range(d):
                    lhs = self._times_basis(left_ij, k)
                    rhs = self._times_basis(self._mult[j][k], i)  # (e_j e_k) e_i = e_i (e_j e_k)
                    if lhs != rhs:
                        raise FrobeniusAxiomError(
                            f"mult is not associative on ({b[i]}, {b[j]}, {b[k]}): ({b[i]}*{b[j]})*{b[k]} = "
                            f"{self.format_element(self._dense(lhs))} but {b[i]}*({b[j]}*{b[k]}) = "
                            f"{self.format_element(self._dense(rhs))}"
                        )

    # -- generator matrices ------------------------------------------------------------------
    def _matrix(self, rows: int, cols: int, entries: dict[tuple[int, int], Any]) -> ExactMatrix:
        return ExactMatrix(rows, cols, entries, self.zero, self.one)

    def identity_matrix(self, n: int = 1) -> ExactMatrix:
        """The identity of ``A^{(x) n}``."""
        return ExactMatrix.identity(self.dimension**n, self.zero, self.one)

    @cached_property
    def multiplication_matrix(self) -> ExactMatrix:
        """``Z(m)``, shape ``(d, d^2)``: column ``i d + j`` holds ``e_i e_j``."""
        d = self.dimension
        return self._matrix(
            d, d * d, {(k, i * d + j): c for i in range(d) for j in range(d) for k, c in self._mult[i][j].items()}
        )

    @cached_property
    def unit_matrix(self) -> ExactMatrix:
        """``Z(u)``, shape ``(d, 1)``."""
        return self._matrix(self.dimension, 1, {(i, 0): c for i, c in enumerate(self.unit_vector)})

    @cached_property
    def counit_matrix(self) -> ExactMatrix:
        """``Z(e)``, shape ``(1, d)``."""
        return self._matrix(1, self.dimension, {(0, i): c for i, c in enumerate(self.counit_vector)})

    @cached_property
    def comultiplication_matrix(self) -> ExactMatrix:
        """``Z(D)``, shape ``(d^2, d)``: ``Delta(e_k) = sum_ij B^ij (e_k e_i) (x) e_j``."""
        d = self.dimension
        out: dict[tuple[int, int], Any] = {}
        for k in range(d):
            for i in range(d):
                for j in range(d):
                    bij = self._gram_inverse[i][j]
                    if bij == self.zero:
                        continue
                    for l_, c in self._mult[k][i].items():
                        key = (l_ * d + j, k)
                        out[key] = out[key] + bij * c if key in out else bij * c
        return self._matrix(d * d, d, out)

    @cached_property
    def twist_matrix(self) -> ExactMatrix:
        """``Z(t)``, shape ``(d^2, d^2)``: ``e_i (x) e_j -> e_j (x) e_i``."""
        d = self.dimension
        return self._matrix(d * d, d * d, {(j * d + i, i * d + j): self.one for i in range(d) for j in range(d)})

    @cached_property
    def frobenius_form(self) -> ExactMatrix:
        """The Gram matrix ``B_ij = eps(e_i e_j)`` (symmetric, invertible)."""
        return ExactMatrix.from_rows(self._gram, self.zero, self.one)

    @cached_property
    def handle_operator(self) -> ExactMatrix:
        """``Z(h) = m o Delta``, shape ``(d, d)``: multiplication by the handle element."""
        return self.multiplication_matrix @ self.comultiplication_matrix

    @cached_property
    def handle_element(self) -> tuple[Any, ...]:
        """``h = m(Delta(1)) = sum_ij B^ij e_i e_j``, as coordinates."""
        col = self.handle_operator @ self.unit_matrix
        return tuple(col[i, 0] for i in range(self.dimension))

    def left_multiplication(self, x: Sequence[Any]) -> ExactMatrix:
        """The matrix of ``a -> x a``."""
        xs = self._vec(x)
        return self._matrix(
            self.dimension,
            self.dimension,
            {(k, j): c for j in range(self.dimension) for k, c in self._times_basis(xs, j).items()},
        )

    def generator_matrix(self, name: str) -> ExactMatrix:
        """``Z`` of a generator token ``1 u e m D t h empty``."""
        table = {
            "1": lambda: self.identity_matrix(),
            "u": lambda: self.unit_matrix,
            "e": lambda: self.counit_matrix,
            "m": lambda: self.multiplication_matrix,
            "D": lambda: self.comultiplication_matrix,
            "t": lambda: self.twist_matrix,
            "h": lambda: self.handle_operator,
            "empty": lambda: self.identity_matrix(0),
        }
        if name not in table:
            raise InvalidArgumentError(f"name = {name!r} is not a generator: expected one of {', '.join(table)}")
        return table[name]()

    # -- the functor ----------------------------------------------------------------------------
    def tensor_basis(self, n: int) -> list[str]:
        """Labels of the basis of ``A^{(x) n}`` in matrix order (lexicographic, circle 0 first)."""
        if n == 0:
            return ["1"]
        return ["⊗".join(t) for t in itertools.product(self.basis, repeat=n)]

    def _guard(self, source: int, target: int) -> None:
        size = self.dimension ** (source + target)
        if size > MAX_MATRIX_ENTRIES:
            raise CostLimitError(
                f"Z of a {source} -> {target} cobordism has d^{source + target} = {size:,} entries (d = "
                f"{self.dimension}), above MAX_MATRIX_ENTRIES = {MAX_MATRIX_ENTRIES:,}; "
                "raise tqft.tqft_models.frobenius.MAX_MATRIX_ENTRIES if you mean it"
            )

    def _power_product(self, n: int) -> ExactMatrix:
        """``m^(n): A^{(x) n} -> A`` (``u`` for ``n = 0``), left-combed."""
        if n == 0:
            return self.unit_matrix
        out = self.identity_matrix()
        for _ in range(n - 1):
            out = self.multiplication_matrix @ out.kron(self.identity_matrix())
        return out

    def _power_coproduct(self, n: int) -> ExactMatrix:
        """``Delta^(n): A -> A^{(x) n}`` (``eps`` for ``n = 0``)."""
        if n == 0:
            return self.counit_matrix
        out = self.identity_matrix()
        for _ in range(n - 1):
            out = out.kron(self.identity_matrix()) @ self.comultiplication_matrix
        return out

    def component_matrix(self, genus: int, inputs: int, outputs: int) -> ExactMatrix:
        """``Z`` of the connected surface: ``Delta^(outputs) . h^genus . m^(inputs)``."""
        key = (genus, inputs, outputs)
        if key not in self._component_cache:
            self._guard(inputs, outputs)
            m = self.handle_operator**genus @ self._power_product(inputs)
            self._component_cache[key] = self._power_coproduct(outputs) @ m
        return self._component_cache[key]

    def closed_surface(self, genus: int) -> Any:
        """``Z(Sigma_g) = eps(h^g)``, exact.

        Raises
        ------
        InvalidArgumentError
            unless ``genus`` is an integer ``>= 0``.
        """
        if isinstance(genus, bool) or not isinstance(genus, int) or not 0 <= genus <= MAX_CIRCLES:
            raise InvalidArgumentError(f"genus = {genus!r} must be an integer with 0 <= genus <= {MAX_CIRCLES}")
        x = {i: c for i, c in enumerate(self.unit_vector) if c != self.zero}
        h = {i: c for i, c in enumerate(self.handle_element) if c != self.zero}
        for _ in range(genus):
            acc: dict[int, Any] = {}
            for j, b in h.items():
                for k, c in self._times_basis(x, j).items():
                    acc[k] = acc[k] + b * c if k in acc else b * c
            x = {k: v for k, v in acc.items() if v != self.zero}
        return self._eps_dict(x)

    def Z(self, cobordism: Cobordism | Expr | str) -> ExactMatrix:
        """``Z(c)``, shape ``(d^target, d^source)``, computed from the normal form.

        Each boundary component contributes :meth:`component_matrix` on its circles, each
        closed component the scalar :meth:`closed_surface`; the matrix entry for tensor
        basis labels ``(out, in)`` is the product over components.

        Raises
        ------
        CostLimitError
            if ``d^(source + target) > MAX_MATRIX_ENTRIES``.
        """
        c = cobordism if isinstance(cobordism, Cobordism) else parse_cobordism(cobordism)
        self._guard(c.source, c.target)
        d = self.dimension
        scalar = self.one
        pieces: list[list[tuple[int, int, Any]]] = []
        for comp in c.components:
            if comp.is_closed:
                scalar = scalar * self.closed_surface(comp.genus)
                continue
            m = self.component_matrix(comp.genus, len(comp.inputs), len(comp.outputs))
            entries = []
            for (r, s), v in m.nonzero():
                row = sum(
                    x * d ** (c.target - 1 - lab) for x, lab in zip(_digits(r, d, len(comp.outputs)), comp.outputs)
                )
                col = sum(x * d ** (c.source - 1 - lab) for x, lab in zip(_digits(s, d, len(comp.inputs)), comp.inputs))
                entries.append((row, col, v))
            pieces.append(entries)
        out: dict[tuple[int, int], Any] = {}
        if scalar != self.zero:
            for combo in itertools.product(*pieces):
                value = scalar
                row = col = 0
                for r, s, v in combo:
                    row, col, value = row + r, col + s, value * v
                out[(row, col)] = value
        return self._matrix(d**c.target, d**c.source, out)

    def evaluate(self, expr: Expr | str) -> ExactMatrix:
        """``Z`` of a word, by composing and tensoring the generator matrices along it
        (parametrised atoms are first spelled out in generators, see
        :func:`~tqft.topology.cobordism2d.expand`).  Equal to :meth:`Z` of its cobordism."""
        e = parse_expression(expr) if isinstance(expr, str) else expr
        e = expand(e)
        self._guard(*e.arity)
        return interpret(e, lambda a: self.generator_matrix(a.name), lambda g, f: g @ f, lambda f, g: f.kron(g))

    # -- relations ------------------------------------------------------------------------------
    def check_frobenius_relations(self) -> dict[str, Relation]:
        """Both sides of the defining relations of a commutative Frobenius algebra, as matrices.

        ``associativity``, ``unit`` (left and right), ``commutativity`` ``m t = m``,
        ``coassociativity``, ``counit``, ``cocommutativity`` ``t D = D``, ``frobenius``
        ``(1 x m)(D x 1) = D m = (m x 1)(1 x D)``, and ``handle`` (``m D`` is multiplication
        by ``h``).

        Examples
        --------
        >>> all(r.passed for r in verlinde_algebra(2).check_frobenius_relations().values())
        True
        """
        i1 = self.identity_matrix()
        m, u, e, dd, t = (
            self.multiplication_matrix,
            self.unit_matrix,
            self.counit_matrix,
            self.comultiplication_matrix,
            self.twist_matrix,
        )
        pairs = {
            "associativity": (m @ m.kron(i1), m @ i1.kron(m)),
            "unit": ((m @ u.kron(i1), m @ i1.kron(u)), (i1, i1)),
            "commutativity": (m @ t, m),
            "coassociativity": (dd.kron(i1) @ dd, i1.kron(dd) @ dd),
            "counit": ((e.kron(i1) @ dd, i1.kron(e) @ dd), (i1, i1)),
            "cocommutativity": (t @ dd, dd),
            "frobenius": ((i1.kron(m) @ dd.kron(i1), dd @ m), (dd @ m, m.kron(i1) @ i1.kron(dd))),
            "handle": (self.handle_operator, self.left_multiplication(self.handle_element)),
        }
        return {k: Relation(lhs == rhs, lhs, rhs) for k, (lhs, rhs) in pairs.items()}

    # -- output ------------------------------------------------------------------------------------
    def describe(self) -> str:
        """A multi-line description: basis, unit, counit, products, handle element."""
        lines = [
            f"{self.name} (dimension {self.dimension})",
            f"basis: {', '.join(self.basis)}",
            f"unit: 1 = {self.format_element(self.unit_vector)}",
            "counit: " + ", ".join(f"eps({b}) = {c}" for b, c in zip(self.basis, self.counit_vector)),
            "products:",
        ]
        for i in range(self.dimension):
            for j in range(i, self.dimension):
                prod = self.format_element(self._dense(self._mult[i][j]))
                lines.append(f"  {self.basis[i]} * {self.basis[j]} = {prod}")
        lines.append(f"handle element: h = {self.format_element(self.handle_element)}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<FrobeniusAlgebra {self.name!r}, dimension {self.dimension}>"

    def __str__(self) -> str:
        return f"{self.name} (dimension {self.dimension}, basis {', '.join(self.basis)})"


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
