"""Run snippets in a warm forking process, with a time budget, the network blocked,
and results cached by content (snippet source + pinned versions).

Only a run that succeeded is cached, and it appears in the cache in one rename,
so a failed or interrupted run never leaves an output that a build could show.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from .days import ROOT, Snippet

RUNNER_VERSION = "1"  # bump when the way snippets run or are captured changes
BUDGET_SECONDS = float(os.environ.get("VERIFIED_BUDGET", "30"))
CACHE_DIR = Path(os.environ.get("VERIFIED_CACHE", ROOT / ".cache" / "runs"))
PINNED = ["tensorflow-cpu", "tensorflow", "torch", "keras", "numpy", "matplotlib",
          "scikit-learn", "mlxtend", "statsmodels", "gensim", "scipy"]


class SnippetError(Exception):
    """A snippet failed; the message names the file, the day and the framework."""


def versions() -> dict:
    found = {"python": platform.python_version()}
    for name in PINNED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


@dataclass
class Result:
    snippet: Snippet
    key: str
    stdout: str
    seconds: float
    figures: list[Path]
    date: str
    versions: dict
    cached: bool


class Runner:
    def __init__(self, cache_dir: Path = CACHE_DIR, budget: float = BUDGET_SECONDS, progress=None):
        self.cache_dir = Path(cache_dir)
        self.budget = budget
        self.progress = progress  # callable(str) for one line of progress, or None
        self.versions = versions()
        self._zygote = None
        self._replies = None

    # -- cache -------------------------------------------------------------
    def key(self, snippet: Snippet) -> str:
        h = hashlib.sha256()
        h.update(RUNNER_VERSION.encode())
        h.update(json.dumps(self.versions, sort_keys=True).encode())
        h.update(snippet.path.read_bytes())
        return h.hexdigest()[:20]

    def cached(self, snippet: Snippet) -> Result | None:
        folder = self.cache_dir / self.key(snippet)
        meta = folder / "meta.json"
        if not meta.exists():
            return None
        info = json.loads(meta.read_text())
        return Result(snippet, folder.name, (folder / "stdout.txt").read_text(encoding="utf-8"),
                      info["seconds"], [folder / f for f in info["figures"]], info["date"],
                      info["versions"], cached=True)

    # -- running -----------------------------------------------------------
    def run(self, snippet: Snippet, force: bool = False) -> Result:
        if not force and (hit := self.cached(snippet)):
            return hit
        if "gpu" in snippet.pragmas and not gpu_visible():
            raise SnippetError(f"{snippet.describe()} needs a GPU and none is visible")
        key = self.key(snippet)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{key}.", suffix=".partial", dir=self.cache_dir))
        workdir = Path(tempfile.mkdtemp(prefix="snippet-"))
        try:
            status = self._execute(snippet, staging, workdir)
            stdout = (staging / "stdout.txt").read_text(encoding="utf-8", errors="replace")
            stderr = (staging / "stderr.txt").read_text(encoding="utf-8", errors="replace")
            network = staging / "network.txt"
            if status["timed_out"]:
                raise SnippetError(f"{snippet.describe()} ran past its budget of {self.budget:g} s and was stopped"
                                   + _tail("last output", stdout))
            if network.exists():
                raise SnippetError(f"{snippet.describe()} tried to use the network, which snippets must not: "
                                   + network.read_text().strip().splitlines()[0])
            if status["returncode"] != 0:
                raise SnippetError(f"{snippet.describe()} failed (exit code {status['returncode']})"
                                   + _tail("error", stderr))
            if not stdout.strip():
                raise SnippetError(f"{snippet.describe()} printed nothing; a snippet must print what its page discusses")
            seconds = float((staging / "seconds.txt").read_text())
            figures = sorted((p.name for p in staging.glob("fig-*.png")), key=lambda n: int(n[4:-4]))
            date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            for scratch in ("stderr.txt", "seconds.txt"):
                (staging / scratch).unlink()
            (staging / "meta.json").write_text(json.dumps({
                "snippet": snippet.rel, "seconds": seconds, "figures": figures,
                "date": date, "versions": self.versions}, indent=1))
            final = self.cache_dir / key
            if final.exists():  # a forced re-run (or a concurrent one): the newest run replaces the entry
                stale = final.with_name(f"{key}.{os.getpid()}.stale")
                os.rename(final, stale)
                shutil.rmtree(stale)
            os.rename(staging, final)
            result = self.cached(snippet)
            result.cached = False
            return result
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(workdir, ignore_errors=True)

    def run_all(self, snippets: list[Snippet], force: bool = False) -> dict[Snippet, Result]:
        """Run many, reporting each one as it goes: which, how many left, time so far."""
        results, start = {}, time.monotonic()
        todo = [s for s in snippets if force or not self.cached(s)]
        for s in snippets:
            if s not in todo:
                results[s] = self.cached(s)
        if todo and self.progress:
            self.progress(f"{len(snippets) - len(todo)} of {len(snippets)} snippets cached; running {len(todo)}")
        for i, s in enumerate(todo, 1):
            results[s] = self.run(s, force=True)
            if self.progress:
                self.progress(f"[{i}/{len(todo)}] {s.rel}: {results[s].seconds:.1f} s "
                              f"({len(todo) - i} left, {time.monotonic() - start:.0f} s so far)")
        return results

    def _execute(self, snippet: Snippet, staging: Path, workdir: Path) -> dict:
        if self._zygote is None or self._zygote.poll() is not None:
            self._start()
        request = {"path": str(snippet.path), "outdir": str(staging), "workdir": str(workdir),
                   "timeout": self.budget}
        self._zygote.stdin.write(json.dumps(request) + "\n")
        self._zygote.stdin.flush()
        line = self._replies.readline()
        if not line:
            self._zygote.wait()
            log = self._log_path.read_text(errors="replace") if self._log_path.exists() else ""
            self._zygote = None
            raise SnippetError(f"{snippet.describe()}: the process that runs snippets died" + _tail("its log", log))
        return json.loads(line)

    def _start(self) -> None:
        read_fd, write_fd = os.pipe()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._log_path = self.cache_dir / "runner.log"  # library import chatter, read only if it dies
        env = dict(os.environ, PYTHONHASHSEED="0", TF_CPP_MIN_LOG_LEVEL="2", MPLBACKEND="Agg",
                   PYTHONDONTWRITEBYTECODE="1")
        # OpenMP threads that spin while waiting slow PyTorch down ~20x when other processes share
        # the cores (measured: 0.8 s -> 12 s for day 6); it changes speed only, never results.
        env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._zygote = subprocess.Popen(
            [sys.executable, "-m", "verified.zygote", str(write_fd)], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._log_path.open("w"),
            text=True, pass_fds=(write_fd,))
        os.close(write_fd)
        self._replies = os.fdopen(read_fd, "r")

    def close(self) -> None:
        if self._zygote is not None:
            self._zygote.stdin.close()
            try:
                self._zygote.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._zygote.kill()
            self._replies.close()
            self._zygote = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _tail(what: str, text: str, lines: int = 15) -> str:
    text = text.strip()
    if not text:
        return ""
    return f"\n--- {what} (last {lines} lines) ---\n" + "\n".join(text.splitlines()[-lines:])


@functools.cache
def gpu_visible() -> bool:
    """Whether a CUDA GPU is visible, asked once per process, in a subprocess so this one stays light."""
    code = "import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
