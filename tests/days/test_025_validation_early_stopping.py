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
