"""Lesson 6's figures: the digits, learning curves, activation spread, the search, and what the network got wrong.

Every function returns a closed ``DescribedFigure`` (a notebook shows it once, as an image whose alt
text is written from the figure's numbers). Images are drawn in greys: white paper, black ink, pixel
values 0 … 1. Titles, labels and descriptions are in the notebook's language (``use_language``).
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.colors import Normalize, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from ..digits import IMAGE_SIDE, NUM_CLASSES
from ..errors import ShapeError, describe
from ..formatting import format_number
from ..messages import Templates, message
from .described import add_description, new_figure, new_subplots
from .palette import BLACK, CLASS_COLORS, CLASS_MARKERS, DARK_GREY, GRADIENT_TEXT, WHITE, cycle
from .style import FIGURE_WIDTH, FORWARD_COLOR, GRADIENT_COLOR, HIGHLIGHT_COLOR, figure_size

# The words of this module's text alternatives, in the notebook's language (backprop_lib.messages).
TEXT = Templates("describe.digits")
PART_HATCHES = ("", "//", "..", "xx")  # the second cue for a part of the split (besides its colour)
TRUE_HATCH, PREDICTED_HATCH = "//", ".."  # the second cue for the true and the predicted class's bar


def _images(images) -> np.ndarray:
    """Images as (N, 8, 8), from (N, 64) or (N, 8, 8)."""
    images = np.asarray(images, dtype=np.float64)
    if images.ndim == 2 and images.shape[1] == IMAGE_SIDE**2:
        return images.reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    if images.ndim == 3 and images.shape[1:] == (IMAGE_SIDE, IMAGE_SIDE):
        return images
    raise ShapeError(message("error.digit_figures.images", got=describe(images)))


def _luminance(color) -> float:
    """WCAG relative luminance of a colour."""
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def _contrast(first, second) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _cell_text(ax, row: int, column: int, text: str, fill, preferred=BLACK, **options) -> None:
    """A number on a coloured table cell: ``preferred`` colour if it reads well on the fill (≥ 4.5:1).

    Otherwise black or white, whichever reads better.

    The cell's colour is also the text's box, so what the text is read against is stated, not assumed.
    """
    color = preferred if _contrast(preferred, fill) >= 4.5 else max((BLACK, WHITE), key=lambda c: _contrast(c, fill))
    ax.text(
        column,
        row,
        text,
        ha="center",
        va="center",
        fontsize=10,
        color=color,
        bbox={"boxstyle": "square,pad=0.05", "facecolor": fill, "edgecolor": "none"},
        **options,
    )


def _show_image(ax, image: np.ndarray, title: str = "", color: str = BLACK) -> None:
    """One 8×8 digit, black ink on white, without ticks."""
    ax.imshow(image, cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#bbbbbb")
    if title:
        ax.set_title(title, fontsize=10, fontweight="normal", color=color)


def plot_digit_grid(images: ArrayLike, labels: ArrayLike, columns: int = 10, rows: int = 3) -> Figure:
    """The first rows × columns digits with their labels above them."""
    images, labels = _images(images), np.asarray(labels)
    count = min(len(images), rows * columns)
    figure, axes = new_subplots(rows, columns, figsize=(FIGURE_WIDTH, FIGURE_WIDTH * rows / columns * 1.2))
    for index, ax in enumerate(np.ravel(axes)):
        if index < count:
            _show_image(ax, images[index], f"{labels[index]}")
        else:
            ax.axis("off")
    figure.tight_layout()
    add_description(figure, TEXT["grid"].format(count=count, labels=", ".join(str(label) for label in labels[:count])))
    return figure


def plot_class_counts(parts: dict[str, np.ndarray]) -> Figure:
    """How many digits of each class each part holds, as grouped bars: {part name: labels}."""
    figure, ax = new_subplots(figsize=figure_size(0.4))
    width = 0.8 / len(parts)
    items = []
    for index, (name, labels) in enumerate(parts.items()):
        counts = np.bincount(np.asarray(labels), minlength=NUM_CLASSES)
        ax.bar(
            np.arange(NUM_CLASSES) + (index - (len(parts) - 1) / 2) * width,
            counts,
            width,
            color=cycle(CLASS_COLORS, index),
            hatch=cycle(PART_HATCHES, index),
            edgecolor=BLACK,
            linewidth=0.5,
            label=f"{name} ({counts.sum()})",
        )
        items.append(
            TEXT["counts_part"].format(
                name=name, total=int(counts.sum()), counts=", ".join(str(int(count)) for count in counts)
            )
        )
    title = message("figure.digits_counts_title")
    ax.set_xticks(range(NUM_CLASSES))
    ax.set_xlabel(message("figure.digits_class"))
    ax.set_ylabel(message("figure.digits_image_count"))
    ax.set_title(title)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.3)  # room for the legend above the bars
    ax.legend(loc="upper center", ncol=len(parts))
    figure.tight_layout()
    add_description(figure, TEXT["counts"].format(title=title, items="; ".join(items)))
    return figure


def plot_learning_curves(histories: dict, title: str | None = None) -> Figure:
    """Loss and accuracy per epoch of MiniBatchHistory runs: training dashed, validation solid.

    Runs differ in colour and marker.
    """
    title = message("figure.digits_learning_curves") if title is None else title
    figure, (loss_ax, accuracy_ax) = new_subplots(1, 2, figsize=figure_size(0.45))
    items = []
    for index, (name, history) in enumerate(histories.items()):
        style = {
            "color": cycle(CLASS_COLORS, index),
            "marker": cycle(CLASS_MARKERS, index),
            "markevery": max(1, history.epochs // 6),
            "markersize": 5,
        }
        epochs = np.arange(1, history.epochs + 1)
        loss_ax.plot(epochs, history.train_loss, "--", linewidth=1.5, **style)
        accuracy_ax.plot(epochs, history.train_accuracy, "--", linewidth=1.5, **style)
        validation = ""
        if history.validation_loss:
            loss_ax.plot(epochs, history.validation_loss, linewidth=2, label=name, **style)
            accuracy_ax.plot(epochs, history.validation_accuracy, linewidth=2, label=name, **style)
            validation = TEXT["curves_validation"].format(
                loss=format_number(history.validation_loss[-1]),
                accuracy=format_number(history.validation_accuracy[-1]),
                best=history.best_epoch + 1,
            )
        if history.stopped_early:  # a grey line where the kept weights come from
            for ax in (loss_ax, accuracy_ax):
                ax.axvline(history.best_epoch + 1, color=DARK_GREY, linewidth=1)
            accuracy_ax.annotate(
                message("figure.digits_kept", epoch=history.best_epoch + 1),
                (history.best_epoch + 1, 0.02),
                xycoords=("data", "axes fraction"),
                xytext=(-4, 0),
                textcoords="offset points",
                ha="right",
                fontsize=9,
                color=DARK_GREY,
            )
            validation += TEXT["curves_kept"].format(best=history.best_epoch + 1)
        items.append(
            TEXT["curves_run"].format(
                name=name,
                epochs=history.epochs,
                loss=format_number(history.train_loss[-1]),
                accuracy=format_number(history.train_accuracy[-1]),
                validation=validation,
            )
        )
    loss_ax.set_yscale("log")
    loss_ax.set_xlabel(message("figure.epoch"))
    loss_ax.set_ylabel(message("figure.log_scale", label=message("figure.loss")))
    loss_ax.set_title(message("figure.loss"))
    accuracy_ax.set_xlabel(message("figure.epoch"))
    accuracy_ax.set_ylabel(message("figure.digits_accuracy"))
    accuracy_ax.set_title(message("figure.digits_accuracy"))
    accuracy_ax.legend(title=message("figure.digits_solid_dashed"), fontsize=10, title_fontsize=10)
    figure.suptitle(title, fontweight="bold")
    figure.tight_layout()
    add_description(figure, TEXT["curves"].format(title=title, items=" ".join(items)))
    return figure


def plot_activation_spread(activations: dict[str, list[np.ndarray]]) -> Figure:
    """Histograms of each hidden layer's outputs, one row per initial scale: {scale name: [layer outputs]}."""
    rows = len(activations)
    layers = max(len(outputs) for outputs in activations.values())
    figure, axes = new_subplots(rows, layers, figsize=(FIGURE_WIDTH, 1.7 * rows + 0.4), squeeze=False)
    items = []
    for row, (name, outputs) in enumerate(activations.items()):
        spreads = []
        for column, ax in enumerate(axes[row]):
            if column >= len(outputs):
                ax.axis("off")
                continue
            values = np.ravel(outputs[column])
            ax.hist(values, bins=30, color=cycle(CLASS_COLORS, row))
            ax.set_yticks([])
            ax.tick_params(labelsize=10)
            ax.xaxis.set_major_locator(MaxNLocator(3))  # three ticks, so tiny ranges' labels do not run together
            ax.ticklabel_format(axis="x", style="sci", scilimits=(-3, 3))
            ax.set_title(
                message("figure.digits_layer_std", layer=column + 1, std=f"{values.std():.2g}"),
                fontsize=10,
                fontweight="normal",
            )
            spreads.append(
                TEXT["spread_layer"].format(
                    layer=column + 1, std=f"{values.std():.2g}", zeros=round(100 * float(np.mean(values == 0)))
                )
            )
        axes[row][0].set_ylabel(name, fontsize=10)
        items.append(TEXT["spread_scale"].format(name=name, layers="; ".join(spreads)))
    title = message("figure.digits_spread_title")
    figure.suptitle(title, fontweight="bold")
    figure.tight_layout()
    add_description(figure, TEXT["spread"].format(title=title, items=" ".join(items)))
    return figure


