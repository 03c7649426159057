"""Lesson 6's figures: the digits, learning curves, activation spread, the search, and what the network got wrong.

Every function returns a closed DescribedFigure (a notebook shows it once when it is the cell's value) whose
text alternative is written from the figure's own numbers. Images are drawn in greys: white paper, black ink,
pixel values 0 … 1. Colour never carries meaning alone: runs also differ by marker, training and validation by
line style, the true and the predicted class of a bar by its hatching.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ..digits import IMAGE_SIDE, NUM_CLASSES
from ..errors import ShapeError, describe
from .described import add_description, fmt, new_subplots
from .palette import BLACK, CLASS_COLORS, CLASS_MARKERS, DARK_GREY, GRADIENT_TEXT, WHITE, cycle
from .style import FIGURE_WIDTH, FORWARD_COLOR, GRADIENT_COLOR, HIGHLIGHT_COLOR, figure_size

# The words of this module's text alternatives (an edition in another language replaces them).
TEXT = {
    "grid": "The first {count} digits, {rows} rows of {columns}, each with its label: {items}.",
    "grid_row": "row {row}: {labels}",
    "counts": "Class counts in each part of the split, a group of bars per digit 0 to 9. {items}.",
    "counts_part": "{name}, {total} images: {counts}",
    "curves": "{title}: loss (log scale) and accuracy per epoch; training dashed, validation solid. {items}",
    "curve_run": "{name}: {epochs} epochs, training loss from {first} to {last}, training accuracy {train}",
    "curve_validation": "; validation loss lowest {low} at epoch {at}, validation accuracy {accuracy} at the end "
                        "(best {best} at epoch {best_at})",
    "spread": "Histograms of the outputs of each hidden ReLU layer, one row per initial weight scale. {items}.",
    "spread_row": "{name}: standard deviation {stds} in layers 1 to {layers}",
    "search": "Validation accuracy of each setting, a table with a row per learning rate and a column per "
              "number of hidden units. {items}. Best: learning rate {rate}, {hidden} hidden units, {best} "
              "(framed and in bold).",
    "search_row": "learning rate {rate}: {cells}",
    "confusion": "Confusion matrix of {count} test digits, row = true class, column = predicted class: {right} "
                 "on the diagonal are right ({percent}). Right per class: {diagonal}. {mistakes}",
    "mistakes": "Mistakes: {items}.",
    "mistake": "true {true} said {said} ({times}×)",
    "no_mistakes": "No mistakes.",
    "misclassified": "{count} misclassified test digits, each above the ten softmax probabilities the network "
                     "gave it (true class hatched with slashes, predicted class dotted): {items}.",
    "misclassified_one": "true {true}, said {said} with p = {p} (p of the true class {p_true})",
    "none_wrong": "No misclassified digits.",
    "weights": "First-layer weights of {count} hidden units, each drawn as an 8×8 image, blue for positive and "
               "red for negative, from {low} to {high}. Strongest pixels (row, column) of the first {listed}: {items}.",
    "weight_unit": "unit {unit}: {plus}, {minus}",
    "weight_pixel": "{sign} at ({row}, {column}) {value}",
    "weight_none": "no {kind} weight",
    "+": "positive",
    "-": "negative",
    "probabilities": "A digit{true} beside the network's softmax probabilities: it says {predicted} with "
                     "p = {p}; most likely {top}.",
    "true_class": " of true class {true}",
}
# Units whose strongest pixels the weights figure's description lists: a screen reader reads an alt text whole,
# and in JupyterLab (Chromium) a 1,600-character alt text for all 32 units reached no accessible name at all.
DESCRIBED_UNITS = 8
TRUE_HATCH, PREDICTED_HATCH = "///", ".."   # the second cue for the true and the wrongly predicted class


def _images(images) -> np.ndarray:
    """Images as (N, 8, 8), from (N, 64) or (N, 8, 8)."""
    images = np.asarray(images, dtype=np.float64)
    if images.ndim == 2 and images.shape[1] == IMAGE_SIDE ** 2:
        return images.reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    if images.ndim == 3 and images.shape[1:] == (IMAGE_SIDE, IMAGE_SIDE):
        return images
    raise ShapeError(f"digits figures: expected images of shape (N, 64) or (N, 8, 8), got {describe(images)}.")


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


def plot_digit_grid(images, labels, columns: int = 10, rows: int = 3) -> Figure:
    """The first rows × columns digits with their labels above them."""
    images, labels = _images(images), np.asarray(labels)
    count = min(len(images), rows * columns)
    figure, axes = new_subplots(rows, columns, figsize=(FIGURE_WIDTH, FIGURE_WIDTH * rows / columns * 1.25))
    for index, ax in enumerate(np.ravel(axes)):
        if index < count:
            _show_image(ax, images[index], f"{labels[index]}")
        else:
            ax.axis("off")
    items = "; ".join(TEXT["grid_row"].format(row=row + 1, labels=" ".join(str(label) for label in
                                                                          labels[row * columns:min(count, (row + 1) * columns)]))
                      for row in range(-(-count // columns)))
    add_description(figure, TEXT["grid"].format(count=count, rows=rows, columns=columns, items=items))
    figure.tight_layout()
    return figure


def plot_class_counts(parts: dict[str, np.ndarray]) -> Figure:
    """How many digits of each class each part holds, as grouped bars: {part name: labels}."""
    figure, ax = new_subplots(figsize=figure_size(0.4))
    width = 0.8 / len(parts)
    described = []
    for index, (name, labels) in enumerate(parts.items()):
        counts = np.bincount(np.asarray(labels), minlength=NUM_CLASSES)
        ax.bar(np.arange(NUM_CLASSES) + (index - (len(parts) - 1) / 2) * width, counts, width,
               color=cycle(CLASS_COLORS, index), hatch=cycle(("", "//", ".."), index), edgecolor=WHITE,
               label=f"{name} ({counts.sum()})")
        described.append(TEXT["counts_part"].format(name=name, total=int(counts.sum()),
                                                     counts=", ".join(f"{k}: {c}" for k, c in enumerate(counts))))
    ax.set_xticks(range(NUM_CLASSES))
    ax.set_xlabel("class (digit)")
    ax.set_ylabel("number of images")
    ax.set_title("Class counts in each part of the split")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.3)           # room for the legend above the bars
    ax.legend(loc="upper center", ncol=len(parts))
    add_description(figure, TEXT["counts"].format(items="; ".join(described)))
    figure.tight_layout()
    return figure


def describe_run(name: str, history) -> str:
    """One run of a learning-curve figure in words: first and last training loss, best validation epoch."""
    text = TEXT["curve_run"].format(name=name, epochs=history.epochs, first=fmt(history.train_loss[0], 3),
                                    last=fmt(history.train_loss[-1], 3),
                                    train=f"{100 * history.train_accuracy[-1]:.1f} %")
    if history.validation_loss:
        low, best = int(np.argmin(history.validation_loss)), int(np.argmax(history.validation_accuracy))
        text += TEXT["curve_validation"].format(low=fmt(history.validation_loss[low], 3), at=low + 1,
                                                accuracy=f"{100 * history.validation_accuracy[-1]:.1f} %",
                                                best=f"{100 * history.validation_accuracy[best]:.1f} %",
                                                best_at=best + 1)
    return text + "."


def plot_learning_curves(histories: dict, title: str = "Learning curves") -> Figure:
    """Loss and accuracy per epoch of MiniBatchHistory runs: training dashed, validation solid, runs by colour and marker."""
    figure, (loss_ax, accuracy_ax) = new_subplots(1, 2, figsize=figure_size(0.5))
    for index, (name, history) in enumerate(histories.items()):
        color, marker = cycle(CLASS_COLORS, index), cycle(CLASS_MARKERS, index)
        epochs = np.arange(1, history.epochs + 1)
        marks = {"marker": marker, "markevery": max(1, history.epochs // 6), "markersize": 5}
        loss_ax.plot(epochs, history.train_loss, "--", color=color, linewidth=1.5, **marks)
        accuracy_ax.plot(epochs, history.train_accuracy, "--", color=color, linewidth=1.5, **marks)
        if history.validation_loss:
            loss_ax.plot(epochs, history.validation_loss, color=color, linewidth=2, label=name, **marks)
            accuracy_ax.plot(epochs, history.validation_accuracy, color=color, linewidth=2, label=name, **marks)
    loss_ax.set_yscale("log")
    loss_ax.set_xlabel("epoch")
    loss_ax.set_ylabel("loss (log scale)")
    loss_ax.set_title("loss")
    accuracy_ax.set_xlabel("epoch")
    accuracy_ax.set_ylabel("accuracy")
    accuracy_ax.set_title("accuracy")
    accuracy_ax.legend(title="solid: validation\ndashed: training", fontsize=10, title_fontsize=10)
    figure.suptitle(title, fontweight="bold")
    add_description(figure, TEXT["curves"].format(title=title, items=" ".join(
        describe_run(name, history) for name, history in histories.items())))
    figure.tight_layout()
    return figure


def plot_activation_spread(activations: dict[str, list[np.ndarray]]) -> Figure:
    """Histograms of each hidden layer's outputs, one row per initial scale: {scale name: [layer outputs]}."""
    rows = len(activations)
    layers = max(len(outputs) for outputs in activations.values())
    figure, axes = new_subplots(rows, layers, figsize=(FIGURE_WIDTH, 1.8 * rows + 0.5), squeeze=False)
    described = []
    for row, (name, outputs) in enumerate(activations.items()):
        stds = [float(np.std(output)) for output in outputs]
        described.append(TEXT["spread_row"].format(name=name, stds=", ".join(fmt(std, 2) for std in stds),
                                                   layers=len(outputs)))
        for column, ax in enumerate(axes[row]):
            if column >= len(outputs):
                ax.axis("off")
                continue
            ax.hist(np.ravel(outputs[column]), bins=30, color=cycle(CLASS_COLORS, row))
            ax.set_yticks([])
            ax.tick_params(labelsize=10)
            ax.locator_params(axis="x", nbins=3)
            ax.set_title(f"layer {column + 1}: std {stds[column]:.2g}", fontsize=10, fontweight="normal")
        axes[row][0].set_ylabel(name, fontsize=10)
    figure.suptitle("Outputs of each hidden ReLU layer, by initial weight scale", fontweight="bold")
    add_description(figure, TEXT["spread"].format(items="; ".join(described)))
    figure.tight_layout()
    return figure


