"""Simulated students, to try the grader: the lesson with some answer cells filled in.

The tests and the benchmark build their classes with these; an instructor can too, to see what a
gradebook looks like before the real submissions come in.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat

from .assignment import Assignment, answer_sources


def solution_answers(assignment: Assignment) -> dict[str, str]:
    """The solution's answer cells' sources, by cell id: a student who got everything right."""
    return answer_sources(assignment.solution)


def student_notebook(assignment: Assignment, answers: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """The lesson as a student hands it in, with these answer cells (by id) written over the stubs."""
    notebook = copy.deepcopy(assignment.lesson)
    for cell in notebook.cells:
        if answers and cell.id in answers:
            cell.source = answers[cell.id]
    return notebook


def write_class(folder: Path, notebooks: dict[str, nbformat.NotebookNode | str]) -> list[Path]:
    """Write each student's submission as NAME.ipynb, as given: not validated or repaired (a string as it is)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for student, notebook in notebooks.items():
        path = folder / f"{student}.ipynb"
        text = notebook if isinstance(notebook, str) else json.dumps(notebook, indent=1, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
