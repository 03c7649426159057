"""Grading speed: a generated class of 100 submissions against its floor, measured in the same run.

The floor is what grading cannot avoid: executing the solution notebook once per submission
(kernel start, imports, the homework's own compute), each in a fresh kernel, one per core. It is
measured by doing exactly that: as many executions of the solution at once as there are cores
(nbclient, as ``make lessons`` does, in the graded kernels' environment: one BLAS thread,
course_tools.grading.sandbox.KERNEL_ENV), a few rounds before and a few after the class is graded,
so the floor shares the machine's caches, memory bandwidth and other programs as the grader does.
One execution alone is timed too and printed as the bound that assumes perfect scaling (the cores
each as fast as one alone), which no program reaches on a shared machine.
The grader's rate is submissions per second for the whole command: the reference run, splicing,
pytest and its workers, nbval, the gradebook and the feedback files. Its kernels draw no figures
(course_tools.grading.sandbox: no check compares a picture); the floor's, executing the notebook as
a student's kernel would, do. Wall clock is what the budget is about, but on a machine busy with
other programs it is noisy, so CPU seconds per submission (the grading command's and the solution's
own, children included) are printed too.
Every submission of the class answers every exercise correctly, so each runs the full homework.
The class is graded twice, with fresh kernels (a new Python per submission, like the floor) and
with warm ones (forked from a process per worker that did the imports once, course_tools.grading.warm),
between the floor's rounds.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from course_tools.grading import load_assignment
from course_tools.grading.assignment import DEFAULT_SOLUTION
from course_tools.grading.classroom import solution_answers, student_notebook, write_class
from course_tools.grading.processes import usable_cores
from course_tools.grading.sandbox import KERNEL_ENV
from course_tools.lessons import execute, read

CLASS_SIZE = 100
FLOOR_ROUNDS = (2, 2)  # rounds of one execution per core, before and after grading
ALONE_RUNS = 3  # executions one at a time: the perfect-scaling bound
BUDGET = 1.3  # fresh kernels: the grader at most this much slower than the floor
TARGET = 1.25  # warm kernels: the grader at least this much faster than the floor
ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "grading_fixtures" / "solutions" / "fixture_homework.ipynb"


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and every child it has waited for (kernels, pytest, workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rounds_seconds(solution: Path, at_once: int, rounds: int) -> list[float]:
    """Wall seconds of each round of ``at_once`` executions of the solution started together, each in a fresh kernel."""
    seconds = []
    for _ in range(rounds):
        notebooks = [read(solution) for _ in range(at_once)]
        with ThreadPoolExecutor(at_once) as pool:
            start = time.perf_counter()
            list(pool.map(lambda notebook: execute(notebook, solution.parent, solution.name, KERNEL_ENV), notebooks))
            seconds.append(time.perf_counter() - start)
    return seconds


def grade_class(solution: Path, size: int, jobs: int, kernels: str) -> tuple[float, str]:
    """Wall seconds of the grading command (a fresh process) on a generated class of ``size`` correct submissions."""
    assignment = load_assignment(solution)
    notebook = student_notebook(assignment, solution_answers(assignment))
    with tempfile.TemporaryDirectory(prefix="backprop-bench-") as folder:
        write_class(Path(folder), {f"student{index:03d}": notebook for index in range(size)})
        start = time.perf_counter()
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "course_tools.grading",
                folder,
                "--solution",
                str(solution),
                "--jobs",
                str(jobs),
                "--kernels",
                kernels,
            ],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        log = Path(folder, "graded", "grading.log").read_text(encoding="utf-8", errors="replace")
    lines = run.stdout.splitlines()
    if run.returncode != 0 or f"{size} ok" not in run.stdout:
        raise RuntimeError("the benchmark class was not graded cleanly:\n" + "\n".join(lines[-8:]) + run.stderr)
    if "warm kernels" in log:  # a worker whose zygote did not start or ended
        raise RuntimeError(f"--kernels {kernels}: some kernels fell back to fresh ones; see the log:\n{log[-2000:]}")
    return seconds, "\n".join(line for line in lines if line.startswith(("Graded", "  status")))


def timed_grading(solution: Path, jobs: int, kernels: str) -> tuple[float, float]:
    """Wall seconds for the class and CPU seconds per submission of one grading command."""
    start_cpu = cpu_seconds()
    seconds, summary = grade_class(solution, CLASS_SIZE, jobs, kernels)
    print(f"  [{kernels} kernels] " + summary.replace("\n", " |"), flush=True)
    return seconds, (cpu_seconds() - start_cpu) / CLASS_SIZE


def main() -> None:
    """Grade 100 submissions with fresh and with warm kernels; print both rates next to the floor, with ratios."""
    solution = ROOT / DEFAULT_SOLUTION if (ROOT / DEFAULT_SOLUTION).exists() else FIXTURE
    jobs = usable_cores()
    print(
        f"Grading a generated class of {CLASS_SIZE} correct submissions of {solution.relative_to(ROOT)} "
        f"on {jobs} cores, with fresh and with warm kernels.",
        flush=True,
    )
    alone = rounds_seconds(solution, 1, ALONE_RUNS)
    start_cpu = cpu_seconds()
    floor = rounds_seconds(solution, jobs, FLOOR_ROUNDS[0])
    floor_cpu = cpu_seconds() - start_cpu
    graded = {kernels: timed_grading(solution, jobs, kernels) for kernels in ("fresh", "warm")}
    start_cpu = cpu_seconds()
    floor += rounds_seconds(solution, jobs, FLOOR_ROUNDS[1])
    floor_cpu = (floor_cpu + cpu_seconds() - start_cpu) / (len(floor) * jobs)
    floor_rate = jobs / statistics.median(floor)
    bound_rate = jobs / statistics.median(alone)
    print(
        f"  floor: {jobs} executions of the solution at once take {statistics.median(floor):.2f} s (median of "
        f"{len(floor)} rounds: {', '.join(f'{s:.2f}' for s in floor)}): {floor_rate:.2f} submissions/s, "
        f"{floor_cpu:.2f} CPU s each"
    )
    print(
        f"  (one execution alone takes {statistics.median(alone):.2f} s, median of {len(alone)}: perfect scaling "
        f"would give {bound_rate:.2f} submissions/s)"
    )
    for kernels, (seconds, cpu) in graded.items():
        rate = CLASS_SIZE / seconds
        print(
            f"  {kernels:>5} kernels: {rate:.2f} submissions/s ({seconds:.1f} s for {CLASS_SIZE}), "
            f"{rate / floor_rate:.2f}× the floor's rate ({rate / bound_rate:.2f}× the perfect-scaling bound); "
            f"CPU per submission {cpu:.2f} s ({floor_cpu / cpu:.2f}× less than the floor's)"
        )
    fresh_rate, warm_rate = (CLASS_SIZE / graded[kernels][0] for kernels in ("fresh", "warm"))
    verdict = "within" if floor_rate / fresh_rate <= BUDGET else "OVER"
    print(f"  fresh kernels: floor/grader {floor_rate / fresh_rate:.2f}× wall clock ({verdict} the {BUDGET}× budget)")
    verdict = "meets" if warm_rate / floor_rate >= TARGET else "MISSES"
    print(
        f"  warm kernels: grader/floor {warm_rate / floor_rate:.2f}× wall clock ({verdict} the {TARGET}× target: "
        f"faster than a fresh kernel per submission); warm/fresh {warm_rate / fresh_rate:.2f}×"
    )


if __name__ == "__main__":
    main()
