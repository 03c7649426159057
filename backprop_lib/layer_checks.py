"""Lesson 2's exercise checks (step 2 by hand, hidden δ, Sigmoid, ReLU, SGD), kept out of the check cells.

A slip such as an inverted mask is the answer with its two branches swapped: written in a check cell, it
would hand the student the answer. The check cells call the functions here instead; the expected numbers
are computed here and each known slip is named by its hint from the message catalogue (shown only when the
answer is wrong). Like ``backprop_lib.exercises`` it raises CheckFailed.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .documents import document_004_numbers
from .exercises import CheckFailed, check_close, check_true, reject_slip
from .messages import message


def check_relu_layer(relu_class: Callable, inputs: np.ndarray, grad_output: np.ndarray) -> None:
    """A fresh ``relu_class()`` on ``inputs`` (which hold an exact 0), then backward of ``grad_output``."""
    inputs_before, grad_output_before = inputs.copy(), grad_output.copy()
    layer = relu_class()
    out = layer.forward(inputs)
    check_true(np.array_equal(inputs, inputs_before), message("layer_checks.relu_forward_in_place"))
    check_close("MyReLU().forward(x)", out, np.maximum(inputs, 0.0))
    grad_x = layer.backward(grad_output)
    check_true(grad_x is not None, message("layer_checks.relu_backward_none"))
    check_true(np.array_equal(grad_output, grad_output_before), message("layer_checks.relu_backward_in_place"))
    passes = inputs > 0
    reject_slip(grad_x, np.where(passes, 0.0, grad_output), "layer_checks.relu_mask_inverted")
    reject_slip(grad_x, np.where(inputs >= 0, grad_output, 0.0), "layer_checks.relu_zero_passes")
    reject_slip(grad_x, passes * 1.0, "layer_checks.relu_mask_alone")
    check_close("backward(grad_output)", grad_x, np.where(passes, grad_output, 0.0))
    check_close("MyReLU().forward on one vector", relu_class().forward(np.array([-2.0, 0.0, 0.5])), [0.0, 0.0, 0.5])


def check_hidden_delta(
    hidden_delta: Callable,
    delta_output: np.ndarray,
    output_weights: np.ndarray,
    hidden: np.ndarray,
    expected: np.ndarray,
) -> None:
    """Exercise 2: the student's δ(1) on document 004's numbers (hints for the usual slips), then on a wider batch."""
    got = hidden_delta(delta_output, output_weights, hidden)
    slope = hidden * (1 - hidden)
    reject_slip(got, (delta_output @ output_weights) * slope, "layer_checks.delta_no_transpose")
    reject_slip(got, delta_output @ output_weights.T, "layer_checks.delta_no_slope")
    check_close("hidden_delta(δ(2), W(2), H)", got, expected)
    wide_delta, wide_weights = np.array([[1.0, -2.0], [0.5, 1.0], [2.0, 0.0]]), np.arange(8.0).reshape(4, 2) / 8
    wide_hidden = np.array([[0.1, 0.5, 0.9, 0.3], [0.6, 0.2, 0.4, 0.8], [0.5, 0.5, 0.7, 0.1]])
    wide_got = hidden_delta(wide_delta, wide_weights, wide_hidden)
    check_true(np.shape(wide_got) == (3, 4), message("layer_checks.delta_shape", shape=np.shape(wide_got)))
    check_close(
        message("layer_checks.delta_wide_name"),
        wide_got,
        (wide_delta @ wide_weights.T) * wide_hidden * (1 - wide_hidden),
    )


def check_sgd(sgd_class: Callable) -> None:
    """Exercise 6: one step of ``sgd_class(0.1)`` on a dict of two arrays, which must change in place."""
    params = {"weights": np.array([[1.0, -2.0], [0.5, 3.0]]), "bias": np.array([0.5, -1.0])}
    grads = {"weights": np.array([[0.5, -0.25], [1.0, 2.0]]), "bias": np.array([1.0, -3.0])}
    weights, bias = params["weights"], params["bias"]  # the caller's arrays: the step must change these
    weights_before, bias_before = weights.copy(), bias.copy()
    grads_before = {name: grad.copy() for name, grad in grads.items()}
    returned = sgd_class(0.1).step(params, grads)
    if np.array_equal(weights, weights_before) and np.array_equal(bias, bias_before):
        if returned is not None:
            raise CheckFailed(message("layer_checks.sgd_returned_new"))
        if params["weights"] is not weights:
            raise CheckFailed(message("layer_checks.sgd_rebound_entry"))
        raise CheckFailed(message("layer_checks.sgd_not_in_place"))
    check_true(
        all(np.array_equal(grads[name], grads_before[name]) for name in grads),
        message("layer_checks.sgd_changed_grads"),
    )
    check_true(
        not np.array_equal(weights, weights_before) and not np.array_equal(bias, bias_before),
        message("layer_checks.sgd_skipped"),
    )
    reject_slip(weights, weights_before + 0.1 * grads["weights"], "layer_checks.sgd_uphill")
    reject_slip(weights, weights_before - 0.01 * grads["weights"], "layer_checks.sgd_rate_twice")
    check_close(message("layer_checks.sgd_weights_name"), weights, weights_before - 0.1 * grads["weights"])
    check_close(message("layer_checks.sgd_bias_name"), bias, bias_before - 0.1 * grads["bias"])


def _sigmoid(z):
    """σ(z) for the expected values of the checks below."""
    return 1 / (1 + np.exp(-z))


def check_step_two(dE_dh2: object, grad_W4: object, W4_new: object) -> None:
    """Exercise 1: ∂E/∂h2, ∂E/∂W4 and W4+ (learning rate 0.5) of document 004's network, recomputed here."""
    x, t, w = document_004_numbers()
    (x1, x2), (target1, target2) = x[0], t[0]
    h1, h2 = _sigmoid(w["W1"] * x1 + w["W2"] * x2), _sigmoid(w["W3"] * x1 + w["W4"] * x2)
    o1, o2 = _sigmoid(w["W5"] * h1 + w["W6"] * h2), _sigmoid(w["W7"] * h1 + w["W8"] * h2)
    delta_o1, delta_o2 = (o1 - target1) * o1 * (1 - o1), (o2 - target2) * o2 * (1 - o2)
    both_paths = delta_o1 * w["W6"] + delta_o2 * w["W8"]
    if dE_dh2 is not ...:  # the usual slips, named while the answer is still being written
        reject_slip(dE_dh2, np.array(delta_o1 * w["W6"]), "layer_checks.step_two_one_path")
        reject_slip(dE_dh2, np.array(delta_o2 * w["W8"]), "layer_checks.step_two_one_path")
        reject_slip(dE_dh2, np.array(delta_o1 * w["W5"] + delta_o2 * w["W7"]), "layer_checks.step_two_h1_weights")
        updated_w6 = w["W6"] - 0.5 * delta_o1 * h2
        updated_w8 = w["W8"] - 0.5 * delta_o2 * h2
        reject_slip(dE_dh2, np.array(delta_o1 * updated_w6 + delta_o2 * updated_w8), "layer_checks.step_two_updated")
    check_close("dE_dh2", dE_dh2, both_paths)
    gradient = both_paths * h2 * (1 - h2) * x2
    check_close("grad_W4", grad_W4, gradient)
    check_close("W4_new", W4_new, w["W4"] - 0.5 * gradient)


def check_sigmoid_layer(sigmoid_class: Callable, sums: np.ndarray, reaching: np.ndarray) -> None:
    """Exercise 3: ``sigmoid_class()`` forward on ``sums``, backward of ``reaching``, naming the usual slips."""
    layer = sigmoid_class()
    expected_out = _sigmoid(sums)
    check_close(message("layer_checks.sigmoid_forward_name"), layer.forward(sums), expected_out)
    deltas = layer.backward(reaching)
    reject_slip(deltas, reaching, "layer_checks.sigmoid_no_slope")
    reject_slip(deltas, expected_out * (1 - expected_out), "layer_checks.sigmoid_no_upstream")
    reject_slip(deltas, reaching * sums * (1 - sums), "layer_checks.sigmoid_slope_at_x")
    check_close(message("layer_checks.sigmoid_backward_name"), deltas, reaching * expected_out * (1 - expected_out))
