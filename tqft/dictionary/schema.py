"""The schema of one dictionary entry, and its validation.

An entry is one TOML file ``dictionary/<id>.toml`` (read with :mod:`tomllib`)::

    id = "input-sample"                      # kebab-case, equal to the file stem
    ml = "input sample"                      # the ML concept (short name)
    tqft = "boundary spin-network state"     # the TQFT / physics counterpart
    status = "theorem"                       # "theorem", "conjecture" or "analogy"
    explanation = \"\"\"Two to six sentences in our own words.\"\"\"
    formula = '''\\langle \\Psi_{\\mathrm{out}} | P | \\Psi_{\\mathrm{in}} \\rangle'''
    ml_synonyms = ["data point", "example"]
    tqft_synonyms = ["boundary state"]
    tags = ["data", "boundary"]              # kebab-case
    related = ["forward-pass"]               # ids of other entries

    [[sources]]                              # at least one
    paper = "M2"                             # a key of PAPERS
    where = "Sec. 3, Eq. (33)"

    [witness]
    function = "tqft.dictionary.witnesses.input_sample"
    claim = "One sentence: what the witness checks."

``ml_synonyms``, ``tqft_synonyms`` and ``related`` may be omitted (empty); every other key
is required and no other key is allowed.  The formula is LaTeX without ``$`` delimiters.
A witness is a function of no arguments returning a
:class:`~tqft.identities.core.CheckResult` ``(passed, lhs, rhs)``; it is imported only
when it is run or checked (:meth:`Entry.witness_function`), so loading the dictionary
stays cheap.

:func:`validate_entry` checks one parsed file and returns an :class:`Entry`; every
violation raises :class:`~tqft.errors.DictionaryError` with the file, the key, the value
and what is allowed.  Checks across entries (``related`` ids exist) belong to
:class:`~tqft.dictionary.loader.Dictionary`.

References
----------
The paper keys are those of the package's reference list; :data:`PAPERS` holds the full
citations.
"""

from __future__ import annotations

import importlib
import re
import textwrap
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DictionaryError

if TYPE_CHECKING:
    from ..identities.core import CheckResult

__all__ = [
    "DIRECTIONS",
    "KEYS",
    "PAPERS",
    "STATUSES",
    "Entry",
    "Paper",
    "Source",
    "Witness",
    "resolve_witness",
    "validate_entry",
]


@dataclass(frozen=True)
class Paper:
    """A source paper of the dictionary: its key, authors, title, venue and a link."""

    key: str
    authors: str
    title: str
    venue: str
    url: str

    @property
    def citation(self) -> str:
        """The full citation, e.g. ``Levine, Yakira, Cohen, Shashua, "Deep Learning ...", ICLR 2018 ...``."""
        return f'{self.authors}, "{self.title}", {self.venue}'


#: the source papers, by the key an entry's ``[[sources]]`` table uses
PAPERS: dict[str, Paper] = {
    p.key: p
    for p in (
        Paper(
            "M",
            "A. Marcianò, D. Chen, F. Fabrocini, C. Fields, E. Greco, N. Gresnigt, K. Jinklub, M. Lulli, "
            "K. Terzidis, E. Zappala",
            "Deep Neural Networks as the Semi-classical Limit of Quantum Neural Networks",
            "arXiv:2007.00142; published as Quantum neural networks and topological quantum field theories, "
            "Neural Networks 153 (2022) 164",
            "https://arxiv.org/abs/2007.00142",
        ),
        Paper(
            "M2",
            "A. Marcianò, E. Zappala, T. Torda, M. Lulli, S. Giagu, C. Fields, D. Chen, F. Fabrocini",
            "Deep Neural Networks as the Semi-classical Limit of Topological Quantum Neural Networks: "
            "The problem of generalisation",
            "arXiv:2210.13741",
            "https://arxiv.org/abs/2210.13741",
        ),
        Paper(
            "M3",
            "M. Lulli, A. Marcianò, E. Zappala",
            "Exact evaluation of hexagonal spin-networks and topological quantum neural networks",
            "arXiv:2310.03632",
            "https://arxiv.org/abs/2310.03632",
        ),
        Paper(
            "M4",
            "C. Fields, J. F. Glazebrook, A. Marcianò",
            "Sequential measurements, TQFTs, and TQNNs",
            "Fortschr. Phys. 70 (2022) 2200104",
            "https://doi.org/10.1002/prop.202200104",
        ),
        Paper(
            "L",
            "Y. Levine, D. Yakira, N. Cohen, A. Shashua",
            "Deep Learning and Quantum Entanglement: Fundamental Connections with Implications to Network Design",
            "ICLR 2018, arXiv:1704.01552",
            "https://arxiv.org/abs/1704.01552",
        ),
    )
}

