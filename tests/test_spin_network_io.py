"""Spin networks as JSON (exact round trips, every malformed-input path), drawing (the
artists actually drawn, with the Agg backend) and the ``spin-network`` / ``honeycomb``
commands (M3 reference values, exact output formats, one-line errors with exit status 2)."""

from __future__ import annotations

import copy
import json
import math
import random
import subprocess
import sys
from fractions import Fraction

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from tqft.cli import main
from tqft.errors import AdmissibilityError, TQFTError
from tqft.exact import CLASSICAL
from tqft.exact.qcontexts import generic_q
from tqft.recoupling.kauffman_lins import tet, theta
from tqft.spin_network import Crossing, Intertwiner, NetworkStructureError, SpinNetwork
from tqft.spin_network.draw import PlottingUnavailableError, draw, layout, save
from tqft.spin_network.honeycomb import honeycomb
from tqft.spin_network.io import SpinNetworkFormatError, dump, from_json, load, to_dict, to_json


# ---------------------------------------------------------------- networks used below
def _comb_network() -> SpinNetwork:
    """Two 4-valent vertices joined by four edges, with a comb vector at each."""
    net = SpinNetwork()
    for name in "abcd":
        net.add_edge(name, "u", "v", 2)
    net.set_rotation("v", ["d", "c", "b", "a"])
    net.set_intertwiner("u", Intertwiner({(0,): 1, (2,): Fraction(-1, 3), (4,): Fraction(5, 7)}))
    net.set_intertwiner("v", Intertwiner.comb(2))
    return net


def _crossing_network(over: bool) -> SpinNetwork:
    """A curl: one strand crossing itself once, i.e. a crossing vertex (rotation
    ``a_in, b_in, a_out, b_out``) with ``a_out`` joined to ``b_in`` and ``b_out`` to ``a_in``."""
    net = SpinNetwork()
    net.add_edge("x", "X", "X", 1).add_edge("y", "X", "X", 1)
    net.set_rotation("X", ["y", "x", "x", "y"])
    net.set_intertwiner("X", Crossing(over=over))
    return net


def _twisted_self_loops() -> SpinNetwork:
    """Self-loops whose rotation cannot be written as names alone: needs ``"ends"``."""
    net = SpinNetwork()
    net.add_edge("e", "v", "v", 2).add_edge("f", "v", "v", 2)
    net._rotation["v"] = [("e", 0), ("f", 1), ("e", 1), ("f", 0)]
    net.set_intertwiner("v", Intertwiner.comb(0))
    return net


def _open_network() -> SpinNetwork:
    """A vertex with three boundary legs and integer/tuple names."""
    net = SpinNetwork()
    net.add_edge(0, "v", ("leg", 0), 1).add_edge(1, "v", ("leg", 1), 1).add_edge(2, "v", ("leg", 2), 2)
    for k in range(3):
        net.add_boundary(("leg", k))
    net.positions = {"v": (0.0, 0.0), ("leg", 0): (1.0, 0.0)}
    return net


def _mixed_names() -> SpinNetwork:
    """``"1"`` and ``1`` are different names and must stay different."""
    net = SpinNetwork()
    net.add_edge("1", 1, "1", 2).add_edge(1, 1, "1", 2).add_edge(("1", (1,)), 1, "1", 2)
    return net


def _random_honeycomb(n: int, seed: int) -> SpinNetwork:
    rng = random.Random(seed)
    return honeycomb([rng.randint(0, 3) for _ in range(n * n)])


NETWORKS = {
    "theta": lambda: SpinNetwork.theta(1, 1, 2),
    "tetrahedron": lambda: SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2),
    "loop": lambda: SpinNetwork.loop(3),
    "honeycomb-2": lambda: honeycomb([1, 2, 3, 4]),
    "honeycomb-3": lambda: _random_honeycomb(3, 1),
    "honeycomb-5": lambda: _random_honeycomb(5, 2),
    "comb": _comb_network,
    "crossing-over": lambda: _crossing_network(True),
    "crossing-under": lambda: _crossing_network(False),
    "twisted-self-loops": _twisted_self_loops,
    "open": _open_network,
    "mixed-names": _mixed_names,
}


