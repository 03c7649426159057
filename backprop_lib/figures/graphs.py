"""Computational graphs (계산 그래프) drawn with forward values above the edges and gradients below.

A graph is described by plain data: nodes ``(name, label, position)`` and edges
``(source, target, forward value, gradient)``. ``draw_graph`` draws any such description;
``apple_shop_graph``, ``neuron_graph`` and ``sigmoid_graph`` build one from numbers computed
by backprop_lib itself (its Mul/Add nodes and Value), so a figure can never disagree with the library;
``value_graph`` reads any scalar expression from its root (a Value, or a student's own micrograd-style engine).
Every ``draw_…`` function is a pure function of its numbers and returns a matplotlib Figure that
pyplot has already closed: return it from a notebook cell (or ``display`` it) and it is shown once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Patch

from ..documents import apple_shop
from ..errors import SettingError
from ..formatting import MINUS_SIGN, format_number
from ..messages import Templates, message
from ..protocols import GraphValue
from ..value import Value
from .described import add_description, new_figure
from .palette import FORWARD_TEXT, GRADIENT_TEXT, WHITE
from .style import EDGE_COLOR, FIGURE_WIDTH, FORWARD_COLOR, GRADIENT_COLOR, NODE_COLOR

NODE_RADIUS = 0.32  # radius of an operation's circle, in data units
BOX_INCHES = 0.3  # height of an input or output box, in inches
CHAR_INCHES = 0.072  # width of one 10-point label character, in inches (DejaVu Sans, about)
LABEL_OFFSET = 5  # distance of an edge's numbers from the edge, in points
MAX_SCALE = 0.85  # inches per data unit, so small graphs do not grow huge

# The words of this module's text alternatives, in the notebook's language (backprop_lib.messages).
TEXT = Templates("describe.graphs")


def describe_graph(nodes: dict[str, GraphNode], edges: list[GraphEdge], title: str | None, number_format: str) -> str:
    """Every edge with its forward value and gradient, as the figure writes them."""
    parts = [TEXT["graph"].format(title=TEXT["title"].format(title=title) if title else "", nodes=len(nodes))]
    for edge in edges:
        numbers = [
            TEXT[kind].format(value=format_number(value, number_format))
            for kind, value in (("forward", edge.forward), ("gradient", edge.gradient))
            if value is not None
        ]
        parts.append(
            TEXT["edge"].format(source=edge.source, target=edge.target, numbers=", ".join(numbers) or TEXT["nothing"])
        )
    return " ".join(parts)


class GraphNode(NamedTuple):
    """A node: ``kind`` "op" is drawn as a circle (×, +, σ), "value" as a box (an input or the output)."""

    name: str
    label: str
    position: tuple[float, float]
    kind: str = "op"


class GraphEdge(NamedTuple):
    """An edge from ``source`` to ``target`` with its forward value and its gradient (None: not shown)."""

    source: str
    target: str
    forward: float | None = None
    gradient: float | None = None


class GraphDescription(NamedTuple):
    """What ``draw_graph`` needs: ``draw_graph(*description)``."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    title: str | None = None


def _as_nodes(nodes: Sequence) -> dict[str, GraphNode]:
    """GraphNode objects by name, from GraphNodes or plain tuples; duplicate names are refused."""
    by_name: dict[str, GraphNode] = {}
    for item in nodes:
        if not 3 <= len(item) <= 4:
            raise SettingError(message("error.graphs.node", got=repr(item)))
        node = GraphNode(*item)
        if node.kind not in ("op", "value"):
            raise SettingError(message("error.graphs.node_kind", name=repr(node.name), kind=repr(node.kind)))
        if node.name in by_name:
            raise SettingError(message("error.graphs.node_twice", name=repr(node.name)))
        by_name[node.name] = node
    return by_name


