"""Lesson 1's explorer: the apple shop of document 003 with sliders for price, count and tax.

Every slider move runs the graph forward and backward again (with backprop_lib's Mul nodes)
and redraws it: forward values above the edges, gradients (기울기) below them.
"""
from __future__ import annotations

from typing import NamedTuple

import ipywidgets as widgets

from ..figures.graphs import apple_shop_graph, draw_graph, format_number
from ..messages import message
from .base import Explorer, Frame, control_layout, slider_style


class AppleShop(NamedTuple):
    """The apple shop's total and the gradient of the total with respect to each input."""

    apple_price: float
    apple_count: float
    tax: float
    total: float
    grad_apple_price: float   # ∂total/∂price = count × tax
    grad_apple_count: float   # ∂total/∂count = price × tax
    grad_tax: float           # ∂total/∂tax   = price × count


def apple_shop(apple_price: float = 100.0, apple_count: float = 2.0, tax: float = 1.1) -> AppleShop:
    """Read the total and the gradients off the same graph the explorer draws, so the two always agree."""
    edges = {edge.source: edge for edge in apple_shop_graph(apple_price, apple_count, tax).edges}
    return AppleShop(apple_price, apple_count, tax, total=edges["tax ×"].forward,
                     grad_apple_price=edges["apple price"].gradient,
                     grad_apple_count=edges["apple count"].gradient,
                     grad_tax=edges["tax"].gradient)


def describe_apple_shop(shop: AppleShop) -> str:
    """One line with every number at 4 significant digits (the graph's own rounding)."""
    n = format_number
    return message("apple.summary", price=n(shop.apple_price), count=n(shop.apple_count), tax=n(shop.tax),
                   total=n(shop.total), grad_price=n(shop.grad_apple_price), grad_count=n(shop.grad_apple_count),
                   grad_tax=n(shop.grad_tax))


def _caption(shop: AppleShop) -> str:
    """The chain rule (연쇄 법칙) behind each gradient, with this state's numbers."""
    n = format_number
    return message("apple.caption", price=n(shop.apple_price), count=n(shop.apple_count), tax=n(shop.tax),
                   total=n(shop.total), grad_price=n(shop.grad_apple_price), grad_count=n(shop.grad_apple_count),
                   grad_tax=n(shop.grad_tax))


def apple_shop_explorer(apple_price: float = 100.0, apple_count: int = 2, tax: float = 1.1) -> Explorer:
    """Sliders for the apple price, the number of apples and the tax; the graph redraws on every change."""
    price_slider = widgets.FloatSlider(value=apple_price, min=10, max=300, step=10, readout_format=".0f", description=message("figure.apple_price"),
                                       continuous_update=False, style=slider_style(), layout=control_layout())
    count_slider = widgets.IntSlider(value=apple_count, min=1, max=10, description=message("figure.apple_count"),
                                     continuous_update=False, style=slider_style(), layout=control_layout())
    tax_slider = widgets.FloatSlider(value=tax, min=1.0, max=1.5, step=0.05, readout_format=".2f",
                                     description=message("figure.tax"), continuous_update=False, style=slider_style(), layout=control_layout())

    def render() -> Frame:
        values = (price_slider.value, count_slider.value, tax_slider.value)
        shop = apple_shop(*values)
        figure = draw_graph(*apple_shop_graph(*values))
        return Frame(figure, _caption(shop), describe_apple_shop(shop))

    explorer = Explorer("apple-shop", message("apple.title"), [price_slider, count_slider, tax_slider], render)
    explorer.watch(price_slider, count_slider, tax_slider)
    return explorer
