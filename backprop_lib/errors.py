"""The errors backprop_lib raises, each written for a learner: what was expected, what was given, how to fix it."""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection

from .messages import message


class CourseError(Exception):
    """Base class of every error the course library raises on purpose."""


class ShapeError(CourseError, ValueError):
    """An array had a shape the layer cannot work with."""


class NotReadyError(CourseError, RuntimeError):
    """A step ran before the step it depends on (e.g. backward before forward)."""


class LabelError(CourseError, ValueError):
    """Targets that are neither one-hot rows nor class indices, or whose count differs from the batch."""


class SettingError(CourseError, ValueError):
    """A setting such as a learning rate that is out of its allowed range."""


class DomainError(CourseError, ValueError):
    """A number outside the range where an operation is defined, e.g. a negative base under a fractional power."""


class NoSuchLayer(CourseError, KeyError):
    """A network asked for a layer by a name none of its layers has."""

    def __str__(self) -> str:
        return str(self.args[0])  # the sentence itself (KeyError would show it in quotes)


class TrainingDiverged(CourseError, FloatingPointError):
    """The loss became NaN or infinite during training."""


def require_forward(ran: bool, who: str, fix: str) -> None:
    """Raise NotReadyError, saying how to fix it, when backward runs before the forward pass it depends on."""
    if not ran:
        raise NotReadyError(message("error.backward_first", who=who, fix=fix))


def whole_number(value: object, who: str, least: int = 1, allow_none: bool = False) -> int | None:
    """``value`` as an int when it is a whole number ≥ ``least`` (a bool is not), else a SettingError naming ``who``."""
    if allow_none and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < least:
        key = "setting.whole_number_or_none" if allow_none else "setting.whole_number"
        raise SettingError(message(key, who=who, least=least, got=repr(value)))
    return int(value)


def finite_real(value: object) -> bool:
    """Whether ``value`` is a finite real number (a bool is not, though Python counts it as one)."""
    return not isinstance(value, bool) and isinstance(value, numbers.Real) and math.isfinite(value)


def positive_number(value: object, who: str, example: str) -> float:
    """``value`` as a float when it is a positive finite number (a bool is not), else a SettingError naming ``who``."""
    if not finite_real(value) or value <= 0:
        raise SettingError(message("setting.positive_number", who=who, example=example, got=repr(value)))
    return float(value)


def non_negative_number(value: object, who: str, example: str) -> float:
    """``value`` as a float when it is 0 or a positive finite number, such as a weight decay, else a SettingError."""
    if not finite_real(value) or value < 0:
        raise SettingError(message("setting.non_negative_number", who=who, example=example, got=repr(value)))
    return float(value)


def fraction(value: object, who: str, example: str) -> float:
    """``value`` as a float when it is a number in [0, 1) such as a momentum (a bool is not), else a SettingError."""
    if not finite_real(value) or not 0 <= value < 1:
        raise SettingError(message("setting.fraction", who=who, example=example, got=repr(value)))
    return float(value)


def one_of(value: object, choices: Collection[str], who: str) -> str:
    """``value`` when it is one of ``choices`` (a name such as "relu"), else a SettingError listing them."""
    if not isinstance(value, str) or value not in choices:
        raise SettingError(message("setting.one_of", who=who, choices=", ".join(map(repr, choices)), got=repr(value)))
    return value


def layer_widths(sizes: object, who: str, example: str) -> list[int]:
    """``sizes`` as ints when it lists two or more layer widths, each a whole number ≥ 1, else a SettingError."""
    try:
        listed = list(sizes)
    except TypeError:
        listed = []
    if len(listed) < 2 or any(
        isinstance(size, bool) or not isinstance(size, numbers.Integral) or size < 1 for size in listed
    ):
        raise SettingError(message("setting.layer_sizes", who=who, example=example, got=repr(sizes)))
    return [int(size) for size in listed]


def describe(array: object) -> str:
    """Say what an array-like is, shortly: its shape and dtype, or its type."""
    shape = getattr(array, "shape", None)
    if shape is None:
        return message("describe.object", type_name=type(array).__name__, value=repr(array))
    dtype = getattr(array, "dtype", "")
    return message("describe.array", shape=tuple(shape), dtype=dtype)
