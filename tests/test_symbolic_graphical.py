"""Graphical reduction of symbolic spin networks (tqft.symbolic.graphical).

Every formula is compared exactly with the numeric Kauffman-Lins evaluator
(tqft.spin_network), which knows nothing about the moves: exhaustively over small spins
for the theta and the tetrahedron, at random admissible colourings (own seeds, not the
check's) for the others, at q = 1 and at generic q.
"""

from __future__ import annotations

import functools
import itertools
import random
from fractions import Fraction

import networkx as nx
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

from tqft.errors import AdmissibilityError, DerivationError, InvalidArgumentError, InvalidSpinError, TQFTError
from tqft.exact.qcontexts import generic_q
from tqft.spin_network.network import NetworkStructureError, NonPlanarError
from tqft.symbolic import graphical
from tqft.symbolic.evaluate import exact_value
from tqft.symbolic.functions import Loop, QLoop, QTet, QTheta, Tet, Theta, Triangle, spins
from tqft.symbolic.graphical import (
    SymbolicNetwork,
    bubble_chain,
    bubble_tetrahedron,
    cube,
    loop,
    prism,
    random_colouring,
    reduce_network,
    tet_symbol,
    tetrahedron,
    theta,
)
from tqft.symbolic.graphical_formula import TET_EDGES

a, b, c, d, e, f, g, h, i = spins("a b c d e f g h i")


@functools.cache
def derivation(name: str, quantum: bool = False) -> graphical.Derivation:
    return reduce_network(EXAMPLES[name](), quantum=quantum)


def n_prism(n: int) -> SymbolicNetwork:
    """The n-gonal prism (n = 3: the triangular prism, n = 4: the cube)."""
    edges, rotation = {}, {}
    for k in range(n):
        edges[f"o{k}"] = (f"A{k}", f"A{(k + 1) % n}", spins(f"o_{k}")[0])
        edges[f"p{k}"] = (f"B{k}", f"B{(k + 1) % n}", spins(f"p_{k}")[0])
        edges[f"s{k}"] = (f"A{k}", f"B{k}", spins(f"s_{k}")[0])
    for k in range(n):
        rotation[f"A{k}"] = [f"o{k}", f"s{k}", f"o{(k - 1) % n}"]
        rotation[f"B{k}"] = [f"s{k}", f"p{k}", f"p{(k - 1) % n}"]
    return SymbolicNetwork.from_edges(edges, rotation, name=f"prism{n}")


def from_planar_graph(graph: nx.Graph, name: str) -> SymbolicNetwork:
    """A cubic planar graph with one spin symbol per edge and networkx's planar embedding."""
    ok, emb = nx.check_planarity(graph)
    assert ok
    names = {frozenset(uv): f"e{k}" for k, uv in enumerate(graph.edges())}
    edges = {names[frozenset((u, v))]: (u, v, spins(f"j_{k}")[0]) for k, (u, v) in enumerate(graph.edges())}
    rotation = {v: [names[frozenset((v, w))] for w in reversed(list(emb.neighbors_cw_order(v)))] for v in graph}
    return SymbolicNetwork.from_edges(edges, rotation, name=name)


def dumbbell() -> SymbolicNetwork:
    """Two loops x, y joined by a bridge e: a tadpole at each end."""
    x, y, j = spins("x y j")
    edges = {"x": ("u", "u", x), "e": ("u", "v", j), "y": ("v", "v", y)}
    return SymbolicNetwork.from_edges(edges, {"u": ["x", "x", "e"], "v": ["y", "y", "e"]}, name="dumbbell")


def split_theta() -> SymbolicNetwork:
    """A theta net whose edge a is split by a bivalent vertex into a and a2, plus a disjoint loop l."""
    a2, l_ = spins("a2 l")
    edges = {"a": ("u", "m", a), "a2": ("m", "v", a2), "b": ("u", "v", b), "c": ("u", "v", c), "l": ("w", "w", l_)}
    return SymbolicNetwork.from_edges(edges, {"v": ["c", "b", "a2"]}, name="split_theta")


EXAMPLES = {
    "loop": loop,
    "theta": theta,
    "tetrahedron": tetrahedron,
    "prism": prism,
    "cube": cube,
    "bubble_chain": lambda: bubble_chain(3),
    "bubble_tetrahedron": bubble_tetrahedron,
    "dumbbell": dumbbell,
    "split_theta": split_theta,
}


