"""Layers and graph nodes: every backward against the numerical gradient, and what backward must not do."""

import numpy as np
import pytest

from backprop_lib import Add, Affine, Branch, Mul, ReLU, Sigmoid, gradient_check, numerical_gradient
from backprop_lib.layers import Layer

SHAPES = [(1, 1), (4, 3), (7, 5)]
AFFINE_SIZES = [(1, 1, 1), (4, 2, 3), (6, 7, 2)]  # (batch, inputs, outputs)


def away_from_kink(rng: np.random.Generator, shape) -> np.ndarray:
    """Random entries with |x| in [0.1, 2]: a nudge of 1e-5 never crosses ReLU's kink at 0."""
    return rng.uniform(0.1, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)


def assert_agrees(report) -> None:
    assert report.ok, f"backward disagrees with the numerical gradient:\n{report}"
    assert report.max_error < 1e-7


@pytest.mark.parametrize("shape", SHAPES)
def test_sigmoid_backward_matches_numerical_gradient(shape):
    x = np.random.default_rng(1).normal(0, 2, size=shape)
    assert_agrees(gradient_check(Sigmoid(), x))


@pytest.mark.parametrize("shape", SHAPES)
def test_relu_backward_matches_numerical_gradient(shape):
    x = away_from_kink(np.random.default_rng(2), shape)
    assert_agrees(gradient_check(ReLU(), x))


@pytest.mark.parametrize("batch, n_in, n_out", AFFINE_SIZES)
@pytest.mark.parametrize("with_bias", [True, False])
def test_affine_backward_matches_numerical_gradient(batch, n_in, n_out, with_bias):
    rng = np.random.default_rng(3)
    bias = rng.normal(size=n_out) if with_bias else None
    layer = Affine(rng.normal(size=(n_in, n_out)), bias)
    report = gradient_check(layer, rng.normal(size=(batch, n_in)))
    expected_names = {"input", "weights", "bias"} if with_bias else {"input", "weights"}
    assert set(report.errors) == expected_names
    assert_agrees(report)


@pytest.mark.parametrize("node", [Mul, Add])
@pytest.mark.parametrize("shape", [(), (3,), (2, 4)])
def test_mul_and_add_backward_match_numerical_gradient(node, shape):
    rng = np.random.default_rng(4)
    report = gradient_check(node(), rng.normal(size=shape), rng.normal(size=shape))
    assert set(report.errors) == {"input1", "input2"}
    assert_agrees(report)


def test_apple_shop_of_document_003():
    """2 apples at 100 each, tax 1.1: price 220; backward gives 2.2, 110 and 200."""
    buy_apples, add_tax = Mul("apples"), Mul("tax")
    price = add_tax.forward(buy_apples.forward(100, 2), 1.1)
    grad_apples_cost, grad_tax = add_tax.backward(1.0)
    grad_apple_price, grad_apple_count = buy_apples.backward(grad_apples_cost)
    assert price == pytest.approx(220)
    assert (grad_apple_price, grad_apple_count, grad_tax) == pytest.approx((2.2, 110, 200))


def test_apples_and_oranges_of_document_003():
    """2 apples at 100, 3 oranges at 150, tax 1.1: 715; gradients 2.2, 110, 3.3, 165, 650."""
    apples, oranges, total, tax = Mul(), Mul(), Add(), Mul()
    price = tax.forward(total.forward(apples.forward(100, 2), oranges.forward(150, 3)), 1.1)
    grad_total, grad_tax = tax.backward(1.0)
    grad_apples, grad_oranges = total.backward(grad_total)
    assert price == pytest.approx(715)
    assert apples.backward(grad_apples) == pytest.approx((2.2, 110))
    assert oranges.backward(grad_oranges) == pytest.approx((3.3, 165))
    assert grad_tax == pytest.approx(650)


@pytest.mark.parametrize("shape", [(), (3,), (2, 4)])
def test_branch_backward_adds_both_uses(shape):
    """f(x) = Σ a·first + b·second with (first, second) = branch(x): df/dx = a + b, checked numerically."""
    rng = np.random.default_rng(5)
    x = np.array(rng.normal(size=shape))
    weight_first, weight_second = rng.normal(size=shape), rng.normal(size=shape)
    branch = Branch()

    def f() -> float:
        first, second = branch.forward(x)
        return float(np.sum(weight_first * first + weight_second * second))

    f()
    analytic = branch.backward(weight_first, weight_second)
    numeric = numerical_gradient(f, x)
    np.testing.assert_allclose(analytic, weight_first + weight_second, rtol=0, atol=0)
    np.testing.assert_allclose(numeric, analytic, rtol=1e-8)


def test_sigmoid_values_and_saturation():
    out = Sigmoid().forward(np.array([[0.0, 2.0, -2.0, 40.0, -40.0]]))
    np.testing.assert_allclose(out[0, :3], [0.5, 1 / (1 + np.exp(-2)), 1 / (1 + np.exp(2))], rtol=1e-15)
    assert np.all((out >= 0) & (out <= 1))


def test_relu_forward_and_backward_values():
    relu = ReLU()
    out = relu.forward(np.array([[-1.5, 0.0, 2.5]]))
    np.testing.assert_array_equal(out, [[0.0, 0.0, 2.5]])
    np.testing.assert_array_equal(relu.backward(np.array([[7.0, 8.0, 9.0]])), [[0.0, 0.0, 9.0]])


