"""Day 17 claims: built-in Adam equals the page's rule (by hand, in float64 here, and in the other
framework); bias correction makes the first step lr long; the race on the Rosenbrock function."""
import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

W0 = np.array([-1.2, 1.0])  # the start the snippets use
LR, B1, B2, EPS, STEPS = 0.1, 0.9, 0.999, 1e-8, 3
# Keras evaluates beta_2 ** t in float32, where 1 - 0.999 is off by 1.3e-5 relative: each step is off
# by ~6e-6 of its length (0.1), so the tolerance is looser than on days 14-16.
ATOL = 5e-6


def gradient(w):
    x, y = w
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


def reference(kind="adam"):
    """Adam as the page writes it (without bias correction, or plain SGD), in float64 NumPy."""
    w, m, v, path = W0.copy(), np.zeros(2), np.zeros(2), []
    for t in range(1, STEPS + 1):
        g = gradient(w)
        m, v = B1 * m + (1 - B1) * g, B2 * v + (1 - B2) * g**2
        if kind == "adam":
            w = w - LR * (m / (1 - B1**t)) / (np.sqrt(v / (1 - B2**t)) + EPS)
        elif kind == "uncorrected":
            w = w - LR * m / (np.sqrt(v) + EPS)
        else:
            w = w - LR * g
        path.append(w)
    return path


def printed(out, t):
    built_in, by_hand, gap = np.split(np.array(numbers(line(out, f"adam step {t}:"))), [2, 4])
    return built_in, by_hand, gap[0]


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_built_in_equals_hand_written_equals_rule(run, fw):
    out = run(f"017_adam/step_{fw}.py").stdout
    for t, expected in enumerate(reference(), start=1):
        built_in, by_hand, gap = printed(out, t)
        assert gap < ATOL
        np.testing.assert_allclose(built_in, by_hand, rtol=0, atol=ATOL)
        np.testing.assert_allclose(built_in, expected, rtol=0, atol=ATOL)


def test_step_parity(run):
    tf, torch = run("017_adam/step_tf.py").stdout, run("017_adam/step_torch.py").stdout
    assert_parity(tf, torch, rtol=0, atol=ATOL)


def test_bias_correction(run):
    out = run("017_adam/step_torch.py").stdout
    np.testing.assert_allclose(numbers(line(out, "gradient at w0:")), gradient(W0), rtol=1e-6)
    # corrected: m_hat = g and v_hat = g^2 at t = 1, so every parameter moves by lr
    np.testing.assert_allclose(numbers(line(out, "first step length, bias-corrected:")), [LR, LR], atol=ATOL)
    # uncorrected: lr * (1 - beta1) / sqrt(1 - beta2) ~ 3.16 lr
    uncorrected = LR * (1 - B1) / np.sqrt(1 - B2)
    np.testing.assert_allclose(numbers(line(out, "first step length, uncorrected:")), [uncorrected] * 2, atol=ATOL)
    third = printed(out, 3)[0]
    assert np.abs(third - reference("uncorrected")[2]).max() > 0.1
    assert np.abs(third - reference("sgd")[2]).max() > 0.1


def test_race_on_rosenbrock(run):
    tf, torch = run("017_adam/race_tf.py"), run("017_adam/race_torch.py")
    assert_parity(tf.stdout, torch.stdout, rtol=1e-3, atol=1e-4)  # printed at four decimals
    d = {name: value(tf.stdout, f"{name}: distance to (1, 1) after 500 steps")
         for name in ("gradient descent", "momentum 0.9", "adagrad", "rmsprop", "adam")}
    assert d["adam"] < 0.01 and d["momentum 0.9"] < 0.01
    assert min(d["gradient descent"], d["adagrad"], d["rmsprop"]) > 0.5
    assert d["momentum 0.9"] < d["adam"]  # tuned to the edge of divergence, heavy-ball ends closest here
    assert len(tf.figures) == len(torch.figures) == 1


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_race_distances_as_quoted(run, fw):
    out = run(f"017_adam/race_{fw}.py").stdout
    quoted = {"momentum 0.9": 0.0011, "adam": 0.0045, "gradient descent": 0.56, "rmsprop": 0.59, "adagrad": 0.89}
    for name, distance in quoted.items():
        got = value(out, f"{name}: distance to (1, 1) after 500 steps")
        assert got == pytest.approx(distance, abs=5e-5 if distance < 0.01 else 5e-3), name


@pytest.mark.torch
def test_torch_matches_hand_written_exactly(run):
    out = run("017_adam/step_torch.py").stdout
    assert [printed(out, t)[2] for t in range(1, STEPS + 1)] == [0.0] * STEPS


@pytest.mark.tf
def test_keras_first_step_slightly_short(run):
    built_in, by_hand, _ = printed(run("017_adam/step_tf.py").stdout, 1)
    # float32 beta_2 ** t makes Keras's step ~6e-6 of its length shorter: -1.100001, not -1.1
    assert built_in[0] == pytest.approx(-1.100001, abs=1e-7) and by_hand[0] == pytest.approx(-1.1, abs=1e-7)
    assert np.all(np.abs(built_in - W0) < np.abs(by_hand - W0))
