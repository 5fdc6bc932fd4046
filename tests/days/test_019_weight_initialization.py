"""Day 19 claims: through 20 layers, naive inits make activations vanish, explode or saturate,
while Xavier (tanh) and He (ReLU) keep them in a band; each layer multiplies the std by the gain
the variance argument predicts; the frameworks agree when they share weights; built-in
initializers match their formulas, and the defaults differ between frameworks."""
import math

from verified.testing import line, numbers, value

DAY = "019_weight_initialization"
WIDTH = 256
SMALL, LARGE = "naive N(0, 0.01^2)", "naive N(0, 1)"


def stds(out, activation, scheme):
    found = numbers(line(out, f"{activation} {scheme} std by layer:"))
    assert len(found) == 20
    return found


def per_layer_gain(s):
    return (s[-1] / s[0]) ** (1 / 19)


def test_activation_statistics_parity(run):
    # the same NumPy weights in both frameworks: every std agrees within 0.3%
    tf, torch = run(f"{DAY}/activations_tf.py").stdout, run(f"{DAY}/activations_torch.py").stdout
    for activation, schemes in [("tanh", [SMALL, LARGE, "Xavier"]), ("relu", [SMALL, LARGE, "Xavier", "He"])]:
        for scheme in schemes:
            for a, b in zip(stds(tf, activation, scheme), stds(torch, activation, scheme)):
                assert abs(a - b) <= 3e-3 * abs(b), (activation, scheme, a, b)
    for scheme in (SMALL, LARGE, "Xavier"):
        label = f"tanh {scheme} saturated at layer 20:"
        assert abs(value(tf, label) - value(torch, label)) <= 0.005


def test_naive_inits_vanish_explode_or_saturate(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/activations_{fw}.py").stdout
        assert stds(out, "tanh", SMALL)[-1] < 1e-12
        assert stds(out, "relu", SMALL)[-1] < 1e-15
        assert stds(out, "relu", LARGE)[-1] > 1e18
        # tanh cannot explode: with N(0, 1) weights it saturates instead
        assert all(0.95 < s < 1 for s in stds(out, "tanh", LARGE))
        assert value(out, f"tanh {LARGE} saturated at layer 20:") > 0.8


def test_gain_per_layer_matches_the_variance_argument(run):
    # ReLU: std multiplies by sigma_w * sqrt(n / 2) per layer; tanh near 0 is linear: sigma_w * sqrt(n)
    out = run(f"{DAY}/activations_torch.py").stdout
    for activation, scheme, predicted in [
        ("relu", SMALL, 0.01 * math.sqrt(WIDTH / 2)),
        ("relu", LARGE, 1.0 * math.sqrt(WIDTH / 2)),
        ("relu", "Xavier", math.sqrt(1 / WIDTH) * math.sqrt(WIDTH / 2)),
        ("tanh", SMALL, 0.01 * math.sqrt(WIDTH)),
    ]:
        gain = per_layer_gain(stds(out, activation, scheme))
        assert abs(gain - predicted) < 0.05 * predicted, (activation, scheme, gain, predicted)


def test_xavier_for_tanh_and_he_for_relu_stay_in_a_band(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/activations_{fw}.py").stdout
        assert all(0.1 < s < 1 for s in stds(out, "tanh", "Xavier"))
        assert value(out, "tanh Xavier saturated at layer 20:") < 0.01
        assert all(0.5 < s < 2 for s in stds(out, "relu", "He"))
        # Xavier is not enough for ReLU: it loses a factor of about sqrt(2) per layer
        relu_xavier = stds(out, "relu", "Xavier")
        assert relu_xavier[-1] < 0.01 * relu_xavier[0]
    assert len(run(f"{DAY}/activations_tf.py").figures) == len(run(f"{DAY}/activations_torch.py").figures) == 1


def test_builtin_initializers_match_their_formulas(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/initializers_{fw}.py").stdout
        for name in ("Glorot normal", "Glorot uniform", "He normal", "He uniform"):
            std, formula = numbers(line(out, f"{name}:"))[:2]
            assert abs(std - formula) < 0.01 * formula, (fw, name, std, formula)
        for name in ("Glorot uniform", "He uniform"):  # uniform on [-a, a]: max |w| = sqrt(3) std
            assert abs(numbers(line(out, f"{name}:"))[2] - math.sqrt(3)) < 0.02
    tf, torch = run(f"{DAY}/initializers_tf.py").stdout, run(f"{DAY}/initializers_torch.py").stdout
    # Keras normal initializers are truncated (no weight beyond about 2.3 std); PyTorch's are not
    assert numbers(line(tf, "He normal:"))[2] < 2.3
    assert numbers(line(torch, "He normal:"))[2] > 3.5


def test_defaults_differ(run):
    tf, torch = run(f"{DAY}/initializers_tf.py").stdout, run(f"{DAY}/initializers_torch.py").stdout
    assert line(tf, "default Dense kernel shape:") == "(256, 512)"  # (fan_in, fan_out)
    assert line(torch, "default Linear weight shape:") == "(512, 256)"  # (fan_out, fan_in)
    tf_std = value(tf, "default Dense kernel:")
    torch_std = value(torch, "default Linear weight:")
    assert abs(tf_std - math.sqrt(2 / (256 + 512))) < 0.01 * tf_std
    assert abs(torch_std - 1 / math.sqrt(3 * 256)) < 0.01 * torch_std
    assert torch_std < 0.5 * math.sqrt(2 / 256)  # neither default is He init
    assert line(tf, "default Dense bias: all zero") == "True"
    assert line(torch, "default Linear bias: all zero") == "False"


def test_quoted_orders_of_magnitude_and_drift(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/activations_{fw}.py").stdout
        # layer 20: about 1e-16 (tanh, small), 1e-19 (ReLU, small), 1e21 (ReLU, large)
        assert 1e-17 < stds(out, "tanh", SMALL)[-1] < 1e-15
        assert 1e-20 < stds(out, "relu", SMALL)[-1] < 1e-18
        assert 1e20 < stds(out, "relu", LARGE)[-1] < 1e22
        # Xavier tanh drifts from 0.63 to 0.15, roughly like 1 / sqrt(2 l) once past the first layers
        xavier = stds(out, "tanh", "Xavier")
        assert abs(xavier[0] - 0.63) < 0.005 and abs(xavier[-1] - 0.15) < 0.01
        for layer, s in enumerate(xavier, start=1):
            if layer >= 5:
                assert abs(s * math.sqrt(2 * layer) - 1) < 0.1, (layer, s)
    torch = run(f"{DAY}/initializers_torch.py").stdout
    assert abs(numbers(line(torch, "He normal:"))[2] - 4.6) < 0.1  # the largest of 131,072 plain normal draws
    assert abs(value(torch, "default Linear weight:") - 0.036) < 0.0005
