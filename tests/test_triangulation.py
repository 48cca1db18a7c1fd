"""Triangulated 3-manifolds, checked against Regina (the independent system) and against
closed forms: H_1(L(p, q)) = Z_p, Euler characteristics, f-vector changes of Pachner moves."""

from __future__ import annotations

import argparse
import copy
import itertools
import json
import pickle
import random
import time
from math import gcd

import pytest
import regina
from hypothesis import given, settings
from hypothesis import strategies as st

from tqft.errors import InvalidArgumentError, InvalidTriangulationError
from tqft.topology import cli_triangulation
from tqft.topology.census import (
    CENSUS,
    layered_solid_torus,
    lens_space,
    lookup,
    poincare_sphere,
    s2xs1,
    three_sphere,
    weeks,
)
from tqft.topology.isosig import ALPHABET, PERMS, decode_isosig
from tqft.topology.triangulation import AbelianGroup, Move, Triangulation, _abelian_quotient, from_isosig

E3 = regina.Example3
EXAMPLES = {
    name: getattr(E3, name)
    for name in (
        "threeSphere",
        "s2xs1",
        "poincare",
        "weeks",
        "figureEight",
        "whitehead",
        "gieseking",
        "rp2xs1",
        "rp3rp3",
        "trefoil",
        "whiteheadLink",
        "ball",
        "ballBundle",
        "twistedBallBundle",
        "solidKleinBottle",
        "sphereBundle",
        "twistedSphereBundle",
        "smallClosedOrblHyperbolic",
        "smallClosedNonOrblHyperbolic",
        "weberSeifert",
        "bingsHouse",
        "cuspedGenusTwoTorus",
        "idealGenusTwoHandlebody",
        "simplicialSphere",
        "sphere",
        "threeTorus",
        "b5",
    )
}
EXAMPLES.update({f"lens({p},{q})": (lambda p=p, q=q: E3.lens(p, q)) for p, q in [(2, 1), (3, 1), (7, 2), (13, 5)]})
EXAMPLES.update({f"lst({a},{b})": (lambda a=a, b=b: E3.lst(a, b)) for a, b in [(1, 2), (1, 1), (3, 5)]})


def random_table(rng: random.Random, n: int, boundary: float) -> Triangulation:
    """Random face pairing and gluing permutations: usually not a manifold."""
    faces = [(t, f) for t in range(n) for f in range(4)]
    rng.shuffle(faces)
    gluings = []
    while len(faces) >= 2:
        t, f = faces.pop()
        if rng.random() < boundary:
            continue
        t2, f2 = faces.pop()
        gluings.append((t, f, t2, rng.choice([p for p in PERMS if p[f] == f2])))
    return Triangulation(n, gluings)


def invariants_agree(t: Triangulation, r) -> None:
    """Every count, predicate, numbering and invariant of t equals Regina's for r."""
    assert t.isosig() == r.isoSig()
    assert t.f_vector() == (r.countVertices(), r.countEdges(), r.countTriangles(), r.size())
    assert t.is_valid() == r.isValid()
    assert t.is_orientable() == r.isOrientable()
    assert t.is_connected() == r.isConnected()
    assert t.is_ideal() == r.isIdeal()
    assert t.has_boundary() == r.hasBoundaryTriangles()
    assert t.euler_characteristic() == r.eulerCharTri()
    # Regina's isClosed() ignores edges identified with themselves in reverse; ours needs validity
    assert t.is_closed() == (r.isClosed() and r.isValid())
    for i, tet in enumerate(r.tetrahedra()):
        assert t.tet_vertices(i) == tuple(tet.vertex(j).index() for j in range(4))
        assert t.tet_edges(i) == tuple(tet.edge(j).index() for j in range(6))
        assert t.tet_triangles(i) == tuple(tet.triangle(j).index() for j in range(4))
    for e in r.edges():
        assert t.edge_degree(e.index()) == e.degree()
        assert t.is_edge_valid(e.index()) == e.isValid()
    for v in r.vertices():
        assert t.vertex_link(v.index()).triangles == v.degree()
    if r.isValid():
        h = str(r.homology())
        assert str(t.homology()) == h
        assert str(t.homology("dual")) == h
        assert t.euler_characteristic_manifold() == r.eulerCharManifold()
        for v in r.vertices():
            link, mine = v.buildLink(), t.vertex_link(v.index())
            assert (mine.euler_characteristic, mine.orientable, mine.has_boundary) == (
                link.eulerCharTri(),
                link.isOrientable(),
                link.hasBoundaryEdges(),
            )
    ours = sorted(
        (b.euler_characteristic, b.orientable, len(b.triangles), len(b.edges), len(b.vertices))
        for b in t.boundary_components()
    )
    theirs = sorted(
        (b.eulerChar(), b.isOrientable(), b.countTriangles(), b.countEdges(), b.countVertices())
        for b in r.boundaryComponents()
        if b.countTriangles()
    )
    assert ours == theirs


