"""Day 14 claims: built-in SGD with momentum equals the page's update rule (by hand, in float64 here,
and in the other framework); momentum and Nesterov beat plain gradient descent on the bowl."""
import math

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers

A, W0 = np.array([1.0, 25.0]), np.array([-4.0, 1.0])  # the bowl and start the snippets use
LR, MU, STEPS = 0.05, 0.7, 3
METHODS = {"sgd": (0.0, False), "heavy-ball": (MU, False), "nesterov": (MU, True)}
ATOL = 2e-6  # float32 arithmetic, printed at six decimals


def reference(momentum, nesterov):
    """The page's rule, written once more in float64 NumPy, independent of both frameworks."""
    w, b, path = W0.copy(), np.zeros(2), []
    for _ in range(STEPS):
        g = A * w
        b = momentum * b + g
        w = w - LR * ((g + momentum * b) if nesterov else b)
        path.append(w)
    return path


def printed(out, name, t):
    built_in, by_hand, gap = np.split(np.array(numbers(line(out, f"{name} step {t}:"))), [2, 4])
    return built_in, by_hand, gap[0]


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_built_in_equals_hand_written_equals_rule(run, fw):
    out = run(f"014_momentum/step_{fw}.py").stdout
    for name, (momentum, nesterov) in METHODS.items():
        for t, expected in enumerate(reference(momentum, nesterov), start=1):
            built_in, by_hand, gap = printed(out, name, t)
            assert gap < 1e-6
            np.testing.assert_allclose(built_in, by_hand, rtol=0, atol=ATOL)
            np.testing.assert_allclose(built_in, expected, rtol=0, atol=ATOL)


def test_step_parity(run):
    tf, torch = run("014_momentum/step_tf.py").stdout, run("014_momentum/step_torch.py").stdout
    assert_parity(tf, torch, rtol=0, atol=ATOL)


def test_momentum_changes_the_steps(run):
    out = run("014_momentum/step_torch.py").stdout
    sgd = [printed(out, "sgd", t)[0] for t in (1, 2, 3)]
    heavy = [printed(out, "heavy-ball", t)[0] for t in (1, 2, 3)]
    nesterov = [printed(out, "nesterov", t)[0] for t in (1, 2, 3)]
    # the buffer starts at zero: heavy-ball's first step is plain SGD's ...
    np.testing.assert_allclose(heavy[0], sgd[0], atol=ATOL)
    # ... and after that it is not; Nesterov's first step is already (1 + mu) times longer
    assert np.abs(heavy[2] - sgd[2]).max() > 0.1
    np.testing.assert_allclose(nesterov[0], W0 - LR * (1 + MU) * A * W0, atol=ATOL)


def test_bowl_race(run):
    tf, torch = run("014_momentum/bowl_tf.py"), run("014_momentum/bowl_torch.py")
    assert_parity(tf.stdout, torch.stdout, rtol=1e-4, atol=0)
    steps = {name: numbers(line(tf.stdout, f"{name}:"))[-1] for name in ("gradient descent", "heavy-ball", "nesterov")}
    # plain GD crawls along w1 at (1 - lr * 1) per step: loss 8 * 0.95^(2t) reaches 1e-6 after ~155 steps
    predicted = math.log(8 / 1e-6) / (-2 * math.log(1 - LR * A[0]))
    assert abs(steps["gradient descent"] - predicted) <= 2
    assert steps["gradient descent"] > 3 * steps["heavy-ball"]
    assert steps["nesterov"] < steps["heavy-ball"]
    assert len(tf.figures) == len(torch.figures) == 1


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_race_step_counts_as_quoted(run, fw):
    out = run(f"014_momentum/bowl_{fw}.py").stdout
    steps = [numbers(line(out, f"{name}:"))[-1] for name in ("gradient descent", "heavy-ball", "nesterov")]
    assert steps == [155, 47, 37]  # the page quotes these for both frameworks


def test_modulus_claims():
    # heavy ball spirals (complex roots) in both coordinates with modulus sqrt(mu) ~ 0.84;
    # Nesterov's slow coordinate has modulus sqrt(mu (1 - lr lambda_min)) ~ 0.82
    for lam in A:
        assert (1 + MU - LR * lam) ** 2 < 4 * MU
    assert round(math.sqrt(MU), 2) == 0.84
    assert round(math.sqrt(MU * (1 - LR * A[0])), 2) == 0.82
