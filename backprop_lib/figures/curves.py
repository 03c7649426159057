"""Loss curves (손실 곡선): how the loss of one or several training runs falls, epoch by epoch."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from ..errors import SettingError, ShapeError, describe, whole_number
from ..formatting import format_number
from ..messages import Templates, message
from ..training import History
from .described import add_description, new_subplots
from .palette import CLASS_COLORS, LINE_STYLES, cycle
from .style import figure_size

# The words of this module's text alternatives, in the notebook's language (backprop_lib.messages).
TEXT = Templates("describe.curves")


def describe_losses(
    curves: dict[str, np.ndarray], title: str, xlabel: str, ylabel: str, log_scale: bool, epoch_step: int = 1
) -> str:
    """Each run's first, last and lowest loss, in words.

    The lowest loss is given as printed (4 digits) with the first epoch that reaches that printed value: the
    epoch of the exact minimum moves by thousands between numpy versions when a curve ends on a plateau.
    With epoch_step > 1 that epoch is named only as a span of epoch_step epochs ("9000–9999").
    """
    parts = [TEXT["figure"].format(title=title, ylabel=ylabel, xlabel=xlabel, scale=TEXT["log"] if log_scale else "")]
    for name, curve in curves.items():
        finite = np.where(np.isfinite(curve), curve, np.inf)
        lowest = format_number(finite.min())
        reached = next(epoch for epoch, loss in enumerate(finite) if format_number(loss) == lowest)
        if epoch_step > 1:
            start = reached - reached % epoch_step
            reached = f"{start}–{min(start + epoch_step, curve.size) - 1}"
        parts.append(
            TEXT["run"].format(
                name=TEXT["name"].format(name=name) if name else "",
                count=curve.size,
                xlabel=xlabel,
                first=format_number(curve[0]),
                last=format_number(curve[-1]),
                end=curve.size - 1,
                low=lowest,
                at=reached,
            )
        )
    return " ".join(parts)


def _run(name: str) -> str:
    """The run an error is about, " ('Adam')", or nothing for a single unnamed run."""
    return f" ({name!r})" if name else ""


def _as_curve(name: str, values) -> np.ndarray:
    """One run's losses as a 1-D float array; a History is accepted for its ``losses``."""
    values = getattr(values, "losses", values)
    curve = np.asarray(values, dtype=np.float64)
    if curve.ndim != 1 or curve.size == 0:
        raise ShapeError(message("error.curves.losses", run=_run(name), got=describe(values)))
    return curve


def plot_losses(
    losses: ArrayLike | History | Mapping[str, ArrayLike | History],
    log_scale: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    epoch_step: int = 1,
) -> Figure:
    """Draw one loss curve, or several from a dict {label: losses or History}, on one plot.

    Runs differ in colour and in line style.

    A log scale (default) shows slow late progress and plateaus that a linear scale flattens;
    it needs every loss to be positive. Epochs are counted from 0, like the training loop.
    Title and axis labels default to the notebook's language ("Loss during training", "epoch", "loss").
    epoch_step > 1 names the epoch of the lowest value in the text alternative only to that many epochs,
    for a curve whose timing is rounding noise (it differs between numpy versions and CPUs).
    """
    epoch_step = whole_number(epoch_step, "plot_losses: epoch_step")
    runs = losses if isinstance(losses, Mapping) else {"": losses}
    if not runs:
        raise ShapeError(message("error.curves.no_runs"))
    curves = {str(name): _as_curve(str(name), values) for name, values in runs.items()}
    if log_scale:
        for name, curve in curves.items():
            if np.any(curve[np.isfinite(curve)] <= 0):
                raise SettingError(message("error.curves.log_scale", run=_run(name)))
    created = ax is None
    if created:
        figure, ax = new_subplots(figsize=figure_size(0.55))
    for index, (name, curve) in enumerate(curves.items()):
        ax.plot(
            np.arange(curve.size),
            curve,
            color=cycle(CLASS_COLORS, index),
            linestyle=cycle(LINE_STYLES, index),
            linewidth=2,
            label=name or None,
        )
    if log_scale:
        ax.set_yscale("log")
    title = message("figure.loss_title") if title is None else title
    spoken_xlabel = message("figure.epoch_word") if xlabel is None else xlabel  # the axis may add a gloss, the text not
    xlabel = message("figure.epoch") if xlabel is None else xlabel
    ylabel = message("figure.loss") if ylabel is None else ylabel
    ax.set_xlabel(xlabel)
    ax.set_ylabel(message("figure.log_scale", label=ylabel) if log_scale else ylabel)
    ax.set_title(title)
    if any(curves):
        ax.legend()
    add_description(ax, describe_losses(curves, title, spoken_xlabel, ylabel, log_scale, epoch_step))
    if created:
        figure.tight_layout()
    return ax.figure
