"""Scaling families: a formula, a base point and its members ``j -> lambda j``.

A :class:`Family` is a formula and a base point; member ``lambda`` scales the large
quantum numbers by ``lambda`` (an integer, so that spins stay spins):

* ``ponzano-regge``, ``forbidden``, ``uniform``: ``{lambda j1 ... lambda j6}`` against
  ``wigner_6j``;
* ``3j``: ``(lambda j; lambda m)`` against ``wigner_3j``;
* ``edmonds``, ``edmonds-symmetric``: ``{lambda a, lambda b, lambda c; lambda b + nu,
  lambda a + mu, f}`` against ``wigner_6j``;
* ``taylor-woodward``: ``{lambda j}_q`` at ``r = lambda r0`` against
  ``wigner_6j(..., context="root:r")``;
* ``perceptron``: the unit heat-kernel amplitude with ``jbar = lambda`` at
  ``x = lambda + offset`` and fixed ``sigma``, a high-precision sum over spins
  (:mod:`tqft.semiclassical.perceptron`).

Exact values become numbers only through ``to_mpmath`` of the exact result (the one
exception, ``q_numeric``, is documented on :class:`Family`); the formulas come from
:mod:`tqft.semiclassical.asymptotics` and :mod:`tqft.semiclassical.perceptron`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath

from ..errors import InvalidArgumentError
from ..spins import colour, doubled
from . import asymptotics as asy
from .geometry import Regime, RegimeError, Tetrahedron
from .spherical import qsixj_tetrahedron

__all__ = ["FORMULAS", "Family", "FormulaInfo", "family"]


@dataclass(frozen=True)
class FormulaInfo:
    """What a formula approximates and how fast it should converge."""

    name: str
    title: str
    oscillating: bool
    exponent: int
    reference: str
    params: str


#: the formulas a scan can study, with the exponent theory predicts for the default error
FORMULAS: dict[str, FormulaInfo] = {
    f.name: f
    for f in (
        FormulaInfo(
            "ponzano-regge",
            "Ponzano-Regge, allowed region",
            True,
            -1,
            "Ponzano-Regge (1968); Roberts, Geom. Topol. 3 (1999) 21: relative error O(1/j)",
            "j1 j2 j3 j4 j5 j6",
        ),
        FormulaInfo(
            "forbidden",
            "Ponzano-Regge, forbidden region",
            False,
            -1,
            "Ponzano-Regge (1968); Schulten-Gordon, J. Math. Phys. 16 (1975): WKB, relative error O(1/j)",
            "j1 j2 j3 j4 j5 j6",
        ),
        FormulaInfo(
            "uniform",
            "uniform Airy approximation",
            True,
            -1,
            "Schulten-Gordon (1975): uniform in the caustic, O(1/j) under scaling like Ponzano-Regge",
            "j1 j2 j3 j4 j5 j6",
        ),
        FormulaInfo(
            "3j",
            "semiclassical 3j symbol",
            True,
            -1,
            "Ponzano-Regge (1968); Schulten-Gordon (1975): relative error O(1/j)",
            "j1 j2 j3 m1 m2 m3",
        ),
        FormulaInfo(
            "edmonds",
            "Edmonds, one small spin",
            False,
            -1,
            "Edmonds (1957) App. 2: relative error O(1/j); O(1/j^2) when mu = nu = 0 (DLMF 34.8.1)",
            "a b c f mu nu",
        ),
        FormulaInfo(
            "edmonds-symmetric",
            "Edmonds with midpoint lengths",
            False,
            -2,
            "observed O(1/j^2) (this package's study; no published proof known to us)",
            "a b c f mu nu",
        ),
        FormulaInfo(
            "taylor-woodward",
            "Taylor-Woodward, q-6j at q = e^(i pi/r)",
            True,
            -1,
            "Taylor-Woodward, Selecta Math. 11 (2005) 539: relative error O(1/r)",
            "j1 j2 j3 j4 j5 j6 (and r0)",
        ),
        FormulaInfo(
            "perceptron",
            "Gaussian large-spin form of the heat-kernel amplitude",
            False,
            -2,
            "Laplace's method on the coherent-state norm: relative error sigma^2/(2 jbar + 1)^2 + ...",
            "sigma offset",
        ),
    )
}


def _formula(name: str) -> FormulaInfo:
    try:
        return FORMULAS[name]
    except KeyError:
        raise InvalidArgumentError(f"formula = {name!r} is not known; choose one of {', '.join(FORMULAS)}") from None


@dataclass(frozen=True)
class Family:
    """A formula and its base point (see the module table); build with :func:`family`.

    ``params`` are exact :class:`~fractions.Fraction` (spins, projections, ``sigma`` and
    ``offset``); ``r0`` is the level ratio of the Taylor-Woodward family.  Picklable, so
    scans can run on process pools and clusters.

    ``q_numeric`` (Taylor-Woodward only) replaces the exact cyclotomic q-6j, whose cost
    grows steeply with ``r``, by the same q-Racah sum evaluated in mpmath
    (:class:`~tqft.exact.qcontexts.NumericQContext`) at ``3.4 dps + 64`` bits and again at 64
    bits more; the two must agree to ``dps`` digits or the scan stops.  It is the one
    place where an "exact" value is not obtained from the exact result; the tests check it
    against the cyclotomic value.
    """

    formula: str
    params: tuple[Fraction, ...]
    r0: int | None = None
    q_numeric: bool = False

    @property
    def info(self) -> FormulaInfo:
        return _formula(self.formula)

    def expected_exponent(self) -> int:
        """The exponent theory predicts for the default error measure."""
        if self.formula == "edmonds" and self.params[4] == 0 and self.params[5] == 0:
            return -2
        return self.info.exponent

    def describe(self) -> str:
        shown = " ".join(str(p) for p in self.params)
        extra = f", r = {self.r0} lambda" if self.r0 is not None else ""
        extra += " (numeric q-Racah sum)" if self.q_numeric else ""
        return f"{self.formula}: {shown}{extra}"

    def member(self, lam: int) -> tuple[Fraction, ...]:
        """The arguments of the exact symbol at scale ``lam``."""
        p = self.params
        if self.formula in ("edmonds", "edmonds-symmetric"):
            a, b, c, f, mu, nu = p
            return (lam * a, lam * b, lam * c, lam * b + nu, lam * a + mu, f)
        if self.formula == "perceptron":
            return (Fraction(lam), Fraction(lam) + p[1], p[0])
        return tuple(lam * x for x in p)

    # -- evaluation --------------------------------------------------------------------

    def exact(self, lam: int, dps: int) -> Any:
        """The exact value at scale ``lam`` as an mpf (through ``to_mpmath`` of the exact result)."""
        from ..recoupling import wigner_3j, wigner_6j

        args = self.member(lam)
        with mpmath.workdps(dps):
            if self.formula == "3j":
                return wigner_3j(*args).to_mpmath(dps)
            if self.formula == "taylor-woodward":
                r = lam * self._r0
                if self.q_numeric:
                    return _numeric_qsixj(args, r, dps)
                value = wigner_6j(*args, context=f"root:{r}")
                return value.to_mpmath(int(dps * 3.33) + 20).real
            if self.formula == "perceptron":
                from .perceptron import coherent_coefficient

                jbar, x, sigma = args
                return coherent_coefficient(x, jbar, sigma, normalised=True, dps=dps)
            return wigner_6j(*args).to_mpmath(dps)

    def approx(self, lam: int, dps: int) -> Any:
        """The formula at scale ``lam``: an :class:`Oscillation` or a value."""
        args = self.member(lam)
        with mpmath.workdps(dps):
            name = self.formula
            if name == "ponzano-regge":
                return asy.ponzano_regge(*args, terms=True)
            if name == "uniform":
                tet = Tetrahedron([x + Fraction(1, 2) for x in args])
                if tet.regime is Regime.EUCLIDEAN:
                    return asy.sixj_uniform(*args, terms=True)
                return asy.sixj_uniform(*args)
            if name == "forbidden":
                return asy.ponzano_regge_forbidden(*args)
            if name == "3j":
                return asy.semiclassical_3j(*args, terms=True)
            if name in ("edmonds", "edmonds-symmetric"):
                return asy.edmonds_6j(*args, symmetric=name == "edmonds-symmetric")
            if name == "taylor-woodward":
                a = args
                return asy.taylor_woodward(a[0], a[1], a[2], a[3], a[4], a[5], lam * self._r0, terms=True)
            from .perceptron import gaussian_coefficient

            jbar, x, sigma = args
            return gaussian_coefficient(x, jbar, sigma, normalised=True, dps=dps)

    @property
    def _r0(self) -> int:
        if self.r0 is None:  # pragma: no cover - family() guarantees it
            raise InvalidArgumentError("the taylor-woodward family needs r0")
        return self.r0

    # -- validation ----------------------------------------------------------------------

    def check_scale(self, lam: int, window: int) -> None:
        """Raise if a member used at scale ``lam`` is outside the formula's regime."""
        for k in range(window):
            s = lam + k
            args = self.member(s)
            name = self.formula
            try:
                if name in ("ponzano-regge", "forbidden", "uniform"):
                    tet = Tetrahedron([x + Fraction(1, 2) for x in args])
                    need = {
                        "ponzano-regge": (Regime.EUCLIDEAN,),
                        "forbidden": (Regime.NON_EUCLIDEAN,),
                        "uniform": (Regime.EUCLIDEAN, Regime.NON_EUCLIDEAN),
                    }[name]
                    tet.require(*need, what=f"the {name} formula", names=f"lengths at lambda = {s}")
                elif name == "taylor-woodward":
                    qsixj_tetrahedron(
                        args[0], args[1], args[2], args[3], args[4], args[5], r=s * self._r0
                    ).require_realisable(names=f"arc lengths at lambda = {s}")
            except RegimeError as exc:
                raise InvalidArgumentError(
                    f"scale: lambda = {s} is outside the formula's regime ({exc}); start the scale higher"
                ) from None


