"""The errors backprop_lib raises, each written for a learner: what was expected, what was given, how to fix it."""
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


class TrainingDiverged(CourseError, FloatingPointError):
    """The loss became NaN or infinite during training."""


def describe(array) -> str:
    """Say what an array-like is, shortly: its shape and dtype, or its type."""
    shape = getattr(array, "shape", None)
    if shape is None:
        return message("describe.object", type_name=type(array).__name__, value=repr(array))
    dtype = getattr(array, "dtype", "")
    return message("describe.array", shape=tuple(shape), dtype=dtype)
