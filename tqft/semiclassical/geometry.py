"""Tetrahedra behind the recoupling asymptotics: Euclidean (Cayley-Menger) and spherical.

Labelling
---------
The tetrahedron of the 6j symbol ``{j1 j2 j3; j4 j5 j6}`` has the four triads of the
symbol as faces, ``(j1 j2 j3)``, ``(j1 j5 j6)``, ``(j4 j2 j6)``, ``(j4 j5 j3)``, and the
three columns as pairs of *opposite* edges, ``(j1, j4)``, ``(j2, j5)``, ``(j3, j6)``.
Numbering the vertices ``v1 .. v4`` so that ``v_k`` is opposite the k-th face, edge ``e``
joins the vertices :data:`SIXJ_EDGES` ``[e]``::

    j1: v3-v4   j2: v2-v4   j3: v2-v3   j4: v1-v2   j5: v1-v3   j6: v1-v4

Euclidean tetrahedra (:class:`Tetrahedron`)
-------------------------------------------
With squared edge lengths ``d_ik`` and the bordered matrix
``CM = [[0, 1, 1, 1, 1], [1, 0, d12, d13, d14], ...]``, the Cayley-Menger determinant gives
``288 V^2 = det CM``.  The cofactors ``C_ik`` (``i, k`` = vertices) give everything else:
``C_ii = -16 A_i^2`` (``A_i`` the area of the face opposite ``v_i``) and, for the edge ``e``
not touching ``v_i`` and ``v_k``,

.. math::

    \\cos\\theta_e = -\\frac{C_{ik}}{\\sqrt{C_{ii} C_{kk}}}, \\qquad
    \\sin\\theta_e = \\frac{3 V l_e}{2 A_i A_k}, \\qquad
    C_{ii} C_{kk} - C_{ik}^2 = 2 l_e^2 \\det CM

(Jacobi's identity for the complementary minor).  Here ``theta_e`` is the **exterior**
dihedral angle, the angle between the outward normals of the two faces at ``e``; the
interior angle is ``pi - theta_e``.  Ponzano and Regge (1968) and Roberts (1999) write their
formula with the exterior angles.  For rational edge lengths every quantity above except
the final square roots is an exact rational, so the *regime* is decided exactly:

* ``"euclidean"`` -- ``det CM > 0``: a Euclidean tetrahedron with these edges exists;
* ``"flat"`` -- ``det CM = 0``: it exists but is planar (the caustic of the 6j symbol);
* ``"non-euclidean"`` -- ``det CM < 0`` with every face a genuine triangle: there is no
  Euclidean realisation (the classically forbidden region; a Minkowskian tetrahedron
  exists instead);
* ``"degenerate"`` -- some face violates the strict triangle inequality.

In the non-Euclidean regime the angles are continued analytically with the branch
``V = +i |V|``: ``theta_e = pi [cos theta_e < 0] + i sign(cos theta_e) arccosh|cos theta_e|``.

Spherical tetrahedra (the q-deformed case) are in :mod:`tqft.semiclassical.spherical`.

References
----------
* G. Ponzano, T. Regge, in *Spectroscopic and group theoretical methods in physics* (1968).
* J. Roberts, *Classical 6j-symbols and the tetrahedron*, Geom. Topol. 3 (1999) 21.
* Y. U. Taylor, C. T. Woodward, *6j symbols for U_q(sl2) and non-Euclidean tetrahedra*,
  Selecta Math. 11 (2005) 539.
* L. Schläfli's differential formula, e.g. J. Milnor, *The Schläfli differential equality*
  (Collected papers, vol. 1).
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterator, Sequence
from fractions import Fraction
from functools import cached_property
from typing import Any, NamedTuple

import mpmath

from ..errors import InvalidArgumentError
from ..exact.quadratic import SqrtRational
from ..spins import colour, spin

__all__ = [
    "OPPOSITE_PAIRS",
    "SIXJ_EDGES",
    "SIXJ_FACES",
    "Regime",
    "RegimeError",
    "Tetrahedron",
    "ThreejGeometry",
    "cayley_menger_closed_form",
    "sixj_tetrahedron",
    "threej_geometry",
    "to_mpf",
]


@contextlib.contextmanager
def working_precision(dps: int | None) -> Iterator[None]:
    """Run the block at ``dps`` decimal digits (mpmath), or at the ambient precision if None."""
    if dps is None:
        yield
        return
    if not isinstance(dps, int) or isinstance(dps, bool) or dps < 5:
        raise InvalidArgumentError(f"dps = {dps!r} must be an integer >= 5 (decimal digits)")
    with mpmath.workdps(dps):
        yield


#: vertices (1-based) joined by edge ``e`` of the 6j tetrahedron, ``e = 1..6``
SIXJ_EDGES: dict[int, tuple[int, int]] = {1: (3, 4), 2: (2, 4), 3: (2, 3), 4: (1, 2), 5: (1, 3), 6: (1, 4)}
#: the faces (triads) as edge numbers; face ``k`` is opposite vertex ``k``
SIXJ_FACES: tuple[tuple[int, int, int], ...] = ((1, 2, 3), (1, 5, 6), (4, 2, 6), (4, 5, 3))
#: pairs of opposite edges (the columns of the 6j symbol)
OPPOSITE_PAIRS: tuple[tuple[int, int], ...] = ((1, 4), (2, 5), (3, 6))


class RegimeError(InvalidArgumentError):
    """A formula was asked for outside its regime (e.g. the allowed-region Ponzano-Regge
    formula for a tetrahedron with no Euclidean realisation); the message names the
    arguments, the regime found and what the formula needs."""


class Regime(enum.StrEnum):
    """Where a set of edge lengths sits (see the module docstring)."""

    EUCLIDEAN = "euclidean"
    FLAT = "flat"
    NON_EUCLIDEAN = "non-euclidean"
    DEGENERATE = "degenerate"

    def __str__(self) -> str:
        return self.value


# vertex pair (i, k) whose faces meet at edge e: the vertices NOT on e
_HINGE: dict[int, tuple[int, int]] = {
    e: tuple(v for v in (1, 2, 3, 4) if v not in pair)  # type: ignore[misc]
    for e, pair in SIXJ_EDGES.items()
}


def _det_int(m: list[list[int]]) -> int:
    """Determinant of a square integer matrix (Bareiss, fraction-free)."""
    a = [row[:] for row in m]
    n = len(a)
    sign = 1
    prev = 1
    for k in range(n - 1):
        if a[k][k] == 0:
            for r in range(k + 1, n):
                if a[r][k] != 0:
                    a[k], a[r] = a[r], a[k]
                    sign = -sign
                    break
            else:
                return 0
        for i in range(k + 1, n):
            for j in range(k + 1, n):
                a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) // prev
        prev = a[k][k]
    return sign * a[n - 1][n - 1]


def _det_mp(m: list[list[Any]]) -> Any:
    """Determinant of a small mpmath matrix by elimination with partial pivoting (exactly
    zero for a zero pivot column, where ``mpmath.det`` fails)."""
    a = [[mpmath.mpf(x) for x in row] for row in m]
    n = len(a)
    det = mpmath.mpf(1)
    for k in range(n):
        pivot = max(range(k, n), key=lambda r: abs(a[r][k]))
        if not a[pivot][k]:
            return mpmath.mpf(0)
        if pivot != k:
            a[k], a[pivot] = a[pivot], a[k]
            det = -det
        det *= a[k][k]
        for i in range(k + 1, n):
            f = a[i][k] / a[k][k]
            for j in range(k + 1, n):
                a[i][j] -= f * a[k][j]
    return det


def _as_fraction(value: Any, name: str) -> Fraction | None:
    """An exact rational, or ``None`` for a float / mpmath value (numeric mode)."""
    if isinstance(value, bool):
        raise InvalidArgumentError(f"{name} = {value!r} must be a length, not a bool")
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise InvalidArgumentError(f"{name} = {value!r} is not a number") from None
    return None


def _positive(value: Any, name: str) -> None:
    try:
        ok = value > 0
    except TypeError:
        raise InvalidArgumentError(f"{name} = {value!r} must be a real number") from None
    if not ok:
        raise InvalidArgumentError(f"{name} = {value} must be a positive length")


class Tetrahedron:
    """A Euclidean tetrahedron (or its non-Euclidean continuation) from six edge lengths.

    Parameters
    ----------
    lengths
        Six positive edge lengths in the 6j order (see the module docstring).  Integers,
        :class:`~fractions.Fraction` and strings such as ``"3/2"`` are exact: then the
        Cayley-Menger determinant, the face areas squared and the regime are exact
        rationals.  Floats and mpmath numbers switch to numeric mode (the regime then
        uses the sign of a rounded determinant).

    Raises
    ------
    InvalidArgumentError
        If there are not six lengths or one is not positive.

    Examples
    --------
    >>> t = Tetrahedron([1, 1, 1, 1, 1, 1])
    >>> t.regime, t.volume_squared()
    (<Regime.EUCLIDEAN: 'euclidean'>, Fraction(1, 72))
    >>> print(t.dihedral_cosine(1))          # exterior angle of the regular tetrahedron
    -1/3
    >>> Tetrahedron([1, 1, 1, 1, 1, "1.8"]).regime
    <Regime.NON_EUCLIDEAN: 'non-euclidean'>
    """

    def __init__(self, lengths: Sequence[Any]) -> None:
        if len(lengths) != 6:
            raise InvalidArgumentError(f"lengths = {list(lengths)!r} must be six edge lengths (the 6j order)")
        exact = [_as_fraction(v, f"l{k}") for k, v in enumerate(lengths, start=1)]
        for k, v in enumerate(lengths, start=1):
            _positive(exact[k - 1] if exact[k - 1] is not None else v, f"l{k}")
        self._exact = all(x is not None for x in exact)
        if self._exact:
            fr = [x for x in exact if x is not None]
            self.lengths: tuple[Any, ...] = tuple(fr)
            den = 1
            for x in fr:
                den = den * x.denominator // _gcd(den, x.denominator)
            self._scale = den  # integer lengths L = den * l
            self._L2 = [int(x * den) ** 2 for x in fr]
        else:
            self.lengths = tuple(mpmath.mpf(v) for v in lengths)
            self._scale = 1
            self._L2 = [x * x for x in self.lengths]

    # -- exact core ----------------------------------------------------------------------

    @property
    def is_exact(self) -> bool:
        """True when all six lengths are rational (exact mode)."""
        return self._exact

    def _d2(self) -> list[list[Any]]:
        d = [[0] * 4 for _ in range(4)]
        for e, (a, b) in SIXJ_EDGES.items():
            d[a - 1][b - 1] = d[b - 1][a - 1] = self._L2[e - 1]
        return d

    @cached_property
    def _cm(self) -> list[list[Any]]:
        d = self._d2()
        return [[0, 1, 1, 1, 1]] + [[1, *d[i]] for i in range(4)]

    def _det(self, m: list[list[Any]]) -> Any:
        if self._exact:
            return _det_int(m)
        return _det_mp(m)

    @cached_property
    def _cm_det(self) -> Any:
        return self._det(self._cm)

    @cached_property
    def _cofactors(self) -> dict[tuple[int, int], Any]:
        cm = self._cm
        out: dict[tuple[int, int], Any] = {}
        for i in range(1, 5):
            for k in range(i, 5):
                minor = [[cm[r][c] for c in range(5) if c != k] for r in range(5) if r != i]
                out[(i, k)] = out[(k, i)] = (-1) ** (i + k) * self._det(minor)
        return out

    def _unscale(self, value: Any, power: int) -> Any:
        """A quantity of length dimension ``power`` computed with integer lengths, rescaled."""
        if self._exact:
            return Fraction(value, self._scale**power)
        return value

    def cayley_menger(self) -> Any:
        """``det CM`` of the lengths (``= 288 V^2``); exact :class:`~fractions.Fraction` in exact mode."""
        return self._unscale(self._cm_det, 6)

    def volume_squared(self) -> Any:
        """``V^2 = det CM / 288`` (negative in the non-Euclidean regime)."""
        return self.cayley_menger() / 288

    def face_area_squared(self, face: int) -> Any:
        """``A^2`` of face ``face`` (1..4, the triads in the 6j order), by Heron's formula
        (``16 A^2 = -C_kk``, exact in exact mode)."""
        if face not in (1, 2, 3, 4):
            raise InvalidArgumentError(f"face = {face!r} must be 1, 2, 3 or 4")
        return self._unscale(-self._cofactors[(face, face)], 4) / 16

    @cached_property
    def regime(self) -> Regime:
        """The :class:`Regime` of the lengths (exact in exact mode)."""
        if any(self.face_area_squared(f) <= 0 for f in (1, 2, 3, 4)):
            return Regime.DEGENERATE
        det = self._cm_det
        if det > 0:
            return Regime.EUCLIDEAN
        if det == 0:
            return Regime.FLAT
        return Regime.NON_EUCLIDEAN

    def require(self, *allowed: Regime, what: str = "this formula", names: str = "lengths") -> None:
        """Raise :class:`RegimeError` unless the regime is one of ``allowed``."""
        if self.regime not in allowed:
            need = " or ".join(str(r) for r in allowed)
            raise RegimeError(
                f"{names} = {self.describe()} give a {self.regime} tetrahedron "
                f"(Cayley-Menger determinant {_sign_word(self._cm_det)}); {what} needs a {need} one"
            )

    def describe(self) -> str:
        return "(" + ", ".join(str(x) if self._exact else mpmath.nstr(x, 8) for x in self.lengths) + ")"

    # -- angles --------------------------------------------------------------------------

    def dihedral_cosine(self, edge: int) -> Any:
        """``cos`` of the exterior dihedral angle at ``edge`` (1..6): an exact
        :class:`~tqft.exact.SqrtRational` in exact mode, an mpf otherwise."""
        i, k = self._hinge(edge)
        c = self._cofactors
        if self._exact:
            return SqrtRational(Fraction(-c[(i, k)]), 1) / SqrtRational(1, c[(i, i)] * c[(k, k)])
        return -c[(i, k)] / mpmath.sqrt(c[(i, i)] * c[(k, k)])

    def dihedral_sine_squared(self, edge: int) -> Any:
        """``sin^2`` of the dihedral angle at ``edge``, ``2 l_e^2 det CM / (C_ii C_kk)``
        (exact in exact mode; negative in the non-Euclidean regime)."""
        i, k = self._hinge(edge)
        c = self._cofactors
        num = 2 * self._L2[edge - 1] * self._cm_det
        den = c[(i, i)] * c[(k, k)]
        return Fraction(num, den) if self._exact else num / den

    def _hinge(self, edge: int) -> tuple[int, int]:
        if edge not in _HINGE:
            raise InvalidArgumentError(f"edge = {edge!r} must be 1..6 (the 6j order)")
        return _HINGE[edge]

    def dihedral_angles(self, kind: str = "exterior") -> tuple[Any, ...]:
        """The six dihedral angles (edge order), at the current mpmath precision.

        ``kind="exterior"`` (default; the Ponzano-Regge convention) or ``"interior"``
        (``pi`` minus it).  Real in the Euclidean and flat regimes; in the non-Euclidean
        regime complex, continued with the branch ``V = +i|V|`` (module docstring).

        >>> [mpmath.nstr(a, 6) for a in Tetrahedron([1] * 6).dihedral_angles("interior")][:2]
        ['1.23096', '1.23096']
        """
        if kind not in ("exterior", "interior"):
            raise InvalidArgumentError(f"kind = {kind!r} must be 'exterior' or 'interior'")
        if self.regime is Regime.DEGENERATE:
            self.require(Regime.EUCLIDEAN, Regime.FLAT, Regime.NON_EUCLIDEAN, what="a dihedral angle")
        out = []
        c = self._cofactors
        for e in range(1, 7):
            i, k = _HINGE[e]
            den = mpmath.sqrt(mpmath.mpf(c[(i, i)]) * c[(k, k)])
            cos = -mpmath.mpf(c[(i, k)]) / den
            s2 = mpmath.mpf(2 * self._L2[e - 1]) * self._cm_det
            if s2 >= 0:
                theta: Any = mpmath.atan2(mpmath.sqrt(s2) / den, cos)
            else:
                eta = mpmath.asinh(mpmath.sqrt(-s2) / den)
                theta = mpmath.mpc(0, eta) if cos > 0 else mpmath.mpc(mpmath.pi, -eta)
            out.append(mpmath.pi - theta if kind == "interior" else theta)
        return tuple(out)

    def volume(self) -> Any:
        """``V`` (an mpf); raises :class:`RegimeError` unless Euclidean or flat."""
        self.require(Regime.EUCLIDEAN, Regime.FLAT, what="a real volume")
        return mpmath.sqrt(to_mpf(self.volume_squared()))

    def regge_action(self) -> Any:
        """``sum_e l_e theta_e`` with exterior angles (complex in the non-Euclidean regime)."""
        return mpmath.fsum(to_mpf(x) * th for x, th in zip(self.lengths, self.dihedral_angles()))

    def __repr__(self) -> str:
        return f"Tetrahedron({[str(x) for x in self.lengths] if self._exact else list(self.lengths)!r})"


def to_mpf(x: Any) -> Any:
    """An mpf from an int, Fraction or mpmath/float value (Fractions are divided at the
    current precision, never rounded through a float)."""
    if isinstance(x, Fraction):
        return mpmath.mpf(x.numerator) / x.denominator
    return mpmath.mpf(x)


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def _sign_word(x: Any) -> str:
    return "positive" if x > 0 else ("zero" if x == 0 else "negative")


def cayley_menger_closed_form(lengths: Sequence[Any]) -> Any:
    """``288 V^2`` from the classical closed form in squared edges (opposite pairs
    ``(a, a')``, faces in the 6j order), independent of any determinant:

    .. math::

        144 V^2 = \\sum_{(a,a')} a^2 a'^2 (\\Sigma - 2 a^2 - 2 a'^2) - \\sum_{faces} a^2 b^2 c^2,
        \\qquad \\Sigma = \\text{sum of the six squares}

    (each pair term is ``a^2 a'^2`` times the sum of the four other squares minus
    ``a^2 + a'^2``).  Exact for rational input.

    >>> cayley_menger_closed_form([1, 1, 1, 1, 1, 1])
    Fraction(4, 1)
    """
    sq = [Fraction(x) ** 2 if isinstance(x, int | Fraction | str) else mpmath.mpf(x) ** 2 for x in lengths]
    if len(sq) != 6:
        raise InvalidArgumentError(f"lengths = {list(lengths)!r} must be six edge lengths")
    total = sum(sq)
    pairs = sum(sq[p - 1] * sq[q - 1] * (total - 2 * sq[p - 1] - 2 * sq[q - 1]) for p, q in OPPOSITE_PAIRS)
    faces = sum(sq[a - 1] * sq[b - 1] * sq[c - 1] for a, b, c in SIXJ_FACES)
    return 2 * (pairs - faces)


def sixj_tetrahedron(j1: Any, j2: Any, j3: Any, j4: Any, j5: Any, j6: Any) -> Tetrahedron:
    """The Ponzano-Regge tetrahedron of ``{j1 j2 j3; j4 j5 j6}``: edge lengths ``j + 1/2``
    (exact), edges in the 6j order.

    >>> sixj_tetrahedron(1, 1, 1, 1, 1, 1).lengths[0]
    Fraction(3, 2)
    """
    cols = [colour(v, f"j{k}") for k, v in enumerate((j1, j2, j3, j4, j5, j6), start=1)]
    return Tetrahedron([spin(c) + Fraction(1, 2) for c in cols])


# --- the classical triangle of the 3j symbol ----------------------------------------------


class ThreejGeometry(NamedTuple):
    """The classical configuration of ``(j1 j2 j3; m1 m2 m3)``: vectors ``J_i`` of length
    ``j_i + 1/2`` with z-components ``m_i`` closing a triangle (``J1 = B - A``,
    ``J2 = C - B``, ``J3 = A - C``, heights ``z_A = 0``, ``z_B = m1``, ``z_C = m1 + m2``).

    ``area_squared`` is the squared area of the triangle's projection onto the xy-plane
    (exact; ``> 0`` in the classically allowed region), ``theta`` the exterior dihedral
    angles at ``J_i`` between the triangle and the vertical plane through ``J_i`` (the
    tetrahedron whose fourth vertex is at ``z = +infinity``), ``alpha`` the interior
    angles of the projected triangle at ``A, B, C``.
    """

    lengths: tuple[Fraction, Fraction, Fraction]
    m: tuple[Fraction, Fraction, Fraction]
    area_squared: Fraction
    theta: tuple[Any, Any, Any]
    alpha: tuple[Any, Any, Any]


def threej_geometry(j: Sequence[Fraction], m: Sequence[Fraction]) -> ThreejGeometry:
    """The :class:`ThreejGeometry` of spins ``j`` and projections ``m`` (Fractions);
    raises :class:`RegimeError` outside the classically allowed region."""
    lengths = tuple(Fraction(x) + Fraction(1, 2) for x in j)
    mm = tuple(Fraction(x) for x in m)
    rho2 = [lengths[i] ** 2 - mm[i] ** 2 for i in range(3)]
    a, b, c = rho2
    area16 = 2 * (a * b + b * c + c * a) - (a * a + b * b + c * c)  # 16 A^2 from squared sides
    area2 = area16 / 16
    if area2 <= 0:
        raise RegimeError(
            f"(j, m) = ({', '.join(map(str, j))}; {', '.join(map(str, m))}) is outside the classically allowed "
            f"region of the 3j symbol (projected triangle area^2 = {area2}); the semiclassical formula needs > 0"
        )
    rho = [mpmath.sqrt(mpmath.mpf(x.numerator) / x.denominator) for x in rho2]
    cx = (rho[2] ** 2 - rho[1] ** 2 + rho[0] ** 2) / (2 * rho[0])
    cy = 2 * mpmath.sqrt(mpmath.mpf(area2.numerator) / area2.denominator) / rho[0]
    pa = mpmath.matrix([0, 0, 0])
    pb = mpmath.matrix([rho[0], 0, to_mpf(mm[0])])
    pc = mpmath.matrix([cx, cy, to_mpf(mm[0] + mm[1])])

    def cross(u: Any, v: Any) -> Any:
        return mpmath.matrix([u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]])

    def dot(u: Any, v: Any) -> Any:
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2]

    def angle(u: Any, v: Any) -> Any:
        w = cross(u, v)
        return mpmath.atan2(mpmath.sqrt(dot(w, w)), dot(u, v))

    normal = cross(pb - pa, pc - pa)
    if normal[2] > 0:  # outward = away from the vertex at z = +infinity
        normal = -normal
    up = mpmath.matrix([0, 0, 1])
    theta = []
    for p, q, third in ((pa, pb, pc), (pb, pc, pa), (pc, pa, pb)):
        side = cross(q - p, up)
        if dot(side, third - p) > 0:
            side = -side
        theta.append(angle(side, normal))
    flat = [mpmath.matrix([v[0], v[1], 0]) for v in (pa, pb, pc)]
    alpha = tuple(angle(flat[(k + 1) % 3] - flat[k], flat[(k + 2) % 3] - flat[k]) for k in range(3))
    return ThreejGeometry(lengths, mm, area2, (theta[0], theta[1], theta[2]), alpha)  # type: ignore[arg-type]
