"""Day 26 claims: the same data, split and baselines in both twins; the log
overshoots the skew; both models beat the mean baseline on every fold, but
linear regression (the strong simple baseline) beats the MLP on the k-fold
estimate for every seed (also at the 30- and 50-step snapshots of the same
runs), and the 88 held-out rows cannot tell them apart;
the k-fold estimate predicts the held-out score; a submission file is
written from the picked model."""
import re
import statistics

import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "026_project_tabular_regression"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf),
              pytest.param("torch", marks=pytest.mark.torch)]
SETTINGS = {"SPLIT_SEED:": 0, "N_TEST:": 88, "HIDDEN:": 16, "STEPS:": 100,
            "LEARNING_RATE:": 0.01, "WEIGHT_DECAY:": 0.01}


def out(run, name, fw):
    return run(f"{DAY}/{name}_{fw}.py").stdout


def fold_table(text):
    """{column: [score per fold]} from the k-fold table."""
    rows = [numbers(r) for r in text.splitlines()
            if re.match(r"^\s+\d+\s+\d\.\d{3}", r)]
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    names = ["MLP 0", "MLP 1", "MLP 2", "linear", "mean"]
    return {n: [r[1 + i] for r in rows] for i, n in enumerate(names)}


def test_same_data_and_baselines_in_both_twins(run):
    for name in ("explore", "kfold", "holdout"):
        tf, torch = out(run, name, "tf"), out(run, name, "torch")
        labels = [l for l in ("rows:", "missing values:", "sex codes:",
                              "target range:", "target skew:", "log target:",
                              "k-fold log-RMSE, linear:",
                              "k-fold log-RMSE, mean:",
                              "held-out log-RMSE, linear:",
                              "held-out log-RMSE, mean:", *SETTINGS)
                  if l in tf]
        assert labels, name
        for label in labels:  # deterministic: the same to the last digit
            assert_parity(line(tf, label), line(torch, label))
        if name == "kfold":
            a, b = fold_table(tf), fold_table(torch)
            assert a["linear"] == b["linear"] and a["mean"] == b["mean"]
    explore = out(run, "explore", "tf")
    assert numbers(line(explore, "rows:")) == [442, 354, 88]
    assert value(explore, "missing values:") == 0
    assert numbers(line(explore, "sex codes:")) == [1, 2]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_log_overshoots_the_skew(run, fw):
    text = out(run, "explore", fw)
    raw, logged = numbers(line(text, "target skew:"))
    assert raw == 0.48 and logged == -0.33  # quoted
    assert logged < 0 < raw and abs(logged) < raw  # smaller, other side
    _, std = numbers(line(text, "log target:"))
    # predicting the mean scores about the spread of the log target
    mean_baseline = value(out(run, "kfold", fw), "k-fold log-RMSE, mean:")
    assert std == 0.557 and abs(mean_baseline - std) < 0.005
    assert len(run(f"{DAY}/explore_{fw}.py").figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_strong_baseline_beats_the_mlp_on_kfold(run, fw):
    text = out(run, "kfold", fw)
    for label, expected in SETTINGS.items():
        assert value(text, label) == expected, label
    assert value(text, "N_FOLDS:") == 5
    table = fold_table(text)
    mlp_folds = [statistics.fmean(f) for f in
                 zip(table["MLP 0"], table["MLP 1"], table["MLP 2"])]
    mlp, mlp_std = numbers(line(text, "k-fold log-RMSE, MLP:"))
    linear, linear_std = numbers(line(text, "k-fold log-RMSE, linear:"))
    mean = value(text, "k-fold log-RMSE, mean:")
    assert abs(statistics.fmean(mlp_folds) - mlp) < 1e-3
    assert abs(statistics.pstdev(mlp_folds) - mlp_std) < 2e-3
    assert abs(statistics.fmean(table["linear"]) - linear) < 1e-3
    assert abs(statistics.pstdev(table["linear"]) - linear_std) < 2e-3
    # both beat the mean on every fold, by at least 0.03
    for name in ("MLP 0", "MLP 1", "MLP 2", "linear"):
        assert all(m < b - 0.03 for m, b in zip(table[name], table["mean"]))
    # linear regression is ahead on average, and the MLP never wins a
    # majority of folds with any seed
    wins = numbers(line(text, "folds where the MLP beats linear, per seed:"))
    for s, w in enumerate(wins):  # ties in the rounded table go either way
        mlp_s, lin = table[f"MLP {s}"], table["linear"]
        assert (sum(m < b for m, b in zip(mlp_s, lin)) <= w
                <= sum(m <= b for m, b in zip(mlp_s, lin)))
    assert max(wins) <= 3
    gap = value(text, "linear - MLP, k-fold:")
    assert gap < 0 and abs(gap - (linear - mlp)) < 2e-3
    quoted = {"tf": ([0, 1, 3], 0.040), "torch": ([1, 1, 1], 0.035)}[fw]
    assert (wins, mlp_std) == quoted
    assert (mlp, linear, linear_std, mean, gap) == (0.424, 0.408, 0.039,
                                                    0.558, -0.016)
    assert (min(table["linear"]), max(table["linear"])) == (0.348, 0.461)
    # 0.424 is a snapshot at 100 steps: the same runs scored after 30 and 50
    assert numbers(line(text, "SNAPSHOTS:")) == [30, 50]
    early = [value(text, f"k-fold log-RMSE, MLP after {n} steps:")
             for n in (30, 50)]
    assert early == {"tf": [0.427, 0.422], "torch": [0.412, 0.410]}[fw]
    assert min(early) > linear  # no snapshot beats linear regression
    if fw == "torch":  # already overfitting by step 100
        assert max(early) < mlp - 0.01


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_held_out_rows_cannot_separate_them(run, fw):
    text = out(run, "holdout", fw)
    assert line(text, "PICK:") == "linear"
    linear = value(text, "held-out log-RMSE, linear:")
    mean = value(text, "held-out log-RMSE, mean:")
    mlp = [value(text, f"held-out log-RMSE, MLP {s}:") for s in range(3)]
    assert (linear, mean) == (0.409, 0.561)  # quoted
    # the MLP's seeds land on both sides of linear regression, within 0.015
    assert min(mlp) < linear < max(mlp)
    assert all(abs(m - linear) < 0.015 for m in mlp)
    assert mlp == {"tf": [0.422, 0.407, 0.410],
                   "torch": [0.400, 0.421, 0.401]}[fw]  # quoted
    average = value(text, "held-out log-RMSE, MLP:")
    assert abs(average - statistics.fmean(mlp)) < 1e-3
    # the k-fold estimate predicts the held-out score
    kfold = value(out(run, "kfold", fw), "k-fold log-RMSE, linear:")
    assert abs(kfold - linear) < 0.005


def test_submission_file(run):
    firsts = []
    for fw in ("tf", "torch"):
        text = out(run, "holdout", fw)
        assert numbers(line(text, "wrote submission.csv:")) == [88]
        rows = text.split("the first three:\n", 1)[1].splitlines()
        assert rows[0] == "id,progression"
        parsed = [re.fullmatch(r"(\d+),(\d+\.\d)", r) for r in rows[1:4]]
        assert all(parsed), rows[:4]
        # plausible progression values on the original scale (25 to 346)
        assert all(25 / 2 < float(m.group(2)) < 346 * 2 for m in parsed)
        firsts.append(rows[1:4])
    assert firsts[0] == firsts[1]  # the same model: the same predictions