#: the allowed statuses and what each promises
STATUSES: dict[str, str] = {
    "theorem": "proved (in the source or here); the witness checks an instance exactly",
    "conjecture": "claimed by a source and supported by the witness on examples, not proved",
    "analogy": "a structural correspondence for intuition; the witness checks the shared structure",
}

#: the reading directions of a correspondence: from the ML side, from the TQFT side, or either
DIRECTIONS: tuple[str, ...] = ("both", "ml", "tqft")

#: every key an entry file may have, and whether it is required
KEYS: dict[str, bool] = {
    "id": True,
    "ml": True,
    "tqft": True,
    "status": True,
    "explanation": True,
    "formula": True,
    "ml_synonyms": False,
    "tqft_synonyms": False,
    "tags": True,
    "related": False,
    "sources": True,
    "witness": True,
}

_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
_SOURCE_KEYS = ("paper", "where")
_WITNESS_KEYS = ("function", "claim")


@dataclass(frozen=True)
class Source:
    """Where in a paper a correspondence is stated: the paper key and the place."""

    paper: str
    where: str

    @property
    def citation(self) -> str:
        """The paper's full citation followed by the place."""
        return f"{PAPERS[self.paper].citation}, {self.where}"

    def __str__(self) -> str:
        return f"({self.paper}) {self.where}"


@dataclass(frozen=True)
class Witness:
    """The executable witness of an entry: a dotted function path and the claim it checks."""

    function: str
    claim: str


def _fail(path: Path | str, key: str, value: Any, problem: str) -> DictionaryError:
    return DictionaryError(f"{path}: {key} = {value!r} {problem}")


