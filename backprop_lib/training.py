"""The training loop: forward, loss, backward, update — repeated, with a history to plot."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .errors import SettingError, ShapeError, TrainingDiverged, non_negative_number, whole_number
from .messages import message, template
from .network import Network
from .protocols import LossFunction, Optimizer


@dataclass
class History:
    """What a training run leaves behind.

    losses:    the reported loss of every epoch, from the forward pass before that epoch's update;
    outputs:   the network's outputs of the last forward pass (what the documents print at the end);
    snapshots: {epoch: copies of every parameter after that epoch's update}, when asked for.
    """

    losses: np.ndarray
    outputs: np.ndarray
    snapshots: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)

    @property
    def final_loss(self) -> float:
        """The loss of the last epoch."""
        return float(self.losses[-1])


Report = str | Callable[[int, float, object], None]


def train(
    network: Network,
    inputs: np.ndarray,
    targets: np.ndarray,
    *,
    loss: LossFunction,
    optimizer: Optimizer,
    epochs: int,
    monitor: LossFunction | None = None,
    report_every: int | None = None,
    report: Report | None = None,
    snapshot_every: int | None = None,
) -> History:
    """Train ``network`` by gradient descent on ``loss`` and return its History.

    monitor:      another loss to record and report instead of ``loss`` (document 002 reports the
                  mean squared error while its gradient is that of ½·Σ(t − o)²);
    report_every: every k epochs (and at epoch 0) call ``report``: a format string with the
                  fields {epoch}, {epochs} and {loss}, e.g. "Epoch {epoch}/{epochs}, Loss: {loss:.4f}",
                  or a function report(epoch, loss, network) that prints what the lesson wants.
    """
    epochs = whole_number(epochs, "train: epochs")
    report_every = whole_number(report_every, "train: report_every", allow_none=True)
    snapshot_every = whole_number(snapshot_every, "train: snapshot_every", allow_none=True)
    if report is not None and report_every is None:
        raise SettingError(message("train.report_without_every"))
    if report_every is not None and report is None:
        report = template("train.report")  # "Epoch {epoch}/{epochs}, Loss: {loss:.4f}" in English
    losses = np.empty(epochs)
    snapshots: dict[int, dict[str, np.ndarray]] = {}
    outputs = None
    params = network.params  # the same arrays all along: optimizers update them in place
    grads_recipe = network.named_grads()  # the gradients are new arrays every epoch, their names are not
    for epoch in range(epochs):
        outputs = network.forward(inputs)
        value = loss.forward(outputs, targets)
        reported = value if monitor is None else monitor.forward(outputs, targets)
        if not math.isfinite(value):
            raise TrainingDiverged(_diverged_message(network, inputs, epoch, value, optimizer))
        losses[epoch] = reported
        network.backward(loss.backward())
        optimizer.step(params, {key: getattr(layer, attribute) for key, layer, attribute in grads_recipe})
        if snapshot_every is not None and epoch % snapshot_every == 0:
            snapshots[epoch] = {name: param.copy() for name, param in params.items()}
        if report_every is not None and epoch % report_every == 0:
            if callable(report):
                report(epoch, reported, network)
            else:
                print(report.format(epoch=epoch, epochs=epochs, loss=reported))
    return History(losses=losses, outputs=outputs, snapshots=snapshots)


def _diverged_message(network, inputs, epoch: int, value: float, optimizer) -> str:
    """Find the first layer whose output is not finite and explain what to try."""
    culprit = message("diverged.loss")
    if not np.all(np.isfinite(inputs)):
        culprit = message("diverged.inputs")
    else:
        x = inputs
        for layer in network.layers:
            x = layer.forward(x)
            if not np.all(np.isfinite(x)):
                bad = int(np.size(x) - np.count_nonzero(np.isfinite(x)))
                culprit = message("diverged.layer", layer=layer.name, bad=bad, count=np.size(x))
                break
    rate = getattr(optimizer, "learning_rate", None)
    advice = message("diverged.rate", rate=rate) if rate is not None else message("diverged.check")
    return message("diverged", epoch=epoch, value=value, culprit=culprit, advice=advice)


# Mini-batches, validation and early stopping (lesson 6) -------------------------------------------


def accuracy(scores: np.ndarray, labels: np.ndarray) -> float:
    """The fraction of samples whose highest score is their true class (labels are class indices)."""
    scores, labels = np.asarray(scores), np.asarray(labels)
    if scores.ndim != 2 or labels.shape != (scores.shape[0],):
        raise ShapeError(message("accuracy.shapes", scores=scores.shape, labels=labels.shape))
    return float(np.mean(np.argmax(scores, axis=1) == labels))


def is_weight(name: str) -> bool:
    """Weight decay shrinks weights only: biases shift, they do not make a network more wiggly."""
    return name.endswith(".weights")


def l2_penalty(params: dict[str, np.ndarray], weight_decay: float) -> float:
    """(λ/2) · Σ w² over every weight (not the biases): the L2 term added to the loss."""
    return 0.5 * weight_decay * sum(float(np.sum(param**2)) for name, param in params.items() if is_weight(name))


def add_l2_gradient(params: dict[str, np.ndarray], grads: dict[str, np.ndarray], weight_decay: float) -> None:
    """Add the L2 term's gradient λ·w to every weight's gradient, in place."""
    for name, param in params.items():
        if is_weight(name):
            grads[name] += weight_decay * param


@dataclass
class MiniBatchHistory:
    """Per epoch: training loss and accuracy (averaged over the epoch's batches), validation loss and accuracy.

    best_epoch: the epoch whose validation loss was lowest (its weights are the ones kept when stopping early);
    stopped_early: whether training stopped before the last epoch because validation stopped improving.
    """

    train_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    validation_loss: list[float] = field(default_factory=list)
    validation_accuracy: list[float] = field(default_factory=list)
    best_epoch: int = 0
    stopped_early: bool = False

    @property
    def epochs(self) -> int:
        """How many epochs ran."""
        return len(self.train_loss)


def batches(count: int, batch_size: int, rng: np.random.RandomState) -> list[np.ndarray]:
    """The indices 0 … count−1 shuffled and cut into batches of batch_size (the last may be smaller)."""
    order = rng.permutation(count)
    return [order[start : start + batch_size] for start in range(0, count, batch_size)]


def train_minibatch(
    network: Network,
    inputs: np.ndarray,
    labels: np.ndarray,
    *,
    loss: LossFunction,
    optimizer: Optimizer,
    epochs: int,
    batch_size: int,
    seed: int = 0,
    validation: tuple[np.ndarray, np.ndarray] | None = None,
    weight_decay: float = 0.0,
    patience: int | None = None,
) -> MiniBatchHistory:
    """Mini-batch training: each epoch shuffles the samples and takes one optimizer step per batch.

    labels:       class indices (N,);
    validation:   (inputs, labels) measured after every epoch, never trained on;
    weight_decay: λ of the L2 term (λ/2)·Σ w², whose gradient λ·w is added to every weight's gradient;
    patience:     stop when the validation loss has not improved for this many epochs and put back
                  the weights of the best epoch (early stopping); needs ``validation``.
    """
    epochs = whole_number(epochs, "train_minibatch: epochs")
    batch_size = whole_number(batch_size, "train_minibatch: batch_size")
    weight_decay = non_negative_number(weight_decay, "train_minibatch: weight_decay", "1e-4")
    patience = whole_number(patience, "train_minibatch: patience", allow_none=True)
    if patience is not None and validation is None:
        raise SettingError(message("minibatch.patience"))
    labels = np.asarray(labels)
    rng = np.random.RandomState(seed)
    params = network.params
    history = MiniBatchHistory()
    best_loss, best_params = math.inf, None
    for epoch in range(epochs):
        loss_sum, correct = 0.0, 0
        for batch in batches(len(labels), batch_size, rng):
            scores = network.forward(inputs[batch])
            value = loss.forward(scores, labels[batch])
            if not math.isfinite(value):
                raise TrainingDiverged(_diverged_message(network, inputs[batch], epoch, value, optimizer))
            loss_sum += value * len(batch)
            correct += int(np.sum(np.argmax(scores, axis=1) == labels[batch]))
            network.backward(loss.backward())
            grads = network.grads
            if weight_decay:
                add_l2_gradient(params, grads, weight_decay)
            optimizer.step(params, grads)
        history.train_loss.append(loss_sum / len(labels))
        history.train_accuracy.append(correct / len(labels))
        if validation is None:
            continue
        scores = network.forward(validation[0])
        history.validation_loss.append(loss.forward(scores, validation[1]))
        history.validation_accuracy.append(accuracy(scores, validation[1]))
        if history.validation_loss[-1] < best_loss:
            best_loss, history.best_epoch = history.validation_loss[-1], epoch
            if patience is not None:
                best_params = {name: param.copy() for name, param in params.items()}
        elif patience is not None and epoch - history.best_epoch >= patience:
            history.stopped_early = True
            break
    if best_params is not None:
        for name, param in params.items():
            param[...] = best_params[name]
    return history
