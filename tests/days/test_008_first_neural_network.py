"""Day 8 claims: with the same data, loss, optimizer and epochs, one hidden layer beats no hidden layer on
the test digits in both frameworks and every seed, by more than the stated margin and by several paired
standard errors; what holds about the curves across seeds (behind after one epoch, ahead from epoch 4)."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

MARGIN = 0.02  # required test-accuracy gain of the hidden layer in every run, stated on the page
SEEDS = 3
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _compare(run, fw):
    return run(f"008_first_neural_network/compare_{fw}.py")


def _seed_rows(out, pattern):
    return [[float(x) for x in m] for m in re.findall(pattern, out, flags=re.M)]


def _runs(out):  # per seed: linear test accuracy, network test accuracy, gain, network train accuracy
    rows = _seed_rows(out, r"^seed \d: test accuracy ([\d.]+) -> ([\d.]+), gain ([-+][\d.]+), "
                           r"network train accuracy ([\d.]+)$")
    assert len(rows) == SEEDS
    return rows


def _lead(out):  # the lead table: one row per seed, then min and max rows
    table = [numbers(r.split(":", 1)[1]) for r in out.splitlines() if re.match(r"^seed \d: [-+]", r)]
    assert len(table) == SEEDS and all(len(r) == 10 for r in table)
    return table, numbers(line(out, "min:")), numbers(line(out, "max:"))


def test_same_settings(run):
    tf, torch = (_compare(run, fw).stdout for fw in ("tf", "torch"))
    settings = lambda out: "\n".join(out.splitlines()[:9])  # the label: value lines and the split sizes
    assert_parity(settings(tf), settings(torch))
    assert value(tf, "learning rate:") == 0.2 and value(tf, "hidden:") == 128 and value(tf, "epochs:") == 10


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_hidden_layer_wins_every_seed(run, fw):
    out = _compare(run, fw).stdout
    runs = _runs(out)
    for linear, hidden, gain, _ in runs:
        assert gain == pytest.approx(hidden - linear, abs=1.5e-3)
        assert gain > MARGIN
        # the page: above 0.915 (about 0.92) against between 0.885 and 0.905
        assert 0.915 < hidden < 0.935 and 0.885 < linear < 0.905
    mean, low, high = numbers(line(out, f"gain over {SEEDS} seeds:"))[0:3]
    gains = [r[2] for r in runs]
    assert mean == pytest.approx(sum(gains) / SEEDS, abs=1.5e-3)
    assert (low, high) == (min(gains), max(gains))
    # the margin argument: the paired standard error of the difference, not of one accuracy
    paired = _seed_rows(out, r"^seed \d: only the network right (\d+), only the linear model (\d+), "
                             r"paired SE ([\d.]+)$")
    assert len(paired) == SEEDS
    for (net_only, linear_only, se), (_, _, gain, _) in zip(paired, runs):
        assert (net_only - linear_only) / 1000 == pytest.approx(gain, abs=1.5e-3)
        assert 0.005 < se < 0.009 and gain > 3 * se


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_parameter_counts_and_training_fit(run, fw):
    out = _compare(run, fw).stdout
    assert numbers(line(out, "parameters:")) == [784 * 10 + 10, 784 * 128 + 128 + 128 * 10 + 10]
    assert all(r[3] > 0.99 for r in _runs(out))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_curves_across_seeds(run, fw):
    result = _compare(run, fw)
    table, low, high = _lead(result.stdout)
    assert low == [min(col) for col in zip(*table)] and high == [max(col) for col in zip(*table)]
    assert high[0] < 0  # after one epoch the network is behind in every seed
    assert min(low[3:]) > 0  # ahead in every seed from epoch 4 on
    assert min(low[5:]) >= 0.02  # and from epoch 6 on by at least 0.02 (0.021 on C)
    assert value(result.stdout, "best linear, any seed and epoch:") < 0.91  # the linear model levels off
    # the linear model's test accuracy (mean over seeds) plateaus from epoch 3 while its training loss still falls
    accuracy, loss = numbers(line(result.stdout, "linear, accuracy:")), numbers(line(result.stdout, "linear, train loss:"))
    assert len(accuracy) == len(loss) == 10
    assert max(accuracy[2:]) - min(accuracy[2:]) < 0.01 and max(accuracy) < 0.91
    assert all(later < earlier for earlier, later in zip(loss, loss[1:]))  # not converged
    assert 0.15 < loss[-1] < 0.2
    assert len(result.figures) == 1


def test_epoch_two_depends_on_the_seed(run):
    (_, tf_low, tf_high), (_, torch_low, torch_high) = (_lead(_compare(run, fw).stdout) for fw in ("tf", "torch"))
    # at epoch 2 the network is behind in some runs and ahead in others, depending on seed and framework (the
    # page fills the per-framework ranges from the output): on machines A, B and C every TensorFlow seed was
    # ahead there (min +0.007 on C) and some PyTorch seed behind (min -0.030 on all three)
    assert min(tf_low[1], torch_low[1]) < 0 < max(tf_high[1], torch_high[1])
    assert tf_low[1] > 0 > torch_low[1]
