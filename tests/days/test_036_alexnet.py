"""Day 36 claims: AlexNet at full size has 60,965,224 parameters in the paper's two-GPU grouped form and 61,100,840
in torchvision's single tower, in both frameworks and by the page's formula (62,378,344 without the groups); the
dense layers hold most parameters, the convolutions most multiply-adds; the scaled 28x28 version matches its
formula and passes the stated accuracy bar with every seed; dropout is random in training mode only."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

BAR = 0.8  # test accuracy required in every seed and framework, stated on the page
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
DENSE = (256 * 36 + 1) * 4096 + 4097 * 4096 + 4097 * 1000


def _out(run, what, fw):
    return run(f"036_alexnet/{what}_{fw}.py").stdout


def _paper_grouped():  # independent of the snippets: the 2012 paper's layer table
    convs = [11 * 11 * 3 * 96 + 96, 5 * 5 * 48 * 256 + 256, 3 * 3 * 256 * 384 + 384,
             3 * 3 * 192 * 384 + 384, 3 * 3 * 192 * 256 + 256]
    return convs, [(256 * 36 + 1) * 4096, 4097 * 4096, 4097 * 1000]


def test_twins_agree(run):
    assert_parity(_out(run, "build", "tf"), _out(run, "build", "torch"))
    settings = lambda out: "\n".join(l for l in out.splitlines()
                                     if not l.startswith(("seed", "test accuracy", "training mode")))
    assert_parity(settings(_out(run, "train", "tf")), settings(_out(run, "train", "torch")))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_full_size_counts(run, fw):
    out = _out(run, "build", fw)
    convs, dense = _paper_grouped()
    assert sum(dense) == DENSE == 58631144
    assert value(out, "parameters, paper, grouped:") == sum(convs) + sum(dense) == 60965224
    assert value(out, "parameters, single tower:") == 61100840
    assert numbers(line(out, "formula, paper, grouped:")) == [60965224, sum(convs), DENSE]
    assert numbers(line(out, "formula, single tower:"))[0] == 61100840
    assert numbers(line(out, "formula, paper, no groups:"))[0] == 62378344
    assert line(out, "last feature maps, 224 input:").endswith("256x6x6")
    assert line(out, "last feature maps, 227 input:").endswith("256x6x6")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_budget(run, fw):
    out = _out(run, "build", fw)
    convs, dense = _paper_grouped()
    sides = (55, 27, 13, 13, 13)
    assert value(out, "dense share of parameters:") == round(sum(dense) / (sum(convs) + sum(dense)), 3) == 0.962
    # independent: weights only, k*k*(c_in/g)*c_out*H*W per conv and n*m per dense layer
    c, k, g = (3, 96, 256, 384, 384, 256), (11, 5, 3, 3, 3), (1, 2, 1, 2, 2)
    wc = sum(k[i] ** 2 * (c[i] // g[i]) * c[i + 1] * sides[i] ** 2 for i in range(5))
    wd = 9216 * 4096 + 4096 * 4096 + 4096 * 1000
    w = wc + wd
    assert w == 724406816
    assert value(out, "conv share of multiply-adds:") == round(wc / w, 3) == 0.919
    assert numbers(line(out, "multiply-adds per 227x227 image:")) == [w, 0.72]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_small_alexnet(run, fw):
    out = _out(run, "train", fw)
    c, k = (1, 8, 16, 16, 16, 16), (5, 3, 3, 3, 3)
    conv = sum(k[i] ** 2 * c[i] * c[i + 1] + c[i + 1] for i in range(5))
    dense = (16 * 4 + 1) * 128 + 129 * 128 + 129 * 10
    assert numbers(line(out, "parameters:")) == [conv + dense, conv, dense]
    assert numbers(line(out, "formula:")) == [conv + dense, conv, dense]
    assert value(out, "dense share of parameters:") == round(dense / (conv + dense), 3)
    scores = [float(s) for s in re.findall(r"^seed \d: test accuracy ([\d.]+)$", out, flags=re.M)]
    assert len(scores) == 3 and all(s > BAR for s in scores)
    mean, low, high = numbers(line(out, "test accuracy: mean"))
    assert mean == pytest.approx(sum(scores) / 3, abs=1.5e-3) and (low, high) == (min(scores), max(scores))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_dropout_modes(run, fw):
    out = _out(run, "train", fw)
    zeroed, before = numbers(line(out, "training mode: zeroed"))
    assert 0.2 < before < 0.9  # ReLU zeros in the input, as a fraction of all inputs
    assert zeroed == pytest.approx(before + 0.5 * (1 - before), abs=0.02)  # half of the rest
    assert line(out, "training mode: zeroed").endswith("two passes equal False")
    assert value(out, "training mode: kept values scaled by") == 2.0  # 1 / (1 - 0.5)
    assert line(out, "inference mode: output equals input").endswith("True")
