"""Grading either edition: a Korean submission is graded against the Korean solution (same cell ids,
same checks) and gets its feedback in Korean; an English one in the same class stays English."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from course_tools.grading.classroom import (
    solution_answers,
    student_notebook,
    write_class,
)
from course_tools.grading.cli import main
from course_tools.grading.splice import submission_language

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "grading_fixtures" / "solutions" / "fixture_homework.ipynb"
LIMITS = ["--cell-timeout", "5", "--submission-timeout", "30", "--memory-mb", "1024", "--jobs", "2"]
WRONG_EX1 = "def sigmoid_backward(output, grad_output):\n    return grad_output * output\n"


def answered(edition, **changes: str):
    answers = solution_answers(edition)
    answers.update({cell_id.replace("_", "-"): source for cell_id, source in changes.items()})
    return student_notebook(edition, answers)


@pytest.fixture(scope="module")
def graded(assignment, tmp_path_factory):
    korean = assignment.for_language("ko")
    folder = tmp_path_factory.mktemp("class")
    write_class(
        folder,
        {
            "ko_full": answered(korean),
            "ko_partial": answered(korean, ex1_answer=WRONG_EX1),
            "ko_unanswered": student_notebook(korean),
            "en_partial": answered(assignment, ex1_answer=WRONG_EX1),
        },
    )
    # A grader-error row (seen once: a kernel that could not start in time on a loaded 2-core machine) is
    # graded again by the next run of the same command, as the README tells instructors; the rows checked
    # below are the final ones either way.
    assert (
        main([str(folder), "--solution", str(FIXTURE), *LIMITS]) == 0
        or main([str(folder), "--solution", str(FIXTURE), *LIMITS]) == 0
    )
    with (folder / "graded" / "gradebook.csv").open(newline="") as handle:
        rows = {
            row["student"]: (row["ex1"], row["ex2"], row["ex3"], row["total"], row["status"])
            for row in csv.DictReader(handle)
        }
    return rows, folder / "graded" / "feedback"


def test_the_course_has_a_korean_edition_with_the_same_cells(assignment):
    korean = assignment.for_language("ko")
    assert korean is not assignment and korean.language == "ko"
    assert korean.solution_path == FIXTURE.parent / "ko" / FIXTURE.name
    assert [cell.id for cell in korean.lesson.cells] == [cell.id for cell in assignment.lesson.cells]
    assert korean.exercises == assignment.exercises


def test_korean_submissions_score_like_english_ones(graded):
    rows, _ = graded
    assert rows["ko_full"] == ("2", "3", "1", "6", "ok")
    assert rows["ko_unanswered"] == ("0", "0", "0", "0", "unanswered(3/3)")
    assert rows["ko_partial"] == rows["en_partial"] == ("0", "3", "1", "4", "ok")


def test_korean_feedback_is_korean_with_korean_expected_output(graded):
    text = (graded[1] / "ko_partial.md").read_text(encoding="utf-8")
    assert "**6점 중 4점.**" in text and "| 연습 | 점수 | 보이는 확인 | 숨은 확인 값 |" in text
    assert "sigmoid_backward(0.75, 2.0) = 0.37500000\n✓ 연습 1 통과." in text  # expected
    assert "✗ 연습 1: sigmoid_backward(0.75, 2.0) 값은 0.37500000이어야 하는데, 지금은 1.50000000이에요." in text
    assert "Exercise" not in text and "passed" not in text


def test_english_feedback_in_the_same_class_stays_english(graded):
    text = (graded[1] / "en_partial.md").read_text(encoding="utf-8")
    assert "**4 of 6 points.**" in text
    assert "✗ Exercise 1: sigmoid_backward(0.75, 2.0) should be 0.37500000, but it is 1.50000000." in text


@pytest.mark.parametrize(
    ("metadata", "first_cell", "language"),
    [
        ({"backprop_course": {"language": "ko"}}, "x = 1", "ko"),
        ({"backprop_course": {"language": "en"}}, 'use_language("ko")', "en"),
        ({}, 'from backprop_lib.messages import use_language\n\nuse_language("ko")', "ko"),
        ({"backprop_course": {"language": "fr"}}, "x = 1", "en"),  # unknown: the source language
        ({"backprop_course": "garbage"}, 'use_language("xx")', "en"),
        ({}, "x = 1", "en"),
    ],
)
def test_the_submissions_language_comes_from_its_metadata_then_its_language_call(metadata, first_cell, language):
    cells = [{"cell_type": "code", "id": "setup", "source": first_cell}]
    assert submission_language({"metadata": metadata, "cells": cells}, cells) == language
