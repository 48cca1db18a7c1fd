"""Repository-level checks that CI must run: lint, formatting, the docs build, packaging."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint_clean():
    proc = _run(sys.executable, "-m", "ruff", "check", "tqft", "tests", "benchmarks", "docs")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_clean():
    proc = _run(sys.executable, "-m", "ruff", "format", "--check", "tqft", "tests", "benchmarks", "docs")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_public_api_type_checks():
    proc = _run(sys.executable, "-m", "mypy", "tqft", "--ignore-missing-imports", "--no-error-summary")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_docs_build_without_warnings(tmp_path):
    proc = _run(
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", "docs", str(tmp_path / "html")
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "html" / "index.html").exists()


def test_package_is_typed_and_versioned():
    import tqft

    assert (ROOT / "tqft" / "py.typed").exists()
    assert tqft.__version__ in (ROOT / "pyproject.toml").read_text()
