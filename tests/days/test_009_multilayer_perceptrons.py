"""Day 9 claims: on XOR a straight line can reach 0.700 (2/3 on average), but a linear model trained with
cross-entropy stays at the constant 1/2 (loss near ln 2, accuracy near chance); a stack of linear layers is one
linear map; an MLP solves XOR and beats both the trained linear model and converged logistic regression on two
moons, for every seed."""
import math
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _loss_accuracy(out, name):
    loss, accuracy = numbers(line(out, f"{name}:"))
    return loss, accuracy


def _xor(run, fw):
    return run(f"009_multilayer_perceptrons/xor_{fw}.py")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_a_line_could_do_better_than_cross_entropy_finds(run, fw):
    out = _xor(run, fw).stdout
    best = value(out, "best line, search over 3600 directions:")
    assert best == pytest.approx(0.700, abs=5e-4)  # the page's 400 points
    assert value(out, "the line x2 - x1 = 2/3 on a million fresh points:") == pytest.approx(2 / 3, abs=2e-3)
    ln2 = value(out, "loss of predicting 1/2 everywhere, ln 2:")
    assert ln2 == pytest.approx(math.log(2), abs=5e-4)
    linear_loss, linear_accuracy = _loss_accuracy(out, "linear")
    # cross-entropy's best linear model is the constant 1/2 (by symmetry): loss near ln 2, accuracy near chance
    assert abs(linear_loss - ln2) < 0.02 and linear_loss < ln2
    assert abs(linear_accuracy - 0.5) < 0.05 and linear_accuracy < best - 0.15
    shares = numbers(line(out, "share of class 1:"))  # "0.452, of class 0: 0.548"
    share_1, share_0 = shares[0], shares[-1]
    assert share_1 + share_0 == pytest.approx(1, abs=1e-3) and linear_accuracy < share_0  # below the majority guess


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_stacked_linear_layers_are_one_linear_map(run, fw):
    out = _xor(run, fw).stdout
    linear_loss, linear_accuracy = _loss_accuracy(out, "linear")
    stack_loss, stack_accuracy = _loss_accuracy(out, "three linear layers")
    assert abs(stack_loss - linear_loss) < 0.005  # more linear layers, same function class
    assert abs(stack_accuracy - linear_accuracy) <= 0.01
    # they fail the same way: loss near ln 2, accuracy near chance (A, B, C: 0.686 and 0.520)
    ln2 = value(out, "loss of predicting 1/2 everywhere, ln 2:")
    assert abs(stack_loss - ln2) < 0.02 and stack_loss < ln2 and abs(stack_accuracy - 0.5) < 0.05
    gap = value(out, "three linear layers = one linear map: max difference")
    assert 1e-9 < gap < 1e-6  # float32 rounding


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_mlp_solves_xor(run, fw):
    result = _xor(run, fw)
    loss, accuracy = _loss_accuracy(result.stdout, "MLP, 16 ReLU units")
    assert accuracy > 0.97 and loss < 0.05
    assert accuracy > value(result.stdout, "best line, search over 3600 directions:") + 0.2
    assert len(result.figures) == 1
    # the same comparison over three seeds: the MLP solves XOR in every seed, the linear model never does
    rows = re.findall(r"^seed (\d): linear ([\d.]+), MLP ([\d.]+)$", result.stdout, flags=re.M)
    assert [int(r[0]) for r in rows] == [0, 1, 2]
    mlp = [float(r[2]) for r in rows]
    for _, linear, accuracy in rows:
        assert float(accuracy) > 0.97 and abs(float(linear) - 0.5) < 0.05  # the linear model near chance
    assert value(result.stdout, "MLP, lowest over 3 seeds:") == min(mlp) > 0.97  # A, B, C: 0.995


def test_xor_data_and_line_search_agree(run):
    def head(text):  # settings, data and the line search: the same NumPy code in both twins
        rows = text.splitlines()
        return "\n".join(rows[:next(i for i, r in enumerate(rows) if r.startswith("linear:"))])

    assert_parity(head(_xor(run, "tf").stdout), head(_xor(run, "torch").stdout))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_mlp_beats_linear_on_moons_every_seed(run, fw):
    result = run(f"009_multilayer_perceptrons/moons_{fw}.py")
    out = result.stdout
    baseline = value(out, "scikit-learn logistic regression: test accuracy")
    assert baseline == pytest.approx(0.895, abs=5e-4)  # typed: converged float64 scikit-learn, a count of 200
    rows = re.findall(r"^seed \d: linear ([\d.]+), MLP ([\d.]+), gain ([-+][\d.]+), "
                      r"MLP train accuracy ([\d.]+)$", out, flags=re.M)
    assert len(rows) == 3
    for linear, mlp, gain, mlp_train in ([float(x) for x in row] for row in rows):
        assert gain == pytest.approx(mlp - linear, abs=1.5e-3)
        assert linear <= baseline + 1e-9 < 0.92  # trained linear at most the converged one, both capped
        assert mlp > 0.95 and mlp - baseline > 0.06 and gain > 0.06
        assert abs(mlp_train - mlp) < 0.03  # train and test accuracy close: noise, not capacity, limits it
    assert len(result.figures) == 1
