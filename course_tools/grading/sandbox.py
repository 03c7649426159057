"""The kernel spec the grader runs submissions in: ipykernel wrapped by launcher.py with the run's limits.

For warm kernels its command is zygote_client.py instead, which has the worker's zygote fork the
kernel and confine it with the same settings (or runs launcher.py when there is no zygote).

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
from backprop_lib.exercises import HIDDEN_SEED_VARIABLE, TEXT_FIGURES

from . import launcher, zygote_client

KERNEL_NAME = "backprop-grading"
STUDENT_LIBRARY = Path(backprop_lib.__file__).resolve().parent  # what a kernel may read besides Python
KERNEL_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",  # one core per kernel
    "MALLOC_ARENA_MAX": "2",  # fewer per-thread heaps count against the memory limit
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
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
    max_processes: int = 32  # processes a kernel may have running besides itself


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
        subprocess.run(
            [sys.executable, "-c", "import matplotlib.font_manager"],
            check=False,
            capture_output=True,
            env={**os.environ, "MPLCONFIGDIR": str(folder)},
        )
    return folder


def spec_folder(folder: Path) -> Path:
    """Where write_kernel_spec puts the grading kernel's spec under ``folder``."""
    return folder / "kernels" / KERNEL_NAME


def write_kernel_spec(
    folder: Path,
    limits: Limits,
    isolate: bool,
    protected: list[Path],
    seed: int = 0,
    warm: bool = False,
    preload: list[str] = (),
) -> Path:
    """Write the grading kernel spec under ``folder`` (to be put on JUPYTER_PATH) and return ``folder``.

    ``seed``: the hidden checks' inputs are drawn from it (backprop_lib.exercises.hidden_seed).
    ``warm``: kernels are forked from a zygote that imported ``preload`` once (warm.py).
    """
    matplotlib_dir = prepare_matplotlib(folder / "matplotlib")
    settings = {
        "memory_mb": limits.memory_mb,
        "file_size_mb": limits.file_size_mb,
        "isolate": isolate,
        "read_only": [str(STUDENT_LIBRARY), str(matplotlib_dir)],
        "protected": [str(path) for path in protected],
        "preload": list(preload),
    }
    env = {**KERNEL_ENV, **TEXT_FIGURES, "MPLCONFIGDIR": str(matplotlib_dir), HIDDEN_SEED_VARIABLE: str(seed)}
    write_spec(spec_folder(folder), settings, env, warm, "backprop grading (limited)")
    return folder


def write_spec(spec: Path, settings: dict, env: dict[str, str], warm: bool, display_name: str) -> Path:
    """Write a kernel spec into the folder ``spec``: launcher.py's ``settings`` and a kernel.json that runs it.

    Its command is launcher.py, or with ``warm`` zygote_client.py (which falls back to launcher.py);
    ``env`` is added to the environment of the kernel and of the zygote that forks it.
    """
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "sandbox.json").write_text(json.dumps(settings, indent=1), encoding="utf-8")
    # The warm kernel's stand-in needs only the standard library: -I -S start it without site-packages (~25 ms less).
    command = ["-I", "-S", zygote_client.__file__] if warm else [launcher.__file__]
    kernel = {
        "argv": [
            sys.executable,
            *command,
            str(spec / "sandbox.json"),
            "-f",
            "{connection_file}",
            "--HistoryManager.enabled=False",
        ],
        "display_name": display_name,
        "language": "python",
        "env": env,
    }
    (spec / "kernel.json").write_text(json.dumps(kernel, indent=1), encoding="utf-8")
    return spec
