"""Day 25 claims: 5-fold estimates (mean ± std across folds, three seeds);
the hidden layer beats a softmax regression stopped after 100 steps on every
fold and seed, but gains well under a point over a logistic regression
fitted to convergence: small (per-fold paired differences) but ahead on at
least 4 of 5 folds, and not on every fold for every seed; one fold alone can
be off by about a point; early stopping stops
`patience` epochs after the best epoch and the restored model has exactly the
best epoch's validation loss; a state_dict is a reference, get_weights a
copy; EarlyStopping does not restore by default."""
import statistics

import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "025_validation_early_stopping"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf),
              pytest.param("torch", marks=pytest.mark.torch)]
SETTINGS = {"N_SPLITS:": 5, "FOLD_SEED:": 0, "STEPS:": 100,
            "LEARNING_RATE:": 0.01, "HIDDEN:": 64, "MAX_ITER:": 1000}


def kfold(run, fw):
    out = run(f"{DAY}/kfold_{fw}.py").stdout
    found = {}
    for name in ("softmax", "MLP", "logistic regression"):
        mean, std = numbers(line(out, f"{name}: mean"))
        found[name] = (numbers(line(out, f"{name}: fold accuracies")), mean, std)
    for name in ("softmax", "logistic"):
        mean, std = numbers(line(out, f"MLP - {name}: mean"))
        found[f"gain {name}"] = (numbers(line(out, f"MLP - {name}: per fold")),
                                 mean, std)
        found[f"wins {name}"] = numbers(line(out, f"MLP - {name}: folds won"))
    return out, found


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_kfold_summaries_are_what_they_say(run, fw):
    out, k = kfold(run, fw)
    for label, expected in SETTINGS.items():
        assert value(out, label) == expected, label
    assert numbers(line(out, "SEEDS:")) == [0, 1, 2]
    sizes = numbers(line(out, "examples:"))
    assert sizes[0] == 1797 and sizes[1:] == [360, 360, 359, 359, 359]
    for name in ("softmax", "MLP", "logistic regression"):
        folds, mean, std = k[name]
        assert len(folds) == SETTINGS["N_SPLITS:"]
        assert all(0.9 < a <= 1 for a in folds)
        assert abs(statistics.fmean(folds) - mean) < 1e-3  # the fold average
        assert abs(statistics.pstdev(folds) - std) < 2e-3  # std across folds
    for base, name in (("softmax", "gain softmax"),
                       ("logistic regression", "gain logistic")):
        gains, mean, std = k[name]  # MLP minus baseline, fold by fold
        expected = [m - b for m, b in zip(k["MLP"][0], k[base][0])]
        assert gains == pytest.approx(expected, abs=2e-3)
        assert abs(statistics.fmean(gains) - mean) < 1e-3
        assert abs(statistics.pstdev(gains) - std) < 2e-3
        wins = k["wins " + name.split()[1]]
        assert len(wins) == 3 and all(0 <= w <= 5 for w in wins)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_weak_baseline_loses_every_fold(run, fw):
    _, k = kfold(run, fw)
    # against softmax regression with the same 100 steps: every fold, every
    # seed, by several times the spread of the per-fold gains
    assert k["wins softmax"] == [5, 5, 5]
    _, mean, std = k["gain softmax"]
    assert mean > 0.03 and mean > 4 * std
    assert all(g > 0.02 for g in k["gain softmax"][0])
    # (0.037 ± 0.008 in TensorFlow, 0.035 ± 0.006 in PyTorch on machines
    # A, B, C; the page fills them in)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_one_fold_is_one_sample(run, fw):
    _, k = kfold(run, fw)
    # "any one fold reported alone could be off by about a point or more"
    # (logistic regression: 0.955 and 0.981 around 0.967-0.968; softmax:
    # 0.917 to 0.949 in TF, 0.924 to 0.946 in PyTorch, on machines A, B, C)
    for name in ("logistic regression", "softmax"):
        folds, mean, _ = k[name]
        assert all(0.9 < a <= 1 for a in folds)  # accuracies, of order 0.95
        assert max(abs(a - mean) for a in folds) > 0.008, name
    # "the softmax regression's fold accuracies spread over a few points"
    softmax = k["softmax"][0]
    assert max(softmax) - min(softmax) > 0.015


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_strong_baseline_leaves_half_a_point(run, fw):
    out, k = kfold(run, fw)
    lr_folds, lr_mean, lr_std = k["logistic regression"]
    # 0.968 ± 0.009 on machines B and C, 0.967 ± 0.008 on A (scikit-learn's
    # L-BFGS rounds differently); the page fills it in
    assert 0.955 <= lr_mean <= 0.98 and lr_std < 0.02
    # the same linear model, converged, is well above the 100-step version
    assert lr_mean - k["softmax"][1] > 0.02
    iterations = value(out, "logistic regression: L-BFGS converged in at most")
    assert 0 < iterations < SETTINGS["MAX_ITER:"]  # 82 on A, B, C
    per_fold, gain, spread = k["gain logistic"]
    # paired per-fold differences: well under a point, small but consistent
    # (TensorFlow 0.003 ± 0.003, PyTorch 0.005 ± 0.002 on B and C; 0.004 ±
    # 0.004 and 0.006 ± 0.003 on A), far below the gain over the softmax
    assert 0 < gain < 0.01 and 0 < spread < 0.01
    # "one or two more digits right out of 360" (1.1 and 1.8 on B and C,
    # 1.4 and 2.2 on A)
    assert 0.5 < gain * 360 < 2.5
    assert gain < k["gain softmax"][1] / 3
    assert all(abs(g) < 0.015 for g in per_fold)
    # seed-averaged: ahead on at least 4 of 5 folds (TensorFlow 4, PyTorch 5
    # on A, B, C)
    assert sum(g > 0 for g in per_fold) >= 4
    wins = k["wins logistic"]
    # it does not win every fold for every seed (TF 4 4 3 on B and C, 4 4 4 on
    # A; PyTorch 4 5 3 on A, B, C)
    assert any(w < 5 for w in wins)
    # the hidden layer itself: 0.971 ± 0.006 (TF), 0.973 ± 0.007 (PyTorch)
    assert k["MLP"][1] > lr_mean - 0.005


