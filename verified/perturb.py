"""Prove that every claims test can fail: run each one against perturbed outputs.

A pytest plugin (`-p verified.perturb`, with VERIFIED_PERTURB_REPORT=<file.json>): each collected test in
tests/days/ is run once per perturbation below instead of once; the `run` fixture (tests/conftest.py) hands it
perturbed results. A test "can fail" when at least one perturbation makes it fail with an AssertionError
(not with a missing-output lookup or another exception). The report maps each test id to the perturbations
that made it fail.

Perturbations keep the output's shape, so a test that only reads values without asserting anything about them
still passes every one of them:
- every printed number nudged up (integers +1, decimals x1.25 plus one unit in the last digit, keeping their
  printed digits) or down (-1, x0.8 minus one unit), in the TensorFlow output only, the PyTorch output only, or
  both; on `label: value` lines only the numbers after the label move;
- the twins' outputs swapped;
- figures dropped;
- True and False swapped.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re

import pytest

KINDS = ["up:tf", "up:torch", "up:both", "down:tf", "down:torch", "down:both", "swap", "nofig", "bool"]
CURRENT: dict = {"kind": None}
FREE_NUMBER = re.compile(r"(?<![\w.])([-+]?)(\d+)(?:\.(\d+))?(?:([eE])([-+]?\d+))?(?![\w])")


def _nudge_number(m: re.Match, up: bool) -> str:
    sign, whole, frac, e, exp = m.groups()
    if frac is None and e is None:
        value = int(sign + whole) + (1 if up else -1)
        return str(value)
    digits = len(frac or "")
    mantissa = float(sign + whole + ("." + frac if frac else ""))
    unit = 10.0 ** -digits
    new = mantissa * 1.25 + unit if up else mantissa * 0.8 - unit
    text = f"{new:.{digits}f}"
    return text + (f"{e}{exp}" if e else "")


def nudge(text: str, up: bool) -> str:
    rows = []
    for row in text.split("\n"):
        head, sep, rest = row.partition(": ")
        if sep and not FREE_NUMBER.fullmatch(head.strip()):
            rows.append(head + sep + FREE_NUMBER.sub(lambda m: _nudge_number(m, up), rest))
        else:
            rows.append(FREE_NUMBER.sub(lambda m: _nudge_number(m, up), row))
    return "\n".join(rows)


def flip_booleans(text: str) -> str:
    return re.sub(r"\b(True|False)\b", lambda m: "False" if m.group(1) == "True" else "True", text)


def _with_text(result, change):
    cells = [dataclasses.replace(c, stdout=change(c.stdout)) for c in result.cells]
    return dataclasses.replace(result, stdout=change(result.stdout), cells=cells)


def apply(result, snippet_id: str, run_other):
    """The result a test sees under the current perturbation; run_other(id) fetches the twin's result."""
    kind = CURRENT["kind"]
    if kind is None:
        return result
    framework = "tf" if snippet_id.endswith("_tf.py") else "torch"
    if kind == "swap":
        twin = snippet_id[: -len(f"_{framework}.py")] + ("_torch.py" if framework == "tf" else "_tf.py")
        try:
            return run_other(twin)
        except Exception:
            return result
    if kind == "nofig":
        cells = [dataclasses.replace(c, figures=[]) for c in result.cells]
        return dataclasses.replace(result, figures=[], cells=cells)
    if kind == "bool":
        return _with_text(result, flip_booleans)
    direction, which = kind.split(":")
    if which in (framework, "both"):
        return _with_text(result, lambda t: nudge(t, direction == "up"))
    return result


# --- the plugin ------------------------------------------------------------------------------------------
_FAILED: dict[str, list[str]] = {}
_SEEN: dict[str, str] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Call a claims test once per perturbation, with its fixtures already set up, and record what failed."""
    if "tests/days/" not in str(pyfuncitem.path).replace("\\", "/"):
        return None
    from verified.testing import MissingOutput

    args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    _SEEN[pyfuncitem.nodeid] = "ran"
    try:
        for kind in KINDS:
            CURRENT["kind"] = kind
            try:
                pyfuncitem.obj(**args)
            except pytest.skip.Exception:
                _SEEN[pyfuncitem.nodeid] = "skipped"
                break
            except MissingOutput:
                pass
            except AssertionError:
                _FAILED.setdefault(pyfuncitem.nodeid, []).append(kind)
            except Exception:  # noqa: BLE001 - a crash on odd input is not a failed claim
                pass
    finally:
        CURRENT["kind"] = None
    return True


def pytest_sessionfinish(session):
    path = os.environ.get("VERIFIED_PERTURB_REPORT")
    if path:
        report = {nodeid: {"status": status, "failed_under": _FAILED.get(nodeid, [])}
                  for nodeid, status in _SEEN.items()}
        with open(path, "w") as f:
            json.dump(report, f, indent=1)
        session.exitstatus = 0
