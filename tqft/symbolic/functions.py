"""Recoupling symbols as sympy functions of symbolic spins.

Spins are sympy symbols with assumptions: :func:`spins` makes half-integer spins
(``nonnegative=True, rational=True``; sympy has no half-integer assumption, so "rational
and non-negative" is the declaration, and ``2j`` integral is the convention), and
:func:`integer_spins` makes integer spins (``nonnegative=True, integer=True``).
:func:`projections` makes magnetic quantum numbers (``rational=True``).  Summation
variables are spins too.

The classes below are unevaluated sympy functions of spins (never of colours):

``ThreeJ(j1, j2, j3, m1, m2, m3)``
    Wigner 3j symbol (Edmonds (3.7.3), sympy's phase).
``SixJ(j1, ..., j6)``
    Wigner 6j symbol ``{j1 j2 j3; j4 j5 j6}`` (Racah's formula).
``NineJ(j1, ..., j9)``
    Wigner 9j symbol, rows ``j1 j2 j3 / j4 j5 j6 / j7 j8 j9``.
``Theta(a, b, c)``
    Kauffman-Lins theta net ``theta(2a, 2b, 2c)``.
``Tet(a, b, e, c, d, f)``
    Kauffman-Lins tetrahedral net ``Tet[2a 2b 2e; 2c 2d 2f]``.
``Loop(j)``
    Kauffman-Lins loop value ``Delta_{2j} = (-1)^{2j} [2j+1]``.
``QThreeJ``, ``QSixJ``, ``QTheta``, ``QTet``, ``QLoop``
    The q-analogues (Kirillov-Reshetikhin normalisation for 3j and 6j; Kauffman-Lins nets
    in ``q = A^2``).
``QInt(n)``
    The quantum integer ``[n] = (q^n - q^-n)/(q - q^-1)``.
``Triangle(a, b, c)``
    1 if ``(a, b, c)`` is admissible (triangle rule, ``a+b+c`` integral), else 0.
``InRange(j, m)``
    1 if ``m`` is a projection of ``j`` (``|m| <= j``, ``j - m`` integral), else 0.

The conventions are those of the numeric functions they stand for
(:func:`tqft.recoupling.wigner_3j`, :func:`~tqft.recoupling.wigner_6j`,
:func:`~tqft.recoupling.wigner_9j`, :mod:`tqft.recoupling.kauffman_lins`,
:mod:`tqft.recoupling.racah_formulas`): with numeric arguments ``.doit()`` returns exactly
their value, and :func:`tqft.symbolic.evaluate.exact_value` evaluates whole expressions.
The Kauffman-Lins nets take *spins* here (the numeric functions take colours ``2j``) and are
extended by zero off the admissible set, as in a state sum.  The q-symbols are functions of
the one symbol ``q`` (:data:`q`), exact at generic q.

>>> a, b, c = spins("a b c")
>>> SixJ(a, b, c, 1, 2, 3)
SixJ(a, b, c, 1, 2, 3)
>>> SixJ(1, 2, 3, 2, 1, 2).doit()
sqrt(21)/105
>>> print(sympy.latex(ThreeJ(a, b, c, 0, 0, 0)))
\\begin{pmatrix} a & b & c \\\\ 0 & 0 & 0 \\end{pmatrix}
>>> SixJ(a, b, c, -1, 2, 3)
Traceback (most recent call last):
  ...
tqft.errors.InvalidSpinError: j4 = -1 is not a spin: spins are non-negative integers or half-integers
"""

from __future__ import annotations

from typing import Any, ClassVar

import sympy

from ..errors import InvalidSpinError

__all__ = [
    "RECOUPLING_CLASSES",
    "InRange",
    "Loop",
    "NineJ",
    "QInt",
    "QLoop",
    "QSixJ",
    "QTet",
    "QTheta",
    "QThreeJ",
    "RecouplingSymbol",
    "SixJ",
    "Tet",
    "Theta",
    "ThreeJ",
    "Triangle",
    "dimension",
    "integer_spins",
    "is_spin_symbol",
    "projections",
    "q",
    "spins",
]

