"""exercise_check and the check helpers: the three verdicts, never an exception, stable text."""

import numpy as np
import pytest

from backprop_lib import SGD
from backprop_lib.exercises import (
    CheckFailed,
    ExerciseNotDone,
    check_close,
    check_equal,
    check_true,
    exercise_check,
    format_value,
    not_done_message,
    show_values,
)


def verdict(capsys, number: int, body, hidden: bool = False) -> list[str]:
    """Run ``body`` inside ``exercise_check(number)`` and return the printed lines."""
    with exercise_check(number, hidden=hidden):
        body()
    return capsys.readouterr().out.splitlines()


def test_passed(capsys):
    lines = verdict(capsys, 3, lambda: check_close("grad_w5", 0.025922860001, 0.02592286))
    assert lines == ["grad_w5 = 0.02592286", "✓ Exercise 3 passed."]


def test_hidden_check_prints_values_and_no_verdict(capsys):
    # the grader decides outside the kernel: a verdict printed here would be text any code can print
    assert verdict(capsys, 7, lambda: show_values("out", [0.5, 0.25]), hidden=True) == [
        "out = [0.50000000, 0.25000000]"
    ]


def test_not_done_with_ellipsis(capsys):
    answer = ...
    lines = verdict(capsys, 2, lambda: check_close("grad_w5", answer, 0.02592286))
    assert lines == [not_done_message(2)]
    assert lines[0].startswith("Exercise 2 is not done yet: write your answer")


def test_not_done_with_the_stubs_own_message(capsys):
    def stub():
        raise NotImplementedError("Exercise 4 is not done yet: fill in sigmoid_backward.")

    assert verdict(capsys, 4, stub) == ["Exercise 4 is not done yet: fill in sigmoid_backward."]
    # exercise 5 calls exercise 4's stub: 5 may well be answered, so it is not told that it is not done
    assert verdict(capsys, 5, stub) == [
        "✗ Exercise 5: it calls your code from exercise 4, which is not done yet: answer exercise 4 first, "
        "then run this check again."
    ]

    def unnamed_stub():
        raise NotImplementedError("fill in sigmoid_backward")

    assert verdict(capsys, 5, unnamed_stub) == [not_done_message(5)]  # no exercise named: this one's own sentence


def test_failed_check_says_expected_and_got(capsys):
    lines = verdict(capsys, 3, lambda: check_close("grad_w5", 0.0259, 0.02592286))
    assert lines == ["✗ Exercise 3: grad_w5 should be 0.02592286, but it is 0.02590000."]


def test_the_students_own_error_is_shown_with_its_line(capsys):
    def answer():
        return 1 / 0

    lines = verdict(capsys, 6, lambda: check_close("ratio", answer(), 1.0))
    assert len(lines) == 1
    assert lines[0].startswith("✗ Exercise 6: your code raised ZeroDivisionError: division by zero (line ")
    assert "return 1 / 0" in lines[0]


def test_exercise_check_never_raises(capsys):
    for body in (
        lambda: check_true(False, "x should be positive"),
        lambda: [][1],
        lambda: check_equal("shape", (2, 3), (3, 2)),
    ):
        with exercise_check(1):
            body()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0] == "✗ Exercise 1: x should be positive"
    assert lines[1].startswith("✗ Exercise 1: your code raised IndexError: list index out of range (line ")
    assert lines[2] == "✗ Exercise 1: shape should be (3, 2), but it is (2, 3)."


def test_check_close_on_arrays(capsys):
    check_close("weights", np.array([[0.1, 0.2], [0.3, 0.4]]), [[0.1, 0.2], [0.3, 0.4]])
    assert capsys.readouterr().out == "weights = [[0.10000000, 0.20000000],\n [0.30000000, 0.40000000]]\n"
    with pytest.raises(CheckFailed) as error:
        check_close("weights", np.array([0.1, 0.2]), [0.1, 0.3], digits=4)
    assert str(error.value) == "weights should be [0.1000, 0.3000], but it is [0.1000, 0.2000]."


