"""Day 20 claims: in a 20-layer sigmoid net the first layer's gradient is orders of magnitude
smaller than the last's, while ReLU + He keeps it level; ReLU alone does not remove vanishing
(Xavier scale still shrinks the backward signal, and some units pass no gradient at all);
clipping by global norm rescales to exactly the threshold without turning the gradient, and
saves a run whose gradients explode. Both frameworks print the same numbers."""
import math

from verified.testing import assert_parity, line, numbers, value

DAY = "020_vanishing_exploding_gradients"


def norms(out, net, kind):
    found = numbers(line(out, f"{net} {kind} norm by layer:"))
    assert len(found) == 20
    return found


def test_gradient_parity(run):
    # identical NumPy weights and data: every norm agrees within 0.1%
    tf = run(f"{DAY}/gradients_tf.py")
    torch = run(f"{DAY}/gradients_torch.py")
    assert_parity(tf.stdout, torch.stdout, rtol=1e-3, atol=0)
    assert len(tf.figures) == len(torch.figures) == 1


def test_sigmoid_gradients_vanish(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/gradients_{fw}.py").stdout
        weight = norms(out, "sigmoid, Xavier", "dL/dW")
        assert weight[0] < 1e-9 * weight[-1]  # more than nine orders of magnitude
        assert value(out, "sigmoid, Xavier first / last dL/dW norm:") < 1e-9
        signal = norms(out, "sigmoid, Xavier", "dL/dh")
        assert all(a < b for a, b in zip(signal, signal[1:]))  # shrinks at every layer going back
        factor = (signal[0] / signal[-1]) ** (1 / 19)
        assert 0.15 < factor < 0.3  # about a quarter per layer: sigmoid' <= 1/4


def test_relu_with_he_keeps_gradients_level(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/gradients_{fw}.py").stdout
        assert 0.1 < value(out, "relu, He first / last dL/dW norm:") < 10
        signal = norms(out, "relu, He", "dL/dh")
        assert max(signal) < 3 * min(signal)


def test_relu_reduces_but_does_not_eliminate_vanishing(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/gradients_{fw}.py").stdout
        # ReLU with Xavier scale: the backward signal still loses about sqrt(2) per layer ...
        signal = norms(out, "relu, Xavier", "dL/dh")
        factor = (signal[0] / signal[-1]) ** (1 / 19)
        assert abs(factor - 1 / math.sqrt(2)) < 0.05
        assert signal[0] < 1e-2 * signal[-1]
        # ... and every weight gradient is over 100 times smaller than with He scale
        xavier, he = norms(out, "relu, Xavier", "dL/dW"), norms(out, "relu, He", "dL/dW")
        assert all(a < 1e-2 * b for a, b in zip(xavier, he))
        # dead units: off for every input, so they pass no gradient back
        dead = value(out, "relu, He units off for every input at layer 20:")
        assert dead > 0.2
        # scaling the weights does not change any sign: the Xavier net has the same dead units
        assert value(out, "relu, Xavier units off for every input at layer 20:") == dead


def test_clipping_parity(run):
    tf = run(f"{DAY}/clipping_tf.py").stdout
    torch = run(f"{DAY}/clipping_torch.py").stdout
    assert_parity(tf, torch, rtol=1e-3, atol=0)  # NaN where the unclipped run blew up, in both


def test_clip_by_global_norm(run):
    names = {"tf": ("clip_by_global_norm", "clip_by_value"),
             "torch": ("clip_grad_norm_", "clip_grad_value_")}
    for fw, (by_norm, by_value) in names.items():
        out = run(f"{DAY}/clipping_{fw}.py").stdout
        assert value(out, "global gradient norm:") > 1000  # exploding
        assert abs(value(out, f"after {by_norm}(1.0):") - 1.0) < 1e-5  # exactly the threshold
        assert value(out, "cosine(clipped, original):") > 1 - 1e-5  # same direction
        # clipping by value changes the direction
        assert numbers(line(out, f"after {by_value}(0.01):"))[-1] < 0.5  # cosine


def test_clipping_saves_the_run(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/clipping_{fw}.py").stdout
        start = value(out, "loss at the start:")
        unclipped = numbers(line(out, "no clipping, loss at steps 0-4:"))
        assert unclipped[1] > 1000 * start  # the first unclipped step makes things far worse
        assert all(math.isfinite(v) for v in unclipped[:3])
        assert all(math.isnan(v) for v in unclipped[3:])  # NaN from step 3 on
        assert math.isnan(value(out, "no clipping, loss at step 19:"))
        clipped = numbers(line(out, "with clipping, loss at steps 0-4:"))
        assert all(a > b for a, b in zip(clipped, clipped[1:]))
        assert value(out, "with clipping, loss at step 19:") < 0.25 * start


def test_quoted_magnitudes(run):
    for fw in ("tf", "torch"):
        out = run(f"{DAY}/gradients_{fw}.py").stdout
        weight = norms(out, "sigmoid, Xavier", "dL/dW")
        assert 3e-14 < weight[0] < 3e-13 and 0.02 < weight[-1] < 0.05  # about 1e-13 and 0.03
        ratio = value(out, "sigmoid, Xavier first / last dL/dW norm:")
        assert 1.5e-12 < ratio < 3e-12 and ratio < 1e-11  # 2e-12: more than eleven orders of magnitude
        assert abs(value(out, "relu, He first / last dL/dW norm:") - 0.56) < 0.01
        signal = norms(out, "relu, Xavier", "dL/dh")
        assert signal[0] < 1e-3 * signal[-1]  # more than 1,000 times smaller at layer 1
        assert abs(value(out, "relu, He units off for every input at layer 20:") - 1 / 3) < 0.02  # about a third
        clip = run(f"{DAY}/clipping_{fw}.py").stdout
        assert abs(value(clip, "global gradient norm:") - 2400) < 50
        by_value = "clip_by_value" if fw == "tf" else "clip_grad_value_"
        assert abs(numbers(line(clip, f"after {by_value}(0.01):"))[-1] - 0.3) < 0.01  # cosine about 0.3
        unclipped = numbers(line(clip, "no clipping, loss at steps 0-4:"))
        assert abs(unclipped[0] - 291) < 1 and 7e5 < unclipped[1] < 9e5 and 1e15 < unclipped[2] < 1e17
        assert abs(value(clip, "with clipping, loss at step 19:") - 53) < 0.5
