"""Figures of the course, drawn with matplotlib in one style (see ``style``).

Import the module a figure lives in, e.g. ``from backprop_lib.figures.graphs import draw_graph``;
importing this package applies the course style.
"""
from .style import apply_style

apply_style()
