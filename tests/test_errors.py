"""Bad input for every public function: a TQFTError subclass naming argument and value."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tqft import (
    CostLimitError,
    InvalidSpinError,
    SpinTypeError,
    TQFTError,
    clebsch_gordan,
    racah_w,
    wigner_3j,
    wigner_6j,
    wigner_9j,
)
from tqft.exact import CLASSICAL
from tqft.recoupling import spin_limit

GOOD = {
    wigner_3j: (1, 1, 0, 1, -1, 0),
    clebsch_gordan: (1, 1, 0, 1, -1, 0),
    wigner_6j: (1, 2, 3, 2, 1, 2),
    racah_w: (1, 1, 1, 1, 1, 1),
    wigner_9j: (1, 1, 1, 1, 1, 1, 1, 1, 0),
}
NAMES = {
    wigner_3j: ("j1", "j2", "j3", "m1", "m2", "m3"),
    clebsch_gordan: ("j1", "j2", "j3", "m1", "m2", "m3"),
    wigner_6j: ("j1", "j2", "j3", "j4", "j5", "j6"),
    racah_w: ("a", "b", "c", "d", "e", "f"),
    wigner_9j: tuple(f"j{k}" for k in range(1, 10)),
}
CASES = [(func, k) for func, args in GOOD.items() for k in range(len(args))]


@pytest.mark.parametrize(("func", "position"), CASES, ids=[f"{f.__name__}-{k}" for f, k in CASES])
@pytest.mark.parametrize("context", [None, CLASSICAL], ids=["fast", "reference"])
def test_every_argument_is_parsed_and_named(func, position, context):
    args = list(GOOD[func])
    name = NAMES[func][position]
    args[position] = Fraction(1, 3)
    with pytest.raises(InvalidSpinError, match=rf"^{name} = 1/3 is not a "):
        func(*args, context=context)
    args[position] = [1]
    with pytest.raises(SpinTypeError, match=rf"^{name} = \[1\]"):
        func(*args, context=context)
    if not name.startswith("m"):
        args[position] = -1
        with pytest.raises(InvalidSpinError, match=rf"^{name} = -1 is not a spin"):
            func(*args, context=context)


def test_negative_projection_is_fine_negative_spin_is_not():
    assert wigner_3j(1, 1, 0, -1, 1, 0) != 0
    with pytest.raises(InvalidSpinError):
        wigner_3j(-1, 1, 0, 0, 0, 0)


@pytest.mark.parametrize("func", list(GOOD))
@pytest.mark.parametrize("context", [None, CLASSICAL], ids=["fast", "reference"])
def test_huge_spins_fail_fast_with_cost_message(func, context):
    big = [10**7 if not n.startswith("m") else 0 for n in NAMES[func]]
    with pytest.raises(CostLimitError, match="exceeds the limit of") as info:
        func(*big, context=context)
    assert "spin_limit" in str(info.value) and isinstance(info.value, TQFTError)


def test_limits_per_path():
    with pytest.raises(CostLimitError, match="limit of 1000 for the fast 9j path"):
        wigner_9j(*[1001] * 9)
    with pytest.raises(CostLimitError, match="limit of 100 for the reference 9j path"):
        wigner_9j(*[101] * 9, context=CLASSICAL)
    with pytest.raises(CostLimitError, match="limit of 1000 for the reference path"):
        clebsch_gordan(1001, 1001, 0, 0, 0, 0, context=CLASSICAL)
    assert wigner_6j(*[1001] * 6) != 0  # the fast 6j path goes much further


def test_spin_limit_context_manager():
    with pytest.raises(CostLimitError):
        wigner_3j(200_001, 200_001, 0, 0, 0, 0)
    with spin_limit(300_000):
        assert wigner_3j(200_001, 200_001, 0, 0, 0, 0) != 0
    with pytest.raises(CostLimitError):
        wigner_3j(200_001, 200_001, 0, 0, 0, 0)


def test_bad_runner_and_limit_arguments():
    from tqft.identities import run_catalogue

    for kwargs, fragment in (
        ({"jobs": 0}, "jobs = 0"),
        ({"chunk_size": 0}, "chunk_size = 0"),
        ({"random": -1}, "random = -1"),
    ):
        with pytest.raises(TQFTError, match=fragment):
            run_catalogue(["sixj_sum_rule"], progress=False, **kwargs)
    with pytest.raises(InvalidSpinError, match="max_spin = 'lots'"):
        with spin_limit("lots"):
            pass
