"""The warm grading kernel spec's command: have the worker's zygote fork the kernel, and stand in for it.

    python zygote_client.py SETTINGS.json -f CONNECTION_FILE ...      (launcher.py's arguments)

jupyter_client starts and manages this process as the kernel. It sends its arguments, working
folder, environment and standard streams to the zygote named by BACKPROP_ZYGOTE (zygote.py), which
forks the kernel; it then passes interrupt and terminate signals on to the kernel, and exits as the
kernel did (killed by the same signal, or with the same code). If it is killed itself, the zygote
kills the kernel. With no zygote (the variable unset, the zygote unreachable or gone before it
forked), it becomes launcher.py and the kernel starts fresh. Standard library only.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
from collections.abc import Callable
from types import FrameType

ZYGOTE_VARIABLE = "BACKPROP_ZYGOTE"
FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
REPLY_BYTES = 4096


def fresh_kernel(argv: list[str], why: str) -> None:
    """Replace this process by launcher.py with the same arguments (a kernel started from scratch)."""
    if why:
        print(f"zygote_client: {why}; starting a fresh kernel instead", file=sys.stderr, flush=True)
    launcher = os.path.join(os.path.dirname(os.path.realpath(__file__)), "launcher.py")
    os.execv(sys.executable, [sys.executable, launcher, *argv])


def forward_to(pid: int) -> Callable[[int, FrameType | None], None]:
    """A signal handler that sends the signal on to ``pid``."""

    def forward(number: int, frame: FrameType | None) -> None:
        try:
            os.kill(pid, number)
        except ProcessLookupError:
            pass

    return forward


def exit_as(code: int) -> None:
    """End this process as the kernel ended: the same exit code, or killed by the same signal."""
    if code < 0:
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    sys.exit(code)


def main(argv: list[str]) -> None:
    """Ask for a forked kernel, then wait for its end."""
    name = os.environ.pop(ZYGOTE_VARIABLE, "")
    if not name:
        fresh_kernel(argv, "")
    request = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}).encode()
    zygote = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        zygote.connect("\0" + name)
        socket.send_fds(zygote, [request], [0, 1, 2])
        reply = zygote.recv(REPLY_BYTES)
    except OSError as error:
        reply, why = b"", f"the zygote cannot be reached ({error})"
    else:
        why = "the zygote closed the connection before forking"
    if not reply:
        fresh_kernel(argv, why)
    kernel = json.loads(reply)["pid"]
    for number in FORWARDED:
        signal.signal(number, forward_to(kernel))
    reply = zygote.recv(REPLY_BYTES)  # the kernel's end; nothing if the zygote died (and it too)
    exit_as(json.loads(reply)["exit"] if reply else -signal.SIGKILL)


if __name__ == "__main__":
    main(sys.argv[1:])
