"""Day 33 claims: the output-size formula holds for every setting of the grid where the kernel fits, in both
frameworks; what each framework does when the kernel does not fit and with stride and dilation together;
where padding="same" puts its zeros (bottom/right for even kernels, and at stride 2 in TensorFlow), PyTorch
refusing "same" at stride 2, and that padding=1 computes something else; channel sums and parameter counts."""
import itertools
import re

import numpy as np
import pytest
from scipy.signal import correlate2d

from verified.testing import assert_parity, line, numbers, value

DAY = "033_padding_stride_channels"
PAIRS = ("shapes", "same", "channels")
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _out(run, what, fw):
    return run(f"{DAY}/{what}_{fw}.py").stdout


def _settings(out):
    return "\n".join(r for r in out.splitlines() if re.match(r"^[A-Z_]+: ", r))


@pytest.mark.parametrize("what", PAIRS)
def test_same_settings(run, what):
    tf, torch = _out(run, what, "tf"), _out(run, what, "torch")
    assert _settings(tf) and _settings(tf) == _settings(torch)


def _formula(n, k, p, s, d):
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_formula_matches_every_fitting_setting(run, fw):
    out = _out(run, "shapes", fw)
    grid = list(itertools.product((5, 8, 28), (1, 2, 3, 5), (0, 1, 2), (1, 2, 3), (1, 2)))
    fitting = [g for g in grid if _formula(*g) >= 1]  # an independent count: the formula gives an output
    assert value(out, "settings in the grid:") == len(grid) == 216
    assert value(out, "settings where the kernel fits:") == len(fitting) == 207
    assert value(out, "output shape equals the formula:") == 207  # every one of them
    assert value(out, "n=28, k=5, p=0, s=1, d=1:") == 24
    assert value(out, "n=28, k=3, p=1, s=2, d=1:") == 14
    assert value(out, "n=28, k=3, p=2, s=1, d=2:") == 28
    assert line(out, "n=28, k=3, p=1, s=2, d=1: (") == "14, 14)"


def test_kernel_that_does_not_fit(run):
    tf, torch = _out(run, "shapes", "tf"), _out(run, "shapes", "torch")
    assert value(tf, "formula:") == value(torch, "formula:") == 0 == _formula(8, 5, 0, 1, 2)
    assert line(tf, "layer:") == "ValueError" and line(tf, "compiled function:") == "ValueError"
    # eager: no error, a known TF bug (tensorflow/tensorflow#113319): oneDNN returns an input-shaped tensor of
    # uninitialised memory, TF_ENABLE_ONEDNN_OPTS=0 an empty one; only the shape is printed
    assert line(tf, "eager function: shape") in ("(8, 8)", "(0, 0)")
    assert line(tf, "no dilation, n=4, k=5:") in ("(4, 4)", "(0, 0)")  # the formula gives 0 here too
    assert line(tf, "n=5, k=5, d=2 (size -3):") == "InvalidArgumentError"  # a negative size does raise
    assert _formula(4, 5, 0, 1, 1) == 0 and _formula(5, 5, 0, 1, 2) == -3
    for label in ("no dilation, n=4, k=5:", "n=5, k=5, d=2 (size -3):"):
        assert line(torch, label) == "RuntimeError"
    assert line(torch, "layer:") == "RuntimeError" and line(torch, "function:") == "RuntimeError"


def test_stride_and_dilation_together(run):
    tf, torch = _out(run, "shapes", "tf"), _out(run, "shapes", "torch")
    assert line(tf, "layer with stride 2 and dilation 2:") == "ValueError"
    assert line(torch, "layer with stride 2 and dilation 2:") == "shape (3, 3)"
    for out in (tf, torch):
        assert line(out, "function with stride 2 and dilation 2:") == "(3, 3)"
    assert _formula(8, 3, 1, 2, 2) == 3


def _pads(out, label):
    return numbers(line(out, label).split("pads")[-1])


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_even_kernel_pads_bottom_right(run, fw):
    result = run(f"{DAY}/same_{fw}.py")
    out = result.stdout
    rows = [numbers(r) for r in out.splitlines() if re.match(r"^  \d( \d)+$", r)]
    expected = [[4, 4, 4, 4, 2]] * 4 + [[2, 2, 2, 2, 1]]  # ones counted under a 2x2 kernel, zeros bottom/right
    assert rows == expected
    assert _pads(out, "k=2:") == [0, 1, 0, 1]
    assert _pads(out, "k=3:") == [1, 1, 1, 1]
    assert _pads(out, "k=4:") == [1, 2, 1, 2]
    assert len(result.figures) == 1


