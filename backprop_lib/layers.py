"""Layers with forward and backward: Sigmoid, ReLU and Affine (documents 002, 003, 004).

A layer keeps what its backward pass needs while it runs forward, like the nodes of a
computational graph. Batches come first: an input of shape (N, D) holds N samples of D features.
Parameters live in attributes (``weights``, ``bias``) and their gradients beside them
(``grad_weights``, ``grad_bias``); ``param_names`` lists them for the network and optimizers.
"""

from __future__ import annotations

import numpy as np

from .errors import ShapeError, describe, require_forward
from .messages import message

EXP_NEG_15 = np.exp(-15.0)  # Sigmoid: exp(−x) below this means x > 15, where 1 − σ(x) takes its other form


class Layer:
    """What every layer shares: a name, its parameter names, forward/backward, and a guard for backward.

    Shapes: forward takes a batch x (N, D) and returns out (N, M); backward takes grad_output, the
    gradient of the loss with respect to out (N, M), and returns the gradient with respect to x (N, D).
    """

    param_names: tuple[str, ...] = ()

    def __init__(self, name: str | None = None) -> None:
        self.name = name

    def forward(self, x: np.ndarray) -> np.ndarray:
        """out = f(x), keeping what backward needs.  Shapes: x (N, D) → out (N, M)."""
        raise NotImplementedError(message("error.layers.must_define", layer=type(self).__name__, method="forward(x)"))

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """dL/dx from dL/dout, storing each parameter's gradient.  Shapes: grad_output (N, M) → (N, D)."""
        raise NotImplementedError(
            message("error.layers.must_define", layer=type(self).__name__, method="backward(grad_output)")
        )

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

    def _check_grad(
        self, grad_output: np.ndarray, kept: np.ndarray | None, out_shape: tuple[int, ...] | None = None
    ) -> None:
        """Refuse a backward that came before forward, or a gradient unlike the output (default: kept's shape)."""
        expected = None if kept is None else kept.shape if out_shape is None else out_shape
        if (grad_output.shape if isinstance(grad_output, np.ndarray) else np.shape(grad_output)) == expected:
            return  # the usual case, checked without building a message
        require_forward(kept is not None, self.label, message("layer.forward_fix"))
        raise ShapeError(message("layer.grad_shape", layer=self.label, expected=expected, got=describe(grad_output)))


