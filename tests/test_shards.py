"""Grading a class in shards (``--shard K/N``) and joining them (``--merge``) gives the one-run gradebook."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course_tools.grading import InstructorError, load_assignment
from course_tools.grading.classroom import solution_answers, student_notebook, write_class
from course_tools.grading.cli import main
from course_tools.grading.shards import in_shard, parse_shard

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "grading_fixtures" / "solutions" / "fixture_homework.ipynb"
LIMITS = [
    "--seed",
    "20261130",
    "--cell-timeout",
    "5",
    "--submission-timeout",
    "20",
    "--memory-mb",
    "1024",
]
STUDENTS = ["ahn", "baek", "cho", "dong", "eun", "fox"]


def a_class(folder: Path) -> None:
    """Six students: right, unanswered and a wrong first answer, in turn."""
    assignment = load_assignment(FIXTURE)
    right = solution_answers(assignment)
    wrong = {**right, "ex1-answer": "def sigmoid_backward(output, grad_output):\n    return grad_output * output\n"}
    kinds = [right, None, wrong]
    write_class(folder, {name: student_notebook(assignment, kinds[i % 3]) for i, name in enumerate(STUDENTS)})


def test_three_shards_merged_equal_one_run(tmp_path, capsys):
    submissions = tmp_path / "class"
    a_class(submissions)
    one = [str(submissions), "--solution", str(FIXTURE), "--output", str(tmp_path / "one"), "--jobs", "2"]
    assert main([*one, *LIMITS]) == 0
    shards = [tmp_path / f"shard{k}" for k in (1, 2, 3)]
    for k, folder in enumerate(shards, start=1):  # a shard's two students one at a time: the same grades
        shard = [str(submissions), "--solution", str(FIXTURE), "--shard", f"{k}/3", "--output", str(folder)]
        assert main([*shard, "--jobs", "1", *LIMITS]) == 0
    assert main(["--merge", *map(str, shards), "--output", str(tmp_path / "joined")]) == 0
    one_run = (tmp_path / "one" / "gradebook.csv").read_text(encoding="utf-8")
    assert (tmp_path / "joined" / "gradebook.csv").read_text(encoding="utf-8") == one_run
    assert sorted(p.name for p in (tmp_path / "joined" / "feedback").iterdir()) == [f"{s}.md" for s in STUDENTS]
    for name in STUDENTS:
        joined = (tmp_path / "joined" / "feedback" / f"{name}.md").read_text(encoding="utf-8")
        assert joined == (tmp_path / "one" / "feedback" / f"{name}.md").read_text(encoding="utf-8")
    assert len(one_run.strip().splitlines()) == 1 + len(STUDENTS)
    # the joined folder keeps the shards' seed: a --regrade there grades on the same hidden inputs
    assert (tmp_path / "joined" / "hidden-seed").read_text() == (tmp_path / "shard1" / "hidden-seed").read_text()
    assert main(["--merge", *map(str, shards[:2]), "--output", str(tmp_path / "two")]) == 2  # a shard left out
    assert "--merge needs every shard of 3 once: shard 3 of 3 missing" in capsys.readouterr().err
    assert main(["--merge", *map(str, [shards[0], shards[0], shards[2]]), "--output", str(tmp_path / "two")]) == 2
    assert "shard 2 of 3 missing; shard 1 given twice" in capsys.readouterr().err
    assert not (tmp_path / "two").exists()  # a refused merge writes nothing


OWNERS_IN_ANOTHER_PROCESS = (
    "import sys\nfrom course_tools.grading.shards import in_shard\n"
    "print([[k for k in range(1, 8) if in_shard(name, k, 7)] for name in sys.argv[1:]])"
)


def test_every_student_is_in_exactly_one_shard_and_stays_there():
    names = [f"student{i}" for i in range(200)]
    for count in (1, 2, 3, 7):
        owners = [[k for k in range(1, count + 1) if in_shard(name, k, count)] for name in names]
        assert all(len(found) == 1 for found in owners)
    assert {found[0] for found in owners} == set(range(1, 8))  # every one of the 7 shards gets students
    # stays there: each shard is graded by another process, often on another machine, with its own hash seed
    for hash_seed in ("1", "2"):
        printed = subprocess.run(
            [sys.executable, "-c", OWNERS_IN_ANOTHER_PROCESS, *names],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
            check=True,
        )
        assert ast.literal_eval(printed.stdout) == owners, f"students moved shards under PYTHONHASHSEED={hash_seed}"


NOT_K_OF_N = "--shard expects K/N with whole numbers, like 2/3"
OUT_OF_RANGE = "K must be between 1 and N (N at least 1), e.g. 1/"


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        ("3", "got '3'", NOT_K_OF_N),
        ("a/b", "got 'a/b'", NOT_K_OF_N),
        ("2/3/4", "got '2/3/4'", NOT_K_OF_N),
        ("0/3", "--shard 0/3: ", OUT_OF_RANGE + "3."),
        ("4/3", "--shard 4/3: ", OUT_OF_RANGE + "3."),
        ("1/0", "--shard 1/0: ", OUT_OF_RANGE + "1."),  # the example is a shard that exists
    ],
)
def test_a_bad_shard_says_what_was_given_and_what_it_expects(text, given, expected):
    with pytest.raises(InstructorError) as refused:
        parse_shard(text)
    assert given in str(refused.value) and expected in str(refused.value), str(refused.value)


def test_a_shard_without_a_seed_is_refused(tmp_path, capsys):
    submissions = tmp_path / "class"
    a_class(submissions)
    assert main([str(submissions), "--solution", str(FIXTURE), "--shard", "1/2"]) == 2
    assert "same --seed" in capsys.readouterr().err


def test_a_refused_shard_run_leaves_nothing_a_merge_could_take_for_a_shard(tmp_path, capsys):
    submissions = tmp_path / "class"
    a_class(submissions)
    command = [str(submissions), "--solution", str(FIXTURE), "--shard", "3/3", "--output", str(tmp_path / "shard3")]
    assert main([*command, "--seed", "0"]) == 2  # the public seed
    assert "is the public seed" in capsys.readouterr().err
    assert not (tmp_path / "shard3").exists()
    (tmp_path / "shard3").mkdir()
    (tmp_path / "shard3" / "gradebook.csv").write_text("student,ex1,total,maximum,status,submission\n")
    assert main(["--merge", str(tmp_path / "shard3"), "--output", str(tmp_path / "joined")]) == 2
    assert "holds no shard file: it was not graded with --shard K/N" in capsys.readouterr().err


def test_merge_refuses_a_folder_without_a_gradebook(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["--merge", str(tmp_path / "empty"), "--output", str(tmp_path / "joined")]) == 2
    assert "no gradebook.csv" in capsys.readouterr().err


def test_an_empty_shard_gradebook_or_a_shard_as_the_output_is_named_not_a_traceback(tmp_path, capsys):
    for name, text in (("full", "student,ex1,total,maximum,status,submission\n"), ("empty", "")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "gradebook.csv").write_text(text, encoding="utf-8")
    assert main(["--merge", str(tmp_path / "full"), str(tmp_path / "empty"), "--output", str(tmp_path / "joined")]) == 2
    assert "empty/gradebook.csv is empty, without even its header: delete it" in capsys.readouterr().err
    assert main(["--merge", str(tmp_path / "full"), str(tmp_path / "empty"), "--output", str(tmp_path / "full")]) == 2
    assert f"--output {tmp_path / 'full'} is one of the shards" in capsys.readouterr().err  # not shutil's SameFileError


def test_a_name_to_grade_again_from_another_shard_is_said_to_be_in_another_shard(tmp_path, capsys):
    a_class(tmp_path / "class")
    theirs = next(name for name in STUDENTS if not in_shard(name, 1, 2))
    command = [str(tmp_path / "class"), "--solution", str(FIXTURE), "--shard", "1/2", "--regrade", theirs, *LIMITS]
    assert main([*command, "--output", str(tmp_path / "shard1")]) == 2
    said = capsys.readouterr().err
    assert f"--regrade {theirs}: no such submission in shard 1/2 of {tmp_path / 'class'}" in said
    assert "a shard grades again only its own students" in said