def test_same_at_stride_two(run):
    tf, torch = _out(run, "same", "tf"), _out(run, "same", "torch")
    # n, k, stride, then the output shape, then the pads top, bottom, left, right
    assert numbers(line(tf, "n=28, k=3, stride 2, 'same':")) == [14, 14, 0, 1, 0, 1]
    assert numbers(line(tf, "n=27, k=3, stride 2, 'same':")) == [14, 14, 1, 1, 1, 1]
    assert line(torch, "'same' with stride 2:").startswith("ValueError")
    assert line(torch, "function at stride 2:").startswith("RuntimeError")  # the function: another error
    assert numbers(line(torch, "n=28, k=3, stride 2, padding=1:")) == [14, 14, 1, 0, 1, 0]
    assert numbers(line(torch, "n=27, k=3, stride 2, padding=1:")) == [14, 14, 1, 1, 1, 1]


def _reference():
    """TensorFlow's "same" at stride 2 on the snippet's data, in NumPy: pad 0/1, correlate, keep every other."""
    rng = np.random.default_rng(0)
    X = rng.random((1, 28, 28, 1)).astype(np.float32)[0, :, :, 0].astype(float)
    W = rng.normal(size=(3, 3, 1, 1)).astype(np.float32)[:, :, 0, 0].astype(float)
    same = correlate2d(np.pad(X, ((0, 1), (0, 1))), W, mode="valid")[::2, ::2]
    sym = correlate2d(np.pad(X, 1), W, mode="valid")[::2, ::2]
    return same, sym


def test_shared_weights_same_against_symmetric(run):
    tf, torch = _out(run, "same", "tf"), _out(run, "same", "torch")
    assert value(tf, "'same' minus pad 0/1, max:") == 0.0
    for label in ("pad 0/1, first row:", "pad 0/1, sum:", "pad 1/1, first row:", "pad 1/1 minus pad 0/1, max:"):
        assert_parity(line(tf, label), line(torch, label))
    same, sym = _reference()
    np.testing.assert_allclose(numbers(line(tf, "pad 0/1, first row:")), same[0, :4], atol=1e-4)
    assert value(tf, "pad 0/1, sum:") == pytest.approx(same.sum(), abs=2e-3)
    np.testing.assert_allclose(numbers(line(tf, "pad 1/1, first row:")), sym[0, :4], atol=1e-4)
    assert value(tf, "pad 1/1 minus pad 0/1, max:") == pytest.approx(np.abs(same - sym).max(), abs=1e-3)
    assert value(tf, "pad 1/1 minus pad 0/1, max:") > 1  # order one, not rounding


def test_channels_match_the_hand_version_and_each_other(run):
    tf, torch = _out(run, "channels", "tf"), _out(run, "channels", "torch")
    assert line(tf, "kernel shape:") == "(3, 3, 3, 4) (HWIO)"
    assert line(torch, "kernel shape:") == "(4, 3, 3, 3) (OIHW)"
    for out in (tf, torch):
        assert line(out, "layer output shape (H, W, C_OUT):") == "(4, 4, 4)"
        assert value(out, "max difference from the hand version:") < 1e-5
    for label in ("output at (0, 0), each channel:", "output sum:"):
        assert_parity(line(tf, label), line(torch, label))
    rng = np.random.default_rng(0)  # SciPy reference: sum over input channels of 2-D correlations, plus bias
    X = rng.normal(size=(1, 6, 6, 3)).astype(np.float32)[0].astype(float)
    W = rng.normal(size=(3, 3, 3, 4)).astype(np.float32).astype(float)
    B = rng.normal(size=4).astype(np.float32).astype(float)
    y = np.stack([sum(correlate2d(X[:, :, c], W[:, :, c, o], mode="valid") for c in range(3)) + B[o]
                  for o in range(4)], axis=-1)
    np.testing.assert_allclose(numbers(line(tf, "output at (0, 0), each channel:")), y[0, 0], atol=1e-4)
    assert value(tf, "output sum:") == pytest.approx(y.sum(), abs=2e-3)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_parameter_counts(run, fw):
    out = _out(run, "channels", fw)
    rows = re.findall(r"^c_in=(\d+), c_out=(\d+), k=(\d+): layer (\d+), formula (\d+)$", out, flags=re.M)
    assert len(rows) == 5
    for c_in, c_out, k, count, formula in (tuple(map(int, r)) for r in rows):
        assert count == formula == c_out * (c_in * k * k + 1)
    assert [int(r[3]) for r in rows] == [156, 2416, 1792, 73856, 16448]  # quoted
    assert value(out, "1998 C3, partly connected:") == 1516 == 25 * (6 * 3 + 9 * 4 + 6) + 16  # LeCun et al. 1998
