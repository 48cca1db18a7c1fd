"""Exact Schmidt ranks of ConvAC coefficient tensors, and entanglement entropies.

The Schmidt number of the state ``A^y`` across a partition ``(A, B)`` is the rank of the
matricization ``[A^y]_{A,B}`` (Levine et al., ICLR 2018, arXiv:1704.01552, "(L)",
Sec. 3 and Claim 1).  Ranks are computed exactly -- modulo a prime or over the rationals
-- never from a floating-point SVD (float ranks disagree with exact ones in a noticeable
fraction of cases; see the Appendix-D study, :mod:`tqft.learning.study`).

:func:`schmidt_rank` -- sampled, without the full tensor
--------------------------------------------------------
Draw ``K`` random *product* vectors ``u^(a) = (x)_{i in A} u_i^(a)`` on ``A`` and ``K``
on ``B`` (entries uniform in ``F_p``), and form ``S[a, b] = <u^(a) (x) v^(b), A^y>``: the
network evaluated with ``u_i^(a)`` / ``v_i^(b)`` in place of the representation vectors.
``S = U^T [A^y] V``, so ``rank S <= rank [A^y]``.  A subtree whose inputs all lie in ``A``
(``B``) depends on ``a`` (``b``) only and is evaluated ``K`` times; only subtrees with
inputs on both sides are evaluated on the ``K^2`` pairs.  ``S`` is never larger than
``K x K`` and the ``M^N`` tensor is never formed; the rank of ``S`` is FLINT's exact rank
over ``F_p`` (:class:`flint.nmod_mat`), ``p = 2^31 - 1`` by default.

*Why this is the rank.*  Let ``R = rank_{F_p} [A^y]`` (weights reduced mod ``p``) and
factor ``[A^y] = X Y^T`` with ``X`` (``M^{|A|} x R``) and ``Y`` of rank ``R``.  Take
``K >= R``; the leading ``R x R`` block of ``S`` is ``(U_R^T X)(Y^T V_R)``.  The
determinant ``det(U_R^T X)`` is a polynomial in the entries of the vectors ``u_i^(a)`` of
total degree at most ``R |A|`` (each row is multilinear of degree ``|A|``).  It is not the
zero polynomial: standard basis vectors are product vectors and ``X`` has ``R``
independent rows, so some choice of product vectors gives a non-zero value.  By the
Schwartz-Zippel lemma a uniform draw from ``F_p`` makes it vanish with probability at most
``R |A| / p``; likewise for ``V`` with ``R |B|``.  So ``rank S = R`` with probability at
least ``1 - R N / p``.  When the weights are drawn here, uniformly mod ``p``, the same
lemma applied to a non-vanishing ``R_gen``-minor of ``[A^y]`` (a polynomial of degree at
most ``R_gen T`` in the weights, ``T`` = number of weight tensors, since every entry is
multilinear with one factor per tensor) shows ``R = R_gen(F_p)``, the generic rank over
``F_p``, with probability at least ``1 - R_gen T / p``.  The reported ``error_bound`` is
the sum of these bounds (multiplied over independent ``trials``, each with its own prime).

*What is certain.*  The result never exceeds the truth: a non-zero ``k``-minor of ``S``
mod ``p`` is a non-zero integer minor of ``U^T [A^y] V`` over ``Z``, so the integer-weight
network has rank ``>= k`` over ``Q``, hence the generic rank over ``Q`` (or ``C``) is
``>= k``.  Combined with the min-cut upper bound (Claim 7, valid over every field), a
result equal to the bound is the exact generic rank with certainty (``certified``).  Only
a result *below* the bound relies on the probabilistic argument (and, to transfer it from
``F_p`` to ``Q``, on ``p`` not dividing every coefficient of the minors; using several
primes, ``trials``, guards against that).

:func:`dense_rank` -- the cross-check
-------------------------------------
Forms the full tensor exactly (Python integers) for small ``N`` and takes the rank of the
matricization over ``Q`` (:class:`flint.fmpz_mat`) or modulo a prime.

:func:`entanglement_entropy`
----------------------------
Von Neumann entropy ``-sum_i lambda_i log lambda_i`` of the normalised state
``A^y / ||A^y||``, ``lambda_i = sigma_i^2 / sum_j sigma_j^2`` from the singular values of the
matricization (float weights; small ``N``).  It is at most ``log rank``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ..errors import CostLimitError, InvalidArgumentError
from .convac import ConvAC, ConvACWeights, random_weights
from .mincut import min_cut
from .partitions import Partition

__all__ = [
    "PRIMES",
    "SchmidtRank",
    "dense_rank",
    "entanglement_entropy",
    "matricization",
    "schmidt_rank",
    "schmidt_spectrum",
]

#: the three largest primes below 2^31 (the default modulus is the Mersenne prime 2^31 - 1);
#: values below 2^31 keep every product of two residues inside int64
PRIMES = (2147483647, 2147483629, 2147483587)

#: default cap on ``K`` (samples per side) for :func:`schmidt_rank`
MAX_SAMPLES = 4096
#: default cap on multiply-adds of :func:`schmidt_rank` (about a minute on one core)
MAX_WORK = 60_000_000_000
#: entries of one block of the ``K x K x r`` evaluation
_BLOCK = 1 << 22


@dataclass(frozen=True)
class SchmidtRank:
    """Result of :func:`schmidt_rank`.

    Attributes
    ----------
    rank
        The rank found: always ``<=`` the generic rank over ``Q`` (certain), equal to it
        with probability ``>= 1 - error_bound`` (see the module docstring).
    bound
        The min-cut upper bound (Claim 7 of (L), delta weights).
    certified
        ``rank == bound``: the generic rank is then known exactly, with certainty.
    primes
        The moduli used, one per trial.
    samples
        ``K``, product vectors per side.
    error_bound
        Upper bound on the probability that ``rank`` is below the rank it estimates
        (``0`` when certified; ``1`` when ``saturated``).
    seconds
        Wall time.
    saturated
        ``rank == samples < bound``: fewer samples than the bound were used and all were
        independent, so only ``rank >= samples`` is known (a certified lower bound).
    """

    rank: int
    bound: int
    certified: bool
    primes: tuple[int, ...]
    samples: int
    error_bound: Fraction
    seconds: float
    saturated: bool = False


def _mod(a: np.ndarray, p: int) -> np.ndarray:
    if a.dtype == object:
        return np.array([int(x) % p for x in a.ravel()], dtype=np.int64).reshape(a.shape)
    return np.mod(a.astype(np.int64), p)


def _matmul_mod(x: np.ndarray, w: np.ndarray, p: int) -> np.ndarray:
    """``x @ w mod p`` exactly in int64 for residues ``< 2^31`` and at most ``2^16`` terms:
    ``w`` is split into 16-bit halves so that no partial sum exceeds ``2^63``."""
    lo = w & 0xFFFF
    hi = w >> 16
    return ((x @ hi) % p * 65536 + (x @ lo) % p) % p


def _node_types(model: ConvAC, leaf_side: list[int]) -> list[list[int]]:
    """``types[l][j]``: 0 if every input under ("A", l, j) is in A, 1 if in B, 2 if mixed."""
    types = [leaf_side]
    for level in range(model.layers):
        cur = types[-1]
        nxt = []
        for group in model.groups(level):
            s = {cur[j] for j in group}
            nxt.append(s.pop() if len(s) == 1 else 2)
        types.append(nxt)
    return types


def _work(model: ConvAC, types: list[list[int]], k: int) -> int:
    """Multiply-adds of the sampled evaluation (pure nodes K times, mixed K^2 times)."""
    dims = (model.reps, *model.channels, 1)
    total = 0
    for level in range(model.layers + 1):
        per = dims[level] * dims[level + 1]
        for t in types[level]:
            total += per * (k * k if t == 2 else k)
    return total


def _sampled_matrix(
    model: ConvAC,
    tensors: list[np.ndarray],
    top: np.ndarray,
    types: list[list[int]],
    k: int,
    p: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """``S[a, b]`` mod ``p`` for ``k`` random product vectors per side."""
    m = model.reps
    # level 0: every leaf gets its own k random vectors (indexed by a if it is in A, by b if in B)
    cur: dict[int, np.ndarray] = {
        j: _matmul_mod(rng.integers(0, p, size=(k, m), dtype=np.int64), tensors[0][j], p) for j in range(model.inputs)
    }
    frontier: dict[tuple[int, int], np.ndarray] = {}
    for level in range(model.layers):
        nxt: dict[int, np.ndarray] = {}
        for g, group in enumerate(model.groups(level)):
            if types[level + 1][g] == 2:
                for j in group:
                    if types[level][j] != 2:
                        frontier[(level, j)] = cur[j]
                continue
            acc = cur[group[0]]
            for j in group[1:]:
                acc = acc * cur[j] % p
            w = tensors[level + 1][g] if level + 1 < model.layers else top[:, None]
            nxt[g] = _matmul_mod(acc, w, p)
        cur = nxt
    if types[model.layers][0] != 2:  # pragma: no cover - partitions have both sides non-empty
        raise InvalidArgumentError("the partition puts every input on one side")
    s = np.empty((k, k), dtype=np.int64)
    block = max(1, _BLOCK // (k * max(model.channels)))
    for start in range(0, k, block):
        rows = slice(start, min(k, start + block))
        mixed: dict[int, np.ndarray] = {}
        for level in range(model.layers):
            nmixed: dict[int, np.ndarray] = {}
            for g, group in enumerate(model.groups(level)):
                if types[level + 1][g] != 2:
                    continue
                acc_a: np.ndarray | None = None
                acc_b: np.ndarray | None = None
                acc_m: np.ndarray | None = None
                for j in group:
                    t = types[level][j]
                    if t == 0:
                        x = frontier[(level, j)][rows]
                        acc_a = x if acc_a is None else acc_a * x % p
                    elif t == 1:
                        x = frontier[(level, j)]
                        acc_b = x if acc_b is None else acc_b * x % p
                    else:
                        x = mixed[j]
                        acc_m = x if acc_m is None else acc_m * x % p
                if acc_m is None:
                    assert acc_a is not None and acc_b is not None
                    acc_m = acc_a[:, None, :] * acc_b[None, :, :] % p
                else:
                    if acc_a is not None:
                        acc_m = acc_m * acc_a[:, None, :] % p
                    if acc_b is not None:
                        acc_m = acc_m * acc_b[None, :, :] % p
                w = tensors[level + 1][g] if level + 1 < model.layers else top[:, None]
                nmixed[g] = _matmul_mod(acc_m, w, p)
            mixed = nmixed
        s[rows] = mixed[0][:, :, 0]
    return s


def _rank_mod(s: np.ndarray, p: int) -> int:
    import flint

    if s.size == 0:
        return 0
    return int(flint.nmod_mat(s.shape[0], s.shape[1], [int(x) for x in s.ravel()], p).rank())


def schmidt_rank(
    model: ConvAC,
    partition: Partition,
    weights: ConvACWeights | None = None,
    *,
    seed: int = 0,
    samples: int | None = None,
    trials: int = 1,
    primes: tuple[int, ...] = PRIMES,
    max_samples: int = MAX_SAMPLES,
    max_work: int = MAX_WORK,
) -> SchmidtRank:
    """Exact rank of ``[A^y]_{A,B}`` modulo a prime, by random product vectors.

    Parameters
    ----------
    model, partition
        The ConvAC and the partition of its inputs.
    weights
        Integer weights (:func:`~tqft.learning.convac.random_weights`); default: drawn with
        ``seed`` uniformly modulo ``primes[0]``, so the result is the generic rank.
    seed
        Seed for the weights (if drawn) and the product vectors.
    samples
        ``K``, product vectors per side (default: the min-cut bound, which the rank cannot
        exceed; more samples make ``rank <= bound`` a genuine test of Claim 1/7).
    trials
        Independent repetitions, trial ``t`` modulo ``primes[t]``; the largest rank is kept
        (each is a certified lower bound).  Stops early once the bound is reached.
    max_samples, max_work
        Cost limits checked *before* any work: :class:`~tqft.errors.CostLimitError` when
        ``K > max_samples`` or the estimated multiply-adds exceed ``max_work``.

    Examples
    --------
    The left-right example of (L) where Theorem 2's bound (4) is below the rank:

    >>> from tqft.learning import convac, left_right
    >>> res = schmidt_rank(convac(8, (3, 5, 7)), left_right(8))
    >>> res.rank, res.bound, res.certified
    (5, 5, True)
    """
    start = time.perf_counter()
    if weights is not None and weights.model != model:
        raise InvalidArgumentError("weights belong to a different model")
    if not isinstance(trials, int) or not 1 <= trials <= len(primes):
        raise InvalidArgumentError(f"trials = {trials!r} must be between 1 and {len(primes)} (one prime per trial)")
    bound = min_cut(model, partition, weights="delta").value
    k = bound if samples is None else samples
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidArgumentError(f"samples = {samples!r} must be a positive integer")
    if k > max_samples:
        raise CostLimitError(
            f"the min-cut bound is {bound:,} > max_samples = {max_samples:,}: certifying a rank that large needs "
            f"a {bound:,} x {bound:,} matrix; pass samples=K (gives rank >= K at best) or raise max_samples"
        )
    mask = partition.mask()
    leaf_side = [0 if mask[i] else 1 for i in model.order]
    types = _node_types(model, leaf_side)
    work = _work(model, types, k) * trials
    if work > max_work:
        raise CostLimitError(
            f"estimated {work:.3g} multiply-adds (K = {k}) > max_work = {max_work:.3g}; raise max_work to run it"
        )
    rng = np.random.default_rng(seed)
    if weights is None:
        weights = random_weights(model, rng, 0, primes[0] - 1)
        drawn = True
    else:
        drawn = False
        if not np.issubdtype(weights.top.dtype, np.integer) and weights.top.dtype != object:
            raise InvalidArgumentError("schmidt_rank needs integer weights (random_weights(..., dtype='int'))")
    best = 0
    used: list[int] = []
    error = Fraction(1)
    n_tensors = sum(model.level_sizes)
    for t in range(trials):
        p = primes[t]
        tensors = [_mod(x, p) for x in weights.tensors]
        top = _mod(weights.top, p)
        s = _sampled_matrix(model, tensors, top, types, k, p, rng)
        best = max(best, _rank_mod(s, p))
        used.append(p)
        eps = Fraction(bound * (model.inputs + (n_tensors if drawn and t == 0 else 0)), p)
        error *= min(eps, Fraction(1))
        if best >= bound:
            break
    certified = best == bound
    saturated = best == k < bound
    if certified:
        error = Fraction(0)
    elif saturated:
        error = Fraction(1)
    return SchmidtRank(best, bound, certified, tuple(used), k, error, time.perf_counter() - start, saturated)


# --- dense cross-checks ---------------------------------------------------------------------


def matricization(tensor: np.ndarray, partition: Partition) -> np.ndarray:
    """``[T]_{A,B}``: rows indexed by the inputs of ``A`` (in increasing order, first input
    most significant), columns by ``B``."""
    if tensor.ndim != partition.size:
        raise InvalidArgumentError(f"tensor has order {tensor.ndim}, the partition {partition.size} inputs")
    a, b = sorted(partition.a), sorted(partition.b)
    rows = math.prod(tensor.shape[i] for i in a)
    return np.transpose(tensor, a + b).reshape(rows, -1)


def dense_rank(
    model: ConvAC, partition: Partition, weights: ConvACWeights, *, prime: int | None = None, max_entries: int = 1 << 20
) -> int:
    """Rank of ``[A^y]_{A,B}`` from the full tensor: over ``Q`` (``prime=None``,
    :class:`flint.fmpz_mat`, exact with Python-integer entries) or modulo ``prime``.

    >>> from tqft.learning import convac, left_right, random_weights
    >>> net = convac(8, (3, 5, 7))
    >>> dense_rank(net, left_right(8), random_weights(net, seed=0, low=-3, high=3))
    5
    """
    import flint

    if not np.issubdtype(weights.top.dtype, np.integer):
        raise InvalidArgumentError("dense_rank needs integer weights (random_weights(..., dtype='int'))")
    mat = matricization(weights.coefficient_tensor(max_entries=max_entries), partition)
    rows = [[int(x) for x in row] for row in mat]
    if prime is None:
        return int(flint.fmpz_mat(rows).rank())
    return int(flint.nmod_mat([[x % prime for x in row] for row in rows], prime).rank())


def schmidt_spectrum(
    model: ConvAC, partition: Partition, weights: ConvACWeights | None = None, seed: int = 0
) -> np.ndarray:
    """Schmidt coefficients ``lambda_i`` (squared singular values of the matricization of the
    normalised state, descending, summing to 1), from float weights (default: standard
    normal, ``seed``)."""
    if weights is None:
        weights = random_weights(model, seed, dtype="float")
    t = np.asarray(weights.coefficient_tensor(), dtype=np.float64)
    sv = np.linalg.svd(matricization(t, partition), compute_uv=False)
    lam = sv**2
    total = lam.sum()
    if total == 0:
        raise InvalidArgumentError("the coefficient tensor is zero: the state cannot be normalised")
    return lam / total


def entanglement_entropy(
    model: ConvAC, partition: Partition, weights: ConvACWeights | None = None, *, seed: int = 0, base: float = 2.0
) -> float:
    """Entanglement entropy ``-sum_i lambda_i log_base lambda_i`` (bits by default) of the
    normalised state across ``partition``; ``<= log_base(rank)``.  Float weights (default
    standard normal); for small ``N`` (the dense tensor is formed).

    >>> from tqft.learning import convac, left_right
    >>> s = entanglement_entropy(convac(8, (2, 2, 2)), left_right(8))
    >>> 0 < s <= 1.0
    True
    """
    lam = schmidt_spectrum(model, partition, weights, seed)
    lam = lam[lam > 0]
    return float(-(lam * np.log(lam)).sum() / math.log(base))
