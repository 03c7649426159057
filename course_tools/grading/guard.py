"""nbval's kernel, guarded for untrusted code: a dead kernel is noticed at once, a submission stops at its
deadline, and a cell's output is capped.

nbval waits for a kernel's reply with one blocking call as long as the cell time limit, so a kernel
killed by ``os._exit`` is only noticed when that limit runs out, and a cell that ignores interrupts
while printing keeps nbval reading forever. This subclass waits in short slices instead and checks
between them that the kernel is alive and the submission's deadline has not passed.
"""
from __future__ import annotations

import signal
import time
from queue import Empty

from nbval.kernel import RunningKernel

POLL_SECONDS = 0.2
DISPLAY_MESSAGES = ("display_data", "execute_result", "update_display_data")


class KernelDied(RuntimeError):
    """The kernel process ended while a cell was running."""


class SubmissionTimedOut(RuntimeError):
    """The whole submission ran longer than its time limit; its kernel was killed."""


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


class GuardedKernel(RunningKernel):
    """An nbval kernel that checks liveness and a deadline while it waits, and caps each cell's output."""

    submission_timeout: float = 600.0      # set by the grading plugin from its options
    max_output_bytes: int = 1 << 20

    def __init__(self, kernel_name: str, cwd: str | None = None, startup_timeout: float = 60) -> None:
        self.deadline = time.monotonic() + self.submission_timeout
        self.expired = False
        self.start_cell(None)
        super().__init__(kernel_name, cwd=cwd, startup_timeout=startup_timeout)

    def start_cell(self, msg_id: str | None) -> None:
        """Forget what the previous cell did; follow the cell whose request has this id."""
        self.cell_msg_id = msg_id
        self.output_bytes = 0
        self.dropped_bytes = 0
        self.interrupted = False

    def execute_cell_input(self, cell_input: str, allow_stdin=None) -> str:
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
            size = len(content.get("text", ""))
        elif kind in DISPLAY_MESSAGES:
            size = sum(len(str(value)) for value in content.get("data", {}).values())
        else:
            return message
        allowed = max(self.max_output_bytes - self.output_bytes, 0)
        self.output_bytes += size
        if size > allowed:
            self.dropped_bytes += size - allowed
            if kind == "stream":
                content["text"] = content["text"][:allowed]
            else:
                content["data"] = {}
        return message

    def exit_code(self) -> int | None:
        """The kernel process's exit code when it has ended."""
        process = getattr(getattr(getattr(self, "km", None), "provisioner", None), "process", None)
        return process.poll() if process is not None else None

    def died(self) -> None:
        """Clean up after a kernel that ended by itself, and fail the running cell."""
        description = exit_description(self.exit_code())
        self.stop()
        raise KernelDied(description)

    def expire(self) -> None:
        """Kill the kernel (its whole process group) because the submission's time is up."""
        self.expired = True
        self.stop()
        raise SubmissionTimedOut(f"the submission ran longer than {self.submission_timeout:g} s")

    def interrupt(self) -> None:
        """nbval interrupts a cell that ran past the cell time limit: remember it."""
        self.interrupted = True
        if hasattr(self, "km"):
            super().interrupt()

    def stop(self) -> None:
        """Stop the kernel and its channels; safe to call twice or after the kernel died."""
        if not hasattr(self, "km"):
            return
        try:
            super().stop()
        finally:
            if hasattr(self, "km"):
                del self.km
