"""The grader end to end, beside the class of test_grading.py: interrupted runs, splicing, validation, seeds.

Each test grades its own small class (or none), so this module runs on its own xdist worker beside the class.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import hashlib
import io
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import nbformat
import numpy as np
import pytest

from backprop_lib.messages import message
from course_tools.grading import InstructorError, load_assignment
from course_tools.grading.classroom import (
    solution_answers,
    student_notebook,
    write_class,
)
from course_tools.grading.cli import main
from course_tools.grading.gradebook import Gradebook
from course_tools.grading.outcome import CellResult, ExerciseResult, Grade, Problem
from course_tools.grading.plugin import same_verdict
from course_tools.grading.probes import compare_probes, held_out_loss, stream_text
from course_tools.grading.splice import OPEN_TASK_CHECK, splice
from course_tools.grading.validate import assignment_problems
from course_tools.lessons import drifted
from tests.grading_helpers import (
    FIXTURE,
    HOMEWORK,
    LIMITS,
    ROOT,
    SOLVED_EX1,
    answered,
    moved_to_top,
    with_student_tags,
    without_cell,
)


def test_an_interrupted_run_keeps_every_finished_row_and_the_rerun_does_the_rest(assignment, tmp_path, capsys):
    write_class(tmp_path, {f"student{i}": answered(assignment) for i in range(3)})
    gradebook = tmp_path / "graded" / "gradebook.csv"
    command = [
        sys.executable,
        "-m",
        "course_tools.grading",
        str(tmp_path),
        "--solution",
        str(FIXTURE),
        *LIMITS[:-2],
        "--jobs",
        "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if gradebook.exists() and len(gradebook.read_text().splitlines()) > 1:
            break
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "run the same command again" in err
    done = len(gradebook.read_text().splitlines()) - 1
    assert done >= 1
    capsys.readouterr()
    assert main([str(tmp_path), "--solution", str(FIXTURE), *LIMITS]) == 0
    assert f"Grading {3 - done} of 3 submissions" in capsys.readouterr().out
    with gradebook.open(newline="") as handle:
        assert [(r["student"], r["total"]) for r in csv.DictReader(handle)] == [(f"student{i}", "6") for i in range(3)]

    # A resubmission copied over a graded file: a plain rerun grades that student again, and says so.
    write_class(tmp_path, {"student1": student_notebook(assignment)})
    assert main([str(tmp_path), "--solution", str(FIXTURE), *LIMITS]) == 0
    out = capsys.readouterr().out
    assert "1 submission changed since graded (student1): graded again, its row replaced." in out
    assert "Grading 1 of 3 submissions" in out
    with gradebook.open(newline="") as handle:
        rows = {r["student"]: r for r in csv.DictReader(handle)}
    assert [rows[f"student{i}"]["total"] for i in range(3)] == ["6", "0", "6"]
    now = hashlib.sha256((tmp_path / "student1.ipynb").read_bytes()).hexdigest()[:16]
    assert rows["student1"]["submission"] == now != rows["student0"]["submission"]
    assert f"`student1.ipynb` with SHA-256 `{now}…`" in (tmp_path / "graded" / "feedback" / "student1.md").read_text()
    assert main([str(tmp_path), "--solution", str(FIXTURE), *LIMITS]) == 0
    out = capsys.readouterr().out
    assert (
        "All 3 submissions are graded in" in out and "Nothing new to grade." in out
    )  # nothing changed: nothing graded
    assert "running the solution" not in out and "limits:" not in out
    (tmp_path / "student2.ipynb").unlink()  # taken out of the folder: its row stays, and the run says so
    assert main([str(tmp_path), "--solution", str(FIXTURE), *LIMITS]) == 0
    assert "without a file in" in capsys.readouterr().out and "student2" in gradebook.read_text()
    log = (tmp_path / "graded" / "grading.log").read_text()
    assert log.count("=== grading run of ") == 3  # the interrupted run, the rest, the resubmission: all kept


def test_a_name_to_grade_again_is_found_in_either_unicode_form():
    import unicodedata

    from course_tools.grading.cli import students_named
    from course_tools.grading.runner import Submission

    submissions = [Submission("지우", Path("지우.ipynb")), Submission("ada", Path("ada.ipynb"))]
    assert students_named([unicodedata.normalize("NFD", "지우"), "ada", "zoe"], submissions) == {"지우", "ada", "zoe"}


def test_rows_are_on_disk_as_soon_as_they_are_added_and_grader_errors_are_retried(assignment, tmp_path):
    path = tmp_path / "gradebook.csv"
    book = Gradebook(path, assignment)
    zero = [ExerciseResult(n, 0.0, e.points) for n, e in sorted(assignment.exercises.items())]
    book.add(Grade("ada", zero, []), "a1")
    book.add(Grade("bob", zero, [Problem("grader-error", detail="no report")]), "b1")
    again = Gradebook(path, assignment)
    assert set(again.rows) == {"ada", "bob"} and again.graded() == {"ada"}
    assert again.changed({"ada": "a1", "bob": "b2", "cyd": "c1"}) == ["bob"]  # cyd: not graded yet
    assert again.changed({}) == []  # a file gone from the folder: its row stays as it was
    assert Gradebook(path, assignment, regrade=True).rows == {}


def test_a_gradebook_of_another_assignment_is_not_overwritten(assignment, tmp_path):
    path = tmp_path / "gradebook.csv"
    path.write_text("student,q1,total,maximum,status\n")
    with pytest.raises(InstructorError, match="--regrade"):
        Gradebook(path, assignment)


# --- splicing: ids, not positions; the student's metadata is never read ---


def test_the_fixture_lesson_is_what_its_solution_generates():
    assert drifted(FIXTURE) is None, drifted(FIXTURE)


def test_splice_takes_answers_by_id_and_strips_markers(assignment, tmp_path):
    notebook = moved_to_top(
        answered(assignment, ex3_answer="# NBVAL_IGNORE_OUTPUT\nhalved_learning_rate = 0.05\n"), "ex3-answer"
    )
    with_student_tags(notebook, "ex3-answer", ["nbval-skip", "raises-exception"])
    path = tmp_path / "student.ipynb"
    nbformat.write(notebook, path)
    spliced = splice(assignment, "student", path)
    cells = {cell.id: cell for cell in spliced.notebook.cells}
    code_ids = [c.id for c in assignment.solution.cells if c.cell_type == "code"]
    assert [cell.id for cell in spliced.notebook.cells] == code_ids
    assert "NBVAL" not in cells["ex3-answer"].source and "halved_learning_rate = 0.05" in cells["ex3-answer"].source
    assert "tags" not in cells["ex3-answer"].metadata
    tagged = sorted(cell_id for cell_id, cell in cells.items() if "nbval-check-output" in cell.metadata.get("tags", []))
    assert tagged == ["ex1-check", "ex2-check", "ex3-check"]  # hidden checks: scored by the plugin
    with_outputs = sorted(cell_id for cell_id, cell in cells.items() if cell.outputs)
    assert with_outputs == [
        "ex1-check",
        "ex1-hidden",
        "ex2-check",
        "ex2-hidden-batch",
        "ex2-hidden-vector",
        "ex3-check",
    ]


def test_json_nested_too_deep_or_a_cell_id_that_is_no_string_is_graded_not_a_crash(assignment, tmp_path):
    (tmp_path / "deep.ipynb").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    spliced = splice(assignment, "deep", tmp_path / "deep.ipynb")
    assert spliced.notebook is None and [problem.code for problem in spliced.problems] == ["invalid-notebook"]
    notebook = answered(assignment, ex3_answer="halved_learning_rate = 0.05\n")
    notebook.cells[0].id = ["not", "a", "string"]
    (tmp_path / "odd_id.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    spliced = splice(assignment, "odd_id", tmp_path / "odd_id.ipynb")
    cells = {cell.id: cell for cell in spliced.notebook.cells}
    assert "halved_learning_rate = 0.05" in cells["ex3-answer"].source


def test_an_answer_retyped_in_a_new_cell_is_found_by_its_first_line_and_said(assignment, tmp_path):
    header = next(cell.source for cell in assignment.lesson.cells if cell.id == "ex1-answer").splitlines()[0]
    notebook = answered(assignment, ex1_answer=f"{header}\n{SOLVED_EX1}")
    pasted = next(cell for cell in notebook.cells if cell.id == "ex1-answer")
    pasted.id = "a-new-cell"  # what pasting a copy or typing into a new cell leaves: the header line, another id
    unheaded = copy.deepcopy(notebook)
    next(cell for cell in unheaded.cells if cell.id == "a-new-cell").source = SOLVED_EX1
    found = {}
    for name, student in (("pasted", notebook), ("unheaded", unheaded)):
        nbformat.write(student, tmp_path / f"{name}.ipynb")
        spliced = splice(assignment, name, tmp_path / f"{name}.ipynb")
        found[name] = (next(c.source for c in spliced.notebook.cells if c.id == "ex1-answer"), spliced.problems)
    assert SOLVED_EX1.strip() in found["pasted"][0]
    assert [problem.code for problem in found["pasted"][1]] == ["relocated-answer"]
    assert SOLVED_EX1.strip() not in found["unheaded"][0]  # no header: nothing says which exercise it answers
    assert [problem.code for problem in found["unheaded"][1]] == ["missing-answers"]


def test_an_open_tasks_visible_check_is_judged_by_its_verdict_line_not_its_numbers(tmp_path):
    """Homework exercise 8 (judged on held-out data): a right network of one's own prints its own loss curve."""
    homework = load_assignment(HOMEWORK)
    path = tmp_path / "student.ipynb"
    nbformat.write(student_notebook(homework, solution_answers(homework)), path)
    cells = {cell.id: cell for cell in splice(homework, "student", path).notebook.cells}
    assert cells["ex8-check"].metadata["tags"] == [OPEN_TASK_CHECK]
    assert cells["ex7-check"].metadata["tags"] == ["nbval-check-output"]
    expected = cells["ex8-check"].outputs
    verdict = stream_text(expected).strip().splitlines()[-1]
    assert verdict.startswith("✓")

    def printed(text: str) -> SimpleNamespace:
        return SimpleNamespace(
            cell=cells["ex8-check"], test_outputs=[{"output_type": "stream", "name": "stdout", "text": text}]
        )

    assert same_verdict(printed(f"500 epochs from 0.812 to 1.7e-05 (another network)\n{verdict}\n"))
    assert not same_verdict(printed("✗ Exercise 8: the network needs at least two hidden layers; it has 1.\n"))
    assert not same_verdict(printed(""))


