"""Each student's feedback file, ``feedback/NAME.md``: their points, what went wrong, the visible checks they failed.

It is written in the submission's language; a hidden check's expected output never appears in it.
"""

from __future__ import annotations

import re
from pathlib import Path

from backprop_lib.messages import message

from ..cells import exercise_meta
from .assignment import Assignment
from .gradebook import number
from .outcome import CellResult, Grade
from .report import exercises_named, in_language, probe_tally, recorded_choices, without_choices


def fenced(text: str) -> str:
    """A markdown code block that the text itself cannot close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def passed(checks: list[CellResult], language: str) -> str:
    """``2 of 3 passed``, or ``none`` when there are no such checks (in the feedback's language)."""
    if not checks:
        return message("feedback.none", language)
    return message("feedback.passed", language, passed=sum(check.passed for check in checks), count=len(checks))


def probes_passed(checks: list[CellResult], probes: dict[str, int], language: str) -> str:
    """``5 of 7 passed``: the probes of these hidden checks, or ``none`` (in the feedback's language)."""
    if not checks:
        return message("feedback.none", language)
    done, total = probe_tally(checks, probes)
    return message("feedback.passed", language, passed=done, count=total)


def feedback(grade: Grade, assignment: Assignment, isolated: bool = True, submission: str = "") -> str:
    """The student's feedback in markdown, in their notebook's language: points, what went wrong, failed checks.

    ``submission``: the graded file's fingerprint, named so that a student and an instructor agree on which version.
    """
    language = grade.language
    lines = [
        message("feedback.title", language, name=assignment.solution_path.stem, student=grade.student),
        "",
    ]
    if submission:
        lines += [message("feedback.graded_file", language, student=grade.student, fingerprint=submission), ""]
    lines += [
        message(
            "feedback.points", language, total=number(grade.total), maximum=number(grade.maximum), status=grade.status
        ),
        "",
        message("feedback.table", language),
        "|---|---|---|---|",
    ]
    lines += points_table(grade, assignment.probes)
    lines += ["", message("feedback.scoring", language)]
    if grade.problems:
        lines += ["", message("feedback.what_happened", language), ""]
        for problem in grade.problems:
            named = cell_words(problem.cell, assignment, language) if problem.cell else None
            lines.append(f"- {problem.sentence(language, named)}")
    if grade.unanswered:  # their checks only printed "not done yet": what they expect is in the lesson already
        unanswered = exercises_named(sorted(grade.unanswered), language)
        lines += ["", message("feedback.not_answered", language, exercises=unanswered)]
    lines += failed_checks(grade)
    if not isolated:
        lines += ["", "---", message("feedback.not_isolated", language)]
    return "\n".join(lines) + "\n"


def points_table(grade: Grade, probes: dict[str, int]) -> list[str]:
    """The feedback table's rows: each exercise's points, visible checks and hidden probes passed."""
    rows = []
    for exercise in grade.exercises:
        points = message("feedback.of", grade.language, got=number(exercise.points), maximum=number(exercise.maximum))
        rows.append(
            f"| {exercise.number} | {points} | {passed(exercise.visible, grade.language)} | "
            f"{probes_passed(exercise.hidden, probes, grade.language)} |"
        )
    return rows


def failed_checks(grade: Grade) -> list[str]:
    """Each failed visible check of an answered exercise with what it expected and what it printed."""
    language, lines = grade.language, []
    for exercise in grade.exercises:
        for check in exercise.visible if exercise.number not in grade.unanswered else []:
            if check.passed or not (check.expected or check.actual):
                continue
            choices = recorded_choices(check.actual)
            if choices and without_choices(check.actual).strip() == check.expected.strip():  # only a letter differs
                key = "feedback.choice_not_right" if len(choices) == 1 else "feedback.choices_not_all_right"
                lines += [
                    "",
                    message(key, language, number=exercise.number, choices=", ".join(choices), cell=check.cell_id),
                ]
                continue  # the expected output would show the right letters hidden and a ✓, as the student's does
            lines += [
                "",
                message("feedback.failed_check", language, number=exercise.number, cell=check.cell_id),
                "",
                message("feedback.expected", language),
                "",
                fenced(in_language(check.expected, language)),
                "",
                message("feedback.printed", language),
                "",
                fenced(in_language(check.actual, language) or message("feedback.nothing", language)),
            ]
    return lines


def cell_words(cell_id: str, assignment: Assignment, language: str) -> str:
    """A cell as the student knows it, "your answer to Exercise 11 (cell `ex10-answer`)": ids and numbers differ."""
    for cell in assignment.solution.cells:
        exercise = exercise_meta(cell) or {}
        if cell.id == cell_id and exercise.get("role") in ("answer", "check") and "number" in exercise:
            return message(f"feedback.cell_{exercise['role']}", language, number=exercise["number"], cell=cell_id)
    return message("feedback.cell", language, cell=cell_id)


def write_feedback(folder: Path, grade: Grade, assignment: Assignment, isolated: bool, submission: str) -> Path:
    """Write one student's feedback file and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{grade.student}.md"
    path.write_text(feedback(grade, assignment, isolated, submission), encoding="utf-8")
    return path
