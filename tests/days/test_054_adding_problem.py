"""Day 54 claims: the exact baselines (1/6 for predicting the mean, 1/12 knowing only the later value) and
their test-set values; at 30 steps and 250 Adam updates a plain tanh RNN stays at the level of predicting
the mean in every seed and both frameworks, and a GRU solves the adding problem in every seed."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
SEEDS = 3


def _out(run, model, fw):
    return run(f"054_adding_problem/{model}_{fw}.py")


def _mses(out):
    rows = re.findall(r"^seed \d: test MSE ([\d.]+), prediction std ([\d.]+)$", out, re.M)
    mses = [float(m) for m, _ in rows]
    assert len(mses) == SEEDS
    target_std, mean, low, high = numbers(line(out, "target std"))
    assert mean == pytest.approx(sum(mses) / SEEDS, abs=1.5e-4)
    assert (low, high) == (min(mses), max(mses))
    return mses, [float(s) for _, s in rows], target_std


def _baselines(out):
    exact, test = numbers(line(out, "baseline MSE, predicting the mean 1:"))[-2:]
    later_exact, later_test = numbers(line(out, "MSE knowing only the later value:"))[-2:]
    return exact, test, later_exact, later_test


def test_same_settings_and_data(run):
    outs = [_out(run, m, fw).stdout for m in ("plain_rnn", "gru") for fw in ("tf", "torch")]
    head = lambda out: out[:out.index("parameters:")]  # settings, data and both baselines
    for other in outs[1:]:
        assert_parity(head(outs[0]), head(other))
    assert value(outs[0], "seq len:") == 30 and value(outs[0], "hidden:") == 16
    assert value(outs[0], "updates per seed:") == 250
    assert numbers(line(outs[0], "steps back:")) == [15, 29, 0, 14]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_exact_baselines(run, fw):
    exact, test, later_exact, later_test = _baselines(_out(run, "plain_rnn", fw).stdout)
    assert exact == round(1 / 6, 4) and later_exact == round(1 / 12, 4)
    assert abs(test - exact) < 0.015 and abs(later_test - later_exact) < 0.01


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_plain_rnn_fails_every_seed(run, fw):
    result = _out(run, "plain_rnn", fw)
    exact, test, later_exact, _ = _baselines(result.stdout)
    mses, stds, target_std = _mses(result.stdout)
    assert 0.4 < target_std < 0.43  # sqrt(1/6) = 0.408
    for mse, std in zip(mses, stds):
        assert abs(mse - test) < 0.015  # at the level of predicting the mean
        assert mse > 0.15 > later_exact  # not even the partial solution
        assert std < 0.1 * target_std  # a flat band of predictions
    assert len(result.figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_gru_solves_every_seed(run, fw):
    result = _out(run, "gru", fw)
    exact, *_ = _baselines(result.stdout)
    mses, stds, target_std = _mses(result.stdout)
    for mse, std in zip(mses, stds):
        assert mse < 0.005 and mse < exact / 100
        assert abs(std - target_std) < 0.03  # the predictions vary as the targets do
    assert len(result.figures) == 1


def test_parameter_counts(run):
    count = lambda m, fw: value(_out(run, m, fw).stdout, "parameters:")
    h = 16
    assert count("gru", "tf") == count("gru", "torch") == 3 * (2 * h + h * h + 2 * h) + h + 1
    assert count("plain_rnn", "tf") == 2 * h + h * h + h + h + 1
    assert count("plain_rnn", "torch") - count("plain_rnn", "tf") == h  # two bias vectors
