"""Command-line front end of :mod:`tqft.dictionary` (the ``tqft lookup`` command).

::

    tqft lookup TERM [--direction both|ml|tqft] [--source M2] [--status theorem] [--tag TAG]
                     [--limit N] [--cutoff C] [--run-witness] [--json] [--path DIR]
    tqft lookup --list [--source M2] [--status theorem] [--tag TAG] [--run-witness] [--json]

``TERM`` may be several words (``tqft lookup input sample``).  For each match the output
shows the two sides with an arrow in the reading direction (``ML -> TQFT`` when the term
is an ML concept, ``TQFT -> ML`` when it is a TQFT concept), the status, the sources,
the formula, the witness and its claim, and the explanation; ``--run-witness`` also runs
each shown witness and prints PASS or FAIL with the two sides it compared.  When nothing
matches, the closest names are suggested.  ``--list`` prints every entry (after the
filters) instead.

Exit status: 0 on success (also when nothing matches), 1 when a witness fails or raises,
2 for bad input: a :class:`~tqft.errors.TQFTError` such as an unknown paper key or a
malformed entry file, reported by ``tqft`` on one line.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from ..errors import DictionaryError, InvalidArgumentError
from .schema import DIRECTIONS, PAPERS, STATUSES, Entry

__all__ = ["COMMANDS", "add_parser", "run"]

#: the sub-commands this module adds
COMMANDS = ("lookup",)


def add_parser(subparsers: Any) -> None:
    """Add ``lookup`` to ``subparsers`` (from ``parser.add_subparsers()``)."""
    p = subparsers.add_parser(
        "lookup",
        help="the ML <-> TQFT dictionary: translate a term either way, or list the entries",
        description="Look a term up in the ML <-> TQFT dictionary, from the ML side (ML -> TQFT) or the TQFT side "
        "(TQFT -> ML), through synonyms, plurals and typos; or list the entries with --list.",
    )
    p.add_argument("term", nargs="*", metavar="TERM", help="the concept to translate (several words are one term)")
    p.add_argument("--list", action="store_true", help="list the entries (after the filters) instead of a lookup")
    p.add_argument(
        "--direction",
        choices=DIRECTIONS,
        default="both",
        help="ml: TERM is an ML concept; tqft: TERM is a TQFT concept; both (default)",
    )
    p.add_argument(
        "--source", default=None, metavar="KEY", help=f"only entries citing this paper ({', '.join(PAPERS)})"
    )
    p.add_argument("--status", default=None, metavar="S", help=f"only entries with this status ({', '.join(STATUSES)})")
    p.add_argument(
        "--tag", action="append", default=None, metavar="TAG", help="only entries with this tag (repeatable)"
    )
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N matches (10)")
    p.add_argument("--cutoff", type=float, default=None, metavar="C", help="minimum score in [0, 1] (0.3)")
    p.add_argument("--run-witness", action="store_true", help="run the witness of every entry shown")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--path", default=None, metavar="DIR", help="read the entries from DIR (default: the bundled ones)")


def _witness(entry: Entry) -> dict[str, Any]:
    """Run one witness; a witness that raises (other than a bad entry) counts as failed."""
    try:
        result = entry.run_witness()
    except DictionaryError:
        raise
    except Exception as exc:
        return {"passed": False, "lhs": f"raised {type(exc).__name__}: {exc}", "rhs": "a CheckResult"}
    return {"passed": bool(result.passed), "lhs": str(result.lhs), "rhs": str(result.rhs)}


#: longest side of a witness shown in text output (``--json`` shows all of it)
SHOWN_CHARS = 400


def _witness_lines(outcome: dict[str, Any], width: int = 88) -> list[str]:
    mark = "PASS" if outcome["passed"] else "FAIL"
    lines = [f"  {'result:':11s} {mark} (witness run)"]
    for side in ("lhs", "rhs"):
        text = " ".join(outcome[side].split())
        if len(text) > SHOWN_CHARS:
            text = f"{text[:SHOWN_CHARS]} ... ({len(text)} characters; --json shows all)"
        lines.extend(textwrap.wrap(f"{side} = {text}", width, initial_indent=" " * 14, subsequent_indent=" " * 16))
    return lines


def _list(args: argparse.Namespace, entries: tuple[Entry, ...]) -> int:
    outcomes = {e.id: _witness(e) for e in entries} if args.run_witness else {}
    failed = sum(not o["passed"] for o in outcomes.values())
    if args.json:
        items = []
        for e in entries:
            item = e.to_dict()
            if e.id in outcomes:
                item["witness_result"] = outcomes[e.id]
            items.append(item)
        print(json.dumps({"count": len(entries), "failed": failed, "entries": items}, indent=2))
    else:
        width = max((len(e.id) for e in entries), default=2)
        for e in entries:
            mark = ("PASS  " if outcomes[e.id]["passed"] else "FAIL  ") if outcomes else ""
            print(f"{mark}{e.id:{width}s}  {e.status:10s}  {e.ml} <-> {e.tqft}  [{', '.join(e.papers)}]")
        summary = f"{len(entries)} entries"
        if outcomes:
            summary += ", every witness passed" if not failed else f", {failed} witness(es) FAILED"
        print(summary)
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    """Execute a parsed ``tqft lookup`` command; returns the exit status."""
    from .loader import load
    from .lookup import CUTOFF, lookup, suggest

    term = " ".join(args.term).strip()
    if args.list and term:
        raise InvalidArgumentError(f"tqft lookup: give either a TERM ({term!r}) or --list, not both")
    if not args.list and not term:
        raise InvalidArgumentError("tqft lookup: give a TERM to look up (e.g. tqft lookup neuron), or --list")
    d = load(args.path)
    if args.list:
        return _list(args, d.select(source=args.source, status=args.status, tags=args.tag))
    cutoff = CUTOFF if args.cutoff is None else args.cutoff
    matches = lookup(
        term,
        direction=args.direction,
        source=args.source,
        status=args.status,
        tags=args.tag,
        limit=args.limit,
        cutoff=cutoff,
        dictionary=d,
    )
    outcomes = {m.entry.id: _witness(m.entry) for m in matches} if args.run_witness else {}
    failed = sum(not o["passed"] for o in outcomes.values())
    suggestions = [] if matches else suggest(term, dictionary=d)
    if args.json:
        items = []
        for m in matches:
            item = m.to_dict()
            if m.entry.id in outcomes:
                item["witness_result"] = outcomes[m.entry.id]
            items.append(item)
        payload = {
            "query": term,
            "direction": args.direction,
            "filters": {"source": args.source, "status": args.status, "tags": args.tag},
            "count": len(matches),
            "failed": failed,
            "matches": items,
            "suggestions": suggestions,
        }
        print(json.dumps(payload, indent=2))
        return 1 if failed else 0
    if not matches:
        hint = f"; closest names: {', '.join(suggestions)}" if suggestions else ""
        print(f"no entry matches {term!r}{hint}")
        return 0
    for k, m in enumerate(matches):
        if k:
            print()
        print(m.entry.describe(m.direction))
        print(f"  {'matched:':11s} {m.field} {m.term!r} ({m.kind}, score {m.score:.2f})")
        if m.entry.id in outcomes:
            print("\n".join(_witness_lines(outcomes[m.entry.id])))
    if outcomes:
        print(f"\n{len(outcomes)} witness(es) run, " + ("all passed" if not failed else f"{failed} FAILED"))
    return 1 if failed else 0
