"""Turaev-Viro, cobordisms in 3D, Ponzano-Regge: against Regina and against identities."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import mpmath
import pytest
import regina
from hypothesis import given, settings
from hypothesis import strategies as st

from tqft.errors import CostLimitError, InvalidArgumentError, InvalidTriangulationError
from tqft.topology import census
from tqft.topology.triangulation import Triangulation
from tqft.tqft_models import state_sum
from tqft.tqft_models.cobordism3d import Cobordism3D, Region, glue_regions, state_vector
from tqft.tqft_models.ponzano_regge import growth, maximal_tree, ponzano_regge
from tqft.tqft_models.turaev_viro import (
    TVSpec,
    total_dimension_squared,
    turaev_viro,
    turaev_viro_numeric,
)


def coefficients(value):
    poly = value.poly
    return [Fraction(int(poly[i].p), int(poly[i].q)) for i in range(value.field.degree)]


def regina_coefficients(value):
    return [Fraction(str(value[i])) for i in range(value.degree())]


MANIFOLDS = {
    "s3": census.three_sphere,
    "s2xs1": census.s2xs1,
    "poincare": census.poincare_sphere,
    "L(5,2)": lambda: census.lens_space(5, 2),
    "L(7,3)": lambda: census.lens_space(7, 3),
    "L(8,3)": lambda: census.lens_space(8, 3),
}


@pytest.mark.parametrize("name", sorted(MANIFOLDS))
@pytest.mark.parametrize("r", [3, 4, 5, 6, 7])
def test_exact_values_equal_reginas(name, r):
    tri = MANIFOLDS[name]()
    ours = turaev_viro(tri, r)
    theirs = regina.Triangulation3.fromIsoSig(tri.isosig()).turaevViro(r)
    assert coefficients(ours) == regina_coefficients(theirs)


@pytest.mark.parametrize("r", [5, 7, 9])
def test_order_r_variant_equals_reginas_parity_false(r):
    for tri in (census.poincare_sphere(), census.lens_space(7, 2), census.weeks()):
        ours = turaev_viro(tri, r, order=r)
        theirs = regina.Triangulation3.fromIsoSig(tri.isosig()).turaevViro(r, False)
        assert coefficients(ours) == regina_coefficients(theirs)


def test_weeks_r7_equals_regina():
    tri = census.weeks()
    ours = turaev_viro(tri, 7)
    assert coefficients(ours) == regina_coefficients(regina.Triangulation3.fromIsoSig(tri.isosig()).turaevViro(7))


@pytest.mark.parametrize("r", range(3, 17))
def test_normalisation_s3_and_s2xs1(r):
    d2 = total_dimension_squared(r)
    assert turaev_viro(census.three_sphere(), r) == d2.inverse()
    assert turaev_viro(census.s2xs1(), r) == 1
    # D^2 = r / (2 sin^2(pi / r)) in the principal embedding
    assert abs(float(d2.to_mpmath().real) - r / (2 * math.sin(math.pi / r) ** 2)) < 1e-9
    if r % 2:
        d2i = total_dimension_squared(r, integer_spins=True)
        assert turaev_viro(census.three_sphere(), r, integer_spins=True) == d2i.inverse()
        assert turaev_viro(census.s2xs1(), r, integer_spins=True) == 1


@pytest.mark.parametrize("r", [5, 7, 9, 11])
def test_odd_r_splitting(r):
    """For odd r, the all-spin invariant at a primitive r-th root of unity is the SO(3)
    (integer-spin) invariant times TV_3 at a primitive cube root of unity (a rational).
    L(6,1) shows that the factor must be taken at order 3: there TV_3 = 0 at
    q = exp(i pi / 3) but 1 at q = exp(2 pi i / 3)."""
    for tri in (census.poincare_sphere(), census.lens_space(8, 3), census.lens_space(6, 1)):
        tv3 = turaev_viro(tri, 3, order=3).to_fraction()
        assert turaev_viro(tri, r, order=r) == turaev_viro(tri, r, integer_spins=True) * tv3
    assert turaev_viro(census.lens_space(6, 1), 3) == 0 and turaev_viro(census.lens_space(6, 1), 3, order=3) == 1


@pytest.mark.parametrize("r", [5, 6, 7, 8])
def test_numeric_sweep_matches_every_galois_conjugate(r):
    tri = census.poincare_sphere()
    exact = turaev_viro(tri, r)
    for k in range(1, 2 * r):
        if math.gcd(k, 2 * r) != 1:
            continue
        numeric = turaev_viro_numeric(tri, r, root=k)
        conj = exact.galois(k).to_mpmath(80)
        assert abs(conj.imag) < mpmath.mpf(10) ** -60
        assert abs(float(conj.real) - numeric) < 1e-9 * max(1.0, abs(numeric))


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), r=st.integers(3, 7), name=st.sampled_from(["s2xs1", "poincare", "L(7,3)"]))
def test_pachner_invariance(seed, r, name):
    tri = MANIFOLDS[name]()
    moved = tri.random_moves(6, seed=seed)
    assert turaev_viro(moved, r) == turaev_viro(tri, r)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000), r=st.integers(3, 6))
def test_gluing_two_halves(seed, r):
    tri = census.poincare_sphere().random_moves(4, seed=seed)
    rng = random.Random(seed)
    part = rng.sample(range(tri.size), rng.randint(1, tri.size - 1))
    glued, va, vb = glue_regions(tri, part, r)
    assert glued == turaev_viro(tri, r)
    assert len(va) > 0 and len(vb) > 0


def test_gluing_detects_a_wrong_measure(monkeypatch):
    from tqft.tqft_models import cobordism3d

    tri = census.poincare_sphere()
    right, _, _ = glue_regions(tri, [0, 1], 5)
    original = cobordism3d._Local.theta
    monkeypatch.setattr(cobordism3d._Local, "theta", lambda self, a, b, c: original(self, a, b, c) * 2)
    cobordism3d._LOCAL_CACHE.clear()
    wrong, _, _ = glue_regions(tri, [0, 1], 5)
    cobordism3d._LOCAL_CACHE.clear()
    assert right == turaev_viro(tri, 5) and wrong != right


def test_state_vector_of_whole_closed_manifold_is_the_invariant():
    tri = census.lens_space(7, 2)
    region = Region.of(tri)
    assert region.boundary_triangles == () and region.boundary_edges == ()
    vec = state_vector(region, 6)
    assert vec.values == (turaev_viro(tri, 6),)


def _kl_tet(r, cols):
    """Kauffman-Lins Tet at q = exp(i pi / r) from tqft.recoupling (an independent formula),
    lifted with our value into one field so they compare exactly."""
    from tqft.algebra.modular import modular_data
    from tqft.exact.qcontexts import root_of_unity
    from tqft.recoupling import kauffman_lins as kl

    e01, e02, e03, e12, e13, e23 = cols
    value = kl.tet(root_of_unity(r), e02, e03, e01, e13, e12, e23)
    return modular_data(r - 2).lift(value)


@pytest.mark.parametrize("r", [4, 5, 6])
def test_ball_state_vector_is_the_tetrahedral_symbol(r):
    """One tetrahedron with no gluings is a 3-ball; its vector is Tet on every admissible
    boundary colouring (no interior cells), compared with kauffman_lins.tet."""
    from tqft.algebra.modular import modular_data

    ball = Triangulation(1, [])
    assert not ball.is_closed()
    vec = state_vector(Region.of(ball), r)
    assert len(vec) > 10
    md = modular_data(r - 2)
    edges = ball.tet_edges(0)
    for colouring, value in vec.as_dict().items():
        cols = [colouring[vec.edges.index(e)] for e in edges]
        assert md.lift(value) == _kl_tet(r, cols)


def test_cobordism_between_two_balls_is_an_outer_product():
    r = 5
    two = Triangulation(2, [])
    inc = list(two.tet_triangles(0))
    cob = Cobordism3D(two, inc, r)
    rows, cols, table = cob.matrix()
    one = state_vector(Region.of(Triangulation(1, [])), r).as_dict()
    assert len(rows) == len(cols) == len(one)
    # edges of each ball in its own order
    out_perm = [cob.out_edges.index(e) for e in two.tet_edges(1)]
    in_perm = [cob.in_edges.index(e) for e in two.tet_edges(0)]
    ball_edges = Triangulation(1, []).tet_edges(0)
    for i, rk in enumerate(rows):
        for j, ck in enumerate(cols):
            a = one[tuple(rk[out_perm[ball_edges.index(e)]] for e in sorted(ball_edges))]
            b = one[tuple(ck[in_perm[ball_edges.index(e)]] for e in sorted(ball_edges))]
            assert table[i][j] == a * b


def test_cobordism_refuses_split_through_an_edge():
    ball = Triangulation(1, [])
    with pytest.raises(InvalidArgumentError, match="both the incoming and outgoing"):
        Cobordism3D(ball, [ball.tet_triangles(0)[0]], 5)
    with pytest.raises(InvalidArgumentError, match="not boundary triangles"):
        Cobordism3D(census.poincare_sphere(), [0], 5)


def test_errors_name_the_argument():
    tri = census.three_sphere()
    with pytest.raises(InvalidArgumentError, match="r = 2"):
        turaev_viro(tri, 2)
    with pytest.raises(InvalidArgumentError, match="integer_spins"):
        turaev_viro(tri, 6, integer_spins=True)
    with pytest.raises(InvalidArgumentError, match="order"):
        TVSpec(6, order=6)
    with pytest.raises(InvalidArgumentError, match="root"):
        turaev_viro_numeric(tri, 6, root=2)
    with pytest.raises(InvalidArgumentError, match="part"):
        glue_regions(census.poincare_sphere(), [], 5)


def test_bounded_triangulation_is_refused_by_the_closed_invariant():
    bounded = Triangulation(2, [g for g in census.lens_space(7, 2).gluings()][:-1])
    assert bounded.has_boundary()
    with pytest.raises(InvalidTriangulationError, match="not closed"):
        turaev_viro(bounded, 5)


def test_huge_sums_fail_fast():
    tri = census.weeks()
    old = state_sum.MAX_TABLE_ENTRIES
    try:
        state_sum.MAX_TABLE_ENTRIES = 1000
        with pytest.raises(CostLimitError, match="MAX_TABLE_ENTRIES"):
            state_sum.sweep(*_weeks_tables(tri, 12), max_entries=1000)
    finally:
        state_sum.MAX_TABLE_ENTRIES = old


def _weeks_tables(tri, r):
    from tqft.tqft_models import modular_lanes as ml
    from tqft.tqft_models.turaev_viro import _Ring, _tables, closed_cells

    spec = TVSpec(r)
    lanes = ml.LaneSet(spec.order, tuple(ml.lane_primes(spec.order, 3)))
    tables = _tables(spec, _Ring(lanes.moduli), lanes.q)
    cells = closed_cells(tri)
    return cells, tables, state_sum.plan(cells, tables.colours.size)


# --- Ponzano-Regge -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["L(5,2)", "L(7,3)", "s2xs1"])
@pytest.mark.parametrize("cutoff", [Fraction(1, 2), 1, Fraction(3, 2)])
def test_ponzano_regge_equals_brute_force_sum(name, cutoff):
    """The sweep at q = 1 with a cutoff equals a direct sum over every colouring."""
    tri = MANIFOLDS[name]()
    twice = int(2 * cutoff)
    assert ponzano_regge(tri, cutoff, gauge="vertex") == _brute_force_pr(tri, twice, vertex=True)
    if tri.count_vertices() == 1:  # the maximal tree is empty: the gauges differ by D_L^2
        d2 = sum(Fraction((a + 1) ** 2) for a in range(twice + 1))
        assert ponzano_regge(tri, cutoff, gauge="tree") == ponzano_regge(tri, cutoff, gauge="vertex") * d2


def _brute_force_pr(tri, twice_cutoff, vertex, fixed=None):
    """Direct sum over all colourings with tqft.recoupling's Kauffman-Lins formulas at q = 1."""
    import itertools

    from tqft.exact.context import CLASSICAL
    from tqft.recoupling import kauffman_lins as kl
    from tqft.spins import admissible

    E = tri.count_edges()
    total = Fraction(0)
    for cols in itertools.product(range(twice_cutoff + 1), repeat=E):
        if fixed and any(cols[e] != c for e, c in fixed.items()):
            continue
        ok = all(admissible(*(cols[e] for e in tri.triangle_edges(f))) for f in range(tri.count_triangles()))
        if not ok:
            continue
        w = Fraction(1)
        for e in range(E):
            w *= (-1) ** cols[e] * (cols[e] + 1)
        for f in range(tri.count_triangles()):
            a, b, c = (cols[e] for e in tri.triangle_edges(f))
            w /= kl.theta(CLASSICAL, a, b, c)
        for t in range(tri.size):
            e01, e02, e03, e12, e13, e23 = (cols[e] for e in tri.tet_edges(t))
            w *= kl.tet(CLASSICAL, e02, e03, e01, e13, e12, e23)
        total += w
    if vertex:
        d2 = sum(Fraction((a + 1) ** 2) for a in range(twice_cutoff + 1))
        total /= d2 ** tri.count_vertices()
    return total


