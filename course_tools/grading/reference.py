"""The hidden checks' expected outputs for a grading run's seed: the solution, run once by the grader.

Hidden checks draw their inputs from ``hidden_seed`` (backprop_lib.exercises), which reads the seed
from the kernel's environment. The solution notebook stores the outputs of seed 0 (what ``make
lessons`` runs), which anyone with a clone can read; a grading run uses the instructor's own seed,
so before grading, the solution is executed once with that seed (trusted code, an ordinary kernel,
in its own folder) and its hidden checks' outputs become the reference. Visible checks do not depend on the seed.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from backprop_lib.exercises import HIDDEN_SEED_VARIABLE, TEXT_FIGURES

from ..cells import role_of
from ..lessons import AuthoringError, execute
from .assignment import Assignment, InstructorError
from .probes import stream_text

FAILED = "✗ "  # how a check's failure starts its line (backprop_lib.exercises.exercise_check)


def seeded_assignment(assignment: Assignment, seed: int) -> Assignment:
    """The assignment with its hidden checks' outputs made by running the solution with ``seed``."""
    notebook = copy.deepcopy(assignment.solution)
    settings = {HIDDEN_SEED_VARIABLE: str(seed), **TEXT_FIGURES}
    try:
        execute(notebook, assignment.solution_path.parent, assignment.name, env=settings)
    except AuthoringError as error:  # the seed unsaid: one read from a file is never printed (seeds.seed_words)
        raise InstructorError(f"the solution does not run with this run's hidden seed: {error}") from error
    outputs = {cell.id: cell.outputs for cell in notebook.cells if role_of(cell) == "hidden-check"}
    failing = [
        cell_id
        for cell_id, printed in outputs.items()
        if any(line.startswith(FAILED) for line in stream_text(printed).splitlines())
    ]
    if failing:  # its ✗ line would be the expected output: an answer that fails the same way would pass
        raise InstructorError(
            f"the solution fails its hidden checks {', '.join(failing)} with this run's hidden seed (a ✗ line where "
            f"values should be): grade with another seed, and find out why the solution fails with this one."
        )
    # Hidden checks are the same code in every edition (never translated): one run serves them all.
    editions = {language: with_hidden_outputs(edition, outputs) for language, edition in assignment.editions.items()}
    return replace(with_hidden_outputs(assignment, outputs), editions=editions)


def with_hidden_outputs(assignment: Assignment, outputs: dict) -> Assignment:
    """The assignment with these stored outputs of its hidden checks (by cell id)."""
    solution = copy.deepcopy(assignment.solution)
    for cell in solution.cells:
        if cell.id in outputs:
            cell.outputs = outputs[cell.id]
    return replace(assignment, solution=solution)
