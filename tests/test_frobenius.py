"""2D TQFTs from commutative Frobenius algebras: axioms and their error messages,
functoriality on random words, the built-in algebras against published tables and
closed forms, the identities, and the ``tqft cobordism`` command."""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.combinatorics.named_groups import SymmetricGroup

from tqft.algebra.modular import modular_data
from tqft.errors import CostLimitError, InvalidArgumentError, TQFTError
from tqft.exact.matrix import ExactMatrix
from tqft.identities import frobenius as frobenius_identities
from tqft.identities import run_identity_cases
from tqft.identities.core import get
from tqft.topology.cobordism2d import parse_cobordism, random_word, surface
from tqft.tqft_models import cli_cobordism
from tqft.tqft_models.frobenius import (
    MAX_GROUP_ORDER,
    FrobeniusAlgebra,
    FrobeniusAxiomError,
    algebra_from_spec,
    group_algebra,
    named_group,
    polynomial_algebra,
    surface_group_homomorphisms,
    truncated_polynomial_algebra,
    verlinde_algebra,
)

SMALL = [
    "group:S3",
    "verlinde:1",
    "verlinde:2",
    "poly:2",
    "poly:3",
    "poly:-2,0,1",
    "verlinde:1:idempotent",
    "group:Z2xZ2",
]

#: irreducible degrees from published character tables (James & Liebeck, ch. 18-20), kept
#: here independently of the identity module's table
TABLES = {
    "S3": (1, 1, 2),
    "Q8": (1, 1, 1, 1, 2),
    "D4": (1, 1, 1, 1, 2),
    "A4": (1, 1, 1, 3),
    "S4": (1, 1, 2, 3, 3),
    "A5": (1, 3, 3, 4, 5),
    "Z5": (1, 1, 1, 1, 1),
}


@st.composite
def words(draw, source=None, max_width=3):
    rng = draw(st.randoms(use_true_random=False))
    src = draw(st.integers(0, 2)) if source is None else source
    return random_word(rng, source=src, layers=draw(st.integers(0, 6)), max_width=max_width)


# --- functoriality ---------------------------------------------------------------------------------


@given(st.sampled_from(SMALL), words(), st.data())
def test_functor_preserves_composition(spec, f, data):
    alg = algebra_from_spec(spec)
    g = data.draw(words(source=f.arity[1]))
    cf, cg = parse_cobordism(f), parse_cobordism(g)
    assert alg.Z(cg @ cf) == alg.Z(cg) @ alg.Z(cf)


@given(st.sampled_from(SMALL), words(max_width=2), words(max_width=2))
def test_functor_preserves_tensor_products(spec, f, g):
    alg = algebra_from_spec(spec)
    cf, cg = parse_cobordism(f), parse_cobordism(g)
    assert alg.Z(cf | cg) == alg.Z(cf).kron(alg.Z(cg))


@given(st.sampled_from(SMALL), words())
def test_z_depends_only_on_the_normal_form(spec, w):
    """The word evaluated generator by generator, the same cobordism rewritten in a
    different word (its canonical generator word), and the normal-form evaluation agree."""
    alg = algebra_from_spec(spec)
    c = parse_cobordism(w)
    other = c.to_expression(generators_only=True)
    assert parse_cobordism(other) == c
    assert alg.evaluate(w) == alg.evaluate(other) == alg.Z(c)
    assert alg.Z(c).shape == (alg.dimension**c.target, alg.dimension**c.source)


def test_distinct_words_with_equal_normal_forms():
    alg = verlinde_algebra(3)
    pairs = [
        ("(1 x m) . (D x 1)", "(m x 1) . (1 x D)"),
        ("m . (m x 1) . (1 x D) . D", "m . D . m . D"),
        ("e . m . (1 x (m . D)) . D . u", "e . h . h . u"),
        ("t . (m x 1)", "(1 x m) . (t x 1) . (1 x t)"),
    ]
    for a, b in pairs:
        assert a != b and parse_cobordism(a) == parse_cobordism(b)
        assert alg.evaluate(a) == alg.evaluate(b)


def test_matrix_ordering_is_lexicographic_circle_zero_first():
    alg = truncated_polynomial_algebra(2)  # basis 1, x
    assert alg.tensor_basis(2) == ["1⊗1", "1⊗x", "x⊗1", "x⊗x"]
    assert alg.tensor_basis(0) == ["1"]
    z = alg.Z("u x D . u")  # 0 -> 3: 1 (x) Delta(1)
    one = alg.unit_vector
    delta1 = alg.comultiply(one)
    assert [z[i, 0] for i in range(8)] == [a * b for a in one for b in delta1]
    # Delta(1) = 1 (x) x + x (x) 1 for eps(x) = 1
    assert delta1 == (0, 1, 1, 0)
    assert alg.Z("u x e") == alg.Z("u").kron(alg.Z("e"))


