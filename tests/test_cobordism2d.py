"""2Cob: normal forms, the relations of the category, the expression language, errors.

The genus bookkeeping (union-find plus Euler characteristic) is checked against an
independent model: a word is turned into a multigraph with one vertex per generator piece
and one edge per glued circle, and the genus of a component is then its cycle rank
``E - V + 1`` plus the handles it contains (each piece is a sphere with holes, so gluing
along a circle that closes a cycle adds a handle).
"""

from __future__ import annotations

import random

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tqft.errors import InvalidArgumentError, TQFTError
from tqft.topology.cobordism2d import (
    Atom,
    Cobordism,
    CobordismSyntaxError,
    Component,
    Compose,
    Tensor,
    comultiplication,
    counit,
    cylinder,
    empty,
    expand,
    generator,
    multiplication,
    pair_of_pants,
    parse_cobordism,
    parse_expression,
    permutation,
    random_word,
    surface,
    torus_handle,
    twist,
    unit,
)

P = parse_cobordism


# --- strategies --------------------------------------------------------------------------------


@st.composite
def words(draw, source=None, max_width=3):
    rng = draw(st.randoms(use_true_random=False))
    src = draw(st.integers(0, 2)) if source is None else source
    return random_word(rng, source=src, layers=draw(st.integers(0, 6)), max_width=max_width)


@st.composite
def composable_pair(draw):
    f = draw(words())
    g = draw(words(source=f.arity[1]))
    return f, g


# --- an independent model: gluing graphs ------------------------------------------------------------


def _graph_model(expr):
    """(source, target, components as {(genus, ins, outs)} multiset) from the gluing graph."""
    graph = nx.MultiGraph()
    handles: dict[int, int] = {}
    counter = iter(range(10**6))

    def build(e):
        """Return (inputs, outputs): lists of piece ids, one per circle."""
        if isinstance(e, Atom):
            e2 = expand(e)
            if e2 != e:
                return build(e2)
            if e.name == "t":
                a, b = next(counter), next(counter)
                graph.add_nodes_from([a, b])
                return [a, b], [b, a]
            if e.name == "empty":
                return [], []
            v = next(counter)
            graph.add_node(v)
            handles[v] = 1 if e.name == "h" else 0
            s, t = e.arity
            return [v] * s, [v] * t
        if isinstance(e, Tensor):
            ins, outs = [], []
            for p in e.parts:
                i, o = build(p)
                ins += i
                outs += o
            return ins, outs
        ins, outs = build(e.parts[-1])
        for p in reversed(e.parts[:-1]):
            i, o = build(p)
            for a, b in zip(outs, i):
                graph.add_edge(a, b)
            outs = o
        return ins, outs

    ins, outs = build(expr)
    comps = []
    for nodes in nx.connected_components(graph):
        sub = graph.subgraph(nodes)
        genus = sub.number_of_edges() - sub.number_of_nodes() + 1 + sum(handles.get(v, 0) for v in nodes)
        comps.append(
            (
                genus,
                tuple(i for i, v in enumerate(ins) if v in nodes),
                tuple(i for i, v in enumerate(outs) if v in nodes),
            )
        )
    return len(ins), len(outs), sorted(comps)


def _components(c):
    return sorted((k.genus, k.inputs, k.outputs) for k in c.components)


@given(words())
def test_normal_form_agrees_with_gluing_graph(w):
    c = P(w)
    s, t, comps = _graph_model(w)
    assert (c.source, c.target) == (s, t) == w.arity
    assert _components(c) == comps


def test_graph_model_on_known_surfaces():
    assert _graph_model(parse_expression("m . (m x 1) . (1 x D) . D"))[2] == [(2, (0,), (0,))]
    assert _graph_model(parse_expression("e . h^3 . u"))[2] == [(3, (), ())]


# --- generators and named cobordisms ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "cobordism", "arity", "chi"),
    [
        ("1", cylinder(), (1, 1), 0),
        ("u", unit(), (0, 1), 1),
        ("e", counit(), (1, 0), 1),
        ("m", multiplication(), (2, 1), -1),
        ("D", comultiplication(), (1, 2), -1),
        ("t", twist(), (2, 2), 0),
        ("h", torus_handle(), (1, 1), -2),
        ("empty", empty(), (0, 0), 0),
    ],
)
def test_generators(token, cobordism, arity, chi):
    assert P(token) == cobordism == generator(token)
    assert cobordism.arity == arity
    assert cobordism.euler_characteristic == chi
    assert parse_expression(token).arity == arity


def test_named_constructors():
    assert pair_of_pants() == multiplication() == surface(0, 2, 1)
    assert torus_handle() == surface(1, 1, 1) == P("m . D")
    assert twist() == permutation([1, 0]) == Cobordism(2, 2, [(0, (0,), (1,)), (0, (1,), (0,))])
    assert cylinder(3) == permutation([0, 1, 2]) == P("id(3)") == P("1 x 1 x 1")
    assert cylinder(0) == empty()
    assert surface(2).closed_components == (Component(2, (), ()),)
    assert generator("mult") == multiplication()
    assert surface(2).euler_characteristic == -2
    assert surface(3, 2, 4).euler_characteristic == 2 - 6 - 6
    assert surface(1, 1, 1).is_connected() and not (unit() | unit()).is_connected()
    assert twist().is_permutation() and not multiplication().is_permutation()


