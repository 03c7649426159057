"""Decision regions (결정 영역) of 2-D classifiers, the lines drawn by hidden units, and the hidden space.

These pictures show why XOR needs a hidden layer: one unit can only cut the plane with one
straight line; several hidden units cut it with several lines, and in the space of their
activations the classes become separable by one plane.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, ListedColormap, to_rgba
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from ..errors import LabelError, ShapeError, describe, one_of, whole_number
from ..formatting import format_number
from ..messages import Templates, message
from .described import add_description, linear_text, new_figure, new_subplots
from .palette import BLACK, CLASS_COLORS, CLASS_MARKERS, HIDDEN_LINE_COLORS, LINE_STYLES, RING, WHITE, cycle
from .style import EDGE_COLOR, as_drawn, figure_size

# The words of this module's text alternatives, in the notebook's language (backprop_lib.messages).
TEXT = Templates("describe.regions")


def _class_name(k: int, class_names: list[str] | None) -> str:
    return class_names[k] if class_names is not None and k < len(class_names) else message("figure.class", k=k)


def describe_regions(
    title: str,
    bounds: tuple[float, float, float, float],
    predicted: np.ndarray,
    inputs: np.ndarray,
    classes: np.ndarray,
    at_points: np.ndarray,
    class_names: list[str] | None,
    binary: bool,
) -> str:
    """How much of the plane each class gets, and which points land in the region of their class."""
    shares = ", ".join(
        TEXT["share"].format(name=_class_name(k, class_names), percent=round(100 * float(np.mean(predicted == k))))
        for k in range(int(predicted.max()) + 1)
        if np.any(predicted == k)
    )
    x0, x1, y0, y1 = (format_number(bound, ".3g") for bound in bounds)
    parts = [TEXT["regions"].format(title=title, x0=x0, x1=x1, y0=y0, y1=y1, shares=shares)]
    if binary:
        parts[0] += TEXT["boundary"].format(name=_class_name(1, class_names))
    if len(inputs) <= 12:
        items = "; ".join(
            TEXT["point"].format(
                x1=format_number(x[0], ".3g"),
                x2=format_number(x[1], ".3g"),
                name=_class_name(k, class_names),
                verdict=TEXT["point_right"] if p == k else TEXT["point_wrong"].format(name=_class_name(p, class_names)),
            )
            for x, k, p in zip(inputs, classes, at_points)
        )
    else:
        items = "; ".join(
            TEXT["class_count"].format(
                name=_class_name(k, class_names),
                count=int(np.sum(classes == k)),
                right=int(np.sum((classes == k) & (at_points == k))),
            )
            for k in np.unique(classes)
        )
    parts.append(TEXT["points"].format(items=items))
    parts.append(TEXT["right"].format(right=int(np.sum(at_points == classes)), count=len(classes)))
    return " ".join(parts)


def _check_inputs(inputs, who: str) -> np.ndarray:
    inputs = np.asarray(inputs, dtype=np.float64)
    if inputs.ndim != 2 or inputs.shape[1] != 2 or inputs.shape[0] == 0:
        raise ShapeError(message("error.regions.inputs", who=who, got=describe(inputs)))
    return inputs


def as_class_indices(labels: ArrayLike, count: int, who: str = "plot_decision_regions") -> np.ndarray:
    """Class indices (N,) from indices (N,), a column of 0/1 targets (N, 1) or one-hot rows (N, K)."""
    labels = np.asarray(labels)
    if labels.ndim == 2 and labels.shape[1] > 1:
        labels = np.argmax(labels, axis=1)
    elif labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.ndim != 1 or labels.shape[0] != count:
        raise LabelError(message("error.regions.label_count", who=who, count=count, got=describe(labels)))
    if not np.all(labels == np.round(labels)) or np.any(labels < 0):
        raise LabelError(message("error.regions.label_values", who=who, values=np.unique(labels)[:6]))
    return labels.astype(int)


def _predicted_classes(predict: Callable, grid: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """(class index per grid point, probability of class 1 when predict gave binary probabilities)."""
    out = np.asarray(predict(grid), dtype=np.float64)
    count = grid.shape[0]
    if out.ndim == 2 and out.shape[0] == count and out.shape[1] > 1:
        return np.argmax(as_drawn(out), axis=1), None  # scores or probabilities per class
    if out.ndim == 2 and out.shape == (count, 1):
        out = out[:, 0]
    if out.shape != (count,):
        raise ShapeError(message("error.regions.predict_shape", count=count, got=describe(out)))
    if np.all(out == np.round(out)):
        return out.astype(int), None  # class indices
    if np.any(out < 0) or np.any(out > 1):
        raise ShapeError(message("error.regions.predict_values"))
    out = as_drawn(out)
    return (out >= 0.5).astype(int), out  # probability of class 1


def plot_decision_regions(
    predict: Callable[[np.ndarray], np.ndarray],
    inputs: ArrayLike,
    labels: ArrayLike,
    ax: Axes | None = None,
    title: str | None = None,
    resolution: int = 200,
    bounds: tuple[float, float, float, float] | None = None,
    padding: float = 0.25,
    class_names: list[str] | None = None,
) -> Figure:
    """Colour the plane by the class ``predict`` gives each point, and draw the data on top.

    predict maps an (M, 2) array to class indices (M,), to probabilities of class 1 (M,) or (M, 1)
    (binary: shaded by probability, the 0.5 line drawn), or to class scores (M, K) (argmax).
    bounds = (x_min, x_max, y_min, y_max); by default the data's range widened by ``padding``.
    """
    inputs = _check_inputs(inputs, "plot_decision_regions")
    classes = as_class_indices(labels, inputs.shape[0])
    resolution = whole_number(resolution, "plot_decision_regions: resolution", least=2)
    if bounds is None:
        low, high = inputs.min(axis=0) - padding, inputs.max(axis=0) + padding
        bounds = (low[0], high[0], low[1], high[1])
    xs = np.linspace(bounds[0], bounds[1], resolution)
    ys = np.linspace(bounds[2], bounds[3], resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    predicted, probability = _predicted_classes(predict, grid)
    class_count = max(int(classes.max()), int(predicted.max())) + 1
    colors = [CLASS_COLORS[k % len(CLASS_COLORS)] for k in range(class_count)]

    created = ax is None
    if created:
        figure, ax = new_subplots(figsize=figure_size(0.8))
    extent = (bounds[0], bounds[1], bounds[2], bounds[3])
    if probability is not None:
        shades = LinearSegmentedColormap.from_list("binary_shades", [colors[0], WHITE, colors[1]])
        ax.imshow(
            probability.reshape(grid_x.shape),
            origin="lower",
            extent=extent,
            cmap=shades,
            vmin=0,
            vmax=1,
            alpha=0.45,
            aspect="auto",
            interpolation="bilinear",
        )
        ax.contour(grid_x, grid_y, probability.reshape(grid_x.shape), levels=[0.5], colors=EDGE_COLOR, linewidths=1.5)
    else:
        light = ListedColormap([to_rgba(color, 0.25) for color in colors])
        ax.imshow(
            predicted.reshape(grid_x.shape),
            origin="lower",
            extent=extent,
            cmap=light,
            vmin=-0.5,
            vmax=class_count - 0.5,
            aspect="auto",
            interpolation="nearest",
        )
    for k in range(class_count):
        chosen = classes == k
        if np.any(chosen):
            name = class_names[k] if class_names is not None else message("figure.class", k=k)
            ax.scatter(
                inputs[chosen, 0],
                inputs[chosen, 1],
                s=80 if inputs.shape[0] <= 20 else 20,
                color=colors[k],
                marker=cycle(CLASS_MARKERS, k),
                edgecolors=BLACK,
                linewidths=0.8,
                label=name,
                zorder=3,
            )
    ax.set_xlim(bounds[0], bounds[1])
    ax.set_ylim(bounds[2], bounds[3])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    title = message("figure.decision_regions") if title is None else title
    ax.set_title(title)
    ax.grid(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    at_points, _ = _predicted_classes(predict, inputs)
    add_description(
        ax, describe_regions(title, bounds, predicted, inputs, classes, at_points, class_names, probability is not None)
    )
    if created:
        figure.tight_layout()
    return ax.figure


def plot_linear_attempts(
    inputs: ArrayLike, labels: ArrayLike, lines: list[tuple], title: str | None = None, resolution: int = 100
) -> Figure:
    """One panel per line (weights (2,), bias): class 1 where w·x + b > 0; wrong points are ringed.

    Shows a single-layer perceptron's (단층 퍼셉트론) only tool, one straight cut, at work.
    """
    inputs = _check_inputs(inputs, "plot_linear_attempts")
    classes = as_class_indices(labels, inputs.shape[0], "plot_linear_attempts")
    if len(lines) == 0:
        raise ShapeError(message("error.regions.no_lines"))
    figure, axes = new_subplots(1, len(lines), figsize=figure_size(0.4 if len(lines) > 2 else 0.5), squeeze=False)
    title = message("figure.one_line_title") if title is None else title
    panels = [TEXT["attempts"].format(title=title, count=len(lines))]
    for number, (ax, (weights, bias)) in enumerate(zip(axes[0], lines), start=1):
        weights = np.asarray(weights, dtype=np.float64).reshape(-1)
        if weights.shape != (2,):
            raise ShapeError(message("error.regions.line_weights", got=describe(weights)))

        def classify(points: np.ndarray, weights: np.ndarray = weights, bias: float = float(bias)) -> np.ndarray:
            return (points @ weights + bias > 0).astype(int)

        plot_decision_regions(classify, inputs, classes, ax=ax, resolution=resolution)
        wrong = classify(inputs) != classes
        ax.scatter(
            inputs[wrong, 0], inputs[wrong, 1], s=380, facecolors="none", edgecolors=RING, linewidths=2.5, zorder=4
        )
        points = ", ".join(f"({format_number(x[0], '.3g')}, {format_number(x[1], '.3g')})" for x in inputs[wrong])
        panels.append(
            TEXT["attempt"].format(
                number=number,
                line=linear_text(weights, ["x1", "x2"], float(bias)),
                right=int(np.sum(~wrong)),
                count=len(classes),
                wrong=TEXT["attempt_wrong"].format(points=points) if points else "",
            )
        )
        ax.get_legend().remove()
        ax.set_aspect("equal")
        ax.set_title(message("figure.right_count", right=int(np.sum(~wrong)), count=len(classes)), fontsize=11)
    figure.suptitle(title, fontweight="bold")
    figure.tight_layout()
    add_description(figure, " ".join(panels), replace=True)  # the panels' own sentences say less
    return figure


def plot_hidden_lines(weights: ArrayLike, bias: ArrayLike | None, ax: Axes, names: list[str] | None = None) -> Figure:
    """Draw, for each first-layer unit j, the line w₁ⱼx₁ + w₂ⱼx₂ + bⱼ = 0 where its sigmoid is 0.5.

    weights has shape (2, H) as in Affine (column j feeds unit j), bias (H,). A short arrow from
    each line points along (w₁ⱼ, w₂ⱼ), to the side where the unit is switched on (σ > 0.5).
    Call it after the plot it goes on (e.g. plot_decision_regions), so the axes' limits are set.
    """
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 2 or weights.shape[0] != 2:
        raise ShapeError(message("error.regions.hidden_weights", got=describe(weights)))
    units = weights.shape[1]
    bias = np.zeros(units) if bias is None else np.asarray(bias, dtype=np.float64).reshape(-1)
    if bias.shape != (units,):
        raise ShapeError(message("error.regions.hidden_bias", units=units, got=describe(bias)))
    x_min, x_max = ax.get_xlim()
    y_min, y_max = ax.get_ylim()
    center = np.array([(x_min + x_max) / 2, (y_min + y_max) / 2])
    arrow_length = 0.08 * min(x_max - x_min, y_max - y_min)
    described = []
    for j in range(units):
        w, b = weights[:, j], bias[j]
        norm = np.hypot(*w)
        if norm == 0:
            continue  # a unit with zero weights is constant: it draws no line
        color, style = cycle(HIDDEN_LINE_COLORS, j), cycle(LINE_STYLES[1:], j)  # solid is left to the 0.5 boundary
        name = names[j] if names is not None else f"$h_{j + 1}$ = 0.5"
        described.append(
            TEXT["hidden_line"].format(
                name=names[j] if names is not None else f"h{j + 1}", line=linear_text(w, ["x1", "x2"], b)
            )
        )
        direction = np.array([-w[1], w[0]]) / norm  # along the line
        foot = center - (w @ center + b) / norm**2 * w  # the point of the line nearest the centre
        span = 2 * max(x_max - x_min, y_max - y_min)
        ends = as_drawn([foot - span * direction, foot + span * direction])
        ax.plot(ends[:, 0], ends[:, 1], color=color, linewidth=2, linestyle=style, label=name)
        ax.annotate(
            "",
            xy=as_drawn(foot + arrow_length * w / norm),
            xytext=as_drawn(foot),
            arrowprops={"arrowstyle": "->", "color": color, "linewidth": 2},
        )
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    if described:
        add_description(ax, TEXT["hidden_lines"].format(items="; ".join(described)))
    return ax.figure


def plot_hidden_space(
    hidden_activations: ArrayLike,
    labels: ArrayLike,
    title: str | None = None,
    point_names: list[str] | None = None,
    kind: str = "pairs",
    output_weights: ArrayLike | None = None,
    output_bias: ArrayLike | None = None,
) -> Figure:
    """Show where the hidden layer sends each input: one panel per pair of hidden units, or one 3-D view.

    hidden_activations (N, H) with H = 2 or 3; labels as for plot_decision_regions. kind="pairs"
    draws every pair (h_i, h_j); kind="3d" (H = 3) draws one 3-D view and, given the output layer's
    weights (H, 1) and bias, the plane where the output unit is 0.5.
    """
    hidden = np.asarray(hidden_activations, dtype=np.float64)
    if hidden.ndim != 2 or hidden.shape[1] not in (2, 3):
        raise ShapeError(message("error.regions.hidden_space", got=describe(hidden)))
    one_of(kind, ("pairs", "3d"), "plot_hidden_space: kind")
    if kind == "3d" and hidden.shape[1] != 3:
        raise ShapeError(message("error.regions.needs_3d", units=hidden.shape[1]))
    title = message("figure.hidden_space_title") if title is None else title
    classes = as_class_indices(labels, hidden.shape[0], "plot_hidden_space")
    names = point_names if point_names is not None else [None] * hidden.shape[0]
    if kind == "3d":
        figure = _hidden_space_3d(hidden, classes, names, title, output_weights, output_bias)
    else:
        figure = _hidden_space_pairs(hidden, classes, names, title)
    add_description(figure, describe_hidden_space(hidden, classes, names, title, output_weights, output_bias))
    return figure


def describe_hidden_space(
    hidden: np.ndarray,
    classes: np.ndarray,
    names: list,
    title: str,
    output_weights: ArrayLike | None,
    output_bias: ArrayLike | None,
) -> str:
    """Where every input lands in the hidden space, and on which side of the output's plane."""
    labels = [name if name is not None else TEXT["input"].format(number=index + 1) for index, name in enumerate(names)]
    items = "; ".join(
        TEXT["space_point"].format(
            name=label, coords=", ".join(format_number(v, ".2g") for v in point), label=_class_name(k, None)
        )
        for label, point, k in zip(labels, hidden, classes)
    )
    text = TEXT["space"].format(title=title, count=len(hidden), units=hidden.shape[1], items=items)
    if output_weights is not None:
        w = np.asarray(output_weights, dtype=np.float64).reshape(-1)
        b = 0.0 if output_bias is None else float(np.asarray(output_bias, dtype=np.float64).reshape(-1)[0])
        above = hidden @ w + b > 0
        line = linear_text(w, [f"h{index + 1}" for index in range(len(w))], b)
        text += TEXT["plane"].format(
            line=line,
            above=", ".join(np.array(labels)[above]) or TEXT["nothing"],
            below=", ".join(np.array(labels)[~above]) or TEXT["nothing"],
        )
    return text


