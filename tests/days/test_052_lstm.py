"""Day 52 claims: an LSTM cell written by hand equals keras.layers.LSTM and nn.LSTM with the same weights
(max abs difference < 1e-6 in float32); Keras stacks the gates i, f, c, o in one kernel, one recurrent kernel
and one bias, PyTorch i, f, g, o transposed with two biases (the only order of 24 that matches); the parameter
counts 4*(h*(h+x)+h) and 4*(h*(h+x)+2h); a forget gate near 1 keeps the cell state, one at 0.5 loses it (what is
left at step 34 with bias 0 is the input gate's trickle, not the stored value)."""
import math

import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "052_lstm"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
H, X = 4, 3  # UNITS, INPUT


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in ("tf", "torch")]


def test_shapes_and_mapping(run):
    tf, torch = outputs(run, "cell")
    assert numbers(line(tf, "kernel:")) == [X, 4 * H]  # (input, 4 units): x @ W
    assert numbers(line(tf, "recurrent_kernel:")) == [H, 4 * H]
    assert numbers(line(tf, "bias:")) == [4 * H]  # one bias
    assert numbers(line(torch, "weight_ih_l0:")) == [4 * H, X]  # (4 units, input): W x
    assert numbers(line(torch, "weight_hh_l0:")) == [4 * H, H]
    assert numbers(line(torch, "bias_ih_l0:")) == numbers(line(torch, "bias_hh_l0:")) == [4 * H]
    assert "bias_hh_l0" not in tf and "recurrent_kernel" not in torch


def test_parameter_counts(run):
    tf, torch = outputs(run, "cell")
    keras, pytorch = 4 * (H * (H + X) + H), 4 * (H * (H + X) + 2 * H)
    assert (keras, pytorch) == (128, 144)
    assert value(tf, "parameters, Keras:") == value(tf, "parameters, 4*(h*(h+x)+h):") == keras
    assert value(torch, "parameters, PyTorch:") == value(torch, "parameters, 4*(h*(h+x)+2h):") == pytorch
    assert pytorch - keras == 4 * H  # the second bias vector


def test_initial_forget_bias(run):
    tf, torch = outputs(run, "cell")
    assert numbers(line(tf, "initial forget-gate bias:")) == [1, 1]  # unit_forget_bias
    low, high = numbers(line(torch, "initial forget-gate bias:"))
    assert -1 <= low < 0 < high <= 1  # two uniform(-1/2, 1/2) draws added


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_hand_cell_equals_built_in(run, fw):
    out = run(f"{DAY}/cell_{fw}.py").stdout
    assert value(out, "tolerance:") == 1e-6
    for what in ("h", "c"):
        assert value(out, f"max |hand - built-in|, {what}:") < 1e-6
    assert line(out, "within tolerance:") == "True"
    assert numbers(line(out, "output shape:")) == [2, 6, H]  # batch, steps, units
    state = {"tf": [2, H, 2, H], "torch": [1, 2, H, 1, 2, H]}[fw]  # PyTorch: (layers, batch, units)
    assert numbers(line(out, "final state shapes:")) == state
    assert line(out, "final h equals the last output:") == "True"
    order = {"tf": "ifco", "torch": "ifgo"}[fw]
    assert line(out, "gate orders tried:") == f"24, matching: 1 ({order})"


def test_twins_agree_with_the_same_weights(run):
    tf, torch = outputs(run, "cell")
    differ = ("kernel", "recurrent", "bias", "weight", "parameters", "initial", "max |", "gate orders",
              "final state")
    keep = lambda out: "\n".join(r for r in out.splitlines() if not r.startswith(differ))
    assert_parity(keep(tf), keep(torch))  # settings, shapes and h, c to 6 decimals
    assert len(numbers(line(tf, "h after the last step, sample 0:"))) == H


def test_forget_gate_keeps_or_loses_the_cell_state(run):
    tf, torch = outputs(run, "memory")
    assert_parity(tf, torch)
    for out in (tf, torch):
        assert numbers(line(out, "forget gate between writes:")) == [0.999955, 10, 0.5, 0]
        assert numbers(line(out, "forget gate at a write:")) == [4.5e-5, 10, 2.1e-9, 0]  # sigmoid(-10), (-20)
        assert value(out, "input gate between writes:") == 4.5e-5  # sigmoid(-10): a trickle gets in
        stored = value(out, "stored at step 5: tanh(value) =")
        keep = numbers(line(out, "bias 10: c at step 5:"))
        leak = numbers(line(out, "bias 0: c at step 5:"))
        assert keep[0] == leak[0] == pytest.approx(stored, abs=2e-4)  # written at step 5
        assert keep[1] == 34 and abs(keep[2] - stored) < 0.002  # kept for 29 steps
        assert leak[2] < 1e-4  # lost
        assert keep[4] == pytest.approx(leak[4], abs=2e-4) and keep[4] < 0  # both overwritten at step 35
        prods = numbers(line(out, "product of forget gates, steps 6-34:"))
        assert prods[0] == pytest.approx((1 / (1 + math.exp(-10))) ** 29, abs=1e-4)  # sigmoid(10)^29
        assert prods[2] == 1.9e-9 == round(0.5 ** 29, 10)  # quoted on the page: 0.5^29, closed form
        kept = numbers(line(out, "c at step 5 x product:"))  # what is left of the stored value
        rest = numbers(line(out, "rest of c at step 34, from the input gate:"))
        assert kept[0] < keep[2]  # bias 10: a little less than c
        assert kept[0] == pytest.approx(keep[0] * prods[0], abs=2e-4)
        assert kept[2] == pytest.approx(leak[0] * 0.5 ** 29, rel=0.05)
        assert rest[1::2] == [10, 0] and 0 < rest[0] < 1e-3  # bias 10: a trickle in all
        assert rest[2] > 1000 * kept[2]  # bias 0: c is thousands of times what is left, nearly all trickle
        assert rest[2] == pytest.approx(leak[2], rel=0.01) and keep[2] - kept[0] == pytest.approx(rest[0], abs=1e-4)


def test_memory_figure(run):
    for fw in ("tf", "torch"):
        assert len(run(f"{DAY}/memory_{fw}.py").figures) == 1
