"""Loss curves (손실 곡선): how the loss of one or several training runs falls, epoch by epoch."""
from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..errors import SettingError, ShapeError, describe
from ..messages import message
from .style import CLASS_COLORS, figure_size


def _as_curve(name: str, values) -> np.ndarray:
    """One run's losses as a 1-D float array; a History is accepted for its ``losses``."""
    values = getattr(values, "losses", values)
    curve = np.asarray(values, dtype=np.float64)
    if curve.ndim != 1 or curve.size == 0:
        which = f"the losses of {name!r}" if name else "the losses"
        raise ShapeError(f"plot_losses: {which} must be a non-empty 1-D array "
                         f"(one loss per epoch), got {describe(values)}.")
    return curve


def plot_losses(losses, log_scale: bool = True, title: str | None = None,
                ax: Axes | None = None, xlabel: str | None = None, ylabel: str | None = None) -> Figure:
    """Draw one loss curve, or several from a dict {label: losses or History}, on one plot.

    A log scale (default) shows slow late progress and plateaus that a linear scale flattens;
    it needs every loss to be positive. Epochs are counted from 0, like the training loop.
    Title and axis labels default to the notebook's language ("Loss during training", "epoch", "loss").
    """
    runs = losses if isinstance(losses, Mapping) else {"": losses}
    if not runs:
        raise ShapeError("plot_losses: the dict of runs is empty; give at least one {label: losses}.")
    curves = {str(name): _as_curve(str(name), values) for name, values in runs.items()}
    if log_scale:
        for name, curve in curves.items():
            if np.any(curve[np.isfinite(curve)] <= 0):
                which = f" of {name!r}" if name else ""
                raise SettingError(f"plot_losses: a log scale needs positive losses, but the losses{which} "
                                   "contain zero or negative values. Pass log_scale=False.")
    created = ax is None
    if created:
        figure, ax = plt.subplots(figsize=figure_size(0.55))
    for index, (name, curve) in enumerate(curves.items()):
        ax.plot(np.arange(curve.size), curve, color=CLASS_COLORS[index % len(CLASS_COLORS)],
                linewidth=2, label=name or None)
    if log_scale:
        ax.set_yscale("log")
    ax.set_xlabel(message("figure.epoch") if xlabel is None else xlabel)
    ylabel = message("figure.loss") if ylabel is None else ylabel
    ax.set_ylabel(message("figure.log_scale", label=ylabel) if log_scale else ylabel)
    ax.set_title(message("figure.loss_title") if title is None else title)
    if any(curves):
        ax.legend()
    if created:
        figure.tight_layout()
        plt.close(figure)   # returned, not also shown by pyplot: a notebook displays it once
    return ax.figure
