"""The explorers without a browser: the plain logic behind each one, and that its controls redraw it."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest

from backprop_lib import document_004_start, numerical_gradient, relative_error
from backprop_lib.errors import SettingError
from backprop_lib.explorers import (
    Explorer,
    Frame,
    apple_shop,
    apple_shop_explorer,
    network_stepper,
    network_steps,
    softmax_explorer,
    softmax_state,
    take_update,
    train_xor,
    xor_explorer,
)
from backprop_lib.explorers.network_stepper import NetworkStepper
from backprop_lib.explorers.xor import draw_run
from backprop_lib.losses import SumSquaredError, cross_entropy, softmax

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_importing_backprop_lib_does_not_import_ipywidgets():
    code = "import sys, backprop_lib, backprop_lib.figures; print('ipywidgets' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# Lesson 1: the apple shop -------------------------------------------------------------------------


def test_apple_shop_reproduces_document_003():
    shop = apple_shop(100, 2, 1.1)
    assert shop.total == pytest.approx(220)
    assert (shop.grad_apple_price, shop.grad_apple_count, shop.grad_tax) == pytest.approx((2.2, 110, 200))


def test_apple_shop_gradients_match_finite_differences():
    inputs = np.array([130.0, 4.0, 1.25])
    shop = apple_shop(*inputs)
    numeric = numerical_gradient(lambda: apple_shop(*inputs).total, inputs)
    analytic = [shop.grad_apple_price, shop.grad_apple_count, shop.grad_tax]
    assert relative_error(analytic, numeric) < 1e-9


def test_apple_shop_explorer_redraws_when_a_slider_moves():
    explorer = apple_shop_explorer()
    first_png, first_summary = explorer.png, explorer.summary
    price, count, tax = explorer.controls
    count.value = 3
    assert explorer.summary != first_summary and "total 330" in explorer.summary
    assert explorer.png != first_png
    picture = explorer.picture.outputs[0]["data"]
    assert 'alt="Apple shop: forward values and gradients.' in picture["text/html"]  # the picture's text alternative
    assert "forward value 3, gradient" in picture["text/plain"]


def test_explorer_shows_one_stable_bundle_and_leaves_no_pyplot_figure_open():
    plt.close("all")
    explorer = apple_shop_explorer()
    explorer.controls[0].value = 200  # a later state must not change what the cell stored
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", WIDGET_VIEW}
    assert "forward value 100, gradient 2.2" in bundle["text/html"]  # the first picture's alt text
    assert bundle["text/plain"] == (
        "Apple-shop explorer: apple price 100, apple count 2, tax 1.1 → total 220; gradients: "
        "∂total/∂price 2.2, ∂total/∂count 110, ∂total/∂tax 200\n"
        "(Run this cell in JupyterLab to move the controls.)"
    )
    assert plt.get_fignums() == []  # the inline backend would show an open figure a second time


def test_explorer_shows_a_course_error_instead_of_raising():
    calls = []

    def render() -> Frame:
        calls.append(1)
        if len(calls) > 1:
            raise SettingError("the learning rate must be > 0, got <function f>")
        return Frame(plt.figure(), "first", "first state")

    explorer = Explorer("demo", "Demo explorer", [], render)
    explorer.refresh()
    assert "SettingError" in explorer.caption.value
    assert "must be &gt; 0, got &lt;function f&gt;" in explorer.caption.value  # shown as text, not read as HTML
    assert explorer.first_summary == "first state"


# Lesson 2: the 2-2-2 network of document 004 ------------------------------------------------------


def test_network_steps_walk_forward_then_backward_with_document_004_numbers():
    steps = network_steps(*document_004_start())
    assert [step.phase for step in steps] == ["forward"] * 6 + ["backward"] * 4
    assert [step.nodes for step in steps[1:5]] == [("h1",), ("h2",), ("o1",), ("o2",)]
    assert [round(step.value, 8) for step in steps[1:6]] == [0.51998934, 0.52747230, 0.60944600, 0.66384491, 0.02397190]
    o1_step = steps[6]
    assert o1_step.nodes == ("o1",)
    assert round(o1_step.local_gradient, 8) == 0.23802157  # ∂o1/∂z3
    assert round(o1_step.value, 8) == round(0.20944600 * 0.23802157, 8)  # the chain product ∂E/∂z3
    assert round(o1_step.weight_gradients["W5"], 8) == 0.02592286
    assert "0.02592286" in o1_step.formula


def test_network_steps_weight_gradients_match_the_numerical_gradient():
    x, t, network = document_004_start()
    steps = network_steps(x, t, network)
    analytic = {name: grad for step in steps for name, grad in step.weight_gradients.items()}
    assert sorted(analytic) == [f"W{k}" for k in range(1, 9)]
    loss = SumSquaredError()
    error = lambda: loss.forward(network.forward(x), t)  # noqa: E731
    hidden, output = network["hidden"], network["output"]
    numeric_hidden = numerical_gradient(error, hidden.weights)
    numeric_output = numerical_gradient(error, output.weights)
    # batch-first matrices: column j holds the weights into unit j
    numeric = {
        "W1": numeric_hidden[0, 0],
        "W2": numeric_hidden[1, 0],
        "W3": numeric_hidden[0, 1],
        "W4": numeric_hidden[1, 1],
        "W5": numeric_output[0, 0],
        "W6": numeric_output[1, 0],
        "W7": numeric_output[0, 1],
        "W8": numeric_output[1, 1],
    }
    for name in analytic:
        assert relative_error(analytic[name], numeric[name]) < 1e-7, name


def test_take_update_gives_document_004s_new_w5_and_lowers_the_error():
    x, t, network = document_004_start()
    update = take_update(x, t, network, learning_rate=0.5)
    assert round(update.weights_after["W5"], 8) == 0.43703857
    assert round(update.error_before, 8) == 0.02397190
    assert update.error_after < update.error_before


def test_stepper_stays_inside_the_walk_and_restarts_after_an_update():
    stepper = NetworkStepper()
    stepper.move(-1)
    assert stepper.position == 0
    for _ in range(20):
        stepper.move(+1)
    assert stepper.position == len(stepper.steps) - 1
    first_w5 = stepper.steps[6].weight_gradients["W5"]
    stepper.update()
    assert stepper.position == 0 and stepper.updates == 1
    assert stepper.steps[6].weight_gradients["W5"] != first_w5  # the walk uses the new weights


def test_network_stepper_buttons_change_the_picture():
    explorer = network_stepper()
    back, forward, update = explorer.controls[0].children
    first_png = explorer.png
    assert back.disabled and not forward.disabled  # the walk starts at its first step
    forward.click()
    assert explorer.stepper.position == 1 and explorer.png != first_png
    assert not back.disabled
    update.click()
    assert "update 1" in explorer.summary and explorer.stepper.position == 0


def test_network_steps_refuses_another_network():
    x, t, _ = document_004_start()
    from backprop_lib.documents import sigmoid_network

    with pytest.raises(ValueError, match="2-2-2"):
        network_steps(x, t, sigmoid_network([2, 3, 2], np.random.RandomState(0)))


# Lesson 3: XOR ------------------------------------------------------------------------------------


def test_train_xor_is_reproducible_and_solves_xor_with_the_defaults():
    first, second = train_xor(), train_xor()
    np.testing.assert_array_equal(first.history.losses, second.history.losses)
    assert first.solved
    assert first.history.losses[-1] < first.history.losses[0] / 10


def test_train_xor_with_one_hidden_unit_cannot_solve_xor():
    assert not any(train_xor(hidden_size=1, seed=seed, epochs=2000).solved for seed in range(5))


def test_train_xor_refuses_a_fractional_epoch_count_instead_of_cutting_it():
    with pytest.raises(SettingError, match=r"train_xor: epochs must be a whole number of at least 1, got 2\.5"):
        train_xor(epochs=2.5)


def test_train_xor_rejects_an_unknown_activation():
    with pytest.raises(SettingError, match="activation"):
        train_xor(activation="tanh")


def test_a_run_of_3000_epochs_is_drawn_whole_beside_its_decision_region():
    # how fast this runs is for `make bench`, not an assertion here
    run = train_xor(epochs=3000)
    figure = draw_run(run, "3000 epochs")
    try:
        loss_axes, region_axes = figure.axes[:2]
        [curve] = loss_axes.get_lines()
        np.testing.assert_array_equal(curve.get_ydata(), run.history.losses)
        assert len(run.history.losses) == 3000 and loss_axes.get_yscale() == "log"
        assert region_axes.collections, "no decision region drawn"
        assert figure.get_suptitle() == "3000 epochs"
    finally:
        plt.close(figure)


def test_xor_explorer_retrains_when_a_control_changes():
    explorer = xor_explorer()
    first_summary = explorer.summary
    hidden, activation, rate, seed, epochs = explorer.controls
    activation.value = "relu"
    assert "(relu)" in explorer.summary and explorer.summary != first_summary


# Lesson 4: softmax --------------------------------------------------------------------------------


def test_softmax_state_reproduces_document_003s_probabilities():
    state = softmax_state((5.3, 0.3, 10.1), temperature=1.0, target=2)
    assert np.round(state.probabilities, 5).tolist() == [0.00816, 0.00005, 0.99178]
    assert state.probabilities.sum() == pytest.approx(1.0)


def test_softmax_gradient_is_y_minus_t_and_matches_the_numerical_gradient():
    state = softmax_state((1.0, -2.0, 0.5), temperature=2.0, target=1)
    np.testing.assert_allclose(state.gradient, state.probabilities - np.eye(3)[1])
    scaled = state.scores / state.temperature
    numeric = numerical_gradient(lambda: cross_entropy(softmax(scaled[None, :]), np.eye(3)[[1]]), scaled)
    assert relative_error(state.gradient, numeric) < 1e-7


def test_high_temperature_flattens_the_probabilities():
    sharp = softmax_state((5.3, 0.3, 10.1), temperature=0.5).probabilities
    flat = softmax_state((5.3, 0.3, 10.1), temperature=10.0).probabilities
    assert flat.max() < sharp.max() and flat.min() > sharp.min()


def test_softmax_state_rejects_a_non_positive_temperature():
    with pytest.raises(SettingError, match="temperature"):
        softmax_state(temperature=0)


def test_softmax_explorer_redraws_when_the_temperature_moves():
    explorer = softmax_explorer()
    first_png = explorer.png
    temperature = explorer.controls[3]
    temperature.value = 3.0
    assert "temperature 3.00" in explorer.summary and explorer.png != first_png
