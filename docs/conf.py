"""Sphinx configuration for the tqft documentation."""

from __future__ import annotations

import sys
from pathlib import Path

# Import tqft from this checkout (the repository root is the parent of docs/).
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Local extensions (the ``tqft-catalogue`` and ``tqft-dictionary`` directives).
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
    "tqft_dictionary",
    "matplotlib.sphinxext.plot_directive",
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

# matplotlib's plot directive: the figures of the tutorials are computed when the docs
# build.  One PNG per figure, shown with its source, and no links to other formats.
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
plot_rcparams = {"figure.figsize": (6.4, 4.0), "savefig.bbox": "tight"}

html_theme = "alabaster"
html_title = f"tqft {release}"
html_theme_options = {
    "description": "Exact computation in TQFT",
}
