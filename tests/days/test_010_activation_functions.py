"""Day 10 claims: five activations and their autodiff derivatives equal the textbook formulas and
each other across frameworks; sigmoid and tanh saturate; sigmoid is not zero-centred; ReLU's
gradient is zero on half of N(0,1) inputs; Leaky ReLU's slope is fixed while PReLU's is learned."""
import math

import pytest

from verified.testing import assert_parity, line, numbers, value

SLOPE = 0.1  # Leaky ReLU's negative slope, set by hand in both twins


def _phi(x):
    return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def _Phi(x):
    return 0.5 * math.erfc(-x / math.sqrt(2))


def _sigmoid(x):
    return 1 / (1 + math.exp(-x))


# name -> (f, f'); at the kink x = 0 both frameworks use 0 for ReLU and the slope for Leaky ReLU.
FORMULAS = {
    "sigmoid": (_sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
    "tanh": (math.tanh, lambda x: 1 - math.tanh(x) ** 2),
    "relu": (lambda x: max(x, 0.0), lambda x: 1.0 if x > 0 else 0.0),
    "leaky_relu": (lambda x: x if x > 0 else SLOPE * x, lambda x: 1.0 if x > 0 else SLOPE),
    "gelu": (lambda x: x * _Phi(x), lambda x: _Phi(x) + x * _phi(x)),  # exact (erf) GELU
}
FRAMEWORKS = ("tf", "torch")


def test_values_parity_across_frameworks(run):
    tf = run("010_activation_functions/values_tf.py").stdout
    torch = run("010_activation_functions/values_torch.py").stdout
    # atol covers GELU's far tail (|gelu'(-10)| ~ 8e-22), where the two libraries round differently
    assert_parity(tf, torch, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_values_and_derivatives_match_formulas(run, fw):
    out = run(f"010_activation_functions/values_{fw}.py").stdout
    grid = numbers(line(out, "x:"))
    assert grid == [-10, -3, -1, -0.5, 0, 0.5, 1, 3, 10]
    for name, (f, df) in FORMULAS.items():
        for label, formula in ((f"{name}(x):", f), (f"{name}'(x):", df)):
            printed = numbers(line(out, label))
            assert len(printed) == len(grid), label
            for x, got in zip(grid, printed):
                want = formula(x)
                assert abs(got - want) <= 1e-12 + 1e-6 * abs(want), f"{label} at x={x}: {got} vs {want}"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_saturation_and_centring(run, fw):
    out = run(f"010_activation_functions/values_{fw}.py").stdout
    sig_grad = numbers(line(out, "sigmoid'(x):"))
    assert sig_grad[4] == 0.25 and max(sig_grad) == 0.25  # at x = 0
    assert sig_grad[0] < 1e-4 and sig_grad[-1] < 1e-4  # |x| = 10: saturated
    assert numbers(line(out, "tanh'(x):"))[-1] < 1e-8
    # sigmoid's outputs sit around 0.5 (never negative); tanh's around 0
    assert abs(value(out, "sigmoid on N(0,1): mean output") - 0.5) < 0.01
    assert abs(value(out, "tanh on N(0,1): mean output")) < 0.01
    # ReLU passes no gradient for about half of N(0,1) inputs; the others pass some everywhere
    relu_share = numbers(line(out, "relu on N(0,1):"))[-1]
    assert abs(relu_share - 0.5) < 0.01
    for name in ("sigmoid", "tanh", "leaky_relu", "gelu"):
        assert numbers(line(out, f"{name} on N(0,1):"))[-1] == 0.0, name


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_leaky_slope_is_fixed_prelu_slope_is_learned(run, fw):
    out = run(f"010_activation_functions/values_{fw}.py").stdout
    assert numbers(line(out, "parameters:")) == [0, 1]
    # d(sum prelu(x))/d(slope) is the sum of the negative inputs: -10 - 3 - 1 - 0.5
    assert value(out, "PReLU d(sum)/d(slope):") == pytest.approx(-14.5, abs=1e-12)


def test_curves(run):
    tf, torch = run("010_activation_functions/curves_tf.py"), run("010_activation_functions/curves_torch.py")
    assert_parity(tf.stdout, torch.stdout, rtol=1e-6, atol=1e-9)
    assert len(tf.figures) == len(torch.figures) == 1
    for out in (tf.stdout, torch.stdout):
        assert numbers(line(out, "sigmoid' max:")) == pytest.approx([0.25, 0.0], abs=1e-9)
        assert numbers(line(out, "tanh' max:")) == pytest.approx([1.0, 0.0], abs=1e-9)
        assert value(out, "sigmoid'(10) / sigmoid' max:") < 2e-4
        assert value(out, "tanh'(10) / tanh' max:") < 1e-8
        # GELU is not monotonic: a minimum of about -0.17 near x = -0.75
        assert numbers(line(out, "gelu min:")) == pytest.approx([-0.17, -0.75], abs=0.005)
        # the tanh approximation is close to exact GELU, but not equal: the twins must use one form
        assert 1e-4 < value(out, "gelu exact vs tanh approximation, max |difference|:") < 1e-3
        # the numbers the page quotes: 4.7e-4 apart, sigmoid'(10) about 0.018 % of its peak
        assert value(out, "gelu exact vs tanh approximation, max |difference|:") == pytest.approx(4.7e-4, abs=2e-5)
        assert value(out, "sigmoid'(10) / sigmoid' max:") == pytest.approx(1.8e-4, abs=1e-5)


def test_gelu_far_tail_rounds_differently(run):
    # the page: at x = -10 TensorFlow prints about -7.6e-23, PyTorch's 1 + erf cancels to exactly 0 ("-0")
    tf = numbers(line(run("010_activation_functions/values_tf.py").stdout, "gelu(x):"))[0]
    torch = numbers(line(run("010_activation_functions/values_torch.py").stdout, "gelu(x):"))[0]
    assert tf == pytest.approx(-7.6e-23, rel=0.01)
    assert torch == 0.0
