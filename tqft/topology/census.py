"""Named triangulations: the 3-sphere, lens spaces, S^2 x S^1, the Poincare homology
sphere, the Weeks manifold, and a small census of signatures.

Lens spaces are built, not looked up: :func:`lens_space` layers tetrahedra into a
*layered solid torus* and folds its boundary (Jaco and Rubinstein's layered lens spaces
[JR06]_, the construction Regina's ``Example3.lens`` uses [Burton-thesis]_), so every
``L(p, q)`` is available.  The Poincare sphere and the Weeks manifold come from published
census signatures.

Layered solid tori
------------------
``LST(a, b, a+b)`` is a triangulated solid torus whose boundary is a two-triangle torus
with three edges, which the meridian disc meets ``a``, ``b`` and ``a + b`` times (the edge
*weights*).  ``LST(1, 2, 3)`` is one tetrahedron with two faces glued.  *Layering* a
tetrahedron on a boundary edge of weight ``w`` replaces it by the other diagonal of the
square formed by the two boundary triangles, of weight ``u + v`` if ``w = |u - v|`` and
``|u - v|`` otherwise (``u, v`` the other two weights).  *Folding* the two boundary
triangles onto each other about an edge ``e`` (fixing ``e``, exchanging the other two
edges) closes the solid torus to a lens space ``L(p, q)`` with ``p = u + v`` when ``e``
is not the heaviest edge, and ``p = |u - v|`` when it is.  Hence, for ``p >= 4`` and
``q' = min(q, p - q)`` (``q`` reduced mod ``p``):

    ``L(p, q) = LST(q', p - 2q', p - q')`` folded about its edge of weight ``p - 2q'``,

and ``L(1, 0) = S^3`` is ``LST(1, 2, 3)`` folded about the 3-edge, ``L(2, 1)`` is
``LST(1, 3, 4)`` folded about the 4-edge, ``L(3, 1)`` is ``LST(1, 1, 2)`` folded about a
1-edge, and ``S^2 x S^1`` is ``LST(1, 1, 2)`` folded about its 2-edge.  The tests check
``H_1 = Z_p`` and that the signature is Regina's ``Example3.lens(p, q)``.

References
----------
.. [JR06] W. Jaco, J. H. Rubinstein, "Layered-triangulations of 3-manifolds",
   arXiv:math/0603601 (2006).
.. [Burton-thesis] B. A. Burton, *Minimal triangulations and normal surfaces*, PhD thesis,
   University of Melbourne (2003), sections 1.3 (layered solid tori and lens spaces).
.. [Regina-man] The Regina Handbook, ``censuslookup(1)`` manual page (Regina 5.1, e.g.
   https://manpages.ubuntu.com/manpages/focal/man1/censuslookup.1.html): the example
   session looks up ``fvPQcdecedekrsnrs`` = ``SFS [S2: (2,1) (3,1) (5,-4)]`` (the
   Poincare homology sphere) in the closed orientable census, and ``cPcbbbiht`` =
   ``m004`` (the figure-eight knot complement) in the cusped hyperbolic census.
.. [Regina-src] Regina source, ``engine/triangulation/example3.cpp`` (``weeksAdj``,
   ``weeksGluings``): the 9-tetrahedron triangulation of the Weeks manifold
   (Hodgson-Weeks closed census), https://github.com/regina-normal/regina; and
   ``testsuite/census``, whose lookup test also uses ``eLPkbdcddhgggb`` (the Whitehead
   link complement, ``Example3.whiteheadLink()``).

Examples
--------
>>> print(lens_space(7, 2).homology())
Z_7
>>> lens_space(7, 2).isosig()
'cMcabbjqw'
>>> poincare_sphere().size, str(poincare_sphere().homology())
(5, '0')
>>> lookup("lens:5,2") == lens_space(5, 2)
True
"""

from __future__ import annotations

from math import gcd

from ..errors import InvalidTriangulationError
from .triangulation import Triangulation

__all__ = [
    "CENSUS",
    "layered_solid_torus",
    "lens_space",
    "lookup",
    "poincare_sphere",
    "s2xs1",
    "three_sphere",
    "weeks",
]

#: census signatures by name (Regina's classic isomorphism signatures); sources in the
#: module docstring and in each entry's comment
CENSUS: dict[str, str] = {
    "s3": "bkaagj",  # lens_space(1, 0), one tetrahedron
    "s2xs1": "cMcabbjaj",  # s2xs1()
    "rp3": "cMcabbgqw",  # lens_space(2, 1)
    "l31": "cMcabbjak",  # lens_space(3, 1)
    "l41": "bkaajj",  # lens_space(4, 1)
    "l52": "bkaajn",  # lens_space(5, 2)
    "l72": "cMcabbjqw",  # lens_space(7, 2)
    "l83": "cMcabbjqs",  # lens_space(8, 3)
    "poincare": "fvPQcdecedekrsnrs",  # [Regina-man]: SFS [S2: (2,1) (3,1) (5,-4)], closed census
    "weeks": "jLvAMPQadfgghhiiijaqgjqxims",  # [Regina-src]: the Weeks manifold, 9 tetrahedra
    "figure8": "cPcbbbiht",  # [Regina-man]: m004, the figure-eight knot complement (ideal)
    "whitehead": "eLPkbdcddhgggb",  # [Regina-src]: the Whitehead link complement (ideal)
}


