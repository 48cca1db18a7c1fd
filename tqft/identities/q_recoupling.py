"""q-recoupling identities, checked exactly at generic q and at q = e^{i pi / r}, r = 3..12.

Every identity here has the level parameter ``r`` first (``0`` = generic q, exact rational
functions of ``q^(1/2)``; ``r >= 3`` = the root of unity in ``Q(zeta_4r)``), and at a root
of unity its colours and sums run over the level-``(r-2)`` admissible labels only, which
is exactly where the truncated identities hold.

References: Kirillov and Reshetikhin, "Representations of the algebra U_q(sl(2)),
q-orthogonal polynomials and invariants of links" (1989), sections 3-5; Carter, Flath and
Saito, *The Classical and Quantum 6j-Symbols* (1995), chapters 3 and 4; Kauffman and Lins
(1994), chapter 10.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..exact.qcontexts import ExactQContext, generic_q
from ..recoupling import kauffman_lins as kl
from ..recoupling import racah_formulas as rf
from ..recoupling.symmetry import sixj_symmetries
from ..recoupling.wigner import clebsch_gordan as classical_cg
from ..recoupling.wigner import wigner_6j
from ..spins import spin
from .core import CheckResult, Domain, Identity, compare, coupled, free, level, level_context, projection, register
from .recoupling import BIEDENHARN_ELLIOTT_DOMAIN, RACAH_DOMAIN, SIXJ_ORTHOGONALITY_DOMAIN, sixj_domain

__all__: list[str] = []


def _sum(ctx: ExactQContext, terms: Iterable[Any]) -> Any:
    return ctx.sum_values(list(terms))


def _couplings(ctx: ExactQContext, *pairs: tuple[int, int]) -> list[int]:
    """Colours x admissible (in ``ctx``) with every pair given."""
    lo = max(abs(a - b) for a, b in pairs)
    hi = min(a + b for a, b in pairs)
    return [x for x in range(lo, hi + 1, 2) if all(ctx.admissible(a, b, x) for a, b in pairs)]


def _casimir4(c: int) -> int:
    """``4 j (j + 1)`` for colour ``c = 2j``."""
    return c * (c + 2)


# --- orthogonality --------------------------------------------------------------------------


def _q_sixj_orth(r: int, a: int, b: int, c: int, d: int, f: int, g: int) -> CheckResult:
    ctx = level_context(r)
    terms = (
        ctx.value(ctx.qint(x + 1) * ctx.qint(f + 1)) * rf.sixj(ctx, a, b, x, c, d, f) * rf.sixj(ctx, a, b, x, c, d, g)
        for x in _couplings(ctx, (a, b), (c, d))
    )
    return compare(_sum(ctx, terms), ctx.value(1 if f == g else 0))


register(
    Identity(
        name="q_sixj_orthogonality",
        title="q-6j orthogonality (generic q and roots of unity)",
        statement=r"\sum_x [2x+1][2f+1] \begin{Bmatrix} a & b & x \\ c & d & f \end{Bmatrix}_q"
        r"\begin{Bmatrix} a & b & x \\ c & d & g \end{Bmatrix}_q = \delta_{fg}",
        domain=SIXJ_ORTHOGONALITY_DOMAIN.at_levels(),
        check=_q_sixj_orth,
        default_max_spin=1.5,
        random_max_spin=4,
        reference="Kirillov-Reshetikhin 1989, (5.7); Carter-Flath-Saito 1995, 4.1",
        tags=("q", "6j", "orthogonality"),
    )
)


def _q_cg_orth(r: int, a: int, b: int, c: int, c2: int, z: int) -> CheckResult:
    ctx = level_context(r)
    terms = (
        rf.clebsch_gordan(ctx, a, b, c, x, z - x, z) * rf.clebsch_gordan(ctx, a, b, c2, x, z - x, z)
        for x in range(-a, a + 1, 2)
        if abs(z - x) <= b
    )
    return compare(_sum(ctx, terms), ctx.value(1 if c == c2 else 0))


register(
    Identity(
        name="q_cg_orthogonality",
        title="q-Clebsch-Gordan orthogonality in the projections",
        statement=r"\sum_{m_1 + m_2 = m} \langle j_1 m_1, j_2 m_2 | j m\rangle_q"
        r"\langle j_1 m_1, j_2 m_2 | j' m\rangle_q = \delta_{j j'}",
        domain=Domain(
            (level(), free("j1"), free("j2"), coupled("j", 1, 2), coupled("j'", 1, 2), projection("m", 3)),
            where=lambda t: abs(t[5]) <= t[4],
        ),
        check=_q_cg_orth,
        default_max_spin=2,
        random_max_spin=5,
        reference="Kirillov-Reshetikhin 1989, (3.10); Klimyk-Schmudgen, Quantum Groups, 3.4",
        tags=("q", "CG", "orthogonality"),
    )
)


def _q_cg_complete(r: int, a: int, b: int, x: int, y: int, x2: int) -> CheckResult:
    ctx = level_context(r)
    y2 = x + y - x2
    terms = (
        rf.clebsch_gordan(ctx, a, b, c, x, y, x + y) * rf.clebsch_gordan(ctx, a, b, c, x2, y2, x + y)
        for c in _couplings(ctx, (a, b))
        if abs(x + y) <= c
    )
    return compare(_sum(ctx, terms), ctx.value(1 if x == x2 else 0))


register(
    Identity(
        name="q_cg_completeness",
        title="q-Clebsch-Gordan completeness (generic q only: at a root of unity V_a (x) V_b is not "
        "semisimple and the sum over truncated spins is incomplete)",
        statement=r"\sum_{j} \langle j_1 m_1, j_2 m_2 | j m\rangle_q \langle j_1 m_1', j_2 m_2' | j m\rangle_q"
        r" = \delta_{m_1 m_1'}\delta_{m_2 m_2'}\quad (m_1 + m_2 = m_1' + m_2' = m)",
        domain=Domain(
            (
                level(values=(0,)),
                free("j1"),
                free("j2"),
                projection("m1", 1),
                projection("m2", 2),
                projection("m1'", 1),
            ),
            where=lambda t: abs(t[3] + t[4] - t[5]) <= t[2],
        ),
        check=_q_cg_complete,
        default_max_spin=1.5,
        random_max_spin=4,
        reference="Kirillov-Reshetikhin 1989, (3.11)",
        tags=("q", "CG", "orthogonality"),
    )
)


# --- Racah and Biedenharn-Elliott ------------------------------------------------------------


def _q_racah(r: int, a: int, b: int, c: int, d: int, f: int, g: int) -> CheckResult:
    ctx = level_context(r)
    base = _casimir4(f) + _casimir4(g) - _casimir4(a) - _casimir4(b) - _casimir4(c) - _casimir4(d)
    terms = (
        ctx.value(ctx.sign((f + g + x) // 2) * ctx.qint(x + 1) * ctx.qpower((base + _casimir4(x)) // 2))
        * rf.sixj(ctx, a, b, x, c, d, f)
        * rf.sixj(ctx, a, b, x, d, c, g)
        for x in _couplings(ctx, (a, b), (c, d))
    )
    return compare(_sum(ctx, terms), rf.sixj(ctx, a, d, f, b, c, g))


register(
    Identity(
        name="q_racah_sum_rule",
        title="q-Racah identity (the hexagon: braiding eigenvalues q^{j(j+1)})",
        statement=r"\sum_x (-1)^{f+g+x} q^{C_f + C_g + C_x - C_a - C_b - C_c - C_d} [2x+1]"
        r"\begin{Bmatrix} a & b & x \\ c & d & f \end{Bmatrix}_q"
        r"\begin{Bmatrix} a & b & x \\ d & c & g \end{Bmatrix}_q"
        r" = \begin{Bmatrix} a & d & f \\ b & c & g \end{Bmatrix}_q,\quad C_j = j(j+1)",
        domain=RACAH_DOMAIN.at_levels(),
        check=_q_racah,
        default_max_spin=1.5,
        random_max_spin=4,
        reference="Kirillov-Reshetikhin 1989, (5.9); Carter-Flath-Saito 1995, 4.2 (also true with q -> 1/q)",
        tags=("q", "6j", "sum rule"),
    )
)


def _q_be(r: int, p: int, q: int, s: int, e: int, a: int, d: int, f: int, b: int, c: int) -> CheckResult:
    ctx = level_context(r)
    total = a + b + c + d + e + f + p + q + s
    terms = (
        ctx.value(ctx.sign((total + x) // 2) * ctx.qint(x + 1))
        * rf.sixj(ctx, a, b, x, c, d, p)
        * rf.sixj(ctx, c, d, x, e, f, q)
        * rf.sixj(ctx, e, f, x, b, a, s)
        for x in _couplings(ctx, (a, b), (c, d), (e, f))
    )
    rhs = rf.sixj(ctx, p, q, s, e, a, d) * rf.sixj(ctx, p, q, s, f, b, c)
    return compare(_sum(ctx, terms), rhs)


register(
    Identity(
        name="q_biedenharn_elliott",
        title="q-Biedenharn-Elliott (pentagon) identity",
        statement=r"\sum_x (-1)^{S+x}[2x+1] \begin{Bmatrix} a & b & x \\ c & d & p \end{Bmatrix}_q"
        r"\begin{Bmatrix} c & d & x \\ e & f & q \end{Bmatrix}_q\begin{Bmatrix} e & f & x \\ b & a & r \end{Bmatrix}_q"
        r" = \begin{Bmatrix} p & q & r \\ e & a & d \end{Bmatrix}_q"
        r"\begin{Bmatrix} p & q & r \\ f & b & c \end{Bmatrix}_q",
        domain=BIEDENHARN_ELLIOTT_DOMAIN.at_levels(),
        check=_q_be,
        default_max_spin=1,
        random_max_spin=3,
        reference="Kirillov-Reshetikhin 1989, (5.10); Turaev 1994, VI.1",
        tags=("q", "6j", "pentagon"),
    )
)


# --- symmetries and the classical limit ---------------------------------------------------------


def _q_sixj_sym(r: int, *args: int) -> CheckResult:
    ctx = level_context(r)
    ref = rf.sixj(ctx, *args)
    for image in set(sixj_symmetries(args)):
        value = rf.sixj(ctx, *image)
        if value != ref:
            return CheckResult(False, ref, value)
    return CheckResult(True, ref, ref)


register(
    Identity(
        name="q_sixj_symmetries",
        title="q-6j invariance under the 24 tetrahedral and 6 Regge symmetries",
        statement=r"\begin{Bmatrix} j_1 & j_2 & j_3 \\ j_4 & j_5 & j_6 \end{Bmatrix}_q = "
        r"g\cdot\begin{Bmatrix} j_1 & j_2 & j_3 \\ j_4 & j_5 & j_6 \end{Bmatrix}_q\ (144\ \text{symmetries } g)",
        domain=sixj_domain("j1", "j2", "j3", "j4", "j5", "j6").at_levels(),
        check=_q_sixj_sym,
        default_max_spin=1,
        random_max_spin=4,
        reference="Kirillov-Reshetikhin 1989, (5.4)-(5.5); Carter-Flath-Saito 1995, 3.3",
        tags=("q", "6j", "symmetry"),
    )
)


def _q_cg_sym(r: int, a: int, b: int, c: int, x: int, y: int) -> CheckResult:
    ctx = level_context(r)
    z = x + y
    value = rf.clebsch_gordan(ctx, a, b, c, x, y, z)
    phase = ctx.value(ctx.sign((a + b - c) // 2))
    swapped = phase * ctx.bar(rf.clebsch_gordan(ctx, b, a, c, y, x, z))
    if value != swapped:
        return CheckResult(False, value, swapped)
    reflected = phase * ctx.bar(rf.clebsch_gordan(ctx, a, b, c, -x, -y, -z))
    return compare(value, reflected)


register(
    Identity(
        name="q_cg_symmetries",
        title="q-Clebsch-Gordan exchange and reflection symmetries (q -> 1/q)",
        statement=r"\langle j_1 m_1, j_2 m_2 | j m\rangle_q = (-1)^{j_1+j_2-j}"
        r"\langle j_2 m_2, j_1 m_1 | j m\rangle_{q^{-1}} = (-1)^{j_1+j_2-j}"
        r"\langle j_1, -m_1, j_2, -m_2 | j, -m\rangle_{q^{-1}}",
        domain=Domain(
            (level(), free("j1"), free("j2"), coupled("j", 1, 2), projection("m1", 1), projection("m2", 2)),
            where=lambda t: abs(t[4] + t[5]) <= t[3],
        ),
        check=_q_cg_sym,
        default_max_spin=2,
        random_max_spin=5,
        reference="Kirillov-Reshetikhin 1989, (3.13)",
        tags=("q", "CG", "symmetry"),
    )
)


def _q_classical_limit(a: int, b: int, c: int, d: int, e: int, f: int) -> CheckResult:
    g = generic_q()
    six = g.at_one(rf.sixj(g, a, b, c, d, e, f))
    classical = wigner_6j(*(spin(v) for v in (a, b, c, d, e, f)))
    if six != classical:
        return CheckResult(False, six, classical)
    # and the Clebsch-Gordan coefficients of the first triad at every projection
    for x in range(-a, a + 1, 2):
        for y in range(-b, b + 1, 2):
            if abs(x + y) > c:
                continue
            q_value = g.at_one(rf.clebsch_gordan(g, a, b, c, x, y, x + y))
            ref = classical_cg(spin(a), spin(b), spin(c), spin(x), spin(y), spin(x + y))
            if q_value != ref:
                return CheckResult(False, q_value, ref)
    return compare(six, classical)


register(
    Identity(
        name="q_classical_limit",
        title="generic q-6j and q-CG at q = 1 equal the classical (sympy-convention) values",
        statement=r"\begin{Bmatrix} j_1 & j_2 & j_3 \\ j_4 & j_5 & j_6 \end{Bmatrix}_{q=1}"
        r" = \begin{Bmatrix} j_1 & j_2 & j_3 \\ j_4 & j_5 & j_6 \end{Bmatrix},\quad"
        r"\langle j_1 m_1, j_2 m_2 | j_3 m\rangle_{q=1} = \langle j_1 m_1, j_2 m_2 | j_3 m\rangle",
        domain=sixj_domain("j1", "j2", "j3", "j4", "j5", "j6"),
        check=_q_classical_limit,
        default_max_spin=1.5,
        random_max_spin=5,
        reference="Kirillov-Reshetikhin 1989, section 3 (q -> 1); Edmonds (3.7.3), (6.3.7)",
        tags=("q", "6j", "CG", "limit"),
    )
)


# --- Kauffman-Lins normalisation ---------------------------------------------------------------


def _kl_unitary(r: int, *args: int) -> CheckResult:
    ctx = level_context(r)
    a, b, c, d, e, f = args
    unitary = rf.sixj(ctx, *args)
    from_nets = kl.unitary_from_tet(ctx, *args)
    if unitary != from_nets:
        return CheckResult(False, unitary, from_nets)
    back = kl.tet_from_unitary(ctx, unitary, *args)
    return compare(back, ctx.value(kl.tet(ctx, a, b, f, d, e, c)))


register(
    Identity(
        name="kl_unitary_relation",
        title="Kauffman-Lins nets give the unitary q-6j: Tet / sqrt|theta^4|, and back",
        statement=r"\begin{Bmatrix} a & b & c \\ d & e & f \end{Bmatrix}_q = "
        r"\frac{\mathrm{Tet}\begin{bmatrix} a & b & f \\ d & e & c \end{bmatrix}}"
        r"{\sqrt{|\theta(a,b,c)\,\theta(a,e,f)\,\theta(d,b,f)\,\theta(d,e,c)|}}",
        domain=sixj_domain("j1", "j2", "j3", "j4", "j5", "j6").at_levels(),
        check=_kl_unitary,
        default_max_spin=1.5,
        random_max_spin=4,
        reference="Kauffman-Lins 1994, 8.5 and 10.2; Carter-Flath-Saito 1995, 4.3",
        tags=("q", "6j", "Kauffman-Lins"),
    )
)


def _kl_recoupling_orth(r: int, a: int, b: int, c: int, d: int, i: int, k: int) -> CheckResult:
    ctx = level_context(r)
    total = ctx.zero
    for j in _couplings(ctx, (a, b), (c, d)):
        total = total + kl.recoupling_coefficient(ctx, a, b, i, c, d, j) * kl.recoupling_coefficient(
            ctx, d, a, j, b, c, k
        )
    return compare(total, ctx.one if i == k else ctx.zero)


register(
    Identity(
        name="kl_recoupling_orthogonality",
        title="Kauffman-Lins recoupling matrices are mutually inverse",
        statement=r"\sum_j \begin{Bmatrix} a & b & i \\ c & d & j \end{Bmatrix}"
        r"\begin{Bmatrix} d & a & j \\ b & c & k \end{Bmatrix} = \delta_{ik}",
        domain=Domain(
            (level(), free("a"), free("b"), free("c"), free("d"), coupled("i", 1, 4), coupled("k", 1, 4)),
            triads=((2, 3, 5), (2, 3, 6)),
        ),
        check=_kl_recoupling_orth,
        default_max_spin=1.5,
        random_max_spin=3,
        reference="Kauffman-Lins 1994, 10.3 (orthogonality of the 6j recoupling matrices)",
        tags=("q", "6j", "Kauffman-Lins"),
    )
)
