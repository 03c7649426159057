"""Fully connected networks drawn as circles and arrows, with a value on every edge (document 004).

``draw_network([2, 2, 2], DOCUMENT_004_WEIGHTS)`` draws document 004's network with W1 … W8 on
their edges. Nodes are named x1, x2 (inputs), h1, h2 (hidden), o1, o2 (outputs); weights are
numbered the way document 004 numbers them: unit by unit, the weights *into* h1 first
(z1 = W1·x1 + W2·x2), then into h2, then into o1, … . Every drawing is a pure function of its
arguments and returns a new Figure, so an explorer can redraw one step at a time: highlight the
node or edge in focus, write notes under edges and say what is being computed in the caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from ..errors import SettingError, ShapeError, describe, layer_widths
from ..formatting import format_number
from ..messages import Templates, message
from .described import add_description, new_figure
from .palette import FORWARD_TEXT, GRADIENT_TEXT, WHITE
from .style import EDGE_COLOR, HIGHLIGHT_COLOR, NODE_COLOR, figure_size

NODE_RADIUS = 0.3  # in data units; layers are LAYER_GAP apart, units UNIT_GAP apart
LAYER_GAP = 3.2
UNIT_GAP = 2.3
LEVEL_LABEL_AT = 0.4  # how far along a level edge its weight is written (from its source); its note goes under it
SLANTED_LABEL_AT = 0.76  # slanted edges: the weight nearer the target, away from where slanted edges cross,
SLANTED_NOTE_AT = 0.27  # and the note on the edge nearer the source
NOTE_OFFSET = 0.3  # how far under a level edge's weight its note sits
TEXT_BOX = {"boxstyle": "round,pad=0.1", "facecolor": WHITE, "edgecolor": "none"}  # keeps text readable over edges

# The words of this module's text alternatives, in the notebook's language (backprop_lib.messages).
TEXT = Templates("describe.network")


def describe_network(
    names: list[list[str]],
    titles: list[str],
    edges: list[Edge],
    weight_text: dict[str, str],
    node_values: dict,
    node_gradients: dict,
    edge_notes: dict,
    lit: list[str],
    title: str | None,
    caption: str | None,
    decimals: int,
) -> str:
    """The layers, every weight and every number the drawing writes, in reading order."""
    layers = "; ".join(TEXT["layer"].format(name=name, units=", ".join(units)) for name, units in zip(titles, names))
    parts = [TEXT["network"].format(title=TEXT["title"].format(title=title) if title else "", layers=layers)]
    weights = [
        TEXT["weight"].format(
            name=edge.name,
            source=edge.source,
            target=edge.target,
            value=TEXT["weight_value"].format(value=weight_text[edge.name].split(" = ", 1)[1])
            if " = " in weight_text[edge.name]
            else "",
        )
        for edge in edges
    ]
    parts.append(TEXT["weights"].format(items="; ".join(weights)))
    for key, mapping in (("values", node_values), ("gradients", node_gradients), ("notes", edge_notes)):
        if mapping:
            items = "; ".join(
                TEXT["item"].format(name=name, value=format_number(value, f".{decimals}f", trim_zeros=True))
                for name, value in mapping.items()
            )
            parts.append(TEXT[key].format(items=items))
    if lit:
        parts.append(TEXT["highlight"].format(items=", ".join(lit)))
    if caption:
        parts.append(TEXT["caption"].format(caption=caption))
    return " ".join(parts)


class Edge(NamedTuple):
    """One weight: its name (e.g. "W5"), which layer of weights it is in, and the units it joins."""

    name: str
    layer: int  # 0 for the weights between layer 0 and layer 1, …
    source: str  # e.g. "h1"
    target: str  # e.g. "o1"
    row: int  # its place in the batch-first weight matrix (inputs, outputs): weights[row, column]
    column: int


def node_names(layer_sizes: Sequence[int]) -> list[list[str]]:
    """Names of the units, layer by layer: x1 … inputs, h1 … one hidden layer (h1_1 … several), o1 … outputs."""
    sizes = layer_widths(layer_sizes, "layer_sizes", "[2, 2, 2]")
    hidden_layers = len(sizes) - 2
    names = []
    for layer, size in enumerate(sizes):
        if layer == 0:
            prefix = "x"
        elif layer == len(sizes) - 1:
            prefix = "o"
        else:
            prefix = "h" if hidden_layers == 1 else f"h{layer}_"
        names.append([f"{prefix}{unit + 1}" for unit in range(size)])
    return names


def network_edges(layer_sizes: Sequence[int]) -> list[Edge]:
    """Every weight of the network in document 004's order: W1, W2 into the first unit of layer 1, and so on."""
    names = node_names(layer_sizes)
    edges, number = [], 1
    for layer in range(len(names) - 1):
        for column, target in enumerate(names[layer + 1]):
            for row, source in enumerate(names[layer]):
                edges.append(Edge(f"W{number}", layer, source, target, row, column))
                number += 1
    return edges


