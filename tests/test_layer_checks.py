"""Lesson 2's ReLU check: a right layer passes, each known slip gets its own hint, the answer stays out of sight."""

import numpy as np
import pytest

from backprop_lib.exercises import exercise_check
from backprop_lib.layer_checks import check_relu_layer
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
