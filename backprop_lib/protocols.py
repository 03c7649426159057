"""The duck-typed objects the library accepts, named for type hints: any class with these methods works.

Nothing checks them at run time: a student's own layer, loss or optimizer passes wherever a course class
does, as long as it has the same methods. Parameters are positional-only, so their names may differ.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class Model(Protocol):
    """A layer or network (forward a batch, backward its outputs' gradient): what is run, checked and explored."""

    def forward(self, x: np.ndarray, /) -> np.ndarray: ...

    def backward(self, grad_output: np.ndarray, /) -> np.ndarray: ...


class Node(Protocol):
    """A two-input node of a computational graph (Mul, Add, a student's own): gradient_check checks these too."""

    def forward(self, x: float | np.ndarray, y: float | np.ndarray, /) -> float | np.ndarray: ...

    def backward(self, grad_output: float | np.ndarray, /) -> tuple[float | np.ndarray, float | np.ndarray]: ...


class LossFunction(Protocol):
    """A loss (forward scores outputs against targets, backward starts backprop): what the training loops minimise."""

    def forward(self, outputs: np.ndarray, targets: np.ndarray, /) -> float: ...

    def backward(self) -> np.ndarray: ...


class Optimizer(Protocol):
    """An optimizer: step updates every parameter in place from the gradient of the same name, so any one trains."""

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray], /) -> None: ...


class GraphValue(Protocol):
    """A scalar of an autograd engine (the course's Value, or micrograd's): what the graph figures draw."""

    data: float
    grad: float
