"""Every error the library raises on purpose: the right class, and a message that says what was
expected, what was given, and (where there is one) how to fix it."""

import math

import numpy as np
import pytest

from backprop_lib import (
    SGD,
    Adam,
    Add,
    Affine,
    Branch,
    CourseError,
    CrossEntropy,
    LabelError,
    MeanSquaredError,
    Momentum,
    Mul,
    Network,
    NotReadyError,
    ReLU,
    SettingError,
    ShapeError,
    Sigmoid,
    SoftmaxWithLoss,
    SumSquaredError,
    TrainingDiverged,
    train,
    xor_data,
)
from backprop_lib.errors import DomainError, fraction, layer_widths, one_of, positive_number, whole_number


def test_error_classes_are_course_errors_and_familiar_builtins():
    assert issubclass(ShapeError, ValueError) and issubclass(LabelError, ValueError)
    assert issubclass(SettingError, ValueError) and issubclass(DomainError, ValueError)
    assert issubclass(NotReadyError, RuntimeError)
    assert issubclass(TrainingDiverged, FloatingPointError)
    from backprop_lib.errors import NoSuchLayer
    from backprop_lib.fonts import FontMissing

    assert issubclass(NoSuchLayer, KeyError) and issubclass(FontMissing, RuntimeError)
    for error in (ShapeError, LabelError, SettingError, DomainError, NotReadyError, TrainingDiverged):
        assert issubclass(error, CourseError)
    assert issubclass(NoSuchLayer, CourseError) and issubclass(FontMissing, CourseError)


# ---- shapes ---------------------------------------------------------------------------------


def test_affine_input_with_the_wrong_number_of_columns_names_the_layer():
    layer = Affine(np.ones((3, 2)), np.zeros(2), name="hidden")
    with pytest.raises(ShapeError) as error:
        layer.forward(np.ones((4, 5)))
    message = str(error.value)
    assert message.startswith("hidden:")
    assert "expected an input of shape (batch, 3)" in message and "3 columns" in message
    assert "got an array of shape (4, 5)" in message


def test_affine_in_a_network_is_named_automatically_in_the_message():
    network = Network([Affine(np.ones((2, 3))), Sigmoid(), Affine(np.ones((3, 1)))])
    with pytest.raises(ShapeError, match=r"^affine1: expected an input of shape \(batch, 2\)"):
        network.forward(np.ones((4, 3)))


def test_a_single_sample_without_a_batch_axis_gets_the_fix():
    with pytest.raises(ShapeError) as error:
        Affine(np.ones((3, 2))).forward(np.ones(3))
    assert "got an array of shape (3,)" in str(error.value)
    assert "x.reshape(1, -1)" in str(error.value)


def test_affine_weights_must_be_a_matrix():
    with pytest.raises(ShapeError) as error:
        Affine([0.5, 0.2], name="tiny")
    message = str(error.value)
    assert message.startswith("tiny:") and "2-D array of shape (inputs, outputs)" in message
    assert "got a list ([0.5, 0.2])" in message and "[[w]]" in message


def test_affine_bias_must_hold_one_number_per_output():
    with pytest.raises(ShapeError) as error:
        Affine(np.ones((2, 3)), bias=np.zeros(2))
    assert "shape (3,)" in str(error.value) and "got an array of shape (2,)" in str(error.value)


@pytest.mark.parametrize(
    "layer, x",
    [
        (Affine(np.ones((3, 2)), name="hidden"), np.ones((4, 3))),
        (Sigmoid(name="squash"), np.ones((4, 2))),
        (ReLU(name="gate"), np.ones((4, 2))),
    ],
)
def test_backward_with_a_gradient_of_the_wrong_shape(layer, x):
    layer.forward(x)
    with pytest.raises(ShapeError) as error:
        layer.backward(np.ones((4, 3)))
    message = str(error.value)
    assert message.startswith(f"{layer.name}:")
    assert "expected a gradient of shape (4, 2)" in message
    assert "got an array of shape (4, 3)" in message


