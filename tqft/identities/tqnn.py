"""Identities of the exact TQNN side (M3): encodings, amplitudes and the transition matrix.

=======================================  =================================================
identity                                 what is compared
=======================================  =================================================
``tqnn_m3_reference_values``             the four published (M3) values, by three routes:
                                         the recoupling sweep, a closed form (a loop, or the
                                         N = 2 patch as a triangular prism, ``Tet Tet /
                                         theta``), and ``(-1)^(sum of pixels)`` times the
                                         q = 1 evaluation
``tqnn_patch_symmetry``                  ``<H>`` of an N = 2 image equals ``<H>`` of its
                                         image under each symmetry of the rhombus patch
                                         (``symmetry`` 0, 1, 2: rotation by 180 degrees,
                                         ``(x, y) -> (y, x)``, their product)
``tqnn_square_split_sum``                square grid: the 4-valent corner split into two
                                         trivalent vertices with the intermediate colour
                                         summed (weights of
                                         :func:`~tqft.learning.tqnn.encodings.square_corner_weights`)
                                         equals the corner resolved into the loops
``tqnn_transition_matrix_blocks_n2``     on seeded samples of M3's cycle-sum colourings of
                                         the N = 2 patch: ``A`` is symmetric, ``A_ii = 1``,
                                         ``0 < A <= 1`` between non-vanishing states,
                                         ``A_ik >= A_ij A_jk``, and ``A_ij = 1`` exactly on
                                         the classes of equal ``|<H>|`` computed by the
                                         closed form
=======================================  =================================================

Pixels are plain integer parameters ``p_xy`` (column ``x``, row ``y``); ``tqft verify
--max-spin J`` sweeps pixels ``0 .. 2J``.

References: (M3) M. Lulli, A. Marciano, E. Zappala, arXiv:2310.03632; L. H. Kauffman and
S. L. Lins, *Temperley-Lieb Recoupling Theory* (1994), triangle reduction (section 8.5)
and fusion (section 9.7).

>>> from tqft.identities import get
>>> get("tqnn_m3_reference_values")(3, 1).passed
True
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

from ..exact.context import CLASSICAL, Q_MINUS_ONE, QContext
from ..learning.tqnn.encodings import edge_keys, encode, square_plaquette_network
from ..learning.tqnn.exact import group_by_amplitude, norm2, patch_cycles, patch_network, transition_matrix
from ..recoupling.kauffman_lins import loop, tet, theta
from ..spin_network.honeycomb import honeycomb
from .core import CheckResult, Domain, Identity, compare, integer, register

__all__ = ["M3_REFERENCE_VALUES", "prism_closed_form"]

#: (pixels, <H> at q = -1) as published in M3 (REFERENCES.md, section 1)
M3_REFERENCE_VALUES: tuple[tuple[tuple[int, ...], Fraction], ...] = (
    ((1,), Fraction(2)),
    ((1, 1, 1, 1), Fraction(3)),
    ((2, 2, 2, 2), Fraction(245, 144)),
    ((1, 2, 3, 4), Fraction(7, 5)),
)

_M3 = "Lulli, Marciano, Zappala, arXiv:2310.03632"


def prism_closed_form(colours: tuple[int, ...], ctx: QContext[Any, Any] = Q_MINUS_ONE) -> Any:
    """``<H>`` of the N = 2 hexagonal patch from its edge colours (order of
    :func:`~tqft.learning.tqnn.encodings.edge_keys`): the patch is a triangular prism whose
    triangles bound the corner pixels 0 and 3; reducing one triangle leaves a tetrahedron,
    so ``<H> = Tet_0 Tet_3 / theta(v_1, v_2, v_3)`` over the three edges joining them."""
    c = dict(zip(edge_keys(2), colours, strict=True))
    l01, l02, l12, l13, l23 = (c["link", 0, 1], c["link", 0, 2], c["link", 1, 2], c["link", 1, 3], c["link", 2, 3])
    o0, o1, o2, o3 = (c["outer", i] for i in range(4))
    va, vb, vc = l12, o1, o2
    return tet(ctx, l01, o0, l02, vc, va, vb) * tet(ctx, l13, o3, l23, vc, va, vb) / theta(ctx, va, vb, vc)


def _reference(case: int, route: int) -> CheckResult:
    pixels, value = M3_REFERENCE_VALUES[case]
    if route == 0:
        got = honeycomb(list(pixels)).evaluate(Q_MINUS_ONE)
    elif route == 1:
        got = loop(Q_MINUS_ONE, pixels[0]) if len(pixels) == 1 else prism_closed_form(encode(pixels).edge_colours)
    else:
        got = (-1) ** sum(pixels) * encode(pixels).evaluate(CLASSICAL)
    return compare(got, value)


register(
    Identity(
        name="tqnn_m3_reference_values",
        title="(M3) hexagonal encoding: published values at q = -1 by sweep, closed form and q = 1",
        statement=r"\langle H_{(1)} \rangle = 2,\ \langle H_{(1,1,1,1)} \rangle = 3,\ "
        r"\langle H_{(2,2,2,2)} \rangle = \tfrac{245}{144},\ \langle H_{(1,2,3,4)} \rangle = \tfrac{7}{5}",
        domain=Domain((integer("case", 0, 3), integer("route", 0, 2))),
        check=_reference,
        default_max_spin=2,
        random_max_spin=2,
        reference=_M3 + " (reference values); Kauffman-Lins 1994, 8.5 (triangle reduction)",
        tags=("tqnn", "spin network"),
    )
)


def _symmetric_images(p00: int, p10: int, p01: int, p11: int) -> list[list[list[int]]]:
    img = [[p00, p10], [p01, p11]]  # img[y][x]
    rot = [[p11, p01], [p10, p00]]
    swap = [[p00, p01], [p10, p11]]
    both = [[p11, p10], [p01, p00]]
    return [img, rot, swap, both]


def _symmetry(symmetry: int, p00: int, p10: int, p01: int, p11: int) -> CheckResult:
    images = _symmetric_images(p00, p10, p01, p11)
    return compare(encode(images[symmetry + 1]).evaluate(Q_MINUS_ONE), encode(images[0]).evaluate(Q_MINUS_ONE))


_PIXELS = tuple(integer(f"p{x}{y}", 0) for y in range(2) for x in range(2))  # p00, p10, p01, p11

register(
    Identity(
        name="tqnn_patch_symmetry",
        title="hexagonal N = 2: <H> is invariant under the rotation and reflections of the rhombus",
        statement=r"\langle H_{\sigma(I)} \rangle = \langle H_I \rangle,\ "
        r"\sigma \in \{(x,y) \mapsto (1-x,1-y),\ (y,x),\ (1-y,1-x)\}",
        domain=Domain((integer("symmetry", 0, 2), *_PIXELS)),
        check=_symmetry,
        default_max_spin=1,
        random_max_spin=2.5,
        reference=_M3 + " (the rhombus patch); mirror images of planar networks, Kauffman-Lins 1994",
        tags=("tqnn", "spin network", "symmetry"),
    )
)


def _split_sum(p00: int, p10: int, p01: int, p11: int) -> CheckResult:
    img = [[p00, p10], [p01, p11]]
    return compare(encode(img, "square").evaluate(Q_MINUS_ONE), square_plaquette_network(img).evaluate(Q_MINUS_ONE))


register(
    Identity(
        name="tqnn_square_split_sum",
        title="square grid: the sum over the intermediate colour reproduces the unsplit 4-valent loop corner",
        statement=r"\sum_x w_x \langle H^{\mathrm{comb}}_x \rangle = \langle H^{\mathrm{loops}} \rangle,\ "
        r"w_x = \frac{\Delta_x}{\theta(a,c,x)} \frac{\mathrm{Tet}_L(x)}{\theta(e_1,e_2,x)}"
        r"\frac{\mathrm{Tet}_R(x)}{\theta(e_3,e_4,x)}",
        domain=Domain(_PIXELS),
        check=_split_sum,
        default_max_spin=1,
        random_max_spin=2,
        reference="Kauffman-Lins 1994, 9.7 (fusion) and 8.5 (triangle reduction); square grid of "
        "Marciano et al., arXiv:2007.00142",
        tags=("tqnn", "spin network", "move"),
    )
)


def _blocks(seed: int) -> CheckResult:
    rng = random.Random(f"tqnn_transition_matrix_blocks_n2:{seed}")
    cycles = patch_cycles(2)
    colourings = []
    for _ in range(8):
        vec = [0] * 9
        for _ in range(rng.randint(1, 6)):
            for k in cycles[rng.randrange(len(cycles))]:
                vec[k] += 1
        colourings.append(tuple(vec))
    # half the samples again, so that blocks with several members occur
    colourings += colourings[:4]
    values = [prism_closed_form(c) for c in colourings]
    nets = [patch_network(c, 2) for c in colourings]
    a = transition_matrix(nets)
    m = len(colourings)
    problems: list[tuple[Any, ...]] = []
    s = [norm2(v) for v in values]
    for i in range(m):
        for j in range(m):
            same = s[i] == s[j]
            if a[i, j] != a[j, i]:
                problems.append(("not symmetric", i, j))
            if (a[i, j] == 1) != same:
                problems.append(("A = 1 off the block", i, j))
            if s[i] and s[j] and not 0 < a[i, j] <= 1:
                problems.append(("out of (0, 1]", i, j))
            for k in range(m):
                if a[i, k] < a[i, j] * a[j, k]:
                    problems.append(("A_ik < A_ij A_jk", i, j, k))
    blocks = group_by_amplitude(nets)
    expected: dict[Fraction, list[int]] = {}
    for i, x in enumerate(s):
        expected.setdefault(x, []).append(i)
    want = [expected[k] for k in sorted(expected, reverse=True)]
    return CheckResult(not problems and blocks == want, (blocks, problems[:3]), (want, []))


register(
    Identity(
        name="tqnn_transition_matrix_blocks_n2",
        title="(M3) N = 2 cycle-sum colourings: A symmetric, A_ii = 1, blocks = classes of equal |<H>|",
        statement=r"A_{ij} = \frac{|\langle H_i \rangle \langle H_j \rangle|^2}"
        r"{\max(|\langle H_i \rangle|^4, |\langle H_j \rangle|^4)} = 1 \iff |\langle H_i \rangle| = "
        r"|\langle H_j \rangle|,\ A_{ik} \ge A_{ij} A_{jk}",
        domain=Domain((integer("seed", 0),)),
        check=_blocks,
        default_max_spin=6,
        random_max_spin=50,
        reference=_M3 + " (transition matrix; the cycle-sum states of github.com/lullimat/arXiv-2310.03632)",
        tags=("tqnn", "transition matrix"),
    )
)
