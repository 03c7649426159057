"""Edge cases found by comparing the library with an independent autodiff library (issue 14).

Each test failed before its fix: broadcast gradients of Mul and Add, the corners of Value
(tanh, powers, very deep graphs), Adam's per-parameter step count, arrays shared with the
caller, Sigmoid at extreme inputs, and CrossEntropy's documented gradient.
"""

import math
import warnings

import numpy as np
import pytest

from backprop_lib import (
    Adam,
    Add,
    Affine,
    Branch,
    CourseError,
    CrossEntropy,
    MeanSquaredError,
    Mul,
    ReLU,
    Sigmoid,
    SoftmaxWithLoss,
    SumSquaredError,
    Value,
    numerical_gradient,
)
from backprop_lib.errors import DomainError
from backprop_lib.nodes import sum_to_shape


def central_difference(f, x: float, eps: float = 1e-6) -> float:
    return (f(x + eps) - f(x - eps)) / (2 * eps)


# ---- 1. Mul and Add: the gradient of a broadcast input is summed back to its shape ----------------


def test_sum_to_shape_by_hand():
    """grad = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]] summed back to four input shapes."""
    grad = np.arange(12.0).reshape(4, 3)
    np.testing.assert_array_equal(sum_to_shape(grad, (3,)), [18.0, 22.0, 26.0])  # rows added
    np.testing.assert_array_equal(sum_to_shape(grad, (1, 3)), [[18.0, 22.0, 26.0]])  # kept as a row
    np.testing.assert_array_equal(sum_to_shape(grad, (4, 1)), [[3.0], [12.0], [21.0], [30.0]])
    assert sum_to_shape(grad, ()) == 66.0 and isinstance(sum_to_shape(grad, ()), float)
    assert sum_to_shape(grad, (4, 3)) is grad  # nothing to sum
    np.testing.assert_array_equal(sum_to_shape(2.0, (2, 2)), [[2.0, 2.0], [2.0, 2.0]])  # a scalar seed


BROADCAST_PAIRS = [((3,), (4, 3)), ((4, 1), (1, 3)), ((), (2, 3)), ((2, 1, 3), (4, 1))]