@pytest.mark.parametrize("loss", [SumSquaredError(), MeanSquaredError()])
def test_squared_errors_need_outputs_and_targets_of_one_shape(loss):
    with pytest.raises(ShapeError) as error:
        loss.forward(np.ones((4, 1)), np.ones(4))
    message = str(error.value)
    assert "outputs are an array of shape (4, 1)" in message
    assert "targets are an array of shape (4,)" in message
    assert "targets.reshape(-1, 1)" in message


@pytest.mark.parametrize("loss", [SoftmaxWithLoss(), CrossEntropy()])
def test_scores_must_be_a_batch(loss):
    with pytest.raises(ShapeError) as error:
        loss.forward(np.array([0.2, 0.5, 0.3]), [1])
    message = str(error.value)
    assert "expected scores of shape (batch, classes)" in message
    assert "got an array of shape (3,)" in message and "reshape(1, -1)" in message


# ---- backward before forward ----------------------------------------------------------------


@pytest.mark.parametrize(
    "model, call",
    [
        (Sigmoid(name="squash"), lambda m: m.backward(np.ones((1, 1)))),
        (ReLU(name="gate"), lambda m: m.backward(np.ones((1, 1)))),
        (Affine(np.ones((2, 1)), name="hidden"), lambda m: m.backward(np.ones((1, 1)))),
        (Mul("apples"), lambda m: m.backward(1.0)),
        (Add("total"), lambda m: m.backward(1.0)),
        (Branch("copy"), lambda m: m.backward(1.0, 1.0)),
        (SumSquaredError(), lambda m: m.backward()),
        (MeanSquaredError(), lambda m: m.backward()),
        (CrossEntropy(), lambda m: m.backward()),
        (SoftmaxWithLoss(), lambda m: m.backward()),
    ],
    ids=[
        "Sigmoid",
        "ReLU",
        "Affine",
        "Mul",
        "Add",
        "Branch",
        "SumSquaredError",
        "MeanSquaredError",
        "CrossEntropy",
        "SoftmaxWithLoss",
    ],
)
def test_backward_before_forward(model, call):
    with pytest.raises(NotReadyError) as error:
        call(model)
    message = str(error.value)
    assert message.startswith(f"{model.name}: backward() was called before forward().")
    assert "Run forward" in message or "Compute the loss with forward(outputs, targets) first" in message


def test_backward_before_forward_in_a_network_names_the_last_layer():
    network = Network([Affine(np.ones((2, 3))), Sigmoid(), Affine(np.ones((3, 1))), Sigmoid()])
    with pytest.raises(NotReadyError, match=r"^sigmoid2: backward\(\) was called before forward\(\)\. Run forward"):
        network.backward(np.ones((4, 1)))


# ---- labels -----------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", [SoftmaxWithLoss, CrossEntropy])
@pytest.mark.parametrize(
    "labels, expected_text, given_text",
    [
        (np.array([0.5, 1.5, 2.0, 0.0]), "must hold class indices 0 … 2", "got values [0.  0.5 1.5 2. ]"),
        (np.array([0, 1, 3, 2]), "must hold class indices 0 … 2", "got values [0 1 2 3]"),
        (np.array([0, -1, 1, 2]), "must hold class indices 0 … 2", "got values [-1  0  1  2]"),
        (np.array([[1, 0, 0], [0, 1, 0], [0.5, 0.5, 0], [0, 0, 1]]), "must be one-hot rows", "row 2 is [0.5 0.5 0. ]"),
        (np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 0, 1]]), "must be one-hot rows", "row 1 is [1 1 0]"),
        (np.zeros((4, 2)), "one-hot rows of shape (4, 3)", "got an array of shape (4, 2)"),
        (np.zeros((4, 3, 1)), "class indices of shape (4,)", "got an array of shape (4, 3, 1)"),
    ],
)
def test_labels_that_are_neither_one_hot_nor_class_indices(loss, labels, expected_text, given_text):
    scores = np.random.default_rng(50).uniform(0.1, 0.9, size=(4, 3))
    with pytest.raises(LabelError) as error:
        loss().forward(scores, labels)
    message = str(error.value)
    assert message.startswith(f"{loss.__name__}:")
    assert expected_text in message
    assert given_text in message


