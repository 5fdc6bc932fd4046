"""Day 15 claims: built-in Adagrad equals the page's rule (by hand, in float64 here, and in the other
framework) once the defaults are aligned; per-parameter rates; the effective rate that shrinks and stalls."""
import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers

A, W0 = np.array([1.0, 25.0]), np.array([-4.0, 1.0])  # the bowl and start the snippets use
LR, EPS, STEPS = 0.1, 1e-10, 3
ATOL = 2e-6  # float32 arithmetic, printed at six decimals


def reference(adagrad=True):
    """Adagrad as the page writes it (or plain SGD), in float64 NumPy, independent of both frameworks."""
    w, G, path, rates = W0.copy(), np.zeros(2), [], []
    for _ in range(STEPS):
        g = A * w
        G = G + g**2
        rate = LR / (np.sqrt(G) + EPS) if adagrad else np.full(2, LR)
        w = w - rate * g
        path.append(w)
        rates.append(rate)
    return path, rates


def printed(out, t):
    built_in, by_hand, gap = np.split(np.array(numbers(line(out, f"adagrad step {t}:"))), [2, 4])
    return built_in, by_hand, gap[0], np.array(numbers(line(out, f"rates step {t}:")))


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_built_in_equals_hand_written_equals_rule(run, fw):
    out = run(f"015_adagrad/step_{fw}.py").stdout
    for t, (expected, rate) in enumerate(zip(*reference()), start=1):
        built_in, by_hand, gap, rates = printed(out, t)
        assert gap < 1e-6
        np.testing.assert_allclose(built_in, by_hand, rtol=0, atol=ATOL)
        np.testing.assert_allclose(built_in, expected, rtol=0, atol=ATOL)
        np.testing.assert_allclose(rates, rate, rtol=0, atol=ATOL)


def test_step_parity(run):
    tf, torch = run("015_adagrad/step_tf.py").stdout, run("015_adagrad/step_torch.py").stdout
    assert_parity(tf, torch, rtol=0, atol=ATOL)


def test_per_parameter_rates(run):
    out = run("015_adagrad/step_torch.py").stdout
    built_in, _, _, rates = printed(out, 1)
    # first step: rate = lr / |g| per parameter, so each parameter moves by exactly lr
    np.testing.assert_allclose(rates, LR / np.abs(A * W0), atol=ATOL)
    np.testing.assert_allclose(built_in, W0 - LR * np.sign(A * W0), atol=ATOL)
    # and Adagrad is not SGD: after three steps the two are far apart
    assert np.abs(printed(out, 3)[0] - reference(adagrad=False)[0][2]).max() > 0.1


def test_effective_rate_shrinks_and_stalls(run):
    tf, torch = run("015_adagrad/stall_tf.py"), run("015_adagrad/stall_torch.py")
    assert_parity(tf.stdout, torch.stdout, rtol=1e-3, atol=1e-5)  # printed at five decimals
    rates = {t: np.array(numbers(line(tf.stdout, f"step {t}:"))[:2]) for t in (1, 10, 100, 300)}
    distance = {t: numbers(line(tf.stdout, f"step {t}:"))[-1] for t in (1, 10, 100, 300)}
    assert all((rates[a] >= rates[b]).all() for a, b in [(1, 10), (10, 100), (100, 300)])  # never grows
    assert rates[300][0] < rates[1][0] / 9  # w1's rate fell more than ninefold
    assert distance[300] > 1.0  # 300 steps later, still more than a quarter of the way from the minimum
    assert len(tf.figures) == len(torch.figures) == 1


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_stall_numbers_as_quoted(run, fw):
    out = run(f"015_adagrad/stall_{fw}.py").stdout
    rates = {t: numbers(line(out, f"step {t}:"))[:2] for t in (1, 10, 100, 300)}
    # w1's rate: 0.025, 0.0085, 0.0034, 0.0026 at steps 1, 10, 100, 300
    assert [rates[t][0] for t in (1, 10, 100, 300)] == pytest.approx([0.025, 0.0085, 0.0034, 0.0026], abs=5e-5)
    # w2's rate freezes at 0.00126 once w2 sits at the bottom of its valley
    assert rates[100][1] == rates[300][1] == pytest.approx(0.00126, abs=5e-6)
    assert numbers(line(out, "step 300:"))[-1] == pytest.approx(1.31, abs=5e-3)
    assert np.linalg.norm(W0) == pytest.approx(4.1, abs=0.05)  # where it started
