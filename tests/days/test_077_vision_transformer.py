"""Day 77 claims: a 28x28 digit becomes 16 tokens of 49 pixels; the patch embedding by reshape + Dense/Linear
equals a Conv2D/Conv2d with kernel = stride = 7 and the same weights; the ViT has the same parameter count in
both frameworks and by formula; at day 35's budget it passes its bar with every seed but stays below LeNet-5 with
every seed in both frameworks; with every seed, the learned positions of neighbouring patches are less alike
than those of distant ones; the LeNet numbers are day 35's."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

VIT_BAR = 0.75  # ViT test accuracy required with every seed (chance is 0.1), stated on the page
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
D, MLP, TOKENS, CLASSES, LAYERS = 64, 128, 17, 10, 1
BLOCK = (4 * D * D + 4 * D) + 2 * (2 * D) + (D * MLP + MLP + MLP * D + D)  # attention, two norms, MLP
VIT = (49 * D + D) + D + TOKENS * D + LAYERS * BLOCK + 2 * D + (D * CLASSES + CLASSES)


def _out(run, what, fw):
    return run(f"077_vision_transformer/{what}_{fw}.py")


def _seeds(out):
    rows = re.findall(r"^seed (\d): train accuracy ([\d.]+), test accuracy ([\d.]+)$", out, flags=re.M)
    return [(int(s), float(a), float(b)) for s, a, b in rows]


def test_settings_agree(run):
    for what in ("patches", "vit", "lenet"):
        tf, torch = (_out(run, what, fw).stdout for fw in ("tf", "torch"))
        keep = lambda out: "\n".join(l for l in out.splitlines() if re.match(r"^[a-z ]+: [\d(]", l)
                                     and not l.startswith(("test accuracy", "train:", "position", "conv output")))
        assert len(keep(tf).splitlines()) >= 5
        assert_parity(keep(tf), keep(torch))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_patches_as_tokens_and_conv_parity(run, fw):
    result = _out(run, "patches", fw)
    out = result.stdout
    assert numbers(line(out, "tokens per image:")) == [16, 49]
    assert line(out, "token 5 is the 7x7 block").endswith("True")
    assert line(out, "plain reshape, token 5 is that block:").endswith("False")
    gap_line = line(out, "max |")
    gap, tol = numbers(gap_line.split(":")[1])[0], value(out, "tolerance:")
    assert tol == 1e-5 and gap < tol and gap_line.endswith("True")
    counts = [int(n) for n in re.findall(r": (\d+)", line(out, "parameters,"))]
    assert counts == [49 * D + D, 49 * D + D]
    shape = numbers(line(out, "conv output:"))
    assert shape == ([8, 4, 4, D] if fw == "tf" else [8, D, 4, 4])
    assert len(result.figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_vit_bar_and_below_lenet_every_seed(run, fw):
    vit, lenet = (_out(run, what, fw).stdout for what in ("vit", "lenet"))
    assert VIT == 38602 and value(vit, "parameters, ViT:") == VIT
    assert value(lenet, "parameters, LeNet-5:") == 61706
    v, l = _seeds(vit), _seeds(lenet)
    assert l == _seeds(run(f"035_lenet/train_{fw}.py").stdout)  # day 35's numbers, to the last digit
    assert [s for s, *_ in v] == [s for s, *_ in l] == [0, 1, 2]
    assert all(test > VIT_BAR for *_, test in v)
    assert max(test for *_, test in v) < min(test for *_, test in l)  # every LeNet seed beats every ViT seed
    assert all(train > test for _, train, test in v)
    assert max(train for _, train, _ in v) < 0.9 < min(train for _, train, _ in l)  # ViT fits less well too
    for out, rows in ((vit, v), (lenet, l)):
        mean, low, high = numbers(line(out, "test accuracy: mean"))
        tests = [t for *_, t in rows]
        assert mean == pytest.approx(sum(tests) / 3, abs=1.5e-3) and (low, high) == (min(tests), max(tests))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_positions_show_no_grid_every_seed(run, fw):
    result = _out(run, "vit", fw)
    rows = re.findall(r"^seed (\d): positions, neighbours (-?[\d.]+), 3\+ apart (-?[\d.]+), "
                      r"neighbours less alike: (True|False)$", result.stdout, flags=re.M)
    assert [int(s) for s, *_ in rows] == [0, 1, 2]
    for _, near, far, less in rows:  # the page: with every seed, neighbours less alike than distant patches
        assert -1 <= float(near) < float(far) <= 1 and less == "True"
    assert len(result.figures) == 1
