"""Spin-network evaluation, boundary spaces and the hexagonal encoding, against published
values, closed forms, an independent magnetic-basis contraction with sympy's 3j symbols,
and identities (order independence, cutting and gluing, context specialisation)."""

from __future__ import annotations

import cmath
import itertools
import math
import random
from fractions import Fraction
from functools import cache

import mpmath
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tqft.errors import AdmissibilityError, InvalidArgumentError, NotRepresentableError, TQFTError
from tqft.exact import CLASSICAL, Q_MINUS_ONE
from tqft.exact.qcontexts import generic_q, numeric_q, root_of_unity
from tqft.recoupling.kauffman_lins import loop, recoupling_coefficient, tet, theta
from tqft.recoupling.wigner import wigner_6j
from tqft.spin_network import Crossing, Intertwiner, NetworkStructureError, NonPlanarError, SpinNetwork
from tqft.spin_network.boundary import BoundarySpace, cut, inner, pair
from tqft.spin_network.evaluate import evaluate_open
from tqft.spin_network.honeycomb import honeycomb, parse_pixels, transition_blocks, transition_matrix
from tqft.spin_network.plan import greedy_order, order_cost, plan, resolve

CONTEXTS = [CLASSICAL, Q_MINUS_ONE, generic_q("A"), root_of_unity(7), numeric_q(mpmath.mpf("0.8"))]


def _same(ctx, x, y):
    if ctx.name.startswith("numeric") or type(ctx).__name__ == "NumericQContext":
        return abs(x - y) < 1e-12 * max(1, abs(y))
    return x == y


# ---------------------------------------------------------------- M3 reference values
@pytest.mark.parametrize(
    ("pixels", "value"),
    [([1], 2), ([1, 1, 1, 1], 3), ([2, 2, 2, 2], Fraction(245, 144)), ([1, 2, 3, 4], Fraction(7, 5))],
)
def test_m3_reference_values(pixels, value):
    # Lulli, Marciano, Zappala (arXiv:2310.03632): loop value n + 1, i.e. q = -1
    assert honeycomb(pixels).evaluate("-1") == value


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_honeycomb_counts_and_admissibility(n):
    rng = random.Random(n)
    net = honeycomb([rng.randint(0, 4) for _ in range(n * n)])
    assert len(net.vertices) == 2 * n * n - 2
    assert len(net.edges) == 3 * n * n - 3
    assert net.genus() == 0
    net.check()  # admissible by construction
    assert all(len(net.rotation(v)) == 3 for v in net.vertices)


def test_honeycomb_mnist_size_edge_count():
    net = honeycomb([1] * 28 * 28)
    assert len(net.edges) == 2349


def test_honeycomb_q_minus_one_vs_q_one_sign():
    # Temperley-Lieb automorphism e_i -> -e_i: planar values at Delta and -Delta differ by
    # (-1)^(loops of the all-identity state) = (-1)^(sum of pixel colours)
    rng = random.Random(3)
    for _ in range(5):
        px = [rng.randint(0, 3) for _ in range(9)]
        assert honeycomb(px).evaluate("-1") == (-1) ** sum(px) * honeycomb(px).evaluate()


def test_honeycomb_colour_rules():
    net = honeycomb([[1, 2], [3, 4]])
    colours = sorted(net.colour(e) for e in net.edges)
    # shared sides: 1+2, 1+3, 2+3, 2+4, 3+4; outer arcs: 1, 2, 3, 4
    assert colours == [1, 2, 3, 3, 4, 4, 5, 6, 7]


def test_honeycomb_pixel_parsing_errors():
    with pytest.raises(InvalidArgumentError, match="N\\^2 entries"):
        parse_pixels([1, 2, 3])
    with pytest.raises(InvalidArgumentError, match="pixel \\(1, 0\\) = -1"):
        parse_pixels([[1, -1], [1, 1]])
    with pytest.raises(InvalidArgumentError, match="N x N"):
        parse_pixels([[1, 2], [1]])
    with pytest.raises(InvalidArgumentError, match="comma-separated"):
        parse_pixels("1,a,3,4")
    assert parse_pixels("1,2,3,4") == [[1, 2], [3, 4]]


