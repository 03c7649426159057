"""backprop_lib: the small numpy library of the backpropagation course (역전파 강의).

Layers with forward and backward, losses, a network container, optimizers, a numerical
gradient checker, a training loop and the documents' exact starting points. Figures
(``backprop_lib.figures``) and explorers (``backprop_lib.explorers``) are separate modules so
that this import stays light. The instructor tools (lesson generation, grading) are a package of
their own, ``course_tools``, which imports this one and never the reverse.
"""

from .documents import (
    document_000_start,
    document_002_start,
    document_004_numbers,
    document_004_start,
    sigmoid_network,
    xor_data,
)
from .errors import CourseError, DomainError, LabelError, NotReadyError, SettingError, ShapeError, TrainingDiverged
from .gradcheck import GradientReport, gradient_check, numerical_gradient, relative_error
from .layers import Affine, Layer, ReLU, Sigmoid
from .losses import CrossEntropy, Loss, MeanSquaredError, SoftmaxWithLoss, SumSquaredError, cross_entropy, softmax
from .messages import current_language, use_language
from .network import Network
from .nodes import Add, Branch, Mul
from .optimizers import SGD, Adam, Momentum
from .training import History, train
from .value import Value

__all__ = [
    "Add",
    "Adam",
    "Affine",
    "Branch",
    "CourseError",
    "CrossEntropy",
    "DomainError",
    "GradientReport",
    "History",
    "LabelError",
    "Layer",
    "Loss",
    "MeanSquaredError",
    "Momentum",
    "Mul",
    "Network",
    "NotReadyError",
    "ReLU",
    "SGD",
    "SettingError",
    "ShapeError",
    "Sigmoid",
    "SoftmaxWithLoss",
    "SumSquaredError",
    "TrainingDiverged",
    "Value",
    "cross_entropy",
    "current_language",
    "document_000_start",
    "document_002_start",
    "document_004_numbers",
    "document_004_start",
    "gradient_check",
    "numerical_gradient",
    "relative_error",
    "sigmoid_network",
    "softmax",
    "train",
    "use_language",
    "xor_data",
]