def _boxed(ax, x: float, y: float, text: str, **kwargs) -> None:
    """Text on a small white box, readable on any cell colour (black on white: 21:1)."""
    ax.text(x, y, text, ha="center", va="center", fontsize=10,
            bbox={"facecolor": WHITE, "edgecolor": "none", "pad": 1.0}, **kwargs)


def plot_search(learning_rates, hidden_sizes, validation_accuracy) -> Figure:
    """The validation accuracy of every (learning rate, hidden size) pair as a shaded table; the best framed and bold."""
    table = np.asarray(validation_accuracy, dtype=np.float64)
    if table.shape != (len(learning_rates), len(hidden_sizes)):
        raise ShapeError(f"plot_search: expected one accuracy per (learning rate, hidden size), shape "
                         f"({len(learning_rates)}, {len(hidden_sizes)}), got {describe(table)}.")
    figure, ax = new_subplots(figsize=figure_size(0.5))
    ax.imshow(table, cmap="Blues", vmin=max(0.0, table.min() - 0.05), vmax=1.0)
    best = np.unravel_index(np.argmax(table), table.shape)
    for (row, column), value in np.ndenumerate(table):
        _boxed(ax, column, row, f"{100 * value:.1f} %", color=BLACK,
               fontweight="bold" if (row, column) == best else "normal")
    ax.add_patch(plt.Rectangle((best[1] - 0.5, best[0] - 0.5), 1, 1, fill=False,
                               edgecolor=HIGHLIGHT_COLOR, linewidth=3))
    ax.set_xticks(range(len(hidden_sizes)), [str(size) for size in hidden_sizes])
    ax.set_yticks(range(len(learning_rates)), [f"{rate:g}" for rate in learning_rates])
    ax.set_xlabel("hidden units")
    ax.set_ylabel("learning rate")
    ax.grid(False)
    ax.set_title("Validation accuracy of each setting")
    items = "; ".join(TEXT["search_row"].format(rate=f"{rate:g}", cells=", ".join(
        f"{size}: {100 * value:.1f} %" for size, value in zip(hidden_sizes, table[row])))
        for row, rate in enumerate(learning_rates))
    add_description(figure, TEXT["search"].format(items=items, rate=f"{learning_rates[best[0]]:g}",
                                                  hidden=hidden_sizes[best[1]], best=f"{100 * table[best]:.1f} %"))
    figure.tight_layout()
    return figure


