"""Warm kernels from a pytest worker's side: start its zygote, point the kernels at it, know its processes.

Each worker starts its own zygote (zygote.py), so every forked kernel is a descendant of the
worker, as a fresh kernel is: the worker's process watcher and clean-up (guard.py, processes.py)
see everything a submission starts. The zygote and the kernels it forked are the grader's, not
the submission's: they are left out of the submission's process count, and the zygote outlives
each submission. (``make test`` forks the course's own notebooks' kernels from a Zygote too, one
for all its workers, unconfined: course_tools/warm_nbval.py.)
"""

from __future__ import annotations

import ast
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

from . import launcher, zygote_client
from .processes import children_of, is_zombie

ZYGOTE_SCRIPT = Path(__file__).with_name("zygote.py")
KERNELS_END_SECONDS = 5.0  # how long stop() waits for the forked kernels to be gone (they are killed at once)
# What every kernel imports while it starts (ipykernel's shell, debugger, matplotlib's inline backend
# and its PNG writer) and what every lesson imports; the solution's own imports are added to them.
ALWAYS_PRELOADED = (
    "ipykernel.ipkernel",
    "ipykernel.debugger",
    "IPython.core.debugger",
    "IPython.core.magics",
    "IPython.core.magics.execution",
    "IPython.core.oinspect",
    "IPython.core.completerlib",
    "IPython.extensions.storemagic",
    "psutil",
    "tornado.queues",
    "tornado.platform.asyncio",
    "numpy",
    "numpy.random",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib.backends.backend_agg",
    "matplotlib_inline.backend_inline",
    "PIL.PngImagePlugin",
    "PIL.JpegImagePlugin",
    "PIL.GifImagePlugin",
    "PIL.BmpImagePlugin",
    "PIL.PpmImagePlugin",
    "backprop_lib",
)


SCOPED_ABI = 6  # the Landlock ABI that scopes abstract Unix sockets to their sandbox (Linux 6.12)


def warm_kernels_unscoped(isolate: bool) -> str:
    """Why warm kernels are not the default here ("" when they are): a sandbox must not reach the zygote's socket."""
    abi = launcher.landlock_abi()
    if isolate and abi < SCOPED_ABI:
        return (
            f"this Linux kernel's Landlock (ABI {abi}) cannot keep a submission from connecting to the socket of "
            f"the process that forks the kernels (ABI {SCOPED_ABI}, Linux 6.12 and later, can)"
        )
    return ""


def default_kernels(isolate: bool) -> tuple[str, str]:
    """The kernels to grade in when none is chosen, and why not warm ("" when warm)."""
    why_not = warm_kernels_possible() or warm_kernels_unscoped(isolate)
    return ("fresh" if why_not else "warm"), why_not


def warm_kernels_possible() -> str:
    """Why warm kernels cannot run here ("" when they can): they need fork and Linux's abstract Unix sockets."""
    if not sys.platform.startswith("linux"):
        return "forked kernels need Linux (abstract Unix sockets)"
    if not hasattr(os, "fork") or not hasattr(socket, "SOCK_SEQPACKET"):
        return "this Python cannot fork or has no Unix sequenced-packet sockets"
    return ""


def imported_modules(notebook: dict) -> list[str]:
    """Every module the notebook's code cells import (``import a.b``, ``from a.b import c``), in order."""
    found: list[str] = list(ALWAYS_PRELOADED)
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "\n".join(line for line in cell["source"].splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append(node.module)
    return list(dict.fromkeys(found))


class Zygote:
    """This worker's zygote: started here, named in this process's environment for the kernels it starts."""

    def __init__(self, spec_dir: Path) -> None:
        name = f"backprop-zygote-{os.getpid()}-{secrets.token_hex(8)}"
        kernel_env = json.loads((spec_dir / "kernel.json").read_text(encoding="utf-8"))["env"]
        self.process = subprocess.Popen(
            [sys.executable, str(ZYGOTE_SCRIPT), str(spec_dir), name, str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env={**os.environ, **kernel_env},
        )  # as a kernel's, from its start
        ready = self.process.stdout.readline()
        self.process.stdout.close()
        if ready.strip() != b"listening":
            self.process.wait()
            raise RuntimeError(f"the zygote did not start (exit code {self.process.returncode})")
        self.pid = self.process.pid
        self.name = name  # its socket's, what zygote_client.py finds in ZYGOTE_VARIABLE
        os.environ[zygote_client.ZYGOTE_VARIABLE] = name

    def processes(self) -> set[int]:
        """The zygote and the kernels it forked (its living children)."""
        return {self.pid, *children_of(self.pid)}

    def ended(self) -> bool:
        """Whether the zygote has ended; if so, it is stopped (said on stderr, the run's log): kernels start fresh."""
        if self.process.poll() is None:
            return False
        print(
            f"warm kernels: the zygote of worker {os.getpid()} ended (exit code {self.process.returncode}): "
            f"its kernels start fresh",
            file=sys.stderr,
            flush=True,
        )
        self.stop()
        return True

    def stop(self) -> None:
        """End the zygote, wait for its kernels (they die with it); kernels started from now on start fresh."""
        os.environ.pop(zygote_client.ZYGOTE_VARIABLE, None)
        forked = self.processes() - {self.pid}
        self.process.kill()
        self.process.wait()
        deadline = time.monotonic() + KERNELS_END_SECONDS
        while not all(map(is_zombie, forked)) and time.monotonic() < deadline:  # a zombie or gone: ended
            time.sleep(0.01)
