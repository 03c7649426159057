"""The exact starting points of the documents' examples, so a lesson can say "the same start as the document".

Document 002 seeds numpy's random generator with 42 once and then draws, in order, the weights
of three XOR networks; document 000 seeds 42, draws its data, then seeds 42 again for the weights;
document 004 writes its eight weights by hand. ``np.random.RandomState(42)`` produces the same
stream as ``np.random.seed(42)`` followed by ``np.random.randn``/``rand``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .errors import SettingError
from .layers import Affine, ReLU, Sigmoid
from .messages import message
from .network import Network
from .nodes import Add, Mul


def xor_data() -> tuple[np.ndarray, np.ndarray]:
    """The four XOR inputs (4, 2) and their targets (4, 1), as floats."""
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    targets = np.array([[0], [1], [1], [0]], dtype=np.float64)
    return inputs, targets


def sigmoid_network(sizes: list[int], rng: np.random.RandomState) -> Network:
    """Affine + Sigmoid for each pair of sizes, weights from ``rng.randn`` in order, zero biases."""
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [Affine.random(n_in, n_out, rng), Sigmoid()]
    return Network(layers)


class Document002Start(NamedTuple):
    """Document 002's three networks, drawn one after the other from one seed-42 stream."""

    single_layer: Network  # 2→1
    two_layer: Network  # 2→3→1
    homework: Network  # 2→3→3→1


def document_002_start(seed: int = 42) -> Document002Start:
    """Document 002's networks with exactly its initial weights (one RandomState(42), drawn in order)."""
    rng = np.random.RandomState(seed)
    return Document002Start(
        single_layer=sigmoid_network([2, 1], rng),
        two_layer=sigmoid_network([2, 3, 1], rng),
        homework=sigmoid_network([2, 3, 3, 1], rng),
    )


class Document000Start(NamedTuple):
    """Document 000's regression data and its 3→5→1 ReLU network."""

    inputs: np.ndarray  # (100, 3), rand
    targets: np.ndarray  # (100, 1), rand
    network: Network  # Affine(3→5), ReLU, Affine(5→1), ReLU (ReLU at the output, as its code does)


def document_000_start(seed: int = 42) -> Document000Start:
    """Seed 42 and draw the data, then seed 42 again and draw W1 (3, 5) and W2 (5, 1); biases zero."""
    data_rng = np.random.RandomState(seed)
    inputs = data_rng.rand(100, 3)
    targets = data_rng.rand(100, 1)
    weight_rng = np.random.RandomState(seed)
    network = Network([Affine.random(3, 5, weight_rng), ReLU(), Affine.random(5, 1, weight_rng), ReLU()])
    return Document000Start(inputs, targets, network)


DOCUMENT_004_WEIGHTS = {"W1": 0.3, "W2": 0.25, "W3": 0.4, "W4": 0.35, "W5": 0.45, "W6": 0.4, "W7": 0.7, "W8": 0.6}


class Document004Numbers(NamedTuple):
    """Document 004's set-up as plain numbers, before any layer: lesson 2 works with these by hand first."""

    inputs: np.ndarray  # (1, 2) = [[0.1, 0.2]], one sample as a row
    targets: np.ndarray  # (1, 2) = [[0.4, 0.6]]
    weights: dict[str, float]  # W1 … W8 by the document's names


def document_004_numbers() -> Document004Numbers:
    """Inputs [[0.1, 0.2]], targets [[0.4, 0.6]] and the eight weights W1 … W8 (a fresh dict on every call)."""
    return Document004Numbers(np.array([[0.1, 0.2]]), np.array([[0.4, 0.6]]), dict(DOCUMENT_004_WEIGHTS))


def document_004_start() -> tuple[np.ndarray, np.ndarray, Network]:
    """Inputs (1, 2) = [[0.1, 0.2]], targets (1, 2) = [[0.4, 0.6]], and the 2-2-2 sigmoid network, no biases.

    W1, W2 feed h1 and W3, W4 feed h2; W5, W6 feed o1 and W7, W8 feed o2. In the batch-first matrix
    form out = x @ W, column j holds the weights into unit j: [[W1, W3], [W2, W4]].
    """
    inputs, targets, w = document_004_numbers()
    hidden = Affine([[w["W1"], w["W3"]], [w["W2"], w["W4"]]], bias=None, name="hidden")
    output = Affine([[w["W5"], w["W7"]], [w["W6"], w["W8"]]], bias=None, name="output")
    network = Network([hidden, Sigmoid(name="hidden_sigmoid"), output, Sigmoid(name="output_sigmoid")])
    return inputs, targets, network


class AppleShop(NamedTuple):
    """Document 003's shop, forward and backward: every intermediate value and the total's gradient at each.

    Without oranges the orange fields are None, before_tax is apples_total and grad_apples_total is
    grad_before_tax (the Add node is not there).
    """

    apple_price: float
    apple_count: float
    tax: float
    orange_price: float | None
    orange_count: float | None
    apples_total: float  # apple price × apple count
    oranges_total: float | None  # orange price × orange count
    before_tax: float  # apples_total (+ oranges_total)
    total: float  # before_tax × tax
    grad_apple_price: float  # ∂total/∂apple price = count × tax
    grad_apple_count: float  # ∂total/∂apple count = price × tax
    grad_orange_price: float | None
    grad_orange_count: float | None
    grad_apples_total: float
    grad_oranges_total: float | None
    grad_before_tax: float  # = tax
    grad_tax: float  # = before_tax


def apple_shop(
    apple_price: float = 100.0,
    apple_count: float = 2.0,
    tax: float = 1.1,
    orange_price: float | None = None,
    orange_count: float | None = None,
) -> AppleShop:
    """Run document 003's apple shop (with oranges when both orange numbers are given) through Mul and Add nodes."""
    if (orange_price is None) != (orange_count is None):
        raise SettingError(message("error.documents.oranges", price=repr(orange_price), count=repr(orange_count)))
    with_oranges = orange_price is not None
    apple_mul, orange_mul, fruit_add, tax_mul = Mul("apple"), Mul("orange"), Add("fruit"), Mul("tax")
    apples_total = apple_mul.forward(apple_price, apple_count)
    oranges_total = grad_orange_price = grad_orange_count = grad_oranges_total = None
    if with_oranges:
        oranges_total = orange_mul.forward(orange_price, orange_count)
        before_tax = fruit_add.forward(apples_total, oranges_total)
    else:
        before_tax = apples_total
    total = tax_mul.forward(before_tax, tax)
    grad_before_tax, grad_tax = tax_mul.backward(1.0)
    if with_oranges:
        grad_apples_total, grad_oranges_total = fruit_add.backward(grad_before_tax)
        grad_orange_price, grad_orange_count = orange_mul.backward(grad_oranges_total)
    else:
        grad_apples_total = grad_before_tax
    grad_apple_price, grad_apple_count = apple_mul.backward(grad_apples_total)
    return AppleShop(
        apple_price,
        apple_count,
        tax,
        orange_price,
        orange_count,
        apples_total,
        oranges_total,
        before_tax,
        total,
        grad_apple_price,
        grad_apple_count,
        grad_orange_price,
        grad_orange_count,
        grad_apples_total,
        grad_oranges_total,
        grad_before_tax,
        grad_tax,
    )