def _as_edges(edges: Sequence, names: dict[str, GraphNode]) -> list[GraphEdge]:
    """GraphEdge objects whose ends are known node names, or a clear error naming the unknown end."""
    result = []
    for item in edges:
        if not 2 <= len(item) <= 4:
            raise SettingError(message("error.graphs.edge", got=repr(item)))
        edge = GraphEdge(*item)
        for end in (edge.source, edge.target):
            if end not in names:
                raise SettingError(
                    message(
                        "error.graphs.edge_node",
                        source=repr(edge.source),
                        target=repr(edge.target),
                        end=repr(end),
                        names=sorted(names),
                    )
                )
        result.append(edge)
    return result


def _box_width(label: str, scale: float) -> float:
    """Width in data units of the box around a label, at ``scale`` inches per data unit."""
    return (CHAR_INCHES * len(label) + 0.3) / scale


def _node_patch(node: GraphNode, scale: float):
    """The circle or the box of a node (also what edges are clipped at)."""
    x, y = node.position
    if node.kind == "op":
        return Circle((x, y), NODE_RADIUS, facecolor=NODE_COLOR, edgecolor=EDGE_COLOR, linewidth=1.5, zorder=3)
    width, height = _box_width(node.label, scale), BOX_INCHES / scale
    return FancyBboxPatch(
        (x - width / 2, y - height / 2),
        width,
        height,
        boxstyle="round,pad=0,rounding_size=0.08",
        facecolor=WHITE,
        edgecolor=EDGE_COLOR,
        linewidth=1.0,
        zorder=3,
    )


def _extent(nodes: dict[str, GraphNode], scale: float) -> tuple[float, float, float, float]:
    """(x_min, x_max, y_min, y_max) around every node, with room for the edge numbers."""
    lefts, rights, bottoms, tops = [], [], [], []
    for node in nodes.values():
        x, y = node.position
        half = NODE_RADIUS if node.kind == "op" else _box_width(node.label, scale) / 2
        lefts.append(x - half)
        rights.append(x + half)
        bottoms.append(y - NODE_RADIUS)
        tops.append(y + NODE_RADIUS)
    margin = 0.3
    return min(lefts) - margin, max(rights) + margin, min(bottoms) - margin, max(tops) + margin


def _fit(
    nodes: dict[str, GraphNode], width_inches: float, height_inches: float | None = None
) -> tuple[float, tuple[float, float, float, float]]:
    """Inches per data unit so the graph fits the width (and height), and the graph's extent at it."""
    scale = MAX_SCALE
    for _ in range(4):  # box widths depend on the scale: a few rounds settle it
        x_min, x_max, y_min, y_max = _extent(nodes, scale)
        fits = [MAX_SCALE, width_inches / (x_max - x_min)]
        if height_inches is not None:
            fits.append(height_inches / (y_max - y_min))
        scale = min(fits)
    return scale, _extent(nodes, scale)


