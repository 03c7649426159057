"""nbval's kernel, guarded for untrusted code: a dead kernel is noticed at once, a submission stops at its
deadline, a cell's output is capped, and no process it started outlives it or outnumbers the limit.

nbval waits for a kernel's reply with one blocking call as long as the cell time limit, so a kernel
killed by ``os._exit`` is only noticed when that limit runs out, and a cell that ignores interrupts
while printing keeps nbval reading forever. This subclass waits in short slices instead and checks
between them that the kernel is alive and the submission's deadline has not passed. A watcher thread
counts the processes the kernel started (processes.py: this worker is their subreaper, so detached
ones count too) and kills them all, kernel included, when there are more than ``max_processes``;
when the kernel stops, every process it left behind is killed. With warm kernels (warm.py) the
worker's zygote and the kernels it forked belong to the grader: they are not counted, and the zygote
is not killed.

Its base, QuickKernel (which ``make test`` runs the course's notebooks in, warm_nbval.py), starts and
stops the kernel with less waiting than nbval and jupyter_client do, which matters when a kernel lives
two seconds: it is ready once it has answered a ``kernel_info`` request and a message has come through
IOPub (jupyter_client's ``wait_for_ready`` then always idles 0.2 s flushing IOPub), and it is stopped
by killing its process group and waiting for that process (jupyter_client polls for its end every 0.1 s).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from queue import Empty

import zmq
from jupyter_client.manager import KernelManager
from nbval.kernel import NbvalKernelspecManager, RunningKernel

from .processes import descendants, end_descendants
from .warm import Zygote

POLL_SECONDS = 0.2
WATCH_SECONDS = 0.1
READY_SLICE_SECONDS = 0.1  # wait this long for IOPub before asking the kernel for its info again
RECONNECT_MS = 10  # a client retries connecting to a kernel that has not bound its ports yet (ZeroMQ: 100 ms)
KILL_WAIT_SECONDS = 5.0  # as jupyter_client waits for a killed kernel
DISPLAY_MESSAGES = ("display_data", "execute_result", "update_display_data")


class KernelDied(RuntimeError):
    """The kernel process ended while a cell was running."""


class SubmissionTimedOut(RuntimeError):
    """The whole submission ran longer than its time limit; its kernel was killed."""


class TooManyProcesses(KernelDied):
    """The kernel had more processes running than allowed; they and the kernel were killed."""


def exit_description(code: int | None) -> str:
    """How a process ended, in words."""
    if code is None:
        return "the kernel process ended"
    if code < 0:
        try:
            return f"the kernel process was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"the kernel process was killed by signal {-code}"
    return f"the kernel process exited with code {code}"


class QuickKernel(RunningKernel):
    """An nbval kernel ready and stopped with less waiting than nbval's (see above), its messages taken without
    nbval's debug copy of each; nothing else differs.

    The course's own notebooks run in it under ``make test`` (course_tools/warm_nbval.py).
    """

    def __init__(self, kernel_name: str, cwd: str | None = None, startup_timeout: float = 60) -> None:
        try:
            self.km = KernelManager(kernel_name=kernel_name, kernel_spec_manager=NbvalKernelspecManager())
            self.km.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)
            self.km.start_kernel(stderr=subprocess.DEVNULL, cwd=cwd)
            self.kc = self.km.client()
            self.kc.start_channels()
            self.wait_ready(startup_timeout)
        except BaseException:
            self.stop()
            raise

    def wait_ready(self, timeout: float) -> None:
        """Return once the kernel answered on the shell channel and IOPub delivers; RuntimeError after ``timeout``.

        nbval compares only messages that answer a cell's request, so what else IOPub holds (the
        welcome, the status of these requests) needs no flushing.
        """
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            request = self.kc.kernel_info()
            try:
                self.await_reply(request, timeout=max(end - time.monotonic(), 0))
                self.get_message("iopub", timeout=READY_SLICE_SECONDS)
            except Empty:
                continue
            return
        raise RuntimeError(f"the kernel did not answer within {timeout:g} s")

    def get_message(self, stream: str, timeout: float | None = None) -> dict:
        """The next message on a channel, as nbval's get_message gets it, without its pretty-printed debug copy of
        every message (pformat runs whether or not the debug log is on: a fifth of a grading worker's CPU)."""
        if stream == "iopub":
            return self.kc.get_iopub_msg(timeout=timeout)
        if stream == "shell":
            return self.kc.get_shell_msg(timeout=timeout)
        raise ValueError(f"no channel {stream!r}")

    def kernel_process(self) -> subprocess.Popen | None:
        """The kernel's Popen object (None before it started or after it was stopped)."""
        return getattr(getattr(getattr(self, "km", None), "provisioner", None), "process", None)

    def stop(self) -> None:
        """Stop the kernel and its channels (kill its process group, wait for it); safe twice or after it died."""
        if not hasattr(self, "km"):
            return
        try:
            if hasattr(self, "kc"):
                self.kc.stop_channels()
            process = self.kernel_process()
            if process is not None and process.poll() is None:
                self.km.signal_kernel(signal.SIGKILL)  # its process group
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(KILL_WAIT_SECONDS)
            self.km.shutdown_kernel(now=True)  # finds it ended: closes its sockets, deletes its connection file
        finally:
            if hasattr(self, "km"):
                del self.km


def utf8_size(text: str) -> int:
    """The bytes ``text`` takes in UTF-8, what the output limit counts (a Hangul syllable is 3, not 1)."""
    return len(text.encode("utf-8", "replace"))


class GuardedKernel(QuickKernel):
    """An nbval kernel that checks liveness and a deadline while it waits, and caps each cell's output."""

    submission_timeout: float = 600.0  # set by the grading plugin from its options
    max_output_bytes: int = 1 << 20
    max_processes: int = 32
    zygote: Zygote | None = None  # this worker's, when kernels are forked from it

    def __init__(self, kernel_name: str, cwd: str | None = None, startup_timeout: float = 60) -> None:
        self.deadline = time.monotonic() + self.submission_timeout
        self.processes_when_stopped = 0  # more than max_processes: the kernel was stopped for them
        self.start_cell(None)
        self.stopped = threading.Event()  # set by stop(): the process watcher ends
        if self.zygote is not None and self.zygote.ended():
            GuardedKernel.zygote = None
        try:
            super().__init__(kernel_name, cwd, startup_timeout)
        except BaseException:
            end_descendants(passing=self.grader_processes())
            raise
        threading.Thread(target=self.watch, name="process-watcher", daemon=True).start()

    def watch(self) -> None:
        """Every WATCH_SECONDS until stopped: count the kernel's processes; over the limit, kill them all.

        Orphans of the kernel's children are re-parented to this worker (its subreaper), so the count is
        every descendant of this worker but the kernel itself.
        """
        kernel = self.kernel_process()
        while kernel is not None and not self.stopped.wait(WATCH_SECONDS):
            zygote = self.zygote.processes() if self.zygote else set()
            started = [pid for pid in descendants(os.getpid(), passing=zygote) if pid != kernel.pid]
            if len(started) > self.max_processes:
                self.processes_when_stopped = len(started)
                end_descendants(keep={kernel.pid}, passing=self.grader_processes())
                return

    def grader_processes(self) -> set[int]:
        """Processes that outlive every submission: this worker's zygote, if any."""
        return {self.zygote.pid} if self.zygote else set()

    def start_cell(self, msg_id: str | None) -> None:
        """Forget what the previous cell did; follow the cell whose request has this id."""
        self.cell_msg_id = msg_id
        self.output_bytes = 0
        self.dropped_bytes = 0
        self.interrupted = False

    def execute_cell_input(self, cell_input: str, allow_stdin: bool | None = None) -> str:
        """Send a cell to the kernel (as nbval does) and start counting its output."""
        msg_id = super().execute_cell_input(cell_input, allow_stdin=allow_stdin)
        self.start_cell(msg_id)
        return msg_id

    def get_message(self, stream: str, timeout: float | None = None) -> dict:
        """nbval's wait for a message, in slices: raise at once when the kernel died or the deadline passed."""
        end = None if timeout is None else time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if now >= self.deadline:
                self.expire()
            wait = POLL_SECONDS if end is None else min(POLL_SECONDS, end - now)
            if wait <= 0:
                raise Empty
            try:
                message = super().get_message(stream, timeout=wait)
            except Empty:
                if not self.is_alive():
                    self.died()
                continue
            return self.capped(message)

    def capped(self, message: dict) -> dict:
        """The message, with this cell's output beyond ``max_output_bytes`` cut off (and counted)."""
        if message.get("parent_header", {}).get("msg_id") != self.cell_msg_id:
            return message
        content, kind = message["content"], message["msg_type"]
        if kind == "stream":
            size = utf8_size(content.get("text", ""))
        elif kind in DISPLAY_MESSAGES:
            size = sum(utf8_size(str(value)) for value in content.get("data", {}).values())
        else:
            return message
        allowed = max(self.max_output_bytes - self.output_bytes, 0)
        self.output_bytes += size
        if size > allowed:
            self.dropped_bytes += size - allowed
            if kind == "stream":  # cut at a character's start: a Hangul syllable is 3 bytes
                content["text"] = content["text"].encode("utf-8", "replace")[:allowed].decode("utf-8", "ignore")
            else:
                content["data"] = {}
        return message

    def exit_code(self) -> int | None:
        """The kernel process's exit code when it has ended."""
        process = self.kernel_process()
        return process.poll() if process is not None else None

    def died(self) -> None:
        """Clean up after a kernel that ended by itself (or was ended for its processes), and fail the running cell."""
        description = exit_description(self.exit_code())
        self.stop()
        if self.processes_when_stopped:
            raise TooManyProcesses(
                f"it had {self.processes_when_stopped} processes running, more than the {self.max_processes} "
                f"allowed; they were all stopped"
            )
        raise KernelDied(description)

    def expire(self) -> None:
        """Kill the kernel (its whole process group) because the submission's time is up."""
        self.stop()
        raise SubmissionTimedOut(f"the submission ran longer than {self.submission_timeout:g} s")

    def interrupt(self) -> None:
        """nbval interrupts a cell that ran past the cell time limit: remember it."""
        self.interrupted = True
        if hasattr(self, "km"):
            super().interrupt()

    def stop(self) -> None:
        """Stop the kernel and its channels, and every process it left behind; safe to call twice or after it died."""
        if not hasattr(self, "km"):
            return
        self.stopped.set()
        try:
            super().stop()
        finally:
            end_descendants(passing=self.grader_processes())  # whatever the kernel started, detached or not
