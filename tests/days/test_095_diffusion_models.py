"""Day 95 claims: step-by-step forward noising matches the closed form q(x_t | x_0) = N(sqrt(abar_t) x_0,
(1 - abar_t) I) within a few Monte Carlo standard errors (the page's bar: every |z| under 4), while the sum of the
betas (no shrinking) is far off; a small DDPM on two moons samples points whose energy distance to held-out data is
under half that of standard normal noise on every seed in both frameworks, but above the floor of a second data
draw; one figure per snippet."""
import re

import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

Z_BAR = 4  # the page: with correct formulas |z| is rarely above 3; the tests require every |z| under 4
RATIO_BAR = 0.5  # the page: samples' energy distance under half the noise's, on every seed
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
SETTINGS = {"t", "beta start", "beta end", "seed", "data seed", "n copies", "check steps", "x0", "n train", "n eval",
            "hidden", "embed dim", "batch size", "steps", "learning rate", "seeds"}


def _result(run, what, fw):
    return run(f"095_diffusion_models/{what}_{fw}.py")


def _settings(out):
    return "\n".join(r for r in out.splitlines() if r.split(":")[0] in SETTINGS)


def _rows(out, width):
    """Table rows: lines that start with an integer and hold exactly `width` numbers."""
    return [numbers(r) for r in out.splitlines() if re.match(r"^\s*\d+\s", r) and len(numbers(r)) == width]


@pytest.mark.parametrize("what", ["forward", "ddpm"])
def test_same_settings(run, what):
    tf, torch = (_settings(_result(run, what, fw).stdout) for fw in ("tf", "torch"))
    assert tf.count("\n") >= 7 and tf == torch


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_closed_form_matches_step_by_step(run, fw):
    out = _result(run, "forward", fw).stdout
    T, b0, b1 = value(out, "t:"), value(out, "beta start:"), value(out, "beta end:")
    abar = np.cumprod(1 - np.linspace(b0, b1, int(T)))  # reference schedule, recomputed here
    x0 = numbers(line(out, "x0:"))[0]
    rows = _rows(out, 8)
    assert [r[0] for r in rows] == numbers(line(out, "check steps:")) and rows[-1][0] == T
    for t, ab, m, mean, v, var, z_m, z_v in rows:
        ref = abar[int(t) - 1]
        assert ab == pytest.approx(ref, rel=0.01)
        assert mean == pytest.approx(np.sqrt(ref) * x0, abs=1e-4) and var == pytest.approx(1 - ref, abs=1e-4)
        assert z_m < Z_BAR and z_v < Z_BAR
        se = np.sqrt(var / value(out, "n copies:"))
        assert abs(m - mean) < Z_BAR * se + 1e-4  # the printed values agree with the printed |z|
    assert value(out, "largest |z| over all checks:") == pytest.approx(max(max(r[6:]) for r in rows), abs=0.01)
    assert value(out, "largest |z| over all checks:") < Z_BAR
    assert value(out, "abar_T:") < 1e-4  # x_T is standard normal for all purposes


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_sum_of_betas_is_wrong(run, fw):
    out = _result(run, "forward", fw).stdout
    T, b0, b1 = value(out, "t:"), value(out, "beta start:"), value(out, "beta end:")
    total = value(out, "sum of betas:")  # the variance without shrinking, far from 1
    assert total == pytest.approx(T * (b0 + b1) / 2, abs=0.006)
    final_var, n = _rows(out, 8)[-1][4], value(out, "n copies:")  # the copies' variance at t = T
    z = abs(final_var - total) / (total * np.sqrt(2 / (n - 1)))
    assert value(out, "|z| of the final variance against the sum of betas:") == pytest.approx(z, abs=1)
    assert z > 20  # tens of standard errors: the wrong formula is rejected


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_ddpm_beats_noise_on_every_seed(run, fw):
    out = _result(run, "ddpm", fw).stdout
    floor = value(out, "energy distance, second data draw vs held-out:")
    redraw_mean = value(out, "five more draws: mean")
    redraw_max = numbers(line(out, "five more draws:"))[-1]
    assert redraw_mean <= redraw_max < 2 * floor  # the floor is a scale: further data draws land near it
    rows = _rows(out, 3)
    assert [r[0] for r in rows] == numbers(line(out, "seeds:")) == [0, 1, 2]
    for seed, ed, ceiling in rows:
        assert ed < RATIO_BAR * ceiling  # learned the data, on every seed
        assert ed > max(floor, redraw_max)  # but not as close as any of six draws of the data
        assert ceiling > 5 * floor  # the reference values are far apart: the metric can tell
    eds = [r[1] for r in rows]
    assert value(out, "samples: mean") == pytest.approx(np.mean(eds), abs=2e-4)
    assert value(out, "worst samples / noise ratio:") == pytest.approx(max(e / c for _, e, c in rows), abs=0.01)


def test_same_data_in_both(run):
    tf, torch = (_result(run, "ddpm", fw).stdout for fw in ("tf", "torch"))
    pick = ["\n".join(line(o, k) for k in ("energy distance, second data draw vs held-out:",
                                             "five more draws:")) for o in (tf, torch)]
    assert_parity(*pick)  # the same NumPy data and the same NumPy noise ceiling
    assert_parity("\n".join(str(r[2]) for r in _rows(tf, 3)), "\n".join(str(r[2]) for r in _rows(torch, 3)))


@pytest.mark.parametrize("what", ["forward", "ddpm"])
@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_one_figure(run, what, fw):
    assert len(_result(run, what, fw).figures) == 1
