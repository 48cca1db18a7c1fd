"""Asymptotic formulas for recoupling coefficients, as mpmath functions at any precision.

Every function takes spins in any form :mod:`tqft.spins` accepts and returns an mpmath
``mpf`` at the current precision, or at ``dps`` decimal digits when given.  The
oscillating ones can return their :class:`Oscillation` (amplitude and phase, value
``amplitude * cos(phase)``) with ``terms=True``; the convergence studies use it to measure
errors that do not blow up at the zeros of the cosine.

Conventions
-----------
All checked against the exact symbols of :mod:`tqft.recoupling`, whose phases are sympy's.

* **Ponzano-Regge** (allowed region; Ponzano and Regge 1968, proved by Roberts 1999):
  with the tetrahedron of edge lengths ``l_e = j_e + 1/2`` (edge order and faces in
  :mod:`tqft.semiclassical.geometry`), volume ``V`` and *exterior* dihedral angles
  ``theta_e``,

  .. math:: \\{6j\\} \\approx \\frac{1}{\\sqrt{12 \\pi V}} \\cos\\Big(\\sum_e l_e \\theta_e + \\frac{\\pi}{4}\\Big).

  Relative error ``O(1/j)`` under uniform scaling; the correction is a phase shift
  (Dupuis and Livine 2009), see :mod:`tqft.semiclassical.convergence`.
* **Forbidden region** (no Euclidean tetrahedron, ``V^2 < 0``; Ponzano and Regge 1968,
  Schulten and Gordon 1975): with the angles continued as in the geometry module,
  ``sum_e l_e theta_e = S* + i Im S`` where ``S* = pi * sum of l_e over the edges with
  Re theta_e = pi``,

  .. math:: \\{6j\\} \\approx \\frac{\\sigma}{2\\sqrt{12\\pi |V|}} e^{-|\\operatorname{Im} S|},
     \\qquad \\sigma = \\sqrt{2}\\cos(S^* + \\pi/4) \\in \\{\\pm 1\\}.

* **Uniform (Airy) approximation** across the caustic ``V = 0`` (the idea of Schulten and
  Gordon 1975; the uniform Airy form of a WKB solution with two coalescing turning points):
  measure the action from the flat tetrahedron nearest in action,
  ``Phi = sum_e l_e (theta_e - theta*_e)`` with ``theta*_e`` in ``{0, pi}`` the exterior
  angles of a flat configuration (a convex quadrilateral with its two diagonals, or a
  triangle with an interior point), ``zeta = (3|Phi|/2)^(2/3)``, and

  .. math:: \\{6j\\} \\approx \\sigma \\sqrt{\\pi}\\,
     \\frac{\\zeta^{1/4}\\operatorname{Ai}(\\mp\\zeta)}{\\sqrt{12\\pi |V|}}, \\qquad
     \\sigma = \\sqrt{2}\\cos(S^* + \\pi/4),\\; S^* = \\textstyle\\sum_e l_e\\theta^*_e,

  with ``Ai(-zeta)`` in the allowed and ``Ai(+zeta)`` in the forbidden region.  Far from
  the caustic it reduces to the two formulas above (``Ai``'s asymptotics); near it,
  where they blow up, it stays accurate.
* **Semiclassical 3j symbol** (Ponzano and Regge 1968; Schulten and Gordon 1975): vectors
  ``J_i`` of length ``j_i + 1/2`` and z-components ``m_i`` closing a triangle (see
  :func:`~tqft.semiclassical.geometry.threej_geometry`), ``A`` the area of its projection
  on the xy-plane, ``theta_i`` the exterior dihedral angles at ``J_i`` of the tetrahedron
  with fourth vertex at ``z = +infinity``, ``alpha_V`` the angles of the projected triangle
  and ``z_V`` the vertex heights (``z_A = 0, z_B = m1, z_C = m1 + m2``):

  .. math:: \\begin{pmatrix} j_1 & j_2 & j_3 \\\\ m_1 & m_2 & m_3 \\end{pmatrix} \\approx
     \\frac{(-1)^{j_1 - j_2 + j_3 + 1}}{\\sqrt{2\\pi A}}
     \\cos\\Big(\\sum_i (j_i + \\tfrac12)\\theta_i - \\sum_V z_V (\\pi - \\alpha_V) + \\frac{\\pi}{4}\\Big).

  This is the Ponzano-Regge formula of the tetrahedron of ``{j1 j2 j3; R - m2, R + m1, R}``
  as ``R -> infinity``: ``(j1 j2 j3; m1 m2 m3) = lim (-1)^(2j1 + 2j2 + J + 2R) sqrt(2R + 1)
  {j1 j2 j3; R - m2, R + m1, R}`` (``J = j1 + j2 + j3``; checked against the exact symbols),
  whose amplitude ``sqrt(2R+1)/sqrt(12 pi V)`` tends to ``1/sqrt(2 pi A)`` and whose long
  edges contribute the ``z_V (pi - alpha_V)`` terms.
* **Edmonds** (one small spin; Edmonds 1957, Appendix 2; DLMF 34.8.1 for ``mu = nu = 0``):
  for ``{a b c; d e f}`` with ``f`` small, ``mu = e - a``, ``nu = d - b``,

  .. math:: \\{a\\, b\\, c;\\, d\\, e\\, f\\} \\approx (-1)^{b + c + e + f}\\,
     \\frac{d^{f}_{\\mu\\nu}(\\theta)}{\\sqrt{(2a+1)(2b+1)}}, \\qquad
     \\cos\\theta = \\frac{a(a+1) + b(b+1) - c(c+1)}{2\\sqrt{a(a+1)b(b+1)}},

  relative error ``O(1/j)`` (``O(1/j^2)`` when ``mu = nu = 0``).  ``symmetric=True`` uses
  the midpoint lengths ``A = (a+e+1)/2``, ``B = (b+d+1)/2``, ``C = c + 1/2``:
  ``cos theta = (A^2 + B^2 - C^2)/(2AB)`` and amplitude ``1/(2 sqrt(AB))``; its error is
  observed to be ``O(1/j^2)`` for all ``mu, nu``.  ``d^j_{m'm}(beta) = <j m'| e^{-i beta J_y}
  |j m>`` (Wigner's convention, :func:`wigner_small_d`).
* **Taylor-Woodward** (the q-6j at ``q = e^{i pi / r}``; Taylor and Woodward 2005): with
  the spherical tetrahedron of arc lengths ``l_e = 2 pi (j_e + 1/2)/r``, Gram matrix
  ``G``, volume ``Vol`` and exterior angles ``theta_e``,

  .. math:: \\{6j\\}_q \\approx \\frac{2\\pi}{r^{3/2} (\\det G)^{1/4}}
     \\cos\\Big(\\sum_e (j_e + \\tfrac12)\\theta_e + \\frac{r}{\\pi}\\mathrm{Vol} + \\frac{\\pi}{4}\\Big)

  for the unitary (Kirillov-Reshetikhin) q-6j of :func:`tqft.recoupling.wigner_6j` with
  ``context="root:r"``.  It tends to Ponzano-Regge as ``r -> infinity`` at fixed spins.

References
----------
Ponzano, Regge (1968); Roberts, Geom. Topol. 3 (1999) 21; Schulten, Gordon, J. Math.
Phys. 16 (1975) 1961 and 1971; Edmonds, *Angular Momentum in Quantum Mechanics* (1957),
App. 2; DLMF 34.8; Taylor, Woodward, Selecta Math. 11 (2005) 539; Dupuis, Livine, Phys.
Rev. D 80 (2009) 024035; Aquilanti, Haggard, Littlejohn, Yu, J. Phys. A 40 (2007) 5637.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

import mpmath

from ..errors import InvalidArgumentError
from ..spins import colour, doubled, require_admissible, spin, spin_str
from .geometry import OPPOSITE_PAIRS, SIXJ_FACES, Regime, RegimeError, Tetrahedron, threej_geometry, to_mpf
from .geometry import working_precision as _precision
from .spherical import qsixj_tetrahedron

__all__ = [
    "Oscillation",
    "edmonds_6j",
    "ponzano_regge",
    "ponzano_regge_forbidden",
    "semiclassical_3j",
    "sixj_uniform",
    "taylor_woodward",
    "wigner_small_d",
]

_SIXJ_NAMES = ("j1", "j2", "j3", "j4", "j5", "j6")
_SIXJ_TRIADS = ((0, 1, 2), (0, 4, 5), (3, 1, 5), (3, 4, 2))


class Oscillation(NamedTuple):
    """An oscillating asymptotic value ``amplitude * cos(phase)``."""

    amplitude: Any
    phase: Any

    def value(self) -> Any:
        return self.amplitude * mpmath.cos(self.phase)


def _finish(value: Any, terms: bool) -> Any:
    if terms:
        return Oscillation(+value.amplitude, +value.phase)
    return +value.value()


def sixj_colours_checked(args: tuple[Any, ...]) -> tuple[int, ...]:
    """Parse six spins and require the four triads of the 6j symbol to be admissible."""
    cols = tuple(colour(v, n) for v, n in zip(args, _SIXJ_NAMES))
    for i, j, k in _SIXJ_TRIADS:
        require_admissible(
            cols[i],
            cols[j],
            cols[k],
            f"the triad ({_SIXJ_NAMES[i]}, {_SIXJ_NAMES[j]}, {_SIXJ_NAMES[k]}) of the 6j symbol",
        )
    return cols


def _pr_tetrahedron(cols: tuple[int, ...]) -> Tetrahedron:
    return Tetrahedron([spin(c) + Fraction(1, 2) for c in cols])


_NAMES = "(j1 + 1/2, ..., j6 + 1/2)"


def _pr_terms(cols: tuple[int, ...]) -> Oscillation:
    tet = _pr_tetrahedron(cols)
    tet.require(
        Regime.EUCLIDEAN,
        what="the allowed-region Ponzano-Regge formula (use ponzano_regge_forbidden or sixj_uniform)",
        names=_NAMES,
    )
    amplitude = 1 / mpmath.sqrt(12 * mpmath.pi * tet.volume())
    return Oscillation(amplitude, tet.regge_action() + mpmath.pi / 4)


def ponzano_regge(
    j1: Any, j2: Any, j3: Any, j4: Any, j5: Any, j6: Any, *, dps: int | None = None, terms: bool = False
) -> Any:
    """The Ponzano-Regge approximation of ``{j1 j2 j3; j4 j5 j6}`` (allowed region).

    ``cos(sum_e (j_e + 1/2) theta_e + pi/4) / sqrt(12 pi V)`` with the tetrahedron of edge
    lengths ``j + 1/2`` (exterior dihedral angles; module docstring).

    Parameters
    ----------
    j1, ..., j6
        Spins with admissible triads.
    dps
        Decimal digits (default: the current mpmath precision).
    terms
        Return the :class:`Oscillation` instead of the value.

    Raises
    ------
    AdmissibilityError
        If a triad is not admissible (the exact symbol is zero; there is no tetrahedron).
    tqft.semiclassical.geometry.RegimeError
        If the tetrahedron is flat or has no Euclidean realisation.

    Examples
    --------
    >>> from tqft import wigner_6j
    >>> mpmath.nstr(ponzano_regge(100, 100, 100, 100, 100, 100, dps=20), 8)
    '-0.00046982406'
    >>> mpmath.nstr(wigner_6j(100, 100, 100, 100, 100, 100).to_mpmath(20), 8)
    '-0.00046984162'
    """
    with _precision(dps):
        return _finish(_pr_terms(sixj_colours_checked((j1, j2, j3, j4, j5, j6))), terms)


def _forbidden_value(cols: tuple[int, ...]) -> Any:
    tet = _pr_tetrahedron(cols)
    tet.require(
        Regime.NON_EUCLIDEAN,
        what="the forbidden-region Ponzano-Regge formula (use ponzano_regge or sixj_uniform)",
        names=_NAMES,
    )
    action = tet.regge_action()
    sigma = mpmath.sqrt(2) * mpmath.cos(action.real + mpmath.pi / 4)
    volume = mpmath.sqrt(-to_mpf(tet.volume_squared()))
    return mpmath.nint(sigma) * mpmath.exp(-abs(action.imag)) / (2 * mpmath.sqrt(12 * mpmath.pi * volume))


def ponzano_regge_forbidden(j1: Any, j2: Any, j3: Any, j4: Any, j5: Any, j6: Any, *, dps: int | None = None) -> Any:
    """The exponentially small 6j symbol where no Euclidean tetrahedron exists.

    ``sigma exp(-|Im S|) / (2 sqrt(12 pi |V|))`` with ``S`` the continued Regge action and
    ``sigma = +-1`` (module docstring).  Raises :class:`~tqft.semiclassical.geometry.RegimeError` unless the lengths
    ``j + 1/2`` are non-Euclidean with genuine triangular faces.

    >>> from tqft import wigner_6j
    >>> mpmath.nstr(ponzano_regge_forbidden(400, 600, 800, 600, 400, 600, dps=20), 6)
    '2.00655e-7'
    >>> mpmath.nstr(wigner_6j(400, 600, 800, 600, 400, 600).to_mpmath(20), 6)
    '1.98181e-7'
    """
    with _precision(dps):
        return +_forbidden_value(sixj_colours_checked((j1, j2, j3, j4, j5, j6)))


# --- uniform approximation --------------------------------------------------------------

# flat configurations: exterior angle pi on these edges, 0 on the others
_FLAT_PATTERNS: tuple[tuple[str, frozenset[int]], ...] = tuple(
    ("quadrilateral", frozenset(e for e in range(1, 7) if e not in pair)) for pair in OPPOSITE_PAIRS
) + tuple(("triangle", frozenset(face)) for face in SIXJ_FACES)


def _uniform_terms(cols: tuple[int, ...]) -> Oscillation | Any:
    tet = _pr_tetrahedron(cols)
    tet.require(
        Regime.EUCLIDEAN,
        Regime.NON_EUCLIDEAN,
        what="the uniform approximation (its value at an exactly flat tetrahedron is a limit, not implemented)",
        names=_NAMES,
    )
    lengths = [to_mpf(x) for x in tet.lengths]
    angles = tet.dihedral_angles()
    if tet.regime is Regime.NON_EUCLIDEAN:
        s_star = mpmath.fsum(lengths[e] * angles[e].real for e in range(6))
        sigma = mpmath.nint(mpmath.sqrt(2) * mpmath.cos(s_star + mpmath.pi / 4))
        phi = abs(mpmath.fsum(lengths[e] * angles[e].imag for e in range(6)))
        zeta = (3 * phi / 2) ** (mpmath.mpf(2) / 3)
        volume = mpmath.sqrt(-to_mpf(tet.volume_squared()))
        return (
            sigma
            * mpmath.sqrt(mpmath.pi)
            * zeta ** (mpmath.mpf(1) / 4)
            * mpmath.airyai(zeta)
            / mpmath.sqrt(12 * mpmath.pi * volume)
        )
    best: tuple[Any, Any] | None = None
    for kind, pi_edges in _FLAT_PATTERNS:
        phi = mpmath.fsum(lengths[e - 1] * (angles[e - 1] - (mpmath.pi if e in pi_edges else 0)) for e in range(1, 7))
        # a triangle-type caustic is approached with Phi > 0, a quadrilateral-type one with Phi < 0
        if (phi > 0) != (kind == "triangle"):
            continue
        if best is None or abs(phi) < abs(best[0]):
            best = (phi, mpmath.pi * mpmath.fsum(lengths[e - 1] for e in pi_edges))
    volume = tet.volume()
    if best is None:  # pragma: no cover - not met in tests; the plain formula is then the answer
        return _pr_terms(cols)
    phi, s_star = best
    sigma = mpmath.nint(mpmath.sqrt(2) * mpmath.cos(s_star + mpmath.pi / 4))
    zeta = (3 * abs(phi) / 2) ** (mpmath.mpf(2) / 3)
    # Ai(-x) = M(x) cos(th(x)), Bi(-x) = M(x) sin(th(x)): modulus and phase of the Airy pair
    ai, bi = mpmath.airyai(-zeta), mpmath.airybi(-zeta)
    modulus = mpmath.sqrt(ai * ai + bi * bi)
    amplitude = (
        sigma * mpmath.sqrt(mpmath.pi) * zeta ** (mpmath.mpf(1) / 4) * modulus / mpmath.sqrt(12 * mpmath.pi * volume)
    )
    return Oscillation(amplitude, mpmath.atan2(bi, ai))


def sixj_uniform(
    j1: Any, j2: Any, j3: Any, j4: Any, j5: Any, j6: Any, *, dps: int | None = None, terms: bool = False
) -> Any:
    """The uniform (Airy) approximation of the 6j symbol, valid across the caustic.

    Allowed and forbidden regions alike (module docstring); ``terms=True`` returns the
    :class:`Oscillation` in the allowed region (the Airy pair's modulus and phase) and
    raises :class:`~tqft.semiclassical.geometry.RegimeError` in the forbidden one, which does not oscillate.

    >>> from tqft import wigner_6j
    >>> j = (100, 100, 100, 100, 100, 173)          # next to the caustic at 173.2
    >>> [mpmath.nstr(x, 6) for x in (sixj_uniform(*j, dps=20), ponzano_regge(*j, dps=20))]
    ['0.000638177', '0.000885796']
    >>> mpmath.nstr(wigner_6j(*j).to_mpmath(20), 6)
    '0.000638277'
    """
    with _precision(dps):
        out = _uniform_terms(sixj_colours_checked((j1, j2, j3, j4, j5, j6)))
        if isinstance(out, Oscillation):
            return _finish(out, terms)
        if terms:
            raise RegimeError(
                f"(j1, ..., j6) = ({', '.join(str(x) for x in (j1, j2, j3, j4, j5, j6))}) is in the forbidden "
                "region, where the 6j symbol does not oscillate: there are no oscillation terms"
            )
        return +out


# --- the 3j symbol ----------------------------------------------------------------------


def _threej_parse(args: tuple[Any, ...]) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    names = ("j1", "j2", "j3", "m1", "m2", "m3")
    cj = [colour(v, n) for v, n in zip(args[:3], names[:3])]
    cm = [doubled(v, n, signed=True) for v, n in zip(args[3:], names[3:])]
    require_admissible(cj[0], cj[1], cj[2], "the triad (j1, j2, j3) of the 3j symbol")
    problems = []
    if sum(cm):
        problems.append("m1 + m2 + m3 != 0")
    for k in range(3):
        if abs(cm[k]) > cj[k] or (cj[k] - cm[k]) % 2:
            problems.append(f"m{k + 1} = {spin_str(cm[k])} is not a projection of j{k + 1} = {spin_str(cj[k])}")
    if problems:
        raise InvalidArgumentError(
            "the 3j symbol with these arguments is zero by a selection rule (" + "; ".join(problems) + "); "
            "the semiclassical formula needs m1 + m2 + m3 = 0 and |m_i| <= j_i with j_i - m_i integers"
        )
    return tuple(Fraction(c, 2) for c in cj), tuple(Fraction(c, 2) for c in cm)


def _threej_terms(j: tuple[Fraction, ...], m: tuple[Fraction, ...]) -> Oscillation:
    geo = threej_geometry(j, m)
    area = mpmath.sqrt(to_mpf(geo.area_squared))
    heights = (Fraction(0), m[0], m[0] + m[1])
    phase = mpmath.fsum(to_mpf(L) * th for L, th in zip(geo.lengths, geo.theta))
    phase -= mpmath.fsum(to_mpf(z) * (mpmath.pi - a) for z, a in zip(heights, geo.alpha))
    exponent = j[0] - j[1] + j[2] + 1  # = J - 2 j2 + 1, an integer
    sign = -1 if int(exponent) % 2 else 1
    return Oscillation(sign / mpmath.sqrt(2 * mpmath.pi * area), phase + mpmath.pi / 4)


def semiclassical_3j(
    j1: Any, j2: Any, j3: Any, m1: Any, m2: Any, m3: Any, *, dps: int | None = None, terms: bool = False
) -> Any:
    """The Ponzano-Regge / Schulten-Gordon approximation of the 3j symbol (allowed region).

    See the module docstring for the geometry and the phase.  Raises
    :class:`~tqft.errors.InvalidArgumentError` when a selection rule makes the symbol zero
    and :class:`~tqft.semiclassical.geometry.RegimeError` outside the classically allowed region (the projected
    triangle degenerates or does not exist).

    >>> from tqft import wigner_3j
    >>> mpmath.nstr(semiclassical_3j(80, 120, 160, 40, 40, -80, dps=20), 6)
    '0.00268953'
    >>> mpmath.nstr(wigner_3j(80, 120, 160, 40, 40, -80).to_mpmath(20), 6)
    '0.00268896'
    """
    with _precision(dps):
        j, m = _threej_parse((j1, j2, j3, m1, m2, m3))
        return _finish(_threej_terms(j, m), terms)


# --- Edmonds ------------------------------------------------------------------------------


def wigner_small_d(j: Any, m1: Any, m2: Any, beta: Any) -> Any:
    """Wigner's ``d^j_{m1 m2}(beta) = <j m1| exp(-i beta J_y) |j m2>`` (mpmath).

    ``sum_s (-1)^(m1 - m2 + s) sqrt((j+m1)!(j-m1)!(j+m2)!(j-m2)!) /
    ((j+m2-s)! s! (m1-m2+s)! (j-m1-s)!) cos(beta/2)^(2j+m2-m1-2s) sin(beta/2)^(m1-m2+2s)``
    (Wigner's convention, as in Edmonds (4.1.15) and Varshalovich 4.3.1); the factorial
    ratio is an exact integer square root, the trigonometric part mpmath.

    >>> mpmath.nstr(wigner_small_d("1/2", "1/2", "-1/2", mpmath.pi / 3), 10)
    '-0.5'
    """
    cj = colour(j, "j")
    c1, c2 = doubled(m1, "m1", signed=True), doubled(m2, "m2", signed=True)
    if abs(c1) > cj or abs(c2) > cj or (cj - c1) % 2 or (cj - c2) % 2:
        raise InvalidArgumentError(
            f"(j, m1, m2) = ({spin_str(cj)}, {spin_str(c1)}, {spin_str(c2)}): m1 and m2 must be projections of j"
        )
    jp1, jm1, jp2, jm2 = (cj + c1) // 2, (cj - c1) // 2, (cj + c2) // 2, (cj - c2) // 2
    shift = (c1 - c2) // 2
    num2 = mpmath.factorial(jp1) * mpmath.factorial(jm1) * mpmath.factorial(jp2) * mpmath.factorial(jm2)
    half = mpmath.mpf(beta) / 2
    cos, sin = mpmath.cos(half), mpmath.sin(half)
    total = mpmath.mpf(0)
    for s in range(max(0, -shift), min(jp2, jm1) + 1):
        den = mpmath.factorial(jp2 - s) * mpmath.factorial(s) * mpmath.factorial(shift + s) * mpmath.factorial(jm1 - s)
        term = mpmath.sqrt(num2) / den * cos ** (cj - shift - 2 * s) * sin ** (shift + 2 * s)
        total += -term if (shift + s) % 2 else term
    return total


def edmonds_6j(
    j1: Any, j2: Any, j3: Any, j4: Any, j5: Any, j6: Any, *, symmetric: bool = False, dps: int | None = None
) -> Any:
    """Edmonds' approximation of ``{a b c; d e f}`` with the last spin ``f = j6`` small.

    ``(-1)^(b+c+e+f) d^f_{mu nu}(theta) / sqrt((2a+1)(2b+1))`` with ``mu = e - a``,
    ``nu = d - b`` and ``theta`` the angle between ``a`` and ``b`` in the triangle
    ``(a, b, c)`` (module docstring); ``symmetric=True`` uses midpoint lengths.  Put the
    small spin last with the 6j symmetries (columns permute freely; two columns may swap
    their upper and lower entries).

    Raises :class:`~tqft.errors.AdmissibilityError` for a non-admissible triad and
    :class:`~tqft.errors.InvalidArgumentError` if ``j1`` or ``j2`` is zero.

    >>> from tqft import wigner_6j
    >>> mpmath.nstr(edmonds_6j(100, 120, 150, 119, 101, 1, dps=20), 8)
    '0.002086985'
    >>> mpmath.nstr(edmonds_6j(100, 120, 150, 119, 101, 1, symmetric=True, dps=20), 8)
    '0.0020881012'
    >>> mpmath.nstr(wigner_6j(100, 120, 150, 119, 101, 1).to_mpmath(20), 8)
    '0.0020881207'
    """
    with _precision(dps):
        cols = sixj_colours_checked((j1, j2, j3, j4, j5, j6))
        a, b, c, d, e, f = (Fraction(x, 2) for x in cols)
        if a == 0 or b == 0:
            raise InvalidArgumentError(
                f"j1 = {a}, j2 = {b}: Edmonds' formula needs j1 and j2 positive (large), the small spin is j6"
            )
        mu, nu = e - a, d - b
        if symmetric:
            big_a, big_b, big_c = to_mpf((a + e + 1) / 2), to_mpf((b + d + 1) / 2), to_mpf(c + Fraction(1, 2))
            cos_theta = (big_a**2 + big_b**2 - big_c**2) / (2 * big_a * big_b)
            prefactor = 1 / (2 * mpmath.sqrt(big_a * big_b))
        else:
            aa, bb, cc = to_mpf(a * (a + 1)), to_mpf(b * (b + 1)), to_mpf(c * (c + 1))
            cos_theta = (aa + bb - cc) / (2 * mpmath.sqrt(aa * bb))
            prefactor = 1 / mpmath.sqrt(to_mpf((2 * a + 1) * (2 * b + 1)))
        sign = -1 if int(b + c + e + f) % 2 else 1
        theta = mpmath.acos(cos_theta)
        return +(sign * prefactor * wigner_small_d(f, mu, nu, theta))


# --- Taylor-Woodward ---------------------------------------------------------------------


def _tw_terms(cols: tuple[int, ...], r: int) -> Oscillation:
    names = "(2 pi (j1 + 1/2)/r, ..., 2 pi (j6 + 1/2)/r)"
    j = [Fraction(c, 2) for c in cols]
    tet = qsixj_tetrahedron(j[0], j[1], j[2], j[3], j[4], j[5], r=r)
    tet.require_realisable(names=names)
    angles = tet.dihedral_angles("exterior")
    phase = mpmath.fsum((mpmath.mpf(c) + 1) / 2 * th for c, th in zip(cols, angles))
    phase += r * tet.volume() / mpmath.pi + mpmath.pi / 4
    amplitude = 2 * mpmath.pi / (mpmath.mpf(r) ** 1.5 * tet.gram_determinant() ** (mpmath.mpf(1) / 4))
    return Oscillation(amplitude, phase)


def taylor_woodward(
    j1: Any, j2: Any, j3: Any, j4: Any, j5: Any, j6: Any, r: int, *, dps: int | None = None, terms: bool = False
) -> Any:
    """The Taylor-Woodward approximation of the unitary q-6j symbol at ``q = e^{i pi / r}``.

    Spins must be q-admissible at level ``r`` (classical rules and ``j1 + j2 + j3 <= r - 2``
    for every triad) and their arc lengths ``2 pi (j + 1/2)/r`` must form a spherical
    tetrahedron; otherwise :class:`~tqft.errors.AdmissibilityError` or
    :class:`~tqft.semiclassical.geometry.RegimeError`.

    >>> from tqft import wigner_6j
    >>> mpmath.nstr(taylor_woodward(16, 16, 16, 16, 16, 16, 112, dps=20), 6)
    '0.00730835'
    >>> mpmath.nstr(wigner_6j(16, 16, 16, 16, 16, 16, context="root:112").to_mpmath(80).real, 6)
    '0.00731427'
    """
    if not isinstance(r, int) or isinstance(r, bool) or r < 3:
        raise InvalidArgumentError(f"r = {r!r} must be an integer >= 3 (q = e^(i pi / r))")
    with _precision(dps):
        cols = sixj_colours_checked((j1, j2, j3, j4, j5, j6))
        for i, j, k in _SIXJ_TRIADS:
            if cols[i] + cols[j] + cols[k] > 2 * (r - 2):
                trio = ", ".join(_SIXJ_NAMES[x] for x in (i, j, k))
                raise InvalidArgumentError(
                    f"the triad ({trio}) has spin sum {Fraction(cols[i] + cols[j] + cols[k], 2)} > r - 2 = {r - 2}: "
                    f"not q-admissible at r = {r}"
                )
        return _finish(_tw_terms(cols, r), terms)
