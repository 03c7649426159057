"""``--nbval-warm``: nbval runs the course's notebooks in kernels forked after the imports, not started from scratch.

    pytest -p course_tools.warm_nbval -n auto --nbval --nbval-current-env --nbval-warm ...      (make test)

A fresh kernel spends about 1-2 s starting Python, ipykernel, numpy, matplotlib and backprop_lib
before a notebook's first cell runs, and ``make test`` runs 24 notebooks. With ``--nbval-warm`` the
run starts the grader's zygote (grading/warm.py, zygote.py) once the notebooks are collected: it
imports once what they import. nbval then starts each notebook's kernel from a kernel spec
(``--nbval-kernel-name``, in a temporary folder put on JUPYTER_PATH while notebooks run) whose
command has the zygote fork it: a new process, with nothing of the notebook before it. Unlike the
grader's, these kernels are not confined: this Python, the environment, working folder and HOME of
a ``--nbval-current-env`` kernel, no limits, no Landlock; only BLAS runs on one thread (the zygote
must have no threads when it forks). They are ready and stopped as quickly as the grader's
(grading/guard.py's QuickKernel).

With pytest-xdist the controller starts one zygote for all workers: it is no worker's descendant,
so no test that counts or ends a worker's processes meets it. Without xdist the zygote is pytest's
child: it is started before a notebook's first cell and stopped before any other test. Where it
cannot run (not Linux, no fork, it did not start) the notebooks run in nbval's fresh kernels, and
the run's summary says why.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import nbval.plugin
import pytest

from .grading.guard import QuickKernel
from .grading.sandbox import KERNEL_ENV, write_spec
from .grading.warm import Zygote, imported_modules, warm_kernels_possible
from .grading.zygote_client import ZYGOTE_VARIABLE
from .lessons import read

KERNEL_NAME = "backprop-nbval-warm"
DISPLAY_NAME = "backprop course (warm, unconfined)"
FOLDER_KEY = "nbval_warm_folder"  # the controller's kernel spec folder, in each xdist worker's workerinput


def pytest_addoption(parser: pytest.Parser) -> None:
    """The switch, next to nbval's options."""
    parser.getgroup("nbval").addoption(
        "--nbval-warm",
        action="store_true",
        help="with --nbval-current-env: fork each notebook's kernel from a process that imported what the "
        "notebooks import (Linux; fresh kernels elsewhere)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """The controller (with xdist) owns the zygote, a worker uses it; without xdist pytest does both."""
    if not config.getoption("nbval_warm"):
        return
    if not config.getoption("nbval_current_env", False):
        raise pytest.UsageError(
            "--nbval-warm forks kernels of the Python that runs pytest: give it with --nbval-current-env "
            "(not --nbval-kernel-name)."
        )
    if hasattr(config, "workerinput"):
        config.pluginmanager.register(NotebookKernels(config, Path(config.workerinput[FOLDER_KEY])), "nbval-warm")
        return
    owner = WarmZygote()
    config.add_cleanup(owner.close)
    if int(config.getoption("numprocesses", None) or 0):
        config.pluginmanager.register(SharedZygote(config, owner), "nbval-warm")
    else:
        config.pluginmanager.register(NotebookKernels(config, owner.folder, owner), "nbval-warm")


def set_jupyter_path(value: str | None) -> None:
    """Set or unset JUPYTER_PATH, where nbval's kernel spec manager looks for the spec."""
    if value is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = value


def is_notebook_cell(item: pytest.Item) -> bool:
    """Whether ``item`` is a cell of a notebook nbval collected."""
    return isinstance(item, nbval.plugin.IPyNbCell)


class WarmZygote:
    """The zygote and the kernel spec that has it fork each kernel (absent while there is no zygote)."""

    def __init__(self, kernel_name: str = KERNEL_NAME) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="backprop-nbval-warm-"))  # to put on JUPYTER_PATH
        self.spec = self.folder / "kernels" / kernel_name
        self.zygote: Zygote | None = None
        self.why_not = warm_kernels_possible()  # "" while warm kernels can run here
        self.preloaded = 0  # modules, once it started

    def start(self, notebooks: list[dict]) -> None:
        """Start the zygote, preloading what ``notebooks`` import, and write the spec; or keep ``why_not``."""
        if self.zygote is not None and not self.zygote.ended():  # ended() says so on stderr
            return
        if self.zygote is not None:
            self.stop()
            self.why_not = "the zygote ended during the run"
        if self.why_not:
            return
        preload = list(dict.fromkeys(name for notebook in notebooks for name in imported_modules(notebook)))
        settings = {"confine": False, "preload": preload}
        write_spec(self.spec, settings, KERNEL_ENV, True, DISPLAY_NAME)
        try:
            self.zygote = Zygote(self.spec)
        except (OSError, RuntimeError, ValueError) as error:
            self.why_not = f"the zygote did not start ({error})"
            shutil.rmtree(self.spec, ignore_errors=True)
            return
        self.preloaded = len(preload)
        # The zygote's name in the spec, not only in this process's environment: xdist workers started before it.
        write_spec(self.spec, settings, {**KERNEL_ENV, ZYGOTE_VARIABLE: self.zygote.name}, True, DISPLAY_NAME)

    def stop(self) -> None:
        """Stop the zygote (its kernels end with it) and remove the spec: kernels start fresh until the next start."""
        shutil.rmtree(self.spec, ignore_errors=True)
        if self.zygote is not None:
            self.zygote.stop()
            self.zygote = None

    def close(self) -> None:
        """At the end of the run: stop the zygote, delete the folder."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def summary(self) -> str:
        """One line for the end of the run: which kernels the notebooks ran in."""
        if self.zygote is not None and self.zygote.ended():
            self.why_not = "the zygote ended during the run"
        if self.why_not:
            return f"nbval --nbval-warm: notebooks ran in fresh kernels: {self.why_not}"
        if not self.preloaded:
            return "nbval --nbval-warm: no notebook ran"
        return f"nbval --nbval-warm: every notebook's kernel was forked after {self.preloaded} imports"


class SharedZygote:
    """The xdist controller: one zygote for every worker, started once they have collected the notebooks."""

    def __init__(self, config: pytest.Config, owner: WarmZygote) -> None:
        self.rootpath = config.rootpath
        self.owner = owner

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node) -> None:
        """Tell each worker where the kernel spec is (there while the zygote runs)."""
        node.workerinput[FOLDER_KEY] = str(self.owner.folder)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids: list[str]) -> None:
        """After the first worker's collection (every worker collects the same), before any test runs: start it."""
        if self.owner.zygote is not None or self.owner.why_not:
            return
        paths = dict.fromkeys(nodeid.split("::", 1)[0] for nodeid in ids if ".ipynb::" in nodeid)
        if paths:
            self.owner.start([read(self.rootpath / path) for path in paths])

    def pytest_terminal_summary(self, terminalreporter) -> None:
        """Say which kernels the notebooks ran in."""
        terminalreporter.write_line(self.owner.summary())


