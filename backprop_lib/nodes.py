"""Add and Mul nodes of a computational graph (계산 그래프), the apple-shop example of document 003.

Each node remembers what backward needs during forward, and backward applies the local
derivative to the gradient that flows in from the right (연쇄 법칙, the chain rule).
Works on plain numbers and on numpy arrays. When numpy broadcasts an input (a (3,) row added to
every row of a (4, 3) batch), that input was used once per row, so its gradient is the sum of
the gradients of all those uses: ``sum_to_shape`` adds them back up to the input's own shape.
"""

from __future__ import annotations

import numpy as np

from .errors import require_forward
from .messages import message


def sum_to_shape(grad: float | np.ndarray, shape: tuple[int, ...]) -> float | np.ndarray:
    """Sum ``grad`` over the axes broadcasting added or stretched, so it has the input's ``shape`` again.

    Axes numpy put in front are summed away; axes where the input had size 1 are summed and kept
    (keepdims). A gradient that already has ``shape`` is returned as it is, so plain numbers stay plain.
    """
    if np.shape(grad) == shape:
        return grad
    grad = np.broadcast_to(grad, np.broadcast_shapes(np.shape(grad), shape))  # a scalar seed such as 1.0
    added = grad.ndim - len(shape)
    stretched = tuple(added + axis for axis, size in enumerate(shape) if size == 1)
    summed = grad.sum(axis=tuple(range(added)) + stretched, keepdims=True).reshape(shape)
    return summed if shape else float(summed)


class Mul:
    """z = x * y.  Backward swaps the inputs: dz/dx = y, dz/dy = x.

    Shapes: x and y are numbers or arrays that broadcast together; z has the broadcast shape;
    backward returns one gradient with the shape of x and one with the shape of y.
    Teaching choice: forward keeps x and y themselves (no copies), as document 003's nodes do;
    an input changed in place between forward and backward changes the gradients.
    """

    def __init__(self, name: str = "mul") -> None:
        self.name = name
        self.x = None
        self.y = None

    def forward(self, x: float | np.ndarray, y: float | np.ndarray) -> float | np.ndarray:
        """Multiply and keep both inputs for the backward pass."""
        self.x, self.y = x, y
        return x * y

    def backward(self, grad_output: float | np.ndarray = 1.0) -> tuple[float | np.ndarray, float | np.ndarray]:
        """Return (dL/dx, dL/dy) = (grad_output * y, grad_output * x), each summed back to its input's shape."""
        require_forward(self.x is not None, self.name, message("error.nodes.forward_fix", call="forward(x, y)"))
        return (
            sum_to_shape(grad_output * self.y, np.shape(self.x)),
            sum_to_shape(grad_output * self.x, np.shape(self.y)),
        )

    def __repr__(self) -> str:
        return f"Mul(name={self.name!r}, x={self.x!r}, y={self.y!r})"


class Add:
    """z = x + y.  Backward passes the gradient unchanged to both inputs.

    Shapes: x and y are numbers or arrays that broadcast together; z has the broadcast shape;
    backward returns one gradient with the shape of x and one with the shape of y.
    """

    def __init__(self, name: str = "add") -> None:
        self.name = name
        self.ran_forward = False
        self.x_shape = self.y_shape = self.out_shape = ()

    def forward(self, x: float | np.ndarray, y: float | np.ndarray) -> float | np.ndarray:
        """Add; only the shapes need to be kept, the local derivatives are both 1."""
        self.ran_forward = True
        out = x + y
        self.x_shape, self.y_shape, self.out_shape = np.shape(x), np.shape(y), np.shape(out)
        return out

    def backward(self, grad_output: float | np.ndarray = 1.0) -> tuple[float | np.ndarray, float | np.ndarray]:
        """Return (dL/dx, dL/dy) = (grad_output, grad_output), each summed back to its input's shape."""
        require_forward(self.ran_forward, self.name, message("error.nodes.forward_fix", call="forward(x, y)"))
        if np.shape(grad_output) != self.out_shape:  # a seed such as 1.0 stands for every entry of z
            grad_output = np.full(self.out_shape, grad_output)
        return sum_to_shape(grad_output * 1, self.x_shape), sum_to_shape(grad_output * 1, self.y_shape)

    def __repr__(self) -> str:
        return f"Add(name={self.name!r})"


class Branch:
    """One value used in two places: forward hands it on twice, backward adds the two gradients.

    Shapes: backward's two gradients have the shape of x, and so does their sum.
    Teaching choice: forward returns the very same object twice (the graph's "copy" is a second
    reference, as in document 003), so changing one of them in place changes the other.
    """

    def __init__(self, name: str = "branch") -> None:
        self.name = name
        self.ran_forward = False

    def forward(self, x: float | np.ndarray) -> tuple[float | np.ndarray, float | np.ndarray]:
        """Hand the same value to two consumers."""
        self.ran_forward = True
        return x, x

    def backward(self, grad_first: float | np.ndarray, grad_second: float | np.ndarray) -> float | np.ndarray:
        """The gradients of both uses add up (the multivariable chain rule)."""
        require_forward(self.ran_forward, self.name, message("error.nodes.forward_fix", call="forward(x)"))
        return grad_first + grad_second

    def __repr__(self) -> str:
        return f"Branch(name={self.name!r})"
