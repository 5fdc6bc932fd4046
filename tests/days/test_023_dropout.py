"""Day 23 claims: dropout is random in training and the identity in evaluation; inverted-dropout
scaling keeps the mean; on 150 training digits dropout shrinks the train-validation loss gap."""
import pytest

from verified.testing import line, numbers, value

FW = ("tf", "torch")


@pytest.mark.parametrize("fw", FW)
def test_training_mode_is_random_and_scaled(run, fw):
    out = run(f"023_dropout/modes_{fw}.py").stdout
    x = numbers(line(out, "input:"))
    one, another = numbers(line(out, "training, one pass:")), numbers(line(out, "training, another pass:"))
    assert one != another  # a fresh mask on every call
    for sample in (one, another):  # each entry is dropped (0) or scaled by 1 / (1 - p) = 2
        assert all(s == 0 or s == 2 * v for s, v in zip(sample, x))
    assert abs(value(out, "training, fraction zeroed:") - 0.5) < 0.01  # p = 0.5 on 100,000 entries
    assert line(out, "training, kept values scaled by 1/(1-p):") == "True"
    # inverted dropout keeps the expected value: the mean over 20,000 masks is the input, within 3 %
    means = numbers(line(out, "training, mean over copies:"))
    assert all(abs(m / v - 1) < 0.03 for m, v in zip(means, x))


@pytest.mark.parametrize("fw", FW)
def test_eval_mode_is_the_identity(run, fw):
    out = run(f"023_dropout/modes_{fw}.py").stdout
    assert numbers(line(out, "eval, one pass:")) == numbers(line(out, "input:"))
    assert line(out, "eval, output equals input:") == "True"
    assert line(out, "model with training=False, two calls agree:") == "True"
    assert line(out, "model with training=True, two calls agree:") == "False"


def _stats(out, name):
    loss = numbers(line(out, f"{name}: train loss").replace(",", " "))
    acc = numbers(line(out, f"{name}: train acc").replace(",", " "))
    best, step = numbers(line(out, f"{name}: lowest val loss"))
    return {"train_loss": loss[0], "val_loss": loss[1], "loss_gap": loss[2],
            "train_acc": acc[0], "val_acc": acc[1], "best": best, "best_step": step}


@pytest.mark.parametrize("fw", FW)
def test_dropout_reduces_overfitting(run, fw):
    result = run(f"023_dropout/overfit_{fw}.py")
    plain, drop = _stats(result.stdout, "no dropout"), _stats(result.stdout, "dropout")
    # without dropout the net memorises the 150 images, then validation loss creeps up
    assert plain["train_loss"] < 0.005 and plain["train_acc"] == 1.0
    assert plain["best_step"] <= 100 and plain["val_loss"] > plain["best"]
    # with dropout the train-validation loss gap is clearly smaller, and so is the validation loss
    assert drop["loss_gap"] < 0.9 * plain["loss_gap"]
    assert drop["val_loss"] < plain["val_loss"] and drop["best"] < plain["best"]
    # accuracy barely moves on this problem: within 2 points either way
    assert abs(drop["val_acc"] - plain["val_acc"]) < 0.02
    assert len(result.figures) == 1


# the numbers the page quotes, per framework
QUOTED = {
    "tf": {"zeroed": 0.498, "mean_of_5": 5.032, "plain_best_step": 50, "gaps": (0.246, 0.201), "val_acc": (0.937, 0.936)},
    "torch": {"zeroed": 0.501, "mean_of_5": 5.042, "plain_best_step": 40, "gaps": (0.302, 0.215), "val_acc": (0.927, 0.933)},
}


@pytest.mark.parametrize("fw", FW)
def test_quoted_numbers(run, fw):
    q = QUOTED[fw]
    out = run(f"023_dropout/modes_{fw}.py").stdout
    assert abs(value(out, "training, fraction zeroed:") - q["zeroed"]) < 0.001
    assert abs(numbers(line(out, "training, mean over copies:"))[4] - q["mean_of_5"]) < 0.002
    plain, drop = (_stats(run(f"023_dropout/overfit_{fw}.py").stdout, name) for name in ("no dropout", "dropout"))
    assert abs(plain["best_step"] - q["plain_best_step"]) <= 10
    assert abs(plain["loss_gap"] - q["gaps"][0]) < 0.005 and abs(drop["loss_gap"] - q["gaps"][1]) < 0.005
    assert abs(plain["val_acc"] - q["val_acc"][0]) < 0.003 and abs(drop["val_acc"] - q["val_acc"][1]) < 0.003
    assert abs(drop["val_acc"] - plain["val_acc"]) < 0.01  # "less than a point"
    assert 0.9 < plain["val_acc"] < 0.96  # "about 93 %"
    # dropout slows training: its validation loss is still falling late in the run
    assert drop["best_step"] >= 200