def test_z_of_closed_components_is_a_scalar_factor():
    alg = group_algebra("S3")
    with_spheres = parse_cobordism("m") | surface(2) | surface(0)
    assert alg.Z(with_spheres) == alg.Z("m").scale(alg.closed_surface(2) * alg.closed_surface(0))
    assert alg.Z(surface(3))[0, 0] == alg.closed_surface(3)
    assert alg.Z("empty").to_rows() == [[1]]


# --- axioms and their errors -----------------------------------------------------------------------


def test_structure_constants_as_mapping_and_cyclotomic_entries():
    alg = verlinde_algebra(2, "idempotent")
    md = modular_data(2)
    assert alg.counit_vector == tuple(md.S[0, x] ** 2 for x in range(3))
    assert alg.zero == md.field.zero
    assert all(r.passed for r in alg.check_frobenius_relations().values())
    sparse = FrobeniusAlgebra(["a", "b"], {(0, 0): {0: 1}, (1, 1): {1: 1}}, [1, 1], [Fraction(1, 2), 3])
    assert sparse.closed_surface(2) == 2 + Fraction(1, 3)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        # non-commutative: e1 e2 = e2 but e2 e1 = 0
        ((["e1", "e2"], [[[1, 0], [0, 1]], [[0, 0], [0, 0]]], [1, 0], [1, 1]), "not commutative: e1*e2 = e2"),
        # not unital: e_0 acts as zero on e_1
        ((["a", "b"], [[[1, 0], [0, 0]], [[0, 0], [0, 1]]], [1, 0], [1, 1]), "is not a unit: 1*b = 0, not b"),
        # not associative: x*x = 1 + x in a basis where (x*x)*x != x*(x*x) is forced by bad constants
        (
            (
                ["1", "x", "y"],
                {
                    (0, 0): {0: 1},
                    (0, 1): {1: 1},
                    (1, 0): {1: 1},
                    (0, 2): {2: 1},
                    (2, 0): {2: 1},
                    (1, 1): {2: 1},
                    (1, 2): {0: 1},
                    (2, 1): {0: 1},
                    (2, 2): {2: 1},
                },
                [1, 0, 0],
                [1, 0, 0],
            ),
            "not associative on (x, x, y)",
        ),
        ((["1", "x"], [[[1, 0], [0, 1]], [[0, 1], [0, 0]]], [1, 0], [1, 0]), "degenerate: a = x"),
        ((["1", "1"], [[[1]]], [1], [1]), "distinct non-empty strings"),
        ((["1"], [[[1]]], [1, 0], [1]), "unit has 2 entries; expected 1"),
        ((["1"], [[[1, 0]]], [1], [1]), "mult[0][0] has 2 coefficients"),
        ((["1"], [[[1]]], [1], [0.5]), "entry = 0.5 (float) is not exact"),
        ((["1"], {(0, 3): {0: 1}}, [1], [1]), "outside 0..0"),
    ],
)
def test_axiom_and_input_errors(args, fragment):
    with pytest.raises(InvalidArgumentError) as info:
        FrobeniusAlgebra(*args)
    assert isinstance(info.value, TQFTError)
    assert fragment in str(info.value), str(info.value)


def test_axiom_errors_have_their_own_class():
    with pytest.raises(FrobeniusAxiomError, match="degenerate"):
        polynomial_algebra([0, 0, 1], counit=[1, 0])
    assert issubclass(FrobeniusAxiomError, ValueError)


def test_relations_detect_a_broken_comultiplication():
    """The relation check is not vacuous: a wrong Delta fails the relations it should."""
    assert all(r.passed for r in polynomial_algebra([-2, 0, 1]).check_frobenius_relations().values())
    scaled = polynomial_algebra([-2, 0, 1])  # not cached: safe to break
    scaled.__dict__["comultiplication_matrix"] = scaled.comultiplication_matrix.scale(Fraction(2))
    failed = {k for k, r in scaled.check_frobenius_relations().items() if not r.passed}
    assert failed == {"counit"}  # every other relation is homogeneous in Delta
    skewed = polynomial_algebra([-2, 0, 1])
    delta = skewed.comultiplication_matrix
    skewed.__dict__["comultiplication_matrix"] = delta + ExactMatrix(4, 2, {(1, 0): Fraction(1)}, delta.zero, delta.one)
    failed = {k for k, r in skewed.check_frobenius_relations().items() if not r.passed}
    assert {"coassociativity", "cocommutativity", "frobenius", "counit"} <= failed


