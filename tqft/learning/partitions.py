"""Partitions ``(A, B)`` of the inputs of a ConvAC.

The entanglement of the coefficient tensor ``A^y`` across a partition ``(A, B)`` of the
``N`` inputs is measured by the rank of the matricization ``[A^y]_{A,B}`` (rows indexed
by the inputs in ``A``, columns by ``B``; Levine et al., ICLR 2018, arXiv:1704.01552,
"(L)").  Inputs are numbered ``0 .. N-1``; image pixels ``(r, c)`` are ``r * W + c``
(row-major), independently of the network's pooling geometry.

Families (``A`` is listed; ``B`` is the complement):

* :func:`left_right` -- ``A`` = the first half (the long-range partition of (L));
* :func:`interleaved` -- ``A`` = even inputs (the short-range partition of (L));
* :func:`segments` -- alternating contiguous segments of length ``xi`` (``xi = 1`` is
  interleaved, ``xi = N/2`` is left-right);
* images: :func:`left_right_2d`, :func:`top_bottom`, :func:`checkerboard`,
  :func:`blocks` (a checkerboard of ``bh x bw`` blocks), :func:`block` (one rectangle
  against the rest);
* :func:`from_indices`, :func:`from_string` (``"AABB..."``), :func:`random_balanced`,
  :func:`balanced_partitions` (all ``C(N, N/2) / 2`` balanced partitions, as in
  Appendix D of (L)).

>>> p = interleaved(8)
>>> p
Partition('ABABABAB', name='interleaved')
>>> sorted(p.a), p.balanced
([0, 2, 4, 6], True)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from ..errors import InvalidArgumentError

__all__ = [
    "Partition",
    "balanced_partitions",
    "block",
    "blocks",
    "checkerboard",
    "count_balanced",
    "from_indices",
    "from_string",
    "interleaved",
    "left_right",
    "left_right_2d",
    "parse_partition",
    "random_balanced",
    "segments",
    "top_bottom",
]


@dataclass(frozen=True)
class Partition:
    """A partition of ``range(size)`` into ``A`` (``a``) and its complement ``B``.

    Both sides must be non-empty (a matricization with an empty side has rank 1 and no
    cut is needed).
    """

    size: int
    a: frozenset[int]
    name: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.size, bool) or not isinstance(self.size, int) or self.size < 2:
            raise InvalidArgumentError(f"size = {self.size!r} must be an integer >= 2")
        bad = [i for i in self.a if not (isinstance(i, int) and 0 <= i < self.size)]
        if bad:
            raise InvalidArgumentError(f"A contains {bad[:5]}: inputs must be integers in range({self.size})")
        if not self.a or len(self.a) == self.size:
            raise InvalidArgumentError(
                f"A has {len(self.a)} of {self.size} inputs: both sides of a partition must be non-empty"
            )

    @property
    def b(self) -> frozenset[int]:
        """The complement of ``A``."""
        return frozenset(range(self.size)) - self.a

    @property
    def balanced(self) -> bool:
        """``|A| = |B|``."""
        return 2 * len(self.a) == self.size

    def mask(self) -> np.ndarray:
        """Boolean array, ``True`` on ``A``."""
        m = np.zeros(self.size, dtype=bool)
        m[list(self.a)] = True
        return m

    def to_string(self) -> str:
        """``'A'``/``'B'`` per input, e.g. ``'AABB'``."""
        m = self.mask()
        return "".join("A" if x else "B" for x in m)

    def swap(self) -> Partition:
        """``(B, A)``: the same matricization transposed (same rank and bounds)."""
        return Partition(self.size, self.b, self.name)

    def __repr__(self) -> str:
        text = self.to_string() if self.size <= 64 else f"{self.size} inputs, |A| = {len(self.a)}"
        return f"Partition({text!r}, name={self.name!r})" if self.name else f"Partition({text!r})"


def _size(n: object, name: str = "n", even: bool = False) -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise InvalidArgumentError(f"{name} = {n!r} must be an integer >= 2")
    if even and n % 2:
        raise InvalidArgumentError(f"{name} = {n} must be even")
    return int(n)


def from_indices(n: int, a: Iterable[int], name: str = "") -> Partition:
    """The partition with ``A = a`` of ``range(n)``."""
    return Partition(_size(n), frozenset(int(i) for i in a), name)


def from_string(text: str, name: str = "") -> Partition:
    """``"AABB"`` style (``A``/``B`` or ``0``/``1``, ``0`` meaning ``A``).

    >>> from_string("ABBA").a == {0, 3}
    True
    """
    t = text.strip().upper().replace(" ", "")
    if not t or set(t) - set("AB01"):
        raise InvalidArgumentError(f"partition = {text!r} must be a string of A/B (or 0/1) per input")
    return Partition(len(t), frozenset(i for i, ch in enumerate(t) if ch in "A0"), name)


def left_right(n: int) -> Partition:
    """``A = {0, .., n/2 - 1}``: the long-range partition of (L) (Sec. 6 there)."""
    n = _size(n, even=True)
    return Partition(n, frozenset(range(n // 2)), "left-right")


def interleaved(n: int) -> Partition:
    """``A`` = the even inputs: the short-range partition of (L)."""
    n = _size(n, even=True)
    return Partition(n, frozenset(range(0, n, 2)), "interleaved")


def segments(n: int, xi: int) -> Partition:
    """Alternating contiguous segments of length ``xi``: input ``i`` is in ``A`` iff
    ``floor(i / xi)`` is even (the correlation length scale of the partition).

    >>> segments(8, 2).to_string()
    'AABBAABB'
    """
    n = _size(n)
    if isinstance(xi, bool) or not isinstance(xi, int) or not 1 <= xi < n:
        raise InvalidArgumentError(f"xi = {xi!r} must be an integer with 1 <= xi < n = {n}")
    return Partition(n, frozenset(i for i in range(n) if (i // xi) % 2 == 0), f"segments xi={xi}")


def _image(height: int, width: int) -> tuple[int, int]:
    for name, v in (("height", height), ("width", width)):
        if isinstance(v, bool) or not isinstance(v, int | np.integer) or v < 1:
            raise InvalidArgumentError(f"{name} = {v!r} must be a positive integer")
    if height * width < 2:
        raise InvalidArgumentError(f"a {height}x{width} image has fewer than two pixels")
    return int(height), int(width)


def left_right_2d(height: int, width: int) -> Partition:
    """Left half of the columns of a ``height x width`` image against the right half."""
    h, w = _image(height, width)
    if w % 2:
        raise InvalidArgumentError(f"width = {w} must be even")
    return Partition(h * w, frozenset(r * w + c for r in range(h) for c in range(w // 2)), "left-right 2d")


def top_bottom(height: int, width: int) -> Partition:
    """Top half of the rows against the bottom half."""
    h, w = _image(height, width)
    if h % 2:
        raise InvalidArgumentError(f"height = {h} must be even")
    return Partition(h * w, frozenset(range((h // 2) * w)), "top-bottom")


def blocks(height: int, width: int, bh: int, bw: int) -> Partition:
    """A checkerboard of ``bh x bw`` blocks: pixel ``(r, c)`` is in ``A`` iff
    ``floor(r / bh) + floor(c / bw)`` is even.

    >>> blocks(2, 4, 1, 2).to_string()
    'AABBBBAA'
    """
    h, w = _image(height, width)
    for name, v, lim in (("bh", bh, h), ("bw", bw, w)):
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= lim:
            raise InvalidArgumentError(f"{name} = {v!r} must be an integer in 1..{lim}")
    a = frozenset(r * w + c for r in range(h) for c in range(w) if (r // bh + c // bw) % 2 == 0)
    return Partition(h * w, a, f"blocks {bh}x{bw}")


def checkerboard(height: int, width: int) -> Partition:
    """Pixel ``(r, c)`` in ``A`` iff ``r + c`` is even (the finest 2D partition)."""
    p = blocks(height, width, 1, 1)
    return Partition(p.size, p.a, "checkerboard")


def block(height: int, width: int, top: int, left: int, bh: int, bw: int) -> Partition:
    """One ``bh x bw`` rectangle with upper-left pixel ``(top, left)`` against the rest
    (region versus environment: the area-law setting).

    >>> block(4, 4, 1, 1, 2, 2).a == {5, 6, 9, 10}
    True
    """
    h, w = _image(height, width)
    if not (0 <= top and 0 <= left and bh >= 1 and bw >= 1 and top + bh <= h and left + bw <= w):
        raise InvalidArgumentError(
            f"block top={top}, left={left}, {bh}x{bw} must fit inside the {h}x{w} image with positive size"
        )
    a = frozenset(r * w + c for r in range(top, top + bh) for c in range(left, left + bw))
    return Partition(h * w, a, f"block {bh}x{bw} at ({top},{left})")


def random_balanced(n: int, rng: int | np.random.Generator | None = None) -> Partition:
    """A uniformly random balanced partition: ``|A| = floor(n/2)``."""
    n = _size(n)
    g = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    return Partition(n, frozenset(int(i) for i in g.choice(n, n // 2, replace=False)), "random balanced")


def balanced_partitions(n: int) -> Iterator[Partition]:
    """All balanced partitions with ``0 in A`` (each unordered partition once):
    ``C(n, n/2) / 2`` of them -- 6435 for ``n = 16`` (Appendix D of (L)).

    >>> sum(1 for _ in balanced_partitions(8))
    35
    """
    n = _size(n, even=True)
    for rest in itertools.combinations(range(1, n), n // 2 - 1):
        yield Partition(n, frozenset((0, *rest)), "balanced")


def count_balanced(n: int) -> int:
    """``C(n, n/2) / 2``."""
    return math.comb(_size(n, even=True), n // 2) // 2


_NAMED = ("left-right", "interleaved", "segments:XI", "top-bottom", "left-right-2d", "checkerboard", "blocks:BHxBW")


def parse_partition(text: str, n: int, shape: tuple[int, int] | None = None) -> Partition:
    """A partition from a command-line word: ``left-right``, ``interleaved``,
    ``segments:XI``, ``checkerboard``, ``top-bottom``, ``left-right-2d``, ``blocks:BHxBW``
    (image families need ``shape``), ``random:SEED`` (balanced), or an explicit
    ``A``/``B`` string of length ``n``.

    >>> parse_partition("segments:2", 8).to_string()
    'AABBAABB'
    """
    word = text.strip()
    key, _, arg = word.partition(":")
    key = key.lower()
    try:
        if key == "left-right":
            return left_right(n)
        if key == "interleaved":
            return interleaved(n)
        if key == "segments":
            return segments(n, int(arg))
        if key == "random":
            p = random_balanced(n, int(arg) if arg else 0)
            return Partition(p.size, p.a, f"random:{arg or 0}")
        if key in ("checkerboard", "top-bottom", "left-right-2d", "blocks"):
            if shape is None:
                raise InvalidArgumentError(f"partition = {text!r} needs an image network (--image HxW)")
            h, w = shape
            if key == "checkerboard":
                return checkerboard(h, w)
            if key == "top-bottom":
                return top_bottom(h, w)
            if key == "left-right-2d":
                return left_right_2d(h, w)
            bh, _, bw = arg.lower().partition("x")
            return blocks(h, w, int(bh), int(bw))
    except ValueError as exc:
        if isinstance(exc, InvalidArgumentError):
            raise
        raise InvalidArgumentError(f"partition = {text!r}: bad parameter {arg!r} ({exc})") from None
    if set(word.upper()) <= set("AB01") and len(word) == n:
        return from_string(word)
    raise InvalidArgumentError(
        f"partition = {text!r} is not one of {', '.join(_NAMED)}, random:SEED, or an A/B string of length {n}"
    )
