"""Lesson 6's explorer: pick a test digit, switch its pixels on and off, see the softmax probabilities change.

``digit_state`` and ``toggle_pixel`` are the plain logic behind the 8×8 grid of toggle buttons: the
first runs the trained network on one image and returns its softmax probabilities, the second
switches one pixel between ink (1) and paper (0).
"""

from __future__ import annotations

from typing import NamedTuple

import ipywidgets as widgets
import numpy as np
from numpy.typing import ArrayLike

from ..digits import IMAGE_SIDE, DigitSet
from ..errors import SettingError, ShapeError, describe
from ..figures.digits import plot_digit_probabilities
from ..losses import softmax
from ..messages import message
from ..protocols import Model
from .base import Explorer, Frame, number_box

INK = 0.5  # a pixel at or above this counts as ink: its toggle is shown pressed


class DigitState(NamedTuple):
    """One image (64 pixels in [0, 1]), the network's softmax probabilities for it, and its predicted class."""

    pixels: np.ndarray
    probabilities: np.ndarray
    predicted: int


def digit_state(network: Model, pixels: ArrayLike) -> DigitState:
    """Run the network on one image and turn its scores into probabilities."""
    pixels = np.asarray(pixels, dtype=np.float64).reshape(-1)
    if pixels.size != IMAGE_SIDE**2:
        raise ShapeError(message("error.explorers.pixels", got=describe(pixels)))
    probabilities = softmax(network.forward(pixels.reshape(1, -1)))[0]
    return DigitState(pixels, probabilities, int(np.argmax(probabilities)))


def toggle_pixel(pixels: ArrayLike, index: int) -> np.ndarray:
    """A copy of the image with pixel ``index`` (row · 8 + column) switched: ink becomes paper, paper becomes ink."""
    pixels = np.array(pixels, dtype=np.float64).reshape(-1)
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < pixels.size:
        raise SettingError(message("setting.index", who="toggle_pixel: index", last=pixels.size - 1, got=repr(index)))
    pixels[index] = 0.0 if pixels[index] >= INK else 1.0
    return pixels


def describe_digit(state: DigitState) -> str:
    """The predicted class and the three most likely classes at fixed precision."""
    top = np.argsort(-state.probabilities, kind="stable")[:3]
    listed = ", ".join(f"{k}: {state.probabilities[k]:.3f}" for k in top)
    return message("digits.says", predicted=state.predicted, listed=listed)


def digits_explorer(network: Model, digits: DigitSet, index: int = 0) -> Explorer:
    """A number field to pick one of ``digits`` and an 8×8 grid of toggles to edit it; redraws the probabilities.

    Every toggle is a <button> named by its tooltip ("pixel row 3, column 5"): Tab reaches it, Enter presses it.
    """
    picker = number_box(message("digits.picker"), index, 0, len(digits) - 1, 1)
    toggles = [
        widgets.ToggleButton(
            tooltip=message("digits.pixel", row=pixel // IMAGE_SIDE + 1, column=pixel % IMAGE_SIDE + 1),
            layout=widgets.Layout(width="28px", height="28px"),
        )
        for pixel in range(IMAGE_SIDE**2)
    ]
    grid = widgets.VBox([widgets.HBox(toggles[row * IMAGE_SIDE : (row + 1) * IMAGE_SIDE]) for row in range(IMAGE_SIDE)])
    image = {"pixels": digits.inputs[index].copy(), "loading": False}

    def load(change: object = None) -> None:
        """Show the picked digit: its pixels, and its toggles pressed where there is ink."""
        image["pixels"] = digits.inputs[picker.value].copy()
        image["loading"] = True
        for toggle, value in zip(toggles, image["pixels"]):
            toggle.value = bool(value >= INK)
        image["loading"] = False
        explorer.refresh()

    def edit(change: dict) -> None:
        """One toggle was pressed: switch its pixel and redraw."""
        if image["loading"]:
            return
        image["pixels"] = toggle_pixel(image["pixels"], toggles.index(change["owner"]))
        explorer.refresh()

    def render() -> Frame:
        state = digit_state(network, image["pixels"])
        true_class = int(digits.labels[picker.value])
        figure = plot_digit_probabilities(state.pixels, state.probabilities, true_class)
        caption = message("digits.caption", index=picker.value, true_class=true_class, predicted=state.predicted)
        summary = message("digits.summary", index=picker.value, true_class=true_class, state=describe_digit(state))
        return Frame(figure, caption, summary)

    for toggle, value in zip(toggles, image["pixels"]):
        toggle.value = bool(value >= INK)
    explorer = Explorer("digits", message("digits.title"), [picker, grid], render)
    picker.observe(load, names="value")
    for toggle in toggles:
        toggle.observe(edit, names="value")
    return explorer
