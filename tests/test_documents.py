"""The documents' starting points reproduce what the documents print, in the precision they print it.

Document 002 prints numpy arrays with numpy's default print options and losses with ``:.4f``;
the expected texts below are copied from the document. The single layer's shrinking weights are
compared rounded to 13 decimals: below that they are rounding noise that differs between numpy
versions and processors. Each network is trained once per module.
"""

from decimal import Decimal

import numpy as np
import pytest

from backprop_lib import (
    SGD,
    MeanSquaredError,
    SumSquaredError,
    document_000_start,
    document_002_start,
    document_004_numbers,
    document_004_start,
    train,
    xor_data,
)
from backprop_lib.documents import DOCUMENT_004_WEIGHTS


def printed(array: np.ndarray) -> str:
    """The text ``print(array)`` shows with numpy's default print options (as in the documents)."""
    with np.printoptions(precision=8, floatmode="maxprec", suppress=False, linewidth=75):
        return np.array2string(np.asarray(array))


def train_like_document_002(network, **options):
    """Document 002's recipe: the gradient of ½Σ(t − o)², the mean squared error reported, η = 0.1."""
    inputs, targets = xor_data()
    return train(
        network,
        inputs,
        targets,
        loss=SumSquaredError(),
        monitor=MeanSquaredError(),
        optimizer=SGD(0.1),
        epochs=10_000,
        **options,
    )


@pytest.fixture(scope="module")
def single_layer_run():
    network = document_002_start().single_layer
    return network, train_like_document_002(network, snapshot_every=1000)


@pytest.fixture(scope="module")
def two_layer_run():
    network = document_002_start().two_layer
    return network, train_like_document_002(network)


@pytest.fixture(scope="module")
def homework_run():
    network = document_002_start().homework
    return network, train_like_document_002(network)


