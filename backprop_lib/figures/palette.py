"""The course's colours, in one place: the Okabe–Ito palette, safe for colour-vision deficiency.

Okabe & Ito (2008) chose these eight colours to stay apart for deuteranopes, protanopes and
tritanopes; tests/test_accessibility.py re-checks every group below with simulated colour
blindness. Colour never carries meaning alone: forward values sit above an edge and gradients
below it, classes also differ by marker shape, runs and lines by line style.

Lines and fills use the palette colours; text uses the ``*_TEXT`` shades, the same hues darkened
until they reach a 4.5:1 contrast on white (WCAG 2.1 AA for normal text).
"""

from __future__ import annotations

from typing import TypeVar

Entry = TypeVar("Entry")  # what a palette tuple holds: a colour, a line style, a marker, a hatch

# Okabe–Ito, by name
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

WHITE = "#FFFFFF"  # every figure's background
DARK_GREY = "#444444"  # graph edges, node outlines, secondary text (9.7:1 on white)
NODE_FILL = "#F4F1EA"  # a node's inside: black text on it is 17:1

FORWARD = BLUE  # forward values (순전파)
GRADIENT = VERMILLION  # gradients (역전파)
HIGHLIGHT = ORANGE  # the node, edge or unit in focus (also drawn thicker)
FORWARD_TEXT = BLUE  # 5.2:1 on white
GRADIENT_TEXT = "#B34F00"  # vermillion darkened: 5.2:1 on white (vermillion itself is 3.9:1)
GOOD_TEXT = "#006B4E"  # bluish green darkened: 6.5:1 ("solved", "right")

CLASS_COLORS = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE)  # class 0, 1, 2, …
CLASS_MARKERS = ("o", "s", "^", "D", "v")  # the second cue for a class
LINE_STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)))  # the second cue for a run or a line
HIDDEN_LINE_COLORS = (VERMILLION, REDDISH_PURPLE, BLUISH_GREEN, SKY_BLUE, BLACK)  # lines drawn over classes
RING = BLACK  # the ring around a wrongly classified point

# Colours that mean different things when they appear together in one figure (tested for CVD).
MEANING_GROUPS = {
    "forward, gradient and highlight (graphs, networks, softmax bars)": (FORWARD, GRADIENT, HIGHLIGHT),
    "forward and gradient text": (FORWARD_TEXT, GRADIENT_TEXT),
    "solved and not solved (XOR explorer caption)": (GOOD_TEXT, GRADIENT_TEXT),
    "classes (decision regions, hidden space)": CLASS_COLORS,
    "hidden units' lines over classes 0 and 1 (XOR regions)": (*HIDDEN_LINE_COLORS, *CLASS_COLORS[:2]),
    "wrong-point rings over classes 0 and 1 (one line cannot separate XOR)": (RING, *CLASS_COLORS[:2]),
}


def cycle(values: tuple[Entry, ...], index: int) -> Entry:
    """The index-th entry of a palette tuple, starting again after the last."""
    return values[index % len(values)]