def _scatter_classes(ax, columns: list[np.ndarray], classes: np.ndarray, **options) -> None:
    """One scatter per class: its colour and its marker shape."""
    for k in np.unique(classes):
        chosen = classes == k
        ax.scatter(
            *[column[chosen] for column in columns],
            s=80,
            color=cycle(CLASS_COLORS, k),
            marker=cycle(CLASS_MARKERS, k),
            edgecolors=BLACK,
            linewidths=0.8,
            **options,
        )


def _hidden_space_pairs(hidden: np.ndarray, classes: np.ndarray, names: list, title: str) -> Figure:
    """One panel per pair of hidden units."""
    pairs = [(i, j) for i in range(hidden.shape[1]) for j in range(i + 1, hidden.shape[1])]
    figure, axes = new_subplots(1, len(pairs), figsize=figure_size(0.4 if len(pairs) == 3 else 0.8), squeeze=False)
    for ax, (i, j) in zip(axes[0], pairs):
        _scatter_classes(ax, [hidden[:, i], hidden[:, j]], classes, zorder=3)
        for point, name in zip(hidden, names):
            if name is not None:
                ax.annotate(name, (point[i], point[j]), textcoords="offset points", xytext=(6, 6), fontsize=10)
        ax.set_xlim(-0.05, 1.15)
        ax.set_ylim(-0.05, 1.15)
        ax.set_aspect("equal")
        ax.set_xlabel(f"$h_{i + 1}$")
        ax.set_ylabel(f"$h_{j + 1}$")
    figure.suptitle(title, fontweight="bold")
    figure.tight_layout()
    return figure


