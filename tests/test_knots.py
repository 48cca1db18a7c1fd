"""Knots, the Kauffman bracket and the Jones polynomial (tqft.topology).

Reference values come from independent sources: KnotInfo / LinkInfo (a vendored
fixture that always runs, and the full ``database_knotinfo`` tables when installed),
regina's ``Link.jones()``, a naive ``2^n`` state sum written here, and closed forms.
Property tests check Reidemeister / Markov invariance, mirror, connected sum and the
evaluations ``V(1) = (-2)^(c-1)`` and ``V(e^(2 pi i/3)) = 1``.
"""

from __future__ import annotations

import json
import random
from importlib import resources
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqft.errors import InvalidArgumentError, NotRepresentableError
from tqft.exact.laurent import Laurent
from tqft.topology import (
    Braid,
    KnotInputError,
    KnotTypeError,
    LinkDiagram,
    as_diagram,
    braid_to_pd,
    connected_sum,
    disjoint_union,
    format_jones,
    frontier_order,
    jones,
    jones_torus_2,
    jones_torus_knot,
    jones_unlink,
    kauffman_bracket,
    parse_braid,
    parse_jones,
    parse_pd,
    to_t,
)

FIXTURE = json.loads(resources.files("tqft.topology").joinpath("data/knots.json").read_text())
KNOTS = FIXTURE["knots"]
LINKS = FIXTURE["links"]
TREFOIL = "[[1,5,2,4],[3,1,4,6],[5,3,6,2]]"  # KnotInfo 3_1, right-handed
A = Laurent.gen()
D = -(A**2) - A**-2


# ---------------------------------------------------------------------------------------
# An independent reference: the 2^n state sum, written directly from Kauffman's definition
# ---------------------------------------------------------------------------------------
def naive_bracket(pd: list[list[int]]) -> Laurent:
    """sum over states of A^(#A - #B) d^(loops - 1); A joins a-b, c-d and B joins a-d, b-c."""
    labels = {e for c in pd for e in c}
    total = Laurent()
    for state in product((0, 1), repeat=len(pd)):
        parent = {e: e for e in labels}
        for (a, b, c, d), s in zip(pd, state):
            for x, y in ((a, b), (c, d)) if s == 0 else ((a, d), (b, c)):
                parent[_find(parent, x)] = _find(parent, y)
        loops = len({_find(parent, e) for e in labels})
        total = total + A ** (state.count(0) - state.count(1)) * D ** (loops - 1)
    return total


def _find(parent: dict[int, int], x: int) -> int:
    while parent[x] != x:
        x = parent[x]
    return x


def fixture_ids(row: dict) -> str:
    return row["name"]


# ---------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        TREFOIL,
        "{{1,5,2,4},{3,1,4,6},{5,3,6,2}}",
        "X[1,5,2,4] X[3,1,4,6] X[5,3,6,2]",
        "PD[X[1, 5, 2, 4], X[3, 1, 4, 6], X[5, 3, 6, 2]]",
        "  [(1,5,2,4); (3,1,4,6); (5,3,6,2)]  ",
        [[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 2]],
        ((1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2)),
    ],
)
def test_pd_formats_agree(text):
    assert parse_pd(text) == ((1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2))
    assert LinkDiagram.from_pd(text) == LinkDiagram(TREFOIL)


@pytest.mark.parametrize(
    "text, word, strands",
    [
        ("1,1,1", (1, 1, 1), 2),
        ("1 -2 1 -2", (1, -2, 1, -2), 3),
        ("{1,-2,1,-2}", (1, -2, 1, -2), 3),
        ("[1,-2,1,-2]", (1, -2, 1, -2), 3),
        ("{3, {-2, -2, -1, 2, -1}}", (-2, -2, -1, 2, -1), 3),
        ("BR[4, {1, -2}]", (1, -2), 4),
        ([2, -1], (2, -1), 3),
        ("", (), 1),
    ],
)
def test_braid_formats(text, word, strands):
    b = parse_braid(text)
    assert (b.word, b.strands) == (word, strands)