# --- construction ------------------------------------------------------------------------


def test_construction_validates_every_argument():
    with pytest.raises(InvalidTriangulationError, match="size = -1"):
        Triangulation(-1, [])
    with pytest.raises(InvalidTriangulationError, match=r"tet2 = 2 is out of range \(tetrahedron 0..1\)"):
        Triangulation(2, [(0, 0, 2, (0, 1, 2, 3))])
    with pytest.raises(InvalidTriangulationError, match="face = 4"):
        Triangulation(1, [(0, 4, 0, (0, 1, 2, 3))])
    with pytest.raises(InvalidTriangulationError, match=r"perm = \(0, 1, 1, 3\) is not a permutation"):
        Triangulation(2, [(0, 0, 1, (0, 1, 1, 3))])
    with pytest.raises(InvalidTriangulationError, match="must be a permutation of"):
        Triangulation(2, [(0, 0, 1, (0, 1, 2))])
    with pytest.raises(InvalidTriangulationError, match="to itself"):
        Triangulation(1, [(0, 2, 0, (1, 0, 2, 3))])
    with pytest.raises(InvalidTriangulationError, match="glued twice"):
        Triangulation(3, [(0, 0, 1, (0, 1, 2, 3)), (0, 0, 2, (0, 1, 2, 3))])
    with pytest.raises(InvalidTriangulationError, match="glued twice"):  # the reverse side, inconsistently
        Triangulation(2, [(0, 0, 1, (0, 1, 2, 3)), (1, 0, 0, (0, 2, 1, 3))])
    with pytest.raises(InvalidTriangulationError, match="must be a tuple"):
        Triangulation(2, [(0, 0, 1)])
    with pytest.raises(InvalidTriangulationError, match="must be an iterable"):
        Triangulation(2, 5)  # type: ignore[arg-type]
    # both sides, consistently, and an exact repeat are accepted
    once = Triangulation(2, [(0, 0, 1, (1, 0, 2, 3))])
    twice = Triangulation(2, [(0, 0, 1, (1, 0, 2, 3)), (1, 1, 0, (1, 0, 2, 3)), (0, 0, 1, [1, 0, 2, 3])])
    assert once == twice and hash(once) == hash(twice)
    assert once.adjacent(1, 1) == (0, (1, 0, 2, 3)) and once.adjacent(0, 1) is None
    assert once.gluings() == ((0, 0, 1, (1, 0, 2, 3)),)


def test_immutable_hashable_and_equality_is_by_table():
    t = poincare_sphere()
    with pytest.raises(AttributeError):
        t.size = 3  # type: ignore[misc]
    u = t.random_relabel(1)
    assert u != t and u.is_isomorphic(t) and len({t, u, from_isosig(t.isosig())}) >= 2
    assert Triangulation(t.size, t.gluings()) == t
    assert eval(repr(t), {"Triangulation": Triangulation}) == t
    assert not t.is_isomorphic(weeks())
    assert pickle.loads(pickle.dumps(t)) == t and copy.deepcopy(t) == t
    assert "fvPQcdecedekrsnrs" in str(t)


# --- comparison with Regina ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_examples_agree_with_regina(name):
    r = EXAMPLES[name]()
    t = Triangulation.from_regina(r)
    invariants_agree(t, r)
    assert Triangulation.from_regina(t.to_regina()) == t
    assert from_isosig(r.isoSig()).isosig() == r.isoSig()


@given(st.sampled_from(sorted(EXAMPLES)), st.integers(0, 10**6))
@settings(max_examples=40)
def test_isosig_is_invariant_under_random_relabelling(name, seed):
    r = EXAMPLES[name]()
    t = Triangulation.from_regina(r).random_relabel(seed)
    assert t.isosig() == r.isoSig()
    assert t.to_regina().isoSig() == r.isoSig()  # the relabelled table is the same triangulation


