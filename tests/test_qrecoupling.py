"""q-recoupling: Kauffman-Lins nets, q-6j / q-CG entry points, level domains and the CLI."""

from __future__ import annotations

import itertools
import json

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqft.cli import main
from tqft.errors import AdmissibilityError, InvalidArgumentError, NotRepresentableError
from tqft.exact import CLASSICAL
from tqft.exact.qcontexts import generic_q, numeric_q, root_of_unity
from tqft.identities import get
from tqft.recoupling import clebsch_gordan, wigner_6j, wigner_9j
from tqft.recoupling import kauffman_lins as kl
from tqft.recoupling import racah_formulas as rf

CONTEXTS = [generic_q("A"), root_of_unity(5), root_of_unity(12), CLASSICAL]


@pytest.mark.parametrize("ctx", CONTEXTS, ids=lambda c: c.name)
def test_theta_graphical_closed_forms(ctx):
    """theta(a, a, 0) is a loop and theta(a, b, a+b) closes the projector P_{a+b}: both equal
    Delta (Kauffman-Lins 6.4) -- an independent reading of the theta formula."""
    top = 8 if ctx is CLASSICAL or ctx.name == "generic-A" else ctx.r - 2
    for a in range(top + 1):
        assert kl.theta(ctx, a, a, 0) == kl.loop(ctx, a)
        for b in range(top + 1 - a):
            assert kl.theta(ctx, a, b, a + b) == kl.loop(ctx, a + b)


def test_loop_values_at_generic_A_and_q_equal_one():
    ctx = generic_q("A")
    assert str(kl.loop(ctx, 1)) == "-A^2 - A^(-2)"
    assert str(kl.loop(ctx, 2)) == "A^4 + 1 + A^(-4)"
    assert [kl.loop(CLASSICAL, n) for n in range(5)] == [1, -2, 3, -4, 5]


def test_tet_with_a_zero_edge_is_a_theta():
    """Tet[a b e; c d 0] with F = 0 forces a = b, c = d: the net is a theta with a loop
    removed, Tet = theta(a, c, e) (Kauffman-Lins 8.5)."""
    ctx = generic_q("A")
    for a, c in itertools.product(range(4), repeat=2):
        for e in range(abs(a - c), a + c + 1, 2):
            assert kl.tet(ctx, a, a, e, c, c, 0) == kl.theta(ctx, a, c, e)


def test_kl_errors_name_the_triple():
    ctx = generic_q("A")
    with pytest.raises(AdmissibilityError, match=r"\(a, b, c\) = \(1, 1, 1\)"):
        kl.theta(ctx, 1, 1, 1)
    with pytest.raises(AdmissibilityError, match="r - 2"):
        kl.theta(root_of_unity(4), 2, 2, 2)
    with pytest.raises(InvalidArgumentError, match="n = -1 must be a colour"):
        kl.loop(ctx, -1)


def test_unitary_6j_numeric_matches_exact_root_of_unity():
    r = 9
    with mpmath.workprec(100):  # q itself must carry the 80 bits
        q = mpmath.exp(1j * mpmath.pi / r)
    exact, num = root_of_unity(r), numeric_q(q, 80)
    for c in [(2, 2, 2, 2, 2, 2), (1, 2, 3, 4, 3, 2), (3, 3, 2, 3, 3, 4), (4, 4, 4, 2, 2, 2)]:
        with num.workspace():
            nv = rf.sixj(num, *c)
        assert abs(exact.to_mpmath(rf.sixj(exact, *c), 80) - nv) < mpmath.mpf(2) ** -70


def test_sixj_at_root_of_unity_is_real_and_matches_generic_specialisation():
    g, r5 = generic_q(), root_of_unity(5)
    v = rf.sixj(g, 2, 2, 2, 2, 2, 2)
    with mpmath.workprec(100):
        q = mpmath.exp(1j * mpmath.pi / 5)
    at_root = g.to_mpmath(v, 80, q=q)
    exact = r5.to_mpmath(rf.sixj(r5, 2, 2, 2, 2, 2, 2), 80)
    assert abs(at_root - exact) < mpmath.mpf(10) ** -20
    assert exact.imag == 0
    # {1 1 1; 1 1 1} at r = 5 is -1/phi^2 (phi = golden ratio): spin 1 at level 3 is the
    # Fibonacci anyon tau, whose F-matrix entry F^{tau tau tau}_{tau; tau tau} = -1/phi
    # (Kitaev, Ann. Phys. 321 (2006) 2, eq. (281)) is this 6j times sqrt(d_tau d_tau) = phi
    with mpmath.workprec(100):
        phi = (1 + mpmath.sqrt(5)) / 2
        assert abs(exact.real + 1 / phi**2) < mpmath.mpf(10) ** -20