@pytest.mark.parametrize(
    "bad, match",
    [
        ("[[1,5,2,4],[3,1,4]]", r"crossing 1 = \[3, 1, 4\] has 3 labels"),
        ("[[1,5,2,4],[3,1,4,6],[5,3,6,7]]", r"label 2 occurs 1 time \(in crossing 0 = \[1, 5, 2, 4\]\)"),
        ("[[1,5,2,4],[3,1,4,6],[5,3,6,2],[5,3,6,2]]", r"label 5 occurs 3 times .*crossing 3 = \[5, 3, 6, 2\]"),
        ("[[1,5,2,4],[3,1,4,6],[5,3,6,2]", r"missing"),
        ("Y[1,5,2,4]", r"unknown name 'Y'"),
        ("[[1,5,2,4],[3,1,4,6],[5,3,6,2]] #", r"unexpected character '#'"),
        ("[[2,5,1,4],[3,1,4,6],[5,3,6,2]]", r"crossing 0 = \[2, 5, 1, 4\]: the under-strand runs from .* 2 to .* 1"),
        ("[[1,5,2,3],[3,1,4,6],[5,4,6,2]]", r"over-strand labels 5 and 3 are not consecutive"),
        ("[[1,9,2,8],[3,1,4,6],[5,3,6,2]]", r"label 9 occurs 1 time"),
        ("[[1,4,2,5],[3,1,4,6],[5,3,6,2]]", r"do not form a planar diagram"),  # one crossing listed clockwise
        ("X[2,4,3,1] X[3,1,4,2]", r"planar"),  # virtual knot 2.1 (Green's table)
        ("[[1,2,3,4],[3,4,1,2]]", r"the component through labels \[1, 3\] is not numbered consecutively"),
    ],
)
def test_pd_errors_name_the_crossing(bad, match):
    with pytest.raises(KnotInputError, match=match):
        LinkDiagram.from_pd(bad)


def test_numpy_input():
    import numpy as np

    k = LinkDiagram(np.array([[1, 5, 2, 4], [3, 1, 4, 6], [5, 3, 6, 2]]))
    assert k == LinkDiagram(TREFOIL) and parse_braid(np.array([1, -2, 1])).word == (1, -2, 1)


def test_error_types():
    with pytest.raises(KnotTypeError, match="must be a string or a sequence"):
        parse_pd(3.5)
    with pytest.raises(KnotTypeError, match="must be an int"):
        parse_pd([[1, 5, 2, 4.0], [3, 1, 4, 6], [5, 3, 6, 2]])
    with pytest.raises(KnotInputError, match="letter 1 = 0 is not a generator"):
        parse_braid([1, 0, 1])
    with pytest.raises(KnotInputError, match="letter 0 = 3 is not a generator on 3 strands"):
        parse_braid([3], strands=3)
    with pytest.raises(KnotInputError, match="is a list"):
        parse_braid("[[1,1,1],[1,2]]")
    with pytest.raises(KnotInputError, match="unmatched"):  # a typo in LinkInfo's L10a121{1}
        parse_braid("{4,{2, -3, 2, 3, 3, -1, 2, 2, 3, 3, 1, 2, 2, -1)}")
    with pytest.raises(ValueError):  # KnotInputError is a ValueError for callers that do not know tqft
        LinkDiagram("[[1,1,1,1]]")
    with pytest.raises(TypeError):
        as_diagram(3)


# ---------------------------------------------------------------------------------------
# Orientation, signs, writhe, mirror, constructions
# ---------------------------------------------------------------------------------------
def test_signs_and_writhe():
    k = LinkDiagram(TREFOIL)
    assert k.signs == (1, 1, 1) and k.writhe == 3 and k.is_knot()
    assert k.components == ((1, 2, 3, 4, 5, 6),)
    m = k.mirror()
    assert m.signs == (-1, -1, -1) and m.mirror() == k
    fig8 = LinkDiagram("[[4,2,5,1],[8,6,1,5],[6,3,7,4],[2,7,3,8]]")
    assert fig8.writhe == 0 and sorted(fig8.signs) == [-1, -1, 1, 1]


def test_knot_atlas_braid_example():
    # Knot Atlas, "Braid Representatives": BR[2, {-1,-1,-1}] has PD X[6,3,1,4] X[4,1,5,2] X[2,5,3,6].
    atlas = LinkDiagram("X[6,3,1,4] X[4,1,5,2] X[2,5,3,6]")
    ours = braid_to_pd([-1, -1, -1])
    assert atlas.signs == ours.signs == (-1, -1, -1)
    assert jones(atlas) == jones(ours) == parse_jones("t^(-1) + t^(-3) - t^(-4)")


