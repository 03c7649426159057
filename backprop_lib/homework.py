"""What homework 5 (a deep net) needs besides the core library.

- parameters kept in a plain dict {"W1", "b1", "W2", …}, as the documents' code keeps them, with
  a gradient-descent loop and a gradient checker for functions written in that style;
- document 000's output layer as its code runs it: a ReLU whose backward skips its derivative;
- the two problems of part 3 (circles and a wave) with held-out data to judge a network on;
- part 4's three suspect layers, written the way course libraries have shipped them. Each has
  one bug; finding it is the homework, so no comment here says where it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .errors import ShapeError, describe, one_of, positive_number, whole_number
from .exercises import CheckFailed, ExerciseNotDone
from .gradcheck import numerical_gradient, relative_error
from .layers import Affine, Layer, ReLU
from .losses import Loss, MeanSquaredError, SoftmaxWithLoss
from .messages import message
from .network import Network
from .protocols import Model

Params = dict[str, np.ndarray]
GradientFunction = Callable[[np.ndarray, np.ndarray, Params], tuple[float, Params]]


# ---------------------------------------------------------------- parameters in a dict


def params_from_network(network: Network) -> Params:
    """Copies of a network's Affine weights and biases as {"W1", "b1", "W2", "b2", …}, numbered in order."""
    params: Params = {}
    affines = [layer for layer in network.layers if isinstance(layer, Affine)]
    if not affines:
        raise ShapeError(message("error.homework.no_affine"))
    for number, layer in enumerate(affines, start=1):
        params[f"W{number}"] = layer.weights.copy()
        if layer.bias is not None:
            params[f"b{number}"] = layer.bias.copy()
    return params


def _check_gradients(grads, params: Params, who: str) -> None:
    """Refuse gradients that do not name and shape every parameter exactly like ``params``."""
    if not isinstance(grads, dict):
        raise ShapeError(message("grads.not_a_dict", who=who, got=describe(grads)))
    missing = [name for name in params if name not in grads]
    extra = [name for name in grads if name not in params]
    if missing or extra:
        raise ShapeError(message("grads.names", who=who, names=list(params), missing=missing, extra=extra))
    for name, param in params.items():
        if np.shape(grads[name]) != param.shape:
            raise ShapeError(message("grads.shape", who=who, name=name, shape=param.shape, got=describe(grads[name])))


def gradient_descent(
    gradient_fn: GradientFunction,
    inputs: np.ndarray,
    targets: np.ndarray,
    params: Params,
    learning_rate: float,
    iterations: int,
) -> np.ndarray:
    """Repeat: (cost, grads) = gradient_fn(inputs, targets, params), then params[name] -= rate * grads[name].

    The parameters are updated in place; the returned costs are those of the forward pass
    before each update, as the documents print them.
    """
    iterations = whole_number(iterations, "gradient_descent: iterations")
    learning_rate = positive_number(learning_rate, "gradient_descent: learning_rate", "0.1")
    costs = np.empty(iterations)
    for iteration in range(iterations):
        cost, grads = gradient_fn(inputs, targets, params)
        _check_gradients(grads, params, "gradient_descent")
        costs[iteration] = cost
        for name, grad in grads.items():
            params[name] -= learning_rate * grad
    return costs


def gradient_errors(
    gradient_fn: GradientFunction, inputs: np.ndarray, targets: np.ndarray, params: Params, cost_scale: float = 1.0
) -> dict[str, float]:
    """The gradient checker for dict-style code: per parameter, the relative error between the
    gradients gradient_fn returns and the numerical gradient of cost_scale × the cost it returns.

    cost_scale=0.5 asks "is this the gradient of half the cost?". The caller's params are not changed.
    """
    params = {name: np.array(value, dtype=np.float64) for name, value in params.items()}
    _, grads = gradient_fn(inputs, targets, params)
    _check_gradients(grads, params, "gradient_errors")

    def scaled_cost() -> float:
        return cost_scale * float(gradient_fn(inputs, targets, params)[0])

    return {name: relative_error(grads[name], numerical_gradient(scaled_cost, params[name])) for name in params}


# ---------------------------------------------------------------- document 000's output layer


class StraightThroughReLU(ReLU):
    """ReLU in the forward pass; backward passes the gradient through unchanged, as document 000's code does."""

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """dL/dx taken as dL/dout everywhere: the ReLU's derivative (0 where x ≤ 0) is skipped."""
        self._check_grad(grad_output, self.mask)
        return grad_output

    def __repr__(self) -> str:
        return f"StraightThroughReLU(name={self.name!r})"


# ---------------------------------------------------------------- part 3: two problems to choose from


def _circles(count: int, rng: np.random.RandomState) -> tuple[np.ndarray, np.ndarray]:
    """Points in the plane: class 0 inside radius 0.9, class 1 on the ring from 1.1 to 1.8 (labels (N,))."""
    labels = rng.randint(0, 2, size=count)
    radius = np.where(labels == 0, 0.9 * np.sqrt(rng.rand(count)), 1.1 + 0.7 * rng.rand(count))
    angle = 2 * np.pi * rng.rand(count)
    points = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return points, labels


def _wave(count: int, rng: np.random.RandomState) -> tuple[np.ndarray, np.ndarray]:
    """x from −3 to 3 (N, 1) and the target sin(x) (N, 1)."""
    x = rng.uniform(-3.0, 3.0, size=(count, 1))
    return x, np.sin(x)