@given(st.integers(1, 6), st.sampled_from([0.0, 0.1, 0.3]), st.integers(0, 10**6))
@settings(max_examples=150)
def test_random_gluing_tables_agree_with_regina(n, boundary, seed):
    t = random_table(random.Random(seed), n, boundary)
    invariants_agree(t, t.to_regina())


def test_disconnected_triangulations_sort_component_signatures():
    parts = [poincare_sphere(), layered_solid_torus(2, 3), three_sphere(), Triangulation(1)]
    gluings, offset = [], 0
    for p in parts:
        gluings += [(a + offset, f, b + offset, perm) for a, f, b, perm in p.gluings()]
        offset += p.size
    t = Triangulation(offset, gluings).random_relabel(7)
    r = regina.Triangulation3()
    for p in parts:
        r.insertTriangulation(p.to_regina())
    assert t.isosig() == r.isoSig() == "".join(sorted(p.isosig() for p in parts))
    assert not t.is_connected() and len(t.components()) == 4
    assert Triangulation(0).isosig() == "a" and Triangulation(1).isosig() == "baa"
    invariants_agree(t, t.to_regina())


def test_large_signatures_use_the_multi_character_header():
    r = E3.lens(70, 1)  # 67 tetrahedra: the header is '-', a width, then the size
    t = Triangulation.from_regina(r).random_relabel(3)
    assert t.size >= 63 and t.isosig() == r.isoSig() and t.isosig()[0] == "-"
    assert from_isosig(t.isosig()).is_isomorphic(t)


def test_isosig_of_fifty_tetrahedra_is_fast():
    t = weeks()
    rng = random.Random(0)
    while t.size < 50:
        moves = [m for m in t.legal_moves() if m.kind in ("2-3", "1-4")]
        t = t.apply_move(rng.choice(moves))
    t = t.random_relabel(1)
    fresh = Triangulation(t.size, t.gluings())  # no cached signature
    start = time.perf_counter()
    sig = fresh.isosig()
    assert time.perf_counter() - start < 0.1
    assert sig == t.to_regina().isoSig()


# --- reading signatures ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sig", "message"),
    [
        ("b", "ends at position 1 where facet actions was expected"),
        ("bkaag", "ends at position 5 where a gluing permutation was expected"),
        ("bk*agj", r"character '\*' at position 2 is not in the signature alphabet"),
        ("bvaa", "position 1 has extraneous facet actions"),
        ("bDaa", "encodes facet action 3"),
        ("bbaa", "the facet action at position 1 joins a new tetrahedron but all 1 are in use"),
        ("cgaba", "join destination 1 at position 3 is not a tetrahedron built so far"),
        ("bkaaga", "glues face 2 of tetrahedron 0 to itself"),
        ("bkaa9j", "gluing permutation 61, not below 24"),
    ],
)
def test_malformed_signatures_name_the_position(sig, message):
    with pytest.raises(InvalidTriangulationError, match=message):
        from_isosig(sig)
    with pytest.raises(regina.InvalidArgument):
        regina.Triangulation3.fromIsoSig(sig)


def regina_reads(sig):
    try:
        return regina.Triangulation3.fromIsoSig(sig)
    except (regina.InvalidArgument, MemoryError):  # '-' headers can ask Regina for 10^9 tetrahedra
        return None


def test_signature_type_errors():
    with pytest.raises(InvalidTriangulationError, match="must be a str"):
        from_isosig(5)  # type: ignore[arg-type]
    assert decode_isosig("") == (0, []) and decode_isosig("caaa") == (2, [])  # as Regina reads them


@given(st.lists(st.sampled_from(ALPHABET[:12] + "kvBjgqw+-"), min_size=1, max_size=12))
@settings(max_examples=300)
def test_reading_accepts_exactly_what_regina_accepts(chars):
    sig = "".join(chars)
    try:
        ours = from_isosig(sig)
    except InvalidTriangulationError:
        ours = None
    theirs = regina_reads(sig)
    assert (ours is None) == (theirs is None), sig
    if ours is not None:
        assert ours.isosig() == theirs.isoSig()
        assert ours == Triangulation.from_regina(theirs)  # same labelling, not just isomorphic


# --- skeleton ------------------------------------------------------------------------------


