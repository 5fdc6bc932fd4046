"""Day 3 claims: minibatch SGD written by hand recovers the true weights; the twins follow the same trajectory."""
import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _weights(text, which):
    # "true w: [2.0, -3.4] true b: 4.2" -> ([2.0, -3.4], 4.2)
    *w, b = numbers(line(text, f"{which} w:"))
    return w, b


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_recovers_true_weights(run, fw):
    result = run(f"003_linear_regression_scratch/train_{fw}.py")
    true_w, true_b = _weights(result.stdout, "true")
    learned_w, learned_b = _weights(result.stdout, "learned")
    assert true_w == [2.0, -3.4] and true_b == 4.2
    assert max(abs(p - q) for p, q in zip(learned_w, true_w)) < 0.05
    assert abs(learned_b - true_b) < 0.05
    assert value(result.stdout, "error in w:") < 0.05
    assert value(result.stdout, "error in b:") < 0.05
    # the loss falls to the noise floor: noise std 0.01, variance 1e-4
    assert value(result.stdout, "epoch 3: loss") < 2e-4
    assert len(result.figures) == 1  # the loss curve


def test_twins_follow_the_same_trajectory(run):
    # same data, initial weights and batch order (all from one NumPy generator): same numbers
    tf = run("003_linear_regression_scratch/train_tf.py").stdout
    torch = run("003_linear_regression_scratch/train_torch.py").stdout
    assert_parity(tf, torch, rtol=1e-3, atol=1e-4)
