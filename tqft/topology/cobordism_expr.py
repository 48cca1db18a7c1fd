"""The expression language of 2D cobordisms: words in the generators of 2Cob.

Expressions are trees of :class:`Atom`, :class:`Compose` and :class:`Tensor`;
:func:`interpret` evaluates one in any symmetric monoidal category, :func:`expand` spells
it out in generators and :func:`random_word` draws one.  All names are re-exported by
:mod:`tqft.topology.cobordism2d`, which holds the cobordisms themselves.

Grammar
-------
:func:`parse_cobordism` (and the ``tqft cobordism`` command) read cobordisms written as::

    expr   := term ( '.' term )*       composition, right to left: "g . f" is g after f
    term   := power ( 'x' power )*     disjoint union (tensor product), left to right
    power  := atom ( '^' INT )?        composition power of an n -> n cobordism (^0: cylinders)
    atom   := '(' expr ')' | NAME | NAME '(' INT ( ',' INT )* ')'

``@`` and ``∘`` may be written for ``.``, ``|`` and ``⊗`` for ``x``.  Names: the generator
tokens ``1 u e m D t h empty`` of :mod:`tqft.topology.cobordism2d` (aliases ``id``, ``unit``,
``counit``, ``mult``, ``comult``, ``twist``, ``handle``), and the parametrised atoms ``id(n)``
(``n`` cylinders), ``perm(p0, ..., p_{n-1})`` (:func:`~tqft.topology.cobordism2d.permutation`)
and ``surface(g)`` / ``surface(g, m, n)`` (:func:`~tqft.topology.cobordism2d.surface`).
Precedence: ``^`` binds tighter than ``x``, which binds tighter than ``.``, so
``m . 1 x D . D`` means ``m . (1 x D) . D``.  Put spaces around ``x``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from ..errors import InvalidArgumentError

# cobordism2d imports this module, so the cobordisms themselves are imported from it at
# call time (in Atom.cobordism and parse_cobordism), never at import time
if TYPE_CHECKING:  # pragma: no cover
    from .cobordism2d import Cobordism

__all__ = [
    "GENERATORS",
    "MAX_CIRCLES",
    "Atom",
    "CobordismSyntaxError",
    "Compose",
    "Expr",
    "Tensor",
    "expand",
    "interpret",
    "parse_cobordism",
    "parse_expression",
    "random_word",
]

#: largest number of circles / genus accepted by the constructors and the parser
MAX_CIRCLES = 10_000


class CobordismSyntaxError(InvalidArgumentError):
    """A cobordism expression cannot be parsed; the message shows the position."""


def _check_count(value: Any, name: str, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(f"{name} = {value!r} must be an integer >= {low} (got {type(value).__name__})")
    if not low <= value <= MAX_CIRCLES:
        raise InvalidArgumentError(f"{name} = {value} must be an integer with {low} <= {name} <= {MAX_CIRCLES}")
    return value


# --- expressions ------------------------------------------------------------------------------

#: canonical generator names -> (source, target)
GENERATORS: dict[str, tuple[int, int]] = {
    "1": (1, 1),
    "u": (0, 1),
    "e": (1, 0),
    "m": (2, 1),
    "D": (1, 2),
    "t": (2, 2),
    "h": (1, 1),
    "empty": (0, 0),
}
_ALIASES = {
    "id": "1",
    "unit": "u",
    "counit": "e",
    "mult": "m",
    "comult": "D",
    "twist": "t",
    "handle": "h",
}
_PARAMETRISED = {"id": (1, 1), "perm": (1, MAX_CIRCLES), "surface": (1, 3)}


@dataclass(frozen=True)
class Atom:
    """A generator (``name`` in :data:`GENERATORS`) or a parametrised atom ``id(n)``,
    ``perm(p...)``, ``surface(g[, m, n])``."""

    name: str
    params: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.name in GENERATORS and not self.params:
            return
        if self.name not in _PARAMETRISED:
            raise InvalidArgumentError(
                f"name = {self.name!r} is not a generator: expected one of {', '.join(GENERATORS)}, "
                "or id(n), perm(...), surface(g[, m, n])"
            )
        low, high = _PARAMETRISED[self.name]
        if not low <= len(self.params) <= high or (self.name == "surface" and len(self.params) == 2):
            allowed = {"id": "one (n)", "perm": "a permutation", "surface": "one (g) or three (g, m, n)"}
            raise InvalidArgumentError(
                f"{self.name}{self.params} has {len(self.params)} parameters; {self.name} takes {allowed[self.name]}"
            )
        self.cobordism()  # validates the parameters

    @property
    def arity(self) -> tuple[int, int]:
        if self.name in GENERATORS and not self.params:
            return GENERATORS[self.name]
        if self.name == "surface":
            return (self.params[1], self.params[2]) if len(self.params) == 3 else (0, 0)
        n = self.params[0] if self.name == "id" else len(self.params)
        return (n, n)

    def cobordism(self) -> Cobordism:
        """The cobordism of this atom."""
        from .cobordism2d import _GENERATOR_COBORDISMS, cylinder, permutation, surface  # at call time

        if self.params:
            if self.name == "id":
                return cylinder(self.params[0])
            if self.name == "perm":
                return permutation(self.params)
            return surface(*self.params)
        return _GENERATOR_COBORDISMS[self.name]()

    def __str__(self) -> str:
        if not self.params:
            return self.name
        return f"{self.name}({', '.join(map(str, self.params))})"


@dataclass(frozen=True)
class Compose:
    """``parts[0] . parts[1] . ...``: the last part acts first."""

    parts: tuple[Expr, ...]

    def __post_init__(self) -> None:
        if len(self.parts) < 2:
            raise InvalidArgumentError(f"a composition needs at least two parts, got {len(self.parts)}")
        for g, f in zip(self.parts, self.parts[1:]):
            (fs, ft), (gs, gt) = f.arity, g.arity
            if ft != gs:
                raise InvalidArgumentError(
                    f"cannot compose g . f with f = {f}: {fs} -> {ft} and g = {g}: {gs} -> {gt}: "
                    f"f ends in {ft} circles but g starts from {gs} (they must be equal)"
                )

    @property
    def arity(self) -> tuple[int, int]:
        return (self.parts[-1].arity[0], self.parts[0].arity[1])

    def __str__(self) -> str:
        return " . ".join(f"({p})" if isinstance(p, Tensor) else str(p) for p in self.parts)


@dataclass(frozen=True)
class Tensor:
    """``parts[0] x parts[1] x ...`` (disjoint union, circles numbered left to right)."""

    parts: tuple[Expr, ...]

    def __post_init__(self) -> None:
        if len(self.parts) < 2:
            raise InvalidArgumentError(f"a tensor product needs at least two parts, got {len(self.parts)}")

    @property
    def arity(self) -> tuple[int, int]:
        return (sum(p.arity[0] for p in self.parts), sum(p.arity[1] for p in self.parts))

    def __str__(self) -> str:
        return " x ".join(f"({p})" if isinstance(p, Compose) else str(p) for p in self.parts)


Expr: TypeAlias = Atom | Compose | Tensor

T = TypeVar("T")


def interpret(
    expr: Expr,
    atom: Callable[[Atom], T],
    compose: Callable[[T, T], T],
    tensor: Callable[[T, T], T],
) -> T:
    """Evaluate an expression in a symmetric monoidal category given by three functions:
    ``atom(a)`` for atoms, ``compose(g, f)`` (``g`` after ``f``) and ``tensor(f, g)``.

    A 2D TQFT is exactly such an interpretation; :func:`parse_cobordism` interprets in
    2Cob itself, :meth:`~tqft.tqft_models.frobenius.FrobeniusAlgebra.evaluate` in matrices.
    """
    if isinstance(expr, Atom):
        return atom(expr)
    values = [interpret(p, atom, compose, tensor) for p in expr.parts]
    result = values[-1] if isinstance(expr, Compose) else values[0]
    if isinstance(expr, Compose):
        for v in reversed(values[:-1]):
            result = compose(v, result)
    else:
        for v in values[1:]:
            result = tensor(result, v)
    return result


def _is_identity(p: Expr) -> bool:
    if isinstance(p, Atom):
        return p.name == "1" or p.name == "id"
    return isinstance(p, Tensor) and all(_is_identity(q) for q in p.parts)


def _chain(parts: list[Expr], kind: type) -> Expr:
    """Flatten ``parts`` into one ``kind`` (Compose or Tensor), dropping neutral parts."""
    if kind is Tensor:
        parts = [p for p in parts if not (isinstance(p, Atom) and p.name == "empty")]
    elif len(parts) > 1 and not all(_is_identity(p) for p in parts):
        parts = [p for p in parts if not _is_identity(p)]
    elif len(parts) > 1:
        parts = parts[:1]
    flat: list[Expr] = []
    for p in parts:
        flat.extend(p.parts if isinstance(p, kind) else (p,))  # type: ignore[union-attr]
    if not flat:
        return Atom("empty")
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _ids(n: int) -> list[Expr]:
    return [Atom("1")] * n


def _multiply_all(n: int) -> Expr:
    """``m^(n): n -> 1``: ``u``, ``1``, ``m``, then ``m . (m^(n-1) x 1)``."""
    if n == 0:
        return Atom("u")
    expr: Expr = Atom("1")
    for _ in range(n - 1):
        expr = _chain([Atom("m"), _chain([expr, Atom("1")], Tensor)], Compose) if not _is_identity(expr) else Atom("m")
    return expr


def _comultiply_all(n: int) -> Expr:
    """``D^(n): 1 -> n``: ``e``, ``1``, ``D``, then ``(D^(n-1) x 1) . D``."""
    if n == 0:
        return Atom("e")
    expr: Expr = Atom("1")
    for _ in range(n - 1):
        expr = _chain([_chain([expr, Atom("1")], Tensor), Atom("D")], Compose) if not _is_identity(expr) else Atom("D")
    return expr


def expand(expr: Expr) -> Expr:
    """The same cobordism written with the generators ``1 u e m D t h`` only.

    ``surface(g, m, n)`` becomes ``D^(n) . h^g . m^(m)`` (left-combed products and
    coproducts), ``perm(...)`` a product of adjacent twists (bubble sort), ``id(n)``
    ``1 x ... x 1``.
    """
    if isinstance(expr, (Compose, Tensor)):
        return _chain([expand(p) for p in expr.parts], type(expr))
    if not expr.params:
        return expr
    if expr.name == "id":
        return _chain(_ids(expr.params[0]), Tensor)
    if expr.name == "surface":
        g, m, n = expr.params if len(expr.params) == 3 else (expr.params[0], 0, 0)
        return _chain([_comultiply_all(n), *[Atom("h")] * g, _multiply_all(m)], Compose)
    # perm: route circle i to perm[i] by adjacent swaps; layers applied first are rightmost
    where = list(range(len(expr.params)))  # where[i]: current slot of incoming circle i
    slot_of = list(expr.params)
    layers: list[Expr] = []
    n = len(slot_of)
    for _ in range(n):
        for j in range(n - 1):
            a, b = where.index(j), where.index(j + 1)
            if slot_of[a] > slot_of[b]:
                where[a], where[b] = j + 1, j
                layers.append(_chain([*_ids(j), Atom("t"), *_ids(n - j - 2)], Tensor))
    if not layers:
        return _chain(_ids(n), Tensor)
    return _chain(layers[::-1], Compose)


_TOKEN = re.compile(r"\s*(?:(?P<int>\d+)|(?P<name>[A-Za-z_]+)|(?P<op>[().,^|@x∘⊗×]))")


def parse_expression(text: str) -> Expr:
    """Parse the expression language of the module docstring into an :class:`Expr`.

    Raises
    ------
    CobordismSyntaxError
        with the position and what was expected.
    InvalidArgumentError
        when arities do not match (the message names both).

    Examples
    --------
    >>> print(parse_expression("m.(m x 1).(1 x D).D"))
    m . (m x 1) . (1 x D) . D
    >>> parse_expression("m . D").arity
    (1, 1)
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"text = {text!r} must be a string")
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    stripped = text.rstrip()
    while pos < len(stripped):
        mt = _TOKEN.match(stripped, pos)
        if mt is None:
            pos += len(stripped[pos:]) - len(stripped[pos:].lstrip())
            raise CobordismSyntaxError(f"unexpected character {stripped[pos]!r} at position {pos} in {text!r}")
        kind = mt.lastgroup or ""
        value = mt.group(kind)
        if kind == "name" and value == "x":
            kind = "op"
        tokens.append((kind, value, mt.start(kind)))
        pos = mt.end()
    return _Parser(text, tokens).parse()


