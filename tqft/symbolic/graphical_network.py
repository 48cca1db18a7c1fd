"""Spin networks with symbolic spins: the input of the graphical reduction.

A :class:`SymbolicNetwork` is a closed planar ribbon graph with bivalent and trivalent
vertices whose edges carry *spin expressions* (sympy expressions in spin symbols such as
``a``, ``b + 1/2``, ``2*c``, or numbers).  It is built like
:meth:`tqft.spin_network.SpinNetwork.from_edges`, from ``{edge: (u, v, spin)}`` and the
counter-clockwise rotation at each vertex, and it turns into a numeric
:class:`~tqft.spin_network.SpinNetwork` (colours ``2j``) by :meth:`SymbolicNetwork.specialise`.

Conventions
-----------
The conventions are those of :mod:`tqft.spin_network.network`: Kauffman-Lins trivalent
vertices (three Jones-Wenzl projectors joined without crossings; Kauffman and Lins [KL]
ch. 4), a bivalent vertex joins two edges of equal spin, the rotation of a vertex lists
its edge-ends counter-clockwise (a self-loop twice), a dart ``(edge, end)`` is an edge-end
with end 0 at the edge's first vertex, and faces are the orbits of ``d -> sigma(alpha(d))``
(``alpha`` the other end of the edge, ``sigma`` the next end counter-clockwise).  The
reduction of :mod:`tqft.symbolic.graphical` needs a planar network (genus 0): the
Kauffman-Lins moves are planar isotopies.

References
----------
[KL] L. H. Kauffman and S. L. Lins, *Temperley-Lieb Recoupling Theory and Invariants of
3-Manifolds*, Annals of Mathematics Studies 134, Princeton University Press, 1994.

Examples
--------
>>> from tqft.symbolic.functions import spins
>>> a, b, c = spins("a b c")
>>> net = SymbolicNetwork.from_edges(
...     {"x": ("u", "v", a), "y": ("u", "v", b), "z": ("u", "v", c)}, rotation={"v": ["z", "y", "x"]}, name="theta"
... )
>>> net
SymbolicNetwork('theta': 2 vertices, 3 edges, spins x = a, y = b, z = c)
>>> net.specialise({a: 1, b: 1, c: 1}).evaluate()      # theta(2, 2, 2) at q = 1
Fraction(-3, 1)
"""

from __future__ import annotations

import re
import tokenize
from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, TypeAlias

import sympy

from ..errors import AdmissibilityError, InvalidArgumentError, InvalidSpinError
from ..spin_network.network import Dart, NetworkStructureError, NonPlanarError, SpinNetwork, ribbon_faces
from .evaluate import numeric
from .functions import is_spin_symbol

__all__ = ["SpinLike", "SymbolicNetwork", "spin_expression"]

#: What an edge may carry: a sympy expression in spin symbols, a number, or a string such as ``"b + 1/2"``.
SpinLike: TypeAlias = sympy.Expr | int | Fraction | str


def spin_expression(value: Any, where: str) -> sympy.Expr:
    """``value`` as a sympy spin expression, checked.

    Strings are parsed with every name a spin symbol (``nonnegative=True, rational=True``),
    so ``"b + 1/2"`` is ``b + 1/2`` with the spin ``b`` (and ``"N"`` or ``"E"`` are spins,
    not sympy's functions or constants).  Numbers must be non-negative
    integers or half-integers; every free symbol of an expression must be a spin symbol
    (:func:`tqft.symbolic.functions.spins`).

    Raises
    ------
    InvalidSpinError
        Naming ``where`` and the offending value.

    Examples
    --------
    >>> spin_expression("b + 1/2", "edge 'x'")
    b + 1/2
    >>> spin_expression(Fraction(1, 3), "spin of edge 'x'")
    Traceback (most recent call last):
      ...
    tqft.errors.InvalidSpinError: spin of edge 'x' = 1/3 is not a spin: spins are non-negative integers or half-integers
    """
    if isinstance(value, bool):
        raise InvalidSpinError(f"{where} = {value!r} is not a spin: give a number or a sympy expression")
    if isinstance(value, str):
        names = {n: sympy.Symbol(n, nonnegative=True, rational=True) for n in re.findall(r"[A-Za-z_]\w*", value)}
        try:
            expr = sympy.parse_expr(value, local_dict=names, evaluate=True)
        except (SyntaxError, TypeError, ValueError, tokenize.TokenError, sympy.SympifyError) as exc:
            raise InvalidSpinError(f"{where} = {value!r} does not parse as a spin expression ({exc})") from None
    elif isinstance(value, Fraction):
        expr = sympy.Rational(value.numerator, value.denominator)
    else:
        try:
            expr = sympy.sympify(value, strict=True)
        except sympy.SympifyError:
            raise InvalidSpinError(f"{where} = {value!r} is not a spin: give a number or a sympy expression") from None
    if not isinstance(expr, sympy.Expr):
        raise InvalidSpinError(f"{where} = {value!r} is not a spin: give a number or a sympy expression")
    if expr.is_number:
        if not expr.is_Rational or (2 * expr).q != 1 or expr < 0:
            raise InvalidSpinError(f"{where} = {expr} is not a spin: spins are non-negative integers or half-integers")
        return expr
    for s in sorted(expr.free_symbols, key=sympy.default_sort_key):
        if not is_spin_symbol(s):
            raise InvalidSpinError(
                f"{where} = {expr} involves {s}, which is not a spin symbol: declare it with "
                "tqft.symbolic.functions.spins (nonnegative=True, rational=True)"
            )
    return expr


