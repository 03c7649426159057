"""What exercise check cells call: compare a student's answer, and say clearly what is wrong.

A check cell wraps its checks in ``with exercise_check(N):``. The block never raises, so a
notebook run from top to bottom goes on past an unfinished exercise; instead it prints one of
  "Exercise N is not done yet: …"        (the answer is still ``...`` or its stub raises),
  "✗ Exercise N: …what is wrong…"        (a check failed, or the answer raised an error),
  "✓ Exercise N passed."                 (every check in the block held).
Values are printed at a fixed precision, so the same answer always prints the same text
(the grader compares that text with nbval).
"""
from __future__ import annotations

import traceback
from contextlib import contextmanager
from pathlib import Path

import numpy as np

LIBRARY_FOLDER = str(Path(__file__).resolve().parent)


class ExerciseNotDone(NotImplementedError):
    """The answer of an exercise is still the placeholder the lesson gave."""


class CheckFailed(AssertionError):
    """An answer was checked and is not right; the message says how it differs."""


NOT_DONE_HINT = ("write your answer in the exercise cell above (replace the ... or the raise line), "
                 "run that cell, then run this check again.")


def not_done_message(number: int) -> str:
    """The one sentence a student sees for an exercise they have not answered yet."""
    return f"Exercise {number} is not done yet: {NOT_DONE_HINT}"


@contextmanager
def exercise_check(number: int, hidden: bool = False):
    """Run the checks of exercise ``number`` and print the verdict instead of raising."""
    try:
        yield
    except NotImplementedError as error:
        message = str(error)
        print(message if message.startswith(f"Exercise {number} ") else not_done_message(number))
    except CheckFailed as error:
        print(f"✗ Exercise {number}: {error}")
    except Exception as error:  # the student's own code raised: show where, briefly
        # point at the student's own line: the last frame that is notebook code, not a library's
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if LIBRARY_FOLDER not in frame.filename and "site-packages" not in frame.filename]
        where = frames[-1] if frames else None
        place = f" (line {where.lineno}: {where.line})" if where is not None and where.line else ""
        print(f"✗ Exercise {number}: your code raised {type(error).__name__}: {error}{place}")
    else:
        print(f"✓ Exercise {number}{' (hidden check)' if hidden else ''} passed.")


def _require_answer(name: str, got) -> None:
    if got is Ellipsis:
        raise ExerciseNotDone(f"{name} is still ...")


def format_value(value, digits: int = 8) -> str:
    """A number or array at a fixed number of decimals (the text is the same on every machine)."""
    value = np.asarray(value, dtype=np.float64)
    if value.ndim == 0:
        text = f"{float(value):.{digits}f}"
        return "0." + "0" * digits if float(text) == 0 else text   # no "-0.000"
    rounded = np.round(value, digits) + 0.0                             # + 0.0 turns -0.0 into 0.0
    return np.array2string(rounded, precision=digits, floatmode="fixed", separator=", ",
                           max_line_width=100, suppress_small=True)


def check_close(name: str, got, expected, digits: int = 8) -> None:
    """Check a number or array against the expected one to ``digits`` decimals and print it."""
    _require_answer(name, got)
    try:
        if np.asarray(got).dtype.kind in "SU":       # text is not a number, even text like "0.5"
            raise TypeError(name)
        got_array = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        raise CheckFailed(f"{name} should be a number or an array of numbers, got {type(got).__name__}.")
    expected_array = np.asarray(expected, dtype=np.float64)
    if got_array.shape != expected_array.shape:
        raise CheckFailed(f"{name} has shape {got_array.shape}, expected {expected_array.shape}.")
    if not np.all(np.isfinite(got_array)):
        raise CheckFailed(f"{name} holds NaN or infinite values: {format_value(got_array, digits)}.")
    tolerance = 0.5 * 10.0 ** -digits + 1e-12
    if not np.all(np.abs(got_array - expected_array) <= tolerance):
        raise CheckFailed(f"{name} should be {format_value(expected_array, digits)}, "
                          f"but it is {format_value(got_array, digits)}.")
    # print the expected value: every answer within the tolerance then prints the same text,
    # which is what the grader compares (an answer off in the 15th digit must not lose points)
    print(f"{name} = {format_value(expected_array, digits)}")


def _plain(value):
    """numpy scalars as Python ones, also inside tuples and lists, so that 76 prints as 76, not np.int64(76)."""
    if isinstance(value, np.generic):
        return value.item()
    if type(value) in (tuple, list):
        return type(value)(_plain(item) for item in value)
    return value


def check_equal(name: str, got, expected) -> None:
    """Check an exact answer (a whole number, a string, a shape, True/False) and print it."""
    _require_answer(name, got)
    if got != expected:
        raise CheckFailed(f"{name} should be {_plain(expected)!r}, but it is {_plain(got)!r}.")
    print(f"{name} = {_plain(got)!r}")


def check_true(condition: bool, explanation: str) -> None:
    """Check a condition; ``explanation`` says what should hold, shown when it does not."""
    if condition is Ellipsis:
        raise ExerciseNotDone("still ...")
    if not condition:
        raise CheckFailed(explanation)


def show_values(name: str, value, digits: int = 8) -> None:
    """Print a value at fixed precision: what a hidden check prints for the grader to compare."""
    _require_answer(name, value)
    print(f"{name} = {format_value(value, digits)}")
