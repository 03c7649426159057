"""Figures of the course, drawn with matplotlib in one style (see ``style``) and one palette (``palette``).

Import the module a figure lives in, e.g. ``from backprop_lib.figures.graphs import draw_graph``;
importing this package applies the course style. Every figure function returns a
``described.DescribedFigure``: a Figure that carries a text alternative written from its data,
shown in Jupyter as an image with that alt text. The font, the labels and the descriptions
follow the notebook's language (``backprop_lib.use_language``).
"""

from ..messages import on_language_change
from .style import apply_style, follow_language

apply_style()
on_language_change(follow_language)
