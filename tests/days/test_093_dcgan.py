"""Day 93 claims: a logistic-regression judge trained on the real 8x8 digits gives held-out digits all ten
classes and high confidence, uniform noise all ten classes but low confidence, and a repeated mean digit one
class (the baselines, identical in both twins). A small DCGAN trained for 300 steps makes samples the judge
labels more confidently than the untrained generator's and than noise, but less confidently than real digits, in every
seed and both frameworks; no seed reaches all ten classes (mode dropping), and TensorFlow's seed 2 collapses
to one class (all 500 labelled 3) with a confidence above every PyTorch run's, as the page says."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
ROW = r"^seed (\d), {}: classes (\d+), confidence ([\d.]+)$"


def _rows(out, kind):
    return [(int(c), float(p)) for _, c, p in re.findall(ROW.format(kind), out, flags=re.M)]


def _judge(run, fw):
    return run(f"093_dcgan/judge_{fw}.py").stdout


def test_twins_agree(run):
    tf, torch = _judge(run, "tf"), _judge(run, "torch")
    strip = lambda out: "\n".join(l for l in out.splitlines() if not l.startswith("train:"))
    assert_parity(strip(tf), strip(torch))
    assert "(1297, 8, 8, 1)" in line(tf, "train:") and "(1297, 1, 8, 8)" in line(torch, "train:")
    assert line(tf, "train:").endswith("-1.0 to 1.0") and line(torch, "train:").endswith("-1.0 to 1.0")
    head = lambda out: "\n".join(l for l in out.splitlines() if ":" in l and not l.startswith(("seed", "  ", "classes")))
    dtf, dtorch = (run(f"093_dcgan/dcgan_{fw}.py").stdout for fw in ("tf", "torch"))
    assert_parity(head(dtf), head(dtorch))
    assert value(dtf, "steps:") == 300 and value(dtf, "bn momentum:") == 0.9


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_baselines(run, fw):
    out = _judge(run, fw)
    assert value(out, "judge accuracy on held-out digits:") > 0.95
    real_classes, real = numbers(line(out, "held-out real:"))
    noise_classes, noise = numbers(line(out, "uniform noise:"))
    mean_classes, mean_conf = numbers(line(out, "mean digit x500:"))
    assert real_classes == noise_classes == 10  # noise reaches every class too
    assert real > 0.9 and noise < 0.6 and mean_classes == 1  # confidence separates them


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_samples_every_seed(run, fw):
    result = run(f"093_dcgan/dcgan_{fw}.py")
    out = result.stdout
    real = numbers(line(_judge(run, fw), "held-out real:"))[-1]
    noise = numbers(line(_judge(run, fw), "uniform noise:"))[-1]
    trained, untrained = _rows(out, "trained G"), _rows(out, "untrained G")
    assert len(trained) == len(untrained) == 3
    for (classes, conf), (_, conf0) in zip(trained, untrained):
        assert conf0 < 0.3 < conf and noise < conf < real  # above the untrained G and noise, below real
        assert 1 <= classes <= 4 < 10  # mode dropping: one to four classes per run, never all ten
    cls_mean, cls_min, conf_mean, conf_min = numbers(line(out, "classes: mean"))
    classes, confs = [c for c, _ in trained], [p for _, p in trained]
    assert cls_min == min(classes) and cls_mean == pytest.approx(sum(classes) / 3, abs=0.05)
    assert conf_min == min(confs) and conf_mean == pytest.approx(sum(confs) / 3, abs=1.5e-3)
    assert len(result.figures) == 1


def test_tensorflow_seed_collapses(run):
    out = run("093_dcgan/dcgan_tf.py").stdout
    classes, conf = _rows(out, "trained G")[2]  # seed 2: every sample labelled 3
    assert classes == 1 and conf > max(c for _, c in _rows(run("093_dcgan/dcgan_torch.py").stdout, "trained G"))
    assert numbers(out.split("seed 2, trained G")[1].splitlines()[1]) \
        == [0, 0, 0, 500, 0, 0, 0, 0, 0, 0]
    assert _rows(out, "trained G")[0][0] < 3 and "482" in out.split("seed 0, trained G")[1].splitlines()[1]