def _text(path: Path | str, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(path, key, value, f"is a {type(value).__name__}; expected a non-empty string")
    if not value.strip():
        raise _fail(path, key, value, "is empty; expected a non-empty string")
    return value.strip()


def _kebab(path: Path | str, key: str, value: Any) -> str:
    text = _text(path, key, value)
    if not _KEBAB.fullmatch(text):
        raise _fail(path, key, value, "is not kebab-case; expected lower-case words joined by '-', e.g. 'input-sample'")
    return text


def _strings(path: Path | str, key: str, value: Any, item: Callable[[Path | str, str, Any], str]) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _fail(path, key, value, f"is a {type(value).__name__}; expected a list of strings")
    out = tuple(item(path, f"{key}[{k}]", v) for k, v in enumerate(value))
    seen: set[str] = set()
    for k, v in enumerate(out):
        if v.lower() in seen:
            raise _fail(path, f"{key}[{k}]", v, "repeats an earlier item; expected distinct items")
        seen.add(v.lower())
    return out


def _table_list(path: Path | str, key: str, value: Any) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not value:
        raise _fail(path, key, value, "must be a non-empty array of tables ([[sources]] with paper and where)")
    for k, v in enumerate(value):
        if not isinstance(v, dict):
            raise _fail(path, f"{key}[{k}]", v, "is not a table; expected paper = ... and where = ...")
    return value


def _exact_keys(path: Path | str, key: str, table: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for k in table:
        if k not in allowed:
            raise _fail(path, f"{key}.{k}", table[k], f"is not an allowed key; allowed keys: {', '.join(allowed)}")
    for k in allowed:
        if k not in table:
            raise DictionaryError(f"{path}: {key}.{k} is missing; {key} needs the keys {', '.join(allowed)}")


def _formula(path: Path | str, value: Any) -> str:
    text = _text(path, "formula", value)
    if "$" in text:
        raise _fail(path, "formula", value, "contains '$'; expected LaTeX without math delimiters")
    bare = text.replace("\\\\", "").replace("\\{", "").replace("\\}", "")
    depth = 0
    for ch in bare:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            break
    if depth != 0:
        raise _fail(path, "formula", value, "has unbalanced braces; expected every '{' closed by a '}'")
    return text


def validate_entry(data: Mapping[str, Any], path: Path | str) -> Entry:
    """Check one parsed entry file against the schema and return it as an :class:`Entry`.

    Parameters
    ----------
    data
        The table read from the file (``tomllib.load``).
    path
        The file; its stem must equal ``id``, and it is named in every error message.

    Returns
    -------
    Entry
        The entry, with ``path`` set.  Whether ``related`` ids exist and whether the
        witness imports are checked elsewhere (:class:`~tqft.dictionary.loader.Dictionary`,
        :meth:`Entry.witness_function`).

    Raises
    ------
    DictionaryError
        For a missing or unknown key, a value of the wrong type, an unknown status or
        paper, an id that is not kebab-case or not the file stem, an empty text, a formula
        with ``$`` or unbalanced braces, or a malformed witness path.

    Examples
    --------
    >>> data = {
    ...     "id": "neuron", "ml": "neuron", "tqft": "spin-network node", "status": "analogy",
    ...     "explanation": "A node joins links as a neuron joins inputs.", "formula": "v",
    ...     "tags": ["architecture"], "sources": [{"paper": "M", "where": "Sec. 2"}],
    ...     "witness": {"function": "tqft.spins.colour", "claim": "A node is coloured."},
    ... }
    >>> validate_entry(data, "dictionary/neuron.toml").tqft
    'spin-network node'
    >>> validate_entry({**data, "status": "fact"}, "dictionary/neuron.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tqft.errors.DictionaryError: dictionary/neuron.toml: status = 'fact' is not allowed; allowed: 'theorem', ...
    """
    path = Path(path)
    if not isinstance(data, Mapping):
        raise _fail(path, "<file>", data, "is not a TOML table")
    for key in data:
        if key not in KEYS:
            raise _fail(path, key, data[key], f"is not an allowed key; allowed keys: {', '.join(KEYS)}")
    for key, required in KEYS.items():
        if required and key not in data:
            raise DictionaryError(
                f"{path}: {key} is missing; required keys: {', '.join(k for k, r in KEYS.items() if r)}"
            )
    entry_id = _kebab(path, "id", data["id"])
    if entry_id != path.stem:
        raise _fail(path, "id", data["id"], f"differs from the file name; expected id = {path.stem!r}")
    status = _text(path, "status", data["status"])
    if status not in STATUSES:
        raise _fail(path, "status", data["status"], f"is not allowed; allowed: {', '.join(map(repr, STATUSES))}")
    tags = _strings(path, "tags", data["tags"], _kebab)
    if not tags:
        raise _fail(path, "tags", data["tags"], "is empty; expected at least one tag (the first one groups the entry)")
    related = _strings(path, "related", data.get("related", []), _kebab)
    if entry_id in related:
        raise _fail(path, "related", list(related), f"contains the entry itself ({entry_id!r})")
    sources = []
    for k, table in enumerate(_table_list(path, "sources", data["sources"])):
        _exact_keys(path, f"sources[{k}]", table, _SOURCE_KEYS)
        paper = _text(path, f"sources[{k}].paper", table["paper"])
        if paper not in PAPERS:
            raise _fail(
                path, f"sources[{k}].paper", table["paper"], f"is not a known paper; allowed: {', '.join(PAPERS)}"
            )
        sources.append(Source(paper, _text(path, f"sources[{k}].where", table["where"])))
    witness = data["witness"]
    if not isinstance(witness, dict):
        raise _fail(path, "witness", witness, "is not a table; expected [witness] with function and claim")
    _exact_keys(path, "witness", witness, _WITNESS_KEYS)
    function = _text(path, "witness.function", witness["function"])
    if not _DOTTED.fullmatch(function):
        raise _fail(path, "witness.function", function, "is not a dotted path; expected e.g. 'package.module.function'")
    return Entry(
        id=entry_id,
        ml=_text(path, "ml", data["ml"]),
        tqft=_text(path, "tqft", data["tqft"]),
        status=status,
        explanation=_text(path, "explanation", data["explanation"]),
        formula=_formula(path, data["formula"]),
        sources=tuple(sources),
        witness=Witness(function, _text(path, "witness.claim", witness["claim"])),
        ml_synonyms=_strings(path, "ml_synonyms", data.get("ml_synonyms", []), _text),
        tqft_synonyms=_strings(path, "tqft_synonyms", data.get("tqft_synonyms", []), _text),
        tags=tags,
        related=related,
        path=path,
    )


def resolve_witness(function: str, where: str = "") -> Callable[[], Any]:
    """Import the callable named by a dotted path such as ``"tqft.dictionary.witnesses.neuron"``.

    The longest importable module prefix is imported and the rest is looked up as
    attributes, so ``"package.module.Class.method"`` works too.  ``where`` prefixes the
    error message (the entry file and key).

    Raises
    ------
    DictionaryError
        When no prefix is an importable module, importing it fails, an attribute is
        missing, or the object is not callable.

    Examples
    --------
    >>> resolve_witness("tqft.spins.colour")("3/2")
    3
    >>> resolve_witness("tqft.spins.no_such_function")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tqft.errors.DictionaryError: witness.function = '...': module tqft.spins has no attribute 'no_such_function'
    """
    prefix = f"{where}: " if where else ""
    parts = function.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        name = ".".join(parts[:cut])
        try:
            obj: Any = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and (name == exc.name or name.startswith(exc.name + ".")):
                continue  # this prefix is not a module: try a shorter one
            raise DictionaryError(f"{prefix}witness.function = {function!r}: importing {name} failed: {exc}") from exc
        except Exception as exc:
            raise DictionaryError(f"{prefix}witness.function = {function!r}: importing {name} failed: {exc}") from exc
        owner = name
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                raise DictionaryError(
                    f"{prefix}witness.function = {function!r}: {_kind(obj)} {owner} has no attribute {attr!r}"
                )
            obj, owner = getattr(obj, attr), f"{owner}.{attr}"
        if not callable(obj):
            raise DictionaryError(
                f"{prefix}witness.function = {function!r}: {owner} is a {type(obj).__name__}, not a function"
            )
        return obj  # type: ignore[no-any-return]
    raise DictionaryError(f"{prefix}witness.function = {function!r}: no prefix of it is an importable module")


def _kind(obj: Any) -> str:
    return "module" if isinstance(obj, types.ModuleType) else "object"


@dataclass(frozen=True)
class Entry:
    """One correspondence between an ML concept and a TQFT concept.

    Attributes
    ----------
    id
        Kebab-case key, equal to the file stem.
    ml, tqft
        The two sides, as short names.
    status
        ``"theorem"``, ``"conjecture"`` or ``"analogy"`` (see :data:`STATUSES`).
    explanation
        Plain prose.
    formula
        LaTeX (no ``$``).
    sources
        Where the papers state it (:class:`Source`).
    witness
        The executable check (:class:`Witness`).
    ml_synonyms, tqft_synonyms, tags, related
        Other names of each side, kebab-case tags, ids of related entries.
    path
        The file the entry was read from (not part of equality).
    """

    id: str
    ml: str
    tqft: str
    status: str
    explanation: str
    formula: str
    sources: tuple[Source, ...]
    witness: Witness
    ml_synonyms: tuple[str, ...] = ()
    tqft_synonyms: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False, repr=False)

    @property
    def papers(self) -> tuple[str, ...]:
        """The distinct paper keys of the sources, in order."""
        return tuple(dict.fromkeys(s.paper for s in self.sources))

    def sides(self, direction: str = "ml") -> tuple[str, str]:
        """``(ml, tqft)`` when read from the ML side (``"ml"``), ``(tqft, ml)`` from the TQFT side."""
        if direction not in ("ml", "tqft"):
            raise DictionaryError(f"direction = {direction!r} is not allowed; allowed: 'ml', 'tqft'")
        return (self.ml, self.tqft) if direction == "ml" else (self.tqft, self.ml)

    def witness_function(self) -> Callable[[], Any]:
        """Import the witness (see :func:`resolve_witness`); raises :class:`~tqft.errors.DictionaryError`."""
        return resolve_witness(self.witness.function, f"{self.path or self.id}")

    def run_witness(self) -> CheckResult:
        """Call the witness and return its :class:`~tqft.identities.core.CheckResult`.

        Exceptions raised by the witness itself propagate; a witness that returns
        anything but a ``CheckResult`` raises :class:`~tqft.errors.DictionaryError`.
        """
        from ..identities.core import CheckResult

        result = self.witness_function()()
        if not isinstance(result, CheckResult):
            raise DictionaryError(
                f"{self.path or self.id}: witness.function = {self.witness.function!r} returned a "
                f"{type(result).__name__}; expected a CheckResult(passed, lhs, rhs)"
            )
        return result

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON-ready data (sources carry their full citations)."""
        return {
            "id": self.id,
            "ml": self.ml,
            "tqft": self.tqft,
            "status": self.status,
            "explanation": self.explanation,
            "formula": self.formula,
            "ml_synonyms": list(self.ml_synonyms),
            "tqft_synonyms": list(self.tqft_synonyms),
            "tags": list(self.tags),
            "related": list(self.related),
            "sources": [{"paper": s.paper, "where": s.where, "citation": s.citation} for s in self.sources],
            "witness": {"function": self.witness.function, "claim": self.witness.claim},
        }

    def describe(self, direction: str = "ml", width: int = 88) -> str:
        """Readable text: the two sides with an arrow (from the ``direction`` side), then
        status, sources, formula, synonyms, witness and the wrapped explanation."""
        left, right = self.sides(direction)
        arrow = "ML -> TQFT" if direction == "ml" else "TQFT -> ML"
        lines = [f"{left}  ->  {right}    [{self.status}, {arrow}]"]
        fields = [("id", self.id), ("sources", "; ".join(str(s) for s in self.sources)), ("formula", self.formula)]
        if self.ml_synonyms:
            fields.append(("ML also", ", ".join(self.ml_synonyms)))
        if self.tqft_synonyms:
            fields.append(("TQFT also", ", ".join(self.tqft_synonyms)))
        fields.append(("tags", ", ".join(self.tags)))
        if self.related:
            fields.append(("related", ", ".join(self.related)))
        fields.append(("witness", self.witness.function))
        for label, value in fields:
            if label == "formula":  # LaTeX is not wrapped
                lines.append(f"  {label + ':':11s} {value}")
            else:
                lines.extend(
                    textwrap.wrap(value, width, initial_indent=f"  {label + ':':11s} ", subsequent_indent=" " * 14)
                )
        lines.extend(textwrap.wrap(self.witness.claim, width, initial_indent=" " * 14, subsequent_indent=" " * 14))
        lines.extend(
            textwrap.wrap(" ".join(self.explanation.split()), width, initial_indent="  ", subsequent_indent="  ")
        )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe("ml")