class SymbolicNetwork:
    """A closed planar ribbon graph with symbolic spins (see the module docstring).

    Build it with :meth:`from_edges`; the constructor takes the internal tables and is
    used by the reduction for its working copies.
    """

    def __init__(
        self,
        ends: Mapping[Hashable, tuple[Hashable, Hashable]],
        spins: Mapping[Hashable, sympy.Expr],
        rotation: Mapping[Hashable, Sequence[Dart]],
        name: str = "Gamma",
        positions: Mapping[Any, tuple[float, float]] | None = None,
    ) -> None:
        self._ends: dict[Hashable, list[Hashable]] = {e: list(uv) for e, uv in ends.items()}
        self._spins: dict[Hashable, sympy.Expr] = dict(spins)
        self._rotation: dict[Hashable, list[Dart]] = {v: list(r) for v, r in rotation.items()}
        self.name = name
        self.positions: dict[Hashable, tuple[float, float]] = dict(positions or {})

    # -- construction --------------------------------------------------------------------
    @classmethod
    def from_edges(
        cls,
        edges: Mapping[Any, tuple[Any, Any, SpinLike]],
        rotation: Mapping[Any, Sequence[Any]] | None = None,
        *,
        name: str = "Gamma",
        positions: Mapping[Any, tuple[float, float]] | None = None,
    ) -> SymbolicNetwork:
        """Build and validate a network from ``{edge: (u, v, spin)}`` and rotations.

        Parameters
        ----------
        edges
            Edge name to ``(u, v, spin)``; end 0 of the edge is at ``u``.  A spin is a sympy
            expression in spin symbols, a number (a non-negative integer or half-integer)
            or a string parsed with :func:`spin_expression`.
        rotation
            Counter-clockwise order of the edges at a vertex (a self-loop listed twice);
            vertices not given keep the order in which their edges appear in ``edges``.
        name
            The network's name: the start of a derivation prints as ``name(spins...)``.
        positions
            Optional vertex positions, passed on to :meth:`specialise` for drawing.

        Raises
        ------
        InvalidSpinError
            If a spin is not a spin (the message names the edge).
        NetworkStructureError
            If a vertex has valence other than 2 or 3 (the message names the vertex and
            its valence), or a rotation does not list the edges at its vertex.
        AdmissibilityError
            If a vertex with numeric spins only is inadmissible (a bivalent vertex joining
            different spins, or a triad breaking the triangle rule or integrality).
        NonPlanarError
            If the ribbon structure has positive genus.

        Examples
        --------
        >>> SymbolicNetwork.from_edges({"x": ("u", "v", 1), "y": ("u", "w", 1), "z": ("u", "w", 1),
        ...                             "t": ("u", "v", 1)})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
          ...
        tqft.spin_network.network.NetworkStructureError: vertex 'u' has valence 4 (edges 'x', 'y', 'z', 't'): ...
        """
        if not isinstance(name, str) or not name.isidentifier():
            raise InvalidArgumentError(f"name = {name!r} must be a Python identifier (it names a sympy function)")
        skeleton = SpinNetwork()
        spins: dict[Hashable, sympy.Expr] = {}
        for edge, spec in edges.items():
            try:
                u, v, spin = spec
            except (TypeError, ValueError):
                raise NetworkStructureError(f"edge {edge!r} = {spec!r} must be a triple (u, v, spin)") from None
            spins[edge] = spin_expression(spin, f"spin of edge {edge!r}")
            skeleton.add_edge(edge, u, v, 0)
        for vertex, rot in (rotation or {}).items():
            skeleton.set_rotation(vertex, rot)
        net = cls(
            {e: skeleton.ends(e) for e in skeleton.edges},
            spins,
            {v: skeleton.rotation(v) for v in skeleton.vertices},
            name,
            positions,
        )
        net.validate()
        genus = skeleton.genus()
        if genus:
            raise NonPlanarError(
                f"network {name!r}: the rotations give a ribbon graph of genus {genus}; the Kauffman-Lins reduction "
                "needs a planar network (list the edges at each vertex counter-clockwise in a plane drawing)"
            )
        return net

    def validate(self) -> None:
        """Check valences (2 or 3) and the admissibility of vertices whose spins are all numbers."""
        for v, rot in self._rotation.items():
            n = len(rot)
            if n not in (2, 3):
                shown = ", ".join(repr(e) for e, _ in rot)
                raise NetworkStructureError(
                    f"vertex {v!r} has valence {n} (edges {shown}): a symbolic network has bivalent and trivalent "
                    "vertices only"
                )
            values = [self._spins[e] for e, _ in rot]
            if not all(x.is_number for x in values):
                continue
            if n == 2 and values[0] != values[1]:
                raise AdmissibilityError(
                    f"vertex {v!r} is bivalent with spins {tuple(values)}: a bivalent vertex joins two equal spins"
                )
            if n == 3 and not _admissible_numbers(*values):
                raise AdmissibilityError(
                    f"vertex {v!r} has spins {tuple(values)}, which are not admissible: the sum must be an integer "
                    "and each at most the sum of the other two"
                )

    def copy(self) -> SymbolicNetwork:
        return SymbolicNetwork(
            {e: (uv[0], uv[1]) for e, uv in self._ends.items()}, self._spins, self._rotation, self.name, self.positions
        )

    # -- views ---------------------------------------------------------------------------
    @property
    def edges(self) -> tuple[Hashable, ...]:
        return tuple(self._ends)

    @property
    def vertices(self) -> tuple[Hashable, ...]:
        return tuple(self._rotation)

    def spin(self, edge: Hashable) -> sympy.Expr:
        """The spin expression of ``edge``."""
        return self._spins[edge]

    def ends(self, edge: Hashable) -> tuple[Hashable, Hashable]:
        u, v = self._ends[edge]
        return u, v

    def rotation(self, vertex: Hashable) -> tuple[Dart, ...]:
        """Edge-ends at ``vertex`` in counter-clockwise order."""
        return tuple(self._rotation[vertex])

    def dart_vertex(self, dart: Dart) -> Hashable:
        return self._ends[dart[0]][dart[1]]

    @staticmethod
    def opposite(dart: Dart) -> Dart:
        return (dart[0], 1 - dart[1])

    def spins_at(self, vertex: Hashable) -> tuple[sympy.Expr, ...]:
        """The spins of the edge-ends at ``vertex``, in rotation order."""
        return tuple(self._spins[e] for e, _ in self._rotation[vertex])

    @property
    def free_symbols(self) -> set[sympy.Symbol]:
        """The spin symbols the network depends on."""
        out: set[sympy.Symbol] = set()
        for s in self._spins.values():
            out |= s.free_symbols
        return out

    def faces(self) -> list[list[Dart]]:
        """Faces of the ribbon structure, as cycles of darts (the convention of
        :meth:`tqft.spin_network.SpinNetwork.faces`)."""
        return ribbon_faces(self._rotation)

    def components(self) -> list[list[Hashable]]:
        """Connected components, each as its vertices in order of discovery."""
        done: set[Hashable] = set()
        out = []
        for start in self._rotation:
            if start in done:
                continue
            comp = [start]
            done.add(start)
            for x in comp:
                for d in self._rotation[x]:
                    y = self.dart_vertex(self.opposite(d))
                    if y not in done:
                        done.add(y)
                        comp.append(y)
            out.append(comp)
        return out

    def admissibility(self) -> tuple[str, ...]:
        """The conditions on the spins under which the network is a valid spin network:
        one line per vertex with a symbolic spin."""
        conditions: dict[tuple[sympy.Expr, ...], tuple[str, list[Hashable]]] = {}
        for v, rot in self._rotation.items():
            values = [self._spins[e] for e, _ in rot]
            if all(x.is_number for x in values):
                continue
            key = tuple(sorted(values, key=sympy.default_sort_key))
            if key in conditions:
                conditions[key][1].append(v)
            elif len(values) == 2:
                conditions[key] = (f"{sympy.sstr(values[0])} = {sympy.sstr(values[1])}", [v])
            else:
                conditions[key] = ("(" + ", ".join(sympy.sstr(x) for x in values) + ") admissible", [v])
        out = []
        for (text, where), key in zip(conditions.values(), conditions):
            kind = ("bivalent " if len(key) == 2 else "") + ("vertex" if len(where) == 1 else "vertices")
            out.append(f"{text} ({kind} {', '.join(repr(v) for v in where)})")
        return tuple(out)

    # -- numbers ---------------------------------------------------------------------------
    def specialise(self, values: Mapping[Any, Any]) -> SpinNetwork:
        """The numeric :class:`~tqft.spin_network.SpinNetwork` at the spins ``values``.

        Parameters
        ----------
        values
            ``{symbol or name: spin}`` for every free symbol (spins as ints, Fractions,
            strings such as ``"3/2"`` or sympy rationals).

        Returns
        -------
        SpinNetwork
            Same edge and vertex names and rotations, colour ``2j`` on every edge.

        Raises
        ------
        InvalidArgumentError
            If a symbol has no value.
        InvalidSpinError
            If an edge's spin is not a non-negative integer or half-integer there.
        """
        env = _environment(values, self.free_symbols)
        net = SpinNetwork()
        for e, (u, v) in self._ends.items():
            j = numeric(self._spins[e], env)
            if j < 0 or (2 * j).denominator != 1:
                raise InvalidSpinError(
                    f"spin of edge {e!r} = {sympy.sstr(self._spins[e])} = {j} at these values is not a spin: spins "
                    "are non-negative integers or half-integers"
                )
            net.add_edge(e, u, v, int(2 * j))
        for v, rot in self._rotation.items():
            net.set_rotation(v, [e for e, _ in rot])  # a self-loop's first listed end is its end 0 here too
        net.positions = dict(self.positions)
        return net

    # -- printing --------------------------------------------------------------------------
    def as_function(self) -> sympy.Expr:
        """The network as an unevaluated sympy function ``name(spins of the edges)``."""
        return sympy.Function(self.name)(*self._spins.values())

    def _sympy_(self) -> sympy.Expr:
        return self.as_function()

    def _repr_latex_(self) -> str:
        return "$" + sympy.latex(self.as_function()) + "$"

    def __repr__(self) -> str:
        shown = ", ".join(f"{e} = {sympy.sstr(s)}" for e, s in self._spins.items())
        return f"SymbolicNetwork({self.name!r}: {len(self._rotation)} vertices, {len(self._ends)} edges" + (
            f", spins {shown})" if shown else ")"
        )

    def __str__(self) -> str:
        return sympy.sstr(self.as_function())


def _admissible_numbers(a: sympy.Expr, b: sympy.Expr, c: sympy.Expr) -> bool:
    return bool((a + b + c).is_integer and abs(a - b) <= c <= a + b)


def _environment(values: Mapping[Any, Any], symbols: Iterable[sympy.Symbol]) -> dict[sympy.Symbol, Fraction]:
    by_name = {s.name: s for s in symbols}
    env: dict[sympy.Symbol, Fraction] = {}
    for k, v in values.items():
        key = by_name.get(k, sympy.Symbol(k)) if isinstance(k, str) else k
        env[key] = Fraction(int(v.p), int(v.q)) if isinstance(v, sympy.Rational) else Fraction(str(v))
    missing = sorted(s.name for s in by_name.values() if s not in env)
    if missing:
        raise InvalidArgumentError(f"values = {dict(values)!r} gives no value to {', '.join(missing)}")
    return env
