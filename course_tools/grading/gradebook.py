"""The grader's output: ``gradebook.csv`` (one row per submission) and one feedback file per student.

Rows are appended and flushed to disk as submissions finish, so an interrupted run loses nothing;
the next run reads the gradebook and grades only the students it does not list yet (a row whose
status is ``grader-error`` is graded again). Each row keeps the fingerprint of the file it graded,
so a submission replaced since then is graded again too. At the end the file is rewritten sorted by student.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from pathlib import Path

from backprop_lib.formatting import format_number
from backprop_lib.messages import message

from ..lessons import exercise_meta
from .assignment import Assignment, InstructorError
from .outcome import CellResult, Grade
from .report import exercises_named, in_language, probe_tally


def fingerprint(path: Path) -> str:
    """The first 16 hex digits of a file's SHA-256: which version of a submission a row graded."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def number(value: float) -> str:
    """A point count as a spreadsheet reads it: 2, 1.5, 0.67."""
    return format_number(value, ".2f", trim_zeros=True)


class Gradebook:
    """gradebook.csv: read what an earlier run graded, append each new grade at once."""

    def __init__(self, path: Path, assignment: Assignment, regrade: bool = False) -> None:
        self.path = path
        exercises = [f"ex{n}" for n in sorted(assignment.exercises)]
        self.header = ["student", *exercises, "total", "maximum", "status", "submission"]
        self.rows: dict[str, list[str]] = {}
        if path.exists() and not regrade:
            self.rows = self.read()
        else:
            self.rewrite()

    def read(self) -> dict[str, list[str]]:
        """The rows already in the file, by student; the file must be this assignment's."""
        with self.path.open(newline="", encoding="utf-8") as handle:
            lines = list(csv.reader(handle))
        if not lines or lines[0] != self.header:
            raise InstructorError(
                f"{self.path} has other columns than this assignment's ({', '.join(self.header)}): it was "
                f"written for another assignment, or by an earlier version of the grader (before the submission "
                f"column). Grade into another --output folder, or pass --regrade to grade everyone again (with "
                f"the seed kept there, the hidden inputs stay the same)."
            )
        return {row[0]: row for row in lines[1:] if len(row) == len(self.header)}

    def graded(self) -> set[str]:
        """Students whose row is final (a grader error is graded again)."""
        status = self.header.index("status")
        return {student for student, row in self.rows.items() if "grader-error" not in row[status]}

    def changed(self, fingerprints: dict[str, str]) -> list[str]:
        """Students whose row graded another version of their file than the one there now."""
        column = self.header.index("submission")
        return sorted(s for s, row in self.rows.items() if s in fingerprints and row[column] != fingerprints[s])

    def forget(self, students: set[str]) -> None:
        """Drop these students' rows, so that this run grades them again (a resubmission, a changed rule)."""
        for student in students:
            self.rows.pop(student, None)
        self.rewrite()

    def add(self, grade: Grade, submission: str) -> None:
        """Append one row (``submission``: the graded file's fingerprint) and make sure it is on disk at once."""
        row = [
            grade.student,
            *[number(e.points) for e in grade.exercises],
            number(grade.total),
            number(grade.maximum),
            grade.status,
            submission,
        ]
        self.rows[grade.student] = row
        with self.path.open("a", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerow(row)
            handle.flush()
            os.fsync(handle.fileno())

    def rewrite(self) -> None:
        """Write the whole file anew, replacing the old one at once."""
        write_gradebook(self.path, self.header, self.rows)


def write_gradebook(path: Path, header: list[str], rows: dict[str, list[str]]) -> None:
    """Write a gradebook (header, rows sorted by student) into ``path``, replacing what it held at once."""
    partial = path.with_suffix(".csv.part")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows[student] for student in sorted(rows))
    os.replace(partial, path)


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
