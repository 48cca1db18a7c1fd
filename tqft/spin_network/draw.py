"""Drawing spin networks with matplotlib (an optional dependency: ``pip install 'tqft[plot]'``).

:func:`draw` draws every edge as a line coloured by its colour ``a = 2j`` (a discrete
colour bar maps line colours to ``a``; colour-0 edges, which carry no strand in
Kauffman-Lins recoupling, are dashed), writes ``a`` on the edge, draws multiple edges
between the same two vertices as distinct arcs and self-loops as loops, and marks boundary
points with open squares, comb vertices with diamonds and crossings with crosses.

Vertex positions come from :func:`layout`: ``net.positions`` when it places every vertex
(:func:`~tqft.spin_network.honeycomb.honeycomb` fills it with the hexagonal lattice);
otherwise a straight-line drawing of the ribbon structure itself when it is planar (so
the counter-clockwise order at each vertex is the drawn one), else
:func:`networkx.planar_layout` when the underlying graph is planar, else
:func:`networkx.spring_layout` with a fixed seed.  Partial ``net.positions`` are kept and
the other vertices are placed by the spring layout.

matplotlib is imported only when a drawing is requested; without it,
:class:`PlottingUnavailableError` says how to install it.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from tqft.spin_network import SpinNetwork
>>> ax = SpinNetwork.theta(1, 1, 2).draw()
>>> sorted(t.get_text() for t in ax.texts)          # the colours written on the edges
['1', '1', '2']
>>> import matplotlib.pyplot as plt
>>> plt.close(ax.figure)
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from itertools import pairwise
from typing import Any

import networkx as nx

from ..errors import TQFTError
from .network import Crossing, Intertwiner, SpinNetwork

__all__ = ["PlottingUnavailableError", "draw", "layout", "save"]

Point = tuple[float, float]


class PlottingUnavailableError(TQFTError, ImportError):
    """matplotlib, needed for drawing, is not installed."""


def _matplotlib() -> Any:
    try:
        import matplotlib
        import matplotlib.cm
        import matplotlib.colors
    except ImportError as exc:
        raise PlottingUnavailableError(
            "drawing a spin network needs matplotlib, an optional dependency of tqft: pip install 'tqft[plot]'"
        ) from exc
    return matplotlib


# -- layout --------------------------------------------------------------------------------
def layout(net: SpinNetwork, *, seed: int = 0) -> dict[Hashable, Point]:
    """Positions ``{node: (x, y)}`` of every vertex and boundary point of ``net``.

    In order of preference: ``net.positions`` if it covers every node; a drawing of the
    ribbon structure (:func:`networkx.combinatorial_embedding_to_pos` of the rotation
    system) when it has genus 0 and its rotations are a planar embedding of the simple
    underlying graph; :func:`networkx.planar_layout`; :func:`networkx.spring_layout` with
    ``seed``, keeping any given positions fixed.
    """
    nodes = list(net.graph().nodes)
    given = {v: (float(p[0]), float(p[1])) for v, p in net.positions.items() if v in set(nodes)}
    if len(given) == len(nodes):
        return given
    g = nx.Graph(net.graph())
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    if given:
        pos = nx.spring_layout(g, pos=given, fixed=list(given), seed=seed)
        return {v: (float(p[0]), float(p[1])) for v, p in pos.items()}
    raw: dict[Hashable, Any] | None = _ribbon_layout(net, g)
    if raw is None and nx.check_planarity(g)[0]:
        raw = nx.planar_layout(g)
    if raw is None:
        raw = nx.spring_layout(g, seed=seed)
    return {v: (float(p[0]), float(p[1])) for v, p in raw.items()}


def _ribbon_layout(net: SpinNetwork, g: nx.Graph) -> dict[Hashable, Any] | None:
    """A straight-line drawing that realises the network's own rotation system, if planar."""
    if len(g) < 3 or net.genus() != 0:
        return None
    data: dict[Hashable, list[Hashable]] = {}
    for v in g.nodes:
        order: list[Hashable] = []
        for dart in net.rotation(v):
            w = net.dart_vertex(net.opposite(dart))
            if w != v and w not in order:
                order.append(w)
        data[v] = list(reversed(order))  # networkx wants clockwise order
    emb = nx.PlanarEmbedding()
    try:
        emb.set_data(data)
        emb.check_structure()
        pos = nx.combinatorial_embedding_to_pos(emb)
    except (nx.NetworkXException, KeyError, ValueError):
        return None
    return dict(nx.rescale_layout_dict({v: (float(x), float(y)) for v, (x, y) in pos.items()}))


