"""The homework's answer-free checks (backprop_lib.homework_checks): right answers pass, wrong ones fail
with a message that says which array differs, never why (exercises 5 and 9 ask the why)."""

import numpy as np
import pytest
from test_homework import document_000_rule as document_rule  # document 000's code, written out in the tests

from backprop_lib import document_000_start
from backprop_lib.exercises import CheckFailed
from backprop_lib.homework import SuspectAffine, params_from_network
from backprop_lib.homework_checks import check_document_000_rule, check_fixed_affine, document_000_rule
from backprop_lib.layers import Affine
from backprop_lib.messages import use_language


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves the library speaking English, as a fresh kernel does."""
    yield
    use_language("en")


def true_gradient(inputs, targets, params):
    """The true gradient of C: the output ReLU's slope and the factor 2 included."""
    m = inputs.shape[0]
    z1 = inputs @ params["W1"] + params["b1"]
    a1 = np.maximum(0, z1)
    z2 = a1 @ params["W2"] + params["b2"]
    a2 = np.maximum(0, z2)
    grad_z2 = (2 / m) * (a2 - targets) * (z2 > 0)
    grad_z1 = (grad_z2 @ params["W2"].T) * (z1 > 0)
    grads = {"W1": inputs.T @ grad_z1, "b1": grad_z1.sum(axis=0), "W2": a1.T @ grad_z2, "b2": grad_z2.sum(axis=0)}
    return float(np.sum((a2 - targets) ** 2) / m), grads


def test_the_library_reference_is_document_000s_code():
    inputs, targets, network = document_000_start()
    params = params_from_network(network)
    expected = document_rule(inputs, targets, params)[1]
    for name, grad in document_000_rule(inputs, targets, params).items():
        np.testing.assert_allclose(grad, expected[name], rtol=1e-12, atol=1e-15)


def test_the_document_rule_passes_and_the_true_gradient_fails_without_naming_the_difference():
    inputs, targets, network = document_000_start()
    params = params_from_network(network)
    check_document_000_rule(document_rule, inputs, targets, params, "at the start")
    with pytest.raises(CheckFailed) as failed:
        check_document_000_rule(true_gradient, inputs, targets, params, "at the start")
    text = str(failed.value)
    assert text.startswith("at the start, grads['W1']") and "relative error" in text
    for giveaway in ("C/2", "half", "factor", "ReLU", "derivative", "Z2"):
        assert giveaway not in text.replace("grads['W1']", ""), giveaway


def test_a_gradient_of_the_wrong_shape_fails_instead_of_broadcasting():
    inputs, targets, network = document_000_start()
    params = params_from_network(network)

    def flat_bias(inputs, targets, params):
        cost, grads = document_rule(inputs, targets, params)
        return cost, {**grads, "b2": np.full((3, 1), grads["b2"][0])}

    with pytest.raises(CheckFailed, match="b2"):
        check_document_000_rule(flat_bias, inputs, targets, params, "at the start")


class FixedAffine(SuspectAffine):
    def backward(self, grad_output):
        self.grad_weights = self.x.T @ grad_output
        if self.bias is not None:
            self.grad_bias = grad_output.sum(axis=0)
        return grad_output @ self.weights.T


def test_a_fixed_affine_passes_and_the_suspect_fails_on_a_number_not_a_cause(capsys):
    check_fixed_affine(FixedAffine)
    check_fixed_affine(Affine)
    assert "grad_weights = " in capsys.readouterr().out
    with pytest.raises(CheckFailed) as failed:
        check_fixed_affine(SuspectAffine)
    text = str(failed.value)
    assert text.startswith("grad_weights")
    for giveaway in ("twice", "second", "call", "accumulat", "add"):
        assert giveaway not in text, giveaway


def test_the_messages_are_korean_in_the_korean_edition():
    use_language("ko")
    inputs, targets, network = document_000_start()
    with pytest.raises(CheckFailed, match="문서의 공식"):
        check_document_000_rule(true_gradient, inputs, targets, params_from_network(network), "출발점에서")
