"""Day 57 claims: a bidirectional layer's many-to-one output is [forward state after the last step ; backward
state after step 0] (Keras return_sequences=False; PyTorch h_n[-2], h_n[-1]), not the sequence output at the
last step; in PyTorch h_n[0], h_n[1] are the first layer's ends; classifying whole sequences, a bag-of-words model
solves both versions of the task, a BiLSTM and an LSTM of about the same size both solve it when the class symbol
sits near the end, and only the BiLSTM in every seed when it sits near the start."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
BIAS = {"tf": 1, "torch": 2}  # Keras: one bias per gate; PyTorch: bias_ih and bias_hh


def _out(run, what, fw):
    return run(f"057_sequence_classification_bilstm/{what}_{fw}.py").stdout


def test_same_settings(run):
    for what, n in (("states", 7), ("start", 13), ("end", 13)):
        tf, torch = (_out(run, what, fw) for fw in ("tf", "torch"))
        settings = lambda out: "\n".join(out.splitlines()[:n])
        assert_parity(settings(tf), settings(torch))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_final_states_combined(run, fw):
    out = _out(run, "states", fw)
    assert numbers(line(out, "every step:")) == [2, 5, 8, 2, 8]
    assert value(out, "final vs [forward at step T-1 ; backward at step 0]:") < 1e-6
    assert line(out, "within tolerance:").endswith("True")
    assert value(out, "final vs the sequence output at step T-1:") > 1e-2
    assert line(out, "forward half agrees:").endswith("True")
    assert line(out, "backward half agrees:").endswith("False")
    if fw == "torch":
        assert numbers(line(out, "h_n shape")) == [2, 2, 4]
        assert numbers(line(out, "two layers, h_n shape:")) == [4, 2, 4]
        assert value(out, "two layers, h_n[0], h_n[1] vs the first layer's ends:") < 1e-6
    assert numbers(line(out, "two layers, final shape:")) == [2, 8]
    assert value(out, "two layers, final vs the top layer's ends:") < 1e-6


def _runs(out, where):
    rows = re.findall(rf"^\s*{where}, seed \d: BiLSTM ([\d.]+), LSTM ([\d.]+)$", out, re.M)
    assert len(rows) == 3
    return [(float(a), float(b)) for a, b in rows]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_where_the_evidence_sits(run, fw):
    for where in ("end", "start"):
        out = _out(run, where, fw)
        assert line(out, "where:").endswith(where)
        assert 0.5 <= value(out, "majority class accuracy (test):") < 0.53
        assert value(out, "bag-of-words accuracy (test):") > 0.99  # order ignored, still solved
        runs = _runs(out, where)
        for i, name in enumerate(["BiLSTM", "LSTM"]):
            mean, low, high = numbers(line(out, f"{name}: mean"))
            col = [r[i] for r in runs]
            assert mean == pytest.approx(sum(col) / 3, abs=1.5e-3) and (low, high) == (min(col), max(col))
    for bi, uni in _runs(_out(run, "end", fw), "end"):  # near the end: both solve it
        assert bi > 0.99 and uni > 0.99
    for bi, uni in _runs(_out(run, "start", fw), "start"):  # near the start: only the BiLSTM, every seed
        assert bi > 0.95
        assert abs(uni - 0.5) < 0.05  # the LSTM is guessing at this budget


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_similar_parameter_counts(run, fw):
    out = _out(run, "start", fw)
    lstm = lambda u: 4 * (u * (6 + u) + BIAS[fw] * u)
    bi, uni = numbers(line(out, "parameters:"))
    assert (bi, uni) == (2 * lstm(16) + 32 * 2 + 2, lstm(24) + 24 * 2 + 2)
    assert abs(bi - uni) / bi < 0.01
