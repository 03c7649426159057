"""A network: layers stacked in order, run forward first to last and backward last to first."""
from __future__ import annotations

from collections import Counter

import numpy as np

from .errors import SettingError


class Network:
    """An ordered stack of layers; parameters and gradients are exposed by "layer.parameter" names."""

    def __init__(self, layers: list) -> None:
        self.layers = list(layers)
        seen: Counter[str] = Counter()
        for layer in self.layers:
            kind = type(layer).__name__.lower()
            seen[kind] += 1
            if getattr(layer, "name", None) is None:
                layer.name = f"{kind}{seen[kind]}"
        names = [layer.name for layer in self.layers]
        doubled = sorted({name for name in names if names.count(name) > 1})
        if doubled:
            raise SettingError(f"Network: layer names must be unique, {doubled} appear more than once.")

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
        return {f"{layer.name}.{name}": getattr(layer, name)
                for layer in self.layers for name in getattr(layer, "param_names", ())}

    def named_grads(self) -> list[tuple[str, object, str]]:
        """(key in grads, layer, attribute holding the gradient) for every parameter: grads' recipe, for loops."""
        return [(f"{layer.name}.{name}", layer, "grad_" + name)
                for layer in self.layers for name in getattr(layer, "param_names", ())]

    @property
    def grads(self) -> dict[str, np.ndarray]:
        """Every parameter's gradient from the last backward pass, under the same names as params."""
        return {key: getattr(layer, attribute) for key, layer, attribute in self.named_grads()}

    def __getitem__(self, name: str):
        """A layer by its name, e.g. ``network["affine1"]``."""
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise KeyError(f"Network has no layer named {name!r}; its layers are "
                       f"{[layer.name for layer in self.layers]}.")

    def __repr__(self) -> str:
        inner = ",\n  ".join(repr(layer) for layer in self.layers)
        return f"Network([\n  {inner}\n])"