def describe_confusion(matrix: np.ndarray) -> str:
    """The confusion matrix in words: right answers, per class, and every kind of mistake, most frequent first."""
    count, right = int(matrix.sum()), int(np.trace(matrix))
    mistakes = sorted(((int(matrix[t, p]), t, p) for t in range(NUM_CLASSES) for p in range(NUM_CLASSES)
                       if t != p and matrix[t, p]), key=lambda item: (-item[0], item[1], item[2]))
    listed = (TEXT["mistakes"].format(items=", ".join(TEXT["mistake"].format(true=t, said=p, times=times)
                                                      for times, t, p in mistakes))
              if mistakes else TEXT["no_mistakes"])
    return TEXT["confusion"].format(count=count, right=right, percent=f"{100 * right / max(count, 1):.1f} %",
                                    diagonal=", ".join(f"{k}: {matrix[k, k]} of {matrix[k].sum()}"
                                                       for k in range(NUM_CLASSES)), mistakes=listed)


def plot_confusion(labels, predicted) -> Figure:
    """The confusion matrix: row = true class, column = predicted class, the count in each cell (mistakes in bold)."""
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    matrix = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=int)
    np.add.at(matrix, (labels, predicted), 1)
    figure, ax = new_subplots(figsize=figure_size(0.75))
    ax.imshow(matrix, cmap="Blues")
    for (row, column), count in np.ndenumerate(matrix):
        if count:
            mistake = row != column
            _boxed(ax, column, row, str(count), color=GRADIENT_TEXT if mistake else BLACK,
                   fontweight="bold" if mistake else "normal")
    ax.set_xticks(range(NUM_CLASSES))
    ax.set_yticks(range(NUM_CLASSES))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    ax.set_title("Confusion matrix (test digits)")
    add_description(figure, describe_confusion(matrix))
    figure.tight_layout()
    return figure


