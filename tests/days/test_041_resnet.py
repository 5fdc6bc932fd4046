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
    return run(f"041_resnet/{kind.replace('-', '_')}_{fw}.py")


def _runs(out, kind):
    """Per-seed final losses, loss curves, and the per-layer medians (over seeds) at init and at the end."""
    rows = re.findall(rf"^{kind} seed \d: layers (\d+), train loss by epoch (.*)$", out, flags=re.M)
    assert len(rows) == SEEDS and all(int(n) == 20 for n, _ in rows)
    curves = [numbers(r) for _, r in rows]
    med = {w: [float(v) for lo in (1, 11) for v in line(out, f"{kind} {w} {lo}-{lo + 9}:").split()]
           for w in ("init", "end")}
    assert all(len(m) == 20 for m in med.values())
    lo_norm, hi_norm, lo_loss, hi_loss = numbers(line(out, f"{kind}: grad norm"))
    assert (lo_loss, hi_loss) == (min(c[-1] for c in curves), max(c[-1] for c in curves))
    assert all(lo_norm / 2 <= v <= hi_norm * 2 for v in med["init"])  # medians printed to one digit
    return curves, med, (lo_norm, hi_norm, lo_loss, hi_loss)


KINDS = ("plain", "plain-he", "residual")


def test_same_settings(run):
    settings = lambda out: out.splitlines()[:12]  # the label: value lines (NHWC/NCHW shapes differ)
    for kind in KINDS:
        tf, torch = (settings(_train(run, fw, kind).stdout) for fw in ("tf", "torch"))
        assert_parity("\n".join(tf), "\n".join(torch))
        flags = (line("\n".join(tf), "residual:"), line("\n".join(tf), "init:"))
        assert flags == {"plain": ("False", "glorot"), "plain-he": ("False", "he"), "residual": ("True", "glorot")}[kind]
        base = settings(_train(run, "tf", "plain").stdout)
        assert [a for a, b in zip(tf, base) if a != b] == {"plain": [], "plain-he": ["init: he"],
                                                          "residual": ["residual: True"]}[kind]
    out = _train(run, "tf", "plain").stdout
    assert value(out, "width:") == 8 and value(out, "blocks:") == 9 and value(out, "epochs:") == 3


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_plain_stalls_residual_learns_every_seed(run, fw):
    plain, res = _train(run, fw, "plain"), _train(run, fw, "residual")
    p_curves, p_med, (p_min, p_max, p_lo, p_hi) = _runs(plain.stdout, "plain")
    r_curves, r_med, (r_min, r_max, r_lo, r_hi) = _runs(res.stdout, "residual")
    for curve in p_curves:
        assert len(curve) == 3 and all(abs(v - math.log(10)) < 0.01 for v in curve)  # stays at ln 10
    for curve in r_curves:
        assert len(curve) == 3 and curve[-1] < 0.8 and curve[-1] < curve[0] - 1
        assert curve[0] > curve[1] > curve[2]  # the page: still falling
    assert p_lo > 2.29 and r_hi < 0.8
    assert p_max < 5e-4 and r_min > 0.05 and r_min > 100 * p_max  # Glorot: small in every plain layer
    assert max(p_med["end"][:17]) < 5e-4 < min(r_med["end"])  # and still small after training (convs 1-17)
    if fw == "torch":  # the page: below 1e-04 in layers 1 to 17 (at most 1e-05, 3e-05, 3e-05 on A, B, C)
        assert max(p_med["end"][:17]) < 1e-4
    else:  # the page: every layer's gradient exactly 0 after training in TensorFlow
        assert max(p_med["end"]) == 0
    # the page: between 1e-01 and 1e+00 (2e-01 to 9e-01 printed on the machines so far)
    assert 0.1 <= min(r_med["end"]) and max(r_med["end"]) <= 1.0
    assert len(plain.figures) == 1 and len(res.figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_he_init_lets_the_plain_net_learn_residual_still_ahead(run, fw):
    plain, he, res = (_train(run, fw, k) for k in KINDS)
    _, _, (_, p_max, _, _) = _runs(plain.stdout, "plain")
    h_curves, h_med, (h_min, h_max, h_lo, h_hi) = _runs(he.stdout, "plain-he")
    _, _, (r_min, _, _, r_hi) = _runs(res.stdout, "residual")
    assert h_min > 10 * p_max  # He init removes the vanishing gradients at initialisation
    assert h_lo < math.log(10) - 0.5  # it can learn: at least one seed leaves ln 10 within three epochs
    finals = [c[-1] for c in h_curves]
    if fw == "torch":  # the page: every seed ends well below ln 10 (1.49-1.79, 1.60-1.95, 1.56-1.81 on A, B, C)
        assert max(finals) < math.log(10) - 0.3
    else:  # the page: one seed gets going, the other two still near ln 10 (the same on A, B and C)
        learned = [f for f in finals if f < math.log(10) - 0.5]
        assert len(learned) == 1
        assert all(abs(f - math.log(10)) < 0.01 for f in finals if f not in learned)
    assert r_hi < h_lo  # the residual net's worst seed beats the He plain net's best
    assert min(h_med["end"]) > 1e-3  # no vanishing after training either
    assert len(he.figures) == 1
