"""The instructor's grader, end to end: a generated class, every kind of broken or hostile submission.

The class is graded once (module fixture) with the fixture assignment in tests/grading_fixtures/
(three exercises, 6 points: exercises 1 and 2 have hidden checks, exercise 3 only a visible one),
with short limits so the hostile cases stay quick. Each test then reads its student's row.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from jupyter_client.connect import write_connection_file

from course_tools.grading import isolation_available, processes
from course_tools.grading.classroom import (
    student_notebook,
    write_class,
)
from course_tools.grading.cli import main
from course_tools.grading.processes import descendants, living_parents
from course_tools.grading.sandbox import Limits, spec_folder, write_kernel_spec
from course_tools.grading.warm import Zygote
from tests.grading_helpers import (
    DETACHES,
    FIXTURE,
    LIMITS,
    MARKER,
    SOLVED_EX1,
    STARTS_THOUSANDS,
    another_notebook,
    answered,
    moved_to_top,
    never_run,
    processes_with,
    with_copy_of,
    with_student_tags,
    without_cell,
)


def the_class(assignment, submissions: Path) -> dict:
    """Every kind of student the issue lists, by name."""
    solution = str(assignment.solution_path)
    return {
        "full": answered(assignment),
        "unanswered": student_notebook(assignment),
        "partial": answered(
            assignment,
            ex1_answer="def sigmoid_backward(output, grad_output):\n    return grad_output * output\n",
            ex2_answer="def mse_gradient(outputs, targets):\n    return 2.0 * (outputs - targets) / len(outputs)\n",
        ),
        "visible_only": answered(
            assignment,
            ex2_answer="def mse_gradient(outputs, targets):\n    return outputs - targets\n",
            ex3_answer="halved_learning_rate = learning_rate * 2\n",
        ),
        "cheater": answered(
            assignment,
            ex1_answer=(
                "from backprop_lib.exercises import format_value\n"
                "def sigmoid_backward(output, grad_output):\n    return 0.0\n"
                "def check_close(name, got, expected, digits=8):\n"
                "    print(f'{name} = {format_value(expected, digits)}')\n"
            ),
            ex3_answer="halved_learning_rate = 0\n",
        ),
        "never_executed": never_run(answered(assignment)),
        "syntax": answered(assignment, ex2_answer="def mse_gradient(outputs, targets)\n    return 0\n"),
        "raises": answered(assignment, ex1_answer="undefined_helper()\n" + SOLVED_EX1),
        "loops": answered(assignment, ex2_answer="while True:\n    pass\n"),
        "ignores_interrupts": answered(
            assignment,
            ex2_answer=(
                "import time\nwhile True:\n    try:\n        time.sleep(1)\n"
                "    except KeyboardInterrupt:\n        pass\n"
            ),
        ),
        "floods": answered(
            assignment,
            ex2_answer=(
                "import time\nwhile True:\n    try:\n        print('x' * 10000)\n        time.sleep(0.01)\n"
                "    except KeyboardInterrupt:\n        pass\n"
            ),
        ),
        "kills_kernel": answered(assignment, ex2_answer="import os\nos._exit(3)\n"),
        "hoards_memory": answered(
            assignment,
            ex1_answer=(
                "def hoard():\n    blocks = []\n    while True:\n        blocks.append(bytes(64 * 2**20))\n"
                "hoard()\n" + SOLVED_EX1
            ),
        ),
        "prints_megabytes": answered(assignment, ex1_answer=SOLVED_EX1 + "print('x' * 3_000_000)\n"),
        "not_json": "{ this is not a notebook",
        "other_lesson": another_notebook(),
        "deleted": without_cell(answered(assignment), "ex2-answer"),
        "duplicated": with_copy_of(
            answered(assignment), "ex1-answer", "def sigmoid_backward(output, grad_output):\n    return 0.0\n"
        ),
        "reordered": moved_to_top(answered(assignment), "ex3-answer"),
        "nbval_markers": with_student_tags(
            answered(assignment, ex1_answer="# NBVAL_SKIP\n" + SOLVED_EX1), "ex2-answer", ["nbval-skip"]
        ),
        "detaches": answered(assignment, ex1_answer=SOLVED_EX1 + DETACHES),
        "starts_thousands": answered(assignment, ex2_answer=STARTS_THOUSANDS),
        "snoop": answered(
            assignment,
            ex1_answer=(
                "import os\n"
                "leftovers = sorted(name for name in os.listdir('.') if name != '.ipython')\n"
                "readable = []\n"
                f"for path in [{solution!r}, {str(submissions / 'full.ipynb')!r}]:\n"
                "    try:\n        open(path).read(10)\n        readable.append(path)\n"
                "    except OSError:\n        pass\n"
                "assert not leftovers and not readable, (leftovers, readable)\n" + SOLVED_EX1
            ),
        ),
    }


@pytest.fixture(scope="module")
def graded(assignment, tmp_path_factory):
    """Grade the whole class once (warm kernels, the default): the gradebook rows by student, the folder, what is
    left, what the run printed.

    Whatever outlived the run would be this process's descendant (the grader made it their subreaper).
    """
    submissions = tmp_path_factory.mktemp("class")
    write_class(submissions, the_class(assignment, submissions))
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        assert main([str(submissions), "--solution", str(FIXTURE), *LIMITS]) == 0, printed.getvalue()
    left = processes_with(MARKER) + descendants(os.getpid())
    with (submissions / "graded" / "gradebook.csv").open(newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    return rows, submissions, left, printed.getvalue()


def row(graded, student: str) -> tuple:
    found = graded[0][student]
    return (found["ex1"], found["ex2"], found["ex3"], found["total"], found["status"])


def feedback(graded, student: str) -> str:
    return (graded[1] / "graded" / "feedback" / f"{student}.md").read_text()


# --- the class: honest students ---


def test_full_marks(graded):
    assert row(graded, "full") == ("2", "3", "1", "6", "ok")
    assert graded[0]["full"]["maximum"] == "6"


def test_unanswered_lesson_scores_zero(graded):
    # the status says it, so that an instructor spots a lesson handed back untouched without reading points
    assert row(graded, "unanswered") == ("0", "0", "0", "0", "unanswered(3/3)")
    text = feedback(graded, "unanswered")
    assert "Answer cells as the lesson handed them out, so not answered: 3/3." in text
    # one line for what is not answered, not each check's expected output (the lesson shows it already)
    assert "Not answered yet: exercises 1, 2 and 3." in text and "Expected:" not in text


def test_partial_marks_come_from_hidden_checks(graded):
    # exercise 2 divides by len(): right for the visible and the vector hidden check, wrong for the batch one
    assert row(graded, "partial") == ("0", "1.5", "1", "2.5", "ok")


def test_an_answer_that_only_fits_the_visible_example_earns_nothing(graded):
    assert row(graded, "visible_only") == ("2", "0", "0", "2", "ok")
    assert "| 2 | 0 of 3 | 1 of 1 passed | 0 of 2 passed |" in feedback(graded, "visible_only")


def test_printing_the_visible_checks_text_does_not_raise_a_mark(graded):
    # check_close redefined: the visible checks of 1 and 3 now pass; exercise 1 has hidden checks, 3 has none
    assert row(graded, "cheater") == ("0", "3", "1", "4", "ok")
    assert "| 1 | 0 of 2 | 1 of 1 passed | 0 of 1 passed |" in feedback(graded, "cheater")


def test_a_notebook_never_run_is_graded_all_the_same(graded):
    assert row(graded, "never_executed") == ("2", "3", "1", "6", "not-executed")


# --- broken and hostile submissions: a row with a clear status and the points earned ---


def test_syntax_error(graded):
    assert row(graded, "syntax") == ("2", "0", "1", "3", "syntax-error(ex2-answer)")
    text = feedback(graded, "syntax")
    assert "There is a syntax error in your answer to Exercise 2 (cell `ex2-answer`): SyntaxError:" in text
    assert "(line 1)" in text and ".py, line" not in text  # not IPython's temporary file name


def test_answer_that_raises(graded):
    assert row(graded, "raises") == ("0", "3", "1", "4", "error(ex1-answer)")
    assert "NameError: name 'undefined_helper' is not defined" in feedback(graded, "raises")
    assert "An error was raised in your answer to Exercise 1 (cell `ex1-answer`)" in feedback(graded, "raises")


def test_endless_loop_is_interrupted_at_the_cell_limit(graded):
    assert row(graded, "loops") == ("2", "0", "1", "3", "timeout(ex2-answer)")


def test_endless_loop_that_ignores_interrupts_loses_only_the_rest(graded):
    assert row(graded, "ignores_interrupts") == ("2", "0", "0", "2", "timeout(ex2-answer)")


def test_printing_forever_is_stopped_by_the_submission_limit(graded):
    assert row(graded, "floods") == ("2", "0", "0", "2", "submission-timeout(ex2-answer); output-truncated(ex2-answer)")


def test_a_killed_kernel_is_noticed_at_once(graded):
    # nbval alone would wait out the cell limit and call it a timeout
    assert row(graded, "kills_kernel") == ("2", "0", "0", "2", "kernel-died(ex2-answer)")
    assert "exited with code 3" in feedback(graded, "kills_kernel")


def test_unbounded_memory_meets_the_limit(graded):
    assert row(graded, "hoards_memory") == ("0", "3", "1", "4", "memory(ex1-answer)")


def test_megabytes_of_output_are_cut(graded):
    assert row(graded, "prints_megabytes") == ("2", "3", "1", "6", "output-truncated(ex1-answer)")


def test_the_output_limit_counts_bytes_so_korean_output_is_not_three_times_as_free():
    from course_tools.grading.guard import GuardedKernel

    kernel = object.__new__(GuardedKernel)  # only the output counting: no kernel process
    kernel.max_output_bytes = 10
    kernel.start_cell("cell-1")
    stream = {"parent_header": {"msg_id": "cell-1"}, "msg_type": "stream", "content": {"text": "가나다라마"}}
    kept = kernel.capped(stream)["content"]["text"]
    assert (kernel.output_bytes, kernel.dropped_bytes) == (15, 5)  # five syllables, 3 bytes each
    assert kept == "가나다"  # cut before the syllable that would cross the limit, never inside one


def test_not_a_notebook(graded):
    assert row(graded, "not_json") == ("0", "0", "0", "0", "invalid-notebook")
    assert "not valid notebook JSON" in feedback(graded, "not_json")


def test_another_notebook(graded):
    assert row(graded, "other_lesson") == ("0", "0", "0", "0", "wrong-assignment")


def test_deleted_answer_cell(graded):
    assert row(graded, "deleted") == ("2", "0", "1", "3", "missing-answers(ex2-answer)")
    # the student is told which exercise, not only the cell id (ids and exercise numbers may differ)
    assert "Your notebook does not have your answer to Exercise 2 (cell `ex2-answer`)" in feedback(graded, "deleted")


def test_duplicated_answer_cell_grades_the_last_copy(graded):
    assert row(graded, "duplicated") == ("0", "3", "1", "4", "duplicate-answers(ex1-answer)")


def test_reordered_answer_cells_are_graded_in_the_lessons_order(graded):
    assert row(graded, "reordered") == ("2", "3", "1", "6", "reordered")


def test_student_nbval_markers_and_tags_change_nothing(graded):
    assert row(graded, "nbval_markers") == ("2", "3", "1", "6", "ok")


def test_processes_a_submission_starts_end_with_it(graded):
    # 10 detached (new session), 1 plain child, 1 double-forked: graded as usual, and none is left running
    assert row(graded, "detaches") == ("2", "3", "1", "6", "ok")
    assert graded[2] == [], f"{len(graded[2])} processes outlived their submission"


def test_a_submission_starting_thousands_of_processes_is_stopped(graded):
    assert row(graded, "starts_thousands") == ("2", "0", "0", "2", "too-many-processes(ex2-answer)")
    assert "more than the 32 allowed" in feedback(graded, "starts_thousands")


@pytest.mark.skipif(not isolation_available(), reason="this Linux kernel has no Landlock")
def test_student_code_cannot_read_the_reference_or_other_submissions(graded):
    assert row(graded, "snoop") == ("2", "3", "1", "6", "ok")


# --- warm kernels (forked from a zygote that imported once) grade as fresh ones do ---

ALIKE = (
    "full",
    "unanswered",
    "partial",
    "visible_only",
    "cheater",
    "never_executed",
    "syntax",
    "raises",
    "kills_kernel",
    "hoards_memory",
    "prints_megabytes",
    "detaches",
    "reordered",
    "snoop",
)
LEAVES_STATE = (
    "import numpy as np, backprop_lib, matplotlib\n"
    "backprop_lib.LEFT_BEHIND = 1\nnp.random.seed(7)\nmatplotlib.rcParams['lines.linewidth'] = 9\n"
)
FINDS_STATE = (
    "import numpy as np, backprop_lib, matplotlib\n"
    "assert not hasattr(backprop_lib, 'LEFT_BEHIND')\n"
    "assert np.random.rand() != np.random.RandomState(7).rand()\n"
    "assert matplotlib.rcParams['lines.linewidth'] != 9\n"
)


def grade_rows(folder: Path, *options: str) -> dict:
    assert main([str(folder), "--solution", str(FIXTURE), *LIMITS, *options]) == 0
    with (folder / "graded" / "gradebook.csv").open(newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def test_warm_and_fresh_kernels_grade_a_class_alike(graded, assignment, tmp_path):
    seed = (graded[1] / "graded" / "hidden-seed").read_text().strip()
    class_ = the_class(assignment, tmp_path)
    write_class(tmp_path, {name: class_[name] for name in ALIKE})
    fresh = grade_rows(tmp_path, "--kernels", "fresh", "--seed", seed)

    def grades(rows: dict) -> dict:  # the files differ (the snoop's names its folder): compare all but their hash
        return {name: {k: v for k, v in rows[name].items() if k != "submission"} for name in ALIKE}

    assert grades(fresh) == grades(graded[0])
    assert processes_with(MARKER) == [] and descendants(os.getpid()) == []


def test_a_warm_kernel_starts_with_nothing_an_earlier_submission_left(assignment, tmp_path):
    # one at a time, so the second kernel is forked by the zygote that forked the first
    write_class(
        tmp_path,
        {
            "a_leaves": answered(assignment, ex1_answer=LEAVES_STATE + SOLVED_EX1),
            "b_finds": answered(assignment, ex1_answer=FINDS_STATE + SOLVED_EX1),
        },
    )
    rows = grade_rows(tmp_path, "--kernels", "warm", "--jobs", "1")
    assert [row(({name: rows[name]},), name) for name in ("a_leaves", "b_finds")] == [("2", "3", "1", "6", "ok")] * 2
    assert "warm kernels" not in (tmp_path / "graded" / "grading.log").read_text()  # no worker fell back
    assert descendants(os.getpid()) == []


def test_walking_down_from_a_process_finds_what_reading_all_of_proc_finds(monkeypatch):
    started = [subprocess.Popen(["sleep", MARKER]) for _ in range(3)]
    started.append(subprocess.Popen(["sh", "-c", f"sleep {MARKER} & sleep {MARKER} & wait"]))
    try:
        deadline = time.monotonic() + 10
        while len(processes_with(MARKER)) < 6 and time.monotonic() < deadline:
            time.sleep(0.05)
        walked = sorted(descendants(os.getpid()))
        monkeypatch.setattr(processes, "WALKS_DOWN", False)
        assert walked == sorted(descendants(os.getpid())) and len(walked) == 6
    finally:
        for pid in processes_with(MARKER):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for process in started:
            process.wait()
        processes.reap(set())  # the shell's sleeps, orphaned to this process (a subreaper once the grader ran)


def test_a_warm_kernel_dies_with_the_client_that_stands_in_for_it(tmp_path):
    spec = spec_folder(write_kernel_spec(tmp_path / "jupyter", Limits(), isolation_available(), [], 0, True, []))
    kernel_spec = json.loads((spec / "kernel.json").read_text())
    zygote = Zygote(spec)
    try:
        connection_file, _ = write_connection_file(str(tmp_path / "connection.json"))
        client = subprocess.Popen(
            [part.replace("{connection_file}", connection_file) for part in kernel_spec["argv"]],
            cwd=tmp_path,
            env={**os.environ, **kernel_spec["env"]},
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while len(zygote.processes()) < 2 and time.monotonic() < deadline and client.poll() is None:
            time.sleep(0.05)
        kernels = zygote.processes() - {zygote.pid}
        assert len(kernels) == 1, "the zygote forked no kernel"
        client.kill()
        client.wait()
        while kernels & set(living_parents()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not kernels & set(living_parents()), "the kernel outlived its client"
    finally:
        zygote.stop()


# --- feedback ---


def test_feedback_shows_a_failed_visible_check_expected_and_actual(graded):
    text = feedback(graded, "partial")
    assert "sigmoid_backward(0.75, 2.0) = 0.37500000\n✓ Exercise 1 passed." in text  # expected
    assert "✗ Exercise 1: sigmoid_backward(0.75, 2.0) should be 0.37500000, but it is 1.50000000." in text


def test_feedback_never_shows_a_hidden_checks_expected_output(graded, assignment):
    hidden = [
        cell for cell in assignment.solution.cells if cell.metadata.get("exercise", {}).get("role") == "hidden-check"
    ]
    expected_lines = {
        line
        for cell in hidden
        for output in cell.outputs
        for line in output.get("text", "").splitlines()
        if "passed" not in line
    }
    for path in (graded[1] / "graded" / "feedback").glob("*.md"):
        text = path.read_text()
        assert not [line for line in expected_lines if line in text], path.name


def test_every_submission_has_exactly_one_row(graded):
    rows, submissions, *_ = graded
    assert sorted(rows) == sorted(path.stem for path in submissions.glob("*.ipynb"))  # speed: `make bench`


# --- an interrupted run loses nothing; a rerun grades only what is missing ---


def test_rerun_grades_only_the_missing_rows(graded, capsys):
    rows, submissions, *_ = graded
    path = submissions / "graded" / "gradebook.csv"
    lines = path.read_text().splitlines()
    kept = [line for line in lines if not line.startswith(("not_json,", "other_lesson,"))]
    path.write_text("\n".join(kept) + "\n")
    capsys.readouterr()
    assert main([str(submissions), "--solution", str(FIXTURE), *LIMITS]) == 0
    assert "Grading 2 of 23 submissions" in capsys.readouterr().out
    with path.open(newline="") as handle:
        assert sorted(r["student"] for r in csv.DictReader(handle)) == sorted(rows)


def test_one_student_is_graded_again_by_name_on_the_kept_seed_and_an_unknown_name_is_refused(graded, capsys):
    rows, submissions, _, first_run = graded
    seed = (submissions / "graded" / "hidden-seed").read_text().strip()
    assert f"hidden inputs: seed {seed} " in first_run  # the seed the first run drew, kept and said
    capsys.readouterr()
    assert main([str(submissions), "--solution", str(FIXTURE), *LIMITS, "--regrade", "full"]) == 0
    out = capsys.readouterr().out
    assert f"hidden inputs: seed {seed} " in out  # a rerun grades on the same hidden inputs
    assert "Grading 1 of 23 submissions" in out
    assert "\nClass: 23 graded; points: mean " in out  # the summary of one student is not the class's
    with (submissions / "graded" / "gradebook.csv").open(newline="") as handle:
        again = {row["student"]: row for row in csv.DictReader(handle)}
    assert again == rows  # the same grade, and every other row kept
    assert main([str(submissions), "--solution", str(FIXTURE), "--regrade", "nobody"]) == 2
    assert "--regrade nobody: no such submission" in capsys.readouterr().err