def plot_search(learning_rates: Sequence[float], hidden_sizes: Sequence[int], validation_accuracy: ArrayLike) -> Figure:
    """The validation accuracy of every (learning rate, hidden size) pair as a coloured table; the best framed."""
    table = np.asarray(validation_accuracy, dtype=np.float64)
    if table.shape != (len(learning_rates), len(hidden_sizes)):
        raise ShapeError(
            message(
                "error.digit_figures.search", rates=len(learning_rates), sizes=len(hidden_sizes), got=describe(table)
            )
        )
    figure, ax = new_subplots(figsize=figure_size(0.5))
    cells, norm = matplotlib.colormaps["Blues"], Normalize(max(0.0, table.min() - 0.05), 1.0)
    ax.imshow(table, cmap=cells, norm=norm)
    best = np.unravel_index(np.argmax(table), table.shape)
    for (row, column), value in np.ndenumerate(table):
        _cell_text(
            ax,
            row,
            column,
            f"{100 * value:.1f} %",
            cells(norm(value)),
            fontweight="bold" if (row, column) == best else "normal",
        )
    ax.add_patch(Rectangle((best[1] - 0.5, best[0] - 0.5), 1, 1, fill=False, edgecolor=HIGHLIGHT_COLOR, linewidth=3))
    ax.set_xticks(range(len(hidden_sizes)), [str(size) for size in hidden_sizes])
    ax.set_yticks(range(len(learning_rates)), [f"{rate:g}" for rate in learning_rates])
    ax.set_xlabel(message("xor.hidden_units"))
    ax.set_ylabel(message("xor.learning_rate"))
    ax.grid(False)
    title = message("figure.digits_search_title")
    ax.set_title(title)
    figure.tight_layout()
    rows = "; ".join(
        TEXT["search_row"].format(
            rate=f"{rate:g}",
            values=", ".join(
                TEXT["search_cell"].format(size=size, accuracy=f"{100 * value:.1f} %")
                for size, value in zip(hidden_sizes, table[index])
            ),
        )
        for index, rate in enumerate(learning_rates)
    )
    add_description(
        figure,
        TEXT["search"].format(
            title=title,
            items=rows,
            rate=f"{learning_rates[best[0]]:g}",
            size=hidden_sizes[best[1]],
            accuracy=f"{100 * table[best]:.1f} %",
        ),
    )
    return figure