def test_check_close_tolerance_is_half_a_unit_of_the_last_digit():
    check_close("x", 0.123456784, 0.12345678)  # off by 4e-9 < 5e-9
    with pytest.raises(CheckFailed):
        check_close("x", 0.12345679, 0.12345678)  # off by 1e-8


def test_check_close_shape_mismatch():
    with pytest.raises(CheckFailed) as error:
        check_close("grad_x", np.zeros((2, 3)), np.zeros((3, 2)))
    assert str(error.value) == "grad_x has shape (2, 3), expected (3, 2)."


def test_check_close_nan_and_infinity():
    with pytest.raises(CheckFailed) as error:
        check_close("loss", np.array([0.5, np.nan]), [0.5, 0.5])
    assert str(error.value) == "loss holds NaN or infinite values: [0.50000000,        nan]."
    with pytest.raises(CheckFailed, match="holds NaN or infinite values"):
        check_close("loss", np.inf, 1.0)


def test_check_close_not_a_number():
    with pytest.raises(CheckFailed) as error:
        check_close("loss", "0.5", 0.5)
    assert str(error.value) == "loss should be a number or an array of numbers, got str."
    with pytest.raises(CheckFailed, match="got list"):
        check_close("loss", ["0.5", "0.25"], [0.5, 0.25])
    with pytest.raises(CheckFailed, match="got object"):
        check_close("loss", object(), 0.5)
    with pytest.raises(ExerciseNotDone):
        check_close("loss", ..., 0.5)


def test_check_equal_and_check_true(capsys):
    check_equal("shape", (4, 3), (4, 3))
    assert capsys.readouterr().out == "shape = (4, 3)\n"
    check_true(True, "unused")
    with pytest.raises(CheckFailed, match="^x should be positive$"):
        check_true(False, "x should be positive")
    with pytest.raises(ExerciseNotDone):
        check_true(..., "unused")
    with pytest.raises(ExerciseNotDone):
        check_equal("shape", ..., (4, 3))


def test_format_value_never_prints_negative_zero():
    assert format_value(-1e-12) == "0.00000000"
    assert format_value(-0.0) == "0.00000000"
    assert format_value(-0.004, digits=2) == "0.00"
    assert format_value(np.array([-1e-12, -0.0, 1e-12])) == "[0.00000000, 0.00000000, 0.00000000]"
    assert "-0.0" not in format_value(np.array([[-4e-9, 2.0], [-0.0, -3.0]]))
    assert format_value(np.array([[-4e-9, 2.0], [-0.0, -3.0]])) == (
        "[[ 0.00000000,  2.00000000],\n [ 0.00000000, -3.00000000]]"
    )


def test_format_value_is_fixed_precision():
    assert format_value(0.5) == "0.50000000"
    assert format_value(2.0 / 3.0, digits=4) == "0.6667"
    assert format_value(np.array([1.0, 0.1234567891])) == "[1.00000000, 0.12345679]"
    assert format_value(np.float32(0.1), digits=3) == "0.100"


def test_an_error_raised_inside_the_library_points_at_the_callers_line(capsys):
    def student_answer():
        SGD(0.1).step({"w": np.ones(2)}, {"w": None})  # the student forgot the backward pass

    with exercise_check(4):
        student_answer()
    printed = capsys.readouterr().out
    assert printed.startswith("✗ Exercise 4: your code raised")
    assert 'SGD(0.1).step({"w": np.ones(2)}, {"w": None})' in printed


def test_a_name_the_answer_cell_never_defined_is_said_so_not_blamed_on_a_returned_value(capsys):
    with exercise_check(2):
        forward_never_defined([1.0])  # noqa: F821 - the answer cell stopped before defining it
    printed = capsys.readouterr().out
    assert printed.startswith("✗ Exercise 2: `forward_never_defined` is not defined: the answer cell above has not run")
    assert "returned" not in printed
