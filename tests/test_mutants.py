"""The mutant suite: every wrong answer listed in the solutions is rejected (visibly and in grading).

Every right one is kept.

The end-to-end test runs `backprop-mutants --graded-by probes` over every solution that lists mutants
(about a minute of CPU: each lesson runs once, hidden checks included, each mutant in a forked child
whose hidden probes the grader's own scoring judges); `make validate-assignment` runs the same mutants
through the real grader. The others test how mutants are applied and packed into submissions.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course_tools.dependencies import dependencies
from course_tools.lessons import AuthoringError, make_lesson
from course_tools.mutants import Mutant, apply_mutant, main, mutants_of, pack

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(
    path
    for path in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb")  # lesson 6 once it has mutants
    if '"role": "mutant"' in path.read_text()
)

ANSWER = '''def f(x):
    """Doc."""
    # BEGIN SOLUTION
    y = x + 1
    return y
    # END SOLUTION'''


def test_a_notebook_that_is_not_there_is_named_with_what_was_expected(capsys):
    with pytest.raises(SystemExit) as exit_code:
        main(["--course", str(ROOT), "solutions/99_missing.ipynb"])
    assert exit_code.value.code == 2
    assert (
        "not a solution notebook: solutions/99_missing.ipynb (expected solutions/NN_name.ipynb"
        in capsys.readouterr().err
    )


def test_a_solution_never_executed_gets_the_graders_advice_not_a_traceback(tmp_path, capsys):
    notebook = nbformat.read(ROOT / "solutions" / "03_xor.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    (tmp_path / "solutions").mkdir()
    nbformat.write(notebook, tmp_path / "solutions" / "03_xor.ipynb")
    assert main(["--course", str(tmp_path), str(tmp_path / "solutions" / "03_xor.ipynb")]) == 2
    assert "has no stored output to compare with: execute the solution first" in capsys.readouterr().err


def test_a_mutant_replaces_the_region_at_its_indentation():
    assert apply_mutant(ANSWER, "y = x - 1\nif y:\n    return y") == (
        'def f(x):\n    """Doc."""\n    y = x - 1\n    if y:\n        return y'
    )


def test_a_mutant_for_several_regions_has_one_block_each():
    answer = "# BEGIN SOLUTION\na = 1\n# END SOLUTION\nprint(a)\n# BEGIN SOLUTION\nb = 2\n# END SOLUTION"
    assert apply_mutant(answer, "a = 5\n# NEXT REGION\nb = 6") == "a = 5\nprint(a)\nb = 6"
    with pytest.raises(AuthoringError, match="more solution regions than the mutant has blocks"):
        apply_mutant(answer, "a = 5")
    with pytest.raises(AuthoringError, match="3 blocks, the answer cell 2"):
        apply_mutant(answer, "a = 5\n# NEXT REGION\nb = 6\n# NEXT REGION\nc = 7")


def notebook_with(*cells) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    for index, (kind, source, meta) in enumerate(cells):
        make = {"code": nbformat.v4.new_code_cell, "raw": nbformat.v4.new_raw_cell}[kind]
        cell = make(source, metadata={"exercise": meta} if meta else {})
        cell.id = f"c{index}"
        notebook.cells.append(cell)
    return notebook


def test_mutant_cells_are_dropped_from_the_lesson_and_must_be_raw():
    notebook = notebook_with(
        ("code", ANSWER, {"number": 1, "role": "answer", "points": 1}),
        ("code", "print(f(1))", {"number": 1, "role": "check"}),
        ("raw", "return x", {"number": 1, "role": "mutant", "kind": "wrong", "name": "no + 1"}),
    )
    lesson = make_lesson(notebook, "test")
    assert [cell.id for cell in lesson.cells] == ["c0", "c1"]
    [mutant] = mutants_of(notebook, "test")
    assert (mutant.number, mutant.kind, mutant.answer_id) == (1, "wrong", "c0")
    notebook.cells[2].cell_type = "code"
    with pytest.raises(AuthoringError, match="must be a raw cell"):
        make_lesson(notebook, "test")


def test_submissions_never_mutate_two_exercises_that_depend_on_each_other():
    notebook = notebook_with(
        ("code", "# BEGIN SOLUTION\ndef forward(x):\n    return x\n# END SOLUTION", {"number": 1, "role": "answer"}),
        (
            "code",
            "# BEGIN SOLUTION\ndef train(x):\n    return forward(x)\n# END SOLUTION",
            {"number": 2, "role": "answer"},
        ),
        ("code", "# BEGIN SOLUTION\ndef other(x):\n    return x\n# END SOLUTION", {"number": 3, "role": "answer"}),
    )
    assert dependencies(notebook) == {1: set(), 2: {1}, 3: set()}
    mutants = [
        Mutant("n", number, "wrong", f"m{number}{k}", f"c{number}{k}", f"c{number}", "")
        for number in (1, 2, 3)
        for k in range(2)
    ]
    submissions = pack(mutants, dependencies(notebook))
    assert all(not {1, 2} <= set(chosen) for chosen in submissions)
    assert sorted(m.cell_id for chosen in submissions for m in chosen.values()) == sorted(m.cell_id for m in mutants)


def test_every_wrong_mutant_is_rejected_and_every_right_one_kept():
    assert [path.name[:2] for path in LESSONS][:5] == ["01", "02", "03", "04", "05"]
    result = subprocess.run(
        [sys.executable, "-m", "course_tools.mutants", "--graded-by", "probes", *map(str, LESSONS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    report = result.stdout + result.stderr
    print(report)  # the table, for `pytest -rP`
    assert result.returncode == 0, report
    # every notebook  all  visible killed/seen  [blind]  graded killed/wrong  right kept visible  right kept graded
    total = re.search(
        r"every notebook\s+all\s+(\d+)/(\d+)\s+(?:\d+\s+)?(\d+)/(\d+)\s+(\d+)/(\d+)\s+(\d+)/(\d+)", report
    )
    assert total is not None, report
    assert int(total[4]) >= 100, report  # at least 100 wrong mutants in lessons 1–5
    assert total[1] == total[2] and total[3] == total[4] and total[5] == total[6] == total[7] == total[8], report


FIXTURE = ROOT / "tests" / "grading_fixtures" / "solutions" / "fixture_homework.ipynb"
FIXTURE_MUTANTS = {  # exercise: (wrong answers, right answers) for the grading fixture's three exercises
    1: (
        [
            "return grad_output * output",
            "return output * (1.0 - output)",
            "return grad_output * output * (1.0 + output)",
            "return None",
        ],
        ["return grad_output * (output - output ** 2)"],
    ),
    2: (
        [
            "return (outputs - targets) / outputs.size",
            "return 2.0 * (targets - outputs) / outputs.size",
            "return 2.0 * (outputs - targets)",
            "return np.mean(outputs - targets)",
        ],
        ["return (outputs - targets) * (2.0 / np.size(outputs))"],
    ),
    3: (
        [
            "halved_learning_rate = learning_rate * 2",
            "halved_learning_rate = learning_rate / 3",
            "halved_learning_rate = learning_rate - 2",
            "halved_learning_rate = None",
        ],
        ["halved_learning_rate = 0.5 * learning_rate"],
    ),
}


def test_the_real_grader_and_the_probes_agree_on_every_mutant(tmp_path):
    notebook = nbformat.read(FIXTURE, as_version=4)
    for number, answers in FIXTURE_MUTANTS.items():
        for kind, sources in zip(("wrong", "right"), answers):
            for index, source in enumerate(sources):
                cell = nbformat.v4.new_raw_cell(
                    source, metadata={"exercise": {"number": number, "role": "mutant", "kind": kind, "name": source}}
                )
                cell.id = f"ex{number}-{kind}-{index}"
                notebook.cells.append(cell)
    solution = tmp_path / "solutions" / FIXTURE.name
    solution.parent.mkdir()
    nbformat.write(notebook, solution)
    tables = {}
    for mode in ("grader", "probes"):
        result = subprocess.run(
            [sys.executable, "-m", "course_tools.mutants", "--graded-by", mode, str(solution)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        report = result.stdout + result.stderr
        assert result.returncode == 0, report
        tables[mode] = [line for line in report.splitlines() if line.startswith(("fixture_homework", "every"))]
    assert tables["grader"] == tables["probes"]
    assert tables["probes"][-1].split() == ["every", "notebook", "all", "12/12", "12/12", "3/3", "3/3"]
