"""SU(2) recoupling identities (q = 1), checked exactly.

Every check evaluates both sides with exact :class:`~tqft.exact.SqrtRational` values and
compares canonical :class:`~tqft.exact.Multiquadratic` sums, so a pass is a proof for
those parameters.  Parameters are colours (``2j``) and doubled projections (``2m``).

Where a check could be circular it is arranged not to be: the symmetry identities
evaluate every image with the plain reference formulas of
:mod:`tqft.recoupling.racah_formulas` (no canonical form, no cache) and compare with the
cached fast path; the 9j checks compare the batched 9j kernel with Edmonds' untransposed
6j sum and with the definition as a contraction of six 3j symbols.

References: NIST Digital Library of Mathematical Functions, chapter 34 (equation numbers
below, "DLMF"); A. R. Edmonds, *Angular Momentum in Quantum Mechanics* (Princeton, 1957);
L. C. Biedenharn, J. Math. Phys. 31 (1953) 287 and J. P. Elliott, Proc. R. Soc. A 218
(1953) 345 for the pentagon identity; K. Schulten and R. G. Gordon, J. Math. Phys. 16
(1975) 1961 for the recursions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction

from ..exact.context import CLASSICAL
from ..exact.quadratic import ExactReal, Multiquadratic, SqrtRational
from ..recoupling import racah_formulas
from ..recoupling.symmetry import ninej_symmetries, sixj_symmetries, threej_symmetries
from ..recoupling.wigner import ninej_colours, sixj_colours, threej_colours
from .core import CheckResult, Domain, Identity, compare, coupled, free, projection, register

__all__: list[str] = []

_ONE = SqrtRational._make(1, 1, 1)
_ZERO = SqrtRational._make(0, 1, 1)


def _phase(twice: int) -> int:
    """``(-1)^(twice/2)`` for an even doubled exponent."""
    if twice % 2:
        raise ValueError(f"phase exponent {twice}/2 is not an integer")
    return -1 if (twice // 2) % 2 else 1


def _inv_sqrt(n: int) -> SqrtRational:
    return SqrtRational(1, Fraction(1, n))


def _couplings(a: int, b: int) -> range:
    return range(abs(a - b), a + b + 1, 2)


# --- 3j orthogonality -------------------------------------------------------------------


def _threej_orth_m(a: int, b: int, c: int, c2: int, z: int, z2: int) -> CheckResult:
    terms = []
    for x in range(-a, a + 1, 2):
        y = -x - z
        if abs(y) <= b:
            terms.append((c + 1) * threej_colours(a, b, c, x, y, z) * threej_colours(a, b, c2, x, y, z2))
    return compare(Multiquadratic.sum(terms), _ONE if (c, z) == (c2, z2) else _ZERO)


register(
    Identity(
        name="threej_orthogonality_m",
        title="3j orthogonality, sum over m1, m2",
        statement=r"\sum_{m_1 m_2} (2j_3+1) \begin{pmatrix} j_1 & j_2 & j_3 \\ m_1 & m_2 & m_3 \end{pmatrix}"
        r"\begin{pmatrix} j_1 & j_2 & j_3' \\ m_1 & m_2 & m_3' \end{pmatrix} = \delta_{j_3 j_3'} \delta_{m_3 m_3'}",
        domain=Domain(
            (
                free("j1"),
                free("j2"),
                coupled("j3", 0, 1),
                coupled("j3'", 0, 1),
                projection("m3", 2),
                projection("m3'", 3),
            )
        ),
        check=_threej_orth_m,
        default_max_spin=4,
        random_max_spin=8,
        reference="DLMF 34.3.16; Edmonds p. 47",
        tags=("3j", "orthogonality"),
    )
)


def _threej_orth_j(a: int, b: int, x: int, y: int, x2: int, y2: int) -> CheckResult:
    terms = []
    z = -x - y
    for c in _couplings(a, b):
        if abs(z) <= c:
            terms.append((c + 1) * threej_colours(a, b, c, x, y, z) * threej_colours(a, b, c, x2, y2, z))
    return compare(Multiquadratic.sum(terms), _ONE if (x, y) == (x2, y2) else _ZERO)


register(
    Identity(
        name="threej_orthogonality_j",
        title="3j orthogonality, sum over j3, m3",
        statement=r"\sum_{j_3 m_3} (2j_3+1) \begin{pmatrix} j_1 & j_2 & j_3 \\ m_1 & m_2 & m_3 \end{pmatrix}"
        r"\begin{pmatrix} j_1 & j_2 & j_3 \\ m_1' & m_2' & m_3 \end{pmatrix} = \delta_{m_1 m_1'} \delta_{m_2 m_2'}",
        domain=Domain(
            (
                free("j1"),
                free("j2"),
                projection("m1", 0),
                projection("m2", 1),
                projection("m1'", 0),
                projection("m2'", 1),
            )
        ),
        check=_threej_orth_j,
        default_max_spin=3,
        random_max_spin=8,
        reference="DLMF 34.3.17; Edmonds p. 47",
        tags=("3j", "orthogonality"),
    )
)


# --- 6j identities ----------------------------------------------------------------------


def sixj_domain(n1: str, n2: str, n3: str, n4: str, n5: str, n6: str) -> Domain:
    """Admissible arguments of ``{n1 n2 n3; n4 n5 n6}``: all four triads admissible."""
    return Domain(
        (free(n1), free(n2), coupled(n3, 0, 1), free(n4), coupled(n5, 3, 2), coupled(n6, 0, 4)),
        triads=((3, 1, 5),),
    )


#: ``{a b x; c d f}`` and ``{a b x; c d f'}`` both admissible for some x (orthogonality)
SIXJ_ORTHOGONALITY_DOMAIN = Domain(
    (free("a"), free("b"), free("c"), free("d"), coupled("f", 0, 3), coupled("f'", 0, 3)),
    triads=((2, 1, 4), (2, 1, 5)),
)

#: the arguments of the Racah sum rule: ``{a d f; b c g}`` admissible
RACAH_DOMAIN = Domain(
    (free("a"), free("b"), free("c"), free("d"), coupled("f", 0, 3), coupled("g", 0, 2)),
    triads=((1, 2, 4), (1, 3, 5)),
)

#: the arguments of Biedenharn-Elliott: both 6j symbols of the right-hand side admissible
BIEDENHARN_ELLIOTT_DOMAIN = Domain(
    (
        free("p"),
        free("q"),
        coupled("r", 0, 1),
        free("e"),
        free("a"),
        coupled("d", 0, 4),
        free("f"),
        free("b"),
        coupled("c", 0, 7),
    ),
    triads=((3, 1, 5), (3, 4, 2), (6, 1, 8), (6, 7, 2)),
)


def _sixj_orth(a: int, b: int, c: int, d: int, f: int, f2: int) -> CheckResult:
    terms = [
        (x + 1) * (f + 1) * sixj_colours(a, b, x, c, d, f) * sixj_colours(a, b, x, c, d, f2) for x in _couplings(a, b)
    ]
    return compare(Multiquadratic.sum(terms), _ONE if f == f2 else _ZERO)


register(
    Identity(
        name="sixj_orthogonality",
        title="6j orthogonality",
        statement=r"\sum_x (2x+1)(2f+1) \begin{Bmatrix} a & b & x \\ c & d & f \end{Bmatrix}"
        r"\begin{Bmatrix} a & b & x \\ c & d & f' \end{Bmatrix} = \delta_{f f'}",
        domain=SIXJ_ORTHOGONALITY_DOMAIN,
        check=_sixj_orth,
        default_max_spin=6,
        random_max_spin=10,
        reference="DLMF 34.5.14; Edmonds p. 96",
        tags=("6j", "orthogonality"),
    )
)


def _racah_sum_rule(a: int, b: int, c: int, d: int, f: int, g: int) -> CheckResult:
    terms = [
        _phase(f + g + x) * (x + 1) * sixj_colours(a, b, x, c, d, f) * sixj_colours(a, b, x, d, c, g)
        for x in _couplings(a, b)
    ]
    return compare(Multiquadratic.sum(terms), sixj_colours(a, d, f, b, c, g))


register(
    Identity(
        name="racah_sum_rule",
        title="Racah sum rule",
        statement=r"\sum_x (-1)^{f+g+x} (2x+1) \begin{Bmatrix} a & b & x \\ c & d & f \end{Bmatrix}"
        r"\begin{Bmatrix} a & b & x \\ d & c & g \end{Bmatrix} = \begin{Bmatrix} a & d & f \\ b & c & g \end{Bmatrix}",
        domain=RACAH_DOMAIN,
        check=_racah_sum_rule,
        default_max_spin=6,
        random_max_spin=10,
        reference="DLMF 34.5.15; Edmonds pp. 95-97",
        tags=("6j", "sum rule"),
    )
)


def _biedenharn_elliott(p: int, q: int, r: int, e: int, a: int, d: int, f: int, b: int, c: int) -> CheckResult:
    total = a + b + c + d + e + f + p + q + r
    terms = [
        _phase(total + x)
        * (x + 1)
        * sixj_colours(a, b, x, c, d, p)
        * sixj_colours(c, d, x, e, f, q)
        * sixj_colours(e, f, x, b, a, r)
        for x in _couplings(a, b)
    ]
    return compare(Multiquadratic.sum(terms), sixj_colours(p, q, r, e, a, d) * sixj_colours(p, q, r, f, b, c))


register(
    Identity(
        name="biedenharn_elliott",
        title="Biedenharn-Elliott (pentagon) identity",
        statement=r"\sum_x (-1)^{S+x}(2x+1) \begin{Bmatrix} a & b & x \\ c & d & p \end{Bmatrix}"
        r"\begin{Bmatrix} c & d & x \\ e & f & q \end{Bmatrix}\begin{Bmatrix} e & f & x \\ b & a & r \end{Bmatrix}"
        r" = \begin{Bmatrix} p & q & r \\ e & a & d \end{Bmatrix}\begin{Bmatrix} p & q & r \\ f & b & c \end{Bmatrix},"
        r"\quad S = a+b+c+d+e+f+p+q+r",
        domain=BIEDENHARN_ELLIOTT_DOMAIN,
        check=_biedenharn_elliott,
        default_max_spin=2.5,
        random_max_spin=6,
        reference="DLMF 34.5.16 (relabelled); Biedenharn 1953, Elliott 1953",
        tags=("6j", "pentagon", "Pachner 2-3"),
    )
)


def _sixj_sum_rule(a: int, b: int, f: int) -> CheckResult:
    terms = [_phase(a + b + x) * (x + 1) * sixj_colours(a, b, x, b, a, f) for x in _couplings(a, b)]
    rhs = SqrtRational(1, (a + 1) * (b + 1)) if f == 0 else _ZERO
    return compare(Multiquadratic.sum(terms), rhs)


register(
    Identity(
        name="sixj_sum_rule",
        title="6j sum rule with a zero result for f > 0",
        statement=r"\sum_x (-1)^{a+b+x}(2x+1) \begin{Bmatrix} a & b & x \\ b & a & f \end{Bmatrix}"
        r" = \sqrt{(2a+1)(2b+1)}\, \delta_{f0}",
        domain=Domain((free("a"), free("b"), coupled("f", 0, 0)), triads=((1, 1, 2),)),
        check=_sixj_sum_rule,
        default_max_spin=10,
        random_max_spin=20,
        reference="DLMF 34.5.18",
        tags=("6j", "sum rule"),
    )
)


def _sixj_weighted_sum(a: int, b: int, f: int) -> CheckResult:
    terms = [(x + 1) * sixj_colours(a, b, x, a, b, f) for x in _couplings(a, b)]
    return compare(Multiquadratic.sum(terms), _ONE * _phase(2 * (a + b)))


register(
    Identity(
        name="sixj_weighted_sum",
        title="sum over x of (2x+1) {a b x; a b f}",
        statement=r"\sum_x (2x+1) \begin{Bmatrix} a & b & x \\ a & b & f \end{Bmatrix} = (-1)^{2(a+b)}"
        r"\quad ((a, b, f) \text{ admissible})",
        domain=Domain((free("a"), free("b"), coupled("f", 0, 1))),
        check=_sixj_weighted_sum,
        default_max_spin=10,
        random_max_spin=40,
        reference="DLMF 34.5.17",
        tags=("6j", "sum rule"),
    )
)


def _sixj_closed_form(a: int, b: int, c: int) -> CheckResult:
    rhs = _phase(a + b + c) * _inv_sqrt((b + 1) * (c + 1))
    return compare(sixj_colours(a, b, c, 0, c, b), rhs)


register(
    Identity(
        name="sixj_one_zero",
        title="6j with a zero spin (closed form)",
        statement=r"\begin{Bmatrix} a & b & c \\ 0 & c & b \end{Bmatrix} = \frac{(-1)^{a+b+c}}{\sqrt{(2b+1)(2c+1)}}",
        domain=Domain((free("a"), free("b"), coupled("c", 0, 1))),
        check=_sixj_closed_form,
        default_max_spin=15,
        random_max_spin=500,
        reference="DLMF 34.5.1; Edmonds p. 98",
        tags=("6j", "closed form"),
    )
)


def _threej_closed_form(a: int, x: int) -> CheckResult:
    return compare(threej_colours(a, a, 0, x, -x, 0), _phase(a - x) * _inv_sqrt(a + 1))


register(
    Identity(
        name="threej_one_zero",
        title="3j with a zero spin (closed form)",
        statement=r"\begin{pmatrix} j & j & 0 \\ m & -m & 0 \end{pmatrix} = \frac{(-1)^{j-m}}{\sqrt{2j+1}}",
        domain=Domain((free("j"), projection("m", 0))),
        check=_threej_closed_form,
        default_max_spin=40,
        random_max_spin=1000,
        reference="DLMF 34.3.1",
        tags=("3j", "closed form"),
    )
)


def _sixj_from_threej(j1: int, j2: int, j3: int, l1: int, l2: int, l3: int, m1: int, m2: int) -> CheckResult:
    m3 = -m1 - m2
    lhs = threej_colours(j1, j2, j3, m1, m2, m3) * sixj_colours(j1, j2, j3, l1, l2, l3)
    terms = []
    for u2 in range(-l2, l2 + 1, 2):
        u3 = m1 + u2  # from m1 + u2 - u3 = 0
        u1 = u2 - m3  # from u1 - u2 + m3 = 0
        if abs(u3) > l3 or abs(u1) > l1:
            continue
        terms.append(
            _phase(l1 + l2 + l3 + u1 + u2 + u3)
            * threej_colours(j1, l2, l3, m1, u2, -u3)
            * threej_colours(l1, j2, l3, -u1, m2, u3)
            * threej_colours(l1, l2, j3, u1, -u2, m3)
        )
    return compare(lhs, Multiquadratic.sum(terms))


register(
    Identity(
        name="sixj_from_threej",
        title="6j as a contraction of 3j symbols",
        statement=r"\begin{pmatrix} j_1 & j_2 & j_3 \\ m_1 & m_2 & m_3 \end{pmatrix}"
        r"\begin{Bmatrix} j_1 & j_2 & j_3 \\ l_1 & l_2 & l_3 \end{Bmatrix} = \sum_{\mu_1\mu_2\mu_3}"
        r"(-1)^{l_1+l_2+l_3+\mu_1+\mu_2+\mu_3}"
        r"\begin{pmatrix} j_1 & l_2 & l_3 \\ m_1 & \mu_2 & -\mu_3 \end{pmatrix}"
        r"\begin{pmatrix} l_1 & j_2 & l_3 \\ -\mu_1 & m_2 & \mu_3 \end{pmatrix}"
        r"\begin{pmatrix} l_1 & l_2 & j_3 \\ \mu_1 & -\mu_2 & m_3 \end{pmatrix}",
        domain=Domain(
            (
                free("j1"),
                free("j2"),
                coupled("j3", 0, 1),
                free("l1"),
                free("l2"),
                coupled("l3", 3, 4),
                projection("m1", 0),
                projection("m2", 1),
            ),
            triads=((0, 4, 5), (3, 1, 5), (3, 4, 2)),
            where=lambda t: abs(t[6] + t[7]) <= t[2],
        ),
        check=_sixj_from_threej,
        default_max_spin=2.5,
        random_max_spin=6,
        reference="DLMF 34.5.23",
        tags=("3j", "6j"),
    )
)


# --- 9j ---------------------------------------------------------------------------------

_NINEJ_DOMAIN = Domain(
    (
        free("j1"),
        free("j2"),
        coupled("j3", 0, 1),
        free("j4"),
        free("j5"),
        coupled("j6", 3, 4),
        coupled("j7", 0, 3),
        coupled("j8", 1, 4),
        coupled("j9", 6, 7),
    ),
    triads=((2, 5, 8),),
)


def _ninej_sixj_sum(*m: int) -> CheckResult:
    j1, j2, j3, j4, j5, j6, j7, j8, j9 = m
    terms = [
        _phase(2 * x)
        * (x + 1)
        * sixj_colours(j1, j4, j7, j8, j9, x)
        * sixj_colours(j2, j5, j8, j4, x, j6)
        * sixj_colours(j3, j6, j9, x, j1, j2)
        for x in range(max(abs(j1 - j9), abs(j4 - j8), abs(j2 - j6)), min(j1 + j9, j4 + j8, j2 + j6) + 1, 2)
    ]
    return compare(ninej_colours(*m), Multiquadratic.sum(terms))


register(
    Identity(
        name="ninej_as_sixj_sum",
        title="9j as a sum of products of three 6j symbols",
        statement=r"\begin{Bmatrix} j_1 & j_2 & j_3 \\ j_4 & j_5 & j_6 \\ j_7 & j_8 & j_9 \end{Bmatrix}"
        r" = \sum_x (-1)^{2x}(2x+1) \begin{Bmatrix} j_1 & j_4 & j_7 \\ j_8 & j_9 & x \end{Bmatrix}"
        r"\begin{Bmatrix} j_2 & j_5 & j_8 \\ j_4 & x & j_6 \end{Bmatrix}"
        r"\begin{Bmatrix} j_3 & j_6 & j_9 \\ x & j_1 & j_2 \end{Bmatrix}",
        domain=_NINEJ_DOMAIN,
        check=_ninej_sixj_sum,
        default_max_spin=2.5,
        random_max_spin=8,
        reference="DLMF 34.6.2",
        tags=("9j", "6j"),
    )
)


def _ninej_threej(*m: int) -> CheckResult:
    a, b, c, d, e, f, g, h, i = m
    terms = []
    for m11 in range(-a, a + 1, 2):
        for m12 in range(-b, b + 1, 2):
            m13 = -m11 - m12
            if abs(m13) > c:
                continue
            for m21 in range(-d, d + 1, 2):
                m31 = -m11 - m21
                if abs(m31) > g:
                    continue
                for m22 in range(-e, e + 1, 2):
                    m23, m32 = -m21 - m22, -m12 - m22
                    m33 = -m31 - m32
                    if abs(m23) > f or abs(m32) > h or abs(m33) > i:
                        continue
                    terms.append(
                        threej_colours(a, b, c, m11, m12, m13)
                        * threej_colours(d, e, f, m21, m22, m23)
                        * threej_colours(g, h, i, m31, m32, m33)
                        * threej_colours(a, d, g, m11, m21, m31)
                        * threej_colours(b, e, h, m12, m22, m32)
                        * threej_colours(c, f, i, m13, m23, m33)
                    )
    return compare(ninej_colours(*m), Multiquadratic.sum(terms))


register(
    Identity(
        name="ninej_from_threej",
        title="9j as a contraction of six 3j symbols (its definition)",
        statement=r"\begin{Bmatrix} j_{11} & j_{12} & j_{13} \\ j_{21} & j_{22} & j_{23} \\ "
        r"j_{31} & j_{32} & j_{33} \end{Bmatrix}"
        r" = \sum_{\text{all } m} \prod_{\text{rows } r} "
        r"\begin{pmatrix} j_{r1} & j_{r2} & j_{r3} \\ m_{r1} & m_{r2} & m_{r3} \end{pmatrix}"
        r"\prod_{\text{columns } c} \begin{pmatrix} j_{1c} & j_{2c} & j_{3c} \\ m_{1c} & m_{2c} & m_{3c} \end{pmatrix}",
        domain=_NINEJ_DOMAIN,
        check=_ninej_threej,
        default_max_spin=1.5,
        random_max_spin=2,
        reference="DLMF 34.6.1",
        tags=("9j", "3j"),
    )
)


# --- symmetries -------------------------------------------------------------------------


def _images_agree(
    args: tuple[int, ...],
    images: Iterable[tuple[tuple[int, ...], int]],
    reference: Callable[[tuple[int, ...]], ExactReal],
    fast: Callable[[tuple[int, ...]], ExactReal],
) -> CheckResult:
    """Every signed image of ``args`` has the value of ``args``, by the reference formula
    (in the image's own argument order) and by the cached fast path."""
    ref, quick = reference(args), fast(args)
    for image, sign in set(images):
        value = sign * reference(image)
        if value != ref:
            return CheckResult(False, ref, value)
        value = sign * fast(image)
        if value != quick:
            return CheckResult(False, quick, value)
    return compare(quick, ref)


def _threej_symmetry(a: int, b: int, c: int, x: int, y: int) -> CheckResult:
    return _images_agree(
        (a, b, c, x, y, -x - y),
        threej_symmetries((a, b, c, x, y, -x - y)),
        lambda t: racah_formulas.threej(CLASSICAL, *t),
        lambda t: threej_colours(*t),
    )


register(
    Identity(
        name="threej_symmetries",
        title="3j invariance under its 72 symmetries",
        statement=r"\begin{pmatrix} j_1 & j_2 & j_3 \\ m_1 & m_2 & m_3 \end{pmatrix} = \epsilon_g\, "
        r"g\cdot\begin{pmatrix} j_1 & j_2 & j_3 \\ m_1 & m_2 & m_3 \end{pmatrix}"
        r"\ \text{for the 72 column permutations, } m \to -m \text{ and Regge symmetries } g",
        domain=Domain(
            (free("j1"), free("j2"), coupled("j3", 0, 1), projection("m1", 0), projection("m2", 1)),
            where=lambda t: abs(t[3] + t[4]) <= t[2],
        ),
        check=_threej_symmetry,
        default_max_spin=2.5,
        random_max_spin=10,
        reference="DLMF 34.3.8-34.3.12; Regge, Nuovo Cimento 10 (1958) 544",
        tags=("3j", "symmetry"),
    )
)


def _sixj_symmetry(*args: int) -> CheckResult:
    return _images_agree(
        args,
        ((image, 1) for image in sixj_symmetries(args)),
        lambda t: racah_formulas.sixj(CLASSICAL, *t),
        lambda t: sixj_colours(*t),
    )


register(
    Identity(
        name="sixj_symmetries",
        title="6j invariance under its 144 symmetries",
        statement=r"\begin{Bmatrix} j_1 & j_2 & j_3 \\ j_4 & j_5 & j_6 \end{Bmatrix} = "
        r"g\cdot\begin{Bmatrix} j_1 & j_2 & j_3 \\ j_4 & j_5 & j_6 \end{Bmatrix}"
        r"\ \text{for the 24 tetrahedral and 6 Regge symmetries } g",
        domain=sixj_domain("j1", "j2", "j3", "j4", "j5", "j6"),
        check=_sixj_symmetry,
        default_max_spin=2,
        random_max_spin=10,
        reference="DLMF 34.5.8-34.5.10; Regge, Nuovo Cimento 11 (1959) 116",
        tags=("6j", "symmetry"),
    )
)


def _ninej_symmetry(*m: int) -> CheckResult:
    return _images_agree(
        m, ninej_symmetries(m), lambda t: racah_formulas.ninej(CLASSICAL, t), lambda t: ninej_colours(*t)
    )


register(
    Identity(
        name="ninej_symmetries",
        title="9j invariance under its 72 symmetries",
        statement=r"\begin{Bmatrix} j_1 & j_2 & j_3 \\ j_4 & j_5 & j_6 \\ j_7 & j_8 & j_9 \end{Bmatrix}"
        r" = \epsilon_g\, g\cdot\{9j\}"
        r"\ \text{for row and column permutations (}\epsilon = (-1)^{\sum j}\text{ if odd) and transposition}",
        domain=_NINEJ_DOMAIN,
        check=_ninej_symmetry,
        default_max_spin=1,
        random_max_spin=3,
        reference="DLMF 34.7(ii)",
        tags=("9j", "symmetry"),
    )
)


# --- three-term recursions (valid at any spin: they test the kernel at large spins) -------


def _root_of(value: Fraction) -> SqrtRational:
    """``sqrt(max(value, 0))``: where the product under the root is negative the 6j/3j it
    multiplies vanishes by the triangle rule, so the term is zero either way."""
    return SqrtRational(1, value) if value > 0 else _ZERO


def _three_term(
    a: int, big_e: Callable[[Fraction], SqrtRational], big_f: Fraction, symbol: Callable[[int], SqrtRational]
) -> CheckResult:
    """``j1 E(j1+1) S(j1+1) + F(j1) S(j1) + (j1+1) E(j1) S(j1-1) = 0`` for ``S`` the symbol as a
    function of the colour ``a = 2 j1`` (the ``S(j1-1)`` term is absent for ``j1 < 1``)."""
    j1 = Fraction(a, 2)
    terms = [j1 * big_e(j1 + 1) * symbol(a + 2), big_f * symbol(a)]
    if a >= 2:
        terms.append((j1 + 1) * big_e(j1) * symbol(a - 2))
    return compare(Multiquadratic.sum(terms), _ZERO)


def _sixj_recursion(a: int, b: int, c: int, d: int, e: int, f: int) -> CheckResult:
    j1, j2, j3, l1, l2, l3 = (Fraction(x, 2) for x in (a, b, c, d, e, f))

    def big_e(j: Fraction) -> SqrtRational:
        return _root_of(
            (j**2 - (j2 - j3) ** 2)
            * ((j2 + j3 + 1) ** 2 - j**2)
            * (j**2 - (l2 - l3) ** 2)
            * ((l2 + l3 + 1) ** 2 - j**2)
        )

    jj, aa, bb = j1 * (j1 + 1), j2 * (j2 + 1), j3 * (j3 + 1)
    ll1, ll2, ll3 = l1 * (l1 + 1), l2 * (l2 + 1), l3 * (l3 + 1)
    big_f = (2 * j1 + 1) * (jj * (-jj + aa + bb) + ll2 * (jj + aa - bb) + ll3 * (jj - aa + bb) - 2 * jj * ll1)
    return _three_term(a, big_e, big_f, lambda a1: sixj_colours(a1, b, c, d, e, f))


register(
    Identity(
        name="sixj_recursion",
        title="6j three-term recursion in j1 (Schulten-Gordon)",
        statement=r"j_1 E(j_1+1) \begin{Bmatrix} j_1+1 & j_2 & j_3 \\ l_1 & l_2 & l_3 \end{Bmatrix} + F(j_1)"
        r"\begin{Bmatrix} j_1 & j_2 & j_3 \\ l_1 & l_2 & l_3 \end{Bmatrix} + (j_1+1) E(j_1)"
        r"\begin{Bmatrix} j_1-1 & j_2 & j_3 \\ l_1 & l_2 & l_3 \end{Bmatrix} = 0,\ "
        r"E(j)^2 = [j^2-(j_2-j_3)^2][(j_2+j_3+1)^2-j^2][j^2-(l_2-l_3)^2][(l_2+l_3+1)^2-j^2]",
        domain=sixj_domain("j1", "j2", "j3", "l1", "l2", "l3"),
        check=_sixj_recursion,
        default_max_spin=4,
        random_max_spin=1000,
        reference="Schulten and Gordon, J. Math. Phys. 16 (1975) 1961",
        tags=("6j", "recursion", "large spin"),
    )
)


def _threej_recursion(a: int, b: int, c: int, y: int, z: int) -> CheckResult:
    x = -y - z
    j1, j2, j3, m1, m2, m3 = (Fraction(v, 2) for v in (a, b, c, x, y, z))

    def big_e(j: Fraction) -> SqrtRational:
        return _root_of((j**2 - (j2 - j3) ** 2) * ((j2 + j3 + 1) ** 2 - j**2) * (j**2 - m1**2))

    big_f = -(2 * j1 + 1) * (j2 * (j2 + 1) * m1 - j3 * (j3 + 1) * m1 - j1 * (j1 + 1) * (m3 - m2))
    return _three_term(a, big_e, big_f, lambda a1: threej_colours(a1, b, c, x, y, z))


register(
    Identity(
        name="threej_recursion",
        title="3j three-term recursion in j1 (Schulten-Gordon)",
        statement=r"j_1 E(j_1+1) \begin{pmatrix} j_1+1 & j_2 & j_3 \\ m_1 & m_2 & m_3 \end{pmatrix} + F(j_1)"
        r"\begin{pmatrix} j_1 & j_2 & j_3 \\ m_1 & m_2 & m_3 \end{pmatrix} + (j_1+1) E(j_1)"
        r"\begin{pmatrix} j_1-1 & j_2 & j_3 \\ m_1 & m_2 & m_3 \end{pmatrix} = 0,\ "
        r"E(j)^2 = [j^2-(j_2-j_3)^2][(j_2+j_3+1)^2-j^2][j^2-m_1^2],\ "
        r"F(j) = -(2j+1)[j_2(j_2+1)m_1 - j_3(j_3+1)m_1 - j(j+1)(m_3-m_2)]",
        domain=Domain(
            (free("j1"), free("j2"), coupled("j3", 0, 1), projection("m2", 1), projection("m3", 2)),
            where=lambda t: abs(t[3] + t[4]) <= t[0] and (t[0] + t[3] + t[4]) % 2 == 0,
        ),
        check=_threej_recursion,
        default_max_spin=5,
        random_max_spin=1000,
        reference="Schulten and Gordon, J. Math. Phys. 16 (1975) 1961",
        tags=("3j", "recursion", "large spin"),
    )
)
