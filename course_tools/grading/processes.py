"""Find and end every process a submission started, detached or not; count them to bound how many it may run.

The process that starts kernels (a pytest worker) makes itself a child subreaper
(``prctl(PR_SET_CHILD_SUBREAPER)``, Linux 3.4+): a process whose parent ends is then re-parented to
it instead of to init, so a process started with ``start_new_session=True`` or by a double fork
stays its descendant, and walking ``/proc`` finds it. ``RLIMIT_NPROC`` does not bound a process
count for root, and a cgroup needs delegation; counting descendants works for any user.
Standard library only.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import time
from collections.abc import Callable

PR_SET_CHILD_SUBREAPER = 36
END_ROUNDS, ROUND_PAUSE = 200, 0.01


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says, else every core)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def become_subreaper() -> bool:
    """Adopt this process's orphaned descendants (Linux); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def state_and_parent(pid: int) -> tuple[bytes, int] | None:
    """A process's state letter (b"Z": a zombie) and its parent's pid, from /proc/PID/stat; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return None
    state, parent = stat[stat.rindex(b")") + 2 :].split()[:2]  # after "(name)", which may hold spaces
    return state, int(parent)


def process_table() -> dict[int, tuple[bytes, int]]:
    """Every process's state letter and parent, by pid, read from all of /proc (one that ends meanwhile is left out)."""
    table = {}
    for entry in os.scandir("/proc"):
        found = state_and_parent(int(entry.name)) if entry.name.isdigit() else None
        if found is not None:
            table[int(entry.name)] = found
    return table


def living_parents() -> dict[int, int]:
    """Every living (not zombie) process's parent, by pid, read from /proc."""
    return {pid: parent for pid, (state, parent) in process_table().items() if state != b"Z"}


def children_of(pid: int) -> list[int]:
    """The living children of a process: those of each of its threads (/proc/PID/task/TID/children)."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found  # ended while we looked
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                found += [int(child) for child in handle.read().split()]
        except OSError:
            continue
    return [child for child in found if not is_zombie(child)]


def is_zombie(pid: int) -> bool:
    """Whether a process has ended and waits to be reaped (or is gone already)."""
    found = state_and_parent(pid)
    return found is None or found[0] == b"Z"


# Linux lists a thread's children in /proc (CONFIG_PROC_CHILDREN, on in every common kernel): walking down from a
# process then reads its descendants only. Without it every process of the machine is read, each time.
WALKS_DOWN = os.path.exists(f"/proc/self/task/{os.getpid()}/children")


def children_table() -> Callable[[int], list[int]]:
    """The children of every process, read from all of /proc at once: a function of the parent's pid."""
    table: dict[int, list[int]] = {}
    for child, parent in living_parents().items():
        table.setdefault(parent, []).append(child)
    return lambda parent: table.get(parent, [])


def descendants(pid: int, spare: set[int] = frozenset(), passing: set[int] = frozenset()) -> list[int]:
    """The living descendants of ``pid`` (children, their children, …), leaving out ``spare`` and theirs.

    ``passing``: left out themselves, but their descendants are listed (a zygote's forked kernels' processes).
    """
    children = children_of if WALKS_DOWN else children_table()
    found, pending = [], [child for child in children(pid) if child not in spare]
    while pending:
        child = pending.pop()
        if child not in passing:
            found.append(child)
        pending.extend(grandchild for grandchild in children(child) if grandchild not in spare)
    return found


def reap(keep: set[int]) -> None:
    """Collect the exit status of this process's ended children, except those in ``keep`` (waited on elsewhere)."""
    for pid, found in process_table().items():
        if found == (b"Z", os.getpid()) and pid not in keep:
            with contextlib.suppress(ChildProcessError):  # reaped meanwhile
                os.waitpid(pid, os.WNOHANG)


def end_descendants(
    keep: set[int] = frozenset(), spare: set[int] = frozenset(), passing: set[int] = frozenset()
) -> None:
    """Kill every descendant of this process (but ``spare`` and theirs) until none is left, a fork bomb too.

    ``keep``: children whose exit status someone else waits for (not reaped here); ``passing``: left
    alive, their descendants killed (see descendants).
    """
    for _ in range(END_ROUNDS):
        alive = descendants(os.getpid(), set(spare), set(passing))
        if not alive:
            break
        for pid in alive:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        reap(set(keep))
        time.sleep(ROUND_PAUSE)
    reap(set(keep))
