"""Figures that say what they show: every course figure carries a text alternative written from its data.

JupyterLab 4 draws an ``image/png`` output as an ``<img>`` without ``alt`` and ignores an "alt" in
the output's metadata (checked in Chromium's accessibility tree: the image is announced as "img"
and nothing else). It keeps the ``alt`` of an ``<img>`` inside a ``text/html`` output, also in a
notebook that is not trusted yet. So a ``DescribedFigure`` shows itself as HTML, its PNG in an
``<img alt="description">``, and as ``text/plain``: the description again, for viewers without
HTML and for nbval, which compares it.

Figure functions make their figures with ``new_figure`` or ``new_subplots`` and call ``add_description``
with a sentence built from their own numbers; drawn into someone else's Axes they add their part
to that figure's description. The sentences' templates live in the message catalogue
(``backprop_lib.messages``, keys ``describe.<module>.*``), read by each figure module as ``TEXT``:
a description is written in the notebook's language (``use_language``).
"""

from __future__ import annotations

import base64
import html
import io
import os

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from ..exercises import DRAW_FIGURES_VARIABLE
from ..formatting import format_number
from ..messages import message


class DescribedFigure(Figure):
    """A matplotlib Figure with a text alternative; Jupyter shows it as an image with that alt text."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.descriptions: list[str] = []
        _no_second_copy()  # here, not at import: a kernel forked after the import has its shell only now

    @property
    def description(self) -> str:
        """The text alternative: every part added by ``add_description``, in order, or the figure's titles."""
        return " ".join(self.descriptions) or titles(self)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        if os.environ.get(DRAW_FIGURES_VARIABLE) == "0":  # text only: the grader's kernels, where pictures earn nothing
            return {"text/plain": self.description}
        return figure_bundle(figure_png(self), self.description)


def _no_second_copy() -> None:
    """In IPython, stop the inline backend adding the same picture again as image/png (its formatter
    for Figure outranks ``_repr_mimebundle_``): the stored notebook keeps one PNG, inside the <img>,
    and a grading kernel (no pictures) draws none."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing displays figures
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(DescribedFigure, lambda figure: None)


def new_figure(**kwargs) -> DescribedFigure:
    """plt.figure(...) as a DescribedFigure, closed in pyplot: returned from a cell, it is shown once."""
    figure = plt.figure(FigureClass=DescribedFigure, **kwargs)
    plt.close(figure)
    return figure


def new_subplots(*args, **kwargs) -> tuple[DescribedFigure, object]:
    """plt.subplots(...) with a DescribedFigure, closed in pyplot."""
    figure, axes = plt.subplots(*args, FigureClass=DescribedFigure, **kwargs)
    plt.close(figure)
    return figure, axes


def add_description(target: Figure | Axes, text: str, replace: bool = False) -> None:
    """Add a sentence to the description of a figure (or of the figure an Axes is in).

    replace=True drops what was there, e.g. the panels' own sentences under a whole-figure summary.
    A plain matplotlib Figure (one a student made) keeps the text in ``descriptions`` too.
    """
    figure = target.figure if isinstance(target, Axes) else target
    if replace or not hasattr(figure, "descriptions"):
        figure.descriptions = []
    figure.descriptions.append(text)


def titles(figure: Figure) -> str:
    """The figure's suptitle and axes titles: the fallback description of an undescribed figure."""
    texts = [figure._suptitle.get_text()] if getattr(figure, "_suptitle", None) else []
    texts += [ax.get_title() for ax in figure.axes if ax.get_title()]
    return message("describe.figure.titles", titles="; ".join(texts)) if texts else message("describe.figure.none")


def figure_png(figure: Figure) -> bytes:
    """The figure as PNG bytes at its own dpi, cropped to what is drawn; no software version inside."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def figure_html(png: bytes, description: str) -> str:
    """An <img> with the PNG inline and the description as its alt text (one line of HTML)."""
    alt = html.escape(" ".join(description.split()), quote=True)
    source = base64.b64encode(png).decode("ascii")
    return f'<img class="backprop-figure" src="data:image/png;base64,{source}" alt="{alt}">'


def figure_bundle(png: bytes, description: str) -> dict:
    """The MIME bundle of a described figure: HTML for JupyterLab, the description as plain text."""
    return {"text/html": figure_html(png, description), "text/plain": description}


def linear_text(coefficients: ArrayLike, names: list[str], constant: float, digits: int = 3) -> str:
    """w·x + b in words a reader expects: "2.1·x1 - x2 + 0.5", no "+ -" and no "1·"."""
    text = ""
    for value, name in [*zip(coefficients, names), (constant, "")]:
        number = format_number(value, f".{digits}g")
        sign = "-" if number.startswith("-") else "+"
        size = number.lstrip("-")
        term = (name if size == "1" else f"{size}·{name}") if name else size
        text += (("-" if sign == "-" else "") + term) if not text else f" {sign} {term}"
    return text
