"""What every explorer shares: controls on top, a picture that redraws, and a stable text fallback.

An explorer's picture is drawn in the kernel by ``backprop_lib.figures`` and put into an Output
widget by setting its ``outputs`` directly. Nothing is printed or displayed while a picture is
drawn, so the cell that shows an explorer has exactly one output: the explorer itself. Its
``text/plain`` form is a fixed-precision summary of the first state (what nbval compares), and
its ``image/png`` form is the first picture (what a viewer without widgets shows, e.g. GitHub).
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Callable

import ipywidgets as widgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ..errors import CourseError
from ..messages import message

# Captions sit on white with dark text, like the figures, so they read the same in light and dark themes.
CAPTION_STYLE = ("background:white; color:#222; padding:4px 10px; border-radius:4px; line-height:1.5; "
                 "max-width:700px")


@dataclass
class Frame:
    """One state of an explorer: its picture, a short HTML caption and a one-line plain-text summary."""

    figure: Figure
    caption: str
    summary: str


def figure_png(figure: Figure) -> bytes:
    """Render a figure to PNG bytes (the course style's dpi) and close it, so pyplot never shows it too."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def png_output(png: bytes, description: str) -> dict:
    """The output record of an Output widget that shows one PNG image."""
    return {"output_type": "display_data",
            "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": description},
            "metadata": {}}


def slider_style() -> dict:
    """Room for a whole description to the left of a control, the same for every control."""
    return {"description_width": "120px"}


def toggle_buttons(options: list, value, description: str) -> widgets.ToggleButtons:
    """A choice of a few options, laid out like a slider: its description on the left, same width."""
    buttons = widgets.ToggleButtons(options=options, value=value, description=description,
                                    style={**slider_style(), "button_width": "100px"})
    buttons.add_class("widget-inline-hbox")     # ipywidgets 8 puts a toggle's description above it otherwise
    return buttons


TABLE = "<table style='border-spacing:12px 2px; margin-left:-12px'>"   # a small table with room between columns


def control_layout() -> widgets.Layout:
    """Controls wide enough to move in small steps, narrow enough to sit beside nothing."""
    return widgets.Layout(width="480px")


class Explorer:
    """Controls and a picture; ``refresh`` redraws from the controls' current values.

    render:   a function of no arguments that reads the controls and returns a Frame;
    name:     a short CSS-safe name (the widget gets the classes ``backprop-explorer`` and
              ``backprop-explorer-<name>``, which the browser test looks for).
    """

    def __init__(self, name: str, title: str, controls: list[widgets.Widget],
                 render: Callable[[], Frame]) -> None:
        self.name = name
        self.title = title
        self._render = render
        self.controls = controls
        self.caption = widgets.HTML()
        self.picture = widgets.Output()
        self.widget = widgets.VBox(
            [widgets.HTML(f"<b>{title}</b>"), widgets.VBox(controls), self.caption, self.picture])
        self.widget.add_class("backprop-explorer")
        self.widget.add_class(f"backprop-explorer-{name}")
        self.png = b""
        self.summary = ""
        self.first_png = b""
        self.first_summary = ""
        self.refresh()
        self.first_png, self.first_summary = self.png, self.summary

    def refresh(self, change: object = None) -> None:
        """Redraw the picture and caption; a course error (e.g. training diverged) is shown, not raised."""
        try:
            frame = self._render()
        except CourseError as error:
            self.caption.value = (f"<div style='{CAPTION_STYLE}'><p style='color:#d1495b'>"
                                  f"<b>{type(error).__name__}:</b> {error}</p></div>")
            self.summary = f"{self.title}: {type(error).__name__}: {error}"
            return
        self.png = figure_png(frame.figure)
        self.picture.outputs = (png_output(self.png, message("explorer.picture", title=self.title)),)
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
        bundle["image/png"] = base64.b64encode(self.first_png).decode("ascii")
        return bundle

    def __repr__(self) -> str:
        return f"<{self.title}: {self.summary}>"
