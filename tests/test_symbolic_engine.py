"""The symbolic recoupling engine: rules, derivations, their checks, parsing and ``tqft derive``."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sympy.physics import wigner as sw

from tqft.cli import main
from tqft.errors import DerivationError, InvalidArgumentError, InvalidSpinError
from tqft.symbolic import (
    NineJ,
    QInt,
    QSixJ,
    SixJ,
    SpinSum,
    ThreeJ,
    Triangle,
    derive,
    exact_value,
    projections,
    q,
    spins,
)
from tqft.symbolic import rules as rules_module
from tqft.symbolic.derivation import check_equal
from tqft.symbolic.parsing import parse
from tqft.symbolic.patterns import canonical, images, normal_phase

a, b, c, d, e, f, g, p, r, x = spins("a b c d e f g p r x")
(s_,) = spins("s")
m, m1, m2, n1, n2, mp = projections("m m1 m2 n1 n2 mp")
j, j1, j2, jp = spins("j j1 j2 jp")


def rules_of(derivation):
    return [s.rule for s in derivation.steps]


# --- the sum rules, as a researcher writes them ------------------------------------------------


def test_sixj_orthogonality():
    dv = derive(SpinSum((2 * x + 1) * (2 * f + 1) * SixJ(a, b, x, c, d, f) * SixJ(a, b, x, c, d, g), x))
    assert dv.result == sympy.KroneckerDelta(f, g) * Triangle(a, d, f) * Triangle(b, c, f)
    assert "sixj_orthogonality" in rules_of(dv)
    assert dv.check.nonzero >= 12


def test_sixj_orthogonality_diagonal_without_weight():
    dv = derive(SpinSum((2 * x + 1) * SixJ(a, b, x, c, d, f) ** 2, x))
    assert dv.result == Triangle(a, d, f) * Triangle(b, c, f) / (2 * f + 1)


def test_racah_sum_rule_in_any_symmetric_writing():
    start = SpinSum((-1) ** (x + f + g) * (2 * x + 1) * SixJ(x, a, b, f, c, d) * SixJ(d, c, x, a, b, g), x)
    dv = derive(start)
    assert "racah_sum_rule" in rules_of(dv)
    assert dv.result == canonical(SixJ(a, d, f, b, c, g))[0]


def test_racah_extra_constant_phase_comes_out():
    start = SpinSum((-1) ** (x + g - f) * (2 * x + 1) * SixJ(a, b, x, c, d, f) * SixJ(a, b, x, d, c, g), x)
    dv = derive(start)
    assert "racah_sum_rule" in rules_of(dv)
    assert dv.result.has(SixJ) and not dv.result.has(sympy.Sum)


def test_biedenharn_elliott():
    phase = (-1) ** (a + b + c + d + e + f + p + s_ + r + x)
    start = SpinSum(phase * (2 * x + 1) * SixJ(a, b, x, c, d, p) * SixJ(c, d, x, e, f, s_) * SixJ(e, f, x, b, a, r), x)
    dv = derive(start)
    assert "biedenharn_elliott" in rules_of(dv)
    assert not dv.result.has(sympy.Sum) and len([t for t in sympy.Mul.make_args(dv.result) if t.has(SixJ)]) == 2


def test_ninej_both_directions():
    args = spins("j1 j2 j3 j4 j5 j6 j7 j8 j9")
    forward = derive(NineJ(*args), expand=["ninej_as_sixj_sum"])
    assert rules_of(forward)[0] == "ninej_as_sixj_sum"
    assert forward.result.has(sympy.Sum) and not forward.result.has(NineJ)
    back = derive(forward.result)
    assert "ninej_as_sixj_sum" in rules_of(back)
    assert back.result.has(NineJ) and not back.result.has(sympy.Sum)


def test_biedenharn_elliott_read_backwards():
    product = SixJ(p, s_, r, e, a, d) * SixJ(p, s_, r, f, b, c)
    dv = derive(product, expand=["biedenharn_elliott"])
    assert rules_of(dv)[0] == "biedenharn_elliott" and dv.result.has(sympy.Sum)


def test_single_sums_and_dimension_count():
    dv = derive(SpinSum((-1) ** (a + b + x) * (2 * x + 1) * SixJ(a, b, x, b, a, f), x))
    assert dv.result == sympy.sqrt(2 * a + 1) * sympy.sqrt(2 * b + 1) * sympy.KroneckerDelta(0, f)
    dv = derive(SpinSum((2 * x + 1) * SixJ(a, b, x, a, b, f), x))
    assert dv.result == (-1) ** (2 * a + 2 * b) * Triangle(a, b, f)
    dv = derive(sympy.Sum(2 * x + 1, (x, sympy.Abs(a - b), a + b)))
    assert dv.result == (2 * a + 1) * (2 * b + 1) and rules_of(dv) == ["dimension_count"]


def test_zero_spin_then_sum():
    dv = derive(SpinSum((-1) ** (a + b + x) * (2 * x + 1) * SixJ(a, b, x, b, a, 0), x))
    assert dv.result == sympy.sqrt(2 * a + 1) * sympy.sqrt(2 * b + 1)


def test_threej_orthogonality_over_projections():
    body = (2 * j + 1) * ThreeJ(j1, j2, j, m1, m2, m) * ThreeJ(j1, j2, jp, m1, m2, mp)
    dv = derive(SpinSum(body, m1, m2))
    assert "threej_orthogonality_m" in rules_of(dv)
    assert dv.result.has(sympy.KroneckerDelta) and not dv.result.has(ThreeJ)


def test_threej_orthogonality_over_j_and_m():
    body = (2 * j + 1) * ThreeJ(j1, j2, j, m1, m2, m) * ThreeJ(j1, j2, j, n1, n2, m)
    dv = derive(SpinSum(body, j, m))
    assert "threej_orthogonality_j" in rules_of(dv)
    assert not dv.result.has(ThreeJ)


def test_q_analogues():
    dv = derive(SpinSum(QInt(2 * x + 1) * QInt(2 * f + 1) * QSixJ(a, b, x, c, d, f) * QSixJ(a, b, x, c, d, g), x))
    assert "q_sixj_orthogonality" in rules_of(dv) and dv.check.quantum
    casimir = sum((v * (v + 1) * k for v, k in ((f, 1), (g, 1), (x, 1), (a, -1), (b, -1), (c, -1), (d, -1))), 0)
    racah = SpinSum(
        (-1) ** (f + g + x) * QInt(2 * x + 1) * q**casimir * QSixJ(a, b, x, c, d, f) * QSixJ(a, b, x, d, c, g), x
    )
    dv = derive(racah)
    assert "q_racah_sum_rule" in rules_of(dv) and dv.result.has(QSixJ) and not dv.result.has(sympy.Sum)


def test_q_racah_without_the_braiding_phase_is_not_rewritten():
    """Without q^(C_f + C_g + ...) the q-Racah identity does not apply; the engine must not pretend."""
    start = SpinSum((-1) ** (f + g + x) * QInt(2 * x + 1) * QSixJ(a, b, x, c, d, f) * QSixJ(a, b, x, d, c, g), x)
    dv = derive(start)
    assert "q_racah_sum_rule" not in rules_of(dv) and dv.result.has(sympy.Sum)


def test_range_too_short_is_not_a_sum_rule():
    start = sympy.Sum((2 * x + 1) * (2 * f + 1) * SixJ(a, b, x, c, d, f) * SixJ(a, b, x, c, d, g), (x, a + b, a + b))
    dv = derive(start)
    assert "sixj_orthogonality" not in rules_of(dv)


# --- the check is real ---------------------------------------------------------------------------


def test_a_wrong_rule_is_caught(monkeypatch):
    wrong = [
        rules_module.SumRule(
            r.name, r.title, r.statement, r.quantum, r.templates, r.phase, lambda bnd, r=r: 2 * r.rhs(bnd), r.qpower
        )
        if r.name == "sixj_orthogonality"
        else r
        for r in rules_module.SUM_RULES
    ]
    monkeypatch.setattr("tqft.symbolic.engine.SUM_RULES", tuple(wrong))
    with pytest.raises(DerivationError, match="check failed"):
        derive(SpinSum((2 * x + 1) * (2 * f + 1) * SixJ(a, b, x, c, d, f) * SixJ(a, b, x, c, d, g), x))


def test_check_equal_reports_values():
    with pytest.raises(DerivationError, match="start = "):
        check_equal(SixJ(a, b, c, a, b, c), 2 * SixJ(a, b, c, a, b, c))
    report = check_equal(SixJ(a, b, c, a, b, c), SixJ(b, a, c, b, a, c), samples=5, seed=3)
    assert report.samples >= 5 and report.nonzero == 5 and report.seed == 3


# --- exact evaluation against an independent system --------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 8), min_size=6, max_size=6))
def test_sixj_value_matches_sympy(cols):
    vals = [sympy.Rational(v, 2) for v in cols]
    try:
        reference = sympy.nsimplify(sw.wigner_6j(*vals))
    except ValueError:  # sympy refuses inadmissible arguments; the symbol is zero there
        reference = 0
    assert exact_value(SixJ(*vals)) == reference


def test_threej_value_matches_sympy():
    rng = random.Random(1)
    for _ in range(60):
        js = [sympy.Rational(rng.randint(0, 6), 2) for _ in range(2)]
        j3 = abs(js[0] - js[1]) + rng.randint(0, int(2 * min(js)) if min(js) else 0)
        m_1 = js[0] - rng.randint(0, int(2 * js[0]))
        m_2 = js[1] - rng.randint(0, int(2 * js[1]))
        args = (*js, j3, m_1, m_2, -m_1 - m_2)
        assert exact_value(ThreeJ(*args)) == sympy.nsimplify(sw.wigner_3j(*args))


def test_sums_evaluate_and_karr_convention_is_not_used():
    assert exact_value(sympy.Sum(x, (x, 3, 1))) == 0
    assert exact_value(sympy.Sum(2 * x + 1, (x, sympy.Rational(1, 2), sympy.Rational(5, 2)))) == 2 + 4 + 6


# --- identities of the pattern layer --------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=6, max_size=6), st.integers(0, 23))
def test_every_sixj_image_has_the_same_value(cols, k):
    vals = [sympy.Rational(v, 2) for v in cols]
    image, phase = images(SixJ(a, b, c, d, e, f))[k]
    env = dict(zip((a, b, c, d, e, f), vals))
    assert phase == 0
    assert exact_value(SixJ(*image), env) == exact_value(SixJ(a, b, c, d, e, f), env)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 11), st.integers(0, 6), st.integers(0, 6))
def test_threej_images_with_their_phase(k, c1, c2):
    (jj1, jj2) = sympy.Rational(c1, 2), sympy.Rational(c2, 2)
    jj3 = abs(jj1 - jj2)
    mm1 = jj1 - (c1 // 2)
    mm2 = -mm1 if abs(mm1) <= jj2 and (jj2 - mm1).is_integer else jj2
    env = {j1: jj1, j2: jj2, j: jj3, m1: mm1, m2: mm2, m: -mm1 - mm2}
    node = ThreeJ(j1, j2, j, m1, m2, m)
    image, phase = images(node)[k]
    assert exact_value((-1) ** phase * ThreeJ(*image), env) == exact_value(node, env)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-9, 9), min_size=4, max_size=4), st.lists(st.integers(0, 9), min_size=3, max_size=3))
def test_normal_phase_keeps_the_value(coeffs, cols):
    exponent = coeffs[0] * a + coeffs[1] * b + coeffs[2] * c + coeffs[3]
    env = {a: Fraction(cols[0], 2), b: Fraction(cols[1], 2), c: Fraction(cols[2], 2)}
    # (-1)^e is not real at a non-integer exponent; the rewrite is exact but the evaluator refuses
    assume((sum(coeffs[i] * env[v] for i, v in enumerate((a, b, c))) + coeffs[3]).denominator == 1)
    assert exact_value((-1) ** exponent, env) == exact_value(sympy.Pow(-1, normal_phase(exponent)), env)


# --- parsing and the CLI ------------------------------------------------------------------------------


def test_parse_names_and_errors():
    expr = parse("Sum((2*x+1)*(2*f+1)*SixJ(a,b,x,c,d,f)*SixJ(a,b,x,c,d,g), x)")
    assert isinstance(expr, SpinSum)
    assert parse("RacahW(a,b,c,d,e,f)") == (-1) ** (a + b + c + d) * SixJ(a, b, e, d, c, f)
    (n,) = [s for s in parse("SixJ(n,n,n,n,n,n)", integer=["n"]).free_symbols]
    assert n.is_integer
    with pytest.raises(InvalidArgumentError, match="cannot read"):
        parse("SixJ(a, b")
    with pytest.raises(InvalidSpinError, match="j4 = -1"):
        parse("SixJ(a, b, c, -1, 1, 1)")
    with pytest.raises(InvalidArgumentError, match="exactly"):
        parse("Sum(2*x, (x, 0.5, 3))")
    with pytest.raises(InvalidArgumentError, match="non-empty"):
        parse("  ")


def test_cli_text_latex_json(tmp_path, capsys):
    expr = "Sum((2*x+1)*(2*f+1)*SixJ(a,b,x,c,d,f)*SixJ(a,b,x,c,d,g), x)"
    assert main(["derive", expr]) == 0
    out = capsys.readouterr().out
    assert "[sixj_orthogonality]" in out and "checked exactly" in out
    target = tmp_path / "d.tex"
    assert main(["derive", expr, "--latex", "--output", str(target)]) == 0
    tex = target.read_text()
    assert r"\begin{enumerate}" in tex and r"\end{document}" in tex and r"\delta" in tex
    capsys.readouterr()
    assert main(["derive", expr, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["steps"][-1]["rule"] == "sixj_orthogonality" and data["check"]["nonzero"] >= 12


def test_cli_bad_input_and_failed_check(capsys, monkeypatch):
    assert main(["derive", "SixJ(a,b)"]) == 2
    assert "exactly 6 arguments" in capsys.readouterr().err

    def broken(*args, **kwargs):
        raise DerivationError("derivation check failed at {a = 1}: start = 1, result = 2")

    monkeypatch.setattr("tqft.symbolic.engine.derive", broken)
    assert main(["derive", "SixJ(a,b,c,a,b,c)"]) == 1
    assert "check failed" in capsys.readouterr().out


def test_derivation_renders():
    dv = derive(SpinSum((2 * x + 1) * SixJ(a, b, x, a, b, f), x))
    text, tex = dv.text(), dv.latex()
    assert text.startswith("start:") and "result:" in text and "[sixj_weighted_sum]" in text
    assert tex.count(r"\item") == len(dv.steps) and "sixj\\_weighted\\_sum" in tex


def test_a_summation_variable_in_two_places_is_not_an_identity_variable():
    """{a b x; 1 x b}^2 looks like orthogonality with d = x; it is not (found by the check)."""
    dv = derive(SpinSum((2 * x + 1) * SixJ(a, b, x, 1, x, b) ** 2, x))
    assert "sixj_orthogonality" not in rules_of(dv)
    assert x not in dv.result.free_symbols and dv.result.has(sympy.Sum) and dv.check.nonzero == 12


def test_small_spin_closed_form_in_a_derivation():
    dv = derive(parse("SixJ(a,b,c,1/2,c-1/2,b+1/2)"))
    assert rules_of(dv)[0] == "sixj_small_spin_closed_form" and not dv.result.has(SixJ)
    dv = derive(parse("ThreeJ(j+1/2, j, 1/2, m, -m-1/2, 1/2)"))
    assert rules_of(dv)[0] == "threej_small_spin_closed_form" and not dv.result.has(ThreeJ)
    kept = derive(parse("SixJ(a,b,c,1/2,c-1/2,b+1/2)"), closed_forms=False)
    assert kept.result.has(SixJ)
