"""Lesson 4's explorer: move three scores and a temperature, see softmax's probabilities and y − t.

``softmax_state`` is the plain function behind the controls: it runs backprop_lib's SoftmaxWithLoss
on the scaled scores z = s / τ and returns the probabilities y (소프트맥스), the cross-entropy
(교차 엔트로피) of the chosen target and the gradient ∂L/∂z = y − t that starts the backward pass.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ..errors import positive_number
from ..figures.palette import GRADIENT_TEXT
from ..figures.softmax import plot_softmax
from ..losses import SoftmaxWithLoss
from ..messages import message
from .base import TABLE, Explorer, Frame, choice, number_box, toggle_buttons

DOCUMENT_SCORES = (5.3, 0.3, 10.1)  # document 003's scores


class SoftmaxState(NamedTuple):
    """Softmax of the scaled scores, the loss of the target class, and the gradient y − t."""

    scores: np.ndarray
    temperature: float
    target: int
    probabilities: np.ndarray
    loss: float
    gradient: np.ndarray  # ∂L/∂z for z = scores / temperature: y − t; ∂L/∂scores is this / temperature


def softmax_state(scores: ArrayLike = DOCUMENT_SCORES, temperature: float = 1.0, target: int = 0) -> SoftmaxState:
    """Forward and backward through SoftmaxWithLoss for one sample with scores / temperature."""
    temperature = positive_number(temperature, "softmax_state: temperature", "1.0")
    scores = np.asarray(scores, dtype=np.float64)
    layer = SoftmaxWithLoss()
    loss = layer.forward((scores / temperature).reshape(1, -1), np.array([target]))
    gradient = layer.backward()[0]  # batch of one: (y − t) / 1
    return SoftmaxState(scores, float(temperature), int(target), layer.probabilities[0], loss, gradient)


def describe_softmax(state: SoftmaxState) -> str:
    """Scores, probabilities, loss and gradient at fixed precision."""

    def listed(values: np.ndarray, form: str) -> str:
        return ", ".join(format(float(value) + 0.0, form) for value in values)

    return message(
        "softmax.summary",
        scores=listed(state.scores, ".1f"),
        temperature=f"{state.temperature:.2f}",
        target=state.target,
        probabilities=listed(state.probabilities, ".4f"),
        loss=f"{state.loss:.4f}",
        gradient=listed(state.gradient, "+.4f"),
    )


def _caption(state: SoftmaxState) -> str:
    """A small table: y, t and y − t for every class."""
    one_hot = np.eye(state.scores.size)[state.target]
    rows = "".join(
        f"<tr><td>{message('figure.class', k=k)}</td><td>{score:.1f}</td><td>{probability:.4f}</td><td>{target:g}</td>"
        f"<td style='color:{GRADIENT_TEXT}'>{gradient:+.4f}</td></tr>"
        for k, (score, probability, target, gradient) in enumerate(
            zip(state.scores, state.probabilities, one_hot, state.gradient)
        )
    )
    return (
        message("softmax.caption", target=state.target, loss=f"{state.loss:.4f}")
        + f"{TABLE}<tr><th></th><th>{message('softmax.score_s')}</th><th>y</th><th>t</th><th>y − t</th></tr>"
        + f"{rows}</table>"
    )


def softmax_explorer(scores: ArrayLike = DOCUMENT_SCORES, temperature: float = 1.0, target: int = 0) -> Explorer:
    """Number fields for three scores, a choice of temperature and of target class."""
    score_fields = [
        number_box(message("softmax.score", k=k), float(score), -5.0, 12.0, 0.1) for k, score in enumerate(scores)
    ]
    temperature_field = choice(
        message("softmax.temperature"), [0.1, 0.2, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0], float(temperature)
    )
    target_buttons = toggle_buttons(
        [(message("figure.class", k=k), k) for k in range(len(scores))], target, message("softmax.target")
    )
    controls = [*score_fields, temperature_field, target_buttons]

    def render() -> Frame:
        state = softmax_state([field.value for field in score_fields], temperature_field.value, target_buttons.value)
        figure = plot_softmax(state.scores, state.temperature, state.target)
        return Frame(figure, _caption(state), describe_softmax(state))

    explorer = Explorer("softmax", message("softmax.title"), controls, render)
    explorer.watch(*controls)
    return explorer