def test_level_truncation_and_zero_factorials():
    r4 = root_of_unity(4)  # level 2: colours <= 2, a + b + c <= 4
    assert rf.sixj(r4, 2, 2, 2, 2, 2, 2).is_zero()  # (2, 2, 2) exceeds the level: exact zero
    with pytest.raises(NotRepresentableError, match=r"\[4\]! = 0"):
        r4.sqrt_factorials(r4.one, [4], [])


@settings(max_examples=25, deadline=None)
@given(st.tuples(*[st.integers(0, 3)] * 6))
def test_wigner_6j_context_names_agree_with_context_objects(c):
    spins = [v / 2 for v in c]
    assert wigner_6j(*spins, context="generic") == rf.sixj(generic_q(), *c)
    assert wigner_6j(*spins, context="root:7") == rf.sixj(root_of_unity(7), *c)


def test_clebsch_gordan_q_closed_form_half_half():
    """<1/2 1/2, 1/2 -1/2 | 1 0>_q = q^(-1/2)/sqrt([2]) and <.. | 0 0>_q = q^(1/2)/sqrt([2])
    in the Kirillov-Reshetikhin convention (Kirillov-Reshetikhin 1989, table for j = 1/2)."""
    g = generic_q()
    root2 = g.sqrt_factorials(g.one, [2], [1])  # sqrt([2]!/[1]!) = sqrt([2])
    triplet = clebsch_gordan("1/2", "1/2", 1, "1/2", "-1/2", 0, context=g)
    singlet = clebsch_gordan("1/2", "1/2", 0, "1/2", "-1/2", 0, context=g)
    assert triplet * root2 == g.value(g.qpower(-1))
    assert singlet * root2 == g.value(g.qpower(1))


def test_ninej_refuses_q_contexts():
    with pytest.raises(InvalidArgumentError, match="9j symbol is implemented at q = 1 only"):
        wigner_9j(*[1] * 8, 0, context="generic")


def test_level_parameter_in_identity_domains():
    ident = get("q_sixj_orthogonality")
    cases = list(ident.cases())
    levels = {c[0] for c in cases}
    assert levels == {0, *range(3, 13)}
    for case in cases:
        r = case[0]
        if r:
            assert max(case[1:]) <= r - 2
    with pytest.raises(InvalidArgumentError, match="not an allowed level"):
        ident(2, 0, 0, 0, 0, 0, 0)
    with pytest.raises(InvalidArgumentError, match="outside the domain"):
        ident(3, 2, 0, 0, 0, 0, 0)  # colour 2 exceeds level 1
    assert ident.format_case(cases[-1]).startswith("q=e^(i pi/12)")


def test_wrong_racah_phase_is_detected():
    """The q-Racah check is not vacuous: dropping the q^{C} factors breaks it."""
    g = generic_q()
    a = b = c = d = 1
    f = g2 = 2
    terms = [
        g.value(g.sign((f + g2 + x) // 2) * g.qint(x + 1))
        * rf.sixj(g, a, b, x, c, d, f)
        * rf.sixj(g, a, b, x, d, c, g2)
        for x in (0, 2)
    ]
    assert g.sum_values(terms) != rf.sixj(g, a, d, f, b, c, g2)
    assert get("q_racah_sum_rule")(0, a, b, c, d, f, g2).passed


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["6j", "1", "1", "1", "1", "1", "1", "--q", "generic"],
            "(q^2 - 1 + q^(-2))/(q^4 + q^2 + 2 + q^(-2) + q^(-4))",
        ),
        (["6j", "1", "1", "1", "1", "1", "1", "--q", "A"], "(A^4 - 1 + A^(-4))/(A^8 + A^4 + 2 + A^(-4) + A^(-8))"),
        (["6j", "1", "1", "1", "1", "1", "1", "--q", "root:5", "--digits", "12"], "-0.38196601125"),
        (["6j", "1", "1", "1", "1", "1", "1", "--q", "1"], "1/6"),
        (["cg", "1/2", "1/2", "1", "1/2", "-1/2", "0", "--q", "generic"], "(q^(-1/2)/(q + q^(-1)))*sqrt(q + q^(-1))"),
        (["6j", "2", "2", "2", "2", "2", "2", "--q", "root:5"], "0"),
    ],
)
def test_cli_q_option(argv, expected, capsys):
    assert main(argv) == 0
    assert capsys.readouterr().out.strip().startswith(expected)


