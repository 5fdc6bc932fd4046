"""Day 35 claims: LeNet-5 at its original 32x32 size has 61,706 parameters in both frameworks and by the page's
formula (the same with the 28x28 input padded by 2); the 1998 paper's variant has exactly 60,000 trainable
parameters; trained on the MNIST sample it passes the stated test-accuracy bar with every seed in both."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

BAR = 0.9  # test accuracy required in every seed and framework, stated on the page
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
NAMES = {"tf": "TensorFlow", "torch": "PyTorch"}
MODERN = (25 + 1) * 6 + (25 * 6 + 1) * 16 + (25 * 16 + 1) * 120 + (120 + 1) * 84 + (84 + 1) * 10


def _out(run, what, fw):
    return run(f"035_lenet/{what}_{fw}.py")


def test_settings_and_shapes_agree(run):
    for what in ("build", "train"):
        tf, torch = (_out(run, what, fw).stdout for fw in ("tf", "torch"))
        head = lambda out: "\n".join(l for l in out.splitlines() if not l.startswith(("seed", "test accuracy", "train:")))
        assert_parity(head(tf), head(torch))
    assert "(4000, 28, 28, 1)" in line(tf, "train:") and "(4000, 1, 28, 28)" in line(torch, "train:")  # NHWC, NCHW


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_parameter_count_and_formula(run, fw):
    out = _out(run, "build", fw).stdout
    assert MODERN == 61706
    assert value(out, f"parameters, {NAMES[fw]}:") == MODERN
    assert value(out, "parameters, formula:") == MODERN
    assert value(out, "parameters, 28x28 with padding 2:") == MODERN
    assert line(out, "C1 output on 28x28:").endswith("6x28x28")
    shapes = re.findall(r"^\s*(\w+): output\s+(\S+), parameters (\d+)$", out, flags=re.M)
    assert [s[1] for s in shapes] == ["6x28x28", "6x14x14", "16x10x10", "16x5x5", "120x1x1", "120", "84", "10"]
    assert [int(s[2]) for s in shapes] == [156, 0, 2416, 0, 48120, 0, 10164, 850]
    assert sum(int(s[2]) for s in shapes) == MODERN


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_paper_count(run, fw):
    out = _out(run, "build", fw).stdout
    parts = {k: value(out, f"paper, {k}:") for k in ("C1", "S2", "C3", "S4", "C5", "F6")}
    assert parts == {"C1": 156, "S2": 12, "C3": 25 * 60 + 16, "S4": 32, "C5": 48120, "F6": 10164}
    assert value(out, "paper, trainable total:") == sum(parts.values()) == 60000
    assert value(out, "paper, fixed RBF output weights:") == 840


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_accuracy_bar_every_seed(run, fw):
    result = _out(run, "train", fw)
    out = result.stdout
    rows = [[float(x) for x in m] for m in re.findall(
        r"^seed \d: train accuracy ([\d.]+), test accuracy ([\d.]+)$", out, flags=re.M)]
    assert len(rows) == 3
    assert all(test > BAR for _, test in rows)
    assert all(train > test for train, test in rows)  # the page: train above test in every run
    mean, low, high = numbers(line(out, "test accuracy: mean"))
    tests = [t for _, t in rows]
    assert mean == pytest.approx(sum(tests) / 3, abs=1.5e-3) and (low, high) == (min(tests), max(tests))
    assert len(result.figures) == 1
