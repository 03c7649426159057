"""A network: layers stacked in order, run forward first to last and backward last to first."""

from __future__ import annotations

from collections import Counter

import numpy as np

from .errors import NoSuchLayer, SettingError, layer_widths
from .layers import Affine, ReLU
from .messages import message


class Network:
    """An ordered stack of layers; parameters and gradients are exposed by "layer.parameter" names."""

    def __init__(self, layers: list) -> None:
        self.layers = list(layers)
        seen: Counter[str] = Counter()
        for position, layer in enumerate(self.layers, start=1):
            if isinstance(layer, type):  # Network([Affine(...), ReLU]): the class, not a layer made from it
                raise SettingError(message("error.network.class_not_layer", position=position, cls=layer.__name__))
            if not (callable(getattr(layer, "forward", None)) and callable(getattr(layer, "backward", None))):
                raise SettingError(message("error.network.not_a_layer", position=position, got=repr(layer)[:80]))
            kind = type(layer).__name__.lower()
            seen[kind] += 1
            if getattr(layer, "name", None) is None:
                layer.name = f"{kind}{seen[kind]}"
        names = [layer.name for layer in self.layers]
        doubled = sorted({name for name in names if names.count(name) > 1})
        if doubled:
            raise SettingError(message("error.network.unique_names", doubled=doubled))

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Run the batch through every layer in order (순전파, the forward pass)."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Send dL/d(output) back through the layers in reverse order (역전파, backpropagation)."""
        for layer in reversed(self.layers):
            grad_output = layer.backward(grad_output)
        return grad_output

    __call__ = forward

    @property
    def params(self) -> dict[str, np.ndarray]:
        """Every parameter, e.g. ``{"affine1.weights": W1, "affine1.bias": b1, ...}``."""
        return {
            f"{layer.name}.{name}": getattr(layer, name)
            for layer in self.layers
            for name in getattr(layer, "param_names", ())
        }

    def named_grads(self) -> list[tuple[str, object, str]]:
        """(key in grads, layer, attribute holding the gradient) for every parameter: grads' recipe, for loops."""
        return [
            (f"{layer.name}.{name}", layer, "grad_" + name)
            for layer in self.layers
            for name in getattr(layer, "param_names", ())
        ]

    @property
    def grads(self) -> dict[str, np.ndarray]:
        """Every parameter's gradient from the last backward pass, under the same names as params."""
        return {key: getattr(layer, attribute) for key, layer, attribute in self.named_grads()}

    def __getitem__(self, name: str):
        """A layer by its name, e.g. ``network["affine1"]``."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        names = [layer.name for layer in self.layers]
        raise NoSuchLayer(message("error.network.no_layer", name=repr(name), names=names))

    def __repr__(self) -> str:
        inner = ",\n  ".join(repr(layer) for layer in self.layers)
        return f"Network([\n  {inner}\n])"


def weight_scale(init: str | float, n_inputs: int) -> float:
    """The standard deviation of a layer's initial weights: "he" √(2/n), "xavier" √(1/n), or a number.

    He suits ReLU layers (ReLU zeroes half its inputs, so twice the variance keeps the spread);
    Xavier suits sigmoid and tanh. n is the number of inputs of the layer (fan-in).
    """
    if init == "he":
        return float(np.sqrt(2.0 / n_inputs))
    if init == "xavier":
        return float(np.sqrt(1.0 / n_inputs))
    if isinstance(init, (int, float)) and not isinstance(init, bool) and init > 0:
        return float(init)
    raise SettingError(message("error.network.init", got=repr(init)))


def relu_network(sizes: list[int], seed: int, init: str | float = "he") -> Network:
    """Affine and ReLU layers of the given widths, e.g. [64, 100, 10]: the last Affine gives scores.

    Weights are drawn as rng.randn(n_in, n_out) · weight_scale(init, n_in), biases start at zero.
    """
    sizes = layer_widths(sizes, "relu_network: sizes", "[64, 100, 10]")
    rng = np.random.RandomState(seed)
    layers: list = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [Affine(rng.randn(n_in, n_out) * weight_scale(init, n_in), np.zeros(n_out)), ReLU()]
    return Network(layers[:-1])


def hidden_outputs(network: Network, inputs: np.ndarray) -> list[np.ndarray]:
    """The output of every ReLU layer for a batch: how the signal spreads from layer to layer."""
    outputs = []
    for layer in network.layers:
        inputs = layer.forward(inputs)
        if isinstance(layer, ReLU):
            outputs.append(inputs)
    return outputs
