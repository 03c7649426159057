"""What a notebook cell's metadata says about its part in an exercise (docs/authoring.md, "Cells").

Its own module because both lesson generation (lessons.py) and the Korean catalogue (translations.py,
which lessons.py imports) read it.
"""

from __future__ import annotations


def exercise_meta(cell) -> dict | None:
    """The ``exercise`` metadata of a cell, or None for a teaching cell."""
    return cell.get("metadata", {}).get("exercise")


def role_of(cell) -> str | None:
    """A cell's exercise role (answer, check, hidden-check, mutant), or None for a teaching cell."""
    return (exercise_meta(cell) or {}).get("role")