def _assert_identical(a: SpinNetwork, b: SpinNetwork) -> None:
    assert a == b
    assert list(a.edges) == list(b.edges)  # insertion order of edges
    assert list(a._rotation) == list(b._rotation)  # and of vertices
    for v in a._rotation:
        assert a.rotation(v) == b.rotation(v)
        assert a.intertwiner(v) == b.intertwiner(v)
    assert a.boundary == b.boundary
    assert a.positions == b.positions
    for name in a.edges:
        assert type(name) is type(next(e for e in b.edges if e == name))


# ---------------------------------------------------------------- round trips
@pytest.mark.parametrize("name", list(NETWORKS))
def test_round_trip_is_exact(name, tmp_path):
    net = NETWORKS[name]()
    text = to_json(net)
    back = from_json(text)
    _assert_identical(net, back)
    assert to_json(back) == text  # writing is deterministic
    assert from_json(to_json(net, compact=True)) == net
    assert len(to_json(net, compact=True).splitlines()) == 1
    assert from_json(json.loads(text)) == net  # the parsed dictionary is accepted too
    assert json.loads(json.dumps(to_dict(net))) == to_dict(net)  # to_dict is plain JSON
    path = tmp_path / "net.json"
    dump(net, path)
    _assert_identical(net, load(path))


@pytest.mark.parametrize("name", ["theta", "tetrahedron", "loop", "honeycomb-3", "comb", "crossing-over"])
def test_round_trip_preserves_the_value(name):
    net = NETWORKS[name]()
    back = from_json(to_json(net))
    for ctx in ("classical", "A"):
        assert back.evaluate(ctx) == net.evaluate(ctx)


def test_crossings_round_trip_to_different_values():
    over = from_json(to_json(_crossing_network(True)))
    under = from_json(to_json(_crossing_network(False)))
    assert over.intertwiner("X") == Crossing(over=True) and under.intertwiner("X") == Crossing(over=False)
    assert over.evaluate("A") != under.evaluate("A")  # a kink and its mirror image differ at generic q
    assert over.evaluate() == under.evaluate()  # and agree at q = 1


def test_honeycomb_names_are_nested_arrays():
    net = honeycomb([1, 2, 3, 4])
    data = to_dict(net)
    first = data["edges"][0]
    assert first["name"][0] == "side" and isinstance(first["name"][1], list)
    assert all(isinstance(rec["name"], list) and len(rec["name"]) == 2 for rec in data["vertices"])
    assert all(len(rec["position"]) == 2 for rec in data["vertices"])
    assert from_json(data).evaluate("-1") == Fraction(7, 5)


def test_ends_written_only_where_needed():
    assert "ends" not in to_dict(SpinNetwork.loop(2))["vertices"][0]
    twisted = to_dict(_twisted_self_loops())["vertices"][0]
    assert twisted["rotation"] == ["e", "f", "e", "f"] and twisted["ends"] == [0, 1, 1, 0]


def test_comb_coefficients_are_exact_strings():
    data = to_dict(_comb_network())
    terms = data["vertices"][0]["intertwiner"]["comb"]
    assert terms == [
        {"internal": [0], "coefficient": "1"},
        {"internal": [2], "coefficient": "-1/3"},
        {"internal": [4], "coefficient": "5/7"},
    ]
    back = from_json(data).intertwiner("u").terms
    assert back == {(0,): 1, (2,): Fraction(-1, 3), (4,): Fraction(5, 7)}
    assert type(back[(0,)]) is int


HAND_WRITTEN = """
{
  "format": "tqft-spin-network",
  "version": 1,
  "edges": [
    {"name": "a", "ends": ["u", "v"], "colour": 1},
    {"name": "b", "ends": ["u", "v"], "colour": 1},
    {"name": "c", "ends": ["u", "v"], "colour": 2}
  ]
}
"""


def test_hand_written_document_with_default_rotations():
    net = from_json(HAND_WRITTEN)
    assert net.rotation("u") == (("a", 0), ("b", 0), ("c", 0))
    assert net.rotation("v") == (("a", 1), ("b", 1), ("c", 1))
    assert net.genus() == 1  # same order at both ends: a theta net on the torus
    fixed = json.loads(HAND_WRITTEN)
    fixed["vertices"] = [{"name": "v", "rotation": ["c", "b", "a"]}]
    planar = from_json(fixed)
    assert planar.genus() == 0
    assert planar.evaluate() == theta(CLASSICAL, 1, 1, 2) == 3