def plot_confusion(labels: ArrayLike, predicted: ArrayLike) -> Figure:
    """The confusion matrix: row = true class, column = predicted class, the count in each cell."""
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    matrix = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=int)
    np.add.at(matrix, (labels, predicted), 1)
    figure, ax = new_subplots(figsize=figure_size(0.75))
    cells, norm = matplotlib.colormaps["Blues"], Normalize(0, max(int(matrix.max()), 1))
    ax.imshow(matrix, cmap=cells, norm=norm)
    for (row, column), count in np.ndenumerate(matrix):
        if count:  # a mistake in the darkened vermillion where it reads well; the description lists them all
            _cell_text(ax, row, column, str(count), cells(norm(count)), GRADIENT_TEXT if row != column else BLACK)
    ax.set_xticks(range(NUM_CLASSES))
    ax.set_yticks(range(NUM_CLASSES))
    ax.set_xlabel(message("figure.digits_predicted_class"))
    ax.set_ylabel(message("figure.digits_true_class"))
    ax.grid(False)
    title = message("figure.digits_confusion_title")
    ax.set_title(title)
    figure.tight_layout()
    mistakes = [
        TEXT["confusion_mistake"].format(true=row, predicted=column, count=int(count))
        for (row, column), count in np.ndenumerate(matrix)
        if row != column and count
    ]
    add_description(
        figure,
        TEXT["confusion"].format(
            title=title,
            right=int(np.trace(matrix)),
            count=int(matrix.sum()),
            mistakes=TEXT["confusion_mistakes"].format(items="; ".join(mistakes))
            if mistakes
            else TEXT["confusion_none"],
        ),
    )
    return figure