def named_weights(matrices: Sequence[np.ndarray]) -> dict[str, float]:
    """Batch-first weight matrices (one (inputs, outputs) array per layer, as in Affine) as {"W1": …, "W2": …}.

    Works for gradients too: ``named_weights([hidden.grad_weights, output.grad_weights])``.
    """
    arrays = [np.asarray(matrix, dtype=np.float64) for matrix in matrices]
    for index, array in enumerate(arrays):
        if array.ndim != 2:
            raise ShapeError(message("error.network_figure.matrix", index=index, got=describe(array)))
    sizes = [arrays[0].shape[0]] + [array.shape[1] for array in arrays]
    for index, array in enumerate(arrays):
        if array.shape[0] != sizes[index]:
            raise ShapeError(
                message("error.network_figure.chain", index=index, rows=array.shape[0], units=sizes[index])
            )
    return {edge.name: float(arrays[edge.layer][edge.row, edge.column]) for edge in network_edges(sizes)}


def draw_network(
    layer_sizes: Sequence[int],
    weights: Mapping[str, float | str] | Sequence[np.ndarray] | None = None,
    *,
    labels: Sequence[Sequence[str]] | None = None,
    node_values: Mapping[str, float | str] | None = None,
    node_gradients: Mapping[str, float | str] | None = None,
    edge_notes: Mapping[str, str] | None = None,
    highlight_nodes: str | Iterable[str] = (),
    highlight_edges: str | Iterable[str] = (),
    layer_titles: Sequence[str] | None = None,
    title: str | None = None,
    caption: str | None = None,
    edge_labels: bool = True,
    decimals: int = 4,
) -> Figure:
    """Draw a fully connected network with each weight on its edge; return the Figure (nothing is shown or kept).

    weights:         {"W1": 0.3, …} by name, or batch-first matrices [(inputs, outputs), …] as in Affine;
                     None draws the names alone.
    labels:          the units' names layer by layer (default from ``node_names``; weights are always W1, W2, …).
    node_values:     forward values by unit name, written in blue above the unit (순전파).
    node_gradients:  gradients by unit name, written in red below the unit (역전파).
    edge_notes:      extra text by weight name (e.g. its gradient), written in red under the weight.
    highlight_nodes, highlight_edges:  a name or several names to draw in the highlight colour.
    caption:         text under the drawing, e.g. the running chain product of an explorer step.
    edge_labels:     False leaves the weights unwritten (for networks too big to label every edge).
    Numbers are written with ``decimals`` decimals (trailing zeros dropped); strings are written as given.
    """
    sizes = layer_widths(layer_sizes, "layer_sizes", "[2, 2, 2]")
    names = node_names(sizes) if labels is None else _check_labels(labels, sizes)
    edges = _rename_edges(network_edges(sizes), node_names(sizes), names)
    weight_text = _weight_texts(weights, edges, sizes, decimals)
    known_nodes = [name for layer in names for name in layer]
    known_edges = [edge.name for edge in edges]
    node_values = _check_keys("node_values", node_values, known_nodes)
    node_gradients = _check_keys("node_gradients", node_gradients, known_nodes)
    edge_notes = _check_keys("edge_notes", edge_notes, known_edges)
    lit_nodes = set(_check_keys("highlight_nodes", dict.fromkeys(_as_names(highlight_nodes)), known_nodes))
    lit_edges = set(_check_keys("highlight_edges", dict.fromkeys(_as_names(highlight_edges)), known_edges))
    titles = list(layer_titles) if layer_titles is not None else _default_titles(len(sizes))
    if len(titles) != len(sizes):
        raise SettingError(message("error.network_figure.titles", layers=len(sizes), count=len(titles)))

    positions = _positions(names)
    width = LAYER_GAP * (len(sizes) - 1)
    height = UNIT_GAP * (max(sizes) - 1)
    top = height / 2 + NODE_RADIUS + 0.75
    bottom = -height / 2 - NODE_RADIUS - (1.15 if caption else 0.55)
    left, right = -0.9, width + 0.9
    ceiling = top + (0.5 if title else 0)
    figure = new_figure(figsize=figure_size((ceiling - bottom) / (right - left)))  # closed in pyplot: shown once
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_xlim(left, right)
    axes.set_ylim(bottom, ceiling)

    for edge in edges:
        text = weight_text[edge.name] if edge_labels else None
        _draw_edge(
            axes,
            positions[edge.source],
            positions[edge.target],
            text,
            edge_notes.get(edge.name),
            edge.name in lit_edges,
        )
    for name, position in positions.items():
        value, gradient = node_values.get(name), node_gradients.get(name)
        value_text, gradient_text = (
            None if number is None else format_number(number, f".{decimals}f", trim_zeros=True)
            for number in (value, gradient)
        )
        _draw_node(axes, position, name, value_text, gradient_text, name in lit_nodes)
    for layer, text in enumerate(titles):
        axes.text(LAYER_GAP * layer, top - 0.15, text, ha="center", va="top", fontsize=11, color=EDGE_COLOR)
    if title:
        axes.text(width / 2, top + 0.4, title, ha="center", va="top", fontsize=13, fontweight="bold")
    if caption:
        axes.text(
            width / 2,
            bottom + 0.12,
            caption,
            ha="center",
            va="bottom",
            fontsize=11,
            bbox={"boxstyle": "round,pad=0.35", "facecolor": WHITE, "edgecolor": HIGHLIGHT_COLOR},
        )
    add_description(
        figure,
        describe_network(
            names,
            titles,
            edges,
            weight_text,
            node_values,
            node_gradients,
            edge_notes,
            [*lit_nodes_in_order(names, lit_nodes), *[e.name for e in edges if e.name in lit_edges]],
            title,
            caption,
            decimals,
        ),
    )
    return figure


