"""backprop_lib.homework: dict-style training reproduces document 000, the suspect layers really are buggy."""

from __future__ import annotations

import numpy as np
import pytest

from backprop_lib import (
    SGD,
    Affine,
    MeanSquaredError,
    Network,
    ReLU,
    ShapeError,
    document_000_start,
    gradient_check,
    train,
)
from backprop_lib.exercises import CheckFailed, ExerciseNotDone
from backprop_lib.homework import (
    PROBLEMS,
    Residual,
    StraightThroughReLU,
    SuspectAffine,
    SuspectReLU,
    SuspectSoftmaxWithLoss,
    gradient_descent,
    gradient_errors,
    held_out_loss,
    hidden_layer_count,
    make_problem,
    params_from_network,
    record_choices,
)

DOCUMENT_000_COSTS = [
    0.29617825471294423,
    0.1526954144570859,
    0.1361997979546046,
    0.12646802945091323,
    0.11914873921362253,
    0.11360293902089341,
    0.1093644928277771,
    0.10602391756213714,
    0.10337393702103817,
    0.1013015366442789,
]


def document_000_rule(inputs, targets, params):
    """Document 000's cost and backward pass (output ReLU's derivative skipped, no factor 2)."""
    m = inputs.shape[0]
    z1 = inputs @ params["W1"] + params["b1"]
    a1 = np.maximum(0, z1)
    a2 = np.maximum(0, a1 @ params["W2"] + params["b2"])
    grad_z2 = a2 - targets
    grad_z1 = (grad_z2 @ params["W2"].T) * (z1 > 0)
    return (1 / m) * np.sum((a2 - targets) ** 2), {
        "W1": (1 / m) * (inputs.T @ grad_z1),
        "b1": (1 / m) * grad_z1.sum(axis=0),
        "W2": (1 / m) * (a1.T @ grad_z2),
        "b2": (1 / m) * grad_z2.sum(axis=0),
    }


def test_params_from_network_names_and_copies():
    inputs, targets, network = document_000_start()
    params = params_from_network(network)
    assert list(params) == ["W1", "b1", "W2", "b2"]
    params["W1"][0, 0] += 1.0
    assert network["affine1"].weights[0, 0] != params["W1"][0, 0]


def test_gradient_descent_reproduces_document_000_to_14_decimals():
    inputs, targets, network = document_000_start()
    costs = gradient_descent(document_000_rule, inputs, targets, params_from_network(network), 0.01, 1000)
    assert np.allclose(costs[::100], DOCUMENT_000_COSTS, rtol=0, atol=5e-15)
    assert abs(costs[-1] - 0.09960295067283231) < 5e-15


def test_straight_through_relu_is_document_000s_rule():
    inputs, targets, start = document_000_start()
    network = Network([start["affine1"], start["relu1"], start["affine2"], StraightThroughReLU()])
    history = train(network, inputs, targets, loss=MeanSquaredError(), optimizer=SGD(0.005), epochs=1000)
    assert np.allclose(history.losses[::100], DOCUMENT_000_COSTS, rtol=0, atol=1e-13)


def test_gradient_errors_finds_the_missing_factor_two_once_no_output_is_blocked():
    inputs, targets, network = document_000_start()
    params = params_from_network(network)
    assert max(gradient_errors(document_000_rule, inputs, targets, params).values()) > 0.3
    gradient_descent(document_000_rule, inputs, targets, params, 0.01, 1000)
    halves = gradient_errors(document_000_rule, inputs, targets, params, cost_scale=0.5)
    assert max(halves.values()) < 1e-7


def test_gradient_descent_explains_badly_shaped_gradients():
    def keepdims_bias(inputs, targets, params):
        cost, grads = document_000_rule(inputs, targets, params)
        return cost, {**grads, "b1": grads["b1"].reshape(1, -1)}

    inputs, targets, network = document_000_start()
    with pytest.raises(ShapeError, match="gradient of b1 must have the shape"):
        gradient_descent(keepdims_bias, inputs, targets, params_from_network(network), 0.01, 1)


def test_suspect_relu_writes_into_the_incoming_gradient():
    x = np.random.RandomState(0).randn(4, 3)
    assert gradient_check(SuspectReLU(), x).ok
    assert not gradient_check(Residual(SuspectReLU()), x).ok
    assert gradient_check(Residual(ReLU()), x).ok


def test_suspect_affine_accumulates_over_backward_calls():
    rng = np.random.RandomState(1)
    layer, x = SuspectAffine(rng.randn(3, 2), np.zeros(2)), rng.randn(4, 3)
    assert gradient_check(layer, x).ok
    assert not gradient_check(layer, x).ok


def test_suspect_softmax_forgets_the_batch_size():
    scores = np.random.RandomState(2).randn(4, 3)
    assert gradient_check(SuspectSoftmaxWithLoss(), scores[:1], targets=[2]).ok
    assert not gradient_check(SuspectSoftmaxWithLoss(), scores, targets=[0, 1, 2, 1]).ok


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_problems_draw_the_shapes_their_loss_needs(name):
    inputs, targets = make_problem(name, 7, seed=0)
    assert inputs.shape[0] == 7 and len(targets) == 7
    again, _ = make_problem(name, 7, seed=0)
    assert np.array_equal(inputs, again)


def test_held_out_loss_says_which_output_shape_is_needed():
    one_score = Network([Affine(np.ones((2, 1)), np.zeros(1))])  # circles needs 2 class scores
    with pytest.raises(ShapeError, match="needs outputs of shape"):
        held_out_loss("circles", one_score, seed=0)
    assert hidden_layer_count(document_000_start().network) == 1


def test_record_choices_checks_form_only():
    with pytest.raises(ExerciseNotDone):
        record_choices("answer", ..., "ABC")
    with pytest.raises(CheckFailed):
        record_choices("answer", "Z", "ABC")
    with pytest.raises(CheckFailed):
        record_choices("answer", "A", "ABC", how_many="some")
    record_choices("answer", {"C", "A"}, "ABC", how_many="some")


def test_a_residual_around_a_layer_with_parameters_trains_and_checks_them():
    from backprop_lib import SGD, Affine, Network, gradient_check
    from backprop_lib.homework import Residual

    network = Network([Residual(Affine(np.eye(2) * 0.5, np.zeros(2)))])
    assert list(network.params) == ["residual1.weights", "residual1.bias"]  # before: none, so never trained
    x = np.array([[1.0, 2.0]])
    network.backward(np.ones_like(network.forward(x)))
    before = network.params["residual1.weights"].copy()
    SGD(0.1).step(network.params, network.grads)
    assert not np.array_equal(network["residual1"].layer.weights, before)
    report = gradient_check(Residual(Affine(np.eye(2) * 0.5, np.ones(2))), x)
    assert report.ok and {"weights", "bias"} <= set(report.errors)
