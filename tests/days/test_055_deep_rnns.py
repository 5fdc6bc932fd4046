"""Day 55 claims: on day 50's sunspot windows, a stack of two 16-unit RNN layers against one layer of 16
(same width) and one of 27 (about the same parameter count), three seeds each, in both frameworks. The second
layer lowers the training error in every seed but not the test error: its mean test RMSE is above the
one-layer model's and above AR(12)'s, and the wide single layer beats the stack in every seed."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
# parameters of an RNN layer: units * (inputs + units + 1) in Keras; PyTorch has a second bias vector
PARAMETERS = {"tf": {(1, 16): 16 * 18 + 17, (2, 16): 16 * 18 + 16 * 33 + 17, (1, 27): 27 * 29 + 28},
              "torch": {(1, 16): 16 * 19 + 17, (2, 16): 16 * 19 + 16 * 34 + 17, (1, 27): 27 * 30 + 28}}


PAIRS = ("one_layer", "two_layers", "wide_layer")


def _out(run, fw, what):
    return run(f"055_deep_rnns/{what}_{fw}.py")


def _table(run, fw):  # (layers, units) -> (train RMSEs by seed, test RMSEs by seed, mean test), all three pairs
    table = {}
    for what in PAIRS:
        out = _out(run, fw, what).stdout
        assert line(out, "model") == "train RMSE by seed   test RMSE by seed   mean test"
        for layers, units, rest in re.findall(r"^(\d) x (\d+):\s+([\d. ]+)$", out, re.M):
            v = numbers(rest)
            if len(v) == 7:
                table[int(layers), int(units)] = (v[0:3], v[3:6], v[6])
    assert list(table) == [(1, 16), (2, 16), (1, 27)]
    return table


@pytest.mark.parametrize("what", PAIRS)
def test_same_settings_and_baseline(run, what):
    tf, torch = (_out(run, fw, what).stdout for fw in ("tf", "torch"))
    head = lambda out: out.split("AR(12) test RMSE:")[0]
    assert_parity(head(tf), head(torch))
    assert value(tf, "AR(12) test RMSE:") == value(torch, "AR(12) test RMSE:") == 19.3  # days 46 and 50


def test_one_layer_is_day_50s_model(run):
    for fw in ("tf", "torch"):
        day50 = run(f"050_forecasting_rnn/forecast_{fw}.py").stdout
        rows = re.findall(r"^seed \d: train RMSE\s+([\d.]+), test RMSE\s+([\d.]+)", day50, re.M)
        train, test, _ = _table(run, fw)[1, 16]
        assert [float(a) for a, _ in rows] == train and [float(b) for _, b in rows] == test
        # the spread of one model across seeds, quoted on the page (the "one seed" pitfall)
        assert (min(test), max(test)) == {"tf": (17.7, 24.4), "torch": (18.2, 19.0)}[fw]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_parameter_counts_and_shapes(run, fw):
    outs = [_out(run, fw, what).stdout for what in PAIRS]
    counts = {(int(l), int(u)): int(n) for out in outs
              for l, u, n in re.findall(r"^(\d) x (\d+): (\d+) parameters$", out, re.M)}
    out = outs[1]
    assert counts == PARAMETERS[fw]
    assert abs(counts[1, 27] - counts[2, 16]) < 0.05 * counts[2, 16]  # "about the same"
    shapes = line(out, "two layers:")
    if fw == "tf":  # the first layer returns all 12 states, the second only its last
        assert shapes == "layer outputs (None, 12, 16) (None, 16)"
    else:  # the top layer's 12 states; one last state per layer
        assert shapes == "top states (1, 12, 16) last states (2, 1, 16)"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_what_depth_buys(run, fw):
    table = _table(run, fw)
    ar = value(_out(run, fw, "two_layers").stdout, "AR(12) test RMSE:")
    for train, test, mean in table.values():
        assert mean == pytest.approx(sum(test) / 3, abs=0.051)
        assert all(tr < te for tr, te in zip(train, test))
    one, two, wide = table[1, 16], table[2, 16], table[1, 27]
    assert all(d < o for d, o in zip(two[0], one[0]))  # the stack fits the training years better, every seed
    assert two[2] > one[2] and two[2] > ar  # but its mean test RMSE is higher than one layer's and AR(12)'s
    assert all(w < d for w, d in zip(wide[1], two[1]))  # one wide layer beats the stack in every seed
    assert wide[2] < one[2] and all(w < ar for w in wide[1])  # and beats AR(12) in every seed
