"""Softmax (소프트맥스) as bars: scores become probabilities, and cross-entropy's gradient is y − t.

``plot_softmax`` is a pure function of (scores, temperature, target): the softmax explorer
redraws it on every change of its controls. ``plot_cross_entropy_curve`` shows the loss −log p of the
probability given to the true class (교차 엔트로피), the "surprise" at the right answer.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from ..errors import LabelError, SettingError, ShapeError, describe, positive_number
from ..formatting import format_number
from ..losses import softmax
from ..messages import Templates, message
from .described import add_description, new_subplots
from .palette import BLACK, CLASS_COLORS, FORWARD_TEXT, GRADIENT_TEXT, cycle
from .style import EDGE_COLOR, FORWARD_COLOR, GRADIENT_COLOR, HIGHLIGHT_COLOR, figure_size

# The words of this module's text alternatives, in the notebook's language (backprop_lib.messages).
TEXT = Templates("describe.softmax")


def describe_softmax(
    title: str,
    scores: np.ndarray,
    probabilities: np.ndarray,
    temperature: float,
    target: int | None,
    gradient: np.ndarray | None,
    loss: float | None,
) -> str:
    """Every class's score, probability and (with a target) gradient, at the figure's precision."""
    items = "; ".join(
        TEXT["class"].format(k=k, score=format_number(score), probability=_value_text(probability))
        + (TEXT["class_gradient"].format(gradient=_value_text(gradient[k], "+")) if gradient is not None else "")
        for k, (score, probability) in enumerate(zip(scores, probabilities))
    )
    text = TEXT["softmax"].format(
        title=title.split(";")[0]
        + (TEXT["scaled"].format(temperature=format_number(temperature)) if temperature != 1.0 else ""),
        gradient=TEXT["with_gradient"].format(target=target) if target is not None else "",
        items=items,
    )
    if target is not None:
        text += TEXT["loss"].format(target=target, loss=f"{loss:.3f}")
    return text


def _checked_scores(scores) -> np.ndarray:
    """The scores of one sample as a finite 1-D float array, or a clear error."""
    values = np.asarray(scores, dtype=np.float64)
    if values.ndim == 2 and values.shape[0] == 1:
        values = values[0]
    if values.ndim != 1 or values.size < 2:
        raise ShapeError(message("error.softmax_figure.scores", got=describe(scores)))
    if not np.all(np.isfinite(values)):
        raise ShapeError(message("error.softmax_figure.finite", values=values))
    return values


def _checked_temperature(temperature) -> float:
    return positive_number(temperature, "plot_softmax: temperature", "1.0")


def _checked_target(target, class_count: int) -> int | None:
    if target is None:
        return None
    if isinstance(target, bool) or not isinstance(target, numbers.Integral) or not 0 <= target < class_count:
        raise LabelError(message("error.softmax_figure.target", last=class_count - 1, got=repr(target)))
    return int(target)


def _value_text(value: float, sign: str = "") -> str:
    """Three decimals, or two significant digits in scientific notation for tiny nonzero values."""
    if value == 0 or abs(value) >= 0.0005:
        return f"{value:{sign}.3f}"
    return f"{value:{sign}.1e}"


def plot_softmax(
    scores: ArrayLike, temperature: float = 1.0, target: int | None = None, ax: Axes | None = None
) -> Figure:
    """Bars of softmax(scores / temperature); with a target, also the gradient y − t of cross-entropy.

    Probabilities are blue bars (forward values); given the index of the true class, the
    gradient of −log y_target with respect to each score, y_k − t_k, is drawn as red bars beside
    them: negative for the true class (its score should rise), positive for the others.
    """
    values = _checked_scores(scores)
    temperature = _checked_temperature(temperature)
    target = _checked_target(target, values.size)
    probabilities = softmax(values / temperature)
    classes = np.arange(values.size)

    created = ax is None
    if created:
        figure, ax = new_subplots(figsize=figure_size(0.55))
    width = 0.38 if target is not None else 0.6
    shift = width / 2 if target is not None else 0.0
    bars = ax.bar(
        classes - shift, probabilities, width=width, color=FORWARD_COLOR, label=message("figure.probability_y")
    )
    labelled = values.size <= 6  # with more classes the value labels would collide
    for bar, probability in zip(bars if labelled else [], probabilities):
        ax.annotate(
            _value_text(probability),
            (bar.get_x() + bar.get_width() / 2, probability),
            textcoords="offset points",
            xytext=(0, 3),
            ha="center",
            fontsize=10,
            color=FORWARD_TEXT,
        )
    title = (
        message("figure.softmax_title")
        if temperature == 1.0
        else message("figure.softmax_title_scaled", temperature=f"{temperature:g}")
    )
    if target is not None:
        one_hot = np.zeros(values.size)
        one_hot[target] = 1.0
        gradient = probabilities - one_hot
        ax.bar(
            [target - shift],
            [1.0],
            width=width,
            fill=False,
            edgecolor=HIGHLIGHT_COLOR,
            linewidth=2,
            linestyle="--",
            label=message("figure.target_t"),
        )
        grad_label = (
            message("figure.gradient_s")
            if temperature == 1.0  # with τ: of z = s/τ
            else message("figure.gradient_z")
        )
        grad_bars = ax.bar(
            classes + shift,
            gradient,
            width=width,
            color=GRADIENT_COLOR,
            hatch="//",
            edgecolor=BLACK,
            linewidth=0.5,
            label=grad_label,
        )  # hatched: not told by colour alone
        for bar, value in zip(grad_bars if labelled else [], gradient):
            below = value < 0
            ax.annotate(
                _value_text(value, "+"),
                (bar.get_x() + bar.get_width() / 2, value),
                textcoords="offset points",
                xytext=(0, -13 if below else 3),
                ha="center",
                fontsize=10,
                color=GRADIENT_TEXT,
            )
        loss = -math.log(max(probabilities[target], 1e-300))
    else:
        gradient, loss = None, None
    description = describe_softmax(title, values, probabilities, temperature, target, gradient, loss)
    if target is not None:
        title += message("figure.cross_entropy_suffix", target=target, loss=f"{loss:.3f}")
        ax.set_ylim(-1.18, 1.18)
        ax.axhline(0.0, color=EDGE_COLOR, linewidth=1)
    else:
        ax.set_ylim(0.0, 1.12)
    if labelled:
        names = [message("figure.class_score", k=k, score=f"{score:g}") for k, score in zip(classes, values)]
    else:
        names = [f"{k}\n{score:g}" for k, score in zip(classes, values)]
        ax.set_xlabel(message("figure.class_score_below"))
    ax.set_xticks(classes, names)
    if target is not None:
        ax.get_xticklabels()[target].set_fontweight("bold")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2 if labelled else -0.3), ncol=3, fontsize=10)
    ax.set_ylabel(message("figure.probability" if target is None else "figure.probability_gradient"))
    ax.set_title(title)
    ax.grid(axis="x", visible=False)
    add_description(ax, description)
    if created:
        figure.tight_layout()
    return ax.figure


def plot_cross_entropy_curve(marked: dict[str, float] | None = None, ax: Axes | None = None) -> Figure:
    """The loss −log p against p, the probability given to the true class, with named points marked.

    marked maps a label to a probability in (0, 1], e.g. {"document 001": 0.5987}. The curve
    shows why cross-entropy punishes a confident wrong answer: as p → 0 the loss grows without bound.
    """
    marked = marked or {}
    for name, probability in marked.items():
        if isinstance(probability, bool) or not isinstance(probability, numbers.Real) or not 0 < probability <= 1:
            raise SettingError(message("error.softmax_figure.probability", name=repr(name), got=repr(probability)))
    created = ax is None
    if created:
        figure, ax = new_subplots(figsize=figure_size(0.5))
    p = np.linspace(0.005, 1.0, 400)
    ax.plot(p, -np.log(p), color=FORWARD_COLOR, linewidth=2)
    markers = ("o", "s", "D", "^", "v")
    for index, (name, probability) in enumerate(marked.items()):
        loss = -math.log(probability)
        ax.scatter(
            [probability],
            [loss],
            s=70,
            marker=markers[index % len(markers)],
            color=cycle(CLASS_COLORS, index + 1),
            edgecolors=BLACK,
            zorder=3,
            label=f"{name}: p = {probability:.4g}, L = {loss:.3f}",
        )
    if marked:
        ax.legend(loc="upper right", fontsize=10)
    ax.set_xlim(0.0, 1.02)
    ax.set_ylim(0.0, 5.5)
    ax.set_xlabel(message("figure.p_true_class"))
    ax.set_ylabel(message("figure.loss_minus_log_p"))
    ax.set_title(message("figure.cross_entropy_title"))
    marks = "; ".join(
        TEXT["mark"].format(name=name, p=format_number(probability), loss=f"{-math.log(probability):.3f}")
        for name, probability in marked.items()
    )
    marked = TEXT["marked"].format(items=marks) if marks else ""
    add_description(ax, TEXT["curve"].format(title=ax.get_title()) + marked)
    if created:
        figure.tight_layout()
    return ax.figure
