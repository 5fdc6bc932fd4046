"""Day 11 claims: MSE, MAE and Huber by hand equal the built-in losses and a NumPy reference, in both
frameworks; their gradients show how hard each point pulls; one outlier drags the MSE line fit
far from the truth while MAE and Huber stay close."""
import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers

DELTA = 1.0  # Huber's threshold in both twins
FRAMEWORKS = ("tf", "torch")


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


def test_losses_parity_across_frameworks(run):
    tf = run("011_regression_losses/losses_tf.py").stdout
    torch = run("011_regression_losses/losses_torch.py").stdout
    assert_parity(tf, torch, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_by_hand_equals_built_in_equals_reference(run, fw):
    out = run(f"011_regression_losses/losses_{fw}.py").stdout
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
    out = run(f"011_regression_losses/losses_{fw}.py").stdout
    outlier = {name: numbers(line(out, f"{name} dloss/dpred:"))[-1] for name in ("mse", "mae", "huber")}
    assert outlier["mse"] == pytest.approx(2.5)  # 2 * 10 / 8: grows with the error
    assert outlier["mae"] == pytest.approx(0.125)  # 1 / 8, whatever the error
    assert outlier["huber"] == pytest.approx(0.125)  # delta / 8


def test_outlier_fits(run):
    tf, torch = run("011_regression_losses/outlier_tf.py"), run("011_regression_losses/outlier_torch.py")
    # same data, zero start, plain gradient descent: the fits agree to the printed digits
    assert_parity(tf.stdout, torch.stdout, rtol=0, atol=2e-4)
    assert len(tf.figures) == len(torch.figures) == 1
    for out in (tf.stdout, torch.stdout):
        fits = {name: numbers(line(out, f"{name} fit:")) for name in ("mse", "mae", "huber")}
        # gradient descent on MSE reaches the closed-form least-squares line
        assert fits["mse"] == pytest.approx(numbers(line(out, "least squares, closed form:")), abs=1e-3)
        error = {name: abs(slope - 2.0) + abs(intercept - 1.0) for name, (slope, intercept) in fits.items()}
        assert error["mse"] > 1.5  # pulled far from slope 2, intercept 1
        assert error["mae"] < 0.15
        assert error["huber"] < 0.4
        assert error["mse"] > error["huber"] > error["mae"]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_quoted_fit_numbers(run, fw):
    out = run(f"011_regression_losses/outlier_{fw}.py").stdout
    # the page quotes these fits, rounded
    assert numbers(line(out, "mse fit:")) == pytest.approx([0.195, 0.326], abs=6e-4)
    assert numbers(line(out, "mae fit:")) == pytest.approx([1.96, 0.96], abs=6e-3)
    assert numbers(line(out, "huber fit:")) == pytest.approx([1.78, 0.91], abs=6e-3)
