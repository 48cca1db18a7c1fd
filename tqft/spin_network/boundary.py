"""Boundary state spaces: intertwiner spaces of open spin networks, their bases, pairings
and changes of basis.

For boundary colours ``c_1, ..., c_m`` (counter-clockwise), the state space is the space
of invariants ``Inv(V_{c_1} (x) ... (x) V_{c_m})``.  A **splitting** is a planar trivalent
tree with the boundary legs in that cyclic order; its basis vectors ``T_x`` are labelled by
the admissible colourings ``x`` of the internal edges.  The default is the *comb*
(``((c_1 c_2)_{y_2} c_3)_{y_3} ...``), whose labels are the spines ``(y_1, ..., y_{m-1})``
with ``y_1 = c_1``, ``y_{m-1} = c_m`` used by :class:`~tqft.spin_network.evaluate.BoundaryVector`;
any other tree is given as nested pairs of leg indices, e.g. ``((0, 1), (2, 3))``.

Pairing and inner product (Kauffman-Lins normalisation)
--------------------------------------------------------
Gluing an open network to the mirror image of another along the boundary is bilinear:
``pair(v, w) = sum_x v_x w_x N_x``, with the *norm* of a basis vector (two trees glued:
bubbles removed one by one, Kauffman & Lins 1994, section 9.9)

    N_x = prod_{vertices} theta(a, b, c) / prod_{internal edges} Delta_e,

and ``N = Delta_c`` for two legs.  Distinct labels pair to zero (Schur), so every
splitting basis is orthogonal.  The orthonormal basis is ``e_x = T_x / sqrt|N_x|`` and the
Hermitian inner product is ``<v, w> = sum_x conj(v_x) w_x |N_x|``; at q = -1 (the
classical point of arXiv:2310.03632) all ``N_x > 0`` and the pairing *is* that inner
product.  The change of basis between two splittings is computed by evaluating each tree
vector of one in the comb of the other (a matrix of 6j symbols for four legs) and
satisfies ``M^T G_1 M = G_2`` exactly, ``G`` the diagonal norm matrices; in orthonormal
bases it is orthogonal.

>>> from tqft.spin_network.boundary import BoundarySpace
>>> space = BoundarySpace((2, 2, 2, 2))
>>> space.basis()
[(2, 0, 2), (2, 2, 2), (2, 4, 2)]
>>> m = space.change_of_basis(((0, 1), (2, 3)), ((1, 2), (3, 0)))
>>> space.check_orthogonal(((0, 1), (2, 3)), ((1, 2), (3, 0)))
True
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from fractions import Fraction
from typing import Any

from ..errors import InvalidArgumentError
from ..exact.matrix import ExactMatrix
from ..exact.qcontexts import parse_context
from ..recoupling.kauffman_lins import loop, theta
from .evaluate import BoundaryVector, evaluate_open
from .network import SpinNetwork
from .plan import final_frontier, opposite, plan, resolve

__all__ = ["BoundarySpace", "cut", "inner", "pair"]

Tree = Any  # nested pairs of leg indices


class BoundarySpace:
    """The intertwiner space of a boundary with ``colours`` (counter-clockwise) in a context."""

    def __init__(self, colours: Sequence[int], context: Any = None) -> None:
        cols = tuple(colours)
        for i, c in enumerate(cols):
            if isinstance(c, bool) or not isinstance(c, int) or c < 0:
                raise InvalidArgumentError(f"colours[{i}] = {c!r} is not a colour: expected a non-negative integer")
        self.colours = cols
        self.ctx = parse_context(context)

    def __repr__(self) -> str:
        return f"BoundarySpace({self.colours}, {self.ctx.name!r})"

    # -- comb basis -----------------------------------------------------------------------
    def basis(self) -> list[tuple[int, ...]]:
        """Comb labels ``(y_1, ..., y_{m-1})``, admissible in the context, sorted."""
        adm = self.ctx.admissible
        paths: list[tuple[tuple[int, ...], int]] = [((), 0)]
        for c in self.colours:
            nxt = []
            for spine, y in paths:
                for z in range(abs(y - c), y + c + 1, 2):
                    if adm(y, c, z):
                        nxt.append(((*spine, z), z))
            paths = nxt
        return sorted(spine[:-1] for spine, y in paths if y == 0)

    @property
    def dimension(self) -> int:
        return len(self.basis())

    def comb_norm(self, label: Sequence[int]) -> Any:
        """``N_x`` of the comb basis vector with spine ``label``."""
        m = len(self.colours)
        if m == 0:
            return self.ctx.one
        if m == 1:
            return self.ctx.one
        if m == 2:
            return loop(self.ctx, self.colours[0])
        y = (0, *label, 0)
        triads = [(y[i], self.colours[i], y[i + 1]) for i in range(1, m - 1)]
        return _norm(self.ctx, triads, [y[i] for i in range(2, m - 1)])

    # -- arbitrary splittings -------------------------------------------------------------
    def tree_labels(self, tree: Tree) -> list[tuple[int, ...]]:
        """Admissible internal colourings of ``tree``: the colour of the edge above every
        internal vertex, vertices in post-order (left half, then right half); when both
        halves are internal their two root entries are the one edge joining them, so they
        are equal."""
        self._validate_tree(tree)
        adm = self.ctx.admissible

        def colourings(t: Tree) -> list[tuple[int, tuple[int, ...]]]:
            if isinstance(t, int):
                return [(self.colours[t], ())]
            res = []
            for ca, la in colourings(t[0]):
                for cb, lb in colourings(t[1]):
                    for c in range(abs(ca - cb), ca + cb + 1, 2):
                        if adm(ca, cb, c):
                            res.append((c, (*la, *lb, c)))
            return res

        out = []
        for c1, l1 in colourings(tree[0]):
            for c2, l2 in colourings(tree[1]):
                if c1 == c2:
                    out.append((*l1, *l2))
        return sorted(out)

    def _validate_tree(self, tree: Tree) -> None:
        leaves: list[int] = []

        def walk(t: Tree) -> None:
            if isinstance(t, bool):
                raise InvalidArgumentError(f"tree leaf {t!r} is not a leg index")
            if isinstance(t, int):
                leaves.append(t)
                return
            if not (isinstance(t, tuple) and len(t) == 2):
                raise InvalidArgumentError(
                    f"tree = {tree!r}: every node must be a pair (left, right) or a leg index, found {t!r}"
                )
            walk(t[0])
            walk(t[1])

        if not (isinstance(tree, tuple) and len(tree) == 2):
            raise InvalidArgumentError(f"tree = {tree!r}: expected a pair (left, right) of subtrees")
        walk(tree)
        m = len(self.colours)
        rotated = any(leaves == [(k + i) % m for i in range(m)] for k in range(m))
        if sorted(leaves) != list(range(m)) or not rotated:
            raise InvalidArgumentError(
                f"tree = {tree!r} has leaves {leaves}: a planar splitting lists every leg 0..{m - 1} once, "
                "in cyclic order"
            )

    def tree_network(self, tree: Tree, label: Sequence[int]) -> SpinNetwork:
        """The open network of the splitting ``tree`` with internal colours ``label`` (as in
        :meth:`tree_labels`); boundary points ``("b", i)`` in leg order.

        Drawn with the leaves along the bottom in order and the two halves joined on top,
        every internal vertex has counter-clockwise rotation (left child, right child, up)."""
        self._validate_tree(tree)
        labels = list(label)
        edges: dict[Hashable, tuple[Hashable, Hashable, int]] = {}
        rotation: dict[Hashable, list[Hashable]] = {}
        count = [0]

        def grow(t: Tree) -> tuple[Hashable, int, Hashable]:
            """(node, colour of the edge above it, name of that edge) for a subtree."""
            if isinstance(t, int):
                return ("b", t), self.colours[t], ("leg", t)
            (ln, lc, le), (rn, rc, re) = grow(t[0]), grow(t[1])
            count[0] += 1
            v = ("v", count[0])
            if not labels:
                raise InvalidArgumentError(f"label {tuple(label)!r} is too short for tree {tree!r}")
            c = labels.pop(0)
            edges[le] = (ln, v, lc)
            edges[re] = (rn, v, rc)
            rotation[v] = [le, re, ("up", v)]
            return v, c, ("up", v)

        (an, ac, ae), (bn, bc, be) = grow(tree[0]), grow(tree[1])
        if ac != bc:
            raise InvalidArgumentError(
                f"label {tuple(label)!r}: the two halves of {tree!r} meet with colours {ac} != {bc}"
            )
        if labels:
            raise InvalidArgumentError(f"label {tuple(label)!r} does not fit tree {tree!r}")
        edges["top"] = (an, bn, ac)
        for v, rot in rotation.items():
            rotation[v] = ["top" if e in (ae, be) and v in (an, bn) else e for e in rot]
        net = SpinNetwork.from_edges(edges, rotation)
        for i in range(len(self.colours)):
            net.add_boundary(("b", i))
        return net

    def tree_norm(self, tree: Tree, label: Sequence[int]) -> Any:
        """``N_x`` of the basis vector of ``tree`` with internal colours ``label``."""
        net = self.tree_network(tree, label)
        if not net.vertices:
            return loop(self.ctx, self.colours[0])
        internal = [net.colour(e) for e in net.edges if all(p not in net.boundary for p in net.ends(e))]
        return _norm(self.ctx, [net.colours_at(v) for v in net.vertices], internal)

    def coordinates(self, tree: Tree, label: Sequence[int]) -> dict[tuple[int, ...], Any]:
        """Comb coordinates of the basis vector ``T_x`` of ``tree``."""
        return evaluate_open(self.tree_network(tree, label), self.ctx).coefficients

    def change_of_basis(self, tree1: Tree | None, tree2: Tree) -> ExactMatrix:
        """``M`` with ``T^{(2)}_y = sum_x M[x, y] T^{(1)}_x`` (rows: labels of ``tree1`` in the
        order of :meth:`tree_labels`, or comb labels when ``tree1`` is None)."""
        rows1 = self.basis() if tree1 is None else self.tree_labels(tree1)
        cols2 = self.tree_labels(tree2)
        if tree1 is None:
            comb_cols = [self.coordinates(tree2, y) for y in cols2]
            entries = [[col.get(x, self.ctx.zero) for col in comb_cols] for x in rows1]
        else:
            # through the comb: T2_y = sum_z C2[z, y] comb_z, T1_x = sum_z C1[z, x] comb_z, and the
            # comb basis is orthogonal, so M[x, y] = sum_z C1[z, x] N_z C2[z, y] / N1_x
            c1 = [self.coordinates(tree1, x) for x in rows1]
            c2 = [self.coordinates(tree2, y) for y in cols2]
            norms = {z: self.comb_norm(z) for z in self.basis()}
            entries = []
            for i, x in enumerate(rows1):
                n1 = self.tree_norm(tree1, x)
                row = []
                for col in c2:
                    s = self.ctx.zero
                    for z, v in col.items():
                        if z in c1[i]:
                            s = s + c1[i][z] * norms[z] * v
                    row.append(s / n1)
                entries.append(row)
        return ExactMatrix.from_rows(entries, self.ctx.zero, self.ctx.one)

    def check_orthogonal(self, tree1: Tree | None, tree2: Tree) -> bool:
        """Whether ``M^T G_1 M = G_2`` exactly (``G`` diagonal norm matrices): the change of
        basis is orthogonal between the orthonormal bases."""
        m = self.change_of_basis(tree1, tree2)
        rows1 = self.basis() if tree1 is None else self.tree_labels(tree1)
        cols2 = self.tree_labels(tree2)
        g1 = [self.comb_norm(x) if tree1 is None else self.tree_norm(tree1, x) for x in rows1]
        g2 = [self.tree_norm(tree2, y) for y in cols2]
        for a in range(len(cols2)):
            for b in range(len(cols2)):
                s = self.ctx.zero
                for i in range(len(rows1)):
                    s = s + m[i, a] * g1[i] * m[i, b]
                want = g2[a] if a == b else self.ctx.zero
                if not self.ctx.is_zero(s - want):
                    return False
        return True


def _norm(ctx: Any, triads: Sequence[Sequence[int]], internal: Sequence[int]) -> Any:
    """``prod theta(triad) / prod Delta(internal edge)``: a splitting vector glued to its mirror,
    its bubbles removed one by one."""
    value = ctx.one
    for t in triads:
        value = value * theta(ctx, *t)
    for c in internal:
        value = value / loop(ctx, c)
    return value


def pair(v: BoundaryVector, w: BoundaryVector) -> Any:
    """Glue ``v`` to ``w`` along their boundary: ``w``'s legs must be ``v``'s in reverse
    (counter-clockwise around each piece), and ``pair = sum_y v_y w_{rev(y)} N_y``."""
    if tuple(reversed(w.colours)) != v.colours:
        raise InvalidArgumentError(
            f"cannot glue boundaries {v.colours} and {w.colours}: the second must be the first reversed"
        )
    space = BoundarySpace(v.colours, v.context)
    total = v.context.zero
    for y, val in v.coefficients.items():
        other = w.coefficients.get(tuple(reversed(y)))
        if other is not None:
            total = total + val * other * space.comb_norm(y)
    return total


def inner(v: BoundaryVector, w: BoundaryVector) -> Any:
    """The Hermitian inner product ``<v, w> = sum_x conj(v_x) w_x |N_x|`` of two states of
    the same boundary (the one in which ``T_x / sqrt|N_x|`` is orthonormal).

    Needs a context where ``|N_x|`` is defined: q = 1, q = -1, roots of unity (signs
    certified through the embedding) and numeric q; at generic q use :func:`pair`."""
    if v.colours != w.colours:
        raise InvalidArgumentError(f"states of different boundaries {v.colours} and {w.colours} have no inner product")
    space = BoundarySpace(v.colours, v.context)
    total = v.context.zero
    for y, val in v.coefficients.items():
        other = w.coefficients.get(y)
        if other is not None:
            total = total + _conj(val) * other * _abs(space.comb_norm(y), v.context)
    return total


def _conj(x: Any) -> Any:
    return x.conjugate() if hasattr(x, "conjugate") else x


def _abs(x: Any, ctx: Any) -> Any:
    if isinstance(x, int | Fraction):
        return abs(x)
    if hasattr(x, "sign") and callable(x.sign):
        return x * x.sign()
    if ctx.name.startswith("generic"):
        raise InvalidArgumentError("|N_x| is not defined at generic q; use the bilinear pairing pair(v, w)")
    return abs(x)


def cut(net: SpinNetwork, edges: Sequence[Hashable]) -> tuple[SpinNetwork, SpinNetwork]:
    """Cut a closed planar network along ``edges`` into two open networks whose boundary
    points ``("cut", e)`` are declared counter-clockwise around each piece, so that
    ``evaluate(net) == pair(evaluate_open(A), evaluate_open(B))``."""
    import networkx as nx

    cutset = list(edges)
    for e in cutset:
        if e not in net.edges:
            raise InvalidArgumentError(f"cut edge {e!r} is not an edge of the network")
    g = net.graph()
    for e in cutset:
        u, v = net.ends(e)
        g.remove_edge(u, v, key=e)
    comps = list(nx.connected_components(g))
    if len(comps) != 2:
        raise InvalidArgumentError(
            f"cutting edges {cutset!r} leaves {len(comps)} pieces; a cut must separate the network into exactly two"
        )
    sides = []
    for comp in comps:
        piece = SpinNetwork()
        for e in net.edges:
            u, v = net.ends(e)
            if e in cutset:
                if u in comp and v in comp:
                    raise InvalidArgumentError(f"cut edge {e!r} has both ends on one side")
                if u in comp:
                    piece.add_edge(e, u, ("cut", e), net.colour(e))
                elif v in comp:
                    piece.add_edge(e, ("cut", e), v, net.colour(e))
            elif u in comp:
                piece.add_edge(e, u, v, net.colour(e))
        for v in comp:
            piece._rotation[v] = list(net.rotation(v))
            if net.intertwiner(v) is not None:
                piece.set_intertwiner(v, net.intertwiner(v))
        # boundary order: counter-clockwise around the piece, read off the sweep's final frontier
        for e in cutset:
            piece.add_boundary(("cut", e))
        res = resolve(piece)
        order = [piece.dart_vertex(opposite(d)) for d in final_frontier(res, plan(piece, res))]
        piece._boundary = list(order)
        sides.append(piece)
    a, b = sides
    # the same cut read counter-clockwise around the other side is the reverse cyclic order;
    # start b where a ends so that b's legs are exactly a's reversed
    want = [("cut", p[1]) for p in reversed(a._boundary)]  # type: ignore[index]
    k = b._boundary.index(want[0])
    b._boundary = b._boundary[k:] + b._boundary[:k]
    if b._boundary != want:
        raise InvalidArgumentError(f"cutting edges {cutset!r} does not cut the planar network along one closed curve")
    return a, b
