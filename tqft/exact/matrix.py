"""Sparse exact matrices over any of tqft's rings.

:class:`ExactMatrix` stores only nonzero entries (``dict[(i, j)] -> element``) and takes
the ring's zero and one from its construction, so the same class carries matrices over
``Fraction``, :class:`~tqft.exact.ratfunc.RationalFunction`,
:class:`~tqft.exact.cyclotomic.Cyclotomic` or mpmath numbers.  The representation
matrices of U_q(sl2), R-matrices on tensor products and modular S and T matrices are
sparse or small, which is what this is for; it is not a dense numerical library.

Equality is exact entry by entry (an entry is dropped as soon as it is exactly zero).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..errors import InvalidArgumentError

__all__ = ["ExactMatrix"]


class ExactMatrix:
    """A sparse ``rows x cols`` matrix with exact entries.

    Parameters
    ----------
    rows, cols : int
        Shape.
    entries : mapping ``(i, j) -> element``
        Nonzero entries (zeros are dropped).
    zero, one : ring elements
        The ring's identities, used for missing entries and identity matrices.

    Examples
    --------
    >>> from fractions import Fraction
    >>> m = ExactMatrix.from_rows([[1, 2], [3, 4]], zero=Fraction(0), one=Fraction(1))
    >>> (m @ m).to_rows()
    [[7, 10], [15, 22]]
    >>> m.kron(ExactMatrix.identity(2, Fraction(0), Fraction(1))).shape
    (4, 4)
    """

    __slots__ = ("cols", "entries", "one", "rows", "zero")

    def __init__(self, rows: int, cols: int, entries: dict[tuple[int, int], Any], zero: Any, one: Any) -> None:
        self.rows, self.cols = rows, cols
        self.zero, self.one = zero, one
        self.entries = {k: v for k, v in entries.items() if v != zero}

    # -- constructors -----------------------------------------------------------------
    @classmethod
    def zeros(cls, rows: int, cols: int, zero: Any, one: Any) -> ExactMatrix:
        return cls(rows, cols, {}, zero, one)

    @classmethod
    def identity(cls, n: int, zero: Any, one: Any) -> ExactMatrix:
        return cls(n, n, {(i, i): one for i in range(n)}, zero, one)

    @classmethod
    def diagonal(cls, values: Sequence[Any], zero: Any, one: Any) -> ExactMatrix:
        return cls(len(values), len(values), {(i, i): v for i, v in enumerate(values)}, zero, one)

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]], zero: Any, one: Any) -> ExactMatrix:
        n = len(rows)
        m = len(rows[0]) if n else 0
        if any(len(r) != m for r in rows):
            raise InvalidArgumentError("rows = ... must all have the same length")
        return cls(n, m, {(i, j): v for i, r in enumerate(rows) for j, v in enumerate(r)}, zero, one)

    def _like(self, rows: int, cols: int, entries: dict[tuple[int, int], Any]) -> ExactMatrix:
        return ExactMatrix(rows, cols, entries, self.zero, self.one)

    # -- access -----------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        return (self.rows, self.cols)

    def __getitem__(self, ij: tuple[int, int]) -> Any:
        return self.entries.get(ij, self.zero)

    def to_rows(self) -> list[list[Any]]:
        return [[self.entries.get((i, j), self.zero) for j in range(self.cols)] for i in range(self.rows)]

    def is_zero(self) -> bool:
        return not self.entries

    def is_diagonal(self) -> bool:
        return all(i == j for i, j in self.entries)

    def nonzero(self) -> Iterable[tuple[tuple[int, int], Any]]:
        return self.entries.items()

    # -- arithmetic -----------------------------------------------------------------------
    def _check_same(self, other: ExactMatrix, op: str) -> None:
        if self.shape != other.shape:
            raise InvalidArgumentError(f"cannot {op} matrices of shapes {self.shape} and {other.shape}")

    def __add__(self, other: ExactMatrix) -> ExactMatrix:
        self._check_same(other, "add")
        out = dict(self.entries)
        for k, v in other.entries.items():
            out[k] = out[k] + v if k in out else v
        return self._like(self.rows, self.cols, out)

    def __neg__(self) -> ExactMatrix:
        return self._like(self.rows, self.cols, {k: -v for k, v in self.entries.items()})

    def __sub__(self, other: ExactMatrix) -> ExactMatrix:
        return self + (-other)

    def scale(self, c: Any) -> ExactMatrix:
        """``c * self`` for a ring element ``c``."""
        return self._like(self.rows, self.cols, {k: c * v for k, v in self.entries.items()})

    def __matmul__(self, other: ExactMatrix) -> ExactMatrix:
        if self.cols != other.rows:
            raise InvalidArgumentError(f"cannot multiply matrices of shapes {self.shape} and {other.shape}")
        by_row: dict[int, list[tuple[int, Any]]] = {}
        for (k, j), v in other.entries.items():
            by_row.setdefault(k, []).append((j, v))
        out: dict[tuple[int, int], Any] = {}
        for (i, k), a in self.entries.items():
            for j, b in by_row.get(k, ()):
                key = (i, j)
                out[key] = out[key] + a * b if key in out else a * b
        return self._like(self.rows, other.cols, out)

    def __mul__(self, other: Any) -> ExactMatrix:
        if isinstance(other, ExactMatrix):
            return self @ other
        return self.scale(other)

    def __rmul__(self, other: Any) -> ExactMatrix:
        return self.scale(other)

    def __pow__(self, k: int) -> ExactMatrix:
        if self.rows != self.cols or k < 0:
            raise InvalidArgumentError(f"k = {k}: only non-negative powers of square matrices are defined")
        result = ExactMatrix.identity(self.rows, self.zero, self.one)
        base = self
        while k:
            if k & 1:
                result = result @ base
            base = base @ base
            k >>= 1
        return result

    def kron(self, other: ExactMatrix) -> ExactMatrix:
        """The Kronecker (tensor) product, ``self`` on the left factor."""
        out = {}
        for (i, j), a in self.entries.items():
            for (k, m), b in other.entries.items():
                out[(i * other.rows + k, j * other.cols + m)] = a * b
        return self._like(self.rows * other.rows, self.cols * other.cols, out)

    def transpose(self) -> ExactMatrix:
        return self._like(self.cols, self.rows, {(j, i): v for (i, j), v in self.entries.items()})

    @property
    def T(self) -> ExactMatrix:
        return self.transpose()

    def map(self, f: Callable[[Any], Any], zero: Any = None, one: Any = None) -> ExactMatrix:
        """Apply ``f`` to every entry (e.g. complex conjugation, or a change of ring)."""
        z = f(self.zero) if zero is None else zero
        o = f(self.one) if one is None else one
        return ExactMatrix(self.rows, self.cols, {k: f(v) for k, v in self.entries.items()}, z, o)

    def trace(self) -> Any:
        total = self.zero
        for (i, j), v in self.entries.items():
            if i == j:
                total = total + v
        return total

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExactMatrix):
            return NotImplemented
        if self.shape != other.shape:
            return False
        keys = self.entries.keys() | other.entries.keys()
        return all(self[k] == other[k] for k in keys)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ExactMatrix {self.rows}x{self.cols}, {len(self.entries)} nonzero>"

    def __str__(self) -> str:
        cells = [[str(v) for v in row] for row in self.to_rows()]
        width = max((len(c) for row in cells for c in row), default=1)
        return "\n".join("[" + "  ".join(c.rjust(width) for c in row) + "]" for row in cells)

    def to_sympy(self) -> Any:
        import sympy

        return sympy.Matrix(self.rows, self.cols, lambda i, j: sympy.sympify(self[i, j]))