_COMPOSE_OPS = {".", "@", "∘"}
_TENSOR_OPS = {"x", "|", "⊗", "×"}


class _Parser:
    def __init__(self, text: str, tokens: list[tuple[str, str, int]]) -> None:
        self.text, self.tokens, self.i = text, tokens, 0

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def _fail(self, expected: str) -> CobordismSyntaxError:
        tok = self._peek()
        where = f"{tok[1]!r} at position {tok[2]}" if tok else "the end"
        return CobordismSyntaxError(f"expected {expected} but found {where} in {self.text!r}")

    def _take(self, value: str) -> bool:
        tok = self._peek()
        if tok and tok[0] == "op" and tok[1] == value:
            self.i += 1
            return True
        return False

    def parse(self) -> Expr:
        if not self.tokens:
            raise CobordismSyntaxError("text = '' is empty: expected a cobordism expression such as 'm . D'")
        expr = self._expr()
        if self._peek() is not None:
            raise self._fail("'.', 'x' or the end")
        return expr

    def _expr(self) -> Expr:
        parts = [self._term()]
        while (tok := self._peek()) and tok[0] == "op" and tok[1] in _COMPOSE_OPS:
            self.i += 1
            parts.append(self._term())
        return parts[0] if len(parts) == 1 else Compose(tuple(parts))

    def _term(self) -> Expr:
        parts = [self._power()]
        while (tok := self._peek()) and tok[0] == "op" and tok[1] in _TENSOR_OPS:
            self.i += 1
            parts.append(self._power())
        return parts[0] if len(parts) == 1 else Tensor(tuple(parts))

    def _int(self) -> int:
        tok = self._peek()
        if not tok or tok[0] != "int":
            raise self._fail("an integer")
        self.i += 1
        return int(tok[1])

    def _power(self) -> Expr:
        base = self._atom()
        if not self._take("^"):
            return base
        k = self._int()
        s, t = base.arity
        if s != t:
            shown = str(base) if isinstance(base, Atom) else f"({base})"
            raise InvalidArgumentError(f"{shown}^{k}: only an n -> n cobordism has powers; {base} is {s} -> {t}")
        if k == 0:
            return Atom("id", (s,)) if s else Atom("empty")
        return base if k == 1 else Compose((base,) * k)

    def _atom(self) -> Expr:
        tok = self._peek()
        if tok is None:
            raise self._fail("a generator or '('")
        kind, value, _ = tok
        if kind == "op" and value == "(":
            self.i += 1
            inner = self._expr()
            if not self._take(")"):
                raise self._fail("')'")
            return inner
        if kind == "int" and value == "1":
            self.i += 1
            return Atom("1")
        if kind != "name":
            raise self._fail("a generator (1 u e m D t h), id(n), perm(...), surface(...) or '('")
        self.i += 1
        name = _ALIASES.get(value, value)
        if self._take("("):
            params = [self._int()]
            while self._take(","):
                params.append(self._int())
            if not self._take(")"):
                raise self._fail("',' or ')'")
            if value not in _PARAMETRISED:
                raise CobordismSyntaxError(f"{value!r} at position {tok[2]} takes no parameters in {self.text!r}")
            return Atom(value, tuple(params))
        if name not in GENERATORS:
            raise CobordismSyntaxError(
                f"unknown name {value!r} at position {tok[2]} in {self.text!r}: generators are "
                f"{', '.join(GENERATORS)} (aliases {', '.join(_ALIASES)}), and id(n), perm(...), surface(...); "
                "write tensor products with spaces, e.g. 'm x 1'"
            )
        return Atom(name)


