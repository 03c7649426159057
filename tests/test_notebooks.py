"""Both editions are generated from the solutions: same cells and ids in English and Korean, stubs for
answers, no hidden checks, no drift, no missing or stale translation.

nbval (run by `make test` over solutions/ and lessons/, both editions) proves that re-executing every
notebook reproduces its stored outputs; these tests check what the stored outputs and sources say.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backprop_lib.messages import LANGUAGES, message
from course_tools.cells import exercise_meta
from course_tools.lessons import (
    LANDING_PAGE,
    drifted,
    edition_language,
    exercises,
    landing_drifted,
    lesson_path,
    read,
    solution_path,
)
from course_tools.translations import LANGUAGE_CALL, catalogue_path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXPECTED = ["01_chain_rule", "02_worked_network", "03_xor", "04_softmax", "05_homework", "06_digits"]
EDITIONS = [(solution, language) for solution in SOLUTIONS for language in LANGUAGES]


def edition_id(case) -> str:
    solution, language = case
    return f"{language}/{solution.stem}"


def text_of(cell) -> str:
    """Everything a cell printed, as one string."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
        if output.get("output_type") == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
    return "".join(parts)


def test_the_course_has_its_lessons_in_order_in_both_languages():
    assert [p.stem for p in SOLUTIONS] == EXPECTED
    for language in LANGUAGES:
        lessons = sorted((ROOT / "lessons" / language).glob("*.ipynb"))
        assert [p.stem for p in lessons] == [p.stem for p in SOLUTIONS], f"lessons/{language}/: run `make lessons`"
    korean = sorted((ROOT / "solutions" / "ko").glob("*.ipynb"))
    assert [p.stem for p in korean] == [p.stem for p in SOLUTIONS], "solutions/ko/: run `make lessons`"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_every_solution_has_a_korean_catalogue(solution):
    assert catalogue_path(solution).exists(), (
        f"{solution.name} has no Korean catalogue {catalogue_path(solution).name}: "
        f"run `backprop-lessons translate {solution.name}` and translate it (docs/authoring.md)"
    )


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_both_editions_are_what_the_solution_and_its_catalogue_generate(solution):
    assert drifted(solution) is None, drifted(solution)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_every_cell_of_one_language_has_its_counterpart_in_the_other(solution):
    for english, korean in [
        (solution_path(solution, "en"), solution_path(solution, "ko")),
        (lesson_path(solution, "en"), lesson_path(solution, "ko")),
    ]:
        cells = {
            language: [
                (cell.id, cell.cell_type, exercise_meta(cell))
                for cell in read(path).cells
                if (exercise_meta(cell) or {}).get("role") != "mutant"
            ]  # the source's mutant suite only
            for language, path in (("en", english), ("ko", korean))
        }
        assert cells["en"] == cells["ko"], f"{english.name}: the English and Korean editions have other cells"


@pytest.mark.parametrize("case", EDITIONS, ids=edition_id)
def test_each_edition_says_its_language_and_its_kernel_speaks_it(case):
    solution, language = case
    for path in (solution_path(solution, language), lesson_path(solution, language)):
        notebook = read(path)
        assert edition_language(notebook) == language, f"{path}: metadata says {edition_language(notebook)!r}"
        calls = [LANGUAGE_CALL.search(cell.source) for cell in notebook.cells if cell.cell_type == "code"]
        first = next((call for call in calls if call), None)
        assert first is not None and first.group(1) == language, (
            f"{path}: its first code cells must call use_language({language!r})"
        )


@pytest.mark.parametrize("case", EDITIONS, ids=edition_id)
def test_solution_has_outputs_and_every_check_passes(case):
    solution, language = case
    notebook = read(solution_path(solution, language))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code), "re-run `make lessons`"
    table = exercises(notebook)
    assert len(table) >= 3, "every lesson has at least three exercises"
    for cell in code:
        assert not any(o.get("output_type") == "error" for o in cell.outputs), cell.id
        meta = exercise_meta(cell)
        if meta and meta["role"] == "check":
            assert message("check.passed", language, number=meta["number"]) in text_of(cell), (
                f"{cell.id}: {text_of(cell)!r}"
            )
        if meta and meta["role"] == "hidden-check":  # values only: the grader decides, not the kernel
            passed = message("check.passed", language, number=meta["number"])
            # probes print `label = value`; a judged check prints what the judge reads (e.g. predicted classes)
            printed_values = text_of(cell).strip() if meta.get("judge") else " = " in text_of(cell)
            assert printed_values and passed not in text_of(cell), f"{cell.id}: {text_of(cell)!r}"
        if meta and meta["role"] in ("check", "hidden-check"):
            assert "✗" not in text_of(cell), cell.id


@pytest.mark.parametrize("case", EDITIONS, ids=edition_id)
def test_unanswered_lesson_runs_to_the_end_and_every_check_says_not_done(case):
    solution, language = case
    notebook = read(lesson_path(solution, language))
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code), "every cell ran: re-run `make lessons`"
    checks = 0
    for cell in code:
        assert not any(o.get("output_type") == "error" for o in cell.outputs), cell.id
        meta = exercise_meta(cell)
        assert not (meta and meta["role"] == "hidden-check"), f"hidden check {cell.id} leaked into the lesson"
        if meta and meta["role"] == "check":
            checks += 1
            assert message("check.not_done", language, number=meta["number"]) in text_of(cell), cell.id
            assert "✓" not in text_of(cell), cell.id
        if meta and meta["role"] == "answer":
            assert "# BEGIN SOLUTION" not in cell.source and "# END SOLUTION" not in cell.source
            header = message("stub.header_one", language, number=meta["number"], points="")
            assert cell.source.startswith(header.split("(")[0]), (
                f"{cell.id}: the stub's first line is not in {language}"
            )
    assert checks >= 3, f"every lesson has at least three exercises, each with a check; this one has {checks} checks"


def test_the_landing_page_lets_the_student_choose_the_language_of_every_lesson():
    assert landing_drifted(ROOT) is None, landing_drifted(ROOT)
    text = read(ROOT / "lessons" / LANDING_PAGE).cells[0].source
    for solution in SOLUTIONS:
        assert f"(ko/{solution.name})" in text and f"(en/{solution.name})" in text, solution.name
