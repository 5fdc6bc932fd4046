"""Day 16 claims: built-in RMSprop equals the page's rule (by hand, in float64 here, and in the other
framework) once the defaults are aligned; the defaults and epsilon placement differ as the page says; on
the day-15 problem RMSprop escapes Adagrad's stall and ends in the predicted 2-cycle.
The page quotes the run's rates and distances as markers; these tests hold them to a float64 NumPy replay
of the same 300 steps (bands, since float32 kernels may differ across CPUs), not to digits."""
import re

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers

A, W0 = np.array([1.0, 25.0]), np.array([-4.0, 1.0])  # the bowl and start the snippets use
LR, RHO, EPS, STEPS = 0.1, 0.9, 1e-10, 3
ATOL = 2e-6  # float32 arithmetic, printed at six decimals
DIFFER = ("default", "first step on a gradient")  # each twin shows its own framework


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
    rows = [numbers(r) for r in out.splitlines() if re.match(rf"^{t}\s+-?\d+\.\d{{6}}\s", r)]
    assert len(rows) == 1, out
    _, a1, a2, b1, b2, gap, r1, r2 = rows[0]
    return np.array([a1, a2]), np.array([b1, b2]), gap, np.array([r1, r2])


def same_only(text):
    return "\n".join(r for r in text.splitlines() if not r.startswith(DIFFER))


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_built_in_equals_hand_written_equals_rule(run, fw):
    out = run(f"016_rmsprop/step_{fw}.py").stdout
    for t, (expected, rate) in enumerate(zip(*reference()), start=1):
        built_in, by_hand, gap, rates = printed(out, t)
        assert gap < 1  # millionths: "the gap column stays below one millionth"
        np.testing.assert_allclose(built_in, by_hand, rtol=0, atol=ATOL)
        np.testing.assert_allclose(built_in, expected, rtol=0, atol=ATOL)
        np.testing.assert_allclose(rates, rate, rtol=0, atol=ATOL)


def test_step_parity(run):
    tf, torch = run("016_rmsprop/step_tf.py").stdout, run("016_rmsprop/step_torch.py").stdout
    assert_parity(same_only(tf), same_only(torch))
    assert same_only(tf) == same_only(torch)  # "the two frameworks print the same table to every digit"


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_defaults_and_epsilon_placement(run, fw):
    out = run(f"016_rmsprop/step_{fw}.py").stdout
    # Keras: lr 0.001, rho 0.9, epsilon 1e-7 inside the root; PyTorch: lr 0.01, alpha 0.99, eps 1e-8 outside
    assert numbers(line(out, "default learning rate:")) == ([0.001, 0.9, 1e-7] if fw == "tf" else [0.01, 0.99, 1e-8])
    assert line(out, "default momentum:") == "0, centered: False"
    # a gradient of 1e-4, decay 0.9, default epsilon: v = 0.1 * 1e-8
    g, v = 1e-4, (1 - RHO) * 1e-8
    expected = g / np.sqrt(v + 1e-7) if fw == "tf" else g / (np.sqrt(v) + 1e-8)
    first = numbers(line(out, "first step on a gradient of 1e-4:"))[0]
    assert first == pytest.approx(expected, abs=1e-3)
    assert (first < 1) if fw == "tf" else (first > 3)  # the two frameworks' steps differ tenfold


def test_first_step_and_difference_from_sgd_and_adagrad(run):
    out = run("016_rmsprop/step_torch.py").stdout
    # v starts at zero, so the first step is lr / sqrt(1 - rho) ~ 3.16 lr per parameter
    np.testing.assert_allclose(printed(out, 1)[0], W0 - LR / np.sqrt(1 - RHO) * np.sign(A * W0), atol=ATOL)
    first = numbers(line(out, "first step:"))
    assert first[2] == 1 and first[:2] == pytest.approx([LR / np.sqrt(1 - RHO)] * 2, abs=1e-4)
    assert first[3] == round(LR / np.sqrt(1 - RHO), 4) and first[0] > 3 * LR  # "more than three times"
    third = printed(out, 3)[0]
    assert np.abs(third - reference("sgd")[0][2]).max() > 0.1
    assert np.abs(third - reference("adagrad")[0][2]).max() > 0.1


def replay(kind, steps=300):
    """Adagrad or RMSprop as the page writes them, on the bowl in float64: effective rates and positions."""
    w, v, rates, path = W0.copy(), np.zeros(2), [], []
    for _ in range(steps):
        g = A * w
        v = RHO * v + (1 - RHO) * g**2 if kind == "rmsprop" else v + g**2
        rate = LR / (np.sqrt(v) + EPS)
        w = w - rate * g
        rates.append(rate)
        path.append(w)
    return np.array(rates), np.array(path)


def fix(out):
    rows = {}
    for r in out.splitlines():
        if m := re.match(r"^(adagrad|rmsprop)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", r):
            rows[m.group(1), int(m.group(2))] = [float(m.group(i)) for i in (3, 4, 5)]
    assert sorted(rows) == sorted((n, t) for n in ("adagrad", "rmsprop") for t in (10, 60, 300)), out
    return rows


def test_fix_parity(run):
    tf, torch = run("016_rmsprop/fix_tf.py"), run("016_rmsprop/fix_torch.py")
    assert_parity(tf.stdout, torch.stdout)
    assert tf.stdout == torch.stdout  # "Both frameworks print the same numbers", not only to one unit
    assert len(tf.figures) == len(torch.figures) == 1


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_rmsprop_escapes_the_stall_as_quoted(run, fw):
    out = run(f"016_rmsprop/fix_{fw}.py").stdout
    rows = fix(out)
    dist = {k: v[2] for k, v in rows.items()}
    rates = {k: np.array(v[:2]) for k, v in rows.items()}
    assert dist["rmsprop", 60] < 0.02 < 2 < dist["adagrad", 60]
    assert dist["rmsprop", 300] < dist["adagrad", 300] / 10
    assert (rates["rmsprop", 300] > rates["rmsprop", 10]).all()  # RMSprop's rates recover ...
    assert line(out, "adagrad w1 rate rose at some step:") == "False"  # ... Adagrad's w1 rate never does
    # every printed rate and distance is the float64 replay's, to 1% (float32 and CPU kernels move digits)
    for kind in ("adagrad", "rmsprop"):
        ref_rates, ref_path = replay(kind)
        for t in (10, 60, 300):
            np.testing.assert_allclose(rates[kind, t], ref_rates[t - 1], rtol=1e-2, atol=1e-4)  # 4 decimals
            assert dist[kind, t] == pytest.approx(np.linalg.norm(ref_path[t - 1]), rel=1e-2)
    # it passes within 1e-4 of the minimum, then its growing rate overshoots
    closest, at = numbers(line(out, "rmsprop closest approach:"))
    assert closest < 1e-4 and 60 < at < 100 and closest < dist["rmsprop", 300] / 100


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_rmsprop_ends_in_the_predicted_cycle(run, fw):
    out = run(f"016_rmsprop/fix_{fw}.py").stdout
    rows = fix(out)
    # with a constant learning rate RMSprop ends in a 2-cycle at |w| = lr/2, its rates at 2 / curvature
    np.testing.assert_allclose(rows["rmsprop", 300][:2], 2 / A, rtol=1e-3)
    assert rows["rmsprop", 300][2] == pytest.approx(LR / np.sqrt(2), abs=1e-4)
    last, low, high = numbers(line(out, "rmsprop |w| over the last"))
    assert last == 50 and high - low < 1e-3  # a settled cycle, not a snapshot
    assert LR / 2 - 5e-4 < low <= high < LR / 2 + 5e-4
