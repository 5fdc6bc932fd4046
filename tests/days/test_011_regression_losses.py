"""Day 11 claims: MSE, MAE and Huber by hand equal the built-in losses and a NumPy reference, in both
frameworks; their gradients show how hard each point pulls; one outlier drags the MSE line fit far from the
truth while MAE and Huber stay close; gradient descent on MAE is a snapshot of an oscillation around the
exact minimiser (linear programming), while MSE and Huber settle on theirs; the pitfalls are shown.
The page quotes the fits and minimisers as markers; these tests assert what it says about them (orders,
bands, which minimiser each fit reaches), not the digits one CPU printed."""
import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

DELTA = 1.0  # Huber's threshold in both twins
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _reference(y_true, y_pred):
    """NumPy losses and their gradients with respect to the predictions (mean over the points)."""
    r = y_pred - y_true
    n = len(r)
    huber = np.where(np.abs(r) <= DELTA, 0.5 * r**2, DELTA * (np.abs(r) - 0.5 * DELTA))
    return {
        "mse": (np.mean(r**2), 2 * r / n),
        "mae": (np.mean(np.abs(r)), np.sign(r) / n),
        "huber": (np.mean(huber), np.clip(r, -DELTA, DELTA) / n),
    }


def _losses(run, fw):
    return run(f"011_regression_losses/losses_{fw}.py").stdout


def _outlier(run, fw):
    return run(f"011_regression_losses/outlier_{fw}.py")


def test_losses_parity_across_frameworks(run):
    def shared(text):  # everything but the pitfall lines, which differ by design
        return text.split("MSE of (3, 1)")[0]

    assert_parity(shared(_losses(run, "tf")), shared(_losses(run, "torch")))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_by_hand_equals_built_in_equals_reference(run, fw):
    out = _losses(run, fw)
    y_true = np.array(numbers(line(out, "y_true:")), dtype=np.float32).astype(float)
    y_pred = np.array(numbers(line(out, "y_pred:")), dtype=np.float32).astype(float)
    for name, (loss, grad) in _reference(y_true, y_pred).items():
        by_hand, built_in = numbers(line(out, f"{name}: by hand").replace("built in", ""))
        # float32 arithmetic, printed with 6 decimals
        assert by_hand == pytest.approx(loss, rel=1e-6, abs=2e-6), name
        assert built_in == pytest.approx(loss, rel=1e-6, abs=2e-6), name
        assert numbers(line(out, f"{name} dloss/dpred:")) == pytest.approx(grad, rel=1e-5, abs=1e-7), name


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_outlier_gradient_is_bounded_only_for_mae_and_huber(run, fw):
    out = _losses(run, fw)
    outlier = {name: numbers(line(out, f"{name} dloss/dpred:"))[-1] for name in ("mse", "mae", "huber")}
    assert outlier["mse"] == pytest.approx(2.5)  # 2 * 10 / 8: grows with the error
    assert outlier["mae"] == pytest.approx(0.125)  # 1 / 8, whatever the error
    assert outlier["huber"] == pytest.approx(0.125)  # delta / 8


def test_pitfalls_shown(run):
    tf, torch = _losses(run, "tf"), _losses(run, "torch")
    # shapes: Keras brings (3, 1) and (3,) to the same rank; PyTorch broadcasts to (3, 3) and warns
    assert numbers(line(tf, "MSE of (3, 1) against (3,), same numbers:"))[-1] == 0.0
    assert numbers(line(torch, "MSE of (3, 1) against (3,), same numbers:"))[-1] == pytest.approx(4 / 3, abs=1e-4)
    assert line(tf, "warnings:") == "[]" and line(torch, "warnings:") == "['UserWarning']"
    # dtype: a Keras loss object computes in float32 even on float64 inputs
    assert line(tf, "loss dtype from float64 inputs:") == "float32"
    assert line(torch, "loss dtype from float64 inputs:") == "float64"
    # smooth L1 is Huber divided by beta: for an error of 3 with delta = beta = 2, 2 against 4
    for out in (tf, torch):
        found = numbers(line(out, "error 3, delta = beta = 2:"))  # huber 4.0000, smooth L1 2.0000
        assert (found[0], found[-1]) == (4.0, 2.0)


