"""The ML <-> TQFT dictionary: schema, loader, lookup, ``tqft lookup``, the verify identity,
and that the entries ship in the wheel.

Logic tests run on a small fixture dictionary written to a temporary folder (with
witnesses that pass, fail, raise or return the wrong type); the real ``dictionary/``
folder is checked file by file against the schema.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqft.cli import main
from tqft.dictionary import (
    PAPERS,
    STATUSES,
    Dictionary,
    clear_cache,
    default_path,
    load,
    lookup,
    normalise,
    read_entry,
    suggest,
    tokens,
    validate_entry,
)
from tqft.dictionary.loader import CHECKOUT, PACKAGED
from tqft.errors import DictionaryError, InvalidArgumentError, TQFTError
from tqft.identities import CheckResult, get, run_identity_cases

ROOT = Path(__file__).resolve().parent.parent
ENTRY_FILES = sorted((ROOT / "dictionary").glob("*.toml"))
WITNESSES = "tqft_dictionary_fixture_witnesses"


# ----------------------------------------------------------------------------- fixtures


def toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v)  # a JSON string is a TOML basic string
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(v)


def to_toml(data: dict[str, Any]) -> str:
    """A TOML document for the dictionary's shapes (tables and arrays of tables at the end)."""
    lines, tail = [], []
    for key, v in data.items():
        if isinstance(v, dict):
            tail += [f"\n[{key}]", *(f"{k} = {toml_value(x)}" for k, x in v.items())]
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            for item in v:
                tail += [f"\n[[{key}]]", *(f"{k} = {toml_value(x)}" for k, x in item.items())]
        else:
            lines.append(f"{key} = {toml_value(v)}")
    return "\n".join(lines + tail) + "\n"


def entry_data(entry_id: str, ml: str, tqft: str, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry_id,
        "ml": ml,
        "tqft": tqft,
        "status": "analogy",
        "explanation": f"The {ml} corresponds to the {tqft}.",
        "formula": r"\langle \Psi | P | \Phi \rangle",
        "tags": ["graph"],
        "sources": [{"paper": "M", "where": "Sec. 2"}],
        "witness": {"function": f"{WITNESSES}.passing", "claim": "Two equal numbers are equal."},
    }
    data.update(extra)
    return data


FIXTURE = [
    entry_data(
        "neuron",
        "neuron",
        "spin-network node",
        ml_synonyms=["unit", "perceptron unit"],
        tqft_synonyms=["vertex", "intertwiner"],
        tags=["architecture", "graph"],
        related=["weights"],
        explanation="A node of the spin network joins its links as a neuron joins its inputs.",
    ),
    entry_data(
        "weights",
        "weight",
        "edge colour",
        status="conjecture",
        ml_synonyms=["parameter", "connection strength"],
        tqft_synonyms=["spin label", "link colour"],
        tags=["parameters", "graph"],
        related=["neuron"],
        sources=[{"paper": "M", "where": "Sec. 3"}, {"paper": "M2", "where": "Eq. (33)"}],
        explanation="The weight of a connection into a neuron becomes the spin carried by a link.",
    ),
    entry_data(
        "input-sample",
        "input sample",
        "boundary spin-network state",
        status="theorem",
        ml_synonyms=["data point", "example"],
        tqft_synonyms=["boundary state"],
        tags=["data", "boundary"],
        sources=[{"paper": "M2", "where": "Sec. 3"}, {"paper": "M3", "where": "Sec. 2"}],
        explanation="Each image is encoded as a boundary state; the neurons of a network read it.",
    ),
    entry_data(
        "correlation-capacity",
        "correlation capacity",
        "minimal cut weight",
        status="theorem",
        tags=["entanglement"],
        sources=[{"paper": "L", "where": "Claim 1"}],
        tqft_synonyms=["min-cut"],
    ),
    entry_data(
        "overfitting",
        "overfitting",
        "loss of topological invariance",
        status="conjecture",
        tags=["generalisation"],
        witness={"function": f"{WITNESSES}.failing", "claim": "Deliberately false: 1 = 2."},
    ),
    entry_data(
        "generalisation",
        "generalisation",
        "topological invariance",
        tags=["generalisation"],
        witness={"function": f"{WITNESSES}.raising", "claim": "Raises on purpose."},
    ),
]

