"""Looking a term up in the dictionary, from either side, with synonyms and typos.

:func:`lookup` scores every entry against a term and returns the best :class:`Match`
objects.  A term that matches the ML side (``ml``, ``ml_synonyms``) returns the entry read
*ML -> TQFT*; a term that matches the TQFT side (``tqft``, ``tqft_synonyms``) returns it
read *TQFT -> ML*.

Normalisation
-------------
Both the term and the names are lower-cased; hyphens, underscores, slashes and other
punctuation become spaces; a few stop words are dropped; and each word is reduced to a
singular by light rules (``neurons`` -> ``neuron``, ``classes`` -> ``class``,
``vertices`` -> ``vertex``).  Both sides go through the same function, so the rules only
need to be consistent, not linguistically complete.

Scores
------
Scores lie in ``[0, 1]`` and come in bands, so that a better kind of match always ranks
above a worse one:

=========================  =======================  ===============================
kind                       score                    example (name ``neuron``)
=========================  =======================  ===============================
exact name                 1.00                     ``Neurons``
exact synonym              0.95                     a synonym equal to the term
phrase                     0.70 - 0.90              ``neuron`` in ``neuron output``
fuzzy                      below 0.65               ``nueron`` (difflib ratio 0.83)
tag                        0.45 - 0.50              the term is a tag
text                       up to 0.40               the explanation says ``neurons``
=========================  =======================  ===============================

*Phrase*: every word of one side occurs among the words of the other; the score grows
with the share of common words.  *Fuzzy*: each word of the term is aligned with its most
similar word of the name (:class:`difflib.SequenceMatcher` ratio, at least 0.75, words of
four letters or more); the score is ``0.65`` times the mean aligned ratio over the words
of the term, lowered slightly when the name has words the term does not cover, or
``0.65`` times the ratio of the whole strings when that is at least 0.75 and larger.
Synonyms score 0.98 times a primary name in the phrase and fuzzy bands.  Tags and the
explanation are the weak signals: a tag scores 0.5 when it equals the term and 0.45 when
it contains every word; the explanation scores ``0.4`` times the mean over the words of
the term of their best ratio against its words (exact, or at least 0.8), so a typo
finds the entries that mention the word too.  Weak matches are read from the ML side (or
from the side ``direction`` asks for).  Each entry appears at most once, with its best
match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ..errors import InvalidArgumentError
from .loader import Dictionary, load
from .schema import DIRECTIONS, Entry

__all__ = ["Match", "lookup", "normalise", "suggest", "tokens"]

_STOP = frozenset("a an the of and or in on to for by with as at is are be its it this that from into via per".split())
_IRREGULAR = {
    "vertices": "vertex",
    "matrices": "matrix",
    "indices": "index",
    "simplices": "simplex",
    "analyses": "analysis",
    "bases": "basis",
}
_KEEP_S = ("ss", "us", "is", "as")
_PUNCT = re.compile(r"[^\w]+|_")

#: score bands (see the module docstring)
EXACT, SYNONYM = 1.0, 0.95
PHRASE_LOW, PHRASE_SPAN = 0.70, 0.20
FUZZY = 0.65
SYNONYM_FACTOR = 0.98
TAG_EXACT, TAG_PART = 0.50, 0.45
TEXT = 0.40
TOKEN_RATIO, TEXT_RATIO, WHOLE_RATIO = 0.75, 0.8, 0.75
#: the default minimum score of a reported match
CUTOFF = 0.3


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("xes", "ches", "shes", "zes")) or (word.endswith("es") and word[:-2].endswith(_KEEP_S)):
        return word[:-2]
    return word[:-1]


def tokens(text: str) -> tuple[str, ...]:
    """The normalised words of ``text``: lower case, punctuation and hyphens split, stop
    words dropped (unless nothing else is left), each word made singular.

    Examples
    --------
    >>> tokens("Spin-networks of the Neurons")
    ('spin', 'network', 'neuron')
    >>> tokens("vertices, classes & biases")
    ('vertex', 'class', 'bias')
    """
    words = [w for w in _PUNCT.split(text.lower()) if w]
    content = [w for w in words if w not in _STOP] or words
    return tuple(_singular(w) for w in content)


def normalise(text: str) -> str:
    """``" ".join(tokens(text))``: the form in which terms and names are compared.

    >>> normalise("  Boundary  Spin-Network STATES ")
    'boundary spin network state'
    """
    return " ".join(tokens(text))


@dataclass(frozen=True)
class Match:
    """One entry found by :func:`lookup`.

    Attributes
    ----------
    entry
        The entry.
    score
        In ``[0, 1]``; see the bands in :mod:`tqft.dictionary.lookup`.
    field
        Where the term matched: ``"ml"``, ``"ml_synonyms"``, ``"tqft"``,
        ``"tqft_synonyms"``, ``"tags"`` or ``"explanation"``.
    term
        The name, synonym or tag that matched (for ``"explanation"``: the words found).
    direction
        ``"ml"`` (read ML -> TQFT) or ``"tqft"`` (read TQFT -> ML).
    kind
        ``"exact"``, ``"synonym"``, ``"phrase"``, ``"fuzzy"``, ``"tag"`` or ``"text"``.
    """

    entry: Entry
    score: float
    field: str
    term: str
    direction: str
    kind: str

    @property
    def arrow(self) -> str:
        """``"ML -> TQFT"`` or ``"TQFT -> ML"``."""
        return "ML -> TQFT" if self.direction == "ml" else "TQFT -> ML"

    @property
    def source_name(self) -> str:
        """The side the term was found on (its primary name)."""
        return self.entry.sides(self.direction)[0]

    @property
    def target_name(self) -> str:
        """The other side: what the term translates to."""
        return self.entry.sides(self.direction)[1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: the match fields and the entry's :meth:`~tqft.dictionary.schema.Entry.to_dict`."""
        return {
            "id": self.entry.id,
            "score": round(self.score, 4),
            "direction": self.direction,
            "arrow": self.arrow,
            "from": self.source_name,
            "to": self.target_name,
            "matched_field": self.field,
            "matched_term": self.term,
            "kind": self.kind,
            "entry": self.entry.to_dict(),
        }

    def __str__(self) -> str:
        return f"{self.source_name} -> {self.target_name}  ({self.arrow}, {self.kind} {self.field} {self.term!r})"


