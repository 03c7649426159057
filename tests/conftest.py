"""Fixtures several test modules share."""

from __future__ import annotations

import pytest

from course_tools.grading import Assignment, load_assignment
from tests.grading_helpers import FIXTURE


@pytest.fixture(scope="module")
def assignment() -> Assignment:
    """The grading tests' fixture homework (tests/grading_fixtures: 3 exercises, 6 points), read and checked."""
    return load_assignment(FIXTURE)
