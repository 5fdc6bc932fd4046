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
        # the page quotes layer 1 and 20 from the per-layer table
        weights = table(out)["sigmoid Xavier"][0]
        assert weights[0] == s["w1"] and weights[-1] == s["w20"]
        assert 1e-15 < s["w1"] < 1e-12 and 0.005 < s["w20"] < 0.2
        assert s["w_ratio"] < 1e-11  # more than eleven orders
        # close to the bound (1/4)^19: within a factor of 10
        assert 0.25**19 / 10 < s["w_ratio"] < 0.25**19 * 10
        bound = value(out, "sigmoid bound over 19 layers, (1/4)^19:")
        assert bound == 3.64e-12 and abs(bound - 0.25**19) < 1e-14
        signal = table(out)["sigmoid Xavier"][1]
        # shrinks at every layer going back
        assert all(a < b for a, b in zip(signal, signal[1:]))
        # shrinks by more than 4 per layer on average: sigmoid' <= 1/4
        assert 0.15 < s["gain"] < 0.25
        # sigmoid outputs sit around one half instead of shrinking: the norm
        # of h_19 is "only" a little smaller than that of the input
        forward = numbers(line(out, "forward, sigmoid Xavier"))
        assert 1 < forward[2] < 4
        assert 0.4 < forward[3] < 0.6


def test_relu_with_he_keeps_gradients_level(run):
    for out in outputs(run, "gradients"):
        s = summary(out, "relu He")
        weights = table(out)["relu He"][0]
        assert weights[0] == s["w1"] and weights[-1] == s["w20"]
        assert 0.1 < s["w_ratio"] < 10  # within a factor of 10
        signal = table(out)["relu He"][1]
        assert abs(max(signal) / min(signal) - s["spread"]) < 0.02
        assert 1 < s["spread"] < 3  # within a factor of 3 over all layers


def test_relu_reduces_but_does_not_eliminate_vanishing(run):
    for out in outputs(run, "gradients"):
        s = summary(out, "relu Xavier")
        # the backward signal still loses about 1/sqrt(2) per layer ...
        assert abs(s["gain"] - 1 / math.sqrt(2)) < 0.05
        signal = table(out)["relu Xavier"][1]
        assert s["h_ratio"] > 1000  # more than a thousand times smaller
        assert abs(signal[-1] / signal[0] / s["h_ratio"] - 1) < 0.02
        # weight gradients look level: layer 1 and layer 20 within 2x
        weights = table(out)["relu Xavier"][0]
        assert 0.5 < weights[0] / weights[-1] < 2
        # ... and every weight gradient is far smaller than with He scale
        nets = table(out)
        ratio = value(out, "smallest He / Xavier ratio of relu dW over layers:")
        assert ratio > 300
        assert abs(min(h / x for h, x in zip(nets["relu He"][0],
                                             nets["relu Xavier"][0]))
                   / ratio - 1) < 0.02
        # level only because the forward signal shrinks almost as fast
        forward = numbers(line(out, "forward, relu Xavier"))
        assert 300 < forward[2] < s["h_ratio"]
        assert 0.5 < numbers(line(out, "forward, relu He"))[2] < 3
        # dead units, about a third: scaling the weights changes no sign
        assert s["off"] == summary(out, "relu He")["off"]
        assert 0.25 < s["off"] < 0.4


def test_clip_by_global_norm(run):
    for out in outputs(run, "clipping"):
        assert value(out, "global gradient norm:") > 1000  # exploding
        # exactly the threshold, same direction
        assert value(out, "norm after clipping by norm:") == 1.0
        assert value(out, "MAX_NORM:") == 1.0
        assert value(out, "cosine(clipped by norm, original):") == 1.0
        # clipping by value changes the direction
        assert value(out, "cosine(clipped by value, original):") < 0.6


def test_clipping_keeps_the_run_finite(run):
    for out in outputs(run, "training"):
        unclipped = numbers(line(out, "no clipping, loss at steps 0-4:"))
        start = unclipped[0]
        assert 100 < start < 1000
        # one step multiplies the loss by thousands, the next by far more
        assert 1e3 < unclipped[1] / start < 1e5
        assert unclipped[2] > 1e6 * unclipped[1]
        assert abs(value(out, "no clipping, loss at step 1 / step 0:")
                   / (unclipped[1] / start) - 1) < 0.01
        assert all(math.isnan(v) for v in unclipped[3:])  # NaN from step 3
        assert math.isnan(value(out, "no clipping, loss at step 19:"))
        clipped = numbers(line(out, "with clipping, loss at steps 0-4:"))
        assert clipped[0] == start
        assert all(a > b for a, b in zip(clipped, clipped[1:]))
        end = value(out, "with clipping, loss at step 19:")
        ratio = value(out, "with clipping, loss at step 19 / step 0:")
        assert 0 < ratio < 0.5 and abs(ratio - end / start) < 1e-3


def test_every_step_is_clipped_and_a_smaller_rate_does_better(run):
    for out in outputs(run, "training"):
        # every step clipped: fixed-step SGD, not an occasional safety net
        assert numbers(line(out, "with clipping, steps clipped:")) == [20, 20]
        smallest = value(out, "with clipping, smallest norm before clipping:")
        assert smallest > 100 * value(out, "MAX_NORM:")
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
        # mean, min, max, each the mean or extreme of the seed rows
        for summary_, column in ((clipped, 1), (plain, 2)):
            values = [r[column] for r in rows]
            assert summary_[1] <= summary_[0] <= summary_[2]
            assert abs(summary_[1] - min(values)) < 0.06 * summary_[1]
            assert abs(summary_[2] - max(values)) < 0.06 * summary_[2]
        assert plain[2] < clipped[1]  # worst plain seed beats best clipped


def test_clipping_per_tensor_is_not_global(run):
    for out in outputs(run, "clipping"):
        each = numbers(line(out, "each tensor:"))
        together = numbers(line(out, "all together:"))
        assert each[0] == together[0] == 11
        assert abs(together[1] - 1) < 1e-4  # global: exactly the threshold
        assert abs(each[1] - math.sqrt(each[0])) < 1e-4  # every tensor clipped