@pytest.mark.parametrize(
    "labels, given_text",
    [
        (np.array([0, 1, 2]), "got 3 labels"),
        (np.eye(3)[[0, 1, 2, 0, 1]], "got 5 labels"),
        (np.array(1), "got a single number, 1. Pass the labels as an array of length 4."),
    ],
)
def test_labels_whose_count_differs_from_the_batch(labels, given_text):
    with pytest.raises(LabelError) as error:
        SoftmaxWithLoss().forward(np.zeros((4, 3)), labels)
    message = str(error.value)
    assert "one label per sample (4 " in message  # and how many the batch has
    assert given_text in message


# ---- settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("optimizer", [SGD, Momentum, Adam])
@pytest.mark.parametrize("learning_rate", [0, -1, math.nan, math.inf, "0.1", True])
def test_learning_rate_must_be_a_positive_finite_number(optimizer, learning_rate):
    with pytest.raises(SettingError) as error:
        optimizer(learning_rate)
    assert str(error.value) == (
        f"{optimizer.__name__}: learning_rate must be a positive finite number such as 0.1, got {learning_rate!r}."
    )


def test_good_learning_rates_are_accepted():
    assert SGD(np.float64(0.5)).learning_rate == 0.5
    assert SGD(1).learning_rate == 1.0 and isinstance(SGD(1).learning_rate, float)


def test_momentum_and_betas_must_be_below_one():
    with pytest.raises(SettingError, match=r"momentum must be in \[0, 1\), got 1\.0"):
        Momentum(0.1, momentum=1.0)
    with pytest.raises(SettingError, match=r"beta1 must be in \[0, 1\), got 1\.5"):
        Adam(0.1, beta1=1.5)
    with pytest.raises(SettingError, match=r"beta2 must be in \[0, 1\), got -0\.1"):
        Adam(0.1, beta2=-0.1)


@pytest.mark.parametrize(
    "options, expected_text",
    [
        ({"epochs": 0}, "epochs must be a whole number of at least 1, got 0"),
        ({"epochs": 2.5}, "epochs must be a whole number of at least 1, got 2.5"),
        ({"epochs": True}, "epochs must be a whole number of at least 1, got True"),
        ({"epochs": 3, "report_every": 0}, "report_every must be a whole number of at least 1 or None, got 0"),
        ({"epochs": 3, "snapshot_every": -1}, "snapshot_every must be a whole number of at least 1 or None, got -1"),
    ],
)
def test_training_settings(options, expected_text):
    inputs, targets = xor_data()
    network = Network([Affine(np.ones((2, 1))), Sigmoid()])
    with pytest.raises(SettingError) as error:
        train(network, inputs, targets, loss=SumSquaredError(), optimizer=SGD(0.1), **options)
    assert str(error.value) == f"train: {expected_text}."


def test_duplicate_layer_names():
    with pytest.raises(ValueError) as error:
        Network([Affine(np.ones((2, 2)), name="hidden"), Sigmoid(), Affine(np.ones((2, 1)), name="hidden")])
    assert str(error.value) == (
        "Network: layer names must be unique, ['hidden'] appear more than once. Give each "
        'layer its own name, e.g. Affine(weights, bias, name="affine2").'
    )


def test_a_layer_class_or_anything_else_in_place_of_a_layer_is_refused_where_the_network_is_built():
    with pytest.raises(SettingError) as error:
        Network([Affine(np.ones((2, 2))), Sigmoid])  # the class: its forward would fail later, far from here
    assert str(error.value) == (
        "Network: item 2 of the list is the class Sigmoid itself, not a layer. Make one with parentheses: Sigmoid()."
    )
    assert Sigmoid.__dict__.get("name") is None  # the class was not given a layer's name on the way
    with pytest.raises(SettingError, match=r"item 1 of the list is 3, not a layer \(a layer has forward and backward"):
        Network([3])


def test_asking_a_network_for_a_layer_it_lacks_names_its_layers_without_quotes():
    network = Network([Affine(np.ones((2, 2))), Sigmoid()])
    with pytest.raises(KeyError) as error:
        network["hidden"]
    assert isinstance(error.value, CourseError)
    assert str(error.value) == "Network has no layer named 'hidden'; its layers are ['affine1', 'sigmoid1']."


# ---- a training run that diverges -------------------------------------------------------------


