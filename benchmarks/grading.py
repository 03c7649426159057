"""Grading speed: a generated class of 100 submissions against its floor, measured in the same run.

The floor is what grading cannot avoid: executing the solution notebook once per submission
(kernel start, imports, the homework's own compute), each in a fresh kernel, divided across the
cores. It is measured by executing the solution notebook a few times before and after the class
is graded; the grader's rate is submissions per second for the whole command — splicing, pytest
and its workers, nbval, the gradebook and the feedback files. Wall clock is what the budget is
about, but on a machine busy with other programs it is noisy, so CPU seconds per submission
(the grading command's and the solution's own, children included) are printed too.
Every submission of the class answers every exercise correctly, so each runs the full homework.
"""
from __future__ import annotations

import contextlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course_tools.grading import load_assignment
from course_tools.grading.assignment import DEFAULT_SOLUTION
from course_tools.grading.classroom import solution_answers, student_notebook, write_class
from course_tools.lessons import execute, read

CLASS_SIZE = 100
FLOOR_RUNS = (3, 2)                # executions of the solution before and after grading
BUDGET = 1.3
ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "grading_fixtures" / "solutions" / "fixture_homework.ipynb"


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextlib.contextmanager
def kernel_stderr_silenced():
    """Send this process's stderr (inherited by the kernels, which warn about plain TCP) to /dev/null."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and every child it has waited for (kernels, pytest, workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def execution_seconds(solution: Path, runs: int) -> list[float]:
    """Wall seconds of executing the solution notebook in a fresh kernel, ``runs`` times."""
    seconds = []
    for _ in range(runs):
        notebook = read(solution)
        with kernel_stderr_silenced():
            start = time.perf_counter()
            execute(notebook, solution.parent, solution.name)
            seconds.append(time.perf_counter() - start)
    return seconds


def grade_class(solution: Path, size: int, jobs: int) -> tuple[float, str]:
    """Wall seconds of the grading command (a fresh process) on a generated class of ``size`` correct submissions."""
    assignment = load_assignment(solution)
    notebook = student_notebook(assignment, solution_answers(assignment))
    with tempfile.TemporaryDirectory(prefix="backprop-bench-") as folder:
        write_class(Path(folder), {f"student{index:03d}": notebook for index in range(size)})
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "course_tools.grading", folder, "--solution", str(solution),
                              "--jobs", str(jobs)], capture_output=True, text=True)
        seconds = time.perf_counter() - start
    lines = run.stdout.splitlines()
    if run.returncode != 0 or f"{size} ok" not in run.stdout:
        raise RuntimeError("the benchmark class was not graded cleanly:\n" + "\n".join(lines[-8:]) + run.stderr)
    return seconds, "\n".join(line for line in lines if line.startswith(("Graded", "  status")))


def main() -> None:
    """Grade 100 submissions and print the rate next to the floor, with the ratio (wall clock and CPU)."""
    solution = ROOT / DEFAULT_SOLUTION if (ROOT / DEFAULT_SOLUTION).exists() else FIXTURE
    jobs = cores()
    print(f"Grading a generated class of {CLASS_SIZE} correct submissions of {solution.relative_to(ROOT)} "
          f"on {jobs} cores.", flush=True)
    start_cpu = cpu_seconds()
    floor = execution_seconds(solution, FLOOR_RUNS[0])
    floor_cpu = cpu_seconds() - start_cpu
    start_cpu = cpu_seconds()
    seconds, summary = grade_class(solution, CLASS_SIZE, jobs)
    grading_cpu = (cpu_seconds() - start_cpu) / CLASS_SIZE
    start_cpu = cpu_seconds()
    floor += execution_seconds(solution, FLOOR_RUNS[1])
    floor_cpu = (floor_cpu + cpu_seconds() - start_cpu) / len(floor)
    one = statistics.median(floor)
    floor_rate, rate = jobs / one, CLASS_SIZE / seconds
    print(summary)
    print(f"  floor: executing the solution takes {one:.2f} s (median of {len(floor)}: "
          f"{', '.join(f'{s:.2f}' for s in floor)}), so {jobs} cores do at best {floor_rate:.2f} submissions/s")
    print(f"  grader: {rate:.2f} submissions/s ({seconds:.1f} s for {CLASS_SIZE})")
    verdict = "within" if floor_rate / rate <= BUDGET else "OVER"
    print(f"  ratio floor/grader: {floor_rate / rate:.2f}× wall clock ({verdict} the {BUDGET}× budget)")
    print(f"  CPU per submission: {grading_cpu:.2f} s graded against {floor_cpu:.2f} s to execute the solution "
          f"({grading_cpu / floor_cpu:.2f}×; unlike wall clock, other programs on the machine do not count)")


if __name__ == "__main__":
    main()
