"""Lesson generation from a solution's answer cells and metadata: stubs for the regions, clear errors for mistakes."""

from __future__ import annotations

import nbformat
import pytest

from course_tools.lessons import AuthoringError, exercises, stub_source


def test_a_region_assigning_several_names_in_one_line_gets_one_stub_line_each():
    stub = stub_source("# BEGIN SOLUTION\na, b, c = 1, 2, 3\n# END SOLUTION", 1, "cell ex1")
    assert [line.split(" = ")[0] for line in stub.split("\n")] == ["a", "b", "c"]
    assert all(line.split(" = ")[1].startswith("...") for line in stub.split("\n"))


def test_a_region_inside_a_def_becomes_a_raise_at_its_indentation():
    stub = stub_source("def half(x):\n    # BEGIN SOLUTION\n    return x / 2\n    # END SOLUTION", 2, "cell ex2")
    assert stub.startswith("def half(x):\n    raise NotImplementedError(")
    assert "return x / 2" not in stub


@pytest.mark.parametrize(
    "source, says",
    [
        ("x = 1", "needs a # BEGIN SOLUTION"),
        ("x = 0\n# BEGIN SOLUTION\n# a comment only\n# END SOLUTION", "assigns none"),
        ("# BEGIN SOLUTION\nx = 1", "without # END SOLUTION"),
        ("# BEGIN SOLUTION\nprint(1)\n# END SOLUTION", "may only assign names"),
    ],
)
def test_a_region_the_generator_cannot_stub_is_refused_with_the_cell_named(source, says):
    with pytest.raises(AuthoringError, match="cell ex3") as error:
        stub_source(source, 3, "cell ex3")
    assert says in str(error.value)


@pytest.mark.parametrize(
    "meta, says",
    [
        ({"role": "answer", "points": 1}, '"number" must be an integer, got None'),
        ({"role": "check", "number": "2"}, "\"number\" must be an integer, got '2'"),
        ({"role": "answer", "number": 2, "points": "1"}, "\"points\" must be a number, got '1'"),
    ],
)
def test_exercise_metadata_without_a_usable_number_is_refused_with_the_cell_named(meta, says):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("x = 1", id="ex2", metadata={"exercise": meta})]
    with pytest.raises(AuthoringError, match="^solutions/07_demo.ipynb cell ex2: ") as error:
        exercises(notebook, "solutions/07_demo.ipynb")
    assert says in str(error.value)