WITNESS_SOURCE = """
from tqft.identities.core import CheckResult

def passing():
    return CheckResult(True, 2, 2)

def failing():
    return CheckResult(False, 1, 2)

def raising():
    raise RuntimeError("boom")

def wrong_type():
    return (True, 1, 1)

NOT_CALLABLE = 3
"""


@pytest.fixture(scope="module")
def witness_module(tmp_path_factory):
    folder = tmp_path_factory.mktemp("witnesses")
    (folder / f"{WITNESSES}.py").write_text(WITNESS_SOURCE)
    sys.path.insert(0, str(folder))
    yield folder
    sys.path.remove(str(folder))
    sys.modules.pop(WITNESSES, None)


def write_folder(folder: Path, entries: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for data in entries:
        (folder / f"{data['id']}.toml").write_text(to_toml(data))
    return folder


@pytest.fixture(scope="module")
def fixture_dir(tmp_path_factory, witness_module):
    return write_folder(tmp_path_factory.mktemp("dictionary"), FIXTURE)


@pytest.fixture(scope="module")
def fixture_dict(fixture_dir):
    return load(fixture_dir)


def first(term: str, d: Dictionary, **kw: Any):
    matches = lookup(term, dictionary=d, **kw)
    assert matches, f"nothing found for {term!r}"
    return matches[0]


# ------------------------------------------------------------------- the real entries


@pytest.mark.parametrize("path", ENTRY_FILES, ids=[p.stem for p in ENTRY_FILES])
def test_real_entry_file_follows_the_schema(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entry = validate_entry(data, path)
    assert entry.id == path.stem
    assert entry.status in STATUSES and all(s.paper in PAPERS for s in entry.sources)
    assert callable(entry.witness_function())
    assert entry.witness.function.startswith("tqft.")


def test_real_dictionary_loads_with_every_related_id_and_witness():
    d = load()
    assert default_path() == CHECKOUT  # in a checkout the packaged folder holds no entries
    assert len(d) == len(ENTRY_FILES)
    assert [e.id for e in d] == sorted(p.stem for p in ENTRY_FILES)
    d.check_witnesses()
    for e in d:
        assert all(r in d for r in e.related)


def test_real_dictionary_has_at_least_40_entries():
    assert len(load()) >= 40


def test_real_dictionary_witnesses_run_through_the_identity():
    from tqft.identities.dictionary import MAX_ENTRIES

    identity = get("dictionary_witnesses")
    assert len(load()) <= MAX_ENTRIES + 1, "raise MAX_ENTRIES so that tqft verify checks every entry"
    cases = list(identity.cases())
    assert [c[0] for c in cases] == list(range(len(load())))
    report = run_identity_cases("dictionary_witnesses", cases)
    assert report.ok, report.failures


def test_real_lookup_of_the_headline_term(capsys):
    assert main(["lookup", "neuron", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["count"] >= 1
    assert payload["matches"][0]["score"] >= 0.7  # a name or synonym, not only text


# ------------------------------------------------------------------- schema errors


def good() -> dict[str, Any]:
    return entry_data("neuron", "neuron", "spin-network node", related=[])


def without(key: str) -> dict[str, Any]:
    data = good()
    del data[key]
    return data


def with_(**changes: Any) -> dict[str, Any]:
    return {**good(), **changes}


BAD = [
    (without("status"), r"status is missing; required keys: id, ml, tqft, status"),
    (without("witness"), r"witness is missing"),
    (with_(colour="red"), r"colour = 'red' is not an allowed key; allowed keys: id, ml, tqft"),
    (with_(status="fact"), r"status = 'fact' is not allowed; allowed: 'theorem', 'conjecture', 'analogy'"),
    (with_(status=3), r"status = 3 is a int; expected a non-empty string"),
    (with_(id="other"), r"id = 'other' differs from the file name; expected id = 'neuron'"),
    (with_(id="Neuron_1"), r"id = 'Neuron_1' is not kebab-case"),
    (with_(ml="  "), r"ml = '  ' is empty; expected a non-empty string"),
    (with_(explanation=""), r"explanation = '' is empty"),
    (with_(formula="$x$"), r"formula = '\$x\$' contains '\$'"),
    (with_(formula=r"\frac{a}{b"), r"formula = '\\\\frac\{a\}\{b' has unbalanced braces"),
    (with_(ml_synonyms="unit"), r"ml_synonyms = 'unit' is a str; expected a list of strings"),
    (with_(tqft_synonyms=["vertex", 3]), r"tqft_synonyms\[1\] = 3 is a int"),
    (with_(ml_synonyms=["unit", "Unit"]), r"ml_synonyms\[1\] = 'Unit' repeats an earlier item"),
    (with_(tags=[]), r"tags = \[\] is empty; expected at least one tag"),
    (with_(tags=["Spin Networks"]), r"tags\[0\] = 'Spin Networks' is not kebab-case"),
    (with_(related=["neuron"]), r"related = \['neuron'\] contains the entry itself"),
    (with_(related=["Weights"]), r"related\[0\] = 'Weights' is not kebab-case"),
    (with_(sources=[]), r"sources = \[\] must be a non-empty array of tables"),
    (with_(sources=["M"]), r"sources\[0\] = 'M' is not a table"),
    (
        with_(sources=[{"paper": "X", "where": "p. 1"}]),
        r"sources\[0\]\.paper = 'X' is not a known paper; allowed: M, M2",
    ),
    (with_(sources=[{"paper": "M"}]), r"sources\[0\]\.where is missing; sources\[0\] needs the keys paper, where"),
    (with_(sources=[{"paper": "M", "where": "x", "page": 3}]), r"sources\[0\]\.page = 3 is not an allowed key"),
    (with_(witness="tqft.x.y"), r"witness = 'tqft.x.y' is not a table"),
    (with_(witness={"function": "neuron", "claim": "c"}), r"witness\.function = 'neuron' is not a dotted path"),
    (with_(witness={"function": "a.b"}), r"witness\.claim is missing"),
    (with_(witness={"function": "a.b", "claim": "c", "args": []}), r"witness\.args = \[\] is not an allowed key"),
]


@pytest.mark.parametrize(("data", "message"), BAD, ids=[m.split(" ")[0] for _, m in BAD])
def test_schema_violation_names_file_key_value_and_rule(tmp_path, data, message):
    stem = "Neuron_1" if data.get("id") == "Neuron_1" else "neuron"
    path = tmp_path / f"{stem}.toml"
    path.write_text(to_toml(data))
    with pytest.raises(DictionaryError, match=message) as info:
        read_entry(path)
    assert str(info.value).startswith(f"{path}: ")
    assert isinstance(info.value, TQFTError) and isinstance(info.value, ValueError)
    with pytest.raises(DictionaryError, match=message):
        load(tmp_path)  # the loader reports the same


def test_the_good_entry_is_valid(tmp_path, witness_module):
    path = tmp_path / "neuron.toml"
    path.write_text(to_toml(good()))
    entry = read_entry(path)
    assert entry.path == path and entry.related == () and entry.tags == ("graph",)
    assert entry.run_witness() == CheckResult(True, 2, 2)


def test_invalid_toml_and_missing_folder(tmp_path):
    (tmp_path / "neuron.toml").write_text('id = "neuron"\nml = \n')
    with pytest.raises(DictionaryError, match=r"neuron\.toml: not valid TOML"):
        load(tmp_path)
    with pytest.raises(DictionaryError, match=r"path = '.*nowhere' is not a folder"):
        load(tmp_path / "nowhere")


def test_related_ids_must_exist(tmp_path, witness_module):
    write_folder(tmp_path, [entry_data("neuron", "neuron", "node", related=["wieghts"]), good() | {"id": "weights"}])
    with pytest.raises(
        DictionaryError,
        match=r"neuron\.toml: related\[0\] = 'wieghts' is not the id of an entry; "
        r"closest ids: weights",
    ):
        load(tmp_path)


@pytest.mark.parametrize(
    ("function", "message"),
    [
        ("no_such_module_xyz.f", r"no prefix of it is an importable module"),
        (f"{WITNESSES}.missing", rf"module {WITNESSES} has no attribute 'missing'"),
        (f"{WITNESSES}.NOT_CALLABLE", r"NOT_CALLABLE is a int, not a function"),
        ("tqft.spins.colour.nothing", r"object tqft\.spins\.colour has no attribute 'nothing'"),
    ],
)
def test_unresolvable_witness_is_reported_by_check_witnesses(tmp_path, witness_module, function, message):
    write_folder(tmp_path, [entry_data("neuron", "neuron", "node", witness={"function": function, "claim": "c"})])
    d = load(tmp_path)  # loading does not import witnesses
    with pytest.raises(DictionaryError, match=rf"neuron\.toml: witness\.function = '{function}': .*{message}"):
        d.check_witnesses()
    with pytest.raises(DictionaryError, match=message):
        d["neuron"].run_witness()
    assert main(["lookup", "neuron", "--run-witness", "--path", str(tmp_path)]) == 2


def test_witness_must_return_a_check_result(tmp_path, witness_module):
    write_folder(
        tmp_path,
        [entry_data("neuron", "neuron", "node", witness={"function": f"{WITNESSES}.wrong_type", "claim": "c"})],
    )
    d = load(tmp_path)
    d.check_witnesses()  # it resolves and is callable
    with pytest.raises(DictionaryError, match=r"returned a tuple; expected a CheckResult"):
        d["neuron"].run_witness()


# ------------------------------------------------------------------- loader


def test_load_caches_and_rereads_changed_files(tmp_path, witness_module):
    write_folder(tmp_path, [good()])
    d = load(tmp_path)
    assert load(tmp_path) is d and load(str(tmp_path)) is d
    path = tmp_path / "neuron.toml"
    path.write_text(to_toml(with_(tqft="spin-network vertex, the node of the graph")))
    assert load(tmp_path)["neuron"].tqft == "spin-network vertex, the node of the graph"
    write_folder(tmp_path, [entry_data("weights", "weight", "colour")])
    assert load(tmp_path).ids == ("neuron", "weights")
    clear_cache()
    assert load(tmp_path) is not d


def test_dictionary_access_and_errors(fixture_dict):
    d = fixture_dict
    assert len(d) == len(FIXTURE) and d.ids == tuple(sorted(e["id"] for e in FIXTURE))
    assert d["neuron"] is d.get("neuron") and "neuron" in d and "nothing" not in d
    with pytest.raises(
        InvalidArgumentError, match=r"id = 'nueron' is not an entry of the dictionary; closest ids: neuron"
    ):
        d["nueron"]
    assert d.tags() == ("architecture", "boundary", "data", "entanglement", "generalisation", "graph", "parameters")
    with pytest.raises(DictionaryError, match="is used by two entries"):
        Dictionary([d["neuron"], d["neuron"]])


def test_entry_is_frozen_serialisable_and_readable(fixture_dict):
    e = fixture_dict["weights"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.ml = "bias"  # type: ignore[misc]
    data = json.loads(json.dumps(e.to_dict()))
    assert data["sources"][1] == {"paper": "M2", "where": "Eq. (33)", "citation": PAPERS["M2"].citation + ", Eq. (33)"}
    assert data["witness"]["function"] == f"{WITNESSES}.passing" and data["related"] == ["neuron"]
    text = str(e)
    assert text.splitlines()[0] == "weight  ->  edge colour    [conjecture, ML -> TQFT]"
    for part in ("(M) Sec. 3; (M2) Eq. (33)", e.formula, e.witness.claim, "spin label, link colour"):
        assert part in text
    assert e.describe("tqft").splitlines()[0].startswith("edge colour  ->  weight")
    assert e.papers == ("M", "M2")


# ------------------------------------------------------------------- lookup


@pytest.mark.parametrize(
    ("term", "entry_id", "direction", "kind", "field"),
    [
        ("neuron", "neuron", "ml", "exact", "ml"),
        ("Neurons", "neuron", "ml", "exact", "ml"),
        ("spin-network node", "neuron", "tqft", "exact", "tqft"),
        ("Spin Network Nodes", "neuron", "tqft", "exact", "tqft"),
        ("vertices", "neuron", "tqft", "synonym", "tqft_synonyms"),
        ("unit", "neuron", "ml", "synonym", "ml_synonyms"),
        ("weights", "weights", "ml", "exact", "ml"),
        ("spin labels", "weights", "tqft", "synonym", "tqft_synonyms"),
        ("data points", "input-sample", "ml", "synonym", "ml_synonyms"),
        ("boundary states", "input-sample", "tqft", "synonym", "tqft_synonyms"),
        ("input-sample", "input-sample", "ml", "exact", "ml"),
        ("min cut", "correlation-capacity", "tqft", "synonym", "tqft_synonyms"),
        ("minimal cut", "correlation-capacity", "tqft", "phrase", "tqft"),
        ("nueron", "neuron", "ml", "fuzzy", "ml"),
        ("wieghts", "weights", "ml", "fuzzy", "ml"),
        ("bondary spin netwrok state", "input-sample", "tqft", "fuzzy", "tqft"),
        ("intertwinner", "neuron", "tqft", "fuzzy", "tqft_synonyms"),
        ("architecture", "neuron", "ml", "tag", "tags"),
    ],
)
def test_lookup_finds_the_entry_from_either_side(fixture_dict, term, entry_id, direction, kind, field):
    m = first(term, fixture_dict)
    assert (m.entry.id, m.direction, m.kind, m.field) == (entry_id, direction, kind, field)
    expected_arrow = "ML -> TQFT" if direction == "ml" else "TQFT -> ML"
    assert m.arrow == expected_arrow
    ml, tq = m.entry.ml, m.entry.tqft
    assert (m.source_name, m.target_name) == ((ml, tq) if direction == "ml" else (tq, ml))


def test_a_typo_finds_every_neuron_entry_and_the_exact_one_first(fixture_dict):
    found = [m.entry.id for m in lookup("nueron", dictionary=fixture_dict)]
    assert found[0] == "neuron"
    exact = [m.entry.id for m in lookup("neuron", dictionary=fixture_dict)]
    # the exact name, then the entries whose explanation mentions neurons
    assert exact == ["neuron", "input-sample", "weights"]
    kinds = [m.kind for m in lookup("neuron", dictionary=fixture_dict)]
    assert kinds == ["exact", "text", "text"]


def test_direction_restricts_the_side(fixture_dict):
    assert first("vertex", fixture_dict, direction="tqft").entry.id == "neuron"
    for m in lookup("vertex", dictionary=fixture_dict, direction="ml"):
        assert m.direction == "ml" and not m.field.startswith("tqft")
    assert lookup("spin-network node", dictionary=fixture_dict, direction="ml", cutoff=0.66) == []
    # weak matches take the requested side
    assert first("architecture", fixture_dict, direction="tqft").direction == "tqft"


def test_filters_and_their_errors(fixture_dict):
    d = fixture_dict
    assert [m.entry.id for m in lookup("weight", dictionary=d, source="M2")] == ["weights"]
    assert lookup("parameter", dictionary=d, source="L") == []
    assert {m.entry.id for m in lookup("minimal cut", dictionary=d, source="l")} == {"correlation-capacity"}
    assert all(m.entry.status == "theorem" for m in lookup("state", dictionary=d, status="theorem"))
    assert [m.entry.id for m in lookup("neuron", dictionary=d, tags=["parameters", "graph"])] == ["weights"]
    assert [e.id for e in d.select(status="conjecture")] == ["overfitting", "weights"]
    assert [e.id for e in d.select(source="M3", tags="data")] == ["input-sample"]
    with pytest.raises(InvalidArgumentError, match=r"source = 'M5' is not a paper key; allowed: M, M2, M3, M4, L"):
        lookup("neuron", dictionary=d, source="M5")
    with pytest.raises(InvalidArgumentError, match=r"status = 'proven' is not allowed; allowed: 'theorem'"):
        lookup("neuron", dictionary=d, status="proven")
    with pytest.raises(InvalidArgumentError, match=r"tag = 'nope' is not used by any entry; tags in use: architecture"):
        lookup("neuron", dictionary=d, tags="nope")
    with pytest.raises(InvalidArgumentError, match=r"direction = 'up' is not allowed; allowed: 'both', 'ml', 'tqft'"):
        lookup("neuron", dictionary=d, direction="up")
    for bad in ({"limit": 0}, {"limit": 1.5}, {"limit": True}, {"cutoff": 1.5}, {"cutoff": "x"}):
        with pytest.raises(InvalidArgumentError, match=next(iter(bad))):
            lookup("neuron", dictionary=d, **bad)
    with pytest.raises(InvalidArgumentError, match=r"term = 3 is a int; expected a string"):
        lookup(3, dictionary=d)  # type: ignore[arg-type]


def test_ranking_bands(fixture_dict):
    """Exact > synonym > phrase > fuzzy; tag and text are weaker than any name match."""
    order = ["exact", "synonym", "phrase", "fuzzy"]
    seen: dict[str, list[float]] = {}
    for term in ("neuron", "vertex", "node", "spin network", "nueron", "minimal cut", "spin lable", "graph", "links"):
        matches = lookup(term, dictionary=fixture_dict, limit=None, cutoff=0)
        for m in matches:
            seen.setdefault(m.kind, []).append(m.score)
    for better, worse in itertools.pairwise(order):
        assert min(seen[better]) > max(seen[worse]), (better, worse)
    assert max(seen["tag"] + seen["text"]) < min(seen["phrase"])
    assert seen["exact"] == [1.0] * len(seen["exact"])


def test_limit_no_match_and_suggestions(fixture_dict):
    assert len(lookup("network", dictionary=fixture_dict, limit=1)) == 1
    assert lookup("xylophone", dictionary=fixture_dict) == []
    assert lookup("", dictionary=fixture_dict) == [] and lookup(" -- ", dictionary=fixture_dict) == []
    assert suggest("nodes of spin networks", 2, dictionary=fixture_dict)[0] == "spin-network node"
    assert len(suggest("xylophone", 3, dictionary=fixture_dict)) == 3


def test_normalisation():
    assert tokens("Neurons") == ("neuron",) and tokens("classes") == ("class",)
    assert tokens("biases") == ("bias",) and tokens("bias") == ("bias",)
    assert tokens("boundary_states/edges") == ("boundary", "state", "edge")
    assert tokens("the") == ("the",)  # only stop words: keep them
    assert normalise("Matrices of the vertices") == "matrix vertex"


@settings(max_examples=150)
@given(st.text(max_size=40), st.sampled_from(["both", "ml", "tqft"]), st.integers(1, 8))
def test_lookup_never_raises_and_returns_sorted_scores(fixture_dict, term, direction, limit):
    matches = lookup(term, dictionary=fixture_dict, direction=direction, limit=limit)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0.3 <= s <= 1 for s in scores) and len(matches) <= limit
    assert len({m.entry.id for m in matches}) == len(matches)
    if direction != "both":
        assert all(m.direction == direction for m in matches)
    assert isinstance(suggest(term, dictionary=fixture_dict), list)


@settings(max_examples=60)
@given(st.sampled_from(FIXTURE), st.sampled_from(["ml", "tqft"]), st.sampled_from([str.upper, str.title, str.lower]))
def test_every_name_finds_its_entry_first_in_any_case(fixture_dict, data, side, case):
    m = first(case(data[side]) + "s", fixture_dict)  # a plural too
    assert m.entry.id == data["id"] and m.score >= 0.95


# ------------------------------------------------------------------- the command


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["lookup", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_text_both_directions(capsys, fixture_dir):
    code, out, _ = run_cli(capsys, "neuron", "--path", str(fixture_dir))
    assert code == 0
    assert out.splitlines()[0] == "neuron  ->  spin-network node    [analogy, ML -> TQFT]"
    for part in (
        "sources:    (M) Sec. 2",
        r"formula:    \langle \Psi | P | \Phi \rangle",
        "Two equal numbers are equal.",
        "matched:    ml 'neuron' (exact, score 1.00)",
        "A node of the spin network joins",
    ):
        assert part in out
    code, out, _ = run_cli(capsys, "spin", "network", "node", "--path", str(fixture_dir), "--limit", "1")
    assert code == 0 and out.splitlines()[0] == "spin-network node  ->  neuron    [analogy, TQFT -> ML]"
    assert "matched:    tqft 'spin-network node'" in out


def test_cli_json(capsys, fixture_dir):
    code, out, _ = run_cli(capsys, "vertex", "--path", str(fixture_dir), "--json", "--direction", "tqft")
    payload = json.loads(out)
    assert code == 0 and payload["query"] == "vertex" and payload["direction"] == "tqft"
    top = payload["matches"][0]
    assert (top["id"], top["arrow"], top["from"], top["to"]) == ("neuron", "TQFT -> ML", "spin-network node", "neuron")
    assert top["matched_field"] == "tqft_synonyms" and top["kind"] == "synonym" and top["entry"]["status"] == "analogy"
    code, out, _ = run_cli(capsys, "xylophone", "--path", str(fixture_dir), "--json")
    payload = json.loads(out)
    assert code == 0 and payload["matches"] == [] and len(payload["suggestions"]) == 5


def test_cli_no_match_suggests(capsys, fixture_dir):
    code, out, _ = run_cli(capsys, "xylophone", "--path", str(fixture_dir))
    assert code == 0 and out.startswith("no entry matches 'xylophone'; closest names: ")


def test_cli_run_witness_pass_fail_and_raise(capsys, fixture_dir):
    code, out, _ = run_cli(capsys, "neuron", "--run-witness", "--path", str(fixture_dir), "--limit", "1")
    assert code == 0 and "result:     PASS (witness run)" in out and "lhs = 2" in out and "rhs = 2" in out
    code, out, _ = run_cli(capsys, "overfitting", "--run-witness", "--path", str(fixture_dir), "--limit", "1")
    assert code == 1 and "result:     FAIL (witness run)" in out and "lhs = 1" in out and "1 FAILED" in out
    code, out, _ = run_cli(
        capsys, "generalisation", "--run-witness", "--path", str(fixture_dir), "--json", "--limit", "1"
    )
    payload = json.loads(out)
    assert code == 1 and payload["failed"] == 1
    assert payload["matches"][0]["witness_result"] == {
        "passed": False,
        "lhs": "raised RuntimeError: boom",
        "rhs": "a CheckResult",
    }


def test_cli_long_witness_sides_are_shortened_in_text_only(capsys, tmp_path, witness_module):
    source = (
        "from tqft.identities.core import CheckResult\n\ndef long():\n    return CheckResult(True, 'x' * 1000, 1)\n"
    )
    (witness_module / "tqft_dictionary_fixture_long.py").write_text(source)
    function = {"function": "tqft_dictionary_fixture_long.long", "claim": "c"}
    write_folder(tmp_path, [entry_data("neuron", "neuron", "node", witness=function)])
    code, out, _ = run_cli(capsys, "neuron", "--run-witness", "--path", str(tmp_path))
    assert code == 0 and 400 <= out.count("x") < 500  # 400 shown, of 1000
    assert "(1000 characters; --json shows all)" in " ".join(out.split())
    code, out, _ = run_cli(capsys, "neuron", "--run-witness", "--json", "--path", str(tmp_path))
    assert code == 0 and json.loads(out)["matches"][0]["witness_result"]["lhs"] == "x" * 1000


def test_cli_list(capsys, fixture_dir):
    code, out, _ = run_cli(capsys, "--list", "--path", str(fixture_dir))
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(FIXTURE) + 1 and lines[-1] == f"{len(FIXTURE)} entries"
    assert lines[0].split()[:2] == ["correlation-capacity", "theorem"]
    code, out, _ = run_cli(capsys, "--list", "--source", "M2", "--status", "conjecture", "--path", str(fixture_dir))
    assert code == 0 and out.splitlines()[0].startswith("weights") and out.splitlines()[-1] == "1 entries"
    code, out, _ = run_cli(capsys, "--list", "--json", "--tag", "graph", "--path", str(fixture_dir))
    payload = json.loads(out)
    assert code == 0 and payload["count"] == 2 and [e["id"] for e in payload["entries"]] == ["neuron", "weights"]
    code, out, _ = run_cli(capsys, "--list", "--run-witness", "--path", str(fixture_dir))
    assert code == 1 and "2 witness(es) FAILED" in out and "PASS  neuron" in out and "FAIL  overfitting" in out
    code, out, _ = run_cli(capsys, "--list", "--run-witness", "--tag", "graph", "--json", "--path", str(fixture_dir))
    assert code == 0 and all(e["witness_result"]["passed"] for e in json.loads(out)["entries"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["neuron", "--source", "X"], "source = 'X' is not a paper key; allowed: M, M2, M3, M4, L"),
        (["neuron", "--status", "proven"], "status = 'proven' is not allowed"),
        (["neuron", "--tag", "nope"], "tag = 'nope' is not used by any entry"),
        (["neuron", "--limit", "0"], "limit = 0 must be a positive integer"),
        (["neuron", "--cutoff", "2"], "cutoff = 2.0 must be a number between 0 and 1"),
        ([], "give a TERM to look up"),
        (["neuron", "--list"], "give either a TERM ('neuron') or --list, not both"),
        (["neuron", "--direction", "up"], "invalid choice: 'up'"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(capsys, fixture_dir, argv, message):
    code, out, err = run_cli(capsys, *argv, "--path", str(fixture_dir))
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_cli_malformed_folder_exits_2(capsys, tmp_path):
    (tmp_path / "neuron.toml").write_text(to_toml(with_(status="fact")))
    code, _, err = run_cli(capsys, "neuron", "--path", str(tmp_path))
    assert code == 2 and "neuron.toml: status = 'fact' is not allowed" in err
    code, _, err = run_cli(capsys, "neuron", "--path", str(tmp_path / "nowhere"))
    assert code == 2 and "is not a folder" in err


# ------------------------------------------------------------------- tqft verify


def test_identity_reports_failing_and_raising_witnesses(monkeypatch, fixture_dict):
    import tqft.identities.dictionary as identity_module

    monkeypatch.setattr(identity_module, "entries", lambda: fixture_dict.entries)
    identity = get("dictionary_witnesses")
    cases = list(identity.cases())
    assert len(cases) == len(FIXTURE)
    report = run_identity_cases("dictionary_witnesses", cases)
    assert (report.cases, report.passed) == (len(FIXTURE), len(FIXTURE) - 2)
    failures = {lhs.split(":")[0]: (lhs, rhs) for _, lhs, rhs in report.failures}
    assert failures["overfitting"] == ("overfitting: 1", "overfitting: 2")
    assert failures["generalisation"][0] == "generalisation: raised RuntimeError: boom"
    with pytest.raises(InvalidArgumentError, match="violates the domain"):
        identity(len(FIXTURE) + 1)


def test_identity_reports_a_dictionary_that_does_not_load(monkeypatch, tmp_path):
    (tmp_path / "neuron.toml").write_text(to_toml(with_(status="fact")))
    monkeypatch.setattr("tqft.dictionary.load", lambda: load(tmp_path))
    identity = get("dictionary_witnesses")
    assert list(identity.cases()) == [(0,)]
    result = identity.check(0)
    assert not result.passed and "status = 'fact' is not allowed" in result.rhs


# ------------------------------------------------------------------- packaging


def test_pyproject_maps_the_dictionary_into_the_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"] == {"tqft.dictionary.entries": "dictionary"}
    assert config["package-data"]["tqft.dictionary.entries"] == ["*.toml"]
    assert PACKAGED.is_dir() and not list(PACKAGED.glob("*.toml"))  # only the placeholder note


def test_the_build_ships_every_entry_and_loads_them_outside_the_checkout(tmp_path):
    """Run setuptools' build_py (what a wheel is zipped from) and sdist on a copy of the
    sources, then import the built package from another folder and load the dictionary."""
    import shutil

    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "tqft", src / "tqft", ignore=ignore)
    shutil.copytree(ROOT / "dictionary", src / "dictionary", ignore=ignore)
    probe_entry = entry_data("zz-build-probe", "build probe", "packaged entry", related=[])
    probe_entry["witness"]["function"] = "tqft.spins.colour"
    (src / "dictionary" / "zz-build-probe.toml").write_text(to_toml(probe_entry))
    expected = {p.name for p in ENTRY_FILES} | {"zz-build-probe.toml"}
    site, sdist = tmp_path / "site", tmp_path / "sdist"
    setup = "import setuptools; setuptools.setup()"
    for command in (["build_py", "--build-lib", str(site)], ["sdist", "--dist-dir", str(sdist), "--formats", "zip"]):
        proc = subprocess.run(
            [sys.executable, "-c", setup, *command], cwd=src, capture_output=True, text=True, timeout=300
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    entries = site / "tqft" / "dictionary" / "entries"
    assert {p.name for p in entries.glob("*.toml")} == expected
    assert (entries / "README.md").exists() and (site / "tqft" / "dictionary" / "lookup.py").exists()
    with zipfile.ZipFile(next(sdist.glob("*.zip"))) as zf:
        names = {n.split("/", 1)[1] for n in zf.namelist()}
    assert {f"dictionary/{name}" for name in expected} <= names
    assert "tqft/dictionary/entries/README.md" in names  # so a wheel built from the sdist finds the package
    probe = (
        "import json, tqft.dictionary as d; "
        "print(json.dumps([str(d.default_path()), d.load().ids, [m.entry.id for m in d.lookup('build probe')]]))"
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=outside, capture_output=True, text=True, env=env, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    path, ids, found = json.loads(proc.stdout)
    assert Path(path) == entries
    assert ids == sorted(name.removesuffix(".toml") for name in expected)
    assert found[0] == "zz-build-probe"
