"""A warm process that imports the heavy libraries once, then forks one child per snippet.

Each child is a fresh copy of this process before any model was built, so
Keras' global name counters, RNG state and default dtypes start clean for every
snippet, and no snippet pays TensorFlow's and PyTorch's import time. The parent
never runs an op, so no thread pool exists when it forks.

Protocol: one JSON request per line on stdin, one JSON reply per line on the
file descriptor given as argv[1].
"""
import json
import os
import signal
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot  # noqa: E402,F401
import numpy  # noqa: E402,F401

# torch._dynamo: the first torch.optim optimizer imports it (seconds), which no snippet should pay for.
PRELOAD = ["tensorflow", "keras", "torch", "torch.optim", "torch._dynamo", "sklearn.datasets"]
for module in PRELOAD:
    try:
        __import__(module)
    except ImportError:  # a reader may install only one framework
        pass


def become_subreaper() -> bool:
    """Adopt whatever a snippet leaves behind, even in a session of its own (Linux's PR_SET_CHILD_SUBREAPER)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    return ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0


def children() -> list[int]:
    me, found = os.getpid(), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:  # ppid
                found.append(int(entry))
    return found


def end_leftovers() -> None:
    """Kill and reap every process still ours after a snippet: orphans adopted as subreaper, generation by
    generation (a killed orphan's own children are adopted next)."""
    for _ in range(100):
        left = children()
        if not left:
            return
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in left:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def serve(reply_fd: int) -> None:
    from verified import child

    subreaper = become_subreaper()
    reply = os.fdopen(reply_fd, "w", buffering=1)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                reply.close()
                code = child.run(request)
            finally:
                os._exit(code)
        deadline = time.monotonic() + request["timeout"]
        status = None
        while status is None:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = {"returncode": os.waitstatus_to_exitcode(raw), "timed_out": False}
                try:  # whatever it started and left running ends with it
                    os.killpg(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            elif time.monotonic() > deadline:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                os.waitpid(pid, 0)
                status = {"returncode": -9, "timed_out": True}
            else:
                time.sleep(0.01)
        if subreaper:
            end_leftovers()
        reply.write(json.dumps(status) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    serve(int(sys.argv[1]))
