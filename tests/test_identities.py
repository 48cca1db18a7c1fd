"""The identity catalogue: every identity passes on its default sweep and on random draws,
the domains enumerate what they claim, and a broken identity is reported as failing."""

from __future__ import annotations

import concurrent.futures as cf
import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqft.cli import main
from tqft.identities import (
    CheckResult,
    Domain,
    Identity,
    catalogue,
    get,
    names,
    register,
    run_catalogue,
    run_identity_cases,
    unregister,
)
from tqft.identities.core import coupled, free, projection
from tqft.recoupling import sixj_colours
from tqft.spins import admissible

NAMES = [identity.name for identity in catalogue()]


def test_catalogue_contents():
    required = {
        "threej_orthogonality_m",
        "threej_orthogonality_j",
        "sixj_orthogonality",
        "racah_sum_rule",
        "biedenharn_elliott",
        "ninej_as_sixj_sum",
        "threej_symmetries",
        "sixj_symmetries",
        "ninej_symmetries",
    }
    assert required <= set(NAMES)
    for identity in catalogue():
        assert identity.statement.count("{") == identity.statement.count("}"), identity.name
        assert identity.reference and identity.title


@pytest.mark.parametrize("name", NAMES)
def test_identity_default_sweep(name):
    """The same sweep ``tqft verify`` runs (default bounds), plus seeded random cases."""
    identity = get(name)
    cases = list(identity.cases())
    assert len(cases) >= 10, "a sweep that checks nothing proves nothing"
    report = run_identity_cases(name, cases + identity.random_cases(8, seed=11))
    assert report.ok, report.failures


@pytest.mark.parametrize("name", ["sixj_recursion", "threej_recursion", "sixj_one_zero", "threej_one_zero"])
def test_large_spin_identities(name):
    """Recursions and closed forms at spins up to 2000 check the kernel's big-integer path."""
    identity = get(name)
    report = run_identity_cases(name, identity.random_cases(4, seed=5, max_spin=2000))
    assert report.ok, report.failures


def test_domain_enumeration_respects_constraints_and_sampling_stays_inside():
    dom = get("biedenharn_elliott").domain
    cases = list(dom.enumerate(3))
    assert cases == sorted(set(cases))
    for p, q, r, e, a, d, f, b, c in cases:
        for t in ((p, q, r), (p, a, d), (e, q, d), (e, a, r), (p, b, c), (f, q, c), (f, b, r)):
            assert admissible(*t)
    import random

    rng = random.Random(0)
    members = set(cases)
    for _ in range(50):
        assert dom.sample(rng, 3) in members


def test_domain_with_projections_and_predicate():
    dom = Domain((free("j"), projection("m", 0)), where=lambda t: t[1] >= 0)
    assert list(dom.enumerate(2)) == [(0, 0), (1, 1), (2, 0), (2, 2)]
    impossible = Domain((free("a"), free("b"), coupled("c", 0, 1)), triads=((0, 0, 1),), where=lambda t: t[0] > 99)
    with pytest.raises(ValueError, match="no admissible parameters"):
        impossible.sample(__import__("random").Random(0), 4, attempts=50)


@given(st.integers(0, 8), st.integers(0, 8), st.integers(0, 8), st.integers(0, 8))
@settings(max_examples=40)
def test_orthogonality_check_detects_a_wrong_value(a, b, c, d):
    """Checks can fail: feeding the 6j orthogonality sum a corrupted value breaks it."""
    fs = [f for f in range(abs(a - d), a + d + 1, 2) if admissible(c, b, f)]
    if not fs:
        return
    f = fs[0]
    identity = get("sixj_orthogonality")
    assert identity.check(a, b, c, d, f, f).passed
    # the sum without the (2f+1) factor is wrong unless f = 0
    xs = range(abs(a - b), a + b + 1, 2)
    wrong = sum(((x + 1) * sixj_colours(a, b, x, c, d, f) ** 2 for x in xs), start=0 * sixj_colours(0, 0, 0, 0, 0, 0))
    assert (wrong == 1) == (f == 0)