def numeric_value(net: SymbolicNetwork, env: dict, quantum: bool):
    ctx = generic_q("q") if quantum else None
    value = net.specialise(env).evaluate(ctx)
    return ctx.value(value) if quantum else value


def compare(net: SymbolicNetwork, formula: sympy.Expr, env: dict, quantum: bool = False) -> bool:
    return exact_value(formula, env, quantum=quantum) == numeric_value(net, env, quantum)


# --- values --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_reduction_matches_numeric_at_random_colourings(name):
    net, d = EXAMPLES[name](), derivation(name)
    assert d.check.samples >= 8 and d.check.nonzero >= 1
    rng = random.Random(12345)
    nonzero = 0
    for _ in range(15):
        env = random_colouring(net, rng, 2)
        assert env is not None
        assert compare(net, d.result, env)
        nonzero += numeric_value(net, env, False) != 0
    assert nonzero >= (1 if name in ("dumbbell", "bubble_chain") else 5)  # these vanish unless spins agree


@pytest.mark.parametrize("name", ["loop", "theta", "tetrahedron", "prism", "cube", "bubble_tetrahedron", "dumbbell"])
def test_reduction_at_generic_q(name):
    net, d = EXAMPLES[name](), derivation(name, True)
    assert d.check.quantum and d.check.samples >= 3
    atoms = {type(x) for x in sympy.preorder_traversal(d.result)}
    assert not atoms & {Theta, Tet, Loop}
    rng = random.Random(7)
    for _ in range(3):
        env = random_colouring(net, rng, 1)
        assert compare(net, d.result, env, quantum=True)


def test_theta_and_tetrahedron_exhaustively():
    halves = [Fraction(k, 2) for k in range(4)]
    net, formula = theta(), derivation("theta").result
    count = 0
    for values in itertools.product(halves, repeat=3):
        env = dict(zip((a, b, c), values))
        if Triangle(*(sympy.Rational(v.numerator, v.denominator) for v in values)) == 1:
            assert compare(net, formula, env)
            count += 1
    assert count > 10
    net, formula = tetrahedron(), derivation("tetrahedron").result
    symbols = spins("a b e c d f")
    count = 0
    for values in itertools.product(halves[:3], repeat=6):
        env = dict(zip(symbols, values))
        x = dict(zip("abecdf", values))
        triads = [
            (x["a"], x["d"], x["e"]),
            (x["b"], x["c"], x["e"]),
            (x["a"], x["b"], x["f"]),
            (x["c"], x["d"], x["f"]),
        ]
        if all((p + q + r).denominator == 1 and abs(p - q) <= r <= p + q for p, q, r in triads):
            assert compare(net, formula, env)
            count += 1
    assert count > 30


def test_tet_symbol_is_a_canonical_form_of_the_symmetric_net():
    # the 24 relabellings of the tetrahedron's vertices give one canonical form and one value
    x = dict(zip("abecdf", spins("a b e c d f")))
    half = Fraction(1, 2)
    env = {x["a"]: 1, x["b"]: 3 * half, x["e"]: half, x["c"]: 1, x["d"]: 3 * half, x["f"]: 3 * half}
    edge = {frozenset(p): s for p, s in zip(TET_EDGES, x.values())}
    forms, values = set(), set()
    for perm in itertools.permutations("XYZW"):
        name = dict(zip("XYZW", perm))
        args = [edge[frozenset((name[p], name[q]))] for p, q in TET_EDGES]
        forms.add(tet_symbol(*args))
        values.add(str(exact_value(Tet(*args), env)))
        values.add(str(exact_value(QTet(*args), env, quantum=True)))
    assert len(forms) == 1
    assert len(values) == 2  # one at q = 1, one at generic q
    assert exact_value(Tet(*args), env) != 0


# --- structure of the formulas ---------------------------------------------------------------


def factors(expr: sympy.Expr) -> list:
    return list(sympy.Mul.make_args(expr))


def test_structure_of_small_formulas():
    (j,) = spins("j")
    assert derivation("loop").result == Loop(j)
    assert derivation("theta").result == Theta(a, b, c)
    assert derivation("tetrahedron").result == tet_symbol(a, b, e, c, d, f)
    assert derivation("tetrahedron", True).result == tet_symbol(a, b, e, c, d, f, quantum=True)
    assert derivation("theta", True).result == QTheta(a, b, c)
    assert derivation("loop", True).result == QLoop(j)
    x, y, jj = spins("x y j")
    assert set(factors(derivation("dumbbell").result)) == {sympy.KroneckerDelta(jj, 0), Loop(x), Loop(y)}
    a2, l_ = spins("a2 l")
    assert set(factors(derivation("split_theta").result)) == {sympy.KroneckerDelta(a, a2), Loop(l_), Theta(a, b, c)}


