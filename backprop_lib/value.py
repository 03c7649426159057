"""A scalar that remembers how it was made: automatic differentiation on a computational graph.

Every operation records its inputs and its local derivatives. ``backward()`` orders the graph
so each node comes after everything that uses it (reverse topological order) and pushes
gradients back with ``+=``: a value used twice receives the sum of both paths. This is what
autodiff frameworks do, at the size of a page.
"""
from __future__ import annotations

import math


class Value:
    """A number with a gradient ``grad`` = d(final output)/d(this value) after backward()."""

    def __init__(self, data: float, parents: tuple = (), local_grads: tuple = (), op: str = "",
                 label: str = "") -> None:
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents          # the Values this one was computed from
        self.local_grads = local_grads  # d(this)/d(parent) for each parent, known at forward time
        self.op = op
        self.label = label

    @staticmethod
    def _wrap(other) -> "Value":
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other) -> "Value":
        other = self._wrap(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other) -> "Value":
        other = self._wrap(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data), "*")

    def __neg__(self) -> "Value":
        return self * -1.0

    def __sub__(self, other) -> "Value":
        return self + (-self._wrap(other))

    def __pow__(self, exponent: float) -> "Value":
        return Value(self.data ** exponent, (self,), (exponent * self.data ** (exponent - 1),), f"**{exponent}")

    def __truediv__(self, other) -> "Value":
        return self * self._wrap(other) ** -1.0

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other) -> "Value":
        return self._wrap(other) - self

    def __rtruediv__(self, other) -> "Value":
        return self._wrap(other) / self

    def exp(self) -> "Value":
        out = math.exp(self.data)
        return Value(out, (self,), (out,), "exp")

    def log(self) -> "Value":
        return Value(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def sigmoid(self) -> "Value":
        s = 1.0 / (1.0 + math.exp(-self.data))
        return Value(s, (self,), (s * (1.0 - s),), "sigmoid")

    def relu(self) -> "Value":
        return Value(max(self.data, 0.0), (self,), (1.0 if self.data > 0 else 0.0,), "relu")

    def graph_order(self) -> list["Value"]:
        """Every value this one depends on, each listed after all of its parents (topological order)."""
        order, visited = [], set()

        def visit(node: "Value") -> None:
            if id(node) not in visited:
                visited.add(id(node))
                for parent in node.parents:
                    visit(parent)
                order.append(node)
        visit(self)
        return order

    def backward(self) -> None:
        """Set d(self)/d(node) into every node's ``grad``, walking the graph in reverse order.

        Gradients are *added* into ``grad``: call ``zero_grad()`` before a second backward,
        or the old gradients are counted again.
        """
        self.grad += 1.0
        for node in reversed(self.graph_order()):
            for parent, local in zip(node.parents, node.local_grads):
                parent.grad += local * node.grad

    def zero_grad(self) -> None:
        """Reset ``grad`` to 0 in this value and everything it depends on."""
        for node in self.graph_order():
            node.grad = 0.0

    def __repr__(self) -> str:
        name = f"{self.label}=" if self.label else ""
        return f"Value({name}{self.data:.6g}, grad={self.grad:.6g})"
