"""Day 14 claims: built-in SGD with momentum equals the page's update rule (by hand, in float64 here,
and in the other framework); under a changing learning rate Keras follows the velocity form and PyTorch
the buffer form; momentum and Nesterov beat plain gradient descent on the bowl as the analysis predicts
(over 3x at lr 0.05, 0.625 of GD's limit; a smaller but real advantage against GD at its fastest
constant rate 2/26);
too much momentum is barely faster, and Nesterov diverges at a rate heavy-ball survives."""
import math

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

A, W0 = np.array([1.0, 25.0]), np.array([-4.0, 1.0])  # the bowl and start the snippets use
LR, MU, STEPS = 0.05, 0.7, 3
METHODS = {"sgd": (0.0, False), "heavy-ball": (MU, False), "nesterov": (MU, True)}
ATOL = 2e-6  # float32 arithmetic, printed at six decimals
RACE = ("gradient descent", "heavy-ball", "nesterov")
DIFFER = ("step 3, built-in", "default learning rate")  # the twins differ here on purpose


def reference(momentum, nesterov, lrs=(LR,) * STEPS, velocity=False):
    """The page's rules, written once more in float64 NumPy, independent of both frameworks."""
    w, b, path = W0.copy(), np.zeros(2), []
    for lr in lrs:
        g = A * w
        if velocity:  # Keras: v = mu v - lr g, w = w + v
            b = momentum * b - lr * g
            w = w + b
        else:  # PyTorch: b = mu b + g, w = w - lr (g + mu b) or w - lr b
            b = momentum * b + g
            w = w - lr * ((g + momentum * b) if nesterov else b)
        path.append(w)
    return path


def printed(out, name, t):
    rows = [numbers(r) for r in out.splitlines() if r.startswith(f"{name} ") and numbers(r)[0] == t]
    assert len(rows) == 1, out
    _, *built_in, b1, b2, gap = rows[0]
    return np.array(built_in), np.array([b1, b2]), gap


def same_only(text):
    return "\n".join(r for r in text.splitlines() if not r.startswith(DIFFER))


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_built_in_equals_hand_written_equals_rule(run, fw):
    out = run(f"014_momentum/step_{fw}.py").stdout
    for name, (momentum, nesterov) in METHODS.items():
        for t, expected in enumerate(reference(momentum, nesterov), start=1):
            built_in, by_hand, gap = printed(out, name, t)
            assert gap < 1  # millionths: "well under a millionth"
            np.testing.assert_allclose(built_in, by_hand, rtol=0, atol=ATOL)
            np.testing.assert_allclose(built_in, expected, rtol=0, atol=ATOL)


def test_step_parity(run):
    tf, torch = run("014_momentum/step_tf.py").stdout, run("014_momentum/step_torch.py").stdout
    assert_parity(same_only(tf), same_only(torch))


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_schedule_keras_velocity_pytorch_buffer(run, fw):
    out = run(f"014_momentum/step_{fw}.py").stdout
    lrs = (LR, LR, LR / 2)
    buffer = np.array(numbers(line(out, "step 3, buffer form:")))
    velocity = np.array(numbers(line(out, "step 3, velocity form:")))
    built_in = np.array(numbers(line(out, "step 3, built-in:")))
    np.testing.assert_allclose(buffer, reference(MU, False, lrs)[-1], atol=ATOL)
    np.testing.assert_allclose(velocity, reference(MU, False, lrs, velocity=True)[-1], atol=ATOL)
    assert np.abs(buffer - velocity).max() > 0.1  # the two forms part ways
    # Keras follows the velocity form, PyTorch the buffer form
    np.testing.assert_allclose(built_in, velocity if fw == "tf" else buffer, atol=ATOL)
    # defaults: 0.01 (Keras) and 0.001 (PyTorch), momentum 0 in both
    assert numbers(line(out, "default learning rate:")) == ([0.01, 0] if fw == "tf" else [0.001, 0])


def test_momentum_changes_the_steps(run):
    out = run("014_momentum/step_torch.py").stdout
    sgd = [printed(out, "sgd", t)[0] for t in (1, 2, 3)]
    heavy = [printed(out, "heavy-ball", t)[0] for t in (1, 2, 3)]
    nesterov = [printed(out, "nesterov", t)[0] for t in (1, 2, 3)]
    # the buffer starts at zero: heavy-ball's first step is plain SGD's ...
    np.testing.assert_allclose(heavy[0], sgd[0], atol=ATOL)
    assert list(sgd[0]) == [-3.8, -0.25]
    # ... and after that it is not; Nesterov's first step is already (1 + mu) times longer
    assert np.abs(heavy[2] - sgd[2]).max() > 0.1
    np.testing.assert_allclose(nesterov[0], W0 - LR * (1 + MU) * A * W0, atol=ATOL)
    assert list(nesterov[0]) == [-3.66, -1.125]


ORDER = (*RACE, "gradient descent", "heavy-ball", "heavy-ball", "nesterov")  # the race, GD's best rate, pitfalls