def test_two_edge_components_are_oriented_by_their_other_ends():
    hopf = LinkDiagram("{{4, 2, 3, 1}, {2, 4, 1, 3}}")  # LinkInfo L2a1{1}
    assert hopf.components == ((1, 2), (3, 4)) and hopf.signs == (1, 1)
    neg = LinkDiagram("{{4, 1, 3, 2}, {2, 3, 1, 4}}")  # L2a1{0}
    assert neg.signs == (-1, -1)
    # a Reidemeister II picture: component {1, 2} only passes over, so its labels do not orient
    # it; the rule lets the smaller label enter the first crossing (1 -> 2 there: negative)
    r2 = LinkDiagram([[3, 1, 4, 2], [4, 1, 3, 2]])
    assert r2.signs == (-1, 1) and jones(r2) == jones_unlink(2)
    # a one-crossing curl: edges 1 and 2 each with both ends at the crossing
    assert LinkDiagram([[1, 1, 2, 2]]).signs == (1,)
    assert LinkDiagram([[1, 2, 2, 1]]).signs == (-1,)
    assert jones([[1, 1, 2, 2]]) == jones([[1, 2, 2, 1]]) == jones("X[1,2,2,1]") == 1
    assert as_diagram("[[1,2,2,1]]").num_crossings == 1 and as_diagram("[1,2,2,1]").num_crossings == 4


def test_unknots_and_empty_diagrams():
    assert LinkDiagram().num_components == 1 and LinkDiagram("").unknots == 1
    assert braid_to_pd("", strands=3).num_components == 3
    assert braid_to_pd([1], strands=4).num_components == 3  # one crossing on strands 1-2, two free strands
    u = disjoint_union(TREFOIL, LinkDiagram())
    assert u.num_components == 2 and str(u).endswith("+ 1 unknot")
    assert jones(u) == jones(TREFOIL) * jones_unlink(2)
    assert kauffman_bracket(braid_to_pd("", strands=3)) == D**2


def test_connected_sum_of_trefoils():
    t = LinkDiagram(TREFOIL)
    granny, square = connected_sum(t, t), connected_sum(t, t.mirror())
    assert granny.num_crossings == 6 and granny.writhe == 6 and granny.is_knot()
    assert jones(granny) == jones(t) ** 2
    assert jones(square) == jones(t) * jones(t).bar() == jones(square).bar()  # amphicheiral
    assert connected_sum(t, LinkDiagram()) == t


def test_repr_and_str_round_trip():
    k = braid_to_pd("1 -2 1 -2")
    assert repr(k) == f"LinkDiagram({k.pd()!r})" and LinkDiagram(k.pd()) == k
    assert LinkDiagram(str(k)) == k
    assert repr(braid_to_pd([1], strands=3)) == "LinkDiagram([[1, 1, 2, 2]], unknots=1)"
    assert str(Braid((1, -2), 3)) == "[1,-2]" and Braid((1, -2), 3).mirror().word == (-1, 2)


# ---------------------------------------------------------------------------------------
# The bracket: frontier sweep against the 2^n state sum
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("row", [r for r in KNOTS if 0 < r["crossing_number"] <= 9], ids=fixture_ids)
def test_bracket_against_state_sum(row):
    pd = LinkDiagram(row["pd"]).pd()
    assert kauffman_bracket(pd) == naive_bracket(pd)


def test_bracket_of_trefoil_and_hopf():
    assert kauffman_bracket(TREFOIL) == -(A**5) - A**-3 + A**-7  # Kauffman's value, right-handed
    assert kauffman_bracket("{{4, 2, 3, 1}, {2, 4, 1, 3}}") == -(A**4) - A**-4


def test_frontier_stays_narrow_on_13_crossings():
    for row in KNOTS:
        if row["crossing_number"] == 13:
            order, widths = frontier_order(row["pd"])
            assert sorted(order) == list(range(13)) and widths[-1] == 0 and max(widths) <= 8


# ---------------------------------------------------------------------------------------
# Jones polynomial: the vendored KnotInfo / LinkInfo fixture (always runs)
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("row", KNOTS, ids=fixture_ids)
def test_jones_matches_knotinfo(row):
    expected = parse_jones(row["jones"])
    assert jones(row["pd"]) == expected
    assert jones(braid_to_pd(row["braid"])) == expected
    assert jones(LinkDiagram(row["pd"]).mirror()) == expected.bar()
    if "amphicheiral" in row["symmetry_type"]:
        assert expected == expected.bar()


