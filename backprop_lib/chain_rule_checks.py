"""Lesson 1's exercise checks whose expected numbers must stay out of sight until the student answers.

Exercises 3, 5 and 14 ask the student to work the numbers out by hand first, so their check cells call
one function here instead of spelling out the answer. Each function computes the expected values with
the library's ``Value`` and, for a slip students often make, raises that slip's hint from the message
catalogue (shown only when the answer is wrong); like ``backprop_lib.exercises`` it raises CheckFailed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .exercises import check_close, reject_slip
from .messages import message
from .value import Value


def check_add_then_multiply(add_then_multiply: Callable) -> None:
    """Exercise 3: f = (x + y)·z and its gradients at x = −2, y = 5, z = −4, against ``Value``."""
    got_f, grad_x, grad_y, grad_z = add_then_multiply(-2.0, 5.0, -4.0)
    x, y, z = Value(-2.0), Value(5.0), Value(-4.0)
    sum_xy = x + y
    f = sum_xy * z
    f.backward()
    check_close("f", got_f, f.data)
    reject_slip(grad_x, 1.0, "chain_rule_checks.add_given_one")
    reject_slip(grad_x, sum_xy.data, "chain_rule_checks.mul_order")
    check_close("grad_x", grad_x, x.grad)
    check_close("grad_y", grad_y, y.grad)
    check_close("grad_z", grad_z, z.grad)


def check_delivery_shop(delivery_shop: Callable) -> None:
    """Exercise 5: the total and ∂total/∂count at price 100, count 2, tax 1.1, fee 5, against ``Value``."""
    got_total, grad_count = delivery_shop(price=100, count=2, tax=1.1, fee=5)
    price, count, tax, fee = Value(100), Value(2), Value(1.1), Value(5)
    total = price * count * tax + count * fee
    total.backward()
    check_close("total", got_total, total.data)
    reject_slip(grad_count, price.data * tax.data, "chain_rule_checks.price_path_only")
    reject_slip(grad_count, fee.data, "chain_rule_checks.fee_path_only")
    check_close("grad_count", grad_count, count.grad)


def check_reused_gradient(reused_gradient: Callable) -> None:
    """Exercise 14: ∂f/∂x for f = x·x + x at x = 3 (hints for the usual slips) and at x = −1.5, against ``Value``."""
    prediction = reused_gradient(3.0)
    reject_slip(prediction, 12.0, "chain_rule_checks.reused_forward_value")
    reject_slip(prediction, 6.0, "chain_rule_checks.reused_without_sum_edge")
    reject_slip(prediction, 4.0, "chain_rule_checks.reused_one_factor_edge")
    reject_slip(prediction, 1.0, "chain_rule_checks.reused_one_part")
    reject_slip(prediction, 3.0, "chain_rule_checks.reused_one_part")
    for x_data, shown in ((3.0, "3"), (-1.5, "−1.5")):
        x = Value(x_data)
        (x * x + x).backward()
        got = prediction if x_data == 3.0 else reused_gradient(x_data)
        check_close(message("chain_rule_checks.reused_name", x=shown), got, x.grad)


def after_one_descent_step(
    loss_of: Callable[[list[Value]], Value], starts: Sequence[float], learning_rate: float
) -> list[float]:
    """Exercise 15's expected parameters: one gradient-descent step from ``starts``, computed on ``Value``."""
    parameters = [Value(start) for start in starts]
    loss_of(parameters).backward()
    return [parameter.data - learning_rate * parameter.grad for parameter in parameters]
