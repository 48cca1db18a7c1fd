"""Standard spin networks with symbolic spins, for :func:`tqft.symbolic.graphical.reduce_network`.

Each constructor takes the spins as a string of names (each becomes a spin symbol,
:func:`tqft.symbolic.functions.spins`) or as a sequence of spin expressions or numbers,
and returns a planar :class:`~tqft.symbolic.graphical_network.SymbolicNetwork` whose
edges are named after the default spin names.

==========================  =====================================================  ===================
constructor                 network                                                spins
==========================  =====================================================  ===================
:func:`loop`                one loop (a bivalent vertex with a self-loop)          ``j``
:func:`theta`               the theta net                                          ``a b c``
:func:`tetrahedron`         the tetrahedral net ``Tet[a b e; c d f]`` of [KL] 8.5  ``a b e c d f``
:func:`prism`               the triangular prism (6 vertices, 9 edges)             ``a .. i``
:func:`cube`                the cube (8 vertices, 12 edges)                        ``a .. l``
:func:`bubble_chain`        ``n`` bubbles joined in a ring                         ``a_k b_k c_k``
:func:`bubble_tetrahedron`  a tetrahedron with a bubble on one edge                ``a b e c d f g h``
==========================  =====================================================  ===================

References
----------
[KL] L. H. Kauffman and S. L. Lins, *Temperley-Lieb Recoupling Theory and Invariants of
3-Manifolds*, Annals of Mathematics Studies 134, Princeton University Press, 1994.

Examples
--------
>>> prism()
SymbolicNetwork('prism': 6 vertices, 9 edges, spins a = a, b = b, c = c, d = d, e = e, f = f, g = g, h = h, i = i)
>>> tetrahedron([1, 1, 1, 1, 1, 1]).specialise({}).evaluate()     # Tet[2 2 2; 2 2 2] at q = 1
Fraction(3, 2)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..errors import InvalidArgumentError
from .functions import spins as _spin_symbols
from .graphical_network import SpinLike, SymbolicNetwork

__all__ = ["bubble_chain", "bubble_tetrahedron", "cube", "loop", "prism", "tetrahedron", "theta"]

Spins = str | Sequence[SpinLike]


def _values(given: Spins, default: str, what: str) -> tuple[list[str], list[Any]]:
    names = default.split()
    if isinstance(given, str):
        values: list[Any] = list(_spin_symbols(given))
    else:
        values = list(given)
    if len(values) != len(names):
        raise InvalidArgumentError(f"{what} needs {len(names)} spins ({default}), got {len(values)}: {given!r}")
    return names, values


def _build(
    given: Spins,
    default: str,
    what: str,
    ends: dict[str, tuple[str, str]],
    rotation: dict[str, list[str]],
    positions: dict[str, tuple[float, float]] | None = None,
    name: str | None = None,
) -> SymbolicNetwork:
    names, values = _values(given, default, what)
    spin = dict(zip(names, values))
    edges = {e: (*ends[e], spin[e]) for e in names}
    return SymbolicNetwork.from_edges(edges, rotation, name=name or what, positions=positions)


def loop(spins: Spins = "j") -> SymbolicNetwork:
    """A single loop of spin ``j`` (value ``Delta_{2j}``).

    >>> loop().specialise({"j": 1}).evaluate()
    Fraction(3, 1)
    """
    return _build(spins, "j", "loop", {"j": ("v", "v")}, {})


def theta(spins: Spins = "a b c") -> SymbolicNetwork:
    """The theta net: vertices ``u, v`` joined by edges ``a, b, c`` (value ``theta(a, b, c)``).

    >>> theta([1, 1, 1]).specialise({}).evaluate()
    Fraction(-3, 1)
    """
    return _build(spins, "a b c", "theta", {"a": ("u", "v"), "b": ("u", "v"), "c": ("u", "v")}, {"v": ["c", "b", "a"]})


def tetrahedron(spins: Spins = "a b e c d f") -> SymbolicNetwork:
    """The tetrahedral net ``Tet[a b e; c d f]`` ([KL] 8.5): vertices ``X = (a, d, e)``,
    ``Y = (b, c, e)``, ``Z = (a, b, f)``, ``W = (c, d, f)`` (as
    :meth:`tqft.spin_network.SpinNetwork.tetrahedron`)."""
    ends = {"a": ("X", "Z"), "b": ("Z", "Y"), "c": ("Y", "W"), "d": ("W", "X"), "e": ("X", "Y"), "f": ("Z", "W")}
    rotation = {"X": ["a", "d", "e"], "Y": ["e", "c", "b"], "Z": ["b", "f", "a"], "W": ["c", "d", "f"]}
    positions = {"X": (-1.0, -0.6), "Y": (1.0, -0.6), "Z": (0.0, 1.1), "W": (0.0, 0.0)}
    return _build(spins, "a b e c d f", "tetrahedron", ends, rotation, positions)


def prism(spins: Spins = "a b c d e f g h i") -> SymbolicNetwork:
    """The triangular prism: an outer triangle ``a, b, c`` (vertices ``A1 A2 A3``), an inner
    triangle ``d, e, f`` (``B1 B2 B3``) and the spokes ``g, h, i`` (``A_k B_k``).

    Edges: ``a = A1A2``, ``b = A2A3``, ``c = A3A1``, ``d = B1B2``, ``e = B2B3``, ``f = B3B1``,
    ``g = A1B1``, ``h = A2B2``, ``i = A3B3``.
    """
    ends = {"a": ("A1", "A2"), "b": ("A2", "A3"), "c": ("A3", "A1"), "d": ("B1", "B2"), "e": ("B2", "B3"),
            "f": ("B3", "B1"), "g": ("A1", "B1"), "h": ("A2", "B2"), "i": ("A3", "B3")}  # fmt: skip
    rotation = {"A1": ["a", "g", "c"], "A2": ["b", "h", "a"], "A3": ["c", "i", "b"],
                "B1": ["g", "d", "f"], "B2": ["h", "e", "d"], "B3": ["i", "f", "e"]}  # fmt: skip
    positions = {f"{p}{k + 1}": _polar(2.0 if p == "A" else 1.0, 90 + 120 * k) for p in "AB" for k in range(3)}
    return _build(spins, "a b c d e f g h i", "prism", ends, rotation, positions)


def cube(spins: Spins = "a b c d e f g h i j k l") -> SymbolicNetwork:
    """The cube: an outer square ``a, b, c, d`` (vertices ``A1..A4``), an inner square
    ``e, f, g, h`` (``B1..B4``) and the spokes ``i, j, k, l`` (``A_k B_k``).

    Edges: ``a = A1A2``, ``b = A2A3``, ``c = A3A4``, ``d = A4A1``, ``e = B1B2``, ...,
    ``h = B4B1``, ``i = A1B1``, ``j = A2B2``, ``k = A3B3``, ``l = A4B4``.
    """
    ends: dict[str, tuple[str, str]] = {}
    rotation: dict[str, list[str]] = {}
    outer, inner, spokes = "abcd", "efgh", "ijkl"
    for k in range(4):
        ends[outer[k]] = (f"A{k + 1}", f"A{(k + 1) % 4 + 1}")
        ends[inner[k]] = (f"B{k + 1}", f"B{(k + 1) % 4 + 1}")
        ends[spokes[k]] = (f"A{k + 1}", f"B{k + 1}")
    for k in range(4):
        # counter-clockwise in the standard drawing (outer square around the inner one)
        rotation[f"A{k + 1}"] = [outer[k], spokes[k], outer[k - 1]]
        rotation[f"B{k + 1}"] = [spokes[k], inner[k], inner[k - 1]]
    positions = {f"{p}{k + 1}": _polar(2.0 if p == "A" else 1.0, 45 + 90 * k) for p in "AB" for k in range(4)}
    return _build(spins, "a b c d e f g h i j k l", "cube", ends, rotation, positions)


def bubble_chain(n: int = 2, spins: Spins | None = None) -> SymbolicNetwork:
    """``n`` bubbles joined in a ring (a "necklace"): bubble ``k`` has edges ``a_k, b_k`` between ``u_k`` and
    ``v_k``, and ``c_k`` joins ``v_k`` to ``u_{k+1}``.

    The value is ``prod_k theta(a_k, b_k, c) / Delta_{2c}`` times ``Delta_{2c}`` when all
    ``c_k = c`` and zero otherwise (Schur's lemma, [KL] 6.5).

    >>> bubble_chain(3).specialise({s: 1 for s in bubble_chain(3).free_symbols}).evaluate()
    Fraction(-3, 1)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidArgumentError(f"n = {n!r} must be a positive integer (the number of bubbles)")
    default = " ".join(f"a_{k} b_{k} c_{k}" for k in range(1, n + 1))
    ends: dict[str, tuple[str, str]] = {}
    rotation: dict[str, list[str]] = {}
    for k in range(1, n + 1):
        nxt = k % n + 1
        ends[f"a_{k}"] = (f"u_{k}", f"v_{k}")
        ends[f"b_{k}"] = (f"u_{k}", f"v_{k}")
        ends[f"c_{k}"] = (f"v_{k}", f"u_{nxt}")
        prev = (k - 2) % n + 1
        rotation[f"u_{k}"] = [f"c_{prev}", f"b_{k}", f"a_{k}"]
        rotation[f"v_{k}"] = [f"c_{k}", f"a_{k}", f"b_{k}"]
    positions = {f"{p}_{k}": _polar(1.5, 360 * (k - 1) / n + (0 if p == "u" else 120 / n)) for p in "uv" for k in
                 range(1, n + 1)}  # fmt: skip
    given = spins if spins is not None else default
    return _build(given, default, "bubble_chain", ends, rotation, positions, name="necklace")


def bubble_tetrahedron(spins: Spins = "a b e c d f g h") -> SymbolicNetwork:
    """The tetrahedron ``Tet[a b e; c d f]`` with a bubble ``g, h`` on its edge ``f``: the edge
    ``f`` runs from ``Z`` to ``P``, the bubble joins ``P`` and ``Q``, and ``f2 = QW`` carries
    the spin of ``f`` (its value is ``theta(g, h, f) / Delta_{2f} Tet[a b e; c d f]``).

    A network with triangles and a bubble, for a reduction end to end; its name is
    ``tetbubble`` (names with ``_`` would print as subscripts in LaTeX).
    """
    names, values = _values(spins, "a b e c d f g h", "bubble_tetrahedron")
    spin = dict(zip(names, values))
    edges = {"a": ("X", "Z", spin["a"]), "b": ("Z", "Y", spin["b"]), "e": ("X", "Y", spin["e"]),
             "c": ("Y", "W", spin["c"]), "d": ("W", "X", spin["d"]), "f": ("Z", "P", spin["f"]),
             "g": ("P", "Q", spin["g"]), "h": ("P", "Q", spin["h"]), "f2": ("Q", "W", spin["f"])}  # fmt: skip
    rotation = {"X": ["a", "d", "e"], "Y": ["e", "c", "b"], "Z": ["b", "f", "a"], "W": ["c", "d", "f2"],
                "P": ["f", "h", "g"], "Q": ["f2", "g", "h"]}  # fmt: skip
    return SymbolicNetwork.from_edges(edges, rotation, name="tetbubble")


def _polar(r: float, degrees: float) -> tuple[float, float]:
    t = math.radians(degrees)
    return (round(r * math.cos(t), 6), round(r * math.sin(t), 6))