def test_diverged_training_names_the_epoch_and_the_layer():
    """A middle layer overflows at epoch 1.

    Epoch 0: hidden = 1e200 · 1e-200 = 1, scores = (1, −1), softmax (0.881, 0.119), label 0:
    ∂L/∂scores = (−0.119, 0.119); ∂L/∂hidden = −0.119·1 + 0.119·(−1) = −0.238;
    ∂L/∂w_hidden = 1e200 · (−0.238) and the step 1e150 · 2.4e199 overflows: w_hidden = inf,
    while the scores layer's weights only grow to ±1.2e149.
    Epoch 1: hidden = 1e200 · inf = inf, so the scores are ±inf and the loss is NaN.
    """
    network = Network([Affine([[1e-200]], name="hidden"), ReLU(), Affine([[1.0, -1.0]], name="scores")])
    with np.errstate(over="ignore", invalid="ignore"), pytest.raises(TrainingDiverged) as error:
        train(network, np.array([[1e200]]), np.array([0]), loss=SoftmaxWithLoss(), optimizer=SGD(1e150), epochs=10)
    message = str(error.value)
    assert message.startswith("Training stopped at epoch 1: the loss became nan.")
    assert "came from layer 'hidden' (1 of 1 outputs are NaN or infinite)" in message
    assert "A learning rate of 1e+150 may be too large: try a smaller one" in message
    assert np.isinf(network["hidden"].weights[0, 0])
    assert np.all(np.isfinite(network["scores"].weights))


def test_diverged_training_where_only_the_loss_overflows():
    """E = ½w² for one weight, input 1, target 0: w ← w(1 − η). With η = 1e100: w = 1, −1e100, 1e200,
    and at epoch 2 the output 1e200 is finite but ½(1e200)² overflows."""
    network = Network([Affine([[1.0]], name="only")])
    with np.errstate(over="ignore"), pytest.raises(TrainingDiverged) as error:
        train(network, np.array([[1.0]]), np.array([[0.0]]), loss=SumSquaredError(), optimizer=SGD(1e100), epochs=10)
    message = str(error.value)
    assert message.startswith("Training stopped at epoch 2: the loss became inf.")
    assert "came from the loss itself (every layer's output was finite)" in message


def test_diverged_training_with_bad_inputs():
    inputs, targets = xor_data()
    inputs[1, 0] = np.nan
    with pytest.raises(TrainingDiverged) as error:
        train(
            Network([Affine(np.ones((2, 1))), Sigmoid()]),
            inputs,
            targets,
            loss=SumSquaredError(),
            optimizer=SGD(0.1),
            epochs=5,
        )
    message = str(error.value)
    assert message.startswith("Training stopped at epoch 0: the loss became nan.")
    assert "the inputs (they already hold NaN or infinite values)" in message


@pytest.mark.parametrize("optimizer", [SGD(0.1), Momentum(0.1), Adam(0.1)])
def test_optimizer_step_before_backward_says_what_to_run(optimizer):
    network = Network([Affine(np.ones((2, 1))), Sigmoid()])
    network.forward(np.ones((1, 2)))  # forward, but no backward: no gradients yet
    with pytest.raises(NotReadyError) as error:
        optimizer.step(network.params, network.grads)
    assert str(error.value) == (
        f"{type(optimizer).__name__}.step: there is no gradient for 'affine1.weights' "
        "yet. Run a forward pass and then the backward pass "
        "(e.g. network.backward(loss.backward())) before the optimizer's step."
    )


