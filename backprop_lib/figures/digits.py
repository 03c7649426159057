"""Lesson 6's figures: the digits, learning curves, activation spread, the search, and what the network got wrong.

Every function returns a closed Figure (a notebook shows it once when it is the cell's value).
Images are drawn in greys: white paper, black ink, pixel values 0 … 1.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ..digits import IMAGE_SIDE, NUM_CLASSES
from ..errors import ShapeError, describe
from .style import CLASS_COLORS, FORWARD_COLOR, GRADIENT_COLOR, HIGHLIGHT_COLOR, FIGURE_WIDTH, figure_size


def _images(images) -> np.ndarray:
    """Images as (N, 8, 8), from (N, 64) or (N, 8, 8)."""
    images = np.asarray(images, dtype=np.float64)
    if images.ndim == 2 and images.shape[1] == IMAGE_SIDE ** 2:
        return images.reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    if images.ndim == 3 and images.shape[1:] == (IMAGE_SIDE, IMAGE_SIDE):
        return images
    raise ShapeError(f"digits figures: expected images of shape (N, 64) or (N, 8, 8), got {describe(images)}.")


def _show_image(ax, image: np.ndarray, title: str = "", color: str = "black") -> None:
    """One 8×8 digit, black ink on white, without ticks."""
    ax.imshow(image, cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#bbbbbb")
    if title:
        ax.set_title(title, fontsize=9, fontweight="normal", color=color)


def plot_digit_grid(images, labels, columns: int = 10, rows: int = 3) -> Figure:
    """The first rows × columns digits with their labels above them."""
    images, labels = _images(images), np.asarray(labels)
    count = min(len(images), rows * columns)
    figure, axes = plt.subplots(rows, columns, figsize=(FIGURE_WIDTH, FIGURE_WIDTH * rows / columns * 1.2))
    for index, ax in enumerate(np.ravel(axes)):
        if index < count:
            _show_image(ax, images[index], f"{labels[index]}")
        else:
            ax.axis("off")
    figure.tight_layout()
    plt.close(figure)
    return figure


def plot_class_counts(parts: dict[str, np.ndarray]) -> Figure:
    """How many digits of each class each part holds, as grouped bars: {part name: labels}."""
    figure, ax = plt.subplots(figsize=figure_size(0.4))
    width = 0.8 / len(parts)
    for index, (name, labels) in enumerate(parts.items()):
        counts = np.bincount(np.asarray(labels), minlength=NUM_CLASSES)
        ax.bar(np.arange(NUM_CLASSES) + (index - (len(parts) - 1) / 2) * width, counts, width,
               color=CLASS_COLORS[index % len(CLASS_COLORS)], label=f"{name} ({counts.sum()})")
    ax.set_xticks(range(NUM_CLASSES))
    ax.set_xlabel("class (digit)")
    ax.set_ylabel("number of images")
    ax.set_title("Class counts in each part of the split")
    ax.set_ylim(0, ax.get_ylim()[1] * 1.3)           # room for the legend above the bars
    ax.legend(loc="upper center", ncol=len(parts))
    figure.tight_layout()
    plt.close(figure)
    return figure


def plot_learning_curves(histories: dict, title: str = "Learning curves") -> Figure:
    """Loss and accuracy per epoch of MiniBatchHistory runs: training dashed, validation solid."""
    figure, (loss_ax, accuracy_ax) = plt.subplots(1, 2, figsize=figure_size(0.45))
    for index, (name, history) in enumerate(histories.items()):
        color = CLASS_COLORS[index % len(CLASS_COLORS)]
        epochs = np.arange(1, history.epochs + 1)
        loss_ax.plot(epochs, history.train_loss, "--", color=color, linewidth=1.5)
        accuracy_ax.plot(epochs, history.train_accuracy, "--", color=color, linewidth=1.5)
        if history.validation_loss:
            loss_ax.plot(epochs, history.validation_loss, color=color, linewidth=2, label=name)
            accuracy_ax.plot(epochs, history.validation_accuracy, color=color, linewidth=2, label=name)
    loss_ax.set_yscale("log")
    loss_ax.set_xlabel("epoch")
    loss_ax.set_ylabel("loss (log scale)")
    loss_ax.set_title("loss")
    accuracy_ax.set_xlabel("epoch")
    accuracy_ax.set_ylabel("accuracy")
    accuracy_ax.set_title("accuracy")
    accuracy_ax.legend(title="solid: validation\ndashed: training", fontsize=9, title_fontsize=9)
    figure.suptitle(title, fontweight="bold")
    figure.tight_layout()
    plt.close(figure)
    return figure


def plot_activation_spread(activations: dict[str, list[np.ndarray]]) -> Figure:
    """Histograms of each hidden layer's outputs, one row per initial scale: {scale name: [layer outputs]}."""
    rows = len(activations)
    layers = max(len(outputs) for outputs in activations.values())
    figure, axes = plt.subplots(rows, layers, figsize=(FIGURE_WIDTH, 1.6 * rows + 0.4), squeeze=False)
    for row, (name, outputs) in enumerate(activations.items()):
        for column, ax in enumerate(axes[row]):
            if column >= len(outputs):
                ax.axis("off")
                continue
            values = np.ravel(outputs[column])
            ax.hist(values, bins=30, color=CLASS_COLORS[row % len(CLASS_COLORS)])
            ax.set_yticks([])
            ax.tick_params(labelsize=7)
            ax.set_title(f"layer {column + 1}: std {values.std():.2g}", fontsize=8, fontweight="normal")
        axes[row][0].set_ylabel(name, fontsize=9)
    figure.suptitle("Outputs of each hidden ReLU layer, by initial weight scale", fontweight="bold")
    figure.tight_layout()
    plt.close(figure)
    return figure


