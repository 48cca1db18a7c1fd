"""The semiclassical limit: fitted decay exponents and tetrahedron geometry.

Exponent identities
-------------------
Each case is one seeded random family (:func:`base_family`): a base point drawn from
``(identity, seed)`` with non-degenerate triangles and a shape away from the caustic.  The
check scans the family (:func:`tqft.semiclassical.convergence.scan`, scales
:data:`SCALES` of the formula, exact values through ``to_mpmath``), fits the decay exponent
of the error with two correction terms, and passes when the theoretical exponent lies
within :data:`~tqft.semiclassical.convergence.SIGMAS` uncertainties of the fit.  The
uncertainty comes from the fit -- its statistical standard error combined with the shift
of the exponent when the last correction term is dropped -- not from a tuned tolerance;
the identity reports the fitted value and its uncertainty.

* ``ponzano_regge_exponent`` (-1): Ponzano-Regge, allowed region (quadrature error);
* ``ponzano_regge_forbidden_exponent`` (-1): the forbidden region (relative error);
* ``semiclassical_3j_exponent`` (-1): the semiclassical 3j symbol (quadrature error);
* ``edmonds_exponent`` (-1): Edmonds' formula, one small spin, configurations with a
  first-order term;
* ``taylor_woodward_flat_limit`` (-2): Taylor-Woodward -> Ponzano-Regge as ``r -> infinity``;
* ``perceptron_gaussian_exponent`` (-2): the Gaussian form of the unit coherent amplitude.

``taylor_woodward_flat_limit`` compares two formulas, not a formula with exact values: at
fixed spins the spherical tetrahedron of arc lengths ``2 pi (j + 1/2)/r`` flattens as
``r -> infinity``, its angles and ``r Vol / pi`` approach the Euclidean ones with
corrections ``O(l^2) = O(r^-2)``, so the complex amplitudes differ by ``O(r^-2)``.  (The
Taylor-Woodward formula against exact q-6j symbols needs ``r`` in the hundreds to be
asymptotic, which is too slow for a sweep; the tests and the documentation do that scan.)

Geometry identities (exact, over admissible 6j arguments; edge lengths ``j + 1/2``)
-----------------------------------------------------------------------------------
* ``cayley_menger_closed_form``: the Cayley-Menger determinant equals the classical
  closed form in squared edges (two independent formulas for ``288 V^2``).
* ``tetrahedron_projection_law``: every face area is the sum of the other three
  projected on it, ``A_i = sum_k A_k cos(theta^int_ik)``, in exact multiquadratic
  arithmetic (checks the angle convention: interior = pi - exterior).
* ``dihedral_sine_volume``: ``sin^2 theta_e = (9/4) V^2 l_e^2 / (A_i^2 A_k^2)``, exact
  rationals (Jacobi's identity for the cofactors; all regimes).
* ``schlafli_identity``: ``sum_e l_e d(theta_e)/d(l_k) = 0`` for Euclidean tetrahedra, by
  mpmath differentiation at 40 digits, accepted below ``10^-30`` (the precision, not a
  tuned bound).
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import mpmath

from ..errors import InvalidArgumentError
from ..exact.quadratic import Multiquadratic, SqrtRational
from ..semiclassical.convergence import SIGMAS, fit_exponent, scan
from ..semiclassical.families import Family, family
from ..semiclassical.geometry import Regime, RegimeError, Tetrahedron, cayley_menger_closed_form
from ..spins import admissible
from .core import CheckResult, Domain, compare, integer, registrar
from .recoupling import sixj_domain

__all__ = ["SCALES", "base_family"]

#: scales of each identity's scan: (spec, window)
SCALES: dict[str, tuple[str, int]] = {
    "ponzano-regge": ("16:2048:10", 4),
    "forbidden": ("16:1024:9", 2),
    "3j": ("16:1024:9", 4),
    "edmonds": ("4:256:9", 2),
    "perceptron": ("8:4096:10", 2),
}
_DPS = 20


def _strict(a: Fraction, b: Fraction, c: Fraction) -> bool:
    return a < b + c and b < a + c and c < a + b


def _draw_sixj(rng: random.Random, regime: Regime, top: int, away: Fraction) -> tuple[Fraction, ...]:
    """Colours ``1..top`` with strict triangles, the shape in ``regime`` and
    ``|288 V^2| >= away * 4 lbar^6`` (``4 l^6`` is the regular tetrahedron's value)."""
    for _ in range(200_000):
        cols = [rng.randint(1, top) for _ in range(6)]
        triads = ((0, 1, 2), (0, 4, 5), (3, 1, 5), (3, 4, 2))
        if not all(admissible(cols[i], cols[j], cols[k]) for i, j, k in triads):
            continue
        spins = tuple(Fraction(c, 2) for c in cols)
        if not all(_strict(spins[i], spins[j], spins[k]) for i, j, k in triads):
            continue
        shape = Tetrahedron(list(spins))
        if shape.regime is not regime:
            continue
        mean = sum(spins) / 6
        if abs(shape.cayley_menger()) < away * 4 * mean**6:
            continue
        return spins
    raise AssertionError("no base tetrahedron found")  # pragma: no cover


def _draw_threej(rng: random.Random) -> tuple[Fraction, ...]:
    for _ in range(10_000):
        j = [rng.randint(2, 8) for _ in range(3)]  # colours
        if not admissible(*j) or not _strict(*(Fraction(x, 2) for x in j)):
            continue
        m1 = rng.randrange(-j[0], j[0] + 1, 2)
        m2 = rng.randrange(-j[1], j[1] + 1, 2)
        m3 = -m1 - m2
        if abs(m3) > j[2] or (j[2] - m3) % 2:
            continue
        # a symmetry of the 3j symbol that fixes the configuration (two equal columns, or
        # m -> -m combined with a column swap) removes the 1/j term: the error is then
        # O(1/j^2), so such configurations are a different identity and are not drawn
        cols = [(j[0], m1), (j[1], m2), (j[2], m3)]
        if any(
            cols[p][0] == cols[q][0] and cols[p][1] in (cols[q][1], -cols[q][1]) for p, q in ((0, 1), (0, 2), (1, 2))
        ):
            continue
        ms = (m1, m2, m3)
        if any(ms[p] == 0 and ms[q] == -ms[r] for p, q, r in ((0, 1, 2), (1, 0, 2), (2, 0, 1))):
            continue  # includes m = (0, 0, 0); observed O(1/j^2) as well
        # projected triangle of the limit shape (lengths j, z-components m) well away from zero area
        rho2 = [Fraction(j[k] ** 2 - m**2, 4) for k, m in enumerate((m1, m2, m3))]
        a, b, c = rho2
        area16 = 2 * (a * b + b * c + c * a) - (a * a + b * b + c * c)
        scale = (sum(Fraction(x, 2) for x in j) / 3) ** 4
        if area16 < Fraction(1, 2) * scale:
            continue
        return tuple(Fraction(x, 2) for x in (*j, m1, m2, m3))
    raise AssertionError("no base 3j found")  # pragma: no cover


def _draw_edmonds(rng: random.Random) -> tuple[Fraction, ...]:
    from ..semiclassical.asymptotics import edmonds_6j

    for _ in range(10_000):
        abc = [rng.randint(3, 12) for _ in range(3)]
        if not admissible(*abc) or not _strict(*(Fraction(x, 2) for x in abc)):
            continue
        f = rng.randint(1, 4)
        mu = rng.randrange(-f, f + 1, 2)
        nu = rng.randrange(-f, f + 1, 2)
        if mu == nu == 0:
            continue
        e2, d2 = abc[0] + mu, abc[1] + nu
        if not (admissible(abc[0], e2, f) and admissible(d2, abc[1], f) and admissible(d2, e2, abc[2])):
            continue
        a, b, c = (Fraction(x, 2) for x in abc)
        params = (a, b, c, Fraction(f, 2), Fraction(mu, 2), Fraction(nu, 2))
        fam = family("edmonds", *params)
        # Edmonds' formula must differ from its midpoint version at first order: their
        # relative gap (formulas only, no exact values) must halve when lambda doubles.
        # Symmetric configurations (mu = nu = 0; a = b with mu = -nu) have no O(1/j) term.
        with mpmath.workdps(_DPS):
            gaps = [
                abs(edmonds_6j(*fam.member(lam)) / edmonds_6j(*fam.member(lam), symmetric=True) - 1)
                for lam in (200, 400)
            ]
        if not gaps[1] or not 1.8 < gaps[0] / gaps[1] < 2.2:
            continue
        return params
    raise AssertionError("no base Edmonds family found")  # pragma: no cover


def base_family(formula: str, seed: int) -> Family:
    """The seeded random :class:`~tqft.semiclassical.convergence.Family` of one case.

    >>> base_family("ponzano-regge", 0).formula
    'ponzano-regge'
    """
    rng = random.Random(f"semiclassical:{formula}:{seed}")
    if formula == "ponzano-regge":
        return family(formula, *_draw_sixj(rng, Regime.EUCLIDEAN, 6, Fraction(1, 4)))
    if formula == "forbidden":
        return family(formula, *_draw_sixj(rng, Regime.NON_EUCLIDEAN, 10, Fraction(1, 10)))
    if formula == "3j":
        return family(formula, *_draw_threej(rng))
    if formula == "edmonds":
        return family(formula, *_draw_edmonds(rng))
    if formula == "perceptron":
        sigma = Fraction(rng.randint(2, 12), 2)
        offset = Fraction(rng.randint(-4, 4), 2)
        return family(formula, sigma, offset)
    raise AssertionError(f"unknown formula {formula}")  # pragma: no cover


def _exponent_check(formula: str) -> Any:
    def check(seed: int) -> CheckResult:
        fam = base_family(formula, seed)
        spec, window = SCALES[formula]
        start = int(spec.split(":")[0])
        scales = spec
        while True:
            try:
                res = scan(fam, scales, window=window, dps=_DPS, progress=False)
                break
            except InvalidArgumentError as exc:  # a near-caustic first scale: start higher
                if "outside the formula's regime" not in str(exc) or start > 64:
                    raise
                start *= 2
                scales = f"{start}:" + ":".join(spec.split(":")[1:])
        fit = res.fit
        lhs = f"{fit} ({fam.describe()})" if fit is not None else f"no fit ({fam.describe()})"
        return CheckResult(res.agrees(), lhs, res.expected)

    return check


_register = registrar(
    default_max_spin=5, random_max_spin=40, tags=("semiclassical",), domain=Domain((integer("seed", 0),))
)

_REFS = {
    "ponzano-regge": "Ponzano, Regge (1968); Roberts, Geom. Topol. 3 (1999) 21",
    "forbidden": "Ponzano, Regge (1968); Schulten, Gordon, J. Math. Phys. 16 (1975) 1971",
    "3j": "Ponzano, Regge (1968); Schulten, Gordon, J. Math. Phys. 16 (1975) 1971",
    "edmonds": "Edmonds, Angular Momentum in Quantum Mechanics (1957), App. 2; DLMF 34.8",
    "perceptron": "Bianchi, Magliaro, Perini, PRD 82 (2010) 024012; (M2) arXiv:2210.13741 Eq. 33",
}

for _name, _formula, _title, _statement in (
    (
        "ponzano_regge_exponent",
        "ponzano-regge",
        "Ponzano-Regge: the quadrature error decays like 1/lambda",
        r"\varepsilon(\lambda) = \big|(\alpha_\lambda - 1) + i\beta_\lambda\big| \sim C \lambda^{-1},"
        r"\quad \{\lambda j\} \approx A_\lambda(\alpha \cos\Phi_\lambda + \beta \sin\Phi_\lambda)",
    ),
    (
        "ponzano_regge_forbidden_exponent",
        "forbidden",
        "Ponzano-Regge in the forbidden region: relative error ~ 1/lambda",
        r"\Big|\{\lambda j\} \Big/ \tfrac{\sigma e^{-|\mathrm{Im}\,S|}}{2\sqrt{12\pi|V|}} - 1\Big| \sim C\lambda^{-1}",
    ),
    (
        "semiclassical_3j_exponent",
        "3j",
        "semiclassical 3j symbol: the quadrature error decays like 1/lambda",
        r"\varepsilon(\lambda) \sim C\lambda^{-1} \text{ for } \begin{pmatrix} \lambda j \\ \lambda m \end{pmatrix}",
    ),
    (
        "edmonds_exponent",
        "edmonds",
        "Edmonds' formula (one small spin): relative error ~ 1/lambda",
        r"\Big|\{\lambda a\,\lambda b\,\lambda c;\,\lambda b{+}\nu\,\lambda a{+}\mu\,f\}\Big/"
        r"\tfrac{(-1)^{b+c+e+f} d^f_{\mu\nu}(\theta)}{\sqrt{(2a+1)(2b+1)}} - 1\Big| \sim C\lambda^{-1}",
    ),
    (
        "perceptron_gaussian_exponent",
        "perceptron",
        "Gaussian (Eq. 33) form of the unit heat-kernel amplitude: relative error ~ jbar^-2",
        r"\Big|\hat g(\bar j + \delta)/\hat c(\bar j + \delta) - 1\Big| \sim \frac{\sigma^2}{(2\bar j + 1)^2}",
    ),
):
    _register(
        _name,
        _title,
        _statement,
        _exponent_check(_formula),
        _REFS[_formula] + f"; accepted within {SIGMAS} fit uncertainties",
    )


def _tw_flat_limit(seed: int) -> CheckResult:
    from ..semiclassical.asymptotics import ponzano_regge, taylor_woodward

    rng = random.Random(f"semiclassical:taylor-woodward-flat:{seed}")
    spins = _draw_sixj(rng, Regime.EUCLIDEAN, 6, Fraction(1, 4))
    levels = [40 * 2**k for k in range(6)]
    with mpmath.workdps(_DPS):
        pr = ponzano_regge(*spins, terms=True)
        gaps = []
        for r in levels:
            tw = taylor_woodward(spins[0], spins[1], spins[2], spins[3], spins[4], spins[5], r, terms=True)
            gaps.append(abs(tw.amplitude / pr.amplitude * mpmath.expj(tw.phase - pr.phase) - 1))
    fit = fit_exponent(levels, gaps)
    shown = " ".join(str(x) for x in spins)
    return CheckResult(fit.agrees_with(-2), f"{fit} (spins {shown}, r = 40 .. 1280)", -2)


_register(
    "taylor_woodward_flat_limit",
    "Taylor-Woodward -> Ponzano-Regge at fixed spins as r -> infinity, like r^-2",
    r"\Big|\tfrac{A^{TW}_r}{A^{PR}} e^{i(\Phi^{TW}_r - \Phi^{PR})} - 1\Big| \sim C r^{-2}",
    _tw_flat_limit,
    "Taylor, Woodward, Selecta Math. 11 (2005) 539 (the flat limit of the spherical tetrahedron); "
    f"accepted within {SIGMAS} fit uncertainties",
)


# --- geometry -------------------------------------------------------------------------------------

_register_geometry = registrar(
    default_max_spin=1.5, random_max_spin=12, tags=("semiclassical", "geometry"), domain=sixj_domain(*"abcdef")
)


def _tet(*cols: int) -> Tetrahedron:
    return Tetrahedron([Fraction(c + 1, 2) for c in cols])


def _cayley_menger(*cols: int) -> CheckResult:
    t = _tet(*cols)
    return compare(t.cayley_menger(), cayley_menger_closed_form(t.lengths))


_register_geometry(
    "cayley_menger_closed_form",
    "Cayley-Menger determinant = closed form in squared edges (lengths j + 1/2)",
    r"\det\begin{pmatrix} 0 & 1^T \\ 1 & (d_{ik}^2) \end{pmatrix} = "
    r"2\Big[\sum_{(a,a')} a^2 a'^2 (\Sigma - 2a^2 - 2a'^2) - \sum_{\rm faces} a^2 b^2 c^2\Big] = 288 V^2",
    _cayley_menger,
    "Cayley (1841); Menger (1928); Blumenthal, Theory and Applications of Distance Geometry (1953); "
    "the closed form is the expansion of the determinant (Tartaglia's volume formula)",
)


def _projection_law(*cols: int) -> CheckResult:
    t = _tet(*cols)
    areas = [SqrtRational(1, t.face_area_squared(f)) for f in (1, 2, 3, 4)]
    # the interior angle between faces i and k sits on the edge joining the other two vertices
    from ..semiclassical.geometry import SIXJ_EDGES

    lhs = []
    rhs = []
    for i in (1, 2, 3, 4):
        terms = []
        for k in (1, 2, 3, 4):
            if k == i:
                continue
            edge = next(e for e, pair in SIXJ_EDGES.items() if i not in pair and k not in pair)
            terms.append(areas[k - 1] * (-t.dihedral_cosine(edge)))  # cos(interior) = -cos(exterior)
        lhs.append(Multiquadratic.sum(terms))
        rhs.append(Multiquadratic.sum([areas[i - 1]]))
    return compare(tuple(lhs), tuple(rhs))


_register_geometry(
    "tetrahedron_projection_law",
    "each face area is the sum of the other faces projected on it (exact, lengths j + 1/2)",
    r"A_i = \sum_{k \neq i} A_k \cos\theta^{\rm int}_{ik}",
    _projection_law,
    "the first law of cosines for tetrahedra (projection of the other faces on one face)",
)


def _sine_volume(*cols: int) -> CheckResult:
    t = _tet(*cols)
    from ..semiclassical.geometry import SIXJ_EDGES

    lhs, rhs = [], []
    v2 = t.volume_squared()
    for e, pair in SIXJ_EDGES.items():
        i, k = (x for x in (1, 2, 3, 4) if x not in pair)
        lhs.append(t.dihedral_sine_squared(e))
        rhs.append(Fraction(9, 4) * v2 * t.lengths[e - 1] ** 2 / (t.face_area_squared(i) * t.face_area_squared(k)))
    return compare(tuple(lhs), tuple(rhs))


_register_geometry(
    "dihedral_sine_volume",
    "sin^2 of each dihedral angle = (9/4) V^2 l^2 / (A_i^2 A_k^2), exactly, in every regime",
    r"\sin^2\theta_e = \frac{9 V^2 l_e^2}{4 A_i^2 A_k^2}",
    _sine_volume,
    "Jacobi's complementary-minor identity for the Cayley-Menger cofactors (sin theta = 3 V l / (2 A A'))",
)


def _schlafli(*cols: int) -> CheckResult:
    t = _tet(*cols)
    if t.regime is not Regime.EUCLIDEAN:  # pragma: no cover - excluded by the domain
        raise RegimeError("Schläfli's identity is checked on Euclidean tetrahedra")
    lengths = list(t.lengths)
    worst = mpmath.mpf(0)
    with mpmath.workdps(40):
        base = [mpmath.mpf(x.numerator) / x.denominator for x in lengths]
        for k in range(6):

            def action_part(x: Any, k: int = k) -> Any:
                ls = list(base)
                ls[k] = x
                angles = Tetrahedron(ls).dihedral_angles()
                return mpmath.fsum(b * a for b, a in zip(base, angles))

            worst = max(worst, abs(mpmath.diff(action_part, base[k])))
    return CheckResult(bool(worst < mpmath.mpf("1e-30")), mpmath.nstr(worst, 5), "0 (below 1e-30 at 40 digits)")


_register_schlafli = registrar(default_max_spin=1, random_max_spin=6, tags=("semiclassical", "geometry"))

_register_schlafli(
    "schlafli_identity",
    "Schläfli: sum_e l_e d(theta_e) = 0 for Euclidean tetrahedra (mpmath, 40 digits)",
    r"\sum_e l_e \frac{\partial \theta_e}{\partial l_k} = 0 \quad (k = 1, \dots, 6)",
    _schlafli,
    "Schläfli (1858); Milnor, The Schläfli differential equality (Collected Papers 1, 1994); "
    "Regge, Nuovo Cimento 19 (1961) 558",
    domain=Domain(
        sixj_domain(*"abcdef").params,
        triads=sixj_domain(*"abcdef").triads,
        where=lambda c: _tet(*c).regime is Regime.EUCLIDEAN,
    ),
)
