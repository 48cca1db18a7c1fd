"""The Kauffman bracket by a planar frontier (Temperley-Lieb) sweep.

Instead of summing over the ``2^n`` states, the crossings are added one at a time.  After
``j`` crossings, the processed part of the diagram is a tangle whose boundary points are
the *frontier* edges (one end processed, one not).  Smoothing every processed crossing
turns the tangle into a set of arcs pairing the frontier edges -- a perfect matching,
non-crossing when the processed region is a disk -- plus closed loops.  The state is a
dict ``{matching: coefficient}``; a closed loop multiplies the coefficient by
``d = -A^2 - A^-2``.  The number of matchings on ``2m`` frontier points is at most the
Catalan number ``C_m``, so the cost is governed by the frontier width, not by ``2^n``.

Conventions
-----------
Kauffman's bracket [Kau87]_: ``<O> = 1``, ``<D ⊔ O> = d <D>`` with ``d = -A^2 - A^-2``, and
at every crossing ``<X> = A <X_A> + A^-1 <X_B>``.  The A-smoothing joins the two regions
that the over-strand sweeps when rotated counterclockwise.  For a PD crossing
``(a, b, c, d)`` (counterclockwise from the incoming under-strand ``a``, KnotInfo / Knot
Atlas convention) draw ``a`` south, ``b`` east, ``c`` north, ``d`` west; the over-strand
is the east-west line and turning it counterclockwise sweeps the north-east and
south-west quadrants.  Hence

* A-smoothing: arcs ``a-b`` and ``c-d``;
* B-smoothing: arcs ``a-d`` and ``b-c``.

(With this rule KnotInfo's right-handed trefoil gets ``<K> = -A^5 - A^-3 + A^-7`` and the
Jones polynomial ``t + t^3 - t^4`` of KnotInfo; see :mod:`tqft.topology.jones`.)

Algorithm
---------
*Order.*  Greedy: start at crossing 0; next take the unprocessed crossing with the most
edges on the current frontier (ties: the one that touched the frontier first); when no
unprocessed crossing touches the frontier (a new split piece), the lowest-numbered one.
On the 9,988 thirteen-crossing knots of KnotInfo the frontier never exceeds 8 points.

*Matchings* are stored as one Python int: frontier edges occupy numbered slots (a freed
slot is reused), and the field of ``bits`` bits at slot ``p`` holds ``partner(p) + 1``
(``0`` = empty).  Adding a crossing touches at most eight fields.

*Coefficients* are Laurent polynomials in ``B = A^2`` packed into one Python int by
Kronecker substitution, ``P(B) -> P(2^w)``: a ring homomorphism ``Z[B] -> Z``, so sums,
products and shifts by powers of ``B`` are exact integer operations.  Each crossing
contributes ``A^-1 (B <X_A> + <X_B>)``, the ``A^-n`` is applied at the end, a loop is
``d = -(B + B^-1)``, and an initial offset ``B^(E+1)`` (``E`` = number of edges, an upper
bound on the loops) keeps every exponent non-negative so that dividing by ``B`` is an
exact right shift.  The digits are decoded once at the end; ``w = 3n + 2`` bits bound
every coefficient (``|coeff| <= 2^n * 2^(2n)``: ``2^n`` states, at most ``2n`` loops each,
and ``d^L`` has coefficient sum ``2^L``).  Measured against FLINT ``fmpz_poly``
coefficients this is about 2x faster on 13-crossing knots, because every operation in the
inner loop is one C-level big-int shift or add with no object wrapping.

References
----------
.. [Kau87] L. H. Kauffman, "State models and the Jones polynomial", Topology 26 (1987)
   395-407.
.. [KI-PD] KnotInfo, "PD Notation", https://knotinfo.org/descriptions/pd_notation.html

Examples
--------
>>> from tqft.topology.knots import LinkDiagram
>>> print(kauffman_bracket(LinkDiagram.from_pd("[[1,5,2,4],[3,1,4,6],[5,3,6,2]]")).format("A"))
-A^5 - A^(-3) + A^(-7)
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import Any

from ..exact.laurent import Laurent
from .knots import LinkDiagram, as_diagram

__all__ = ["frontier_order", "kauffman_bracket"]

#: d = -A^2 - A^-2, the value of a closed loop (Kauffman's normalisation)
LOOP = Laurent({2: -1, -2: -1})

_SMOOTHINGS = (((0, 1), (2, 3)), ((0, 3), (1, 2)))  # A, B


def frontier_order(diagram: Any) -> tuple[list[int], list[int]]:
    """The greedy crossing order of the frontier sweep and the frontier size after each step.

    Parameters
    ----------
    diagram : LinkDiagram or anything :func:`~tqft.topology.knots.as_diagram` accepts

    Returns
    -------
    order : list of int
        Crossing indices in processing order.
    widths : list of int
        Number of frontier edges after each step (ends at 0).

    Notes
    -----
    Next crossing = the unprocessed one with the most edges on the current frontier;
    ties go to the one that joined the candidate list first; a crossing with no frontier
    edge is taken only when no other is left (lowest index first).

    Examples
    --------
    >>> frontier_order("[[1,5,2,4],[3,1,4,6],[5,3,6,2]]")
    ([0, 1, 2], [4, 4, 0])
    """
    cr = as_diagram(diagram).crossings
    order, widths, _ = _order(cr)
    return order, widths


def _order(cr: tuple[tuple[int, int, int, int], ...]) -> tuple[list[int], list[int], list[list[int]]]:
    n = len(cr)
    where: dict[int, list[int]] = {}
    for i, c in enumerate(cr):
        for e in c:
            where.setdefault(e, []).append(i)
    shared = [0] * n
    done = [False] * n
    cands: dict[int, None] = {}
    order: list[int] = []
    widths: list[int] = []
    frontier: set[int] = set()
    nxt_free = 0
    for _ in range(n):
        if cands:
            best = max(cands, key=shared.__getitem__)
            del cands[best]
        else:
            while done[nxt_free]:
                nxt_free += 1
            best = nxt_free
        done[best] = True
        order.append(best)
        for e in set(cr[best]):
            if e in frontier:
                frontier.discard(e)
                continue
            i, j = where[e]
            if i == j:  # both ends here: an internal loop edge
                continue
            frontier.add(e)
            o = j if i == best else i
            shared[o] += 1
            if o not in cands:
                cands[o] = None
        widths.append(len(frontier))
    return order, widths, []


_NEW, _OLD = 4, 5  # slot kinds; 0..3 = the twin slot of an edge with both ends at this crossing


_CHECKS = {k: tuple((i, j, 1 << b) for b, (i, j) in enumerate(combinations(range(k), 2))) for k in range(5)}


def _plan(cr: tuple[tuple[int, int, int, int], ...], order: list[int]) -> tuple[list[Any], int]:
    """Static data of every step: slot kinds, frontier positions, masks (tables are filled lazily)."""
    pos: dict[int, int] = {}
    free: list[int] = []
    width = 0
    raw = []
    for x in order:
        edges = cr[x]
        if len(set(edges)) == 4:
            kinds = tuple([_OLD if e in pos else _NEW for e in edges])
        else:
            kl = [_OLD if e in pos else _NEW for e in edges]
            for s in range(3):
                for t in range(s + 1, 4):
                    if edges[s] == edges[t]:
                        kl[s], kl[t] = t, s
            kinds = tuple(kl)
        P = [pos.pop(edges[s]) for s in range(4) if kinds[s] == _OLD]
        free += P
        qitems = []
        for s in range(4):
            if kinds[s] == _NEW:
                if free:
                    q = free.pop()
                else:
                    q = width
                    width += 1
                pos[edges[s]] = q
                qitems.append((s, q))
        raw.append((kinds, P, tuple(qitems)))
    bits = max(1, width.bit_length())
    fm = (1 << bits) - 1
    steps = []
    for kinds, P, qitems in raw:
        clear = 0
        for p in P:
            clear |= fm << (bits * p)
        steps.append(([bits * p for p in P], P, _CHECKS[len(P)], ~clear, {}, (kinds, qitems, bits)))
    return steps, bits


@lru_cache(maxsize=4096)
def _shape(kinds: tuple[int, ...], code: int, smoothing: int) -> tuple[tuple[tuple[int, int], ...], int]:
    """How a smoothing rewires the slots of one crossing.

    ``kinds[s]`` is ``_NEW``, ``_OLD`` or the twin slot; ``code`` says which old slots the
    current matching pairs with each other (bit ``k`` for the ``k``-th pair of old slots
    in ``combinations`` order).  Returns the pairs of external slots that end up joined
    (an old slot stands for its outside partner, a new slot for its new frontier point)
    and the number of closed loops.
    """
    sig = [0] * 4
    for s, t in _SMOOTHINGS[smoothing]:
        sig[s], sig[t] = t, s
    inner = {s: k for s, k in enumerate(kinds) if k < 4}
    old = [s for s in range(4) if kinds[s] == _OLD]
    for k, (i, j) in enumerate(combinations(range(len(old)), 2)):
        if code >> k & 1:
            inner[old[i]], inner[old[j]] = old[j], old[i]
    seen: set[int] = set()
    ends = []
    for s in range(4):
        if s in inner or s in seen:
            continue
        seen.add(s)
        t = sig[s]
        while t in inner:
            u = inner[t]
            seen.update((t, u))
            t = sig[u]
        seen.add(t)
        ends.append((s, t))
    loops = 0
    for s in range(4):
        if s not in seen:
            loops += 1
            t = s
            while t not in seen:
                u = sig[t]
                seen.update((t, u))
                t = inner[u]
    return tuple(ends), loops


@lru_cache(maxsize=16384)
def _table_entry(
    kinds: tuple[int, ...], qitems: tuple[tuple[int, int], ...], bits: int, code: int
) -> tuple[tuple[bool, int, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], int], ...]:
    """Instantiate the two smoothings of a step for one matching pattern ``code``.

    Each entry is ``(a_branch, const, xx, xq, loops)``: ``const`` sets the fields of
    pairs of new points; ``xx`` lists pairs of old-slot indices whose outside partners
    become matched; ``xq`` lists (old-slot index, new position) pairs.  Cached: the
    same local pictures recur across steps and diagrams.
    """
    qpos = dict(qitems)
    oidx = {s: i for i, s in enumerate(s for s in range(4) if kinds[s] == _OLD)}
    out = []
    for smoothing in (0, 1):
        ends, loops = _shape(kinds, code, smoothing)
        const = 0
        xx: list[tuple[int, int]] = []
        xq: list[tuple[int, int]] = []
        for s, t in ends:
            if s in qpos and t in qpos:
                const += ((qpos[t] + 1) << (bits * qpos[s])) + ((qpos[s] + 1) << (bits * qpos[t]))
            elif s in qpos:
                xq.append((oidx[t], qpos[s]))
            elif t in qpos:
                xq.append((oidx[s], qpos[t]))
            else:
                xx.append((oidx[s], oidx[t]))
        out.append((smoothing == 0, const, tuple(xx), tuple(xq), loops))
    return tuple(out)


def kauffman_bracket(diagram: Any) -> Laurent:
    """The Kauffman bracket ``<D>`` of a link diagram, a Laurent polynomial in ``A``.

    Parameters
    ----------
    diagram : LinkDiagram, PD code, Braid or braid word
        Anything :func:`~tqft.topology.knots.as_diagram` accepts.

    Returns
    -------
    Laurent
        ``<D>`` in the variable ``A``, normalised by ``<O> = 1``.

    Notes
    -----
    ``<X> = A <X_A> + A^-1 <X_B>``, A-smoothing ``a-b, c-d`` and B-smoothing ``a-d, b-c``
    for a PD crossing ``(a, b, c, d)``; ``d = -A^2 - A^-2`` per extra loop (module
    docstring, [Kau87]_).  The bracket is invariant under Reidemeister II and III and
    picks up ``-A^{±3}`` under Reidemeister I.

    Examples
    --------
    >>> print(kauffman_bracket("{{4, 2, 3, 1}, {2, 4, 1, 3}}").format("A"))  # Hopf link
    -A^4 - A^(-4)
    >>> kauffman_bracket([]) == 1
    True
    """
    k = as_diagram(diagram)
    return _bracket(k) * LOOP ** (k.unknots - (0 if k.crossings else 1))


def _bracket(k: LinkDiagram) -> Laurent:
    """``<D>`` of the part with crossings (1 when there is none)."""
    cr = k.crossings
    n = len(cr)
    if n == 0:
        return Laurent.constant(1)
    order, _, _ = _order(cr)
    steps, bits = _plan(cr, order)
    edges = 2 * n
    wd = 3 * n + 2  # digit width of the packed coefficients
    off = edges + 1
    dpow = [1]
    one_d = -((1 << (2 * wd)) + 1)  # packed B * d = -(B^2 + 1)
    for _ in range(edges + 1):
        dpow.append(dpow[-1] * one_d)
    fm = (1 << bits) - 1
    state: dict[int, int] = {0: 1 << (wd * off)}
    for shifts, P, checks, keep, table, info in steps:
        nd: dict[int, int] = {}
        get = nd.get
        for key, c in state.items():
            X = [((key >> sh) & fm) - 1 for sh in shifts]
            code = 0
            for i, j, bit in checks:
                if X[i] == P[j]:
                    code |= bit
            base = key & keep
            entry = table.get(code)
            if entry is None:
                entry = table[code] = _table_entry(*info, code)
            for a_branch, const, xx, xq, loops in entry:
                new = base + const
                for i, j in xx:
                    xi, xj = X[i], X[j]
                    new += ((xj - P[i]) << (bits * xi)) + ((xi - P[j]) << (bits * xj))
                for i, q in xq:
                    xi = X[i]
                    new += ((q - P[i]) << (bits * xi)) + ((xi + 1) << (bits * q))
                v = c << wd if a_branch else c
                if loops == 1:
                    v = -((v << wd) + (v >> wd))
                elif loops:
                    v = (v * dpow[loops]) >> (wd * loops)
                nd[new] = get(new, 0) + v
        state = nd
    value = state.get(0, 0)
    # decode the base-2^wd signed digits of P(B) * B^off; the term B^i is A^(2i - 2 off - n)
    dense: list[int] = []
    half, base_, mask = 1 << (wd - 1), 1 << wd, (1 << wd) - 1
    while value:
        digit = value & mask
        if digit >= half:
            digit -= base_
        dense.append(digit)
        dense.append(0)
        value = (value - digit) >> wd
    return Laurent(dense, -2 * off - n).divexact(LOOP)