def test_comb_coefficient_as_json_integer_and_boundary():
    doc = {
        "format": "tqft-spin-network",
        "version": 1,
        "edges": [{"name": k, "ends": ["v", ["p", k]], "colour": 2} for k in range(4)],
        "vertices": [{"name": "v", "intertwiner": {"comb": [{"internal": [2], "coefficient": -3}]}}],
        "boundary": [["p", k] for k in range(4)],
    }
    net = from_json(doc)
    assert net.intertwiner("v") == Intertwiner({(2,): -3})
    assert net.boundary == tuple(("p", k) for k in range(4))
    assert net.rotation("v") == tuple((k, 0) for k in range(4))


# ---------------------------------------------------------------- malformed input
def _base() -> dict:
    return to_dict(_comb_network()) | {"boundary": []}


def _set(path, value):
    def mutate(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return doc

    return mutate


def _delete(path):
    def mutate(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
        return doc

    return mutate


MALFORMED = [
    # (mutation of the base document, fragment of the message)
    (lambda d: [], "the document = [] is not allowed: expected an object"),
    (_delete(["format"]), "the document has no 'format' member, which is required"),
    (_delete(["edges"]), "has no 'edges' member"),
    (_set(["format"], "tqft"), "format = \"tqft\" is not allowed: expected 'tqft-spin-network'"),
    (_set(["version"], 2), "version = 2 is not allowed: this tqft reads version 1"),
    (_set(["version"], "1"), 'version = "1" is not allowed'),
    (_set(["version"], True), "version = true is not allowed"),
    (_set(["version"], 1.0), "version = 1.0 is not allowed"),
    (_set(["edge"], []), "the document has the unknown member 'edge': allowed members are format, version"),
    (_set(["edges"], {}), "edges = {} is not allowed: expected an array of edge records"),
    (_set(["edges", 0], 3), "edges[0] = 3 is not allowed: expected an object with members name, ends, colour"),
    (_delete(["edges", 0, "colour"]), "edges[0] has no 'colour' member"),
    (_set(["edges", 0, "weight"], 1), "edges[0] has the unknown member 'weight'"),
    (_set(["edges", 1, "colour"], -2), "edges[1].colour = -2 is not allowed: a colour is a non-negative integer"),
    (_set(["edges", 1, "colour"], 1.5), "edges[1].colour = 1.5 is not allowed"),
    (_set(["edges", 1, "colour"], True), "edges[1].colour = true is not allowed"),
    (_set(["edges", 1, "colour"], "2"), 'edges[1].colour = "2" is not allowed'),
    (_set(["edges", 2, "ends"], ["u"]), 'edges[2].ends = ["u"] is not allowed: expected [u, v]'),
    (_set(["edges", 2, "ends"], "uv"), 'edges[2].ends = "uv" is not allowed'),
    (_set(["edges", 2, "ends"], ["u", None]), "edges[2].ends[1] = null is not allowed: a name is a string"),
    (_set(["edges", 0, "name"], 1.5), "edges[0].name = 1.5 is not allowed: a name is a string, an integer"),
    (_set(["edges", 0, "name"], ["x", {}]), "edges[0].name[1] = {} is not allowed"),
    (_set(["edges", 3, "name"], "a"), 'edges[3].name = "a" is not allowed: edge names must be unique'),
    (_set(["vertices"], {}), "vertices = {} is not allowed: expected an array of vertex records"),
    (_set(["vertices", 0], "u"), 'vertices[0] = "u" is not allowed: expected an object'),
    (_delete(["vertices", 0, "name"]), "vertices[0] has no 'name' member"),
    (_set(["vertices", 0, "label"], "x"), "vertices[0] has the unknown member 'label'"),
    (_set(["vertices", 0, "name"], "w"), 'vertices[0].name = "w" is not allowed: a vertex record must name an end'),
    (_set(["vertices", 1, "name"], "u"), 'vertices[1].name = "u" is not allowed: each vertex may have only one'),
    (_set(["vertices", 0, "rotation"], "abcd"), 'vertices[0].rotation = "abcd" is not allowed: expected an array'),
    (
        _set(["vertices", 0, "rotation"], ["a", "zz", "c", "d"]),
        'vertices[0].rotation[1] = "zz" is not allowed: not the name of an edge',
    ),
    (
        _set(["vertices", 0, "rotation"], ["a", "b", "c"]),
        'vertices[0].rotation = ["a", "b", "c"] is not allowed: must list each edge at vertex \'u\' exactly once',
    ),
    (
        _set(["vertices", 0, "rotation"], ["a", "b", "c", "c"]),
        "must list each edge at vertex 'u' exactly once",
    ),
    (
        lambda d: _set(["vertices", 0, "ends"], [0, 0, 0, 0])(_delete(["vertices", 0, "rotation"])(d)),
        "vertices[0] has 'ends' but no 'rotation'",
    ),
    (
        lambda d: _set(["vertices", 0, "ends"], [0, 1])(_set(["vertices", 0, "rotation"], ["a", "b", "c", "d"])(d)),
        "vertices[0].ends = [0, 1] is not allowed: expected one entry 0 or 1 per rotation entry (4)",
    ),
    (
        lambda d: _set(["vertices", 0, "ends"], [0, 0, 0, 2])(
            _set(["vertices", 0, "rotation"], ["a", "b", "c", "d"])(d)
        ),
        "vertices[0].ends = [0, 0, 0, 2] is not allowed",
    ),
    (
        lambda d: _set(["vertices", 0, "ends"], [1, 1, 1, 1])(
            _set(["vertices", 0, "rotation"], ["a", "b", "c", "d"])(d)
        ),
        "must list each edge at vertex 'u' exactly once",
    ),
    (_set(["vertices", 0, "intertwiner"], {"tree": []}), 'is not allowed: expected {"comb": [...]} or {"crossing"'),
    (_set(["vertices", 0, "intertwiner"], {"comb": [], "crossing": "over"}), "vertices[0].intertwiner = "),
    (
        _set(["vertices", 0, "intertwiner"], {"crossing": "sideways"}),
        'vertices[0].intertwiner.crossing = "sideways" is not allowed: expected "over" or "under"',
    ),
    (_set(["vertices", 0, "intertwiner"], {"comb": {}}), "vertices[0].intertwiner.comb = {} is not allowed"),
    (
        _set(["vertices", 0, "intertwiner"], {"comb": [{"internal": [2]}]}),
        "vertices[0].intertwiner.comb[0] has no 'coefficient' member",
    ),
    (
        _set(["vertices", 0, "intertwiner"], {"comb": [{"internal": [-2], "coefficient": "1"}]}),
        "vertices[0].intertwiner.comb[0].internal[0] = -2 is not allowed: a colour is a non-negative integer",
    ),
    (
        _set(["vertices", 0, "intertwiner"], {"comb": [{"internal": 2, "coefficient": "1"}]}),
        "vertices[0].intertwiner.comb[0].internal = 2 is not allowed: expected an array of colours",
    ),
    (
        _set(["vertices", 0, "intertwiner"], {"comb": [{"internal": [2], "coefficient": "1/0"}]}),
        'vertices[0].intertwiner.comb[0].coefficient = "1/0" is not allowed: the denominator must be nonzero',
    ),
    (
        _set(["vertices", 0, "intertwiner"], {"comb": [{"internal": [2], "coefficient": "sqrt(2)"}]}),
        'coefficient = "sqrt(2)" is not allowed: expected an exact rational',
    ),
    (
        _set(["vertices", 0, "intertwiner"], {"comb": [{"internal": [2], "coefficient": 0.5}]}),
        "coefficient = 0.5 is not allowed: expected an exact rational",
    ),
    (
        _set(
            ["vertices", 0, "intertwiner"],
            {"comb": [{"internal": [2], "coefficient": "1"}, {"internal": [2], "coefficient": "2"}]},
        ),
        "vertices[0].intertwiner.comb[1].internal = [2] is not allowed: each tuple of internal colours",
    ),
    (_set(["vertices", 0, "position"], [1]), "vertices[0].position = [1] is not allowed: expected [x, y]"),
    (_set(["vertices", 0, "position"], ["a", 2]), 'vertices[0].position = ["a", 2] is not allowed'),
    (_set(["vertices", 0, "position"], [float("nan"), 2]), "vertices[0].position = [NaN, 2] is not allowed"),
    (_set(["boundary"], "u"), 'boundary = "u" is not allowed: expected an array of vertex names'),
    (_set(["boundary"], ["w"]), 'boundary[0] = "w" is not allowed: a boundary point must be an end of some edge'),
    (_set(["boundary"], [1.5]), "boundary[0] = 1.5 is not allowed: a name is"),
]


@pytest.mark.parametrize(("mutate", "fragment"), MALFORMED)
def test_malformed_documents_name_field_value_and_rule(mutate, fragment):
    doc = mutate(copy.deepcopy(_base()))
    with pytest.raises(SpinNetworkFormatError) as info:
        from_json(doc)
    assert fragment in str(info.value)
    assert isinstance(info.value, NetworkStructureError | TQFTError | ValueError)
    # the JSON text of the same document fails the same way
    text = json.dumps(doc)
    with pytest.raises(SpinNetworkFormatError) as again:
        from_json(text)
    assert str(again.value) == str(info.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{", "the text is not JSON: Expecting property name"),
        ("", "the text is not JSON"),
        (
            '{"format": "tqft-spin-network", "format": "tqft-spin-network", "version": 1, "edges": []}',
            "the member 'format' appears twice in one JSON object",
        ),
        (b"\xff\xfe{}", "the file is not UTF-8 text"),
    ],
)
def test_malformed_text(text, fragment):
    with pytest.raises(SpinNetworkFormatError) as info:
        from_json(text)
    assert fragment in str(info.value)


def test_structure_and_admissibility_are_checked_after_reading():
    dangling = {
        "format": "tqft-spin-network",
        "version": 1,
        "edges": [{"name": "a", "ends": ["u", "p"], "colour": 2}, {"name": "b", "ends": ["u", "u"], "colour": 1}],
    }
    with pytest.raises(NetworkStructureError, match="has valence 1"):
        from_json(dangling)
    bad = to_dict(SpinNetwork.theta(1, 1, 2))
    bad["edges"][2]["colour"] = 4
    with pytest.raises(AdmissibilityError, match=r"colours \(1, 1, 4\)"):
        from_json(bad)
    unchecked = from_json(bad, check=False)
    assert unchecked.colours_at("u") == (1, 1, 4)
    boundary_loop = to_dict(SpinNetwork.theta(1, 1, 2)) | {"boundary": ["u"]}
    with pytest.raises(NetworkStructureError, match="boundary point 'u' has valence 3"):
        from_json(boundary_loop)


def test_unwritable_networks():
    net = SpinNetwork().add_edge(1.5, "u", "u", 2)
    with pytest.raises(SpinNetworkFormatError, match=r"edges\[0\].name = 1.5 cannot be written: names must be"):
        to_json(net)
    net = SpinNetwork().add_edge("e", "u", frozenset({1}), 2)
    with pytest.raises(SpinNetworkFormatError, match=r"edges\[0\].ends\[1\] = frozenset"):
        to_json(net)
    net = _comb_network()
    net.set_intertwiner("v", Intertwiner({(2,): generic_q("q").q}))
    with pytest.raises(SpinNetworkFormatError, match="only rational coefficients"):
        to_json(net)
    net = _comb_network()
    net.set_intertwiner("v", Intertwiner({(2,): 0.5}))
    with pytest.raises(SpinNetworkFormatError, match=r"vertices\[1\].intertwiner.comb\[0\] = 0.5"):
        to_json(net)
    net = SpinNetwork.loop(2)
    net.positions["v"] = (math.inf, 0.0)
    with pytest.raises(SpinNetworkFormatError, match=r"position of vertex 'v' = .* coordinates must be finite"):
        to_json(net)
    net = SpinNetwork.loop(2)
    net.positions["elsewhere"] = (0.0, 0.0)
    with pytest.raises(SpinNetworkFormatError, match="positions has an entry for 'elsewhere', which is not a vertex"):
        to_json(net)


def test_load_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "missing.json")


# ---------------------------------------------------------------- drawing
def _edge_lines(ax):
    return [line for line in ax.lines if line.get_gid() == "edge"]


def _edge_labels(ax):
    return [t for t in ax.texts if t.get_gid() == "edge-label"]


def _collection(ax, gid):
    found = [c for c in ax.collections if c.get_gid() == gid]
    assert len(found) <= 1
    return found[0].get_offsets() if found else []


@pytest.fixture
def axes():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_draw_theta_parallel_edges_are_distinct_arcs(axes):
    ax = draw(SpinNetwork.theta(1, 1, 2), ax=axes)
    assert ax is axes
    lines = _edge_lines(ax)
    assert len(lines) == 3
    assert sorted(t.get_text() for t in _edge_labels(ax)) == ["1", "1", "2"]
    mids = {tuple(round(c, 6) for c in line.get_xydata()[len(line.get_xydata()) // 2]) for line in lines}
    assert len(mids) == 3  # three visibly different curves between the same two vertices
    colours = {t.get_text(): line.get_color() for t, line in zip(_edge_labels(ax), lines)}
    assert colours["1"] != colours["2"]
    assert len(ax.figure.axes) == 2  # the colour bar
    ticks = [int(t) for t in ax.figure.axes[1].get_yticks()]
    assert ticks == [1, 2]
    assert len(_collection(ax, "vertices")) == 2


def test_draw_self_loop_is_a_closed_curve(axes):
    ax = draw(SpinNetwork.loop(3), ax=axes)
    (line,) = _edge_lines(ax)
    xy = line.get_xydata()
    assert tuple(xy[0]) == tuple(xy[-1])
    assert max(math.dist(xy[0], p) for p in xy) > 0.1  # a loop, not a point
    assert [t.get_text() for t in _edge_labels(ax)] == ["3"]


def test_draw_honeycomb_uses_its_positions(axes):
    net = honeycomb([[1, 2, 0], [3, 1, 2], [2, 2, 2]])
    ax = draw(net, ax=axes, colourbar=False)
    assert len(_edge_lines(ax)) == len(net.edges) == 24
    assert len(_edge_labels(ax)) == 24
    drawn = {tuple(p) for p in _collection(ax, "vertices")}
    assert drawn == {tuple(p) for p in net.positions.values()}
    dashed = [line for line in _edge_lines(ax) if line.get_linestyle() == "--"]
    assert len(dashed) == sum(1 for e in net.edges if net.colour(e) == 0) > 0
    assert len(ax.figure.axes) == 1


def test_draw_open_network_marks_boundary_points(axes):
    net = _open_network()
    net.positions = {}
    ax = draw(net, ax=axes, labels=False, vertex_labels=True)
    assert len(_collection(ax, "boundary")) == 3
    assert len(_collection(ax, "vertices")) == 1
    assert _edge_labels(ax) == []
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "vertex-label") == sorted(
        str(v) for v in ["v", ("leg", 0), ("leg", 1), ("leg", 2)]
    )


def test_draw_comb_and_crossing_vertices(axes):
    ax = draw(_comb_network(), ax=axes)
    assert len(_collection(ax, "comb-vertices")) == 2
    assert len(_edge_lines(ax)) == 4
    fig, ax2 = plt.subplots()
    try:
        draw(_crossing_network(True), ax=ax2)
        assert len(_collection(ax2, "crossings")) == 1
        assert len(_edge_lines(ax2)) == 2
    finally:
        plt.close(fig)


def test_layouts():
    # the tetrahedron has no positions: its own planar ribbon structure is drawn
    tetra = SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2)
    pos = layout(tetra)
    assert set(pos) == {"X", "Y", "Z", "W"}
    assert len({p for p in pos.values()}) == 4
    # K_{3,3} is not planar: a seeded spring layout, reproducible
    k33 = SpinNetwork()
    for i, (a, b) in enumerate((a, b) for a in "abc" for b in "xyz"):
        k33.add_edge(i, a, b, 2)
    assert layout(k33, seed=3) == layout(k33, seed=3)
    assert len(set(layout(k33).values())) == 6
    # partial positions are kept
    net = _open_network()
    pos = layout(net)
    assert pos["v"] == (0.0, 0.0) and pos[("leg", 0)] == (1.0, 0.0) and len(pos) == 4


def test_network_draw_method_and_save(tmp_path):
    ax = SpinNetwork.tetrahedron(1, 1, 2, 1, 1, 2).draw(labels=False, colourbar=False)
    try:
        assert len(_edge_lines(ax)) == 6 and _edge_labels(ax) == []
    finally:
        plt.close(ax.figure)
    out = tmp_path / "honeycomb.png"
    save(honeycomb([1, 2, 3, 4]), out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_missing_matplotlib_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(PlottingUnavailableError, match=r"pip install 'tqft\[plot\]'") as info:
        SpinNetwork.loop(1).draw()
    assert isinstance(info.value, ImportError) and isinstance(info.value, TQFTError)


# ---------------------------------------------------------------- command line
@pytest.mark.parametrize(
    ("pixels", "expected"),
    [("1", "2"), ("1,1,1,1", "3"), ("2,2,2,2", "245/144"), ("1,2,3,4", "7/5")],
)
def test_honeycomb_command_m3_reference_values(pixels, expected, capsys):
    # Lulli, Marciano, Zappala (arXiv:2310.03632); the default context is q = -1
    n = str(math.isqrt(len(pixels.split(","))))
    assert main(["honeycomb", n, "--pixels", pixels]) == 0
    assert capsys.readouterr().out == expected + "\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--latex"], r"\frac{7}{5}"),
        (["--digits", "3"], "1.4"),
        (["--q", "1"], "7/5"),
        (
            ["--q", "classical", "--normalisation", "unitary"],
            str(honeycomb([1, 2, 3, 4]).evaluate(None, normalisation="unitary")),
        ),
    ],
)
def test_honeycomb_command_formats(extra, expected, capsys):
    assert main(["honeycomb", "2", "--pixels", "1,2,3,4", *extra]) == 0
    assert capsys.readouterr().out.strip() == expected