# ---------------------------------------------------------------------------------------
# Layered solid tori
# ---------------------------------------------------------------------------------------
# A layered solid torus is kept as (gluings, top, weights): the boundary is faces 0 and 1
# of tetrahedron ``top``; its edges are 23 and the classes {02, 13} ("f") and {03, 12}
# ("g"), with 0->2 ~ 3->1 and 0->3 ~ 2->1; ``weights = (w23, wf, wg)``.
_Gluing = tuple[int, int, int, tuple[int, int, int, int]]

# Layering a new tetrahedron M on edge 23 / f / g of the top T: M's faces 3 and 2 are glued
# to T's boundary faces (these permutations send M's 01 to the edge), and M's new edges
# f, g are (the weight slots of) T's edges listed.
_LAYER = {
    0: (((3, 0, (2, 3, 1, 0)), (2, 1, (2, 3, 1, 0))), (2, 1)),  # on 23: M f = T g, M g = T f
    1: (((3, 1, (0, 2, 3, 1)), (2, 0, (3, 1, 0, 2))), (2, 0)),  # on f: M f = T g, M g = T 23
    2: (((3, 1, (0, 3, 2, 1)), (2, 0, (2, 1, 0, 3))), (1, 0)),  # on g: M f = T f, M g = T 23
}
# Folding T's boundary about edge 23 / f / g: face ``a`` of T glued to face ``b`` by ``perm``.
_FOLD = {0: (0, (1, 0, 2, 3)), 1: (1, (3, 0, 1, 2)), 2: (1, (2, 0, 3, 1))}


def _lst_base() -> tuple[list[_Gluing], int, tuple[int, int, int]]:
    """LST(1, 2, 3): one tetrahedron, face 2 glued to face 3 by 0->1, 1->2, 2->3, 3->0."""
    return [(0, 2, 0, (1, 2, 3, 0))], 0, (3, 2, 1)


def _layer(
    lst: tuple[list[_Gluing], int, tuple[int, int, int]], slot: int
) -> tuple[list[_Gluing], int, tuple[int, int, int]]:
    gluings, top, w = lst
    new = top + 1
    (g1, g2), (fw, gw) = _LAYER[slot]
    others = [w[i] for i in range(3) if i != slot]
    u, v = others
    new_weight = abs(u - v) if w[slot] == u + v else u + v
    glued = [*gluings, *((new, mf, top, perm) for mf, _tf, perm in (g1, g2))]
    return glued, new, (new_weight, w[fw], w[gw])


def _solid_torus(a: int, b: int) -> tuple[list[_Gluing], int, tuple[int, int, int]]:
    """LST(a, b, a + b) (``gcd(a, b) = 1``), by the Euclidean algorithm back to LST(1, 2, 3)."""
    a, b = min(a, b), max(a, b)
    if (a, b) == (1, 1):
        return _layer(_lst_base(), 0)  # layer on the 3-edge of LST(1, 2, 3)
    if (a, b) == (1, 2):
        return _lst_base()
    prev = _solid_torus(a, b - a)  # edges a, b - a, b; layer on the edge of weight b - a
    return _layer(prev, prev[2].index(b - a))


def _fold(lst: tuple[list[_Gluing], int, tuple[int, int, int]], weight: int) -> Triangulation:
    """Fold about the edge of the given weight (the ``f`` edge when two edges have it)."""
    gluings, top, w = lst
    slot = 1 if w[1] == weight else w.index(weight)
    face, perm = _FOLD[slot]
    return Triangulation(top + 1, [*gluings, (top, face, top, perm)])