def _probability_bars(ax, probabilities: np.ndarray, true_class: int | None) -> None:
    """Ten bars of softmax probabilities; the true class hatched with slashes, a wrong prediction dotted."""
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


def plot_misclassified(images, labels, probabilities, columns: int = 5) -> Figure:
    """Each wrongly classified digit above the softmax probabilities the network gave it."""
    images, labels, probabilities = _images(images), np.asarray(labels), np.asarray(probabilities)
    count = len(images)
    if count == 0:
        figure, ax = new_subplots(figsize=figure_size(0.2))
        ax.axis("off")
        ax.text(0.5, 0.5, "no misclassified digits", ha="center", va="center")
        add_description(figure, TEXT["none_wrong"])
        return figure
    rows = -(-count // columns)
    figure, axes = new_subplots(2 * rows, columns, figsize=(FIGURE_WIDTH, 2.3 * rows + 0.4),
                                gridspec_kw={"height_ratios": [1.4, 1] * rows}, squeeze=False)
    described = []
    for index in range(rows * columns):
        image_ax, bar_ax = axes[2 * (index // columns)][index % columns], axes[2 * (index // columns) + 1][index % columns]
        if index >= count:
            image_ax.axis("off")
            bar_ax.axis("off")
            continue
        predicted, true_class = int(np.argmax(probabilities[index])), int(labels[index])
        _show_image(image_ax, images[index], f"true {true_class}, said {predicted}\n"
                    f"p = {probabilities[index][predicted]:.2f}", color=GRADIENT_TEXT)
        _probability_bars(bar_ax, probabilities[index], true_class)
        described.append(TEXT["misclassified_one"].format(true=true_class, said=predicted,
                                                          p=f"{probabilities[index][predicted]:.2f}",
                                                          p_true=f"{probabilities[index][true_class]:.2f}"))
    figure.suptitle("Misclassified test digits: true class hatched ///, predicted class dotted",
                    fontweight="bold", fontsize=11)
    add_description(figure, TEXT["misclassified"].format(count=count, items="; ".join(described)))
    figure.tight_layout()
    return figure


def _strongest(column: np.ndarray, sign: str) -> str:
    """Where one unit's largest positive (sign "+") or negative ("-") weight is, at 2 decimals.

    A weight that rounds to 0.00 counts as none: which of many near-zero weights is largest is noise.
    """
    pixel = int(np.argmax(column) if sign == "+" else np.argmin(column))
    value = round(float(column[pixel]), 2)
    if value == 0 or (value > 0) != (sign == "+"):
        return TEXT["weight_none"].format(kind=TEXT[sign])
    return TEXT["weight_pixel"].format(sign=sign, row=pixel // IMAGE_SIDE, column=pixel % IMAGE_SIDE,
                                       value=f"{value:.2f}")


def plot_first_layer_weights(weights, count: int = 32, columns: int = 8) -> Figure:
    """The weights into the first `count` hidden units, each drawn as an 8×8 image (blue +, red −)."""
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 2 or weights.shape[0] != IMAGE_SIDE ** 2:
        raise ShapeError(f"plot_first_layer_weights: expected weights of shape (64, hidden), got {describe(weights)}.")
    count = min(count, weights.shape[1])
    rows = -(-count // columns)
    figure, axes = new_subplots(rows, columns, figsize=(FIGURE_WIDTH, 1.1 * rows + 0.6), squeeze=False)
    units = []
    for index, ax in enumerate(np.ravel(axes)):
        ax.axis("off")
        if index < count:
            column = weights[:, index]
            limit = np.abs(column).max() or 1.0
            ax.imshow(column.reshape(IMAGE_SIDE, IMAGE_SIDE), cmap="RdBu", vmin=-limit, vmax=limit,
                      interpolation="nearest")
            ax.set_title(f"unit {index + 1}", fontsize=10, fontweight="normal")
            units.append(TEXT["weight_unit"].format(unit=index + 1, plus=_strongest(column, "+"),
                                                    minus=_strongest(column, "-")))
    figure.suptitle("First-layer weights as 8×8 images (blue: positive, red: negative)", fontweight="bold",
                    fontsize=11)
    shown = weights[:, :count]
    add_description(figure, TEXT["weights"].format(count=count, low=fmt(shown.min(), 2), high=fmt(shown.max(), 2),
                                                   listed=min(count, DESCRIBED_UNITS),
                                                   items="; ".join(units[:DESCRIBED_UNITS])))
    figure.tight_layout()
    return figure


def plot_digit_probabilities(image, probabilities, true_class: int | None = None) -> Figure:
    """One digit beside the softmax probabilities the network gives it (the explorer's picture)."""
    image, probabilities = _images(np.reshape(image, (1, -1)))[0], np.asarray(probabilities)
    figure, (image_ax, bar_ax) = new_subplots(1, 2, figsize=figure_size(0.4), gridspec_kw={"width_ratios": [1, 2]})
    _show_image(image_ax, image, "the digit")
    _probability_bars(bar_ax, probabilities, true_class)
    predicted = int(np.argmax(probabilities))
    bar_ax.set_xlabel("class")
    bar_ax.set_ylabel("softmax probability")
    bar_ax.set_title(f"the network says {predicted} (p = {probabilities[predicted]:.2f})")
    top = np.argsort(-probabilities, kind="stable")[:3]
    add_description(figure, TEXT["probabilities"].format(
        true=TEXT["true_class"].format(true=true_class) if true_class is not None else "", predicted=predicted,
        p=f"{probabilities[predicted]:.2f}", top=", ".join(f"{k} ({probabilities[k]:.3f})" for k in top)))
    figure.tight_layout()
    return figure
