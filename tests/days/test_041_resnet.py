"""Day 41 claims: ResNet-18 and ResNet-50 at full size have the same trainable parameter count in both
frameworks and by the page's formula; Keras's count_params and PyTorch's buffers differ by BatchNorm's
running statistics; with 20 weight layers and no normalization the plain net stays at ln 10 while the
residual net learns, for every seed, and its gradients at initialisation are orders of magnitude larger."""
import math
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
SEEDS = 3


def _formula(depths, bottleneck, widths=(64, 128, 256, 512), classes=1000):
    """He et al. (2015), option B: conv k*k*c_in*c_out (no bias) + BatchNorm 2c; projection where the shape changes."""
    conv = lambda a, b, k: k * k * a * b + 2 * b
    total, c_in = conv(3, 64, 7), 64
    for stage, (m, n) in enumerate(zip(widths, depths)):
        c_out = 4 * m if bottleneck else m
        for i in range(n):
            stride = 2 if stage > 0 and i == 0 else 1
            if bottleneck:
                total += conv(c_in, m, 1) + conv(m, m, 3) + conv(m, c_out, 1)
            else:
                total += conv(c_in, m, 3) + conv(m, m, 3)
            if stride != 1 or c_in != c_out:
                total += conv(c_in, c_out, 1)
            c_in = c_out
    return total + c_in * classes + classes


EXPECTED = {"resnet18": 11_689_512, "resnet50": 25_557_032}  # torchvision's published counts agree


def _count(run, fw):
    return run(f"041_resnet/count_{fw}.py").stdout


def _int(text):
    return int(text.replace(",", ""))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_full_size_counts_match_formula(run, fw):
    out = _count(run, fw)
    for name, depths, bottleneck in (("resnet18", (2, 2, 2, 2), False), ("resnet50", (3, 4, 6, 3), True)):
        m = re.search(rf"^{name} parameters: ([\d,]+), formula: ([\d,]+)$", out, flags=re.M)
        assert m, out
        counted, printed_formula = _int(m.group(1)), _int(m.group(2))
        assert counted == printed_formula == _formula(depths, bottleneck) == EXPECTED[name]
        assert line(out, f"{name} output shape:") == "(1, 1000)"
        found = numbers(line(out, f"{name} convs:"))  # "1x1" prints two more numbers
        convs, proj, main = found[0], found[-2], found[-1]
        assert (convs, proj) == ((20, 3) if name == "resnet18" else (53, 4))
        assert main == int(name[-2:]) == convs - proj + 1


def test_counts_agree_and_statistics_differ(run):
    tf, torch = _count(run, "tf"), _count(run, "torch")
    common = lambda out: "\n".join(r for r in out.splitlines() if "count_params" not in r and "buffers" not in r)
    assert_parity(common(tf), common(torch))
    for name in EXPECTED:
        params = EXPECTED[name]
        with_stats = _int(re.search(rf"^{name} count_params\(\).*: ([\d,]+)$", tf, flags=re.M).group(1))
        buffers = _int(re.search(rf"^{name} buffers.*: ([\d,]+)$", torch, flags=re.M).group(1))
        bn_layers = numbers(line(torch, f"{name} convs:"))[0]  # one BatchNorm per convolution
        stats = with_stats - params  # moving mean and variance: 2 per BatchNorm channel
        assert stats > 0 and buffers == stats + bn_layers  # PyTorch adds one step counter per BatchNorm
    assert _int(re.search(r"^resnet18 count_params\(\).*: ([\d,]+)$", tf, flags=re.M).group(1)) == 11_699_112


def _train(run, fw, kind):
    return run(f"041_resnet/{kind}_{fw}.py")


def _runs(out, kind):
    norms = re.findall(rf"^{kind} seed \d: layers (\d+), grad norm first (\S+), last (\S+)$", out, flags=re.M)
    losses = [numbers(r) for r in re.findall(rf"^{kind} seed \d: train loss by epoch (.*)$", out, flags=re.M)]
    assert len(norms) == len(losses) == SEEDS
    return [[float(x) for x in n] for n in norms], losses


def test_same_settings(run):
    settings = lambda out: "\n".join(out.splitlines()[:11])  # the label: value lines (NHWC/NCHW shapes differ)
    plain_tf, res_tf, plain_torch, res_torch = (
        settings(_train(run, fw, kind).stdout) for fw in ("tf", "torch") for kind in ("plain", "residual"))
    assert_parity(plain_tf, plain_torch)
    assert_parity(res_tf, res_torch)
    assert_parity(plain_tf, res_tf)  # the same settings for both nets, but for the shortcuts
    assert line(plain_tf, "residual:") == "False" and line(res_tf, "residual:") == "True"
    assert line(plain_torch, "residual:") == "False" and line(res_torch, "residual:") == "True"
    assert value(plain_tf, "width:") == 8 and value(plain_tf, "blocks:") == 9 and value(plain_tf, "epochs:") == 3


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_plain_stalls_residual_learns_every_seed(run, fw):
    plain, res = _train(run, fw, "plain"), _train(run, fw, "residual")
    (plain_norms, plain_loss), (res_norms, res_loss) = _runs(plain.stdout, "plain"), _runs(res.stdout, "residual")
    for curve in plain_loss:
        assert len(curve) == 3 and all(abs(v - math.log(10)) < 0.01 for v in curve)  # stays at ln 10
    for curve in res_loss:
        assert len(curve) == 3 and curve[-1] < 0.8 and curve[-1] < curve[0] - 1
    for layers, first, last in plain_norms + res_norms:
        assert layers == 20
    p_min, p_max, p_lo, p_hi = numbers(line(plain.stdout, "plain: grad norm"))
    r_min, r_max, r_lo, r_hi = numbers(line(res.stdout, "residual: grad norm"))
    assert (p_lo, p_hi) == (min(c[-1] for c in plain_loss), max(c[-1] for c in plain_loss))
    assert (r_lo, r_hi) == (min(c[-1] for c in res_loss), max(c[-1] for c in res_loss))
    assert p_lo > 2.29 and r_hi < 0.8
    assert all(p_min <= v <= p_max for n in plain_norms for v in n[1:])
    assert all(r_min <= v <= r_max for n in res_norms for v in n[1:])
    assert p_max < 5e-4 and r_min > 0.05 and r_min > 300 * p_max  # small in every plain layer
    assert len(plain.figures) == 1 and len(res.figures) == 1
