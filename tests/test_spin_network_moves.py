"""Recoupling moves on spin networks: every move preserves the evaluation exactly (in every
q-context), keeps the network planar and valid, composes as the recoupling theory says
(F twice is the identity, a whole network reduces to a number by moves alone), and every
misuse raises with a message naming the argument.  The registered identities pass and fail
when a coefficient is broken."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from typing import Any

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import from_domain

import tqft.spin_network.moves as moves
from tqft.errors import AdmissibilityError, InvalidArgumentError, TQFTError
from tqft.exact.qcontexts import NumericQContext, parse_context
from tqft.identities import get, run_identity_cases
from tqft.identities import spin_network as sn_identities
from tqft.identities.core import level_context
from tqft.identities.spin_network import (
    BUBBLED_THETA_DOMAIN,
    CUBE_DOMAIN,
    PRISM_DOMAIN,
    absorption_orders,
    bubbled_theta,
    cube,
    prism,
    tetrahedron_with_loops,
)
from tqft.recoupling import kauffman_lins as kl
from tqft.recoupling.wigner import wigner_6j
from tqft.spin_network import Crossing, Intertwiner, SpinNetwork, evaluate_open
from tqft.spin_network.honeycomb import honeycomb
from tqft.spin_network.moves import (
    LinearCombination,
    MoveError,
    f_move,
    find_bubbles,
    find_loops,
    find_triangles,
    reduce_triangle,
    remove_bubble,
    remove_loop,
)

EVALUATE = sys.modules["tqft.spin_network.evaluate"]  # the package re-exports the function under that name

#: q = 1, q = -1 (loop value n + 1), generic q in Kauffman's A, a root of unity, numeric q
CONTEXTS = ["classical", "-1", "A", "root:5", "0.9+0.2j"]


def same(ctx: Any, x: Any, y: Any) -> bool:
    """Exact equality, except in a numeric context (53-bit mpmath numbers)."""
    if isinstance(parse_context(ctx), NumericQContext):
        return bool(abs(x - y) <= mpmath.mpf(10) ** -10 * (1 + abs(x)))
    return bool(x == y)


def networks() -> dict[str, SpinNetwork]:
    """Small planar networks, all admissible at q = e^{i pi/5} too (colours <= 3, sums <= 6)."""
    return {
        "theta": SpinNetwork.theta(1, 2, 1),
        "tetrahedron": SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2),
        "tetrahedron-mixed": SpinNetwork.tetrahedron(1, 1, 2, 1, 1, 0),
        "prism": prism(1, 1, 2, 1, 2, 3, 2, 1, 2),
        "cube": cube(1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1),
        "bubbled-theta": bubbled_theta(1, 1, 2, 2, 1, 1),
        "honeycomb": honeycomb([[1, 1], [1, 1]]),
    }


def _moves_everywhere(net: SpinNetwork, ctx: Any) -> list[tuple[str, LinearCombination]]:
    out = [(f"F {e!r}", f_move(net, e, ctx)) for e in net.edges if len(set(net.ends(e))) == 2]
    out += [(f"bubble {b!r}", remove_bubble(net, *b, context=ctx)) for b in find_bubbles(net)]
    out += [(f"triangle {t!r}", reduce_triangle(net, t, ctx)) for t in find_triangles(net)]
    out += [(f"loop {lp!r}", remove_loop(net, lp, ctx)) for lp in find_loops(net)]
    return out


# --- every move, every place, every context ---------------------------------------------


@pytest.mark.parametrize("ctx", CONTEXTS)
@pytest.mark.parametrize("name", list(networks()))
def test_every_move_preserves_the_value(name, ctx):
    net = networks()[name]
    before = net.evaluate(ctx)
    context = parse_context(ctx)
    done = 0
    for where, combo in _moves_everywhere(net, ctx):
        assert combo.context.name == context.name
        assert same(ctx, combo.evaluate(), before), (name, where)
        for _coef, term in combo:
            assert term.genus() == 0, (name, where)
            term.check(context)
        done += 1
    assert done >= 3


@pytest.mark.parametrize("ctx", CONTEXTS)
def test_f_move_on_edge_with_a_parallel_edge_in_both_orders(ctx):
    """F on edge ``a`` of the bubbled theta turns ``b`` into a self-loop (a tadpole); the
    terms evaluate the same from an order that starts at the tadpole and one that does not."""
    net = bubbled_theta(1, 1, 2, 2, 1, 1)
    combo = f_move(net, "a", ctx)
    assert [t.colour("a") for _, t in combo] == [0, 2]
    assert all(t.ends("b") == ("u", "u") for _, t in combo)
    total = parse_context(ctx).zero
    for coef, term in combo:
        total = total + coef * term.evaluate(ctx, order=["v", "u", "s", "t"])
        assert same(ctx, term.evaluate(ctx, order=["u", "v", "s", "t"]), term.evaluate(ctx, order=["v", "u", "s", "t"]))
    assert same(ctx, total, net.evaluate(ctx))


def test_tadpole_start_piece_regression():
    """Regression: capping the *last two* legs of the frontier (a tadpole absorbed first,
    its self-loop at the end of the rotation) once kept a spurious spine entry and gave 0.
    The value is ``Delta_2`` times the bubbled loop, ``3 * (-3) = -9``, from every order."""
    net = SpinNetwork.from_edges(
        {
            "a": ("u", "v", 0),
            "b": ("u", "u", 2),
            "c": ("v", "s", 2),
            "p": ("s", "t", 2),
            "q": ("s", "t", 2),
            "d": ("t", "v", 2),
        },
        rotation={"v": ["a", "c", "d"], "s": ["p", "c", "q"], "t": ["d", "p", "q"]},
    )
    assert net.evaluate(order=["v", "u", "s", "t"]) == -9
    assert net.evaluate(order=["u", "v", "s", "t"]) == -9


@pytest.mark.parametrize("ctx", ["classical", "-1", "root:7"])
def test_moves_on_a_3x3_honeycomb(ctx):
    net = honeycomb([[1, 2, 1], [1, 1, 1], [2, 1, 1]])
    before = net.evaluate(ctx)
    for e in net.edges[::3]:
        assert same(ctx, f_move(net, e, ctx).evaluate(), before), e


@pytest.mark.parametrize("ctx", ["classical", "A", "root:5"])
@pytest.mark.parametrize("kind", ["comb", "crossing"])
def test_f_move_next_to_a_comb_or_crossing_vertex(kind, ctx):
    """The move leaves the rotation of a 4-valent neighbour untouched, so its comb vector
    or crossing keeps its meaning (a crossing needs A = q^(1/2), hence no q = -1 here)."""
    intertwiner = Intertwiner({(0,): 1, (2,): 3}) if kind == "comb" else Crossing()
    net = SpinNetwork.from_edges(
        {"j": ("u", "v", 2), "a": ("u", "Q", 1), "b": ("u", "Q", 1), "c": ("v", "Q", 1), "d": ("v", "Q", 1)},
        rotation={"u": ["j", "a", "b"], "v": ["j", "c", "d"], "Q": ["a", "d", "c", "b"]},
        intertwiners={"Q": intertwiner},
    )
    assert net.genus() == 0
    combo = f_move(net, "j", ctx)
    assert len(combo) == 2
    for _, term in combo:
        assert term.rotation("Q") == net.rotation("Q") and term.intertwiner("Q") is intertwiner
        assert term.genus() == 0
    assert combo.evaluate() == net.evaluate(ctx)


# --- structure of the F-move ------------------------------------------------------------


def test_f_move_rewires_as_documented():
    net = SpinNetwork.tetrahedron(1, 1, 2, 1, 1, 2)
    u, v = net.ends("e")
    _, x, y = _from(net.rotation(u), ("e", 0))
    _, z, w = _from(net.rotation(v), ("e", 1))
    combo = f_move(net, "e", "A")
    assert [t.colour("e") for _, t in combo] == [0, 2]
    g = parse_context("A")
    for coef, term in combo:
        i = term.colour("e")
        assert term.rotation(u) == (("e", 0), w, x) and term.rotation(v) == (("e", 1), y, z)
        assert term.ends("e") == (u, v)
        cx, cy, cz, cw = (net.colour(d[0]) for d in (x, y, z, w))
        expected = kl.tet(g, cx, cy, i, cz, cw, 2) * kl.loop(g, i) / (kl.theta(g, cx, cw, i) * kl.theta(g, cy, cz, i))
        assert coef == expected
    assert _from(net.rotation(u), ("e", 0)) == [("e", 0), x, y]  # the input is not modified


def _from(rot: tuple[Any, ...], dart: Any) -> list[Any]:
    i = rot.index(dart)
    return list(rot[i:] + rot[:i])


@pytest.mark.parametrize("ctx", ["classical", "A", "root:6"])
@pytest.mark.parametrize("name", ["tetrahedron", "prism", "cube"])
def test_f_move_twice_is_the_identity(name, ctx):
    """Moving the same edge twice returns the original graph (``u`` and ``v`` swap roles) and
    the coefficients collected by final colour are ``delta(j, k)``: the orthogonality of the
    recoupling matrices ([KL] 10.3), checked on the combinations themselves."""
    net = networks()[name]
    g = parse_context(ctx)
    for edge in net.edges:
        u, v = net.ends(edge)
        j = net.colour(edge)
        collected: dict[int, Any] = {}
        for c1, t1 in f_move(net, edge, ctx):
            for c2, t2 in f_move(t1, edge, ctx):
                k = t2.colour(edge)
                collected[k] = collected.get(k, g.zero) + c1 * c2
                # the original ribbon graph with the roles of u and v exchanged
                assert _from(t2.rotation(u), (edge, 0))[1:] == _from(net.rotation(v), (edge, 1))[1:]
                assert _from(t2.rotation(v), (edge, 1))[1:] == _from(net.rotation(u), (edge, 0))[1:]
                assert t2.genus() == 0
        assert collected.pop(j) == g.one, (name, edge)
        assert all(g.is_zero(c) for c in collected.values()), (name, edge)


def test_f_move_on_an_open_network_is_the_recoupling_theorem():
    """On the H network with four boundary legs the F-move is the change of basis itself:
    the boundary vectors satisfy ``H_j = sum_i {a b i; c d j} I_i`` exactly."""
    net = SpinNetwork()
    for name, (p, col) in {"a": ("pa", 1), "b": ("pb", 2), "c": ("pc", 1), "d": ("pd", 2)}.items():
        net.add_edge(name, "u" if name in "ab" else "v", p, col)
    net.add_edge("j", "u", "v", 1)
    net.set_rotation("u", ["j", "a", "b"])
    net.set_rotation("v", ["j", "c", "d"])
    for p in ("pa", "pb", "pc", "pd"):
        net.add_boundary(p)
    assert net.genus() == 0
    for ctx in ("A", "root:5"):
        g = parse_context(ctx)
        target = evaluate_open(net, ctx).coefficients
        total: dict[tuple[int, ...], Any] = {}
        combo = f_move(net, "j", ctx)
        assert len(combo) == 2
        for coef, term in combo:
            assert term.genus() == 0
            for key, val in evaluate_open(term, ctx).coefficients.items():
                total[key] = total.get(key, g.zero) + coef * val
        assert {k: v for k, v in total.items() if not g.is_zero(v)} == target


# --- bubbles, triangles, loops ------------------------------------------------------------


@pytest.mark.parametrize("ctx", ["A", "root:5"])
def test_bubble_and_triangle_on_open_networks(ctx):
    """Schur's lemma as the moves state it, on boundary vectors: a bubble on a strand between
    two boundary points, and a triangle with three boundary legs."""
    g = parse_context(ctx)
    strand = SpinNetwork.from_edges(
        {"c": ("p", "u", 2), "a": ("u", "v", 1), "b": ("v", "u", 1), "d": ("v", "q", 2)},
        rotation={"u": ["c", "b", "a"], "v": ["d", "a", "b"]},
        boundary=["p", "q"],
    )
    tri = SpinNetwork.from_edges(
        {
            "x": ("u", "p1", 2),
            "y": ("v", "p2", 2),
            "z": ("w", "p3", 2),
            "m": ("u", "v", 1),
            "n": ("v", "w", 1),
            "o": ("w", "u", 1),
        },
        rotation={"u": ["x", "m", "o"], "v": ["y", "n", "m"], "w": ["z", "o", "n"]},
        boundary=["p1", "p2", "p3"],
    )
    for net, combo in (
        (strand, remove_bubble(strand, "a", "b", ctx)),
        (tri, reduce_triangle(tri, ("u", "v", "w"), ctx)),
    ):
        assert net.genus() == 0
        ((coef, term),) = combo.terms
        assert term.genus() == 0 and term.boundary == net.boundary
        before = evaluate_open(net, ctx).coefficients
        after = evaluate_open(term, ctx).coefficients
        assert before.keys() == after.keys() and all(before[k] == coef * after[k] for k in before)
        assert not all(g.is_zero(v) for v in before.values())


@pytest.mark.parametrize("ctx", CONTEXTS)
def test_bubble_on_a_theta_leaves_a_loop(ctx):
    net = SpinNetwork.theta(2, 1, 1)
    ((coef, term),) = remove_bubble(net, "b", "c", ctx).terms
    g = parse_context(ctx)
    assert term.vertices == ("u",) and term.edges == ("a",) and find_loops(term) == [("u",)]
    assert same(ctx, coef, kl.theta(g, 1, 1, 2) / kl.loop(g, 2))
    assert same(ctx, coef * term.evaluate(ctx), net.evaluate(ctx))


@pytest.mark.parametrize("ctx", CONTEXTS)
def test_bubble_with_unequal_ends_is_zero(ctx):
    net = bubbled_theta(2, 2, 2, 0, 1, 1)  # c = 2, d = 0 around the bubble (p, q)
    combo = remove_bubble(net, "p", "q", ctx)
    assert len(combo) == 0 and list(combo) == []
    assert str(combo) == "0"
    g = parse_context(ctx)
    assert combo.evaluate() == g.zero
    assert same(ctx, net.evaluate(ctx), g.zero)


def test_bubbles_from_an_f_move_of_the_tetrahedron():
    """The F-move of a tetrahedron creates a bubble; removing it, then a triangle, gives a
    theta net: a chain of moves matching the direct evaluation."""
    net = SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2)
    for ctx in ("classical", "A"):
        total = parse_context(ctx).zero
        for c1, t1 in f_move(net, "e", ctx):
            bubbles = find_bubbles(t1)
            assert bubbles
            for c2, t2 in remove_bubble(t1, *bubbles[0], context=ctx):
                assert len(t2.vertices) == 2 and t2.genus() == 0
                total = total + c1 * c2 * t2.evaluate(ctx)
        assert total == net.evaluate(ctx)


def test_bubble_keeps_far_rotations_and_names():
    net = bubbled_theta(1, 1, 2, 2, 1, 1)
    ((_, term),) = remove_bubble(net, "p", "q").terms
    assert set(term.edges) == {"a", "b", "c"} and term.ends("c") == ("u", "v")
    assert term.rotation("u") == net.rotation("u")
    assert term.rotation("v") == (("a", 1), ("c", 1), ("b", 1))  # c took the place of d
    assert not {"s", "t"} & set(term.vertices) and not {"s", "t"} & set(term.positions)


@pytest.mark.parametrize("ctx", CONTEXTS)
def test_triangle_of_a_tetrahedron_is_tet_over_theta(ctx):
    g = parse_context(ctx)
    net = SpinNetwork.tetrahedron(2, 1, 1, 2, 1, 1)
    assert len(find_triangles(net)) == 4
    for tri in find_triangles(net):
        for order in (tri, tri[::-1], tri[1:] + tri[:1]):
            ((coef, term),) = reduce_triangle(net, order, ctx).terms
            assert len(term.vertices) == 2 and term.genus() == 0
            (other,) = set(net.vertices) - set(tri)
            a, b, c = net.colours_at(other)
            assert same(ctx, coef * kl.theta(g, a, b, c), net.evaluate(ctx))
            assert same(ctx, term.evaluate(ctx), kl.theta(g, a, b, c))


def test_triangle_new_vertex_orientation_and_positions():
    net = prism(2, 2, 2, 2, 2, 2, 2, 2, 2)
    tris = find_triangles(net)
    assert sorted(sorted(t) for t in tris) == [["b1", "b2", "b3"], ["t1", "t2", "t3"]]
    ((_, term),) = reduce_triangle(net, ("t2", "t1", "t3")).terms
    assert "t2" in term.vertices and "t1" not in term.vertices
    # counter-clockwise V2, V3, V1 around the new vertex as around the inner triangle
    assert _from(term.rotation("t2"), ("V2", 0)) == [("V2", 0), ("V3", 0), ("V1", 0)]
    assert term.genus() == 0 and term.positions["t2"] == pytest.approx((0.0, 0.0), abs=1e-12)


def test_triangle_above_the_level_is_the_zero_combination():
    """At r = 4 (colours <= 2, sums <= 4) the inner triangle of this prism has admissible
    vertices (1, 1, 2) but externals (2, 2, 2) above the level: it is negligible, the move
    gives the zero combination and the network evaluates to zero there."""
    net = prism(1, 1, 1, 2, 2, 2, 1, 1, 1)
    r4 = parse_context("root:4")
    net.check(r4)
    combo = reduce_triangle(net, ("t1", "t2", "t3"), r4)
    assert len(combo) == 0 and combo.evaluate() == r4.zero
    assert net.evaluate(r4) == r4.zero
    assert len(reduce_triangle(net, ("t1", "t2", "t3"), "root:5")) == 1
    assert reduce_triangle(net, ("t1", "t2", "t3"), "root:5").evaluate() == net.evaluate("root:5") != 0


@pytest.mark.parametrize("ctx", CONTEXTS)
def test_loops_named_by_edge_vertex_or_vertex_set(ctx):
    g = parse_context(ctx)
    net = tetrahedron_with_loops(1, 1, 2, 1, 1, 2, 3, 2)
    assert sorted(map(sorted, find_loops(net))) == [["l0", "l1", "l2"], ["o"]]
    for name in ("n1", "l2", ["l0", "l1", "l2"], ("l2", "l1", "l0")):
        ((coef, rest),) = remove_loop(net, name, ctx).terms
        assert same(ctx, coef, kl.loop(g, 3))
        assert not any(str(x).startswith("l") for x in rest.vertices)
        assert same(ctx, coef * rest.evaluate(ctx), net.evaluate(ctx))
    ((coef, empty),) = remove_loop(SpinNetwork.loop(4), "e", ctx).terms
    assert empty.edges == () and same(ctx, empty.evaluate(ctx), g.one) and same(ctx, coef, kl.loop(g, 4))


# --- an independent evaluator: reduce to a number by moves alone ------------------------------


def value_by_moves(net: SpinNetwork, ctx: Any, depth: int = 0) -> Any:
    """The value of a closed planar network computed with the moves only (no sweep): loops,
    bubbles and triangles are removed; tadpoles and larger faces are shrunk by F-moves on
    an edge of a smallest face (each F-move lowers the degree of both faces along the edge)."""
    g = parse_context(ctx)
    assert depth < 60, "the reduction does not terminate"
    if not net.edges:
        return g.one

    def expand(combo: LinearCombination) -> Any:
        total = g.zero
        for coef, term in combo:
            total = total + coef * value_by_moves(term, ctx, depth + 1)
        return total

    if loops := find_loops(net):
        return expand(remove_loop(net, loops[0], ctx))
    if bubbles := find_bubbles(net):
        return expand(remove_bubble(net, *bubbles[0], context=ctx))
    if triangles := find_triangles(net):
        return expand(reduce_triangle(net, triangles[0], ctx))
    for e in net.edges:  # a tadpole: F on its stem
        u, v = net.ends(e)
        if u == v:
            (stem,) = [d[0] for d in net.rotation(u) if d[0] != e]
            return expand(f_move(net, stem, ctx))
    for face in sorted(net.faces(), key=len):
        for dart in face:
            e = dart[0]
            if len(set(net.ends(e))) == 2:
                return expand(f_move(net, e, ctx))
    raise AssertionError(f"no move applies to {net!r}")  # pragma: no cover


@pytest.mark.parametrize(
    ("name", "ctx"),
    [
        ("tetrahedron", "classical"),
        ("prism", "classical"),
        ("cube", "classical"),
        ("honeycomb", "-1"),
        ("prism", "-1"),
        ("tetrahedron-mixed", "A"),
        ("cube", "root:5"),
        ("theta", "0.9+0.2j"),
    ],
)
def test_reduction_by_moves_equals_the_sweep(name, ctx):
    net = networks()[name]
    assert same(ctx, value_by_moves(net, ctx), net.evaluate(ctx))


# --- property tests -----------------------------------------------------------------------------


FAMILIES: dict[str, tuple[Callable[..., SpinNetwork], Any]] = {
    "prism": (prism, PRISM_DOMAIN),
    "cube": (cube, CUBE_DOMAIN),
    "bubbled-theta": (bubbled_theta, BUBBLED_THETA_DOMAIN),
}


@st.composite
def coloured(draw: Any, max_colour: int = 4) -> SpinNetwork:
    build, domain = FAMILIES[draw(st.sampled_from(sorted(FAMILIES)))]
    return build(*draw(from_domain(domain, max_colour)))


@settings(max_examples=40, deadline=None)
@given(coloured(), st.data(), st.sampled_from(["classical", "-1"]))
def test_random_move_on_random_colouring(net, data, ctx):
    sites = _moves_everywhere(net, ctx)
    where, combo = data.draw(st.sampled_from(sites))
    if where == "F 'a'" and "p" in net.edges:  # the bubbled theta's tadpole case of the core bug
        total = sum((c * t.evaluate(ctx, order=["v", "u", "s", "t"]) for c, t in combo), parse_context(ctx).zero)
    else:
        total = combo.evaluate()
    assert total == net.evaluate(ctx)
    for _, term in combo:
        assert term.genus() == 0
        term.check(parse_context(ctx))


@settings(max_examples=15, deadline=None)
@given(from_domain(PRISM_DOMAIN.at_levels((0, 5, 8)), 3))
def test_random_prism_moves_at_generic_q_and_roots_of_unity(case):
    r, *colours = case
    ctx = level_context(r)
    net = prism(*colours)
    net.check(ctx)
    before = net.evaluate(ctx)
    for e in ("T12", "V2", "B31"):
        assert f_move(net, e, ctx).evaluate() == before
    for t in find_triangles(net):
        assert reduce_triangle(net, t, ctx).evaluate() == before


# --- LinearCombination --------------------------------------------------------------------------


def test_linear_combination_protocol():
    combo = f_move(SpinNetwork.theta(1, 1, 2), "c", "A")
    assert len(combo) == 2 and len(list(combo)) == 2 and combo[0] == combo.terms[0]
    text = repr(combo)
    assert text.startswith("LinearCombination(context='generic-A', terms=[(") and "SpinNetwork" in text
    assert "*" in str(combo)
    with pytest.raises(dataclasses.FrozenInstanceError):
        combo.terms = ()  # type: ignore[misc]
    with pytest.raises(InvalidArgumentError, match="elements of 'generic-A'"):
        combo.evaluate("classical")
    assert combo.evaluate("A") == combo.evaluate()
    num = f_move(SpinNetwork.theta(1, 1, 2), "c", "0.5+0.5j")
    assert num.evaluate("0.5+0.5j") == num.evaluate()  # an equal numeric context is accepted
    with pytest.raises(InvalidArgumentError, match="numeric"):
        num.evaluate("0.5+0.6j")


# --- errors ---------------------------------------------------------------------------------------


def _open_h() -> SpinNetwork:
    net = SpinNetwork.from_edges({"j": ("u", "v", 0), "a": ("u", "p", 1), "b": ("u", "q", 1), "c": ("v", "v", 2)})
    net.add_boundary("p").add_boundary("q")
    return net


@pytest.mark.parametrize(
    ("call", "error", "pattern"),
    [
        (lambda: f_move(SpinNetwork.theta(1, 1, 2), "z"), MoveError, r"edge = 'z' is not an edge"),
        (lambda: f_move(SpinNetwork.loop(2), "e"), MoveError, r"edge 'e'.*self-loop at vertex 'v'"),
        (
            lambda: f_move(SpinNetwork.from_edges({"x": ("u", "v", 1), "y": ("v", "u", 1)}), "x"),
            MoveError,
            r"edge 'x'.*'u' has valence 2.*trivalent",
        ),
        (lambda: f_move(_open_h(), "a"), MoveError, r"edge 'a'.*'p' is a boundary point"),
        (lambda: f_move(SpinNetwork.theta(1, 1, 1), "a"), AdmissibilityError, r"edge 'a'.*'u' has colours \(1, 1, 1\)"),
        (lambda: f_move(SpinNetwork.theta(2, 2, 2), "a", "root:4"), AdmissibilityError, r"edge 'a'.*2\(r - 2\) = 4"),
        (lambda: remove_bubble(SpinNetwork.theta(1, 1, 2), "a", "z"), MoveError, r"e2 = 'z' is not an edge"),
        (lambda: remove_bubble(SpinNetwork.theta(1, 1, 2), "a", "a"), MoveError, r"'a', 'a'.*same edge"),
        (
            lambda: remove_bubble(SpinNetwork.tetrahedron(*[2] * 6), "a", "b"),
            MoveError,
            r"edges 'a', 'b'.*e1 joins 'X' and 'Z' but e2 joins 'Z' and 'Y'",
        ),
        (lambda: remove_bubble(_open_h(), "c", "j"), MoveError, r"e1 = 'c' is a self-loop at 'v'"),
        (
            lambda: remove_bubble(SpinNetwork.from_edges({"x": ("u", "v", 1), "y": ("v", "u", 1)}), "x", "y"),
            MoveError,
            r"edges 'x', 'y'.*'u' has valence 2",
        ),
        (lambda: remove_bubble(SpinNetwork.theta(1, 2, 5), "a", "b"), AdmissibilityError, r"'a', 'b'.*\(1, 2, 5\)"),
        (lambda: reduce_triangle(cube(*[0] * 12), ("x", "y")), MoveError, r"triangle = \('x', 'y'\) must be"),
        (lambda: reduce_triangle(cube(*[0] * 12), 5), MoveError, r"triangle = 5 must be a tuple"),
        (lambda: reduce_triangle(cube(*[0] * 12), (0, 0, 1)), MoveError, r"\(0, 0, 1\).*distinct"),
        (
            lambda: reduce_triangle(cube(*[0] * 12), (0, 1, 2)),
            MoveError,
            r"\(0, 1, 2\).*do not bound a triangular face",
        ),
        (lambda: reduce_triangle(cube(*[0] * 12), (0, 1, 99)), MoveError, r"vertex 99 is not a vertex"),
        (
            lambda: reduce_triangle(tetrahedron_with_loops(*[2] * 6, 1, 1), ("X", "Y", "l0")),
            MoveError,
            r"vertex 'l0' has valence 2",
        ),
        (
            lambda: reduce_triangle(SpinNetwork.tetrahedron(3, 3, 2, 3, 3, 2), ("X", "Y", "Z"), "root:4"),
            AdmissibilityError,
            r"reduce_triangle on \('X', 'Y', 'Z'\).*not admissible in root:4",
        ),
        (lambda: remove_loop(SpinNetwork.loop(2), "zz"), MoveError, r"component = 'zz' names no edge or vertex"),
        (lambda: remove_loop(SpinNetwork.loop(2), []), MoveError, r"component = \[\] names no edge"),
        (lambda: remove_loop(SpinNetwork.loop(2), ["v", "w"]), MoveError, r"unknown vertices \['w'\]"),
        (
            lambda: remove_loop(SpinNetwork.theta(1, 1, 2), "a"),
            MoveError,
            r"component = 'a' is not a closed loop.*valence 3",
        ),
        (
            lambda: remove_loop(tetrahedron_with_loops(*[2] * 6, 1, 1), ["l0", "l1"]),
            MoveError,
            r"not one whole component",
        ),
        (
            lambda: remove_loop(SpinNetwork.from_edges({"x": ("u", "v", 1), "y": ("v", "u", 3)}), "x"),
            AdmissibilityError,
            r"component = 'x' has edges of colours \[1, 3\]",
        ),
    ],
)
def test_errors_name_the_argument(call, error, pattern):
    with pytest.raises(error, match=pattern) as info:
        call()
    assert isinstance(info.value, TQFTError) and isinstance(info.value, ValueError)


def test_non_face_triangle_is_refused():
    """A 3-cycle with an external edge on each side is not a face: refused, although its
    vertices are pairwise adjacent and trivalent."""
    net = SpinNetwork.from_edges(
        {
            "p": ("u", "v", 0),
            "q": ("v", "w", 0),
            "r": ("w", "u", 0),
            "a": ("u", "x", 0),
            "l": ("x", "x", 2),
            "b": ("v", "y", 0),
            "k": ("y", "y", 2),
            "c": ("w", "z", 0),
            "m": ("z", "z", 2),
        },
        rotation={"u": ["a", "p", "r"], "v": ["b", "q", "p"], "w": ["c", "q", "r"]},
    )
    assert net.genus() == 0
    assert find_triangles(net) == []
    with pytest.raises(MoveError, match="do not bound a triangular face"):
        reduce_triangle(net, ("u", "v", "w"))


# --- the registered identities ------------------------------------------------------------------

IDENTITIES = [
    "spin_network_f_move",
    "q_spin_network_f_move",
    "spin_network_bubble",
    "q_spin_network_bubble",
    "spin_network_triangle",
    "q_spin_network_triangle",
    "spin_network_loop",
    "q_spin_network_loop",
    "spin_network_order_independence",
    "q_spin_network_order_independence",
    "spin_network_unitary_tet_6j",
]


def _sample(name: str) -> list[tuple[int, ...]]:
    identity = get(name)
    cases = list(identity.cases())
    return cases[:: max(1, len(cases) // 12)] + identity.random_cases(4, seed=3)


@pytest.mark.parametrize("name", IDENTITIES)
def test_registered_identity_passes_on_a_sample(name):
    identity = get(name)
    cases = _sample(name)
    assert len(cases) >= 10
    report = run_identity_cases(name, cases)
    assert report.ok, report.failures
    if name.startswith("q_"):
        assert {c[0] for c in identity.cases()} == {0, *range(3, 13)}


def test_identity_values_are_not_trivial():
    """Checks compare non-zero values (a sweep of zeros proves little)."""
    for name in ("spin_network_f_move", "spin_network_triangle", "spin_network_order_independence"):
        values = [get(name).check(*c).lhs for c in _sample(name)]
        assert sum(1 for v in values if v != 0) >= len(values) // 2, name


def _fails_somewhere(name: str, limit: int = 60) -> bool:
    identity = get(name)
    cases = list(identity.cases())[:limit] + identity.random_cases(10, seed=5)
    return any(not identity.check(*c).passed for c in cases)


def _missing_delta(ctx: Any, a: int, b: int, i: int, c: int, d: int, j: int) -> Any:
    """A plausible bug: the recoupling coefficient without its Delta_i."""
    return kl.tet(ctx, a, b, i, c, d, j) / (kl.theta(ctx, a, d, i) * kl.theta(ctx, b, c, i))


def _unsigned_loop(ctx: Any, n: int) -> Any:
    """A plausible bug: the quantum dimension [n+1] instead of Delta_n = (-1)^n [n+1]."""
    return ctx.qint(n + 1)


@pytest.mark.parametrize(
    ("names", "target", "attribute", "broken"),
    [
        (("spin_network_f_move", "q_spin_network_f_move"), moves, "recoupling_coefficient", _missing_delta),
        (("spin_network_bubble", "q_spin_network_bubble"), moves, "loop", _unsigned_loop),
        (("spin_network_loop", "q_spin_network_loop"), moves, "loop", _unsigned_loop),
        (
            ("spin_network_triangle", "q_spin_network_triangle"),
            moves,
            "theta",
            lambda ctx, a, b, c: ctx.one,  # forgot to divide by theta(a, b, c)
        ),
        (
            ("spin_network_unitary_tet_6j",),
            sn_identities,
            "wigner_6j",
            lambda a, b, c, d, e, f: wigner_6j(a, b, f, d, e, c),  # Tet's argument order, not the 6j's
        ),
    ],
)
def test_broken_coefficients_make_the_identities_fail(monkeypatch, names, target, attribute, broken):
    for name in names:
        assert not _fails_somewhere(name), name
    monkeypatch.setattr(target, attribute, broken)
    for name in names:
        assert _fails_somewhere(name), f"{name} cannot detect a broken {attribute}"


def test_order_dependent_sweep_is_detected(monkeypatch):
    """If the sweep's base-point rotation carried a wrong sign, the value would depend on the
    absorption order; the order-independence identity catches it."""
    assert not _fails_somewhere("spin_network_order_independence")
    original = EVALUATE._op_rotate

    def rotate(state: dict[Any, Any], co: Any) -> dict[Any, Any]:
        return {k: -v for k, v in original(state, co).items()}

    monkeypatch.setattr(EVALUATE, "_op_rotate", rotate)
    assert _fails_somewhere("spin_network_order_independence", limit=200)


def test_absorption_orders_are_distinct_and_valid():
    net = cube(*[2] * 12)
    orders = absorption_orders(net)
    assert len(orders) >= 3 and len({tuple(map(repr, o)) for o in orders}) == len(orders)
    values = {net.evaluate(order=o) for o in orders}
    assert values == {net.evaluate()}


def test_unitary_tetrahedron_argument_order():
    """``tetrahedron(a, b, f, d, e, c)`` in unitary normalisation is ``{a b c; d e f}`` (the
    order of ``kauffman_lins.unitary_from_tet``), on a case where the order matters."""
    a, b, c, d, e, f = 3, 2, 1, 2, 1, 2  # {3/2 1 1/2; 1 1/2 1} = -1/6
    value = SpinNetwork.tetrahedron(a, b, f, d, e, c).evaluate(normalisation="unitary")
    assert value == wigner_6j("3/2", 1, "1/2", 1, "1/2", 1)
    assert str(value) == "-1/6"
    assert wigner_6j("3/2", 1, 1, 1, "1/2", "1/2") != value  # the 6j with Tet's argument order


def test_identity_domains_make_every_vertex_admissible():
    for build, domain in FAMILIES.values():
        for colours in list(domain.enumerate(2))[::7]:
            net = build(*colours)
            net.check()
            assert net.genus() == 0