def test_cli_generic_6j_has_independent_witnesses(capsys):
    """The printed generic-q value of {1 1 1; 1 1 1}, read back by sympy, is sympy's
    classical 1/6 at q = 1 and the Fibonacci value -1/phi^2 at q = e^{i pi/5}."""
    import sympy
    from sympy.physics.wigner import wigner_6j as sympy_6j

    assert main(["6j", *"111111", "--q", "generic"]) == 0
    q = sympy.Symbol("q", positive=True)
    expr = sympy.sympify(capsys.readouterr().out.strip().replace("^", "**"), locals={"q": q})
    assert sympy.simplify(expr.subs(q, 1) - sympy_6j(1, 1, 1, 1, 1, 1)) == 0
    phi = (1 + sympy.sqrt(5)) / 2
    at_root = expr.subs(q, sympy.exp(sympy.I * sympy.pi / 5))
    assert abs(complex(sympy.N(at_root + 1 / phi**2, 30))) < 1e-25


def test_cli_q_numeric_and_errors(capsys):
    assert main(["6j", "1", "1", "1", "1", "1", "1", "--q", "0.9+0.1j"]) == 0
    out = capsys.readouterr().out.strip()
    value = complex(out.replace("(", "").replace(")", "").replace(" ", ""))
    exact = generic_q().to_mpmath(rf.sixj(generic_q(), 2, 2, 2, 2, 2, 2), 80, q=mpmath.mpc(0.9, 0.1))
    assert abs(value - complex(exact)) < 1e-12
    assert main(["6j", "1", "1", "1", "1", "1", "1", "--q", "root:2"]) == 2
    assert "r = 2 must be at least 3" in capsys.readouterr().err
    assert main(["6j", "1", "1", "1", "1", "1", "1", "--q", "generic", "--digits", "5"]) == 2
    assert "--digits needs a number" in capsys.readouterr().err
    assert main(["6j", "1", "1", "1", "1", "1", "1", "--q", "banana"]) == 2
    assert "q = 'banana' is not a context" in capsys.readouterr().err


def test_cli_modular(capsys):
    assert main(["modular", "1"]) == 0
    out = capsys.readouterr().out
    assert "SU(2)_1" in out and "S_ab" in out and "T_aa" in out
    assert main(["modular", "3", "--json"]) == 0

    data = json.loads(capsys.readouterr().out)
    assert data["level"] == 3
    assert main(["modular", "0"]) == 2
    assert "k = 0" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["jones", "--braid", "1,1,1"], "t + t^3 - t^4"),
        (["jones", "--braid", "1,1,1", "--method", "markov"], "t + t^3 - t^4"),
        (["jones", "--pd", "[[1,5,2,4],[3,1,4,6],[5,3,6,2]]"], "t + t^3 - t^4"),
        (["jones", "--pd", "X[4,2,5,1] X[8,6,1,5] X[6,3,7,4] X[2,7,3,8]"], "t^(-2) - t^(-1) + 1 - t + t^2"),
        (["jones", "--braid", "1 -2 1 -2", "--method", "markov"], "t^(-2) - t^(-1) + 1 - t + t^2"),
    ],
)
def test_cli_jones(argv, expected, capsys):
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == expected


def test_cli_jones_json_and_errors(capsys):
    assert main(["jones", "--braid", "1,1,1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["crossings"], data["components"], data["writhe"]) == (3, 1, 3)
    assert data["coefficients"] == {"2": 1, "6": 1, "8": -1}  # exponents of t^(1/2)
    assert main(["jones", "--pd", "[[1,2,3]]"]) == 2
    assert "crossing 0 = [1, 2, 3] has 3 labels" in capsys.readouterr().err
    assert main(["jones", "--pd", "[[1,5,2,4]]", "--method", "markov"]) == 2
    assert "need --braid" in capsys.readouterr().err
