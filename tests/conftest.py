"""Shared fixtures: one runner (and one warm process) for the whole session."""
from __future__ import annotations

import difflib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verified.days import ROOT, all_snippets  # noqa: E402
from verified import perturb  # noqa: E402
from verified.runner import NeedsGpu, Runner, gpu_visible  # noqa: E402

SNIPPETS = {s.id: s for s in all_snippets(ROOT)}


@pytest.fixture(scope="session")
def runner():
    with Runner() as r:
        yield r


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built with `mkdocs build --strict` (snippets come from the cache or run first)."""
    site = tmp_path_factory.mktemp("built") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    return build, site


REPLAY_TEST = "test_notebook_runs_and_prints_what_the_page_shows"  # in tests/test_notebooks.py


@pytest.fixture(scope="session")
def replays(request, runner, tmp_path_factory):
    """Every selected notebook replay, started on first use, REPLAY_WORKERS fresh kernels at a time, each from a
    temporary directory of its own; the tests then wait for theirs in order. The browser tests start them once
    the site is built (every snippet has run, so nothing timed is left): replays and the browser then share the
    cores, which neither keeps busy alone."""
    from concurrent.futures import ThreadPoolExecutor

    from verified.notebooks import REPLAY_WORKERS, execute, replayable

    # as the runner does: OpenMP threads that spin while waiting slow PyTorch down many times on shared cores
    before = os.environ.get("OMP_WAIT_POLICY")
    os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    pool = ThreadPoolExecutor(REPLAY_WORKERS, thread_name_prefix="replay")
    jobs = {}
    for item in request.session.items:
        if getattr(item, "originalname", None) != REPLAY_TEST:
            continue
        day, framework = item.callspec.params["day"], item.callspec.params["framework"]
        nb = replayable(day, framework, runner)
        if nb is not None:
            jobs[day.stem, framework] = nb, pool.submit(execute, nb, tmp_path_factory.mktemp(day.stem))
    yield jobs
    pool.shutdown(cancel_futures=True)
    if before is None:
        os.environ.pop("OMP_WAIT_POLICY", None)
    else:
        os.environ["OMP_WAIT_POLICY"] = before


@pytest.fixture(scope="session")
def gpu():
    """Whether a GPU is visible; GPU-only checks skip without one (the GPU job runs them)."""
    return gpu_visible()


@pytest.fixture(scope="session")
def run(runner):
    """run("001_tensors/basics_tf.py") -> Result (from the cache when the snippet is unchanged)."""

    def _result(snippet_id: str):
        if snippet_id not in SNIPPETS:
            near = difflib.get_close_matches(snippet_id, list(SNIPPETS), n=3, cutoff=0.5)
            raise AssertionError(f"no snippet {snippet_id!r}" + (f"; did you mean {', '.join(near)}?" if near else
                                                                 f"; known: {', '.join(sorted(SNIPPETS))}"))
        try:
            return runner.run(SNIPPETS[snippet_id])
        except NeedsGpu as error:
            pytest.skip(f"needs a GPU; the GPU job runs it ({error})")

    def _run(snippet_id: str):
        # under `-p verified.perturb` the claims tests see perturbed outputs (tests/test_claims_can_fail.py)
        return perturb.apply(_result(snippet_id), snippet_id, _result)

    return _run


@pytest.fixture(scope="session")
def gpu_run(runner, gpu):
    """gpu_run("030_.../gpu_torch.py") -> the result of a GPU-only snippet: a live run where a GPU and the
    snippet's framework are both here (the GPU job), else the GPU run recorded in gpu-results/ for the code as it
    is now (the output the page shows, so its claims are checked on every machine); skip when there is neither."""
    import importlib.util

    from verified.__main__ import FRAMEWORK_MODULES
    from verified.site import load_gpu_result

    def _result(snippet_id: str):
        snippet = SNIPPETS[snippet_id]
        if gpu and importlib.util.find_spec(FRAMEWORK_MODULES[snippet.framework]) is not None:
            return runner.run(snippet)
        recorded = load_gpu_result(snippet, ROOT)
        if recorded is None:
            pytest.skip(f"{snippet_id}: no GPU here and no recorded GPU run of this code (gpu-results/)")
        return recorded

    def _twin(snippet_id: str):  # a twin without a GPU run is no reason to skip this test under perturbation
        try:
            return _result(snippet_id)
        except pytest.skip.Exception as missing:
            raise LookupError(str(missing)) from None

    def _run(snippet_id: str):
        return perturb.apply(_result(snippet_id), snippet_id, _twin)

    return _run


def pytest_addoption(parser):
    parser.addoption("--days", metavar="FIRST-LAST", default=None,
                     help="only the tests of these days (a CI shard, e.g. 31-60); tests that belong to no day "
                          "run in the shard that starts at day 1")


def day_range(config) -> tuple[int, int] | None:
    text = config.getoption("--days", None)
    if not text:
        return None
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def day_of(item) -> int | None:
    """The day a test belongs to, or None for the tests of the platform."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    if hasattr(params.get("day"), "number"):
        return params["day"].number
    if params.get("snippet_id") in SNIPPETS:
        return SNIPPETS[params["snippet_id"]].day
    name = Path(str(item.path)).name
    if "tests/days/" in str(item.path).replace("\\", "/") and name[5:8].isdigit():
        return int(name[5:8])
    return None


