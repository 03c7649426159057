"""One look for every figure of the course: the colours, the fonts, the size.

Forward values are drawn in FORWARD_COLOR (blue) above edges, gradients in GRADIENT_COLOR
(red-orange) below them, in every figure. Figures have an opaque white background so they
look the same in JupyterLab's light and dark themes.
"""
from __future__ import annotations

import matplotlib

from ..fonts import font_family

FORWARD_COLOR = "#1f5fbf"    # forward values (순전파)
GRADIENT_COLOR = "#d1495b"   # gradients (역전파)
NODE_COLOR = "#f4f1ea"       # node fill
EDGE_COLOR = "#444444"       # graph edges and node outlines
HIGHLIGHT_COLOR = "#f2b134"  # the node or unit in focus
CLASS_COLORS = ("#1f5fbf", "#d1495b", "#2e9e6a", "#8e5cc4", "#e07b00")
FIGURE_WIDTH = 7.0           # inches: fits a JupyterLab notebook column at 100 dpi

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