def _label_side(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Unit normal of an edge on its "above" side (for a vertical edge: its left side)."""
    direction = end - start
    normal = np.array([-direction[1], direction[0]]) / max(np.hypot(*direction), 1e-12)
    if normal[1] < -1e-9 or (abs(normal[1]) <= 1e-9 and normal[0] > 0):
        normal = -normal
    return normal


def _alignment(offset: np.ndarray) -> dict[str, str]:
    """Anchor an edge's number on the side away from the edge, so it never sits on the line."""
    ha = "center" if abs(offset[0]) < 0.5 * LABEL_OFFSET else ("left" if offset[0] > 0 else "right")
    va = "center" if abs(offset[1]) < 0.5 * LABEL_OFFSET else ("bottom" if offset[1] > 0 else "top")
    return {"ha": ha, "va": va}


def draw_graph(
    nodes: Sequence, edges: Sequence, title: str | None = None, ax: Axes | None = None, number_format: str = ".4g"
) -> Figure:
    """Draw a computational graph: forward values (blue) above each edge, gradients (vermillion) below it.

    nodes: (name, label, (x, y)) or (name, label, (x, y), kind) with kind "op" (circle) or "value" (box).
    edges: (source, target, forward, gradient); use None for a number that should not be shown.
    ax: draw into this Axes, scaled to fit it (the caller shows its figure); by default a new Figure
        of the graph's natural size is made, closed in pyplot and returned (show it by returning it
        from a cell, or with IPython's display()).
    """
    node_by_name = _as_nodes(nodes)
    edge_list = _as_edges(edges, node_by_name)
    if ax is None:
        scale, (x_min, x_max, y_min, y_max) = _fit(node_by_name, FIGURE_WIDTH - 0.2)
        size = (round((x_max - x_min) * scale + 0.2, 1), round((y_max - y_min) * scale + 1.0, 1))
        figure = new_figure(figsize=size)  # closed in pyplot: a notebook shows it once, as the cell's result
        ax = figure.add_axes(
            (
                0.1 / figure.get_figwidth(),
                0.55 / figure.get_figheight(),
                1 - 0.2 / figure.get_figwidth(),
                1 - 1.0 / figure.get_figheight(),
            )
        )
    else:
        ax_width, ax_height = ax.get_position().size * ax.figure.get_size_inches()
        scale, (x_min, x_max, y_min, y_max) = _fit(node_by_name, ax_width, ax_height)
    patches = {}
    for node in node_by_name.values():
        patches[node.name] = ax.add_patch(_node_patch(node, scale))
        ax.text(
            *node.position,
            node.label,
            ha="center",
            va="center",
            zorder=4,
            fontsize=10 if node.kind == "value" or len(node.label) > 1 else 15,
        )
    for edge in edge_list:
        start = np.array(node_by_name[edge.source].position, dtype=float)
        end = np.array(node_by_name[edge.target].position, dtype=float)
        ax.add_patch(
            FancyArrowPatch(
                start,
                end,
                patchA=patches[edge.source],
                patchB=patches[edge.target],
                arrowstyle="-|>",
                mutation_scale=14,
                color=EDGE_COLOR,
                linewidth=1.3,
                zorder=2,
            )
        )
        middle, normal = (start + end) / 2, _label_side(start, end)
        for value, side, color in ((edge.forward, 1, FORWARD_TEXT), (edge.gradient, -1, GRADIENT_TEXT)):
            if value is not None:
                offset = side * LABEL_OFFSET * normal
                ax.annotate(
                    format_number(value, number_format, MINUS_SIGN),
                    middle,
                    color=color,
                    xytext=offset,
                    textcoords="offset points",
                    zorder=5,
                    fontsize=11,
                    fontweight="bold",
                    **_alignment(offset),
                )
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    ax.legend(
        handles=[
            Patch(color=FORWARD_COLOR, label=message("figure.forward_above")),
            Patch(color=GRADIENT_COLOR, label=message("figure.gradient_below")),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=2,
        fontsize=10,
        handlelength=1.0,
        borderaxespad=0.0,
    )
    add_description(ax, describe_graph(node_by_name, edge_list, title, number_format))
    return ax.figure


def apple_shop_graph(
    apple_price: float = 100.0,
    apple_count: float = 2.0,
    tax: float = 1.1,
    orange_price: float | None = None,
    orange_count: float | None = None,
) -> GraphDescription:
    """Document 003's apple shop (with oranges when both orange numbers are given): the library's numbers, laid out."""
    shop = apple_shop(apple_price, apple_count, tax, orange_price, orange_count)
    with_oranges = shop.orange_price is not None

    # apples only: one row, inputs entering from below; with oranges: an apple row above an orange row
    apple_y, count_y = (3.4, 4.7) if with_oranges else (1.3, 0.0)
    tax_x, tax_y = (6.7, 2.35) if with_oranges else (4.6, 1.3)
    # node names are what the description reads out, so they are in the notebook's language too
    apple_price, apple_count, tax, total = (
        message(key) for key in ("figure.apple_price", "figure.apple_count", "figure.tax", "figure.total")
    )
    apples, taxed = message("figure.apples_times"), message("figure.tax_times")
    nodes = [
        GraphNode(apple_price, apple_price, (0.0, apple_y), "value"),
        GraphNode(apple_count, apple_count, (2.5, count_y), "value"),
        GraphNode(apples, "×", (2.5, apple_y)),
        GraphNode(tax, tax, (tax_x, tax_y - 1.3), "value"),
        GraphNode(taxed, "×", (tax_x, tax_y)),
        GraphNode(total, total, (tax_x + 1.9, tax_y), "value"),
    ]
    edges = [
        GraphEdge(apple_price, apples, shop.apple_price, shop.grad_apple_price),
        GraphEdge(apple_count, apples, shop.apple_count, shop.grad_apple_count),
        GraphEdge(tax, taxed, shop.tax, shop.grad_tax),
        GraphEdge(taxed, total, shop.total, 1.0),
    ]
    if not with_oranges:
        edges.append(GraphEdge(apples, taxed, shop.apples_total, shop.grad_apples_total))
        return GraphDescription(nodes, edges, message("figure.apple_shop_title"))
    orange_price, orange_count, oranges = (
        message(key) for key in ("figure.orange_price", "figure.orange_count", "figure.oranges_times")
    )
    nodes += [
        GraphNode(orange_price, orange_price, (0.0, 1.3), "value"),
        GraphNode(orange_count, orange_count, (2.5, 0.0), "value"),
        GraphNode(oranges, "×", (2.5, 1.3)),
        GraphNode("+", "+", (4.7, tax_y)),
    ]
    edges += [
        GraphEdge(orange_price, oranges, shop.orange_price, shop.grad_orange_price),
        GraphEdge(orange_count, oranges, shop.orange_count, shop.grad_orange_count),
        GraphEdge(apples, "+", shop.apples_total, shop.grad_apples_total),
        GraphEdge(oranges, "+", shop.oranges_total, shop.grad_oranges_total),
        GraphEdge("+", taxed, shop.before_tax, shop.grad_before_tax),
    ]
    return GraphDescription(nodes, edges, message("figure.apples_oranges_title"))


def draw_apple_shop(
    apple_price: float = 100.0,
    apple_count: float = 2.0,
    tax: float = 1.1,
    orange_price: float | None = None,
    orange_count: float | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The apple shop's graph for these numbers (a pure function of them): a Figure to show or save."""
    return draw_graph(*apple_shop_graph(apple_price, apple_count, tax, orange_price, orange_count), ax=ax)


def neuron_graph(x: float = 0.5, w: float = 0.8, y: float = 1.0) -> GraphDescription:
    """Document 001's neuron: z = w·x, ŷ = σ(z), L = −y·log ŷ, differentiated by backprop_lib's Value."""
    weight, feature = Value(w, label="w"), Value(x, label="x")
    z = weight * feature
    y_hat = z.sigmoid()
    loss = -y * y_hat.log()
    loss.backward()
    loss_node = message("figure.loss")  # the node's name, read out by the description
    nodes = [
        GraphNode("w", "w", (0.0, 1.3), "value"),
        GraphNode("x", "x", (1.9, 0.0), "value"),
        GraphNode("×", "×", (1.9, 1.3)),
        GraphNode("σ", "σ", (3.8, 1.3)),
        GraphNode(loss_node, "−y·log", (5.7, 1.3)),
        GraphNode("L", "L", (7.4, 1.3), "value"),
    ]
    edges = [
        GraphEdge("w", "×", w, weight.grad),
        GraphEdge("x", "×", x, feature.grad),
        GraphEdge("×", "σ", z.data, z.grad),
        GraphEdge("σ", loss_node, y_hat.data, y_hat.grad),
        GraphEdge(loss_node, "L", loss.data, 1.0),
    ]
    return GraphDescription(nodes, edges, message("figure.neuron_title", y=format_number(y, minus=MINUS_SIGN)))


def draw_neuron(x: float = 0.5, w: float = 0.8, y: float = 1.0, ax: Axes | None = None) -> Figure:
    """Document 001's neuron with its forward values and gradients: a Figure."""
    return draw_graph(*neuron_graph(x, w, y), ax=ax)


def sigmoid_graph(x: float = 0.4) -> GraphDescription:
    """σ(x) = 1 / (1 + exp(−x)) as four small nodes (×−1, exp, +1, 1/u), differentiated by Value."""
    start = Value(x)
    negated = start * -1.0
    exponential = negated.exp()
    denominator = exponential + 1.0
    out = 1.0 / denominator
    out.backward()
    nodes = [
        GraphNode("x", "x", (0.0, 0.0), "value"),
        GraphNode("neg", "×−1", (1.8, 0.0)),
        GraphNode("exp", "exp", (3.6, 0.0)),
        GraphNode("+1", "+1", (5.4, 0.0)),
        GraphNode("1/u", "1/u", (7.2, 0.0)),
        GraphNode("σ", "σ(x)", (8.9, 0.0), "value"),
    ]
    edges = [
        GraphEdge("x", "neg", x, start.grad),
        GraphEdge("neg", "exp", negated.data, negated.grad),
        GraphEdge("exp", "+1", exponential.data, exponential.grad),
        GraphEdge("+1", "1/u", denominator.data, denominator.grad),
        GraphEdge("1/u", "σ", out.data, 1.0),
    ]
    return GraphDescription(nodes, edges, message("figure.sigmoid_title"))


def draw_sigmoid_graph(x: float = 0.4, ax: Axes | None = None) -> Figure:
    """The sigmoid as four nodes with forward values and gradients at input x: a Figure."""
    return draw_graph(*sigmoid_graph(x), ax=ax)


OP_SYMBOLS = {"+": "+", "*": "×", "exp": "exp", "log": "log", "sigmoid": "σ", "relu": "max", "tanh": "tanh"}


def _parents_and_op(node) -> tuple[tuple, str]:
    """A value's parents and operation, from ``_prev``/``_op`` (a student's engine) or ``parents``/``op`` (Value)."""
    if hasattr(node, "_prev"):
        return tuple(node._prev), str(getattr(node, "_op", ""))
    if hasattr(node, "parents"):
        return tuple(node.parents), str(getattr(node, "op", ""))
    raise TypeError(message("error.graphs.not_a_value", type_name=type(node).__name__))


def _op_symbol(op: str) -> str:
    """How an operation reads inside its circle: × for *, σ for sigmoid, max for ReLU = max(0, x), ^2 for **2."""
    if op.startswith("**"):
        return "^" + format_number(float(op[2:]), "g", MINUS_SIGN)
    return OP_SYMBOLS.get(op, op or "?")


def _value_nodes(root) -> list:
    """Every value the root depends on, each after its parents (the order the figure numbers them in)."""
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((parent, False) for parent in reversed(_parents_and_op(node)[0]))
    return order


def _place_column(members: list, x: float, position: dict, parents_of: dict, users_of: dict) -> None:
    """Put each value of a column at the height of its neighbours (its parents, or an input's users), 1.3 apart."""

    def wanted(node: GraphValue) -> float:
        neighbours = parents_of[id(node)] or [user for user in users_of[id(node)] if id(user) in position]
        return float(np.mean([position[id(other)][1] for other in neighbours])) if neighbours else 0.0

    members.sort(key=wanted, reverse=True)
    heights = [wanted(node) for node in members]
    for row in range(1, len(heights)):
        heights[row] = min(heights[row], heights[row - 1] - 1.3)
    shift = float(np.mean([wanted(node) for node in members]) - np.mean(heights))
    for node, height in zip(members, heights):
        position[id(node)] = (x, height + shift)


def value_graph(root: GraphValue, title: str | None = None) -> GraphDescription:
    """The graph of a scalar expression, read from its root: leaves as boxes, operations as circles.

    Works for backprop_lib's Value and for any engine whose values keep ``data``, ``grad``, their parents
    in ``_prev`` and their operation in ``_op`` (micrograd's names). An edge shows the value it carries
    (blue) and that value's gradient (red); a value used twice shows its *total* gradient on each edge.
    """
    nodes = _value_nodes(root)
    if len(nodes) > 40:
        raise SettingError(message("error.graphs.too_many", count=len(nodes)))
    names = _value_names(nodes)
    parents_of = {id(node): _parents_and_op(node)[0] for node in nodes}
    users_of: dict[int, list] = {id(node): [] for node in nodes}
    for node in nodes:
        for parent in parents_of[id(node)]:
            users_of[id(parent)].append(node)
    depth: dict[int, int] = {}
    for node in nodes:  # an operation sits one column right of its deepest parent
        depth[id(node)] = 1 + max((depth[id(parent)] for parent in parents_of[id(node)]), default=-1)
    for node in reversed(nodes):  # an input sits just left of the first operation using it
        if not parents_of[id(node)] and users_of[id(node)]:
            depth[id(node)] = min(depth[id(user)] for user in users_of[id(node)]) - 1
    columns: dict[int, list] = {}
    for node in nodes:
        columns.setdefault(depth[id(node)], []).append(node)
    position: dict[int, tuple[float, float]] = {}
    for _ in range(2):  # inputs follow their users, found in the first round
        for column in sorted(columns):
            _place_column(columns[column], 1.9 * column, position, parents_of, users_of)
    graph_nodes, edges = [], []
    for node in nodes:
        parents, op = _parents_and_op(node)
        name = names[id(node)]
        if parents:
            graph_nodes.append(GraphNode(name, _op_symbol(op), position[id(node)]))
        else:
            label = getattr(node, "label", "") or format_number(node.data, minus=MINUS_SIGN)
            graph_nodes.append(GraphNode(name, label, position[id(node)], "value"))
        for parent in dict.fromkeys(parents):  # a parent used twice by this node: one edge
            edges.append(GraphEdge(names[id(parent)], name, parent.data, parent.grad))
    x, y = position[id(root)]
    output = message("figure.graph_output")
    graph_nodes.append(GraphNode(output, getattr(root, "label", "") or "out", (x + 1.9, y), "value"))
    edges.append(GraphEdge(names[id(root)], output, root.data, root.grad))
    return GraphDescription(graph_nodes, edges, title)


def _value_names(nodes: list) -> dict[int, str]:
    """Each value's name in words and pictures: its label where no other value has it, else v0, v1, … by position."""
    labels = [getattr(node, "label", "") for node in nodes]
    taken = {message("figure.graph_output")} | {f"v{index}" for index in range(len(nodes))}
    return {
        id(node): label if label and labels.count(label) == 1 and label not in taken else f"v{index}"
        for index, (node, label) in enumerate(zip(nodes, labels))
    }


def describe_value_graph(root: GraphValue) -> str:
    """The same graph in words, one line per value in forward order: what it is, its value and gradient."""
    nodes = _value_nodes(root)
    names = _value_names(nodes)
    lines = []
    for node in nodes:
        parents, op = _parents_and_op(node)
        numbers = {
            "name": names[id(node)],
            "value": format_number(node.data, minus=MINUS_SIGN),
            "grad": format_number(node.grad, minus=MINUS_SIGN),
        }
        if not parents:
            lines.append(TEXT["value_input"].format(**numbers))
        else:
            inputs = ", ".join(names[id(parent)] for parent in parents)
            words = op if op in ("sigmoid", "relu") else _op_symbol(op)  # in words, the engine's own name
            lines.append(TEXT["value_op"].format(op=words, inputs=inputs, **numbers))
    return "\n".join(lines)


def draw_value_graph(root: GraphValue, title: str | None = None, ax: Axes | None = None) -> Figure:
    """Draw the graph of a scalar expression from its root value (see ``value_graph``): a Figure."""
    return draw_graph(*value_graph(root, title), ax=ax)
