"""Sphinx configuration for the tqft documentation."""

from __future__ import annotations

import sys
from pathlib import Path

# Import tqft from this checkout (the repository root is the parent of docs/).
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Local extensions (the ``tqft-catalogue`` directive).
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import tqft  # noqa: E402

project = "tqft"
author = "tqft developers"
copyright = "tqft developers"
version = tqft.__version__
release = tqft.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "tqft_catalogue",
]

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
root_doc = "index"
nitpicky = False

# autodoc: document members in source order, show signatures with type hints.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"

# napoleon: the package uses numpy-style docstrings only.
napoleon_google_docstring = False
napoleon_numpy_docstring = True

html_theme = "alabaster"
html_title = f"tqft {release}"
html_theme_options = {
    "description": "Exact computation in TQFT",
}
