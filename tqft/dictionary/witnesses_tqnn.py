"""Dictionary witnesses for topological quantum neural networks: images as spin networks,
amplitudes, the transition matrix and class archetypes ((M), (M2), (M3)).

Every witness compares a value computed by tqft with an independently obtained one: a
published reference value of (M3), a closed form, or a second route through different code
(e.g. the vectorised edge colours against the colours of the built network).  The private
``_check_*`` functions take the example as arguments, so the tests can perturb it and see
the check fail.

References: (M) arXiv:2007.00142; (M2) arXiv:2210.13741; (M3) Lulli, Marciano, Zappala,
arXiv:2310.03632 (values at q = -1, where a loop of colour ``n`` is worth ``n + 1``).
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..identities.core import CheckResult
from ..identities.tqnn import prism_closed_form
from ..learning.tqnn.encodings import edge_colours, edge_keys, encode, hexagonal_edge_colours_batch
from ..learning.tqnn.exact import (
    amplitude,
    class_archetypes,
    classify,
    group_by_amplitude,
    patch_cycles,
    patch_network,
    patch_symmetries,
    transition_probability,
)
from ..spin_network import SpinNetwork, cut, evaluate_open, honeycomb, pair
from ..spin_network.honeycomb import physical_inner_product
from ..spin_network.honeycomb import transition_matrix as honeycomb_transition_matrix
from .witnesses_core import equal_pairs

__all__ = [
    "M3_VALUES",
    "class_similarity",
    "clustering",
    "dataset_symmetry",
    "disjoint_union",
    "forward_pass",
    "image",
    "input_features",
    "input_sample",
    "neighbouring_pixels",
    "output_layer",
    "pixel_value",
]

#: (M3)'s published evaluations at q = -1 (REFERENCES.md, section 1): pixels -> <H>
M3_VALUES: dict[tuple[int, ...], Fraction] = {
    (1,): Fraction(2),
    (1, 1, 1, 1): Fraction(3),
    (2, 2, 2, 2): Fraction(245, 144),
    (1, 2, 3, 4): Fraction(7, 5),
}


def disjoint_union(a: SpinNetwork, b: SpinNetwork) -> SpinNetwork:
    """The network ``a`` drawn next to ``b`` (names prefixed ``"a"`` and ``"b"``): one
    closed planar network whose evaluation is the product of theirs."""
    edges: dict[Hashable, tuple[Hashable, Hashable, int]] = {}
    rotation: dict[Hashable, list[Hashable]] = {}
    for net in (a.relabel("a"), b.relabel("b")):
        for e in net.edges:
            u, v = net.ends(e)
            edges[e] = (u, v, net.colour(e))
        for v in net.vertices:
            rotation[v] = [dart[0] for dart in net.rotation(v)]
    return SpinNetwork.from_edges(edges, rotation)


# --- input sample <-> boundary state ------------------------------------------------------------


def _check_input_sample(pixels: Sequence[int], cell: tuple[int, int], expected: Fraction) -> CheckResult:
    net = honeycomb(list(pixels))
    # the corners of one pixel's cell: ends of the sides that bound it
    inside = {v for e in net.edges if isinstance(e, tuple) and cell in e[1:-1] for v in net.ends(e)}
    crossing = [e for e in net.edges if (net.ends(e)[0] in inside) != (net.ends(e)[1] in inside)]
    left, right = cut(net, crossing)
    paired = pair(evaluate_open(left, "-1"), evaluate_open(right, "-1"))
    return equal_pairs([(paired, expected), (net.evaluate("-1"), expected)])


def input_sample() -> CheckResult:
    """An input image is a boundary spin-network state (M2, M3).

    Example: the 2x2 image ``(1, 2, 3, 4)`` as its hexagonal network; cutting it around the
    cell of pixel ``(0, 0)`` gives two open networks, i.e. vectors of a boundary
    (intertwiner) space, and their pairing must be the closed evaluation, which must be
    (M3)'s published ``7/5``.
    """
    return _check_input_sample((1, 2, 3, 4), (0, 0), M3_VALUES[1, 2, 3, 4])


# --- forward pass <-> physical inner product -----------------------------------------------------


def _check_forward_pass(state_in: Sequence[int], state_out: Sequence[int], expected: Fraction) -> CheckResult:
    via_encoding = amplitude(list(state_in), list(state_out))
    h_in, h_out = honeycomb(list(state_in)), honeycomb(list(state_out))
    via_networks = physical_inner_product(h_out, h_in)
    via_union = disjoint_union(h_out, h_in).evaluate("-1")
    return equal_pairs([(via_encoding, expected), (via_networks, expected), (via_union, expected)])


def forward_pass() -> CheckResult:
    """The forward pass is the transition amplitude ``<H_out|P|H_in>`` (M, M2, M3).

    For planar states the Noui-Perez projector acts trivially and the amplitude factorises,
    ``conj(<H_out>) <H_in>`` (M3).  Example: input ``(1, 2, 3, 4)``, output ``(1, 1, 1, 1)``:
    the amplitude from :func:`tqft.learning.tqnn.exact.amplitude`, from the two honeycomb
    networks, and as the evaluation of the one network ``H_out`` drawn beside ``H_in``, must
    all equal the product of (M3)'s published values, ``3 * 7/5 = 21/5``.
    """
    expected = M3_VALUES[1, 1, 1, 1] * M3_VALUES[1, 2, 3, 4]
    return _check_forward_pass((1, 2, 3, 4), (1, 1, 1, 1), expected)


# --- image <-> hexagonal spin network ------------------------------------------------------------


def _check_image(sizes: Sequence[int], mnist_edges: int) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    for n in sizes:
        net = honeycomb([[1 + (x + 2 * y) % 3 for x in range(n)] for y in range(n)])
        net.check()  # every vertex trivalent and admissible, or an error
        degrees = {len(net.rotation(v)) for v in net.vertices}
        pairs.append(((len(net.vertices), len(net.edges), degrees), (2 * n * n - 2, 3 * n * n - 3, {3})))
    mnist = hexagonal_edge_colours_batch(np.zeros((1, 28, 28), dtype=np.uint8)).shape[1]
    pairs.append((mnist, mnist_edges))
    return equal_pairs(pairs)


def image() -> CheckResult:
    """An image is a hexagonal (honeycomb) spin network (M3).

    Example: images of side ``N = 2, 3, 4`` give trivalent admissible networks with
    ``V = 2N^2 - 2`` vertices and ``E = 3N^2 - 3`` edges (M3's counts), and a 28x28 MNIST
    image gives the 2349 edge colours that (M2) feeds to its perceptron.
    """
    return _check_image((2, 3, 4), 2349)


# --- pixel value <-> loop colour -----------------------------------------------------------------


def _check_pixel_value(colours: Sequence[int], published: dict[tuple[int, ...], Fraction]) -> CheckResult:
    pairs: list[tuple[Any, Any]] = [(honeycomb([r]).evaluate("-1"), r + 1) for r in colours]
    pairs += [(honeycomb(list(p)).evaluate("-1"), v) for p, v in published.items()]
    return equal_pairs(pairs)


def pixel_value() -> CheckResult:
    """A pixel value is the colour of the loop bounding its cell (M3).

    Example: a one-pixel image of colour ``r`` is a single loop and must evaluate to the
    classical loop value ``r + 1`` (``r = 0..8``); and the four published (M3) evaluations
    (one pixel of colour 1: 2; ``(1,1,1,1)``: 3; ``(2,2,2,2)``: 245/144; ``(1,2,3,4)``: 7/5)
    must come out of the loop-colour encoding exactly.
    """
    return _check_pixel_value(range(9), M3_VALUES)


# --- neighbouring pixels <-> shared-edge colour --------------------------------------------------


def _m3_neighbours(n: int) -> set[tuple[int, int]]:
    """Pairs ``i < j`` of row-major pixel indices adjacent under (M3)'s rule."""
    out = set()
    for y in range(n):
        for x in range(n):
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (-1, 1), (1, -1)):
                u, v = x + dx, y + dy
                if 0 <= u < n and 0 <= v < n:
                    i, j = y * n + x, v * n + u
                    out.add((min(i, j), max(i, j)))
    return out


