"""Interactive explorers (ipywidgets) for the lessons: each is one call that returns a live widget.

    from backprop_lib.explorers import apple_shop_explorer
    apple_shop_explorer()

Lesson 1 ``apple_shop_explorer``, lesson 2 ``network_stepper``, lesson 3 ``xor_explorer``,
lesson 4 ``softmax_explorer``, lesson 6 ``digits_explorer``. The logic behind each (``apple_shop``, ``network_steps``,
``take_update``, ``train_xor``, ``softmax_state``, ``digit_state``) is plain code that needs no widgets.
Only this package imports ipywidgets; ``import backprop_lib`` stays light.
"""

from .apple_shop import AppleShop, apple_shop, apple_shop_explorer
from .base import Explorer, Frame
from .digits import DigitState, digit_state, digits_explorer, toggle_pixel
from .network_stepper import NetworkStepper, Step, Update, network_stepper, network_steps, take_update
from .softmax import SoftmaxState, softmax_explorer, softmax_state
from .xor import XorRun, train_xor, xor_explorer, xor_network

__all__ = [
    "AppleShop",
    "DigitState",
    "Explorer",
    "Frame",
    "NetworkStepper",
    "SoftmaxState",
    "Step",
    "Update",
    "XorRun",
    "apple_shop",
    "apple_shop_explorer",
    "digit_state",
    "digits_explorer",
    "network_stepper",
    "network_steps",
    "softmax_explorer",
    "softmax_state",
    "take_update",
    "toggle_pixel",
    "train_xor",
    "xor_explorer",
    "xor_network",
]