def test_cost_guard():
    alg = group_algebra("A5")
    with pytest.raises(CostLimitError, match="MAX_MATRIX_ENTRIES"):
        alg.Z(surface(0, 0, 12))
    with pytest.raises(CostLimitError, match="MAX_GROUP_ORDER"):
        group_algebra("S8")
    assert MAX_GROUP_ORDER < 40320


# --- group algebras -----------------------------------------------------------------------------------


def _brute_force_homs(name: str, genus: int) -> int:
    """|Hom(pi_1 Sigma_g, G)| by enumerating all 2g-tuples (tiny groups only)."""
    elems = [tuple(p.array_form) for p in named_group(name).generate()]
    ident = tuple(range(len(elems[0])))

    def mul(p, q):
        return tuple(p[i] for i in q)

    def inv(p):
        out = [0] * len(p)
        for i, x in enumerate(p):
            out[x] = i
        return tuple(out)

    count = 0
    for tup in itertools.product(elems, repeat=2 * genus):
        x = ident
        for a, b in zip(tup[::2], tup[1::2]):
            x = mul(x, mul(mul(a, b), mul(inv(a), inv(b))))
        count += x == ident
    return count


@pytest.mark.parametrize("name", sorted(TABLES))
def test_group_algebra_against_character_tables(name):
    alg = group_algebra(name)
    degrees = TABLES[name]
    assert alg.irrep_degrees() == degrees
    assert sum(d * d for d in degrees) == alg.order == sum(alg.class_sizes)
    assert len(degrees) == alg.dimension
    for g in range(6):
        formula = sum(Fraction(alg.order, d) ** (2 * g - 2) for d in degrees)
        assert alg.closed_surface(g) == formula
        assert alg.Z(surface(g))[0, 0] == formula
        assert surface_group_homomorphisms(name, g) == alg.order * formula  # Mednykh
    assert alg.closed_surface(0) == Fraction(1, alg.order)
    assert alg.closed_surface(1) == alg.dimension  # number of conjugacy classes


@pytest.mark.parametrize(("name", "genus"), [("S3", 1), ("S3", 2), ("Q8", 1), ("Q8", 2), ("Z5", 2), ("A4", 1)])
def test_homomorphism_count_against_brute_force(name, genus):
    assert surface_group_homomorphisms(name, genus) == _brute_force_homs(name, genus)


def test_group_algebra_class_data():
    s4 = group_algebra("S4")
    assert s4.basis == ("1a", "2a", "2b", "3a", "4a")
    assert s4.class_sizes == (1, 3, 6, 8, 6)
    a5 = group_algebra("A5")
    assert a5.class_sizes == (1, 15, 20, 12, 12) and a5.basis == ("1a", "2a", "3a", "5a", "5b")
    # the centre of the class sum algebra: C_2a^2 in S3 = 3 + 3 C_3a
    s3 = group_algebra("S3")
    assert s3.multiply(s3.basis_vector("2a"), s3.basis_vector("2a")) == (3, 0, 3)
    # a sympy group and its name give the same algebra
    direct = group_algebra(SymmetricGroup(3))
    assert direct.basis == s3.basis and direct.multiplication_matrix == s3.multiplication_matrix
    assert [direct.closed_surface(g) for g in range(4)] == [s3.closed_surface(g) for g in range(4)]


@pytest.mark.parametrize(
    ("name", "order", "classes"),
    [("Z2xZ2", 4, 4), ("V4", 4, 4), ("Q12", 12, 6), ("D5", 10, 4), ("C7", 7, 7), ("S3xZ2", 12, 6), ("A1", 1, 1)],
)
def test_named_groups(name, order, classes):
    alg = group_algebra(name)
    assert (alg.order, alg.dimension) == (order, classes)
    assert sum(d * d for d in alg.irrep_degrees()) == order


@pytest.mark.parametrize("bad", ["Q6", "X3", "S0", "", "D", 5])
def test_unknown_group_names(bad):
    with pytest.raises(InvalidArgumentError, match="group = "):
        group_algebra(bad)


# --- Verlinde algebras ---------------------------------------------------------------------------------


