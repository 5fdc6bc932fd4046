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
        # (std 0.974 or 0.975 at every layer on A, B and C; 0.864 or 0.865 saturated)
        assert all(0.96 < s < 0.99 for s in table["tanh large"])
        saturated = summary(out, "tanh large")[3]
        assert 0.84 <= saturated <= 0.89
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
        for r in RUNS:  # the printed gain is (std_20 / std_1)^(1/19)
            first, last = summary(out, r)[:2]
            assert abs(gains[r] / (last / first) ** (1 / 19) - 1) < 0.02, r
        # relu: within 3% of the prediction (on A, B and C: 0.115, 11.5, 0.716, 1.01)
        for scheme in ("small", "large", "Xavier", "He"):
            got, want = gains[f"relu {scheme}"], predicted[scheme][2]
            assert abs(got - want) < 0.03 * want, (scheme, got, want)
        # tanh: the linear prediction holds for small weights only
        assert abs(gains["tanh small"] - predicted["small"][1]) <= 0.01
        assert gains["tanh large"] < 0.1 * predicted["large"][1]
        assert 0.9 < gains["tanh large"] < 1.1  # about 1: the std neither grows nor shrinks


def test_xavier_for_tanh_and_he_for_relu_stay_in_a_band(run):
    for out in outputs(run, "activations"):
        table = by_layer(out)
        xavier = table["tanh Xavier"]
        assert numbers(line(out, "tanh Xavier std range:")) == [min(xavier), max(xavier)]
        assert summary(out, "tanh Xavier")[:2] == [xavier[0], xavier[-1]]
        assert xavier == sorted(xavier, reverse=True)  # drifts down
        assert summary(out, "tanh Xavier")[3] == 0  # no unit saturated at layer 20
        assert 0.9 < summary(out, "tanh Xavier")[2] < 1  # slowly: the gain per layer is a little below 1
        for layer, s in enumerate(xavier, start=1):
            if layer >= 5:  # roughly like 1 / sqrt(2 l)
                assert abs(s * math.sqrt(2 * layer) - 1) < 0.1, (layer, s)
        he = table["relu He"]
        assert numbers(line(out, "relu He std range:")) == [min(he), max(he)]
        assert 0.7 < min(he) and max(he) < 1.3  # a band around 1 (0.827 to 1.13 on A, B and C)
        # Xavier is not enough for ReLU: below 1% of where it started
        relu_xavier = summary(out, "relu Xavier")
        assert relu_xavier[:2] == [table["relu Xavier"][0], table["relu Xavier"][-1]]
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
            assert abs(numbers(line(out, f"{name}:"))[2] - math.sqrt(3)) <= 0.01
    # Keras normal initializers are truncated at 2 / 0.8796 = 2.274 std (2.27 printed); PyTorch's are not
    # (4.56 and 4.58 on A, B and C)
    for name in ("Glorot normal:", "He normal:"):
        assert 2.2 < numbers(line(tf, name))[2] <= 2.28
        assert numbers(line(torch, name))[2] > 3.5


def test_defaults_differ(run):
    tf, torch = outputs(run, "initializers")
    assert line(tf, "default kernel shape:") == "(256, 512)"  # (in, out)
    assert line(torch, "default weight shape:") == "(512, 256)"  # (out, in)
    std, formula = numbers(line(tf, "default kernel:"))
    assert formula == 0.0510 and abs(std - formula) <= 2e-4  # Glorot uniform: sqrt(2 / (256 + 512))
    std, formula = numbers(line(torch, "default weight:"))
    assert formula == 0.0361 and abs(std - formula) <= 2e-4
    assert abs(0.0361 - 1 / math.sqrt(3 * 256)) < 5e-5
    assert std < 0.5 * 0.0884  # well under He's std
    assert line(tf, "default bias all zero:") == "True"
    assert line(torch, "default bias all zero:") == "False"
    # neither default is He init (std 0.0884): ReLU gains below 1 (0.578 and 0.408 on A, B and C)
    tf_gain = value(tf, "ReLU gain per layer with this default:")
    assert abs(tf_gain - numbers(line(tf, "default kernel:"))[0] * math.sqrt(128)) < 2e-3
    assert abs(tf_gain - math.sqrt(1 / 3)) < 5e-3 and tf_gain < 1  # Glorot's sqrt(2 / 768) * sqrt(128)
    torch_gain = value(torch, "ReLU gain per layer with this default:")
    assert abs(torch_gain - math.sqrt(1 / 6)) < 5e-3  # the page's sqrt(1/6) = 0.408
    assert abs(0.408 - math.sqrt(1 / 6)) < 5e-4