def test_xor_data():
    inputs, targets = xor_data()
    np.testing.assert_array_equal(inputs, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(targets, [[0], [1], [1], [0]])
    assert inputs.dtype == targets.dtype == np.float64


def test_document_002_initial_two_layer_weights():
    start = document_002_start()
    assert printed(start.two_layer["affine1"].weights) == (
        "[[ 0.64768854  1.52302986 -0.23415337]\n [-0.23413696  1.57921282  0.76743473]]"
    )
    np.testing.assert_allclose(
        start.two_layer["affine1"].weights,
        [[0.64768854, 1.52302986, -0.23415337], [-0.23413696, 1.57921282, 0.76743473]],
        atol=5e-9,
    )
    for network in start:
        for name, param in network.params.items():
            if name.endswith(".bias"):
                np.testing.assert_array_equal(param, 0.0)


def test_document_002_draws_one_stream_in_order():
    """single_layer (2×1), two_layer (2×3, 3×1), homework (2×3, 3×3, 3×1): one RandomState(42) in turn."""
    rng = np.random.RandomState(42)
    expected = [rng.randn(*shape) for shape in [(2, 1), (2, 3), (3, 1), (2, 3), (3, 3), (3, 1)]]
    start = document_002_start()
    drawn = [param for network in start for name, param in network.params.items() if name.endswith("weights")]
    assert len(drawn) == len(expected)
    for got, want in zip(drawn, expected):
        np.testing.assert_array_equal(got, want)


# Document 002's single-layer log: W1 and b1 as printed after the updates of epochs 0, 1000, … 9000.
DOCUMENT_002_SINGLE_LAYER = {
    0: ("0.49135794", "-0.13921903", "-0.0045571"),
    1000: ("0.00273374", "0.00150596", "-0.00251337"),
    2000: ("4.27351493e-05", "4.04095738e-05", "-4.93102057e-05"),
    3000: ("8.18041359e-07", "8.13639082e-07", "-9.67701081e-07"),
    4000: ("1.60149174e-08", "1.60065840e-08", "-1.89910024e-08"),
    5000: ("3.14216711e-10", "3.14200937e-10", "-3.72695867e-10"),
    6000: ("6.16628951e-12", "6.16626961e-12", "-7.31408398e-12"),
    7000: ("1.20978037e-13", "1.20977565e-13", "-1.43525393e-13"),
    8000: ("2.35625830e-15", "2.35578642e-15", "-2.83238003e-15"),
    9000: ("2.46834548e-16", "2.46362677e-16", "-3.31602665e-16"),
}
# Rounding moves these weights by up to about 1e-16 whatever their size, differently between numpy
# versions and processors (lessons 03, section 4): 1.60065840e-08 at epoch 4000 is 1.60065841e-08
# under numpy 1.26 or without AVX-512. The lesson prints them rounded to 13 decimals, a thousand
# times that noise; the document's own digits rounded the same way must give the same text.
DECIMALS_KEPT = 13
ROUNDING_NOISE = Decimal("1e-15")  # ten times the largest difference seen between numpy versions and processors


def lesson_line(weights: np.ndarray, bias: np.ndarray) -> str:
    """The line lessons/03_xor.ipynb prints for the single layer: W1 and b1 rounded to 13 decimals."""
    return (
        f"W1: {printed(np.ravel(weights).round(DECIMALS_KEPT))}, "
        f"b1: {printed(np.reshape(bias, (1, 1)).round(DECIMALS_KEPT))}"
    )


def test_document_002_single_layer(single_layer_run):
    network, history = single_layer_run
    losses = [f"{history.losses[epoch]:.4f}" for epoch in range(0, 10_000, 1000)]
    assert losses == ["0.2563"] + ["0.2500"] * 9
    lines = {
        epoch: lesson_line(snapshot["affine1.weights"], snapshot["affine1.bias"])
        for epoch, snapshot in history.snapshots.items()
    }
    assert lines[0] == "W1: [ 0.49135794 -0.13921903], b1: [[-0.0045571]]"
    assert lines[2000] == "W1: [4.27351493e-05 4.04095738e-05], b1: [[-4.93102057e-05]]"
    assert lines[3000] == "W1: [8.180414e-07 8.136391e-07], b1: [[-9.677011e-07]]"
    assert lines[4000] == "W1: [1.60149e-08 1.60066e-08], b1: [[-1.8991e-08]]"
    for epoch in range(0, 7000, 1000):  # from epoch 7000 on the weights are below 1e-12: no digit left
        *weights, bias = (float(text) for text in DOCUMENT_002_SINGLE_LAYER[epoch])
        assert lines[epoch] == lesson_line(np.array(weights), np.array(bias)), epoch
    assert printed(history.outputs) == "[[0.5]\n [0.5]\n [0.5]\n [0.5]]"


def test_document_002_single_layer_weights_differ_from_the_document_only_by_rounding(single_layer_run):
    """Every weight the document prints, epochs 0–9000, is ours to its printed digits, give or take the noise."""
    _, history = single_layer_run
    for epoch, texts in DOCUMENT_002_SINGLE_LAYER.items():
        snapshot = history.snapshots[epoch]
        for ours, text in zip(np.append(snapshot["affine1.weights"], snapshot["affine1.bias"]), texts):
            document = Decimal(text)
            half_digit = Decimal(1).scaleb(document.as_tuple().exponent) / 2
            assert abs(Decimal(float(ours)) - document) <= half_digit + ROUNDING_NOISE, (epoch, text, ours)


DOCUMENT_002_PRINTS = {  # "Epoch k/10000, Loss: …" every 1000 epochs, then print(a) of the last forward pass
    "two_layer_run": (
        ["0.2440", "0.1881", "0.0920", "0.0313", "0.0149", "0.0092", "0.0065", "0.0049", "0.0040", "0.0033"],
        "[[0.02224667]\n [0.94486905]\n [0.94514992]\n [0.06836053]]",
    ),
    "homework_run": (
        ["0.2892", "0.2492", "0.2442", "0.2191", "0.1803", "0.1519", "0.1029", "0.0123", "0.0047", "0.0027"],
        "[[0.0281708 ]\n [0.95702334]\n [0.95697581]\n [0.05356113]]",
    ),
}


@pytest.mark.parametrize("run_name", DOCUMENT_002_PRINTS)
def test_document_002_losses_and_outputs(run_name, request):
    _, history = request.getfixturevalue(run_name)
    losses, outputs = DOCUMENT_002_PRINTS[run_name]
    assert [f"{history.losses[epoch]:.4f}" for epoch in range(0, 10_000, 1000)] == losses
    assert printed(history.outputs) == outputs


def test_document_002_two_layer_final_weights(two_layer_run):
    network, _ = two_layer_run
    assert printed(network["affine1"].weights) == (
        "[[ 5.78947689  5.61073991 -2.66391388]\n [-2.47555936  5.6326184   5.82295068]]"
    )


def test_document_004_forward_pass():
    inputs, targets, network = document_004_start()
    np.testing.assert_array_equal(inputs, [[0.1, 0.2]])
    np.testing.assert_array_equal(targets, [[0.4, 0.6]])
    hidden_sums = network["hidden"].forward(inputs)
    hidden = network["hidden_sigmoid"].forward(hidden_sums)
    output_sums = network["output"].forward(hidden)
    outputs = network["output_sigmoid"].forward(output_sums)
    as_printed = [f"{value:.8f}" for value in [*hidden_sums[0], *hidden[0], *output_sums[0], *outputs[0]]]
    assert as_printed == [
        "0.08000000",
        "0.11000000",
        "0.51998934",
        "0.52747230",
        "0.44498412",
        "0.68047592",
        "0.60944600",
        "0.66384491",
    ]
    np.testing.assert_array_equal(network.forward(inputs), outputs)
    error_o1 = SumSquaredError().forward(outputs[:, :1], targets[:, :1])
    error_o2 = SumSquaredError().forward(outputs[:, 1:], targets[:, 1:])
    error_total = SumSquaredError().forward(outputs, targets)
    assert [f"{e:.8f}" for e in (error_o1, error_o2, error_total)] == ["0.02193381", "0.00203809", "0.02397190"]


def test_document_004_numbers_are_the_documents_and_fresh_on_every_call():
    inputs, targets, weights = document_004_numbers()
    np.testing.assert_array_equal(inputs, [[0.1, 0.2]])
    np.testing.assert_array_equal(targets, [[0.4, 0.6]])
    assert weights == {"W1": 0.3, "W2": 0.25, "W3": 0.4, "W4": 0.35, "W5": 0.45, "W6": 0.4, "W7": 0.7, "W8": 0.6}
    weights["W1"] = 99.0
    inputs[0, 0] = 99.0
    again = document_004_numbers()
    assert again.weights["W1"] == 0.3 and again.inputs[0, 0] == 0.1


def test_document_004_weights_sit_where_the_document_draws_them():
    """Column j of each matrix holds the weights into unit j.

    Hidden [[W1, W3], [W2, W4]], output [[W5, W7], [W6, W8]].
    """
    _, _, network = document_004_start()
    w = DOCUMENT_004_WEIGHTS
    np.testing.assert_array_equal(network["hidden"].weights, [[w["W1"], w["W3"]], [w["W2"], w["W4"]]])
    np.testing.assert_array_equal(network["output"].weights, [[w["W5"], w["W7"]], [w["W6"], w["W8"]]])
    assert network["hidden"].bias is None and network["output"].bias is None


def test_document_004_first_step_for_w5():
    """∂E/∂o1 0.20944600, ∂o1/∂z3 0.23802157, ∂E/∂W5 0.02592286, and W5+ 0.43703857 with η = 0.5."""
    inputs, targets, network = document_004_start()
    loss = SumSquaredError()
    outputs = network.forward(inputs)
    loss.forward(outputs, targets)
    grad_outputs = loss.backward()
    network.backward(grad_outputs)
    o1 = outputs[0, 0]
    assert f"{grad_outputs[0, 0]:.8f}" == "0.20944600"
    assert f"{o1 * (1 - o1):.8f}" == "0.23802157"
    assert f"{network['output'].grad_weights[0, 0]:.8f}" == "0.02592286"
    SGD(0.5).step(network.params, network.grads)
    assert f"{network['output'].weights[0, 0]:.8f}" == "0.43703857"


def test_document_000_start():
    """Seed 42: X = rand(100, 3), Y = rand(100, 1); seed 42 again: W1 = randn(3, 5), W2 = randn(5, 1)."""
    inputs, targets, network = document_000_start()
    data = np.random.RandomState(42)
    np.testing.assert_array_equal(inputs, data.rand(100, 3))
    np.testing.assert_array_equal(targets, data.rand(100, 1))
    weights = np.random.RandomState(42)
    np.testing.assert_array_equal(network["affine1"].weights, weights.randn(3, 5))
    np.testing.assert_array_equal(network["affine2"].weights, weights.randn(5, 1))
    assert [layer.name for layer in network.layers] == ["affine1", "relu1", "affine2", "relu2"]
    # the cost printed at iteration 0: 0.29617825471294423, reproducible to about 15 digits
    cost = MeanSquaredError().forward(network.forward(inputs), targets)
    assert cost == pytest.approx(0.29617825471294423, abs=1e-15)


def test_the_apple_shop_is_computed_in_the_library():
    """Document 003: 2 apples at 100 with tax 1.1 cost 220; with 3 oranges at 150, 715 (to rounding)."""
    from backprop_lib.documents import apple_shop
    from backprop_lib.errors import SettingError

    shop = apple_shop(100, 2, 1.1)
    assert shop.total == pytest.approx(220) and shop.grad_apple_price == 2.2
    assert (shop.grad_apple_count, shop.grad_tax) == (110.00000000000001, 200)
    assert shop.orange_price is None and shop.grad_apples_total == shop.grad_before_tax == 1.1
    both = apple_shop(100, 2, 1.1, orange_price=150, orange_count=3)
    assert both.total == pytest.approx(715) and both.grad_tax == 650
    assert (both.grad_orange_price, both.grad_orange_count) == (1.1 * 3, 1.1 * 150)  # tax × the other input
    with pytest.raises(SettingError, match="give both orange_price and orange_count"):
        apple_shop(orange_price=150)