def test_bubble_formulas():
    result = derivation("bubble_tetrahedron").result
    assert set(factors(result)) == {tet_symbol(a, b, e, c, d, f), Theta(f, g, h), 1 / Loop(f)}
    assert [s.rule for s in derivation("bubble_tetrahedron").steps] == ["bubble", "tet_net"]
    chain = derivation("bubble_chain")
    assert [s.rule for s in chain.steps] == ["bubble", "bubble", "theta_net"]
    deltas = [x for x in factors(chain.result) if isinstance(x, sympy.KroneckerDelta)]
    assert len(deltas) == 2 and not chain.result.has(sympy.Sum)


def test_prism_reduces_by_a_triangle_with_a_guard():
    der = derivation("prism")
    assert [s.rule for s in der.steps] == ["triangle", "tet_net"]
    assert not der.result.has(sympy.Sum)
    fs = factors(der.result)
    assert Triangle(g, h, i) in fs and 1 / Theta(g, h, i) in fs
    assert sum(isinstance(x, Tet) for x in fs) == 2
    # the triangle's legs (g, h, i) = (0, 0, 2) are inadmissible while every vertex is
    # admissible: the prism is 0 and the formula gives 0 without dividing by theta(0, 0, 2) = 0
    env = {a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 0, h: 0, i: 2}
    assert prism().specialise(env).evaluate() == 0
    assert exact_value(der.result, env) == 0


def test_cube_has_one_sum_whose_range_is_explicit():
    d = derivation("cube")
    assert [s.rule for s in d.steps] == ["f_move", "triangle", "triangle", "tet_net"]
    (total,) = d.result.atoms(sympy.Sum)
    assert total == d.result
    ((var, lo, hi),) = total.limits
    assert var.name == "m"  # k and l are spins of the cube
    assert isinstance(lo, sympy.Max) and isinstance(hi, sympy.Min) and len(lo.args) == 4 == len(hi.args)
    fs = factors(total.function)
    assert sum(isinstance(x, Tet) for x in fs) == 4 and Loop(var) in fs
    assert not total.function.has(Triangle)  # the triangle guards became the range


@pytest.mark.parametrize("n", [5, 6])
def test_n_prisms_need_one_sum(n):
    net = n_prism(n)
    d = reduce_network(net, samples=8, max_spin=1)
    assert len(d.result.atoms(sympy.Sum)) == 1
    assert sum(s.rule == "f_move" for s in d.steps) == 1
    env = random_colouring(net, random.Random(n), 1)
    assert compare(net, d.result, env)


def test_dodecahedron_gives_nested_sums():
    net = from_planar_graph(nx.dodecahedral_graph(), "dodecahedron")
    d = reduce_network(net, samples=3, max_spin=1)
    sums = d.result.atoms(sympy.Sum)
    assert len(sums) == sum(s.rule == "f_move" for s in d.steps) >= 3
    assert d.check.nonzero == 3


def test_disjoint_components_multiply():
    x, y = spins("x y")
    edges = {"a": ("u", "v", a), "b": ("u", "v", b), "c": ("u", "v", c), "x": ("w", "w", x), "y": ("z", "z", y)}
    net = SymbolicNetwork.from_edges(edges, {"v": ["c", "b", "a"]})
    d = reduce_network(net)
    assert set(factors(d.result)) == {Theta(a, b, c), Loop(x), Loop(y)}
    assert str(d.start) == "Gamma(a, b, c, x, y)"


def test_numeric_spins_and_empty_network():
    d = reduce_network(theta([1, 1, 1]))
    assert d.result == Theta(1, 1, 1) and d.check.samples == 1
    assert exact_value(d.result) == -3
    empty = reduce_network(SymbolicNetwork.from_edges({}))
    assert empty.result == 1 and not empty.steps


def test_sum_variables_avoid_the_networks_names():
    k, l_ = spins("k l")
    d = reduce_network(cube("a b c d e f g h i j k l"))
    assert {k, l_} <= d.result.free_symbols
    (total,) = d.result.atoms(sympy.Sum)
    assert total.limits[0][0] not in cube().free_symbols


# --- the trace ---------------------------------------------------------------------------------


