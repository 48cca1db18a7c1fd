"""Reading and writing spin networks as JSON: the ``tqft-spin-network`` format, version 1.

The format stores everything a :class:`~tqft.spin_network.network.SpinNetwork` holds (edges
with their colours, the counter-clockwise rotation at every vertex, comb and crossing
intertwiners, boundary points and drawing positions), so ``from_json(to_json(net)) == net``
exactly, in the insertion order of edges and vertices too.

Format
------
A JSON object with these members (all others are rejected, so a misspelt key is an error,
not silently ignored)::

    {
      "format": "tqft-spin-network",                     required
      "version": 1,                                      required
      "edges": [                                         required, in insertion order
        {"name": NAME, "ends": [NAME, NAME], "colour": 2}, ...
      ],
      "vertices": [                                      optional
        {"name": NAME,
         "rotation": [NAME, ...],                        edges in counter-clockwise order
         "ends": [0, 1, ...],                            optional, see below
         "intertwiner": {"comb": [{"internal": [2], "coefficient": "1/3"}, ...]}
                     or {"crossing": "over"} or {"crossing": "under"},   optional
         "position": [x, y]},                            optional
        ...
      ],
      "boundary": [NAME, ...]                            optional, in leg order
    }

**Names.**  Vertex and edge names are Python strings, integers or (nested) tuples of
these; in JSON a string is a string, an integer an integer and a tuple an array, so
``"1"`` and ``1`` are different names and the honeycomb vertex ``(3, 4)`` is ``[3, 4]``.
JSON object keys can only be strings, so names never appear as keys: per-vertex data lives
in the ``vertices`` list of records.

**Edges.**  ``"ends"`` are the edge's end 0 and end 1 (equal for a self-loop) and
``"colour"`` is a non-negative integer ``a = 2j``.  Vertices are the ends of the edges, in
order of first appearance.

**Rotation.**  A vertex without a record (or without ``"rotation"``) keeps the order in
which its edge-ends appear in ``edges``.  ``"rotation"`` lists every edge at the vertex
once, a self-loop twice; the first mention of a self-loop is its end 0 unless ``"ends"``
(one entry 0 or 1 per rotation entry) says otherwise.  :func:`to_json` writes ``"ends"``
only where that default is wrong.

**Intertwiners.**  ``{"comb": [...]}`` is a vector in the comb basis of
:class:`~tqft.spin_network.network.Intertwiner`: one term per tuple of internal colours
``(x_2, ..., x_{n-2})``, with an exact rational coefficient written as a string ``"p"`` or
``"p/q"`` (or a JSON integer).  ``{"crossing": "over"}`` is
:class:`~tqft.spin_network.network.Crossing` with ``over=True`` (rotation order
``a_in, b_in, a_out, b_out``).

Errors
------
Malformed input raises :class:`SpinNetworkFormatError` (a
:class:`~tqft.spin_network.network.NetworkStructureError`, hence a
:class:`~tqft.errors.TQFTError` and a :class:`ValueError`) whose message names the field
by its path (``vertices[2].rotation[1]``), repeats the value and says what is allowed.
After reading, :meth:`SpinNetwork.check` validates valences and admissibility at q = 1
(``check=False`` skips it), raising :class:`~tqft.errors.AdmissibilityError` with the
vertex and its colours.

Examples
--------
>>> from tqft.spin_network import SpinNetwork
>>> from tqft.spin_network.io import from_json, to_json
>>> net = SpinNetwork.theta(1, 1, 2)
>>> print(to_json(net))
{"format": "tqft-spin-network", "version": 1,
 "edges": [
  {"name": "a", "ends": ["u", "v"], "colour": 1},
  {"name": "b", "ends": ["u", "v"], "colour": 1},
  {"name": "c", "ends": ["u", "v"], "colour": 2}
 ],
 "vertices": [
  {"name": "u", "rotation": ["a", "b", "c"]},
  {"name": "v", "rotation": ["c", "b", "a"]}
 ]}
>>> from_json(to_json(net)) == net
True
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Hashable, Mapping
from fractions import Fraction
from numbers import Integral
from typing import Any

from .network import Crossing, Dart, Intertwiner, NetworkStructureError, SpinNetwork

__all__ = ["FORMAT", "VERSION", "SpinNetworkFormatError", "dump", "from_json", "load", "to_dict", "to_json"]

#: the value of the ``"format"`` member
FORMAT = "tqft-spin-network"
#: the format version this module writes (and the only one it reads)
VERSION = 1

_TOP_KEYS = ("format", "version", "edges", "vertices", "boundary")
_EDGE_KEYS = ("name", "ends", "colour")
_VERTEX_KEYS = ("name", "rotation", "ends", "intertwiner", "position")
_RATIONAL = re.compile(r"^[+-]?\d+(/\d+)?$")


class SpinNetworkFormatError(NetworkStructureError):
    """A JSON document is not a valid ``tqft-spin-network`` (see :mod:`tqft.spin_network.io`)."""


def _show(value: Any) -> str:
    text = json.dumps(value) if _jsonable(value) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _fail(field: str, value: Any, allowed: str) -> SpinNetworkFormatError:
    return SpinNetworkFormatError(f"{field} = {_show(value)} is not allowed: {allowed}")


# -- names ---------------------------------------------------------------------------------
def _encode_name(name: Any, field: str) -> Any:
    if isinstance(name, str):
        return name
    if isinstance(name, Integral) and not isinstance(name, bool):
        return int(name)
    if isinstance(name, tuple):
        return [_encode_name(x, field) for x in name]
    raise SpinNetworkFormatError(
        f"{field} = {name!r} cannot be written: names must be strings, integers or tuples of these"
    )


def _decode_name(value: Any, field: str) -> Hashable:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, list | tuple):
        return tuple(_decode_name(x, f"{field}[{i}]") for i, x in enumerate(value))
    raise _fail(field, value, "a name is a string, an integer or an array of names (a tuple)")


# -- writing -------------------------------------------------------------------------------
def _encode_coefficient(coef: Any, field: str) -> str:
    if isinstance(coef, bool) or not isinstance(coef, int | Fraction):
        raise SpinNetworkFormatError(
            f"{field} = {coef!r} cannot be written: only rational coefficients (int or Fraction) are stored"
        )
    return str(Fraction(coef))


def _encode_intertwiner(it: Any, field: str) -> dict[str, Any]:
    if isinstance(it, Crossing):
        return {"crossing": "over" if it.over else "under"}
    if isinstance(it, Intertwiner):
        terms = []
        for k, (key, coef) in enumerate(it.terms.items()):
            internal = [int(x) for x in key]
            terms.append({"internal": internal, "coefficient": _encode_coefficient(coef, f"{field}.comb[{k}]")})
        return {"comb": terms}
    raise SpinNetworkFormatError(
        f"{field} = {it!r} cannot be written: intertwiners are Intertwiner (comb) or Crossing objects"
    )


def _default_darts(vertex: Hashable, names: list[Hashable], net: SpinNetwork) -> list[Dart]:
    """The darts that the rotation ``names`` at ``vertex`` stands for without ``"ends"``: a
    self-loop's first mention is its end 0 (as in :meth:`SpinNetwork.set_rotation`)."""
    seen: dict[Hashable, int] = {}
    out = []
    for e in names:
        u, v = net.ends(e)
        if u == v:
            end = seen.get(e, 0)
            seen[e] = end + 1
        else:
            end = 0 if u == vertex else 1
        out.append((e, end))
    return out


