"""The course's one number formatter: no "-0", the chosen minus sign, trailing zeros trimmed on request."""

import numpy as np
import pytest

from backprop_lib.exercises import format_value
from backprop_lib.formatting import MINUS_SIGN, format_number


@pytest.mark.parametrize(
    "value, kwargs, expected",
    [
        (220.00000000000003, {}, "220"),  # 4 significant digits by default
        (-1e-12, {}, "-1e-12"),  # small is not zero
        (-0.00001, {"spec": ".3f"}, "0.000"),  # a zero has no sign
        (-0.0, {}, "0"),
        (-2.5, {}, "-2.5"),
        (-2.5, {"minus": MINUS_SIGN}, "\N{MINUS SIGN}2.5"),  # figures draw the typographic minus
        (2.5, {"spec": ".3f", "trim_zeros": True}, "2.5"),
        (3.0, {"spec": ".3f", "trim_zeros": True}, "3"),
        (-0.0001, {"spec": ".2f", "trim_zeros": True}, "0"),
        (1200.0, {"spec": ".0f", "trim_zeros": True}, "1200"),  # no decimal point: no zeros to trim
        ("already text", {}, "already text"),
        (np.float64(0.1234567), {"spec": ".3g"}, "0.123"),
    ],
)
def test_format_number(value, kwargs, expected):
    assert format_number(value, **kwargs) == expected


def test_format_value_prints_a_zero_without_a_stray_point_at_zero_decimals():
    """Before the formatters were unified, a zero at 0 decimals printed "0." while 0.3 printed "0"."""
    assert format_value(0.0, digits=0) == format_value(0.3, digits=0) == "0"
    assert format_value(-0.2, digits=0) == "0"
    assert format_value(-0.6, digits=0) == "-1"


def test_pad_counts_hangul_as_two_columns():
    from backprop_lib.formatting import display_width, pad

    assert display_width("기울기") == 6 and display_width("input") == 5
    assert pad("기울기", 8) == "기울기  " and pad("input", 8) == "input   "
    assert pad("longer than", 3) == "longer than"


def test_gradient_report_speaks_the_notebooks_language():
    import numpy as np

    from backprop_lib import Sigmoid, gradient_check, use_language

    report = gradient_check(Sigmoid(), np.array([[0.5, -1.0]]))
    try:
        use_language("ko")
        korean = str(report)
    finally:
        use_language("en")
    assert korean.splitlines()[0].split() == ["기울기", "상대", "오차", "판정"] and "일치" in korean
    assert str(report).splitlines()[0] == "gradient  relative error  verdict"
