"""CI workflows, validated offline: GitHub's schema, zizmor's audit, and the rules this project sets."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from verified.days import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
BIN = Path(sys.executable).parent


def load(path):
    return yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # BaseLoader keeps `on:` a string key


def test_there_are_workflows():
    assert WORKFLOWS


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_schema_valid(path):
    check = subprocess.run([BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_zizmor_finds_nothing_of_high_severity():
    audit = subprocess.run([BIN / "zizmor", "--offline", "--min-severity", "high", "--format", "json",
                            str(ROOT / ".github" / "workflows")], capture_output=True, text=True)
    findings = json.loads(audit.stdout or "[]")
    assert not findings, json.dumps(findings, indent=1)[:4000]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned(path):
    text, flow = path.read_text(), load(path)
    assert "pull_request_target" not in text
    assert flow.get("permissions") == {"contents": "read"}, "read-only by default"
    for ref in re.findall(r"uses:\s*([^\s#]+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), f"{ref} is not pinned to a full commit SHA"
    for name, job in flow["jobs"].items():
        perms = job.get("permissions", {})
        if name != "deploy":
            assert "pages" not in perms and "id-token" not in perms, f"{name} must not get Pages permissions"


def test_pipeline_shape():
    flow = load(ROOT / ".github" / "workflows" / "site.yml")
    jobs = flow["jobs"]
    matrix = jobs["tests"]["strategy"]["matrix"]
    assert matrix["framework"] == ["tf", "torch"]
    # shards by part: the day ranges follow each other from day 1, and the last one is open-ended
    ranges = [tuple(int(n) for n in r.split("-")) for r in matrix["days"]]
    assert ranges[0][0] == 1 and all(b[0] == a[1] + 1 for a, b in zip(ranges, ranges[1:])), ranges
    assert ranges[-1][1] >= 999 and all(first <= last for first, last in ranges)
    shard_run = next(s["run"] for s in jobs["tests"]["steps"] if "pytest" in s.get("run", ""))
    assert '--days "${DAYS}"' in shard_run
    deploy = jobs["deploy"]
    assert set(deploy["needs"]) == {"tests", "site"}
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages@" in s.get("uses", "") for s in deploy["steps"])
    assert any("upload-pages-artifact@" in s.get("uses", "") for s in jobs["site"]["steps"])
    # CI publishes what it tested: the shards upload their results, the site job builds from them with running off
    assert any("upload-artifact@" in s.get("uses", "") and "results-" in s.get("with", {}).get("name", "")
               for s in jobs["tests"]["steps"])
    assert "tests" in jobs["site"]["needs"] and jobs["site"]["env"]["VERIFIED_NO_RUN"] == "1"
    assert any("download-artifact@" in s.get("uses", "") and s.get("with", {}).get("pattern") == "results-*"
               for s in jobs["site"]["steps"])
    assert any("verified.site build" in s.get("run", "") for s in jobs["site"]["steps"])
    gpu = jobs["gpu"]
    assert gpu["runs-on"] == ["self-hosted", "gpu"]
    assert "vars.GPU_TESTS" in gpu["if"] and "inputs.gpu" in gpu["if"]  # skipped, not queued, when off
    assert any("sys.exit(0 if torch.cuda.is_available() and gpus" in s.get("run", "") for s in gpu["steps"])
    assert jobs["zensical"]["continue-on-error"] == "true"


def test_ci_run_uses_the_readme_test_command():
    readme, ci = (ROOT / "README.md").read_text(), (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and re.search(r"^make test$", ci, re.M)
