"""Day 3 claims: minibatch SGD written by hand recovers the true weights; the twins follow the same trajectory."""
import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _weights(text, which):
    if which == "true":  # "true w: [2.0, -3.4] true b: 4.2" -> ([2.0, -3.4], 4.2)
        *w, b = numbers(line(text, "true w:"))
        return w, b
    return numbers(line(text, "learned w:")), value(text, "learned b:")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_recovers_true_weights(run, fw):
    result = run(f"003_linear_regression_scratch/train_{fw}.py")
    true_w, true_b = _weights(result.stdout, "true")
    learned_w, learned_b = _weights(result.stdout, "learned")
    assert true_w == [2.0, -3.4] and true_b == 4.2
    # the settings the page quotes: 1000 examples, batches of 10, 3 epochs, 100 steps each, rate 0.03
    assert value(result.stdout, "learning rate:") == 0.03
    assert numbers(line(result.stdout, "batch size:")) == [10, 3]
    assert value(result.stdout, "steps per epoch:") == 100 and value(result.stdout, "steps in all:") == 300
    assert max(abs(p - q) for p, q in zip(learned_w, true_w)) < 0.05
    assert abs(learned_b - true_b) < 0.05
    assert value(result.stdout, "error in w:") < 0.05
    assert value(result.stdout, "error in b:") < 0.05
    # the loss falls to the noise floor: noise std 0.01, variance 1e-4
    assert value(result.stdout, "epoch 3: loss") < 2e-4
    # the numbers the page quotes: errors of about 2e-4 and 8e-4, epoch-1 loss 2.1e-4, then about 9.6e-5
    assert value(result.stdout, "error in w:") < 1e-3
    assert value(result.stdout, "error in b:") < 2e-3
    assert 1.5e-4 < value(result.stdout, "epoch 1: loss") < 3e-4
    for epoch in (2, 3):
        assert 8e-5 < value(result.stdout, f"epoch {epoch}: loss") < 1.2e-4  # at the noise variance 1e-4
    # five orders of magnitude in the first epoch (first minibatch loss 34)
    first = value(result.stdout, "first minibatch loss:")
    assert first > 10 and first / value(result.stdout, "epoch 1: loss") > 1e5
    assert 1e5 < value(result.stdout, "first minibatch / epoch-1 loss:") < 1e6
    assert len(result.figures) == 1  # the loss curve


def test_twins_follow_the_same_trajectory(run):
    # same data, initial weights and batch order (all from one NumPy generator): same numbers
    tf = run("003_linear_regression_scratch/train_tf.py").stdout
    torch = run("003_linear_regression_scratch/train_torch.py").stdout
    # to the printed precision (4 significant digits for the losses): a learning rate of 0.031 or a batch
    # size of 11 in one twin changes the epoch-1 loss in its second digit
    assert_parity(tf, torch)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_replacing_a_parameter_loses_its_gradient(run, fw):
    """Pitfall: w = w - lr * grad makes a new tensor, no longer a Variable (TF) or a leaf (PyTorch): no gradient."""
    text = run(f"003_linear_regression_scratch/train_{fw}.py").stdout
    assert line(text, "still a parameter after p = p - lr:") == "False"
    assert line(text, "its gradient:") == "None"
