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
:func:`group_algebra` (centres of finite group algebras), :func:`verlinde_algebra` (the
fusion rings of SU(2)_k), :func:`polynomial_algebra` and
:func:`truncated_polynomial_algebra` (``Q[x]/(p)``), and :func:`algebra_from_spec`, are in
:mod:`tqft.tqft_models.frobenius_builtins`, with the formulas for their closed surfaces;
they are re-exported here.

References
----------
* [Kock] J. Kock, *Frobenius Algebras and 2D Topological Quantum Field Theories*, LMS Student
  Texts 59 (Cambridge 2004), ch. 2 (Frobenius algebras, comultiplication from the pairing)
  and ch. 3 (the equivalence with 2D TQFTs).
* [Abrams 1996] L. Abrams, J. Knot Theory Ramifications 5 (1996) 569-587.

Examples
--------
>>> from tqft.tqft_models.frobenius import truncated_polynomial_algebra, verlinde_algebra
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
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import CostLimitError, InvalidArgumentError
from ..exact.cyclotomic import Cyclotomic
from ..exact.matrix import ExactMatrix
from ..topology.cobordism2d import MAX_CIRCLES, Cobordism, Expr, expand, interpret, parse_cobordism, parse_expression

if TYPE_CHECKING:  # pragma: no cover - at run time these are imported on first use, see __getattr__
    from .frobenius_builtins import (
        MAX_GROUP_ORDER,
        GroupAlgebraCentre,
        algebra_from_spec,
        group_algebra,
        named_group,
        polynomial_algebra,
        surface_group_homomorphisms,
        truncated_polynomial_algebra,
        verlinde_algebra,
    )

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
        >>> from tqft.tqft_models.frobenius import verlinde_algebra
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


# --- the built-in algebras --------------------------------------------------------------------------
# frobenius_builtins builds on this module (GroupAlgebraCentre subclasses FrobeniusAlgebra), so
# its names are re-exported lazily: imported on first access (PEP 562), then kept here.  For
# the type checker they are the imports under TYPE_CHECKING above.

_BUILTINS = frozenset(
    {
        "MAX_GROUP_ORDER",
        "GroupAlgebraCentre",
        "algebra_from_spec",
        "group_algebra",
        "named_group",
        "polynomial_algebra",
        "surface_group_homomorphisms",
        "truncated_polynomial_algebra",
        "verlinde_algebra",
    }
)

if not TYPE_CHECKING:  # hidden from mypy, which would otherwise accept any attribute of this module

    def __getattr__(name: str) -> Any:
        if name in _BUILTINS:
            from . import frobenius_builtins

            value = getattr(frobenius_builtins, name)
            globals()[name] = value
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(set(globals()) | _BUILTINS)