@pytest.mark.parametrize("g", range(6))
def test_closed_surfaces_from_handles(g):
    assert P(f"e . h^{g} . u") == surface(g) == counit() @ torus_handle() ** g @ unit()
    assert surface(g).genus == g and surface(g).source == surface(g).target == 0


# --- the relations of 2Cob (Kock sec. 1.4, 3.3) ----------------------------------------------------


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("m . (m x 1)", "m . (1 x m)"),  # associativity
        ("m . (u x 1)", "1"),  # unit
        ("m . (1 x u)", "1"),
        ("m . t", "m"),  # commutativity
        ("(D x 1) . D", "(1 x D) . D"),  # coassociativity
        ("(e x 1) . D", "1"),  # counit
        ("(1 x e) . D", "1"),
        ("t . D", "D"),  # cocommutativity
        ("(1 x m) . (D x 1)", "D . m"),  # Frobenius relation
        ("(m x 1) . (1 x D)", "D . m"),
        ("t . t", "1 x 1"),
        ("(t x 1) . (1 x t) . (t x 1)", "(1 x t) . (t x 1) . (1 x t)"),  # Yang-Baxter
        ("t . (m x 1)", "(1 x m) . (t x 1) . (1 x t)"),  # naturality of the twist
        ("t . (u x 1)", "1 x u"),
        ("m . D . m", "m . ((m . D) x 1)"),
        ("e . m", "e . m . t"),
    ],
)
def test_relations_of_2cob(lhs, rhs):
    assert P(lhs) == P(rhs)
    assert hash(P(lhs)) == hash(P(rhs))


def test_inequalities_are_detected():
    assert P("m . D") != P("1")  # genus 1 vs 0
    assert P("D . m") != P("t")  # connected vs two cylinders
    assert P("u x 1") != P("1 x u")  # which outgoing circle is the disc
    assert surface(1) != surface(2) and surface(0) | surface(0) != surface(0)
    assert len({P("m . t"), P("m"), P("m . ((m . (u x 1)) x 1)")}) == 1


def test_closed_components_are_scalars_in_the_normal_form():
    c = P("(e . h . u) x m x (e . u)")
    assert [k.genus for k in c.closed_components] == [0, 1]
    assert c != multiplication() and c.arity == (2, 1)
    assert c == multiplication() | surface(1) | surface(0)


def test_permutations_compose_like_permutations():
    rng = random.Random(0)
    for _ in range(50):
        n = rng.randrange(1, 6)
        p, q = rng.sample(range(n), n), rng.sample(range(n), n)
        assert permutation(q) @ permutation(p) == permutation([q[p[i]] for i in range(n)])


# --- category laws, Euler characteristic ------------------------------------------------------------


@given(composable_pair(), st.data())
def test_composition_is_associative_and_unital(pair, data):
    f, g = pair
    h = data.draw(words(source=g.arity[1]))
    cf, cg, ch = P(f), P(g), P(h)
    assert (ch @ cg) @ cf == ch @ (cg @ cf)
    assert cylinder(cf.target) @ cf == cf == cf @ cylinder(cf.source)
    assert P(Compose((h, g, f))) == ch @ cg @ cf


@given(composable_pair())
def test_euler_characteristic_is_additive(pair):
    f, g = pair
    cf, cg = P(f), P(g)
    assert (cg @ cf).euler_characteristic == cf.euler_characteristic + cg.euler_characteristic
    assert (cf | cg).euler_characteristic == cf.euler_characteristic + cg.euler_characteristic


@given(composable_pair(), composable_pair())
def test_interchange_law(p1, p2):
    (f1, g1), (f2, g2) = p1, p2
    a = (P(g1) | P(g2)) @ (P(f1) | P(f2))
    b = (P(g1) @ P(f1)) | (P(g2) @ P(f2))
    assert a == b


@given(words(), words())
def test_tensor_is_associative_and_symmetric(f, g):
    cf, cg = P(f), P(g)
    assert (cf | cg) | cf == cf | (cg | cf)
    # sigma . (f | g) = (g | f) . sigma, with sigma the block permutation
    m, n = cf.source, cg.source
    p, q = cf.target, cg.target
    sigma_in = permutation([i + n for i in range(m)] + list(range(n)))
    sigma_out = permutation([i + q for i in range(p)] + list(range(q)))
    assert sigma_out @ (cf | cg) == (cg | cf) @ sigma_in


@given(words())
def test_expressions_round_trip(w):
    c = P(w)
    assert P(str(w)) == c
    assert P(c.to_expression()) == c
    assert P(str(c.to_expression(generators_only=True))) == c
    assert P(expand(w)) == c
    assert eval(repr(c), {"Cobordism": Cobordism}) == c