def test_ponzano_regge_tree_gauge_on_a_multi_vertex_triangulation():
    tri = census.lens_space(5, 2).pachner_1_4(0)  # two vertices
    tree = maximal_tree(tri)
    assert tri.count_vertices() == 2 and len(tree) == 1
    # fixing the tree edge to 0 and dropping the vertex factors, against the brute force
    # sum restricted to that edge colour
    value = ponzano_regge(tri, 1, gauge="tree")
    assert value == _brute_force_pr(tri, 2, vertex=False, fixed={tree[0]: 0})
    fit = growth(census.s2xs1(), [1, 2, 4, 8])
    assert fit["alpha"] > 1  # S^2 x S^1 diverges with the cutoff


def test_ponzano_regge_rejects_bad_cutoff():
    with pytest.raises(InvalidArgumentError, match="cutoff"):
        ponzano_regge(census.three_sphere(), -1)
    with pytest.raises(InvalidArgumentError, match="gauge"):
        ponzano_regge(census.three_sphere(), 1, gauge="axial")


# --- batch and command line ----------------------------------------------------------------------


def test_batch_over_an_executor_keeps_input_order():
    import concurrent.futures as cf

    from tqft.tqft_models.batch import turaev_viro_batch

    tris = [census.poincare_sphere(), census.lens_space(7, 2).isosig(), census.s2xs1()]
    with cf.ThreadPoolExecutor(max_workers=2) as pool:
        result = turaev_viro_batch(tris, 5, executor=pool, progress=False)
    assert not result.interrupted
    assert result.values == [turaev_viro(census.poincare_sphere(), 5), turaev_viro(census.lens_space(7, 2), 5), 1]
    assert [s for s, _ in result] == [
        census.poincare_sphere().isosig(),
        census.lens_space(7, 2).isosig(),
        census.s2xs1().isosig(),
    ]


