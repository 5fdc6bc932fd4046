"""Day 4 claims: built-in layer, loss and optimizer recover the same weights as day 3's hand-written SGD; the
twins agree on their settings and results; MSELoss broadcasts (n,) targets with a warning where Keras reshapes."""
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "004_linear_regression_concise"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _weights(text, which):
    if which == "true":  # "true w: [2.0, -3.4] true b: 4.2" -> ([2.0, -3.4], 4.2)
        *w, b = numbers(line(text, "true w:"))
        return w, b
    return numbers(line(text, f"{which} w:")), value(text, f"{which} b:")


def _max_gap(a, b):
    (w1, b1), (w2, b2) = a, b
    return max([abs(p - q) for p, q in zip(w1, w2)] + [abs(b1 - b2)])


def _lines(text, prefixes):
    return "\n".join(row for row in text.splitlines() if row.startswith(prefixes))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_recovers_day_3_true_weights(run, fw):
    day3 = run(f"003_linear_regression_scratch/train_{fw}.py").stdout
    day4 = run(f"{DAY}/train_{fw}.py").stdout
    # same data as day 3: the true weights printed by day 3 are the ones day 4 must find
    assert _weights(day4, "true") == _weights(day3, "true")
    assert _max_gap(_weights(day4, "learned"), _weights(day3, "true")) < 0.05
    # and the built-in pieces land where the hand-written SGD did
    assert _max_gap(_weights(day4, "learned"), _weights(day3, "learned")) < 0.01
    # the loss reaches the noise floor (noise variance 1e-4) by the last epoch, not below it
    assert 5e-5 < value(day4, "epoch 3: mean minibatch loss") < 2e-4
    # the page: within 1e-3 of the true weights; fit's first-epoch mean of minibatch losses is about 2.9,
    # from a starting loss of about 33
    assert value(day4, "error in w:") < 1e-3 and value(day4, "error in b:") < 1e-3
    assert 2.5 < value(day4, "epoch 1: mean minibatch loss") < 3.5
    assert 30 < value(day4, "loss before training:") < 36


def test_twins_agree_on_settings_and_results(run):
    tf, torch = run(f"{DAY}/train_tf.py").stdout, run(f"{DAY}/train_torch.py").stdout
    # settings, data and the shared starting point: the same to the last printed digit
    exact = ("examples:", "learning rate:", "batch size:", "true w:", "loss before training:")
    assert_parity(_lines(tf, exact), _lines(torch, exact))
    # fit and the DataLoader shuffle with different generators, so the batch orders differ: the epoch losses
    # agree to 1% (relative; they differ by 0.3% here), the learned weights to 0.05% (relative)
    assert_parity(_lines(tf, ("epoch",)), _lines(torch, ("epoch",)), rtol=1e-2)
    assert value(tf, "epoch 1: mean minibatch loss") != value(torch, "epoch 1: mean minibatch loss")  # "differ"
    assert_parity(_lines(tf, ("learned",)), _lines(torch, ("learned",)), rtol=5e-4)


def test_weight_layouts_differ(run):
    assert line(run(f"{DAY}/train_tf.py").stdout, "kernel shape (in, out):") == "(2, 1)"
    assert line(run(f"{DAY}/train_torch.py").stdout, "weight shape (out, in):") == "(1, 2)"


def test_mse_broadcasts_flat_targets_in_pytorch_only(run):
    """Pitfall: with targets of shape (n,), nn.MSELoss broadcasts to (n, n) and warns; Keras reshapes them."""
    tf, torch = run(f"{DAY}/train_tf.py").stdout, run(f"{DAY}/train_torch.py").stdout
    for text in (tf, torch):
        assert value(text, "loss, targets (4, 1):") == 0.0  # predictions equal to the targets
    assert value(tf, "loss, targets (4,):") == 0.0  # Keras reshapes: still 0
    assert value(torch, "loss, targets (4,):") > 1  # PyTorch compares every pair: far from 0
    # on all the data, with the trained model: Keras (inside evaluate, a compiled graph) at the noise floor,
    # PyTorch near twice the variance of the targets, about 30
    assert 5e-5 < value(tf, "trained model, targets (n,):") < 2e-4
    assert 20 < value(torch, "trained model, targets (n,):") < 40
    assert line(tf, "warnings:") == "0"
    assert line(torch, "warnings:") == "2 UserWarning"  # one per call, under simplefilter("always")
    # under Python's default filter, once per code location: 5 calls in a loop, 1 warning
    assert value(torch, "warnings from 5 calls, default filter:") == 1
    assert value(tf, "warnings from 5 calls, default filter:") == 0
    assert line(torch, "warning says:") == "This will likely lead to incorrect results due to broadcasting"


def test_default_initialisations_differ(run):
    """Pitfall: Glorot uniform (limit sqrt(6 / 200) = 0.173) with a zero bias in Keras; uniform with bound
    1 / sqrt(100) = 0.1 for weight and bias in PyTorch."""
    tf, torch = run(f"{DAY}/train_tf.py").stdout, run(f"{DAY}/train_torch.py").stdout
    # the largest of 10,000 uniform draws sits at the limit, to the printed 3 decimals
    assert abs(value(tf, "default init, 100 x 100: max |w|") - (6 / 200) ** 0.5) <= 1e-3
    assert abs(value(torch, "default init, 100 x 100: max |w|") - 1 / 100 ** 0.5) <= 1e-3
    assert line(tf, "default bias all zero:") == "True"
    assert line(torch, "default bias all zero:") == "False"
