"""Day 89 claims: PCA's reconstruction errors are the same numbers in both twins; a linear autoencoder
(784 -> k -> 784, no activations) trained with Adam ends within the stated margin of PCA's test MSE at every
bottleneck size and seed, never beats PCA on the training set (Baldi & Hornik 1989), and its decoder spans
nearly PCA's subspace at k = 8 and 32; the nonlinear autoencoder's test MSE beside PCA's at the same sizes, as
the page reports it; one figure per snippet."""
import re

import pytest

from verified.testing import assert_parity, line, numbers

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]
SIZES = (2, 8, 32)
SEEDS = 3
MARGIN = 0.05  # the linear autoencoder's test MSE is within 5% of PCA's, every size and seed (stated on the page)


def _out(run, what, fw):
    return run(f"089_autoencoders/{what}_{fw}.py")


def _rows(out, pattern):
    rows = [[float(x) for x in m] for m in re.findall(pattern, out, flags=re.M)]
    assert len(rows) == len(SIZES) * SEEDS
    return rows


def _summary(out):  # k -> (mean, min, max) of test MSE / PCA's
    found = re.findall(r"^k=\s*(\d+): test MSE / PCA's: mean ([\d.]+), min ([\d.]+), max ([\d.]+)$",
                       out, flags=re.M)
    assert [int(k) for k, *_ in found] == list(SIZES)
    return {int(k): tuple(map(float, rest)) for k, *rest in found}


def _linear(out):  # k, seed, test MSE, test ratio, train ratio, overlap
    return _rows(out, r"^k=\s*(\d+) seed (\d): test MSE ([\d.]+) \(PCA x([\d.]+)\), "
                      r"train x([\d.]+), overlap ([\d.]+)$")


def _dense(out):  # k, seed, test MSE, PCA test MSE, ratio
    return _rows(out, r"^k=\s*(\d+) seed (\d): test MSE ([\d.]+), PCA ([\d.]+), ratio ([\d.]+)$")


def test_settings_and_pca_agree(run):
    for what in ("linear", "dense"):
        tf, torch = (_out(run, what, fw).stdout for fw in ("tf", "torch"))
        head = lambda out: "\n".join(l for l in out.splitlines() if not re.match(r"k=\s*\d+", l))
        assert len(head(tf).splitlines()) >= 9
        assert_parity(head(tf), head(torch))  # settings, data shapes and PCA's numbers (the same scikit-learn)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_linear_autoencoder_matches_pca(run, fw):
    result = _out(run, "linear", fw)
    out = result.stdout
    pca = {int(m[0]): (float(m[1]), float(m[2])) for m in re.findall(
        r"^PCA k=\s*(\d+): train MSE ([\d.]+), test MSE ([\d.]+)$", out, flags=re.M)}
    assert list(pca) == list(SIZES)
    assert pca[2][1] > pca[8][1] > pca[32][1]  # a wider bottleneck reconstructs better
    rows = _linear(out)
    for k, seed, mse, ratio, train_ratio, overlap in rows:
        assert ratio == pytest.approx(mse / pca[int(k)][1], abs=2e-3)
        assert 1 <= ratio < 1 + MARGIN  # close to PCA on the test digits, and not better in this run
        assert train_ratio >= 1  # never better than PCA on the training set (PCA is optimal there)
        assert overlap > (0.9 if k >= 8 else 0.5)
    for k, (mean, low, high) in _summary(out).items():
        ratios = [r[3] for r in rows if r[0] == k]
        assert (low, high) == (min(ratios), max(ratios))
        assert mean == pytest.approx(sum(ratios) / SEEDS, abs=1.5e-3)
    assert len(result.figures) == 1


def test_k2_subspace_aligns_in_tensorflow_not_yet_in_pytorch(run):
    # the page: at k = 2 every TensorFlow run's overlap is above every PyTorch run's (A, B, C: 0.998-0.999
    # against 0.634-0.771), while PyTorch's test error is already within the margin of PCA's
    tf, torch = (_linear(_out(run, "linear", fw).stdout) for fw in ("tf", "torch"))
    overlap = lambda rows: [r[5] for r in rows if r[0] == 2]
    assert min(overlap(tf)) > max(overlap(torch))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_nonlinear_autoencoder_beside_pca(run, fw):
    result = _out(run, "dense", fw)
    out = result.stdout
    pca = dict(zip(SIZES, numbers(line(out, "PCA test MSE:"))[1::2]))
    rows = _dense(out)
    for k, seed, mse, pca_mse, ratio in rows:
        assert pca_mse == pca[int(k)]
        assert ratio == pytest.approx(mse / pca_mse, abs=2e-3)
    summary = _summary(out)
    for k, (mean, low, high) in summary.items():
        ratios = [r[4] for r in rows if r[0] == k]
        assert (low, high) == (min(ratios), max(ratios))
        assert mean == pytest.approx(sum(ratios) / SEEDS, abs=1.5e-3)
    ratios = {k: [r[4] for r in rows if r[0] == k] for k in SIZES}
    assert min(ratios[32]) > 1.3  # much worse than PCA at k = 32 in every seed, after this short run
    assert all(0.85 < r < 1.1 for k in (2, 8) for r in ratios[k])  # near PCA at small sizes
    assert max(ratios[8]) < 1  # better than PCA at k = 8 in every seed, in both frameworks
    if fw == "torch":  # better than PCA at k = 2 in every seed too
        assert max(ratios[2]) < 1
    else:  # at k = 2 within about 2% of PCA in every seed, on either side
        assert all(abs(r - 1) < 0.025 for r in ratios[2])
    assert len(result.figures) == 1
