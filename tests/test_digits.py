"""Lesson 6's library pieces: the digits split, mini-batch training, L2 weight decay, He/Xavier scales."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from backprop_lib import SGD, Adam, SoftmaxWithLoss, numerical_gradient, relative_error
from backprop_lib.digits import (
    format_classes,
    held_out_inputs,
    held_out_labels,
    load_digits_split,
    one_hot,
    stratified_split,
)
from backprop_lib.errors import LabelError, SettingError, ShapeError
from backprop_lib.network import hidden_outputs, relu_network, weight_scale
from backprop_lib.training import accuracy, add_l2_gradient, batches, l2_penalty, train_minibatch


@pytest.fixture(scope="module")
def split():
    return load_digits_split(seed=0)


def test_importing_backprop_lib_does_not_import_sklearn():
    code = "import sys, backprop_lib, backprop_lib.digits; print('sklearn' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# The split --------------------------------------------------------------------------------------


def test_split_shapes_and_scaling(split):
    assert (len(split.train), len(split.validation), len(split.test)) == (1078, 360, 359)
    for part in (split.train, split.validation, split.test):
        assert part.inputs.shape == (len(part), 64) and part.images.shape == (len(part), 8, 8)
        assert part.inputs.min() == 0.0 and part.inputs.max() == 1.0
        assert part.one_hot.shape == (len(part), 10)
        assert np.array_equal(part.one_hot.argmax(axis=1), part.labels)


def test_split_is_a_partition_of_all_1797_digits(split):
    from sklearn.datasets import load_digits

    digits = load_digits()
    rows = {row.tobytes(): label for row, label in zip(digits.data / 16.0, digits.target)}
    together = np.concatenate([split.train.inputs, split.validation.inputs, split.test.inputs])
    assert len(together) == 1797
    # every image lands in exactly one part, with its own label (load_digits has a few duplicate images)
    labels = np.concatenate([split.train.labels, split.validation.labels, split.test.labels])
    assert all(rows[row.tobytes()] == label for row, label in zip(together, labels))
    indices = stratified_split(digits.target, (0.2, 0.2), seed=0)
    assert sorted(np.concatenate(indices).tolist()) == list(range(1797))


def test_split_is_stratified(split):
    overall = np.bincount(np.concatenate([split.train.labels, split.validation.labels, split.test.labels]))
    for part in (split.train, split.validation, split.test):
        share = np.bincount(part.labels, minlength=10) / len(part)
        # each class's share differs from its overall share by at most one image's worth of rounding
        assert np.all(np.abs(share - overall / overall.sum()) <= 1.0 / len(part) + 1e-12)


def test_split_is_fixed_by_its_seed():
    first, again, other = load_digits_split(seed=0), load_digits_split(seed=0), load_digits_split(seed=1)
    assert np.array_equal(first.test.labels, again.test.labels)
    assert np.array_equal(first.train.inputs, again.train.inputs)
    assert not np.array_equal(first.train.inputs, other.train.inputs)


def test_stratified_split_refuses_fractions_that_do_not_leave_a_part():
    with pytest.raises(SettingError, match="sum to less than 1"):
        stratified_split(np.arange(10) % 2, (0.5, 0.5), seed=0)


def test_one_hot_rejects_labels_out_of_range():
    assert np.array_equal(one_hot(np.array([2, 0]), 3), [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(LabelError, match="0 … 9"):
        one_hot(np.array([3, 10]))


def test_held_out_digits_are_the_test_digits_in_a_fixed_order(split):
    inputs, labels = held_out_inputs(split), held_out_labels(split)
    assert inputs.shape == split.test.inputs.shape
    assert not np.array_equal(labels, split.test.labels)  # shuffled, not the test order
    assert np.array_equal(np.sort(labels), np.sort(split.test.labels))
    assert np.array_equal(held_out_inputs(load_digits_split(seed=0)), inputs)


def test_format_classes_writes_60_digits_a_line():
    text = format_classes(np.arange(130) % 10)
    assert [len(line) for line in text.splitlines()] == [60, 60, 10]
    assert text.startswith("0123456789")


# Mini-batch training ----------------------------------------------------------------------------


def test_batches_cover_every_index_once_and_the_last_batch_is_smaller():
    cut = batches(10, 4, np.random.RandomState(0))
    assert [len(batch) for batch in cut] == [4, 4, 2]
    assert sorted(np.concatenate(cut).tolist()) == list(range(10))


def test_accuracy_counts_the_highest_score():
    scores = np.array([[0.1, 2.0], [3.0, 0.5], [0.0, 0.1]])
    assert accuracy(scores, np.array([1, 0, 0])) == pytest.approx(2 / 3)
    with pytest.raises(ShapeError, match="N class indices"):
        accuracy(scores, np.array([1, 0]))


def manual_epochs(network, inputs, labels, optimizer, batch_size, seed, epochs, weight_decay=0.0):
    """The loop written out, to compare train_minibatch with."""
    rng, loss, losses = np.random.RandomState(seed), SoftmaxWithLoss(), []
    for _ in range(epochs):
        order, total = rng.permutation(len(labels)), 0.0
        for start in range(0, len(labels), batch_size):
            batch = order[start : start + batch_size]
            total += loss.forward(network.forward(inputs[batch]), labels[batch]) * len(batch)
            network.backward(loss.backward())
            grads = {
                name: grad + (weight_decay * network.params[name] if name.endswith("weights") else 0)
                for name, grad in network.grads.items()
            }
            optimizer.step(network.params, grads)
        losses.append(total / len(labels))
    return losses


def test_train_minibatch_is_the_shuffled_loop_written_out(split):
    inputs, labels = split.train.inputs[:70], split.train.labels[:70]
    network, reference = relu_network([64, 12, 10], seed=3), relu_network([64, 12, 10], seed=3)
    history = train_minibatch(
        network,
        inputs,
        labels,
        loss=SoftmaxWithLoss(),
        optimizer=Adam(0.01),
        epochs=3,
        batch_size=16,
        seed=7,
        weight_decay=0.01,
    )
    expected = manual_epochs(reference, inputs, labels, Adam(0.01), 16, 7, 3, weight_decay=0.01)
    assert history.train_loss == pytest.approx(expected, rel=1e-12)
    for name, param in network.params.items():
        assert np.allclose(param, reference.params[name], rtol=0, atol=1e-12)


def test_train_minibatch_is_deterministic_and_records_validation(split):
    def run():
        network = relu_network([64, 16, 10], seed=0)
        return train_minibatch(
            network,
            split.train.inputs,
            split.train.labels,
            loss=SoftmaxWithLoss(),
            optimizer=Adam(0.01),
            epochs=3,
            batch_size=32,
            seed=0,
            validation=(split.validation.inputs, split.validation.labels),
        )

    first, second = run(), run()
    assert first.train_loss == second.train_loss and first.validation_loss == second.validation_loss
    assert first.epochs == 3 and len(first.validation_accuracy) == 3
    assert first.validation_accuracy[-1] > 0.8  # three epochs already read most digits


def test_early_stopping_stops_and_puts_back_the_best_weights(split):
    network = relu_network([64, 32, 10], seed=0)
    validation = (split.validation.inputs, split.validation.labels)
    history = train_minibatch(
        network,
        split.train.inputs,
        split.train.labels,
        loss=SoftmaxWithLoss(),
        optimizer=Adam(0.01),
        epochs=200,
        batch_size=32,
        validation=validation,
        patience=3,
    )
    assert history.stopped_early and history.epochs == history.best_epoch + 4
    best = min(history.validation_loss)
    assert history.validation_loss[history.best_epoch] == best
    assert SoftmaxWithLoss().forward(network.forward(validation[0]), validation[1]) == pytest.approx(best, rel=1e-12)


def test_train_minibatch_refuses_bad_settings(split):
    network = relu_network([64, 4, 10], seed=0)
    common = dict(loss=SoftmaxWithLoss(), optimizer=SGD(0.1))
    with pytest.raises(SettingError, match="batch_size"):
        train_minibatch(network, split.train.inputs, split.train.labels, epochs=1, batch_size=0, **common)
    with pytest.raises(SettingError, match="validation"):
        train_minibatch(network, split.train.inputs, split.train.labels, epochs=1, batch_size=8, patience=2, **common)
    with pytest.raises(SettingError, match="weight_decay"):
        train_minibatch(
            network, split.train.inputs, split.train.labels, epochs=1, batch_size=8, weight_decay=-1, **common
        )


# L2 weight decay ---------------------------------------------------------------------------------


def test_l2_gradient_is_the_numerical_gradient_of_the_penalty():
    network = relu_network([5, 4, 3], seed=2)
    params = network.params
    grads = {name: np.zeros_like(param) for name, param in params.items()}
    add_l2_gradient(params, grads, 0.3)
    for name, param in params.items():
        numeric = numerical_gradient(lambda: l2_penalty(params, 0.3), param)
        if name.endswith("bias"):
            assert np.all(grads[name] == 0) and np.allclose(numeric, 0)  # biases are not decayed
        else:
            assert relative_error(grads[name], numeric) < 1e-7


def test_l2_penalty_is_half_lambda_times_the_squared_weights():
    params = {"affine1.weights": np.array([[1.0, -2.0]]), "affine1.bias": np.array([5.0, 5.0])}
    assert l2_penalty(params, 0.1) == pytest.approx(0.5 * 0.1 * 5.0)


# Initialisation ----------------------------------------------------------------------------------


def test_weight_scales():
    assert weight_scale("he", 50) == pytest.approx(0.2)
    assert weight_scale("xavier", 25) == pytest.approx(0.2)
    assert weight_scale(0.01, 100) == 0.01
    for wrong in ("kaiming", 0, -0.5, True):
        with pytest.raises(SettingError) as refused:
            weight_scale(wrong, 10)
        said = str(refused.value)
        assert '"he", "xavier" or a positive number' in said and f"got {wrong!r}" in said, said


def test_relu_network_shapes_and_he_draws():
    network = relu_network([64, 100, 50, 10], seed=0)
    assert [type(layer).__name__ for layer in network.layers] == ["Affine", "ReLU", "Affine", "ReLU", "Affine"]
    rng = np.random.RandomState(0)
    assert np.array_equal(network["affine1"].weights, rng.randn(64, 100) * np.sqrt(2 / 64))
    assert np.array_equal(network["affine2"].weights, rng.randn(100, 50) * np.sqrt(2 / 100))
    assert network.forward(np.zeros((3, 64))).shape == (3, 10)
    with pytest.raises(SettingError, match="sizes"):
        relu_network([64], seed=0)


def test_he_keeps_the_spread_of_deep_relu_layers_while_small_weights_fade(split):
    sizes = [64, 100, 100, 100, 100, 10]
    he = [layer.std() for layer in hidden_outputs(relu_network(sizes, seed=0), split.train.inputs)]
    small = [layer.std() for layer in hidden_outputs(relu_network(sizes, seed=0, init=0.01), split.train.inputs)]
    assert len(he) == 4
    assert 0.5 < he[-1] / he[0] < 2  # He: the spread stays the same order from layer 1 to 4
    assert small[-1] / small[0] < 1e-3  # 0.01: each layer shrinks it about tenfold


def test_learning_curves_mark_the_kept_epoch_only_when_training_stopped_early():
    from backprop_lib.figures.digits import plot_learning_curves
    from backprop_lib.training import MiniBatchHistory

    def run(stopped_early: bool) -> MiniBatchHistory:
        return MiniBatchHistory(
            [2.3, 0.5, 0.2, 0.1],
            [0.1, 0.8, 0.9, 0.95],
            [2.2, 0.4, 0.5, 0.6],
            [0.1, 0.85, 0.84, 0.83],
            best_epoch=1,
            stopped_early=stopped_early,
        )

    def vertical_lines_at(figure) -> list[list[float]]:
        return [
            [float(line.get_xdata()[0]) for line in ax.lines if len(set(line.get_xdata())) == 1] for ax in figure.axes
        ]

    stopped = plot_learning_curves({"Adam": run(True)})
    assert vertical_lines_at(stopped) == [[2.0], [2.0]]  # both panels, at the kept epoch (epochs count from 1)
    assert "kept the weights of epoch 2" in stopped.descriptions[0]
    ran_out = plot_learning_curves({"Adam": run(False)})
    assert vertical_lines_at(ran_out) == [[], []] and "kept" not in ran_out.descriptions[0]
