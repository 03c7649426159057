"""Lesson 6's data: scikit-learn's 1,797 handwritten digits (8×8 pixels, ten classes), split and scaled.

The images ship inside scikit-learn, so nothing is downloaded. ``load_digits_split`` returns a fixed,
stratified train / validation / test split (every class in the same proportion in each part), chosen
by a seed with numpy's own random stream, so the split is the same on every machine and version.
scikit-learn is imported inside the loader only: ``import backprop_lib`` stays light.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .errors import LabelError, SettingError, describe
from .messages import message

NUM_CLASSES = 10
IMAGE_SIDE = 8
MAX_PIXEL = 16.0  # load_digits counts ink per pixel from 0 to 16
HELD_OUT_SEED = 2024  # the order in which the held-out digits are shown to a graded network


@dataclass(frozen=True)
class DigitSet:
    """Part of the digits: inputs (N, 64) scaled to [0, 1] and labels (N,) from 0 to 9."""

    inputs: np.ndarray
    labels: np.ndarray

    @property
    def one_hot(self) -> np.ndarray:
        """The labels as one-hot rows (N, 10): the targets of softmax with cross-entropy."""
        return one_hot(self.labels)

    @property
    def images(self) -> np.ndarray:
        """The inputs as images (N, 8, 8), for drawing."""
        return self.inputs.reshape(-1, IMAGE_SIDE, IMAGE_SIDE)

    def __len__(self) -> int:
        return len(self.labels)


@dataclass(frozen=True)
class DigitsSplit:
    """The three parts: train (to fit), validation (to choose settings), test (touched once, at the end)."""

    train: DigitSet
    validation: DigitSet
    test: DigitSet


def one_hot(labels: ArrayLike, num_classes: int = NUM_CLASSES) -> np.ndarray:
    """Class indices (N,) as one-hot rows (N, num_classes)."""
    labels = np.asarray(labels)
    if (
        labels.ndim != 1
        or not np.issubdtype(labels.dtype, np.integer)
        or (labels.size and (labels.min() < 0 or labels.max() >= num_classes))
    ):
        raise LabelError(message("error.digits.one_hot", last=num_classes - 1, got=describe(labels)))
    return np.eye(num_classes)[labels]


def stratified_split(labels: ArrayLike, fractions: tuple[float, ...], seed: int) -> list[np.ndarray]:
    """Indices of len(fractions) + 1 parts; each class is shuffled and cut by the same fractions.

    The last part takes what the fractions leave. Indices inside each part are sorted.
    """
    labels = np.asarray(labels)
    if any(not 0 < fraction < 1 for fraction in fractions) or sum(fractions) >= 1:
        raise SettingError(message("error.digits.fractions", got=fractions))
    rng = np.random.RandomState(seed)
    parts: list[list[np.ndarray]] = [[] for _ in range(len(fractions) + 1)]
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        cuts = np.round(np.cumsum(fractions) * members.size).astype(int)
        for part, chunk in zip(parts, np.split(members, cuts)):
            part.append(chunk)
    return [np.sort(np.concatenate(part)) for part in parts]


def load_digits_split(seed: int = 0, validation_fraction: float = 0.2, test_fraction: float = 0.2) -> DigitsSplit:
    """scikit-learn's digits, pixels divided by 16, split by class into train / validation / test."""
    from sklearn.datasets import load_digits  # here, not at the top: only lesson 6 needs scikit-learn

    digits = load_digits()
    inputs = digits.data.astype(np.float64) / MAX_PIXEL
    labels = digits.target.astype(np.int64)
    test, validation, train = stratified_split(labels, (test_fraction, validation_fraction), seed)
    return DigitsSplit(
        train=DigitSet(inputs[train], labels[train]),
        validation=DigitSet(inputs[validation], labels[validation]),
        test=DigitSet(inputs[test], labels[test]),
    )


def held_out_order(count: int) -> np.ndarray:
    """The fixed shuffled order in which a grader shows held-out digits to a student's network."""
    return np.random.RandomState(HELD_OUT_SEED).permutation(count)


def held_out_inputs(split: DigitsSplit) -> np.ndarray:
    """The test digits' inputs, shuffled by a fixed order and without labels: what a graded network classifies."""
    return split.test.inputs[held_out_order(len(split.test))]


def held_out_labels(split: DigitsSplit) -> np.ndarray:
    """The true classes of ``held_out_inputs``, in the same order: for the grader, outside the student's kernel."""
    return split.test.labels[held_out_order(len(split.test))]


def format_classes(classes: ArrayLike) -> str:
    """Predicted classes as plain text, 60 digits a line: what a hidden check prints for the grader."""
    text = "".join(str(int(value)) for value in np.asarray(classes).ravel())
    return "\n".join(text[start : start + 60] for start in range(0, len(text), 60))
