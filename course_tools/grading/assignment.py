"""The assignment being graded: the solution notebook (the reference outputs) and the lesson handed out.

Everything the grader needs to know comes from the solution's cell metadata (docs/authoring.md):
which cells hold answers, which check them (visible or hidden), and the points of each exercise.
The lesson is the one the students received; its cell ids are how their answers are found.
Where the course has a Korean edition (solutions/ko/, lessons/ko/: the same cell ids), a Korean
submission is graded against the Korean solution, whose stored outputs speak Korean.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from nbformat import NotebookNode

from backprop_lib.errors import CourseError

from ..cells import exercise_meta, role_of
from ..lessons import SOURCE_LANGUAGE, Exercise, exercises, lesson_path, make_lesson, read, solution_path
from .markers import nbval_markers
from .probes import JUDGES, probe_count, split_probes, stream_text

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
    language: str = SOURCE_LANGUAGE
    editions: dict[str, Assignment] = field(default_factory=dict, repr=False)  # other languages, same ids

    def for_language(self, language: str) -> Assignment:
        """The edition of this assignment in ``language`` (this one when the course has no such edition)."""
        return self.editions.get(language, self)

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


def answer_sources(notebook: NotebookNode) -> dict[str, str]:
    """The sources of a notebook's answer cells, by cell id (a solution's: answers; a lesson's: stubs)."""
    return {cell.id: cell.source for cell in notebook.cells if role_of(cell) == "answer"}


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Name the file when a notebook cannot be read or breaks docs/authoring.md: an InstructorError, not a traceback."""
    try:
        yield
    except InstructorError:
        raise
    except ValueError as error:  # AuthoringError; nbformat's NotJSONError; text that is not UTF-8
        text = str(error)  # the file's name once: authoring errors may start with it already
        raise InstructorError(text if text.startswith(path.name) else f"{path}: {text}") from error


def load_assignment(solution: Path | None = None, lesson: Path | None = None, course: Path | None = None) -> Assignment:
    """Read and check a solution and its lesson (generated in memory when the lesson file is missing).

    Without ``solution``, the homework of the course folder ``course`` (default: the current folder).
    """
    solution = Path(solution or Path(course or Path.cwd()) / DEFAULT_SOLUTION).resolve()
    if not solution.is_file():
        raise InstructorError(
            f"No solution notebook at {solution}. Pass the assignment's solution with "
            f"--solution path/to/NN_name.ipynb (default: {DEFAULT_SOLUTION} in the course folder, "
            "set with --course DIR)."
        )
    with reading(solution):
        solution_nb = read(solution)
        table = exercises(solution_nb)
        generated = make_lesson(solution_nb, solution.name)
    lesson = Path(lesson).resolve() if lesson else lesson_path(solution)
    if lesson.is_file():
        with reading(lesson):
            lesson_nb = read(lesson)
        check_lesson_matches(lesson_nb, generated, lesson)
    elif lesson != lesson_path(solution):
        raise InstructorError(f"No lesson notebook at {lesson}: pass the lesson the students received with --lesson.")
    else:
        lesson_nb = generated
    check_solution(solution_nb, table, solution)
    assignment = Assignment(solution, lesson, solution_nb, lesson_nb, table)
    korean = load_edition(assignment, "ko")
    if korean is not None:
        assignment.editions["ko"] = korean
    return assignment


def load_edition(assignment: Assignment, language: str) -> Assignment | None:
    """The assignment's edition in another language, read from solutions/<language>/ (None if there is none)."""
    path = solution_path(assignment.solution_path, language)
    if not path.is_file():
        return None
    with reading(path):
        notebook = read(path)
        table = exercises(notebook)
    if table != assignment.exercises:  # each exercise's points and cells, in every edition
        raise InstructorError(
            f"{path} does not have the exercise cells of {assignment.solution_path.name} "
            f"(ids, roles or points differ): regenerate it with `make lessons`."
        )
    check_solution(notebook, table, path)
    lesson_file = lesson_path(assignment.solution_path, language)
    with reading(path):
        generated = make_lesson(notebook, assignment.solution_path.name)
    with reading(lesson_file):
        lesson = read(lesson_file) if lesson_file.is_file() else generated
    check_lesson_matches(lesson, generated, lesson_file)
    return replace(
        assignment,
        solution_path=path,
        lesson_path=lesson_file,
        solution=notebook,
        lesson=lesson,
        language=language,
        editions={},
    )


def check_solution(notebook: NotebookNode, table: dict[int, Exercise], path: Path) -> None:
    """The solution must have exercises and stored check outputs nbval can compare, unmarked by nbval comments."""
    if not table:
        raise InstructorError(f"{path} has no exercise cells (metadata 'exercise', see docs/authoring.md).")
    for cell in notebook.cells:
        if role_of(cell) not in CHECK_ROLES:
            continue
        if cell.cell_type != "code" or cell.get("execution_count") is None or not cell.get("outputs"):
            raise InstructorError(
                f"{path}: check cell {cell.id} has no stored output to compare with: "
                f"execute the solution first (make lessons NOTEBOOKS={path})."
            )
        judge = exercise_meta(cell).get("judge")
        if judge and (judge.get("name") not in JUDGES or not whole_numbers(judge.get("probes"))):
            raise InstructorError(
                f"{path}: hidden check {cell.id} names the judge {judge.get('name')!r} with probes "
                f"{judge.get('probes')!r}: the judges are {sorted(JUDGES)}, with a list of probes (whole numbers)."
            )
        gates = set(exercise_meta(cell).get("gates", []))
        missing = gates - {label for label, _ in split_probes(stream_text(cell.get("outputs", [])))}
        if missing:
            raise InstructorError(
                f"{path}: hidden check {cell.id} names the gate probes {sorted(missing)}, which it does not print: "
                f"a gate is the label of one of its own probes."
            )
        if role_of(cell) == "hidden-check" and not judge and not probe_count(cell):
            raise InstructorError(
                f"{path}: hidden check {cell.id} prints nothing to compare: print each value "
                f"as `label = value` with show_values (see docs/authoring.md)."
            )
        markers = nbval_markers(cell.source)
        if markers:
            raise InstructorError(
                f"{path}: check cell {cell.id} carries an nbval comment marker ({markers[0]}), "
                f"which would override the grader's comparison: remove it."
            )


def whole_numbers(probes: object) -> bool:
    """Whether a judge's probes are a list of whole numbers (a string's characters would count as probes)."""
    return isinstance(probes, list) and bool(probes) and all(type(probe) is int for probe in probes)


def check_lesson_matches(lesson: NotebookNode, generated: NotebookNode, path: Path) -> None:
    """The lesson on disk must have the answer and check cells the solution generates, by id."""

    def exercise_cells(notebook: NotebookNode) -> list[tuple[str, str | None]]:
        return [(cell.id, role_of(cell)) for cell in notebook.cells if role_of(cell)]

    if exercise_cells(lesson) != exercise_cells(generated):
        raise InstructorError(
            f"{path} does not have the exercise cells its solution generates (ids or roles "
            f"differ): regenerate it with `make lessons`, or pass the lesson the students "
            f"received with --lesson and its own solution with --solution."
        )
