"""Reading the dictionary folder: :func:`load` and the :class:`Dictionary` it returns.

Where the entries are
---------------------
In a source checkout the entries are the repository's top-level ``dictionary/*.toml``
files.  A built wheel carries the same files as package data in
``tqft/dictionary/entries/``: ``pyproject.toml`` maps the package
``tqft.dictionary.entries`` onto the folder ``dictionary/``
(``[tool.setuptools.package-dir]``), so the files are copied at build time and there is
one copy in the repository.  :func:`default_path` prefers the packaged folder when it
holds entries and falls back to the checkout's folder.

:func:`load` caches one :class:`Dictionary` per folder and re-reads the folder when a
file is added, removed or changed (the cache key includes every file's size and
modification time).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Sequence
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DictionaryError, InvalidArgumentError
from .schema import PAPERS, STATUSES, Entry, validate_entry

if TYPE_CHECKING:
    from ..identities.core import CheckResult
    from .lookup import Match

__all__ = ["Dictionary", "clear_cache", "default_path", "load", "read_entry"]

_HERE = Path(__file__).resolve().parent
#: the wheel's copy of the entries (see the module docstring)
PACKAGED = _HERE / "entries"
#: the repository's folder, used in a source checkout
CHECKOUT = _HERE.parent.parent / "dictionary"


def default_path() -> Path:
    """The folder :func:`load` reads by default: the packaged entries if the installed
    package has them, else the checkout's ``dictionary/``.

    Raises
    ------
    DictionaryError
        When neither folder exists.

    Examples
    --------
    >>> default_path().is_dir()
    True
    """
    if any(PACKAGED.glob("*.toml")):
        return PACKAGED
    if CHECKOUT.is_dir():
        return CHECKOUT
    raise DictionaryError(
        f"the dictionary folder was not found: neither {PACKAGED} (an installed wheel) nor {CHECKOUT} "
        "(a source checkout) holds entries; reinstall tqft or pass load(path=...)"
    )


def read_entry(path: Path | str) -> Entry:
    """Parse and validate one entry file (see :func:`~tqft.dictionary.schema.validate_entry`).

    Raises
    ------
    DictionaryError
        If the file cannot be read, is not valid TOML, or breaks the schema.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DictionaryError(f"{path}: not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{path}: cannot be read: {exc}") from exc
    return validate_entry(data, path)


