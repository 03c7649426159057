"""Fork warmed kernels: the imports every kernel needs are done once, then each submission gets a fresh process.

A pytest worker of the grader starts one zygote (warm.py) as a script, standard library and
launcher.py only, like the launcher:

    python zygote.py SPEC_DIR NAME PARENT_PID

It listens on the abstract Unix socket NAME at once (and says so on stdout), then imports what
every kernel needs, single-threaded: ipykernel, matplotlib with the kernel's backend, and the
modules the solution imports (numpy, backprop_lib, …), in the kernel spec's environment (one
BLAS thread, two malloc arenas), and draws one figure off pyplot so that matplotlib's fonts are
loaded. Then, for each request of zygote_client.py (the kernel spec's command) it forks:

- the child takes over the client's standard streams, working folder and environment, does what
  launcher.py does before ipykernel (limits, HOME and TMPDIR, Landlock; the same functions), reseeds
  numpy's global generator (Python's ``random`` reseeds itself after a fork) and starts ipykernel.
  No submission code ever runs in the zygote, so every child starts with no user state;
- the zygote sends the client the child's pid, and later how it ended; when the client goes away
  first, the child is killed; when the zygote ends, the kernel dies with it (PR_SET_PDEATHSIG).

Only processes of this user may connect (SO_PEERCRED), and a kernel confined by Landlock cannot
(ABI 6 and later scope abstract Unix sockets to their sandbox): a submission cannot fork a kernel.
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import io
import json
import os
import selectors
import signal
import socket
import struct
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import launcher  # noqa: E402  (a sibling script, as this file runs as one)

PR_SET_PDEATHSIG = 1
MAX_REQUEST = 1 << 20
REQUEST_SECONDS = 10.0
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets when MPLBACKEND is unset


def die_with(parent: int) -> None:
    """Be killed when ``parent`` ends (now, if it already has)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def warm_up(spec_dir: str) -> None:
    """Import what every kernel of this run would import (this process has the kernel spec's environment)."""
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    settings = launcher.read_settings(os.path.join(spec_dir, "sandbox.json"))
    importlib.import_module("ipykernel.kernelapp")
    for name in settings.get("preload", []):
        try:
            importlib.import_module(name)
        except Exception as error:  # the submission meets it again, in its own kernel
            print(f"zygote: not preloaded: {name} ({type(error).__name__}: {error})", file=sys.stderr)
    if "matplotlib.backends.backend_agg" in sys.modules:
        draw_once()
    threads = len(os.listdir("/proc/self/task"))
    if threads != 1:
        raise SystemExit(f"zygote: the imports started {threads - 1} threads; forking is safe with none")
    gc.freeze()  # the imported objects: never scanned by a kernel's collector, so their pages stay shared