@pytest.mark.parametrize("node", [Mul, Add])
@pytest.mark.parametrize("x_shape, y_shape", BROADCAST_PAIRS)
def test_broadcast_inputs_get_gradients_of_their_own_shape(node, x_shape, y_shape):
    """L = Σ G ⊙ node(x, y) for a random G of the output's shape, against central differences."""
    rng = np.random.default_rng(14)
    x, y = rng.normal(size=x_shape), rng.normal(size=y_shape)
    grad_output = rng.normal(size=np.broadcast_shapes(x_shape, y_shape))
    graph = node()
    graph.forward(x, y)
    grad_x, grad_y = graph.backward(grad_output)
    assert np.shape(grad_x) == x_shape and np.shape(grad_y) == y_shape

    def loss() -> float:
        return float(np.sum(grad_output * node().forward(x, y)))

    np.testing.assert_allclose(grad_x, numerical_gradient(loss, x), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(grad_y, numerical_gradient(loss, y), rtol=1e-7, atol=1e-9)


def test_a_bias_added_to_every_row_collects_the_gradient_of_every_row():
    """out = x (4, 3) + b (3,), seed 1: each bias entry was used by 4 rows, so its gradient is 4."""
    add = Add()
    add.forward(np.zeros((4, 3)), np.array([0.5, -1.0, 2.0]))
    grad_x, grad_bias = add.backward(1.0)
    np.testing.assert_array_equal(grad_x, np.ones((4, 3)))
    np.testing.assert_array_equal(grad_bias, [4.0, 4.0, 4.0])


def test_apple_shop_numbers_keep_their_plain_types():
    """Scalars in, scalars out: the document's 2.2, 110 and 200 are untouched by the broadcast rule."""
    buy_apples, add_tax = Mul("apples"), Mul("tax")
    add_tax.forward(buy_apples.forward(100, 2), 1.1)
    grad_apples_cost, grad_tax = add_tax.backward(1.0)
    assert (grad_apples_cost, grad_tax) == (1.1, 200)
    grads = buy_apples.backward(grad_apples_cost)
    assert grads == (2.2, 110.00000000000001)
    assert all(type(grad) is float for grad in (grad_apples_cost, grad_tax, *grads))


# ---- 2. Value: tanh, powers, deep graphs ----------------------------------------------------------


def test_tanh_value_and_derivative():
    for x in (-3.0, -0.4, 0.0, 0.7, 2.5):
        v = Value(x)
        out = v.tanh()
        out.backward()
        assert out.data == math.tanh(x)
        assert v.grad == pytest.approx(1 - math.tanh(x) ** 2, rel=1e-15, abs=1e-300)
        assert v.grad == pytest.approx(central_difference(math.tanh, x), rel=1e-7, abs=1e-12)


def test_value_to_the_power_of_a_value():
    """a ** b at a = 2, b = 3: 8; d/da = b·a^(b−1) = 12; d/db = a^b·ln a = 8 ln 2."""
    a, b = Value(2.0), Value(3.0)
    out = a**b
    out.backward()
    assert out.data == 8.0
    assert a.grad == 12.0
    assert b.grad == pytest.approx(8 * math.log(2), rel=1e-15)


def test_a_number_to_the_power_of_a_value():
    """2 ** x at x = 0.5: √2, derivative √2 · ln 2, against central differences."""
    x = Value(0.5)
    out = 2**x
    out.backward()
    assert out.data == pytest.approx(math.sqrt(2), rel=1e-15)
    assert x.grad == pytest.approx(central_difference(lambda t: 2**t, 0.5), rel=1e-8)


@pytest.mark.parametrize("base", [0.0, -2.0])
def test_value_exponent_needs_a_positive_base(base):
    with pytest.raises(DomainError) as error:
        Value(base) ** Value(0.5)
    message = str(error.value)
    assert isinstance(error.value, CourseError) and isinstance(error.value, ValueError)
    assert "positive base" in message and f"got {base:g}" in message  # expected, given
    assert "plain number" in message  # how to fix


def test_zero_to_the_power_half_is_zero_with_an_infinite_slope():
    """√x at 0: value 0, and the slope of √x grows without bound as x → 0⁺ (as PyTorch reports: inf)."""
    x = Value(0.0)
    out = x**0.5
    out.backward()
    assert out.data == 0.0
    assert x.grad == math.inf


def test_zero_to_the_power_zero_is_one_with_zero_slope():
    """x ** 0 is the constant 1 for every x, 0 included: value 1, derivative 0."""
    x = Value(0.0)
    out = x**0
    out.backward()
    assert out.data == 1.0 and x.grad == 0.0


def test_zero_to_a_negative_power_says_it_divides_by_zero():
    with pytest.raises(DomainError) as error:
        Value(1.0) / Value(0.0)
    message = str(error.value)
    assert "divides by zero" in message and "got 0" in message and "-1" in message


def test_a_negative_base_to_a_fractional_power_is_refused():
    """(−8) ** (1/3) is not a real number in floating point (Python would return a complex one)."""
    with pytest.raises(DomainError, match="negative base"):
        Value(-8.0) ** (1 / 3)
    cube = Value(-2.0) ** 3  # whole exponents of negative numbers are fine
    cube.backward()
    assert cube.data == -8.0


DEPTH = 100_000


def test_backward_through_a_sum_of_100000_terms():
    """loss = Σ wᵢ·xᵢ built with +, one term at a time (a graph 100,000 additions deep): ∂loss/∂wᵢ = xᵢ."""
    xs = [0.001 * (i % 1000) for i in range(DEPTH)]
    weights = [Value(1.0) for _ in range(DEPTH)]
    loss = sum(w * x for w, x in zip(weights, xs))
    loss.backward()
    assert loss.data == pytest.approx(sum(xs), rel=1e-12)
    assert [w.grad for w in weights] == xs


def test_backward_through_a_chain_of_100000_operations():
    """y = x·c·c·…·c (100,000 factors c = 1 + 1e-5): dy/dx = c^100000 ≈ e, and zero_grad reaches x too."""
    c = 1 + 1e-5
    x = Value(1.0)
    y = x
    for _ in range(DEPTH):
        y = y * c
    y.backward()
    assert x.grad == pytest.approx(c**DEPTH, rel=1e-9)
    assert x.grad == pytest.approx(math.e, rel=1e-4)
    y.zero_grad()
    assert x.grad == 0.0


def test_graph_order_is_the_depth_first_order():
    """Parents in the order they were given, each node after its parents: the order lesson 01 prints."""
    x = Value(2.0, label="x")
    three = Value(3.0, label="3")
    y = three * x
    y.label = "y"
    y_squared = y * y
    L = y_squared + y
    assert L.graph_order() == [three, x, y, y_squared, L]


# ---- 3. Adam: one step count per parameter --------------------------------------------------------


def test_adam_counts_steps_per_parameter():
    """Parameter b joins at the second step: its first step must be bias-corrected as a first step.

    β1 = 0.9, β2 = 0.999, η = 0.1, ε = 1e-8, g_b = 0.5 on its first step:
    m = 0.05, v = 0.00025, m̂ = 0.05/(1 − 0.9) = 0.5, v̂ = 0.00025/(1 − 0.999) = 0.25,
    b = 1 − 0.1·0.5/(√0.25 + 1e-8).  With the shared count t = 2 it would move only about 0.0744.
    """
    optimizer = Adam(learning_rate=0.1, beta1=0.9, beta2=0.999, epsilon=1e-8)
    a = np.array([1.0])
    optimizer.step({"a": a}, {"a": np.array([0.5])})
    b = np.array([1.0])
    optimizer.step({"a": a, "b": b}, {"a": np.array([-0.2]), "b": np.array([0.5])})
    np.testing.assert_allclose(b, [1 - 0.1 * 0.5 / (0.5 + 1e-8)], rtol=1e-15)
    # a took its second step: m = 0.025, v = 0.00028975, m̂ = 0.025/0.19, v̂ = 0.00028975/0.001999
    a_after_first = 1 - 0.1 * 0.5 / (0.5 + 1e-8)
    expected_a = a_after_first - 0.1 * (0.025 / 0.19) / (math.sqrt(0.00028975 / 0.001999) + 1e-8)
    np.testing.assert_allclose(a, [expected_a], rtol=1e-13)
    assert optimizer.steps == {"a": 2, "b": 1}


# ---- 4. Returned arrays belong to the caller ------------------------------------------------------


def _targets_for(loss):
    return (
        np.array([0, 2])
        if isinstance(loss, (CrossEntropy, SoftmaxWithLoss))
        else np.array([[0.5, -1.0, 0.0], [1.0, 0.0, 2.0]])
    )


@pytest.mark.parametrize("loss", [SumSquaredError(), MeanSquaredError(), CrossEntropy(), SoftmaxWithLoss()])
def test_a_loss_gradient_changed_by_the_caller_leaves_the_next_one_alone(loss):
    outputs = np.array([[0.2, 0.3, 0.5], [0.6, 0.1, 0.3]])
    loss.forward(outputs, _targets_for(loss))
    first = loss.backward()
    expected = first.copy()
    first *= 10  # e.g. scaling a gradient in place
    np.testing.assert_array_equal(loss.backward(), expected)


def _layers():
    return [
        Sigmoid(),
        ReLU(),
        Affine(np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [0.0, 1.0, 1.0]]), np.array([0.1, 0.2, 0.3])),
    ]