def test_derivation_text_and_latex_render():
    d = derivation("cube")
    text = d.text()
    assert text.startswith("start: cube(a, b, c, d, e, f, g, h, i, j, k, l)")
    assert "[f_move]" in text and "[triangle]" in text and "[tet_net]" in text
    assert "N_1(" in text and "m runs over" in text and "restricts the range of m" in text
    assert "assuming (a, i, d) admissible (vertex 'A1')" in text
    assert text.splitlines()[-1].startswith("checked exactly at")
    latex = d.latex()
    assert r"\begin{enumerate}" in latex and r"\sum_{m=" in latex and r"\mathrm{Tet}" in latex
    assert d._repr_latex_() == latex
    # each step continues from the previous one
    assert d.steps[0].before == d.start
    for s, t in itertools.pairwise(d.steps):
        assert t.before == s.after
    assert d.steps[-1].after == d.result
    assert str(d.steps[1].after).count("N_2(") == 1
    q_latex = derivation("prism", True).latex()
    assert r"\mathrm{Tet}_q" in q_latex and r"\theta_q" in q_latex


def test_network_printing():
    net = prism()
    assert str(net) == "prism(a, b, c, d, e, f, g, h, i)"
    assert repr(net).startswith("SymbolicNetwork('prism': 6 vertices, 9 edges, spins a = a")
    assert sympy.sympify(net) == net.as_function()
    assert net._repr_latex_().startswith(r"$\operatorname{prism}")


def test_check_false_says_so():
    der = reduce_network(prism(), check=False)
    assert not der.check.checked and str(der.check) == "NOT CHECKED (check=False)"
    assert der.result == derivation("prism").result


# --- the check catches wrong moves -------------------------------------------------------------


def test_wrong_bubble_factor_is_caught(monkeypatch):
    right = graphical.bubble_coefficient
    monkeypatch.setattr(graphical, "bubble_coefficient", lambda a, b, c, quantum=False: 2 * right(a, b, c, quantum))
    with pytest.raises(DerivationError, match=r"\(q = 1\) check failed at \{a = .*network = .*formula = "):
        reduce_network(bubble_tetrahedron())


def test_wrong_leg_in_bubble_factor_is_caught(monkeypatch):
    monkeypatch.setattr(
        graphical, "bubble_coefficient", lambda a, b, c, quantum=False: Theta(a, b, c) / Loop(a)
    )  # the loop of a bubble edge, not of the leg
    with pytest.raises(DerivationError, match="network = "):
        reduce_network(bubble_tetrahedron())


def test_wrong_fmove_factor_is_caught(monkeypatch):
    right = graphical.fmove_coefficient
    monkeypatch.setattr(
        graphical, "fmove_coefficient", lambda x, y, z, w, j, i, quantum=False: right(x, y, z, w, j, i) / Loop(i)
    )
    with pytest.raises(DerivationError, match="graphical reduction of cube"):
        reduce_network(cube())


def test_wrong_triangle_factor_is_caught_at_generic_q(monkeypatch):
    right = graphical.triangle_coefficient
    monkeypatch.setattr(
        graphical,
        "triangle_coefficient",
        lambda a, b, c, p, q, r, quantum=False: right(b, a, c, p, q, r, quantum),  # legs swapped
    )
    with pytest.raises(DerivationError, match=r"generic q"):
        reduce_network(prism(), quantum=True, samples=3)


# --- bad input ---------------------------------------------------------------------------------


def test_valence_errors_name_the_vertex():
    edges = {"x": ("u", "v", a), "y": ("u", "v", a), "z": ("u", "w", b), "t": ("u", "w", b)}
    with pytest.raises(NetworkStructureError, match="vertex 'u' has valence 4") as info:
        SymbolicNetwork.from_edges(edges)
    assert isinstance(info.value, TQFTError)
    with pytest.raises(NetworkStructureError, match="vertex 'w' has valence 1"):
        SymbolicNetwork.from_edges({"x": ("u", "u", a), "y": ("u", "w", 0)})


def test_non_planar_rotations_are_refused():
    edges = {"a": ("u", "v", a), "b": ("u", "v", b), "c": ("u", "v", c)}
    with pytest.raises(NonPlanarError, match="genus 1"):
        SymbolicNetwork.from_edges(edges)  # both vertices see a, b, c counter-clockwise: a torus
    k33 = nx.complete_bipartite_graph(3, 3)
    edges = {f"e{k}": (u, v, 1) for k, (u, v) in enumerate(k33.edges())}
    with pytest.raises(NonPlanarError, match="planar network"):
        SymbolicNetwork.from_edges(edges, name="K33")


