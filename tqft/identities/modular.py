"""SU(2)_k modular-data identities, checked exactly in ``Q(zeta_{8(k+2)})``.

Every check compares exact cyclotomic numbers (or integers) from
:mod:`tqft.algebra.modular`, so a pass is a proof for that level.  Where one side could
be computed from the other, it is not: the quantum dimensions are compared with
``[a+1]_q`` from the quantum-group context :func:`~tqft.exact.qcontexts.root_of_unity`
(mapped into the bigger field), the twists with ``q^(a(a+2)/2)`` from the same context,
the Verlinde coefficients with the truncated Clebsch-Gordan rule, the fusion matrices
diagonalised by S are built from that rule, and the genus-g Verlinde dimension is
compared with a closed form computed in ``Q(zeta_{k+2})`` without S and, for ``g >= 1``,
with the integer trace ``Tr((sum_a N_a N_a*)^(g-1))``.

Parameters
----------
The parameters are plain integers, not colours: the level ``k`` and the genus ``g``.  The
catalogue's spin bound ``J`` (``tqft verify --max-spin J``) bounds ``k <= 2J`` (``k/2`` is
the largest spin of SU(2)_k); the genus runs over ``0..5``.  Default sweep: ``k = 1..10``.

References: P. Di Francesco, P. Mathieu, D. Senechal, *Conformal Field Theory* (1997),
ch. 10, 14.6, 16 ("DMS"); B. Bakalov, A. Kirillov Jr., *Lectures on Tensor Categories
and Modular Functors* (2001), sec. 3.1 ("BK"); E. Verlinde, Nucl. Phys. B 300 (1988) 360;
A. Szenes, alg-geom/9402003, eq. (1.1).  Conventions: :mod:`tqft.algebra.modular`.
"""

from __future__ import annotations

from ..algebra.modular import ModularData, modular_data, verlinde_dimension_closed_form
from ..exact.matrix import ExactMatrix
from ..exact.qcontexts import root_of_unity
from .core import CheckResult, Domain, integer, registrar

__all__: list[str] = []

MAX_GENUS_CHECKED = 5


_LEVEL = Domain((integer("k", 1),))
_LEVEL_GENUS = Domain((integer("k", 1), integer("g", 0, MAX_GENUS_CHECKED)))


def _conj(m: ExactMatrix) -> ExactMatrix:
    return m.map(lambda x: x.conjugate())


_register = registrar(default_max_spin=5, random_max_spin=10, tags=("modular", "SU(2)_k"), domain=_LEVEL)


# --- S ----------------------------------------------------------------------------------


def _s_symmetric_unitary(k: int) -> CheckResult:
    md = modular_data(k)
    s = md.S
    ident = ExactMatrix.identity(md.rank, md.field.zero, md.field.one)
    lhs = (_conj(s), s.transpose(), s @ _conj(s).transpose())
    rhs = (s, s, ident)
    return CheckResult(lhs == rhs, lhs, rhs)


_register(
    "modular_s_symmetric_unitary",
    "SU(2)_k: S is real, symmetric and unitary",
    r"\bar{S} = S = S^{T}, \quad S \bar{S}^{T} = 1",
    _s_symmetric_unitary,
    "DMS sec. 10.6 and 14.6; BK sec. 3.1",
)


def _s_squared(k: int) -> CheckResult:
    md = modular_data(k)
    lhs = md.S @ md.S
    return CheckResult(lhs == md.C, lhs, md.C)


_register(
    "modular_s_squared",
    "SU(2)_k: S^2 = C (= 1, every label self-dual)",
    r"S^2 = C, \quad C_{ab} = \delta_{a b^*} = \delta_{ab}",
    _s_squared,
    "DMS sec. 10.6; BK Thm. 3.1.17",
)


def _st_cubed(k: int) -> CheckResult:
    md = modular_data(k)
    s2 = md.S @ md.S
    st = md.S @ md.T
    s_theta = md.S @ md.twist_matrix
    p_plus, p_minus = md.gauss_sum(1), md.gauss_sum(-1)
    lhs = (st @ st @ st, s_theta @ s_theta @ s_theta, p_plus, p_plus * p_minus)
    rhs = (
        s2.scale(md.st_phase("cft")),
        s2.scale(md.st_phase("twist")),
        md.total_dimension * md.central_phase,
        md.total_dimension_squared,
    )
    return CheckResult(lhs == rhs, lhs, rhs)


_register(
    "modular_st_cubed",
    "SU(2)_k: (ST)^3 = p S^2, and the Gauss sum p^+ = D e^{2 pi i c/8}",
    r"(ST)^3 = S^2,\ (S\Theta)^3 = e^{2\pi i c/8} S^2,\ \sum_a \theta_a d_a^2 = D e^{2\pi i c/8},\ p^+ p^- = D^2",
    _st_cubed,
    "DMS sec. 10.6; BK Thm. 3.1.17 and sec. 3.1 (Gauss sums)",
)


# --- fusion ---------------------------------------------------------------------------------


def _verlinde_fusion(k: int) -> CheckResult:
    md = modular_data(k)
    lhs = md.fusion_tensor("verlinde")  # ints, each checked to be a non-negative integer
    rhs = md.fusion_tensor("rule")
    return CheckResult(lhs == rhs, lhs, rhs)


_register(
    "verlinde_fusion",
    "SU(2)_k: Verlinde formula gives the truncated Clebsch-Gordan rule",
    r"\sum_x \frac{S_{ax} S_{bx} \bar{S}_{cx}}{S_{0x}} = N_{ab}^{c} = "
    r"[a+b+c \text{ even},\ |a-b| \le c \le \min(a+b, 2k-a-b)]",
    _verlinde_fusion,
    "DMS sec. 16.1-16.2; BK (3.1.30)",
)