@pytest.mark.parametrize("layer", _layers(), ids=lambda layer: type(layer).__name__)
def test_a_layer_output_changed_by_the_caller_leaves_backward_alone(layer):
    x = np.array([[0.5, -1.5, 2.0], [-0.25, 1.0, 3.0]])
    grad_output = np.array([[1.0, -2.0, 0.5], [0.3, 0.7, -1.1]])
    out = layer.forward(x)
    expected = layer.backward(grad_output).copy()
    out[...] = 123.0  # the caller reuses the output array
    np.testing.assert_array_equal(layer.backward(grad_output), expected)


@pytest.mark.parametrize("layer", _layers(), ids=lambda layer: type(layer).__name__)
def test_a_layer_gradient_changed_by_the_caller_leaves_the_next_one_alone(layer):
    x = np.array([[0.5, -1.5, 2.0], [-0.25, 1.0, 3.0]])
    grad_output = np.array([[1.0, -2.0, 0.5], [0.3, 0.7, -1.1]])
    layer.forward(x)
    first = layer.backward(grad_output)
    expected = first.copy()
    expected_params = {name: grad.copy() for name, grad in layer.grads.items()}
    first *= 10
    for grad in layer.grads.values():
        grad *= 10
    np.testing.assert_array_equal(layer.backward(grad_output), expected)
    for name, grad in layer.grads.items():
        np.testing.assert_array_equal(grad, expected_params[name])
    np.testing.assert_array_equal(grad_output, [[1.0, -2.0, 0.5], [0.3, 0.7, -1.1]])  # input untouched