@pytest.mark.parametrize(
    ("spin", "message"),
    [
        (Fraction(1, 3), "spin of edge 'x' = 1/3 is not a spin"),
        (-1, "spin of edge 'x' = -1 is not a spin"),
        (0.5, "is not a spin"),
        (True, "is not a spin"),
        (sympy.Symbol("t"), "involves t, which is not a spin symbol"),
        ("a +", "does not parse"),
        ([1], "is not a spin"),
    ],
)
def test_non_spins_are_refused(spin, message):
    with pytest.raises(InvalidSpinError, match=message):
        SymbolicNetwork.from_edges({"x": ("u", "v", spin), "y": ("u", "v", 1), "z": ("u", "v", 1)})


def test_numeric_inadmissible_vertices_are_refused():
    with pytest.raises(AdmissibilityError, match=r"vertex 'u' has spins \(1, 1, 3\)"):
        theta([1, 1, 3])
    with pytest.raises(AdmissibilityError, match="bivalent"):
        SymbolicNetwork.from_edges({"x": ("u", "v", 1), "y": ("v", "u", 2)})


def test_strings_are_spin_expressions_and_specialise_checks_values():
    net = SymbolicNetwork.from_edges(
        {"x": ("u", "v", "b + 1/2"), "y": ("u", "v", "b"), "z": ("u", "v", "1/2")}, {"v": ["z", "y", "x"]}
    )
    assert net.spin("x") == b + sympy.Rational(1, 2)
    assert SymbolicNetwork.from_edges({"x": ("u", "u", "N + E")}).spin("x") == sum(spins("N E"))
    assert net.specialise({"b": 1}).colour("x") == 3
    d = reduce_network(net)
    assert d.result == Theta(sympy.Rational(1, 2), b, b + sympy.Rational(1, 2))
    with pytest.raises(InvalidArgumentError, match="gives no value to b"):
        net.specialise({})
    shifted = SymbolicNetwork.from_edges({"x": ("u", "u", "b - 1")})
    with pytest.raises(InvalidSpinError, match="at these values is not a spin"):
        shifted.specialise({b: 0})


def test_constructor_arguments_are_checked():
    with pytest.raises(InvalidArgumentError, match="needs 3 spins"):
        theta([1, 1])
    with pytest.raises(InvalidArgumentError, match="positive integer"):
        bubble_chain(0)
    with pytest.raises(InvalidArgumentError, match="identifier"):
        SymbolicNetwork.from_edges({}, name="not a name")


# --- sampling and properties -------------------------------------------------------------------


def test_random_colourings_are_admissible():
    rng = random.Random(3)
    for make in (cube, prism, lambda: bubble_chain(4), bubble_tetrahedron):
        net = make()
        for _ in range(10):
            env = random_colouring(net, rng, Fraction(3, 2))
            assert env is not None and all(0 <= v <= Fraction(3, 2) for v in env.values())
            net.specialise(env).check()


def test_a_network_without_admissible_spins_cannot_be_checked():
    never = theta(["a + 3", "a", 1])  # |(a + 3) - a| = 3 > 1: no vertex is ever admissible
    assert random_colouring(never, random.Random(0), 2, budget=100) is None
    with pytest.raises(DerivationError, match="could not be checked"):
        reduce_network(never)
    assert reduce_network(never, check=False).result == Theta(1, a, a + 3)


@st.composite
def admissible_colourings(draw, net: SymbolicNetwork, order: str, top: int = 4):
    """Spins for the edges in ``order``, each drawn among the values keeping completed vertices admissible."""
    env: dict = {}
    for edge in order.split():
        (symbol,) = net.spin(edge).free_symbols
        choices = []
        for colour in range(top + 1):
            env[symbol] = Fraction(colour, 2)
            done = [v for v in net.vertices if all(s.free_symbols <= set(env) for s in net.spins_at(v))]
            if all(_admissible([env[next(iter(s.free_symbols))] for s in net.spins_at(v)]) for v in done):
                choices.append(colour)
        del env[symbol]
        assume(choices)
        env[symbol] = Fraction(draw(st.sampled_from(choices)), 2)
    return env


def _admissible(values: list[Fraction]) -> bool:
    x, y, z = values
    return (x + y + z).denominator == 1 and abs(x - y) <= z <= x + y


@given(admissible_colourings(prism(), "a c g b h i d f e"))
def test_prism_formula_at_hypothesis_colourings(env):
    assert compare(prism(), derivation("prism").result, env)