def lit_nodes_in_order(names: list[list[str]], lit: set[str]) -> list[str]:
    """The highlighted units in drawing order (a set has no order a description could keep)."""
    return [name for layer in names for name in layer if name in lit]


def _check_labels(labels: Sequence[Sequence[str]], sizes: list[int]) -> list[list[str]]:
    """One name per unit, layer by layer, no name twice."""
    names = [list(layer) for layer in labels]
    if [len(layer) for layer in names] != sizes:
        raise SettingError(message("error.network_figure.labels", sizes=sizes, got=[len(layer) for layer in names]))
    flat = [name for layer in names for name in layer]
    if len(set(flat)) != len(flat):
        raise SettingError(message("error.network_figure.unique", names=flat))
    return names


def _rename_edges(edges: list[Edge], default: list[list[str]], names: list[list[str]]) -> list[Edge]:
    """The same edges with the units called by the given labels."""
    mapping = {old: new for old_layer, new_layer in zip(default, names) for old, new in zip(old_layer, new_layer)}
    return [edge._replace(source=mapping[edge.source], target=mapping[edge.target]) for edge in edges]


def _weight_texts(weights, edges: list[Edge], sizes: list[int], decimals: int) -> dict[str, str]:
    """The text to write on every edge: "W5 = 0.45", or the name alone when no value is given."""
    if weights is None:
        values = {}
    elif isinstance(weights, Mapping):
        values = _check_keys("weights", weights, [edge.name for edge in edges])
    else:
        got = [tuple(np.shape(matrix)) for matrix in weights]
        want = [(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        if got != want:
            raise ShapeError(message("error.network_figure.weights", sizes=sizes, want=want, got=got))
        values = named_weights(weights)
    spec = f".{decimals}f"
    return {
        edge.name: (
            f"{_math(edge.name)} = {format_number(values[edge.name], spec, trim_zeros=True)}"
            if edge.name in values
            else _math(edge.name)
        )
        for edge in edges
    }


def _check_keys(what: str, mapping: Mapping | None, known: list[str]) -> dict:
    """The mapping as a dict, or an error naming the unknown keys and the known ones."""
    mapping = dict(mapping or {})
    unknown = [key for key in mapping if key not in known]
    if unknown:
        raise SettingError(message("error.network_figure.unknown", what=what, unknown=unknown, known=known))
    return mapping


def _as_names(names: str | Iterable[str] | None) -> list[str]:
    """One name or several as a list."""
    if names is None:
        return []
    return [names] if isinstance(names, str) else list(names)


def _positions(names: list[list[str]]) -> dict[str, tuple[float, float]]:
    """Layers left to right, each layer's units centred vertically, the first unit on top."""
    positions = {}
    for layer, units in enumerate(names):
        first = UNIT_GAP * (len(units) - 1) / 2
        for unit, name in enumerate(units):
            positions[name] = (LAYER_GAP * layer, first - UNIT_GAP * unit)
    return positions


def _default_titles(layer_count: int) -> list[str]:
    """input / hidden / output layer, in the notebook's language (Korean figures use NanumGothic)."""
    middle = [message("figure.hidden_layer")] * (layer_count - 2)
    return [message("figure.input_layer")] + middle + [message("figure.output_layer")]


def _draw_node(axes, position, name: str, value: str | None, gradient: str | None, lit: bool) -> None:
    """A circle with the unit's name, its forward value above in blue and its gradient below in red."""
    x, y = position
    axes.add_patch(
        Circle(
            (x, y),
            NODE_RADIUS,
            facecolor=HIGHLIGHT_COLOR if lit else NODE_COLOR,
            edgecolor=EDGE_COLOR,
            linewidth=2.4 if lit else 1.4,
            zorder=3,
        )
    )
    axes.text(x, y, _math(name), ha="center", va="center", fontsize=13, zorder=4)
    if value is not None:
        axes.text(
            x,
            y + NODE_RADIUS + 0.08,
            value,
            color=FORWARD_TEXT,
            ha="center",
            va="bottom",
            fontsize=10,
            zorder=6,
            bbox=TEXT_BOX,
        )
    if gradient is not None:
        axes.text(
            x,
            y - NODE_RADIUS - 0.08,
            gradient,
            color=GRADIENT_TEXT,
            ha="center",
            va="top",
            fontsize=10,
            zorder=6,
            bbox=TEXT_BOX,
        )


def _draw_edge(axes, start, end, text: str | None, note: str | None, lit: bool) -> None:
    """An arrow from one unit to the next, its weight written along it, a red note under the weight."""
    (x0, y0), (x1, y1) = start, end
    length = float(np.hypot(x1 - x0, y1 - y0))
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    tail = (x0 + ux * NODE_RADIUS, y0 + uy * NODE_RADIUS)
    head = (x1 - ux * NODE_RADIUS, y1 - uy * NODE_RADIUS)
    color = HIGHLIGHT_COLOR if lit else EDGE_COLOR
    axes.annotate(
        "",
        xy=head,
        xytext=tail,
        zorder=2 if lit else 1,
        arrowprops={
            "arrowstyle": "-|>",
            "color": color,
            "linewidth": 3.0 if lit else 1.2,
            "shrinkA": 0,
            "shrinkB": 0,
            "mutation_scale": 14,
        },
    )
    fraction = LEVEL_LABEL_AT if abs(uy) < 1e-9 else SLANTED_LABEL_AT
    along = NODE_RADIUS + fraction * (length - 2 * NODE_RADIUS)
    lx, ly = x0 + ux * along, y0 + uy * along
    angle = float(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
    box = {"boxstyle": "round,pad=0.15", "facecolor": WHITE, "edgecolor": color if lit else "none", "linewidth": 1.5}
    if text:
        axes.text(
            lx,
            ly,
            text,
            ha="center",
            va="center",
            rotation=angle,
            rotation_mode="anchor",
            fontsize=10,
            bbox=box,
            zorder=5,
        )
    if note and abs(uy) < 1e-9:
        nx, ny = lx, ly - NOTE_OFFSET
    elif note:
        note_along = NODE_RADIUS + SLANTED_NOTE_AT * (length - 2 * NODE_RADIUS)
        nx, ny = x0 + ux * note_along, y0 + uy * note_along
    if note:
        axes.text(
            nx,
            ny,
            note,
            ha="center",
            va="center",
            rotation=angle,
            rotation_mode="anchor",
            fontsize=10,
            color=GRADIENT_TEXT,
            zorder=5,
            bbox=TEXT_BOX,
        )


def _math(name: str) -> str:
    """'W5' → '$W_{5}$', 'W12' → '$W_{12}$', 'h2_1' → '$h2_{1}$', anything else unchanged."""
    match = re.fullmatch(r"([A-Za-z]+\d*?)_?(\d+)", name)
    if not match:
        return name
    return f"${match.group(1)}_{{{match.group(2)}}}$"