def test_batch_default_process_pool_and_bad_signature():
    from tqft.tqft_models.batch import turaev_viro_batch

    result = turaev_viro_batch(["fvPQcdecedekrsnrs", "cMcabbjaj"], 4, progress=False)
    assert result.values == [turaev_viro(census.poincare_sphere(), 4), 1]
    with pytest.raises(InvalidTriangulationError):
        turaev_viro_batch(["fvPQcdecedekrsnrs", "not a signature!"], 4, progress=False)
    with pytest.raises(InvalidArgumentError, match="r = 2"):
        turaev_viro_batch(["fvPQcdecedekrsnrs"], 2, progress=False)


def test_cli_tv_and_ponzano_regge(capsys):
    import json

    from tqft.cli import main

    assert main(["tv", "fvPQcdecedekrsnrs", "--r", "5"]) == 0
    assert capsys.readouterr().out.strip() == str(turaev_viro(census.poincare_sphere(), 5))
    assert main(["tv", "poincare", "--r", "12", "--digits", "25"]) == 0
    assert capsys.readouterr().out.strip() == turaev_viro(census.poincare_sphere(), 12).decimal(25)
    assert main(["tv", "lens:7,2", "--r", "7", "--integer-spins", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["order"] == 7 and payload["exact"] == str(
        turaev_viro(census.lens_space(7, 2), 7, integer_spins=True)
    )
    assert main(["tv", "s3", "s2xs1", "--r", "4", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "s3: 1/4" in out and "s2xs1: 1" in out
    assert main(["tv", "poincare", "--r", "7", "--numeric"]) == 0
    assert abs(float(capsys.readouterr().out) - float(turaev_viro(census.poincare_sphere(), 7).decimal(20))) < 1e-9
    assert main(["ponzano-regge", "lens:5,2", "--cutoff", "1", "--gauge", "vertex"]) == 0
    assert capsys.readouterr().out.strip() == str(ponzano_regge(census.lens_space(5, 2), 1, gauge="vertex"))
    assert main(["ponzano-regge", "s2xs1", "--growth", "1,2,4"]) == 0
    assert "alpha" in capsys.readouterr().out
    assert main(["tv", "lens:7", "--r", "5"]) == 2
    assert "lens:P,Q" in capsys.readouterr().err
    assert main(["tv", "s3", "--r", "2"]) == 2
    assert "r = 2" in capsys.readouterr().err
