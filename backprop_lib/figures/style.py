"""One look for every figure of the course: the colours, the fonts, the size.

Colours come from ``palette`` (Okabe–Ito, safe for colour blindness): forward values are drawn
in FORWARD_COLOR (blue) above edges, gradients in GRADIENT_COLOR (vermillion) below them, in every
figure. No text is smaller than 10 points. Figures have an opaque white background so they
look the same in JupyterLab's light and dark themes.
"""

from __future__ import annotations

import matplotlib
import numpy as np
from numpy.typing import ArrayLike

from ..fonts import font_family
from . import palette

FORWARD_COLOR = palette.FORWARD  # forward values (순전파)
GRADIENT_COLOR = palette.GRADIENT  # gradients (역전파)
NODE_COLOR = palette.NODE_FILL  # node fill
EDGE_COLOR = palette.DARK_GREY  # graph edges and node outlines
HIGHLIGHT_COLOR = palette.HIGHLIGHT  # the node or unit in focus
CLASS_COLORS = palette.CLASS_COLORS
FIGURE_WIDTH = 7.0  # inches: fits a JupyterLab notebook column at 100 dpi

STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "svg.hashsalt": "backprop-course",
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "axes.prop_cycle": matplotlib.cycler(color=palette.CLASS_COLORS),
}


def apply_style() -> None:
    """Set the course style for every figure drawn after this call."""
    matplotlib.rcParams.update(STYLE)


def follow_language(language: str) -> None:
    """Figures drawn after this call use the edition's font: NanumGothic for Hangul in Korean."""
    matplotlib.rcParams["font.family"] = font_family(language)


def figure_size(aspect: float = 0.6) -> tuple[float, float]:
    """(width, height) in inches for a figure of the given height/width ratio."""
    return (FIGURE_WIDTH, FIGURE_WIDTH * aspect)


DRAWN_DIGITS = 6  # far finer than a pixel (a 700-pixel axis resolves about 3 digits)


def as_drawn(values: ArrayLike) -> np.ndarray:
    """Computed values rounded to DRAWN_DIGITS significant digits before they are drawn.

    Training results differ in their last bits between CPUs and numpy versions; rounded, they draw the
    same pixels everywhere, so re-running a lesson on another machine leaves its pictures unchanged.
    """
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        scale = 10.0 ** (np.floor(np.log10(np.abs(values))) - (DRAWN_DIGITS - 1))
        rounded = np.round(values / scale) * scale
    return np.where(np.isfinite(rounded), rounded, values)
