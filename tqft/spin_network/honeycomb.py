"""The hexagonal image encoding of Lulli, Marciano and Zappala (arXiv:2310.03632, "M3").

An ``N x N`` image becomes a planar trivalent spin network on a rhombus-shaped patch of the
honeycomb: pixel ``(x, y)`` (column ``x``, row ``y`` of the image, both from 0) is a
hexagonal cell whose neighbours are ``(x +- 1, y)``, ``(x, y +- 1)``, ``(x - 1, y + 1)`` and
``(x + 1, y - 1)``.  The boundary of each cell is a loop of colour ``r`` = the pixel value;
where two cells ``i, j`` share a side the two loops are fused into one edge of colour
``r_i + r_j``, an outer side keeps ``r_i``, and vertices of degree two are removed.  Every
vertex is then admissible: an inner vertex meets ``r_i + r_j, r_j + r_k, r_k + r_i`` and a
boundary vertex ``r_i, r_j, r_i + r_j``.  For ``N >= 2`` there are ``V = 2 N^2 - 2``
vertices and ``E = 3 N^2 - 3`` edges (``E = 2349`` for MNIST's ``N = 28``); ``N = 1`` is a
single loop.

Conventions and reference values
--------------------------------
M3 evaluates at the classical point where a loop of colour ``n`` is worth ``n + 1``, which
is Kauffman-Lins recoupling at q = -1 (``A = i``), the context ``"-1"``
(:data:`~tqft.exact.Q_MINUS_ONE`).  Their values, reproduced exactly by the tests: one
pixel of colour 1 gives 2; ``N = 2`` with pixels ``(1, 1, 1, 1)`` gives 3, ``(2, 2, 2, 2)``
gives ``245/144`` and ``(1, 2, 3, 4)`` gives ``7/5``.  Pixels are read row by row
(``pixels[y][x]`` or a flat row-major list).

The physical inner product of two planar states factorises (M3):
``<H|H'>_phys = conj(<H>) <H'>``, and their transition matrix is
``A_ij = |<H_i> <H_j>|^2 / max(|<H_i>|^4, |<H_j>|^4)``; states with ``A_ij = 1`` form blocks.

>>> from tqft.spin_network.honeycomb import honeycomb
>>> net = honeycomb([[1, 2], [3, 4]])
>>> len(net.vertices), len(net.edges)
(6, 9)
>>> net.evaluate("-1")
Fraction(7, 5)
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from ..errors import InvalidArgumentError
from ..exact.matrix import ExactMatrix
from ..exact.qcontexts import parse_context
from .network import SpinNetwork

__all__ = [
    "fuse_cells",
    "honeycomb",
    "parse_pixels",
    "physical_inner_product",
    "transition_blocks",
    "transition_matrix",
]

# corners of the cell at lattice point (x, y), in units of 1/3 of the lattice, counter-clockwise
# from 30 degrees; real coordinates of lattice point (u, v) are (u + v/2, v sqrt(3)/2)
_CORNERS = ((1, 1), (-1, 2), (-2, 1), (-1, -1), (1, -2), (2, -1))


def _real(p: tuple[int, int]) -> tuple[float, float]:
    u, v = p
    return ((u + v / 2) / 3, (v * math.sqrt(3) / 2) / 3)


def parse_pixels(pixels: Any, n: int | None = None) -> list[list[int]]:
    """An ``N x N`` list of non-negative integer pixel colours from nested rows, a flat
    row-major sequence (then ``N = sqrt(len)``, or ``n`` if given) or a comma-separated
    string."""
    if isinstance(pixels, str):
        try:
            flat = [int(t) for t in pixels.replace(" ", "").split(",") if t != ""]
        except ValueError as exc:
            raise InvalidArgumentError(f"pixels = {pixels!r}: expected comma-separated non-negative integers") from exc
        pixels = flat
    rows: list[list[Any]]
    seq = list(pixels)
    if seq and all(isinstance(r, Sequence) and not isinstance(r, str) for r in seq):
        rows = [list(r) for r in seq]
    else:
        size = n if n is not None else math.isqrt(len(seq))
        if size * size != len(seq) or size == 0:
            raise InvalidArgumentError(
                f"pixels has {len(seq)} entries: a flat image needs N^2 entries for some N >= 1"
                + (f" (N = {n} given)" if n is not None else "")
            )
        rows = [seq[i * size : (i + 1) * size] for i in range(size)]
    size = len(rows)
    if size == 0 or any(len(r) != size for r in rows):
        raise InvalidArgumentError(f"pixels must form an N x N square; got rows of lengths {[len(r) for r in rows]}")
    if n is not None and size != n:
        raise InvalidArgumentError(f"pixels is {size} x {size}, but N = {n}")
    out = []
    for y, row in enumerate(rows):
        out_row = []
        for x, val in enumerate(row):
            if isinstance(val, bool) or (not isinstance(val, int) and not (hasattr(val, "__index__"))):
                raise InvalidArgumentError(
                    f"pixel ({x}, {y}) = {val!r} is not a colour: expected a non-negative integer"
                )
            iv = int(val)
            if iv < 0:
                raise InvalidArgumentError(f"pixel ({x}, {y}) = {iv} is not a colour: expected a non-negative integer")
            out_row.append(iv)
        out.append(out_row)
    return out


def honeycomb(pixels: Any, n: int | None = None) -> SpinNetwork:
    """The spin network of an image (see the module docstring).

    Vertices are named by their corner coordinates ``(u, v)`` in thirds of the cell
    lattice, edges by ``("side", cells...)`` with the cells they bound; ``positions``
    holds planar coordinates for :meth:`~SpinNetwork.draw`.
    """
    img = parse_pixels(pixels, n)
    size = len(img)
    if size == 1:
        net = SpinNetwork.loop(img[0][0])
        net.positions = {"v": (0.0, 0.0)}
        return net
    net, _ = fuse_cells(
        img,
        lambda x, y: [(3 * x + du, 3 * y + dv) for du, dv in _CORNERS],
        _real,
        lambda cells: sum(img[cy][cx] for cx, cy in cells),
    )
    return net


def fuse_cells(
    img: list[list[int]],
    corners: Callable[[int, int], list[tuple[int, int]]],
    real: Callable[[tuple[int, int]], tuple[float, float]],
    colour: Callable[[list[tuple[int, int]]], int],
) -> tuple[SpinNetwork, dict[Any, list[tuple[int, int]]]]:
    """The planar network of ``N x N`` cells glued along shared sides.

    ``corners(x, y)`` is the polygon of cell ``(x, y)`` (lattice points, counter-clockwise),
    ``real`` maps a lattice point to the plane (for the rotation system and drawings) and
    ``colour(cells)`` colours a side from the sorted cells it bounds.  Corners of degree two
    are removed, so a chain of sides becomes one edge named ``("side", *cells, index)``.
    Returns the network and, for every vertex, the cells around it.  :func:`honeycomb` is
    the hexagonal case; :mod:`tqft.learning.tqnn.encodings` builds the square grid with it.
    """
    n = len(img)
    sides: dict[frozenset[tuple[int, int]], list[tuple[int, int]]] = {}
    around: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for y in range(n):
        for x in range(n):
            poly = corners(x, y)
            for k in range(len(poly)):
                sides.setdefault(frozenset((poly[k], poly[(k + 1) % len(poly)])), []).append((x, y))
                around.setdefault(poly[k], set()).add((x, y))
    incident: dict[tuple[int, int], list[frozenset[tuple[int, int]]]] = {}
    for side in sides:
        for p in side:
            incident.setdefault(p, []).append(side)
    keep = {p for p, s in incident.items() if len(s) >= 3}
    net = SpinNetwork()
    done: set[frozenset[tuple[int, int]]] = set()
    step: dict[tuple[Any, int], tuple[int, int]] = {}
    for start in sorted(keep):
        for side in incident[start]:
            if side in done:
                continue
            chain = [side]
            cur = next(iter(side - {start}))
            while cur not in keep:
                nxt = next(s for s in incident[cur] if s is not chain[-1])
                chain.append(nxt)
                cur = next(iter(nxt - {cur}))
            done.update(chain)
            cells = sorted(sides[chain[0]])
            name = ("side", *cells, len(net.edges))
            net.add_edge(name, start, cur, colour(cells))
            step[(name, 0)] = next(iter(chain[0] - {start}))
            step[(name, 1)] = next(iter(chain[-1] - {cur}))
    for v in keep:
        vx, vy = real(v)

        def angle(d: Any, vx: float = vx, vy: float = vy) -> float:
            px, py = real(step[d])
            return math.atan2(py - vy, px - vx)

        net.set_rotation(v, [d[0] for d in sorted(net.rotation(v), key=angle)])
    net.positions = {v: real(v) for v in keep}
    return net, {v: sorted(around[v]) for v in keep}


def physical_inner_product(a: Any, b: Any, context: Any = "-1") -> Any:
    """``<H|H'>_phys = conj(<H>) <H'>`` for two closed planar states (M3): the Noui-Perez
    projector acts trivially on planar networks, so the physical inner product factorises
    into the two evaluations.  ``a`` and ``b`` are networks (evaluated in ``context``) or
    their values.

    >>> physical_inner_product(honeycomb([1, 1, 1, 1]), honeycomb([1, 2, 3, 4]))
    Fraction(21, 5)
    """
    ctx = parse_context(context)
    va = a.evaluate(ctx) if isinstance(a, SpinNetwork) else a
    vb = b.evaluate(ctx) if isinstance(b, SpinNetwork) else b
    return (va.conjugate() if hasattr(va, "conjugate") else va) * vb


def transition_matrix(values: Sequence[Any], context: Any = "-1") -> ExactMatrix:
    """The (M3) transition matrix ``A_ij = |v_i v_j|^2 / max(|v_i|^4, |v_j|^4)`` of state
    amplitudes ``v_i = <H_i>`` (exact rationals at q = +-1; ``|v|^2 = v conj(v)`` in
    exact contexts with a conjugation).  ``A_ii = 1``; ``A_ij = 0`` when one amplitude is
    zero and the other is not (and 1 when both are)."""
    ctx = parse_context(context)
    sq = [_abs2(ctx, v) for v in values]
    n = len(sq)
    rows = []
    for i in range(n):
        row = []
        for j in range(n):
            big = max(sq[i] * sq[i], sq[j] * sq[j])
            row.append(Fraction(1) if big == 0 else sq[i] * sq[j] / big)
        rows.append(row)
    return ExactMatrix.from_rows(rows, Fraction(0), Fraction(1))


def _abs2(ctx: Any, v: Any) -> Any:
    if isinstance(v, int | Fraction):
        return Fraction(v) * Fraction(v)
    if hasattr(v, "conjugate"):
        c = v * v.conjugate()
        if hasattr(c, "is_rational") and c.is_rational():
            return c.to_fraction() if hasattr(c, "to_fraction") else c
        return c
    raise InvalidArgumentError(f"amplitude {v!r}: cannot form |v|^2 exactly in {ctx.name}")


def transition_blocks(values: Sequence[Any], context: Any = "-1") -> list[list[int]]:
    """Indices grouped into the blocks of the transition matrix (``A_ij = 1``, i.e. equal
    ``|<H>|``), blocks ordered by decreasing ``|<H>|``."""
    ctx = parse_context(context)
    sq = [_abs2(ctx, v) for v in values]
    groups: dict[Any, list[int]] = {}
    for i, s in enumerate(sq):
        groups.setdefault(s, []).append(i)

    # exact comparison: cyclotomic reals have a sign but no ``<``
    def larger_first(x: Any, y: Any) -> int:
        d = y - x
        return (d > 0) - (d < 0) if isinstance(d, int | Fraction) else int(d.sign())

    return [groups[k] for k in sorted(groups, key=functools.cmp_to_key(larger_first))]
