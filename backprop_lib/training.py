"""The training loop: forward, loss, backward, update — repeated, with a history to plot."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .errors import SettingError, TrainingDiverged
from .messages import message, template


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
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise SettingError(message("train.epochs", got=repr(epochs)))
    for label, every in (("report_every", report_every), ("snapshot_every", snapshot_every)):
        if every is not None and (not isinstance(every, int) or every < 1):
            raise SettingError(message("train.every", label=label, got=repr(every)))
    if report is not None and report_every is None:
        raise SettingError(message("train.report_without_every"))
    if report_every is not None and report is None:
        report = template("train.report")       # "Epoch {epoch}/{epochs}, Loss: {loss:.4f}" in English
    losses = np.empty(epochs)
    snapshots: dict[int, dict[str, np.ndarray]] = {}
    outputs = None
    params = network.params   # the same arrays all along: optimizers update them in place
    for epoch in range(epochs):
        outputs = network.forward(inputs)
        value = loss.forward(outputs, targets)
        reported = value if monitor is None else monitor.forward(outputs, targets)
        if not math.isfinite(value):
            raise TrainingDiverged(_diverged_message(network, inputs, epoch, value, optimizer))
        losses[epoch] = reported
        network.backward(loss.backward())
        optimizer.step(params, network.grads)
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
