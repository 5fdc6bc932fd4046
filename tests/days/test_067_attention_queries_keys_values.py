"""Day 67 claims: Nadaraya-Watson regression as attention pooling on 50 noisy samples of sin(2x) + 0.4x. Average
pooling, a fixed Gaussian kernel (h = 1) and a kernel whose width is learned by Adam on the leave-one-out loss are
measured against the true function: the learned width is best in every seed, both frameworks, and lands within
one grid step (0.005) of a NumPy grid search's leave-one-out optimum. All queries are answered by one matrix
product, equal to a loop over queries; without leaving a point out the width collapses and memorises the noise.
The page quotes the runs' numbers as markers; these tests hold them to a float64 NumPy replay of the same data
(the starting widths, the grid search, the fixed kernels' errors) and to bands and orders, not to digits."""
import re

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
DAY = "067_attention_queries_keys_values"
NOISE = 0.3


def f(x):  # the true function, as in the snippets
    return np.sin(2 * x) + 0.4 * x


QUERIES = np.linspace(0, 5, 50)


def nadaraya_watson(queries, x, y, h, leave_out_self=False):
    scores = -((queries[:, None] - x[None, :]) ** 2) / (2 * h**2)
    if leave_out_self:
        np.fill_diagonal(scores, -np.inf)
    w = np.exp(scores - scores.max(axis=1, keepdims=True))
    w /= w.sum(axis=1, keepdims=True)
    return w @ y, w


def replay(seed):
    """The snippets' data for one seed, in NumPy: start h, grid h, and the functions the MSEs are measured with."""
    rng = np.random.default_rng(int(seed))
    x = np.sort(rng.uniform(0, 5, 50))
    y = f(x) + rng.normal(0, NOISE, 50)
    start = rng.uniform(0.2, 2)
    widths = np.linspace(0.05, 2.0, 391)
    loo = [((nadaraya_watson(x, x, y, h, leave_out_self=True)[0] - y) ** 2).mean() for h in widths]
    mse = lambda h: ((nadaraya_watson(QUERIES, x, y, h)[0] - f(QUERIES)) ** 2).mean()
    average = ((y.mean() - f(QUERIES)) ** 2).mean()
    return x, y, start, widths[np.argmin(loo)], average, mse


def _run(run, what, fw):
    return run(f"{DAY}/{what}_{fw}.py")


def _without(out, *labels):  # drop lines holding float64 rounding residues, which differ between frameworks
    return "\n".join(r for r in out.splitlines() if not r.strip().startswith(labels))


def _seed_rows(out):  # seed, start h, learned h, grid h, MSE average, MSE h = 1, MSE learned
    rows = [numbers(r) for r in out.splitlines() if re.match(r"^ +\d+ +[\d.]+ +[\d.]+ +[\d.]+ \| ", r)]
    assert [r[0] for r in rows] == [0, 1, 2] and all(len(r) == 7 for r in rows)
    return rows


def test_twins_agree(run):
    for what in ("pooling", "learned"):
        tf, torch = _run(run, what, "tf").stdout, _run(run, what, "torch").stdout
        residues = ("rows sum to 1", "matrix product vs loop")
        assert_parity(_without(tf, *residues), _without(torch, *residues))
        # "the same numbers to the digits shown, apart from the float64 rounding residues"
        assert _without(tf, *residues) == _without(torch, *residues)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_pooling_one_product_equals_loop(run, fw):
    result = _run(run, "pooling", fw)
    out = result.stdout
    assert len(result.figures) == 1
    assert value(out, "matrix product vs loop over queries: max difference") < 1e-12
    assert value(out, "rows sum to 1: max error") < 1e-12
    average = value(out, "average pooling: MSE against the true function")
    gaussian = value(out, "Gaussian, h = 1: MSE against the true function")
    _, _, _, _, ref_average, mse = replay(0)  # the pooling data are seed 0's
    assert average == pytest.approx(ref_average, abs=1e-4) and gaussian == pytest.approx(mse(1.0), abs=1e-4)
    assert gaussian < average / 2  # the kernel follows the trend, average pooling draws a flat line


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_learned_width_wins_every_seed(run, fw):
    out = _run(run, "learned", fw).stdout
    rows = _seed_rows(out)
    for seed, start, learned, grid, average, fixed, mine in rows:
        assert mine < fixed < average  # the learned width is best, in every seed
        assert mine < 0.05 and fixed > 0.25  # bars the page's numbers satisfy with room
        assert abs(learned - grid) <= 0.005 + 1e-9  # within one step of the grid search's width
        assert 1.2 < start < 1.7 and learned < start / 5  # trained down from a wide start
    for seed, start, learned, grid, average, fixed, mine in rows:  # the same data, replayed in NumPy
        _, _, ref_start, ref_grid, ref_average, mse = replay(seed)
        assert start == round(ref_start, 3) and grid == pytest.approx(ref_grid, abs=1e-9)  # NumPy only
        assert average == pytest.approx(ref_average, abs=1e-4) and fixed == pytest.approx(mse(1.0), abs=1e-4)
        assert mine == pytest.approx(mse(learned), rel=0.05)  # the error of the width it printed (to 3 digits)
    means = numbers(line(out, "mean MSE:"))  # "h = 1" contributes the 1
    assert means[1] == 1 and [means[0], means[2], means[3]] == pytest.approx(
        [np.mean([r[i] for r in rows]) for i in (4, 5, 6)], abs=1.5e-4)  # means of the rows, printed rounded


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_without_leave_one_out_width_collapses(run, fw):
    out = _run(run, "learned", fw).stdout
    h, train_mse = numbers(line(out, "without leaving a point out:"))
    true_mse = value(out, "MSE against the true function")
    learned_seed0 = _seed_rows(out)[0]
    assert h < learned_seed0[2] / 5 and h < 0.05  # the width collapses
    assert train_mse < NOISE**2 / 5  # far below the noise variance: noise memorised
    assert true_mse > 5 * learned_seed0[6]  # "more than five times the leave-one-out model's"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_learned_heatmap_and_spread(run, fw):
    result = _run(run, "learned", fw)
    assert len(result.figures) == 1
    fixed = value(result.stdout, "keys a query effectively averages, h = 1:")
    learned = value(result.stdout, "keys a query effectively averages, learned h:")
    x, y, *_ = replay(0)
    _, weights = nadaraya_watson(QUERIES, x, y, 1.0)
    assert fixed == pytest.approx((1 / (weights**2).sum(axis=1)).mean(), abs=0.05)  # float64 NumPy, h = 1
    assert 1 < learned < fixed / 5  # a narrow band: a handful of keys per query
    _, weights = nadaraya_watson(QUERIES, x, y, _seed_rows(result.stdout)[0][2])  # at the printed learned h
    assert learned == pytest.approx((1 / (weights**2).sum(axis=1)).mean(), abs=0.1)
