"""Day 10 claims: five activations and their autodiff derivatives equal the textbook formulas and
each other across frameworks; sigmoid and tanh saturate; GELU's slope is 0.5 at 0+ and reaches 0.9
only at x = 0.5544, while ReLU's is 1 for every positive input; sigmoid's outputs are all positive and
about 2.4 standard deviations off centre, several times more than ReLU, Leaky ReLU and GELU (in that order),
while tanh's mean is 0 to three decimals; ReLU's gradient is zero on half of N(0,1) inputs; Leaky ReLU's
slope is fixed while PReLU's is learned. The N(0,1) statistics are sample values (the page fills them from
the output), so they are tested with bands around the population values."""
import math

import pytest

from verified.testing import assert_parity, line, numbers, value

SLOPE = 0.1  # Leaky ReLU's negative slope, set by hand in both twins
GRID = [-10, -3, -1, -0.5, 0, 0.5, 1, 3, 10]
NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "gelu"]



def _gelu_slope_root(target):  # bisection on GELU's exact derivative, Phi(x) + x phi(x), increasing on [0, 1]
    slope = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2))) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    low, high = 0.0, 1.0
    for _ in range(60):
        low, high = ((low + high) / 2, high) if slope((low + high) / 2) < target else (low, (low + high) / 2)
    return low

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
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _values(run, fw):
    return run(f"010_activation_functions/values_{fw}.py").stdout


def _grid_table(out, title):
    """{name: [values at GRID]} from the table printed under `title`."""
    rows = out.splitlines()
    start = rows.index(title) + 2  # the title, then the header
    columns = list(zip(*(numbers(r)[1:] for r in rows[start:start + len(GRID)])))
    assert [numbers(r)[0] for r in rows[start:start + len(GRID)]] == GRID
    return dict(zip(NAMES, columns))


def _normal_row(out, name):  # mean, std, mean/std, share > 0, zero-gradient share
    return numbers(line(out.split("N(0, 1) in")[1], name))


