"""Start an ipykernel for one untrusted submission: limit its memory and what it may read, then run it.

The grader's kernel spec runs this file as a script (standard library only, nothing imported from
the course) with the path of a JSON settings file and then ipykernel's own arguments:

    python launcher.py SETTINGS.json -f CONNECTION_FILE ...

Before ipykernel starts, in the kernel's own process (the limits carry over to anything it starts):
- the address space is capped (``RLIMIT_AS``: a runaway allocation raises MemoryError),
  written files are capped (``RLIMIT_FSIZE``), core dumps are off;
- HOME, TMPDIR and IPYTHONDIR point into the kernel's working folder, which holds nothing else;
- with Linux Landlock (kernel 5.13 or newer), the process may read only Python, the installed
  packages, backprop_lib and the system's libraries, and write only its working folder: it cannot
  read the solution notebook, the submissions, other kernels' connection files or the gradebook;
  where Landlock supports it, it also may not open TCP connections (it may bind its own ports) nor
  signal processes outside its sandbox.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import sys

SYSCALL_CREATE_RULESET, SYSCALL_ADD_RULE, SYSCALL_RESTRICT_SELF = 444, 445, 446
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH, RULE_NET_PORT = 1, 2
PR_SET_NO_NEW_PRIVS = 38

# Filesystem rights by the Landlock ABI version that introduced them.
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
FS_RIGHTS_ABI_1 = (1 << 13) - 1
FS_REFER, FS_TRUNCATE, FS_IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1

READ_ONLY = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR
FILE_ONLY_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
SYSTEM_READ_ONLY = ["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc", "/opt", "/proc", "/sys"]

_libc = ctypes.CDLL(None, use_errno=True)


class RulesetAttr(ctypes.Structure):
    """struct landlock_ruleset_attr (its size tells the kernel which fields we use)."""

    _fields_ = [
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    ]


class PathBeneathAttr(ctypes.Structure):
    """struct landlock_path_beneath_attr (packed)."""

    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


class NetPortAttr(ctypes.Structure):
    """struct landlock_net_port_attr."""

    _fields_ = [("allowed_access", ctypes.c_uint64), ("port", ctypes.c_uint64)]


def landlock_abi() -> int:
    """The Landlock ABI version this Linux kernel offers, 0 when there is none."""
    if not sys.platform.startswith("linux"):
        return 0
    version = _libc.syscall(SYSCALL_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(CREATE_RULESET_VERSION))
    return max(int(version), 0)


def _check(result: int, what: str) -> int:
    """Raise OSError with the C errno when a syscall failed."""
    if result < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")
    return result


def fs_rights(abi: int) -> int:
    """Every filesystem right the kernel's Landlock ABI can restrict."""
    rights = FS_RIGHTS_ABI_1
    if abi >= 2:
        rights |= FS_REFER
    if abi >= 3:
        rights |= FS_TRUNCATE
    if abi >= 5:
        rights |= FS_IOCTL_DEV
    return rights


def readable_roots(roots: list[str], protected: list[str]) -> list[str]:
    """The roots to allow, with every protected path cut out (a root holding one is split into its children)."""
    protected = [os.path.realpath(path) for path in protected]
    allowed: list[str] = []
    pending = [os.path.realpath(root) for root in roots if os.path.exists(root)]
    while pending:
        root = pending.pop()
        if any(root == path for path in protected):
            continue
        if any(path.startswith(root.rstrip("/") + "/") for path in protected) and os.path.isdir(root):
            pending.extend(os.path.join(root, name) for name in os.listdir(root))
        else:
            allowed.append(root)
    return sorted(set(allowed))


def connection_ports(connection_file: str) -> list[int]:
    """The TCP ports the kernel binds, from its connection file."""
    with open(connection_file, encoding="utf-8") as handle:
        info = json.load(handle)
    return [
        int(info[key]) for key in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port") if info.get(key)
    ]


