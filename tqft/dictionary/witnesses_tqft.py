"""Dictionary witnesses on the TQFT side: nodes and intertwiners, the Noui-Perez projector,
recoupling, cobordisms and their composition, state sums and their invariance ((M), (M2),
(M3), (M4)).

The SU(2) Haar integrals below are exact: a class function of ``g`` with eigenvalues
``z^(+-1)``, ``z = e^{i theta/2}``, is a Laurent polynomial in ``z`` (the character of
colour ``a`` is ``chi_a = z^a + z^(a-2) + ... + z^-a``), and Weyl's integration formula
``int f dg = (1/pi) int_0^{2 pi} f(theta) sin^2(theta/2) d theta`` becomes the constant
term ``CT[f (2 - z^2 - z^-2)] / 2``.  tqft has no Haar integral of its own; this is the
only formula the witnesses add, and it is tested against the characters' orthonormality.

References: (M) arXiv:2007.00142; (M2) arXiv:2210.13741; (M3) arXiv:2310.03632; (M4)
Fields, Glazebrook, Marciano, Fortschr. Phys. 70 (2022) 2200104; Turaev and Viro, Topology
31 (1992) 865; Ponzano and Regge (1968), Roberts, Geom. Topol. 3 (1999) 21.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import mpmath

from .. import wigner_6j
from ..algebra.modular import modular_data
from ..exact.laurent import Laurent
from ..identities.core import CheckResult
from ..learning.tqnn.encodings import encode, square_plaquette_network
from ..semiclassical import ponzano_regge as pr_formula
from ..spin_network import BoundarySpace, SpinNetwork
from ..spin_network.moves import f_move
from ..spins import admissible
from ..topology import census
from ..topology.cobordism2d import cylinder, parse_cobordism
from ..topology.pachner import random_moves
from ..tqft_models.cobordism3d import glue_regions
from ..tqft_models.frobenius import group_algebra, verlinde_algebra
from ..tqft_models.ponzano_regge import ponzano_regge
from ..tqft_models.turaev_viro import total_dimension_squared, turaev_viro
from .witnesses_core import equal_pairs

__all__ = [
    "activation_function",
    "character",
    "cosmological_constant",
    "delta_function",
    "generalisation",
    "haar_integral",
    "hidden_layer",
    "identity_layer",
    "latent_marginalisation",
    "measurement",
    "neuron",
    "noui_perez_projector",
    "parallel_layers",
    "ponzano_regge_limit",
    "quantum_neural_network",
    "recoupling_move",
    "sequential_measurement",
]

#: ``2 - z^2 - z^-2 = 4 sin^2(theta/2)``, the Weyl density of SU(2) (times 4)
_WEYL = Laurent({-2: -1, 0: 2, 2: -1})


def character(a: int) -> Laurent:
    """The SU(2) character of colour ``a`` (spin ``a/2``) as a Laurent polynomial in
    ``z = e^{i theta/2}``: ``sum_{k=0}^{a} z^(a - 2k)``."""
    return Laurent({a - 2 * k: 1 for k in range(a + 1)})


def haar_integral(f: Laurent) -> Fraction:
    """``int_SU(2) f(g) dg`` of a class function given as a Laurent polynomial in ``z``
    (Weyl's integration formula; exact)."""
    return Fraction((f * _WEYL).coefficient(0), 2)


def delta_function(max_colour: int) -> Laurent:
    """The truncated delta function of (M4), ``delta(g) = sum_j (2j + 1) chi^j(g)``, over
    the colours ``0 .. max_colour``."""
    total = Laurent()
    for a in range(max_colour + 1):
        total = total + character(a) * (a + 1)
    return total


def _product(colours: Sequence[int]) -> Laurent:
    out = Laurent.constant(1)
    for c in colours:
        out = out * character(c)
    return out


# --- neuron <-> node (intertwiner) ---------------------------------------------------------------


def _check_neuron(max_colour: int) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    for a in range(max_colour + 1):
        for b in range(max_colour + 1):
            for c in range(max_colour + 1):
                invariants = haar_integral(_product((a, b, c)))
                pairs.append(((a, b, c, invariants), (a, b, c, int(admissible(a, b, c)))))
                pairs.append(((a, b, c, BoundarySpace((a, b, c)).dimension), (a, b, c, int(admissible(a, b, c)))))
    return equal_pairs(pairs)


def neuron() -> CheckResult:
    """A neuron is a node of the spin network, carrying an intertwiner (M, M4).

    Example: every triple of colours ``0..4``.  The number of independent intertwiners at a
    trivalent node, computed as the Haar integral ``int chi_a chi_b chi_c dg`` (Weyl's
    formula, exact), must be 1 exactly when the triple is admissible (even sum, triangle
    inequalities) and 0 otherwise; and it must equal the dimension of tqft's boundary state
    space of the node.
    """
    return _check_neuron(4)


# --- measurement <-> spin-network triple ---------------------------------------------------------


def _check_measurement(legs: Sequence[Sequence[int]]) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    for colours in legs:
        space = BoundarySpace(tuple(colours))
        pairs.append((space.dimension, haar_integral(_product(colours))))
        pairs.append((space.check_orthogonal(None, ((1, 2), (3, 0))), True))
    return equal_pairs(pairs)


def measurement() -> CheckResult:
    """A measurement outcome is a spin-network triple (graph, irreps on links, intertwiners
    at nodes) (M4).

    Example: a 4-valent node with legs of colours ``(1, 1, 1, 1)`` and ``(2, 2, 2, 2)``.  The
    possible outcomes are the intertwiner labels of the comb basis; their number must equal
    the multiplicity of the trivial representation in the tensor product, computed as a
    Haar integral of characters (2 and 3), and the outcomes of two different splittings must
    be orthogonal bases related by the recoupling matrix (``M^T G_1 M = G_2``).
    """
    return _check_measurement([(1, 1, 1, 1), (2, 2, 2, 2)])


# --- group averaging <-> the Noui-Perez projector ------------------------------------------------


def _check_projector(max_colour: int, probe: int) -> CheckResult:
    delta = delta_function(max_colour)
    pairs: list[tuple[Any, Any]] = []
    for b in range(probe + 1):
        # int delta(g) chi_b(g) dg must be chi_b(1) = b + 1 inside the cutoff, 0 beyond it
        pairs.append((haar_integral(delta * character(b)), b + 1 if b <= max_colour else 0))
    k = max_colour + 1
    pairs.append((delta.evaluate(1), k * (k + 1) * (2 * k + 1) // 6))  # delta(identity) = sum (2j+1)^2
    # orthonormality of characters, on which the projector rests
    pairs += [(haar_integral(character(a) * character(b)), int(a == b)) for a in range(4) for b in range(4)]
    return equal_pairs(pairs)


def noui_perez_projector() -> CheckResult:
    """Group averaging (projection onto invariant states) is the Noui-Perez projector, built
    from ``delta(H) = sum_j (2j + 1) chi^j(H)`` (M4, M2).

    Example: the delta function truncated at colour 4 (spin 2).  Integrated against every
    character ``chi_b`` it must reproduce ``chi_b(1) = b + 1`` for ``b <= 4`` (it acts as
    the delta function at the identity) and give 0 above the cutoff; its value at the
    identity must be ``sum_j (2j+1)^2 = 55``; characters must be orthonormal.
    """
    return _check_projector(4, 7)


# --- sequential measurements <-> composition of cobordisms ---------------------------------------


def _check_sequential(k: int, genera: Sequence[int]) -> CheckResult:
    algebra = verlinde_algebra(k)
    md = modular_data(k)
    pairs: list[tuple[Any, Any]] = [
        (algebra.Z(parse_cobordism("m . D")), algebra.Z("m") * algebra.Z("D")),
        (algebra.Z(parse_cobordism("m . D")), algebra.handle_operator),
    ]
    for g in genera:
        # the closed surface as a sequence of elementary cobordisms: cap, g handles, cup
        word = "e . u" if g == 0 else f"e . h^{g} . u"
        pairs.append((algebra.evaluate(word)[0, 0], md.verlinde_dimension(g)))
    return equal_pairs(pairs)


def sequential_measurement() -> CheckResult:
    """Sequential measurements compose like cobordisms: the TQFT is a functor (M4).

    Example: the 2D TQFT of the SU(2)_3 Verlinde algebra.  ``Z(m . D) = Z(m) Z(D)`` must be
    the handle operator; the genus-``g`` surface, evaluated as the word cap, ``g`` handles,
    cup (a sequence of elementary cobordisms), must equal the Verlinde dimension
    ``sum_a S_0a^(2-2g)`` from the modular S-matrix (1, 4, 20, 120 for ``g = 0..3``).
    """
    return _check_sequential(3, range(4))


# --- identity layer <-> the cylinder -------------------------------------------------------------


def _check_identity_layer(group: str) -> CheckResult:
    algebra = group_algebra(group)
    snake = "((e . m) x 1) . (1 x (D . u))"
    return equal_pairs(
        [
            (parse_cobordism(snake), cylinder(1)),
            (algebra.evaluate(snake), algebra.identity_matrix(1)),
            (algebra.Z(cylinder(2)), algebra.identity_matrix(2)),
            (algebra.Z(parse_cobordism("m . (1 x 1)")), algebra.Z("m")),
        ]
    )


def identity_layer() -> CheckResult:
    """An identity (skip) layer is the cylinder, which every TQFT sends to the identity (M4).

    Example: the 2D TQFT of the centre of the group algebra of ``S3``.  The zig-zag
    cobordism ``(e m x 1)(1 x D u)`` must normalise to the cylinder in 2Cob, and its matrix,
    multiplied out generator by generator, must be the identity; so must ``Z`` of two
    cylinders, and composing ``m`` with cylinders must not change it.
    """
    return _check_identity_layer("S3")


# --- parallel layers <-> disjoint union ----------------------------------------------------------


def _check_parallel(k: int, left: str, right: str) -> CheckResult:
    algebra = verlinde_algebra(k)
    together = algebra.Z(parse_cobordism(f"({left}) x ({right})"))
    return equal_pairs([(together, algebra.Z(left).kron(algebra.Z(right)))])


def parallel_layers() -> CheckResult:
    """Parallel branches of a network are the disjoint union of cobordisms, sent to the
    tensor product (M4).

    Example: SU(2)_2 Verlinde TQFT.  ``Z`` of the disjoint union of the handle-pants
    ``m . (h x 1)`` and the copants ``D``, computed from its normal form (one component per
    branch), must be the Kronecker product of the two matrices computed separately.
    """
    return _check_parallel(2, "m . (h x 1)", "D")


# --- hidden layers <-> slices of the 2-complex ---------------------------------------------------


def _check_hidden_layer(r: int, parts: Sequence[Sequence[int]]) -> CheckResult:
    tri = census.poincare_sphere()
    whole = turaev_viro(tri, r)
    return equal_pairs([(glue_regions(tri, part, r)[0], whole) for part in parts])


def hidden_layer() -> CheckResult:
    """Hidden layers are slices of the 2-complex (spin foam) between input and output (M, M4).

    Example: the Poincare homology sphere (5 tetrahedra), Turaev-Viro at ``r = 5``.  Cutting
    it along the surface bounding 1, 2 or 3 of its tetrahedra, computing the boundary state
    of each side and gluing them with the surface measure must give the state sum of the
    whole manifold, whatever the slice.
    """
    return _check_hidden_layer(5, [[0], [0, 1], [0, 1, 2]])


# --- generalisation <-> topological invariance ---------------------------------------------------


def _check_generalisation(tri: Any, other: Any, levels: Sequence[int]) -> CheckResult:
    pairs: list[tuple[Any, Any]] = [((other.size != tri.size), True)]
    for r in levels:
        pairs.append((turaev_viro(other, r), turaev_viro(tri, r)))
        # the invariant is not constant: it tells the Poincare sphere from S^3
        pairs.append((turaev_viro(tri, r) != turaev_viro(census.three_sphere(), r), True))
    return equal_pairs(pairs)


def generalisation() -> CheckResult:
    """Generalisation is topological invariance: the amplitude depends on the topology, not
    on the particular discretisation (M, M2; proposed, not proved).

    Example: the Poincare sphere and a triangulation of it obtained by 6 seeded random
    Pachner moves (a different "data set" of the same topology).  Their Turaev-Viro
    invariants at ``r = 5, 7, 8`` must agree exactly, while differing from those of ``S^3``.
    """
    tri = census.poincare_sphere()
    return _check_generalisation(tri, random_moves(tri, 6, seed=3), (5, 7, 8))


# --- reparametrisation <-> recoupling (F-) move --------------------------------------------------


def _check_recoupling(colours: Sequence[int], contexts: Sequence[str]) -> CheckResult:
    tet = SpinNetwork.tetrahedron(*colours)
    pairs: list[tuple[Any, Any]] = []
    for ctx in contexts:
        pairs.append((f_move(tet, "e", ctx).evaluate(ctx), tet.evaluate(ctx)))
    pairs.append((BoundarySpace((2, 2, 2, 2)).check_orthogonal(None, ((1, 2), (3, 0))), True))
    return equal_pairs(pairs)


def recoupling_move() -> CheckResult:
    """Re-parametrising a network without changing its function is a recoupling (F-) move
    (M3's evaluation by recoupling theory).

    Example: the tetrahedral net with colours ``(2, 2, 2, 2, 2, 2)``.  Rewriting it by an
    F-move on one edge (a sum over the new colour with 6j coefficients) must leave its value
    unchanged at ``q = 1``, at ``q = -1`` (M3's point), at generic ``q`` and at ``q = e^{i
    pi/5}``; the change of basis of a four-leg boundary space must be orthogonal.
    """
    return _check_recoupling((2, 2, 2, 2, 2, 2), ("classical", "-1", "generic", "root:5"))


# --- latent marginalisation <-> sum over the internal colour -------------------------------------


def _check_latent(images: Sequence[list[list[int]]]) -> CheckResult:
    return equal_pairs(
        [(encode(img, "square").evaluate("-1"), square_plaquette_network(img).evaluate("-1")) for img in images]
    )


def latent_marginalisation() -> CheckResult:
    """Marginalising a latent variable is summing over the internal colour of a split
    4-valent node (the square-grid encoding of (M)).

    Example: 2x2 images ``[[1, 2], [3, 4]]``, ``[[2, 2], [1, 3]]`` and ``[[1, 1], [1, 1]]`` on
    the square grid: the 4-valent corner split into two trivalent nodes joined by an edge
    whose colour ``x`` is summed with the fusion weights must evaluate exactly as the
    corner resolved into the four cell loops (no sum).
    """
    return _check_latent([[[1, 2], [3, 4]], [[2, 2], [1, 3]], [[1, 1], [1, 1]]])


# --- activation <-> vertex amplitude -------------------------------------------------------------


def _check_activation(spin_sets: Sequence[Sequence[int]]) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    for cols in spin_sets:
        a, b, c, d, e, f = cols  # colours of {a b c; d e f} in spin-network order
        tet = SpinNetwork.tetrahedron(a, b, f, d, e, c)
        value = tet.evaluate(normalisation="unitary")
        pairs.append((value, wigner_6j(*(Fraction(x, 2) for x in cols))))
    return equal_pairs(pairs)


def activation_function() -> CheckResult:
    """The activation function of a unit is the vertex amplitude of the spin foam (M): in
    3D, the tetrahedral net, i.e. the 6j symbol.

    Example: three colourings.  The tetrahedral spin network evaluated with unit-norm
    (Racah-Wigner) vertices must equal the 6j symbol computed by Racah's formula (exact
    square roots of rationals).
    """
    return _check_activation([(2, 2, 2, 2, 2, 2), (1, 2, 3, 2, 1, 2), (2, 4, 4, 3, 3, 3)])


# --- quantum neural network <-> spin network -----------------------------------------------------


def _check_qnn(legs: Sequence[tuple[int, int, int, int]]) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    for a, b, c, d in legs:
        xs = [x for x in range(abs(a - b), a + b + 1, 2) if admissible(x, c, d)]
        fs = [f for f in range(abs(b - c), b + c + 1, 2) if admissible(a, d, f)]
        half = [Fraction(v, 2) for v in (a, b, c, d)]
        six = {
            (x, f): wigner_6j(half[0], half[1], Fraction(x, 2), half[2], half[3], Fraction(f, 2))
            for x in xs
            for f in fs
        }
        for f in fs:
            for g in fs:
                s: Any = 0
                for x in xs:
                    s = s + (x + 1) * (f + 1) * six[x, f] * six[x, g]
                pairs.append((((a, b, c, d), f, g, s), ((a, b, c, d), f, g, int(f == g))))
    return equal_pairs(pairs)


def quantum_neural_network() -> CheckResult:
    """A quantum neural network is a spin network: its states are intertwiners and its
    gates are unitary recouplings (M, claim 1).

    Example: four legs of colours ``(2, 2, 2, 2)`` and ``(1, 2, 3, 2)``.  The recoupling
    matrix ``U_xf = sqrt((2x+1)(2f+1)) {a b x; c d f}`` between the two bases of the node
    must be orthogonal, ``sum_x (2x+1)(2f+1) {..x..f}{..x..g} = delta_fg``, exactly in
    multiquadratic arithmetic.
    """
    return _check_qnn([(2, 2, 2, 2), (1, 2, 3, 2)])


# --- regularisation <-> cosmological constant (quantum group) ------------------------------------


def _check_cosmological(levels: Sequence[int], cutoffs: Sequence[int]) -> CheckResult:
    pairs: list[tuple[Any, Any]] = []
    s3, s2s1 = census.three_sphere(), census.s2xs1()
    for r in levels:
        d2 = total_dimension_squared(r)
        with mpmath.workdps(40):
            closed = mpmath.mpf(r) / (2 * mpmath.sin(mpmath.pi / r) ** 2)
            numeric = d2.to_mpmath(140)
            pairs.append((mpmath.nstr(numeric.real, 30), mpmath.nstr(closed, 30)))
            pairs.append((bool(abs(numeric - closed) < mpmath.mpf(10) ** -30), True))
        pairs.append((turaev_viro(s2s1, r), 1))
        pairs.append((turaev_viro(s3, r) * d2, 1))
    # at q = 1 with a hard cutoff the same sum grows with the cutoff
    values = [ponzano_regge(s2s1, cut) for cut in cutoffs]
    pairs.append((all(x < y for x, y in itertools.pairwise(values)), True))
    return equal_pairs(pairs)


def cosmological_constant() -> CheckResult:
    """A regulariser that makes the model finite corresponds to the cosmological constant,
    which deforms SU(2) to the quantum group SU(2)_q and Ponzano-Regge to Turaev-Viro (M2).

    Example: ``q = e^{i pi/r}``, ``r = 5..8``.  The Turaev-Viro sums are finite and
    normalised: ``TV(S^2 x S^1) = 1`` and ``TV(S^3) D^2 = 1`` exactly, with the total
    quantum dimension ``D^2`` equal to the closed form ``r / (2 sin^2(pi/r))`` (30 digits).
    Without the deformation the ``q = 1`` sum on ``S^2 x S^1`` (tree gauge) with spins cut
    off at 1, 2 and 4 grows with the cutoff (61/12, 20.8, 96.8).
    """
    return _check_cosmological((5, 6, 7, 8), (1, 2, 4))


# --- classical neuron <-> Ponzano-Regge asymptotics ----------------------------------------------


def _check_ponzano_regge(shapes: Sequence[tuple[Sequence[Fraction], Sequence[int]]]) -> CheckResult:
    errors, bounds = [], []
    with mpmath.workdps(30):
        for base, scales in shapes:
            for lam in scales:
                spins = [b * lam for b in base]
                exact = wigner_6j(*spins).to_mpmath(30)
                osc = pr_formula(*spins, terms=True)
                # relative O(1/j) error of the amplitude (Roberts 1999)
                errors.append(abs(exact - osc.value()) / osc.amplitude)
                j_min = min(spins)
                bounds.append(mpmath.mpf(j_min.denominator) / (10 * j_min.numerator))
    ok = all(e <= b for e, b in zip(errors, bounds, strict=True))
    return CheckResult(ok, tuple(mpmath.nstr(e, 4) for e in errors), tuple(f"<= {mpmath.nstr(b, 4)}" for b in bounds))


def ponzano_regge_limit() -> CheckResult:
    """The classical (deterministic) response of a unit is the semiclassical limit of the
    vertex amplitude: the Ponzano-Regge formula ``cos(sum (j+1/2) theta + pi/4) / sqrt(12 pi
    V)`` of the 6j symbol (M2).

    Example: the regular tetrahedron with spins 25, 50, 100, 200 and the tetrahedron
    ``{3/2 2 3/2; 3 5/2 3}`` scaled by 16, 32, 64.  The exact 6j symbol must differ from the
    formula by at most ``A / (10 j_min)`` (``A`` its amplitude ``1/sqrt(12 pi V)``): the
    error of Ponzano-Regge is ``O(1/j)`` relative to the amplitude (a wrong phase, e.g.
    without the ``pi/4``, would be off by a fraction of ``A`` of order one).
    """
    regular = ([Fraction(1)] * 6, [25, 50, 100, 200])
    other = ([Fraction(3, 2), Fraction(2), Fraction(3, 2), Fraction(3), Fraction(5, 2), Fraction(3)], [16, 32, 64])
    return _check_ponzano_regge([regular, other])
