"""Losses: squared error in the documents' two conventions, cross-entropy, and softmax with loss.

A loss's forward takes the network's outputs and the targets and returns one number;
its backward returns dL/d(outputs), the gradient that starts the backward pass (역전파).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from .errors import LabelError, ShapeError, describe, require_forward
from .messages import message


class Loss:
    """What every loss shares: a name and the guard against backward before forward."""

    def __init__(self, name: str | None = None) -> None:
        self.name = name or type(self).__name__

    def _require_forward(self, kept) -> None:
        require_forward(kept is not None, self.name, message("error.losses.forward_fix"))

    def _same_shape(self, outputs: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        outputs, targets = np.asarray(outputs, dtype=np.float64), np.asarray(targets)
        if outputs.shape != targets.shape:
            raise ShapeError(
                message("error.losses.same_shape", loss=self.name, outputs=describe(outputs), targets=describe(targets))
            )
        return outputs, targets

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class SumSquaredError(Loss):
    """E = ½ Σ (t − o)² over every output of every sample (document 004);  dE/do = o − t.

    Shapes: outputs and targets (N, M), the same; forward returns a number, backward (N, M).
    """

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.difference: np.ndarray | None = None

    def forward(self, outputs: np.ndarray, targets: np.ndarray) -> float:
        """Half the summed squared error; the ½ cancels the 2 of the derivative."""
        outputs, targets = self._same_shape(outputs, targets)
        difference = self.difference = outputs - targets
        return float(0.5 * (difference * difference).sum())  # (o − t)² is (t − o)², bit for bit

    def backward(self) -> np.ndarray:
        """dE/d(outputs) = outputs − targets, shape (N, M): a copy, so the caller may change it in place."""
        self._require_forward(self.difference)
        return self.difference.copy()


class MeanSquaredError(Loss):
    """L = mean of (t − o)² over all entries (documents 000 and 002);  dL/do = 2(o − t) / count.

    Shapes: outputs and targets (N, M), the same; forward returns a number, backward (N, M).
    """

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.difference: np.ndarray | None = None

    def forward(self, outputs: np.ndarray, targets: np.ndarray) -> float:
        """The mean of (t − o)²: sum / count, the arithmetic of ``np.mean`` without its call overhead."""
        outputs, targets = self._same_shape(outputs, targets)
        difference = self.difference = outputs - targets
        squared = difference * difference  # (o − t)² is (t − o)², bit for bit
        return float(squared.sum() / squared.size)

    def backward(self) -> np.ndarray:
        """dL/d(outputs) = 2 (outputs − targets) / number of entries."""
        self._require_forward(self.difference)
        return 2 * self.difference / self.difference.size


def as_one_hot(targets: ArrayLike, batch_size: int, num_classes: int, who: str = "loss") -> np.ndarray:
    """Turn class indices (N,) or one-hot rows (N, K) into one-hot rows, or say what is wrong."""
    targets = np.asarray(targets)
    if targets.ndim == 0:
        raise LabelError(message("error.losses.label_scalar", who=who, batch_size=batch_size, got=targets.item()))
    if targets.shape[0] != batch_size:
        raise LabelError(message("error.losses.label_count", who=who, batch_size=batch_size, count=targets.shape[0]))
    if targets.ndim == 1:
        whole = np.issubdtype(targets.dtype, np.integer) or (
            np.issubdtype(targets.dtype, np.floating) and np.all(targets == np.round(targets))
        )
        if not whole or targets.min() < 0 or targets.max() >= num_classes:
            raise LabelError(
                message(
                    "error.losses.label_indices",
                    who=who,
                    last=num_classes - 1,
                    values=np.unique(targets)[:6],
                    batch_size=batch_size,
                    num_classes=num_classes,
                )
            )
        one_hot = np.zeros((batch_size, num_classes))
        one_hot[np.arange(batch_size), targets.astype(int)] = 1.0
        return one_hot
    if targets.ndim == 2 and targets.shape[1] == num_classes:
        is_one_hot = np.all((targets == 0) | (targets == 1), axis=1) & (targets.sum(axis=1) == 1)
        if np.all(is_one_hot):
            return targets.astype(np.float64)
        row = int(np.argmin(is_one_hot))  # the first row that is not one-hot
        raise LabelError(message("error.losses.one_hot_rows", who=who, row=row, values=targets[row]))
    raise LabelError(
        message(
            "error.losses.label_shape", who=who, batch_size=batch_size, num_classes=num_classes, got=describe(targets)
        )
    )


def softmax(scores: np.ndarray) -> np.ndarray:
    """exp(s) / Σ exp(s) along the last axis, after subtracting the maximum so exp cannot overflow."""
    shifted = scores - np.max(scores, axis=-1, keepdims=True)
    exps = np.exp(shifted)
    return exps / np.sum(exps, axis=-1, keepdims=True)


def log_softmax(scores: np.ndarray) -> np.ndarray:
    """log(softmax(s)) as shifted − log Σ exp(shifted): finite even where a probability underflows to 0."""
    shifted = scores - np.max(scores, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def cross_entropy(probabilities: np.ndarray, one_hot_targets: np.ndarray) -> float:
    """−(1/N) Σ t · log(p): the average surprise at the true class (a tiny 1e-12 guards log(0))."""
    batch_size = probabilities.shape[0] if np.ndim(probabilities) > 1 else 1
    return float(-np.sum(one_hot_targets * np.log(probabilities + 1e-12)) / batch_size)


def _check_2d(scores, who: str) -> np.ndarray:
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim != 2:
        raise ShapeError(message("error.losses.scores_shape", who=who, got=describe(scores)))
    return scores


class CrossEntropy(Loss):
    """L = −(1/N) Σ t log(p + 1e-12) for probabilities p (N, K);  dL/dp = −t / ((p + 1e-12)·N), shape (N, K).

    The 1e-12 keeps the log and the division finite where a true class got probability 0; elsewhere it
    changes nothing visible (p ≥ 1e-4 moves by less than 1e-8 relatively). Teaching choice: forward
    keeps the probabilities array itself, not a copy, like the nodes of document 003.
    """

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.probabilities: np.ndarray | None = None
        self.one_hot: np.ndarray | None = None

    def forward(self, probabilities: np.ndarray, targets: ArrayLike) -> float:
        """The mean cross-entropy (교차 엔트로피) of the true classes.

        Shapes: probabilities (N, K), targets (N,) or (N, K) → a float.
        """
        probabilities = _check_2d(probabilities, self.name)
        batch_size, num_classes = probabilities.shape
        self.one_hot = as_one_hot(targets, batch_size, num_classes, self.name)
        self.probabilities = probabilities
        return cross_entropy(probabilities, self.one_hot)

    def backward(self) -> np.ndarray:
        """dL/dp = −t / (p + 1e-12), divided by the batch size N: −t / ((p + 1e-12)·N).  Shape: (N, K)."""
        self._require_forward(self.probabilities)
        return -self.one_hot / (self.probabilities + 1e-12) / self.probabilities.shape[0]


class SoftmaxWithLoss(Loss):
    """Softmax (소프트맥스) followed by cross-entropy, as one layer;  dL/dscores = (y − t) / N.

    Shapes: scores (N, K), targets (N,) class indices or (N, K) one-hot rows → a float;  backward → (N, K).
    """

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.probabilities: np.ndarray | None = None
        self.one_hot: np.ndarray | None = None

    def forward(self, scores: np.ndarray, targets: ArrayLike) -> float:
        """Turn scores into probabilities (kept in ``probabilities``) and return the mean cross-entropy.

        Shapes: scores (N, K), targets (N,) or (N, K) → a float.
        """
        scores = _check_2d(scores, self.name)
        batch_size, num_classes = scores.shape
        self.one_hot = as_one_hot(targets, batch_size, num_classes, self.name)
        self.probabilities = softmax(scores)
        # from log-softmax, not log(p + 1e-12): the loss stays exact (and matches backward) when p ≈ 0
        return float(-np.sum(self.one_hot * log_softmax(scores)) / batch_size)

    def backward(self) -> np.ndarray:
        """The famous simple gradient: (probabilities − one-hot targets) / batch size.  Shape: (N, K)."""
        self._require_forward(self.probabilities)
        return (self.probabilities - self.one_hot) / self.probabilities.shape[0]
