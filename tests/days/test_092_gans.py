"""Day 92 claims: on eight Gaussians on a ring, the data itself reaches all 8 modes with about 1 - exp(-4.5) of its
samples near a centre, and a wide Gaussian reaches none; a small GAN, trained for the stated steps with the
non-saturating loss, stays far short of the data's high-quality share in every run; some runs miss modes (seed 1 in
both frameworks; PyTorch's seeds 0 and 2 reach all eight); TensorFlow's seed 2 loses modes between its first two
checkpoints; mode counts and shares rank the runs differently; the TensorFlow shares spread wider than the PyTorch
ones. The exact counts and shares move with the CPU (the page fills them from the output and says so), so they are
not pinned here. The saturating loss's gradient on D's logit is -sigmoid(a) and the non-saturating one's
-(1 - sigmoid(a)) (twins agree), and against a confident discriminator the generator's gradient under the
saturating loss is far smaller than under the non-saturating one, for every seed."""
import math

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
SEEDS = [0, 1, 2]
INSIDE = 1 - math.exp(-4.5)  # mass of a 2-D Gaussian within 3 standard deviations: 0.989
RATIO = 10  # the non-saturating gradient is at least this many times the saturating one, every seed (page)
CONFIDENT = 0.1  # mean D(G(z)) below this after the discriminator trains alone: D rejects the fakes


def _out(run, what, fw):
    return run(f"092_gans/{what}_{fw}.py").stdout


def _settings(out):
    return "\n".join(r for r in out.splitlines() if not r.startswith(("seed ", "data:", "wide", "logit a", " ")))


@pytest.mark.parametrize("what", ["ring", "saturation"])
def test_same_settings(run, what):
    tf, torch = (_settings(_out(run, what, fw)) for fw in ("tf", "torch"))
    assert tf.count("\n") >= 9
    assert tf == torch
    assert value(tf, "seeds:") == 0 and numbers(line(tf, "seeds:")) == SEEDS


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_baselines(run, fw):
    out = _out(run, "ring", fw)
    n = value(out, "n eval:")
    assert value(out, "near:") == pytest.approx(3 * value(out, "std:"))
    modes, quality = numbers(line(out, "data:"))
    assert modes == value(out, "modes:") == 8
    assert abs(quality - INSIDE) < 3 * math.sqrt(INSIDE * (1 - INSIDE) / n)  # within 3 binomial standard errors
    modes, quality = numbers(line(out, "wide Gaussian:"))
    assert modes == 0 and quality < 0.05


def test_baselines_same_in_both(run):
    tf, torch = (_out(run, "ring", fw) for fw in ("tf", "torch"))
    for label in ("data:", "wide Gaussian:"):
        assert line(tf, label) == line(torch, label)  # the same NumPy draws


def _runs(run):
    """(framework, seed) -> (modes reached, high-quality share, modes at the checkpoints)."""
    rows = {}
    for fw in ("tf", "torch"):
        out = _out(run, "ring", fw)
        for s in SEEDS:
            modes, quality = numbers(line(out, f"seed {s}: modes reached"))
            rows[fw, s] = modes, quality, numbers(line(out, f"seed {s}: modes at checkpoints"))
    return rows


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_gan_every_seed(run, fw):
    out = _out(run, "ring", fw)
    data_quality = numbers(line(out, "data:"))[1]
    for seed in SEEDS:
        modes, quality = numbers(line(out, f"seed {seed}: modes reached"))
        checkpoints = numbers(line(out, f"seed {seed}: modes at checkpoints"))
        assert len(checkpoints) == 3 and checkpoints[-1] == modes  # the last is the end
        assert all(0 <= c <= 8 and c == int(c) for c in checkpoints)
        assert quality < data_quality - 0.2  # well short of the data, every run


def test_some_runs_miss_modes(run):
    # the page: PyTorch's seeds 0 and 2 reach all 8 modes, seed 1 misses modes in both frameworks (so far on every
    # machine; the TensorFlow counts of seeds 0 and 2 move with the CPU and are not claimed)
    rows = _runs(run)
    assert rows["torch", 0][0] == rows["torch", 2][0] == 8
    assert rows["torch", 1][0] < 8 and rows["tf", 1][0] < 8
    # the page: TensorFlow's seed 2 lost modes between its first two checkpoints (1 -> 0 on all three machines)
    first, second, _ = rows["tf", 2][2]
    assert first > second


def test_measures_rank_runs_differently(run):
    # the page: some run reaches more modes than another and still has the lower share
    rows = list(_runs(run).values())
    assert all(0 <= r[0] <= 8 for r in rows) and value(_out(run, "ring", "tf"), "steps:") == 900  # as the page says
    assert any(a[0] > b[0] and a[1] < b[1] for a in rows for b in rows)


def test_tf_shares_spread_wider(run):
    rows = _runs(run)
    share = {fw: [rows[fw, s][1] for s in SEEDS] for fw in ("tf", "torch")}
    assert max(share["tf"]) - min(share["tf"]) > max(share["torch"]) - min(share["torch"])


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_saturating_gradient_formula(run, fw):
    out = _out(run, "saturation", fw)
    rows = [numbers(r) for r in out.splitlines() if r.startswith(" ") and len(numbers(r)) == 4]
    assert [r[0] for r in rows] == numbers(line(out, "logits:"))
    for a, d, sat, ns in rows:
        p = 1 / (1 + math.exp(-a))
        assert d == pytest.approx(p, abs=1e-5)
        assert sat == pytest.approx(-p, abs=1e-5) and ns == pytest.approx(p - 1, abs=1e-5)
    assert abs(rows[0][2]) < 1e-3 and abs(rows[0][3]) > 0.999  # D confident: the saturating gradient vanishes


def test_saturation_table_twins_agree(run):
    tf, torch = (_out(run, "saturation", fw) for fw in ("tf", "torch"))
    table = lambda out: "\n".join(r for r in out.splitlines() if r.startswith(" "))
    assert table(tf).count("\n") >= 4
    assert_parity(table(tf), table(torch))


def test_confident_discriminator_starves_saturating_loss(run):
    # the page: mean D(G(z)) below 0.1 for every seed, and the saturating gradient more than ten times smaller than
    # the non-saturating one, every seed in both frameworks (the numbers it quotes are filled from the output)
    rows = [numbers(line(_out(run, "saturation", fw), f"seed {s}:")) for fw in ("tf", "torch") for s in SEEDS]
    assert all(value(_out(run, "saturation", fw), "d steps:") == 200 for fw in ("tf", "torch"))  # as the page says
    for mean_d, sat, ns in rows:
        assert 0 < mean_d < CONFIDENT  # D rejects the fakes
        assert ns > RATIO * sat > 0
