"""Add and Mul nodes of a computational graph (계산 그래프), the apple-shop example of document 003.

Each node remembers what backward needs during forward, and backward applies the local
derivative to the gradient that flows in from the right (연쇄 법칙, the chain rule).
Works on plain numbers and on numpy arrays of the same shape.
"""
from __future__ import annotations

from .errors import NotReadyError


class Mul:
    """z = x * y.  Backward swaps the inputs: dz/dx = y, dz/dy = x."""

    def __init__(self, name: str = "mul") -> None:
        self.name = name
        self.x = None
        self.y = None

    def forward(self, x, y):
        """Multiply and keep both inputs for the backward pass."""
        self.x, self.y = x, y
        return x * y

    def backward(self, grad_output=1.0):
        """Return (dL/dx, dL/dy) = (grad_output * y, grad_output * x)."""
        if self.x is None:
            raise NotReadyError(
                f"{self.name}: backward() was called before forward(). "
                "Run forward(x, y) first so the node knows its inputs."
            )
        return grad_output * self.y, grad_output * self.x

    def __repr__(self) -> str:
        return f"Mul(name={self.name!r}, x={self.x!r}, y={self.y!r})"


class Add:
    """z = x + y.  Backward passes the gradient unchanged to both inputs."""

    def __init__(self, name: str = "add") -> None:
        self.name = name
        self.ran_forward = False

    def forward(self, x, y):
        """Add; nothing needs to be kept, the local derivatives are both 1."""
        self.ran_forward = True
        return x + y

    def backward(self, grad_output=1.0):
        """Return (dL/dx, dL/dy) = (grad_output, grad_output)."""
        if not self.ran_forward:
            raise NotReadyError(
                f"{self.name}: backward() was called before forward(). Run forward(x, y) first."
            )
        return grad_output * 1, grad_output * 1

    def __repr__(self) -> str:
        return f"Add(name={self.name!r})"


class Branch:
    """One value used in two places: forward copies it, backward adds the two gradients."""

    def __init__(self, name: str = "branch") -> None:
        self.name = name
        self.ran_forward = False

    def forward(self, x):
        """Hand the same value to two consumers."""
        self.ran_forward = True
        return x, x

    def backward(self, grad_first, grad_second):
        """The gradients of both uses add up (the multivariable chain rule)."""
        if not self.ran_forward:
            raise NotReadyError(
                f"{self.name}: backward() was called before forward(). Run forward(x) first."
            )
        return grad_first + grad_second

    def __repr__(self) -> str:
        return f"Branch(name={self.name!r})"