@pytest.mark.parametrize("t", [weeks(), layered_solid_torus(3, 5), from_isosig(CENSUS["whitehead"])], ids=str)
def test_skeleton_is_consistent(t):
    v, e, f, n = t.f_vector()
    assert sum(len(t.vertex_embeddings(i)) for i in range(v)) == 4 * n
    assert sum(t.edge_degree(i) for i in range(e)) == 6 * n
    assert sum(len(t.triangle_embeddings(i)) for i in range(f)) == 4 * n
    assert len(t.boundary_triangles()) == sum(len(t.triangle_embeddings(i)) == 1 for i in range(f))
    for tet in range(n):
        verts, edges, orient = t.tet_vertices(tet), t.tet_edges(tet), t.tet_edge_orientations(tet)
        for k, (a, b) in enumerate([(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]):
            assert (tet, k) in t.edge_embeddings(edges[k])
            ends = (verts[a], verts[b]) if orient[k] > 0 else (verts[b], verts[a])
            assert ends == t.edge_vertices(edges[k])
        for face, tri in enumerate(t.tet_triangles(tet)):
            assert (tet, face) in t.triangle_embeddings(tri)
    for i in range(f):
        tet, face = t.triangle_embeddings(i)[0]
        local = [x for x in range(4) if x != face]
        index = {(0, 1): 0, (0, 2): 1, (0, 3): 2, (1, 2): 3, (1, 3): 4, (2, 3): 5}
        pairs = [(local[1], local[2]), (local[0], local[2]), (local[0], local[1])]
        assert t.triangle_edges(i) == tuple(t.tet_edges(tet)[index[p]] for p in pairs)
        assert t.triangle_vertices(i) == tuple(t.tet_vertices(tet)[x] for x in local)
    for i in range(e):  # consecutive embeddings around an edge share a glued face
        emb = t.edge_embeddings(i)
        closed = i not in t.boundary_edges()
        for (t1, _), (t2, _) in zip(emb, emb[1:] + (emb[:1] if closed else ())):
            assert any(t.adjacent(t1, g) is not None and t.adjacent(t1, g)[0] == t2 for g in range(4))
    g = t.dual_graph()
    assert g.number_of_nodes() == n and g.number_of_edges() == len(t.gluings())
    assert sum(d for _, d in g.degree()) == 4 * n - len(t.boundary_triangles())


def test_boundary_components_and_vertex_links():
    solid = layered_solid_torus(2, 3)
    (bc,) = solid.boundary_components()
    assert (bc.euler_characteristic, bc.orientable, bc.genus, len(bc.triangles)) == (0, True, 1, 2)
    assert set(bc.edges) == set(solid.boundary_edges()) and set(bc.vertices) == set(solid.boundary_vertices())
    (kb,) = Triangulation.from_regina(E3.twistedBallBundle()).boundary_components()
    assert (kb.euler_characteristic, kb.orientable, kb.genus) == (0, False, 2)
    ball = Triangulation(1)
    assert [b.euler_characteristic for b in ball.boundary_components()] == [2]
    assert ball.vertex_link(0).name == "disc" and ball.is_valid() and not ball.is_closed()
    assert from_isosig(CENSUS["figure8"]).vertex_link(0).name == "torus"
    gieseking = from_isosig("bkaaid")
    assert gieseking.vertex_link(0).name == "Klein bottle" and gieseking.is_ideal()
    assert poincare_sphere().vertex_link(0).is_sphere
    with pytest.raises(InvalidTriangulationError, match=r"vertex = 1 is out of range \(vertex 0..0\)"):
        poincare_sphere().vertex_link(1)


def test_invalid_triangulations_say_why_and_have_no_homology():
    t = from_isosig("bkaahh")  # one tetrahedron with an edge glued to itself in reverse
    assert not t.is_valid() and "identified with itself in reverse" in t.invalid_reason()
    assert not t.to_regina().isValid()
    with pytest.raises(InvalidTriangulationError, match="homology needs a valid triangulation, but edge"):
        t.homology()
    with pytest.raises(InvalidTriangulationError, match="method = 'smith'"):
        poincare_sphere().homology("smith")


def test_orientation():
    t = from_isosig(CENSUS["weeks"]).random_relabel(5)
    assert t.is_orientable() and not t.is_oriented()
    o = t.orient()
    assert o.is_oriented() and o.is_isomorphic(t) and o.to_regina().isOriented()
    with pytest.raises(InvalidTriangulationError, match="not orientable"):
        from_isosig("dLQbcccajqs").orient()


# --- homology -----------------------------------------------------------------------------


@given(st.integers(0, 4), st.lists(st.integers(1, 40), max_size=5))
def test_abelian_group_prints_like_regina(rank, torsion):
    ours = AbelianGroup(rank, tuple(torsion))
    theirs = regina.AbelianGroup()
    theirs.addRank(rank)
    for d in torsion:
        if d > 1:
            theirs.addTorsion(d)
    assert str(ours) == str(theirs)
    assert ours == AbelianGroup(rank, tuple(reversed(torsion)))


def test_abelian_group_format_and_errors():
    assert [str(AbelianGroup(r, t)) for r, t in [(0, ()), (1, ()), (2, ()), (0, (5,)), (1, (2,))]] == [
        "0",
        "Z",
        "2 Z",
        "Z_5",
        "Z + Z_2",
    ]
    assert str(AbelianGroup(2, (2, 4))) == "2 Z + Z_2 + Z_4" and AbelianGroup(0, (2, 2)).torsion == (2, 2)
    assert AbelianGroup(0, (4, 6)).torsion == (2, 12) and AbelianGroup(0, (4, 6)).order == 24
    assert AbelianGroup(1).order is None and AbelianGroup(0, (1, 1)).is_trivial()
    assert AbelianGroup(1, (2,))._repr_latex_() == r"$\mathbb{Z} \oplus \mathbb{Z}_{2}$"
    assert AbelianGroup(1, (2,)) == AbelianGroup(__import__("sympy").Integer(1), (__import__("numpy").int64(2),))
    for bad in [(-1, ()), (1, (0,)), (0, (-3,)), (1.5, ()), (True, ()), (1, (2.0,))]:
        with pytest.raises(InvalidArgumentError):
            AbelianGroup(*bad)  # type: ignore[arg-type]


@given(st.integers(1, 5), st.integers(1, 6), st.integers(0, 10**6))
@settings(max_examples=80)
def test_integer_elimination_matches_sympy_smith_normal_form(rows, cols, seed):
    from sympy import ZZ, Matrix
    from sympy.matrices.normalforms import smith_normal_form

    rng = random.Random(seed)
    m = [[rng.choice([0, 0, 1, -1, 2, 3, -4, 6]) for _ in range(cols)] for _ in range(rows)]
    snf = smith_normal_form(Matrix(m), domain=ZZ)
    diag = [abs(snf[i, i]) for i in range(min(rows, cols)) if snf[i, i] != 0]
    expected = AbelianGroup(cols - len(diag), tuple(d for d in diag if d != 1))
    got = _abelian_quotient(cols, [{j: v for j, v in enumerate(r) if v} for r in m])
    assert got == expected


# --- Pachner moves -------------------------------------------------------------------------

DELTA = {"2-3": (0, 1, 2, 1), "3-2": (0, -1, -2, -1), "1-4": (1, 4, 6, 3), "4-1": (-1, -4, -6, -3)}


def _regina_face(r, kind, i):
    return {"2-3": r.triangle, "3-2": r.edge, "1-4": r.tetrahedron, "4-1": r.vertex}[kind](i)


def moves_agree_with_regina(t: Triangulation) -> int:
    r = t.to_regina()
    legal = set(t.legal_moves())
    done = 0
    for kind, count in (
        ("2-3", r.countTriangles()),
        ("3-2", r.countEdges()),
        ("1-4", r.size()),
        ("4-1", r.countVertices()),
    ):
        for i in range(count):
            ok = r.hasPachner(_regina_face(r, kind, i))
            assert ok == (Move(kind, i) in legal), (kind, i)
            if not ok:
                with pytest.raises(InvalidTriangulationError, match=f"the {kind} move on .* is illegal"):
                    t.apply_move((kind, i))
                continue
            after = t.apply_move(Move(kind, i))
            r2 = regina.Triangulation3(r)
            r2.pachner(_regina_face(r2, kind, i))
            assert after.isosig() == r2.isoSig()
            assert tuple(a - b for a, b in zip(after.f_vector(), t.f_vector())) == DELTA[kind]
            assert after.is_oriented() or not t.is_oriented()
            assert Triangulation(after.size, after.gluings()) == after
            done += 1
    return done


@pytest.mark.parametrize("name", ["poincare", "figureEight", "lst(3,5)", "rp2xs1", "gieseking", "whitehead"])
def test_pachner_moves_agree_with_regina(name):
    t = Triangulation.from_regina(EXAMPLES[name]())
    assert moves_agree_with_regina(t) > 0
    assert moves_agree_with_regina(t.pachner_1_4(0)) > 0  # has a 4-1 move


@given(st.integers(1, 5), st.sampled_from([0.0, 0.2]), st.integers(0, 10**6))
@settings(max_examples=60)
def test_pachner_legality_on_random_tables_agrees_with_regina(n, boundary, seed):
    moves_agree_with_regina(random_table(random.Random(seed), n, boundary))


def test_illegal_moves_explain_themselves():
    t = three_sphere()  # one tetrahedron: both sides of every glued triangle in tetrahedron 0
    with pytest.raises(InvalidTriangulationError, match="both sides lie in tetrahedron 0"):
        t.pachner_2_3(0)
    solid = layered_solid_torus(1, 2)
    with pytest.raises(InvalidTriangulationError, match="it is a boundary triangle"):
        solid.pachner_2_3(solid.boundary_triangles()[0])
    p = poincare_sphere()
    with pytest.raises(InvalidTriangulationError, match=r"has degree .*, not 3"):
        p.pachner_3_2(next(e for e in range(p.count_edges()) if p.edge_degree(e) != 3))
    with pytest.raises(InvalidTriangulationError, match="degree 20, not 4"):
        p.pachner_4_1(0)
    with pytest.raises(InvalidTriangulationError, match="link is a torus, not a sphere"):
        from_isosig(CENSUS["figure8"]).pachner_4_1(0)
    with pytest.raises(InvalidTriangulationError, match="move kind = '5-0'"):
        p.apply_move(("5-0", 0))
    # 2-3 then 3-2 on the new edge (edge 01 of the last new tetrahedron) undoes the move
    f = next(m.face for m in p.legal_moves() if m.kind == "2-3")
    up = p.pachner_2_3(f)
    assert up.pachner_3_2(up.tet_edges(up.size - 1)[0]).is_isomorphic(p)
    # 1-4 then 4-1 on the new vertex (the only vertex of degree 4) undoes the move
    cone = p.pachner_1_4(2)
    (v,) = [m.face for m in cone.legal_moves() if m.kind == "4-1"]
    assert cone.pachner_4_1(v).is_isomorphic(p) and not cone.is_isomorphic(p)


@given(st.sampled_from(sorted(CENSUS)), st.integers(0, 10**4), st.integers(1, 25))
@settings(max_examples=40)
def test_random_moves_preserve_invariants(name, seed, count):
    t = lookup(name)
    u = t.random_moves(count, seed)
    assert u == t.random_moves(count, seed)  # reproducible
    assert str(u.homology()) == str(t.homology()) == str(u.to_regina().homology())
    assert (u.is_valid(), u.is_closed(), u.is_orientable(), u.is_ideal()) == (
        t.is_valid(),
        t.is_closed(),
        t.is_orientable(),
        t.is_ideal(),
    )
    assert u.euler_characteristic() == t.euler_characteristic()
    if t.is_oriented():
        assert u.is_oriented()


def test_random_moves_do_not_grow_without_bound():
    t = lens_space(7, 2)
    sizes = [u.size for u in t._random_walk(300, seed=1)]
    assert max(sizes) < t.size + 25 and len(set(sizes)) > 3
    assert t.random_moves(0) is t
    with pytest.raises(InvalidTriangulationError, match="count = -1"):
        t.random_moves(-1)


# --- built-ins ------------------------------------------------------------------------------


def test_lens_spaces_are_regina_layered_lens_spaces_with_homology_z_p():
    for p in range(1, 26):
        for q in range(p):
            if gcd(p, q) != 1:
                continue
            t = lens_space(p, q)
            assert t.isosig() == E3.lens(p, q).isoSig(), (p, q)
            assert str(t.homology()) == ("0" if p == 1 else f"Z_{p}")
            assert t.is_closed() and t.is_orientable() and t.euler_characteristic() == 0
            assert t.count_vertices() == 1
            assert lens_space(p, -q).isosig() == t.isosig() == lens_space(p, q + 5 * p).isosig()


def test_lens_space_arguments():
    for args, message in [((0, 1), "p = 0 must be at least 1"), ((6, 4), "q = 4 must be coprime to p = 6")]:
        with pytest.raises(InvalidTriangulationError, match=message):
            lens_space(*args)
    with pytest.raises(InvalidTriangulationError, match="must be an int"):
        lens_space(5, 2.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidTriangulationError, match="must be coprime"):
        layered_solid_torus(2, 4)


def test_named_triangulations():
    assert three_sphere().isosig() == E3.threeSphere().isoSig() == CENSUS["s3"]
    assert s2xs1().isosig() == E3.s2xs1().isoSig() == CENSUS["s2xs1"]
    assert str(s2xs1().homology()) == "Z"
    p = poincare_sphere()
    assert p.isosig() == E3.poincare().isoSig() == "fvPQcdecedekrsnrs"
    assert p.size == 5 and str(p.homology()) == "0" and p.is_closed()
    w = weeks()
    assert w.isosig() == E3.weeks().isoSig() == "jLvAMPQadfgghhiiijaqgjqxims"
    assert w.size == 9 and str(w.homology()) == "2 Z_5" and w.is_closed() and w.is_orientable()
    assert from_isosig(CENSUS["figure8"]).isosig() == E3.figureEight().isoSig()
    assert from_isosig(CENSUS["whitehead"]).isosig() == E3.whiteheadLink().isoSig()
    for a in range(1, 12):
        for b in range(1, 12):
            if gcd(a, b) == 1:
                assert layered_solid_torus(a, b).isosig() == E3.lst(a, b).isoSig()
    for name, sig in CENSUS.items():
        assert lookup(name).isosig() == sig
        assert from_isosig(sig).isosig() == sig  # census signatures are canonical
    assert lookup("lens:8,3") == lookup("L(8,3)") == lens_space(8, 3)
    assert lookup(" S3 ").isosig() == "bkaagj" and lookup("cMcabbjak").size == 2
    with pytest.raises(InvalidTriangulationError, match="lens:p,q"):
        lookup("lens:5")
    with pytest.raises(InvalidTriangulationError, match="not in the signature alphabet"):
        lookup("fvPQcdécedekrsnrs")


# --- command line and identities -------------------------------------------------------------


def _cli(argv):
    parser = argparse.ArgumentParser()
    cli_triangulation.add_parser(parser.add_subparsers(dest="command"))
    return cli_triangulation.run(parser.parse_args(argv))


def test_cli_text_and_json(capsys):
    assert _cli(["triangulation", "poincare", "--moves", "5", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "5 tetrahedra, f-vector (1, 6, 10, 5)" in out and "H_1: 0" in out and "isosig: fvPQcdecedekrsnrs" in out
    assert "after 5 random Pachner moves (seed 2)" in out
    assert _cli(["triangulation", "lens:5,2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (
        data["H1"] == "Z_5" and data["isosig"] == "bkaajn" and data["closed"] and data["vertex_links"] == {"sphere": 1}
    )
    assert _cli(["triangulation", "bkaahh"]) == 0
    assert "invalid: edge" in capsys.readouterr().out
    with pytest.raises(InvalidArgumentError, match="--moves = -2"):
        _cli(["triangulation", "s3", "--moves", "-2"])
    with pytest.raises(InvalidTriangulationError):
        _cli(["triangulation", "bk"])


def test_identities_register_and_pass():
    from tqft.identities import triangulation as module
    from tqft.identities.core import get
    from tqft.identities.runner import run_identity_cases

    names = [
        "triangulation_pachner_invariants",
        "triangulation_isosig_relabelling",
        "triangulation_isosig_round_trip",
        "triangulation_homology_cell_vs_dual",
        "lens_space_homology",
    ]
    for name in names:
        identity = get(name)
        cases = list(itertools.islice(identity.cases(), 0, None, 7)) + identity.random_cases(3, seed=1)
        assert len(cases) >= 10
        report = run_identity_cases(name, cases)
        assert report.ok, report.failures
    # the non-Regina manifolds of the catalogue are Regina's examples
    sigs = {name: make().isosig() for name, make in module.MANIFOLDS}
    assert sigs["RP^2 x S^1"] == E3.rp2xs1().isoSig() and sigs["Gieseking manifold"] == E3.gieseking().isoSig()
    assert sigs["S^2 x~ S^1"] == E3.twistedSphereBundle().isoSig()
    # the checks can fail: the invariants separate different manifolds
    assert module._invariants(lens_space(5, 2)) != module._invariants(lens_space(7, 2))
    assert module._invariants(s2xs1()) != module._invariants(three_sphere())
