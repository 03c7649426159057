"""Losses: values, backward against the numerical gradient, softmax's stability, label forms."""

import warnings

import numpy as np
import pytest

from backprop_lib import (
    CrossEntropy,
    MeanSquaredError,
    SoftmaxWithLoss,
    SumSquaredError,
    cross_entropy,
    gradient_check,
    softmax,
)
from backprop_lib.losses import as_one_hot, log_softmax

SHAPES = [(1, 1), (4, 1), (5, 3)]
CLASS_SHAPES = [(1, 2), (4, 3), (8, 10)]


def one_hot(indices, num_classes: int) -> np.ndarray:
    """One-hot rows written out independently of the library."""
    rows = np.zeros((len(indices), num_classes))
    for row, index in enumerate(indices):
        rows[row, index] = 1.0
    return rows


def assert_agrees(report) -> None:
    assert report.ok, f"backward disagrees with the numerical gradient:\n{report}"
    assert report.max_error < 1e-7


@pytest.mark.parametrize("loss", [SumSquaredError, MeanSquaredError])
@pytest.mark.parametrize("shape", SHAPES)
def test_squared_errors_backward_match_numerical_gradient(loss, shape):
    rng = np.random.default_rng(10)
    assert_agrees(gradient_check(loss(), rng.normal(size=shape), targets=rng.normal(size=shape)))


@pytest.mark.parametrize("batch, classes", CLASS_SHAPES)
@pytest.mark.parametrize("label_form", ["indices", "one-hot"])
def test_cross_entropy_backward_matches_numerical_gradient(batch, classes, label_form):
    rng = np.random.default_rng(11)
    probabilities = rng.uniform(0.05, 1.0, size=(batch, classes))
    labels = rng.integers(0, classes, size=batch)
    targets = labels if label_form == "indices" else one_hot(labels, classes)
    assert_agrees(gradient_check(CrossEntropy(), probabilities, targets=targets))


@pytest.mark.parametrize("batch, classes", CLASS_SHAPES)
@pytest.mark.parametrize("label_form", ["indices", "float indices", "one-hot"])
def test_softmax_with_loss_backward_matches_numerical_gradient(batch, classes, label_form):
    rng = np.random.default_rng(12)
    scores = rng.normal(0, 3, size=(batch, classes))
    labels = rng.integers(0, classes, size=batch)
    targets = {"indices": labels, "float indices": labels.astype(float), "one-hot": one_hot(labels, classes)}[
        label_form
    ]
    assert_agrees(gradient_check(SoftmaxWithLoss(), scores, targets=targets))


def test_squared_error_values_by_hand():
    outputs, targets = np.array([[0.5], [2.0]]), np.array([[1.0], [0.0]])
    # differences −0.5 and 2.0, squares 0.25 and 4.0
    assert SumSquaredError().forward(outputs, targets) == 0.5 * 4.25
    assert MeanSquaredError().forward(outputs, targets) == 4.25 / 2
    sse, mse = SumSquaredError(), MeanSquaredError()
    sse.forward(outputs, targets)
    mse.forward(outputs, targets)
    np.testing.assert_array_equal(sse.backward(), [[-0.5], [2.0]])
    np.testing.assert_array_equal(mse.backward(), [[-0.5], [2.0]])  # 2·(o − t)/2


def test_mean_squared_error_is_exactly_numpys_mean():
    """The loss documents 000 and 002 print: bit for bit np.mean((t − o)²)."""
    rng = np.random.default_rng(13)
    for shape in [(4, 1), (100, 1), (7, 3)]:
        outputs, targets = rng.random(shape), rng.random(shape)
        assert MeanSquaredError().forward(outputs, targets) == float(np.mean((targets - outputs) ** 2))


def test_softmax_rows_are_probabilities():
    scores = np.random.default_rng(14).normal(size=(5, 4))
    probabilities = softmax(scores)
    expected = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(probabilities, expected, rtol=1e-14)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(softmax(scores[0]), expected[0], rtol=1e-14)  # 1-D: one sample


def test_softmax_is_stable_for_large_scores():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow in exp would raise here
        large = softmax(np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]]))
        loss = SoftmaxWithLoss().forward(np.array([[1000.0, 1001.0, 1002.0]]), [2])
    np.testing.assert_allclose(large[0], softmax(np.array([0.0, 1.0, 2.0])), rtol=1e-14)
    np.testing.assert_array_equal(large[1], [0.0, 0.0, 1.0])
    assert np.all(np.isfinite(large))
    assert loss == pytest.approx(np.log(1 + np.exp(-1) + np.exp(-2)), rel=1e-14)


def test_softmax_with_loss_stays_exact_when_a_probability_underflows():
    """The true class far behind: loss = logsumexp − s_true (here 1000), and backward still agrees."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert SoftmaxWithLoss().forward(np.array([[0.0, 1000.0]]), [0]) == 1000.0
        report = gradient_check(SoftmaxWithLoss(), np.array([[0.0, 40.0, 3.0], [5.0, -30.0, 1.0]]), targets=[0, 1])
    assert_agrees(report)
    np.testing.assert_allclose(log_softmax(np.array([0.0, 1000.0])), [-1000.0, 0.0], atol=0)


def test_softmax_with_loss_backward_is_exactly_probabilities_minus_targets_over_batch():
    rng = np.random.default_rng(15)
    scores = rng.normal(size=(6, 4))
    labels = rng.integers(0, 4, size=6)
    loss = SoftmaxWithLoss()
    loss.forward(scores, labels)
    np.testing.assert_array_equal(loss.backward(), (softmax(scores) - one_hot(labels, 4)) / 6)
    np.testing.assert_array_equal(loss.probabilities, softmax(scores))


def test_softmax_with_loss_is_cross_entropy_of_softmax():
    rng = np.random.default_rng(16)
    scores = rng.normal(size=(5, 3))
    labels = rng.integers(0, 3, size=5)
    expected = -np.mean(np.log(softmax(scores)[np.arange(5), labels]))
    assert SoftmaxWithLoss().forward(scores, labels) == pytest.approx(expected, rel=1e-12)
    assert SoftmaxWithLoss().forward(scores, one_hot(labels, 3)) == pytest.approx(expected, rel=1e-12)
    assert CrossEntropy().forward(softmax(scores), labels) == pytest.approx(expected, rel=1e-10)


def test_cross_entropy_of_one_sample_of_document_001():
    """ŷ = σ(0.4) ≈ 0.5987 for the true class: L = −log ŷ ≈ 0.513."""
    probability = 1 / (1 + np.exp(-0.4))
    assert round(probability, 4) == 0.5987
    assert round(cross_entropy(np.array([[probability, 1 - probability]]), np.array([[1.0, 0.0]])), 3) == 0.513


def test_labels_as_indices_or_one_hot_rows_give_the_same_one_hot():
    expected = one_hot([2, 0, 1], 3)
    np.testing.assert_array_equal(as_one_hot(np.array([2, 0, 1]), 3, 3), expected)
    np.testing.assert_array_equal(as_one_hot([2.0, 0.0, 1.0], 3, 3), expected)
    np.testing.assert_array_equal(as_one_hot(expected.astype(int), 3, 3), expected)


def test_loss_reprs():
    assert repr(SoftmaxWithLoss()) == "SoftmaxWithLoss()"
    assert SumSquaredError().name == "SumSquaredError"
    assert MeanSquaredError(name="monitor").name == "monitor"