def test_outlier_fits(run):
    tf, torch = _outlier(run, "tf"), _outlier(run, "torch")
    # same data, zero start, plain gradient descent: the fits agree to the printed digits
    assert_parity(tf.stdout, torch.stdout)
    assert len(tf.figures) == len(torch.figures) == 1


def _fit(out, name):
    slope, intercept = numbers(line(out, f"{name}, step 300:"))[-2:]
    return slope, intercept


def _band(out, name):  # slope low, high, intercept low, high over the last 50 steps
    rows = out.splitlines()
    i = next(k for k, r in enumerate(rows) if r.startswith(f"{name}, step 300:"))
    return numbers(rows[i + 1])[1:]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_outlier_pulls_mse_not_mae_or_huber(run, fw):
    out = _outlier(run, fw).stdout
    least_squares = numbers(line(out, "MSE minimiser, least squares:"))
    assert _fit(out, "mse") == pytest.approx(least_squares, abs=1e-4)  # gradient descent reaches it
    assert 0 < least_squares[0] < 0.5  # "flattened the slope from 2 to 0.2"
    error = {name: abs(s - 2.0) + abs(b - 1.0) for name in ("mse", "mae", "huber") for s, b in [_fit(out, name)]}
    assert error["mse"] > 1.5  # pulled far from slope 2, intercept 1
    assert error["mae"] < 0.15 and error["huber"] < 0.4
    assert error["mse"] > error["huber"] > error["mae"]
    # the exact lines tell the same story: slopes from MSE's, far from 2, to MAE's, closest
    huber = numbers(line(out, "Huber minimiser, BFGS:"))[-2]
    mae = numbers(line(out, "MAE minimiser, linear program:"))[-2]
    assert abs(least_squares[0] - 2) > 1.5 > 0.4 > abs(huber - 2) > abs(mae - 2)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_mae_descent_is_a_snapshot_of_an_oscillation(run, fw):
    out = _outlier(run, fw).stdout
    lp_slope, lp_intercept = numbers(line(out, "MAE minimiser, linear program:"))[-2:]
    assert abs(lp_slope - 2) < 0.1 and abs(lp_intercept - 1) < 0.1  # on the trend despite the outlier
    slope, intercept = _fit(out, "mae")
    assert abs(intercept - lp_intercept) > 0.01  # step 300 is not the minimiser
    s_low, s_high, b_low, b_high = _band(out, "mae")
    assert b_high - b_low > 0.01 and s_high - s_low > 0.01  # "each over a band wider than 0.01"
    assert b_low <= lp_intercept <= b_high and s_low <= lp_slope <= s_high  # around the minimiser
    assert s_low < slope < s_high  # "back and forth": step 300's slope is at neither end of its band
    # MSE and Huber have settled: their last 50 steps move by less than 1e-3, next to their minimisers
    huber = numbers(line(out, "Huber minimiser, BFGS:"))[-2:]
    assert _fit(out, "huber") == pytest.approx(huber, abs=5e-4)
    for name in ("mse", "huber"):
        s_low, s_high, b_low, b_high = _band(out, name)
        assert s_high - s_low < 1e-3 and b_high - b_low < 1e-3, name
    # Huber's slope is still creeping up toward its minimiser's: it rose over the last 50 steps, to step 300
    s_low, s_high, _, _ = _band(out, "huber")
    assert s_low < s_high == _fit(out, "huber")[0] <= huber[0] + 1e-4



@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_huber_good_points_are_in_the_quadratic_zone(run, fw):
    out = _outlier(run, fw).stdout
    delta = value(out, "delta:")
    good, outlier = numbers(line(out, "huber fit, largest |residual|:"))
    assert good < delta < outlier  # every good point quadratic, the outlier linear (capped pull)
    # recompute from the printed fit: the outlier is the last point, x = 1, target -10
    slope, intercept = _fit(out, "huber")
    assert outlier == pytest.approx(abs(-10.0 - (slope + intercept)), abs=0.01)
