"""What grading one submission produces: problems found, each cell's result, each exercise's points."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from backprop_lib.messages import message, template

# Each problem code; the sentence the student's feedback gives for it is the message
# "problem.<code>" of backprop_lib.messages, in the submission's language.
PROBLEMS = (
    "invalid-notebook",
    "wrong-assignment",
    "missing-answers",
    "relocated-answer",
    "unanswered",
    "duplicate-answers",
    "reordered",
    "not-executed",
    "syntax-error",
    "error",
    "memory",
    "timeout",
    "kernel-died",
    "submission-timeout",
    "too-many-processes",
    "output-truncated",
    "calls-unfinished",
    "grader-error",
)


def detail_pattern(key: str) -> re.Pattern:
    """A regular expression for a message's English text with its {names} as numbers (named groups)."""
    english = re.escape(template(key, "en"))
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>\\d+)", english))


# Details the grader writes in English (pytest's process has no language) that the feedback says in the student's.
LOCALIZED_DETAILS = {key: detail_pattern(key) for key in ("problem.at_line", "problem.output_sizes")}


@dataclass(frozen=True)
class Problem:
    """Something wrong with a submission (or worth noting), with the cell it happened in."""

    code: str
    cell: str = ""
    detail: str = ""

    def sentence(self, language: str = "en", cell: str | None = None) -> str:
        """The problem in one sentence for the student, in their notebook's language (cell: how to name the cell)."""
        detail = self.detail
        for key, pattern in LOCALIZED_DETAILS.items():  # the grader's English words in a detail, in this language
            detail = pattern.sub(lambda found, key=key: message(key, language, **found.groupdict()), detail)
        return message(f"problem.{self.code}", language, cell=cell or self.cell, detail=detail)


def status_of(problems: list[Problem]) -> str:
    """The gradebook's status: ``ok`` or each problem code with its cells, e.g. ``timeout(ex2-answer)``."""
    cells_by_code: dict[str, list[str]] = {}
    for problem in problems:
        cells = cells_by_code.setdefault(problem.code, [])
        if problem.cell and problem.cell not in cells:
            cells.append(problem.cell)
        elif problem.code == "unanswered":
            cells.append(problem.detail)  # how many of all, e.g. unanswered(9/12)
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
    probes_passed: int = 0  # a hidden check: how many of its probes passed


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
    language: str = "en"  # the submission's: its feedback is written in it
    unanswered: frozenset[int] = frozenset()  # exercises whose answer cells were handed in as handed out

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
