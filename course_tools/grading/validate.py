"""Validate an assignment before handing it out: grade its solution and its unanswered lesson.

The solution must score full marks (every check, visible and hidden, passes) and the unanswered
lesson must fail every check and every hidden probe (a check that passes without an answer grades
nothing) — in every edition the course has (English, and Korean where solutions/ko/ holds it). Both run
with hidden seed 0, whose outputs the solution stores.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import nbformat

from .assignment import Assignment
from .gradebook import number
from .outcome import Grade
from .runner import Submission, grade_submissions
from .sandbox import Limits, isolation_available
from .warm import default_kernels

ACCEPTED_PROBLEMS = ("not-executed", "unanswered")  # the problems the unanswered lesson may have


def check_ids(grade: Grade, passed: bool) -> list[str]:
    """The ids of the checks (visible and hidden) that passed, or that failed."""
    return [
        check.cell_id
        for exercise in grade.exercises
        for check in exercise.visible + exercise.hidden
        if check.passed == passed
    ]


def assignment_problems(solution: Grade, lesson: Grade, assignment: Assignment) -> list[str]:
    """What is wrong with the assignment, judged from the two grades (empty when it is ready)."""
    problems = []
    if solution.total != assignment.maximum or solution.status != "ok":
        failing = ", ".join(check_ids(solution, False)) or "none"
        problems.append(
            f"the solution scores {number(solution.total)} of {number(assignment.maximum)} "
            f"(status {solution.status}); failing checks: {failing}"
        )
    scoring = check_ids(lesson, True) + [
        check.cell_id
        for exercise in lesson.exercises
        for check in exercise.hidden
        if check.probes_passed and not check.passed
    ]
    if scoring or any(problem.code not in ACCEPTED_PROBLEMS for problem in lesson.problems):
        problems.append(
            f"the unanswered lesson passes {', '.join(scoring) or 'no check'} "
            f"(status {lesson.status}): a check that passes without an answer grades nothing"
        )
    return problems


def validate_assignment(assignment: Assignment, limits: Limits, jobs: int, kernels: str | None) -> list[str]:
    """Grade the solution and the unanswered lesson of every edition, print the verdict, return what is wrong.

    ``kernels``: "warm" or "fresh" as --kernels chose, None for the default here (warm.default_kernels).
    """
    editions = {assignment.language: assignment, **assignment.editions}
    grades = grade_editions(assignment, editions, limits, jobs, kernels)
    problems = []
    for language in editions:
        found = assignment_problems(grades[f"solution-{language}"], grades[f"lesson-{language}"], assignment)
        problems += [f"({language}) {problem}" if len(editions) > 1 else problem for problem in found]
        wrong = [name for name in (f"solution-{language}", f"lesson-{language}") if grades[name].language != language]
        problems += [f"{name} was graded as {grades[name].language}, not {language}" for name in wrong]
    print_verdict(assignment, list(editions), problems)
    return problems


def grade_editions(
    assignment: Assignment, editions: dict[str, Assignment], limits: Limits, jobs: int, kernels: str | None
) -> dict[str, Grade]:
    """Grade each edition's solution and unanswered lesson (``solution-en``, ``lesson-en``, …) in one run."""
    grades: dict[str, Grade] = {}
    with tempfile.TemporaryDirectory(prefix="backprop-validate-") as folder:
        submissions = []
        for language, edition in editions.items():
            lesson = Path(folder) / f"lesson-{language}.ipynb"
            nbformat.write(edition.lesson, lesson)
            submissions += [
                Submission(f"solution-{language}", edition.solution_path),
                Submission(f"lesson-{language}", lesson),
            ]
        isolate = isolation_available()
        grade_submissions(
            assignment,
            submissions,
            lambda grade: grades.__setitem__(grade.student, grade),
            limits,
            jobs,
            isolate,
            [assignment.solution_path.parent],
            Path(folder) / "grading.log",
            kernels=kernels or default_kernels(isolate)[0],
        )
    return grades


def print_verdict(assignment: Assignment, languages: list[str], problems: list[str]) -> None:
    """The assignment in one line, a note per exercise without hidden checks, then each problem or ✓."""
    print(
        f"Assignment {assignment.name}: {len(assignment.exercises)} exercises, {number(assignment.maximum)} "
        f"points, {assignment.check_count} checks ({sum(assignment.probes.values())} hidden probes)."
    )
    for exercise in sorted(assignment.exercises.values(), key=lambda e: e.number):
        if not exercise.hidden_ids:
            print(
                f"  note: exercise {exercise.number} has no hidden check, so printing its visible check's "
                f"expected text earns its {number(exercise.points)} point{'' if exercise.points == 1 else 's'}."
            )
    for problem in problems:
        print(f"  ✗ {problem}")
    if not problems:
        print(
            f"  ✓ in {' and '.join(languages)}: the solution scores {number(assignment.maximum)} of "
            f"{number(assignment.maximum)}; the unanswered lesson fails all {assignment.check_count} checks."
        )