class Sigmoid(Layer):
    """out = 1 / (1 + exp(−x));  backward: grad_x = grad_output · out · (1 − out).

    Shapes: x (N, D) → out (N, D);  grad_output (N, D) → grad_x (N, D).
    The plain formulas, bit for bit, for every |x| ≤ 15: the lessons' printed numbers depend on them.
    Beyond, two corners need another form of the same function: below x ≈ −709.8 exp(−x) overflows,
    and there σ(x) = eˣ to double precision; above 15, 1 − out has lost digits to rounding (all of
    them from x ≈ 37 on), and there 1 − σ(x) = e^(−x) · σ(x), which keeps them.
    """

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.out: np.ndarray | None = None
        self.slope: np.ndarray | None = None  # σ'(x) = out · (1 − out), kept by forward for backward

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Squash every entry into (0, 1), keeping the slope out · (1 − out).  Shapes: x (N, D) → out (N, D).

        Backward needs only the slope, so the caller may change the returned out in place.
        """
        x = np.asarray(x)  # a nested list works too
        magnitude = np.abs(x)  # largest |x| by argmax: a plain loop, a quarter of a max reduction's cost
        # a NaN counts as largest and takes the careful form; an empty batch has no largest
        if magnitude.size == 0 or magnitude.item(magnitude.argmax()) <= 15:
            out = np.reciprocal(1 + np.exp(-x))  # 1 / (1 + e^(−x)): the same division, one scalar less
            complement = 1 - out
        else:
            out, complement = sigmoid_far_out(x)
        self.out, self.slope = out, out * complement
        return out

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """grad_x = grad_output · out · (1 − out), the slope forward kept.  Shapes: (N, D) → (N, D).

        A subclass whose forward keeps only ``out`` (lesson 03's tanh form) gets out · (1 − out) from it.
        """
        self._check_grad(grad_output, self.out)
        slope = self.out * (1 - self.out) if self.slope is None else self.slope
        return grad_output * slope

    def __repr__(self) -> str:
        return f"Sigmoid(name={self.name!r})"


def sigmoid_far_out(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """σ(x) and 1 − σ(x) for a batch with some |x| > 15; entries with |x| ≤ 15 get the plain formulas' bits."""
    with np.errstate(over="ignore", invalid="ignore"):  # only in the branches np.where discards
        exp_neg = np.exp(-x)
        out = np.where(exp_neg == np.inf, np.exp(x), 1 / (1 + exp_neg))  # σ(x) = eˣ below −709.8
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
        """out = max(0, x), keeping which entries were positive.  Shapes: x (N, D) → out (N, D)."""
        x = np.asarray(x)  # a nested list works too
        self.mask = x > 0
        return np.where(self.mask, x, 0.0)

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """grad_x = grad_output where x > 0, else 0, as a new array.  Shapes: (N, D) → (N, D)."""
        self._check_grad(grad_output, self.mask)
        return np.where(self.mask, grad_output, 0.0)

    def __repr__(self) -> str:
        return f"ReLU(name={self.name!r})"


class Affine(Layer):
    """out = x · weights + bias for a batch x of shape (N, D); weights (D, M), bias (M,) or None.

    backward:  grad_x = grad_output · weightsᵀ,  grad_weights = xᵀ · grad_output,
               grad_bias = grad_output summed over the batch (every sample used the same bias).
    Shapes: x (N, D), out and grad_output (N, M), grad_x (N, D), grad_weights (D, M), grad_bias (M,).

    Teaching choice: forward keeps a reference to the batch x, not a copy, as document 003's Affine
    does (a copy per step would cost time and memory for nothing in a normal training loop). Changing
    x in place between forward and backward therefore changes grad_weights.
    """

    def __init__(self, weights: np.ndarray, bias: np.ndarray | None = None, name: str | None = None) -> None:
        super().__init__(name)
        self.weights = np.array(weights, dtype=np.float64)
        if self.weights.ndim != 2:
            raise ShapeError(message("error.layers.weights_shape", layer=self.label, got=describe(weights)))
        n_outputs = self.weights.shape[1]
        if bias is None:
            self.bias = None
            self.param_names = ("weights",)
        else:
            self.bias = np.array(bias, dtype=np.float64).reshape(-1)
            if self.bias.shape != (n_outputs,):
                raise ShapeError(
                    message("error.layers.bias_shape", layer=self.label, outputs=n_outputs, got=describe(bias))
                )
            self.param_names = ("weights", "bias")
        self.x: np.ndarray | None = None
        self.out_shape: tuple[int, int] | None = None
        self.grad_weights: np.ndarray | None = None
        self.grad_bias: np.ndarray | None = None

    @classmethod
    def random(
        cls, n_inputs: int, n_outputs: int, rng: np.random.RandomState, bias: bool = True, name: str | None = None
    ) -> Affine:
        """Standard-normal weights drawn as ``rng.randn(n_inputs, n_outputs)``, zero bias."""
        weights = rng.randn(n_inputs, n_outputs)
        return cls(weights, np.zeros(n_outputs) if bias else None, name=name)

    def forward(self, x: np.ndarray) -> np.ndarray:
        """out = x · weights + bias, row n for sample n.  Shapes: x (N, D) → out (N, M)."""
        x = np.asarray(x)  # a nested list works too; an array is kept as it is (not copied)
        n_inputs, shape = self.weights.shape[0], x.shape
        if len(shape) != 2 or shape[1] != n_inputs:
            hint = message("affine.batch_hint") if shape == (n_inputs,) else ""
            raise ShapeError(
                message("affine.input_shape", layer=self.label, inputs=n_inputs, got=describe(x), hint=hint)
            )
        out = np.dot(x, self.weights)  # np.dot, not @: the same product, less call overhead on small arrays
        if self.bias is not None:
            out += self.bias
        self.x, self.out_shape = x, out.shape
        return out

    def backward(self, grad_output: np.ndarray) -> np.ndarray:
        """Store grad_weights and grad_bias; return grad_x.  Shapes: grad_output (N, M) → grad_x (N, D)."""
        self._check_grad(grad_output, self.x, self.out_shape)
        self.grad_weights = np.dot(self.x.T, grad_output)  # xᵀ · dout
        if self.bias is not None:
            self.grad_bias = grad_output.sum(axis=0)  # Σ rows of dout: every sample used b
        return np.dot(grad_output, self.weights.T)  # dout · Wᵀ

    def __repr__(self) -> str:
        n_in, n_out = self.weights.shape
        bias = "with bias" if self.bias is not None else "no bias"
        return f"Affine({n_in}→{n_out}, {bias}, name={self.name!r})"
