"""The category 2Cob of two-dimensional oriented cobordisms, with normal forms.

Objects are natural numbers ``n``: disjoint unions of ``n`` circles, labelled ``0..n-1``.  A
morphism ``m -> n`` is a compact oriented surface whose boundary is ``m`` incoming and
``n`` outgoing circles, up to diffeomorphism relative to the boundary.

Normal form
-----------
By the classification of compact oriented surfaces, such a surface is determined up to
diffeomorphism rel boundary by its connected components, each recorded as

* its genus ``g >= 0``,
* the set of incoming circles and the set of outgoing circles it touches

[Kock, sec. 1.4].  A :class:`Cobordism` *is* this data (a tuple of :class:`Component`
in a canonical order), so ``==`` and ``hash`` are decidable and exact.  Closed components
(no boundary) are kept: a closed genus-``g`` component is a scalar factor ``Z(Sigma_g)``
under any TQFT.

Composition ``g @ f`` (``g`` after ``f``, i.e. ``f`` first) glues the outgoing circles of
``f`` to the incoming circles of ``g``.  The components of the result are found by
union-find over the components of ``f`` and ``g``, and genera by Euler characteristic:
gluing along circles adds Euler characteristics (``chi(S^1) = 0``), and a connected surface
with ``b`` boundary circles and genus ``g`` has ``chi = 2 - 2g - b``, so the glued component
has ``g = (2 - b - sum chi) / 2``.  A composition that joins two circles of one component
therefore raises the genus.  Disjoint union ``f | g`` (the tensor product) puts ``g``'s
circles after ``f``'s.

Generators
----------
Every cobordism is a composite of tensor products of [Abrams 1996; Kock, sec. 1.4]:

=====  ====================  ======  ====================================
token  name                  arity   surface
=====  ====================  ======  ====================================
``1``  identity, cylinder    1 -> 1  genus 0, in {0}, out {0}
``u``  unit (cap, birth)     0 -> 1  a disc, out {0}
``e``  counit (cup, death)   1 -> 0  a disc, in {0}
``m``  multiplication        2 -> 1  pair of pants, in {0, 1}, out {0}
``D``  comultiplication      1 -> 2  in {0}, out {0, 1}
``t``  twist (symmetry)      2 -> 2  cylinders in 0 -> out 1, in 1 -> out 0
=====  ====================  ======  ====================================

plus the shorthands ``h`` (the handle ``m . D``, genus 1, ``1 -> 1``) and ``empty`` (the
empty surface ``0 -> 0``).

Expression language
-------------------
:func:`parse_cobordism` (and the ``tqft cobordism`` command) read cobordisms written as words
in these generators, such as ``m . (m x 1) . (1 x D) . D``.  The grammar, the expression
trees (:class:`Atom`, :class:`Compose`, :class:`Tensor`) and their evaluation are in
:mod:`tqft.topology.cobordism_expr`; its names are re-exported here.

References
----------
* [Kock] J. Kock, *Frobenius Algebras and 2D Topological Quantum Field Theories*, LMS
  Student Texts 59 (Cambridge 2004): sec. 1.3-1.4 (2Cob, generators, normal form),
  sec. 3.3 (2Cob as the free symmetric monoidal category on a commutative Frobenius object).
* [Abrams 1996] L. Abrams, *Two-dimensional topological quantum field theories and
  Frobenius algebras*, J. Knot Theory Ramifications 5 (1996) 569-587.

Examples
--------
>>> from tqft.topology.cobordism2d import parse_cobordism, surface
>>> c = parse_cobordism("m . (m x 1) . (1 x D) . D")
>>> print(c)
1 -> 1: genus 2, in {0} -> out {0}
>>> c == surface(2, 1, 1)
True
>>> c.euler_characteristic
-4
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidArgumentError
from .cobordism_expr import (
    _ALIASES,
    GENERATORS,
    MAX_CIRCLES,
    Atom,
    CobordismSyntaxError,
    Compose,
    Expr,
    Tensor,
    _chain,
    _check_count,
    expand,
    interpret,
    parse_cobordism,
    parse_expression,
    random_word,
)

__all__ = [
    "GENERATORS",
    "MAX_CIRCLES",
    "Atom",
    "Cobordism",
    "CobordismSyntaxError",
    "Component",
    "Compose",
    "Expr",
    "Tensor",
    "comultiplication",
    "counit",
    "cylinder",
    "empty",
    "expand",
    "generator",
    "interpret",
    "multiplication",
    "pair_of_pants",
    "parse_cobordism",
    "parse_expression",
    "permutation",
    "random_word",
    "surface",
    "torus_handle",
    "twist",
    "unit",
]


# --- the normal form --------------------------------------------------------------------------


@dataclass(frozen=True)
class Component:
    """One connected component: genus and the labels of the circles it touches.

    ``inputs`` and ``outputs`` are sorted tuples of circle labels (positions in the
    source and in the target).
    """

    genus: int
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]

    @property
    def boundary(self) -> int:
        """Number of boundary circles."""
        return len(self.inputs) + len(self.outputs)

    @property
    def euler_characteristic(self) -> int:
        """``2 - 2g - b``."""
        return 2 - 2 * self.genus - self.boundary

    @property
    def is_closed(self) -> bool:
        return not self.inputs and not self.outputs

    def _key(self) -> tuple[Any, ...]:
        # touching inputs (by inputs), then output-only (by outputs), then closed (by genus)
        if self.inputs:
            return (0, self.inputs, self.outputs, self.genus)
        if self.outputs:
            return (1, self.outputs, (), self.genus)
        return (2, (), (), self.genus)

    def __str__(self) -> str:
        ins = ", ".join(map(str, self.inputs))
        outs = ", ".join(map(str, self.outputs))
        if self.is_closed:
            return f"closed genus {self.genus}"
        return f"genus {self.genus}, in {{{ins}}} -> out {{{outs}}}"


class Cobordism:
    """A 2D oriented cobordism ``source -> target`` in normal form (see the module docstring).

    Parameters
    ----------
    source, target : int
        Numbers of incoming and outgoing circles.
    components : iterable of :class:`Component` or ``(genus, inputs, outputs)``
        Every incoming label ``0..source-1`` and outgoing label ``0..target-1`` must occur
        in exactly one component.

    Raises
    ------
    InvalidArgumentError
        if a label is missing, repeated or out of range, or a genus is negative.

    Examples
    --------
    >>> pants = Cobordism(2, 1, [(0, (0, 1), (0,))])
    >>> pants == multiplication()
    True
    >>> (pants @ comultiplication()).components
    (Component(genus=1, inputs=(0,), outputs=(0,)),)
    >>> print(unit() | counit())
    1 -> 1: genus 0, in {0} -> out {}; genus 0, in {} -> out {0}
    """

    __slots__ = ("_hash", "components", "source", "target")

    def __init__(self, source: int, target: int, components: Iterable[Component | Sequence[Any]]) -> None:
        self.source = _check_count(source, "source")
        self.target = _check_count(target, "target")
        comps: list[Component] = []
        seen_in: set[int] = set()
        seen_out: set[int] = set()
        for c in components:
            if not isinstance(c, Component):
                try:
                    genus, ins, outs = c
                    c = Component(genus, tuple(sorted(ins)), tuple(sorted(outs)))
                except (TypeError, ValueError):
                    raise InvalidArgumentError(
                        f"component = {c!r} must be a Component or a triple (genus, inputs, outputs)"
                    ) from None
            _check_count(c.genus, "genus")
            for labels, seen, side, n in (
                (c.inputs, seen_in, "incoming", source),
                (c.outputs, seen_out, "outgoing", target),
            ):
                for x in labels:
                    if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < n:
                        raise InvalidArgumentError(f"{side} circle {x!r} is not a label in 0..{n - 1}")
                    if x in seen:
                        raise InvalidArgumentError(f"{side} circle {x} lies on two components")
                    seen.add(x)
            comps.append(Component(c.genus, tuple(sorted(c.inputs)), tuple(sorted(c.outputs))))
        if len(seen_in) != source or len(seen_out) != target:
            missing = sorted(set(range(source)) - seen_in), sorted(set(range(target)) - seen_out)
            raise InvalidArgumentError(
                f"every circle must lie on a component: incoming {missing[0]} and outgoing {missing[1]} do not"
            )
        self.components: tuple[Component, ...] = tuple(sorted(comps, key=Component._key))
        self._hash = hash((self.source, self.target, self.components))

    # -- structure -------------------------------------------------------------------------
    @property
    def arity(self) -> tuple[int, int]:
        """``(source, target)``."""
        return (self.source, self.target)

    @property
    def euler_characteristic(self) -> int:
        """Sum of ``2 - 2g - b`` over the components."""
        return sum(c.euler_characteristic for c in self.components)

    @property
    def genus(self) -> int:
        """Total genus (sum over the components)."""
        return sum(c.genus for c in self.components)

    @property
    def closed_components(self) -> tuple[Component, ...]:
        """Components without boundary (scalar factors under a TQFT)."""
        return tuple(c for c in self.components if c.is_closed)

    def is_connected(self) -> bool:
        return len(self.components) == 1

    def is_permutation(self) -> bool:
        """Whether this is a diffeomorphism: every component a cylinder from one incoming
        to one outgoing circle (the invertible morphisms of 2Cob)."""
        return all(c.genus == 0 and len(c.inputs) == len(c.outputs) == 1 for c in self.components)

    # -- the monoidal category ---------------------------------------------------------------
    def compose(self, other: Cobordism) -> Cobordism:
        """``self o other``: first ``other``, then ``self`` (glue ``other``'s outgoing circles
        to ``self``'s incoming ones).

        Raises
        ------
        InvalidArgumentError
            if ``other.target != self.source``; the message names both arities.
        """
        if not isinstance(other, Cobordism):
            raise InvalidArgumentError(f"other = {other!r} must be a Cobordism")
        f, g = other, self
        if f.target != g.source:
            raise InvalidArgumentError(
                f"cannot compose g . f with f: {f.source} -> {f.target} and g: {g.source} -> {g.target}: "
                f"f ends in {f.target} circles but g starts from {g.source} (they must be equal)"
            )
        nf = len(f.components)
        parent = list(range(nf + len(g.components)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        f_out = {x: i for i, c in enumerate(f.components) for x in c.outputs}
        g_in = {x: nf + i for i, c in enumerate(g.components) for x in c.inputs}
        for j in range(f.target):
            a, b = find(f_out[j]), find(g_in[j])
            if a != b:
                parent[a] = b
        groups: dict[int, list[int]] = {}
        for node in range(len(parent)):
            groups.setdefault(find(node), []).append(node)
        comps = []
        for nodes in groups.values():
            parts = [f.components[i] if i < nf else g.components[i - nf] for i in nodes]
            ins = tuple(x for i in nodes if i < nf for x in f.components[i].inputs)
            outs = tuple(x for i in nodes if i >= nf for x in g.components[i - nf].outputs)
            chi = sum(p.euler_characteristic for p in parts)
            twice_genus = 2 - len(ins) - len(outs) - chi
            if twice_genus < 0 or twice_genus % 2:  # pragma: no cover - Euler characteristic bookkeeping
                raise ArithmeticError(f"gluing produced Euler characteristic {chi} with {len(ins) + len(outs)} circles")
            comps.append(Component(twice_genus // 2, ins, outs))
        return Cobordism(f.source, g.target, comps)

    def __matmul__(self, other: Cobordism) -> Cobordism:
        return self.compose(other)

    def tensor(self, other: Cobordism) -> Cobordism:
        """Disjoint union: ``other``'s circles are numbered after ``self``'s."""
        if not isinstance(other, Cobordism):
            raise InvalidArgumentError(f"other = {other!r} must be a Cobordism")
        shifted = [
            Component(c.genus, tuple(x + self.source for x in c.inputs), tuple(x + self.target for x in c.outputs))
            for c in other.components
        ]
        return Cobordism(self.source + other.source, self.target + other.target, [*self.components, *shifted])

    def __or__(self, other: Cobordism) -> Cobordism:
        return self.tensor(other)

    def __pow__(self, k: int) -> Cobordism:
        """``k``-fold composition of an ``n -> n`` cobordism (``k = 0``: ``n`` cylinders)."""
        k = _check_count(k, "k")
        if self.source != self.target:
            raise InvalidArgumentError(
                f"only an n -> n cobordism has composition powers; this one is {self.source} -> {self.target}"
            )
        out = cylinder(self.source)
        for _ in range(k):
            out = self @ out
        return out

    # -- equality and output ---------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cobordism):
            return NotImplemented
        return (self.source, self.target, self.components) == (other.source, other.target, other.components)

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        comps = ", ".join(f"({c.genus}, {c.inputs}, {c.outputs})" for c in self.components)
        return f"Cobordism({self.source}, {self.target}, [{comps}])"

    def __str__(self) -> str:
        body = "; ".join(str(c) for c in self.components) or "empty"
        return f"{self.source} -> {self.target}: {body}"

    def _repr_latex_(self) -> str:
        def labels(xs: tuple[int, ...]) -> str:
            return r"\{" + ",".join(map(str, xs)) + r"\}"

        parts = [rf"\Sigma_{{{c.genus}}}[{labels(c.inputs)} \to {labels(c.outputs)}]" for c in self.components]
        return "$" + (r" \sqcup ".join(parts) or r"\emptyset") + "$"

    def to_expression(self, generators_only: bool = False) -> Expr:
        """An expression whose cobordism is ``self``.

        It is ``P_out . (S_1 x ... x S_r) . P_in`` with one connected surface per component
        and permutations that route the circles; with ``generators_only`` each surface is
        spelled out in ``u, e, m, D, h`` and each permutation in adjacent twists ``t``.

        Examples
        --------
        >>> c = parse_cobordism("(1 x m) . (t x 1)")
        >>> print(c)
        3 -> 2: genus 0, in {0, 2} -> out {1}; genus 0, in {1} -> out {0}
        >>> print(c.to_expression())
        perm(1, 0) . (surface(0, 2, 1) x id(1)) . perm(0, 2, 1)
        >>> print(c.to_expression(generators_only=True))
        t . (m x 1) . (1 x t)
        >>> parse_cobordism(str(c.to_expression(True))) == c
        True
        """
        order_in = [x for c in self.components for x in c.inputs]
        order_out = [x for c in self.components for x in c.outputs]
        p_in = [0] * self.source
        for pos, x in enumerate(order_in):
            p_in[x] = pos
        parts: list[Expr] = []
        for c in self.components:
            params = (c.genus, len(c.inputs), len(c.outputs))
            parts.append(Atom("id", (1,)) if params == (0, 1, 1) else Atom("surface", params))
        middle: Expr = _merge_cylinders(parts)
        chain: list[Expr] = []
        if order_out != sorted(order_out):
            chain.append(Atom("perm", tuple(order_out)))
        chain.append(middle)
        if p_in != sorted(p_in):
            chain.append(Atom("perm", tuple(p_in)))
        expr = _chain(chain, Compose)
        return expand(expr) if generators_only else expr


def _merge_cylinders(parts: list[Expr]) -> Expr:
    merged: list[Expr] = []
    for p in parts:
        if (
            isinstance(p, Atom)
            and p.name == "id"
            and merged
            and isinstance(merged[-1], Atom)
            and merged[-1].name == "id"
        ):
            merged[-1] = Atom("id", (merged[-1].params[0] + p.params[0],))
        else:
            merged.append(p)
    if not merged:
        return Atom("empty")
    return merged[0] if len(merged) == 1 else Tensor(tuple(merged))


# --- constructors -------------------------------------------------------------------------------


def surface(genus: int, inputs: int = 0, outputs: int = 0) -> Cobordism:
    """The connected surface of genus ``genus`` from ``inputs`` to ``outputs`` circles.

    >>> surface(1) == counit() @ torus_handle() @ unit()       # the closed torus
    True
    """
    genus = _check_count(genus, "genus")
    inputs = _check_count(inputs, "inputs")
    outputs = _check_count(outputs, "outputs")
    return Cobordism(inputs, outputs, [Component(genus, tuple(range(inputs)), tuple(range(outputs)))])


def cylinder(n: int = 1) -> Cobordism:
    """The identity of ``n`` circles: ``n`` cylinders, circle ``i`` to circle ``i``."""
    n = _check_count(n, "n")
    return Cobordism(n, n, [Component(0, (i,), (i,)) for i in range(n)])


def permutation(perm: Sequence[int]) -> Cobordism:
    """Cylinders routing incoming circle ``i`` to outgoing circle ``perm[i]``.

    Raises
    ------
    InvalidArgumentError
        unless ``perm`` is a permutation of ``0..n-1``.

    >>> permutation([1, 0]) == twist()
    True
    """
    p = list(perm)
    if sorted(p) != list(range(len(p))) or any(isinstance(x, bool) for x in p):
        raise InvalidArgumentError(f"perm = {list(perm)!r} must be a permutation of 0..{len(p) - 1}")
    return Cobordism(len(p), len(p), [Component(0, (i,), (x,)) for i, x in enumerate(p)])


def unit() -> Cobordism:
    """The cap ``u: 0 -> 1`` (a disc)."""
    return surface(0, 0, 1)


def counit() -> Cobordism:
    """The cup ``e: 1 -> 0`` (a disc)."""
    return surface(0, 1, 0)


def multiplication() -> Cobordism:
    """The pair of pants ``m: 2 -> 1``."""
    return surface(0, 2, 1)


def comultiplication() -> Cobordism:
    """The reversed pair of pants ``D: 1 -> 2``."""
    return surface(0, 1, 2)


def pair_of_pants() -> Cobordism:
    """The pair of pants ``2 -> 1`` (the multiplication; its reverse is :func:`comultiplication`)."""
    return multiplication()


def twist() -> Cobordism:
    """The symmetry ``t: 2 -> 2`` exchanging two circles."""
    return permutation([1, 0])


def torus_handle() -> Cobordism:
    """The handle ``h = m . D: 1 -> 1``, a torus with two boundary circles."""
    return surface(1, 1, 1)


def empty() -> Cobordism:
    """The empty surface ``0 -> 0`` (identity of the empty 1-manifold)."""
    return Cobordism(0, 0, [])


# --- generators by name -------------------------------------------------------------------------

_GENERATOR_COBORDISMS: dict[str, Callable[[], Cobordism]] = {
    "1": cylinder,
    "u": unit,
    "e": counit,
    "m": multiplication,
    "D": comultiplication,
    "t": twist,
    "h": torus_handle,
    "empty": empty,
}


def generator(name: str) -> Cobordism:
    """A generator by token or alias (``"m"``, ``"mult"``, ...)."""
    key = _ALIASES.get(name, name)
    if key not in _GENERATOR_COBORDISMS:
        raise InvalidArgumentError(f"name = {name!r} is not a generator: expected one of {', '.join(GENERATORS)}")
    return _GENERATOR_COBORDISMS[key]()