def test_transition_matrix_blocks():
    values = [honeycomb(p).evaluate("-1") for p in ([1, 1, 1, 1], [2, 2, 2, 2], [1, 2, 3, 4], [1, 1, 1, 1])]
    a = transition_matrix(values)
    assert a[0, 3] == 1 and a[0, 0] == 1
    assert a[0, 2] == (Fraction(3) * Fraction(7, 5)) ** 2 / Fraction(3) ** 4
    assert transition_blocks(values) == [[0, 3], [1], [2]]  # 3 > 245/144 > 7/5


# ---------------------------------------------------------------- closed forms
@pytest.mark.parametrize("ctx", CONTEXTS, ids=lambda c: c.name)
def test_closed_forms_every_context(ctx):
    for n in range(5):
        assert _same(ctx, SpinNetwork.loop(n).evaluate(ctx), loop(ctx, n))
    for a, b, c in [(1, 1, 2), (2, 3, 3), (2, 2, 4), (3, 3, 2)]:
        assert _same(ctx, SpinNetwork.theta(a, b, c).evaluate(ctx), theta(ctx, a, b, c))
    for args in [(2, 2, 2, 2, 2, 2), (2, 4, 2, 2, 4, 2), (1, 3, 2, 1, 3, 2), (1, 1, 2, 1, 1, 2)]:
        assert _same(ctx, SpinNetwork.tetrahedron(*args).evaluate(ctx), tet(ctx, *args))


def test_unitary_tetrahedron_is_sympy_6j():
    from sympy.physics.wigner import wigner_6j as sympy_6j

    for a, b, c, d, e, f in itertools.product(range(3), repeat=6):
        triads = [(a, b, c), (a, e, f), (d, b, f), (d, e, c)]
        if not all((x + y + z) % 2 == 0 and abs(x - y) <= z <= x + y for x, y, z in triads):
            continue
        # {a b c; d e f} = Tet[a b f; d e c] / sqrt|theta theta theta theta|
        got = SpinNetwork.tetrahedron(a, b, f, d, e, c).evaluate(normalisation="unitary")
        want = sympy_6j(*(Fraction(x, 2) for x in (a, b, c, d, e, f)))
        assert got == want, (a, b, c, d, e, f)
        assert got == wigner_6j(*(Fraction(x, 2) for x in (a, b, c, d, e, f)))


def test_unitary_theta_and_q_minus_one_refuses_roots():
    # unitary theta = (-1)^{(a+b+c)/2}
    assert SpinNetwork.theta(2, 3, 3).evaluate(normalisation="unitary") == 1
    assert SpinNetwork.theta(2, 2, 2).evaluate(normalisation="unitary") == -1
    with pytest.raises(NotRepresentableError, match="q = -1"):
        SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2).evaluate("-1", normalisation="unitary")


# ---------------------------------------------------------------- independent contraction
@cache
def _w3j(a, b, c, ma, mb, mc):
    from sympy.physics.wigner import wigner_3j

    return wigner_3j(Fraction(a, 2), Fraction(b, 2), Fraction(c, 2), Fraction(ma, 2), Fraction(mb, 2), Fraction(mc, 2))