@pytest.mark.parametrize("k", range(1, 11))
def test_verlinde_algebra_gives_verlinde_dimensions(k):
    alg = verlinde_algebra(k)
    md = modular_data(k)
    assert [alg.closed_surface(g) for g in range(6)] == [md.verlinde_dimension(g) for g in range(6)]
    assert alg.closed_surface(1) == k + 1 == alg.Z("e . m . D . u")[0, 0]
    assert alg.basis == tuple(f"[{a}]" for a in range(k + 1))


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_fusion_and_idempotent_bases_give_isomorphic_tqfts(k):
    """[a] = sum_x (S_ax / S_0x) e_x intertwines the two TQFTs on every generator."""
    md = modular_data(k)
    fus, idem = verlinde_algebra(k), verlinde_algebra(k, "idempotent")
    p = ExactMatrix.from_rows(
        [[md.S[a, x] / md.S[0, x] for a in md.labels] for x in md.labels], md.field.zero, md.field.one
    )
    for word in ["1", "u", "e", "m", "D", "t", "h", "(m x 1) . (1 x D)"]:
        c = parse_cobordism(word)
        zf = fus.Z(c).map(md.field, md.field.zero, md.field.one)
        left = ExactMatrix.identity(1, md.field.zero, md.field.one)
        right = ExactMatrix.identity(1, md.field.zero, md.field.one)
        for _ in range(c.target):
            left = left.kron(p)
        for _ in range(c.source):
            right = right.kron(p)
        assert idem.Z(c) @ right == left @ zf, word


def test_verlinde_errors():
    with pytest.raises(InvalidArgumentError, match="basis = 'weird'"):
        verlinde_algebra(2, "weird")
    with pytest.raises(InvalidArgumentError, match="k = 0"):
        verlinde_algebra(0)


# --- polynomial algebras -------------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(1, 8))
def test_truncated_polynomial_closed_form(n):
    alg = truncated_polynomial_algebra(n)
    expected_h = tuple(Fraction(n) if i == n - 1 else Fraction(0) for i in range(n))
    assert alg.handle_element == expected_h  # h = n x^(n-1)
    for g in range(6):
        closed_form = 1 if n == 1 else (n if g == 1 else 0)
        assert alg.closed_surface(g) == closed_form
    assert alg.basis[: min(n, 3)] == ("1", "x", "x^2")[: min(n, 3)]


def test_polynomial_algebra_general():
    alg = polynomial_algebra([6, -5, 1])  # (x - 2)(x - 3): p'(2) = -1, p'(3) = 1
    assert alg.format_element(alg.handle_element) == "-5 + 2*x"
    assert [alg.closed_surface(g) for g in range(5)] == [0, 2, 0, 2, 0]  # sum_r p'(r)^(g-1)
    scaled = polynomial_algebra([12, -10, 2])  # same ideal, same default counit
    assert scaled.multiplication_matrix == alg.multiplication_matrix
    custom = polynomial_algebra([6, -5, 1], counit=[1, 0])  # eps(1) = 1, eps(x) = 0
    assert custom.closed_surface(0) == 1
    assert all(r.passed for r in custom.check_frobenius_relations().values())
    with pytest.raises(InvalidArgumentError, match="a_n != 0"):
        polynomial_algebra([1, 0])
    with pytest.raises(InvalidArgumentError, match="int or Fraction"):
        polynomial_algebra([1.5, 1])
    with pytest.raises(InvalidArgumentError, match="n = 0"):
        truncated_polynomial_algebra(0)


def test_specs():
    assert algebra_from_spec("poly:3").name == "Q[x]/(x^3)"
    assert algebra_from_spec("poly:1/2,0,-3,0,2").name == "Q[x]/(2*x^4 - 3*x^2 + 1/2)"
    assert algebra_from_spec("group:S3") is group_algebra("S3")
    assert algebra_from_spec("verlinde:3").dimension == 4
    for bad in ["poly:a", "verlinde:x", "lie:3", "group:", "verlinde:3:other"]:
        with pytest.raises(InvalidArgumentError):
            algebra_from_spec(bad)


# --- identities -----------------------------------------------------------------------------------------


IDENTITIES = [
    "frobenius_algebra_relations",
    "group_algebra_surfaces",
    "verlinde_algebra_surfaces",
    "polynomial_algebra_surfaces",
    "tqft_functoriality",
    "tqft_gluing_trace",
]


@pytest.mark.parametrize("name", IDENTITIES)
def test_identities_hold(name):
    identity = get(name)
    cases = list(identity.cases())
    assert len(cases) >= 10
    report = run_identity_cases(name, cases + identity.random_cases(5, seed=2))
    assert report.ok, report.failures


