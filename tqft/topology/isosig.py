"""Isomorphism signatures of 3-manifold triangulations, in Regina's classic format.

An *isomorphism signature* is a short printable string that determines a triangulation up
to combinatorial isomorphism (relabelling of tetrahedra and of the vertices of each
tetrahedron).  This module writes and reads Regina's default signature (type
``IsoSigClassic``, encoding ``IsoSigPrintable``, no simplex or facet locks), so that
``encode_isosig`` agrees character for character with ``regina.Triangulation3.isoSig()``
and ``decode_isosig`` accepts exactly the strings ``Triangulation3.fromIsoSig`` accepts.
The format is specified in [Burton11]_ (section 3.2); the facts used here are:

**Alphabet.**  A 6-bit value ``v`` is the character ``a..z`` (0-25), ``A..Z`` (26-51),
``0..9`` (52-61), ``+`` (62) or ``-`` (63).  A multi-character integer is written
least significant 6 bits first.

**One component.**  Fix a starting tetrahedron and a labelling of its vertices, then walk
the tetrahedra in breadth-first order: tetrahedron ``i`` of the new labelling is visited
in order, its faces ``0..3`` (new labels) in order.  Each face not yet seen from its
other side gets an *action*: ``0`` boundary, ``1`` glued to a tetrahedron not yet
numbered (which gets the next number, with vertex labels chosen so the gluing is the
identity), ``2`` glued to an already numbered tetrahedron ``j`` by the permutation ``g``
(recorded as ``j`` and the index of ``g`` in the lexicographic list of S4, Regina's
``Perm<4>::orderedS4``).  The string is: the number of tetrahedra ``n`` (one character
when ``n < 63``, otherwise ``-``, a character ``k``, then ``n`` in ``k`` characters), the
actions packed three per character (``a0 + 4 a1 + 16 a2``), the destinations ``j`` (in
``k`` characters each, ``k = 1`` for small ``n``), then the permutation indices (one
character each).  The signature of the component is the smallest such string, in ASCII
order, over all ``24 n`` starting choices.

**Several components.**  The component signatures are sorted (ASCII order) and
concatenated; the empty triangulation is ``"a"`` (one component with no tetrahedra).
Reading accepts empty components anywhere, as Regina does.

The search tries every start but abandons one as soon as its string exceeds the best so
far, so a signature costs little more than one breadth-first walk per start; a
50-tetrahedron triangulation takes a few milliseconds.

References
----------
.. [Burton11] B. A. Burton, "Simplification paths in the Pachner graphs of closed
   orientable 3-manifold triangulations", arXiv:1110.6080 (2011), section 3.2.

Examples
--------
>>> size, gluings = decode_isosig("bkaagj")
>>> size, gluings
(1, [(0, 0, 0, (1, 0, 2, 3)), (0, 2, 0, (1, 2, 3, 0))])
>>> from tqft.topology.triangulation import Triangulation
>>> Triangulation(size, gluings).isosig()
'bkaagj'
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ..errors import InvalidTriangulationError

__all__ = [
    "ALPHABET",
    "COMPOSE",
    "INVERSE",
    "PERMS",
    "PERM_INDEX",
    "SIGN",
    "Perm",
    "decode_isosig",
    "encode_isosig",
]

#: a permutation of ``{0, 1, 2, 3}`` as the tuple of images (``perm[i]`` is the image of ``i``)
Perm = tuple[int, int, int, int]

#: S4 in lexicographic order of the image tuples (Regina's ``Perm<4>::orderedS4``)
PERMS: tuple[Perm, ...] = tuple(itertools.permutations(range(4)))  # type: ignore[arg-type]
#: index of each permutation in :data:`PERMS`
PERM_INDEX: dict[Perm, int] = {p: i for i, p in enumerate(PERMS)}
#: ``COMPOSE[a][b]`` is the index of ``PERMS[a] o PERMS[b]`` (apply ``b`` first)
COMPOSE: tuple[tuple[int, ...], ...] = tuple(
    tuple(PERM_INDEX[tuple(pa[pb[i]] for i in range(4))] for pb in PERMS)  # type: ignore[index]
    for pa in PERMS
)
#: index of the inverse permutation
INVERSE: tuple[int, ...] = tuple(PERM_INDEX[tuple(p.index(i) for i in range(4))] for p in PERMS)  # type: ignore[index]
#: sign (+1 even, -1 odd) of each permutation
SIGN: tuple[int, ...] = tuple((-1) ** sum(1 for i in range(4) for j in range(i + 1, 4) if p[i] > p[j]) for p in PERMS)

#: the 64 characters of the signature alphabet, by value
ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_CODE = tuple(ord(c) for c in ALPHABET)  # ASCII code of each value, for comparisons


def _chars_for(n: int) -> int:
    """Characters per integer for a component of ``n`` tetrahedra (``n < 63``: one)."""
    if n < 63:
        return 1
    k = 0
    while n:
        n >>= 6
        k += 1
    return k


def _header(n: int, k: int) -> str:
    if k == 1:
        return ALPHABET[n]
    return "-" + ALPHABET[k] + "".join(ALPHABET[(n >> (6 * i)) & 63] for i in range(k))


def _components(size: int, dest: Sequence[int]) -> list[list[int]]:
    seen = bytearray(size)
    comps = []
    for t0 in range(size):
        if seen[t0]:
            continue
        seen[t0] = 1
        comp = [t0]
        for t in comp:
            for f in range(4):
                d = dest[4 * t + f]
                if d >= 0 and not seen[d >> 2]:
                    seen[d >> 2] = 1
                    comp.append(d >> 2)
        comps.append(comp)
    return comps


def _candidate(
    dest: Sequence[int], perm: Sequence[int], start: int, p0: int, n: int, k: int, best: list[int] | None
) -> list[int] | None:
    """The body (after the header) of the signature from ``start`` with vertex map ``p0``,
    as ASCII codes; ``None`` as soon as it is certain to exceed ``best``."""
    perms, inverse, compose, code = PERMS, INVERSE, COMPOSE, _CODE
    image = {start: 0}
    pre = [start]
    vmap = {start: p0}
    out: list[int] = []
    less = best is None  # already smaller than best: stop comparing
    trit = shift = 0
    join_dest: list[int] = []
    join_glue: list[int] = []
    for img in range(n):
        src = pre[img]
        vm = vmap[src]
        vinv = perms[inverse[vm]]
        vinv_idx = inverse[vm]
        base = 4 * src
        for fimg in range(4):
            fsrc = vinv[fimg]
            d = dest[base + fsrc]
            if d < 0:
                action = 0
            else:
                t2 = d >> 2
                im2 = image.get(t2)
                if im2 is None:
                    image[t2] = len(pre)
                    pre.append(t2)
                    vmap[t2] = compose[vm][inverse[perm[base + fsrc]]]
                    action = 1
                else:
                    if im2 < img or (im2 == img and perms[vmap[t2]][d & 3] < fimg):
                        continue  # this gluing was recorded from the other side
                    action = 2
                    join_dest.append(im2)
                    join_glue.append(compose[compose[vmap[t2]][perm[base + fsrc]]][vinv_idx])
            trit |= action << shift
            shift += 2
            if shift == 6:
                c = code[trit]
                if not less:
                    b = best[len(out)]  # type: ignore[index]
                    if c > b:
                        return None
                    less = c < b
                out.append(c)
                trit = shift = 0
    tail = [] if shift == 0 else [code[trit]]
    for j in join_dest:
        for i in range(k):
            tail.append(code[(j >> (6 * i)) & 63])
    tail.extend(code[g] for g in join_glue)
    for c in tail:
        if not less:
            b = best[len(out)]  # type: ignore[index]
            if c > b:
                return None
            less = c < b
        out.append(c)
    return out if less else None


def encode_isosig(size: int, dest: Sequence[int], perm: Sequence[int]) -> str:
    """Regina's classic isomorphism signature of a gluing table.

    Parameters
    ----------
    size
        Number of tetrahedra.
    dest
        ``dest[4 t + f]`` is ``4 t2 + f2`` when face ``f`` of tetrahedron ``t`` is glued to
        face ``f2`` of ``t2``, and ``-1`` for a boundary face.
    perm
        ``perm[4 t + f]`` is the index in :data:`PERMS` of the gluing permutation (ignored
        at boundary faces).

    Returns
    -------
    str
        The signature; ``"a"`` for the empty triangulation.
    """
    if size == 0:
        return "a"
    sigs = []
    for comp in _components(size, dest):
        n = len(comp)
        k = _chars_for(n)
        best: list[int] | None = None
        for start in sorted(comp):
            for p0 in range(24):
                cand = _candidate(dest, perm, start, p0, n, k, best)
                if cand is not None:
                    best = cand
        assert best is not None
        sigs.append(_header(n, k) + "".join(map(chr, best)))
    return "".join(sorted(sigs))


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------
class _Reader:
    def __init__(self, sig: str) -> None:
        self.sig = sig
        self.pos = 0

    def fail(self, message: str) -> InvalidTriangulationError:
        return InvalidTriangulationError(f"isosig = {self.sig!r}: {message}")

    def value(self, what: str) -> int:
        if self.pos >= len(self.sig):
            raise self.fail(f"ends at position {self.pos} where {what} was expected")
        ch = self.sig[self.pos]
        v = _VALUE.get(ch)
        if v is None:
            raise self.fail(
                f"character {ch!r} at position {self.pos} is not in the signature alphabet (a-z, A-Z, 0-9, + and -)"
            )
        self.pos += 1
        return v

    def integer(self, chars: int, what: str) -> int:
        return sum(self.value(what) << (6 * i) for i in range(chars))


def decode_isosig(sig: str) -> tuple[int, list[tuple[int, int, int, Perm]]]:
    """The number of tetrahedra and the gluings ``(tet, face, tet2, perm)`` of a signature.

    Components are numbered in the order they appear in the string, tetrahedra within a
    component in breadth-first order, exactly as Regina's ``fromIsoSig`` builds them.

    Raises
    ------
    InvalidTriangulationError
        If ``sig`` is not a string, contains a character outside the alphabet, ends early,
        has an action other than 0, 1, 2, leftover actions, a join to a tetrahedron not yet
        built, a permutation index of 24 or more, or glues a face to itself or twice; the
        message gives the position.
    """
    if not isinstance(sig, str):
        raise InvalidTriangulationError(f"isosig = {sig!r} must be a str, not {type(sig).__name__}")
    r = _Reader(sig)
    total = 0
    gluings: list[tuple[int, int, int, Perm]] = []
    while r.pos < len(sig):
        start = r.pos
        n = r.value("the number of tetrahedra")
        k = 1
        if n == 63:
            k = r.value("the number of characters per integer")
            n = r.integer(k, "the number of tetrahedra")
        if n == 0:
            continue
        # facet actions
        actions: list[tuple[int, int]] = []  # (action, position of its character)
        facets = joins = 0
        while facets < 4 * n:
            pos = r.pos
            v = r.value("facet actions")
            for j in range(3):
                a = (v >> (2 * j)) & 3
                if facets == 4 * n:
                    if a:
                        raise r.fail(f"character {sig[pos]!r} at position {pos} has extraneous facet actions")
                    continue
                if a == 3:
                    raise r.fail(f"character {sig[pos]!r} at position {pos} encodes facet action 3 (allowed: 0, 1, 2)")
                facets += 1 if a == 0 else 2
                joins += a == 2
                if facets > 4 * n:
                    raise r.fail(
                        f"the facet actions up to position {pos} glue more than the {4 * n} faces of "
                        f"{n} tetrahedra (component starting at position {start})"
                    )
                actions.append((a, pos))
        dests = []
        for _ in range(joins):
            pos = r.pos
            dests.append((r.integer(k, "a join destination"), pos))
        glues = []
        for _ in range(joins):
            pos = r.pos
            g = r.value("a gluing permutation")
            if g >= 24:
                raise r.fail(
                    f"character {sig[pos]!r} at position {pos} is gluing permutation {g}, not below 24 (= |S4|)"
                )
            glues.append((g, pos))
        # build the component
        adj: dict[tuple[int, int], int] = {}
        next_unused = 1
        it = iter(actions)
        join = 0
        for t in range(n):
            for f in range(4):
                if (t, f) in adj:
                    continue
                a, pos = next(it)
                if a == 1:
                    if next_unused >= n:
                        raise r.fail(
                            f"the facet action at position {pos} joins a new tetrahedron but all {n} are in use"
                        )
                    adj[t, f] = adj[next_unused, f] = 1
                    gluings.append((total + t, f, total + next_unused, (0, 1, 2, 3)))
                    next_unused += 1
                elif a == 2:
                    (t2, dpos), (g, gpos) = dests[join], glues[join]
                    join += 1
                    p = PERMS[g]
                    if t2 >= next_unused:
                        raise r.fail(
                            f"the join destination {t2} at position {dpos} is not a tetrahedron built so far "
                            f"(0..{next_unused - 1})"
                        )
                    if (t2, p[f]) in adj:
                        raise r.fail(
                            f"the join at positions {dpos} and {gpos} glues face {f} of tetrahedron {t} to face "
                            f"{p[f]} of tetrahedron {t2}, which is already glued"
                        )
                    if (t2, p[f]) == (t, f):
                        raise r.fail(
                            f"the join at positions {dpos} and {gpos} glues face {f} of tetrahedron {t} to itself"
                        )
                    adj[t, f] = adj[t2, p[f]] = 1
                    gluings.append((total + t, f, total + t2, p))
        total += n
    return total, gluings
