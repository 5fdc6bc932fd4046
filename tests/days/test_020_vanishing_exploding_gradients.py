"""Day 20 claims: in a 20-layer sigmoid net the first layer's gradient is
orders of magnitude smaller than the last's, while ReLU + He keeps it level;
ReLU alone does not remove vanishing (Xavier scale still shrinks the backward
signal, and some units pass no gradient at all); clipping by global norm
rescales to exactly the threshold without turning the gradient, and saves a
run whose gradients explode. Both frameworks print the same numbers."""
import math

from verified.testing import assert_parity, line, numbers, value

DAY = "020_vanishing_exploding_gradients"
NETS = ["sigmoid Xavier", "relu Xavier", "relu He"]


def outputs(run, name):
    return [run(f"{DAY}/{name}_{fw}.py").stdout for fw in ("tf", "torch")]


def summary(out, net):
    """dW 1, dW 20, dW 1/20, dh 20/1, dh gain per layer, dh max/min, off."""
    found = numbers(line(out, net))
    assert len(found) == 7
    return dict(zip(["w1", "w20", "w_ratio", "h_ratio", "gain", "spread",
                     "off"], found))


def table(out):
    """{net: ([dL/dW by layer], [dL/dh by layer])}."""
    rows = [numbers(r) for r in out.splitlines() if len(numbers(r)) == 7
            and not r.startswith(tuple(NETS))]
    assert [r[0] for r in rows] == list(range(1, 21))
    return {net: ([r[1 + i] for r in rows], [r[4 + i] for r in rows])
            for i, net in enumerate(NETS)}


def test_parity(run):
    # identical NumPy weights and data: every printed number agrees to one
    # unit of its last digit, NaN at the same steps
    assert_parity(*outputs(run, "gradients"))
    assert_parity(*outputs(run, "clipping"))
    # the plain runs at 0.001 end after 20 large steps; float rounding moves
    # their last loss by two units of the second digit (0.93 against 0.95)
    assert_parity(*outputs(run, "training"), digits=2)
    figures = [len(run(f"{DAY}/gradients_{fw}.py").figures)
               for fw in ("tf", "torch")]
    assert figures == [1, 1]


def test_sigmoid_gradients_vanish(run):
    for out in outputs(run, "gradients"):
        s = summary(out, "sigmoid Xavier")
        assert s["w1"] == 7.5e-14 and s["w20"] == 0.0319
        assert s["w_ratio"] == 2.35e-12 < 1e-11  # more than eleven orders
        bound = value(out, "sigmoid bound over 19 layers, (1/4)^19:")
        assert bound == 3.64e-12 and abs(bound - 0.25**19) < 1e-14
        signal = table(out)["sigmoid Xavier"][1]
        # shrinks at every layer going back
        assert all(a < b for a, b in zip(signal, signal[1:]))
        assert s["gain"] == 0.229 <= 0.25  # sigmoid' <= 1/4
        # sigmoid outputs sit around one half instead of shrinking
        forward = numbers(line(out, "forward, sigmoid Xavier"))
        assert forward[2] == 1.99 < 4 and forward[3] == 0.484
        assert 0.4 < forward[3] < 0.6


def test_relu_with_he_keeps_gradients_level(run):
    for out in outputs(run, "gradients"):
        s = summary(out, "relu He")
        assert s["w_ratio"] == 0.563 and 0.1 < s["w_ratio"] < 10
        signal = table(out)["relu He"][1]
        assert abs(max(signal) / min(signal) - s["spread"]) < 0.02
        assert s["spread"] == 2.11


