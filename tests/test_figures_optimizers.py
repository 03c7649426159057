"""The optimizer-path figures: paths computed by real optimizers, with the properties the lesson describes."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from backprop_lib import SGD, Adam, Momentum
from backprop_lib.errors import SettingError, ShapeError
from backprop_lib.figures.optimizers import (
    START,
    optimizer_path,
    plot_learning_rates,
    plot_optimizer_paths,
    valley_gradient,
    valley_loss,
)


def crossings(path: np.ndarray) -> int:
    """How often a path crosses the valley floor w₂ = 0."""
    signs = np.sign(path[:, 1])
    signs = signs[signs != 0]
    return int(np.sum(signs[1:] != signs[:-1]))


def test_gradient_is_the_slope_of_the_loss():
    point, eps = np.array([0.7, -0.3]), 1e-6
    numeric = [(valley_loss(*(point + eps * e)) - valley_loss(*(point - eps * e))) / (2 * eps) for e in np.eye(2)]
    np.testing.assert_allclose(valley_gradient(point), numeric, rtol=1e-7)


def test_path_starts_at_the_start_and_has_one_point_per_step():
    path = optimizer_path(SGD(0.01), steps=5)
    assert path.shape == (6, 2)
    np.testing.assert_array_equal(path[0], START)
    # one SGD step by hand: w − 0.01 · (w₁, 25 w₂) from (−4, 1)
    np.testing.assert_allclose(path[1], [-4 + 0.04, 1 - 0.25], rtol=1e-15)


def test_sgd_zigzags_across_the_valley_and_momentum_and_adam_get_closer():
    sgd = optimizer_path(SGD(0.07), 40)
    assert crossings(sgd) >= 30  # bounces from wall to wall at every step
    assert np.all(np.abs(np.diff(sgd[:10, 0])) < 0.3)  # while creeping along the valley
    momentum = optimizer_path(Momentum(0.02, 0.8), 40)
    adam = optimizer_path(Adam(0.3), 40)
    assert crossings(momentum) < crossings(sgd)
    assert valley_loss(*momentum[-1]) < valley_loss(*sgd[-1])
    assert valley_loss(*adam[-1]) < 0.1 and np.linalg.norm(adam[-1]) < 0.3  # Adam reaches the minimum region


def test_learning_rate_too_small_barely_moves_and_too_large_diverges():
    start_loss = valley_loss(*START)
    assert valley_loss(*optimizer_path(SGD(0.005), 40)[-1]) > 0.1 * start_loss
    assert valley_loss(*optimizer_path(SGD(0.05), 40)[-1]) < 0.02 * start_loss
    assert valley_loss(*optimizer_path(SGD(0.085), 40)[-1]) > 1000 * start_loss


def test_figures_are_returned_with_one_line_per_optimizer():
    figure = plot_optimizer_paths({"mine": SGD(0.07), "other": Adam(0.3)}, steps=10)
    assert isinstance(figure, Figure)
    labels = [line.get_label() for line in figure.axes[0].get_lines() if not line.get_label().startswith("_")]
    assert [label.split(":")[0] for label in labels] == ["mine", "other"]
    final = valley_loss(*optimizer_path(SGD(0.07), 10)[-1])
    assert labels[0] == f"mine: loss {final:.3g} after 10"  # the legend says where each path ended up
    assert len(plot_optimizer_paths().axes[0].get_legend().get_texts()) == 3
    assert len(plot_learning_rates().axes) == 3


@pytest.mark.parametrize(
    ("call", "error", "expected", "given"),
    [
        (
            lambda: optimizer_path(object()),
            SettingError,
            "an optimizer with a step(params, grads) method",
            "got object",
        ),
        (
            lambda: optimizer_path(SGD(0.1), steps=0),
            SettingError,
            "steps must be a whole number of at least 1",
            "got 0",
        ),
        (
            lambda: optimizer_path(SGD(0.1), start=(1.0, 2.0, 3.0)),
            ShapeError,
            "two numbers",
            "got a tuple ((1.0, 2.0, 3.0))",
        ),
        (lambda: plot_optimizer_paths({}), SettingError, "a dict {label: optimizer}, e.g.", "got a dict ({})"),
    ],
    ids=["optimizer", "steps", "start", "empty-dict"],
)
def test_bad_input_says_what_was_expected_and_what_was_given(call, error, expected, given):
    with pytest.raises(error) as refused:
        call()
    said = str(refused.value)
    assert expected in said and given in said, said