@pytest.mark.parametrize("node", [Mul, Add])
def test_node_gradients_changed_by_the_caller_leave_the_next_ones_alone(node):
    graph = node()
    graph.forward(np.array([1.0, 2.0, 3.0]), np.array([[4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]))
    grad_output = np.array([[1.0, -1.0, 2.0], [0.5, 0.5, 0.5]])
    grad_x, grad_y = graph.backward(grad_output)
    expected = grad_x.copy(), grad_y.copy()
    grad_x *= 10
    grad_y *= 10
    again = graph.backward(grad_output)
    np.testing.assert_array_equal(again[0], expected[0])
    np.testing.assert_array_equal(again[1], expected[1])


def test_branch_gradient_is_a_new_array():
    branch = Branch()
    branch.forward(np.ones(3))
    grad_first, grad_second = np.array([1.0, 2.0, 3.0]), np.array([0.5, 0.5, 0.5])
    total = branch.backward(grad_first, grad_second)
    total *= 10
    np.testing.assert_array_equal(branch.backward(grad_first, grad_second), [1.5, 2.5, 3.5])


def test_affine_keeps_a_reference_to_its_input_by_design():
    """The documented teaching choice: Affine keeps the batch itself (no copy), so x changed between
    forward and backward changes grad_weights. This test states the behaviour the docstring promises."""
    layer = Affine(np.ones((2, 1)))
    x = np.array([[1.0, 2.0]])
    layer.forward(x)
    x *= 3
    layer.backward(np.array([[1.0]]))
    np.testing.assert_array_equal(layer.grad_weights, [[3.0], [6.0]])
    assert "reference" in Affine.__doc__


# ---- 5. Sigmoid at extreme inputs -----------------------------------------------------------------


def test_sigmoid_of_very_negative_inputs_gives_no_overflow_warning():
    """σ(x) = e^x / (1 + e^x) = e^x (to double precision) below −709, where e^(−x) overflows."""
    x = np.array([[-710.0, -740.0, -1000.0, -np.inf, 0.0]])
    layer = Sigmoid()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = layer.forward(x)
        grad = layer.backward(np.ones_like(x))
    np.testing.assert_allclose(out, [[math.exp(-710), math.exp(-740), 0.0, 0.0, 0.5]], rtol=1e-12, atol=0)
    np.testing.assert_allclose(grad, [[math.exp(-710), math.exp(-740), 0.0, 0.0, 0.25]], rtol=1e-12, atol=0)


def test_sigmoid_backward_keeps_relative_precision_for_large_inputs():
    """σ'(x) = e^(−x) / (1 + e^(−x))²; at x = 40 the plain σ(1 − σ) gives 0 because σ rounds to 1."""
    x = np.array([[16.0, 20.0, 30.0, 40.0, 700.0, 800.0]])
    layer = Sigmoid()
    layer.forward(x)
    grad = layer.backward(np.ones_like(x))
    exact = [math.exp(-t) / (1 + math.exp(-t)) ** 2 for t in x[0]]
    np.testing.assert_allclose(grad[0], exact, rtol=1e-14, atol=0)


def test_sigmoid_is_bit_identical_to_the_plain_formula_for_ordinary_inputs():
    """The lessons' numbers and the benchmark's bit-identical weights depend on this: every |x| ≤ 15 gets
    the plain formulas' bits, in an ordinary batch and in a batch where other entries are extreme."""
    rng = np.random.default_rng(5)
    ordinary = rng.uniform(-15, 15, size=(200, 3))
    grad_output = rng.normal(size=(200, 4))
    plain_out = 1 / (1 + np.exp(-ordinary))
    plain_grad = grad_output[:, :3] * (plain_out * (1 - plain_out))
    layer = Sigmoid()
    np.testing.assert_array_equal(layer.forward(ordinary), plain_out)
    np.testing.assert_array_equal(layer.backward(grad_output[:, :3]), plain_grad)
    mixed = np.hstack([ordinary, rng.choice([-800.0, -30.0, 30.0, 800.0], size=(200, 1))])
    np.testing.assert_array_equal(layer.forward(mixed)[:, :3], plain_out)
    np.testing.assert_array_equal(layer.backward(grad_output)[:, :3], plain_grad)


def test_a_sigmoid_subclass_that_only_sets_out_still_backpropagates():
    """Lesson 03 rewrites forward as (1 + tanh(x/2)) / 2 and keeps only ``out``: backward must use just that."""

    class TanhSigmoid(Sigmoid):
        def forward(self, x):
            self.out = (1 + np.tanh(x / 2)) / 2
            return self.out

    layer = TanhSigmoid()
    out = layer.forward(np.array([[0.3, -2.0]]))
    np.testing.assert_array_equal(layer.backward(np.ones((1, 2))), out * (1 - out))


# ---- 6. CrossEntropy says what it computes --------------------------------------------------------


def test_cross_entropy_gradient_is_the_documented_formula():
    """dL/dp = −t / ((p + 1e-12)·N): finite, −1e12/N, where the true class got probability 0."""
    loss = CrossEntropy()
    probabilities = np.array([[0.0, 1.0], [0.25, 0.75]])
    loss.forward(probabilities, np.array([0, 1]))
    grad = loss.backward()
    np.testing.assert_array_equal(grad, [[-1 / (1e-12 * 2), -0.0], [-0.0, -1 / ((0.75 + 1e-12) * 2)]])
    for doc in (CrossEntropy.__doc__, CrossEntropy.backward.__doc__):
        assert "(p + 1e-12)" in doc, doc