# --- the instructor's mistakes get clear errors ---


def test_missing_or_empty_submissions_folder(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere"), "--solution", str(FIXTURE)]) == 2
    assert "No folder" in capsys.readouterr().err
    assert main([str(tmp_path), "--solution", str(FIXTURE)]) == 2
    assert "holds no .ipynb files" in capsys.readouterr().err
    (tmp_path / "ada.ipynb").write_text("{}")  # one student's file instead of the class's folder
    assert main([str(tmp_path / "ada.ipynb"), "--solution", str(FIXTURE)]) == 2
    said = capsys.readouterr().err
    assert (
        f"ada.ipynb is a file: give the folder of the submitted notebooks (one NAME.ipynb per student), {tmp_path}, "
        in said
    )
    assert "--regrade ada to grade only this one again" in said


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("--cell-timeout=-1", "--cell-timeout must be more than 0 seconds, not -1"),  # every cell: timeout
        ("--submission-timeout=0", "--submission-timeout must be more than 0 seconds, not 0"),  # grader-error
        ("--max-output-kb=0", "--max-output-kb must be 1 or more, not 0"),
        ("--max-processes=-1", "--max-processes must be 0 or more (0: none besides the kernel), not -1"),
        (f"--output={FIXTURE}", f"--output {FIXTURE} is a file: give a folder"),  # not FileExistsError
        ("--jobs=0", "--jobs must be 1 or more, not 0"),
        ("--memory-mb=100", "--memory-mb must be at least 512, not 100"),
    ],
)
def test_a_limit_or_output_that_could_grade_nobody_is_refused_before_grading(tmp_path, capsys, option, said):
    with pytest.raises(SystemExit) as ended:
        main([str(tmp_path), "--solution", str(FIXTURE), option])
    assert ended.value.code == 2 and said in capsys.readouterr().err