# Test files that run before the others, in this order: the claims tests (they run every snippet, timed), then the
# tests that time fresh code of their own. Everything after them is untimed, so the notebook replays can start
# under the browser tests (see `replays`).
FIRST = ("tests/days/", "tests/test_claims_can_fail.py", "tests/test_harness.py")


def _rank(item) -> int:
    return next((i for i, prefix in enumerate(FIRST) if item.nodeid.startswith(prefix)), len(FIRST))


def pytest_collection_modifyitems(config, items):
    items.sort(key=_rank)  # stable: the order within each rank stays as collected
    # A claims test in tests/days/ that names no framework compares both: it belongs to both shards.
    for item in items:
        if "tests/days/" in str(item.path).replace("\\", "/"):
            names = {m.name for m in item.iter_markers()}
            if not names & {"tf", "torch"}:
                item.add_marker(pytest.mark.tf)
                item.add_marker(pytest.mark.torch)
    shard = day_range(config)
    if shard:
        first, last = shard
        keep, drop = [], []
        for item in items:
            day = day_of(item)
            if item.get_closest_marker("each_shard"):
                inside = True
            else:
                inside = first <= day <= last if day is not None else first == 1
            (keep if inside else drop).append(item)
        if drop:
            config.hook.pytest_deselected(items=drop)
            items[:] = keep


TIMINGS: dict[str, float] = {}  # snippet id -> seconds, filled by tests/test_snippets.py
BY_FILE: dict[str, float] = {}  # test file -> seconds spent in it (setup, call and teardown)
ISOLATION: dict[str, int] = {}  # the isolation mechanisms the runs reported
_START = time.monotonic()


def pytest_runtest_logreport(report):
    name = report.nodeid.split("::")[0]
    name = "tests/days/*" if name.startswith("tests/days/") else name
    BY_FILE[name] = BY_FILE.get(name, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    if BY_FILE:
        terminalreporter.section("time by test file")
        for name, seconds in sorted(BY_FILE.items(), key=lambda kv: -kv[1])[:12]:
            terminalreporter.write_line(f"  {seconds:7.1f} s  {name}")
    if not TIMINGS:
        return
    values = sorted(TIMINGS.values())
    median = values[len(values) // 2] if len(values) % 2 else sum(values[len(values) // 2 - 1:len(values) // 2 + 1]) / 2
    terminalreporter.section("snippet timings")
    for mechanism in ISOLATION:
        terminalreporter.write_line(f"isolation in force: {mechanism}")
    terminalreporter.write_line(f"{len(TIMINGS)} snippets, median {median:.2f} s, total {sum(values):.1f} s "
                                f"(snippet bodies; suite wall time {time.monotonic() - _START:.0f} s)")
    for sid, seconds in sorted(TIMINGS.items(), key=lambda kv: -kv[1])[:8]:
        terminalreporter.write_line(f"  {seconds:6.2f} s  {sid}")