def to_dict(net: SpinNetwork) -> dict[str, Any]:
    """The network as a JSON-ready dictionary (see the module docstring for the format).

    Raises
    ------
    SpinNetworkFormatError
        If a name is not a string, integer or tuple of these, an edge has no colour, or an
        intertwiner has a non-rational coefficient.
    """
    edges = []
    for i, name in enumerate(net.edges):
        u, v = net.ends(name)
        colour = net._edges[name].colour
        if colour is None:
            raise SpinNetworkFormatError(f"edge {name!r} has no colour; only coloured networks can be written")
        edges.append(
            {
                "name": _encode_name(name, f"edges[{i}].name"),
                "ends": [_encode_name(u, f"edges[{i}].ends[0]"), _encode_name(v, f"edges[{i}].ends[1]")],
                "colour": colour,
            }
        )
    vertices = []
    every = list(net._rotation)
    unknown = [p for p in net.positions if p not in net._rotation]
    if unknown:
        raise SpinNetworkFormatError(
            f"positions has an entry for {unknown[0]!r}, which is not a vertex: positions are per vertex"
        )
    for i, v in enumerate(every):
        rot = list(net.rotation(v))
        names = [d[0] for d in rot]
        rec: dict[str, Any] = {
            "name": _encode_name(v, f"vertices[{i}].name"),
            "rotation": [_encode_name(e, f"vertices[{i}].rotation") for e in names],
        }
        if _default_darts(v, names, net) != rot:
            rec["ends"] = [d[1] for d in rot]
        it = net.intertwiner(v)
        if it is not None:
            rec["intertwiner"] = _encode_intertwiner(it, f"vertices[{i}].intertwiner")
        if v in net.positions:
            x, y = (float(c) for c in net.positions[v])
            if not (math.isfinite(x) and math.isfinite(y)):
                raise SpinNetworkFormatError(
                    f"position of vertex {v!r} = {net.positions[v]!r} cannot be written: coordinates must be finite"
                )
            rec["position"] = [x, y]
        vertices.append(rec)
    out: dict[str, Any] = {"format": FORMAT, "version": VERSION, "edges": edges, "vertices": vertices}
    if net.boundary:
        out["boundary"] = [_encode_name(p, f"boundary[{i}]") for i, p in enumerate(net.boundary)]
    return out


