"""Exact TQNN: the image encodings, amplitudes, archetypes and the (M3) transition matrix.

Every published value is checked by at least two routes: the recoupling sweep on the
encoded network and an independent closed form (the N = 2 hexagonal patch is a triangular
prism, ``<H> = Tet Tet / theta``; a cycle of the patch is the boundary of a connected,
hole-free set of pixels).  The square grid's summed 4-valent corners are checked against the
same corners resolved into loops without any sum."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqft.errors import AdmissibilityError, CostLimitError, InvalidArgumentError, TQFTError
from tqft.exact import CLASSICAL, Q_MINUS_ONE
from tqft.exact.qcontexts import root_of_unity
from tqft.learning.tqnn.encodings import (
    EncodedImage,
    edge_colours,
    edge_colours_batch,
    edge_keys,
    encode,
    hexagonal_edge_colours_batch,
    square_corner_weights,
    square_plaquette_network,
)
from tqft.learning.tqnn.exact import (
    amplitude,
    class_archetypes,
    classify,
    count_states,
    evaluation,
    group_by_amplitude,
    norm2,
    patch_cycles,
    patch_symmetries,
    transition_matrix,
    transition_matrix_study,
    transition_probability,
    transition_report,
)
from tqft.recoupling.kauffman_lins import loop, tet, theta
from tqft.spin_network import SpinNetwork
from tqft.spin_network.honeycomb import honeycomb
from tqft.spin_network.honeycomb import transition_matrix as honeycomb_transition_matrix

M3_VALUES = [
    ([1], Fraction(2)),
    ([1, 1, 1, 1], Fraction(3)),
    ([2, 2, 2, 2], Fraction(245, 144)),
    ([1, 2, 3, 4], Fraction(7, 5)),
]


def prism_value(colours, ctx=Q_MINUS_ONE):
    """The N = 2 hexagonal patch is the triangular prism: reduce one triangle (Tet / theta),
    leaving a tetrahedron.  ``colours`` in the order of ``edge_keys(2)``."""
    c = dict(zip(edge_keys(2), colours, strict=True))
    l01, l02, l12, l13, l23 = (c["link", 0, 1], c["link", 0, 2], c["link", 1, 2], c["link", 1, 3], c["link", 2, 3])
    o0, o1, o2, o3 = (c["outer", i] for i in range(4))
    va, vb, vc = l12, o1, o2  # the three edges joining the corner cells' triangles
    return tet(ctx, l01, o0, l02, vc, va, vb) * tet(ctx, l13, o3, l23, vc, va, vb) / theta(ctx, va, vb, vc)


def hole_free_cell_sets(n):
    """Non-empty sets of pixels that are connected (hexagonal adjacency) and whose complement
    together with the outside is connected: by the Jordan curve theorem, the interiors of the
    simple cycles of the patch."""
    offsets = ((1, 0), (-1, 0), (0, 1), (0, -1), (-1, 1), (1, -1))
    cells = [(x, y) for y in range(n) for x in range(n)]

    def connected(nodes, extra_outside=False):
        nodes = set(nodes)
        if not nodes:
            return True
        start = next(iter(nodes))
        seen, stack = {start}, [start]
        while stack:
            p = stack.pop()
            nbrs = []
            if p == "out":
                nbrs = [
                    q
                    for q in nodes
                    if q != "out" and sum(0 <= q[0] + dx < n and 0 <= q[1] + dy < n for dx, dy in offsets) < 6
                ]
            else:
                nbrs = [(p[0] + dx, p[1] + dy) for dx, dy in offsets]
                if extra_outside and any(not (0 <= p[0] + dx < n and 0 <= p[1] + dy < n) for dx, dy in offsets):
                    nbrs.append("out")
            for q in nbrs:
                if q in nodes and q not in seen:
                    seen.add(q)
                    stack.append(q)
        return seen == nodes

    out = []
    for k in range(1, len(cells) + 1):
        for subset in itertools.combinations(cells, k):
            rest = [c for c in cells if c not in subset] + ["out"]
            if connected(subset) and connected(rest, extra_outside=True):
                out.append(subset)
    return out


# ---------------------------------------------------------------- M3 reference values
@pytest.mark.parametrize(("pixels", "value"), M3_VALUES)
def test_m3_reference_values_two_routes(pixels, value):
    # (M3) Lulli, Marciano, Zappala, arXiv:2310.03632: loop value n + 1 (q = -1)
    img = encode(pixels)
    assert img.evaluate("-1") == value
    assert evaluation(pixels) == value
    if len(pixels) == 1:
        assert loop(Q_MINUS_ONE, pixels[0]) == value
    else:
        assert prism_value(img.edge_colours) == value


def test_physical_inner_product_factorises():
    a, b = [1, 1, 1, 1], [1, 2, 3, 4]
    assert amplitude(a, b) == Fraction(3) * Fraction(7, 5)
    assert amplitude(a) == 3 and amplitude(a, None) == 3
    ctx = root_of_unity(12)
    va, vb = evaluation(a, ctx), evaluation(b, ctx)
    assert amplitude(a, b, ctx) == vb.conjugate() * va
    assert amplitude(encode(a), honeycomb(b)) == amplitude(a, b)


@settings(max_examples=40)
@given(st.lists(st.integers(0, 4), min_size=4, max_size=4))
def test_n2_sweep_equals_prism_closed_form(pixels):
    img = encode(pixels)
    assert img.evaluate("-1") == prism_value(img.edge_colours)
    assert img.evaluate("1") == prism_value(img.edge_colours, CLASSICAL)


# ---------------------------------------------------------------- encodings
@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_counts_and_edge_order(n):
    rng = random.Random(n)
    px = [[rng.randint(0, 3) for _ in range(n)] for _ in range(n)]
    hexa = encode(px)
    sq = encode(px, "square")
    if n >= 2:
        assert len(hexa.edge_colours) == 3 * n * n - 3 and len(hexa.network.vertices) == 2 * n * n - 2
        assert len(sq.edge_colours) == 2 * n * n + 2 * n - 4
        assert sum(len(sq.network.rotation(v)) == 4 for v in sq.network.vertices) == (n - 1) ** 2
    keys = edge_keys(n)
    links = [k for k in keys if k[0] == "link"]
    assert links == sorted(links) and all(k[1] < k[2] for k in links)
    assert hexa.edge_keys == keys
    assert hexa.network.genus() == 0 and sq.network.genus() == 0


def test_hexagonal_sum_is_the_honeycomb():
    px = [[1, 0, 2], [3, 1, 1], [2, 2, 0]]
    assert encode(px).network.evaluate("-1") == honeycomb(px).evaluate("-1")
    assert edge_colours(px) == encode(px).edge_colours
    # the colour of every edge is the sum of the pixels around it (outer edges: the pixel)
    flat = [v for row in px for v in row]
    for key, col in zip(edge_keys(3), edge_colours(px), strict=True):
        assert col == (flat[key[1]] + flat[key[2]] if key[0] == "link" else flat[key[1]])


@pytest.mark.parametrize("scheme", ["hexagonal", "square"])
@pytest.mark.parametrize("link", ["sum", "difference", "min"])
def test_batch_equals_network_colours(scheme, link):
    rng = np.random.default_rng(7)
    for n in (1, 2, 3, 4):
        imgs = rng.integers(0, 4, size=(6, n, n))
        if link == "min":
            imgs = 2 + 2 * (imgs % 2)  # pixels 2 and 4: every 'min' vertex is admissible
        batch = edge_colours_batch(imgs, scheme, link)
        flat = edge_colours_batch(imgs.reshape(6, n * n), scheme, link)
        assert (batch == flat).all()
        for img, row in zip(imgs, batch, strict=True):
            assert tuple(row) == encode(img, scheme, link).edge_colours


def test_batch_sizes_of_the_data_sets():
    rng = np.random.default_rng(0)
    digits = rng.integers(0, 17, size=(20, 8, 8))
    assert hexagonal_edge_colours_batch(digits).shape == (20, 189)
    mnist = rng.integers(0, 256, size=(50, 28, 28)).astype(np.uint8)
    out = hexagonal_edge_colours_batch(mnist)
    assert out.shape == (50, 2349) and out.dtype == np.int64
    assert out.max() <= 510  # no uint8 overflow
    assert tuple(out[3]) == encode(mnist[3]).edge_colours
    floats = hexagonal_edge_colours_batch(digits.astype(np.float64))
    assert (floats == hexagonal_edge_colours_batch(digits)).all()


def test_difference_is_always_admissible_and_min_is_not():
    rng = random.Random(3)
    for _ in range(20):
        px = [[rng.randint(0, 5) for _ in range(3)] for _ in range(3)]
        for scheme in ("hexagonal", "square"):
            net = encode(px, scheme, "difference").network
            net.check()
            net.evaluate("-1")
    with pytest.raises(
        AdmissibilityError, match=r"link_colour = 'min' \(hexagonal\): vertex .* between pixels .* colours"
    ):
        encode([[1, 2], [3, 4]], link_colour="min")
    with pytest.raises(AdmissibilityError, match="'sum' \\(M3\\) and 'difference' are admissible"):
        encode([[1, 2], [3, 4]], "square", "min")
    # even pixels are admissible under 'min'; a constant image has min = the pixel on every link
    assert encode([[2, 2], [2, 2]], link_colour="min").edge_colours == (2,) * 9
    assert encode([[2, 2], [2, 2]], link_colour="min").evaluate("-1") == prism_value((2,) * 9)


# ---------------------------------------------------------------- square grid: the summed corner
@settings(max_examples=30)
@given(st.integers(2, 3).flatmap(lambda n: st.lists(st.integers(0, 3), min_size=n * n, max_size=n * n)))
def test_square_sum_over_intermediate_colour_equals_unsplit_loops(pixels):
    # the loops vertex two ways: comb sum with the derived weights vs resolved into the loops
    for ctx in ("-1", "1"):
        assert encode(pixels, "square", context=ctx).evaluate(ctx) == square_plaquette_network(pixels).evaluate(ctx)


def test_square_loops_at_a_root_of_unity():
    ctx = root_of_unity(8)
    px = [[1, 2], [2, 1]]
    assert encode(px, "square", context=ctx).evaluate(ctx) == square_plaquette_network(px).evaluate(ctx)
    # evaluate() rebuilds the weights for another context
    img = encode(px, "square")
    assert img.evaluate(ctx) == square_plaquette_network(px).evaluate(ctx)
    assert img.context == "q=-1" and img.network_in(ctx) is not img.network


@pytest.mark.parametrize("ctx", ["-1", "1"])
def test_square_fusion_corner_is_two_arcs(ctx):
    # with NE = SW the corner colours satisfy E = S and N = W: the fusion-weighted sum over
    # the intermediate colour must equal the corner replaced by two arcs (E-S and N-W)
    for px in ([[2, 1], [3, 2]], [[1, 2], [3, 1]], [[0, 2], [1, 0]]):
        img = encode(px, "square", intertwiner="fusion", context=ctx)
        net = img.network
        corner = next(v for v in net.vertices if len(net.rotation(v)) == 4)
        e, n, w, s = (d[0] for d in net.rotation(corner))
        assert net.colour(e) == net.colour(s) and net.colour(n) == net.colour(w)
        arcs = SpinNetwork()
        for name in net.edges:
            u, v = net.ends(name)
            u = ("arc", "ES" if name in (e, s) else "NW") if u == corner else u
            v = ("arc", "ES" if name in (e, s) else "NW") if v == corner else v
            arcs.add_edge(name, u, v, net.colour(name))
        for x in net.vertices:
            if x != corner:
                arcs.set_rotation(x, [d[0] for d in net.rotation(x)])
        assert img.evaluate(ctx) == arcs.evaluate(ctx)


def test_square_corner_weights_examples():
    assert square_corner_weights("-1", (2, 2, 2, 2), (1, 1, 1, 1)) == {0: Fraction(1, 2), 2: Fraction(1)}
    # a single loop turning the corner (only one pixel lit) leaves one term of weight 1
    assert square_corner_weights("-1", (3, 3, 0, 0), (0, 3, 0, 0)) == {0: Fraction(1)}
    with pytest.raises(InvalidArgumentError, match="needs link_colour = 'sum'"):
        square_corner_weights("-1", (2, 3, 2, 2), (1, 1, 1, 1))


# ---------------------------------------------------------------- symmetries of the patch
@settings(max_examples=25)
@given(st.integers(2, 3).flatmap(lambda n: st.lists(st.integers(0, 3), min_size=n * n, max_size=n * n)))
def test_rhombus_symmetries_leave_the_amplitude_invariant(pixels):
    n = int(len(pixels) ** 0.5)
    img = np.array(pixels).reshape(n, n)  # img[y, x]
    value = encode(img).evaluate("-1")
    for t in (img[::-1, ::-1], img.T, img[::-1, ::-1].T):
        assert encode(t).evaluate("-1") == value
    # and as permutations of the edge colours
    cols = encode(img).edge_colours
    for perm, t in zip(patch_symmetries(n)[1:], (img[::-1, ::-1], img.T, img[::-1, ::-1].T), strict=True):
        assert tuple(cols[p] for p in perm) == encode(t).edge_colours


def test_square_grid_has_the_dihedral_symmetry():
    px = np.array([[1, 0, 2], [3, 1, 1], [0, 2, 2]])
    value = encode(px, "square").evaluate("-1")
    for k in range(4):
        for t in (np.rot90(px, k), np.rot90(px, k).T):
            assert encode(t, "square").evaluate("-1") == value


# ---------------------------------------------------------------- transition matrix identities
IMAGES = [[1, 1, 1, 1], [2, 2, 2, 2], [1, 2, 3, 4], [4, 3, 2, 1], [1, 1, 1, 1], [0, 1, 2, 0], [3, 0, 0, 3]]


def test_transition_matrix_identities():
    a = transition_matrix(IMAGES)
    m = len(IMAGES)
    values = [evaluation(x) for x in IMAGES]
    assert a == honeycomb_transition_matrix(values)  # the existing independent implementation
    blocks = group_by_amplitude(IMAGES)
    block_of = {i: k for k, b in enumerate(blocks) for i in b}
    for i, j, k in itertools.product(range(m), repeat=3):
        assert a[i, j] == a[j, i] and 0 < a[i, j] <= 1
        assert (a[i, j] == 1) == (block_of[i] == block_of[j])
        assert a[i, k] >= a[i, j] * a[j, k]  # A = min/max ratio: sub-multiplicative chains
    assert all(a[i, i] == 1 for i in range(m))
    assert [0, 4] in blocks  # [1,1,1,1] twice
    assert blocks == sorted(blocks, key=lambda b: -norm2(values[b[0]]))


def test_zero_amplitude_conventions():
    assert transition_probability(0, 0) == 1 and transition_probability(0, 0, zeros="m3") == 0
    assert transition_probability(0, 3) == 0 == transition_probability(3, 0, zeros="m3")
    assert transition_probability(Fraction(3), Fraction(-3)) == 1
    with pytest.raises(InvalidArgumentError, match="zeros = 'x'"):
        transition_probability(1, 2, zeros="x")


def test_root_of_unity_probabilities_are_exact():
    ctx = root_of_unity(7)
    p = transition_probability([1, 1, 1, 1], [1, 2, 1, 2], ctx)
    q = transition_probability([1, 2, 1, 2], [1, 1, 1, 1], ctx)
    assert p == q and 0 < complex(p).real < 1
    groups = group_by_amplitude([[1, 1, 1, 1], [1, 2, 1, 2], [1, 1, 1, 1]], ctx)
    assert sorted(map(sorted, groups)) == [[0, 2], [1]]


def test_archetypes_and_classification():
    classes = {"flat": [[1, 1, 1, 1], [1, 1, 1, 1], [2, 2, 2, 2]], "ramp": [[1, 2, 3, 4], [4, 3, 2, 1], [1, 2, 3, 4]]}
    med = class_archetypes(classes)
    assert med["flat"].member == 0 and med["flat"].norm2 == 9
    assert med["ramp"].state.pixels == ((1, 2), (3, 4)) and med["ramp"].norm2 == Fraction(49, 25)
    mean = class_archetypes(classes, "mean")
    assert mean["flat"].state.pixels == ((1, 1), (1, 1))  # mean 4/3 rounds to 1
    assert mean["ramp"].state.pixels == ((2, 2), (3, 3))  # means 2, 7/3, 8/3, 3
    assert classify([1, 1, 1, 1], med) == "flat"
    assert classify([1, 2, 3, 4], med) == "ramp"
    assert classify([4, 3, 2, 1], med) == "ramp"
    with pytest.raises(InvalidArgumentError, match="class 'x' has no members"):
        class_archetypes({"x": []})
    with pytest.raises(InvalidArgumentError, match="method = 'best'"):
        class_archetypes(classes, "best")


# ---------------------------------------------------------------- the (M3) family
@pytest.mark.parametrize("n", [2, 3])
def test_cycles_are_boundaries_of_hole_free_pixel_sets(n):
    cycles = patch_cycles(n)
    sets = hole_free_cell_sets(n)
    assert len(cycles) == len(sets) == {2: 14, 3: 280}[n]
    keys = edge_keys(n)
    boundaries = set()
    for subset in sets:
        flat = {y * n + x for x, y in subset}
        edges = []
        for k, key in enumerate(keys):
            inside = [i in flat for i in key[1:]]
            if (key[0] == "outer" and inside[0]) or (key[0] == "link" and inside[0] != inside[1]):
                edges.append(k)
        boundaries.add(tuple(edges))
    assert boundaries == set(cycles)


def test_state_counts_match_the_m3_notebook_memory_estimate():
    # the notebook sizes both float32 transition matrices at "roughly 6GB"
    for n, (lo, hi) in ((2, (1, 6)), (3, (1, 2))):
        states = count_states(len(patch_cycles(n)), lo, hi)
        assert 5.5 < states**2 * 4 / 2**30 < 6
    assert count_states(14, 1, 6) == 38759 and count_states(280, 1, 2) == 39620


@pytest.fixture(scope="module")
def study2():
    return transition_matrix_study(2)


def test_m3_n2_blocks(study2):
    s = study2
    assert (len(s.cycles), len(s.states), len(s.colourings)) == (14, 38759, 28705)
    assert len(s.blocks) == 261
    assert sum(b.size for b in s.blocks) == 38759
    top = [(b.magnitude, b.size) for b in s.blocks[:5]]
    assert top == [(16, 1), (15, 2), (12, 4), (10, 26), (9, 25)]
    bottom = [(b.magnitude, b.size) for b in s.blocks[-4:]]
    assert bottom == [(Fraction(7, 225), 6), (Fraction(7, 288), 24), (Fraction(7, 400), 3), (0, 312)]
    assert s.describe_state(s.blocks[0].example) == "3*C0 + 3*C1"  # two disjoint loops of colour 3: 4 * 4
    # M3's order (increasing row sum): the smallest non-zero amplitudes come first
    assert [s.blocks[k].magnitude for k in s.ranking[:2]] == [Fraction(7, 400), Fraction(7, 288)]
    assert s.blocks[s.ranking[-1]].magnitude == Fraction(7, 4)


def test_m3_n2_values_by_an_independent_route(study2):
    rng = random.Random(1)
    for i in rng.sample(range(len(study2.states)), 150):
        colours = study2.colourings[study2.state_colouring[i]]
        assert study2.value(i) == prism_value(colours)
        assert colours == tuple(sum(k in study2.cycles[c] for c in study2.states[i]) for k in range(9))


def test_m3_n2_matrix_entries_and_row_sums(study2):
    s = study2
    m = len(s.states)
    rng = random.Random(2)
    s_values = [norm2(s.value(j)) for j in range(m)]
    for i in rng.sample(range(m), 2):
        brute = sum(
            (Fraction(1) if (a == 0 and b == 0) else Fraction(0) if (a == 0 or b == 0) else min(a, b) / max(a, b))
            for a, b in ((s_values[i], x) for x in s_values)
        )
        assert s.row_sum(i) == brute
    for _ in range(300):
        i, j = rng.randrange(m), rng.randrange(m)
        assert s.entry(i, j) == s.entry(j, i)
        assert (s.entry(i, j) == 1) == (s.state_block[i] == s.state_block[j])
    with pytest.raises(CostLimitError, match="38,759"):
        s.matrix()
    grouping = s.grouping()
    assert [len(g) for g in grouping] == [b.size for b in s.blocks]


def test_study_without_symmetry_and_m3_zero_convention():
    a = transition_matrix_study(2, (1, 3))
    b = transition_matrix_study(2, (1, 3), use_symmetry=False, zeros="m3")
    assert a.values == b.values and b.evaluations == len(b.colourings) > a.evaluations
    assert [x.norm2 for x in a.blocks] == [x.norm2 for x in b.blocks]
    small = transition_matrix_study(2, (1, 2), zeros="m3")
    mat = small.matrix()
    zero = [i for i in range(len(small.states)) if small.value(i) == 0]
    assert all(mat[i, i] == (0 if i in zero else 1) for i in range(len(small.states)))


def test_n3_family_with_single_cycles():
    s = transition_matrix_study(3, (1, 1))
    assert len(s.states) == 280
    # every single cycle is a loop of colour 1 after removing colour-0 edges: <H> = Delta_1 = 2
    assert [(b.magnitude, b.size) for b in s.blocks] == [(2, 280)]


@pytest.mark.slow
def test_m3_n3_study():
    s = transition_matrix_study(3)
    assert (len(s.cycles), len(s.states), len(s.colourings)) == (280, 39620, 30353)
    assert [b.magnitude for b in s.blocks][:5] == [Fraction(183, 16), Fraction(183, 32), Fraction(21, 4), 4, 3]
    assert len(s.blocks) == 15 and s.blocks[4].size == 14072


def test_quantum_recoupling_gives_a_few_exact_values():
    s = transition_matrix_study(2, (1, 2), "root:5")
    assert len(s.states) == 119 and len(s.blocks) == 4
    ctx = root_of_unity(5)
    assert [b.size for b in s.blocks] == [1, 97, 18, 3]
    assert s.blocks[2].magnitude == 1  # |<H>| = 1 is rational; the others are golden-ratio numbers
    values = [complex(ctx.to_mpmath(b.norm2, 53)).real for b in s.blocks]
    assert values == sorted(values, reverse=True) and values[-1] > 0


def test_report_text_and_json():
    text = transition_report(2, (1, 2))
    assert "(M3) transition matrix: hexagonal N = 2" in text and "states: multisets of 1..2 cycles: 119" in text
    assert "ranking (increasing S" in text
    data = transition_matrix_study(2, (1, 2)).to_dict()
    assert data["states"] == 119 and data["blocks"][0]["size"] >= 1


# ---------------------------------------------------------------- errors
def test_error_messages():
    with pytest.raises(InvalidArgumentError, match="N x N"):
        encode([[1, 2], [1]])
    with pytest.raises(InvalidArgumentError, match=r"pixel \(1, 0\) = -1 is not a colour"):
        encode([[1, -1], [1, 1]])
    with pytest.raises(InvalidArgumentError, match=r"pixel \(0, 0\) = 1.5 is not a colour"):
        encode([[1.5, 1], [1, 1]])
    with pytest.raises(InvalidArgumentError, match=r"pixel \(1, 0\) = 0.5 is not a colour"):
        encode(np.array([[1.0, 0.5], [1.0, 1.0]]))
    with pytest.raises(InvalidArgumentError, match="scheme = 'hex': expected one of 'hexagonal', 'square'"):
        encode([1], scheme="hex")
    with pytest.raises(InvalidArgumentError, match="link_colour = 'max'"):
        encode([1], link_colour="max")
    with pytest.raises(InvalidArgumentError, match="takes no intertwiner"):
        encode([1, 1, 1, 1], intertwiner="loops")
    with pytest.raises(InvalidArgumentError, match="intertwiner = 'loops' needs link_colour = 'sum'"):
        encode([1, 1, 1, 1], "square", "difference", intertwiner="loops")
    with pytest.raises(AdmissibilityError, match=r"4-valent corner \(1, 1\).*colours \(E, N, W, S\) = \(4, 4, 4, 4\)"):
        encode([[2, 2], [2, 2]], "square", context="root:4")
    with pytest.raises(InvalidArgumentError, match=r"images have shape \(2, 3\)"):
        edge_colours_batch(np.zeros((2, 3)))
    with pytest.raises(InvalidArgumentError, match=r"image 1, pixel \(1, 0\) = -2"):
        edge_colours_batch(np.array([[0, 0, 0, 0], [0, -2, 0, 0]]))
    with pytest.raises(InvalidArgumentError, match="non-integer pixels"):
        edge_colours_batch(np.full((1, 2, 2), 0.5))
    with pytest.raises(InvalidArgumentError, match="context = 'generic'"):
        transition_probability([1], [2], "generic")
    with pytest.raises(CostLimitError, match="168,"):
        transition_matrix_study(4, (1, 2))
    with pytest.raises(CostLimitError, match="MAX_CYCLE_N"):
        patch_cycles(5)
    with pytest.raises(InvalidArgumentError, match="colours = \\(2, 1\\)"):
        transition_matrix_study(2, (2, 1))
    with pytest.raises(TQFTError):
        edge_keys(0)
    assert isinstance(encode([1]), EncodedImage)


# ---------------------------------------------------------------- the catalogue identities
TQNN_IDENTITIES = [
    "tqnn_m3_reference_values",
    "tqnn_patch_symmetry",
    "tqnn_square_split_sum",
    "tqnn_transition_matrix_blocks_n2",
]


@pytest.mark.parametrize("name", TQNN_IDENTITIES)
def test_tqnn_identities_pass(name):
    import tqft.identities.tqnn  # noqa: F401  (registers the identities)
    from tqft.identities import get, run_identity_cases

    identity = get(name)
    cases = list(identity.cases())
    assert len(cases) >= 10
    report = run_identity_cases(name, cases + identity.random_cases(4, seed=3))
    assert report.ok, report.failures


def test_tqnn_identities_can_fail(monkeypatch):
    import tqft.identities.tqnn as tq
    import tqft.learning.tqnn.encodings as enc
    from tqft.exact.matrix import ExactMatrix
    from tqft.identities import get

    monkeypatch.setattr(tq, "M3_REFERENCE_VALUES", (((1,), Fraction(3)), *tq.M3_REFERENCE_VALUES[1:]))
    assert not get("tqnn_m3_reference_values").check(0, 1).passed
    # the quarter turn is not a symmetry of the rhombus patch
    monkeypatch.setattr(tq, "_symmetric_images", lambda a, b, c, d: [[[a, b], [c, d]], [[c, a], [d, b]]] * 2)
    assert not all(get("tqnn_patch_symmetry").check(*case).passed for case in get("tqnn_patch_symmetry").cases())
    # fusion weights in place of the loop weights break the split sum
    loops_weights = enc.square_corner_weights
    monkeypatch.setattr(
        enc, "square_corner_weights", lambda ctx, cols, pix=None, it="loops": loops_weights(ctx, cols, None, "fusion")
    )
    assert not get("tqnn_square_split_sum").check(1, 1, 1, 1).passed
    # a matrix without its off-diagonal ones breaks the block structure
    monkeypatch.setattr(tq, "transition_matrix", lambda nets: ExactMatrix.identity(len(nets), Fraction(0), Fraction(1)))
    assert not get("tqnn_transition_matrix_blocks_n2").check(0).passed
