"""Day 46 claims: lagged features and a least-squares AR(12) in both frameworks (the same numbers); on the
noisy sine one-step errors sit near the noise floor and grow with the horizon; on the sunspots AR(12) beats
persistence and the fit-part mean one year ahead and at every horizon printed, its error grows with the
horizon, and its free-running forecast decays because the recurrence's largest root is inside the unit circle."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _out(run, what, fw):
    return run(f"046_sequence_autoregression/{what}_{fw}.py")


def _rmse(out, name):  # (fit, test) RMSE of one forecast in the sunspots table
    m = re.search(rf"^\s*{re.escape(name)}: RMSE fit\s+([\d.]+), test\s+([\d.]+)$", out, flags=re.M)
    assert m, name
    return float(m.group(1)), float(m.group(2))


def _horizons(out):  # rows: years ahead, AR(12), persistence, number of forecasts
    rows = [[float(x) for x in m] for m in re.findall(r"^\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+(\d+)$", out, re.M)]
    assert [int(r[0]) for r in rows] == [1, 2, 3, 4, 5, 6, 7, 8, 11]
    return rows


def test_twins_print_the_same_numbers(run):
    for what in ("sine", "sunspots"):
        assert_parity(*(_out(run, what, fw).stdout for fw in ("tf", "torch")))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_sine_one_step_and_multi_step(run, fw):
    result = _out(run, "sine", fw)
    out = result.stdout
    assert line(out, "features:").startswith("(588, 12) labels: (588,)")
    label, following = numbers(line(out, "label 0:"))
    assert label == following  # the label of row 0 is x[WINDOW], the value after the window
    noise = value(out, "noise floor")
    later = value(out, "one-step RMSE, later:")
    assert noise == 0.2 and noise < later < 1.15 * noise  # near the floor, above it here
    drawn = value(out, "noise drawn on steps 300-599: RMS")
    assert 0.18 < drawn < noise  # the floor holds in expectation; this sample's noise is a little smaller
    assert noise < value(out, "one-step RMSE, fit part:") < 1.15 * noise
    ahead = {int(k): float(r) for k, r in re.findall(r"^\s*(\d+) steps ahead: RMSE ([\d.]+)", out, re.M)}
    assert list(ahead) == [1, 2, 4, 8, 16, 32, 64]
    assert ahead[1] == later
    assert ahead[64] > 1.25 * ahead[1]  # 0.288 against 0.218
    assert max(ahead[k] for k in (1, 2, 4, 8, 16)) < 1.15 * noise  # up to 16 steps it stays near the floor
    free = value(out, "free-running for 300 steps: RMSE")
    assert free > 1.5 * ahead[64] and free > 2 * noise
    assert 0.99 < value(out, "largest |root| of the recurrence:") < 1  # a slowly decaying oscillation
    assert len(result.figures) == 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_sunspots_baselines(run, fw):
    result = _out(run, "sunspots", fw)
    out = result.stdout
    assert line(out, "fit:") == "1700-1949 (250), test: 1950-2008 (59)"
    assert line(out, "features:") == "(297, 12) fit rows: 238 test rows: 59"
    ar, persistence, mean = (_rmse(out, n) for n in ("AR(12)", "persistence", "fit-part mean"))
    assert ar[0] < persistence[0] < mean[0] and ar[1] < persistence[1] < mean[1]
    assert persistence[1] - ar[1] > 10  # 19.3 against 33.2 sunspots
    assert ar[1] > ar[0]  # worse on the test years than on the fit years
    assert persistence[1] / persistence[0] > ar[1] / ar[0]  # persistence, which fits nothing, degrades more
    sd_fit, sd_test = numbers(line(out, "standard deviation:"))
    assert sd_test > 1.4 * sd_fit  # the cycles after 1950 are larger: 51.8 against 35.5
    lags = numbers(out.split("coefficients, oldest lag first:")[1].splitlines()[1])
    assert len(lags) == 12 and lags[-1] > 1 and lags[-2] < -0.4  # mostly the last two years
    assert max(abs(c) for c in lags[:-2]) < 0.2


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_sunspots_multi_step(run, fw):
    result = _out(run, "sunspots", fw)
    out = result.stdout
    rows = _horizons(out)
    assert rows[0][1] == _rmse(out, "AR(12)")[1] and rows[0][2] == _rmse(out, "persistence")[1]
    assert all(ar < pers for _, ar, pers, _ in rows)  # AR(12) wins at every horizon printed
    assert all(r[1] > 1.4 * rows[0][1] for r in rows[1:])  # from two years on, well above one year ahead
    assert all(32.0 <= r[1] <= 34.5 for r in rows if 3 <= r[0] <= 8)  # a plateau from 3 to 8 years ahead
    assert max(rows, key=lambda r: r[2])[0] == 5  # persistence is worst five years ahead, half a cycle out
    assert [int(r[3]) for r in rows] == [60 - k for k, *_ in rows]
    free = value(out, "free-running from 1950: RMSE")
    assert free > max(r[1] for r in rows)
    assert 0.95 < value(out, "largest |root| of the recurrence:") < 1
    assert len(result.figures) == 1