#: The deformation parameter of the q-symbols (a positive symbol: generic q is real > 0).
q = sympy.Symbol("q", positive=True)


def spins(names: str) -> tuple[sympy.Symbol, ...]:
    """Half-integer spin symbols (``nonnegative=True, rational=True``).

    >>> spins("a b")
    (a, b)
    """
    return tuple(sympy.Symbol(n, nonnegative=True, rational=True) for n in names.replace(",", " ").split())


def integer_spins(names: str) -> tuple[sympy.Symbol, ...]:
    """Integer spin symbols (``nonnegative=True, integer=True``).

    >>> (n,) = integer_spins("n")
    >>> n.is_integer
    True
    """
    return tuple(sympy.Symbol(n, nonnegative=True, integer=True) for n in names.replace(",", " ").split())


def projections(names: str) -> tuple[sympy.Symbol, ...]:
    """Projection (magnetic quantum number) symbols (``rational=True``)."""
    return tuple(sympy.Symbol(n, rational=True) for n in names.replace(",", " ").split())


def is_spin_symbol(s: Any) -> bool:
    """Whether ``s`` is a symbol declared as a spin (non-negative and rational)."""
    return isinstance(s, sympy.Symbol) and bool(s.is_nonnegative) and bool(s.is_rational)


def _check_numeric(value: sympy.Expr, name: str, signed: bool) -> None:
    if not value.is_number:
        return
    if value.is_real is False or not value.is_Rational or (2 * value).q != 1:
        what = (
            "projections are integers or half-integers"
            if signed
            else "spins are non-negative integers or half-integers"
        )
        raise InvalidSpinError(f"{name} = {value} is not a {'projection' if signed else 'spin'}: {what}")
    if not signed and value < 0:
        raise InvalidSpinError(f"{name} = {value} is not a spin: spins are non-negative integers or half-integers")


class RecouplingSymbol(sympy.Function):
    """Base class: an unevaluated recoupling function of spins (and projections).

    Subclasses set ``nargs``, ``signed`` (the indices of projection arguments), ``quantum``
    (a function of :data:`q`) and ``label`` (the name in messages and derivations).
    """

    signed: ClassVar[tuple[int, ...]] = ()
    quantum: ClassVar[bool] = False
    label: ClassVar[str] = ""
    arg_names: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def eval(cls, *args: Any) -> None:
        names = cls.arg_names or tuple(f"j{k}" for k in range(1, len(args) + 1))
        for k, (value, name) in enumerate(zip(args, names)):
            _check_numeric(sympy.sympify(value), name, k in cls.signed)
        return None

    def _eval_is_real(self) -> bool:
        return True

    def _eval_is_finite(self) -> bool:
        return True

    def doit(self, **hints: Any) -> sympy.Expr:
        """The exact value when every argument is a number (sympy expression); else self."""
        args = [a.doit(**hints) if hints.get("deep", True) and isinstance(a, sympy.Basic) else a for a in self.args]
        node = self.func(*args)
        if all(sympy.sympify(a).is_number for a in args):
            from .evaluate import exact_value, to_sympy

            return to_sympy(exact_value(node), quantum=self.quantum)
        return node

    def _sympystr(self, printer: Any) -> str:
        return f"{type(self).__name__}({', '.join(printer._print(a) for a in self.args)})"

    def _latex_cells(self, printer: Any) -> list[str]:
        return [printer._print(a) for a in self.args]


def _matrix(env: str, rows: list[list[str]], subscript: str = "") -> str:
    body = r" \\ ".join(" & ".join(r) for r in rows)
    return rf"\begin{{{env}}} {body} \end{{{env}}}{subscript}"


