"""Day 16 claims: built-in RMSprop equals the page's rule (by hand, in float64 here, and in the other
framework) once the defaults are aligned; on the day-15 problem it escapes Adagrad's stall."""
import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers

A, W0 = np.array([1.0, 25.0]), np.array([-4.0, 1.0])  # the bowl and start the snippets use
LR, RHO, EPS, STEPS = 0.1, 0.9, 1e-10, 3
ATOL = 2e-6  # float32 arithmetic, printed at six decimals


def reference(kind="rmsprop"):
    """RMSprop as the page writes it (or Adagrad, or plain SGD), in float64 NumPy."""
    w, v, path, rates = W0.copy(), np.zeros(2), [], []
    for _ in range(STEPS):
        g = A * w
        v = RHO * v + (1 - RHO) * g**2 if kind == "rmsprop" else v + g**2
        rate = np.full(2, LR) if kind == "sgd" else LR / (np.sqrt(v) + EPS)
        w = w - rate * g
        path.append(w)
        rates.append(rate)
    return path, rates


def printed(out, t):
    built_in, by_hand, gap = np.split(np.array(numbers(line(out, f"rmsprop step {t}:"))), [2, 4])
    return built_in, by_hand, gap[0], np.array(numbers(line(out, f"rates step {t}:")))


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_built_in_equals_hand_written_equals_rule(run, fw):
    out = run(f"016_rmsprop/step_{fw}.py").stdout
    for t, (expected, rate) in enumerate(zip(*reference()), start=1):
        built_in, by_hand, gap, rates = printed(out, t)
        assert gap < 1e-6
        np.testing.assert_allclose(built_in, by_hand, rtol=0, atol=ATOL)
        np.testing.assert_allclose(built_in, expected, rtol=0, atol=ATOL)
        np.testing.assert_allclose(rates, rate, rtol=0, atol=ATOL)


def test_step_parity(run):
    tf, torch = run("016_rmsprop/step_tf.py").stdout, run("016_rmsprop/step_torch.py").stdout
    assert_parity(tf, torch, rtol=0, atol=ATOL)


def test_first_step_and_difference_from_sgd_and_adagrad(run):
    out = run("016_rmsprop/step_torch.py").stdout
    # v starts at zero, so the first step is lr / sqrt(1 - rho) ~ 3.16 lr per parameter
    np.testing.assert_allclose(printed(out, 1)[0], W0 - LR / np.sqrt(1 - RHO) * np.sign(A * W0), atol=ATOL)
    third = printed(out, 3)[0]
    assert np.abs(third - reference("sgd")[0][2]).max() > 0.1
    assert np.abs(third - reference("adagrad")[0][2]).max() > 0.1


def test_rmsprop_escapes_the_stall(run):
    tf, torch = run("016_rmsprop/fix_tf.py"), run("016_rmsprop/fix_torch.py")
    assert_parity(tf.stdout, torch.stdout, rtol=1e-3, atol=1e-4)  # printed at four decimals
    out = tf.stdout
    keys = [(name, t) for name in ("adagrad", "rmsprop") for t in (10, 60, 300)]
    rates = {(n, t): np.array(numbers(line(out, f"{n} step {t}:"))[:2]) for n, t in keys}
    dist = {(n, t): numbers(line(out, f"{n} step {t}:"))[-1] for n, t in keys}
    assert dist["rmsprop", 60] < 0.02 < 2 < dist["adagrad", 60]
    assert dist["rmsprop", 300] < dist["adagrad", 300] / 10
    assert (rates["rmsprop", 300] > rates["rmsprop", 10]).all()  # RMSprop's rates recover ...
    assert (rates["adagrad", 300] < rates["adagrad", 10]).all()  # ... Adagrad's only shrink
    closest = numbers(line(out, "rmsprop closest approach:"))
    assert closest[0] < 1e-4 and 60 <= closest[1] <= 80  # it gets there, then its growing rate overshoots
    # with a constant learning rate RMSprop ends in a 2-cycle at w = +-lr/2, its rates at 2 / curvature
    np.testing.assert_allclose(rates["rmsprop", 300], 2 / A, rtol=1e-3)
    np.testing.assert_allclose(numbers(line(out, "rmsprop final |w|:")), [LR / 2, LR / 2], atol=1e-4)
    assert len(tf.figures) == len(torch.figures) == 1


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_fix_numbers_as_quoted(run, fw):
    out = run(f"016_rmsprop/fix_{fw}.py").stdout
    dist = lambda name, t: numbers(line(out, f"{name} step {t}:"))[-1]
    rates = lambda name, t: numbers(line(out, f"{name} step {t}:"))[:2]
    assert dist("adagrad", 60) == pytest.approx(2.70, abs=5e-3)
    assert dist("rmsprop", 60) == pytest.approx(0.0102, abs=5e-5)
    assert dist("adagrad", 300) == pytest.approx(1.31, abs=5e-3)
    assert dist("rmsprop", 300) == pytest.approx(LR / np.sqrt(2), abs=1e-4)  # 0.0707
    assert rates("rmsprop", 10) == pytest.approx([0.041, 0.013], abs=6e-4)
    assert rates("rmsprop", 300) == pytest.approx([2.0, 0.08], abs=1e-3)
    assert numbers(line(out, "rmsprop closest approach:")) == pytest.approx([6.4e-5, 72], abs=1e-6)
