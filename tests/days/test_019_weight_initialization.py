"""Day 19 claims: through 20 layers, naive inits make activations vanish,
explode or saturate, while Xavier (tanh) and He (ReLU) keep them in a band;
each layer multiplies the std by the gain the variance argument predicts; the
frameworks agree when they share weights; built-in initializers match their
formulas, and the defaults differ between frameworks."""
import math

from verified.testing import assert_parity, line, numbers, value

DAY = "019_weight_initialization"
WIDTH = 256
RUNS = ["tanh small", "tanh large", "tanh Xavier", "relu small",
        "relu large", "relu Xavier", "relu He"]


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in ("tf", "torch")]


def summary(out, name):
    """(layer 1 std, layer 20 std, gain per layer[, saturated]) of one run."""
    return numbers(line(out, name))


def by_layer(out):
    """{run: [std at layer 1..20]} from the table."""
    rows = [numbers(r) for r in out.splitlines()
            if r.strip() and numbers(r) and len(numbers(r)) == 8]
    assert len(rows) == 20 and [r[0] for r in rows] == list(range(1, 21))
    return {name: [r[i + 1] for r in rows] for i, name in enumerate(RUNS)}


def test_parity(run):
    # the same NumPy weights in both frameworks: every printed number agrees
    # to one unit of its last digit (the saturated tanh net differs there)
    assert_parity(*outputs(run, "activations"))
    tf, torch = outputs(run, "initializers")
    for name in ("Glorot uniform:", "He uniform:"):
        assert_parity(line(tf, name), line(torch, name))
    for name in ("Glorot normal:", "He normal:"):  # tails differ (truncated)
        assert_parity(" ".join(line(tf, name).split()[:4]),
                      " ".join(line(torch, name).split()[:4]))


def test_settings_printed(run):
    for out in outputs(run, "activations"):
        assert [value(out, f"{k}:") for k in ("WIDTH", "DEPTH", "BATCH")] == [
            256, 20, 512]


def test_naive_inits_vanish_explode_or_saturate(run):
    for out in outputs(run, "activations"):
        table = by_layer(out)
        # layer 20: about 1e-16 (tanh, small), 1e-19 (ReLU, small), 1e21
        assert 1e-17 < table["tanh small"][-1] < 1e-15
        assert 1e-20 < table["relu small"][-1] < 1e-18
        assert 1e20 < table["relu large"][-1] < 1e22
        assert table["relu large"] == sorted(table["relu large"])
        # tanh cannot explode: with N(0, 1) weights it saturates instead
        assert set(table["tanh large"]) == {0.974, 0.975}
        saturated = summary(out, "tanh large")[3]
        assert 0.86 <= saturated <= 0.87
        assert abs(value(out, "tanh derivative at |h| = 0.99:") - 0.0199) < 1e-4


def test_gain_per_layer_matches_the_variance_argument(run):
    for out in outputs(run, "activations"):
        predicted = {s: numbers(line(out, f"{s}:"))
                     for s in ("small", "large", "Xavier", "He")}
        # printed: sigma, tanh (linear) gain, relu gain
        assert predicted["small"][1:] == [0.16, 0.113]
        assert predicted["large"][1:] == [16, 11.3]
        assert predicted["Xavier"][2] == 0.707
        gains = {r: summary(out, r)[2] for r in RUNS}
        assert gains["relu small"] == 0.115 and gains["relu large"] == 11.5
        assert gains["relu Xavier"] == 0.716 and gains["relu He"] == 1.01
        assert gains["tanh small"] == 0.16 and gains["tanh large"] == 1
        for scheme in ("small", "large", "Xavier", "He"):
            got, want = gains[f"relu {scheme}"], predicted[scheme][2]
            assert abs(got - want) < 0.02 * want, (scheme, got, want)
        # tanh: the linear prediction holds for small weights only
        assert gains["tanh small"] == predicted["small"][1]
        assert gains["tanh large"] < 0.1 * predicted["large"][1]


def test_xavier_for_tanh_and_he_for_relu_stay_in_a_band(run):
    for out in outputs(run, "activations"):
        table = by_layer(out)
        xavier = table["tanh Xavier"]
        assert numbers(line(out, "tanh Xavier std range:")) == [0.154, 0.629]
        assert [min(xavier), max(xavier)] == [0.154, 0.629]
        assert xavier == sorted(xavier, reverse=True)  # drifts down
        assert summary(out, "tanh Xavier")[2:] == [0.929, 0]
        for layer, s in enumerate(xavier, start=1):
            if layer >= 5:  # roughly like 1 / sqrt(2 l)
                assert abs(s * math.sqrt(2 * layer) - 1) < 0.1, (layer, s)
        he = table["relu He"]
        assert numbers(line(out, "relu He std range:")) == [0.827, 1.13]
        assert [min(he), max(he)] == [0.827, 1.13]
        # Xavier is not enough for ReLU: below 1% of where it started
        relu_xavier = summary(out, "relu Xavier")
        assert relu_xavier[:2] == [0.585, 0.00103]
        assert relu_xavier[1] < 0.01 * relu_xavier[0]
    figures = [len(run(f"{DAY}/activations_{fw}.py").figures)
               for fw in ("tf", "torch")]
    assert figures == [1, 1]


def test_builtin_initializers_match_their_formulas(run):
    tf, torch = outputs(run, "initializers")
    for out in (tf, torch):
        assert value(out, "draws per initializer:") == WIDTH * 512 == 131072
        for name in ("Glorot normal", "Glorot uniform", "He normal",
                     "He uniform"):
            std, formula = numbers(line(out, f"{name}:"))[:2]
            assert abs(std - formula) <= 1.5e-4, (name, std, formula)
        for name in ("Glorot uniform", "He uniform"):  # max |w| = sqrt(3) std
            assert numbers(line(out, f"{name}:"))[2] == 1.73
    # Keras normal initializers are truncated; PyTorch's are not
    assert numbers(line(tf, "He normal:"))[2] == 2.27
    assert numbers(line(torch, "Glorot normal:"))[2] == 4.56
    assert numbers(line(torch, "He normal:"))[2] == 4.58


def test_defaults_differ(run):
    tf, torch = outputs(run, "initializers")
    assert line(tf, "default kernel shape:") == "(256, 512)"  # (in, out)
    assert line(torch, "default weight shape:") == "(512, 256)"  # (out, in)
    assert numbers(line(tf, "default kernel:")) == [0.0511, 0.0510]
    assert numbers(line(torch, "default weight:")) == [0.0360, 0.0361]
    assert abs(0.0361 - 1 / math.sqrt(3 * 256)) < 5e-5
    assert line(tf, "default bias all zero:") == "True"
    assert line(torch, "default bias all zero:") == "False"
    # neither default is He init (std 0.0884): ReLU gains 0.578 and 0.408
    assert value(tf, "ReLU gain per layer with this default:") == 0.578
    assert value(torch, "ReLU gain per layer with this default:") == 0.408
    assert abs(0.408 - math.sqrt(1 / 6)) < 5e-4
