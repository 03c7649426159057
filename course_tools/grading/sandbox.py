"""The kernel spec the grader runs submissions in: ipykernel wrapped by launcher.py with the run's limits.

It lives in the run's temporary folder (found through JUPYTER_PATH), so nothing is installed.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import backprop_lib
from backprop_lib.exercises import HIDDEN_SEED_VARIABLE

from . import launcher

KERNEL_NAME = "backprop-grading"
STUDENT_LIBRARY = Path(backprop_lib.__file__).resolve().parent  # what a kernel may read besides Python
KERNEL_ENV = {
    "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",  # one core per kernel
    "MALLOC_ARENA_MAX": "2",                        # fewer per-thread heaps count against the memory limit
    "PYTHONDONTWRITEBYTECODE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


@dataclass
class Limits:
    """What one submission may use: seconds per cell and in all, memory, output per cell, file size, processes."""

    cell_timeout: float = 60.0
    submission_timeout: float = 600.0
    memory_mb: int = 2048
    max_output_kb: int = 1024
    file_size_mb: int = 64
    startup_timeout: float = 60.0
    max_processes: int = 32         # processes a kernel may have running besides itself


def isolation_available() -> bool:
    """Whether kernels can sandbox themselves with Landlock here (tried once in a throwaway process)."""
    if launcher.landlock_abi() == 0:
        return False
    probe = subprocess.run([sys.executable, launcher.__file__, "--probe"], capture_output=True, check=False)
    return probe.returncode == 0


def matplotlib_cache() -> Path:
    """Where matplotlib keeps its font cache for this user (as matplotlib itself finds it)."""
    if os.environ.get("MPLCONFIGDIR"):
        return Path(os.environ["MPLCONFIGDIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "matplotlib"


def prepare_matplotlib(folder: Path) -> Path:
    """A read-only matplotlib folder for the kernels, with a font cache so no kernel rebuilds it."""
    folder.mkdir(parents=True, exist_ok=True)
    for cache in matplotlib_cache().glob("fontlist-*.json"):
        shutil.copy(cache, folder)
    if not any(folder.glob("fontlist-*.json")):
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], check=False, capture_output=True,
                       env={**os.environ, "MPLCONFIGDIR": str(folder)})
    return folder


def write_kernel_spec(folder: Path, limits: Limits, isolate: bool, protected: list[Path], seed: int = 0) -> Path:
    """Write the grading kernel spec under ``folder`` (to be put on JUPYTER_PATH) and return ``folder``.

    ``seed``: the hidden checks' inputs are drawn from it (backprop_lib.exercises.hidden_seed).
    """
    spec = folder / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    matplotlib_dir = prepare_matplotlib(folder / "matplotlib")
    settings = {"memory_mb": limits.memory_mb, "file_size_mb": limits.file_size_mb, "isolate": isolate,
                "read_only": [str(STUDENT_LIBRARY), str(matplotlib_dir)],
                "protected": [str(path) for path in protected]}
    (spec / "sandbox.json").write_text(json.dumps(settings, indent=1), encoding="utf-8")
    kernel = {"argv": [sys.executable, launcher.__file__, str(spec / "sandbox.json"), "-f", "{connection_file}",
                       "--HistoryManager.enabled=False"],
              "display_name": "backprop grading (limited)", "language": "python",
              "env": {**KERNEL_ENV, "MPLCONFIGDIR": str(matplotlib_dir), HIDDEN_SEED_VARIABLE: str(seed)}}
    (spec / "kernel.json").write_text(json.dumps(kernel, indent=1), encoding="utf-8")
    return folder