def to_json(net: SpinNetwork, *, compact: bool = False) -> str:
    """The network as JSON text: one edge or vertex record per line (``compact=True``: all on one line).

    >>> from tqft.spin_network import SpinNetwork
    >>> print(to_json(SpinNetwork.loop(2)))
    {"format": "tqft-spin-network", "version": 1,
     "edges": [
      {"name": "e", "ends": ["v", "v"], "colour": 2}
     ],
     "vertices": [
      {"name": "v", "rotation": ["e", "e"]}
     ]}
    >>> len(to_json(SpinNetwork.loop(2), compact=True).splitlines())
    1
    """
    data = to_dict(net)
    if compact:
        return json.dumps(data)
    parts = [f'{{"format": {json.dumps(data["format"])}, "version": {data["version"]}']
    for key in ("edges", "vertices", "boundary"):
        if key not in data:
            continue
        if key == "boundary":
            parts.append(f' "boundary": {json.dumps(data["boundary"])}')
            continue
        items = ",\n".join("  " + json.dumps(rec) for rec in data[key])
        parts.append(f' "{key}": [\n{items}\n ]' if items else f' "{key}": []')
    return ",\n".join(parts) + "}"


def dump(net: SpinNetwork, path: str | os.PathLike[str]) -> None:
    """Write ``net`` to the file ``path`` as JSON (UTF-8, trailing newline)."""
    text = to_json(net)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")