def _brute_unitary(net):
    """Sum over doubled projections of products of 3j symbols at the vertices (legs in
    rotation order) with the SU(2) metric on every edge: the unitary evaluation up to a
    sign fixed by orientation conventions."""
    import sympy

    edges = list(net.edges)
    total = sympy.Integer(0)
    for ms in itertools.product(*[range(-net.colour(e), net.colour(e) + 1, 2) for e in edges]):
        m = dict(zip(edges, ms, strict=True))
        term = sympy.Integer(1)
        for v in net.vertices:
            args = []
            for e, end in net.rotation(v):
                args.append((net.colour(e), m[e] if end == 0 else -m[e]))
            term *= _w3j(args[0][0], args[1][0], args[2][0], args[0][1], args[1][1], args[2][1])
            if term == 0:
                break
        if term == 0:
            continue
        for e in edges:
            term *= (-1) ** ((net.colour(e) - m[e]) // 2)
        total += term
    return total


def _prism(c):
    """Triangular prism: triangles (1,2,3), (4,5,6), verticals 1-4, 2-5, 3-6 (planar)."""
    e = {"t12": (1, 2), "t23": (2, 3), "t31": (3, 1), "b45": (4, 5), "b56": (5, 6), "b64": (6, 4),
         "v14": (1, 4), "v25": (2, 5), "v36": (3, 6)}  # fmt: skip
    net = SpinNetwork.from_edges({k: (*e[k], c[k]) for k in e})
    net.set_rotation(1, ["t12", "t31", "v14"])
    net.set_rotation(2, ["t23", "t12", "v25"])
    net.set_rotation(3, ["t31", "t23", "v36"])
    net.set_rotation(4, ["b45", "v14", "b64"])
    net.set_rotation(5, ["b56", "v25", "b45"])
    net.set_rotation(6, ["b64", "v36", "b56"])
    return net


def _random_prism(rng, top=2):
    while True:
        c = {k: rng.randint(0, top) for k in ("t12", "t23", "t31", "b45", "b56", "b64", "v14", "v25", "v36")}
        net = _prism(c)
        try:
            net.check()
        except AdmissibilityError:
            continue
        return net


def test_prism_against_sympy_3j_contraction():
    rng = random.Random(11)
    checked = 0
    for _ in range(6):
        net = _random_prism(rng)
        assert net.genus() == 0
        got = net.evaluate(normalisation="unitary")
        want = _brute_unitary(net)
        # magnitudes agree exactly; the sign of a 3j contraction depends on edge orientations
        assert sympy.expand(sympy.sympify(got) ** 2 - want**2) == 0
        checked += want != 0
    assert checked >= 3


# ---------------------------------------------------------------- identities
def test_order_independence():
    net = honeycomb([1, 2, 3, 1, 2, 2, 3, 1, 2])
    res = resolve(net)
    values = {net.evaluate("-1", order=greedy_order(res, start)) for start in list(res.pieces)[:6]}
    diagonal = sorted(net.vertices, key=lambda p: (p[0] + p[1], p[1]))  # a geometric sweep
    assert order_cost(res, diagonal) is not None
    values.add(net.evaluate("-1", order=diagonal))
    assert values == {net.evaluate("-1")}


def _within_level(net, r):
    try:
        net.check(root_of_unity(r))
    except AdmissibilityError:
        return False
    return True


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=4, max_size=4), st.sampled_from([3, 5, 7, 9]))
def test_generic_specialises_to_root_of_unity(pixels, r):
    net = honeycomb(pixels)
    assume(_within_level(net, r))  # otherwise the root-of-unity network does not exist
    exact = net.evaluate(root_of_unity(r))
    generic = net.evaluate("A")
    q = cmath.exp(1j * math.pi / r)
    want = complex(generic_q("A").to_mpmath(generic, 53, q=mpmath.mpc(q.real, q.imag)))
    got = complex(root_of_unity(r).to_mpmath(exact, 53))
    numeric = complex(net.evaluate(numeric_q(mpmath.mpc(q.real, q.imag))))
    assert abs(got - numeric) < 1e-9 * max(1, abs(got))
    assert abs(got - want) < 1e-9 * max(1, abs(got))


def test_root_of_unity_level_is_enforced():
    with pytest.raises(AdmissibilityError, match="vertex"):
        honeycomb([3, 3, 3, 3]).evaluate(root_of_unity(5))


