"""Images as spin networks: the hexagonal encoding of (M3) and the square-grid encoding of (M).

An ``N x N`` image of non-negative integer pixels ``r`` becomes a closed planar spin network
built from the pixel *cells*: the boundary of every cell is a loop of colour ``r``, and
where two cells share a side the two loops run side by side along one edge.  The schemes
differ in the shape of the cells:

``scheme="hexagonal"`` (M3, the default)
    Pixel ``(x, y)`` (column ``x``, row ``y``, both from 0) is a hexagon of a rhombus-shaped
    honeycomb patch with neighbours ``(x +- 1, y)``, ``(x, y +- 1)``, ``(x - 1, y + 1)``,
    ``(x + 1, y - 1)``; this is :func:`tqft.spin_network.honeycomb.honeycomb` (Lulli,
    Marciano, Zappala, arXiv:2310.03632).  All vertices are trivalent; ``V = 2N^2 - 2``,
    ``E = 3N^2 - 3`` for ``N >= 2``.
``scheme="square"`` (M)
    Pixel ``(x, y)`` is the unit square ``[x, x+1] x [y, y+1]`` of the grid (4-neighbour
    adjacency).  Corners where four pixels meet are **4-valent**: the vertex is split into two
    trivalent vertices joined by an internal edge whose colour ``x`` is summed over (a comb
    intertwiner, :class:`~tqft.spin_network.network.Intertwiner`), with the weights of the
    ``intertwiner`` option below.  Boundary points are trivalent, the four patch corners are
    removed.  ``E = 2N^2 + 2N - 4`` for ``N >= 2``.

Link colours
------------
An edge between pixels ``i`` and ``j`` has colour ``f(r_i, r_j)``; an edge on the outer
boundary of pixel ``i`` has colour ``r_i``.

* ``link_colour="sum"``: ``r_i + r_j``, the loop picture of M3 (two loops along one edge).
  Every vertex is admissible for every image.
* ``link_colour="difference"``: ``|r_i - r_j|``.  Also admissible for every image: at a
  trivalent vertex the three colours are ``(b-a, c-b, c-a)`` or ``(a, b, |a-b|)``, whose sum
  is even and which satisfy the triangle inequalities.
* ``link_colour="min"``: ``min(r_i, r_j)``.  Not always admissible: a boundary vertex
  ``(a, b, min(a, b))`` needs ``max(a, b)`` even and at most ``2 min(a, b)``; an inadmissible
  image raises :class:`~tqft.errors.AdmissibilityError` naming the vertex, its pixels and
  its colours.

The sum is the convention of M3 (and of REFERENCES.md, section 1); the other two are
offered because descriptions of the square-grid encoding of (M) are not explicit about
the link colour.  Only ``"sum"`` is a loop picture, so only there is the 4-valent
intertwiner canonical.

Intertwiners at 4-valent corners (square scheme)
------------------------------------------------
The corner edges are taken counter-clockwise from east: ``e1 = E``, ``e2 = N``, ``e3 = W``,
``e4 = S``; the comb fuses ``(e1, e2)`` into ``x``.  Pixels around the corner: ``b`` = NE,
``c`` = NW, ``d`` = SW, ``a`` = SE.

* ``intertwiner="loops"`` (default with ``"sum"``): the vertex made by the four cell loops
  turning the corner (Jones-Wenzl projectors on the four legs only).  Inserting the
  fusion identity on the strands ``a, c`` that cross the cut (Kauffman and Lins 1994,
  section 9.7) and reducing the two triangles this creates gives::

      w_x = (Delta_x / theta(a, c, x)) (Tet[e1 e2 b; c a x] / theta(e1, e2, x))
            (Tet[e3 e4 d; a c x] / theta(e3, e4, x)),    |a - c| <= x <= a + c.

  :func:`square_plaquette_network` builds the same vertex without any sum (a small square of
  four trivalent vertices), the independent check of these weights.
* ``intertwiner="fusion"`` (default otherwise): ``w_x = Delta_x / theta(e1, e2, x)``, the
  fusion identity: the vertex that joins ``e1`` to ``e4`` and ``e2`` to ``e3`` by two arcs
  when ``e1 = e4`` and ``e2 = e3``.

The weights are ring elements of the context they are computed in, so a square-grid network
belongs to one context: :meth:`EncodedImage.network_in` rebuilds it for another.

Edge order
----------
:func:`edge_keys` fixes the order of :func:`edge_colours` and of the batch functions: first
the links ``("link", i, j)`` between pixels with flat row-major indices ``i < j``
(``i = y N + x``), lexicographically, then the outer edges ``("outer", i)`` by pixel.

References
----------
(M) A. Marciano et al., arXiv:2007.00142.  (M3) M. Lulli, A. Marciano, E. Zappala,
arXiv:2310.03632.  L. H. Kauffman and S. L. Lins, *Temperley-Lieb Recoupling Theory and
Invariants of 3-Manifolds* (Princeton, 1994).

Examples
--------
>>> from tqft.learning.tqnn.encodings import encode, edge_colours
>>> img = encode([[1, 2], [3, 4]])
>>> img.edge_colours, img.evaluate("-1")
((3, 4, 5, 6, 7, 1, 2, 3, 4), Fraction(7, 5))
>>> len(edge_colours([[1, 2], [3, 4]], scheme="square"))
8
>>> encode([[1, 2], [3, 4]], scheme="square").evaluate("-1")
Fraction(56, 5)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, cast

import numpy as np

from ...errors import AdmissibilityError, InvalidArgumentError
from ...exact.context import QContext
from ...exact.qcontexts import parse_context
from ...recoupling.kauffman_lins import loop, tet, theta
from ...spin_network.honeycomb import fuse_cells, honeycomb, parse_pixels
from ...spin_network.network import Intertwiner, SpinNetwork

__all__ = [
    "INTERTWINERS",
    "LINK_COLOURS",
    "SCHEMES",
    "EncodedImage",
    "edge_colours",
    "edge_colours_batch",
    "edge_keys",
    "encode",
    "hexagonal_edge_colours_batch",
    "square_corner_weights",
    "square_plaquette_network",
]

SCHEMES = ("hexagonal", "square")
LINK_COLOURS = ("sum", "difference", "min")
INTERTWINERS = ("loops", "fusion")

#: neighbour offsets of a pixel (dx, dy)
_OFFSETS = {
    "hexagonal": ((1, 0), (-1, 0), (0, 1), (0, -1), (-1, 1), (1, -1)),
    "square": ((1, 0), (-1, 0), (0, 1), (0, -1)),
}

EdgeKey = tuple[Any, ...]


def _link(rule: str) -> Callable[[int, int], int]:
    if rule == "sum":
        return lambda a, b: a + b
    if rule == "difference":
        return lambda a, b: abs(a - b)
    return min


def _choice(value: Any, name: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise InvalidArgumentError(f"{name} = {value!r}: expected one of {', '.join(map(repr, allowed))}")
    return str(value)


def _pixels(image: Any, n: int | None = None) -> list[list[int]]:
    if isinstance(image, np.ndarray):
        if image.dtype.kind == "f":
            bad = ~np.isfinite(image) | (image != np.round(image))
            if bad.any():
                idx = np.argwhere(bad)[0]
                raise InvalidArgumentError(
                    f"pixel {tuple(int(i) for i in idx[::-1])} = {image[tuple(idx)].item()!r} is not a colour: "
                    "expected a non-negative integer"
                )
            image = image.astype(np.int64)
        image = image.tolist()
    return parse_pixels(image, n)


# ------------------------------------------------------------------------------ geometry
@lru_cache(maxsize=64)
def edge_keys(n: int, scheme: str = "hexagonal") -> tuple[EdgeKey, ...]:
    """The canonical edge order of an ``n x n`` image: links ``("link", i, j)`` (flat
    row-major pixel indices ``i < j``, adjacent in the scheme) in lexicographic order, then
    outer edges ``("outer", i)`` for every pixel on the patch boundary, by index.

    >>> edge_keys(2)[:5]
    (('link', 0, 1), ('link', 0, 2), ('link', 1, 2), ('link', 1, 3), ('link', 2, 3))
    >>> edge_keys(2)[5:]
    (('outer', 0), ('outer', 1), ('outer', 2), ('outer', 3))
    """
    _choice(scheme, "scheme", SCHEMES)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidArgumentError(f"n = {n!r}: expected an image side N >= 1")
    offsets = _OFFSETS[scheme]
    links: list[EdgeKey] = []
    outer: list[EdgeKey] = []
    for i in range(n * n):
        y, x = divmod(i, n)
        count = 0
        for dx, dy in offsets:
            u, v = x + dx, y + dy
            if 0 <= u < n and 0 <= v < n:
                count += 1
                j = v * n + u
                if i < j:
                    links.append(("link", i, j))
        if count < len(offsets):
            outer.append(("outer", i))
    return tuple(sorted(links)) + tuple(outer)


def _key_of_cells(cells: Sequence[tuple[int, int]], n: int) -> EdgeKey:
    flat = sorted(y * n + x for x, y in cells)
    return ("link", flat[0], flat[1]) if len(flat) == 2 else ("outer", flat[0])


def _edge_key(name: Hashable, n: int) -> EdgeKey:
    """The canonical key of an edge of a network built here (or by ``honeycomb``)."""
    if n == 1:
        return ("outer", 0)
    assert isinstance(name, tuple) and name[0] == "side"
    return _key_of_cells([c for c in name[1:] if isinstance(c, tuple)], n)


# ------------------------------------------------------------------------------ batch path
@lru_cache(maxsize=64)
def _index_arrays(n: int, scheme: str) -> tuple[np.ndarray, np.ndarray]:
    keys = edge_keys(n, scheme)
    links = np.array([k[1:] for k in keys if k[0] == "link"], dtype=np.int64).reshape(-1, 2)
    outer = np.array([k[1] for k in keys if k[0] == "outer"], dtype=np.int64)
    return links, outer


def edge_colours_batch(images: Any, scheme: str = "hexagonal", link_colour: str = "sum") -> np.ndarray:
    """Edge colours of many images at once, computed from the pixels without building
    networks: an integer array of shape ``(m, E)`` in the order of :func:`edge_keys`.

    ``images`` has shape ``(m, N, N)`` or ``(m, N^2)`` (row-major) and non-negative integer
    entries (an integer dtype, or floats with integral values).
    """
    _choice(scheme, "scheme", SCHEMES)
    _choice(link_colour, "link_colour", LINK_COLOURS)
    arr = np.asarray(images)
    if arr.ndim == 3:
        if arr.shape[1] != arr.shape[2]:
            raise InvalidArgumentError(f"images have shape {arr.shape}: expected (m, N, N) or (m, N^2)")
        n = arr.shape[1]
        arr = arr.reshape(arr.shape[0], n * n)
    elif arr.ndim == 2:
        n = math.isqrt(arr.shape[1])
        if n * n != arr.shape[1] or n == 0:
            raise InvalidArgumentError(f"images have shape {arr.shape}: a flat image needs N^2 entries for some N >= 1")
    else:
        raise InvalidArgumentError(f"images have shape {arr.shape}: expected (m, N, N) or (m, N^2)")
    if arr.dtype.kind == "b" or arr.dtype.kind not in "iuf":
        raise InvalidArgumentError(f"images have dtype {arr.dtype}: expected non-negative integer pixels")
    if arr.dtype.kind == "f":
        if arr.size and not (np.isfinite(arr).all() and (arr == np.round(arr)).all()):
            raise InvalidArgumentError("images contain non-integer pixels: expected non-negative integers")
    pix = arr.astype(np.int64, copy=False)
    if pix.size and pix.min() < 0:
        k, i = np.argwhere(pix < 0)[0]
        raise InvalidArgumentError(
            f"image {k}, pixel ({i % n}, {i // n}) = {pix[k, i]} is not a colour: expected a non-negative integer"
        )
    links, outer = _index_arrays(n, scheme)
    a, b = pix[:, links[:, 0]], pix[:, links[:, 1]]
    if link_colour == "sum":
        inner = a + b
    elif link_colour == "difference":
        inner = np.abs(a - b)
    else:
        inner = np.minimum(a, b)
    return np.concatenate([inner, pix[:, outer]], axis=1)


def hexagonal_edge_colours_batch(images: Any, link_colour: str = "sum") -> np.ndarray:
    """:func:`edge_colours_batch` for the hexagonal scheme: shape ``(m, 3N^2 - 3)``
    (``189`` for 8 x 8 digits, ``2349`` for 28 x 28 MNIST).

    >>> hexagonal_edge_colours_batch(np.array([[[1, 2], [3, 4]]])).tolist()
    [[3, 4, 5, 6, 7, 1, 2, 3, 4]]
    """
    return edge_colours_batch(images, "hexagonal", link_colour)


# ------------------------------------------------------------------------------ networks
def square_corner_weights(
    context: Any, colours: Sequence[int], pixels: Sequence[int] | None = None, intertwiner: str = "loops"
) -> dict[int, Any]:
    """The comb weights ``{x: w_x}`` of a 4-valent corner with edge colours
    ``(e1, e2, e3, e4) = (E, N, W, S)`` in ``context`` (see the module docstring).

    ``pixels = (a, b, c, d)`` (SE, NE, NW, SW) is needed for ``"loops"``; only intermediate
    colours admissible in the context are kept (the level bound at roots of unity).

    >>> square_corner_weights("-1", (2, 2, 2, 2), (1, 1, 1, 1))
    {0: Fraction(1, 2), 2: Fraction(1, 1)}
    >>> square_corner_weights("-1", (2, 2, 2, 2), intertwiner="fusion")
    {0: Fraction(1, 3), 2: Fraction(1, 1), 4: Fraction(1, 1)}
    """
    ctx = parse_context(context)
    _choice(intertwiner, "intertwiner", INTERTWINERS)
    e1, e2, e3, e4 = colours
    out: dict[int, Any] = {}
    if intertwiner == "fusion":
        for x in range(abs(e1 - e2), e1 + e2 + 1, 2):
            if ctx.admissible(e1, e2, x) and ctx.admissible(x, e3, e4):
                out[x] = loop(ctx, x) / theta(ctx, e1, e2, x)
        return out
    if pixels is None:
        raise InvalidArgumentError("intertwiner = 'loops' needs the four pixels (SE, NE, NW, SW) around the corner")
    a, b, c, d = pixels
    if (e1, e2, e3, e4) != (a + b, b + c, c + d, d + a):
        raise InvalidArgumentError(
            f"intertwiner = 'loops' needs link_colour = 'sum': corner colours {tuple(colours)} are not "
            f"(a+b, b+c, c+d, d+a) for pixels (SE, NE, NW, SW) = {tuple(pixels)}"
        )
    for x in range(abs(a - c), a + c + 1, 2):
        if not (ctx.admissible(a, c, x) and ctx.admissible(e1, e2, x) and ctx.admissible(x, e3, e4)):
            continue
        w = loop(ctx, x) / theta(ctx, a, c, x)
        w = w * tet(ctx, e1, e2, b, c, a, x) / theta(ctx, e1, e2, x)
        w = w * tet(ctx, e3, e4, d, a, c, x) / theta(ctx, e3, e4, x)
        if not ctx.is_zero(w):
            out[x] = w
    return out


def _square_network(img: list[list[int]], link_colour: str, intertwiner: str, ctx: QContext[Any, Any]) -> SpinNetwork:
    f = _link(link_colour)

    def colour(cells: list[tuple[int, int]]) -> int:
        vals = [img[y][x] for x, y in cells]
        return f(vals[0], vals[1]) if len(vals) == 2 else vals[0]

    def corners(x: int, y: int) -> list[tuple[int, int]]:
        return [(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)]

    net, around = fuse_cells(img, corners, lambda p: (float(p[0]), float(p[1])), colour)
    _check_trivalent(net, around, link_colour, "square")
    for v in net.vertices:
        if len(net.rotation(v)) != 4:
            continue
        i, j = cast("tuple[int, int]", v)
        by_dir: dict[tuple[int, int], Any] = {}
        for name, _end in net.rotation(v):
            u, w = net.ends(name)
            other = cast("tuple[int, int]", w if u == v else u)
            by_dir[(other[0] - i, other[1] - j)] = name
        order = [by_dir[(1, 0)], by_dir[(0, 1)], by_dir[(-1, 0)], by_dir[(0, -1)]]
        net.set_rotation(v, order)
        cols = tuple(net.colour(e) for e in order)
        pix = (img[j - 1][i], img[j][i], img[j][i - 1], img[j - 1][i - 1])  # SE, NE, NW, SW
        weights = square_corner_weights(ctx, cols, pix if intertwiner == "loops" else None, intertwiner)
        if not weights:
            raise AdmissibilityError(
                f"link_colour = {link_colour!r}: the 4-valent corner {v} (pixels SE, NE, NW, SW = {pix}) has "
                f"colours (E, N, W, S) = {cols}, and no intermediate colour x makes both (E, N, x) and "
                f"(x, W, S) admissible in {ctx.name}"
            )
        net.set_intertwiner(v, Intertwiner({(x,): w for x, w in weights.items()}))
    return net


def _check_trivalent(net: SpinNetwork, around: dict[Any, list[tuple[int, int]]], rule: str, scheme: str) -> None:
    for v in net.vertices:
        cols = net.colours_at(v)
        if len(cols) == 3:
            a, b, c = cols
            if (a + b + c) % 2 or a > b + c or b > a + c or c > a + b:
                raise AdmissibilityError(
                    f"link_colour = {rule!r} ({scheme}): vertex {v} between pixels "
                    f"{[(x, y) for x, y in around[v]]} has colours {cols}, which are not admissible: the sum "
                    "must be even and each colour at most the sum of the other two; link_colour = 'sum' (M3) "
                    "and 'difference' are admissible for every image"
                )


def _hexagonal_network(img: list[list[int]], link_colour: str) -> SpinNetwork:
    base = honeycomb(img)
    if link_colour == "sum" or len(img) == 1:
        return base
    f = _link(link_colour)
    net = SpinNetwork()
    for name in base.edges:
        cells = [c for c in cast("tuple[Any, ...]", name)[1:] if isinstance(c, tuple)]
        vals = [img[y][x] for x, y in cells]
        net.add_edge(name, *base.ends(name), f(vals[0], vals[1]) if len(vals) == 2 else vals[0])
    around: dict[Any, list[tuple[int, int]]] = {}
    for v in base.vertices:
        net.set_rotation(v, [d[0] for d in base.rotation(v)])
        around[v] = sorted(
            {c for e, _ in base.rotation(v) for c in cast("tuple[Any, ...]", e)[1:] if isinstance(c, tuple)}
        )
    net.positions = dict(base.positions)
    _check_trivalent(net, around, link_colour, "hexagonal")
    return net


@dataclass(frozen=True)
class EncodedImage:
    """An image, its encoding options and its spin network.

    Attributes
    ----------
    pixels
        The image as rows of non-negative integers (``pixels[y][x]``).
    scheme, link_colour, intertwiner
        The encoding (``intertwiner`` is ``None`` for the hexagonal scheme).
    context
        Name of the context the network's intertwiner weights live in (square scheme;
        the hexagonal network has no weights and evaluates in any context).
    network
        The :class:`~tqft.spin_network.network.SpinNetwork`.
    edge_keys, edge_colours
        Edges in the canonical order of :func:`edge_keys` and their colours, read off
        the network.
    """

    pixels: tuple[tuple[int, ...], ...]
    scheme: str
    link_colour: str
    intertwiner: str | None
    context: str
    network: SpinNetwork = field(compare=False, repr=False)
    edge_keys: tuple[EdgeKey, ...]
    edge_colours: tuple[int, ...]

    @property
    def n(self) -> int:
        return len(self.pixels)

    def network_in(self, context: Any) -> SpinNetwork:
        """The network with its intertwiner weights in ``context`` (rebuilt if needed)."""
        ctx = parse_context(context)
        if self.scheme == "hexagonal" or ctx.name == self.context or self.n == 1:
            return self.network
        return encode(self.pixels, self.scheme, self.link_colour, intertwiner=self.intertwiner, context=ctx).network

    def evaluate(self, context: Any = "-1") -> Any:
        """``<H>``: the Kauffman-Lins evaluation of the network in ``context`` (default
        q = -1, loop value ``n + 1``, the convention of M3)."""
        return self.network_in(context).evaluate(context)


def encode(
    image: Any,
    scheme: str = "hexagonal",
    link_colour: str = "sum",
    *,
    intertwiner: str | None = None,
    context: Any = "-1",
    n: int | None = None,
) -> EncodedImage:
    """Encode an image as a spin network (see the module docstring for the conventions).

    Parameters
    ----------
    image
        ``N x N`` non-negative integer pixels: nested rows, a flat row-major sequence, a
        comma-separated string or a numpy array.
    scheme : {"hexagonal", "square"}
    link_colour : {"sum", "difference", "min"}
    intertwiner : {"loops", "fusion"}, optional
        Square scheme only; default ``"loops"`` for ``"sum"``, ``"fusion"`` otherwise.
    context
        Where the square scheme's intertwiner weights are computed (default q = -1).
    n
        The side ``N`` of a flat image (default ``sqrt(len)``).

    Raises
    ------
    InvalidArgumentError
        Non-square image, negative or non-integer pixel, unknown option.
    AdmissibilityError
        ``link_colour="min"`` (or a level bound) makes a vertex inadmissible.
    """
    scheme = _choice(scheme, "scheme", SCHEMES)
    link_colour = _choice(link_colour, "link_colour", LINK_COLOURS)
    img = _pixels(image, n)
    size = len(img)
    ctx = parse_context(context)
    if scheme == "hexagonal":
        if intertwiner is not None:
            raise InvalidArgumentError(
                f"intertwiner = {intertwiner!r}: the hexagonal scheme is trivalent and takes no intertwiner"
            )
        net = _hexagonal_network(img, link_colour)
    else:
        intertwiner = intertwiner if intertwiner is not None else ("loops" if link_colour == "sum" else "fusion")
        intertwiner = _choice(intertwiner, "intertwiner", INTERTWINERS)
        if intertwiner == "loops" and link_colour != "sum":
            raise InvalidArgumentError(
                f"intertwiner = 'loops' needs link_colour = 'sum' (got {link_colour!r}): only the sum is a loop "
                "picture; use intertwiner = 'fusion'"
            )
        if size == 1:
            net = SpinNetwork.loop(img[0][0])
            net.positions = {"v": (0.0, 0.0)}
        else:
            net = _square_network(img, link_colour, intertwiner, ctx)
    keys = edge_keys(size, scheme)
    index = {k: i for i, k in enumerate(keys)}
    colours = [0] * len(keys)
    seen = set()
    for name in net.edges:
        k = _edge_key(name, size)
        seen.add(k)
        colours[index[k]] = net.colour(name)
    if len(seen) != len(keys) or len(net.edges) != len(keys):
        raise AssertionError(f"internal error: the {scheme} network of an {size} x {size} image has unexpected edges")
    return EncodedImage(
        tuple(tuple(r) for r in img),
        scheme,
        link_colour,
        intertwiner if scheme == "square" else None,
        ctx.name,
        net,
        keys,
        tuple(colours),
    )


def edge_colours(image: Any, scheme: str = "hexagonal", link_colour: str = "sum") -> tuple[int, ...]:
    """The edge colours of the encoded network in the order of :func:`edge_keys`
    (``3N^2 - 3`` of them for the hexagonal scheme), read off the network itself.

    >>> edge_colours([1, 1, 1, 1])
    (2, 2, 2, 2, 2, 1, 1, 1, 1)
    """
    return encode(image, scheme, link_colour).edge_colours


def square_plaquette_network(image: Any, n: int | None = None) -> SpinNetwork:
    """The square-grid ``"sum"`` network with every 4-valent corner resolved into the loops
    themselves: the corner becomes a small square of four trivalent vertices, one per leg
    ``e = r + r'``, which splits the leg into the two loop strands ``r, r'``; the sides of
    the small square carry the four pixels' loops around the corner.  No colour is summed
    over, so this evaluates the ``"loops"`` intertwiner independently of
    :func:`square_corner_weights`.

    >>> square_plaquette_network([[1, 2], [3, 4]]).evaluate("-1")
    Fraction(56, 5)
    """
    img = _pixels(image, n)
    base = encode(img, "square", "sum", intertwiner="loops").network
    if len(img) == 1:
        return base
    net = SpinNetwork()
    eps = 0.25
    renamed: dict[tuple[Any, int], Any] = {}  # (edge, end) -> the node that end now attaches to
    for v in base.vertices:
        if len(base.rotation(v)) != 4:
            continue
        i, j = cast("tuple[int, int]", v)
        for name, end in base.rotation(v):
            u, w = base.ends(name)
            other = cast("tuple[int, int]", w if u == v else u)
            renamed[(name, end)] = ("split", v, (other[0] - i, other[1] - j))
    for name in base.edges:
        u, w = base.ends(name)
        net.add_edge(name, renamed.get((name, 0), u), renamed.get((name, 1), w), base.colour(name))
    positions = {v: base.positions[v] for v in base.vertices if len(base.rotation(v)) != 4}
    for v in base.vertices:
        if len(base.rotation(v)) != 4:
            continue
        i, j = cast("tuple[int, int]", v)
        pix = {"SE": img[j - 1][i], "NE": img[j][i], "NW": img[j][i - 1], "SW": img[j - 1][i - 1]}
        corner = {(1, 0): "E", (0, 1): "N", (-1, 0): "W", (0, -1): "S"}
        for d in corner:
            positions[("split", v, d)] = (i + eps * d[0], j + eps * d[1])
        for (d1, d2), cell in (
            (((1, 0), (0, 1)), "NE"),
            (((0, 1), (-1, 0)), "NW"),
            (((-1, 0), (0, -1)), "SW"),
            (((0, -1), (1, 0)), "SE"),
        ):
            net.add_edge(("loop", v, cell), ("split", v, d1), ("split", v, d2), pix[cell])
    for x in net.vertices:
        x0, y0 = positions[x]

        def angle(dart: tuple[Hashable, int], x0: float = x0, y0: float = y0) -> float:
            rec = net.ends(dart[0])
            other = rec[1] if dart[1] == 0 else rec[0]
            x1, y1 = positions[other]
            return math.atan2(y1 - y0, x1 - x0)

        net.set_rotation(x, [d[0] for d in sorted(net.rotation(x), key=angle)])
    net.positions = positions
    return net
