"""Lessons are generated from solutions: same cells, stubs for answers, no hidden checks, no drift.

nbval (run by `make test` over solutions/ and lessons/) proves that re-executing every notebook
reproduces its stored outputs; these tests check what the stored outputs and sources say.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from course_tools.lessons import drifted, exercise_meta, exercises, read

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
EXPECTED = ["01_chain_rule", "02_worked_network", "03_xor", "04_softmax", "05_homework", "06_digits"]


def text_of(cell) -> str:
    """Everything a cell printed, as one string."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
        if output.get("output_type") == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
    return "".join(parts)


def test_the_course_has_its_six_lessons_in_order():
    assert [p.stem for p in SOLUTIONS] == EXPECTED
    assert [p.stem for p in LESSONS] == EXPECTED


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_lesson_is_what_its_solution_generates(solution):
    assert drifted(solution) is None, drifted(solution)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_has_outputs_and_every_check_passes(solution):
    notebook = read(solution)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code), "re-run `make lessons`"
    table = exercises(notebook)
    assert len(table) >= 3, "every lesson has at least three exercises"
    for cell in code:
        assert not any(o.get("output_type") == "error" for o in cell.outputs), cell.id
        meta = exercise_meta(cell)
        if meta and meta["role"] == "check":
            assert f"✓ Exercise {meta['number']}" in text_of(cell), f"{cell.id}: {text_of(cell)!r}"
        if meta and meta["role"] == "hidden-check":      # values only: the grader decides, not the kernel
            assert " = " in text_of(cell) and "passed" not in text_of(cell), f"{cell.id}: {text_of(cell)!r}"
        if meta and meta["role"] in ("check", "hidden-check"):
            assert "✗" not in text_of(cell) and "not done" not in text_of(cell), cell.id


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_unanswered_lesson_runs_to_the_end_and_every_check_says_not_done(lesson):
    notebook = read(lesson)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code), "every cell ran: re-run `make lessons`"
    checks = 0
    for cell in code:
        assert not any(o.get("output_type") == "error" for o in cell.outputs), cell.id
        meta = exercise_meta(cell)
        assert not (meta and meta["role"] == "hidden-check"), f"hidden check {cell.id} leaked into the lesson"
        if meta and meta["role"] == "check":
            checks += 1
            assert f"Exercise {meta['number']} is not done yet" in text_of(cell), cell.id
            assert "✓" not in text_of(cell), cell.id
        if meta and meta["role"] == "answer":
            assert "# BEGIN SOLUTION" not in cell.source and "# END SOLUTION" not in cell.source
    assert checks >= 3
