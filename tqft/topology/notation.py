"""Reading PD codes and braid words: a tokenizer and a recursive-descent parser (never ``eval``).

Accepted inputs
---------------
PD codes: ``"[[1,5,2,4],[3,1,4,6],[5,3,6,2]]"`` (KnotInfo), ``"{{1,5,2,4}, ...}"``
(LinkInfo), ``"X[1,5,2,4] X[3,1,4,6] X[5,3,6,2]"`` or ``"PD[X[1,5,2,4], ...]"``
(Mathematica ``KnotTheory```), and Python sequences of 4-sequences of ints.  The meaning
of the labels (KnotInfo / Knot Atlas convention) is in :mod:`tqft.topology.knots`, which
also checks that they describe a diagram.

Braid words: ``"1,1,1"``, ``"1 -2 1 -2"``, ``"{1,1,1}"``, ``"[1,-2,1,-2]"``, LinkInfo's
``"{3, {-2,-2,-1,2,-1}}"`` (strand count first), ``"BR[3, {1,-2}]"``, and sequences of
nonzero ints.  Letter ``i > 0`` is ``sigma_i``, a positive (right-handed) crossing of
strands ``i`` and ``i + 1``; ``-i`` is its inverse (KnotInfo, Knot Atlas ``BR``).

Text is split into integers, names and brackets (``[]``, ``{}`` and ``()`` are
interchangeable; commas, semicolons and blanks separate items); ``X[...]``, ``PD[...]``
and ``BR[...]`` read as plain lists, any other name is an error.

Examples
--------
>>> parse_pd("PD[X[1,5,2,4], X[3,1,4,6], X[5,3,6,2]]")
((1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2))
>>> parse_braid("BR[3, {1, -2}]")
Braid(word=(1, -2), strands=3)
>>> parse_pd("[[1,5,2,4],[3,1,4]]")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
tqft.topology.notation.KnotInputError: pd: crossing 1 = [3, 1, 4] has 3 labels; a crossing lists exactly 4
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidArgumentError

__all__ = ["Braid", "Crossing", "KnotInputError", "KnotTypeError", "parse_braid", "parse_pd"]

Crossing = tuple[int, int, int, int]


class KnotInputError(InvalidArgumentError):
    """A PD code or braid word is malformed; the message names the crossing or letter."""


class KnotTypeError(KnotInputError, TypeError):
    """A PD code or braid word was given as an object of a type that cannot hold one."""


# ---------------------------------------------------------------------------------------
# Reading text: tokens and nested lists
# ---------------------------------------------------------------------------------------
_TOKEN = re.compile(r"\s*(?:(?P<int>[+-]?\d+)|(?P<name>[A-Za-z_]\w*)|(?P<open>[\[{(])|(?P<close>[\]})])|(?P<sep>[,;]))")
_CLOSER = {"[": "]", "{": "}", "(": ")"}
_HEADS = {"X", "PD", "BR"}


class _CrossingList(list):  # type: ignore[type-arg]
    """The list read from ``X[...]``: marks text that is certainly a PD code."""


def _has_crossing_head(data: list[Any]) -> bool:
    return any(isinstance(x, _CrossingList) or (isinstance(x, list) and _has_crossing_head(x)) for x in data)


def _read_nested(text: str, what: str) -> list[Any]:
    """Read ``text`` into nested lists of ints; ``X[...]``, ``PD[...]``, ``BR[...]`` are plain lists."""
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise KnotInputError(f"{what} = {text!r}: unexpected character {text[pos:].lstrip()[:1]!r} at offset {pos}")
        kind = m.lastgroup
        assert kind is not None
        tokens.append((kind, m.group(kind), m.start(kind)))
        pos = m.end()

    index = 0

    def items(closer: str | None) -> list[Any]:
        nonlocal index
        out: list[Any] = []
        while index < len(tokens):
            kind, value, at = tokens[index]
            if kind == "close":
                if value != closer:
                    raise KnotInputError(f"{what} = {text!r}: unmatched {value!r} at offset {at}")
                index += 1
                return out
            index += 1
            if kind == "int":
                out.append(int(value))
            elif kind == "sep":
                continue
            elif kind == "open":
                out.append(items(_CLOSER[value]))
            else:  # a head such as X[...]
                if value not in _HEADS:
                    raise KnotInputError(
                        f"{what} = {text!r}: unknown name {value!r} at offset {at}; "
                        "only X[...], PD[...] and BR[...] are understood"
                    )
                if index >= len(tokens) or tokens[index][0] != "open":
                    raise KnotInputError(f"{what} = {text!r}: {value!r} at offset {at} must be followed by a bracket")
                index += 1
                inner = items(_CLOSER[tokens[index - 1][1]])
                out.append(_CrossingList(inner) if value == "X" else inner)
        if closer is not None:
            raise KnotInputError(f"{what} = {text!r}: missing {closer!r} at the end")
        return out

    return items(None)


def _as_int(value: Any, what: str) -> int:
    if type(value) is int:
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise KnotTypeError(f"{what} = {value!r} must be an int, not an object of type {type(value).__name__}")
    return int(value)


def _is_seq(x: Any) -> bool:
    """Lists, tuples and other sequences (numpy arrays too), but not strings."""
    if isinstance(x, Sequence):
        return not isinstance(x, str | bytes)
    return getattr(x, "ndim", 0) >= 1 and hasattr(x, "__len__")


def parse_pd(pd: Any) -> tuple[Crossing, ...]:
    """Read a PD code into a tuple of crossings ``(a, b, c, d)`` (syntax only).

    Parameters
    ----------
    pd : str or sequence
        ``"[[1,5,2,4],...]"``, ``"{{1,5,2,4},...}"``, ``"X[1,5,2,4] X[3,1,4,6] ..."``,
        ``"PD[X[...], ...]"`` or a sequence of 4-sequences of ints.

    Returns
    -------
    tuple of 4-tuples of int

    Raises
    ------
    KnotInputError
        Unreadable text, or a crossing without exactly four labels (the message names
        the crossing's index and labels).
    KnotTypeError
        ``pd`` is neither a string nor a sequence, or a label is not an int.

    Notes
    -----
    This checks the shape only; :class:`LinkDiagram` checks that the labels describe a
    diagram (each label twice, consecutive labels per component, planarity).

    Examples
    --------
    >>> parse_pd("X[1,5,2,4] X[3,1,4,6] X[5,3,6,2]")
    ((1, 5, 2, 4), (3, 1, 4, 6), (5, 3, 6, 2))
    """
    if isinstance(pd, str):
        data: Any = _read_nested(pd, "pd")
    elif _is_seq(pd):
        data = pd
    else:
        raise KnotTypeError(f"pd = {pd!r} must be a string or a sequence of crossings, not {type(pd).__name__}")
    # Unwrap single enclosing lists: "[[1,5,2,4],...]" reads as [[[1,5,2,4],...]].
    while len(data) == 1 and _is_seq(data[0]) and data[0] and all(_is_seq(x) for x in data[0]):
        data = data[0]
    try:  # fast path: lists or tuples of four plain ints
        fast = tuple([(a, b, c, d) for a, b, c, d in data])
        if all(type(e) is int for cr in fast for e in cr):
            return fast
    except (TypeError, ValueError):
        pass
    out: list[Crossing] = []
    for i, c in enumerate(data):
        if not _is_seq(c):
            raise KnotInputError(f"pd: crossing {i} = {c!r} is not a list of four edge labels")
        if len(c) != 4:
            raise KnotInputError(f"pd: crossing {i} = {list(c)} has {len(c)} labels; a crossing lists exactly 4")
        a, b, cc, d = (_as_int(x, f"pd: a label of crossing {i}") for x in c)
        out.append((a, b, cc, d))
    return tuple(out)


# ---------------------------------------------------------------------------------------
# Braids
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Braid:
    """A braid word: letter ``i > 0`` is ``sigma_i`` (a positive crossing of strands ``i, i+1``), ``-i`` its inverse.

    Parameters
    ----------
    word : sequence of int
        Nonzero letters with ``|letter| < strands``.
    strands : int
        Number of strands, at least 1.

    Examples
    --------
    >>> b = parse_braid("{1,1,1}")
    >>> b, str(b), b.exponent_sum
    (Braid(word=(1, 1, 1), strands=2), '[1,1,1]', 3)
    >>> b.mirror()
    Braid(word=(-1, -1, -1), strands=2)
    """

    word: tuple[int, ...]
    strands: int

    def __post_init__(self) -> None:
        word = tuple(_as_int(g, f"braid: letter {i}") for i, g in enumerate(self.word))
        object.__setattr__(self, "word", word)
        strands = _as_int(self.strands, "strands")
        if strands < 1:
            raise KnotInputError(f"strands = {strands} must be at least 1")
        for i, g in enumerate(word):
            if g == 0 or abs(g) >= strands:
                raise KnotInputError(
                    f"braid: letter {i} = {g} is not a generator on {strands} strands "
                    f"(allowed: nonzero ints with |letter| <= {strands - 1})"
                )

    @property
    def exponent_sum(self) -> int:
        """The sum of the signs of the letters (the writhe of the closure)."""
        return sum(1 if g > 0 else -1 for g in self.word)

    def mirror(self) -> Braid:
        """The mirror braid (every letter negated)."""
        return Braid(tuple(-g for g in self.word), self.strands)

    def __str__(self) -> str:
        return "[" + ",".join(map(str, self.word)) + "]"


def parse_braid(braid: Any, strands: int | None = None) -> Braid:
    """Read a braid word.

    Parameters
    ----------
    braid : str, sequence of int or Braid
        ``"1,1,1"``, ``"1 -2 1 -2"``, ``"{1,1,1}"``, ``"[1,-2]"``, ``"{3, {-2,-1}}"``,
        ``"BR[3, {1,-2}]"`` or a sequence of nonzero ints.
    strands : int, optional
        Number of strands; default: the one stated in ``braid``, else ``max|letter| + 1``
        (at least 1).

    Returns
    -------
    Braid

    Raises
    ------
    KnotInputError
        A zero letter, a letter too large for ``strands``, or unreadable text.

    Examples
    --------
    >>> parse_braid("1 -2 1 -2")
    Braid(word=(1, -2, 1, -2), strands=3)
    >>> parse_braid("{3, {-2, -2, -1, 2, -1}}").strands
    3
    """
    if isinstance(braid, Braid):
        return braid if strands is None or strands == braid.strands else Braid(braid.word, strands)
    if isinstance(braid, str):
        data: Any = _read_nested(braid, "braid")
    elif _is_seq(braid):
        data = list(braid)
    else:
        raise KnotTypeError(f"braid = {braid!r} must be a string or a sequence of ints, not {type(braid).__name__}")
    stated: int | None = None
    while True:
        if len(data) == 1 and _is_seq(data[0]):
            data = data[0]
        elif len(data) == 2 and not _is_seq(data[0]) and _is_seq(data[1]):
            stated = _as_int(data[0], "braid: strand count")
            data = data[1]
        else:
            break
    word = []
    for i, g in enumerate(data):
        if _is_seq(g):
            raise KnotInputError(f"braid: letter {i} = {g!r} is a list; a braid word is a flat list of nonzero ints")
        word.append(_as_int(g, f"braid: letter {i}"))
    n = strands if strands is not None else stated
    if n is None:
        n = max((abs(g) for g in word), default=0) + 1
    return Braid(tuple(word), _as_int(n, "strands"))
