"""Day 7 claims: the concise model matches day 6's bar with the same named settings in both twins; naive
softmax/cross-entropy overflow while the fused built-in loss stays finite and equals the stable log-sum-exp
computed by hand; Keras clips probabilities unless the loss receives the softmax's own output."""
import math
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

BAR = 0.85  # the same bar as day 6
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
SETTINGS = {"seed:": 0, "n train:": 4000, "learning rate:": 0.5, "batch size:": 200, "epochs:": 10}


def _out(run, what, fw):
    return run(f"007_softmax_regression_concise/{what}_{fw}.py")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_concise_model_clears_the_bar(run, fw):
    out = _out(run, "train", fw).stdout
    assert value(out, "parameters:") == 784 * 10 + 10
    assert value(out, "test accuracy:") > BAR
    epochs = [float(m) for m in re.findall(r"^epoch \d+: mean minibatch loss ([\d.]+)$", out, flags=re.M)]
    assert len(epochs) == 10
    assert 0.95 < epochs[0] < 1.15  # an average over the first epoch, not day 6's end-of-epoch loss
    day6_out = run(f"006_softmax_regression_scratch/train_{fw}.py").stdout
    assert abs(value(out, "test accuracy:") - value(day6_out, "test accuracy:")) < 0.02  # the page: same as day 6
    day6 = value(day6_out, "epoch 1: train loss")
    assert epochs[0] > 1.3 * day6  # the page: well above the loss day 6 measured after the epoch
    assert all(later < earlier for earlier, later in zip(epochs, epochs[1:]))
    assert line(out, "predictions:") == line(out, "labels:")  # all five shown predictions are right


def test_same_settings_similar_accuracy(run):
    tf, torch = (_out(run, "train", fw).stdout for fw in ("tf", "torch"))
    for label, expected in SETTINGS.items():  # the page's learning rate and batch size, in both twins
        assert value(tf, label) == value(torch, label) == expected, label
    a, b = value(tf, "test accuracy:"), value(torch, "test accuracy:")
    assert abs(a - b) < 0.02  # different initialisation and shuffling, same model


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_naive_overflows_fused_does_not(run, fw):
    out = _out(run, "overflow", fw).stdout
    assert line(out, "exp(89) in float32:") == "inf"
    assert numbers(line(out, "float32 max:")) == pytest.approx([3.403e38, 88.7], rel=1e-4)  # e^88.7 overflows
    assert numbers(line(out, "smallest normal:")) == pytest.approx([1.2e-38, -87.3], rel=1e-4)
    assert value(out, "exp(x) rounds to 0 below x =") == -104.0
    assert all(math.isnan(v) for v in numbers(line(out, "naive softmax:"))[:3])  # the (1000, 999, 998) row
    exact = [math.exp(-k) / (1 + math.exp(-1) + math.exp(-2)) for k in range(3)]
    probs = numbers(line(out, "shifted softmax:"))
    assert probs[:3] == pytest.approx(exact, abs=1e-4) and probs[5] == 0.0  # e^(-200) rounds to 0
    naive, shifted = numbers(line(out, "naive loss:")), numbers(line(out, "shifted loss:"))
    assert not any(math.isfinite(v) for v in naive)
    assert math.isfinite(shifted[0]) and math.isinf(shifted[1])  # shifting fixes overflow, not log(0)
    stable, fused = numbers(line(out, "stable by hand:")), numbers(line(out, "fused built-in:"))
    assert all(math.isfinite(v) for v in fused)
    assert fused == pytest.approx(stable, abs=1e-4)
    assert fused == pytest.approx([math.log(1 + math.exp(-1) + math.exp(-2)), 200.0], abs=1e-4)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_only_fused_survives_the_sweep(run, fw):
    result = _out(run, "overflow", fw)
    assert value(result.stdout, "naive loss finite up to s =") < 89  # e^s overflows just past 88.7
    assert value(result.stdout, "shifted loss finite up to s =") < 104  # e^(-s) rounds to 0
    assert value(result.stdout, "fused loss finite up to s =") == 150.0
    assert len(result.figures) == 1


def test_overflow_table_parity(run):
    def table(text):  # the two examples; the sweep's end points differ by design (subnormals, see below)
        rows = text.splitlines()
        return "\n".join(rows[:rows.index(next(r for r in rows if "finite up to" in r))])

    tf, torch = (_out(run, "overflow", fw).stdout for fw in ("tf", "torch"))
    assert_parity(table(tf), table(torch))
    assert value(tf, "naive loss finite up to s =") == 87.0
    assert value(torch, "shifted loss finite up to s =") == 103.5
    # PyTorch's naive loss stops at 88.5 (e^89 overflows); TensorFlow's shifted one at 87.0, like its naive
    # one (subnormals flushed to zero)
    assert value(torch, "naive loss finite up to s =") == 88.5
    assert value(tf, "shifted loss finite up to s =") == 87.0


@pytest.mark.tf
def test_keras_clips_only_probabilities_it_cannot_trace(run):
    out = _out(run, "overflow", "tf").stdout
    # the loss receives the softmax's own output directly (a Keras activation eagerly, a model in evaluate and
    # in fit, a tf.nn.softmax op inside a tf.function): the logits are recovered and the loss is the true 100
    for label in ("Keras softmax, eager:", "model ending in softmax, evaluate:",
                  "model ending in softmax, fit:", "tf.nn.softmax inside tf.function:"):
        assert value(out, label) == pytest.approx(100.0, abs=1e-3), label
    # probabilities it cannot trace back are clipped to [1e-7, 1 - 1e-7]: the loss stops at -ln(1e-7); one op
    # after the softmax (a reshape), even inside the same tf.function, is enough to lose the logits
    assert value(out, "Keras clips probabilities, eps =") == pytest.approx(1e-7)
    for label in ("softmax then reshape inside tf.function:", "tf.nn.softmax, eager:",
                  "same probabilities made outside:"):
        assert value(out, label) == pytest.approx(-math.log(1e-7), abs=1e-3), label


@pytest.mark.torch
def test_torch_treats_probabilities_as_logits(run):
    out = _out(run, "overflow", "torch").stdout
    assert value(out, "cross_entropy on the logits:") == pytest.approx(100.0, abs=1e-3)
    bound = math.log(2 + math.e)  # softmax applied to numbers in [0, 1]: the loss cannot exceed this
    assert value(out, "its largest possible value, ln(2 + e):") == pytest.approx(bound, abs=1e-4)
    assert value(out, "cross_entropy on probabilities:") == pytest.approx(bound, abs=1e-4)
