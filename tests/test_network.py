"""Network: layer names, parameter and gradient names, lookup, forward and backward order."""

import numpy as np
import pytest

from backprop_lib import Affine, Network, ReLU, Sigmoid, SumSquaredError


def small_network() -> Network:
    rng = np.random.RandomState(30)
    return Network([Affine.random(2, 3, rng), Sigmoid(), Affine.random(3, 1, rng, bias=False), Sigmoid()])


def test_layers_are_named_by_kind_and_position():
    network = small_network()
    assert [layer.name for layer in network.layers] == ["affine1", "sigmoid1", "affine2", "sigmoid2"]


def test_given_names_are_kept_and_counting_goes_on():
    network = Network([Affine(np.ones((2, 2)), name="hidden"), ReLU(), Affine(np.ones((2, 1))), ReLU("out")])
    assert [layer.name for layer in network.layers] == ["hidden", "relu1", "affine2", "out"]


def test_params_and_grads_are_named_layer_dot_parameter():
    network = small_network()
    assert list(network.params) == ["affine1.weights", "affine1.bias", "affine2.weights"]
    assert network.params["affine1.weights"] is network["affine1"].weights  # the arrays, not copies
    assert network.params["affine1.bias"] is network["affine1"].bias
    network.forward(np.ones((4, 2)))
    network.backward(np.ones((4, 1)))
    grads = network.grads
    assert list(grads) == list(network.params)
    assert grads["affine2.weights"] is network["affine2"].grad_weights
    for name, param in network.params.items():
        assert grads[name].shape == param.shape


def test_lookup_by_name():
    network = small_network()
    assert network["sigmoid2"] is network.layers[3]
    with pytest.raises(KeyError) as error:
        network["affine3"]
    message = str(error.value)
    assert "'affine3'" in message
    assert "['affine1', 'sigmoid1', 'affine2', 'sigmoid2']" in message


def test_forward_runs_the_layers_in_order_and_backward_in_reverse():
    network = small_network()
    x = np.random.default_rng(31).normal(size=(5, 2))
    expected = x
    for layer in network.layers:
        expected = layer.forward(expected)
    np.testing.assert_array_equal(network.forward(x), expected)
    np.testing.assert_array_equal(network(x), expected)
    grad = np.random.default_rng(32).normal(size=(5, 1))
    expected_grad = grad
    for layer in reversed(network.layers):
        expected_grad = layer.backward(expected_grad)
    np.testing.assert_array_equal(network.backward(grad), expected_grad)


def test_network_backward_twice_gives_the_same_gradients():
    network = small_network()
    loss = SumSquaredError()
    loss.forward(network.forward(np.random.default_rng(33).normal(size=(4, 2))), np.ones((4, 1)))
    network.backward(loss.backward())
    first = {name: grad.copy() for name, grad in network.grads.items()}
    network.backward(loss.backward())
    for name, grad in network.grads.items():
        np.testing.assert_array_equal(grad, first[name])


class Doubler:
    """A learner's own layer without the Layer base class and without parameters."""

    name = None

    def forward(self, x):
        return 2 * x

    def backward(self, grad_output):
        return 2 * grad_output


def test_a_layer_without_parameters_needs_no_param_names():
    network = Network([Affine(np.ones((2, 1))), Doubler()])
    assert network.layers[1].name == "doubler1"
    assert list(network.params) == ["affine1.weights"]
    np.testing.assert_array_equal(network.forward(np.array([[1.0, 2.0]])), [[6.0]])
    network.backward(np.array([[1.0]]))
    np.testing.assert_array_equal(network.grads["affine1.weights"], [[2.0], [4.0]])


def test_repr_lists_the_layers():
    assert repr(small_network()) == (
        "Network([\n"
        "  Affine(2→3, with bias, name='affine1'),\n"
        "  Sigmoid(name='sigmoid1'),\n"
        "  Affine(3→1, no bias, name='affine2'),\n"
        "  Sigmoid(name='sigmoid2')\n"
        "])"
    )
