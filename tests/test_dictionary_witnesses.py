"""The dictionary entries (``dictionary/*.toml``) and their executable witnesses.

Every entry file must parse with :mod:`tomllib`, carry exactly the schema's keys, name an
importable witness, and its witness must return a passing
:class:`~tqft.identities.core.CheckResult`.  The targeted tests below perturb an example
(a wrong published value, a wrong closed form, a wrong Haar measure, a different manifold)
and check that the witness's comparison then fails: the checks can fail.
"""

from __future__ import annotations

import importlib
import tomllib
from fractions import Fraction
from pathlib import Path

import mpmath
import pytest

from tqft.dictionary import witnesses
from tqft.dictionary import witnesses_entanglement as we
from tqft.dictionary import witnesses_perceptron as wp
from tqft.dictionary import witnesses_tqft as wt
from tqft.dictionary import witnesses_tqnn as wq
from tqft.dictionary.schema import KEYS, PAPERS, STATUSES
from tqft.exact.laurent import Laurent
from tqft.identities.core import CheckResult
from tqft.semiclassical.asymptotics import Oscillation
from tqft.topology import census

FOLDER = Path(__file__).resolve().parent.parent / "dictionary"
FILES = sorted(FOLDER.glob("*.toml"))


def _read(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def _witness(path: Path):
    module, _, name = _read(path)["witness"]["function"].rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_there_are_at_least_forty_entries() -> None:
    assert len(FILES) >= 40


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_entry_file(path: Path) -> None:
    data = _read(path)
    assert set(data) == set(KEYS)
    assert data["id"] == path.stem
    assert data["status"] in STATUSES
    assert all(s["paper"] in PAPERS and s["where"].strip() for s in data["sources"])
    assert all((FOLDER / f"{r}.toml").is_file() for r in data["related"])
    assert "$" not in data["formula"]
    assert set(data["witness"]) == {"function", "claim"}
    assert callable(_witness(path))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_witness_passes(path: Path) -> None:
    result = _witness(path)()
    assert isinstance(result, CheckResult)
    assert result.passed, (result.lhs, result.rhs)


def test_every_witness_serves_exactly_one_entry() -> None:
    used = [_read(p)["witness"]["function"].rpartition(".")[2] for p in FILES]
    assert len(used) == len(set(used))
    assert set(used) == set(witnesses.__all__)


# --- the checks can fail: perturbed examples ------------------------------------------------------


def test_input_sample_fails_against_a_wrong_value() -> None:
    assert not wq._check_input_sample((1, 2, 3, 4), (0, 0), Fraction(7, 4)).passed


def test_forward_pass_fails_against_a_wrong_product() -> None:
    assert not wq._check_forward_pass((1, 2, 3, 4), (1, 1, 1, 1), Fraction(22, 5)).passed


def test_pixel_value_fails_against_a_misprinted_reference() -> None:
    wrong = {**wq.M3_VALUES, (2, 2, 2, 2): Fraction(245, 143)}
    assert not wq._check_pixel_value(range(3), wrong).passed


def test_image_fails_against_a_wrong_edge_count() -> None:
    assert not wq._check_image((2,), 2350).passed


def test_class_similarity_fails_against_a_wrong_amplitude() -> None:
    assert not wq._check_class_similarity((1, 1, 1, 1), (2, 2, 2, 2), Fraction(3), Fraction(245, 145)).passed


def test_dataset_symmetry_fails_when_the_non_symmetry_is_a_symmetry() -> None:
    # the rotation by 180 degrees is an automorphism: its amplitude does not differ
    assert not wq._check_dataset_symmetry([[1, 2], [3, 4]], [[4, 3], [2, 1]]).passed


def test_theorem2_fails_against_a_tight_bound() -> None:
    assert not we._check_theorem2(2, (5, 5, 5)).passed


def test_long_range_fails_with_the_short_range_closed_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(we, "_left_right_form", we._interleaved_form)
    assert not we._check_range((8, 6, 3, 2), (2, 2, 8, 8), 4, 16, long_range=True).passed


def test_projector_fails_with_a_wrong_haar_measure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wt, "_WEYL", Laurent.constant(2))  # the flat measure on the torus
    assert not wt._check_projector(4, 7).passed


def test_neuron_fails_with_a_wrong_admissibility_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wt, "admissible", lambda a, b, c: (a + b + c) % 2 == 0)
    assert not wt._check_neuron(3).passed


def test_generalisation_fails_for_a_different_manifold() -> None:
    assert not wt._check_generalisation(census.poincare_sphere(), census.lens_space(7, 2), (5, 7)).passed


def test_ponzano_regge_fails_without_the_quarter_phase(monkeypatch: pytest.MonkeyPatch) -> None:
    original = wt.pr_formula

    def shifted(*spins, **options):
        osc = original(*spins, **options)
        return Oscillation(osc.amplitude, osc.phase - mpmath.pi / 4)

    monkeypatch.setattr(wt, "pr_formula", shifted)
    regular = ([Fraction(1)] * 6, [50, 100])
    assert not wt._check_ponzano_regge([regular]).passed


def test_training_free_classifier_fails_with_another_variance_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    # the independent side uses a floor of 1 instead of the model's 1/48
    monkeypatch.setattr(wp, "DEFAULT_VARIANCE_FLOOR", 1.0)
    assert not wp._check_training_free(wp.COLOURS, wp.LABELS, wp.QUERIES).passed


def test_haar_integral_counts_invariants() -> None:
    # spin 1/2 tensor spin 1/2 holds one singlet; four spin 1/2 hold two
    assert wt.haar_integral(wt.character(1) * wt.character(1)) == 1
    assert wt.haar_integral(wt.character(1) ** 4) == 2
    assert wt.haar_integral(wt.character(1)) == 0