class Dictionary:
    """A validated collection of entries, sorted by id.

    Construction checks what one file cannot: ids are unique and every ``related`` id
    names an entry of the collection.  Iterating yields the entries; ``d[id]`` and
    :meth:`get` return one (an unknown id raises
    :class:`~tqft.errors.InvalidArgumentError` listing the closest ids).

    Parameters
    ----------
    entries
        The entries.
    path
        The folder they were read from, if any.

    Examples
    --------
    >>> from tqft.dictionary.schema import Entry, Source, Witness
    >>> e = Entry("neuron", "neuron", "spin-network node", "analogy", "A node joins links.", "v",
    ...           (Source("M", "Sec. 2"),), Witness("tqft.spins.colour", "claim"), tags=("architecture",))
    >>> d = Dictionary([e])
    >>> len(d), d["neuron"].tqft, "neuron" in d
    (1, 'spin-network node', True)
    """

    def __init__(self, entries: Iterable[Entry], path: Path | None = None) -> None:
        ordered = sorted(entries, key=lambda e: e.id)
        self.path = path
        self._by_id: dict[str, Entry] = {}
        for entry in ordered:
            if entry.id in self._by_id:
                raise DictionaryError(f"{entry.path or entry.id}: id = {entry.id!r} is used by two entries")
            self._by_id[entry.id] = entry
        for entry in ordered:
            for k, other in enumerate(entry.related):
                if other not in self._by_id:
                    close = get_close_matches(other, list(self._by_id), n=3)
                    hint = f"; closest ids: {', '.join(close)}" if close else ""
                    raise DictionaryError(
                        f"{entry.path or entry.id}: related[{k}] = {other!r} is not the id of an entry{hint}"
                    )
        self._index: Any = None  # the lookup index, built on first use (tqft.dictionary.lookup)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """All entries, sorted by id."""
        return tuple(self._by_id.values())

    @property
    def ids(self) -> tuple[str, ...]:
        """All ids, sorted."""
        return tuple(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._by_id.values())

    def __contains__(self, item: object) -> bool:
        """``id in d`` or ``entry in d``."""
        if isinstance(item, Entry):
            return self._by_id.get(item.id) == item
        return isinstance(item, str) and item in self._by_id

    def __getitem__(self, entry_id: str) -> Entry:
        return self.get(entry_id)

    def __repr__(self) -> str:
        return f"<Dictionary of {len(self)} entries from {self.path}>"

    def get(self, entry_id: str) -> Entry:
        """The entry with this id; the error lists the closest ids."""
        try:
            return self._by_id[entry_id]
        except (KeyError, TypeError):
            close = get_close_matches(str(entry_id), list(self._by_id), n=5, cutoff=0.4)
            hint = f"closest ids: {', '.join(close)}" if close else f"{len(self)} ids, see tqft lookup --list"
            raise InvalidArgumentError(f"id = {entry_id!r} is not an entry of the dictionary; {hint}") from None

    def tags(self) -> tuple[str, ...]:
        """Every tag used by some entry, sorted."""
        return tuple(sorted({t for e in self for t in e.tags}))

    def select(
        self, *, source: str | None = None, status: str | None = None, tags: str | Sequence[str] | None = None
    ) -> tuple[Entry, ...]:
        """The entries citing paper ``source``, with status ``status`` and carrying every tag
        in ``tags`` (``None``: no condition).

        Raises
        ------
        InvalidArgumentError
            For a paper key, status or tag that does not exist (the message lists the allowed
            values).  Paper keys are matched case-insensitively (``"m2"`` is ``"M2"``).

        Examples
        --------
        >>> from tqft.dictionary.schema import Entry, Source, Witness
        >>> e = Entry("neuron", "neuron", "node", "analogy", "x", "v", (Source("M", "Sec. 2"),),
        ...           Witness("a.b", "c"), tags=("architecture",))
        >>> [x.id for x in Dictionary([e]).select(source="m", status="analogy")]
        ['neuron']
        >>> Dictionary([e]).select(status="proved")
        Traceback (most recent call last):
        ...
        tqft.errors.InvalidArgumentError: status = 'proved' is not allowed; allowed: 'theorem', 'conjecture', 'analogy'
        """
        paper = _check_source(source)
        if status is not None and status not in STATUSES:
            raise InvalidArgumentError(
                f"status = {status!r} is not allowed; allowed: {', '.join(repr(s) for s in STATUSES)}"
            )
        wanted = _check_tags(tags, self.tags())
        return tuple(
            e
            for e in self
            if (paper is None or paper in e.papers)
            and (status is None or e.status == status)
            and all(t in e.tags for t in wanted)
        )

    def lookup(self, term: str, **options: Any) -> list[Match]:
        """:func:`tqft.dictionary.lookup.lookup` in this dictionary (same keywords)."""
        from .lookup import lookup

        return lookup(term, dictionary=self, **options)

    def check_witnesses(self) -> None:
        """Import every entry's witness and check that it is callable.

        Raises
        ------
        DictionaryError
            Naming every entry whose witness cannot be resolved (one line each).
        """
        problems = []
        for entry in self:
            try:
                entry.witness_function()
            except DictionaryError as exc:
                problems.append(str(exc))
        if problems:
            raise DictionaryError(f"{len(problems)} witness(es) cannot be resolved:\n" + "\n".join(problems))

    def run_witnesses(self) -> dict[str, CheckResult]:
        """Run every witness; ``{id: CheckResult}`` in id order (exceptions propagate)."""
        return {entry.id: entry.run_witness() for entry in self}


def _check_source(source: str | None) -> str | None:
    if source is None:
        return None
    key = source.upper() if isinstance(source, str) else source
    if key not in PAPERS:
        raise InvalidArgumentError(f"source = {source!r} is not a paper key; allowed: {', '.join(PAPERS)}")
    return str(key)


def _check_tags(tags: str | Sequence[str] | None, known: Sequence[str]) -> tuple[str, ...]:
    if tags is None:
        return ()
    wanted = (tags,) if isinstance(tags, str) else tuple(tags)
    for tag in wanted:
        if tag not in known:
            raise InvalidArgumentError(f"tag = {tag!r} is not used by any entry; tags in use: {', '.join(known)}")
    return wanted


_CACHE: dict[tuple[Any, ...], Dictionary] = {}


def _signature(folder: Path) -> tuple[Any, ...]:
    files = sorted(folder.glob("*.toml"))
    return (str(folder), *((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files))


def load(path: Path | str | None = None) -> Dictionary:
    """Read and validate every ``*.toml`` entry in a folder (default: :func:`default_path`).

    The result is cached per folder and re-read when any file in it changes.

    Parameters
    ----------
    path
        A folder of entry files.

    Raises
    ------
    DictionaryError
        If the folder does not exist, or a file is not valid TOML or breaks the schema, or
        a ``related`` id does not exist (the message names the file and the key).

    Examples
    --------
    >>> d = load()
    >>> d is load()
    True
    >>> all(isinstance(e.id, str) for e in d)
    True
    """
    folder = Path(default_path() if path is None else path).resolve()
    if not folder.is_dir():
        raise DictionaryError(f"path = {str(path)!r} is not a folder of dictionary entries (*.toml)")
    key = _signature(folder)
    cached = _CACHE.get(key)
    if cached is None:
        for stale in [k for k in _CACHE if k[0] == key[0]]:
            del _CACHE[stale]
        cached = _CACHE[key] = Dictionary((read_entry(f) for f in sorted(folder.glob("*.toml"))), folder)
    return cached


def clear_cache() -> None:
    """Forget every loaded dictionary (the next :func:`load` reads the files again)."""
    _CACHE.clear()
