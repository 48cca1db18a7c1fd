"""Hypothesis strategies for tqft tests: spins, exact numbers, identity domains."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import assume
from hypothesis import strategies as st

from tqft.exact import Multiquadratic, SqrtRational
from tqft.identities.core import Domain

SMALL_SQUAREFREE = [1, 2, 3, 5, 6, 7, 10, 11, 13, 14, 15, 21, 30, 35, 105]

rationals = st.fractions(max_denominator=50).filter(lambda f: abs(f.numerator) < 10**6)
nonzero_rationals = rationals.filter(bool)


@st.composite
def sqrt_rationals(draw, nonzero: bool = False) -> SqrtRational:
    """c * sqrt(r) with r drawn from small rationals (not necessarily square-free)."""
    coef = draw(nonzero_rationals if nonzero else rationals)
    rad = draw(st.fractions(min_value=Fraction(1, 12), max_value=60, max_denominator=12))
    return SqrtRational(coef, rad)


@st.composite
def multiquadratics(draw, max_terms: int = 4) -> Multiquadratic:
    """Sums over distinct small square-free radicands."""
    rads = draw(st.lists(st.sampled_from(SMALL_SQUAREFREE), max_size=max_terms, unique=True))
    return Multiquadratic({r: draw(rationals) for r in rads})


@st.composite
def from_domain(draw, domain: Domain, max_colour: int) -> tuple[int, ...]:
    """A parameter tuple of an identity domain, drawn parameter by parameter (shrinks well)."""
    values: list[int] = []
    for k in range(len(domain.params)):
        choices = domain._choices(k, values, max_colour)
        assume(len(choices) > 0)
        values.append(draw(st.sampled_from(choices)))
    t = tuple(values)
    assume(domain._accept(t))
    return t
