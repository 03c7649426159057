"""Figures of the course, drawn with matplotlib in one style (see ``style``).

Import the module a figure lives in, e.g. ``from backprop_lib.figures.graphs import draw_graph``;
importing this package applies the course style, and the font follows the notebook's language
(``backprop_lib.use_language``).
"""
from ..messages import on_language_change
from .style import apply_style, follow_language

apply_style()
on_language_change(follow_language)
