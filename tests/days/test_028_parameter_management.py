"""Day 28 claims: parameter layout, initialiser statistics, parity with shared NumPy weights,
and a tied weight whose one gradient is the sum of its two uses (checked against a NumPy backprop by hand)."""
import numpy as np
import pytest

from verified.testing import assert_parity, line, numbers, value

PARAMS = ("028_parameter_management/params_tf.py", "028_parameter_management/params_torch.py")
TIED = ("028_parameter_management/tied_tf.py", "028_parameter_management/tied_torch.py")


def test_weight_layout_differs(run):
    assert line(run(PARAMS[0]).stdout, "first weight matrix shape:") == "(4, 8)"  # (inputs, outputs)
    assert line(run(PARAMS[1]).stdout, "first weight matrix shape:") == "(8, 4)"  # (outputs, inputs)


def test_shared_weights_give_the_same_output(run):
    tf, torch = (line(run(s).stdout, "output with shared weights:") for s in PARAMS)
    assert_parity(tf, torch)  # to the last printed digit
    # and the value is the one NumPy computes from the same weights
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 4))
    W1, W2 = rng.normal(size=(4, 8)) * 0.5, rng.normal(size=(8, 1)) * 0.5
    expected = (np.maximum(X @ W1 + 0.1, 0) @ W2).ravel()
    np.testing.assert_allclose(numbers(tf), expected, atol=1e-5)


def test_initialisers_have_the_stated_statistics(run):
    bound = np.sqrt(6 / 512)
    stds = []
    for snippet in PARAMS:
        out = run(snippet).stdout
        assert (value(out, "SIZE:"), value(out, "STD:")) == (256, 0.01)
        mean, std = numbers(line(out, "normal(0, 0.01):"))[-2:]
        assert abs(mean) < 0.0005 and abs(std - 0.01) < 0.0005  # "mean about 0", std 0.01
        assert numbers(line(out, "constant 1:")) == [1.0, 1.0]
        b, largest = numbers(line(out, "Xavier uniform: bound"))
        assert b == 0.1083 and abs(b - bound) < 1e-4 and largest <= b + 1e-4
        std, expected = numbers(line(out, "Xavier uniform: std"))[:1] + numbers(
            line(out, "Xavier uniform: std").split("bound/sqrt(3)")[1])
        # a uniform on [-b, b] has std b / sqrt(3)
        assert expected == 0.0625 and abs(expected - bound / np.sqrt(3)) < 1e-4
        assert abs(std - expected) < 0.0005
        stds.append(std)
        zeroed = value(out, "custom: zeroed fraction")
        smallest = value(out, "custom: smallest nonzero |w|")
        assert 0.45 < zeroed < 0.55 and 5.0 <= smallest < 5.05  # "about half", none below 5
    assert len(stds) == 2


def _hand_gradient():
    """Backpropagation written out in NumPy (float64) for the tied network of the snippet."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(8, 3)), rng.normal(size=(8, 1))
    W0, Ws, Wo = rng.normal(size=(3, 4)) * 0.5, rng.normal(size=(4, 4)) * 0.5, rng.normal(size=(4, 1)) * 0.5
    h0 = np.maximum(X @ W0 + 0.1, 0)
    z1 = h0 @ Ws + 0.1
    h1 = np.maximum(z1, 0)
    z2 = h1 @ Ws + 0.1
    h2 = np.maximum(z2, 0)
    out = h2 @ Wo
    loss = np.mean((out - y) ** 2)
    d_out = 2 * (out - y) / len(y)
    d_z2 = (d_out @ Wo.T) * (z2 > 0)
    second_use = h1.T @ d_z2
    d_z1 = (d_z2 @ Ws.T) * (z1 > 0)
    first_use = h0.T @ d_z1
    return loss, first_use, second_use


def _printed_gradient(out):
    block = out.split("gradient of the tied weight (inputs x outputs):\n", 1)[1].split("untied", 1)[0]
    return np.array(numbers(block)).reshape(4, 4)


def test_tied_gradient_is_the_sum_of_both_uses(run):
    loss, first_use, second_use = _hand_gradient()
    assert np.abs(first_use).max() > 0.01 and np.abs(second_use).max() > 0.01  # both uses contribute
    for snippet in TIED:
        out = run(snippet).stdout
        assert abs(value(out, "loss:") - loss) < 1e-5
        np.testing.assert_allclose(_printed_gradient(out), first_use + second_use, atol=2e-5)
        # neither use alone is the gradient
        assert np.abs(_printed_gradient(out) - second_use).max() > 0.01
        assert value(out, "max |tied - (first use + second use)|:") == 0.0
        alone = [value(out, f"max |tied - {u} use alone|:")
                 for u in ("first", "second")]
        # tied - first use = the second use, and the other way round (NumPy by hand)
        np.testing.assert_allclose(alone, [np.abs(second_use).max(), np.abs(first_use).max()], atol=2e-5)
        assert min(alone) > 0.01


def test_tied_layer_counted_once_and_twins_agree(run):
    tf, torch = (run(s).stdout for s in TIED)
    assert_parity(tf, torch)  # to the last printed digit
    for out in (tf, torch):
        assert line(out, "middle layers are one object:") == "True"
        assert value(out, "parameters:") == (3 * 4 + 4) + (4 * 4 + 4) + (4 * 1 + 1) == 41
        assert value(out, "untied parameters:") == 41 + 4 * 4 + 4


PITFALLS = {  # label: (TensorFlow, PyTorch), as the page says
    "the other layout copied in:": ("ValueError", "RuntimeError"),
    "a square one in the wrong layout:": ("no", "no"),
    "in-place write, no no_grad:": ("no", "RuntimeError"),
    "the same variable object after assign:": ("True", "True"),
    "a new initialiser attribute changes the values:": ("False", "n/a"),
    "re-initialising in place zeroes the matrix:": ("True", "True"),
}


@pytest.mark.parametrize("i, fw", [pytest.param(0, "tf", marks=pytest.mark.tf),
                                   pytest.param(1, "torch", marks=pytest.mark.torch)])
def test_pitfalls_behave_as_the_page_says(run, i, fw):
    out = run(f"028_parameter_management/pitfalls_{fw}.py").stdout
    for label, expected in PITFALLS.items():
        assert line(out, label) == expected[i], label
    # the silent square copy computes something else
    rng = np.random.default_rng(0)
    rng.normal(size=(8, 4))
    S, x = rng.normal(size=(4, 4)), rng.normal(size=(1, 4))
    off = np.abs(x @ S.T - x @ S).max()  # the layer computes x S^T instead of x S
    assert off > 1 and abs(value(out, "its output is off by:") - off) < 0.006
    # [layer] * 3 is one layer: the parameters of one 4 -> 4 layer
    assert value(out, "[layer] * 3, parameters:") == 4 * 4 + 4