def test_honeycomb_command_json_and_order_info(capsys):
    assert main(["honeycomb", "2", "--pixels", "2,2,2,2", "--json", "--order-info"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exact"] == "245/144" and data["latex"] == r"\frac{245}{144}"
    assert data["value"] == "1.70138888888888888888888888889"
    assert (data["n"], data["pixels"], data["q"]) == (2, [[2, 2], [2, 2]], "q=-1")
    assert (data["vertices"], data["edges"]) == (2 * 4 - 2, 3 * 4 - 3)
    assert data["plan"]["pieces"] == 6 and data["plan"]["cost"] > 0
    assert main(["honeycomb", "3", "--pixels", "1,2,3,4,5,6,7,8,9", "--order-info"]) == 0
    first, value = capsys.readouterr().out.splitlines()
    assert first.startswith("plan: 16 pieces, cost ")
    assert Fraction(value) == honeycomb([[1, 2, 3], [4, 5, 6], [7, 8, 9]]).evaluate("-1")


def test_honeycomb_command_contexts(capsys):
    assert main(["honeycomb", "2", "--pixels", "1,1,1,1", "--q", "root:7"]) == 0
    out = capsys.readouterr().out.strip()
    assert "    (z28 = exp(i pi/14) = q^(1/2); value " in out
    assert main(["honeycomb", "2", "--pixels", "1,1,1,1", "--q", "A", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exact"] == str(honeycomb([1, 1, 1, 1]).evaluate("A")) and "value" not in data
    assert main(["honeycomb", "2", "--pixels", "1,1,1,1", "--q", "0.5"]) == 0
    assert complex(capsys.readouterr().out.strip().replace(" ", "")) != 0


def test_honeycomb_command_draw(tmp_path, capsys):
    out = tmp_path / "image.png"
    assert main(["honeycomb", "2", "--pixels", "1,2,3,4", "--draw", str(out)]) == 0
    assert capsys.readouterr().out == "7/5\n"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_spin_network_evaluate_command(tmp_path, capsys):
    path = tmp_path / "tet.json"
    dump(SpinNetwork.tetrahedron(2, 2, 2, 2, 2, 2), path)
    assert main(["spin-network", "evaluate", str(path)]) == 0
    assert capsys.readouterr().out == f"{tet(CLASSICAL, 2, 2, 2, 2, 2, 2)}\n" == "3/2\n"
    assert main(["spin-network", "evaluate", str(path), "--normalisation", "unitary"]) == 0
    assert capsys.readouterr().out == "1/6\n"  # the unitary 6j {1 1 1; 1 1 1}
    assert main(["spin-network", "evaluate", str(path), "--q", "A"]) == 0
    assert capsys.readouterr().out.strip() == str(tet(generic_q("A"), 2, 2, 2, 2, 2, 2))
    assert main(["spin-network", "evaluate", str(path), "--json", "--q", "-1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["exact"], data["q"], data["vertices"], data["edges"]) == ("3/2", "q=-1", 4, 6)
    assert data["value"] == "1.5" and data["file"] == str(path)
    hand = tmp_path / "theta.json"
    doc = json.loads(HAND_WRITTEN)
    doc["vertices"] = [{"name": "v", "rotation": ["c", "b", "a"]}]
    hand.write_text(json.dumps(doc))
    assert main(["spin-network", "evaluate", str(hand), "--digits", "4"]) == 0
    assert capsys.readouterr().out == "3.0\n"  # as the symbol commands print exact integers


def test_spin_network_evaluate_reads_stdin():
    proc = subprocess.run(
        [sys.executable, "-m", "tqft.cli", "spin-network", "evaluate", "-", "--latex"],
        input=to_json(SpinNetwork.theta(2, 2, 2)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(theta(CLASSICAL, 2, 2, 2))


def _write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else to_json(content))
    return str(path)


@pytest.mark.parametrize(
    ("make_argv", "fragment"),
    [
        (lambda t: ["spin-network", "evaluate", str(t / "missing.json")], "cannot read FILE = "),
        (lambda t: ["spin-network", "evaluate", _write(t, "x.json", "{")], "the text is not JSON"),
        (
            lambda t: [
                "spin-network",
                "evaluate",
                _write(t, "x.json", HAND_WRITTEN.replace('"colour": 2', '"colour": -2')),
            ],
            "edges[2].colour = -2 is not allowed",
        ),
        (lambda t: ["spin-network", "evaluate", _write(t, "x.json", _open_network())], "3 boundary points"),
        (lambda t: ["spin-network", "evaluate", _write(t, "x.json", HAND_WRITTEN)], "genus 1"),
        (lambda t: ["spin-network", "evaluate", _write(t, "x.json", HAND_WRITTEN), "--q", "nope"], "q = 'nope'"),
        (
            lambda t: ["spin-network", "evaluate", "x.json", "--normalisation", "racah"],
            "argument --normalisation: invalid choice: 'racah'",
        ),
        (
            lambda t: ["spin-network", "evaluate", _write(t, "t.json", SpinNetwork.theta(1, 1, 2)), "--digits", "0"],
            "--digits = 0 must be between 1 and",
        ),
        (
            lambda t: [
                "spin-network",
                "evaluate",
                _write(t, "t.json", SpinNetwork.theta(1, 1, 2)),
                "--q",
                "A",
                "--digits",
                "3",
            ],
            "--digits needs a number",
        ),
        (
            lambda t: [
                "spin-network",
                "evaluate",
                _write(t, "t.json", SpinNetwork.theta(1, 1, 2)),
                "--q",
                "0.5",
                "--latex",
            ],
            "--latex needs an exact q",
        ),
        (
            lambda t: ["spin-network", "evaluate", _write(t, "c.json", _crossing_network(True)), "--q", "-1"],
            "not rational",
        ),
        (lambda t: ["spin-network"], "the following arguments are required: ACTION"),
        (lambda t: ["spin-network", "evaluate"], "the following arguments are required: FILE"),
        (lambda t: ["honeycomb", "2", "--pixels", "1,2,3"], "pixels has 3 entries"),
        (lambda t: ["honeycomb", "0", "--pixels", "1"], "N = '0' must be a positive integer"),
        (lambda t: ["honeycomb", "two", "--pixels", "1"], "N = 'two' must be a positive integer"),
        (lambda t: ["honeycomb", "2", "--pixels", "1,a,3,4"], "expected comma-separated non-negative integers"),
        (lambda t: ["honeycomb", "2"], "the following arguments are required: --pixels"),
        (lambda t: ["honeycomb", "2", "--pixels", "3,3,3,3", "--q", "root:4"], "not admissible in root:4"),
        (
            lambda t: ["honeycomb", "2", "--pixels", "2,2,2,2", "--normalisation", "unitary"],
            "unitary normalisation at q = -1",
        ),
        (
            lambda t: ["honeycomb", "1", "--pixels", "1", "--draw", str(t / "x.unknown")],
            "cannot write --draw",
        ),
        (lambda t: ["honeycomb", "2", "--pixels", "1,2,3,4", "--latex", "--json"], "not allowed with argument"),
    ],
)
def test_bad_input_is_one_line_exit_2(make_argv, fragment, tmp_path, capsys):
    assert main(make_argv(tmp_path)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert fragment in captured.err


def test_bad_input_through_the_real_command(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "tqft.cli", "spin-network", "evaluate", str(tmp_path / "none.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "No such file or directory" in proc.stderr