def _probability_bars(ax, probabilities: np.ndarray, true_class: int | None) -> None:
    """Ten bars of softmax probabilities; the true class hatched in vermillion, a wrong prediction dotted in orange."""
    predicted = int(np.argmax(probabilities))
    colors, hatches = [FORWARD_COLOR] * NUM_CLASSES, [""] * NUM_CLASSES
    if true_class is not None:
        colors[true_class], hatches[true_class] = GRADIENT_COLOR, TRUE_HATCH
    if predicted != true_class:
        colors[predicted], hatches[predicted] = HIGHLIGHT_COLOR, PREDICTED_HATCH
    bars = ax.bar(range(NUM_CLASSES), probabilities, color=colors, edgecolor=DARK_GREY, linewidth=0.5)
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
    ax.set_ylim(0, 1)
    ax.set_xticks(range(NUM_CLASSES))
    ax.tick_params(labelsize=10)


def plot_misclassified(images: ArrayLike, labels: ArrayLike, probabilities: ArrayLike, columns: int = 4) -> Figure:
    """Each wrongly classified digit above the softmax probabilities the network gave it."""
    images, labels, probabilities = _images(images), np.asarray(labels), np.asarray(probabilities)
    count = len(images)
    if count == 0:
        figure, ax = new_subplots(figsize=figure_size(0.2))
        ax.axis("off")
        ax.text(0.5, 0.5, message("figure.digits_none_wrong"), ha="center", va="center")
        add_description(figure, message("figure.digits_none_wrong"))
        return figure
    rows = -(-count // columns)
    figure = new_figure(figsize=(FIGURE_WIDTH, 2.3 * rows + 0.4))
    pairs = figure.add_gridspec(rows, columns)  # one cell per digit: its image right above its bars
    items = []
    for index in range(count):
        pair = pairs[index // columns, index % columns].subgridspec(2, 1, height_ratios=[1.6, 1], hspace=0.15)
        image_ax, bar_ax = figure.add_subplot(pair[0]), figure.add_subplot(pair[1])
        predicted = int(np.argmax(probabilities[index]))
        p = f"{probabilities[index][predicted]:.2f}"
        _show_image(
            image_ax,
            images[index],
            message("figure.digits_true_said", true=labels[index], predicted=predicted, p=p),
            color=GRADIENT_TEXT,
        )
        _probability_bars(bar_ax, probabilities[index], int(labels[index]))
        items.append(
            TEXT["wrong_digit"].format(
                true=labels[index], predicted=predicted, p=p, p_true=f"{probabilities[index][int(labels[index])]:.2f}"
            )
        )
    title = message("figure.digits_misclassified_title")
    figure.suptitle(title, fontweight="bold", fontsize=11)
    figure.tight_layout()
    add_description(figure, TEXT["wrong"].format(title=title, count=count, items="; ".join(items)))
    return figure


def plot_first_layer_weights(weights: ArrayLike, count: int = 32, columns: int = 8) -> Figure:
    """The weights into the first `count` hidden units, each drawn as an 8×8 image (blue +, red −)."""
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 2 or weights.shape[0] != IMAGE_SIDE**2:
        raise ShapeError(message("error.digit_figures.weights", got=describe(weights)))
    count = min(count, weights.shape[1])
    rows = -(-count // columns)
    figure, axes = new_subplots(rows, columns, figsize=(FIGURE_WIDTH, 1.1 * rows + 0.6), squeeze=False)
    for index, ax in enumerate(np.ravel(axes)):
        ax.axis("off")
        if index < count:
            column = weights[:, index].reshape(IMAGE_SIDE, IMAGE_SIDE)
            limit = np.abs(column).max() or 1.0
            ax.imshow(column, cmap="RdBu", vmin=-limit, vmax=limit, interpolation="nearest")
            ax.set_title(message("figure.digits_unit", number=index + 1), fontsize=10, fontweight="normal")
    title = message("figure.digits_weights_title")
    figure.suptitle(title, fontweight="bold", fontsize=11)
    figure.tight_layout()
    shown = weights[:, :count]
    add_description(
        figure,
        TEXT["weights"].format(
            title=title, count=count, low=format_number(shown.min(), ".3g"), high=format_number(shown.max(), ".3g")
        ),
    )
    return figure


def plot_digit_probabilities(image: ArrayLike, probabilities: ArrayLike, true_class: int | None = None) -> Figure:
    """One digit beside the softmax probabilities the network gives it (the explorer's picture)."""
    image, probabilities = _images(np.reshape(image, (1, -1)))[0], np.asarray(probabilities)
    figure, (image_ax, bar_ax) = new_subplots(1, 2, figsize=figure_size(0.4), gridspec_kw={"width_ratios": [1, 2]})
    _show_image(image_ax, image, message("figure.digits_the_digit"))
    _probability_bars(bar_ax, probabilities, true_class)
    predicted = int(np.argmax(probabilities))
    bar_ax.set_xlabel(message("figure.digits_class"))
    bar_ax.set_ylabel(message("figure.digits_softmax_probability"))
    title = message("figure.digits_network_says", predicted=predicted, p=f"{probabilities[predicted]:.2f}")
    bar_ax.set_title(title)
    figure.tight_layout()
    ink = int(np.sum(image >= 0.5))
    add_description(
        figure,
        TEXT["probabilities"].format(
            title=title,
            ink=ink,
            items=", ".join(f"{k}: {p:.3f}" for k, p in enumerate(probabilities)),
            true=TEXT["probabilities_true"].format(true_class=true_class) if true_class is not None else "",
        ),
    )
    return figure