def _check_neighbouring_pixels(pixels: Sequence[Sequence[int]]) -> CheckResult:
    n = len(pixels)
    flat = [p for row in pixels for p in row]
    keys = edge_keys(n)
    colours = edge_colours(pixels)
    links = {(k[1], k[2]): c for k, c in zip(keys, colours, strict=True) if k[0] == "link"}
    outer = {k[1]: c for k, c in zip(keys, colours, strict=True) if k[0] == "outer"}
    expected_links = {(i, j): flat[i] + flat[j] for i, j in _m3_neighbours(n)}
    expected_outer = {i: flat[i] for i in outer}
    boundary = {y * n + x for y in range(n) for x in range(n) if x in (0, n - 1) or y in (0, n - 1)}
    return equal_pairs([(links, expected_links), (outer, expected_outer), (set(outer), boundary)])


def neighbouring_pixels() -> CheckResult:
    """Neighbouring pixels share an edge coloured ``r_i + r_j`` (M3).

    Example: a 3x3 image with distinct pixels ``1..9``.  The links of the encoded network
    must be exactly the pixel pairs adjacent under (M3)'s rule (``(x +- 1, y)``,
    ``(x, y +- 1)``, ``(x - 1, y + 1)``, ``(x + 1, y - 1)``), computed here from the rule,
    each coloured by the sum of its two pixels; every border pixel (and no other) has an
    outer edge of its own colour.
    """
    return _check_neighbouring_pixels([[1, 2, 3], [4, 5, 6], [7, 8, 9]])