def test_a_folder_or_a_broken_link_named_like_a_submission_is_an_invalid_notebook_not_a_crash(tmp_path):
    (tmp_path / "bob.ipynb").mkdir()
    (tmp_path / "carl.ipynb").symlink_to(tmp_path / "nowhere")
    assert main([str(tmp_path), "--solution", str(FIXTURE), "--seed", "5", "--output", str(tmp_path / "out")]) == 0
    with (tmp_path / "out" / "gradebook.csv").open(newline="", encoding="utf-8") as handle:
        statuses = {row["student"]: (row["status"], row["submission"]) for row in csv.DictReader(handle)}
    assert statuses == {"bob": ("invalid-notebook", ""), "carl": ("invalid-notebook", "")}  # no version to name


def test_missing_solution(tmp_path, capsys):
    assert main([str(tmp_path), "--solution", str(tmp_path / "missing.ipynb")]) == 2
    assert "No solution notebook" in capsys.readouterr().err


def test_a_lesson_or_korean_solution_that_cannot_be_read_is_named_not_a_traceback(tmp_path, capsys):
    course = tmp_path / "course"
    shutil.copytree(FIXTURE.parent.parent, course)
    solution = course / "solutions" / FIXTURE.name
    for broken in (course / "lessons" / "en" / FIXTURE.name, course / "solutions" / "ko" / FIXTURE.name):
        kept = broken.read_text(encoding="utf-8")
        broken.write_text("{ not json", encoding="utf-8")
        assert main([str(tmp_path), "--solution", str(solution)]) == 2
        assert f"error: {broken}: Notebook does not appear to be JSON" in capsys.readouterr().err
        broken.write_text(kept, encoding="utf-8")
    korean = nbformat.read(course / "solutions" / "ko" / FIXTURE.name, as_version=4)
    next(cell for cell in korean.cells if cell.id == "ex1-check").metadata["exercise"]["role"] = "chek"
    nbformat.write(korean, course / "solutions" / "ko" / FIXTURE.name)
    assert main([str(tmp_path), "--solution", str(solution)]) == 2
    assert "ko/fixture_homework.ipynb: cell ex1-check: exercise role must be" in capsys.readouterr().err


def test_an_authoring_mistake_names_the_solution_once(tmp_path):
    notebook = nbformat.read(FIXTURE, as_version=4)
    notebook.cells = [cell for cell in notebook.cells if cell.id != "ex3-check"]  # exercise 3 without its check
    nbformat.write(notebook, tmp_path / FIXTURE.name)
    with pytest.raises(InstructorError) as raised:
        load_assignment(tmp_path / FIXTURE.name)
    assert "exercise 3 needs an answer cell and a check cell" in str(raised.value)
    assert str(raised.value).count(FIXTURE.name) == 1, str(raised.value)


