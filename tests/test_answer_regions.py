"""An answer written as top-level lines is graded by re-running the student's own cell on hidden inputs.

A hidden check holds a copy of the answer cell between `# BEGIN ANSWER <id>` and `# END ANSWER`
(course_tools.lessons.with_answers); the grader's splice and the mutant suite put the submitted
answer there, and the build refuses a copy that no longer matches its answer cell.
"""

from pathlib import Path

import nbformat
import pytest

from course_tools.grading import load_assignment
from course_tools.grading.splice import spliced_notebook
from course_tools.lessons import AuthoringError, check_answer_copies, exercises, read, with_answers

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = """def gradients_on(x_batch):
    # BEGIN ANSWER ex-answer
    grad_bias = x_batch.sum(axis=0)
    # END ANSWER
    return grad_bias
"""


def notebook_with(answer: str, hidden: str) -> nbformat.NotebookNode:
    answer_cell = nbformat.v4.new_code_cell(answer)
    answer_cell.id, answer_cell.metadata = "ex-answer", {"exercise": {"number": 1, "role": "answer", "points": 1}}
    hidden_cell = nbformat.v4.new_code_cell(hidden)
    hidden_cell.id, hidden_cell.metadata = "ex-hidden", {"exercise": {"number": 1, "role": "hidden-check"}}
    return nbformat.v4.new_notebook(cells=[answer_cell, hidden_cell])


def test_the_region_takes_the_given_answer_cell_indented_to_fit():
    student = "# Exercise 1 (1 point): the bias gradient\ngrad_bias = x_batch.mean(axis=0)\n"
    filled = with_answers(HIDDEN, {"ex-answer": student})
    assert "    # Exercise 1 (1 point): the bias gradient\n    grad_bias = x_batch.mean(axis=0)\n" in filled
    assert "x_batch.sum" not in filled
    namespace = {}
    exec(filled, namespace)  # still a valid function
    assert namespace["gradients_on"](__import__("numpy").ones((4, 2))).tolist() == [1.0, 1.0]


def test_a_region_of_another_answer_keeps_its_code():
    assert with_answers(HIDDEN, {"other-answer": "grad_bias = 0"}) == HIDDEN


def test_a_copy_that_drifted_from_its_answer_cell_is_refused():
    check_answer_copies(notebook_with("# BEGIN SOLUTION\ngrad_bias = x_batch.sum(axis=0)\n# END SOLUTION", HIDDEN))
    with pytest.raises(AuthoringError, match="differs from the answer cell"):
        check_answer_copies(notebook_with("grad_bias = x_batch.sum(axis=1)", HIDDEN))
    with pytest.raises(AuthoringError, match="not an answer cell"):
        check_answer_copies(notebook_with("grad_bias = 0", HIDDEN.replace("ex-answer", "ex-elsewhere")))


def test_an_answer_or_a_copy_that_does_not_parse_is_named_not_raised_as_a_syntax_error():
    with pytest.raises(AuthoringError, match=r"cell ex-hidden: answer cell ex-answer does not parse \('\(' was never"):
        check_answer_copies(notebook_with("# BEGIN SOLUTION\ngrad_bias = x_batch.sum(\n# END SOLUTION", HIDDEN))
    with pytest.raises(AuthoringError, match=r"cell ex-hidden: the copy of ex-answer does not parse"):
        check_answer_copies(notebook_with("grad_bias = x_batch.sum(axis=0)", HIDDEN.replace("axis=0)", "axis=0")))


def test_the_grader_reruns_the_submitted_answer_in_the_hidden_check():
    assignment = load_assignment(ROOT / "solutions" / "04_softmax.ipynb")
    submitted = "grad_weights = x_batch.T @ grad_scores * 2\ngrad_bias = grad_scores.sum(axis=0)\n"
    hidden = next(
        cell for cell in spliced_notebook(assignment, {"ex4-answer": submitted}).cells if cell.id == "ex4-hidden"
    )
    assert "    grad_weights = x_batch.T @ grad_scores * 2\n" in hidden.source
    assert "    grad_weights = x_batch.T @ grad_scores\n" not in hidden.source  # the solution's copy is gone


@pytest.mark.parametrize("solution", sorted((ROOT / "solutions").glob("0*.ipynb")), ids=lambda path: path.stem)
def test_every_exercise_of_the_course_has_hidden_probes(solution: Path):
    """A visible ✓ can be printed by anything: the points of every exercise come from hidden probes."""
    notebook = read(solution)
    check_answer_copies(notebook, solution.name)
    missing = [number for number, exercise in exercises(notebook).items() if not exercise.hidden_ids]
    assert not missing, f"{solution.name}: exercises {missing} have no hidden check"
