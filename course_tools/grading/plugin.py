"""The grader's pytest plugin, loaded next to nbval and xdist by the runner (``-p course_tools.grading.plugin``).

In the workers, where kernels run:
- nbval's kernel becomes the GuardedKernel (liveness, deadline, output cap);
- every cell's test gets user properties in the report: its cell id, exercise and role, what went
  wrong (``problem``), and for a failed visible check the expected and the actual output; an open task's
  visible check (splice.py) fails when its verdict line is not the solution's;
- a hidden check is scored here, outside the kernel, probe by probe (probes.py): its report says how
  many probes passed and is cut to "failed" otherwise, so its expected output is in no file;
- the worker is a child subreaper, so whatever a kernel starts stays its descendant and ends with it
  (guard.py);
- with ``--grading-zygote``, the worker starts its zygote, which forks its kernels warm (warm.py);
  if it cannot, the log says so and its kernels start fresh.
In the controller:
- once every worker has collected the spliced notebooks, they are deleted: the kernels that then
  run student code find nothing of the instructor's in their folders;
- each submission's reports go to their own junit XML, written by pytest's junit writer as soon as
  the submission's last cell is reported, so the runner scores submissions as they finish.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Generator
from pathlib import Path

import nbval.plugin
import pytest
from _pytest.junitxml import LogXML

from backprop_lib.messages import message

from ..cells import exercise_meta
from .guard import GuardedKernel, KernelDied, SubmissionTimedOut, TooManyProcesses
from .probes import score_hidden, stream_text
from .processes import become_subreaper
from .report import output_text, without_choices
from .splice import OPEN_TASK_CHECK
from .warm import Zygote

SYNTAX_ERRORS = ("SyntaxError", "IndentationError", "TabError")
HIDDEN_FAILURE = "hidden check failed (its expected output is not reported)"
OPEN_TASK_FAILURE = "the visible check of an open task did not end with the solution's verdict line"


def pytest_addoption(parser: pytest.Parser) -> None:
    """The runner's settings for this plugin."""
    group = parser.getgroup("grading", "backprop course grading")
    group.addoption("--grading-results", default=None, help="folder for one junit XML per submission")
    group.addoption(
        "--grading-submission-timeout", type=float, default=600.0, help="seconds one submission may run in all"
    )
    group.addoption("--grading-max-output-kb", type=int, default=1024, help="output kept per cell, in kB")
    group.addoption(
        "--grading-max-processes",
        type=int,
        default=32,
        help="processes one submission's kernel may have running besides itself",
    )
    group.addoption("--grading-seed", type=int, default=0, help="the seed of the hidden checks' inputs")
    group.addoption(
        "--grading-zygote",
        default=None,
        metavar="SPEC_DIR",
        help="fork kernels from a zygote that imported once (the warm kernel spec's folder)",
    )


def active(config: pytest.Config) -> bool:
    """Whether this pytest run is a grading run."""
    return bool(config.getoption("grading_results", None))


def pytest_configure(config: pytest.Config) -> None:
    """Guard nbval's kernels; in the controller, write per-submission reports."""
    if not active(config):
        return
    GuardedKernel.submission_timeout = config.getoption("grading_submission_timeout")
    GuardedKernel.max_output_bytes = config.getoption("grading_max_output_kb") << 10
    GuardedKernel.max_processes = config.getoption("grading_max_processes")
    nbval.plugin.RunningKernel = GuardedKernel
    become_subreaper()
    workers = int(config.getoption("numprocesses", None) or 0)
    if config.getoption("grading_zygote") and (hasattr(config, "workerinput") or not workers):
        start_zygote(config)
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(SubmissionReports(config, workers), "grading-reports")


def start_zygote(config: pytest.Config) -> None:
    """Start this process's zygote for warm kernels; fresh kernels (said in the log) when it cannot start."""
    try:
        GuardedKernel.zygote = Zygote(Path(config.getoption("grading_zygote")))
    except (OSError, RuntimeError, ValueError) as error:
        print(
            f"warm kernels unavailable in worker {os.getpid()} ({error}): its kernels start fresh",
            file=sys.stderr,
            flush=True,
        )
        return
    config.add_cleanup(GuardedKernel.zygote.stop)