# -- edge geometry -------------------------------------------------------------------------
def _bezier(points: list[Point], samples: int = 32) -> list[Point]:
    """Sample the Bezier curve with control ``points`` (de Casteljau)."""
    out = []
    for k in range(samples + 1):
        t = k / samples
        pts = list(points)
        while len(pts) > 1:
            pts = [((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1]) for a, b in pairwise(pts)]
        out.append(pts[0])
    return out


def _edge_curves(net: SpinNetwork, pos: dict[Hashable, Point]) -> dict[Hashable, list[Point]]:
    """A polyline per edge: straight for a single edge, symmetric arcs for parallel edges
    (ordered by the rotation at their first end), teardrop loops for self-loops."""
    lengths = [math.dist(pos[u], pos[v]) for u, v in (net.ends(e) for e in net.edges) if u != v]
    positive = sorted(x for x in lengths if x > 0)
    scale = positive[len(positive) // 2] if positive else 1.0
    groups: dict[frozenset[Hashable], list[Hashable]] = {}
    loops: dict[Hashable, list[Hashable]] = {}
    for e in net.edges:
        u, v = net.ends(e)
        if u == v:
            loops.setdefault(u, []).append(e)
        else:
            groups.setdefault(frozenset((u, v)), []).append(e)
    curves: dict[Hashable, list[Point]] = {}
    for members in groups.values():
        u0 = net.ends(members[0])[0]
        rank = {d[0]: i for i, d in enumerate(net.rotation(u0))}
        members = sorted(members, key=lambda e: rank.get(e, 0))
        k = len(members)
        for i, e in enumerate(members):
            a, b = net.ends(e)
            if a != u0:
                a, b = b, a
            (x0, y0), (x1, y1) = pos[a], pos[b]
            if k == 1:
                curves[e] = [(x0, y0), (x1, y1)] if a == net.ends(e)[0] else [(x1, y1), (x0, y0)]
                continue
            s = (i - (k - 1) / 2) * 0.5
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            control = (mx - s * (y1 - y0), my + s * (x1 - x0))  # s < 0 bulges to the right of a -> b
            curve = _bezier([(x0, y0), control, (x1, y1)])
            curves[e] = curve if a == net.ends(e)[0] else curve[::-1]
    centre = (
        sum(p[0] for p in pos.values()) / max(len(pos), 1),
        sum(p[1] for p in pos.values()) / max(len(pos), 1),
    )
    for v, members in loops.items():
        vx, vy = pos[v]
        others = [pos[net.dart_vertex(net.opposite(d))] for d in net.rotation(v)]
        others = [p for p in others if p != (vx, vy)]
        ref = (sum(p[0] for p in others) / len(others), sum(p[1] for p in others) / len(others)) if others else centre
        angle = math.atan2(vy - ref[1], vx - ref[0]) if ref != (vx, vy) else math.pi / 2
        size = 0.6 * scale
        for i, e in enumerate(members):
            theta = angle + (i - (len(members) - 1) / 2) * (math.pi / 3)
            spread = math.pi / 5
            c1 = (vx + size * math.cos(theta + spread), vy + size * math.sin(theta + spread))
            c2 = (vx + size * math.cos(theta - spread), vy + size * math.sin(theta - spread))
            curves[e] = _bezier([(vx, vy), c1, c2, (vx, vy)])
    return curves


# -- drawing -------------------------------------------------------------------------------
def draw(
    net: SpinNetwork,
    ax: Any = None,
    *,
    labels: bool = True,
    vertex_labels: bool = False,
    cmap: Any = "viridis",
    colourbar: bool = True,
    width: float = 2.0,
    node_size: float = 20.0,
    font_size: float = 8.0,
    seed: int = 0,
) -> Any:
    """Draw ``net`` on a matplotlib Axes and return the Axes.

    Parameters
    ----------
    net : SpinNetwork
        The network; vertex positions from :func:`layout`.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new figure from :func:`matplotlib.pyplot.subplots`).
    labels : bool
        Write each edge's colour ``a = 2j`` at the middle of the edge.
    vertex_labels : bool
        Write the vertex names.
    cmap : str or matplotlib Colormap
        Colour map; the distinct edge colours are spread evenly over it.
    colourbar : bool
        Add a discrete colour bar, one tick per edge colour that occurs.
    width, node_size, font_size : float
        Line width, marker area and label font size.
    seed : int
        Seed of the spring layout (used only for non-planar graphs without positions).

    Returns
    -------
    matplotlib.axes.Axes
        One :class:`~matplotlib.lines.Line2D` per edge (``gid`` ``"edge"``), one text per
        edge label (``gid`` ``"edge-label"``), scatter collections with ``gid``
        ``"vertices"``, ``"comb-vertices"``, ``"crossings"`` and ``"boundary"``.

    Raises
    ------
    PlottingUnavailableError
        When matplotlib is not installed.
    """
    mpl = _matplotlib()
    from matplotlib.colors import BoundaryNorm

    if ax is None:
        import matplotlib.pyplot as plt

        _fig, ax = plt.subplots(figsize=(6, 6))
    pos = layout(net, seed=seed)
    curves = _edge_curves(net, pos)
    colours = sorted({net.colour(e) for e in net.edges})
    colormap = mpl.colormaps[cmap] if isinstance(cmap, str) else cmap
    # one bin per colour that occurs, so the colours spread evenly over the map
    bounds = [-0.5, 0.5]
    if colours:
        bounds = [colours[0] - 0.5, *((a + b) / 2 for a, b in pairwise(colours)), colours[-1] + 0.5]
    norm = BoundaryNorm(bounds, ncolors=colormap.N)
    for e in net.edges:
        col = net.colour(e)
        xs, ys = zip(*curves[e])
        (line,) = ax.plot(
            xs,
            ys,
            color=colormap(norm(col)),
            linewidth=width,
            linestyle="--" if col == 0 else "-",
            solid_capstyle="round",
            zorder=1,
        )
        line.set_gid("edge")
        line.set_label(f"edge {e!r}")
        if labels:
            mx, my = curves[e][len(curves[e]) // 2] if len(curves[e]) > 2 else _midpoint(curves[e])
            text = ax.text(
                mx,
                my,
                str(col),
                fontsize=font_size,
                ha="center",
                va="center",
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
            )
            text.set_gid("edge-label")
    boundary = set(net.boundary)
    kinds: dict[str, list[Hashable]] = {"vertices": [], "comb-vertices": [], "crossings": [], "boundary": []}
    for v in pos:
        it = net.intertwiner(v)
        if v in boundary:
            kinds["boundary"].append(v)
        elif isinstance(it, Crossing):
            kinds["crossings"].append(v)
        elif isinstance(it, Intertwiner):
            kinds["comb-vertices"].append(v)
        else:
            kinds["vertices"].append(v)
    style = {
        "vertices": {"marker": "o", "c": "black", "s": node_size},
        "comb-vertices": {"marker": "D", "c": "black", "s": 2 * node_size},
        "crossings": {"marker": "X", "c": "crimson", "s": 3 * node_size},
        "boundary": {"marker": "s", "facecolors": "white", "edgecolors": "black", "s": 2.5 * node_size},
    }
    for kind, members in kinds.items():
        if not members:
            continue
        pts = [pos[v] for v in members]
        coll = ax.scatter([p[0] for p in pts], [p[1] for p in pts], zorder=2, **style[kind])
        coll.set_gid(kind)
    if vertex_labels:
        for v, (x, y) in pos.items():
            ax.annotate(
                str(v), (x, y), xytext=(4, 4), textcoords="offset points", fontsize=font_size, color="dimgray"
            ).set_gid("vertex-label")
    if colourbar and colours:
        from matplotlib.cm import ScalarMappable

        mappable = ScalarMappable(norm=norm, cmap=colormap)
        bar = ax.figure.colorbar(mappable, ax=ax, ticks=colours, shrink=0.8)
        bar.set_label("colour a = 2j")
    ax.set_aspect("equal")
    ax.margins(0.08)
    ax.set_axis_off()
    return ax


def _midpoint(curve: list[Point]) -> Point:
    (x0, y0), (x1, y1) = curve[0], curve[-1]
    return ((x0 + x1) / 2, (y0 + y1) / 2)


def save(
    net: SpinNetwork, path: Any, *, size: tuple[float, float] | None = None, dpi: float = 150, **kwargs: Any
) -> None:
    """Draw ``net`` (keyword arguments as for :func:`draw`) and save the picture to ``path``;
    the format follows the file extension (``.png``, ``.pdf``, ``.svg``, ...).

    Uses a bare :class:`matplotlib.figure.Figure`, so no GUI backend is needed and no pyplot
    figure is left open.  ``size`` is in inches (default: grows with the number of vertices).
    """
    _matplotlib()
    from matplotlib.figure import Figure

    if size is None:
        side = min(4.0 + 0.15 * len(net.vertices) ** 0.5 * 4, 24.0)
        size = (side + 1.5, side)
    fig = Figure(figsize=size)
    draw(net, ax=fig.add_subplot(), **kwargs)
    fig.savefig(path, dpi=dpi)
