"""What a forked child does: run one snippet, cell by cell, as a reader's machine would, and capture what a
reader would see after each cell (printed text and figures).

Isolation, strongest available first:
- network: a new network namespace with only loopback (root, or an unprivileged user namespace), so child
  processes and raw sockets are cut off too; the Python-level block below is always installed as well, for a
  clear message;
- files: Landlock allows writes only in the snippet's scratch directory (its working directory, HOME and
  TMPDIR) and /dev; a write anywhere else fails with PermissionError;
- the project: its root leaves sys.path and its modules leave sys.modules, so `import verified` fails as it
  would for a reader;
- randomness: the global generators of random, NumPy and PyTorch are reseeded from the operating system, so an
  unseeded snippet prints something different on every run (and the replay test catches it).
Which mechanisms were in force is written to isolation.json next to the output.
"""
import builtins
import ctypes
import fcntl
import ipaddress
import json
import os
import socket
import struct
import sys
import tempfile
import time
import traceback
import types


class NetworkBlocked(OSError):
    pass


def _is_local_host(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # an AF_UNIX socket path
        return True
    return _is_local_host(address[0])


def block_network(log_path: str) -> None:
    """Refuse every connection or datagram that leaves the machine, and remember that one was tried."""

    def refuse(what):
        with open(log_path, "a") as log:
            log.write(f"{what}\n")
        raise NetworkBlocked(f"network access is blocked while snippets run: {what}")

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_sendto, real_getaddrinfo = socket.socket.sendto, socket.getaddrinfo

    def connect(self, address):
        if not _is_local(address):
            refuse(f"connect to {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _is_local(address):
            refuse(f"connect to {address!r}")
        return real_connect_ex(self, address)

    def sendto(self, data, *args):
        address = args[-1]
        if not _is_local(address):
            refuse(f"send a datagram to {address!r}")
        return real_sendto(self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local_host(host):
            refuse(f"look up host {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    socket.getaddrinfo = getaddrinfo


# --- operating-system isolation -------------------------------------------------------------------------
_libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000


def _loopback_up() -> None:
    """In a new network namespace, loopback exists but is down: bring it up (SIOCGIFFLAGS / SIOCSIFFLAGS)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        ifreq = struct.pack("16sH14s", b"lo", 0, b"")
        flags = struct.unpack("16sH14s", fcntl.ioctl(s.fileno(), 0x8913, ifreq))[1]
        fcntl.ioctl(s.fileno(), 0x8914, struct.pack("16sH14s", b"lo", flags | 0x1, b""))


def network_namespace() -> str:
    """Move this process into a network namespace of its own. Returns the mechanism in force."""
    if os.environ.get("VERIFIED_NO_NAMESPACE"):
        return "python"
    uid, gid = os.getuid(), os.getgid()
    if _libc.unshare(CLONE_NEWNET) != 0:
        if _libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
            return "python"
        try:  # keep our own uid inside, so files stay ours
            with open("/proc/self/setgroups", "w") as f:
                f.write("deny")
            with open("/proc/self/uid_map", "w") as f:
                f.write(f"{uid} {uid} 1")
            with open("/proc/self/gid_map", "w") as f:
                f.write(f"{gid} {gid} 1")
        except OSError:  # no capabilities in it (e.g. AppArmor's restriction on unprivileged user namespaces)
            return "namespace (no loopback)"  # no network at all; the Python block still names the attempt
    try:
        _loopback_up()
    except OSError:
        return "namespace (no loopback)"
    return "namespace"


# Landlock (Linux 5.13+): the filesystem rights taken away, by ABI version: every right that writes (WRITE_FILE,
# REMOVE_DIR, REMOVE_FILE, MAKE_CHAR/DIR/REG/SOCK/FIFO/BLOCK/SYM; REFER from ABI 2, TRUNCATE from ABI 3).
_LL_WRITE = {1: 8178, 2: 8178 | 8192, 3: 8178 | 8192 | 16384}


def landlock(writable: list[str]) -> str:
    """Allow writes only under `writable` (reads stay open). Returns the mechanism in force."""
    if os.environ.get("VERIFIED_NO_LANDLOCK"):
        return "none"
    syscall = _libc.syscall
    abi = syscall(444, None, 0, 1)  # landlock_create_ruleset(NULL, 0, VERSION)
    if abi < 1:
        return "none"
    handled = _LL_WRITE[min(abi, 3)]
    attr = struct.pack("QQ", handled, 0)[: 8 if abi < 4 else 16]
    buf = ctypes.create_string_buffer(attr)
    ruleset = syscall(444, buf, len(attr), 0)
    if ruleset < 0:
        return "none"
    try:
        for path in writable:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = ctypes.create_string_buffer(struct.pack("=Qi", handled, fd))
                if syscall(445, ruleset, 1, rule, 0) != 0:  # landlock_add_rule(PATH_BENEATH)
                    return "none"
            finally:
                os.close(fd)
        if _libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
            return "none"
        if syscall(446, ruleset, 0) != 0:  # landlock_restrict_self
            return "none"
    finally:
        os.close(ruleset)
    return f"landlock (ABI {abi})"


def forget_project(root: str) -> None:
    """A reader's Python cannot import this project: neither can the snippet."""
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != root]
    for name in list(sys.modules):
        if name == "verified" or name.startswith("verified."):
            del sys.modules[name]


def fresh_randomness() -> None:
    import random

    random.seed()
    try:
        import numpy

        numpy.random.seed(int.from_bytes(os.urandom(4), "little"))
    except ImportError:
        pass
    if "torch" in sys.modules:
        sys.modules["torch"].seed()


# --- running ---------------------------------------------------------------------------------------------
def _figure_title(fig) -> str:
    parts = []
    if getattr(fig, "_suptitle", None) is not None and fig._suptitle.get_text().strip():
        parts.append(fig._suptitle.get_text().strip())
    titles = [ax.get_title().strip() for ax in fig.axes if ax.get_title().strip()]
    if not parts and titles:
        parts.append(titles[0] if len(titles) == 1 else "; ".join(titles[:4]) + ("; …" if len(titles) > 4 else ""))
    return " ".join(parts)


def run(request: dict) -> int:
    os.setsid()  # its own process group, so a timeout kills its helpers too
    out, scratch = request["outdir"], request["scratch"]
    workdir = os.path.join(scratch, "work")
    for sub in ("work", "home", "tmp"):
        os.makedirs(os.path.join(scratch, sub), exist_ok=True)
    stdout = os.open(os.path.join(out, "stdout.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    stderr = os.open(os.path.join(out, "stderr.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(stdout, 1)
    os.dup2(stderr, 2)
    sys.stdout = os.fdopen(1, "w", buffering=1, encoding="utf-8", closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, encoding="utf-8", closefd=False)

    home, tmp = os.path.join(scratch, "home"), os.path.join(scratch, "tmp")
    os.environ.update(HOME=home, TMPDIR=tmp, TEMP=tmp, TMP=tmp, XDG_CACHE_HOME=os.path.join(home, ".cache"))
    # Importing torch._dynamo (the warm process, or the process that started it) pins this to /tmp/torchinductor_*;
    # without it, Inductor caches under the new TMPDIR, as in a reader's fresh process.
    os.environ.pop("TORCHINDUCTOR_CACHE_DIR", None)
    tempfile.tempdir = None
    isolation = {"network": network_namespace()}
    # /proc/self: the snippet's own process entries. CUDA writes there when it starts (seen on an H200: without
    # it, every CUDA call fails with error 304, "OS call failed"); it is no way out of the sandbox.
    isolation["files"] = landlock([scratch, out, "/dev", "/proc/self"])
    block_network(os.path.join(out, "network.txt"))
    forget_project(request["root"])
    os.chdir(workdir)
    with open(os.path.join(out, "isolation.json"), "w") as f:
        json.dump(isolation, f)
    fresh_randomness()

    import matplotlib.pyplot as plt

    from_cell = {"n": 0}
    figures = []

    def show(*args, **kwargs):
        for number in plt.get_fignums():
            fig = plt.figure(number)
            name = f"fig-{len(figures) + 1}.png"
            fig.savefig(os.path.join(out, name), dpi=200, bbox_inches="tight", facecolor="white")
            figures.append({"file": name, "cell": from_cell["n"], "title": _figure_title(fig)})
        plt.close("all")

    plt.show = show
    path = request["path"]
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    code = 0
    cells, ends = [], []
    start = time.perf_counter()
    try:
        source = open(path, encoding="utf-8").read()
        compile(source, path, "exec")  # a syntax error anywhere fails before any cell runs, as for a script
        cells = request["cells"]
        main = types.ModuleType("__main__")  # a real __main__, so pickle finds classes the snippet defines
        main.__dict__.update(__file__=path, __builtins__=builtins)
        sys.modules["__main__"] = main
        scope = main.__dict__
        for n, (first_line, text) in enumerate(cells, 1):
            from_cell["n"] = n
            exec(compile("\n" * (first_line - 1) + text, path, "exec"), scope)
            sys.stdout.flush()
            ends.append(os.lseek(1, 0, os.SEEK_CUR))
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        if not isinstance(exit.code, int) and exit.code is not None:
            print(exit.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
        code = 1
    seconds = time.perf_counter() - start
    sys.stdout.flush()
    if code == 0 and plt.get_fignums():
        print(f"a figure was drawn but never shown: call plt.show() after drawing it (as a reader running the "
              f"script sees only what plt.show() opens); open figure(s): {plt.get_fignums()}", file=sys.stderr)
        code = 3
    with open(os.path.join(out, "cells.json"), "w") as f:
        json.dump({"seconds": seconds, "ends": ends, "figures": figures}, f)
    sys.stderr.flush()
    return code