def plot_search(learning_rates, hidden_sizes, validation_accuracy) -> Figure:
    """The validation accuracy of every (learning rate, hidden size) pair as a coloured table; the best framed."""
    table = np.asarray(validation_accuracy, dtype=np.float64)
    if table.shape != (len(learning_rates), len(hidden_sizes)):
        raise ShapeError(f"plot_search: expected one accuracy per (learning rate, hidden size), shape "
                         f"({len(learning_rates)}, {len(hidden_sizes)}), got {describe(table)}.")
    figure, ax = plt.subplots(figsize=figure_size(0.5))
    ax.imshow(table, cmap="Blues", vmin=max(0.0, table.min() - 0.05), vmax=1.0)
    best = np.unravel_index(np.argmax(table), table.shape)
    for (row, column), value in np.ndenumerate(table):
        ax.text(column, row, f"{100 * value:.1f} %", ha="center", va="center",
                color="white" if value > table.min() + 0.6 * (1 - table.min()) else "black")
    ax.add_patch(plt.Rectangle((best[1] - 0.5, best[0] - 0.5), 1, 1, fill=False,
                               edgecolor=HIGHLIGHT_COLOR, linewidth=3))
    ax.set_xticks(range(len(hidden_sizes)), [str(size) for size in hidden_sizes])
    ax.set_yticks(range(len(learning_rates)), [f"{rate:g}" for rate in learning_rates])
    ax.set_xlabel("hidden units")
    ax.set_ylabel("learning rate")
    ax.grid(False)
    ax.set_title("Validation accuracy of each setting")
    figure.tight_layout()
    plt.close(figure)
    return figure


def plot_confusion(labels, predicted) -> Figure:
    """The confusion matrix: row = true class, column = predicted class, the count in each cell."""
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    matrix = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=int)
    np.add.at(matrix, (labels, predicted), 1)
    figure, ax = plt.subplots(figsize=figure_size(0.75))
    ax.imshow(matrix, cmap="Blues")
    for (row, column), count in np.ndenumerate(matrix):
        if count:
            ax.text(column, row, str(count), ha="center", va="center", fontsize=9,
                    color="white" if count > matrix.max() / 2 else (GRADIENT_COLOR if row != column else "black"))
    ax.set_xticks(range(NUM_CLASSES))
    ax.set_yticks(range(NUM_CLASSES))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    ax.set_title("Confusion matrix (test digits)")
    figure.tight_layout()
    plt.close(figure)
    return figure