# ---------------------------------------------------------------------------------------
# Built-ins
# ---------------------------------------------------------------------------------------
def lens_space(p: int, q: int) -> Triangulation:
    """The layered lens space ``L(p, q)`` (see the module docstring).

    Parameters
    ----------
    p
        ``p >= 1``; ``H_1(L(p, q)) = Z_p``.
    q
        An integer coprime to ``p``, taken mod ``p``; ``L(p, q)`` and ``L(p, -q)`` give the
        same triangulation (they are homeomorphic by an orientation reversal).

    Raises
    ------
    InvalidTriangulationError
        If ``p < 1`` or ``gcd(p, q) != 1``.

    Examples
    --------
    >>> [lens_space(p, 1).size for p in range(1, 8)]
    [1, 2, 2, 1, 2, 3, 4]
    """
    for name, value in (("p", p), ("q", q)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidTriangulationError(f"{name} = {value!r} must be an int")
    if p < 1:
        raise InvalidTriangulationError(f"p = {p} must be at least 1 (use s2xs1() for L(0, 1) = S^2 x S^1)")
    if gcd(p, q) != 1:
        raise InvalidTriangulationError(f"q = {q} must be coprime to p = {p} (gcd is {gcd(p, q)})")
    if p == 1:
        return _fold(_lst_base(), 3)
    if p == 2:
        return _fold(_solid_torus(1, 3), 4)
    if p == 3:
        return _fold(_solid_torus(1, 1), 1)
    r = min(q % p, p - q % p)
    return _fold(_solid_torus(r, p - 2 * r), p - 2 * r)


def layered_solid_torus(a: int, b: int) -> Triangulation:
    """The layered solid torus ``LST(a, b, a + b)``: a solid torus whose two boundary
    triangles form a torus with edges of weights ``a``, ``b``, ``a + b`` (Regina's
    ``Example3.lst(a, b)``).  ``LST(1, 2, 3)`` is one tetrahedron and each step of the
    Euclidean algorithm from ``(a, b)`` back to ``(1, 2)`` layers one more (``LST(1, 1, 2)``
    has two).

    Raises
    ------
    InvalidTriangulationError
        Unless ``a, b >= 1`` and ``gcd(a, b) = 1``.

    >>> t = layered_solid_torus(3, 5)
    >>> t.size, str(t.homology()), len(t.boundary_components()), t.boundary_components()[0].genus
    (3, 'Z', 1, 1)
    """
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InvalidTriangulationError(f"{name} = {value!r} must be a positive int")
    if gcd(a, b) != 1:
        raise InvalidTriangulationError(f"a = {a} and b = {b} must be coprime (gcd is {gcd(a, b)})")
    gluings, top, _ = _solid_torus(a, b)
    return Triangulation(top + 1, gluings)


def three_sphere() -> Triangulation:
    """The one-tetrahedron 3-sphere ``L(1, 0)`` (Regina's ``Example3.threeSphere()``)."""
    return lens_space(1, 0)


def s2xs1() -> Triangulation:
    """``S^2 x S^1`` = ``L(0, 1)``: ``LST(1, 1, 2)`` folded about its 2-edge (two tetrahedra)."""
    return _fold(_solid_torus(1, 1), 2)


def poincare_sphere() -> Triangulation:
    """The Poincare homology sphere ``SFS [S2: (2,1) (3,1) (5,-4)]``: the 5-tetrahedron
    census triangulation ``fvPQcdecedekrsnrs`` ([Regina-man]_ in the module docstring).

    >>> t = poincare_sphere()
    >>> t.size, str(t.homology()), t.is_closed()
    (5, '0', True)
    """
    return Triangulation.from_isosig(CENSUS["poincare"])


def weeks() -> Triangulation:
    """The Weeks manifold (the closed hyperbolic 3-manifold of least volume,
    ``H_1 = Z_5 + Z_5``): the 9-tetrahedron census triangulation of [Regina-src]_.

    >>> t = weeks()
    >>> t.size, str(t.homology())
    (9, '2 Z_5')
    """
    return Triangulation.from_isosig(CENSUS["weeks"])


def lookup(spec: str) -> Triangulation:
    """A triangulation from a name or a signature.

    ``spec`` is a :data:`CENSUS` name (``s3``, ``poincare``, ...), ``lens:p,q`` or
    ``L(p,q)`` for :func:`lens_space`, or else a Regina isomorphism signature.

    >>> lookup("s3").isosig(), lookup("L(3,1)").isosig(), lookup("bkaajn").size
    ('bkaagj', 'cMcabbjak', 1)
    """
    if not isinstance(spec, str):
        raise InvalidTriangulationError(f"spec = {spec!r} must be a str")
    text = spec.strip()
    key = text.lower().replace("-", "").replace("_", "")
    aliases = {"s3": "s3", "sphere": "s3", "3sphere": "s3", "s2xs1": "s2xs1", "phs": "poincare"}
    key = aliases.get(key, key)
    if key in ("s3",):
        return three_sphere()
    if key == "s2xs1":
        return s2xs1()
    if key in CENSUS:
        return Triangulation.from_isosig(CENSUS[key])
    lens = None
    if key.startswith("lens:"):
        lens = key[5:]
    elif key.startswith("l(") and key.endswith(")"):
        lens = key[2:-1]
    if lens is not None:
        try:
            p, q = (int(x) for x in lens.split(","))
        except ValueError:
            raise InvalidTriangulationError(f"spec = {spec!r}: a lens space is written lens:p,q or L(p,q)") from None
        return lens_space(p, q)
    return Triangulation.from_isosig(text)
