"""The assignment being graded: the solution notebook (the reference outputs) and the lesson handed out.

Everything the grader needs to know comes from the solution's cell metadata (docs/authoring.md):
which cells hold answers, which check them (visible or hidden), and the points of each exercise.
The lesson is the one the students received; its cell ids are how their answers are found.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backprop_lib.errors import CourseError

from ..lessons import (
    AuthoringError,
    Exercise,
    exercise_meta,
    exercises,
    lesson_path,
    make_lesson,
    read,
)
from .markers import nbval_markers
from .probes import JUDGES, probe_count

DEFAULT_SOLUTION = Path("solutions") / "05_homework.ipynb"  # relative to the course folder
CHECK_ROLES = ("check", "hidden-check")


class InstructorError(CourseError, ValueError):
    """A mistake on the instructor's side: a missing file or folder, a solution without outputs, a stale lesson."""


@dataclass
class Assignment:
    """A solution notebook with its lesson, and the exercises read from the solution's metadata."""

    solution_path: Path
    lesson_path: Path
    solution: dict
    lesson: dict
    exercises: dict[int, Exercise]

    @property
    def maximum(self) -> float:
        """The points of a perfect submission."""
        return sum(exercise.points for exercise in self.exercises.values())

    @property
    def answer_ids(self) -> list[str]:
        """The answer cells' ids, in notebook order."""
        return [cell.id for cell in self.solution.cells if role_of(cell) == "answer"]

    @property
    def check_count(self) -> int:
        """How many check cells (visible and hidden) the grader compares."""
        return sum(len(e.check_ids) + len(e.hidden_ids) for e in self.exercises.values())

    @property
    def probes(self) -> dict[str, int]:
        """How many probes each hidden check has, by cell id."""
        return {cell.id: probe_count(cell) for cell in self.solution.cells if role_of(cell) == "hidden-check"}

    @property
    def name(self) -> str:
        """A short name for messages: the solution's path relative to the current folder when inside it."""
        try:
            return str(self.solution_path.relative_to(Path.cwd()))
        except ValueError:
            return str(self.solution_path)


def role_of(cell) -> str | None:
    """A cell's exercise role (answer, check, hidden-check) or None for a teaching cell."""
    meta = exercise_meta(cell)
    return meta.get("role") if meta else None


def load_assignment(solution: Path | None = None, lesson: Path | None = None,
                    course: Path | None = None) -> Assignment:
    """Read and check a solution and its lesson (generated in memory when the lesson file is missing).

    Without ``solution``, the homework of the course folder ``course`` (default: the current folder).
    """
    solution = Path(solution or Path(course or Path.cwd()) / DEFAULT_SOLUTION).resolve()
    if not solution.is_file():
        raise InstructorError(f"No solution notebook at {solution}. Pass the assignment's solution with "
                              f"--solution path/to/NN_name.ipynb (default: {DEFAULT_SOLUTION} in the course folder, set with --course DIR).")
    try:
        solution_nb = read(solution)
        table = exercises(solution_nb)
        generated = make_lesson(solution_nb, solution.name)
    except (AuthoringError, ValueError) as error:
        raise InstructorError(f"{solution}: {error}") from error
    lesson = Path(lesson).resolve() if lesson else lesson_path(solution)
    if lesson.is_file():
        lesson_nb = read(lesson)
        check_lesson_matches(lesson_nb, generated, lesson)
    elif lesson != lesson_path(solution):
        raise InstructorError(f"No lesson notebook at {lesson}: pass the lesson the students received with --lesson.")
    else:
        lesson_nb = generated
    check_solution(solution_nb, table, solution)
    return Assignment(solution, lesson, solution_nb, lesson_nb, table)


def check_solution(notebook, table: dict[int, Exercise], path: Path) -> None:
    """The solution must have exercises and stored check outputs nbval can compare, unmarked by nbval comments."""
    if not table:
        raise InstructorError(f"{path} has no exercise cells (metadata 'exercise', see docs/authoring.md).")
    for cell in notebook.cells:
        if role_of(cell) not in CHECK_ROLES:
            continue
        if cell.cell_type != "code" or cell.get("execution_count") is None or not cell.get("outputs"):
            raise InstructorError(f"{path}: check cell {cell.id} has no stored output to compare with: "
                                  f"execute the solution first (make lessons NOTEBOOKS={path}).")
        judge = exercise_meta(cell).get("judge")
        if judge and (judge.get("name") not in JUDGES or not judge.get("probes")):
            raise InstructorError(f"{path}: hidden check {cell.id} names the judge {judge.get('name')!r} with probes "
                                  f"{judge.get('probes')!r}: the judges are {sorted(JUDGES)}, with a list of probes.")
        if role_of(cell) == "hidden-check" and not judge and not probe_count(cell):
            raise InstructorError(f"{path}: hidden check {cell.id} prints nothing to compare: print each value "
                                  f"as `label = value` with show_values (see docs/authoring.md).")
        markers = nbval_markers(cell.source)
        if markers:
            raise InstructorError(f"{path}: check cell {cell.id} carries an nbval comment marker ({markers[0]}), "
                                  f"which would override the grader's comparison: remove it.")


def check_lesson_matches(lesson, generated, path: Path) -> None:
    """The lesson on disk must have the answer and check cells the solution generates, by id."""
    def exercise_cells(notebook) -> list[tuple[str, str | None]]:
        return [(cell.id, role_of(cell)) for cell in notebook.cells if role_of(cell)]

    if exercise_cells(lesson) != exercise_cells(generated):
        raise InstructorError(f"{path} does not have the exercise cells its solution generates (ids or roles "
                              f"differ): regenerate it with `make lessons`, or pass the lesson the students "
                              f"received with --lesson and its own solution with --solution.")
