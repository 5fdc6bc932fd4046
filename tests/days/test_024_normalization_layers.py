"""Day 24 claims: BatchNorm normalises features over the batch, LayerNorm samples over features;
BatchNorm's two modes; TF/PyTorch parity in both modes once momentum and epsilon are matched;
the documented differences in defaults and in the running-variance estimate."""
import pytest

from verified.testing import assert_parity, line, numbers

FW = ("tf", "torch")


def _pair(out, label):
    """'<label>: [means] std: [stds]' -> (means, stds)"""
    mean_part, std_part = line(out, label).split("std:")
    return numbers(mean_part), numbers(std_part)


@pytest.mark.parametrize("fw", FW)
def test_batchnorm_and_layernorm_statistics(run, fw):
    out = run(f"024_normalization_layers/statistics_{fw}.py").stdout
    for label in ("BatchNorm per-feature mean:", "LayerNorm per-sample mean (first 4):"):
        means, stds = _pair(out, label)
        assert all(abs(m) < 1e-3 for m in means) and all(abs(s - 1) < 1e-3 for s in stds), label
    # ...and along the other axis neither is normalised
    assert max(abs(m) for m in _pair(out, "BatchNorm per-sample mean (first 4):")[0]) > 0.3
    assert max(abs(m) for m in _pair(out, "LayerNorm per-feature mean:")[0]) > 0.3
    # in training mode a sample's BatchNorm output depends on its batch companions; otherwise not
    assert numbers(line(out, "sample 0 moves with its batch, BatchNorm training:"))[0] > 0.1
    assert numbers(line(out, "sample 0 moves with its batch, BatchNorm inference:"))[0] == 0.0
    assert numbers(line(out, "sample 0 moves with its batch, LayerNorm:"))[0] == 0.0


def test_statistics_parity(run):
    tf, torch = (run(f"024_normalization_layers/statistics_{fw}.py").stdout for fw in FW)
    assert_parity(tf, torch, rtol=0, atol=1e-3)  # printed to 3 decimals


def test_defaults_differ(run):
    assert line(run("024_normalization_layers/batchnorm_tf.py").stdout, "defaults:") == "momentum 0.99 eps 0.001"
    assert line(run("024_normalization_layers/batchnorm_torch.py").stdout, "defaults:") == "momentum 0.1 eps 1e-05"


@pytest.mark.parametrize("fw", FW)
def test_both_modes_follow_their_formulas(run, fw):
    out = run(f"024_normalization_layers/batchnorm_{fw}.py").stdout
    assert numbers(line(out, "training: max gap to batch-statistics formula:"))[0] < 1e-5
    assert numbers(line(out, "inference: max gap to running-statistics formula:"))[0] < 1e-5


def test_running_variance_conventions(run):
    tf, torch = (run(f"024_normalization_layers/batchnorm_{fw}.py").stdout for fw in FW)
    label = "variance in the update / biased batch variance:"
    assert all(abs(r - 1) < 1e-4 for r in numbers(line(tf, label)))  # Keras: biased, divides by n
    assert all(abs(r - 16 / 15) < 1e-4 for r in numbers(line(torch, label)))  # PyTorch: unbiased, n - 1
    # so after one step from 1.0, PyTorch's increment is n/(n-1) times Keras'
    for a, b in zip(numbers(line(tf, "running var after one step:")), numbers(line(torch, "running var after one step:"))):
        assert abs((b - 0.9) - (a - 0.9) * 16 / 15) < 1e-5


def test_batchnorm_parity_in_both_modes(run):
    tf, torch = (run(f"024_normalization_layers/batchnorm_{fw}.py").stdout for fw in FW)
    differ = ("defaults:", "running var after one step:", "variance in the update")
    keep = lambda text: "\n".join(l for l in text.splitlines() if not l.startswith(differ))
    assert_parity(keep(tf), keep(torch), rtol=1e-5, atol=1e-5)
    # the compared lines include both modes' outputs and the running mean
    for label in ("training output, sample 0:", "running mean after one step:",
                  "inference output with shared statistics, sample 0:"):
        assert len(numbers(line(tf, label))) == 3


@pytest.mark.parametrize("fw", FW)
def test_quoted_statistics_numbers(run, fw):
    out = run(f"024_normalization_layers/statistics_{fw}.py").stdout
    per_sample = _pair(out, "BatchNorm per-sample mean (first 4):")[0]
    assert abs(per_sample[0] - 0.388) < 0.002 and abs(per_sample[1] - 0.887) < 0.002
    assert abs(numbers(line(out, "sample 0 moves with its batch, BatchNorm training:"))[0] - 0.518) < 0.002


def test_quoted_batchnorm_numbers(run):
    tf, torch = (run(f"024_normalization_layers/batchnorm_{fw}.py").stdout for fw in FW)
    for out in (tf, torch):  # "to about 1e-6" in both modes
        assert numbers(line(out, "training: max gap to batch-statistics formula:"))[0] < 2e-6
        assert numbers(line(out, "inference: max gap to running-statistics formula:"))[0] < 2e-6
    # "agree to 6 decimals" (training output, shared-statistics inference output) and identical running means
    for label in ("training output, sample 0:", "inference output with shared statistics, sample 0:",
                  "running mean after one step:"):
        assert all(abs(a - b) <= 1.5e-6 for a, b in zip(numbers(line(tf, label)), numbers(line(torch, label)))), label
    # "1.0178 vs 1.0256 for the first feature"
    assert abs(numbers(line(tf, "running var after one step:"))[0] - 1.0178) < 1e-4
    assert abs(numbers(line(torch, "running var after one step:"))[0] - 1.0256) < 1e-4
