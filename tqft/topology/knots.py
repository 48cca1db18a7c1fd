"""Link diagrams: orientation, crossing signs, writhe, mirror image, braid closure, sums.

Conventions
-----------
**PD codes** follow KnotInfo and the Knot Atlas [KI-PD]_ [KA-PD]_.  The edges of the
diagram carry integer labels, increasing along the orientation of each component, and
the labels of one component are consecutive integers ``m, m+1, ..., M`` (edge ``M`` is
followed by edge ``m``).  A crossing is a 4-tuple ``(a, b, c, d)`` listing the four
edges that meet there **counterclockwise, starting from the incoming under-strand**: the
under-strand runs from ``a`` to ``c``, and the over-strand joins ``b`` and ``d``.  (Text
forms are read by :mod:`tqft.topology.notation`.)  The empty PD code is the unknot
(KnotInfo's ``0_1``).

Orientation of the over-strand comes from the labels: it runs ``d -> b`` when ``b``
follows ``d`` and ``b -> d`` when ``d`` follows ``b``.  A two-edge component satisfies
both, and then each edge's other end decides (an edge enters one crossing and leaves
another).  A two-edge component that only ever passes *over* is not oriented by its
labels at all (the Knot Atlas calls the over-strand orientation "sometimes ambiguous");
tqft then lets the smaller label enter the first crossing (in list order) it passes.

**Crossing sign.**  With the under-strand pointing up (``a`` below, ``c`` above), ``b``
lies to the right and ``d`` to the left.  The crossing is *positive* (right-handed) when
the over-strand runs ``d -> b`` (left to right) and *negative* when it runs ``b -> d``;
this is the Knot Atlas' ``Xp`` / ``Xm`` rule ("the upper strand is oriented from l to
j") [KA-PD]_.  The writhe is the sum of the signs.  KnotInfo's right-handed trefoil
``3_1`` = ``[[1,5,2,4],[3,1,4,6],[5,3,6,2]]`` has three positive crossings.

**Braid words** follow KnotInfo and the Knot Atlas' ``BR`` [KA-BR]_: the letter ``i > 0``
is the generator ``sigma_i``, a *positive* (right-handed) crossing of strands ``i`` and
``i + 1``; ``-i`` is its inverse, a negative crossing.  With this rule the closure of
KnotInfo's braid has KnotInfo's Jones polynomial for every one of its 12,965 knots
(verified when writing this module; ``tests/test_knots.py`` repeats it on a vendored
sample and, with ``database_knotinfo`` installed, on the table).  Sage's KnotInfo
interface notes that Gittings' minimal braids, the source of that column, were written
with generators as negative crossings [Sage-KI]_; KnotInfo's data follows the positive
reading used here.

**Mirror image** exchanges over and under at every crossing; the Jones polynomial of the
mirror is ``V(t^-1)``.

References
----------
.. [KI-PD] KnotInfo, "PD Notation", https://knotinfo.org/descriptions/pd_notation.html
.. [KA-PD] The Knot Atlas, "Planar Diagrams", http://katlas.org/wiki/Planar_Diagrams
.. [KA-BR] The Knot Atlas, "Braid Representatives",
   http://katlas.org/wiki/Braid_Representatives
.. [Sage-KI] SageMath, ``sage.knots.knotinfo`` (module docstring on braid conventions).

Examples
--------
>>> k = LinkDiagram.from_pd("[[1,5,2,4],[3,1,4,6],[5,3,6,2]]")
>>> k.signs, k.writhe, k.num_components
((1, 1, 1), 3, 1)
>>> print(k.mirror())
[[4,1,5,2],[6,3,1,4],[2,5,3,6]]
>>> braid_to_pd([-1, -1, -1]).writhe
-3
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .notation import (
    Braid,
    Crossing,
    KnotInputError,
    KnotTypeError,
    _as_int,
    _has_crossing_head,
    _is_seq,
    _read_nested,
    parse_braid,
    parse_pd,
)

__all__ = ["LinkDiagram", "as_diagram", "braid_to_pd", "connected_sum", "disjoint_union"]


# ---------------------------------------------------------------------------------------
# The diagram
# ---------------------------------------------------------------------------------------
def _analyse(crossings: tuple[Crossing, ...]) -> tuple[list[tuple[int, ...]], tuple[int, ...], list[int]]:
    """Validate a PD code; return its components (labels in order), crossing signs and darts.

    Slot ``s`` of crossing ``i`` is the *dart* ``4 i + s``; ``other[d]`` is the dart at the
    far end of the edge, and ``d ^ 2`` the dart across the crossing on the same strand.
    """
    n = len(crossings)
    flat = [e for c in crossings for e in c]
    first: dict[int, int] = {}
    other = [0] * (4 * n)
    for d, e in enumerate(flat):
        f = first.get(e)
        if f is None:
            first[e] = d
        elif f >= 0:
            other[d], other[f] = f, d
            first[e] = -1
        else:
            _count_error(crossings, flat, e)
    for e, f in first.items():
        if f >= 0:
            _count_error(crossings, flat, e)
    # Components: follow edges and strands; each must carry consecutive labels.
    seen = bytearray(4 * n)
    succ: dict[int, int] = {}
    components = []
    parent = list(range(n))  # connected pieces of the crossing graph, for Euler's formula
    for d0 in range(4 * n):
        if seen[d0]:
            continue
        labels = []
        d = d0
        root = d0 >> 2
        while parent[root] != root:
            root = parent[root]
        while not seen[d]:
            o = other[d]
            seen[d] = seen[o] = 1
            labels.append(flat[d])
            j = o >> 2
            while parent[j] != j:
                j = parent[j]
            parent[j] = root  # j and root are both roots (or equal)
            d = o ^ 2
        lo, hi = min(labels), max(labels)
        if hi - lo + 1 != len(labels):
            raise KnotInputError(
                f"pd: the component through labels {sorted(labels)} is not numbered consecutively; "
                "the labels of each component must be consecutive integers along its orientation"
            )
        for e in range(lo, hi):
            succ[e] = e + 1
        succ[hi] = lo
        components.append(tuple(range(lo, hi + 1)))
    components.sort()
    # Orientation: slot 0 enters, slot 2 leaves; the over-strand is read from the labels.
    signs = [0] * n
    pending = []
    for i, (a, b, c, d) in enumerate(crossings):
        if succ[a] != c:
            raise KnotInputError(
                f"pd: crossing {i} = {[a, b, c, d]}: the under-strand runs from the first label {a} to the third "
                f"label {c}, but {c} does not follow {a} (KnotInfo convention: list the incoming under-strand first)"
            )
        forward, backward = succ[d] == b, succ[b] == d
        if forward != backward:
            signs[i] = 1 if forward else -1
        elif forward:
            pending.append(i)
        else:
            raise KnotInputError(
                f"pd: crossing {i} = {[a, b, c, d]}: the over-strand labels {b} and {d} are not consecutive, "
                "so the over-strand is not one strand of the diagram"
            )
    if pending:
        _orient_two_edge_components(crossings, signs, pending)
    # Each edge must enter exactly one crossing.
    entering = [c[0] for c in crossings] + [c[3] if sg == 1 else c[1] for c, sg in zip(crossings, signs)]
    if len(set(entering)) != len(entering):
        dup = next(e for e in entering if entering.count(e) > 1)
        raise KnotInputError(f"pd: edge {dup} enters two crossings; the labels do not describe an oriented diagram")
    # Planarity: faces are the orbits of "cross the edge, turn to the next slot counterclockwise".
    faces = 0
    seen = bytearray(4 * n)
    for d0 in range(4 * n):
        if seen[d0]:
            continue
        faces += 1
        d = d0
        while not seen[d]:
            seen[d] = 1
            o = other[d]
            d = (o & ~3) | ((o + 1) & 3)
    roots = set()
    for j in range(n):
        while parent[j] != j:
            j = parent[j]
        roots.add(j)
    if faces != n + 2 * len(roots):
        raise KnotInputError(
            f"pd: the {n} crossings do not form a planar diagram (the map has {faces} faces, a planar one has "
            f"{n + 2 * len(roots)}); the code may describe a virtual knot or list a crossing clockwise"
        )
    return components, tuple(signs), other


def _count_error(crossings: tuple[Crossing, ...], flat: list[int], e: int) -> None:
    places = sorted({d >> 2 for d, x in enumerate(flat) if x == e})
    count = flat.count(e)
    shown = ", ".join(f"crossing {i} = {list(crossings[i])}" for i in places)
    raise KnotInputError(
        f"pd: label {e} occurs {count} time{'s' if count != 1 else ''} (in {shown}); "
        "every edge label must occur exactly twice"
    )


def _orient_two_edge_components(crossings: tuple[Crossing, ...], signs: list[int], pending: list[int]) -> None:
    """Orient over-strands on two-edge components, where ``b`` follows ``d`` and ``d`` follows ``b``.

    An edge enters one crossing and leaves another: an edge already known to enter (or
    leave) elsewhere decides.  A component never seen entering is oriented so that its
    smaller label enters the first pending crossing.
    """
    head = {c[0] for c in crossings}
    tail = {c[2] for c in crossings}
    for c, sg in zip(crossings, signs):
        if sg:
            head.add(c[3] if sg == 1 else c[1])
            tail.add(c[1] if sg == 1 else c[3])
    while pending:
        i, sign = pending[0], 0
        for j in pending:
            _, b, _, d = crossings[j]
            if b in head or d in tail:  # d enters, b leaves
                i, sign = j, 1
                break
            if d in head or b in tail:
                i, sign = j, -1
                break
        _, b, _, d = crossings[i]
        signs[i] = sign or (1 if d < b else -1)
        pending.remove(i)
        head.add(d if signs[i] == 1 else b)
        tail.add(b if signs[i] == 1 else d)


class LinkDiagram:
    """An oriented link diagram given by a validated PD code, plus crossingless unknots.

    Parameters
    ----------
    crossings : PD code
        Anything :func:`parse_pd` reads.
    unknots : int
        Number of extra unknotted components without crossings (a PD code cannot show
        them; braid closures with an untouched strand produce them).  An empty PD code
        with ``unknots = 0`` is read as the unknot, as KnotInfo's ``0_1``.

    Raises
    ------
    KnotInputError
        Labels not occurring exactly twice, non-consecutive component labels, an
        under-strand listed against its orientation, a non-planar code.

    Notes
    -----
    Conventions (KnotInfo / Knot Atlas) are in the module docstring.  Diagrams compare
    equal when their crossing lists (in order) and unknot counts agree.

    Examples
    --------
    >>> fig8 = LinkDiagram.from_pd([[4,2,5,1],[8,6,1,5],[6,3,7,4],[2,7,3,8]])
    >>> fig8.signs, fig8.writhe
    ((1, 1, -1, -1), 0)
    >>> hopf = LinkDiagram.from_pd("{{4, 2, 3, 1}, {2, 4, 1, 3}}")
    >>> hopf.num_components, hopf.components, hopf.writhe
    (2, ((1, 2), (3, 4)), 2)
    """

    __slots__ = ("_components", "_other", "_signs", "crossings", "unknots")

    crossings: tuple[Crossing, ...]
    unknots: int

    def __init__(self, crossings: Any = (), unknots: int = 0) -> None:
        cr = parse_pd(crossings)
        unknots = _as_int(unknots, "unknots")
        if unknots < 0:
            raise KnotInputError(f"unknots = {unknots} must be a non-negative int")
        if not cr and unknots == 0:
            unknots = 1
        components, signs, other = _analyse(cr)
        self.crossings = cr
        self.unknots = unknots
        self._components = tuple(components)
        self._signs = signs
        #: the dart pairing: slot s of crossing i is dart 4i+s, _other[d] the far end of its edge
        self._other = other

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def from_pd(cls, pd: Any) -> LinkDiagram:
        """The diagram of a PD code (see the module docstring for the accepted forms)."""
        return pd if isinstance(pd, LinkDiagram) else cls(pd)

    @classmethod
    def from_braid(cls, braid: Any, strands: int | None = None) -> LinkDiagram:
        """The closure of a braid word (see :func:`braid_to_pd`)."""
        return braid_to_pd(braid, strands)

    # -- invariants of the diagram ------------------------------------------------------
    @property
    def num_crossings(self) -> int:
        return len(self.crossings)

    @property
    def components(self) -> tuple[tuple[int, ...], ...]:
        """The edge labels of each component with crossings, in orientation order."""
        return self._components

    @property
    def num_components(self) -> int:
        """Number of link components, crossingless unknots included."""
        return len(self._components) + self.unknots

    def is_knot(self) -> bool:
        return self.num_components == 1

    @property
    def signs(self) -> tuple[int, ...]:
        """The sign (+1 right-handed, -1 left-handed) of each crossing, in PD order."""
        return self._signs

    @property
    def writhe(self) -> int:
        """The sum of the crossing signs."""
        return sum(self._signs)

    # -- operations ---------------------------------------------------------------------
    def mirror(self) -> LinkDiagram:
        """The mirror image: every crossing changed, labels and orientation kept.

        A positive crossing ``(a, b, c, d)`` (over-strand ``d -> b``) becomes
        ``(d, a, b, c)``; a negative one (``b -> d``) becomes ``(b, c, d, a)``: the old
        over-strand is the new under-strand, listed from its incoming end.
        """
        new = tuple((d, a, b, c) if s == 1 else (b, c, d, a) for (a, b, c, d), s in zip(self.crossings, self._signs))
        return LinkDiagram(new, self.unknots)

    def connected_sum(self, other: LinkDiagram) -> LinkDiagram:
        """The connected sum along the first component of each (see :func:`connected_sum`)."""
        return connected_sum(self, other)

    def pd(self) -> list[list[int]]:
        """The PD code as a list of lists (the labels as given)."""
        return [list(c) for c in self.crossings]

    # -- output -------------------------------------------------------------------------
    def __str__(self) -> str:
        body = "[" + ",".join("[" + ",".join(map(str, c)) + "]" for c in self.crossings) + "]"
        if self.unknots and self.crossings:
            return f"{body} + {self.unknots} unknot{'s' if self.unknots > 1 else ''}"
        return body if self.crossings or self.unknots == 1 else f"{self.unknots} unknots"

    def __repr__(self) -> str:
        extra = f", unknots={self.unknots}" if self.unknots != (0 if self.crossings else 1) else ""
        return f"LinkDiagram({self.pd()!r}{extra})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LinkDiagram):
            return NotImplemented
        return self.crossings == other.crossings and self.unknots == other.unknots

    def __hash__(self) -> int:
        return hash((self.crossings, self.unknots))


# ---------------------------------------------------------------------------------------
# Constructions
# ---------------------------------------------------------------------------------------
def _relabel(crossings: Iterable[Sequence[Any]], nxt: dict[Any, Any], unknots: int) -> LinkDiagram:
    """Build a diagram from crossings on arbitrary hashable edge ids and the successor map.

    Components are numbered in order of their first edge's appearance in the crossing
    list; labels run 1, 2, ... along each component from that edge.
    """
    crossings = [tuple(c) for c in crossings]
    label: dict[Any, int] = {}
    count = 0
    for c in crossings:
        for e in c:
            if e in label:
                continue
            while e not in label:
                count += 1
                label[e] = count
                e = nxt[e]
    return LinkDiagram([[label[e] for e in c] for c in crossings], unknots)


def braid_to_pd(braid: Any, strands: int | None = None) -> LinkDiagram:
    """The closure of a braid word, as a PD code in the KnotInfo convention.

    Parameters
    ----------
    braid : Braid, str or sequence of int
        Anything :func:`parse_braid` reads.
    strands : int, optional
        Number of strands (default: from ``braid``).

    Returns
    -------
    LinkDiagram
        One crossing per letter, in word order; strands not touched by any letter become
        crossingless unknots.

    Notes
    -----
    The strands run upwards, the word is read bottom to top, and the closure arcs pass
    to the right.  At a letter on positions ``i, i+1`` with incoming edges ``l`` (left),
    ``r`` (right) and outgoing ``l'``, ``r'`` (the strands swap sides):

    * ``+i`` (positive): the over-strand is ``l -> r'``; PD ``(r, r', l', l)``;
    * ``-i`` (negative): the over-strand is ``r -> l'``; PD ``(l, r, r', l')``.

    Both lists start at the incoming under-strand and go counterclockwise; the signs
    agree with the crossing-sign rule of the module docstring.

    Examples
    --------
    >>> print(braid_to_pd([1, 1, 1]))  # KnotInfo's 3_1, crossings in another order
    [[1,5,2,4],[5,3,6,2],[3,1,4,6]]
    >>> braid_to_pd([1, 1, 1]).signs
    (1, 1, 1)
    >>> braid_to_pd("1 -2 1 -2").writhe
    0
    """
    b = parse_braid(braid, strands)
    n = b.strands
    current = list(range(n))  # edge id at each position
    nxt: dict[int, int] = {}
    fresh = n
    crossings = []
    used = [False] * n
    for g in b.word:
        i = abs(g) - 1
        used[i] = used[i + 1] = True
        left, right = current[i], current[i + 1]
        left2, right2 = fresh, fresh + 1
        fresh += 2
        nxt[left], nxt[right] = right2, left2
        crossings.append((right, right2, left2, left) if g > 0 else (left, right, right2, left2))
        current[i], current[i + 1] = left2, right2
    # closure: the top edge at position p is the bottom edge p
    alias = {current[p]: p for p in range(n) if current[p] != p}
    crossings = [(alias.get(a, a), alias.get(b, b), alias.get(c, c), alias.get(d, d)) for a, b, c, d in crossings]
    nxt = {alias.get(e, e): alias.get(f, f) for e, f in nxt.items()}
    return _relabel(crossings, nxt, sum(1 for u in used if not u))


def _orientation(k: LinkDiagram) -> tuple[dict[int, int], dict[int, tuple[int, int]]]:
    """Successor of each label and the (crossing, slot) where each edge enters."""
    nxt: dict[int, int] = {}
    for comp in k.components:
        for x, y in zip(comp, comp[1:] + comp[:1]):
            nxt[x] = y
    head: dict[int, tuple[int, int]] = {}
    for i, ((a, b, _, d), s) in enumerate(zip(k.crossings, k.signs)):
        head[a] = (i, 0)
        if s == 1:
            head[d] = (i, 3)
        else:
            head[b] = (i, 1)
    return nxt, head


def connected_sum(k1: Any, k2: Any) -> LinkDiagram:
    """The connected sum of two diagrams, joined along the first component of each.

    Parameters
    ----------
    k1, k2 : LinkDiagram or PD code
        Diagrams; if either has no crossings, the other is returned (with the unknot
        counts combined).

    Returns
    -------
    LinkDiagram

    Notes
    -----
    The edge with the smallest label of each first component is cut and the four ends
    are reconnected crosswise (edge ``x1`` of ``k1`` now enters the crossing that ``x2``
    of ``k2`` entered, and vice versa).  On the sphere both edges border a common face
    after moving the diagrams side by side, so the result is planar.  For knots this is
    the connected sum; the Jones polynomial is multiplicative under it.

    Examples
    --------
    >>> t = LinkDiagram.from_pd("[[1,5,2,4],[3,1,4,6],[5,3,6,2]]")
    >>> s = connected_sum(t, t.mirror())
    >>> s.num_crossings, s.writhe, s.num_components
    (6, 0, 1)
    """
    a, b = as_diagram(k1), as_diagram(k2)
    if not a.crossings or not b.crossings:
        base, other = (b, a) if not a.crossings else (a, b)
        return LinkDiagram(base.crossings, base.unknots + other.unknots - 1)
    na, ha = _orientation(a)
    nb, hb = _orientation(b)
    x1, x2 = ("a", a.components[0][0]), ("b", b.components[0][0])
    cr = [[("a", e) for e in c] for c in a.crossings] + [[("b", e) for e in c] for c in b.crossings]
    nxt = {("a", e): ("a", f) for e, f in na.items()} | {("b", e): ("b", f) for e, f in nb.items()}
    i, s = ha[x1[1]]
    j, t = hb[x2[1]]
    off = len(a.crossings)
    cr[i][s], cr[off + j][t] = x2, x1
    nxt[x1], nxt[x2] = nxt[x2], nxt[x1]
    return _relabel(cr, nxt, a.unknots + b.unknots)


def disjoint_union(k1: Any, k2: Any) -> LinkDiagram:
    """The split union of two diagrams (``k2``'s labels shifted past ``k1``'s).

    Examples
    --------
    >>> u = disjoint_union("[[1,5,2,4],[3,1,4,6],[5,3,6,2]]", LinkDiagram())
    >>> u.num_components, u.unknots
    (2, 1)
    """
    a, b = as_diagram(k1), as_diagram(k2)
    shift = max((max(c) for c in a.crossings), default=0) - min((min(c) for c in b.crossings), default=0) + 1
    cr = list(a.crossings) + [tuple(e + shift for e in c) for c in b.crossings]
    return LinkDiagram(cr, a.unknots + b.unknots)


def as_diagram(obj: Any) -> LinkDiagram:
    """Coerce a :class:`LinkDiagram`, :class:`Braid`, PD code or braid word to a diagram.

    Text containing ``X[...]`` is a PD code.  Otherwise, after removing the brackets
    around the whole text, a list whose items are all lists is a PD code (``[[1,5,2,4],
    ...]``; ``"[[1,2,2,1]]"`` is a one-crossing PD code) and anything else a braid word
    (``"1,1,1"``, ``"[1,-2,1,-2]"``, ``"{3, {1,-2}}"``).  Python sequences follow the
    same rule without the outer-bracket step.  An empty string or sequence is the unknot.
    Use :meth:`LinkDiagram.from_pd` or :func:`braid_to_pd` to avoid guessing.

    Examples
    --------
    >>> as_diagram("1 1 1") == as_diagram([1, 1, 1]) == braid_to_pd("{1,1,1}")
    True
    >>> as_diagram("X[1,5,2,4] X[3,1,4,6] X[5,3,6,2]").num_crossings
    3
    """
    if isinstance(obj, LinkDiagram):
        return obj
    if isinstance(obj, Braid):
        return braid_to_pd(obj)
    kind, data = _classify(obj)
    return LinkDiagram(data) if kind == "pd" else braid_to_pd(data)


def _classify(obj: Any) -> tuple[str, Any]:
    """``("pd", data)`` or ``("braid", data)`` for text or a sequence, by the rule of :func:`as_diagram`."""
    if isinstance(obj, str):
        data: Any = _read_nested(obj, "knot")
        if _has_crossing_head(data):
            return "pd", data
        if len(data) == 1 and _is_seq(data[0]):  # the brackets around the whole text
            data = data[0]
    elif _is_seq(obj):
        data = obj
    else:
        raise KnotTypeError(
            f"knot = {obj!r} must be a LinkDiagram, Braid, PD code or braid word, not {type(obj).__name__}"
        )
    while len(data) == 1 and _is_seq(data[0]) and all(_is_seq(x) for x in data[0]):
        data = data[0]
    if len(data) and all(_is_seq(x) for x in data):  # a list of crossings
        return "pd", data
    return ("pd", []) if not len(data) else ("braid", data)