def restrict(abi: int, read_only: list[str], read_write: list[str], files: list[str], ports: list[int]) -> None:
    """Allow only these paths (and binding these ports), for this process and everything it starts."""
    handled_fs = fs_rights(abi)
    attr = RulesetAttr(
        handled_access_fs=handled_fs,
        handled_access_net=(NET_BIND_TCP | NET_CONNECT_TCP) if abi >= 4 else 0,
        scoped=(SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL) if abi >= 6 else 0,
    )
    size = ctypes.sizeof(RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    ruleset = _check(
        _libc.syscall(SYSCALL_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0)),
        "landlock_create_ruleset",
    )

    def allow(path: str, rights: int) -> None:
        if os.path.isfile(path) or not os.path.isdir(path):
            rights &= FILE_ONLY_RIGHTS
        try:
            descriptor = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return  # a path that does not exist needs no rule
        try:
            rule = PathBeneathAttr(allowed_access=rights & handled_fs, parent_fd=descriptor)
            _check(
                _libc.syscall(SYSCALL_ADD_RULE, ruleset, RULE_PATH_BENEATH, ctypes.byref(rule), ctypes.c_uint32(0)),
                f"landlock_add_rule {path}",
            )
        finally:
            os.close(descriptor)

    for path in read_only:
        allow(path, READ_ONLY)
    for path in read_write:
        allow(path, handled_fs)
    for path in files:
        allow(path, FS_READ_FILE | FS_WRITE_FILE | FS_TRUNCATE)
    allow("/dev", READ_ONLY | FS_WRITE_FILE | FS_IOCTL_DEV)
    if abi >= 4:
        for port in [0, *ports]:  # 0: ephemeral ports (ipykernel's own pipe)
            rule = NetPortAttr(allowed_access=NET_BIND_TCP, port=port)
            _check(
                _libc.syscall(SYSCALL_ADD_RULE, ruleset, RULE_NET_PORT, ctypes.byref(rule), ctypes.c_uint32(0)),
                f"landlock_add_rule port {port}",
            )
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
    _check(_libc.syscall(SYSCALL_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)), "landlock_restrict_self")
    os.close(ruleset)


def limit_resources(memory_mb: int, file_size_mb: int) -> None:
    """Cap the address space and the size of any file written; no core dumps."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_mb << 20, file_size_mb << 20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def python_roots() -> list[str]:
    """Where this Python and its packages live (read-only for the kernel)."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    roots.update(path for path in sys.path if path and os.path.isabs(path))
    return sorted(roots)


def enter_sandbox(settings: dict, kernel_args: list[str]) -> None:
    """Confine this process as the settings say, before any submission code runs in it; used here and by zygote.py.

    ``confine`` false (the course's own notebooks under ``make test``, course_tools/warm_nbval.py): the
    kernel runs unconfined, as a fresh ``--nbval-current-env`` kernel does.
    """
    if settings.get("confine", True):
        confine(settings, kernel_args)
    here = os.path.dirname(os.path.realpath(__file__))
    sys.path[:] = [path for path in sys.path if os.path.realpath(path) != here]


def confine(settings: dict, kernel_args: list[str]) -> None:
    """HOME, TMPDIR and IPYTHONDIR go to the working folder; memory and file sizes are capped; with
    ``isolate``, Landlock allows reading only Python, the system and ``read_only``, writing only the
    working folder and the connection file.
    """
    workdir = os.getcwd()
    os.environ.update(HOME=workdir, TMPDIR=workdir, IPYTHONDIR=os.path.join(workdir, ".ipython"))
    connection_file = kernel_args[kernel_args.index("-f") + 1]
    limit_resources(settings["memory_mb"], settings["file_size_mb"])
    if settings["isolate"]:
        abi = landlock_abi()
        if abi == 0:
            raise SystemExit("Landlock is not available: refusing to run a submission unisolated.")
        roots = python_roots() + SYSTEM_READ_ONLY + settings["read_only"]
        restrict(
            abi,
            readable_roots(roots, settings["protected"]),
            [workdir],
            [connection_file],
            connection_ports(connection_file),
        )


def read_settings(settings_file: str) -> dict:
    """The sandbox settings the grader wrote next to its kernel spec."""
    with open(settings_file, encoding="utf-8") as handle:
        return json.load(handle)


def main(argv: list[str]) -> None:
    """Apply the settings file's limits, then run ipykernel with the remaining arguments."""
    if argv == ["--probe"]:  # can this process sandbox itself? (exit code 0: yes)
        restrict(landlock_abi(), [], [], [], [])
        return
    settings_file, kernel_args = argv[0], argv[1:]
    enter_sandbox(read_settings(settings_file), kernel_args)
    sys.argv = ["ipykernel_launcher", *kernel_args]
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()


if __name__ == "__main__":
    main(sys.argv[1:])
