"""Symbolic derivations as catalogue identities: each standard sum, as a researcher writes
it with symbolic spins, must reduce to its closed form through :func:`tqft.symbolic.derive`,
and the derivation's own exact check (random admissible spins) must pass.

``symbolic_sum_rules``: case ``k`` is the ``k``-th entry of :data:`DERIVATIONS` (name,
input in the syntax of ``tqft derive``, expected result, expected identity in the trace).
The check passes when the derived result equals the expected one *structurally* (same
sympy expression), the named identity occurs among the steps and the derivation's
exact check found nonzero samples; ``tqft verify`` thus re-derives every standard rule.
The list must have at least ten entries: the catalogue's tests require ten cases.
"""

from __future__ import annotations

from ..symbolic import derive
from ..symbolic.parsing import parse
from .core import CheckResult, Domain, integer, registrar

__all__ = ["DERIVATIONS"]

#: (name, input, expected result, identity that must be used)
DERIVATIONS: tuple[tuple[str, str, str, str], ...] = (
    (
        "6j orthogonality",
        "Sum((2*x+1)*(2*f+1)*SixJ(a,b,x,c,d,f)*SixJ(a,b,x,c,d,g), x)",
        "KroneckerDelta(f, g)*Triangle(a, d, f)*Triangle(b, c, f)",
        "sixj_orthogonality",
    ),
    (
        "Racah sum rule",
        "Sum((-1)^(f+g+x)*(2*x+1)*SixJ(a,b,x,c,d,f)*SixJ(a,b,x,d,c,g), x)",
        "SixJ(a, c, g, b, d, f)",
        "racah_sum_rule",
    ),
    (
        "Biedenharn-Elliott",
        "Sum((-1)^(a+b+c+d+e+f+p+s+r+x)*(2*x+1)*SixJ(a,b,x,c,d,p)*SixJ(c,d,x,e,f,s)*SixJ(e,f,x,b,a,r), x)",
        "SixJ(a, d, p, s, r, e)*SixJ(b, c, p, s, r, f)",
        "biedenharn_elliott",
    ),
    (
        "9j as a sum of 6j",
        "Sum((-1)^(2*x)*(2*x+1)*SixJ(j1,j4,j7,j8,j9,x)*SixJ(j2,j5,j8,j4,x,j6)*SixJ(j3,j6,j9,x,j1,j2), x)",
        "NineJ(j1, j2, j3, j4, j5, j6, j7, j8, j9)",
        "ninej_as_sixj_sum",
    ),
    (
        "6j sum rule",
        "Sum((-1)^(a+b+x)*(2*x+1)*SixJ(a,b,x,b,a,f), x)",
        "sqrt(2*a + 1)*sqrt(2*b + 1)*KroneckerDelta(0, f)",
        "sixj_sum_rule",
    ),
    (
        "weighted 6j sum",
        "Sum((2*x+1)*SixJ(a,b,x,a,b,f), x)",
        "(-1)**(2*a + 2*b)*Triangle(a, b, f)",
        "sixj_weighted_sum",
    ),
    (
        "3j orthogonality over m1, m2",
        "Sum((2*j+1)*ThreeJ(j1,j2,j,m1,m2,m)*ThreeJ(j1,j2,jp,m1,m2,mp), m1, m2)",
        "InRange(j, m)*KroneckerDelta(j, jp)*KroneckerDelta(m, mp)*Triangle(j, j1, j2)",
        "threej_orthogonality_m",
    ),
    (
        "3j orthogonality over j, m",
        "Sum((2*j+1)*ThreeJ(j1,j2,j,m1,m2,m)*ThreeJ(j1,j2,j,n1,n2,m), j, m)",
        "InRange(j1, m1)*InRange(j2, m2)*KroneckerDelta(m1, n1)*KroneckerDelta(m2, n2)",
        "threej_orthogonality_j",
    ),
    (
        "q-6j orthogonality",
        "Sum(QInt(2*x+1)*QInt(2*f+1)*QSixJ(a,b,x,c,d,f)*QSixJ(a,b,x,c,d,g), x)",
        "KroneckerDelta(f, g)*Triangle(a, d, f)*Triangle(b, c, f)",
        "q_sixj_orthogonality",
    ),
    (
        "q-Racah identity",
        "Sum((-1)^(f+g+x)*QInt(2*x+1)*q^(f*(f+1)+g*(g+1)+x*(x+1)-a*(a+1)-b*(b+1)-c*(c+1)-d*(d+1))"
        "*QSixJ(a,b,x,c,d,f)*QSixJ(a,b,x,d,c,g), x)",
        "QSixJ(a, c, g, b, d, f)",
        "q_racah_sum_rule",
    ),
    (
        "q-Biedenharn-Elliott",
        "Sum((-1)^(a+b+c+d+e+f+p+s+r+x)*QInt(2*x+1)*QSixJ(a,b,x,c,d,p)*QSixJ(c,d,x,e,f,s)*QSixJ(e,f,x,b,a,r), x)",
        "QSixJ(a, d, p, s, r, e)*QSixJ(b, c, p, s, r, f)",
        "q_biedenharn_elliott",
    ),
)


def _check(case: int) -> CheckResult:
    name, text, expected, rule = DERIVATIONS[case]
    derivation = derive(parse(text), seed=case)
    got = derivation.result
    want = parse(expected)
    used = [s.rule for s in derivation.steps]
    ok = got == want and rule in used and derivation.check.nonzero > 0
    return CheckResult(ok, (name, str(got), used), (str(want), rule))


_register = registrar(
    default_max_spin=len(DERIVATIONS),
    random_max_spin=len(DERIVATIONS),
    tags=("symbolic",),
    domain=Domain((integer("case", 0, len(DERIVATIONS) - 1),)),
)

_register(
    "symbolic_sum_rules",
    "the standard sum rules, written with symbolic spins, reduce to their closed forms (checked derivations)",
    r"\texttt{derive}(\text{sum}) = \text{closed form},\ \text{checked at random admissible spins}",
    _check,
    "Edmonds ch. 6; Varshalovich et al. ch. 9; Kirillov-Reshetikhin 1989",
)
