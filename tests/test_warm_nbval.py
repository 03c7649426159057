"""``--nbval-warm`` (course_tools/warm_nbval.py): nbval's kernels forked from a warmed process, one per notebook.

The tests read three pytest runs (one fixture) on small notebooks written here (``--nbval-lax``: a cell
fails when it raises); the notebooks' own asserts check what their kernel sees. That the course's
notebooks reproduce their stored outputs in these kernels is checked by ``make test`` itself, which
runs them all with it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

PARENT = "open(f'/proc/{os.getppid()}/cmdline').read()"  # the kernel's parent process's command line
LEAVES_STATE = (
    "import importlib, os\n"
    "import matplotlib\n"
    "import numpy as np\n"
    "import backprop_lib\n"
    f"assert 'zygote.py' in {PARENT}, 'this kernel was not forked by a zygote'\n"
    "importlib.import_module('left_behind')  # a module no notebook imports: not preloaded\n"
    "backprop_lib.LEFT_BEHIND = 1\n"
    "np.random.seed(7)\n"
    "matplotlib.rcParams['lines.linewidth'] = 9\n"
    "os.environ['LEFT_BEHIND'] = '1'\n"
    "with open('first.txt', 'w') as handle:\n"
    "    handle.write(f'{os.getpid()} {os.getppid()}')\n"
)
PRELOADED = "import os, sys\nimported_before_its_import = set(sys.modules)\n"
FINDS_NOTHING = (
    "import wave  # imported by no kernel, only by this notebook: preloaded by the zygote\n"
    "import matplotlib\n"
    "import numpy as np\n"
    "import backprop_lib\n"
    "first_pid, zygote_pid = map(int, open('first.txt').read().split())\n"
    "assert os.getppid() == zygote_pid, 'not forked by the zygote that forked the first notebook'\n"
    "assert os.getpid() != first_pid\n"
    "assert 'wave' in imported_before_its_import, \"the notebook's imports were not preloaded\"\n"
    "assert 'left_behind' not in sys.modules\n"
    "assert not hasattr(backprop_lib, 'LEFT_BEHIND')\n"
    "assert np.random.rand() != np.random.RandomState(7).rand()\n"
    "assert matplotlib.rcParams['lines.linewidth'] != 9\n"
    "assert 'LEFT_BEHIND' not in os.environ\n"
)
# What a cell's output can depend on besides its code: matplotlib's settings and drawing (fonts,
# mathematics, Korean text, the inline backend's PNG), numpy's printing and error handling,
# warning filters (a warning on stderr is an output). Written to a file named by the run. The filters
# are compared as a set, and in order only those for a whole category: a forked kernel imported numpy
# before ipykernel added its filter for a Trio message, so that filter and numpy's three for
# particular messages (no warning matches two of them) stand in another order.
KERNEL_STATE = (
    "import hashlib, io, os, sys, warnings\n"
    "import matplotlib\n"
    "import matplotlib.pyplot as plt\n"
    "import numpy as np\n"
    "from IPython import get_ipython\n"
    "figure, axes = plt.subplots()\n"
    "axes.plot(np.linspace(0, 1, 50), np.sin(np.linspace(0, 6, 50)), label=r'$\\sigma(x)$')\n"
    "axes.set(title='손실 곡선 (loss)', xlabel='epoch')\n"
    "axes.legend()\n"
    "png = io.BytesIO()\n"
    "figure.savefig(png, format='png')\n"
    "inline_png = str(get_ipython().display_formatter.formatters['image/png'](figure)).encode()\n"
    "state = [hashlib.sha256(png.getvalue()).hexdigest(), hashlib.sha256(inline_png).hexdigest(),\n"
    "         matplotlib.get_backend(), sorted((key, str(value)) for key, value in matplotlib.rcParams.items()),\n"
    "         np.get_printoptions(), np.geterr(), sorted(str(entry) for entry in warnings.filters),\n"
    "         [str(entry) for entry in warnings.filters if entry[1] is None], sys.flags,\n"
    "         sys.getrecursionlimit()]  # the working folder: see unconfined()\n"
    "with open(os.environ['STATE_FILE'], 'w') as handle:\n"
    "    handle.write(repr(state))\n"
)
NO_ZYGOTE_LEFT = (
    "import os\n\nfrom course_tools.grading.processes import descendants\n\n\n"
    "def test_no_zygote_or_kernel_is_left_while_other_tests_run():\n"
    "    assert descendants(os.getpid()) == []\n"
)
NO_ZYGOTE = (
    "import course_tools.warm_nbval\n\n\n"
    "class NoZygote:\n"
    "    def __init__(self, spec):\n"
    "        raise RuntimeError('this test has none')\n\n\n"
    "course_tools.warm_nbval.Zygote = NoZygote\n"
)


def write_notebook(path: Path, *sources: str) -> None:
    nbformat.write(new_notebook(cells=[new_code_cell(source) for source in sources]), path)


def run_pytest(folder: Path, *args: str, xdist: str = "-p no:xdist", **env_vars: str) -> subprocess.CompletedProcess:
    """pytest in ``folder`` with the plugin (and without xdist unless ``xdist`` says how many workers)."""
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    env = {name: value for name, value in os.environ.items() if not name.startswith(("PYTEST_", "BACKPROP_"))}
    env.update(env_vars)
    command = [sys.executable, "-m", "pytest", "-p", "course_tools", "-p", "course_tools.warm_nbval", *xdist.split()]
    return subprocess.run(
        [*command, "-p", "no:cacheprovider", "-q", "-rA", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def unconfined(folder: Path) -> str:
    """A cell asserting that its kernel has the folder, HOME and memory limit of a fresh --nbval-current-env one."""
    return (
        "import os, resource\n"
        f"assert os.getcwd() == {str(folder)!r} and os.environ.get('HOME') == {os.environ.get('HOME')!r}\n"
        f"assert resource.getrlimit(resource.RLIMIT_AS) == {resource.getrlimit(resource.RLIMIT_AS)!r}\n"
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess, Path]]:
    """Three pytest runs, each a fresh process: warm without xdist (pytest owns the zygote), warm with one xdist
    worker (the controller owns it; one worker, so the notebooks run in order), and one where no zygote starts."""
    found = {}
    for name, xdist in (("warm", "-p no:xdist"), ("warm-xdist", "-n 1"), ("no-zygote", "-p no:xdist")):
        folder = tmp_path_factory.mktemp(name)
        if name == "no-zygote":
            (folder / "conftest.py").write_text(NO_ZYGOTE, encoding="utf-8")
            write_notebook(folder / "fresh.ipynb", f"import os\nassert 'zygote' not in {PARENT}")
            notebooks = ["fresh.ipynb", "state.ipynb"]
        else:
            (folder / "left_behind.py").write_text("", encoding="utf-8")
            write_notebook(folder / "a_leaves.ipynb", LEAVES_STATE, unconfined(folder))
            write_notebook(folder / "b_finds.ipynb", PRELOADED, FINDS_NOTHING)
            (folder / "test_after.py").write_text(NO_ZYGOTE_LEFT, encoding="utf-8")
            notebooks = [
                "a_leaves.ipynb",
                "b_finds.ipynb",
                *(["state.ipynb"] if name == "warm" else []),
                "test_after.py",
            ]
        if "state.ipynb" in notebooks:
            write_notebook(folder / "state.ipynb", KERNEL_STATE)
        args = ("--nbval-lax", "--nbval-current-env", "--nbval-warm", *notebooks)
        found[name] = run_pytest(folder, *args, xdist=xdist, STATE_FILE=str(folder / "state")), folder
    return found


@pytest.mark.parametrize("run", ["warm", "warm-xdist"])
def test_each_notebook_gets_its_own_process_forked_after_the_imports_and_finds_nothing_of_the_one_before(runs, run):
    result, _ = runs[run]
    assert result.returncode == 0, result.stdout + result.stderr
    passed = 5 if run == "warm-xdist" else 6  # the cells of a_leaves (2) and b_finds (2), state's (1), test_after
    assert f"{passed} passed" in result.stdout and "every notebook's kernel was forked after" in result.stdout


def test_a_warm_kernel_draws_and_prints_as_a_fresh_one(runs):
    (warm, warm_folder), (fresh, fresh_folder) = runs["warm"], runs["no-zygote"]
    assert warm.returncode == 0 and fresh.returncode == 0, warm.stdout + fresh.stdout
    assert (warm_folder / "state").read_text() == (fresh_folder / "state").read_text()


def test_where_no_zygote_starts_the_notebooks_run_in_fresh_kernels_and_the_run_says_so(runs):
    result, _ = runs["no-zygote"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
    assert "notebooks ran in fresh kernels: the zygote did not start (this test has none)" in result.stdout


def test_warm_kernels_are_kernels_of_this_python_only(tmp_path):
    write_notebook(tmp_path / "any.ipynb", "1")
    run = run_pytest(tmp_path, "--nbval-lax", "--nbval-kernel-name", "python3", "--nbval-warm", "any.ipynb")
    assert run.returncode == 4  # pytest's usage error
    assert "--nbval-warm forks kernels of the Python that runs pytest: give it with --nbval-current-env" in run.stderr