def _edge_on_azimuth(normal: np.ndarray, elevation: float) -> float:
    """The azimuth (degrees) at which a camera at ``elevation`` looks along a plane with this normal."""
    horizontal = np.hypot(normal[0], normal[1])
    tilt = -np.tan(np.radians(elevation)) * normal[2] / max(horizontal, 1e-12)
    return float(np.degrees(np.arctan2(normal[1], normal[0]) + np.arccos(np.clip(tilt, -1, 1))))


def _draw_hidden_points_3d(ax, hidden, classes, names) -> None:
    _scatter_classes(ax, [hidden[:, 0], hidden[:, 1], hidden[:, 2]], classes, depthshade=False)
    for point, name in zip(hidden, names):
        if name is not None:
            ax.text(point[0], point[1], point[2] + 0.06, name, fontsize=10)
    for setter in (ax.set_xlim, ax.set_ylim, ax.set_zlim):
        setter(0, 1)
    for setter in (ax.set_xticks, ax.set_yticks, ax.set_zticks):
        setter([0, 0.5, 1], labels=["0", "0.5", "1"])  # short labels: "1.0" and "0.0" collide at the corners
    ax.tick_params(labelsize=10, pad=0)
    ax.set_box_aspect((1, 1, 1))
    ax.set_proj_type("ortho")
    ax.set_xlabel("$h_1$")
    ax.set_ylabel("$h_2$")
    ax.set_zlabel("$h_3$")