@dataclass(frozen=True)
class _Name:
    text: str
    words: tuple[str, ...]
    joined: str
    field: str
    direction: str
    primary: bool


@dataclass(frozen=True)
class _Indexed:
    entry: Entry
    names: tuple[_Name, ...]
    tags: tuple[tuple[str, tuple[str, ...]], ...]
    text: frozenset[str]


def _index(dictionary: Dictionary) -> tuple[_Indexed, ...]:
    if dictionary._index is None:
        out = []
        for e in dictionary:
            names = []
            for fld, direction, values in (
                ("ml", "ml", (e.ml,)),
                ("ml_synonyms", "ml", e.ml_synonyms),
                ("tqft", "tqft", (e.tqft,)),
                ("tqft_synonyms", "tqft", e.tqft_synonyms),
            ):
                for v in values:
                    words = tokens(v)
                    names.append(_Name(v, words, " ".join(words), fld, direction, fld in ("ml", "tqft")))
            tags = tuple((t, tokens(t)) for t in e.tags)
            out.append(_Indexed(e, tuple(names), tags, frozenset(tokens(e.explanation))))
        dictionary._index = tuple(out)
    return dictionary._index  # type: ignore[no-any-return]


def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) < 4 or len(b) < 4:
        return 0.0
    m = SequenceMatcher(None, a, b)
    if m.real_quick_ratio() < TOKEN_RATIO or m.quick_ratio() < TOKEN_RATIO:
        return 0.0
    return m.ratio()


def _score_name(words: tuple[str, ...], joined: str, name: _Name) -> tuple[float, str]:
    """Score and kind of the term (``words``, ``joined``) against one name."""
    if joined == name.joined:
        return (EXACT, "exact") if name.primary else (SYNONYM, "synonym")
    factor = 1.0 if name.primary else SYNONYM_FACTOR
    q, n = set(words), set(name.words)
    if n and (q <= n or n <= q):
        share = len(q & n) / max(len(q), len(n))
        return factor * (PHRASE_LOW + PHRASE_SPAN * share), "phrase"
    if not name.words:
        return 0.0, "fuzzy"
    aligned = [r for r in (max(_ratio(w, u) for u in name.words) for w in q) if r >= TOKEN_RATIO]
    by_words = 0.0
    if aligned:
        by_words = sum(aligned) / len(q) * (0.85 + 0.15 * min(1.0, len(aligned) / len(n)))
    m = SequenceMatcher(None, joined, name.joined)
    whole = m.ratio() if m.quick_ratio() >= WHOLE_RATIO else 0.0
    best = max(by_words, whole if whole >= WHOLE_RATIO else 0.0)
    return factor * FUZZY * best, "fuzzy"


def _best(item: _Indexed, words: tuple[str, ...], joined: str, direction: str) -> Match | None:
    best: Match | None = None

    def offer(score: float, field: str, term: str, side: str, kind: str) -> None:
        nonlocal best
        if score > 0 and (best is None or score > best.score):
            best = Match(item.entry, score, field, term, side, kind)

    for name in item.names:
        if direction in ("both", name.direction):
            score, kind = _score_name(words, joined, name)
            offer(score, name.field, name.text, name.direction, kind)
    weak_side = "tqft" if direction == "tqft" else "ml"
    q = set(words)
    for tag, tag_words in item.tags:
        if joined == " ".join(tag_words):
            offer(TAG_EXACT, "tags", tag, weak_side, "tag")
        elif q <= set(tag_words):
            offer(TAG_PART, "tags", tag, weak_side, "tag")
    found: dict[str, float] = {}  # explanation word -> its ratio to a word of the term
    for w in q:
        ratio, word = (1.0, w) if w in item.text else max(((_ratio(w, u), u) for u in item.text), default=(0.0, ""))
        if ratio >= TEXT_RATIO:
            found[word] = max(found.get(word, 0.0), ratio)
    if found:
        offer(TEXT * sum(found.values()) / len(q), "explanation", " ".join(sorted(found)), weak_side, "text")
    return best