def _numeric_qsixj(args: tuple[Fraction, ...], r: int, dps: int) -> Any:
    """The q-Racah sum at ``q = e^{i pi / r}`` in mpmath, at two precisions that must agree."""
    from ..exact.qcontexts import numeric_q
    from ..recoupling import wigner_6j

    values = []
    for extra in (64, 128):
        prec = int(dps * 3.33) + extra
        with mpmath.workprec(prec):
            q = mpmath.expjpi(mpmath.mpf(1) / r)
            values.append(wigner_6j(*args, context=numeric_q(q, prec=prec)))
    with mpmath.workdps(dps):
        a, b = mpmath.mpf(values[0].real), mpmath.mpf(values[1].real)
        if abs(a - b) > abs(b) * mpmath.mpf(10) ** (2 - dps):
            raise InvalidArgumentError(
                f"the numeric q-6j at r = {r} lost precision (two evaluations differ beyond {dps - 2} digits); "
                "use the exact evaluation"
            )
        return +b


def family(formula: str, *params: Any, r0: int | None = None, q_numeric: bool = False) -> Family:
    """A validated :class:`Family` (see the module table for the parameters).

    Raises :class:`~tqft.errors.InvalidArgumentError` (naming the parameter) for values that
    are not spins or projections, non-admissible triads, a base *shape* outside the
    formula's regime (the shape of the family is the tetrahedron with edges ``j``, which
    every member approaches), or a missing ``r0``.

    >>> family("ponzano-regge", 1, 1, 1, 1, 1, 1).member(10)[0]
    Fraction(10, 1)
    >>> family("forbidden", 1, 1, 1, 1, 1, 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    tqft.semiclassical.geometry.RegimeError: base shape ... is euclidean; the forbidden family needs non-euclidean
    """
    info = _formula(formula)
    if formula == "taylor-woodward":
        if not isinstance(r0, int) or isinstance(r0, bool) or r0 < 3:
            raise InvalidArgumentError(
                f"r0 = {r0!r}: the taylor-woodward family needs an integer r0 >= 3 (r = lambda r0)"
            )
    elif r0 is not None or q_numeric:
        raise InvalidArgumentError(f"r0 = {r0!r} and q_numeric only apply to the taylor-woodward family")
    names = info.params.split()[:6]
    if len(params) != (2 if formula == "perceptron" else 6):
        raise InvalidArgumentError(f"formula {formula!r} takes the parameters {info.params}, got {len(params)} values")
    if formula == "perceptron":
        sigma = _positive_rational(params[0], "sigma")
        offset = Fraction(doubled(params[1], "offset", signed=True), 2)
        return Family(formula, (sigma, offset))
    if formula == "3j":
        js = tuple(Fraction(colour(v, n), 2) for v, n in zip(params[:3], names[:3]))
        ms = tuple(Fraction(doubled(v, n, signed=True), 2) for v, n in zip(params[3:], names[3:]))
        asy._threej_parse((*js, *ms))  # selection rules
        return Family(formula, js + ms)
    if formula in ("edmonds", "edmonds-symmetric"):
        a, b, c, f = (Fraction(colour(v, n), 2) for v, n in zip(params[:4], names[:4]))
        mu, nu = (Fraction(doubled(v, n, signed=True), 2) for v, n in zip(params[4:], names[4:]))
        asy.sixj_colours_checked((a, b, c, b + nu, a + mu, f))
        if min(a, b, c) <= 0:
            raise InvalidArgumentError(f"(a, b, c) = ({a}, {b}, {c}): the large spins must be positive")
        return Family(formula, (a, b, c, f, mu, nu))
    spins = tuple(Fraction(c, 2) for c in asy.sixj_colours_checked(params))
    if formula == "taylor-woodward":
        return Family(formula, spins, r0, q_numeric)
    shape = Tetrahedron(list(spins)) if all(spins) else None
    regime = shape.regime if shape is not None else Regime.DEGENERATE
    need = {
        "ponzano-regge": (Regime.EUCLIDEAN,),
        "forbidden": (Regime.NON_EUCLIDEAN,),
        "uniform": (Regime.EUCLIDEAN, Regime.NON_EUCLIDEAN, Regime.FLAT),
    }[formula]
    if regime not in need:
        raise RegimeError(
            f"base shape (j1, ..., j6) = ({', '.join(map(str, spins))}) is {regime}; the {formula} family needs "
            + " or ".join(str(r) for r in need)
        )
    return Family(formula, spins)


def _positive_rational(value: Any, name: str) -> Fraction:
    try:
        out = Fraction(str(value)) if not isinstance(value, int | Fraction) else Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise InvalidArgumentError(f"{name} = {value!r} must be a positive rational number") from None
    if out <= 0:
        raise InvalidArgumentError(f"{name} = {value!r} must be positive")
    return out
