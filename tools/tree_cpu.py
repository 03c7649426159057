"""CPU seconds of this process and all its descendants, by kind (kernels, browser, JupyterLab, ...), read from /proc.

``resource.getrusage(RUSAGE_CHILDREN)`` counts only children that were waited for: Chromium's renderers
are never waited for by our processes, so it misses most of a browser test's CPU. This samples
/proc every ``interval`` seconds and keeps each descendant's last utime + stime (a process that ends
between two samples loses at most one interval). Linux only; elsewhere it reports nothing.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from pathlib import Path

PROC = Path("/proc")
KINDS = (  # the first marker found in a process's command line names its kind
    ("ipykernel", "kernels"),
    ("--type=renderer", "browser pages"),
    ("chromium", "browser (other)"),
    ("playwright", "playwright"),
    ("jupyter", "JupyterLab server"),
)
OWN = "test runner"  # the kind of the root process itself


def kind_of(command: str) -> str:
    """What a process is, from its command line."""
    return next((kind for marker, kind in KINDS if marker in command), "other")


def _processes() -> dict[int, tuple[int, float, str]]:
    """Every process on the machine: pid -> (parent pid, CPU seconds so far, command line)."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # ended while we looked
            continue
        found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick, command)
    return found


class TreeCpu:
    """This process's tree: use as ``with TreeCpu() as meter: ...``; then ``meter.by_kind()`` and ``meter.total()``."""

    def __init__(self, interval: float = 0.5) -> None:
        self.root = os.getpid()
        self.interval = interval
        self.seen: dict[int, tuple[str, float]] = {}  # pid -> (kind, CPU seconds at the last sample)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        """Record the CPU seconds of every living descendant of the root (and of the root)."""
        processes = _processes()
        for pid, (_, cpu, command) in processes.items():
            ancestor, hops = pid, 0
            while ancestor not in (self.root, 0, 1) and ancestor in processes and hops < 30:
                ancestor, hops = processes[ancestor][0], hops + 1
            if ancestor == self.root:
                # An ending (zombie) process shows an empty command line: it keeps the kind it had.
                kind = OWN if pid == self.root else kind_of(command) if command.strip() else self.kind_seen(pid)
                self.seen[pid] = (kind, cpu)

    def kind_seen(self, pid: int) -> str:
        """The kind a process had at an earlier sample ("other" if it was never seen)."""
        return self.seen[pid][0] if pid in self.seen else "other"

    def _run(self) -> None:
        """The sampling thread: a sample every ``interval`` seconds until the ``with`` block ends."""
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> TreeCpu:
        """Take the first sample (the baseline) and start sampling, where /proc exists."""
        if PROC.is_dir():
            self.sample()
            self.start = dict(self.seen)
            self._thread.start()
        return self

    def __exit__(self, *exception) -> None:
        """Stop sampling and take the last sample."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
            self.sample()

    def by_kind(self) -> Counter:
        """CPU seconds used inside the ``with`` block, summed per kind of process."""
        used = Counter()
        for pid, (kind, cpu) in self.seen.items():
            used[kind] += cpu - self.start.get(pid, (kind, 0.0))[1]
        return used

    def total(self) -> float:
        """CPU seconds used inside the ``with`` block by the root and all its descendants."""
        return sum(self.by_kind().values())


if __name__ == "__main__":  # a quick look: the CPU of a few seconds of this process spinning
    with TreeCpu(interval=0.1) as meter:
        end = time.monotonic() + 1
        while time.monotonic() < end:
            pass
    print(dict(meter.by_kind()))
