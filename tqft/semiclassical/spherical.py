"""Spherical tetrahedra: the geometry of q-6j symbols at roots of unity.

Edge lengths are arc lengths in the unit 3-sphere; the Gram matrix of the vertex vectors
is ``G_ik = cos d_ik``.  Dihedral angles come from spherical trigonometry at a vertex
(the face angles from the spherical law of cosines written with haversines, so that small
tetrahedra lose no precision; the dihedral angle is the angle of the vertex link), and the
volume from Schläfli's formula ``dV = (1/2) sum_e l_e d(theta_e)`` (interior angles,
curvature +1) integrated along the ray ``t * l``, ``0 < t <= 1``:
``V = (1/2) [sum_e l_e theta_e - int_0^1 sum_e l_e theta_e(t l) dt]``.  This needs the whole
ray to consist of spherical tetrahedra (in particular a Euclidean tetrahedron with edges
proportional to ``l``); otherwise :class:`~tqft.semiclassical.geometry.RegimeError` is
raised.

For the quantum 6j symbol at ``q = e^{i pi / r}`` the edge lengths are
``l_e = 2 pi (j_e + 1/2) / r`` (Taylor and Woodward 2005; Mizoguchi and Tada 1992).

The edge order is that of the 6j symbol (:data:`~tqft.semiclassical.geometry.SIXJ_EDGES`).

References
----------
* Y. U. Taylor, C. T. Woodward, *6j symbols for U_q(sl2) and non-Euclidean tetrahedra*,
  Selecta Math. 11 (2005) 539.
* S. Mizoguchi, T. Tada, *Three-dimensional gravity from the Turaev-Viro invariant*,
  Phys. Rev. Lett. 68 (1992) 1795.
* L. Schläfli's differential formula, e.g. J. Milnor, *The Schläfli differential equality*
  (Collected papers, vol. 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import mpmath

from ..errors import InvalidArgumentError
from ..spins import colour, spin
from .geometry import SIXJ_EDGES, RegimeError, _det_mp

__all__ = ["SphericalTetrahedron", "qsixj_tetrahedron"]


def _hav(x: Any) -> Any:
    s = mpmath.sin(x / 2)
    return s * s


class SphericalTetrahedron:
    """A tetrahedron in the unit 3-sphere from six arc lengths (6j edge order, mpmath).

    Angles are **interior** dihedral angles unless ``kind="exterior"`` is asked
    (``pi`` minus them).  See the module docstring for the method.

    Raises
    ------
    InvalidArgumentError
        If a length is not in ``(0, pi)``.

    Examples
    --------
    >>> t = SphericalTetrahedron([mpmath.pi / 2] * 6)   # vertices e1..e4 of R^4
    >>> mpmath.nstr(t.volume() / mpmath.pi**2, 10)        # 1/16 of the 3-sphere
    '0.125'
    """

    def __init__(self, lengths: Sequence[Any]) -> None:
        if len(lengths) != 6:
            raise InvalidArgumentError(f"lengths = {list(lengths)!r} must be six arc lengths (the 6j order)")
        self.lengths = tuple(mpmath.mpf(x) for x in lengths)
        for k, x in enumerate(self.lengths, start=1):
            if not 0 < x < mpmath.pi:
                raise InvalidArgumentError(f"l{k} = {mpmath.nstr(x, 8)} must be an arc length in (0, pi)")

    def _dist(self, lengths: Sequence[Any] | None = None) -> list[list[Any]]:
        ls = self.lengths if lengths is None else lengths
        d: list[list[Any]] = [[mpmath.mpf(0)] * 4 for _ in range(4)]
        for e, (a, b) in SIXJ_EDGES.items():
            d[a - 1][b - 1] = d[b - 1][a - 1] = ls[e - 1]
        return d

    def gram_determinant(self) -> Any:
        """``det G``, ``G_ik = cos d_ik``, evaluated as ``det(-2H) + 1^T adj(-2H) 1`` with the
        haversine matrix ``H_ik = sin^2(d_ik / 2)`` (``G = 1 1^T - 2H``), which keeps small
        tetrahedra accurate.  Positive exactly when a spherical tetrahedron exists (given
        spherical faces)."""
        d = self._dist()
        m = mpmath.matrix(4, 4)
        for i in range(4):
            for k in range(4):
                m[i, k] = -2 * _hav(d[i][k]) if i != k else mpmath.mpf(0)
        rows = [[m[i, k] for k in range(4)] for i in range(4)]
        total = _det_mp(rows)
        for i in range(4):
            for k in range(4):
                minor = [[rows[a][b] for b in range(4) if b != i] for a in range(4) if a != k]
                total += (-1) ** (i + k) * _det_mp(minor)  # adj(m)[i, k]
        return total

    def _angles(self, lengths: Sequence[Any]) -> list[Any] | None:
        """Interior dihedral angles, or ``None`` when the lengths are not a tetrahedron."""
        hav: list[list[Any]] = [[0] * 4 for _ in range(4)]
        sin: list[list[Any]] = [[0] * 4 for _ in range(4)]
        for e, (a, b) in SIXJ_EDGES.items():
            x = lengths[e - 1]
            h = mpmath.sin(x / 2)
            hav[a - 1][b - 1] = hav[b - 1][a - 1] = h * h
            sin[a - 1][b - 1] = sin[b - 1][a - 1] = mpmath.sin(x)

        def face_cos(a: int, b: int, c: int) -> Any:
            # spherical law of cosines for the face angle at a, in haversines
            hab, hac, hbc = hav[a][b], hav[a][c], hav[b][c]
            return (2 * hab + 2 * hac - 2 * hbc - 4 * hab * hac) / (sin[a][b] * sin[a][c])

        out = []
        for e in range(1, 7):
            a, b = (v - 1 for v in SIXJ_EDGES[e])
            c, f = (v for v in range(4) if v not in (a, b))
            cbc, cbf, ccf = face_cos(a, b, c), face_cos(a, b, f), face_cos(a, c, f)
            if max(abs(cbc), abs(cbf), abs(ccf)) >= 1:
                return None
            cos = (ccf - cbc * cbf) / mpmath.sqrt((1 - cbc * cbc) * (1 - cbf * cbf))
            if abs(cos) > 1:
                return None
            out.append(mpmath.acos(cos))
        return out

    def is_realisable(self) -> bool:
        """True when the lengths are those of a spherical tetrahedron (faces are spherical
        triangles and ``det G > 0``)."""
        return self._angles(self.lengths) is not None and self.gram_determinant() > 0

    def require_realisable(self, names: str = "lengths") -> None:
        if not self.is_realisable():
            shown = "(" + ", ".join(mpmath.nstr(x, 8) for x in self.lengths) + ")"
            raise RegimeError(
                f"{names} = {shown} are not the arc lengths of a spherical tetrahedron "
                f"(Gram determinant {mpmath.nstr(self.gram_determinant(), 5)}); the formula needs one"
            )

    def dihedral_angles(self, kind: str = "interior") -> tuple[Any, ...]:
        """The six dihedral angles (edge order): ``"interior"`` (default) or ``"exterior"``."""
        if kind not in ("exterior", "interior"):
            raise InvalidArgumentError(f"kind = {kind!r} must be 'exterior' or 'interior'")
        angles = self._angles(self.lengths)
        if angles is None:
            self.require_realisable()
            raise AssertionError("unreachable")  # pragma: no cover
        return tuple(mpmath.pi - a for a in angles) if kind == "exterior" else tuple(angles)

    def volume(self) -> Any:
        """The volume by Schläfli's formula along the ray ``t * l`` (module docstring).

        Raises :class:`~tqft.semiclassical.geometry.RegimeError` if the tetrahedron, or a point of the ray, is not a
        spherical tetrahedron.
        """
        self.require_realisable()
        ls = self.lengths

        def integrand(t: Any) -> Any:
            angles = self._angles([t * x for x in ls])
            if angles is None:
                raise RegimeError(
                    "the spherical volume integrates Schläfli's formula along t * lengths, but at t = "
                    f"{mpmath.nstr(t, 6)} the scaled lengths are not a tetrahedron (there is no Euclidean "
                    "tetrahedron with proportional edges); this volume is not supported"
                )
            return mpmath.fsum(x * a for x, a in zip(ls, angles))

        end = mpmath.fsum(x * a for x, a in zip(ls, self.dihedral_angles()))
        tolerance = mpmath.mpf(10) ** (-mpmath.mp.dps - 2)
        with mpmath.extradps(10):
            # Gauss-Legendre is fast for the smooth integrand; tanh-sinh if it does not converge
            integral, err = mpmath.quad(integrand, [0, 1], method="gauss-legendre", error=True)
            if err > tolerance * max(1, abs(integral)):
                integral = mpmath.quad(integrand, [0, 1], method="tanh-sinh")
        return (end - integral) / 2


def qsixj_tetrahedron(j1: Any, j2: Any, j3: Any, j4: Any, j5: Any, j6: Any, r: int) -> SphericalTetrahedron:
    """The spherical tetrahedron of the q-6j symbol at ``q = e^{i pi / r}``: arc lengths
    ``2 pi (j + 1/2) / r`` (Taylor and Woodward 2005)."""
    if not isinstance(r, int) or isinstance(r, bool) or r < 3:
        raise InvalidArgumentError(f"r = {r!r} must be an integer >= 3 (q = e^(i pi / r))")
    cols = [colour(v, f"j{k}") for k, v in enumerate((j1, j2, j3, j4, j5, j6), start=1)]
    for k, c in enumerate(cols, start=1):
        if c > r - 2:
            raise InvalidArgumentError(f"j{k} = {spin(c)} exceeds (r - 2)/2 = {Fraction(r - 2, 2)} at r = {r}")
    return SphericalTetrahedron([2 * mpmath.pi * (mpmath.mpf(c) + 1) / (2 * r) for c in cols])
