"""Optimizer paths (최적화 경로) on a narrow valley: where SGD zig-zags, Momentum and Adam do not.

The loss surface is L(w₁, w₂) = ½ (w₁² + STEEPNESS · w₂²): a long valley along w₁ with steep
walls along w₂, the shape that makes plain gradient descent bounce from wall to wall. Every
path is computed by running an optimizer (anything with ``step(params, grads)``, the library's
or a student's) on this surface, so the picture shows what the code really does.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from ..errors import SettingError, ShapeError, describe, whole_number
from ..formatting import format_number
from ..messages import Templates, message
from ..optimizers import SGD, Adam, Momentum
from ..protocols import Optimizer
from .described import add_description, new_subplots
from .palette import CLASS_COLORS, CLASS_MARKERS, LINE_STYLES, cycle
from .style import EDGE_COLOR, figure_size

# The words of this module's text alternatives, in the notebook's language (backprop_lib.messages).
TEXT = Templates("describe.optimizers")

STEEPNESS = 25.0  # curvature across the valley; along it the curvature is 1
START = (-4.0, 1.0)  # far along the valley, high on one wall
VIEW = ((-4.5, 1.5), (-1.6, 1.6))  # the (w₁, w₂) window every panel shows


def valley_loss(w1: ArrayLike, w2: ArrayLike) -> float | np.ndarray:
    """L = ½ (w₁² + STEEPNESS · w₂²), for numbers or arrays (a grid for the contour lines)."""
    return 0.5 * (np.asarray(w1) ** 2 + STEEPNESS * np.asarray(w2) ** 2)


def valley_gradient(point: np.ndarray) -> np.ndarray:
    """∂L/∂w = (w₁, STEEPNESS · w₂)."""
    return np.array([point[0], STEEPNESS * point[1]])


def optimizer_path(optimizer: Optimizer, steps: int = 40, start: ArrayLike = START) -> np.ndarray:
    """The points an optimizer visits on the valley: shape (steps + 1, 2), the start first."""
    if not hasattr(optimizer, "step"):
        raise SettingError(message("error.optimizer_figure.no_step", type_name=type(optimizer).__name__))
    steps = whole_number(steps, "optimizer_path: steps")
    point = np.array(start, dtype=np.float64)
    if point.shape != (2,):
        raise ShapeError(message("error.optimizer_figure.start", got=describe(start)))
    params = {"w": point}
    path = [point.copy()]
    for _ in range(steps):
        optimizer.step(params, {"w": valley_gradient(params["w"])})
        path.append(np.array(params["w"], dtype=np.float64))
    return np.array(path)


def default_optimizers() -> dict[str, Optimizer]:
    """The three optimizers of the lesson with settings that suit this valley."""
    return {"SGD, η = 0.07": SGD(0.07), "Momentum, η = 0.02, μ = 0.8": Momentum(0.02, 0.8), "Adam, η = 0.3": Adam(0.3)}


def _draw_valley(ax: Axes) -> None:
    (left, right), (bottom, top) = VIEW
    w1, w2 = np.meshgrid(np.linspace(left, right, 120), np.linspace(bottom, top, 80))
    ax.contour(
        w1, w2, valley_loss(w1, w2), levels=np.geomspace(0.05, 40, 12), colors=EDGE_COLOR, linewidths=0.6, alpha=0.45
    )
    ax.plot(0, 0, marker="*", markersize=13, color=EDGE_COLOR, zorder=4)
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_xlabel(message("figure.optimizers.along"))
    ax.set_ylabel(message("figure.optimizers.across"))
    ax.grid(False)


def _draw_path(ax: Axes, path: np.ndarray, index: int, label: str) -> None:
    """One path; paths differ in colour, line style and marker (a second cue)."""
    ax.plot(
        path[:, 0],
        path[:, 1],
        color=cycle(CLASS_COLORS, index),
        linestyle=cycle(LINE_STYLES, index),
        linewidth=1.6,
        marker=cycle(CLASS_MARKERS, index),
        markersize=3,
        label=label,
        zorder=3,
    )


def describe_path(label: str, path: np.ndarray) -> str:
    """Where a path ends, its loss there, and how often it crossed the valley floor (w₂ changing sign)."""
    crossings = int(np.sum(np.signbit(path[1:, 1]) != np.signbit(path[:-1, 1])))
    return TEXT["path"].format(
        label=label,
        steps=len(path) - 1,
        w1=format_number(path[-1, 0], ".3g"),
        w2=format_number(path[-1, 1], ".3g"),
        loss=format_number(valley_loss(*path[-1]), ".3g"),
        crossings=crossings,
    )


def plot_optimizer_paths(
    optimizers: Mapping[str, Optimizer] | None = None, steps: int = 40, ax: Axes | None = None
) -> Figure:
    """Draw the path of each optimizer {label: optimizer} from the same start on the valley."""
    optimizers = default_optimizers() if optimizers is None else optimizers
    if not isinstance(optimizers, Mapping) or not optimizers:
        raise SettingError(message("error.optimizer_figure.dict", got=describe(optimizers)))
    created = ax is None
    if created:
        figure, ax = new_subplots(figsize=figure_size(0.55))
    _draw_valley(ax)
    parts = [TEXT["figure"].format(steps=steps, steepness=f"{STEEPNESS:g}", w1=START[0], w2=START[1])]
    for index, (label, optimizer) in enumerate(optimizers.items()):
        path = optimizer_path(optimizer, steps)
        final = f"{valley_loss(*path[-1]):.3g}"
        _draw_path(ax, path, index, message("figure.optimizers.legend", label=label, steps=steps, loss=final))
        parts.append(describe_path(label, path))
    ax.set_title(message("figure.optimizers.title", steps=steps, steepness=f"{STEEPNESS:g}"))
    ax.legend(loc="lower right")
    add_description(ax, " ".join(parts))
    if created:
        figure.tight_layout()
    return ax.figure


def plot_learning_rates(learning_rates: Mapping[str, float] | None = None, steps: int = 40) -> Figure:
    """Plain SGD on the valley with one learning rate per panel: too small, about right, too large."""
    learning_rates = learning_rates or {
        message("figure.optimizers.too_small"): 0.005,
        message("figure.optimizers.about_right"): 0.05,
        message("figure.optimizers.too_large"): 0.085,
    }
    figure, axes = new_subplots(1, len(learning_rates), figsize=figure_size(0.42), sharey=True)
    axes = np.atleast_1d(axes)
    parts = [TEXT["rates"].format(count=len(learning_rates), steps=steps)]
    for index, (ax, (name, rate)) in enumerate(zip(axes, learning_rates.items())):
        path = optimizer_path(SGD(rate), steps)
        _draw_valley(ax)
        _draw_path(ax, path, index, name)
        final = valley_loss(*path[-1])
        ax.set_title(f"η = {rate:g}: {name}", fontsize=11)
        ax.text(
            0.03,
            0.04,
            message("figure.optimizers.loss_after", steps=steps, loss=f"{final:.3g}"),
            transform=ax.transAxes,
            fontsize=10,
        )
        parts.append(describe_path(f"η = {rate:g} ({name})", path))
        if index:
            ax.set_ylabel("")
    add_description(figure, " ".join(parts))
    figure.tight_layout()
    return figure
