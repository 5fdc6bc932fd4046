"""Day 15 claims: built-in Adagrad equals the page's rule (by hand, in float64 here, and in the other
framework) once the defaults are aligned; the defaults differ as the page says; per-parameter rates; the
effective rate that shrinks and, at lr 0.1, stalls while plain gradient descent gets there; the stall is
a property of that learning rate (w1's reach 2 lr sqrt(300) is below the 4 it must travel), not of
Adagrad: at lr 0.3, 0.5 and 1 the same 300 steps end ever closer, at 1 closer than gradient descent.
The page quotes the run's rates and distances as markers; these tests hold them to a float64 NumPy
replay of the same 300 steps (relative bands, since float32 kernels differ across CPUs), not to digits."""
import re

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

A, W0 = np.array([1.0, 25.0]), np.array([-4.0, 1.0])  # the bowl and start the snippets use
LR, EPS, STEPS = 0.1, 1e-10, 3
ATOL = 2e-6  # float32 arithmetic, printed at six decimals
DIFFER = ("default learning rate", "first step on a gradient")  # each twin shows its own framework


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
    rows = [numbers(r) for r in out.splitlines() if re.match(rf"^{t}\s+-?\d+\.\d{{6}}\s", r)]
    assert len(rows) == 1, out
    _, a1, a2, b1, b2, gap, r1, r2 = rows[0]
    return np.array([a1, a2]), np.array([b1, b2]), gap, np.array([r1, r2])


def same_only(text):
    return "\n".join(r for r in text.splitlines() if not r.startswith(DIFFER))


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_built_in_equals_hand_written_equals_rule(run, fw):
    out = run(f"015_adagrad/step_{fw}.py").stdout
    for t, (expected, rate) in enumerate(zip(*reference()), start=1):
        built_in, by_hand, gap, rates = printed(out, t)
        assert gap < 1  # millionths: "the gap column stays below one millionth"
        np.testing.assert_allclose(built_in, by_hand, rtol=0, atol=ATOL)
        np.testing.assert_allclose(built_in, expected, rtol=0, atol=ATOL)
        np.testing.assert_allclose(rates, rate, rtol=0, atol=ATOL)
    # the remaining difference in where epsilon goes is below eps / sqrt(G) = 1e-10 / 4
    assert numbers(line(out, "smallest sqrt(G):")) == [4.0, 2.5e-11]


def test_step_parity(run):
    tf, torch = run("015_adagrad/step_tf.py").stdout, run("015_adagrad/step_torch.py").stdout
    assert_parity(same_only(tf), same_only(torch))


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_defaults_differ(run, fw):
    out = run(f"015_adagrad/step_{fw}.py").stdout
    defaults = numbers(line(out, "default learning rate:"))
    # Keras: lr 0.001, accumulator 0.1, epsilon 1e-7 (inside the root); PyTorch: 0.01, 0, 1e-10, lr_decay 0
    assert defaults == ([0.001, 0.1, 1e-7] if fw == "tf" else [0.01, 0, 1e-10, 0])
    # a gradient of 0.01: Keras's accumulator of 0.1 shrinks the first step to about 0.03 lr
    first = numbers(line(out, "first step on a gradient of 0.01:"))[0]
    expected = 0.01 / np.sqrt(0.1 + 0.01**2 + 1e-7) if fw == "tf" else 1.0
    assert first == pytest.approx(expected, abs=5e-5)
    assert first == (0.0316 if fw == "tf" else 1.0)


def test_per_parameter_rates(run):
    out = run("015_adagrad/step_torch.py").stdout
    built_in, _, _, rates = printed(out, 1)
    assert numbers(line(out, "gradient at w0:")) == [-4, 25]
    # first step: rate = lr / |g| per parameter, so each parameter moves by exactly lr
    np.testing.assert_allclose(rates, LR / np.abs(A * W0), atol=ATOL)
    np.testing.assert_allclose(built_in, W0 - LR * np.sign(A * W0), atol=ATOL)
    assert list(rates) == [0.025, 0.004] and list(built_in) == [-3.9, 0.9]
    # and Adagrad is not SGD: after three steps the two are far apart
    assert np.abs(printed(out, 3)[0] - reference(adagrad=False)[0][2]).max() > 0.1


