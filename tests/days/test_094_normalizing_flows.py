"""Day 94 claims: a RealNVP flow's log|det J| (the sum of its coupling layers' log-scales) equals log|det| of the
Jacobian the framework computes, within the page's float32 tolerance, and its inverse undoes it to the same
tolerance; each coupling layer's Jacobian is triangular; p(x) integrates to 1 only with the log-determinant; the
fitted flow's held-out log-likelihood beats the maximum-likelihood Gaussian on every seed in both frameworks
(the Gaussian recomputed here with separate NumPy code), and at this budget stays below an 8-component Gaussian
mixture on every seed (the mixture recomputed here too)."""
import numpy as np
import pytest
from sklearn.datasets import make_moons
from sklearn.mixture import GaussianMixture

from verified.testing import line, numbers, value

TOL = 1e-5  # the page's tolerance: a few float32 rounding units on values of order 1-10
MARGIN = 0.5  # nats per point: the flow beats the Gaussian by at least this, on every seed
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
SETTINGS = {"data seed", "n train", "n test", "noise", "layers", "hidden", "steps", "batch size", "learning rate",
            "seeds", "components", "seed", "n points", "tolerance", "grid", "box", "weight scale"}


def _out(run, what, fw):
    return run(f"094_normalizing_flows/{what}_{fw}.py").stdout


def _settings(out):
    return "\n".join(r for r in out.splitlines() if r.split(":")[0] in SETTINGS)


@pytest.mark.parametrize("what", ["exact", "fit"])
def test_same_settings(run, what):
    tf, torch = (_settings(_out(run, what, fw)) for fw in ("tf", "torch"))
    assert tf.count("\n") >= 5 and tf == torch


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_log_det_matches_the_jacobian(run, fw):
    out = _out(run, "exact", fw)
    assert value(out, "tolerance:") == TOL
    low, high = numbers(line(out, "log|det J| from the scales:"))
    assert high - low > 0.5  # the log-determinant varies over the points: the check is not trivial
    assert value(out, "log|det J|, max abs diff from") < TOL
    assert line(out, f"within tolerance {TOL}:") == "True"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_coupling_jacobian_is_triangular(run, fw):
    out = _out(run, "exact", fw)
    rows = out.split("(triangular):")[1].strip().splitlines()[:2]
    (a, b), (c, d) = numbers(rows[0]), numbers(rows[1])
    assert a == 1 and b == 0  # the passed-through coordinate: identity row
    assert abs(c) > 0.01 and d > 0 and abs(d - 1) > 0.01  # the transformed one: shifted and scaled
    assert np.exp(-1) <= d <= np.exp(1)  # the diagonal is e^s with s = tanh(.): inside [1/e, e]


# float32 rounding, so the values depend on the CPU (the page fills them from the output); machines A, B, C printed
# (2.2e-06, 4.1e-06), (1.9e-06, 1.7e-06), (2.2e-06, 4.1e-06) in TensorFlow and (7.2e-07, 7.2e-07) in PyTorch
FLOAT32_FLOOR = 1e-7  # a few float32 units on values of order 1: the round trip is rounding, not exactly zero


def test_inverse_is_exact(run):
    # the page: both round trips, in both frameworks, at most half the tolerance (float32 rounding, not zero)
    for fw in ("tf", "torch"):
        out = _out(run, "exact", fw)
        back = value(out, "round trip x -> z -> x, max abs error:")
        forth = value(out, "round trip z -> x -> z, max abs error:")
        assert FLOAT32_FLOOR < back <= TOL / 2 and FLOAT32_FLOOR < forth <= TOL / 2, fw


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_density_integrates_to_one_only_with_log_det(run, fw):
    out = _out(run, "exact", fw)
    assert value(out, "sum of p(x) dx over the grid:") == pytest.approx(1, abs=0.002)
    assert abs(value(out, "the same without log|det J|:") - 1) > 0.05


def test_baselines_recomputed(run):
    X = make_moons(2000, noise=0.05, random_state=0)[0].astype("float32")
    train, test = X[:1000].astype(float), X[1000:].astype(float)
    d = test - train.mean(0)
    cov = (train - train.mean(0)).T @ (train - train.mean(0)) / len(train)  # ML: divide by n
    quad = np.einsum("ij,jk,ik->i", d, np.linalg.inv(cov), d)
    ll = (-0.5 * quad - 0.5 * np.log(np.linalg.det(cov)) - np.log(2 * np.pi)).mean()
    # the mixture refitted in float64 and from other EM starts: the snippets' value is not an accident of one start
    mixes = [GaussianMixture(8, random_state=r).fit(train).score(test) for r in range(3)]
    for fw in ("tf", "torch"):  # separate NumPy code agrees with the snippets' SciPy baseline
        out = _out(run, "fit", fw)
        assert value(out, "Gaussian baseline, test log-likelihood:") == pytest.approx(ll, abs=6e-4)
        assert value(out, "components:") == 8
        assert min(mixes) - 0.02 < value(out, "mixture baseline, test log-likelihood:") < max(mixes) + 0.02


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_flow_beats_gaussian_on_every_seed_but_not_the_mixture(run, fw):
    out = _out(run, "fit", fw)
    gauss = value(out, "Gaussian baseline, test log-likelihood:")
    mix = value(out, "mixture baseline, test log-likelihood:")
    assert gauss < -1.5 and -0.6 < mix < -0.3  # the baselines' values are checked in test_baselines_recomputed
    assert numbers(line(out, "seeds:")) == [0, 1, 2]
    scores = numbers(line(out, "flow, test log-likelihood by seed:"))
    assert len(scores) == 3
    for flow in scores:  # every seed: well above the Gaussian, below the mixture
        assert gauss + MARGIN < flow < mix
    if fw == "tf":  # the page's figure: TensorFlow's seed 0 is its lowest of the three (A: -0.870, B: -0.815, C: -0.870)
        assert scores[0] == min(scores)
    mean, spread, gain = numbers(line(out, "flow, mean over seeds:"))
    assert mean == pytest.approx(np.mean(scores), abs=1.5e-3)
    assert spread == pytest.approx(np.ptp(scores), abs=1.5e-3)
    assert gain == pytest.approx(np.mean(scores) - gauss, abs=1.5e-3)
    assert len(run(f"094_normalizing_flows/fit_{fw}.py").figures) == 1