@pytest.fixture
def broken_identity():
    def check(a, b, c):
        # Racah's sum rule without its phase: wrong whenever a phase is -1
        value = sixj_colours(a, b, c, a, b, c)
        return CheckResult(value == abs(value), value, abs(value))

    identity = register(
        Identity(
            name="broken_for_test",
            title="deliberately wrong",
            statement="{6j} = |{6j}|",
            domain=Domain((free("a"), free("b"), coupled("c", 0, 1))),
            check=check,
            default_max_spin=2,
            random_max_spin=2,
            reference="none",
        )
    )
    yield identity
    unregister(identity.name)
    assert identity.name not in names()


def test_runner_reports_failures_and_cli_exits_1(broken_identity, capsys):
    report = run_catalogue(["broken_for_test"], jobs=1, progress=False)
    assert not report.ok and report.failed > 0 and report.identities[0].failures
    assert main(["verify", "--only", "broken_for_test", "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "FAILED broken_for_test" in out


def test_runner_with_any_executor_matches_serial():
    names = ["sixj_orthogonality", "racah_sum_rule"]
    serial = run_catalogue(names, max_spin=1.5, random=3, seed=2, jobs=1, progress=False)
    with cf.ThreadPoolExecutor(max_workers=2) as pool:
        threaded = run_catalogue(names, max_spin=1.5, random=3, seed=2, executor=pool, progress=False)
    processes = run_catalogue(names, max_spin=1.5, random=3, seed=2, jobs=2, progress=False)
    for rep in (serial, threaded, processes):
        assert rep.ok
        assert [(r.name, r.cases) for r in rep.identities] == [(r.name, r.cases) for r in serial.identities]
    assert serial.cases == sum(len(list(get(n).cases(1.5))) + 3 for n in names)


class _InterruptingExecutor(cf.Executor):
    """Runs the first chunk, then behaves as if the user pressed Ctrl-C."""

    def __init__(self):
        self.calls = 0

    def submit(self, fn, /, *args, **kwargs):
        fut: cf.Future = cf.Future()
        self.calls += 1
        if self.calls == 1:
            fut.set_result(fn(*args, **kwargs))
        else:
            fut.set_exception(KeyboardInterrupt())
        return fut


def test_interrupted_sweep_returns_partial_report():
    report = run_catalogue(
        ["sixj_orthogonality"], max_spin=2, executor=_InterruptingExecutor(), progress=False, chunk_size=8
    )
    assert report.interrupted and not report.ok
    assert report.cases < len(list(get("sixj_orthogonality").cases(2)))


def test_random_cases_are_seeded():
    identity = get("biedenharn_elliott")
    assert identity.random_cases(5, seed=3) == identity.random_cases(5, seed=3)
    assert identity.random_cases(5, seed=3) != identity.random_cases(5, seed=4)
    assert all(len(c) == 9 for c in itertools.islice(identity.cases(), 5))


def test_identity_call_checks_the_domain():
    with pytest.raises(ValueError, match="sixj_orthogonality: f = 0 is outside the domain"):
        get("sixj_orthogonality")(1, 0, 0, 0, 0, 0)
    with pytest.raises(ValueError, match="m = 3/2 is outside the domain"):
        get("threej_one_zero")(2, 3)
    with pytest.raises(ValueError, match="takes 2 parameters"):
        get("threej_one_zero")(2)
    assert get("threej_one_zero")(2, 2).passed


def test_bounds_are_parsed_as_spins_and_names_deduplicated():
    identity = get("sixj_sum_rule")
    assert list(identity.cases("2")) == list(identity.cases(2)) == list(identity.cases(Fraction(4, 2)))
    with pytest.raises(ValueError, match="max_spin = -1 is not a spin"):
        list(identity.cases(-1))
    with pytest.raises(ValueError, match="max_spin = nan"):
        identity.random_cases(2, max_spin=float("nan"))
    single = run_catalogue("sixj_sum_rule", max_spin=1, jobs=1, progress=False)
    twice = run_catalogue(["sixj_sum_rule", "sixj_sum_rule"], max_spin=1, jobs=1, progress=False)
    assert single.cases == twice.cases == len(list(identity.cases(1))) and len(twice.identities) == 1
