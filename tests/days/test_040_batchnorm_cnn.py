"""Day 40 claims: BatchNorm2d / BatchNormalization normalise each channel over
N, H and W; parity with shared inputs once the momentum conventions are
matched (Keras keeps `momentum`, PyTorch replaces `momentum`); the running
variance conventions; inference uses the running statistics; the parameter
counts; at learning rate 0.05 the same small CNN trains faster with BatchNorm
in every seed and both frameworks (relative seed spread as printed); running
statistics that keep 0.99 per step hurt inference accuracy after this budget
in the seeds the page names."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "040_batchnorm_cnn"
FW = ("tf", "torch")
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf),
              pytest.param("torch", marks=pytest.mark.torch)]


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in FW]


def test_statistics_parity(run):
    tf, torch = outputs(run, "statistics")
    differ = ("max |layer", "running var:", "default", "inference, max")
    keep = lambda t: "\n".join(r for r in t.splitlines() if not r.startswith(differ))
    assert_parity(keep(tf), keep(torch))


def test_per_channel_statistics(run):
    for out in outputs(run, "statistics"):
        assert value(out, "values per channel:") == 8 * 5 * 5
        assert numbers(line(out, "output mean per channel:")) == [0, 0, 0]
        stds = numbers(line(out, "output std per channel:"))
        assert all(0.99 < s <= 1 for s in stds)  # epsilon keeps it below 1
        assert value(out, "max |layer - by hand|:") < 1e-5
        assert (numbers(line(out, "running mean:"))
                == numbers(line(out, "running mean by hand:")))


def test_running_variance_conventions(run):
    tf, torch = outputs(run, "statistics")
    assert numbers(line(tf, "running var:")) == numbers(line(tf, "running var by hand, biased:"))
    assert numbers(line(torch, "running var:")) == numbers(line(torch, "running var by hand, unbiased:"))
    assert numbers(line(tf, "running var:")) != numbers(line(torch, "running var:"))


def test_default_momentum_means_opposite_things(run):
    tf, torch = outputs(run, "statistics")
    assert value(tf, "default momentum:") == 0.99 and value(tf, "default share kept:") == 0.99
    assert value(torch, "default momentum:") == 0.1 and value(torch, "default share kept:") == 0.9
    a = numbers(line(tf, "default running mean after one step:"))
    b = numbers(line(torch, "default running mean after one step:"))
    assert b == numbers(line(torch, "running mean:"))  # PyTorch's default keeps 0.9
    for u, v in zip(a, b):  # Keras's default moves a tenth as far
        assert abs(u - v / 10) <= 1e-4


def test_inference_uses_running_statistics(run):
    for out in outputs(run, "statistics"):
        assert value(out, "inference, max |layer - running formula|:") < 1e-5
        assert line(out, "inference, sample 0 differs from training output:") == "True"


def _runs(out):
    accs = re.findall(r"^batchnorm (True|False) +seed (\d): test accuracy ([\d.]+)$",
                      out, flags=re.M)
    curves = re.findall(r"^batchnorm (True|False) +seed (\d): loss by window (.*)$",
                        out, flags=re.M)
    assert len(accs) == len(curves) == 6
    curves = {(n, s): c for n, s, c in curves}
    return {(n == "True", int(s)): (float(a), numbers(curves[n, s]))
            for n, s, a in accs}


def test_same_settings(run):
    tf, torch = outputs(run, "train")
    settings = lambda out: "\n".join(out.splitlines()[:9])
    assert_parity(settings(tf), settings(torch))


PARAMETERS = {"tf": (9098, 9170), "torch": (9098, 9122)}  # quoted


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_parameter_counts(run, fw):
    out = run(f"{DAY}/train_{fw}.py").stdout
    plain, norm = PARAMETERS[fw]
    assert value(out, "parameters, batchnorm False:") == plain
    assert value(out, "parameters, batchnorm True:") == norm
    # 8 + 16 channels: gamma and beta replace the conv biases (same count);
    # Keras also counts the running mean and variance, PyTorch does not
    assert norm - plain == {"tf": 2 * 24, "torch": 0}[fw] + 24


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_batchnorm_trains_faster_at_this_learning_rate(run, fw):
    result = run(f"{DAY}/train_{fw}.py")
    out = result.stdout
    assert value(out, "learning rate:") == 0.05  # the page's one rate
    runs = _runs(out)
    plain = [runs[False, s] for s in range(3)]
    norm = [runs[True, s] for s in range(3)]
    assert all(len(c) == 80 // 20 for _, c in plain + norm)  # 80 steps
    for w in range(1, 4):  # from the second window on, every BN run is lower
        assert max(c[w] for _, c in norm) < min(c[w] for _, c in plain)
    # the last window: less than half the loss
    assert max(c[-1] for _, c in norm) < 0.5 * min(c[-1] for _, c in plain)
    assert min(a for a, _ in norm) > max(a for a, _ in plain)
    # the seeds' spread in the last window, relative to the loss, as printed
    relative = {}
    for flag, rs in ((False, plain), (True, norm)):
        last = [c[-1] for _, c in rs]
        mean, rel = numbers(line(out, f"batchnorm {flag!s:5} last window:"))
        assert abs(mean - sum(last) / 3) <= 0.006
        assert abs(rel - (max(last) - min(last)) / mean) <= 0.06
        relative[flag] = rel
    assert relative[True] < relative[False]  # the page: smaller with BN
    assert len(result.figures) == 1


# Accuracies with 0.99 kept are markers on the page (after 80 steps, one
# machine: TF 0.818, 0.856, 0.907 against 0.901, 0.907, 0.886 with 0.9 kept;
# PyTorch 0.762, 0.465, 0.787 against 0.904, 0.906, 0.923); the claim tested
# is which seeds they hurt.
HURT = {"tf": (0, 1), "torch": (0, 1, 2)}  # seeds whose accuracy falls


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_slow_running_statistics(run, fw):
    out = run(f"{DAY}/train_{fw}.py").stdout
    for seed in range(3):
        slow = numbers(line(out, f"keep 0.99, seed {seed}:"))
        acc, loss, steps = slow[-3:]
        fast_acc, fast_curve = _runs(out)[True, seed]
        assert steps == 80
        if seed in HURT[fw]:  # same training, worse inference statistics
            # the page says only "falls"; TF seed 1 falls by 0.051 (one
            # machine, 80 steps), so 0.05 would be one test image from
            # failing
            assert acc < fast_acc - 0.03
        else:
            assert acc > fast_acc - 0.01
        # training itself is as good as with 0.9 kept: same last-window loss
        assert abs(loss - fast_curve[-1]) <= 0.03