class ThreeJ(RecouplingSymbol):
    """Wigner 3j symbol ``(j1 j2 j3; m1 m2 m3)`` (:func:`tqft.recoupling.wigner_3j`)."""

    nargs = 6
    signed = (3, 4, 5)
    label = "3j"
    arg_names = ("j1", "j2", "j3", "m1", "m2", "m3")

    def _latex(self, printer: Any) -> str:
        c = self._latex_cells(printer)
        return _matrix("pmatrix", [c[:3], c[3:]], "_q" if self.quantum else "")


class SixJ(RecouplingSymbol):
    """Wigner 6j symbol ``{j1 j2 j3; j4 j5 j6}`` (:func:`tqft.recoupling.wigner_6j`)."""

    nargs = 6
    label = "6j"

    def _latex(self, printer: Any) -> str:
        c = self._latex_cells(printer)
        return _matrix("Bmatrix", [c[:3], c[3:]], "_q" if self.quantum else "")


class NineJ(RecouplingSymbol):
    """Wigner 9j symbol with rows ``j1 j2 j3 / j4 j5 j6 / j7 j8 j9`` (:func:`tqft.recoupling.wigner_9j`)."""

    nargs = 9
    label = "9j"

    def _latex(self, printer: Any) -> str:
        c = self._latex_cells(printer)
        return _matrix("Bmatrix", [c[:3], c[3:6], c[6:]])


class Theta(RecouplingSymbol):
    """Kauffman-Lins theta net of spins ``a, b, c`` (``theta(2a, 2b, 2c)``), zero if inadmissible."""

    nargs = 3
    label = "theta"
    arg_names = ("a", "b", "c")

    def _latex(self, printer: Any) -> str:
        return r"\theta" + ("_q" if self.quantum else "") + "(" + ", ".join(self._latex_cells(printer)) + ")"


class Tet(RecouplingSymbol):
    """Kauffman-Lins tetrahedral net ``Tet[a b e; c d f]`` of spins, zero if a face is inadmissible.

    Faces ``(a, d, e)``, ``(b, c, e)``, ``(a, b, f)``, ``(c, d, f)``
    (:func:`tqft.recoupling.kauffman_lins.tet` with colours ``2a, ...``).
    """

    nargs = 6
    label = "Tet"
    arg_names = ("a", "b", "e", "c", "d", "f")

    def _latex(self, printer: Any) -> str:
        c = self._latex_cells(printer)
        return r"\mathrm{Tet}" + ("_q" if self.quantum else "") + _matrix("bmatrix", [c[:3], c[3:]])


class Loop(RecouplingSymbol):
    """Kauffman-Lins loop value of spin ``j``: ``Delta_{2j} = (-1)^{2j} [2j+1]`` (``2j+1`` times a sign at q = 1)."""

    nargs = 1
    label = "loop"
    arg_names = ("j",)

    def _latex(self, printer: Any) -> str:
        return r"\Delta" + ("^{q}" if self.quantum else "") + "_{" + printer._print(2 * self.args[0]) + "}"


class QThreeJ(ThreeJ):
    """The q-3j symbol (Kirillov-Reshetikhin, :func:`tqft.recoupling.racah_formulas.threej`) at generic q."""

    quantum = True
    label = "q-3j"


class QSixJ(SixJ):
    """The q-6j symbol (Kirillov-Reshetikhin, Racah-Wigner normalisation) at generic q."""

    quantum = True
    label = "q-6j"


class QTheta(Theta):
    """The Kauffman-Lins theta net at generic ``q = A^2``."""

    quantum = True
    label = "q-theta"


class QTet(Tet):
    """The Kauffman-Lins tetrahedral net at generic ``q = A^2``."""

    quantum = True
    label = "q-Tet"


class QLoop(Loop):
    """The Kauffman-Lins loop value ``(-1)^{2j} [2j+1]`` at generic q."""

    quantum = True
    label = "q-loop"