def replay(lr, steps=300):
    """Adagrad (G0 = 0, eps outside the root) on the bowl in float64: effective rates and distances per step."""
    w, G, rates, distances = W0.copy(), np.zeros(2), [], []
    for _ in range(steps):
        g = A * w
        G = G + g**2
        rate = lr / (np.sqrt(G) + EPS)
        w = w - rate * g
        rates.append(rate)
        distances.append(np.linalg.norm(w))
    return np.array(rates), np.array(distances)


def gradient_descent(lr=0.05, steps=300):
    w = W0.copy()
    for _ in range(steps):
        w = w - lr * A * w
    return np.linalg.norm(w)


def stall(out):
    rows = {int(r.split()[0]): numbers(r)[1:] for r in out.splitlines() if re.match(r"^\d+\s+0\.\d{5}\s", r)}
    assert set(rows) == {1, 10, 100, 300}, out
    return rows


def test_stall_parity(run):
    tf, torch = run("015_adagrad/stall_tf.py"), run("015_adagrad/stall_torch.py")
    assert_parity(tf.stdout, torch.stdout)
    assert len(tf.figures) == len(torch.figures) == 1


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_stall_as_quoted(run, fw):
    out = run(f"015_adagrad/stall_{fw}.py").stdout
    rows = stall(out)
    rates = {t: rows[t][:2] for t in rows}
    assert all(rates[a][i] >= rates[b][i] for a, b in [(1, 10), (10, 100), (100, 300)] for i in (0, 1))
    assert line(out, "w1's rate rose at some step:") == "False"  # checked at every one of the 300 steps
    assert rates[300][0] < rates[1][0] / 9  # w1's rate fell more than ninefold
    assert rates[1][0] == 0.025  # exact: lr / |g1| = 0.1 / 4
    # every printed rate and distance is the float64 replay's, to 1% (float32 and CPU kernels move digits)
    ref_rates, ref_distances = replay(LR)
    for t in (1, 10, 100, 300):
        np.testing.assert_allclose(rates[t], ref_rates[t - 1], rtol=1e-2)
        assert rows[t][2] == pytest.approx(ref_distances[t - 1], rel=1e-2)
    # w2's rate freezes once w2 sits at the bottom of its valley: the same from step 100 to 300
    assert rates[100][1] == pytest.approx(rates[300][1], rel=1e-2) and rates[10][1] > 1.2 * rates[100][1]
    start = value(out, "distance to the minimum at the start:")
    assert start == pytest.approx(np.linalg.norm(W0), abs=1e-4) and start == 4.1231  # sqrt(17)
    assert rows[300][2] > start / 4  # still far from the minimum
    sgd = numbers(line(out, "gradient descent, distance after"))
    assert sgd[0] == 300 and sgd[1] == pytest.approx(gradient_descent(), rel=0.05)
    assert sgd[1] < 1e-3 * rows[300][2]  # same budget, plain GD gets there


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_the_stall_is_the_learning_rate(run, fw):
    out = run(f"015_adagrad/stall_{fw}.py").stdout
    rows = [numbers(r) for r in out.split("distance after 300 steps")[-1].splitlines()[1:] if numbers(r)]
    rows = [r for r in rows if len(r) == 3]
    assert [r[0] for r in rows] == [0.1, 0.3, 0.5, 1.0], out
    for lr, reach, distance in rows:
        assert reach == round(2 * lr * np.sqrt(300), 2)
        if reach < 4:  # w1 starts 4 from its minimum and cannot get there
            assert distance >= 4 - reach
    # lr 0.1 is the stall above; a larger rate gets closer every time, 1.0 beyond gradient descent's 8.3e-7
    assert rows[0][2] == round(stall(out)[300][2], 1)
    distances = [r[2] for r in rows]
    assert distances == sorted(distances, reverse=True) and len(set(distances)) == 4
    for (lr, _, distance) in rows:  # the float64 replay's distances, to 10% (printed at two digits)
        assert distance == pytest.approx(replay(lr)[1][-1], rel=0.1)
    assert distances[1] < 1e-1 and distances[2] < 1e-4  # "ever closer"
    assert distances[3] < numbers(line(out, "gradient descent, distance after"))[1] / 1e6  # "far closer"
    assert [r[1] for r in rows] == [3.46, 10.39, 17.32, 34.64] and rows[0][1] < 4 < rows[1][1]
