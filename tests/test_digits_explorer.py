"""Lesson 6's explorer without a browser: its plain logic, and that its controls redraw it."""

from __future__ import annotations

import numpy as np
import pytest

from backprop_lib.digits import load_digits_split
from backprop_lib.errors import SettingError, ShapeError
from backprop_lib.explorers import digit_state, digits_explorer, toggle_pixel
from backprop_lib.losses import softmax
from backprop_lib.network import relu_network


@pytest.fixture(scope="module")
def test_digits():
    return load_digits_split(seed=0).test


def test_digit_state_is_the_softmax_of_the_network(test_digits):
    network = relu_network([64, 8, 10], seed=0)
    state = digit_state(network, test_digits.images[4])  # an 8×8 image is accepted too
    expected = softmax(network.forward(test_digits.inputs[4:5]))[0]
    assert np.allclose(state.probabilities, expected) and state.probabilities.sum() == pytest.approx(1)
    assert state.predicted == int(np.argmax(expected))
    with pytest.raises(ShapeError, match="64 pixels"):
        digit_state(network, np.zeros(63))


def test_toggle_pixel_switches_ink_and_paper_and_leaves_the_original():
    pixels = np.zeros(64)
    pixels[10] = 0.75
    inked = toggle_pixel(pixels, 3)
    assert inked[3] == 1.0 and pixels[3] == 0.0
    assert toggle_pixel(pixels, 10)[10] == 0.0
    with pytest.raises(SettingError, match="0 … 63"):
        toggle_pixel(pixels, 64)


def test_explorer_redraws_when_a_pixel_is_toggled_or_another_digit_is_picked(test_digits):
    network = relu_network([64, 8, 10], seed=0)
    explorer = digits_explorer(network, test_digits, index=0)
    picker, grid = explorer.controls
    first_summary, first_png = explorer.summary, explorer.png
    toggles = [toggle for row in grid.children for toggle in row.children]
    assert len(toggles) == 64
    assert [toggle.value for toggle in toggles] == list(test_digits.inputs[0] >= 0.5)
    toggles[27].value = not toggles[27].value
    edited = toggle_pixel(test_digits.inputs[0], 27)
    assert explorer.summary != first_summary and explorer.png != first_png
    assert f"{digit_state(network, edited).probabilities.max():.3f}" in explorer.summary
    picker.value = 5
    assert explorer.summary.startswith(f"test digit 5, true class {test_digits.labels[5]}")
    assert [toggle.value for toggle in toggles] == list(test_digits.inputs[5] >= 0.5)
    assert explorer.first_summary == first_summary


def test_every_control_is_a_named_keyboard_control(test_digits):
    """No slider (its handle has no accessible name): a number field, and 64 buttons named by their pixel."""
    import ipywidgets as widgets

    explorer = digits_explorer(relu_network([64, 8, 10], seed=0), test_digits, index=2)
    picker, grid = explorer.controls
    assert isinstance(picker, widgets.BoundedIntText) and picker.description == "test digit"
    assert (picker.min, picker.max, picker.value) == (0, len(test_digits) - 1, 2)
    names = [toggle.tooltip for row in grid.children for toggle in row.children]
    assert names[0] == "pixel row 1, column 1" and names[63] == "pixel row 8, column 8"
    assert len(set(names)) == 64