# ---- whole and positive numbers: one check each, the course's own error ---------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: whole_number(0, "make_problem: count"),
            "make_problem: count must be a whole number of at least 1, got 0.",
        ),
        (lambda: whole_number(2.0, "train: epochs"), "train: epochs must be a whole number of at least 1, got 2.0."),
        (lambda: whole_number(True, "train: epochs"), "train: epochs must be a whole number of at least 1, got True."),
        (
            lambda: whole_number(1, "plot: resolution", least=2),
            "plot: resolution must be a whole number of at least 2, got 1.",
        ),
        (
            lambda: whole_number("3", "x: every", allow_none=True),
            "x: every must be a whole number of at least 1 or None, got '3'.",
        ),
        (
            lambda: positive_number(0, "plot_softmax: temperature", "1.0"),
            "plot_softmax: temperature must be a positive finite number such as 1.0, got 0.",
        ),
        (
            lambda: positive_number(float("inf"), "SGD: learning_rate", "0.1"),
            "SGD: learning_rate must be a positive finite number such as 0.1, got inf.",
        ),
        (
            lambda: fraction(1.0, "Momentum: momentum", "0.9"),
            "Momentum: momentum must be in [0, 1), got 1.0: use a number from 0 up to (not including) 1, such as 0.9.",
        ),
        (
            lambda: fraction(True, "Adam: beta1", "0.9"),
            "Adam: beta1 must be in [0, 1), got True: use a number from 0 up to (not including) 1, such as 0.9.",
        ),
        (
            lambda: one_of("tanh", ["relu", "sigmoid"], "xor_network: activation"),
            "xor_network: activation must be one of 'relu', 'sigmoid', got 'tanh'.",
        ),
        (
            lambda: one_of(["relu"], ["relu", "sigmoid"], "xor_network: activation"),
            "xor_network: activation must be one of 'relu', 'sigmoid', got ['relu'].",
        ),
        (
            lambda: layer_widths([2, 0], "relu_network: sizes", "[64, 100, 10]"),
            "relu_network: sizes must list at least two layer widths (inputs … outputs), "
            "each a whole number ≥ 1 such as [64, 100, 10]; got [2, 0].",
        ),
        (
            lambda: layer_widths(5, "layer_sizes", "[2, 2, 2]"),
            "layer_sizes must list at least two layer widths (inputs … outputs), each a whole number ≥ 1 such as "
            "[2, 2, 2]; got 5.",
        ),
    ],
)
def test_number_checks_raise_setting_errors(call, message):
    with pytest.raises(SettingError) as error:
        call()
    assert str(error.value) == message


def test_number_checks_return_plain_numbers():
    assert whole_number(np.int64(3), "n") == 3 and type(whole_number(np.int64(3), "n")) is int
    assert fraction(0, "momentum", "0.9") == 0.0 and type(fraction(np.float64(0.5), "momentum", "0.9")) is float
    assert layer_widths((2, np.int64(3), 1), "sizes", "[2, 2]") == [2, 3, 1]
    assert whole_number(None, "n", allow_none=True) is None
    assert positive_number(np.float32(0.5), "lr", "0.1") == 0.5


@pytest.mark.parametrize(
    "options, expected_text",
    [
        ({"weight_decay": -0.1}, "weight_decay must be 0 or a positive finite number (e.g. 1e-4), got -0.1"),
        ({"weight_decay": None}, "weight_decay must be 0 or a positive finite number (e.g. 1e-4), got None"),
        ({"weight_decay": math.nan}, "weight_decay must be 0 or a positive finite number (e.g. 1e-4), got nan"),
        ({"patience": 0}, "patience must be a whole number of at least 1 or None, got 0"),
        ({"patience": 2.5}, "patience must be a whole number of at least 1 or None, got 2.5"),
    ],
)
def test_minibatch_settings_are_checked_before_training(options, expected_text):
    from backprop_lib.training import train_minibatch

    inputs, targets = xor_data()
    network = Network([Affine(np.ones((2, 2)))])
    with pytest.raises(SettingError) as error:
        train_minibatch(
            network,
            inputs,
            targets.ravel().astype(int),
            loss=SoftmaxWithLoss(),
            optimizer=SGD(0.1),
            epochs=2,
            batch_size=2,
            validation=(inputs, targets.ravel().astype(int)),
            **options,
        )
    assert str(error.value) == f"train_minibatch: {expected_text}."


def test_adam_epsilon_and_the_homeworks_gradient_descent_rate_are_checked():
    from backprop_lib.homework import gradient_descent

    with pytest.raises(SettingError, match=r"Adam: epsilon must be a positive finite number such as 1e-8, got 0"):
        Adam(0.1, epsilon=0)
    with pytest.raises(SettingError, match=r"gradient_descent: learning_rate must be a positive finite number"):
        gradient_descent(lambda inputs, targets, params: (0.0, {}), np.zeros((1, 1)), np.zeros((1, 1)), {}, -0.1, 3)