class QInt(sympy.Function):
    """The quantum integer ``[n] = (q^n - q^{-n}) / (q - q^{-1})`` of an integer ``n`` (symmetric form).

    ``[n]`` tends to ``n`` as q -> 1; ``QInt(n).doit()`` with a number ``n`` expands it.

    >>> QInt(3).doit() == q**2 + 1 + q**-2
    True
    """

    nargs = 1

    @classmethod
    def eval(cls, n: Any) -> Any:
        n = sympy.sympify(n)
        if n.is_number and not n.is_integer:
            raise InvalidSpinError(f"n = {n} is not an integer: the quantum integer [n] needs an integer n")
        if n == 0:
            return sympy.S.Zero
        if n == 1:
            return sympy.S.One
        return None

    def doit(self, **hints: Any) -> sympy.Expr:
        n = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        if n.is_Integer:
            k = int(n)
            sign = 1 if k >= 0 else -1
            return sign * sympy.Add(*(q ** (abs(k) - 1 - 2 * i) for i in range(abs(k))))
        return self.func(n)

    def _eval_is_real(self) -> bool:
        return True

    def _latex(self, printer: Any) -> str:
        return "[" + printer._print(self.args[0]) + "]"


def dimension(j: Any, quantum: bool = False) -> sympy.Expr:
    """The dimension of the spin-``j`` representation: ``2j + 1``, or the quantum dimension
    ``[2j + 1]`` (:class:`QInt`) when ``quantum``; the weight of every recoupling sum rule.

    >>> a, = spins("a")
    >>> dimension(a), dimension(a, quantum=True)
    (2*a + 1, QInt(2*a + 1))
    """
    return QInt(2 * j + 1) if quantum else 2 * j + 1


class Triangle(sympy.Function):
    """``1`` if spins ``(a, b, c)`` are admissible (triangle rule and ``a + b + c`` integral), else ``0``.

    Symmetric in its arguments (kept sorted).

    >>> Triangle(1, 1, 2), Triangle(1, 1, 3), Triangle(sympy.S(1)/2, 1, 1)
    (1, 0, 0)
    """

    nargs = 3

    @classmethod
    def eval(cls, a: Any, b: Any, c: Any) -> Any:
        vals = [sympy.sympify(v) for v in (a, b, c)]
        if all(v.is_number for v in vals):
            for v, name in zip(vals, "abc"):
                _check_numeric(v, name, False)
            x, y, z = vals
            ok = (x + y + z).is_integer and abs(x - y) <= z <= x + y
            return sympy.S.One if ok else sympy.S.Zero
        ordered = sorted(vals, key=sympy.default_sort_key)
        if ordered != vals:
            return cls(*ordered)
        return None

    def _eval_is_integer(self) -> bool:
        return True

    def _eval_is_nonnegative(self) -> bool:
        return True

    def _eval_power(self, exponent: Any) -> Any:
        if exponent.is_positive:
            return self
        return None

    def _latex(self, printer: Any) -> str:
        return r"\{" + r"\,".join(printer._print(a) for a in self.args) + r"\}"


class InRange(sympy.Function):
    """``1`` if ``m`` is a projection of the spin ``j`` (``|m| <= j`` and ``j - m`` integral), else ``0``."""

    nargs = 2

    @classmethod
    def eval(cls, j: Any, m: Any) -> Any:
        j, m = sympy.sympify(j), sympy.sympify(m)
        if j.is_number and m.is_number:
            _check_numeric(j, "j", False)
            _check_numeric(m, "m", True)
            return sympy.S.One if (j - m).is_integer and abs(m) <= j else sympy.S.Zero
        return None

    def _eval_is_integer(self) -> bool:
        return True

    def _eval_power(self, exponent: Any) -> Any:
        if exponent.is_positive:
            return self
        return None

    def _latex(self, printer: Any) -> str:
        return r"[\,|" + printer._print(self.args[1]) + r"| \le " + printer._print(self.args[0]) + r"\,]"


#: The symbol classes, classical and quantum.
RECOUPLING_CLASSES: tuple[type[RecouplingSymbol], ...] = (
    ThreeJ,
    SixJ,
    NineJ,
    Theta,
    Tet,
    Loop,
    QThreeJ,
    QSixJ,
    QTheta,
    QTet,
    QLoop,
)