@pytest.mark.parametrize("row", LINKS, ids=fixture_ids)
def test_jones_matches_linkinfo(row):
    expected = parse_jones(row["jones"], "x")
    k = LinkDiagram(row["pd"])
    assert k.num_components == row["components"]
    assert jones(k) == expected == jones(braid_to_pd(row["braid"]))
    assert expected.evaluate(1) == (-2) ** (row["components"] - 1)


def test_knotinfo_conventions():
    # KnotInfo: 3_1 (braid {1,1,1}, all crossings positive) has V = t + t^3 - t^4.
    v = jones("{1,1,1}")
    assert format_jones(v) == "t + t^3 - t^4" and str(to_t(v)) == "-x^4 + x^3 + x"
    assert format_jones(jones("X[1,5,2,4] X[3,1,4,6] X[5,3,6,2]")) == "t + t^3 - t^4"
    assert format_jones(jones([-1, -1, -1])) == "-t^(-4) + t^(-3) + t^(-1)"
    assert format_jones(jones("1 -2 1 -2")) == "t^(-2) - t^(-1) + 1 - t + t^2"
    assert jones([]) == jones("") == 1
    # The Knot Atlas' 3_1 (its PD[Knot[3, 1]]) is the left-handed trefoil, q^-1 + q^-3 - q^-4 with q = t.
    atlas = LinkDiagram("PD[X[1, 4, 2, 5], X[3, 6, 4, 1], X[5, 2, 6, 3]]")
    assert atlas.writhe == -3 and jones(atlas) == parse_jones("t^(-1) + t^(-3) - t^(-4)")


# ---------------------------------------------------------------------------------------
# Closed forms
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", range(-7, 9))
def test_torus_2_closed_form(n):
    word = (1,) * n if n >= 0 else (-1,) * -n
    assert jones(Braid(word, 2)) == jones_torus_2(n)
    assert jones_torus_2(-n) == jones_torus_2(n).bar()


@pytest.mark.parametrize("p, q", [(2, 3), (2, 5), (3, 2), (3, 4), (3, 5), (2, -7), (4, 3), (3, 7), (4, 5), (5, 6)])
def test_torus_knot_closed_form(p, q):
    word = [i for _ in range(abs(q)) for i in range(1, p)]
    if q < 0:
        word = [-g for g in word]
    assert jones(Braid(tuple(word), p)) == jones_torus_knot(p, q)
    if p == 2:
        assert jones_torus_knot(p, q) == jones_torus_2(q)


def test_closed_forms_match_knotinfo_torus_knots():
    table = {r["name"]: parse_jones(r["jones"]) for r in KNOTS}
    for name, (p, q) in {"3_1": (2, 3), "5_1": (2, 5), "7_1": (2, 7), "9_1": (2, 9), "11a_367": (2, 11),
                         "13a_4878": (2, 13), "8_19": (3, 4), "10_124": (3, 5)}.items():  # fmt: skip
        assert jones_torus_knot(p, q) == table[name], name
    assert jones_torus_2(2) == parse_jones("-x-x^5")  # LinkInfo L2a1{1}, the positive Hopf link
    assert jones_torus_2(4) == parse_jones("-x^3-x^7 + x^9-x^11")  # L4a1{1} = T(2, 4)


def test_closed_form_errors():
    with pytest.raises(InvalidArgumentError, match=r"\(p, q\) = \(2, 4\) must be coprime"):
        jones_torus_knot(2, 4)
    with pytest.raises(InvalidArgumentError, match="components = 0"):
        jones_unlink(0)
    with pytest.raises(NotRepresentableError, match="half-integer power"):
        to_t(jones_torus_2(2))


# ---------------------------------------------------------------------------------------
# The method switch
# ---------------------------------------------------------------------------------------
def test_method_switch():
    with pytest.raises(InvalidArgumentError, match=r"method = 'skein' is not a Jones algorithm; allowed: \['bracket'"):
        jones(TREFOIL, method="skein")
    assert jones("1,1,1", method="markov") == jones("1,1,1") == parse_jones("t+ t^3-t^4")
    with pytest.raises(KnotInputError, match="needs a braid word"):
        jones(TREFOIL, method="markov")


@pytest.mark.parametrize("row", [r for r in KNOTS + LINKS if r.get("braid")], ids=fixture_ids)
def test_two_algorithms_agree_on_the_fixture(row):
    """Kauffman bracket on the braid closure's PD code = Markov trace of the R-matrix
    representation = KnotInfo's stored polynomial."""
    braid = parse_braid(row["braid"])
    via_markov = jones(braid, method="markov")
    assert via_markov == jones(braid_to_pd(braid))
    assert via_markov == jones(row["pd"])