def race(out):
    """The race rows in printed order, (name, lr, mu, loss@20, steps, diverged): looked up by position,
    so that a nudged learning rate or momentum fails an assertion instead of a lookup."""
    rows = []
    for r in out.splitlines():
        name = next((n for n in RACE if r.startswith(n + " ")), None)
        if name and r.split()[-1] in ("True", "False"):
            lr, mu, loss20, steps = (numbers(r[len(name):]) + [math.inf])[:4]
            rows.append((name, lr, mu, loss20, steps, r.split()[-1] == "True"))
    assert tuple(r[0] for r in rows) == ORDER, out
    return rows


def test_bowl_parity(run):
    tf, torch = run("014_momentum/bowl_tf.py"), run("014_momentum/bowl_torch.py")
    assert_parity(tf.stdout, torch.stdout)
    # "the same in both frameworks": the race's step counts agree exactly, not only to one unit
    assert [r[4] for r in race(tf.stdout)[:3]] == [r[4] for r in race(torch.stdout)[:3]]
    assert len(tf.figures) == len(torch.figures) == 1


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_race_as_predicted_and_quoted(run, fw):
    out = run(f"014_momentum/bowl_{fw}.py").stdout
    rows = race(out)
    assert [r[1:3] for r in rows[:3]] == [(LR, 0.0), (LR, MU), (LR, MU)]
    steps = [r[4] for r in rows[:3]]
    # the page quotes these (TensorFlow's) for both frameworks: test_bowl_parity
    assert 35 < steps[1] < 60 and 25 < steps[2] < steps[1]
    # plain GD crawls along w1 at (1 - lr * 1) per step: loss 8 * 0.95^(2t) reaches 1e-6 after ~155 steps
    predicted = math.log(8 / 1e-6) / (-2 * math.log(1 - LR * A[0]))
    # "predicted to need 155 steps ..., and it does"
    assert numbers(line(out, "predicted:"))[-1] == round(predicted) == 155 == steps[0]
    assert steps[0] > 3 * steps[1] and steps[2] < steps[1]
    assert numbers(line(out, "gradient descent factors")) == [1, 0.95, -0.25]
    # heavy ball spirals (complex roots) in both coordinates with modulus sqrt(mu) ~ 0.84;
    # Nesterov's slow coordinate has modulus sqrt(mu (1 - lr lambda_min)) ~ 0.82
    for lam in A:
        assert (1 + MU - LR * lam) ** 2 < 4 * MU
    assert value(out, "heavy-ball modulus sqrt(mu):") == round(math.sqrt(MU), 2) == 0.84
    assert numbers(line(out, "Nesterov slow modulus"))[-1] == round(math.sqrt(MU * (1 - LR)), 2) == 0.82
    assert not any(r[5] for r in rows[:4])  # none diverges
    # how close each rate is to its stability limit: GD runs at 0.625 of its limit 2/25
    limits = [2 / A[1], 2 * (1 + MU) / A[1], 2 * (1 + MU) / (1 + 2 * MU) / A[1]]
    assert numbers(line(out, "limits on lr:")) == pytest.approx(limits, abs=5e-5)
    assert numbers(line(out, "limits on lr:")) == [0.08, 0.136, 0.0567]
    ratios = next(r for r in out.splitlines() if "/ limit: GD" in r)
    assert numbers(ratios) == [LR] + [round(LR / x, 3) for x in limits] == [0.05, 0.625, 0.368, 0.882]
    # GD at its fastest constant rate 2/(min+max) = 2/26: both coordinates shrink by 24/26 per step
    best = 2 / (A[0] + A[1])
    assert numbers(line(out, "GD's fastest constant rate"))[-1] == round(best, 4) == 0.0769
    assert rows[3][1:3] == (0.0769, 0.0)
    predicted = math.log(0.5 * (A * W0**2).sum() / 1e-6) / (-2 * math.log(1 - best * A[0]))
    assert abs(rows[3][4] - predicted) <= 2 and rows[3][4] < steps[0]
    # so heavy-ball's advantage is over 3x against GD at 0.05, but shrinks (still above 1) against GD
    # at its best rate
    speed = numbers(line(out, "heavy-ball's speed-up over GD:"))
    assert speed == [round(steps[0] / steps[1], 1), LR, round(rows[3][4] / steps[1], 1), 0.0769]
    assert speed[0] > 3 and 1.5 < speed[2] < speed[0]


@pytest.mark.parametrize("fw", ["tf", "torch"])
def test_pitfalls(run, fw):
    out = run(f"014_momentum/bowl_{fw}.py").stdout
    rows = race(out)
    # mu = 0.9: barely faster than plain gradient descent
    assert rows[4][1:3] == (LR, 0.9) and 0.85 * rows[0][4] < rows[4][4] < rows[0][4]
    assert rows[4][5] is False
    # lr = 0.07: Nesterov diverges, heavy-ball converges
    assert rows[5][1:3] == rows[6][1:3] == (0.07, MU)
    assert rows[6][3] > 1e6 and rows[6][4:] == (math.inf, True)
    assert rows[5][4] < 100 and rows[5][5] is False and rows[5][3] < 0.1
    limits = numbers(line(out, "Nesterov's limit on lr*lambda:"))
    assert limits == pytest.approx([2 * (1 + MU) / (1 + 2 * MU), 2 * (1 + MU), 0.07 * 25], abs=0.005)
    assert limits == [1.42, 3.40, 1.75] and limits[0] < limits[2] < limits[1]
