"""Splice a student's answers into a copy of the solution notebook, whose stored check outputs are the reference.

Only the source of the student's answer cells is taken, found by the cell ids of the lesson —
never by position, never from the student's metadata or tags — with nbval's marker comments
removed. Everything else (teaching cells, check cells, hidden checks, their outputs, tags) comes
from the solution — the edition in the submission's language (its metadata, else the language its
first cells choose with ``use_language``), so feedback and expected outputs speak that language. In the
spliced notebook only the check and hidden-check cells keep outputs; the visible checks are tagged
``nbval-check-output`` (under ``--nbval-lax`` the only cells nbval compares) — but an open task's, whose right
answers print numbers of their own: only its last line, the verdict, is compared (plugin.py) — and the hidden
checks are scored probe by probe by the grading plugin (probes.py).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from backprop_lib.messages import LANGUAGES

from ..cells import exercise_meta, role_of
from ..lessons import SOURCE_LANGUAGE, with_answers
from ..translations import language_called
from .assignment import Assignment, answer_sources
from .markers import strip_nbval_markers
from .outcome import Problem

MAX_NOTEBOOK_BYTES = 100 << 20
OPEN_TASK_CHECK = "grading-open-task-check"  # its verdict line is compared, not its whole output (plugin.py)


@dataclass
class Spliced:
    """A submission ready to run (``notebook``), or why it cannot run, and what was noticed on the way."""

    student: str
    notebook: nbformat.NotebookNode | None
    problems: list[Problem]
    language: str = SOURCE_LANGUAGE
    unanswered: frozenset[int] = frozenset()  # exercises whose answer cells are as handed out (or missing)


def read_cells(path: Path) -> tuple[list[dict], str, Problem | None]:
    """The cells of a student's file and its language, read as plain JSON (nothing of it is trusted or upgraded)."""
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return (
                [],
                SOURCE_LANGUAGE,
                Problem("invalid-notebook", detail=f"the file is larger than {MAX_NOTEBOOK_BYTES >> 20} MB."),
            )
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:  # not UTF-8, not JSON, or nested deeper than json reads
        return [], SOURCE_LANGUAGE, Problem("invalid-notebook", detail=f"it is not valid notebook JSON ({error}).")
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return [], SOURCE_LANGUAGE, Problem("invalid-notebook", detail="it is JSON but has no list of cells.")
    # Only a string names a cell: a cell with another id (a list would not even hash) counts as one without an id.
    cells = [
        {**cell, "id": cell.get("id") if isinstance(cell.get("id"), str) else None}
        for cell in data["cells"]
        if isinstance(cell, dict)
    ]
    language = submission_language(data, cells)
    if not any(isinstance(cell.get("id"), str) for cell in cells):
        return (
            [],
            language,
            Problem(
                "invalid-notebook",
                detail="its cells have no ids, so the answers cannot be "
                "found (was it saved by a Jupyter older than "
                "nbformat 4.5?).",
            ),
        )
    return cells, language, None


def submission_language(data: dict, cells: list[dict]) -> str:
    """The edition a submission was made from: its metadata's language, else its first use_language call, else English.

    The choice only picks which edition's reference outputs and feedback language are used: both
    editions run the same checks on the same cells, so a student gains nothing by changing it.
    """
    metadata = data.get("metadata")
    course = metadata.get("backprop_course") if isinstance(metadata, dict) else None
    language = course.get("language") if isinstance(course, dict) else None
    if language in LANGUAGES:
        return language
    for cell in cells:
        called = language_called(source_of(cell) or "") if cell.get("cell_type") == "code" else None
        if called:
            return called if called in LANGUAGES else SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def source_of(cell: dict) -> str | None:
    """A cell's source as one string, or None when it is not text."""
    source = cell.get("source")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    return source if isinstance(source, str) else None


def find_answers(assignment: Assignment, cells: list[dict]) -> tuple[dict[str, str], list[Problem]]:
    """The student's answer sources by lesson cell id, and what is odd about them (missing, duplicated, moved)."""
    wanted = {cell.id: cell.cell_type for cell in assignment.lesson.cells if role_of(cell) == "answer"}
    stubs = answer_stubs(assignment)
    lesson_ids = {cell.id for cell in assignment.lesson.cells}
    answers: dict[str, str] = {}
    copies: dict[str, int] = {}
    order: list[str] = []
    for cell in cells:
        cell_id, source = cell.get("id"), source_of(cell)
        if cell_id in wanted and cell.get("cell_type") == wanted[cell_id] and source is not None:
            answers[cell_id] = source  # a duplicated id: the last copy wins
            copies[cell_id] = copies.get(cell_id, 0) + 1
            if cell_id not in order:
                order.append(cell_id)
    problems = []
    reordered = order != [cell_id for cell_id in wanted if cell_id in answers]  # among the cells found by id
    for cell_id in [cell_id for cell_id in wanted if cell_id not in answers]:
        moved = relocated_answer(stubs[cell_id], lesson_ids, cells)
        if moved is None:
            problems.append(Problem("missing-answers", cell_id))
        else:
            answers[cell_id] = moved
            problems.append(Problem("relocated-answer", cell_id))
    problems += [Problem("duplicate-answers", cell_id, str(count)) for cell_id, count in copies.items() if count > 1]
    untouched = [
        cell_id for cell_id in wanted if cell_id in answers and as_handed_out(answers[cell_id], stubs[cell_id])
    ]
    if untouched:  # as handed out: say so, so that an instructor spots the lesson handed back untouched
        problems.append(Problem("unanswered", detail=f"{len(untouched)}/{len(wanted)}"))
    if reordered:
        problems.append(Problem("reordered"))
    return answers, problems


