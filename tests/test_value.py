"""Value: scalar autodiff on a computational graph, checked against central differences."""

import math

import pytest

from backprop_lib import Value
from backprop_lib.errors import DomainError


def central_difference(f, x: float, eps: float = 1e-6) -> float:
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def test_each_operation_has_the_right_local_derivative():
    """d/dx of every operation at x = 0.7, against a central difference of the same formula on floats."""
    formulas = {
        "add": (lambda v: v + 2.0, lambda x: x + 2.0),
        "radd": (lambda v: 2.0 + v, lambda x: 2.0 + x),
        "sub": (lambda v: v - 3.0, lambda x: x - 3.0),
        "rsub": (lambda v: 3.0 - v, lambda x: 3.0 - x),
        "mul": (lambda v: v * 4.0, lambda x: x * 4.0),
        "rmul": (lambda v: 4.0 * v, lambda x: 4.0 * x),
        "div": (lambda v: v / 5.0, lambda x: x / 5.0),
        "rdiv": (lambda v: 5.0 / v, lambda x: 5.0 / x),
        "neg": (lambda v: -v, lambda x: -x),
        "pow": (lambda v: v**3, lambda x: x**3),
        "exp": (lambda v: v.exp(), math.exp),
        "log": (lambda v: v.log(), math.log),
        "sigmoid": (lambda v: v.sigmoid(), lambda x: 1 / (1 + math.exp(-x))),
        "relu": (lambda v: v.relu(), lambda x: max(x, 0.0)),
    }
    for name, (on_value, on_float) in formulas.items():
        x = Value(0.7)
        out = on_value(x)
        out.backward()
        assert out.data == pytest.approx(on_float(0.7), rel=1e-15), name
        assert x.grad == pytest.approx(central_difference(on_float, 0.7), rel=1e-8), name


def test_relu_blocks_the_gradient_of_a_negative_input():
    x = Value(-0.5)
    out = x.relu()
    out.backward()
    assert out.data == 0.0 and x.grad == 0.0


def test_a_neuron_of_document_001():
    """x 0.5, w 0.8: z 0.4, ŷ = σ(z) ≈ 0.5987, L = −log ŷ ≈ 0.513, ∂L/∂z ≈ −0.4013, ∂L/∂w ≈ −0.2007."""
    x, w = Value(0.5, label="x"), Value(0.8, label="w")
    z = w * x
    prediction = z.sigmoid()
    loss = -prediction.log()
    loss.backward()
    assert round(z.data, 4) == 0.4
    assert round(prediction.data, 4) == 0.5987
    assert round(loss.data, 3) == 0.513
    assert round(z.grad, 4) == -0.4013
    assert round(w.grad, 4) == -0.2007
    assert z.grad == pytest.approx(prediction.data - 1, rel=1e-12)  # ŷ − y


def test_a_value_used_twice_gets_the_sum_of_both_paths():
    """f = x·x + 3x: df/dx = 2x + 3, the two uses of x in x·x each contribute x."""
    x = Value(2.0)
    f = x * x + 3 * x
    f.backward()
    assert f.data == 10.0
    assert x.grad == 7.0


def test_a_larger_expression_against_central_differences():
    def on_floats(a: float, b: float) -> float:
        c = a * b + math.exp(a - b)
        return (c**2 / (1 + b * b)) * (1 / (1 + math.exp(-(c - a))))

    a, b = Value(0.3), Value(-1.2)
    c = a * b + (a - b).exp()
    out = (c**2 / (1 + b * b)) * (c - a).sigmoid()
    out.backward()
    assert out.data == pytest.approx(on_floats(0.3, -1.2), rel=1e-14)
    assert a.grad == pytest.approx(central_difference(lambda t: on_floats(t, -1.2), 0.3), rel=1e-8)
    assert b.grad == pytest.approx(central_difference(lambda t: on_floats(0.3, t), -1.2), rel=1e-8)


def test_graph_order_puts_every_value_after_its_parents():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    c = a * b
    d = c + a
    out = d * c
    order = out.graph_order()
    assert order[-1] is out
    assert len(order) == len({id(node) for node in order})
    position = {id(node): index for index, node in enumerate(order)}
    for node in order:
        for parent in node.parents:
            assert position[id(parent)] < position[id(node)]
    assert {id(a), id(b), id(c), id(d)} <= set(position)


def test_backward_accumulates_by_design_and_zero_grad_resets():
    """A second backward adds onto the grads still there: y.grad 1 → 2, then x gets 6 + 2·(3 + 3) = 18."""
    x = Value(3.0)
    y = x * x
    y.backward()
    assert x.grad == 6.0
    y.backward()
    assert y.grad == 2.0 and x.grad == 18.0
    y.zero_grad()
    assert x.grad == 0.0 and y.grad == 0.0
    y.backward()
    assert x.grad == 6.0


def test_repr_shows_label_data_and_grad():
    x = Value(0.5, label="x")
    assert repr(x) == "Value(x=0.5, grad=0)"
    (x * 3).backward()
    assert repr(x) == "Value(x=0.5, grad=3)"
    assert repr(Value(1 / 3)) == "Value(0.333333, grad=0)"


def test_sigmoid_far_out_and_exp_too_large_give_numbers_or_a_course_error_not_a_math_error():
    assert Value(-800.0).sigmoid().data == 0.0 and Value(800.0).sigmoid().data == 1.0
    assert Value(-720.0).sigmoid().data == pytest.approx(math.exp(-720.0), rel=1e-12)  # σ(x) = eˣ out there
    with pytest.raises(DomainError, match=r"e to the power 800 is larger than any float"):
        Value(800.0).exp()
    with pytest.raises(DomainError, match=r"expected a positive number, got 0 \("):  # not "-0"
        Value(-0.0).log()