# -- reading -------------------------------------------------------------------------------
def _require_list(value: Any, field: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(field, value, f"expected an array of {what}")
    return value


def _require_object(value: Any, field: str, keys: tuple[str, ...], required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(field, value, f"expected an object with members {', '.join(keys)}")
    extra = [k for k in value if k not in keys]
    if extra:
        raise SpinNetworkFormatError(
            f"{field} has the unknown member {extra[0]!r}: allowed members are {', '.join(keys)}"
        )
    for k in required:
        if k not in value:
            raise SpinNetworkFormatError(f"{field} has no {k!r} member, which is required")
    return value


def _decode_coefficient(value: Any, field: str) -> int | Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _RATIONAL.match(value.strip()):
        text = value.strip()
        if "/" in text and int(text.split("/")[1]) == 0:
            raise _fail(field, value, "the denominator must be nonzero")
        frac = Fraction(text)
        return int(frac) if frac.denominator == 1 else frac
    raise _fail(field, value, 'expected an exact rational: a string "p" or "p/q" with integers p, q, or an integer')


def _decode_intertwiner(value: Any, field: str) -> Intertwiner | Crossing:
    if not isinstance(value, dict) or len(value) != 1 or next(iter(value)) not in ("comb", "crossing"):
        raise _fail(field, value, 'expected {"comb": [...]} or {"crossing": "over" | "under"}')
    if "crossing" in value:
        kind = value["crossing"]
        if kind not in ("over", "under"):
            raise _fail(f"{field}.crossing", kind, 'expected "over" or "under"')
        return Crossing(over=kind == "over")
    terms: dict[tuple[int, ...], Any] = {}
    for k, term in enumerate(_require_list(value["comb"], f"{field}.comb", "terms")):
        where = f"{field}.comb[{k}]"
        rec = _require_object(term, where, ("internal", "coefficient"), ("internal", "coefficient"))
        internal = _require_list(rec["internal"], f"{where}.internal", "colours")
        cols = []
        for t, c in enumerate(internal):
            if isinstance(c, bool) or not isinstance(c, int) or c < 0:
                raise _fail(f"{where}.internal[{t}]", c, "a colour is a non-negative integer (twice the spin)")
            cols.append(c)
        key = tuple(cols)
        if key in terms:
            raise _fail(f"{where}.internal", internal, "each tuple of internal colours may appear in only one term")
        terms[key] = _decode_coefficient(rec["coefficient"], f"{where}.coefficient")
    return Intertwiner(terms)


def _decode_position(value: Any, field: str) -> tuple[float, float]:
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x) for x in value)
    )
    if not ok:
        raise _fail(field, value, "expected [x, y] with two finite numbers")
    return (float(value[0]), float(value[1]))


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise SpinNetworkFormatError(f"the member {key!r} appears twice in one JSON object; each may appear once")
        out[key] = value
    return out


def _parse(text: str | bytes) -> Any:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SpinNetworkFormatError(f"the file is not UTF-8 text: {exc}") from None
    try:
        return json.loads(text, object_pairs_hook=_unique_members)
    except json.JSONDecodeError as exc:
        raise SpinNetworkFormatError(f"the text is not JSON: {exc}") from None


