"""The catalogue of identities that ``tqft verify`` and the tests check exactly.

>>> from tqft.identities import get
>>> identity = get("sixj_orthogonality")
>>> all(identity.check(*case).passed for case in identity.cases(max_spin=1))
True

Importing this package registers the SU(2) recoupling identities
(:mod:`tqft.identities.recoupling`) and their q-analogues at generic q and at roots of
unity (:mod:`tqft.identities.q_recoupling`), and the SU(2)_k modular-data identities
(:mod:`tqft.identities.modular`), and the U_q(sl2) identities: relations, Hopf axioms,
Yang-Baxter, braid and Hecke relations, twist, Markov trace
(:mod:`tqft.identities.quantum_group`), and the spin-network identities: every recoupling
move (F-move, bubble, triangle, loop) preserves the evaluation exactly, the evaluation
does not depend on the absorption order, and the unitary tetrahedral network is the 6j
symbol (:mod:`tqft.identities.spin_network`), and the ConvAC entanglement bounds of Levine
et al. (:mod:`tqft.identities.entanglement`), the 2D TQFT identities
(:mod:`tqft.identities.frobenius`), triangulation invariants (:mod:`tqft.identities.triangulation`),
Turaev-Viro invariance, gluing and Turaev-Walker (:mod:`tqft.identities.state_sums`),
Reshetikhin-Turaev (:mod:`tqft.identities.reshetikhin_turaev`) and the fitted
semiclassical exponents (:mod:`tqft.identities.semiclassical`), and the TQNN identities: the
(M3) reference values, patch symmetries and transition blocks (:mod:`tqft.identities.tqnn`)
and the softmax-linear form of the shared-sigma TQNN perceptron
(:mod:`tqft.identities.tqnn_perceptron`), and the witnesses of the ML <-> TQFT dictionary, one
case per entry (:mod:`tqft.identities.dictionary`), and the standard sum rules re-derived
symbolically (:mod:`tqft.identities.symbolic`) and the derived small-spin closed forms of 3j and
6j symbols (:mod:`tqft.identities.closed_forms`).  See :mod:`tqft.identities.core` for the data model
and :mod:`tqft.identities.runner` for sweeps over an executor.
"""

from . import closed_forms as _closed_forms  # noqa: F401  (registers identities)
from . import dictionary as _dictionary  # noqa: F401  (registers identities)
from . import entanglement as _entanglement  # noqa: F401  (registers identities)
from . import frobenius as _frobenius  # noqa: F401  (registers identities)
from . import modular as _modular  # noqa: F401  (registers identities)
from . import q_recoupling as _q_recoupling  # noqa: F401  (registers identities)
from . import quantum_group as _quantum_group  # noqa: F401  (registers identities)
from . import recoupling as _recoupling  # noqa: F401  (registers identities)
from . import reshetikhin_turaev as _reshetikhin_turaev  # noqa: F401  (registers identities)
from . import semiclassical as _semiclassical  # noqa: F401  (registers identities)
from . import spin_network as _spin_network  # noqa: F401  (registers identities)
from . import state_sums as _state_sums  # noqa: F401  (registers identities)
from . import symbolic as _symbolic  # noqa: F401  (registers identities)
from . import tqnn as _tqnn  # noqa: F401  (registers identities)
from . import tqnn_perceptron as _tqnn_perceptron  # noqa: F401  (registers identities)
from . import triangulation as _triangulation  # noqa: F401  (registers identities)
from .core import CheckResult, Domain, Identity, catalogue, get, names, register, unregister
from .runner import CatalogueReport, IdentityReport, run_catalogue, run_identity_cases

__all__ = [
    "CatalogueReport",
    "CheckResult",
    "Domain",
    "Identity",
    "IdentityReport",
    "catalogue",
    "get",
    "names",
    "register",
    "run_catalogue",
    "run_identity_cases",
    "unregister",
]