def test_identities_can_fail(monkeypatch):
    """A wrong published table, a wrong genus rule or a wrong counit is reported."""
    monkeypatch.setitem(frobenius_identities.PUBLISHED_DEGREES, "S3", (1, 1, 1, 1, 1, 1))
    assert not get("group_algebra_surfaces").check(0, 2).passed
    from tqft.topology import cobordism2d

    original = cobordism2d.Cobordism.compose

    def no_handles(self, other):
        c = original(self, other)
        return cobordism2d.Cobordism(c.source, c.target, [(0, k.inputs, k.outputs) for k in c.components])

    monkeypatch.setattr(cobordism2d.Cobordism, "compose", no_handles)
    results = [get("tqft_functoriality").check(s).passed for s in range(25)]
    assert not all(results)


def test_identity_tables_agree_with_the_test_tables():
    for name, degrees in TABLES.items():
        assert frobenius_identities.PUBLISHED_DEGREES[name] == degrees


# --- the command -------------------------------------------------------------------------------------------


def _run(argv, capsys):
    parser = argparse.ArgumentParser()
    cli_cobordism.add_parser(parser.add_subparsers(dest="command"))
    status = cli_cobordism.run(parser.parse_args(["cobordism", *argv]))
    return status, capsys.readouterr().out


def test_cli_normal_form_only(capsys):
    status, out = _run(["m . (m x 1) . (1 x D) . D"], capsys)
    assert status == 0
    assert "genus 2, in {0} -> out {0}" in out and "Euler characteristic -4" in out
    assert "in generators: h . h" in out


def test_cli_matrix_and_check(capsys):
    status, out = _run(["m", ".", "D", "--algebra", "verlinde:2", "--check"], capsys)
    assert status == 0
    assert "3 x 3 matrix" in out and "[0]    3    .    1" in out
    assert "Z(normal form): yes" in out


def test_cli_surface(capsys):
    status, out = _run(["surface", "2", "--algebra", "group:S3", "--describe"], capsys)
    assert status == 0 and out.strip().endswith("Z = 81")
    assert "Z(Sigma_g), g = 0..4: 1/6, 3, 81, 2673, 94041" in out
    status, out = _run(["surface", "1", "2", "1", "--algebra", "poly:3"], capsys)
    assert "x^2        3" in out


def test_cli_json_and_large_matrices(capsys):
    status, out = _run(["D", "--algebra", "poly:2", "--json"], capsys)
    assert status == 0
    data = json.loads(out)
    assert data["components"] == [{"genus": 0, "inputs": [0], "outputs": [0, 1]}]
    assert data["rows"] == ["1⊗1", "1⊗x", "x⊗1", "x⊗x"] and data["columns"] == ["1", "x"]
    assert sorted(map(tuple, data["nonzero"])) == [("1⊗x", "1", "1"), ("x⊗1", "1", "1"), ("x⊗x", "x", "1")]
    _, out = _run(["t x 1", "--algebra", "group:A5", "--max-entries", "2"], capsys)
    assert "123 more nonzero entries" in out
    _, out = _run(["e . h^2 . u", "--algebra", "verlinde:1", "--json"], capsys)
    assert json.loads(out)["value"] == "4"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["m . (1 x D) . D"], "f ends in 3 circles but g starts from 2"),
        (["m", "--algebra", "lie:2"], "--algebra = 'lie:2' is not a known algebra"),
        (["surface", "x"], "surface 'x': expected 'surface G' or 'surface G IN OUT'"),
        (["surfaces", "x"], "unknown name 'surfaces'"),
        (["surface", "1", "a", "b"], "expected 'surface G' or 'surface G IN OUT'"),
        (["m", "--max-entries", "-1"], "--max-entries = -1"),
    ],
)
def test_cli_errors(argv, fragment, capsys):
    with pytest.raises(TQFTError) as info:
        _run(argv, capsys)
    assert fragment in str(info.value)


@settings(max_examples=20)
@given(spec=st.sampled_from(["poly:2", "verlinde:1"]), w=words())
def test_cli_check_passes_on_random_words(spec, w):
    parser = argparse.ArgumentParser()
    cli_cobordism.add_parser(parser.add_subparsers(dest="command"))
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        status = cli_cobordism.run(parser.parse_args(["cobordism", str(w), "--algebra", spec, "--check"]))
    assert status == 0 and "Z(normal form): yes" in buffer.getvalue()
