"""What exercise check cells call: compare a student's answer, and say clearly what is wrong.

A check cell wraps its checks in ``with exercise_check(N):``. The block never raises, so a
notebook run from top to bottom goes on past an unfinished exercise; instead it prints one of
  "Exercise N is not done yet: …"        (the answer is still ``...`` or its stub raises),
  "✗ Exercise N: …what is wrong…"        (a check failed, or the answer raised an error),
  "✓ Exercise N passed."                 (every check in the block held; a hidden check prints no verdict:
                                         it prints values, and the grader compares them outside the kernel),
in the notebook's language (backprop_lib.messages: "✓ 연습 N 통과." in the Korean edition).
Values are printed at a fixed precision, so the same answer always prints the same text
(the grader compares that text with nbval).
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike

from .formatting import format_number
from .messages import LANGUAGES, message, template

LIBRARY_FOLDER = str(Path(__file__).resolve().parent)


class ExerciseNotDone(NotImplementedError):
    """The answer of an exercise is still the placeholder the lesson gave."""


class CheckFailed(AssertionError):
    """An answer was checked and is not right; the message says how it differs."""


# Hidden checks draw their inputs from this seed: 0 in the public solution, the instructor's own when grading.
HIDDEN_SEED_VARIABLE = "BACKPROP_HIDDEN_SEED"
# "0": course figures show their description only. The environment of kernels whose outputs only a grader reads
# (graded submissions, the reference run, the mutant suite): no check compares a picture, and drawing one costs.
DRAW_FIGURES_VARIABLE = "BACKPROP_DRAW_FIGURES"
TEXT_FIGURES = {DRAW_FIGURES_VARIABLE: "0"}
# A float32 result carries about 7 significant digits; within this of the float64 value it is right.
LOW_PRECISION_RELATIVE = 1e-5


def not_done_message(number: int, language: str | None = None) -> str:
    """The one sentence a student sees for an exercise they have not answered yet."""
    return message("check.not_done", language, number=number)


def not_done_number(text: str) -> int | None:
    """The exercise whose not-done sentence ``text`` is (in any language), or None: which stub raised."""
    for language in LANGUAGES:
        start = re.escape(template("check.not_done", language).split(":")[0] + ":").replace(r"\{number\}", r"(\d+)")
        found = re.match(start, text)
        if found:
            return int(found.group(1))
    return None


@contextmanager
def exercise_check(number: int, hidden: bool = False) -> Iterator[None]:
    """Run the checks of exercise ``number`` and print the verdict instead of raising."""
    try:
        yield
    except NotImplementedError as error:  # a stub, or a ... answer: its own sentence when it names this exercise
        text, stub = str(error), not_done_number(str(error))
        if stub is not None and stub != number:  # this answer calls an exercise that is still a stub
            print(message("check.failed", number=number, reason=message("check.calls_not_done", other=stub)))
        else:
            print(text if stub == number else not_done_message(number))
    except CheckFailed as error:
        print(message("check.failed", number=number, reason=error))
    except Exception as error:  # the student's own code raised: show where, briefly
        print(message("check.failed", number=number, reason=raised_message(error)))
    else:
        if not hidden:  # a hidden check prints values only: the grader, not the kernel, decides
            print(message("check.passed", number=number))


def raised_message(error: Exception) -> str:
    """What the student's code raised, at the student's own line (never a line of the check cell or library)."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if LIBRARY_FOLDER not in frame.filename and "site-packages" not in frame.filename
    ]
    own = frames[1:]  # frames[0] is the with-block: a line of the check cell itself
    in_check_cell = all(frame.filename == frames[0].filename for frame in own)  # or in a function it defines
    if isinstance(error, NameError) and getattr(error, "name", None) and in_check_cell:  # the answer never defined it
        return message("check.name_missing", name=error.name)
    if own:
        where = own[-1]
        place = message("check.raised_at", line=where.lineno, code=(where.line or "").strip())
        return message("check.raised_reason", error_type=type(error).__name__, error=error, place=place)
    if "NoneType" in str(error):
        return message("check.returned_none")
    return message("check.raised_in_check", error=f"{type(error).__name__}: {error}")


def _require_answer(name: str, got) -> None:
    if got is Ellipsis:
        raise ExerciseNotDone(message("check.still_ellipsis", name=name))
    if got is None:
        raise CheckFailed(f"{name}: {message('check.returned_none')}")


def low_precision(got: object) -> str | None:
    """The dtype's name when ``got`` holds floats of less than float64 precision (float32, float16)."""
    dtype = getattr(got, "dtype", None)
    if dtype is None and isinstance(got, (list, tuple)):
        dtype = np.asarray(got).dtype
    return dtype.name if dtype is not None and dtype.kind == "f" and dtype.itemsize < 8 else None


def hidden_seed(probe: int, seed: int | None = None) -> int:
    """The seed of one hidden probe's inputs: from the run's seed (env BACKPROP_HIDDEN_SEED, 0 when unset)."""
    if seed is None:
        seed = int(os.environ.get(HIDDEN_SEED_VARIABLE, "0"))
    return int(np.random.SeedSequence([seed, probe]).generate_state(1)[0])


