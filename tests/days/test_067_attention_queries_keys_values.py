"""Day 67 claims: Nadaraya-Watson regression as attention pooling on 50 noisy samples of sin(2x) + 0.4x. Average
pooling, a fixed Gaussian kernel (h = 1) and a kernel whose width is learned by Adam on the leave-one-out loss are
measured against the true function: the learned width is best in every seed, both frameworks, and lands within
one grid step (0.005) of a NumPy grid search's leave-one-out optimum. All queries are answered by one matrix
product, equal to a loop over queries; without leaving a point out the width collapses and memorises the noise."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
DAY = "067_attention_queries_keys_values"
NOISE = 0.3


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


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_pooling_one_product_equals_loop(run, fw):
    result = _run(run, "pooling", fw)
    out = result.stdout
    assert len(result.figures) == 1
    assert value(out, "matrix product vs loop over queries: max difference") < 1e-12
    assert value(out, "rows sum to 1: max error") < 1e-12
    average = value(out, "average pooling: MSE against the true function")
    gaussian = value(out, "Gaussian, h = 1: MSE against the true function")
    assert (average, gaussian) == (0.7251, 0.3359) and gaussian < average / 2


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_learned_width_wins_every_seed(run, fw):
    out = _run(run, "learned", fw).stdout
    rows = _seed_rows(out)
    for seed, start, learned, grid, average, fixed, mine in rows:
        assert mine < fixed < average  # the learned width is best, in every seed
        assert mine < 0.05 and fixed > 0.25  # bars the page's numbers satisfy with room
        assert abs(learned - grid) <= 0.005 + 1e-9  # within one step of the grid search's width
        assert 1.2 < start < 1.7 and learned < start / 5  # trained down from a wide start
    assert rows[0][4:] == [0.7251, 0.3359, 0.0225]  # seed 0 is the pooling snippet's data
    assert [r[6] for r in rows] == [0.0225, 0.0271, 0.0283]  # quoted on the page
    assert [r[2] for r in rows] == [0.131, 0.161, 0.125] and [r[3] for r in rows] == [0.130, 0.160, 0.125]
    means = numbers(line(out, "mean MSE:"))
    assert means == [0.7261, 1, 0.3194, 0.0260]  # "h = 1" contributes the 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_without_leave_one_out_width_collapses(run, fw):
    out = _run(run, "learned", fw).stdout
    h, train_mse = numbers(line(out, "without leaving a point out:"))
    true_mse = value(out, "MSE against the true function")
    learned_seed0 = _seed_rows(out)[0]
    assert h < learned_seed0[2] / 5 and h == 0.006
    assert train_mse < NOISE**2 / 5  # far below the noise variance: noise memorised
    assert true_mse > 5 * learned_seed0[6] and true_mse == 0.1232


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_learned_heatmap_and_spread(run, fw):
    result = _run(run, "learned", fw)
    assert len(result.figures) == 1
    fixed = value(result.stdout, "keys a query effectively averages, h = 1:")
    learned = value(result.stdout, "keys a query effectively averages, learned h:")
    assert (fixed, learned) == (28.0, 4.5) and learned < fixed / 5
