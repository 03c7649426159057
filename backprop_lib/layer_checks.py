"""Lesson 2's check of the student's ReLU layer, kept out of the check cell so that it shows no answer.

A slip such as an inverted mask is the answer with its two branches swapped: written in a check cell, it
would hand the student the answer. The check cell calls ``check_relu_layer`` instead; the expected numbers
are computed here and each known slip is named by its hint from the message catalogue (shown only when the
answer is wrong). Like ``backprop_lib.exercises`` it raises CheckFailed.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .exercises import CheckFailed, check_close, check_true
from .messages import message


def _reject_slip(got, slip: np.ndarray, key: str) -> None:
    """Raise the catalogue's hint ``key`` when ``got`` is the array a known slip gives."""
    try:
        same = np.shape(got) == slip.shape and np.allclose(np.asarray(got, dtype=np.float64), slip)
    except (TypeError, ValueError):  # not numbers: check_close names the problem
        return
    if same:
        raise CheckFailed(message(key))


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
    _reject_slip(grad_x, np.where(passes, 0.0, grad_output), "layer_checks.relu_mask_inverted")
    _reject_slip(grad_x, np.where(inputs >= 0, grad_output, 0.0), "layer_checks.relu_zero_passes")
    _reject_slip(grad_x, passes * 1.0, "layer_checks.relu_mask_alone")
    check_close("backward(grad_output)", grad_x, np.where(passes, grad_output, 0.0))
    check_close("MyReLU().forward on one vector", relu_class().forward(np.array([-2.0, 0.0, 0.5])), [0.0, 0.0, 0.5])
