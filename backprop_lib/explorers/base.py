"""What every explorer shares: controls on top, a picture that redraws, and a stable text fallback.

An explorer's picture is drawn in the kernel by ``backprop_lib.figures`` and put into an Output
widget by setting its ``outputs`` directly. Nothing is printed or displayed while a picture is
drawn, so the cell that shows an explorer has exactly one output: the explorer itself. Its
``text/plain`` form is a fixed-precision summary of the first state (what nbval compares), and
its ``text/html`` form is the first picture (what a viewer without widgets shows, e.g. GitHub).
Every picture is an ``<img>`` whose alt text is the figure's own description (see
``figures.described``); every control has a visible description that is also its accessible name.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..errors import CourseError
from ..figures.described import figure_bundle, figure_html, figure_png
from ..figures.palette import GRADIENT_TEXT
from ..messages import message

# Captions sit on white with dark text, like the figures, so they read the same in light and dark themes.
CAPTION_STYLE = "background:white; color:#222; padding:4px 10px; border-radius:4px; line-height:1.5; max-width:700px"


@dataclass
class Frame:
    """One state of an explorer: its picture (a DescribedFigure), a short HTML caption and a one-line summary."""

    figure: Figure
    caption: str
    summary: str


def picture_output(png: bytes, description: str) -> dict:
    """The output record of an Output widget that shows one picture with its text alternative."""
    return {"output_type": "display_data", "data": figure_bundle(png, description), "metadata": {}}


def slider_style() -> dict:
    """Room for a whole description to the left of a control, the same for every control."""
    return {"description_width": "120px"}


# ipywidgets 8's sliders give their handle (role="slider") no accessible name: a screen reader says
# "slider, 100" and not what it sets (axe-core: aria-input-field-name, serious). Its number fields and
# drop-downs are real <input>/<select> elements tied to their description by <label for>, reached
# with Tab, stepped with the arrow keys, so the explorers use those.
def number_box(description: str, value: float, low: float, high: float, step: float) -> widgets.Widget:
    """A labelled number field: Tab reaches it, ↑/↓ step it by ``step``, typing and Enter set it."""
    whole = all(float(number).is_integer() for number in (value, low, high, step)) and isinstance(value, int)
    kind = widgets.BoundedIntText if whole else widgets.BoundedFloatText
    return kind(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
        style=slider_style(),
        layout=widgets.Layout(width="260px"),
    )


def choice(description: str, options: list, value: float) -> widgets.Dropdown:
    """A labelled drop-down of a few values (e.g. a log scale: 0.1, 0.3, 1, …); ↑/↓ pick the next one."""
    options = sorted(set(options) | {value})
    return widgets.Dropdown(
        options=options,
        value=value,
        description=description,
        style=slider_style(),
        layout=widgets.Layout(width="260px"),
    )


def toggle_buttons(options: list, value: str | int, description: str) -> widgets.ToggleButtons:
    """A choice of a few options, laid out like the other controls: its description on the left, same width.

    Each option is a <button> with its own text, reached with Tab and chosen with Enter or Space.
    """
    buttons = widgets.ToggleButtons(
        options=options, value=value, description=description, style={**slider_style(), "button_width": "100px"}
    )
    buttons.add_class("widget-inline-hbox")  # ipywidgets 8 puts a toggle's description above it otherwise
    return buttons


TABLE = "<table style='border-spacing:12px 2px; margin-left:-12px'>"  # a small table with room between columns


class Explorer:
    """Controls and a picture; ``refresh`` redraws from the controls' current values.

    render:   a function of no arguments that reads the controls and returns a Frame;
    name:     a short CSS-safe name (the widget gets the classes ``backprop-explorer`` and
              ``backprop-explorer-<name>``, which the browser test looks for).
    """

    def __init__(self, name: str, title: str, controls: list[widgets.Widget], render: Callable[[], Frame]) -> None:
        self.name = name
        self.title = title
        self._render = render
        self.controls = controls
        self.caption = widgets.HTML()
        self.picture = widgets.Output()
        self.widget = widgets.VBox(
            [widgets.HTML(f"<b>{title}</b>"), widgets.VBox(controls), self.caption, self.picture]
        )
        self.widget.add_class("backprop-explorer")
        self.widget.add_class(f"backprop-explorer-{name}")
        self.png = b""
        self.summary = ""
        self.description = ""
        self.refresh()
        self.first_png, self.first_summary, self.first_description = self.png, self.summary, self.description

    def refresh(self, change: object = None) -> None:
        """Redraw the picture and caption; a course error (e.g. training diverged) is shown, not raised."""
        try:
            frame = self._render()
        except CourseError as error:
            self.caption.value = (
                f"<div style='{CAPTION_STYLE}'><p style='color:{GRADIENT_TEXT}'>"
                f"<b>{type(error).__name__}:</b> {html.escape(str(error))}</p></div>"  # messages hold < and >
            )
            self.summary = f"{self.title}: {type(error).__name__}: {error}"
            return
        self.png = figure_png(frame.figure)
        self.description = getattr(frame.figure, "description", "") or f"{self.title}: {frame.summary}"
        self.picture.outputs = (picture_output(self.png, self.description),)
        self.caption.value = f"<div style='{CAPTION_STYLE}'>{frame.caption}</div>"
        self.summary = frame.summary

    def watch(self, *controls: widgets.Widget) -> None:
        """Redraw whenever one of these controls changes its value."""
        for control in controls:
            control.observe(self.refresh, names="value")

    def _repr_mimebundle_(self, **kwargs) -> dict:
        """The live widget for JupyterLab, the first picture for static viewers, a stable line of text."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"{self.title}: {self.first_summary}\n({message('explorer.hint')})"
        bundle["text/html"] = figure_html(self.first_png, self.first_description)
        return bundle

    def __repr__(self) -> str:
        return f"<{self.title}: {self.summary}>"
