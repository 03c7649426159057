"""Run a class of spliced submissions under nbval, in parallel, and hand back each grade as it finishes.

One pytest process (``--nbval-lax``, pytest-xdist with ``--dist loadscope``, so each notebook stays
on one worker, in one fresh kernel) runs every submission; the grading plugin writes one junit
XML per submission the moment it is done, and this module scores it and calls ``on_grade``.
Each submission runs in its own temporary folder, which is its kernel's working folder and is
empty once pytest has collected the spliced notebook. With ``kernels="warm"`` each worker forks its
kernels from a zygote that imported what the solution imports once (warm.py, zygote.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat

from .assignment import Assignment
from .outcome import Grade, Problem
from .processes import become_subreaper, descendants, end_descendants
from .report import read_junit, score
from .sandbox import KERNEL_NAME, Limits, spec_folder, write_kernel_spec
from .splice import Spliced, splice
from .warm import imported_modules

POLL_SECONDS = 0.2
STOP_GRACE_SECONDS = 10.0


@dataclass
class Submission:
    """A student's name (the file name without .ipynb) and their notebook file."""

    student: str
    path: Path


def slug(index: int, student: str) -> str:
    """A safe, unique folder and file name for a submission."""
    return f"{index:04d}-{re.sub(r'[^A-Za-z0-9_-]+', '_', student)[:40]}"


def pytest_command(root: Path, workers: int, limits: Limits, seed: int, warm: bool) -> list[str]:
    """The pytest run: nbval in lax mode, xdist by notebook, the grading plugin, nothing else loaded."""
    zygote = ["--grading-zygote", str(spec_folder(root / "jupyter"))] if warm else []
    return [
        sys.executable,
        "-m",
        "pytest",
        "run",
        "-p",
        "course_tools",  # first: its import spares every process of the run a slow optional import (its __init__)
        "-p",
        "xdist.plugin",
        "-p",
        "nbval.plugin",
        "-p",
        "course_tools.grading.plugin",
        "-c",
        str(root / "pytest.ini"),
        "--rootdir",
        str(root),
        "-p",
        "no:cacheprovider",
        "-q",
        "-rN",
        "--tb=no",
        "--color=no",
        "-n",
        str(workers if workers > 1 else 0),  # one at a time: in the pytest process itself (no controller to feed)
        "--dist",
        "loadscope",
        "--max-worker-restart",
        "0",
        "--nbval-lax",
        "--nbval-kernel-name",
        KERNEL_NAME,
        "--nbval-cell-timeout",
        str(limits.cell_timeout),
        "--nbval-kernel-startup-timeout",
        str(limits.startup_timeout),
        "--grading-results",
        str(root / "results"),
        "--grading-submission-timeout",
        str(limits.submission_timeout),
        "--grading-max-output-kb",
        str(limits.max_output_kb),
        "--grading-max-processes",
        str(limits.max_processes),
        "--grading-seed",
        str(seed),
        *zygote,
    ]


def pytest_environment(root: Path) -> dict[str, str]:
    """The environment of the pytest run: our kernel spec, no plugins picked up by accident."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")}
    env.update(
        JUPYTER_PATH=str(root / "jupyter"),
        JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def stop(process: subprocess.Popen) -> None:
    """Stop the pytest run: interrupt it (its kernels shut down), kill it if it does not end."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


LOG_PREFACE = (
    "pytest's log of the grading run. Each test is a cell of a submission: a 'failed' one is a cell that did not\n"
    "pass (its points are in the gradebook), not a fault of the grader; a grader fault gives a row the status\n"
    "grader-error and its reason.\n\n"
)


def log_tail(log: Path) -> str:
    """The last five lines of the pytest log, for a grader-error message."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "no log"
    return " | ".join(text[-5:])[:500]


def grader_error(assignment: Assignment, spliced: Spliced, detail: str) -> Grade:
    """The grade of a submission the run did not finish (graded again by the next run)."""
    return score(assignment, replace(spliced, problems=[*spliced.problems, Problem("grader-error", detail=detail)]), [])


def run_spliced(
    assignment: Assignment,
    pending: dict[str, Spliced],
    root: Path,
    limits: Limits,
    workers: int,
    log: Path,
    on_grade: Callable[[Grade], None],
    seed: int,
    warm: bool,
) -> None:
    """Run the spliced notebooks written under ``root/run`` and grade each as its report appears."""
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    results = root / "results"
    silence_limit = limits.submission_timeout + limits.startup_timeout + 60
    with log.open("a", encoding="utf-8") as log_file:  # an earlier run's log stays above this one's
        log_file.write(f"=== grading run of {time.strftime('%Y-%m-%d %H:%M:%S')}, {len(pending)} notebooks ===\n")
        log_file.write(LOG_PREFACE)
        log_file.flush()
        process = subprocess.Popen(
            pytest_command(root, workers, limits, seed, warm),
            cwd=root,
            env=pytest_environment(root),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    last_progress = time.monotonic()
    try:
        while pending:
            ended = process.poll() is not None
            for report in sorted(results.glob("*.xml")):
                spliced = pending.pop(report.stem, None)
                if spliced is not None:
                    on_grade(score(assignment, spliced, read_junit(report)))
                    last_progress = time.monotonic()
            if ended:
                break
            if time.monotonic() - last_progress > silence_limit:
                stop(process)
                for spliced in pending.values():
                    on_grade(grader_error(assignment, spliced, f"no result for {silence_limit:g} s; run stopped"))
                return
            time.sleep(POLL_SECONDS)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(STOP_GRACE_SECONDS)  # every report is in: let pytest end by itself
    finally:
        stop(process)
    for spliced in pending.values():
        on_grade(
            grader_error(
                assignment,
                spliced,
                f"pytest ended (exit code {process.returncode}) without a report for it; see {log}: {log_tail(log)}",
            )
        )


def grade_submissions(
    assignment: Assignment,
    submissions: list[Submission],
    on_grade: Callable[[Grade], None],
    limits: Limits,
    jobs: int,
    isolate: bool,
    protected: list[Path],
    log: Path,
    keep_work: bool = False,
    seed: int = 0,
    kernels: str = "fresh",
) -> None:
    """Splice and run every submission; call ``on_grade`` with each grade as soon as it is known.

    ``seed``: the hidden checks' inputs; the assignment's hidden outputs must be the solution's for it
    (reference.py). ``kernels``: "fresh" (a new Python per submission) or "warm" (forked from a zygote
    per worker after the imports; see warm.py). Processes left by the run (a worker that was killed leaves
    its kernels' orphans to this process, their subreaper) are ended before returning.
    """
    root = Path(tempfile.mkdtemp(prefix="backprop-grading-"))
    become_subreaper()
    before = set(descendants(os.getpid()))
    try:
        pending: dict[str, Spliced] = {}
        for index, submission in enumerate(submissions):
            spliced = splice(assignment, submission.student, submission.path)
            if spliced.notebook is None:
                on_grade(score(assignment, spliced, []))
                continue
            key = slug(index, submission.student)
            folder = root / "run" / key
            folder.mkdir(parents=True)
            nbformat.write(spliced.notebook, folder / f"{key}.ipynb")
            pending[key] = spliced
        if pending:
            warm = kernels == "warm"
            preload = imported_modules(assignment.solution) if warm else []
            write_kernel_spec(root / "jupyter", limits, isolate, [*protected, root], seed, warm, preload)
            run_spliced(assignment, pending, root, limits, max(1, min(jobs, len(pending))), log, on_grade, seed, warm)
    finally:
        end_descendants(spare=before)
        if keep_work:
            print(f"kept the grader's work folder: {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
