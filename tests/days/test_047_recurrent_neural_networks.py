"""Day 47 claims: a hand-written RNN loop equals SimpleRNN and nn.RNN with copied weights (float32, within
1e-6); the two frameworks give the same hidden states with the same weights (checked against NumPy here);
the parameter count does not grow with the sequence length; the shared weight's gradient is the sum of its
per-step uses (checked against backpropagation through time written out in NumPy)."""
import re

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
TOLERANCE = 1e-6  # stated on the page


def _out(run, what, fw):
    return run(f"047_recurrent_neural_networks/{what}_{fw}.py").stdout


def _reference():
    """The snippets' shared weights and data, in float64, and the unrolled hidden states."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 6, 3)).astype(np.float32).astype(float)
    W_xh = rng.normal(size=(3, 4)).astype(np.float32).astype(float) * 0.5
    W_hh = rng.normal(size=(4, 4)).astype(np.float32).astype(float) * 0.5
    b = np.full(4, 0.1)
    hs = [np.zeros((2, 4))]
    for t in range(6):
        hs.append(np.tanh(X[:, t] @ W_xh + hs[-1] @ W_hh + b))
    return X, W_hh, hs


def _states(out):
    rows = [numbers(r.split(":", 1)[1]) for r in out.splitlines() if re.match(r"^h_\d+:", r)]
    assert len(rows) == 6 and all(len(r) == 4 for r in rows)
    return np.array(rows)


@pytest.mark.parametrize("what", ["cell", "sharing"])
def test_same_settings(run, what):
    tf, torch = (_out(run, what, fw) for fw in ("tf", "torch"))
    settings = lambda out: "\n".join(out.splitlines()[:6])
    assert_parity(settings(tf), settings(torch))
    assert settings(tf) == settings(torch)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_hand_loop_equals_builtin(run, fw):
    out = _out(run, "cell", fw)
    assert value(out, "tolerance:") == TOLERANCE
    every, last = value(out, "max |hand - built-in|, every step:"), value(out, "max |hand - built-in|, last state:")
    shared = value(out, "max |hand - built-in|, shared weights:")
    assert 0 <= last <= every < TOLERANCE and shared < TOLERANCE
    assert line(out, "within tolerance:") == "True"
    assert line(out, "output shape (batch, steps, hidden):") == "(2, 6, 4)"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_weight_layouts(run, fw):
    out = _out(run, "cell", fw)
    if fw == "tf":
        expected = {"kernel": "(3, 4)", "recurrent_kernel": "(4, 4)", "bias": "(4,)"}
    else:
        expected = {"weight_ih_l0": "(4, 3)", "weight_hh_l0": "(4, 4)", "bias_ih_l0": "(4,)", "bias_hh_l0": "(4,)"}
    found = dict(re.findall(r"^parameter (\w+): (\(.*\))$", out, flags=re.M))
    assert found == expected


def test_frameworks_agree_with_shared_weights(run):
    tf, torch = (_states(_out(run, "cell", fw)) for fw in ("tf", "torch"))
    np.testing.assert_array_equal(tf, torch)  # identical to the printed 4 decimals
    _, _, hs = _reference()
    np.testing.assert_allclose(tf, np.array(hs[1:])[:, 0], atol=6e-5)
    assert abs(tf[4, 3]) > 0.9  # the page's saturated state: h_5 has a component near -1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_parameters_do_not_grow_with_length(run, fw):
    out = _out(run, "sharing", fw)
    rows = re.findall(r"^\s+(\d+)\s+(\d+)\s+(\(\d+, \d+\))\s+(\d+)\s+(\d+)$", out, flags=re.M)
    assert [int(r[0]) for r in rows] == [5, 50, 500]
    per_layer = 4 * (3 + 4 + 1) + (4 if fw == "torch" else 0)  # PyTorch: a second bias vector
    for steps, rnn, shape, untied, dense in rows:
        steps, rnn, untied, dense = int(steps), int(rnn), int(untied), int(dense)
        assert rnn == per_layer and shape == "(1, 4)"
        assert untied == steps * per_layer and dense == steps * 3 * 4 + 4
    assert per_layer == {"tf": 32, "torch": 36}[fw]


def _bptt():
    """Each step's contribution to d loss / d W_hh for loss = sum(h_T ** 2), by hand."""
    X, W_hh, hs = _reference()
    dh, parts = 2 * hs[-1], [None] * 6
    for t in range(6, 0, -1):
        dz = dh * (1 - hs[t] ** 2)
        parts[t - 1] = hs[t - 1].T @ dz
        dh = dz @ W_hh.T
    return float((hs[-1] ** 2).sum()), parts


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_shared_gradient_is_the_sum_over_steps(run, fw):
    out = _out(run, "sharing", fw)
    loss, parts = _bptt()
    assert value(out, "loss:") == pytest.approx(loss, abs=2e-5)
    assert value(out, "loss, untied copies:") == value(out, "loss:")
    norms = [value(out, f"step {t}: |gradient of its copy| =") for t in range(1, 7)]
    np.testing.assert_allclose(norms, [np.linalg.norm(p) for p in parts], atol=2e-5)
    assert norms[0] == 0 and min(norms[1:]) > 0.1 and max(norms) == norms[-1]
    assert np.all(np.diff(norms) > 0)  # here they shrink with distance from the loss
    assert value(out, "|shared gradient| =") == pytest.approx(np.linalg.norm(sum(parts)), abs=2e-5)
    assert value(out, "max |shared - sum of the copies'|:") < TOLERANCE


def test_gradients_agree_across_frameworks(run):
    tf, torch = (_out(run, "sharing", fw) for fw in ("tf", "torch"))
    block = lambda out: out.split("loss:", 1)[1].split("max |shared")[0]
    assert_parity(block(tf), block(torch))
