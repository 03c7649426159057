"""Lesson 3's explorer: train a 2-H-1 network on XOR and see its loss curve and decision region.

``train_xor`` is the plain function behind the controls: it builds the network from a seed, trains
it with backprop_lib's training loop (the gradient of ½Σ(t − o)², as document 002; the loss
recorded is the mean squared error, as document 002 prints it) and returns the trained network
with its history. A run of a few thousand epochs takes about a tenth of a second.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from matplotlib.figure import Figure

from ..documents import xor_data
from ..errors import one_of, whole_number
from ..figures.curves import plot_losses
from ..figures.described import add_description, new_subplots
from ..figures.palette import GOOD_TEXT, GRADIENT_TEXT
from ..figures.regions import plot_decision_regions
from ..figures.style import figure_size
from ..layers import Affine, ReLU, Sigmoid
from ..losses import MeanSquaredError, SumSquaredError
from ..messages import message
from ..network import Network
from ..optimizers import SGD
from ..training import History, train
from .base import Explorer, Frame, choice, number_box, toggle_buttons

ACTIVATIONS = {"sigmoid": Sigmoid, "relu": ReLU}


class XorRun(NamedTuple):
    """A trained XOR network, its training history, and whether it solved XOR."""

    network: Network
    history: History
    solved: bool  # every output on the right side of 0.5


def xor_network(hidden_size: int, activation: str, seed: int) -> Network:
    """Affine(2→H) → activation → Affine(H→1) → Sigmoid, weights ``randn`` from RandomState(seed), zero biases."""
    hidden_size = whole_number(hidden_size, "xor_network: hidden_size")
    one_of(activation, sorted(ACTIVATIONS), "xor_network: activation")
    rng = np.random.RandomState(seed)
    return Network(
        [
            Affine.random(2, hidden_size, rng),
            ACTIVATIONS[activation](),
            Affine.random(hidden_size, 1, rng),
            Sigmoid(),
        ]
    )


def train_xor(
    hidden_size: int = 3, activation: str = "sigmoid", learning_rate: float = 1.0, seed: int = 0, epochs: int = 2000
) -> XorRun:
    """Train a fresh network on the four XOR points; the same settings always give the same run."""
    epochs = whole_number(epochs, "train_xor: epochs")  # 2.5 is refused, not cut to 2
    inputs, targets = xor_data()
    network = xor_network(hidden_size, activation, seed)
    history = train(
        network,
        inputs,
        targets,
        loss=SumSquaredError(),
        monitor=MeanSquaredError(),
        optimizer=SGD(learning_rate),
        epochs=epochs,
    )
    solved = bool(np.all((history.outputs > 0.5) == (targets > 0.5)))
    return XorRun(network, history, solved)


def describe_run(run: XorRun) -> str:
    """The final loss and the four outputs at fixed precision, and whether XOR is solved."""
    outputs = ", ".join(f"{value:.4f}" for value in run.history.outputs[:, 0])
    return message(
        "xor.summary_solved" if run.solved else "xor.summary_unsolved",
        loss=f"{run.history.final_loss:.6f}",
        outputs=outputs,
    )


def draw_run(run: XorRun, settings: str) -> Figure:
    """The loss curve (log scale) beside the decision region of the trained network."""
    inputs, targets = xor_data()
    figure, (loss_axes, region_axes) = new_subplots(
        1, 2, figsize=figure_size(0.5), gridspec_kw={"width_ratios": [1, 1]}
    )
    add_description(figure, message("xor.describe_left", settings=settings))
    plot_losses(run.history, ax=loss_axes, title=message("figure.loss_title"))
    add_description(figure, message("xor.describe_right"))
    plot_decision_regions(
        run.network.forward,
        inputs,
        targets,
        ax=region_axes,
        resolution=120,
        title=message("xor.decision_region"),
        class_names=["XOR = 0", "XOR = 1"],
    )
    figure.suptitle(settings, fontsize=11)
    figure.tight_layout()
    return figure


def xor_explorer(
    hidden_size: int = 3, activation: str = "sigmoid", learning_rate: float = 1.0, seed: int = 0, epochs: int = 2000
) -> Explorer:
    """Controls for the hidden size, activation, learning rate, seed and epochs; each change trains anew."""
    hidden_field = number_box(message("xor.hidden_units"), hidden_size, 1, 8, 1)
    activation_buttons = toggle_buttons(list(ACTIVATIONS), activation, message("xor.activation"))
    rate_field = choice(message("xor.learning_rate"), [0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0, 10.0], float(learning_rate))
    seed_field = number_box(message("xor.seed"), seed, 0, 20, 1)
    epochs_field = number_box(message("xor.epochs"), epochs, 100, 5000, 100)
    controls = [hidden_field, activation_buttons, rate_field, seed_field, epochs_field]

    def render() -> Frame:
        settings = dict(
            hidden_size=hidden_field.value,
            activation=activation_buttons.value,
            learning_rate=rate_field.value,
            seed=seed_field.value,
            epochs=epochs_field.value,
        )
        label = message(
            "xor.settings",
            hidden=settings["hidden_size"],
            activation=settings["activation"],
            rate=f"{settings['learning_rate']:.3g}",
            seed=settings["seed"],
            epochs=settings["epochs"],
        )
        run = train_xor(**settings)
        text = describe_run(run)
        colour = GOOD_TEXT if run.solved else GRADIENT_TEXT  # the words "solved" / "not solved" say it too
        caption = f"<p>{label}:<br><b style='color:{colour}'>{text}</b></p>"
        return Frame(draw_run(run, label), caption, f"{label}: {text}")

    explorer = Explorer("xor", message("xor.title"), controls, render)
    explorer.watch(*controls)
    return explorer