def draw_once() -> None:
    """Draw a figure with text and mathematics to PNG in memory, off pyplot: matplotlib loads its fonts here, once."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure()
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.plot([0, 1], [1, 0], label=r"$\alpha_1$")
    axes.set(title="warm-up", xlabel="x", ylabel="y")
    axes.legend()
    figure.savefig(io.BytesIO(), format="png")


def peer_uid(connection: socket.socket) -> int:
    """The user id of the process at the other end of a Unix socket."""
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)[1]


def become_kernel(request: dict, streams: list[int], zygote_files: list) -> None:
    """In the forked child: drop the zygote's files and signals, take the client's place, confine, run ipykernel."""
    signal.set_wakeup_fd(-1)
    for number in (signal.SIGCHLD, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for file in zygote_files:
        if isinstance(file, int):
            os.close(file)
        else:
            file.close()
    die_with(request["zygote"])
    os.setsid()
    for target, descriptor in enumerate(streams):
        os.dup2(descriptor, target)
        os.close(descriptor)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()  # as a fresh import would: its own entropy
    settings_file, kernel_args = request["argv"][0], request["argv"][1:]
    launcher.enter_sandbox(launcher.read_settings(settings_file), kernel_args)
    sys.argv = ["ipykernel_launcher", *kernel_args]
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance(parent_handle=int(os.environ.get("JPY_PARENT_PID") or 0))  # default: the zygote's
    app.initialize()
    inline = sys.modules.get("matplotlib_inline.backend_inline")
    if inline is not None:  # imported before there was a shell: hook it up as its import does in a fresh kernel
        # (shell.enable_matplotlib would fail with matplotlib < 3.9 and IPython 9: backend2gui is gone)
        inline._enable_matplotlib_integration()
    app.start()


def run_child(request: dict, streams: list[int], zygote_files: list) -> None:
    """The forked child's whole life; it never returns into the zygote's loop."""
    code = 0
    try:
        become_kernel(request, streams, zygote_files)
    except SystemExit as error:  # sys.exit(message) prints it, as Python would
        code = error.code if isinstance(error.code, int) else int(error.code is not None)
        if isinstance(error.code, str):
            print(error.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(code)


class Zygote:
    """The serving loop: accept a client, fork its kernel, report the kernel's end, kill it if the client leaves."""

    def __init__(self, listener: socket.socket) -> None:
        self.listener = listener
        self.wake_read, self.wake_write = os.pipe()
        os.set_blocking(self.wake_write, False)
        signal.set_wakeup_fd(self.wake_write)
        signal.signal(signal.SIGCHLD, lambda number, frame: None)  # wakes select() through the pipe
        self.selector = selectors.DefaultSelector()
        self.selector.register(listener, selectors.EVENT_READ)
        self.selector.register(self.wake_read, selectors.EVENT_READ)
        self.clients: dict[int, socket.socket] = {}  # kernel pid -> its client's connection

    def serve(self) -> None:
        """Serve until killed."""
        while True:
            for key, _ in self.selector.select():
                if key.fileobj is self.listener:
                    self.accept()
                elif key.fileobj == self.wake_read:
                    os.read(self.wake_read, 512)
                else:
                    self.client_spoke(key.fileobj, key.data)
            self.reap()

    def accept(self) -> None:
        """Fork a kernel for one client of this user."""
        connection, _ = self.listener.accept()
        streams: list[int] = []
        try:
            connection.settimeout(REQUEST_SECONDS)
            if peer_uid(connection) != os.getuid():
                raise ValueError("a client of another user")
            message, streams, _, _ = socket.recv_fds(connection, MAX_REQUEST, 3)
            if len(streams) != 3:
                raise ValueError("a request without its three standard streams")
            request = {**json.loads(message), "zygote": os.getpid()}
        except (OSError, ValueError) as error:
            print(f"zygote: request refused: {error}", file=sys.stderr)
            for descriptor in streams:
                os.close(descriptor)
            connection.close()
            return
        pid = os.fork()
        if pid == 0:
            run_child(
                request,
                streams,
                [self.listener, self.selector, self.wake_read, self.wake_write, connection, *self.clients.values()],
            )
        for descriptor in streams:
            os.close(descriptor)
        connection.settimeout(None)
        try:
            connection.sendall(json.dumps({"pid": pid}).encode())
        except OSError:
            os.kill(pid, signal.SIGKILL)  # the client is already gone
        self.clients[pid] = connection
        self.selector.register(connection, selectors.EVENT_READ, pid)

    def client_spoke(self, connection: socket.socket, pid: int) -> None:
        """A client sends nothing after its request: readable means it went away, so its kernel goes too."""
        self.selector.unregister(connection)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def reap(self) -> None:
        """Collect every ended kernel and tell its client how it ended."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            connection = self.clients.pop(pid, None)
            if connection is None:
                continue
            try:
                connection.sendall(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode())
            except OSError:
                pass
            if connection in self.selector.get_map():
                self.selector.unregister(connection)
            connection.close()


def main(argv: list[str]) -> None:
    """Listen, say so, warm up, serve."""
    spec_dir, name, parent = argv
    die_with(int(parent))
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind("\0" + name)
    listener.listen(64)
    print("listening", flush=True)
    os.dup2(2, 1)  # the worker reads no further: anything printed goes to stderr
    warm_up(spec_dir)
    Zygote(listener).serve()


if __name__ == "__main__":
    main(sys.argv[1:])