# --- input features <-> edge spins ---------------------------------------------------------------


def _check_input_features(seed: int, n: int, count: int) -> CheckResult:
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 17, size=(count, n, n))
    batch = hexagonal_edge_colours_batch(images)
    pairs: list[tuple[Any, Any]] = []
    for img, row in zip(images, batch, strict=True):
        net = encode(img.tolist())
        pairs.append((tuple(int(c) for c in row), net.edge_colours))
    return equal_pairs(pairs)


def input_features() -> CheckResult:
    """The input features of the TQNN perceptron are the edge spins (colours) of the encoded
    spin network (M2, MNIST experiment).

    Example: 5 seeded random 4x4 images with pixels ``0..16``; the vectorised numpy feature
    map (:func:`~tqft.learning.tqnn.encodings.hexagonal_edge_colours_batch`, no network
    built) must give, edge by edge, the colours of the spin network built cell by cell.
    """
    return _check_input_features(2024, 4, 5)


# --- dataset symmetry <-> automorphisms of the patch ---------------------------------------------


def _check_dataset_symmetry(img: list[list[int]], non_symmetry: list[list[int]]) -> CheckResult:
    n = len(img)
    rot = [[img[n - 1 - y][n - 1 - x] for x in range(n)] for y in range(n)]  # (x, y) -> (n-1-x, n-1-y)
    swap = [[img[x][y] for x in range(n)] for y in range(n)]  # (x, y) -> (y, x)
    both = [[rot[x][y] for x in range(n)] for y in range(n)]
    base = encode(img)
    value = base.evaluate("-1")
    pairs: list[tuple[Any, Any]] = [(encode(t).evaluate("-1"), value) for t in (rot, swap, both)]
    # the patch automorphisms act on the state by permuting its edge colours
    perms = patch_symmetries(n)
    for perm, t in zip(perms[1:], (rot, swap, both), strict=True):
        moved = tuple(base.edge_colours[perm[k]] for k in range(len(perm)))
        pairs.append((moved, encode(t).edge_colours))
    # a map that is not an automorphism of the rhombus need not preserve the amplitude
    pairs.append((encode(non_symmetry).evaluate("-1") != value, True))
    return equal_pairs(pairs)


def dataset_symmetry() -> CheckResult:
    """A symmetry of the data set is an automorphism of the spin-network graph (M3 patch).

    Example: the 2x2 image ``[[1, 2], [3, 4]]``.  Its images under the rotation by 180
    degrees, the transposition and their product are encoded; each must have the same
    amplitude ``<H>`` (7/5), and its edge colours must be the original ones permuted by the
    corresponding automorphism of the rhombus patch.  The left-right mirror image is *not*
    an automorphism of the rhombus, and its amplitude (56/25) must differ.
    """
    return _check_dataset_symmetry([[1, 2], [3, 4]], [[2, 1], [4, 3]])


# --- class similarity <-> the (M3) transition matrix ---------------------------------------------


def _check_class_similarity(a: Sequence[int], b: Sequence[int], va: Fraction, vb: Fraction) -> CheckResult:
    # the (M3) formula applied to the published values
    expected = (va * vb) ** 2 / max(va**4, vb**4)
    via_states = transition_probability(list(a), list(b))
    matrix = honeycomb_transition_matrix([honeycomb(list(a)).evaluate("-1"), honeycomb(list(b)).evaluate("-1")])
    return equal_pairs([(via_states, expected), (matrix[0, 1], expected), (matrix[1, 0], expected)])