def test_values_parity_across_frameworks(run):
    # explicit tolerance: at x = -10 TensorFlow's GELU is -7.6e-23 where PyTorch's 1 + erf cancels to -0
    assert_parity(_values(run, "tf"), _values(run, "torch"), rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_values_and_derivatives_match_formulas(run, fw):
    out = _values(run, fw)
    for title, which in (("f(x)", 0), ("f'(x), by autodiff", 1)):
        for name, printed in _grid_table(out, title).items():
            formula = FORMULAS[name][which]
            for x, got in zip(GRID, printed):
                want = formula(x)
                assert abs(got - want) <= 1e-12 + 1e-6 * abs(want), f"{name} {title} at x={x}: {got} vs {want}"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_saturation_and_centring(run, fw):
    out = _values(run, fw)
    slopes = _grid_table(out, "f'(x), by autodiff")
    assert slopes["sigmoid"][4] == 0.25 and max(slopes["sigmoid"]) == 0.25  # at x = 0
    assert slopes["sigmoid"][0] < 1e-4 and slopes["sigmoid"][-1] < 1e-4  # |x| = 10: saturated
    assert slopes["tanh"][-1] < 1e-8
    # GELU near 0: slope 0.5 at 0 and 0.867 at 0.5, not "near 1"
    assert slopes["gelu"][4] == 0.5 and slopes["gelu"][5] == pytest.approx(0.8675, abs=1e-4)
    sig, tanh, relu, leaky, gelu = (_normal_row(out, n) for n in ("sigmoid", "tanh", "relu", "leaky_relu", "gelu"))
    # sigmoid: every output positive, mean about 0.5, about 2.4 standard deviations off centre
    # (population 0.5 / 0.2083 = 2.40; the sample prints 2.40 on machines A, B and C)
    assert sig[0] == pytest.approx(0.5, abs=0.001) and sig[3] == 1.0
    assert 2.3 < sig[2] < 2.5 and sig[2] == pytest.approx(sig[0] / sig[1], abs=0.01)
    # ReLU, Leaky ReLU and GELU are off centre too, by far less and in that order (population 0.68, 0.59,
    # 0.48); tanh is centred: its mean is 0 to three decimals
    assert 0.6 < relu[2] < 0.75 and 0.4 < gelu[2] < 0.55
    assert sig[2] > 3 * relu[2] and relu[2] > leaky[2] > gelu[2] > 0
    assert abs(tanh[0]) < 0.0005
    # ReLU, Leaky ReLU and GELU are positive about half the time, on the same inputs
    assert relu[3] == leaky[3] == gelu[3] and abs(relu[3] - 0.5) < 0.01
    # ReLU passes no gradient for about half of N(0,1) inputs (all the negative ones); the others pass some
    assert abs(relu[4] - 0.5) < 0.01 and relu[3] + relu[4] == pytest.approx(1, abs=1e-4)
    for name in ("sigmoid", "tanh", "leaky_relu", "gelu"):
        assert _normal_row(out, name)[4] == 0.0, name


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_leaky_slope_is_fixed_prelu_slope_is_learned(run, fw):
    out = _values(run, fw)
    assert numbers(line(out, "parameters:")) == [0, 1]
    # d(sum prelu(x))/d(slope) is the sum of the negative inputs: -10 - 3 - 1 - 0.5
    assert value(out, "PReLU d(sum)/d(slope):") == pytest.approx(-14.5, abs=1e-12)


def test_curves(run):
    tf, torch = run("010_activation_functions/curves_tf.py"), run("010_activation_functions/curves_torch.py")
    assert_parity(tf.stdout, torch.stdout)
    assert len(tf.figures) == len(torch.figures) == 1
    for out in (tf.stdout, torch.stdout):
        assert numbers(line(out, "sigmoid' max:")) == pytest.approx([0.25, 0.0], abs=1e-9)
        assert numbers(line(out, "tanh' max:")) == pytest.approx([1.0, 0.0], abs=1e-9)
        assert value(out, "sigmoid'(10) / sigmoid' max:") == pytest.approx(1.82e-4, abs=1e-6)
        assert value(out, "tanh'(10) / tanh' max:") == pytest.approx(8.24e-9, rel=1e-3)
        # slopes for x > 0 (first grid point 0.01): ReLU and Leaky ReLU exactly 1 everywhere;
        # GELU starts near 0.5 and reaches 0.9 at x = 0.5544 (grid point 0.56), peaking at 1.129 near x = 1.41
        assert numbers(line(out, "relu ")) == [1.0, 1.0, 0.01]
        assert numbers(line(out, "leaky_relu ")) == [1.0, 1.0, 0.01]
        assert numbers(line(out, "gelu ")) == pytest.approx([0.508, 1.129, 0.56], abs=1e-9)
        assert numbers(line(out, "gelu' max:")) == pytest.approx([1.129, 1.41], abs=1e-9)
        # 0.56 is only the first grid point; the crossing itself, against the root of Phi(x) + x phi(x) = 0.9
        cross = value(out, "gelu' = 0.9 at x =")
        assert cross == pytest.approx(_gelu_slope_root(0.9), abs=1e-4) and 0.55 < cross < 0.56
        # GELU is not monotonic: a minimum of about -0.17 near x = -0.75
        assert numbers(line(out, "gelu min:")) == pytest.approx([-0.17, -0.75], abs=1e-9)
        # the tanh approximation is close to exact GELU, but not equal: the twins must use one form
        assert value(out, "gelu exact vs tanh approximation, max |difference|:") == pytest.approx(4.7e-4, abs=1e-9)


def test_gelu_far_tail_rounds_differently(run):
    # the page: at x = -10 TensorFlow prints close to the exact -10 Phi(-10), about -7.62e-23 (it prints
    # -7.619866e-23 on machines A, B and C), while PyTorch's 1 + erf cancels to exactly 0 ("-0")
    tf = _grid_table(_values(run, "tf"), "f(x)")["gelu"][0]
    torch = _grid_table(_values(run, "torch"), "f(x)")["gelu"][0]
    assert tf == pytest.approx(-10 * _Phi(-10), rel=1e-4) and tf == pytest.approx(-7.62e-23, rel=1e-3)
    assert torch == 0.0