_KIND_ORDER = {"exact": 0, "synonym": 1, "phrase": 2, "fuzzy": 3, "tag": 4, "text": 5}


def lookup(
    term: str,
    *,
    direction: str = "both",
    source: str | None = None,
    status: str | None = None,
    tags: str | Sequence[str] | None = None,
    limit: int | None = 10,
    cutoff: float = CUTOFF,
    dictionary: Dictionary | None = None,
) -> list[Match]:
    """Find the entries whose ML or TQFT side (or tags, or explanation) matches ``term``.

    Parameters
    ----------
    term
        Any text: a name, a synonym, a plural, a typo.
    direction
        ``"both"`` (default), ``"ml"`` (the term is an ML concept: read ML -> TQFT) or
        ``"tqft"`` (the term is a TQFT concept: read TQFT -> ML).
    source
        Keep entries citing this paper (``"M"``, ``"M2"``, ``"M3"``, ``"M4"``, ``"L"``).
    status
        Keep entries with this status (``"theorem"``, ``"conjecture"``, ``"analogy"``).
    tags
        Keep entries carrying every one of these tags.
    limit
        At most this many matches (``None``: all).
    cutoff
        Minimum score in ``[0, 1]`` (default 0.3, which admits the fuzzy band but not a
        stray word of an explanation).
    dictionary
        Where to look (default: :func:`~tqft.dictionary.loader.load`).

    Returns
    -------
    list of Match
        Best first: by score, then kind of match, then id.  Empty when nothing matches
        (:func:`suggest` then gives the closest names).

    Raises
    ------
    InvalidArgumentError
        For a term that is not a string, an unknown direction, paper, status or tag, a
        limit below 1 or a cutoff outside ``[0, 1]``.

    Examples
    --------
    >>> from tqft.dictionary import Dictionary, Entry, Source, Witness
    >>> entry = Entry("neuron", "neuron", "spin-network node", "analogy", "A node joins links.", "v",
    ...               (Source("M", "Sec. 2"),), Witness("tqft.spins.colour", "c"),
    ...               ml_synonyms=("unit",), tqft_synonyms=("vertex",), tags=("architecture",))
    >>> d = Dictionary([entry])
    >>> [(m.arrow, m.kind, m.score) for m in lookup("Neurons", dictionary=d)]
    [('ML -> TQFT', 'exact', 1.0)]
    >>> m = lookup("vertices", dictionary=d)[0]
    >>> m.arrow, m.target_name, m.kind
    ('TQFT -> ML', 'neuron', 'synonym')
    >>> lookup("nueron", dictionary=d)[0].kind
    'fuzzy'
    >>> lookup("vertex", direction="ml", dictionary=d)
    []
    """
    if not isinstance(term, str):
        raise InvalidArgumentError(f"term = {term!r} is a {type(term).__name__}; expected a string")
    if direction not in DIRECTIONS:
        raise InvalidArgumentError(
            f"direction = {direction!r} is not allowed; allowed: {', '.join(repr(d) for d in DIRECTIONS)}"
        )
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise InvalidArgumentError(f"limit = {limit!r} must be a positive integer or None")
    if not isinstance(cutoff, int | float) or not 0 <= cutoff <= 1:
        raise InvalidArgumentError(f"cutoff = {cutoff!r} must be a number between 0 and 1")
    d = load() if dictionary is None else dictionary
    keep = {e.id for e in d.select(source=source, status=status, tags=tags)}
    words = tokens(term)
    if not words:
        return []
    joined = " ".join(words)
    matches = []
    for item in _index(d):
        if item.entry.id in keep:
            match = _best(item, words, joined, direction)
            if match is not None and match.score >= cutoff:
                matches.append(match)
    matches.sort(key=lambda m: (-m.score, _KIND_ORDER[m.kind], m.entry.id))
    return matches if limit is None else matches[:limit]


def suggest(term: str, n: int = 5, *, dictionary: Dictionary | None = None) -> list[str]:
    """The ``n`` names (ML or TQFT, primary or synonym) closest to ``term`` as strings,
    for a "did you mean" when :func:`lookup` finds nothing.

    Examples
    --------
    >>> from tqft.dictionary import Dictionary, Entry, Source, Witness
    >>> e = Entry("neuron", "neuron", "spin-network node", "analogy", "x", "v",
    ...           (Source("M", "Sec. 2"),), Witness("a.b", "c"))
    >>> suggest("spin node", 1, dictionary=Dictionary([e]))
    ['spin-network node']
    """
    d = load() if dictionary is None else dictionary
    joined = normalise(term) if isinstance(term, str) else ""
    scored: dict[str, float] = {}
    for item in _index(d):
        for name in item.names:
            ratio = SequenceMatcher(None, joined, name.joined).ratio()
            scored[name.text] = max(scored.get(name.text, 0.0), ratio)
    return [name for name, _ in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))[: max(n, 0)]]
