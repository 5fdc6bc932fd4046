"""Day 56 claims: a bidirectional LSTM's output is [forward LSTM on x ; backward LSTM on reversed x, reversed
back] (copied weights, both frameworks), 2 * units features and twice the parameters; on a tagging task whose
labels need the markers on both sides, a BiLSTM is right on every step while an LSTM that reads left to right
stays at the best a left-to-right reader can do, for every seed."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
UNITS, FEATURES = 4, 3
BIAS = {"tf": 1, "torch": 2}  # Keras: one bias per gate; PyTorch: bias_ih and bias_hh


def _out(run, what, fw):
    return run(f"056_bidirectional_lstm/{what}_{fw}.py").stdout


def test_same_settings(run):
    for what, n in (("concat", 7), ("tagging", 12)):
        tf, torch = (_out(run, what, fw) for fw in ("tf", "torch"))
        settings = lambda out: "\n".join(out.splitlines()[:n])
        assert_parity(settings(tf), settings(torch))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_bidirectional_is_two_lstms_concatenated(run, fw):
    out = _out(run, "concat", fw)
    assert line(out, "output shape:").endswith("(2, 5, 8)")  # 2 * UNITS features
    assert value(out, "max abs difference, [forward ; backward] vs built-in:") < 1e-6
    assert line(out, "within tolerance:").endswith("True")
    assert line(out, "forward half equals forward LSTM:").endswith("True")
    label = "backward go_backwards:" if fw == "tf" else "backward weights end in _reverse:"
    assert line(out, label).endswith("True")  # how each framework stores the backward direction
    fwd = value(out, "step 1 after changing later steps, forward half changed by")
    bwd = value(out, "step 1 after changing later steps, backward half changed by")
    assert fwd == 0 and bwd > 1e-2


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_parameter_cost_doubles(run, fw):
    out = _out(run, "concat", fw)
    one = 4 * (UNITS * (FEATURES + UNITS) + BIAS[fw] * UNITS)
    assert value(out, "parameters, one LSTM:") == one
    assert value(out, "parameters, bidirectional:") == 2 * one
    assert value(out, "ratio:") == 2.0
    assert numbers(line(out, "formula"))[-1] == one


def _seeds(out):
    rows = re.findall(r"^seed \d: BiLSTM ([\d.]+), LSTM ([\d.]+); between markers ([\d.]+), ([\d.]+)$", out, re.M)
    assert len(rows) == 3
    return [[float(x) for x in r] for r in rows]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_bilstm_solves_lstm_cannot(run, fw):
    out = _out(run, "tagging", fw)
    f = value(out, "marker steps:")
    bound = value(out, "best left-to-right accuracy:")
    assert bound == pytest.approx(f + (1 - f) / 3, abs=1.5e-3)
    majority = value(out, "majority class accuracy:")
    assert majority < 0.2
    for bi, uni, bi_between, uni_between in _seeds(out):
        assert bi > 0.99 and bi_between > 0.99  # every seed: (nearly) every step right
        assert uni < bound + 0.02  # never meaningfully above what reading left to right allows
        assert abs(uni_between - 1 / 3) < 0.04  # between markers: a guess among 3 kinds
        assert uni > majority  # but it learns what it can: the left marker
    rows = _seeds(out)
    for i, name in enumerate(["BiLSTM", "LSTM"]):
        mean, low, high = numbers(line(out, f"{name}: mean"))
        col = [r[i] for r in rows]
        assert mean == pytest.approx(sum(col) / 3, abs=1.5e-3) and (low, high) == (min(col), max(col))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_tagger_parameters(run, fw):
    out = _out(run, "tagging", fw)
    lstm = lambda units: 4 * (units * (7 + units) + BIAS[fw] * units)
    head = 2 * 16 * 9 + 9
    assert numbers(line(out, "parameters:")) == [2 * lstm(16) + head, lstm(32) + head]
