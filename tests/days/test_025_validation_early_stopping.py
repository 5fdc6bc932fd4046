"""Day 25 claims: 5-fold estimates (mean ± std) separate the two models; early stopping stops before the
epoch limit and the restored model has exactly the best epoch's validation loss."""
import statistics

import pytest

from verified.testing import line, numbers, value

FW = ("tf", "torch")
MODELS = ("no hidden layer", "64 hidden units")


def _folds(out, name):
    scores = numbers(line(out, f"{name}: fold accuracies"))
    mean, std = numbers(line(out, f"{name}: mean"))[:2]
    return scores, mean, std


@pytest.mark.parametrize("fw", FW)
def test_kfold_estimates(run, fw):
    out = run(f"025_validation_early_stopping/kfold_{fw}.py").stdout
    (lin, lin_mean, lin_std), (mlp, mlp_mean, mlp_std) = (_folds(out, m) for m in MODELS)
    for scores, mean, std in ((lin, lin_mean, lin_std), (mlp, mlp_mean, mlp_std)):
        assert len(scores) == 5
        assert abs(statistics.fmean(scores) - mean) < 1e-3  # the printed mean is the fold average
        assert abs(statistics.pstdev(scores) - std) < 2e-3  # and the std is across folds
        assert 0 < std < 0.03
    assert lin_mean > 0.90 and mlp_mean > 0.95
    # the hidden layer wins on every fold, by far more than the spread across folds
    assert all(b > a for a, b in zip(lin, mlp))
    assert mlp_mean - lin_mean > 2 * max(lin_std, mlp_std)


def test_kfold_frameworks_agree(run):
    tf, torch = (run(f"025_validation_early_stopping/kfold_{fw}.py").stdout for fw in FW)
    for name in MODELS:  # same folds, different initial weights: the means agree within one point
        assert abs(_folds(tf, name)[1] - _folds(torch, name)[1]) < 0.01


@pytest.mark.parametrize("fw", FW)
def test_early_stopping_restores_the_best_weights(run, fw):
    result = run(f"025_validation_early_stopping/early_stopping_{fw}.py")
    out = result.stdout
    epochs_run, max_epochs = numbers(line(out, "epochs run:"))
    best_epoch, best = numbers(line(out, "best epoch:"))
    assert epochs_run < max_epochs
    assert epochs_run == best_epoch + 10  # stopped after patience = 10 epochs without improvement
    assert value(out, "val loss at the last epoch:") > best
    restored = value(out, "val loss after restoring the best weights:")
    assert abs(restored - best) <= 1e-5 * best
    assert value(out, "test accuracy of the restored model:") > 0.93
    assert len(result.figures) == 1


# the numbers the page quotes, per framework
QUOTED = {
    "tf": {"lin_range": (0.911, 0.950), "lin": (0.933, 0.013), "mlp": (0.973, 0.005),
           "epochs": 28, "best_epoch": 18, "last": 0.2096, "best": 0.2047, "test": 0.960},
    "torch": {"lin_range": (0.922, 0.950), "lin": (0.937, 0.010), "mlp": (0.974, 0.004),
              "epochs": 25, "best_epoch": 15, "last": 0.2158, "best": 0.2118, "test": 0.957},
}


@pytest.mark.parametrize("fw", FW)
def test_quoted_numbers(run, fw):
    q = QUOTED[fw]
    out = run(f"025_validation_early_stopping/kfold_{fw}.py").stdout
    (lin, lin_mean, lin_std), (mlp, mlp_mean, mlp_std) = (_folds(out, m) for m in MODELS)
    assert abs(min(lin) - q["lin_range"][0]) < 0.002 and abs(max(lin) - q["lin_range"][1]) < 0.002
    assert max(lin_mean - min(lin), max(lin) - lin_mean) > 0.015  # one fold alone could be off by about two points
    assert abs(lin_mean - q["lin"][0]) < 0.002 and abs(lin_std - q["lin"][1]) < 0.002
    assert abs(mlp_mean - q["mlp"][0]) < 0.002 and abs(mlp_std - q["mlp"][1]) < 0.002
    out = run(f"025_validation_early_stopping/early_stopping_{fw}.py").stdout
    epochs_run, _ = numbers(line(out, "epochs run:"))
    best_epoch, best = numbers(line(out, "best epoch:"))
    assert abs(epochs_run - q["epochs"]) <= 2 and abs(best_epoch - q["best_epoch"]) <= 2
    assert abs(value(out, "val loss at the last epoch:") - q["last"]) < 0.001 and abs(best - q["best"]) < 0.001
    assert abs(value(out, "test accuracy of the restored model:") - q["test"]) < 0.003