def from_json(data: str | bytes | Mapping[str, Any], *, check: bool = True) -> SpinNetwork:
    """Read a network from JSON text or from the parsed dictionary.

    Parameters
    ----------
    data : str, bytes or mapping
        A ``tqft-spin-network`` document (see the module docstring).
    check : bool
        Validate the network with :meth:`SpinNetwork.check` at q = 1 (default).

    Raises
    ------
    SpinNetworkFormatError
        For malformed input; the message names the field, the value and what is allowed.
    AdmissibilityError
        When ``check`` finds an inadmissible vertex.
    """
    doc = _parse(data) if isinstance(data, str | bytes) else data
    if isinstance(doc, Mapping):
        doc = dict(doc)
    top = _require_object(doc, "the document", _TOP_KEYS, ("format", "version", "edges"))
    if top["format"] != FORMAT:
        raise _fail("format", top["format"], f"expected {FORMAT!r}")
    version = top["version"]
    if type(version) is not int or version != VERSION:
        raise _fail("version", version, f"this tqft reads version {VERSION}")
    net = SpinNetwork()
    edge_field: dict[Hashable, str] = {}
    for i, rec in enumerate(_require_list(top["edges"], "edges", "edge records")):
        where = f"edges[{i}]"
        rec = _require_object(rec, where, _EDGE_KEYS, _EDGE_KEYS)
        name = _decode_name(rec["name"], f"{where}.name")
        if name in edge_field:
            raise _fail(f"{where}.name", rec["name"], f"edge names must be unique (also used by {edge_field[name]})")
        ends = rec["ends"]
        if not isinstance(ends, list) or len(ends) != 2:
            raise _fail(f"{where}.ends", ends, "expected [u, v], the names of the edge's two end vertices")
        u = _decode_name(ends[0], f"{where}.ends[0]")
        v = _decode_name(ends[1], f"{where}.ends[1]")
        colour = rec["colour"]
        if isinstance(colour, bool) or not isinstance(colour, int) or colour < 0:
            raise _fail(f"{where}.colour", colour, "a colour is a non-negative integer (twice the spin)")
        net.add_edge(name, u, v, colour)
        edge_field[name] = f"{where}.name"
    seen: dict[Hashable, str] = {}
    for i, rec in enumerate(_require_list(top.get("vertices", []), "vertices", "vertex records")):
        where = f"vertices[{i}]"
        rec = _require_object(rec, where, _VERTEX_KEYS, ("name",))
        v = _decode_name(rec["name"], f"{where}.name")
        if v not in net._rotation:
            raise _fail(f"{where}.name", rec["name"], "a vertex record must name an end of some edge")
        if v in seen:
            raise _fail(f"{where}.name", rec["name"], f"each vertex may have only one record (also {seen[v]})")
        seen[v] = where
        if "rotation" in rec:
            _set_rotation(net, v, rec, where)
        elif "ends" in rec:
            raise SpinNetworkFormatError(f"{where} has 'ends' but no 'rotation': 'ends' qualifies the rotation")
        if "intertwiner" in rec:
            net.set_intertwiner(v, _decode_intertwiner(rec["intertwiner"], f"{where}.intertwiner"))
        if "position" in rec:
            net.positions[v] = _decode_position(rec["position"], f"{where}.position")
    for i, p in enumerate(_require_list(top.get("boundary", []), "boundary", "vertex names")):
        point = _decode_name(p, f"boundary[{i}]")
        if point not in net._rotation:
            raise _fail(f"boundary[{i}]", p, "a boundary point must be an end of some edge")
        if point in net.boundary:
            raise _fail(f"boundary[{i}]", p, "each boundary point may be listed only once")
        net.add_boundary(point)
    if check:
        net.check()
    return net


def _set_rotation(net: SpinNetwork, v: Hashable, rec: dict[str, Any], where: str) -> None:
    names = [
        _decode_name(e, f"{where}.rotation[{k}]")
        for k, e in enumerate(_require_list(rec["rotation"], f"{where}.rotation", "edge names"))
    ]
    current = list(net.rotation(v))
    for k, e in enumerate(names):
        if e not in net._edges:
            raise _fail(f"{where}.rotation[{k}]", rec["rotation"][k], "not the name of an edge")
        if v not in net.ends(e):
            raise _fail(f"{where}.rotation[{k}]", rec["rotation"][k], f"that edge does not end at vertex {v!r}")
    if "ends" in rec:
        ends = _require_list(rec["ends"], f"{where}.ends", "0s and 1s")
        if len(ends) != len(names) or any(x not in (0, 1) or isinstance(x, bool) for x in ends):
            raise _fail(f"{where}.ends", ends, f"expected one entry 0 or 1 per rotation entry ({len(names)})")
        darts: list[Dart] = list(zip(names, ends))
    else:
        darts = _default_darts(v, names, net)
    if sorted(map(repr, darts)) != sorted(map(repr, current)):
        expected = [d[0] for d in current]
        raise _fail(
            f"{where}.rotation",
            rec["rotation"],
            f"must list each edge at vertex {v!r} exactly once (a self-loop twice, with distinct ends); "
            f"its edges are {_show([_encode_name(e, 'edge') for e in expected])}",
        )
    net._rotation[v] = darts


def load(path: str | os.PathLike[str], *, check: bool = True) -> SpinNetwork:
    """Read a network from the JSON file ``path`` (see :func:`from_json`).

    Raises :class:`OSError` if the file cannot be read and :class:`SpinNetworkFormatError`
    if its content is malformed."""
    with open(path, "rb") as fh:
        raw = fh.read()
    return from_json(raw, check=check)