def hidden_rng(probe: int) -> np.random.RandomState:
    """The random generator a hidden check draws probe ``probe``'s inputs from (see hidden_seed)."""
    return np.random.RandomState(hidden_seed(probe))


def format_value(value: ArrayLike, digits: int = 8) -> str:
    """A number or array at a fixed number of decimals (the text is the same on every machine)."""
    value = np.asarray(value, dtype=np.float64)
    if value.ndim == 0:
        return format_number(value, f".{digits}f")  # no "-0.000"
    rounded = np.round(value, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    return np.array2string(
        rounded,
        precision=digits,
        floatmode="fixed",
        separator=", ",
        max_line_width=100,
        suppress_small=True,
        threshold=sys.maxsize,
    )


def precision_hint(name: str, dtype: str | None, float32_close: bool, digits: int) -> str:
    """What to say before a wrong number that is off by no more than float32's rounding ("" when it is off by more)."""
    if not float32_close:
        return ""
    if dtype is not None:  # the answer itself is float32 and the check wants more digits than it holds
        return message("check.low_precision", name=name, dtype=dtype, digits=digits)
    return message("check.float32_inside", name=name, digits=digits)  # float64, but computed in float32 upstream


def check_close(name: str, got: object, expected: ArrayLike, digits: int = 8) -> None:
    """Check a number or array against the expected one to ``digits`` decimals and print it."""
    _require_answer(name, got)
    try:
        if np.asarray(got).dtype.kind in "SU":  # text is not a number, even text like "0.5"
            raise TypeError(name)
        got_array = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        raise CheckFailed(message("check.not_a_number", name=name, type_name=type(got).__name__)) from None
    expected_array = np.asarray(expected, dtype=np.float64)
    if got_array.shape != expected_array.shape:
        raise CheckFailed(message("check.shape", name=name, got=got_array.shape, expected=expected_array.shape))
    if not np.all(np.isfinite(got_array)):
        raise CheckFailed(message("check.not_finite", name=name, value=format_value(got_array, digits)))
    tolerance = 0.5 * 10.0**-digits + 1e-12
    error = np.abs(got_array - expected_array)
    if not np.all(error <= tolerance):  # only then: is it off by no more than float32's rounding?
        dtype = low_precision(got)
        float32_close = bool(np.all(error <= LOW_PRECISION_RELATIVE * np.abs(expected_array) + tolerance))
        if not (dtype is not None and float32_close and digits <= 8):  # float32 holds ~7 digits: right in it
            raise CheckFailed(
                precision_hint(name, dtype, float32_close, digits)
                + message(
                    "check.close_wrong",
                    name=name,
                    expected=format_value(expected_array, digits),
                    got=format_value(got_array, digits),
                )
            )
    # print the expected value: every answer within the tolerance then prints the same text,
    # which is what the grader compares (an answer off in the 15th digit must not lose points)
    print(f"{name} = {format_value(expected_array, digits)}")


def reject_slip(got: object, slip: ArrayLike, hint_key: str) -> None:
    """Fail with the catalogue's hint ``hint_key`` when ``got`` is what a known slip gives (same shape, same numbers).

    Anything that is not numbers passes here: the check_close that follows names that problem.
    """
    slip = np.asarray(slip, dtype=np.float64)
    try:
        same = np.shape(got) == slip.shape and np.allclose(np.asarray(got, dtype=np.float64), slip)
    except (TypeError, ValueError):
        return
    if same:
        raise CheckFailed(message(hint_key))


def _plain(value):
    """numpy scalars as Python ones, also inside tuples and lists, so that 76 prints as 76, not np.int64(76)."""
    if isinstance(value, np.generic):
        return value.item()
    if type(value) in (tuple, list):
        return type(value)(_plain(item) for item in value)
    return value


def check_equal(name: str, got: object, expected: object) -> None:
    """Check an exact answer (a whole number, a string, a shape, True/False) and print it."""
    _require_answer(name, got)
    if got != expected:
        raise CheckFailed(
            message("check.close_wrong", name=name, expected=repr(_plain(expected)), got=repr(_plain(got)))
        )
    print(f"{name} = {_plain(got)!r}")


def check_true(condition: bool, explanation: str) -> None:
    """Check a condition; ``explanation`` says what should hold, shown when it does not."""
    if condition is Ellipsis:
        raise ExerciseNotDone(message("check.still_ellipsis", name="condition"))
    if not condition:
        raise CheckFailed(explanation)


def show_values(name: str, value: object, digits: int = 8) -> None:
    """Print a value at fixed precision: what a hidden check prints for the grader to compare."""
    _require_answer(name, value)
    print(f"{name} = {format_value(value, digits)}")


def show_letters(name: str, answer: object) -> None:
    """Print a multiple-choice answer as its letters, sorted: what a hidden check prints for the grader."""
    _require_answer(name, answer)
    letters = [answer] if isinstance(answer, str) else list(answer)
    print(f"{name} = {', '.join(sorted({str(letter) for letter in letters}))}")
