"""What grading one submission produces: problems found, each cell's result, each exercise's points."""
from __future__ import annotations

from dataclasses import dataclass, field

# Each problem code, and the sentence the student's feedback gives for it.
PROBLEMS = {
    "invalid-notebook": "The file is not a notebook the grader can read: {detail}",
    "wrong-assignment": "This is not the assignment's notebook: {detail}",
    "missing-answers": "The answer cell {cell} is not in your notebook (deleted, or replaced by a new cell), "
                       "so that exercise was graded as unanswered.",
    "duplicate-answers": "The answer cell {cell} appears {detail} times; the last copy was graded.",
    "reordered": "Your answer cells are in another order than in the lesson; they were graded in the lesson's order.",
    "not-executed": "Your notebook was never run (no cell has an execution count); the grader ran it all the same.",
    "syntax-error": "Cell {cell} has a syntax error: {detail}",
    "error": "Cell {cell} raised an error: {detail}",
    "memory": "Cell {cell} used more memory than allowed: {detail}",
    "timeout": "Cell {cell} ran longer than the time limit and was stopped: {detail}",
    "kernel-died": "The Python kernel stopped while running cell {cell}: {detail}. Later cells could not run.",
    "submission-timeout": "The whole notebook ran longer than its time limit; it was stopped in cell {cell}. "
                          "Later cells could not run.",
    "too-many-processes": "Cell {cell} started too many processes and the notebook was stopped: {detail}. "
                          "Later cells could not run.",
    "output-truncated": "Cell {cell} printed too much: {detail}.",
    "grader-error": "The grader could not finish your notebook ({detail}); your instructor will look at it.",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with a submission (or worth noting), with the cell it happened in."""

    code: str
    cell: str = ""
    detail: str = ""

    def sentence(self) -> str:
        """The problem in one sentence for the student."""
        return PROBLEMS[self.code].format(cell=self.cell, detail=self.detail)


def status_of(problems: list[Problem]) -> str:
    """The gradebook's status: ``ok`` or each problem code with its cells, e.g. ``timeout(ex2-answer)``."""
    cells_by_code: dict[str, list[str]] = {}
    for problem in problems:
        cells = cells_by_code.setdefault(problem.code, [])
        if problem.cell and problem.cell not in cells:
            cells.append(problem.cell)
    if not cells_by_code:
        return "ok"
    return "; ".join(f"{code}({','.join(cells)})" if cells else code for code, cells in cells_by_code.items())


@dataclass
class CellResult:
    """One executed cell as pytest reported it: passed or not, and what went wrong."""

    cell_id: str
    exercise: int | None
    role: str
    passed: bool
    problems: list[Problem] = field(default_factory=list)
    expected: str = ""
    actual: str = ""
    seconds: float = 0.0
    probes_passed: int = 0          # a hidden check: how many of its probes passed


@dataclass
class ExerciseResult:
    """One exercise's checks and the points they earned."""

    number: int
    points: float
    maximum: float
    visible: list[CellResult] = field(default_factory=list)
    hidden: list[CellResult] = field(default_factory=list)


@dataclass
class Grade:
    """One submission's row of the gradebook and what its feedback says."""

    student: str
    exercises: list[ExerciseResult]
    problems: list[Problem]
    seconds: float = 0.0

    @property
    def total(self) -> float:
        """The points earned."""
        return round(sum(exercise.points for exercise in self.exercises), 2)

    @property
    def maximum(self) -> float:
        """The points a perfect submission earns."""
        return sum(exercise.maximum for exercise in self.exercises)

    @property
    def status(self) -> str:
        """``ok`` or the problems' codes and cells."""
        return status_of(self.problems)
