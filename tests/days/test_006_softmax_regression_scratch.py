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
    # the page quotes 0.883 test and 0.930 train accuracy
    assert 0.87 < value(out, "test accuracy:") < 0.9
    assert 0.92 < value(out, "train accuracy:") < 0.94 and value(out, "train accuracy:") > value(out, "test accuracy:") + 0.02


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
    # the page: steeply in the first epoch (to about 0.58), then slowly to 0.28
    assert 0.5 < losses[1] < 0.65
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
