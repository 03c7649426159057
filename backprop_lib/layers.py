"""Layers with forward and backward: Sigmoid, ReLU and Affine (documents 002, 003, 004).

A layer keeps what its backward pass needs while it runs forward, like the nodes of a
computational graph. Batches come first: an input of shape (N, D) holds N samples of D features.
Parameters live in attributes (``weights``, ``bias``) and their gradients beside them
(``grad_weights``, ``grad_bias``); ``param_names`` lists them for the network and optimizers.
"""
from __future__ import annotations

import numpy as np

from .errors import NotReadyError, ShapeError, describe
from .messages import message

EXP_NEG_15 = np.exp(-15.0)     # Sigmoid: exp(−x) below this means x > 15, where 1 − σ(x) takes its other form


class Layer:
    """What every layer shares: a name, its parameter names, and a guard for backward."""

    param_names: tuple[str, ...] = ()

    def __init__(self, name: str | None = None) -> None:
        self.name = name

    @property
    def label(self) -> str:
        """The name used in messages: the given name, else the class name."""
        return self.name or type(self).__name__

    @property
    def params(self) -> dict[str, np.ndarray]:
        """The layer's parameters by name (the arrays themselves, not copies)."""
        return {name: getattr(self, name) for name in self.param_names}

    @property
    def grads(self) -> dict[str, np.ndarray]:
        """The gradient of the loss with respect to each parameter, from the last backward."""
        return {name: getattr(self, "grad_" + name) for name in self.param_names}

    def _check_grad(self, grad_output: np.ndarray, kept: np.ndarray | None) -> None:
        """Refuse a backward that came before forward, or a gradient of the wrong shape."""
        if kept is None:
            raise NotReadyError(message("layer.backward_first", layer=self.label))
        if np.shape(grad_output) != kept.shape:
            raise ShapeError(message("layer.grad_shape", layer=self.label, expected=kept.shape,
                                     got=describe(grad_output)))