# --- expression language ------------------------------------------------------------------------------


def test_precedence_and_syntax_variants():
    assert parse_expression("m . m x 1 . 1 x D . D") == parse_expression("m . (m x 1) . (1 x D) . D")
    assert P("m∘(1⊗u)") == P("m @ (1 | u)") == P("mult . (id x unit)") == cylinder()
    assert P("h^0") == cylinder() and P("(1 x 1)^0") == cylinder(2) and P("empty^3") == empty()
    assert P("surface(2, 1, 3)") == surface(2, 1, 3) and P("surface(4)") == surface(4)
    assert P("perm(2, 0, 1)") == permutation([2, 0, 1])
    assert P("(t x 1) ^ 1") == twist() | cylinder() and P("(t x 1)^2") == cylinder(3)
    assert str(parse_expression("m.(m x 1).(1 x D).D")) == "m . (m x 1) . (1 x D) . D"
    assert str(parse_expression("(m . D) x 1")) == "(m . D) x 1"


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("m . (1 x D) . D", ["f = 1 x D: 2 -> 3", "g = m: 2 -> 1", "3 circles", "starts from 2"]),
        ("m . m", ["f = m: 2 -> 1", "g = m: 2 -> 1"]),
        ("m^2", ["m is 2 -> 1", "powers"]),
        ("(D x 1)^1", ["(D x 1)^1", "D x 1 is 2 -> 3"]),
        ("mxm", ["unknown name 'mxm' at position 0", "spaces"]),
        ("q", ["unknown name 'q'"]),
        ("m x", ["expected a generator or '('", "the end"]),
        ("(m x 1", ["expected ')'"]),
        ("m $ D", ["unexpected character '$' at position 2"]),
        ("", ["empty"]),
        ("perm(0, 0)", ["permutation of 0..1"]),
        ("surface(1, 2)", ["surface takes one (g) or three (g, m, n)"]),
        ("m(1)", ["takes no parameters"]),
        ("m D", ["expected '.', 'x' or the end"]),
    ],
)
def test_syntax_and_arity_errors(text, fragments):
    with pytest.raises(InvalidArgumentError) as info:
        P(text)
    assert isinstance(info.value, TQFTError) and isinstance(info.value, ValueError)
    for frag in fragments:
        assert frag in str(info.value), str(info.value)


def test_composition_arity_error_names_both_arities():
    with pytest.raises(InvalidArgumentError, match=r"f: 1 -> 2 and g: 1 -> 0"):
        counit() @ comultiplication()
    with pytest.raises(InvalidArgumentError, match="only an n -> n cobordism"):
        multiplication() ** 2
    with pytest.raises(CobordismSyntaxError):
        parse_expression("1 x")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((1, 1, [(0, (0,), ())]), "outgoing [0] do not"),
        ((1, 0, [(0, (0,), ()), (1, (0,), ())]), "incoming circle 0 lies on two components"),
        ((1, 0, [(0, (3,), ())]), "incoming circle 3 is not a label in 0..0"),
        ((0, 0, [(-1, (), ())]), "genus = -1 must be an integer with 0 <= genus"),
        ((0, 0, [(1, 2)]), "must be a Component or a triple"),
        ((-1, 0, []), "source = -1"),
        ((0, 0, [(True, (), ())]), "genus = True"),
    ],
)
def test_invalid_normal_forms(args, fragment):
    with pytest.raises(InvalidArgumentError) as info:
        Cobordism(*args)
    assert fragment in str(info.value)


def test_other_argument_errors():
    with pytest.raises(InvalidArgumentError, match="must be a permutation"):
        permutation([1, 1])
    with pytest.raises(InvalidArgumentError, match="not a generator"):
        generator("pants")
    with pytest.raises(InvalidArgumentError, match="must be a Cobordism"):
        multiplication() @ "m"  # type: ignore[operator]
    with pytest.raises(InvalidArgumentError, match="must be a string"):
        parse_expression(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError):
        Atom("surface", (1, 2))


def test_output_formats():
    c = P("(1 x m) . (t x 1)")
    assert str(c) == "3 -> 2: genus 0, in {0, 2} -> out {1}; genus 0, in {1} -> out {0}"
    assert repr(c) == "Cobordism(3, 2, [(0, (0, 2), (1,)), (0, (1,), (0,))])"
    assert c._repr_latex_() == r"$\Sigma_{0}[\{0,2\} \to \{1\}] \sqcup \Sigma_{0}[\{1\} \to \{0\}]$"
    assert str(empty()) == "0 -> 0: empty" and empty()._repr_latex_() == r"$\emptyset$"


def test_random_word_respects_its_bounds():
    rng = random.Random(3)
    for _ in range(200):
        w = random_word(rng, source=rng.randrange(0, 3), layers=rng.randrange(0, 6), max_width=3)
        assert w.arity[0] <= 3 and w.arity[1] <= 3
        if isinstance(w, Compose):
            assert all(max(p.arity) <= 3 for p in w.parts)
