"""Lesson 1's explorer: the apple shop of document 003 with number fields for price, count and tax.

Every change runs the graph forward and backward again (with backprop_lib's Mul nodes)
and redraws it: forward values above the edges, gradients (기울기) below them.
"""

from __future__ import annotations

from functools import partial

from ..documents import AppleShop, apple_shop
from ..figures.graphs import apple_shop_graph, draw_graph
from ..figures.palette import FORWARD_TEXT, GRADIENT_TEXT
from ..formatting import MINUS_SIGN, format_number
from ..messages import message
from .base import Explorer, Frame, number_box


def _numbers(shop: AppleShop) -> dict[str, str]:
    """Every number of the shop at 4 significant digits, as the graph writes them, by its name in the messages."""
    n = partial(format_number, minus=MINUS_SIGN)
    return {
        "price": n(shop.apple_price),
        "count": n(shop.apple_count),
        "tax": n(shop.tax),
        "total": n(shop.total),
        "grad_price": n(shop.grad_apple_price),
        "grad_count": n(shop.grad_apple_count),
        "grad_tax": n(shop.grad_tax),
    }


def describe_apple_shop(shop: AppleShop) -> str:
    """One line with every number at 4 significant digits (the graph's own rounding)."""
    return message("apple.summary", **_numbers(shop))


def _caption(shop: AppleShop) -> str:
    """The chain rule (연쇄 법칙) behind each gradient, with this state's numbers."""
    return message("apple.caption", forward_color=FORWARD_TEXT, gradient_color=GRADIENT_TEXT, **_numbers(shop))


def apple_shop_explorer(apple_price: float = 100.0, apple_count: int = 2, tax: float = 1.1) -> Explorer:
    """Number fields for the apple price, the number of apples and the tax; the graph redraws on every change."""
    price_field = number_box(message("figure.apple_price"), apple_price, 10, 300, 10)
    count_field = number_box(message("figure.apple_count"), apple_count, 1, 10, 1)
    tax_field = number_box(message("figure.tax"), tax, 1.0, 1.5, 0.05)

    def render() -> Frame:
        values = (price_field.value, count_field.value, tax_field.value)
        shop = apple_shop(*values)
        figure = draw_graph(*apple_shop_graph(*values))
        return Frame(figure, _caption(shop), describe_apple_shop(shop))

    explorer = Explorer("apple-shop", message("apple.title"), [price_field, count_field, tax_field], render)
    explorer.watch(price_field, count_field, tax_field)
    return explorer
