"""Derived closed forms of 3j and 6j symbols with one small spin, checked exactly.

:mod:`tqft.symbolic.closed_forms` derives, from Racah's formulas, a closed form for every
family ``{a b c; k, c+d2, b+d1}`` and ``(j+d, j, k; m, -m-mu, mu)`` with ``k`` in 1/2, 1,
3/2, 2.  The two identities below compare each closed form, evaluated exactly at an
admissible point, with the symbol computed by :func:`tqft.recoupling.wigner_6j` /
:func:`~tqft.recoupling.wigner_3j` (the colour-level entry points
:func:`~tqft.recoupling.sixj_colours` and :func:`~tqft.recoupling.threej_colours`).
The domains are *all* admissible symbols with the small spin in its place, and the
family is read off the parameters, so a sweep covers every family.

The default sweep (6j: spins up to 10; 3j: spins up to 20) takes about two seconds,
including the derivation of the 108 families; ``tqft verify --only
sixj_small_spin_closed_form --max-spin 20`` runs every admissible 6j symbol with spins up
to 20 (833,000 cases; the test suite runs the same sweep).

References: A. R. Edmonds, *Angular Momentum in Quantum Mechanics* (1957), Tables 2 and 5;
D. A. Varshalovich, A. N. Moskalev and V. K. Khersonskii, *Quantum Theory of Angular
Momentum* (1988), Tables 8.x and 9.x.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache

from ..recoupling.wigner import sixj_colours, threej_colours
from ..symbolic.closed_forms import ClosedForm, sixj_closed_form, threej_closed_form
from .core import CheckResult, Domain, compare, coupled, free, integer, projection, registrar

__all__: list[str] = []


@cache
def _sixj_form(k2: int, d1: int, d2: int) -> ClosedForm:
    return sixj_closed_form(Fraction(k2, 2), Fraction(d1, 2), Fraction(d2, 2))


@cache
def _threej_form(k2: int, d: int, mu: int) -> ClosedForm:
    return threej_closed_form(Fraction(k2, 2), Fraction(d, 2), Fraction(mu, 2))


_TAGS = ("closed form", "symbolic", "small spin")
# 6j: about 100,000 symbols up to spin 10 (a second); 3j: 41,500 symbols up to spin 20
_register_6j = registrar(default_max_spin=10, random_max_spin=500, tags=("6j", *_TAGS))
_register_3j = registrar(default_max_spin=20, random_max_spin=500, tags=("3j", *_TAGS))

#: ``{a b c; k e f}`` admissible with ``2k`` in 1..4 (the small spin is doubled: ``2k = 1`` is k = 1/2)
SIXJ_SMALL_SPIN_DOMAIN = Domain(
    (free("a"), free("b"), coupled("c", 0, 1), integer("2k", 1, 4), coupled("e", 3, 2), coupled("f", 3, 1)),
    triads=((0, 4, 5),),
)


def _sixj_small_spin(a: int, b: int, c: int, k2: int, e: int, f: int) -> CheckResult:
    form = _sixj_form(k2, f - b, e - c)
    return compare(form.evaluate_doubled(a, b, c), sixj_colours(a, b, c, k2, e, f))


_register_6j(
    "sixj_small_spin_closed_form",
    "6j symbols with a spin k <= 2: the derived closed forms",
    r"\begin{Bmatrix} a & b & c \\ k & c + d_2 & b + d_1 \end{Bmatrix} = (-1)^{\phi} \frac{P(a,b,c)}{Q(a,b,c)}"
    r" \sqrt{R(a,b,c)} \quad (k \le 2,\ |d_1|, |d_2| \le k)",
    _sixj_small_spin,
    "Edmonds Table 5; Varshalovich et al. 9.5; derived from Racah's formula by tqft.symbolic.closed_forms",
    domain=SIXJ_SMALL_SPIN_DOMAIN,
)

#: ``(j1, j, k; m, -m-mu, mu)`` admissible with ``2k`` in 1..4 and ``|m + mu| <= j``
THREEJ_SMALL_SPIN_DOMAIN = Domain(
    (free("j"), integer("2k", 1, 4), coupled("j1", 0, 1), projection("m", 2), projection("mu", 1)),
    where=lambda t: abs(t[3] + t[4]) <= t[0],
)


def _threej_small_spin(j: int, k2: int, j1: int, m: int, mu: int) -> CheckResult:
    form = _threej_form(k2, j1 - j, mu)
    return compare(form.evaluate_doubled(j, m), threej_colours(j1, j, k2, m, -m - mu, mu))


_register_3j(
    "threej_small_spin_closed_form",
    "3j symbols with a spin k <= 2: the derived closed forms",
    r"\begin{pmatrix} j + d & j & k \\ m & -m-\mu & \mu \end{pmatrix} = (-1)^{\phi} \frac{P(j,m)}{Q(j,m)}"
    r" \sqrt{R(j,m)} \quad (k \le 2,\ |d|, |\mu| \le k)",
    _threej_small_spin,
    "Edmonds Table 2; Varshalovich et al. 8.5; derived from Racah's formula by tqft.symbolic.closed_forms",
    domain=THREEJ_SMALL_SPIN_DOMAIN,
)
