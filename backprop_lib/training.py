"""The training loop: forward, loss, backward, update — repeated, with a history to plot."""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .errors import SettingError, TrainingDiverged, whole_number


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


def train(network, inputs: np.ndarray, targets: np.ndarray, *, loss, optimizer, epochs: int,
          monitor=None, report_every: int | None = None, report: Report | None = None,
          snapshot_every: int | None = None) -> History:
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
        raise SettingError("train: a report was given but no report_every, so it would never print; "
                           "say how often, e.g. report_every=1000.")
    if report_every is not None and report is None:
        report = "Epoch {epoch}/{epochs}, Loss: {loss:.4f}"
    losses = np.empty(epochs)
    snapshots: dict[int, dict[str, np.ndarray]] = {}
    outputs = None
    params = network.params   # the same arrays all along: optimizers update them in place
    grads_recipe = network.named_grads()    # the gradients are new arrays every epoch, their names are not
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
    culprit = "the loss itself (every layer's output was finite)"
    if not np.all(np.isfinite(inputs)):
        culprit = "the inputs (they already hold NaN or infinite values)"
    else:
        x = inputs
        for layer in network.layers:
            x = layer.forward(x)
            if not np.all(np.isfinite(x)):
                bad = int(np.size(x) - np.count_nonzero(np.isfinite(x)))
                culprit = f"layer '{layer.name}' ({bad} of {np.size(x)} outputs are NaN or infinite)"
                break
    rate = getattr(optimizer, "learning_rate", None)
    advice = (f"A learning rate of {rate} may be too large: try a smaller one, "
              "or check the inputs and the initial weights." if rate is not None
              else "Check the learning rate, the inputs and the initial weights.")
    return (f"Training stopped at epoch {epoch}: the loss became {value}. "
            f"The first non-finite value came from {culprit}. {advice}")