@dataclass(frozen=True)
class Problem:
    """One of part 3's problems: how to draw its data, the loss that judges it, the target to beat."""

    name: str
    description_key: str  # its description in backprop_lib.messages, shown in the notebook's language
    draw: Callable[[int, np.random.RandomState], tuple[np.ndarray, np.ndarray]]
    make_loss: Callable[[], Loss]
    target: float  # a network passes when its loss on fresh held-out data is below this
    output_width: int

    @property
    def description(self) -> str:
        """What the problem asks, in the notebook's language."""
        return message(self.description_key)


PROBLEMS = {
    "circles": Problem("circles", "homework.circles", _circles, SoftmaxWithLoss, target=0.05, output_width=2),
    "wave": Problem("wave", "homework.wave", _wave, MeanSquaredError, target=0.005, output_width=1),
}


def problem(name: str) -> Problem:
    """The problem called ``name`` ("circles" or "wave"), or a clear error."""
    return PROBLEMS[one_of(name, sorted(PROBLEMS), "problem: name")]


def make_problem(name: str, count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``count`` samples (inputs, targets) of the problem ``name``, drawn with RandomState(seed)."""
    count = whole_number(count, "make_problem: count")
    return problem(name).draw(count, np.random.RandomState(seed))


def held_out_loss(name: str, network: Model, seed: int, count: int = 500) -> float:
    """The problem's loss of ``network`` on ``count`` fresh samples it never trained on."""
    inputs, targets = make_problem(name, count, seed)
    outputs = network.forward(inputs)
    expected = (count, problem(name).output_width)
    if np.shape(outputs) != expected:
        raise ShapeError(
            message(
                "error.homework.outputs",
                name=name,
                expected=expected,
                count=count,
                width=problem(name).output_width,
                got=describe(outputs),
            )
        )
    return float(problem(name).make_loss().forward(outputs, targets))


def hidden_layer_count(network: Network) -> int:
    """How many hidden layers a network has: its Affine layers minus the output one."""
    return sum(isinstance(layer, Affine) for layer in getattr(network, "layers", [])) - 1


# ---------------------------------------------------------------- part 4: three suspect layers


class SuspectReLU(Layer):
    """ReLU as one course library ships it: out = max(0, x)."""

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.mask: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Zero the entries that are not positive, and remember where they were."""
        self.mask = x <= 0
        out = np.array(x, dtype=np.float64)
        out[self.mask] = 0.0
        return out

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """dL/dx = dL/dout where x > 0, else 0."""
        self._check_grad(grad_output, self.mask)
        grad_output[self.mask] = 0.0
        return grad_output


class SuspectAffine(Affine):
    """Affine as one course library ships it: out = x @ weights + bias, gradients kept in grad_weights/grad_bias."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray | None = None, name: str | None = None) -> None:
        super().__init__(weights, bias, name)
        self.grad_weights = np.zeros_like(self.weights)
        self.grad_bias = None if self.bias is None else np.zeros_like(self.bias)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Store the gradients of the weights and bias; return the gradient for the layer below."""
        self.grad_weights += self.x.T @ grad_output
        if self.bias is not None:
            self.grad_bias += grad_output.sum(axis=0)
        return grad_output @ self.weights.T


class SuspectSoftmaxWithLoss(SoftmaxWithLoss):
    """Softmax with cross-entropy as one course library ships it: forward is the mean cross-entropy."""

    def backward(self) -> np.ndarray:
        """dL/dscores = probabilities − one-hot targets."""
        self._require_forward(self.probabilities)
        return self.probabilities - self.one_hot


class Residual:
    """out = layer(x) + x: the layer's output plus a skip connection around it (as in ResNets).

    Shapes: x, out and both gradients alike (the layer must keep its input's shape).
    Its parameters are the wrapped layer's (``weights``, ``grad_weights``, …), so a network trains them.
    """

    def __init__(self, layer) -> None:
        self.layer = layer

    def __getattr__(self, attribute: str):
        """Anything Residual itself lacks (param_names, weights, grads, …) is the wrapped layer's."""
        if attribute == "layer":  # not set yet (a copy being made): do not look for it in itself
            raise AttributeError(attribute)
        return getattr(self.layer, attribute)

    def forward(self, x: np.ndarray) -> np.ndarray:
        """The layer's output plus its own input."""
        return self.layer.forward(x) + x

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Both paths receive the same incoming gradient, and their gradients add."""
        return self.layer.backward(grad_output) + grad_output

    def __repr__(self) -> str:
        return f"Residual({self.layer!r})"


# ---------------------------------------------------------------- multiple-choice answers


def record_choices(name: str, answer: object, options: str, how_many: str = "one") -> None:
    """Check that a multiple-choice answer is well formed and print it; whether it is right is graded later.

    how_many="one": a single letter such as "B"; how_many="some": a set of letters such as {"A", "C"}.
    """
    one_of(how_many, ("one", "some"), "record_choices: how_many")
    if answer is Ellipsis:
        raise ExerciseNotDone(message("check.still_ellipsis", name=name))
    letters = [answer] if how_many == "one" else answer
    if how_many == "one" and not isinstance(answer, str):
        raise CheckFailed(message("choice.one_letter", name=name, example=options[0], answer=repr(answer)))
    if how_many == "some" and not isinstance(answer, (set, frozenset, list, tuple)):
        raise CheckFailed(message("choice.set_of_letters", name=name, example=options[0], answer=repr(answer)))
    wrong = sorted({str(letter) for letter in letters} - set(options))
    if wrong or not letters:
        raise CheckFailed(message("choice.only_letters", name=name, letters=", ".join(options), answer=repr(answer)))
    print(message("choice.recorded", name=name, letters=", ".join(sorted(set(letters)))))
