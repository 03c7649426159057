"""What the grading tests share: where the fixture assignment is, the limits, and students made from its solution."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import nbformat

from course_tools.grading.classroom import (
    solution_answers,
    student_notebook,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "grading_fixtures" / "solutions" / "fixture_homework.ipynb"
HOMEWORK = ROOT / "solutions" / "05_homework.ipynb"
LIMITS = ["--cell-timeout", "3", "--submission-timeout", "15", "--memory-mb", "1024", "--jobs", "2"]
SOLVED_EX1 = "def sigmoid_backward(output, grad_output):\n    return grad_output * output * (1.0 - output)\n"
# The argument of every `sleep` a submission starts: how the tests find them. It holds this process's id (fixed
# width): a run of this module in another checkout on the same machine starts and kills sleeps of its own.
MARKER = f"987.{os.getpid():07d}"
DETACHES = (
    "import os, subprocess\n"
    f"for _ in range(10):\n    subprocess.Popen(['sleep', '{MARKER}'], start_new_session=True)\n"
    f"subprocess.Popen(['sleep', '{MARKER}'])\n"
    "if os.fork() == 0:                      # a double fork: the grandchild's parent ends at once\n"
    f"    if os.fork() == 0:\n        os.setsid()\n        os.execvp('sleep', ['sleep', '{MARKER}'])\n"
    "    os._exit(0)\n"
)
STARTS_THOUSANDS = (
    f"import subprocess\nfor _ in range(3000):\n    subprocess.Popen(['sleep', '{MARKER}'], start_new_session=True)\n"
)


def processes_with(marker: str) -> list[int]:
    """The running processes whose command line holds ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            pass
    return found


def answered(assignment, **changes: str) -> nbformat.NotebookNode:
    """A student who answered every exercise right except the cells given (by id, dashes as underscores)."""
    answers = solution_answers(assignment)
    answers.update({cell_id.replace("_", "-"): source for cell_id, source in changes.items()})
    return student_notebook(assignment, answers)


def without_cell(notebook, cell_id: str):
    notebook.cells = [cell for cell in notebook.cells if cell.id != cell_id]
    return notebook


def never_run(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def with_copy_of(notebook, cell_id: str, source: str):
    """The notebook with a second cell carrying the same id (and this source) after the first."""
    index = next(i for i, cell in enumerate(notebook.cells) if cell.id == cell_id)
    twin = copy.deepcopy(notebook.cells[index])
    twin.source = source
    notebook.cells.insert(index + 1, twin)
    return notebook


def moved_to_top(notebook, cell_id: str):
    cell = next(cell for cell in notebook.cells if cell.id == cell_id)
    notebook.cells = [cell] + [other for other in notebook.cells if other is not cell]
    return notebook


def with_student_tags(notebook, cell_id: str, tags: list[str]):
    for cell in notebook.cells:
        if cell.id == cell_id:
            cell.metadata["tags"] = tags
    return notebook


def another_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    for index in range(4):
        cell = nbformat.v4.new_code_cell(f"print({index})")
        cell.id = f"my-own-cell-{index}"
        notebook.cells.append(cell)
    return notebook
