"""Sphinx extension: the ``tqft-dictionary`` directive.

``.. tqft-dictionary::`` renders the ML <-> TQFT dictionary from the entry files that
:func:`tqft.dictionary.load` reads, so the page always shows the entries of the code
being documented.  It produces a summary table (each row links to its entry), then one
section per group and one section per entry, with the anchor ``dictionary-<id>`` (also a
``:ref:`` label), the formula as display math, status, sources with links, synonyms,
tags, related entries as links and the witness (a cross-reference to the function where
it is defined) with its claim.  A witness that cannot be imported is a build warning.

Options
-------
``:group-by:``
    ``tag`` (default: an entry is listed under its first tag), ``source`` (its first
    paper) or ``status``.
``:path:``
    A folder of entries relative to the documentation source (default: the package's).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import tqft
from tqft.dictionary import PAPERS, STATUSES, Entry, load
from tqft.errors import DictionaryError

logger = logging.getLogger(__name__)

GROUP_ORDER = ("tag", "source", "status")
#: tag words shown in capitals in group titles
ACRONYMS = frozenset({"tqft", "tqnn", "qnn", "dnn", "ml", "convac", "su2"})


def anchor(entry_id: str) -> str:
    """The HTML id and ``:ref:`` label of an entry's section."""
    return f"dictionary-{entry_id}"


def _group_key(group_by: str) -> Callable[[Entry], str]:
    if group_by == "source":
        return lambda e: e.sources[0].paper
    if group_by == "status":
        return lambda e: e.status
    return lambda e: e.tags[0]


def _group_title(group_by: str, key: str) -> str:
    if group_by == "source":
        paper = PAPERS[key]
        return f"({key}) {paper.title}"
    if group_by == "status":
        return f"{key.capitalize()}: {STATUSES[key]}"
    words = [w.upper() if w in ACRONYMS else w for w in key.split("-")]
    title = " ".join(words)
    return title[0].upper() + title[1:]


def _para(*children: nodes.Node | str) -> nodes.paragraph:
    para = nodes.paragraph()
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def _field(name: str, *body: nodes.Node | str) -> nodes.field:
    f = nodes.field()
    f += nodes.field_name(text=name)
    f += nodes.field_body("", _para(*body))
    return f


def _link(entry_id: str, text: str) -> nodes.reference:
    return nodes.reference("", text, internal=True, refid=anchor(entry_id))


def _joined(items: list[nodes.Node], sep: str = ", ") -> list[nodes.Node | str]:
    out: list[nodes.Node | str] = []
    for k, item in enumerate(items):
        if k:
            out.append(sep)
        out.append(item)
    return out


class TqftDictionary(SphinxDirective):
    """The dictionary's entries, grouped, with a linked summary table."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "group-by": lambda arg: directives.choice(arg, GROUP_ORDER),
        "path": directives.unchanged,
    }

    def _docname(self) -> str:
        current = getattr(self.env, "current_document", None)
        return str(getattr(current, "docname", None) or self.env.docname)

    def run(self) -> list[nodes.Node]:
        path = self.options.get("path")
        folder = None if path is None else Path(self.env.srcdir) / path
        d = load(folder)
        for entry in d:
            if entry.path is not None:
                self.env.note_dependency(str(entry.path))
        group_by = self.options.get("group-by", "tag")
        key = _group_key(group_by)
        groups: dict[str, list[Entry]] = {}
        for entry in d:
            groups.setdefault(key(entry), []).append(entry)
        order = sorted(groups) if group_by != "source" else [k for k in PAPERS if k in groups]
        if group_by == "status":
            order = [k for k in STATUSES if k in groups]
        out: list[nodes.Node] = [self._summary(d.entries)]
        for group in order:
            section = nodes.section(ids=[f"dictionary-group-{group.lower()}"])
            section += nodes.title(text=_group_title(group_by, group))
            for entry in groups[group]:
                section += self._entry(entry, {e.id: e.ml for e in d})
            out.append(section)
        return out

    def _summary(self, entries: tuple[Entry, ...]) -> nodes.table:
        columns = (("ML concept", 30), ("TQFT concept", 34), ("Status", 12), ("Sources", 14))
        group = nodes.tgroup(cols=len(columns))
        group += [nodes.colspec(colwidth=width) for _, width in columns]
        head = nodes.row()
        for title, _ in columns:
            head += nodes.entry("", _para(title))
        group += nodes.thead("", head)
        body = nodes.tbody()
        for e in entries:
            row = nodes.row()
            for cell in (_para(_link(e.id, e.ml)), _para(e.tqft), _para(e.status), _para(", ".join(e.papers))):
                row += nodes.entry("", cell)
            body += row
        group += body
        return nodes.table("", group, classes=["tqft-dictionary-summary"])

    def _witness_target(self, e: Entry) -> str:
        """Where the witness is documented: the module that defines it (a re-exported
        function is documented once, in its own module)."""
        try:
            function = e.witness_function()
        except DictionaryError as exc:
            logger.warning(str(exc), location=self.get_location())
            return e.witness.function
        return f"{function.__module__}.{function.__qualname__}"

    def _entry(self, e: Entry, names: dict[str, str]) -> nodes.section:
        node_id = anchor(e.id)
        title = f"{e.ml} ↔ {e.tqft}"
        section = nodes.section(ids=[node_id], names=[node_id])
        section += nodes.title(text=title)
        std: Any = self.env.get_domain("std")
        std.note_hyperlink_target(node_id, self._docname(), node_id, title)

        section += _para(" ".join(e.explanation.split()))
        math = nodes.math_block(e.formula, e.formula, docname=self._docname(), number=None, label=None)
        math["no-wrap"] = math["nowrap"] = False
        section += math

        fields = nodes.field_list()
        fields += _field("Status", nodes.strong(text=e.status), f" ({STATUSES[e.status]})")
        sources: list[nodes.Node] = []
        for s in e.sources:
            ref = nodes.reference("", f"({s.paper})", refuri=PAPERS[s.paper].url, reftitle=PAPERS[s.paper].citation)
            sources.append(nodes.inline("", "", ref, nodes.Text(f" {s.where}")))
        fields += _field("Sources", *_joined(sources, "; "))
        if e.ml_synonyms:
            fields += _field("ML synonyms", ", ".join(e.ml_synonyms))
        if e.tqft_synonyms:
            fields += _field("TQFT synonyms", ", ".join(e.tqft_synonyms))
        fields += _field("Tags", ", ".join(e.tags))
        if e.related:
            links: list[nodes.Node] = [_link(r, names[r]) for r in e.related if r in names]
            fields += _field("Related", *_joined(links))
        xref = addnodes.pending_xref(
            "",
            nodes.literal(text=e.witness.function),
            refdomain="py",
            reftype="func",
            reftarget=self._witness_target(e),
            refexplicit=True,
            refwarn=False,
        )
        fields += _field("Witness", xref, f": {e.witness.claim}")
        fields += _field("Entry", nodes.literal(text=f"dictionary/{e.id}.toml"))
        section += fields
        return section


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("tqft-dictionary", TqftDictionary)
    return {"version": tqft.__version__, "parallel_read_safe": True, "parallel_write_safe": True}
