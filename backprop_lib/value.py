"""A scalar that remembers how it was made: automatic differentiation on a computational graph.

Every operation records its inputs and its local derivatives. ``backward()`` orders the graph
so each node comes after everything that uses it (reverse topological order) and pushes
gradients back with ``+=``: a value used twice receives the sum of both paths. This is what
autodiff frameworks do, at the size of a page. The ordering walks the graph with a list as its
stack rather than by recursion, so a loss summed over 100,000 terms (a graph 100,000 deep) works.
"""

from __future__ import annotations

import math

from .errors import DomainError
from .formatting import format_number
from .messages import message


class Value:
    """A number with a gradient ``grad`` = d(final output)/d(this value) after backward()."""

    def __init__(
        self, data: float, parents: tuple = (), local_grads: tuple = (), op: str = "", label: str = ""
    ) -> None:
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents  # the Values this one was computed from
        self.local_grads = local_grads  # d(this)/d(parent) for each parent, known at forward time
        self.op = op
        self.label = label

    @staticmethod
    def _wrap(other) -> Value:
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other) -> Value:
        other = self._wrap(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other) -> Value:
        other = self._wrap(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data), "*")

    def __neg__(self) -> Value:
        return self * -1.0

    def __sub__(self, other) -> Value:
        return self + (-self._wrap(other))

    def __pow__(self, exponent: float | Value) -> Value:
        """self ** exponent. A constant exponent p: d/dx = p·x^(p−1). A Value exponent b: d/db = a^b·ln a.

        At x = 0: x ** 0 is 1 with derivative 0 (a constant); x ** p for 0 < p < 1 (e.g. √x) is 0 with
        derivative inf, as PyTorch reports it: the tangent is vertical there. That inf (or nan, where it
        meets a zero gradient) then shows in every gradient it reaches, which is the honest answer.
        """
        if isinstance(exponent, Value):
            return self._power_of_value(exponent)
        check_power(self.data, exponent)
        if exponent == 0:
            local = 0.0  # x ** 0 is the constant 1, at x = 0 too
        elif self.data == 0 and exponent < 1:
            local = math.inf  # e.g. √x: its slope grows without bound as x → 0⁺
        else:
            local = exponent * self.data ** (exponent - 1)
        return Value(self.data**exponent, (self,), (local,), f"**{exponent}")

    def _power_of_value(self, exponent: Value) -> Value:
        """a ** b with both a and b Values: d/da = b·a^(b−1), d/db = a^b·ln a, defined for a > 0."""
        a, b = self.data, exponent.data
        if a <= 0:
            raise DomainError(
                message("error.value.power_of_value", base=format_number(a, "g"), exponent=format_number(b, "g"))
            )
        out = a**b
        return Value(out, (self, exponent), (b * a ** (b - 1), out * math.log(a)), "**")

    def __truediv__(self, other) -> Value:
        return self * self._wrap(other) ** -1.0

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other) -> Value:
        return self._wrap(other) - self

    def __rtruediv__(self, other) -> Value:
        return self._wrap(other) / self

    def __rpow__(self, base) -> Value:
        return self._wrap(base) ** self

    def exp(self) -> Value:
        """eˣ with d/dx = eˣ: the function that is its own derivative."""
        try:
            out = math.exp(self.data)
        except OverflowError:  # x above about 709.78: eˣ is larger than any float
            raise DomainError(message("error.value.exp", got=format_number(self.data, ".6g"))) from None
        return Value(out, (self,), (out,), "exp")

    def log(self) -> Value:
        """ln x with d/dx = 1/x, defined for x > 0 only: a zero or negative input is a DomainError, not a math error."""
        if self.data <= 0:  # NaN passes through, as every other operation lets it
            raise DomainError(message("error.value.log", got=format_number(self.data, "g")))
        return Value(math.log(self.data), (self,), (1.0 / self.data,), "log")

    def sigmoid(self) -> Value:
        """σ(x) = 1 / (1 + e^(−x)) with dσ/dx = σ(1 − σ)."""
        try:
            s = 1.0 / (1.0 + math.exp(-self.data))
        except OverflowError:  # x below about −709.78: e^(−x) overflows, and there σ(x) = eˣ to double precision
            s = math.exp(self.data)
        return Value(s, (self,), (s * (1.0 - s),), "sigmoid")

    def tanh(self) -> Value:
        """tanh x with d/dx = 1 − tanh² x."""
        t = math.tanh(self.data)
        return Value(t, (self,), (1.0 - t * t,), "tanh")

    def relu(self) -> Value:
        """max(x, 0) with d/dx = 1 where x > 0, else 0 (the kink at 0 gets 0)."""
        return Value(max(self.data, 0.0), (self,), (1.0 if self.data > 0 else 0.0,), "relu")

    def graph_order(self) -> list[Value]:
        """Every value this one depends on, each listed after all of its parents (topological order).

        A depth-first walk: a node is listed once all its parents are. The stack holds each node
        being visited with an iterator over the parents it has still to visit; a list, not recursion,
        so the depth of the graph is not limited by Python's recursion limit (about 1,000 calls).
        """
        order, visited = [], {id(self)}
        stack = [(self, iter(self.parents))]
        while stack:
            node, parents = stack[-1]
            for parent in parents:
                if id(parent) not in visited:
                    visited.add(id(parent))
                    stack.append((parent, iter(parent.parents)))
                    break
            else:  # every parent is listed: list the node itself
                stack.pop()
                order.append(node)
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


def check_power(base: float, exponent: float) -> None:
    """Refuse base ** exponent where it is not a real number: 0 to a negative power, a negative base to a fraction."""
    if base == 0 and exponent < 0:
        raise DomainError(message("error.value.zero_base", exponent=format_number(exponent, "g")))
    if base < 0 and not float(exponent).is_integer():
        raise DomainError(
            message("error.value.negative_base", exponent=format_number(exponent, "g"), base=format_number(base, "g"))
        )