def class_similarity() -> CheckResult:
    """The similarity of two samples is the (M3) transition-matrix entry
    ``A_ij = |<H_i><H_j>|^2 / max(|<H_i>|^4, |<H_j>|^4)``.

    Example: the images ``(1, 1, 1, 1)`` and ``(2, 2, 2, 2)``; the entry computed from the
    states must equal the formula applied to (M3)'s published values 3 and 245/144, i.e.
    ``60025/186624``, in both symmetric positions of the matrix.
    """
    return _check_class_similarity((1, 1, 1, 1), (2, 2, 2, 2), M3_VALUES[1, 1, 1, 1], M3_VALUES[2, 2, 2, 2])


# --- clustering <-> blocks of the transition matrix ----------------------------------------------


def _cycle_sum_colourings(seed: int, count: int) -> list[tuple[int, ...]]:
    """Seeded cycle-sum colourings of the N = 2 patch (M3's states), with repeats."""
    rng = random.Random(seed)
    cycles = patch_cycles(2)
    states = []
    for _ in range(count):
        vec = [0] * 9
        for _ in range(rng.randint(1, 4)):
            for k in cycles[rng.randrange(len(cycles))]:
                vec[k] += 1
        states.append(tuple(vec))
    return states + states[: count // 2]


def _check_clustering(states: Sequence[tuple[int, ...]]) -> CheckResult:
    nets = [patch_network(s, 2) for s in states]
    blocks = group_by_amplitude(nets)
    # independently: the N = 2 patch is a triangular prism, <H> = Tet Tet / theta
    magnitude: dict[Fraction, list[int]] = {}
    for i, s in enumerate(states):
        magnitude.setdefault(abs(prism_closed_form(s)), []).append(i)
    expected = [magnitude[k] for k in sorted(magnitude, reverse=True)]
    inside = all(transition_probability(nets[i], nets[j]) == 1 for block in blocks for i in block for j in block)
    across = all(transition_probability(nets[b1[0]], nets[b2[0]]) < 1 for b1 in blocks for b2 in blocks if b1 is not b2)
    return equal_pairs([(blocks, expected), ((inside, across), (True, True))])


def clustering() -> CheckResult:
    """Training-free clustering is the block structure of the transition matrix (M3).

    Example: 18 seeded cycle-sum colourings of the N = 2 patch (the states of M3's
    notebook, some repeated).  The blocks ``A_ij = 1`` computed from the spin-network
    evaluations must be the classes of equal ``|<H>|`` computed from the independent closed
    form of the patch (a triangular prism: ``Tet * Tet / theta``); ``A = 1`` inside every
    block and ``A < 1`` across blocks.
    """
    return _check_clustering(_cycle_sum_colourings(7, 12))


# --- output layer <-> class archetype state ------------------------------------------------------


def _check_output_layer(
    classes: Mapping[Hashable, list[list[int]]], queries: Sequence[tuple[list[int], str]]
) -> CheckResult:
    arch = class_archetypes(classes)
    pairs: list[tuple[Any, Any]] = []
    for label, members in classes.items():
        s = [honeycomb(m).evaluate("-1") ** 2 for m in members]
        sums = [sum((min(x, y) / max(x, y) for y in s), Fraction(0)) for x in s]
        best = max(range(len(s)), key=lambda i: (sums[i], -i))
        pairs.append(((label, arch[label].member), (label, best)))
    pairs += [(classify(q, arch), want) for q, want in queries]
    return equal_pairs(pairs)


def output_layer() -> CheckResult:
    """An output unit (class) is an output spin-network state: the class archetype (M, M2, M3).

    Example: two classes of 2x2 images, "flat" and "ramp", three images each.  The medoid
    archetype of each class must be the member with the largest sum of transition
    probabilities to its class, recomputed here from the honeycomb evaluations with
    ``A = min(s_i, s_j) / max(s_i, s_j)``; the classifier must send two held-out images to
    the expected classes.
    """
    classes: dict[Hashable, list[list[int]]] = {
        "flat": [[1, 1, 1, 1], [2, 2, 2, 2], [1, 1, 1, 2]],
        "ramp": [[1, 2, 3, 4], [4, 3, 2, 1], [1, 3, 2, 4]],
    }
    return _check_output_layer(classes, [([2, 1, 1, 1], "flat"), ([2, 3, 4, 5], "ramp")])
