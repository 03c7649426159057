"""The library against a plain numpy loop, and numerical against backprop gradients.

1. Document 002's 2→3→1 XOR network trained for 10,000 epochs twice in one process: with
   backprop_lib (``train``) and with the loop written out as the document writes it. Both must
   end with the same weights; the time ratio library/plain is the cost of the abstraction
   (budget: 1.10×, issue 13). Runs are interleaved, timed in CPU time, and the best of several is kept,
   so a busy machine slows both sides alike.
2. One numerical gradient (two forward passes per parameter) against one backprop gradient
   (one forward and one backward pass), for that network and for a 64→100→50→10 ReLU network.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import numpy as np

import backprop_lib as bl

EPOCHS = 10_000
LEARNING_RATE = 0.1
REPEATS = 7
BUDGET = 1.10


def cpu_time(run: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds of this process for one call of ``run`` (garbage collection paused), and its result.

    CPU time rather than wall time: other programs on a busy machine then hardly count.
    """
    gc.disable()
    try:
        start = time.process_time()
        result = run()
        return time.process_time() - start, result
    finally:
        gc.enable()


def readable(seconds: float) -> str:
    """A duration in µs below a millisecond, else in ms."""
    return f"{seconds * 1e6:.1f} µs" if seconds < 1e-3 else f"{seconds * 1e3:.1f} ms"


def plain_xor_training() -> dict[str, np.ndarray]:
    """Document 002's two-layer loop written out with numpy only: same draws, same arithmetic."""
    rng = np.random.RandomState(42)
    rng.randn(2, 1)  # the single-layer network's W1 comes first in the stream
    W1, b1 = rng.randn(2, 3), np.zeros((1, 3))
    W2, b2 = rng.randn(3, 1), np.zeros((1, 1))
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([[0], [1], [1], [0]])

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def sigmoid_derivative(a):
        return a * (1 - a)

    for _epoch in range(EPOCHS):
        a1 = sigmoid(np.dot(X, W1) + b1)
        a2 = sigmoid(np.dot(a1, W2) + b2)
        loss = np.mean((y - a2) ** 2)  # noqa: F841 — unused, but the document computes it every epoch: timed work

        dz2 = (a2 - y) * sigmoid_derivative(a2)
        dW2, db2 = np.dot(a1.T, dz2), np.sum(dz2, axis=0, keepdims=True)
        dz1 = np.dot(dz2, W2.T) * sigmoid_derivative(a1)
        dW1, db1 = np.dot(X.T, dz1), np.sum(dz1, axis=0, keepdims=True)

        W2 -= LEARNING_RATE * dW2
        b2 -= LEARNING_RATE * db2
        W1 -= LEARNING_RATE * dW1
        b1 -= LEARNING_RATE * db1
    return {
        "affine1.weights": W1,
        "affine1.bias": b1.reshape(-1),
        "affine2.weights": W2,
        "affine2.bias": b2.reshape(-1),
    }


def library_xor_training() -> dict[str, np.ndarray]:
    """The same training with backprop_lib, as a lesson writes it."""
    network = bl.document_002_start().two_layer
    inputs, targets = bl.xor_data()
    bl.train(
        network,
        inputs,
        targets,
        loss=bl.SumSquaredError(),
        monitor=bl.MeanSquaredError(),
        optimizer=bl.SGD(LEARNING_RATE),
        epochs=EPOCHS,
    )
    return network.params


def compare_weights(library: dict[str, np.ndarray], plain: dict[str, np.ndarray]) -> str:
    """'bit-identical', or the largest absolute difference between the two runs' parameters."""
    if all(np.array_equal(library[name], plain[name]) for name in plain):
        return "bit-identical"
    worst = max(float(np.max(np.abs(library[name] - plain[name]))) for name in plain)
    return f"NOT identical: largest difference {worst:.3e}"


def library_against_plain() -> float:
    """Print the weights' agreement and the best-of time ratio library/plain; return that ratio."""
    plain_times, library_times = [], []
    for _ in range(REPEATS):
        seconds, plain = cpu_time(plain_xor_training)
        plain_times.append(seconds)
        seconds, library = cpu_time(library_xor_training)
        library_times.append(seconds)
    ratio = min(library_times) / min(plain_times)
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(f"XOR 2→3→1, {EPOCHS} epochs, best of {REPEATS} interleaved runs")
    print(f"  final weights, library vs plain numpy: {compare_weights(library, plain)}")
    print(f"  plain numpy loop: {min(plain_times) * 1e3:7.1f} ms ({min(plain_times) / EPOCHS * 1e6:.1f} µs per epoch)")
    print(
        f"  backprop_lib:     {min(library_times) * 1e3:7.1f} ms ({min(library_times) / EPOCHS * 1e6:.1f} µs per epoch)"
    )
    print(f"  library / plain = {ratio:.2f}× ({verdict} the {BUDGET:.2f}× budget)")
    return ratio


def gradient_costs(
    title: str, network: bl.Network, inputs: np.ndarray, targets: np.ndarray, loss: bl.Loss, repeats: int
) -> None:
    """Time one numerical gradient of every parameter against one backprop gradient, and count forwards."""
    params = network.params
    forward_count = 0

    def loss_value() -> float:
        nonlocal forward_count
        forward_count += 1
        return loss.forward(network.forward(inputs), targets)

    def backprop() -> dict[str, np.ndarray]:
        loss_value()
        network.backward(loss.backward())
        return {name: grad.copy() for name, grad in network.grads.items()}

    def numerical() -> dict[str, np.ndarray]:
        return {name: bl.numerical_gradient(loss_value, param) for name, param in params.items()}

    backprop_seconds = min(cpu_time(backprop)[0] for _ in range(max(repeats, 50)))
    analytic = backprop()
    forward_count = 0
    numeric_seconds, numeric = cpu_time(numerical)
    numeric_forwards = forward_count
    for _ in range(repeats - 1):
        numeric_seconds = min(numeric_seconds, cpu_time(numerical)[0])
    worst = max(bl.relative_error(analytic[name], numeric[name]) for name in params)
    count = sum(param.size for param in params.values())
    print(f"{title}: {count} parameters")
    print(f"  backprop gradient:  1 forward + 1 backward pass: {readable(backprop_seconds)}")
    print(f"  numerical gradient: {numeric_forwards} forward passes: {readable(numeric_seconds)}")
    print(
        f"  numerical / backprop = {numeric_seconds / backprop_seconds:,.0f}× the time; "
        f"largest relative error between them {worst:.1e}"
    )


def main() -> None:
    """Run both benchmarks and print their figures."""
    library_against_plain()
    print()
    inputs, targets = bl.xor_data()
    gradient_costs(
        "XOR 2→3→1 (Sigmoid, SumSquaredError)",
        bl.document_002_start().two_layer,
        inputs,
        targets,
        bl.SumSquaredError(),
        repeats=5,
    )
    print()
    rng = np.random.RandomState(0)
    layers = []
    for n_in, n_out in [(64, 100), (100, 50), (50, 10)]:
        # weights scaled by √(2/inputs) (He initialisation) so the scores stay in a realistic range
        layers += [bl.Affine(rng.randn(n_in, n_out) * np.sqrt(2 / n_in), np.zeros(n_out)), bl.ReLU()]
    network = bl.Network(layers[:-1])  # scores straight into softmax
    batch = rng.randn(32, 64)
    labels = rng.randint(0, 10, size=32)
    gradient_costs(
        "64→100→50→10 (ReLU, SoftmaxWithLoss, batch 32)", network, batch, labels, bl.SoftmaxWithLoss(), repeats=1
    )


if __name__ == "__main__":
    main()
