"""U_q(sl2) identities: algebra relations, Hopf axioms, R-matrix, braiding, ribbon twist,
Markov traces and the q-Clebsch-Gordan module maps, checked exactly.

Every identity takes the quantum-group parameter ``r`` first (:func:`~tqft.identities.core.level`):
``r = 0`` is generic q (exact rational functions of ``s = q^(1/2)``, so a pass is a proof
for all q), ``r = 3 .. 12`` is ``q = e^{i pi / r}`` exactly in ``Q(zeta_4r)``, where every
colour is at most ``r - 2`` and every triad obeys the level bound.  The other parameters
are colours (``2j``).  Matrices are :class:`~tqft.exact.matrix.ExactMatrix` over the
context's ring and are compared entry by entry.

Conventions are those of :mod:`tqft.algebra` (Kassel, *Quantum Groups*: VI.1, VI.3, VII.1
for the algebra, its modules and Hopf structure; the universal R-matrix
``R = q^{H (x) H/2} sum_n q^{n(n-1)/2} (q - q^-1)^n / [n]! E^n (x) F^n``).

References: C. Kassel, *Quantum Groups*, Springer 1995 (chapters VI, VII, VIII, XIV, XVII);
V. G. Turaev, "The Yang-Baxter equation and invariants of links", Invent. Math. 92 (1988);
A. N. Kirillov and N. Yu. Reshetikhin (1989) for the q-Clebsch-Gordan coefficients.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from ..algebra.braids import markov_trace
from ..algebra.hopf import UqElement, antipode, coproduct, counit, generators, multiply
from ..algebra.representations import (
    UqModule,
    irrep,
    k_matrix,
    tensor_product,
)
from ..algebra.rmatrix import (
    braid_representation,
    braiding,
    braiding_eigenvalue,
    r_matrix,
    r_matrix_inverse,
    r_matrix_legs,
    twist,
)
from ..exact.context import QContext
from ..exact.matrix import ExactMatrix
from ..exact.qcontexts import generic_q, root_of_unity
from ..recoupling.racah_formulas import clebsch_gordan
from .core import CheckResult, Domain, Identity, coupled, free, level, level_context, register

__all__: list[str] = []

_KASSEL = "Kassel, Quantum Groups"


def _spin(c: int) -> Fraction:
    return Fraction(c, 2)


def _V(ctx: QContext[Any, Any], c: int) -> UqModule:
    return irrep(_spin(c), ctx)


def _equal(checks: Sequence[tuple[str, Any, Any]]) -> CheckResult:
    """Pass when every ``(label, lhs, rhs)`` has ``lhs == rhs``; report the first failure."""
    for label, lhs, rhs in checks:
        if not lhs == rhs:
            return CheckResult(False, f"{label}: {lhs}", str(rhs))
    return CheckResult(True, f"{len(checks)} exact equations", "hold")


def _relations(ctx: QContext[Any, Any], V: UqModule, where: str) -> list[tuple[str, Any, Any]]:
    one = V.identity()
    q2 = ctx.qpower(4)
    return [
        (f"K K^-1 = 1 on {where}", V.K @ V.Kinv, one),
        (f"K^-1 K = 1 on {where}", V.Kinv @ V.K, one),
        (f"K E K^-1 = q^2 E on {where}", V.K @ V.E @ V.Kinv, V.E.scale(q2)),
        (f"K F K^-1 = q^-2 F on {where}", V.K @ V.F @ V.Kinv, V.F.scale(ctx.qpower(-4))),
        # [E, F] = (K - K^-1)/(q - q^-1), multiplied out so that no division is needed
        (
            f"(q - q^-1)[E, F] = K - K^-1 on {where}",
            (V.E @ V.F - V.F @ V.E).scale(ctx.qpower(2) - ctx.qpower(-2)),
            V.K - V.Kinv,
        ),
        (f"[E, F] = [2m] on {where}", V.E @ V.F - V.F @ V.E, V.weight_bracket()),
    ]


def _register(
    name: str,
    title: str,
    statement: str,
    params: tuple[Any, ...],
    check: Callable[..., CheckResult],
    max_spin: float,
    reference: str,
    tags: tuple[str, ...],
    where: Callable[[tuple[int, ...]], bool] | None = None,
    triads: tuple[tuple[int, int, int], ...] = (),
) -> None:
    register(
        Identity(
            name=name,
            title=title,
            statement=statement,
            domain=Domain((level("r"), *params), triads=triads, where=where),
            check=check,
            default_max_spin=max_spin,
            random_max_spin=max_spin,
            reference=reference,
            tags=("quantum group", *tags),
        )
    )


# --- the algebra and its modules ------------------------------------------------------------


def _uq_relations(r: int, a: int) -> CheckResult:
    ctx = level_context(r)
    return _equal(_relations(ctx, _V(ctx, a), f"V_{a}/2"))


_register(
    "uq_relations",
    "U_q(sl2) relations on V_j",
    r"K E K^{-1} = q^2 E,\ K F K^{-1} = q^{-2} F,\ [E, F] = \frac{K - K^{-1}}{q - q^{-1}} \text{ on } V_j",
    (free("a"),),
    _uq_relations,
    2,
    f"{_KASSEL}, VI.1 (relations) and Theorem VI.3.5 (the modules V_(1,n))",
    ("algebra",),
)


def _uq_relations_tensor(r: int, a: int, b: int) -> CheckResult:
    ctx = level_context(r)
    T = tensor_product(_V(ctx, a), _V(ctx, b))
    return _equal(_relations(ctx, T, f"V_{a}/2 (x) V_{b}/2"))


_register(
    "uq_relations_tensor",
    "Delta is an algebra map: the relations hold on V_a (x) V_b",
    r"\Delta(K)\Delta(E)\Delta(K)^{-1} = q^2 \Delta(E),\ "
    r"[\Delta(E), \Delta(F)] = \frac{\Delta(K) - \Delta(K)^{-1}}{q - q^{-1}} \text{ on } V_a \otimes V_b",
    (free("a"), free("b")),
    _uq_relations_tensor,
    1.5,
    f"{_KASSEL}, VII.1 (the coproduct is a morphism of algebras)",
    ("algebra", "Hopf"),
)


def _uq_coassociativity(r: int, a: int, b: int, c: int) -> CheckResult:
    ctx = level_context(r)
    mods = [_V(ctx, a), _V(ctx, b), _V(ctx, c)]
    checks = []
    for name, x in zip(("E", "F", "K", "K^-1"), generators(ctx)):
        d = coproduct(x)
        checks.append(
            (
                f"(Delta (x) id) Delta({name}) = (id (x) Delta) Delta({name})",
                coproduct(d, 0).act(mods),
                coproduct(d, 1).act(mods),
            )
        )
    # and the iterated tensor product module agrees with (Delta (x) id) Delta
    T = tensor_product(*mods)
    E, F, _, _ = generators(ctx)
    checks.append(("tensor_product E = (Delta (x) id) Delta(E)", T.E, coproduct(coproduct(E), 0).act(mods)))
    checks.append(("tensor_product F = (Delta (x) id) Delta(F)", T.F, coproduct(coproduct(F), 0).act(mods)))
    return _equal(checks)


_register(
    "uq_coassociativity",
    "Coassociativity of Delta on V_a (x) V_b (x) V_c",
    r"(\Delta \otimes \mathrm{id}) \Delta(x) = (\mathrm{id} \otimes \Delta) \Delta(x),\ x \in \{E, F, K^{\pm 1}\}",
    (free("a"), free("b"), free("c")),
    _uq_coassociativity,
    1,
    f"{_KASSEL}, VII.1 (U_q is a bialgebra)",
    ("Hopf",),
)


def _hopf_test_elements(ctx: QContext[Any, Any]) -> list[tuple[str, UqElement]]:
    E, F, K, Ki = generators(ctx)
    return [("E", E), ("F", F), ("K", K), ("K^-1", Ki), ("E F", E * F), ("F K E", F * K * E), ("E^2 F", E * E * F)]


def _uq_hopf_axioms(r: int, a: int) -> CheckResult:
    ctx = level_context(r)
    V = _V(ctx, a)
    one = V.identity()
    checks: list[tuple[str, Any, Any]] = []
    for name, x in _hopf_test_elements(ctx):
        d = coproduct(x)
        rhs = one.scale(counit(x))
        checks.append((f"m (S (x) id) Delta({name}) = eps({name}) 1", V.act(multiply(antipode(d, 0))), rhs))
        checks.append((f"m (id (x) S) Delta({name}) = eps({name}) 1", V.act(multiply(antipode(d, 1))), rhs))
        checks.append((f"(eps (x) id) Delta({name}) = {name}", V.act(counit(d, 0)), V.act(x)))
        checks.append((f"(id (x) eps) Delta({name}) = {name}", V.act(counit(d, 1)), V.act(x)))
    return _equal(checks)


_register(
    "uq_hopf_axioms",
    "Counit and antipode axioms of U_q(sl2), acting on V_j",
    r"m (S \otimes \mathrm{id}) \Delta(x) = \varepsilon(x) 1 = m (\mathrm{id} \otimes S) \Delta(x),\ "
    r"(\varepsilon \otimes \mathrm{id}) \Delta(x) = x = (\mathrm{id} \otimes \varepsilon) \Delta(x)",
    (free("a"),),
    _uq_hopf_axioms,
    2,
    f"{_KASSEL}, III.3 (Hopf algebras) and VII.1 (the Hopf structure of U_q)",
    ("Hopf",),
)


# --- the R-matrix and the braiding -------------------------------------------------------------


def _r_matrix_intertwines(r: int, a: int, b: int) -> CheckResult:
    ctx = level_context(r)
    mods = [_V(ctx, a), _V(ctx, b)]
    R, Rinv = r_matrix(_spin(a), _spin(b), ctx), r_matrix_inverse(_spin(a), _spin(b), ctx)
    dim = (a + 1) * (b + 1)
    checks: list[tuple[str, Any, Any]] = [("R R^-1 = 1", R @ Rinv, ExactMatrix.identity(dim, ctx.zero, ctx.one))]
    for name, x in zip(("E", "F", "K"), generators(ctx)):
        d = coproduct(x)
        checks.append((f"R Delta({name}) = Delta^op({name}) R", R @ d.act(mods), d.flip().act(mods) @ R))
    return _equal(checks)


_register(
    "r_matrix_intertwines",
    "The R-matrix intertwines Delta and Delta^op on V_a (x) V_b",
    r"R\, \Delta(x) = \Delta^{op}(x)\, R,\ x \in \{E, F, K\},\ "
    r"R = q^{H \otimes H/2} \sum_n q^{n(n-1)/2} \frac{(q - q^{-1})^n}{[n]!} E^n \otimes F^n",
    (free("a"), free("b")),
    _r_matrix_intertwines,
    1.5,
    f"{_KASSEL}, VIII.2 (braided bialgebras) and ch. XVII (universal R-matrix of U_h(sl2))",
    ("R-matrix",),
)


def _yang_baxter(r: int, a: int, b: int, c: int) -> CheckResult:
    ctx = level_context(r)
    spins = [_spin(a), _spin(b), _spin(c)]
    r12, r13, r23 = (r_matrix_legs(spins, i, j, ctx) for i, j in ((1, 2), (1, 3), (2, 3)))
    return _equal([("R12 R13 R23 = R23 R13 R12", r12 @ r13 @ r23, r23 @ r13 @ r12)])


_register(
    "yang_baxter",
    "Quantum Yang-Baxter equation on V_a (x) V_b (x) V_c",
    r"R_{12} R_{13} R_{23} = R_{23} R_{13} R_{12}",
    (free("a"), free("b"), free("c")),
    _yang_baxter,
    1,
    f"{_KASSEL}, VIII.2 (Theorem: a universal R-matrix satisfies the Yang-Baxter equation)",
    ("R-matrix",),
)


def _braid_relation(r: int, a: int) -> CheckResult:
    ctx = level_context(r)
    j = _spin(a)
    dim = (a + 1) ** 3
    one = ExactMatrix.identity(dim, ctx.zero, ctx.one)
    return _equal(
        [
            (
                "c1 c2 c1 = c2 c1 c2",
                braid_representation([1, 2, 1], 3, j, ctx),
                braid_representation([2, 1, 2], 3, j, ctx),
            ),
            ("c1 c1^-1 = 1", braid_representation([1, -1], 3, j, ctx), one),
            ("c2^-1 c2 = 1", braid_representation([-2, 2], 3, j, ctx), one),
        ]
    )


_register(
    "braid_relation",
    "Braid relation for c = tau R on V_j^(x)3",
    r"c_1 c_2 c_1 = c_2 c_1 c_2,\ c_i c_i^{-1} = 1 \text{ on } V_j^{\otimes 3}",
    (free("a"),),
    _braid_relation,
    1.5,
    f"{_KASSEL}, ch. VIII (Yang-Baxter operators give braid group representations)",
    ("braid",),
)


def _hecke_relation(r: int) -> CheckResult:
    ctx = level_context(r)
    half = Fraction(1, 2)
    c = braiding(half, half, ctx)
    cinv = braiding(half, half, ctx, inverse=True)
    one = ExactMatrix.identity(4, ctx.zero, ctx.one)
    lhs = c.scale(ctx.qpower(1)) - cinv.scale(ctx.qpower(-1))
    return _equal([("q^(1/2) c - q^(-1/2) c^-1 = (q - q^-1) 1", lhs, one.scale(ctx.qpower(2) - ctx.qpower(-2)))])


_register(
    "hecke_relation",
    "Hecke (skein) relation of the braiding on the fundamental representation",
    r"q^{1/2} c - q^{-1/2} c^{-1} = (q - q^{-1})\, \mathrm{id}_{V_{1/2} \otimes V_{1/2}}",
    (),
    _hecke_relation,
    0,
    "Jones, Ann. of Math. 126 (1987) 335 (Hecke algebra representations of braid groups)",
    ("braid", "skein"),
)


# --- q-Clebsch-Gordan vectors, braiding eigenvalues, ribbon twist -------------------------------


def _cg_vector(ctx: QContext[Any, Any], a: int, b: int, c: int, z: int) -> dict[int, Any]:
    """The vector of ``|c, z/2>`` inside ``V_a (x) V_b`` in the basis ``v_x (x) v_y`` of
    :mod:`tqft.algebra.representations`, built from the unitary q-CG coefficients.

    ``W = sqrt([c; (c-z)/2]) q^{H (x) H/4} sum_{x,y} <a x, b y | c z> u_x (x) u_y`` with
    ``u_m = v_m / sqrt([2j; j - m])``: ``q^{H (x) H/4}`` carries the symmetric coproduct
    ``X (x) K^(1/2) + K^(-1/2) (x) X`` of Kirillov-Reshetikhin to Kassel's.  When ``a``, ``b``
    are both odd the common factor ``q^(1/4)`` is dropped (it is the same for every ``z``).
    """
    out: dict[int, Any] = {}
    for i, x in enumerate(range(a, -a - 1, -2)):
        y = z - x
        if abs(y) > b or (b - y) % 2:
            continue
        cg = clebsch_gordan(ctx, a, b, c, x, y, z)
        exponent = (x * y - (a % 2) * (b % 2)) // 2
        numer = [c, (a - x) // 2, (a + x) // 2, (b - y) // 2, (b + y) // 2]
        denom = [(c - z) // 2, (c + z) // 2, a, b]
        v = cg * ctx.sqrt_factorials(ctx.qpower(exponent), numer, denom)
        if not v.is_zero():
            out[i * (b + 1) + (b - y) // 2] = v
    return out


def _apply(m: ExactMatrix, vec: dict[int, Any]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for (i, k), v in m.nonzero():
        if k in vec:
            t = vec[k] * v
            out[i] = out[i] + t if i in out else t
    return {i: v for i, v in out.items() if not v.is_zero()}


def _vector_scaled(vec: dict[int, Any], c: Any) -> dict[int, Any]:
    return {i: v * c for i, v in vec.items()}


class _Vec:
    """A sparse vector of radical values compared exactly (``==``), printed briefly."""

    def __init__(self, entries: dict[int, Any]) -> None:
        self.entries = entries

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Vec):
            return NotImplemented
        keys = self.entries.keys() | other.entries.keys()
        return all((self.entries.get(k, 0) - other.entries.get(k, 0)) == 0 for k in keys)

    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        return "{" + ", ".join(f"{k}: {v}" for k, v in sorted(self.entries.items())) + "}"


def _q_cg_highest_weight(r: int, a: int, b: int, c: int) -> CheckResult:
    ctx = level_context(r)
    T = tensor_product(_V(ctx, a), _V(ctx, b))
    vectors = {z: _cg_vector(ctx, a, b, c, z) for z in range(c, -c - 1, -2)}
    checks: list[tuple[str, Any, Any]] = [("Delta(E) W_c = 0", _Vec(_apply(T.E, vectors[c])), _Vec({}))]
    for z, w in vectors.items():
        checks.append(
            (f"Delta(K) W_{z} = q^{z} W_{z}", _Vec(_apply(T.K, w)), _Vec(_vector_scaled(w, ctx.qpower(2 * z))))
        )
        up = _vector_scaled(vectors[z + 2], ctx.qint((c + z) // 2 + 1)) if z < c else {}
        down = _vector_scaled(vectors[z - 2], ctx.qint((c - z) // 2 + 1)) if z > -c else {}
        checks.append((f"Delta(E) W_{z} = [j+m+1] W_{z + 2}", _Vec(_apply(T.E, w)), _Vec(up)))
        checks.append((f"Delta(F) W_{z} = [j-m+1] W_{z - 2}", _Vec(_apply(T.F, w)), _Vec(down)))
    return _equal(checks)


_register(
    "q_cg_highest_weight",
    "q-CG coefficients embed V_c in V_a (x) V_b as a U_q-module",
    r"W_m = \sqrt{\textstyle\binom{2j}{j-m}_q}\, q^{H \otimes H/4} \sum \langle j_1 m_1 j_2 m_2 | j m\rangle_q"
    r" u_{m_1} \otimes u_{m_2}:\ \Delta(E) W_j = 0,\ \Delta(F) W_m = [j - m + 1] W_{m-1},\ "
    r"\Delta(E) W_m = [j + m + 1] W_{m+1}",
    (free("a"), free("b"), coupled("c", 1, 2)),
    _q_cg_highest_weight,
    1.5,
    "Kirillov and Reshetikhin (1989) q-CG coefficients (symmetric coproduct); Kassel VI.3.5 and VII.1",
    ("Clebsch-Gordan", "module"),
)


def _braiding_eigenvalues(r: int, a: int, c: int) -> CheckResult:
    ctx = level_context(r)
    cmat = braiding(_spin(a), _spin(a), ctx)
    w = _cg_vector(ctx, a, a, c, c)
    lam = braiding_eigenvalue(_spin(a), _spin(c), ctx)
    return _equal([(f"c W = lambda_{c} W on V_{c}/2", _Vec(_apply(cmat, w)), _Vec(_vector_scaled(w, lam)))])


_register(
    "braiding_eigenvalues",
    "Eigenvalues of the braiding c on the summands of V_j (x) V_j",
    r"c|_{V_J \subset V_j \otimes V_j} = (-1)^{2j - J} q^{J(J+1) - 2j(j+1)}",
    (free("a"), coupled("c", 1, 1)),
    _braiding_eigenvalues,
    2,
    "Reshetikhin (LOMI E-4-87, 1987); Kirby and Melvin, Invent. Math. 105 (1991); Kassel XIV.3 (c^2 and the twist)",
    ("braid", "ribbon"),
)


def _casimir(T: UqModule, ctx: QContext[Any, Any]) -> ExactMatrix:
    """``(q - q^-1)^2 E F + q^-1 K + q K^-1``: central, ``q^(c+1) + q^-(c+1)`` on ``V_c``."""
    d = ctx.qpower(2) - ctx.qpower(-2)
    return (T.E @ T.F).scale(d * d) + T.K.scale(ctx.qpower(-2)) + T.Kinv.scale(ctx.qpower(2))


def _ribbon_twist(r: int, a: int, b: int) -> CheckResult:
    ctx = level_context(r)
    T = tensor_product(_V(ctx, a), _V(ctx, b))
    C = _casimir(T, ctx)
    one = T.identity()
    summands = list(range(abs(a - b), a + b + 1, 2))
    kappa = {c: ctx.qpower(2 * (c + 1)) + ctx.qpower(-2 * (c + 1)) for c in summands}
    # theta_{V (x) W} as a polynomial in the Casimir (Lagrange interpolation on its eigenvalues)
    theta_vw = ExactMatrix.zeros(T.dim, T.dim, ctx.zero, ctx.one)
    for c in summands:
        proj = one
        for c2 in summands:
            if c2 != c:
                proj = (proj @ (C - one.scale(kappa[c2]))).scale(1 / (kappa[c] - kappa[c2]))
        theta_vw = theta_vw + proj.scale(twist(_spin(c), ctx))
    ja, jb = _spin(a), _spin(b)
    double = braiding(jb, ja, ctx) @ braiding(ja, jb, ctx)
    rhs = double.scale(twist(ja, ctx) * twist(jb, ctx))
    return _equal([("theta_(V(x)W) = c_(W,V) c_(V,W) (theta_V (x) theta_W)", theta_vw, rhs)])


_register(
    "ribbon_twist",
    "Ribbon relation: the twist theta_j = q^(2j(j+1)) and the double braiding",
    r"\theta_{V_a \otimes V_b} = c_{V_b, V_a} c_{V_a, V_b} (\theta_{V_a} \otimes \theta_{V_b}),\ "
    r"\theta_{V_j} = q^{2j(j+1)}",
    (free("a"), free("b")),
    _ribbon_twist,
    1.5,
    f"{_KASSEL}, XIV.3 (ribbon categories) and XIV.6 (ribbon algebras); Turaev 1994, I.1",
    ("ribbon",),
    # at a root of unity the Casimir separates the summands only below the level
    where=lambda t: t[0] == 0 or t[1] + t[2] <= t[0] - 2,
)


# --- Markov traces ------------------------------------------------------------------------------


def _partial_trace(m: ExactMatrix, d: int, ctx: QContext[Any, Any]) -> ExactMatrix:
    """Trace over the second factor of an operator on ``V (x) V`` (``dim V = d``)."""
    out: dict[tuple[int, int], Any] = {}
    for (i, k), v in m.nonzero():
        i1, i2 = divmod(i, d)
        k1, k2 = divmod(k, d)
        if i2 == k2:
            out[(i1, k1)] = out[(i1, k1)] + v if (i1, k1) in out else v
    return ExactMatrix(d, d, out, ctx.zero, ctx.one)


def _markov_partial_trace(r: int, a: int) -> CheckResult:
    ctx = level_context(r)
    j = _spin(a)
    d = a + 1
    one = ExactMatrix.identity(d, ctx.zero, ctx.one)
    muk = one.kron(k_matrix(j, ctx))
    theta = twist(j, ctx)
    return _equal(
        [
            ("tr_2(c (1 (x) K)) = theta 1", _partial_trace(braiding(j, j, ctx) @ muk, d, ctx), one.scale(theta)),
            (
                "tr_2(c^-1 (1 (x) K)) = theta^-1 1",
                _partial_trace(braiding(j, j, ctx, inverse=True) @ muk, d, ctx),
                one.scale(ctx.one / theta),
            ),
            ("tr(K) = [2j+1]", k_matrix(j, ctx).trace(), ctx.qint(a + 1)),
        ]
    )


_register(
    "markov_partial_trace",
    "(c, K) is an enhanced Yang-Baxter operator: partial quantum traces of c^(+-1)",
    r"\mathrm{tr}_2\big(c^{\pm 1} (1 \otimes K)\big) = \theta_j^{\pm 1}\, \mathrm{id}_{V_j},\ "
    r"\mathrm{tr}_{V_j}(K) = [2j+1]",
    (free("a"),),
    _markov_partial_trace,
    2,
    "Turaev, Invent. Math. 92 (1988) 527, section 3 (enhanced Yang-Baxter operators)",
    ("braid", "Markov"),
)

#: Braid words (3 strands) for the Markov checks: trefoil-like, figure eight, a mixed word.
_MARKOV_WORDS: tuple[tuple[int, ...], ...] = ((1, 1, 1), (1, -2, 1, -2), (1, 2, -1, 2, 2))


def _markov_trace_invariance(r: int, a: int) -> CheckResult:
    ctx = level_context(r)
    j = _spin(a)
    gen = generic_q()
    checks: list[tuple[str, Any, Any]] = []
    for word in _MARKOV_WORDS:
        value = markov_trace(word, 3, j, ctx)
        w = list(word)
        checks.append((f"conjugation by sigma_2 of {word}", markov_trace([2, *w, -2], 3, j, ctx), value))
        checks.append((f"conjugation by sigma_1^-1 of {word}", markov_trace([-1, *w, 1], 3, j, ctx), value))
        checks.append((f"positive stabilisation of {word}", markov_trace([*w, 3], 4, j, ctx), value))
        checks.append((f"negative stabilisation of {word}", markov_trace([*w, -3], 4, j, ctx), value))
        if r:
            # the value at q = e^{i pi / r} is the generic Laurent polynomial evaluated there
            generic = markov_trace(word, 3, j, gen)
            rc = root_of_unity(r)
            specialised = rc.element(generic.num) / rc.element(generic.den)
            checks.append((f"specialisation of {word}", specialised, value))
    return _equal(checks)


_register(
    "markov_trace_invariance",
    "Markov trace theta^-w tr(rho(b) K^(x)n) / [2j+1]: conjugation and stabilisation invariance",
    r"J(\alpha \beta \alpha^{-1}) = J(\beta),\ J(\beta \sigma_n^{\pm 1}) = J(\beta),\ "
    r"J(\beta) = \theta_j^{-w(\beta)} \mathrm{tr}(\rho(\beta) K^{\otimes n}) / [2j+1]",
    (free("a"),),
    _markov_trace_invariance,
    1,
    "Turaev, Invent. Math. 92 (1988) 527, section 3; Markov's theorem (Kassel, Quantum Groups, ch. X)",
    ("braid", "Markov", "Jones"),
)
