"""Optimizers: SGD (what every document uses), Momentum and Adam (named in document 001).

Each one updates parameters in place from a dict of parameters and a dict of their gradients
with the same names, so one optimizer serves every network.
"""

from __future__ import annotations

import numpy as np

from .errors import NotReadyError, fraction, positive_number
from .messages import message


def check_learning_rate(learning_rate: object, who: str) -> float:
    """Return the learning rate as a float, or explain why it cannot be one."""
    return positive_number(learning_rate, f"{who}: learning_rate", "0.1")


def gradient_of(grads: dict[str, np.ndarray], name: str, who: str) -> np.ndarray:
    """The gradient of parameter ``name``, or a clear error when no backward pass has produced one yet."""
    grad = grads.get(name)
    if grad is None:
        raise NotReadyError(message("error.optimizers.no_gradient", who=who, name=repr(name)))
    return grad


class SGD:
    """Plain gradient descent (경사 하강법): w ← w − η · ∂L/∂w."""

    def __init__(self, learning_rate: float = 0.1) -> None:
        self.learning_rate = check_learning_rate(learning_rate, "SGD")

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Move every parameter a small step against its gradient."""
        for name, param in params.items():
            param -= self.learning_rate * gradient_of(grads, name, "SGD")

    def __repr__(self) -> str:
        return f"SGD(learning_rate={self.learning_rate})"


class Momentum:
    """Gradient descent with a velocity: v ← μ·v − η·g,  w ← w + v."""

    def __init__(self, learning_rate: float = 0.01, momentum: float = 0.9) -> None:
        self.learning_rate = check_learning_rate(learning_rate, "Momentum")
        self.momentum = fraction(momentum, "Momentum: momentum", "0.9")
        self.velocity: dict[str, np.ndarray] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Keep a running velocity per parameter and move along it."""
        for name, param in params.items():
            velocity = self.velocity.get(name, np.zeros_like(param))
            velocity = self.momentum * velocity - self.learning_rate * gradient_of(grads, name, "Momentum")
            self.velocity[name] = velocity
            param += velocity

    def __repr__(self) -> str:
        return f"Momentum(learning_rate={self.learning_rate}, momentum={self.momentum})"


class Adam:
    """Adam: running means of the gradient (m) and its square (v), bias-corrected, then w ← w − η·m̂/(√v̂ + ε)."""

    def __init__(
        self, learning_rate: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8
    ) -> None:
        self.learning_rate = check_learning_rate(learning_rate, "Adam")
        self.beta1 = fraction(beta1, "Adam: beta1", "0.9")
        self.beta2 = fraction(beta2, "Adam: beta2", "0.999")
        self.epsilon = positive_number(epsilon, "Adam: epsilon", "1e-8")
        self.steps: dict[str, int] = {}  # per parameter, as in PyTorch: one that joins later starts at 1
        self.first_moment: dict[str, np.ndarray] = {}
        self.second_moment: dict[str, np.ndarray] = {}

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """One Adam step for every parameter, bias-corrected by that parameter's own step count t."""
        for name, param in params.items():
            grad = gradient_of(grads, name, "Adam")
            t = self.steps[name] = self.steps.get(name, 0) + 1
            m = self.beta1 * self.first_moment.get(name, 0.0) + (1 - self.beta1) * grad
            v = self.beta2 * self.second_moment.get(name, 0.0) + (1 - self.beta2) * grad**2
            self.first_moment[name], self.second_moment[name] = m, v
            m_hat = m / (1 - self.beta1**t)
            v_hat = v / (1 - self.beta2**t)
            param -= self.learning_rate * m_hat / (np.sqrt(v_hat) + self.epsilon)

    def __repr__(self) -> str:
        return f"Adam(learning_rate={self.learning_rate}, beta1={self.beta1}, beta2={self.beta2})"
