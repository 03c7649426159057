"""Lesson 1's checks that hide their numbers: right answers pass, each known slip gets its own hint."""

import pytest

from backprop_lib.chain_rule_checks import (
    after_one_descent_step,
    check_add_then_multiply,
    check_delivery_shop,
    check_reused_gradient,
)
from backprop_lib.exercises import CheckFailed, exercise_check
from backprop_lib.messages import message, use_language


@pytest.fixture(autouse=True)
def english_afterwards():
    """Every test leaves the library speaking English, as a fresh kernel does."""
    yield
    use_language("en")


def verdict(capsys, number: int, check, answer) -> list[str]:
    """The lines a check cell prints for ``answer``."""
    with exercise_check(number):
        check(answer)
    return capsys.readouterr().out.splitlines()


def test_add_then_multiply_right_answer_prints_the_values_and_passes(capsys):
    def right(x, y, z):
        return (x + y) * z, z, z, x + y

    assert verdict(capsys, 3, check_add_then_multiply, right) == [
        "f = -12.00000000",
        "grad_x = -4.00000000",
        "grad_y = -4.00000000",
        "grad_z = 3.00000000",
        "✓ Exercise 3 passed.",
    ]


@pytest.mark.parametrize(
    "grads, key",
    [((1.0, 1.0, 3.0), "chain_rule_checks.add_given_one"), ((3.0, 3.0, -4.0), "chain_rule_checks.mul_order")],
)
def test_add_then_multiply_slips_get_their_hint(grads, key):
    with pytest.raises(CheckFailed) as failure:
        check_add_then_multiply(lambda x, y, z: ((x + y) * z, *grads))
    assert str(failure.value) == message(key)


def test_add_then_multiply_other_wrong_answer_gets_the_numbers():
    with pytest.raises(CheckFailed, match=r"grad_z should be 3.00000000, but it is -4.00000000"):
        check_add_then_multiply(lambda x, y, z: ((x + y) * z, z, z, z))


def test_delivery_shop(capsys):
    assert verdict(
        capsys,
        5,
        check_delivery_shop,
        lambda price, count, tax, fee: (price * count * tax + count * fee, price * tax + fee),
    ) == [
        "total = 230.00000000",
        "grad_count = 115.00000000",
        "✓ Exercise 5 passed.",
    ]
    for slip, key in [(110.0, "price_path_only"), (5.0, "fee_path_only")]:
        with pytest.raises(CheckFailed) as failure:
            check_delivery_shop(lambda price, count, tax, fee, slip=slip: (price * count * tax + count * fee, slip))
        assert str(failure.value) == message(f"chain_rule_checks.{key}")


@pytest.mark.parametrize(
    "wrong, key",
    [
        (lambda x: x * x + x, "reused_forward_value"),
        (lambda x: x + x, "reused_without_sum_edge"),
        (lambda x: x + 1.0, "reused_one_factor_edge"),
        (lambda x: 1.0, "reused_one_part"),
        (lambda x: x, "reused_one_part"),
    ],
)
def test_reused_gradient_slips_get_their_hint(wrong, key):
    with pytest.raises(CheckFailed) as failure:
        check_reused_gradient(wrong)
    assert str(failure.value) == message(f"chain_rule_checks.{key}")


def test_reused_gradient_right_at_3_but_wrong_elsewhere_is_caught_at_minus_one_and_a_half():
    with pytest.raises(CheckFailed, match="−1.5 should be -2.00000000, but it is 7.00000000"):
        check_reused_gradient(lambda x: 7.0)


def test_reused_gradient_in_korean(capsys):
    use_language("ko")
    assert verdict(capsys, 14, check_reused_gradient, lambda x: 2 * x + 1) == [
        "x = 3에서 ∂f/∂x = 7.00000000",
        "x = −1.5에서 ∂f/∂x = -2.00000000",
        "✓ 연습 14 통과.",
    ]


def test_after_one_descent_step_moves_against_the_gradient():
    def loss_of(parameters):
        first, second = parameters
        return first * first + 3 * second  # gradients 2·first and 3

    assert after_one_descent_step(loss_of, [1.5, -2.0], 0.1) == pytest.approx([1.5 - 0.1 * 3.0, -2.0 - 0.1 * 3.0])
    starts = [0.5, 0.25]
    after_one_descent_step(loss_of, starts, 0.1)
    assert starts == [0.5, 0.25]  # the starting numbers are read, never changed
