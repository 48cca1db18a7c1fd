"""The ML <-> TQFT dictionary: curated correspondences, each with an executable witness.

Every entry pairs a machine-learning concept with its counterpart in topological quantum
field theory, as stated in the source papers (M, M2, M3, M4 and L, see
:data:`~tqft.dictionary.schema.PAPERS`).  It says how sure the correspondence is
(``theorem``, ``conjecture`` or ``analogy``), where the papers state it, gives a formula
and points at a witness: a function in :mod:`tqft` that checks it on an example and
returns a :class:`~tqft.identities.core.CheckResult`.  ``tqft verify`` runs every witness
(the identity ``dictionary_witnesses``).

The entries are data, one TOML file per entry in the repository's ``dictionary/`` folder
(the wheel carries a copy); :mod:`tqft.dictionary.schema` defines the format.

* :func:`load` reads and validates the folder into a :class:`Dictionary` (cached);
* :func:`lookup` finds entries from either side, through synonyms, plurals and typos;
* ``tqft lookup TERM`` and ``tqft lookup --list`` are the command line
  (:mod:`tqft.dictionary.cli`).

>>> from tqft.dictionary import load, lookup
>>> d = load()
>>> m = lookup("nueron")[0]      # a typo of an ML concept
>>> m.arrow, m.source_name, m.entry is d["neuron"]
('ML -> TQFT', 'neuron', True)
>>> m.entry.run_witness().passed
True
"""

from .loader import Dictionary, clear_cache, default_path, load, read_entry
from .lookup import Match, lookup, normalise, suggest, tokens
from .schema import DIRECTIONS, PAPERS, STATUSES, Entry, Paper, Source, Witness, resolve_witness, validate_entry

__all__ = [
    "DIRECTIONS",
    "PAPERS",
    "STATUSES",
    "Dictionary",
    "Entry",
    "Match",
    "Paper",
    "Source",
    "Witness",
    "clear_cache",
    "default_path",
    "load",
    "lookup",
    "normalise",
    "read_entry",
    "resolve_witness",
    "suggest",
    "tokens",
    "validate_entry",
]