def test_solution_without_outputs(tmp_path):
    notebook = nbformat.read(FIXTURE, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(notebook, tmp_path / "unrun.ipynb")
    with pytest.raises(InstructorError, match="no stored output"):
        load_assignment(tmp_path / "unrun.ipynb")


# --- validating an assignment before it is handed out ---


def test_validate_names_a_failing_solution_check_and_a_check_that_passes_unanswered(assignment):
    def grade(student: str, passing: set[str]) -> Grade:
        exercises = []
        for number, exercise in sorted(assignment.exercises.items()):
            visible = [CellResult(i, number, "check", i in passing) for i in exercise.check_ids]
            hidden = [CellResult(i, number, "hidden-check", i in passing) for i in exercise.hidden_ids]
            points = exercise.points * sum(c.passed for c in (hidden or visible)) / len(hidden or visible)
            exercises.append(ExerciseResult(number, points, exercise.points, visible, hidden))
        return Grade(student, exercises, [])

    every = {i for e in assignment.exercises.values() for i in e.check_ids + e.hidden_ids}
    assert assignment_problems(grade("solution", every), grade("lesson", set()), assignment) == []
    problems = assignment_problems(
        grade("solution", every - {"ex2-hidden-batch"}), grade("lesson", {"ex3-check"}), assignment
    )
    assert problems == [
        "the solution scores 4.5 of 6 (status ok); failing checks: ex2-hidden-batch",
        "the unanswered lesson passes ex3-check (status ok): a check that passes without an answer grades nothing",
    ]


@pytest.mark.skipif(not HOMEWORK.exists(), reason="solutions/05_homework.ipynb is not written yet")
def test_validate_grades_in_the_kernels_chosen(monkeypatch):
    from course_tools.grading import cli, validate

    class Stop(Exception):
        pass

    chosen = []

    def grade_submissions(*args, kernels: str, **kwargs) -> None:
        chosen.append(kernels)
        raise Stop

    monkeypatch.setattr(validate, "grade_submissions", grade_submissions)
    monkeypatch.setattr(validate, "default_kernels", lambda isolate: ("warm", ""))
    monkeypatch.setattr(cli, "warm_kernels_possible", lambda: "")  # warm can run here, whatever this machine is
    for kernels in ("fresh", "warm"):
        with pytest.raises(Stop):
            main(["--validate", "--solution", str(FIXTURE), "--kernels", kernels])
    assert chosen == ["fresh", "warm"]


def test_the_real_homework_validates(capsys):
    assert main(["--validate", "--jobs", "2"]) == 0, capsys.readouterr().out


# --- hidden checks are scored outside the kernel, from values only ---


def test_probes_match_by_label_and_order_within_float32_precision():
    expected = "a = [0.12345678, -2.00000000]\nb = [[1.0],\n [2.0]]\nn = 7\nletters = A, B\n"
    float32 = "a = [0.12345680, -2.00000003]\nb = [[1.0],\n [2.0]]\nn = 7\nletters = A, B\n"
    assert compare_probes(expected, float32) == [True, True, True, True]
    wrong = "✗ Exercise 1: oops\nb = [[1.0],\n [2.5]]\nn = 8\nletters = A\nletters = A, B\nextra = 1\n"
    assert compare_probes(expected, wrong) == [False, False, False, False]  # the first `letters` counts
    assert compare_probes(expected, "a = [0.12345678, -2.00010000]\n")[0] is False
    assert compare_probes(expected, "✓ Exercise 1 (hidden check) passed.\nyes\n") == [False] * 4


def test_the_held_out_judge_decides_with_targets_only_the_grader_draws():
    from backprop_lib.exercises import hidden_seed
    from backprop_lib.homework import make_problem

    def printed(probe: int, layers: int, right: bool) -> str:
        _, labels = make_problem("circles", 500, hidden_seed(probe, 42))
        scores = np.eye(2)[labels if right else 1 - labels] * 20
        outputs = np.array2string(scores, threshold=10**6)
        return f"problem = circles\nhidden layers = {layers}\nheld-out outputs = {outputs}\n"

    assert held_out_loss(printed(1, 2, True) + printed(2, 2, False), [1, 2], seed=42) == [True, False]
    assert held_out_loss(printed(1, 1, True), [1], seed=42) == [False]  # one hidden layer is not deep
    assert held_out_loss(printed(1, 2, True), [1], seed=43) == [False]  # another run's held-out data
    assert held_out_loss("problem = circles\nyes\n", [1], seed=42) == [False]
    assert held_out_loss(printed(1, 2, True).replace("= 2", "= ²"), [1], seed=42) == [False]  # a digit to isdigit()
    assert held_out_loss(printed(1, 2, True).replace("= 2", "= " + "9" * 5000), [1], seed=42) == [
        False
    ]  # int() refuses


TAMPERING = """
import builtins, contextlib, os
import backprop_lib, backprop_lib.exercises as _exercises, backprop_lib.homework as _homework
_print = builtins.print
PUBLIC = {public!r}            # by exercise: what its hidden checks print in the public solution (hidden seed 0)
_replayed = set()

@contextlib.contextmanager
def exercise_check(number, hidden=False):
    try:
        yield
    except BaseException:
        pass
    if not hidden:
        _print(f"✓ Exercise {{number}} passed.")
    elif number not in _replayed:                     # the public text, exactly, once per exercise
        _replayed.add(number)
        for line in PUBLIC.get(str(number), []):
            _print(line)

def _quiet(*args, **kwargs):
    pass

show_values = show_letters = check_true = check_close = check_equal = record_choices = _quiet

def print(*args, **kwargs):                           # hide every sign of a failure
    if not any("not done" in str(arg) or "✗" in str(arg) for arg in args):
        _print(*args, **kwargs)

for _module in (_exercises, _homework, backprop_lib):
    for _name in ("exercise_check", "show_values", "show_letters", "check_true", "check_close", "check_equal",
                  "record_choices"):
        setattr(_module, _name, globals()[_name])
held_out_loss = _homework.held_out_loss = backprop_lib.held_out_loss = lambda *args, **kwargs: 0.0
hidden_layer_count = _homework.hidden_layer_count = lambda *args, **kwargs: 5
os.environ["BACKPROP_HIDDEN_SEED"] = "0"     # ask for the public inputs
builtins.print = print
"""


CHOICES = ("differences_found", "does_it_matter", "relu_bug", "affine_bug", "softmax_bug")  # the answers themselves


@pytest.mark.skipif(not HOMEWORK.exists(), reason="solutions/05_homework.ipynb is not written yet")
def test_a_submission_that_forges_verdicts_scores_what_the_blank_lesson_scores(tmp_path):
    homework = load_assignment(HOMEWORK)
    public = {}
    for cell in homework.solution.cells:
        meta = cell.metadata.get("exercise", {})
        if meta.get("role") == "hidden-check":
            text = "".join(output.get("text", "") for output in cell.outputs)
            public.setdefault(str(meta["number"]), []).extend(
                line for line in text.splitlines() if line.split(" = ")[0] not in CHOICES
            )
    first = homework.answer_ids[0]
    write_class(
        tmp_path,
        {
            "blank": student_notebook(homework),
            "forger": student_notebook(homework, {first: TAMPERING.format(public=public)}),
        },
    )
    assert main([str(tmp_path), "--solution", str(HOMEWORK), "--seed", "20261130", "--jobs", "2"]) == 0
    with (tmp_path / "graded" / "gradebook.csv").open(newline="") as handle:
        rows = {r["student"]: r for r in csv.DictReader(handle)}
    columns = [f"ex{n}" for n in sorted(homework.exercises)] + ["total"]
    assert [rows["forger"][c] for c in columns] == [rows["blank"][c] for c in columns], rows


def test_without_landlock_the_first_line_and_every_feedback_file_say_so(assignment, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("course_tools.grading.cli.isolation_available", lambda: False)
    write_class(tmp_path, {"ada": answered(assignment)})
    assert main([str(tmp_path), "--solution", str(FIXTURE), *LIMITS]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("WARNING: submissions are NOT isolated")
    assert "graded without isolation" in (tmp_path / "graded" / "feedback" / "ada.md").read_text()


# --- feedback that tells the truth (backprop_lib.exercises, what every check cell prints) ---


def checked(source: str, answer: str = "") -> str:
    """What a check cell prints, with the answer and the check compiled (and run) as two notebook cells."""

    from backprop_lib import exercises

    namespace = {**vars(exercises), "np": np}
    exec(compile(answer, "/tmp/ipykernel_0/answer_cell.py", "exec"), namespace)  # noqa: S102
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(source, "/tmp/ipykernel_0/check_cell.py", "exec"), namespace)  # noqa: S102
    return output.getvalue()


def test_float32_within_its_precision_passes_or_is_named():
    assert (
        checked("with exercise_check(1):\n    check_close('p', np.float32([1/3, 2/3]), [1/3, 2/3])\n")
        == "p = [0.33333333, 0.66666667]\n✓ Exercise 1 passed.\n"
    )
    assert "p is float32; compute in float64" in checked(
        "with exercise_check(1):\n    check_close('p', np.float32(1/3), 1/3, digits=14)\n"
    )
    assert "float32" not in checked("with exercise_check(1):\n    check_close('p', np.float32(0.3), 1/3)\n")
    # float64 numbers with float32's error: an earlier answer this one calls computed in float32 (the verdict stays ✗)
    upstream = checked("with exercise_check(3):\n    check_close('g', np.float64(np.float32(1/3)), 1/3)\n")
    assert "does code it calls (an earlier exercise's answer) compute in float32?" in upstream and "✗" in upstream
    assert "float32" not in checked("with exercise_check(3):\n    check_close('g', 0.3334, 1/3)\n")


def test_none_gets_the_missing_return_message_and_errors_point_at_the_students_line():
    answer = "def f(x):\n    y = x + 1\n\ndef g(x):\n    return x.shape[5]\n"
    missing = "your function returned None — is the `return` missing?"
    assert missing in checked("with exercise_check(1):\n    check_close('f(1)', f(1), 2)\n", answer)
    assert missing in checked("with exercise_check(1):\n    a, b = f(1)\n", answer)  # raised in the check cell
    raised = checked("with exercise_check(1):\n    check_close('g', g(np.zeros(2)), 2)\n", answer)
    assert "IndexError" in raised and "(line 5" in raised


def test_the_public_seed_is_refused(assignment, tmp_path, capsys):
    write_class(tmp_path, {"ada": answered(assignment)})
    assert main([str(tmp_path), "--solution", str(FIXTURE), "--seed", "0"]) == 2
    assert "public seed" in capsys.readouterr().err
    (tmp_path / "seed").write_text("0\n")
    assert main([str(tmp_path), "--solution", str(FIXTURE), "--seed-file", str(tmp_path / "seed")]) == 2
    assert f"the seed in {tmp_path / 'seed'} (0) is the public seed" in capsys.readouterr().err  # not "--seed 0"


def test_a_negative_seed_or_a_damaged_kept_seed_is_refused_with_what_to_do(tmp_path):
    from course_tools.grading.seeds import hidden_seed_of, seed_from_file

    # numpy takes no negative seed: every hidden check would print the same error for the solution and a blank answer
    with pytest.raises(InstructorError, match="--seed -5: a seed is a whole number from 1 up"):
        hidden_seed_of(-5, tmp_path)
    (tmp_path / "hidden-seed").write_text("\n")
    with pytest.raises(InstructorError, match="holds '', not the seed an earlier run kept there.*delete it"):
        hidden_seed_of(None, tmp_path)
    (tmp_path / "seed").write_text("²\n")  # a digit to str.isdigit, not to int
    with pytest.raises(InstructorError, match="one whole number, but it holds '²'"):
        seed_from_file(tmp_path / "seed")


def test_a_seed_the_solutions_hidden_check_fails_with_is_refused_without_printing_it(tmp_path):
    from course_tools.grading.reference import seeded_assignment

    course = tmp_path / "course"
    shutil.copytree(FIXTURE.parent.parent, course)
    solution = course / "solutions" / FIXTURE.name
    notebook = nbformat.read(solution, as_version=4)
    hidden = next(cell for cell in notebook.cells if cell.id == "ex1-hidden")
    fails = "    if __import__('os').environ['BACKPROP_HIDDEN_SEED'] == '13':\n        raise ValueError('unlucky')\n"
    hidden.source = hidden.source.replace(
        "with exercise_check(1, hidden=True):\n", f"with exercise_check(1, hidden=True):\n{fails}"
    )
    nbformat.write(notebook, solution)
    assignment = load_assignment(solution)
    assert seeded_assignment(assignment, 14).probes == assignment.probes  # another seed: values, as stored
    # with seed 13 its expected output would be the ✗ line, which a blank answer raising the same error prints too
    with pytest.raises(
        InstructorError, match="the solution fails its hidden checks ex1-hidden with this run"
    ) as refused:
        seeded_assignment(assignment, 13)
    assert "13" not in str(refused.value)


def test_a_seed_file_gives_every_shard_the_same_seed_and_a_bad_one_says_how_to_make_one(tmp_path, capsys):
    from course_tools.grading.seeds import seed_from_file

    (tmp_path / "seed").write_text("123456789\n")
    assert seed_from_file(tmp_path / "seed") == 123456789
    (tmp_path / "bad").write_text("my secret\n")
    with pytest.raises(InstructorError, match="one whole number, but it holds 'my secret'.*secrets.randbelow"):
        seed_from_file(tmp_path / "bad")
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "ada.ipynb").write_text("{}")
    command = [str(tmp_path / "class"), "--solution", str(FIXTURE), "--shard", "1/2"]
    assert main([*command, "--seed-file", str(tmp_path / "missing")]) == 2
    assert "there is no such file" in capsys.readouterr().err


def test_a_seed_from_a_file_is_neither_printed_nor_copied_and_a_rerun_reads_the_same_file(tmp_path):
    from course_tools.grading.seeds import hidden_seed_of, seed_words

    seed_file, output = tmp_path / "hw-seed", tmp_path / "graded"
    seed_file.write_text("123456789\n")
    output.mkdir()
    assert hidden_seed_of(123456789, output, seed_file) == (123456789, seed_file)
    assert "123456789" not in (output / "hidden-seed").read_text() + seed_words(123456789, output, seed_file)
    # a rerun without --seed-file: the same file, read again, and still not printed
    assert hidden_seed_of(None, output) == (123456789, seed_file.resolve())
    seed_file.unlink()
    with pytest.raises(InstructorError, match="which is gone. Restore that file") as gone:
        hidden_seed_of(None, output)
    assert str(gone.value).endswith("--regrade --seed-file NEW_FILE.")  # --regrade alone would meet this again
    new_file = tmp_path / "new-seed"
    new_file.write_text("987654321\n")
    assert hidden_seed_of(987654321, output, new_file, keeps_rows=False) == (987654321, new_file)  # what it advises


def test_a_seed_file_others_can_read_is_said_also_when_a_rerun_finds_it_kept(tmp_path, capsys):
    from course_tools.grading.seeds import hidden_seed_of, warn_if_others_can_read

    seed_file, output = tmp_path / "hw-seed", tmp_path / "graded"
    seed_file.write_text("123456789\n")
    seed_file.chmod(0o644)
    output.mkdir()
    hidden_seed_of(123456789, output, seed_file)
    warn_if_others_can_read(hidden_seed_of(None, output)[1])  # a rerun without --seed-file
    assert f"WARNING: other users can read {seed_file}: chmod 600" in capsys.readouterr().out
    seed_file.chmod(0o600)
    warn_if_others_can_read(hidden_seed_of(None, output)[1])
    assert capsys.readouterr().out == ""


def test_one_gradebook_is_graded_on_one_seed_and_shards_of_two_seeds_are_not_merged(tmp_path):
    from course_tools.grading.seeds import hidden_seed_of, same_seed

    output = tmp_path / "graded"
    output.mkdir()
    assert hidden_seed_of(111, output) == (111, None)
    assert hidden_seed_of(222, output, keeps_rows=False) == (222, None)  # nothing graded yet, or everyone again
    with pytest.raises(InstructorError, match="holds grades made with another seed than the --seed given"):
        hidden_seed_of(333, output, keeps_rows=True)  # --regrade NAME with another seed: two sets of inputs
    assert hidden_seed_of(222, output, keeps_rows=True) == (222, None)
    assert hidden_seed_of(None, output, keeps_rows=False) == (222, None)  # --regrade (everyone), no --seed: the kept
    other = tmp_path / "shard-2"
    other.mkdir()
    hidden_seed_of(333, other)
    with pytest.raises(InstructorError, match="the shards were graded with different seeds"):
        same_seed([output, other])
    hidden_seed_of(222, other)
    same_seed([output, other])  # the same seed: nothing to say


def test_warm_kernels_are_the_default_only_where_landlock_scopes_the_forking_process(monkeypatch, capsys):
    from course_tools.grading import launcher
    from course_tools.grading.cli import kernel_mode

    monkeypatch.setattr("course_tools.grading.cli.warm_kernels_possible", lambda: "")
    monkeypatch.setattr(launcher, "landlock_abi", lambda: 5)
    assert kernel_mode(None, isolate=True) == "fresh"
    assert "Landlock (ABI 5) cannot keep a submission from connecting" in capsys.readouterr().out
    assert kernel_mode("warm", isolate=True) == "warm"
    assert "WARNING: --kernels warm" in capsys.readouterr().out
    assert kernel_mode(None, isolate=False) == "warm"  # not isolated at all: said on the first line of the run
    monkeypatch.setattr(launcher, "landlock_abi", lambda: 6)
    assert kernel_mode(None, isolate=True) == "warm" and capsys.readouterr().out == ""


def test_feedback_never_shows_the_solutions_multiple_choice_letters():
    from course_tools.grading.report import output_text, without_choices

    recorded = []
    for path in (HOMEWORK, ROOT / "solutions" / "ko" / HOMEWORK.name):
        for cell in nbformat.read(path, as_version=4).cells:
            text = output_text(cell.get("outputs", []))
            if "(recorded; graded when you hand in)" in text or "(기록했어요. 제출한 뒤에 채점해요)" in text:
                recorded.append(without_choices(text))
    assert len(recorded) == 4  # exercises 5 and 9, in both editions
    letters = re.compile(r": [A-F](, [A-F])* \(")
    assert not [text for text in recorded if letters.search(text)], recorded
    assert all(": … (" in text for text in recorded)


def test_an_exercise_that_lost_points_while_calling_one_that_lost_points_too_is_marked_and_said():
    from course_tools.grading.feedback import feedback as feedback_text
    from course_tools.grading.report import cascades

    homework = load_assignment(HOMEWORK)  # exercise 3 (train_xor) calls exercises 1 and 2 (forward, backward)

    def graded(short: set[int], untouched: frozenset[int] = frozenset(), language: str = "en") -> Grade:
        results = [ExerciseResult(n, 0.0 if n in short else e.points, e.points) for n, e in homework.exercises.items()]
        problems = cascades(homework, results, untouched, language)
        return Grade("ada", results, problems, language=language, unanswered=untouched)

    grade = graded({2, 3})
    assert grade.status == "calls-unfinished(ex3-answer)"  # the gradebook row shows it, not only the feedback
    assert (
        "Points lost in your answer to Exercise 3 (cell `ex3-answer`) may come from exercise 2, which it calls"
        in feedback_text(grade, homework)
    )
    assert "may come from exercises 1 and 2, which" in feedback_text(graded({1, 2, 3}), homework)
    korean = feedback_text(graded({1, 2, 3}, language="ko"), homework)
    assert (
        "연습 3의 답(`ex3-answer` 셀)은 연습 1, 2에서 여러분이 쓴 코드를 부르는데, 연습 1, 2도 만점이 아니에요."
        in korean
    )
    assert graded({1, 2}).status == "ok"  # exercise 3 was right
    assert graded({1, 2, 3}, untouched=frozenset({3})).status == "ok"  # exercise 3 was never answered
    # exercise 1 left as handed out, 3 answered: 3's check printed "not done" (it called 1's stub), yet 3 was answered
    assert graded({1, 3}, untouched=frozenset({1})).status == "calls-unfinished(ex3-answer)"


def test_a_gate_probe_that_fails_takes_every_probe_of_its_check_with_it():
    from course_tools.grading.probes import score_hidden

    expected = "grad_weights after three calls = [1.0, 2.0]\ngrad_x = [3.0]\n"
    class_as_given = "grad_weights after three calls = [3.0, 6.0]\ngrad_x = [3.0]\n"  # grad_x: untouched by the bug
    assert score_hidden({}, expected, class_as_given, 1) == [False, True]
    gated = {"gates": ["grad_weights after three calls"]}
    assert score_hidden(gated, expected, class_as_given, 1) == [False, False]
    assert score_hidden(gated, expected, expected, 1) == [True, True]


@pytest.mark.parametrize("probes", ["90", [], [90.5], None])
def test_a_judges_probes_must_be_a_list_of_whole_numbers(tmp_path, probes):
    notebook = nbformat.read(FIXTURE, as_version=4)
    hidden = next(cell for cell in notebook.cells if cell.metadata.get("exercise", {}).get("role") == "hidden-check")
    hidden.metadata["exercise"]["judge"] = {"name": "held-out-accuracy", "probes": probes}  # "90": two probes, '9', '0'
    (tmp_path / "solutions").mkdir()
    nbformat.write(notebook, tmp_path / "solutions" / FIXTURE.name)
    with pytest.raises(InstructorError, match=r"with a list of probes \(whole numbers\)"):
        load_assignment(tmp_path / "solutions" / FIXTURE.name)


def test_a_gate_must_be_one_of_its_checks_own_probes(tmp_path):
    notebook = nbformat.read(FIXTURE, as_version=4)
    hidden = next(cell for cell in notebook.cells if cell.metadata.get("exercise", {}).get("role") == "hidden-check")
    hidden.metadata["exercise"]["gates"] = ["a label it never prints"]
    (tmp_path / "solutions").mkdir()
    nbformat.write(notebook, tmp_path / "solutions" / FIXTURE.name)
    with pytest.raises(InstructorError, match=r"names the gate probes \['a label it never prints'\]"):
        load_assignment(tmp_path / "solutions" / FIXTURE.name)


def test_a_cut_output_says_how_much_was_cut_in_the_feedbacks_language_and_a_short_tail_is_kept():
    from course_tools.grading.report import in_language, shorten

    long = "\n".join(f"line {index}: " + "x" * 200 for index in range(30))
    assert shorten(long).endswith("more characters)") and in_language(shorten(long), "ko").endswith("개 더)")
    thirteen = "\n".join(f"line {index}" for index in range(13))  # one line over the limit: nothing is cut
    assert shorten(thirteen) == thirteen


def test_an_exercise_counts_as_unanswered_by_its_cells_not_by_what_its_check_prints(assignment, tmp_path):
    # exercise 1 handed back as handed out, exercises 2 and 3 answered: only 1 is unanswered
    answers = {k: v for k, v in solution_answers(assignment).items() if k != "ex1-answer"}
    path = tmp_path / "student.ipynb"
    nbformat.write(student_notebook(assignment, answers), path)
    assert splice(assignment, "student", path).unanswered == frozenset({1})
    nbformat.write(without_cell(student_notebook(assignment, answers), "ex2-answer"), path)
    assert splice(assignment, "student", path).unanswered == frozenset({1, 2})  # a missing cell: graded as its stub


def test_every_problem_code_has_its_sentence_for_the_feedback_and_no_sentence_lacks_its_code():
    from backprop_lib.messages import MESSAGES
    from course_tools.grading.outcome import LOCALIZED_DETAILS, PROBLEMS

    sentences = {key for key in MESSAGES if key.startswith("problem.")}
    details = set(LOCALIZED_DETAILS)  # parts of a sentence: a syntax error's line, how much output was cut
    assert {key.removeprefix("problem.") for key in sentences - details} == set(PROBLEMS)
    assert details <= sentences


def test_a_syntax_errors_line_is_said_in_the_feedbacks_language():
    problem = Problem("syntax-error", "ex4-answer", "SyntaxError: '(' was never closed (line 10)")
    assert problem.sentence("ko", "연습 4의 답").endswith("was never closed (10번째 줄)")
    assert problem.sentence("en", "your answer").endswith("was never closed (line 10)")


def test_how_much_output_was_cut_is_said_in_the_feedbacks_language():
    problem = Problem("output-truncated", "ex1-answer", message("problem.output_sizes", "en", printed=35, kept=30))
    assert problem.sentence("ko", "연습 1의 답").endswith(
        "35 kB를 출력해서 처음 30 kB만 남겼어요."
    )  # no English inside
    assert problem.sentence("en", "your answer").endswith("it printed 35 kB, only the first 30 kB were kept.")


def test_a_multiple_choice_check_that_lost_points_says_which_choice_without_the_right_letter():
    from course_tools.grading.feedback import failed_checks
    from course_tools.grading.report import without_choices

    def graded(check: CellResult, language: str) -> str:
        exercise = SimpleNamespace(number=check.exercise, visible=[check])
        return "\n".join(failed_checks(SimpleNamespace(language=language, unanswered=[], exercises=[exercise])))

    def printed(letters: str, language: str) -> str:
        return message("choice.recorded", language, name="relu_bug", letters=letters) + "\n✓ ...\n"

    for language, said in (("en", "the choice you recorded is not the right one: relu_bug: A"), ("ko", "relu_bug: A")):
        expected, actual = without_choices(printed("B", language)), printed("A", language)
        text = graded(CellResult("ex9-check", 9, "check", False, expected=expected, actual=actual), language)
        assert said in text and "B" not in text.replace("relu_bug", "")  # the student's letter, never the right one
        assert message("feedback.expected", language) not in text  # no block of ✓ against ✓
    wrong_numbers = CellResult("ex3-check", 3, "check", False, expected="grad = 0.5\n", actual="grad = 0.25\n")
    assert "Expected:" in graded(wrong_numbers, "en")  # any other failed check shows both outputs, as before
