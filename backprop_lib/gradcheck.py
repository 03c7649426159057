"""Numerical gradient checking (수치 미분): compare backprop's gradients with central differences.

Backprop gets every gradient from one backward sweep; the numerical gradient needs two extra
forward passes per parameter, which is slow but independent, so it is the referee.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .formatting import display_width, format_number, pad
from .losses import Loss
from .messages import message
from .protocols import LossFunction, Model, Node


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """∂f/∂x by central differences (f(x + ε) − f(x − ε)) / 2ε, nudging x in place one entry at a time."""
    grad = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        f_plus = f()
        x[index] = original - eps
        f_minus = f()
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """‖a − n‖ / (‖a‖ + ‖n‖): 0 when they agree, about 1 when they have nothing in common."""
    analytic, numeric = np.asarray(analytic, float), np.asarray(numeric, float)
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return float(np.linalg.norm(analytic - numeric) / max(scale, 1e-12))


@dataclass
class GradientReport:
    """Per name ("input", "affine1.weights", …): the backprop gradient, the numerical one, their relative error."""

    analytic: dict[str, np.ndarray]
    numeric: dict[str, np.ndarray]
    errors: dict[str, float]
    tolerance: float = 1e-7

    @property
    def max_error(self) -> float:
        """The worst relative error over every checked array."""
        return max(self.errors.values())

    @property
    def ok(self) -> bool:
        """True when every relative error is below the tolerance."""
        return self.max_error < self.tolerance

    def __str__(self) -> str:
        """A table whose text is the same on every machine: agreement is shown against the tolerance.

        Tiny relative errors (1e-10 or so) vary in their digits between machines, so an array that
        agrees is shown as "< tolerance"; one that differs shows its error to two digits.
        """
        gradient, relative, verdict = (message(f"gradcheck.{key}") for key in ("gradient", "relative", "verdict"))
        rows = {_row_name(name): error for name, error in self.errors.items()}
        width = max(display_width(gradient), *(display_width(name) for name in rows))
        lines = [f"{pad(gradient, width)}  {pad(relative, 14)}  {verdict}"]
        for name, error in rows.items():
            if error < self.tolerance:
                shown, word = "< " + format_number(self.tolerance, ".0e"), message("gradcheck.agrees")
            else:
                shown, word = format_number(error, ".2g"), message("gradcheck.differs")
            lines.append(f"{pad(name, width)}  {pad(shown, 14)}  {word}")
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


def gradient_check(
    model: Model | Node | Loss,
    *inputs: np.ndarray,
    targets: np.ndarray | None = None,
    loss: LossFunction | None = None,
    eps: float = 1e-5,
    tolerance: float = 1e-7,
    seed: int = 0,
) -> GradientReport:
    """Check the backward pass of a layer, a node, a loss or a network against central differences.

    - a loss:            gradient_check(loss, outputs, targets=t)
    - a layer/network:   gradient_check(net, x, targets=t, loss=SoftmaxWithLoss()), or without a loss:
                         the output is reduced to one number by a fixed random weighting.
    - a two-input node:  gradient_check(Mul(), x, y)
    Inputs are copied to float64 first; the model's parameters are nudged in place and restored.
    """
    inputs = tuple(np.array(x, dtype=np.float64) for x in inputs)
    if isinstance(model, Loss):

        def value() -> float:
            return model.forward(inputs[0], targets)

        value()
        analytic = {"input": np.array(model.backward(), dtype=np.float64)}
        numeric = {"input": numerical_gradient(value, inputs[0], eps)}
        return _report(analytic, numeric, tolerance)

    def run() -> np.ndarray | float:
        return model.forward(*inputs)

    if loss is not None:

        def value() -> float:
            return loss.forward(run(), targets)

        value()
        grad_inputs = model.backward(loss.backward())
    else:
        out = run()
        weighting = np.random.default_rng(seed).standard_normal(np.shape(out))

        def value() -> float:
            return float(np.sum(run() * weighting))

        # a copy: a backward that writes into the array it is given must not change the weighting
        grad_inputs = model.backward(weighting.copy() if np.ndim(out) else float(weighting))
    if not isinstance(grad_inputs, tuple):
        grad_inputs = (grad_inputs,)
    names = ["input"] if len(inputs) == 1 else [f"input{i + 1}" for i in range(len(inputs))]
    analytic = {name: np.array(g, dtype=np.float64) for name, g in zip(names, grad_inputs)}
    params = model.params if hasattr(model, "params") else {}
    grads = model.grads if hasattr(model, "grads") else {}
    analytic.update({name: np.array(grads[name], dtype=np.float64) for name in params})
    numeric = {name: numerical_gradient(value, x, eps) for name, x in zip(names, inputs)}
    numeric.update({name: numerical_gradient(value, param, eps) for name, param in params.items()})
    return _report(analytic, numeric, tolerance)


def _row_name(name: str) -> str:
    """A row of the table: the inputs ("input", "input2") in the notebook's language, parameters by their names."""
    number = name.removeprefix("input")
    is_input = name.startswith("input") and (number == "" or number.isdigit())
    return message("gradcheck.input") + number if is_input else name


def _report(analytic, numeric, tolerance) -> GradientReport:
    errors = {name: relative_error(analytic[name], numeric[name]) for name in analytic}
    return GradientReport(analytic, numeric, errors, tolerance)
