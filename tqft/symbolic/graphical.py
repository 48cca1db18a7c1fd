r"""Graphical reduction: a spin network with symbolic spins becomes a recoupling formula.

:func:`reduce_network` takes a closed planar :class:`SymbolicNetwork` and applies
Kauffman-Lins moves until nothing is left, recording each as a
:class:`~tqft.symbolic.derivation.Step`; the result is a sympy expression in the
Kauffman-Lins nets :class:`~tqft.symbolic.functions.Theta`,
:class:`~tqft.symbolic.functions.Tet`, :class:`~tqft.symbolic.functions.Loop` (their
q-versions when ``quantum=True``), ``KroneckerDelta``, ``Triangle`` and explicit sums over
internal spins.  The result is then checked exactly against the numeric evaluator
:meth:`tqft.spin_network.SpinNetwork.evaluate` at random admissible spins.

Moves (Kauffman and Lins [KL] ch. 6-10; all planar, exact at q = 1 and at generic q), in
the order they are tried:

=================  ===================================================  ==========================================
rule               pattern                                              factor
=================  ===================================================  ==========================================
``loop``           a component that is one loop of spin ``j``           ``Delta_{2j} = (-1)^{2j} [2j+1]``
``theta_net``      a component that is a theta graph ``a, b, c``        ``theta(a, b, c)`` ([KL] 6.4)
``tet_net``        a component that is a tetrahedron (K4)               ``Tet[a b e; c d f]`` ([KL] 8.5)
``bivalent``       a bivalent vertex joining spins ``a``, ``b``         ``delta(a, b)``; the edges merge
``bridge``         an edge ``j`` whose removal disconnects              ``delta(j, 0)``; the edge is removed
``bubble``         two edges ``a, b`` joining two vertices, legs        ``delta(c, c') theta(a, b, c) / Delta_{2c}``;
                   ``c``, ``c'``                                        one edge ``c``
``triangle``       a triangular face, legs ``a, b, c``, sides           ``Tet[a b p; q r c] / theta(a, b, c)``;
                   ``p, q, r``                                          one vertex ``(a, b, c)``
``f_move``         an edge ``j`` of a smallest face (length >= 4),      ``sum_i {x y i; z w j}``: the edge becomes
                   legs ``x, y`` at one end and ``z, w`` at the other   ``i`` joining ``(w, x)`` to ``(y, z)``
=================  ===================================================  ==========================================

Conventions are those of :mod:`tqft.spin_network.moves` with spins instead of colours.
The recoupling coefficient is ``{a b i; c d j} = Tet[a b i; c d j] Delta_{2i} /
(theta(a, d, i) theta(b, c, i))`` ([KL] 10.2, :mod:`tqft.recoupling.kauffman_lins`), and the
F-move's sum runs over ``i = Max(|w - x|, |y - z|), ..., Min(w + x, y + z)``: exactly the
spins admissible at both new vertices (the parities agree because the old vertices were
admissible).  A planar bridgeless trivalent graph always has a face of length at most 5,
so at most two F-moves are needed before a triangle or a bubble appears.

Where the formula divides.  The bubble divides by ``Delta_{2c}`` (never zero at q = 1 or
generic q), the F-move by thetas of its own new vertices (admissible on the sum's range).
The triangle divides by ``theta(a, b, c)`` of its legs, which can vanish at admissible
spins of the network, and then the triangle is zero (Schur's lemma).  Unless ``(a, b, c)``
is a vertex triad of the given network or of an F-move, the move therefore adds the
indicator ``Triangle(a, b, c)`` and keeps it while ``theta(a, b, c)`` stays in a
denominator; every product is stored *unevaluated with its indicators first*
(``KroneckerDelta`` and ``Triangle``), so that
:func:`~tqft.symbolic.evaluate.exact_value` returns 0 before it meets ``1/0``.  Re-evaluating
the formula with sympy (``.doit()``, ``simplify``, arithmetic) sorts the factors again and
loses that protection.

A step's ``after`` is the formula so far times ``N_k(spins)``, the network left after step
``k`` (its spins as arguments); the last step leaves the formula alone.

References
----------
[KL] L. H. Kauffman and S. L. Lins, *Temperley-Lieb Recoupling Theory and Invariants of
3-Manifolds*, Annals of Mathematics Studies 134, Princeton University Press, 1994.

Examples
--------
The triangular prism has two triangular faces; reducing one leaves a tetrahedron:

>>> d = reduce_network(prism())
>>> d.result
Tet(a, b, c, i, g, h)*Tet(d, e, f, i, g, h)*Triangle(g, h, i)/Theta(g, h, i)
>>> print(d.check)       # doctest: +ELLIPSIS
checked exactly at ... random admissible spin values (8 nonzero, spins <= 2, seed 0, q = 1)

The cube has no triangle: one F-move makes two, and the formula has one sum, whose range
collects the admissibility of every triad the summed spin ``m`` enters:

>>> d = reduce_network(cube())
>>> print(d.result)  # doctest: +NORMALIZE_WHITESPACE
Sum(Loop(m)*Tet(a, b, d, m, i, j)*Tet(b, c, d, l, m, k)*Tet(e, f, h, m, i, j)*Tet(f, g, h, l, m, k)/(Theta(b, d,
    m)*Theta(f, h, m)*Theta(i, j, m)*Theta(k, l, m)), (m, Max(Abs(b - d), Abs(f - h), Abs(i - j), Abs(k - l)),
    Min(b + d, f + h, i + j, k + l)))

Evaluating the formula needs no graph: at all spins 1, as the numeric evaluator says,

>>> from tqft.symbolic.evaluate import exact_value
>>> ones = {s: 1 for s in cube().free_symbols}
>>> print(exact_value(d.result, ones), cube().specialise(ones).evaluate())
3/2 3/2
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import Any

import sympy

from ..errors import DerivationError
from ..spin_network.network import Dart
from .derivation import CheckReport, Derivation, Step
from .graphical_check import check_network, random_colouring
from .graphical_examples import bubble_chain, bubble_tetrahedron, cube, loop, prism, tetrahedron, theta
from .graphical_formula import (
    Formula,
    bubble_coefficient,
    fmove_coefficient,
    loop_value,
    tet_symbol,
    theta_symbol,
    triad_key,
    triangle_coefficient,
)
from .graphical_network import SymbolicNetwork

__all__ = [
    "SymbolicNetwork",
    "bubble_chain",
    "bubble_coefficient",
    "bubble_tetrahedron",
    "cube",
    "fmove_coefficient",
    "loop",
    "loop_value",
    "prism",
    "random_colouring",
    "reduce_network",
    "tet_symbol",
    "tetrahedron",
    "theta",
    "theta_symbol",
    "triangle_coefficient",
]

#: Names tried, in order, for the spins summed over by F-moves (names of the network's own
#: symbols are skipped).
SUM_NAMES = ("k", "l", "m", "n", "s", "t", "u", "v", "w", "x", "y", "z")


# --- the reduction ----------------------------------------------------------------------------

_STATEMENTS = {
    "loop": r"\bigcirc_{j} = \Delta_{2j} = (-1)^{2j}\,[2j+1]",
    "theta_net": r"\theta(a, b, c) = (-1)^{m+n+p} \frac{[m+n+p+1]!\,[m]!\,[n]!\,[p]!}{[2a]!\,[2b]!\,[2c]!}",
    "tet_net": r"\mathrm{Tet}\begin{bmatrix} a & b & e \\ c & d & f \end{bmatrix}"
    r"\text{: vertices } (a, d, e), (b, c, e), (a, b, f), (c, d, f)",
    "bivalent": r"a \;\text{--}\bullet\text{--}\; b = \delta_{a b}\;\; a \,\text{---}",
    "bridge": r"N_1 \overset{j}{\text{---}} N_2 = \delta_{j 0}\; N_1 \sqcup N_2",
    "bubble": r"\text{bubble}(a, b;\, c, c') = \delta_{c c'}\, \frac{\theta(a, b, c)}{\Delta_{2c}}\; c \,\text{---}",
    "triangle": r"\text{triangle}(a, b, c;\, p, q, r) = \frac{\mathrm{Tet}\begin{bmatrix} a & b & p \\ q & r & c "
    r"\end{bmatrix}}{\theta(a, b, c)}\; \text{vertex}(a, b, c)",
    "f_move": r"(x y \overset{j}{\text{---}} z w) = \sum_{i} \frac{\mathrm{Tet}\begin{bmatrix} x & y & i \\ z & w & j "
    r"\end{bmatrix} \Delta_{2i}}{\theta(x, w, i)\, \theta(y, z, i)}\; (w x \overset{i}{\text{---}} y z)",
}


class _Reducer:
    """The state of one reduction: a working copy of the network, the formula so far, the steps."""

    def __init__(self, net: SymbolicNetwork, quantum: bool) -> None:
        self.net = net.copy()
        self.quantum = quantum
        triads = {triad_key(net.spins_at(v)) for v in net.vertices if len(net.rotation(v)) == 3}
        self.formula = Formula(quantum, triads)
        self.steps: list[Step] = []
        self.current: sympy.Expr = net.as_function()
        self.used = {s.name for s in net.free_symbols}

    # -- bookkeeping -----------------------------------------------------------------------
    def record(self, rule: str, title: str, substitution: Sequence[tuple[str, Any]], note: str = "") -> None:
        net = self.net
        k = len(self.steps) + 1
        remainder = None
        if net.vertices and not self.formula.zero:
            remainder = sympy.Function(f"N_{k}")(*(net.spin(e) for e in net.edges))
            what = f"N_{k}: {len(net.vertices)} vertices, {len(net.edges)} edges"
            note = f"{note}; {what}" if note else what
        after = self.formula.expr(remainder)
        sub = tuple((name, sympy.sympify(value)) for name, value in substitution)
        self.steps.append(Step(self.current, rule, title, after, _STATEMENTS[rule], sub, note))
        self.current = after

    def fresh(self) -> sympy.Symbol:
        names = [*SUM_NAMES, *(f"k_{n}" for n in range(1, 1000))]
        name = next(n for n in names if n not in self.used)
        self.used.add(name)
        return sympy.Symbol(name, nonnegative=True, rational=True)

    # -- graph surgery -------------------------------------------------------------------------
    def delete_vertex(self, v: Hashable) -> None:
        del self.net._rotation[v]
        self.net.positions.pop(v, None)

    def delete_edge(self, e: Hashable) -> None:
        del self.net._ends[e]
        del self.net._spins[e]

    def move_dart(self, dart: Dart, vertex: Hashable) -> None:
        self.net._ends[dart[0]][dart[1]] = vertex

    # -- the loop --------------------------------------------------------------------------------
    def run(self) -> None:
        moves = (self.component, self.bivalent, self.bridge, self.bubble, self.triangle, self.f_move)
        budget = 10 * (len(self.net.edges) + 2)
        while self.net.vertices and not self.formula.zero:
            budget -= 1
            if budget < 0 or not any(move() for move in moves):  # pragma: no cover - a bug guard
                raise DerivationError(f"the graphical reduction of {self.current} did not terminate")

    def component(self) -> bool:
        net = self.net
        for comp in net.components():
            darts = [d for v in comp for d in net.rotation(v)]
            edges = list(dict.fromkeys(d[0] for d in darts))
            if len(comp) == 1 and len(darts) == 2 and len(edges) == 1:
                (e,) = edges
                j = net.spin(e)
                self.formula.multiply(loop_value(j, self.quantum))
                self._drop(comp, edges)
                self.record("loop", f"evaluate the loop {e!r}", [("j", j)])
                return True
            loops = [e for e in edges if net.ends(e)[0] == net.ends(e)[1]]
            if len(comp) == 2 and len(darts) == 6 and len(edges) == 3 and not loops:
                a, b, c = (net.spin(e) for e in edges)
                self.formula.multiply(theta_symbol(a, b, c, self.quantum))
                self._drop(comp, edges)
                title = f"evaluate the theta net on {comp[0]!r}, {comp[1]!r}"
                self.record("theta_net", title, [("a", a), ("b", b), ("c", c)])
                return True
            pairs = {frozenset(net.ends(e)) for e in edges}
            if (
                len(comp) == 4
                and len(darts) == 12
                and len(edges) == 6
                and len(pairs) == 6
                and all(len(p) == 2 for p in pairs)
            ):
                x, y, z, w = comp
                spin = {frozenset(net.ends(e)): net.spin(e) for e in edges}
                args = [spin[frozenset(pq)] for pq in ((x, z), (z, y), (x, y), (y, w), (w, x), (z, w))]
                self.formula.multiply(
                    tet_symbol(args[0], args[1], args[2], args[3], args[4], args[5], quantum=self.quantum)
                )
                self._drop(comp, edges)
                names = ("a", "b", "e", "c", "d", "f")
                title = f"evaluate the tetrahedral net on {x!r}, {y!r}, {z!r}, {w!r}"
                self.record("tet_net", title, list(zip(names, args)))
                return True
        return False

    def _drop(self, comp: Sequence[Hashable], edges: Sequence[Hashable]) -> None:
        for e in edges:
            self.delete_edge(e)
        for v in comp:
            self.delete_vertex(v)

    def bivalent(self) -> bool:
        net = self.net
        for v in net.vertices:
            rot = net.rotation(v)
            if len(rot) != 2 or rot[0][0] == rot[1][0]:
                continue
            d1, d2 = rot
            s1, s2 = net.spin(d1[0]), net.spin(d2[0])
            if sympy.expand(s1 - s2) != 0:
                self.formula.multiply(sympy.KroneckerDelta(s1, s2))
            far = net.opposite(d2)
            s = net.dart_vertex(far)
            self.move_dart(d1, s)
            net._rotation[s] = [d1 if d == far else d for d in net._rotation[s]]
            self.delete_edge(d2[0])
            self.delete_vertex(v)
            title = f"merge the edges {d1[0]!r}, {d2[0]!r} at the bivalent vertex {v!r}"
            self.record("bivalent", title, [("a", s1), ("b", s2)])
            return True
        return False

    def _face_of(self) -> dict[Dart, int]:
        return {d: k for k, face in enumerate(self.net.faces()) for d in face}

    def bridge(self) -> bool:
        net = self.net
        face = self._face_of()
        for e in net.edges:
            u, v = net.ends(e)
            if u == v or face[(e, 0)] != face[(e, 1)]:
                continue
            j = net.spin(e)
            self.formula.multiply(sympy.KroneckerDelta(j, 0))
            for x in (u, v):
                net._rotation[x] = [d for d in net._rotation[x] if d[0] != e]
            self.delete_edge(e)
            self.record("bridge", f"cut the bridge {e!r} (Schur's lemma)", [("j", j)])
            return True
        return False

    def bubble(self) -> bool:
        net = self.net
        edges = list(net.edges)
        for k, e1 in enumerate(edges):
            u, v = net.ends(e1)
            if u == v or len(net.rotation(u)) != 3 or len(net.rotation(v)) != 3:
                continue
            for e2 in edges[k + 1 :]:
                if set(net.ends(e2)) != {u, v}:
                    continue
                (c_dart,) = [d for d in net.rotation(u) if d[0] not in (e1, e2)]
                (c2_dart,) = [d for d in net.rotation(v) if d[0] not in (e1, e2)]
                if c_dart[0] == c2_dart[0]:
                    continue  # a theta net: the component move evaluates it
                a, b, c, c2 = net.spin(e1), net.spin(e2), net.spin(c_dart[0]), net.spin(c2_dart[0])
                if sympy.expand(c - c2) != 0:
                    self.formula.multiply(sympy.KroneckerDelta(c, c2))
                self.formula.multiply(bubble_coefficient(a, b, c, self.quantum))
                far = net.opposite(c2_dart)
                s = net.dart_vertex(far)
                self.move_dart(c_dart, s)
                net._rotation[s] = [c_dart if d == far else d for d in net._rotation[s]]
                for e in (e1, e2, c2_dart[0]):
                    self.delete_edge(e)
                self.delete_vertex(u)
                self.delete_vertex(v)
                title = f"remove the bubble {e1!r}, {e2!r} between {u!r} and {v!r}"
                self.record("bubble", title, [("a", a), ("b", b), ("c", c), ("c'", c2)])
                return True
        return False

    def triangle(self) -> bool:
        net = self.net
        for face in net.faces():
            verts = [net.dart_vertex(d) for d in face]
            if len(face) != 3 or len(set(verts)) != 3 or len({d[0] for d in face}) != 3:
                continue
            if any(len(net.rotation(x)) != 3 for x in verts):
                continue
            u, v, w = verts
            inner = {d[0] for d in face}
            ext = {x: next(d for d in net.rotation(x) if d[0] not in inner) for x in verts}
            rot_u = _rotated(net.rotation(u), ext[u])
            t1 = net.dart_vertex(net.opposite(rot_u[1]))
            t2 = v if t1 == w else w
            p, q, r = (_side(net, face, x, y) for x, y in ((u, v), (v, w), (w, u)))
            a, b, c = (net.spin(ext[x][0]) for x in verts)
            sp, sq, sr = net.spin(p), net.spin(q), net.spin(r)
            note = self.formula.guard((a, b, c))
            self.formula.multiply(triangle_coefficient(a, b, c, sp, sq, sr, self.quantum))
            for e in (p, q, r):
                self.delete_edge(e)
            for x in (v, w):
                self.move_dart(ext[x], u)
                self.delete_vertex(x)
            net._rotation[u] = [ext[u], ext[t1], ext[t2]]
            title = f"reduce the triangle {u!r}, {v!r}, {w!r} to one vertex"
            self.record("triangle", title, [("a", a), ("b", b), ("c", c), ("p", sp), ("q", sq), ("r", sr)], note)
            return True
        return False

    def f_move(self) -> bool:
        net = self.net
        faces = net.faces()
        face_of = {d: k for k, f in enumerate(faces) for d in f}
        best: tuple[int, int] | None = None
        choice: Hashable = None
        for k, face in enumerate(faces):
            for d in face:
                e = d[0]
                u, v = net.ends(e)
                other = face_of[net.opposite(d)]
                if u == v or other == k or len(net.rotation(u)) != 3 or len(net.rotation(v)) != 3:
                    continue
                key = (len(face), len(faces[other]))
                if best is None or key < best:
                    best, choice = key, e
        if choice is None:
            return False
        e = choice
        u, v = net.ends(e)
        _, x, y = _rotated(net.rotation(u), (e, 0))
        _, z, w = _rotated(net.rotation(v), (e, 1))
        sx, sy, sz, sw, sj = (net.spin(d[0]) for d in (x, y, z, w, (e, 0)))
        i = self.fresh()
        lo = sympy.Max(sympy.Abs(sw - sx), sympy.Abs(sy - sz))
        hi = sympy.Min(sw + sx, sy + sz)
        self.formula.open_sum(i, lo, hi)
        self.formula.unconditional |= {triad_key((sw, sx, i)), triad_key((sy, sz, i))}
        self.formula.multiply(fmove_coefficient(sx, sy, sz, sw, sj, i, self.quantum))
        net._spins[e] = i
        self.move_dart(w, u)
        self.move_dart(y, v)
        net._rotation[u] = [(e, 0), w, x]
        net._rotation[v] = [(e, 1), y, z]
        self.record(
            "f_move",
            f"recouple the edge {e!r} (F-move) and sum over its new spin {i}",
            [("x", sx), ("y", sy), ("z", sz), ("w", sw), ("j", sj), ("i", i)],
            f"{i} runs over {sympy.sstr(lo)}, ..., {sympy.sstr(hi)}",
        )
        return True


def _side(net: SymbolicNetwork, face: Sequence[Dart], x: Hashable, y: Hashable) -> Hashable:
    """The edge of ``face`` joining ``x`` and ``y``."""
    return next(d[0] for d in face if set(net.ends(d[0])) == {x, y})


def _rotated(rot: Sequence[Dart], first: Dart) -> list[Dart]:
    i = list(rot).index(first)
    return list(rot[i:]) + list(rot[:i])


def reduce_network(
    net: SymbolicNetwork,
    *,
    quantum: bool = False,
    check: bool = True,
    seed: int = 0,
    samples: int | None = None,
    max_spin: Any = None,
) -> Derivation:
    """Reduce a closed planar spin network with symbolic spins to a recoupling formula.

    Parameters
    ----------
    net
        The network (not modified).
    quantum
        Use the q-symbols (:class:`~tqft.symbolic.functions.QTheta`, ``QTet``, ``QLoop``:
        Kauffman-Lins nets at generic ``q = A^2``) instead of the q = 1 ones.
    check
        Check the formula exactly against :meth:`tqft.spin_network.SpinNetwork.evaluate`
        (Kauffman-Lins normalisation; at generic q in :func:`~tqft.exact.qcontexts.generic_q`)
        at random admissible spins (:func:`random_colouring`).
    seed
        Seed of the sampler (recorded in the report).
    samples
        Nonzero samples wanted (default 8 at q = 1, 3 at generic q); at most ``6 * samples``
        colourings are tried, and zeros count as checks too.
    max_spin
        Largest spin substituted (default 2 at q = 1, 1 at generic q).

    Returns
    -------
    ~tqft.symbolic.derivation.Derivation
        ``start`` is ``name(spins of the edges)``, the steps are the moves (module
        docstring), ``result`` the formula, ``check`` the
        :class:`~tqft.symbolic.derivation.CheckReport` (``checked=False`` when ``check=False``), ``assumptions`` the
        admissibility conditions of the network's vertices.

    Raises
    ------
    DerivationError
        If the formula differs from the numeric evaluation at some spins (the message gives
        the spins and both values) or cannot be evaluated there.

    Examples
    --------
    >>> d = reduce_network(theta())
    >>> print(d.text())
    start: theta(a, b, c)
    1. evaluate the theta net on 'u', 'v'  [theta_net]
       = Theta(a, b, c)
    result: Theta(a, b, c)
    assuming (a, b, c) admissible (vertices 'u', 'v')
    checked exactly at 8 random admissible spin values (8 nonzero, spins <= 2, seed 0, q = 1)
    >>> reduce_network(cube()).result.atoms(sympy.Sum).__len__()
    1
    """
    reducer = _Reducer(net, quantum)
    reducer.run()
    result = reducer.formula.expr()
    top = Fraction(str(max_spin)) if max_spin is not None else Fraction(1 if quantum else 2)
    if check:
        wanted = samples if samples is not None else (3 if quantum else 8)
        report = check_network(net, result, quantum, seed, wanted, top)
    else:
        report = CheckReport(0, 0, seed, top, quantum, checked=False)
    return Derivation(net.as_function(), result, tuple(reducer.steps), report, net.admissibility())
