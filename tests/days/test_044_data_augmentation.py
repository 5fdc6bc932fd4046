"""Day 44 claims: Keras's preprocessing layers and the plain-torch affine transforms compute the same rotation,
shift and zoom as scipy.ndimage (so the same as each other); they transform in training and are the identity in
inference (Keras: training=False, predict, evaluate; torch: eval mode), while a bare Keras call and torch's no_grad
still augment; Keras's default fill reflects ink into the border; and on 300 training digits, with a fixed budget
of 200 steps, augmentation raises test accuracy in every seed and framework (by more than 0.015), and the
train-test gap shrinks."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

SEEDS = 3
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
TRANSFORMS = ("rotation", "shift", "zoom")


def _out(run, what, fw):
    return run(f"044_data_augmentation/{what}_{fw}.py")


def _settings(out, n):
    return "\n".join(out.splitlines()[:n])


def test_same_settings(run):
    for what, n in (("layers", 6), ("effect", 10)):
        tf, torch = (_out(run, what, fw).stdout for fw in ("tf", "torch"))
        assert_parity(_settings(tf, n), _settings(torch, n))
    tf = _out(run, "effect", "tf").stdout
    assert value(tf, "rotation:") == 15 and value(tf, "shift:") == 0.1 and value(tf, "zoom:") == 0.1
    assert numbers(line(tf, "train:")) == [300, 1000, 200]  # 300 digits, 1000 test digits, 200 steps


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_transforms_match_scipy(run, fw):
    out = _out(run, "layers", fw).stdout
    for name in TRANSFORMS:
        gap = value(out, f"{name}: max gap to scipy")
        assert 0 <= gap < 1e-5
    assert numbers(line(out, "rotation: max gap to scipy"))[1] == 1.0  # a rotation inside the frame keeps the ink


def test_same_transforms_in_both_frameworks(run):
    rows = lambda out: "\n".join(f"{n}: {line(out, n + ': max gap to scipy').split(',')[1]}" for n in TRANSFORMS)
    tf, torch = (rows(_out(run, "layers", fw).stdout) for fw in ("tf", "torch"))
    assert_parity(tf, torch)  # ink kept after each transform, to the printed precision
    ink = numbers(tf)  # rotation, shift, zoom
    assert ink[0] == 1.0 and 0.99 <= ink[1] < 1.0  # a rotation keeps the ink; a shift loses a little off the edge
    assert ink[2] == pytest.approx(1 / 1.1 ** 2, abs=0.01)  # zooming out by 1.1 shrinks the area by 1.21


@pytest.mark.tf
def test_keras_training_and_inference(run):
    result = _out(run, "layers", "tf")
    out = result.stdout
    assert value(out, "training=True: max change") > 0.5
    assert value(out, "training=False: max change") == 0
    assert value(out, "no training argument: max change") > 0.5  # a bare call augments in Keras 3
    assert value(out, "predict: max change") == 0
    fit, evaluate = numbers(line(out, "inside fit:"))[:2]
    assert fit > 0.01 and evaluate == 0  # on inside fit, off in evaluate
    assert len(result.figures) == 1


@pytest.mark.torch
def test_torch_training_and_eval(run):
    result = _out(run, "layers", "torch")
    out = result.stdout
    assert line(out, "training mode:").startswith("True")
    changes = [numbers(r.split("change", 1)[1])[0] for r in out.splitlines() if "max change" in r]
    assert len(changes) == 3
    assert changes[0] > 0.5 and changes[1] == 0 and changes[2] > 0.5  # train, eval, no_grad in train mode
    tf = value(_out(run, "layers", "tf").stdout, "training=True: max change")
    assert changes[0] == tf  # "the same in torch": the page quotes Keras's max change for both
    assert len(result.figures) == 1


def test_border_fill(run):
    strip = {fw: {m: float(x) for m, x in re.findall(r"px, (\w+): ink in the uncovered strip (-?[\d.]+)", out)}
             for fw, out in ((fw, _out(run, "layers", fw).stdout) for fw in ("tf", "torch"))}
    assert strip["tf"]["constant"] == 0 and strip["torch"]["zeros"] == 0
    assert strip["tf"]["reflect"] > 10 and strip["tf"]["reflect"] == strip["torch"]["reflection"]


def _seeds(out):  # per seed: test accuracy without, with, gain; train accuracy without, with
    tests = re.findall(r"^seed \d: test accuracy without ([\d.]+), with ([\d.]+), "
                       r"gain ([-+][\d.]+)$", out, flags=re.M)
    fits = re.findall(r"^seed \d: train accuracy without ([\d.]+), with ([\d.]+)$",
                      out, flags=re.M)
    assert len(tests) == len(fits)
    rows = [[float(v) for v in t + f] for t, f in zip(tests, fits)]
    assert len(rows) == SEEDS
    return rows


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_augmentation_helps_every_seed(run, fw):
    out = _out(run, "effect", fw).stdout
    rows = _seeds(out)
    for without, with_, gain, fit_without, fit_with in rows:
        assert gain == pytest.approx(with_ - without, abs=1.5e-3)
        assert gain > 0.015  # the bar the page states, in every seed
        assert 0.75 < without < with_ < 0.97  # sane accuracies; augmentation helps
        assert fit_without >= 0.98 > fit_with  # the page's bar: memorised without, not with
        assert with_ - fit_with > without - fit_without  # the train-test gap shrinks
    for i, name in enumerate(["without", "with"]):
        mean, sd, low, high = numbers(line(out, f"{name}:"))[:4]
        column = [r[i] for r in rows]
        assert mean == pytest.approx(sum(column) / SEEDS, abs=1.5e-3)
        assert (low, high) == (min(column), max(column)) and sd > 0
    mean, low, high = numbers(line(out, "gain:"))[:3]
    assert (low, high) == pytest.approx((min(r[2] for r in rows), max(r[2] for r in rows)), abs=1.5e-3)
    assert low > 0.015 and numbers(line(out, "with:"))[0] > numbers(line(out, "without:"))[0]  # mean rises
