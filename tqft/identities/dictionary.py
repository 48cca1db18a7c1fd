"""The witnesses of the ML <-> TQFT dictionary as one identity, so ``tqft verify`` runs them.

``dictionary_witnesses`` has one integer parameter, ``entry``: the position of an entry
in :func:`tqft.dictionary.load` (sorted by id).  Its check runs that entry's witness
(:meth:`~tqft.dictionary.schema.Entry.run_witness`) and reports the entry's id with the
witness's two sides.  A witness that raises counts as a failure with the exception as its
left-hand side; if the dictionary itself fails to load, the single case ``entry=0`` fails
with the loader's message (naming the file and key), so the rest of ``tqft verify`` still
runs.

The domain is ``0 <= entry < number of entries``, the count read when the cases are
enumerated.  As for every integer parameter the sweep bound caps it too:
``tqft verify --max-spin J`` checks the first ``2J + 1`` entries, and the default bound
(spin 100, i.e. up to 201 entries, :data:`MAX_ENTRIES` + 1) covers the whole dictionary.

>>> from tqft.identities import get
>>> identity = get("dictionary_witnesses")
>>> from tqft.dictionary import load
>>> len(list(identity.cases())) == len(load())
True
"""

from __future__ import annotations

from typing import Any

from ..errors import DictionaryError
from .core import CheckResult, Domain, integer, registrar

__all__ = ["MAX_ENTRIES", "entries"]

#: the default sweep covers entries ``0 .. MAX_ENTRIES`` (the tests check the dictionary fits)
MAX_ENTRIES = 200

_REFERENCE = "the dictionary/ entries, each citing (M), (M2), (M3), (M4) or (L)"


def entries() -> tuple[Any, ...] | DictionaryError:
    """The dictionary's entries in order, or the error that stopped it loading."""
    from ..dictionary import load

    try:
        return load().entries
    except DictionaryError as exc:
        return exc


def _in_domain(case: tuple[int, ...]) -> bool:
    loaded = entries()
    if isinstance(loaded, DictionaryError):
        return case[0] == 0
    return case[0] < len(loaded)


def _witness(index: int) -> CheckResult:
    loaded = entries()
    if isinstance(loaded, DictionaryError):
        return CheckResult(False, "the dictionary failed to load", str(loaded))
    if not 0 <= index < len(loaded):
        return CheckResult(False, f"entry = {index}", f"an index below {len(loaded)}")
    entry = loaded[index]
    try:
        result = entry.run_witness()
    except Exception as exc:
        return CheckResult(False, f"{entry.id}: raised {type(exc).__name__}: {exc}", f"{entry.id}: a CheckResult")
    return CheckResult(bool(result.passed), f"{entry.id}: {result.lhs}", f"{entry.id}: {result.rhs}")


_register = registrar(
    default_max_spin=MAX_ENTRIES // 2,
    random_max_spin=MAX_ENTRIES // 2,
    tags=("dictionary",),
    domain=Domain((integer("entry", 0),), where=_in_domain),
)

_register(
    "dictionary_witnesses",
    "every ML <-> TQFT dictionary entry's witness passes (one case per entry)",
    r"\forall\, e \in \mathtt{dictionary/}:\ \mathrm{witness}_e() = (\mathrm{True},\ \mathrm{lhs},\ \mathrm{rhs})",
    _witness,
    _REFERENCE,
)
