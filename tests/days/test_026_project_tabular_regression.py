"""Day 26 claims: k-fold log-RMSE under a bar and well under the predict-the-mean baseline; a submission file."""
import re

from verified.testing import assert_parity, line, numbers, value

SNIPPETS = ("026_project_tabular_regression/project_tf.py", "026_project_tabular_regression/project_torch.py")
DATA_LABELS = ("train rows:", "target skew:", "k-fold baseline log-RMSE:")


def test_same_data_split_and_baseline_in_both_twins(run):
    tf, torch = (run(s).stdout for s in SNIPPETS)
    for label in DATA_LABELS:
        assert_parity(line(tf, label), line(torch, label), rtol=0, atol=0)
    assert line(tf, "train rows:") == "354 test rows: 88 missing values: 0"


def test_target_skew_shrinks_under_log(run):
    raw, logged = numbers(line(run(SNIPPETS[0]).stdout, "target skew:"))
    assert raw > 0.3  # right-skewed: a long tail of large values
    assert abs(logged) < raw


def test_kfold_log_rmse_beats_bar_and_baseline(run):
    for snippet in SNIPPETS:
        out = run(snippet).stdout
        score, baseline = value(out, "k-fold log-RMSE:"), value(out, "k-fold baseline log-RMSE:")
        assert score < 0.46, f"{snippet}: k-fold log-RMSE {score}"
        assert score < baseline - 0.08, f"{snippet}: {score} does not beat the mean baseline {baseline}"
        folds = [numbers(l) for l in out.splitlines() if l.startswith("fold ")]
        assert len(folds) == 5
        assert all(model < base for _, model, base in folds), f"{snippet}: a fold lost to its baseline"


def test_kfold_estimate_matches_held_out_score(run):
    for snippet in SNIPPETS:
        out = run(snippet).stdout
        held_out = value(out, "held-out test log-RMSE:")
        assert held_out < 0.46
        assert abs(held_out - value(out, "k-fold log-RMSE:")) < 0.05


def test_submission_file(run):
    ids = []
    for snippet in SNIPPETS:
        result = run(snippet)
        out = result.stdout
        assert value(out, "wrote submission.csv with") == 88
        rows = out.split("first rows:\n", 1)[1].splitlines()
        assert rows[0] == "id,progression"
        parsed = [re.fullmatch(r"(\d+),(\d+\.\d)", r) for r in rows[1:4]]
        assert all(parsed), rows[:4]
        assert all(25 / 2 < float(m.group(2)) < 346 * 2 for m in parsed)  # plausible progression values
        ids.append([m.group(1) for m in parsed])
        assert len(result.figures) == 1
    assert ids[0] == ids[1]  # same test rows, same order


def test_quoted_numbers(run):
    raw, logged = numbers(line(run(SNIPPETS[0]).stdout, "target skew:"))
    assert abs(raw - 0.48) < 0.01 and abs(logged + 0.33) < 0.01  # the log overshoots into a left skew
    all_folds = []
    for snippet in SNIPPETS:
        out = run(snippet).stdout
        assert abs(value(out, "k-fold log-RMSE:") - 0.42) < 0.015, snippet  # "about 0.42 in both"
        assert abs(value(out, "k-fold baseline log-RMSE:") - 0.56) < 0.005  # "0.56 for predicting the mean"
        assert abs(value(out, "held-out test log-RMSE:") - 0.41) < 0.01, snippet  # "about 0.41"
        all_folds += [numbers(l)[1] for l in out.splitlines() if l.startswith("fold ")]
    # "the single folds range from about 0.36 to 0.48"
    assert abs(min(all_folds) - 0.36) < 0.01 and abs(max(all_folds) - 0.48) < 0.01