def test_relu_backward_leaves_the_incoming_gradient_untouched():
    relu = ReLU()
    relu.forward(np.array([[-1.0, 2.0], [3.0, -4.0]]))
    incoming = np.array([[10.0, 20.0], [30.0, 40.0]])
    kept = incoming.copy()
    grad_input = relu.backward(incoming)
    np.testing.assert_array_equal(incoming, kept)
    assert not np.shares_memory(grad_input, incoming)


def test_affine_forward_is_batch_first():
    weights = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    layer = Affine(weights, bias=[0.5, -0.5, 0.0])
    out = layer.forward(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]))
    np.testing.assert_array_equal(out, [[1.5, 1.5, 3.0], [4.5, 4.5, 6.0], [5.5, 6.5, 9.0]])


def test_affine_keeps_its_own_float_copy_of_the_weights():
    given = [[1, 2], [3, 4]]
    layer = Affine(np.array(given), bias=np.array([0, 0]))
    assert layer.weights.dtype == np.float64 and layer.bias.dtype == np.float64
    source = np.array([[1.0, 2.0]])
    layer = Affine(source)
    source[0, 0] = 99.0
    assert layer.weights[0, 0] == 1.0


def test_affine_random_draws_standard_normal_weights_in_order():
    layer = Affine.random(3, 4, np.random.RandomState(7))
    np.testing.assert_array_equal(layer.weights, np.random.RandomState(7).randn(3, 4))
    np.testing.assert_array_equal(layer.bias, np.zeros(4))
    assert Affine.random(3, 4, np.random.RandomState(7), bias=False).bias is None


def test_layer_params_and_grads_are_the_arrays_themselves():
    layer = Affine(np.ones((2, 3)), np.zeros(3))
    layer.forward(np.ones((4, 2)))
    layer.backward(np.ones((4, 3)))
    assert layer.params["weights"] is layer.weights and layer.params["bias"] is layer.bias
    assert layer.grads["weights"] is layer.grad_weights and layer.grads["bias"] is layer.grad_bias
    np.testing.assert_array_equal(layer.grad_weights, np.full((2, 3), 4.0))
    np.testing.assert_array_equal(layer.grad_bias, np.full(3, 4.0))
    assert Sigmoid().params == {} and ReLU().grads == {}


@pytest.mark.parametrize(
    "make_layer, x",
    [
        (Sigmoid, np.random.default_rng(6).normal(size=(4, 3))),
        (ReLU, away_from_kink(np.random.default_rng(6), (4, 3))),
        (
            lambda: Affine(np.random.default_rng(6).normal(size=(3, 2)), np.ones(2)),
            np.random.default_rng(7).normal(size=(4, 3)),
        ),
    ],
)
def test_backward_twice_gives_the_same_gradients(make_layer, x):
    """Layers overwrite their gradients: a second backward does not add to the first."""
    layer = make_layer()
    out = layer.forward(x)
    grad_output = np.random.default_rng(8).normal(size=out.shape)
    first = layer.backward(grad_output)
    first_grads = {name: grad.copy() for name, grad in layer.grads.items()}
    second = layer.backward(grad_output)
    np.testing.assert_array_equal(first, second)
    for name, grad in layer.grads.items():
        np.testing.assert_array_equal(grad, first_grads[name])


def test_nodes_backward_twice_give_the_same_gradients():
    mul, add, branch = Mul(), Add(), Branch()
    mul.forward(3.0, 4.0)
    add.forward(3.0, 4.0)
    branch.forward(3.0)
    assert mul.backward(2.0) == mul.backward(2.0) == (8.0, 6.0)
    assert add.backward(2.0) == add.backward(2.0) == (2.0, 2.0)
    assert branch.backward(1.0, 2.0) == branch.backward(1.0, 2.0) == 3.0


def test_reprs_say_what_the_layer_is():
    assert repr(Affine(np.ones((2, 3)), np.zeros(3), name="hidden")) == "Affine(2→3, with bias, name='hidden')"
    assert repr(Affine(np.ones((2, 1)))) == "Affine(2→1, no bias, name=None)"
    assert repr(Sigmoid(name="s")) == "Sigmoid(name='s')"
    assert repr(ReLU()) == "ReLU(name=None)"
    mul = Mul("apples")
    mul.forward(100, 2)
    assert repr(mul) == "Mul(name='apples', x=100, y=2)"


@pytest.mark.parametrize("layer_class", [Layer, Sigmoid, ReLU, Affine])
def test_every_forward_and_backward_says_its_shapes(layer_class):
    """Issue 13: the Layer base declares forward/backward, and each docstring gives the shapes in and out."""
    for method in (layer_class.forward, layer_class.backward):
        assert "Shapes:" in method.__doc__ and "→" in method.__doc__, method.__qualname__


def test_the_layer_base_refuses_to_run_without_a_forward():
    with pytest.raises(NotImplementedError, match="must define forward"):
        Layer().forward(np.ones((1, 1)))


def test_layers_take_a_nested_list_as_they_take_an_array():
    rows = [[0.5, -1.0], [2.0, 0.0]]
    for make_layer in (lambda: Affine(np.arange(6.0).reshape(2, 3), np.ones(3)), Sigmoid, ReLU):
        from_list, from_array = make_layer(), make_layer()
        out = from_list.forward(rows)
        assert np.array_equal(out, from_array.forward(np.array(rows)))
        grad = np.ones_like(out)
        assert np.array_equal(from_list.backward(grad), from_array.backward(grad))  # Affine kept x as an array
    assert Sigmoid().forward(np.zeros((0, 2))).shape == (0, 2)  # an empty batch, not "argmax of an empty sequence"
