"""Day 43 claims: a depthwise-separable layer's parameters and multiply-adds match the formula in both frameworks
and their ratio to a standard layer is 1/C_out + 1/k^2; the Xception-style block and MobileNet v1 have the same
counts in both frameworks (MobileNet v1 also by formula); the small separable net has far fewer parameters and,
at this budget, lower test accuracy than the standard one in every seed."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
SEEDS = 3


def _count(run, fw):
    return run(f"043_depthwise_separable_convolutions/count_{fw}.py").stdout


def _mobilenet_v1(classes=1000):
    """Howard et al. (2017), Table 1: 3x3 conv to 32 (+BN), 13 depthwise (3x3, +BN) and pointwise (+BN) pairs,
    a dense classifier with bias; convolutions without bias, BN with 2 trainable numbers per channel."""
    chans = [32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024]
    total = 3 * 3 * 3 * 32 + 2 * 32
    for a, b in zip(chans, chans[1:]):
        total += 9 * a + 2 * a + a * b + 2 * b
    return total + 1024 * classes + classes


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_layer_counts_and_ratio(run, fw):
    out = _count(run, fw)
    c_in, c_out, k, size = (value(out, f"{n}:") for n in ("c in", "c out", "k", "size"))
    std, sep = k * k * c_in * c_out, k * k * c_in + c_in * c_out
    assert numbers(line(out, "standard parameters:")) == [std, std] == [73728, 73728]
    assert numbers(line(out, "separable parameters:")) == [sep, sep] == [8768, 8768]
    assert value(out, "standard multiply-adds:") == std * size * size
    assert value(out, "separable multiply-adds:") == sep * size * size
    ratio, _, _, _, from_formula = numbers(line(out, "ratio:"))  # "1/C_out + 1/K^2" prints 1, 1, 2
    assert ratio == from_formula == round(1 / c_out + 1 / k**2, 4) == round(sep / std, 4)
    # forgetting groups=C_in: a full KxK conv C_in -> C_in, then the 1x1
    wrong = k * k * c_in * c_in + c_in * c_out
    assert value(out, "without the depthwise step:") == wrong == 45056
    threshold = numbers(line(out, "more than the standard layer when C_in >"))[-1]
    assert threshold == round((1 - 1 / k**2) * c_out, 1) and c_in < threshold and wrong < std  # not here
    assert (wrong > std) == (c_in > (1 - 1 / k**2) * c_out)


def test_multiply_adds_counted_in_pytorch(run):
    out = _count(run, "torch")
    size = value(out, "size:")
    counted = numbers(line(out, "multiply-adds counted:"))
    assert counted == [value(out, "standard multiply-adds:"), value(out, "separable multiply-adds:")]
    assert counted == [73728 * size * size, 8768 * size * size] == [231_211_008, 27_496_448]
    assert "formula" in line(_count(run, "tf"), "multiply-adds counted:")  # Keras: by formula, said so


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_mobilenet_v1(run, fw):
    out = _count(run, fw)
    counted, formula = numbers(line(out, "mobilenet v1 output:"))[-2:]
    assert counted == formula == _mobilenet_v1() == 4_231_976


def test_count_twins_agree(run):
    tf, torch = _count(run, "tf"), _count(run, "torch")
    skip = ("output shapes", "xception", "multiply-adds counted")
    drop_shapes = lambda out: "\n".join(r for r in out.splitlines() if not r.startswith(skip))
    assert_parity(drop_shapes(tf), drop_shapes(torch))
    block_tf, block_torch = numbers(line(tf, "xception block:")), numbers(line(torch, "xception block:"))
    sep_bn = lambda a, b: 9 * a + a * b + 2 * b  # depthwise 3x3, pointwise 1x1, BatchNorm (2 per channel)
    c_in, c_out = value(tf, "c in:"), value(tf, "c out:")
    formula = sep_bn(c_in, c_out) + sep_bn(c_out, c_out) + c_in * c_out + 2 * c_out  # + 1x1 projection, BN
    assert block_tf[-1] == block_torch[-1] == formula == 35264
    assert sorted(block_tf[:4]) == sorted(block_torch[:4]) == [1, 28, 28, 128]  # NHWC vs NCHW, halved map


def _train(run, fw):
    return run(f"043_depthwise_separable_convolutions/train_{fw}.py").stdout


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_accuracy_figure(run, fw):
    assert len(run(f"043_depthwise_separable_convolutions/train_{fw}.py").figures) == 1


def _accs(out, kind):
    return numbers(line(out, f"{kind}: test accuracy"))[:SEEDS]


def test_same_settings_and_counts(run):
    tf, torch = _train(run, "tf"), _train(run, "torch")
    settings = lambda out: "\n".join(out.splitlines()[:7])
    assert_parity(settings(tf), settings(torch))
    for kind, (total, middle) in (("standard", (33546, 23136)), ("separable", (13498, 3088))):
        assert numbers(line(tf, f"{kind}: parameters")) == numbers(line(torch, f"{kind}: parameters"))
        assert numbers(line(tf, f"{kind}: parameters")) == [total, 2, -3, middle]  # "layers 2-3" reads as 2, -3


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_separable_fewer_parameters_lower_accuracy(run, fw):
    out = _train(run, fw)
    std, sep = _accs(out, "standard"), _accs(out, "separable")
    assert len(std) == len(sep) == SEEDS
    baseline = value(out, "logistic regression: test accuracy")
    assert 0.85 < baseline < 0.9
    # the standard net beats the linear baseline in every seed by more than 0.01 (the weakest: TF's 0.888 against
    # 0.865 on machine A and 0.868 on B and C; accuracies are counts out of 1000 test digits)
    assert min(std) - baseline > 0.01
    # the separable net is no better than the baseline: its mean within 0.02 of it (TF: 0.864 against 0.865 and
    # 0.868; PyTorch: 0.857, 0.856, 0.857), no seed more than 0.01 above it (TF's best, 0.869, is 0.004 and
    # 0.001 above on A and B/C)
    mean_sep = sum(sep) / SEEDS
    assert abs(mean_sep - baseline) < 0.02
    assert max(sep) < baseline + 0.01
    if fw == "torch":  # the page: below it in PyTorch
        assert mean_sep < baseline
    else:  # the page: level with it in TensorFlow, within 0.01, every seed within about a point of it
        assert abs(mean_sep - baseline) < 0.01
        assert all(abs(a - baseline) < 0.015 for a in sep)
    assert all(a > b for a, b in zip(std, sep))  # the standard net wins in every seed
    for kind, accs in (("standard", std), ("separable", sep)):
        mean, low = numbers(line(out, f"{kind}: test accuracy"))[SEEDS:]
        assert abs(mean - sum(accs) / SEEDS) < 1.5e-3 and low == min(accs)
