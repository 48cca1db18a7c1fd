"""The tqft command: symbol printing, verify, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tqft.cli import main


def run(*args: str) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "tqft.cli", *args], capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["6j", "1", "2", "3", "2", "1", "2"], "sqrt(21)/105"),
        (["6j", "3", "3", "3", "3", "3", "3"], "-1/14"),
        (["3j", "1", "1", "0", "1", "-1", "0"], "sqrt(3)/3"),
        (["3j", "1/2", "1/2", "1", "1/2", "-1/2", "0"], "sqrt(6)/6"),
        (["cg", "1/2", "1/2", "0", "-1/2", "1/2", "0"], "-sqrt(2)/2"),
        (["racah", "1", "1", "1", "1", "1", "1"], "1/6"),
        (["9j", "1", "1", "1", "1", "1", "1", "1", "1", "0"], "1/18"),
        (["6j", "1", "1", "1", "1", "1", "3"], "0"),
        (["6j", "1", "2", "3", "2", "1", "2", "--latex"], r"\frac{\sqrt{21}}{105}"),
        (["6j", "--digits", "20", "1", "2", "3", "2", "1", "2"], "0.043643578047198476253"),
        (["6j", "1", "2", "3", "2", "1", "2", "--digits", "5"], "0.043644"),  # correctly rounded
        (["3j", "1.5", "1.5", "0", "-1.5", "1.5", "0", "--digits", "5"], "-0.5"),
    ],
)
def test_symbol_commands(argv, expected, capsys):
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == expected


def test_json_output(capsys):
    assert main(["6j", "1", "2", "3", "2", "1", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exact"] == "sqrt(21)/105"
    assert (data["numerator"], data["denominator"], data["radicand"]) == ("1", "105", "21")
    assert data["arguments"]["j3"] == "3"
    assert data["value"].startswith("0.0436435780471984762532")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["6j", "1/3", "2", "3", "2", "1", "2"], "j1 = '1/3' is not a spin"),
        (["3j", "1", "1", "0", "1/3", "0", "0"], "m1 = '1/3' is not a projection"),
        (["6j", "1", "2", "3"], "the following arguments are required: j4, j5, j6"),
        (["9j", "1", "1", "1"], "the following arguments are required"),
        (["6j", "1", "2", "3", "2", "1", "2", "--digits", "0"], "--digits = 0 must be between 1 and 100000"),
        (["6j", "1", "2", "3", "2", "1", "2", "--digits", "1000000000000"], "--digits = 1000000000000 must be between"),
        (["9j", *["1001"] * 9], "exceeds the limit of 1000 for the fast 9j path"),
        (["6j", "1", "2", "3", "2", "1", "2", "--latex", "--json"], "not allowed with argument"),
        (["6j", *["200000"] * 6], "exceeds the limit"),
        (["verify", "--only", "no_such_identity"], "identity = 'no_such_identity' is not in the catalogue"),
        (["verify", "--max-spin", "1/3"], "--max-spin = '1/3' is not a spin"),
        (["verify", "--jobs", "0"], "--jobs = 0 must be at least 1"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_is_one_line_exit_2(argv, fragment):
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert fragment in err
    assert "Traceback" not in err


def test_verify_runs_and_reports(capsys):
    assert (
        main(["verify", "--only", "sixj_orthogonality", "--only", "racah_sum_rule", "--max-spin", "1", "--jobs", "1"])
        == 0
    )
    out = capsys.readouterr().out
    assert "sixj_orthogonality" in out and "racah_sum_rule" in out and "all passed" in out


def test_verify_json_and_random(capsys):
    argv = ["verify", "--only", "biedenharn_elliott", "--max-spin", "1", "--random", "5", "--seed", "3", "--json"]
    assert main([*argv, "--jobs", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["identities"][0]["cases"] == 205 + 5


def test_verify_repeated_only_counts_once(capsys):
    assert main(["verify", "--only", "sixj_sum_rule", "--only", "sixj_sum_rule", "--max-spin", "1", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("sixj_sum_rule") == 1 and "  13 " in out


def test_verify_list(capsys):
    assert main(["verify", "--list"]) == 0
    out = capsys.readouterr().out
    assert "biedenharn_elliott" in out and "sixj_symmetries" in out


def test_verify_subprocess_with_process_pool():
    code, out, err = run("verify", "--only", "sixj_sum_rule", "--jobs", "2", "--no-progress")
    assert code == 0, err
    assert "all passed" in out


def test_version_and_help():
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("tqft ")
    code, out, _ = run("6j", "--help")
    assert code == 0 and "Wigner 6j symbol" in out
