"""Day 39 claims: the Inception block's four paths keep the height and width
and are concatenated on channels (shapes in both frameworks); the original
GoogLeNet without auxiliary classifiers counted in both frameworks and by
formula; a small Inception net trained on the MNIST sample trains (above the
page's bar) in every seed in both frameworks, and is compared with a
logistic-regression baseline on the same split."""
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "039_googlenet_inception"
FW = ("tf", "torch")
BAR = 0.8  # the page: every seed, both frameworks, above this (it trains)
BASELINE = (0.88, 0.9)  # logistic regression on the same split (0.888 on
# the machine the page was first written on, 0.890 on the next two)
# Seeds above the baseline (a marker on the page): 2 of 3 in TensorFlow and
# 1 of 3 in PyTorch here (2 epochs of batches of 32, one thread each; with
# 3 epochs of 64 and two threads it was 1 and 2). The seeds lie within a few
# thousandths of the baseline on both sides (TensorFlow's lowest seed 0.007
# below it, 0.003 with oneDNN off), so a count per framework could flip on
# another CPU; the page's claim, that the net is not reliably better than
# the linear model, is asserted over all six runs: not every one beats it.
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf),
              pytest.param("torch", marks=pytest.mark.torch)]


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in FW]


def channels_last(shape, fw):  # (N, H, W, C) from either layout
    return shape if fw == "tf" else [shape[0], shape[2], shape[3], shape[1]]


def test_inception_block_shapes(run):
    for fw, out in zip(FW, outputs(run, "build")):
        paths = [channels_last(numbers(line(out, f"path {p}:")), fw)
                 for p in ("1x1", "3x3", "5x5", "pool")]
        joined = channels_last(numbers(line(out, "concatenated:")), fw)
        assert [p[3] for p in paths] == [64, 128, 32, 32]
        assert all(p[1:3] == [28, 28] for p in paths)  # size kept
        assert joined == [1, 28, 28, sum(p[3] for p in paths)] == [1, 28, 28, 256]
        # 1x1: 192*64+64; 3x3: 192*96+96 + 9*96*128+128; 5x5: 192*16+16 +
        # 25*16*32+32; pool: 192*32+32
        assert value(out, "parameters, 3a:") == 163696


def test_googlenet_count(run):
    tf, torch = outputs(run, "build")
    for out in (tf, torch):
        counted = value(out, "parameters, counted:")
        assert counted == value(out, "parameters, formula:") == 6998552
        stem, blocks, head = numbers(line(out, "stem"))
        assert (stem, head) == (124416, 1025000)
        assert stem + blocks + head == counted
        assert numbers(line(out, "output shape:"))[-1] == 1000
    assert line(tf, "parameters, counted:") == line(torch, "parameters, counted:")


def test_same_settings(run):
    tf, torch = outputs(run, "train")
    settings = lambda out: "\n".join(out.splitlines()[:9])
    assert_parity(settings(tf), settings(torch))
    assert value(tf, "parameters:") == value(torch, "parameters:") == 15646
    for fw, out in zip(FW, (tf, torch)):
        assert channels_last(numbers(line(out, "after block A:")), fw) == [2, 7, 7, 56]
        assert channels_last(numbers(line(out, "after block B:")), fw) == [2, 7, 7, 64]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_small_inception_trains_and_is_compared_with_a_linear_model(run, fw):
    out = run(f"{DAY}/train_{fw}.py").stdout
    accs = [value(out, f"seed {s}: test accuracy") for s in (0, 1, 2)]
    assert min(accs) > BAR
    mean, low, high = numbers(line(out, "mean"))[:3]
    assert (low, high) == (min(accs), max(accs))
    assert abs(mean - sum(accs) / 3) <= 1e-3
    baseline = value(out, "logistic regression: test accuracy")
    assert BASELINE[0] < baseline < BASELINE[1]
    above = numbers(line(out, "seeds above it:"))
    assert above == [sum(a > baseline for a in accs), 3]


def test_not_reliably_better_than_the_linear_model(run):
    tf, torch = outputs(run, "train")
    baseline = value(tf, "logistic regression: test accuracy")
    assert value(torch, "logistic regression: test accuracy") == baseline
    accs = [value(out, f"seed {s}: test accuracy")
            for out in (tf, torch) for s in (0, 1, 2)]
    assert not all(a > baseline for a in accs)  # not every run beats it
