"""The held-out accuracy judge of lesson 6's open task: the grader alone holds the digits' labels."""

from __future__ import annotations

import numpy as np

from backprop_lib.digits import format_classes, held_out_labels, load_digits_split
from course_tools.grading.probes import CLASSES_HEADER, JUDGES, held_out_accuracy

LABELS = held_out_labels(load_digits_split(seed=0))


def printed(classes) -> str:
    """What lesson 6's hidden check prints for these predicted classes."""
    return f"{CLASSES_HEADER}\n{format_classes(classes)}\n"


def with_mistakes(count: int) -> np.ndarray:
    """The true labels with the first ``count`` of them changed to another digit."""
    classes = LABELS.copy()
    classes[:count] = (classes[:count] + 1) % 10
    return classes


def test_full_points_from_95_percent_half_from_90():
    assert len(LABELS) == 359
    assert JUDGES["held-out-accuracy"] is held_out_accuracy
    assert held_out_accuracy(printed(LABELS), [90, 95], seed=0) == [True, True]
    assert held_out_accuracy(printed(with_mistakes(17)), [90, 95], seed=0) == [True, True]  # 342/359
    assert held_out_accuracy(printed(with_mistakes(18)), [90, 95], seed=0) == [True, False]  # 341/359
    assert held_out_accuracy(printed(with_mistakes(35)), [90, 95], seed=0) == [True, False]  # 324/359
    assert held_out_accuracy(printed(with_mistakes(36)), [90, 95], seed=0) == [False, False]  # 323/359


def test_a_wrong_prediction_earns_nothing():
    assert held_out_accuracy(printed((LABELS + 3) % 10), [90, 95], seed=0) == [False, False]
    assert held_out_accuracy(printed(np.zeros_like(LABELS)), [90, 95], seed=0) == [False, False]


def test_a_missing_or_malformed_prediction_earns_nothing():
    right = printed(LABELS)
    assert held_out_accuracy(right.replace(CLASSES_HEADER, "classes:"), [90, 95], seed=0) == [False, False]
    assert held_out_accuracy(printed(LABELS[:-1]), [90, 95], seed=0) == [False, False]  # one digit short
    assert held_out_accuracy(printed(np.append(LABELS, 0)), [90, 95], seed=0) == [False, False]  # one too many
    assert held_out_accuracy(right.replace("7", "x", 1), [90, 95], seed=0) == [False, False]
    assert held_out_accuracy(right.replace("7", "²", 1), [90, 95], seed=0) == [False, False]  # a digit to isdigit()
    assert held_out_accuracy("", [90, 95], seed=0) == [False, False]
