"""Day 6 claims: softmax regression written by hand clears the accuracy bar, its loss starts at ln 10 and
falls every epoch, and the twins (same data, initial weights and minibatches) agree number for number."""
import math
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

BAR = 0.85  # the test-accuracy bar stated on the page
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _train(run, fw):
    return run(f"006_softmax_regression_scratch/train_{fw}.py")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_test_accuracy_above_bar(run, fw):
    out = _train(run, fw).stdout
    assert value(out, "test accuracy:") > BAR
    assert value(out, "train accuracy:") >= value(out, "test accuracy:")
    # the page: test accuracy (0.883 on A/B/C) below training accuracy (0.930): fits its own images a little better
    assert 0.86 < value(out, "test accuracy:") < 0.91
    assert value(out, "train accuracy:") > value(out, "test accuracy:") + 0.02


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_initial_loss_is_ln10(run, fw):
    # near-zero weights give every class probability 1/10
    assert abs(value(_train(run, fw).stdout, "initial train loss:") - math.log(10)) < 0.05
    # the page: 2.311, just above ln 10 = 2.303
    assert 0 < value(_train(run, fw).stdout, "initial train loss:") - math.log(10) < 0.01


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_loss_falls_every_epoch(run, fw):
    out = _train(run, fw).stdout
    epochs = [float(m) for m in re.findall(r"^epoch \d+: train loss ([\d.]+)$", out, flags=re.M)]
    losses = [value(out, "initial train loss:")] + epochs
    assert len(losses) == 11
    assert all(later < earlier for earlier, later in zip(losses, losses[1:]))
    assert losses[-1] < 0.35
    # the page: steeply in the first epoch (0.577 on A/B/C), then slowly (0.2755 after ten)
    assert losses[1] < losses[0] / 3
    assert losses[1] - losses[-1] < losses[0] - losses[1]
    assert losses[-1] < 0.3


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_two_figures(run, fw):
    assert len(_train(run, fw).figures) == 2  # loss curve, weight templates


def test_twins_agree(run):
    # same settings, data order, NumPy initial weights and minibatches: the same numbers, to the printed digit
    assert_parity(_train(run, "tf").stdout, _train(run, "torch").stdout)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_settings_and_split(run, fw):
    out = _train(run, fw).stdout
    assert line(out, "learning rate:") == "0.5 batch size: 200"
    assert line(out, "epochs:") == "10 seed: 0"
    assert value(out, "minibatches per epoch:") == 20
    assert line(out, "digits:") == "5000 train: 4000 test: 1000"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_softmax_ignores_a_shift_of_the_logits(run, fw):
    out = _train(run, fw).stdout
    plain, shifted = numbers(line(out, "softmax of [1, 2, 3] + 0:")), numbers(line(out, "softmax of [1, 2, 3] + 100:"))
    expected = [math.exp(k) / sum(math.exp(j) for j in (1, 2, 3)) for k in (1, 2, 3)]
    assert plain == shifted
    assert plain == pytest.approx(expected, abs=1e-4)


def _pitfalls(run, fw):
    return run(f"006_softmax_regression_scratch/pitfalls_{fw}.py").stdout


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_unscaled_pixels_break_training(run, fw):
    """Pitfall: the same start and learning rate on raw 0-255 pixels: inf loss, then nan weights after one step."""
    out = _pitfalls(run, fw)
    assert line(out, "pixels from") == "0.0 to 255.0"
    assert line(out, "learning rate:") == "0.5 batch size: 200"  # the training snippet's settings
    # scaled: one step lowers the loss from about ln 10 to well below it (2.3108 -> 1.9003 on A/B/C)
    before, after = numbers(line(out, "scaled: loss"))
    assert math.isfinite(before) and after < before
    assert abs(before - math.log(10)) < 0.05 and after < math.log(10) - 0.2
    assert line(out, "scaled: all weights nan after one step:") == "False"
    # unscaled: the loss is already infinite, and one step makes every weight nan
    assert line(out, "unscaled: loss") == "inf, after one step nan"
    assert line(out, "unscaled: all weights nan after one step:") == "True"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_one_hot_sum_gives_nan_where_picking_does_not(run, fw):
    """Pitfall: 0 * log 0 = nan in sum(one_hot * log p); picking P[i, y_i] stays finite."""
    out = _pitfalls(run, fw)
    assert line(out, "row 1, class 0 exactly 0:") == "True"
    assert numbers(line(out, "probabilities, row 1:"))[0] == 0.0
    picked = value(out, "batch loss, picking P[i, y_i]:")
    # rows [0, 200, 199] with label 1 and [1, 2, 3] with label 2: -log of 1/(1 + e^-1) and of softmax(3)
    expected = -(math.log(1 / (1 + math.exp(-1))) + math.log(math.exp(3) / sum(math.exp(k) for k in (1, 2, 3)))) / 2
    assert picked == pytest.approx(expected, abs=1e-4)
    assert line(out, "batch loss, one-hot sum:") == "nan"


def test_pitfalls_twins_agree(run):
    tf, torch = _pitfalls(run, "tf"), _pitfalls(run, "torch")
    assert_parity(tf, torch)  # to the printed digit; inf and nan are asserted per framework above
