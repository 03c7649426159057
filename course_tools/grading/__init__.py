"""The instructor's grader: splice each student's answers into the solution notebook and run it under nbval.

    backprop-grade SUBMISSIONS_DIR        # `make grade SUBMISSIONS=...`
    backprop-grade --validate             # `make validate-assignment`

Modules: assignment (the solution and lesson), reference (the hidden checks' expected outputs for
the run's seed), splice (student answers into the solution), sandbox and launcher (the limited
kernel), guard, processes and plugin (nbval under pytest: guarded, its processes ended and counted,
labelled), probes (hidden checks scored outside the kernel, judges), runner (the parallel pytest
run), report (junit XML to points), gradebook (the CSV), feedback (a markdown file per student),
validate, cli.
"""

from .assignment import Assignment, InstructorError, load_assignment
from .outcome import Grade, Problem
from .runner import Submission, grade_submissions
from .sandbox import Limits, isolation_available

__all__ = [
    "Assignment",
    "Grade",
    "InstructorError",
    "Limits",
    "Problem",
    "Submission",
    "grade_submissions",
    "isolation_available",
    "load_assignment",
]
