"""The homework's checks that would give an answer away if written in a check cell (exercises 4 and 11).

Exercise 5 asks how document 000's backward pass differs from the true gradient, and exercise 9 what each
suspect layer's bug is. A check cell that tests for the pattern of an answer would state it before the
student has found it. These checks compute their expected numbers with the library's own layers and, when
an answer is wrong, say only which array differs and by how much (hints from the message catalogue).
Like ``backprop_lib.exercises`` they raise CheckFailed.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .exercises import check_close, check_true
from .formatting import format_number
from .gradcheck import gradient_check, relative_error
from .homework import StraightThroughReLU
from .layers import Affine, ReLU
from .messages import message
from .network import Network

Params = dict[str, np.ndarray]


def document_000_rule(inputs: np.ndarray, targets: np.ndarray, params: Params) -> Params:
    """Document 000's gradients (dZ2 = A2 − Y, 1/m in every gradient), computed with the library's layers."""
    network = Network(
        [Affine(params["W1"], params["b1"]), ReLU(), Affine(params["W2"], params["b2"]), StraightThroughReLU()]
    )
    outputs = network.forward(inputs)
    network.backward((outputs - targets) / len(inputs))
    hidden, output = network["affine1"], network["affine2"]
    return {"W1": hidden.grad_weights, "b1": hidden.grad_bias, "W2": output.grad_weights, "b2": output.grad_bias}


def check_document_000_rule(
    gradient_fn: Callable, inputs: np.ndarray, targets: np.ndarray, params: Params, when: str
) -> None:
    """Exercise 4: ``gradient_fn``'s gradients at ``params`` are those of document 000's formulas, to 1e-7."""
    _, grads = gradient_fn(inputs, targets, params)
    for name, expected in document_000_rule(inputs, targets, params).items():
        got = np.asarray(grads[name], dtype=np.float64)
        same_shape = got.shape == expected.shape
        error = relative_error(got, expected) if same_shape else 1.0
        check_true(
            same_shape and error < 1e-7,
            message("homework_checks.document_rule_differs", when=when, name=name, error=format_number(error, ".2g")),
        )


def check_fixed_affine(affine_class: Callable) -> None:
    """Exercise 11: the gradients ``affine_class`` stores and returns, compared with the library's Affine."""
    weights, x, grad = [[1.0, 2.0], [3.0, -1.0], [0.5, 0.0]], np.array([[1.0, 2.0, 3.0]]), np.array([[1.0, -1.0]])
    layer, reference = affine_class(weights, bias=[0.0, 0.0]), Affine(weights, bias=[0.0, 0.0])
    for _ in range(2):
        layer.forward(x)
        grad_x = layer.backward(grad)
    reference.forward(x)
    expected_grad_x = reference.backward(grad)
    check_close("grad_weights", layer.grad_weights, reference.grad_weights, digits=2)
    check_close("grad_bias", layer.grad_bias, reference.grad_bias, digits=2)
    check_close("grad_x", grad_x, expected_grad_x, digits=2)
    no_bias = affine_class(weights, bias=None)  # a layer may have no bias
    no_bias.forward(x)
    check_close(message("homework_checks.no_bias_name"), no_bias.backward(grad), expected_grad_x, digits=2)
    rng = np.random.RandomState(1)
    layer, x = affine_class(rng.randn(3, 2), np.zeros(2)), rng.randn(4, 3)
    check_true(
        gradient_check(layer, x).ok and gradient_check(layer, x).ok,
        message("homework_checks.gradient_check_fails", layer="FixedAffine"),
    )