def parse_cobordism(text: str | Expr) -> Cobordism:
    """The cobordism of an expression (a string in the language of the module docstring,
    or an :class:`Expr`), in normal form.

    >>> print(parse_cobordism("e . h^3 . u"))
    0 -> 0: closed genus 3
    """
    from .cobordism2d import Cobordism  # at call time

    expr = parse_expression(text) if isinstance(text, str) else text
    return interpret(expr, Atom.cobordism, Cobordism.compose, Cobordism.tensor)


# --- random words ---------------------------------------------------------------------------------

_LAYER_PIECES = ("1", "1", "1", "m", "m", "D", "D", "t", "u", "e")


def random_word(rng: random.Random, source: int = 1, layers: int = 4, max_width: int = 3) -> Expr:
    """A random generator word starting from ``source`` circles: ``layers`` layers, each a
    tensor product of generators, never more than ``max_width`` circles between layers.

    Used by the functoriality identities and tests; reproducible from the seed of ``rng``.
    """
    source = _check_count(source, "source")
    max_width = _check_count(max_width, "max_width", max(1, source))
    width = source
    word: list[Expr] = []
    for _ in range(_check_count(layers, "layers")):
        pieces: list[Expr] = []
        left, out = width, 0
        while left > 0 or (width == 0 and not pieces):
            # pieces that fit, assuming the circles not yet consumed pass straight through
            choices = [
                p
                for p in _LAYER_PIECES
                if GENERATORS[p][0] <= left and out + GENERATORS[p][1] + left - GENERATORS[p][0] <= max_width
            ]
            if left == 0:
                choices = [p for p in choices if GENERATORS[p][0] == 0]
            if not choices:
                break
            name = rng.choice(choices)
            pieces.append(Atom(name))
            left -= GENERATORS[name][0]
            out += GENERATORS[name][1]
        if pieces:
            word.insert(0, _chain(pieces, Tensor))
            width = out
    if not word:
        return Atom("id", (source,)) if source else Atom("empty")
    return _chain(word, Compose)