def test_relu_reduces_but_does_not_eliminate_vanishing(run):
    for out in outputs(run, "gradients"):
        s = summary(out, "relu Xavier")
        # the backward signal still loses about 1/sqrt(2) per layer ...
        assert s["gain"] == 0.687 and abs(s["gain"] - 1 / math.sqrt(2)) < 0.03
        assert s["h_ratio"] == 1.26e3 > 1000
        assert s["w_ratio"] == 0.81
        # ... and every weight gradient is far smaller than with He scale
        nets = table(out)
        ratio = value(out, "smallest He / Xavier ratio of relu dW over layers:")
        assert ratio == 564
        assert min(h / x for h, x in zip(nets["relu He"][0],
                                         nets["relu Xavier"][0])) > 500
        # level only because the forward signal shrinks almost as fast
        forward = numbers(line(out, "forward, relu Xavier"))
        assert forward[2] == 942 and 500 < forward[2] < s["h_ratio"]
        assert numbers(line(out, "forward, relu He"))[2] == 1.3
        # dead units: scaling the weights does not change any sign
        assert s["off"] == summary(out, "relu He")["off"] == 0.328


def test_clip_by_global_norm(run):
    for out in outputs(run, "clipping"):
        assert value(out, "global gradient norm:") == 2405.9  # exploding
        # exactly the threshold, same direction
        assert value(out, "norm after clipping by norm:") == 1.0
        assert value(out, "MAX_NORM:") == 1.0
        assert value(out, "cosine(clipped by norm, original):") == 1.0
        # clipping by value changes the direction
        assert value(out, "cosine(clipped by value, original):") == 0.2998


def test_clipping_keeps_the_run_finite(run):
    for out in outputs(run, "training"):
        start = 290.9  # printed by the clipping snippet, same data and weights
        unclipped = numbers(line(out, "no clipping, loss at steps 0-4:"))
        assert unclipped[0] == start and 7e5 < unclipped[1] < 9e5
        assert 1e15 < unclipped[2] < 1e17
        assert value(out, "no clipping, loss at step 1 / step 0:") == 2.89e3
        assert all(math.isnan(v) for v in unclipped[3:])  # NaN from step 3
        assert math.isnan(value(out, "no clipping, loss at step 19:"))
        clipped = numbers(line(out, "with clipping, loss at steps 0-4:"))
        assert clipped[0] == start
        assert all(a > b for a, b in zip(clipped, clipped[1:]))
        assert value(out, "with clipping, loss at step 19:") == 53.1
        ratio = value(out, "with clipping, loss at step 19 / step 0:")
        assert ratio == 0.183 and abs(ratio - 53.1 / 290.9) < 1e-3


def test_every_step_is_clipped_and_a_smaller_rate_does_better(run):
    for out in outputs(run, "training"):
        # every step clipped: fixed-step SGD, not an occasional safety net
        assert numbers(line(out, "with clipping, steps clipped:")) == [20, 20]
        smallest = value(out, "with clipping, smallest norm before clipping:")
        assert smallest == 335 and smallest > 100 * value(out, "MAX_NORM:")
        assert numbers(line(out, "steps clipped, all seeds:")) == [60, 60]
        rows = [r for r in (numbers(r) for r in out.splitlines())
                if len(r) == 5 and r[0] in (0, 1, 2)]
        assert [r[0] for r in rows] == [0, 1, 2]
        for seed, clip, plain, edge, norm in rows:
            assert math.isnan(edge)  # 0.002 is past the stability limit
            assert plain < clip / 10  # 0.001 without clipping: far lower
            assert norm > 300  # smallest pre-clip norm on every seed
        clipped = numbers(line(out, "clipped at 0.01:"))
        plain = numbers(line(out, "plain at 0.001:"))
        assert clipped == [54, 45, 64] and plain[0] == 1.2  # mean, min, max
        assert plain[2] < clipped[1]  # worst plain seed beats best clipped


def test_clipping_per_tensor_is_not_global(run):
    for out in outputs(run, "clipping"):
        each = numbers(line(out, "each tensor:"))
        together = numbers(line(out, "all together:"))
        assert each == [11, 3.3166] and together == [11, 1.0]
        assert abs(each[1] - math.sqrt(each[0])) < 1e-4  # every tensor clipped
