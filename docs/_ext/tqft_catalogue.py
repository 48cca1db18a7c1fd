"""Sphinx extension: the ``tqft-catalogue`` directive.

``.. tqft-catalogue::`` renders a table of the identities registered in
:func:`tqft.identities.catalogue` (name, title, reference, default max spin), so the
table in the docs is always the catalogue of the code being documented.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import tqft.identities.recoupling
from tqft.identities import catalogue
from tqft.spins import colour, spin_str

COLUMNS = (("Name", 26), ("Title", 36), ("Reference", 28), ("Default max spin", 10))


def _row(cells: tuple[nodes.Node | str, ...]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        content = nodes.Text(cell) if isinstance(cell, str) else cell
        row += nodes.entry("", nodes.paragraph("", "", content))
    return row


class TqftCatalogue(SphinxDirective):
    """A table of the registered identities."""

    def run(self) -> list[nodes.Node]:
        # Rebuild the page when the catalogue's source changes.
        self.env.note_dependency(tqft.identities.recoupling.__file__)
        group = nodes.tgroup(cols=len(COLUMNS))
        group += [nodes.colspec(colwidth=width) for _, width in COLUMNS]
        group += nodes.thead("", _row(tuple(title for title, _ in COLUMNS)))
        body = nodes.tbody()
        for identity in catalogue():
            max_spin = spin_str(colour(identity.default_max_spin))
            body += _row((nodes.literal(text=identity.name), identity.title, identity.reference, max_spin))
        group += body
        return [nodes.table("", group, classes=["tqft-catalogue"])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("tqft-catalogue", TqftCatalogue)
    return {"version": tqft.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