def _verlinde_diagonalisation(k: int) -> CheckResult:
    md = modular_data(k)
    zero, one = md.field.zero, md.field.one
    lhs, rhs = [], []
    for a in md.labels:
        n_a = md.fusion_matrix(a, method="rule").map(md.field, zero, one)
        # S^-1 N_a S = D_a  <=>  N_a S = S D_a  (S is invertible: S^-1 = conj(S)^T)
        lhs.append(n_a @ md.S)
        rhs.append(md.S @ ExactMatrix.diagonal(md.verlinde_eigenvalues(a), zero, one))
    return CheckResult(lhs == rhs, tuple(lhs), tuple(rhs))


_register(
    "verlinde_diagonalisation",
    "SU(2)_k: S diagonalises every fusion matrix",
    r"S^{-1} N_a S = \mathrm{diag}_b\left(\frac{S_{ab}}{S_{0b}}\right), \quad (N_a)_{bc} = N_{ab}^{c}",
    _verlinde_diagonalisation,
    "DMS sec. 16.1; BK sec. 3.1",
)


# --- dimensions -----------------------------------------------------------------------------


def _handle_trace(md: ModularData, g: int) -> int:
    """``Tr(Omega^(g-1))`` with ``Omega = sum_a N_a N_a*``, from the fusion rule (ints)."""
    n = md.rank
    omega = ExactMatrix.zeros(n, n, 0, 1)
    for a in md.labels:
        n_a = md.fusion_matrix(a, method="rule")
        omega = omega + n_a @ md.fusion_matrix(md.dual(a), method="rule")
    return int((omega ** (g - 1)).trace())


def _verlinde_dimension(k: int, g: int) -> CheckResult:
    md = modular_data(k)
    dim = md.verlinde_dimension(g)  # checked to be a positive integer
    lhs = [dim, dim]
    rhs = [verlinde_dimension_closed_form(k, g), {0: 1, 1: k + 1}.get(g, dim)]
    if g >= 1:
        lhs.append(dim)
        rhs.append(_handle_trace(md, g))
    return CheckResult(lhs == rhs, tuple(lhs), tuple(rhs))


_register(
    "verlinde_dimension",
    "SU(2)_k: dim Z(Sigma_g) = sum_a S_0a^(2-2g), a positive integer",
    r"\sum_a S_{0a}^{2-2g} = \left(\tfrac{k+2}{2}\right)^{g-1} \sum_{j=1}^{k+1} \sin^{2-2g}\tfrac{\pi j}{k+2}"
    r" = \mathrm{Tr}\Big(\big(\textstyle\sum_a N_a N_{a^*}\big)^{g-1}\Big) \in \mathbb{Z}_{>0}",
    _verlinde_dimension,
    "Verlinde 1988; Szenes alg-geom/9402003 (1.1); DMS sec. 16.1",
    domain=_LEVEL_GENUS,
)


def _quantum_dimension(k: int) -> CheckResult:
    md = modular_data(k)
    qg = root_of_unity(k + 2)
    s00 = md.S[0, 0]
    lhs: list[object] = []
    rhs: list[object] = []
    for a in md.labels:
        d = md.S[0, a] / s00
        lhs += [d, d.sign()]
        rhs += [md.lift(qg.qint(a + 1)), 1]
    q2 = md.q * md.q
    d2 = md.total_dimension_squared
    lhs += [d2, d2]
    rhs += [1 / (s00 * s00), 2 * (k + 2) / (2 - q2 - 1 / q2)]  # (k+2) / (2 sin^2(pi/(k+2)))
    return CheckResult(lhs == rhs, tuple(lhs), tuple(rhs))


_register(
    "quantum_dimension",
    "SU(2)_k: d_a = S_0a/S_00 = [a+1]_q > 0 and sum d_a^2 = D^2",
    r"\frac{S_{0a}}{S_{00}} = [a+1]_{q = e^{i\pi/(k+2)}} > 0, \quad "
    r"\sum_a d_a^2 = \frac{1}{S_{00}^2} = \frac{k+2}{2\sin^2\frac{\pi}{k+2}}",
    _quantum_dimension,
    "DMS sec. 16.3; BK sec. 3.3; REFERENCES.md sec. 3",
)


def _twist_from_t(k: int) -> CheckResult:
    md = modular_data(k)
    s = md.lift(root_of_unity(k + 2).s)  # q^(1/2) of the quantum-group context
    t00 = md.T[0, 0]
    lhs: list[object] = [md.twist(0), t00 ** (8 * (k + 2))]
    rhs: list[object] = [md.field.one, md.field.one]
    for a in md.labels:
        theta = md.twist(a)
        lhs += [theta * t00, theta, theta ** (4 * (k + 2))]
        rhs += [md.T[a, a], s ** (a * (a + 2)), md.field.one]
    # T_00 = exp(-2 pi i c/24), so T_00^-3 = exp(2 pi i c/8)
    lhs.append(t00 ** (-3))
    rhs.append(md.central_phase)
    return CheckResult(lhs == rhs, tuple(lhs), tuple(rhs))


_register(
    "twist_from_t",
    "SU(2)_k: theta_a = T_aa / T_00 = q^(a(a+2)/2), T_00 = e^{-2 pi i c/24}",
    r"\theta_a T_{00} = T_{aa}, \quad \theta_a = e^{2\pi i h_a} = q^{a(a+2)/2}, \quad "
    r"T_{00}^{-3} = e^{2\pi i c/8}, \quad \theta_a^{4(k+2)} = T_{00}^{8(k+2)} = 1",
    _twist_from_t,
    "DMS sec. 14.6 and ch. 15; BK sec. 3.3",
)