# ---------------------------------------------------------------------------------------
# Reading KnotInfo's polynomial text
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("t+ t^3-t^4", {2: 1, 6: 1, 8: -1}),
        ("47 + t^(-8) - 4/t^7 - 52/t - 37*t", {0: 47, -16: 1, -14: -4, -2: -52, 2: -37}),
        ("-x^(-5)-x^(-1)", {-5: -1, -1: -1}),
        ("-t^(1/2) - t^(5/2)", {1: -1, 5: -1}),
        ("1", {0: 1}),
        ("2 t^2 - 3", {4: 2, 0: -3}),
    ],
)
def test_parse_jones(text, expected):
    assert parse_jones(text) == Laurent(expected)


@pytest.mark.parametrize("bad", ["t + x", "t^(1/3)", "3 t t", "t +* 2", "", "q^2", "4/"])
def test_parse_jones_rejects(bad):
    with pytest.raises(KnotInputError):
        parse_jones(bad)


@given(st.dictionaries(st.integers(-20, 20), st.integers(-50, 50).filter(bool), max_size=8))
def test_format_parse_round_trip(coeffs):
    poly = Laurent(coeffs)
    assert parse_jones(format_jones(poly) if poly else "0") == poly


# ---------------------------------------------------------------------------------------
# Property tests on random braids
# ---------------------------------------------------------------------------------------
@st.composite
def braids(draw, max_strands: int = 4, max_len: int = 9) -> Braid:
    n = draw(st.integers(2, max_strands))
    letters = st.integers(1, n - 1).flatmap(lambda i: st.sampled_from((i, -i)))
    return Braid(tuple(draw(st.lists(letters, max_size=max_len))), n)


def closure_is_knot(b: Braid) -> bool:
    perm = list(range(b.strands))
    for g in b.word:
        i = abs(g) - 1
        perm[i], perm[i + 1] = perm[i + 1], perm[i]
    seen, x = {0}, perm[0]
    while x not in seen:
        seen.add(x)
        x = perm[x]
    return len(seen) == b.strands


@given(braids(), st.integers(1, 3).flatmap(lambda i: st.sampled_from((i, -i))))
def test_bracket_invariant_under_conjugation(b, g):
    """sigma b sigma^-1 closes up to a diagram related by Reidemeister II moves."""
    g = g if abs(g) < b.strands else 1 if g > 0 else -1
    conj = Braid((g, *b.word, -g), b.strands)
    assert kauffman_bracket(conj) == kauffman_bracket(b)
    rotated = Braid(b.word[1:] + b.word[:1], b.strands)  # cyclic rotation: planar isotopy of the closure
    assert kauffman_bracket(rotated) == kauffman_bracket(b)


@given(braids(max_strands=4, max_len=6))
def test_braid_relations_reidemeister_2_and_3(b):
    n = b.strands
    base = kauffman_bracket(b)
    for i in range(1, n):
        assert kauffman_bracket(Braid((*b.word, i, -i), n)) == base  # R2
    if n >= 3:
        lhs = Braid((*b.word, 1, 2, 1), n)
        rhs = Braid((*b.word, 2, 1, 2), n)
        assert kauffman_bracket(lhs) == kauffman_bracket(rhs)  # R3


@given(braids(), st.sampled_from((1, -1)))
def test_markov_stabilisation(b, sign):
    """b -> b sigma_n^(+-1) on n+1 strands: a Reidemeister I kink; <> gains -A^(+-3), V is unchanged."""
    n = b.strands
    stab = Braid((*b.word, sign * n), n + 1)
    assert kauffman_bracket(stab) == kauffman_bracket(b) * (-(A ** (3 * sign)))
    assert jones(stab) == jones(b)


@given(braids())
def test_mirror_and_evaluations(b):
    k = braid_to_pd(b)
    v = jones(k)
    assert jones(k.mirror()) == v.bar() == jones(b.mirror())
    assert v.evaluate(1) == (-2) ** (k.num_components - 1)
    if closure_is_knot(b):
        # V(omega) = 1 at t = e^(2 pi i/3): reduce the powers of t modulo t^2 + t + 1
        r = [0, 0, 0]
        for e, c in to_t(v).to_dict().items():
            r[e % 3] += c
        assert (r[0] - r[2], r[1] - r[2]) == (1, 0)


