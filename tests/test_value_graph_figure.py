"""The figure of a scalar expression's graph, read from its root (backprop_lib.figures.graphs.value_graph)."""

import pytest

from backprop_lib import Value
from backprop_lib.figures.graphs import (
    describe_value_graph,
    draw_value_graph,
    value_graph,
)


class MicroValue:
    """A minimal engine with micrograd's attribute names, as a student writes it."""

    def __init__(self, data, _prev=(), _op="", label=""):
        self.data, self.grad, self._prev, self._op, self.label = data, 0.0, tuple(_prev), _op, label


def test_the_graph_of_a_library_value_has_one_edge_per_parent_and_the_output():
    x, y = Value(2.0, label="x"), Value(-3.0, label="y")
    f = x * y + x
    f.backward()
    nodes, edges, _ = value_graph(f)
    labels = sorted(node.label for node in nodes)
    assert labels == sorted(["x", "y", "×", "+", "out"])
    by_source = {(edge.source, edge.target): edge for edge in edges}
    assert len(edges) == 5  # x→×, y→×, ×→+, x→+, +→out
    x_edges = [edge for (source, _), edge in by_source.items() if source == "x"]  # a label names its value
    assert [edge.gradient for edge in x_edges] == [-2.0, -2.0]  # the total gradient of x on each edge
    assert by_source[("v3", "output")].forward == -4.0


def test_a_value_used_twice_by_one_operation_gets_one_edge_and_the_student_names_are_read():
    x = MicroValue(3.0, label="x")
    square = MicroValue(9.0, (x, x), "*")
    _, edges, _ = value_graph(square)
    assert [(edge.source, edge.target) for edge in edges] == [("x", "v1"), ("v1", "output")]
    assert describe_value_graph(square).splitlines() == ["x: input = 3, gradient 0", "v1: × of (x, x) = 9, gradient 0"]


def test_inputs_sit_left_of_their_first_use_and_every_operation_right_of_its_parents():
    a, b, c = Value(1.0, label="a"), Value(2.0, label="b"), Value(0.5, label="c")
    f = ((a * b).sigmoid() + c).relu()
    nodes, edges, _ = value_graph(f)
    x_of = {node.name: node.position[0] for node in nodes}
    assert all(x_of[edge.source] < x_of[edge.target] for edge in edges)
    label_x = {node.label: node.position[0] for node in nodes}
    assert label_x["c"] == pytest.approx(label_x["+"] - 1.9)  # c sits next to the + it feeds


def test_a_label_names_its_value_only_where_no_other_value_carries_it():
    twins = Value(1.0, label="x") + Value(2.0, label="x")
    named = Value(1.0, label="v1") + Value(2.0, label="w")  # "v1" is the second value's position name
    assert [edge.source for edge in value_graph(twins)[1]] == ["v0", "v1", "v2"]
    assert [edge.source for edge in value_graph(named)[1]] == ["v0", "w", "v2"]


def test_a_value_without_parents_attributes_gets_a_clear_error_and_a_figure_is_drawn():
    with pytest.raises(TypeError, match="_prev"):
        value_graph(3.0)
    x = Value(0.5, label="x")
    figure = draw_value_graph(x.exp() * x, title="e^x · x")
    assert figure.axes[0].get_title() == "e^x · x"
