"""Day 51 claims: with copied weights both frameworks print the same gradient norms against distance in
time; scale 0.5 (largest singular value < 1) vanishes, 1.0 (radius and singular value > 1) still vanishes,
3.0 explodes; at 0.5 and 1.0 the factor per step is within 0.02 of spectral radius x mean tanh', at 3.0 about
half the hidden values are saturated; an unclipped tanh RNN reaches non-finite losses in every seed, the clipped one trains below the
mean-predicting baseline in every seed."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _grad(run, fw):
    return run(f"051_backpropagation_through_time/gradients_{fw}.py")


def _clip(run, fw):
    return run(f"051_backpropagation_through_time/clipping_{fw}.py")


def _rows(out):  # scale -> norms at distances 0, 10, ..., 50
    return {float(m[0]): numbers(m[1]) for m in re.findall(r"^scale ([\d.]+):\s+([\d.e+\- ]+)$", out, re.M)}


def _factors(out):  # scale -> (factor per step, mean tanh', radius x mean tanh', share with |h| > 0.9)
    return {float(a): (float(b), float(c), float(d), float(e)) for a, b, c, d, e in
            re.findall(r"^scale ([\d.]+): factor per step ([\d.]+), mean tanh' ([\d.]+), "
                       r"radius x mean tanh' ([\d.]+)\n  share of hidden values with \|h\| > 0\.9: ([\d.]+)$",
                       out, re.M)}


def _spectra(out):  # scale -> (spectral radius, largest singular value)
    return {float(a): (float(b), float(c)) for a, b, c in
            re.findall(r"^scale ([\d.]+): spectral radius ([\d.]+), largest singular value ([\d.]+)$", out, re.M)}


def test_gradient_twins_agree(run):
    tf, torch = (_grad(run, fw).stdout for fw in ("tf", "torch"))
    assert_parity(tf, torch)
    assert value(tf, "hidden:") == 32 and value(tf, "seq len:") == 60


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_vanishing_and_exploding(run, fw):
    result = _grad(run, fw)
    out = result.stdout
    rows, factors, spectra = _rows(out), _factors(out), _spectra(out)
    assert sorted(rows) == sorted(factors) == sorted(spectra) == [0.5, 1.0, 3.0]
    assert all(len(r) == 6 for r in rows.values())
    # scale 0.5: sigma_max < 1, so the gradient must vanish, at least as fast as sigma_max per step
    radius, sigma = spectra[0.5]
    assert sigma < 1 and factors[0.5][0] < sigma
    # the rate is close to spectral radius x mean tanh' (0.44), not sigma_max x mean tanh' (0.74)
    assert factors[0.5][2] == pytest.approx(radius * factors[0.5][1], abs=2e-3)
    assert abs(factors[0.5][0] - factors[0.5][2]) < 0.02 < abs(factors[0.5][0] - sigma * factors[0.5][1])
    assert all(b < a for a, b in zip(rows[0.5], rows[0.5][1:])) and rows[0.5][-1] < 1e-15
    # scale 1.0: radius and sigma above 1, still vanishing; tanh' pulls it below 1
    radius, sigma = spectra[1.0]
    assert radius > 1 and sigma > 1 and factors[1.0][0] < 1 and rows[1.0][-1] < 1e-3 * rows[1.0][0]
    assert factors[1.0][2] == pytest.approx(radius * factors[1.0][1], abs=2e-3)
    assert abs(factors[1.0][0] - factors[1.0][2]) < 0.02
    # scale 3.0: grows, far below the spectral radius, with saturated units
    radius, sigma = spectra[3.0]
    assert 1 < factors[3.0][0] < radius / 2 and rows[3.0][-1] > 1e4 * rows[3.0][0]
    assert factors[3.0][1] < factors[1.0][1] < factors[0.5][1] < 1
    # about half the hidden values saturated (|h| > 0.9), few at the smaller scales; radius x mean tanh'
    # (1.04) is only a rough estimate of the rate here
    assert 0.4 < factors[3.0][3] < 0.6 and factors[1.0][3] < 0.1 and factors[0.5][3] < 0.1
    assert factors[3.0][2] < factors[3.0][0] - 0.1
    assert len(result.figures) == 1


def _runs(out):  # (seed, clipped) -> dict of what the page quotes
    runs = {}
    pattern = (r"^seed (\d), (clipped|unclipped): norm ([\d.e+]+) at step 0, largest finite ([\d.e+]+) "
               r"\(step (\d+)\)\n  W_hh's largest singular value ([\d.]+) -> ([\d.e+]+|nan), first non-finite "
               r"loss: (\d+|none)\n  steps with norm > 1.0: ([\d.]+), test MSE ([\d.]+|nan)$")
    for m in re.findall(pattern, out, re.M):
        runs[int(m[0]), m[1] == "clipped"] = dict(
            first=float(m[2]), largest=float(m[3]), sigma0=float(m[5]), sigma=float(m[6]),
            bad=None if m[7] == "none" else int(m[7]), clipped=float(m[8]), test=float(m[9]))
    assert len(runs) == 6
    return runs


def test_clipping_twins_start_together(run):
    tf, torch = (_clip(run, fw).stdout for fw in ("tf", "torch"))
    settings = lambda out: "\n".join(out.splitlines()[:13])
    assert_parity(settings(tf), settings(torch))
    a, b = _runs(tf), _runs(torch)
    for key in a:  # the same starting weights and first batch: the same first norm and sigma
        assert a[key]["first"] == b[key]["first"] and a[key]["sigma0"] == b[key]["sigma0"]


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_clipping_tames_the_explosion(run, fw):
    result = _clip(run, fw)
    out = result.stdout
    baseline = value(out, "baseline test MSE (predict the training mean):")
    assert 0.95 < baseline < 1.05
    runs = _runs(out)
    for seed in range(3):
        wild, tame = runs[seed, False], runs[seed, True]
        assert wild["bad"] is not None and wild["test"] != wild["test"]  # non-finite, test MSE nan
        assert wild["largest"] > 1e18 and wild["sigma"] > 1e3 > 3 > wild["sigma0"]  # "passes 10^18", "a thousand"
        assert wild["bad"] < 100  # "well within the first 100 of the 200 steps" (20 to 56 on three machines)
        assert tame["bad"] is None and tame["test"] < 0.15 < baseline
        assert f"{tame['sigma']:.1e}" == f"{tame['sigma0']:.1e}"  # the same to 2 significant digits
        assert 0.05 < tame["clipped"] < 0.25
    assert len(result.figures) == 1