@given(braids(max_len=6), braids(max_len=6))
def test_connected_sum_multiplies(b1, b2):
    k1, k2 = braid_to_pd(b1), braid_to_pd(b2)
    s = connected_sum(k1, k2)
    assert s.num_components == max(1, k1.num_components + k2.num_components - 1)
    assert jones(s) == jones(k1) * jones(k2)
    assert kauffman_bracket(s) == kauffman_bracket(k1) * kauffman_bracket(k2)


@given(st.sampled_from([r for r in KNOTS if r["crossing_number"]]), st.randoms(use_true_random=False))
def test_relabel_and_reorder_invariance(row, rnd):
    """Rotating the labels along the knot and shuffling the crossings gives the same diagram."""
    k = LinkDiagram(row["pd"])
    n = 2 * k.num_crossings
    shift = rnd.randrange(n)
    cr = [[(e - 1 + shift) % n + 1 for e in c] for c in k.pd()]
    rnd.shuffle(cr)
    other = LinkDiagram(cr)
    assert other.writhe == k.writhe
    assert kauffman_bracket(other) == kauffman_bracket(k)


@given(braids(max_strands=5, max_len=12))
def test_against_state_sum_on_random_braids(b):
    k = braid_to_pd(b)
    if k.num_crossings:
        assert kauffman_bracket(k) == naive_bracket(k.pd()) * D**k.unknots


# ---------------------------------------------------------------------------------------
# regina (an independent C++ implementation)
# ---------------------------------------------------------------------------------------
def regina_jones(pd: list[list[int]]) -> Laurent:
    import regina  # a test dependency (extra "test"): the independent C++ implementation

    p = regina.Link.fromPD(pd).jones()  # Laurent in x = t^(1/2), same sign convention as KnotInfo
    return Laurent({e: p[e].pythonValue() for e in range(p.minExp(), p.maxExp() + 1)})


@pytest.mark.parametrize("row", [r for r in KNOTS + LINKS if r["crossing_number"]], ids=fixture_ids)
def test_against_regina_fixture(row):
    k = LinkDiagram(row["pd"])
    assert jones(k) == regina_jones(k.pd())


@given(braids(max_strands=5, max_len=14))
def test_against_regina_random(b):
    k = braid_to_pd(b)
    if k.num_crossings and not k.unknots:
        assert jones(k) == regina_jones(k.pd())


# ---------------------------------------------------------------------------------------
# The KnotInfo / LinkInfo tables, when database_knotinfo is installed
# ---------------------------------------------------------------------------------------
def _table(links: bool = False) -> list[dict]:
    import database_knotinfo as db  # a test dependency (extra "test"): KnotInfo's own table

    return db.link_list(proper_links=links)[1:]


def _check_knot(row: dict) -> None:
    expected = parse_jones(row["jones_polynomial"]) if row["jones_polynomial"] else Laurent.constant(1)
    assert jones(row["pd_notation"]) == expected, row["name"]
    text = row["braid_notation"]
    if text.count("[") > 1:  # several braid words for one knot: take the first
        text = text[1 : text.index("]") + 1]
    braid = parse_braid(text)
    assert jones(braid) == expected, row["name"]


def test_knotinfo_up_to_ten_crossings_and_a_sample():
    rows = _table()
    small = [r for r in rows if int(r["crossing_number"]) <= 10]
    assert len(small) == 250  # 0_1 and the 249 prime knots with 3..10 crossings
    sample = random.Random(2024).sample([r for r in rows if int(r["crossing_number"]) > 10], 300)
    for row in small + sample:
        _check_knot(row)


def test_linkinfo_up_to_eight_crossings():
    rows = [r for r in _table(links=True) if int(r["crossing_number"]) <= 8]
    for row in rows:
        expected = parse_jones(row["jones_polynomial"], "x")
        assert jones(row["pd_notation_vector"]) == expected, row["name"]


@pytest.mark.slow
def test_knotinfo_full_table():
    """All 12,965 KnotInfo knots, by PD code and by braid closure (about 15 s)."""
    rows = _table()
    for row in rows:
        _check_knot(row)
    widths = [max(frontier_order(r["pd_notation"])[1]) for r in rows if r["crossing_number"] == "13"]
    assert len(widths) == 9988 and max(widths) == 8


@settings(max_examples=40, deadline=None)
@given(braids(max_strands=5, max_len=12))
def test_two_algorithms_agree_on_random_braids(b):
    assert jones(b, method="markov") == jones(braid_to_pd(b))
