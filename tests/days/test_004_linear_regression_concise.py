"""Day 4 claims: built-in layer, loss and optimizer recover the same weights as day 3's hand-written SGD."""
import pytest

from verified.testing import line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _weights(text, which):
    # "learned w: [2.0002, -3.3994] learned b: 4.2001" -> ([2.0002, -3.3994], 4.2001)
    *w, b = numbers(line(text, f"{which} w:"))
    return w, b


def _max_gap(a, b):
    (w1, b1), (w2, b2) = a, b
    return max([abs(p - q) for p, q in zip(w1, w2)] + [abs(b1 - b2)])


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_recovers_day_3_true_weights(run, fw):
    day3 = run(f"003_linear_regression_scratch/train_{fw}.py").stdout
    day4 = run(f"004_linear_regression_concise/train_{fw}.py").stdout
    # same data as day 3: the true weights printed by day 3 are the ones day 4 must find
    assert _weights(day4, "true") == _weights(day3, "true")
    assert _max_gap(_weights(day4, "learned"), _weights(day3, "true")) < 0.05
    assert value(day4, "error in w:") < 0.05 and value(day4, "error in b:") < 0.05
    # and the built-in pieces land where the hand-written SGD did
    assert _max_gap(_weights(day4, "learned"), _weights(day3, "learned")) < 0.01
    # the loss reaches the noise floor (noise variance 1e-4) by the last epoch
    assert value(day4, "epoch 3: mean minibatch loss") < 2e-4
    assert value(day4, "epoch 3: mean minibatch loss") > 5e-5  # at the floor, about 1e-4, not below it
    # the page: within 1e-3 of the true weights; fit's first-epoch mean of minibatch losses is about 2.9
    assert value(day4, "error in w:") < 1e-3 and value(day4, "error in b:") < 1e-3
    assert 2.5 < value(day4, "epoch 1: mean minibatch loss") < 3.5


def test_twins_recover_the_same_weights(run):
    # the shuffling orders differ (Keras vs DataLoader), so compare the results, not the trajectories
    tf = _weights(run("004_linear_regression_concise/train_tf.py").stdout, "learned")
    torch = _weights(run("004_linear_regression_concise/train_torch.py").stdout, "learned")
    assert _max_gap(tf, torch) < 0.01


def test_weight_layouts_differ(run):
    assert line(run("004_linear_regression_concise/train_tf.py").stdout, "kernel shape (in, out):") == "(2, 1)"
    assert line(run("004_linear_regression_concise/train_torch.py").stdout, "weight shape (out, in):") == "(1, 2)"
