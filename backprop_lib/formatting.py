"""One number formatter for everything the course prints, describes or draws: the same text on every machine."""

from __future__ import annotations

import unicodedata

MINUS_SIGN = "\N{MINUS SIGN}"  # the typographic minus figures draw; printed text keeps the ASCII "-"


def format_number(value: float | str, spec: str = ".4g", minus: str = "-", trim_zeros: bool = False) -> str:
    """``format(value, spec)`` with no "-0" (a zero has no sign) and ``minus`` as the minus sign; text passes as it is.

    trim_zeros drops trailing decimal zeros ("2.50" → "2.5", "3.00" → "3"), for fixed-point specs.
    """
    if isinstance(value, str):
        return value
    text = format(float(value), spec)
    if float(text) == 0:
        text = text.lstrip("-")
    if trim_zeros and "." in text:
        text = text.rstrip("0").rstrip(".")
    return minus + text[1:] if text.startswith("-") else text


def display_width(text: str) -> int:
    """Columns a text takes in a monospaced font: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` columns of a monospaced font (wide characters count twice)."""
    return text + " " * max(0, width - display_width(text))