def _probability_bars(ax, probabilities: np.ndarray, true_class: int | None) -> None:
    """Ten bars of softmax probabilities; the predicted class highlighted, the true class in red."""
    predicted = int(np.argmax(probabilities))
    colors = [FORWARD_COLOR] * NUM_CLASSES
    if true_class is not None:
        colors[true_class] = GRADIENT_COLOR
    colors[predicted] = HIGHLIGHT_COLOR if predicted != true_class else FORWARD_COLOR
    ax.bar(range(NUM_CLASSES), probabilities, color=colors)
    ax.set_ylim(0, 1)
    ax.set_xticks(range(NUM_CLASSES))
    ax.tick_params(labelsize=7)


def plot_misclassified(images, labels, probabilities, columns: int = 6) -> Figure:
    """Each wrongly classified digit above the softmax probabilities the network gave it."""
    images, labels, probabilities = _images(images), np.asarray(labels), np.asarray(probabilities)
    count = len(images)
    if count == 0:
        figure, ax = plt.subplots(figsize=figure_size(0.2))
        ax.axis("off")
        ax.text(0.5, 0.5, "no misclassified digits", ha="center", va="center")
        plt.close(figure)
        return figure
    rows = -(-count // columns)
    figure, axes = plt.subplots(2 * rows, columns, figsize=(FIGURE_WIDTH, 2.3 * rows),
                                gridspec_kw={"height_ratios": [1.4, 1] * rows}, squeeze=False)
    for index in range(rows * columns):
        image_ax, bar_ax = axes[2 * (index // columns)][index % columns], axes[2 * (index // columns) + 1][index % columns]
        if index >= count:
            image_ax.axis("off")
            bar_ax.axis("off")
            continue
        predicted = int(np.argmax(probabilities[index]))
        _show_image(image_ax, images[index], f"true {labels[index]}, said {predicted}\n"
                    f"p = {probabilities[index][predicted]:.2f}", color=GRADIENT_COLOR)
        _probability_bars(bar_ax, probabilities[index], int(labels[index]))
    figure.suptitle("Misclassified test digits: red bar = true class, yellow bar = predicted class",
                    fontweight="bold", fontsize=11)
    figure.tight_layout()
    plt.close(figure)
    return figure


def plot_first_layer_weights(weights, count: int = 32, columns: int = 8) -> Figure:
    """The weights into the first `count` hidden units, each drawn as an 8×8 image (blue +, red −)."""
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 2 or weights.shape[0] != IMAGE_SIDE ** 2:
        raise ShapeError(f"plot_first_layer_weights: expected weights of shape (64, hidden), got {describe(weights)}.")
    count = min(count, weights.shape[1])
    rows = -(-count // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(FIGURE_WIDTH, 1.0 * rows + 0.6), squeeze=False)
    for index, ax in enumerate(np.ravel(axes)):
        ax.axis("off")
        if index < count:
            column = weights[:, index].reshape(IMAGE_SIDE, IMAGE_SIDE)
            limit = np.abs(column).max() or 1.0
            ax.imshow(column, cmap="RdBu", vmin=-limit, vmax=limit, interpolation="nearest")
            ax.set_title(f"unit {index + 1}", fontsize=8, fontweight="normal")
    figure.suptitle("First-layer weights as 8×8 images (blue: positive, red: negative)", fontweight="bold",
                    fontsize=11)
    figure.tight_layout()
    plt.close(figure)
    return figure


def plot_digit_probabilities(image, probabilities, true_class: int | None = None) -> Figure:
    """One digit beside the softmax probabilities the network gives it (the explorer's picture)."""
    image, probabilities = _images(np.reshape(image, (1, -1)))[0], np.asarray(probabilities)
    figure, (image_ax, bar_ax) = plt.subplots(1, 2, figsize=figure_size(0.4),
                                              gridspec_kw={"width_ratios": [1, 2]})
    _show_image(image_ax, image, "the digit")
    _probability_bars(bar_ax, probabilities, true_class)
    predicted = int(np.argmax(probabilities))
    bar_ax.set_xlabel("class")
    bar_ax.set_ylabel("softmax probability")
    bar_ax.set_title(f"the network says {predicted} (p = {probabilities[predicted]:.2f})")
    figure.tight_layout()
    plt.close(figure)
    return figure