def _plane_in_cube(w: np.ndarray, b: float) -> np.ndarray:
    """The corners of the polygon where the plane w·h + b = 0 cuts the unit cube, in order around it."""
    corners = np.array([[i, j, k] for i in (0, 1) for j in (0, 1) for k in (0, 1)], dtype=np.float64)
    points = []
    for first in range(8):
        for second in range(first + 1, 8):
            start, end = corners[first], corners[second]
            if np.sum(start != end) != 1:
                continue  # not an edge of the cube
            value_start, value_end = w @ start + b, w @ end + b
            if value_start * value_end <= 0 and value_start != value_end:
                points.append(start + value_start / (value_start - value_end) * (end - start))
    if len(points) < 3:
        return np.empty((0, 3))
    points = np.array(points)
    center = points.mean(axis=0)
    normal = w / np.linalg.norm(w)
    first_axis = points[0] - center
    first_axis /= max(np.linalg.norm(first_axis), 1e-12)
    second_axis = np.cross(normal, first_axis)
    angles = np.arctan2((points - center) @ second_axis, (points - center) @ first_axis)
    return points[np.argsort(angles)]


def _draw_plane(ax, w: np.ndarray, b: float) -> None:
    """The plane w·h + b = 0 inside the unit cube: a light sheet with a solid outline."""
    from mpl_toolkits.mplot3d.art3d import Poly3DCollection

    polygon = _plane_in_cube(w, b)
    if len(polygon) == 0:
        return
    ax.add_collection3d(Poly3DCollection([polygon], facecolor=EDGE_COLOR, alpha=0.3, edgecolor="none"))
    closed = np.vstack([polygon, polygon[:1]])
    ax.plot(
        closed[:, 0], closed[:, 1], closed[:, 2], color=EDGE_COLOR, linewidth=2, label=message("figure.output_half")
    )