class Sigmoid(Layer):
    """out = 1 / (1 + exp(-x));  backward: grad_output · out · (1 − out).  Shapes: x, out and both gradients alike.

    The plain formulas, bit for bit, for every |x| ≤ 15: the lessons' printed numbers depend on them.
    Beyond, two corners need another form of the same function: below x ≈ −709.8 exp(−x) overflows,
    and there σ(x) = eˣ to double precision; above 15, 1 − out has lost digits to rounding (all of
    them from x ≈ 37 on), and there 1 − σ(x) = e^(−x) · σ(x), which keeps them.
    """

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.out: np.ndarray | None = None
        self.complement: np.ndarray | None = None       # 1 − out, kept only when some |x| > 15

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Squash every entry into (0, 1) and keep the result (σ' is written in terms of σ); return a copy."""
        if np.abs(x).max() <= 15:
            self.out, self.complement = 1 / (1 + np.exp(-x)), None
        else:
            self.out, self.complement = sigmoid_far_out(x)
        return self.out.copy()

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """dL/dx = dL/dout · σ(x)(1 − σ(x)), with 1 − σ(x) = 1 − out unless forward kept a more precise one."""
        self._check_grad(grad_output, self.out)
        complement = 1 - self.out if self.complement is None else self.complement
        return grad_output * (self.out * complement)

    def __repr__(self) -> str:
        return f"Sigmoid(name={self.name!r})"


def sigmoid_far_out(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """σ(x) and 1 − σ(x) for a batch with some |x| > 15; entries with |x| ≤ 15 get the plain formulas' bits."""
    with np.errstate(over="ignore", invalid="ignore"):  # only in the branches np.where discards
        exp_neg = np.exp(-x)
        out = np.where(exp_neg == np.inf, np.exp(x), 1 / (1 + exp_neg))     # σ(x) = eˣ below −709.8
        complement = np.where(exp_neg < EXP_NEG_15, exp_neg * out, 1 - out)  # 1 − σ(x) = e^(−x)·σ(x) above 15
    return out, complement


class ReLU(Layer):
    """out = max(0, x);  backward lets the gradient through where x > 0 and blocks it elsewhere.

    Shapes: x, out and both gradients alike.
    """

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.mask: np.ndarray | None = None

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Keep which entries were positive: that is all backward needs."""
        self.mask = x > 0
        return np.where(self.mask, x, 0.0)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """dL/dx = dL/dout where x > 0, else 0 (a new array: the incoming one is left untouched)."""
        self._check_grad(grad_output, self.mask)
        return np.where(self.mask, grad_output, 0.0)

    def __repr__(self) -> str:
        return f"ReLU(name={self.name!r})"


class Affine(Layer):
    """out = x @ weights + bias for a batch x of shape (N, D); weights (D, M), bias (M,) or None.

    backward:  grad_x = grad_output @ weightsᵀ,  grad_weights = xᵀ @ grad_output,
               grad_bias = grad_output summed over the batch (every sample used the same bias).
    Shapes: x (N, D), out and grad_output (N, M), grad_x (N, D), grad_weights (D, M), grad_bias (M,).

    Teaching choice: forward keeps a reference to the batch x, not a copy, as document 003's Affine
    does (a copy per step would cost time and memory for nothing in a normal training loop). Changing
    x in place between forward and backward therefore changes grad_weights.
    """

    def __init__(self, weights: np.ndarray, bias: np.ndarray | None = None,
                 name: str | None = None) -> None:
        super().__init__(name)
        self.weights = np.array(weights, dtype=np.float64)
        if self.weights.ndim != 2:
            raise ShapeError(
                f"{self.label}: weights must be a 2-D array of shape (inputs, outputs), "
                f"got {describe(weights)}. For one input and one output use [[w]]."
            )
        n_outputs = self.weights.shape[1]
        if bias is None:
            self.bias = None
            self.param_names = ("weights",)
        else:
            self.bias = np.array(bias, dtype=np.float64).reshape(-1)
            if self.bias.shape != (n_outputs,):
                raise ShapeError(
                    f"{self.label}: bias must hold one number per output, shape ({n_outputs},), "
                    f"got {describe(bias)}."
                )
            self.param_names = ("weights", "bias")
        self.x: np.ndarray | None = None
        self.grad_weights: np.ndarray | None = None
        self.grad_bias: np.ndarray | None = None

    @classmethod
    def random(cls, n_inputs: int, n_outputs: int, rng: np.random.RandomState,
               bias: bool = True, name: str | None = None) -> "Affine":
        """Standard-normal weights drawn as ``rng.randn(n_inputs, n_outputs)``, zero bias."""
        weights = rng.randn(n_inputs, n_outputs)
        return cls(weights, np.zeros(n_outputs) if bias else None, name=name)

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Weighted sums of a batch: row n of the output belongs to sample n."""
        n_inputs = self.weights.shape[0]
        if np.ndim(x) != 2 or np.shape(x)[1] != n_inputs:
            hint = (message("affine.batch_hint") if np.ndim(x) == 1 and np.shape(x)[0] == n_inputs else "")
            raise ShapeError(message("affine.input_shape", layer=self.label, inputs=n_inputs, got=describe(x),
                                     hint=hint))
        self.x = x
        out = x @ self.weights
        if self.bias is not None:
            out = out + self.bias
        return out

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Store grad_weights and grad_bias; return the gradient for the layer below."""
        if self.x is None:
            raise NotReadyError(message("affine.backward_first", layer=self.label))
        expected = (self.x.shape[0], self.weights.shape[1])
        if np.shape(grad_output) != expected:
            raise ShapeError(message("affine.grad_shape", layer=self.label, expected=expected,
                                     got=describe(grad_output)))
        self.grad_weights = self.x.T @ grad_output
        if self.bias is not None:
            self.grad_bias = grad_output.sum(axis=0)
        return grad_output @ self.weights.T

    def __repr__(self) -> str:
        n_in, n_out = self.weights.shape
        bias = "with bias" if self.bias is not None else "no bias"
        return f"Affine({n_in}→{n_out}, {bias}, name={self.name!r})"
