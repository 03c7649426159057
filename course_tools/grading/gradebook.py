"""The grader's table: ``gradebook.csv``, one row per submission (each student's feedback file: feedback.py).

Rows are appended and flushed to disk as submissions finish, so an interrupted run loses nothing;
the next run reads the gradebook and grades only the students it does not list yet (a row whose
status is ``grader-error`` is graded again). Each row keeps the fingerprint of the file it graded,
so a submission replaced since then is graded again too. At the end the file is rewritten sorted by student.
"""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

from backprop_lib.formatting import format_number

from .assignment import Assignment, InstructorError
from .outcome import Grade


def fingerprint(path: Path) -> str:
    """The first 16 hex digits of a file's SHA-256: which version of a submission a row graded ("": unreadable)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:  # a folder or a broken link named NAME.ipynb: graded as an invalid notebook, not a crash
        return ""


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