def _hidden_space_3d(hidden, classes, names, title, output_weights, output_bias) -> Figure:
    """One 3-D view; with the output layer given, a second view looking along its plane (edge-on)."""
    if output_weights is None:
        figure = new_figure(figsize=figure_size(0.8))
        ax = figure.add_subplot(projection="3d")
        _draw_hidden_points_3d(ax, hidden, classes, names)
        ax.set_title(title)
        return figure
    w = np.asarray(output_weights, dtype=np.float64).reshape(-1)
    if w.shape != (3,) or not np.any(w):
        raise ShapeError(message("error.regions.output_weights", got=describe(output_weights)))
    b = 0.0 if output_bias is None else float(np.asarray(output_bias, dtype=np.float64).reshape(-1)[0])
    figure = new_figure(figsize=figure_size(0.55))
    for index, subtitle in enumerate((message("figure.output_plane"), message("figure.along_plane"))):
        ax = figure.add_subplot(1, 2, index + 1, projection="3d")
        _draw_hidden_points_3d(ax, hidden, classes, names)
        _draw_plane(ax, w, b)
        if index == 1:
            ax.view_init(elev=15, azim=_edge_on_azimuth(w, 15))
        ax.set_title(subtitle, fontsize=11)
    figure.suptitle(title, fontweight="bold")
    return figure