def relocated_answer(stub: str, lesson_ids: set[str], cells: list[dict]) -> str | None:
    """The source of a new cell (an id the lesson does not have) that starts with the stub's header line.

    A student who retyped or pasted an answer into a new cell kept the stub's first line, "# Exercise 1
    (2 points): …": the last such cell is taken (its source, never its metadata).
    """
    header = stub.splitlines()[0].split(":")[0].strip() if stub.strip() else ""
    if not header.startswith("#"):
        return None
    found = [
        source
        for cell in cells
        if cell.get("id") not in lesson_ids and cell.get("cell_type") == "code"
        for source in [source_of(cell)]
        if source is not None and source.lstrip().startswith(header)
    ]
    return found[-1] if found else None


def is_other_notebook(assignment: Assignment, cells: list[dict]) -> Problem | None:
    """A wrong-assignment problem when fewer than half of the lesson's cells (by id) are in the file."""
    lesson_ids = {cell.id for cell in assignment.lesson.cells}
    found = lesson_ids & {cell.get("id") for cell in cells}
    if len(found) * 2 >= len(lesson_ids):
        return None
    return Problem(
        "wrong-assignment",
        detail=f"only {len(found)} of the {len(lesson_ids)} cells of "
        f"{assignment.lesson_path.name} are in it; is it another lesson?",
    )


def judged_exercises(notebook: nbformat.NotebookNode) -> set[int]:
    """Open tasks: exercises a judge decides (probes.py). A right answer of its own makes its visible check print
    other numbers than the solution's (its own loss curve, its own accuracy), so that check is not compared."""
    return {
        exercise_meta(cell)["number"]
        for cell in notebook.cells
        if role_of(cell) == "hidden-check" and exercise_meta(cell).get("judge")
    }


def spliced_notebook(assignment: Assignment, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of the solution's code cells with these answers (the lesson's stub where one is missing)."""
    given = {
        cell_id: strip_nbval_markers(answers.get(cell_id, stub)) for cell_id, stub in answer_stubs(assignment).items()
    }
    notebook = copy.deepcopy(assignment.solution)
    open_tasks = judged_exercises(notebook)
    cells = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        role = role_of(cell)
        if role == "check":
            open_task = exercise_meta(cell).get("number") in open_tasks
            cell.metadata["tags"] = [OPEN_TASK_CHECK if open_task else "nbval-check-output"]
        elif role == "hidden-check":  # keeps its outputs: the plugin compares them
            cell.source = with_answers(cell.source, given)  # an answer re-run on hidden inputs is the student's
        else:
            cell.outputs, cell.execution_count = [], None  # not run in the reference: never compared
        if role == "answer":
            cell.source = given[cell.id]
        cells.append(cell)
    notebook.cells = cells
    return notebook


def splice(assignment: Assignment, student: str, path: Path) -> Spliced:
    """Read one submission and splice its answers into the solution, or say why it cannot be graded."""
    cells, language, problem = read_cells(path)
    assignment = assignment.for_language(language)
    problem = problem or is_other_notebook(assignment, cells)
    if problem:
        return Spliced(student, None, [problem], assignment.language)
    answers, problems = find_answers(assignment, cells)
    code = [cell for cell in cells if cell.get("cell_type") == "code"]
    if code and all(cell.get("execution_count") is None for cell in code):
        problems.append(Problem("not-executed"))
    notebook = spliced_notebook(assignment, answers)
    return Spliced(student, notebook, problems, assignment.language, unanswered_exercises(assignment, answers))


def unanswered_exercises(assignment: Assignment, answers: dict[str, str]) -> frozenset[int]:
    """Exercises none of whose answer cells the student changed (a missing cell is graded as its stub).

    Decided from the cells handed in, not from what the checks print: an answered exercise that calls an
    unanswered one prints "not done yet" too.
    """
    stubs = answer_stubs(assignment)
    return frozenset(
        number
        for number, exercise in assignment.exercises.items()
        if all(as_handed_out(answers.get(cell_id, stubs[cell_id]), stubs[cell_id]) for cell_id in exercise.answer_ids)
    )


def answer_stubs(assignment: Assignment) -> dict[str, str]:
    """The lesson's answer cells as handed out (their stubs), by cell id."""
    return answer_sources(assignment.lesson)


def as_handed_out(answer: str, stub: str) -> bool:
    """Whether an answer cell is its stub, but for blank lines and spaces at either end: not answered."""
    return answer.strip() == stub.strip()
