"""Figures of computed values draw the same pixels when those values differ only in their last bits.

Training on another CPU or numpy version changes the last bits of weights and losses; `make lessons`
must not rewrite a lesson's pictures for that. The figures round what they draw (figures.style.as_drawn).
"""

import numpy as np

from backprop_lib.figures.described import figure_png
from backprop_lib.figures.regions import plot_decision_regions, plot_hidden_lines
from backprop_lib.figures.style import DRAWN_DIGITS, as_drawn

XOR_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_LABELS = np.array([0, 1, 1, 0])
WEIGHTS = np.array([[5.78947689, 5.61073991, -2.66391388], [-2.47555936, 5.6326184, 5.82295068]])
BIAS = np.array([-2.3, -8.1, -2.2])


def last_bits_apart(values: np.ndarray) -> np.ndarray:
    """The same values a few units in the last place away, as another machine might compute them."""
    return np.nextafter(np.nextafter(values, np.inf), np.inf)


def probability(weights: np.ndarray, bias: np.ndarray):
    """A small 2-3-1 sigmoid network's probability of class 1, as the lesson's trained network gives it."""

    def predict(points: np.ndarray) -> np.ndarray:
        hidden = 1 / (1 + np.exp(-(points @ weights + bias)))
        return 1 / (1 + np.exp(-(hidden @ np.array([[7.1], [-7.4], [7.0]]) - 3.2)))

    return predict


def regions_png(weights: np.ndarray, bias: np.ndarray) -> bytes:
    figure = plot_decision_regions(probability(weights, bias), XOR_INPUTS, XOR_LABELS, title="regions")
    plot_hidden_lines(weights, bias, figure.axes[0])
    return figure_png(figure)


def test_as_drawn_keeps_six_significant_digits_and_leaves_zero_and_non_finite_values_alone():
    drawn = as_drawn([1.23456789, -9.87654321e-9, 0.0, np.inf, np.nan, 1e300])
    assert DRAWN_DIGITS == 6
    assert drawn[0] == 1.23457 and drawn[1] == -9.87654e-9 and drawn[2] == 0.0
    assert drawn[3] == np.inf and np.isnan(drawn[4]) and drawn[5] == 1e300


def test_values_a_few_bits_apart_are_drawn_identically():
    values = np.array([0.123456789012, 5.78947689, -2.66391388e-7])
    assert np.all(values != last_bits_apart(values))
    assert np.array_equal(as_drawn(values), as_drawn(last_bits_apart(values)))


def test_decision_regions_and_hidden_lines_draw_the_same_pixels_for_last_bit_differences():
    assert regions_png(WEIGHTS, BIAS) == regions_png(last_bits_apart(WEIGHTS), last_bits_apart(BIAS))


def test_a_visible_change_still_changes_the_picture():
    moved = WEIGHTS.copy()
    moved[0, 0] += 0.5
    assert regions_png(WEIGHTS, BIAS) != regions_png(moved, BIAS)
