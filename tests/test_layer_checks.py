"""Lesson 2's checks (backprop_lib.layer_checks): a right answer passes, each known slip gets its own hint."""

import numpy as np
import pytest

from backprop_lib import document_004_numbers
from backprop_lib.exercises import exercise_check
from backprop_lib.layer_checks import (
    check_hidden_delta,
    check_relu_layer,
    check_sgd,
    check_sigmoid_layer,
    check_step_two,
)
from backprop_lib.messages import message, use_language

INPUTS = np.array([[-1.5, 0.0, 2.0], [0.5, -0.25, 3.0]])
UPSTREAM = np.array([[1.0, 2.0, -3.0], [4.0, 5.0, 6.0]])


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves the library speaking English, as a fresh kernel does."""
    yield
    use_language("en")


class RightReLU:
    """max(0, x); backward passes the gradient where x > 0."""

    def forward(self, x):
        self.mask = x > 0
        return np.where(self.mask, x, 0.0)

    def backward(self, grad_output):
        return np.where(self.mask, grad_output, 0.0)


class InvertedMask(RightReLU):
    def backward(self, grad_output):
        return np.where(self.mask, 0.0, grad_output)


class ZeroPasses(RightReLU):
    def forward(self, x):
        self.mask = x >= 0
        return np.where(self.mask, x, 0.0)


class MaskAlone(RightReLU):
    def backward(self, grad_output):
        return self.mask * 1.0


class ForwardInPlace(RightReLU):
    def forward(self, x):
        self.mask = x > 0
        x[~self.mask] = 0.0
        return x


class BackwardInPlace(RightReLU):
    def backward(self, grad_output):
        grad_output[~self.mask] = 0.0
        return grad_output


class BackwardNone(RightReLU):
    def backward(self, grad_output):
        grad_output[~self.mask] = 0.0


def verdict(capsys, layer_class) -> list[str]:
    """The lines the check cell prints for ``layer_class`` (on copies: a slip may change its arrays)."""
    with exercise_check(4):
        check_relu_layer(layer_class, INPUTS.copy(), UPSTREAM.copy())
    return capsys.readouterr().out.splitlines()


def test_a_right_layer_prints_the_values_and_passes(capsys):
    lines = verdict(capsys, RightReLU)
    assert lines[-1] == "✓ Exercise 4 passed."
    assert "backward(grad_output) = [[ 0.00000000,  0.00000000, -3.00000000]," in lines


@pytest.mark.parametrize(
    ("layer_class", "key"),
    [
        (InvertedMask, "relu_mask_inverted"),
        (ZeroPasses, "relu_zero_passes"),
        (MaskAlone, "relu_mask_alone"),
        (ForwardInPlace, "relu_forward_in_place"),
        (BackwardInPlace, "relu_backward_in_place"),
        (BackwardNone, "relu_backward_none"),
    ],
)
def test_each_slip_gets_its_hint_in_the_notebooks_language(capsys, layer_class, key):
    for language, verdict_start in (("en", "✗ Exercise 4: "), ("ko", "✗ 연습 4: ")):
        use_language(language)
        assert verdict(capsys, layer_class)[-1] == verdict_start + message(f"layer_checks.{key}")


def test_the_check_leaves_the_callers_arrays_alone():
    inputs, upstream = INPUTS.copy(), UPSTREAM.copy()
    check_relu_layer(RightReLU, inputs, upstream)
    assert np.array_equal(inputs, INPUTS) and np.array_equal(upstream, UPSTREAM)


# --- the other exercises of lesson 2 -------------------------------------------------------------
def last_line(capsys, number: int, check) -> str:
    """The verdict line the check cell of exercise ``number`` prints when it runs ``check()``."""
    with exercise_check(number):
        check()
    return capsys.readouterr().out.splitlines()[-1]


# --- exercise 1: ∂E/∂h2, ∂E/∂W4 and W4+ --------------------------------------------------------
# document 004's forward pass, written out once more for the test (the lesson's sections 2 and 3)
X, T, W = document_004_numbers()
H1 = 1 / (1 + np.exp(-(W["W1"] * X[0, 0] + W["W2"] * X[0, 1])))
H2 = 1 / (1 + np.exp(-(W["W3"] * X[0, 0] + W["W4"] * X[0, 1])))
O1 = 1 / (1 + np.exp(-(W["W5"] * H1 + W["W6"] * H2)))
O2 = 1 / (1 + np.exp(-(W["W7"] * H1 + W["W8"] * H2)))
DELTA_O1, DELTA_O2, X2 = (O1 - T[0, 0]) * O1 * (1 - O1), (O2 - T[0, 1]) * O2 * (1 - O2), X[0, 1]


def step_two(dE_dh2):
    grad_W4 = dE_dh2 * H2 * (1 - H2) * X2
    return dE_dh2, grad_W4, W["W4"] - 0.5 * grad_W4


def test_step_two_passes_the_right_answer_and_prints_the_documents_numbers(capsys):
    with exercise_check(1):
        check_step_two(*step_two(DELTA_O1 * W["W6"] + DELTA_O2 * W["W8"]))
    assert capsys.readouterr().out.splitlines() == [
        "dE_dh2 = 0.02848945",
        "grad_W4 = 0.00142017",
        "W4_new = 0.34928991",
        "✓ Exercise 1 passed.",
    ]


@pytest.mark.parametrize(
    ("dE_dh2", "key"),
    [
        (DELTA_O1 * W["W6"], "step_two_one_path"),
        (DELTA_O2 * W["W8"], "step_two_one_path"),
        (DELTA_O1 * W["W5"] + DELTA_O2 * W["W7"], "step_two_h1_weights"),
    ],
)
def test_step_two_names_each_slip(capsys, dE_dh2, key):
    assert last_line(capsys, 1, lambda: check_step_two(*step_two(dE_dh2))) == (
        "✗ Exercise 1: " + message(f"layer_checks.{key}")
    )


def test_step_two_waits_for_an_answer(capsys):
    assert "not done yet" in last_line(capsys, 1, lambda: check_step_two(..., ..., ...))


# --- exercise 2: the hidden δ --------------------------------------------------------------
DELTA_OUTPUT = np.array([[0.3, -0.2]])
OUTPUT_WEIGHTS = np.array([[0.45, 0.7], [0.4, 0.6]])
HIDDEN = np.array([[0.52, 0.53]])
EXPECTED = (DELTA_OUTPUT @ OUTPUT_WEIGHTS.T) * HIDDEN * (1 - HIDDEN)


@pytest.mark.parametrize(
    ("hidden_delta", "key"),
    [
        (lambda d, w, h: (d @ w) * h * (1 - h), "delta_no_transpose"),
        (lambda d, w, h: d @ w.T, "delta_no_slope"),
    ],
)
def test_hidden_delta_names_each_slip_in_both_languages(capsys, hidden_delta, key):
    for language, start in (("en", "✗ Exercise 2: "), ("ko", "✗ 연습 2: ")):
        use_language(language)
        line = last_line(
            capsys, 2, lambda: check_hidden_delta(hidden_delta, DELTA_OUTPUT, OUTPUT_WEIGHTS, HIDDEN, EXPECTED)
        )
        assert line == start + message(f"layer_checks.{key}")


def test_hidden_delta_passes_the_right_line(capsys):
    def right(d, w, h):
        return (d @ w.T) * h * (1 - h)

    assert last_line(capsys, 2, lambda: check_hidden_delta(right, DELTA_OUTPUT, OUTPUT_WEIGHTS, HIDDEN, EXPECTED)) == (
        "✓ Exercise 2 passed."
    )


# --- exercise 3: the Sigmoid layer ------------------------------------------------------------
SUMS = np.array([[0.08, 0.11], [0.44, 0.68]])
REACHING = np.array([[0.02, 0.03], [0.2, 0.06]])


class RightSigmoid:
    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, grad_output):
        return grad_output * self.out * (1 - self.out)


class NoSlope(RightSigmoid):
    def backward(self, grad_output):
        return grad_output


class NoUpstream(RightSigmoid):
    def backward(self, grad_output):
        return self.out * (1 - self.out)


class SlopeAtX(RightSigmoid):
    def forward(self, x):
        self.x = x
        return super().forward(x)

    def backward(self, grad_output):
        return grad_output * self.x * (1 - self.x)


@pytest.mark.parametrize(
    ("layer_class", "key"),
    [(NoSlope, "sigmoid_no_slope"), (NoUpstream, "sigmoid_no_upstream"), (SlopeAtX, "sigmoid_slope_at_x")],
)
def test_sigmoid_names_each_slip(capsys, layer_class, key):
    line = last_line(capsys, 3, lambda: check_sigmoid_layer(layer_class, SUMS, REACHING))
    assert line == "✗ Exercise 3: " + message(f"layer_checks.{key}")


def test_sigmoid_passes_the_right_layer(capsys):
    assert last_line(capsys, 3, lambda: check_sigmoid_layer(RightSigmoid, SUMS, REACHING)) == "✓ Exercise 3 passed."


# --- exercise 6: SGD ---------------------------------------------------------------------
class RightSGD:
    def __init__(self, learning_rate):
        self.learning_rate = learning_rate

    def step(self, params, grads):
        for name, param in params.items():
            param -= self.learning_rate * grads[name]


class NotInPlace(RightSGD):
    def step(self, params, grads):
        for name, param in params.items():
            param = param - self.learning_rate * grads[name]  # noqa: F841 (the slip: a local name only)


class NewEntries(RightSGD):
    def step(self, params, grads):
        for name in params:
            params[name] = params[name] - self.learning_rate * grads[name]


class ReturnsNew(RightSGD):
    def step(self, params, grads):
        return {name: param - self.learning_rate * grads[name] for name, param in params.items()}


class Uphill(RightSGD):
    def step(self, params, grads):
        for name, param in params.items():
            param += self.learning_rate * grads[name]


class RateTwice(RightSGD):
    def step(self, params, grads):
        for name, param in params.items():
            param -= self.learning_rate**2 * grads[name]


class FirstOnly(RightSGD):
    def step(self, params, grads):
        for name, param in params.items():
            param -= self.learning_rate * grads[name]
            return


class ScalesGrads(RightSGD):
    def step(self, params, grads):
        for name, param in params.items():
            grads[name] *= self.learning_rate
            param -= grads[name]


@pytest.mark.parametrize(
    ("optimizer_class", "key"),
    [
        (NotInPlace, "sgd_not_in_place"),
        (NewEntries, "sgd_rebound_entry"),
        (ReturnsNew, "sgd_returned_new"),
        (Uphill, "sgd_uphill"),
        (RateTwice, "sgd_rate_twice"),
        (FirstOnly, "sgd_skipped"),
        (ScalesGrads, "sgd_changed_grads"),
    ],
)
def test_sgd_names_each_slip(capsys, optimizer_class, key):
    assert last_line(capsys, 6, lambda: check_sgd(optimizer_class)) == "✗ Exercise 6: " + message(f"layer_checks.{key}")


def test_sgd_passes_the_right_optimizer(capsys):
    assert last_line(capsys, 6, lambda: check_sgd(RightSGD)) == "✓ Exercise 6 passed."
