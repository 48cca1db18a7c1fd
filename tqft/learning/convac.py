"""Convolutional arithmetic circuits (ConvACs) and their tree tensor networks.

A ConvAC (Levine, Yakira, Cohen, Shashua, ICLR 2018, arXiv:1704.01552, "(L)") maps
``N`` inputs ``x_1 .. x_N`` to class scores through

* a representation layer of ``M`` functions, ``rep(i, d) = f_d(x_i)``;
* ``L`` hidden layers; layer ``l`` is a 1x1 convolution with ``r_l`` channels followed by
  *product* pooling over windows of ``w_l`` positions (window 2 by default; the last
  pooling is global);
* a dense output layer ``y = sum_alpha a^{L,y}_alpha pool_{L-1}(alpha)``.

The score is ``h_y(x) = sum_{d_1..d_N} A^y_{d_1 .. d_N} prod_i f_{d_i}(x_i)``, and the
coefficient tensor ``A^y`` (order ``N``, every mode of dimension ``M``) is a tree tensor
network (TN).  Conventions, following the construction of (L) for window 2 and
``N = 2^L`` (``phi^{l,j,gamma} = sum_alpha a^{l,j,gamma}_alpha phi^{l-1,2j-1,alpha} (x)
phi^{l-1,2j,alpha}``), generalised to any windows:

* Weights are *unshared* (one tensor per position, as in the TN of (L)); a shared
  (convolutional) network is the special case of equal tensors.  Generic-rank statements
  are about unshared weights.
* Level-0 tensors ``a^{(0,j)}`` are ``M x r_0`` matrices, one per leaf position ``j``;
  level-``l`` tensors ``a^{(l,j)}`` (``1 <= l <= L-1``) are ``r_{l-1} x r_l``; the top
  tensor ``a^{(L,y)}`` is a vector of length ``r_{L-1}`` (one class ``y``).
* The ``w_l`` children pooled together are joined by an order-``(w_l + 1)``
  delta-tensor of dimension ``r_l`` (``delta_{i_1 .. i_k} = 1`` iff all indices agree):
  product pooling multiplies *equal* channels, which is exactly a delta-tensor.
* *Pooling geometry* is a permutation ``order``: leaf position ``j`` holds input
  ``order[j]``, and each layer pools consecutive positions.  A 1D network uses the
  identity; an image uses row-major, column-major, Z-order (Morton) or mirror order
  (Cohen & Shashua, ICLR 2017, pool mirror images together).

The TN graph (:meth:`ConvAC.tensor_network`) is a networkx graph whose nodes are
``("input", i)`` (the open leg of input ``i``), ``("A", l, j)`` (the weight tensors;
``("A", L, 0)`` is the top) and ``("delta", l, k)``; every edge carries its bond
dimension ``dim``: ``M`` on input legs and ``r_l`` on both sides of a level-``l``
delta-tensor.  This is the graph whose min-cuts bound the entanglement (Claim 1,
Claim 7 and Theorem 2 of (L); see :mod:`tqft.learning.mincut`).

>>> net = convac(16, (4, 4, 2, 2))
>>> net
ConvAC(inputs=16, reps=2, channels=(4, 4, 2, 2), windows=(2, 2, 2, 2), geometry='1d')
>>> g = net.tensor_network()
>>> g.number_of_nodes(), g.edges[("A", 3, 0), ("delta", 3, 0)]["dim"]
(62, 2)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import CostLimitError, InvalidArgumentError

__all__ = [
    "MAX_INPUTS",
    "ConvAC",
    "ConvACWeights",
    "Node",
    "convac",
    "image_convac",
    "random_weights",
]

#: largest number of inputs accepted (the min-cut of a 2^22-input network takes seconds)
MAX_INPUTS = 1 << 22

#: a node of the TN graph: ("input", i), ("A", level, j) or ("delta", level, k)
Node = tuple[Any, ...]

_ORDERINGS = ("rowmajor", "columnmajor", "zorder", "mirror")


def _positive_int(value: Any, name: str, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise InvalidArgumentError(f"{name} = {value!r} must be an integer >= {low}")
    value = int(value)
    if value < low:
        raise InvalidArgumentError(f"{name} = {value} must be an integer >= {low}")
    return value


@dataclass(frozen=True)
class ConvAC:
    """A ConvAC architecture (no weights): sizes, pooling windows and geometry.

    Use :func:`convac` or :func:`image_convac` to build one; they validate every argument.

    Attributes
    ----------
    inputs
        ``N``, the number of inputs (pixels, tokens).
    reps
        ``M``, the number of representation functions (the dimension of each input leg).
    channels
        ``(r_0, ..., r_{L-1})``, the channel numbers of the ``L`` hidden layers.
    windows
        ``(w_0, ..., w_{L-1})``, the pooling window of each layer; ``prod w_l = N``.
    order
        ``order[j]`` is the input at leaf position ``j``; consecutive positions are pooled.
    geometry
        A label: ``"1d"``, or ``"HxW <ordering>"`` for images.
    shape
        ``(H, W)`` for images, else ``None``.
    """

    inputs: int
    reps: int
    channels: tuple[int, ...]
    windows: tuple[int, ...]
    order: tuple[int, ...] = field(repr=False)
    geometry: str = "1d"
    shape: tuple[int, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        n = _positive_int(self.inputs, "inputs", 2)
        if n > MAX_INPUTS:
            raise CostLimitError(f"inputs = {n:,} exceeds MAX_INPUTS = {MAX_INPUTS:,} (tqft.learning.convac)")
        _positive_int(self.reps, "reps", 1)
        if not self.channels:
            raise InvalidArgumentError("channels = () must list at least one channel number r_0")
        for k, r in enumerate(self.channels):
            _positive_int(r, f"channels[{k}]", 1)
        if len(self.windows) != len(self.channels):
            raise InvalidArgumentError(
                f"windows = {self.windows} has {len(self.windows)} entries but channels = {self.channels} has "
                f"{len(self.channels)}: one pooling window per layer"
            )
        for k, w in enumerate(self.windows):
            _positive_int(w, f"windows[{k}]", 2)
        if math.prod(self.windows) != n:
            raise InvalidArgumentError(
                f"windows = {self.windows} pool {math.prod(self.windows)} inputs but inputs = {n}: the product of "
                "the pooling windows must equal the number of inputs (the last pooling is global)"
            )
        if len(self.order) != n or sorted(self.order) != list(range(n)):
            raise InvalidArgumentError(f"order must be a permutation of range({n}) (leaf position -> input index)")

    # --- sizes -------------------------------------------------------------------------------

    @property
    def layers(self) -> int:
        """``L``, the number of hidden layers."""
        return len(self.channels)

    @property
    def level_sizes(self) -> tuple[int, ...]:
        """``(N_0, ..., N_L)``: positions at each level (``N_0 = N``, ``N_L = 1``)."""
        sizes = [self.inputs]
        for w in self.windows:
            sizes.append(sizes[-1] // w)
        return tuple(sizes)

    def parameter_count(self, classes: int = 1, shared: bool = False) -> int:
        """Number of weights: ``sum_l N_l r_{l-1} r_l + Y r_{L-1}`` (``r_{-1} = M``) for
        unshared weights (the TN of (L)), or ``M r_0 + sum_l r_{l-1} r_l + Y r_{L-1}`` for a
        convolutional (shared) network.  ``classes`` is ``Y``.

        >>> convac(16, (4, 4, 2, 2)).parameter_count(shared=True)
        38
        """
        _positive_int(classes, "classes", 1)
        dims = (self.reps, *self.channels)
        sizes = self.level_sizes
        total = 0
        for level in range(self.layers):
            per = dims[level] * dims[level + 1]
            total += per if shared else sizes[level] * per
        return total + classes * self.channels[-1]

    # --- the tensor network -----------------------------------------------------------------

    def groups(self, level: int) -> list[range]:
        """Children (level-``level`` positions) pooled by each delta-tensor of that level."""
        w = self.windows[level]
        return [range(k * w, (k + 1) * w) for k in range(self.level_sizes[level] // w)]

    def tensor_network(self, max_nodes: int = 2_000_000) -> Any:
        """The coefficient tensor ``A^y`` as a tree TN: a :class:`networkx.Graph`.

        Nodes carry ``kind`` (``"input"``, ``"weight"``, ``"delta"``), ``level`` and
        ``shape`` (the tensor's dimensions, in the order of its legs: inputs first, then
        the leg towards the top); edges carry ``dim``, the bond dimension.  Edges: input
        ``i`` -- ``("A", 0, j)`` (dim ``M``, ``order[j] = i``); ``("A", l, j)`` --
        ``("delta", l, k)`` and ``("delta", l, k)`` -- ``("A", l + 1, k)`` (dim ``r_l``).
        Raises :class:`~tqft.errors.CostLimitError` beyond ``max_nodes`` nodes (networkx
        uses about 1 kB per node); the bounds of :mod:`tqft.learning.mincut` do not need the
        graph.
        """
        import networkx as nx

        nodes = 2 * self.inputs + sum(self.level_sizes[1:]) * 2
        if nodes > max_nodes:
            raise CostLimitError(
                f"the TN graph of {self.inputs:,} inputs has {nodes:,} nodes > max_nodes = {max_nodes:,}; "
                "the tree min-cut (tqft.learning.mincut, method='tree') does not build it"
            )
        g = nx.Graph(model=repr(self))
        m, r = self.reps, self.channels
        for j, i in enumerate(self.order):
            g.add_node(("input", i), kind="input", level=-1, shape=(m,))
            g.add_node(("A", 0, j), kind="weight", level=0, shape=(m, r[0]))
            g.add_edge(("input", i), ("A", 0, j), dim=m)
        for level in range(self.layers):
            rl = r[level]
            for k, group in enumerate(self.groups(level)):
                d = ("delta", level, k)
                g.add_node(d, kind="delta", level=level, shape=(rl,) * (len(group) + 1))
                for j in group:
                    g.add_edge(("A", level, j), d, dim=rl)
                top = level + 1 == self.layers
                g.add_node(
                    ("A", level + 1, k), kind="weight", level=level + 1, shape=(rl,) if top else (rl, r[level + 1])
                )
                g.add_edge(d, ("A", level + 1, k), dim=rl)
        return g

    def leaf_inputs(self, level: int, j: int) -> range:
        """Leaf positions under node ``("A", level, j)`` (map through ``order`` for inputs)."""
        span = math.prod(self.windows[:level])
        return range(j * span, (j + 1) * span)


def convac(
    inputs: int,
    channels: Sequence[int],
    reps: int = 2,
    window: int | Sequence[int] = 2,
    order: Sequence[int] | None = None,
) -> ConvAC:
    """A 1D ConvAC with ``inputs`` inputs and channel numbers ``channels = (r_0, ..)``.

    ``window`` is one pooling window for every layer (``inputs`` must then be
    ``window ** len(channels)``) or a sequence ``(w_0, ..., w_{L-1})``.  ``order`` is the
    pooling geometry (leaf position -> input; default: contiguous pooling).

    >>> convac(27, (3, 2, 2), reps=3, window=3).level_sizes
    (27, 9, 3, 1)
    """
    channels = tuple(channels)
    if isinstance(window, int | np.integer) and not isinstance(window, bool):
        windows = (int(window),) * len(channels)
    else:
        windows = tuple(window)  # type: ignore[arg-type]
    n = _positive_int(inputs, "inputs", 2)
    perm = tuple(range(n)) if order is None else tuple(int(i) for i in order)
    return ConvAC(n, reps, channels, windows, perm)


def _morton_order(height: int, width: int) -> tuple[int, ...]:
    """Pixels (row-major ids) listed in Z-order: bits of column and row interleaved,
    column bit lowest, leftover bits of the longer side on top."""
    hb, wb = height.bit_length() - 1, width.bit_length() - 1
    keyed = []
    for row in range(height):
        for col in range(width):
            key, shift = 0, 0
            for b in range(max(hb, wb)):
                if b < wb:
                    key |= ((col >> b) & 1) << shift
                    shift += 1
                if b < hb:
                    key |= ((row >> b) & 1) << shift
                    shift += 1
            keyed.append((key, row * width + col))
    return tuple(pixel for _, pixel in sorted(keyed))


def _mirror_order(height: int, width: int) -> tuple[int, ...]:
    """Each pixel next to its left-right mirror image, row by row (pools mirror pairs first)."""
    out = []
    for row in range(height):
        for col in range(width // 2):
            out += [row * width + col, row * width + width - 1 - col]
    return tuple(out)


def image_convac(
    height: int,
    width: int,
    channels: Sequence[int],
    reps: int = 2,
    window: int | str | Sequence[int] = 2,
    ordering: str = "zorder",
) -> ConvAC:
    """A ConvAC on a ``height x width`` image; inputs are pixels in row-major numbering
    (pixel ``(r, c)`` is input ``r * width + c``).

    ``ordering`` is the pooling geometry: ``"zorder"`` (Morton; with ``window=2`` layers
    alternate horizontal and vertical pairs, with ``window="2x2"`` every layer pools a 2x2
    block -- the standard square pooling), ``"rowmajor"``, ``"columnmajor"`` or
    ``"mirror"`` (mirror pixels ``(r, c)``, ``(r, W-1-c)`` pooled first).

    >>> net = image_convac(4, 4, (3, 2), window="2x2")
    >>> net.windows, net.order[:4]
    ((4, 4), (0, 1, 4, 5))
    """
    h = _positive_int(height, "height", 1)
    w = _positive_int(width, "width", 1)
    n = h * w
    if ordering not in _ORDERINGS:
        raise InvalidArgumentError(f"ordering = {ordering!r} is not one of {', '.join(_ORDERINGS)}")
    channels = tuple(channels)
    if window == "2x2":
        window = 4
        if ordering != "zorder":
            raise InvalidArgumentError(f"window = '2x2' needs ordering = 'zorder' (got {ordering!r})")
    if ordering == "zorder" and (h & (h - 1) or w & (w - 1)):
        raise InvalidArgumentError(f"ordering = 'zorder' needs power-of-two sides, got {h}x{w}")
    if ordering == "mirror" and w % 2:
        raise InvalidArgumentError(f"ordering = 'mirror' needs an even width, got {w}")
    if isinstance(window, str):
        raise InvalidArgumentError(f"window = {window!r} must be an integer, a sequence of integers or '2x2'")
    if ordering == "zorder":
        order = _morton_order(h, w)
    elif ordering == "rowmajor":
        order = tuple(range(n))
    elif ordering == "columnmajor":
        order = tuple((p % h) * w + p // h for p in range(n))
    else:
        order = _mirror_order(h, w)
    base = convac(n, channels, reps, window, order)
    return ConvAC(n, base.reps, base.channels, base.windows, base.order, f"{h}x{w} {ordering}", (h, w))


# --- weights --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConvACWeights:
    """Weights of a ConvAC (one class): ``tensors[l]`` has shape ``(N_l, r_{l-1}, r_l)``
    (``r_{-1} = M``) and ``top`` shape ``(r_{L-1},)``; position ``j`` is a leaf position
    (input ``order[j]`` at level 0).  Integer weights (``int64``) are what the exact rank
    algorithms of :mod:`tqft.learning.schmidt` use; float weights give entropies."""

    model: ConvAC
    tensors: tuple[np.ndarray, ...]
    top: np.ndarray

    def __post_init__(self) -> None:
        dims = (self.model.reps, *self.model.channels)
        sizes = self.model.level_sizes
        if len(self.tensors) != self.model.layers:
            raise InvalidArgumentError(f"tensors has {len(self.tensors)} levels, the model {self.model.layers}")
        for level, t in enumerate(self.tensors):
            want = (sizes[level], dims[level], dims[level + 1])
            if t.shape != want:
                raise InvalidArgumentError(f"tensors[{level}] has shape {t.shape}, expected {want}")
        if self.top.shape != (dims[-1],):
            raise InvalidArgumentError(f"top has shape {self.top.shape}, expected {(dims[-1],)}")

    def coefficient_tensor(self, max_entries: int = 1 << 22) -> np.ndarray:
        """The dense coefficient tensor ``A^y``, axes indexed by input (not leaf position).

        Exact for integer weights (object dtype, Python integers), float otherwise.
        Raises :class:`~tqft.errors.CostLimitError` when ``M^N > max_entries``.

        >>> net = convac(4, (2, 2))
        >>> w = random_weights(net, seed=0, low=-2, high=2)
        >>> w.coefficient_tensor().shape
        (2, 2, 2, 2)
        """
        model = self.model
        size = model.reps**model.inputs
        if size > max_entries:
            raise CostLimitError(
                f"the dense coefficient tensor has M^N = {model.reps}^{model.inputs} = {size:,} entries "
                f"> max_entries = {max_entries:,}; use the sampled rank (tqft.learning.schmidt.schmidt_rank)"
            )
        exact = np.issubdtype(self.top.dtype, np.integer)
        dtype = object if exact else np.float64

        def cast(a: np.ndarray) -> np.ndarray:
            return a.astype(object) if exact else a.astype(np.float64)

        # node tensors as matrices (M^(leaves), channels), leaves in leaf order
        nodes = [cast(self.tensors[0][j]) for j in range(model.inputs)]
        for level in range(model.layers):
            pooled = []
            for group in model.groups(level):
                acc = nodes[group[0]]
                for j in group[1:]:
                    acc = (acc[:, None, :] * nodes[j][None, :, :]).reshape(-1, acc.shape[1])
                pooled.append(acc)
            if level + 1 < model.layers:
                nodes = [pooled[k] @ cast(self.tensors[level + 1][k]) for k in range(len(pooled))]
            else:
                nodes = [pooled[0] @ cast(self.top)]
        flat = np.asarray(nodes[0], dtype=dtype).reshape((model.reps,) * model.inputs)
        # axis j is leaf position j; move it to input order[j]
        return np.moveaxis(flat, list(range(model.inputs)), list(model.order))


def random_weights(
    model: ConvAC,
    seed: int | np.random.Generator | None = 0,
    low: int | None = None,
    high: int | None = None,
    dtype: str = "int",
) -> ConvACWeights:
    """Random weights: integers uniform in ``[low, high]`` (default ``[0, 2^31 - 2]``,
    i.e. uniform modulo the prime ``2^31 - 1`` used by :mod:`tqft.learning.schmidt`), or
    standard normal floats with ``dtype="float"``.

    >>> random_weights(convac(4, (2, 2)), seed=1).tensors[1].shape
    (2, 2, 2)
    """
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    dims = (model.reps, *model.channels)
    sizes = model.level_sizes
    shapes = [(sizes[level], dims[level], dims[level + 1]) for level in range(model.layers)]
    tensors: tuple[np.ndarray, ...]
    top: np.ndarray
    if dtype == "float":
        tensors = tuple(rng.standard_normal(s) for s in shapes)
        top = rng.standard_normal(dims[-1])
    elif dtype == "int":
        lo = 0 if low is None else int(low)
        hi = (1 << 31) - 2 if high is None else int(high)
        if lo > hi or max(abs(lo), abs(hi)) >= 1 << 31:
            raise InvalidArgumentError(f"low = {low}, high = {high} must satisfy low <= high and |bounds| < 2^31")
        tensors = tuple(rng.integers(lo, hi, size=s, endpoint=True, dtype=np.int64) for s in shapes)
        top = rng.integers(lo, hi, size=dims[-1], endpoint=True, dtype=np.int64)
    else:
        raise InvalidArgumentError(f"dtype = {dtype!r} must be 'int' or 'float'")
    return ConvACWeights(model, tensors, top)