class NotebookKernels:
    """Where notebooks run: before each, point nbval at the warm spec while it is there, else at its fresh kernels.

    ``owner``: this process's own zygote (no xdist), started before a notebook and stopped before any other
    test, as the zygote is then this process's child.
    """

    def __init__(self, config: pytest.Config, folder: Path, owner: WarmZygote | None = None) -> None:
        self.config = config
        self.folder = folder
        self.owner = owner
        self.notebooks: list[dict] = []
        self.jupyter_path = os.environ.get("JUPYTER_PATH")
        nbval.plugin.RunningKernel = QuickKernel  # warm or fresh, ready and stopped with less waiting

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Keep the collected notebooks, for the owner's preload."""
        self.notebooks = list({id(item.parent): item.parent.nb for item in items if is_notebook_cell(item)}.values())

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        """Before nbval starts a notebook's kernel, choose the kernel; before any other test, no zygote of ours."""
        if not is_notebook_cell(item):
            if self.owner is not None:
                self.owner.stop()
            set_jupyter_path(self.jupyter_path)
            return
        if self.owner is not None:
            self.owner.start(self.notebooks)
        warm = (self.folder / "kernels" / KERNEL_NAME / "kernel.json").exists()
        with_spec = os.pathsep.join(filter(None, [str(self.folder), self.jupyter_path]))
        set_jupyter_path(with_spec if warm else self.jupyter_path)
        self.config.option.nbval_current_env = not warm
        self.config.option.nbval_kernel_name = KERNEL_NAME if warm else None

    def pytest_terminal_summary(self, terminalreporter) -> None:
        """Without xdist: say which kernels the notebooks ran in."""
        if self.owner is not None and self.notebooks:
            terminalreporter.write_line(self.owner.summary())
