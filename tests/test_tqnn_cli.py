"""The ``tqft tqnn`` command: the digits table, the (M3) transition matrix, amplitudes."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from tqft.cli import main
from tqft.learning.tqnn.exact import transition_matrix_study


def test_amplitude_command_matches_m3_values(capsys):
    assert main(["tqnn", "amplitude", "1,2,3,4", "1,1,1,1"]) == 0
    out = json.loads(capsys.readouterr().out)
    # <H_in> = 7/5 and <H_out> = 3 are (M3)'s published values; the amplitude is their product
    assert out == {"<H_in>": "7/5", "<H_out>": "3", "amplitude": "21/5", "transition": str(Fraction(49, 225))}


def test_transition_matrix_command_json_equals_the_study(capsys):
    assert main(["tqnn", "transition-matrix", "2", "--colours", "1:2", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    study = transition_matrix_study(2, (1, 2))
    expected = json.loads(study.to_json())
    payload.pop("seconds"), expected.pop("seconds")
    assert payload == expected
    assert len(study.states) == 14 + 14 * 15 // 2  # 14 cycles, multisets of one or two of them


def test_transition_matrix_command_text(capsys):
    assert main(["tqnn", "transition-matrix", "2", "--colours", "1:1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "cycles: 14" in out and "blocks (A_ij = 1" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["tqnn", "transition-matrix", "2", "--colours", "3:1"], "colours"),
        (["tqnn", "transition-matrix", "2", "--colours", "x"], "--colours"),
        (["tqnn", "transition-matrix", "4", "--colours", "1:3"], "max_states"),
        (["tqnn", "amplitude", "1,2,3", "1,1,1,1"], "pixels"),
    ],
)
def test_bad_input_is_one_line_and_status_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_digits_command(capsys):
    assert main(["tqnn", "digits", "--quiet", "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    names = {row["name"] for row in table["rows"]}
    assert {"TQNN perceptron", "softmax perceptron", "hard-sigmoid perceptron"} <= names
    accuracy = {row["name"]: row["accuracy"] for row in table["rows"]}
    # the trained perceptrons reach > 0.9 on the digits, the training-free one > 0.8
    assert accuracy["softmax perceptron"] > 0.9 and accuracy["TQNN perceptron"] > 0.8
    assert table["edges"] == 189