def test_kfold_twins_agree(run):
    tf, torch = (kfold(run, fw)[0] for fw in ("tf", "torch"))
    # settings, fold sizes and the deterministic scikit-learn baseline: the
    # same numbers to the last printed digit
    for label in [*SETTINGS, "SEEDS:", "examples:",
                  "logistic regression: fold accuracies",
                  "logistic regression: mean", "logistic regression: L-BFGS"]:
        assert_parity(label + " " + line(tf, label),
                      label + " " + line(torch, label))
    # the networks start from different initial weights: the means agree to
    # half a percent, relative
    for label in ("softmax: mean", "MLP: mean"):
        a, b = value(tf, label), value(torch, label)
        assert abs(a - b) <= 0.005 * b, (label, a, b)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_early_stopping_restores_the_best_weights(run, fw):
    result = run(f"{DAY}/early_stopping_{fw}.py")
    out = result.stdout
    assert numbers(line(out, "train, validation, test:")) == [300, 500, 997]
    epochs_run, max_epochs = numbers(line(out, "epochs run:"))
    best_epoch, best = numbers(line(out, "best epoch:"))
    patience = value(out, "PATIENCE:")
    assert (max_epochs, patience) == (200, 10)
    assert epochs_run < max_epochs / 2  # stops early (28 and 25 on A, B, C)
    assert epochs_run == best_epoch + patience  # stopped after patience epochs
    last = value(out, "val loss at the last epoch:")
    assert last > best
    restored = line(out, "val loss after restoring the best weights:")
    assert restored == line(out, "best epoch:").split()[-1]  # all six decimals
    # test accuracy 0.960 (TF), 0.957 (PyTorch) on A, B, C
    assert 0.93 < value(out, "test accuracy of the restored model:") <= 1
    # losses: TF 0.209573 vs 0.204707 on A, B, C; PyTorch 0.215927 vs
    # 0.211803 on A, 0.215810 vs 0.211767 on B and C
    assert 0.1 < best < last < 0.4
    assert len(result.figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_saved_state_copy_or_reference(run, fw):
    out = run(f"{DAY}/early_stopping_{fw}.py").stdout
    follows = line(out, "the saved state follows a later update:")
    best = line(out, "best epoch:").split()[-1]
    if fw == "torch":  # state_dict() shares memory with the live parameters
        assert follows == "True"
        assert line(out, "after loading the deepcopy, val loss:") == best
    else:  # get_weights() returns NumPy copies
        assert follows == "False"
        assert line(out, "after set_weights(saved), val loss:") == best
        default = "EarlyStopping restores the best weights by default:"
        assert line(out, default) == "False"
