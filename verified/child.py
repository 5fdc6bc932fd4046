"""What a forked child does: run one snippet as a script, capturing what a reader would see."""
import ipaddress
import os
import runpy
import socket
import sys
import time
import traceback


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
    """Refuse every connection that leaves the machine, and remember that one was tried."""

    def refuse(what):
        with open(log_path, "a") as log:
            log.write(f"{what}\n")
        raise NetworkBlocked(f"network access is blocked while snippets run: {what}")

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        if not _is_local(address):
            refuse(f"connect to {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _is_local(address):
            refuse(f"connect to {address!r}")
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local_host(host):
            refuse(f"look up host {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo


def run(request: dict) -> int:
    os.setsid()  # its own process group, so a timeout kills its helpers too
    out = request["outdir"]
    stdout = os.open(os.path.join(out, "stdout.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    stderr = os.open(os.path.join(out, "stderr.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(stdout, 1)
    os.dup2(stderr, 2)
    sys.stdout = os.fdopen(1, "w", buffering=1, encoding="utf-8", closefd=False)
    sys.stderr = os.fdopen(2, "w", buffering=1, encoding="utf-8", closefd=False)
    os.chdir(request["workdir"])
    block_network(os.path.join(out, "network.txt"))

    import matplotlib.pyplot as plt

    figures = []

    def show(*args, **kwargs):
        for number in plt.get_fignums():
            path = os.path.join(out, f"fig-{len(figures) + 1}.png")
            plt.figure(number).savefig(path, dpi=100, bbox_inches="tight")
            figures.append(path)
        plt.close("all")

    plt.show = show
    path = request["path"]
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    start = time.perf_counter()
    code = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    seconds = time.perf_counter() - start
    if code == 0:
        show()  # figures drawn but never shown still belong to the output
    with open(os.path.join(out, "seconds.txt"), "w") as f:
        f.write(f"{seconds:.6f}")
    sys.stdout.flush()
    sys.stderr.flush()
    return code