def exercise_of(item: pytest.Item) -> dict:
    """The ``exercise`` metadata of an nbval cell item ({} for a teaching cell)."""
    return exercise_meta(item.cell) or {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Label every cell in the report with its id, exercise and role."""
    if not active(config):
        return
    for item in items:
        if hasattr(item, "cell"):
            meta = exercise_of(item)
            item.user_properties += [
                ("cell_id", item.cell.get("id", "")),
                ("exercise", meta.get("number", "")),
                ("role", meta.get("role", "")),
            ]


def problem_of(item: pytest.Item, call: pytest.CallInfo) -> tuple[str, str] | None:
    """What went wrong while running a cell, as (code, detail), or None (a check's wrong output is no problem)."""
    if call.excinfo is None:
        return None
    error, kernel = call.excinfo.value, item.parent.kernel
    if call.when == "setup":
        return "grader-error", f"the kernel did not start: {type(error).__name__}: {error}"[:300]
    if isinstance(error, SubmissionTimedOut):
        return "submission-timeout", str(error)
    if isinstance(error, TooManyProcesses):
        return "too-many-processes", str(error)
    if isinstance(error, KernelDied):
        return "kernel-died", str(error)
    if item.test_outputs is None:
        return None  # never sent: the kernel was already gone
    if kernel is not None and kernel.interrupted:
        return "timeout", f"it ran longer than {item.config.getoption('nbval_cell_timeout'):g} s"
    raised = [output for output in item.test_outputs if output.get("output_type") == "error"]
    if not raised:
        return None
    name, message = raised[-1].get("ename", ""), raised[-1].get("evalue", "")
    detail = name if exercise_of(item).get("role") == "hidden-check" else f"{name}: {message}"[:300]
    if name in SYNTAX_ERRORS:  # IPython names the cell by a temporary file: "(610846737.py, line 15)"
        return "syntax-error", re.sub(r"\(\d+\.py, line (\d+)\)", r"(line \1)", detail)
    return ("memory" if name == "MemoryError" else "error"), detail


def cell_properties(item: pytest.Item, call: pytest.CallInfo, wrong_verdict: bool) -> list[tuple[str, str]]:
    """What the report should say about a cell beyond pass/fail: problems, and a failed visible check's outputs."""
    properties = []
    problem = problem_of(item, call)
    if problem:
        properties.append(("problem", f"{problem[0]}: {problem[1]}"))
    kernel = item.parent.kernel
    ran = call.when == "call" and item.test_outputs is not None
    if ran and kernel is not None and kernel.dropped_bytes:
        printed, kept = kernel.output_bytes >> 10, kernel.max_output_bytes >> 10
        sizes = message("problem.output_sizes", "en", printed=printed, kept=kept)
        properties.append(("problem", f"output-truncated: {sizes}"))  # outcome.py says it in the student's language
        kernel.dropped_bytes = 0
    if call.when == "call" and (call.excinfo is not None or wrong_verdict) and exercise_of(item).get("role") == "check":
        expected = without_choices(output_text(item.cell.outputs))
        properties += [("expected", expected), ("actual", output_text(item.test_outputs or []))]
    return properties


def open_task(item: pytest.Item) -> bool:
    """Whether the cell is the visible check of an open task (splice.py): its verdict line is compared, not all."""
    return OPEN_TASK_CHECK in item.cell.metadata.get("tags", [])


def same_verdict(item: pytest.Item) -> bool:
    """Whether the cell's last printed line (the check's verdict, ✓ or ✗) is the solution's."""
    lines = [stream_text(outputs).strip().splitlines() for outputs in (item.cell.outputs, item.test_outputs or [])]
    return bool(lines[0]) and bool(lines[1]) and lines[0][-1] == lines[1][-1]


def hidden_verdicts(item: pytest.Item) -> list[bool]:
    """Each probe of a hidden check passed or not, decided here from what the kernel printed."""
    return score_hidden(
        exercise_of(item),
        stream_text(item.cell.outputs),
        stream_text(item.test_outputs or []),
        item.config.getoption("grading_seed"),
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Add what happened to the cell's report; score a hidden check and keep its expected output out of it."""
    graded = hasattr(item, "cell") and active(item.config)
    hidden = graded and exercise_of(item).get("role") == "hidden-check"
    verdicts: list[bool] = []
    wrong_verdict = graded and call.when == "call" and open_task(item) and not same_verdict(item)
    if graded and call.when in ("setup", "call"):
        item.user_properties += cell_properties(item, call, wrong_verdict)
    if hidden and call.when == "call":
        verdicts = hidden_verdicts(item)
        item.user_properties.append(("probes", str(sum(verdicts))))
    report = yield
    if hidden and call.when == "call":
        report.outcome = "passed" if verdicts and all(verdicts) else "failed"
    elif wrong_verdict and report.passed:
        report.outcome, report.longrepr = "failed", OPEN_TASK_FAILURE
    if hidden and report.failed:
        report.longrepr = HIDDEN_FAILURE
    return report


def submission_of(nodeid: str) -> str:
    """The notebook path part of a cell's node id."""
    return nodeid.split("::", 1)[0]


class SubmissionReports:
    """Controller: delete spliced notebooks once collected; write each submission's junit XML when it is done."""

    def __init__(self, config: pytest.Config, workers: int) -> None:
        self.rootpath = config.rootpath
        self.results = Path(config.getoption("grading_results"))
        self.results.mkdir(parents=True, exist_ok=True)
        self.workers = workers
        self.collections = 0
        self.cells: Counter[str] = Counter()
        self.finished: Counter[str] = Counter()
        self.logs: dict[str, LogXML] = {}

    def collected(self, nodeids: list[str]) -> None:
        """Count each submission's cells, and delete the notebooks once every worker has read them."""
        if not self.cells:
            self.cells = Counter(submission_of(nodeid) for nodeid in nodeids)
        self.collections += 1
        if self.collections >= max(self.workers, 1):
            for notebook in self.cells:
                (self.rootpath / notebook).unlink(missing_ok=True)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: object, ids: list[str]) -> None:
        """xdist: a worker collected (the scheduler starts only after the last one)."""
        self.collected(list(ids))

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Without xdist this process collects, then runs."""
        if not self.workers:
            self.collected([item.nodeid for item in session.items])

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """File the report under its submission; write the submission's XML after its last cell."""
        notebook = submission_of(report.nodeid)
        log = self.logs.get(notebook)
        if log is None:
            name = Path(notebook).stem
            log = self.logs[notebook] = LogXML(str(self.results / f"{name}.xml.part"), None, name, family="xunit1")
            log.pytest_sessionstart()
        log.pytest_runtest_logreport(report)
        if report.when == "teardown":
            self.finished[notebook] += 1
            if self.finished[notebook] == self.cells[notebook]:
                log.pytest_sessionfinish()
                os.replace(log.logfile, log.logfile.removesuffix(".part"))
                del self.logs[notebook]
