"""U_q(sl2): modules, Hopf structure, R-matrix, braiding, Markov traces, Jones polynomials.

Every exact check runs at generic q (a proof for all q), at q = e^{i pi / r} for r = 3..12,
and where it makes sense at q = 1 (classical sl2).  Jones polynomials are compared with
closed forms from independent sources (KnotInfo values, Jones' skein relation, the torus
knot formula, Habiro-Masbaum's cyclotomic formula and KnotAtlas' coloured Jones tables).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import mpmath
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tqft.identities.quantum_group  # noqa: F401  (registers the quantum-group identities)
from tqft.algebra.braids import (
    coloured_jones,
    jones_from_braid,
    jones_value,
    markov_trace,
    quantum_trace,
    weight_space_traces,
    writhe,
)
from tqft.algebra.hopf import UqElement, antipode, coproduct, counit, generators, multiply
from tqft.algebra.representations import (
    e_matrix,
    f_matrix,
    irrep,
    k_matrix,
    qbinomial,
    tensor_product,
)
from tqft.algebra.rmatrix import (
    braid_generator,
    braid_representation,
    braiding,
    braiding_eigenvalue,
    flip_matrix,
    local_braiding,
    parse_braid_word,
    r_matrix,
    r_matrix_inverse,
    r_matrix_legs,
    twist,
)
from tqft.errors import InvalidArgumentError, InvalidSpinError, NotRepresentableError, SpinTypeError, TQFTError
from tqft.exact.context import CLASSICAL
from tqft.exact.laurent import Laurent
from tqft.exact.matrix import ExactMatrix
from tqft.exact.qcontexts import generic_q, numeric_q, root_of_unity
from tqft.identities import get, run_identity_cases
from tqft.identities.core import catalogue

HALF = Fraction(1, 2)
ROOTS = list(range(3, 13))
EXACT_CONTEXTS = [generic_q(), *(root_of_unity(r) for r in ROOTS)]
ALL_CONTEXTS = [CLASSICAL, *EXACT_CONTEXTS]
X = Laurent.gen()  # t^(1/2)
T = X**2  # t


def ident(ctx, n):
    return ExactMatrix.identity(n, ctx.zero, ctx.one)


def level_spins(ctx, top=4):
    """Colours allowed in ``ctx``: up to ``top``, and at most r - 2 at a root of unity."""
    bound = top if not hasattr(ctx, "r") else min(top, ctx.r - 2)
    return range(0, bound + 1)


def t_poly(coeffs: dict[int, int]) -> Laurent:
    """A polynomial in t from {power of t: coefficient}."""
    return Laurent({2 * k: c for k, c in coeffs.items()})


# --- modules ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ctx", ALL_CONTEXTS, ids=lambda c: c.name)
def test_irrep_relations_in_every_context(ctx):
    for a in level_spins(ctx):
        V = irrep(Fraction(a, 2), ctx)
        assert V.dim == a + 1 and V.weights == tuple(range(a, -a - 1, -2))
        assert V.K @ V.Kinv == ident(ctx, a + 1)
        assert V.K @ V.E == (V.E @ V.K).scale(ctx.qpower(4))
        assert V.K @ V.F == (V.F @ V.K).scale(ctx.qpower(-4))
        assert V.E @ V.F - V.F @ V.E == V.weight_bracket()


def test_matrix_entries_follow_kassel():
    ctx = generic_q()
    a = 3
    E, F, K = e_matrix("3/2", ctx), f_matrix("3/2", ctx), k_matrix("3/2", ctx)
    # E v_m = [j + m + 1] v_(m+1), F v_m = [j - m + 1] v_(m-1), basis v_j, ..., v_-j
    for p, x in enumerate(range(a, -a - 1, -2)):
        j_plus_m, j_minus_m = (a + x) // 2, (a - x) // 2
        if p > 0:
            assert E[p - 1, p] == ctx.qint(j_plus_m + 1)
        if p < a:
            assert F[p + 1, p] == ctx.qint(j_minus_m + 1)
        assert K[p, p] == ctx.qpower(2 * x)
    assert len(E.entries) == len(F.entries) == a and K.is_diagonal()


def test_classical_limit_is_sl2():
    """At q = 1: K = 1, [E, F] = H = diag(2m), and the matrices are the standard sl2 ones."""
    for a in range(5):
        V = irrep(Fraction(a, 2), CLASSICAL)
        assert V.K == ident(CLASSICAL, a + 1) == V.Kinv
        H = ExactMatrix.diagonal([Fraction(w) for w in V.weights], Fraction(0), Fraction(1))
        assert V.E @ V.F - V.F @ V.E == H
        assert V.E @ V.F == V.F @ V.E + H
        for p in range(1, a + 1):
            assert V.E[p - 1, p] == a - p + 1 and V.F[p, p - 1] == p
    # the R-matrix is trivial and the braiding is the flip
    assert r_matrix(1, HALF, CLASSICAL) == ident(CLASSICAL, 6)
    assert braiding(1, HALF, CLASSICAL) == flip_matrix(1, HALF, CLASSICAL)
    assert twist(2, CLASSICAL) == 1


def test_qbinomial():
    ctx = generic_q()
    for n in range(7):
        for k in range(n + 1):
            assert qbinomial(ctx, n, k) == ctx.qfactorial(n) / (ctx.qfactorial(k) * ctx.qfactorial(n - k))
    assert qbinomial(ctx, 3, 5) == 0 and qbinomial(ctx, 3, -1) == 0
    assert qbinomial(CLASSICAL, 6, 3) == 20
    # defined even where [n]! = 0: at r = 3, [3] = 0 but [3 choose 1] = [3] = 0 and [4 choose 2] != 0
    r3 = root_of_unity(3)
    assert qbinomial(r3, 3, 1) == 0 and qbinomial(r3, 4, 2) == r3.qint(4) * r3.qint(3) / r3.qint(2) / r3.one


def test_tensor_product_is_delta():
    ctx = generic_q()
    V, W = irrep(HALF, ctx), irrep(1, ctx)
    Tm = tensor_product(V, W)
    E, F, K, Ki = generators(ctx)
    for x, m in ((E, Tm.E), (F, Tm.F), (K, Tm.K), (Ki, Tm.Kinv)):
        assert coproduct(x).act([V, W]) == m
    assert Tm.weights == (3, 1, -1, 1, -1, -3) and Tm.colours == (1, 2)
    assert "V_1/2 (x) V_1" in repr(Tm)
    # three factors, either bracketing
    T3 = tensor_product(V, W, V)
    assert T3.E == coproduct(coproduct(E), 1).act([V, W, V])


@pytest.mark.parametrize("ctx", [generic_q(), root_of_unity(5), root_of_unity(8)], ids=lambda c: c.name)
def test_hopf_structure_on_elements(ctx):
    E, F, K, _ = generators(ctx)
    V = irrep(1, ctx)
    one = ident(ctx, 3)
    assert counit(E) == 0 and counit(K) == 1 and counit(E * F + K * 3) == 3
    assert V.act(antipode(E)) == -(V.E @ V.Kinv)
    assert V.act(antipode(F)) == -(V.K @ V.F)
    assert V.act(antipode(K)) == V.Kinv
    # S is an anti-homomorphism
    assert V.act(antipode(E * F)) == V.act(antipode(F)) @ V.act(antipode(E))
    for x in (E, F, K, E * F - F * E, (E + F) ** 2):
        d = coproduct(x)
        assert V.act(multiply(antipode(d, 0))) == one.scale(counit(x))
        assert V.act(counit(d, 1)) == V.act(x)
    # (Delta (x) id) Delta is a 3-leg tensor whose counit on a leg gives Delta back
    dd = coproduct(coproduct(E), 0)
    assert counit(dd, 1).act([V, V]) == coproduct(E).act([V, V])


def test_element_arithmetic():
    ctx = generic_q()
    E, F, K, Ki = generators(ctx)
    V = irrep("3/2", ctx)
    x = 2 * E - F * 3 + 1
    assert V.act(x) == V.E.scale(2) - V.F.scale(3) + ident(ctx, 4)
    assert V.act(E**3) == V.E @ V.E @ V.E and V.act(E**0) == ident(ctx, 4)
    assert V.act(1 - E) == ident(ctx, 4) - V.E
    assert V.act(E - 1) == V.E - ident(ctx, 4)
    assert (K * E * Ki - E * ctx.q**2).act_on(V).is_zero()
    assert "E" in repr(E) and "0" in repr(E - E)
    assert coproduct(E).flip().act([V, V]) == flip_matrix("3/2", "3/2", ctx) @ coproduct(E).act([V, V]) @ flip_matrix(
        "3/2", "3/2", ctx
    )


# --- R-matrix and braiding --------------------------------------------------------------------


@pytest.mark.parametrize("ctx", EXACT_CONTEXTS, ids=lambda c: c.name)
def test_r_matrix_intertwines_and_inverts(ctx):
    E, F, K, _ = generators(ctx)
    for a, b in [(1, 1), (1, 2), (2, 3), (3, 1)]:
        if hasattr(ctx, "r") and max(a, b) > ctx.r - 2:
            continue
        ja, jb = Fraction(a, 2), Fraction(b, 2)
        mods = [irrep(ja, ctx), irrep(jb, ctx)]
        R = r_matrix(ja, jb, ctx)
        assert R @ r_matrix_inverse(ja, jb, ctx) == ident(ctx, (a + 1) * (b + 1))
        for x in (E, F, K):
            assert R @ coproduct(x).act(mods) == coproduct(x).flip().act(mods) @ R
        c, cinv = braiding(ja, jb, ctx), braiding(ja, jb, ctx, inverse=True)
        assert c @ cinv == ident(ctx, (a + 1) * (b + 1)) == cinv @ c
        # c is a module map V_a (x) V_b -> V_b (x) V_a
        assert c @ coproduct(E).act(mods) == coproduct(E).act(mods[::-1]) @ c


def test_r_matrix_entries_on_the_fundamental():
    ctx = generic_q()
    R = r_matrix(HALF, HALF, ctx)
    s = ctx.s
    assert R[0, 0] == s == R[3, 3] and R[1, 1] == 1 / s == R[2, 2]
    assert R[1, 2] == s - s**-3 and R[2, 1] == 0
    assert len(R.entries) == 5


@pytest.mark.parametrize("ctx", EXACT_CONTEXTS, ids=lambda c: c.name)
def test_yang_baxter_and_braid_relations(ctx):
    spins = [(1, 2, 1), (2, 1, 1), (1, 1, 1), (2, 2, 2)]
    for a, b, c in spins:
        if hasattr(ctx, "r") and max(a, b, c) > ctx.r - 2:
            continue
        js = [Fraction(a, 2), Fraction(b, 2), Fraction(c, 2)]
        r12, r13, r23 = (r_matrix_legs(js, i, j, ctx) for i, j in ((1, 2), (1, 3), (2, 3)))
        assert r12 @ r13 @ r23 == r23 @ r13 @ r12
    for a in level_spins(ctx, 2):
        j = Fraction(a, 2)
        assert braid_representation([1, 2, 1], 3, j, ctx) == braid_representation([2, 1, 2], 3, j, ctx)
        assert braid_representation([1, 3], 4, j, ctx) == braid_representation([3, 1], 4, j, ctx)


def test_r_legs_conventions():
    ctx = generic_q()
    js = [HALF, 1]
    assert r_matrix_legs(js, 1, 2, ctx) == r_matrix(HALF, 1, ctx)
    # R_21 on V (x) W is tau R_{W,V} tau
    tau = flip_matrix(HALF, 1, ctx)
    assert r_matrix_legs(js, 2, 1, ctx) == tau.transpose() @ r_matrix(1, HALF, ctx) @ tau
    assert r_matrix_legs(js, 1, 2, ctx, inverse=True) == r_matrix_inverse(HALF, 1, ctx)
    # R_13 on V (x) 1 (x) W equals R on V (x) W with a trivial middle factor
    assert r_matrix_legs([HALF, 0, 1], 1, 3, ctx) == r_matrix(HALF, 1, ctx)


@pytest.mark.parametrize("ctx", EXACT_CONTEXTS, ids=lambda c: c.name)
def test_hecke_relation_and_eigenvalues(ctx):
    c, cinv = braiding(HALF, HALF, ctx), braiding(HALF, HALF, ctx, inverse=True)
    one = ident(ctx, 4)
    assert c.scale(ctx.qpower(1)) - cinv.scale(ctx.qpower(-1)) == one.scale(ctx.qpower(2) - ctx.qpower(-2))
    # (c - q^(1/2))(c + q^(-3/2)) = 0: the eigenvalues on the triplet and the singlet
    lam_t, lam_s = braiding_eigenvalue(HALF, 1, ctx), braiding_eigenvalue(HALF, 0, ctx)
    assert lam_t == ctx.qpower(1) and lam_s == -ctx.qpower(-3)
    assert (c - one.scale(lam_t)) @ (c + one.scale(ctx.qpower(-3))) == ExactMatrix.zeros(4, 4, ctx.zero, ctx.one)
    # minimal polynomial of c on V_a (x) V_a: the product over the summands vanishes
    for a in level_spins(ctx, 3):
        if hasattr(ctx, "r") and 2 * a > ctx.r - 2:
            continue
        j = Fraction(a, 2)
        ca = braiding(j, j, ctx)
        n = (a + 1) ** 2
        prod = ident(ctx, n)
        for cc in range(0, 2 * a + 1, 2):
            prod = prod @ (ca - ident(ctx, n).scale(braiding_eigenvalue(j, Fraction(cc, 2), ctx)))
        assert prod.is_zero()


def test_twist_values():
    ctx = generic_q()
    assert twist(HALF, ctx) == ctx.qpower(3)  # q^(3/2)
    assert twist(1, ctx) == ctx.q**4 and twist(0, ctx) == 1
    # at q = e^{i pi / r}: theta_a = exp(2 pi i h_a), h_a = a(a+2) / (4r)
    for r in (5, 7):
        rc = root_of_unity(r)
        for a in range(r - 1):
            value = complex(twist(Fraction(a, 2), rc).embed(60))
            expected = complex(mpmath.expjpi(Fraction(a * (a + 2), 2 * r)))
            assert abs(value - expected) < 1e-12


@pytest.mark.parametrize("k", range(1, 7))
def test_twist_matches_modular_data(k):
    """theta_a from the R-matrix convention equals the SU(2)_k twist exp(2 pi i h_a), exactly."""
    from tqft.algebra.modular import modular_data

    md, ctx = modular_data(k), root_of_unity(k + 2)
    for a in range(k + 1):
        assert md.lift(twist(Fraction(a, 2), ctx)) == md.twist(a)
        assert md.lift(ctx.qint(a + 1)) == md.quantum_dimension(a)
        # the Markov trace of the unknot with one kink is the twist
        assert md.lift(markov_trace([1], 2, Fraction(a, 2), ctx) * twist(Fraction(a, 2), ctx)) == md.twist(a)


def test_local_braiding_table_matches_matrix():
    ctx = root_of_unity(7)
    for a in (1, 2, 3):
        j = Fraction(a, 2)
        for inverse in (False, True):
            table = local_braiding(j, ctx, inverse)
            m = braiding(j, j, ctx, inverse)
            entries = {}
            for (x, y), images in table.items():
                col = (a - x) // 2 * (a + 1) + (a - y) // 2
                for (x2, y2), c in images:
                    entries[((a - x2) // 2 * (a + 1) + (a - y2) // 2, col)] = c
            assert ExactMatrix(m.rows, m.cols, entries, ctx.zero, ctx.one) == m


# --- Markov traces and Jones polynomials --------------------------------------------------------


def jones_torus_2(n: int) -> Laurent:
    """V of the closure of sigma_1^n from Jones' skein relation
    t^-1 V(L+) - t V(L-) = (t^(1/2) - t^(-1/2)) V(L0) (Jones 1985)."""
    v = {0: -(X + X**-1), 1: Laurent.constant(1)}
    for k in range(2, abs(n) + 1):
        v[k] = T * (T * v[k - 2] + (X - X**-1) * v[k - 1])
    return v[n] if n >= 0 else v[-n].bar()


def jones_torus_knot(p: int, q: int) -> Laurent:
    """V(T(p, q)) = t^((p-1)(q-1)/2) (1 - t^(p+1) - t^(q+1) + t^(p+q)) / (1 - t^2) (Jones 1987)."""
    num = (Laurent.constant(1) - T ** (p + 1) - T ** (q + 1) + T ** (p + q)) * T ** ((p - 1) * (q - 1) // 2)
    return num.divexact(Laurent.constant(1) - T**2)


def test_jones_known_values():
    assert jones_from_braid([1, 1, 1]) == t_poly({1: 1, 3: 1, 4: -1})  # KnotInfo 3_1
    assert jones_from_braid([-1, -1, -1]) == t_poly({-1: 1, -3: 1, -4: -1})
    assert jones_from_braid([1, -2, 1, -2]) == t_poly({-2: 1, -1: -1, 0: 1, 1: -1, 2: 1})  # KnotInfo 4_1
    assert jones_from_braid([1, 1]) == -X - X**5  # LinkInfo L2a1{1}
    assert jones_from_braid([]) == 1 and jones_from_braid([], 1) == 1
    assert jones_from_braid([], 3) == (-X - X**-1) ** 2
    assert jones_from_braid([1, -1, 2]) == -X - X**-1  # sigma_2 on 3 strands: a two-component unlink
    # 5_1 = T(2,5): KnotInfo t^2 + t^4 - t^5 + t^6 - t^7
    assert jones_from_braid([1] * 5) == t_poly({2: 1, 4: 1, 5: -1, 6: 1, 7: -1})


@pytest.mark.parametrize("n", range(-6, 8))
def test_jones_torus_2(n):
    assert jones_from_braid([1 if n > 0 else -1] * abs(n), 2) == jones_torus_2(n)
    if n % 2 and n > 0:
        assert jones_from_braid([1] * n) == jones_torus_knot(2, n)


@pytest.mark.parametrize(("p", "q"), [(3, 4), (3, 5), (4, 5)])
def test_jones_torus_knots(p, q):
    word = list(range(1, p)) * q  # (sigma_1 ... sigma_{p-1})^q closes to T(p, q)
    assert jones_from_braid(word, p) == jones_torus_knot(p, q)


def test_jones_printing_and_knotinfo_format():
    assert jones_from_braid([1, 1, 1]).format("t", Fraction(1, 2), descending=False) == "t + t^3 - t^4"


def masbaum_trefoil(n: int) -> Laurent:
    """J_n of the right-handed trefoil (Habiro; Masbaum 2003; KnotAtlas' summand for
    Mirror[3_1]): sum_{k=0}^{n} t^(n(k+1)+k) prod_{i=0}^{k-1} (1 - t^(n-i))."""
    total = Laurent()
    for k in range(n + 1):
        term = T ** (n * (k + 1) + k)
        for i in range(k):
            term = term * (Laurent.constant(1) - T ** (n - i))
        total = total + term
    return total


def habiro_figure_eight(n: int) -> Laurent:
    """J_n of 4_1 (Habiro): with N = n + 1,
    sum_{k=0}^{n} prod_{i=1}^{k} (t^((N+i)/2) - t^(-(N+i)/2)) (t^((N-i)/2) - t^(-(N-i)/2))."""
    N = n + 1
    total = Laurent()
    for k in range(N):
        term = Laurent.constant(1)
        for i in range(1, k + 1):
            term = term * (X ** (N + i) - X ** (-(N + i))) * (X ** (N - i) - X ** (-(N - i)))
        total = total + term
    return total


def test_coloured_jones():
    assert coloured_jones([1, 1, 1], 1) == jones_from_braid([1, 1, 1])
    assert coloured_jones([1, -2, 1, -2], 1) == jones_from_braid([1, -2, 1, -2])
    assert coloured_jones([1, 1, 1], 0) == 1
    for n in (2, 3):
        assert coloured_jones([1, 1, 1], n) == masbaum_trefoil(n)
        assert coloured_jones([-1, -1, -1], n) == masbaum_trefoil(n).bar()
    # KnotAtlas ColouredJones[Knot[3, 1], 2] (their 3_1 is the left-handed trefoil, q = t)
    assert coloured_jones([-1, -1, -1], 2) == t_poly({-2: 1, -5: 1, -7: -1, -8: 1, -9: -1, -10: -1, -11: 1})
    # KnotAtlas ColouredJones[Knot[4, 1], 3]
    fig8_3 = t_poly({0: 3, 12: 1, 11: -1, 10: -1, 8: 2, 6: -2, 4: 3, 2: -3})
    fig8_3 = fig8_3 + t_poly({-12: 1, -11: -1, -10: -1, -8: 2, -6: -2, -4: 3, -2: -3})
    assert coloured_jones([1, -2, 1, -2], 3) == fig8_3 == habiro_figure_eight(3)
    assert coloured_jones([1, -2, 1, -2], 2) == habiro_figure_eight(2)
    # unknot as a 2-braid: J_n(sigma_1) = 1 for every colour (Reidemeister I with zero framing)
    assert all(coloured_jones([1], n) == 1 == coloured_jones([-1], n) for n in range(4))


@pytest.mark.parametrize("r", ROOTS)
def test_markov_trace_at_roots_is_the_specialised_polynomial(r):
    ctx = root_of_unity(r)
    for word in ([1, 1, 1], [1, -2, 1, -2], [1, 1], [1, 2, 1, 2, 1, 2, 1, 2], [], [1, -2, 3, 3, -2]):
        assert markov_trace(word, ctx=ctx) == jones_value(jones_from_braid(word), ctx)
    if r >= 4:
        assert markov_trace([1, 1, 1], spin=1, ctx=ctx) == jones_value(coloured_jones([1, 1, 1], 2), ctx)


def test_markov_trace_numeric_and_classical():
    # q = 1: the trace counts closed loops with dimension 2, V(t = 1) = (-2)^(c-1)
    assert markov_trace([1, 1], ctx=CLASSICAL) == 2 and markov_trace([1, 1, 1], ctx=CLASSICAL) == 1
    assert jones_value(jones_from_braid([1, 1]), CLASSICAL) == 2
    # numeric q agrees with the exact polynomial evaluated there
    q = mpmath.mpf("0.7")
    num = markov_trace([1, -2, 1, -2], ctx=numeric_q(q))
    s = mpmath.sqrt(q)
    exact = jones_from_braid([1, -2, 1, -2]).evaluate(-1 / s**2)
    assert abs(num - exact) < 1e-12


def test_weight_space_traces_match_full_matrix():
    ctx = generic_q()
    for word, n, j in (([1, -2, 1, 3], 4, HALF), ([1, 1, -2], 3, 1), ([2, 2, 1], 3, Fraction(3, 2))):
        traces = weight_space_traces(word, n, j, ctx)
        M = braid_representation(word, n, j, ctx)
        assert sum((tr * ctx.qpower(2 * w) for w, tr in traces.items()), ctx.zero) == quantum_trace(M, j, n, ctx)
        assert sum(traces.values(), ctx.zero) == M.trace()
    # unnormalised: the unknot gives the quantum dimension
    assert markov_trace([], 1, 1, ctx, normalised=False) == ctx.qint(3)


def test_jones_performance_seven_strands():
    """2^7-dimensional representation, 20 crossings: weight spaces keep it small."""
    word = [1, -2, 3, -4, 5, -6, 1, 2, -3, 4, -5, 6, 1, -2, 3, 4, -5, -6, 2, 3]
    v = jones_from_braid(word, 7)
    assert v.evaluate(1) == (-2) ** (_components(word, 7) - 1)


def _components(word, n):
    perm = list(range(n))
    for g in word:
        i = abs(g) - 1
        perm[i], perm[i + 1] = perm[i + 1], perm[i]
    seen, count = set(), 0
    for k in range(n):
        if k not in seen:
            count += 1
            while k not in seen:
                seen.add(k)
                k = perm[k]
    return count


# --- hypothesis properties ------------------------------------------------------------------------


@st.composite
def braid_words(draw, max_strands=4, max_length=7):
    n = draw(st.integers(2, max_strands))
    letters = st.integers(1, n - 1).flatmap(lambda i: st.sampled_from([i, -i]))
    return draw(st.lists(letters, max_size=max_length)), n


@given(braid_words(), st.data())
def test_jones_is_a_markov_invariant(wn, data):
    word, n = wn
    v = jones_from_braid(word, n)
    i = data.draw(st.integers(1, n - 1))
    sign = data.draw(st.sampled_from([1, -1]))
    assert jones_from_braid([sign * i, *word, -sign * i], n) == v  # conjugation
    k = data.draw(st.integers(0, len(word)))
    assert jones_from_braid(word[k:] + word[:k], n) == v  # cyclic rotation
    assert jones_from_braid([*word, sign * n], n + 1) == v  # stabilisation
    assert jones_from_braid([-g for g in word], n) == v.bar()  # mirror image
    assert v.evaluate(1) == (-2) ** (_components(word, n) - 1)


@given(braid_words(max_length=6), st.data())
def test_jones_skein_relation(wn, data):
    word, n = wn
    i = data.draw(st.integers(1, n - 1))
    plus, minus = (jones_from_braid([*word, g], n) for g in (i, -i))
    zero = jones_from_braid(word, n)
    assert T**-1 * plus - T * minus == (X - X**-1) * zero


@given(braid_words(max_strands=3, max_length=5), st.sampled_from([3, 4, 5, 7, 10]))
def test_coloured_markov_trace_invariance(wn, r):
    word, n = wn
    ctx = root_of_unity(r)
    for a in range(1, min(3, r - 2) + 1):
        j = Fraction(a, 2)
        v = markov_trace(word, n, j, ctx)
        assert markov_trace([*word, n], n + 1, j, ctx) == v == markov_trace([*word, -n], n + 1, j, ctx)
        assert markov_trace([-1, *word, 1], n, j, ctx) == v


@given(st.integers(0, 4), st.integers(0, 4))
def test_double_braiding_of_highest_weights(a, b):
    """c_(W,V) c_(V,W) on v_a (x) v_b is q^(ab) (colours) = theta_(a+b) / (theta_a theta_b)."""
    ctx = generic_q()
    ja, jb = Fraction(a, 2), Fraction(b, 2)
    double = braiding(jb, ja, ctx) @ braiding(ja, jb, ctx)
    assert double[0, 0] == ctx.qpower(2 * a * b) == twist(Fraction(a + b, 2), ctx) / (twist(ja, ctx) * twist(jb, ctx))


# --- the identity catalogue ----------------------------------------------------------------------

QG_IDENTITIES = [i.name for i in catalogue() if "quantum group" in i.tags]


def test_quantum_group_identities_registered():
    expected = {
        "uq_relations",
        "uq_relations_tensor",
        "uq_coassociativity",
        "uq_hopf_axioms",
        "r_matrix_intertwines",
        "yang_baxter",
        "braid_relation",
        "hecke_relation",
        "q_cg_highest_weight",
        "braiding_eigenvalues",
        "ribbon_twist",
        "markov_partial_trace",
        "markov_trace_invariance",
    }
    assert expected <= set(QG_IDENTITIES)


@pytest.mark.parametrize("name", QG_IDENTITIES)
def test_quantum_group_identity_sweeps(name):
    identity = get(name)
    cases = list(identity.cases())
    assert len(cases) >= 10
    levels = {c[0] for c in cases}
    assert levels == {0, *ROOTS}, "every identity runs at generic q and at r = 3..12"
    for case in cases:  # level bound: colours <= r - 2
        if case[0]:
            assert all(v <= case[0] - 2 for v in case[1:])
    report = run_identity_cases(name, cases + identity.random_cases(8, seed=3))
    assert report.ok, report.failures


def test_identity_case_format_and_domain():
    identity = get("yang_baxter")
    assert identity.format_case((5, 1, 2, 3)) == "q=e^(i pi/5), a=1/2, b=1, c=3/2"
    assert identity(0, 2, 2, 2).passed
    with pytest.raises(InvalidArgumentError, match="is not an allowed level"):
        identity(2, 1, 1, 1)
    with pytest.raises(InvalidArgumentError):
        identity(3, 2, 1, 1)  # colour 2 is above the level r - 2 = 1


def test_identity_checks_detect_errors(monkeypatch):
    """A wrong R-matrix (q -> 1/q in the diagonal factor) breaks the intertwining identity,
    and a wrong eigenvalue sign breaks the eigenvalue identity."""
    import tqft.identities.quantum_group as qg

    def wrong_eigenvalue(a, c, ctx):
        return -braiding_eigenvalue(a, c, ctx)

    monkeypatch.setattr(qg, "braiding_eigenvalue", wrong_eigenvalue)
    assert not qg._braiding_eigenvalues(0, 1, 2).passed
    monkeypatch.undo()

    def wrong_r(a, b, ctx):
        return r_matrix(a, b, ctx).transpose()

    monkeypatch.setattr(qg, "r_matrix", wrong_r)
    result = qg._r_matrix_intertwines(0, 1, 1)
    assert not result.passed and "R" in result.lhs
    monkeypatch.undo()

    def wrong_twist(j, ctx):
        return ctx.one / twist(j, ctx)

    monkeypatch.setattr(qg, "twist", wrong_twist)
    assert not qg._ribbon_twist(0, 1, 1).passed
    assert not qg._markov_partial_trace(0, 1).passed


# --- errors -------------------------------------------------------------------------------------


def test_bad_spins():
    ctx = generic_q()
    with pytest.raises(InvalidSpinError, match=r"spin = '1/3' is not a spin"):
        irrep("1/3", ctx)
    with pytest.raises(InvalidSpinError, match="spin = -1"):
        e_matrix(-1, ctx)
    with pytest.raises(SpinTypeError):
        irrep(True, ctx)
    with pytest.raises(InvalidSpinError, match=r"a = 0\.25"):
        r_matrix(0.25, 1, ctx)
    with pytest.raises(InvalidSpinError, match=r"spins\[1\]"):
        r_matrix_legs([1, "x"], 1, 2, ctx)
    with pytest.raises(InvalidArgumentError, match=r"power = 1\.5"):
        k_matrix(1, ctx, 1.5)  # type: ignore[arg-type]
    with pytest.raises(
        InvalidArgumentError, match=r"c = 3/2: V_c is a summand of V_a \(x\) V_a for a = 1/2 only when c is one of 1, 0"
    ):
        braiding_eigenvalue(HALF, "3/2", ctx)
    with pytest.raises(InvalidArgumentError, match="c = 2"):
        braiding_eigenvalue(HALF, 2, ctx)


@pytest.mark.parametrize(
    ("word", "n", "message"),
    [
        ([0], None, r"word\[0\] = 0 must be a nonzero integer"),
        ([1, 1.5], None, r"word\[1\] = 1.5"),
        ([True], None, r"word\[0\] = True"),
        ("12", None, "word = '12' must be a sequence"),
        (5, None, "word = 5 must be a sequence"),
        ([1, 3], 3, "n_strands = 3 is too small for the letter 3"),
        ([1], 0, "n_strands = 0 must be a positive integer"),
        ([1], 2.0, r"n_strands = 2.0 must be a positive integer"),
    ],
)
def test_bad_braid_words(word, n, message):
    with pytest.raises(InvalidArgumentError, match=message):
        jones_from_braid(word, n)
    with pytest.raises(TQFTError, match=message):
        braid_representation(word, n, HALF, generic_q())


def test_other_argument_errors():
    ctx = generic_q()
    V = irrep(HALF, ctx)
    with pytest.raises(InvalidArgumentError, match="n = -1 must be a non-negative integer colour"):
        coloured_jones([1, 1, 1], -1)
    with pytest.raises(InvalidArgumentError, match=r"n = 1\.0"):
        coloured_jones([1, 1, 1], 1.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="different contexts"):
        tensor_product(V, irrep(HALF, root_of_unity(5)))
    with pytest.raises(InvalidArgumentError, match="at least one module"):
        tensor_product()
    with pytest.raises(InvalidArgumentError, match="must be UqModule"):
        tensor_product(V, "V")  # type: ignore[arg-type]
    E5 = generators(root_of_unity(5))[0]
    with pytest.raises(InvalidArgumentError, match="the element lives in root:5"):
        V.act(E5)
    with pytest.raises(InvalidArgumentError, match="cannot combine"):
        generators(ctx)[0] + E5
    with pytest.raises(InvalidArgumentError, match="acts on 2 modules, not 1"):
        coproduct(generators(ctx)[0]).act([V])
    with pytest.raises(InvalidArgumentError, match="leg = 2"):
        coproduct(coproduct(generators(ctx)[0]), 2)
    with pytest.raises(InvalidArgumentError, match="leg = -1"):
        antipode(coproduct(generators(ctx)[0]), -1)
    with pytest.raises(InvalidArgumentError, match="leg = 5"):
        counit(coproduct(generators(ctx)[0]), 5)
    with pytest.raises(InvalidArgumentError, match="k = -1"):
        generators(ctx)[0] ** -1
    with pytest.raises(InvalidArgumentError, match="generator = 'H'"):
        V.letter("H")
    with pytest.raises(InvalidArgumentError, match=r"cannot multiply matrices of shapes \(6, 6\) and \(4, 4\)"):
        r_matrix(HALF, 1, ctx) @ r_matrix(HALF, HALF, ctx)  # mismatched spins
    with pytest.raises(InvalidArgumentError, match="matrix has shape"):
        quantum_trace(ident(ctx, 4), HALF, 3, ctx)
    with pytest.raises(InvalidArgumentError, match="i = j = 1"):
        r_matrix_legs([HALF, HALF], 1, 1, ctx)
    with pytest.raises(InvalidArgumentError, match="j = 3 must be a factor position"):
        r_matrix_legs([HALF, HALF], 1, 3, ctx)
    with pytest.raises(InvalidArgumentError, match=r"i = 3 must be an integer in 1..2"):
        braid_generator(3, 3, HALF, ctx)
    with pytest.raises(InvalidArgumentError, match="poly = 3"):
        jones_value(3, ctx)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="flip needs a tensor with 2 legs"):
        coproduct(coproduct(generators(ctx)[0])).flip()
    with pytest.raises(InvalidArgumentError, match="multiply needs a tensor with 2 legs"):
        multiply(coproduct(coproduct(generators(ctx)[0])))
    # the quantum dimension [3] vanishes at r = 3: the normalised trace does not exist
    with pytest.raises(NotRepresentableError, match=r"quantum dimension \[3\] vanishes"):
        markov_trace([1, 1], spin=1, ctx=root_of_unity(3))
    assert markov_trace([1, 1], spin=1, ctx=root_of_unity(3), normalised=False) is not None
    # all tqft errors are ValueErrors too
    with pytest.raises(ValueError):
        parse_braid_word([0])


def test_braid_helpers():
    assert parse_braid_word([1, -2], None) == ((1, -2), 3)
    assert parse_braid_word((g for g in [2, 1]), 5) == ((2, 1), 5)
    assert parse_braid_word([]) == ((), 1)
    assert writhe([1, -2, 1, 1]) == 2
    ctx = generic_q()
    g = braid_generator(2, 3, HALF, ctx)
    assert g == ident(ctx, 2).kron(braiding(HALF, HALF, ctx))
    assert g @ braid_generator(2, 3, HALF, ctx, inverse=True) == ident(ctx, 8)


def test_uq_element_is_not_reduced_but_acts_correctly():
    ctx = generic_q()
    E, F, K, Ki = generators(ctx)
    qd = ctx.qpower(2) - ctx.qpower(-2)
    rel = (E * F - F * E) * qd - (K - Ki)
    assert len(rel.terms) == 4  # a formal polynomial ...
    for a in range(4):
        assert irrep(Fraction(a, 2), ctx).act(rel).is_zero()  # ... that acts as zero
    assert isinstance(E + 0, UqElement)


def test_all_weights_in_tensor_powers_are_counted():
    ctx = generic_q()
    traces = weight_space_traces([], 4, HALF, ctx)
    assert {w: tr for w, tr in traces.items()} == {
        w: ctx.from_int(c) for w, c in zip((4, 2, 0, -2, -4), (1, 4, 6, 4, 1))
    }
    assert sorted(itertools.chain(traces)) == [-4, -2, 0, 2, 4]
