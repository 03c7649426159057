"""The gradient checker checks itself first (known derivatives, a wrong backward), then whole networks."""

import numpy as np
import pytest

from backprop_lib import (
    Affine,
    CrossEntropy,
    GradientReport,
    MeanSquaredError,
    Network,
    ReLU,
    Sigmoid,
    SoftmaxWithLoss,
    SumSquaredError,
    gradient_check,
    numerical_gradient,
    relative_error,
)


def central_difference(f, x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """The test's own central difference: f at copies of x moved by ±eps, one entry at a time."""
    grad = np.zeros(x.shape)
    for index in np.ndindex(x.shape):
        step = np.zeros(x.shape)
        step[index] = eps
        grad[index] = (f(x + step) - f(x - step)) / (2 * eps)
    return grad


def test_numerical_gradient_of_a_known_function():
    """f(x) = Σ x³ + 2·x₀x₁ has ∂f/∂x₀ = 3x₀² + 2x₁, ∂f/∂x₁ = 3x₁² + 2x₀, ∂f/∂x₂ = 3x₂²."""
    x = np.array([0.5, -1.5, 2.0])
    grad = numerical_gradient(lambda: float(np.sum(x**3) + 2 * x[0] * x[1]), x)
    np.testing.assert_allclose(grad, [3 * 0.25 - 3.0, 3 * 2.25 + 1.0, 12.0], rtol=1e-9)
    np.testing.assert_array_equal(x, [0.5, -1.5, 2.0])  # every nudge was undone


def test_numerical_gradient_agrees_with_an_independent_central_difference():
    rng = np.random.default_rng(20)
    weights, inputs = rng.normal(size=(3, 2)), rng.normal(size=(4, 3))

    def loss_of(w: np.ndarray) -> float:
        return float(np.sum(np.tanh(inputs @ w) ** 2))

    library = numerical_gradient(lambda: loss_of(weights), weights)
    own = central_difference(loss_of, weights.copy())
    np.testing.assert_allclose(library, own, rtol=1e-7)


def test_relative_error_values():
    a = np.array([3.0, 4.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == 1.0
    assert relative_error(a, np.zeros(2)) == 1.0
    assert relative_error(np.zeros(2), np.zeros(2)) == 0.0
    assert relative_error(a, a * 1.1) == pytest.approx(0.5 / 10.5, rel=1e-12)  # ‖0.1a‖/(‖a‖ + ‖1.1a‖)


class ForgetfulSigmoid(Sigmoid):
    """A deliberately wrong backward: it forgets the factor (1 − σ)."""

    def backward(self, grad_output):
        return grad_output * self.out


class DoublingAffine(Affine):
    """A deliberately wrong backward for the weights only: the gradient is doubled."""

    def backward(self, grad_output):
        grad_input = super().backward(grad_output)
        self.grad_weights = 2 * self.grad_weights
        return grad_input


def test_a_wrong_backward_is_reported_as_differs():
    x = np.random.default_rng(21).normal(size=(3, 4))
    report = gradient_check(ForgetfulSigmoid(), x)
    assert not report.ok
    assert report.max_error > 1e-2
    assert "DIFFERS" in str(report) and "agrees" not in str(report)


def test_a_wrong_parameter_gradient_is_named_in_the_report():
    rng = np.random.default_rng(22)
    layer = DoublingAffine(rng.normal(size=(3, 2)), rng.normal(size=2))
    report = gradient_check(layer, rng.normal(size=(4, 3)))
    assert not report.ok
    verdicts = {line.split()[0]: line.split()[-1] for line in str(report).splitlines()[1:]}
    assert verdicts == {"input": "agrees", "weights": "DIFFERS", "bias": "agrees"}
    assert report.errors["weights"] == pytest.approx(1 / 3, rel=1e-6)  # ‖2g − g‖ / (‖2g‖ + ‖g‖)


def test_report_table_is_stable_text():
    report = GradientReport(
        analytic={}, numeric={}, errors={"input": 3.2e-11, "affine1.weights": 0.0, "affine1.bias": 0.5}
    )
    assert str(report).splitlines() == [
        "gradient         relative error  verdict",
        "input            < 1e-07         agrees",
        "affine1.weights  < 1e-07         agrees",
        "affine1.bias     0.5             DIFFERS",
    ]
    assert report.max_error == 0.5 and not report.ok


def test_gradient_check_restores_parameters_and_inputs():
    rng = np.random.default_rng(23)
    network = Network([Affine(rng.normal(size=(2, 3)), rng.normal(size=3)), Sigmoid()])
    before = {name: param.copy() for name, param in network.params.items()}
    x = rng.normal(size=(4, 2))
    x_before = x.copy()
    gradient_check(network, x, targets=rng.random((4, 3)), loss=MeanSquaredError())
    for name, param in network.params.items():
        np.testing.assert_array_equal(param, before[name])
    np.testing.assert_array_equal(x, x_before)


def build_network(sizes: list[int], activation, rng: np.random.Generator, last_activation=True) -> Network:
    """Affine + activation per pair of sizes, weights scaled by 1/√inputs, random biases."""
    layers = []
    for position, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(Affine(rng.normal(size=(n_in, n_out)) / np.sqrt(n_in), rng.normal(0, 0.1, size=n_out)))
        if last_activation or position < len(sizes) - 2:
            layers.append(activation())
    return Network(layers)


NETWORK_SIZES = [[2, 1], [2, 3, 1], [3, 5, 4, 2], [4, 8, 6, 5, 3]]


def assert_network_agrees(report) -> None:
    """Every gradient agrees, and none is all zeros (which would agree without proving anything)."""
    assert report.ok, str(report)
    assert all(np.any(grad) for grad in report.analytic.values())


@pytest.mark.parametrize("sizes", NETWORK_SIZES)
@pytest.mark.parametrize("loss", [SumSquaredError, MeanSquaredError])
@pytest.mark.parametrize("activation", [Sigmoid, ReLU])
def test_whole_networks_with_squared_errors(sizes, loss, activation):
    rng = np.random.default_rng(24)
    network = build_network(sizes, activation, rng)
    inputs, targets = rng.normal(size=(5, sizes[0])), rng.random((5, sizes[-1]))
    report = gradient_check(network, inputs, targets=targets, loss=loss())
    assert set(report.errors) == {"input", *network.params}
    assert_network_agrees(report)


@pytest.mark.parametrize("sizes", NETWORK_SIZES[1:])
@pytest.mark.parametrize("label_form", ["indices", "one-hot"])
def test_whole_networks_with_cross_entropy(sizes, label_form):
    rng = np.random.default_rng(25)
    network = build_network(sizes, Sigmoid, rng)  # sigmoid outputs are valid probabilities
    labels = rng.integers(0, sizes[-1], size=6)
    targets = labels if label_form == "indices" else np.eye(sizes[-1])[labels]
    report = gradient_check(network, rng.normal(size=(6, sizes[0])), targets=targets, loss=CrossEntropy())
    assert_network_agrees(report)


@pytest.mark.parametrize("sizes", [[2, 3, 2], [3, 5, 4, 2], [4, 8, 6, 5, 3], [6, 20, 10]])
@pytest.mark.parametrize("activation", [Sigmoid, ReLU])
@pytest.mark.parametrize("label_form", ["indices", "one-hot"])
def test_whole_networks_with_softmax_with_loss(sizes, activation, label_form):
    rng = np.random.default_rng(26)
    network = build_network(sizes, activation, rng, last_activation=False)  # scores, not squashed
    labels = rng.integers(0, sizes[-1], size=7)
    targets = labels if label_form == "indices" else np.eye(sizes[-1])[labels]
    report = gradient_check(network, rng.normal(size=(7, sizes[0])), targets=targets, loss=SoftmaxWithLoss())
    assert_network_agrees(report)


def test_network_without_a_loss_uses_a_fixed_weighting():
    rng = np.random.default_rng(27)
    network = build_network([3, 4, 2], Sigmoid, rng)
    x = rng.normal(size=(2, 3))
    first, second = gradient_check(network, x), gradient_check(network, x)
    assert_network_agrees(first)
    assert first.errors == second.errors  # same seed, same weighting, same verdict


def test_the_checker_agrees_with_the_independent_difference_on_a_network():
    """The report's numerical gradient of a network's weights equals the test's own central difference."""
    rng = np.random.default_rng(28)
    network = build_network([2, 3, 1], Sigmoid, rng)
    inputs, targets = rng.normal(size=(4, 2)), rng.random((4, 1))
    report = gradient_check(network, inputs, targets=targets, loss=SumSquaredError())
    weights = network["affine1"].weights

    def loss_of(w: np.ndarray) -> float:
        kept = weights.copy()
        weights[...] = w
        value = SumSquaredError().forward(network.forward(inputs), targets)
        weights[...] = kept
        return value

    own = central_difference(loss_of, weights.copy())
    np.testing.assert_allclose(report.numeric["affine1.weights"], own, rtol=1e-6)
    np.testing.assert_allclose(report.analytic["affine1.weights"], own, rtol=1e-6)
