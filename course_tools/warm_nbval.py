"""``--nbval-warm``: nbval runs the course's notebooks in kernels forked after the imports, not started from scratch.

    pytest -p course_tools.warm_nbval --nbval --nbval-current-env --nbval-warm ...      (make test)

A fresh kernel spends about 2 s starting Python, ipykernel, numpy, matplotlib and backprop_lib before
a notebook's first cell runs, and ``make test`` runs 24 notebooks. With ``--nbval-warm`` each process
that runs notebooks (a pytest-xdist worker, or pytest itself without xdist) starts the grader's zygote
(grading/warm.py, zygote.py) before its first notebook: it imports once what the collected notebooks
import. nbval then starts every notebook's kernel from a kernel spec (``--nbval-kernel-name``, in a
temporary folder on JUPYTER_PATH) whose command has the zygote fork it: a new process, with nothing of
the notebook before it. Unlike the grader's, these kernels are not confined: this Python, the worker's
environment, working folder and HOME, no limits, no Landlock, as ``--nbval-current-env`` runs them;
only BLAS runs on one thread (the zygote must have no threads when it forks). The kernels are ready
and stopped as quickly as the grader's (grading/guard.py's QuickKernel).

The zygote and its kernels are children of the worker, and tests count and end their own children:
the zygote is stopped before a test that is not a notebook cell runs, and started again at the next
notebook. Where it cannot run (not Linux, no fork, it failed to start) the notebooks run in fresh
kernels and the run says so.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from pathlib import Path

import nbval.plugin
import pytest

from .grading.guard import QuickKernel
from .grading.sandbox import KERNEL_ENV, write_spec
from .grading.warm import Zygote, imported_modules, warm_kernels_possible

KERNEL_NAME = "backprop-nbval-warm"


def pytest_addoption(parser: pytest.Parser) -> None:
    """The switch, next to nbval's options."""
    parser.getgroup("nbval").addoption(
        "--nbval-warm",
        action="store_true",
        help="with --nbval-current-env: fork each notebook's kernel from a process per worker that imported "
        "what the notebooks import (Linux; fresh kernels elsewhere)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """In each process that runs notebooks, quick kernels and a WarmKernels that starts the zygote when needed."""
    if not config.getoption("nbval_warm"):
        return
    if not config.getoption("nbval_current_env", False):
        raise pytest.UsageError(
            "--nbval-warm forks kernels of the Python that runs pytest: give it with --nbval-current-env "
            "(not --nbval-kernel-name)."
        )
    if int(config.getoption("numprocesses", None) or 0) and not hasattr(config, "workerinput"):
        return  # the pytest-xdist controller runs no notebook
    nbval.plugin.RunningKernel = QuickKernel
    config.pluginmanager.register(WarmKernels(config), "nbval-warm-kernels")


def pytest_report_header(config: pytest.Config) -> str | None:
    """Say which kernels the notebooks run in (workers that cannot start their zygote say so as a warning)."""
    if not config.getoption("nbval_warm", False):
        return None
    why_not = warm_kernels_possible()
    if why_not:
        return f"nbval: fresh kernels ({why_not})"
    return "nbval: warm kernels, forked from a process per worker that imported what the notebooks import"


def is_notebook_cell(item: pytest.Item) -> bool:
    """Whether ``item`` is a cell of a notebook nbval collected."""
    return isinstance(item, nbval.plugin.IPyNbCell)


class WarmKernels:
    """One process's zygote: started before a notebook's first cell, stopped before any other test."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.folder = Path(tempfile.mkdtemp(prefix="backprop-nbval-warm-"))
        self.spec = self.folder / "kernels" / KERNEL_NAME
        self.jupyter_path = os.environ.get("JUPYTER_PATH")
        self.zygote: Zygote | None = None
        self.why_not = warm_kernels_possible()  # "" while warm kernels can run here
        self.preload: list[str] = []
        config.add_cleanup(self.close)

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Preload every module any collected notebook imports (and what every kernel imports)."""
        notebooks = {item.parent.nodeid: item.parent.nb for item in items if is_notebook_cell(item)}
        modules = [name for nodeid in sorted(notebooks) for name in imported_modules(notebooks[nodeid])]
        self.preload = list(dict.fromkeys(modules))

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        """Before nbval starts a notebook's kernel, have a zygote; before any other test, have none."""
        if is_notebook_cell(item):
            self.start()
        else:
            self.stop()

    def start(self) -> None:
        """Have a running zygote and nbval pointed at the warm kernel spec; else nbval's fresh kernels, said once."""
        if self.zygote is not None and not self.zygote.ended():
            return
        if self.zygote is not None:
            self.zygote = None
            self.fall_back(f"the zygote of worker {os.getpid()} ended")
        if not self.why_not:
            if not self.spec.exists():
                settings = {"confine": False, "preload": self.preload}
                write_spec(self.spec, settings, KERNEL_ENV, True, "backprop course (warm, unconfined)")
            try:
                self.zygote = Zygote(self.spec)
            except (OSError, RuntimeError, ValueError) as error:
                self.fall_back(f"the zygote of worker {os.getpid()} did not start ({error})")
        if self.zygote is None:
            self.config.option.nbval_current_env, self.config.option.nbval_kernel_name = True, None
            return
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(self.folder), self.jupyter_path]))
        self.config.option.nbval_current_env, self.config.option.nbval_kernel_name = False, KERNEL_NAME

    def fall_back(self, why: str) -> None:
        """Run the notebooks in fresh kernels from now on, and say why in the run's warnings."""
        self.why_not = why
        warnings.warn(pytest.PytestWarning(f"--nbval-warm: {why}: notebooks run in fresh kernels"), stacklevel=1)

    def stop(self) -> None:
        """Stop the zygote (its kernels end with it) and take the kernel spec off JUPYTER_PATH."""
        if self.zygote is None:
            return
        self.zygote.stop()
        self.zygote = None
        if self.jupyter_path is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = self.jupyter_path

    def close(self) -> None:
        """At the end of the run: stop the zygote, delete the kernel spec."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
