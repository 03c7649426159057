"""Optimizers against steps computed by hand from their formulas, with explicit numbers."""

import numpy as np
import pytest

from backprop_lib import SGD, Adam, Momentum

FIRST_GRAD = np.array([0.5, -0.25])
SECOND_GRAD = np.array([-0.2, 0.1])


def start() -> dict[str, np.ndarray]:
    return {"layer.weights": np.array([1.0, -2.0])}


def test_sgd_step():
    """w ← w − 0.1·g:  [1 − 0.05, −2 + 0.025]."""
    params = start()
    weights = params["layer.weights"]
    SGD(0.1).step(params, {"layer.weights": FIRST_GRAD})
    assert params["layer.weights"] is weights  # updated in place
    np.testing.assert_allclose(weights, [0.95, -1.975], rtol=1e-15)


def test_momentum_two_steps():
    """v ← 0.9·v − 0.1·g, w ← w + v.

    step 1: v = [−0.05, 0.025],                                  w = [0.95, −1.975]
    step 2: v = 0.9·[−0.05, 0.025] − 0.1·[−0.2, 0.1] = [−0.025, 0.0125],  w = [0.925, −1.9625]
    """
    params = start()
    optimizer = Momentum(learning_rate=0.1, momentum=0.9)
    optimizer.step(params, {"layer.weights": FIRST_GRAD})
    np.testing.assert_allclose(params["layer.weights"], [0.95, -1.975], rtol=1e-15)
    np.testing.assert_allclose(optimizer.velocity["layer.weights"], [-0.05, 0.025], rtol=1e-15)
    optimizer.step(params, {"layer.weights": SECOND_GRAD})
    np.testing.assert_allclose(optimizer.velocity["layer.weights"], [-0.025, 0.0125], rtol=1e-14)
    np.testing.assert_allclose(params["layer.weights"], [0.925, -1.9625], rtol=1e-15)


def test_adam_two_steps():
    """m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²,  m̂ = m/(1−β1ᵗ),  v̂ = v/(1−β2ᵗ),  w ← w − η·m̂/(√v̂ + ε).

    η = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-8; first entry, g = 0.5 then −0.2:
    step 1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25, w = 1 − 0.1·0.5/(0.5 + 1e-8)
    step 2: m = 0.045 − 0.02 = 0.025, v = 0.00024975 + 0.00004 = 0.00028975,
            m̂ = 0.025/0.19, v̂ = 0.00028975/0.001999
    second entry, g = −0.25 then 0.1:
    step 1: m = −0.025, v = 0.0000625, m̂ = −0.25, v̂ = 0.0625, w = −2 + 0.1·0.25/(0.25 + 1e-8)
    step 2: m = −0.0225 + 0.01 = −0.0125, v = 0.0000624375 + 0.00001 = 0.0000724375,
            m̂ = −0.0125/0.19, v̂ = 0.0000724375/0.001999
    """
    params = start()
    optimizer = Adam(learning_rate=0.1, beta1=0.9, beta2=0.999, epsilon=1e-8)
    optimizer.step(params, {"layer.weights": FIRST_GRAD})
    after_first = [1 - 0.1 * 0.5 / (0.5 + 1e-8), -2 + 0.1 * 0.25 / (0.25 + 1e-8)]
    np.testing.assert_allclose(params["layer.weights"], after_first, rtol=1e-15)
    np.testing.assert_allclose(optimizer.first_moment["layer.weights"], [0.05, -0.025], rtol=1e-14)
    np.testing.assert_allclose(optimizer.second_moment["layer.weights"], [0.00025, 0.0000625], rtol=1e-14)

    optimizer.step(params, {"layer.weights": SECOND_GRAD})
    np.testing.assert_allclose(optimizer.first_moment["layer.weights"], [0.025, -0.0125], rtol=1e-13)
    np.testing.assert_allclose(optimizer.second_moment["layer.weights"], [0.00028975, 0.0000724375], rtol=1e-13)
    after_second = [
        after_first[0] - 0.1 * (0.025 / 0.19) / (np.sqrt(0.00028975 / 0.001999) + 1e-8),
        after_first[1] - 0.1 * (-0.0125 / 0.19) / (np.sqrt(0.0000724375 / 0.001999) + 1e-8),
    ]
    np.testing.assert_allclose(params["layer.weights"], after_second, rtol=1e-13)
    # the same numbers, rounded: the second step moves the first entry by about 0.03456
    assert params["layer.weights"][0] == pytest.approx(0.8654394, abs=1e-7)
    assert optimizer.steps == {"layer.weights": 2}


def test_optimizers_keep_state_per_parameter_name():
    params = {"a.weights": np.array([1.0]), "b.weights": np.array([1.0])}
    optimizer = Momentum(learning_rate=0.1, momentum=0.9)
    optimizer.step(params, {"a.weights": np.array([1.0]), "b.weights": np.array([0.0])})
    assert optimizer.velocity["a.weights"][0] == pytest.approx(-0.1)
    assert optimizer.velocity["b.weights"][0] == 0.0
    np.testing.assert_array_equal(params["b.weights"], [1.0])


def test_every_optimizer_lowers_a_quadratic():
    """On ½‖w‖², whose gradient is w, 50 steps bring w from ‖w‖ = 5 to within 0.5 of the minimum at 0."""
    for optimizer in (SGD(0.1), Momentum(0.05), Adam(0.1)):
        params = {"w": np.array([3.0, -4.0])}
        for _ in range(50):
            optimizer.step(params, {"w": params["w"].copy()})
        assert np.linalg.norm(params["w"]) < 0.5, optimizer


def test_reprs():
    assert repr(SGD(0.5)) == "SGD(learning_rate=0.5)"
    assert repr(Momentum()) == "Momentum(learning_rate=0.01, momentum=0.9)"
    assert repr(Adam()) == "Adam(learning_rate=0.001, beta1=0.9, beta2=0.999)"