def test_cut_and_pair_reproduce_the_value():
    net = honeycomb([1, 2, 1, 2, 2, 1, 1, 2, 2])
    xs = sorted(net.positions[v][0] for v in net.vertices)
    mid = (xs[len(xs) // 2] + xs[len(xs) // 2 - 1]) / 2
    left = {v for v in net.vertices if net.positions[v][0] < mid}
    edges = [e for e in net.edges if (net.ends(e)[0] in left) != (net.ends(e)[1] in left)]
    a, b = cut(net, edges)
    for ctx in (None, "-1", "A", "root:9"):
        assert pair(evaluate_open(a, ctx), evaluate_open(b, ctx)) == net.evaluate(ctx)
    va = evaluate_open(a, "-1")
    assert inner(va, va) > 0


def test_boundary_change_of_basis_is_the_6j_matrix():
    space = BoundarySpace((2, 2, 2, 2))
    m = space.change_of_basis(None, ((1, 2), (3, 0)))
    for i, x in enumerate((0, 2, 4)):
        for j, y in enumerate((0, 2, 4)):
            assert m[i, j] == recoupling_coefficient(CLASSICAL, 2, 2, x, 2, 2, y)


@pytest.mark.parametrize("ctx", ["A", "root:7", "-1", None])
def test_boundary_orthogonality(ctx):
    space = BoundarySpace((1, 2, 3, 2, 2), ctx)
    assert space.dimension == 5
    assert space.check_orthogonal(None, ((1, 2), ((3, 4), 0)))
    assert space.check_orthogonal(((0, 1), ((2, 3), 4)), (((2, 3), 4), (0, 1)))


def test_boundary_orthogonality_can_fail():
    space = BoundarySpace((2, 2, 2, 2))
    orig = space.tree_norm
    space.tree_norm = lambda tree, label: orig(tree, label) * 2  # type: ignore[method-assign]
    assert not space.check_orthogonal(None, ((1, 2), (3, 0)))


def test_unitary_change_of_basis_orthogonal_at_q_one():
    space = BoundarySpace((2, 2, 2, 2))
    m = space.change_of_basis(None, ((1, 2), (3, 0)))
    rows, cols = space.basis(), space.tree_labels(((1, 2), (3, 0)))
    from tqft.exact.quadratic import Multiquadratic, SqrtRational

    u = [
        [SqrtRational(1 if m[i, j] >= 0 else -1,
                      m[i, j] ** 2 * abs(space.comb_norm(x)) / abs(space.tree_norm(((1, 2), (3, 0)), y)))
         for j, y in enumerate(cols)]
        for i, x in enumerate(rows)
    ]  # fmt: skip
    for a in range(3):
        for b in range(3):
            s = Multiquadratic.sum([u[i][a] * u[i][b] for i in range(3)])
            assert s == (1 if a == b else 0)


# ---------------------------------------------------------------- crossings and structure
@pytest.mark.parametrize("n", [1, 2, 3])
def test_crossing_kink_is_the_twist(n):
    # a curl: (-1)^n A^{+-n(n+2)} Delta_n (Kauffman-Lins section 9.7)
    ctx = generic_q("A")
    for over, sign in ((True, 1), (False, -1)):
        net = SpinNetwork().add_edge("e1", "X", "X", n).add_edge("e2", "X", "X", n)
        net.set_rotation("X", ["e2", "e1", "e1", "e2"]).set_intertwiner("X", Crossing(over=over))
        assert net.evaluate(ctx) == ctx.sign(n) * ctx.qpower(sign * n * (n + 2)) * loop(ctx, n)
    net.set_intertwiner("X", Crossing(over=True))
    assert net.evaluate() == (-1) ** n * loop(CLASSICAL, n)  # q = 1: both crossings agree
    if n % 2:
        with pytest.raises(NotRepresentableError):
            net.evaluate("-1")


def test_comb_intertwiner_vertex():
    # a 4-valent vertex with comb colour x glued to the same splitting = theta theta / Delta_x
    net = SpinNetwork()
    for name in "abcd":
        net.add_edge(name, "u", "w", 2)
    net.set_rotation("w", ["d", "c", "b", "a"])
    net.set_intertwiner("u", Intertwiner.comb(2)).set_intertwiner("w", Intertwiner.comb(2))
    assert net.evaluate() == theta(CLASSICAL, 2, 2, 2) ** 2 / loop(CLASSICAL, 2)
    net.set_intertwiner("u", Intertwiner({(0,): 1, (2,): Fraction(1, 2)}))
    assert net.evaluate() == Fraction(1, 2) * theta(CLASSICAL, 2, 2, 2) ** 2 / loop(CLASSICAL, 2)


def test_structure_errors_name_the_vertex():
    with pytest.raises(AdmissibilityError, match=r"vertex .u.*\(1, 1, 1\)"):
        SpinNetwork.theta(1, 1, 1).evaluate()
    net = SpinNetwork().add_edge("a", "u", "v", 1).add_edge("b", "u", "v", 2)
    with pytest.raises(AdmissibilityError, match="bivalent"):
        net.evaluate()
    with pytest.raises(InvalidArgumentError, match="colour of edge 'x' = -1"):
        SpinNetwork().add_edge("x", 1, 2, -1)
    with pytest.raises(NetworkStructureError, match="lists"):
        SpinNetwork.theta(1, 1, 2).set_rotation("u", ["a", "b"])
    four = SpinNetwork()
    for name in "abcd":
        four.add_edge(name, "u", "w", 2)
    with pytest.raises(NetworkStructureError, match="intertwiner"):
        four.evaluate()
    with pytest.raises(InvalidArgumentError, match="normalisation"):
        SpinNetwork.loop(1).evaluate(normalisation="racah")


def test_non_planar_is_refused():
    # K_{3,3} drawn with a rotation system of genus 1
    net = SpinNetwork()
    k = 0
    for a in "abc":
        for b in "xyz":
            net.add_edge(f"{a}{b}", a, b, 2)
            k += 1
    assert net.genus() >= 1
    with pytest.raises(NonPlanarError, match="genus"):
        net.evaluate()


def test_disjoint_union_multiplies():
    net = SpinNetwork.loop(2).relabel(1)
    other = SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2).relabel(2)
    for e in other.edges:
        u, v = other.ends(e)
        net.add_edge(e, u, v, other.colour(e))
    for v in other.vertices:
        net.set_rotation(v, [d[0] for d in other.rotation(v)])
    assert net.evaluate() == loop(CLASSICAL, 2) * tet(CLASSICAL, 2, 2, 2, 2, 2, 2)


def test_plan_is_planar_and_complete():
    net = honeycomb([2] * 25)
    res = resolve(net)
    order = plan(net, res)
    assert sorted(map(repr, order)) == sorted(map(repr, res.pieces))
    assert order_cost(res, order) is not None


def test_errors_are_tqft_errors():
    with pytest.raises(TQFTError):
        honeycomb([1, 2, 3])


def test_open_network_bare_strands():
    o = SpinNetwork().add_edge("a", "p", "q", 2).add_edge("b", "r", "s", 1)
    for x in "pqrs":
        o.add_boundary(x)
    assert evaluate_open(o).coefficients == {(2, 0, 1): 1}
    one = SpinNetwork().add_edge("a", "p", "q", 3)
    one.add_boundary("p").add_boundary("q")
    state = evaluate_open(one, "A")
    # gluing a strand to a strand closes a loop
    assert pair(state, state) == loop(generic_q("A"), 3)


def test_transition_blocks_at_a_root_of_unity():
    """Blocks are ordered by exact comparison of cyclotomic |<H>|^2 (they have no ``<``);
    the grouping agrees with the TQNN module's, which works from the images."""
    from tqft.learning.tqnn.exact import group_by_amplitude
    from tqft.spin_network.honeycomb import honeycomb, transition_blocks

    images = ([1, 1, 1, 1], [1, 2, 1, 2], [2, 1, 1, 1], [1, 1, 1, 1])
    values = [honeycomb(p).evaluate("root:7") for p in images]
    blocks = transition_blocks(values, "root:7")
    assert blocks == group_by_amplitude(list(images), "root:7")
    assert sorted(i for b in blocks for i in b) == [0, 1, 2, 3] and [0, 3] in blocks
    sq = [(v * v.conjugate()).to_mpmath(30).real for v in values]
    assert all(sq[b[0]] > sq[c[0]] for b, c in itertools.pairwise(blocks))
