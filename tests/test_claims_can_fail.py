"""Every claims test can fail: run against perturbed outputs, each test function fails on at least one
perturbation (verified/perturb.py says which). A test that cannot fail is reported by name."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from verified.days import ROOT


@pytest.mark.slow
@pytest.mark.tf
@pytest.mark.torch
@pytest.mark.each_shard
def test_every_claims_test_can_fail(request, tmp_path):
    report = tmp_path / "perturb.json"
    args = [sys.executable, "-m", "pytest", "tests/days", "-p", "verified.perturb", "-q", "-p", "no:cacheprovider",
            "--no-header", "-o", "addopts="]
    markexpr = request.config.getoption("markexpr")
    if markexpr:  # the same shard as this run, so only its cached results are read
        args += ["-m", markexpr]
    if request.config.getoption("--days"):
        args += ["--days", request.config.getoption("--days")]
    env = dict(os.environ, VERIFIED_PERTURB_REPORT=str(report))
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    assert report.exists(), f"the perturbation run did not finish:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    results = json.loads(report.read_text())
    ran = {k: v for k, v in results.items() if v["status"] == "ran"}
    if not results and request.config.getoption("--days"):  # a shard whose days are not written yet
        pytest.skip(f"no day in this shard ({request.config.getoption('--days')}) has a claims test yet")
    assert ran, "no claims test ran under perturbation"
    cannot_fail = sorted(k for k, v in ran.items() if not v["failed_under"])
    assert not cannot_fail, ("these claims tests pass whatever the outputs say (no perturbation of numbers, twins, "
                             "figures or booleans makes them fail an assertion):\n  " + "\n  ".join(cannot_fail))
